"""A programme from the grids of its workbook's sheets (private to :mod:`wecb.io`).

Each row is read cell by cell (every cell's problem found, with its place and value), then
built into its model object (whose own checks name the field, so the column); then the
:class:`~wecb.model.programme.Programme` checks the graph, and each of its problems is
traced back to the row and column it came from (``projects['P'].flows[3].payer`` is the
row of the Lines sheet that holds the project's fourth flow, column ``payer``).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from typing import Any, Final

import attrs

from wecb.core.money import Money
from wecb.core.periods import OpenPeriod
from wecb.errors import WecbError
from wecb.io._sheet_cells import CellError, CellPlace, read_cell_text
from wecb.io._sheet_columns import Header, read_header
from wecb.io._sheet_layout import (
    PROGRAMME_FIELDS,
    PROGRAMME_SHEET,
    README_SHEET,
    SheetLayout,
    sheet_layouts,
)
from wecb.io._sheet_reading import Grid, Problems
from wecb.io._sources import read_source

__all__ = ["Build", "Row", "check_sheets", "fields_of", "place_graph_problem", "programme_fields"]

_FIELD: Final = re.compile(r"(?P<cls>[A-Z]\w*)\.(?P<field>[a-z_]\w*)")
_PROBLEM: Final = re.compile(
    r"(?P<list>\w+)\[(?:'(?P<key>[^']*)'|(?P<index>\d+))\](?P<rest>[^:\s]*):\s*(?P<text>.*)",
    re.DOTALL,
)
_UNKNOWN: Final = re.compile(
    r"unknown (partner|domain|project|funding stream|open period|ask) '([^']*)'"
)
#: What each keyed sheet's rows are, in the words of the programme's problems.
_KIND_OF_SHEET: Final = {
    "Partners": "partner",
    "Domains": "domain",
    "Projects": "project",
    "Funding streams": "funding stream",
    "Periods": "open period",
    "Asks": "ask",
}
#: The collection of the Programme each keyed sheet fills.
_COLLECTIONS: Final = {
    "Periods": "periods",
    "Partners": "partners",
    "Domains": "domains",
    "Projects": "projects",
    "Funding streams": "funding_streams",
    "Figures": "figures",
    "Team plans": "team_plans",
    "Milestones": "milestones",
    "Actuals": "actuals",
    "Asks": "asks",
    "Documents": "documents",
}


@attrs.define
class Row:
    """A row read: its place (sheet and row), the values of its filled cells by header,
    and the sheet's header."""

    place: CellPlace
    values: dict[str, object]
    header: Header


@attrs.define
class Build:
    """What a reading has found so far: its problems, the programme's currency and open
    periods, and where each thing was read (to place the programme's own problems)."""

    problems: Problems
    currency: str = "GBP"
    periods: tuple[OpenPeriod, ...] = ()
    #: Where each keyed thing was read, by collection (``"projects"``, ...) and key.
    origins: dict[str, dict[str, CellPlace]] = attrs.field(factory=dict)
    #: Where each flow of a project's flows field was read: its row and amount cell.
    lines: dict[tuple[str, str], list[tuple[Row, CellPlace]]] = attrs.field(factory=dict)
    #: Keys of rows refused (references to them are not reported again).
    failed: set[tuple[str, str]] = attrs.field(factory=set)
    headers: dict[str, Header] = attrs.field(factory=dict)

    def add(self, place: CellPlace, message: str) -> None:
        self.problems.add(place, message)

    # -- rows ------------------------------------------------------------------------------

    def rows(self, sheet: SheetLayout, grid: Grid) -> list[Row]:
        header = read_header(sheet, grid.header, self.currency, self.periods, self.add)
        self.headers[sheet.name] = header
        out = []
        for number, cells in grid.rows:
            values: dict[str, object] = {}
            ok = True
            for col in (*header.columns.values(), *header.periods):
                name = col.name
                cell = cells[col.index - 1]
                if cell.blank:
                    if col.column is not None and col.column.required:
                        self.add(
                            CellPlace(sheet.name, number, name, col.index),
                            "required; the cell is blank",
                        )
                        ok = False
                    continue
                try:
                    values[name] = col.read(cell)
                except CellError as exc:
                    self.add(CellPlace(sheet.name, number, name, col.index), str(exc))
                    ok = False
            if ok:
                out.append(Row(CellPlace(sheet.name, number), values, header))
            else:
                self.refused(sheet.name, values.get("key"))
        return out

    def refused(self, sheet: str, key: object) -> None:
        """Note that the thing ``key`` of ``sheet`` was refused (a reference to it is not
        a second problem)."""
        if isinstance(key, str) and sheet in _KIND_OF_SHEET:
            self.failed.add((_KIND_OF_SHEET[sheet], key))

    def build(self, row: Row, make: Callable[..., Any], **fields: object) -> Any:
        """``make(**fields)``, or ``None`` with the problem placed at its column."""
        try:
            return make(**fields)
        except (WecbError, TypeError) as exc:
            self.placed(row, exc)
            self.refused(row.place.sheet, row.values.get("key"))
            return None

    def placed(self, row: Row, exc: BaseException) -> None:
        """Add the problem ``exc`` of ``row`` at the column its field names, if any."""
        match = _FIELD.match(str(exc))
        self.add(self.at(row.place, match["field"] if match else None), str(exc))

    def at(self, place: CellPlace, column: str | None) -> CellPlace:
        """``place`` in ``column`` of its sheet (the row alone if the sheet has none)."""
        header = self.headers.get(place.sheet)
        col = None if header is None or column is None else header.columns.get(column)
        if col is None:
            return attrs.evolve(place, column=None, index=None)
        return attrs.evolve(place, column=col.name, index=col.index)

    def keyed(self, sheet: str, row: Row, item: Any) -> bool:
        """Whether ``item``'s key is new on its sheet (a duplicate is a problem)."""
        seen = self.origins.setdefault(_COLLECTIONS[sheet], {})
        if not hasattr(item, "key"):  # a record with no key (an actual): placed by its index
            seen[f"#{len(seen)}"] = row.place
            return True
        if item.key in seen:
            col = row.header.columns["key"]
            self.add(
                CellPlace(sheet, row.place.row, "key", col.index),
                f"duplicate key {item.key!r} (first at row {seen[item.key].row})",
            )
            return False
        seen[item.key] = row.place
        return True


