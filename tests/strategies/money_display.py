"""Money display: amounts across every scale, Python's standard numeric format specs, and
quotients that do not terminate."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from wecb.core.money import Money

#: The scales :meth:`Money.format` takes, with the power of ten each divides by.
DISPLAY_SCALES = {"thousands": 3, "millions": 6, "billions": 9}


def display_amounts() -> st.SearchStrategy[Decimal]:
    """Amounts of either sign from a tenth of a penny to tens of billions, with up to four
    decimals, crowded near the edges where a scale rounds up (999.5k, 999,950)."""
    edges = st.sampled_from(
        ["999.5", "999499", "999500", "999950", "2500", "1234.5", "0.004", "0.005", "1000"]
    ).map(Decimal)
    spread = st.builds(
        lambda n, places: Decimal(n).scaleb(-places),
        st.integers(-(10**14), 10**14),
        st.integers(0, 4),
    )
    signs = st.sampled_from([1, -1])
    return st.one_of(spread, st.builds(lambda e, s: e * s, edges, signs))


def display_money() -> st.SearchStrategy[Money]:
    """GBP money with amounts from :func:`display_amounts`."""
    return display_amounts().map(Money)


def standard_specs() -> st.SearchStrategy[str]:
    """Python's standard numeric format specs for Decimal that wecb's own grammar does not
    claim: optional fill and align, sign, width, grouping, places and a type f, F, e, E, g, G
    (a spec of places alone, such as ``.2``, is wecb's: units with two places)."""
    align = st.sampled_from(["", ">", "<", "^", "=", "*>", "0="])
    sign = st.sampled_from(["", "+", "-", " "])
    width = st.sampled_from(["", "1", "12", "20"])
    grouping = st.sampled_from(["", ","])
    places = st.sampled_from(["", ".0", ".1", ".2", ".5", ".12"])
    kind = st.sampled_from(["f", "F", "e", "E", "g", "G"])
    return st.builds(lambda *parts: "".join(parts), align, sign, width, grouping, places, kind)


def quotients() -> st.SearchStrategy[Money]:
    """Money divided by a whole number, mostly with no finite decimal form (``10 / 3``),
    some exact (``10 / 4``)."""
    return st.builds(
        lambda n, d: Money(n) / d,
        st.integers(-(10**9), 10**9),
        st.sampled_from([3, 4, 6, 7, 9, 11, 13, 97, 1000]),
    )
