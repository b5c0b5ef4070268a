"""Tests for wecb.units: the pint registry, exact Decimal quantities and the Money bridge."""

from __future__ import annotations

import copy
import pickle
import re
import subprocess
import sys
from collections.abc import Callable
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strategies import (
    cohort_names,
    time_unit_names,
    unit_counts,
    unit_durations,
    unit_magnitudes,
    unit_quantities,
)
from wecb.core.money import Money
from wecb.errors import FloatNotAllowedError, ParseError, UnitError, WecbError, WecbTypeError
from wecb.units import (
    COHORTS,
    TIME_UNITS,
    convert,
    count,
    duration,
    from_money,
    is_quantity,
    parse_rate,
    quantity,
    quantity_from_text,
    quantity_to_text,
    rate,
    registry,
    to_money,
)


def run_python(code: str) -> str:
    """Run ``code`` in a fresh interpreter (nothing imported, no registry) and return stdout."""
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout


def same_decimal(a: Decimal, b: Decimal) -> bool:
    """Equal digit for digit (value and exponent), not just numerically."""
    return type(a) is Decimal and a.as_tuple() == b.as_tuple()


# -- the registry --------------------------------------------------------------------------


def test_registry_is_one_object_with_decimal_numbers() -> None:
    reg = registry()
    assert registry() is reg
    assert reg.non_int_type is Decimal
    assert type(reg.parse_expression("1.5 GBP").magnitude) is Decimal


def test_registry_holds_only_wecb_definitions() -> None:
    for foreign in ("meter", "second", "kGBP", "percent", "dollar"):
        with pytest.raises(ParseError, match="unknown unit"):
            quantity(1, foreign)


def test_importing_wecb_does_not_import_pint_or_units() -> None:
    out = run_python(
        "import sys, wecb; a = 'pint' in sys.modules, 'wecb.units' in sys.modules\n"
        "import wecb.units; b = 'pint' in sys.modules\n"
        "wecb.units.registry(); c = 'pint' in sys.modules\n"
        "print(*a, b, c)"
    )
    assert out.split() == ["False", "False", "False", "True"]


def test_registry_is_built_once_under_concurrent_first_calls() -> None:
    out = run_python(
        "import threading, wecb.units as u\n"
        "seen = []\n"
        "go = lambda: seen.append(u.registry())\n"
        "threads = [threading.Thread(target=go) for _ in range(8)]\n"
        "[t.start() for t in threads]; [t.join() for t in threads]\n"
        "print(len(seen), len({id(r) for r in seen}))"
    )
    assert out.split() == ["8", "1"]


def test_pint_definitions_agree_with_the_exact_scales() -> None:
    # pint keeps its own (rounded Decimal) factors; they must match wecb's exact table.
    reg = registry()
    for name, (scale, _aliases) in TIME_UNITS.items():
        factor, base = reg.get_base_units(name)
        assert str(base) == "year"
        assert abs(Fraction(str(factor)) - scale) < Fraction(1, 10**20)


# -- dimensions and conventions ------------------------------------------------------------


def test_time_conventions_are_exact() -> None:
    assert duration(12, "month") == duration(1, "year")
    assert convert(duration(1, "year"), "day").magnitude == 365
    assert convert(duration(1, "week"), "day").magnitude == 7
    assert convert(duration(1, "year"), "month").magnitude == 12
    assert duration(52, "week") < duration(1, "year")  # a year is 52 1/7 weeks
    assert hash(duration(12, "month")) == hash(duration(1, "year"))


def test_1200_a_year_is_exactly_100_a_month() -> None:
    monthly = quantity(1200, "GBP/year").to("GBP/month")
    assert same_decimal(monthly.magnitude, Decimal("100"))
    assert same_decimal(convert(quantity(1200, "GBP/year"), "GBP/month").magnitude, Decimal(100))


def test_conversion_rounds_only_beyond_the_working_precision() -> None:
    monthly = convert(quantity(7, "GBP/year"), "GBP/month").magnitude
    assert abs(Fraction(monthly) - Fraction(7, 12)) < Fraction(1, 10**58)


