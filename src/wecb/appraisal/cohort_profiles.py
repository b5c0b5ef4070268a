"""Cohort profile: the cases and money per financial year a cohort model gives.

:meth:`CohortModel.profile <wecb.appraisal.cohorts.CohortModel.profile>` returns a
:class:`CohortProfile`: for each financial year, the cases worked with (an exact
``Fraction``, whole when ``cases_rounding`` was given) and the money (exact). It gives the
years as :class:`~wecb.model.cashflows.CashFlow` records to add to a project
(:meth:`CohortProfile.cash_flows`), as plain rows, or as a table with the model's unit
value, case duration and assumption as notes.

>>> from wecb.core.money import Money
>>> from wecb.core.periods import FinancialYear
>>> fy = FinancialYear(2013)
>>> profile = CohortProfile(name="teams", unit_value="52000 GBP / family", case_duration=None,
...     units=("family",), years=((fy, Fraction(540), Money(100)), (fy + 1, Fraction(0),
...     Money(0))))
>>> profile.total, [str(flow.period) for flow in profile.cash_flows()]
(Money('100', 'GBP'), ['2013/14'])
"""

from __future__ import annotations

from fractions import Fraction

import attrs

from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.core.table import Column, Table, Tabular
from wecb.model.cashflows import CashFlow, CostType, Nature, ValueType

__all__ = ["CohortProfile"]


@attrs.frozen(kw_only=True)
class CohortProfile(Tabular):
    """Cases and money per financial year from a
    :class:`~wecb.appraisal.cohorts.CohortModel` (exact).

    :meth:`table` (what ``print`` and Jupyter show) lists the years and the total;
    :meth:`rows` gives them as plain rows (``cases`` a ``Fraction``, ``money`` Money).
    """

    name: str
    unit_value: str
    case_duration: str | None
    units: tuple[str, ...]
    years: tuple[tuple[FinancialYear, Fraction, Money], ...]
    assumption: str | None = None
    source: str | None = None

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
        cashable: bool = True,
        value_type: ValueType | None = None,
        cost_type: CostType | None = None,
        partner: str | None = None,
        label: str | None = None,
        source: str | None = None,
    ) -> tuple[CashFlow, ...]:
        """One :class:`~wecb.model.cashflows.CashFlow` per year with money (benefits by default;
        ``partner`` is the beneficiary of a benefit or the payer of a cost)."""
        text = label or self.name
        src = source or self.source or self.assumption
        # A benefit takes the value type and beneficiary, a cost the cost type and payer.
        benefit = nature is Nature.BENEFIT
        return tuple(
            CashFlow(
                amount=money,
                nature=nature,
                period=year,
                cashable=cashable,
                cost_type=None if benefit else cost_type,
                value_type=(value_type or ValueType.FISCAL) if benefit else None,
                payer=None if benefit else partner,
                beneficiary=partner if benefit else None,
                label=text,
                source=src,
            )
            for year, _, money in self.years
            if not money.is_zero()
        )

    def rows(self) -> list[dict[str, object]]:
        """One row per year: the year, the cases and the money (exact)."""
        return [{"year": y, "cases": c, "money": m} for y, c, m in self.years]

    def __repr__(self) -> str:
        count = len(self.years)
        return (
            f"<CohortProfile {self.name!r}: {count} year{'s' if count != 1 else ''}, "
            f"{_cases_text(self.total_cases)} cases, {self.total.format()}>"
        )

    def table(self) -> Table:
        """Cases and money per year, the total below a rule; the model's unit value,
        case duration and assumption as notes."""
        notes = [f"unit value {self.unit_value}"]
        if self.case_duration:
            notes.append(f"each case lasting {self.case_duration}")
        if self.assumption:
            notes.append(f"assumption: {self.assumption}")
        return Table(
            columns=(
                Column(key="year", align="left"),
                Column(key="cases", header=f"{'/'.join(self.units)} cases", align="right"),
                Column(key="money", align="right"),
            ),
            rows=[(y, _cases_text(c), m) for y, c, m in self.years],
            footer=("total", _cases_text(self.total_cases), self.total),
            title=f"Cohort profile: {self.name}",
            notes=notes,
            scale="units",
            places=2,
        )


def _cases_text(value: Fraction) -> str:
    if value.denominator == 1:
        return f"{value.numerator:,}"
    return f"{value.numerator}/{value.denominator}"
