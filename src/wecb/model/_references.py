"""The references between a programme's parts, checked as one graph.

:class:`~wecb.model.programme.Programme` indexes its parts by key and hands the indexes to
:class:`References`, which lists every problem with its location: an unknown partner,
domain, project, funding stream or open period; an open period that differs from the
programme's definition of its key; an amount in another currency; a stream given to another
project; a stream entering a project below the integration level its pooling needs
(:data:`wecb.model.integration.POOLING_RULE`); a cost drawing on a stream outside the
stream's periods, or costs drawing more than the stream gives in a period (the rules are in
:mod:`wecb.model.funding`). The programme raises them together as one
:class:`~wecb.errors.ProgrammeError`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

import attrs

from wecb.core.money import Money
from wecb.core.periods import OpenPeriod, Period, period_sort_key
from wecb.model.cashflows import CashFlow, Nature
from wecb.model.domains import Domain
from wecb.model.facts import Figure, TeamPlan
from wecb.model.funding import PROGRAMME, FundingStream
from wecb.model.integration import permits
from wecb.model.partners import Partner
from wecb.model.projects import Project

_KNOWN_SHOWN = 12
#: How many of the costs drawing on an overdrawn stream a problem names.
_DRAWERS_SHOWN: Final = 5


def known_keys(keys: Iterable[str]) -> str:
    """The keys, sorted and quoted, for an error message (the first 12, then a count)."""
    ordered = sorted(set(keys))
    if not ordered:
        return "none"
    shown = ", ".join(repr(k) for k in ordered[:_KNOWN_SHOWN])
    more = len(ordered) - _KNOWN_SHOWN
    return shown + (f", ... ({more} more)" if more > 0 else "")


def duplicate_keys(parts: Iterable[tuple[str, Iterable[str]]]) -> list[str]:
    """A problem for each key repeated within a part: ``(name of the part, its keys)``."""
    problems: list[str] = []
    for name, keys in parts:
        first: dict[str, int] = {}
        for index, key in enumerate(keys):
            if key in first:
                problems.append(
                    f"{name}[{index}].key: duplicate key {key!r} (also at {name}[{first[key]}])"
                )
            else:
                first[key] = index
    return problems


@attrs.frozen(kw_only=True)
class References:
    """What a programme's parts may refer to: its parts by key, and its currency."""

    partners: Mapping[str, Partner]
    domains: Mapping[str, Domain]
    projects: Mapping[str, Project]
    streams: Mapping[str, FundingStream]
    periods: Mapping[str, OpenPeriod]
    currency: str

    def problems(
        self,
        projects: tuple[Project, ...],
        funding_streams: tuple[FundingStream, ...],
        figures: tuple[Figure, ...],
        team_plans: tuple[TeamPlan, ...],
    ) -> list[str]:
        """Every broken reference of the parts given, in programme order."""
        problems: list[str] = []
        draws = _Draws()
        for index, project in enumerate(projects):
            if project.key == PROGRAMME:
                problems.append(
                    f"projects[{index}].key: {PROGRAMME!r} is reserved (a funding stream's "
                    "recipient naming the whole programme)"
                )
        for project in projects:
            problems.extend(self._project_problems(project, draws))
        for stream in funding_streams:
            problems.extend(self._stream_problems(stream))
        problems.extend(self._overdraft_problems(draws))
        problems.extend(self._fact_problems(figures, team_plans))
        return problems

    def _partner_problem(self, where: str, key: str | None) -> list[str]:
        if key is None or key in self.partners:
            return []
        return [f"{where}: unknown partner {key!r}; known: {known_keys(self.partners)}"]

    def _period_problem(self, where: str, period: Period) -> list[str]:
        if not isinstance(period, OpenPeriod):
            return []
        known = self.periods.get(period.key)
        if known is None:
            return [
                f"{where}: unknown open period {period.key!r}; list it in Programme.periods; "
                f"known: {known_keys(self.periods)}"
            ]
        if known != period:
            return [
                f"{where}: open period {period.key!r} is {period!r}, but the programme "
                f"defines {known!r}"
            ]
        return []

    def _currency_problem(self, where: str, money: Money | None) -> list[str]:
        if money is None or money.currency == self.currency:
            return []
        return [
            f"{where}: amount {money} is in {money.currency}, "
            f"but the programme's currency is {self.currency}"
        ]

    def _pooling_problem(self, where: str, stream: FundingStream, project: Project) -> list[str]:
        level = project.integration_level
        if level is None or permits(level, stream.arrangement):
            return []
        needed = stream.arrangement.minimum_integration_level
        return [
            f"{where}: stream {stream.key!r} enters project {project.key!r} as "
            f"{stream.arrangement.value}, which needs integration level {int(needed)} "
            f"({needed.label}) or above, but the project is at level {int(level)} "
            f"({level.label})"
        ]

    def _project_problems(self, project: Project, draws: _Draws) -> list[str]:
        at = f"projects[{project.key!r}]"
        problems: list[str] = []
        if project.domain not in self.domains:
            problems.append(
                f"{at}.domain: unknown domain {project.domain!r}; "
                f"known: {known_keys(self.domains)}"
            )
        for index, lead in enumerate(project.leads):
            problems += self._partner_problem(f"{at}.leads[{index}]", lead)
        table = project.table
        if table is not None:
            if table.currency != self.currency:
                problems.append(
                    f"{at}.table: figures are in {table.currency}, "
                    f"but the programme's currency is {self.currency}"
                )
            for index, period in enumerate(table.cost_periods):
                problems += self._period_problem(f"{at}.table.cost_periods[{index}]", period)
            problems += self._period_problem(f"{at}.table.benefit_period", table.benefit_period)
        for index, flow in enumerate(project.flows):
            problems += self._flow_problems(f"{at}.flows[{index}]", project, flow, draws)
        for index, flow in enumerate(project.counterfactual):
            problems += self._counterfactual_problems(f"{at}.counterfactual[{index}]", flow)
        return problems

    def _counterfactual_problems(self, where: str, flow: CashFlow) -> list[str]:
        """A business-as-usual flow's references: as a flow's, but it draws on no stream
        (streams fund the project; business as usual is what happens without it)."""
        problems = self._currency_problem(f"{where}.amount", flow.amount)
        problems += self._period_problem(f"{where}.period", flow.period)
        problems += self._partner_problem(f"{where}.payer", flow.payer)
        problems += self._partner_problem(f"{where}.beneficiary", flow.beneficiary)
        if flow.stream is not None:
            problems.append(
                f"{where}.stream: {flow.stream!r} is not accepted; a business-as-usual "
                "(counterfactual) flow draws on no funding stream (streams fund the project): "
                "leave stream out"
            )
        return problems

    def _flow_problems(
        self, where: str, project: Project, flow: CashFlow, draws: _Draws
    ) -> list[str]:
        problems = self._currency_problem(f"{where}.amount", flow.amount)
        problems += self._period_problem(f"{where}.period", flow.period)
        problems += self._partner_problem(f"{where}.payer", flow.payer)
        problems += self._partner_problem(f"{where}.beneficiary", flow.beneficiary)
        if flow.stream is None:
            return problems
        stream = self.streams.get(flow.stream)
        if stream is None:
            problems.append(
                f"{where}.stream: unknown funding stream {flow.stream!r}; "
                f"known: {known_keys(self.streams)}"
            )
        elif stream.recipient not in (None, PROGRAMME, project.key):
            problems.append(
                f"{where}.stream: stream {stream.key!r} is given to project "
                f"{stream.recipient!r}, not to {project.key!r}"
            )
        elif stream.recipient is None and flow.nature is Nature.COST:
            problems += self._pooling_problem(f"{where}.stream", stream, project)
        if stream is not None and flow.nature is Nature.COST:
            problems += self._draw_problem(f"{where}.stream", stream, flow, draws)
        return problems

    def _draw_problem(
        self, where: str, stream: FundingStream, flow: CashFlow, draws: _Draws
    ) -> list[str]:
        """Record the cost's draw on ``stream``; a problem when its period is outside the
        stream's periods."""
        counted = flow.currency == self.currency  # else a currency problem, not summed
        if draws.add(stream, flow.period, flow.amount if counted else None, where):
            return []
        listed = ", ".join(str(p) for p in sorted(stream.periods, key=period_sort_key))
        return [
            f"{where}: a cost in {flow.period} draws on stream {stream.key!r}, which covers "
            f"only {listed}; list {flow.period} in the stream's periods, or draw the cost on "
            "another stream"
        ]

    def _overdraft_problems(self, draws: _Draws) -> list[str]:
        """A problem for each period in which costs draw more than a stream gives."""
        problems: list[str] = []
        for key, periods in draws.by_stream().items():
            stream = self.streams[key]
            if stream.amount is not None and stream.amount.currency != self.currency:
                continue  # reported as a currency problem; the sums cannot be compared
            drawn = {p: d.total for p, d in periods.items() if d.total is not None}
            for overdraft in stream.overdrawn(drawn):
                counted = [periods[p] for p in overdraft.counted]
                drawers = [w.removesuffix(".stream") for d in counted for w in d.drawers]
                shown = ", ".join(drawers[:_DRAWERS_SHOWN])
                more = sum(d.count for d in counted) - _DRAWERS_SHOWN
                shown += f" and {more} more" if more > 0 else ""
                problems.append(
                    f"funding_streams[{key!r}]: overdrawn: {overdraft}; drawn by {shown}"
                )
        return problems

    def _stream_problems(self, stream: FundingStream) -> list[str]:
        at = f"funding_streams[{stream.key!r}]"
        problems = self._partner_problem(f"{at}.funder", stream.funder)
        problems += self._currency_problem(f"{at}.amount", stream.amount)
        for index, period in enumerate(stream.periods):
            problems += self._period_problem(f"{at}.periods[{index}]", period)
        recipient = stream.recipient
        if recipient is not None and recipient != PROGRAMME:
            project = self.projects.get(recipient)
            if project is None:
                problems.append(
                    f"{at}.recipient: unknown project {recipient!r}; known: "
                    f"{known_keys(self.projects)} (or {PROGRAMME!r} for the whole programme)"
                )
            else:
                problems += self._pooling_problem(f"{at}.arrangement", stream, project)
        return problems

    def _fact_problems(
        self, figures: tuple[Figure, ...], team_plans: tuple[TeamPlan, ...]
    ) -> list[str]:
        problems: list[str] = []
        for figure in figures:
            at = f"figures[{figure.key!r}]"
            if figure.domain is not None and figure.domain not in self.domains:
                problems.append(
                    f"{at}.domain: unknown domain {figure.domain!r}; "
                    f"known: {known_keys(self.domains)}"
                )
            if figure.project is not None and figure.project not in self.projects:
                problems.append(
                    f"{at}.project: unknown project {figure.project!r}; "
                    f"known: {known_keys(self.projects)}"
                )
            problems += self._currency_problem(f"{at}.amount", figure.amount)
        for plan in team_plans:
            if plan.project not in self.projects:
                problems.append(
                    f"team_plans[{plan.key!r}].project: unknown project {plan.project!r}; "
                    f"known: {known_keys(self.projects)}"
                )
        return problems


