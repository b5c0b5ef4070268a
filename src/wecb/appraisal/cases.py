"""Figures side by side, and the two cases an appraisal reports: the financial case and
the economic case, as the 2014 HM Treasury cost-benefit guidance for local partnerships
names them.

* :class:`FinancialCase`: fiscal benefits (cashable and non-cashable) against all costs.
  Its net present value is the **net present budget impact**; its ratio, fiscal benefits
  per pound of cost, the **financial return on investment**; and the **payback year** is
  when the cumulative net fiscal value turns non-negative for good
  (:mod:`~wecb.appraisal.payback`). :attr:`FinancialCase.cashable` is the same case
  counting cashable fiscal benefits only.
* :class:`EconomicCase`: every benefit (fiscal, economic, social, and unclassified ones)
  against all costs. Its net present value is the **net present public value**; its
  ratio the (public value) **benefit-cost ratio**.

Every figure exists before and after adjustment (``adjusted=``); the ratios and the
payback year also undiscounted (``discounted=``). ``(benefits - costs) / costs`` is kept as
:meth:`Case.net_benefit_per_pound`; the guidance's return on investment is benefits per
pound of cost, so wecb does not call ``(B - C) / C`` a return on investment. The names
are the guidance's; the text of its chapter 5 ("Cost benefit analysis outputs") was not
available in the public copies read, so the formulas are wecb's reading of them
(:doc:`/concepts/new-economy` says, name by name, what was verified and where).

>>> one = SideBySide(Money(300), Money(240))
>>> one.difference
Money('-60', 'GBP')
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import attrs

from wecb.appraisal.horizons import HorizonLike
from wecb.appraisal.payback import cumulative, payback_year
from wecb.appraisal.present_values import PresentValue, YearOrYears
from wecb.core.money import Money
from wecb.core.periods import FinancialYear

__all__ = [
    "BCR",
    "NPBI",
    "NPPV",
    "PAYBACK",
    "PER_POUND",
    "ROI",
    "Case",
    "CaseYear",
    "EconomicCase",
    "Figures",
    "FinancialCase",
    "SideBySide",
    "case_rows",
]

#: The items of the cases' rows (:func:`case_rows`) that name a figure of the guidance.
NPBI, NPPV = "net present budget impact", "net present public value"
ROI, BCR = "financial return on investment", "benefit-cost ratio"
PER_POUND, PAYBACK = "net benefit per £1", "payback year"
#: The four columns of a row: (key, discounted, adjusted).
_WAYS = (
    ("undiscounted_unadjusted", False, False),
    ("undiscounted_adjusted", False, True),
    ("pv_unadjusted", True, False),
    ("pv_adjusted", True, True),
)


@attrs.frozen
class SideBySide:
    """An amount before and after adjustment."""

    unadjusted: Money
    adjusted: Money

    @property
    def difference(self) -> Money:
        """``adjusted - unadjusted``."""
        return self.adjusted - self.unadjusted

    def __add__(self, other: SideBySide) -> SideBySide:
        return SideBySide(self.unadjusted + other.unadjusted, self.adjusted + other.adjusted)

    def __sub__(self, other: SideBySide) -> SideBySide:
        return SideBySide(self.unadjusted - other.unadjusted, self.adjusted - other.adjusted)

    def get(self, adjusted: bool) -> Money:
        """The adjusted or the unadjusted amount."""
        return self.adjusted if adjusted else self.unadjusted


@attrs.frozen
class Figures:
    """An amount undiscounted and as a present value, each unadjusted and adjusted."""

    undiscounted: SideBySide
    present_value: SideBySide

    @classmethod
    def zero(cls, currency: str) -> Figures:
        z = Money.zero(currency)
        return cls(SideBySide(z, z), SideBySide(z, z))

    def __add__(self, other: Figures) -> Figures:
        return Figures(
            self.undiscounted + other.undiscounted, self.present_value + other.present_value
        )

    def __sub__(self, other: Figures) -> Figures:
        return Figures(
            self.undiscounted - other.undiscounted, self.present_value - other.present_value
        )

    def get(self, *, discounted: bool = True, adjusted: bool = True) -> Money:
        """One of the four amounts."""
        return (self.present_value if discounted else self.undiscounted).get(adjusted)


@attrs.frozen(kw_only=True)
class CaseYear:
    """One financial year of a financial case: costs, fiscal benefits and the cashable
    part of them, undiscounted and discounted to the base year, each unadjusted and
    adjusted (magnitudes). The discounted amounts of a case's years sum exactly to its
    present values."""

    year: FinancialYear
    costs: SideBySide
    fiscal_benefits: SideBySide
    cashable_benefits: SideBySide
    discounted_costs: SideBySide
    discounted_fiscal_benefits: SideBySide
    discounted_cashable_benefits: SideBySide

    def net(
        self, *, discounted: bool = True, adjusted: bool = True, cashable: bool = False
    ) -> Money:
        """The year's net fiscal value: (cashable) fiscal benefits less costs."""
        if discounted:
            costs = self.discounted_costs
            benefits = (
                self.discounted_cashable_benefits if cashable else self.discounted_fiscal_benefits
            )
        else:
            costs = self.costs
            benefits = self.cashable_benefits if cashable else self.fiscal_benefits
        return benefits.get(adjusted) - costs.get(adjusted)


