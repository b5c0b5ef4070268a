"""``wecb realisation``, in-process through ``main``."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_outputs import PHASES
from wecb.cli import main
from wecb.io import load

ACTUALS = (
    "project,line,year,amount,as_at,source\n"
    'FBC1,Gross cashable benefit,2014/15,"£16,610,000",2015-06-26,illustrative\n'
    "FBC5,Gross cashable benefit,2014/15,7240000,2015-05-29,illustrative\n"
    "FBC5,Costs of further implementation,2014/15,8100000,2015-05-29,illustrative\n"
)


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def actuals(tmp_path: Path) -> str:
    path = tmp_path / "actuals.csv"
    path.write_text(ACTUALS, encoding="utf-8")
    return str(path)


def test_the_report_sets_plan_against_actuals(
    capsys: pytest.CaptureFixture[str], actuals: str
) -> None:
    status, out, err = call(
        capsys, "realisation", "--actuals", actuals, "--as-at", "2014/15", *PHASES
    )
    assert status == 0, err
    assert "Realisation of Whole Essex Community Budget as at the end of 2014/15" in out
    rows = {
        line.split()[0] + " " + line.split()[1] + " " + line.split()[2]: line
        for line in out.splitlines()
        if line.startswith("FBC")
    }
    assert "89.9%" in rows["FBC1 benefit 2014/15"]  # 16.61m of 18.466m
    assert rows["FBC1 benefit 2014/15"].endswith("amber")
    assert rows["FBC5 benefit 2014/15"].endswith("red")
    assert rows["FBC5 cost 2014/15"].endswith("cost")
    assert rows["FBC2 benefit 2015/16"].endswith("not due")


def test_by_line_and_thresholds(capsys: pytest.CaptureFixture[str], actuals: str) -> None:
    status, out, _ = call(
        capsys,
        "realisation",
        "--actuals",
        actuals,
        "--as-at",
        "2014/15",
        "--by",
        "line",
        "--green",
        "85%",
        "--amber",
        "0.6",
        *PHASES,
    )
    assert status == 0
    line = next(
        x for x in out.splitlines() if x.startswith("FBC1") and "cashable" in x and "2014/15" in x
    )
    assert line.endswith("green")
    assert "green at 85.0% or more, amber at 60.0% or more" in out


def test_an_actual_after_the_date_is_an_error_naming_it(
    capsys: pytest.CaptureFixture[str], actuals: str
) -> None:
    status, _, err = call(
        capsys, "realisation", "--actuals", actuals, "--as-at", "2015-05-31", *PHASES
    )
    assert status == 1
    assert "given actuals[0] (FBC1 / Gross cashable benefit / 2014/15" in err
    assert "after 2015-05-31" in err


def test_an_unknown_line_is_an_error_naming_its_row(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "actuals.csv"
    path.write_text(ACTUALS.replace("FBC5,Gross cashable", "FBC5,Gross cashible"), "utf-8")
    status, _, err = call(
        capsys, "realisation", "--actuals", str(path), "--as-at", "2014/15", *PHASES
    )
    assert status == 1
    assert "row 3, column 'line'" in err and "no line labelled 'Gross cashible benefit'" in err


def test_a_bad_date_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = call(capsys, "realisation", "--as-at", "2015-02-30")
    assert status == 2 and "not a date" in err


def test_the_reforecast_is_written_for_wecb_appraise(
    capsys: pytest.CaptureFixture[str], actuals: str, tmp_path: Path
) -> None:
    out_file = tmp_path / "reforecast.toml"
    status, out, err = call(
        capsys,
        "realisation",
        "--actuals",
        actuals,
        "--as-at",
        "2014/15",
        "--reforecast",
        str(out_file),
        *PHASES,
    )
    assert status == 0, err
    assert "re-forecast written to" in out
    reforecast = load(out_file)
    fbc5 = [f for f in reforecast.project("FBC5").flows if f.label == "Gross cashable benefit"]
    assert str(fbc5[0].amount) == "£7,240,000.00"
    status, out, err = call(capsys, "appraise", str(out_file), *PHASES)
    assert status == 0, err


def test_the_command_offers_the_breakdowns_the_report_has() -> None:
    from wecb.appraisal.realisation import BREAKDOWNS  # noqa: PLC0415
    from wecb.cli import _realisation  # noqa: PLC0415

    assert _realisation._BREAKDOWNS == BREAKDOWNS  # kept apart so that the CLI loads fast
