"""Exact arithmetic of the appraisal modules (private).

:data:`EXACT_CONTEXT` is the decimal context for products and sums that must be exact (it
traps any rounding). Exact rounding of a non-negative ratio of integers to a whole number is
used wherever wecb rounds a quotient it holds exactly, so no ``Decimal`` context, and no
float, is involved: :func:`round_ratio` for whole cases in a cohort, and
:func:`rounds_up`, element-wise, for the lines' present values in minor units in the
Monte Carlo engine.

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
from typing import Any, Final

from wecb.core._decimal import WHOLE, check_rounding
from wecb.errors import AppraisalError

__all__ = ["EXACT_CONTEXT", "divide_rounded", "round_ratio", "rounding_mode", "rounds_up"]

#: Products and sums of finite decimals are exact; this context traps anything that is not.
EXACT_CONTEXT: Final = WHOLE


def rounding_mode(rounding: object) -> str:
    """``rounding`` if it is a :mod:`decimal` rounding mode (an AppraisalError otherwise).

    Every mode is accepted: on the non-negative magnitudes rounded here FLOOR is DOWN and
    CEILING is UP.
    """
    return check_rounding(rounding, error=AppraisalError)


def rounds_up(quotient: Any, *, gt: Any, eq: Any, nonzero: Any, rounding: str) -> Any:
    """Whether ``quotient + f`` (``quotient >= 0``, ``0 <= f < 1``) rounds up to
    ``quotient + 1`` under ``rounding``, given whether ``f > 1/2`` (``gt``), ``f == 1/2``
    (``eq``) and ``f != 0`` (``nonzero``).

    Only ``&``, ``|``, ``%`` and ``==`` are used, so this works on Python ints and bools
    as on numpy arrays, element-wise (the Monte Carlo engine rounds a whole chunk of
    draws with it).

    >>> rounds_up(4, gt=False, eq=True, nonzero=True, rounding=ROUND_HALF_UP)
    True
    """
    if rounding in (ROUND_DOWN, ROUND_FLOOR):
        return nonzero & False
    if rounding in (ROUND_UP, ROUND_CEILING):
        return nonzero
    if rounding == ROUND_05UP:
        return nonzero & (quotient % 5 == 0)
    if rounding == ROUND_HALF_UP:
        return gt | eq
    if rounding == ROUND_HALF_DOWN:
        return gt
    # ROUND_HALF_EVEN
    return gt | (eq & (quotient % 2 == 1))


def divide_rounded(numerator: Any, denominator: int, rounding: str) -> Any:
    """``numerator / denominator`` (``numerator >= 0``, element-wise on a numpy array of
    Python integers) rounded to an integer by ``rounding``: the Monte Carlo engines' exact
    step.

    >>> from decimal import ROUND_HALF_EVEN
    >>> divide_rounded(25, 10, ROUND_HALF_EVEN), divide_rounded(35, 10, ROUND_HALF_EVEN)
    (2, 4)
    """
    quotient = numerator // denominator
    remainder = numerator % denominator
    twice = remainder * 2
    up = rounds_up(
        quotient,
        gt=twice > denominator,
        eq=twice == denominator,
        nonzero=remainder != 0,
        rounding=rounding,
    )
    return quotient + (up.astype(quotient.dtype) if hasattr(up, "astype") else int(up))


def round_ratio(numerator: int, denominator: int, rounding: str) -> int:
    """``numerator / denominator`` (both >= 0, denominator > 0) rounded to an integer."""
    if numerator < 0 or denominator <= 0:
        raise AppraisalError(
            f"round_ratio needs a numerator >= 0 and a denominator > 0, got "
            f"{numerator}/{denominator}"
        )
    return int(divide_rounded(numerator, denominator, rounding_mode(rounding)))
