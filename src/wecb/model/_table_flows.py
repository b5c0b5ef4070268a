"""Published tables from cash flows, and their value types (private to
:mod:`wecb.model.tables`).

A table's cashable benefit is fiscal (cashable savings are fiscal by definition) and its
non-cashable benefit has one value type, unclassified unless stated.
:func:`published_figures` sums flows into a table's columns and finds that value type;
:func:`value_type_assumptions` states the value types of several tables as assumptions,
grouped where tables share them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from wecb.core._validators import check_enum, fail
from wecb.core.assumptions import Assumption
from wecb.core.money import Money
from wecb.core.periods import Period
from wecb.model.cashflows import CashFlow, Nature, ValueType

__all__ = ["non_cashable_value_type_of", "published_figures", "value_type_assumptions"]


class _Table(Protocol):
    """A :class:`~wecb.model.tables.CostBenefitTable`, as far as this module needs one."""

    def value_type_assumption(self) -> Assumption: ...


def published_figures(
    flows: tuple[CashFlow, ...],
    cost_periods: tuple[Period, Period, Period],
    currency: str,
    stated: ValueType | None,
) -> tuple[tuple[Money, Money, Money], Money, Money, ValueType]:
    """The three cost columns, the net cashable and non-cashable columns, and the value
    type of the non-cashable benefit that ``flows`` give (see
    :meth:`CostBenefitTable.from_cash_flows <wecb.model.tables.CostBenefitTable.from_cash_flows>`).
    """
    value_type = non_cashable_value_type_of(flows, stated)
    if flows:
        currency = flows[0].currency
    costs = [Money.zero(currency)] * 3
    gross = {True: Money.zero(currency), False: Money.zero(currency)}
    for index, flow in enumerate(flows):
        where = f"CostBenefitTable.from_cash_flows: flows[{index}]"
        if flow.nature is Nature.COST:
            if not flow.cashable:
                fail(where, flow, "cashable costs: the tables charge all costs as cash")
            if flow.period not in cost_periods:
                fail(where, flow, f"a cost in one of the cost periods {cost_periods}")
            column = cost_periods.index(flow.period)
            costs[column] = costs[column] + flow.amount
        else:
            gross[flow.cashable] = gross[flow.cashable] + flow.amount
    net_cashable = costs[0] + costs[1] + costs[2] - gross[True]
    return (costs[0], costs[1], costs[2]), net_cashable, -gross[False], value_type


def non_cashable_value_type_of(flows: Iterable[CashFlow], stated: ValueType | None) -> ValueType:
    """The one value type of the non-cashable benefits among ``flows``: ``stated`` if given,
    else theirs, else unclassified. A benefit of another value type is refused (a table
    holds one value type for its non-cashable benefit)."""
    where = "CostBenefitTable.from_cash_flows"
    if stated is not None:
        check_enum(ValueType)(f"{where}: non_cashable_value_type", stated)
    found, said = stated, "the non_cashable_value_type given"
    for index, flow in enumerate(flows):
        if flow.nature is Nature.COST or flow.cashable:
            continue
        if found is None:
            found, said = flow.value_type, f"flows[{index}], the first non-cashable benefit"
        elif flow.value_type is not found:
            fail(
                f"{where}: flows[{index}].value_type",
                flow.value_type,
                f"{found} as {said}: a table holds one value type for its non-cashable "
                "benefit (keep such flows as a project's own flows instead)",
            )
    return ValueType.UNCLASSIFIED if found is None else found


def value_type_assumptions(
    tables: Iterable[tuple[str, _Table]],
) -> tuple[Assumption, ...]:
    """The value types of the ``(key, table)`` pairs' benefits, one assumption for each
    value type and note, naming the tables that share it (in the order given).

    >>> from wecb.datasets import essex_2012
    >>> essex = essex_2012()
    >>> (stated,) = value_type_assumptions((p.key, p.table) for p in essex.projects if p.table)
    >>> stated.name, stated.value
    ('value types of FBC1, FBC2, FBC3, FBC4, FBC5', 'cashable benefit fiscal; non-cashable \
benefit unclassified')
    """
    groups: dict[Assumption, list[str]] = {}
    for key, table in tables:
        groups.setdefault(table.value_type_assumption(), []).append(key)
    return tuple(
        Assumption(name=f"{a.name} of {', '.join(keys)}", value=a.value, source=a.source)
        for a, keys in groups.items()
    )
