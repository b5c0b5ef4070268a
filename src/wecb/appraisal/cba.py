"""Cost-benefit appraisal of a programme, as the public-service CBA method does it.

:func:`appraise` takes every cash flow of a programme (or of chosen projects), phases open
periods into financial years (:class:`~wecb.appraisal.phasing.Phasing`, never implicitly),
applies the adjustments chosen for each project or line (optimism bias, deadweight,
attribution: :mod:`wecb.appraisal.adjustments`), and discounts each line to the base year
(:mod:`wecb.appraisal.discounting`, the Green Book STPR by default). The
:class:`Appraisal` it returns keeps every line, so figures are available both ways:

* **costs by type**: capital, revenue, in kind (and "unclassified" for costs whose type
  the source does not give, such as the Essex tables' cost columns);
* **benefits by value type**: fiscal cashable, fiscal non-cashable, economic, social;
* the **fiscal case** (fiscal benefits against costs) and the **public value case** (all
  benefits against costs), each with its net value, return on investment
  ``(benefits - costs) / costs`` and benefit-cost ratio ``benefits / costs``;
* every figure **undiscounted and as a present value, unadjusted and adjusted**, side by
  side; :attr:`Appraisal.npv` (the fiscal case) and
  :attr:`Appraisal.net_present_public_value` as :class:`~wecb.appraisal.discounting.PresentValue`
  records stating horizon, base year, price base and schedule.

Exactness: phasing splits whole pennies exactly; adjustments multiply exactly; present
values are exact given the schedule's 28-digit factors. Nothing is rounded: the tables
that ``str()`` prints round for display only (to the penny, half up).

>>> from wecb.model.cashflows import CashFlow, Nature
>>> from wecb.model.domains import Domain, DomainKind
>>> from wecb.core.money import Money
>>> from wecb.core.periods import FinancialYear
>>> from wecb.model.programme import Programme
>>> from wecb.model.projects import Project
>>> from wecb.appraisal.discounting import ZERO_RATE
>>> fy = FinancialYear(2013)
>>> project = Project(key="P1", title="Pilot", domain="d", flows=(
...     CashFlow(amount=Money(100), nature=Nature.COST, period=fy, label="set-up"),
...     CashFlow(amount=Money(250), nature=Nature.BENEFIT, period=fy + 1, label="saving")))
>>> programme = Programme(name="Demo", place="Here", partners=(),
...     domains=(Domain(key="d", name="D", kind=DomainKind.THEMATIC),), projects=(project,))
>>> result = appraise(programme, base_year=fy, price_base=fy, schedule=ZERO_RATE)
>>> result.npv.amount, result.fiscal_case.roi()
(Money('150', 'GBP'), Decimal('1.5'))
>>> adjusted = appraise(programme, base_year=fy, price_base=fy, schedule=ZERO_RATE,
...                     adjustments=Adjustments(deadweight="0.2"))
>>> adjusted.npv.amount, adjusted.npv_unadjusted.amount
(Money('100.0', 'GBP'), Money('150', 'GBP'))
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_EVEN, Decimal

import attrs

from wecb.appraisal.adjustments import (
    NO_ADJUSTMENTS,
    Adjustments,
    AdjustmentStep,
    adjust,
)
from wecb.appraisal.discounting import (
    GREEN_BOOK_STPR,
    DiscountSchedule,
    Horizon,
    PresentValue,
    present_value,
)
from wecb.appraisal.phasing import Phasing, unphased_error
from wecb.core._text import aligned, aligned_html, money_text, percent_text, ratio_text
from wecb.core.money import Money
from wecb.core.periods import FinancialYear, OpenPeriod, Period
from wecb.errors import AppraisalError
from wecb.model.cashflows import CashFlow, CostType, Nature, ValueType
from wecb.model.programme import Programme

__all__ = [
    "COST_CATEGORIES",
    "UNCLASSIFIED",
    "AdjustmentPlan",
    "Appraisal",
    "AppraisedLine",
    "BenefitType",
    "Case",
    "Figures",
    "SideBySide",
    "appraise",
    "benefit_type",
    "cost_category",
]

#: The category of a cost whose type (capital, revenue, in kind) is not given.
UNCLASSIFIED = "unclassified"
#: Cost categories in display order.
COST_CATEGORIES: tuple[str, ...] = (*(t.value for t in CostType), UNCLASSIFIED)


class BenefitType(enum.Enum):
    """A benefit's value type as the CBA method reports it."""

    FISCAL_CASHABLE = "fiscal_cashable"
    FISCAL_NON_CASHABLE = "fiscal_non_cashable"
    ECONOMIC = "economic"
    SOCIAL = "social"

    @property
    def label(self) -> str:
        """Words for display, e.g. ``'fiscal cashable'``."""
        return self.value.replace("_", " ").replace("non cashable", "non-cashable")

    @property
    def is_fiscal(self) -> bool:
        """Whether the benefit is a saving to the public purse."""
        return self in (BenefitType.FISCAL_CASHABLE, BenefitType.FISCAL_NON_CASHABLE)


