"""Business-as-usual (counterfactual) flows: in the model, checked with the programme, and
appraised as with-minus-without; and Programme.without_project with its cascade."""

from __future__ import annotations

import copy
import pickle

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies.analysis import AP2_FIRST_YEAR, ap2_programme
from strategies.scenarios import sc_counterfactual_programmes
from wecb.appraisal.adjustments import Adjustments
from wecb.appraisal.agencies import by_agency
from wecb.appraisal.cba import appraise
from wecb.appraisal.horizons import Horizon
from wecb.appraisal.lines import BUSINESS_AS_USUAL, AdjustmentPlan, AppraisedLine
from wecb.appraisal.phasing import Phasing
from wecb.appraisal.record import Appraisal
from wecb.appraisal.schedules import GREEN_BOOK_STPR, ZERO_RATE
from wecb.appraisal.sensitivity import Uncertainty, Uniform, monte_carlo, one_way
from wecb.core._decimal import ROUNDINGS
from wecb.core.money import Money
from wecb.core.periods import FinancialYear, OpenPeriod
from wecb.datasets import essex_2012
from wecb.errors import AppraisalError, ProgrammeError, UnphasedPeriodError, WecbTypeError
from wecb.model.cashflows import CashFlow, CostType, Nature, ValueType
from wecb.model.programme import Dropped, Programme
from wecb.model.projects import Project
from wecb.rollups import rollup

FY13, FY14 = FinancialYear(2013), FinancialYear(2014)
HORIZON = Horizon(FinancialYear(AP2_FIRST_YEAR), FinancialYear(AP2_FIRST_YEAR + 5))


def cost(amount: str, *, label: str, period: object = FY13, payer: str = "county") -> CashFlow:
    return CashFlow(
        amount=Money(amount),
        nature=Nature.COST,
        period=period,  # type: ignore[arg-type]
        cost_type=CostType.REVENUE,
        payer=payer,
        label=label,
    )


def saving(amount: str, *, label: str, cashable: bool = True) -> CashFlow:
    return CashFlow(
        amount=Money(amount),
        nature=Nature.BENEFIT,
        period=FY14,
        value_type=ValueType.FISCAL,
        cashable=cashable,
        beneficiary="police",
        label=label,
    )


def triage(usual: tuple[CashFlow, ...] = ()) -> Programme:
    """Street triage: nurses in police cars (with), against officers' time in A&E (usual)."""
    programme = ap2_programme(
        {"triage": [cost("120000", label="nurses"), saving("200000", label="custody")]}
    )
    project = attrs.evolve(programme.project("triage"), counterfactual=usual)
    return programme.with_project(project)


USUAL = (
    cost("30000", label="officers waiting in A&E"),
    saving("50000", label="custody anyway", cashable=True),
)


def zero_rate(programme: Programme, **options: object) -> Appraisal:
    return appraise(
        programme,
        base_year=FY13,
        price_base=FY13,
        schedule=ZERO_RATE,
        **options,  # type: ignore[arg-type]
    )


# -- the model -----------------------------------------------------------------------------


def test_counterfactual_flows_are_kept_apart_from_the_cash_flows() -> None:
    programme = triage(USUAL)
    project = programme.project("triage")
    assert project.counterfactual == USUAL
    assert [f.label for f in project.cash_flows] == ["nurses", "custody"]
    assert [f.label for _, f in programme.cash_flows()] == ["nurses", "custody"]
    # A rollup reports the with-project world: business as usual is not in it.
    assert rollup(programme, by="project").total.net == rollup(triage(), by="project").total.net
    assert Project(key="P", title="T", domain="d").counterfactual == ()
    assert repr(project).endswith(", 2 cash flows, 2 business-as-usual>")


def test_a_counterfactual_that_is_not_cash_flows_is_refused() -> None:
    with pytest.raises(WecbTypeError, match=r"Project\.counterfactual"):
        Project(key="P", title="T", domain="d", counterfactual=("£5",))  # type: ignore[arg-type]


