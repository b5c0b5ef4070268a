"""Tests of wecb.core.money: exact Money, display, parsing and allocation."""

from __future__ import annotations

import copy
import pickle
from decimal import (
    ROUND_05UP,
    ROUND_CEILING,
    ROUND_DOWN,
    ROUND_FLOOR,
    ROUND_HALF_DOWN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    ROUND_UP,
    Context,
    Decimal,
    Inexact,
    InvalidOperation,
    Rounded,
    localcontext,
)
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strategies import amounts, currencies, money, weights
from wecb.core.money import WORKING_PRECISION, Money
from wecb.errors import (
    AllocationError,
    CurrencyMismatchError,
    FloatNotAllowedError,
    MoneyError,
    ParseError,
    WecbError,
    WecbTypeError,
)

Weight = int | Decimal | Fraction
ALL_MODES = [
    ROUND_05UP,
    ROUND_CEILING,
    ROUND_DOWN,
    ROUND_FLOOR,
    ROUND_HALF_DOWN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    ROUND_UP,
]
HALF_MODES = [ROUND_HALF_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP]
SCALES = {"units": 0, "thousands": 3, "millions": 6, "billions": 9}
# An independent oracle for rounding: a context wide enough to never round by itself.
WIDE = Context(prec=200)


def full_places(m: Money, power: int) -> int:
    """Places that show ``m`` exactly at a scale of ``10**power``."""
    exponent = m.amount.as_tuple().exponent
    assert isinstance(exponent, int)
    return max(0, power - exponent)


def exact_fraction(m: Money) -> Fraction:
    return Fraction(m.amount)


def money_of(value: Fraction) -> Money:
    """Money for a fraction whose decimal expansion terminates (an independent oracle)."""
    return Money(WIDE.divide(Decimal(value.numerator), Decimal(value.denominator)))


# -- construction -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [(5, Decimal(5)), (Decimal("1.50"), Decimal("1.50")), ("-12.50", Decimal("-12.50"))],
)
def test_constructs_from_int_decimal_and_plain_text(value: object, expected: Decimal) -> None:
    m = Money(value)  # type: ignore[arg-type]
    assert m.amount == expected
    assert m.amount.as_tuple() == expected.as_tuple()
    assert m.currency == "GBP"


def test_keeps_exponent_but_compares_and_hashes_by_value() -> None:
    assert repr(Money("1.50")) == "Money('1.50', 'GBP')"
    assert Money("1.50") == Money("1.5") == Money(Decimal("1.500"))
    assert hash(Money("1.50")) == hash(Money("1.5"))
    assert len({Money("1.50"), Money("1.5"), Money("1.5", "EUR")}) == 2


def test_repr_is_a_valid_constructor_call_in_plain_notation() -> None:
    assert repr(Money("87587000")) == "Money('87587000', 'GBP')"
    assert repr(Money(Decimal("1E+6"))) == "Money('1000000', 'GBP')"
    assert repr(Money(Decimal("-1E-7"), "EUR")) == "Money('-0.0000001', 'EUR')"
    assert Money("-0.0000001", "EUR") == Money(Decimal("-1E-7"), "EUR")


def test_float_is_refused_with_reason_and_remedy() -> None:
    with pytest.raises(FloatNotAllowedError) as info:
        Money(0.1)  # type: ignore[arg-type]
    message = str(info.value)
    assert "floats cannot hold money exactly" in message
    assert "Decimal('0.1')" in message
    assert "'0.1'" in message
    assert isinstance(info.value, TypeError)


def test_float_remedy_is_plain_decimal_text() -> None:
    with pytest.raises(FloatNotAllowedError, match=r"Decimal\('0.0000001'\)"):
        Money(1e-7)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "value", [Decimal("NaN"), Decimal("sNaN"), Decimal("Infinity"), Decimal("-Infinity")]
)
def test_non_finite_decimals_are_refused(value: Decimal) -> None:
    with pytest.raises(MoneyError, match="finite"):
        Money(value)


@pytest.mark.parametrize("value", [True, False, None, Fraction(1, 2), [1], b"1"])
def test_other_types_are_refused(value: object) -> None:
    with pytest.raises(WecbTypeError, match="int, Decimal or str") as info:
        Money(value)  # type: ignore[arg-type]
    assert isinstance(info.value, TypeError)


@pytest.mark.parametrize("text", ["£5", "1,000", "1e6", "nan", "Infinity", ".5", "5k", ""])
def test_text_must_be_plain_decimal_and_points_to_parse(text: str) -> None:
    with pytest.raises(MoneyError, match=r"Money\.parse") as info:
        Money(text)
    assert repr(text) in str(info.value)


@pytest.mark.parametrize("currency", ["gbp", "GB", "GBPX", "", "£", "G8P"])
def test_currency_must_be_iso_shape(currency: object) -> None:
    with pytest.raises(MoneyError, match="ISO 4217") as info:
        Money(1, currency)  # type: ignore[arg-type]
    assert repr(currency) in str(info.value)


