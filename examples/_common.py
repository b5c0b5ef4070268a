"""Shared set-up of the examples: where the PNGs go, and an illustrative phasing.

The Essex tables do not phase their money by year (see docs/concepts/tables.rst): costs
sit in "To Mar '13", 2013/14 and "further implementation", benefits in one unphased total.
To draw anything by year, the examples phase them with :data:`ILLUSTRATIVE_PHASING`, an
assumption of these examples (not a figure from the sources): spend to March 2013 in
2012/13, further implementation over 2014/15 to 2016/17, benefits evenly over 2014/15 to
2018/19.
"""

from __future__ import annotations

from pathlib import Path

from wecb import FinancialYear
from wecb.appraisal import Phasing

#: Where the examples write their PNGs (git ignores it).
OUTPUT = Path(__file__).resolve().parent / "output"

#: An assumption for drawing by year; replace it with the phasing your business case gives.
ILLUSTRATIVE_PHASING = Phasing(
    {
        "to_mar_2013": {FinancialYear(2012): 1},
        "further_implementation": dict.fromkeys(
            FinancialYear.range(FinancialYear(2014), FinancialYear(2016)), 1
        ),
        "appraisal_horizon": dict.fromkeys(
            FinancialYear.range(FinancialYear(2014), FinancialYear(2018)), 1
        ),
    },
    note="illustrative: the Essex tables do not phase their money by year",
)


def output_path(name: str, folder: Path | None = None) -> Path:
    """``folder / name`` (default :data:`OUTPUT`), creating the folder."""
    target = OUTPUT if folder is None else folder
    target.mkdir(parents=True, exist_ok=True)
    return target / name
