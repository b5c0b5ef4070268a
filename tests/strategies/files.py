"""Programme files: programmes holding every kind of value a file must round-trip."""

from __future__ import annotations

# ---------------------------------------------------------------------------------------------
# IO (wecb.io, wecb.model.facts): programmes holding every kind of value a file must round-trip
# ---------------------------------------------------------------------------------------------
# Names start with ``io_``; imports are aliased so other sections' names never clash.
import attrs
from hypothesis import strategies as st

from strategies.model import model_keys, model_text, pick
from strategies.money import amounts
from strategies.programmes import holding_streams, programmes
from wecb.core.money import Money
from wecb.model.facts import Figure, FigureKind, Qualifier, TeamPlan
from wecb.model.programme import Programme
from wecb.units import COHORTS, TIME_UNITS


def io_money(currency: str = "GBP") -> st.SearchStrategy[Money]:
    """Non-negative Money with awkward digits: sub-penny places, exponents, zeros."""
    return amounts(max_digits=14, max_places=6).map(lambda d: Money(abs(d), currency))


@st.composite
def io_figures(
    draw: st.DrawFn,
    key: str,
    *,
    domain_keys: tuple[str, ...] = (),
    project_keys: tuple[str, ...] = (),
    currency: str = "GBP",
) -> Figure:
    """A valid published figure: an amount (possibly a rate) or a count of a cohort."""
    per = tuple(draw(st.lists(st.sampled_from([*COHORTS, *TIME_UNITS]), max_size=2, unique=True)))
    text = st.none() | model_text()
    common = {
        "key": key,
        "label": draw(model_text()),
        "kind": draw(st.sampled_from(FigureKind)),
        "qualifier": draw(st.sampled_from(Qualifier)),
        "over": draw(text),
        "domain": draw(pick(domain_keys)),
        "project": draw(pick(project_keys)),
        "place": draw(text),
        "published": draw(text),
        "note": draw(text),
        "source": draw(text),
    }
    if draw(st.booleans()):
        return Figure(amount=draw(io_money(currency)), per=per, **common)
    unit = draw(st.sampled_from(sorted(set(COHORTS) - set(per))))
    count = draw(amounts(max_digits=9, max_places=3).map(abs))
    return Figure(count=count, unit=unit, per=per, **common)


@st.composite
def io_team_plans(draw: st.DrawFn, key: str, *, project: str) -> TeamPlan:
    return TeamPlan(
        key=key,
        project=project,
        teams=draw(st.integers(1, 50)),
        cases_per_team=draw(st.integers(1, 500)),
        unit=draw(st.sampled_from(sorted(COHORTS))),
        start_year=draw(st.integers(2000, 2040)),
        start_month=draw(st.none() | st.integers(1, 12)),
        note=draw(st.none() | model_text()),
        source=draw(st.none() | model_text()),
    )


@st.composite
def io_programmes(draw: st.DrawFn) -> Programme:
    """A valid programme from :func:`programmes` in GBP or another currency, with figures,
    team plans, qualified streams and amounts with awkward digits added."""
    currency = draw(st.sampled_from(("GBP", "EUR", "USD", "JPY")))
    base = draw(programmes(currency=currency))
    domain_keys = tuple(d.key for d in base.domains)
    project_keys = tuple(p.key for p in base.projects)
    figure_keys = draw(st.lists(model_keys(), max_size=4, unique=True))
    figures = tuple(
        draw(io_figures(k, domain_keys=domain_keys, project_keys=project_keys, currency=currency))
        for k in figure_keys
    )
    plans: tuple[TeamPlan, ...] = ()
    if project_keys:
        plan_keys = draw(st.lists(model_keys(), max_size=2, unique=True))
        plans = tuple(
            draw(io_team_plans(k, project=draw(st.sampled_from(project_keys)))) for k in plan_keys
        )
    streams = tuple(
        attrs.evolve(
            s,
            qualifier=draw(st.sampled_from(Qualifier)),
            amount=s.amount if s.amount is None else draw(io_money(currency)),
        )
        for s in base.funding_streams
    )
    # New amounts may be smaller than the costs drawn on them: keep the streams holding.
    streams = holding_streams(streams, base.projects)
    return base.evolve(figures=figures, team_plans=plans, funding_streams=streams)
