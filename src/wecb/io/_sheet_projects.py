"""The parts of a programme from their sheets (private to :mod:`wecb.io`): partners, domains,
streams, figures and team plans a row each; projects from the Projects sheet together with
their texts, pilots, table and lines, which other sheets hold by project key."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from wecb.core.periods import OpenPeriod
from wecb.errors import ProgrammeError, WecbError
from wecb.io._convert import table_unit
from wecb.io._sheet_build import (
    Build,
    Row,
    check_sheets,
    fields_of,
    place_graph_problem,
    programme_fields,
)
from wecb.io._sheet_cells import CellPlace
from wecb.io._sheet_layout import (
    COUNTERFACTUAL,
    DECISION,
    LINE_SHEET,
    PROGRAMME_SHEET,
    TEXT_SHEET,
    TEXTS,
    SheetLayout,
    sheet_layouts,
)
from wecb.io._sheet_reading import Grid, Problems
from wecb.model.actuals import Actual
from wecb.model.asks import Ask
from wecb.model.cashflows import CashFlow
from wecb.model.decisions import GateDecision
from wecb.model.documents import Document
from wecb.model.domains import Domain
from wecb.model.facts import Figure, TeamPlan
from wecb.model.funding import FundingStream
from wecb.model.milestones import Milestone
from wecb.model.partners import Partner
from wecb.model.programme import Programme
from wecb.model.projects import Pilot, Project
from wecb.model.tables import CostBenefitTable

__all__ = ["assemble_parts", "build_programme"]

_SIMPLE: dict[str, tuple[str, type]] = {
    "Partners": ("partners", Partner),
    "Domains": ("domains", Domain),
    "Funding streams": ("funding_streams", FundingStream),
    "Figures": ("figures", Figure),
    "Team plans": ("team_plans", TeamPlan),
    "Milestones": ("milestones", Milestone),
    "Actuals": ("actuals", Actual),
    "Asks": ("asks", Ask),
    "Documents": ("documents", Document),
}


def assemble_parts(
    build: Build, grids: Mapping[str, Grid], sheets: Mapping[str, SheetLayout]
) -> dict[str, Any]:
    """The keyword arguments of :class:`~wecb.model.programme.Programme` but its own fields
    and periods; every problem handed to ``build``."""
    parts: dict[str, Any] = {}
    for name, (collection, model) in _SIMPLE.items():
        items = []
        for row in build.rows(sheets[name], grids[name]):
            item = build.build(row, model, **fields_of(row))
            if item is not None and build.keyed(name, row, item):
                items.append(item)
        parts[collection] = tuple(items)
    projects: dict[str, tuple[Row, dict[str, Any]]] = {}
    for row in build.rows(sheets["Projects"], grids["Projects"]):
        fields = fields_of(row)
        key = fields.get("key")
        seen = build.origins.setdefault("projects", {})
        if isinstance(key, str) and key in seen:
            message = f"duplicate key {key!r} (first at row {seen[key].row})"
            build.add(build.at(row.place, "key"), message)
            continue
        if isinstance(key, str):
            seen[key] = row.place
            projects[key] = (row, fields)
    notes = _texts(build, grids, sheets, projects)
    _pilots(build, grids, sheets, projects)
    decision_tables = _tables(build, grids, sheets, projects)
    _decisions(build, grids, sheets, projects, decision_tables)
    _lines(build, grids, sheets, projects)
    built = []
    for key, (row, fields) in projects.items():
        project = build.build(row, Project, **fields)
        if project is not None:
            built.append(project)
        else:
            build.refused("Projects", key)
    # The programme names a project by its index among those it is given.
    places = build.origins.get("projects", {})
    build.origins["projects"] = {p.key: places[p.key] for p in built}
    parts["projects"] = tuple(built)
    parts["notes"] = notes
    return parts


def _owner(build: Build, row: Row, projects: Mapping[str, Any]) -> str | None:
    key = row.values.get("project")
    if key is None:
        return None
    assert isinstance(key, str)
    if key not in projects:
        if ("project", key) not in build.failed:
            known = ", ".join(map(repr, projects)) or "none"
            build.add(build.at(row.place, "project"), f"unknown project {key!r}; known: {known}")
        return None
    return key


def _texts(
    build: Build,
    grids: Mapping[str, Grid],
    sheets: Mapping[str, SheetLayout],
    projects: dict[str, Any],
) -> tuple[str, ...]:
    notes: list[str] = []
    allowed = {field: owner for owner, field in TEXTS}
    for row in build.rows(sheets[TEXT_SHEET], grids[TEXT_SHEET]):
        field, text = row.values["field"], row.values["text"]
        place = build.at(row.place, "field")
        owner = allowed.get(str(field))
        if owner is None:
            known = ", ".join(map(repr, allowed))
            build.add(place, f"unknown field {field!r}; the fields are {known}")
            continue
        has_project = "project" in row.values
        if owner == "programme":
            if has_project:
                build.add(place, f"{field!r} are the programme's: leave the project blank")
            else:
                notes.append(str(text))
            continue
        if not has_project:
            build.add(place, f"{field!r} belong to a project: give its key in the project column")
            continue
        key = _owner(build, row, projects)
        if key is not None:
            fields = projects[key][1]
            fields[str(field)] = (*fields.get(str(field), ()), text)
    return tuple(notes)


def _pilots(
    build: Build,
    grids: Mapping[str, Grid],
    sheets: Mapping[str, SheetLayout],
    projects: dict[str, Any],
) -> None:
    seen: dict[tuple[str, str], int | None] = {}
    for row in build.rows(sheets["Pilots"], grids["Pilots"]):
        key = _owner(build, row, projects)
        pilot = build.build(row, Pilot, **fields_of(row))
        if key is None or pilot is None:
            continue
        if (key, pilot.key) in seen:
            first = seen[key, pilot.key]
            message = (
                f"duplicate pilot key {pilot.key!r} in project {key!r} (first at row {first})"
            )
            build.add(build.at(row.place, "key"), message)
            continue
        seen[key, pilot.key] = row.place.row
        fields = projects[key][1]
        fields["pilots"] = (*fields.get("pilots", ()), pilot)


def _tables(
    build: Build,
    grids: Mapping[str, Grid],
    sheets: Mapping[str, SheetLayout],
    projects: dict[str, Any],
) -> dict[tuple[str, int], tuple[Row, CostBenefitTable]]:
    """Put each project's table in its fields; return the tables put to decisions."""
    origins = build.origins.setdefault("tables", {})
    decided: dict[tuple[str, int], tuple[Row, CostBenefitTable]] = {}
    for row in build.rows(sheets["Tables"], grids["Tables"]):
        key = _owner(build, row, projects)
        number = row.values.get(DECISION)
        unit = row.values.get("unit")
        if unit != table_unit(build.currency):
            build.add(
                build.at(row.place, "unit"),
                f"unit {unit!r} is not accepted; expected {table_unit(build.currency)!r}, "
                f"thousands of the programme's currency ({build.currency})",
            )
            continue
        table = build.build(row, CostBenefitTable, **fields_of(row))
        if key is None or table is None:
            continue
        if isinstance(number, int):
            if (key, number) in decided:
                first = decided[key, number][0].place.row
                message = f"decision {number} of {key!r} has a table already (row {first})"
                build.add(build.at(row.place, DECISION), message)
            decided[key, number] = (row, table)
            continue
        if key in origins:
            message = f"project {key!r} has a table already (row {origins[key].row}): one at most"
            build.add(build.at(row.place, "project"), message)
            continue
        origins[key] = row.place
        projects[key][1]["table"] = table
    return decided


