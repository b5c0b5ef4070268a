"""A project's figures stage by stage: costs, benefits, NPV and BCR at each recorded gate.

What "the figures at a stage" are: the business case's cost-benefit table put to a
decision (:attr:`GateDecision.table <wecb.model.decisions.GateDecision.table>`), which
belongs to the stage the project was at when the decision was taken; and, last, the
project's table as it stands now, at its current stage. Each step appraises the project
with that table in place of its own, and with its explicit lines and business-as-usual
lines as they are now (wecb keeps no history of those), so the differences between steps
are the differences between the tables. A decision recorded without a table is a decision
only: it gives no step. A project with no table now gives no last step.

Every figure is exact: present values of costs and of all benefits, the net present
public value (the economic case: every benefit, fiscal, economic, social and
unclassified, less costs) and the benefit-cost ratio; each step's change from the step
before is exact too (``None`` for the first step, and for a ratio either side of which is
``None``, when costs are nothing).

>>> from datetime import date
>>> import attrs
>>> from wecb.appraisal.phasing import Phasing
>>> from wecb.appraisal.schedules import ZERO_RATE
>>> from wecb.core.periods import FinancialYear
>>> from wecb.datasets import essex_2012
>>> from wecb.model.decisions import DecisionOutcome, GateDecision, StageGate
>>> from wecb.model.tables import CostBenefitTable
>>> essex = essex_2012()
>>> fbc3 = essex.project("FBC3")
>>> outline = CostBenefitTable.from_thousands(  # an illustrative earlier table
...     costs_to_mar_2013="189", costs_to_mar_2014="328", costs_further_implementation="0",
...     net_cashable="517", net_non_cashable="-20,000", net_total="-19,483")
>>> gate = GateDecision(gate=StageGate.PROCEED_TO_IMPLEMENT, date=date(2013, 3, 1),
...     decided_by="Illustrative Board", outcome=DecisionOutcome.DEFERRED, table=outline)
>>> programme = essex.with_project(attrs.evolve(fbc3, decisions=(*fbc3.decisions, gate)))
>>> fy = FinancialYear(2012)
>>> phasing = Phasing(periods={"to_mar_2013": {fy: 1}, "further_implementation": {fy + 2: 1},
...                            "appraisal_horizon": {fy + 1: 1}})  # illustrative
>>> steps = progression(programme, "FBC3", base_year=fy, price_base=fy, phasing=phasing,
...                     schedule=ZERO_RATE)
>>> [(s.stage.value, str(s.npv)) for s in steps.steps]
[('full_business_case', '£19,483,000.00'), ('full_business_case', '£24,657,000.00')]
>>> str(steps.steps[-1].npv_change)
'£5,174,000.00'
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

import attrs

from wecb.appraisal.cba import appraise
from wecb.appraisal.phasing import Phasing
from wecb.appraisal.schedules import GREEN_BOOK_STPR, DiscountSchedule
from wecb.core._validators import require_instance
from wecb.core.assumptions import Assumption, ResultRows, assumption_notes
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.core.table import Column, Table, Tabular
from wecb.model.decisions import TRANSITIONS, DecisionOutcome, GateDecision, Stage, StageGate
from wecb.model.programme import Programme
from wecb.model.projects import Project
from wecb.model.tables import CostBenefitTable

__all__ = ["Progression", "ProgressionStep", "progression"]

_BASIS = (
    "the figures at a stage: the cost-benefit table put to each decision (at the stage the "
    "project was at), then the project's table now; each with the project's explicit and "
    "business-as-usual lines as they are now"
)


@attrs.frozen(kw_only=True)
class ProgressionStep:
    """The figures at one stage: present values to the base year, exact; each ``*_change``
    from the step before (``None`` for the first)."""

    stage: Stage | None
    gate: StageGate | None
    date: datetime.date | None
    outcome: DecisionOutcome | None
    costs: Money
    benefits: Money
    npv: Money
    bcr: Decimal | None
    costs_change: Money | None
    benefits_change: Money | None
    npv_change: Money | None
    bcr_change: Decimal | None

    @property
    def label(self) -> str:
        """``"2012-10-30 proceed_to_implement (deferred)"``, or ``"now"``."""
        if self.gate is None or self.date is None or self.outcome is None:
            return "now"
        return f"{self.date.isoformat()} {self.gate.value} ({self.outcome.value})"


@attrs.frozen(kw_only=True)
class Progression(Tabular):
    """A project's figures at each recorded stage, in order (see the module notes)."""

    project: str
    steps: tuple[ProgressionStep, ...]
    basis: tuple[Assumption, ...] = attrs.field(repr=False)

    def assumptions(self) -> tuple[Assumption, ...]:
        """What a step is, then the appraisal's assumptions (discounting, phasing)."""
        return (Assumption(name="progression", value=_BASIS), *self.basis)

    def rows(self) -> ResultRows:
        """One row per step: stage, decision, the four figures and their changes (exact)."""
        rows = [
            {
                "project": self.project,
                "stage": None if s.stage is None else s.stage.value,
                "step": s.label,
                "costs": s.costs,
                "benefits": s.benefits,
                "npv": s.npv,
                "bcr": s.bcr,
                "costs_change": None if s.costs_change is None else s.costs_change,
                "benefits_change": None if s.benefits_change is None else s.benefits_change,
                "npv_change": None if s.npv_change is None else s.npv_change,
                "bcr_change": s.bcr_change,
            }
            for s in self.steps
        ]
        return ResultRows(rows, assumptions=self.assumptions())

    def table(self) -> Table:
        """The steps in order, present values and ratio, with the change in NPV."""
        return Table(
            columns=(
                Column(key="stage", align="left"),
                Column(key="step", align="left"),
                Column(key="costs", header="PV costs", align="right"),
                Column(key="benefits", header="PV benefits", align="right"),
                Column(key="npv", header="NPV", align="right"),
                Column(key="bcr", header="BCR", align="right"),
                Column(key="npv_change", header="change in NPV", align="right"),
            ),
            rows=[
                (
                    "not stated" if s.stage is None else s.stage.value,
                    s.label,
                    s.costs,
                    s.benefits,
                    s.npv,
                    "n/a" if s.bcr is None else f"{s.bcr:.2f}",
                    "" if s.npv_change is None else s.npv_change,
                )
                for s in self.steps
            ],
            title=f"Progression of {self.project}",
            notes=assumption_notes(self.assumptions()),
        )


