"""Cost-benefit appraisal of a programme, as the public-service CBA method does it.

:func:`appraise` takes every cash flow of a programme (or of chosen projects), phases open
periods into financial years (:class:`~wecb.appraisal.phasing.Phasing`, never implicitly),
applies the adjustments chosen for each project or line (optimism bias, deadweight,
attribution: :mod:`wecb.appraisal.adjustments`), and discounts each line to the base year
(:mod:`wecb.appraisal.present_values`, the Green Book STPR by default). The
:class:`Appraisal` it returns keeps every line, so figures are available both ways:

* **costs by type**: capital, revenue, in kind (and "unclassified" for costs whose type
  the source does not give, such as the Essex tables' cost columns);
* **benefits by value type**: fiscal cashable, fiscal non-cashable, economic, social;
* the **fiscal case** (fiscal benefits against costs) and the **public value case** (all
  benefits against costs), each with its net value, return on investment
  ``(benefits - costs) / costs`` and benefit-cost ratio ``benefits / costs``;
* every figure **undiscounted and as a present value, unadjusted and adjusted**, side by
  side; :attr:`Appraisal.npv` (the fiscal case) and
  :attr:`Appraisal.net_present_public_value` as
  :class:`~wecb.appraisal.present_values.PresentValue` records stating horizon, base year,
  price base and schedule.

Exactness: phasing splits whole pennies exactly; adjustments multiply exactly; present
values are exact given the schedule's 28-digit factors. Nothing is rounded: the tables
that ``str()`` prints round for display only (to the penny, half up).

>>> from wecb.model.cashflows import CashFlow, Nature
>>> from wecb.model.domains import Domain, DomainKind
>>> from wecb.core.money import Money
>>> from wecb.core.periods import FinancialYear
>>> from wecb.model.programme import Programme
>>> from wecb.model.projects import Project
>>> from wecb.appraisal.schedules import ZERO_RATE
>>> fy = FinancialYear(2013)
>>> project = Project(key="P1", title="Pilot", domain="d", flows=(
...     CashFlow(amount=Money(100), nature=Nature.COST, period=fy, label="set-up"),
...     CashFlow(amount=Money(250), nature=Nature.BENEFIT, period=fy + 1, label="saving")))
>>> programme = Programme(name="Demo", place="Here", partners=(),
...     domains=(Domain(key="d", name="D", kind=DomainKind.THEMATIC),), projects=(project,))
>>> result = appraise(programme, base_year=fy, price_base=fy, schedule=ZERO_RATE)
>>> result.npv.amount, result.fiscal_case.roi()
(Money('150', 'GBP'), Decimal('1.5'))
>>> from wecb.appraisal.adjustments import Adjustments
>>> adjusted = appraise(programme, base_year=fy, price_base=fy, schedule=ZERO_RATE,
...                     adjustments=Adjustments(deadweight="0.2"))
>>> adjusted.npv.amount, adjusted.npv_unadjusted.amount
(Money('100.0', 'GBP'), Money('150', 'GBP'))
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_EVEN, Decimal

import attrs

from wecb.appraisal._checks import require_type
from wecb.appraisal.adjustments import NO_ADJUSTMENTS, Adjustments, adjust
from wecb.appraisal.cases import Case, Figures
from wecb.appraisal.horizons import Horizon
from wecb.appraisal.lines import (
    COST_CATEGORIES,
    AdjustmentPlan,
    AppraisedLine,
    BenefitType,
    benefit_type,
    cost_category,
)
from wecb.appraisal.phasing import Phasing, unphased_error
from wecb.appraisal.present_values import PresentValue, present_value
from wecb.appraisal.schedules import GREEN_BOOK_STPR, DiscountSchedule
from wecb.core.money import Money
from wecb.core.periods import FinancialYear, OpenPeriod
from wecb.core.table import Column, Table, Tabular, money_text, percent_text, ratio_text
from wecb.errors import AppraisalError, UnphasedPeriodError
from wecb.model.cashflows import CashFlow
from wecb.model.programme import Programme
from wecb.model.projects import Project

__all__ = ["Appraisal", "appraise"]


# --------------------------------------------------------------------------- the record


@attrs.frozen(kw_only=True)
class Appraisal(Tabular):
    """The appraisal of a programme (or of some of its projects); see the module notes.

    Every headline figure is a :class:`~wecb.appraisal.present_values.PresentValue` stating
    its horizon, base year, price base and discount schedule. :meth:`table` (what ``print``
    and Jupyter show) lays the figures out side by side; :meth:`rows` gives them as plain
    rows (``Money`` for amounts, ``Decimal`` or ``None`` for the ratios).
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
        """Fiscal benefits, cashable and non-cashable."""
        return self._total(line for line in self.lines if line.is_fiscal_benefit)

    @property
    def fiscal_case(self) -> Case:
        """Fiscal benefits against costs."""
        return Case("fiscal case", self.fiscal_benefits, self.costs)

    @property
    def public_value_case(self) -> Case:
        """All benefits (fiscal, economic, social) against costs."""
        return Case("public value case", self.benefits, self.costs)

    # -- headline present values -----------------------------------------------------

    def _pv(self, amount: Money) -> PresentValue:
        return PresentValue(
            amount, self.horizon, self.base_year, self.price_base, self.schedule.name
        )

    @property
    def npv(self) -> PresentValue:
        """Net present value of the fiscal case, adjusted."""
        return self._pv(self.fiscal_case.net.present_value.adjusted)

    @property
    def npv_unadjusted(self) -> PresentValue:
        """Net present value of the fiscal case before adjustments."""
        return self._pv(self.fiscal_case.net.present_value.unadjusted)

    @property
    def net_present_public_value(self) -> PresentValue:
        """Net present value of the public value case (all benefits), adjusted."""
        return self._pv(self.public_value_case.net.present_value.adjusted)

    @property
    def net_present_public_value_unadjusted(self) -> PresentValue:
        """Net present public value before adjustments."""
        return self._pv(self.public_value_case.net.present_value.unadjusted)

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
            total = total + line.sign * pv.round("penny", rounding)
        return total

    # -- tables ----------------------------------------------------------------------

    def by_year(self) -> list[dict[str, object]]:
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
        return rows

    def project_rows(self) -> list[dict[str, object]]:
        """Per project: adjusted present values of costs and benefits, NPV and NPPV."""
        rows: list[dict[str, object]] = []
        for key in self.projects:
            part = self.for_projects(key)
            rows.append(
                {
                    "project": key,
                    "pv_costs": part.costs.present_value.adjusted,
                    "pv_fiscal_benefits": part.fiscal_benefits.present_value.adjusted,
                    "pv_benefits": part.benefits.present_value.adjusted,
                    "npv": part.npv.amount,
                    "net_present_public_value": part.net_present_public_value.amount,
                }
            )
        return rows

    def rows(self) -> list[dict[str, object]]:
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

        def ratios(section: str, case: Case) -> None:
            for item, fn in (("ROI", case.roi), ("BCR", case.bcr)):
                rows.append(
                    {
                        "section": section,
                        "item": item,
                        "undiscounted_unadjusted": fn(discounted=False, adjusted=False),
                        "undiscounted_adjusted": fn(discounted=False, adjusted=True),
                        "pv_unadjusted": fn(discounted=True, adjusted=False),
                        "pv_adjusted": fn(discounted=True, adjusted=True),
                    }
                )

        for category, figures in self.costs_by_type().items():
            add("costs", category.replace("_", " "), figures)
        add("costs", "total costs", self.costs)
        for kind, figures in self.benefits_by_value_type().items():
            add("benefits", kind.label, figures)
        add("benefits", "total benefits", self.benefits)
        fiscal, public = self.fiscal_case, self.public_value_case
        add("fiscal case", "fiscal benefits", fiscal.benefits)
        add("fiscal case", "net (NPV)", fiscal.net)
        ratios("fiscal case", fiscal)
        add("public value case", "net (NPPV)", public.net)
        ratios("public value case", public)
        return rows

    def __repr__(self) -> str:
        return (
            f"<Appraisal of {self.name}: NPV {self.npv.amount.format()} "
            f"(unadjusted {self.npv_unadjusted.amount.format()}) over {self.horizon}, "
            f"base year {self.base_year}, {self.schedule.name}>"
        )

    def table(self) -> Table:
        """The summary as a :class:`~wecb.core.table.Table`: each section's items, money to
        the penny and ratios as text (ROI as a percentage); the totals and net rows are
        marked ``"total"``, so the text form rules them off and HTML makes them bold."""
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
            if item in ("ROI", "BCR"):
                show = percent_text if item == "ROI" else ratio_text
                values = [show(v if isinstance(v, Decimal) else None) for v in values]
            body.append((f"  {item}", *values))
            kinds.append("total" if item in _TOTAL_ITEMS else "group")
        notes = [
            f"horizon {self.horizon}; base year {self.base_year}; "
            f"{self.price_base} prices; discounting {self.schedule}",
            f"NPV (fiscal case, adjusted) {money_text(self.npv.amount)}; net present public "
            f"value {money_text(self.net_present_public_value.amount)}",
        ]
        if self.phasing.note:
            notes.append(f"phasing: {self.phasing.note}")
        notes.append(
            "columns: undiscounted and present values (PV), before and after adjustments (adj.)"
        )
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
_TOTAL_ITEMS = ("total costs", "total benefits", "net (NPV)", "net (NPPV)")
_COLUMNS = (
    Column(key="item", header=" ", align="left"),
    *(
        Column(key=key, header=header, align="right")
        for key, header in zip(
            _FIGURES, ("undiscounted", "undiscounted adj.", "PV", "PV adj."), strict=True
        )
    ),
)


