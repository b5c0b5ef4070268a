"""Scenarios: programmes whose projects carry business-as-usual (counterfactual) flows."""

from __future__ import annotations

# ---------------------------------------------------------------------------------------------
# Scenarios (wecb.appraisal.scenarios; Project.counterfactual; Programme.without_project)
# ---------------------------------------------------------------------------------------------
# Names start with ``sc_``.
import attrs
from hypothesis import strategies as st

from strategies.analysis import ap2_flows, ap2_programme
from wecb.model.cashflows import CashFlow
from wecb.model.programme import Programme


@st.composite
def sc_counterfactual_programmes(
    draw: st.DrawFn, *, max_projects: int = 3, max_flows: int = 5
) -> tuple[Programme, Programme, Programme]:
    """``(programme, with_only, usual_only)``: a programme of 1-3 projects each with flows
    and business-as-usual flows (all in financial years); the same projects with their
    flows only; and with their business-as-usual flows as their flows."""
    count = draw(st.integers(1, max_projects))
    flows: dict[str, list[CashFlow]] = {}
    usual: dict[str, list[CashFlow]] = {}
    for i in range(1, count + 1):
        flows[f"p{i}"] = draw(st.lists(ap2_flows(), max_size=max_flows))
        usual[f"p{i}"] = draw(st.lists(ap2_flows(), max_size=max_flows))
    with_only = ap2_programme(flows)
    usual_only = ap2_programme(usual)
    programme = with_only.evolve(
        projects=tuple(
            attrs.evolve(project, counterfactual=tuple(usual[project.key]))
            for project in with_only.projects
        )
    )
    return programme, with_only, usual_only
