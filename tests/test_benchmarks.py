"""Smoke test of benchmarks/run.py: it runs end to end on tiny sizes and writes its JSON.

No timing is asserted here (timings belong to the benchmark's own report); only that the
run works, that every rollup it timed was exact to the penny, and that the JSON has the
keys that comparisons between commits rely on.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

RUN = Path(__file__).resolve().parents[1] / "benchmarks" / "run.py"

pytest.importorskip("pandas")


def test_quick_benchmark_writes_its_report(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    command = [sys.executable, str(RUN), "--quick", "--sizes", "1e3", "--json", str(out)]
    command += ["--mc-draws", "50", "--mc-big-draws", "3", "--import-repeat", "1"]
    child = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert child.returncode == 0, child.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert set(report) == {
        "meta",
        "import",
        "rollup",
        "rollup_growth",
        "monte_carlo",
        "memory",
        "targets",
    }
    engines = {row["engine"] for row in report["rollup"]}
    assert any(e.startswith("pandas") for e in engines)
    assert any(e.startswith("numpy") for e in engines)
    assert any(e.startswith("plain Python loop over pint") for e in engines)
    assert sum(e.startswith("wecb") for e in engines) >= 3
    for row in report["rollup"]:
        assert {"lines", "engine", "path", "build_s", "seconds", "ratio_to_pandas"} <= set(row)
        assert row["exact"] in (True, None), row
    assert {m["programme"] for m in report["monte_carlo"]} >= {"Essex 2012"}
    assert {"bare", "wecb", "pint", "wecb_over_pint"} <= set(report["import"])
    assert report["memory"]["wecb_lines_nbytes_per_line"] > 0
    assert [t["target"] for t in report["targets"]] and all("met" in t for t in report["targets"])
    assert "Targets" in child.stdout
