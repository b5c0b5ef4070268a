"""wecb: model, roll up and appraise whole place community budgets.

The ground and model types are imported eagerly; everything that needs pint,
numpy or cattrs is imported on first use (see ``_LAZY``), so ``import wecb``
stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

from wecb.cashflows import CashFlow, CostType, Nature, ValueType
from wecb.domains import Domain, DomainKind
from wecb.errors import WecbError
from wecb.facts import Figure, FigureKind, Qualifier, TeamPlan
from wecb.funding import FundingBasis, FundingStream
from wecb.integration import IntegrationLevel, PoolingArrangement
from wecb.money import Money
from wecb.partners import Partner, PartnerKind
from wecb.periods import FinancialYear, OpenPeriod
from wecb.programme import Programme
from wecb.projects import CostBenefitTable, Pilot, Project, Stage, StageGate

__all__ = [
    "CashFlow",
    "CostBenefitTable",
    "CostType",
    "Domain",
    "DomainKind",
    "Figure",
    "FigureKind",
    "FinancialYear",
    "FundingBasis",
    "FundingStream",
    "IntegrationLevel",
    "Money",
    "Nature",
    "OpenPeriod",
    "Partner",
    "PartnerKind",
    "Pilot",
    "PoolingArrangement",
    "Programme",
    "Project",
    "Qualifier",
    "Rollup",
    "Stage",
    "StageGate",
    "TeamPlan",
    "ValueType",
    "WecbError",
    "__version__",
    "appraisal",
    "appraise",
    "datasets",
    "dumps",
    "load",
    "loads",
    "reconcile",
    "rollup",
    "save",
]
__version__ = "0.1.0"

# Public name -> module that defines it, imported when the name is first used.
_LAZY: dict[str, str] = {
    # Programme files (wecb.io) and built-in data sets; a name equal to its module's last
    # part is the module itself.
    "datasets": "wecb.datasets",
    "dumps": "wecb.io",
    "io": "wecb.io",
    "load": "wecb.io",
    "loads": "wecb.io",
    "save": "wecb.io",
    # Analysis: rollups, reconciliation, appraisal. The modules ``rollup`` and
    # ``reconcile`` keep their names (a function of the same name would be replaced by
    # the submodule as soon as it is imported), so call ``wecb.rollup.rollup(...)``.
    "rollup": "wecb.rollup",
    "Rollup": "wecb.rollup",
    "reconcile": "wecb.reconcile",
    "appraisal": "wecb.appraisal",
    "appraise": "wecb.appraisal",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'wecb' has no attribute {name!r}")
    imported = importlib.import_module(module)
    value = imported if module == f"{__name__}.{name}" else getattr(imported, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
