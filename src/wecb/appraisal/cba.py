"""Cost-benefit appraisal of a programme, as the public-service CBA method does it.

:func:`appraise` takes every cash flow of a programme (or of chosen projects), phases open
periods into financial years (:class:`~wecb.appraisal.phasing.Phasing`, never implicitly),
applies the adjustments chosen for each project or line (optimism bias, deadweight,
attribution: :mod:`wecb.appraisal.adjustments`), and discounts each line to the base year
(:mod:`wecb.appraisal.present_values`, the Green Book STPR by default). The
:class:`~wecb.appraisal.record.Appraisal` it returns keeps every line, so figures are
available both ways: costs by type and benefits by value type, the fiscal and public value
cases, each undiscounted and as a present value, unadjusted and adjusted, side by side
(:mod:`wecb.appraisal.record` lists them).

Exactness: phasing splits whole pennies exactly; adjustments multiply exactly; present
values are exact given the schedule's 28-digit factors. Nothing is rounded: the tables
that ``str()`` prints round for display only (to the penny, half up).

>>> from wecb.model.cashflows import CashFlow, Nature, ValueType
>>> from wecb.model.domains import Domain, DomainKind
>>> from wecb.core.money import Money
>>> from wecb.core.periods import FinancialYear
>>> from wecb.model.programme import Programme
>>> from wecb.model.projects import Project
>>> from wecb.appraisal.schedules import ZERO_RATE
>>> fy = FinancialYear(2013)
>>> project = Project(key="P1", title="Pilot", domain="d", flows=(
...     CashFlow(amount=Money(100), nature=Nature.COST, period=fy, label="set-up"),
...     CashFlow(amount=Money(250), nature=Nature.BENEFIT, period=fy + 1, label="saving",
...              value_type=ValueType.FISCAL, cashable=True)))
>>> programme = Programme(name="Demo", place="Here", partners=(),
...     domains=(Domain(key="d", name="D", kind=DomainKind.THEMATIC),), projects=(project,))
>>> result = appraise(programme, base_year=fy, price_base=fy, schedule=ZERO_RATE)
>>> financial = result.financial_case
>>> financial.net_present_budget_impact().amount, financial.financial_return_on_investment()
(Money('150', 'GBP'), Decimal('2.5'))
>>> from wecb.appraisal.adjustments import Adjustments
>>> adjusted = appraise(programme, base_year=fy, price_base=fy, schedule=ZERO_RATE,
...                     adjustments=Adjustments(deadweight="0.2"))
>>> npbi = adjusted.financial_case.net_present_budget_impact
>>> npbi().amount, npbi(adjusted=False).amount
(Money('100.0', 'GBP'), Money('150', 'GBP'))

Unclassified benefits (a source that does not say whether a benefit is fiscal, economic or
social) are kept out of the financial case, and counted in the economic case, unless
``treat_unclassified`` says what to count them as:

>>> from wecb.model.cashflows import ValueType
>>> unstated = CashFlow(amount=Money(40), nature=Nature.BENEFIT, period=fy,
...                     value_type=ValueType.UNCLASSIFIED, label="avoided demand")
>>> import attrs
>>> project = attrs.evolve(project, flows=(*project.flows, unstated))
>>> programme = programme.evolve(projects=(project,))
>>> result = appraise(programme, base_year=fy, price_base=fy, schedule=ZERO_RATE)
>>> (result.financial_case.net_present_budget_impact().amount,
...  result.economic_case.net_present_public_value().amount)
(Money('150', 'GBP'), Money('190', 'GBP'))
>>> appraise(programme, base_year=fy, price_base=fy, schedule=ZERO_RATE,
...          treat_unclassified="fiscal").financial_case.net_present_budget_impact().amount
Money('190', 'GBP')

Every key must name something: a phasing of an open period the programme does not define,
or of a project it does not have, is refused with the valid choices, as is an adjustment
plan key that matches no appraised line.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from wecb.appraisal._ask_case import ask_case, granted_keys
from wecb.appraisal._flow_entries import Entry, describe, project_entries, usual_entries
from wecb.appraisal._line_maker import LineMaker
from wecb.appraisal.adjustments import NO_ADJUSTMENTS, Adjustments
from wecb.appraisal.horizons import Horizon
from wecb.appraisal.lines import (
    AdjustmentPlan,
    BenefitType,
    business_as_usual,
    treatment,
)
from wecb.appraisal.phasing import Phasing, unphased_error
from wecb.appraisal.prices import PriceIndex, check_price_years
from wecb.appraisal.record import Appraisal
from wecb.appraisal.schedules import GREEN_BOOK_STPR, DiscountSchedule
from wecb.core._decimal import own_context
from wecb.core._validators import require_instance
from wecb.core.periods import FinancialYear, OpenPeriod
from wecb.errors import AppraisalError, UnphasedPeriodError
from wecb.model.cashflows import ValueType
from wecb.model.programme import Programme

__all__ = ["appraise"]


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


# long: the appraisal's one entry point, each option documented and checked in place
@own_context
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
    treat_unclassified: ValueType | str | None = None,
    price_index: PriceIndex | None = None,
    asks: Iterable[str] | None = None,
) -> Appraisal:
    """Appraise ``programme`` (or the ``projects`` named): see the module notes.

    ``base_year`` is the year discounted to; ``price_base`` the year whose prices the
    figures are in. A flow with no ``price_year`` is taken as stated, in the price base; a
    flow whose ``price_year`` differs is converted with ``price_index`` (each year times the
    index's exact factor, before adjustments and discounting; the line's ``rebasing`` and the
    assumptions record it), and refused, with every such line named, when no index is given
    or the index lacks the year (:mod:`wecb.appraisal.prices`). Every open period a
    line uses must be phased in ``phasing``, else :class:`~wecb.errors.UnphasedPeriodError`
    names each unphased period with its lines and shows how to phase it; a line before the
    base year raises :class:`~wecb.errors.BeforeBaseYearError` unless
    ``allow_before_base``. ``horizon`` defaults to the span of the phased years; a given
    horizon must contain them all. ``adjustments`` applies to every line, or per project
    and line through an :class:`~wecb.appraisal.lines.AdjustmentPlan`.

    ``treat_unclassified`` says how to count benefits whose value type is unclassified:
    ``None`` (the default) shows them on their own row, outside the financial case and inside
    the economic case; ``"fiscal"`` counts them as fiscal non-cashable (so in the
    financial case), ``"economic"`` or ``"social"`` as that type; the printout says which. Keys are
    checked: a phasing of an open period the programme does not define or of a project it
    does not have, and an adjustment plan key matching no appraised line, are refused with
    the valid choices.

    ``asks`` names the asks of government taken as granted: a line requiring any other ask
    (:attr:`~wecb.model.cashflows.CashFlow.requires`) is left out, so ``asks=()`` is the
    local case; ``None`` (the default) counts every line, as if every ask were granted
    (:mod:`wecb.appraisal.asks`). The assumptions state which.
    """
    require_instance("appraise programme", programme, Programme, "a Programme")
    for where, year in (("base_year", base_year), ("price_base", price_base)):
        require_instance(where, year, FinancialYear, "a FinancialYear, e.g. FinancialYear(2012)")
    require_instance("schedule", schedule, DiscountSchedule, "a DiscountSchedule")
    phasing = require_instance(
        "phasing", Phasing() if phasing is None else phasing, Phasing, "a Phasing"
    )
    plan = _plan(adjustments)
    treated_as = treatment(treat_unclassified)
    phasing.check_keys((p.key for p in programme.periods), (p.key for p in programme.projects))
    if price_index is not None:
        require_instance("price_index", price_index, PriceIndex, "a PriceIndex or None")
    entries, usual = _entries(
        programme, _select(programme, projects), plan, phasing, (price_base, price_index)
    )
    entries, ask_choice = ask_case(entries, granted_keys(programme, asks))
    maker = LineMaker(
        phasing=phasing,
        base_year=base_year,
        schedule=schedule,
        allow_before_base=allow_before_base,
        currency=programme.currency,
        treated_as=treated_as,
        prices=(price_base, price_index),
    )
    lines = tuple(maker.line(entry, plan) for entry in entries) + tuple(
        business_as_usual(maker.line(entry, _UNADJUSTED)) for entry in usual
    )
    return Appraisal(
        name=name or programme.name,
        lines=lines,
        horizon=_horizon(maker.years(), horizon),
        base_year=base_year,
        price_base=price_base,
        schedule=schedule,
        phasing=phasing,
        allow_before_base=allow_before_base,
        currency=programme.currency,
        adjustments=plan,
        treat_unclassified=_value_type(treated_as),
        price_index=price_index,
        asks=ask_choice,
    )


#: The plan of business-as-usual lines: none (taken as stated).
_UNADJUSTED = AdjustmentPlan()


def _entries(
    programme: Programme,
    keys: list[str],
    plan: AdjustmentPlan,
    phasing: Phasing,
    prices: tuple[FinancialYear, PriceIndex | None],
) -> tuple[list[Entry], list[Entry]]:
    """The flows of the projects ``keys`` and their business-as-usual flows, as entries
    (:mod:`~wecb.appraisal._flow_entries`: read from the columns of flows held so); the
    plan's keys checked against the first, both checked phased and their price years against
    ``prices`` (the price base and the index)."""
    projects = [programme.project(key) for key in keys]
    entries = [entry for project in projects for entry in project_entries(project)]
    if plan.projects or plan.lines:  # a plan with no keys has nothing to check
        plan.check_keys((p.key, i, label or f"line {i}") for p, i, _, _, _, label in entries)
    usual = [entry for project in projects for entry in usual_entries(project)]
    _check_phased([*entries, *usual], phasing)
    base = prices[0]
    # Only a line in another price year is described (check_price_years names no other).
    check_price_years(
        (
            (describe(entry), entry[2].price_year)
            for entry in itertools.chain(entries, usual)
            if entry[2].price_year is not None and entry[2].price_year != base
        ),
        *prices,
    )
    return entries, usual


def _plan(adjustments: object) -> AdjustmentPlan:
    """``adjustments`` as a plan: Adjustments for every line, or a plan as given."""
    if isinstance(adjustments, Adjustments):
        return AdjustmentPlan(default=adjustments)
    return require_instance(
        "adjustments", adjustments, AdjustmentPlan, "Adjustments or an AdjustmentPlan"
    )


def _value_type(treated_as: BenefitType | None) -> ValueType | None:
    """The value type unclassified benefits are counted as (None: their own)."""
    if treated_as is None:
        return None
    return ValueType.FISCAL if treated_as.is_fiscal else ValueType(treated_as.value)


def _check_phased(entries: Iterable[Entry], phasing: Phasing) -> None:
    """Raise :class:`~wecb.errors.UnphasedPeriodError` naming every unphased open period."""
    missing: dict[OpenPeriod, list[str]] = {}
    for entry in entries:
        project, _, _, period, amount, _ = entry
        # A zero line adds nothing in any year, so it needs no phasing.
        if not amount.is_zero() and not phasing.covers(period, project.key):
            assert isinstance(period, OpenPeriod)
            missing.setdefault(period, []).append(describe(entry))
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
    require_instance("horizon", horizon, Horizon, "a Horizon")
    outside = sorted({str(y) for y in years if y not in horizon})
    if outside:
        raise AppraisalError(
            f"the phased flows fall in {', '.join(outside)}, outside the stated horizon "
            f"({horizon})"
        )
    return horizon