@pytest.mark.parametrize("currency", [826, None, b"GBP", ["GBP"]])
def test_a_currency_that_is_not_text_is_a_type_error(currency: object) -> None:
    # The error class follows the mistake: a wrong type (was a MoneyError before 0.2).
    with pytest.raises(WecbTypeError, match="ISO 4217") as info:
        Money(1, currency)  # type: ignore[arg-type]
    assert repr(currency) in str(info.value)


def test_is_immutable() -> None:
    m = Money("1")
    with pytest.raises(AttributeError):
        m.amount = Decimal(2)  # type: ignore[misc]
    with pytest.raises(AttributeError):
        m.other = 1  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        del m.currency
    assert not hasattr(m, "__dict__")
    assert m == Money("1")


@given(money(), currencies())
def test_pickle_and_copy_round_trip(m: Money, currency: str) -> None:
    m = Money(m.amount, currency)
    clone = pickle.loads(pickle.dumps(m))
    assert clone == m
    assert clone.amount.as_tuple() == m.amount.as_tuple()
    assert copy.copy(m) is m
    assert copy.deepcopy(m) is m


def test_zero_and_queries() -> None:
    assert Money.zero() == Money(0)
    assert Money.zero("EUR").currency == "EUR"
    assert Money.zero().is_zero()
    assert not Money.zero()
    assert Money("-0.01")
    assert Money("-0.01").is_negative()
    assert not Money("0").is_negative()
    assert Money("0.01").is_positive()
    assert [Money("-3").sign, Money("0").sign, Money("3").sign] == [-1, 0, 1]


# -- arithmetic -------------------------------------------------------------------


def test_addition_is_exact_where_floats_are_not() -> None:
    assert Money("0.10") + Money("0.20") == Money("0.30")
    assert Money("0.30") - Money("0.10") == Money("0.20")
    assert (Money("0.10") + Money("0.20")).amount.as_tuple() == Decimal("0.30").as_tuple()


def test_sum_and_integer_zero() -> None:
    parts = [Money("716"), Money("946"), Money("3081")]
    assert sum(parts) == Money(716 + 946 + 3081)
    m = Money("5")
    assert m + 0 is m
    assert 0 + m is m
    assert m - 0 is m
    assert 0 - m == Money("-5")


@pytest.mark.parametrize("other", [5, Decimal(0), True, "1"])
def test_adding_non_money_is_a_type_error(other: object) -> None:
    with pytest.raises(TypeError):
        Money("1") + other  # type: ignore[operator]
    with pytest.raises(TypeError):
        other + Money("1")  # type: ignore[operator]


def test_currency_mismatch() -> None:
    gbp, eur = Money("1"), Money("1", "EUR")
    for operation in (
        lambda: gbp + eur,
        lambda: gbp - eur,
        lambda: gbp / eur,
        lambda: gbp < eur,
        lambda: gbp <= eur,
        lambda: gbp > eur,
        lambda: gbp >= eur,
    ):
        with pytest.raises(CurrencyMismatchError, match="EUR"):
            operation()
    assert gbp != eur
    assert not (gbp == eur)  # noqa: SIM201 - exercising __eq__ itself


def test_money_never_equals_a_bare_number() -> None:
    assert Money("1") != 1
    assert Money("1") != Decimal(1)


@pytest.mark.parametrize("factor", [3, Decimal("1.5"), Fraction(3, 8)])
def test_multiplication_both_sides(factor: int | Decimal | Fraction) -> None:
    m = Money("100.00")
    expected = money_of(Fraction(100) * Fraction(factor))
    assert m * factor == expected
    assert factor * m == expected


def test_fraction_multiplication_that_terminates_is_exact() -> None:
    assert Money("1") * Fraction(1, 1024) == money_of(Fraction(1, 1024))
    assert Fraction(1, 1024) * Money("1") * 1024 == Money("1")


def test_non_terminating_results_use_working_precision() -> None:
    third = WIDE.divide(Decimal(1), Decimal(3))
    expected = Context(prec=WORKING_PRECISION).plus(third)
    assert (Money("1") * Fraction(1, 3)).amount == expected
    assert (Money("1") / 3).amount == expected
    assert Money("1") / Money("3") == expected
    assert len((Money("1") / 3).amount.as_tuple().digits) == WORKING_PRECISION


def test_division() -> None:
    q = Money("10.00") / 4
    assert q == Money("2.5")
    assert q.amount.as_tuple().exponent == -2
    assert Money("10") / Fraction(1, 4) == Money("40")
    ratio = Money("87587") / Money("175174")
    assert isinstance(ratio, Decimal)
    assert ratio == Decimal("0.5")


@pytest.mark.parametrize("zero", [0, Decimal(0), Fraction(0), Money("0")])
def test_division_by_zero(zero: object) -> None:
    with pytest.raises(MoneyError, match="division by zero"):
        Money("1") / zero  # type: ignore[operator]


@pytest.mark.parametrize("bad", [Decimal("NaN"), Decimal("Infinity")])
def test_non_finite_factors_are_refused(bad: Decimal) -> None:
    with pytest.raises(MoneyError):
        Money("1") * bad
    with pytest.raises(MoneyError):
        Money("1") / bad


