"""The benchmark's sections: in-memory rollups, file -> answer in fresh processes, and
the Monte Carlo engine against a float64 floor. Each returns plain data for the JSON."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

import _gen
import numpy as np
from _loaded import bench_loaded
from _rounds import child, interleaved, interleaved_children

BY = _gen.BY


def _exact(result: dict[str, int], expected: dict[str, int]) -> bool:
    """Equal to the reference, groups summing to zero aside."""
    return {k: v for k, v in result.items() if v} == {k: v for k, v in expected.items() if v}


def _codes_keyed(codes: Any, sums: Any) -> dict[str, int]:
    return {_gen.key_of(int(c)): int(s) for c, s in zip(codes, sums, strict=True)}


def _wecb_keyed(result: Any) -> dict[str, int]:
    rows = []
    for (domain, period, cashable), totals in result.groups.items():
        rows.append((domain, str(period), cashable, "cost", totals.costs.to_minor_units()))
        rows.append((domain, str(period), cashable, "benefit", totals.benefits.to_minor_units()))
    return _gen.keyed(rows)


def check_wecb(result: Any, expected: dict[str, int]) -> bool:
    """Whether a wecb rollup equals the reference totals."""
    return _exact(_wecb_keyed(result), expected)


def build_lines(columns: dict[str, Any]) -> Any:
    """wecb's columnar input, straight from the codes (no cash-flow objects)."""
    from wecb.core.periods import FinancialYear  # noqa: PLC0415
    from wecb.model.cashflows import Nature, ValueType  # noqa: PLC0415
    from wecb.rollups import Lines  # noqa: PLC0415

    n = len(columns["pence"])
    return Lines.from_columns(
        minor_units=columns["pence"],
        nature=(columns["nature"], [Nature.COST, Nature.BENEFIT]),
        period=(columns["period"], [FinancialYear(_gen.FIRST_YEAR + i) for i in range(20)]),
        cashable=columns["cashable"],
        value_type=(columns["nature"], [None, ValueType.FISCAL]),
        domain=(columns["domain"], [f"domain_{i:02d}" for i in range(_gen.DOMAINS)]),
        partner=(columns["partner"], [f"partner_{i:02d}" for i in range(_gen.PARTNERS)]),
        project=(
            columns["project"],
            [f"P{i}" for i in range(max(1, -(-n // _gen.LINES_PER_PROJECT)))],
        ),
    )


# long: one table of tools, each a closure over the same prepared inputs
def bench_rollup(n: int, args: argparse.Namespace) -> dict[str, Any]:
    """Every in-memory rollup of ``n`` generated lines, interleaved, checked exact."""
    import duckdb  # noqa: PLC0415
    import pandas as pd  # noqa: PLC0415
    import polars as pl  # noqa: PLC0415
    import pyarrow as pa  # noqa: PLC0415

    from wecb.rollups import rollup  # noqa: PLC0415

    columns = _gen.generate(n)
    expected = _gen.reference(columns)
    dims = ["domain", "period", "cashable", "nature"]
    plain = {k: columns[k] for k in dims} | {"pence": columns["pence"]}
    frame = pd.DataFrame(plain)
    polars_frame = pl.DataFrame(plain)
    table = pa.table(plain)
    connection = duckdb.connect()
    connection.register("lines", table)
    lines = build_lines(columns)
    assert int(columns["pence"].sum()) < 2**53, "float64 bincount would not be exact"

    def floor() -> dict[str, int]:
        code = _gen.combined_code(columns)
        sums = np.bincount(code, weights=columns["pence"]).astype(np.int64)
        present = np.flatnonzero(np.bincount(code))
        return _codes_keyed(present, sums[present])

    def from_frame(codes: Any, sums: Any) -> dict[str, int]:
        code = ((codes[0] * _gen.YEARS + codes[1]) * 2 + codes[2]) * 2 + codes[3]
        return _codes_keyed(code, sums)

    def pandas_sum() -> Any:
        return frame.groupby(dims, sort=False)["pence"].sum()

    def polars_sum() -> Any:
        return polars_frame.group_by(dims).agg(pl.col("pence").sum())

    def arrow_sum() -> Any:
        return table.group_by(dims).aggregate([("pence", "sum")])

    def duckdb_sum() -> Any:
        sql = "SELECT domain, period, cashable, nature, SUM(pence)::BIGINT FROM lines GROUP BY ALL"
        return connection.sql(sql).fetchnumpy()

    tools = {
        "numpy bincount (floor)": floor,
        "pandas groupby(sort=False)": pandas_sum,
        "polars group_by": polars_sum,
        "pyarrow group_by": arrow_sum,
        "duckdb SQL": duckdb_sum,
        "wecb rollup(Lines)": lambda: rollup(lines, BY),
        "wecb Lines.from_columns + rollup": lambda: rollup(build_lines(columns), BY),
    }
    timings, results = interleaved(args.rounds, tools)
    index = results["pandas groupby(sort=False)"].index
    checks = {
        "numpy bincount (floor)": results["numpy bincount (floor)"],
        "pandas groupby(sort=False)": from_frame(
            [np.asarray(index.get_level_values(i), dtype=np.int64) for i in range(4)],
            results["pandas groupby(sort=False)"].to_numpy(),
        ),
        "polars group_by": from_frame(
            [results["polars group_by"][d].to_numpy().astype(np.int64) for d in dims],
            results["polars group_by"]["pence"].to_numpy(),
        ),
        "pyarrow group_by": from_frame(
            [results["pyarrow group_by"][d].to_numpy().astype(np.int64) for d in dims],
            results["pyarrow group_by"]["pence_sum"].to_numpy(),
        ),
        "duckdb SQL": from_frame(
            [results["duckdb SQL"][d].astype(np.int64) for d in dims],
            list(results["duckdb SQL"].values())[-1],
        ),
        "wecb rollup(Lines)": _wecb_keyed(results["wecb rollup(Lines)"]),
        "wecb Lines.from_columns + rollup": _wecb_keyed(
            results["wecb Lines.from_columns + rollup"]
        ),
    }
    floor_median = timings["numpy bincount (floor)"]["median"]
    rows = []
    for name, spread in timings.items():
        rows.append(
            {
                "lines": n,
                "tool": name,
                **spread,
                "ns_per_line": spread["median"] / n * 1e9,
                "ratio_to_floor": spread["median"] / floor_median,
                "exact": _exact(checks[name], expected),
            }
        )
    return {"lines": n, "rows": rows, "path": results["wecb rollup(Lines)"].engine}


# long: writes the files, runs every loader in fresh processes, checks and reports them
def bench_end_to_end(n: int, args: argparse.Namespace) -> dict[str, Any]:
    """File -> answer at ``n`` lines: wecb reading its JSON (and Parquet when wecb can write
    and read it), polars, duckdb and pandas reading the same lines from CSV; each in a fresh
    process, interleaved rounds; peak memory per line over the interpreter's own."""
    columns = _gen.generate(n)
    expected = _gen.reference(columns)
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="wecb-bench-") as tmp:
        folder = Path(tmp)
        json_path, csv_path = folder / "lines.json", folder / "lines.csv"
        _gen.write_json(columns, json_path)
        _gen.write_csv(columns, csv_path)
        paths = {
            "wecb-json": json_path,
            "polars-csv": csv_path,
            "duckdb-csv": csv_path,
            "pandas-csv": csv_path,
        }
        # The byte limit a user would pass for a file this large (wecb's default is 64 MiB).
        max_bytes = max(2 * json_path.stat().st_size, 64 * 15 * n)
        parquet = _parquet(json_path, folder / "lines.parquet", max_bytes)
        loaded = None
        if isinstance(parquet, Path):
            paths["wecb-parquet"] = parquet
            loaded = bench_loaded(n, columns, parquet, max_bytes, args)
        else:
            notes.append(f"wecb Parquet skipped: {parquet}")
            print(f"  {n:,} lines: {notes[-1]}", file=sys.stderr)
        del columns
        tools = list(paths)
        runs = interleaved_children(args.rounds, tools, paths, max_bytes)
        baselines = {}
        for family in ("wecb", "polars", "duckdb", "pandas"):
            _, baselines[family] = child(f"baseline-{family}", csv_path)
        sizes = {name: path.stat().st_size for name, path in paths.items()}
    rows = []
    for tool, data in runs.items():
        base = baselines[tool.split("-")[0]]
        rows.append(
            {
                "lines": n,
                "tool": tool,
                "times": data["times"],
                "exact": _exact(data["result"], expected),
                "file_bytes_per_line": sizes[tool] / n,
                "peak_bytes": data["peak"],
                "baseline_bytes": base,
                "peak_bytes_per_line": max(0, data["peak"] - base) / n,
                # The peak once the file is loaded, before the rollup (wecb, on Linux).
                "load_peak_bytes_per_line": (
                    max(0, data["load_peak"] - base) / n if "load_peak" in data else None
                ),
            }
        )
    return {"lines": n, "rows": rows, "notes": notes, "loaded": loaded}


def _parquet(json_path: Path, target: Path, max_bytes: int) -> Path | str:
    """``target`` written by wecb from the JSON programme, or why it cannot be."""
    try:
        import wecb.io  # noqa: PLC0415

        limit = max(64 * 2**20, max_bytes)
        programme = wecb.io.load(json_path, max_bytes=limit)
        wecb.io.save(programme, target)
        wecb.io.load(target, max_bytes=limit)
    except Exception as error:
        return f"{type(error).__name__}: {str(error).splitlines()[0][:160]}"
    return target
