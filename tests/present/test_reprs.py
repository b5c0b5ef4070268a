"""REPL and notebook display: short one-line reprs, HTML tables for results."""

from __future__ import annotations

import pytest

from wecb import FinancialYear, Money
from wecb.appraisal import (
    LowCentralHigh,
    Phasing,
    Place,
    Selector,
    Total,
    Triangular,
    Uncertainty,
    appraise,
    monte_carlo,
    one_way,
    scale_up,
)
from wecb.appraisal.cohorts import CohortModel, CohortWave
from wecb.appraisal.horizons import Horizon
from wecb.core.table import Table
from wecb.datasets import essex_2012, essex_2012_claims
from wecb.model.cashflows import Nature
from wecb.reconciliation import reconcile
from wecb.rollups import rollup
from wecb.whopays import CostsFirstThenProRata, share_benefits, who_pays

FY = FinancialYear
PHASING = Phasing(
    {
        "to_mar_2013": {FY(2012): 1},
        "further_implementation": dict.fromkeys(FY.range(FY(2014), FY(2016)), 1),
        "appraisal_horizon": dict.fromkeys(FY.range(FY(2014), FY(2018)), 1),
    }
)


def results() -> dict[str, object]:
    essex = essex_2012()
    appraisal = appraise(essex, base_year=FY(2012), price_base=FY(2012), phasing=PHASING)
    ranges = [
        Uncertainty(
            name="costs",
            distribution=Triangular(low="0.9", central="1", high="1.4"),
            applies_to=Selector(nature=Nature.COST),
        )
    ]
    wave = CohortWave(label="w", teams=2, cases_per_team_per_year=10, start=FY(2014))
    pilot = Total(Money("1000000"), Horizon.of_years(FY(2013), 5))
    return {
        "reconciliation": reconcile(essex, essex_2012_claims(essex)),
        "appraisal": appraisal,
        "monte carlo": monte_carlo(appraisal, ranges, draws=50, seed=1),
        "one way": one_way(appraisal, ranges),
        "scale-up": scale_up(
            pilot,
            pilot_driver=100,
            driver="families",
            places=[Place(name="A", driver=50)],
            factors=LowCentralHigh(low="0.5", central="1", high="1"),
        ),
        "cohort profile": CohortModel.of(
            "m", unit_value="£1,000 per family", waves=(wave,)
        ).profile(FY(2014), FY(2015)),
        "sharing": share_benefits({"a": Money(100)}, {"b": Money(300)}, CostsFirstThenProRata()),
        "rollup": rollup(essex, by="domain"),
        "who pays": who_pays(essex),
        "table": Table.from_records([{"a": Money(1)}]),
    }


RESULTS = results()


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_results_render_as_html_tables(name: str) -> None:
    html = RESULTS[name]._repr_html_()  # type: ignore[attr-defined]
    assert html.startswith("<table") and "</table>" in html
    assert "<td" in html


@pytest.mark.parametrize(
    "name",
    [
        "reconciliation",
        "appraisal",
        "monte carlo",
        "one way",
        "scale-up",
        "cohort profile",
        "sharing",
        "table",
    ],
)
def test_result_reprs_are_one_short_line(name: str) -> None:
    text = repr(RESULTS[name])
    assert "\n" not in text and len(text) < 240
    assert text.startswith("<") and text.endswith(">")


def test_model_reprs_are_short_and_informative() -> None:
    essex = essex_2012()
    assert repr(essex) == (
        "<Programme 'Whole Essex Community Budget' (Greater Essex): 24 partners, 10 domains, "
        "6 projects, 6 funding streams, 38 figures>"
    )
    fbc4 = essex.project("FBC4")
    assert "FBC4" in repr(fbc4) and fbc4.table is not None
    # One sign: the net benefit, positive for a saving (not the published net cost).
    assert f"net benefit {fbc4.table.net_benefit.format()}," in repr(fbc4)
    assert "net total" not in repr(fbc4) and "-£" not in repr(fbc4)
    assert repr(fbc4.table) == (
        "<CostBenefitTable in GBP '000: costs 260, 398, 21,012; net cost as published: "
        "cashable -944, non-cashable -4,695, total -5,639>"
    )


def test_printing_still_gives_the_full_table() -> None:
    text = str(RESULTS["appraisal"])
    assert text.startswith("Appraisal of Whole Essex Community Budget")
    assert "PV adj." in text and "total benefits" in text
