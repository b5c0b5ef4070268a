"""Decimal contexts, bounds and rounding modes shared by wecb's exact arithmetic (private).

:mod:`wecb.core.money` and :mod:`wecb.units` compute in these same contexts and bounds, so a
quantity of pounds is exact, rounds or is refused exactly where the same
:class:`~wecb.core.money.Money` would. Only the standard library is imported here: this module
sits below :mod:`wecb.core.money`, which documents the figures as ``WORKING_PRECISION`` and
``MAX_DIGITS``.

>>> EXACT.prec == DIVIDE.prec == WORKING_PRECISION
True
>>> bounds_problem(Decimal("1E+1000"))
'is not below 10**1000'
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from decimal import (
    MAX_EMAX,
    MAX_PREC,
    MIN_EMIN,
    ROUND_05UP,
    ROUND_CEILING,
    ROUND_DOWN,
    ROUND_FLOOR,
    ROUND_HALF_DOWN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    ROUND_UP,
    Context,
    Decimal,
    DivisionByZero,
    Inexact,
    InvalidOperation,
    Overflow,
    Rounded,
    localcontext,
)
from fractions import Fraction
from typing import Final, ParamSpec, TypeVar

from wecb.errors import MoneyError, ValidationError, WecbTypeError

__all__ = [
    "ADD",
    "DIVIDE",
    "EXACT",
    "MAX_DIGITS",
    "OWN",
    "ROUNDINGS",
    "STANDARD",
    "SUBTRACT",
    "WHOLE",
    "WORKING_PRECISION",
    "bounded",
    "bounds_problem",
    "check_rounding",
    "decimal_str",
    "digits",
    "exact_or_raise",
    "float_message",
    "from_int_exp",
    "in_context",
    "int_exp",
    "multiply_or_none",
    "own_context",
    "plain",
    "round_to",
    "scale_by",
    "shift",
    "trimmed",
]

WORKING_PRECISION: Final = 60
MAX_DIGITS: Final = 1000

#: ``+``, ``-`` and ``*``: traps Inexact, so a result is exact or raises.
EXACT: Final = Context(
    prec=WORKING_PRECISION,
    rounding=ROUND_HALF_EVEN,
    Emax=MAX_EMAX,
    Emin=MIN_EMIN,
    traps=[InvalidOperation, DivisionByZero, Overflow, Inexact],
)
#: Division: exact when the quotient fits, else rounded half-even to the working precision.
DIVIDE: Final = Context(
    prec=WORKING_PRECISION,
    rounding=ROUND_HALF_EVEN,
    Emax=MAX_EMAX,
    Emin=MIN_EMIN,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)
#: wecb's own context for its set-up and display work (:func:`own_context` runs a function
#: in it, whatever the caller's context): ``+``, ``-`` and ``*`` of two numbers within the
#: bounds (:func:`bounds_problem`) are exact in it, and anything that would round raises
#: (Inexact, Rounded) rather than lose a digit. Every field is stated, so nothing comes from
#: ``decimal.DefaultContext``.
OWN: Final = Context(
    prec=4 * MAX_DIGITS + 1,
    rounding=ROUND_HALF_EVEN,
    Emax=MAX_EMAX,
    Emin=MIN_EMIN,
    capitals=1,
    clamp=0,
    flags=[],
    traps=[InvalidOperation, DivisionByZero, Overflow, Inexact, Rounded],
)
#: Python's default context, pinned (a caller may change ``decimal.DefaultContext`` too):
#: for the code of other libraries that wecb runs (pint), which rounds as it expects.
STANDARD: Final = Context(
    prec=28,
    rounding=ROUND_HALF_EVEN,
    Emax=999_999,
    Emin=-999_999,
    capitals=1,
    clamp=0,
    flags=[],
    traps=[InvalidOperation, DivisionByZero, Overflow],
)

#: Every :mod:`decimal` rounding mode: the ones a caller may name.
ROUNDINGS: Final = frozenset(
    {
        ROUND_05UP,
        ROUND_CEILING,
        ROUND_DOWN,
        ROUND_FLOOR,
        ROUND_HALF_DOWN,
        ROUND_HALF_EVEN,
        ROUND_HALF_UP,
        ROUND_UP,
    }
)

# Counts significant digits (Rounded) for bounds_problem, cheaper than as_tuple().
_DIGITS: Final = Context(
    prec=2 * MAX_DIGITS, Emax=MAX_EMAX, Emin=MIN_EMIN, traps=[Inexact, Rounded]
)
#: Exact work on any finite number: scaleb, normalize, sums and products never round in it
#: (libmpdec allocates the digits of the result, not the precision); anything that would
#: round raises. For int_exp and trimmed here, the number reader's scaling and the
#: appraisal's exact products.
WHOLE: Final = Context(
    prec=MAX_PREC,
    rounding=ROUND_HALF_EVEN,
    Emax=MAX_EMAX,
    Emin=MIN_EMIN,
    capitals=1,
    clamp=0,
    flags=[],
    traps=[InvalidOperation, DivisionByZero, Overflow, Inexact, Rounded],
)


def bounds_problem(value: Decimal) -> str | None:
    """Why finite ``value`` is outside the bounds of ``MAX_DIGITS``, or None if it is inside.

    A zero is held to the exponents a number within the bounds can have (``0E+999999999``
    would make its plain text, or ``10**exponent``, take for ever)."""
    if value.is_zero():
        exponent = value.adjusted()
        if not -3 * MAX_DIGITS < exponent < MAX_DIGITS:
            low, high = 1 - 3 * MAX_DIGITS, MAX_DIGITS - 1
            return f"is a zero with an exponent ({exponent}) outside {low}..{high}"
        return None
    size = value.adjusted()  # the exponent of the leading digit
    if size >= MAX_DIGITS:
        return f"is not below 10**{MAX_DIGITS}"
    if size < -MAX_DIGITS:
        return f"is smaller than 10**-{MAX_DIGITS}"
    try:
        _DIGITS.plus(value)
    except (Inexact, Rounded):
        return f"has more than {2 * MAX_DIGITS} significant digits"
    return None


# -- exact digit work, in integers: no context is read ----------------------------------


def int_exp(value: Decimal) -> tuple[int, int]:
    """Return ``(n, e)`` with ``value == n * 10**e`` exactly (value finite)."""
    exp = value.as_tuple()[2]
    assert isinstance(exp, int)
    return int(WHOLE.scaleb(value, -exp)), exp


def from_int_exp(n: int, exp: int) -> Decimal:
    """``n * 10**exp`` exactly; a positive exponent becomes a plain integer."""
    return Decimal(n * 10**exp) if exp > 0 else Decimal(f"{n}E{exp}")


def shift(value: Decimal, power: int) -> Decimal:
    """``value * 10**power`` exactly, without any context."""
    n, e = int_exp(value)
    return from_int_exp(n, e + power)


def round_to(value: Decimal, quantum: Decimal, rounding: str) -> Decimal:
    """Round ``value`` to a whole multiple of ``quantum`` (> 0) exactly, with ``rounding``."""
    a, ea = int_exp(value)
    q, eq = int_exp(quantum)
    e = min(ea, eq)
    a_scaled, q_scaled = a * 10 ** (ea - e), q * 10 ** (eq - e)
    whole, rest = divmod(abs(a_scaled), q_scaled)
    # A short stand-in with the same integer part and the same position against
    # the half, so Decimal applies any rounding mode exactly as to a / q itself.
    if rest == 0:
        fraction = "0"
    elif 2 * rest < q_scaled:
        fraction = "25"
    elif 2 * rest == q_scaled:
        fraction = "5"
    else:
        fraction = "75"
    stand_in = Decimal(f"{'-' if a < 0 else ''}{whole}.{fraction}")
    count = int(stand_in.to_integral_value(rounding=rounding, context=DIVIDE))
    return from_int_exp(count * q, eq)


def check_rounding(rounding: object, *, error: type[ValidationError] = MoneyError) -> str:
    """``rounding`` if it is a :mod:`decimal` rounding mode: a WecbTypeError if it is not
    text, else ``error`` (MoneyError for money, the caller's class elsewhere)."""
    expected = (
        "a decimal module rounding mode such as decimal.ROUND_HALF_UP "
        f"({', '.join(sorted(ROUNDINGS))})"
    )
    if not isinstance(rounding, str):
        raise WecbTypeError.not_accepted("rounding", rounding, expected)
    if rounding not in ROUNDINGS:
        raise error.not_accepted("rounding", rounding, expected)
    return rounding


def bounded(amount: Decimal) -> Decimal:
    """``amount`` (finite) if it is within :data:`MAX_DIGITS`' bounds, else MoneyError."""
    problem = bounds_problem(amount)
    if problem is None:
        return amount
    # Shown in scientific form: the plain form may be too long to print at all.
    raise MoneyError(
        f"amount {amount:.6E} {problem}; wecb holds amounts from 10**-{MAX_DIGITS} to below "
        f"10**{MAX_DIGITS} in size, with at most {2 * MAX_DIGITS} significant digits"
    )


def digits(value: Decimal, places: int, *, grouped: bool = True) -> str:
    """``abs(value)`` with thousands separators and exactly ``places`` decimals.

    ``value`` must have no more than ``places`` decimals: nothing is rounded here.
    """
    n, e = int_exp(value)
    text = str(abs(n) * 10 ** (e + places)).rjust(places + 1, "0")
    whole, fraction = text[: len(text) - places], text[len(text) - places :]
    return (f"{int(whole):,}" if grouped else whole) + (f".{fraction}" if places else "")


def plain(value: Decimal) -> str:
    """``value`` in fixed-point notation, every digit kept, no grouping: ``-1234.50``."""
    places = max(0, -int_exp(value)[1])
    return ("-" if value < 0 else "") + digits(value, places, grouped=False)


def decimal_str(value: Decimal) -> str:
    """``str(value)`` as Python's default context writes it (``1.5E+3``): ``str()`` itself
    follows the caller's context, whose ``capitals=0`` writes ``1.5e+3``."""
    return OWN.to_sci_string(value)


def trimmed(value: Decimal) -> Decimal:
    """``value`` without trailing zeros, like ``value.normalize()`` but exact whatever the
    context (``normalize`` rounds to the context's precision): ``Decimal('1.2500')`` is
    ``Decimal('1.25')``, ``Decimal('1200')`` is ``Decimal('1.2E+3')``, a zero is ``0``."""
    return WHOLE.normalize(value)


def float_message(value: float) -> str:
    value = float(value)  # repr() of numpy's floats is no number: np.float64(0.5)
    exact = Decimal(repr(value))
    if not exact.is_finite():
        return f"got float {value!r}: floats cannot hold money exactly; NaN and inf are not money"
    text = plain(exact)
    return (
        f"got float {value!r}: floats cannot hold money exactly; "
        f"pass Decimal('{text}') or the string '{text}'"
    )


# -- exact arithmetic of amounts: exact, or a MoneyError naming the operation ---------


def exact_or_raise(result: Decimal | None, what: Callable[[], str]) -> Decimal:
    # ``what`` is called only on failure: building the message costs more than the sum.
    if result is None:
        raise MoneyError(
            f"{what()} needs more than {WORKING_PRECISION} significant digits; wecb will not "
            f"round it silently (round an operand first with Money.round)"
        )
    return result


# Bound once: + and - are hot (sum() over many amounts).
ADD: Final = EXACT.add
SUBTRACT: Final = EXACT.subtract


def multiply_or_none(a: Decimal, b: Decimal) -> Decimal | None:
    try:
        return EXACT.multiply(a, b)
    except Inexact:
        return None


def scale_by(amount: Decimal, factor: Decimal | Fraction) -> Decimal:
    """``amount * factor``; exact, or (Fraction that does not terminate) working precision."""
    if isinstance(factor, Decimal):
        return exact_or_raise(multiply_or_none(amount, factor), lambda: f"{amount} * {factor}")
    n, e = int_exp(amount)
    # The product numerator is formed exactly in integers, so only the one
    # division can round, and only when the exact quotient needs > 60 digits.
    return DIVIDE.divide(from_int_exp(n * factor.numerator, e), Decimal(factor.denominator))


# -- wecb's own context -------------------------------------------------------------------

_P = ParamSpec("_P")
_R = TypeVar("_R")


def in_context(context: Context) -> Callable[[Callable[_P, _R]], Callable[_P, _R]]:
    """Decorator: the function runs in (a copy of) ``context``, never in the caller's.

    Set once at the entry of a public function, not per operation: a caller's ``prec=2``,
    rounding mode, traps or ``capitals`` change nothing inside.
    """

    def decorate(function: Callable[_P, _R]) -> Callable[_P, _R]:
        @functools.wraps(function)
        def in_wecb_context(*args: _P.args, **kwargs: _P.kwargs) -> _R:
            with localcontext(context):
                return function(*args, **kwargs)

        return in_wecb_context

    return decorate


#: Decorator: the function runs in :data:`OWN` (so anything that would round raises). The
#: functions it calls still name their contexts or compute in integers: this is the net.
own_context: Final = in_context(OWN)
