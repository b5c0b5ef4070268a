"""Hostile unit text: every way text reaches pint is read by wecb first (issue 11).

Before, pint read ``Quantity("1 500 GBP")`` as 500 and ``"250 000 GBP / family / year"`` as 0
(it multiplies juxtaposed numbers), ``registry()("5 £")`` as a plain 5, let out its
tokenizer's, evaluator's and formatter's errors, and hung on huge unit powers. Each test
here failed on that code.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from time_limits import within
from wecb import units
from wecb.errors import ParseError, UnitError, WecbError, WecbTypeError
from wecb.units import Quantity, Unit, quantity, quantity_from_text, quantity_to_text, registry

# -- numbers pint would multiply --------------------------------------------------------------

JUXTAPOSED = [
    "1 500 GBP",  # pint: 500
    "250 000 GBP / family / year",  # pint: 0
    "1 001 GBP",  # quantity_from_text: 1 GBP
    "1 1 GBP",
    "1\u00a0500 GBP",  # a no-break space between the groups
    "1\u2009500 GBP",  # a thin space
    "5 10 / year",
]


@pytest.mark.parametrize("text", JUXTAPOSED)
@pytest.mark.parametrize(
    "read",
    [registry, lambda: Quantity, lambda: quantity_from_text, lambda: registry().parse_expression],
    ids=["registry()", "Quantity", "quantity_from_text", "parse_expression"],
)
def test_digit_groups_separated_by_spaces_are_refused(
    text: str, read: Callable[[], Callable[[str], Any]]
) -> None:
    with pytest.raises(ParseError) as info:
        read()(text)
    assert repr(text) in str(info.value)


def test_the_spaces_message_says_what_to_write() -> None:
    with pytest.raises(ParseError, match="digit groups separated by spaces are ambiguous"):
        Quantity("250 000 GBP / family / year")
    with pytest.raises(ParseError, match="write the number without spaces"):
        registry()("1 500 GBP")


@pytest.mark.parametrize("text", ["1,500 GBP", "1_500 GBP", ".5 GBP", "5. GBP", "1.2.3 GBP"])
def test_numbers_outside_the_digit_rules_are_refused(text: str) -> None:
    with pytest.raises(ParseError, match="plain number"):
        Quantity(text)


@pytest.mark.parametrize("unit", ["500 GBP", "GBP 2", "2 GBP / 2", "1 GBP", "GBP * 3"])
def test_numbers_in_unit_text_are_powers_only(unit: str) -> None:
    with pytest.raises(ParseError, match="power"):
        quantity(1, unit)
    with pytest.raises(ParseError):
        Quantity(5, unit)


# -- symbols pint would drop -------------------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda: registry()("5 £"),
        lambda: registry().parse_expression("£5"),
        lambda: Quantity("5 £"),
        lambda: registry()["5 £"],
        lambda: Unit("£"),
        lambda: registry().parse_units("GBP / £"),
        lambda: registry().get_dimensionality("£"),
    ],
)
def test_the_pound_sign_is_refused_everywhere(call: Callable[[], object]) -> None:
    with pytest.raises(ParseError, match="write GBP"):
        call()


# -- what pint let out --------------------------------------------------------------------------

#: Inputs that fuzzing found raising pint's, Python's tokenizer's or assertion errors (or
#: hanging) from each text entry.
FOUND: list[tuple[str, Callable[[str], object], str]] = [
    ("Quantity(text)", Quantity, "inf^9999991_0001 /"),
    ("Quantity(text)", Quantity, ") teams   million E \u2009 \u2009"),
    ("Quantity(text)", Quantity, "^999999 EUR years annum"),
    ("Quantity(text)", Quantity, "1" * 70 + "e99999999"),
    ("Quantity(5, text)", lambda t: Quantity(5, t), "e6-1year"),
    ("Quantity(5, text)", lambda t: Quantity(5, t), "billion"),
    ("Unit(text)", Unit, "+ year -"),
    ("Unit(text)", Unit, ".Million1wkabout -1^999999"),
    ("Unit(text)", Unit, "\udab0x"),
    ("Unit(text)", Unit, "1 /  000 £ 1.5 ^999999  annually"),
    ("Unit(text)", Unit, "1E+999999999annumwk"),
    ("registry()(text)", registry(), "500NaNcirca "),
    ("registry()(text)", registry(), "(5 £(-1 ·m"),
    ("registry()(text)", registry(), ""),
    ("getattr(registry(), text)", lambda t: getattr(registry(), t), "ދ\\"),
    ("registry().get_name", lambda t: registry().get_name(t), "widget"),
    ("registry().get_dimensionality", lambda t: registry().get_dimensionality(t), "+ year -"),
    ("q.check(text)", lambda t: quantity(1, "GBP").check(t), "year ** 9 ** 9 ** 9"),
    ("registry().get_base_units", lambda t: registry().get_base_units(t), "wk ** 99999999999"),
    ("registry().convert", lambda t: registry().convert(Decimal(1), t, "GBP"), "GBP ** GBP"),
    ("q.is_compatible_with", lambda t: quantity(1, "GBP").is_compatible_with(t), "+ year -"),
    ("format(q, text)", lambda t: format(quantity(1, "GBP"), t), "zz"),
    ("format(q, text)", lambda t: format(quantity(1, "GBP"), t), "99999999999"),
    ("registry().enable_contexts", lambda t: registry().enable_contexts(t), "nonexistent"),
]


@pytest.mark.parametrize(("entry", "call", "text"), FOUND, ids=[f[0] for f in FOUND])
def test_text_entries_raise_wecb_errors_only(
    entry: str, call: Callable[[str], object], text: str
) -> None:
    with within(5), pytest.raises(WecbError) as info:
        call(text)
    assert str(info.value).strip(), entry


def test_unknown_unit_names_are_also_attribute_errors() -> None:
    reg = registry()
    assert not hasattr(reg, "widget")
    assert getattr(reg, "widget", None) is None
    assert not hasattr(reg, "_not_there")
    with pytest.raises(ParseError, match="unknown unit 'widget'"):
        reg.get_name("widget")
    assert "family" in reg
    assert "widget" not in reg
    assert "GBP ** 99999999" not in reg
    assert 12 not in reg


def test_units_never_raise_when_compared_with_text() -> None:
    gbp = registry().GBP
    assert gbp == "GBP"
    assert gbp != "GBP / year"
    assert not gbp == "year ** 9 ** 9 ** 9"  # noqa: SIM201 -- the comparison is the test
    assert gbp != "1 500 GBP"


@pytest.mark.parametrize(
    "operation", [lambda q: q * "5", lambda q: q + "5 GBP", lambda q: q ** "2"]
)
def test_text_is_no_operand(operation: Callable[[Any], object]) -> None:
    with pytest.raises(WecbTypeError, match="quantity_from_text"):
        operation(quantity(5, "GBP"))


def test_the_registry_is_fixed_once_built() -> None:
    with pytest.raises(UnitError, match="fixed once built"):
        registry().define("widget = [widget]")
    with pytest.raises(UnitError, match="fixed once built"):
        registry().load_definitions(["widget = [widget]"])
    assert not hasattr(registry(), "widget")


def test_pints_float_pattern_reader_is_refused() -> None:
    with pytest.raises(UnitError, match="floats"):
        registry().parse_pattern("5 GBP", "{} GBP")


def test_expression_values_are_refused() -> None:
    with pytest.raises(UnitError, match="substitutes no values"):
        registry().parse_expression("x GBP", x="5")


# -- huge powers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda: registry().Quantity(1, "month ** 99999999999").to("year ** 99999999999"),
        lambda: Quantity("1 year ** 99999999").to("month ** 99999999"),
        lambda: (quantity(1, "year") ** 10**11).to("month"),
        lambda: (quantity(1, "year") ** 100_000).to("month"),
        lambda: Quantity.from_tuple((1, (("year", 10**11),))).to("month"),
        lambda: registry().get_root_units("month ** 99999999"),
        lambda: registry().get_dimensionality("year ** 9 ** 9 ** 9"),
        lambda: Unit("year squared squared squared squared squared squared"),
    ],
)
def test_huge_powers_are_refused_at_once(call: Callable[[], object]) -> None:
    with within(5), pytest.raises((ParseError, UnitError), match=r"power|'squared'"):
        call()


def test_powers_up_to_twelve_convert_exactly() -> None:
    q = quantity(1, "year ** 12").to("month ** 12")
    assert q.magnitude == Decimal(12) ** 12
    thirteen = quantity(1, "month ** 12") * quantity(1, "month")  # arithmetic goes past 12
    with pytest.raises(UnitError, match="powers from -12 to 12"):
        (quantity(1, "year ** 12") * quantity(1, "year")).to(thirteen.units)
    with pytest.raises(ParseError, match="from -12 to 12"):
        quantity(1, "year").to("month ** 13")


# -- what still reads ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "magnitude", "unit"),
    [
        ("250000 GBP / family / year", "250000", "GBP / family / year"),
        ("GBP / year", "1", "GBP / year"),
        ("5 1 / year", "5", "1 / year"),  # what quantity_to_text writes for 5 a year
        ("5 / year", "5", "1 / year"),
        ("5 * GBP", "5", "GBP"),
        ("-5 GBP", "-5", "GBP"),
        ("\u22125 GBP", "-5", "GBP"),
        ("1.50E+3 GBP ** 2", "1.50E+3", "GBP ** 2"),
        ("7 families per year", "7", "family / year"),
        ("0.25", "0.25", "dimensionless"),
    ],
)
def test_plain_number_then_units_reads_as_before(text: str, magnitude: str, unit: str) -> None:
    for read in (registry(), Quantity, registry().parse_expression):
        q = read(text)
        assert units.is_quantity(q)
        assert q.magnitude.as_tuple() == Decimal(magnitude).as_tuple()
        assert str(q.units) == unit
    assert quantity_from_text(quantity_to_text(q)) == q


def test_dimension_names_still_check() -> None:
    assert quantity(5, "GBP / year").check("[currency] / [time]")
    assert str(registry().get_dimensionality("GBP / family")) == "[currency] / [family]"


def test_format_specifications_still_format() -> None:
    q = quantity(5, "GBP / year")
    assert f"{q:D}" == "5 GBP / year"
    assert f"{q:~P}" == "5 GBP/year"
    assert f"{q.units:D}" == "GBP / year"


def test_messages_quote_a_bounded_excerpt() -> None:
    text = "1 " + "5" * 1_000_000 + " GBP"
    with within(5), pytest.raises(ParseError) as info:
        Quantity(text)
    assert len(str(info.value)) < 1000
