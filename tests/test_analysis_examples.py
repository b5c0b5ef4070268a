"""The analyst examples (reconciliation, rollups, who pays and benefit sharing, appraisal,
cohorts, scale-up and sensitivity) run on their own and print their key figures; where a
test checks a figure, it computes the figure itself from the data set."""

from __future__ import annotations

import csv
import importlib.util
import math
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from wecb.core.money import Money
from wecb.core.periods import FinancialYear, OpenPeriod
from wecb.model.cashflows import CashFlow

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
    assert "12 checks, 7 agree, 3 differ, 2 not comparable" in out
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
    assert "10,000 draws" in out and "engine float64" in out
    assert "Same seed again gives the same draws: True" in out
    assert "partner ecc" in out and "partner (unattributed)" in out
    assert "One-way sensitivity" in out


# -- figures computed here from the data set, independently of the examples' code -------------


def essex_flows() -> list[tuple[str, str, CashFlow]]:
    """(project, domain, flow) for every cash flow of the Essex 2012 programme."""
    from wecb.datasets import essex_2012  # noqa: PLC0415 -- optional data set

    return [(p.key, p.domain, f) for p in essex_2012().projects for f in p.cash_flows]


def pence(amount: Fraction) -> Money:
    """An exact whole-penny amount as Money (fails if it is not whole pennies)."""
    scaled = amount * 100
    assert scaled.denominator == 1, amount
    return Money.from_minor_units(scaled.numerator)


def sums(flows: list[CashFlow]) -> tuple[Fraction, Fraction]:
    """(costs, benefits) of ``flows`` as exact fractions of a pound."""
    costs = sum((Fraction(f.amount.amount) for f in flows if f.is_cost), Fraction(0))
    benefits = sum((Fraction(f.amount.amount) for f in flows if not f.is_cost), Fraction(0))
    return costs, benefits


def two_places(value: Fraction) -> str:
    """``value`` rounded half even to two decimal places, as text."""
    hundredths = round(value * 100)
    return f"{hundredths // 100}.{hundredths % 100:02d}"


def assumed_years(period: object) -> dict[int, Fraction]:
    """The examples' illustrative phasing (``_common.ILLUSTRATIVE_PHASING``), by hand."""
    if isinstance(period, FinancialYear):
        return {period.start_year: Fraction(1)}
    assert isinstance(period, OpenPeriod)
    spread = {
        "to_mar_2013": (2012,),
        "further_implementation": (2014, 2015, 2016),
        "appraisal_horizon": (2014, 2015, 2016, 2017, 2018),
    }[period.key]
    return {year: Fraction(1, len(spread)) for year in spread}


def csv_block(out: str, header: str) -> list[dict[str, str]]:
    """The CSV rows printed after the line ``header``, up to the next blank line."""
    lines = out.splitlines()
    start = lines.index(header)
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    return list(csv.DictReader(lines[start:end]))


def test_rollup_essex() -> None:
    out = run("rollup_essex.py")
    flows = essex_flows()
    costs, benefits = sums([f for _, _, f in flows])
    net = benefits - costs
    assert f"Programme: net benefit {pence(net)}" in out
    assert f"benefit-cost ratio {two_places(benefits / costs)}" in out
    assert f"ROI {two_places(net / costs)}" in out
    # Every group of domain x cashability, exact, from the CSV rows.
    groups: dict[tuple[str, bool], list[CashFlow]] = {}
    for _, domain, flow in flows:
        groups.setdefault((domain, flow.cashable), []).append(flow)
    rows = csv_block(out, "domain,cashable,costs,benefits,net")
    assert len(rows) == len(groups)
    for row in rows:
        group_costs, group_benefits = sums(groups[(row["domain"], row["cashable"] == "True")])
        assert Fraction(Decimal(row["costs"])) == group_costs
        assert Fraction(Decimal(row["benefits"])) == group_benefits
        assert Fraction(Decimal(row["net"])) == group_benefits - group_costs
    safety_costs, safety_benefits = sums([f for _, d, f in flows if d == "community_safety"])
    assert f"net benefit: {pence(safety_benefits - safety_costs)}" in out
    assert "equals rolling the lines up by cashable: True" in out
    # Payback: never within a year as published; 2014/15 under the assumed phasing.
    assert "payback_year() refuses" in out and "Appraisal horizon" in out
    by_year: dict[int, Fraction] = {}
    for _, _, flow in flows:
        sign = -1 if flow.is_cost else 1
        for year, share in assumed_years(flow.period).items():
            by_year[year] = by_year.get(year, Fraction(0)) + sign * share * Fraction(
                flow.amount.amount
            )
    running, payback = Fraction(0), None
    for year in sorted(by_year):
        running += by_year[year]
        if running < 0:
            payback = None
        elif payback is None:
            payback = year
    assert running == net and payback is not None
    assert f"Payback year (assumed phasing): {FinancialYear(payback)}" in out
    assert "ASSUMPTION" in out and "Phasing changed no total (costs, benefits, net): True" in out


