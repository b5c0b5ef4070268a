"""Appraisal: discounting, adjustments, benefit sharing."""

from __future__ import annotations

# ---------------------------------------------------------------------------------------------
# Appraisal (wecb.appraisal: discounting, adjustments, benefit sharing)
# ---------------------------------------------------------------------------------------------
# Names start with ``appraisal_``; imports are aliased so other sections' names never clash.
from decimal import Decimal
from fractions import Fraction

from hypothesis import strategies as st

from wecb.appraisal import DiscountSchedule
from wecb.core.money import Money
from wecb.core.periods import FinancialYear

#: Partner keys used by the sharing strategies.
APPRAISAL_PARTNERS = ("county", "district", "health", "police", "probation", "fire")


def appraisal_money(
    min_pence: int = -(10**11), max_pence: int = 10**11
) -> st.SearchStrategy[Money]:
    """GBP amounts in whole pennies (default: up to +/- £1bn)."""
    return st.integers(min_pence, max_pence).map(Money.from_minor_units)


def appraisal_years(first: int = 2000, last: int = 2080) -> st.SearchStrategy[FinancialYear]:
    """Financial years between ``first`` and ``last`` (start years)."""
    return st.integers(first, last).map(FinancialYear)


def appraisal_flows(
    first: int = 2010, last: int = 2060, max_size: int = 12
) -> st.SearchStrategy[dict[FinancialYear, Money]]:
    """Cash flows by financial year (signed, whole pennies)."""
    return st.dictionaries(appraisal_years(first, last), appraisal_money(), max_size=max_size)


def appraisal_rates(min_bp: int = 1, max_bp: int = 2000) -> st.SearchStrategy[Decimal]:
    """Discount rates in basis points (default 0.01% to 20%), as exact Decimals."""
    return st.integers(min_bp, max_bp).map(lambda bp: Decimal(bp).scaleb(-4))


@st.composite
def appraisal_schedules(draw: st.DrawFn, min_bp: int = 1, max_bp: int = 2000) -> DiscountSchedule:
    """Declining-or-not schedules of 1-5 contiguous bands from year 0, the last open."""
    lengths = draw(st.lists(st.integers(1, 60), min_size=0, max_size=4))
    bands: list[tuple[int, int | None, Decimal]] = []
    first = 0
    for length in lengths:
        bands.append((first, first + length - 1, draw(appraisal_rates(min_bp, max_bp))))
        first += length
    bands.append((first, None, draw(appraisal_rates(min_bp, max_bp))))
    return DiscountSchedule.from_bands("generated", bands)


def appraisal_fractions() -> st.SearchStrategy[Decimal]:
    """Exact Decimal fractions in [0, 1] with up to four places (deadweight, attribution)."""
    return st.integers(0, 10_000).map(lambda n: Decimal(n).scaleb(-4))


def appraisal_partner_amounts(
    max_pence: int = 10**10, min_size: int = 0
) -> st.SearchStrategy[dict[str, Money]]:
    """Non-negative whole-penny amounts by partner key."""
    return st.dictionaries(
        st.sampled_from(APPRAISAL_PARTNERS),
        appraisal_money(0, max_pence),
        min_size=min_size,
    )


@st.composite
def appraisal_fixed_shares(
    draw: st.DrawFn, partners: tuple[str, ...] = APPRAISAL_PARTNERS
) -> dict[str, Fraction]:
    """Exact shares (some zero) over ``partners`` summing to exactly 1."""
    weights = draw(st.lists(st.integers(0, 1000), min_size=len(partners), max_size=len(partners)))
    if sum(weights) == 0:
        weights[0] = 1
    total = sum(weights)
    return {p: Fraction(w, total) for p, w in zip(partners, weights, strict=True)}
