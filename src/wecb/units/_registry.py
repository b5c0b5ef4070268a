"""wecb's exact-Decimal pint registry (private): the registry, pint overrides, lossless text.

The public functions are in :mod:`wecb.units.quantities` and :mod:`wecb.units.text`; the
rules of exactness they keep are described in :mod:`wecb.units`. Nothing here imports pint
at module level: :func:`registry` builds the registry (and imports pint) on first call.

The units' definitions and the checking of unit text are in ``wecb.units._unit_text``;
every text entry of the registry and its classes (expressions, unit text, unit names,
format specifications) in ``wecb.units._entries``; the exact magnitude helpers in
``wecb.units._magnitudes``. :func:`parse_units` and the lossless text stay here, because
pickles name them and they need the registry.
"""

from __future__ import annotations

import functools
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
from typing import TYPE_CHECKING, Any, Final, TypeAlias

from wecb.core._decimal import DIVIDE, EXACT, STANDARD, in_context
from wecb.core.money import WORKING_PRECISION
from wecb.errors import FloatNotAllowedError, ParseError, UnitError, WecbTypeError, excerpt
from wecb.units import _class_entries, _entries
from wecb.units._magnitudes import coerce_magnitude, exact_magnitude, scale
from wecb.units._unit_text import MAX_POWER, UNIT_SCALES, check_powers, definitions, units_in

if TYPE_CHECKING:
    import pint

    #: A quantity of wecb's registry (at run time ``registry().Quantity``).
    Quantity: TypeAlias = pint.Quantity[Decimal]
    Unit: TypeAlias = pint.Unit

__all__ = [
    "is_wecb_quantity",
    "parse_units",
    "read_quantity",
    "registry",
    "require_quantity",
    "single_unit",
    "write_quantity",
]

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


def is_wecb_quantity(value: object) -> bool:
    """Whether ``value`` is a quantity of the registry; never builds the registry."""
    reg = _REGISTRY
    return reg is not None and isinstance(value, reg.Quantity)


def require_quantity(value: object, what: str) -> Quantity:
    """``value`` if it is a quantity of the registry, else the wrong-type error."""
    if isinstance(value, float):
        raise FloatNotAllowedError(f"{what} needs a wecb quantity, got the float {value!r}")
    if not is_wecb_quantity(value):
        raise WecbTypeError.not_accepted(
            what, value, "a quantity of wecb's registry (see wecb.units.quantity)"
        )
    result: Quantity = value  # type: ignore[assignment]
    return result


def _build_registry() -> pint.UnitRegistry[Decimal]:
    import pint  # noqa: PLC0415 -- lazy: `import wecb` must not pay for pint

    quantity_class = type("Quantity", (pint.Quantity,), _quantity_namespace(pint.Quantity))
    unit_class = type(
        "Unit",
        (pint.Unit,),
        {
            "__module__": __name__,
            "__reduce__": _reduce_unit,
            **_class_entries.unit_methods(pint.Unit),
        },
    )
    registry_class = type(
        "WecbUnitRegistry",
        (pint.UnitRegistry,),
        {
            "__module__": __name__,
            "Quantity": quantity_class,
            "Unit": unit_class,
            "_convert": _convert_exactly,
            **_entries.registry_methods(pint.UnitRegistry),
        },
    )
    reg: pint.UnitRegistry[Decimal] = registry_class(
        None, non_int_type=Decimal, on_redefinition="raise", case_sensitive=True
    )
    for line in definitions():
        reg.define(line)
    reg._wecb_fixed = True  # type: ignore[attr-defined]  # define() is refused from now on
    return reg


# -- pint overrides -------------------------------------------------------------------------

_EXACT_OPERATIONS: Final = (
    ("__add__", "add"),
    ("__radd__", "add"),
    ("__iadd__", "add"),
    ("__sub__", "subtract"),
    ("__rsub__", "subtract"),
    ("__isub__", "subtract"),
    ("__mul__", "multiply"),
    ("__rmul__", "multiply"),
    ("__imul__", "multiply"),
)
_DIVIDING_OPERATIONS: Final = (
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
)
_IN_PLACE: Final = (
    "ito",
    "ito_base_units",
    "ito_root_units",
    "ito_reduced_units",
    "ito_preferred",
    "ito_unprefixed",
)


