"""``wecb template``: the workbook to fill in, written once (``--force`` to replace it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from wecb.cli import main
from wecb.io import read_workbook
from wecb.io._sheet_template import example_programme


def test_template_writes_a_workbook_that_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "new.xlsx"
    assert main(["template", "-o", str(path)]) == 0
    assert "fill it in, then give it to any command" in capsys.readouterr().out
    assert read_workbook(path) == example_programme()


def test_template_refuses_to_replace_a_file_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mine.xlsx"
    path.write_bytes(b"an analyst's own work")
    assert main(["template", "-o", str(path)]) == 1
    assert "it exists already; give --force to replace it" in capsys.readouterr().err
    assert path.read_bytes() == b"an analyst's own work"
    assert main(["template", "-o", str(path), "--force"]) == 0
    assert read_workbook(path) == example_programme()


def test_template_writes_xlsx_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["template", "-o", str(tmp_path / "new.csv")]) == 1
    assert "give -o NAME.xlsx" in capsys.readouterr().err
    assert not (tmp_path / "new.csv").exists()


def test_every_command_reads_a_workbook_as_it_reads_the_same_programme_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import wecb  # noqa: PLC0415

    toml = Path(__file__).resolve().parents[2] / "examples" / "street_triage.toml"
    book = tmp_path / "triage.xlsx"
    wecb.io.write_workbook(wecb.load(toml), book)
    for command in (["summary"], ["appraise"], ["reconcile"]):
        assert main([*command, str(toml)]) == 0
        from_file = capsys.readouterr().out
        assert main([*command, str(book)]) == 0
        assert capsys.readouterr().out == from_file


def test_a_command_names_the_sheet_row_and_column_of_a_bad_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import openpyxl  # noqa: PLC0415

    path = tmp_path / "new.xlsx"
    assert main(["template", "-o", str(path)]) == 0
    capsys.readouterr()
    book = openpyxl.load_workbook(path)
    sheet = book["Partners"]
    column = next(c.column for c in sheet[1] if c.value == "kind")
    sheet.cell(row=2, column=column, value="parish_council_of_nowhere")
    book.save(path)
    assert main(["summary", str(path)]) == 1
    err = capsys.readouterr().err
    assert "Partners" in err and "row 2" in err and "parish_council_of_nowhere" in err


def test_export_writes_the_programme_as_the_workbook_that_reads_back(tmp_path: Path) -> None:
    import wecb  # noqa: PLC0415

    target = tmp_path / "essex.xlsx"
    assert main(["export", "--what", "programme", "-o", str(target)]) == 0
    assert read_workbook(target) == wecb.datasets.essex_2012()
