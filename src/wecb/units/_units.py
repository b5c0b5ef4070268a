"""Units for rates, counts and durations: pint quantities with exact ``Decimal`` magnitudes.

A unit cost such as "£250,000 per family per year" is a quantity in
``GBP / family / year``; multiplied by a count of families and a duration it
becomes money:

>>> cost = parse_rate("£250,000 per family per year")
>>> to_money(cost * count(500, "family") * duration(1, "year"))
Money('125000000', 'GBP')
>>> to_money(parse_rate("£25 per capita") * count(1_400_000, "person"))
Money('35000000', 'GBP')

**The registry.** :func:`registry` returns one application-wide
``pint.UnitRegistry`` built on first use from wecb's own definitions only (no
pint defaults, no prefixes), with ``Decimal`` as its number type. ``import
wecb.units`` does not import pint; the first call to :func:`registry` (or any
function that needs it) does. Its dimensions:

* ``[currency]``: ``GBP`` (alias ``pound_sterling``). Unit text never contains
  ``£``: pint would silently read ``"1 £"`` as a plain number (pint issue
  1814), so :func:`quantity` refuses it and only :func:`parse_rate` (through
  :meth:`Money.parse`) reads the pound sign.
* ``[time]``: the budgeting ``year`` (aliases ``yr``, ``annum``) is the base;
  ``month = year / 12``, ``day = year / 365`` and ``week = 7 day``, exactly, so
  a year is 12 months, 365 days and 52 1/7 weeks. This is not pint's default
  year of 365.25 days. A *financial year* is a calendar position, not a unit:
  see :class:`wecb.core.periods.FinancialYear`.
* one dimension per cohort, so that families can never be added to people:
  ``person`` (aliases ``capita``, ``head``, ``people``), ``family``
  (``families``), ``household``, ``offender``, ``victim``, ``young_person``
  (``young_people``), ``apprenticeship``, ``team``. Plurals ending in ``s`` are
  understood.

**Exactness.** Magnitudes are always ``Decimal``, whatever the route:

* ``int`` and plain decimal text become ``Decimal`` (never a ``str`` magnitude,
  pint issue 2068); a ``float`` is refused with
  :class:`~wecb.errors.FloatNotAllowedError` at construction *and* as an operand
  later (``q * 1.1``, ``0.5 * registry().GBP``); NaN and infinity are refused.
* ``+``, ``-`` and ``*`` are exact, in Money's private context of
  :data:`wecb.core.money.WORKING_PRECISION` (60) digits: a result needing more raises
  :class:`~wecb.errors.UnitError` rather than rounding. ``/``, ``//``, ``%``
  and ``**`` are exact when the result fits, else rounded half-even at 60
  digits, as for Money; so is a sum of two units of one dimension (``1 GBP/month
  + 1 GBP/year``), which converts, and so divides, first. The caller's
  ``decimal`` context is never read.
* Unit conversions use exact rational factors (a month is exactly 1/12 year)
  and one final division: ``1200 GBP/year`` is exactly ``100 GBP/month``;
  ``7 GBP/year`` in months is rounded at the 60th digit.
* Combining different dimensions (``family + person``, ``GBP + GBP/year``, or
  converting between them) raises :class:`~wecb.errors.UnitError`.
* wecb quantities are values: the in-place ``ito*`` methods are refused (a
  frozen model object may hold the quantity); use ``.to()``.

**Pickling and text.** A pickled pint quantity normally comes back attached to
pint's *application* registry (pint issues 716 and 1568); wecb's quantities and
units pickle through :func:`quantity_to_text`/:func:`quantity_from_text`
instead, so they come back attached to :func:`registry` without any global set
up by the caller. Model objects that hold quantities can do the same in their
own ``__reduce__``. :func:`quantity_to_text` is lossless (the exact
``Decimal``, exponent included) and is the form the file formats use.

**Types.** ``wecb.units.Quantity`` and ``Unit`` name the registry's classes: in
annotations (with ``from __future__ import annotations``) they cost nothing; at
run time they build the registry, so test values with :func:`is_quantity`.

**Cost.** One pint operation costs microseconds against tens of nanoseconds for
``Decimal``: use quantities to state and check unit costs, not in inner loops.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from decimal import (
    Context,
    Decimal,
    DivisionByZero,
    Inexact,
    InvalidOperation,
    localcontext,
)
from fractions import Fraction
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, TypeAlias, TypeGuard

from wecb.core._decimal import DIVIDE, EXACT, bounds_problem
from wecb.core.money import MAX_DIGITS, WORKING_PRECISION, Money
from wecb.errors import FloatNotAllowedError, ParseError, UnitError

if TYPE_CHECKING:
    import pint

    #: A quantity of wecb's registry (at run time ``registry().Quantity``).
    Quantity: TypeAlias = pint.Quantity[Decimal]
    Unit: TypeAlias = pint.Unit
else:

    def __getattr__(name: str) -> object:
        # ``wecb.units.Quantity``/``Unit`` at run time: the registry's classes, built on
        # first use so that importing this module does not import pint.
        if name in ("Quantity", "Unit"):
            return getattr(registry(), name)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "COHORTS",
    "TIME_UNITS",
    "convert",
    "count",
    "duration",
    "from_money",
    "is_quantity",
    "parse_rate",
    "quantity",
    "quantity_from_text",
    "quantity_to_text",
    "rate",
    "registry",
    "to_money",
]

# -- definitions ----------------------------------------------------------------------------

_CURRENCY: Final = "GBP"
#: Cohort units (each its own dimension) and their aliases.
COHORTS: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        "person": ("capita", "head", "people"),
        "family": ("families",),
        "household": (),
        "offender": (),
        "victim": (),
        "young_person": ("young_people",),
        "apprenticeship": (),
        "team": (),
    }
)
#: Time units, as exact fractions of the budgeting year, and their aliases.
TIME_UNITS: Final[Mapping[str, tuple[Fraction, tuple[str, ...]]]] = MappingProxyType(
    {
        "year": (Fraction(1), ("yr", "annum")),
        "month": (Fraction(1, 12), ()),
        "week": (Fraction(7, 365), ("wk",)),
        "day": (Fraction(1, 365), ()),
    }
)

# Exact size of every unit relative to the base unit of its dimension.
_SCALE: Final[dict[str, Fraction]] = {
    _CURRENCY: Fraction(1),
    **{name: scale for name, (scale, _) in TIME_UNITS.items()},
    **dict.fromkeys(COHORTS, Fraction(1)),
}


def _definitions() -> Iterator[str]:
    yield f"{_CURRENCY} = [currency] = _ = pound_sterling"
    for name, (scale, aliases) in TIME_UNITS.items():
        rhs = "[time]" if scale == 1 else f"{scale.numerator} * year / {scale.denominator}"
        yield " = ".join((name, rhs, "_", *aliases)) if aliases else f"{name} = {rhs}"
    for name, aliases in COHORTS.items():
        yield " = ".join((name, f"[{name}]", "_", *aliases)) if aliases else f"{name} = [{name}]"


# Patterns are compiled on first use (re's cache), keeping the import cheap.
_PLAIN_NUMBER: Final = r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
# Unit text: names, integer exponents, * / ** ^ and brackets. pint's tokenizer
# silently drops other characters (£, €, $), so anything else is refused first.
_UNIT_CHARACTERS: Final = r"[A-Za-z0-9_*/^()\-\s]+"
# Unit text is short; the bound keeps pint's recursive parser far from Python's stack limit.
_MAX_UNIT_TEXT: Final = 200
#: The largest power of a unit in unit text (``year ** 12``): exact conversion factors grow
#: as the power, and a budgeting unit is never raised further.
MAX_POWER: Final = 12

# -- the registry -------------------------------------------------------------------------

_LOCK: Final = threading.Lock()
_REGISTRY: pint.UnitRegistry[Decimal] | None = None


def registry() -> pint.UnitRegistry[Decimal]:
    """The one wecb unit registry, built (and pint imported) on first call.

    >>> registry() is registry()
    True
    >>> str(registry().Quantity(3, "families").units)
    'family'
    """
    global _REGISTRY  # noqa: PLW0603 -- one lazily built registry per process
    reg = _REGISTRY
    if reg is None:
        with _LOCK:
            if _REGISTRY is None:
                _REGISTRY = _build_registry()
            reg = _REGISTRY
    return reg


def _build_registry() -> pint.UnitRegistry[Decimal]:
    import pint  # noqa: PLC0415 -- lazy: `import wecb` must not pay for pint
    from pint.errors import DimensionalityError  # noqa: PLC0415

    base: Any = pint.Quantity

    def arithmetic(name: str, context: Context, verb: str) -> Callable[..., Any]:
        method = getattr(base, name)
        adds = verb in ("add", "subtract")

        def wrapped(self: Any, other: Any) -> Any:
            if isinstance(other, float):
                raise FloatNotAllowedError(
                    f"cannot {verb} {self} and the float {other!r}: floats are not exact; "
                    f"pass Decimal('{other!r}') instead"
                )
            if isinstance(other, Fraction) and name in _FRACTION_OPS:
                return _FRACTION_OPS[name](self, other)
            ctx = context
            if adds and isinstance(other, base) and other.units != self.units:
                ctx = DIVIDE  # a conversion (a division) comes first: round like division
            with _quantity_errors(verb, self, other), localcontext(ctx):
                return method(self, other)

        wrapped.__name__ = wrapped.__qualname__ = name
        return wrapped

    def converting(name: str, verb: str = "convert") -> Callable[..., Any]:
        method = getattr(base, name)

        def wrapped(self: Any, *args: Any, **kwargs: Any) -> Any:
            target = args[0] if args else None
            if isinstance(target, str):
                _check_unit_text(target)
            with _quantity_errors(verb, self, target):
                return method(self, *args, **kwargs)

        wrapped.__name__ = wrapped.__qualname__ = name
        return wrapped

    def in_place(name: str) -> Callable[..., Any]:
        def refused(self: Any, *args: Any, **kwargs: Any) -> Any:
            raise UnitError(
                f"{name}() would change {self} in place, but wecb quantities are values "
                f"(a frozen model object may hold this one): use {name[1:]}() instead"
            )

        refused.__name__ = refused.__qualname__ = name
        return refused

    def __new__(cls: Any, value: Any, units: Any = None) -> Any:  # noqa: N807
        if isinstance(value, base):
            return base.__new__(cls, value, units)
        if units is None and isinstance(value, str):
            # A whole expression such as "5 family": pint reads its number as Decimal.
            _check_unit_text(value, numbers=True)
            return base.__new__(cls, value)
        if isinstance(units, str):
            _check_unit_text(units)
        return base.__new__(cls, _coerce_magnitude(value), units)

    namespace: dict[str, Any] = {
        "__module__": __name__,
        "__new__": __new__,
        "__reduce__": _reduce_quantity,
        "compare": converting("compare", "compare"),
        "to": converting("to"),
        "m_as": converting("m_as"),
    }
    for name, verb in (
        ("__add__", "add"),
        ("__radd__", "add"),
        ("__iadd__", "add"),
        ("__sub__", "subtract"),
        ("__rsub__", "subtract"),
        ("__isub__", "subtract"),
        ("__mul__", "multiply"),
        ("__rmul__", "multiply"),
        ("__imul__", "multiply"),
    ):
        namespace[name] = arithmetic(name, EXACT, verb)
    for name in (
        "__truediv__",
        "__rtruediv__",
        "__itruediv__",
        "__floordiv__",
        "__rfloordiv__",
        "__mod__",
        "__rmod__",
        "__divmod__",
        "__pow__",
        "__rpow__",
        "__ipow__",
    ):
        namespace[name] = arithmetic(name, DIVIDE, "raise" if "pow" in name else "divide")
    for name in (
        "ito",
        "ito_base_units",
        "ito_root_units",
        "ito_reduced_units",
        "ito_preferred",
        "ito_unprefixed",
    ):
        namespace[name] = in_place(name)

    quantity_class = type("Quantity", (base,), namespace)
    unit_class = type("Unit", (pint.Unit,), {"__module__": __name__, "__reduce__": _reduce_unit})

    def _convert(
        self: Any, value: Any, src: Any, dst: Any, inplace: bool = False, *args: Any, **kw: Any
    ) -> Any:
        # Replaces pint's conversion (a rounded Decimal factor, so that 1200 GBP/year
        # became 100.000...0 GBP/month) with exact rational factors. Every conversion
        # (to, +, compare, hashing) goes through this private hook of pint 0.24-0.25;
        # tests/test_units.py fails loudly if a pint release bypasses it.
        if src == dst:
            return value
        src_dim = self._get_dimensionality(src)
        dst_dim = self._get_dimensionality(dst)
        if src_dim != dst_dim:
            raise DimensionalityError(src, dst, src_dim, dst_dim)
        return _scale(_exact_magnitude(value), _factor(src) / _factor(dst))

    registry_class = type(
        "WecbUnitRegistry",
        (pint.UnitRegistry,),
        {
            "__module__": __name__,
            "Quantity": quantity_class,
            "Unit": unit_class,
            "_convert": _convert,
        },
    )
    reg: pint.UnitRegistry[Decimal] = registry_class(
        None, non_int_type=Decimal, on_redefinition="raise", case_sensitive=True
    )
    for line in _definitions():
        reg.define(line)
    return reg


def _multiply_fraction(q: Any, factor: Fraction) -> Any:
    return q.__class__(_scale(q.magnitude, factor), q.units)


def _divide_fraction(q: Any, factor: Fraction) -> Any:
    if factor == 0:
        raise UnitError(f"cannot divide {q} by zero")
    return q.__class__(_scale(q.magnitude, 1 / factor), q.units)


_FRACTION_OPS: Final[dict[str, Callable[[Any, Fraction], Any]]] = {
    "__mul__": _multiply_fraction,
    "__rmul__": _multiply_fraction,
    "__imul__": _multiply_fraction,
    "__truediv__": _divide_fraction,
    "__itruediv__": _divide_fraction,
}


@contextmanager
def _quantity_errors(verb: str, left: object, right: object) -> Iterator[None]:
    from pint.errors import DimensionalityError  # noqa: PLC0415 -- pint already loaded here

    try:
        yield
    except DimensionalityError as exc:
        raise UnitError(_mismatch(verb, left, right)) from exc
    except Inexact:
        raise UnitError(
            f"cannot {verb} {left} and {right} exactly: the result needs more than "
            f"{WORKING_PRECISION} significant digits and wecb does not round silently"
        ) from None
    except (DivisionByZero, InvalidOperation) as exc:
        raise UnitError(f"cannot {verb} {left} and {right}: {type(exc).__name__}") from None


def _dimension_text(value: object) -> str:
    if is_quantity(value):
        return str(value.dimensionality)
    if isinstance(value, str):
        try:
            return str(registry().get_dimensionality(value))
        except Exception:  # best effort, only for the message
            return "unknown"
    return "dimensionless"


def _mismatch(verb: str, left: object, right: object) -> str:
    if verb == "convert":
        return (
            f"cannot convert {left} to {right}: {_dimension_text(left)} and "
            f"{_dimension_text(right)} are different dimensions"
        )
    return (
        f"cannot {verb} {left} and {right}: {_dimension_text(left)} and "
        f"{_dimension_text(right)} are different dimensions (wecb keeps money, time and "
        f"each cohort apart, so that families are never added to people)"
    )


def _reduce_quantity(self: Any) -> tuple[Callable[[str], Any], tuple[str]]:
    return (quantity_from_text, (quantity_to_text(self),))


def _reduce_unit(self: Any) -> tuple[Callable[[str], Any], tuple[str]]:
    return (_unit_from_text, (format(self, "D"),))


def _unit_from_text(text: str) -> Unit:
    return _parse_units(text)


# -- exact magnitudes and conversion --------------------------------------------------------


def _bounded(value: Decimal) -> Decimal:
    """``value`` within the bounds of Money (:data:`~wecb.core.money.MAX_DIGITS`): larger or
    longer magnitudes could not be printed or converted."""
    if bounds_problem(value) is None:
        return value
    raise UnitError(
        f"a quantity's magnitude must be from 10**-{MAX_DIGITS} to below 10**{MAX_DIGITS} "
        f"in size, with at most {2 * MAX_DIGITS} significant digits, got {value:.6E}"
    )


def _coerce_magnitude(value: object) -> Decimal:
    """Return ``value`` as a finite Decimal; refuse floats, bools and other types."""
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise UnitError(f"a quantity's magnitude must be finite, got {value!r}")
        return _bounded(value)
    if isinstance(value, float):
        raise FloatNotAllowedError(
            f"got the float {value!r} as a magnitude: floats are not exact; "
            f"pass Decimal('{value!r}') or the string '{value!r}'"
        )
    if isinstance(value, bool):
        raise UnitError(f"a quantity's magnitude must be a number, got {value!r}")
    if isinstance(value, int):
        return _bounded(Decimal(value))
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(_PLAIN_NUMBER, text) is None:
            raise ParseError(
                f"cannot read {value!r} as a magnitude: expected a plain number such as "
                f"'250000' or '0.5' (read '£250,000 per family' with parse_rate)"
            )
        return _bounded(Decimal(text))
    raise UnitError(
        f"a quantity's magnitude must be int, Decimal or numeric text, "
        f"got {type(value).__name__} {value!r}"
    )


def _exact_magnitude(value: object) -> Decimal:
    if isinstance(value, Decimal | float) or (
        isinstance(value, int) and not isinstance(value, bool)
    ):
        return _coerce_magnitude(value)
    raise UnitError(f"cannot convert the magnitude {value!r} exactly")


def _scale(value: Decimal, factor: Fraction) -> Decimal:
    """``value * factor``: exact when the result fits in 60 digits, else one rounding."""
    if factor == 1:
        return value
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite: checked on the way in
    # The numerator is formed exactly in integers, so the division is the only rounding.
    product = int("".join(map(str, digits))) * factor.numerator * (-1 if sign else 1)
    numerator = Decimal((int(product < 0), tuple(map(int, str(abs(product)))), exponent))
    return DIVIDE.divide(numerator, Decimal(factor.denominator))


@functools.lru_cache(maxsize=1024)
def _factor(units: Any) -> Fraction:
    factor = Fraction(1)
    for name, exponent in units.items():
        if exponent != int(exponent):
            raise UnitError(f"cannot convert {name} ** {exponent} exactly: non-integer power")
        factor *= _SCALE[name] ** int(exponent)
    return factor


# -- text -------------------------------------------------------------------------------


def _check_unit_text(text: str, *, numbers: bool = False) -> None:
    if "£" in text:
        raise ParseError(
            f"cannot read {text!r} as units: write GBP rather than '£' in unit text "
            f"(e.g. 'GBP / year'); read text such as '£75m/year' with parse_rate"
        )
    body = text
    if numbers:
        match = re.match(r"\s*" + _PLAIN_NUMBER, text)
        if match is not None:
            body = text[match.end() :]
    if not text.strip() or re.fullmatch(_UNIT_CHARACTERS, body) is None:
        raise ParseError(
            f"cannot read {text!r} as units: expected unit names joined by '*', '/' and "
            f"'**', such as 'GBP / family / year'; known units: {_known_units()}"
        )


def _known_units() -> str:
    cohorts = ", ".join(
        f"{name} ({', '.join(aliases)})" if aliases else name for name, aliases in COHORTS.items()
    )
    times = ", ".join(
        f"{name} ({', '.join(aliases)})" if aliases else name
        for name, (_, aliases) in TIME_UNITS.items()
    )
    return f"{_CURRENCY}; time: {times}; cohorts: {cohorts}"


def _parse_units(text: str | Unit) -> Unit:
    if not isinstance(text, str):
        raise ParseError(f"expected unit text such as 'GBP / year', got {text!r}")
    _check_unit_text(text)
    import tokenize  # noqa: PLC0415 -- pint's parser raises its TokenError

    import pint  # noqa: PLC0415 -- registry() has imported it already

    if len(text) > _MAX_UNIT_TEXT:
        raise ParseError(
            f"cannot read {len(text)} characters as units: unit text such as "
            f"'GBP / family / year' is at most {_MAX_UNIT_TEXT} characters"
        )
    try:
        units = registry().parse_units(text)
    except pint.errors.UndefinedUnitError as exc:
        raise ParseError(
            f"unknown unit in {text!r}: {exc}; known units: {_known_units()}"
        ) from None
    # pint's expression parser lets arithmetic errors out for text such as '1/0', 'GBP**0'
    # or 'GBP**year' (DivisionByZero, KeyError, TypeError).
    except (
        pint.errors.PintError,
        ValueError,
        AssertionError,
        tokenize.TokenError,
        ArithmeticError,
        KeyError,
        TypeError,
        RecursionError,
    ) as exc:
        raise ParseError(
            f"cannot read {text!r} as units ({exc}); expected unit names joined by '*', '/' "
            f"and '**', such as 'GBP / family / year'"
        ) from None
    for name, exponent in units._units.items():
        power: Any = exponent  # int or Decimal (the registry's number type)
        if power != int(power) or abs(power) > MAX_POWER:
            raise ParseError(
                f"cannot read {text!r} as units: {name} ** {power} is not a whole power "
                f"from -{MAX_POWER} to {MAX_POWER}"
            )
    result: Unit = units
    return result


# -- construction ---------------------------------------------------------------------------


def is_quantity(value: object) -> TypeGuard[Quantity]:
    """True when ``value`` is a quantity of wecb's registry.

    Does not build the registry (or import pint) when none exists yet.

    >>> is_quantity(count(3, "team")), is_quantity(3)
    (True, False)
    """
    reg = _REGISTRY
    return reg is not None and isinstance(value, reg.Quantity)


def quantity(value: int | Decimal | str, unit: str | Unit) -> Quantity:
    """A quantity of ``value`` (exact) in ``unit`` (unit text such as ``"GBP / year"``).

    >>> q = quantity("1200", "GBP/year")
    >>> q.magnitude, str(q.units)
    (Decimal('1200'), 'GBP / year')
    >>> q.to("GBP/month").magnitude
    Decimal('100')
    >>> quantity(0.5, "GBP")
    Traceback (most recent call last):
    ...
    wecb.errors.FloatNotAllowedError: got the float 0.5 as a magnitude: floats are not exact; \