def benefit_type(flow: CashFlow) -> BenefitType:
    """The value type of a benefit flow (fiscal ones split by cashability)."""
    if flow.nature is not Nature.BENEFIT:
        raise AppraisalError(f"benefit_type: {flow!r} is a cost, not a benefit")
    if flow.value_type is ValueType.FISCAL:
        return BenefitType.FISCAL_CASHABLE if flow.cashable else BenefitType.FISCAL_NON_CASHABLE
    if flow.value_type is ValueType.ECONOMIC:
        return BenefitType.ECONOMIC
    return BenefitType.SOCIAL


def cost_category(flow: CashFlow) -> str:
    """``'capital'``, ``'revenue'``, ``'in_kind'`` or ``'unclassified'`` for a cost flow."""
    if flow.nature is not Nature.COST:
        raise AppraisalError(f"cost_category: {flow!r} is a benefit, not a cost")
    return UNCLASSIFIED if flow.cost_type is None else flow.cost_type.value


# --------------------------------------------------------------------------- adjustments

LineKey = tuple[str, str | int]


def _adjustments(where: str, value: object) -> Adjustments:
    if not isinstance(value, Adjustments):
        raise AppraisalError(f"{where}: {value!r} is not accepted; expected Adjustments")
    return value


def _default_adjustments(
    instance: object, attribute: attrs.Attribute[Adjustments], value: object
) -> None:
    _adjustments("AdjustmentPlan.default", value)


def _by_project(value: object) -> tuple[tuple[str, Adjustments], ...]:
    if isinstance(value, tuple):
        return value
    if not isinstance(value, Mapping):
        raise AppraisalError(f"AdjustmentPlan.projects: {value!r} is not a mapping")
    return tuple(
        (str(k), _adjustments(f"AdjustmentPlan.projects[{k!r}]", v)) for k, v in value.items()
    )


def _by_line(value: object) -> tuple[tuple[LineKey, Adjustments], ...]:
    if isinstance(value, tuple):
        return value
    if not isinstance(value, Mapping):
        raise AppraisalError(f"AdjustmentPlan.lines: {value!r} is not a mapping")
    out = []
    for key, adjustments in value.items():
        if (
            not isinstance(key, tuple)
            or len(key) != 2
            or not isinstance(key[0], str)
            or isinstance(key[1], bool)
            or not isinstance(key[1], str | int)
        ):
            raise AppraisalError(
                f"AdjustmentPlan.lines: key {key!r} is not accepted; expected (project key, "
                "line label) or (project key, line index)"
            )
        out.append((key, _adjustments(f"AdjustmentPlan.lines[{key!r}]", adjustments)))
    return tuple(out)