@attrs.frozen(kw_only=True)
class Case:
    """Benefits against costs, with what the present values are: horizon, base year, price
    base and the discount schedule's name (see :class:`FinancialCase` and
    :class:`EconomicCase`)."""

    name: str
    benefits: Figures
    costs: Figures
    horizon: HorizonLike
    base_year: YearOrYears
    price_base: YearOrYears
    schedule: str

    @property
    def net(self) -> Figures:
        """Benefits less costs."""
        return self.benefits - self.costs

    def _pv(self, amount: Money) -> PresentValue:
        return PresentValue(amount, self.horizon, self.base_year, self.price_base, self.schedule)

    def _ratio(self, discounted: bool, adjusted: bool) -> Decimal | None:
        costs = self.costs.get(discounted=discounted, adjusted=adjusted)
        if costs.is_zero():
            return None
        return self.benefits.get(discounted=discounted, adjusted=adjusted) / costs

    def net_benefit_per_pound(
        self, *, discounted: bool = True, adjusted: bool = True
    ) -> Decimal | None:
        """``(benefits - costs) / costs``: the net benefit per pound of cost (not the
        guidance's return on investment, which is benefits per pound); ``None`` when costs
        are 0."""
        costs = self.costs.get(discounted=discounted, adjusted=adjusted)
        if costs.is_zero():
            return None
        return self.net.get(discounted=discounted, adjusted=adjusted) / costs