pass Decimal('0.5') or the string '0.5'
    """
    reg = registry()
    units = unit if isinstance(unit, reg.Unit) else _parse_units(unit)
    result: Quantity = reg.Quantity(_coerce_magnitude(value), units)
    return result


def _single_unit(name: str, kind: str, allowed: Mapping[str, Any]) -> Unit:
    if not isinstance(name, str):
        raise ParseError(f"expected a {kind} unit name, got {name!r}")
    try:
        unit = _parse_units(name)
    except ParseError:
        unit = None
    if unit is not None:
        items = list(unit._units.items())
        if len(items) == 1 and items[0][0] in allowed and items[0][1] == 1:
            return unit
    known = ", ".join(allowed)
    raise ParseError(f"{name!r} is not a {kind}: expected one of {known} (or an alias)")


def count(value: int | Decimal | str, cohort: str) -> Quantity:
    """A number of people, families, ... in one cohort unit.

    >>> count(500, "families")
    <Quantity(500, 'family')>
    """
    unit = _single_unit(cohort, "cohort", COHORTS)
    result: Quantity = registry().Quantity(_coerce_magnitude(value), unit)
    return result


def duration(value: int | Decimal | str, unit: str = "year") -> Quantity:
    """A length of time in budgeting years, months, weeks or days.

    >>> duration(6, "months").to("year").magnitude
    Decimal('0.5')
    """
    time_unit = _single_unit(unit, "time unit", TIME_UNITS)
    result: Quantity = registry().Quantity(_coerce_magnitude(value), time_unit)
    return result


def rate(amount: Money | int | Decimal | str, *per: str) -> Quantity:
    """Money per one or more cohort or time units: ``rate(250000, "family", "year")``.

    ``amount`` is Money in GBP or an exact number of pounds.

    >>> rate(Money("250000"), "family", "year")
    <Quantity(250000, 'GBP / family / year')>
    """
    if not per:
        raise UnitError("a rate needs at least one unit to be 'per', e.g. rate(25, 'person')")
    if isinstance(amount, Money):
        magnitude = from_money(amount).magnitude
    else:
        magnitude = _coerce_magnitude(amount)
    reg = registry()
    units = reg.parse_units(_CURRENCY)
    seen: set[str] = set()
    allowed = {**COHORTS, **TIME_UNITS}
    for name in per:
        unit = _single_unit(name, "cohort or time unit", allowed)
        canonical = str(unit)
        if canonical in seen:
            raise UnitError(f"rate is 'per {canonical}' twice in {per!r}")
        seen.add(canonical)
        units = units / unit
    result: Quantity = reg.Quantity(magnitude, units)
    return result


# -- Money bridge -------------------------------------------------------------------------


def from_money(money: Money) -> Quantity:
    """The quantity of GBP equal to ``money`` (only GBP is defined).

    >>> from_money(Money("12.50"))
    <Quantity(12.50, 'GBP')>
    """
    if not isinstance(money, Money):
        raise UnitError(f"from_money needs Money, got {money!r}")
    if money.currency != _CURRENCY:
        raise UnitError(
            f"cannot make a quantity of {money!r}: wecb's registry defines only "
            f"{_CURRENCY}; convert the amount to GBP first"
        )
    result: Quantity = registry().Quantity(money.amount, _CURRENCY)
    return result


def _require_quantity(value: object, what: str) -> Quantity:
    if isinstance(value, float):
        raise FloatNotAllowedError(f"{what} needs a wecb quantity, got the float {value!r}")
    if not is_quantity(value):
        raise UnitError(
            f"{what} needs a quantity of wecb's registry (see wecb.units.quantity), "
            f"got {type(value).__name__} {value!r}"
        )
    return value


def _what_is_missing(dims: dict[str, Any]) -> str:
    needs: list[str] = []
    too_many: list[str] = []
    for dim, exponent in dims.items():
        if dim == "[currency]":
            continue
        name = dim.strip("[]")
        example = "duration(1, 'year')" if name == "time" else f"count(1, {name!r})"
        kind = "a duration" if name == "time" else "a count"
        (needs if exponent < 0 else too_many).append(f"{kind} such as {example}")
    advice = []
    if needs:
        advice.append("multiply by " + " and ".join(needs))
    if too_many:
        advice.append("divide by " + " and ".join(too_many))
    return " and ".join(advice)


def to_money(value: Quantity) -> Money:
    """The Money equal to a quantity of currency, converted to GBP exactly.

    A rate is not money until multiplied out; the error says by what:

    >>> to_money(quantity(12, "GBP/month") * duration(1, "year"))
    Money('144', 'GBP')
    >>> to_money(parse_rate("£75m/year"))
    Traceback (most recent call last):
    ...
    wecb.errors.UnitError: 75000000 GBP / year is a rate ([currency] / [time]), not an amount: \
