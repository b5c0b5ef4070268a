"""Asks of government in the appraisal: the local case beside the case with government, and
what depends on each ask and on each department.

A line that needs something only central government can give names those asks in
:attr:`CashFlow.requires <wecb.model.cashflows.CashFlow.requires>` (see
:mod:`wecb.model.asks`). Two ways to see the cases, one for each purpose:

- :func:`~wecb.appraisal.cba.appraise` with ``asks=`` the keys of the asks taken as
  granted leaves out every line requiring any other ask (``asks=()``: the local case;
  ``asks=None``, the default: every line, as if every ask were granted). Line indices stay
  those of the programme, so an adjustment plan keyed by line still applies, and the
  assumptions list the lines left out.
- :func:`local_only` gives the programme without those lines (the local case as a
  programme, for rollups, who-pays and summaries).

:func:`asks_report` lists, per ask and per department, the costs and benefits of the lines
that depend on it, and the benefits at risk (those depending on an ask not yet agreed).

>>> from wecb.model.builder import ProgrammeBuilder
>>> triage = (
...     ProgrammeBuilder("Triage", "Anytown")
...     .partner("council", "Anytown Council", kind="unitary_council")
...     .partner("home_office", "Home Office", kind="whitehall_department")
...     .domain("safety", "Community Safety", kind="thematic")
...     .project("triage", "Street triage", domain="safety")
...     .ask("data", "triage", text="Share incident data", kind="data_sharing",
...          status="asked", addressed_to=["home_office"])
...     .line("triage", nature="cost", payer="council", cost_type="revenue",
...           amounts={"2014/15": "£100"})
...     .line("triage", nature="benefit", beneficiary="council", value_type="fiscal",
...           cashable=True, amounts={"2014/15": "£150"})
...     .line("triage", nature="benefit", beneficiary="council", value_type="fiscal",
...           cashable=True, amounts={"2015/16": "£400"}, requires=["data"])
...     .build()
... )
>>> from wecb.appraisal.cba import appraise
>>> from wecb.appraisal.schedules import ZERO_RATE
>>> from wecb.core.periods import FinancialYear
>>> fy = FinancialYear(2014)
>>> def npbi(**kw):
...     result = appraise(triage, base_year=fy, price_base=fy, schedule=ZERO_RATE, **kw)
...     return str(result.financial_case.net_present_budget_impact().amount)
>>> npbi(), npbi(asks=()), npbi(asks=["data"])
('£450.00', '£50.00', '£450.00')
>>> [len(p.flows) for p in local_only(triage).projects]
[2]
>>> report = asks_report(triage)
>>> [(r["ask"], str(r["benefits"]), str(r["at_risk"])) for r in report.rows()]
[('data', '£400.00', '£400.00')]
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from wecb.core.assumptions import Assumption, ResultRows
from wecb.core.money import Money
from wecb.core.table import Column, Table, Tabular
from wecb.errors import AppraisalError
from wecb.model.asks import Ask
from wecb.model.cashflows import CashFlow
from wecb.model.programme import Programme

__all__ = [
    "NO_DEPARTMENT",
    "AskReport",
    "AskTotals",
    "DepartmentTotals",
    "asks_report",
    "local_only",
]

#: The department row of the asks that name none.
NO_DEPARTMENT = "(no department named)"


def local_only(programme: Programme) -> Programme:
    """``programme`` without the lines that require an ask of government: the local case,
    what the partners can do on their own. Asks, tables and business-as-usual lines stay
    (neither a table nor business as usual requires an ask). To appraise the local case,
    prefer ``appraise(..., asks=())``: it keeps the programme's line indices."""
    if not isinstance(programme, Programme):
        raise AppraisalError(f"local_only: expected a Programme, got {type(programme).__name__}")
    projects = tuple(
        attrs.evolve(p, flows=tuple(f for f in p.flows if not f.requires))
        if any(f.requires for f in p.flows)
        else p
        for p in programme.projects
    )
    return programme.evolve(projects=projects)


@attrs.frozen(kw_only=True)
class AskTotals:
    """One ask and the undiscounted amounts of the lines requiring it: ``flows`` counts
    their cash flows (one a line and period), ``at_risk`` is ``benefits`` unless the ask is
    agreed."""

    ask: Ask
    flows: int
    costs: Money
    benefits: Money
    at_risk: Money


@attrs.frozen(kw_only=True)
class DepartmentTotals:
    """One department (a partner key, or :data:`NO_DEPARTMENT`), its asks, and the
    undiscounted amounts of the lines requiring any of them (each amount counted once)."""

    department: str
    name: str
    asks: tuple[str, ...]
    flows: int
    costs: Money
    benefits: Money
    at_risk: Money


