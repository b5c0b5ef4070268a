"""Which flows held as columns may skip the checks of each flow (private).

A :class:`~wecb.model.programme.Programme` checks every reference of every cash flow.
For flows held as columns (:class:`~wecb.model._flow_columns.FlowColumns`), a reference
is checked once per distinct value instead (the templates and the periods): when every
one holds, the project is checked without those flows; when one does not, the flows go
to the checks of each flow, which name every problem's place exactly as for a tuple.
"""

from __future__ import annotations

import copy
from collections.abc import Collection, Mapping
from typing import Any

from wecb.core.periods import OpenPeriod, Period
from wecb.model._flow_columns import FlowColumns
from wecb.model.cashflows import CashFlow
from wecb.model.documents import Citation
from wecb.model.projects import Project

__all__ = ["columns_clean", "without_clean_columns"]


def without_clean_columns(
    projects: tuple[Project, ...],
    *,
    partners: Collection[str],
    periods: Mapping[str, Period],
    currency: str,
    asks: Collection[str],
    documents: Collection[str],
) -> tuple[Project, ...]:
    """``projects``, each whose flows are columns that refer only to what the programme
    holds (:func:`columns_clean`) without those flows, and any other flows held as columns
    as the tuple of their flows (which every check walks)."""
    seen: dict[tuple[object, ...], bool] = {}
    out: list[Project] = []
    for project in projects:
        dropped: dict[str, Any] = {}
        for name in ("flows", "counterfactual"):
            flows = getattr(project, name)
            if not isinstance(flows, FlowColumns):
                continue
            # Flows that do not all check are checked as the tuple of their flows.
            dropped[name] = (
                ()
                if columns_clean(
                    flows,
                    counterfactual=name == "counterfactual",
                    partners=partners,
                    periods=periods,
                    currency=currency,
                    asks=asks,
                    documents=documents,
                    seen=seen,
                )
                else flows.as_tuple()
            )
        out.append(_with(project, dropped) if dropped else project)
    return tuple(out)


def _with(project: Project, values: dict[str, Any]) -> Project:
    """``project`` with ``values`` for some of its flow fields: its own flows or none, so
    its validators (which ``attrs.evolve`` would run again) have nothing new to check; what
    it derives from its fields is derived again."""
    out = copy.copy(project)
    for name, value in values.items():
        object.__setattr__(out, name, value)
    out.__attrs_post_init__()
    return out


def columns_clean(
    flows: FlowColumns,
    *,
    counterfactual: bool,
    partners: Collection[str],
    periods: Mapping[str, Period],
    currency: str,
    asks: Collection[str],
    documents: Collection[str],
    seen: dict[tuple[object, ...], bool],
) -> bool:
    """Whether every reference of ``flows`` holds, checked once per distinct value (the
    templates and the periods): known partners, open periods as the programme defines them,
    the programme's currency, known asks and cited documents, and no funding stream (the
    draws on streams are checked flow by flow). ``False`` sends the flows to the checks of
    each flow, which name every problem's place. ``seen`` keeps each template's answer by
    its id (for one programme's check: flows read from one file share templates)."""
    if flows.currency != currency:
        return False
    for period in flows.periods:
        if isinstance(period, OpenPeriod) and periods.get(period.key) != period:
            return False
    # Projects read from one Parquet file share one table of templates: checked once.
    whole = (id(flows.templates), counterfactual, "table")
    answer = seen.get(whole)
    if answer is None:
        answer = seen[whole] = _templates_clean(
            flows.templates,
            counterfactual=counterfactual,
            partners=partners,
            asks=asks,
            documents=documents,
            seen=seen,
        )
    return answer


def _templates_clean(
    templates: tuple[CashFlow, ...],
    *,
    counterfactual: bool,
    partners: Collection[str],
    asks: Collection[str],
    documents: Collection[str],
    seen: dict[tuple[object, ...], bool],
) -> bool:
    for template in templates:
        found = seen.get((id(template), counterfactual))
        if found is None:
            found = _template_clean(template, counterfactual, partners, asks, documents)
            seen[id(template), counterfactual] = found
        if not found:
            return False
    return True


def _template_clean(
    template: CashFlow,
    counterfactual: bool,
    partners: Collection[str],
    asks: Collection[str],
    documents: Collection[str],
) -> bool:
    source = template.source
    return (
        template.stream is None
        and all(p is None or p in partners for p in (template.payer, template.beneficiary))
        and not (template.requires and (counterfactual or not set(template.requires) <= set(asks)))
        and not (isinstance(source, Citation) and source.document not in documents)
    )
