"""Workbooks in and out (wecb.io.spreadsheets): round trips, the template, money cells read
exactly, CSV folders, and every problem reported at once with its sheet, row and column."""

from __future__ import annotations

import datetime
import os
import pickle
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import attrs
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings

import wecb
from spreadsheet_samples import (
    cached_formula,
    edited_template,
    not_a_workbook,
    template_with,
    write_csv_folder,
    zip_bomb,
)
from strategies.workbooks import workbook_programmes
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.errors import ExportError, LoadError, WorkbookError
from wecb.io import read_workbook, write_template, write_workbook
from wecb.io._sheet_layout import ELSEWHERE, TEXTS, sheet_layouts
from wecb.io._sheet_template import example_programme
from wecb.io._sheet_writing import LINE_FIELDS_OF_PROJECT
from wecb.model.programme import Programme

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _round_trip(programme: Programme, folder: Path) -> Programme:
    return read_workbook(write_workbook(programme, folder / "programme.xlsx"))


# -- round trips ---------------------------------------------------------------------------


def test_essex_round_trips(tmp_path: Path) -> None:
    essex = wecb.datasets.essex_2012()
    assert _round_trip(essex, tmp_path) == essex


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.toml")), ids=lambda p: p.name)
def test_every_example_round_trips(example: Path, tmp_path: Path) -> None:
    programme = wecb.load(example)
    assert _round_trip(programme, tmp_path) == programme


def test_a_csv_folder_reads_as_the_workbook_does(tmp_path: Path) -> None:
    essex = wecb.datasets.essex_2012()
    assert read_workbook(write_csv_folder(essex, tmp_path / "essex")) == essex
    example = example_programme()
    assert read_workbook(write_csv_folder(example, tmp_path / "example")) == example


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(programme=workbook_programmes())
def test_generated_programmes_round_trip_through_a_workbook(programme: Programme) -> None:
    """programme -> workbook -> programme is exact, flow order, counterfactual lines, price
    years and amounts a sheet holds only as text included (and through CSV too)."""
    import tempfile  # noqa: PLC0415 - a fresh folder per example

    with tempfile.TemporaryDirectory() as folder:
        assert _round_trip(programme, Path(folder)) == programme
        assert read_workbook(write_csv_folder(programme, Path(folder) / "csv")) == programme


def test_lines_group_consecutive_flows_with_equal_attributes(tmp_path: Path) -> None:
    path = write_workbook(example_programme(), tmp_path / "example.xlsx")
    lines = openpyxl.load_workbook(path)["Lines"]
    header = [c.value for c in lines[1]]
    assert header[-2:] == ["2014/15", "2015/16"]
    rows = [[c.value for c in row] for row in lines.iter_rows(min_row=2)]
    assert [r[-2:] for r in rows] == [[120000, 125000], [80000, 160000], [30000, None]]
    assert [r[1] for r in rows] == [None, None, True]  # the business-as-usual line


def test_every_model_field_has_a_column_or_a_sheet() -> None:
    """A field added to a model class is a column at once (derived from attrs), unless it
    lives on another sheet; ``price_year`` and ``counterfactual`` are both placed."""
    for sheet in sheet_layouts():
        if sheet.model is None:
            continue
        fields = {a.name for a in attrs.fields(sheet.model) if a.init}
        columns = {c.field for c in sheet.columns if c.field is not None}
        assert fields == columns | ELSEWHERE.get(sheet.model, frozenset()), sheet.name
    texts = {name for owner, name in TEXTS if owner == "project"}
    elsewhere = texts | {name for name, _ in LINE_FIELDS_OF_PROJECT}
    assert ELSEWHERE[wecb.model.Project] == elsewhere | {"table", "pilots", "decisions"}
    lines = next(s for s in sheet_layouts() if s.name == "Lines")
    assert lines.column("price_year") is not None
    assert lines.column("counterfactual") is not None


# -- the template --------------------------------------------------------------------------


def test_the_template_reads_as_its_worked_example(tmp_path: Path) -> None:
    path = write_template(tmp_path / "new.xlsx")
    programme = read_workbook(path)
    assert programme == example_programme()
    assert programme.project("triage").counterfactual  # a business-as-usual line too