@attrs.frozen(kw_only=True)
class AskReport(Tabular):
    """The register of asks of government with what depends on each, and the same by
    department (see :func:`asks_report`); ``local_*`` are the lines requiring no ask."""

    name: str
    by_ask: tuple[AskTotals, ...]
    by_department: tuple[DepartmentTotals, ...]
    local_costs: Money
    local_benefits: Money

    def rows(self, by: str = "ask") -> ResultRows:
        """One row per ask (``by="ask"``: key, project, kind, status, addressed_to, text,
        flows, costs, benefits, at_risk) or per department (``by="department"``: department,
        name, asks, flows, costs, benefits, at_risk)."""
        if by == "ask":
            rows: list[dict[str, object]] = [
                {
                    "ask": t.ask.key,
                    "project": t.ask.project,
                    "kind": t.ask.kind.value,
                    "status": t.ask.status.value,
                    "addressed_to": ", ".join(t.ask.addressed_to),
                    "text": t.ask.text,
                    "flows": t.flows,
                    "costs": t.costs,
                    "benefits": t.benefits,
                    "at_risk": t.at_risk,
                }
                for t in self.by_ask
            ]
        elif by == "department":
            rows = [
                {
                    "department": d.department,
                    "name": d.name,
                    "asks": ", ".join(d.asks),
                    "flows": d.flows,
                    "costs": d.costs,
                    "benefits": d.benefits,
                    "at_risk": d.at_risk,
                }
                for d in self.by_department
            ]
        else:
            raise AppraisalError(f"AskReport.rows: by={by!r}; expected 'ask' or 'department'")
        return ResultRows(rows, assumptions=self.assumptions())

    def assumptions(self) -> tuple[Assumption, ...]:
        """How the amounts are counted."""
        return (
            Assumption(
                name="amounts",
                value="undiscounted, unadjusted, as the lines state them; a line requiring "
                "several asks counts under each ask, and once under each department",
            ),
            Assumption(
                name="at risk",
                value="the benefits of lines requiring an ask whose status is not agreed "
                "(asked, open or refused)",
            ),
            Assumption(
                name="lines requiring no ask",
                value=f"costs {self.local_costs}, benefits {self.local_benefits} (the local "
                "case; published tables and business-as-usual lines require no ask)",
            ),
        )

    def table(self) -> Table:
        """The register: one row per ask."""
        columns = ["ask", "project", "kind", "status", "addressed_to", "flows"]
        money = [Column(key=k, align="right") for k in ("costs", "benefits", "at_risk")]
        return Table.from_records(
            self.rows("ask"),
            [*columns, *money],
            title=f"{self.name}: asks of government",
            notes=[*self._unused(), *(str(a) for a in self.assumptions())],
        )

    def _unused(self) -> tuple[str, ...]:
        if any(t.flows for t in self.by_ask):
            return ()
        return ("no line requires any of these asks: no cash flow names one in requires",)

    def tables(self) -> tuple[Table, ...]:
        """The register, then the totals by department."""
        money = [Column(key=k, align="right") for k in ("costs", "benefits", "at_risk")]
        counted = [
            {**row, "asks": len(d.asks)}
            for row, d in zip(self.rows("department"), self.by_department, strict=True)
        ]
        departments = Table.from_records(
            counted,
            ["department", "asks", "flows", *money],
            title=f"{self.name}: what depends on each department",
        )
        return (self.table(), departments)


def asks_report(programme: Programme) -> AskReport:
    """Per ask and per department, the undiscounted costs and benefits of the lines that
    require it, and the benefits at risk (see :class:`AskReport`)."""
    if not isinstance(programme, Programme):
        raise AppraisalError(f"asks_report: expected a Programme, got {type(programme).__name__}")
    zero = Money.zero(programme.currency)
    flows = [flow for _, flow in programme.cash_flows()]
    status = {a.key: a for a in programme.asks}
    by_ask = tuple(_ask_totals(ask, flows, zero) for ask in programme.asks)
    departments: dict[str, list[Ask]] = {}
    for ask in programme.asks:
        for key in ask.addressed_to or (NO_DEPARTMENT,):
            departments.setdefault(key, []).append(ask)
    by_department = tuple(
        _department_totals(programme, key, asks, flows=flows, status=status, zero=zero)
        for key, asks in departments.items()
    )
    local = [f for f in flows if not f.requires]
    return AskReport(
        name=programme.name,
        by_ask=by_ask,
        by_department=by_department,
        local_costs=_sum((f for f in local if f.is_cost), zero),
        local_benefits=_sum((f for f in local if f.is_benefit), zero),
    )


def _sum(flows: Iterable[CashFlow], zero: Money) -> Money:
    total = zero
    for flow in flows:
        total = total + flow.amount
    return total


def _ask_totals(ask: Ask, flows: list[CashFlow], zero: Money) -> AskTotals:
    needing = [f for f in flows if ask.key in f.requires]
    benefits = _sum((f for f in needing if f.is_benefit), zero)
    return AskTotals(
        ask=ask,
        flows=len(needing),
        costs=_sum((f for f in needing if f.is_cost), zero),
        benefits=benefits,
        at_risk=zero if ask.status.granted else benefits,
    )


def _department_totals(
    programme: Programme,
    key: str,
    asks: list[Ask],
    *,
    flows: list[CashFlow],
    status: dict[str, Ask],
    zero: Money,
) -> DepartmentTotals:
    keys = {a.key for a in asks}
    needing = [f for f in flows if keys.intersection(f.requires)]
    risky = [
        f
        for f in needing
        if f.is_benefit and any(not status[k].status.granted for k in keys & set(f.requires))
    ]
    return DepartmentTotals(
        department=key,
        name=key if key == NO_DEPARTMENT else programme.partner(key).name,
        asks=tuple(a.key for a in asks),
        flows=len(needing),
        costs=_sum((f for f in needing if f.is_cost), zero),
        benefits=_sum((f for f in needing if f.is_benefit), zero),
        at_risk=_sum(risky, zero),
    )