class _Draw:
    """The costs drawing on one stream in one period in the programme's currency: their sum
    (``None`` while there are none), their number and where the first few are; and whether
    the stream covers the period."""

    __slots__ = ("count", "covered", "drawers", "total")

    def __init__(self, covered: bool) -> None:
        self.total: Money | None = None
        self.count = 0
        self.drawers: list[str] = []
        self.covered = covered


class _Draws:
    """What costs draw on each stream, gathered in the one pass over the flows (one lookup
    per cost; whether a stream covers a period is worked out once)."""

    def __init__(self) -> None:
        self._draws: dict[tuple[str, Period], _Draw] = {}

    def add(self, stream: FundingStream, period: Period, amount: Money | None, where: str) -> bool:
        """Count a cost (``amount`` ``None`` when it cannot be summed); whether the stream
        covers its period."""
        key = (stream.key, period)
        draw = self._draws.get(key)
        if draw is None:
            draw = self._draws[key] = _Draw(stream.covers(period))
        if amount is not None:
            draw.total = amount if draw.total is None else draw.total + amount
            draw.count += 1
            if len(draw.drawers) < _DRAWERS_SHOWN:
                draw.drawers.append(where)
        return draw.covered

    def by_stream(self) -> dict[str, dict[Period, _Draw]]:
        """The draws of each stream, by period."""
        out: dict[str, dict[Period, _Draw]] = {}
        for (stream, period), draw in self._draws.items():
            out.setdefault(stream, {})[period] = draw
        return out
