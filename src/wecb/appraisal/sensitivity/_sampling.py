"""The numpy kernels of the ranges and results (private): seeded draws of multipliers in
whole ppm, and the ordering and exact sum of simulated values.

See :mod:`wecb.appraisal.sensitivity` for the money rule. This module imports no other
module of wecb, so :mod:`~wecb.appraisal.sensitivity.ranges` and
:mod:`~wecb.appraisal.sensitivity.results` can call it without an import cycle.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    import numpy.typing as npt

    IntArray: TypeAlias = npt.NDArray[Any]

__all__ = ["discrete", "fixed", "ordered_and_total", "triangular", "uniform"]


def fixed(n: int, value: int) -> IntArray:
    """``n`` draws of the one multiplier ``value`` (int64)."""
    import numpy as np  # noqa: PLC0415

    return np.full(n, value, dtype=np.int64)


def triangular(generator: Any, low: int, mode: int, high: int, n: int) -> IntArray:
    """``n`` triangular draws between the ppm bounds: numpy's float variate, rounded half
    even to a whole ppm (rounding point 1: a multiplier, never money) and clipped."""
    import numpy as np  # noqa: PLC0415

    if low == high:
        return fixed(n, low)
    values = np.rint(generator.triangular(float(low), float(mode), float(high), size=n))
    clipped: IntArray = np.clip(values.astype(np.int64), low, high)
    return clipped


def uniform(generator: Any, low: int, high: int, n: int) -> IntArray:
    """``n`` integer draws from ``low`` to ``high`` ppm inclusive, each equally likely."""
    import numpy as np  # noqa: PLC0415

    if low == high:
        return fixed(n, low)
    drawn: IntArray = generator.integers(low, high, size=n, endpoint=True, dtype=np.int64)
    return drawn


def discrete(generator: Any, values: Sequence[int], weights: Sequence[int], n: int) -> IntArray:
    """``n`` draws of ``values`` (ppm), value ``i`` with probability ``weights[i] / total``:
    an exact integer draw (the caller keeps ``total`` within int64)."""
    import numpy as np  # noqa: PLC0415

    outcomes = np.array(values, dtype=np.int64)
    cumulative = np.cumsum(np.array(weights, dtype=np.int64))
    u = generator.integers(0, sum(weights), size=n, dtype=np.int64)
    picked: IntArray = outcomes[np.searchsorted(cumulative, u, side="right")]
    return picked


def ordered_and_total(values: IntArray, bound: int) -> tuple[IntArray, int]:
    """``values`` sorted, and their exact sum: summed in int64 when ``n`` values of the
    largest magnitude stay within ``bound``, else as Python integers."""
    import numpy as np  # noqa: PLC0415

    ordered = np.sort(values)
    n = len(ordered)
    if values.dtype != object and int(np.abs(values).max()) <= bound // n:
        total = int(values.sum())  # n values this small cannot overflow int64
    else:
        total = int(values.astype(object).sum())  # Python integers
    return ordered, total
