"""The Families with Complex Needs teams (FBC5) through an outcome chain, appraised by name.

The Tendring report (FBC5): "Establish 8 multi-disciplinary family teams across Essex from
Oct 2013. Each working intensively with 135 disadvantaged families ... for up to a year." and
"Establish 4 further teams in 2014 ... Each working with 180 families". The Essex data set
holds both as team plans; here they are the cohort of an outcome chain (the method of HM
Treasury's 2014 cost benefit analysis guidance for local partnerships), whose benefits
replace FBC5's unphased table benefits in a scenario.

ILLUSTRATIVE ASSUMPTIONS (none is a published figure; each is printed with the results):

* The 4 further teams start "in 2014" with no month given: taken as April 2014. The teams
  keep working at the same throughput to 2016/17; the families a team works with in a year
  are that year's cohort.
* Engagement 80%, impact (success) 50%, deadweight 20%: made up for the example.
* The benefit starts the year after a family is worked with (lag 1) and lasts 2 years
  (persistence), falling by 50% in the second (drop-off): made up for the example.
* Unit value £52,000 per family per year, in 2012/13 prices: the progress report's "savings to the
  public purse in excess of £26m/year" from "500 families a year", divided (a figure per
  family worked with), read here as a year's saving per family that improves.
* The saving is fiscal, 40% of it cashable, shared ECC 40%, the CCGs 25%, Essex Police 15%,
  DWP 10% and the Ministry of Justice 10%: made up for the example.
* FBC5's published costs are phased as the other examples phase them (examples/_common.py).

Run: ``python examples/families_outcome_chain.py``
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

import attrs
from _common import ILLUSTRATIVE_PHASING

from wecb import FinancialYear, ValueType
from wecb.appraisal import Cohort, CohortWave, Outcome, appraise, by_agency, outcome_chain
from wecb.datasets import essex_2012

FY = FinancialYear
SHARES = {"ecc": "40%", "ccgs": "25%", "essex_police": "15%", "dwp": "10%", "moj": "10%"}


def main() -> None:
    programme = essex_2012()
    plans = (programme.team_plan("fbc5_teams_2013"), programme.team_plan("fbc5_teams_2014"))
    waves = (
        CohortWave.from_team_plan(plans[0]),
        CohortWave.from_team_plan(plans[1], assume_start_month=4),
    )
    families = Cohort.from_waves(waves, first=FY(2013), last=FY(2016), label="FBC5 families")
    outcome = Outcome(
        name="families with complex needs turned around",
        cohort=families,
        engagement="80%",
        impact="50%",
        deadweight="20%",
        lag=1,
        persistence=2,
        drop_off="50%",
        unit_value="£52,000 per family per year",
        price_year=FY(2012),
        value_type=ValueType.FISCAL,
        cashable_share="40%",
        agency_shares=SHARES,
        source="ILLUSTRATIVE assumptions of examples/families_outcome_chain.py",
    )
    chain = outcome_chain(outcome, rounding=ROUND_HALF_EVEN)
    print(chain)
    print()

    fbc5 = programme.project("FBC5")
    assert fbc5.table is not None
    costs = tuple(flow for flow in fbc5.table.cash_flows() if flow.is_cost)
    scenario = programme.with_project(
        attrs.evolve(
            fbc5,
            title=fbc5.title + " (outcome chain scenario)",
            table=None,
            flows=costs + chain.flows,
        )
    )
    appraisal = appraise(
        scenario,
        base_year=FY(2012),
        price_base=FY(2012),
        phasing=ILLUSTRATIVE_PHASING,
        projects=["FBC5"],
        name="FBC5 with outcome-chain benefits (ILLUSTRATIVE)",
    )
    case = appraisal.financial_case
    economic = appraisal.economic_case
    cashable = case.cashable
    print("Financial case (fiscal benefits against costs; present values, adjusted, shown to")
    print("the penny and ratios to 2 places, half-even):")
    print(f"  PV fiscal benefits:             {case.benefits.get().round()}")
    print(f"  PV costs:                       {case.costs.get().round()}")
    print(f"  net present budget impact:      {case.net_present_budget_impact().amount.round()}")
    print(f"  financial return on investment: {_ratio(case.financial_return_on_investment())}")
    print(f"  payback year:                   {case.payback_year()}")
    print(
        f"  cashable only: net present budget impact "
        f"{cashable.net_present_budget_impact().amount.round()}, payback year "
        f"{cashable.payback_year()}"
    )
    print("Economic case (all benefits against costs):")
    print(
        f"  net present public value:       {economic.net_present_public_value().amount.round()}"
    )
    print(f"  benefit-cost ratio:             {_ratio(economic.benefit_cost_ratio())}")
    print()
    print(by_agency(appraisal))


def _ratio(value: Decimal | None) -> str:
    return "not defined (no costs)" if value is None else f"{value:.2f}"


if __name__ == "__main__":
    main()