# --------------------------------------------------------------------------- appraise


def _select(programme: Programme, projects: Iterable[str] | None) -> list[str]:
    keys = [p.key for p in programme.projects]
    if projects is None:
        return keys
    chosen = list(projects)
    unknown = [k for k in chosen if k not in keys]
    if unknown:
        raise AppraisalError(
            f"unknown project(s) {', '.join(map(repr, unknown))}; the programme has "
            f"{', '.join(keys) or 'none'}"
        )
    return [k for k in keys if k in chosen]


def appraise(
    programme: Programme,
    *,
    base_year: FinancialYear,
    price_base: FinancialYear,
    phasing: Phasing | None = None,
    schedule: DiscountSchedule = GREEN_BOOK_STPR,
    adjustments: AdjustmentPlan | Adjustments = NO_ADJUSTMENTS,
    projects: Iterable[str] | None = None,
    horizon: Horizon | None = None,
    allow_before_base: bool = False,
    name: str | None = None,
) -> Appraisal:
    """Appraise ``programme`` (or the ``projects`` named): see the module notes.

    ``base_year`` is the year discounted to; ``price_base`` the year whose prices the
    figures are in (wecb takes the user's word: it does not deflate). Every open period a
    line uses must be phased in ``phasing``, else :class:`~wecb.errors.UnphasedPeriodError`
    names each unphased period with its lines and shows how to phase it; a line before the
    base year raises :class:`~wecb.errors.BeforeBaseYearError` unless
    ``allow_before_base``. ``horizon`` defaults to the span of the phased years; a given
    horizon must contain them all. ``adjustments`` applies to every line, or per project
    and line through an :class:`~wecb.appraisal.lines.AdjustmentPlan`.
    """
    require_type("appraise programme", programme, Programme, "a Programme")
    require_type(
        "base_year", base_year, FinancialYear, "a FinancialYear, e.g. FinancialYear(2012)"
    )
    require_type(
        "price_base", price_base, FinancialYear, "a FinancialYear, e.g. FinancialYear(2012)"
    )
    require_type("schedule", schedule, DiscountSchedule, "a DiscountSchedule")
    phasing = Phasing() if phasing is None else phasing
    require_type("phasing", phasing, Phasing, "a Phasing")
    if isinstance(adjustments, Adjustments):
        adjustments = AdjustmentPlan(default=adjustments)
    plan = require_type(
        "adjustments", adjustments, AdjustmentPlan, "Adjustments or an AdjustmentPlan"
    )
    entries = [
        (programme.project(key), index, flow)
        for key in _select(programme, projects)
        for index, flow in enumerate(programme.project(key).cash_flows)
    ]
    plan.check_keys((p.key, i, f.label or f"line {i}") for p, i, f in entries)
    _check_phased(entries, phasing)
    lines = tuple(
        _line(
            project.key,
            project.domain,
            index,
            flow,
            phasing=phasing,
            plan=plan,
            base_year=base_year,
            schedule=schedule,
            allow_before_base=allow_before_base,
            currency=programme.currency,
        )
        for project, index, flow in entries
    )
    return Appraisal(
        name=name or programme.name,
        lines=lines,
        horizon=_horizon([year for line in lines for year, _ in line.unadjusted], horizon),
        base_year=base_year,
        price_base=price_base,
        schedule=schedule,
        phasing=phasing,
        allow_before_base=allow_before_base,
        currency=programme.currency,
    )