@pytest.mark.parametrize(
    ("alias", "canonical"),
    [
        ("capita", "person"),
        ("head", "person"),
        ("heads", "person"),
        ("people", "person"),
        ("persons", "person"),
        ("families", "family"),
        ("households", "household"),
        ("offenders", "offender"),
        ("victims", "victim"),
        ("young_people", "young_person"),
        ("apprenticeships", "apprenticeship"),
        ("teams", "team"),
        ("yr", "year"),
        ("annum", "year"),
        ("months", "month"),
        ("wk", "week"),
        ("days", "day"),
        ("pound_sterling", "GBP"),
    ],
)
def test_aliases_and_plurals(alias: str, canonical: str) -> None:
    assert str(quantity(1, alias).units) == canonical


def test_every_cohort_is_its_own_dimension() -> None:
    for a in COHORTS:
        for b in COHORTS:
            if a == b:
                assert count(1, a) + count(2, b) == count(3, a)
            else:
                with pytest.raises(UnitError, match="different dimensions"):
                    count(1, a) + count(1, b)


def test_families_cannot_be_added_to_people() -> None:
    with pytest.raises(UnitError, match=r"\[family\] and \[person\]") as info:
        count(500, "family") + count(1_400_000, "person")
    assert isinstance(info.value, WecbError)
    with pytest.raises(UnitError):
        count(500, "family") - count(1, "person")
    with pytest.raises(UnitError, match="compare"):
        _ = count(500, "family") < count(1, "person")
    with pytest.raises(UnitError, match="convert"):
        count(500, "family").to("person")
    assert count(500, "family") != count(500, "person")


def test_money_cannot_be_added_to_a_rate() -> None:
    with pytest.raises(UnitError, match="different dimensions"):
        quantity(1, "GBP") + quantity(1, "GBP/year")


def test_sum_of_quantities_works() -> None:
    assert sum([count(1, "family"), count(2, "families")]) == count(3, "family")


def test_mixed_units_of_one_dimension_add_exactly() -> None:
    total = duration(1, "year") + duration(6, "month")
    assert str(total.units) == "year"
    assert same_decimal(total.magnitude, Decimal("1.5"))


# -- the pound sign ------------------------------------------------------------------------


@pytest.mark.parametrize("unit", ["£", "£/year", "GBP / £"])
def test_pound_sign_in_unit_text_is_refused_not_read_as_a_number(unit: str) -> None:
    # pint would read "1 £" as dimensionless (pint issue 1814).
    with pytest.raises(ParseError, match="write GBP"):
        quantity(1, unit)


def test_pound_sign_in_a_pint_expression_is_refused() -> None:
    with pytest.raises(ParseError, match="write GBP"):
        registry().Quantity("1 £")
    with pytest.raises(ParseError, match="write GBP"):
        quantity(1, "GBP").to("£")


@pytest.mark.parametrize("unit", ["GBP€", "GBP $", "GBP.", "€", "GBP, year"])
def test_characters_pint_would_drop_are_refused(unit: str) -> None:
    with pytest.raises(ParseError, match="cannot read"):
        quantity(1, unit)


def test_long_unit_text_is_refused_by_the_character_check() -> None:
    # A quadratic check would make this input stall the suite; speed itself is not timed here.
    with pytest.raises(ParseError):
        quantity(1, "a" * 50_000 + "€")


@pytest.mark.parametrize("unit", ["", "  ", "12 GBP", "GBP /", "(GBP"])
def test_malformed_unit_text(unit: Any) -> None:
    with pytest.raises(ParseError):
        quantity(1, unit)


def test_unit_text_must_be_text() -> None:
    with pytest.raises(WecbTypeError, match="unit text: 12 is not accepted"):
        quantity(1, 12)  # type: ignore[arg-type]


