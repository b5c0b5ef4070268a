"""Optimism bias, deadweight and attribution: both figures side by side, every step recorded."""

from __future__ import annotations

import enum
import itertools
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strategies import appraisal_fractions, appraisal_money
from wecb.appraisal import (
    CBA_2014_OPTIMISM_BIAS,
    NO_ADJUSTMENTS,
    Adjustments,
    OptimismBiasGrade,
    OptimismBiasTable,
    adjust,
    apply_attribution,
    apply_deadweight,
    apply_optimism_bias,
)
from wecb.core.money import Money
from wecb.errors import AppraisalError, FloatNotAllowedError, WecbTypeError

# A user's own table with round numbers, so expected values can be worked by hand.
OURS = OptimismBiasTable.from_percentages(
    "ours", {1: ("0", "0"), 2: ("20", "30"), 3: ("100", "100")}
)


class Nature(enum.Enum):
    """Stands in for the model's enum: adjustments accept any enum named or valued so."""

    COST = "cost"
    BENEFIT = "benefit"


# --------------------------------------------------------------------------- the shipped table


def test_shipped_table_has_six_grades_that_never_get_more_confident() -> None:
    grades = CBA_2014_OPTIMISM_BIAS.grades
    assert [g.grade for g in grades] == [1, 2, 3, 4, 5, 6]
    assert grades[0].cost_uplift == 0 and grades[0].benefit_reduction == 0
    for lower, higher in itertools.pairwise(grades):
        assert lower.cost_uplift <= higher.cost_uplift
        assert lower.benefit_reduction <= higher.benefit_reduction
    assert all(g.description for g in grades)


def test_shipped_table_carries_its_source() -> None:
    source = CBA_2014_OPTIMISM_BIAS.source
    assert source is not None
    assert "Supporting public service transformation" in source.document
    assert source.year == 2014
    assert "confidence grade" in source.section
    assert not source.verified and source.note  # says what remains to be checked


@pytest.mark.parametrize("grade", [1, 2, 3, 4, 5, 6])
def test_shipped_grades_raise_costs_and_cut_benefits(grade: int) -> None:
    amount = Money("12345.67")
    entry = CBA_2014_OPTIMISM_BIAS[grade]
    assert apply_optimism_bias(amount, grade, "cost") == amount * (1 + entry.cost_uplift)
    assert apply_optimism_bias(amount, grade, "benefit") == amount * (1 - entry.benefit_reduction)


# --------------------------------------------------------------------------- by hand


def test_optimism_bias_by_hand() -> None:
    assert apply_optimism_bias(Money(1000), 2, "cost", OURS) == Money(1200)
    assert apply_optimism_bias(Money(1000), 2, "benefit", OURS) == Money(700)
    assert apply_optimism_bias(Money(1000), 3, Nature.BENEFIT, OURS) == Money(0)
    assert apply_optimism_bias(Money(1000), 3, Nature.COST, OURS) == Money(2000)


def test_deadweight_and_attribution_by_hand() -> None:
    assert apply_deadweight(Money(200), "0.25") == Money(150)
    assert apply_deadweight(Money(200), "25%") == Money(150)
    assert apply_attribution(Money(200), Decimal("0.6")) == Money(120)
    assert apply_attribution(Money(200), Fraction(1, 4)) == Money(50)


def test_adjust_keeps_both_figures_and_every_step() -> None:
    adj = Adjustments(optimism_bias_grade=2, deadweight="0.25", attribution="0.8", table=OURS)
    out = adjust(Money(1000), "benefit", adj)
    assert out.unadjusted == Money(1000)
    # 1000 cut by 30% = 700; 25% deadweight leaves 525; 80% attribution gives 420.
    assert out.adjusted == Money(420)
    assert out.difference == Money(-580)
    assert [s.kind for s in out.steps] == ["optimism_bias", "deadweight", "attribution"]
    assert [s.after for s in out.steps] == [Money(700), Money(525), Money(420)]
    assert out.steps[0].before == out.unadjusted
    for before, after in itertools.pairwise(out.steps):
        assert after.before == before.after
    assert out.steps[0].parameter == Decimal("0.3") and out.steps[0].multiplier == Decimal("0.7")
    text = str(out)
    assert "grade 2 (ours)" in text and "deadweight 25%" in text and "attribution 80%" in text


def test_costs_take_optimism_bias_only() -> None:
    adj = Adjustments(optimism_bias_grade=2, deadweight="0.5", attribution="0.5", table=OURS)
    out = adjust(Money(1000), Nature.COST, adj)
    assert out.adjusted == Money(1200)
    assert [s.kind for s in out.steps] == ["optimism_bias"]
    assert out.nature == "cost"


def test_no_grade_means_no_optimism_bias_step() -> None:
    out = adjust(Money(1000), "benefit", Adjustments(deadweight="0.1"))
    assert [s.kind for s in out.steps] == ["deadweight", "attribution"]
    assert out.adjusted == Money(900)
    assert adjust(Money(5), "cost").steps == ()


# --------------------------------------------------------------------------- validation


@pytest.mark.parametrize(
    ("kwargs", "field", "value"),
    [
        ({"deadweight": Decimal("1.5")}, "Adjustments.deadweight", "1.5"),
        ({"deadweight": "-0.01"}, "Adjustments.deadweight", "-0.01"),
        ({"attribution": Decimal("1.0001")}, "Adjustments.attribution", "1.0001"),
        ({"attribution": -1}, "Adjustments.attribution", "-1"),
        ({"attribution": "lots"}, "Adjustments.attribution", "lots"),
        ({"deadweight": Fraction(1, 3)}, "Adjustments.deadweight", "Fraction(1, 3)"),
        ({"optimism_bias_grade": 7}, "Adjustments.optimism_bias_grade", "7"),
    ],
)
def test_bad_adjustments_name_the_field_and_value(
    kwargs: dict[str, object], field: str, value: str
) -> None:
    with pytest.raises(AppraisalError) as info:
        Adjustments(**kwargs)  # type: ignore[arg-type]
    assert field in str(info.value) and value in str(info.value)


