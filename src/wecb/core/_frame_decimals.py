"""Exact decimals for Arrow's ``decimal128`` (private to wecb): the scale and precision of
a frame column, and the amounts held to that scale (used by :mod:`wecb.core._frames`).

A column's scale is the most decimal places of its amounts (trailing zeros aside; at least
2 for money, 0 for plain numbers) and its precision the fewest digits that hold its widest
amount at that scale (at most 38, the most ``decimal128`` holds). Money that needs more
digits raises :class:`~wecb.errors.ExportError` naming the column and value unless the
caller passed ``places``; a plain number (a ratio) that needs more, or has no finite
decimal form, is rounded half-even to the places that fit, and the caller records it.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Final

from wecb.core._frame_columns import FrameColumn
from wecb.errors import ExportError, WecbTypeError

__all__ = ["ARROW_DIGITS", "decimal_column"]

#: The most significant digits Arrow's ``decimal128`` (and polars' ``Decimal``) holds.
ARROW_DIGITS: Final = 38


def _round(value: Fraction, places: int) -> Decimal:
    """``value`` rounded half-even to ``places`` decimal places, exactly."""
    units = round(value * 10**places)  # Fraction.__round__ rounds half to even
    return Decimal(f"{units}E-{places}")


def _too_wide(name: str, value: object, digits: int | None) -> ExportError:
    size = "has no finite decimal form" if digits is None else f"needs {digits} digits"
    return ExportError(
        f"column {name!r}: {value} {size}; Arrow's decimal128 holds at most {ARROW_DIGITS} and "
        "wecb never rounds silently: round the amounts first, or pass places=N to round every "
        "decimal column half-even to N places"
    )


def _decimal(value: object, name: str, places: int | None) -> Decimal:
    """``value`` (a Decimal, Fraction or int) as a finite Decimal, rounded half-even to
    ``places`` when given; a fraction with no finite decimal form needs ``places``."""
    if not isinstance(value, Decimal | Fraction | int):
        raise WecbTypeError.not_accepted(f"column {name!r}", value, "a number")
    if places is not None:
        return _round(Fraction(value), places)
    if isinstance(value, Fraction):
        if not _terminates(value):
            raise _too_wide(name, value, None)
        # A terminating fraction's places: the larger power of 2 or 5 in its denominator.
        places_needed = max(_power(value.denominator, 2), _power(value.denominator, 5))
        return _round(value, places_needed)
    return Decimal(value)


def _power(number: int, factor: int) -> int:
    """How many times ``factor`` divides ``number``."""
    count = 0
    while number % factor == 0:
        number //= factor
        count += 1
    return count


def _shape(value: Decimal) -> tuple[int, int]:
    """The whole digits and the decimal places of ``value``, trailing zeros aside (read
    from its digits: ``normalize()`` would round to the context's precision)."""
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite: the cells are checked
    count = len(digits)
    while count > 1 and digits[count - 1] == 0 and exponent < 0:
        count -= 1
        exponent += 1
    return max(count + exponent, 1), max(-exponent, 0)


def _terminates(value: Fraction) -> bool:
    denominator = value.denominator
    for factor in (2, 5):
        while denominator % factor == 0:
            denominator //= factor
    return denominator == 1


def _fitting_places(column: FrameColumn) -> int | None:
    """For a column of plain numbers (ratios) that ``decimal128`` cannot hold exactly, the
    places that fit its widest number into 38 digits; None when it holds them exactly."""
    whole, scale, exact = 1, 0, True
    for cell in column.cells:
        if cell is None:
            continue
        if not isinstance(cell, Decimal | Fraction | int):
            raise WecbTypeError.not_accepted(f"column {column.name!r}", cell, "a number")
        value = Fraction(cell)
        whole = max(whole, len(str(abs(int(value)))))
        if isinstance(cell, Fraction) and not _terminates(cell):
            exact = False
        elif exact:
            scale = max(scale, _shape(_decimal(cell, column.name, None))[1])
    if exact and whole + scale <= ARROW_DIGITS:
        return None
    return max(ARROW_DIGITS - whole, 0)


def decimal_column(
    column: FrameColumn, places: int | None
) -> tuple[list[Decimal | None], int, int, bool]:
    """The column's amounts, the precision and scale of the narrowest ``decimal128`` that
    holds them all, and whether they were rounded to fit (plain numbers only). Narrow, so
    that Arrow's arithmetic has room: a product's precision is the sum of its operands'
    (plus one), and Arrow's sums are ``decimal128(38, s)`` whatever the column's."""
    fit = _fitting_places(column) if places is None and column.kind == "decimal" else None
    rounding = places if places is not None else fit
    values = [None if c is None else _decimal(c, column.name, rounding) for c in column.cells]
    scale = rounding if rounding is not None else 2 if column.kind == "money" else 0
    whole, widest, finest = 1, None, None
    for value in values:
        if value is not None:
            digits, decimals = _shape(value)
            if digits >= whole:
                whole, widest = digits, value
            if rounding is None and decimals >= scale:
                scale, finest = decimals, value
    if whole + scale > ARROW_DIGITS:
        culprit = finest if finest is not None and _shape(finest)[1] > 2 else widest
        raise _too_wide(column.name, culprit, whole + scale)
    held = [None if v is None else _held(v, scale) for v in values]
    return held, whole + scale, scale, fit is not None


def _held(value: Decimal, scale: int) -> Decimal:
    """``value`` as Arrow can read it into ``decimal128(38, scale)``: Arrow reads a
    Decimal's own digits first, so trailing zeros beyond ``scale`` (``Decimal("1.5000")``
    at scale 2) or beyond 38 digits are dropped, exactly, first."""
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite: the cells are checked
    if exponent >= -scale and len(digits) <= ARROW_DIGITS:
        return value
    return _round(Fraction(value), scale)