SPLIT_KEYS = ("FBC1", "FBC2", "FBC3", "FBC4", "FBC5")


def test_who_pays_sharing() -> None:
    out = run("who_pays_sharing.py")
    flows = essex_flows()
    costs, benefits = sums([f for _, _, f in flows])
    assert "ASSUMPTION (illustrative, not from the sources)" in out
    # The example's assumed split of costs: the County Council pays half of FBC1's and
    # FBC4's costs and all of FBC2's and FBC5's; probation a quarter of FBC3's.
    by_project = {key: sums([f for p, _, f in flows if p == key])[0] for key in SPLIT_KEYS}
    ecc = by_project["FBC1"] / 2 + by_project["FBC2"] + by_project["FBC4"] / 2
    ecc += by_project["FBC5"]
    probation = by_project["FBC3"] / 4
    assert f"ecc: costs borne {pence(ecc)}" in out
    assert f"probation: costs borne {pence(probation)}" in out
    # Fixed shares (40% ECC, 25% CCGs, 15% police, 10% MoJ, 5% DWP, 5% probation) of the
    # whole benefit are whole pennies here, so each allocation is exactly its share.
    for share in ("40", "25", "15", "10", "5"):
        assert str(pence(benefits * Fraction(int(share), 100))) in out
    # Costs first, then pro rata: probation gets its costs back and its share of the rest;
    # the exact figure is split to the penny (largest remainder), so either neighbour.
    exact = (benefits - costs) * probation / costs
    floor = math.floor(exact * 100)
    assert any(str(Money.from_minor_units(p)) in out for p in (floor, floor + 1))
    net = pence(benefits - costs)
    assert f"before sharing                      {net}" in out
    assert out.count("Transfers between partners sum to £0.00") == 2
    assert "all equal: True" in out


def test_reconcile_essex() -> None:
    from wecb.datasets import essex_2012  # noqa: PLC0415 -- optional data set

    out = run("reconcile_essex.py")
    essex = essex_2012()
    assert "5 checks, 5 agree, 0 differ" in out
    assert "12 checks, 7 agree, 3 differ, 2 not comparable" in out
    assert "1 checks, 1 agree, 0 differ" in out
    flows = essex_flows()
    costs, benefits = sums([f for _, _, f in flows])
    cashable = sum(
        (Fraction(f.amount.amount) for _, _, f in flows if not f.is_cost and f.cashable),
        Fraction(0),
    )

    def figure(key: str) -> Fraction:
        amount = essex.figure(key).amount
        assert amount is not None
        return Fraction(amount.amount)

    lga, lga_cashable = figure("lga_essex_benefits"), figure("lga_essex_cashable")
    differences = {
        "gross benefits": lga - benefits,
        "net benefits": lga - (benefits - costs),
        "gross cashable": lga_cashable - cashable,
        "unattributed funding": figure("programme_requirement") - figure("programme_ecc_share"),
    }
    for difference in differences.values():
        assert f"difference {pence(difference)}" in out
    rows = csv_block(out, "status,label,claimed,derived,difference,tolerance")
    assert [r["status"] for r in rows].count("DIFFERS") == 3
    assert [r["status"] for r in rows].count("not comparable") == 2
    gross = next(r for r in rows if "gross benefits" in r["label"])
    assert Fraction(Decimal(gross["difference"])) == differences["gross benefits"]
    assert "reported as found, not adjusted to agree" in out
