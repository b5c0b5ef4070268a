"""What ``wecb appraise --layout`` prints: the summary table, or the 2014 method's cases.

``summary`` (the default) is the appraisal's own table (:class:`~wecb.appraisal.Appraisal`).
``new-economy`` lays the same appraisal out as the HM Treasury cost-benefit analysis
guidance for local partnerships (2014, developed with New Economy) reports it: the
**financial case** (present value of costs and of fiscal benefits, net present budget
impact, financial return on investment, payback year; then the same counting cashable
fiscal benefits only), the **economic case** (present value of costs and of all benefits by
value type, net present public value, benefit-cost ratio), each adjusted and unadjusted,
and the **present-value table by agency** (:func:`wecb.appraisal.by_agency`).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import wecb
from wecb.core.cells import ratio_text
from wecb.core.table import Column, Table

__all__ = ["LAYOUTS", "cases_tables", "layout", "layout_tables"]

#: ``appraise --layout`` choices.
LAYOUTS = ("summary", "new-economy")

_COLUMNS = (
    Column(key="item", header=" ", align="left"),
    Column(key="adjusted", header="adjusted", align="right"),
    Column(key="unadjusted", header="unadjusted", align="right"),
)


def layout(result: wecb.appraisal.Appraisal, name: str) -> str:
    """The appraisal ``result`` as the layout ``name`` prints it."""
    return "\n\n".join(table.to_text() for table in layout_tables(result, name))


def layout_tables(result: wecb.appraisal.Appraisal, name: str) -> tuple[Table, ...]:
    """The tables of the layout ``name`` of the appraisal ``result``."""
    if name == "summary":
        return result.tables()
    agencies = wecb.appraisal.by_agency(result)
    return (*cases_tables(result), *agencies.tables())


def _ratio(value: Decimal | None) -> str:
    return ratio_text(value)


def _year(value: wecb.FinancialYear | None) -> str:
    return "never" if value is None else str(value)


_Rows = list[tuple[str, tuple[object, object]]]


def _both(figure: Callable[[bool], object]) -> tuple[object, object]:
    """A figure adjusted, then unadjusted."""
    return figure(True), figure(False)


def cases_tables(result: wecb.appraisal.Appraisal) -> tuple[Table, Table]:
    """The financial case and the economic case of ``result`` as two tables: each figure
    adjusted and unadjusted (present values; payback on discounted and on undiscounted
    figures)."""
    basis = (
        f"present values: horizon {result.horizon}; base year {result.base_year}; "
        f"{result.price_base} prices; discounting {result.schedule.name}"
    )
    financial_table = _table(
        f"Financial case: {result.name}",
        _financial_rows(result),
        (
            basis,
            "fiscal benefits: savings to the public purse, cashable and non-cashable "
            "(unclassified benefits only when treated as fiscal); payback year: the first "
            "year from which the cumulative net fiscal value stays at or above zero",
        ),
    )
    economic_table = _table(
        f"Economic case: {result.name}",
        _economic_rows(result),
        (basis, "assumptions: listed under the table by agency"),
    )
    return financial_table, economic_table


def _financial_rows(result: wecb.appraisal.Appraisal) -> _Rows:
    financial = result.financial_case
    cashable = financial.cashable
    return [
        ("PV costs", _both(result.costs.present_value.get)),
        ("PV fiscal benefits", _both(financial.benefits.present_value.get)),
        ("  of which cashable", _both(cashable.benefits.present_value.get)),
        (
            "net present budget impact",
            _both(lambda adj: financial.net_present_budget_impact(adjusted=adj).amount),
        ),
        (
            "financial return on investment",
            _both(lambda adj: _ratio(financial.financial_return_on_investment(adjusted=adj))),
        ),
        ("payback year", _both(lambda adj: _year(financial.payback_year(adjusted=adj)))),
        (
            "payback year (undiscounted)",
            _both(lambda adj: _year(financial.payback_year(discounted=False, adjusted=adj))),
        ),
        (
            "cashable only: net present budget impact",
            _both(lambda adj: cashable.net_present_budget_impact(adjusted=adj).amount),
        ),
        (
            "cashable only: financial return on investment",
            _both(lambda adj: _ratio(cashable.financial_return_on_investment(adjusted=adj))),
        ),
        (
            "cashable only: payback year",
            _both(lambda adj: _year(cashable.payback_year(adjusted=adj))),
        ),
    ]


def _economic_rows(result: wecb.appraisal.Appraisal) -> _Rows:
    economic = result.economic_case
    by_type = result.benefits_by_value_type()
    return [
        ("PV costs", _both(result.costs.present_value.get)),
        *(
            (f"PV {result.benefit_label(kind)} benefits", _both(by_type[kind].present_value.get))
            for kind in by_type
        ),
        ("PV benefits", _both(economic.benefits.present_value.get)),
        (
            "net present public value",
            _both(lambda adj: economic.net_present_public_value(adjusted=adj).amount),
        ),
        (
            "benefit-cost ratio",
            _both(lambda adj: _ratio(economic.benefit_cost_ratio(adjusted=adj))),
        ),
    ]


def _table(title: str, rows: _Rows, notes: tuple[str, ...]) -> Table:
    return Table(
        columns=_COLUMNS,
        rows=[(item, *values) for item, values in rows],
        kinds=["total" if item.startswith("net present") else "group" for item, _ in rows],
        title=title,
        notes=notes,
        scale="units",
        places=2,
    )
