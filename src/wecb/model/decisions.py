"""Lifecycle stages, the gates between them, and the decisions recorded at each gate.

A project moves through :class:`Stage` only through a :class:`StageGate`. The last three
gates are named in the Whole Essex Community Budget business cases ("Next Steps –
Timeline"): "Decision to proceed to implement", "Decision to proceed to Go Live" and
"Decision to Close project". The business-case progression before them follows the Green
Book's three business cases, strategic outline case (SOC), outline business case (OBC) and
full business case (FBC), and the same documents' "projects to progress to Full Business
Case (FBC)"; the gate names for it are wecb's own. The strategic outline case may be skipped
(a project may go from an idea straight to an outline business case, as files written before
the stage existed do). Closing is allowed from every open stage (wecb's own choice: a project
can be stopped before it goes live); the business cases show it after go-live.

A :class:`GateDecision` records one decision taken at a gate: the gate, the date, who
decided (a partner key, or a named body written as text with a space, such as ``"Essex
County Council Cabinet"``), the :class:`DecisionOutcome`, the conditions (one text, in the
source's words) and the source.
Only an approved decision (with or without conditions) moves the project; a deferred or
rejected one is recorded and leaves the stage where it was.

A decision may carry ``table``: the cost-benefit table put to the decision (the business
case's figures as at that gate). :func:`wecb.appraisal.progression.progression` tabulates
those figures gate by gate; a decision without a table records the decision alone.

>>> from datetime import date
>>> decision = GateDecision(gate=StageGate.PROCEED_TO_FULL_BUSINESS_CASE,
...                         date=date(2012, 10, 30), decided_by="Example Council Cabinet",
...                         outcome=DecisionOutcome.APPROVED)
>>> decision.moves
True
>>> print(decision)
2012-10-30 Example Council Cabinet: proceed_to_full_business_case approved
"""

from __future__ import annotations

import datetime
import enum
import types
from collections.abc import Iterable
from typing import Final

import attrs

from wecb.core._validators import (
    KEY_PATTERN,
    check_enum,
    check_instance,
    check_text,
    fail,
    field,
    optional,
)
from wecb.model.documents import Source, source_field
from wecb.model.tables import CostBenefitTable

__all__ = [
    "TRANSITIONS",
    "DecisionOutcome",
    "GateDecision",
    "Stage",
    "StageGate",
    "check_date",
    "decision_problems",
    "gates_from",
    "is_partner_reference",
]

# Where the last three gates are named (the documents, not a data set's files).
_TIMELINE: Final = "Whole Essex Community Budget business cases, Next Steps – Timeline"


class Stage(enum.Enum):
    """The lifecycle stage of a project, in order."""

    IDEA = "idea"
    STRATEGIC_OUTLINE_CASE = "strategic_outline_case"
    OUTLINE_BUSINESS_CASE = "outline_business_case"
    FULL_BUSINESS_CASE = "full_business_case"
    IMPLEMENTATION = "implementation"
    LIVE = "live"
    CLOSED = "closed"


class StageGate(enum.Enum):
    """A decision that moves a project from one stage to the next (see :data:`TRANSITIONS`)."""

    PROCEED_TO_STRATEGIC_OUTLINE_CASE = "proceed_to_strategic_outline_case"
    PROCEED_TO_OUTLINE_BUSINESS_CASE = "proceed_to_outline_business_case"
    PROCEED_TO_FULL_BUSINESS_CASE = "proceed_to_full_business_case"
    PROCEED_TO_IMPLEMENT = "proceed_to_implement"
    PROCEED_TO_GO_LIVE = "proceed_to_go_live"
    CLOSE = "close"

    @property
    def label(self) -> str:
        """The decision's wording (the business cases' own for the last three gates)."""
        return _GATES[self][0]

    @property
    def source(self) -> str | None:
        """Where the business cases name the gate, or ``None`` for wecb's own gate names."""
        return _GATES[self][1]


_GATES: dict[StageGate, tuple[str, str | None]] = {
    StageGate.PROCEED_TO_STRATEGIC_OUTLINE_CASE: (
        "Decision to develop a strategic outline case",
        None,
    ),
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
        _TIMELINE,
    ),
    StageGate.PROCEED_TO_GO_LIVE: ("Decision to proceed to Go Live", _TIMELINE),
    StageGate.CLOSE: ("Decision to Close project", _TIMELINE),
}

_OPEN_STAGES = frozenset(stage for stage in Stage if stage is not Stage.CLOSED)

