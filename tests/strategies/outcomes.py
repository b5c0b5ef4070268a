"""Outcome chains: generated cohorts and outcomes (wecb.appraisal.outcomes).

Names start with ``outcome_``. Rates are exact percentages (or any fraction with a small
denominator), unit values whole pounds per family per year, agency shares exact fractions
summing to 1 over one to four partner keys.
"""

from __future__ import annotations

from fractions import Fraction

from hypothesis import strategies as st

from wecb.appraisal.outcomes import Cohort, Outcome
from wecb.core.periods import FinancialYear
from wecb.model.cashflows import ValueType

#: Partner keys the generated outcomes share benefits among.
OUTCOME_PARTNERS = ("ecc", "police", "health", "dwp")


def outcome_rates(*, percent_only: bool = False) -> st.SearchStrategy[Fraction]:
    """Exact rates from 0 to 1: whole percentages, or (unless ``percent_only``) fractions
    with denominators up to 12 (1/3, 5/7, ...)."""
    percents = st.integers(0, 100).map(lambda p: Fraction(p, 100))
    if percent_only:
        return percents
    ratios = st.integers(1, 12).flatmap(lambda d: st.integers(0, d).map(lambda n: Fraction(n, d)))
    return st.one_of(percents, ratios)


@st.composite
def outcome_cohorts(draw: st.DrawFn, max_years: int = 4) -> Cohort:
    """A cohort of families over 1 to ``max_years`` consecutive years from 2013/14 to 2020/21."""
    first = draw(st.integers(2013, 2020))
    counts = draw(st.lists(st.integers(0, 5000), min_size=1, max_size=max_years))
    return Cohort.by_year({FinancialYear(first + i): n for i, n in enumerate(counts)})


@st.composite
def outcome_shares(draw: st.DrawFn) -> dict[str, Fraction]:
    """Partner key -> exact share, the shares summing to exactly 1 (some may be zero)."""
    keys = draw(st.lists(st.sampled_from(OUTCOME_PARTNERS), min_size=1, max_size=4, unique=True))
    weights = draw(st.lists(st.integers(0, 9), min_size=len(keys), max_size=len(keys)))
    if sum(weights) == 0:
        weights[0] = 1
    total = sum(weights)
    return {key: Fraction(w, total) for key, w in zip(keys, weights, strict=True)}


@st.composite
def outcomes(draw: st.DrawFn, *, percent_only: bool = False) -> Outcome:
    """An outcome with a generated cohort, rates, timing, unit value, value type, cashable
    share (fiscal only) and agency shares."""
    value_type = draw(st.sampled_from([ValueType.FISCAL, ValueType.ECONOMIC, ValueType.SOCIAL]))
    rates = outcome_rates(percent_only=percent_only)
    return Outcome(
        name="generated outcome",
        cohort=draw(outcome_cohorts()),
        engagement=draw(rates),
        impact=draw(rates),
        deadweight=draw(rates),
        lag=draw(st.integers(0, 3)),
        persistence=draw(st.integers(1, 6)),
        drop_off=draw(rates),
        unit_value=f"£{draw(st.integers(0, 300_000)):,} per family per year",
        value_type=value_type,
        cashable_share=draw(rates) if value_type is ValueType.FISCAL else None,
        agency_shares=draw(outcome_shares()),
    )