# -- magnitudes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [(3, Decimal(3)), (Decimal("2.50"), Decimal("2.50")), ("1.2345", Decimal("1.2345"))],
)
def test_magnitudes_are_always_decimal(value: Any, expected: Decimal) -> None:
    q = quantity(value, "GBP")
    assert same_decimal(q.magnitude, expected)


def test_text_magnitudes_are_numbers_not_strings() -> None:
    # pint issue 2068: a str magnitude used to be kept, so that "1.2345" * 2 gave "1.23451.2345".
    doubled = quantity("1.2345", "GBP") * 2
    assert same_decimal(doubled.magnitude, Decimal("2.4690"))
    assert same_decimal(registry().Quantity("1.2345", "GBP").magnitude, Decimal("1.2345"))


def test_int_magnitudes_from_pint_become_decimal() -> None:
    three = registry().GBP * 3
    assert same_decimal(three.magnitude, Decimal(3))
    assert same_decimal((three / 2).magnitude, Decimal("1.5"))
    assert type((3 / registry().year).magnitude) is Decimal


@pytest.mark.parametrize("value", [0.5, float("nan"), float("inf")])
def test_float_magnitudes_are_refused(value: float) -> None:
    with pytest.raises(FloatNotAllowedError, match="Decimal"):
        quantity(value, "GBP")  # type: ignore[arg-type]
    with pytest.raises(FloatNotAllowedError):
        registry().Quantity(value, "GBP")
    assert issubclass(FloatNotAllowedError, TypeError)


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("sNaN"), Decimal("Infinity")])
def test_non_finite_decimals_are_refused(value: Decimal) -> None:
    with pytest.raises(UnitError, match="finite"):
        quantity(value, "GBP")


@pytest.mark.parametrize("value", ["NaN", "inf", "1,000", "£5", "", "1/2"])
def test_magnitude_text_must_be_a_plain_number(value: str) -> None:
    with pytest.raises(ParseError, match="plain number"):
        quantity(value, "GBP")


@pytest.mark.parametrize("value", [True, None, Fraction(1, 2), [1], 1j])
def test_other_magnitude_types_are_refused(value: Any) -> None:
    with pytest.raises(WecbTypeError, match="magnitude"):
        quantity(value, "GBP")


@pytest.mark.parametrize(
    "operation",
    [
        lambda q: q * 1.1,
        lambda q: 1.1 * q,
        lambda q: q / 0.5,
        lambda q: 2.0 / q,
        lambda q: q + 0.0,
        lambda q: q - 0.0,
        lambda q: q**0.5,
        lambda q: q // 1.0,
        lambda q: 0.5 * registry().GBP,
        lambda q: registry().GBP * 0.5,
    ],
)
def test_floats_are_refused_as_operands_later(operation: Any) -> None:
    with pytest.raises(FloatNotAllowedError, match="float"):
        operation(quantity(10, "GBP"))


def test_in_place_operators_give_new_quantities() -> None:
    q: Any = quantity(10, "GBP")
    original = q
    q += quantity(1, "GBP")
    q *= 2
    assert original == quantity(10, "GBP")
    assert q == quantity(22, "GBP")
    with pytest.raises(FloatNotAllowedError):
        q *= 1.5


@pytest.mark.parametrize(
    "method", ["ito", "ito_base_units", "ito_root_units", "ito_reduced_units"]
)
def test_in_place_conversion_is_refused(method: str) -> None:
    q = duration(1, "year")
    with pytest.raises(UnitError, match="in place"):
        getattr(q, method)("month") if method == "ito" else getattr(q, method)()
    assert q == duration(1, "year")
    assert str(q.units) == "year"


def test_other_pint_conversions_still_work() -> None:
    assert duration(24, "month").to_base_units() == duration(2, "year")
    assert same_decimal(duration(24, "month").to_root_units().magnitude, Decimal(2))
    assert str(quantity(1, "GBP * month / year").to_reduced_units().units) == "GBP"
    assert quantity(3, "GBP").to_compact() == quantity(3, "GBP")
    assert same_decimal(duration(18, "month").m_as("year"), Decimal("1.5"))


# -- exact arithmetic ----------------------------------------------------------------------


