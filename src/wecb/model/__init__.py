"""The domain model: partners, domains, integration, cash flows, funding, facts,
published cost-benefit tables, projects, and the programme that holds them all.

attrs classes, frozen and slotted; each checks itself, and :class:`Programme` checks
the whole graph, listing every problem with its place.
"""

from wecb.model.cashflows import CashFlow, CostType, Nature, ValueType
from wecb.model.domains import Domain, DomainKind
from wecb.model.facts import Figure, FigureKind, Qualifier, TeamPlan
from wecb.model.funding import FundingBasis, FundingStream, Overdraft
from wecb.model.integration import IntegrationLevel, PoolingArrangement
from wecb.model.partners import Partner, PartnerKind
from wecb.model.programme import Dropped, Programme
from wecb.model.projects import Pilot, Project, Stage, StageGate
from wecb.model.tables import CostBenefitTable, TableDiscrepancy

__all__ = [
    "CashFlow",
    "CostBenefitTable",
    "CostType",
    "Domain",
    "DomainKind",
    "Dropped",
    "Figure",
    "FigureKind",
    "FundingBasis",
    "FundingStream",
    "IntegrationLevel",
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
