"""The sections of a report (private to :mod:`wecb.present.report`): what each shows, from
the results it is computed from.

:class:`Inputs` computes the results once (the rollups, who pays, the appraisal or why there
is none, the reconciliation, the bibliography); :func:`build_sections` lays them out, each
section with its tables (whose notes state their assumptions), its plots and what it
leaves out and why.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wecb.core.assumptions import Assumption
from wecb.core.table import Column, Table
from wecb.present._report_headline import headline_section
from wecb.present._report_inputs import Inputs
from wecb.present._report_parts import Section
from wecb.present._report_plots import draw_plots

if TYPE_CHECKING:
    from wecb.reconciliation import Reconciliation

__all__ = ["build_sections"]


def build_sections(
    inputs: Inputs, *, plots: bool
) -> tuple[tuple[Section, ...], tuple[tuple[str, str], ...]]:
    """The report's sections in order, and its headline figures (name, text)."""
    headline, figures = headline_section(inputs)
    drawn, undrawn = draw_plots(inputs) if plots else ((), ("Plots not drawn (plots=False).",))
    sections = [
        headline,
        Section(
            key="tables",
            heading="Tables",
            paragraphs=("The cash flows rolled up by domain, and who pays and who benefits.",),
            tables=(*inputs.by_domain.tables(), *inputs.who.tables())
            if inputs.has_flows()
            else (),
            absent=()
            if inputs.has_flows()
            else ("No cash flows: the programme records its published figures only.",),
        ),
        _appraisal_section(inputs),
        Section(
            key="plots",
            heading="Plots",
            paragraphs=("Each caption states what the plot assumes.",),
            plots=drawn,
            absent=undrawn,
        ),
        Section(
            key="reconciliation",
            heading="Reconciliation",
            paragraphs=(_verdict(inputs.reconciliation),),
            tables=inputs.reconciliation.tables(),
        ),
        Section(
            key="assumptions",
            heading="Assumptions and sources",
            paragraphs=(
                "Every assumption of the results above, with the result it belongs to and "
                "where its value comes from. Each table's notes repeat its own.",
            ),
            tables=(_assumptions_table(inputs),),
        ),
        Section(
            key="bibliography",
            heading="Bibliography",
            paragraphs=("The documents the programme's figures cite, and where to find each.",),
            tables=(inputs.sources.table(),),
        ),
    ]
    return tuple(sections), figures


def _verdict(report: Reconciliation) -> str:
    if not report.checks:
        return "No published totals to check."
    differ = f"{report.failed} differ" if report.failed else "none differ"
    apart = f", {report.not_comparable} not comparable" if report.not_comparable else ""
    return (
        f"{len(report.checks)} checks of published totals against the model: "
        f"{report.passed} agree, {differ}{apart}. A discrepancy is reported, never forced "
        "to agree."
    )


def _phasing_text(inputs: Inputs) -> str:
    phasing = inputs.phasing if inputs.appraisal is None else inputs.appraisal.phasing
    if phasing is None or not (phasing.periods or phasing.projects):
        return "Phasing: none stated."
    note = f" ({phasing.note})" if phasing.note else ""
    lines = "; ".join(line.removesuffix(note) for line in str(phasing).splitlines())
    return f"Phasing used{note}: {lines}."


def _appraisal_section(inputs: Inputs) -> Section:
    if inputs.appraisal is None:
        return Section(
            key="appraisal",
            heading="Appraisal",
            paragraphs=(inputs.unappraised or "Not appraised.", _phasing_text(inputs)),
        )
    return Section(
        key="appraisal",
        heading="Appraisal",
        paragraphs=(
            _phasing_text(inputs),
            "Present values of the financial case (fiscal benefits against costs) and the "
            "economic case (every benefit against costs), undiscounted and discounted, "
            "before and after adjustments.",
        ),
        tables=(
            *inputs.appraisal.tables(),
            *(() if inputs.sensitivity is None else inputs.sensitivity.tables()),
        ),
    )


_ASSUMPTION_COLUMNS = (
    Column(key="result", align="left"),
    Column(key="assumption", align="left"),
    Column(key="value", align="left"),
    Column(key="source", align="left"),
    Column(key="verified", align="left"),
)


def _assumptions_table(inputs: Inputs) -> Table:
    rows: dict[tuple[str, Assumption], None] = {}
    for result in inputs.results():
        name = _result_name(result)
        rows.update(dict.fromkeys((name, a) for a in inputs.assumed(result)))
    return Table(
        columns=_ASSUMPTION_COLUMNS,
        rows=[
            (name, a.name, a.value, a.source or "-", "yes" if a.verified else "NO")
            for name, a in rows
        ],
        title=f"Assumptions: {len(rows)}",
        notes=("verified: NO marks a shipped parameter not yet checked against its source.",),
    )


def _result_name(result: object) -> str:
    names = {
        "ProgrammeHeadline": "headline",
        "Rollup": "rollup",
        "WhoPaysWhoBenefits": "who pays",
        "Appraisal": "appraisal",
        "MonteCarloResult": "sensitivity",
        "Reconciliation": "reconciliation",
        "Bibliography": "bibliography",
    }
    return names.get(type(result).__name__, type(result).__name__)