def test_money_times_money_and_number_over_money_are_type_errors() -> None:
    with pytest.raises(TypeError):
        Money("1") * Money("1")  # type: ignore[operator]
    with pytest.raises(TypeError):
        5 / Money("1")  # type: ignore[operator]
    with pytest.raises(TypeError):
        Money("1") * True  # type: ignore[operator]


def test_too_many_digits_raise_instead_of_rounding() -> None:
    big = Money(10 ** (WORKING_PRECISION - 1))
    with pytest.raises(MoneyError, match=f"more than {WORKING_PRECISION} significant digits"):
        big + Money("0.01")
    with pytest.raises(MoneyError, match="significant digits"):
        big - Money("0.01")
    with pytest.raises(MoneyError, match="significant digits"):
        Money("1" * 40) * Decimal("1" * 40)


def test_unary_operations() -> None:
    m = Money("-944.50")
    assert -m == Money("944.50")
    assert abs(m) == Money("944.50")
    assert +m is m
    assert (-m).amount.as_tuple().exponent == -2
    long = Money("1" * 80)  # longer than the working precision: still exact
    assert Fraction((-long).amount) == -Fraction(long.amount)
    assert abs(-long) == long


def test_results_ignore_the_callers_decimal_context() -> None:
    def compute() -> list[object]:
        a, b = Money("123456.789"), Money("0.001")
        return [
            a + b,
            a - b,
            a * Decimal("1.5"),
            a * Fraction(1, 3),
            a / 7,
            a / b,
            -a,
            abs(-a),
            Money("1.005").round(),
            Money("1" * 80 + ".5").round("pound"),
            Money("12.5").format("units"),
            Money("-87587000").format(),
            Money("-999999").format(accounting=True),
            f"{a:.2k}",
            a < b,
            hash(a),
            Money("1") / Money("3"),
            Money("1234.56").to_minor_units(),
            Money.from_minor_units(-5),
            str(a),
            repr(a),
            Money("100").allocate([1, 1, 1]),
            Money.parse("£1.949m"),
            Money.from_thousands("87,587"),
            a.amount_in_thousands(),
        ]

    expected = compute()
    hostile = Context(prec=2, rounding=ROUND_DOWN, traps=[Inexact, Rounded, InvalidOperation])
    with localcontext(hostile):
        assert compute() == expected


@given(money(), money(), money())
def test_addition_is_associative_and_commutative(a: Money, b: Money, c: Money) -> None:
    assert (a + b) + c == a + (b + c)
    assert a + b == b + a
    assert exact_fraction(a + b) == exact_fraction(a) + exact_fraction(b)


@given(money(), money(), st.one_of(st.integers(-(10**9), 10**9), amounts(max_digits=9)))
def test_multiplication_distributes_over_addition(a: Money, b: Money, k: int | Decimal) -> None:
    assert (a + b) * k == a * k + b * k
    assert k * (a + b) == k * a + k * b
    assert exact_fraction(a * k) == exact_fraction(a) * Fraction(k)


@given(money(), money())
def test_subtraction_undoes_addition(a: Money, b: Money) -> None:
    assert a - b + b == a
    assert a + b - b == a


@given(money(), money())
def test_ordering_agrees_with_sign_of_difference(a: Money, b: Money) -> None:
    difference = a - b
    assert (a < b) == difference.is_negative()
    assert (a > b) == difference.is_positive()
    assert (a == b) == difference.is_zero()
    assert (a <= b) == (not difference.is_positive())
    assert (a >= b) == (not difference.is_negative())
    assert (hash(a) == hash(b)) or a != b


@given(money(), st.fractions(min_value=-1000, max_value=1000, max_denominator=10**6))
def test_fraction_product_is_exact_or_working_precision(m: Money, f: Fraction) -> None:
    product = (m * f).amount
    exact = Fraction(m.amount) * f
    if Fraction(product) != exact:
        # Only a quotient longer than the working precision may be rounded, and then
        # by less than one unit in its last place.
        assert len(product.as_tuple().digits) == WORKING_PRECISION
        ulp = Fraction(Decimal(1).scaleb(product.adjusted() - WORKING_PRECISION + 1, WIDE))
        assert abs(Fraction(product) - exact) <= ulp / 2


@given(money(), st.integers(1, 10**6))
def test_division_is_exact_when_the_quotient_fits(m: Money, n: int) -> None:
    quotient = m * n / n
    assert quotient == m


