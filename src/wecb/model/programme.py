"""The programme: partners, domains, projects and funding streams, validated as one graph.

Constructing a :class:`Programme` checks every reference between its parts and raises one
:class:`~wecb.errors.ProgrammeError` listing *every* problem found, each with its location:

>>> from wecb.model.domains import Domain, DomainKind
>>> from wecb.model.partners import Partner, PartnerKind
>>> from wecb.model.projects import Project, Stage
>>> health = Domain(key="health", name="Health and Wellbeing", kind=DomainKind.THEMATIC)
>>> ecc = Partner(key="ecc", name="Essex County Council", kind=PartnerKind.COUNTY_COUNCIL)
>>> fbc1 = Project(key="FBC1", title="Integrated Commissioning", domain="health",
...                leads=("ecc", "ccgs"), stage=Stage.FULL_BUSINESS_CASE)
>>> Programme(name="Example", place="Essex", partners=(ecc,), domains=(), projects=(fbc1,))
Traceback (most recent call last):
...
wecb.errors.ProgrammeError: programme is inconsistent (2 problems)
  - projects['FBC1'].domain: unknown domain 'health'; known: none
  - projects['FBC1'].leads[1]: unknown partner 'ccgs'; known: 'ecc'

Programmes are immutable; scenarios are validated copies:

>>> base = Programme(name="Example", place="Essex", partners=(ecc,), domains=(health,),
...                  projects=(attrs.evolve(fbc1, leads=("ecc",)),))
>>> smaller, dropped = base.without_project("FBC1")
>>> len(smaller.projects), len(base.projects)
(0, 1)
>>> print(dropped)
dropped project 'FBC1'
"""

from __future__ import annotations

import types
from collections.abc import Callable, Iterator, Mapping
from typing import Any, TypeVar

import attrs

from wecb.core._validators import (
    check_currency,
    check_instance,
    check_text,
    field,
    tuple_of,
    wrong_type,
)
from wecb.core.periods import OpenPeriod
from wecb.errors import ProgrammeError, UnknownKeyError
from wecb.model._column_checks import without_clean_columns
from wecb.model._references import References, duplicate_keys, known_keys
from wecb.model.actuals import Actual, actual_problems
from wecb.model.asks import Ask, ask_problems
from wecb.model.cashflows import CashFlow
from wecb.model.documents import Document, Source, citation_problems, source_field
from wecb.model.domains import Domain
from wecb.model.facts import Figure, TeamPlan
from wecb.model.funding import FundingStream
from wecb.model.milestones import Milestone, schedule_problems
from wecb.model.partners import Partner
from wecb.model.projects import Project

__all__ = ["Dropped", "Programme"]

T = TypeVar("T")


def _index(items: tuple[T, ...], key_of: Callable[[T], str]) -> types.MappingProxyType[str, T]:
    return types.MappingProxyType({key_of(item): item for item in items})


