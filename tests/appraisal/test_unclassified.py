"""Unclassified benefits: their own row, outside the fiscal case unless mapped, and the same
case membership in the appraisal, its year rows and the sensitivity engine."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import AP2_FIRST_YEAR, ap2_programme, ap2_programmes
from wecb.appraisal.adjustments import Adjustments
from wecb.appraisal.cba import appraise
from wecb.appraisal.horizons import Horizon
from wecb.appraisal.lines import BenefitType
from wecb.appraisal.record import Appraisal
from wecb.appraisal.schedules import GREEN_BOOK_STPR, ZERO_RATE
from wecb.appraisal.sensitivity import (
    Selector,
    Uncertainty,
    Uniform,
    monte_carlo,
    one_way,
)
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.errors import AppraisalError, WecbTypeError
from wecb.model.cashflows import CashFlow, Nature, ValueType
from wecb.model.programme import Programme

FY13, FY14 = FinancialYear(2013), FinancialYear(2014)


def benefit(amount: str, kind: ValueType, *, cashable: bool = False, label: str) -> CashFlow:
    return CashFlow(
        amount=Money(amount),
        nature=Nature.BENEFIT,
        period=FY14,
        value_type=kind,
        cashable=cashable,
        beneficiary="health",
        label=label,
    )


PROGRAMME = ap2_programme(
    {
        "A": [
            CashFlow(
                amount=Money(1000), nature=Nature.COST, period=FY13, payer="county", label="c"
            ),
            benefit("600", ValueType.FISCAL, cashable=True, label="cash"),
            benefit("200", ValueType.FISCAL, label="capacity"),
            benefit("300", ValueType.UNCLASSIFIED, label="avoided demand"),
            benefit("50", ValueType.SOCIAL, label="wellbeing"),
        ]
    }
)


def appraised(programme: Programme = PROGRAMME, **kwargs: object) -> Appraisal:
    options: dict[str, object] = {"base_year": FY13, "price_base": FY13, "schedule": ZERO_RATE}
    options.update(kwargs)
    return appraise(programme, **options)  # type: ignore[arg-type]


def items(result: Appraisal) -> dict[str, Money]:
    return {
        str(row["item"]): row["undiscounted_unadjusted"]  # type: ignore[misc]
        for row in result.rows()
        if row["section"] == "benefits"
    }


def test_by_default_unclassified_benefits_are_outside_the_fiscal_case() -> None:
    # 0.1.0 read an unstated value type as fiscal: the NPV was 1,150 - 1,000 = 150.
    result = appraised()
    assert result.financial_case.net_present_budget_impact().amount == Money(
        -200
    )  # 600 + 200 - 1,000
    assert result.economic_case.net_present_public_value().amount == Money(
        150
    )  # every benefit counts
    assert result.benefits_by_value_type()[BenefitType.UNCLASSIFIED].undiscounted.adjusted == (
        Money(300)
    )
    assert items(result)["unclassified"] == Money(300)
    assert items(result)["fiscal non-cashable"] == Money(200)
    line = next(line for line in result.lines if line.label == "avoided demand")
    assert line.category == "unclassified" and line.treated_as is None
    assert not line.is_fiscal_benefit and line.counted_as is BenefitType.UNCLASSIFIED
    assert result.by_year()[1]["fiscal_benefits"] == Money(800)
    assert "  unclassified " in str(result)


@pytest.mark.parametrize("treat", ["fiscal", ValueType.FISCAL])
def test_treated_as_fiscal_they_count_as_fiscal_non_cashable(treat: object) -> None:
    result = appraised(treat_unclassified=treat)
    assert result.financial_case.net_present_budget_impact().amount == Money(100)
    assert result.economic_case.net_present_public_value().amount == Money(150)
    assert result.treat_unclassified is ValueType.FISCAL
    # Their own row says how they were counted; the stated fiscal rows are unchanged.
    shown = items(result)
    assert shown["unclassified (treated as fiscal)"] == Money(300)
    assert shown["fiscal non-cashable"] == Money(200) and shown["fiscal cashable"] == Money(600)
    line = next(line for line in result.lines if line.label == "avoided demand")
    assert line.category == "unclassified"
    assert line.treated_as is BenefitType.FISCAL_NON_CASHABLE and line.is_fiscal_benefit
    assert result.fiscal_benefits.undiscounted.adjusted == Money(1100)
    assert result.by_year()[1]["fiscal_benefits"] == Money(1100)
    assert "unclassified (treated as fiscal)" in str(result)


@pytest.mark.parametrize("treat", ["economic", "social", ValueType.SOCIAL])
def test_treated_as_economic_or_social_they_stay_outside(treat: object) -> None:
    result = appraised(treat_unclassified=treat)
    assert result.financial_case.net_present_budget_impact().amount == Money(-200)
    assert result.economic_case.net_present_public_value().amount == Money(150)
    name = treat.value if isinstance(treat, ValueType) else treat
    assert f"unclassified (treated as {name})" in items(result)


@pytest.mark.parametrize(
    ("treat", "error"),
    [
        ("unclassified", AppraisalError),
        (ValueType.UNCLASSIFIED, AppraisalError),
        ("Fiscal", AppraisalError),
        ("fiscal_cashable", AppraisalError),
        (BenefitType.FISCAL_NON_CASHABLE, WecbTypeError),
        (1, WecbTypeError),
    ],
)
def test_treat_unclassified_refuses_anything_else(treat: object, error: type[Exception]) -> None:
    with pytest.raises(error, match=r"treat_unclassified: .* is not accepted; expected None"):
        appraised(treat_unclassified=treat)


def test_mapped_benefits_are_never_cashable() -> None:
    result = appraised(treat_unclassified="fiscal")
    cash = result.benefits_by_value_type()[BenefitType.FISCAL_CASHABLE]
    assert cash.undiscounted.adjusted == Money(600)
    unclassified = [line for line in result.lines if line.category == "unclassified"]
    assert not any(line.cashable for line in unclassified if not line.is_cost)


@pytest.mark.parametrize("treat", [None, "fiscal", "economic"])
def test_sensitivity_follows_the_appraisal_cases(treat: str | None) -> None:
    result = appraised(treat_unclassified=treat, schedule=GREEN_BOOK_STPR)
    flat = Uncertainty(name="flat", distribution=Uniform(low=1, high=1))
    out = monte_carlo(result, [flat], draws=3, seed=0)
    assert set(out.npv_draws()) == {result.npv_rounded_by_line()}
    assert out.net_present_budget_impact_percentiles.base == result.npv_rounded_by_line()
    assert out.net_present_public_value_percentiles.base == result.npv_rounded_by_line(
        public_value=True
    )
    # The partner of the unclassified benefit gains it in the fiscal case only when mapped.
    gained = Money(300) * GREEN_BOOK_STPR.factor(1)
    expected = gained.round("penny") if treat == "fiscal" else Money(0)
    cash = (Money(600) + Money(200)) * GREEN_BOOK_STPR.factor(1)
    assert out.partner("health").base == cash.round("penny") + expected
    row = one_way(result, [flat]).rows()[0]
    assert row["npv_base"] == result.npv_rounded_by_line()


@settings(max_examples=40)
@given(
    ap2_programmes(),
    st.sampled_from([None, "fiscal", "economic", "social"]),
    st.integers(0, 2**16),
)
def test_zero_width_draws_match_the_appraisal_for_every_treatment(
    programme: Programme, treat: str | None, seed: int
) -> None:
    base = FinancialYear(AP2_FIRST_YEAR)
    result = appraise(
        programme,
        base_year=base,
        price_base=base,
        schedule=GREEN_BOOK_STPR,
        adjustments=Adjustments(optimism_bias_grade=2, deadweight="0.1"),
        horizon=Horizon(base, base + 10),
        treat_unclassified=treat,
    )
    if not result.lines:
        return
    flat = Uncertainty(name="flat", distribution=Uniform(low=1, high=1))
    out = monte_carlo(result, [flat], draws=2, seed=seed)
    assert set(out.npv_draws()) == {result.npv_rounded_by_line(ROUND_HALF_EVEN)}
    assert out.net_present_public_value_percentiles.base == result.npv_rounded_by_line(
        public_value=True
    )
    # The fiscal case holds exactly the fiscal benefits, and the mapped ones when mapped.
    fiscal = sum(
        (
            line.pv_adjusted
            for line in result.lines
            if line.category in ("fiscal_cashable", "fiscal_non_cashable")
            or (treat == "fiscal" and line.category == "unclassified" and not line.is_cost)
        ),
        Money(0),
    )
    assert result.fiscal_benefits.present_value.adjusted == fiscal


def test_selector_unclassified_needs_a_nature() -> None:
    with pytest.raises(AppraisalError, match="add nature='cost' for the costs"):
        Selector(categories="unclassified")
    assert Selector(categories="unclassified", nature="benefit").categories == ("unclassified",)
    result = appraised()
    only = Uncertainty(
        name="unstated",
        distribution=Uniform(low=0, high=0),
        applies_to=Selector(categories="unclassified", nature=Nature.BENEFIT),
    )
    # Zeroing the unclassified benefit leaves the fiscal NPV and cuts the public value.
    out = monte_carlo(result, [only], draws=2, seed=1)
    assert out.net_present_budget_impact_percentiles.base == Money(-200)
    assert out.net_present_public_value_percentiles.maximum == Money(-150)


def test_selector_cashable_needs_a_nature() -> None:
    # Cashable is a cash outlay for a cost and a cash-releasing saving for a benefit.
    with pytest.raises(AppraisalError, match=r"Selector\.cashable: False is not accepted"):
        Selector(cashable=False)
    assert Selector(cashable=False, nature="benefit").cashable is False


def test_selector_categories_are_checked() -> None:
    with pytest.raises(AppraisalError, match="'fiscal_cashabel' is not accepted; expected one"):
        Selector(categories=("fiscal_cashabel",))
    assert Selector(categories=BenefitType.SOCIAL).categories == ("social",)


def test_a_decimal_multiplier_moves_only_what_it_selects() -> None:
    result = appraised(treat_unclassified="fiscal")
    half = Uncertainty(
        name="half",
        distribution=Uniform(low="0.5", high="0.5"),
        applies_to=Selector(categories="unclassified", nature="benefit"),
    )
    out = monte_carlo(result, [half], draws=1, seed=0)
    assert out.npv_draws() == (Money(100) - Money(300) * Decimal("0.5"),)
