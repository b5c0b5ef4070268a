"""wecb: model, roll up and appraise whole place community budgets.

The face of the package: the value and model types, and the verbs that compute.

>>> import wecb
>>> essex = wecb.datasets.essex_2012()
>>> wecb.rollup(essex, by="domain").total.net.format()
'£301.0m'

Values and model types are imported eagerly (they need only attrs); the verbs and the
subpackages behind them (pint, numpy and cattrs among their dependencies) are imported on
first use, so ``import wecb`` stays cheap.
"""

import sys as _sys

if _sys.argv[:1] and _sys.argv[0].endswith(("-m", "wecb", "wecb.exe")):
    # Maybe the command line starting (`python -m wecb`, the `wecb` script): if so, a Ctrl-C
    # while the package loads ends it quietly with status 130. A library import is unaffected.
    from wecb._interrupt import quiet_if_the_command_is_starting

    quiet_if_the_command_is_starting()

import typing as _typing

from wecb.core.money import Money
from wecb.core.periods import FinancialYear, OpenPeriod
from wecb.errors import WecbError
from wecb.model import (
    CashFlow,
    CostBenefitTable,
    CostType,
    Domain,
    DomainKind,
    Figure,
    FigureKind,
    FundingBasis,
    FundingStream,
    IntegrationLevel,
    Nature,
    Partner,
    PartnerKind,
    Pilot,
    PoolingArrangement,
    Programme,
    Project,
    Qualifier,
    Stage,
    StageGate,
    TeamPlan,
    ValueType,
)
from wecb.model.builder import ProgrammeBuilder

if _typing.TYPE_CHECKING:
    from wecb import appraisal, datasets, io, present, reconciliation, rollups, units, whopays
    from wecb.appraisal import Appraisal, appraise
    from wecb.io import dumps, load, loads, save
    from wecb.reconciliation import Reconciliation, reconcile
    from wecb.rollups import Rollup, rollup
    from wecb.whopays import WhoPaysWhoBenefits, who_pays

__all__ = [
    "Appraisal",
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
    "ProgrammeBuilder",
    "Project",
    "Qualifier",
    "Reconciliation",
    "Rollup",
    "Stage",
    "StageGate",
    "TeamPlan",
    "ValueType",
    "WecbError",
    "WhoPaysWhoBenefits",
    "__version__",
    "appraisal",
    "appraise",
    "datasets",
    "dumps",
    "io",
    "load",
    "loads",
    "present",
    "reconcile",
    "reconciliation",
    "rollup",
    "rollups",
    "save",
    "units",
    "who_pays",
    "whopays",
]
__version__ = "0.1.0"

# Name -> the module that defines it, imported when the name is first used. A name
# equal to its module's last part is the subpackage itself.
_LAZY: dict[str, str] = {
    "appraisal": "wecb.appraisal",
    "Appraisal": "wecb.appraisal",
    "appraise": "wecb.appraisal",
    "datasets": "wecb.datasets",
    "io": "wecb.io",
    "dumps": "wecb.io",
    "load": "wecb.io",
    "loads": "wecb.io",
    "save": "wecb.io",
    "present": "wecb.present",
    "reconciliation": "wecb.reconciliation",
    "Reconciliation": "wecb.reconciliation",
    "reconcile": "wecb.reconciliation",
    "rollups": "wecb.rollups",
    "Rollup": "wecb.rollups",
    "rollup": "wecb.rollups",
    "units": "wecb.units",
    "whopays": "wecb.whopays",
    "WhoPaysWhoBenefits": "wecb.whopays",
    "who_pays": "wecb.whopays",
}


def __getattr__(name: str) -> object:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'wecb' has no attribute {name!r}")
    import importlib  # noqa: PLC0415 - kept out of the module's namespace

    module = importlib.import_module(module_name)
    value = module if module_name == f"wecb.{name}" else getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
