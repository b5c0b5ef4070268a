"""One end-to-end run in a fresh process: ``python benchmarks/_child.py TOOL FILE OUT [MAX]``.

TOOL is ``wecb-json``, ``wecb-parquet``, ``polars-csv``, ``duckdb-csv`` or ``pandas-csv``,
or ``baseline-<tool>`` (the same imports, nothing read: the interpreter's own peak memory).
The child imports what the tool needs, then times reading FILE and rolling it up by
domain x financial year x cashability (costs and benefits apart); wecb also times five
more rollups of the loaded programme (their median, the collector paused). It writes JSON
to OUT: the timings and the result as ``"domain|year|cashable|nature" -> pence``, and for
wecb its peak resident memory once the file is loaded (``load_peak``, from Linux's VmHWM).
The parent reads the child's peak of the whole run from the operating system.
"""

from __future__ import annotations

import gc
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _gen import BY, keyed

#: The child's own peak resident memory when wecb had loaded the file (before the rollup).
PEAKS: dict[str, int | None] = {}


def own_peak() -> int | None:
    """This process's peak resident memory so far, in bytes (Linux), else ``None``."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024  # counted in kilobytes
    return None


def wecb_run(path: str, max_bytes: int) -> tuple[dict[str, float], dict[str, int]]:
    import wecb.io  # noqa: PLC0415
    from wecb.rollups import rollup  # noqa: PLC0415

    # A file over the default 64 MiB limit must be allowed explicitly, as a user would.
    start = time.perf_counter()
    programme = wecb.io.load(path, max_bytes=max(64 * 2**20, max_bytes))
    loaded = time.perf_counter()
    PEAKS["load_peak"] = own_peak()
    result = rollup(programme, BY)
    first = time.perf_counter()
    # Repeated rollups as the in-memory ones are timed: the median of five, collector paused
    # (one sample right after a load would time the collector sweeping the loader's garbage).
    repeats = []
    gc.collect()
    gc.disable()
    for _ in range(5):
        start_again = time.perf_counter()
        again = rollup(programme, BY)
        repeats.append(time.perf_counter() - start_again)
        assert again == result
    gc.enable()
    rows = []
    for (domain, period, cashable), totals in result.groups.items():
        rows.append((domain, str(period), cashable, "cost", totals.costs.to_minor_units()))
        rows.append((domain, str(period), cashable, "benefit", totals.benefits.to_minor_units()))
    times = {
        "load_s": loaded - start,
        "first_rollup_s": first - loaded,
        "repeat_rollup_s": statistics.median(repeats),
        "total_s": first - start,
    }
    return times, keyed(rows)


def polars_run(path: str, max_bytes: int) -> tuple[dict[str, float], dict[str, int]]:
    import polars as pl  # noqa: PLC0415

    start = time.perf_counter()
    frame = pl.read_csv(path)
    out = frame.group_by(["domain", "year", "cashable", "nature"]).agg(pl.col("pence").sum())
    end = time.perf_counter()
    return {"total_s": end - start}, keyed(out.iter_rows())


def duckdb_run(path: str, max_bytes: int) -> tuple[dict[str, float], dict[str, int]]:
    import duckdb  # noqa: PLC0415

    start = time.perf_counter()
    rows = duckdb.sql(
        "SELECT domain, year, cashable, nature, SUM(pence)::BIGINT "
        f"FROM read_csv('{path}') GROUP BY ALL"
    ).fetchall()
    end = time.perf_counter()
    return {"total_s": end - start}, keyed(rows)


def pandas_run(path: str, max_bytes: int) -> tuple[dict[str, float], dict[str, int]]:
    import pandas as pd  # noqa: PLC0415

    start = time.perf_counter()
    frame = pd.read_csv(path)
    out = frame.groupby(["domain", "year", "cashable", "nature"], sort=False)["pence"].sum()
    end = time.perf_counter()
    return {"total_s": end - start}, keyed((*k, v) for k, v in out.items())


TOOLS: dict[str, Any] = {
    "wecb-json": wecb_run,
    "wecb-parquet": wecb_run,
    "polars-csv": polars_run,
    "duckdb-csv": duckdb_run,
    "pandas-csv": pandas_run,
}
IMPORTS = {"wecb": "wecb.io", "polars": "polars", "duckdb": "duckdb", "pandas": "pandas"}


def main(tool: str, path: str, out: str, max_bytes: str = "0") -> None:
    if tool.startswith("baseline-"):
        __import__(IMPORTS[tool.removeprefix("baseline-").split("-")[0]])
        if tool.startswith("baseline-wecb"):
            __import__("wecb.rollups")
        report: dict[str, Any] = {}
    else:
        gc.collect()
        times, result = TOOLS[tool](path, int(max_bytes))
        report = {"times": times, "result": result, **PEAKS}
    Path(out).write_text(json.dumps(report), encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:5])
