"""Rollups and who pays: (project, flow) pairs, dimensions, partitions."""

from __future__ import annotations

# ---------------------------------------------------------------------------------------------
# Rollup (wecb.rollups, wecb.whopays): (project, flow) pairs, dimensions, partitions
# ---------------------------------------------------------------------------------------------
# Names start with ``rollup_``; imports are aliased so other sections' names never clash.
from decimal import Decimal
from itertools import pairwise
from typing import Any

import attrs
from hypothesis import strategies as st

from strategies.model import cash_flows
from wecb.core.money import Money
from wecb.model.cashflows import CashFlow
from wecb.model.domains import Domain, DomainKind
from wecb.model.projects import Project
from wecb.rollups import DIMENSIONS

#: Domains of generated pairs (keys deliberately not in alphabetical order of kind).
ROLLUP_DOMAINS: tuple[Domain, ...] = (
    Domain(key="safety", name="Community Safety", kind=DomainKind.THEMATIC),
    Domain(key="health", name="Health and Wellbeing", kind=DomainKind.THEMATIC),
    Domain(key="data", name="Data sharing", kind=DomainKind.ENABLER),
)
ROLLUP_PARTNERS = ("police", "county", "nhs", "district")
ROLLUP_STREAMS = ("pool", "grant")
ROLLUP_PROJECTS: tuple[Project, ...] = tuple(
    Project(key=key, title=key.upper(), domain=domain)
    for key, domain in (("p1", "health"), ("p2", "safety"), ("p3", "health"), ("p4", "data"))
)


@st.composite
def rollup_amounts(draw: st.DrawFn, *, sub_penny: bool = False) -> Money:
    """Non-negative GBP amounts: whole pennies up to £10m (some zero, some large), or with
    ``sub_penny`` sometimes a third or fourth decimal place."""
    pence = draw(
        st.one_of(
            st.integers(0, 10**9),
            st.sampled_from([0, 1, 99, 10**12]),
        )
    )
    if sub_penny and draw(st.booleans()):
        places = draw(st.sampled_from([3, 4]))
        extra = draw(st.integers(1, 10 ** (places - 2) - 1))
        return Money(Decimal(f"{pence * 10 ** (places - 2) + extra}E-{places}"))
    return Money.from_minor_units(pence)


@st.composite
def rollup_pairs(
    draw: st.DrawFn, *, max_size: int = 25, sub_penny: bool = False
) -> list[tuple[Project, CashFlow]]:
    """``(project, flow)`` pairs over :data:`ROLLUP_PROJECTS`, flows from the model's
    :func:`cash_flows` strategy (partners, streams and open periods from small pools), with
    amounts from :func:`rollup_amounts`."""
    count = draw(st.integers(0, max_size))
    out = []
    for _ in range(count):
        project = draw(st.sampled_from(ROLLUP_PROJECTS))
        flow = draw(cash_flows(partner_keys=ROLLUP_PARTNERS, stream_keys=ROLLUP_STREAMS))
        flow = attrs.evolve(flow, amount=draw(rollup_amounts(sub_penny=sub_penny)))
        out.append((project, flow))
    return out


def rollup_dimensions(max_size: int = 4) -> st.SearchStrategy[tuple[str, ...]]:
    """A ``by``: distinct dimension names (aliases among them), outermost first."""
    names = st.sampled_from([*DIMENSIONS, "year"])
    return st.lists(names, max_size=max_size).map(
        lambda ns: tuple(dict.fromkeys("period" if n == "year" else n for n in ns))
    )


@st.composite
def rollup_partitions(draw: st.DrawFn, items: list[Any]) -> list[list[Any]]:
    """``items`` shuffled and cut into 1-4 parts (some possibly empty)."""
    shuffled = draw(st.permutations(items))
    cuts = sorted(draw(st.lists(st.integers(0, len(items)), max_size=3)))
    bounds = [0, *cuts, len(items)]
    return [list(shuffled[a:b]) for a, b in pairwise(bounds)]