def test_the_programme_checks_counterfactual_references_with_their_place() -> None:
    unknown = attrs.evolve(USUAL[0], payer="nobody")
    streamed = attrs.evolve(USUAL[0], stream="eig")
    period = attrs.evolve(USUAL[0], period=OpenPeriod(key="later", label="Later"))
    euros = attrs.evolve(USUAL[0], amount=Money("5", "EUR"))
    with pytest.raises(ProgrammeError) as raised:
        triage((unknown, streamed, period, euros))
    problems = raised.value.problems
    at = "projects['triage'].counterfactual"
    assert any(p.startswith(f"{at}[0].payer: unknown partner 'nobody'") for p in problems)
    assert any(
        p.startswith(f"{at}[1].stream: 'eig' is not accepted") and "no funding stream" in p
        for p in problems
    )
    assert any(p.startswith(f"{at}[2].period: unknown open period 'later'") for p in problems)
    assert any(p.startswith(f"{at}[3].amount: amount") and "EUR" in p for p in problems)
    assert len(problems) == 4


def test_a_programme_with_counterfactuals_pickles_and_copies_equal() -> None:
    programme = triage(USUAL)
    assert pickle.loads(pickle.dumps(programme)) == programme
    assert copy.deepcopy(programme) == programme
    assert programme != triage()


# -- the appraisal: with minus without ------------------------------------------------------


def test_a_worked_example_with_minus_without() -> None:
    # With: nurses £120,000 in 2013/14, custody saved £200,000 in 2014/15.
    # Without (business as usual): officers' time £30,000, custody saved anyway £50,000.
    # Incremental: costs £90,000, fiscal benefits £150,000, NPBI £60,000 (zero discounting).
    result = zero_rate(triage(USUAL))
    assert result.costs.present_value.adjusted == Money("90000")
    assert result.fiscal_benefits.present_value.adjusted == Money("150000")
    assert result.financial_case.net_present_budget_impact().amount == Money("60000")
    usual = [line for line in result.lines if line.counterfactual]
    assert [line.label for line in usual] == [
        "business as usual: officers waiting in A&E",
        "business as usual: custody anyway",
    ]
    assert [line.pv_adjusted for line in usual] == [Money("-30000"), Money("-50000")]
    assert all(line.rule == BUSINESS_AS_USUAL for line in usual)
    assert [line.index for line in usual] == [0, 1]
    by_year = {row["year"]: row for row in result.by_year()}
    assert by_year[FY13]["costs"] == Money("90000")
    assert by_year[FY14]["net_fiscal"] == Money("150000")


def test_business_as_usual_is_taken_as_stated_and_said_so() -> None:
    result = zero_rate(triage(USUAL), adjustments=Adjustments(deadweight="0.5"))
    # The project's saving is halved by deadweight; the business-as-usual saving is not.
    assert result.fiscal_benefits.present_value.adjusted == Money("50000")
    usual = [line for line in result.lines if line.counterfactual]
    assert all(line.adjusted == line.unadjusted for line in usual)
    stated = [str(a) for a in result.assumptions() if a.name.startswith("business as usual")]
    assert stated == [
        "business as usual (2 lines): project triage: each business-as-usual flow is "
        "subtracted from the total of its kind (cost category or benefit type), year and "
        "partner, so every figure is with-minus-without; taken as stated (no adjustments) "
        "(stated by the caller)"
    ]
    assert not any(
        a.name.startswith("business as usual") for a in zero_rate(triage()).assumptions()
    )


def test_an_adjustment_plan_cannot_name_a_business_as_usual_line() -> None:
    plan = AdjustmentPlan(lines={("triage", "business as usual: custody anyway"): Adjustments()})
    with pytest.raises(AppraisalError, match="match no appraised line"):
        zero_rate(triage(USUAL), adjustments=plan)


def test_an_adjusted_line_cannot_be_made_business_as_usual() -> None:
    from wecb.appraisal.lines import business_as_usual  # noqa: PLC0415

    line = zero_rate(triage(), adjustments=Adjustments(deadweight="0.1")).lines[1]
    assert isinstance(line, AppraisedLine)
    with pytest.raises(AppraisalError, match="taken as stated"):
        business_as_usual(line)