def _quantity_namespace(base: Any) -> dict[str, Any]:
    """The methods of wecb's Quantity class over pint's ``base``."""

    def __new__(cls: Any, value: Any, units: Any = None) -> Any:  # noqa: N807
        if isinstance(value, base):
            return base.__new__(cls, value, units)
        if units is None and isinstance(value, str):
            # A whole expression such as "5 family": a plain number, then unit text.
            return _entries.read_expression(cls._REGISTRY, value, where="Quantity")
        return base.__new__(cls, coerce_magnitude(value), units)

    namespace: dict[str, Any] = {
        "__module__": __name__,
        "__new__": __new__,
        "__reduce__": _reduce_quantity,
        "compare": _converting(base, "compare", "compare"),
        "to": _converting(base, "to"),
        "m_as": _converting(base, "m_as"),
        **_class_entries.quantity_methods(base),
    }
    for name, verb in _EXACT_OPERATIONS:
        namespace[name] = _arithmetic(base, name, EXACT, verb)
    for name in _DIVIDING_OPERATIONS:
        namespace[name] = _arithmetic(base, name, DIVIDE, "raise" if "pow" in name else "divide")
    for name in _IN_PLACE:
        namespace[name] = _in_place(name)
    return namespace


def _arithmetic(base: Any, name: str, context: Context, verb: str) -> Callable[..., Any]:
    method = getattr(base, name)
    adds = verb in ("add", "subtract")
    powers = "pow" in name  # a power's units are bounded, so that .to() cannot hang

    def wrapped(self: Any, other: Any) -> Any:
        if isinstance(other, float):
            raise FloatNotAllowedError(
                f"cannot {verb} {self} and the float {other!r}: floats are not exact; "
                f"pass Decimal('{other!r}') instead"
            )
        if isinstance(other, str):
            raise WecbTypeError.not_accepted(
                f"cannot {verb} {self} and text",
                other,
                "a number or a quantity (read text with quantity_from_text)",
            )
        if isinstance(other, Fraction) and name in _FRACTION_OPS:
            return _FRACTION_OPS[name](self, other)
        ctx = context
        if adds and isinstance(other, base) and other.units != self.units:
            ctx = DIVIDE  # a conversion (a division) comes first: round like division
        with _quantity_errors(verb, self, other), localcontext(ctx):
            result = method(self, other)
        if powers and isinstance(result, base):
            check_powers(f"{self} ** {other}", result._units, where=f"{name}()")
        return result

    wrapped.__name__ = wrapped.__qualname__ = name
    return wrapped


def _converting(base: Any, name: str, verb: str = "convert") -> Callable[..., Any]:
    method = getattr(base, name)

    @in_context(STANDARD)  # pint runs in the default context, whatever the caller's
    def wrapped(self: Any, *args: Any, **kwargs: Any) -> Any:
        target = args[0] if args else None
        # Unit text is read by the registry's checked reader (wecb.units._entries).
        with _quantity_errors(verb, self, target), _entries.translated(f"{name}()", target):
            return method(self, *args, **kwargs)

    wrapped.__name__ = wrapped.__qualname__ = name
    return wrapped


def _in_place(name: str) -> Callable[..., Any]:
    def refused(self: Any, *args: Any, **kwargs: Any) -> Any:
        raise UnitError(
            f"{name}() would change {self} in place, but wecb quantities are values "
            f"(a frozen model object may hold this one): use {name[1:]}() instead"
        )

    refused.__name__ = refused.__qualname__ = name
    return refused


def _convert_exactly(
    self: Any, value: Any, src: Any, dst: Any, inplace: bool = False, *args: Any, **kw: Any
) -> Any:
    # Replaces pint's conversion (a rounded Decimal factor, so that 1200 GBP/year
    # became 100.000...0 GBP/month) with exact rational factors. Every conversion
    # (to, +, compare, hashing) goes through this private hook of pint 0.24-0.25;
    # tests/test_units.py fails loudly if a pint release bypasses it.
    from pint.errors import DimensionalityError  # noqa: PLC0415 -- pint already loaded here

    if src == dst:
        return value
    src_dim = self._get_dimensionality(src)
    dst_dim = self._get_dimensionality(dst)
    if src_dim != dst_dim:
        raise DimensionalityError(src, dst, src_dim, dst_dim)
    return scale(exact_magnitude(value), _factor(src) / _factor(dst))


