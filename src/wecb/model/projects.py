"""Projects (business cases), their pilots and their lifecycle stage gates.

A project's published cost-benefit table is a :class:`~wecb.model.tables.CostBenefitTable`.

Lifecycle
---------
A project moves through :class:`Stage` only through a :class:`StageGate` (both defined, with
the gates' sources, in :mod:`wecb.model.decisions`). :meth:`Project.advance` takes a gate,
and optionally the :class:`~wecb.model.decisions.GateDecision` taken there: the decision is
appended to :attr:`Project.decisions`, and the stage moves only when it approves.

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

from collections.abc import Sequence

import attrs

from wecb.core._validators import (
    check_enum,
    check_instance,
    check_key,
    check_text,
    fail,
    field,
    optional,
    tuple_of,
    wrong_type,
)
from wecb.errors import StageGateError
from wecb.model._flow_columns import FlowColumns, Joined
from wecb.model.cashflows import CashFlow
from wecb.model.decisions import (
    TRANSITIONS,
    GateDecision,
    Stage,
    StageGate,
    gates_from,
)
from wecb.model.documents import Source, source_field
from wecb.model.integration import IntegrationLevel
from wecb.model.tables import CostBenefitTable

__all__ = [
    "TRANSITIONS",
    "Pilot",
    "Project",
    "Stage",
    "StageGate",
    "gates_from",
]


@attrs.frozen(kw_only=True)
class Pilot:
    """A local pilot within a project, e.g. FBC1's integration pilots (ICA, SCB)."""

    key: str = attrs.field(validator=field(check_key))
    name: str = attrs.field(validator=field(check_text))
    area: str = attrs.field(validator=field(check_text))
    integration_level: IntegrationLevel = attrs.field(
        validator=field(check_enum(IntegrationLevel))
    )
    source: Source | None = source_field()


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


_check_flow_tuple = tuple_of(check_instance(CashFlow, "CashFlow(...)"), what="CashFlow")


def _check_flows(where: str, value: object) -> None:
    # Flows held as columns were checked line by line by the loader that built them.
    if not isinstance(value, FlowColumns):
        _check_flow_tuple(where, value)


