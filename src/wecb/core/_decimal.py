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

from decimal import (
    MAX_EMAX,
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
)
from typing import Final

__all__ = ["DIVIDE", "EXACT", "MAX_DIGITS", "ROUNDINGS", "WORKING_PRECISION", "bounds_problem"]

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


def bounds_problem(value: Decimal) -> str | None:
    """Why finite ``value`` is outside the bounds of ``MAX_DIGITS``, or None if it is inside."""
    if value.is_zero():
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
