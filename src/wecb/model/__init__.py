"""The domain model: partners, domains, integration, cash flows, funding, facts,
published cost-benefit tables, projects, asks of government, and the programme that holds
them all.

attrs classes, frozen and slotted; each checks itself, and :class:`Programme` checks
the whole graph, listing every problem with its place.
"""

from wecb.model.asks import Ask, AskKind, AskStatus
from wecb.model.cashflows import CashFlow, CostType, Nature, ValueType
from wecb.model.decisions import DecisionOutcome, GateDecision
from wecb.model.domains import Domain, DomainKind
from wecb.model.facts import Figure, FigureKind, Qualifier, TeamPlan
from wecb.model.funding import FundingBasis, FundingStream, Overdraft
from wecb.model.integration import IntegrationLevel, PoolingArrangement
from wecb.model.milestones import Milestone, MilestoneDate
from wecb.model.partners import Partner, PartnerKind
from wecb.model.programme import Dropped, Programme
from wecb.model.projects import Pilot, Project, Stage, StageGate
from wecb.model.tables import CostBenefitTable, TableDiscrepancy

__all__ = [
    "Ask",
    "AskKind",
    "AskStatus",
    "CashFlow",
    "CostBenefitTable",
    "CostType",
    "DecisionOutcome",
    "Domain",
    "DomainKind",
    "Dropped",
    "Figure",
    "FigureKind",
    "FundingBasis",
    "FundingStream",
    "GateDecision",
    "IntegrationLevel",
    "Milestone",
    "MilestoneDate",
    "Nature",
    "Overdraft",
    "Partner",
    "PartnerKind",
    "Pilot",
    "PoolingArrangement",
    "Programme",
    "Project",
    "Qualifier",
    "Stage",
    "StageGate",
    "TableDiscrepancy",
    "TeamPlan",
    "ValueType",
]
