"""Strategies for the Monte Carlo fast path: fixed-point values on, or within a hair of, the
rounding boundaries (half-pennies and whole pennies), huge values near the float64 and
int64 limits, and tiny multipliers."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

#: Multipliers in ppm worth trying: zero, the smallest, a half, one, just off one, large.
NEAR_HALF_PPM = (
    0,
    1,
    2,
    499_999,
    500_000,
    500_001,
    999_999,
    1_000_000,
    1_000_001,
    1_500_000,
    3_000_000,
    10**12,
)


@st.composite
def near_half_case(draw: st.DrawFn) -> dict[str, Any]:
    """A chunk for the engine's kernels: ``scale`` (P), ``k`` (ranges per line at most),
    ``draws`` (k x d ppm, every line taking all k), and line values ``S`` chosen so that
    ``S x m / 10**(P + 6k)`` for the first draw is a whole or half minor unit plus a tiny
    (or no) offset, or huge."""
    scale = draw(st.sampled_from((0, 1, 2, 6, 12, 28)))
    k = draw(st.integers(1, 3))
    columns = draw(st.integers(1, 4))
    ppm = st.one_of(st.sampled_from(NEAR_HALF_PPM), st.integers(0, 2 * 10**6))
    draws = [[draw(ppm) for _ in range(columns)] for _ in range(k)]
    m = 1
    for row in draws:
        m *= row[0]
    exponent = scale + 6 * k
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(("half", "whole", "huge", "any")))
        if kind == "any" or m == 0:
            lines.append(draw(st.integers(0, 10 ** (scale + 12))))
            continue
        top = 2**58 if kind == "huge" else 2**52
        pence = draw(st.integers(2**49 if kind == "huge" else 0, top))
        whole = kind == "whole" or (kind == "huge" and draw(st.booleans()))
        target = (2 * pence + (0 if whole else 1)) * 10**exponent // 2
        offset = draw(st.integers(-3, 3))
        lines.append(max(0, target // m + offset))
    return {"scale": scale, "k": k, "draws": draws, "s": lines}