def test_addition_and_multiplication_never_round() -> None:
    big = quantity(Decimal("1" * 40), "GBP")
    with pytest.raises(UnitError, match="60 significant digits"):
        big * Decimal("1" * 25 + ".1")
    assert same_decimal((big * 2).magnitude, Decimal("2" * 40))


def test_division_rounds_at_the_working_precision_only() -> None:
    third = (quantity(10, "GBP") / 3).magnitude
    assert len(third.as_tuple().digits) == 60
    assert abs(Fraction(third) - Fraction(10, 3)) < Fraction(1, 10**58)
    assert same_decimal((quantity(10, "GBP") / 4).magnitude, Decimal("2.5"))


def test_division_by_zero_is_a_unit_error() -> None:
    with pytest.raises(UnitError, match="DivisionByZero"):
        quantity(10, "GBP") / 0
    with pytest.raises(UnitError, match="zero"):
        quantity(10, "GBP") / Fraction(0)


def test_fractions_multiply_and_divide_exactly() -> None:
    assert same_decimal((quantity(10, "GBP") * Fraction(1, 4)).magnitude, Decimal("2.5"))
    assert same_decimal((Fraction(1, 4) * quantity(10, "GBP")).magnitude, Decimal("2.5"))
    assert same_decimal((quantity(10, "GBP") / Fraction(1, 4)).magnitude, Decimal(40))


def test_results_do_not_depend_on_the_callers_decimal_context() -> None:
    with localcontext() as ctx:
        ctx.prec = 3
        product = parse_rate("£250,000 per family per year") * count(123_457, "family")
        monthly = convert(quantity(1200, "GBP/year"), "GBP/month")
    assert same_decimal(product.magnitude, Decimal(250_000 * 123_457))
    assert same_decimal(monthly.magnitude, Decimal(100))


# -- helpers -------------------------------------------------------------------------------


def test_count_duration_and_rate_helpers() -> None:
    assert str(count(500, "families").units) == "family"
    assert str(duration(6, "months").units) == "month"
    assert str(duration(2).units) == "year"
    q = rate(250_000, "family", "year")
    assert str(q.units) == "GBP / family / year"
    assert rate(Money("25"), "capita") == parse_rate("£25 per capita")


@pytest.mark.parametrize("unit", ["year", "GBP", "family/year", "widget", "family ** 2"])
def test_count_needs_one_cohort(unit: str) -> None:
    with pytest.raises(ParseError, match="not a cohort"):
        count(1, unit)


@pytest.mark.parametrize("unit", ["family", "GBP", "fortnight", "year ** 2"])
def test_duration_needs_one_time_unit(unit: str) -> None:
    with pytest.raises(ParseError, match="not a time unit"):
        duration(1, unit)


def test_rate_checks() -> None:
    with pytest.raises(UnitError, match="at least one"):
        rate(5)
    with pytest.raises(UnitError, match="twice"):
        rate(5, "year", "yr")
    with pytest.raises(UnitError, match="only GBP"):
        rate(Money("5", "EUR"), "year")
    with pytest.raises(ParseError, match="not a cohort or time unit"):
        rate(5, "GBP")
    with pytest.raises(FloatNotAllowedError):
        rate(5.0, "year")  # type: ignore[arg-type]


def test_quantity_and_unit_classes_at_run_time() -> None:
    import wecb.units  # noqa: PLC0415

    runtime: Any = wecb.units
    assert isinstance(count(1, "team"), runtime.Quantity)
    assert runtime.Unit is registry().Unit
    assert quantity(5, registry().family) == count(5, "family")
    with pytest.raises(AttributeError, match="no attribute 'Quantities'"):
        _ = runtime.Quantities


def test_unit_tables_are_read_only() -> None:
    with pytest.raises(TypeError):
        COHORTS["dog"] = ()  # type: ignore[index]
    assert "person" in COHORTS
    assert TIME_UNITS["month"][0] == Fraction(1, 12)


