"""Cash flows: magnitudes, signs and the cost/benefit field rules."""

from __future__ import annotations

from typing import Any

import pytest

from wecb.core.money import Money
from wecb.core.periods import FinancialYear, OpenPeriod
from wecb.errors import FloatNotAllowedError, ValidationError, WecbTypeError
from wecb.model.cashflows import CashFlow, CostType, Nature, ValueType

FY13 = FinancialYear(2013)


def cost(**changes: Any) -> CashFlow:
    return CashFlow(**{"amount": Money("100"), "nature": Nature.COST, "period": FY13, **changes})


def benefit(**changes: Any) -> CashFlow:
    """A fiscal, cashable benefit unless ``changes`` say otherwise."""
    fields = {"amount": Money("100"), "nature": Nature.BENEFIT, "period": FY13}
    fields |= {"value_type": ValueType.FISCAL, **changes}
    if fields["value_type"] is ValueType.FISCAL:
        fields.setdefault("cashable", True)
    return CashFlow(**fields)


def test_signed_gives_the_sign_from_the_nature() -> None:
    assert cost().signed == -cost().amount
    assert benefit().signed == benefit().amount
    assert cost().is_cost and not cost().is_benefit
    assert benefit().is_benefit and not benefit().is_cost


def test_benefit_value_type_is_as_stated_cost_has_none() -> None:
    assert benefit().value_type is ValueType.FISCAL
    assert benefit(value_type=ValueType.SOCIAL).value_type is ValueType.SOCIAL
    assert cost().value_type is None


def test_partner_is_payer_of_cost_and_beneficiary_of_benefit() -> None:
    assert cost(payer="ecc").partner == "ecc"
    assert benefit(beneficiary="ccg").partner == "ccg"
    assert cost().currency == "GBP"


def test_open_period_and_zero_amount_are_accepted() -> None:
    later = OpenPeriod(key="later", label="Later", after=FY13)
    assert cost(period=later, amount=Money("0")).period == later


@pytest.mark.parametrize(
    ("make", "field", "value", "accepted", "error"),
    [
        (cost, "amount", Money("-1"), "zero or more", ValidationError),
        (cost, "amount", 100, "a Money", WecbTypeError),
        (cost, "nature", "cost", "Nature.COST", WecbTypeError),
        (cost, "period", 2013, "a FinancialYear", WecbTypeError),
        (cost, "period", "2013/14", "a FinancialYear", WecbTypeError),
        (cost, "cashable", None, "True or False", WecbTypeError),
        (cost, "cost_type", "capital", "CostType.CAPITAL", WecbTypeError),
        (benefit, "value_type", "fiscal", "ValueType.FISCAL", WecbTypeError),
        (cost, "payer", "Essex CC", "a key", ValidationError),
        (benefit, "beneficiary", "", "a key", ValidationError),
        (cost, "stream", "a stream", "a key", ValidationError),
        (cost, "label", "", "non-blank", ValidationError),
        (cost, "source", "  ", "non-blank", ValidationError),
        # Cross-field rules.
        (cost, "value_type", ValueType.FISCAL, "None for a cost", ValidationError),
        (cost, "beneficiary", "ecc", "None for a cost", ValidationError),
        (benefit, "cost_type", CostType.REVENUE, "None for a benefit", ValidationError),
        (benefit, "payer", "ecc", "None for a benefit", ValidationError),
        (benefit, "stream", "eig", "None for a benefit", ValidationError),
        (benefit, "value_type", None, "a ValueType for a benefit", ValidationError),
    ],
)
def test_validators(
    make: Any, field: str, value: object, accepted: str, error: type[Exception]
) -> None:
    with pytest.raises(error) as raised:
        make(**{field: value})
    message = str(raised.value)
    assert message.startswith(f"CashFlow.{field}: {value!r}")
    assert accepted in message


def test_in_kind_cost_is_never_cashable() -> None:
    with pytest.raises(ValidationError, match=r"CashFlow\.cashable: True .*in-kind"):
        cost(cost_type=CostType.IN_KIND, cashable=True)
    assert not cost(cost_type=CostType.IN_KIND, cashable=False).cashable
    assert not cost(cost_type=CostType.IN_KIND).cashable


@pytest.mark.parametrize("field", ["amount", "cashable", "period", "payer"])
def test_floats_anywhere_are_refused(field: str) -> None:
    with pytest.raises(FloatNotAllowedError, match=rf"CashFlow\.{field}: float"):
        cost(**{field: 1.0})
