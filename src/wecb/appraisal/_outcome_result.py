"""An outcome chain's result (private; public as :class:`wecb.appraisal.outcomes.OutcomeChain`):
each year's value held at the precision, its exact splits into flows, and the step table.

>>> number_text(Fraction(432, 10)), number_text(Fraction(1, 3)), number_text(Fraction(1080))
('43.2', '1/3', '1,080')
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

import attrs

from wecb.appraisal._exact import round_ratio
from wecb.appraisal._outcome_assumptions import OUTCOME_RULES
from wecb.appraisal._outcome_steps import ChainStep, split_units
from wecb.core.assumptions import Assumption, ResultRows, assumption_notes
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.core.table import Column, Table, Tabular
from wecb.errors import AppraisalError
from wecb.model.cashflows import CashFlow, Nature, ValueType

__all__ = [
    "ChainYear",
    "FlowSpec",
    "OutcomeChain",
    "chain_flows",
    "number_text",
    "precision_rules",
]


def number_text(value: Fraction) -> str:
    """An exact count as text: grouped digits when it has a short decimal form, else n/d."""
    for places in range(13):
        scaled = value * 10**places
        if scaled.denominator == 1:
            text = f"{Decimal(scaled.numerator).scaleb(-places):,f}"
            return text
    return f"{value.numerator}/{value.denominator}"


@attrs.frozen(kw_only=True)
class ChainYear:
    """One year's value at the chain's precision and the cashable part of it."""

    year: FinancialYear
    value: Money
    cashable: Money

    @property
    def non_cashable(self) -> Money:
        """The value that is not cashable."""
        return self.value - self.cashable


def precision_rules(step: Decimal, rounding: str | None) -> tuple[Assumption, ...]:
    """How each year's exact value is held at the precision."""
    if rounding is None:
        how = "exact: a year's value finer than the precision is refused (rounding not given)"
        return (Assumption(name="precision", value=f"{step} ({how})", source=OUTCOME_RULES),)
    return (
        Assumption(
            name="precision",
            value=f"{step}: each year's exact value rounded to it ({rounding}) before the splits",
            source="stated by the caller",
        ),
    )


@attrs.frozen(kw_only=True)
class FlowSpec:
    """What every flow of a chain states: the outcome's name (for errors), label, source,
    value type, cashable share (fiscal only) and agency shares, and the price year."""

    name: str
    label: str
    source: str | None
    value_type: ValueType
    cashable_share: Fraction | None
    agency_shares: tuple[tuple[str, Fraction], ...]
    price_year: FinancialYear | None


def chain_flows(
    spec: FlowSpec,
    steps: Sequence[ChainStep],
    *,
    step: Decimal,
    rounding: str | None,
    currency: str,
) -> tuple[tuple[ChainYear, ...], tuple[CashFlow, ...]]:
    """Each year's value at the precision, and the flows splitting it: cashable then
    non-cashable, each across the agencies in the order given; zero parts make no flow."""
    unit = Fraction(step)
    years: list[ChainYear] = []
    flows: list[CashFlow] = []
    fiscal = spec.value_type is ValueType.FISCAL
    share = spec.cashable_share if fiscal else None
    for row in steps:
        units = row.value / unit
        if units.denominator != 1:
            if rounding is None:
                raise AppraisalError(
                    f"outcome {spec.name!r}, {row.year}: the value {number_text(row.value)} "
                    f"is finer than the precision {step}; pass rounding= (e.g. "
                    "decimal.ROUND_HALF_EVEN) to round each year's value to it"
                )
            units = Fraction(round_ratio(units.numerator, units.denominator, rounding))
        whole = int(units)
        parts = (
            split_units(whole, [(True, share), (False, 1 - share)])
            if share is not None
            else [(False, whole)]
        )
        cash = next((n for cashable, n in parts if cashable), 0)
        years.append(
            ChainYear(
                year=row.year,
                value=_money(whole, step, currency),
                cashable=_money(cash, step, currency),
            )
        )
        for cashable, part in parts:
            for agency, amount in split_units(part, spec.agency_shares):
                if amount:
                    flows.append(
                        CashFlow(
                            amount=_money(amount, step, currency),
                            nature=Nature.BENEFIT,
                            period=row.year,
                            value_type=spec.value_type,
                            cashable=cashable,
                            beneficiary=agency,
                            label=spec.label,
                            source=spec.source,
                            price_year=spec.price_year,
                        )
                    )
    return tuple(years), tuple(flows)


