"""Benefit-sharing agreements: exact to the penny, programme totals never change."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from strategies import (
    APPRAISAL_PARTNERS,
    appraisal_fixed_shares,
    appraisal_partner_amounts,
)
from wecb.core.money import Money
from wecb.errors import AppraisalError, CurrencyMismatchError, FloatNotAllowedError, WecbTypeError
from wecb.rollups import Totals
from wecb.whopays import CostsFirstThenProRata, FixedShares, SharingOutcome, share_benefits

COSTS_FIRST = CostsFirstThenProRata()
PENNY = Fraction(1, 100)


def allocated(outcome: SharingOutcome) -> dict[str, Money]:
    return {p.partner: p.allocated for p in outcome.positions}


# --------------------------------------------------------------------------- examples


def test_wrong_pocket_investor_recovers_cost_and_takes_the_rest() -> None:
    # The county invests, the police receive the saving; the county is the only investor.
    out = share_benefits({"county": Money(100)}, {"police": Money(160)}, COSTS_FIRST)
    assert allocated(out) == {"county": Money(160), "police": Money(0)}
    assert out["county"].net == Money(60)
    assert out["police"].transfer == Money(-160)
    assert out.net_benefit == Money(60)


def test_costs_first_then_pro_rata_to_investment() -> None:
    out = share_benefits({"a": Money(30), "b": Money(10)}, {"c": Money(100)}, COSTS_FIRST)
    # Each recovers its cost, then the 60 left is shared 30:10.
    rest = Fraction(100 - 40)
    assert Fraction(out["a"].allocated.amount) == 30 + rest * Fraction(30, 40)
    assert Fraction(out["b"].allocated.amount) == 10 + rest * Fraction(10, 40)
    assert out["c"].allocated == Money(0)


def test_benefit_short_of_costs_is_shared_pro_rata_to_costs() -> None:
    out = share_benefits({"a": Money(30), "b": Money(10)}, {"c": Money(20)}, COSTS_FIRST)
    assert Fraction(out["a"].allocated.amount) == 20 * Fraction(30, 40)
    assert Fraction(out["b"].allocated.amount) == 20 * Fraction(10, 40)


def test_remainder_by_benefit_repays_investors_and_leaves_the_surplus_with_receivers() -> None:
    agreement = CostsFirstThenProRata(remainder="benefit")
    out = share_benefits(
        {"county": Money(100)}, {"police": Money(120), "health": Money(40)}, agreement
    )
    rest = Fraction(160 - 100)
    assert out["county"].allocated == Money(100)
    assert Fraction(out["police"].allocated.amount) == rest * Fraction(120, 160)
    assert Fraction(out["health"].allocated.amount) == rest * Fraction(40, 160)
    assert agreement.name == "costs first, then pro rata to benefit"


def test_pennies_are_never_lost_or_made() -> None:
    invested = {"a": Money("0.01"), "b": Money("0.01"), "c": Money("0.01")}
    out = share_benefits(invested, {"d": Money("1.00")}, COSTS_FIRST)
    shares = allocated(out)
    assert sum(shares.values(), Money(0)) == Money("1.00")
    # 97p left over after costs splits 33/32/32; the tie goes to the key that sorts first.
    assert shares == {"a": Money("0.34"), "b": Money("0.33"), "c": Money("0.33"), "d": Money(0)}


def test_fixed_shares() -> None:
    thirds = FixedShares({"a": Fraction(1, 3), "b": Fraction(1, 3), "c": Fraction(1, 3)})
    out = share_benefits({"a": Money(50)}, {"b": Money(100)}, thirds)
    assert allocated(out) == {"a": Money("33.34"), "b": Money("33.33"), "c": Money("33.33")}
    assert sum((p.transfer for p in out.positions), Money(0)) == Money(0)
    assert out["c"].invested == Money(0) and out["c"].received == Money(0)


def test_fixed_shares_accept_decimal_text_and_ints() -> None:
    shares = FixedShares({"a": "0.25", "b": Decimal("0.75"), "c": 0})
    assert shares.as_dict() == {"a": Fraction(1, 4), "b": Fraction(3, 4), "c": 0}
    assert "a 1/4" in shares.name


def test_zero_benefit_shares_nothing() -> None:
    out = share_benefits({"a": Money(10)}, {"b": Money(0)}, COSTS_FIRST)
    assert all(p.allocated == Money(0) for p in out.positions)
    assert out["a"].net == Money(-10)


def test_outcome_reads_as_a_table_and_gives_rows() -> None:
    out = share_benefits({"county": Money(100)}, {"police": Money(160)}, COSTS_FIRST)
    text = str(out).splitlines()
    assert text[0] == "costs first, then pro rata to investment"
    assert text[1].split() == ["partner", "invested", "received", "allocated", "transfer", "net"]
    assert text[-2:] == [  # the notes end with the assumptions
        "assumptions:",
        "  - sharing agreement: costs first, then pro rata to investment",
    ]
    assert text[-3].split()[0] == "total"
    assert text[2].startswith("-------")  # the table kernel rules the header off
    assert text[-4].startswith("-------")  # and the total row
    rows = out.rows()
    assert [r["partner"] for r in rows] == ["county", "police"]
    assert rows[0]["allocated"] == Money(160)
    assert out.table().records() == rows  # the total row is the footer
    assert out.total == Totals(costs=Money(100), benefits=Money(160))
    assert out.total.net == out.net_benefit
    with pytest.raises(AppraisalError, match="no partner 'fire'"):
        out["fire"]


# --------------------------------------------------------------------------- validation


@pytest.mark.parametrize(
    ("shares", "message"),
    [
        ({"a": Fraction(1, 2), "b": Fraction(1, 3)}, "sum to exactly 1"),
        ({"a": Fraction(3, 2), "b": Fraction(-1, 2)}, "expected a number from 0"),
        ({"a": "one"}, r"'one' is not accepted; expected an int, Decimal, Fraction or text"),
        ({"a": Decimal("NaN")}, "finite"),
        ({"": 1}, "partner key"),
    ],
)
def test_bad_fixed_shares(shares: object, message: str) -> None:
    with pytest.raises(AppraisalError, match=message):
        FixedShares(shares)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("shares", "message"),
    [
        ({"a": None}, "expected an int, Decimal, Fraction or text"),
        ([("a", 1)], "expected a mapping"),
        ({1: 1}, "partner key"),
    ],
)
def test_fixed_shares_of_the_wrong_type(shares: object, message: str) -> None:
    with pytest.raises(WecbTypeError, match=message):
        FixedShares(shares)  # type: ignore[arg-type]


def test_fixed_shares_read_exact_numbers_as_core_numbers_does() -> None:
    assert FixedShares({"a": "1/3", "b": "2/3"}).as_dict() == {
        "a": Fraction(1, 3),
        "b": Fraction(2, 3),
    }
    assert FixedShares({"a": "40%", "b": Decimal("0.6")}).as_dict()["a"] == Fraction(2, 5)


def test_float_shares_are_refused() -> None:
    with pytest.raises(FloatNotAllowedError):
        FixedShares({"a": 1.0})  # type: ignore[dict-item]


def test_fixed_shares_must_cover_every_partner() -> None:
    with pytest.raises(AppraisalError, match="no share for 'b'"):
        share_benefits({"a": Money(1)}, {"b": Money(1)}, FixedShares({"a": 1}))


def test_inputs_are_checked() -> None:
    with pytest.raises(CurrencyMismatchError):
        share_benefits({"a": Money(1)}, {"b": Money(1, "EUR")}, COSTS_FIRST)
    with pytest.raises(AppraisalError, match=">= 0"):
        share_benefits({"a": Money(-1)}, {"b": Money(1)}, COSTS_FIRST)
    with pytest.raises(AppraisalError, match=r"whole number of 0\.01"):
        share_benefits({"a": Money("1.005")}, {"b": Money(1)}, COSTS_FIRST)
    with pytest.raises(AppraisalError, match="at least one partner"):
        share_benefits({}, {}, COSTS_FIRST)
    with pytest.raises(WecbTypeError, match="expected Money"):
        share_benefits({"a": Decimal(1)}, {}, COSTS_FIRST)  # type: ignore[dict-item]
    with pytest.raises(WecbTypeError, match="a positive Decimal"):
        share_benefits({"a": Money(1)}, {"b": Money(1)}, COSTS_FIRST, unit="0.01")  # type: ignore[arg-type]
    with pytest.raises(AppraisalError, match="no partner invested"):
        share_benefits({"a": Money(0)}, {"b": Money(5)}, COSTS_FIRST)
    with pytest.raises(AppraisalError, match="unit"):
        share_benefits({"a": Money(1)}, {"b": Money(1)}, COSTS_FIRST, unit=Decimal(0))
    with pytest.raises(AppraisalError):
        CostsFirstThenProRata(remainder="equal")  # type: ignore[arg-type]
    with pytest.raises(AppraisalError, match="not a whole number of 1"):
        share_benefits({"a": Money("1.50")}, {"b": Money(3)}, COSTS_FIRST, unit=Decimal(1))


def test_pounds_as_the_unit() -> None:
    out = share_benefits(
        {"a": Money(1), "b": Money(1)}, {"c": Money(5)}, COSTS_FIRST, unit=Decimal(1)
    )
    assert allocated(out) == {"a": Money(3), "b": Money(2), "c": Money(0)}


# --------------------------------------------------------------------------- properties


def exact_costs_first(
    invested: dict[str, Money], received: dict[str, Money], partner: str
) -> Fraction:
    """The exact (unrounded) share under costs-first-then-pro-rata-to-investment."""
    cost = sum((Fraction(m.amount) for m in invested.values()), Fraction(0))
    benefit = sum((Fraction(m.amount) for m in received.values()), Fraction(0))
    mine = Fraction(invested[partner].amount) if partner in invested else Fraction(0)
    if benefit <= cost:
        return benefit * mine / cost
    return mine + (benefit - cost) * mine / cost


def check_totals(out: SharingOutcome) -> None:
    zero = Money(0)
    assert sum((p.allocated for p in out.positions), zero) == out.total_benefit
    assert sum((p.received for p in out.positions), zero) == out.total_benefit
    assert sum((p.invested for p in out.positions), zero) == out.total_invested
    assert sum((p.transfer for p in out.positions), zero) == zero
    assert sum((p.net for p in out.positions), zero) == out.net_benefit
    for p in out.positions:
        assert p.allocated.amount == p.allocated.round("penny").amount  # whole pennies


@given(appraisal_partner_amounts(min_size=1), appraisal_partner_amounts())
def test_costs_first_preserves_totals_and_is_within_a_penny(
    invested: dict[str, Money], received: dict[str, Money]
) -> None:
    assume(any(not m.is_zero() for m in invested.values()))
    out = share_benefits(invested, received, COSTS_FIRST)
    check_totals(out)
    for p in out.positions:
        exact = exact_costs_first(invested, received, p.partner)
        assert abs(Fraction(p.allocated.amount) - exact) < PENNY
        if out.total_benefit >= out.total_invested:
            assert p.allocated >= p.invested  # investors recover their costs in full


@given(
    appraisal_partner_amounts(), appraisal_partner_amounts(min_size=1), appraisal_fixed_shares()
)
def test_fixed_shares_preserve_totals_and_are_within_a_penny(
    invested: dict[str, Money], received: dict[str, Money], shares: dict[str, Fraction]
) -> None:
    out = share_benefits(invested, received, FixedShares(shares))
    check_totals(out)
    total = Fraction(out.total_benefit.amount)
    for p in out.positions:
        assert abs(Fraction(p.allocated.amount) - total * shares[p.partner]) < PENNY


@given(
    appraisal_partner_amounts(min_size=1),
    appraisal_partner_amounts(),
    st.sampled_from(["investment", "benefit"]),
)
def test_order_of_the_mappings_does_not_matter(
    invested: dict[str, Money], received: dict[str, Money], remainder: str
) -> None:
    assume(any(not m.is_zero() for m in invested.values()))
    agreement = CostsFirstThenProRata(remainder=remainder)  # type: ignore[arg-type]
    forward = share_benefits(invested, received, agreement)
    backward = share_benefits(
        dict(reversed(invested.items())), dict(reversed(received.items())), agreement
    )
    assert forward == backward
    check_totals(forward)
    assert {p.partner for p in forward.positions} <= set(APPRAISAL_PARTNERS)
