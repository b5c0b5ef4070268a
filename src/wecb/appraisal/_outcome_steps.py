"""The arithmetic of an outcome chain (private): steps by year, then exact splits.

Everything here is exact (``Fraction``) until one stated rounding of each year's value to
the precision; the splits that follow are whole numbers of the precision's units, made by
:func:`wecb.core.allocation.largest_remainder`, so every split sums exactly to its whole.
:mod:`wecb.appraisal.outcomes` checks the inputs and states the rules.

>>> from wecb.core.periods import FinancialYear
>>> fy = FinancialYear(2014)
>>> rows = chain_steps(((fy, Fraction(100)),), engagement=Fraction(1, 2), impact=Fraction(1, 2),
...                    deadweight=Fraction(1, 5), lag=1, persistence=2,
...                    drop_off=Fraction(1, 2), unit_value=Fraction(1000))
>>> [(str(r.year), r.benefiting, r.value) for r in rows]
[('2014/15', Fraction(0, 1), Fraction(0, 1)), ('2015/16', Fraction(20, 1), Fraction(20000, 1)), \
('2016/17', Fraction(10, 1), Fraction(10000, 1))]
>>> split_units(1001, [("a", Fraction(1, 2)), ("b", Fraction(1, 2))])
[('a', 501), ('b', 500)]
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import TypeVar

import attrs

from wecb.core.allocation import largest_remainder
from wecb.core.periods import FinancialYear

__all__ = ["ChainStep", "chain_steps", "split_units"]

K = TypeVar("K")


@attrs.frozen(kw_only=True)
class ChainStep:
    """One financial year of an outcome chain, exact.

    ``cohort`` is the cohort entering in the year, ``engaged`` = cohort x engagement,
    ``improved`` = engaged x impact, ``net`` = improved x (1 - deadweight) (each ``0`` in a
    year no cohort enters); ``benefiting`` is the number whose benefit falls in the year,
    each earlier cohort's ``net`` x (1 - drop-off)^k in its k-th year of benefit; ``value``
    is ``benefiting`` x the unit value per cohort member per year.
    """

    year: FinancialYear
    cohort: Fraction
    engaged: Fraction
    improved: Fraction
    net: Fraction
    benefiting: Fraction
    value: Fraction


def chain_steps(
    entries: Sequence[tuple[FinancialYear, Fraction]],
    *,
    engagement: Fraction,
    impact: Fraction,
    deadweight: Fraction,
    lag: int,
    persistence: int,
    drop_off: Fraction,
    unit_value: Fraction,
) -> tuple[ChainStep, ...]:
    """The steps from the first cohort's year to the last year of benefit of the last.

    A cohort entering in year y benefits in years y+lag .. y+lag+persistence-1; in its
    k-th year of benefit (k = 0, 1, ...) it counts ``net x (1 - drop_off)**k``.
    """
    counts = dict(entries)
    first = min(counts)
    last = max(counts) + lag + persistence - 1
    nets = {year: count * engagement * impact * (1 - deadweight) for year, count in counts.items()}
    keep = 1 - drop_off
    steps = []
    for year in FinancialYear.range(first, last):
        benefiting = Fraction(0)
        for entered, net in nets.items():
            k = (year - entered) - lag
            if 0 <= k < persistence:
                benefiting += net * keep**k
        count = counts.get(year, Fraction(0))
        engaged = count * engagement
        improved = engaged * impact
        steps.append(
            ChainStep(
                year=year,
                cohort=count,
                engaged=engaged,
                improved=improved,
                net=improved * (1 - deadweight),
                benefiting=benefiting,
                value=benefiting * unit_value,
            )
        )
    return tuple(steps)


def split_units(units: int, shares: Sequence[tuple[K, Fraction]]) -> list[tuple[K, int]]:
    """``units`` split over ``shares`` (summing to 1, or any positive total) exactly: the
    parts are whole and sum to ``units``; ties go to the earlier share."""
    if units == 0:
        return [(key, 0) for key, _ in shares]
    parts = largest_remainder(units, [share for _, share in shares])
    return [(key, part) for (key, _), part in zip(shares, parts, strict=True)]