def _money(units: int, step: Decimal, currency: str) -> Money:
    return Money(Decimal(units) * step, currency)


@attrs.frozen(kw_only=True)
class OutcomeChain(Tabular):
    """An outcome's chain, from :func:`~wecb.appraisal.outcomes.outcome_chain`.

    :attr:`flows` are the benefits, ready to add to a project (``project.flows``, through
    :meth:`Programme.with_project <wecb.model.programme.Programme.with_project>`);
    :attr:`steps` the exact chain by year (cohort, engaged, improved, net of deadweight,
    benefiting, value) and :attr:`years` each year's value at the precision with its
    cashable part. :meth:`table` and :meth:`rows` show both, with :meth:`assumptions`.
    """

    name: str
    unit: str
    unit_value: Money
    steps: tuple[ChainStep, ...]
    years: tuple[ChainYear, ...]
    flows: tuple[CashFlow, ...]
    basis: tuple[Assumption, ...] = attrs.field(repr=False)

    @property
    def total(self) -> Money:
        """The value over every year (equal to the sum of :attr:`flows`)."""
        return sum((y.value for y in self.years), Money.zero(self.unit_value.currency))

    def by_year(self) -> dict[FinancialYear, Money]:
        """Each year's value at the precision."""
        return {y.year: y.value for y in self.years}

    def assumptions(self) -> tuple[Assumption, ...]:
        """The cohort's basis, the outcome's inputs, the chain's rules and its precision."""
        return self.basis

    def rows(self) -> ResultRows:
        """One row per year: the exact steps (``Fraction``), the exact value, and the value,
        cashable and non-cashable parts at the precision (Money), with :meth:`assumptions`."""
        rows = [
            {
                "year": s.year,
                "cohort": s.cohort,
                "engaged": s.engaged,
                "improved": s.improved,
                "net_of_deadweight": s.net,
                "benefiting": s.benefiting,
                "exact_value": s.value,
                "value": y.value,
                "cashable": y.cashable,
                "non_cashable": y.non_cashable,
            }
            for s, y in zip(self.steps, self.years, strict=True)
        ]
        return ResultRows(rows, assumptions=self.assumptions())

    def __repr__(self) -> str:
        count = len(self.years)
        return (
            f"<OutcomeChain {self.name!r}: {count} year{'s' if count != 1 else ''}, "
            f"{self.total.format()}, {len(self.flows)} flows>"
        )

    def table(self) -> Table:
        """The step table by year, the totals below a rule; :meth:`assumptions` as notes."""
        counted = ("cohort", "engaged", "improved", "net of deadweight", "benefiting")
        columns = (
            Column(key="year", align="left"),
            *(Column(key=k, align="right") for k in counted),
            Column(key="value", align="right"),
            Column(key="cashable", align="right"),
            Column(key="non-cashable", align="right"),
        )
        rows = [
            (
                s.year,
                *(number_text(n) for n in (s.cohort, s.engaged, s.improved, s.net, s.benefiting)),
                y.value,
                y.cashable,
                y.non_cashable,
            )
            for s, y in zip(self.steps, self.years, strict=True)
        ]
        cash = sum((y.cashable for y in self.years), Money.zero(self.unit_value.currency))
        totals = [
            sum((getattr(s, k) for s in self.steps), Fraction(0))
            for k in ("cohort", "engaged", "improved", "net")
        ]
        footer = (
            "total",
            *(number_text(t) for t in totals),
            "",
            self.total,
            cash,
            self.total - cash,
        )
        return Table(
            columns=columns,
            rows=rows,
            footer=footer,
            title=f"Outcome chain: {self.name} (counts in {self.unit}; {self.unit_value} per "
            f"{self.unit} per year)",
            notes=assumption_notes(self.assumptions()),
            scale="units",
            places=2,
        )
