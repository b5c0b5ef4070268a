"""Cumulative net benefit and payback by year for the Essex 2012 programme.

The published tables are not phased by year, so this example phases them with an
illustrative assumption (``_common.ILLUSTRATIVE_PHASING``), appraises the programme and
draws its adjusted, undiscounted net benefit by year with the payback year marked.

Run: ``python examples/plot_cumulative_net_benefit.py`` (needs ``wecb[plot]``); writes
``examples/output/cumulative_net_benefit.png``.
"""

from __future__ import annotations

from pathlib import Path

from _common import ILLUSTRATIVE_PHASING, output_path

from wecb import FinancialYear, appraise
from wecb.datasets import essex_2012
from wecb.present.plots import cumulative_net_benefit


def main(out_dir: Path | None = None) -> Path:
    """Draw the plot and return the PNG's path."""
    result = appraise(
        essex_2012(),
        base_year=FinancialYear(2012),
        price_base=FinancialYear(2012),
        phasing=ILLUSTRATIVE_PHASING,
    )
    path = output_path("cumulative_net_benefit.png", out_dir)
    cumulative_net_benefit(
        result, title="Essex 2012: cumulative net benefit (illustrative phasing)", path=path
    )
    return path


if __name__ == "__main__":
    print(main())
