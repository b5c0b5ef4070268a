"""Building a programme from a builder's recorded calls (private to :mod:`wecb.model`).

Each call becomes a model object (its own checks run: a problem is named by the call, such
as ``line 3 (project 'triage', 2015/16)``), then the objects built become a
:class:`~wecb.model.programme.Programme`, whose graph problems are named by the call too,
in the programme's own words. A reference to something whose own call failed is not
reported again (the failed call is).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import partial
from typing import Any, Final, TypeVar

import attrs

from wecb.core.money import Money
from wecb.core.periods import OpenPeriod, Period
from wecb.errors import ProgrammeError, ValidationError, WecbError, WecbTypeError
from wecb.model._builder_values import (
    as_count,
    as_level,
    as_member,
    as_money,
    as_period,
    as_year,
)
from wecb.model._references import known_keys
from wecb.model.asks import Ask, AskKind, AskStatus
from wecb.model.cashflows import CashFlow, CostType, Nature, ValueType
from wecb.model.domains import Domain, DomainKind
from wecb.model.facts import Figure, FigureKind, Qualifier, TeamPlan
from wecb.model.funding import FundingBasis, FundingStream
from wecb.model.integration import PoolingArrangement
from wecb.model.partners import Partner, PartnerKind
from wecb.model.programme import Programme
from wecb.model.projects import Project, Stage

__all__ = ["Call", "programme_from_calls"]

_T = TypeVar("_T")

#: The programme's parts made by the calls, as ``Programme`` names them in its problems.
_PARTS: Final = (
    "periods",
    "partners",
    "domains",
    "funding_streams",
    "projects",
    "figures",
    "team_plans",
    "asks",
)
#: The words ``Programme`` uses for a reference it cannot resolve, by the call defining it.
_UNKNOWN: Final = {
    "partner": "partner",
    "domain": "domain",
    "project": "project",
    "funding stream": "stream",
    "open period": "period",
    "ask": "ask",
}
_FLOW_AT: Final = re.compile(r"projects\['([^']*)'\]\.(flows|counterfactual)\[(\d+)\]")
_INDEX_AT: Final = re.compile(r"(" + "|".join(_PARTS) + r")\[(\d+)\]")
_KEY_AT: Final = re.compile(r"(" + "|".join(_PARTS) + r")\['([^']*)'\]")
_UNKNOWN_KEY: Final = re.compile(r": unknown (" + "|".join(_UNKNOWN) + r") '([^']*)'")


@attrs.frozen
class Call:
    """One recorded builder call: the method, its number among the calls of that method
    (from 1), the key it defines (the project, for a line) and its arguments."""

    method: str
    number: int
    key: object
    arguments: Mapping[str, Any]

    @property
    def label(self) -> str:
        """The call in a message, e.g. ``partner 2 ('ecc')``, ``line 3 (project 'triage')``."""
        return self.at(None)

    def at(self, periods: str | None) -> str:
        """The label, naming ``periods`` of a line when given: ``line 3 (project 'triage',
        2015/16)``."""
        if self.method != "line":
            return f"{self.method.replace('_', ' ')} {self.number} ({self.key!r})"
        where = "" if periods is None else f", {periods}"
        return f"line {self.number} (project {self.key!r}{where})"


@attrs.define
class _Built:
    """What the calls built so far, and the problems found."""

    problems: list[str] = attrs.Factory(list)
    #: Per part: the objects built and the call that built each.
    parts: dict[str, list[tuple[Any, Call]]] = attrs.Factory(lambda: {part: [] for part in _PARTS})
    #: The keys whose defining call failed, by method.
    failed: dict[str, set[str]] = attrs.Factory(dict)
    #: Per project key and flow field: the line call and period of each flow, by index.
    flows: dict[tuple[str, str], list[tuple[Call, Period]]] = attrs.Factory(dict)

    def attempt(self, call: Call, make: Callable[[], _T], part: str | None = None) -> _T | None:
        """``make()``, or ``None`` with its problem recorded under the call's label."""
        try:
            made = make()
        except WecbError as exc:
            self.problems.append(f"{call.label}: {exc}")
            if isinstance(call.key, str):
                self.failed.setdefault(call.method, set()).add(call.key)
            return None
        if part is not None:
            self.parts[part].append((made, call))
        return made

    def objects(self, part: str) -> tuple[Any, ...]:
        return tuple(made for made, _ in self.parts[part])


