"""Appraisal of programmes: phasing, cba, cohorts, scale-up, sensitivity, reconciliation."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

# ---------------------------------------------------------------------------------------------
# Appraisal II (wecb.appraisal: phasing, cba, cohorts, scaleup, sensitivity; wecb.reconciliation)
# ---------------------------------------------------------------------------------------------
# Names start with ``ap2_``; imports are aliased so other sections' names never clash.
from hypothesis import strategies as st

from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.model.cashflows import CashFlow, CostType, Nature, ValueType
from wecb.model.domains import Domain, DomainKind
from wecb.model.partners import Partner, PartnerKind
from wecb.model.programme import Programme
from wecb.model.projects import Project

#: Partners of the generated appraisal programmes.
AP2_PARTNERS = ("county", "health", "police")
#: Financial years the generated lines fall in (base year first).
AP2_FIRST_YEAR = 2013


def ap2_pennies(max_pence: int = 10**11) -> st.SearchStrategy[Money]:
    """Non-negative GBP in whole pennies (default up to £1bn), some zero."""
    return st.one_of(st.just(0), st.integers(0, max_pence)).map(Money.from_minor_units)


def ap2_weights(max_size: int = 6) -> st.SearchStrategy[list[int]]:
    """Phasing weights: non-negative ints, not all zero."""
    return st.lists(st.integers(0, 50), min_size=1, max_size=max_size).filter(any)


@st.composite
def ap2_flows(draw: st.DrawFn, *, years: int = 6) -> CashFlow:
    """A cost or benefit of any type, in one of ``years`` financial years from
    :data:`AP2_FIRST_YEAR`, with or without a partner."""
    nature = draw(st.sampled_from(Nature))
    year = FinancialYear(AP2_FIRST_YEAR + draw(st.integers(0, years - 1)))
    amount = draw(ap2_pennies())
    partner = draw(st.none() | st.sampled_from(AP2_PARTNERS))
    if nature is Nature.COST:
        cost_type = draw(st.none() | st.sampled_from(CostType))
        return CashFlow(
            amount=amount,
            nature=nature,
            period=year,
            cost_type=cost_type,
            cashable=cost_type is not CostType.IN_KIND,
            payer=partner,
        )
    value_type = draw(st.sampled_from(ValueType))
    return CashFlow(
        amount=amount,
        nature=nature,
        period=year,
        # Cashability applies to fiscal benefits only; any other benefit is never cashable.
        cashable=draw(st.booleans()) if value_type is ValueType.FISCAL else False,
        value_type=value_type,
        beneficiary=partner,
    )


def ap2_programme(
    flows_by_project: dict[str, list[CashFlow]], periods: tuple[Any, ...] = ()
) -> Programme:
    """A programme whose projects hold exactly the flows given (one domain, three partners;
    ``periods`` lists the open periods the flows use)."""
    return Programme(
        periods=periods,
        name="Generated appraisal",
        place="Anywhere",
        partners=tuple(
            Partner(key=k, name=k.title(), kind=PartnerKind.OTHER_PUBLIC) for k in AP2_PARTNERS
        ),
        domains=(Domain(key="d", name="Domain", kind=DomainKind.THEMATIC),),
        projects=tuple(
            Project(key=key, title=key.upper(), domain="d", flows=tuple(flows))
            for key, flows in flows_by_project.items()
        ),
    )


@st.composite
def ap2_programmes(draw: st.DrawFn, *, max_projects: int = 3, max_flows: int = 6) -> Programme:
    """A programme of 1-3 projects with flows from :func:`ap2_flows` (all in years)."""
    count = draw(st.integers(1, max_projects))
    return ap2_programme(
        {f"p{i}": draw(st.lists(ap2_flows(), max_size=max_flows)) for i in range(1, count + 1)}
    )


def ap2_multipliers(max_ppm: int = 3 * 10**6) -> st.SearchStrategy[str]:
    """Exact multipliers in whole ppm, as text (``"1.234567"``)."""
    return st.integers(0, max_ppm).map(lambda ppm: str(Decimal(ppm).scaleb(-6)))
