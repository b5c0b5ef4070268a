"""The plan and the actuals of a realisation report, and the re-forecast (private to
:mod:`wecb.appraisal.realisation`).

:func:`planned_flows` phases every cash flow of a programme into financial years, exactly as
:func:`~wecb.appraisal.cba.appraise` does; :func:`latest_actuals` checks the actuals
against the programme and the report's date and keeps the latest figure for each line and
year; :func:`reforecast_programme` puts the actuals of the completed years in place of the
plan.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

import attrs

from wecb.appraisal.phasing import Phasing
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.errors import AllocationError, AppraisalError, ProgrammeError
from wecb.model.actuals import Actual, actual_problems
from wecb.model.cashflows import CashFlow, Nature
from wecb.model.programme import Programme

__all__ = [
    "AsAt",
    "Group",
    "GroupYears",
    "LineYear",
    "PlannedFlow",
    "as_at_words",
    "complete",
    "grouped",
    "latest_actuals",
    "planned_flows",
    "reforecast_programme",
    "report_year",
    "row_status",
]

#: The date of a report: a day, or the end of a financial year.
AsAt = datetime.date | FinancialYear
#: (project, line label, year): what one actual is about.
LineYear = tuple[str, str, FinancialYear]
#: One flow phased into one financial year: (project key, index in its cash flows, the flow
#: with its amount for the year and the year as its period).
PlannedFlow = tuple[str, int, CashFlow]


def report_year(as_at: AsAt) -> FinancialYear:
    """The financial year a report as at ``as_at`` falls in."""
    return as_at if isinstance(as_at, FinancialYear) else FinancialYear.containing(as_at)


def complete(year: FinancialYear, as_at: AsAt) -> bool:
    """Whether ``year`` has ended by ``as_at`` (a year ``as_at`` names has ended)."""
    if isinstance(as_at, FinancialYear):
        return year <= as_at
    return year.end <= as_at


def planned_flows(programme: Programme, phasing: Phasing) -> list[PlannedFlow]:
    """Every cash flow of every project phased into financial years, in programme order; a
    zero flow needs no phasing (as in an appraisal) and is left out."""
    phasing.check_keys((p.key for p in programme.periods), (p.key for p in programme.projects))
    out: list[PlannedFlow] = []
    for project in programme.projects:
        for index, flow in enumerate(project.cash_flows):
            if flow.amount.is_zero():
                continue
            what = f"{project.key} {flow.label or f'line {index}'!r}"
            parts = phasing.phase(flow.amount, flow.period, project=project.key, what=what)
            out += [
                (project.key, index, attrs.evolve(flow, amount=amount, period=year))
                for year, amount in parts.items()
            ]
    return out


def latest_actuals(
    programme: Programme, given: Iterable[Actual], as_at: AsAt
) -> tuple[dict[LineYear, Actual], list[Actual]]:
    """The latest actual of each line and year among the programme's and ``given``, and
    the restated ones it supersedes; raises :class:`~wecb.errors.ProgrammeError` for an
    actual the programme cannot take and :class:`~wecb.errors.AppraisalError` for one dated
    after ``as_at`` (each named by its place: ``actuals[2]``, or ``given actuals[0]``)."""
    extra = tuple(given)
    for index, item in enumerate(extra):
        if not isinstance(item, Actual):
            raise AppraisalError.not_accepted(f"realisation actuals[{index}]", item, "an Actual")
    every = programme.actuals + extra
    own = len(programme.actuals)

    def place(index: int) -> str:
        return f"actuals[{index}]" if index < own else f"given actuals[{index - own}]"

    if extra:
        problems = actual_problems(
            every, {p.key: p for p in programme.projects}, programme.currency
        )
        if problems:
            renamed = [_renamed(problem, own) for problem in problems]
            raise ProgrammeError(renamed)
    late = [
        f"{place(i)} ({a}): {_after(a, as_at)}" for i, a in enumerate(every) if _after(a, as_at)
    ]
    if late:
        raise AppraisalError(
            f"{len(late)} actual(s) dated after the report's date, {as_at_words(as_at)}:\n"
            + "\n".join(f"  - {line}" for line in late)
        )
    latest: dict[LineYear, Actual] = {}
    for actual in every:
        key = (actual.project, actual.line, actual.year)
        held = latest.get(key)
        if held is None or actual.as_at > held.as_at:
            latest[key] = actual
    kept = {id(a) for a in latest.values()}
    return latest, [a for a in every if id(a) not in kept]


def _renamed(problem: str, own: int) -> str:
    """``problem`` with a given actual's place, ``actuals[n]``, named as given."""
    if problem.startswith("actuals["):
        number = int(problem[len("actuals[") : problem.index("]")])
        if number >= own:
            rest = problem[problem.index("]") + 1 :]
            return f"given actuals[{number - own}]{rest}"
    return problem


def as_at_words(as_at: AsAt) -> str:
    """``as_at`` in words: a day, or the end of a financial year."""
    if isinstance(as_at, FinancialYear):
        return f"the end of {as_at}"
    return as_at.isoformat()


def _after(actual: Actual, as_at: AsAt) -> str:
    """Why ``actual`` is dated after ``as_at``, or ``""``."""
    if isinstance(as_at, FinancialYear):
        if actual.year > as_at:
            return f"its year {actual.year} is after {as_at}"
        return ""
    if actual.as_at > as_at:
        return f"it is as at {actual.as_at.isoformat()}, after {as_at.isoformat()}"
    return ""


