"""The certified float64 fast path of the Monte Carlo engine (private).

Each line-draw's value ``v = S x m / 10**(P + 6k)`` (see :mod:`wecb.appraisal.sensitivity`)
is computed in float64 as ``v' = p' x q'``, with ``p'`` the line's present value in minor
units and ``q'`` the product of its multipliers, and its rounding to a whole minor unit is
**proved** equal to the exact rounding of ``v`` wherever ``v'`` is far enough from every
rounding boundary; only the values not proved are recomputed exactly, with Python integers
(:func:`exact_at`). The result is therefore identical to the exact engine's, value by value.

Error bound (``u = 2**-53``, the unit roundoff of float64; a line has at most ``k`` ranges):

* ``p' = fl(S / 10**P)``: Python's int / int true division is correctly rounded, so
  ``p' = p(1 + e1)``, ``|e1| <= u`` (NaN when it would overflow: never proved).
* each multiplier ``fl(d / 10**6)``: the ppm draw ``d <= 10**12 < 2**53`` and ``10**6``
  are exact in float64, so one rounding: ``(1 + e)``, ``|e| <= u``; at most ``k`` of them.
* their product: at most ``k - 1`` multiplications, each ``(1 + e)``, ``|e| <= u``.
* ``v' = fl(p' x q')``: one more rounding.

So ``v' = v(1 + d)`` with ``|d| <= (1 + u)**(2k + 1) - 1 <= (2k + 1)u / (1 - (2k + 1)u)``,
hence ``|v' - v| <= (2k + 2)u |v'|`` for any ``k < 2**40``. Rather than per value, the
bound is taken per line and chunk from ``V = fl(p' x max q')`` (the line's largest value
in the chunk, up to two more roundings): ``|v' - v| <= B = (2k + 6)u V``, with an absolute
slack of ``2**-50`` minor units for the rounding of the test itself (the distance below is
exact by Sterbenz's lemma; the threshold is computed with one more rounding) and for
subnormal present values (absolute error at most ``2**-1075``).

* **Half modes** (half even, half up, half down): the boundaries are the half-integers.
  With ``r = rint(v')`` and ``e = |v' - r|`` (exact), ``v'`` is ``0.5 - e`` from the
  nearest boundary; if ``e < 0.5 - B - 2**-50``, ``v`` lies in the same open interval
  ``(r - 1/2, r + 1/2)`` as ``v'``, so every half mode rounds it to ``r``.
* **Directed modes** (down, floor, up, ceiling, 05up; values are magnitudes, >= 0): the
  boundaries are the integers. If ``e > B + 2**-50``, ``v`` lies strictly between
  ``floor(v')`` and ``floor(v') + 1``: down and floor give ``floor(v')``, up and ceiling
  ``floor(v') + 1``, 05up ``floor(v') + 1`` when ``floor(v')`` ends in 0 or 5, else
  ``floor(v')``. An exact integer (a zero multiplier, say) is never proved this way; it
  is recomputed.

Magnitudes: once ``V >= 2**50`` minor units, ``B >= 0.5`` and nothing can be proved, so
such a line (or one whose ``p'`` or ``V`` is not finite) is valued at 0 in float64 with a
threshold no value can pass, and every value of it is recomputed exactly: no NaN or
infinity ever enters the kernel, and proved values are below ``2**50`` (exact in int64).
The engine takes this path only when the int64 bound check holds (every sum fits in int64).

:func:`prepare` makes the per-line values and thresholds once per run, from the largest
multipliers of all its draws (a bound for every chunk); :func:`float_values` then costs,
per chunk of draws, a gather and multiply, a ``rint``, a subtraction, an ``abs`` and a
comparison, into buffers reused from chunk to chunk.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP
from typing import TYPE_CHECKING, Any, Final, NamedTuple, TypeAlias

from wecb.appraisal._exact import divide_rounded, rounds_up

if TYPE_CHECKING:
    import numpy.typing as npt

    IntArray: TypeAlias = npt.NDArray[Any]

__all__ = ["HALF_MODES", "Prepared", "exact_at", "float_values", "prepare"]

_U: Final = 2.0**-53
_SLACK: Final = 2.0**-50
_LIMIT: Final = 2.0**50
HALF_MODES: Final = frozenset({ROUND_HALF_EVEN, ROUND_HALF_UP, ROUND_HALF_DOWN})


class Prepared(NamedTuple):
    """A run's per-line float64 inputs (engine order): ``p'`` (signed for a half mode when
    asked, 0 for a line that cannot be proved) and the threshold a value's distance to
    the nearest integer is tested against (see the module notes)."""

    s: Any
    threshold: Any
    half: bool


def _factors(draws: IntArray, covers: Sequence[tuple[int, ...]]) -> IntArray:
    """Per cover and draw, the float64 product of its multipliers (shape covers x draws)."""
    import numpy as np  # noqa: PLC0415

    scaled = draws.astype(np.float64) / 1e6  # exact ppm, one rounding each
    table = np.ones((len(covers), draws.shape[1]), dtype=np.float64)
    for c, cover in enumerate(covers):
        for i in cover:
            table[c] *= scaled[i]
    return table


def prepare(
    magnitude: IntArray,
    signed: IntArray | None,
    *,
    cover_of: IntArray,
    covers: Sequence[tuple[int, ...]],
    k: int,
    draws: IntArray,
    rounding: str,
) -> Prepared:
    """Per line, the float64 value to multiply and the threshold, valid for every chunk of
    ``draws`` (all of a run's draws). ``signed`` (``p'`` with the line's sign) is used for
    a half mode, so that the values come out signed (rounding to nearest is symmetric)."""
    import numpy as np  # noqa: PLC0415

    table = _factors(draws, covers)
    largest = table.max(axis=1) if table.shape[1] else np.zeros(len(covers))
    with np.errstate(invalid="ignore", over="ignore"):
        top = magnitude * largest[cover_of]  # V, rounded twice (inside the bound)
        provable = np.isfinite(top) & (top < _LIMIT)
        bound = np.where(provable, top, 0.0) * ((2 * k + 6) * _U)
    half = rounding in HALF_MODES
    base = signed if half and signed is not None else magnitude
    s = np.where(provable, base, 0.0)
    if half:  # unproved where e >= threshold; -1 fails every value of the line
        threshold = np.where(provable, (0.5 - _SLACK) - bound, -1.0)
    else:  # unproved where e <= threshold; infinity fails every value of the line
        threshold = np.where(provable, bound + _SLACK, np.inf)
    return Prepared(s, threshold, half)


def float_values(
    prepared: Prepared,
    cover_of: IntArray,
    *,
    covers: Sequence[tuple[int, ...]],
    draws: IntArray,
    rounding: str,
) -> tuple[IntArray, IntArray]:
    """The rounded values (float64 holding whole minor units, **draws x lines**: each
    draw's lines are contiguous) and the flat indices of the values not proved (zero
    here: the caller puts :func:`exact_at` there)."""
    import numpy as np  # noqa: PLC0415

    table = np.ascontiguousarray(_factors(draws, covers).T)
    values = table[:, cover_of] if len(covers) > 1 else np.repeat(table, len(cover_of), axis=1)
    values *= prepared.s
    rounded = np.rint(values)
    floor = None if prepared.half else np.floor(values)
    unproved = np.empty(values.shape, dtype=bool)
    np.subtract(values, rounded, out=values)
    np.abs(values, out=values)  # e: the distance to the nearest integer, exact
    if prepared.half:
        np.greater_equal(values, prepared.threshold, out=unproved)
        result = rounded
    else:
        np.less_equal(values, prepared.threshold, out=unproved)
        del rounded
        result = _directed(floor, rounding)
    del values
    missing = np.flatnonzero(unproved)
    result.flat[missing] = 0  # recomputed by the caller
    return result, missing


def _directed(floor: Any, rounding: str) -> IntArray:
    """A value proved strictly between ``floor`` and ``floor + 1``, rounded by a directed
    mode (the same test as :func:`~wecb.appraisal._exact.rounds_up`, as floats)."""
    import numpy as np  # noqa: PLC0415

    up = rounds_up(np.fmod(floor, 5.0), gt=False, eq=False, nonzero=True, rounding=rounding)
    result: IntArray = floor + up
    return result


def exact_at(
    s_exact: IntArray,
    cover_of: IntArray,
    *,
    covers: Sequence[tuple[int, ...]],
    k: int,
    draws: IntArray,
    where: IntArray,
    exponent: int,
    rounding: str,
) -> IntArray:
    """The exact rounded magnitudes of the values at flat indices ``where`` of a (draws x
    lines) chunk, with Python integers: ``S x m // 10**exponent``, rounded by ``rounding``."""
    import numpy as np  # noqa: PLC0415

    draw, line = np.divmod(where, len(cover_of))
    multiplier = np.full(len(where), 10 ** (6 * k), dtype=object)
    cover = cover_of[line]
    for c, chosen in enumerate(covers):
        here = np.flatnonzero(cover == c)
        if not len(here):
            continue
        m = np.full(len(here), 10 ** (6 * (k - len(chosen))), dtype=object)
        for i in chosen:
            m = m * draws[i, draw[here]].astype(object)
        multiplier[here] = m
    numerator = s_exact.reshape(-1)[line] * multiplier
    result: IntArray = divide_rounded(numerator, 10**exponent, rounding)
    return result