def _check_phased(entries: Iterable[tuple[Project, int, CashFlow]], phasing: Phasing) -> None:
    """Raise :class:`~wecb.errors.UnphasedPeriodError` naming every unphased open period."""
    missing: dict[OpenPeriod, list[str]] = {}
    for project, index, flow in entries:
        # A zero line adds nothing in any year, so it needs no phasing.
        if not flow.amount.is_zero() and not phasing.covers(flow.period, project.key):
            assert isinstance(flow.period, OpenPeriod)
            missing.setdefault(flow.period, []).append(_describe(project.key, index, flow))
    if missing:
        errors = [str(unphased_error(period, lines)) for period, lines in missing.items()]
        raise UnphasedPeriodError("\n".join(errors))


def _horizon(years: list[FinancialYear], horizon: Horizon | None) -> Horizon:
    """The stated horizon (which must hold every phased year), or the years' span."""
    if horizon is None:
        if not years:
            raise AppraisalError(
                "nothing to appraise and no horizon: pass horizon=Horizon(first, last) to "
                "state the years an empty appraisal covers"
            )
        return Horizon.spanning(years, "appraisal horizon")
    require_type("horizon", horizon, Horizon, "a Horizon")
    outside = sorted({str(y) for y in years if y not in horizon})
    if outside:
        raise AppraisalError(
            f"the phased flows fall in {', '.join(outside)}, outside the stated horizon "
            f"({horizon})"
        )
    return horizon


