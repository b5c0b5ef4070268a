"""Optimism bias, deadweight and attribution, with both figures kept side by side.

The public-service cost-benefit method adjusts each line before discounting:

* **optimism bias** by a confidence grade (1 = best evidence ... 6 = least): a
  cost is raised by the grade's cost percentage, a benefit cut by its benefit
  percentage (the percentages of each grade, and the shipped table, are in
  :mod:`wecb.appraisal.optimism_bias`);
* **deadweight**, the share of a benefit that would have happened anyway:
  the benefit is multiplied by ``1 - deadweight``;
* **attribution**, the share of the remaining benefit due to this intervention:
  the benefit is multiplied by ``attribution``.

Deadweight and attribution concern outcomes, so they apply to benefits only;
costs take optimism bias alone. :func:`adjust` keeps the unadjusted figure, the
adjusted one and every step, so scenarios can switch adjustments off and show
both. A zero percentage (and ``deadweight=0``, ``attribution=1``) changes
nothing, exactly.

>>> from wecb.core.money import Money
>>> out = adjust(Money(1000), "benefit", Adjustments(deadweight="0.2", attribution="0.5"))
>>> out.unadjusted, out.adjusted
(Money('1000', 'GBP'), Money('400.00', 'GBP'))
>>> [s.kind for s in out.steps]
['deadweight', 'attribution']
"""

from __future__ import annotations

import enum
import functools
from decimal import Decimal
from typing import Final, Literal, TypeAlias

import attrs

from wecb.appraisal._checks import fraction_field
from wecb.appraisal._exact import EXACT_CONTEXT
from wecb.appraisal.optimism_bias import CBA_2014_OPTIMISM_BIAS, OptimismBiasTable
from wecb.core._decimal import shift, trimmed
from wecb.core._validators import field_name, require_instance
from wecb.core.money import Money
from wecb.core.numbers import Exact, decimal
from wecb.errors import AppraisalError, WecbTypeError

__all__ = [
    "NO_ADJUSTMENTS",
    "Adjusted",
    "AdjustmentStep",
    "Adjustments",
    "adjust",
    "apply_attribution",
    "apply_deadweight",
    "apply_optimism_bias",
]

#: ``"cost"`` or ``"benefit"``, or an enum member named or valued so (the model's ``Nature``).
NatureLike: TypeAlias = str | enum.Enum

_ONE: Final = Decimal(1)
_ZERO: Final = Decimal(0)
# 1 + uplift, 1 - reduction and 1 - deadweight, exactly whatever the caller's context (a
# fraction within the bounds of wecb.core.numbers never needs rounding here).
_ADD: Final = EXACT_CONTEXT.add
_SUBTRACT: Final = EXACT_CONTEXT.subtract


def _nature(value: NatureLike) -> Literal["cost", "benefit"]:
    if not isinstance(value, str | enum.Enum):
        raise WecbTypeError.not_accepted("nature", value, "'cost' or 'benefit'")
    candidates: list[object] = [value]
    if isinstance(value, enum.Enum):
        candidates = [value.value, value.name]
    for candidate in candidates:
        if isinstance(candidate, str):
            text = candidate.strip().lower()
            if text == "cost":
                return "cost"
            if text == "benefit":
                return "benefit"
    raise AppraisalError.not_accepted("nature", value, "'cost' or 'benefit'")


# --------------------------------------------------------------------------- one adjustment


def apply_optimism_bias(
    amount: Money,
    grade: int,
    nature: NatureLike,
    table: OptimismBiasTable = CBA_2014_OPTIMISM_BIAS,
) -> Money:
    """``amount`` corrected for optimism bias: costs raised, benefits cut.

    >>> apply_optimism_bias(Money(1000), 4, "cost")
    Money('1150.00', 'GBP')
    >>> apply_optimism_bias(Money(1000), 4, "benefit")
    Money('850.00', 'GBP')
    >>> apply_optimism_bias(Money(1000), 1, "cost")  # a zero percentage changes nothing
    Money('1000', 'GBP')
    """
    return _step_ob(amount, grade, _nature(nature), table).after


