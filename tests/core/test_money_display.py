"""Money display: scaled figures keep three significant figures, Python's standard numeric
format specs format the amount, and str() of a long quotient is bounded and marked."""

from __future__ import annotations

import copy
import pickle
import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strategies import DISPLAY_SCALES, display_money, quotients, standard_specs
from wecb.core.money import Money
from wecb.core.money_text import CUT, SHOWN_PLACES, SIGNIFICANT
from wecb.errors import ParseError

_SUFFIX_POWER = {"k": 3, "m": 6, "bn": 9}
_SCALED = re.compile(r"\(?-?£(?P<number>[0-9,]+(?:\.(?P<places>[0-9]+))?)(?P<suffix>k|m|bn)\)?")


# -- three significant figures ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("2500", "£2.5k"),
        ("1234.5", "£1.23k"),
        ("2000", "£2k"),
        ("944000", "£944k"),
        ("-517000", "-£517k"),
        ("87587000", "£87.6m"),
        ("301000000", "£301.0m"),
        ("1949000", "£1.95m"),
        ("1070000", "£1.07m"),
        ("1100000", "£1.1m"),
        ("999999", "£1.0m"),
        ("12800000000", "£12.8bn"),
        ("0", "£0.00"),
        ("999.5", "£999.50"),
    ],
)
def test_auto_scale_keeps_three_significant_figures(amount: str, expected: str) -> None:
    assert Money(amount).format() == expected


@pytest.mark.parametrize(
    ("amount", "scale", "expected"),
    [
        ("2500", "millions", "£0.0025m"),
        ("0.001", "millions", "£0.0m"),  # nothing to show even at the penny
        ("0.01", "millions", "£0.00000001m"),  # widened only as far as the penny
        ("87587000", "thousands", "£87,587k"),
        ("12800000000", "millions", "£12,800.0m"),
    ],
)
def test_explicit_scales_widen_up_to_the_minor_unit(
    amount: str, scale: str, expected: str
) -> None:
    assert Money(amount).format(scale) == expected


def test_given_places_and_units_are_kept_as_given() -> None:
    assert Money("2500").format("thousands", places=0) == "£3k"
    assert Money("1949000").format("millions", places=3) == "£1.949m"
    assert Money("12.5").format("units") == "£13"
    assert f"{Money('2500'):.0k}" == "£3k" and f"{Money('2500'):k}" == "£2.5k"


def test_table_cells_use_the_same_rule() -> None:
    from wecb.core.cells import cell_text  # noqa: PLC0415 - the cell kernel beside Money

    assert cell_text(Money("2500")) == "£2.5k"
    assert cell_text(Money("-1234.5"), accounting=True) == "(£1.23k)"


def _shown(text: str) -> tuple[Decimal, int, int]:
    """The figure shown, its decimal places, and the power of ten of its suffix."""
    match = _SCALED.fullmatch(text)
    assert match is not None, text
    places = len(match["places"] or "")
    return Decimal(match["number"].replace(",", "")), places, _SUFFIX_POWER[match["suffix"]]


@given(money=display_money(), scale=st.sampled_from([*DISPLAY_SCALES, "auto"]))
def test_scaled_display_reads_back_within_half_a_display_unit(money: Money, scale: str) -> None:
    text = money.format(scale)
    if scale == "auto" and abs(money.amount) < 1000 and not text.endswith(("k", "m", "bn")):
        assert Money.parse(text) == money.round("penny")
        return
    parsed = Money.parse(text)
    figure, places, power = _shown(text)
    unit = Decimal(1).scaleb(power - places)
    assert abs(parsed.amount - money.amount) <= unit / 2
    # Three significant figures, or as many as the penny allows.
    significant = len(str(int(figure.scaleb(places)))) if figure else 0
    half_penny = Decimal("0.005")
    assert (
        significant >= SIGNIFICANT
        or abs(parsed.amount - money.amount) <= half_penny
        or (
            # a widening that only added zeros (£2k for £2,000.40) is dropped back
            abs(parsed.amount - money.amount) <= abs(money.amount) / 200
        )
    )


@given(money=display_money(), scale=st.sampled_from(list(DISPLAY_SCALES)))
def test_figures_that_had_three_significant_figures_are_unchanged(
    money: Money, scale: str
) -> None:
    default = 0 if scale == "thousands" else 1
    before = money.format(scale, places=default)  # the rule of wecb 0.1.0
    digits = re.sub(r"[^0-9]", "", before).lstrip("0")
    if len(digits) >= SIGNIFICANT:
        assert money.format(scale) == before


