"""Sensitivity: ranges, the integer Monte Carlo engine, percentiles, one-way swings."""

from __future__ import annotations

import importlib.util
from decimal import (
    ROUND_05UP,
    ROUND_DOWN,
    ROUND_HALF_DOWN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    ROUND_UP,
)
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import AP2_FIRST_YEAR, AP2_PARTNERS, ap2_multipliers, ap2_programme, ap2_programmes
from wecb.appraisal.adjustments import Adjustments
from wecb.appraisal.cba import appraise
from wecb.appraisal.horizons import Horizon
from wecb.appraisal.phasing import Phasing
from wecb.appraisal.record import Appraisal
from wecb.appraisal.schedules import GREEN_BOOK_STPR, ZERO_RATE, constant
from wecb.appraisal.sensitivity import (
    Discrete,
    MonteCarloResult,
    Selector,
    Triangular,
    Uncertainty,
    Uniform,
    _engine,
    monte_carlo,
    one_way,
)
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.errors import AppraisalError, FloatNotAllowedError, WecbTypeError
from wecb.model.cashflows import CashFlow, Nature, ValueType
from wecb.model.programme import Programme

BASE = FinancialYear(AP2_FIRST_YEAR)
HAS_ESSEX = importlib.util.find_spec("wecb.datasets") is not None
MODES = (ROUND_HALF_EVEN, ROUND_HALF_UP, ROUND_HALF_DOWN, ROUND_DOWN, ROUND_UP, ROUND_05UP)


def flow(amount: str, nature: Nature, partner: str | None = None, years: int = 0) -> CashFlow:
    if nature is Nature.COST:
        return CashFlow(amount=Money(amount), nature=nature, period=BASE + years, payer=partner)
    return CashFlow(
        amount=Money(amount),
        nature=nature,
        period=BASE + years,
        beneficiary=partner,
        value_type=ValueType.FISCAL,
        cashable=True,
    )


def appraised(programme: Programme, **kwargs: object) -> Appraisal:
    options: dict[str, object] = {
        "base_year": BASE,
        "price_base": BASE,
        "horizon": Horizon(BASE, BASE + 10),
    }
    options.update(kwargs)
    return appraise(programme, **options)  # type: ignore[arg-type]


SIMPLE = appraised(
    ap2_programme(
        {"A": [flow("100.00", Nature.COST, "county"), flow("300.00", Nature.BENEFIT, "health")]}
    ),
    schedule=ZERO_RATE,
)


# -- hand-computed examples ------------------------------------------------------------------


def test_each_line_is_rounded_once_with_the_named_mode() -> None:
    programme = ap2_programme({"A": [flow("0.125", Nature.BENEFIT), flow("0.115", Nature.COST)]})
    result = appraised(programme, schedule=ZERO_RATE)
    one = [Uncertainty(name="one", distribution=Uniform(low=1, high=1))]
    # Half even: 0.12 - 0.12 = 0; half up: 0.13 - 0.12; down: 0.12 - 0.11; up: 0.13 - 0.12.
    expected = {ROUND_HALF_EVEN: 0, ROUND_HALF_UP: 1, ROUND_DOWN: 1, ROUND_UP: 1}
    for mode, pence in expected.items():
        for engine in ("int64", "python"):
            out = monte_carlo(result, one, draws=3, seed=0, rounding=mode, engine=engine)
            assert set(out.npv_minor_units) == {pence}


def test_a_discrete_range_gives_only_its_outcomes() -> None:
    coin = Uncertainty(
        name="benefit realised",
        distribution=Discrete({"0.5": 1, "1.5": 1}),
        applies_to=Selector(nature=Nature.BENEFIT),
    )
    out = monte_carlo(SIMPLE, [coin], draws=2000, seed=7)
    # 300 x 0.5 - 100 = 50; 300 x 1.5 - 100 = 350.
    assert set(out.npv_draws()) == {Money(50), Money(350)}
    assert out.net_present_budget_impact_percentiles[5] == Money(
        50
    ) and out.net_present_budget_impact_percentiles[95] == Money(350)
    assert out.net_present_budget_impact_percentiles.base == Money(200)
    assert out.probability_negative_npv == 0
    low_share = Fraction(out.npv_draws().count(Money(50)), 2000)
    assert Fraction(2, 5) < low_share < Fraction(3, 5)  # one in two, give or take


