"""A programme's timeline: its milestones, its gate decisions and its teams' start dates.

:func:`timeline` gathers, in date order, every dated thing a programme records: its
milestones (:mod:`wecb.model.milestones`), each project's gate decisions
(:mod:`wecb.model.decisions`) and the start of each team plan
(:class:`~wecb.model.facts.TeamPlan`). Each keeps its date exactly as precise as its
source (a day, a month or a year); in the order, a month or a year stands at its first
day, and entries on the same first day keep the order above (milestones, then decisions,
then team starts). :func:`timeline_plot` draws it with matplotlib (extra ``plot``),
imported only when a plot is drawn.

>>> from wecb.datasets import essex_2012
>>> entries = timeline(essex_2012()).entries
>>> [(e.when, e.kind) for e in entries[:3]]
[('2012-01 onwards', 'milestone'), ('2012-09', 'milestone'), ('2012-10', 'milestone')]
"""

from __future__ import annotations

import datetime
import os
from typing import TYPE_CHECKING, Any

import attrs

from wecb.core._validators import require_instance
from wecb.core.assumptions import Assumption, ResultRows, assumption_notes
from wecb.core.table import Column, Table, Tabular
from wecb.model.documents import source_text
from wecb.model.milestones import MilestoneDate
from wecb.model.programme import Programme
from wecb.present._figures import add_caption, finish, plot_axes
from wecb.present._plot_data import caption_lines

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["Timeline", "TimelineEntry", "latest_decisions", "timeline", "timeline_plot"]

_KINDS = ("milestone", "decision", "team plan")


@attrs.frozen(kw_only=True)
class TimelineEntry:
    """One dated entry: its kind (``"milestone"``, ``"decision"`` or ``"team plan"``), the
    project it belongs to (``None``: the programme), what happens, and when: ``date`` as
    precise as the source, with ``until`` for a span or ``onwards`` for an open end."""

    kind: str
    key: str
    project: str | None
    label: str
    date: MilestoneDate
    until: MilestoneDate | None = None
    onwards: bool = False
    source: str | None = None

    @property
    def when(self) -> str:
        """The date as text: ``"2012-11-01 to 2013-03"``, ``"2013-04 onwards"``."""
        if self.until is not None:
            return f"{self.date} to {self.until}"
        return f"{self.date} onwards" if self.onwards else str(self.date)

    def first_day(self) -> datetime.date:
        """The first day the entry covers."""
        return self.date.first_day()

    def last_day(self) -> datetime.date:
        """The last day the entry's date (or span) covers; an open end has none of its own,
        so this is the last day of its start."""
        return (self.until or self.date).last_day()


@attrs.frozen(kw_only=True)
class Timeline(Tabular):
    """The dated entries of a programme, in order (see the module notes)."""

    programme: str
    entries: tuple[TimelineEntry, ...]

    def assumptions(self) -> tuple[Assumption, ...]:
        """How the entries are dated and ordered."""
        return (
            Assumption(
                name="dates",
                value="as precise as each source states them (a day, a month or a year)",
            ),
            Assumption(
                name="order",
                value="by first day (a month or a year at its first day); on the same day "
                "milestones, then decisions, then team starts",
            ),
        )

    def rows(self) -> ResultRows:
        """One row per entry: when, first and last day, kind, project, what, source."""
        rows = [
            {
                "when": e.when,
                "first_day": e.first_day(),
                "last_day": None if e.onwards else e.last_day(),
                "kind": e.kind,
                "key": e.key,
                "project": e.project,
                "what": e.label,
                "source": e.source,
            }
            for e in self.entries
        ]
        return ResultRows(rows, assumptions=self.assumptions())

    def table(self) -> Table:
        """The entries in date order."""
        return Table(
            columns=(
                Column(key="when", align="left"),
                Column(key="kind", align="left"),
                Column(key="project", align="left"),
                Column(key="what", align="left"),
            ),
            rows=[(e.when, e.kind, e.project or "programme", e.label) for e in self.entries],
            title=f"Timeline of {self.programme}",
            notes=assumption_notes(self.assumptions()),
        )


