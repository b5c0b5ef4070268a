"""The columnar rollup's group keys in 16, 32 and 64 bits give the sums of a plain count."""

from __future__ import annotations

import numpy as np
import pytest

from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.rollups import Lines, rollup


@pytest.mark.parametrize(
    ("projects", "partners", "years"),
    [
        (3, 4, 5),  # 2 x 60 group slots: 16-bit keys
        (40, 30, 20),  # 2 x 24,000: 32-bit keys
        (2_000, 2_000, 300),  # 2 x 1.2e9: 64-bit keys (and distinct keys first)
    ],
)
def test_every_key_width_sums_as_a_plain_count(projects: int, partners: int, years: int) -> None:
    rng = np.random.default_rng(projects)
    size = max(projects, partners, years) * 3
    # Every value of every axis on some line, the rest at random.
    project = np.concatenate([np.arange(projects), rng.integers(0, projects, size)])[:size]
    partner = np.concatenate([np.arange(partners), rng.integers(0, partners, size)])[:size]
    year = np.concatenate([np.arange(years), rng.integers(0, years, size)])[:size]
    nature = rng.integers(0, 2, size)
    pence = rng.integers(0, 10**9, size)
    periods = [FinancialYear(1900 + y) for y in range(years)]
    lines = Lines.from_columns(
        minor_units=pence,
        nature=(nature, ["cost", "benefit"]),
        period=(year, periods),
        project=(project, [f"p{i:05d}" for i in range(projects)]),
        partner=(partner, [f"q{i:05d}" for i in range(partners)]),
        value_type=(nature, [None, "fiscal"]),
        cashable=nature.astype(bool),
    )
    result = rollup(lines, ("project", "partner", "period"))
    assert result.engine == "columnar"
    expected: dict[tuple[str, str, FinancialYear], list[int]] = {}
    for p, q, y, n, amount in zip(project, partner, year, nature, pence, strict=True):
        sums = expected.setdefault((f"p{p:05d}", f"q{q:05d}", periods[y]), [0, 0])
        sums[n] += int(amount)
    assert len(result) == len(expected)
    for key, (costs, benefits) in expected.items():
        totals = result[key]
        assert totals.costs == Money.from_minor_units(costs)
        assert totals.benefits == Money.from_minor_units(benefits)