def apply_deadweight(amount: Money, deadweight: Exact) -> Money:
    """The part of a benefit that would not have happened anyway.

    >>> apply_deadweight(Money(200), "0.25")
    Money('150.00', 'GBP')
    """
    share = _fraction(deadweight, "deadweight")
    return _step_deadweight(amount, share).after


def apply_attribution(amount: Money, attribution: Exact) -> Money:
    """The part of a benefit due to this intervention.

    >>> apply_attribution(Money(200), "0.6")
    Money('120.0', 'GBP')
    """
    share = _fraction(attribution, "attribution")
    return _step_attribution(amount, share).after


def _fraction(value: Exact, what: str) -> Decimal:
    return decimal(value, what=what, minimum=0, maximum=1, error=AppraisalError)


# --------------------------------------------------------------------------- steps


def _check_money(amount: object) -> Money:
    return require_instance("amount", amount, Money, "Money")


def _scaled(amount: Money, multiplier: Decimal) -> Money:
    # Multiplying by exactly 1 returns the same object: zero adjustments change nothing.
    return amount if multiplier == _ONE else amount * multiplier


@attrs.frozen(kw_only=True)
class AdjustmentStep:
    """One adjustment applied: what, its parameter, the multiplier, before and after."""

    kind: Literal["optimism_bias", "deadweight", "attribution"]
    parameter: Decimal
    multiplier: Decimal
    before: Money
    after: Money
    detail: str

    def __str__(self) -> str:
        return f"{self.detail}: {self.before} -> {self.after}"


def _step(
    kind: Literal["optimism_bias", "deadweight", "attribution"],
    amount: Money,
    parameter: Decimal,
    multiplier: Decimal,
    detail: str,
) -> AdjustmentStep:
    return AdjustmentStep(
        kind=kind,
        parameter=parameter,
        multiplier=multiplier,
        before=amount,
        after=_scaled(amount, multiplier),
        detail=detail,
    )


def _step_ob(
    amount: Money, grade: int, nature: Literal["cost", "benefit"], table: OptimismBiasTable
) -> AdjustmentStep:
    _check_money(amount)
    entry = table[grade]
    if nature == "cost":
        pct, multiplier, verb = entry.cost_uplift, _ADD(_ONE, entry.cost_uplift), "raised"
    else:
        reduction = entry.benefit_reduction
        pct, multiplier, verb = reduction, _SUBTRACT(_ONE, reduction), "cut"
    detail = f"optimism bias grade {grade} ({table.name}): {nature} {verb} by {_pc(pct)}"
    return _step("optimism_bias", amount, pct, multiplier, detail)


def _step_deadweight(amount: Money, share: Decimal) -> AdjustmentStep:
    _check_money(amount)
    detail = f"deadweight {_pc(share)}: would have happened anyway"
    return _step("deadweight", amount, share, _SUBTRACT(_ONE, share), detail)


def _step_attribution(amount: Money, share: Decimal) -> AdjustmentStep:
    _check_money(amount)
    detail = f"attribution {_pc(share)}: share due to this intervention"
    return _step("attribution", amount, share, share, detail)


@functools.lru_cache(maxsize=256)  # each step of each line and year shows the same few
def _pc(fraction: Decimal) -> str:
    return format(trimmed(shift(fraction, 2)), "f") + "%"  # exact, whatever the context


# --------------------------------------------------------------------------- record


def _to_deadweight(value: Exact) -> Decimal:
    return decimal(value, what="Adjustments.deadweight", error=AppraisalError)


def _to_attribution(value: Exact) -> Decimal:
    return decimal(value, what="Adjustments.attribution", error=AppraisalError)


def _optional_grade(
    instance: object, attribute: attrs.Attribute[int | None], value: object
) -> None:
    if value is not None:
        require_instance(
            field_name(instance, attribute), value, int, "a confidence grade (int) or None"
        )


def _table_instance(
    instance: object, attribute: attrs.Attribute[OptimismBiasTable], value: object
) -> None:
    require_instance(
        field_name(instance, attribute), value, OptimismBiasTable, "an OptimismBiasTable"
    )


