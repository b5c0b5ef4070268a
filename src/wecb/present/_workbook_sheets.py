"""Sheets of the appraisal workbook as plain data, and their rendering (private).

The sheets of :mod:`wecb.present.appraisal_workbook` are built as :class:`SheetPlan`
objects (cells by row and column, each a value or a :class:`Formula` with a style name),
without openpyxl, so that the layout is ordinary Python; :func:`render_workbook` turns the
plans into an ``.xlsx`` file's bytes with openpyxl (extra ``xlsx``).

Text is always written as text: a label such as ``"=SUM(A1)"`` never becomes a formula, and
text a spreadsheet would read as one also gets the cell's quote prefix. Numbers are written
only when the double a spreadsheet holds is exactly the decimal (at most about 15
significant digits); anything else is refused with its sheet, row and column.

>>> column_letter(1), column_letter(27), column_letter(703)
('A', 'AA', 'AAA')
>>> cell_ref("By year", 3, 2), cell_ref("Lines", 3, 2, absolute=False)
("'By year'!$B$3", 'Lines!B3')
>>> area_ref("Lines", 3, 4, 10)
'Lines!$D$3:$D$10'
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, Final

import attrs

from wecb._optional import require
from wecb.core.money import Money
from wecb.errors import ExportError
from wecb.io._formulas import formula_like

__all__ = [
    "CURRENCY_SYMBOLS",
    "STYLES",
    "Formula",
    "SheetPlan",
    "area_ref",
    "cell_ref",
    "column_letter",
    "quoted_text",
    "render_workbook",
]

#: The currencies whose money format shows a symbol; any other shows its code after the figure.
CURRENCY_SYMBOLS: Final = {"GBP": "£", "EUR": "€", "USD": "$"}
#: The style names a cell may take.
STYLES: Final = frozenset(
    {
        "text",
        "title",
        "note",
        "header",
        "section",
        "money",
        "money_total",
        "label_total",
        "rate",
        "rate_input",
        "grade_input",
        "choice_input",
        "factor",
        "ratio",
        "percent",
        "number",
        "number_input",
        "warning",
    }
)
# Text a worksheet cannot hold: control characters other than tab and line breaks, and lone
# surrogates (openpyxl refuses the first, and writes a file that cannot be opened for the
# second).
_CONTROL: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
_INPUT_FILL: Final = "FFF2CC"
_HEADER_FILL: Final = "D9E1F2"


@attrs.frozen
class Formula:
    """A spreadsheet formula, without its leading ``=``."""

    text: str

    def __str__(self) -> str:
        return "=" + self.text


def column_letter(column: int) -> str:
    """The letters of a 1-based column number."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _sheet_prefix(sheet: str) -> str:
    return f"'{sheet}'!" if not sheet.isalnum() else f"{sheet}!"


def cell_ref(sheet: str | None, row: int, column: int, *, absolute: bool = True) -> str:
    """A reference to one cell (of ``sheet``, when given)."""
    dollar = "$" if absolute else ""
    prefix = "" if sheet is None else _sheet_prefix(sheet)
    return f"{prefix}{dollar}{column_letter(column)}{dollar}{row}"


def area_ref(sheet: str | None, first_row: int, column: int, last_row: int) -> str:
    """An absolute reference to rows ``first_row..last_row`` of one column."""
    letters = column_letter(column)
    prefix = "" if sheet is None else _sheet_prefix(sheet)
    return f"{prefix}${letters}${first_row}:${letters}${last_row}"


Value = str | Decimal | int | Money | Formula | None


@attrs.define
class SheetPlan:
    """One sheet: its cells (row, column) -> (value, style), and how it is laid out."""

    title: str
    cells: dict[tuple[int, int], tuple[Value, str]] = attrs.field(factory=dict)
    freeze: str | None = None
    autofilter: str | None = None
    widths: dict[int, float] = attrs.field(factory=dict)
    #: (cell range, comma-separated choices) for a drop-down list.
    choices: list[tuple[str, str]] = attrs.field(factory=list)

    def put(self, row: int, column: int, value: Value, style: str = "text") -> str:
        """Set a cell; returns its absolute reference on this sheet."""
        if style not in STYLES:
            raise ValueError(f"unknown style {style!r}")  # a wecb bug, not a user error
        self.cells[(row, column)] = (value, style)
        return cell_ref(self.title, row, column)

    def put_row(self, row: int, values: Iterable[Value], style: str = "text") -> None:
        """Set cells from column 1 on."""
        for column, value in enumerate(values, start=1):
            self.put(row, column, value, style)

    @property
    def last_row(self) -> int:
        return max((r for r, _ in self.cells), default=0)


# --------------------------------------------------------------------------- rendering


def _fits_double(value: Decimal) -> bool:
    # float() only tests that a spreadsheet's double holds the decimal; nothing is computed.
    return Decimal(repr(float(value))) == value