def test_an_unphased_business_as_usual_period_is_named() -> None:
    later = OpenPeriod(key="later", label="Later")
    programme = triage()
    programme = programme.evolve(periods=(later,)).with_project(
        attrs.evolve(
            programme.project("triage"),
            counterfactual=(cost("10", label="old service", period=later),),
        )
    )
    with pytest.raises(UnphasedPeriodError, match="business as usual: old service"):
        zero_rate(programme)
    phased = zero_rate(programme, phasing=Phasing({"later": {FY14: 1}}))
    assert phased.costs.present_value.adjusted == Money("119990")


def test_a_project_chosen_brings_only_its_business_as_usual() -> None:
    programme = triage(USUAL)
    other = Project(key="other", title="Other", domain="d", counterfactual=(USUAL[0],))
    programme = programme.with_project(other)
    only = zero_rate(programme, projects=["triage"])
    assert {line.project for line in only.lines} == {"triage"}
    assert zero_rate(programme).costs.present_value.adjusted == Money("60000")


def _figures(result: Appraisal) -> dict[str, Money]:
    """Every total of ``result`` that must be with-minus-without."""
    out = {f"costs {k}": v.present_value.adjusted for k, v in result.costs_by_type().items()}
    out |= {
        f"benefits {k.value}": v.present_value.adjusted
        for k, v in result.benefits_by_value_type().items()
    }
    out |= {
        f"undiscounted {k}": v.undiscounted.adjusted for k, v in result.costs_by_type().items()
    }
    out["npbi"] = result.financial_case.net_present_budget_impact().amount
    out["npbi unadjusted"] = result.financial_case.net_present_budget_impact(adjusted=False).amount
    out["nppv"] = result.economic_case.net_present_public_value().amount
    for row in result.by_year():
        for key in ("costs", "fiscal_benefits", "benefits"):
            out[f"{row['year']} {key}"] = row[key]  # type: ignore[assignment]
    for row in by_agency(result).rows():
        for key in ("pv_costs", "pv_fiscal_benefits", "pv_cashable_benefits", "net_position"):
            out[f"{row['agency']} {key}"] = row[key]  # type: ignore[assignment]
    return out


@settings(max_examples=60, deadline=None)
@given(sc_counterfactual_programmes())
def test_every_figure_is_with_minus_without(
    programmes: tuple[Programme, Programme, Programme],
) -> None:
    programme, with_only, usual_only = programmes
    options: dict[str, object] = {
        "base_year": FinancialYear(AP2_FIRST_YEAR),
        "price_base": FinancialYear(AP2_FIRST_YEAR),
        "schedule": GREEN_BOOK_STPR,
        "horizon": HORIZON,
    }
    adjusted = Adjustments(optimism_bias_grade=3, deadweight="0.25", attribution="0.8")
    both = appraise(programme, adjustments=adjusted, **options)  # type: ignore[arg-type]
    with_ = _figures(appraise(with_only, adjustments=adjusted, **options))  # type: ignore[arg-type]
    usual = _figures(appraise(usual_only, **options))  # type: ignore[arg-type]
    zero = Money.zero("GBP")
    for key, value in _figures(both).items():
        assert value == with_.get(key, zero) - usual.get(key, zero), key


@settings(max_examples=40, deadline=None)
@given(sc_counterfactual_programmes())
def test_business_as_usual_equal_to_the_project_nets_every_figure_to_zero(
    programmes: tuple[Programme, Programme, Programme],
) -> None:
    _, with_only, _ = programmes
    same = with_only.evolve(
        projects=tuple(attrs.evolve(p, counterfactual=p.flows) for p in with_only.projects)
    )
    result = appraise(
        same,
        base_year=FinancialYear(AP2_FIRST_YEAR),
        price_base=FinancialYear(AP2_FIRST_YEAR),
        horizon=HORIZON,
    )
    assert all(value.is_zero() for value in _figures(result).values())