multiply by a duration such as duration(1, 'year') to get money
    """
    q = _require_quantity(value, "to_money")
    dims: dict[str, Any] = dict(q.dimensionality)
    if dims == {"[currency]": 1}:
        return Money(_exact_magnitude(q.to(_CURRENCY).magnitude), _CURRENCY)
    if dims.get("[currency]") == 1:
        advice = _what_is_missing(dims)
        if any(exponent < 0 for exponent in dims.values()):
            raise UnitError(
                f"{q} is a rate ({q.dimensionality}), not an amount: {advice} to get money"
            )
        raise UnitError(f"{q} is not an amount of money ({q.dimensionality}): {advice}")
    raise UnitError(
        f"{q} is not money: its dimensionality is {q.dimensionality or 'dimensionless'}, "
        f"and only [currency] (GBP) converts to Money"
    )


def convert(value: Quantity, unit: str) -> Quantity:
    """``value`` in ``unit``, exactly (the same as ``value.to(unit)``).

    >>> convert(quantity(1, "year"), "days")
    <Quantity(365, 'day')>
    """
    q = _require_quantity(value, "convert")
    result: Quantity = q.to(_parse_units(unit))
    return result


# -- rates as documents write them ----------------------------------------------------------

_PER_ANNUM: Final = r"(?i)\s*(?:p\.\s?a\.?|\bpa|per\s+annum|annually|yearly)\s*$"
_DENOMINATOR: Final = (
    r"(?i)(?:\s*/\s*|\s+per\s+|\s+an?\s+|\s+each\s+)(?P<unit>[^\W\d]+(?:[ _][^\W\d]+)?)\s*$"
)
_MAX_RATE_TEXT: Final = 200
_RATE_EXAMPLES: Final = "'£75m/year', '£25 per capita' or '£250,000 per family per year'"


def parse_rate(text: str) -> Quantity:
    """Read a rate or unit cost as the seeds write it, into ``GBP / ...``.

    The amount is anything :meth:`Money.parse` reads (``£75m``, ``£250,000``,
    ``£95k``); each denominator is ``/unit``, ``per unit`` or ``a unit``, or
    ``p.a.``/``per annum`` for a year. Units are cohorts or time units, with
    their aliases and plurals.

    >>> parse_rate("£75m/year")
    <Quantity(75000000, 'GBP / year')>
    >>> parse_rate("£250,000 per family per year")
    <Quantity(250000, 'GBP / family / year')>
    >>> parse_rate("£500m p.a."), parse_rate("£139k per family")
    (<Quantity(500000000, 'GBP / year')>, <Quantity(139000, 'GBP / family')>)
    >>> parse_rate("£75m")
    Traceback (most recent call last):
    ...
    wecb.errors.ParseError: '£75m' is an amount, not a rate: use Money.parse for an amount, \
