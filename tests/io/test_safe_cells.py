"""Safe cells: text a spreadsheet would run as a formula is neutralised in CSV and xlsx
exports (OWASP CSV injection), on by default, with an opt-out, and CSV reads it back."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strategies import (
    CELL_FORMULA_STARTS,
    CELL_PAYLOADS,
    cell_formula_text,
    cell_signed_numbers,
    cell_text,
)
from wecb.cli import main
from wecb.core.assumptions import Assumption, ResultRows
from wecb.core.money import Money
from wecb.datasets import essex_2012
from wecb.io import (
    parse_csv,
    parse_tables_csv,
    read_csv,
    tables_to_csv,
    to_csv,
    write_csv,
    write_xlsx,
)
from wecb.model.tables import CostBenefitTable


def records(text: str) -> list[list[str]]:
    """The CSV records of ``text`` as a spreadsheet sees them (no quote taken off)."""
    return list(csv.reader(io.StringIO(text, newline="")))


# -- CSV: neutralised by default ---------------------------------------------------------------


@pytest.mark.parametrize("payload", CELL_PAYLOADS)
def test_formula_like_text_is_written_after_a_quote(payload: str) -> None:
    text = to_csv([{"label": payload, "net": Money("-5")}])
    assert records(text)[1] == ["'" + payload, "-5"]
    assert parse_csv(text) == [{"label": payload, "net": Money("-5")}]


def test_money_and_numbers_are_never_touched() -> None:
    rows = [
        {
            "net": Money("-87587000"),
            "ratio": Decimal("-2.5"),
            "count": -3,
            "plain": "-87,587",
            "share": "-2.5%",
            "up": "+5",
        }
    ]
    assert records(to_csv(rows))[1] == ["-87587000", "-2.5", "-3", "-87,587", "-2.5%", "+5"]


@given(cell_signed_numbers())
def test_signed_numbers_as_text_stay_numbers(number: str) -> None:
    assert records(to_csv([{"n": number}]))[1] == [number]


def test_headers_are_neutralised_and_read_back() -> None:
    rows = [{"=cmd": "x", "@net": Money("1.50")}]
    text = to_csv(rows)
    assert records(text)[0] == ["'=cmd", "'@net (GBP)"]
    assert parse_csv(text) == rows


def test_assumption_records_are_neutralised_and_read_back() -> None:
    found = Assumption(name="=deadweight", value="-1+cmd|' /C calc'!A0", source="@SUM(1)")
    rows = ResultRows([{"a": "1"}], assumptions=[found])
    text = to_csv(rows)
    assert records(text)[1][:4] == [
        "#assumption",
        "'=deadweight",
        "'-1+cmd|' /C calc'!A0",
        "'@SUM(1)",
    ]
    assert parse_csv(text).assumptions == (found,)


def test_text_already_quoted_gets_one_more_quote() -> None:
    rows = [{"a": "'=x", "b": "''+1", "c": "'plain", "d": "'"}]
    text = to_csv(rows)
    assert records(text)[1] == ["''=x", "'''+1", "'plain", "'"]
    assert parse_csv(text) == rows


@given(st.lists(st.dictionaries(cell_text(), cell_text(), min_size=1, max_size=4), max_size=4))
def test_every_text_reads_back_exactly(rows: list[dict[str, str]]) -> None:
    columns = list(dict.fromkeys(k for row in rows for k in row))
    if columns[:1] == ["#assumption"]:
        return
    text = to_csv(rows, columns=columns)
    assert parse_csv(text) == [{c: row.get(c) for c in columns} for row in rows]


@given(cell_formula_text())
def test_no_written_cell_starts_a_formula(payload: str) -> None:
    text = to_csv([{payload: payload}])
    for record in records(text):
        for cell in record:
            # A cell a spreadsheet reads as a formula at most reads a signed number.
            harmless = re.fullmatch(r"[+-][0-9.,%eE+-]*", cell)
            assert cell[:1] not in CELL_FORMULA_STARTS or harmless, cell


def test_a_file_from_elsewhere_loses_one_quote_before_a_formula_character() -> None:
    # The documented ambiguity: wecb cannot tell a hand-made '=x from one it wrote.
    text = "note,other\r\n'=x,'plain\r\n"
    assert parse_csv(text) == [{"note": "=x", "other": "'plain"}]
    assert parse_csv(text, safe_cells=False) == [{"note": "'=x", "other": "'plain"}]


# -- CSV: the opt-out ----------------------------------------------------------------------------


def test_raw_cells_on_request(tmp_path: Path) -> None:
    rows = [{"label": "=1+1", "note": "'=x"}]
    text = to_csv(rows, safe_cells=False)
    assert records(text)[1] == ["=1+1", "'=x"]
    assert parse_csv(text, safe_cells=False) == rows
    path = write_csv(rows, tmp_path / "raw.csv", safe_cells=False)
    assert records(path.read_text("utf-8"))[1] == ["=1+1", "'=x"]
    assert read_csv(path, safe_cells=False) == rows
    safe = write_csv(rows, tmp_path / "safe.csv")
    assert records(safe.read_text("utf-8"))[1] == ["'=1+1", "''=x"]
    assert read_csv(safe) == rows


# -- the published tables --------------------------------------------------------------------


def test_tables_csv_keeps_figures_and_neutralises_a_key() -> None:
    published = records(tables_to_csv(essex_2012()))
    assert not [cell for record in published for cell in record if cell[:1] == "'"]
    table = essex_2012().projects[0].table
    assert isinstance(table, CostBenefitTable)
    text = tables_to_csv({"=cmd": table})
    assert records(text)[1][:5] == ["'=cmd", "716", "946", "3,081", "-87,587"]
    assert list(parse_tables_csv(text)) == ["=cmd"]


# -- xlsx --------------------------------------------------------------------------------------


def _sheet_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as book:
        return book.read("xl/worksheets/sheet1.xml").decode("utf-8")


def test_xlsx_headers_and_text_are_text_marked_with_the_quote_prefix(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    rows = [{"=cmd": payload, "net": Money("-5"), "n": "-87,587"} for payload in CELL_PAYLOADS]
    path = write_xlsx(rows, tmp_path / "book.xlsx")
    assert "<f>" not in _sheet_xml(path)  # no formula anywhere, headers included
    sheet = openpyxl.load_workbook(path)["rows"]
    head = sheet["A1"]
    assert (head.value, head.data_type, head.quotePrefix) == ("=cmd", "s", True)
    for number, payload in enumerate(CELL_PAYLOADS, start=2):
        cell = sheet.cell(row=number, column=1)
        # (A workbook reads a carriage return back as a line feed: XML line ends.)
        expected = payload.replace("\r", "\n")
        assert (cell.value, cell.data_type, cell.quotePrefix) == (expected, "s", True)
        net = sheet.cell(row=number, column=2)
        assert (net.value, net.data_type, net.quotePrefix) == (-5, "n", False)
        plain = sheet.cell(row=number, column=3)
        assert (plain.value, plain.quotePrefix) == ("-87,587", False)


def test_xlsx_assumptions_sheet_is_neutralised(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    found = Assumption(name="=deadweight", value="@SUM(1)", source="+cmd")
    path = write_xlsx(ResultRows([{"a": "1"}], assumptions=[found]), tmp_path / "a.xlsx")
    sheet = openpyxl.load_workbook(path)["Assumptions"]
    cells = [sheet.cell(row=2, column=c) for c in (1, 2, 3)]
    assert [(c.value, c.data_type, c.quotePrefix) for c in cells] == [
        ("=deadweight", "s", True),
        ("@SUM(1)", "s", True),
        ("+cmd", "s", True),
    ]


def test_xlsx_raw_cells_on_request(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    path = write_xlsx([{"=cmd": "=1+1"}], tmp_path / "raw.xlsx", safe_cells=False)
    sheet = openpyxl.load_workbook(path)["rows"]
    # Still text (never a formula), without the mark.
    assert [(c.value, c.data_type, c.quotePrefix) for c in (sheet["A1"], sheet["A2"])] == [
        ("=cmd", "s", False),
        ("=1+1", "s", False),
    ]


# -- the command line ------------------------------------------------------------------------


def _crafted(tmp_path: Path) -> Path:
    import wecb  # noqa: PLC0415

    document: dict[str, Any] = json.loads(wecb.dumps(essex_2012(), "json"))
    document["projects"][0]["title"] = '=HYPERLINK("http://evil.example","Click")'
    path = tmp_path / "crafted.json"
    path.write_text(json.dumps(document), "utf-8")
    return path


def test_export_neutralises_and_raw_cells_opts_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    crafted = str(_crafted(tmp_path))
    assert main(["export", crafted, "--what", "programme", "--format", "csv"]) == 0
    assert records(capsys.readouterr().out)[1][1] == '\'=HYPERLINK("http://evil.example","Click")'
    assert main(["export", crafted, "--what", "programme", "--format", "csv", "--raw-cells"]) == 0
    assert records(capsys.readouterr().out)[1][1] == '=HYPERLINK("http://evil.example","Click")'


def test_export_xlsx_marks_the_crafted_title(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    from wecb.io import read_workbook  # noqa: PLC0415

    out = tmp_path / "p.xlsx"
    crafted = str(_crafted(tmp_path))
    assert main(["export", crafted, "--what", "flows", "-o", str(out)]) == 0
    assert main(["export", crafted, "--what", "programme", "-o", str(out)]) == 0
    sheet = openpyxl.load_workbook(out)["Projects"]
    title = [c.value for c in sheet[1]].index("title")
    cell = sheet.cell(row=2, column=title + 1)
    assert (cell.value, cell.data_type, cell.quotePrefix) == (
        '=HYPERLINK("http://evil.example","Click")',
        "s",
        True,
    )
    assert read_workbook(out).projects[0].title == '=HYPERLINK("http://evil.example","Click")'
    raw = ["export", crafted, "--what", "programme", "-o", str(out), "--raw-cells"]
    assert main(raw) == 1
