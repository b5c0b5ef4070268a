"""A one-screen summary of a programme: what ``wecb summary`` prints.

:func:`programme_summary` reads only the model (no pint, no numpy), so it is fast enough
to run on every start of a terminal session. Money is shown scaled (``£87.6m``). Each
section is a :class:`~wecb.core.table.Table` of exact cells (:func:`projects_table`,
:func:`tables_table`, :func:`published_table`, :func:`flows_table`, :func:`funding_table`),
laid out by the one table kernel; :func:`programme_summary` only stacks them under
headings. Each table's notes end with the assumptions behind it
(:func:`~wecb.core.assumptions.assumption_notes`).

One sign: wherever the summary says "net benefit", positive is a saving. The business
cases publish their net columns as net costs (negative is a saving); those figures appear
only in their own table, "net cost as published" (:func:`published_table`).

>>> from wecb.datasets import essex_2012
>>> essex = essex_2012()
>>> text = programme_summary(essex)
>>> print(text.splitlines()[0])
Whole Essex Community Budget (Greater Essex)
>>> max(len(line) for line in text.splitlines()) <= 80
True
>>> tables_table(essex).footer[-1].format(), published_table(essex).footer[-1].format()
('£301.0m', '-£301.0m')
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from typing import Final

from wecb.core.assumptions import Assumption, assumption_notes
from wecb.core.money import Money
from wecb.core.table import Column, Table
from wecb.errors import WecbError
from wecb.model.domains import DomainKind
from wecb.model.facts import FigureKind
from wecb.model.funding import PROGRAMME, FundingBasis, FundingStream
from wecb.model.programme import Programme
from wecb.model.projects import Project, Stage
from wecb.present.timeline import latest_decisions

__all__ = [
    "FLOWS_ASSUMPTIONS",
    "FUNDING_ASSUMPTIONS",
    "PUBLISHED_ASSUMPTIONS",
    "TABLES_ASSUMPTIONS",
    "flows_table",
    "funding_table",
    "programme_summary",
    "projects_table",
    "published_table",
    "tables_table",
]

#: The one sign of wecb: a net benefit is positive for a saving.
_SIGN: Final = Assumption(
    name="sign", value="net benefit = gross benefits - costs; positive is a saving"
)
#: What :func:`tables_table` assumes.
TABLES_ASSUMPTIONS: Final = (
    _SIGN,
    Assumption(
        name="derived",
        value="costs and gross benefits, from each table's published columns",
    ),
    Assumption(name="net cost as published", value="the tables' own net columns, shown apart"),
)
#: What :func:`published_table` assumes.
PUBLISHED_ASSUMPTIONS: Final = (
    Assumption(name="sign", value="net cost as published; negative is a saving"),
    Assumption(name="as published", value="each table's net columns, signs as printed"),
)
#: What :func:`flows_table` assumes.
FLOWS_ASSUMPTIONS: Final = (
    Assumption(name="sign", value="net benefit = benefits - costs; positive is a saving"),
)
#: What :func:`funding_table` assumes.
FUNDING_ASSUMPTIONS: Final = (
    Assumption(name="amounts", value="as the sources state them"),
    Assumption(name="marks", value="c. about, est. estimated, > more than, >= at least, <= up to"),
)

#: Short stage names for narrow tables (FBC and OBC as the business cases write them).
STAGE_ABBREVIATIONS: dict[Stage, str] = {
    Stage.IDEA: "idea",
    Stage.STRATEGIC_OUTLINE_CASE: "SOC",
    Stage.OUTLINE_BUSINESS_CASE: "OBC",
    Stage.FULL_BUSINESS_CASE: "FBC",
    Stage.IMPLEMENTATION: "implementing",
    Stage.LIVE: "live",
    Stage.CLOSED: "closed",
}


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"


def integration_text(project: Project) -> str:
    """The project's integration level, or its pilots' levels, e.g. ``'4 ICA, 5 SCB'``.

    >>> from wecb.datasets import essex_2012
    >>> integration_text(essex_2012().project("FBC1"))
    '4 ICA, 5 SCB'
    >>> integration_text(essex_2012().project("FBC2"))
    '-'
    """
    levels = [] if project.integration_level is None else [project.integration_level]
    levels += [pilot.integration_level for pilot in project.pilots]
    if not levels:
        return "-"
    seen = dict.fromkeys(levels)
    return ", ".join(
        f"{int(level)} {level.abbreviation}" if level.abbreviation else str(int(level))
        for level in seen
    )


def _project_name(project: Project) -> str:
    # A key that is just the title in snake case adds nothing.
    if project.key == project.title.lower().replace(" ", "_").replace("-", "_"):
        return project.title
    return f"{project.key} {project.title}"


def projects_table(programme: Programme) -> Table:
    """One row per project: name, domain, stage and integration level."""
    rows = [
        {
            "project": _project_name(p),
            "domain": programme.domain(p.domain).name,
            "stage": STAGE_ABBREVIATIONS[p.stage],
            "integration": integration_text(p),
        }
        for p in programme.projects
    ]
    return Table.from_records(rows, ["project", "domain", "stage", "integration"])


_TABLE_COLUMNS = (
    Column(key="project", header="project"),
    Column(key="costs", header="costs"),
    Column(key="gross_cashable", header="gross cash"),
    Column(key="gross_non_cashable", header="gross non-c"),
    Column(key="net_cashable_benefit", header="net cash benefit"),
    Column(key="net_benefit", header="net benefit"),
)

_PUBLISHED_COLUMNS = (
    Column(key="project", header="project"),
    Column(key="net_cashable", header="cashable"),
    Column(key="net_non_cashable", header="non-cashable"),
    Column(key="net_total", header="total"),
)


def _with_totals(
    rows: list[dict[str, object]], columns: Sequence[Column], notes: Sequence[str]
) -> Table | None:
    """``rows`` with a total row of every money column; ``None`` when there are none."""
    if not rows:
        return None
    sums: dict[str, Money] = {}
    for row in rows:
        for key, value in row.items():
            if isinstance(value, Money):
                sums[key] = sums.get(key, Money.zero(value.currency)) + value
    return Table.from_records(rows, columns, footer={"project": "Total", **sums}, notes=notes)


def tables_table(programme: Programme) -> Table | None:
    """The published cost-benefit tables with wecb's one sign, one row per project that has
    one, with totals: costs and gross benefits (derived from the published columns, see
    :class:`wecb.model.tables.CostBenefitTable`), the net cashable benefit and the net
    benefit, both positive for a saving. The tables' own net columns (net costs) are in
    :func:`published_table`. ``None`` when no project has a table.
    """
    rows: list[dict[str, object]] = [
        {
            "project": project.key,
            "costs": table.total_costs,
            "gross_cashable": table.gross_cashable_benefit,
            "gross_non_cashable": table.gross_non_cashable_benefit,
            "net_cashable_benefit": table.net_cashable_benefit,
            "net_benefit": table.net_benefit,
        }
        for project in programme.projects
        if (table := project.table) is not None
    ]
    return _with_totals(rows, _TABLE_COLUMNS, assumption_notes(TABLES_ASSUMPTIONS))


def published_table(programme: Programme) -> Table | None:
    """Net cost as published: each table's net columns (cashable, non-cashable, total)
    exactly as the business case prints them, negative for a net saving, with totals.
    ``None`` when no project has a table.
    """
    rows: list[dict[str, object]] = [
        {
            "project": project.key,
            "net_cashable": table.net_cashable,
            "net_non_cashable": table.net_non_cashable,
            "net_total": table.net_total,
        }
        for project in programme.projects
        if (table := project.table) is not None
    ]
    return _with_totals(rows, _PUBLISHED_COLUMNS, assumption_notes(PUBLISHED_ASSUMPTIONS))


# How a qualified amount is marked in a narrow column ("about £200m" -> "c. £200.0m").
_QUALIFIER_MARKS = {
    "approximately": "c. ",
    "estimated": "est. ",
    "more_than": "> ",
    "at_least": ">= ",
    "up_to": "<= ",
}


def flows_table(programme: Programme) -> Table | None:
    """Costs and benefits of each project's own cash flows (those not derived from a
    published table), with totals; net benefit is benefits minus costs (positive = saving).
    ``None`` when no project has such flows."""
    rows: list[dict[str, object]] = []
    zero = Money.zero(programme.currency)
    sums: dict[str, Money] = {}
    for project in programme.projects:
        if not project.flows:
            continue
        row: dict[str, object] = {"project": project.key}
        values = {"costs": zero, "benefit_cash": zero, "benefit_non_cash": zero}
        for flow in project.flows:
            if flow.is_cost:
                values["costs"] = values["costs"] + flow.amount
            elif flow.cashable:
                values["benefit_cash"] = values["benefit_cash"] + flow.amount
            else:
                values["benefit_non_cash"] = values["benefit_non_cash"] + flow.amount
        values["net"] = values["benefit_cash"] + values["benefit_non_cash"] - values["costs"]
        for key, value in values.items():
            sums[key] = sums.get(key, zero) + value
        row.update(values)
        rows.append(row)
    if not rows:
        return None
    columns = [
        Column(key="project"),
        Column(key="costs"),
        Column(key="benefit_cash", header="benefit cash"),
        Column(key="benefit_non_cash", header="benefit non-c"),
        Column(key="net", header="net benefit"),
    ]
    notes = assumption_notes(FLOWS_ASSUMPTIONS)
    return Table.from_records(rows, columns, footer={"project": "Total", **sums}, notes=notes)


def _stream_amount(stream: FundingStream) -> str:
    if stream.amount is None:
        return "in kind" if stream.arrangement.value == "in_kind" else "unquantified"
    per = "/yr" if stream.basis is FundingBasis.PER_YEAR else ""
    mark = _QUALIFIER_MARKS.get(stream.qualifier.value, "")
    return mark + stream.amount.format() + per


def _partner_name(programme: Programme, key: str) -> str:
    try:
        return programme.partner(key).name
    except WecbError:
        return key


def funding_table(programme: Programme) -> Table | None:
    """One row per funding stream: key, funder, how it enters and amount; a note says
    which streams are given to the programme and which to a project."""
    if not programme.funding_streams:
        return None
    rows = [
        {
            "stream": s.key,
            "funder": _partner_name(programme, s.funder),
            "enters as": s.arrangement.value.replace("_", " "),
            "amount": _stream_amount(s),
        }
        for s in programme.funding_streams
    ]
    columns = [
        Column(key="stream", min_width=max(len(s.key) for s in programme.funding_streams)),
        Column(key="funder"),
        Column(key="enters as"),
        Column(key="amount", align="right"),
    ]
    given: dict[str, list[str]] = {}
    for s in programme.funding_streams:
        if s.recipient is not None:
            given.setdefault(s.recipient, []).append(s.key)
    notes = [
        ("To the programme: " if to == PROGRAMME else f"To {to}: ") + ", ".join(keys)
        for to, keys in given.items()
    ]
    unallocated = [s.key for s in programme.funding_streams if s.recipient is None]
    if unallocated:
        notes.append("Not allocated: " + ", ".join(unallocated))
    notes += assumption_notes(FUNDING_ASSUMPTIONS)
    return Table.from_records(rows, columns, notes=notes)


def funding_figures(programme: Programme) -> list[str]:
    """The programme-wide funding figures its sources quote, as published
    (e.g. ``'Funding the programme requires: £1.949m'``)."""
    lines = []
    for figure in programme.figures:
        if figure.kind is not FigureKind.FUNDING:
            continue
        if figure.project is not None or figure.domain is not None or figure.place is not None:
            continue
        lines.append(f"{figure.label}: {figure.published or figure.describe()}")
    return lines


def _wrap(line: str, width: int | None) -> list[str]:
    """``line`` wrapped at ``width`` (whole when ``None``), later lines indented."""
    if width is None or len(line) <= width:
        return [line]
    return textwrap.wrap(line, width, subsequent_indent="  ", break_on_hyphens=False) or [""]


def programme_summary(
    programme: Programme,
    *,
    width: int | None = 80,
    extra: Sequence[str] = (),
    headline: Callable[[Programme], Sequence[str]] | None = None,
    lead: Sequence[Table] = (),
) -> str:
    """The programme on one screen: counts, the ``lead`` tables (the headline of
    :func:`wecb.present.headline.summary_of`), projects, published tables, funding.

    ``extra`` lines are appended (the CLI adds the reconciliation headline); ``headline``
    may add lines computed from the programme. Lines fit in ``width`` characters (``None``:
    no limit).
    """
    thematic = sum(1 for d in programme.domains if d.kind is DomainKind.THEMATIC)
    enablers = len(programme.domains) - thematic
    counts = ", ".join(
        [
            _plural(len(programme.partners), "partner"),
            f"{_plural(len(programme.domains), 'domain')} ({thematic} thematic, "
            f"{_plural(enablers, 'enabler')})",
            _plural(len(programme.projects), "project"),
            _plural(len(programme.funding_streams), "funding stream"),
        ]
    )
    lines = [*_wrap(f"{programme.name} ({programme.place})", width), *_wrap(counts, width)]
    for first in lead:
        lines += ["", first.to_text(width)]
    lines += [
        "",
        *_wrap("Projects (stage: FBC full business case, OBC outline business case)", width),
        projects_table(programme).to_text(width),
    ]
    decisions = latest_decisions(programme)
    if decisions:
        lines += ["", "Latest decision per project"]
        for line in decisions:
            lines += _wrap(line, width)
    for heading, table in (
        (
            "Cost-benefit tables: net benefit = benefits - costs (positive = saving)",
            tables_table(programme),
        ),
        (
            "Net cost as published: the tables' own net columns (negative = saving)",
            published_table(programme),
        ),
        (
            "Cash flows not from a published table; net benefit = benefits - costs",
            flows_table(programme),
        ),
    ):
        if table is not None:
            lines += ["", *_wrap(heading, width), table.to_text(width)]
    funding = funding_table(programme)
    quoted = funding_figures(programme)
    if funding is not None or quoted:
        lines += ["", "Programme funding"]
        for line in quoted:
            lines += _wrap(line, width)
        if funding is not None:
            lines.append(funding.to_text(width))
    if headline is not None:
        lines += ["", *headline(programme)]
    lines += list(extra)
    return "\n".join(lines)
