"""The financial case of an appraisal's lines, year by year (private; read through
:attr:`wecb.appraisal.record.Appraisal.financial_case`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from wecb.appraisal.cases import CaseYear, SideBySide
from wecb.appraisal.lines import AppraisedLine
from wecb.appraisal.present_values import discount_flows
from wecb.appraisal.schedules import DiscountSchedule
from wecb.core.money import Money
from wecb.core.periods import FinancialYear

__all__ = ["case_years"]

_Sums = tuple[dict[FinancialYear, Money], dict[FinancialYear, Money]]


def _by_year(
    lines: Sequence[AppraisedLine],
    adjusted: bool,
    schedule: DiscountSchedule,
    base_year: FinancialYear,
    allow_before_base: bool,
) -> _Sums:
    """Each year's undiscounted and discounted total of ``lines``."""
    flows = [pair for line in lines for pair in (line.adjusted if adjusted else line.unadjusted)]
    plain: dict[FinancialYear, Money] = {}
    for year, amount in flows:
        plain[year] = plain[year] + amount if year in plain else amount
    discounted = discount_flows(flows, base_year, schedule, allow_before_base=allow_before_base)
    return plain, discounted


def case_years(
    lines: Iterable[AppraisedLine],
    *,
    schedule: DiscountSchedule,
    base_year: FinancialYear,
    allow_before_base: bool,
    currency: str,
) -> tuple[CaseYear, ...]:
    """The years of the financial case of ``lines`` (an appraisal's lines), in order: the
    years in which a cost or a fiscal benefit (as the case counts them) has an amount."""
    chosen = [line for line in lines if line.is_cost or line.is_fiscal_benefit]
    groups = {
        "costs": [line for line in chosen if line.is_cost],
        "fiscal": [line for line in chosen if not line.is_cost],
        "cashable": [line for line in chosen if not line.is_cost and line.cashable],
    }
    sums = {
        (name, adjusted): _by_year(group, adjusted, schedule, base_year, allow_before_base)
        for name, group in groups.items()
        for adjusted in (False, True)
    }
    zero = Money.zero(currency)

    def both(name: str, year: FinancialYear, discounted: bool) -> SideBySide:
        index = 1 if discounted else 0
        return SideBySide(
            sums[name, False][index].get(year, zero), sums[name, True][index].get(year, zero)
        )

    years = sorted({year for line in chosen for year, _ in (*line.unadjusted, *line.adjusted)})
    return tuple(
        CaseYear(
            year=year,
            costs=both("costs", year, False),
            fiscal_benefits=both("fiscal", year, False),
            cashable_benefits=both("cashable", year, False),
            discounted_costs=both("costs", year, True),
            discounted_fiscal_benefits=both("fiscal", year, True),
            discounted_cashable_benefits=both("cashable", year, True),
        )
        for year in years
    )
