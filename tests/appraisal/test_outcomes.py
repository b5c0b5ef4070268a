"""Outcome chains (issue 12 item 1): the semantics by hand, exact splits, bad input, and the
flows taken unchanged by appraise, rollup and who_pays."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest

from samples import PROGRAMME
from wecb import units
from wecb.appraisal import appraise, outcome_chain
from wecb.appraisal.outcomes import Cohort, Outcome, OutcomeChain
from wecb.appraisal.prices import PriceIndex
from wecb.appraisal.schedules import ZERO_RATE
from wecb.appraisal.unit_costs import SEED_UNIT_COSTS
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.errors import (
    AppraisalError,
    FloatNotAllowedError,
    MoneyError,
    UnitError,
    WecbTypeError,
)
from wecb.model.cashflows import Nature, ValueType
from wecb.model.facts import TeamPlan
from wecb.rollups import rollup
from wecb.whopays import who_pays

FY13, FY14, FY15, FY16 = (FinancialYear(y) for y in (2013, 2014, 2015, 2016))


def outcome(**changes: Any) -> Outcome:
    """100 families enter in 2014/15 and 100 in 2015/16; 80% engage, 50% of them improve,
    25% of that is deadweight: 30 benefit from each cohort, for 2 years after a 1-year lag,
    halving in the second year, at £1,000 a family a year."""
    given: dict[str, Any] = {
        "name": "fewer call-outs",
        "cohort": Cohort.by_year({FY14: 100, FY15: 100}),
        "engagement": "80%",
        "impact": "50%",
        "deadweight": "25%",
        "lag": 1,
        "persistence": 2,
        "drop_off": "50%",
        "unit_value": "£1,000 per family per year",
        "value_type": ValueType.FISCAL,
        "cashable_share": "1/2",
        "agency_shares": {"police": "3/4", "ecc": "1/4"},
    }
    given.update(changes)
    return Outcome(**given)


def test_the_chain_by_hand() -> None:
    chain = outcome_chain(outcome())
    steps = {s.year: s for s in chain.steps}
    assert [s.year for s in chain.steps] == [FY14, FY15, FY16, FY16 + 1]
    first = steps[FY14]
    assert [first.cohort, first.engaged, first.improved, first.net] == [
        Fraction(100),
        Fraction(80),
        Fraction(40),
        Fraction(30),
    ]
    # 2015/16: the first cohort's first year (30); 2016/17: its second (30 x 0.5) and the
    # second cohort's first (30); 2017/18: the second cohort's second year (15).
    assert [s.benefiting for s in chain.steps] == [0, 30, 45, 15]
    assert chain.by_year() == {
        FY14: Money("0.00"),
        FY15: Money("30000.00"),
        FY16: Money("45000.00"),
        FY16 + 1: Money("15000.00"),
    }
    assert chain.total == Money("90000")


def test_lag_zero_and_persistence_one_put_the_benefit_in_the_entry_year() -> None:
    chain = outcome_chain(outcome(lag=0, persistence=1, drop_off=0))
    assert chain.by_year() == {FY14: Money("30000"), FY15: Money("30000")}


def test_flows_split_cashable_then_agencies_exactly() -> None:
    chain = outcome_chain(outcome())
    in_1617 = [(f.beneficiary, f.cashable, f.amount) for f in chain.flows if f.period == FY16]
    assert in_1617 == [
        ("police", True, Money("16875")),
        ("ecc", True, Money("5625")),
        ("police", False, Money("16875")),
        ("ecc", False, Money("5625")),
    ]
    for flow in chain.flows:
        assert flow.nature is Nature.BENEFIT
        assert flow.value_type is ValueType.FISCAL
        assert flow.label == "fewer call-outs"
        assert flow.price_year is None
    assert sum((f.amount for f in chain.flows), Money.zero()) == chain.total


def test_a_penny_left_over_goes_by_largest_remainder() -> None:
    # £1,000.01 a year over three equal agencies: 33,334 + 33,334 + 33,333 pence.
    chain = outcome_chain(
        outcome(
            cohort=Cohort.by_year({FY14: 1}),
            engagement=1,
            impact=1,
            deadweight=0,
            lag=0,
            persistence=1,
            drop_off=0,
            unit_value="£1,000.01 per family per year",
            value_type=ValueType.SOCIAL,
            cashable_share=None,
            agency_shares={"a": "1/3", "b": "1/3", "c": "1/3"},
        )
    )
    assert [f.amount for f in chain.flows] == [
        Money("333.34"),
        Money("333.34"),
        Money("333.33"),
    ]
    assert not any(f.cashable for f in chain.flows)


def test_a_value_finer_than_the_precision_needs_a_rounding_mode() -> None:
    fine = outcome(unit_value="£1,000.001 per family per year")
    # 2015/16 is exact (30 x £1,000.001 = £30,000.03); 2016/17 is 45 x £1,000.001.
    with pytest.raises(AppraisalError, match=r"outcome 'fewer call-outs', 2016/17: .*rounding="):
        outcome_chain(fine)
    chain = outcome_chain(fine, rounding=ROUND_HALF_EVEN)
    assert chain.by_year()[FY15] == Money("30000.03")
    assert chain.by_year()[FY16] == Money("45000.04")  # 45,000.045, half to even
    assert any("ROUND_HALF_EVEN" in str(a) for a in chain.assumptions())


def test_precision_in_pounds() -> None:
    chain = outcome_chain(
        outcome(unit_value="£1,000.10 per family per year"),
        precision="pound",
        rounding=ROUND_HALF_EVEN,
    )
    assert chain.by_year()[FY15] == Money("30003")
    assert all(f.amount.amount == f.amount.amount.to_integral_value() for f in chain.flows)


def test_non_fiscal_values_are_never_cashable() -> None:
    chain = outcome_chain(outcome(value_type=ValueType.SOCIAL, cashable_share=None))
    assert not any(f.cashable for f in chain.flows)
    assert all(y.cashable.is_zero() for y in chain.years)


def test_cohort_from_the_essex_team_plan() -> None:
    plan = TeamPlan(
        key="fbc5_teams_2013",
        project="FBC5",
        teams=8,
        cases_per_team=135,
        start_year=2013,
        start_month=10,
    )
    cohort = Cohort.from_team_plan(plan, last=FY14)
    # Oct 2013 to Mar 2014 is half a year: 8 x 135 / 2 = 540 families, then 1,080.
    assert cohort.entries == ((FY13, Fraction(540)), (FY14, Fraction(1080)))
    assert cohort.unit == "family"
    assert any("wave 'fbc5_teams_2013'" in str(a) for a in cohort.basis)
    later = TeamPlan(key="t", project="FBC5", teams=4, cases_per_team=180, start_year=2014)
    with pytest.raises(AppraisalError, match="assume_start_month"):
        Cohort.from_team_plan(later, last=FY15)
    assert Cohort.from_team_plan(later, last=FY15, assume_start_month=4).total == 1440


def test_price_base_rebases_the_unit_value() -> None:
    index = PriceIndex(
        name="example", illustrative=True, levels={"2013/14": "100", "2014/15": "125"}
    )
    given = outcome(price_year=FY13)
    chain = outcome_chain(given, price_base=FY14, price_index=index)
    assert chain.unit_value == Money("1250")
    assert chain.by_year()[FY15] == Money("37500")
    assert {f.price_year for f in chain.flows} == {FY14}
    assert any(a.name == "unit value rebased" for a in chain.assumptions())
    # Without a price base the flows carry the unit value's price year, for appraise.
    assert {f.price_year for f in outcome_chain(given).flows} == {FY13}
    with pytest.raises(AppraisalError, match="pass price_index="):
        outcome_chain(given, price_base=FY14)
    with pytest.raises(AppraisalError, match="states no price year"):
        outcome_chain(outcome(), price_base=FY14, price_index=index)


def test_the_flows_go_through_appraise_rollup_and_who_pays_unchanged() -> None:
    chain = outcome_chain(outcome(agency_shares={"police": "3/4", "ecc": "1/4"}))
    triage = PROGRAMME.project("triage")
    programme = PROGRAMME.with_project(attrs.evolve(triage, flows=(*triage.flows, *chain.flows)))
    before = rollup(PROGRAMME).total.benefits
    assert rollup(programme).total.benefits == before + chain.total
    received = who_pays(programme).benefits_received
    police = sum((f.amount for f in chain.flows if f.beneficiary == "police"), Money.zero())
    assert police == Money("67500")  # three quarters of £90,000
    assert received["police"] == who_pays(PROGRAMME).benefits_received["police"] + police
    kwargs: dict[str, Any] = {
        "base_year": FinancialYear(2012),
        "price_base": FinancialYear(2012),
        "schedule": ZERO_RATE,
        "projects": ["triage"],
    }
    with_chain = appraise(programme, **kwargs)
    without = appraise(PROGRAMME, **kwargs)
    gained = with_chain.pv_benefits.amount - without.pv_benefits.amount
    assert gained == chain.total


def test_rows_and_table_carry_the_assumptions() -> None:
    chain = outcome_chain(outcome())
    rows = chain.rows()
    assert rows[1]["net_of_deadweight"] == 30
    assert rows[1]["value"] == Money("30000")
    assert chain.years[1].cashable + chain.years[1].non_cashable == rows[1]["value"]
    assert (rows[1]["cashable"], rows[1]["non_cashable"]) == (Money("15000"), Money("15000"))
    assert rows.assumptions == chain.assumptions()
    text = str(chain)
    for word in (
        "cohort",
        "engaged",
        "improved",
        "net of deadweight",
        "value",
        "cashable",
        "engagement: 80%",
        "deadweight: 25%",
        "agency shares: police 75%, ecc 25%",
    ):
        assert word in text
    assert isinstance(chain, OutcomeChain)
    assert repr(chain).startswith("<OutcomeChain 'fewer call-outs': 4 years")
    assert "<table" in chain._repr_html_()


# -- bad input: each error names the outcome and the field -----------------------------------


@pytest.mark.parametrize(
    ("changes", "error", "message"),
    [
        ({"engagement": "120%"}, AppraisalError, "field engagement: '120%'"),
        ({"impact": -1}, AppraisalError, "field impact: -1"),
        ({"deadweight": 0.25}, FloatNotAllowedError, "field deadweight: float 0.25"),
        ({"drop_off": "lots"}, AppraisalError, "field drop_off: 'lots'"),
        ({"cashable_share": 0.5}, FloatNotAllowedError, "field cashable_share: float"),
        ({"cashable_share": None}, AppraisalError, "field cashable_share: not stated"),
        (
            {"value_type": ValueType.SOCIAL},
            AppraisalError,
            "field cashable_share: '1/2' is not accepted; expected None for a social",
        ),
        ({"lag": -1}, AppraisalError, "field lag: -1"),
        ({"lag": 1.0}, WecbTypeError, "field lag: 1.0"),
        ({"persistence": 0}, AppraisalError, "field persistence: 0"),
        ({"agency_shares": {"police": "1/2"}}, AppraisalError, "sum to 1/2, not exactly 1"),
        ({"agency_shares": {"police": 0.5, "ecc": 0.5}}, FloatNotAllowedError, "agency_shares"),
        ({"agency_shares": {}}, AppraisalError, "field agency_shares"),
        ({"agency_shares": [("police", 1)]}, WecbTypeError, "field agency_shares"),
        ({"unit_value": "£1,000 per person per year"}, UnitError, "does not fit a cohort of"),
        ({"unit_value": "£1,000 per family"}, UnitError, "field unit_value"),
        ({"unit_value": Decimal(1000)}, WecbTypeError, "field unit_value"),
        ({"value_type": "fiscal"}, WecbTypeError, "field value_type"),
        ({"price_year": 2014}, WecbTypeError, "field price_year"),
    ],
)
def test_bad_input_names_the_outcome_and_the_field(
    changes: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match="outcome 'fewer call-outs'") as caught:
        outcome(**changes)
    assert message in str(caught.value)


def test_bad_cohorts_are_refused() -> None:
    with pytest.raises(FloatNotAllowedError, match=r"Cohort.entries\[2014/15\] count"):
        Cohort.by_year({FY14: 1.5})  # type: ignore[dict-item]
    with pytest.raises(AppraisalError, match="at least one year"):
        Cohort.by_year({})
    with pytest.raises(AppraisalError, match="-1"):
        Cohort.by_year({FY14: -1})
    with pytest.raises(AppraisalError, match="one of"):
        Cohort.by_year({FY14: 1}, unit="cat")


def test_a_unit_value_as_a_quantity_is_kept_as_exact_text() -> None:
    rate = units.parse_rate("£52,000 per family per year")
    assert outcome(unit_value=rate) == outcome(unit_value="£52,000 per family per year")
    assert outcome(unit_value=rate).unit_value == "52000 GBP / family / year"


def test_a_unit_cost_brings_its_price_year_and_is_checked() -> None:
    family_cost = SEED_UNIT_COSTS["essex_complex_family_cost"]  # £250,000 per family per year
    given = outcome(unit_value=family_cost, cashable_share=0)
    assert given.unit_price_year == FinancialYear(2012)
    chain = outcome_chain(given)
    assert chain.unit_value == Money("250000")
    assert {f.price_year for f in chain.flows} == {FinancialYear(2012)}
    assert any(family_cost.source in str(a) for a in chain.assumptions())
    with pytest.raises(AppraisalError, match="field price_year: 2013/14 contradicts unit cost"):
        outcome(unit_value=family_cost, price_year=FY13)
    with pytest.raises(AppraisalError, match="field value_type: social contradicts unit cost"):
        outcome(unit_value=family_cost, value_type=ValueType.SOCIAL, cashable_share=None)
    # '£52,000 per family' is a saving per family worked with, not per year of benefit.
    with pytest.raises(UnitError, match="field unit_value: 52000 GBP / family does not fit"):
        outcome(unit_value=SEED_UNIT_COSTS["essex_families_at_scale_saving"])


def test_bad_precision_and_rounding_are_refused_by_name() -> None:
    with pytest.raises(AppraisalError, match="rounding: 'HALF' is not accepted"):
        outcome_chain(outcome(), rounding="HALF")
    with pytest.raises(MoneyError, match=r"outcome_chain\.precision: unit: 'cent'"):
        outcome_chain(outcome(), precision="cent")
    with pytest.raises(FloatNotAllowedError, match=r"outcome_chain\.precision"):
        outcome_chain(outcome(), precision=0.01)  # type: ignore[arg-type]
    with pytest.raises(WecbTypeError, match=r"outcome_chain\.outcome"):
        outcome_chain("fewer call-outs")  # type: ignore[arg-type]
