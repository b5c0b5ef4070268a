"""Funding streams: validators and totals."""

from __future__ import annotations

from typing import Any

import pytest

from wecb.core.money import Money
from wecb.core.periods import FinancialYear, OpenPeriod
from wecb.errors import FloatNotAllowedError, ValidationError, WecbTypeError
from wecb.model.funding import PROGRAMME, FundingBasis, FundingStream
from wecb.model.integration import PoolingArrangement

LATER = OpenPeriod(key="later", label="Later years", after=FinancialYear(2013))


def stream(**changes: Any) -> FundingStream:
    fields: dict[str, Any] = {
        "key": "eig",
        "name": "Early Intervention Grant",
        "funder": "ecc",
        "arrangement": PoolingArrangement.ALIGNED,
        "amount": Money("500000"),
    }
    return FundingStream(**{**fields, **changes})


def test_defaults() -> None:
    s = stream()
    assert s.basis is FundingBasis.TOTAL
    assert s.periods == ()
    assert not s.ring_fenced
    assert s.recipient is None
    assert not s.is_pooled


def test_total_basis_is_the_amount_whatever_the_periods() -> None:
    s = stream(periods=(FinancialYear(2012), LATER))
    assert s.total == s.amount


def test_per_year_total_is_amount_times_years() -> None:
    years = FinancialYear.range(FinancialYear(2012), FinancialYear(2015))
    s = stream(amount=Money("95000"), basis=FundingBasis.PER_YEAR, periods=years)
    assert s.total == Money("95000") * len(years)
    assert s.financial_years == years


def test_per_year_over_open_period_cannot_be_totalled() -> None:
    s = stream(basis=FundingBasis.PER_YEAR, periods=(FinancialYear(2013), LATER))
    with pytest.raises(ValidationError, match=r"open period\(s\) 'later'.*no fixed number"):
        _ = s.total


def test_per_year_without_periods_cannot_be_totalled() -> None:
    with pytest.raises(ValidationError, match="no periods"):
        _ = stream(basis=FundingBasis.PER_YEAR).total


def test_unquantified_stream_has_no_total() -> None:
    in_kind = stream(amount=None, arrangement=PoolingArrangement.IN_KIND)
    with pytest.raises(ValidationError, match="no amount"):
        _ = in_kind.total


def test_recipient_may_be_programme_or_a_project_key() -> None:
    assert stream(recipient=PROGRAMME).recipient == "programme"
    assert stream(recipient="FBC5").recipient == "FBC5"


@pytest.mark.parametrize(
    ("field", "value", "accepted", "error"),
    [
        ("key", "a b", "a key", ValidationError),
        ("name", "", "non-blank", ValidationError),
        ("funder", None, "a key", WecbTypeError),
        ("arrangement", "pooled", "PoolingArrangement.POOLED", WecbTypeError),
        ("amount", Money("-1"), "zero or more", ValidationError),
        ("amount", 500000, "a Money", WecbTypeError),
        ("basis", "per_year", "FundingBasis.PER_YEAR", WecbTypeError),
        ("periods", [FinancialYear(2012)], "a tuple", WecbTypeError),
        ("periods", (2012,), "a FinancialYear", WecbTypeError),
        ("periods", (FinancialYear(2012), FinancialYear(2012)), "distinct", ValidationError),
        ("ring_fenced", 1, "True or False", WecbTypeError),
        ("recipient", "not a key", "a key", ValidationError),
        ("recipient", 3, "a project key, 'programme', or None", WecbTypeError),
        ("note", " ", "non-blank", ValidationError),
        ("source", "", "non-blank", ValidationError),
    ],
)
def test_validators(field: str, value: object, accepted: str, error: type[Exception]) -> None:
    with pytest.raises(error) as raised:
        stream(**{field: value})
    message = str(raised.value)
    assert message.startswith(f"FundingStream.{field}")
    # A bad tuple element is named with its index and shown on its own.
    shown = value[-1] if isinstance(value, tuple) else value
    assert repr(shown) in message
    assert accepted in message


def test_float_amount_is_refused() -> None:
    with pytest.raises(FloatNotAllowedError, match=r"FundingStream\.amount"):
        stream(amount=500000.0)
