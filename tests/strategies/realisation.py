"""Programmes with labelled lines, a phasing of their open period and actuals against them
(names start with ``realised_``)."""

from __future__ import annotations

import datetime

from hypothesis import strategies as st

from wecb.appraisal.phasing import Phasing
from wecb.core.money import Money
from wecb.core.periods import FinancialYear, OpenPeriod
from wecb.model.actuals import Actual
from wecb.model.cashflows import CashFlow, Nature, ValueType
from wecb.model.domains import Domain, DomainKind
from wecb.model.partners import Partner, PartnerKind
from wecb.model.programme import Programme
from wecb.model.projects import Project

#: The years the plans use, and the open period after them.
FIRST, LAST = FinancialYear(2013), FinancialYear(2017)
LATER = OpenPeriod(key="later", label="Later years", after=LAST)
#: How ``LATER`` is phased.
PHASING = Phasing({"later": {LAST + 1: 1, LAST + 2: 2}}, note="later: 1:2 over two years")
PARTNERS = ("council", "nhs")


def realised_money(max_pounds: int = 10**6) -> st.SearchStrategy[Money]:
    """Whole pennies from zero to ``max_pounds``."""
    return st.integers(0, max_pounds * 100).map(lambda pence: Money(pence) / 100)


@st.composite
def realised_flows(draw: st.DrawFn, label: str, nature: Nature) -> tuple[CashFlow, ...]:
    """A line: one to four flows labelled ``label`` in distinct years (now and then the open
    period), each paid by or benefiting a drawn partner."""
    periods = draw(
        st.lists(
            st.sampled_from([*FinancialYear.range(FIRST, LAST), LATER]),
            min_size=1,
            max_size=4,
            unique=True,
        )
    )
    partner = draw(st.sampled_from(PARTNERS))
    out = []
    for period in periods:
        amount = draw(realised_money())
        if nature is Nature.COST:
            flow = CashFlow(
                amount=amount, nature=nature, period=period, label=label, payer=partner
            )
        else:
            flow = CashFlow(
                amount=amount,
                nature=nature,
                period=period,
                label=label,
                beneficiary=partner,
                value_type=ValueType.FISCAL,
                cashable=True,
            )
        out.append(flow)
    return tuple(out)


@st.composite
def realised_programmes(draw: st.DrawFn) -> Programme:
    """One to three projects of one to three lines each (costs ``cost N``, benefits
    ``benefit N``), no actuals yet."""
    projects = []
    for number in range(draw(st.integers(1, 3))):
        flows: list[CashFlow] = []
        for line in range(draw(st.integers(1, 3))):
            nature = draw(st.sampled_from(Nature))
            flows += draw(realised_flows(f"{nature.value} {line}", nature))
        projects.append(Project(key=f"P{number}", title="Project", domain="d", flows=tuple(flows)))
    return Programme(
        name="Realised",
        place="Here",
        partners=tuple(
            Partner(key=k, name=k.title(), kind=PartnerKind.OTHER_PUBLIC) for k in PARTNERS
        ),
        domains=(Domain(key="d", name="D", kind=DomainKind.THEMATIC),),
        projects=tuple(projects),
        periods=(LATER,),
    )


@st.composite
def realised_actuals(draw: st.DrawFn, programme: Programme) -> tuple[Actual, ...]:
    """Actuals for drawn lines and years up to ``LAST``, known on a day after each year's
    end (some restated later)."""
    lines = sorted(
        {(p.key, f.label) for p in programme.projects for f in p.flows if f.label is not None}
    )
    out = []
    for project, label in draw(st.lists(st.sampled_from(lines), max_size=6)):
        assert label is not None
        year = draw(st.sampled_from(FinancialYear.range(FIRST, LAST)))
        days = draw(st.integers(1, 400))
        out.append(
            Actual(
                project=project,
                line=label,
                year=year,
                amount=draw(realised_money()),
                as_at=year.end + datetime.timedelta(days=days),
            )
        )
    # One figure per line, year and date.
    seen: dict[tuple[str, str, FinancialYear, datetime.date], Actual] = {}
    for actual in out:
        seen.setdefault((actual.project, actual.line, actual.year, actual.as_at), actual)
    return tuple(seen.values())