# -- rounding ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "unit", "rounding", "expected"),
    [
        ("1.005", "penny", ROUND_HALF_UP, "1.01"),
        ("-1.005", "penny", ROUND_HALF_UP, "-1.01"),
        ("1.005", "penny", ROUND_HALF_EVEN, "1.00"),
        ("2.5", "pound", ROUND_HALF_UP, "3"),
        ("-2.5", "pound", ROUND_HALF_UP, "-3"),
        ("2.5", "pound", ROUND_HALF_EVEN, "2"),
        ("2.5", "pound", ROUND_HALF_DOWN, "2"),
        ("2.9", "pound", ROUND_DOWN, "2"),
        ("-2.1", "pound", ROUND_FLOOR, "-3"),
        ("87587499", "million", ROUND_HALF_UP, "88000000"),
        ("87587499", "thousand", ROUND_HALF_UP, "87587000"),
        ("1.03", Decimal("0.05"), ROUND_HALF_UP, "1.05"),
        ("1.025", Decimal("0.05"), ROUND_HALF_UP, "1.05"),
        ("1.024", Decimal("0.05"), ROUND_HALF_UP, "1.00"),
        ("1234", 100, ROUND_HALF_UP, "1200"),
    ],
)
def test_round_examples(
    amount: str, unit: str | Decimal | int, rounding: str, expected: str
) -> None:
    assert Money(amount).round(unit, rounding) == Money(expected)


def test_round_is_exact_beyond_the_working_precision() -> None:
    long = Money("1" * 80 + ".5")
    assert long.round("pound") == Money("1" * 79 + "2")
    assert long.round("pound", ROUND_HALF_EVEN) == Money("1" * 79 + "2")
    assert long.round("pound", ROUND_DOWN) == Money("1" * 80)


def test_round_default_is_half_up_to_the_penny_and_keeps_pence() -> None:
    rounded = Money("1.005").round()
    assert rounded == Money("1.01")
    assert str(rounded) == "£1.01"
    assert rounded.amount.as_tuple().exponent == -2
    assert repr(Money("-0.004").round()) == "Money('0.00', 'GBP')"


@pytest.mark.parametrize("unit", ["pence", "", Decimal(0), Decimal(-1), Decimal("NaN"), True])
def test_round_refuses_bad_units(unit: object) -> None:
    with pytest.raises(MoneyError, match="unit"):
        Money("1").round(unit)  # type: ignore[arg-type]


def test_round_refuses_float_units_and_unknown_modes() -> None:
    with pytest.raises(FloatNotAllowedError):
        Money("1").round(0.01)  # type: ignore[arg-type]
    with pytest.raises(MoneyError, match="ROUND_NEAREST"):
        Money("1").round("penny", "ROUND_NEAREST")


@given(
    money(max_places=6),
    st.sampled_from(["penny", "pound", "thousand", "million"]),
    st.sampled_from(ALL_MODES),
)
def test_round_matches_decimal_quantize(m: Money, unit: str, rounding: str) -> None:
    quantum = {
        "penny": Decimal("0.01"),
        "pound": Decimal(1),
        "thousand": Decimal(1000),
        "million": Decimal(10**6),
    }[unit]
    scaled = WIDE.divide(m.amount, quantum).quantize(Decimal(1), rounding=rounding, context=WIDE)
    rounded = m.round(unit, rounding)
    assert rounded.amount == WIDE.multiply(scaled, quantum)


@given(
    money(max_places=6),
    st.builds(lambda n, e: Decimal(f"{n}E{e}"), st.integers(1, 999), st.integers(-4, 4)),
    st.sampled_from(ALL_MODES),
)
def test_round_gives_a_multiple_within_a_unit(m: Money, quantum: Decimal, rounding: str) -> None:
    rounded = m.round(quantum, rounding)
    error = abs(Fraction(rounded.amount) - Fraction(m.amount))
    assert (Fraction(rounded.amount) / Fraction(quantum)).denominator == 1
    assert error < Fraction(quantum)
    if rounding in HALF_MODES:
        assert error <= Fraction(quantum) / 2


# -- display ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("money_", "expected"),
    [
        (Money("87587000"), "£87,587,000.00"),
        (Money("-944"), "-£944.00"),
        (Money("1.005"), "£1.005"),
        (Money("0.5"), "£0.50"),
        (Money("-0"), "£0.00"),
        (Money(Decimal("1E+6")), "£1,000,000.00"),
        (Money("12.5", "EUR"), "€12.50"),
        (Money("12.5", "USD"), "USD 12.50"),
        (Money("-12.5", "CHF"), "-CHF 12.50"),
        (Money("1234", "JPY"), "JPY 1,234"),
        (Money("1.5", "KWD"), "KWD 1.500"),
    ],
)
def test_str_shows_every_digit(money_: Money, expected: str) -> None:
    assert str(money_) == expected
    assert format(money_, "") == expected
    assert f"{money_}" == expected


