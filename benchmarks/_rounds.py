"""Timing for the benchmarks: interleaved rounds, and child processes with their peak memory.

Every tool is timed once per round, the order rotating from round to round, so that a
slow spell of a shared machine falls on every tool alike; each tool's figure is the
median of its rounds, with the minimum and maximum as its spread.
"""

from __future__ import annotations

import gc
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

CHILD = Path(__file__).resolve().parent / "_child.py"


def spread(samples: list[float]) -> dict[str, float]:
    """Median, minimum and maximum of ``samples``."""
    return {
        "median": statistics.median(samples),
        "min": min(samples),
        "max": max(samples),
        "rounds": len(samples),
    }


def interleaved(
    rounds: int, tools: dict[str, Callable[[], Any]]
) -> tuple[dict[str, dict[str, float]], dict[str, Any]]:
    """Time every tool once per round, in rotating order (garbage collection off while
    timing); per tool, the :func:`spread` of its times and its last result."""
    names = list(tools)
    samples: dict[str, list[float]] = {name: [] for name in names}
    results: dict[str, Any] = {}
    for r in range(max(1, rounds)):
        shift = r % len(names)
        for name in names[shift:] + names[:shift]:
            gc.collect()
            gc.disable()
            try:
                start = time.perf_counter()
                results[name] = tools[name]()
                samples[name].append(time.perf_counter() - start)
            finally:
                gc.enable()
    return {name: spread(samples[name]) for name in names}, results


# A small launcher starts each child and reports its peak: a child's ru_maxrss starts at
# the resident size of the process that forked it, so the benchmark (which holds the
# generated lines) must not fork the children itself.
_LAUNCHER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[1:])\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.exit(code)\n"
)


def child(tool: str, path: Path, max_bytes: int = 0) -> tuple[dict[str, Any], int]:
    """Run ``tool`` on ``path`` in a fresh interpreter (benchmarks/_child.py): its report
    and its peak resident memory in bytes, as the operating system counted it."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        command = [sys.executable, str(CHILD), tool, str(path), str(out), str(max_bytes)]
        launched = subprocess.run(
            [sys.executable, "-c", _LAUNCHER, *command],
            capture_output=True,
            text=True,
            check=False,
        )
        if launched.returncode:
            raise RuntimeError(
                f"{tool} on {path.name} failed (exit {launched.returncode}): "
                f"{launched.stderr[-2000:]}"
            )
        report = json.loads(out.read_text(encoding="utf-8"))
    return report, int(launched.stdout.split()[-1]) * 1024  # Linux counts kilobytes


def interleaved_children(
    rounds: int, tools: list[str], path_of: dict[str, Path], max_bytes: int = 0
) -> dict[str, dict[str, Any]]:
    """Each tool in a fresh process once per round, rotating; per tool, the spread of each
    timing it reports, its peak memory (the largest of its rounds) and its last result."""
    out: dict[str, dict[str, Any]] = {t: {"runs": [], "peak": 0} for t in tools}
    for r in range(max(1, rounds)):
        shift = r % len(tools)
        for tool in tools[shift:] + tools[:shift]:
            report, peak = child(tool, path_of[tool], max_bytes)
            out[tool]["runs"].append(report["times"])
            out[tool]["peak"] = max(out[tool]["peak"], peak)
            if report.get("load_peak"):
                out[tool]["load_peak"] = max(out[tool].get("load_peak", 0), report["load_peak"])
            out[tool]["result"] = report["result"]
    for data in out.values():
        runs = data.pop("runs")
        data["times"] = {key: spread([run[key] for run in runs]) for key in runs[0]}
    return out