@attrs.frozen(kw_only=True)
class AdjustmentPlan:
    """Which :class:`~wecb.appraisal.adjustments.Adjustments` apply to which line.

    A line takes the first that matches: its own entry in ``lines`` (keyed by ``(project
    key, line label)`` or ``(project key, index in project.cash_flows)``; a line with no
    label is labelled ``"line <index>"``, as the appraisal shows it), then its
    project's entry in ``projects``, then ``default``. Every key must match something in
    the appraised programme, so a mistyped key is an error rather than silently ignored.

    >>> plan = AdjustmentPlan(projects={"FBC1": Adjustments(optimism_bias_grade=3)})
    >>> plan.for_line("FBC1", 0, "Costs to Mar '13")[1]
    "project 'FBC1'"
    """

    default: Adjustments = attrs.field(default=NO_ADJUSTMENTS, validator=_default_adjustments)
    projects: tuple[tuple[str, Adjustments], ...] = attrs.field(default=(), converter=_by_project)
    lines: tuple[tuple[LineKey, Adjustments], ...] = attrs.field(default=(), converter=_by_line)

    def for_line(self, project: str, index: int, label: str | None) -> tuple[Adjustments, str]:
        """The adjustments of a line and the rule that chose them."""
        for key, adjustments in self.lines:
            if key[0] == project and (
                key[1] == index if isinstance(key[1], int) else key[1] == label
            ):
                return adjustments, f"line {key!r}"
        for name, adjustments in self.projects:
            if name == project:
                return adjustments, f"project {name!r}"
        return self.default, "default"

    def check_keys(self, lines: Iterable[tuple[str, int, str | None]]) -> None:
        """Raise :class:`~wecb.errors.AppraisalError` for a key matching no line."""
        seen = list(lines)
        projects = {p for p, _, _ in seen}
        unknown = [repr(k) for k, _ in self.projects if k not in projects]
        for key, _ in self.lines:
            project, which = key
            if not any(
                p == project and (i == which if isinstance(which, int) else label == which)
                for p, i, label in seen
            ):
                unknown.append(repr(key))
        if unknown:
            raise AppraisalError(
                f"AdjustmentPlan keys match no appraised line: {', '.join(unknown)}; "
                f"projects appraised: {', '.join(sorted(projects)) or 'none'}"
            )


# --------------------------------------------------------------------------- figures


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

    def cells(self) -> tuple[Money, Money, Money, Money]:
        """Undiscounted unadjusted, undiscounted adjusted, PV unadjusted, PV adjusted."""
        return (
            self.undiscounted.unadjusted,
            self.undiscounted.adjusted,
            self.present_value.unadjusted,
            self.present_value.adjusted,
        )


@attrs.frozen
class Case:
    """Benefits against costs: the fiscal case or the public value case.

    >>> z = Money(0)
    >>> case = Case("fiscal case", Figures(SideBySide(Money(300), Money(240)),
    ...             SideBySide(Money(300), Money(240))), Figures(SideBySide(Money(100),
    ...             Money(100)), SideBySide(Money(100), Money(100))))
    >>> case.roi(), case.roi(adjusted=False), case.bcr()
    (Decimal('1.4'), Decimal('2'), Decimal('2.4'))
    """

    name: str
    benefits: Figures
    costs: Figures

    @property
    def net(self) -> Figures:
        """Benefits less costs."""
        return self.benefits - self.costs

    def roi(self, *, discounted: bool = True, adjusted: bool = True) -> Decimal | None:
        """Return on investment ``(benefits - costs) / costs``; ``None`` when costs are 0."""
        costs = self.costs.get(discounted=discounted, adjusted=adjusted)
        if costs.is_zero():
            return None
        return (self.benefits.get(discounted=discounted, adjusted=adjusted) - costs) / costs

    def bcr(self, *, discounted: bool = True, adjusted: bool = True) -> Decimal | None:
        """Benefit-cost ratio ``benefits / costs``; ``None`` when costs are 0."""
        costs = self.costs.get(discounted=discounted, adjusted=adjusted)
        if costs.is_zero():
            return None
        return self.benefits.get(discounted=discounted, adjusted=adjusted) / costs