@attrs.frozen(kw_only=True)
class Adjustments:
    """The adjustments for a line or project: grade, deadweight, attribution, table.

    >>> Adjustments(deadweight="1.5")
    Traceback (most recent call last):
    wecb.errors.AppraisalError: Adjustments.deadweight: Decimal('1.5') is not accepted; \
expected a fraction in [0, 1]
    >>> Adjustments(optimism_bias_grade=9)
    Traceback (most recent call last):
    wecb.errors.AppraisalError: Adjustments.optimism_bias_grade: 9 is not a grade of table \
'cba_2014_confidence_grades' (grades 1, 2, 3, 4, 5, 6)
    """

    optimism_bias_grade: int | None = attrs.field(default=None, validator=_optional_grade)
    deadweight: Decimal = attrs.field(
        default=_ZERO, converter=_to_deadweight, validator=fraction_field
    )
    attribution: Decimal = attrs.field(
        default=_ONE, converter=_to_attribution, validator=fraction_field
    )
    table: OptimismBiasTable = attrs.field(
        default=CBA_2014_OPTIMISM_BIAS, validator=_table_instance
    )

    def __attrs_post_init__(self) -> None:
        grade = self.optimism_bias_grade
        if grade is not None and grade not in self.table:
            known = ", ".join(str(g.grade) for g in self.table.grades)
            raise AppraisalError(
                f"Adjustments.optimism_bias_grade: {grade!r} is not a grade of table "
                f"{self.table.name!r} (grades {known})"
            )

    @property
    def is_neutral(self) -> bool:
        """Whether these adjustments change nothing, for costs and benefits alike."""
        grade = self.optimism_bias_grade
        ob_zero = grade is None or (
            self.table.cost_uplift(grade) == 0 and self.table.benefit_reduction(grade) == 0
        )
        return ob_zero and self.deadweight == 0 and self.attribution == 1


#: No adjustment at all.
NO_ADJUSTMENTS: Final = Adjustments()


@attrs.frozen(kw_only=True)
class Adjusted:
    """An amount before and after adjustment, with each step taken."""

    unadjusted: Money
    adjusted: Money
    nature: Literal["cost", "benefit"]
    steps: tuple[AdjustmentStep, ...]

    @property
    def difference(self) -> Money:
        """``adjusted - unadjusted``: negative when a benefit was cut."""
        return self.adjusted - self.unadjusted

    def __str__(self) -> str:
        lines = [f"{self.nature}: {self.unadjusted} unadjusted, {self.adjusted} adjusted"]
        lines += [f"  {step}" for step in self.steps]
        return "\n".join(lines)


def adjust(
    amount: Money, nature: NatureLike, adjustments: Adjustments = NO_ADJUSTMENTS
) -> Adjusted:
    """Apply ``adjustments`` to a cost or benefit, keeping both figures and every step.

    Order: optimism bias (if a grade is set), then, for benefits, deadweight and
    attribution (always recorded, so a neutral 0% or 100% shows too).

    >>> out = adjust(Money(1000), "cost", Adjustments(optimism_bias_grade=3, deadweight="0.5"))
    >>> print(out)
    cost: £1,000.00 unadjusted, £1,100.00 adjusted
      optimism bias grade 3 (cba_2014_confidence_grades): cost raised by 10%: \
£1,000.00 -> £1,100.00
    """
    _check_money(amount)
    which = _nature(nature)
    require_instance("adjustments", adjustments, Adjustments, "Adjustments")
    steps: list[AdjustmentStep] = []
    current = amount
    if adjustments.optimism_bias_grade is not None:
        step = _step_ob(current, adjustments.optimism_bias_grade, which, adjustments.table)
        steps.append(step)
        current = step.after
    if which == "benefit":
        step = _step_deadweight(current, adjustments.deadweight)
        steps.append(step)
        step = _step_attribution(step.after, adjustments.attribution)
        steps.append(step)
        current = step.after
    return Adjusted(unadjusted=amount, adjusted=current, nature=which, steps=tuple(steps))