def test_the_template_helps_fill_it_in(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(write_template(tmp_path / "new.xlsx"))
    assert book.sheetnames == ["README", *(s.name for s in sheet_layouts())]
    lines = book["Lines"]
    assert lines.freeze_panes == "A2"
    assert lines.auto_filter.ref.startswith("A1:")
    lists = {str(v.sqref).split(":")[0]: v.formula1 for v in lines.data_validations.dataValidation}
    assert lists["C2"] == '"cost,benefit"'  # nature
    assert lists["G2"] == "'Partners'!$A$2:$A$500"  # payer: a key of the Partners sheet
    assert lines["N2"].number_format == '"£"#,##0.00'
    readme = [c.value for row in book["README"].iter_rows() for c in row if c.value]
    for sheet in sheet_layouts():
        assert sheet.name in readme
        assert all(column.name in readme for column in sheet.columns)
    for ws in book.worksheets[1:]:
        assert ws.max_row >= 2, f"{ws.title} has no worked example row"


def test_a_filled_in_template_reads(tmp_path: Path) -> None:
    path = edited_template(
        tmp_path,
        {
            "Lines!O4": "£45,000",
            "Partners!A5": "nhs",
            "Partners!B5": "NHS",
            "Partners!C5": "nhs_provider",
        },
    )
    programme = read_workbook(path)
    assert programme.partner("nhs").name == "NHS"
    assert programme.project("triage").counterfactual[-1].amount == Money("45000")


# -- money cells ---------------------------------------------------------------------------


def test_numbers_are_read_as_typed_at_the_columns_precision() -> None:
    programme = template_with({"Lines!N2": 1234.56, "Lines!N1": "2014/15"})
    assert programme.project("triage").flows[0].amount == Money("1234.56")


def test_a_column_declared_in_thousands_is_scaled_exactly() -> None:
    programme = template_with({"Lines!N1": "2014/15 (£'000)", "Lines!N2": 1.5, "Lines!N3": "2.25"})
    flows = programme.project("triage").flows
    assert flows[0].amount == Money("1500")
    assert [f.amount for f in flows if f.period == FinancialYear(2014)][1] == Money("2250")


def test_an_inexact_number_is_refused_never_rounded() -> None:
    # As a spreadsheet writes the result of =0.1+0.2 typed as a value (openpyxl would write
    # the double with 16 digits only, so the cell is written as a spreadsheet writes it).
    with pytest.raises(WorkbookError) as caught:
        cached_formula("Lines!N2", None, repr(0.1 + 0.2))
    assert caught.value.sheet == "Lines" and caught.value.row == 2
    assert caught.value.column == "2014/15"
    assert "0.30000000000000004" in str(caught.value)
    assert "not an amount to the penny" in str(caught.value)


def test_six_places_in_thousands_are_refused() -> None:
    with pytest.raises(WorkbookError, match="5 decimal places"):
        template_with({"Lines!N1": "2014/15 (£'000)", "Lines!N2": 1.000001})


def test_text_amounts_are_read_exactly() -> None:
    programme = template_with({"Lines!N3": "£1.2m", "Lines!O3": "£0.001"})
    flows = programme.project("triage").flows
    assert (flows[2].amount, flows[3].amount) == (Money("1200000"), Money("0.001"))


def test_a_formula_is_read_through_its_saved_value_only_when_exact() -> None:
    programme = cached_formula("Lines!N2", "100000+20000", "120000")
    assert programme.project("triage").flows[0].amount == Money("120000")
    with pytest.raises(WorkbookError, match=r"0\.30000000000000004 \(from the formula"):
        cached_formula("Lines!N2", "0.1+0.2", "0.30000000000000004")


def test_a_formula_without_a_saved_value_is_refused() -> None:
    with pytest.raises(WorkbookError, match="no value saved with it"):
        template_with({"Lines!N2": "=100000+20000"})


# -- every problem at once, with its place -------------------------------------------------


def test_every_problem_is_reported_at_once_with_its_place() -> None:
    with pytest.raises(WorkbookError) as caught:
        template_with(
            {"Team plans!C2": "eight", "Partners!C3": "constabulary", "Lines!G2": "councill"}
        )
    error = caught.value
    assert len(error.problems) == 3
    text = str(error)
    assert "sheet 'Partners', row 3, column 'kind' (C): the cell holds 'constabulary'" in text
    assert "sheet 'Team plans', row 2, column 'teams' (C): the cell holds the text 'eight'" in text
    assert "sheet 'Lines', row 2, column 'payer' (G): unknown partner 'councill'" in text
    assert isinstance(error, LoadError)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.sheet, copy.row, copy.column, copy.problems) == (
        error.sheet,
        error.row,
        error.column,
        error.problems,
    )


