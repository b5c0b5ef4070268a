"""The pilots' comparison: spans of years as documents write them, and headline amounts."""

from __future__ import annotations

from hypothesis import strategies as st

from wecb.core.money import Money

#: How documents write a span of n years: digits or a word.
SPAN_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def spans() -> st.SearchStrategy[tuple[int, str]]:
    """A number of years (1-10) and the span as a figure's ``over`` text writes it."""

    def written(years: int) -> st.SearchStrategy[tuple[int, str]]:
        unit = "year" if years == 1 else "years"
        texts = st.sampled_from((f"{years} {unit}", f"{SPAN_WORDS[years - 1]} {unit}"))
        return texts.map(lambda text: (years, text))

    return st.integers(min_value=1, max_value=10).flatmap(written)


def headline_amounts() -> st.SearchStrategy[Money]:
    """Headline amounts in whole pounds, from £1 to £100bn."""
    return st.integers(min_value=1, max_value=100_000_000_000).map(Money)
