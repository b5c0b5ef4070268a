"""Outcome chains, as properties: the value by year is the issue's formula exactly, held at
the penny by the stated rounding, and every split sums exactly to its whole."""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction

from hypothesis import given, settings

from strategies.outcomes import outcomes
from wecb.appraisal.outcomes import Outcome, outcome_chain
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.model.cashflows import ValueType

PENNY = Fraction(1, 100)


def formula(outcome: Outcome, year: FinancialYear) -> Fraction:
    """Issue 12 item 1, written out independently of wecb's code."""
    unit = Fraction(outcome.unit_rate.magnitude)
    total = Fraction(0)
    for entered, count in outcome.cohort.entries:
        number = count * outcome.engagement * outcome.impact * (1 - outcome.deadweight)
        for k in range(outcome.persistence):
            if entered + outcome.lag + k == year:
                total += number * unit * (1 - outcome.drop_off) ** k
    return total


def _round(value: Fraction) -> Fraction:
    pennies = value / PENNY
    whole, rest = divmod(pennies.numerator, pennies.denominator)
    twice = 2 * rest
    if twice > pennies.denominator or (twice == pennies.denominator and whole % 2 == 1):
        whole += 1
    return whole * PENNY


@settings(max_examples=150, deadline=None)
@given(outcomes())
def test_each_year_is_the_formula_rounded_half_even_to_the_penny(outcome: Outcome) -> None:
    chain = outcome_chain(outcome, rounding=ROUND_HALF_EVEN)
    first = outcome.cohort.entries[0][0]
    last = outcome.cohort.entries[-1][0] + outcome.lag + outcome.persistence - 1
    assert [s.year for s in chain.steps] == list(FinancialYear.range(first, last))
    for step, year in zip(chain.steps, chain.years, strict=True):
        exact = formula(outcome, step.year)
        assert step.value == exact
        assert Fraction(year.value.amount) == _round(exact)
        assert abs(Fraction(year.value.amount) - exact) <= PENNY / 2


@settings(max_examples=150, deadline=None)
@given(outcomes())
def test_every_split_sums_exactly_to_its_whole(outcome: Outcome) -> None:
    chain = outcome_chain(outcome, rounding=ROUND_HALF_EVEN)
    by_year: dict[FinancialYear, Money] = defaultdict(Money.zero)
    cashable: dict[FinancialYear, Money] = defaultdict(Money.zero)
    parts: dict[tuple[FinancialYear, bool], dict[str, Money]] = defaultdict(dict)
    for flow in chain.flows:
        assert flow.amount > Money.zero()
        assert flow.amount.amount == flow.amount.amount.quantize(Decimal("0.01"))
        by_year[flow.period] += flow.amount  # type: ignore[index]
        if flow.cashable:
            cashable[flow.period] += flow.amount  # type: ignore[index]
        assert flow.beneficiary is not None
        parts[(flow.period, flow.cashable)][flow.beneficiary] = flow.amount  # type: ignore[index]
    for year in chain.years:
        assert by_year[year.year] == year.value
        assert cashable[year.year] == year.cashable
        assert year.cashable + year.non_cashable == year.value
    assert sum((f.amount for f in chain.flows), Money.zero()) == chain.total
    shares = dict(outcome.agency_shares)
    for (_, _), agencies in parts.items():
        whole = sum(agencies.values(), Money.zero())
        for agency, amount in agencies.items():
            # Each agency's part is within a penny of its exact share of the whole.
            assert abs(Fraction(amount.amount) - Fraction(whole.amount) * shares[agency]) < PENNY


@settings(max_examples=150, deadline=None)
@given(outcomes())
def test_only_fiscal_values_are_cashable_and_by_their_share(outcome: Outcome) -> None:
    chain = outcome_chain(outcome, rounding=ROUND_HALF_EVEN)
    for year in chain.years:
        if outcome.value_type is ValueType.FISCAL:
            assert outcome.cashable_share is not None
            exact = Fraction(year.value.amount) * outcome.cashable_share
            assert abs(Fraction(year.cashable.amount) - exact) < PENNY
        else:
            assert year.cashable.is_zero()
    assert all(f.value_type is outcome.value_type for f in chain.flows)


@settings(max_examples=100, deadline=None)
@given(outcomes(percent_only=True))
def test_percent_rates_give_exact_values_at_a_fine_enough_precision(outcome: Outcome) -> None:
    # Whole counts, whole pounds and whole percentages: each year's value is a terminating
    # decimal, so a fine enough precision needs no rounding at all.
    fine = Decimal(10) ** -(4 * (4 + outcome.persistence))
    chain = outcome_chain(outcome, precision=fine)
    assert all(
        Fraction(y.value.amount) == s.value for s, y in zip(chain.steps, chain.years, strict=True)
    )
