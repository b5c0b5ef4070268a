"""Exact magnitudes (private to :mod:`wecb.units`): what may be a quantity's number, and the
one rounding a unit conversion makes.

Moved here from ``wecb.units._registry``, whose quantities call :func:`coerce_magnitude`
on the way in, :func:`exact_magnitude` on what pint computes, and :func:`scale` to convert
by an exact rational factor.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from typing import Final

from wecb.core._decimal import DIVIDE
from wecb.core.numbers import decimal, is_float_like
from wecb.errors import FloatNotAllowedError, ParseError, UnitError, WecbTypeError

__all__ = ["PLAIN_NUMBER", "coerce_magnitude", "exact_magnitude", "scale"]

# Patterns are compiled on first use (re's cache), keeping the import cheap.
#: A plain number as text by the digit rules of ``Money.parse`` (ASCII digits, a decimal
#: point with digits on both sides, a sign) with an exponent, as :func:`str` writes a
#: ``Decimal``; no grouping (``1,500``, ``1 500``, ``1_500``) and no symbols.
PLAIN_NUMBER: Final = r"[-+\u2212]?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?"
_MAGNITUDE_TYPES: Final = "an int, a Decimal or numeric text such as '250000'"


def coerce_magnitude(value: object) -> Decimal:
    """Return ``value`` as a finite Decimal; refuse floats, bools and other types."""
    where = "a quantity's magnitude"
    if is_float_like(value):  # numpy's floats too
        value = float(value)  # type: ignore[arg-type]
        raise FloatNotAllowedError(
            f"got the float {value!r} as a magnitude: floats are not exact; "
            f"pass Decimal('{value!r}') or the string '{value!r}'"
        )
    if isinstance(value, bool) or not isinstance(value, int | Decimal | str):
        raise WecbTypeError.not_accepted(where, value, _MAGNITUDE_TYPES)
    if isinstance(value, str):
        value = value.strip()
        if re.fullmatch(PLAIN_NUMBER, value, re.ASCII) is None:
            raise ParseError.not_accepted(
                where,
                value,
                "a plain number such as '250000' or '0.5' (read '£250,000 per family' "
                "with parse_rate)",
            )
    # numbers.decimal bounds an int before converting it (a million digits take seconds).
    return decimal(value, what=where, error=UnitError)


def exact_magnitude(value: object) -> Decimal:
    """A magnitude pint computed (Decimal or int) as an exact Decimal."""
    if isinstance(value, Decimal | float) or (
        isinstance(value, int) and not isinstance(value, bool)
    ):
        return coerce_magnitude(value)
    raise UnitError(f"cannot convert the magnitude {value!r} exactly")


def scale(value: Decimal, factor: Fraction) -> Decimal:
    """``value * factor``: exact when the result fits in 60 digits, else one rounding."""
    if factor == 1:
        return value
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite: checked on the way in
    # The numerator is formed exactly in integers, so the division is the only rounding.
    product = int("".join(map(str, digits))) * factor.numerator * (-1 if sign else 1)
    numerator = Decimal((int(product < 0), tuple(map(int, str(abs(product)))), exponent))
    return DIVIDE.divide(numerator, Decimal(factor.denominator))
