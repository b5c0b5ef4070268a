"""A programme as the rows of its workbook's sheets (private to :mod:`wecb.io`).

Each value becomes what a cell holds: text, a whole number, a decimal number, a boolean or
nothing. Money is a number when a spreadsheet holds it exactly at the column's precision
(the penny; 5 decimal places in £'000) and text with every digit otherwise, so that reading
the workbook back gives the same amounts (see ``wecb.io._sheet_cells``).

A project's flows become lines: consecutive flows whose attributes (every field of
:class:`~wecb.model.cashflows.CashFlow` but amount and period) are equal and whose periods
come in the order of the period columns make one row, so that the row gives them back in
the same order.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any, Final

import attrs

from wecb.core._decimal import trimmed
from wecb.core.money import Money
from wecb.core.periods import FinancialYear, OpenPeriod, Period, period_sort_key
from wecb.errors import ExportError
from wecb.io._convert import derived_cashable, table_unit, thousands_text
from wecb.io._sheet_cells import SPREADSHEET_DIGITS
from wecb.io._sheet_layout import (
    DECISION,
    LINE_SHEET,
    PROGRAMME_FIELDS,
    PROGRAMME_SHEET,
    TEXT_SHEET,
    SheetColumn,
    SheetLayout,
    line_fields,
    sheet_layouts,
)
from wecb.io._sources import source_cell
from wecb.model.cashflows import CashFlow
from wecb.model.documents import Citation
from wecb.model.milestones import MilestoneDate
from wecb.model.programme import Programme
from wecb.model.projects import Project
from wecb.model.tables import CostBenefitTable

__all__ = ["LINE_FIELDS_OF_PROJECT", "Written", "period_header", "sheet_rows"]

#: Decimal places beyond any a count needs: a count is limited by its significant digits.
MAX_PLACES: Final = 10**6
WrittenValue = str | int | Decimal | bool | None
#: The Project fields whose flows go to the Lines sheet, with their counterfactual flag.
LINE_FIELDS_OF_PROJECT: Final = (("flows", False), ("counterfactual", True))


@attrs.frozen
class Written:
    """A sheet's header and rows as cell values, and the columns (``None`` for a period
    column of the Lines sheet) with the money kind of each ("money", "thousands" or "")."""

    header: tuple[str, ...]
    rows: tuple[tuple[WrittenValue, ...], ...]
    money: tuple[str, ...]


def _exact_number(value: Decimal, places: int) -> bool:
    _, digits, exponent = trimmed(value).as_tuple()
    assert isinstance(exponent, int)
    return len(digits) <= SPREADSHEET_DIGITS and exponent >= -places


def _number(value: Decimal) -> int | Decimal:
    whole = trimmed(value)
    return int(whole) if whole == whole.to_integral_value() else whole


def money_value(money: Money, kind: str) -> WrittenValue:
    """A money cell: a number when exact at the column's precision, else the exact text."""
    if kind == "thousands":
        thousands = money.amount_in_thousands()
        if _exact_number(thousands, 5):
            return _number(thousands)
        return thousands_text(money)
    if _exact_number(money.amount, 2):
        return _number(money.amount)
    return money.exact_text()


def _item(value: object) -> str:
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, OpenPeriod):
        return value.key
    return str(value)


def cell_value(column: SheetColumn, value: object) -> WrittenValue:  # noqa: PLR0911 - one a kind
    """The cell that holds ``value`` in ``column``."""
    if value is None:
        return None
    if column.kind == "list":
        assert isinstance(value, tuple)
        return ", ".join(_item(v) for v in value) if value else None
    if isinstance(value, Money):
        return money_value(value, column.kind)
    if isinstance(value, enum.Enum):
        return value.value  # type: ignore[no-any-return]
    if isinstance(value, Decimal):
        return _number(value) if _exact_number(value, MAX_PLACES) else str(value)
    if isinstance(value, OpenPeriod | FinancialYear):
        return _item(value)
    if isinstance(value, datetime.date):
        return value.isoformat()  # text: a spreadsheet's own dates are read back as well
    if isinstance(value, MilestoneDate):
        return str(value)  # text: a month or a year is not a spreadsheet date
    if column.kind == "source" and isinstance(value, Citation | str):
        return source_cell(value)
    if isinstance(value, bool | int | str):
        return value
    raise ExportError(f"{column.name}: {type(value).__name__} has no cell form")


def _fields(column: SheetColumn, item: object, defaults: dict[str, Any]) -> WrittenValue:
    assert column.field is not None
    value = getattr(item, column.field)
    if value == defaults.get(column.field, attrs.NOTHING) and not column.required:
        return None  # a default is left blank, as a file leaves it out
    return cell_value(column, value)


#: Who owns a row: nobody, a project (its key), or a project's numbered decision.
_Owner = str | tuple[str, int] | None


def _model_rows(sheet: SheetLayout, items: Iterable[tuple[_Owner, object]]) -> Written:
    assert sheet.model is not None
    defaults = {a.name: a.default for a in attrs.fields(sheet.model)}
    rows = []
    for owned, item in items:
        # A decision's table is owned by (project, the decision's number from 1).
        owner, number = owned if isinstance(owned, tuple) else (owned, None)
        row = [
            _fields(c, item, defaults)
            if c.field is not None
            else owner
            if c.name == sheet.owner
            else number
            if c.name == DECISION
            else table_unit(_currency(item))  # the unit column of Tables
            for c in sheet.columns
        ]
        rows.append(tuple(row))
    return _written(sheet.columns, rows)


