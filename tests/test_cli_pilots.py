"""``wecb pilots`` and ``wecb summary --dataset NAME``, in-process through ``main``."""

from __future__ import annotations

import re

import pytest

from wecb.cli import main
from wecb.datasets import DATASETS, pilots_2012

_SEED_FILE = re.compile(r"_[0-9a-f]{16}\.txt|seed 00")


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_pilots_prints_the_comparison_and_every_document(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = call(capsys, "pilots")
    assert status == 0 and err == ""
    assert out.startswith(str(pilots_2012()))
    for place in ("Greater Essex", "Cheshire West and Chester", "Greater Manchester"):
        assert place in out
    assert "£800,000,000.00" in out and "£326,000,000.00" in out and "DIFFERS" in out
    assert "Not comparable: Greater Essex, essex_net_benefits_six_years" in out
    documents = out.split("\nDocuments:\n", 1)[1]
    for document in pilots_2012().documents:
        assert f"  {document.key}: " in documents
        assert document.where_found in documents
    assert not _SEED_FILE.search(out)


def test_pilots_takes_no_file(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = call(capsys, "pilots", "essex.toml")
    assert status == 2 and "unrecognized arguments: essex.toml" in err


@pytest.mark.parametrize("name", list(DATASETS))
def test_summary_of_each_data_set(capsys: pytest.CaptureFixture[str], name: str) -> None:
    status, out, err = call(capsys, "summary", "--dataset", name)
    assert status == 0 and err == ""
    assert out.startswith(DATASETS[name]().name)


def test_summary_of_the_essex_data_set_is_the_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert call(capsys, "summary", "--dataset", "essex-2012") == call(capsys, "summary")


def test_summary_refuses_an_unknown_data_set_naming_the_choices(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = call(capsys, "summary", "--dataset", "west-cheshire")
    assert status == 2 and out == ""
    assert "invalid choice: 'west-cheshire'" in err and "tri-borough-2012" in err


def test_summary_refuses_a_file_and_a_data_set_together(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = call(capsys, "summary", "--dataset", "tri-borough-2012", "x.toml")
    assert status == 1 and out == ""
    assert "give FILE or --dataset NAME, not both" in err and "'x.toml'" in err


@pytest.mark.parametrize("width", [40, 80])
def test_summary_of_a_headline_programme_lists_its_figures_within_the_width(
    capsys: pytest.CaptureFixture[str], width: int
) -> None:
    status, out, _ = call(
        capsys, "summary", "--dataset", "tri-borough-2012", "--width", str(width)
    )
    assert status == 0
    figures = out.split("Published figures", 1)[1]
    flat = " ".join(figures.split())
    assert "net_efficiencies_by_year_five: £38,000,000.00 [lga_forum_note_2012]" in flat
    assert "net_savings_annual: £70,000,000.00 per year [public_finance_2013_03_13]" in flat
    assert all(len(line) <= width for line in figures.splitlines()[1:] if line.startswith(" "))
    assert out.rstrip().endswith("(see: wecb pilots)")


def test_summary_of_essex_lists_no_figures(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = call(capsys, "summary", "--dataset", "essex-2012")
    assert "Published figures" not in out
