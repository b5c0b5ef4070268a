"""The cases by name, payback, by agency and switching values: generated appraisals and
selections of their lines. Names start with ``cases_``."""

from __future__ import annotations

from hypothesis import strategies as st

from strategies.analysis import AP2_FIRST_YEAR, ap2_programmes
from strategies.appraisal import appraisal_fractions, appraisal_schedules
from wecb.appraisal import AdjustmentPlan, Adjustments, Horizon, Selector, appraise
from wecb.appraisal.record import Appraisal
from wecb.core.periods import FinancialYear
from wecb.model.cashflows import Nature

#: The horizon of every generated appraisal (the years the generated lines fall in).
CASES_HORIZON = Horizon(FinancialYear(AP2_FIRST_YEAR), FinancialYear(AP2_FIRST_YEAR + 5))


@st.composite
def cases_appraisals(draw: st.DrawFn) -> Appraisal:
    """A generated programme (1-3 projects, lines of every kind in six years) appraised
    from its first year with a generated schedule, optimism bias, deadweight and
    attribution, and unclassified benefits on their own or counted as another type."""
    adjustments = Adjustments(
        optimism_bias_grade=draw(st.none() | st.integers(1, 6)),
        deadweight=draw(appraisal_fractions()),
        attribution=draw(appraisal_fractions()),
    )
    return appraise(
        draw(ap2_programmes()),
        base_year=CASES_HORIZON.first,
        price_base=CASES_HORIZON.first,
        schedule=draw(appraisal_schedules()),
        adjustments=AdjustmentPlan(default=adjustments),
        horizon=CASES_HORIZON,
        treat_unclassified=draw(st.sampled_from([None, "fiscal", "economic", "social"])),
    )


def cases_selectors(appraisal: Appraisal) -> st.SearchStrategy[Selector]:
    """Selections that name only what ``appraisal`` has: by nature, by category, by a
    project or a partner it appraised, or everything."""
    projects = appraisal.projects
    partners = sorted({line.partner for line in appraisal.lines if line.partner is not None})
    options: list[st.SearchStrategy[Selector]] = [
        st.just(Selector()),
        st.sampled_from(Nature).map(lambda nature: Selector(nature=nature)),
        st.sampled_from(["revenue", "capital", "fiscal_cashable", "economic", "social"]).map(
            lambda category: Selector(categories=category)
        ),
    ]
    if projects:
        options.append(st.sampled_from(projects).map(lambda key: Selector(projects=key)))
    if partners:
        options.append(
            st.sampled_from(partners).map(
                lambda key: Selector(partners=key, nature=Nature.BENEFIT)
            )
        )
    return st.one_of(options)


__all__ = ["CASES_HORIZON", "cases_appraisals", "cases_selectors"]