#: Each gate: the stages it may be taken from, and the stage it leads to.
TRANSITIONS: types.MappingProxyType[StageGate, tuple[frozenset[Stage], Stage]] = (
    types.MappingProxyType(
        {
            StageGate.PROCEED_TO_STRATEGIC_OUTLINE_CASE: (
                frozenset({Stage.IDEA}),
                Stage.STRATEGIC_OUTLINE_CASE,
            ),
            StageGate.PROCEED_TO_OUTLINE_BUSINESS_CASE: (
                frozenset({Stage.IDEA, Stage.STRATEGIC_OUTLINE_CASE}),
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


class DecisionOutcome(enum.Enum):
    """What a gate decision decided. Only the two approvals move a project."""

    APPROVED = "approved"
    APPROVED_WITH_CONDITIONS = "approved_with_conditions"
    DEFERRED = "deferred"
    REJECTED = "rejected"

    @property
    def moves(self) -> bool:
        """Whether the decision moves the project through its gate."""
        return self in (DecisionOutcome.APPROVED, DecisionOutcome.APPROVED_WITH_CONDITIONS)


def check_date(where: str, value: object) -> None:
    """A calendar day (``datetime.date``, not a ``datetime``)."""
    if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
        fail(where, value, "a calendar date, datetime.date(2012, 10, 30)")


def is_partner_reference(decided_by: str) -> bool:
    """Whether ``decided_by`` is written as a partner key (a key's characters, no space)
    rather than a named body (text with a space).

    >>> is_partner_reference("ecc"), is_partner_reference("Essex County Council Cabinet")
    (True, False)
    """
    return KEY_PATTERN.fullmatch(decided_by) is not None


def _check_decided_by(where: str, value: object) -> None:
    check_text(where, value)


def _check_conditions(instance: GateDecision, attribute: object, value: str | None) -> None:
    optional(check_text)("GateDecision.conditions", value)
    if value is not None and instance.outcome is not DecisionOutcome.APPROVED_WITH_CONDITIONS:
        fail(
            "GateDecision.conditions",
            value,
            "no conditions unless the outcome is approved_with_conditions "
            f"(the outcome is {instance.outcome.value})",
        )


@attrs.frozen(kw_only=True)
class GateDecision:
    """One decision taken at a gate (see the module's description)."""

    gate: StageGate = attrs.field(validator=field(check_enum(StageGate)))
    date: datetime.date = attrs.field(validator=field(check_date))
    decided_by: str = attrs.field(validator=field(_check_decided_by))
    outcome: DecisionOutcome = attrs.field(validator=field(check_enum(DecisionOutcome)))
    #: The conditions of an approval, as one text in the source's words (``None``: none
    #: stated); given only when the outcome is approved with conditions.
    conditions: str | None = attrs.field(default=None, validator=_check_conditions)
    table: CostBenefitTable | None = attrs.field(
        default=None,
        validator=field(optional(check_instance(CostBenefitTable, "CostBenefitTable(...)"))),
    )
    #: How the record reads its source, where the source leaves something to its context.
    note: str | None = attrs.field(default=None, validator=field(optional(check_text)))
    source: Source | None = source_field()

    @property
    def moves(self) -> bool:
        """Whether the decision moves the project through its gate (approved)."""
        return self.outcome.moves

    def __str__(self) -> str:
        conditions = f" ({self.conditions})" if self.conditions else ""
        return (
            f"{self.date.isoformat()} {self.decided_by}: {self.gate.value} "
            f"{self.outcome.value}{conditions}"
        )


def decision_problems(where: str, decisions: Iterable[GateDecision], stage: Stage) -> list[str]:
    """The problems of a project's decision history, each with its place: decisions dated in
    order (the same day allowed); each taken at a gate open from the stage reached by the
    approved decisions before it (the first from any stage its gate applies to); and the
    project's ``stage`` is the stage the last approved decision led to, or, when none is
    approved, a stage every decision's gate is taken from.

    >>> from datetime import date
    >>> late = GateDecision(gate=StageGate.PROCEED_TO_IMPLEMENT, date=date(2013, 4, 1),
    ...                     decided_by="Board", outcome=DecisionOutcome.APPROVED)
    >>> decision_problems("projects['P']", [late], Stage.FULL_BUSINESS_CASE)
    ["projects['P'].stage: is full_business_case, but the last approved decision \
(decisions[0], proceed_to_implement on 2013-04-01) led to implementation"]
    """
    problems: list[str] = []
    reached: Stage | None = None
    last: tuple[int, GateDecision] | None = None
    previous: GateDecision | None = None
    decisions_seen = tuple(decisions)
    for index, decision in enumerate(decisions_seen):
        place = f"{where}.decisions[{index}]"
        if previous is not None and decision.date < previous.date:
            problems.append(
                f"{place}.date: {decision.date.isoformat()} is before the decision above it "
                f"({previous.date.isoformat()}); decisions are recorded in date order"
            )
        previous = decision
        sources, target = TRANSITIONS[decision.gate]
        if reached is not None and reached not in sources:
            allowed = ", ".join(g.value for g in gates_from(reached)) or "none (closed)"
            problems.append(
                f"{place}.gate: {decision.gate.value} cannot be taken from {reached.value} "
                f"(reached by the approved decisions above it); gates from "
                f"{reached.value}: {allowed}"
            )
        if decision.moves:
            reached = target
            last = (index, decision)
    if last is None:  # nothing approved: every decision was taken at the stage it still is
        for index, decision in enumerate(decisions_seen):
            if stage not in TRANSITIONS[decision.gate][0]:
                allowed = ", ".join(g.value for g in gates_from(stage)) or "none (closed)"
                problems.append(
                    f"{where}.decisions[{index}].gate: {decision.gate.value} cannot be taken "
                    f"from the project's stage {stage.value} (no decision recorded approves a "
                    f"move); gates from {stage.value}: {allowed}"
                )
    elif reached is not stage:
        index, decision = last
        problems.append(
            f"{where}.stage: is {stage.value}, but the last approved decision "
            f"(decisions[{index}], {decision.gate.value} on {decision.date.isoformat()}) "
            f"led to {reached.value if reached else '?'}"
        )
    return problems
