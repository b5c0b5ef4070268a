"""Cohort model: unit value x throughput, part years, the FBC5 family teams."""

from __future__ import annotations

import importlib.util
from decimal import ROUND_HALF_UP
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seeds import seed_text
from wecb import units
from wecb.appraisal.cohorts import CohortModel, CohortWave, months_active
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.errors import AppraisalError, FloatNotAllowedError, UnitError
from wecb.model.cashflows import Nature, ValueType
from wecb.model.facts import TeamPlan

FY13, FY14 = FinancialYear(2013), FinancialYear(2014)
HAS_ESSEX = importlib.util.find_spec("wecb.datasets") is not None

WAVE_1 = CohortWave(
    label="8 teams from Oct 2013", teams=8, cases_per_team_per_year=135, start=FY13, start_month=10
)
WAVE_2 = CohortWave(label="4 teams in 2014", teams=4, cases_per_team_per_year=180, start=FY14)


def unit_saving() -> units.Quantity:
    """£52,000 per family: seed 000's '500 families a year' and '£26m/year', divided."""
    return units.parse_rate("£26m/year") / (units.count(500, "family") / units.duration(1))


def test_the_assumed_unit_saving_comes_from_the_quoted_figures() -> None:
    text = seed_text("000_d85ab48497893bb3.txt")
    assert "500 families a year" in text and "in excess of £26m/year" in text
    per_family = unit_saving()
    assert units.to_money(per_family * units.count(1, "family")) == Money(52000)


def test_part_years_count_by_month() -> None:
    assert months_active(FY13, 10, FY13) == 6  # Oct to Mar
    assert months_active(FY13, 4, FY13) == 12
    assert months_active(FY13, 1, FY13) == 3  # Jan to Mar of 2014
    assert WAVE_1.starts == "Oct 2013"
    assert WAVE_1.cases(FY13) == 8 * 135 / Fraction(2)
    assert WAVE_1.cases(FY14) == 8 * 135
    assert WAVE_2.cases(FY13) == 0


def test_fbc5_family_teams_profile_by_hand() -> None:
    model = CohortModel.of(
        "FBC5 family teams", unit_value=unit_saving(), waves=(WAVE_1, WAVE_2), assumption="x"
    )
    profile = model.profile(FY13, FY14 + 1)
    # 2013/14: 8 x 135 / 2 = 540 families; later years 1,080 + 720 = 1,800 a year.
    assert [(y, c) for y, c, _ in profile.years] == [
        (FY13, 540),
        (FY14, 1800),
        (FY14 + 1, 1800),
    ]
    assert profile.by_year() == {
        FY13: Money(540 * 52000),
        FY14: Money(1800 * 52000),
        FY14 + 1: Money(1800 * 52000),
    }
    assert profile.total == Money(4140 * 52000)
    text = str(profile)
    assert "£28,080,000.00" in text and "assumption: x" in text


def test_a_value_per_family_per_year_needs_a_case_duration() -> None:
    per_year = units.parse_rate("£52,000 per family per year")
    with pytest.raises(UnitError, match="case_duration"):
        CohortModel.of("needs duration", unit_value=per_year, waves=(WAVE_1,))
    model = CohortModel.of(
        "half a year each",
        unit_value=per_year,
        waves=(WAVE_1,),
        case_duration=units.duration(6, "month"),
    )
    assert model.profile(FY14, FY14).total == Money(1080 * 26000)


def test_a_cost_per_team_per_year_with_a_wave_of_teams() -> None:
    teams = CohortWave(
        label="teams", teams=3, cases_per_team_per_year=None, start=FY13, start_month=1
    )
    model = CohortModel.of("team cost", unit_value="£400,000 per team per year", waves=(teams,))
    profile = model.profile(FY13, FY14)
    # Jan-Mar 2014 is a quarter of 2013/14.
    assert profile.by_year() == {FY13: Money(300000), FY14: Money(1200000)}
    flows = profile.cash_flows(nature=Nature.COST, partner="ecc")
    assert [f.payer for f in flows] == ["ecc", "ecc"]
    assert sum((f.amount for f in flows), Money(0)) == profile.total


def test_a_wrong_cohort_is_a_unit_error() -> None:
    with pytest.raises(UnitError):
        CohortModel.of("offenders", unit_value="£1,000 per offender", waves=(WAVE_1,))


def test_a_non_terminating_year_raises_unless_cases_are_rounded() -> None:
    wave = CohortWave(label="w", teams=1, cases_per_team_per_year=1, start=FY13, start_month=8)
    model = CohortModel.of("thirds", unit_value="£1 per family", waves=(wave,))
    with pytest.raises(AppraisalError, match="cases_rounding"):
        model.profile(FY13, FY13)  # 1 x 8 / 12 of a family
    rounded = model.profile(FY13, FY13, cases_rounding=ROUND_HALF_UP)
    assert rounded.years[0][1:] == (1, Money(1))


