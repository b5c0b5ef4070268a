"""The analyst examples for reconciliation, appraisal, cohorts, scale-up and sensitivity
run on their own and print their key figures."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from wecb.money import Money

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("wecb.datasets") is None,
    reason="the examples use wecb.datasets.essex_2012",
)


def run(name: str) -> str:
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / name)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=EXAMPLES.parent,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def k(thousands: str) -> str:
    return str(Money.from_thousands(thousands))


def test_appraise_essex() -> None:
    out = run("appraise_essex.py")
    assert "12 checks, 7 agree, 5 differ" in out
    # Seed 002 by hand (£'000): gross benefits 352,472; net 300,982; costs 51,490; the
    # unattributed funding 1,949 - 815 = 1,134.
    for figure in ("352,472", "300,982", "51,490", "1,134", "171,197", "119,707"):
        assert k(figure) in out
    assert "fiscal non-cashable" in out and "PV adj." in out
    assert "2012/13 prices" in out


def test_family_teams_cohort() -> None:
    out = run("family_teams_cohort.py")
    # 8 x 135 / 2 = 540 families in 2013/14, then 1,080 + 720 = 1,800 a year.
    assert str(Money(540 * 52000)) in out
    assert str(Money(1800 * 52000)) in out
    assert f"{540 + 4 * 1800:,}" in out
    assert "ASSUMPTION" in out and "£52,000.00 per family" in out
    assert "Apr 2014" in out


def test_scale_up() -> None:
    out = run("scale_up.py")
    assert "more than 2000 families" in out and "c.6,000" in out
    # Place A has 1,500 families: 1,500 / 2,000 and 1,500 / 6,000.
    assert "0.7500" in out and "0.2500" in out
    assert "illustrative" in out


def test_sensitivity() -> None:
    out = run("sensitivity.py")
    assert "10,000 draws" in out and "engine int64" in out
    assert "Same seed again gives the same draws: True" in out
    assert "partner ecc" in out and "partner (unassigned)" in out
    assert "One-way sensitivity" in out
