"""Payback: the first financial year from which the cumulative net fiscal value is at
least zero and stays so, discounted or not, adjusted or not, cashable only or not."""

from __future__ import annotations

import importlib.util

import pytest
from hypothesis import given, settings

from strategies.analysis import ap2_programme
from strategies.cases import cases_appraisals
from wecb.appraisal import ZERO_RATE, Adjustments, Phasing, appraise, constant
from wecb.appraisal.payback import cumulative, payback_year
from wecb.appraisal.record import Appraisal
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.model.cashflows import CashFlow, CostType, Nature, ValueType

FY = FinancialYear(2013)
HAS_ESSEX = importlib.util.find_spec("wecb.datasets") is not None


def nets(*amounts: int) -> list[tuple[FinancialYear, Money]]:
    return [(FY + i, Money(a)) for i, a in enumerate(amounts)]


@pytest.mark.parametrize(
    ("amounts", "expected"),
    [
        ((), None),  # no years: nothing pays back
        ((-100, 50, 49), None),  # -1 at the end: never
        ((-100, 50, 50), 2),  # exactly zero counts as paid back
        ((-100, 150, -60, 20), 3),  # dips below zero in year 2, back for good in year 3
        ((10, -20, 15), 2),  # non-negative at first, but it does not stay so
        ((0, 0, 5), 0),  # never negative: the first year
        ((5, -5, 0), 0),  # back to exactly zero stays non-negative
    ],
)
def test_payback_year_of_a_running_total(amounts: tuple[int, ...], expected: int | None) -> None:
    assert payback_year(nets(*amounts)) == (None if expected is None else FY + expected)


def test_cumulative_is_the_running_total() -> None:
    assert [m for _, m in cumulative(nets(-100, 40, 70))] == [Money(-100), Money(-60), Money(10)]


def cost(amount: str, year: int, cashable: bool = True) -> CashFlow:
    return CashFlow(
        amount=Money(amount),
        nature=Nature.COST,
        period=FY + year,
        cost_type=CostType.REVENUE,
        cashable=cashable,
    )


def saving(
    amount: str, year: int, kind: ValueType = ValueType.FISCAL, cashable: bool = True
) -> CashFlow:
    return CashFlow(
        amount=Money(amount),
        nature=Nature.BENEFIT,
        period=FY + year,
        value_type=kind,
        cashable=cashable if kind is ValueType.FISCAL else False,
    )


def appraised(*flows: CashFlow, **options: object) -> Appraisal:
    chosen: dict[str, object] = {"base_year": FY, "price_base": FY, "schedule": ZERO_RATE}
    chosen.update(options)
    return appraise(ap2_programme({"A": list(flows)}), **chosen)  # type: ignore[arg-type]


def test_discounting_can_delay_payback_or_prevent_it() -> None:
    flows = (cost("100", 0), saving("60", 1), saving("50", 2))
    assert appraised(*flows).financial_case.payback_year() == FY + 2
    ten = appraised(*flows, schedule=constant("10%")).financial_case
    # 60/1.1 + 50/1.21 = 95.87 < 100: never, discounted; undiscounted it pays back in year 2.
    assert ten.payback_year() is None
    assert ten.payback_year(discounted=False) == FY + 2
    totals = [m for _, m in ten.cumulative_net()]
    assert totals[-1] == Money(60) * constant("10%").factor(1) + Money(50) * constant(
        "10%"
    ).factor(2) - Money(100)


def test_adjustments_move_payback() -> None:
    flows = (cost("100", 0), saving("100", 1), saving("40", 2))
    case = appraised(*flows, adjustments=Adjustments(deadweight="0.25")).financial_case
    assert case.payback_year(adjusted=False) == FY + 1
    assert case.payback_year() == FY + 2  # 75, then 75 + 30 = 105 against 100
    assert case.cumulative_net()[-1][1] == Money(5)
    stricter = appraised(*flows, adjustments=Adjustments(deadweight="0.3")).financial_case
    assert stricter.payback_year() is None  # 70 + 28 = 98 < 100


