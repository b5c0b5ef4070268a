"""Units: pint quantities with exact Decimal magnitudes."""

from __future__ import annotations

# ---------------------------------------------------------------------------------------------
# Units (wecb.units: pint quantities with exact Decimal magnitudes)
# ---------------------------------------------------------------------------------------------
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from wecb import units


def unit_magnitudes(
    max_digits: int = 12, max_places: int = 4, *, signed: bool = True
) -> st.SearchStrategy[Decimal]:
    """Exact Decimal magnitudes kept as built (some with exponents, such as ``5E+3``)."""
    bound = 10**max_digits - 1
    return st.builds(
        lambda n, exponent: Decimal(f"{n}E{exponent}"),
        st.integers(-bound if signed else 0, bound),
        st.integers(-max_places, 3),
    )


def cohort_names(*, aliases: bool = True) -> st.SearchStrategy[str]:
    """Cohort unit names as :func:`wecb.units.count` accepts them (canonical by default
    mixed with aliases)."""
    names = list(units.COHORTS)
    if aliases:
        names += [alias for group in units.COHORTS.values() for alias in group]
    return st.sampled_from(names)


def time_unit_names() -> st.SearchStrategy[str]:
    """Canonical time units: year, month, week, day."""
    return st.sampled_from(list(units.TIME_UNITS))


def unit_counts(max_digits: int = 7) -> st.SearchStrategy[Any]:
    """Counts of one cohort, whole or fractional (a fractional count is an average)."""
    return st.builds(units.count, unit_magnitudes(max_digits, 2, signed=False), cohort_names())


def unit_durations(max_digits: int = 4) -> st.SearchStrategy[Any]:
    """Durations in any time unit."""
    return st.builds(
        units.duration, unit_magnitudes(max_digits, 2, signed=False), time_unit_names()
    )


@st.composite
def unit_expressions(draw: st.DrawFn) -> str:
    """Unit text: products of GBP, time and cohort units with small integer powers."""
    names = [
        "GBP",
        *units.TIME_UNITS,
        *units.COHORTS,
    ]
    chosen = draw(st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True))
    parts = []
    for name in chosen:
        power = draw(st.sampled_from([1, 1, 1, -1, -1, 2, -2]))
        parts.append(name if power == 1 else f"{name} ** {power}")
    return " * ".join(parts)


def unit_quantities() -> st.SearchStrategy[Any]:
    """Quantities of wecb's registry with arbitrary magnitudes and units."""
    return st.builds(units.quantity, unit_magnitudes(15, 6), unit_expressions())