# --------------------------------------------------------------------------- lines


YearAmounts = tuple[tuple[FinancialYear, Money], ...]


@attrs.frozen(kw_only=True)
class AppraisedLine:
    """One cash flow of the programme, phased, adjusted and discounted.

    ``unadjusted`` and ``adjusted`` are the amounts by financial year (magnitudes: the
    ``nature`` gives the sign); ``pv_unadjusted`` and ``pv_adjusted`` their exact present
    values. ``category`` is the cost category or the :class:`BenefitType` value.
    """

    project: str
    domain: str
    index: int
    label: str
    nature: Nature
    category: str
    cashable: bool
    partner: str | None
    period: Period
    adjustments: Adjustments
    rule: str
    steps: tuple[AdjustmentStep, ...]
    unadjusted: YearAmounts
    adjusted: YearAmounts
    pv_unadjusted: Money
    pv_adjusted: Money

    @property
    def is_cost(self) -> bool:
        return self.nature is Nature.COST

    @property
    def is_fiscal_benefit(self) -> bool:
        """Whether the line is a fiscal benefit (cashable or not)."""
        return self.nature is Nature.BENEFIT and BenefitType(self.category).is_fiscal

    @property
    def sign(self) -> int:
        """``+1`` for a benefit, ``-1`` for a cost."""
        return -1 if self.nature is Nature.COST else 1

    @property
    def total_unadjusted(self) -> Money:
        return _sum((m for _, m in self.unadjusted), self.pv_unadjusted.currency)

    @property
    def total_adjusted(self) -> Money:
        return _sum((m for _, m in self.adjusted), self.pv_adjusted.currency)

    @property
    def figures(self) -> Figures:
        """The line's four amounts (magnitudes)."""
        return Figures(
            SideBySide(self.total_unadjusted, self.total_adjusted),
            SideBySide(self.pv_unadjusted, self.pv_adjusted),
        )

    @property
    def multiplier(self) -> Decimal:
        """The product of the adjustment steps' multipliers (1 when none apply)."""
        result = Decimal(1)
        for step in self.steps:
            result = result * step.multiplier
        return result


def _sum(amounts: Iterable[Money], currency: str) -> Money:
    total: Money | None = None
    for amount in amounts:
        total = amount if total is None else total + amount
    return Money.zero(currency) if total is None else total


# --------------------------------------------------------------------------- the record


