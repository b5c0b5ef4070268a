"""``wecb report``: the page from the command line, its phasing and its output file."""

from __future__ import annotations

from pathlib import Path

import pytest

import wecb
from samples import triage_programme
from wecb.cli import main


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_the_built_in_programme_under_the_example_phasing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "report.html"
    status, out, err = call(capsys, "report", "--no-plots", "-o", str(target))
    assert (status, out, err) == (0, "", "")
    page = target.read_text(encoding="utf-8")
    assert "<h2>Appraisal</h2>" in page
    assert (
        "Phasing used (example phasing from the docs: to_mar_2013=2012/13, "
        "further_implementation=2014/15..2016/17, appraisal_horizon=2014/15..2018/19; "
        "illustrative, no --phase given)"
    ) in page
    # The Essex claims (wecb reconcile's default), not only the tables' arithmetic.
    assert "Funding (unstated): requirement £1.949m" in page


def test_the_page_goes_to_standard_output_without_o(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = call(capsys, "report", "--no-plots", "--dataset", "tri-borough-2012")
    assert status == 0
    assert out.startswith("<!DOCTYPE html>") and out.rstrip().endswith("</html>")
    assert "Not appraised: the programme has no cash flows to appraise." in out


def test_an_explicit_phasing_is_used_and_named(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "r.html"
    phases = [
        "--phase=to_mar_2013=2012/13",
        "--phase=further_implementation=2014/15..2015/16",
        "--phase=appraisal_horizon=2014/15..2016/17",
    ]
    status, _, _ = call(capsys, "report", "--no-plots", *phases, "-o", str(target))
    assert status == 0
    page = target.read_text(encoding="utf-8")
    assert "Phasing used (command line: --phase to_mar_2013=2012/13 " in page
    assert "further_implementation: 2014/15 1, 2015/16 1;" in page


def test_an_explicit_phasing_that_does_not_cover_the_programme_is_an_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "r.html"
    status, out, err = call(
        capsys, "report", "--no-plots", "--phase", "to_mar_2013=2012/13", "-o", str(target)
    )
    assert status == 1 and out == ""
    assert err.startswith("wecb: error: open period 'further_implementation'")
    assert not target.exists()


def test_a_file_without_the_example_periods_states_no_phasing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "mine.toml"
    wecb.save(triage_programme("Mine <b>"), source)
    status, out, _ = call(capsys, "report", str(source), "--no-plots")
    assert status == 0
    assert "Phasing: none stated." in out
    assert "<title>Mine &lt;b&gt;: report</title>" in out
    assert "benefit-cost ratio" in out


def test_o_replaces_an_existing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("an older report", encoding="utf-8")
    assert call(capsys, "report", "--no-plots", "-o", str(target))[0] == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_file_and_dataset_together_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = call(capsys, "report", "x.toml", "--dataset", "essex-2012")
    assert status == 1 and "give FILE or --dataset NAME, not both" in err


def test_help_names_the_example_phasing(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = call(capsys, "report", "--help")
    assert status == 0
    assert "--phase further_implementation=2014/15..2016/17" in " ".join(out.split())
