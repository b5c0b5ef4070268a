"""The appraisal of a programme: every line, and its figures both ways.

:func:`~wecb.appraisal.cba.appraise` returns an :class:`Appraisal`. It keeps every
:class:`~wecb.appraisal.lines.AppraisedLine`, so figures are available both ways:

* **costs by type**: capital, revenue, in kind (and "unclassified" for costs whose type
  the source does not give, such as the Essex tables' cost columns);
* **benefits by value type**: fiscal cashable, fiscal non-cashable, economic, social and
  unclassified (a benefit whose source does not say which);
* the **financial case** (fiscal benefits against costs: net present budget impact,
  financial return on investment, payback year, and the same counting cashable benefits
  only) and the **economic case** (all benefits against costs: net present public value,
  benefit-cost ratio), as :mod:`wecb.appraisal.cases` defines them. Unclassified benefits
  are outside the financial case and inside the economic case, unless the appraisal was
  told to count them as fiscal (non-cashable), economic or social
  (``treat_unclassified``): their row then says so, "unclassified (treated as fiscal)";
* every figure **undiscounted and as a present value, unadjusted and adjusted**, side by
  side; the net present values as :class:`~wecb.appraisal.present_values.PresentValue`
  records stating horizon, base year, price base and schedule.

The figures are exact sums of the lines' amounts; ``str()`` rounds for display only (to
the penny, half up). Every form states its assumptions (:meth:`Appraisal.assumptions`):
the discount schedule with its rates and source, the base year, the price base and any
rebasing, the horizon, the phasing and where it came from, each adjustment rule, each
optimism bias table (warning when unverified), the treatment of unclassified benefits and
the asks of government taken as granted; the table's notes end with them and
:meth:`Appraisal.rows` carries them (:class:`~wecb.core.assumptions.ResultRows`).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_EVEN, Decimal

import attrs

from wecb.appraisal._ask_case import AskCase
from wecb.appraisal._assumptions import appraisal_assumptions
from wecb.appraisal._case_years import case_years
from wecb.appraisal.cases import (
    BCR,
    NPBI,
    NPPV,
    PAYBACK,
    PER_POUND,
    ROI,
    EconomicCase,
    Figures,
    FinancialCase,
    case_rows,
)
from wecb.appraisal.horizons import Horizon
from wecb.appraisal.lines import COST_CATEGORIES, AdjustmentPlan, AppraisedLine, BenefitType
from wecb.appraisal.phasing import Phasing
from wecb.appraisal.present_values import PresentValue
from wecb.appraisal.prices import PriceIndex
from wecb.appraisal.schedules import DiscountSchedule
from wecb.core.assumptions import Assumption, ResultRows, assumption_notes
from wecb.core.cells import money_text, ratio_text
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.core.table import Column, Table, Tabular
from wecb.errors import AppraisalError
from wecb.model.cashflows import ValueType

__all__ = ["Appraisal"]


@attrs.frozen(kw_only=True)
class Appraisal(Tabular):
    """The appraisal of a programme (or of some of its projects); see the module notes.

    Every headline figure is a :class:`~wecb.appraisal.present_values.PresentValue` stating
    its horizon, base year, price base and discount schedule. :meth:`table` (what ``print``
    and Jupyter show) lays the figures out side by side; :meth:`rows` gives them as plain
    rows (``Money`` for amounts, ``Decimal`` or ``None`` for the ratios);
    :meth:`assumptions` lists what produced them. ``adjustments`` is the plan the lines
    were adjusted by; ``treat_unclassified`` the value type unclassified benefits count as
    (``None``: their own row, outside the financial case).
    """

    name: str
    lines: tuple[AppraisedLine, ...]
    horizon: Horizon
    base_year: FinancialYear
    price_base: FinancialYear
    schedule: DiscountSchedule
    phasing: Phasing
    allow_before_base: bool
    currency: str
    adjustments: AdjustmentPlan = attrs.field(factory=AdjustmentPlan)
    treat_unclassified: ValueType | None = None
    #: The index lines not in the price base were converted with (None: none given).
    price_index: PriceIndex | None = None
    #: The asks of government taken as granted and the lines left out for the others.
    asks: AskCase = attrs.field(factory=AskCase)

    # -- selections ------------------------------------------------------------------

    @property
    def projects(self) -> tuple[str, ...]:
        """The keys of the projects appraised, in programme order."""
        return tuple(dict.fromkeys(line.project for line in self.lines))

    def for_projects(self, *keys: str) -> Appraisal:
        """The same appraisal restricted to the lines of projects ``keys``."""
        unknown = [k for k in keys if k not in self.projects]
        if unknown:
            raise AppraisalError(
                f"no appraised project {', '.join(map(repr, unknown))}; appraised: "
                f"{', '.join(self.projects) or 'none'}"
            )
        chosen = tuple(line for line in self.lines if line.project in keys)
        return attrs.evolve(self, name=f"{self.name}: {', '.join(keys)}", lines=chosen)

    # -- totals ----------------------------------------------------------------------

    def _total(self, lines: Iterable[AppraisedLine]) -> Figures:
        total = Figures.zero(self.currency)
        for line in lines:
            total = total + line.figures
        return total

    def costs_by_type(self) -> dict[str, Figures]:
        """Costs by category (capital, revenue, in kind, unclassified), every category."""
        return {
            category: self._total(
                line for line in self.lines if line.is_cost and line.category == category
            )
            for category in COST_CATEGORIES
        }

    def benefits_by_value_type(self) -> dict[BenefitType, Figures]:
        """Benefits by :class:`BenefitType`, every type."""
        return {
            kind: self._total(
                line for line in self.lines if not line.is_cost and line.category == kind.value
            )
            for kind in BenefitType
        }

    @property
    def costs(self) -> Figures:
        """All costs."""
        return self._total(line for line in self.lines if line.is_cost)

    @property
    def benefits(self) -> Figures:
        """All benefits, of every value type."""
        return self._total(line for line in self.lines if not line.is_cost)

    @property
    def fiscal_benefits(self) -> Figures:
        """Fiscal benefits, cashable and non-cashable (and unclassified ones when treated as
        fiscal)."""
        return self._total(line for line in self.lines if line.is_fiscal_benefit)

    @property
    def financial_case(self) -> FinancialCase:
        """Fiscal benefits against costs: net present budget impact, financial return on
        investment, payback year (:class:`~wecb.appraisal.cases.FinancialCase`)."""
        return FinancialCase(
            name="financial case",
            benefits=self.fiscal_benefits,
            cashable_benefits=self._total(
                line for line in self.lines if line.is_fiscal_benefit and line.cashable
            ),
            costs=self.costs,
            years=case_years(
                self.lines,
                schedule=self.schedule,
                base_year=self.base_year,
                allow_before_base=self.allow_before_base,
                currency=self.currency,
            ),
            horizon=self.horizon,
            base_year=self.base_year,
            price_base=self.price_base,
            schedule=self.schedule.name,
        )

    @property
    def economic_case(self) -> EconomicCase:
        """All benefits (fiscal, economic, social, unclassified) against costs: net present
        public value and benefit-cost ratio (:class:`~wecb.appraisal.cases.EconomicCase`)."""
        return EconomicCase(
            name="economic case",
            benefits=self.benefits,
            costs=self.costs,
            horizon=self.horizon,
            base_year=self.base_year,
            price_base=self.price_base,
            schedule=self.schedule.name,
        )

    # -- headline present values -----------------------------------------------------

    def _pv(self, amount: Money) -> PresentValue:
        return PresentValue(
            amount, self.horizon, self.base_year, self.price_base, self.schedule.name
        )

    @property
    def pv_costs(self) -> PresentValue:
        """Present value of all costs, adjusted."""
        return self._pv(self.costs.present_value.adjusted)

    @property
    def pv_benefits(self) -> PresentValue:
        """Present value of all benefits, adjusted."""
        return self._pv(self.benefits.present_value.adjusted)

    def npv_rounded_by_line(
        self, rounding: str = ROUND_HALF_EVEN, *, adjusted: bool = True, public_value: bool = False
    ) -> Money:
        """The NPV with each line's present value rounded once to the penny first.

        This is what :func:`wecb.appraisal.sensitivity.monte_carlo` computes in every
        draw (it rounds once per line per draw), so with zero-width ranges each draw
        equals this figure exactly. ``rounding`` is a :mod:`decimal` rounding mode applied
        to each line's magnitude.
        """
        total = Money.zero(self.currency)
        for line in self.lines:
            if not line.is_cost and not public_value and not line.is_fiscal_benefit:
                continue
            pv = line.pv_adjusted if adjusted else line.pv_unadjusted
            usual = -1 if line.counterfactual else 1  # business as usual: negated amounts
            total = total + usual * line.sign * (usual * pv).round("penny", rounding)
        return total

    # -- assumptions -----------------------------------------------------------------

    def assumptions(self) -> tuple[Assumption, ...]:
        """What produced the figures beyond the lines' amounts (see the module notes)."""
        return (
            appraisal_assumptions(
                schedule=self.schedule,
                base_year=self.base_year,
                price_base=self.price_base,
                horizon=self.horizon,
                phasing=self.phasing,
                plan=self.adjustments,
                lines=self.lines,
                treat=self.treat_unclassified,
                allow_before_base=self.allow_before_base,
                price_index=self.price_index,
            )
            + self.asks.assumptions()
        )

    def benefit_label(self, kind: BenefitType) -> str:
        """The row label of a benefit type: ``"unclassified (treated as fiscal)"`` for
        unclassified benefits counted as another type, else its label."""
        if kind is BenefitType.UNCLASSIFIED and self.treat_unclassified is not None:
            return f"{kind.label} (treated as {self.treat_unclassified.value})"
        return kind.label

    # -- tables ----------------------------------------------------------------------

    def by_year(self) -> ResultRows:
        """Adjusted costs, fiscal benefits and all benefits by financial year, undiscounted,
        with each year's discount factor."""
        years = sorted({y for line in self.lines for y, _ in line.adjusted})
        rows: list[dict[str, object]] = []
        zero = Money.zero(self.currency)
        for year in years:
            costs = fiscal = benefits = zero
            for line in self.lines:
                amount = dict(line.adjusted).get(year, zero)
                if line.is_cost:
                    costs = costs + amount
                else:
                    benefits = benefits + amount
                    if line.is_fiscal_benefit:
                        fiscal = fiscal + amount
            t = year - self.base_year
            factor = self.schedule.factor(t) if t >= 0 else self.schedule.compound_factor(-t)
            rows.append(
                {
                    "year": year,
                    "costs": costs,
                    "fiscal_benefits": fiscal,
                    "benefits": benefits,
                    "net_fiscal": fiscal - costs,
                    "discount_factor": factor,
                }
            )
        return ResultRows(rows, assumptions=self.assumptions())

    def project_rows(self) -> ResultRows:
        """Per project: adjusted present values of costs, fiscal benefits and all benefits,
        the net present budget impact and the net present public value."""
        rows: list[dict[str, object]] = []
        for key in self.projects:
            part = self.for_projects(key)
            rows.append(
                {
                    "project": key,
                    "pv_costs": part.costs.present_value.adjusted,
                    "pv_fiscal_benefits": part.fiscal_benefits.present_value.adjusted,
                    "pv_benefits": part.benefits.present_value.adjusted,
                    "net_present_budget_impact": part.financial_case.net.present_value.adjusted,
                    "net_present_public_value": part.economic_case.net.present_value.adjusted,
                }
            )
        return ResultRows(rows, assumptions=self.assumptions())

    def rows(self) -> ResultRows:
        """The summary table as plain rows (exact amounts; ratios as Decimal or None)."""
        rows: list[dict[str, object]] = []

        def add(section: str, item: str, figures: Figures) -> None:
            rows.append(
                {
                    "section": section,
                    "item": item,
                    "undiscounted_unadjusted": figures.undiscounted.unadjusted,
                    "undiscounted_adjusted": figures.undiscounted.adjusted,
                    "pv_unadjusted": figures.present_value.unadjusted,
                    "pv_adjusted": figures.present_value.adjusted,
                }
            )

        for category, figures in self.costs_by_type().items():
            add("costs", category.replace("_", " "), figures)
        add("costs", "total costs", self.costs)
        for kind, figures in self.benefits_by_value_type().items():
            add("benefits", self.benefit_label(kind), figures)
        add("benefits", "total benefits", self.benefits)
        rows += case_rows(self.financial_case, self.economic_case)
        return ResultRows(rows, assumptions=self.assumptions())

    def _headline(self, *, adjusted: bool) -> Money:
        return self.fiscal_benefits.present_value.get(adjusted) - self.costs.present_value.get(
            adjusted
        )

    def __repr__(self) -> str:
        return (
            f"<Appraisal of {self.name}: net present budget impact "
            f"{self._headline(adjusted=True).format()} (unadjusted "
            f"{self._headline(adjusted=False).format()}) over {self.horizon}, "
            f"base year {self.base_year}, {self.schedule.name}>"
        )

    def table(self) -> Table:
        """The summary as a :class:`~wecb.core.table.Table`: each section's items, money to
        the penny, ratios as text to two places and payback years as years (``never`` when
        the case does not pay back); the totals and net rows are marked ``"total"``, so the
        text form rules them off and HTML makes them bold."""
        body: list[tuple[object, ...]] = []
        kinds: list[str] = []
        section = None
        for row in self.rows():
            if row["section"] != section:
                section = row["section"]
                body.append((str(section).capitalize(), None, None, None, None))
                kinds.append("group")
            item = str(row["item"])
            values = [row[key] for key in _FIGURES]
            if item in (ROI, BCR, PER_POUND):
                values = [ratio_text(v if isinstance(v, Decimal) else None) for v in values]
            elif item == PAYBACK:
                values = ["never" if v is None else str(v) for v in values]
            body.append((f"  {item}", *values))
            kinds.append("total" if item in _TOTAL_ITEMS else "group")
        notes = [
            f"horizon {self.horizon}; base year {self.base_year}; "
            f"{self.price_base} prices; discounting {self.schedule.name}",
            f"net present budget impact {money_text(self._headline(adjusted=True))}; net "
            f"present public value {money_text(self.economic_case.net.present_value.adjusted)}"
            " (adjusted)",
            "columns: undiscounted and present values (PV), before and after adjustments (adj.)",
            *assumption_notes(self.assumptions()),
        ]
        return Table(
            columns=_COLUMNS,
            rows=body,
            kinds=kinds,
            title=f"Appraisal of {self.name}",
            notes=notes,
            scale="units",
            places=2,
        )


#: The four figures of a row of :meth:`Appraisal.rows`, in column order.
_FIGURES = ("undiscounted_unadjusted", "undiscounted_adjusted", "pv_unadjusted", "pv_adjusted")
_TOTAL_ITEMS = ("total costs", "total benefits", NPBI, NPPV)
_COLUMNS = (
    Column(key="item", header=" ", align="left"),
    *(
        Column(key=key, header=header, align="right")
        for key, header in zip(
            _FIGURES, ("undiscounted", "undiscounted adj.", "PV", "PV adj."), strict=True
        )
    ),
)
