"""The first section of a report (private to :mod:`wecb.present.report`): the headline
figures, then the summary's tables (:mod:`wecb.present.summary`).

One sign, as everywhere in wecb: a net benefit is positive for a saving. The business
cases' own net columns (net cost, negative for a saving) appear only in their table, "net
cost as published".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import attrs

from wecb.core.money import Money
from wecb.core.table import Column, Table
from wecb.present._report_parts import Section
from wecb.present.summary import (
    flows_table,
    funding_figures,
    funding_table,
    projects_table,
    published_table,
    tables_table,
)

if TYPE_CHECKING:
    from wecb.present._report_inputs import Inputs
    from wecb.present.headline import ProgrammeHeadline

__all__ = ["headline_section"]

_COLUMNS: Final = (
    Column(key="figure", align="left"),
    Column(key="value", align="right"),
    Column(key="basis", align="left"),
)


def _appraisal_rows(inputs: Inputs) -> list[tuple[str, object, str]]:
    result = inputs.appraisal
    if result is None:
        return [("net present value", "not appraised", inputs.unappraised or "")]
    basis = (
        f"present value at {result.base_year}, {result.price_base} prices, "
        f"{result.schedule.name}; phasing under Appraisal"
    )
    financial, economic = result.financial_case, result.economic_case
    ratio = economic.benefit_cost_ratio()
    payback = financial.payback_year()
    return [
        (
            "net present budget impact",
            financial.net_present_budget_impact().amount,
            f"financial case (fiscal benefits - costs), {basis}",
        ),
        (
            "net present public value",
            economic.net_present_public_value().amount,
            f"economic case (every benefit - costs), {basis}",
        ),
        (
            "benefit-cost ratio",
            "-" if ratio is None else f"{ratio:.2f}",
            "economic case, present values",
        ),
        (
            "payback year",
            "never" if payback is None else str(payback),
            "financial case, discounted",
        ),
    ]


def _reconciliation_row(inputs: Inputs) -> tuple[str, object, str]:
    checks = inputs.reconciliation
    if not checks.checks:
        return ("reconciliation", "no checks", "no published totals to check")
    return (
        "reconciliation",
        f"{checks.passed} of {len(checks.checks)} agree",
        f"{checks.failed} differ, {checks.not_comparable} not comparable",
    )


def _headline_rows(headline: ProgrammeHeadline) -> list[tuple[str, object]]:
    """The figures of the summary's headline (wecb summary leads with them)."""
    named = (
        ("net benefit", headline.net_benefit),
        ("costs", headline.costs),
        ("gross benefits", headline.gross_benefits),
        ("cashable net benefit", headline.cashable_net_benefit),
        ("funding gap", headline.funding_gap),
    )
    return [(name, value) for name, value in named if value is not None]


_PROJECTS: Final = "Projects (stage: FBC full business case, OBC outline business case)"
_TABLES: Final = "Cost-benefit tables: net benefit = benefits - costs (positive = saving)"
_PUBLISHED: Final = "Net cost as published: the tables' own net columns (negative = saving)"
_FLOWS: Final = "Cash flows not from a published table; net benefit = benefits - costs"


def _titled(table: Table, title: str | None) -> Table:
    return table if title is None or table.title else attrs.evolve(table, title=title)


def _text(value: object) -> str:
    return value.format() if isinstance(value, Money) else str(value)


def headline_section(inputs: Inputs) -> tuple[Section, tuple[tuple[str, str], ...]]:
    """The headline section, and its figures as the page shows them (name, text)."""
    programme = inputs.programme
    headline = inputs.headline
    rows = _appraisal_rows(inputs) if inputs.has_flows() else []
    rows.append(_reconciliation_row(inputs))
    figures = Table(
        columns=_COLUMNS,
        rows=rows,
        title="Appraisal and reconciliation",
        notes=("The appraisal's phasing and every assumption: under Appraisal.",),
    )
    # The summary's net benefit and funding tables; its appraisal table is left out, the
    # report's own appraisal (its phasing stated under Appraisal) is the one shown.
    tables = [*headline.tables()[:2], figures] if inputs.has_flows() else [figures]
    if programme.projects:
        tables.append(_titled(projects_table(programme), _PROJECTS))
    for title, table in (
        (_TABLES, tables_table(programme)),
        (_PUBLISHED, published_table(programme)),
        (_FLOWS, flows_table(programme)),
        ("Programme funding", funding_table(programme)),
        (None, _figures_table(inputs)),
    ):
        if table is not None:
            tables.append(_titled(table, title))
    section = Section(
        key="headline",
        heading="Headline figures",
        paragraphs=(
            f"{programme.name} ({programme.place}): {len(programme.partners)} partners, "
            f"{len(programme.domains)} domains, {len(programme.projects)} projects, "
            f"{len(programme.funding_streams)} funding streams.",
            *funding_figures(programme),
        ),
        tables=tuple(tables),
    )
    shown = [*_headline_rows(headline), *((name, value) for name, value, _ in rows)]
    return section, tuple((name, _text(value)) for name, value in shown)


def _figures_table(inputs: Inputs) -> Table | None:
    """A headline programme's published figures (it has no projects to show)."""
    programme = inputs.programme
    if programme.projects or not programme.figures:
        return None
    rows = [
        (
            figure.key,
            figure.describe(),
            str(getattr(figure.source, "document", None) or "-"),
        )
        for figure in programme.figures
    ]
    return Table(
        columns=(
            Column(key="figure", align="left"),
            Column(key="as published", align="left"),
            Column(key="source", align="left"),
        ),
        rows=rows,
        title="Published figures (as their documents state them)",
    )