def _describe(project: str, index: int, flow: CashFlow) -> str:
    label = flow.label or f"line {index}"
    return f"{project} {label!r} ({flow.nature.value} {flow.amount})"


def _line(
    project: str,
    domain: str,
    index: int,
    flow: CashFlow,
    *,
    phasing: Phasing,
    plan: AdjustmentPlan,
    base_year: FinancialYear,
    schedule: DiscountSchedule,
    allow_before_base: bool,
    currency: str,
) -> AppraisedLine:
    label = flow.label or f"line {index}"
    adjustments, rule = plan.for_line(project, index, label)
    if flow.amount.is_zero() and not phasing.covers(flow.period, project):
        phased: dict[FinancialYear, Money] = {}
    else:
        phased = phasing.phase(
            flow.amount, flow.period, project=project, what=_describe(project, index, flow)
        )
    nature = flow.nature.value
    # Phase first (exact pennies), then adjust each year: multiplication is exact, so the
    # adjusted years add up to the adjusted total with nothing rounded.
    adjusted = {
        year: adjust(amount, nature, adjustments).adjusted for year, amount in phased.items()
    }
    steps = adjust(flow.amount, nature, adjustments).steps

    def pv(amounts: Mapping[FinancialYear, Money]) -> Money:
        return present_value(
            amounts, base_year, schedule, allow_before_base=allow_before_base, currency=currency
        )

    category = cost_category(flow) if flow.is_cost else benefit_type(flow).value
    return AppraisedLine(
        project=project,
        domain=domain,
        index=index,
        label=label,
        nature=flow.nature,
        category=category,
        cashable=flow.cashable,
        partner=flow.partner,
        period=flow.period,
        adjustments=adjustments,
        rule=rule,
        steps=steps,
        unadjusted=tuple(sorted(phased.items())),
        adjusted=tuple(sorted(adjusted.items())),
        pv_unadjusted=pv(phased),
        pv_adjusted=pv(adjusted),
    )
