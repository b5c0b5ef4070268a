"""Unit cost CSV files: wecb's layout and the Unit Cost Database's (private).

**wecb's layout** has one unit cost a row, under this header (any order, each column once,
names as written; empty cells are "not stated"):

========================  =====================================================================
column                    cell
========================  =====================================================================
``code``                  the unit cost's key (letters, digits, ``_``, ``-``, ``.``)
``description``           what the unit is and what it costs or saves
``value``                 money per one unit, as documents write it (``£1,234.56``, ``£95k``)
``unit``                  what the value is per: ``family / year``, ``per offender per year``
``price_year``            the financial year of the value's prices, ``2012/13``
``value_type``            ``fiscal``, ``economic``, ``social`` or ``unclassified``
``cashable``              ``true`` or ``false`` for a fiscal value; empty when not stated
``theme``                 optional: the theme (crime, health, housing, ...)
``agency``                optional: the agency bearing the cost or receiving the saving
``confidence``            optional: the source's confidence grade, a whole number from 1
``source``                the document (and table or page) the figure comes from
========================  =====================================================================

**The Unit Cost Database layout** reads a thematic worksheet of the Unit Cost Database (New
Economy, now Greater Manchester Combined Authority) saved as CSV, under the headings ``ID``,
``Theme``, ``Outcome detail``, ``Agency``, ``Unit``, ``Fiscal cost``, ``Economic cost``,
``Social cost``, ``Price year``, ``Source`` and ``Confidence`` (the first row whose cells
are these headings is the header; rows above it are skipped; ``Theme``, ``Agency`` and
``Confidence`` may be left out). One database row gives up to three unit costs, one for each
non-empty value column, coded ``<ID>.fiscal``, ``<ID>.economic`` and ``<ID>.social``. These
headings are wecb's reading of the database's published column layout (its version 1.4,
March 2015, added the economic and social value columns); they were not checked heading by
heading against a copy, so rename a sheet's headings to these if they differ.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Iterator, Mapping
from typing import Final, Literal, TypeVar

from wecb.appraisal._unit_cost_units import unit_text
from wecb.core.money import Money
from wecb.core.numbers import whole
from wecb.core.periods import FinancialYear
from wecb.errors import MAX_PROBLEMS, LoadError, WecbError, excerpt, problem_lines
from wecb.io._reading import file_name, read_text
from wecb.model.cashflows import ValueType

__all__ = ["UCD_COLUMNS", "WECB_COLUMNS", "csv_records", "read_unit_costs"]

_T = TypeVar("_T")
Layout = Literal["wecb", "unit_cost_database"]

WECB_COLUMNS: Final = (
    "code",
    "description",
    "value",
    "unit",
    "price_year",
    "value_type",
    "cashable",
    "theme",
    "agency",
    "confidence",
    "source",
)
_WECB_REQUIRED: Final = ("code", "description", "value", "unit", "price_year", "value_type")
UCD_COLUMNS: Final = (
    "ID",
    "Theme",
    "Outcome detail",
    "Agency",
    "Unit",
    "Fiscal cost",
    "Economic cost",
    "Social cost",
    "Price year",
    "Source",
    "Confidence",
)
_UCD_REQUIRED: Final = ("ID", "Outcome detail", "Unit", "Price year", "Source")
_UCD_VALUES: Final = (
    ("Fiscal cost", ValueType.FISCAL),
    ("Economic cost", ValueType.ECONOMIC),
    ("Social cost", ValueType.SOCIAL),
)


def _cell(row: Mapping[str, str], column: str) -> str | None:
    text = row.get(column, "").strip()
    return text or None


def _money(text: str) -> Money:
    return Money.parse(text, currency="GBP")


def _year(text: str) -> FinancialYear:
    return FinancialYear.parse(text)


def _value_type(text: str) -> ValueType:
    for kind in ValueType:
        if kind.value == text.strip().lower():
            return kind
    raise LoadError(f"expected one of {', '.join(k.value for k in ValueType)}")


def _cashable(text: str) -> bool:
    words = {"true": True, "yes": True, "false": False, "no": False}
    if text.strip().lower() not in words:
        raise LoadError("expected true or false (or leave it empty when not stated)")
    return words[text.strip().lower()]


def _confidence(text: str) -> int:
    return whole(text, what="confidence", minimum=1)


_READERS: Final[dict[str, Callable[[str], object]]] = {
    "unit": unit_text,
    "Unit": unit_text,
    "value": _money,
    "price_year": _year,
    "value_type": _value_type,
    "cashable": _cashable,
    "confidence": _confidence,
    "Fiscal cost": _money,
    "Economic cost": _money,
    "Social cost": _money,
    "Price year": _year,
    "Confidence": _confidence,
}


class _Row:
    """One CSV row's cells, read column by column; problems collected, not raised."""

    def __init__(self, number: int, row: Mapping[str, str]) -> None:
        self.number = number
        self.row = row
        self.problems: list[str] = []

    def read(self, column: str, *, required: bool = False) -> object:
        text = _cell(self.row, column)
        if text is None:
            if required:
                self.problems.append(f"row {self.number}, column {column!r}: empty; required")
            return None
        reader = _READERS.get(column)
        if reader is None:
            return text
        try:
            return reader(text)
        except WecbError as exc:
            reason = exc.message if isinstance(exc, LoadError) else str(exc)
            self.problems.append(
                f"row {self.number}, column {column!r}: {excerpt(text)} cannot be read: {reason}"
            )
            return None


