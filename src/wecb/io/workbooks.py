"""Rows out to an ``.xlsx`` workbook (extra ``xlsx``), numbers as numeric cells.

Moved here from :mod:`wecb.io.rows`, which normalises the cells (:func:`~wecb.io.rows.plain_rows`)
and writes CSV and JSON; :mod:`wecb.io` re-exports :func:`write_xlsx`.

Money and numbers are numeric cells (not text), money with a currency number format and its
column headed ``name (CUR)`` as in CSV. A spreadsheet holds IEEE doubles (about 15
significant digits), so :func:`write_xlsx` checks that each amount survives that and raises
:class:`~wecb.errors.ExportError` otherwise (a present value with 28-digit factors, say):
pass ``round_to="penny"`` to round money on purpose and ``places=`` for other decimals.
Text is always written as text, headers too, so ``"=SUM(A1)"`` never becomes a formula;
text a spreadsheet would read as a formula (see :mod:`wecb.io.rows`) is also marked with
the cell's quote prefix, the hidden apostrophe a spreadsheet adds when one types ``'=x``,
so that it stays text when edited (its value is the exact text; ``safe_cells=False``
leaves the mark off). Text a cell cannot hold (control characters, lone surrogates) and
sheet names a spreadsheet refuses are refused with their place. The workbook is built in
memory and written atomically, as :func:`~wecb.io.files.save` writes.

When the rows carry assumptions (see :mod:`wecb.core.assumptions`), a last sheet named
``Assumptions`` lists them: name, value, source and verified (``yes``, or the warning in
bold red), after a column naming the sheet each belongs to when there are several.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, Final

from wecb._optional import require
from wecb.core._decimal import MAX_DIGITS, from_int_exp
from wecb.core._decimal import round_to as round_exactly
from wecb.core.assumptions import NOT_VERIFIED, Assumption, ResultRows
from wecb.core.money import Money
from wecb.errors import ExportError, excerpt
from wecb.io._assumptions import ASSUMPTION_FIELDS
from wecb.io._atomic import checked_path, export_error, write_atomic
from wecb.io._columns import column_names, decimal_text, money_columns, money_header
from wecb.io._formulas import formula_like
from wecb.io.rows import Rows, plain_rows

__all__ = ["ASSUMPTIONS_SHEET", "write_xlsx"]

#: The name of the sheet that lists the assumptions the rows carry.
ASSUMPTIONS_SHEET: Final = "Assumptions"

#: The characters a worksheet cannot hold (openpyxl raises its own error for some, and writes
#: a file that cannot be opened for lone surrogates).
_CONTROL: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
#: The characters a sheet name cannot hold.
_NOT_IN_TITLES: Final = re.compile(r"[\x00-\x1f\ud800-\udfff:\\/?*\[\]]")
_XLSX_FORMATS: Final = {"GBP": '"£"#,##0.00;-"£"#,##0.00', "EUR": '"€"#,##0.00;-"€"#,##0.00'}


def _fits_double(value: Decimal) -> bool:
    # A spreadsheet stores doubles: the value must survive the round trip through one.
    # float() here only tests representability; no amount is ever computed in float.
    return Decimal(repr(float(value))) == value


def _xlsx_number(cell: Decimal | int, where: str, hint: str) -> Decimal | int:
    if isinstance(cell, int):
        if abs(cell) > 2**53:
            raise ExportError(f"{where}: {cell} has too many digits for a spreadsheet number")
        return cell
    if not _fits_double(cell):
        raise ExportError(
            f"{where}: {decimal_text(cell)} has more digits than a spreadsheet number keeps "
            f"(about 15 significant digits); {hint}"
        )
    return cell


def _sheets(data: Rows | Mapping[str, Rows], sheet: str) -> dict[str, Rows]:
    if isinstance(data, Mapping):
        return {str(name): rows for name, rows in data.items()}
    return {sheet: data}


def write_xlsx(
    data: Rows | Mapping[str, Rows],
    path: str | os.PathLike[str],
    *,
    sheet: str = "rows",
    money: Mapping[str, str] | None = None,
    round_to: str | None = None,
    places: int | None = None,
    safe_cells: bool = True,
) -> Path:
    """Write rows to an ``.xlsx`` workbook (extra ``xlsx``), numbers as numeric cells.

    ``data`` is rows (one sheet named ``sheet``) or a mapping of sheet name to rows.
    Money columns are headed ``name (CUR)`` as in CSV and formatted with the currency;
    ``round_to`` (``"penny"``, ``"pound"``, ...) rounds money and ``places`` other decimals
    before writing, both half-up and only when asked (see the module notes). When the rows
    carry assumptions, a last sheet named ``Assumptions`` lists them. Text a spreadsheet
    would run as a formula is marked to stay text unless ``safe_cells=False``. The file is
    replaced whole or not at all; a failure raises :class:`~wecb.errors.ExportError`
    naming it.
    """
    if places is not None and (
        isinstance(places, bool) or not isinstance(places, int) or not 0 <= places <= MAX_DIGITS
    ):
        raise ExportError.not_accepted("places", places, f"a whole number from 0 to {MAX_DIGITS}")
    openpyxl = require("openpyxl", "xlsx", "writing .xlsx workbooks")
    styles = require("openpyxl.styles", "xlsx", "writing .xlsx workbooks")
    sheets = {title: plain_rows(rows, money=money) for title, rows in _sheets(data, sheet).items()}
    carried = {title: rows.assumptions for title, rows in sheets.items() if rows.assumptions}
    for title in sheets if carried else ():
        if title[:31].casefold() == ASSUMPTIONS_SHEET.casefold():
            raise ExportError.not_accepted(
                "sheet name",
                title,
                f"another name: the sheet {ASSUMPTIONS_SHEET!r} lists the assumptions the rows "
                "carry",
            )
    file = checked_path(path, export_error)
    titles = _titles(sheets)
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    put = _Put(safe_cells)
    for title, rows in sheets.items():
        ws = workbook.create_sheet(title=titles[title])
        _write_rows(ws, title, rows, round_to=round_to, places=places, styles=styles, put=put)
    if carried:
        ws = workbook.create_sheet(title=ASSUMPTIONS_SHEET)
        _write_assumptions(ws, carried, len(sheets) > 1, styles, put)
    book = io.BytesIO()
    try:
        workbook.save(book)  # openpyxl builds each sheet in a temporary file of its own
    except OSError as exc:
        raise export_error(
            str(file), f"cannot build the workbook: {exc.strerror or exc}; nothing was written"
        ) from exc
    return write_atomic(file, book.getvalue(), error=export_error)


def _titles(sheets: Mapping[str, object]) -> dict[str, str]:
    """The sheet name of each title: its first 31 characters, refused when a spreadsheet
    would refuse or rename it."""
    out: dict[str, str] = {}
    seen: dict[str, str] = {}
    for title in sheets:
        name = title[:31]
        where = f"sheet name {excerpt(title)}"
        if not name.strip() or _NOT_IN_TITLES.search(name) or name[0] == "'" or name[-1] == "'":
            raise ExportError.not_accepted(
                "sheet name",
                title,
                "non-blank text without : \\ / ? * [ ], control characters or lone "
                "surrogates, not beginning or ending with an apostrophe",
            )
        key = name.casefold()
        if key == "history":
            raise ExportError.not_accepted(
                "sheet name", title, "another name: spreadsheets keep 'History' for their own"
            )
        if key in seen:
            raise ExportError(
                f"{where} is the same sheet as {excerpt(seen[key])} (a sheet name is its first "
                "31 characters, whatever their case); give each sheet its own name"
            )
        seen[key] = title
        out[title] = name
    return out


def _write_rows(
    ws: Any,
    title: str,
    rows: ResultRows,
    *,
    round_to: str | None,
    places: int | None,
    styles: Any,
    put: _Put,
) -> None:
    names = column_names(rows, None)
    currencies = money_columns(rows, names)
    for col, name in enumerate(names, start=1):
        where = f"sheet {excerpt(title)}, row 1 (the header), column {col}"
        head = put(ws, 1, col, money_header(name, currencies), where)
        head.font = styles.Font(bold=True)
    for number, row in enumerate(rows, start=2):
        for col, name in enumerate(names, start=1):
            where = f"sheet {excerpt(title)}, row {number}, column {excerpt(name)}"
            put(ws, number, col, _xlsx_value(row.get(name), where, round_to, places), where)
    for index, name in enumerate(names, start=1):
        if name in currencies:
            fmt = _XLSX_FORMATS.get(currencies[name], f'#,##0.00 "{currencies[name]}"')
            for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = fmt
    _fit_widths(ws, len(names))
    ws.freeze_panes = "A2"


def _write_assumptions(
    ws: Any,
    carried: Mapping[str, tuple[Assumption, ...]],
    several: bool,
    styles: Any,
    put: _Put,
) -> None:
    """The ``Assumptions`` sheet: name, value, source and verified (``yes`` or the warning,
    in bold red), after the sheet each belongs to when the workbook has several."""
    names = ["sheet", *ASSUMPTION_FIELDS] if several else list(ASSUMPTION_FIELDS)
    for col, name in enumerate(names, start=1):
        ws.cell(row=1, column=col, value=name).font = styles.Font(bold=True)
    number = 1
    for title, assumptions in carried.items():
        for a in assumptions:
            number += 1
            verified = "yes" if a.verified else NOT_VERIFIED
            cells = [a.name, a.value, a.source, verified]
            for col, (name, value) in enumerate(
                zip(names, [title, *cells] if several else cells, strict=True), start=1
            ):
                where = f"sheet {ASSUMPTIONS_SHEET!r}, row {number}, column {name!r}"
                cell = put(ws, number, col, value, where)
                if name == "verified" and not a.verified:
                    cell.font = styles.Font(bold=True, color="C00000")
    _fit_widths(ws, len(names))
    ws.freeze_panes = "A2"


class _Put:
    """Puts a value in a cell: text always as text (``"=SUM(A1)"`` must not become a
    formula), marked with the quote prefix when formula-like and ``safe``."""

    def __init__(self, safe: bool) -> None:
        self.safe = safe

    def __call__(self, ws: Any, row: int, column: int, value: object, where: str) -> Any:
        if isinstance(value, str) and _CONTROL.search(value):
            raise ExportError.not_accepted(
                where,
                value,
                "text without control characters other than tab and line breaks, and "
                "without lone surrogates (a spreadsheet cell cannot hold them)",
            )
        try:
            cell = ws.cell(row=row, column=column, value=value)
        except ValueError as exc:  # anything else openpyxl refuses
            raise ExportError(f"{where}: {exc}") from None
        if isinstance(value, str):
            cell.data_type = "s"
            if self.safe and formula_like(value):
                cell.quotePrefix = True
        return cell


def _fit_widths(ws: Any, count: int) -> None:
    for index in range(1, count + 1):
        column = next(ws.iter_cols(min_col=index, max_col=index))
        width = max([len(str(c.value)) for c in column if c.value is not None] + [8])
        letter = ws.cell(row=1, column=index).column_letter
        ws.column_dimensions[letter].width = min(width + 2, 60)


def _xlsx_value(cell: object, where: str, round_to: str | None, places: int | None) -> object:
    if isinstance(cell, Money):
        money = cell if round_to is None else cell.round(round_to)
        return _xlsx_number(money.amount, where, "pass round_to='penny' to round money")
    if isinstance(cell, Decimal):
        # Rounded exactly in integers: the caller's decimal context changes nothing.
        quantum = None if places is None else from_int_exp(1, -places)
        value = cell if quantum is None else round_exactly(cell, quantum, ROUND_HALF_UP)
        return _xlsx_number(value, where, "pass places=N to round other decimals")
    if isinstance(cell, int) and not isinstance(cell, bool):
        return _xlsx_number(cell, where, "")
    return cell
