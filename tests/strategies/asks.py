"""Asks of government: programmes with a register of asks and lines that require them."""

from __future__ import annotations

# ---------------------------------------------------------------------------------------------
# Asks (wecb.model.asks; CashFlow.requires; wecb.appraisal.asks)
# ---------------------------------------------------------------------------------------------
# Names start with ``ask_``.
import attrs
from hypothesis import strategies as st

from strategies.analysis import ap2_programmes
from strategies.model import model_text
from strategies.programmes import programmes
from wecb.model.asks import Ask, AskKind, AskStatus
from wecb.model.partners import Partner, PartnerKind
from wecb.model.programme import Programme

#: The departments every generated register may address (keys no other strategy draws).
ASK_DEPARTMENTS = (
    Partner(key="dept-moj", name="Ministry of Justice", kind=PartnerKind.WHITEHALL_DEPARTMENT),
    Partner(key="dept-noms", name="NOMS", kind=PartnerKind.NATIONAL_AGENCY),
)


@st.composite
def ask_registers(draw: st.DrawFn, programme: Programme, *, max_asks: int = 4) -> Programme:
    """``programme`` with the two departments, up to ``max_asks`` asks of its projects
    (none if it has no projects), and some of its explicit lines requiring some asks."""
    keys = [p.key for p in programme.projects]
    if not keys:
        return programme
    count = draw(st.integers(0, max_asks))
    departments = [d.key for d in ASK_DEPARTMENTS]
    asks = tuple(
        Ask(
            key=f"ask-{n}",
            project=draw(st.sampled_from(keys)),
            text=draw(model_text()),
            kind=draw(st.sampled_from(AskKind)),
            status=draw(st.sampled_from(AskStatus)),
            addressed_to=tuple(draw(st.lists(st.sampled_from(departments), unique=True))),
            source=draw(st.none() | model_text()),
        )
        for n in range(1, count + 1)
    )
    names = [a.key for a in asks]
    projects = tuple(
        attrs.evolve(
            project,
            flows=tuple(
                attrs.evolve(
                    flow,
                    requires=tuple(draw(st.lists(st.sampled_from(names), unique=True)))
                    if names
                    else (),
                )
                for flow in project.flows
            ),
        )
        for project in programme.projects
    )
    return programme.evolve(
        partners=(*programme.partners, *ASK_DEPARTMENTS), projects=projects, asks=asks
    )


def ask_programmes() -> st.SearchStrategy[Programme]:
    """Any valid programme (:func:`strategies.programmes.programmes`) with a register."""
    return programmes().flatmap(ask_registers)


def ask_appraisable() -> st.SearchStrategy[Programme]:
    """A programme of lines in financial years only (appraisable without phasing), with a
    register and lines requiring its asks."""
    return ap2_programmes().flatmap(ask_registers)