def reforecast_programme(
    programme: Programme, plan: list[PlannedFlow], actuals: dict[LineYear, Actual], as_at: AsAt
) -> Programme:
    """``programme`` with every project's cash flows by financial year (its table's as
    flows, the table dropped): in each completed year a line with an actual holds the actual,
    split over the line's planned flows of the year by their amounts (one flow like the
    line's first when none is planned); every other year holds the plan. The actuals are in
    its flows, so it holds none of its own."""
    projects = []
    for project in programme.projects:
        out: list[CashFlow | LineYear] = []
        groups: dict[LineYear, list[CashFlow]] = {}
        for key, _, flow in plan:
            if key != project.key:
                continue
            assert isinstance(flow.period, FinancialYear)
            line_year = (key, flow.label or "", flow.period)
            if flow.label is None or line_year not in actuals or not complete(flow.period, as_at):
                out.append(flow)
                continue
            if line_year not in groups:
                groups[line_year] = []
                out.append(line_year)  # the group's place, filled in below
            groups[line_year].append(flow)
        for line_year, actual in actuals.items():
            if line_year[0] != project.key or line_year in groups:
                continue
            if complete(line_year[2], as_at):  # nothing planned that year: a flow of its own
                first = next(f for f in project.cash_flows if f.label == line_year[1])
                out.append(attrs.evolve(first, amount=actual.amount, period=line_year[2]))
        flows: list[CashFlow] = []
        for item in out:
            if isinstance(item, CashFlow):
                flows.append(item)
            else:
                flows += _split(actuals[item], groups[item])
        projects.append(attrs.evolve(project, table=None, flows=tuple(flows)))
    return programme.evolve(projects=tuple(projects), actuals=())


def _split(actual: Actual, planned: list[CashFlow]) -> list[CashFlow]:
    """``actual`` over the ``planned`` flows of its line and year, by their amounts."""
    try:
        parts = actual.amount.allocate([flow.amount.amount for flow in planned])
    except AllocationError as exc:
        raise AppraisalError(f"cannot re-forecast with the actual {actual}: {exc}") from exc
    return [attrs.evolve(flow, amount=part) for flow, part in zip(planned, parts, strict=True)]


#: A row's group: (project, nature, line label or partner key or None).
Group = tuple[str, Nature, str | None]
#: A group's years: the planned amount, the actual (None: none recorded) and how many lines
#: planned in the year have no actual, of each.
GroupYears = dict[FinancialYear, tuple[Money, Money | None, int]]


def grouped(
    programme: Programme,
    plan: list[PlannedFlow],
    actuals: dict[LineYear, Actual],
    by: str | None,
) -> dict[Group, GroupYears]:
    """The planned amount and the actual of each group and year, groups in programme order
    (first planned), years in order. By partner, an actual goes to its line's partner,
    which must be one (an :class:`~wecb.errors.AppraisalError` names the actual when the
    line's flows have several)."""
    zero = Money.zero(programme.currency)
    planned: dict[Group, dict[FinancialYear, Money]] = {}
    lines: dict[tuple[Group, FinancialYear], set[str]] = {}
    realised: dict[Group, dict[FinancialYear, Money]] = {}
    for key, index, flow in plan:
        assert isinstance(flow.period, FinancialYear)
        group = (key, flow.nature, _group(flow, by))
        years = planned.setdefault(group, {})
        years[flow.period] = years.get(flow.period, zero) + flow.amount
        named = flow.label if flow.label is not None else f"#{index}"
        lines.setdefault((group, flow.period), set()).add(named)
    for (_, label, year), actual in actuals.items():
        group = _actual_group(programme, actual, by)
        years = realised.setdefault(group, {})
        years[year] = years.get(year, zero) + actual.amount
        planned.setdefault(group, {})
        lines.get((group, year), set()).discard(label)
    out: dict[Group, GroupYears] = {}
    for group, years in planned.items():
        got = realised.get(group, {})
        out[group] = {
            year: (years.get(year, zero), got.get(year), len(lines.get((group, year), ())))
            for year in sorted({*years, *got})
        }
    return out


def _actual_group(programme: Programme, actual: Actual, by: str | None) -> Group:
    flows = [f for f in programme.project(actual.project).cash_flows if f.label == actual.line]
    groups = {_group(f, by) for f in flows}
    if len(groups) > 1:
        shown = ", ".join(sorted(repr(g) for g in groups))
        raise AppraisalError(
            f"the actual {actual} cannot be put to one partner: its line's flows are of the "
            f"partners {shown}; report by line instead, or give each partner's flows their "
            "own label"
        )
    return (actual.project, flows[0].nature, groups.pop())


def _group(flow: CashFlow, by: str | None) -> str | None:
    if by == "line":
        return flow.label
    if by == "partner":
        return flow.partner
    return None


def row_status(
    due_later: bool, planned: Money, actual: Money | None, *, missing: int, rag: str | None
) -> str:
    """A row's status: ``rag`` (a RAG value, or ``"cost"``) when the row has a rate."""
    if actual is None:
        return "not due" if due_later else "no actual"
    if missing:
        return f"part reported ({missing} line(s) with no actual)"
    if planned.is_zero():
        return "no plan"
    assert rag is not None
    return rag
