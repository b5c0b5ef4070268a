"""The header row of a workbook sheet (private to :mod:`wecb.io`): which column is which, and
the reader of each.

A header names a column of the sheet's layout, or (on the Lines sheet) a period: a
financial year such as ``2013/14`` or an open period's key. A money column may declare its
unit after its name, ``amount (£'000)`` or ``2013/14 (£'000)``: its figures are then in
thousands, read to 5 decimal places (the penny) and scaled exactly.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

import attrs

from wecb.core.periods import OpenPeriod, Period, parse_period
from wecb.errors import WecbError, excerpt
from wecb.io._convert import table_unit
from wecb.io._schedule_hooks import read_milestone_date
from wecb.io._sheet_cells import (
    CellError,
    CellPlace,
    SheetCell,
    date_in_header,
    read_bool,
    read_cell_text,
    read_date,
    read_decimal,
    read_enum,
    read_int,
    read_list,
    read_money,
    read_period,
    read_year,
)
from wecb.io._sheet_layout import LINE_SHEET, SheetColumn, SheetLayout
from wecb.io._sources import read_source

__all__ = ["Header", "HeaderColumn", "read_header", "reader"]

_UNIT: Final = re.compile(r"(?P<name>.*?)\s*\((?P<unit>[^()]*)\)")

Reader = Callable[[SheetCell], object]


@attrs.frozen
class HeaderColumn:
    """A column as its header names it: the layout's column, or a period of the Lines
    sheet; its position (from 1); its reader."""

    index: int
    name: str
    read: Reader
    column: SheetColumn | None = None
    period: Period | None = None


@attrs.frozen
class Header:
    """The columns of a sheet's header, by layout name (periods apart, in order)."""

    columns: dict[str, HeaderColumn]
    periods: tuple[HeaderColumn, ...]


def reader(
    column: SheetColumn, currency: str, periods: tuple[OpenPeriod, ...], *, thousands: bool = False
) -> Reader:
    """The reader of the cells of ``column``."""
    kind = column.kind
    if kind == "list":
        item = SheetColumn(column.name, column.item or "text", choices=column.choices)
        return read_list(reader(item, currency, periods))
    if kind in ("money", "thousands"):
        return _money_reader(currency, thousands=thousands or kind == "thousands")
    simple: dict[str, Reader] = {
        "text": read_cell_text,
        "bool": read_bool,
        "int": read_int,
        "decimal": read_decimal,
        "year": read_year,
        "date": read_date,
        "milestone_date": read_milestone_date,
        "period": read_period(periods),
        "source": read_source,
    }
    if kind == "enum":
        assert column.choices is not None
        return read_enum(column.choices)
    return simple[kind]


def _money_reader(currency: str, *, thousands: bool) -> Reader:
    def read(cell: SheetCell) -> object:
        return read_money(cell, currency, thousands=thousands)

    return read


def _unit(text: str, currency: str) -> tuple[str, bool | None]:
    """The header's name and whether it declares thousands (``None``: an unknown unit)."""
    match = _UNIT.fullmatch(text)
    if match is None:
        return text, False
    unit = match["unit"].strip()
    if unit in (table_unit(currency), f"{currency}'000"):
        return match["name"].strip(), True
    return match["name"].strip(), None


def read_header(
    sheet: SheetLayout,
    cells: tuple[SheetCell, ...],
    currency: str,
    periods: tuple[OpenPeriod, ...],
    add: Callable[[CellPlace, str], None],
) -> Header:
    """The columns the header ``cells`` name; each problem handed to ``add``."""
    found: dict[str, HeaderColumn] = {}
    in_periods: dict[Period, HeaderColumn] = {}
    for index, cell in enumerate(cells, start=1):
        place = CellPlace(sheet.name, 1, None, index)
        dated = date_in_header(cell.value)
        if dated is not None:
            add(attrs.evolve(place, column=str(cell.value)), dated)
            continue
        if cell.blank:
            add(place, "the header cell is blank, but the column holds values below: name it")
            continue
        try:
            text = read_cell_text(cell).strip()
        except CellError as exc:
            add(place, f"header: {exc}")
            continue
        place = attrs.evolve(place, column=text)
        name, thousands = _unit(text, currency)
        column = sheet.column(name)
        if thousands is None:
            add(
                place,
                f"unknown unit in the header {text!r}: the only unit a column may declare is "
                f"{table_unit(currency)} (thousands), as in 'amount ({table_unit(currency)})'",
            )
            continue
        if column is not None:
            if thousands and column.kind != "money":
                add(
                    place,
                    f"column {name!r} does not hold money in pounds, so it cannot be "
                    f"declared in {table_unit(currency)}",
                )
                continue
            if name in found:
                add(place, f"column {name!r} appears twice (also column {found[name].index})")
                continue
            read = reader(column, currency, periods, thousands=bool(thousands))
            found[name] = HeaderColumn(index, name, read, column=column)
            continue
        period = _period(sheet, name, periods)
        if period is None:
            known = ", ".join(repr(c.name) for c in sheet.columns)
            more = (
                " or a period (a financial year such as '2013/14' or an open period's key)"
                if sheet.name == LINE_SHEET
                else ""
            )
            add(
                place,
                f"unknown column {excerpt(text)}; the columns of this sheet are {known}{more}",
            )
            continue
        if period in in_periods:
            add(place, f"period {name!r} has two columns (also column {in_periods[period].index})")
            continue
        in_periods[period] = HeaderColumn(
            index,
            text,
            _money_reader(currency, thousands=bool(thousands)),
            period=period,
        )
    for column in sheet.columns:
        if column.required and column.name not in found:
            add(CellPlace(sheet.name, 1), f"the required column {column.name!r} is missing")
    return Header(found, tuple(in_periods.values()))


def _period(sheet: SheetLayout, name: str, periods: tuple[OpenPeriod, ...]) -> Period | None:
    if sheet.name != LINE_SHEET:
        return None
    try:
        return parse_period(name, periods)
    except WecbError:
        return None
