"""Rows out to an ``.xlsx`` workbook (extra ``xlsx``), numbers as numeric cells.

Moved here from :mod:`wecb.io.rows`, which normalises the cells (:func:`~wecb.io.rows.plain_rows`)
and writes CSV and JSON; :mod:`wecb.io` re-exports :func:`write_xlsx`.

Money and numbers are numeric cells (not text), money with a currency number format and its
column headed ``name (CUR)`` as in CSV. A spreadsheet holds IEEE doubles (about 15
significant digits), so :func:`write_xlsx` checks that each amount survives that and raises
:class:`~wecb.errors.ExportError` otherwise (a present value with 28-digit factors, say):
pass ``round_to="penny"`` to round money on purpose and ``places=`` for other decimals.
Text is always written as text, so ``"=SUM(A1)"`` never becomes a formula.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Final

from wecb._optional import require
from wecb.core.money import Money
from wecb.errors import ExportError
from wecb.io._columns import column_names, decimal_text, money_columns, money_header
from wecb.io.rows import Cell, Rows, plain_rows

__all__ = ["write_xlsx"]

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
) -> Path:
    """Write rows to an ``.xlsx`` workbook (extra ``xlsx``), numbers as numeric cells.

    ``data`` is rows (one sheet named ``sheet``) or a mapping of sheet name to rows.
    Money columns are headed ``name (CUR)`` as in CSV and formatted with the currency;
    ``round_to`` (``"penny"``, ``"pound"``, ...) rounds money and ``places`` other decimals
    before writing, both half-up and only when asked (see the module notes).
    """
    openpyxl = require("openpyxl", "xlsx", "writing .xlsx workbooks")
    styles = require("openpyxl.styles", "xlsx", "writing .xlsx workbooks")
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, source in _sheets(data, sheet).items():
        rows = plain_rows(source, money=money)
        names = column_names(rows, None)
        currencies = money_columns(rows, names)
        ws = workbook.create_sheet(title=title[:31])
        for col, name in enumerate(names, start=1):
            head = ws.cell(row=1, column=col, value=money_header(name, currencies))
            head.font = styles.Font(bold=True)
        for number, row in enumerate(rows, start=2):
            for col, name in enumerate(names, start=1):
                where = f"sheet {title!r}, row {number}, column {name!r}"
                value = _xlsx_value(row.get(name), where, round_to, places)
                try:
                    cell = ws.cell(row=number, column=col, value=value)
                except ValueError as exc:  # openpyxl refuses control characters in text
                    raise ExportError(f"{where}: {exc}") from None
                if isinstance(value, str):
                    # Text is text: "=SUM(A1)" must not become a formula.
                    cell.data_type = "s"
        for index, name in enumerate(names, start=1):
            if name in currencies:
                fmt = _XLSX_FORMATS.get(currencies[name], f'#,##0.00 "{currencies[name]}"')
                for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
                    cell.number_format = fmt
            column = next(ws.iter_cols(min_col=index, max_col=index))
            width = max([len(str(c.value)) for c in column if c.value is not None] + [8])
            letter = ws.cell(row=1, column=index).column_letter
            ws.column_dimensions[letter].width = min(width + 2, 60)
        ws.freeze_panes = "A2"
    file = Path(path)
    workbook.save(file)
    return file


def _xlsx_value(cell: Cell, where: str, round_to: str | None, places: int | None) -> object:
    if isinstance(cell, Money):
        money = cell if round_to is None else cell.round(round_to)
        return _xlsx_number(money.amount, where, "pass round_to='penny' to round money")
    if isinstance(cell, Decimal):
        value = (
            cell if places is None else cell.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
        )
        return _xlsx_number(value, where, "pass places=N to round other decimals")
    if isinstance(cell, int) and not isinstance(cell, bool):
        return _xlsx_number(cell, where, "")
    return cell
