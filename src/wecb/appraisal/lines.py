"""The lines of an appraisal: each cash flow phased, adjusted and discounted, its category,
and the plan saying which adjustments apply to it.

A benefit's category is its :class:`BenefitType` as the data states it: fiscal cashable,
fiscal non-cashable, economic, social, or unclassified when the source does not say which.
An appraisal keeps unclassified benefits out of the financial case unless told to count them as
fiscal, economic or social (``treat_unclassified``, read by :func:`treatment`); a line
records that treatment in :attr:`AppraisedLine.treated_as` and keeps its stated category.

>>> BenefitType.FISCAL_NON_CASHABLE.label
'fiscal non-cashable'
>>> treatment("fiscal")
<BenefitType.FISCAL_NON_CASHABLE: 'fiscal_non_cashable'>
>>> treatment("unclassified")
Traceback (most recent call last):
...
wecb.errors.AppraisalError: treat_unclassified: 'unclassified' is not accepted; expected None \
(the default: unclassified benefits on their own row, outside the financial case and inside the \
economic case), or 'fiscal', 'economic' or 'social' to count them as that
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from decimal import Decimal

import attrs

from wecb.appraisal._exact import EXACT_CONTEXT
from wecb.appraisal.adjustments import NO_ADJUSTMENTS, Adjustments, AdjustmentStep
from wecb.appraisal.cases import Figures, SideBySide
from wecb.appraisal.prices import Rebasing
from wecb.core._validators import require_instance
from wecb.core.money import Money
from wecb.core.periods import FinancialYear, Period
from wecb.errors import AppraisalError, WecbTypeError
from wecb.model.cashflows import CashFlow, CostType, Nature, ValueType

__all__ = [
    "BUSINESS_AS_USUAL",
    "COST_CATEGORIES",
    "UNCLASSIFIED",
    "AdjustmentPlan",
    "AppraisedLine",
    "BenefitType",
    "benefit_type",
    "business_as_usual",
    "cost_category",
    "treatment",
]

#: The category of a cost whose type (capital, revenue, in kind) is not given.
UNCLASSIFIED = "unclassified"
#: Cost categories in display order.
COST_CATEGORIES: tuple[str, ...] = (*(t.value for t in CostType), UNCLASSIFIED)


class BenefitType(enum.Enum):
    """A benefit's value type as the CBA method reports it; ``UNCLASSIFIED`` for a benefit
    whose source does not say whether it is fiscal, economic or social."""

    FISCAL_CASHABLE = "fiscal_cashable"
    FISCAL_NON_CASHABLE = "fiscal_non_cashable"
    ECONOMIC = "economic"
    SOCIAL = "social"
    UNCLASSIFIED = "unclassified"

    @property
    def label(self) -> str:
        """Words for display, e.g. ``'fiscal cashable'``."""
        return self.value.replace("_", " ").replace("non cashable", "non-cashable")

    @property
    def is_fiscal(self) -> bool:
        """Whether the benefit is a saving to the public purse."""
        return self in (BenefitType.FISCAL_CASHABLE, BenefitType.FISCAL_NON_CASHABLE)


_BY_VALUE_TYPE = {
    ValueType.ECONOMIC: BenefitType.ECONOMIC,
    ValueType.SOCIAL: BenefitType.SOCIAL,
    ValueType.UNCLASSIFIED: BenefitType.UNCLASSIFIED,
}


def benefit_type(flow: CashFlow) -> BenefitType:
    """The value type of a benefit flow (fiscal ones split by cashability)."""
    if flow.nature is not Nature.BENEFIT:
        raise AppraisalError(f"benefit_type: {flow!r} is a cost, not a benefit")
    if flow.value_type is ValueType.FISCAL:
        return BenefitType.FISCAL_CASHABLE if flow.cashable else BenefitType.FISCAL_NON_CASHABLE
    if flow.value_type is None:  # the model refuses this; never guess a kind
        raise AppraisalError.not_accepted(
            "benefit_type: the benefit's value_type",
            None,
            "fiscal, economic, social or unclassified",
        )
    return _BY_VALUE_TYPE[flow.value_type]


_TREATMENTS = {
    ValueType.FISCAL: BenefitType.FISCAL_NON_CASHABLE,
    ValueType.ECONOMIC: BenefitType.ECONOMIC,
    ValueType.SOCIAL: BenefitType.SOCIAL,
}
_TREATMENT_CHOICES = (
    "None (the default: unclassified benefits on their own row, outside the financial case and "
    "inside the economic case), or 'fiscal', 'economic' or 'social' to count them as that"
)


def treatment(value: object) -> BenefitType | None:
    """What ``treat_unclassified`` counts unclassified benefits as: ``None`` (their own row,
    outside the financial case), or the :class:`BenefitType` of ``"fiscal"`` (fiscal
    non-cashable: an unclassified benefit is never cashable), ``"economic"`` or ``"social"``,
    given as text or a :class:`~wecb.model.cashflows.ValueType`."""
    if value is None:
        return None
    if isinstance(value, ValueType):
        kind: ValueType | None = value
    elif isinstance(value, str):
        kind = next((v for v in ValueType if v.value == value), None)
    else:
        raise WecbTypeError.not_accepted("treat_unclassified", value, _TREATMENT_CHOICES)
    if kind is None or kind not in _TREATMENTS:
        raise AppraisalError.not_accepted("treat_unclassified", value, _TREATMENT_CHOICES)
    return _TREATMENTS[kind]


def cost_category(flow: CashFlow) -> str:
    """``'capital'``, ``'revenue'``, ``'in_kind'`` or ``'unclassified'`` for a cost flow."""
    if flow.nature is not Nature.COST:
        raise AppraisalError(f"cost_category: {flow!r} is a benefit, not a cost")
    return UNCLASSIFIED if flow.cost_type is None else flow.cost_type.value


# --------------------------------------------------------------------------- adjustments

LineKey = tuple[str, str | int]


def _adjustments(where: str, value: object) -> Adjustments:
    return require_instance(where, value, Adjustments, "Adjustments")


def _default_adjustments(
    instance: object, attribute: attrs.Attribute[Adjustments], value: object
) -> None:
    _adjustments("AdjustmentPlan.default", value)


def _by_project(value: object) -> tuple[tuple[str, Adjustments], ...]:
    if isinstance(value, tuple):
        return value
    if not isinstance(value, Mapping):
        raise WecbTypeError.not_accepted("AdjustmentPlan.projects", value, "a mapping")
    return tuple(
        (str(k), _adjustments(f"AdjustmentPlan.projects[{k!r}]", v)) for k, v in value.items()
    )


def _by_line(value: object) -> tuple[tuple[LineKey, Adjustments], ...]:
    if isinstance(value, tuple):
        return value
    if not isinstance(value, Mapping):
        raise WecbTypeError.not_accepted("AdjustmentPlan.lines", value, "a mapping")
    out = []
    for key, adjustments in value.items():
        if (
            not isinstance(key, tuple)
            or len(key) != 2
            or not isinstance(key[0], str)
            or isinstance(key[1], bool)
            or not isinstance(key[1], str | int)
        ):
            raise WecbTypeError.not_accepted(
                "AdjustmentPlan.lines key",
                key,
                "(project key, line label) or (project key, line index)",
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


# --------------------------------------------------------------------------- lines


YearAmounts = tuple[tuple[FinancialYear, Money], ...]


@attrs.frozen(kw_only=True)
class AppraisedLine:
    """One cash flow of the programme, phased, adjusted and discounted.

    ``unadjusted`` and ``adjusted`` are the amounts by financial year (magnitudes: the
    ``nature`` gives the sign; negated for a business-as-usual line, ``counterfactual``,
    so that every sum of lines is with-minus-without); ``pv_unadjusted`` and
    ``pv_adjusted`` their exact present values. ``category`` is the cost category or the
    :class:`BenefitType` value as the data states it; ``treated_as`` is, for an unclassified
    benefit the appraisal was told to count as fiscal, economic or social
    (``treat_unclassified``), the type it counts as, else None.
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
    treated_as: BenefitType | None = None
    #: A business-as-usual line (:attr:`~wecb.model.projects.Project.counterfactual`): its
    #: amounts are the flow's, negated (see :func:`business_as_usual`).
    counterfactual: bool = False
    #: The price year the flow stated (``None``: taken as the appraisal's price base).
    price_year: FinancialYear | None = None
    #: The conversion to the price base, when the flow's price year differs from it; every
    #: amount of the line (``unadjusted`` onwards) is then in the price base.
    rebasing: Rebasing | None = None
    #: The keys of the asks of government the flow depends on
    #: (:attr:`~wecb.model.cashflows.CashFlow.requires`).
    requires: tuple[str, ...] = ()

    @property
    def is_cost(self) -> bool:
        return self.nature is Nature.COST

    @property
    def counted_as(self) -> BenefitType | None:
        """The benefit type the line counts as in the cases: its own, or its treatment if it
        is an unclassified benefit treated as another type; None for a cost."""
        if self.nature is not Nature.BENEFIT:
            return None
        return self.treated_as or BenefitType(self.category)

    @property
    def is_fiscal_benefit(self) -> bool:
        """Whether the line counts in the financial case as a benefit: a fiscal benefit
        (cashable or not), or an unclassified one treated as fiscal."""
        kind = self.counted_as
        return kind is not None and kind.is_fiscal

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
            result = EXACT_CONTEXT.multiply(result, step.multiplier)
        return result


