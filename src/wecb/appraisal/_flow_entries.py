"""The flows an appraisal reads, as entries (private to :mod:`wecb.appraisal`).

An entry is one cash flow of a project: ``(project, index, template, period, amount,
label)``. ``template`` is a :class:`~wecb.model.cashflows.CashFlow` holding the flow's other
attributes (nature, types, partners, price year, asks): the flow itself for flows held as
objects, and for flows held as columns (a loaded programme's
:class:`~wecb.model._flow_columns.FlowColumns`) the columns' template, shared by every line
with the same attributes, so that no :class:`~wecb.model.cashflows.CashFlow` is built per
line and whatever depends on the attributes only is worked out once per template. Its own
``amount``, ``period`` and ``label`` are not the line's (a template's are dummies): read the
entry's.
"""

from __future__ import annotations

import itertools
from typing import TypeAlias

import attrs

from wecb.core.money import Money, from_checked
from wecb.core.periods import Period
from wecb.model._flow_columns import FlowColumns, split_held
from wecb.model.cashflows import CashFlow
from wecb.model.projects import Project

__all__ = ["Entry", "describe", "project_entries", "usual_entries"]

#: ``(project, index among its cash flows, template, period, amount, label)``.
Entry: TypeAlias = tuple[Project, int, CashFlow, Period, Money, "str | None"]


def _column_entries(project: Project, offset: int, columns: FlowColumns) -> list[Entry]:
    """The entries of flows held as columns, read from the columns."""
    templates, periods, currency = columns.templates, columns.periods, columns.currency
    labels = columns.labels
    return [
        (project, offset + i, templates[t], periods[p], from_checked(amount, currency), label)
        for i, (t, p, amount, label) in enumerate(
            zip(
                columns.template_codes,
                columns.period_codes,
                columns.amounts(),
                itertools.repeat(None) if labels is None else labels,
                strict=False,
            )
        )
    ]


def project_entries(project: Project) -> list[Entry]:
    """Each of the project's cash flows (:attr:`~wecb.model.projects.Project.cash_flows`) as
    an entry, in order."""
    head, tail = split_held(project.cash_flows)
    entries: list[Entry] = [
        (project, i, f, f.period, f.amount, f.label) for i, f in enumerate(head)
    ]
    if tail is not None:
        entries += _column_entries(project, len(head), tail)
    return entries


def usual_entries(project: Project) -> list[Entry]:
    """The project's business-as-usual flows as entries, each labelled as such (the flow
    relabelled as the appraisal always has: ``business as usual: <label>``, or ``business as
    usual <index>`` when it has none)."""
    out: list[Entry] = []
    for index, flow in enumerate(project.counterfactual):
        label = f"business as usual: {flow.label}" if flow.label else f"business as usual {index}"
        relabelled = attrs.evolve(flow, label=label)
        out.append((project, index, relabelled, flow.period, flow.amount, relabelled.label))
    return out


def describe(entry: Entry) -> str:
    """The line in words, as errors name it: project, label and amount."""
    project, index, flow, _, amount, label = entry
    shown = label or f"line {index}"
    return f"{project.key} {shown!r} ({flow.nature.value} {amount})"
