"""Financial years and open periods."""

from __future__ import annotations

# ---------------------------------------------------------------------------------------------
# Periods (wecb.core.periods: FinancialYear, OpenPeriod)
# ---------------------------------------------------------------------------------------------
# Aliased imports so that other sections' names never clash.
from hypothesis import strategies as st

from wecb.core.periods import MAX_START_YEAR, MIN_START_YEAR, FinancialYear, OpenPeriod, Period


def financial_years(
    min_start: int = MIN_START_YEAR, max_start: int = MAX_START_YEAR
) -> st.SearchStrategy[FinancialYear]:
    """Financial years over the whole accepted range by default (1900/01 to 2199/00)."""
    return st.integers(min_start, max_start).map(FinancialYear)


def financial_year_spellings(year: FinancialYear) -> st.SearchStrategy[str]:
    """Every accepted way of writing ``year``: separators, 2- or 4-digit end, ``FY``
    prefix in any case, surrounding whitespace."""
    start = year.start_year
    return st.builds(
        lambda prefix, sep, end, before, after: f"{before}{prefix}{start}{sep}{end}{after}",
        st.sampled_from(["", "FY", "fy", "Fy", "FY ", "fy  "]),
        st.sampled_from(["/", "-", "\u2013", " / ", " - "]),
        st.sampled_from([f"{(start + 1) % 100:02d}", f"{start + 1}"]),
        st.sampled_from(["", " ", "\t", "\n "]),
        st.sampled_from(["", " ", "\t", " \n"]),
    )


@st.composite
def open_period_buckets(
    draw: st.DrawFn, min_start: int = 1990, max_start: int = 2060
) -> OpenPeriod:
    """Valid open periods: "until Y", "after Y", "after A until U" or a whole-horizon total."""
    key = draw(st.from_regex(r"[a-z0-9_]{1,12}", fullmatch=True))
    label = draw(st.text(min_size=1, max_size=12).filter(lambda s: bool(s.strip())))
    kind = draw(st.sampled_from(["until", "after", "between", "horizon"]))
    if kind == "horizon":
        return OpenPeriod(key=key, label=label)
    year = draw(financial_years(min_start, max_start))
    if kind == "until":
        return OpenPeriod(key=key, label=label, until=year)
    if kind == "after":
        return OpenPeriod(key=key, label=label, after=year)
    later = draw(financial_years(year.start_year + 1, max_start + 1))
    return OpenPeriod(key=key, label=label, after=year, until=later)


def any_periods(min_start: int = 1990, max_start: int = 2060) -> st.SearchStrategy[Period]:
    """Financial years and open periods mixed."""
    years: st.SearchStrategy[Period] = financial_years(min_start, max_start)
    return st.one_of(years, open_period_buckets(min_start, max_start))
