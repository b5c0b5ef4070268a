"""Each entry of an appraisal phased, rebased, adjusted and discounted (private to
:mod:`wecb.appraisal`; :func:`~wecb.appraisal.cba.appraise` makes its lines here).

A :class:`LineMaker` lives for one call of ``appraise`` and works out once what depends on
a distinct value only, leaving the amount arithmetic to each line: the discount factor of
each financial year (a per-call table: it depends on the schedule, the base year and
``allow_before_base``, all fixed for the call), the checked weights of each open period and
project, the adjustment steps of each nature and set of adjustments, the category of each
template of attributes, and the adjustment rule of each project when the plan has no
per-line keys. A line's words (``what`` an error names) are made only when an error needs
them. The arithmetic, and so every figure, is the same as
:meth:`Phasing.phase <wecb.appraisal.phasing.Phasing.phase>`,
:func:`~wecb.appraisal.adjustments.adjust` and
:func:`~wecb.appraisal.present_values.present_value` give, operation for operation, and
their errors are raised by the same checks in the same order.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from wecb.appraisal._exact import EXACT_CONTEXT
from wecb.appraisal._flow_entries import Entry, describe
from wecb.appraisal.adjustments import Adjustments, AdjustmentStep, adjust
from wecb.appraisal.lines import (
    AdjustmentPlan,
    AppraisedLine,
    BenefitType,
    benefit_type,
    cost_category,
)
from wecb.appraisal.phasing import OpenWeights, Phasing, open_weights, split_open
from wecb.appraisal.present_values import present_value, year_factor
from wecb.appraisal.prices import PriceIndex, rebased_years
from wecb.appraisal.schedules import DiscountSchedule
from wecb.core._decimal import bounded
from wecb.core.money import Money, from_checked
from wecb.core.periods import FinancialYear, OpenPeriod
from wecb.model.cashflows import CashFlow, Nature

__all__ = ["LineMaker"]

_EXACT: Final = EXACT_CONTEXT
_ZERO: Final = Decimal(0)
_ONE: Final = Decimal(1)

#: Per adjustment step: the step as ``adjust`` makes it (for its kind, parameter,
#: multiplier and detail) and whether the multiplier is exactly 1 (the amount kept as is).
_Chain = tuple[tuple[AdjustmentStep, bool], ...]

#: What a line reads of its template: the template itself (kept: its identity is the key),
#: nature, price year, whether that is not the price base, cashable, partner and asks.
_Template = tuple[CashFlow, Nature, FinancialYear | None, bool, bool, str | None, tuple[str, ...]]

#: A line's amounts by financial year.
_Years = tuple[tuple[FinancialYear, Money], ...]


class LineMaker:
    """The lines of one call of ``appraise``; see the module notes."""

    # long: one keyword for each setting of the appraisal the lines depend on
    def __init__(
        self,
        *,
        phasing: Phasing,
        base_year: FinancialYear,
        schedule: DiscountSchedule,
        allow_before_base: bool,
        currency: str,
        treated_as: BenefitType | None,
        prices: tuple[FinancialYear, PriceIndex | None],
    ) -> None:
        self._phasing = phasing
        self._base_year = base_year
        self._schedule = schedule
        self._allow = allow_before_base
        self._currency = currency
        self._treated_as = treated_as
        self._price_base, self._index = prices
        # By start year (an int hashes in C; a FinancialYear's hash is Python code).
        self._factors: dict[int, tuple[FinancialYear, Decimal]] = {}
        self._weights: dict[tuple[str, OpenPeriod], OpenWeights] = {}
        self._chains: dict[tuple[str, int], tuple[Adjustments, _Chain, bool]] = {}
        self._templates: dict[int, _Template] = {}
        self._kinds: dict[int, tuple[CashFlow, BenefitType | None, str]] = {}
        self._rules: dict[tuple[int, str], tuple[AdjustmentPlan, tuple[Adjustments, str]]] = {}

    def years(self) -> list[FinancialYear]:
        """Every financial year a line made so far has an amount in (each once)."""
        return [year for year, _ in self._factors.values()]

    def line(self, entry: Entry, plan: AdjustmentPlan) -> AppraisedLine:
        """The entry appraised, adjusted by ``plan``."""
        project, index, flow, period, amount, given = entry
        key = project.key
        label = given or f"line {index}"
        adjustments, rule = self._rule(plan, key, index, label)
        held = self._templates.get(id(flow))
        if held is None:
            held = self._templates[id(flow)] = self._template(flow)
        _, nature, price_year, rebased, cashable, partner, requires = held
        rebasing = None
        if isinstance(period, FinancialYear) and not rebased:  # one year, as it is
            unadjusted: _Years = ((period, amount),)
        else:
            phased = self._phased(entry)
            # In the price base before anything else: each year times the one exact factor.
            if rebased:
                phased, rebasing = rebased_years(
                    phased,
                    amount,
                    price_year=price_year,
                    price_base=self._price_base,
                    index=self._index,
                )
            unadjusted = tuple(phased.items())
        # When no step changes an amount (every multiplier exactly 1), the adjusted amounts
        # are the unadjusted ones, the same objects, and so are their present value and table.
        chain, neutral = self._chain(nature.value, adjustments)
        adjusted = unadjusted if neutral else tuple((y, _through(m, chain)) for y, m in unadjusted)
        steps = _steps(amount if rebasing is None else rebasing.after, chain)
        pv_unadjusted = self._pv(unadjusted)
        pv_adjusted = pv_unadjusted if neutral else self._pv(adjusted)
        kind, category = self._kind(flow)
        ordered = _in_order(unadjusted)
        return AppraisedLine(
            project=key,
            domain=project.domain,
            index=index,
            label=label,
            nature=nature,
            category=category,
            cashable=cashable,
            partner=partner,
            period=period,
            adjustments=adjustments,
            rule=rule,
            steps=steps,
            unadjusted=ordered,
            adjusted=ordered if neutral else _in_order(adjusted),
            pv_unadjusted=pv_unadjusted,
            pv_adjusted=pv_adjusted,
            treated_as=self._treated_as if kind is BenefitType.UNCLASSIFIED else None,
            price_year=price_year,
            rebasing=rebasing,
            requires=requires,
        )

    def _template(self, flow: CashFlow) -> _Template:
        """What a line reads of its template (see :data:`_Template`)."""
        year = flow.price_year
        rebased = year is not None and year != self._price_base
        return (flow, flow.nature, year, rebased, flow.cashable, flow.partner, flow.requires)

    def _phased(self, entry: Entry) -> dict[FinancialYear, Money]:
        """The entry's amount by financial year, as ``Phasing.phase`` splits it (nothing for
        a zero amount in an open period not phased)."""
        project, _, _, period, amount, _ = entry
        if isinstance(period, FinancialYear):
            return {period: amount}
        if amount.is_zero() and not self._phasing.covers(period, project.key):
            return {}
        return self._phase(entry)

    def _rule(
        self, plan: AdjustmentPlan, project: str, index: int, label: str
    ) -> tuple[Adjustments, str]:
        """``plan.for_line``: once per project when the plan keys no line."""
        if plan.lines:
            return plan.for_line(project, index, label)
        held = self._rules.get((id(plan), project))
        if held is None:
            held = self._rules[(id(plan), project)] = (plan, plan.for_line(project, index, label))
        return held[1]

    def _phase(self, entry: Entry) -> dict[FinancialYear, Money]:
        """``Phasing.phase`` of the entry's amount and period, for its project."""
        project, _, _, period, amount, _ = entry
        if isinstance(period, FinancialYear):
            return {period: amount}
        if not isinstance(period, OpenPeriod):  # refused there, in the same words
            return self._phasing.phase(amount, period, project=project.key, what=describe(entry))
        weights = self._weights.get((project.key, period))
        if weights is None:
            weights = open_weights(self._phasing, period, project.key, describe(entry))
            self._weights[(project.key, period)] = weights
        return split_open(amount, weights, lambda: describe(entry))

    def _chain(self, nature: str, adjustments: Adjustments) -> tuple[_Chain, bool]:
        """The steps ``adjust`` takes for ``nature`` and ``adjustments`` (they do not depend
        on the amount; the same objects as the plan's, so keyed by identity), and whether
        none changes an amount."""
        held = self._chains.get((nature, id(adjustments)))
        if held is None:
            steps = adjust(Money.zero(self._currency), nature, adjustments).steps
            chain = tuple((step, step.multiplier == _ONE) for step in steps)
            neutral = all(unit for _, unit in chain)
            held = self._chains[(nature, id(adjustments))] = (adjustments, chain, neutral)
        return held[1], held[2]

    def _kind(self, flow: CashFlow) -> tuple[BenefitType | None, str]:
        """The benefit type (None for a cost) and category of a template."""
        held = self._kinds.get(id(flow))
        if held is None:
            kind = None if flow.is_cost else benefit_type(flow)
            category = cost_category(flow) if kind is None else kind.value
            held = self._kinds[id(flow)] = (flow, kind, category)
        return held[1], held[2]

    def _pv(self, amounts: _Years) -> Money:
        """``present_value(amounts, ...)``, each year's factor from the call's table."""
        values = []
        for year, money in amounts:
            if money.currency != self._currency:  # refused there, in the same words
                return present_value(
                    amounts,
                    self._base_year,
                    self._schedule,
                    allow_before_base=self._allow,
                    currency=self._currency,
                )
            held = self._factors.get(year.start_year)
            if held is None:
                factor = year_factor(year, self._base_year, self._schedule, self._allow)
                held = self._factors[year.start_year] = (year, factor)
            values.append(_EXACT.multiply(money.amount, held[1]))
        total = _ZERO
        for value in values:
            total = _EXACT.add(total, value)
        return from_checked(bounded(total), self._currency)


def _through(amount: Money, chain: _Chain) -> Money:
    """``amount`` adjusted: ``adjust(amount, ...).adjusted``."""
    for step, unit in chain:
        if not unit:
            amount = amount * step.multiplier
    return amount


def _steps(amount: Money, chain: _Chain) -> tuple[AdjustmentStep, ...]:
    """``adjust(amount, ...).steps``: each step's before and after."""
    steps = []
    for step, unit in chain:
        after = amount if unit else amount * step.multiplier
        steps.append(
            AdjustmentStep(
                kind=step.kind,
                parameter=step.parameter,
                multiplier=step.multiplier,
                before=amount,
                after=after,
                detail=step.detail,
            )
        )
        amount = after
    return tuple(steps)


def _in_order(amounts: _Years) -> _Years:
    """The amounts by year, in year order."""
    return amounts if len(amounts) < 2 else tuple(sorted(amounts))
