"""wecb.core.numbers: the one reading of exact numbers (rates, shares, weights, factors)."""

from __future__ import annotations

from decimal import Decimal, localcontext
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strategies import amounts
from wecb.core.numbers import decimal, fraction, parse_number
from wecb.errors import (
    AppraisalError,
    FloatNotAllowedError,
    ValidationError,
    WecbTypeError,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0.035", Decimal("0.035")),
        ("3.5%", Decimal("0.035")),
        (" 12.50 % ", Decimal("0.1250")),
        ("1e-3", Decimal("0.001")),
        ("-2", Decimal("-2")),
        ("1,000", Decimal("1000")),
        ("\u22122", Decimal("-2")),
        ("1/3", Fraction(1, 3)),
        ("50/100%", Fraction(1, 200)),
    ],
)
def test_parse_number_reads_the_forms_users_write(text: str, expected: object) -> None:
    assert parse_number(text, what="rate") == expected


@pytest.mark.parametrize(
    "text",
    ["", "abc", "1.2.3", "3.5 %%", "1/0", "0x10", "١٢", "１２", "nan", "inf", "1e99999", "1_000"],
)
def test_parse_number_refuses_what_is_not_an_exact_number(text: str) -> None:
    with pytest.raises(ValidationError, match="rate"):
        parse_number(text, what="rate")


def test_floats_and_wrong_types_are_refused_by_the_mistake_made() -> None:
    with pytest.raises(FloatNotAllowedError, match=r"share: float 0\.5"):
        fraction(0.5, what="share")
    for value in (True, None, [1], b"1"):
        with pytest.raises(WecbTypeError, match="share"):
            fraction(value, what="share")


def test_bounds_and_the_callers_error_class() -> None:
    assert fraction("0%", what="deadweight", minimum=0, maximum=1) == 0
    with pytest.raises(
        AppraisalError, match="deadweight: '120%' is not accepted; expected a number from 0 to 1"
    ):
        decimal("120%", what="deadweight", minimum=0, maximum=1, error=AppraisalError)


def test_decimal_keeps_the_digits_given_and_refuses_fractions_with_no_decimal_form() -> None:
    assert str(decimal("1.50", what="factor")) == "1.50"
    assert decimal(Fraction(3, 8), what="share") == Decimal("0.375")
    with pytest.raises(ValidationError, match="exact decimal form"):
        decimal(Fraction(1, 3), what="share")
    with pytest.raises(ValidationError, match="finite"):
        decimal(Decimal("NaN"), what="rate")


@given(amounts(max_digits=28, max_places=12))
def test_text_and_decimal_read_the_same_number(value: Decimal) -> None:
    assert decimal(str(value), what="x") == value
    assert fraction(f"{value}%", what="x") == Fraction(value) / 100


@given(amounts(max_digits=40, max_places=20), st.integers(1, 6))
def test_the_callers_decimal_context_changes_nothing(value: Decimal, prec: int) -> None:
    expected = decimal(f"{value}%", what="x")
    with localcontext() as ctx:
        ctx.prec = prec
        assert decimal(f"{value}%", what="x") == expected
        assert fraction(str(value), what="x") == Fraction(value)
