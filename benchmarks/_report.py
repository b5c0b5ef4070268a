"""The benchmark's report: linearity after fixed costs, the issue's targets, the printout."""

from __future__ import annotations

import itertools
from typing import Any

TARGET_SIZE = 10**6
WECB_LOADERS = ("wecb-json", "wecb-parquet")
PEERS = ("polars-csv", "duckdb-csv")


def size_label(n: int) -> str:
    """``10^5`` for a power of ten, else ``123,456``."""
    power = len(str(n)) - 1
    return f"10^{power}" if n == 10**power else f"{n:,}"


def linearity(points: dict[int, float]) -> dict[str, Any]:
    """A fit ``time = a + b N`` (least squares) and the marginal cost per line between
    consecutive sizes, each over the first: about 1 is linear once fixed costs are past."""
    sizes = sorted(points)
    out: dict[str, Any] = {}
    if len(sizes) >= 2:
        n = len(sizes)
        mean_x = sum(sizes) / n
        mean_y = sum(points[s] for s in sizes) / n
        sxx = sum((s - mean_x) ** 2 for s in sizes)
        b = sum((s - mean_x) * (points[s] - mean_y) for s in sizes) / sxx
        out["fixed_s"] = mean_y - b * mean_x
        out["ns_per_line"] = b * 1e9
    marginal = {
        f"{size_label(a)}->{size_label(c)}": (points[c] - points[a]) / (c - a) * 1e9
        for a, c in itertools.pairwise(sizes)
    }
    out["marginal_ns_per_line"] = marginal
    values = list(marginal.values())
    out["marginal_ratios"] = [y / x for x, y in itertools.pairwise(values) if x > 0]
    return out


def _at(report: dict[str, Any], section: str, size: int) -> dict[str, Any] | None:
    return next((s for s in report[section] if s["lines"] == size), None)


def _row(section: dict[str, Any], tool: str) -> dict[str, Any] | None:
    return next((r for r in section["rows"] if r["tool"] == tool), None)


def _size_note(size: int) -> str:
    return "" if size == TARGET_SIZE else f" (target is for 10^6; measured at {size:,})"


