"""Smoke test of benchmarks/run.py: it runs end to end on tiny sizes and writes its JSON.

No timing is asserted here (timings belong to the benchmark's own report); only that the
run works, that every result it timed was exact, and that the JSON has the keys that
comparisons between commits rely on.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

RUN = Path(__file__).resolve().parents[1] / "benchmarks" / "run.py"

for _name in ("pandas", "polars", "duckdb", "pyarrow"):
    if os.environ.get("CI") == "true":  # CI installs the bench extra: missing is a failure
        importlib.import_module(_name)
    else:
        pytest.importorskip(_name, reason="the benchmark needs the bench extra")


def test_quick_benchmark_writes_its_report(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    command = [sys.executable, str(RUN), "--quick", "--sizes", "1e3", "--json", str(out)]
    command += ["--mc-lines", "1500", "--mc-draws", "10", "--import-repeat", "1"]
    child = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    assert child.returncode == 0, child.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert set(report) == {"meta", "import", "rollup", "end_to_end", "monte_carlo", "targets"}
    assert {"commit", "load_average", "rounds", "e2e_rounds", "polars", "duckdb"} <= set(
        report["meta"]
    )
    (rollup,) = report["rollup"]
    tools = {row["tool"] for row in rollup["rows"]}
    assert {
        "numpy bincount (floor)",
        "pandas groupby(sort=False)",
        "polars group_by",
        "pyarrow group_by",
        "duckdb SQL",
        "wecb rollup(Lines)",
        "wecb Lines.from_columns + rollup",
    } == tools
    for row in rollup["rows"]:
        assert {"median", "min", "max", "rounds", "ns_per_line", "ratio_to_floor"} <= set(row)
        assert row["min"] <= row["median"] <= row["max"]
        assert row["exact"] is True, row
    (e2e,) = report["end_to_end"]
    loaders = {row["tool"]: row for row in e2e["rows"]}
    assert {"wecb-json", "polars-csv", "duckdb-csv", "pandas-csv"} <= set(loaders)
    # Parquet runs when wecb can write and read it; otherwise the run says why.
    assert "wecb-parquet" in loaders or any("Parquet" in note for note in e2e["notes"])
    for row in loaders.values():
        assert row["exact"] is True, row
        assert row["peak_bytes"] > 0 and row["peak_bytes_per_line"] >= 0
        assert "total_s" in row["times"]
    assert {"load_s", "first_rollup_s", "repeat_rollup_s"} <= set(loaders["wecb-json"]["times"])
    mc = report["monte_carlo"]
    assert mc["exact"] is True and mc["engine"] == "float64"
    assert "recomputed" in mc["simulation"]
    assert {"wecb_ns_per_line_draw", "floor_ns_per_line_draw", "floor_draws_differing"} <= set(mc)
    assert [t["target"] for t in report["targets"]]
    assert all(isinstance(t["met"], bool) for t in report["targets"])
    assert "Targets" in child.stdout