def test_is_quantity() -> None:
    assert is_quantity(count(1, "team"))
    assert not is_quantity(1)
    assert not is_quantity(Money("1"))


def test_quantities_of_another_registry_are_not_wecb_quantities() -> None:
    import pint  # noqa: PLC0415

    other: Any = pint.UnitRegistry(None)
    other.define("GBP = [currency]")
    foreign = other.Quantity(1, "GBP")
    assert not is_quantity(foreign)
    with pytest.raises(WecbTypeError, match="wecb's registry"):
        to_money(foreign)


# -- parse_rate ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "magnitude", "units"),
    [
        ("£75m/year", 75_000_000, "GBP / year"),
        ("£90m/year", 90_000_000, "GBP / year"),
        ("£250,000/year", 250_000, "GBP / year"),
        ("£25 per capita", 25, "GBP / person"),
        ("£250,000 per family per year", 250_000, "GBP / family / year"),
        ("£500m p.a.", 500_000_000, "GBP / year"),
        ("£95k per year", 95_000, "GBP / year"),
        ("£139k per family", 139_000, "GBP / family"),
        ("£95k/yr", 95_000, "GBP / year"),
        ("£75m/yr", 75_000_000, "GBP / year"),
        ("£90m a year", 90_000_000, "GBP / year"),
        ("£1bn per year", 1_000_000_000, "GBP / year"),
        ("£5 per annum", 5, "GBP / year"),
        ("£5 pa", 5, "GBP / year"),
        ("£5 per head", 5, "GBP / person"),
        ("£5 per young person", 5, "GBP / young_person"),
        ("£5 / Family / Week", 5, "GBP / family / week"),
        ("£250,000/family/year", 250_000, "GBP / family / year"),
        ("-£944k/year", -944_000, "GBP / year"),
        ("(£944k) per year", -944_000, "GBP / year"),
        ("  £1.949m per month  ", 1_949_000, "GBP / month"),
    ],
)
def test_parse_rate_reads_the_seed_forms(text: str, magnitude: int, units: str) -> None:
    q = parse_rate(text)
    assert type(q.magnitude) is Decimal
    assert q.magnitude == magnitude
    assert str(q.units) == units


@pytest.mark.parametrize("text", ["£75m", "£250,000", "(£944k)"])
def test_a_bare_amount_is_not_a_rate(text: str) -> None:
    with pytest.raises(ParseError, match=re.escape("use Money.parse for an amount")):
        parse_rate(text)


