"""Programmes in and out of workbooks: one sheet per kind of thing, one row per thing.

:func:`read_workbook` reads an ``.xlsx`` workbook, or a folder of CSV files named after its
sheets (``Lines.csv``, ``Funding streams.csv``, ...), into a validated
:class:`~wecb.model.programme.Programme`; :func:`write_workbook` writes a programme as
such a workbook, and :func:`write_template` writes the template to fill in, with a worked
example row on each sheet. The sheets, their columns and the rules for each cell are in the
how-to :doc:`/howto/spreadsheets`; the README sheet of every workbook written says the
same. ``.xlsx`` needs the ``xlsx`` extra (openpyxl); CSV folders need nothing.

Reading reports every problem at once (at most :data:`~wecb.errors.MAX_PROBLEMS`), each
with its sheet, row, column and value, in one :class:`~wecb.errors.WorkbookError`. Money is
read exactly: text with wecb's money reader, a number only when the double the cell holds
is the figure as typed at the column's precision (the penny, or 5 decimal places in a
column declared ``(£'000)``); never rounded, never scaled unless the header says so.

>>> import tempfile, pathlib, wecb
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> essex = wecb.datasets.essex_2012()
>>> path = write_workbook(essex, folder / "essex.xlsx")
>>> read_workbook(path) == essex
True
"""

from __future__ import annotations

import io
import os
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

from wecb._optional import require
from wecb.errors import MAX_PROBLEMS, ExportError, WorkbookError, problem_lines
from wecb.io._atomic import checked_path, export_error, write_atomic
from wecb.io._formulas import formula_like
from wecb.io._reading import DEFAULT_MAX_BYTES, file_name
from wecb.io._sheet_cells import column_letters
from wecb.io._sheet_layout import README_SHEET, SheetLayout, sheet_layouts
from wecb.io._sheet_projects import build_programme
from wecb.io._sheet_reading import Problems, ProblemsFull, read_grids
from wecb.io._sheet_template import example_programme
from wecb.io._sheet_words import README_LINES
from wecb.io._sheet_writing import Written, sheet_rows
from wecb.model.programme import Programme

__all__ = ["read_workbook", "write_template", "write_workbook"]

#: The characters a worksheet cannot hold.
#: (a carriage return too: the file's XML would give it back as a line feed).
_CONTROL: Final = re.compile(r"[\x00-\x08\x0b-\x1f\ud800-\udfff]")
#: The rows of each sheet that the lists to pick values from cover (at least).
TEMPLATE_ROWS: Final = 500
_FORMATS: Final = {"GBP": '"£"#,##0.00', "EUR": '"€"#,##0.00'}
#: Columns whose cells name a row of another sheet: (sheet, column of its keys).
_KEYS: Final = {
    "domain": "Domains",
    "project": "Projects",
    "payer": "Partners",
    "beneficiary": "Partners",
    "funder": "Partners",
    "stream": "Funding streams",
}


