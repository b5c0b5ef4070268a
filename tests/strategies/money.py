"""Money: amounts, currencies, allocation weights."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import strategies as st

from wecb.core.money import Money

# -- Money ---------------------------------------------------------------------------


def amounts(max_digits: int = 15, max_places: int = 4) -> st.SearchStrategy[Decimal]:
    """Finite Decimal amounts of either sign, kept as built: up to ``max_digits``
    significant digits and an exponent from ``-max_places`` to ``+3`` (so some
    amounts look like ``Decimal('5E+3')``, as products can)."""
    bound = 10**max_digits - 1
    return st.builds(
        lambda n, exponent: Decimal(f"{n}E{exponent}"),
        st.integers(-bound, bound),
        st.integers(-max_places, 3),
    )


def money(
    currency: str = "GBP", max_digits: int = 15, max_places: int = 4
) -> st.SearchStrategy[Money]:
    """Money in ``currency`` with amounts from :func:`amounts`."""
    return st.builds(Money, amounts(max_digits, max_places), st.just(currency))


def currencies() -> st.SearchStrategy[str]:
    """ISO 4217 codes: GBP and EUR (which have symbols) and others with 0, 2 or 3 places."""
    return st.sampled_from(["GBP", "EUR", "USD", "JPY", "KWD", "CHF"])


def weights(
    min_size: int = 1, max_size: int = 8
) -> st.SearchStrategy[list[int | Decimal | Fraction]]:
    """Allocation weights (int, Decimal and Fraction mixed), none negative, not all zero."""
    weight = st.one_of(
        st.integers(0, 1000),
        st.builds(lambda n: Decimal(f"{n}E-2"), st.integers(0, 100_000)),
        st.fractions(min_value=0, max_value=100, max_denominator=60),
    )
    return st.lists(weight, min_size=min_size, max_size=max_size).filter(
        lambda ws: any(w != 0 for w in ws)
    )
