"""Savings by domain and cashability for the Whole Essex Community Budget 2012.

Run: ``python examples/plot_savings_by_domain.py`` (needs ``pip install 'wecb[plot]'``);
writes ``examples/output/savings_by_domain.png``.
"""

from __future__ import annotations

from pathlib import Path

from _common import output_path

from wecb.datasets import essex_2012
from wecb.present.plots import savings_by_domain


def main(out_dir: Path | None = None) -> Path:
    """Draw the plot and return the PNG's path."""
    path = output_path("savings_by_domain.png", out_dir)
    savings_by_domain(essex_2012(), path=path)
    return path


if __name__ == "__main__":
    print(main())
