"""FBC5's multi-disciplinary family teams as a cohort model, appraised as a scenario.

The Tendring report (FBC5): "Establish 8 multi-disciplinary family teams across Essex from
Oct 2013. Each working intensively with 135 disadvantaged families ... for up to a year." and
"Establish 4 further teams in 2014 ... Each working with 180 families". The Essex data
set holds both as team plans; this example turns them into a cohort profile.

ASSUMPTIONS (not published figures), printed with the results:

* Unit saving. The sources publish no saving per family for the FBC5 teams. The only
  per-family savings figure is the progress report's: dealing with "500 families a year ... is
  capable of delivering savings to the public purse in excess of £26m/year". Dividing,
  £26m/year / (500 families/year) = £52,000 per family worked with: an *assumption
  derived from a quoted figure*, and a lower bound ("in excess of"). (The progress report's "as
  much as £250,000/year" is what such a family can *cost*, an upper bound, not a saving.)
* The 4 further teams start "in 2014" with no month given: taken as April 2014 (the start
  of 2014/15).
* Teams keep working at the same throughput up to 2017/18; each family's saving is
  counted once, in the year the family is worked with.

The cohort's benefits then replace FBC5's unphased table benefits in a scenario, with
FBC5's published costs phased as in ``appraise_essex.py``.

Run: ``python examples/family_teams_cohort.py``
"""

from __future__ import annotations

from wecb import FinancialYear, Project, ValueType, units
from wecb.appraisal import CohortModel, CohortWave, Phasing, appraise
from wecb.datasets import essex_2012

FY = FinancialYear
FIRST, LAST = FY(2013), FY(2017)


def unit_saving() -> units.Quantity:
    """£26m a year over 500 families a year, by pint: GBP per family."""
    savings = units.parse_rate("£26m/year")
    families = units.count(500, "family") / units.duration(1, "year")
    return savings / families


def main() -> None:
    programme = essex_2012()
    plans = (programme.team_plan("fbc5_teams_2013"), programme.team_plan("fbc5_teams_2014"))
    waves = (
        CohortWave.from_team_plan(plans[0]),
        CohortWave.from_team_plan(plans[1], assume_start_month=4),
    )
    saving = unit_saving()
    per_family = units.to_money(saving * units.count(1, "family"))
    print(
        "Unit saving (ASSUMPTION derived from the ECC progress report): "
        f"{saving} = {per_family} per family"
    )
    print("  from: £26m/year (in excess of) / 500 families a year; a lower bound")
    for wave in waves:
        print(
            f"Wave {wave.label}: {wave.teams} teams x {wave.cases_per_team_per_year} "
            f"families a year from {wave.starts}" + (f"; {wave.note}" if wave.note else "")
        )
    model = CohortModel.of(
        "FBC5 family teams",
        unit_value=saving,
        waves=waves,
        assumption=(
            "£52,000 per family = £26m/year / 500 families a year (the ECC progress report, "
            "'in excess of'); "
            "second wave assumed to start in April 2014"
        ),
    )
    profile = model.profile(FIRST, LAST)
    print()
    print(profile)
    print()

    # Scenario: FBC5 with its published costs and the cohort's savings as its benefits.
    fbc5 = programme.project("FBC5")
    assert fbc5.table is not None
    costs = tuple(flow for flow in fbc5.table.cash_flows() if flow.is_cost)
    benefits = profile.cash_flows(
        label="cohort saving (assumed £52,000 per family)",
        value_type=ValueType.FISCAL,
        cashable=True,
    )
    scenario = programme.with_project(
        Project(
            key="FBC5",
            title=fbc5.title + " (cohort scenario)",
            domain=fbc5.domain,
            leads=fbc5.leads,
            stage=fbc5.stage,
            flows=costs + benefits,
        )
    )
    phasing = Phasing(
        {
            "to_mar_2013": {FY(2012): 1},
            "further_implementation": dict.fromkeys(FY.range(FY(2014), FY(2016)), 1),
        },
        note="assumed: To Mar '13 in 2012/13; further implementation evenly 2014/15-2016/17",
    )
    result = appraise(
        scenario,
        base_year=FY(2012),
        price_base=FY(2012),
        phasing=phasing,
        projects=["FBC5"],
        name="FBC5 with cohort benefits (scenario)",
    )
    print(result)
    print()
    published = fbc5.table.gross_benefit
    implied = published / profile.total_cases
    print("Reality check:")
    print(f"  FBC5 published gross benefit (unphased, horizon not stated): {published}")
    print(f"  cohort profile total {FIRST} to {LAST} (assumption-based): {profile.total}")
    print(
        f"  the published benefit over the same {int(profile.total_cases):,} families would be "
        f"{implied.round('penny')} per family, against the assumed {per_family}: the "
        "progress report's figure need not describe the same families (or horizon), so "
        "treat the scenario as an upper illustration, not a forecast"
    )


if __name__ == "__main__":
    main()
