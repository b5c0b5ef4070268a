"""Integration levels, pooling arrangements and the rule tying them together."""

from __future__ import annotations

import pytest

from wecb.model.integration import (
    POOLING_RULE,
    DefinedBy,
    IntegrationLevel,
    PoolingArrangement,
    minimum_integration_level,
    permits,
)


def test_levels_are_ordered_one_to_five() -> None:
    assert [int(level) for level in IntegrationLevel] == [1, 2, 3, 4, 5]
    assert IntegrationLevel.POOLED_BUDGET < IntegrationLevel.INTEGRATED_COMMISSIONING_ARRANGEMENT
    assert IntegrationLevel(4) is IntegrationLevel.INTEGRATED_COMMISSIONING_ARRANGEMENT


def test_levels_four_and_five_are_sourced_from_the_fbc1_business_case() -> None:
    ica = IntegrationLevel.INTEGRATED_COMMISSIONING_ARRANGEMENT
    scb = IntegrationLevel.SINGLE_COMMISSIONING_BODY
    assert (ica.abbreviation, scb.abbreviation) == ("ICA", "SCB")
    for level in (ica, scb):
        assert level.defined_by is DefinedBy.SOURCE
        assert level.source is not None
        # The document, in neutral words: the generic model names no data set's files.
        assert level.source.startswith("Whole Essex Community Budget FBC1 business case")
        assert level.description.startswith("From the source")
        assert f"level {int(level)} integration" in level.description


def test_levels_one_to_three_are_wecbs_own_and_say_so() -> None:
    for level in list(IntegrationLevel)[:3]:
        assert level.defined_by is DefinedBy.WECB
        assert level.source is None
        assert level.abbreviation is None
        assert level.description.startswith("wecb's own definition")
        assert level.label


def test_pooling_rule_from_seed_003() -> None:
    # Aligning needs joint planning (2); pooling, real or virtual, a pooled budget (3);
    # staff in kind needs nothing shared (1).
    assert minimum_integration_level(PoolingArrangement.IN_KIND) == 1
    assert minimum_integration_level(PoolingArrangement.ALIGNED) == 2
    assert minimum_integration_level(PoolingArrangement.VIRTUAL_POOL) == 3
    assert minimum_integration_level(PoolingArrangement.POOLED) == 3
    assert set(POOLING_RULE) == set(PoolingArrangement)


@pytest.mark.parametrize("arrangement", list(PoolingArrangement))
@pytest.mark.parametrize("level", list(IntegrationLevel))
def test_permits_is_monotone_in_level(
    level: IntegrationLevel, arrangement: PoolingArrangement
) -> None:
    assert permits(level, arrangement) == (level >= arrangement.minimum_integration_level)
    if permits(level, arrangement) and level < IntegrationLevel.SINGLE_COMMISSIONING_BODY:
        assert permits(IntegrationLevel(level + 1), arrangement)


def test_pooled_flags() -> None:
    assert PoolingArrangement.POOLED.is_pooled
    assert PoolingArrangement.VIRTUAL_POOL.is_pooled
    assert not PoolingArrangement.ALIGNED.is_pooled
    assert not PoolingArrangement.IN_KIND.is_pooled
    assert [a.value for a in PoolingArrangement] == [
        "aligned",
        "virtual_pool",
        "pooled",
        "in_kind",
    ]
