"""Projects (business cases), their lifecycle stage gates and published cost-benefit tables.

Lifecycle
---------
A project moves through :class:`Stage` only through a :class:`StageGate`. The last three
gates are named in seed 002 ("Next Steps – Timeline"): "Decision to proceed to implement",
"Decision to proceed to Go Live" and "Decision to Close project". The business-case
progression before them (idea, outline business case, full business case) follows the seeds'
"projects to progress to Full Business Case (FBC)"; the gate names for it are wecb's own.
Closing is allowed from every open stage (wecb's own choice: a project can be stopped before
it goes live); the seeds show it after go-live.

>>> project = Project(key="FBC9", title="Example", domain="health",
...                   stage=Stage.FULL_BUSINESS_CASE)
>>> project.advance(StageGate.PROCEED_TO_IMPLEMENT).stage
<Stage.IMPLEMENTATION: 'implementation'>
>>> project.advance(StageGate.PROCEED_TO_GO_LIVE)
Traceback (most recent call last):
...
wecb.errors.StageGateError: project 'FBC9' is at stage full_business_case, ...
"""

from __future__ import annotations

import enum
import types
from collections.abc import Iterable
from decimal import Decimal

import attrs

from wecb.core._validators import (
    check_enum,
    check_instance,
    check_key,
    check_money,
    check_non_negative_money,
    check_period,
    check_text,
    fail,
    field,
    optional,
    source_field,
    tuple_of,
)
from wecb.core.money import Money
from wecb.core.periods import FinancialYear, OpenPeriod, Period
from wecb.errors import StageGateError
from wecb.model.cashflows import CashFlow, Nature, ValueType
from wecb.model.integration import IntegrationLevel

__all__ = [
    "APPRAISAL_HORIZON",
    "FURTHER_IMPLEMENTATION",
    "TABLE_OPEN_PERIODS",
    "TO_MAR_2013",
    "TO_MAR_2014",
    "TRANSITIONS",
    "CostBenefitTable",
    "Pilot",
    "Project",
    "Stage",
    "StageGate",
    "TableDiscrepancy",
    "gates_from",
]

_SEED_002 = "002_a38ee2056a84be54.txt"


class Stage(enum.Enum):
    """The lifecycle stage of a project, in order."""

    IDEA = "idea"
    OUTLINE_BUSINESS_CASE = "outline_business_case"
    FULL_BUSINESS_CASE = "full_business_case"
    IMPLEMENTATION = "implementation"
    LIVE = "live"
    CLOSED = "closed"


class StageGate(enum.Enum):
    """A decision that moves a project from one stage to the next (see :data:`TRANSITIONS`)."""

    PROCEED_TO_OUTLINE_BUSINESS_CASE = "proceed_to_outline_business_case"
    PROCEED_TO_FULL_BUSINESS_CASE = "proceed_to_full_business_case"
    PROCEED_TO_IMPLEMENT = "proceed_to_implement"
    PROCEED_TO_GO_LIVE = "proceed_to_go_live"
    CLOSE = "close"

    @property
    def label(self) -> str:
        """The decision's wording (the seeds' own for the last three gates)."""
        return _GATES[self][0]

    @property
    def source(self) -> str | None:
        """Where the seeds name the gate, or ``None`` for wecb's own gate names."""
        return _GATES[self][1]


_GATES: dict[StageGate, tuple[str, str | None]] = {
    StageGate.PROCEED_TO_OUTLINE_BUSINESS_CASE: (
        "Decision to develop an outline business case",
        None,
    ),
    StageGate.PROCEED_TO_FULL_BUSINESS_CASE: (
        "Decision to progress to Full Business Case",
        None,
    ),
    StageGate.PROCEED_TO_IMPLEMENT: (
        "Decision to proceed to implement",
        f"{_SEED_002}, Next Steps – Timeline",
    ),
    StageGate.PROCEED_TO_GO_LIVE: (
        "Decision to proceed to Go Live",
        f"{_SEED_002}, Next Steps – Timeline",
    ),
    StageGate.CLOSE: ("Decision to Close project", f"{_SEED_002}, Next Steps – Timeline"),
}

