"""examples/families_outcome_chain.py runs and prints the chain, the financial case and the
agency table; its chain total is checked against a hand computation."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from wecb.core.money import Money

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "families_outcome_chain.py"

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("wecb.datasets") is None,
    reason="the example uses wecb.datasets.essex_2012",
)


def test_the_families_example_prints_the_chain_the_cases_and_the_agencies() -> None:
    done = subprocess.run(
        [sys.executable, str(EXAMPLE)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=EXAMPLE.parents[1],
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    # Cohorts: 8 x 135 / 2 = 540 families in 2013/14, then 8 x 135 + 4 x 180 = 1,800 a year
    # to 2016/17: 5,940. Net of the chain: x 0.8 x 0.5 x 0.8 = 1,900.8 families; each worth
    # £52,000 in its first year and £26,000 in its second: 1,900.8 x £78,000.
    assert "5,940" in out and "1,900.8" in out
    assert str(Money("1900.8") * 78000) == "£148,262,400.00"
    assert "£148,262,400.00" in out
    for heading in (
        "Financial case",
        "net present budget impact",
        "payback year",
        "Economic case",
        "Present values by agency",
        "(unattributed)",
    ):
        assert heading in out
    assert out.count("ILLUSTRATIVE") >= 10  # every stated input carries the label