@pytest.mark.parametrize(
    ("amount", "kwargs", "expected"),
    [
        ("87587000", {"scale": "millions"}, "£87.6m"),
        ("87587000", {"scale": "thousands"}, "£87,587k"),
        ("87587000", {"scale": "units"}, "£87,587,000"),
        ("87587000", {}, "£87.6m"),
        ("12800000000", {}, "£12.8bn"),
        ("12800000000", {"scale": "billions"}, "£12.8bn"),
        ("500000", {}, "£500k"),
        ("500000", {"scale": "units"}, "£500,000"),
        ("-944000", {"scale": "thousands"}, "-£944k"),
        ("-944000", {"scale": "thousands", "accounting": True}, "(£944k)"),
        ("944000", {"scale": "thousands", "accounting": True}, "£944k"),
        ("1949000", {"scale": "millions", "places": 3}, "£1.949m"),
        ("1949000", {"scale": "millions", "places": 0}, "£2m"),
        ("999999", {}, "£1.0m"),
        ("999499", {}, "£999k"),
        ("944.5", {}, "£944.50"),
        ("0", {}, "£0.00"),
        ("-0.4", {"scale": "units"}, "£0"),
        ("12.5", {"scale": "units"}, "£13"),
        ("12.5", {"scale": "units", "rounding": ROUND_HALF_EVEN}, "£12"),
        ("-87587000", {"accounting": True}, "(£87.6m)"),
    ],
)
def test_format_examples(amount: str, kwargs: dict[str, object], expected: str) -> None:
    assert Money(amount).format(**kwargs) == expected  # type: ignore[arg-type]


def test_format_other_currencies() -> None:
    assert Money("87587000", "EUR").format("millions") == "€87.6m"
    assert Money("-87587000", "USD").format("millions") == "-USD 87.6m"
    assert Money("-87587000", "USD").format("millions", accounting=True) == "(USD 87.6m)"


@pytest.mark.parametrize(
    ("amount", "spec", "expected"),
    [
        ("87587000", ".1m", "£87.6m"),
        ("87587000", "m", "£87.6m"),
        ("87587000", ".3m", "£87.587m"),
        ("87587000", "k", "£87,587k"),
        ("12800000000", "bn", "£12.8bn"),
        ("87587000", "u", "£87,587,000"),
        ("87587000", ".2u", "£87,587,000.00"),
        ("87587000", "a", "£87.6m"),
        ("87587000", ".2a", "£87.59m"),
        ("-944000", "(k", "(£944k)"),
        ("-944000", "k", "-£944k"),
        ("-944", "(", "(£944.00)"),
        ("-944", ".0", "-£944"),
        ("-944000", "(.1a", "(£944.0k)"),
    ],
)
def test_format_spec(amount: str, spec: str, expected: str) -> None:
    assert format(Money(amount), spec) == expected


@pytest.mark.parametrize(
    "spec", ["x", "1x", ".m", "((", "m(", "%", ".1%", "10000f", ".1mm", "K", ".-1m"]
)
def test_invalid_format_spec(spec: str) -> None:
    with pytest.raises(ParseError, match="invalid format spec") as info:
        format(Money("1"), spec)
    assert repr(spec) in str(info.value)


@pytest.mark.parametrize(
    "kwargs",
    [{"scale": "lakhs"}, {"places": -1}, {"places": True}, {"places": "1"}, {"rounding": "up"}],
)
def test_format_refuses_bad_arguments(kwargs: dict[str, object]) -> None:
    with pytest.raises(MoneyError):
        Money("1").format(**kwargs)  # type: ignore[arg-type]


# -- parsing ----------------------------------------------------------------------

# Every money form written in ../shared/seeds/, with its value worked out by hand.
SEED_FORMS = [
    ("£1.949m", "1949000"),
    ("£0.215m", "215000"),
    ("£0.815m", "815000"),
    ("£0.6m", "600000"),
    ("£11.750m", "11750000"),
    ("£41.423m", "41423000"),
    ("£8m", "8000000"),
    ("£500,000", "500000"),
    ("£480,000", "480000"),
    ("£500k", "500000"),
    ("£95k", "95000"),
    ("£139k", "139000"),
    ("£12.8bn", "12800000000"),
    ("£1.8bn", "1800000000"),
    ("£2bn", "2000000000"),
    ("£6bn", "6000000000"),
    ("£1bn", "1000000000"),
    ("£500m", "500000000"),
    ("£38 million", "38000000"),
    ("£2.5 million", "2500000"),
    ("£414 million", "414000000"),
    ("£25", "25"),
]
OTHER_FORMS = [
    ("£87,587,000.00", "87587000.00"),
    ("(£944k)", "-944000"),
    ("-£944k", "-944000"),
    ("£-944k", "-944000"),
    ("\u2212£944k", "-944000"),
    ("£1.005", "1.005"),
    ("500000", "500000"),
    ("-12.50", "-12.50"),
    ("  £5  ", "5"),
    ("£38 billion", "38000000000"),
    ("£5 thousand", "5000"),
    ("£5 Million", "5000000"),
    ("£500K", "500000"),
    ("£1,949.5k", "1949500"),
    ("+£5", "5"),
    ("GBP 5.00", "5.00"),
    ("£0", "0"),
]


@pytest.mark.parametrize(("text", "amount"), SEED_FORMS + OTHER_FORMS)
def test_parse_reads_money_forms_exactly(text: str, amount: str) -> None:
    parsed = Money.parse(text)
    assert parsed == Money(amount)
    assert parsed.currency == "GBP"