def _number(value: Decimal | int, where: str) -> Decimal | int:
    if isinstance(value, int):
        if abs(value) > 2**53:
            raise ExportError(f"{where}: {value} has too many digits for a spreadsheet number")
        return value
    if not value.is_finite() or not _fits_double(value):
        raise ExportError(
            f"{where}: {value} has more digits than a spreadsheet number keeps (about 15 "
            "significant digits); the appraisal workbook writes amounts as numbers, so it "
            "cannot hold this one exactly"
        )
    return value


def _money_format(currency: str) -> str:
    pattern = "#,##0"
    symbol = CURRENCY_SYMBOLS.get(currency)
    if symbol is None:
        return f'{pattern} "{currency}";-{pattern} "{currency}"'
    return f'"{symbol}"{pattern};-"{symbol}"{pattern}'


def _styles(styles: Any, currency: str) -> dict[str, dict[str, Any]]:
    bold = styles.Font(bold=True)
    money = _money_format(currency)
    fill = styles.PatternFill("solid", fgColor=_INPUT_FILL)
    top = styles.Border(top=styles.Side(style="thin"))
    return {
        "text": {},
        "title": {"font": styles.Font(bold=True, size=14)},
        "note": {"font": styles.Font(italic=True, color="595959")},
        "header": {
            "font": bold,
            "fill": styles.PatternFill("solid", fgColor=_HEADER_FILL),
            "alignment": styles.Alignment(wrap_text=True, vertical="top"),
        },
        "section": {"font": styles.Font(bold=True, size=12)},
        "money": {"number_format": money},
        "money_total": {"number_format": money, "font": bold, "border": top},
        "label_total": {"font": bold, "border": top},
        "rate": {"number_format": "0.00##%"},
        "rate_input": {"number_format": "0.00##%", "fill": fill},
        "grade_input": {"number_format": "0", "fill": fill},
        "choice_input": {"fill": fill},
        "factor": {"number_format": "0.0000000000"},
        "ratio": {"number_format": "0.00"},
        "percent": {"number_format": "0.0%"},
        "number": {"number_format": "General"},
        "number_input": {"number_format": "General", "fill": fill},
        "warning": {"font": styles.Font(bold=True, color="C00000")},
    }


def _value(value: Value, where: str) -> object:
    if isinstance(value, Formula):
        return str(value)
    if isinstance(value, Money):
        return _number(value.amount, where)
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return _number(value, where)
    if isinstance(value, str) and _CONTROL.search(value):
        raise ExportError.not_accepted(
            where,
            value,
            "text without control characters other than tab and line breaks, and without "
            "lone surrogates (a spreadsheet cell cannot hold them)",
        )
    return value


def _write_sheet(ws: Any, plan: SheetPlan, looks: Mapping[str, Mapping[str, Any]]) -> None:
    validation = _require("openpyxl.worksheet.datavalidation")
    for (row, column), (value, style) in sorted(plan.cells.items()):
        where = f"sheet {plan.title!r}, row {row}, column {column_letter(column)}"
        cell = ws.cell(row=row, column=column)
        cell.value = _value(value, where)
        if isinstance(value, str):
            cell.data_type = "s"  # text stays text, whatever it starts with
            if formula_like(value):
                cell.quotePrefix = True
        for attribute, look in looks[style].items():
            setattr(cell, attribute, look)
    for column, width in plan.widths.items():
        ws.column_dimensions[column_letter(column)].width = width
    if plan.freeze:
        ws.freeze_panes = plan.freeze
    if plan.autofilter:
        ws.auto_filter.ref = plan.autofilter
    for area, options in plan.choices:
        rule = validation.DataValidation(
            type="list", formula1=f'"{options}"', allow_blank=True, showDropDown=False
        )
        rule.error = f"choose one of: {options}"
        rule.add(area)
        ws.add_data_validation(rule)


def _require(module: str) -> Any:
    return require(module, "xlsx", "writing the appraisal workbook")


def render_workbook(plans: Iterable[SheetPlan], currency: str) -> bytes:
    """The ``.xlsx`` bytes of the sheets, in order (openpyxl, extra ``xlsx``)."""
    openpyxl = _require("openpyxl")
    looks = _styles(_require("openpyxl.styles"), currency)
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for plan in plans:
        _write_sheet(workbook.create_sheet(title=plan.title), plan, looks)
    # A spreadsheet opening the file computes every formula (openpyxl stores none of their
    # values), so a reader never sees a stale figure.
    workbook.calculation.fullCalcOnLoad = True
    book = io.BytesIO()
    try:
        workbook.save(book)
    except OSError as exc:  # openpyxl builds each sheet in a temporary file of its own
        raise ExportError(
            f"cannot build the appraisal workbook: {exc.strerror or exc}; nothing was written"
        ) from exc
    return book.getvalue()


def quoted_text(value: str) -> str:
    """``value`` as a string literal inside a formula.

    >>> print(quoted_text('a "b" c'))
    "a ""b"" c"
    """
    return '"' + value.replace('"', '""') + '"'
