"""Plain rows of a programme for exports: one per cash flow, or one per project.

Rollups (:meth:`wecb.rollups.Rollup.rows`), appraisals and reconciliations give their own
rows; these cover the programme itself. Cells are exact: money is
:class:`~wecb.core.money.Money`, periods are the period objects (exports write a financial
year as ``2012/13`` and an open period as its key).

>>> from wecb.datasets import essex_2012
>>> rows = flow_rows(essex_2012())
>>> rows[0]["project"], rows[0]["nature"], rows[0]["amount"], rows[0]["signed"]
('FBC1', 'cost', Money('716000', 'GBP'), Money('-716000', 'GBP'))
>>> fbc2 = project_rows(essex_2012())[1]
>>> fbc2["net_benefit"], fbc2["net_cost_as_published_total"]
(Money('150309000', 'GBP'), Money('-150309000', 'GBP'))

The published net columns are net costs (negative is a saving), so a project row names them
``net_cost_as_published_cashable``, ``..._non_cashable`` and ``..._total``; ``net_benefit``
is positive for a saving.
"""

from __future__ import annotations

from wecb.model.programme import Programme
from wecb.model.tables import PUBLISHED_COLUMNS

__all__ = ["flow_rows", "project_rows"]

# The figures a CostBenefitTable derives from its published ones, after them in a row.
_DERIVED = ("total_costs", "gross_cashable_benefit", "gross_non_cashable_benefit", "net_benefit")
# A row's name for each published figure: the net columns are net costs as published.
_ROW_NAMES = {
    "net_cashable": "net_cost_as_published_cashable",
    "net_non_cashable": "net_cost_as_published_non_cashable",
    "net_total": "net_cost_as_published_total",
}


def flow_rows(programme: Programme) -> list[dict[str, object]]:
    """One row per cash flow of every project, in programme order.

    ``amount`` is the magnitude and ``signed`` the amount with its sign (``-`` for a cost),
    as :class:`~wecb.model.cashflows.CashFlow` defines them.
    """
    rows: list[dict[str, object]] = []
    for project, flow in programme.cash_flows():
        rows.append(
            {
                "project": project.key,
                "domain": project.domain,
                "nature": flow.nature.value,
                "period": flow.period,
                "cashable": flow.cashable,
                "cost_type": None if flow.cost_type is None else flow.cost_type.value,
                "value_type": None if flow.value_type is None else flow.value_type.value,
                "payer": flow.payer,
                "beneficiary": flow.beneficiary,
                "stream": flow.stream,
                "label": flow.label,
                "amount": flow.amount,
                "signed": flow.signed,
            }
        )
    return rows


def project_rows(programme: Programme) -> list[dict[str, object]]:
    """One row per project: key, title, domain, stage, integration level and, for a project
    with a published cost-benefit table, its six figures (in pounds, published signs; the net
    columns named ``net_cost_as_published_*``) and the derived costs, gross benefits and net
    benefit (positive = saving)."""
    rows: list[dict[str, object]] = []
    for project in programme.projects:
        row: dict[str, object] = {
            "project": project.key,
            "title": project.title,
            "domain": project.domain,
            "stage": project.stage.value,
            "integration_levels": " ".join(str(int(level)) for level in project.integration_levels)
            or None,
        }
        table = project.table
        for name in (*PUBLISHED_COLUMNS, *_DERIVED):
            row[_ROW_NAMES.get(name, name)] = None if table is None else getattr(table, name)
        rows.append(row)
    return rows
