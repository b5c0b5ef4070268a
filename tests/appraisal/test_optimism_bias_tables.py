"""The Mott MacDonald optimism bias table by project type, beside the 2014 grades."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wecb.appraisal import CBA_2014_OPTIMISM_BIAS
from wecb.appraisal.optimism_bias import (
    MOTT_MACDONALD_2002_OPTIMISM_BIAS as TABLE,
)
from wecb.appraisal.optimism_bias import (
    OptimismBiasBounds,
    ProjectTypeOptimismBias,
)
from wecb.errors import AppraisalError, FloatNotAllowedError, UnknownKeyError

# Table 2 of the review, in percent: (works duration U, L), (capital expenditure U, L).
PUBLISHED = {
    "standard_buildings": (("4", "1"), ("24", "2")),
    "non_standard_buildings": (("39", "2"), ("51", "4")),
    "standard_civil_engineering": (("20", "1"), ("44", "3")),
    "non_standard_civil_engineering": (("25", "3"), ("66", "6")),
    "equipment_development": (("54", "10"), ("200", "10")),
}


@pytest.mark.parametrize("project_type", sorted(PUBLISHED))
def test_bounds_are_the_published_percentages(project_type: str) -> None:
    (duration_u, duration_l), (capex_u, capex_l) = PUBLISHED[project_type]
    assert TABLE.upper(project_type, "works_duration") == Decimal(duration_u) / 100
    assert TABLE.lower(project_type, "works_duration") == Decimal(duration_l) / 100
    assert TABLE.upper(project_type, "capital_expenditure") == Decimal(capex_u) / 100
    assert TABLE.lower(project_type, "capital_expenditure") == Decimal(capex_l) / 100


def test_outsourcing_is_operating_expenditure_only() -> None:
    assert TABLE.upper("outsourcing", "operating_expenditure") == Decimal("0.41")
    assert TABLE.lower("outsourcing", "operating_expenditure") == 0
    with pytest.raises(UnknownKeyError, match="it has operating_expenditure"):
        TABLE.upper("outsourcing", "capital_expenditure")


def test_the_worked_example_of_a_combined_building() -> None:
    # 30% non-standard, 70% standard: 0.3 x 51% + 0.7 x 24% = 32.1% (capital expenditure).
    capex = Decimal("0.3") * TABLE.upper("non_standard_buildings", "capital_expenditure")
    capex += Decimal("0.7") * TABLE.upper("standard_buildings", "capital_expenditure")
    assert capex == Decimal("0.321")
    duration = Decimal("0.3") * TABLE.upper("non_standard_buildings", "works_duration")
    duration += Decimal("0.7") * TABLE.upper("standard_buildings", "works_duration")
    assert duration == Decimal("0.145")


def test_source_is_stated_and_verified_beside_the_2014_grades() -> None:
    assert TABLE.source is not None and TABLE.source.verified
    assert "Mott MacDonald" in TABLE.source.document and TABLE.source.year == 2002
    assert CBA_2014_OPTIMISM_BIAS.source is not None
    assert not CBA_2014_OPTIMISM_BIAS.source.verified


def test_uplift_reduces_the_upper_bound_by_the_mitigated_share() -> None:
    assert TABLE.uplift("standard_buildings", "capital_expenditure", mitigation=0) == Decimal(
        "0.24"
    )
    assert TABLE.uplift("standard_buildings", "capital_expenditure", mitigation="50%") == (
        Decimal("0.12")
    )
    assert TABLE.uplift("equipment_development", "capital_expenditure", mitigation=1) == 0


def test_bad_keys_and_mitigations_are_refused() -> None:
    with pytest.raises(UnknownKeyError, match="its types: standard_buildings"):
        TABLE.upper("bridges", "capital_expenditure")
    with pytest.raises(AppraisalError, match=r"a fraction in \[0, 1\]"):
        TABLE.uplift("standard_buildings", "works_duration", mitigation="1.5")
    with pytest.raises(FloatNotAllowedError):
        TABLE.uplift("standard_buildings", "works_duration", mitigation=0.5)  # type: ignore[arg-type]


def test_a_table_of_ones_own() -> None:
    mine = ProjectTypeOptimismBias(
        name="ours",
        bounds=[
            OptimismBiasBounds(
                project_type="ict", measure="capital_expenditure", upper="30%", lower="5%"
            )
        ],
    )
    assert mine.uplift("ict", "capital_expenditure", mitigation="0.5") == Decimal("0.150")
    with pytest.raises(AppraisalError, match=r"lower bound 0\.50 is above the upper bound 0\.30"):
        OptimismBiasBounds(project_type="x", measure="works_duration", upper="30%", lower="50%")
    with pytest.raises(AppraisalError, match="one of works_duration"):
        OptimismBiasBounds(project_type="x", measure="cost", upper="1%", lower="0%")
    row = mine.bounds[0]
    with pytest.raises(AppraisalError, match="given twice: ict capital_expenditure"):
        ProjectTypeOptimismBias(name="twice", bounds=[row, row])


@given(
    st.sampled_from(TABLE.bounds),
    st.integers(0, 100).map(lambda n: Decimal(n) / 100),
)
def test_uplift_is_exact_and_between_zero_and_the_upper_bound(
    row: OptimismBiasBounds, mitigation: Decimal
) -> None:
    uplift = TABLE.uplift(row.project_type, row.measure, mitigation=mitigation)
    assert 0 <= uplift <= row.upper
    assert uplift == row.upper * (1 - mitigation)