@attrs.frozen(kw_only=True)
class Programme:
    """A whole place community budget programme.

    ``periods`` lists the open periods (buckets that are not one financial year) used
    anywhere in the programme, so that every period is defined once; financial years need no
    listing. ``currency`` is the one currency of every amount.

    Graph checks (each reported with its location): unique keys of partners, domains,
    projects, funding streams and open periods; every partner (project leads, cost payers,
    benefit beneficiaries, stream funders), domain, stream, project (stream recipients) and
    open period referenced is known, and each open period used equals the programme's
    definition of that key; every amount is in the programme's currency; a cost's stream is
    not given to another project; a stream entering a project (its recipient, or drawn
    on by the project's costs when it has no recipient) fits the project's integration level
    under :data:`wecb.model.integration.POOLING_RULE` when the project gives a level; and
    funding streams hold: a cost draws on a stream only within the stream's periods, and the
    costs drawn on a stream stay within its amount in each period (the rules are in
    :mod:`wecb.model.funding`), each problem naming the stream, the period, the amount drawn
    and the amount available.
    """

    name: str = attrs.field(validator=field(check_text))
    place: str = attrs.field(validator=field(check_text))
    partners: tuple[Partner, ...] = attrs.field(
        validator=field(tuple_of(check_instance(Partner, "Partner(...)"), what="Partner"))
    )
    domains: tuple[Domain, ...] = attrs.field(
        validator=field(tuple_of(check_instance(Domain, "Domain(...)"), what="Domain"))
    )
    projects: tuple[Project, ...] = attrs.field(
        validator=field(tuple_of(check_instance(Project, "Project(...)"), what="Project"))
    )
    funding_streams: tuple[FundingStream, ...] = attrs.field(
        default=(),
        validator=field(
            tuple_of(check_instance(FundingStream, "FundingStream(...)"), what="FundingStream")
        ),
    )
    periods: tuple[OpenPeriod, ...] = attrs.field(
        default=(),
        validator=field(
            tuple_of(check_instance(OpenPeriod, "OpenPeriod(key=..., label=...)"), what="period")
        ),
    )
    notes: tuple[str, ...] = attrs.field(
        default=(), validator=field(tuple_of(check_text, what="string"))
    )
    #: Figures the sources publish that are not cash flows (see :mod:`wecb.model.facts`).
    figures: tuple[Figure, ...] = attrs.field(
        default=(),
        validator=field(tuple_of(check_instance(Figure, "Figure(key=..., ...)"), what="Figure")),
    )
    #: Planned deployments of teams (see :mod:`wecb.model.facts`).
    team_plans: tuple[TeamPlan, ...] = attrs.field(
        default=(),
        validator=field(
            tuple_of(check_instance(TeamPlan, "TeamPlan(key=..., ...)"), what="TeamPlan")
        ),
    )
    #: The asks of government (see :mod:`wecb.model.asks`): each names its project and the
    #: departments (partners) it is addressed to; lines name the asks they require.
    asks: tuple[Ask, ...] = attrs.field(
        default=(),
        validator=field(tuple_of(check_instance(Ask, "Ask(key=..., ...)"), what="Ask")),
    )
    currency: str = attrs.field(default="GBP", validator=field(check_currency))
    source: Source | None = source_field()
    #: Dated milestones of the programme and its projects (see :mod:`wecb.model.milestones`).
    milestones: tuple[Milestone, ...] = attrs.field(
        default=(),
        validator=field(
            tuple_of(check_instance(Milestone, "Milestone(key=..., ...)"), what="Milestone")
        ),
    )
    #: Amounts realised against the plan (see :mod:`wecb.model.actuals`).
    actuals: tuple[Actual, ...] = attrs.field(
        default=(),
        validator=field(
            tuple_of(check_instance(Actual, "Actual(project=..., line=..., ...)"), what="Actual")
        ),
    )

    #: The documents that citations name (see :mod:`wecb.model.documents`).
    documents: tuple[Document, ...] = attrs.field(
        default=(),
        validator=field(
            tuple_of(check_instance(Document, "Document(key=..., ...)"), what="Document")
        ),
    )

    _partners: Mapping[str, Partner] = attrs.field(init=False, repr=False, eq=False)
    _domains: Mapping[str, Domain] = attrs.field(init=False, repr=False, eq=False)
    _projects: Mapping[str, Project] = attrs.field(init=False, repr=False, eq=False)
    _streams: Mapping[str, FundingStream] = attrs.field(init=False, repr=False, eq=False)
    _periods: Mapping[str, OpenPeriod] = attrs.field(init=False, repr=False, eq=False)
    # What readers derive from the programme (a rollup's lines), kept with it: see _kept.
    _derived: dict[str, object] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        problems = duplicate_keys(
            (
                ("partners", [p.key for p in self.partners]),
                ("domains", [d.key for d in self.domains]),
                ("projects", [p.key for p in self.projects]),
                ("funding_streams", [s.key for s in self.funding_streams]),
                ("periods", [p.key for p in self.periods]),
                ("figures", [f.key for f in self.figures]),
                ("team_plans", [t.key for t in self.team_plans]),
                ("asks", [a.key for a in self.asks]),
                ("documents", [d.key for d in self.documents]),
            )
        )
        # Later duplicates do not shadow the first definition in the indexes.
        set_ = object.__setattr__
        set_(self, "_partners", _index(self.partners[::-1], lambda p: p.key))
        set_(self, "_domains", _index(self.domains[::-1], lambda d: d.key))
        set_(self, "_projects", _index(self.projects[::-1], lambda p: p.key))
        set_(self, "_streams", _index(self.funding_streams[::-1], lambda s: s.key))
        set_(self, "_periods", _index(self.periods[::-1], lambda p: p.key))
        set_(self, "_derived", {})
        # Flows held as columns are checked once per distinct value (see _column_checks).
        checked = without_clean_columns(
            self.projects,
            partners=self._partners,
            periods=self._periods,
            currency=self.currency,
            asks={a.key for a in self.asks},
            documents={d.key for d in self.documents},
        )
        references = References(
            partners=self._partners,
            domains=self._domains,
            projects=self._projects,
            streams=self._streams,
            periods=self._periods,
            currency=self.currency,
        )
        problems += references.problems(
            checked, self.funding_streams, self.figures, self.team_plans
        )
        by_key = self._projects if self.actuals else _index(checked[::-1], lambda p: p.key)
        problems += actual_problems(self.actuals, by_key, self.currency)
        problems += schedule_problems(self._projects, self._partners, self.milestones)
        problems += ask_problems(self.asks, checked, self._partners, known_keys)
        cited = {d.key for d in self.documents}
        parts = {a.name: getattr(self, a.name) for a in attrs.fields(Programme) if a.init}
        parts["projects"] = checked
        problems += citation_problems(parts.items(), cited, known_keys(cited))
        if problems:
            raise ProgrammeError(problems)

    def _kept(self, name: str, build: Callable[[], T]) -> T:
        """What ``build`` derives from the programme, built once under ``name`` and kept
        (programmes are immutable; a copy starts afresh)."""
        found = self._derived.get(name)
        if found is None:
            found = self._derived[name] = build()
        return found  # type: ignore[return-value]

    def __repr__(self) -> str:
        # Short for the REPL: the full attrs repr of a real programme runs to pages.
        counts = ", ".join(
            f"{len(items)} {name}{'' if len(items) == 1 else 's'}"
            for name, items in (
                ("partner", self.partners),
                ("domain", self.domains),
                ("project", self.projects),
                ("funding stream", self.funding_streams),
                ("figure", self.figures),
            )
        )
        return f"<Programme {self.name!r} ({self.place}): {counts}>"

    # -- pickle and copy -----------------------------------------------------------------

    def __reduce__(self) -> tuple[Callable[[dict[str, Any]], Programme], tuple[dict[str, Any]]]:
        # Through the constructor: the lookup indexes are mapping proxies, which cannot be
        # pickled or deep-copied, and rebuilding checks the graph again.
        fields = {a.name: getattr(self, a.name) for a in attrs.fields(Programme) if a.init}
        return (_programme, (fields,))

    # -- lookups -------------------------------------------------------------------------

    def partner(self, key: str) -> Partner:
        """The partner with ``key``."""
        return _lookup("partner", key, self._partners)

    def domain(self, key: str) -> Domain:
        """The domain with ``key``."""
        return _lookup("domain", key, self._domains)

    def project(self, key: str) -> Project:
        """The project with ``key``."""
        return _lookup("project", key, self._projects)

    def stream(self, key: str) -> FundingStream:
        """The funding stream with ``key``."""
        return _lookup("stream", key, self._streams)

    def period(self, key: str) -> OpenPeriod:
        """The open period with ``key``."""
        return _lookup("period", key, self._periods)

    def figure(self, key: str) -> Figure:
        """The published figure with ``key``."""
        return _lookup("figure", key, types.MappingProxyType({f.key: f for f in self.figures}))

    def team_plan(self, key: str) -> TeamPlan:
        """The team plan with ``key``."""
        plans = types.MappingProxyType({t.key: t for t in self.team_plans})
        return _lookup("team plan", key, plans)

    def ask(self, key: str) -> Ask:
        """The ask of government with ``key``."""
        return _lookup("ask", key, types.MappingProxyType({a.key: a for a in self.asks}))

    def cash_flows(self) -> Iterator[tuple[Project, CashFlow]]:
        """Every cash flow of every project, with its project, in programme order."""
        for project in self.projects:
            for flow in project.cash_flows:
                yield project, flow

    # -- scenarios -----------------------------------------------------------------------

    def evolve(self, **changes: Any) -> Programme:
        """A validated copy with ``changes`` applied (the original is unchanged)."""
        return attrs.evolve(self, **changes)

    def with_project(self, project: Project) -> Programme:
        """A validated copy with ``project`` replacing the project of the same key, or added
        at the end if no project has that key."""
        if not isinstance(project, Project):
            wrong_type("Programme.with_project.project", project, "a Project")
        if project.key in self._projects:
            projects = tuple(project if p.key == project.key else p for p in self.projects)
        else:
            projects = (*self.projects, project)
        return attrs.evolve(self, projects=projects)

    def without_project(self, key: str, *, cascade: bool = True) -> tuple[Programme, Dropped]:
        """A validated copy without the project ``key``, and what was dropped with it.

        With ``cascade`` (the default) the funding streams given to the project, the
        figures about it, its team plans, its actuals and its asks go too, and
        :class:`Dropped` lists them; with ``cascade=False`` only the project goes, and
        anything still referring to it is reported as a
        :class:`~wecb.errors.ProgrammeError`. Streams the project drew on but that are not
        given to it (the programme's, or unassigned ones) stay.
        """
        project = self.project(key)
        if not isinstance(cascade, bool):
            wrong_type("Programme.without_project.cascade", cascade, "True or False")
        dropped = Dropped(project=project)
        if cascade:
            dropped = Dropped(
                project=project,
                funding_streams=tuple(s for s in self.funding_streams if s.recipient == key),
                figures=tuple(f for f in self.figures if f.project == key),
                team_plans=tuple(t for t in self.team_plans if t.project == key),
                actuals=tuple(a for a in self.actuals if a.project == key),
                asks=tuple(a for a in self.asks if a.project == key),
            )
        smaller = attrs.evolve(
            self,
            projects=tuple(p for p in self.projects if p is not project),
            funding_streams=_kept(self.funding_streams, dropped.funding_streams),
            figures=_kept(self.figures, dropped.figures),
            team_plans=_kept(self.team_plans, dropped.team_plans),
            actuals=_kept(self.actuals, dropped.actuals),
            asks=_kept(self.asks, dropped.asks),
        )
        return smaller, dropped


