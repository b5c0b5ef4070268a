"""Whole programmes, and every kind of model value (for pickling and reprs)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

import attrs
from hypothesis import strategies as st

from strategies.model import (
    MODEL_OPEN_PERIODS,
    domains,
    funding_streams,
    model_keys,
    model_money,
    model_periods,
    model_project_keys,
    model_text,
    optional_text,
    partners,
    projects,
)
from wecb.core.money import Money
from wecb.core.periods import FinancialYear, OpenPeriod, Period
from wecb.model.cashflows import CostType, Nature, ValueType
from wecb.model.domains import DomainKind
from wecb.model.funding import PROGRAMME, FundingBasis, FundingStream
from wecb.model.integration import POOLING_RULE, IntegrationLevel, PoolingArrangement
from wecb.model.partners import PartnerKind
from wecb.model.programme import Programme
from wecb.model.projects import Project, Stage


@st.composite
def programmes(
    draw: st.DrawFn, *, max_partners: int = 4, max_projects: int = 3, currency: str = "GBP"
) -> Programme:
    """A programme that is valid by construction."""
    partner_keys = tuple(
        draw(st.lists(model_keys(), min_size=1, max_size=max_partners, unique=True))
    )
    domain_keys = tuple(draw(st.lists(model_keys(), min_size=1, max_size=3, unique=True)))
    project_keys = tuple(draw(st.lists(model_project_keys(), max_size=max_projects, unique=True)))
    levels = {k: draw(st.none() | st.sampled_from(IntegrationLevel)) for k in project_keys}
    stream_keys = tuple(draw(st.lists(model_keys(), max_size=3, unique=True)))
    # Each stream goes to the programme or to one project whose level admits its arrangement.
    recipients = {k: draw(st.sampled_from((PROGRAMME, *project_keys))) for k in stream_keys}
    streams = []
    for key in stream_keys:
        recipient = recipients[key]
        level = levels.get(recipient)
        allowed = tuple(a for a in PoolingArrangement if level is None or level >= POOLING_RULE[a])
        streams.append(
            draw(
                funding_streams(
                    key,
                    funders=partner_keys,
                    recipients=st.just(recipient),
                    arrangements=allowed,
                    currency=currency,
                )
            )
        )
    built = []
    for key in project_keys:
        usable = tuple(k for k in stream_keys if recipients[k] in (PROGRAMME, key))
        built.append(
            draw(
                projects(
                    key,
                    domain_keys=domain_keys,
                    partner_keys=partner_keys,
                    stream_keys=usable,
                    integration_level=levels[key],
                    currency=currency,
                )
            )
        )
    return Programme(
        name=draw(model_text()),
        place=draw(model_text()),
        partners=tuple(draw(partners(key=k)) for k in partner_keys),
        domains=tuple(draw(domains(key=k)) for k in domain_keys),
        projects=tuple(built),
        funding_streams=holding_streams(streams, built),
        periods=MODEL_OPEN_PERIODS,
        notes=tuple(draw(st.lists(model_text(), max_size=2))),
        currency=currency,
        source=draw(optional_text()),
    )


def holding_streams(
    streams: Iterable[FundingStream], projects: Iterable[Project]
) -> tuple[FundingStream, ...]:
    """``streams`` made to hold for the costs of ``projects`` (the rules of
    :mod:`wecb.model.funding`): each period a cost draws in is added to a stream that lists
    periods but not that one, and an overdrawn stream's amount is raised to all that is
    drawn on it (enough for every limit, per year or in total)."""
    drawn: dict[str, dict[Period, Money]] = {}
    for project in projects:
        for flow in project.flows:
            if flow.is_cost and flow.stream is not None:
                sums = drawn.setdefault(flow.stream, {})
                sums[flow.period] = sums.get(flow.period, Money.zero(flow.currency)) + flow.amount
    out = []
    for given in streams:
        sums = drawn.get(given.key, {})
        missing = tuple(p for p in sums if not given.covers(p))
        held = attrs.evolve(given, periods=(*given.periods, *missing)) if missing else given
        if held.amount is not None and held.overdrawn(sums):
            held = attrs.evolve(held, amount=sum(sums.values(), held.amount * 0))
        out.append(held)
    return tuple(out)


@st.composite
def programme_parts(draw: st.DrawFn) -> dict[str, Any]:
    """Keyword arguments for :class:`Programme` whose parts are each valid but whose graph
    may not be: keys come from a tiny pool, so duplicates and unknown references are
    common, as are other currencies, undeclared or redefined open periods, and pooled
    streams given to projects at low integration levels."""
    pool = ("a", "b", "c", PROGRAMME)
    # Mostly right, sometimes wrong, so that valid programmes are common too.
    keys = st.sampled_from(pool)
    project_keys = st.sampled_from(("a", "b", "c") * 3 + (PROGRAMME,))
    currency, other = draw(st.permutations(("GBP", "EUR")))
    money_currency = st.sampled_from((currency,) * 5 + (other,))
    odd_period = OpenPeriod(key="to_mar_2013", label="Redefined", until=FinancialYear(2013))
    declared = MODEL_OPEN_PERIODS
    if not draw(st.integers(0, 3)):
        declared = tuple(draw(st.lists(st.sampled_from(MODEL_OPEN_PERIODS), unique=True)))
    if not draw(st.integers(0, 3)):
        declared = (*declared, odd_period)
    usable_periods = MODEL_OPEN_PERIODS
    if not draw(st.integers(0, 3)):
        usable_periods = (*MODEL_OPEN_PERIODS, odd_period)

    def some(make: Any, most: int) -> tuple[Any, ...]:
        return tuple(make() for _ in range(draw(st.integers(0, most))))

    parts_partners = some(lambda: draw(partners(key=draw(keys))), 3)
    parts_domains = some(lambda: draw(domains(key=draw(keys))), 2)
    if draw(st.booleans()):
        parts_partners = tuple(draw(partners(key=k)) for k in ("a", "b", "c"))
        parts_domains = tuple(draw(domains(key=k)) for k in ("a", "b", "c"))
    parts_streams = some(
        lambda: draw(
            funding_streams(
                draw(keys),
                funders=pool,
                recipients=st.none() | keys,
                open_periods=usable_periods,
                currency=draw(money_currency),
            )
        ),
        3,
    )
    parts_projects = some(
        lambda: draw(
            projects(
                draw(project_keys),
                domain_keys=pool,
                partner_keys=pool,
                stream_keys=pool,
                open_periods=usable_periods,
                currency=draw(money_currency),
            )
        ),
        3,
    )
    return {
        "name": "Generated",
        "place": "Somewhere",
        "partners": parts_partners,
        "domains": parts_domains,
        "projects": parts_projects,
        "funding_streams": parts_streams,
        "periods": declared,
        "currency": currency,
    }


@cache
def model_anything() -> st.SearchStrategy[Any]:
    """Values of every kind the model sees, right or wrong for any given field."""
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-5, 5),
        st.floats(allow_nan=False),
        st.decimals(allow_nan=False, allow_infinity=False, places=2),
        st.text(max_size=5),
        model_keys(),
        model_money(min_pounds=-100, max_pounds=100),
        model_money("EUR", max_pounds=100),
        model_periods(),
        st.sampled_from(
            [
                *PartnerKind,
                *DomainKind,
                *IntegrationLevel,
                *PoolingArrangement,
                *FundingBasis,
                *Nature,
                *CostType,
                *ValueType,
                *Stage,
            ]
        ),
    )
    return st.one_of(scalars, st.lists(scalars, max_size=3), st.tuples(scalars, scalars))
