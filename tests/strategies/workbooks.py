"""Programmes for the workbook round trip: the generated programmes, with business-as-usual
(counterfactual) lines, price years, and amounts a spreadsheet number cannot hold exactly
(sub-penny, 16 or more significant digits), which a workbook keeps as text."""

from __future__ import annotations

from decimal import Decimal

import attrs
from hypothesis import strategies as st

from strategies.model import MODEL_OPEN_PERIODS, cash_flows
from strategies.programmes import programmes
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.model.cashflows import CashFlow
from wecb.model.programme import Programme

__all__ = ["workbook_amounts", "workbook_programmes"]


@st.composite
def workbook_amounts(draw: st.DrawFn, currency: str = "GBP") -> Money:
    """Money that a sheet holds as a number (to the penny) or only as text."""
    exact = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False)
    awkward = st.one_of(
        st.decimals(min_value=0, max_value=10**6, places=6, allow_nan=False),
        st.integers(10**15, 10**20).map(Decimal),
        st.sampled_from([Decimal("0.001"), Decimal("1234567890123.45"), Decimal("1E+3")]),
    )
    return Money(draw(st.one_of(exact, awkward)), currency)


@st.composite
def _with_extras(draw: st.DrawFn, flow: CashFlow) -> CashFlow:
    changes: dict[str, object] = {}
    if draw(st.booleans()):
        changes["amount"] = draw(workbook_amounts(flow.currency))
    if draw(st.integers(0, 3)) == 0:
        changes["price_year"] = FinancialYear(draw(st.integers(2010, 2020)))
    return attrs.evolve(flow, **changes) if changes else flow


@st.composite
def workbook_programmes(draw: st.DrawFn) -> Programme:
    """A valid programme whose projects may have counterfactual lines, price years and
    awkward amounts (in GBP or EUR)."""
    currency = draw(st.sampled_from(["GBP", "GBP", "EUR"]))
    programme: Programme = draw(programmes(currency=currency))
    partners = tuple(p.key for p in programme.partners)
    projects = []
    for project in programme.projects:
        # Awkward amounts only on flows that draw on no stream (a stream's amount bounds them).
        flows = tuple(draw(_with_extras(f)) if f.stream is None else f for f in project.flows)
        counterfactual = tuple(
            draw(_with_extras(f))
            for f in draw(
                st.lists(
                    cash_flows(
                        partner_keys=partners,
                        open_periods=MODEL_OPEN_PERIODS,
                        currency=currency,
                    ),
                    max_size=3,
                )
            )
        )
        projects.append(attrs.evolve(project, flows=flows, counterfactual=counterfactual))
    return programme.evolve(projects=tuple(projects))