#: The adjustment rule of a business-as-usual line: taken as stated.
BUSINESS_AS_USUAL = "business as usual (not adjusted)"


def business_as_usual(line: AppraisedLine) -> AppraisedLine:
    """``line``, appraised from a business-as-usual (counterfactual) flow, as it counts:
    every amount negated, so that adding it to the project's lines gives with-minus-without
    in every total (costs, benefits of its type, years, partners). It must have been
    appraised without adjustments: the counterfactual is taken as stated (deadweight and
    attribution already estimate what would happen anyway)."""
    if line.adjustments != NO_ADJUSTMENTS:
        raise AppraisalError(
            f"business_as_usual: line {line.label!r} of project {line.project!r} was "
            "adjusted; a business-as-usual line is taken as stated"
        )
    return attrs.evolve(
        line,
        rule=BUSINESS_AS_USUAL,
        unadjusted=_negated(line.unadjusted),
        adjusted=_negated(line.adjusted),
        pv_unadjusted=_negate(line.pv_unadjusted),
        pv_adjusted=_negate(line.pv_adjusted),
        counterfactual=True,
    )


def _negate(amount: Money) -> Money:
    return amount if amount.is_zero() else -amount


def _negated(amounts: YearAmounts) -> YearAmounts:
    return tuple((year, _negate(amount)) for year, amount in amounts)


def _sum(amounts: Iterable[Money], currency: str) -> Money:
    total: Money | None = None
    for amount in amounts:
        total = amount if total is None else total + amount
    return Money.zero(currency) if total is None else total