_OPEN_STAGES = frozenset(stage for stage in Stage if stage is not Stage.CLOSED)

#: Each gate: the stages it may be taken from, and the stage it leads to.
TRANSITIONS: types.MappingProxyType[StageGate, tuple[frozenset[Stage], Stage]] = (
    types.MappingProxyType(
        {
            StageGate.PROCEED_TO_OUTLINE_BUSINESS_CASE: (
                frozenset({Stage.IDEA}),
                Stage.OUTLINE_BUSINESS_CASE,
            ),
            StageGate.PROCEED_TO_FULL_BUSINESS_CASE: (
                frozenset({Stage.OUTLINE_BUSINESS_CASE}),
                Stage.FULL_BUSINESS_CASE,
            ),
            StageGate.PROCEED_TO_IMPLEMENT: (
                frozenset({Stage.FULL_BUSINESS_CASE}),
                Stage.IMPLEMENTATION,
            ),
            StageGate.PROCEED_TO_GO_LIVE: (frozenset({Stage.IMPLEMENTATION}), Stage.LIVE),
            StageGate.CLOSE: (_OPEN_STAGES, Stage.CLOSED),
        }
    )
)


def gates_from(stage: Stage) -> tuple[StageGate, ...]:
    """The gates that may be taken from ``stage``, in declaration order.

    >>> gates_from(Stage.IMPLEMENTATION)
    (<StageGate.PROCEED_TO_GO_LIVE: 'proceed_to_go_live'>, <StageGate.CLOSE: 'close'>)
    >>> gates_from(Stage.CLOSED)
    ()
    """
    return tuple(gate for gate, (sources, _) in TRANSITIONS.items() if stage in sources)


# The columns of the Essex tables. "To Mar '13" also holds spend before 2012/13 (the
# programme began in January 2012), so it is an open bucket ending with 2012/13; the three
# cost columns add up to the cashable column (FBC2, FBC3), so they are disjoint and
# "To Mar '14" is the year 2013/14 alone.
TO_MAR_2013 = OpenPeriod(key="to_mar_2013", label="To Mar '13", until=FinancialYear(2012))
TO_MAR_2014 = FinancialYear(2013)
FURTHER_IMPLEMENTATION = OpenPeriod(
    key="further_implementation", label="Further implementation", after=FinancialYear(2013)
)
# The cost columns in order: the default cost_periods of the table and its constructors.
_DEFAULT_COST_PERIODS: tuple[Period, Period, Period] = (
    TO_MAR_2013,
    TO_MAR_2014,
    FURTHER_IMPLEMENTATION,
)
#: The whole horizon of a table's benefits, which the tables do not phase by year.
APPRAISAL_HORIZON = OpenPeriod(key="appraisal_horizon", label="Appraisal horizon")
#: The open periods a programme must list to hold tables with the default columns.
TABLE_OPEN_PERIODS: tuple[OpenPeriod, ...] = (
    TO_MAR_2013,
    FURTHER_IMPLEMENTATION,
    APPRAISAL_HORIZON,
)

