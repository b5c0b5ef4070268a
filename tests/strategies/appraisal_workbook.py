"""Appraisals to write as auditable workbooks: generated programmes appraised with a
generated discount schedule, adjustment plan and treatment of unclassified benefits."""

from __future__ import annotations

from hypothesis import strategies as st

from strategies.analysis import AP2_FIRST_YEAR, ap2_programmes
from strategies.appraisal import appraisal_fractions, appraisal_schedules
from wecb.appraisal import AdjustmentPlan, Adjustments, Horizon, appraise
from wecb.appraisal.record import Appraisal
from wecb.core.periods import FinancialYear

#: The horizon of every generated appraisal (the years the generated lines fall in).
AW_HORIZON = Horizon(FinancialYear(AP2_FIRST_YEAR), FinancialYear(AP2_FIRST_YEAR + 5))


@st.composite
def aw_adjustments(draw: st.DrawFn) -> Adjustments:
    """Any grade of the 2014 table (or none), deadweight and attribution in 0.01% steps."""
    return Adjustments(
        optimism_bias_grade=draw(st.none() | st.integers(1, 6)),
        deadweight=draw(appraisal_fractions()),
        attribution=draw(appraisal_fractions()),
    )


@st.composite
def aw_appraisals(draw: st.DrawFn) -> Appraisal:
    """A generated programme (1-3 projects, lines in six years) appraised from its first
    year with a generated schedule, adjustments by default and for its first project, and
    unclassified benefits on their own or counted as fiscal, economic or social."""
    programme = draw(ap2_programmes())
    first = programme.projects[0]
    # A plan key must match an appraised line: only a project with lines has its own rule.
    own = [{first.key: draw(aw_adjustments())}] if first.cash_flows else []
    plan = AdjustmentPlan(
        default=draw(aw_adjustments()), projects=draw(st.sampled_from([{}, *own]))
    )
    return appraise(
        programme,
        base_year=AW_HORIZON.first,
        price_base=AW_HORIZON.first,
        schedule=draw(appraisal_schedules()),
        adjustments=plan,
        horizon=AW_HORIZON,
        treat_unclassified=draw(st.sampled_from([None, "fiscal", "economic", "social"])),
    )
