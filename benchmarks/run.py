"""wecb benchmarks: rollups, file -> answer, Monte Carlo and import time against the peers.

Run from the repository (see benchmarks/README.md)::

    .venv/bin/python benchmarks/run.py [--quick] [--sizes 1e4,1e5,1e6] [--json PATH]

Every figure comes from this one run on this machine. Tools are timed in interleaved
rounds (each round runs every tool once, in rotating order); each figure is the median of
the rounds with the minimum and maximum as its spread. Every result is checked exact
against integer reference totals. The table is printed and written as JSON (default
``benchmarks/results/latest.json``). No figure here is asserted by a unit test.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _gen
import numpy as np
from _mc import bench_monte_carlo
from _report import print_report, targets
from _sections import bench_end_to_end, bench_rollup

import wecb

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_JSON = ROOT / "benchmarks" / "results" / "latest.json"

# -- import time ------------------------------------------------------------------------------

_IMPORTTIME = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)")


def bench_import(args: argparse.Namespace) -> dict[str, Any]:
    """``import wecb``, ``import pint`` and a bare interpreter, each in a fresh process."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPROFILEIMPORTTIME",)}
    env["PYTHONDONTWRITEBYTECODE"] = "0"
    out: dict[str, Any] = {}
    for name, code in (("bare", "pass"), ("wecb", "import wecb"), ("pint", "import pint")):
        walls = []
        self_totals = []
        cumulative = []
        for _ in range(args.import_repeat):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True, env=env)
            walls.append(time.perf_counter() - start)
            child = subprocess.run(
                [sys.executable, "-X", "importtime", "-c", code],
                check=True,
                env=env,
                capture_output=True,
                text=True,
            )
            selfs = 0
            top = 0
            for match in _IMPORTTIME.finditer(child.stderr):
                selfs += int(match[1])
                if match[4] == name:
                    top = int(match[2])
            self_totals.append(selfs)
            cumulative.append(top)
        out[name] = {
            "wall_s": min(walls),
            "wall_median_s": statistics.median(walls),
            "importtime_total_us": min(self_totals),
            "importtime_cumulative_us": min(cumulative) if name != "bare" else 0,
        }
    bare = out["bare"]["wall_s"]
    for name in ("wecb", "pint"):
        out[name]["wall_over_bare_s"] = out[name]["wall_s"] - bare
    out["wecb_over_pint"] = out["wecb"]["wall_over_bare_s"] / out["pint"]["wall_over_bare_s"]
    out["wecb_over_pint_importtime"] = (
        out["wecb"]["importtime_cumulative_us"] / out["pint"]["importtime_cumulative_us"]
    )
    return out


def meta(args: argparse.Namespace) -> dict[str, Any]:

    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = bool(
            subprocess.run(
                ["git", "status", "--porcelain"],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
        )
    except (OSError, subprocess.CalledProcessError):
        commit, dirty = "unknown", True
    return {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        **versions(),
        "commit": commit,
        "dirty": dirty,
        "seed": _gen.SEED,
        "quick": args.quick,
        "sizes": args.sizes,
        "rounds": args.rounds,
        "e2e_rounds": args.e2e_rounds,
        "import_repeat": args.import_repeat,
        "load_average": os.getloadavg(),
        "note": "figures taken on a shared machine; see load_average",
    }


def parse_sizes(text: str) -> list[int]:
    try:
        sizes = [int(float(part)) for part in text.split(",") if part.strip()]
    except ValueError:
        message = f"sizes must be numbers such as 1e3,1e4, got {text!r}"
        raise argparse.ArgumentTypeError(message) from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"sizes must be positive, got {text!r}")
    return sorted(set(sizes))


def versions() -> dict[str, str]:
    out = {"numpy": np.__version__, "wecb": wecb.__version__}
    for name in ("pandas", "polars", "duckdb", "pyarrow"):
        out[name] = __import__(name).__version__
    return out


# long: the options, then each section in turn
def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes, 2 rounds (a smoke test)")
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default=None,
        help="comma-separated line counts (default 1e4,1e5,1e6; quick 1e3,1e4)",
    )
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write JSON")
    parser.add_argument("--rounds", type=int, default=None, help="interleaved rounds (default 5)")
    parser.add_argument(
        "--e2e-rounds", type=int, default=None, help="rounds of the file runs (default 3)"
    )
    parser.add_argument(
        "--mc-lines", type=int, default=None, help="Monte Carlo lines (default 1e5)"
    )
    parser.add_argument(
        "--mc-draws", type=int, default=None, help="Monte Carlo draws (default 1000)"
    )
    parser.add_argument(
        "--mc-exact-draws",
        type=int,
        default=None,
        help="draws checked against the integer engine (default 20)",
    )
    parser.add_argument(
        "--import-repeat", type=int, default=None, help="fresh interpreters (default 7)"
    )
    args = parser.parse_args(argv)
    quick = args.quick
    args.sizes = args.sizes or ([10**3, 10**4] if quick else [10**4, 10**5, 10**6])
    args.rounds = args.rounds or (2 if quick else 5)
    args.e2e_rounds = args.e2e_rounds or (1 if quick else 3)
    args.mc_lines = args.mc_lines or (2_000 if quick else 10**5)
    args.mc_draws = args.mc_draws or (20 if quick else 1000)
    args.mc_exact_draws = args.mc_exact_draws or (5 if quick else 20)
    args.import_repeat = args.import_repeat or (2 if quick else 7)

    report: dict[str, Any] = {"meta": meta(args)}
    report["import"] = bench_import(args)
    report["rollup"] = []
    report["end_to_end"] = []
    for n in args.sizes:
        print(f"rolling up {n:,} lines ...", file=sys.stderr, flush=True)
        report["rollup"].append(bench_rollup(n, args))
        print(f"file -> answer, {n:,} lines ...", file=sys.stderr, flush=True)
        rounds = args.rounds
        args.rounds = args.e2e_rounds
        report["end_to_end"].append(bench_end_to_end(n, args))
        args.rounds = rounds
    print("Monte Carlo ...", file=sys.stderr, flush=True)
    report["monte_carlo"] = bench_monte_carlo(args)
    report["targets"] = targets(report)
    print_report(report)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")
    print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