def test_a_refused_row_is_not_reported_again_as_an_unknown_reference() -> None:
    with pytest.raises(WorkbookError) as caught:
        template_with({"Partners!C2": "county"})  # council's row: every reference to it
    assert len(caught.value.problems) == 1


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        ({"merge": "Partners!A2:B2"}, "cells A2:B2 are merged"),
        ({"blank_row": "Partners!3"}, "row 3 is blank, inside the table"),
        ({"delete_sheet": "Domains"}, "the sheet 'Domains' is missing"),
        ({"rename": ("Domains", "Domain")}, "(is 'Domain' it, renamed?)"),
        ({"cells": {"Partners!E1": "colour"}}, "unknown column 'colour'"),
        ({"cells": {"Partners!A3": "council"}}, "duplicate key 'council' (first at row 2)"),
        ({"cells": {"Lines!N1": datetime.datetime(2014, 4, 1)}}, "the header is a date"),
        ({"cells": {"Periods!C2": datetime.datetime(2015, 4, 1)}}, "holds a date or time"),
        ({"cells": {"Team plans!D2": "many"}}, "expected a whole number"),
        ({"cells": {"Lines!B2": "maybe"}}, "expected TRUE or FALSE"),
        ({"cells": {"Lines!N1": "2014/15 ($)"}}, "unknown unit in the header"),
        ({"cells": {"Lines!N2": None, "Lines!O2": None}}, "the line has no amounts"),
        ({"cells": {"Lines!A2": "triag"}}, "unknown project 'triag'"),
        ({"cells": {"Programme!A3": "name"}}, "field 'name' is given twice (first at row 2)"),
    ],
)
def test_bad_workbooks_are_refused_with_their_place(edit: dict[str, object], message: str) -> None:
    with pytest.raises(WorkbookError) as caught:
        template_with(**edit)  # type: ignore[arg-type]
    assert message in str(caught.value)


def test_a_csv_file_renamed_xlsx_is_not_a_workbook() -> None:
    with pytest.raises(LoadError, match=r"not a workbook: an \.xlsx file is a zip archive"):
        not_a_workbook()


def test_a_zip_bomb_is_refused_before_it_is_inflated() -> None:
    with pytest.raises(LoadError, match="refused as a zip bomb"):
        zip_bomb(20)
    with pytest.raises(LoadError, match="declare 20,971,520 bytes uncompressed, over the limit"):
        zip_bomb(20, max_bytes=10**6)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="cannot read the workbook"):
        read_workbook(tmp_path / "nothing.xlsx")


def test_only_xlsx_is_written(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"a \.xlsx file"):
        write_workbook(example_programme(), tmp_path / "programme.xls")


def test_problems_are_bounded_as_every_reader_bounds_them(tmp_path: Path) -> None:
    cells: dict[str, object] = {}
    for row in range(2, 152):  # 150 partners of an unknown kind
        cells |= {f"Partners!A{row}": f"p{row}", f"Partners!B{row}": "P", f"Partners!C{row}": "x"}
    with pytest.raises(WorkbookError) as caught:
        read_workbook(edited_template(tmp_path, cells))
    assert len(caught.value.problems) == 100
    assert "the workbook has 100+ problems (checking stopped at 100)" in str(caught.value)


def test_an_unknown_sheet_and_a_missing_column_are_named(tmp_path: Path) -> None:
    path = edited_template(
        tmp_path, {"Partners!C1": None, "Partners!C2": None, "Partners!C3": None}
    )
    book = openpyxl.load_workbook(path)
    book.create_sheet("My notes")
    book.save(path)
    with pytest.raises(WorkbookError) as caught:
        read_workbook(path)
    text = str(caught.value)
    assert "sheet 'Partners', row 1: the required column 'kind' is missing" in text
    assert "sheet 'My notes': unknown sheet 'My notes'" in text