# long: one entry per target of the issue, each with its figures
def targets(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The issue's targets against this run (at 10^6 lines, or the largest size run)."""
    sizes = [s["lines"] for s in report["end_to_end"]]
    size = TARGET_SIZE if TARGET_SIZE in sizes else max(sizes)
    note = _size_note(size)
    e2e = _at(report, "end_to_end", size)
    roll = _at(report, "rollup", size)
    assert e2e is not None and roll is not None
    out = []
    ours = [r for r in e2e["rows"] if r["tool"] in WECB_LOADERS]
    peers = [r for r in e2e["rows"] if r["tool"] in PEERS]
    best = min(ours, key=lambda r: r["times"]["total_s"]["median"])
    fastest = min(peers, key=lambda r: r["times"]["total_s"]["median"])
    ratio = best["times"]["total_s"]["median"] / fastest["times"]["total_s"]["median"]
    out.append(
        {
            "target": "file -> Programme -> rollup within 3x of the fastest of polars/duckdb "
            "reading CSV, exact",
            "measured": f"{best['tool']} {best['times']['total_s']['median']:.3f} s vs "
            f"{fastest['tool']} {fastest['times']['total_s']['median']:.3f} s = {ratio:.1f}x, "
            f"exact: {best['exact']}{note}",
            "met": ratio <= 3 and best["exact"] and size == TARGET_SIZE,
        }
    )
    loaded = e2e.get("loaded")
    if loaded is not None:  # measured in one process, interleaved with the columnar rollup
        ratios = {r["tool"]: r["ratio_to_columnar"] for r in loaded["rows"]}
        base = _row(loaded, "wecb rollup(Lines)")["median"]  # type: ignore[index]
        first = ratios["first rollup of a loaded Programme"]
        again = ratios["repeated rollup of a loaded Programme"]
    else:  # no Parquet: the fresh-process figures against the in-memory run's
        columnar = _row(roll, "wecb rollup(Lines)")
        assert columnar is not None
        base = columnar["median"]
        first = best["times"]["first_rollup_s"]["median"] / base
        again = best["times"]["repeat_rollup_s"]["median"] / base
    out.append(
        {
            "target": "first rollup of a loaded Programme within 3x of the columnar rollup, "
            "repeated ones within 1.2x",
            "measured": f"first {first:.2f}x, repeated {again:.2f}x "
            f"(columnar {base * 1e3:.2f} ms){note}",
            "met": first <= 3 and again <= 1.2 and size == TARGET_SIZE,
        }
    )
    mc = report["monte_carlo"]
    mc_ratio = mc["wecb_ns_per_line_draw"] / mc["floor_ns_per_line_draw"]
    marginal = mc["wecb_marginal_ns_per_line_draw"] / mc["floor_marginal_ns_per_line_draw"]
    out.append(
        {
            "target": "Monte Carlo within 2x of the float64 floor per line-draw, exact",
            "measured": f"{mc['wecb_ns_per_line_draw']:.1f} vs {mc['floor_ns_per_line_draw']:.1f} "
            f"ns per line-draw = {mc_ratio:.2f}x whole run ({marginal:.2f}x marginal), "
            f"{mc['lines']:,} lines x {mc['draws']:,} draws, exact: {mc['exact']}",
            "met": mc_ratio <= 2 and mc["exact"],
        }
    )
    # While loading: the peak once loaded (the rollup after it is the whole run's peak).
    memory = {
        r["tool"]: r.get("load_peak_bytes_per_line") or r["peak_bytes_per_line"] for r in ours
    }
    whole = {r["tool"]: r["peak_bytes_per_line"] for r in ours}
    out.append(
        {
            "target": "peak memory while loading under 150 bytes per line",
            "measured": ", ".join(
                f"{k} {v:.0f} B/line loading ({whole[k]:.0f} with the rollup)"
                for k, v in memory.items()
            )
            + note,
            "met": min(memory.values()) < 150 and size == TARGET_SIZE,
        }
    )
    big = [s for s in sizes if s >= 10**5]
    points = {
        s: _row(_at(report, "end_to_end", s), best["tool"])["times"]["total_s"]["median"]  # type: ignore[index, arg-type]
        for s in big
    }
    fit = linearity(points)
    ratios = fit["marginal_ratios"]
    out.append(
        {
            "target": "cost linear from 10^5 to 10^7 once fixed costs are past",
            "measured": f"{best['tool']}: marginal ns/line "
            + ", ".join(f"{k} {v:.0f}" for k, v in fit["marginal_ns_per_line"].items())
            + (f"; ratios {', '.join(f'{r:.2f}' for r in ratios)}" if ratios else "")
            + ("" if max(big, default=0) >= 10**7 else " (10^7 not run)"),
            "met": bool(ratios) and all(r <= 1.5 for r in ratios) and max(big) >= 10**7,
        }
    )
    return out


def _spread(s: dict[str, float]) -> str:
    return f"{s['median']:9.4f} [{s['min']:.4f}-{s['max']:.4f}]"


def _print_loaded(loaded: dict[str, Any] | None) -> None:
    """The in-process rollups of a loaded Programme, under their file run."""
    if loaded is None:
        return
    print(f"{'':12}in one process, interleaved, against the columnar rollup:")
    for r in loaded["rows"]:
        print(
            f"{'':12}{r['tool']:<38} {_spread(r)} s {r['ratio_to_columnar']:6.2f}x  "
            f"{'yes' if r['exact'] else 'NO'}"
        )


# long: the printout, section by section
def print_report(report: dict[str, Any]) -> None:
    meta = report["meta"]
    print(
        f"wecb benchmarks ({meta['date']}, commit {meta['commit']}"
        f"{' dirty' if meta['dirty'] else ''}, Python {meta['python']}, {meta['cpus']} CPUs, "
        f"load average {', '.join(f'{x:.1f}' for x in meta['load_average'])})"
    )
    print("Medians of interleaved rounds, [min-max]; every result checked exact.\n")
    print(f"In-memory rollup by domain x year x cashability ({meta['rounds']} rounds)")
    print(
        f"{'lines':>10}  {'tool':<34} {'median s [min-max]':>30} "
        f"{'ns/line':>8} {'x floor':>8}  exact"
    )
    for section in report["rollup"]:
        for r in section["rows"]:
            print(
                f"{r['lines']:>10,}  {r['tool']:<34} {_spread(r):>30} {r['ns_per_line']:>8.1f} "
                f"{r['ratio_to_floor']:>8.2f}  {'yes' if r['exact'] else 'NO'}"
            )
    print(f"\nFile -> answer, each run in a fresh process ({meta['e2e_rounds']} rounds)")
    print(
        f"{'lines':>10}  {'tool':<13} {'total s [min-max]':>30} {'x fastest':>9} "
        f"{'load s':>8} {'1st roll':>9} {'2nd roll':>9} {'B/line':>7} {'load B/l':>8} "
        f"{'file B/l':>8}  exact"
    )
    for section in report["end_to_end"]:
        fastest = min(
            r["times"]["total_s"]["median"] for r in section["rows"] if r["tool"] in PEERS
        )
        for r in section["rows"]:
            t = r["times"]
            extra = (
                f"{t['load_s']['median']:8.3f} {t['first_rollup_s']['median']:9.4f} "
                f"{t['repeat_rollup_s']['median']:9.4f}"
                if "load_s" in t
                else f"{'':8} {'':9} {'':9}"
            )
            print(
                f"{r['lines']:>10,}  {r['tool']:<13} {_spread(t['total_s']):>30} "
                f"{t['total_s']['median'] / fastest:9.2f} {extra} "
                f"{r['peak_bytes_per_line']:7.0f} {_per_line(r.get('load_peak_bytes_per_line'))} "
                f"{r['file_bytes_per_line']:8.0f}  "
                f"{'yes' if r['exact'] else 'NO'}"
            )
        for note in section["notes"]:
            print(f"{'':12}{note}")
        _print_loaded(section.get("loaded"))
    mc = report["monte_carlo"]
    print(f"\nMonte Carlo, {mc['lines']:,} lines x {mc['draws']:,} draws")
    for name, s in mc["timings"].items():
        print(f"  {name:<40} {_spread(s)} s")
    print(
        f"  per line-draw: wecb {mc['wecb_ns_per_line_draw']:.1f} ns (marginal "
        f"{mc['wecb_marginal_ns_per_line_draw']:.1f}), floor {mc['floor_ns_per_line_draw']:.1f} "
        f"ns (marginal {mc['floor_marginal_ns_per_line_draw']:.1f}); {mc['simulation']}; "
        f"exact against engine='int64' on {mc['exact_draws_checked']} draws: {mc['exact']}; "
        f"floor NPV differs from the exact one in {mc['floor_draws_differing']} draws"
    )
    imp = report["import"]
    print(
        f"\nImport: wecb +{imp['wecb']['wall_over_bare_s'] * 1e3:.0f} ms, pint "
        f"+{imp['pint']['wall_over_bare_s'] * 1e3:.0f} ms over a bare interpreter "
        f"(wecb/pint {imp['wecb_over_pint']:.2f})"
    )
    print("\nTargets")
    for t in report["targets"]:
        print(f"  [{'met' if t['met'] else 'MISSED'}] {t['target']}: {t['measured']}")


def _per_line(value: float | None) -> str:
    return f"{'':>8}" if value is None else f"{value:8.0f}"