@attrs.frozen(kw_only=True)
class FinancialCase(Case):
    """Fiscal benefits against all costs (see the module notes).

    ``benefits`` are the fiscal benefits the case counts (all of them, or only the cashable
    ones when ``cashable_only``); ``cashable_benefits`` the cashable part; ``years`` the
    case year by year (:class:`~wecb.appraisal.payback.CaseYear`), which the payback year
    reads.

    >>> from wecb.appraisal.horizons import Horizon
    >>> from wecb.core.periods import FinancialYear
    >>> fy = FinancialYear(2014)
    >>> def pair(a, b): return SideBySide(Money(str(a)), Money(str(b)))
    >>> years = (
    ...     CaseYear(year=fy, costs=pair(100, 100), fiscal_benefits=pair(0, 0),
    ...         cashable_benefits=pair(0, 0), discounted_costs=pair(100, 100),
    ...         discounted_fiscal_benefits=pair(0, 0), discounted_cashable_benefits=pair(0, 0)),
    ...     CaseYear(year=fy + 1, costs=pair(0, 0), fiscal_benefits=pair(250, 200),
    ...         cashable_benefits=pair(50, 40), discounted_costs=pair(0, 0),
    ...         discounted_fiscal_benefits=pair(240, 192),
    ...         discounted_cashable_benefits=pair(48, "38.4")))
    >>> case = FinancialCase(name="financial case", horizon=Horizon(fy, fy + 1), base_year=fy,
    ...     price_base=fy, schedule="demo",
    ...     benefits=Figures(pair(250, 200), pair(240, 192)),
    ...     cashable_benefits=Figures(pair(50, 40), pair(48, "38.4")),
    ...     costs=Figures(pair(100, 100), pair(100, 100)), years=years)
    >>> case.net_present_budget_impact().amount, case.financial_return_on_investment()
    (Money('92', 'GBP'), Decimal('1.92'))
    >>> case.net_benefit_per_pound(adjusted=False), case.payback_year()
    (Decimal('1.4'), FinancialYear(2015))
    >>> case.cashable.payback_year(), case.cashable.cumulative_net()[-1][1]
    (None, Money('-61.6', 'GBP'))
    """

    cashable_benefits: Figures
    years: tuple[CaseYear, ...] = attrs.field(repr=False)
    cashable_only: bool = False

    def net_present_budget_impact(self, *, adjusted: bool = True) -> PresentValue:
        """Present value of fiscal benefits less present value of costs."""
        return self._pv(self.net.present_value.get(adjusted))

    def financial_return_on_investment(
        self, *, discounted: bool = True, adjusted: bool = True
    ) -> Decimal | None:
        """Fiscal benefits per pound of cost, ``benefits / costs``; ``None`` when costs
        are 0."""
        return self._ratio(discounted, adjusted)

    def cumulative_net(
        self, *, discounted: bool = True, adjusted: bool = True
    ) -> tuple[tuple[FinancialYear, Money], ...]:
        """The running total of the net fiscal value, one entry per year of the case."""
        return cumulative(self._nets(discounted, adjusted))

    def payback_year(
        self, *, discounted: bool = True, adjusted: bool = True
    ) -> FinancialYear | None:
        """The first year from which the cumulative net fiscal value is at least zero and
        stays so; ``None`` if it never is (:mod:`~wecb.appraisal.payback`)."""
        return payback_year(self._nets(discounted, adjusted))

    def _nets(self, discounted: bool, adjusted: bool) -> list[tuple[FinancialYear, Money]]:
        return [
            (y.year, y.net(discounted=discounted, adjusted=adjusted, cashable=self.cashable_only))
            for y in self.years
        ]

    @property
    def cashable(self) -> FinancialCase:
        """The same case counting cashable fiscal benefits only."""
        if self.cashable_only:
            return self
        return attrs.evolve(
            self,
            name=f"{self.name} (cashable)",
            benefits=self.cashable_benefits,
            cashable_only=True,
        )


@attrs.frozen(kw_only=True)
class EconomicCase(Case):
    """Every benefit (fiscal, economic, social, unclassified) against all costs."""

    def net_present_public_value(self, *, adjusted: bool = True) -> PresentValue:
        """Present value of all benefits less present value of costs."""
        return self._pv(self.net.present_value.get(adjusted))

    def benefit_cost_ratio(
        self, *, discounted: bool = True, adjusted: bool = True
    ) -> Decimal | None:
        """All benefits per pound of cost, ``benefits / costs``; ``None`` when costs are
        0."""
        return self._ratio(discounted, adjusted)


def case_rows(financial: FinancialCase, economic: EconomicCase) -> list[dict[str, object]]:
    """The rows of the two cases in an appraisal's summary
    (:meth:`~wecb.appraisal.record.Appraisal.rows`): per case, its benefits and net value
    (``Money``), its ratios (``Decimal`` or ``None``) and, for the financial case, its
    payback year (``FinancialYear`` or ``None``), each in the four columns undiscounted or
    present value, unadjusted or adjusted; the financial case again counting cashable
    benefits only."""
    rows: list[dict[str, object]] = []

    def add(case: Case, item: str, read: Callable[..., object]) -> None:
        cells = {key: read(discounted=d, adjusted=a) for key, d, a in _WAYS}
        rows.append({"section": case.name, "item": item, **cells})

    for case, benefits in ((financial, "fiscal"), (financial.cashable, "cashable fiscal")):
        add(case, f"{benefits} benefits", case.benefits.get)
        add(case, NPBI, case.net.get)
        add(case, ROI, case.financial_return_on_investment)
        if case is financial:
            add(case, PER_POUND, case.net_benefit_per_pound)
        add(case, PAYBACK, case.payback_year)
    add(economic, NPPV, economic.net.get)
    add(economic, BCR, economic.benefit_cost_ratio)
    add(economic, PER_POUND, economic.net_benefit_per_pound)
    return rows
