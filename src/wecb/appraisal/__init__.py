"""Appraisal as the public-service cost-benefit method does it.

The model-independent core, pure functions over :class:`~wecb.core.money.Money` and
:class:`~wecb.core.periods.FinancialYear`: discount schedules
(:mod:`~wecb.appraisal.schedules`), present values (:mod:`~wecb.appraisal.present_values`),
horizon-stating totals (:mod:`~wecb.appraisal.horizons`), optimism bias tables
(:mod:`~wecb.appraisal.optimism_bias`), and the adjustments for optimism bias, deadweight and
attribution (:mod:`~wecb.appraisal.adjustments`). On the model: explicit phasing of open
periods (:mod:`~wecb.appraisal.phasing`), the cost-benefit appraisal of a programme
(:mod:`~wecb.appraisal.cba`, giving an :class:`~wecb.appraisal.record.Appraisal` with its
lines in :mod:`~wecb.appraisal.lines` and its figures in :mod:`~wecb.appraisal.cases`),
cohorts (:mod:`~wecb.appraisal.cohorts`, :mod:`~wecb.appraisal.cohort_profiles`), scale-up
and sensitivity (:mod:`~wecb.appraisal.sensitivity`), and scenarios side by side
(:mod:`~wecb.appraisal.scenarios`). Every shipped parameter table carries a
:class:`~wecb.appraisal.parameters.ParameterSource` and can be replaced by the user's own.
"""

from __future__ import annotations

from wecb.appraisal.adjustments import (
    NO_ADJUSTMENTS,
    Adjusted,
    Adjustments,
    AdjustmentStep,
    adjust,
    apply_attribution,
    apply_deadweight,
    apply_optimism_bias,
)
from wecb.appraisal.agencies import (
    UNATTRIBUTED,
    AgencyRow,
    AgencyTable,
    by_agency,
    who_pays_present_value,
)
from wecb.appraisal.asks import AskReport, asks_report, local_only
from wecb.appraisal.cases import (
    Case,
    CaseYear,
    EconomicCase,
    Figures,
    FinancialCase,
    SideBySide,
)
from wecb.appraisal.cba import appraise
from wecb.appraisal.cohort_profiles import CohortProfile
from wecb.appraisal.cohorts import CohortModel, CohortWave
from wecb.appraisal.horizons import Horizon, MixedHorizon, Total
from wecb.appraisal.lines import AdjustmentPlan, AppraisedLine, BenefitType
from wecb.appraisal.optimism_bias import (
    CBA_2014_OPTIMISM_BIAS,
    MOTT_MACDONALD_2002_OPTIMISM_BIAS,
    OptimismBiasBounds,
    OptimismBiasGrade,
    OptimismBiasTable,
    ProjectTypeOptimismBias,
)
from wecb.appraisal.outcomes import Cohort, Outcome, OutcomeChain, outcome_chain
from wecb.appraisal.parameters import ParameterSource
from wecb.appraisal.phasing import Phasing
from wecb.appraisal.present_values import PresentValue, discount_flows, npv, present_value
from wecb.appraisal.prices import PriceIndex, Rebasing
from wecb.appraisal.realisation import (
    Rag,
    RagThresholds,
    Realisation,
    RealisationLine,
    realisation,
)
from wecb.appraisal.record import Appraisal
from wecb.appraisal.scaleup import LowCentralHigh, Place, ScaledPlace, ScaleUp, scale_up
from wecb.appraisal.scenarios import Comparison, compare
from wecb.appraisal.schedules import (
    GREEN_BOOK_HEALTH,
    GREEN_BOOK_STPR,
    ZERO_RATE,
    DiscountSchedule,
    RateBand,
    constant,
)
from wecb.appraisal.sensitivity import (
    Discrete,
    MonteCarloResult,
    OneWayResult,
    Percentiles,
    Selector,
    Triangular,
    Uncertainty,
    Uniform,
    monte_carlo,
    one_way,
)
from wecb.appraisal.switching import (
    SwitchingRow,
    SwitchingValues,
    switching_value,
    switching_values,
)
from wecb.appraisal.unit_costs import (  # SEED_UNIT_COSTS: see __getattr__ below
    UnitCost,
    UnitCostLibrary,
    load_unit_costs,
)

__all__ = [
    "CBA_2014_OPTIMISM_BIAS",
    "GREEN_BOOK_HEALTH",
    "GREEN_BOOK_STPR",
    "MOTT_MACDONALD_2002_OPTIMISM_BIAS",
    "NO_ADJUSTMENTS",
    "SEED_UNIT_COSTS",
    "UNATTRIBUTED",
    "ZERO_RATE",
    "Adjusted",
    "AdjustmentPlan",
    "AdjustmentStep",
    "Adjustments",
    "AgencyRow",
    "AgencyTable",
    "Appraisal",
    "AppraisedLine",
    "AskReport",
    "BenefitType",
    "Case",
    "CaseYear",
    "Cohort",
    "CohortModel",
    "CohortProfile",
    "CohortWave",
    "Comparison",
    "DiscountSchedule",
    "Discrete",
    "EconomicCase",
    "Figures",
    "FinancialCase",
    "Horizon",
    "LowCentralHigh",
    "MixedHorizon",
    "MonteCarloResult",
    "OneWayResult",
    "OptimismBiasBounds",
    "OptimismBiasGrade",
    "OptimismBiasTable",
    "Outcome",
    "OutcomeChain",
    "ParameterSource",
    "Percentiles",
    "Phasing",
    "Place",
    "PresentValue",
    "PriceIndex",
    "ProjectTypeOptimismBias",
    "Rag",
    "RagThresholds",
    "RateBand",
    "Realisation",
    "RealisationLine",
    "Rebasing",
    "ScaleUp",
    "ScaledPlace",
    "Selector",
    "SideBySide",
    "SwitchingRow",
    "SwitchingValues",
    "Total",
    "Triangular",
    "Uncertainty",
    "Uniform",
    "UnitCost",
    "UnitCostLibrary",
    "adjust",
    "apply_attribution",
    "apply_deadweight",
    "apply_optimism_bias",
    "appraise",
    "asks_report",
    "by_agency",
    "compare",
    "constant",
    "discount_flows",
    "load_unit_costs",
    "local_only",
    "monte_carlo",
    "npv",
    "one_way",
    "outcome_chain",
    "present_value",
    "realisation",
    "scale_up",
    "switching_value",
    "switching_values",
    "who_pays_present_value",
]


def __getattr__(name: str) -> object:
    """``SEED_UNIT_COSTS``, built on first use (:mod:`wecb.appraisal.unit_costs`)."""
    if name == "SEED_UNIT_COSTS":
        from wecb.appraisal.unit_costs import SEED_UNIT_COSTS  # noqa: PLC0415 - on first use

        return SEED_UNIT_COSTS
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