def fields_of(row: Row) -> dict[str, object]:
    """The model fields ``row`` fills, by name."""
    return {
        col.column.field: row.values[name]
        for name, col in row.header.columns.items()
        if col.column is not None and col.column.field is not None and name in row.values
    }


def check_sheets(grids: dict[str, Grid], build: Build) -> None:
    expected = [s.name for s in sheet_layouts()]
    unknown = [n for n in grids if n not in expected and n != README_SHEET]
    for name in expected:
        if name not in grids:
            near = difflib.get_close_matches(name, unknown, n=1)
            hint = f" (is {near[0]!r} it, renamed?)" if near else ""
            build.add(
                CellPlace(name),
                f"the sheet {name!r} is missing{hint}; a workbook has the sheets "
                + ", ".join(map(repr, expected)),
            )
    for name in unknown:
        build.add(
            CellPlace(name),
            f"unknown sheet {name!r}; a workbook has the sheets "
            + ", ".join(map(repr, [README_SHEET, *expected])),
        )


def programme_fields(grid: Grid, build: Build) -> dict[str, object]:
    sheet = sheet_layouts()[0]
    header = read_header(sheet, grid.header, "GBP", (), build.add)
    build.headers[sheet.name] = header
    out: dict[str, object] = {}
    field_col, value_col = header.columns.get("field"), header.columns.get("value")
    if field_col is None or value_col is None:
        return out
    rows: dict[str, int] = {}
    for number, cells in grid.rows:
        place = CellPlace(PROGRAMME_SHEET, number, "field", field_col.index)
        try:
            name = read_cell_text(cells[field_col.index - 1])
            value = cells[value_col.index - 1]
            if name not in PROGRAMME_FIELDS:
                known = ", ".join(map(repr, PROGRAMME_FIELDS))
                build.add(place, f"unknown field {name!r}; the fields are {known}")
            elif name in rows:
                build.add(place, f"field {name!r} is given twice (first at row {rows[name]})")
            elif not value.blank:
                rows[name] = number
                out[name] = read_source(value) if name == "source" else read_cell_text(value)
        except CellError as exc:
            build.add(place, str(exc))
    for name in ("name", "place"):
        if name not in out:
            build.add(
                CellPlace(PROGRAMME_SHEET),
                f"the programme's {name} is required: add a row with {name!r} in the field "
                "column and the value beside it",
            )
            out[name] = f"({name} missing)"  # so that the rest is checked too
    currency = out.get("currency", "GBP")
    try:
        build.currency = Money.zero(str(currency)).currency
    except WecbError as exc:
        build.add(build.at(CellPlace(PROGRAMME_SHEET, rows.get("currency")), "value"), str(exc))
        out["currency"] = "GBP"  # the cells are read in pounds: the error is given already
    return out


def place_graph_problem(problem: str, build: Build) -> None:
    """Add the programme's ``problem`` at the row and column it came from."""
    unknown = _UNKNOWN.search(problem)
    if unknown is not None and (unknown[1], unknown[2]) in build.failed:
        return  # its row was refused already: the reference is not a second problem
    match = _PROBLEM.fullmatch(problem)
    origins = build.origins.get(match["list"], {}) if match is not None else {}
    key = None
    if match is not None:
        key = match["key"]
        if key is None and int(match["index"]) < len(origins):
            key = list(origins)[int(match["index"])]
    if match is None or key is None or key not in origins:
        build.add(CellPlace(PROGRAMME_SHEET), problem)
        return
    names = re.findall(r"[a-z_]\w*|\[\d+\]", match["rest"])
    if len(names) >= 2 and names[0] in ("flows", "counterfactual"):
        found = build.lines.get((key, names[0]), [])
        index = int(names[1][1:-1])
        if index < len(found):
            row, cell = found[index]
            field = names[2] if len(names) > 2 else None
            place = cell if field in (None, "amount", "period") else build.at(row.place, field)
            build.add(place, match["text"])
            return
    place = origins[key]
    if names and names[0] == "table":
        place = build.origins.get("tables", {}).get(key, place)
        names = names[1:]
    build.add(build.at(place, names[0] if names else None), match["text"])
