"""Builders (:class:`wecb.model.builder.ProgrammeBuilder`) that describe a given programme, or
the parts of one, call by call, in every spelling the builder takes."""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from typing import Any

import attrs
from hypothesis import strategies as st

from wecb.core.money import Money
from wecb.core.periods import FinancialYear, OpenPeriod, Period
from wecb.model.builder import ProgrammeBuilder
from wecb.model.cashflows import CashFlow
from wecb.model.programme import Programme
from wecb.model.projects import Project

#: CashFlow fields a line states once (every field but the amount and the period).
BUILDER_LINE_ATTRIBUTES = tuple(
    f.name for f in attrs.fields(CashFlow) if f.name not in ("amount", "period")
)
#: Project fields holding cash flows, each a kind of line.
FLOW_FIELDS = {"flows": False, "counterfactual": True}


def parts_of(programme: Programme) -> dict[str, Any]:
    """The keyword arguments that make ``programme``."""
    return {a.name: getattr(programme, a.name) for a in attrs.fields(Programme) if a.init}


def grouped(flows: tuple[CashFlow, ...], join: Callable[[], bool]) -> list[list[CashFlow]]:
    """``flows`` as lines: consecutive flows with equal attributes and distinct periods are
    one line when ``join()`` says so."""
    lines: list[list[CashFlow]] = []
    for flow in flows:
        last = lines[-1] if lines else None
        if (
            last is not None
            and _attributes(last[0]) == _attributes(flow)
            and flow.period not in {f.period for f in last}
            and join()
        ):
            last.append(flow)
        else:
            lines.append([flow])
    return lines


def _attributes(flow: CashFlow) -> dict[str, Any]:
    return {name: getattr(flow, name) for name in BUILDER_LINE_ATTRIBUTES}


@st.composite
def builders_of(
    draw: st.DrawFn, parts: Mapping[str, Any], *, text: bool = True
) -> ProgrammeBuilder:
    """A builder whose calls describe the programme ``parts`` (keyword arguments of
    :class:`Programme`, which may be inconsistent). ``text=True`` draws file spellings
    (enumeration values, money and period text) beside model values; ``False`` keeps the
    model's values, so that open periods the programme does not declare reach its checks.
    Every project's key is assumed unique (lines name their project by key)."""

    def spelt(value: object) -> object:
        if not text or not draw(st.booleans()):
            return value
        if isinstance(value, enum.IntEnum):
            return int(value)  # an integration level by its number
        if isinstance(value, enum.Enum):
            return value.value
        if isinstance(value, Money | FinancialYear):
            return str(value)
        return value

    def period(value: Period) -> object:
        if isinstance(value, OpenPeriod):
            declared = value in parts.get("periods", ())
            return value.key if text and declared and draw(st.booleans()) else value
        return spelt(value)

    builder = ProgrammeBuilder(
        parts["name"],
        parts["place"],
        currency=parts.get("currency", "GBP"),
        notes=list(parts.get("notes", ())),
        source=parts.get("source"),
    )
    # Lines may come before the projects they name, and open periods after their use.
    order = draw(st.permutations(("periods", "lines", "rest")))
    for step in order:
        if step == "periods":
            for p in parts.get("periods", ()):
                builder.period(p.key, p.label, after=spelt(p.after), until=spelt(p.until))
        elif step == "lines":
            for project in parts.get("projects", ()):
                _lines(draw, builder, project, spelt, period)
        else:
            _rest(builder, parts, spelt, period)
    return builder


def _lines(
    draw: st.DrawFn,
    builder: ProgrammeBuilder,
    project: Project,
    spelt: Callable[[object], object],
    period: Callable[[Period], object],
) -> None:
    for field, counterfactual in FLOW_FIELDS.items():
        for line in grouped(getattr(project, field), lambda: draw(st.booleans())):
            attributes = {k: spelt(v) for k, v in _attributes(line[0]).items()}
            builder.line(
                project.key,
                amounts={period(f.period): spelt(f.amount) for f in line},
                counterfactual=counterfactual,
                **attributes,
            )


def _rest(
    builder: ProgrammeBuilder,
    parts: Mapping[str, Any],
    spelt: Callable[[object], object],
    period: Callable[[Period], object],
) -> None:
    for p in parts.get("partners", ()):
        builder.partner(p.key, p.name, kind=spelt(p.kind), source=p.source)
    for d in parts.get("domains", ()):
        builder.domain(d.key, d.name, kind=spelt(d.kind), source=d.source)
    for s in parts.get("funding_streams", ()):
        given = {a.name: getattr(s, a.name) for a in attrs.fields(type(s))}
        given.update(
            arrangement=spelt(s.arrangement),
            basis=spelt(s.basis),
            qualifier=spelt(s.qualifier),
            amount=None if s.amount is None else spelt(s.amount),
            periods=[period(p) for p in s.periods],
        )
        builder.stream(**given)
    for project in parts.get("projects", ()):
        given = {
            a.name: getattr(project, a.name)
            for a in attrs.fields(Project)
            if a.init and a.name not in FLOW_FIELDS
        }
        given.update(
            stage=spelt(project.stage),
            leads=list(project.leads),
            integration_level=spelt(project.integration_level),
        )
        builder.project(**given)
    for figure in parts.get("figures", ()):
        given = {a.name: getattr(figure, a.name) for a in attrs.fields(type(figure))}
        given.update(kind=spelt(figure.kind), qualifier=spelt(figure.qualifier))
        if figure.amount is not None:
            given["amount"] = spelt(figure.amount)
        builder.figure(**given)
    for plan in parts.get("team_plans", ()):
        builder.team_plan(**{a.name: getattr(plan, a.name) for a in attrs.fields(type(plan))})