def test_a_zero_weight_outcome_is_never_drawn() -> None:
    never = Uncertainty(name="n", distribution=Discrete({"0": 0, "1": 1}))
    out = monte_carlo(SIMPLE, [never], draws=500, seed=3)
    assert set(out.npv_draws()) == {Money(200)}


def test_ranges_on_overlapping_groups_multiply() -> None:
    everything = Uncertainty(name="all", distribution=Uniform(low=2, high=2))
    benefits = Uncertainty(
        name="benefits",
        distribution=Uniform(low="0.5", high="0.5"),
        applies_to=Selector(nature="benefit"),
    )
    out = monte_carlo(SIMPLE, [everything, benefits], draws=2, seed=0)
    # Benefits 300 x 2 x 0.5 = 300, costs 100 x 2 = 200.
    assert out.npv_draws() == (Money(100), Money(100))


def test_partner_and_project_positions() -> None:
    costs = Uncertainty(
        name="costs",
        distribution=Uniform(low="0.5", high="1.5"),
        applies_to=Selector(nature="cost"),
    )
    out = monte_carlo(SIMPLE, [costs], draws=1000, seed=1)
    county, health = out.partner("county"), out.partner("health")
    assert health.minimum == health.maximum == Money(300)
    assert Money(-150) <= county.minimum <= county.maximum <= Money(-50)
    assert [p.name for p in out.projects] == ["project A"]


def test_one_way_swings_by_hand() -> None:
    costs = Uncertainty(
        name="costs",
        distribution=Triangular(low="0.5", central="1", high="2"),
        applies_to=Selector(nature="cost"),
    )
    benefits = Uncertainty(
        name="benefits",
        distribution=Uniform(low="0.9", high="1"),
        applies_to=Selector(nature="benefit"),
    )
    out = one_way(SIMPLE, [benefits, costs])
    assert out.base == Money(200)
    first, second = out.rows_
    assert (first.name, first.npv_low, first.npv_high) == ("costs", Money(250), Money(100))
    assert (second.name, second.npv_low, second.npv_high) == ("benefits", Money(170), Money(200))
    assert "swing" in str(out)


# -- percentiles ---------------------------------------------------------------------------------


def test_percentiles_are_simulated_order_statistics() -> None:
    wide = Uncertainty(name="w", distribution=Triangular(low="0", central="1", high="3"))
    out = monte_carlo(
        SIMPLE, [wide], draws=999, seed=11, percentiles=(0, 1, 50, Fraction(200, 3), 100)
    )
    draws = sorted(out.npv_draws())
    n = len(draws)
    for p, value in out.net_present_budget_impact_percentiles.values:
        assert value in draws
        at_or_below = sum(1 for d in draws if d <= value)
        below = sum(1 for d in draws if d < value)
        assert at_or_below >= p * n / 100
        assert below < max(p * n / 100, 1)
    assert (
        out.net_present_budget_impact_percentiles[0] == draws[0]
        and out.net_present_budget_impact_percentiles[100] == draws[-1]
    )
    assert out.net_present_budget_impact_percentiles.mean == sum(draws, Money(0)) / n


# -- reproducibility, engines, zero-width ranges -----------------------------------------------


def test_the_same_seed_reproduces_and_another_seed_differs() -> None:
    wide = [Uncertainty(name="w", distribution=Uniform(low="0.5", high="1.5"))]
    a = monte_carlo(SIMPLE, wide, draws=200, seed=42)
    b = monte_carlo(SIMPLE, wide, draws=200, seed=42)
    c = monte_carlo(SIMPLE, wide, draws=200, seed=43)
    assert a == b
    assert a.npv_minor_units != c.npv_minor_units


def test_huge_amounts_fall_back_to_python_integers() -> None:
    huge = appraised(
        ap2_programme({"A": [flow("1000000000000000", Nature.BENEFIT)]}), schedule=GREEN_BOOK_STPR
    )
    ranges = [Uncertainty(name="x", distribution=Uniform(low="0", high="900"))]
    auto = monte_carlo(huge, ranges, draws=50, seed=5)
    assert auto.engine == "python"
    with pytest.raises(AppraisalError, match="int64"):
        monte_carlo(huge, ranges, draws=50, seed=5, engine="int64")


