"""The draws of a run (private): ppm multipliers, one row per uncertainty, one column per draw.

See :mod:`wecb.appraisal.sensitivity` for the method. :func:`sample` makes a Monte Carlo
run's draws from one seeded generator, :func:`unit_draws` the deterministic draw (every
multiplier at 1) and :func:`one_way_draws` the draws of a one-way table (one range at a time
at each end). The engine (:mod:`~wecb.appraisal.sensitivity._engine`) values the lines for
any such matrix.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeAlias

from wecb.appraisal.sensitivity.ranges import PPM, Uncertainty

if TYPE_CHECKING:
    import numpy.typing as npt

    IntArray: TypeAlias = npt.NDArray[Any]

__all__ = ["one_way_draws", "sample", "unit_draws"]


def sample(uncertainties: Sequence[Uncertainty], draws: int, seed: int) -> IntArray:
    """The draws of a run in whole ppm, shape (uncertainties, draws): from one
    ``numpy.random.default_rng(seed)``, each uncertainty drawn in the order given."""
    import numpy as np  # noqa: PLC0415

    rng = np.random.default_rng(seed)
    sampled = [u.distribution.sample(rng, draws) for u in uncertainties]
    matrix: IntArray = np.stack(sampled) if sampled else np.zeros((0, draws), dtype=np.int64)
    return matrix


def unit_draws(count: int) -> IntArray:
    """One draw with each of ``count`` multipliers at 1 (the deterministic case)."""
    import numpy as np  # noqa: PLC0415

    return np.full((count, 1), PPM, dtype=np.int64)


def one_way_draws(bounds: Sequence[tuple[int, int]]) -> IntArray:
    """Draws moving one range at a time: columns ``2i`` and ``2i + 1`` hold range ``i`` at
    its low and high ppm ``bounds`` (all others at 1), and the last column every range
    at 1."""
    import numpy as np  # noqa: PLC0415

    count = len(bounds)
    matrix = np.full((count, 2 * count + 1), PPM, dtype=np.int64)
    for i, (low, high) in enumerate(bounds):
        matrix[i, 2 * i] = low
        matrix[i, 2 * i + 1] = high
    return matrix
