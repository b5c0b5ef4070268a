"""The command line, through its real entry points and in-process through ``main``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import wecb
from cli_outputs import PHASES
from wecb.cli import main
from wecb.core.money import Money
from wecb.datasets import essex_2012
from wecb.io import load, parse_csv

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = Path(sys.executable).with_name("wecb")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The installed ``wecb`` script, as a user runs it."""
    env = {**os.environ, "PYTHONWARNINGS": "error"}
    return subprocess.run(
        [str(SCRIPT), *args], capture_output=True, text=True, env=env, check=False, timeout=120
    )


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def assert_clean_error(err: str) -> None:
    assert err.startswith("wecb") and "error:" in err
    assert "Traceback" not in err


# -- real entry points -----------------------------------------------------------------------


def test_script_summary_prints_the_essex_programme() -> None:
    done = run("summary")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Whole Essex Community Budget (Greater Essex)"
    assert all(len(line) <= 80 for line in lines)
    assert done.stderr == ""


def test_python_dash_m_is_the_same_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "wecb", "--version"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0 and done.stdout.strip() == "wecb 0.1.0"


def test_script_missing_file_is_a_message_and_status_1(tmp_path: Path) -> None:
    done = run("summary", str(tmp_path / "nope.toml"))
    assert done.returncode == 1
    assert_clean_error(done.stderr)
    assert "nope.toml" in done.stderr and done.stdout == ""


def test_script_usage_error_is_status_2() -> None:
    done = run("frobnicate")
    assert done.returncode == 2
    assert "invalid choice" in done.stderr and "Traceback" not in done.stderr


