"""Price indices and rebasing: examples, errors, appraise(price_index=...) and properties."""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal, localcontext
from fractions import Fraction
from pathlib import Path

import attrs
import pytest
from hypothesis import given

from strategies.prices import amounts_to_rebase, index_and_years, terminating_levels
from wecb.appraisal.adjustments import Adjustments
from wecb.appraisal.cba import appraise
from wecb.appraisal.parameters import ParameterSource
from wecb.appraisal.prices import PriceIndex, load_price_index
from wecb.appraisal.schedules import ZERO_RATE
from wecb.cli import main
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.errors import (
    AppraisalError,
    FloatNotAllowedError,
    LoadError,
    ValidationError,
    WecbTypeError,
)
from wecb.model.cashflows import CashFlow, CostType, Nature, ValueType
from wecb.model.domains import Domain, DomainKind
from wecb.model.programme import Programme
from wecb.model.projects import Project
from wecb.units import parse_rate

INDEX = PriceIndex(
    name="example deflator",
    levels={"2010/11": "96", "2011/12": "98", "2012/13": "100", "2013/14": "102.5"},
    illustrative=True,
)


def _programme(*flows: CashFlow) -> Programme:
    return Programme(
        name="Demo",
        place="Here",
        partners=(),
        domains=(Domain(key="d", name="D", kind=DomainKind.THEMATIC),),
        projects=(Project(key="P1", title="Pilot", domain="d", flows=flows),),
    )


def _cost(amount: str, year: int, price_year: int | None, label: str = "set-up") -> CashFlow:
    return CashFlow(
        amount=Money(amount),
        nature=Nature.COST,
        period=FinancialYear(year),
        cost_type=CostType.REVENUE,
        label=label,
        price_year=None if price_year is None else FinancialYear(price_year),
    )


def _saving(amount: str, year: int, price_year: int | None) -> CashFlow:
    return CashFlow(
        amount=Money(amount),
        nature=Nature.BENEFIT,
        period=FinancialYear(year),
        value_type=ValueType.FISCAL,
        cashable=True,
        label="saving",
        price_year=None if price_year is None else FinancialYear(price_year),
    )


# -- the index ---------------------------------------------------------------------------


def test_factor_is_the_exact_ratio_of_levels() -> None:
    assert INDEX.factor(FinancialYear(2010), FinancialYear(2012)) == Fraction(100, 96)
    assert INDEX.factor(FinancialYear(2013), FinancialYear(2011)) == Fraction(98) / Fraction(
        Decimal("102.5")
    )
    assert INDEX.factor(FinancialYear(2011), FinancialYear(2011)) == 1
    assert INDEX.years == tuple(FinancialYear(y) for y in range(2010, 2014))


def test_rebase_money_hand_computed() -> None:
    # 96 -> 100: x 25/24, exact.
    assert INDEX.rebase(Money("48000"), FinancialYear(2010), FinancialYear(2012)) == Money("50000")
    # 100 -> 102.5: x 1.025, exact.
    assert INDEX.rebase(Money("1000.00"), FinancialYear(2012), FinancialYear(2013)) == Money(
        "1025.00"
    )
    # 102.5 -> 100: x 40/41, does not terminate: 60 significant digits, half-even.
    back = INDEX.rebase(Money("1025.00"), FinancialYear(2013), FinancialYear(2012))
    assert back == Money("1000")
    odd = INDEX.rebase(Money("1"), FinancialYear(2013), FinancialYear(2012))
    assert len(odd.amount.as_tuple().digits) == 60
    assert odd.round() == Money("0.98")


def test_rebase_keeps_a_rate_s_units() -> None:
    rate = INDEX.rebase(
        parse_rate("£48,000 per family per year"), FinancialYear(2010), FinancialYear(2012)
    )
    assert str(rate.units) == "GBP / family / year"
    assert rate.magnitude == Decimal(50000)


def test_rebase_refuses_what_has_no_price_year() -> None:
    with pytest.raises(AppraisalError, match="only money and money rates"):
        INDEX.rebase(
            parse_rate("£1 per family") / parse_rate("£1 per family"),
            FinancialYear(2010),
            FinancialYear(2012),
        )
    with pytest.raises(WecbTypeError, match=r"Money or a wecb\.units quantity"):
        INDEX.rebase(Decimal(5), FinancialYear(2010), FinancialYear(2012))  # type: ignore[call-overload]


def test_year_outside_the_index_is_refused_with_its_range() -> None:
    with pytest.raises(AppraisalError, match=r"no level for 2014/15: it covers 2010/11..2013/14"):
        INDEX.rebase(Money(1), FinancialYear(2014), FinancialYear(2012))