def test_parse_keeps_written_places_and_makes_scaled_amounts_whole() -> None:
    assert repr(Money.parse("£87,587,000.00")) == "Money('87587000.00', 'GBP')"
    assert repr(Money.parse("£1.949m")) == "Money('1949000', 'GBP')"
    assert repr(Money.parse("£1.2345k")) == "Money('1234.5', 'GBP')"


def test_parse_currencies() -> None:
    assert Money.parse("€12.50") == Money("12.50", "EUR")
    assert Money.parse("EUR 12.50") == Money("12.50", "EUR")
    assert Money.parse("12.50", "EUR") == Money("12.50", "EUR")
    assert Money.parse("€12.50", "EUR") == Money("12.50", "EUR")
    with pytest.raises(ParseError, match="EUR"):
        Money.parse("€12.50", "GBP")
    with pytest.raises(ParseError, match="ambiguous"):
        Money.parse("$12.50")
    with pytest.raises(MoneyError, match="ISO 4217"):
        Money.parse("12.50", "eur")


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("£1.2.3m", "more than one decimal point"),
        ("£", "no number"),
        ("(£)", "no number"),
        ("1e6", "scientific notation"),
        ("£1E6", "scientific notation"),
        ("£12mm", "ambiguous"),
        ("£5M", "ambiguous"),
        ("£5,00", "grouping"),
        ("£1,0000", "grouping"),
        ("£0,500", "grouping"),
        ("£--5", "more than one sign"),
        ("-£-5", "more than one sign"),
        ("(-£944k)", "more than one sign"),
        ("(£944k", "unbalanced"),
        ("£944k)", "unbalanced"),
        ("", "empty"),
        ("   ", "empty"),
        ("c.£500m", "approximation"),
        ("~£500m", "approximation"),
        ("£.5m", "expected"),
        ("£1.", "expected"),
        ("five pounds", "expected"),
        ("£5 000", "expected"),
        ("£'000", "expected"),
    ],
)
def test_parse_refuses_malformed_text(text: str, why: str) -> None:
    with pytest.raises(ParseError, match=why) as info:
        Money.parse(text)
    message = str(info.value)
    assert repr(text) in message
    rest = message.replace(repr(text), "", 1)
    assert any(hint in rest for hint in ("e.g.", "such as", "write"))


@pytest.mark.parametrize(
    "text",
    [
        "£75m/year",
        "£90m/year",
        "£26m/year",
        "£250,000/year",
        "£25 per capita",
        "£95k per year",
        "£90m p.a.",
        "£500m pa",
        "£12.8bn every year",
        "£1bn per year",
        "£2.5 million per year",
    ],
)
def test_parse_points_rates_to_parse_rate(text: str) -> None:
    with pytest.raises(ParseError, match=r"wecb\.units\.parse_rate"):
        Money.parse(text)


@pytest.mark.parametrize("value", [5, Decimal(5), None, b"5", Money("5")])
def test_parse_needs_text(value: object) -> None:
    with pytest.raises(WecbError, match="needs text"):
        Money.parse(value)  # type: ignore[arg-type]


def test_parse_refuses_floats() -> None:
    with pytest.raises(FloatNotAllowedError):
        Money.parse(5.0)  # type: ignore[arg-type]


@given(money(), currencies())
def test_parse_str_round_trips(m: Money, currency: str) -> None:
    m = Money(m.amount, currency)
    assert Money.parse(str(m)) == m
    assert Money.parse(format(m, "(")) == m


@given(money(), currencies(), st.sampled_from(sorted(SCALES)), st.booleans())
def test_parse_scaled_format_at_full_precision_round_trips(
    m: Money, currency: str, scale: str, accounting: bool
) -> None:
    m = Money(m.amount, currency)
    places = full_places(m, SCALES[scale])
    shown = m.format(scale, places=places, accounting=accounting)
    assert Money.parse(shown) == m
    code = {"units": "u", "thousands": "k", "millions": "m", "billions": "bn"}[scale]
    spec = ("(" if accounting else "") + f".{places}{code}"
    assert Money.parse(format(m, spec)) == m


@given(money(), st.sampled_from(sorted(SCALES)), st.integers(0, 3))
def test_scaled_format_is_the_rounded_amount(m: Money, scale: str, places: int) -> None:
    shown = Money.parse(m.format(scale, places=places))
    quantum = Decimal(f"1E{SCALES[scale] - places}")
    assert shown == m.round(quantum)


# -- tables in £'000 --------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("87,587", "87587000"),
        ("-87,587", "-87587000"),
        ("(944)", "-944000"),
        ("-5,639", "-5639000"),
        ("0", "0"),
        ("21,012", "21012000"),
        (" 716 ", "716000"),
        ("1.5", "1500"),
        ("0.0005", "0.5"),
        (87587, "87587000"),
        (Decimal("-944"), "-944000"),
        (Decimal("1.2345"), "1234.5"),
    ],
)
def test_from_thousands(value: str | int | Decimal, expected: str) -> None:
    assert Money.from_thousands(value) == Money(expected)


