"""progression(): costs, benefits, NPV and BCR at each recorded stage, with exact changes."""

from __future__ import annotations

import datetime
import itertools

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from strategies.model import cost_benefit_tables
from wecb.appraisal.cba import appraise
from wecb.appraisal.phasing import Phasing
from wecb.appraisal.progression import progression
from wecb.appraisal.schedules import ZERO_RATE
from wecb.core.periods import FinancialYear
from wecb.datasets import essex_2012
from wecb.errors import UnknownKeyError
from wecb.model.decisions import DecisionOutcome, GateDecision, Stage, StageGate
from wecb.model.programme import Programme
from wecb.model.tables import CostBenefitTable

FY = FinancialYear(2012)
# Illustrative phasing of the Essex tables' open periods (a user's assumption).
PHASING = Phasing(
    periods={
        "to_mar_2013": {FY: 1},
        "further_implementation": {FY + 2: 1, FY + 3: 1},
        "appraisal_horizon": {FY + 1: 1, FY + 2: 1, FY + 3: 1},
    }
)


def _with_history(table: CostBenefitTable, *tables: CostBenefitTable) -> Programme:
    """Essex, with FBC3's decision of 30 October 2012 carrying ``table`` and later
    (deferred) decisions at the implementation gate carrying ``tables``."""
    essex = essex_2012()
    fbc3 = essex.project("FBC3")
    first = attrs.evolve(fbc3.decisions[0], table=table)
    later = tuple(
        GateDecision(
            gate=StageGate.PROCEED_TO_IMPLEMENT,
            date=datetime.date(2013, 1, 1) + datetime.timedelta(days=30 * n),
            decided_by="Illustrative Board",
            outcome=DecisionOutcome.DEFERRED,
            table=t,
        )
        for n, t in enumerate(tables)
    )
    return essex.with_project(attrs.evolve(fbc3, decisions=(first, *later)))


def _steps(programme: Programme) -> tuple:  # type: ignore[type-arg]
    return progression(
        programme, "FBC3", base_year=FY, price_base=FY, phasing=PHASING, schedule=ZERO_RATE
    ).steps


def test_the_essex_project_now_is_its_one_step() -> None:
    (step,) = _steps(essex_2012())
    assert step.stage is Stage.FULL_BUSINESS_CASE and step.label == "now"
    table = essex_2012().project("FBC3").table
    assert table is not None
    # Undiscounted (zero rate): the NPV is the published net benefit.
    assert step.npv == table.net_benefit
    assert step.npv_change is None and step.bcr_change is None


def test_each_decision_with_a_table_is_a_step_at_the_stage_it_was_taken_at() -> None:
    table = essex_2012().project("FBC3").table
    assert table is not None
    outline = CostBenefitTable.from_thousands(
        costs_to_mar_2013="100",
        costs_to_mar_2014="200",
        costs_further_implementation="0",
        net_cashable="300",
        net_non_cashable="-10,000",
        net_total="-9,700",
    )
    steps = _steps(_with_history(outline, table))
    assert [s.stage for s in steps] == [
        Stage.OUTLINE_BUSINESS_CASE,
        Stage.FULL_BUSINESS_CASE,
        Stage.FULL_BUSINESS_CASE,
    ]
    assert steps[0].label == "2012-10-30 proceed_to_full_business_case (approved)"
    assert steps[1].outcome is DecisionOutcome.DEFERRED
    assert steps[1].npv - steps[0].npv == steps[1].npv_change
    assert steps[2].npv_change is not None and steps[2].npv_change.is_zero()
    assert str(steps[0].npv) == "£9,700,000.00"


@given(st.lists(cost_benefit_tables(), min_size=1, max_size=3))
def test_changes_are_exact_and_add_up_to_the_whole_change(
    tables: list[CostBenefitTable],
) -> None:
    steps = _steps(_with_history(tables[0], *tables[1:]))
    assert len(steps) == len(tables) + 1
    total = sum((s.npv_change for s in steps[1:] if s.npv_change is not None), steps[0].npv * 0)
    assert steps[0].npv + total == steps[-1].npv
    for before, after in itertools.pairwise(steps):
        assert after.costs_change == after.costs - before.costs
        assert after.benefits_change == after.benefits - before.benefits
        assert after.npv == after.benefits - after.costs


def test_a_step_is_what_appraise_gives_for_that_table() -> None:
    essex = essex_2012()
    (step,) = _steps(essex)
    result = appraise(
        essex,
        base_year=FY,
        price_base=FY,
        phasing=PHASING,
        schedule=ZERO_RATE,
        projects=("FBC3",),
    )
    case = result.economic_case
    assert step.costs == case.costs.present_value.get(True)
    assert step.bcr == case.benefit_cost_ratio()


def test_rows_carry_the_assumptions_and_the_table_prints() -> None:
    result = progression(
        essex_2012(), "FBC3", base_year=FY, price_base=FY, phasing=PHASING, schedule=ZERO_RATE
    )
    rows = result.rows()
    assert rows[0]["stage"] == "full_business_case" and rows[0]["npv_change"] is None
    assert rows.assumptions[0].name == "progression"
    assert "Progression of FBC3" in str(result)


def test_an_unknown_project_is_refused_with_the_known_keys() -> None:
    with pytest.raises(UnknownKeyError, match="unknown project 'FBC9'; known: 'FBC1'"):
        progression(essex_2012(), "FBC9", base_year=FY, price_base=FY, phasing=PHASING)
