"""Discounting: Green Book schedules, present values and horizon-stating results.

Expected values are worked out here with the test's own exact arithmetic (``Fraction``
for the true present value, a local 28-digit context for factors), never copied
from the library's output.
"""

from __future__ import annotations

import itertools
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal, localcontext
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strategies import appraisal_flows, appraisal_money, appraisal_schedules, appraisal_years
from wecb.appraisal import (
    GREEN_BOOK_HEALTH,
    GREEN_BOOK_STPR,
    ZERO_RATE,
    DiscountSchedule,
    Horizon,
    MixedHorizon,
    PresentValue,
    RateBand,
    Total,
    constant,
    discount_flows,
    npv,
    present_value,
)
from wecb.appraisal.schedules import FACTOR_PRECISION
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.errors import (
    AppraisalError,
    BeforeBaseYearError,
    CurrencyMismatchError,
    FloatNotAllowedError,
    WecbTypeError,
)

FY = FinancialYear
BASE = FY(2012)
CTX28 = Context(prec=28, rounding=ROUND_HALF_EVEN)


def growth(rates: list[str]) -> Fraction:
    """(1 + r_1)...(1 + r_t) exactly, for the given per-year rates."""
    out = Fraction(1)
    for r in rates:
        out *= 1 + Fraction(Decimal(r))
    return out


def factor28(rates: list[str]) -> Decimal:
    """The reciprocal of the growth, rounded to 28 significant digits half-even."""
    g = growth(rates)
    return CTX28.divide(Decimal(g.denominator), Decimal(g.numerator))


def stpr_rates(t: int) -> list[str]:
    """The STPR's rate for years 1..t, written out from the Green Book bands."""
    out = []
    for k in range(1, t + 1):
        if k <= 30:
            out.append("0.035")
        elif k <= 75:
            out.append("0.030")
        elif k <= 125:
            out.append("0.025")
        elif k <= 200:
            out.append("0.020")
        elif k <= 300:
            out.append("0.015")
        else:
            out.append("0.010")
    return out


# --------------------------------------------------------------------------- factors


def test_year_zero_is_not_discounted() -> None:
    assert GREEN_BOOK_STPR.factor(0) == 1
    assert GREEN_BOOK_HEALTH.factor(0) == 1


def test_stpr_year_one_is_one_over_1_035() -> None:
    with localcontext() as ctx:
        ctx.prec = 28
        expected = Decimal(1) / Decimal("1.035")
    assert GREEN_BOOK_STPR.factor(1) == expected
    assert FACTOR_PRECISION == 28


@pytest.mark.parametrize("t", [2, 10, 30, 31, 32, 75, 76, 125, 126, 200, 201, 300, 301, 350])
def test_stpr_factors_compound_year_by_year(t: int) -> None:
    assert GREEN_BOOK_STPR.factor(t) == factor28(stpr_rates(t))


def test_year_31_uses_three_percent() -> None:
    assert GREEN_BOOK_STPR.rate(30) == Decimal("0.035")
    assert GREEN_BOOK_STPR.rate(31) == Decimal("0.03")
    thirty = growth(["0.035"] * 30)
    assert Fraction(GREEN_BOOK_STPR.growth(31)) == thirty * Fraction("1.03")
    assert GREEN_BOOK_STPR.factor(31) == factor28(["0.035"] * 30 + ["0.03"])


@pytest.mark.parametrize(
    ("t", "standard", "health"),
    [(1, "0.035", "0.015"), (30, "0.035", "0.015"), (31, "0.03", "0.0129"), (75, "0.03", "0.0129"),
     (76, "0.025", "0.0107"), (126, "0.02", "0.0086"), (201, "0.015", "0.0064"),
     (301, "0.01", "0.0043"), (1000, "0.01", "0.0043")],
)  # fmt: skip
def test_band_edges(t: int, standard: str, health: str) -> None:
    assert GREEN_BOOK_STPR.rate(t) == Decimal(standard)
    assert GREEN_BOOK_HEALTH.rate(t) == Decimal(health)


def test_health_schedule_is_the_standard_one_scaled_to_one_and_a_half_percent() -> None:
    # A consistency check on the shipped figures: each health rate is 1.5% times the
    # standard band's ratio to 3.5%, to two decimal places of a percent.
    for std, health in zip(GREEN_BOOK_STPR.bands, GREEN_BOOK_HEALTH.bands, strict=True):
        assert (std.first, std.last) == (health.first, health.last)
        scaled = (Decimal("0.015") * std.rate / Decimal("0.035")).quantize(
            Decimal("0.0001"), rounding=ROUND_HALF_UP
        )
        assert health.rate == scaled