def test_text_a_cell_cannot_give_back_is_refused_when_written(tmp_path: Path) -> None:
    essex = wecb.datasets.essex_2012()
    for name in ("a\x01b", "a\r\nb"):
        with pytest.raises(ExportError, match="sheet 'Programme', row 2, column B"):
            write_workbook(essex.evolve(name=name), tmp_path / "x.xlsx")
    kept = essex.evolve(name="  =tab\there, line\nfeed  ")
    assert _round_trip(kept, tmp_path).name == kept.name


def test_a_workbook_saved_by_a_spreadsheet_reads_formulas_through_their_values(
    tmp_path: Path, require_tool: Callable[[str], str]
) -> None:
    """LibreOffice opens the template, calculates a formula typed into it and saves the
    workbook as a spreadsheet saves it (shared strings, saved values): it reads as typed."""
    soffice = require_tool("soffice")
    source = edited_template(tmp_path, {"Lines!N2": "=100000+20000"})
    with pytest.raises(WorkbookError, match="no value saved with it"):
        read_workbook(source)  # written by openpyxl: no saved values
    out = tmp_path / "saved"
    subprocess.run(
        [soffice, "--headless", "--calc", "--convert-to", "xlsx", "--outdir", str(out), source],
        check=True,
        capture_output=True,
        timeout=180,
        env={**os.environ, "HOME": str(tmp_path)},  # a profile of its own
    )
    programme = read_workbook(out / "edited.xlsx")
    assert programme == example_programme()  # 120000, as the example has it


# -- the cell readers ----------------------------------------------------------------------


def test_cell_readers_take_exact_values_and_refuse_the_rest() -> None:
    from wecb.io._sheet_cells import (  # noqa: PLC0415
        CellError,
        SheetCell,
        read_bool,
        read_int,
        read_money,
        read_year,
    )

    assert read_money(SheetCell(120000), "GBP", thousands=False) == Money("120000")
    assert read_money(SheetCell(87.587), "GBP", thousands=True) == Money("87587")
    assert read_money(SheetCell("(944)"), "GBP", thousands=True) == Money("-944000")
    assert read_money(SheetCell(1e15), "GBP", thousands=False) == Money("1000000000000000")
    assert read_bool(SheetCell("true")) is True
    assert read_int(SheetCell(8.0)) == 8
    assert read_year(SheetCell(" 2013-14 ")) == FinancialYear(2013)
    refused = [
        (lambda c: read_money(c, "GBP", thousands=False), SheetCell(True), "expected money"),
        (lambda c: read_money(c, "GBP", thousands=False), SheetCell(1 / 3), "0.3333333333333333"),
        (lambda c: read_money(c, "GBP", thousands=False), SheetCell(2.0**60), "15 significant"),
        (lambda c: read_money(c, "GBP", thousands=False), SheetCell("€5"), "the text is in EUR"),
        (
            lambda c: read_money(c, "GBP", thousands=False),
            SheetCell("#DIV/0!", error=True),
            "error value",
        ),
        (read_bool, SheetCell(1), "expected TRUE or FALSE"),
        (read_int, SheetCell(8.5), "not a whole number as typed"),
        (read_year, SheetCell(2013), "expected a financial year as text"),
        (read_year, SheetCell(datetime.date(2013, 4, 1)), "a date or time"),
    ]
    for read, cell, message in refused:
        with pytest.raises(CellError, match=re.escape(message)):
            read(cell)


def test_cells_are_counted_before_a_sheet_is_built(tmp_path: Path) -> None:
    """A sheet of many tiny cells is bounded as every reader bounds values: one per 32
    bytes of max_bytes (at least 65,536), counted in the sheet's XML first."""
    book = openpyxl.Workbook()
    ws = book.active
    for row in range(1, 351):
        for column in range(1, 201):
            ws.cell(row=row, column=column, value=1)  # 70,000 cells
    book.save(tmp_path / "many.xlsx")
    # about 31 bytes of XML a cell: within 2,200,000 bytes, over its 68,750 cells
    with pytest.raises(LoadError, match="sheets hold more than 68,750 cells"):
        read_workbook(tmp_path / "many.xlsx", max_bytes=2_200_000)
