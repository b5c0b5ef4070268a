"""Value types and cashability, never guessed (issue 10).

wecb 0.1.0 read a benefit with no value type as fiscal and every benefit as cashable unless
told otherwise, and a published table's non-cashable benefit as fiscal. Now a benefit states
its value type, a fiscal benefit states whether it is cashable, any other benefit is never
cashable, and a table's non-cashable benefit is unclassified unless stated, with the reason
kept beside it. Each test below fails on 0.1.0.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import given

from samples import small_table
from strategies import cash_flows, cost_benefit_tables
from wecb.appraisal.cohort_profiles import CohortProfile
from wecb.core.assumptions import Assumption
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.errors import ValidationError
from wecb.model.cashflows import CashFlow, CostType, Nature, ValueType
from wecb.model.table_periods import APPRAISAL_HORIZON
from wecb.model.tables import CostBenefitTable, value_type_assumptions

FY13 = FinancialYear(2013)
NOT_FISCAL = (ValueType.ECONOMIC, ValueType.SOCIAL, ValueType.UNCLASSIFIED)


def benefit(**fields: Any) -> CashFlow:
    return CashFlow(amount=Money("100"), nature=Nature.BENEFIT, period=FY13, **fields)


def cost(**fields: Any) -> CashFlow:
    return CashFlow(amount=Money("100"), nature=Nature.COST, period=FY13, **fields)


# -- cash flows -----------------------------------------------------------------------------


def test_a_benefit_without_a_value_type_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        benefit()
    message = str(caught.value)
    assert message.startswith("CashFlow.value_type: None is not accepted")
    assert "fiscal, economic, social, or unclassified" in message
    assert "0.1.0 read a missing value type as fiscal" in message


def test_a_benefit_without_a_value_type_is_refused_even_with_cashable_stated() -> None:
    for cashable in (True, False):
        with pytest.raises(ValidationError, match=r"CashFlow\.value_type: None"):
            benefit(cashable=cashable)


def test_a_fiscal_benefit_must_say_whether_it_is_cashable() -> None:
    with pytest.raises(ValidationError) as caught:
        benefit(value_type=ValueType.FISCAL)
    message = str(caught.value)
    assert message.startswith("CashFlow.cashable: not stated for a fiscal benefit")
    assert "cashable=True" in message and "cashable=False" in message
    assert benefit(value_type=ValueType.FISCAL, cashable=True).cashable
    assert not benefit(value_type=ValueType.FISCAL, cashable=False).cashable


@pytest.mark.parametrize("value_type", NOT_FISCAL, ids=lambda v: v.value)
def test_only_a_fiscal_benefit_can_be_cashable(value_type: ValueType) -> None:
    with pytest.raises(ValidationError) as caught:
        benefit(value_type=value_type, cashable=True)
    message = str(caught.value)
    assert message.startswith("CashFlow.cashable: True is not accepted; expected False for")
    assert f"{value_type.value} benefit" in message
    assert "cashability applies to fiscal benefits only" in message


@pytest.mark.parametrize("value_type", NOT_FISCAL, ids=lambda v: v.value)
def test_a_benefit_that_is_not_fiscal_is_not_cashable_by_default(value_type: ValueType) -> None:
    flow = benefit(value_type=value_type)
    assert flow.cashable is False
    assert benefit(value_type=value_type, cashable=False) == flow


def test_unclassified_is_a_value_type_of_its_own() -> None:
    assert ValueType("unclassified") is ValueType.UNCLASSIFIED
    assert [v.value for v in ValueType] == ["fiscal", "economic", "social", "unclassified"]


def test_costs_are_cash_unless_in_kind() -> None:
    assert cost().cashable is True
    assert cost(cost_type=CostType.REVENUE).cashable is True
    assert cost(cost_type=CostType.IN_KIND).cashable is False
    assert cost(cashable=False).cashable is False


def test_evolving_a_flow_keeps_the_rules() -> None:
    saving = benefit(value_type=ValueType.FISCAL, cashable=True)
    with pytest.raises(ValidationError, match=r"CashFlow\.cashable: True"):
        attrs.evolve(saving, value_type=ValueType.SOCIAL)
    social = attrs.evolve(saving, value_type=ValueType.SOCIAL, cashable=False)
    assert social.value_type is ValueType.SOCIAL and not social.cashable


@given(cash_flows(nature=Nature.BENEFIT))
def test_cashable_benefits_are_fiscal(flow: CashFlow) -> None:
    assert flow.value_type is not None
    assert not flow.cashable or flow.value_type is ValueType.FISCAL


# -- published tables -----------------------------------------------------------------------


def test_a_tables_non_cashable_benefit_is_unclassified_unless_stated() -> None:
    fields = {a.name: a for a in attrs.fields(CostBenefitTable)}
    assert fields["non_cashable_value_type"].default is ValueType.UNCLASSIFIED
    assert small_table().non_cashable_value_type is ValueType.UNCLASSIFIED
    *_, cashable, non_cashable = small_table().cash_flows()
    assert (cashable.value_type, cashable.cashable) == (ValueType.FISCAL, True)
    assert (non_cashable.value_type, non_cashable.cashable) == (ValueType.UNCLASSIFIED, False)
    stated = small_table(non_cashable_value_type=ValueType.FISCAL).cash_flows()[-1]
    assert (stated.value_type, stated.cashable) == (ValueType.FISCAL, False)


def test_a_table_keeps_the_reason_for_its_value_types() -> None:
    plain = small_table()
    assert plain.value_type_note is None
    noted = small_table(value_type_note="the source does not split them")
    assert noted.value_type_note == "the source does not split them"
    assert noted != plain
    assert noted.value_type_assumption() == Assumption(
        name="value types",
        value="cashable benefit fiscal; non-cashable benefit unclassified",
        source="the source does not split them",
    )
    with pytest.raises(ValidationError, match=r"CostBenefitTable\.value_type_note"):
        small_table(value_type_note="  ")


def test_value_type_assumptions_group_the_tables_that_share_them() -> None:
    note = "the source does not split them"
    pairs = [
        ("A", small_table(value_type_note=note)),
        ("B", small_table(non_cashable_value_type=ValueType.SOCIAL)),
        ("C", small_table(value_type_note=note)),
    ]
    assert [str(a) for a in value_type_assumptions(pairs)] == [
        "value types of A, C: cashable benefit fiscal; non-cashable benefit unclassified "
        f"({note})",
        "value types of B: cashable benefit fiscal; non-cashable benefit social",
    ]
    assert value_type_assumptions([]) == ()


def non_cashable(value_type: ValueType) -> CashFlow:
    return CashFlow(
        amount=Money("1000"),
        nature=Nature.BENEFIT,
        period=APPRAISAL_HORIZON,
        value_type=value_type,
    )


def test_a_table_from_flows_takes_the_value_type_of_its_non_cashable_benefits() -> None:
    built = CostBenefitTable.from_cash_flows([non_cashable(ValueType.SOCIAL)])
    assert built.non_cashable_value_type is ValueType.SOCIAL
    assert CostBenefitTable.from_cash_flows([]).non_cashable_value_type is ValueType.UNCLASSIFIED
    noted = CostBenefitTable.from_cash_flows([], value_type_note="why")
    assert noted.value_type_note == "why"


def test_a_table_from_flows_refuses_non_cashable_benefits_it_cannot_hold() -> None:
    mixed = [non_cashable(ValueType.SOCIAL), non_cashable(ValueType.ECONOMIC)]
    with pytest.raises(ValidationError) as caught:
        CostBenefitTable.from_cash_flows(mixed)
    assert str(caught.value).startswith(
        "CostBenefitTable.from_cash_flows: flows[1].value_type: <ValueType.ECONOMIC"
    )
    assert "expected ValueType.SOCIAL as flows[0], the first non-cashable benefit" in str(
        caught.value
    )
    with pytest.raises(ValidationError, match="as the non_cashable_value_type given"):
        CostBenefitTable.from_cash_flows(mixed[:1], non_cashable_value_type=ValueType.FISCAL)


@given(cost_benefit_tables(consistent=True))
def test_a_table_rebuilt_from_its_flows_keeps_its_value_type(built: CostBenefitTable) -> None:
    again = CostBenefitTable.from_cash_flows(
        built.cash_flows(),
        value_type_note=built.value_type_note,
        source=built.source,
    )
    assert again.non_cashable_value_type is built.non_cashable_value_type
    assert again == built


# -- cohort profiles -----------------------------------------------------------------------


PROFILE = CohortProfile(
    name="teams",
    unit_value="£100 per family",
    case_duration=None,
    units=("family",),
    years=((FY13, Fraction(1), Money(100)),),
)


def test_cohort_benefits_need_a_value_type_and_fiscal_ones_cashability() -> None:
    with pytest.raises(ValidationError) as caught:
        PROFILE.cash_flows()
    assert str(caught.value).startswith("CohortProfile.cash_flows value_type: None")
    assert "wecb 0.1.0 took them as fiscal" in str(caught.value)
    with pytest.raises(ValidationError, match=r"CohortProfile\.cash_flows cashable: None"):
        PROFILE.cash_flows(value_type=ValueType.FISCAL)
    with pytest.raises(ValidationError, match=r"CashFlow\.cashable: True"):
        PROFILE.cash_flows(value_type=ValueType.SOCIAL, cashable=True)
    (social,) = PROFILE.cash_flows(value_type=ValueType.SOCIAL)
    assert (social.value_type, social.cashable) == (ValueType.SOCIAL, False)
    (saving,) = PROFILE.cash_flows(value_type=ValueType.FISCAL, cashable=False)
    assert (saving.value_type, saving.cashable) == (ValueType.FISCAL, False)


def test_cohort_costs_are_cash_unless_in_kind() -> None:
    (outlay,) = PROFILE.cash_flows(nature=Nature.COST)
    assert outlay.cashable and outlay.value_type is None
    (staff,) = PROFILE.cash_flows(nature=Nature.COST, cost_type=CostType.IN_KIND)
    assert not staff.cashable