# The published figures of a CostBenefitTable in column order: its Money fields, and the
# keys of a table in a programme file and in exported project rows.
_MONEY_COLUMNS = (
    "costs_to_mar_2013",
    "costs_to_mar_2014",
    "costs_further_implementation",
    "net_cashable",
    "net_non_cashable",
    "net_total",
)
_COST_LABELS = ("Costs to Mar '13", "Costs to Mar '14", "Costs of further implementation")


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
    source: str | None = source_field()

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

    Sign convention (derived from the five Essex tables in seed 002)
    -----------------------------------------------------------------
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
        default=_DEFAULT_COST_PERIODS,
        validator=field(_check_cost_periods),
    )
    #: The period the (unphased) benefits are placed in.
    benefit_period: Period = attrs.field(default=APPRAISAL_HORIZON, validator=field(check_period))
    #: The value type of the non-cashable benefit (cashable benefits are always fiscal).
    non_cashable_value_type: ValueType = attrs.field(
        default=ValueType.FISCAL, validator=field(check_enum(ValueType))
    )
    source: str | None = source_field()

    def __attrs_post_init__(self) -> None:
        currency = self.costs_to_mar_2013.currency
        for name in _MONEY_COLUMNS[1:]:
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
        cost_periods: tuple[Period, Period, Period] = _DEFAULT_COST_PERIODS,
        benefit_period: Period = APPRAISAL_HORIZON,
        non_cashable_value_type: ValueType = ValueType.FISCAL,
        source: str | None = None,
    ) -> CostBenefitTable:
        """A table from its published £'000 figures (``"87,587"``, ``-944``, ...)."""

        def money(name: str, value: str | int | Decimal) -> Money:
            if not isinstance(value, str | int | Decimal) or isinstance(value, bool):
                fail(f"CostBenefitTable.{name}", value, "a figure in £'000: str, int or Decimal")
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
            source=source,
        )

    @classmethod
    def from_cash_flows(
        cls,
        flows: Iterable[CashFlow],
        *,
        currency: str = "GBP",
        cost_periods: tuple[Period, Period, Period] = _DEFAULT_COST_PERIODS,
        benefit_period: Period = APPRAISAL_HORIZON,
        non_cashable_value_type: ValueType = ValueType.FISCAL,
        source: str | None = None,
    ) -> CostBenefitTable:
        """The published table that ``flows`` give: the inverse of :meth:`cash_flows`.

        Costs must be cashable and lie in one of ``cost_periods``; benefits of any period
        are summed by cashability. ``currency`` is used only when ``flows`` is empty.
        """
        flows = tuple(flows)
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
        total_costs = costs[0] + costs[1] + costs[2]
        net_cashable = total_costs - gross[True]
        net_non_cashable = -gross[False]
        return cls(
            costs_to_mar_2013=costs[0],
            costs_to_mar_2014=costs[1],
            costs_further_implementation=costs[2],
            net_cashable=net_cashable,
            net_non_cashable=net_non_cashable,
            net_total=net_cashable + net_non_cashable,
            cost_periods=cost_periods,
            benefit_period=benefit_period,
            non_cashable_value_type=non_cashable_value_type,
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
            f"net cashable {k[3]}, net non-cashable {n[0]}, net total {n[1]}>"
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

    @property
    def net_non_cashable_benefit(self) -> Money:
        """``-net_non_cashable``: the non-cashable saving (positive is a saving)."""
        return -self.net_non_cashable

    def in_thousands(self) -> tuple[Decimal, Decimal, Decimal, Decimal, Decimal, Decimal]:
        """The six figures in £'000 with their published signs, in column order."""
        m = [getattr(self, name).amount_in_thousands() for name in _MONEY_COLUMNS]
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
                check="net cashable + net non-cashable = net total",
                claimed=self.net_total,
                derived=derived,
                source=self.source,
            ),
        )

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


@attrs.frozen(kw_only=True)
class Pilot:
    """A local pilot within a project, e.g. FBC1's integration pilots (ICA, SCB)."""

    key: str = attrs.field(validator=field(check_key))
    name: str = attrs.field(validator=field(check_text))
    area: str = attrs.field(validator=field(check_text))
    integration_level: IntegrationLevel = attrs.field(
        validator=field(check_enum(IntegrationLevel))
    )
    source: str | None = source_field()


def _check_pilots(where: str, value: object) -> None:
    tuple_of(check_instance(Pilot, "Pilot(key=..., ...)"), what="pilot")(where, value)
    assert isinstance(value, tuple)
    seen: dict[str, int] = {}
    for index, pilot in enumerate(value):
        if pilot.key in seen:
            fail(
                f"{where}[{index}].key",
                pilot.key,
                f"a key not used by another pilot (already at [{seen[pilot.key]}])",
            )
        seen[pilot.key] = index


