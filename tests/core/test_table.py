"""wecb.core.table: the one table kernel behind every result's text and HTML."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wecb.core.cells import percent_text, ratio_text
from wecb.core.money import Money
from wecb.core.table import Column, Table, Tabular
from wecb.errors import ValidationError, WecbTypeError


def _table() -> Table:
    return Table(
        columns=[Column(key="group"), Column(key="net", align="right")],
        rows=[("FBC1", Money("87587000")), ("Subtotal", Money("87587000"))],
        kinds=("group", "subtotal"),
        footer=("Total", Money("87587000")),
        title="Net benefit",
        notes=("an assumption",),
    )


def test_text_rules_the_totals_and_keeps_notes() -> None:
    assert str(_table()).splitlines() == [
        "Net benefit",
        "group        net",
        "--------  ------",
        "FBC1      £87.6m",
        "Subtotal  £87.6m",
        "--------  ------",
        "Total     £87.6m",
        "an assumption",
    ]


def test_html_bolds_subtotals_and_totals_and_shows_exact_money_on_hover() -> None:
    html = _table().to_html()
    assert '<tr class="wecb-subtotal"><td style="text-align: left"><b>Subtotal</b>' in html
    assert '<tr class="wecb-total" style="border-top: 1px solid">' in html
    assert 'title="£87,587,000.00"' in html
    assert "<p>an assumption</p>" in html


def test_kinds_are_checked() -> None:
    with pytest.raises(ValidationError, match="kinds"):
        Table(columns=["a"], rows=[("x",)], kinds=("grand",))
    with pytest.raises(ValidationError, match="one per row"):
        Table(columns=["a"], rows=[("x",), ("y",)], kinds=("group",))
    with pytest.raises(WecbTypeError, match=r"Column\.key"):
        Column(key=3)  # type: ignore[arg-type]


@attrs.frozen
class _Result(Tabular):
    value: Money

    def table(self) -> Table:
        return Table(columns=["what", "value"], rows=[("net", self.value)])


def test_a_result_gets_str_and_html_from_its_table() -> None:
    result = _Result(Money("1.50"))
    assert str(result) == result.table().to_text()
    assert result._repr_html_() == result.table().to_html()


@given(st.decimals(min_value=-(10**6), max_value=10**6, places=6), st.integers(0, 4))
def test_ratio_text_rounds_half_up_as_decimal_does(value: Decimal, places: int) -> None:
    from decimal import ROUND_HALF_UP  # noqa: PLC0415

    expected = str(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))
    assert ratio_text(value, places) == expected
    # The same digits from a Fraction, without Decimal's "-0.00" for a negative zero.
    assert ratio_text(Fraction(value), places) == (
        expected.lstrip("-") if Decimal(expected) == 0 else expected
    )


def test_percent_text() -> None:
    assert percent_text(Decimal("0.035")) == "3.5%"
    assert percent_text(Fraction(1, 3), 2) == "33.33%"
    assert percent_text(None) == "n/a"