@attrs.frozen(kw_only=True)
class Dropped:
    """What :meth:`Programme.without_project` took out: the project and, with ``cascade``,
    the funding streams given to it, the figures about it, its team plans and its actuals
    (each in programme order).

    >>> from wecb.datasets import essex_2012
    >>> smaller, dropped = essex_2012().without_project("FBC2")
    >>> print(dropped)
    dropped project 'FBC2', 1 funding stream ('skills_funding'), 1 figure \
('additional_apprenticeships'), 5 asks ('FBC2_ask_1', 'FBC2_ask_2', 'FBC2_ask_3', \
'FBC2_ask_4', 'FBC2_ask_5')
    """

    project: Project
    funding_streams: tuple[FundingStream, ...] = ()
    figures: tuple[Figure, ...] = ()
    team_plans: tuple[TeamPlan, ...] = ()
    actuals: tuple[Actual, ...] = ()
    asks: tuple[Ask, ...] = ()

    def __str__(self) -> str:
        parts = [f"dropped project {self.project.key!r}"]
        for what, keys in (
            ("funding stream", [s.key for s in self.funding_streams]),
            ("figure", [f.key for f in self.figures]),
            ("team plan", [t.key for t in self.team_plans]),
            ("actual", [f"{a.line} {a.year}" for a in self.actuals]),
            ("ask", [a.key for a in self.asks]),
        ):
            if keys:
                plural = "s" if len(keys) != 1 else ""
                parts.append(f"{len(keys)} {what}{plural} ({', '.join(map(repr, keys))})")
        return ", ".join(parts)


def _kept(items: tuple[T, ...], dropped: tuple[T, ...]) -> tuple[T, ...]:
    """``items`` without those in ``dropped`` (by identity: equal parts stay distinct)."""
    gone = {id(item) for item in dropped}
    return tuple(item for item in items if id(item) not in gone)


def _programme(fields: dict[str, Any]) -> Programme:
    return Programme(**fields)


def _lookup(what: str, key: str, index: Mapping[str, T]) -> T:
    if not isinstance(key, str):
        wrong_type(f"Programme.{what}.key", key, "a key string")
    try:
        return index[key]
    except KeyError:
        raise UnknownKeyError(
            f"Programme.{what}: unknown {what} {key!r}; known: {known_keys(index)}"
        ) from None
