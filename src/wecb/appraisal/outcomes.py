"""Outcome chains: from a cohort to benefits by year, by agency, exactly.

The 2014 cost benefit analysis guidance for local partnerships values a benefit as a chain:
a **cohort** enters an intervention each year; a share of it **engages**; of those, a share
**improves** (the impact, or success, rate); a share of that improvement would have happened
anyway (**deadweight**); the rest is worth a **unit value** per member per year, starting
**lag** years after the cohort enters, lasting **persistence** years and falling by a
**drop-off** rate each year after the first. An :class:`Outcome` holds those inputs;
:func:`outcome_chain` gives an :class:`OutcomeChain`: the steps by year, for audit, and
ordinary :class:`~wecb.model.cashflows.CashFlow` benefits that :func:`~wecb.appraisal.appraise`,
:func:`~wecb.rollups.rollup` and :func:`~wecb.whopays.who_pays` take unchanged.

The semantics, exactly (see :doc:`/concepts/outcomes` for where each comes from):

* a cohort of ``c`` entering in year ``y`` gives ``c x engagement x impact x (1 - deadweight)``
  members benefiting;
* their benefits fall in years ``y + lag`` to ``y + lag + persistence - 1``;
* in the k-th of those years (k = 0, 1, ...) they are worth
  ``number x unit value x (1 - drop_off)**k``, the unit value being money per cohort member
  per year (a :mod:`wecb.units` rate such as "£52,000 per family per year", or a
  :class:`~wecb.appraisal.unit_costs.UnitCost`);
* a year's value is the sum over cohorts, exact; it is then held at the ``precision``
  (a penny by default): a value finer than that is refused unless ``rounding`` names a
  :mod:`decimal` rounding mode (nothing is rounded unless asked);
* each year's value is split into cashable and non-cashable (fiscal benefits only, by the
  cashable share), then each part across the agencies by their shares, by the largest
  remainder method, so that every split sums exactly to its whole.

>>> from wecb.core.money import Money
>>> cohort = Cohort.by_year({"2014/15": 100, "2015/16": 100})
>>> outcome = Outcome(name="fewer police call-outs", cohort=cohort, engagement="80%",
...     impact="50%", deadweight="25%", lag=1, persistence=2, drop_off="50%",
...     unit_value="£1,000 per family per year", value_type=ValueType.FISCAL,
...     cashable_share="1/2", agency_shares={"essex_police": "3/4", "ecc": "1/4"})
>>> chain = outcome_chain(outcome)
>>> [(str(year), str(money)) for year, money in chain.by_year().items()]
[('2014/15', '£0.00'), ('2015/16', '£30,000.00'), ('2016/17', '£45,000.00'), \
('2017/18', '£15,000.00')]
>>> chain.total == sum((flow.amount for flow in chain.flows), Money.zero())
True
>>> last = [f for f in chain.flows if str(f.period) == "2017/18"]
>>> [(f.beneficiary, f.cashable, str(f.amount)) for f in last]
[('essex_police', True, '£5,625.00'), ('ecc', True, '£1,875.00'), \
('essex_police', False, '£5,625.00'), ('ecc', False, '£1,875.00')]

Bad input names the outcome and the field:

>>> Outcome(name="x", cohort=cohort, engagement="120%", impact=1, deadweight=0, lag=0,
...     persistence=1, drop_off=0, unit_value="£1 per family per year",
...     value_type=ValueType.SOCIAL, agency_shares={"ecc": 1})
Traceback (most recent call last):
...
wecb.errors.AppraisalError: outcome 'x', field engagement: '120%' is not accepted; expected a \
number from 0 to 1
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs

from wecb.appraisal._exact import rounding_mode
from wecb.appraisal._outcome_assumptions import CHAIN_RULES, OUTCOME_RULES, input_assumptions
from wecb.appraisal._outcome_inputs import (
    cohort_entries,
    cohort_unit,
    count_text,
    exact_rate,
    lenient,
    per_member_year,
    quantity_text,
    rebased_unit,
    shares,
    shares_in,
    unit_value_in,
    wave_unit,
    whole_years,
)
from wecb.appraisal._outcome_result import FlowSpec, OutcomeChain, chain_flows, precision_rules
from wecb.appraisal._outcome_steps import chain_steps
from wecb.appraisal.cohorts import CohortWave
from wecb.appraisal.prices import PriceIndex
from wecb.appraisal.unit_costs import UnitCost
from wecb.core._validators import check_text, require_instance
from wecb.core.allocation import quantum
from wecb.core.assumptions import Assumption
from wecb.core.money import Money
from wecb.core.numbers import Exact
from wecb.core.periods import FinancialYear
from wecb.errors import AppraisalError, WecbError
from wecb.model.cashflows import ValueType
from wecb.model.facts import TeamPlan

if TYPE_CHECKING:
    from wecb.units import Quantity

__all__ = ["Cohort", "Outcome", "OutcomeChain", "outcome_chain"]


@attrs.frozen(kw_only=True)
class Cohort:
    """Members (families, people, ...: ``unit``) entering an intervention, by financial
    year: ``entries`` holds ``(year, count)`` pairs in order, counts exact (a ``Fraction``)
    and zero or more. ``basis`` states where the counts come from.

    >>> Cohort.by_year({"2014/15": 540, "2015/16": "1,080"}).total
    Fraction(1620, 1)
    """

    label: str = attrs.field(default="cohort")
    unit: str = attrs.field(default="family", validator=cohort_unit)
    entries: tuple[tuple[FinancialYear, Fraction], ...] = attrs.field(converter=cohort_entries)
    basis: tuple[Assumption, ...] = attrs.field(default=(), repr=False)

    @classmethod
    def by_year(
        cls,
        counts: Mapping[FinancialYear | str, Exact],
        *,
        unit: str = "family",
        label: str = "cohort",
        source: str | None = None,
    ) -> Cohort:
        """A cohort from a count per financial year (``FinancialYear`` or ``"2014/15"``)."""
        cohort = cls(label=label, unit=unit, entries=counts)
        listed = ", ".join(f"{year} {count_text(n)}" for year, n in cohort.entries)
        said = Assumption(
            name="cohort" if label == "cohort" else f"cohort {label!r}",
            value=f"{unit} entering by year: {listed}",
            source=source or "stated by the caller",
        )
        return attrs.evolve(cohort, basis=(said,))

    @classmethod
    def from_waves(
        cls,
        waves: Iterable[CohortWave],
        *,
        first: FinancialYear,
        last: FinancialYear,
        label: str = "cohort",
    ) -> Cohort:
        """A cohort from waves of teams: the cases the waves work with in each year from
        ``first`` to ``last`` are that year's entering cohort (each case is worked with
        within the year; see :class:`~wecb.appraisal.cohorts.CohortWave` for part years)."""
        listed = tuple(waves)
        unit = wave_unit(listed)
        entries = tuple(
            (year, sum((w.cases(year) or Fraction(0) for w in listed), Fraction(0)))
            for year in FinancialYear.range(first, last)
        )
        rule = Assumption(
            name="cohort by year",
            value=f"the cases the waves work with in each year from {first} to {last} are that "
            "year's entering cohort",
            source=OUTCOME_RULES,
        )
        basis = (*(wave.assumption() for wave in listed), rule)
        return cls(label=label, unit=unit, entries=entries, basis=basis)

    @classmethod
    def from_team_plan(
        cls, plan: TeamPlan, *, last: FinancialYear, assume_start_month: int | None = None
    ) -> Cohort:
        """A cohort from a programme's :class:`~wecb.model.facts.TeamPlan`, from the plan's
        first financial year to ``last`` (see
        :meth:`CohortWave.from_team_plan <wecb.appraisal.cohorts.CohortWave.from_team_plan>`
        for ``assume_start_month``, needed when the plan gives no month)."""
        wave = CohortWave.from_team_plan(plan, assume_start_month=assume_start_month)
        return cls.from_waves((wave,), first=wave.start, last=last, label=plan.key)

    @property
    def total(self) -> Fraction:
        """Every member entering, over all years."""
        return sum((count for _, count in self.entries), Fraction(0))


_RATES = ("engagement", "impact", "deadweight", "drop_off")


@attrs.frozen(kw_only=True)
class Outcome:
    """One outcome's chain inputs (see the module's notes for the semantics).

    ``engagement``, ``impact`` (the success rate), ``deadweight`` and ``drop_off`` are exact
    rates from 0 to 1 (``"80%"``, ``Decimal("0.8")``, ``Fraction(4, 5)``; never a float);
    ``lag`` (0 or more) and ``persistence`` (1 or more) are whole years. ``unit_value`` is
    money per cohort member per year: a :mod:`wecb.units` rate or its text (kept as lossless
    quantity text), with its ``price_year`` when known, or a
    :class:`~wecb.appraisal.unit_costs.UnitCost` (which brings its own price year and value
    type). ``cashable_share`` is required for a fiscal benefit and refused otherwise;
    ``agency_shares`` maps partner keys to shares summing exactly to 1.
    """

    name: str
    cohort: Cohort
    engagement: Fraction = attrs.field(converter=lenient)
    impact: Fraction = attrs.field(converter=lenient)
    deadweight: Fraction = attrs.field(converter=lenient)
    lag: int
    persistence: int
    drop_off: Fraction = attrs.field(converter=lenient)
    unit_value: str | UnitCost = attrs.field(converter=unit_value_in)
    value_type: ValueType
    agency_shares: tuple[tuple[str, Fraction], ...] = attrs.field(converter=shares_in)
    cashable_share: Fraction | None = attrs.field(
        default=None, converter=attrs.converters.optional(lenient)
    )
    price_year: FinancialYear | None = None
    label: str | None = None
    source: str | None = None

    def __attrs_post_init__(self) -> None:
        check_text("Outcome.name", self.name, error=AppraisalError)
        where = f"outcome {self.name!r}"
        require_instance(f"{where}, field cohort", self.cohort, Cohort, "a Cohort")
        require_instance(f"{where}, field value_type", self.value_type, ValueType, "a ValueType")
        fixed: dict[str, object] = {f: exact_rate(where, f, getattr(self, f)) for f in _RATES}
        fixed["lag"] = whole_years(where, "lag", self.lag, minimum=0)
        fixed["persistence"] = whole_years(where, "persistence", self.persistence, minimum=1)
        fixed["agency_shares"] = shares(where, self.agency_shares)
        fixed["cashable_share"] = self._cashable(where)
        if self.price_year is not None:
            require_instance(
                f"{where}, field price_year",
                self.price_year,
                FinancialYear,
                "a FinancialYear or None",
            )
        if isinstance(self.unit_value, UnitCost):
            self._check_unit_cost(where, self.unit_value)
        else:
            fixed["unit_value"] = quantity_text(where, self.unit_value)
        for name, value in fixed.items():
            object.__setattr__(self, name, value)
        per_member_year(where, self.unit_rate, self.cohort.unit)  # units checked now

    def _cashable(self, where: str) -> Fraction | None:
        if self.value_type is ValueType.FISCAL:
            if self.cashable_share is None:
                raise AppraisalError(
                    f"{where}, field cashable_share: not stated for a fiscal benefit; give the "
                    "share of the saving that releases cash from a budget (0 when none does)"
                )
            return exact_rate(where, "cashable_share", self.cashable_share)
        if self.cashable_share is not None:
            raise AppraisalError.not_accepted(
                f"{where}, field cashable_share",
                self.cashable_share,
                f"None for a {self.value_type.value} benefit: cashability applies to fiscal "
                "benefits only",
            )
        return None

    def _check_unit_cost(self, where: str, cost: UnitCost) -> None:
        if self.price_year is not None and self.price_year != cost.price_year:
            raise AppraisalError(
                f"{where}, field price_year: {self.price_year} contradicts unit cost "
                f"{cost.code!r}, in {cost.price_year} prices; leave price_year out"
            )
        if cost.value_type is not self.value_type:
            raise AppraisalError(
                f"{where}, field value_type: {self.value_type.value} contradicts unit cost "
                f"{cost.code!r}, a {cost.value_type.value} value"
            )

    @property
    def unit_rate(self) -> Quantity:
        """The unit value as a :mod:`wecb.units` rate (money per member per year)."""
        from wecb.units import quantity_from_text  # noqa: PLC0415

        if isinstance(self.unit_value, UnitCost):
            return self.unit_value.rate
        return quantity_from_text(self.unit_value)

    @property
    def unit_price_year(self) -> FinancialYear | None:
        """The price year of the unit value: the unit cost's, else :attr:`price_year`."""
        if isinstance(self.unit_value, UnitCost):
            return self.unit_value.price_year
        return self.price_year