@attrs.frozen(kw_only=True)
class Appraisal:
    """The appraisal of a programme (or of some of its projects); see the module notes.

    Every headline figure is a :class:`~wecb.appraisal.discounting.PresentValue` stating
    its horizon, base year, price base and discount schedule.
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

    @property
    def schedule_name(self) -> str:
        return self.schedule.name

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

    def _repr_html_(self) -> str:
        head, header, body, rules = self._table()
        return aligned_html(
            header, body, "lrrrr", rule_before=rules[1:], caption=head[0], notes=head[1:]
        )

    def __str__(self) -> str:
        head, header, body, rules = self._table()
        return "\n".join([*head, aligned(header, body, "lrrrr", rule_before=rules[1:])])

    def _table(
        self,
    ) -> tuple[list[str], tuple[str, ...], list[tuple[str, str, str, str, str]], list[int]]:
        header = ("", "undiscounted", "undiscounted adj.", "PV", "PV adj.")
        body: list[tuple[str, str, str, str, str]] = []
        rules: list[int] = []
        section = None
        for row in self.rows():
            if row["section"] != section:
                section = row["section"]
                rules.append(len(body))
                body.append((f"{section}".capitalize(), "", "", "", ""))
            item = str(row["item"])
            values = [
                row[k]
                for k in (
                    "undiscounted_unadjusted",
                    "undiscounted_adjusted",
                    "pv_unadjusted",
                    "pv_adjusted",
                )
            ]
            if item == "ROI":
                cells = [percent_text(v if isinstance(v, Decimal) else None) for v in values]
            elif item == "BCR":
                cells = [ratio_text(v if isinstance(v, Decimal) else None) for v in values]
            else:
                cells = [money_text(v) if isinstance(v, Money) else "" for v in values]
            body.append((f"  {item}", cells[0], cells[1], cells[2], cells[3]))
        head = [
            f"Appraisal of {self.name}",
            f"horizon {self.horizon}; base year {self.base_year}; "
            f"{self.price_base} prices; discounting {self.schedule}",
            f"NPV (fiscal case, adjusted) {money_text(self.npv.amount)}; net present public "
            f"value {money_text(self.net_present_public_value.amount)}",
        ]
        if self.phasing.note:
            head.append(f"phasing: {self.phasing.note}")
        head.append(
            "columns: undiscounted and present values (PV), before and after adjustments (adj.)"
        )
        return head, header, body, rules


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
    line uses must be phased in ``phasing``, else :class:`~wecb.errors.AppraisalError` names
    each unphased period with its lines and shows how to phase it. ``horizon`` defaults
    to the span of the phased years; a given horizon must contain them all.
    ``adjustments`` applies to every line, or per project and line through an
    :class:`AdjustmentPlan`.
    """
    if not isinstance(programme, Programme):
        raise AppraisalError(f"appraise needs a Programme, got {programme!r}")
    for what, year in (("base_year", base_year), ("price_base", price_base)):
        if not isinstance(year, FinancialYear):
            raise AppraisalError(
                f"{what} must be a FinancialYear, e.g. FinancialYear(2012), got {year!r}"
            )
    if not isinstance(schedule, DiscountSchedule):
        raise AppraisalError(f"schedule must be a DiscountSchedule, got {schedule!r}")
    phasing = Phasing() if phasing is None else phasing
    if not isinstance(phasing, Phasing):
        raise AppraisalError(f"phasing must be a Phasing, got {phasing!r}")
    plan = (
        AdjustmentPlan(default=adjustments)
        if isinstance(adjustments, Adjustments)
        else (adjustments)
    )
    if not isinstance(plan, AdjustmentPlan):
        raise AppraisalError(
            f"adjustments must be Adjustments or an AdjustmentPlan, got {adjustments!r}"
        )
    keys = _select(programme, projects)
    entries = [
        (programme.project(key), index, flow)
        for key in keys
        for index, flow in enumerate(programme.project(key).cash_flows)
    ]
    plan.check_keys((p.key, i, f.label or f"line {i}") for p, i, f in entries)
    missing: dict[OpenPeriod, list[str]] = {}
    for project, index, flow in entries:
        # A zero line adds nothing in any year, so it needs no phasing.
        if not flow.amount.is_zero() and not phasing.covers(flow.period, project.key):
            assert isinstance(flow.period, OpenPeriod)
            missing.setdefault(flow.period, []).append(_describe(project.key, index, flow))
    if missing:
        errors = [str(unphased_error(period, lines)) for period, lines in missing.items()]
        raise AppraisalError("\n".join(errors))
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
    years = [year for line in lines for year, _ in line.unadjusted]
    if horizon is None:
        if not years:
            raise AppraisalError(
                "nothing to appraise and no horizon: pass horizon=Horizon(first, last) to "
                "state the years an empty appraisal covers"
            )
        horizon = Horizon.spanning(years, "appraisal horizon")
    elif not isinstance(horizon, Horizon):
        raise AppraisalError(f"horizon must be a Horizon, got {horizon!r}")
    else:
        outside = sorted({str(y) for y in years if y not in horizon})
        if outside:
            raise AppraisalError(
                f"the phased flows fall in {', '.join(outside)}, outside the stated horizon "
                f"({horizon})"
            )
    return Appraisal(
        name=name or programme.name,
        lines=lines,
        horizon=horizon,
        base_year=base_year,
        price_base=price_base,
        schedule=schedule,
        phasing=phasing,
        allow_before_base=allow_before_base,
        currency=programme.currency,
    )


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