def test_cashable_payback_counts_cashable_benefits_only() -> None:
    flows = (cost("100", 0), saving("60", 1), saving("60", 2, cashable=False), saving("50", 3))
    case = appraised(*flows).financial_case
    assert case.payback_year() == FY + 2
    assert case.cashable.payback_year() == FY + 3
    assert [y for y, _ in case.cumulative_net()] == [FY + i for i in range(4)]


def test_years_with_only_economic_or_social_value_are_not_years_of_the_case() -> None:
    flows = (saving("40", 0, ValueType.ECONOMIC), cost("100", 1), saving("150", 2))
    case = appraised(*flows).financial_case
    assert [y for y in (c.year for c in case.years)] == [FY + 1, FY + 2]
    assert case.payback_year() == FY + 2


def test_the_years_sum_to_the_present_values() -> None:
    flows = (cost("100", 0), cost("50", 1), saving("70", 1), saving("90", 2, cashable=False))
    case = appraised(*flows, schedule=constant("3.5%")).financial_case
    total = Money(0)
    for year in case.years:
        total = total + year.net()
    assert total == case.net_present_budget_impact().amount


@settings(max_examples=60, deadline=None)
@given(cases_appraisals())
def test_payback_is_where_the_running_total_turns_non_negative_for_good(
    result: Appraisal,
) -> None:
    for case in (result.financial_case, result.financial_case.cashable):
        for discounted in (False, True):
            for adjusted in (False, True):
                totals = case.cumulative_net(discounted=discounted, adjusted=adjusted)
                found = case.payback_year(discounted=discounted, adjusted=adjusted)
                if found is None:
                    assert not totals or totals[-1][1].is_negative()
                    continue
                years = [year for year, _ in totals]
                at = years.index(found)
                assert all(not m.is_negative() for _, m in totals[at:])
                assert at == 0 or totals[at - 1][1].is_negative()
        # The discounted years add up to the case's present values, exactly.
        for adjusted in (False, True):
            total = Money(0)
            for year in case.years:
                total = total + year.net(adjusted=adjusted, cashable=case.cashable_only)
            assert total == case.net_present_budget_impact(adjusted=adjusted).amount


@pytest.mark.skipif(not HAS_ESSEX, reason="wecb.datasets.essex_2012 not available")
def test_essex_with_the_docs_illustrative_phasing() -> None:
    from wecb.datasets import essex_2012  # noqa: PLC0415 -- optional data set

    fy12 = FinancialYear(2012)
    phasing = Phasing(
        {
            "to_mar_2013": {fy12: 1},
            "further_implementation": dict.fromkeys(FinancialYear.range(fy12 + 2, fy12 + 4), 1),
            "appraisal_horizon": dict.fromkeys(FinancialYear.range(fy12 + 2, fy12 + 6), 1),
        }
    )
    result = appraise(essex_2012(), base_year=fy12, price_base=fy12, phasing=phasing)
    case = result.financial_case
    # Costs from 2012/13, cashable savings from 2014/15: cumulative -£1.43m, -£3.26m, then
    # +£13.71m in 2014/15 and rising to the NPBI the docs quote, £102,644,755.03.
    totals = dict(case.cumulative_net())
    found = case.payback_year()
    assert found is not None
    assert all(not m.is_negative() for y, m in totals.items() if y >= found)
    assert all(m.is_negative() for y, m in totals.items() if y < found)
    assert found == PINNED_ESSEX_PAYBACK
    assert totals[FinancialYear(2018)].round("penny") == Money("102644755.03")
    assert case.payback_year(discounted=False) == PINNED_ESSEX_PAYBACK_UNDISCOUNTED


PINNED_ESSEX_PAYBACK = FinancialYear(2014)
PINNED_ESSEX_PAYBACK_UNDISCOUNTED = FinancialYear(2014)
