"""Exact allocation: split a whole number of units over weights, losing and inventing
nothing (the largest remainder method, with a fixed tie-break).

:meth:`Money.allocate <wecb.core.money.Money.allocate>` checks its amount, unit and
weights and calls :func:`largest_remainder`; other engines (who pays, phasing) may call it
on their own units.

>>> largest_remainder(10000, [Fraction(1), Fraction(1), Fraction(1)])
[3334, 3333, 3333]
"""

from __future__ import annotations

import numbers
from decimal import Decimal
from fractions import Fraction
from typing import Final

from wecb.core._decimal import float_message
from wecb.core.numbers import decimal, fraction, is_float_like
from wecb.errors import AllocationError, FloatNotAllowedError, MoneyError

__all__ = ["UNITS", "largest_remainder", "quantum", "weight"]

#: The named rounding and allocation units.
UNITS: Final = {
    "penny": Decimal("0.01"),
    "pound": Decimal("1"),
    "thousand": Decimal("1000"),
    "million": Decimal("1000000"),
}


def largest_remainder(units: int, weights: list[Fraction]) -> list[int]:
    """Split ``units`` (>= 0) into whole parts proportional to ``weights`` (>= 0, not all
    zero) that sum exactly to ``units``.

    Every part gets the whole units of its exact share, then the units left over go one
    each to the parts with the largest remainders; among equal remainders the *earlier*
    weight gets the extra unit, so the same input always gives the same output.
    """
    if not weights:
        raise AllocationError("cannot allocate over no weights")
    total = sum(weights, Fraction(0))
    if total == 0:
        raise AllocationError("cannot allocate: every weight is zero")
    shares = [units * w / total for w in weights]
    parts = [s.numerator // s.denominator for s in shares]
    left = units - sum(parts)
    by_remainder = sorted(range(len(shares)), key=lambda i: (parts[i] - shares[i], i))
    for i in by_remainder[:left]:
        parts[i] += 1
    return parts


def weight(value: object, name: str) -> Fraction:
    """An allocation weight: an exact number, zero or more, within the bounds of
    :mod:`wecb.core.numbers`."""
    if is_float_like(value):  # say how to write it exactly, as for an amount
        raise FloatNotAllowedError(f"weight {name}: {float_message(value)}")  # type: ignore[arg-type]
    return fraction(value, what=f"weight {name}", minimum=0, error=AllocationError)


def quantum(unit: object) -> Decimal:
    """A positive rounding or allocation unit: a name from ``UNITS``, a Decimal or an int,
    within the bounds of :mod:`wecb.core.numbers` (so ``Decimal("1E-999999999")`` is
    refused, not rounded to for ever)."""
    if isinstance(unit, str) and unit in UNITS:
        return UNITS[unit]
    if is_float_like(unit):
        raise FloatNotAllowedError(f"unit: {float_message(unit)}")  # type: ignore[arg-type]
    expected = f"one of {sorted(UNITS)} or a positive Decimal such as Decimal('0.01')"
    if isinstance(unit, Decimal) and not unit.is_finite():
        raise MoneyError.not_accepted("unit", unit, expected)
    if isinstance(unit, int | Decimal | numbers.Integral) and not isinstance(unit, bool):
        quantum = decimal(unit, what="unit", error=MoneyError)
        if quantum > 0:
            return quantum
    raise MoneyError.not_accepted("unit", unit, expected)
