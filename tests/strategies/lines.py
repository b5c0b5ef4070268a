"""Programmes whose cash flows come in runs that share their attributes, as the lines of
format version 2 group them (names start with ``line_``)."""

from __future__ import annotations

from typing import Any

import attrs
from hypothesis import strategies as st

from strategies.files import io_programmes
from strategies.model import model_financial_years, model_money, model_periods
from strategies.programmes import holding_streams
from wecb.io._lines import flow_fields
from wecb.model.cashflows import CashFlow
from wecb.model.programme import Programme
from wecb.model.projects import Project


@st.composite
def line_runs(
    draw: st.DrawFn, templates: tuple[CashFlow, ...], programme: Programme
) -> tuple[CashFlow, ...]:
    """Flows in runs: each run repeats one of ``templates``' attributes (with a drawn price
    year, where flows have one) over drawn periods (now and then the same period twice, which
    one line cannot hold), runs in a drawn order."""
    if not templates:
        return ()
    out: list[CashFlow] = []
    for _ in range(draw(st.integers(0, 3))):
        template = draw(st.sampled_from(templates))
        if "price_year" in attrs.fields_dict(CashFlow):  # the price year a line's amounts are in
            price_year = draw(st.none() | model_financial_years())
            template = attrs.evolve(template, price_year=price_year)
        periods = draw(st.lists(model_periods(programme.periods), min_size=1, max_size=5))
        for period in periods:
            amount = draw(model_money(template.currency, max_pounds=10**6))
            out.append(attrs.evolve(template, amount=amount, period=period))
    return tuple(out)


@st.composite
def line_programmes(draw: st.DrawFn) -> Programme:
    """A valid programme from :func:`~strategies.files.io_programmes` whose projects' cash-flow
    fields (every ``tuple[CashFlow, ...]`` field of :class:`Project`) hold runs of flows that
    share their attributes, mixed with the flows drawn before."""
    base = draw(io_programmes())
    projects: list[Project] = []
    for project in base.projects:
        changes: dict[str, Any] = {}
        for name in flow_fields():
            given: tuple[CashFlow, ...] = getattr(project, name)
            templates = (
                project.flows
                if name == "flows"
                else tuple(attrs.evolve(f, stream=None) for f in project.flows)
            )
            runs = draw(line_runs(templates, base))
            position = draw(st.integers(0, len(given)))
            changes[name] = given[:position] + runs + given[position:]
        projects.append(attrs.evolve(project, **changes))
    streams = holding_streams(base.funding_streams, projects)
    return base.evolve(projects=tuple(projects), funding_streams=streams)
