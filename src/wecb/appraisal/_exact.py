"""Exact rounding of a non-negative ratio of integers to a whole number (private).

Used wherever wecb rounds a quotient it holds exactly (whole cases in a cohort, a line's
present value in minor units in the Monte Carlo engine), so no ``Decimal`` context, and
no float, is involved.

>>> from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP
>>> round_ratio(5, 2, ROUND_HALF_EVEN), round_ratio(5, 2, ROUND_HALF_UP)
(2, 3)
"""

from __future__ import annotations

from decimal import (
    ROUND_05UP,
    ROUND_CEILING,
    ROUND_DOWN,
    ROUND_FLOOR,
    ROUND_HALF_DOWN,
    ROUND_HALF_UP,
    ROUND_UP,
)
from typing import Final

from wecb._decimal import ROUNDINGS
from wecb.errors import AppraisalError

__all__ = ["MAGNITUDE_ROUNDINGS", "check_rounding", "round_ratio"]

#: Rounding modes for non-negative magnitudes: all of them (FLOOR is DOWN and CEILING is UP
#: there).
MAGNITUDE_ROUNDINGS: Final = ROUNDINGS


def check_rounding(rounding: object) -> str:
    """``rounding`` if it is a :mod:`decimal` rounding mode, else an AppraisalError."""
    if not isinstance(rounding, str) or rounding not in MAGNITUDE_ROUNDINGS:
        raise AppraisalError(
            f"unknown rounding mode {rounding!r}; expected a decimal module mode such as "
            f"decimal.ROUND_HALF_EVEN ({', '.join(sorted(MAGNITUDE_ROUNDINGS))})"
        )
    return rounding


def increment(quotient: int, remainder: int, denominator: int, rounding: str) -> int:
    """1 if ``quotient + remainder / denominator`` rounds up under ``rounding``, else 0."""
    if remainder == 0:
        return 0
    twice = 2 * remainder
    if rounding in (ROUND_DOWN, ROUND_FLOOR):
        return 0
    if rounding in (ROUND_UP, ROUND_CEILING):
        return 1
    if rounding == ROUND_05UP:
        return 1 if quotient % 5 == 0 else 0
    if rounding == ROUND_HALF_UP:
        return 1 if twice >= denominator else 0
    if rounding == ROUND_HALF_DOWN:
        return 1 if twice > denominator else 0
    # ROUND_HALF_EVEN
    return 1 if twice > denominator or (twice == denominator and quotient % 2 == 1) else 0


def round_ratio(numerator: int, denominator: int, rounding: str) -> int:
    """``numerator / denominator`` (both >= 0, denominator > 0) rounded to an integer."""
    if numerator < 0 or denominator <= 0:
        raise AppraisalError(
            f"round_ratio needs a numerator >= 0 and a denominator > 0, got "
            f"{numerator}/{denominator}"
        )
    quotient, remainder = divmod(numerator, denominator)
    return quotient + increment(quotient, remainder, denominator, check_rounding(rounding))
