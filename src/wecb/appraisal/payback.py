"""The payback year: when a running total of net value turns non-negative for good.

The payback year of a financial case
(:meth:`FinancialCase.payback_year <wecb.appraisal.cases.FinancialCase.payback_year>`) is
the first financial year from which the cumulative net fiscal value (fiscal benefits less
costs, summed from the first year of the case) is at least zero and stays so in every later
year of the case; ``None`` if it never does (the cumulative is negative in the last year)
or the case has no years. It is read discounted (each year's amounts discounted to the base
year by the appraisal's schedule, as the present values are) or undiscounted, adjusted or
unadjusted. The years of a case are those in which a cost line or a fiscal-benefit line
(as the financial case counts them) has an amount. An appraisal is always by financial
year (:func:`~wecb.appraisal.cba.appraise` refuses an open period it is not told how to
phase), so a payback year is always one financial year; a
:class:`~wecb.rollups.Rollup` by period may end in an open period, and its
:meth:`~wecb.rollups.Rollup.payback_year` refuses that.

>>> from wecb.core.money import Money
>>> from wecb.core.periods import FinancialYear
>>> fy = FinancialYear(2014)
>>> payback_year([(fy, Money(-100)), (fy + 1, Money(20)), (fy + 2, Money(-5))]) is None
True
>>> payback_year([(fy, Money(-100)), (fy + 1, Money(20)), (fy + 2, Money(90))])
FinancialYear(2016)
>>> payback_year([(fy, Money(10)), (fy + 1, Money(-20)), (fy + 2, Money(15))])
FinancialYear(2016)
>>> [str(total) for _, total in cumulative([(fy, Money(10)), (fy + 1, Money(-20))])]
['£10.00', '-£10.00']
"""

from __future__ import annotations

from collections.abc import Iterable

from wecb.core.money import Money
from wecb.core.periods import FinancialYear

__all__ = ["cumulative", "payback_year"]


def cumulative(
    nets: Iterable[tuple[FinancialYear, Money]],
) -> tuple[tuple[FinancialYear, Money], ...]:
    """The running total of ``nets`` (year, net value), in the order given."""
    out: list[tuple[FinancialYear, Money]] = []
    for year, net in nets:
        out.append((year, out[-1][1] + net if out else net))
    return tuple(out)


def payback_year(nets: Iterable[tuple[FinancialYear, Money]]) -> FinancialYear | None:
    """The first year from which the running total of ``nets`` (year, net value; years in
    order) is at least zero and stays so; ``None`` if the last running total is negative
    or there are no years (see the module notes)."""
    found: FinancialYear | None = None
    for year, total in cumulative(nets):
        if total.is_negative():
            found = None
        elif found is None:
            found = year
    return found