@st.composite
def ranges(draw: st.DrawFn, *, zero_width: bool = False) -> list[Uncertainty]:
    out = []
    for i in range(draw(st.integers(0, 3))):
        if zero_width:
            distribution: Triangular | Uniform | Discrete = draw(
                st.sampled_from(
                    [
                        Uniform(low=1, high=1),
                        Triangular(low=1, central=1, high=1),
                        Discrete({"1": 3}),
                    ]
                )
            )
        else:
            a, b, c = sorted(
                draw(st.lists(ap2_multipliers(), min_size=3, max_size=3)), key=Fraction
            )
            distribution = draw(
                st.sampled_from(
                    [
                        Uniform(low=a, high=c),
                        Triangular(low=a, central=b, high=c),
                        Discrete({a: 1, b: 2, c: 1}),
                    ]
                )
            )
        selector = draw(
            st.sampled_from(
                [
                    Selector(),
                    Selector(nature=Nature.COST),
                    Selector(nature=Nature.BENEFIT),
                    Selector(partners=(None, *AP2_PARTNERS[:1])),
                    Selector(categories=(ValueType.FISCAL.value + "_cashable", "economic")),
                    # "unclassified" names costs of no stated type and benefits of no stated
                    # value type: a selector must say which.
                    Selector(categories="unclassified", nature=Nature.COST),
                    Selector(categories="unclassified", nature=Nature.BENEFIT),
                ]
            )
        )
        out.append(Uncertainty(name=f"u{i}", distribution=distribution, applies_to=selector))
    return out


def _names_appraised_keys(result: Appraisal, u: Uncertainty) -> bool:
    try:
        u.applies_to.check_keys(result.lines, u.name)
    except AppraisalError:  # a key naming no appraised line is refused, as a user's would be
        return False
    return True


def _usable(result: Appraisal, chosen: list[Uncertainty]) -> list[Uncertainty]:
    return [
        u
        for u in chosen
        if _names_appraised_keys(result, u)
        and any(u.applies_to.matches(line) for line in result.lines)
    ]


@settings(max_examples=60)
@given(ap2_programmes(), ranges(zero_width=True), st.sampled_from(MODES), st.integers(0, 2**32))
def test_zero_width_ranges_give_the_deterministic_npv_exactly(
    programme: Programme, chosen: list[Uncertainty], mode: str, seed: int
) -> None:
    result = appraised(
        programme,
        schedule=GREEN_BOOK_STPR,
        adjustments=Adjustments(optimism_bias_grade=3, deadweight="0.15", attribution="0.6"),
    )
    chosen = _usable(result, chosen)
    expected = result.npv_rounded_by_line(mode)
    expected_public = result.npv_rounded_by_line(mode, public_value=True)
    for engine in ("auto", "python"):
        out = monte_carlo(result, chosen, draws=5, seed=seed, rounding=mode, engine=engine)
        assert set(out.npv_draws()) == {expected}
        assert out.net_present_budget_impact_percentiles.base == expected
        assert out.net_present_public_value_percentiles.minimum == expected_public
        assert out.net_present_public_value_percentiles.maximum == expected_public
    # Every line's rounding error is under a penny, so the exact NPV is that close.
    assert abs(expected - result.financial_case.net_present_budget_impact().amount) <= Money(
        "0.01"
    ) * max(len(result.lines), 1)


@settings(max_examples=60)
@given(ap2_programmes(), ranges(), st.sampled_from(MODES), st.integers(0, 2**32))
def test_the_int64_engine_equals_python_integers(
    programme: Programme, chosen: list[Uncertainty], mode: str, seed: int
) -> None:
    result = appraised(programme, schedule=constant("3.5%"))
    chosen = _usable(result, chosen)
    fast = monte_carlo(result, chosen, draws=40, seed=seed, rounding=mode, engine="auto")
    slow = monte_carlo(result, chosen, draws=40, seed=seed, rounding=mode, engine="python")
    assert fast.npv_minor_units == slow.npv_minor_units
    assert fast.partners == slow.partners
    assert fast.net_present_public_value_percentiles == slow.net_present_public_value_percentiles
    # Partners (and the unassigned) share out the NPV in every summary's base case.
    assert (
        sum((p.base for p in fast.partners), Money(0))
        == fast.net_present_budget_impact_percentiles.base
    )