def timeline(programme: Programme) -> Timeline:
    """The milestones, gate decisions and team starts of ``programme``, in date order."""
    require_instance("timeline programme", programme, Programme, "a Programme")
    entries: list[TimelineEntry] = [
        TimelineEntry(
            kind="milestone",
            key=m.key,
            project=m.project,
            label=m.label,
            date=m.date,
            until=m.until,
            onwards=m.onwards,
            source=source_text(m.source),
        )
        for m in programme.milestones
    ]
    for project in programme.projects:
        for index, decision in enumerate(project.decisions):
            entries.append(
                TimelineEntry(
                    kind="decision",
                    key=f"{project.key}.decisions[{index}]",
                    project=project.key,
                    label=f"{decision.gate.label}: {decision.outcome.value.replace('_', ' ')}"
                    f" ({decision.decided_by})",
                    date=MilestoneDate.of(decision.date),
                    source=source_text(decision.source),
                )
            )
    entries += [
        TimelineEntry(
            kind="team plan",
            key=plan.key,
            project=plan.project,
            label=f"{plan.teams} teams start, {plan.cases_per_team} {plan.unit} cases each",
            date=MilestoneDate(year=plan.start_year, month=plan.start_month),
            source=source_text(plan.source),
        )
        for plan in programme.team_plans
    ]
    ordered = sorted(entries, key=lambda e: (e.first_day(), _KINDS.index(e.kind)))
    return Timeline(programme=programme.name, entries=tuple(ordered))


def latest_decisions(programme: Programme) -> list[str]:
    """One line per project with a recorded gate decision: its latest decision (date, gate,
    outcome, who decided, conditions), or "no decision recorded" for the others when any
    project has one; empty when none has.

    >>> from wecb.datasets import essex_2012
    >>> latest_decisions(essex_2012())[0]
    'FBC1: 2012-10-30 Decision to progress to Full Business Case: approved (Essex County \
Council Cabinet)'
    """
    if not any(p.decisions for p in programme.projects):
        return []
    lines = []
    for project in programme.projects:
        if not project.decisions:
            lines.append(f"{project.key}: no decision recorded")
            continue
        last = project.decisions[-1]
        conditions = f"; conditions: {last.conditions}" if last.conditions else ""
        lines.append(
            f"{project.key}: {last.date.isoformat()} {last.gate.label}: "
            f"{last.outcome.value.replace('_', ' ')} ({last.decided_by}){conditions}"
        )
    return lines


def timeline_plot(
    subject: Timeline | Programme,
    *,
    title: str | None = None,
    ax: Axes | None = None,
    path: str | os.PathLike[str] | None = None,
) -> Figure:
    """The timeline drawn with matplotlib: one row per entry, a bar from its first to its
    last day (a day is a dot; an open end an arrow to the right), coloured by kind, labelled
    with its date as precise as its source, and a caption stating how entries are dated and
    ordered. Drawn into ``ax`` (a matplotlib Axes) when given, else on a new figure that
    shows itself in Jupyter; written to ``path`` (atomically, in the format its suffix
    names, PNG without one) when given."""
    line = subject if isinstance(subject, Timeline) else timeline(subject)
    entries = line.entries
    size = (9.0, 1.8 + 0.35 * max(1, len(entries)))
    fig, ax = plot_axes(ax, size, "timeline_plot")
    colours = {"milestone": "#1b6ca8", "decision": "#c0392b", "team plan": "#27ae60"}
    end = max((e.last_day() for e in entries), default=None)
    for row, entry in enumerate(entries):
        # matplotlib places dates on its axis itself (typed as numbers in its stubs).
        first: Any = entry.first_day()
        last: Any = entry.last_day()
        colour = colours[entry.kind]
        if entry.onwards and end is not None:  # a dashed line on past the last date
            open_end: Any = end + datetime.timedelta(days=60)
            ax.plot([first, open_end], [row, row], "--", color=colour, linewidth=1.5)
            ax.plot([open_end], [row], ">", color=colour)
        if first == last:
            ax.plot([first], [row], "o", color=colour)
        else:
            ax.plot([first, last], [row, row], "-", color=colour, linewidth=6)
    ax.set_yticks(range(len(entries)))
    ax.set_yticklabels([_tick(e) for e in entries], fontsize=7)
    ax.tick_params(axis="x", labelrotation=45, labelsize=7)
    ax.invert_yaxis()
    ax.set_title(title or line.table().title or "Timeline")
    add_caption(ax, caption_lines(line))
    return finish(fig, path)


def _tick(entry: TimelineEntry) -> str:
    owner = f"{entry.project}: " if entry.project else ""
    text = f"{owner}{entry.label}"
    return f"{entry.when}  {text if len(text) <= 50 else text[:49] + '…'}"