def test_shipped_schedules_carry_their_source() -> None:
    stpr = GREEN_BOOK_STPR.source
    assert stpr is not None and stpr.verified
    assert "Green Book" in stpr.document and "Table 6.1" in stpr.section and stpr.year == 2003
    health = GREEN_BOOK_HEALTH.source
    assert health is not None and "Green Book" in health.document and "A6" in health.section
    assert "not verified" in str(health)  # says plainly what was not checked


def test_user_schedule_replaces_the_shipped_one() -> None:
    mine = DiscountSchedule.from_bands("mine", [(0, 9, "6%"), (10, None, "2%")])
    assert mine.factor(11) == factor28(["0.06"] * 9 + ["0.02"] * 2)
    flows = {BASE + 11: Money(1000)}
    assert present_value(flows, BASE, mine) != present_value(flows, BASE)


def test_constant_schedule() -> None:
    five = constant("5%")
    assert five.name == "constant 5%"
    assert five.factor(3) == factor28(["0.05"] * 3)
    assert constant(Decimal("0.05")) == five


def test_closed_schedule_ends() -> None:
    short = DiscountSchedule.from_bands("short", [(0, 5, "0.035")])
    assert short.horizon_limit == 5
    with pytest.raises(AppraisalError, match="beyond the schedule"):
        short.factor(6)


@pytest.mark.parametrize(
    ("bands", "message"),
    [
        ([], "no rate bands"),
        ([(1, None, "0.03")], "start at year 0"),
        ([(0, 10, "0.03"), (12, None, "0.02")], "contiguous"),
        ([(0, None, "0.03"), (5, None, "0.02")], "contiguous"),
        ([(0, None, "-1")], "greater than -1"),
        ([(0, 3, "0.03"), (4, 2, "0.02")], "expected a year offset >= first"),
        ([(0, None, "abc")], "RateBand.rate: 'abc' is not accepted"),
    ],
)
def test_bad_schedules_are_refused(bands: list[tuple[int, int | None, str]], message: str) -> None:
    with pytest.raises(AppraisalError, match=message):
        DiscountSchedule.from_bands("bad", bands)


def test_floats_are_refused() -> None:
    with pytest.raises(FloatNotAllowedError):
        constant(0.035)  # type: ignore[arg-type]
    with pytest.raises(FloatNotAllowedError):
        RateBand(first=0, last=None, rate=0.035)  # type: ignore[arg-type]


def test_bad_year_offsets() -> None:
    with pytest.raises(AppraisalError):
        GREEN_BOOK_STPR.factor(-1)
    with pytest.raises(WecbTypeError):  # a bool is the wrong type, not a bad offset
        GREEN_BOOK_STPR.factor(True)


# --------------------------------------------------------------------------- present values


def test_present_value_against_exact_rational_arithmetic() -> None:
    flows = {BASE: Money("1000"), BASE + 1: Money("2070.00"), BASE + 2: Money("-3.33")}
    exact = sum(
        (Fraction(m.amount) / growth(stpr_rates(y - BASE)) for y, m in flows.items()),
        Fraction(0),
    )
    pv = present_value(flows, BASE)
    # Each factor is within half a unit in the 28th significant digit (< 1e-28 for
    # factors below 1), so the PV is within sum(|amount|) * 1e-28 of the exact value.
    bound = sum(abs(Fraction(m.amount)) for m in flows.values()) * Fraction(1, 10**28)
    assert abs(Fraction(pv.amount) - exact) <= bound
    pennies = Decimal(exact.numerator) / Decimal(exact.denominator)
    assert present_value(flows, BASE, round_to="penny").amount == pennies.quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def test_one_thousand_and_thirty_five_pounds_next_year_is_worth_a_thousand_now() -> None:
    assert present_value({BASE + 1: Money("1035")}, BASE, round_to="penny") == Money(1000)


def test_present_value_is_not_rounded_unless_asked() -> None:
    pv = present_value({BASE + 1: Money("1")}, BASE)
    assert pv.amount == factor28(["0.035"])
    exponent = pv.amount.as_tuple().exponent
    assert isinstance(exponent, int) and exponent < -2


def test_mapping_and_pairs_agree_and_repeated_years_add() -> None:
    pairs = [(BASE + 1, Money(40)), (BASE + 3, Money(7)), (BASE + 1, Money(60))]
    mapping = {BASE + 1: Money(100), BASE + 3: Money(7)}
    assert present_value(pairs, BASE) == present_value(mapping, BASE)
    assert discount_flows(pairs, BASE) == discount_flows(mapping, BASE)