def programme_from_calls(header: Mapping[str, Any], calls: Sequence[Call]) -> Programme:
    """The programme the ``calls`` describe; raises one :class:`~wecb.errors.ProgrammeError`
    listing every problem, each named by its call."""
    built = _Built()
    by_method: dict[str, list[Call]] = {}
    for call in calls:
        by_method.setdefault(call.method, []).append(call)
    currency: str = header["currency"]
    for call in by_method.get("period", []):
        built.attempt(call, partial(_open_period, call), "periods")
    periods: tuple[OpenPeriod, ...] = built.objects("periods")
    for call in by_method.get("partner", []):
        built.attempt(call, partial(_partner, call), "partners")
    for call in by_method.get("domain", []):
        built.attempt(call, partial(_domain, call), "domains")
    for call in by_method.get("stream", []):
        built.attempt(call, partial(_stream, call, currency, periods), "funding_streams")
    lines = _lines(built, by_method, currency, periods)
    for call in by_method.get("project", []):
        held = lines.pop(call.key, ((), ())) if isinstance(call.key, str) else ((), ())
        built.attempt(call, partial(_project, call, *held), "projects")
    for call in by_method.get("figure", []):
        built.attempt(call, partial(_figure, call, currency), "figures")
    for call in by_method.get("team_plan", []):
        built.attempt(call, partial(_team_plan, call), "team_plans")
    for call in by_method.get("ask", []):
        built.attempt(call, partial(_ask, call), "asks")
    parts: dict[str, Any] = {part: built.objects(part) for part in _PARTS}
    try:
        programme = Programme(**header, **parts)
    except ProgrammeError as exc:
        problems = built.problems + list(_named(built, exc.problems))
        raise ProgrammeError(problems, exc.more) from None
    if built.problems:
        raise ProgrammeError(built.problems)
    return programme


def _lines(
    built: _Built,
    by_method: Mapping[str, list[Call]],
    currency: str,
    periods: tuple[OpenPeriod, ...],
) -> dict[str, tuple[tuple[CashFlow, ...], tuple[CashFlow, ...]]]:
    """The flows and business-as-usual flows of each project key, from the line calls in
    order; a line naming no project called is a problem (its flows are checked all the
    same)."""
    projects = {call.key for call in by_method.get("project", []) if isinstance(call.key, str)}
    out: dict[str, tuple[list[CashFlow], list[CashFlow]]] = {}
    for call in by_method.get("line", []):
        if not isinstance(call.key, str) or call.key not in projects:
            shown = known_keys(projects)
            built.problems.append(f"{call.label}: unknown project {call.key!r}; known: {shown}")
            _ = list(_line_flows(built, call, currency, periods))  # checked, not kept
            continue
        flows, counterfactual = out.setdefault(call.key, ([], []))
        field = "counterfactual" if call.arguments["counterfactual"] else "flows"
        held = counterfactual if field == "counterfactual" else flows
        for period, flow in _line_flows(built, call, currency, periods):
            held.append(flow)
            built.flows.setdefault((call.key, field), []).append((call, period))
    return {key: (tuple(f), tuple(b)) for key, (f, b) in out.items()}


def _line_flows(
    built: _Built, call: Call, currency: str, periods: tuple[OpenPeriod, ...]
) -> Iterator[tuple[Period, CashFlow]]:
    """The flows of one line call, in the order of its amounts; its problems recorded, each
    naming the periods it concerns (a problem of the line's attributes, which every period
    shares, is listed once, for the line)."""
    arguments = dict(call.arguments)
    amounts = arguments.pop("amounts")
    del arguments["counterfactual"]
    if not isinstance(amounts, Mapping) or not amounts:
        built.problems.append(f"{call.label}: {_no_amounts(amounts)}")
        return
    try:
        attributes = _flow_attributes(arguments)
    except WecbError as exc:
        built.problems.append(f"{call.label}: {exc}")
        return
    read: list[tuple[str, Period, Money]] = []
    seen: dict[Period, object] = {}
    for given, amount in amounts.items():
        try:
            period = as_period("CashFlow.period", given, periods)
            money = as_money("CashFlow.amount", amount, currency)
        except WecbError as exc:
            built.problems.append(f"{call.at(_period_name(given))}: {exc}")
            continue
        if period in seen:
            built.problems.append(
                f"{call.at(_period_name(given))}: amounts: period {period} is given twice "
                f"({seen[period]!r} and {given!r})"
            )
            continue
        seen[period] = given
        read.append((_period_name(given), period, money))
    found: dict[str, list[str]] = {}
    for given, period, money in read:
        try:
            yield period, CashFlow(amount=money, period=period, **attributes)
        except WecbError as exc:
            found.setdefault(str(exc), []).append(given)
    for message, where in found.items():
        # A problem of the line's attributes is every period's; an amount's is its own.
        shared = len(where) == len(read) and not message.startswith("CashFlow.amount:")
        built.problems.append(f"{call.at(None if shared else ', '.join(where))}: {message}")


def _period_name(period: object) -> str:
    """A period in a call's label: an open period by its key, anything else as text."""
    return period.key if isinstance(period, OpenPeriod) else str(period)


