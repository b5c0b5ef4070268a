"""Price indices, their years and amounts to rebase (for wecb.appraisal.prices)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from strategies.money import money
from wecb.appraisal.prices import PriceIndex
from wecb.core.money import Money
from wecb.core.periods import FinancialYear


def index_levels() -> st.SearchStrategy[Decimal]:
    """Index levels as published: above zero, up to three decimal places."""
    return st.integers(1, 10**6).map(lambda n: Decimal(n).scaleb(-3))


def terminating_levels() -> st.SearchStrategy[Decimal]:
    """Levels of the form 2**a * 5**b: every ratio of two of them has a finite decimal form."""
    return st.builds(
        lambda a, b: Decimal(2**a * 5**b).scaleb(-3), st.integers(0, 12), st.integers(0, 8)
    )


def price_indices(
    levels: st.SearchStrategy[Decimal] | None = None, max_years: int = 12
) -> st.SearchStrategy[PriceIndex]:
    """Indices over consecutive financial years from a start between 1990 and 2030."""
    chosen = index_levels() if levels is None else levels
    return st.builds(
        lambda first, values: PriceIndex(
            name="generated",
            levels={FinancialYear(first) + i: v for i, v in enumerate(values)},
            illustrative=True,
        ),
        st.integers(1990, 2030),
        st.lists(chosen, min_size=1, max_size=max_years),
    )


@st.composite
def index_and_years(
    draw: st.DrawFn, levels: st.SearchStrategy[Decimal] | None = None
) -> tuple[PriceIndex, FinancialYear, FinancialYear]:
    """An index and two of its years (possibly equal)."""
    index = draw(price_indices(levels))
    return index, draw(st.sampled_from(index.years)), draw(st.sampled_from(index.years))


def amounts_to_rebase() -> st.SearchStrategy[Money]:
    """Money of zero or more in GBP, as cash-flow amounts are."""
    return money(max_digits=12, max_places=2).map(abs)
