"""Actuals from a sidecar file: a CSV file or a workbook beside the programme file.

A programme's actuals may live in the programme file (its top-level ``actuals``) or, as a
finance team keeps them, in a table of their own, one actual a row under a header row::

    project,line,year,amount,as_at,source
    FBC1,Gross cashable benefit,2013/14,"£1,200,000.00",2014-05-31,Finance ledger

``project``, ``line`` (the label of the project's cash flows, exactly), ``year`` (a
financial year as text), ``amount`` (money to the penny, zero or more: a number as typed,
or text such as ``£1,200,000.00``) and ``as_at`` (the date the amount is known at,
``2014-05-31``, or a spreadsheet date) are required; ``source`` is optional. The columns
may come in any order; an unknown or repeated column is refused, naming the valid ones. In
a workbook (``.xlsx``) the actuals are on the sheet named ``Actuals`` (or on its only
sheet).

:func:`read_actuals` raises one :class:`~wecb.errors.WorkbookError` listing every problem
with its row, column and value; given the ``programme``, it also checks each actual
against it (an unknown project or line, an amount in another currency), naming the row.

>>> import tempfile, pathlib
>>> csv = pathlib.Path(tempfile.mkdtemp()) / "actuals.csv"
>>> _ = csv.write_text("project,line,year,amount,as_at\\n"
...                    "FBC1,Gross cashable benefit,2013/14,1200000,2014-05-31\\n"
...                    "FBC1,Gross cashable benefit,2014-15,12x,2015-05-31\\n", encoding="utf-8")
>>> try:
...     read_actuals(csv)
... except WorkbookError as error:
...     print(error.row, error.column, error.problems[0][:48])
3 amount row 3, column 'amount' (D): the cell holds '12x'
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Final

from wecb.errors import MAX_PROBLEMS, LoadError, ParseError, WorkbookError, problem_lines
from wecb.io._reading import DEFAULT_MAX_BYTES, check_values, csv_lines, file_name, read_text
from wecb.io._sheet_cells import (
    CellError,
    CellPlace,
    SheetCell,
    column_letters,
    read_cell_text,
    read_date,
    read_money,
    read_year,
)
from wecb.io._sheet_reading import Grid, Problems, ProblemsFull, read_grids
from wecb.model.actuals import Actual, actual_problems
from wecb.model.programme import Programme

__all__ = ["ACTUAL_COLUMNS", "read_actuals"]

#: The columns of an actuals table: the required ones, then the optional ``source``.
ACTUAL_COLUMNS: Final = ("project", "line", "year", "amount", "as_at", "source")
_REQUIRED: Final = ACTUAL_COLUMNS[:-1]
_SHEET: Final = "Actuals"


def read_actuals(
    path: str | os.PathLike[str],
    *,
    programme: Programme | None = None,
    currency: str = "GBP",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> tuple[Actual, ...]:
    """The actuals in the CSV file or ``.xlsx`` workbook at ``path`` (see the module
    notes), in row order. Amounts are in ``currency`` (the ``programme``'s when given)."""
    name = file_name(path)
    if programme is not None:
        currency = programme.currency
    problems = Problems(MAX_PROBLEMS)
    actuals: list[tuple[int, Actual]] = []
    more = False
    try:
        grid = _grid(name, max_bytes, problems)
        actuals = _read(grid, currency, problems)
        if programme is not None and not problems.found:
            _check(programme, actuals, problems)
    except ProblemsFull:
        more = True
    if not problems.found:
        return tuple(actual for _, actual in actuals)
    csv = Path(name).suffix.lower() == ".csv"
    listed = [f"{_place(place, csv)}: {message}" for place, message in problems.found]
    count = len(listed)
    head = f"the actuals have {count}{'+' if more else ''} problem{'s' if count != 1 else ''}"
    first = problems.found[0][0]
    raise WorkbookError(
        head + problem_lines(listed),
        path=name,
        sheet=None if csv else first.sheet,
        row=first.row,
        column=first.column,
        problems=listed,
    )


def _place(place: CellPlace, csv: bool) -> str:
    """``place`` in words: a CSV file has no sheet to name."""
    parts = [] if csv else [f"sheet {place.sheet!r}"]
    if place.row is not None:
        parts.append(f"row {place.row}")
    if place.column is not None:
        letter = "" if place.index is None else f" ({column_letters(place.index)})"
        parts.append(f"column {place.column!r}{letter}")
    return ", ".join(parts)


def _grid(name: str, max_bytes: int, problems: Problems) -> Grid:
    if Path(name).suffix.lower() == ".csv":
        text = read_text(name, max_bytes)
        try:
            check_values(text, "csv", max_bytes)
            rows = [(n, tuple(SheetCell(v) for v in r)) for n, r in csv_lines(text) if any(r)]
        except ParseError as exc:
            raise LoadError(str(exc), path=name) from None
        if not rows:
            raise LoadError("the file is empty; expected a header row", path=name)
        return Grid(_SHEET, rows[0][1], tuple(rows[1:]))
    if Path(name).suffix.lower() != ".xlsx":
        raise LoadError(
            f"expected a .csv file or an .xlsx workbook of actuals, got {Path(name).name!r}",
            path=name,
        )
    grids = read_grids(name, max_bytes, problems)
    if _SHEET in grids:
        return grids[_SHEET]
    if len(grids) == 1:
        return next(iter(grids.values()))
    raise LoadError(
        f"the workbook has no sheet {_SHEET!r} and more than one sheet: "
        f"{', '.join(map(repr, grids))}",
        path=name,
    )


def _columns(grid: Grid, problems: Problems) -> dict[str, int]:
    """Each known column's position (from 0), every header problem added."""
    found: dict[str, int] = {}
    for index, cell in enumerate(grid.header):
        text = cell.value.strip() if isinstance(cell.value, str) else cell.value
        place = CellPlace(grid.name, 1, str(text), index + 1)
        if text in (None, ""):
            continue
        if text not in ACTUAL_COLUMNS:
            problems.add(place, f"unknown column; the columns are {', '.join(ACTUAL_COLUMNS)}")
        elif text in found:
            problems.add(place, "the column is given twice")
        else:
            found[str(text)] = index
    for column in _REQUIRED:
        if column not in found:
            problems.add(
                CellPlace(grid.name, 1), f"no column {column!r}; required: {', '.join(_REQUIRED)}"
            )
    return found


def _read(grid: Grid, currency: str, problems: Problems) -> list[tuple[int, Actual]]:
    columns = _columns(grid, problems)
    if problems.found:
        return []
    readers = {
        "project": read_cell_text,
        "line": read_cell_text,
        "year": read_year,
        "amount": lambda cell: read_money(cell, currency, thousands=False),
        "as_at": read_date,
        "source": read_cell_text,
    }
    out = []
    for row, cells in grid.rows:
        values: dict[str, Any] = {}
        for column, index in columns.items():
            cell = cells[index] if index < len(cells) else SheetCell(None)
            place = CellPlace(grid.name, row, column, index + 1)
            if cell.blank:
                if column != "source":
                    problems.add(place, "blank; a value is required")
                continue
            try:
                values[column] = readers[column](cell)
            except CellError as exc:
                problems.add(place, str(exc))
        if len(values) >= len(_REQUIRED):
            try:
                out.append((row, Actual(**values)))
            except Exception as exc:  # the record's own checks: a key, the year's start
                problems.add(CellPlace(grid.name, row), str(exc))
    return out


def _check(programme: Programme, actuals: list[tuple[int, Actual]], problems: Problems) -> None:
    found = actual_problems(
        tuple(a for _, a in actuals), {p.key: p for p in programme.projects}, programme.currency
    )
    for problem in found:
        index = int(problem[len("actuals[") : problem.index("]")])
        field, _, message = problem[problem.index("]") + 1 :].partition(": ")
        column = field.lstrip(".") or None
        problems.add(CellPlace(_SHEET, actuals[index][0], column), message)
