"""Cohort profiles and scale-ups state the assumptions behind their figures, in every form:
text, HTML, rows, and the CSV and JSON written from them."""

from __future__ import annotations

import html
from collections.abc import Callable
from decimal import ROUND_HALF_UP
from fractions import Fraction

import pytest

from wecb.appraisal.cohort_profiles import CohortProfile
from wecb.appraisal.cohorts import CohortModel, CohortWave
from wecb.appraisal.horizons import Horizon, Total
from wecb.appraisal.scaleup import LowCentralHigh, Place, ScaleUp, scale_up
from wecb.core.assumptions import NOT_VERIFIED, Assumption, ResultRows, assumption_notes
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.errors import WecbTypeError
from wecb.io import parse_csv, parse_json, to_csv, to_json
from wecb.model.facts import TeamPlan

FY13, FY14 = FinancialYear(2013), FinancialYear(2014)
CALLER = "stated by the caller"
COHORTS = "wecb.appraisal.cohorts"
SCALEUP = "wecb.appraisal.scaleup"

# -- cohort profiles -------------------------------------------------------------------------

WAVE = CohortWave(
    label="8 teams",
    teams=8,
    cases_per_team_per_year=135,
    start=FY13,
    start_month=10,
    note="up to a year each",
    source="FBC5",
)
TEAMS = CohortWave(label="managers", teams=1, cases_per_team_per_year=None, start=FY14, last=FY14)


def profile() -> CohortProfile:
    model = CohortModel.of(
        "family teams",
        unit_value="£52,000 per family",
        waves=(WAVE,),
        assumption="£26m/year over 500 families a year",
        source="seed 000",
    )
    return model.profile(FY13, FY14)


def test_a_profile_states_the_models_inputs_each_wave_and_its_rules() -> None:
    assert profile().assumptions() == (
        Assumption(name="unit value", value="52000 GBP / family", source="seed 000"),
        Assumption(name="assumption", value="£26m/year over 500 families a year", source=CALLER),
        Assumption(
            name="wave '8 teams'",
            value="8 teams from Oct 2013 to the end of the profile, each working with 135 "
            "family cases a year; up to a year each",
            source="FBC5",
        ),
        Assumption(
            name="money by year",
            value="the unit value x the cases worked with in the year (team-years for a wave "
            "of teams alone): a case's whole value falls in the year it is worked with",
            source=COHORTS,
        ),
        Assumption(
            name="part years",
            value="each wave works whole months from its start month to its last year (or the "
            "end of the profile); a part year's throughput is months / 12 of a whole year's",
            source=COHORTS,
        ),
        Assumption(
            name="cases", value="exact, not rounded (cases_rounding not given)", source=COHORTS
        ),
    )


def test_a_profile_states_a_case_duration_the_rounding_and_a_wave_of_teams() -> None:
    model = CohortModel.of(
        "per year", unit_value="£1 per family per year", waves=(WAVE,), case_duration="6 month"
    )
    rounded = model.profile(FY13, FY14, cases_rounding=ROUND_HALF_UP)
    stated = {a.name: a for a in rounded.assumptions()}
    assert stated["unit value"] == Assumption(
        name="unit value", value="1 GBP / family / year", source=CALLER
    )
    assert (
        stated["case duration"].value == "6 month: each case's value per year counts for this long"
    )
    assert "x the case duration: a case's whole value" in stated["money by year"].value
    assert stated["cases"] == Assumption(
        name="cases",
        value="each wave's cases in each year rounded to whole cases (ROUND_HALF_UP), its money "
        "with them",
        source=CALLER,
    )
    assert "assumption" not in stated  # none was given
    # A wave of teams alone takes a value per team, so it has a model of its own.
    teams = CohortModel.of("cost", unit_value="£400,000 per team per year", waves=(TEAMS,))
    (wave,) = (a for a in teams.profile(FY14, FY14).assumptions() if a.name.startswith("wave"))
    assert wave == Assumption(
        name="wave 'managers'",
        value="1 team from Apr 2014 to 2014/15, no cases (a unit value per team)",
        source=CALLER,
    )


def test_no_cohort_assumption_is_a_shipped_unverified_parameter() -> None:
    assert all(a.verified for a in profile().assumptions())


def test_a_profile_built_directly_states_what_it_holds() -> None:
    built = CohortProfile(
        name="teams",
        unit_value="100 GBP / family",
        case_duration=None,
        units=("family",),
        years=((FY13, Fraction(1), Money(100)),),
    )
    assert built.assumptions() == (
        Assumption(name="unit value", value="100 GBP / family", source=CALLER),
    )


def test_a_wave_from_a_team_plan_states_how_the_plan_was_read() -> None:
    plan = TeamPlan(
        key="w2", project="FBC5", teams=4, cases_per_team=180, start_year=2014, note="Districts"
    )
    wave = CohortWave.from_team_plan(plan, assume_start_month=4)
    assert wave.note == (
        "Districts (assumptions: the plan's 180 cases per team are taken as a year's; the "
        "source gives no month, so the teams are taken to start in Apr 2014)"
    )
    dated = TeamPlan(
        key="w1", project="FBC5", teams=8, cases_per_team=135, start_year=2013, start_month=10
    )
    assert CohortWave.from_team_plan(dated).note == (
        "assumption: the plan's 135 cases per team are taken as a year's"
    )