@functools.lru_cache(maxsize=1024)
def _factor(units: Any) -> Fraction:
    factor = Fraction(1)
    for name, exponent in units.items():
        if exponent != int(exponent):
            raise UnitError(f"cannot convert {name} ** {exponent} exactly: non-integer power")
        if abs(int(exponent)) > MAX_POWER or name not in UNIT_SCALES:  # int: no context
            raise UnitError(
                f"cannot convert {name} ** {exponent}: wecb converts its own units, to "
                f"powers from -{MAX_POWER} to {MAX_POWER}"
            )
        factor *= UNIT_SCALES[name] ** int(exponent)
    return factor


def _multiply_fraction(q: Any, factor: Fraction) -> Any:
    return q.__class__(scale(q.magnitude, factor), q.units)


def _divide_fraction(q: Any, factor: Fraction) -> Any:
    if factor == 0:
        raise UnitError(f"cannot divide {q} by zero")
    return q.__class__(scale(q.magnitude, 1 / factor), q.units)


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
    except (DimensionalityError, _entries.DimensionMismatchError) as exc:
        raise UnitError(_mismatch(verb, left, right)) from exc
    except Inexact:
        raise UnitError(
            f"cannot {verb} {left} and {right} exactly: the result needs more than "
            f"{WORKING_PRECISION} significant digits and wecb does not round silently"
        ) from None
    except (DivisionByZero, InvalidOperation) as exc:
        raise UnitError(f"cannot {verb} {left} and {right}: {type(exc).__name__}") from None


def _dimension_text(value: object) -> str:
    if is_wecb_quantity(value):
        return str(value.dimensionality)  # type: ignore[attr-defined]
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


# Pickles go through the lossless text, so that they load into this registry.
def _reduce_quantity(self: Any) -> tuple[Callable[[str], Any], tuple[str]]:
    return (read_quantity, (write_quantity(self),))


def _reduce_unit(self: Any) -> tuple[Callable[[str], Any], tuple[str]]:
    return (parse_units, (format(self, "D"),))


# -- unit text ------------------------------------------------------------------------------


def parse_units(text: str | Unit) -> Unit:
    """Unit text such as ``"GBP / family / year"`` as a unit of the registry (read by
    ``wecb.units._unit_text.units_in``; the registry is built only for text that passes the
    checks needing none)."""
    return units_in(text, registry)


def single_unit(name: str, kind: str, allowed: Mapping[str, Any]) -> Unit:
    """``name`` as one unit of ``allowed`` (a cohort, a time unit) to the first power."""
    if not isinstance(name, str):
        raise WecbTypeError.not_accepted(f"{kind} unit", name, f"a {kind} unit name")
    try:
        unit = parse_units(name)
    except ParseError:
        unit = None
    if unit is not None:
        items = list(unit._units.items())
        if len(items) == 1 and items[0][0] in allowed and items[0][1] == 1:
            return unit
    known = ", ".join(allowed)
    raise ParseError(f"{excerpt(name)} is not a {kind}: expected one of {known} (or an alias)")


# -- lossless text --------------------------------------------------------------------------


def write_quantity(value: object) -> str:
    """The lossless text of a quantity: its exact magnitude, a space, then its units."""
    q = require_quantity(value, "quantity_to_text")
    magnitude = exact_magnitude(q.magnitude)
    if q.dimensionless and not q.unit_items():
        return str(magnitude)
    return f"{magnitude} {q.units:D}"


def read_quantity(text: str) -> Quantity:
    """Read what :func:`write_quantity` writes (any unit text is accepted): a plain number,
    then unit text, by the registry's one reader (``wecb.units._entries.read_expression``)."""
    result: Quantity = _entries.read_expression(
        registry(), text, where="quantity_from_text", needs_number=True
    )
    return result
