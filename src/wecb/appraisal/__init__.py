"""Appraisal as the public-service cost-benefit method does it.

This package holds the model-independent core: discounting to a base year
(:mod:`~wecb.appraisal.discounting`), optimism bias, deadweight and attribution
(:mod:`~wecb.appraisal.adjustments`), all pure functions over
:class:`~wecb.core.money.Money` and :class:`~wecb.core.periods.FinancialYear`; and, on the
model, the cost-benefit appraisal of a programme (:mod:`~wecb.appraisal.cba`),
explicit phasing of open periods, cohorts, scale-up and sensitivity. Every
shipped parameter table carries a :class:`~wecb.appraisal.parameters.ParameterSource`
and can be replaced by the user's own.
"""

from __future__ import annotations

from wecb.appraisal.adjustments import (
    CBA_2014_OPTIMISM_BIAS,
    NO_ADJUSTMENTS,
    Adjusted,
    Adjustments,
    AdjustmentStep,
    OptimismBiasGrade,
    OptimismBiasTable,
    adjust,
    apply_attribution,
    apply_deadweight,
    apply_optimism_bias,
)
from wecb.appraisal.cba import AdjustmentPlan, Appraisal, appraise
from wecb.appraisal.cohorts import CohortModel, CohortProfile, CohortWave
from wecb.appraisal.discounting import (
    GREEN_BOOK_HEALTH,
    GREEN_BOOK_STPR,
    WORKING_PRECISION,
    ZERO_RATE,
    DiscountSchedule,
    Horizon,
    MixedHorizon,
    PresentValue,
    RateBand,
    Total,
    constant,
    discount_flows,
    npv,
    present_value,
)
from wecb.appraisal.parameters import ParameterSource
from wecb.appraisal.phasing import Phasing
from wecb.appraisal.scaleup import LowCentralHigh, Place, ScaleUp, scale_up
from wecb.appraisal.sensitivity import (
    Discrete,
    MonteCarloResult,
    Selector,
    Triangular,
    Uncertainty,
    Uniform,
    monte_carlo,
    one_way,
)

__all__ = [
    "CBA_2014_OPTIMISM_BIAS",
    "GREEN_BOOK_HEALTH",
    "GREEN_BOOK_STPR",
    "NO_ADJUSTMENTS",
    "WORKING_PRECISION",
    "ZERO_RATE",
    "Adjusted",
    "AdjustmentPlan",
    "AdjustmentStep",
    "Adjustments",
    "Appraisal",
    "CohortModel",
    "CohortProfile",
    "CohortWave",
    "DiscountSchedule",
    "Discrete",
    "Horizon",
    "LowCentralHigh",
    "MixedHorizon",
    "MonteCarloResult",
    "OptimismBiasGrade",
    "OptimismBiasTable",
    "ParameterSource",
    "Phasing",
    "Place",
    "PresentValue",
    "RateBand",
    "ScaleUp",
    "Selector",
    "Total",
    "Triangular",
    "Uncertainty",
    "Uniform",
    "adjust",
    "apply_attribution",
    "apply_deadweight",
    "apply_optimism_bias",
    "appraise",
    "constant",
    "discount_flows",
    "monte_carlo",
    "npv",
    "one_way",
    "present_value",
    "scale_up",
]