def _currency(item: object) -> str:
    assert isinstance(item, CostBenefitTable)
    return item.currency


def _written(columns: Iterable[SheetColumn], rows: Sequence[tuple[WrittenValue, ...]]) -> Written:
    cols = tuple(columns)
    money = tuple(c.kind if c.kind in ("money", "thousands") else "" for c in cols)
    return Written(tuple(c.name for c in cols), tuple(rows), money)


def period_header(period: Period) -> str:
    """The header of a period column: the financial year, or the open period's key."""
    return _item(period)


def _line_rows(programme: Programme, sheet: SheetLayout) -> Written:
    periods = sorted(
        {f.period for p in programme.projects for name, _ in _line_fields(p) for f in name},
        key=period_sort_key,
    )
    position = {p: i for i, p in enumerate(periods)}
    names = {c.name for c in sheet.columns}
    for period in periods:
        if period_header(period) in names:
            raise ExportError(
                f"open period {period_header(period)!r} has the name of a column of the "
                f"{LINE_SHEET} sheet, which could not tell them apart; rename the period"
            )
    attributes = [c for c in sheet.columns if c.field is not None]
    defaults = {a.name: a.default for a in attrs.fields(CashFlow)}
    rows: list[tuple[WrittenValue, ...]] = []
    for project in programme.projects:
        for flows, counterfactual in _line_fields(project):
            for group in _groups(flows, position):
                amounts: list[WrittenValue] = [None] * len(periods)
                for flow in group:
                    amounts[position[flow.period]] = money_value(flow.amount, "money")
                first = group[0]
                values = [_attribute(c, first, defaults) for c in attributes]
                flag = True if counterfactual else None
                rows.append((project.key, flag, *values, *amounts))
    columns = list(sheet.columns)
    money = tuple("" for _ in columns) + tuple("money" for _ in periods)
    header = (*(c.name for c in columns), *(period_header(p) for p in periods))
    return Written(header, tuple(rows), money)


def _attribute(column: SheetColumn, flow: CashFlow, defaults: dict[str, Any]) -> WrittenValue:
    assert column.field is not None
    value = getattr(flow, column.field)
    if column.field == "cashable":
        return None if value == derived_cashable(flow) else value
    if value == defaults[column.field]:
        return None
    return cell_value(column, value)


def _line_fields(project: object) -> list[tuple[tuple[CashFlow, ...], bool]]:
    return [
        (getattr(project, name), flag)
        for name, flag in LINE_FIELDS_OF_PROJECT
        if hasattr(project, name)
    ]


def _groups(flows: tuple[CashFlow, ...], position: dict[Period, int]) -> list[list[CashFlow]]:
    fields = line_fields()
    groups: list[list[CashFlow]] = []
    for flow in flows:
        if groups:
            last = groups[-1][-1]
            same = all(getattr(flow, f) == getattr(last, f) for f in fields)
            if same and position[flow.period] > position[last.period]:
                groups[-1].append(flow)
                continue
        groups.append([flow])
    return groups


def sheet_rows(programme: Programme) -> dict[str, Written]:
    """Every data sheet of ``programme``'s workbook, in order."""
    out: dict[str, Written] = {}
    for sheet in sheet_layouts():
        if sheet.name == PROGRAMME_SHEET:
            values = {
                "name": programme.name,
                "place": programme.place,
                "currency": programme.currency,
                "source": None if programme.source is None else source_cell(programme.source),
            }
            rows = [(k, values[k]) for k in PROGRAMME_FIELDS if values[k] is not None]
            out[sheet.name] = _written(sheet.columns, rows)
        elif sheet.name == TEXT_SHEET:
            texts: list[tuple[WrittenValue, ...]] = [(None, "notes", t) for t in programme.notes]
            for p in programme.projects:
                texts += [(p.key, "approach", t) for t in p.approach]
            out[sheet.name] = _written(sheet.columns, texts)
        elif sheet.name == LINE_SHEET:
            out[sheet.name] = _line_rows(programme, sheet)
        else:
            out[sheet.name] = _model_rows(sheet, _items(programme, sheet.name))
    return out


def _tables(projects: Iterable[Project]) -> Iterator[tuple[_Owner, object]]:
    """Each project's table, then the tables put to its decisions (with their numbers)."""
    for p in projects:
        if p.table is not None:
            yield p.key, p.table
        for number, decision in enumerate(p.decisions, start=1):
            if decision.table is not None:
                yield (p.key, number), decision.table


def _items(programme: Programme, name: str) -> list[tuple[_Owner, object]]:
    projects = programme.projects
    found: dict[str, Iterable[tuple[_Owner, object]]] = {
        "Periods": ((None, p) for p in programme.periods),
        "Partners": ((None, p) for p in programme.partners),
        "Domains": ((None, d) for d in programme.domains),
        "Projects": ((None, p) for p in projects),
        "Pilots": ((p.key, pilot) for p in projects for pilot in p.pilots),
        "Tables": _tables(projects),
        "Decisions": ((p.key, d) for p in projects for d in p.decisions),
        "Milestones": ((None, m) for m in programme.milestones),
        "Funding streams": ((None, s) for s in programme.funding_streams),
        "Figures": ((None, f) for f in programme.figures),
        "Team plans": ((None, t) for t in programme.team_plans),
        "Actuals": ((None, a) for a in programme.actuals),
        "Asks": ((None, a) for a in programme.asks),
        "Documents": ((None, d) for d in programme.documents),
    }
    return list(found[name])
