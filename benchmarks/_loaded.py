"""First and repeated rollups of a loaded Programme against the columnar rollup, in one
process and interleaved, so that the three are compared as the brief asks (same run, same
rounds); the fresh-process figures of the file runs include each child's own start-up."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import _gen
from _gen import BY
from _rounds import interleaved

#: Above this many lines, fewer loaded copies are held (each copy is one "first" rollup).
_MANY = 10**6


def bench_loaded(
    n: int, columns: dict[str, Any], parquet: Path, max_bytes: int, args: argparse.Namespace
) -> dict[str, Any]:
    """The columnar rollup, the first rollup of a freshly loaded Programme and a repeated
    one, interleaved; every result checked exact."""
    from _sections import build_lines, check_wecb  # noqa: PLC0415

    import wecb.io  # noqa: PLC0415
    from wecb.rollups import rollup  # noqa: PLC0415

    rounds = max(1, args.rounds if n <= _MANY else min(args.rounds, 2))
    limit = max(64 * 2**20, max_bytes)
    # One programme per round for the first rollups (loading is not timed here), one more
    # rolled up once before timing for the repeated ones.
    fresh = [wecb.io.load(parquet, max_bytes=limit) for _ in range(rounds)]
    kept = wecb.io.load(parquet, max_bytes=limit)
    rollup(kept, BY)
    lines = build_lines(columns)
    tools = {
        "wecb rollup(Lines)": lambda: rollup(lines, BY),
        "first rollup of a loaded Programme": lambda: rollup(fresh.pop(), BY),
        "repeated rollup of a loaded Programme": lambda: rollup(kept, BY),
    }
    timings, results = interleaved(rounds, tools)
    expected = _gen.reference(columns)
    base = timings["wecb rollup(Lines)"]["median"]
    rows = [
        {
            "lines": n,
            "tool": name,
            **spread,
            "ratio_to_columnar": spread["median"] / base,
            "exact": check_wecb(results[name], expected),
        }
        for name, spread in timings.items()
    ]
    return {"lines": n, "rows": rows}