def _decisions(
    build: Build,
    grids: Mapping[str, Grid],
    sheets: Mapping[str, SheetLayout],
    projects: dict[str, Any],
    tables: dict[tuple[str, int], tuple[Row, CostBenefitTable]],
) -> None:
    """Each project's decisions in row order, with the tables put to them."""
    for row in build.rows(sheets["Decisions"], grids["Decisions"]):
        key = _owner(build, row, projects)
        if key is None:
            continue
        fields = projects[key][1]
        number = len(fields.get("decisions", ())) + 1
        table = tables.pop((key, number), (None, None))[1]
        decision = build.build(row, GateDecision, table=table, **fields_of(row))
        if decision is not None:
            fields["decisions"] = (*fields.get("decisions", ()), decision)
        else:
            build.refused("Projects", key)
    for (key, number), (row, _) in tables.items():
        count = len(projects[key][1].get("decisions", ()))
        message = f"project {key!r} has {count} decision(s) on the Decisions sheet, not {number}"
        build.add(build.at(row.place, DECISION), message)


def _lines(
    build: Build,
    grids: Mapping[str, Grid],
    sheets: Mapping[str, SheetLayout],
    projects: dict[str, Any],
) -> None:
    for row in build.rows(sheets[LINE_SHEET], grids[LINE_SHEET]):
        key = _owner(build, row, projects)
        field = "counterfactual" if row.values.get(COUNTERFACTUAL) is True else "flows"
        attributes: dict[str, Any] = fields_of(row)
        amounts: list[tuple[Any, Any]] = [
            (col, row.values[col.name]) for col in row.header.periods if col.name in row.values
        ]
        if not amounts:
            build.add(row.place, "the line has no amounts: fill in at least one period column")
            continue
        flows = []
        places = []
        for col, amount in amounts:
            place = attrs.evolve(row.place, column=col.name, index=col.index)
            try:
                flows.append(CashFlow(amount=amount, period=col.period, **attributes))
                places.append((row, place))
            except (WecbError, TypeError) as exc:  # the model's check of the amount or line
                if str(exc).startswith("CashFlow.amount"):
                    build.add(place, str(exc))
                    continue
                build.placed(row, exc)
                break
        if key is not None and len(flows) == len(amounts):
            fields = projects[key][1]
            fields[field] = (*fields.get(field, ()), *flows)
            build.lines.setdefault((key, field), []).extend(places)
        elif key is not None:
            build.refused("Projects", key)


def build_programme(grids: dict[str, Grid], problems: Problems) -> Programme | None:
    """The programme the grids hold, or ``None`` when ``problems`` holds any."""
    build = Build(problems)
    check_sheets(grids, build)
    by_name = {s.name: s for s in sheet_layouts()}
    if any(name not in grids for name in by_name):
        return None  # the rest is read once every sheet is there
    top = programme_fields(grids[PROGRAMME_SHEET], build)
    periods = []
    for row in build.rows(by_name["Periods"], grids["Periods"]):
        period = build.build(row, OpenPeriod, **fields_of(row))
        if period is not None and build.keyed("Periods", row, period):
            periods.append(period)
    build.periods = tuple(periods)
    parts: dict[str, Any] = {**top, **assemble_parts(build, grids, by_name)}
    try:
        programme = Programme(periods=build.periods, **parts)
    except ProgrammeError as exc:
        for problem in exc.problems:
            place_graph_problem(problem, build)
        return None
    except WecbError as exc:
        build.add(CellPlace(PROGRAMME_SHEET), str(exc))
        return None
    return None if problems.found else programme
