"""Cohort profile: the cases and money per financial year a cohort model gives.

:meth:`CohortModel.profile <wecb.appraisal.cohorts.CohortModel.profile>` returns a
:class:`CohortProfile`: for each financial year, the cases worked with (an exact
``Fraction``, whole when ``cases_rounding`` was given) and the money (exact). It gives the
years as :class:`~wecb.model.cashflows.CashFlow` records to add to a project
(:meth:`CohortProfile.cash_flows`), as plain rows, or as a table; every form states the
assumptions that produced it (:meth:`CohortProfile.assumptions`: the model's unit value,
case duration and assumption, each wave with its source, and the rules the model applied).

>>> from wecb.core.money import Money
>>> from wecb.core.periods import FinancialYear
>>> fy = FinancialYear(2013)
>>> profile = CohortProfile(name="teams", unit_value="52000 GBP / family", case_duration=None,
...     units=("family",), years=((fy, Fraction(540), Money(100)), (fy + 1, Fraction(0),
...     Money(0))))
>>> flows = profile.cash_flows(value_type=ValueType.FISCAL, cashable=True)
>>> profile.total, [str(flow.period) for flow in flows]
(Money('100', 'GBP'), ['2013/14'])

Benefits state their value type (and a fiscal benefit whether it is cashable), as every
:class:`~wecb.model.cashflows.CashFlow` does; none is assumed:

>>> profile.cash_flows()
Traceback (most recent call last):
...
wecb.errors.ValidationError: CohortProfile.cash_flows value_type: None is not accepted; \
expected a ValueType for benefits: ...
"""

from __future__ import annotations

from fractions import Fraction

import attrs

from wecb.appraisal._cohort_assumptions import profile_assumptions
from wecb.core.assumptions import Assumption, ResultRows, assumption_notes
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.core.table import Column, Table, Tabular
from wecb.errors import ValidationError
from wecb.model.cashflows import CashFlow, CostType, Nature, ValueType

__all__ = ["CohortProfile"]


@attrs.frozen(kw_only=True)
class CohortProfile(Tabular):
    """Cases and money per financial year from a
    :class:`~wecb.appraisal.cohorts.CohortModel` (exact).

    :meth:`table` (what ``print`` and Jupyter show) lists the years and the total, then
    :meth:`assumptions`; :meth:`rows` gives them as plain rows (``cases`` a ``Fraction``,
    ``money`` Money) carrying the same assumptions. ``basis`` holds what the model states
    beyond its unit value (each wave and the rules it applied; see
    :meth:`CohortModel.profile <wecb.appraisal.cohorts.CohortModel.profile>`).
    """

    name: str
    unit_value: str
    case_duration: str | None
    units: tuple[str, ...]
    years: tuple[tuple[FinancialYear, Fraction, Money], ...]
    assumption: str | None = None
    source: str | None = None
    basis: tuple[Assumption, ...] = attrs.field(default=(), repr=False)

    @property
    def total(self) -> Money:
        """The money over every year of the profile."""
        return sum((m for _, _, m in self.years), Money.zero(self.years[0][2].currency))

    @property
    def total_cases(self) -> Fraction:
        """The cases over every year of the profile."""
        return sum((c for _, c, _ in self.years), Fraction(0))

    def by_year(self) -> dict[FinancialYear, Money]:
        """Money per financial year."""
        return {year: money for year, _, money in self.years}

    def cash_flows(
        self,
        *,
        nature: Nature = Nature.BENEFIT,
        cashable: bool | None = None,
        value_type: ValueType | None = None,
        cost_type: CostType | None = None,
        partner: str | None = None,
        label: str | None = None,
        source: str | None = None,
    ) -> tuple[CashFlow, ...]:
        """One :class:`~wecb.model.cashflows.CashFlow` per year with money (benefits by default;
        ``partner`` is the beneficiary of a benefit or the payer of a cost).

        Benefits need ``value_type`` (fiscal, economic, social or unclassified; wecb 0.1.0
        took them as fiscal), and fiscal ones ``cashable``; a cost is cashable unless in kind
        and a benefit that is not fiscal is never cashable, when ``cashable`` is not given.
        """
        text = label or self.name
        src = source or self.source or self.assumption
        # A benefit takes the value type and beneficiary, a cost the cost type and payer.
        benefit = nature is Nature.BENEFIT
        if benefit:
            _check_benefit(value_type, cashable)
        # Unstated: as CashFlow's default (a cost is cash unless in kind; a benefit here is
        # not fiscal, so never cashable).
        cash = (
            (not benefit and cost_type is not CostType.IN_KIND) if cashable is None else cashable
        )
        return tuple(
            CashFlow(
                amount=money,
                nature=nature,
                period=year,
                cashable=cash,
                cost_type=None if benefit else cost_type,
                value_type=value_type if benefit else None,
                payer=None if benefit else partner,
                beneficiary=partner if benefit else None,
                label=text,
                source=src,
            )
            for year, _, money in self.years
            if not money.is_zero()
        )

    def assumptions(self) -> tuple[Assumption, ...]:
        """The model's unit value and case duration (with the model's source, or stated by
        the caller), its assumption, then :attr:`basis`."""
        inputs = profile_assumptions(
            unit_value=self.unit_value,
            case_duration=self.case_duration,
            assumption=self.assumption,
            source=self.source,
        )
        return (*inputs, *self.basis)

    def rows(self) -> ResultRows:
        """One row per year: the year, the cases and the money (exact), carrying
        :meth:`assumptions`."""
        rows = [{"year": y, "cases": c, "money": m} for y, c, m in self.years]
        return ResultRows(rows, assumptions=self.assumptions())

    def __repr__(self) -> str:
        count = len(self.years)
        return (
            f"<CohortProfile {self.name!r}: {count} year{'s' if count != 1 else ''}, "
            f"{_cases_text(self.total_cases)} cases, {self.total.format()}>"
        )

    def table(self) -> Table:
        """Cases and money per year, the total below a rule; :meth:`assumptions` as notes."""
        return Table(
            columns=(
                Column(key="year", align="left"),
                Column(key="cases", header=f"{'/'.join(self.units)} cases", align="right"),
                Column(key="money", align="right"),
            ),
            rows=[(y, _cases_text(c), m) for y, c, m in self.years],
            footer=("total", _cases_text(self.total_cases), self.total),
            title=f"Cohort profile: {self.name}",
            notes=assumption_notes(self.assumptions()),
            scale="units",
            places=2,
        )


def _check_benefit(value_type: ValueType | None, cashable: bool | None) -> None:
    """Refuse benefits whose value type, or whose cashability if fiscal, is not stated."""
    where = "CohortProfile.cash_flows"
    if value_type is None:
        raise ValidationError.not_accepted(
            f"{where} value_type",
            value_type,
            "a ValueType for benefits: ValueType.FISCAL, ECONOMIC, SOCIAL, or UNCLASSIFIED "
            "when the source does not say (wecb 0.1.0 took them as fiscal)",
        )
    if value_type is ValueType.FISCAL and cashable is None:
        raise ValidationError.not_accepted(
            f"{where} cashable",
            cashable,
            "True or False for fiscal benefits: whether the saving releases cash from a "
            "budget (wecb 0.1.0 took them as cashable)",
        )


def _cases_text(value: Fraction) -> str:
    if value.denominator == 1:
        return f"{value.numerator:,}"
    return f"{value.numerator}/{value.denominator}"