@settings(max_examples=40, deadline=None)
@given(
    sc_counterfactual_programmes(),
    st.sampled_from(sorted(ROUNDINGS)),
    st.integers(0, 2**32),
)
def test_the_sensitivity_engines_count_business_as_usual_negated(
    programmes: tuple[Programme, Programme, Programme], rounding: str, seed: int
) -> None:
    programme, _, _ = programmes
    result = appraise(
        programme,
        base_year=FinancialYear(AP2_FIRST_YEAR),
        price_base=FinancialYear(AP2_FIRST_YEAR),
        horizon=HORIZON,
        adjustments=Adjustments(optimism_bias_grade=2, deadweight="0.1"),
    )
    # A zero-width range (when there is a line for it to apply to).
    still = [Uncertainty(name="none", distribution=Uniform(low=1, high=1))][: len(result.lines)]
    expected = result.npv_rounded_by_line(rounding)
    for engine in ("auto", "python"):
        out = monte_carlo(result, still, draws=3, seed=seed, rounding=rounding, engine=engine)
        assert set(out.npv_draws()) == {expected}
    # Each line rounds once, by under a penny: the exact figure is that close.
    exact = result.financial_case.net_present_budget_impact().amount
    assert abs(expected - exact) <= Money("0.01") * max(len(result.lines), 1)
    if still:
        row = one_way(result, still, rounding=rounding).rows()[0]
        assert row["npv_low"] == row["npv_high"] == expected


# -- without_project ------------------------------------------------------------------------


def test_without_project_drops_what_refers_to_it_and_says_what() -> None:
    essex = essex_2012()
    smaller, dropped = essex.without_project("FBC2")
    assert isinstance(dropped, Dropped)
    assert dropped.project is essex.project("FBC2")
    assert [s.key for s in dropped.funding_streams] == ["skills_funding"]
    assert [f.key for f in dropped.figures] == ["additional_apprenticeships"]
    assert dropped.team_plans == ()
    assert [a.key for a in dropped.asks] == [f"FBC2_ask_{n}" for n in range(1, 6)]
    assert str(dropped) == (
        "dropped project 'FBC2', 1 funding stream ('skills_funding'), "
        "1 figure ('additional_apprenticeships'), 5 asks ('FBC2_ask_1', 'FBC2_ask_2', "
        "'FBC2_ask_3', 'FBC2_ask_4', 'FBC2_ask_5')"
    )
    assert "FBC2" not in [p.key for p in smaller.projects]
    assert len(smaller.funding_streams) == len(essex.funding_streams) - 1
    assert len(smaller.figures) == len(essex.figures) - 1
    assert smaller.team_plans == essex.team_plans


def test_without_project_drops_team_plans() -> None:
    essex = essex_2012()
    smaller, dropped = essex.without_project("FBC5")
    assert [t.key for t in dropped.team_plans] == ["fbc5_teams_2013", "fbc5_teams_2014"]
    assert all(t.project != "FBC5" for t in smaller.team_plans)
    assert "2 team plans ('fbc5_teams_2013', 'fbc5_teams_2014')" in str(dropped)


def test_without_project_without_cascade_reports_what_still_refers() -> None:
    with pytest.raises(ProgrammeError) as raised:
        essex_2012().without_project("FBC2", cascade=False)
    assert [p.split(":")[0] for p in raised.value.problems] == [
        "funding_streams['skills_funding'].recipient",
        "figures['additional_apprenticeships'].project",
        *(f"asks['FBC2_ask_{n}'].project" for n in range(1, 6)),
    ]
    with pytest.raises(WecbTypeError, match=r"Programme\.without_project\.cascade"):
        essex_2012().without_project("FBC2", cascade="yes")  # type: ignore[arg-type]


@settings(max_examples=30, deadline=None)
@given(sc_counterfactual_programmes())
def test_without_every_project_in_turn_keeps_the_others(
    programmes: tuple[Programme, Programme, Programme],
) -> None:
    programme, _, _ = programmes
    for project in programme.projects:
        smaller, dropped = programme.without_project(project.key)
        assert dropped.project == project
        assert [p.key for p in smaller.projects] == [
            p.key for p in programme.projects if p.key != project.key
        ]
        assert smaller.with_project(project).projects[-1] == project
