"""The Monte Carlo engine's certified float64 path: every value identical to the exact
engines', including values exactly on, or within a hair of, a rounding boundary."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP
from typing import Any

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from strategies import CONTEXT_ROUNDINGS, ap2_programme, near_half_case
from wecb.appraisal._exact import round_ratio
from wecb.appraisal.cba import appraise
from wecb.appraisal.horizons import Horizon
from wecb.appraisal.schedules import GREEN_BOOK_STPR, ZERO_RATE
from wecb.appraisal.sensitivity import (
    Discrete,
    Selector,
    Uncertainty,
    Uniform,
    _fast,
    _setup,
    monte_carlo,
)
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.model.cashflows import CashFlow, Nature, ValueType

BASE = FinancialYear(2014)


def fast_values(case: dict[str, Any], mode: str) -> tuple[list[int], int]:
    """The float64 kernel plus the exact recomputation, as the engine runs them."""
    scale, k = case["scale"], case["k"]
    s = case["s"]
    draws = np.array(case["draws"], dtype=np.int64)
    s_float = np.array([_setup._nearest(v, 10**scale) for v in s], dtype=np.float64)
    s_exact = np.array(s, dtype=object).reshape(-1, 1)
    cover_of = np.zeros(len(s), dtype=np.intp)
    covers = [tuple(range(k))]
    prepared = _fast.prepare(
        s_float, None, cover_of=cover_of, covers=covers, k=k, draws=draws, rounding=mode
    )
    found, missing = _fast.float_values(
        prepared, cover_of, covers=covers, draws=draws, rounding=mode
    )
    values = found.astype(np.int64)  # draws x lines
    if len(missing):
        values.flat[missing] = _fast.exact_at(
            s_exact,
            cover_of,
            covers=covers,
            k=k,
            draws=draws,
            where=missing,
            exponent=scale + 6 * k,
            rounding=mode,
        )
    return values.T.reshape(-1).tolist(), len(missing)


def exact_values(case: dict[str, Any], mode: str) -> list[int]:
    """Each value rounded with Python integers, one at a time (the exact engine's rule)."""
    scale, k = case["scale"], case["k"]
    out = []
    for s in case["s"]:
        for column in range(len(case["draws"][0])):
            m = 1
            for row in case["draws"]:
                m *= row[column]
            out.append(round_ratio(s * m, 10 ** (scale + 6 * k), mode))
    return out


@settings(max_examples=400)
@given(near_half_case(), st.sampled_from(CONTEXT_ROUNDINGS))
def test_the_float_path_equals_exact_rounding_value_by_value(
    case: dict[str, Any], mode: str
) -> None:
    exact = exact_values(case, mode)
    # The engine takes the float path only when every value (and sum) fits in int64.
    assume(max(exact) < 2**62)
    values, _ = fast_values(case, mode)
    assert values == exact


def test_values_on_a_half_penny_are_recomputed_not_guessed() -> None:
    # 1p x 0.5 = 0.5p exactly: half even gives 0, half up 1; 2**53 + 1 pence is not a float.
    case = {"scale": 0, "k": 1, "draws": [[500_000, 1_500_000]], "s": [1, 3, 2**53 + 1]}
    values, recomputed = fast_values(case, ROUND_HALF_EVEN)
    assert values == [0, 2, 2, 4, 2**52, 3 * 2**52 + 2] == exact_values(case, ROUND_HALF_EVEN)
    assert recomputed == 6  # every value here is on a boundary or too large to prove
    assert fast_values(case, ROUND_HALF_UP)[0] == exact_values(case, ROUND_HALF_UP)
    # Far from every boundary nothing is recomputed.
    calm = {"scale": 2, "k": 1, "draws": [[1_000_000, 1_200_000]], "s": [12_345, 67_891]}
    assert fast_values(calm, ROUND_HALF_EVEN) == ([123, 148, 679, 815], 0)


def flow(amount: str, nature: Nature, partner: str | None) -> CashFlow:
    if nature is Nature.COST:
        return CashFlow(amount=Money(amount), nature=nature, period=BASE, payer=partner)
    return CashFlow(
        amount=Money(amount),
        nature=nature,
        period=BASE,
        beneficiary=partner,
        value_type=ValueType.FISCAL,
        cashable=True,
    )


pennies = st.one_of(
    st.integers(1, 99).map(lambda p: 2 * p + 1),  # odd pennies: x 0.5 is a half-penny
    st.integers(10**13, 10**15),  # large, near 2**50 pence once multiplied
)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(pennies, st.booleans(), st.sampled_from(("county", None))), min_size=1),
    st.sampled_from(CONTEXT_ROUNDINGS),
    st.sampled_from((ZERO_RATE, GREEN_BOOK_STPR)),
    st.integers(0, 2**32),
)
def test_monte_carlo_draws_are_identical_on_every_engine(
    flows: list[tuple[int, bool, str | None]], mode: str, schedule: Any, seed: int
) -> None:
    made = [
        flow(str(Money.from_minor_units(p).amount), Nature.COST if c else Nature.BENEFIT, who)
        for p, c, who in flows
    ]
    made += [flow("1.01", Nature.COST, "county"), flow("3.03", Nature.BENEFIT, None)]
    programme = ap2_programme({"A": made[::2], "B": made[1::2]})
    result = appraise(
        programme,
        base_year=BASE,
        price_base=BASE,
        horizon=Horizon(BASE, BASE + 2),
        schedule=schedule,
    )
    chosen = [
        Uncertainty(name="halves", distribution=Discrete({"0.5": 1, "1.5": 1, "0.000001": 1})),
        Uncertainty(
            name="costs",
            distribution=Uniform(low="0.999999", high="1.000001"),
            applies_to=Selector(nature=Nature.COST),
        ),
    ]
    runs = {
        engine: monte_carlo(result, chosen, draws=30, seed=seed, rounding=mode, engine=engine)
        for engine in ("auto", "float64", "int64", "python")
    }
    assert runs["auto"].engine in ("float64", "python")
    for out in runs.values():
        assert out.npv_minor_units == runs["python"].npv_minor_units
        assert out.partners == runs["python"].partners
        assert out.projects == runs["python"].projects
        assert (
            out.net_present_public_value_percentiles
            == runs["python"].net_present_public_value_percentiles
        )


def test_the_set_up_is_made_once_per_appraisal() -> None:
    programme = ap2_programme({"A": [flow("1.01", Nature.BENEFIT, "county")]})
    result = appraise(programme, base_year=BASE, price_base=BASE)
    wide = [Uncertainty(name="w", distribution=Uniform(low="0.5", high="1.5"))]
    first = monte_carlo(result, wide, draws=20, seed=1)
    made = _setup.setup_for(result, True)
    assert monte_carlo(result, wide, draws=20, seed=1) == first
    assert _setup.setup_for(result, True) is made
    assert _setup.setup_for(result, False) is not made
    # The run says which engine ran and how many values it recomputed.
    simulation = next(a.value for a in first.basis if a.name == "simulation")
    assert "engine float64" in simulation and "0 of 20 recomputed" in simulation