def test_from_thousands_gives_whole_pounds_without_exponent_noise() -> None:
    assert repr(Money.from_thousands("87,587")) == "Money('87587000', 'GBP')"
    assert Money.from_thousands("87,587", "EUR") == Money("87587000", "EUR")


@pytest.mark.parametrize("text", ["-", "", "£87,587", "87k", "(-944)", "8,75", "1e3", "(944"])
def test_from_thousands_refuses_other_text(text: str) -> None:
    with pytest.raises(ParseError, match="£'000") as info:
        Money.from_thousands(text)
    assert repr(text) in str(info.value)


def test_from_thousands_refuses_floats_bools_and_nan() -> None:
    with pytest.raises(FloatNotAllowedError):
        Money.from_thousands(87.587)  # type: ignore[arg-type]
    with pytest.raises(WecbTypeError):
        Money.from_thousands(True)
    with pytest.raises(MoneyError):
        Money.from_thousands(Decimal("NaN"))


@given(st.integers(-(10**12), 10**12), st.integers(0, 3))
def test_from_thousands_is_exact(n: int, places: int) -> None:
    value = Decimal(f"{n}E-{places}")
    grouped = format(abs(value), ",f")
    text = f"({grouped})" if value < 0 else grouped
    expected = Money(value) * 1000
    assert Money.from_thousands(text) == expected
    assert Money.from_thousands(value) == expected
    assert expected.amount_in_thousands() == value


# -- minor units ------------------------------------------------------------------


def test_minor_units() -> None:
    assert Money("12.34").to_minor_units() == 1234
    assert Money("-12.3").to_minor_units() == -1230
    assert Money(Decimal("1E+3")).to_minor_units() == 100000
    assert Money("12", "JPY").to_minor_units() == 12
    assert Money.from_minor_units(1234) == Money("12.34")
    assert repr(Money.from_minor_units(-5)) == "Money('-0.05', 'GBP')"
    assert Money.from_minor_units(1234, "KWD") == Money("1.234", "KWD")
    with pytest.raises(MoneyError, match="round it first"):
        Money("1.005").to_minor_units()
    with pytest.raises(FloatNotAllowedError):
        Money.from_minor_units(12.0)  # type: ignore[arg-type]
    with pytest.raises(WecbTypeError):
        Money.from_minor_units(True)
    with pytest.raises(WecbTypeError):
        Money.from_minor_units("12")  # type: ignore[arg-type]


@given(st.integers(-(10**15), 10**15), currencies())
def test_minor_units_round_trip(units: int, currency: str) -> None:
    m = Money.from_minor_units(units, currency)
    assert m.to_minor_units() == units
    assert Money.from_minor_units(m.to_minor_units(), currency) == m


# -- allocation -------------------------------------------------------------------


def test_allocate_examples() -> None:
    assert Money("100").allocate([1, 1, 1]) == [Money("33.34"), Money("33.33"), Money("33.33")]
    assert Money("0.05").allocate([1, 1]) == [Money("0.03"), Money("0.02")]
    assert Money("-0.05").allocate([1, 1]) == [Money("-0.03"), Money("-0.02")]
    assert Money("10").allocate([Fraction(2, 3), Decimal("0.25"), 0]) == [
        Money("7.27"),
        Money("2.73"),
        Money("0.00"),
    ]
    assert Money("1000").allocate([1, 1, 1], unit="pound") == [
        Money("334"),
        Money("333"),
        Money("333"),
    ]
    assert Money("1000000").allocate([1, 2], unit="thousand") == [
        Money("333000"),
        Money("667000"),
    ]
    assert Money("100", "JPY").allocate([1, 2]) == [Money("33", "JPY"), Money("67", "JPY")]


def test_allocate_parts_keep_the_unit_places() -> None:
    parts = Money("100").allocate([1, 1, 1])
    assert [p.amount.as_tuple().exponent for p in parts] == [-2, -2, -2]


def test_allocate_tie_break_prefers_earlier_weights() -> None:
    # 0.02 over three equal weights: two parts get a penny, the first two.
    assert Money("0.02").allocate([1, 1, 1]) == [Money("0.01"), Money("0.01"), Money("0")]
    # 0.01 over 2:1:2 is 0.004, 0.002, 0.004: the two 0.004 tie and the first wins.
    assert Money("0.01").allocate([2, 1, 2]) == [Money("0.01"), Money("0"), Money("0")]
    assert Money("0.01").allocate([1, 2, 2]) == [Money("0"), Money("0.01"), Money("0")]


def test_allocate_named_keeps_order() -> None:
    shares = {"Police": 1, "ECC": 2, "NHS": Decimal("1")}
    result = Money("10").allocate_named(shares)
    assert list(result) == ["Police", "ECC", "NHS"]
    assert result == {"Police": Money("2.50"), "ECC": Money("5.00"), "NHS": Money("2.50")}


