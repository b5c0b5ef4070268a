"""The worked example of the workbook template (private to :mod:`wecb.io`): a small valid
programme with a row on every sheet, labelled as an example."""

from __future__ import annotations

import datetime
from typing import Any

from wecb.core.money import Money
from wecb.core.periods import FinancialYear, OpenPeriod
from wecb.model.actuals import Actual
from wecb.model.asks import Ask, AskKind, AskStatus
from wecb.model.cashflows import CashFlow, CostType, Nature, ValueType
from wecb.model.decisions import DecisionOutcome, GateDecision, StageGate
from wecb.model.documents import Citation, Document, DocumentKind
from wecb.model.domains import Domain, DomainKind
from wecb.model.facts import Figure, FigureKind, Qualifier, TeamPlan
from wecb.model.funding import FundingBasis, FundingStream
from wecb.model.integration import IntegrationLevel, PoolingArrangement
from wecb.model.milestones import Milestone, MilestoneDate
from wecb.model.partners import Partner, PartnerKind
from wecb.model.programme import Programme
from wecb.model.projects import Pilot, Project, Stage
from wecb.model.tables import CostBenefitTable

__all__ = ["EXAMPLE_SOURCE", "example_programme"]

#: The source of every row of the example: it is made up, to show the layout.
EXAMPLE_SOURCE = "Worked example of the wecb workbook template (illustrative figures)"


def _lines() -> tuple[CashFlow, ...]:
    year = FinancialYear
    nurses = {year(2014): "120000.00", year(2015): "125000.00"}
    costs = tuple(
        CashFlow(
            amount=Money(amount),
            nature=Nature.COST,
            period=period,
            cost_type=CostType.REVENUE,
            payer="council",
            stream="triage_fund",
            label="Mental health nurses in police cars",
        )
        for period, amount in nurses.items()
    )
    savings = {year(2014): "80000.00", year(2015): "160000.00"}
    benefits = tuple(
        CashFlow(
            amount=Money(amount),
            nature=Nature.BENEFIT,
            period=period,
            value_type=ValueType.FISCAL,
            cashable=False,
            beneficiary="police",
            label="Officer hours freed from Section 136 detentions",
            requires=("triage_data",),
        )
        for period, amount in savings.items()
    )
    return costs + benefits


def _actuals() -> tuple[Actual, ...]:
    """What the example's benefit line came to in its first year."""
    return (
        Actual(
            project="triage",
            line="Officer hours freed from Section 136 detentions",
            year=FinancialYear(2014),
            amount=Money("72500.00"),
            as_at=datetime.date(2015, 5, 29),
            source=EXAMPLE_SOURCE,
        ),
    )


def _project(later: OpenPeriod) -> Project:
    bau = CashFlow(
        amount=Money("30000.00"),
        nature=Nature.COST,
        period=FinancialYear(2014),
        cost_type=CostType.REVENUE,
        payer="police",
        label="Section 136 detentions in custody (business as usual)",
    )
    table = CostBenefitTable.from_thousands(
        costs_to_mar_2013="0",
        costs_to_mar_2014="0",
        costs_further_implementation="245",
        net_cashable="245",
        net_non_cashable="-240",
        net_total="5",
        cost_periods=(FinancialYear(2012), FinancialYear(2013), later),
        benefit_period=later,
        non_cashable_value_type=ValueType.FISCAL,
        source=EXAMPLE_SOURCE,
    )
    return Project(
        key="triage",
        title="Street triage",
        domain="safety",
        leads=("council", "police"),
        big_idea="Mental health nurses attend police calls",
        approach=("Nurses ride with officers on evening shifts",),
        integration_level=IntegrationLevel.ALIGNED_BUDGETS,
        stage=Stage.OUTLINE_BUSINESS_CASE,
        decisions=(
            GateDecision(
                gate=StageGate.PROCEED_TO_OUTLINE_BUSINESS_CASE,
                date=datetime.date(2013, 11, 5),
                decided_by="council",
                outcome=DecisionOutcome.APPROVED,
                source=EXAMPLE_SOURCE,
            ),
        ),
        table=table,
        flows=_lines(),
        counterfactual=(bau,),
        pilots=(
            Pilot(
                key="north",
                name="North pilot",
                area="North district",
                integration_level=IntegrationLevel.ALIGNED_BUDGETS,
            ),
        ),
        source=EXAMPLE_SOURCE,
    )


def _records() -> dict[str, Any]:
    """The example's milestones, asks, documents and actuals (a keyword of the Programme
    each)."""
    return dict(
        milestones=(
            Milestone(
                key="triage_start",
                label="Nurses start evening shifts",
                date=MilestoneDate(year=2014, month=4),
                project="triage",
                source=EXAMPLE_SOURCE,
            ),
        ),
        asks=(
            Ask(
                key="triage_data",
                project="triage",
                text="Police and NHS share incident data",
                kind=AskKind.DATA_SHARING,
                status=AskStatus.ASKED,
                addressed_to=("home_office",),
                source=EXAMPLE_SOURCE,
            ),
        ),
        documents=(
            Document(
                key="example_report",
                title="Street triage: report to the Cabinet (illustrative)",
                issued_by="Example County Council",
                date="1 April 2014",
                kind=DocumentKind.CABINET_PAPER,
                note="Made up for the worked example",
            ),
        ),
        actuals=_actuals(),
    )


def example_programme() -> Programme:
    """The template's worked example: one row on every sheet."""
    later = OpenPeriod(key="later_years", label="Later years", after=FinancialYear(2015))
    return Programme(
        name="Example Community Budget",
        place="Example County",
        partners=(
            Partner(key="council", name="Example County Council", kind=PartnerKind.COUNTY_COUNCIL),
            Partner(key="police", name="Example Police", kind=PartnerKind.POLICE),
            Partner(key="home_office", name="Home Office", kind=PartnerKind.WHITEHALL_DEPARTMENT),
        ),
        domains=(Domain(key="safety", name="Community Safety", kind=DomainKind.THEMATIC),),
        projects=(_project(later),),
        funding_streams=(
            FundingStream(
                key="triage_fund",
                name="Council triage fund",
                funder="council",
                arrangement=PoolingArrangement.ALIGNED,
                amount=Money("130000.00"),
                basis=FundingBasis.PER_YEAR,
                periods=(FinancialYear(2014), FinancialYear(2015)),
                recipient="triage",
            ),
        ),
        periods=(later,),
        notes=("A worked example: replace every row with your programme's",),
        figures=(
            Figure(
                key="detentions_cost",
                label="Cost of Section 136 detentions in custody",
                kind=FigureKind.COST_PRESSURE,
                amount=Money("250000"),
                per=("year",),
                qualifier=Qualifier.APPROXIMATELY,
                project="triage",
                published="about £250,000 a year",
                source=Citation(
                    document="example_report",
                    quote="detentions in custody cost about £250,000 a year",
                    locator="paragraph 4",
                ),
            ),
        ),
        team_plans=(
            TeamPlan(
                key="triage_teams",
                project="triage",
                teams=2,
                cases_per_team=150,
                unit="person",
                start_year=2014,
                start_month=4,
            ),
        ),
        **_records(),
        source=EXAMPLE_SOURCE,
    )