def progression(
    programme: Programme,
    project: str,
    *,
    base_year: FinancialYear,
    price_base: FinancialYear,
    phasing: Phasing | None = None,
    schedule: DiscountSchedule = GREEN_BOOK_STPR,
) -> Progression:
    """The figures of ``project`` at each recorded stage (see the module notes); appraised
    as :func:`~wecb.appraisal.cba.appraise` does, with ``base_year``, ``price_base``,
    ``phasing`` and ``schedule``."""
    require_instance("progression programme", programme, Programme, "a Programme")
    subject = programme.project(project)
    tables: list[tuple[Stage | None, GateDecision | None, CostBenefitTable | None]] = [
        (_stage_before(subject.decisions, i), d, d.table) for i, d in _tabled(subject)
    ]
    if subject.table is not None:
        tables.append((subject.stage, None, subject.table))
    steps: list[ProgressionStep] = []
    basis: tuple[Assumption, ...] = ()
    for stage, decision, table in tables:
        version = attrs.evolve(subject, table=table)
        result = appraise(
            programme.with_project(version),
            base_year=base_year,
            price_base=price_base,
            phasing=phasing,
            schedule=schedule,
            projects=(project,),
        )
        basis = basis or result.assumptions()
        case = result.economic_case
        costs = case.costs.present_value.get(True)
        benefits = case.benefits.present_value.get(True)
        steps.append(
            _step(
                stage,
                decision=decision,
                costs=costs,
                benefits=benefits,
                bcr=case.benefit_cost_ratio(),
                before=steps,
            )
        )
    return Progression(project=project, steps=tuple(steps), basis=basis)


def _tabled(project: Project) -> Iterable[tuple[int, GateDecision]]:
    return ((i, d) for i, d in enumerate(project.decisions) if d.table is not None)


def _stage_before(decisions: tuple[GateDecision, ...], index: int) -> Stage | None:
    """The stage a project was at when ``decisions[index]`` was taken: reached by the
    approved decisions before it, else the only stage its gate is taken from (``None``
    when the gate is taken from several and nothing says which)."""
    for earlier in reversed(decisions[:index]):
        if earlier.moves:
            return TRANSITIONS[earlier.gate][1]
    sources = TRANSITIONS[decisions[index].gate][0]
    return next(iter(sources)) if len(sources) == 1 else None


def _step(
    stage: Stage | None,
    *,
    decision: GateDecision | None,
    costs: Money,
    benefits: Money,
    bcr: Decimal | None,
    before: list[ProgressionStep],
) -> ProgressionStep:
    npv = benefits - costs
    last = before[-1] if before else None
    return ProgressionStep(
        stage=stage,
        gate=None if decision is None else decision.gate,
        date=None if decision is None else decision.date,
        outcome=None if decision is None else decision.outcome,
        costs=costs,
        benefits=benefits,
        npv=npv,
        bcr=bcr,
        costs_change=None if last is None else costs - last.costs,
        benefits_change=None if last is None else benefits - last.benefits,
        npv_change=None if last is None else npv - last.npv,
        bcr_change=None if last is None or bcr is None or last.bcr is None else bcr - last.bcr,
    )