def read_workbook(
    path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Programme:
    """The programme in the ``.xlsx`` workbook (or the folder of CSV files) at ``path``.

    Raises :class:`~wecb.errors.WorkbookError` listing every problem with its sheet, row,
    column and value; a file that is not a workbook (a CSV file renamed ``.xlsx``), is over
    ``max_bytes`` or whose parts declare more than ``max_bytes`` uncompressed (a zip bomb)
    is refused before it is parsed.
    """
    name = file_name(path)
    problems = Problems(MAX_PROBLEMS)
    programme = None
    more = False
    try:
        grids = read_grids(name, max_bytes, problems)
        programme = build_programme(grids, problems)
    except ProblemsFull:
        more = True
    if programme is not None and not problems.found:
        return programme
    listed = [f"{place}: {message}" for place, message in problems.found]
    if not listed:  # pragma: no cover - build_programme gives a programme or problems
        listed = ["the workbook holds no programme"]
    first = problems.found[0][0] if problems.found else None
    count = len(listed)
    head = f"the workbook has {count}{'+' if more else ''} problem{'s' if count != 1 else ''}"
    if more:
        head += f" (checking stopped at {MAX_PROBLEMS})"
    raise WorkbookError(
        head + problem_lines(listed),
        path=name,
        sheet=None if first is None else first.sheet,
        row=None if first is None else first.row,
        column=None if first is None else first.column,
        problems=listed,
    )


def write_workbook(programme: Programme, path: str | os.PathLike[str]) -> Path:
    """Write ``programme`` to the ``.xlsx`` workbook ``path`` (replaced atomically) in the
    layout :func:`read_workbook` reads: ``read_workbook(write_workbook(p, path)) == p``."""
    if not isinstance(programme, Programme):
        raise ExportError(f"expected a Programme to write, got {type(programme).__name__}")
    return _write(programme, path)


def write_template(path: str | os.PathLike[str]) -> Path:
    """Write a workbook to fill in: every sheet with its header, a worked example row (a
    small valid programme: reading the template gives it), lists to pick every enumerated
    value and key from, and the README sheet explaining each column."""
    return _write(example_programme(), path)


def _write(programme: Programme, path: str | os.PathLike[str]) -> Path:
    openpyxl = require("openpyxl", "xlsx", "writing .xlsx workbooks")
    file = checked_path(path, export_error)
    if file.suffix.lower() != ".xlsx":
        raise ExportError(f"file {str(file)!r}: a workbook is written to a .xlsx file")
    book = openpyxl.Workbook()
    readme = book.active
    readme.title = README_SHEET
    sheets = sheet_rows(programme)
    layouts = {s.name: s for s in sheet_layouts()}
    for name, written in sheets.items():
        ws = book.create_sheet(title=name)
        rows = max(TEMPLATE_ROWS, len(written.rows) + 1)  # lists for rows to come too
        _fill(ws, layouts[name], written, programme.currency, rows)
    _readme(readme, layouts.values())
    data = io.BytesIO()
    book.save(data)
    return write_atomic(file, data.getvalue(), error=export_error)


def _put(ws: Any, row: int, column: int, value: object, sheet: str) -> Any:
    if isinstance(value, str) and _CONTROL.search(value):
        raise ExportError.not_accepted(
            f"sheet {sheet!r}, row {row}, column {column_letters(column)}",
            value,
            "text without control characters other than tab and line feed (a carriage return "
            "would be read back as a line feed), and without lone surrogates: a spreadsheet "
            "cell cannot hold them",
        )
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # text stays text: "=x" is not a formula
        if formula_like(value):
            cell.quotePrefix = True
    return cell


def _fill(ws: Any, sheet: SheetLayout, written: Written, currency: str, rows: int) -> None:
    styles = require("openpyxl.styles", "xlsx", "writing .xlsx workbooks")
    for index, name in enumerate(written.header, start=1):
        _put(ws, 1, index, name, sheet.name).font = styles.Font(bold=True)
    for number, values in enumerate(written.rows, start=2):
        for index, value in enumerate(values, start=1):
            if value is not None:
                if isinstance(value, Decimal | int) and not isinstance(value, bool):
                    ws.cell(row=number, column=index, value=value)
                else:
                    _put(ws, number, index, value, sheet.name)
    fmt = _FORMATS.get(currency, f'#,##0.00 "{currency}"')
    for index, kind in enumerate(written.money, start=1):
        letter = column_letters(index)
        ws.column_dimensions[letter].width = max(12, min(40, len(written.header[index - 1]) + 4))
        if kind:
            number_format = fmt if kind == "money" else "#,##0.#####"
            ws.column_dimensions[letter].number_format = number_format  # the rows to come
            for number in range(2, len(written.rows) + 2):
                ws.cell(row=number, column=index).number_format = number_format
    _validations(ws, sheet, written, rows)
    ws.freeze_panes = "A2"
    last = column_letters(max(len(written.header), 1))
    ws.auto_filter.ref = f"A1:{last}{max(len(written.rows) + 1, 2)}"


def _validations(ws: Any, sheet: SheetLayout, written: Written, rows: int) -> None:
    worksheet = require("openpyxl.worksheet.datavalidation", "xlsx", "writing .xlsx workbooks")
    for index, name in enumerate(written.header, start=1):
        column = sheet.column(name)
        if column is None:
            continue
        formula = None
        if column.kind == "enum" and column.choices is not None:
            formula = '"' + ",".join(str(m.value) for m in column.choices) + '"'
        elif column.kind == "bool":
            formula = '"TRUE,FALSE"'
        elif name == "unit" and sheet.name in ("Figures", "Team plans"):
            from wecb.units import COHORTS  # noqa: PLC0415 - pint only for the template's lists

            formula = '"' + ",".join(COHORTS) + '"'
        elif column.kind == "text" and name in _KEYS and _KEYS[name] != sheet.name:
            target = _KEYS[name]
            formula = f"'{target}'!$A$2:$A${rows}"
        if formula is None:
            continue
        check = worksheet.DataValidation(
            type="list",
            formula1=formula,
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",  # a warning: a key may be typed before its row exists
            error=f"Not a value from the list for {name} (wecb will check it when it reads)",
        )
        check.add(f"{column_letters(index)}2:{column_letters(index)}{rows}")
        ws.add_data_validation(check)


def _readme(ws: Any, layouts: Any) -> None:
    styles = require("openpyxl.styles", "xlsx", "writing .xlsx workbooks")
    row = 1
    for line in README_LINES:
        _put(ws, row, 1, line, README_SHEET)
        row += 1
    ws.cell(row=1, column=1).font = styles.Font(bold=True, size=14)
    for sheet in layouts:
        _put(ws, row, 1, sheet.name, README_SHEET).font = styles.Font(bold=True)
        _put(ws, row, 2, sheet.about, README_SHEET)
        row += 1
        for column in sheet.columns:
            required = "required" if column.required else "optional"
            _put(ws, row, 2, column.name, README_SHEET)
            _put(ws, row, 3, f"{required}: {column.about}", README_SHEET)
            row += 1
        row += 1
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 28
    ws.column_dimensions["C"].width = 100