def test_cash_flows_are_benefits_by_default() -> None:
    model = CohortModel.of("x", unit_value="£10 per family", waves=(WAVE_2,), source="seed")
    profile = model.profile(FY13, FY14 + 1)
    flows = profile.cash_flows(partner="ccgs", value_type=ValueType.FISCAL, cashable=True)
    assert [f.period for f in flows] == [FY14, FY14 + 1]  # no flow for an empty year
    assert all(f.is_benefit and f.beneficiary == "ccgs" and f.source == "seed" for f in flows)


def test_team_plans_become_waves_and_a_missing_month_must_be_assumed() -> None:
    october = TeamPlan(
        key="w1", project="FBC5", teams=8, cases_per_team=135, start_year=2013, start_month=10
    )
    assert CohortWave.from_team_plan(october).cases(FY13) == 540
    later = TeamPlan(key="w2", project="FBC5", teams=4, cases_per_team=180, start_year=2014)
    with pytest.raises(AppraisalError, match="assume_start_month"):
        CohortWave.from_team_plan(later)
    wave = CohortWave.from_team_plan(later, assume_start_month=4)
    assert wave.start == FY14
    assert wave.note is not None and "assumption" in wave.note
    january = CohortWave.from_team_plan(later, assume_start_month=1)
    assert january.start == FY13  # January 2014 is in 2013/14
    with pytest.raises(AppraisalError, match="contradicts"):
        CohortWave.from_team_plan(october, assume_start_month=4)


@pytest.mark.skipif(not HAS_ESSEX, reason="wecb.datasets.essex_2012 not available")
def test_essex_team_plans_give_the_seed_figures() -> None:
    from wecb.datasets import essex_2012  # noqa: PLC0415 -- optional data set

    programme = essex_2012()
    first = CohortWave.from_team_plan(programme.team_plan("fbc5_teams_2013"))
    second = CohortWave.from_team_plan(
        programme.team_plan("fbc5_teams_2014"), assume_start_month=4
    )
    text = seed_text("002_a38ee2056a84be54.txt")
    assert "8 multi-disciplinary family teams across Essex from Oct 2013" in text
    assert "Each working with 180 families" in text
    assert (first.teams, first.cases_per_team_per_year, first.starts) == (8, 135, "Oct 2013")
    assert (second.teams, second.cases_per_team_per_year) == (4, 180)


def test_waves_are_validated() -> None:
    with pytest.raises(AppraisalError, match="teams"):
        CohortWave(label="w", teams=0, cases_per_team_per_year=1, start=FY13)
    with pytest.raises(AppraisalError, match="start_month"):
        CohortWave(label="w", teams=1, cases_per_team_per_year=1, start=FY13, start_month=13)
    with pytest.raises(FloatNotAllowedError, match="float"):
        CohortWave(label="w", teams=1, cases_per_team_per_year=1.5, start=FY13)  # type: ignore[arg-type]
    with pytest.raises(AppraisalError, match="before start"):
        CohortWave(label="w", teams=1, cases_per_team_per_year=1, start=FY14, last=FY13)


@given(
    st.lists(
        st.tuples(
            st.integers(1, 20),  # teams
            st.integers(0, 400),  # cases per team per year
            st.integers(0, 4),  # start offset in years
            st.sampled_from([4, 7, 10, 1]),  # start month: whole, three quarters, half, quarter
        ),
        min_size=1,
        max_size=4,
    ),
    st.integers(0, 10**7),
    st.integers(0, 5),
)
def test_profile_total_is_rate_times_throughput_exactly(
    waves: list[tuple[int, int, int, int]], pence: int, extra_years: int
) -> None:
    built = [
        CohortWave(
            label=f"w{i}",
            teams=teams,
            cases_per_team_per_year=cases,
            start=FY13 + offset,
            start_month=month,
        )
        for i, (teams, cases, offset, month) in enumerate(waves)
    ]
    value = Money.from_minor_units(pence)
    model = CohortModel.of("p", unit_value=units.rate(value, "family"), waves=built)
    profile = model.profile(FY13, FY13 + 4 + extra_years)
    throughput = sum(
        (w.cases(y) or Fraction(0) for w in built for y, _, _ in profile.years), Fraction(0)
    )
    assert profile.total_cases == throughput
    assert profile.total == value * throughput
    assert profile.total == units.to_money(
        units.rate(value, "family")
        * units.count(throughput.numerator, "family")
        / throughput.denominator
    )
