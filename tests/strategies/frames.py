"""Rows for frames (pandas, Arrow, polars): money columns with any places that fit Arrow's
``decimal128``, and period columns as objects or as the text results' rows give."""

from __future__ import annotations

from hypothesis import strategies as st

from strategies.money import amounts
from strategies.periods import financial_years, open_period_buckets
from wecb.core.money import Money
from wecb.core.periods import FinancialYear, OpenPeriod

#: The currencies a frame's two money columns are drawn in.
FRAME_CURRENCIES = ("GBP", "EUR", "JPY")


@st.composite
def frame_money_rows(draw: st.DrawFn, max_rows: int = 8) -> list[dict[str, object]]:
    """Rows with a text column and two money columns (one currency each; empty cells too):
    up to 18 whole digits and 12 places, so every amount fits ``decimal128(38, s)``."""
    first, second = (draw(st.sampled_from(FRAME_CURRENCIES)) for _ in range(2))
    cell = st.none() | amounts(max_digits=15, max_places=12)
    row = st.fixed_dictionaries(
        {
            "label": st.none() | st.text(max_size=8),
            "net": cell.map(lambda a: None if a is None else Money(a, first)),
            "other": cell.map(lambda a: None if a is None else Money(a, second)),
        }
    )
    return draw(st.lists(row, max_size=max_rows))


def frame_period_cells() -> st.SearchStrategy[list[FinancialYear | OpenPeriod | None]]:
    """A period column: financial years and open buckets in any order, some empty."""
    period = st.one_of(financial_years(1990, 2060), open_period_buckets(1990, 2060), st.none())
    return st.lists(period, min_size=1, max_size=12)