@pytest.mark.parametrize(
    ("levels", "error", "message"),
    [
        ({}, AppraisalError, "no years"),
        ({"2010/11": "0"}, AppraisalError, "greater than 0"),
        ({"2010/11": "-1"}, ValidationError, "from 0"),
        ({"2010/11": 1.5}, FloatNotAllowedError, "float"),
        ({"2010/11": "100", "2012/13": "101"}, AppraisalError, "lacks 2011/12"),
        ({"2010/14": "100"}, AppraisalError, "not a financial year"),
        ({2010: "100"}, WecbTypeError, "FinancialYear or text"),
        ("100", WecbTypeError, "mapping"),
    ],
)
def test_bad_levels_are_refused(levels: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        PriceIndex(name="bad", levels=levels)


def test_the_same_year_twice_is_refused() -> None:
    with pytest.raises(AppraisalError, match="2010/11 is given twice"):
        PriceIndex(name="bad", levels=[("2010/11", "1"), (FinancialYear(2010), "2")])


def test_str_states_source_and_illustrative_label() -> None:
    sourced = PriceIndex(
        name="GDP deflator",
        levels={"2012/13": "100"},
        source=ParameterSource(document="HM Treasury GDP deflators", section="June", year=2014),
    )
    assert "HM Treasury GDP deflators, June (2014)" in str(sourced)
    assert str(INDEX).endswith("[illustrative figures]")


# -- appraise(price_index=...) -----------------------------------------------------------


def test_appraise_rebases_lines_not_in_the_price_base() -> None:
    programme = _programme(_cost("96", 2012, 2010), _saving("250", 2013, None))
    result = appraise(
        programme,
        base_year=FinancialYear(2012),
        price_base=FinancialYear(2012),
        schedule=ZERO_RATE,
        price_index=INDEX,
    )
    cost, saving = result.lines
    assert cost.unadjusted == ((FinancialYear(2012), Money("100")),)
    assert cost.rebasing is not None and cost.rebasing.factor == Fraction(25, 24)
    assert (cost.rebasing.before, cost.rebasing.after) == (Money("96"), Money("100"))
    assert saving.rebasing is None and saving.price_year is None
    assert sum((line.sign * line.pv_adjusted for line in result.lines), Money(0)) == Money(150)
    notes = {a.name: a for a in result.assumptions()}
    price = notes["price base"]
    assert "1 line rebased from its price year by example deflator" in price.value
    assert "2010/11 x 25/24" in price.value
    assert price.verified is False  # an illustrative index is never verified


def test_rebasing_comes_before_adjustments_and_discounting() -> None:
    programme = _programme(_cost("96", 2012, 2010))
    result = appraise(
        programme,
        base_year=FinancialYear(2012),
        price_base=FinancialYear(2012),
        schedule=ZERO_RATE,
        price_index=INDEX,
        adjustments=Adjustments(optimism_bias_grade=3),
    )
    (line,) = result.lines
    assert line.steps[0].before == Money("100")  # the step starts from the rebased total
    assert line.adjusted == ((FinancialYear(2012), Money("110.0")),)


def test_a_line_in_its_own_price_base_is_not_rebased() -> None:
    programme = _programme(_cost("96", 2012, 2012))
    result = appraise(
        programme,
        base_year=FinancialYear(2012),
        price_base=FinancialYear(2012),
        schedule=ZERO_RATE,
    )
    assert result.lines[0].rebasing is None
    assert "not rebased" in {a.name: a for a in result.assumptions()}["price base"].value


def test_a_price_year_without_an_index_is_refused_naming_every_line() -> None:
    programme = _programme(_cost("96", 2012, 2010, "a"), _cost("5", 2012, 2011, "b"))
    with pytest.raises(AppraisalError, match="price_index= in Python") as caught:
        appraise(
            programme,
            base_year=FinancialYear(2012),
            price_base=FinancialYear(2012),
            schedule=ZERO_RATE,
        )
    message = str(caught.value)
    assert "P1 'a' (cost £96.00) is in 2010/11 prices" in message
    assert "P1 'b' (cost £5.00) is in 2011/12 prices" in message


def test_an_index_lacking_a_year_is_refused() -> None:
    programme = _programme(_cost("96", 2012, 2009))
    with pytest.raises(AppraisalError, match=r"covers 2010/11..2013/14.*\n  - P1 'set-up'"):
        appraise(
            programme,
            base_year=FinancialYear(2012),
            price_base=FinancialYear(2012),
            schedule=ZERO_RATE,
            price_index=INDEX,
        )
    with pytest.raises(AppraisalError, match="the price base 2015/16"):
        appraise(
            _programme(_cost("96", 2015, 2012)),
            base_year=FinancialYear(2015),
            price_base=FinancialYear(2015),
            schedule=ZERO_RATE,
            price_index=INDEX,
        )


def test_price_index_must_be_a_price_index() -> None:
    with pytest.raises(WecbTypeError, match="a PriceIndex"):
        appraise(
            _programme(_cost("1", 2012, None)),
            base_year=FinancialYear(2012),
            price_base=FinancialYear(2012),
            schedule=ZERO_RATE,
            price_index="deflator",  # type: ignore[arg-type]
        )


def test_cash_flow_price_year_is_a_financial_year() -> None:
    with pytest.raises(WecbTypeError, match=r"CashFlow\.price_year"):
        attrs.evolve(_cost("1", 2012, None), price_year="2012/13")  # type: ignore[arg-type]


# -- properties --------------------------------------------------------------------------


@given(index_and_years(terminating_levels()), amounts_to_rebase())
def test_there_and_back_is_the_identity_when_exact(
    drawn: tuple[PriceIndex, FinancialYear, FinancialYear], amount: Money
) -> None:
    index, a, b = drawn
    assert index.rebase(index.rebase(amount, a, b), b, a) == amount


@given(index_and_years(), amounts_to_rebase())
def test_there_and_back_is_the_identity_at_the_amount_s_own_places(
    drawn: tuple[PriceIndex, FinancialYear, FinancialYear], amount: Money
) -> None:
    index, a, b = drawn
    assert index.factor(a, b) * index.factor(b, a) == 1
    back = index.rebase(index.rebase(amount, a, b), b, a)
    places = Decimal(1).scaleb(amount.amount.as_tuple().exponent)  # type: ignore[arg-type]
    assert back.round(places) == amount
    # Exact whenever the forward product terminates.
    there = index.rebase(amount, a, b)
    if Fraction(there.amount) == Fraction(amount.amount) * index.factor(a, b):
        assert back == amount


@given(index_and_years(), amounts_to_rebase())
def test_rebasing_chains_through_any_year(
    drawn: tuple[PriceIndex, FinancialYear, FinancialYear], amount: Money
) -> None:
    index, a, b = drawn
    for c in index.years:
        assert index.factor(a, c) * index.factor(c, b) == index.factor(a, b)


# -- the index from a file, and on the command line ---------------------------------------

PROGRAMME = """format = "wecb.programme"
format_version = 2
name = "Prices"
place = "Here"
currency = "GBP"
partners = []

[[domains]]
key = "d"
name = "D"
kind = "thematic"

[[projects]]
key = "P1"
title = "Pilot"
domain = "d"

[[projects.lines]]
nature = "cost"
cost_type = "revenue"
label = "set-up"
price_year = "2010/11"
amounts = { "2012/13" = "£96.00" }
"""


def test_load_price_index(tmp_path: Path) -> None:
    path = tmp_path / "deflator_june_2014.csv"
    path.write_text("year,level\n2010/11,96\n2011/12,98\n\n2012/13,100\n", encoding="utf-8")
    index = load_price_index(path, illustrative=True)
    assert index.name == "deflator_june_2014"
    assert index.level(FinancialYear(2011)) == Decimal(98)
    assert index.illustrative


def test_load_price_index_reports_every_bad_row(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("year,level\n2010/12,96\n2011/12,9.8.1\n2012/13,1,2\n", encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        load_price_index(path)
    message = str(caught.value)
    assert "bad.csv" in message and "row 2:" in message and "row 3: level" in message
    assert "row 4: 3 cells" in message
    path.write_text("when,value\n", encoding="utf-8")
    with pytest.raises(LoadError, match="header 'year,level'"):
        load_price_index(path)
    path.write_text("year,level\n2010/11,1\n2012/13,2\n", encoding="utf-8")
    with pytest.raises(LoadError, match="lacks 2011/12"):
        load_price_index(path)


def test_command_line_rebases_with_price_index(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    programme = tmp_path / "prices.toml"
    programme.write_text(PROGRAMME, encoding="utf-8")
    index = tmp_path / "example_deflator.csv"
    index.write_text("year,level\n2010/11,96\n2011/12,98\n2012/13,100\n", encoding="utf-8")
    common = [str(programme), "--base-year", "2012/13", "--schedule", "zero"]
    assert main(["appraise", *common, "--price-index", str(index)]) == 0
    out = capsys.readouterr().out
    assert "1 line rebased from its price year by example_deflator" in out
    assert "100.00" in out
    assert main(["appraise", *common]) != 0
    err = capsys.readouterr().err
    assert "--price-index on the command line" in err and "Traceback" not in err


@given(index_and_years(), amounts_to_rebase())
def test_the_caller_s_decimal_context_changes_nothing(
    drawn: tuple[PriceIndex, FinancialYear, FinancialYear], amount: Money
) -> None:
    index, a, b = drawn
    expected = index.rebase(amount, a, b)
    with localcontext() as context:
        context.prec = 3
        context.rounding = ROUND_FLOOR
        assert index.rebase(amount, a, b) == expected