def test_flows_before_the_base_year() -> None:
    flows = {BASE - 2: Money(1000), BASE: Money(1)}
    with pytest.raises(BeforeBaseYearError, match="before the base year"):
        present_value(flows, BASE)
    pv = present_value(flows, BASE, allow_before_base=True)
    # Compounded forward by the schedule's first two years: 1000 * 1.035^2, exactly.
    assert pv.amount == Decimal(1000) * Decimal("1.035") ** 2 + 1
    # Forty years back the exact growth has over 120 digits; like every factor it is
    # rounded to 28 significant digits, so the result stays inside Money's precision.
    old = Money("12345678.91")
    far = present_value({BASE - 40: old}, BASE, allow_before_base=True)
    g = growth(stpr_rates(40))
    g28 = CTX28.divide(Decimal(g.numerator), Decimal(g.denominator))
    assert Fraction(far.amount) == Fraction(old.amount) * Fraction(g28)  # exact product
    assert far + far == far * 2


def test_currencies_must_agree() -> None:
    with pytest.raises(CurrencyMismatchError):
        present_value({BASE: Money(1), BASE + 1: Money(1, "EUR")}, BASE)
    with pytest.raises(CurrencyMismatchError):
        npv({BASE: Money(1, "EUR")}, {BASE: Money(1)}, BASE)


def test_empty_flows() -> None:
    assert present_value({}, BASE) == Money(0)
    assert present_value({}, BASE, currency="EUR") == Money(0, "EUR")


@pytest.mark.parametrize(
    "flows", [{BASE: Decimal(1)}, {2012: Money(1)}, [(BASE, Money(1), "x")], [BASE]]
)
def test_malformed_flows(flows: object) -> None:
    with pytest.raises(WecbTypeError):
        present_value(flows, BASE)  # type: ignore[arg-type]


def test_npv_is_benefits_less_costs() -> None:
    benefits = {BASE + 1: Money(500), BASE + 2: Money(500)}
    costs = {BASE: Money(800)}
    assert npv(benefits, costs, BASE, ZERO_RATE) == Money(200)
    expected = present_value(benefits, BASE) - present_value(costs, BASE)
    assert npv(benefits, costs, BASE) == expected


def test_discount_flows_sums_to_the_present_value() -> None:
    flows = {BASE + t: Money(100 * t + 1) for t in range(40)}
    by_year = discount_flows(flows, BASE)
    assert list(by_year) == sorted(flows)
    assert sum(by_year.values(), Money(0)) == present_value(flows, BASE)


# --------------------------------------------------------------------------- properties


@given(
    appraisal_flows(),
    appraisal_flows(),
    appraisal_flows(),
    appraisal_flows(),
    appraisal_years(2010, 2030),
)
def test_npv_is_linear_exactly(
    b1: dict[FinancialYear, Money],
    b2: dict[FinancialYear, Money],
    c1: dict[FinancialYear, Money],
    c2: dict[FinancialYear, Money],
    base: FinancialYear,
) -> None:
    # Exact, not approximately: the factors are fixed 28-digit decimals and every later
    # step (amount x factor, sums, differences) is exact, so distributivity holds.
    pairs = [*b1.items(), *b2.items()]
    costs = [*c1.items(), *c2.items()]
    together = npv(pairs, costs, base, allow_before_base=True)
    apart = npv(b1, c1, base, allow_before_base=True) + npv(b2, c2, base, allow_before_base=True)
    assert together == apart


@given(appraisal_flows(), st.integers(-50, 50), appraisal_schedules())
def test_present_value_scales_exactly(
    flows: dict[FinancialYear, Money], k: int, schedule: DiscountSchedule
) -> None:
    scaled = {y: m * k for y, m in flows.items()}
    base = FY(2010)
    assert present_value(scaled, base, schedule) == present_value(flows, base, schedule) * k


@given(appraisal_flows(), appraisal_years(2010, 2060))
def test_zero_rate_gives_the_plain_sum_exactly(
    flows: dict[FinancialYear, Money], base: FinancialYear
) -> None:
    plain = sum(flows.values(), Money(0))
    assert present_value(flows, base, ZERO_RATE, allow_before_base=True) == plain
    assert present_value(flows, base, constant(0), allow_before_base=True) == plain


@given(appraisal_schedules(min_bp=1))
def test_factors_are_positive_and_strictly_decreasing_for_positive_rates(
    schedule: DiscountSchedule,
) -> None:
    factors = schedule.factors(400)
    assert factors[0] == 1
    assert all(f > 0 for f in factors)
    assert all(a > b for a, b in itertools.pairwise(factors))


@given(appraisal_flows(), st.randoms(use_true_random=False))
def test_order_of_flows_does_not_matter(flows: dict[FinancialYear, Money], rnd: object) -> None:
    pairs = list(flows.items())
    shuffled = pairs[:]
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert present_value(shuffled, FY(2010)) == present_value(pairs, FY(2010))


# --------------------------------------------------------------------------- horizons and totals