@attrs.frozen(kw_only=True)
class Project:
    """A project: one business case of the programme.

    ``domain`` is a domain key and ``leads`` partner keys (the :class:`Programme` checks
    they exist). ``flows`` are explicit cash flows; :attr:`cash_flows` adds the flows
    derived from ``table`` in front of them. ``counterfactual`` holds the business-as-usual
    flows (what would be spent and saved without the project): an appraisal subtracts them
    line by line, so each figure is with-minus-without; they are not among
    :attr:`cash_flows`, and draw on no funding stream.

    The ``repr`` shows the table's net benefit, positive for a saving (the table publishes
    the same figure as a net cost, negative for a saving):

    >>> from wecb.model.tables import CostBenefitTable
    >>> table = CostBenefitTable.from_thousands(
    ...     costs_to_mar_2013="716", costs_to_mar_2014="946", costs_further_implementation="3,081",
    ...     net_cashable="-87,587", net_non_cashable="0", net_total="-87,587")
    >>> Project(key="FBC1", title="Integrated Commissioning", domain="health", table=table)
    <Project FBC1 'Integrated Commissioning': health, idea, net benefit £87.6m, 5 cash flows>
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
    integration_level: IntegrationLevel | None = attrs.field(
        default=None, validator=field(optional(check_enum(IntegrationLevel)))
    )
    stage: Stage = attrs.field(default=Stage.IDEA, validator=field(check_enum(Stage)))
    #: The gate decisions recorded, in date order (see :mod:`wecb.model.decisions`; the
    #: :class:`~wecb.model.programme.Programme` checks they agree with ``stage``).
    decisions: tuple[GateDecision, ...] = attrs.field(
        default=(),
        validator=field(
            tuple_of(check_instance(GateDecision, "GateDecision(...)"), what="GateDecision")
        ),
    )
    table: CostBenefitTable | None = attrs.field(
        default=None,
        validator=field(optional(check_instance(CostBenefitTable, "CostBenefitTable(...)"))),
    )
    #: A tuple, or (from a loader) the same flows held as columns: a read-only sequence that
    #: equals the tuple of its flows.
    flows: Sequence[CashFlow] = attrs.field(default=(), validator=field(_check_flows))
    #: Business-as-usual (counterfactual) flows: what would be spent and saved without the
    #: project; an appraisal counts the project as with-minus-without (see
    #: :mod:`wecb.appraisal.cba`).
    counterfactual: Sequence[CashFlow] = attrs.field(default=(), validator=field(_check_flows))
    pilots: tuple[Pilot, ...] = attrs.field(default=(), validator=field(_check_pilots))
    source: Source | None = source_field()
    # Derived once: the table's flows cost ~5 CashFlow validations on every access otherwise.
    _cash_flows: Sequence[CashFlow] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        derived = () if self.table is None else self.table.cash_flows()
        flows = self.flows
        if isinstance(flows, FlowColumns):
            both: Sequence[CashFlow] = Joined(derived, flows) if derived else flows
        else:
            both = derived + tuple(flows)
        object.__setattr__(self, "_cash_flows", both)

    def __repr__(self) -> str:
        # Short for the REPL; the fields are all attributes. The net benefit is positive for a
        # saving (the table's published net total is a net cost: the same with the sign turned).
        level = "" if self.integration_level is None else f", level {int(self.integration_level)}"
        table = "" if self.table is None else f", net benefit {self.table.net_benefit.format()}"
        flows = len(self.cash_flows)
        usual = len(self.counterfactual)
        counterfactual = f", {usual} business-as-usual" if usual else ""
        return (
            f"<Project {self.key} {self.title!r}: {self.domain}, {self.stage.value}{level}"
            f"{table}, {flows} cash flow{'s' if flows != 1 else ''}{counterfactual}>"
        )

    @property
    def cash_flows(self) -> Sequence[CashFlow]:
        """The table-derived flows (if any) followed by the explicit ``flows``."""
        return self._cash_flows

    @property
    def integration_levels(self) -> tuple[IntegrationLevel, ...]:
        """The project's own integration level (if set), then each pilot's, in order.

        >>> Project(key="P", title="T", domain="d").integration_levels
        ()
        """
        own = () if self.integration_level is None else (self.integration_level,)
        return own + tuple(pilot.integration_level for pilot in self.pilots)

    @property
    def table_flow_count(self) -> int:
        """How many of :attr:`cash_flows` come from the table (0 or 5)."""
        return len(self._cash_flows) - len(self.flows)

    def gates(self) -> tuple[StageGate, ...]:
        """The gates that may be taken from the current stage."""
        return gates_from(self.stage)

    def advance(self, gate: StageGate, *, decision: GateDecision | None = None) -> Project:
        """A copy of the project moved through ``gate``, or with ``decision`` recorded.

        With ``decision`` (taken at ``gate``, dated no earlier than the last decision
        recorded), the decision is appended to :attr:`decisions` and the stage moves only
        when it approves; a deferred or rejected decision leaves the stage as it was.
        Raises :class:`~wecb.errors.StageGateError` naming the stage and the gate when
        ``gate`` cannot be taken from the current stage, or the decision does not fit.

        >>> from datetime import date
        >>> from wecb.model.decisions import DecisionOutcome, GateDecision
        >>> project = Project(key="P", title="T", domain="d", stage=Stage.FULL_BUSINESS_CASE)
        >>> deferred = GateDecision(gate=StageGate.PROCEED_TO_IMPLEMENT, date=date(2013, 1, 9),
        ...                         decided_by="Programme Board", outcome=DecisionOutcome.DEFERRED)
        >>> later = project.advance(StageGate.PROCEED_TO_IMPLEMENT, decision=deferred)
        >>> later.stage.value, len(later.decisions)
        ('full_business_case', 1)
        """
        if not isinstance(gate, StageGate):
            wrong_type("Project.advance.gate", gate, "a StageGate")
        sources, target = TRANSITIONS[gate]
        if self.stage not in sources:
            allowed = ", ".join(g.value for g in gates_from(self.stage)) or "none (closed)"
            from_stages = ", ".join(s.value for s in Stage if s in sources)
            raise StageGateError(
                f"project {self.key!r} is at stage {self.stage.value}, but gate "
                f"{gate.value} ({gate.label!r}) applies only from {from_stages}; "
                f"gates from {self.stage.value}: {allowed}"
            )
        if decision is None:
            return attrs.evolve(self, stage=target)
        if not isinstance(decision, GateDecision):
            wrong_type("Project.advance.decision", decision, "a GateDecision")
        if decision.gate is not gate:
            raise StageGateError(
                f"project {self.key!r}: the decision was taken at gate {decision.gate.value}, "
                f"not at {gate.value}"
            )
        if self.decisions and decision.date < self.decisions[-1].date:
            raise StageGateError(
                f"project {self.key!r}: the decision is dated {decision.date.isoformat()}, "
                f"before the last decision recorded ({self.decisions[-1].date.isoformat()})"
            )
        stage = target if decision.outcome.moves else self.stage
        return attrs.evolve(self, stage=stage, decisions=(*self.decisions, decision))

    @property
    def latest_decision(self) -> GateDecision | None:
        """The last decision recorded, or ``None`` when none is."""
        return self.decisions[-1] if self.decisions else None
