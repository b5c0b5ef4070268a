"""Monte Carlo: wecb's engine against a float64 floor written here, per line-draw.

The floor is what an expert would write without exactness: each line's present value as a
float64 (in pence, signed), the draw's multipliers as float64, ``rint`` to the penny per
line and draw (the same per-line rounding), sums per project and partner by
``np.add.reduceat`` over lines sorted once, a cache-sized chunk of draws at a time. wecb's
run is checked exact against its integer engine (``engine="int64"``) on the same draws;
the floor is checked against wecb (it may differ on values within a rounding error of a
half-penny: the count is reported).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import Any

import _gen
import numpy as np
from _rounds import interleaved


def ranges(projects: tuple[str, str]) -> tuple[Any, ...]:
    """The ranges of examples/sensitivity.py, for any programme."""
    from wecb.appraisal.sensitivity import (  # noqa: PLC0415
        Discrete,
        Selector,
        Triangular,
        Uncertainty,
        Uniform,
    )
    from wecb.model.cashflows import Nature  # noqa: PLC0415

    return (
        Uncertainty(
            name="costs",
            distribution=Triangular(low="0.9", central="1", high="1.5"),
            applies_to=Selector(nature=Nature.COST),
        ),
        Uncertainty(
            name="benefits",
            distribution=Triangular(low="0.5", central="0.9", high="1.1"),
            applies_to=Selector(nature=Nature.BENEFIT),
        ),
        Uncertainty(
            name="skills",
            distribution=Uniform(low="0.2", high="1.1"),
            applies_to=Selector(projects=projects[0], nature=Nature.BENEFIT),
        ),
        Uncertainty(
            name="works",
            distribution=Discrete({"0": 1, "1": 3}),
            applies_to=Selector(projects=projects[1], nature=Nature.BENEFIT),
        ),
    )


class Floor:
    """The float64 floor's set-up (not timed): signed PVs, covers, sorted segments."""

    def __init__(self, appraisal: Any, chosen: tuple[Any, ...]) -> None:
        lines = appraisal.lines
        pv = np.array([float(line.pv_adjusted.amount) * 100 for line in lines])
        sign = np.array([-1.0 if line.is_cost else 1.0 for line in lines])
        cover = np.array(
            [
                sum(1 << i for i, u in enumerate(chosen) if u.applies_to.matches(line))
                for line in lines
            ]
        )
        self.patterns, cover_of = np.unique(cover, return_inverse=True)
        projects = {p: i for i, p in enumerate(dict.fromkeys(line.project for line in lines))}
        partners = {p: i for i, p in enumerate(sorted({line.partner or "" for line in lines}))}
        key = np.array(
            [projects[line.project] * 1000 + partners[line.partner or ""] for line in lines]
        )
        order = np.argsort(key, kind="stable")
        self.s = (pv * sign)[order]
        self.cover = cover_of.reshape(-1)[order]
        keys = key[order]
        self.starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
        self.chosen = len(chosen)
        self.chunk = max(1, 2**17 // max(len(lines), 1))

    def run(self, draws: Any) -> Any:
        """NPV per draw (and the segment sums an expert needs for partners and projects)."""
        scaled = draws.astype(np.float64) / 1e6
        npv = []
        for start in range(0, draws.shape[1], self.chunk):
            part = scaled[:, start : start + self.chunk]
            table = np.ones((len(self.patterns), part.shape[1]))
            for c, pattern in enumerate(self.patterns.tolist()):
                for i in range(self.chosen):
                    if pattern >> i & 1:
                        table[c] *= part[i]
            values = np.ascontiguousarray(table.T)[:, self.cover]
            values *= self.s
            np.rint(values, out=values)
            segments = np.add.reduceat(values, self.starts, axis=1)
            npv.append(segments.sum(axis=1))
        return np.concatenate(npv).astype(np.int64)


def programme_of(n: int) -> Any:
    """A generated programme of ``n`` lines, through wecb's own JSON reader."""
    import wecb.io  # noqa: PLC0415

    with tempfile.TemporaryDirectory(prefix="wecb-bench-") as tmp:
        path = Path(tmp) / "mc.json"
        _gen.write_json(_gen.generate(n), path)
        return wecb.io.load(path, max_bytes=max(64 * 2**20, 2 * path.stat().st_size))


def bench_monte_carlo(args: argparse.Namespace) -> dict[str, Any]:
    from wecb.appraisal.cba import appraise  # noqa: PLC0415
    from wecb.appraisal.sensitivity import _draws, monte_carlo  # noqa: PLC0415
    from wecb.core.periods import FinancialYear  # noqa: PLC0415

    n = args.mc_lines
    base = FinancialYear(_gen.FIRST_YEAR)
    appraisal = appraise(programme_of(n), base_year=base, price_base=base)
    chosen = ranges(("P0", "P1" if n > _gen.LINES_PER_PROJECT else "P0"))
    draws = args.mc_draws
    small = max(1, draws // 5)
    floor = Floor(appraisal, chosen)
    matrix = _draws.sample(chosen, draws, _gen.SEED)
    first = monte_carlo(appraisal, chosen, draws=2, seed=_gen.SEED)  # set-up, kept
    del first
    tools = {
        "wecb": lambda: monte_carlo(appraisal, chosen, draws=draws, seed=_gen.SEED),
        "wecb (a fifth of the draws)": lambda: monte_carlo(
            appraisal, chosen, draws=small, seed=_gen.SEED
        ),
        "float64 floor": lambda: floor.run(matrix),
        "float64 floor (a fifth of the draws)": lambda: floor.run(matrix[:, :small]),
    }
    timings, results = interleaved(args.rounds, tools)
    out = results["wecb"]
    check = min(draws, args.mc_exact_draws)
    exact = monte_carlo(appraisal, chosen, draws=check, seed=_gen.SEED, engine="int64")
    fast = monte_carlo(appraisal, chosen, draws=check, seed=_gen.SEED)
    wecb_npv = np.array(out.npv_minor_units)
    line_draws = n * draws

    def marginal(big: str, little: str) -> float:
        delta = timings[big]["median"] - timings[little]["median"]
        return delta / (n * (draws - small)) * 1e9

    simulation = next(a.value for a in out.basis if a.name == "simulation")
    return {
        "lines": n,
        "draws": draws,
        "timings": timings,
        "wecb_ns_per_line_draw": timings["wecb"]["median"] / line_draws * 1e9,
        "floor_ns_per_line_draw": timings["float64 floor"]["median"] / line_draws * 1e9,
        "wecb_marginal_ns_per_line_draw": marginal("wecb", "wecb (a fifth of the draws)"),
        "floor_marginal_ns_per_line_draw": marginal(
            "float64 floor", "float64 floor (a fifth of the draws)"
        ),
        "engine": out.engine,
        "simulation": simulation,
        "exact_draws_checked": check,
        "exact": fast.npv_minor_units == exact.npv_minor_units
        and fast.partners == exact.partners
        and fast.projects == exact.projects,
        "floor_draws_differing": int((results["float64 floor"] != wecb_npv).sum()),
        "set_up_note": "the first run over an appraisal makes its set-up (kept); not timed",
    }