or write a rate such as '£75m/year', '£25 per capita' or '£250,000 per family per year'
    """
    if not isinstance(text, str):
        raise ParseError(f"parse_rate needs text such as {_RATE_EXAMPLES}, got {text!r}")
    if len(text) > _MAX_RATE_TEXT:
        raise ParseError(
            f"cannot read a rate from {len(text)} characters of text: a rate such as "
            f"{_RATE_EXAMPLES} is at most {_MAX_RATE_TEXT}"
        )
    rest = text.strip()
    per: list[str] = []
    while True:
        match = re.search(_PER_ANNUM, rest)
        if match is not None and match.start() > 0:
            per.insert(0, "year")
            rest = rest[: match.start()]
            continue
        match = re.search(_DENOMINATOR, rest)
        if match is None or match.start() == 0:
            break
        per.insert(0, match["unit"])
        rest = rest[: match.start()]
    if not per:
        try:
            Money.parse(rest, currency=_CURRENCY)
        except ParseError:
            raise ParseError(
                f"cannot read {text!r} as a rate: expected an amount then its units, "
                f"such as {_RATE_EXAMPLES}"
            ) from None
        raise ParseError(
            f"{text.strip()!r} is an amount, not a rate: use Money.parse for an amount, "
            f"or write a rate such as {_RATE_EXAMPLES}"
        )
    try:
        amount = Money.parse(rest, currency=_CURRENCY)
    except ParseError as exc:
        raise ParseError(f"cannot read the amount of the rate {text!r}: {exc}") from None
    names: list[str] = []
    allowed = {**COHORTS, **TIME_UNITS}
    for word in per:
        name = word.lower().replace(" ", "_")
        try:
            unit = _single_unit(name, "cohort or time unit", allowed)
        except ParseError:
            raise ParseError(
                f"unknown unit {word!r} in the rate {text!r}: known units are "
                f"{_known_units().split('; ', 1)[1]}"
            ) from None
        canonical = str(unit)
        if canonical in names:
            raise ParseError(f"the rate {text!r} is per {canonical} twice")
        names.append(canonical)
    return rate(amount, *names)


# -- lossless text ------------------------------------------------------------------------

_QUANTITY_TEXT: Final = rf"\s*(?P<magnitude>{_PLAIN_NUMBER})(?:\s+(?P<unit>\S.*?))?\s*"


def quantity_to_text(value: Quantity) -> str:
    """Lossless text for a quantity: the exact magnitude, a space, then the units.

    >>> quantity_to_text(parse_rate("£250,000 per family per year"))
    '250000 GBP / family / year'
    >>> quantity_from_text("1.50E+3 GBP / year")
    <Quantity(1.50E+3, 'GBP / year')>
    """
    q = _require_quantity(value, "quantity_to_text")
    magnitude = _exact_magnitude(q.magnitude)
    if q.dimensionless and not q.unit_items():
        return str(magnitude)
    return f"{magnitude} {q.units:D}"


def quantity_from_text(text: str) -> Quantity:
    """Read what :func:`quantity_to_text` writes (any unit text is accepted)."""
    if not isinstance(text, str):
        raise ParseError(f"expected quantity text such as '250 GBP / year', got {text!r}")
    match = re.fullmatch(_QUANTITY_TEXT, text)
    if match is None:
        raise ParseError(
            f"cannot read {text!r} as a quantity: expected a number then units, "
            f"such as '250000 GBP / family / year'"
        )
    try:
        magnitude = _bounded(Decimal(match["magnitude"]))
    except UnitError as exc:
        raise ParseError(f"cannot read {text!r} as a quantity: {exc}") from None
    unit = match["unit"]
    reg = registry()
    units = reg.parse_units("") if unit is None else _parse_units(unit)
    result: Quantity = reg.Quantity(magnitude, units)
    return result