# -- scale-ups -------------------------------------------------------------------------------

PILOT = Total(Money("30000000"), Horizon.of_years(FY13, 5, "5-year"), "FBC5 NPV")
HORIZON = "5-year: 2013/14 to 2017/18 (5 years)"
SCHEDULE = Assumption(name="discount schedule", value="3.5%", source="Green Book", verified=False)


def scaled(**extra: object) -> ScaleUp:
    return scale_up(
        PILOT,
        pilot_driver=1000,
        driver="families",
        places=[
            Place(name="A", driver=500, low=400, high=600, note="2011 census"),
            Place(name="B", driver=2000),
        ],
        factors=LowCentralHigh(low="0.5", central="0.75", high="1"),
        **extra,  # type: ignore[arg-type]
    )


def test_a_scale_up_states_the_pilot_driver_rule_factors_places_and_totals() -> None:
    assert scaled().assumptions() == (
        Assumption(name="pilot", value=f"£30,000,000.00 over {HORIZON}", source="FBC5 NPV"),
        Assumption(name="driver", value="families; the pilot's 1,000", source=CALLER),
        Assumption(
            name="scaling",
            value="linear in the driver: figure = pilot x (place's driver / pilot's driver) x "
            "factor; the low figure takes the low driver and the low factor, central and high "
            "likewise",
            source=SCALEUP,
        ),
        Assumption(name="factors", value="low 0.5, central 0.75, high 1", source=CALLER),
        Assumption(
            name="place 'A'",
            value="families low 400, central 500, high 600; 2011 census",
            source=CALLER,
        ),
        Assumption(
            name="place 'B'", value="families 2,000 for low, central and high", source=CALLER
        ),
        Assumption(
            name="horizon of every figure",
            value=f"the pilot's, {HORIZON}; each place is taken to realise its figure over the "
            "same years",
            source=SCALEUP,
        ),
        Assumption(
            name="totals",
            value="each scenario's total adds every place's figure in that scenario: the "
            "places are taken to be low, central or high together",
            source=SCALEUP,
        ),
    )
    assert scaled()["A"].note == "2011 census"


def test_a_scale_up_with_the_default_factors_and_one_place() -> None:
    out = scale_up(
        Total(Money(1), Horizon.of_years(FY13, 1)),
        pilot_driver=Money(4),
        places=[Place(name="A", driver=Money(2))],
    )
    stated = {a.name: a for a in out.assumptions()}
    assert stated["pilot"].source == CALLER  # the Total names no source
    assert stated["driver"].value == "driver; the pilot's £4.00"
    assert stated["factors"] == Assumption(
        name="factors",
        value="low 1, central 1, high 1: the pilot's effect per unit of driver, unchanged",
        source="none given",
    )
    assert "totals" not in stated  # one place: its figures are the totals


def test_a_scale_up_lists_the_assumptions_behind_its_pilot_first() -> None:
    out = scaled(assumptions=[SCHEDULE])
    assert out.assumptions()[0] == SCHEDULE
    assert out.assumptions()[1:] == scaled().assumptions()
    assert out == scaled()  # == does not compare them, as for a sharing outcome
    assert f"  - discount schedule: 3.5% (Green Book) [{NOT_VERIFIED}]" in str(out).splitlines()


@pytest.mark.parametrize("bad", [SCHEDULE, "the green book", [SCHEDULE, "x"], 3])
def test_the_assumptions_behind_a_pilot_must_be_assumptions(bad: object) -> None:
    with pytest.raises(WecbTypeError, match=r"scale_up assumptions(\[1\])?: .* is not accepted"):
        scaled(assumptions=bad)


# -- every form ------------------------------------------------------------------------------


def scaled_with_a_source() -> ScaleUp:
    return scaled(assumptions=[SCHEDULE])


RESULTS: dict[str, Callable[[], CohortProfile | ScaleUp]] = {
    "cohort profile": profile,
    "scale-up": scaled_with_a_source,
}


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_the_text_ends_with_the_assumptions(name: str) -> None:
    result = RESULTS[name]()
    notes = assumption_notes(result.assumptions())
    assert result.table().notes[-len(notes) :] == notes
    assert str(result).splitlines()[-len(notes) :] == list(notes)


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_the_html_lists_every_assumption(name: str) -> None:
    result = RESULTS[name]()
    page = result._repr_html_()
    for assumption in result.assumptions():
        assert html.escape(f"{assumption.name}: {assumption.value}") in page
    assert ("wecb-warning" in page) == any(not a.verified for a in result.assumptions())


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_the_rows_and_the_files_carry_the_assumptions(name: str) -> None:
    result = RESULTS[name]()
    rows = result.rows()
    assert isinstance(rows, ResultRows) and rows.assumptions == result.assumptions()
    assert parse_csv(to_csv(result)).assumptions == result.assumptions()
    assert parse_csv(to_csv(rows)).assumptions == result.assumptions()
    assert parse_json(to_json(result)).assumptions == result.assumptions()