def _no_amounts(amounts: object) -> WecbError:
    example = "{'2014/15': '£120,000.00'}"
    if isinstance(amounts, Mapping):
        return ValidationError(f"amounts: no periods given; give at least one, such as {example}")
    return WecbTypeError.not_accepted(
        "amounts", amounts, f"a mapping of periods to money, such as {example}"
    )


def _flow_attributes(arguments: dict[str, Any]) -> dict[str, Any]:
    attributes = {k: v for k, v in arguments.items() if v is not None}
    for name, kind in (("nature", Nature), ("cost_type", CostType), ("value_type", ValueType)):
        if name in attributes:
            attributes[name] = as_member(f"CashFlow.{name}", attributes[name], kind)
    if "price_year" in attributes:
        attributes["price_year"] = as_year("CashFlow.price_year", attributes["price_year"])
    return attributes


def _open_period(call: Call) -> OpenPeriod:
    given = dict(call.arguments)
    for bound in ("after", "until"):
        given[bound] = as_year(f"OpenPeriod.{bound}", given[bound])
    return OpenPeriod(**given)


def _partner(call: Call) -> Partner:
    given = dict(call.arguments)
    given["kind"] = as_member("Partner.kind", given["kind"], PartnerKind)
    return Partner(**given)


def _domain(call: Call) -> Domain:
    given = dict(call.arguments)
    given["kind"] = as_member("Domain.kind", given["kind"], DomainKind)
    return Domain(**given)


def _stream(call: Call, currency: str, periods: tuple[OpenPeriod, ...]) -> FundingStream:
    given = dict(call.arguments)
    given["arrangement"] = as_member(
        "FundingStream.arrangement", given["arrangement"], PoolingArrangement
    )
    given["basis"] = as_member("FundingStream.basis", given["basis"], FundingBasis)
    given["qualifier"] = as_member("FundingStream.qualifier", given["qualifier"], Qualifier)
    if given["amount"] is not None:
        given["amount"] = as_money("FundingStream.amount", given["amount"], currency)
    listed = given["periods"]
    if isinstance(listed, list | tuple):
        given["periods"] = tuple(
            as_period(f"FundingStream.periods[{i}]", p, periods) for i, p in enumerate(listed)
        )
    return FundingStream(**given)


def _project(
    call: Call, flows: tuple[CashFlow, ...], counterfactual: tuple[CashFlow, ...]
) -> Project:
    given: dict[str, Any] = dict(call.arguments)
    given["stage"] = as_member("Project.stage", given["stage"], Stage)
    given["integration_level"] = as_level("Project.integration_level", given["integration_level"])
    return Project(**given, flows=flows, counterfactual=counterfactual)


def _figure(call: Call, currency: str) -> Figure:
    given: dict[str, Any] = dict(call.arguments)
    given["kind"] = as_member("Figure.kind", given["kind"], FigureKind)
    given["qualifier"] = as_member("Figure.qualifier", given["qualifier"], Qualifier)
    if given["amount"] is not None:
        given["amount"] = as_money("Figure.amount", given["amount"], currency)
    given["count"] = as_count("Figure.count", given["count"])
    return Figure(**given)


def _team_plan(call: Call) -> TeamPlan:
    return TeamPlan(**call.arguments)


def _ask(call: Call) -> Ask:
    given = dict(call.arguments)
    given["kind"] = as_member("Ask.kind", given["kind"], AskKind)
    given["status"] = as_member("Ask.status", given["status"], AskStatus)
    return Ask(**given)


def _named(built: _Built, problems: Sequence[str]) -> Iterator[str]:
    """The programme's ``problems``, each named by the call it comes from; a reference to a
    key whose own call failed is left out (that call's problem is listed)."""
    for problem in problems:
        unknown = _UNKNOWN_KEY.search(problem)
        if unknown and unknown[2] in built.failed.get(_UNKNOWN[unknown[1]], set()):
            continue
        label = _label(built, problem)
        yield problem if label is None else f"{label}: {problem}"


def _label(built: _Built, problem: str) -> str | None:
    flow = _FLOW_AT.match(problem)
    if flow:
        made = built.flows.get((flow[1], flow[2]), [])
        index = int(flow[3])
        if index < len(made):
            call, period = made[index]
            return call.at(_period_name(period))
    indexed = _INDEX_AT.match(problem)
    if indexed:
        made_parts = built.parts[indexed[1]]
        index = int(indexed[2])
        return made_parts[index][1].label if index < len(made_parts) else None
    keyed = _KEY_AT.match(problem)
    if keyed:
        for made, call in built.parts[keyed[1]]:
            if made.key == keyed[2]:
                return call.label
    return None