@pytest.mark.parametrize(
    ("weights_", "match"),
    [
        ([], "no weights"),
        ([0, 0], "every weight is zero"),
        ([1, -1], "weight #1: -1 is not accepted; expected a number from 0"),
        ([Decimal("NaN")], "finite"),
        (["1", "x"], "weight #1: 'x' is not accepted"),
    ],
)
def test_allocate_refuses_bad_weights(weights_: list[object], match: str) -> None:
    with pytest.raises(AllocationError, match=match):
        Money("1").allocate(weights_)  # type: ignore[arg-type]


@pytest.mark.parametrize("weight", [True, None, [1]])
def test_allocate_refuses_a_weight_of_the_wrong_type(weight: object) -> None:
    # A wrong type is a WecbTypeError wherever it happens (the error class follows the mistake).
    with pytest.raises(WecbTypeError, match="weight #1"):
        Money("1").allocate([1, weight])  # type: ignore[list-item]


def test_allocate_takes_weights_as_exact_text() -> None:
    assert Money("1").allocate(["1", "1/3", "2%"]) == Money("1").allocate(
        [1, Fraction(1, 3), Decimal("0.02")]
    )


def test_allocate_named_names_the_bad_weight() -> None:
    with pytest.raises(AllocationError, match="'Police'"):
        Money("1").allocate_named({"ECC": 1, "Police": -1})


def test_allocate_refuses_amounts_off_the_unit() -> None:
    with pytest.raises(AllocationError, match="round it first") as info:
        Money("1.005").allocate([1, 1])
    assert "1.005" in str(info.value)
    assert "0.01" in str(info.value)
    with pytest.raises(AllocationError, match="whole multiple"):
        Money("1500").allocate([1], unit="thousand")
    with pytest.raises(MoneyError, match="unit"):
        Money("1").allocate([1], unit=Decimal(0))


def test_allocate_refuses_float_weights_and_units() -> None:
    with pytest.raises(FloatNotAllowedError):
        Money("1").allocate([0.5, 0.5])  # type: ignore[list-item]
    with pytest.raises(FloatNotAllowedError):
        Money("1").allocate_named({"a": 0.5})  # type: ignore[dict-item]
    with pytest.raises(FloatNotAllowedError):
        Money("1").allocate([1], unit=0.01)  # type: ignore[arg-type]


@given(money(max_places=2), weights())
def test_allocation_sums_to_the_whole_within_one_unit(m: Money, ws: list[Weight]) -> None:
    parts = m.allocate(ws)
    assert len(parts) == len(ws)
    assert sum(parts, Money.zero()) == m
    total = sum(Fraction(w) for w in ws)
    unit = Fraction(1, 100)
    for part, w in zip(parts, ws, strict=True):
        share = Fraction(m.amount) * Fraction(w) / total
        assert abs(Fraction(part.amount) - share) < unit
        assert (Fraction(part.amount) / unit).denominator == 1
        if w == 0:
            assert part.is_zero()


@given(money(max_places=2), weights(), st.integers(1, 1000))
def test_allocation_is_deterministic_and_scale_free(m: Money, ws: list[Weight], k: int) -> None:
    parts = m.allocate(ws)
    assert m.allocate(list(ws)) == parts
    assert m.allocate([Fraction(w) * k for w in ws]) == parts
    assert (-m).allocate(ws) == [-p for p in parts]
    named = m.allocate_named({f"p{i}": w for i, w in enumerate(ws)})
    assert list(named.values()) == parts


@given(st.integers(-(10**9), 10**9), weights(), st.sampled_from(["pound", "thousand"]))
def test_allocation_in_coarser_units(n: int, ws: list[Weight], unit: str) -> None:
    step = {"pound": 1, "thousand": 1000}[unit]
    m = Money(n * step)
    parts = m.allocate(ws, unit=unit)
    assert sum(parts, Money.zero()) == m
    assert all(p.amount % step == 0 for p in parts)


# -- floats, everywhere -----------------------------------------------------------

FLOATS = st.floats(allow_nan=True, allow_infinity=True)


@given(FLOATS)
def test_floats_are_refused_everywhere(x: float) -> None:
    m = Money("10")
    operations = [
        lambda: Money(x),  # type: ignore[arg-type]
        lambda: m + x,  # type: ignore[operator]
        lambda: x + m,  # type: ignore[operator]
        lambda: m - x,  # type: ignore[operator]
        lambda: x - m,  # type: ignore[operator]
        lambda: m * x,  # type: ignore[operator]
        lambda: x * m,  # type: ignore[operator]
        lambda: m / x,  # type: ignore[operator]
        lambda: x / m,  # type: ignore[operator]
        lambda: m.allocate([x, 1]),  # type: ignore[list-item]
        lambda: m.allocate_named({"a": x}),  # type: ignore[dict-item]
        lambda: Money.from_thousands(x),  # type: ignore[arg-type]
        lambda: Money.from_minor_units(x),  # type: ignore[arg-type]
        lambda: Money.parse(x),  # type: ignore[arg-type]
        lambda: m.round(x),  # type: ignore[arg-type]
    ]
    for operation in operations:
        with pytest.raises(FloatNotAllowedError, match="floats cannot hold money exactly"):
            operation()
