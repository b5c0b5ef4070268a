"""The two cases by the 2014 guidance's names: the financial case (net present budget
impact, financial return on investment, payback, cashable only) and the economic case (net
present public value, benefit-cost ratio), adjusted and unadjusted."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings

from strategies.analysis import ap2_programme
from strategies.cases import cases_appraisals
from wecb.appraisal import (
    ZERO_RATE,
    Adjustments,
    EconomicCase,
    FinancialCase,
    appraise,
    constant,
)
from wecb.appraisal.record import Appraisal
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.model.cashflows import CashFlow, CostType, Nature, ValueType

FY13 = FinancialYear(2013)


def flow(
    amount: str, year: int, kind: ValueType | None = None, cashable: bool = False
) -> CashFlow:
    if kind is None:
        return CashFlow(
            amount=Money(amount),
            nature=Nature.COST,
            period=FinancialYear(year),
            cost_type=CostType.REVENUE,
            payer="county",
        )
    return CashFlow(
        amount=Money(amount),
        nature=Nature.BENEFIT,
        period=FinancialYear(year),
        value_type=kind,
        cashable=cashable,
        beneficiary="health",
    )


# Costs 1,000 (2013) + 500 (2014); fiscal cashable 600 (2014), fiscal non-cashable 400
# (2015); economic 700 (2015); social 100 (2016).
LINES = [
    flow("1000", 2013),
    flow("500", 2014),
    flow("600", 2014, ValueType.FISCAL, cashable=True),
    flow("400", 2015, ValueType.FISCAL),
    flow("700", 2015, ValueType.ECONOMIC),
    flow("100", 2016, ValueType.SOCIAL),
]


def demo(**options: object) -> Appraisal:
    settings_: dict[str, object] = {"base_year": FY13, "price_base": FY13, "schedule": ZERO_RATE}
    settings_.update(options)
    return appraise(ap2_programme({"A": LINES}), **settings_)  # type: ignore[arg-type]


def test_the_financial_case_by_hand() -> None:
    case = demo().financial_case
    assert isinstance(case, FinancialCase) and case.name == "financial case"
    npbi = case.net_present_budget_impact()
    assert npbi.amount == Money(1000 - 1500)
    assert npbi.base_year == FY13 and npbi.schedule == "zero_rate"
    # The guidance's ROI is fiscal benefits per pound of cost, not (B - C) / C.
    assert case.financial_return_on_investment() == Money(1000) / Money(1500)
    assert case.net_benefit_per_pound() == Money(-500) / Money(1500)
    assert case.payback_year() is None  # cumulative -1,000, -900, -500, -500: never


def test_the_cashable_financial_case_counts_cashable_benefits_only() -> None:
    cashable = demo().financial_case.cashable
    assert cashable.name == "financial case (cashable)" and cashable.cashable_only
    assert cashable.benefits.undiscounted.unadjusted == Money(600)
    assert cashable.net_present_budget_impact().amount == Money(-900)
    assert cashable.financial_return_on_investment() == Money(600) / Money(1500)
    assert cashable.cashable is cashable


def test_the_economic_case_by_hand() -> None:
    case = demo().economic_case
    assert isinstance(case, EconomicCase) and case.name == "economic case"
    assert case.net_present_public_value().amount == Money(1800 - 1500)
    assert case.benefit_cost_ratio() == Money(1800) / Money(1500)
    assert case.net_benefit_per_pound() == Money(300) / Money(1500)


def test_adjusted_and_unadjusted_side_by_side() -> None:
    # Deadweight of 25% takes an exact quarter off every benefit; costs are unadjusted.
    result = demo(adjustments=Adjustments(deadweight="0.25"))
    financial, economic = result.financial_case, result.economic_case
    assert financial.net_present_budget_impact(adjusted=False).amount == Money(-500)
    assert financial.net_present_budget_impact().amount == Money(750) - Money(1500)
    assert financial.financial_return_on_investment(adjusted=False) == Money(1000) / Money(1500)
    assert financial.financial_return_on_investment() == Money(750) / Money(1500)
    assert economic.net_present_public_value(adjusted=False).amount == Money(300)
    assert economic.net_present_public_value().amount == Money(1350) - Money(1500)
    assert economic.benefit_cost_ratio(adjusted=False) == Money(1800) / Money(1500)


def test_discounted_and_undiscounted_ratios() -> None:
    ten = constant("10%")
    case = demo(schedule=ten).economic_case
    pv_benefits = (
        Money(600) * ten.factor(1) + Money(1100) * ten.factor(2) + Money(100) * (ten.factor(3))
    )
    pv_costs = Money(1000) + Money(500) * ten.factor(1)
    assert case.benefit_cost_ratio() == pv_benefits / pv_costs
    assert case.benefit_cost_ratio(discounted=False) == Money(1800) / Money(1500)
    assert case.net_present_public_value().amount == pv_benefits - pv_costs


def test_no_costs_means_no_ratio() -> None:
    result = appraise(
        ap2_programme({"A": [LINES[2]]}), base_year=FY13, price_base=FY13, schedule=ZERO_RATE
    )
    assert result.financial_case.financial_return_on_investment() is None
    assert result.financial_case.net_benefit_per_pound() is None
    assert result.economic_case.benefit_cost_ratio() is None
    assert result.financial_case.payback_year() == FinancialYear(2014)


def test_the_old_names_are_gone() -> None:
    result = demo()
    for old in ("npv", "npv_unadjusted", "fiscal_case", "public_value_case"):
        assert not hasattr(result, old), old
    assert not hasattr(result.financial_case, "roi")
    assert not hasattr(result.economic_case, "bcr")


def test_rows_and_table_use_the_guidance_names() -> None:
    result = demo()
    rows = {(row["section"], row["item"]): row for row in result.rows()}
    npbi = rows["financial case", "net present budget impact"]
    assert npbi["pv_adjusted"] == Money(-500)
    roi = rows["financial case", "financial return on investment"]
    assert roi["pv_unadjusted"] == Money(1000) / Money(1500)
    assert rows["financial case", "payback year"]["pv_adjusted"] is None
    assert rows["financial case (cashable)", "net present budget impact"]["pv_adjusted"] == Money(
        -900
    )
    assert rows["economic case", "net present public value"]["pv_adjusted"] == Money(300)
    assert rows["economic case", "benefit-cost ratio"]["pv_adjusted"] == Money(1800) / Money(1500)
    text = str(result)
    for words in ("Financial case", "Economic case", "payback year", "never", "0.67", "1.20"):
        assert words in text, words
    assert "net present budget impact -£500.00; net present public value £300.00" in text


def test_project_rows_name_both_nets() -> None:
    row = demo().project_rows()[0]
    assert row["net_present_budget_impact"] == Money(-500)
    assert row["net_present_public_value"] == Money(300)


@settings(max_examples=60, deadline=None)
@given(cases_appraisals())
def test_the_cases_add_up_exactly(result: Appraisal) -> None:
    financial, economic = result.financial_case, result.economic_case
    for adjusted in (False, True):
        npbi = financial.net_present_budget_impact(adjusted=adjusted).amount
        nppv = economic.net_present_public_value(adjusted=adjusted).amount
        costs = result.costs.present_value.get(adjusted)
        fiscal = result.fiscal_benefits.present_value.get(adjusted)
        assert npbi == fiscal - costs
        assert nppv == result.benefits.present_value.get(adjusted) - costs
        cashable = financial.cashable.net_present_budget_impact(adjusted=adjusted).amount
        assert cashable <= npbi <= nppv  # magnitudes: cashable within fiscal within all
        ratio = financial.financial_return_on_investment(adjusted=adjusted)
        assert (ratio is None) == costs.is_zero()
        if ratio is not None:
            assert ratio == fiscal / costs
            per_pound = financial.net_benefit_per_pound(adjusted=adjusted)
            assert per_pound is not None
            # Both quotients are rounded to the divide context's 28+ significant digits.
            assert abs(per_pound - (ratio - 1)) <= (abs(ratio) + 1) * Decimal("1e-25")
