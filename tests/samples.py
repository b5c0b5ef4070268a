"""Small hand-written programmes and flows shared by test modules (rollups, who pays).

Generated data lives in the :mod:`strategies` package; these are the fixed examples whose
totals the tests state by hand.
"""

from __future__ import annotations

from typing import Any

from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.model.cashflows import CashFlow, CostType, Nature, ValueType
from wecb.model.domains import Domain, DomainKind
from wecb.model.funding import FundingStream
from wecb.model.integration import PoolingArrangement
from wecb.model.partners import Partner, PartnerKind
from wecb.model.programme import Programme
from wecb.model.projects import Project
from wecb.model.table_periods import FURTHER_IMPLEMENTATION, TO_MAR_2013
from wecb.model.tables import CostBenefitTable

FY12, FY13, FY14 = FinancialYear(2012), FinancialYear(2013), FinancialYear(2014)


def cost(amount: str, period: object, payer: str | None, **more: object) -> CashFlow:
    return CashFlow(amount=Money(amount), nature=Nature.COST, period=period, payer=payer, **more)


def benefit(
    amount: str,
    period: object,
    beneficiary: str | None,
    *,
    value_type: ValueType = ValueType.FISCAL,
    cashable: bool | None = None,
    **more: object,
) -> CashFlow:
    """A benefit: fiscal and cashable unless the call says otherwise (a non-fiscal benefit is
    never cashable, so ``cashable`` follows ``value_type`` when not given)."""
    if cashable is None:
        cashable = value_type is ValueType.FISCAL
    return CashFlow(
        amount=Money(amount),
        nature=Nature.BENEFIT,
        period=period,
        beneficiary=beneficiary,
        value_type=value_type,
        cashable=cashable,
        **more,
    )


def small_programme() -> Programme:
    """Three projects, declared in an order that is not alphabetical."""
    triage = Project(
        key="triage",
        title="Street triage",
        domain="health",
        flows=(
            cost("100.00", FY12, "ecc", cost_type=CostType.CAPITAL, stream="pool"),
            cost("50.00", FY13, "police", cost_type=CostType.REVENUE),
            benefit("80.00", FY13, "nhs"),
            benefit("120.00", FY14, "nhs", cashable=False, value_type=ValueType.SOCIAL),
        ),
    )
    hubs = Project(
        key="hubs",
        title="Community hubs",
        domain="safety",
        flows=(
            cost("30.00", TO_MAR_2013, "police", cost_type=CostType.REVENUE),
            benefit("45.50", FURTHER_IMPLEMENTATION, "police"),
            benefit("10.00", FY14, None),
        ),
    )
    sharing = Project(
        key="sharing",
        title="Data sharing",
        domain="data",
        flows=(cost("10.00", FY13, None, cost_type=CostType.IN_KIND, cashable=False),),
    )
    return Programme(
        name="Example",
        place="Somewhere",
        partners=(
            Partner(key="ecc", name="County", kind=PartnerKind.COUNTY_COUNCIL),
            Partner(key="police", name="Police", kind=PartnerKind.POLICE),
            Partner(key="nhs", name="CCG", kind=PartnerKind.NHS_COMMISSIONER),
        ),
        domains=(
            Domain(key="health", name="Health", kind=DomainKind.THEMATIC),
            Domain(key="safety", name="Safety", kind=DomainKind.THEMATIC),
            Domain(key="data", name="Data", kind=DomainKind.ENABLER),
        ),
        projects=(triage, hubs, sharing),
        funding_streams=(
            FundingStream(
                key="pool", name="Pool", funder="ecc", arrangement=PoolingArrangement.ALIGNED
            ),
        ),
        periods=(TO_MAR_2013, FURTHER_IMPLEMENTATION),
    )


PROGRAMME = small_programme()


def small_table(**changes: Any) -> CostBenefitTable:
    """A small published table (£'000: costs 1, 2, 3; net cost as published -4, -5, -9),
    with ``changes`` applied."""
    figures: dict[str, Any] = {
        "costs_to_mar_2013": 1,
        "costs_to_mar_2014": 2,
        "costs_further_implementation": 3,
        "net_cashable": -4,
        "net_non_cashable": -5,
        "net_total": -9,
    }
    return CostBenefitTable.from_thousands(**{**figures, **changes})


def triage_programme(name: str = "Street Triage") -> Programme:
    """A small programme, built as a user would, whose lines name who pays and who benefits
    (the report tests)."""
    from wecb.model.builder import ProgrammeBuilder  # noqa: PLC0415

    return (
        ProgrammeBuilder(name, "Anytown")
        .partner("council", "Anytown Council", kind="unitary_council")
        .partner("police", "Anytown Police", kind="police")
        .domain("safety", "Community Safety", kind="thematic")
        .project("triage", "Street triage", domain="safety", leads=["police"])
        .line(
            "triage",
            nature="cost",
            payer="council",
            cost_type="revenue",
            label="Nurses",
            amounts={"2014/15": "£120,000.00", "2015/16": "£125,000.00"},
        )
        .line(
            "triage",
            nature="benefit",
            beneficiary="police",
            value_type="fiscal",
            cashable=False,
            label="Hours released",
            amounts={"2015/16": "£90,000.00", "2016/17": "£200,000.00"},
        )
        .build()
    )
