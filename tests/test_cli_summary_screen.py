"""``wecb summary``: the first screen leads with the headline, honours --width on every line,
and prints the same result as JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from wecb.cli import main
from wecb.present.headline import EXAMPLE_PHASING_TEXT, NOT_STATED

ROOT = Path(__file__).resolve().parents[1]


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    status = main(list(args))
    out, _ = capsys.readouterr()
    return status, out


def test_the_screen_leads_with_the_headline(capsys: pytest.CaptureFixture[str]) -> None:
    status, out = call(capsys, "summary", "--width", "80")
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "Whole Essex Community Budget (Greater Essex)"
    first = out.index("net benefit (saving)")
    assert first < out.index("Projects (stage") < out.index("Net cost as published")
    head = out[: out.index("Projects (stage")]
    for figure in ("£301.0m", "£51.5m", "£119.7m", "39.8%", "£1.949m", "£0.815m", "£1.134m"):
        assert figure in head, figure
    for figure in ("£102.6m", "£260.8m", "6.58"):
        assert figure in head, figure
    assert "NPV: net present budget impact" in head and "benefit-cost ratio" in head
    assert " ".join(head.split()).count(EXAMPLE_PHASING_TEXT) >= 1
    assert "-£301.0m" not in head  # the published net cost only in its own table, later
    assert out.count("-£301.0m") == 1
    assert lines[-2:] == [
        "Reconciliation: 12 checks: 7 agree, 3 differ, 2 not comparable",
        "  (see: wecb reconcile)",
    ]


@pytest.mark.parametrize("width", ["60", "72", "100"])
def test_every_line_fits_the_width(capsys: pytest.CaptureFixture[str], width: str) -> None:
    status, out = call(capsys, "summary", "--width", width)
    assert status == 0
    wide = [line for line in out.splitlines() if len(line) > int(width)]
    assert wide == []


def test_json_has_the_headline_with_exact_figures(capsys: pytest.CaptureFixture[str]) -> None:
    status, out = call(capsys, "summary", "--format", "json")
    assert status == 0
    document = json.loads(out)
    assert document["command"] == "summary"
    tables = document["tables"]
    assert tables[0]["title"].startswith("Net benefit")
    amounts = {row["figure"]: row["amount"] for table in tables[:3] for row in table["rows"]}
    gbp = "GBP"
    assert amounts["net benefit (saving)"] == {"amount": "300982000", "currency": gbp}
    assert Decimal(amounts["gap"]["amount"]) == Decimal("1134000")
    assert Decimal(amounts["funding required"]["amount"]) == Decimal("1949000")
    assert amounts["NPV: net present budget impact"] == {
        "amount": "102644755.03",
        "currency": gbp,
    }
    assert amounts["benefit-cost ratio"] == "6.58"
    assert EXAMPLE_PHASING_TEXT in tables[2]["title"]
    names = {a["name"] for a in document["assumptions"]}
    assert {"sign", "totals", "discount schedule", "phasing"} <= names
    assert any(note.startswith("Reconciliation:") for note in document["notes"])
    titles = [t["title"] for t in tables]
    assert len(titles) >= 7  # the headline's three, then the sections


def test_csv_has_a_block_per_table(capsys: pytest.CaptureFixture[str]) -> None:
    status, out = call(capsys, "summary", "--format", "csv")
    assert status == 0
    records = list(csv.reader(io.StringIO(out)))
    blocks = [r for r in records if r and r[0] == "#table"]
    assert blocks[0][1:] == [
        "1",
        "Net benefit: benefits - costs, positive = saving (undiscounted)",
    ]
    rows = [r for r in records if r and r[0] == "group"]
    assert any(r[1] == "gap" and Decimal(r[2]) == 1134000 for r in rows)
    assert ["group", "net benefit (saving)", "300982000"] in rows


def test_table_option_prints_one_table(capsys: pytest.CaptureFixture[str]) -> None:
    status, out = call(capsys, "summary", "--table", "2", "--width", "70")
    assert status == 0
    assert out.startswith("Funding: the requirement against the funding recorded")
    assert "Projects" not in out and "£1.134m" in out


def test_phase_options_replace_the_example(capsys: pytest.CaptureFixture[str]) -> None:
    status, out = call(
        capsys,
        "summary",
        "--width",
        "100",
        "--phase",
        "to_mar_2013=2012/13",
        "--phase",
        "further_implementation=2014/15..2016/17",
        "--phase",
        "appraisal_horizon=2015/16..2019/20",
    )
    assert status == 0
    assert "phasing given: command line: --phase to_mar_2013=2012/13" in " ".join(out.split())
    assert EXAMPLE_PHASING_TEXT not in " ".join(out.split())
    assert "£102.6m" not in out  # benefits a year later: a smaller impact


def test_an_unknown_phase_key_is_a_clean_error(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["summary", "--phase", "nowhere=2012/13"])
    _, err = capsys.readouterr()
    assert status == 1 and "nowhere" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "dataset",
    ["cheshire-west-and-chester-2012", "greater-manchester-2012", "tri-borough-2012"],
)
def test_other_data_sets_say_not_stated(capsys: pytest.CaptureFixture[str], dataset: str) -> None:
    status, out = call(capsys, "summary", "--dataset", dataset, "--width", "70")
    assert status == 0
    head = out[: out.index("Projects (stage")]
    assert head.count(NOT_STATED) >= 10  # every headline figure, and why
    assert "no cash flows to appraise" in head
    assert all(len(line) <= 70 for line in out.splitlines())
    status, out = call(capsys, "summary", "--dataset", dataset, "--format", "json")
    assert status == 0 and json.loads(out)["tables"][0]["rows"][0]["amount"] == NOT_STATED


def test_summary_json_imports_neither_pint_nor_numpy() -> None:
    code = (
        "import sys, io, contextlib\n"
        "from wecb.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()): main(['summary', '--format', 'json'])\n"
        "print(sorted(m for m in ('pint', 'numpy', 'pandas', 'matplotlib') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.strip() == "[]"