@attrs.frozen(kw_only=True)
class Project:
    """A project: one business case of the programme.

    ``domain`` is a domain key and ``leads`` partner keys (the :class:`Programme` checks
    they exist). ``flows`` are explicit cash flows; :attr:`cash_flows` adds the flows
    derived from ``table`` in front of them.
    """

    key: str = attrs.field(validator=field(check_key))
    title: str = attrs.field(validator=field(check_text))
    domain: str = attrs.field(validator=field(check_key))
    leads: tuple[str, ...] = attrs.field(
        default=(), validator=field(tuple_of(check_key, unique=True, what="partner key"))
    )
    big_idea: str | None = attrs.field(default=None, validator=field(optional(check_text)))
    approach: tuple[str, ...] = attrs.field(
        default=(), validator=field(tuple_of(check_text, what="string"))
    )
    asks: tuple[str, ...] = attrs.field(
        default=(), validator=field(tuple_of(check_text, what="string"))
    )
    integration_level: IntegrationLevel | None = attrs.field(
        default=None, validator=field(optional(check_enum(IntegrationLevel)))
    )
    stage: Stage = attrs.field(default=Stage.IDEA, validator=field(check_enum(Stage)))
    table: CostBenefitTable | None = attrs.field(
        default=None,
        validator=field(optional(check_instance(CostBenefitTable, "CostBenefitTable(...)"))),
    )
    flows: tuple[CashFlow, ...] = attrs.field(
        default=(),
        validator=field(tuple_of(check_instance(CashFlow, "CashFlow(...)"), what="CashFlow")),
    )
    pilots: tuple[Pilot, ...] = attrs.field(default=(), validator=field(_check_pilots))
    source: str | None = source_field()
    # Derived once: the table's flows cost ~5 CashFlow validations on every access otherwise.
    _cash_flows: tuple[CashFlow, ...] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        derived = () if self.table is None else self.table.cash_flows()
        object.__setattr__(self, "_cash_flows", derived + self.flows)

    def __repr__(self) -> str:
        # Short for the REPL; the fields are all attributes.
        level = "" if self.integration_level is None else f", level {int(self.integration_level)}"
        table = "" if self.table is None else f", net total {self.table.net_total.format()}"
        flows = len(self.cash_flows)
        return (
            f"<Project {self.key} {self.title!r}: {self.domain}, {self.stage.value}{level}"
            f"{table}, {flows} cash flow{'s' if flows != 1 else ''}>"
        )

    @property
    def cash_flows(self) -> tuple[CashFlow, ...]:
        """The table-derived flows (if any) followed by the explicit ``flows``."""
        return self._cash_flows

    @property
    def table_flow_count(self) -> int:
        """How many of :attr:`cash_flows` come from the table (0 or 5)."""
        return len(self._cash_flows) - len(self.flows)

    def gates(self) -> tuple[StageGate, ...]:
        """The gates that may be taken from the current stage."""
        return gates_from(self.stage)

    def advance(self, gate: StageGate) -> Project:
        """A copy of the project moved through ``gate``.

        Raises :class:`~wecb.errors.StageGateError` naming the stage and the gate when
        ``gate`` cannot be taken from the current stage.
        """
        if not isinstance(gate, StageGate):
            fail("Project.advance.gate", gate, "a StageGate")
        sources, target = TRANSITIONS[gate]
        if self.stage not in sources:
            allowed = ", ".join(g.value for g in gates_from(self.stage)) or "none (closed)"
            from_stages = ", ".join(s.value for s in Stage if s in sources)
            raise StageGateError(
                f"project {self.key!r} is at stage {self.stage.value}, but gate "
                f"{gate.value} ({gate.label!r}) applies only from {from_stages}; "
                f"gates from {self.stage.value}: {allowed}"
            )
        return attrs.evolve(self, stage=target)