def test_summary_does_not_import_pint_or_numpy() -> None:
    code = (
        "import sys, io, contextlib\n"
        "from wecb.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()): main(['summary'])\n"
        "print(sorted(m for m in ('pint', 'numpy', 'pandas', 'matplotlib') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.strip() == "[]"


# -- summary ---------------------------------------------------------------------------------


def test_summary_shows_every_project_and_the_published_figures(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = call(capsys, "summary")
    assert status == 0
    essex = essex_2012()
    for project in essex.projects:
        assert project.key in out or project.title in out
    published = out.split("Net cost as published")[1].split("\n\n")[0]
    for project in essex.projects:
        if project.table is not None:
            assert project.table.net_benefit.format() in out
            assert project.table.net_total.format() in published
    total = sum(p.table.net_total for p in essex.projects if p.table is not None)
    assert total.format() == "-£301.0m" and total.format() in published
    assert out.count("-£301.0m") == 1  # the net cost as published, in its own table only
    assert "4 ICA, 5 SCB" in out
    assert "Reconciliation:" in out and "£1.949m" in out


def test_summary_width_option(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = call(capsys, "summary", "--width", "60")
    assert status == 0
    projects = out.split("Projects")[1].split("Cost-benefit")[0].splitlines()
    # Text columns are cut to fit; columns of figures are never cut.
    assert any("…" in line for line in projects)
    assert all(len(line) <= 60 for line in projects)


def test_summary_of_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "essex.json"
    assert main(["export", "--what", "programme", "-o", str(target)]) == 0
    status, out, _ = call(capsys, "summary", str(target))
    assert status == 0 and out.startswith("Whole Essex Community Budget")


def test_malformed_file_names_file_and_field(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('format = "wecb.programme"\nformat_version = 1\nname = 3\n', "utf-8")
    status, out, err = call(capsys, "summary", str(bad))
    assert status == 1 and out == ""
    assert_clean_error(err)
    assert "bad.toml" in err


def test_syntax_error_in_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "broken.json"
    bad.write_text("{not json", "utf-8")
    status, _, err = call(capsys, "reconcile", str(bad))
    assert status == 1
    assert_clean_error(err)


def test_unknown_suffix(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    odd = tmp_path / "programme.txt"
    odd.write_text("x", "utf-8")
    status, _, err = call(capsys, "summary", str(odd))
    assert status == 1
    assert_clean_error(err)
    assert ".toml or .json" in err


def test_directory_instead_of_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = tmp_path / "dir.toml"
    folder.mkdir()
    status, _, err = call(capsys, "summary", str(folder))
    assert status == 1
    assert_clean_error(err)


# -- reconcile -------------------------------------------------------------------------------


def test_reconcile_reports_discrepancies_and_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = call(capsys, "reconcile")
    assert status == 0
    last = out.strip().splitlines()[-1]
    assert last.startswith("Reconciliation: ") and "differ" in last
    assert "LGA £414m" in out


def test_reconcile_strict_exits_1_on_a_discrepancy(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = call(capsys, "reconcile", "--strict")
    assert status == 1
    assert "--strict" in out.strip().splitlines()[-1]


def test_reconcile_tables_only_agree(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = call(capsys, "reconcile", "--claims", "tables", "--strict")
    assert status == 0
    assert out.strip().splitlines()[-1] == "Reconciliation: 5 checks: 5 agree, none differ."


def test_the_summary_counts_every_check_the_reconciliation_has(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = call(capsys, "summary")
    assert status == 0
    last = out.strip().splitlines()[-2:]
    assert last == [
        "Reconciliation: 12 checks: 7 agree, 3 differ, 2 not comparable",
        "  (see: wecb reconcile)",
    ]


def test_reconcile_claims_by_data_set_name(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, named, _ = call(capsys, "reconcile", "--claims", "essex-2012")
    _, auto, _ = call(capsys, "reconcile")
    assert status == 0 and named == auto
    # A programme without the figures a claim set needs: auto falls back to the tables,
    # asking for the set by name says why it cannot apply.
    essex = essex_2012()
    bare = essex.evolve(figures=())
    target = tmp_path / "bare.json"
    target.write_text(wecb.dumps(bare, "json"), "utf-8")
    status, out, _ = call(capsys, "reconcile", str(target))
    assert status == 0 and "5 checks: 5 agree" in out
    status, _, err = call(capsys, "reconcile", str(target), "--claims", "essex-2012")
    assert status == 1
    assert_clean_error(err)
    assert "programme_" in err


# -- appraise --------------------------------------------------------------------------------


def test_appraise_with_phasing_and_adjustments(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = call(
        capsys,
        "appraise",
        *PHASES,
        "--base-year",
        "2013/14",
        "--allow-before-base",
        "--optimism-bias-grade",
        "3",
        "--deadweight",
        "10%",
        "--attribution",
        "0.8",
    )
    assert status == 0
    assert "base year 2013/14" in out and "net present budget impact" in out
    assert "optimism" in out.lower() or "adj." in out


def test_appraise_zero_rate_gives_the_plain_net(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = call(
        capsys, "appraise", *PHASES, "--schedule", "zero", "--base-year", "2012/13"
    )
    assert status == 0
    essex = essex_2012()
    net = sum(f.signed for _, f in essex.cash_flows())
    assert str(net) in out


def test_appraise_rate_and_schedule_differ(capsys: pytest.CaptureFixture[str]) -> None:
    _, low, _ = call(capsys, "appraise", *PHASES, "--rate", "1%")
    _, high, _ = call(capsys, "appraise", *PHASES, "--rate", "10%")
    assert low != high and "constant 1%" in low and "constant 10%" in high


def test_appraise_without_phasing_says_how(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = call(capsys, "appraise")
    assert status == 1 and out == ""
    assert_clean_error(err)
    assert "--phase" in err


def test_appraise_before_the_base_year_says_how(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = call(capsys, "appraise", *PHASES, "--base-year", "2014/15")
    assert status == 1 and out == ""
    assert_clean_error(err)
    assert "--allow-before-base" in err


def test_appraise_reads_rates_and_shares_as_percentages(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, percent, _ = call(capsys, "appraise", *PHASES, "--rate", "3.5%", "--deadweight", "20%")
    _, plain, _ = call(capsys, "appraise", *PHASES, "--rate", "0.035", "--deadweight", "0.2")
    assert "constant 3.5%" in percent and percent == plain


def test_appraise_bad_options_are_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    for args in (
        ["--base-year", "2012/14"],
        ["--deadweight", "150%"],
        ["--rate", "fast"],
        ["--phase", "nonsense"],
        ["--phase", "x=2014/15..2012/13"],
        ["--rate", "3%", "--schedule", "health"],
        ["--rate", "-100%"],
        ["--attribution", "-0.1"],
        ["--phase", "x=2014/15:-1"],
        ["--phase", "x=2014/15:1,2014/15:2"],
    ):
        status, _, err = call(capsys, "appraise", *args)
        assert status == 2, args
        assert "Traceback" not in err and "error:" in err


def test_appraise_bad_grade_is_an_input_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = call(capsys, "appraise", *PHASES, "--optimism-bias-grade", "9")
    assert status == 1
    assert_clean_error(err)
    assert "grade" in err


ESSEX_PROJECTS = "FBC1, FBC2, FBC3, FBC4, FBC5, strengthening_communities"
ESSEX_OPEN_PERIODS = "to_mar_2013, further_implementation, appraisal_horizon"


@pytest.mark.parametrize(
    ("phase", "named", "choices"),
    [
        # 0.1.0 accepted each of these, ignored it and exited 0 with an unchanged NPV.
        ("FBX1/appraisal_horizon=2014/15..2018/19", "'FBX1'", ESSEX_PROJECTS),
        ("apraisal_horizon=2014/15", "'apraisal_horizon'", ESSEX_OPEN_PERIODS),
        ("FBC1/apraisal_horizon=2014/15", "'apraisal_horizon'", ESSEX_OPEN_PERIODS),
    ],
)
def test_appraise_phase_naming_nothing_is_refused(
    capsys: pytest.CaptureFixture[str], phase: str, named: str, choices: str
) -> None:
    status, out, err = call(capsys, "appraise", *PHASES, "--phase", phase)
    assert status == 1 and out == ""
    assert_clean_error(err)
    assert f"--phase {phase.partition('=')[0]}: {named} is not accepted" in err
    assert choices in err


def test_appraise_unknown_project_lists_the_projects(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = call(capsys, "appraise", *PHASES, "--project", "FBX1")
    assert status == 1 and out == ""
    assert_clean_error(err)
    assert "--project: 'FBX1' is not accepted" in err and ESSEX_PROJECTS in err


def test_appraise_phase_for_one_project_is_used(capsys: pytest.CaptureFixture[str]) -> None:
    _, plain, _ = call(capsys, "appraise", *PHASES)
    status, own, _ = call(capsys, "appraise", *PHASES, "--phase", "FBC1/appraisal_horizon=2018/19")
    assert status == 0 and own != plain
    assert "--phase FBC1/appraisal_horizon=2018/19" in own


# The illustrative phasing (PHASES, base year 2012/13, Green Book STPR). wecb 0.1.0 counted
# the tables' non-cashable benefits as fiscal, giving an NPV of £260,802,459.25; their value
# type is not stated by the sources, so they are now unclassified: outside the financial case
# (NPBI) and inside the economic case (NPPV), unless --treat-unclassified says otherwise.
ESSEX_NPV = "£102,644,755.03"
ESSEX_NPPV = "£260,802,459.25"


def test_appraise_keeps_unclassified_benefits_out_of_the_financial_case(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = call(capsys, "appraise", *PHASES)
    assert status == 0
    assert f"net present budget impact {ESSEX_NPV}; net present public value {ESSEX_NPPV}" in out
    assert "  unclassified   " in out
    assert "unclassified benefits: their own row, outside the financial case" in out
    status, out, _ = call(capsys, "appraise", *PHASES, "--treat-unclassified", "fiscal")
    assert status == 0
    assert f"net present budget impact {ESSEX_NPPV}; net present public value {ESSEX_NPPV}" in out
    assert "unclassified (treated as fiscal)" in out
    assert "counted as fiscal non-cashable: inside the financial case" in out
    status, out, _ = call(capsys, "appraise", *PHASES, "--treat-unclassified", "social")
    assert status == 0 and f"net present budget impact {ESSEX_NPV}" in out
    assert "unclassified (treated as social)" in out


def test_appraise_treat_unclassified_choices(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = call(capsys, "appraise", *PHASES, "--treat-unclassified", "unclassified")
    assert status == 2 and "invalid choice" in err


def test_appraise_printout_states_its_assumptions(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = call(
        capsys, "appraise", *PHASES, "--optimism-bias-grade", "3", "--price-base", "2011/12"
    )
    assert status == 0
    notes = out[out.index("assumptions:") :]
    assert "discount schedule: green_book_stpr: 3.5% for years 0-30" in notes
    assert "base year: 2012/13" in notes
    assert "price base: 2011/12 prices, not rebased" in notes
    given = " ".join(f"--phase {p}" for p in PHASES[1::2])
    assert f"(command line: {given})" in notes
    assert "from the command line" not in out
    assert "adjustments, default (25 lines): optimism bias grade 3 of " in notes
    assert "deadweight 0%; attribution 100%" in notes
    assert "optimism bias table cba_2014_confidence_grades: grade 3 used" in notes
    assert "[WARNING: not verified against its source]" in notes


def test_appraise_without_phase_options_says_none_were_given(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = call(capsys, "appraise", str(ROOT / "examples" / "street_triage.toml"))
    assert status == 0
    assert "phasing: none given" in out
    assert "command line" not in out
    assert "default: no --base-year given, so discounted to 2014/15" in out
    assert "default: no --price-base given, so the figures are taken as 2014/15 prices" in out
    assert (
        "adjustments, default (4 lines): no optimism bias; deadweight 0%; attribution 100%" in out
    )


# -- export ----------------------------------------------------------------------------------


def test_export_rollup_csv_round_trips_exactly(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = call(capsys, "export", "--by", "project")
    assert status == 0
    rows = parse_csv(out)
    essex = essex_2012()
    for row in rows:
        table = essex.project(str(row["project"])).table
        if table is not None:
            assert row["net"] == table.net_benefit
            assert row["costs"] == table.total_costs


def test_export_flows_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = call(capsys, "export", "--what", "flows", "--format", "json")
    assert status == 0
    data = json.loads(out)
    assert len(data) == sum(1 for _ in essex_2012().cash_flows())
    assert data[0]["amount"] == {"amount": "716000", "currency": "GBP"}


def test_export_xlsx_numbers(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "flows.xlsx"
    status, _, _ = call(capsys, "export", "--what", "flows", "-o", str(target))
    assert status == 0
    sheet = openpyxl.load_workbook(target)["flows"]
    header = [c.value for c in sheet[1]]
    first = next(sheet.iter_rows(min_row=2, max_row=2, values_only=True))
    assert first[header.index("label")] == "Costs to Mar '13"
    assert Decimal(repr(first[header.index("amount (GBP)")])) == Money("716000").amount
    assert Decimal(repr(first[header.index("signed (GBP)")])) == Money("-716000").amount


def test_export_programme_toml_loads_back(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "essex.toml"
    assert main(["export", "--what", "programme", "-o", str(target)]) == 0
    assert load(target) == essex_2012()


def test_export_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, _, err = call(capsys, "export", "--by", "colour")
    assert status == 1 and "unknown dimension 'colour'" in err
    status, _, err = call(capsys, "export", "--format", "xlsx")
    assert status == 1 and "-o" in err
    status, _, err = call(capsys, "export", "--format", "toml")
    assert status == 1 and "--what programme" in err
    status, _, err = call(capsys, "export", "-o", str(tmp_path / "missing" / "x.csv"))
    assert status == 1
    assert_clean_error(err)
    status, _, err = call(capsys, "export", "--what", "nothing")
    assert status == 2


def test_help_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = call(capsys, "--help")
    assert status == 0 and "summary" in out and "reconcile" in out
    status, out, _ = call(capsys, "--version")
    assert status == 0 and out.strip() == "wecb 0.1.0"
    status, out, err = call(capsys)
    assert status == 2 and "COMMAND" in out and err == ""  # `wecb` alone: the help
