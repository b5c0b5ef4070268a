"""Published cost-benefit tables: the figures a business case prints.

The layout is that of the Whole Essex Community Budget business cases (2012): three cost
columns (to March 2013, the year 2013/14, further implementation) and three net columns
(cashable, non-cashable, total), in £'000. :class:`CostBenefitTable` holds one such table
exactly as published and derives the gross figures and the cash flows from it;
:meth:`CostBenefitTable.check` reports a published total that its own columns contradict.
The periods of the columns are in :mod:`wecb.model.table_periods`.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Final

import attrs

from wecb.core._validators import (
    check_enum,
    check_money,
    check_non_negative_money,
    check_period,
    check_text,
    fail,
    field,
    optional,
    tuple_of,
    wrong_type,
)
from wecb.core.assumptions import Assumption
from wecb.core.money import Money
from wecb.core.periods import Period
from wecb.model._table_flows import published_figures, value_type_assumptions
from wecb.model.cashflows import CashFlow, Nature, ValueType
from wecb.model.documents import Source, source_field
from wecb.model.table_periods import APPRAISAL_HORIZON, DEFAULT_COST_PERIODS

__all__ = ["PUBLISHED_COLUMNS", "CostBenefitTable", "TableDiscrepancy", "value_type_assumptions"]

#: The published figures of a CostBenefitTable in column order: its Money fields, and the
#: keys of a table in a programme file, in the published-table CSV and in exported rows.
PUBLISHED_COLUMNS: Final = (
    "costs_to_mar_2013",
    "costs_to_mar_2014",
    "costs_further_implementation",
    "net_cashable",
    "net_non_cashable",
    "net_total",
)
_COST_LABELS: Final = ("Costs to Mar '13", "Costs to Mar '14", "Costs of further implementation")


def _check_cost_periods(where: str, value: object) -> None:
    tuple_of(check_period, unique=True, what="period")(where, value)
    assert isinstance(value, tuple)
    if len(value) != 3:
        fail(where, value, "three distinct periods, one for each cost column")


@attrs.frozen(kw_only=True)
class TableDiscrepancy:
    """A published total that does not equal what its own columns give."""

    check: str = attrs.field(validator=field(check_text))
    claimed: Money = attrs.field(validator=field(check_money))
    derived: Money = attrs.field(validator=field(check_money))
    source: Source | None = source_field()

    @property
    def difference(self) -> Money:
        """``claimed - derived``."""
        return self.claimed - self.derived

    def __str__(self) -> str:
        return (
            f"{self.check}: published {self.claimed}, columns give {self.derived} "
            f"(difference {self.difference})"
        )


@attrs.frozen(kw_only=True)
class CostBenefitTable:
    """The cost-benefit table of a business case, with its figures as published.

    Amounts are :class:`~wecb.core.money.Money` in pounds (build them from the published £'000
    with :meth:`from_thousands`); signs are kept exactly as published.

    Sign convention (derived from the five tables of the Essex business cases)
    ---------------------------------------------------------------------------
    The three cost columns are positive amounts spent. The net columns are **net costs**:
    negative means a net saving. All costs are charged to the *cashable* column, so::

        net_cashable     = total_costs - gross_cashable_benefit
        net_non_cashable = - gross_non_cashable_benefit
        net_total        = net_cashable + net_non_cashable

    The evidence: in FBC2 the cost columns sum to 147 + 155 + 795 = 1,097, which is exactly
    the (positive) cashable column; in FBC3 189 + 328 + 0 = 517, again exactly the cashable
    column. Those two cases have no cashable benefit, so the cashable column is their costs
    alone, with the sign of a cost. The non-cashable column carries no costs (it is never
    positive in any table), and cashable + non-cashable = total in all five tables.

    From the published figures wecb derives the gross figures (never negative; a table
    implying a negative gross benefit is refused as not following the convention):
    :attr:`total_costs`, :attr:`gross_cashable_benefit`, :attr:`gross_non_cashable_benefit`,
    :attr:`gross_benefit`, and :attr:`net_benefit` (positive = net saving).

    Value types: the cashable benefit is fiscal (cashable savings are fiscal by definition);
    the non-cashable benefit has :attr:`non_cashable_value_type`, ``UNCLASSIFIED`` unless
    stated (wecb 0.1.0 took it as fiscal). :attr:`value_type_note` says why the benefits
    have the value types they have (the source's words, or that it does not split them).

    FBC2 (Skills for Growth), in £'000: costs 147, 155, 795; net cashable 1,097;
    net non-cashable -151,406; net total -150,309.

    >>> fbc2 = CostBenefitTable.from_thousands(
    ...     costs_to_mar_2013="147", costs_to_mar_2014="155", costs_further_implementation="795",
    ...     net_cashable="1,097", net_non_cashable="-151,406", net_total="-150,309")
    >>> fbc2.total_costs == Money.from_thousands("1,097")             # 147 + 155 + 795
    True
    >>> fbc2.gross_cashable_benefit == Money.from_thousands("0")      # 1,097 - 1,097
    True
    >>> fbc2.gross_non_cashable_benefit == Money.from_thousands("151,406")
    True
    >>> fbc2.net_benefit == Money.from_thousands("150,309")           # a net saving
    True
    >>> fbc2.check()
    ()

    :meth:`cash_flows` turns the table into three cost lines (one per cost column, in
    :attr:`cost_periods`) and two gross benefit lines (in :attr:`benefit_period`) whose net
    reproduces the published columns exactly:

    >>> flows = fbc2.cash_flows()
    >>> -sum(f.signed for f in flows if f.cashable) == fbc2.net_cashable
    True
    >>> -sum(f.signed for f in flows) == fbc2.net_total
    True
    """

    costs_to_mar_2013: Money = attrs.field(validator=field(check_non_negative_money))
    costs_to_mar_2014: Money = attrs.field(validator=field(check_non_negative_money))
    costs_further_implementation: Money = attrs.field(validator=field(check_non_negative_money))
    net_cashable: Money = attrs.field(validator=field(check_money))
    net_non_cashable: Money = attrs.field(validator=field(check_money))
    net_total: Money = attrs.field(validator=field(check_money))
    #: The periods of the three cost columns, in column order.
    cost_periods: tuple[Period, Period, Period] = attrs.field(
        default=DEFAULT_COST_PERIODS,
        validator=field(_check_cost_periods),
    )
    #: The period the (unphased) benefits are placed in.
    benefit_period: Period = attrs.field(default=APPRAISAL_HORIZON, validator=field(check_period))
    #: The value type of the non-cashable benefit (cashable benefits are always fiscal);
    #: unclassified unless stated.
    non_cashable_value_type: ValueType = attrs.field(
        default=ValueType.UNCLASSIFIED, validator=field(check_enum(ValueType))
    )
    #: Why the benefits have the value types they have, e.g. the source's words.
    value_type_note: str | None = attrs.field(default=None, validator=field(optional(check_text)))
    source: Source | None = source_field()

    def __attrs_post_init__(self) -> None:
        currency = self.costs_to_mar_2013.currency
        for name in PUBLISHED_COLUMNS[1:]:
            value: Money = getattr(self, name)
            if value.currency != currency:
                fail(
                    f"CostBenefitTable.{name}",
                    value,
                    f"a Money in {currency}, the currency of costs_to_mar_2013",
                )
        if self.net_cashable > self.total_costs:
            fail(
                "CostBenefitTable.net_cashable",
                self.net_cashable,
                f"at most the total of the cost columns ({self.total_costs}): the cashable "
                "column is costs minus gross cashable benefit, which cannot be negative",
            )
        if self.net_non_cashable.amount > 0:
            fail(
                "CostBenefitTable.net_non_cashable",
                self.net_non_cashable,
                "zero or less: the non-cashable column is minus the gross non-cashable "
                "benefit (costs are all in the cashable column)",
            )

    @classmethod
    def from_thousands(
        cls,
        *,
        costs_to_mar_2013: str | int | Decimal,
        costs_to_mar_2014: str | int | Decimal,
        costs_further_implementation: str | int | Decimal,
        net_cashable: str | int | Decimal,
        net_non_cashable: str | int | Decimal,
        net_total: str | int | Decimal,
        currency: str = "GBP",
        cost_periods: tuple[Period, Period, Period] = DEFAULT_COST_PERIODS,
        benefit_period: Period = APPRAISAL_HORIZON,
        non_cashable_value_type: ValueType = ValueType.UNCLASSIFIED,
        value_type_note: str | None = None,
        source: Source | None = None,
    ) -> CostBenefitTable:
        """A table from its published £'000 figures (``"87,587"``, ``-944``, ...)."""

        def money(name: str, value: str | int | Decimal) -> Money:
            if not isinstance(value, str | int | Decimal) or isinstance(value, bool):
                wrong_type(
                    f"CostBenefitTable.{name}", value, "a figure in £'000: str, int or Decimal"
                )
            return Money.from_thousands(value, currency)

        return cls(
            costs_to_mar_2013=money("costs_to_mar_2013", costs_to_mar_2013),
            costs_to_mar_2014=money("costs_to_mar_2014", costs_to_mar_2014),
            costs_further_implementation=money(
                "costs_further_implementation", costs_further_implementation
            ),
            net_cashable=money("net_cashable", net_cashable),
            net_non_cashable=money("net_non_cashable", net_non_cashable),
            net_total=money("net_total", net_total),
            cost_periods=cost_periods,
            benefit_period=benefit_period,
            non_cashable_value_type=non_cashable_value_type,
            value_type_note=value_type_note,
            source=source,
        )

    @classmethod
    def from_cash_flows(
        cls,
        flows: Iterable[CashFlow],
        *,
        currency: str = "GBP",
        cost_periods: tuple[Period, Period, Period] = DEFAULT_COST_PERIODS,
        benefit_period: Period = APPRAISAL_HORIZON,
        non_cashable_value_type: ValueType | None = None,
        value_type_note: str | None = None,
        source: Source | None = None,
    ) -> CostBenefitTable:
        """The published table that ``flows`` give: the inverse of :meth:`cash_flows`.

        Costs must be cashable and lie in one of ``cost_periods``; benefits of any period
        are summed by cashability. The non-cashable benefits must share one value type,
        the table's :attr:`non_cashable_value_type`: when not given, theirs (unclassified
        when there are none); when given, any other is refused (a table cannot hold it).
        ``currency`` is used only when ``flows`` is empty.
        """
        costs, net_cashable, net_non_cashable, value_type = published_figures(
            tuple(flows), cost_periods, currency, non_cashable_value_type
        )
        return cls(
            costs_to_mar_2013=costs[0],
            costs_to_mar_2014=costs[1],
            costs_further_implementation=costs[2],
            net_cashable=net_cashable,
            net_non_cashable=net_non_cashable,
            net_total=net_cashable + net_non_cashable,
            cost_periods=cost_periods,
            benefit_period=benefit_period,
            non_cashable_value_type=value_type,
            value_type_note=value_type_note,
            source=source,
        )

    def __repr__(self) -> str:
        # The figures as published, in £'000, which is how analysts check them.
        k = [format(m.amount_in_thousands(), ",f") for m in (*self.costs, self.net_cashable)]
        n = [
            format(m.amount_in_thousands(), ",f") for m in (self.net_non_cashable, self.net_total)
        ]
        return (
            f"<CostBenefitTable in {self.currency} '000: costs {k[0]}, {k[1]}, {k[2]}; "
            f"net cost as published: cashable {k[3]}, non-cashable {n[0]}, total {n[1]}>"
        )

    @property
    def currency(self) -> str:
        """The currency of every figure in the table."""
        return self.costs_to_mar_2013.currency

    @property
    def costs(self) -> tuple[Money, Money, Money]:
        """The three cost columns, in order."""
        return (self.costs_to_mar_2013, self.costs_to_mar_2014, self.costs_further_implementation)

    @property
    def total_costs(self) -> Money:
        """The sum of the three cost columns."""
        return self.costs_to_mar_2013 + self.costs_to_mar_2014 + self.costs_further_implementation

    @property
    def gross_cashable_benefit(self) -> Money:
        """``total_costs - net_cashable``: the cashable benefit before costs."""
        return self.total_costs - self.net_cashable

    @property
    def gross_non_cashable_benefit(self) -> Money:
        """``-net_non_cashable``: the non-cashable benefit (no costs are charged to it)."""
        return -self.net_non_cashable

    @property
    def gross_benefit(self) -> Money:
        """Cashable plus non-cashable gross benefit."""
        return self.gross_cashable_benefit + self.gross_non_cashable_benefit

    @property
    def net_benefit(self) -> Money:
        """``gross_benefit - total_costs``; positive is a net saving.

        Derived from the cashable and non-cashable columns (``-(net_cashable +
        net_non_cashable)``), not from ``net_total``; :meth:`check` compares the two.
        """
        return self.gross_benefit - self.total_costs

    @property
    def net_cashable_benefit(self) -> Money:
        """``-net_cashable``: the cashable saving after all costs (positive is a saving)."""
        return -self.net_cashable

    def in_thousands(self) -> tuple[Decimal, Decimal, Decimal, Decimal, Decimal, Decimal]:
        """The six figures in £'000 with their published signs, in column order."""
        m = [getattr(self, name).amount_in_thousands() for name in PUBLISHED_COLUMNS]
        return (m[0], m[1], m[2], m[3], m[4], m[5])

    def check(self) -> tuple[TableDiscrepancy, ...]:
        """Discrepancies in the published arithmetic (empty when it all adds up).

        Checks that cashable + non-cashable = total. Never raises: a discrepancy is
        reported, not forced to agree.

        >>> bad = CostBenefitTable.from_thousands(
        ...     costs_to_mar_2013=1, costs_to_mar_2014=1, costs_further_implementation=1,
        ...     net_cashable=-10, net_non_cashable=-5, net_total=-16)
        >>> [d.difference == Money.from_thousands("-1") for d in bad.check()]
        [True]
        """
        derived = self.net_cashable + self.net_non_cashable
        if derived == self.net_total:
            return ()
        return (
            TableDiscrepancy(
                check="net cost as published: cashable + non-cashable = total",
                claimed=self.net_total,
                derived=derived,
                source=self.source,
            ),
        )

    def value_type_assumption(self) -> Assumption:
        """The value types of the benefits, with :attr:`value_type_note` as its source."""
        kind = self.non_cashable_value_type.value
        value = f"cashable benefit fiscal; non-cashable benefit {kind}"
        return Assumption(name="value types", value=value, source=self.value_type_note)

    def cash_flows(self) -> tuple[CashFlow, ...]:
        """Five flows: the three cost columns in :attr:`cost_periods`, then the gross
        cashable and non-cashable benefits in :attr:`benefit_period`.

        Costs are cashable (the tables charge them to the cashable column); benefits are
        fiscal when cashable and :attr:`non_cashable_value_type` otherwise. Lines are kept
        even when zero, so the shape never depends on the figures.
        """
        costs = tuple(
            CashFlow(
                amount=amount,
                nature=Nature.COST,
                period=period,
                cashable=True,
                label=label,
                source=self.source,
            )
            for amount, period, label in zip(
                self.costs, self.cost_periods, _COST_LABELS, strict=True
            )
        )
        benefits = (
            CashFlow(
                amount=self.gross_cashable_benefit,
                nature=Nature.BENEFIT,
                period=self.benefit_period,
                cashable=True,
                value_type=ValueType.FISCAL,
                label="Gross cashable benefit",
                source=self.source,
            ),
            CashFlow(
                amount=self.gross_non_cashable_benefit,
                nature=Nature.BENEFIT,
                period=self.benefit_period,
                cashable=False,
                value_type=self.non_cashable_value_type,
                label="Gross non-cashable benefit",
                source=self.source,
            ),
        )
        return costs + benefits
