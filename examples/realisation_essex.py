"""Track a year of the Whole Essex Community Budget against its plan, and re-forecast it.

ILLUSTRATIVE: the actuals below are invented for this example. No source publishes what the
Essex projects spent or saved in 2014/15; the figures only show how a programme board's
report is put together. Every one says so in its ``source``.

1. The plan: the five business cases' tables, phased by year with the examples'
   illustrative phasing (see ``_common``: the tables do not phase their money by year).
2. The actuals: one illustrative figure per cost and benefit line of each project for
   2014/15, as known at the end of May 2015, and one restated in June.
3. The realisation report as at the end of 2014/15: planned, actual, variance, realisation
   rate, cumulative amounts and RAG status (benefits green at 90% or more, amber at 70%).
4. The re-forecast: 2014/15's actuals in place of its plan, the plan for the later years,
   appraised as it stands beside the original plan.

Run: ``python examples/realisation_essex.py``
"""

from __future__ import annotations

import datetime

from _common import ILLUSTRATIVE_PHASING

from wecb import FinancialYear, Money, Programme
from wecb.appraisal import Appraisal, appraise, realisation
from wecb.datasets import essex_2012
from wecb.model.actuals import Actual

YEAR = FinancialYear(2014)
KNOWN = datetime.date(2015, 5, 29)
ILLUSTRATIVE = "illustrative figure for this example, not a published actual"

#: (project, line, amount): what each line came to in 2014/15, invented for the example.
FIGURES = (
    ("FBC1", "Costs of further implementation", "1,104,000"),
    ("FBC1", "Gross cashable benefit", "16,250,000"),
    ("FBC2", "Costs of further implementation", "241,000"),
    ("FBC2", "Gross non-cashable benefit", "19,985,000"),
    ("FBC4", "Costs of further implementation", "6,870,000"),
    ("FBC4", "Gross cashable benefit", "4,180,000"),
    ("FBC4", "Gross non-cashable benefit", "610,000"),
    ("FBC5", "Costs of further implementation", "8,100,000"),
    ("FBC5", "Gross cashable benefit", "7,240,000"),
)


def illustrative_actuals() -> tuple[Actual, ...]:
    """The example's actuals: one per line above, and FBC1's benefit restated in June."""
    actuals = [
        Actual(
            project=project,
            line=line,
            year=YEAR,
            amount=Money(amount.replace(",", "")),
            as_at=KNOWN,
            source=ILLUSTRATIVE,
        )
        for project, line, amount in FIGURES
    ]
    restated = Actual(
        project="FBC1",
        line="Gross cashable benefit",
        year=YEAR,
        amount=Money("16610000"),
        as_at=datetime.date(2015, 6, 26),
        source=ILLUSTRATIVE + " (restated after the year-end reconciliation)",
    )
    return (*actuals, restated)


def _appraised(programme: Programme, name: str) -> Appraisal:
    """``programme`` appraised as ``appraise_essex.py`` does, without adjustments."""
    base = FinancialYear(2012)
    return appraise(
        programme, name=name, base_year=base, price_base=base, phasing=ILLUSTRATIVE_PHASING
    )


def main() -> None:
    programme = essex_2012().evolve(actuals=illustrative_actuals())
    report = realisation(programme, ILLUSTRATIVE_PHASING, as_at=YEAR)
    print(report)
    print()
    plan = _appraised(programme, "Plan")
    forecast = _appraised(report.reforecast(), "Re-forecast after 2014/15")
    for result in (plan, forecast):
        financial = result.financial_case
        economic = result.economic_case
        print(
            f"{result.name}: net present budget impact "
            f"{financial.net_present_budget_impact().amount.format()}, net present public "
            f"value {economic.net_present_public_value().amount.format()}"
        )


if __name__ == "__main__":
    main()