def test_unknown_cohort_is_named_with_the_known_ones() -> None:
    with pytest.raises(ParseError, match="'widget'") as info:
        parse_rate("£5 per widget")
    for known in ("person", "capita", "family", "young_person", "apprenticeship", "year"):
        assert known in str(info.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("£5 per year per year", "twice"),
        ("per year", "expected an amount"),
        ("£1bn per year on acute care", "expected an amount"),
        ("£1.2.3m/year", "amount of the rate"),
        ("EUR 5/year", "EUR"),
        ("£5/GBP", "unknown unit 'GBP'"),
        ("£5 per " + "x" * 300, "at most"),
    ],
)
def test_parse_rate_errors(text: str, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        parse_rate(text)


def test_parse_rate_needs_text() -> None:
    with pytest.raises(WecbTypeError):
        parse_rate(75)  # type: ignore[arg-type]


# -- the Money bridge ----------------------------------------------------------------------


def test_unit_cost_times_families_times_a_year_is_exact_money() -> None:
    cost = parse_rate("£250,000 per family per year") * count(500, "family") * duration(1, "year")
    assert type(cost.magnitude) is Decimal
    money = to_money(cost)
    assert money == Money("125000000")
    assert same_decimal(money.amount, Decimal("125000000"))


def test_per_capita_times_population_is_exact_money() -> None:
    assert to_money(parse_rate("£25 per capita") * count(1_400_000, "person")) == Money("35000000")


def test_to_money_converts_time_units_exactly() -> None:
    assert to_money(parse_rate("£1,200/year") * duration(1, "month")) == Money("100")
    assert to_money(parse_rate("£95k per year") * duration(6, "months")) == Money("47500")
    weekly = to_money(parse_rate("£365/year") * duration(1, "week"))
    assert same_decimal(weekly.amount, Decimal(7))


@pytest.mark.parametrize(
    ("value", "advice"),
    [
        (lambda: parse_rate("£75m/year"), "multiply by a duration such as duration(1, 'year')"),
        (lambda: parse_rate("£139k per family"), "multiply by a count such as count(1, 'family')"),
        (
            lambda: parse_rate("£250,000 per family per year"),
            "count such as count(1, 'family') and a duration",
        ),
        (lambda: quantity(1, "GBP * year"), "divide by a duration"),
    ],
)
def test_to_money_explains_what_a_rate_lacks(value: Any, advice: str) -> None:
    with pytest.raises(UnitError, match=advice.replace("(", r"\(").replace(")", r"\)")):
        to_money(value())


@pytest.mark.parametrize(
    "value",
    [lambda: count(3, "family"), lambda: quantity(1, "GBP") / quantity(2, "GBP")],
)
def test_to_money_refuses_quantities_that_are_not_money(value: Any) -> None:
    with pytest.raises(UnitError, match="not money"):
        to_money(value())


@pytest.mark.parametrize("value", [Money("1"), Decimal(1), "1 GBP", None])
def test_to_money_needs_a_quantity(value: Any) -> None:
    with pytest.raises(WecbTypeError, match="quantity"):
        to_money(value)
    with pytest.raises(FloatNotAllowedError):
        to_money(1.0)  # type: ignore[arg-type]


def test_from_money() -> None:
    q = from_money(Money("12.50"))
    assert same_decimal(q.magnitude, Decimal("12.50"))
    assert str(q.units) == "GBP"
    assert to_money(q) == Money("12.50")
    with pytest.raises(UnitError, match="only GBP"):
        from_money(Money("1", "EUR"))
    with pytest.raises(WecbTypeError, match="needs Money"):
        from_money(Decimal(1))  # type: ignore[arg-type]


# -- pickling and text ---------------------------------------------------------------------


def test_quantity_text_examples() -> None:
    q = parse_rate("£250,000 per family per year")
    assert quantity_to_text(q) == "250000 GBP / family / year"
    assert quantity_to_text(quantity("1.50E+3", "GBP")) == "1.50E+3 GBP"
    assert quantity_to_text(quantity(1, "GBP") / quantity(4, "GBP")) == "0.25"
    assert quantity_from_text("0.25") == quantity(1, "GBP") / quantity(4, "GBP")
    assert quantity_from_text("  7 families ") == count(7, "family")


@pytest.mark.parametrize("text", ["", "GBP", "nan GBP", "1 £", "1,000 GBP", "1 GBP€", "£5"])
def test_quantity_from_text_errors(text: str) -> None:
    with pytest.raises(ParseError):
        quantity_from_text(text)


def test_quantity_to_text_needs_a_quantity() -> None:
    with pytest.raises(WecbTypeError):
        quantity_to_text(Money("1"))  # type: ignore[arg-type]
    with pytest.raises(WecbTypeError):
        quantity_from_text(5)  # type: ignore[arg-type]


def test_quantities_and_units_pickle_within_a_process() -> None:
    q = parse_rate("£250,000 per family per year")
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        restored = pickle.loads(pickle.dumps(q, protocol))
        assert is_quantity(restored)
        assert restored == q
        assert same_decimal(restored.magnitude, q.magnitude)
    unit = registry().family
    assert pickle.loads(pickle.dumps(unit)) == unit
    assert copy.deepcopy(q) == q
    assert copy.copy(q) == q


def test_pickles_load_in_a_fresh_process_without_an_application_registry() -> None:
    payload = pickle.dumps(
        {"rate": parse_rate("£250,000 per family per year"), "unit": registry().person}
    )
    out = run_python(
        "import pickle, sys\n"
        f"data = pickle.loads({payload!r})\n"
        "import wecb.units as u\n"
        "print(u.is_quantity(data['rate']), u.quantity_to_text(data['rate']), data['unit'],"
        " data['rate'].magnitude.__class__.__name__)"
    )
    expected = "True 250000 GBP / family / year person Decimal"
    assert out.split() == expected.split()


# -- properties ----------------------------------------------------------------------------


@given(
    unit_magnitudes(12, 4, signed=True),
    unit_magnitudes(7, 0, signed=False),
    unit_magnitudes(3, 2, signed=False),
    cohort_names(),
)
def test_rate_times_count_times_duration_is_exact_money(
    cost: Decimal, families: Decimal, years: Decimal, cohort: str
) -> None:
    q = rate(cost, cohort, "year") * count(families, cohort) * duration(years, "year")
    money = to_money(q)
    assert Fraction(money.amount) == Fraction(cost) * Fraction(families) * Fraction(years)
    assert type(q.magnitude) is Decimal


@given(unit_magnitudes(12, 2), st.integers(0, 10_000), time_unit_names(), time_unit_names())
def test_time_conversions_in_to_money_are_exact(
    cost: Decimal, length: int, rate_unit: str, duration_unit: str
) -> None:
    money = to_money(rate(cost, rate_unit) * duration(length, duration_unit))
    exact = Fraction(cost) * length * TIME_UNITS[duration_unit][0] / TIME_UNITS[rate_unit][0]
    error = abs(Fraction(money.amount) - exact)
    denominator = exact.denominator
    while denominator % 2 == 0:
        denominator //= 2
    while denominator % 5 == 0:
        denominator //= 5
    if denominator == 1:  # a terminating decimal: must be exact
        assert error == 0
    else:  # otherwise rounded once, at the 60th significant digit
        assert error <= abs(exact) / 10**59


def _dimension_kinds() -> st.SearchStrategy[Any]:
    return st.one_of(
        unit_counts(),
        unit_durations(),
        st.builds(quantity, unit_magnitudes(), st.just("GBP")),
        st.builds(rate, unit_magnitudes(), time_unit_names()),
        st.builds(rate, unit_magnitudes(), cohort_names()),
    )


@given(_dimension_kinds(), _dimension_kinds())
def test_sums_of_different_dimensions_raise_unit_error(a: Any, b: Any) -> None:
    if a.dimensionality == b.dimensionality:
        total = a + b
        assert type(total.magnitude) is Decimal
        assert total.dimensionality == a.dimensionality
        if a.units == b.units:  # no conversion, so exact both ways
            assert total - b == a
    else:
        with pytest.raises(UnitError, match="different dimensions"):
            a + b
        with pytest.raises(UnitError, match="different dimensions"):
            a - b


@given(unit_quantities())
def test_quantity_text_round_trips_exactly(q: Any) -> None:
    text = quantity_to_text(q)
    back = quantity_from_text(text)
    assert same_decimal(back.magnitude, q.magnitude)
    assert back.units == q.units
    assert quantity_to_text(back) == text


@given(unit_quantities())
def test_pickle_round_trips_exactly(q: Any) -> None:
    back = pickle.loads(pickle.dumps(q))
    assert is_quantity(back)
    assert same_decimal(back.magnitude, q.magnitude)
    assert back.units == q.units


@given(unit_quantities(), st.floats(allow_nan=False))
def test_floats_never_enter(q: Any, x: float) -> None:
    operations: list[Callable[[], object]] = [
        lambda: q * x,
        lambda: x * q,
        lambda: q / x,
        lambda: q + x,
    ]
    for operation in operations:
        with pytest.raises(FloatNotAllowedError):
            operation()


@given(unit_magnitudes(12, 4), st.sampled_from(["GBP", "GBP / year", "GBP / family"]))
def test_money_bridge_round_trips(amount: Decimal, unit: str) -> None:
    money = Money(amount)
    assert to_money(from_money(money)) == money
    q = quantity(amount, unit)
    assert quantity_from_text(quantity_to_text(q)) == q
