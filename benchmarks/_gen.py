"""Generated programmes for the benchmarks: the same N cash-flow lines as integer codes (numpy),
as a wecb JSON programme file, as a CSV file for the peers, and the exact reference totals.

A line has a project (1,000 lines each), the project's domain (12), a financial year (20),
a nature (cost or benefit; every benefit fiscal), cashability and a partner (40: the payer
of a cost, the beneficiary of a benefit); its amount is whole pence up to GBP 1m. The rollup
is by domain x financial year x cashability, costs and benefits apart; every tool's result
is turned into the same mapping ``"domain|year|cashable|nature" -> pence`` (:func:`keyed`)
and compared with the reference (:func:`reference`), computed with integers.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

SEED = 2012
DOMAINS = 12
YEARS = 20
FIRST_YEAR = 2012
PARTNERS = 40
LINES_PER_PROJECT = 1_000
MAX_PENCE = 100_000_000
NATURES = ("cost", "benefit")
BY = ("domain", "period", "cashable")


def year_text(i: int) -> str:
    """The financial year ``FIRST_YEAR + i`` as wecb writes it (``2012/13``)."""
    y = FIRST_YEAR + i
    return f"{y}/{(y + 1) % 100:02d}"


def generate(n: int, seed: int = SEED) -> dict[str, Any]:
    """``n`` lines as integer codes (numpy arrays), from ``seed``; a project's lines share
    its domain."""
    rng = np.random.default_rng(seed + n)
    project = (np.arange(n) // LINES_PER_PROJECT).astype(np.int64)
    return {
        "pence": rng.integers(0, MAX_PENCE, n, dtype=np.int64),
        "nature": rng.integers(0, 2, n, dtype=np.uint8),  # 0 cost, 1 benefit
        "period": rng.integers(0, YEARS, n, dtype=np.uint8),
        "domain": (project % DOMAINS).astype(np.uint8),
        "cashable": rng.integers(0, 2, n, dtype=np.uint8).astype(bool),
        "partner": rng.integers(0, PARTNERS, n, dtype=np.uint16),
        "project": project,
    }


def combined_code(columns: dict[str, Any]) -> Any:
    """One integer per line: domain, year, cashability and nature combined."""
    return (
        (columns["domain"].astype(np.int64) * YEARS + columns["period"]) * 2 + columns["cashable"]
    ) * 2 + columns["nature"]


def key_of(code: int) -> str:
    code, nature = divmod(code, 2)
    code, cashable = divmod(code, 2)
    domain, period = divmod(code, YEARS)
    return f"domain_{domain:02d}|{year_text(period)}|{cashable}|{NATURES[nature]}"


def reference(columns: dict[str, Any]) -> dict[str, int]:
    """The exact totals, with integers (int64 sums of whole pence cannot overflow here)."""
    code = combined_code(columns)
    order = np.argsort(code, kind="stable")
    codes = code[order]
    starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
    sums = np.add.reduceat(columns["pence"][order], starts)
    return {key_of(int(c)): int(s) for c, s in zip(codes[starts], sums, strict=True)}


def keyed(rows: Any) -> dict[str, int]:
    """``(domain, year, cashable, nature, pence)`` rows as the reference's mapping (groups
    that sum to nothing are left out by every tool alike: none occur at these sizes)."""
    out: dict[str, int] = {}
    for domain, year, cashable, nature, pence in rows:
        flag = int(cashable in (True, 1, "true", "True"))
        out[f"{domain}|{year}|{flag}|{nature}"] = int(pence)
    return out


def money_text(pence: int) -> str:
    pounds, rest = divmod(pence, 100)
    return f"£{pounds:,}.{rest:02d}"


def write_json(columns: dict[str, Any], path: Path) -> None:
    """The lines as a wecb programme file (format version 2), written as text directly
    (making the objects first would cost more than the benchmark)."""
    n = len(columns["pence"])
    projects = max(1, -(-n // LINES_PER_PROJECT))
    head = {
        "format": "wecb.programme",
        "format_version": 2,
        "name": f"Generated {n:,}",
        "place": "Anywhere",
        "partners": [
            {"key": f"partner_{i:02d}", "name": f"Partner {i}", "kind": "other_public"}
            for i in range(PARTNERS)
        ],
        "domains": [
            {"key": f"domain_{i:02d}", "name": f"Domain {i}", "kind": "thematic"}
            for i in range(DOMAINS)
        ],
    }
    years = [year_text(i) for i in range(YEARS)]
    text = json.dumps(head, ensure_ascii=False)[:-1] + ', "projects": ['
    parts = [text]
    pence = columns["pence"].tolist()
    nature = columns["nature"].tolist()
    period = columns["period"].tolist()
    cashable = columns["cashable"].tolist()
    partner = columns["partner"].tolist()
    for p in range(projects):
        lines = []
        for i in range(p * LINES_PER_PROJECT, min(n, (p + 1) * LINES_PER_PROJECT)):
            cash = "true" if cashable[i] else "false"
            amounts = f'{{"{years[period[i]]}": "{money_text(pence[i])}"}}'
            if nature[i] == 0:
                lines.append(
                    f'{{"nature": "cost", "cashable": {cash}, "payer": '
                    f'"partner_{partner[i]:02d}", "amounts": {amounts}}}'
                )
            else:
                lines.append(
                    f'{{"nature": "benefit", "value_type": "fiscal", "cashable": {cash}, '
                    f'"beneficiary": "partner_{partner[i]:02d}", "amounts": {amounts}}}'
                )
        parts.append(
            ("" if p == 0 else ", ")
            + f'{{"key": "P{p}", "title": "Project {p}", "domain": "domain_{p % DOMAINS:02d}", '
            + '"lines": ['
            + ", ".join(lines)
            + "]}"
        )
    parts.append("]}\n")
    path.write_text("".join(parts), encoding="utf-8")


def write_csv(columns: dict[str, Any], path: Path) -> None:
    """The same lines as CSV for the peers: domain, year, cashable, nature and the amount
    as integer pence (the peers' most favourable form: no decimal text to parse)."""
    n = len(columns["pence"])
    domain = np.array([f"domain_{i:02d}" for i in range(DOMAINS)])[columns["domain"]]
    year = np.array([year_text(i) for i in range(YEARS)])[columns["period"]]
    cash = np.array(["false", "true"])[columns["cashable"].astype(np.int64)]
    nature = np.array(NATURES)[columns["nature"]]
    with path.open("w", encoding="utf-8") as out:
        out.write("domain,year,cashable,nature,pence\n")
        step = 10**6
        for start in range(0, n, step):
            end = min(n, start + step)
            rows = zip(
                domain[start:end].tolist(),
                year[start:end].tolist(),
                cash[start:end].tolist(),
                nature[start:end].tolist(),
                columns["pence"][start:end].tolist(),
                strict=True,
            )
            out.write("".join(f"{d},{y},{c},{t},{p}\n" for d, y, c, t, p in rows))