def outcome_chain(
    outcome: Outcome,
    *,
    precision: str | Decimal = "penny",
    rounding: str | None = None,
    price_base: FinancialYear | None = None,
    price_index: PriceIndex | None = None,
) -> OutcomeChain:
    """The chain of ``outcome``: its steps by year and its benefit flows (see the module).

    ``precision`` is the unit each year's value is held at and split in (a name from
    :data:`wecb.core.allocation.UNITS` or a positive ``Decimal``); ``rounding`` (a
    :mod:`decimal` rounding mode such as ``decimal.ROUND_HALF_EVEN``) rounds each year's
    exact value to it, and without it a value finer than the precision is refused.

    ``price_base`` rebases the unit value from its price year with ``price_index``
    (:meth:`PriceIndex.rebase <wecb.appraisal.prices.PriceIndex.rebase>`) before the chain
    is valued, and the flows carry ``price_year=price_base``; without it the flows carry the
    unit value's price year (``None`` when it has none), for
    :func:`~wecb.appraisal.appraise` to convert.
    """
    require_instance("outcome_chain.outcome", outcome, Outcome, "an Outcome")
    where = f"outcome {outcome.name!r}"
    try:
        step = quantum(precision)
    except WecbError as exc:  # the same class, naming the argument
        raise type(exc)(f"outcome_chain.precision: {exc}") from exc
    if rounding is not None:
        rounding = rounding_mode(rounding)
    unit_rate, price_year, rebased = rebased_unit(
        outcome.unit_rate, outcome.unit_price_year, where, price_base, price_index
    )
    per_year = per_member_year(where, unit_rate, outcome.cohort.unit)
    steps = chain_steps(
        outcome.cohort.entries,
        engagement=outcome.engagement,
        impact=outcome.impact,
        deadweight=outcome.deadweight,
        lag=outcome.lag,
        persistence=outcome.persistence,
        drop_off=outcome.drop_off,
        unit_value=Fraction(per_year.amount),
    )
    spec = FlowSpec(
        name=outcome.name,
        label=outcome.label or outcome.name,
        source=outcome.source,
        value_type=outcome.value_type,
        cashable_share=outcome.cashable_share,
        agency_shares=outcome.agency_shares,
        price_year=price_year,
    )
    years, flows = chain_flows(
        spec, steps, step=step, rounding=rounding, currency=per_year.currency
    )
    basis = _basis(
        outcome,
        per_year=per_year,
        price_year=price_year,
        rebased=rebased,
        step=step,
        rounding=rounding,
    )
    return OutcomeChain(
        name=outcome.name,
        unit=outcome.cohort.unit,
        unit_value=per_year,
        steps=steps,
        years=years,
        flows=flows,
        basis=basis,
    )


def _basis(
    outcome: Outcome,
    *,
    per_year: Money,
    price_year: FinancialYear | None,
    rebased: Assumption | None,
    step: Decimal,
    rounding: str | None,
) -> tuple[Assumption, ...]:
    """The assumptions behind an outcome's chain: its inputs, then the chain's rules."""
    inputs = input_assumptions(
        name=outcome.name,
        source=outcome.source,
        rates=[(field.replace("_", "-"), getattr(outcome, field)) for field in _RATES],
        lag=outcome.lag,
        persistence=outcome.persistence,
        unit_value=str(per_year) + f" per {outcome.cohort.unit} per year",
        unit_source=outcome.unit_value.source
        if isinstance(outcome.unit_value, UnitCost)
        else None,
        price_year=price_year,
        value_type=outcome.value_type.value,
        cashable_share=outcome.cashable_share,
        agency_shares=outcome.agency_shares,
    )
    return (
        *outcome.cohort.basis,
        *inputs,
        *((rebased,) if rebased else ()),
        *CHAIN_RULES,
        *precision_rules(step, rounding),
    )
