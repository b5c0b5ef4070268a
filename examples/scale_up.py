"""Scale a pilot's net benefit to other places, as the LGA's national aggregation did.

The LGA note (13.2): the LGA commissioned Ernst & Young "to analyse the national financial
impact of scaling up the pilots' proposals ... turning the pilots' business cases into an
illustration of the potential financial impact of replicating what the pilots have done
more widely". The simplest such aggregation scales a pilot's net benefit by a driver.

Here the pilot is Essex's FBC5 (families with complex needs): its published costs and
benefits, phased and discounted as in ``appraise_essex.py`` (assumed phasing), give a net
present value over a stated horizon. It is scaled by the number of families with complex
needs. The Essex driver has two published values, and the choice matters:

* "more than 2000 families" (the ECC progress report, the DCLG calculation: a lower bound,
  so figures scaled from it are upper bounds);
* "c.6,000 of Essex's most acute complex families" (the Tendring report).

ASSUMPTIONS (not from the sources): the three places and their family counts (low,
central, high) are illustrative data an analyst would supply; the low/central/high factors
(50%, 75%, 100% of the Essex effect realised elsewhere) are illustrative too.

Run: ``python examples/scale_up.py``
"""

from __future__ import annotations

from _common import ILLUSTRATIVE_PHASING

from wecb import FinancialYear, units
from wecb.appraisal import LowCentralHigh, Place, appraise, scale_up
from wecb.core.assumptions import Assumption
from wecb.datasets import essex_2012

FY = FinancialYear

# An assumption: the tables do not phase their money by year (see _common).
PHASING = ILLUSTRATIVE_PHASING

#: Illustrative places: families with complex needs, low / central / high.
PLACES = (
    Place(
        name="Place A (illustrative)",
        driver=units.count(1500, "family"),
        low=units.count(1200, "family"),
        high=units.count(1800, "family"),
    ),
    Place(
        name="Place B (illustrative)",
        driver=units.count(3000, "family"),
        low=units.count(2500, "family"),
        high=units.count(3600, "family"),
    ),
    Place(
        name="Place C (illustrative)",
        driver=units.count(800, "family"),
        low=units.count(600, "family"),
        high=units.count(1000, "family"),
    ),
)
FACTORS = LowCentralHigh(low="0.5", central="0.75", high="1")


def main() -> None:
    programme = essex_2012()
    fbc5 = appraise(
        programme,
        base_year=FY(2012),
        price_base=FY(2012),
        phasing=PHASING,
        projects=["FBC5"],
    )
    npbi = fbc5.financial_case.net_present_budget_impact()
    pilot = npbi.to_total("Essex FBC5 NPV (assumed phasing)")
    print(f"Pilot: {pilot.amount.round('penny')} over {pilot.horizon} [{pilot.source}]")
    for key in ("families_complex_needs", "acute_complex_families"):
        figure = programme.figure(key)
        assert figure.count is not None and figure.unit is not None
        driver = units.count(figure.count, figure.unit)
        print()
        print(f"Essex driver: {figure.describe()} ({figure.published}; {figure.source})")
        # The scale-up states the appraisal's assumptions and the driver's source with its own.
        behind = (
            *fbc5.assumptions(),
            Assumption(name="pilot's driver", value=figure.published, source=str(figure.source)),
        )
        out = scale_up(
            pilot,
            pilot_driver=driver,
            places=PLACES,
            factors=FACTORS,
            driver="families with complex needs",
            assumptions=behind,
        )
        print(out)


if __name__ == "__main__":
    main()
