"""Programmes for appraising flows held as columns (names start with ``ca_``).

:func:`ca_columns` turns a tuple of cash flows into the
:class:`~wecb.model._flow_columns.FlowColumns` a loader would build of them, and
:func:`ca_cases` draws a programme (with an open period, labels, price years, amounts that
may not split into whole pennies, business-as-usual flows) and appraisal options, so that a
test can appraise the programme as objects and as columns and compare.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
from hypothesis import strategies as st

from wecb.appraisal.adjustments import Adjustments
from wecb.appraisal.lines import AdjustmentPlan
from wecb.appraisal.phasing import Phasing
from wecb.appraisal.prices import PriceIndex
from wecb.appraisal.schedules import GREEN_BOOK_STPR, ZERO_RATE
from wecb.core.money import Money
from wecb.core.periods import FinancialYear, OpenPeriod, Period
from wecb.model._flow_columns import FlowColumns, code_array
from wecb.model.cashflows import CashFlow, CostType, Nature, ValueType
from wecb.model.domains import Domain, DomainKind
from wecb.model.partners import Partner, PartnerKind
from wecb.model.programme import Programme
from wecb.model.projects import Project

#: The open period the drawn flows may use: every year after 2014/15.
CA_FURTHER = OpenPeriod(key="further", label="Further", after=FinancialYear(2014))
CA_PARTNERS = ("county", "police")
CA_INDEX = PriceIndex(
    name="deflator",
    levels={FinancialYear(y): Decimal(100 + 3 * (y - 2010)) for y in range(2010, 2020)},
)
_DUMMY_PERIOD = FinancialYear(2000)


def ca_columns(flows: tuple[CashFlow, ...], currency: str = "GBP") -> FlowColumns:
    """``flows`` as the columns a loader builds: distinct templates and periods, coded, the
    amounts kept as Decimals (as written), the labels."""
    templates: dict[CashFlow, int] = {}
    periods: dict[Period, int] = {}
    template_codes: list[int] = []
    period_codes: list[int] = []
    for flow in flows:
        template = attrs.evolve(flow, amount=Money(0, currency), period=_DUMMY_PERIOD, label=None)
        template_codes.append(templates.setdefault(template, len(templates)))
        period_codes.append(periods.setdefault(flow.period, len(periods)))
    codes = code_array(len(templates))
    codes.fromlist(template_codes)
    year_codes = code_array(len(periods))
    year_codes.fromlist(period_codes)
    labels = tuple(f.label for f in flows)
    return FlowColumns.from_parts(
        templates=tuple(templates),
        template_codes=codes,
        periods=tuple(periods),
        period_codes=year_codes,
        minor=None,
        exponents=None,
        decimals=tuple(f.amount.amount for f in flows),
        labels=labels if any(label is not None for label in labels) else None,
        currency=currency,
    )


def ca_as_columns(programme: Programme) -> Programme:
    """``programme`` with every project's flows and business-as-usual flows as columns."""
    projects = tuple(
        attrs.evolve(
            p,
            flows=ca_columns(tuple(p.flows)),
            counterfactual=ca_columns(tuple(p.counterfactual)),
        )
        for p in programme.projects
    )
    return programme.evolve(projects=projects)


@st.composite
def ca_flows(draw: st.DrawFn) -> CashFlow:
    """A cost or benefit in a year (some before 2013/14) or the open period, whole pennies
    or (rarely) not, with or without a label, partner and price year."""
    nature = draw(st.sampled_from(Nature))
    period: Period = draw(
        st.sampled_from([CA_FURTHER, *(FinancialYear(y) for y in range(2011, 2019))])
        | st.just(FinancialYear(2014))
    )
    pence = draw(st.integers(0, 10**9))
    amount = Money(Decimal(pence).scaleb(draw(st.sampled_from([-2, -2, -2, -3, 0]))))
    partner = draw(st.none() | st.sampled_from(CA_PARTNERS))
    common: dict[str, Any] = {
        "amount": amount,
        "nature": nature,
        "period": period,
        "label": draw(st.none() | st.sampled_from(["set-up", "saving", "staff"])),
        "price_year": draw(
            st.sampled_from([None, None, None, None, FinancialYear(2013), FinancialYear(2016)])
        ),
    }
    if nature is Nature.COST:
        return CashFlow(
            **common, cost_type=draw(st.none() | st.sampled_from(CostType)), payer=partner
        )
    value_type = draw(st.sampled_from(ValueType))
    cashable = draw(st.booleans()) if value_type is ValueType.FISCAL else False
    return CashFlow(**common, value_type=value_type, cashable=cashable, beneficiary=partner)


@st.composite
def ca_programmes(draw: st.DrawFn) -> Programme:
    """One to three projects of up to six flows and up to two business-as-usual flows."""
    count = draw(st.integers(1, 3))
    return Programme(
        name="Columns",
        place="Anywhere",
        periods=(CA_FURTHER,),
        partners=tuple(
            Partner(key=k, name=k.title(), kind=PartnerKind.OTHER_PUBLIC) for k in CA_PARTNERS
        ),
        domains=(Domain(key="d", name="Domain", kind=DomainKind.THEMATIC),),
        projects=tuple(
            Project(
                key=f"p{i}",
                title=f"P{i}",
                domain="d",
                flows=tuple(draw(st.lists(ca_flows(), max_size=6))),
                counterfactual=tuple(draw(st.lists(ca_flows(), max_size=2))),
            )
            for i in range(1, count + 1)
        ),
    )


@st.composite
def ca_adjustments(draw: st.DrawFn) -> Adjustments | AdjustmentPlan:
    """No adjustments, adjustments for every line, or a plan by project or line."""
    one = st.builds(
        Adjustments,
        optimism_bias_grade=st.none() | st.integers(1, 6),
        deadweight=st.sampled_from(["0", "0.2", "0.5"]),
        attribution=st.sampled_from(["1", "0.75"]),
    )
    kind = draw(st.sampled_from(["none", "all", "plan"]))
    if kind == "none":
        return Adjustments()
    if kind == "all":
        return draw(one)
    return AdjustmentPlan(
        default=draw(one),
        projects={"p1": draw(one)},
        lines={("p1", 0): draw(one)} if draw(st.booleans()) else {},
    )


@st.composite
def ca_options(draw: st.DrawFn) -> dict[str, Any]:
    """Keyword arguments for ``appraise``: base year, price base, phasing of the open
    period (or none), schedule, adjustments, price index (or none), before-base choice,
    treatment of unclassified benefits."""
    phased = draw(st.sampled_from(["none", "even", "even", "odd", "odd", "outside"]))
    phasing = {
        "none": Phasing(),
        "even": Phasing.even("further", FinancialYear(2015), FinancialYear(2017)),
        "odd": Phasing({"further": {FinancialYear(2015): 1, FinancialYear(2016): 2}}),
        "outside": Phasing({"further": {FinancialYear(2013): 1, FinancialYear(2016): 1}}),
    }[phased]
    return {
        "base_year": FinancialYear(draw(st.sampled_from([2011, 2013]))),
        "price_base": FinancialYear(2013),
        "phasing": phasing,
        "schedule": draw(st.sampled_from([GREEN_BOOK_STPR, ZERO_RATE])),
        "adjustments": draw(ca_adjustments()),
        "price_index": draw(st.sampled_from([None, CA_INDEX, CA_INDEX])),
        "allow_before_base": draw(st.sampled_from([False, True, True])),
        "treat_unclassified": draw(st.none() | st.sampled_from(["fiscal", "social"])),
    }