def test_horizon_basics() -> None:
    five = Horizon.of_years(BASE, 5, "five-year")
    assert five.years == 5 and five.last == FY(2016)
    assert str(five) == "five-year: 2012/13 to 2016/17 (5 years)"
    assert five == Horizon(FY(2012), FY(2016), "to 2016-17")  # labels are for display only
    assert FY(2014) in five and FY(2017) not in five
    assert Horizon.spanning([FY(2015), FY(2012)]) == Horizon(FY(2012), FY(2015))
    with pytest.raises(AppraisalError, match="before"):
        Horizon(FY(2016), FY(2012))
    with pytest.raises(AppraisalError):
        Horizon.of_years(BASE, 0)
    with pytest.raises(WecbTypeError):
        Horizon(2012, FY(2016))  # type: ignore[arg-type]


def test_totals_over_one_horizon_add() -> None:
    five = Horizon.of_years(BASE, 5)
    a, b = Total(Money(56), five, "LGA"), Total(Money(24), five, "LGA")
    assert (a + b) == Total(Money(80), five, "LGA")
    assert sum([a, b]) == a + b
    assert (a - b).amount == Money(32)


def test_totals_over_different_horizons_need_saying_so() -> None:
    five = Horizon.of_years(BASE, 5, "5-year")
    to_2019 = Horizon(BASE, FY(2019), "to 2019-20")
    a, b = Total(Money(56), five, "LGA note"), Total(Money(38), to_2019, "Tri-borough")
    with pytest.raises(AppraisalError, match="different horizons"):
        a + b
    mixed = a.combine(b, allow_mixed_horizons=True)
    assert mixed.amount == Money(94)
    assert isinstance(mixed.horizon, MixedHorizon)
    assert mixed.horizon.parts == (five, to_2019)
    assert mixed.source == "LGA note; Tri-borough"
    # A mixed total stays mixed: adding to it needs saying so again.
    with pytest.raises(AppraisalError):
        mixed + a
    assert mixed.combine(a, allow_mixed_horizons=True).horizon == mixed.horizon


def test_present_value_record_states_what_it_is() -> None:
    flows = {BASE + 1: Money(1035), BASE + 2: Money(0)}
    pv = PresentValue.of(flows, BASE, price_base=FY(2011))
    assert pv.horizon == Horizon(FY(2013), FY(2014))
    assert pv.base_year == BASE and pv.price_base == FY(2011)
    assert pv.schedule == "green_book_stpr"
    assert pv.amount == present_value(flows, BASE)
    assert not pv.is_mixed
    assert "base year 2012/13, 2011/12 prices, green_book_stpr" in str(pv)
    assert pv.to_total("test").horizon == pv.horizon


def test_present_value_record_horizon_rules() -> None:
    horizon = Horizon.of_years(BASE, 5)
    assert PresentValue.of({}, BASE, price_base=BASE, horizon=horizon).amount == Money(0)
    with pytest.raises(AppraisalError, match="no flows and no horizon"):
        PresentValue.of({}, BASE, price_base=BASE)
    with pytest.raises(AppraisalError, match="outside the stated horizon"):
        PresentValue.of({BASE + 5: Money(1)}, BASE, price_base=BASE, horizon=horizon)


def test_combining_present_values() -> None:
    h = Horizon.of_years(BASE, 3)
    flows = {BASE + 1: Money(100)}
    a = PresentValue.of(flows, BASE, price_base=BASE, horizon=h)
    health = PresentValue.of(flows, BASE, GREEN_BOOK_HEALTH, price_base=BASE, horizon=h)
    both = a + health  # different schedules combine, and say so
    assert both.schedule == "green_book_stpr + green_book_health"
    assert both.amount == a.amount + health.amount

    later_base = PresentValue.of(flows, BASE + 1, price_base=BASE, horizon=h)
    with pytest.raises(AppraisalError, match="base year"):
        a + later_base
    mixed = a.combine(later_base, allow_mixed_bases=True)
    assert mixed.base_year == (BASE, BASE + 1) and mixed.is_mixed

    other_prices = PresentValue.of(flows, BASE, price_base=FY(2010), horizon=h)
    with pytest.raises(AppraisalError, match="price base"):
        a - other_prices

    longer = PresentValue.of(flows, BASE, price_base=BASE, horizon=Horizon.of_years(BASE, 6))
    with pytest.raises(AppraisalError, match="horizons"):
        a + longer
    assert isinstance(a.combine(longer, allow_mixed_horizons=True).horizon, MixedHorizon)


def test_net_present_value_record() -> None:
    benefits = {BASE + 1: Money(300)}
    costs = {BASE: Money(100)}
    rec = PresentValue.net(benefits, costs, BASE, ZERO_RATE, price_base=BASE)
    assert rec.amount == Money(200)
    assert rec.horizon == Horizon(BASE, BASE + 1)


@given(appraisal_money(), appraisal_money())
def test_totals_add_like_money(a: Money, b: Money) -> None:
    h = Horizon.of_years(BASE, 5)
    assert (Total(a, h) + Total(b, h)).amount == a + b