def _wecb_fields(row: _Row) -> Iterator[dict[str, object]]:
    fields = {c: row.read(c, required=c in _WECB_REQUIRED) for c in WECB_COLUMNS}
    if not row.problems:
        yield {k: v for k, v in fields.items() if v is not None}


def _ucd_fields(row: _Row) -> Iterator[dict[str, object]]:
    common = {c: row.read(c, required=c in _UCD_REQUIRED) for c in UCD_COLUMNS}
    values = [(kind, common[column]) for column, kind in _UCD_VALUES]
    if all(v is None for _, v in values) and not row.problems:
        row.problems.append(
            f"row {row.number}: no value in any of {', '.join(c for c, _ in _UCD_VALUES)}"
        )
    if row.problems:
        return
    for kind, value in values:
        if value is None:
            continue
        yield {
            "code": f"{common['ID']}.{kind.value}",
            "description": common["Outcome detail"],
            "value": value,
            "unit": common["Unit"],
            "price_year": common["Price year"],
            "value_type": kind,
            "source": common["Source"],
            **{
                key: common[column]
                for key, column in (
                    ("theme", "Theme"),
                    ("agency", "Agency"),
                    ("confidence", "Confidence"),
                )
                if common[column] is not None
            },
        }


def csv_records(text: str, name: str) -> list[list[str]]:
    """The records of CSV ``text`` (quoted cells may hold commas and line breaks); a
    malformed file is a :class:`~wecb.errors.LoadError` naming the file and line."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        return list(reader)
    except csv.Error as exc:
        raise LoadError(f"not CSV at line {reader.line_num}: {exc}", path=name) from None


def _header(records: list[list[str]], layout: Layout | None, name: str) -> tuple[int, Layout]:
    """The index of the header record and its layout."""
    for index, record in enumerate(records):
        cells = {cell.strip() for cell in record if cell.strip()}
        found: Layout | None = None
        if set(_WECB_REQUIRED) <= cells:
            found = "wecb"
        elif set(_UCD_REQUIRED) <= cells:
            found = "unit_cost_database"
        if found is None:
            continue
        if layout is not None and found != layout:
            raise LoadError(
                f"the header is in the {found!r} layout, not {layout!r} as asked", path=name
            )
        unknown = sorted(cells - set(WECB_COLUMNS if found == "wecb" else UCD_COLUMNS))
        if unknown:
            raise LoadError(
                f"row {index + 1}: unknown column(s) {', '.join(map(repr, unknown))} for the "
                f"{found!r} layout; its columns: "
                f"{', '.join(WECB_COLUMNS if found == 'wecb' else UCD_COLUMNS)}",
                path=name,
            )
        return index, found
    raise LoadError(
        "no header row: expected wecb's columns (at least "
        f"{', '.join(_WECB_REQUIRED)}) or the Unit Cost Database's (at least "
        f"{', '.join(_UCD_REQUIRED)})",
        path=name,
    )


def read_unit_costs(
    path: str | os.PathLike[str],
    build: Callable[..., _T],
    *,
    layout: Layout | None,
    max_bytes: int,
) -> list[_T]:
    """Every unit cost of the CSV file at ``path``, each made by ``build(**fields)``; every
    problem reported at once in one :class:`~wecb.errors.LoadError` naming the file."""
    if layout not in (None, "wecb", "unit_cost_database"):
        raise LoadError.not_accepted("layout", layout, "'wecb', 'unit_cost_database' or None")
    name = file_name(path)
    text = read_text(name, max_bytes, hint="; save the sheet as CSV (UTF-8)")
    records = csv_records(text, name)
    start, found = _header(records, layout, name)
    header = [cell.strip() for cell in records[start]]
    fields_of = _wecb_fields if found == "wecb" else _ucd_fields
    out: list[_T] = []
    problems: list[str] = []
    for number, record in enumerate(records[start + 1 :], start=start + 2):
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > len(header):
            problems.append(f"row {number}: {len(record)} cells, but the header has {len(header)}")
            continue
        row = _Row(number, dict(zip(header, record, strict=False)))
        for fields in fields_of(row):
            try:
                out.append(build(**fields))
            except WecbError as exc:
                problems.append(f"row {number}: {exc}")
        problems.extend(row.problems)
        if len(problems) > MAX_PROBLEMS:
            break
    if problems:
        count = len(problems)
        head = f"{count}{'+' if count > MAX_PROBLEMS else ''} problem{'s' if count != 1 else ''}"
        raise LoadError(
            f"{head} in the unit costs:{problem_lines(problems)}", path=name, problems=problems
        )
    return out
