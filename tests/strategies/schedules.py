"""Hypothesis strategies for gate decisions and milestones: decision histories that agree
with their project's stage, milestones as precise as a source might state them, and
programmes that hold both."""

from __future__ import annotations

import datetime

import attrs
from hypothesis import strategies as st

from strategies.model import cost_benefit_tables, model_keys, model_text, optional_text
from strategies.programmes import programmes
from wecb.model.decisions import TRANSITIONS, DecisionOutcome, GateDecision, Stage, gates_from
from wecb.model.milestones import Milestone, MilestoneDate
from wecb.model.programme import Programme
from wecb.model.projects import Project

_FIRST_DAY = datetime.date(2010, 1, 1)


def milestone_dates() -> st.SearchStrategy[MilestoneDate]:
    """A date to the day, the month or the year."""
    days = st.dates(min_value=_FIRST_DAY, max_value=datetime.date(2030, 12, 31))
    return st.one_of(
        days.map(MilestoneDate.of),
        days.map(lambda d: MilestoneDate(year=d.year, month=d.month)),
        days.map(lambda d: MilestoneDate(year=d.year)),
    )


@st.composite
def decision_histories(
    draw: st.DrawFn, *, partner_keys: tuple[str, ...] = (), currency: str = "GBP"
) -> tuple[tuple[GateDecision, ...], Stage]:
    """Decisions in date order, each at a gate open from the stage the approved ones before
    it reached (from an idea), and the stage they leave the project at."""
    stage = draw(st.sampled_from([Stage.IDEA, Stage.STRATEGIC_OUTLINE_CASE]))
    day = draw(st.dates(min_value=_FIRST_DAY, max_value=datetime.date(2020, 1, 1)))
    decisions = []
    for _ in range(draw(st.integers(0, 4))):
        gates = gates_from(stage)
        if not gates:
            break
        gate = draw(st.sampled_from(gates))
        outcome = draw(st.sampled_from(DecisionOutcome))
        day += datetime.timedelta(days=draw(st.integers(0, 400)))
        bodies = st.sampled_from(["Programme Board", "Example Council Cabinet"])
        decided_by = draw(st.sampled_from(partner_keys) | bodies if partner_keys else bodies)
        conditions = (
            draw(optional_text()) if outcome is DecisionOutcome.APPROVED_WITH_CONDITIONS else None
        )
        decisions.append(
            GateDecision(
                gate=gate,
                date=day,
                decided_by=decided_by,
                outcome=outcome,
                conditions=conditions,
                table=draw(st.none() | cost_benefit_tables(consistent=None, currency=currency)),
                note=draw(optional_text()),
                source=draw(optional_text()),
            )
        )
        if outcome.moves:
            stage = TRANSITIONS[gate][1]
    return tuple(decisions), stage


@st.composite
def milestones(draw: st.DrawFn, *, project_keys: tuple[str, ...] = ()) -> tuple[Milestone, ...]:
    """Milestones with unique keys: points, spans and open ends."""
    keys = draw(st.lists(model_keys(), max_size=4, unique=True))
    out = []
    for key in keys:
        date = draw(milestone_dates())
        shape = draw(st.sampled_from(["point", "span", "onwards"]))
        until = None
        if shape == "span":
            end = draw(milestone_dates())
            if end.last_day() > date.first_day():
                until = end
        out.append(
            Milestone(
                key=key,
                label=draw(model_text()),
                date=date,
                until=until,
                onwards=shape == "onwards",
                project=draw(st.none() | st.sampled_from(project_keys)) if project_keys else None,
                note=draw(optional_text()),
                source=draw(optional_text()),
            )
        )
    return tuple(out)


@st.composite
def scheduled_programmes(draw: st.DrawFn) -> Programme:
    """A valid programme whose projects carry decision histories, with milestones."""
    programme = draw(programmes())
    partner_keys = tuple(p.key for p in programme.partners)
    projects: list[Project] = []
    for project in programme.projects:
        history, stage = draw(
            decision_histories(partner_keys=partner_keys, currency=programme.currency)
        )
        if history and not any(d.moves for d in history):
            stage = project.stage  # no approval: the stage is whatever it was
            if any(stage not in TRANSITIONS[d.gate][0] for d in history):
                history = ()
        projects.append(attrs.evolve(project, decisions=history, stage=stage))
    keys = tuple(p.key for p in programme.projects)
    return programme.evolve(
        projects=tuple(projects), milestones=draw(milestones(project_keys=keys))
    )