@given(money=display_money())
def test_rounding_mode_still_applies(money: Money) -> None:
    down, up = money.format(rounding=ROUND_DOWN), money.format(rounding=ROUND_HALF_UP)
    assert Money.parse(down).amount.copy_abs() <= Money.parse(up).amount.copy_abs()


# -- standard format specs --------------------------------------------------------------------


@given(money=display_money(), spec=standard_specs())
def test_standard_specs_format_the_amount_as_decimal_does(money: Money, spec: str) -> None:
    assert format(money, spec) == format(money.amount, spec)


@given(money=display_money(), spec=standard_specs())
def test_standard_specs_ignore_the_callers_context(money: Money, spec: str) -> None:
    expected = format(money.amount, spec)  # Python's default context: half even
    with localcontext() as context:
        context.rounding = ROUND_DOWN
        context.prec = 3
        assert format(money, spec) == expected


def test_standard_specs_examples() -> None:
    m = Money("87587000.555")
    assert f"{m:,.2f}" == "87,587,000.56"
    assert f"{m:.0f}" == "87587001"
    assert f"{Money('2.5'):.0f}" == "2" and f"{Money('3.5'):.0f}" == "4"  # half even
    assert f"{Money('-944000'):>12,.0f}" == "    -944,000"
    assert f"£{Money('1234.5'):,.2f}" == "£1,234.50"


def test_wecb_specs_keep_their_meaning() -> None:
    m = Money("87587000")
    assert f"{m:.2}" == "£87,587,000.00"  # wecb: units to two places, not two figures
    assert f"{m}" == str(m) and f"{m:(}" == "£87,587,000.00"


@pytest.mark.parametrize("spec", ["%", ",.1%", "x", "20s", "99999f", ".99999f", "d"])
def test_unknown_specs_raise_a_wecb_error_naming_the_spec(spec: str) -> None:
    with pytest.raises(ParseError, match="invalid format spec") as info:
        format(Money("1"), spec)
    message = str(info.value)
    assert repr(spec) in message and "',.2f'" in message


# -- bounded str and repr ---------------------------------------------------------------------


def test_a_non_terminating_quotient_is_cut_and_marked() -> None:
    third = Money("10") / 3
    assert str(third) == "£3.333333333333…"
    assert eval(repr(third), {"Money": Money}) == third  # repr keeps every digit
    assert Money.parse(third.exact_text()) == third
    assert str(-third) == "-£3.333333333333…" and f"{-third:(}" == "(£3.333333333333…)"
    assert len(third.amount.as_tuple().digits) == 60  # the exact value is kept


def test_cut_keeps_the_sign_of_a_tiny_amount() -> None:
    tiny = Money(Decimal("-1E-15"))
    assert str(tiny) == "-£0.000000000000…"
    assert tiny.exact_text() == "-£0.000000000000001"


def test_only_zeros_cut_is_not_marked() -> None:
    money = Money(Decimal("1.50000000000000"))
    assert str(money) == "£1.500000000000" and CUT not in str(money)


def test_cut_text_is_refused_by_parse_with_a_reason() -> None:
    with pytest.raises(ParseError, match="cut after 12 decimals"):
        Money.parse(str(Money("10") / 3))


@given(quotients())
def test_str_is_bounded_and_marked_iff_cut(money: Money) -> None:
    text = str(money)
    body = text.split(".", 1)[1] if "." in text else ""
    decimals = body.rstrip(CUT)
    assert len(decimals) <= SHOWN_PLACES
    exponent = money.amount.as_tuple().exponent
    assert isinstance(exponent, int)
    cut = (Fraction(money.amount) * 10**SHOWN_PLACES).denominator != 1
    assert text.endswith(CUT) == cut
    assert cut <= (-exponent > SHOWN_PLACES)
    assert CUT not in repr(money) and CUT not in money.exact_text()
    assert Money.parse(money.exact_text()) == money
    # The integer part is whole: the bound is on the decimals only.
    whole = len(f"{abs(int(money.amount)):,}")
    assert len(text) <= len("-£") + whole + 1 + SHOWN_PLACES + len(CUT)


@given(quotients())
def test_equality_hash_and_pickle_keep_every_digit(money: Money) -> None:
    again = pickle.loads(pickle.dumps(money))
    assert again == money and hash(again) == hash(money)
    assert again.amount == money.amount and again.amount.as_tuple() == money.amount.as_tuple()
    assert copy.deepcopy(money) is money
    assert {money: 1}[again] == 1
