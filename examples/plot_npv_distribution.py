"""The NPV distribution of the Essex 2012 programme from a Monte Carlo sensitivity run.

The programme is phased with the examples' illustrative phasing, appraised with the Green
Book discount rate, and simulated with two ranges chosen for illustration (not from the
sources): every cost from 90% to 140% of its estimate (most likely 100%), and every
benefit from 50% to 110% (most likely 90%). The run is seeded, so it is reproducible.

Run: ``python examples/plot_npv_distribution.py`` (needs ``wecb[plot]``); writes
``examples/output/npv_distribution.png``.
"""

from __future__ import annotations

from pathlib import Path

from _common import ILLUSTRATIVE_PHASING, output_path

from wecb import FinancialYear, Nature
from wecb.appraisal import (
    MonteCarloResult,
    Selector,
    Triangular,
    Uncertainty,
    appraise,
    monte_carlo,
)
from wecb.datasets import essex_2012
from wecb.present.plots import npv_distribution

UNCERTAINTIES = (
    Uncertainty(
        name="cost overrun",
        distribution=Triangular(low="0.9", central="1", high="1.4"),
        applies_to=Selector(nature=Nature.COST),
    ),
    Uncertainty(
        name="benefit shortfall",
        distribution=Triangular(low="0.5", central="0.9", high="1.1"),
        applies_to=Selector(nature=Nature.BENEFIT),
    ),
)


def run(draws: int = 5_000, seed: int = 2012) -> MonteCarloResult:
    """The seeded Monte Carlo run the plot draws."""
    appraisal = appraise(
        essex_2012(),
        base_year=FinancialYear(2012),
        price_base=FinancialYear(2012),
        phasing=ILLUSTRATIVE_PHASING,
    )
    return monte_carlo(appraisal, UNCERTAINTIES, draws=draws, seed=seed)


def main(out_dir: Path | None = None, draws: int = 5_000) -> Path:
    """Draw the histogram and return the PNG's path."""
    path = output_path("npv_distribution.png", out_dir)
    npv_distribution(run(draws), path=path)
    return path


if __name__ == "__main__":
    print(main())