@settings(max_examples=40)
@given(
    ap2_programmes(),
    ranges(),
    st.sampled_from(MODES),
    st.integers(0, 2**32),
    st.integers(1, 40),
    st.sampled_from(("auto", "python")),
)
def test_chunked_runs_equal_the_unchunked_run_exactly(
    programme: Programme,
    chosen: list[Uncertainty],
    mode: str,
    seed: int,
    draws: int,
    engine: str,
) -> None:
    result = appraised(programme, schedule=GREEN_BOOK_STPR)
    chosen = _usable(result, chosen)

    def run(chunk: int | None) -> MonteCarloResult:
        return monte_carlo(
            result,
            chosen,
            draws=draws,
            seed=seed,
            rounding=mode,
            engine=engine,
            chunk_draws=chunk,
        )

    whole = run(draws)  # every draw in one chunk: the unchunked run
    for chunk in sorted({1, 2, 3, 7, max(1, draws - 1), draws + 5}):
        chunked = run(chunk)
        assert chunked == whole
        assert chunked.npv_minor_units == whole.npv_minor_units
    assert run(None) == whole


def test_the_default_chunk_keeps_to_the_memory_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    programme = ap2_programme(
        {
            "A": [flow("100.00", Nature.COST, "county"), flow("300.00", Nature.BENEFIT, "health")],
            "B": [flow("12.34", Nature.BENEFIT, None, years=1)],
        }
    )
    result = appraised(programme, schedule=GREEN_BOOK_STPR)
    wide = [Uncertainty(name="all", distribution=Uniform(low="0.5", high="1.5"))]
    unchunked = monte_carlo(result, wide, draws=50, seed=11, chunk_draws=50)
    seen: list[int] = []
    values = _engine.MonteCarloEngine.sums

    def spy(self: _engine.MonteCarloEngine, draws: object, *args: object) -> object:
        seen.append(draws.shape[1])  # type: ignore[attr-defined]
        return values(self, draws, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(_engine.MonteCarloEngine, "sums", spy)
    # Room for 3 lines x 4 draws (int64 engine): chunks of 4 draws, then the rest.
    monkeypatch.setattr(_engine, "MEMORY_BUDGET", 3 * 4 * 64)
    chunked = monte_carlo(result, wide, draws=50, seed=11)
    assert chunked == unchunked
    assert seen[:-1] == [4] * 12 + [2] and seen[-1] == 1  # the last call is the base case
    # A budget too small for one draw still runs, a draw at a time.
    monkeypatch.setattr(_engine, "MEMORY_BUDGET", 1)
    seen.clear()
    assert monte_carlo(result, wide, draws=5, seed=11) == monte_carlo(
        result, wide, draws=5, seed=11, chunk_draws=5
    )
    assert seen[:5] == [1] * 5


@settings(max_examples=40)
@given(ap2_programmes(), ranges())
def test_the_engine_selects_the_lines_each_selector_matches(
    programme: Programme, chosen: list[Uncertainty]
) -> None:
    result = appraised(programme)
    chosen = _usable(result, chosen)
    model = _engine.MonteCarloEngine(result, chosen, adjusted=True, rounding=ROUND_HALF_EVEN)
    for line, cover in zip(result.lines, model.cover_of.tolist(), strict=True):
        expected = tuple(i for i, u in enumerate(chosen) if u.applies_to.matches(line))
        assert model.covers[cover] == expected


@settings(max_examples=30)
@given(ap2_programmes(), ranges(), st.integers(0, 2**32))
def test_a_seed_reproduces_every_figure(
    programme: Programme, chosen: list[Uncertainty], seed: int
) -> None:
    result = appraised(programme)
    chosen = _usable(result, chosen)
    assert monte_carlo(result, chosen, draws=30, seed=seed) == monte_carlo(
        result, chosen, draws=30, seed=seed
    )


# -- inputs ------------------------------------------------------------------------------------


def test_ranges_are_exact_in_parts_per_million() -> None:
    with pytest.raises(AppraisalError, match="six decimal places"):
        Uniform(low="0.1234567", high="1")
    with pytest.raises(FloatNotAllowedError):
        Uniform(low=0.5, high=1)  # type: ignore[arg-type]
    with pytest.raises(AppraisalError, match="negative"):
        Uniform(low="-1", high="1")
    with pytest.raises(AppraisalError, match="low <= central <= high"):
        Triangular(low=1, central="0.5", high=2)
    with pytest.raises(AppraisalError, match="positive weight"):
        Discrete({"1": 0})
    values = Triangular.from_values(Money(40000), Money(52000), Money(70000))
    assert values.central == 1
    assert values.bounds_ppm() == (769231, 1346154)  # 40/52 and 70/52, half even to ppm


def test_a_range_that_selects_nothing_is_an_error() -> None:
    nothing = Uncertainty(
        name="typo", distribution=Uniform(low=1, high=2), applies_to=Selector(projects="FBC9")
    )
    with pytest.raises(AppraisalError, match="typo"):
        monte_carlo(SIMPLE, [nothing], draws=10, seed=0)


def test_arguments_are_checked() -> None:
    one = [Uncertainty(name="a", distribution=Uniform(low=1, high=1))]
    with pytest.raises(AppraisalError, match="repeat"):
        monte_carlo(SIMPLE, one * 2, draws=10, seed=0)
    with pytest.raises(AppraisalError, match="seed"):
        monte_carlo(SIMPLE, one, draws=10, seed=-1)
    with pytest.raises(AppraisalError, match="draws"):
        monte_carlo(SIMPLE, one, draws=0, seed=1)
    with pytest.raises(AppraisalError, match="rounding"):
        monte_carlo(SIMPLE, one, draws=1, seed=1, rounding="nearest")
    with pytest.raises(AppraisalError, match=r"percentile: 101 .* from 0 to 100"):
        monte_carlo(SIMPLE, one, draws=1, seed=1, percentiles=(101,))
    for chunk in (0, -1):
        with pytest.raises(AppraisalError, match="chunk_draws"):
            monte_carlo(SIMPLE, one, draws=1, seed=1, chunk_draws=chunk)
    for wrong in (True, "10"):  # the wrong type, not a bad value
        with pytest.raises(WecbTypeError, match="chunk_draws"):
            monte_carlo(SIMPLE, one, draws=1, seed=1, chunk_draws=wrong)  # type: ignore[arg-type]


# -- Essex ---------------------------------------------------------------------------------------


@pytest.mark.skipif(not HAS_ESSEX, reason="wecb.datasets.essex_2012 not available")
def test_essex_ten_thousand_draws() -> None:
    from wecb.datasets import essex_2012  # noqa: PLC0415 -- optional data set

    phasing = Phasing(
        {
            "to_mar_2013": {FinancialYear(2012): 1},
            "further_implementation": dict.fromkeys(
                FinancialYear.range(FinancialYear(2014), FinancialYear(2016)), 1
            ),
            "appraisal_horizon": dict.fromkeys(
                FinancialYear.range(FinancialYear(2014), FinancialYear(2018)), 1
            ),
        }
    )
    result = appraise(
        essex_2012(),
        base_year=FinancialYear(2012),
        price_base=FinancialYear(2012),
        phasing=phasing,
        adjustments=Adjustments(optimism_bias_grade=3),
    )
    chosen = [
        Uncertainty(
            name="costs",
            distribution=Triangular(low="0.9", central="1", high="1.5"),
            applies_to=Selector(nature="cost"),
        ),
        Uncertainty(
            name="benefits",
            distribution=Triangular(low="0.5", central="0.9", high="1.1"),
            applies_to=Selector(nature="benefit"),
        ),
        Uncertainty(
            name="FBC5",
            distribution=Discrete({"0": 1, "1": 3}),
            applies_to=Selector(projects="FBC5", nature="benefit"),
        ),
    ]
    # Speed is measured by benchmarks/run.py, never here.
    out = monte_carlo(result, chosen, draws=10_000, seed=2012)
    assert out.engine == "float64"
    exact = monte_carlo(result, chosen, draws=10_000, seed=2012, engine="int64")
    assert out.npv_minor_units == exact.npv_minor_units
    assert out.partners == exact.partners and out.projects == exact.projects
    assert out.net_present_budget_impact_percentiles.base == result.npv_rounded_by_line()
    assert (
        out.net_present_budget_impact_percentiles.minimum
        <= out.net_present_budget_impact_percentiles[50]
        <= out.net_present_budget_impact_percentiles.maximum
    )