@pytest.mark.parametrize(
    ("kwargs", "field", "value"),
    [
        ({"optimism_bias_grade": True}, "Adjustments.optimism_bias_grade", "True"),
        ({"optimism_bias_grade": "3"}, "Adjustments.optimism_bias_grade", "'3'"),
        ({"table": {}}, "Adjustments.table", "{}"),
    ],
)
def test_wrong_types_in_adjustments_are_type_errors(
    kwargs: dict[str, object], field: str, value: str
) -> None:
    with pytest.raises(WecbTypeError) as info:
        Adjustments(**kwargs)  # type: ignore[arg-type]
    assert field in str(info.value) and value in str(info.value)


def test_floats_are_refused() -> None:
    with pytest.raises(FloatNotAllowedError):
        Adjustments(deadweight=0.1)  # type: ignore[arg-type]
    with pytest.raises(FloatNotAllowedError):
        apply_attribution(Money(1), 0.5)  # type: ignore[arg-type]
    with pytest.raises(FloatNotAllowedError):
        OptimismBiasGrade(grade=1, cost_uplift=0.1, benefit_reduction="0")  # type: ignore[arg-type]


def test_bad_natures_and_amounts() -> None:
    with pytest.raises(AppraisalError, match="'cost' or 'benefit'"):
        adjust(Money(1), "saving")
    with pytest.raises(WecbTypeError, match="expected Money"):
        adjust(Decimal(1), "cost")  # type: ignore[arg-type]
    with pytest.raises(WecbTypeError):
        adjust(Money(1), "cost", {"deadweight": 0})  # type: ignore[arg-type]
    with pytest.raises(AppraisalError):
        apply_deadweight(Money(1), "1.1")


def test_bad_tables() -> None:
    with pytest.raises(AppraisalError, match="repeat"):
        OptimismBiasTable(name="x", grades=[OURS[1], OURS[1]])
    with pytest.raises(AppraisalError, match="no grades"):
        OptimismBiasTable(name="x", grades=[])
    with pytest.raises(AppraisalError, match=r"\[0, 1\]"):
        OptimismBiasTable.from_percentages("x", {1: ("0", "101")})
    with pytest.raises(AppraisalError, match=">= 0"):
        OptimismBiasTable.from_percentages("x", {1: ("-5", "0")})
    with pytest.raises(AppraisalError, match="grade 4 is not in table 'ours'"):
        OURS.cost_uplift(4)


def test_users_replace_grades() -> None:
    changed = CBA_2014_OPTIMISM_BIAS.with_grade(
        OptimismBiasGrade(grade=4, cost_uplift="30%", benefit_reduction="35%")
    )
    assert changed.cost_uplift(4) == Decimal("0.30")
    assert changed.source is None and changed.name.endswith("(modified)")
    assert CBA_2014_OPTIMISM_BIAS.cost_uplift(4) != Decimal("0.30")  # the shipped one is intact
    adj = Adjustments(optimism_bias_grade=4, table=changed)
    assert adjust(Money(100), "benefit", adj).adjusted == Money(65)


# --------------------------------------------------------------------------- properties


@st.composite
def zero_tables(draw: st.DrawFn) -> tuple[OptimismBiasTable, int]:
    grade = draw(st.integers(1, 9))
    return OptimismBiasTable.from_percentages("zero", {grade: ("0", "0")}), grade


@given(appraisal_money(), zero_tables(), st.sampled_from(["cost", "benefit"]))
def test_zero_percentages_change_nothing_exactly(
    amount: Money, table_grade: tuple[OptimismBiasTable, int], nature: str
) -> None:
    table, grade = table_grade
    adj = Adjustments(optimism_bias_grade=grade, deadweight=0, attribution=1, table=table)
    assert adj.is_neutral
    out = adjust(amount, nature, adj)
    assert out.adjusted == out.unadjusted == amount
    # Not just equal in value: the very same digits, exponent included.
    assert out.adjusted.amount.as_tuple() == amount.amount.as_tuple()
    assert adjust(amount, nature, NO_ADJUSTMENTS).adjusted.amount.as_tuple() == (
        amount.amount.as_tuple()
    )


@given(
    appraisal_money(0),
    st.sampled_from([None, 1, 2, 3, 4, 5, 6]),
    appraisal_fractions(),
    appraisal_fractions(),
)
def test_costs_never_fall_and_benefits_never_rise(
    amount: Money, grade: int | None, deadweight: Decimal, attribution: Decimal
) -> None:
    adj = Adjustments(optimism_bias_grade=grade, deadweight=deadweight, attribution=attribution)
    assert adjust(amount, "cost", adj).adjusted >= amount
    assert adjust(amount, "benefit", adj).adjusted <= amount


@given(
    appraisal_money(),
    st.sampled_from([None, 1, 2, 3, 4, 5, 6]),
    appraisal_fractions(),
    appraisal_fractions(),
    st.sampled_from(["cost", "benefit"]),
)
def test_adjusted_is_the_product_of_the_recorded_multipliers(
    amount: Money, grade: int | None, deadweight: Decimal, attribution: Decimal, nature: str
) -> None:
    adj = Adjustments(optimism_bias_grade=grade, deadweight=deadweight, attribution=attribution)
    out = adjust(amount, nature, adj)
    expected = Fraction(amount.amount)
    for step in out.steps:
        expected *= Fraction(step.multiplier)
    assert Fraction(out.adjusted.amount) == expected
