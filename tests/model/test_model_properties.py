"""Hypothesis properties of the model: validation, scenarios, tables and stage gates."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given, reject, settings
from hypothesis import strategies as st

from strategies import (
    cash_flows,
    cost_benefit_tables,
    domains,
    funding_streams,
    model_anything,
    model_thousands,
    partners,
    pilots,
    programme_parts,
    programmes,
    projects,
)
from wecb.core.money import Money
from wecb.core.periods import MAX_START_YEAR, MIN_START_YEAR, FinancialYear, OpenPeriod, Period
from wecb.errors import ProgrammeError, StageGateError, ValidationError, WecbError
from wecb.model.cashflows import CashFlow, Nature
from wecb.model.domains import Domain
from wecb.model.facts import Qualifier
from wecb.model.funding import PROGRAMME, FundingBasis, FundingStream
from wecb.model.integration import permits
from wecb.model.partners import Partner
from wecb.model.programme import Programme
from wecb.model.projects import TRANSITIONS, Pilot, Project, Stage, StageGate
from wecb.model.tables import CostBenefitTable

PARTS = [
    (Partner, partners()),
    (Domain, domains()),
    (FundingStream, funding_streams()),
    (CashFlow, cash_flows()),
    (CostBenefitTable, cost_benefit_tables(consistent=None)),
    (Pilot, pilots()),
    (Project, projects()),
]
# A whole programme costs ~30 ms to generate: its properties run a quarter of the examples.
HEAVY = settings(max_examples=max(20, settings.default.max_examples // 4))
IDS = [cls.__name__ for cls, _ in PARTS]


def init_fields(cls: type) -> list[str]:
    return [f.name for f in attrs.fields(cls) if f.init]


# -- construction -------------------------------------------------------------------------


@pytest.mark.parametrize(("cls", "strategy"), PARTS, ids=IDS)
@given(data=st.data())
def test_any_field_values_give_an_instance_or_a_wecb_error(
    cls: type, strategy: st.SearchStrategy[Any], data: st.DataObject
) -> None:
    check_any_field_values(cls, strategy, data)


@HEAVY
@given(data=st.data())
def test_any_programme_field_values_give_a_programme_or_a_wecb_error(
    data: st.DataObject,
) -> None:
    check_any_field_values(Programme, programmes(), data)


def check_any_field_values(
    cls: type, strategy: st.SearchStrategy[Any], data: st.DataObject
) -> None:
    # Start from a valid instance and replace some fields with arbitrary values, so that
    # cross-field rules are reached as well as single-field ones.
    valid = data.draw(strategy, label="valid")
    kwargs = {
        name: data.draw(st.one_of(st.just(getattr(valid, name)), model_anything()), label=name)
        for name in init_fields(cls)
    }
    try:
        made = cls(**kwargs)
    except WecbError:
        return
    for name, value in kwargs.items():
        assert getattr(made, name) is value  # kept as given: no silent conversion


def reference_problem_found(parts: dict[str, Any]) -> bool:
    """An independent, plain statement of the graph rules: does any rule fail?"""
    currency = parts["currency"]
    groups = {
        name: [item.key for item in parts[name]]
        for name in ("partners", "domains", "projects", "funding_streams", "periods")
    }
    if any(len(set(keys)) != len(keys) for keys in groups.values()):
        return True
    partner_keys, domain_keys = set(groups["partners"]), set(groups["domains"])
    declared = {p.key: p for p in parts["periods"]}
    projects_by_key: dict[str, Project] = {p.key: p for p in parts["projects"]}
    streams: dict[str, FundingStream] = {s.key: s for s in parts["funding_streams"]}

    def bad_period(period: Period) -> bool:
        return isinstance(period, OpenPeriod) and declared.get(period.key) != period

    def bad_level(stream: FundingStream, project: Project) -> bool:
        level = project.integration_level
        return level is not None and not permits(level, stream.arrangement)

    for project in parts["projects"]:
        if project.key == PROGRAMME or project.domain not in domain_keys:
            return True
        if not set(project.leads) <= partner_keys:
            return True
        table = project.table
        if table is not None and (
            table.currency != currency
            or any(bad_period(p) for p in (*table.cost_periods, table.benefit_period))
        ):
            return True
        for flow in project.flows:
            if flow.currency != currency or bad_period(flow.period):
                return True
            if not {flow.payer, flow.beneficiary} <= partner_keys | {None}:
                return True
            if flow.stream is not None:
                stream = streams.get(flow.stream)
                if stream is None or stream.recipient not in (None, PROGRAMME, project.key):
                    return True
                if stream.recipient is None and flow.is_cost and bad_level(stream, project):
                    return True
    if any(overdrawn(s, parts["projects"]) for s in parts["funding_streams"]):
        return True
    for stream in parts["funding_streams"]:
        if stream.funder not in partner_keys or any(bad_period(p) for p in stream.periods):
            return True
        if stream.amount is not None and stream.amount.currency != currency:
            return True
        if stream.recipient not in (None, PROGRAMME):
            project = projects_by_key.get(stream.recipient)
            if project is None or bad_level(stream, project):
                return True
    return False


def years_of(period: Period) -> set[int]:
    """The start years a period may hold, an open side running to wecb's first or last."""
    if isinstance(period, FinancialYear):
        return {period.start_year}
    first = MIN_START_YEAR if period.after is None else period.after.start_year + 1
    last = MAX_START_YEAR if period.until is None else period.until.start_year
    return set(range(first, last + 1))


def overdrawn(stream: FundingStream, projects: list[Project]) -> bool:
    """The funding rules of wecb.model.funding, stated plainly with sets of years: a cost
    outside the stream's years, or more drawn than it gives in total, in a year, or in a
    bounded open period (with the costs of the periods inside it)."""
    drawn = [
        flow
        for project in projects
        for flow in project.flows
        if flow.is_cost and flow.stream == stream.key
    ]
    covered = set().union(*(years_of(p) for p in stream.periods))
    if stream.periods and any(not years_of(f.period) <= covered for f in drawn):
        return True
    amount = stream.amount
    if amount is None or stream.qualifier in (Qualifier.AT_LEAST, Qualifier.MORE_THAN):
        return False
    if stream.basis is FundingBasis.TOTAL:
        return sum((f.amount for f in drawn), Money.zero(amount.currency)) > amount
    for period in {f.period for f in drawn}:
        if isinstance(period, OpenPeriod) and (period.after is None or period.until is None):
            continue  # no fixed number of years: not bounded
        years = years_of(period)
        inside = [f.amount for f in drawn if years_of(f.period) <= years]
        if sum(inside, Money.zero(amount.currency)) > amount * len(years):
            return True
    return False


_ROOTS = ("partners[", "domains[", "projects[", "funding_streams[", "periods[")


@given(programme_parts())
def test_programme_from_parts_validates_or_raises_wecb_error(parts: dict[str, Any]) -> None:
    expected_problem = reference_problem_found(parts)
    try:
        programme = Programme(**parts)
    except ProgrammeError as error:
        assert expected_problem
        assert error.problems
        assert all(problem.startswith(_ROOTS) for problem in error.problems)
        return
    assert not expected_problem
    # A valid programme resolves every reference it holds.
    for project, flow in programme.cash_flows():
        assert programme.project(project.key) is project
        assert programme.domain(project.domain).key == project.domain
        for key in (*project.leads, flow.payer, flow.beneficiary):
            if key is not None:
                assert programme.partner(key).key == key
        if flow.stream is not None:
            assert programme.stream(flow.stream).key == flow.stream


@HEAVY
@given(programmes())
def test_generated_programmes_are_valid_and_rebuild_equal(programme: Programme) -> None:
    assert programme.evolve() == programme
    for project in programme.projects:
        assert programme.with_project(project) == programme
    flows = list(programme.cash_flows())
    assert len(flows) == sum(len(p.cash_flows) for p in programme.projects)


# -- scenarios ----------------------------------------------------------------------------


@pytest.mark.parametrize(("cls", "strategy"), PARTS, ids=IDS)
@given(data=st.data())
def test_evolving_one_field_leaves_every_other_unchanged(
    cls: type, strategy: st.SearchStrategy[Any], data: st.DataObject
) -> None:
    check_evolve_one_field(cls, strategy, data)


@HEAVY
@given(data=st.data())
def test_evolving_one_programme_field_leaves_every_other_unchanged(data: st.DataObject) -> None:
    check_evolve_one_field(Programme, programmes(), data)


def check_evolve_one_field(
    cls: type, strategy: st.SearchStrategy[Any], data: st.DataObject
) -> None:
    original = data.draw(strategy, label="original")
    other = data.draw(strategy, label="other")
    names = init_fields(cls)
    name = data.draw(st.sampled_from(names), label="field")
    before = attrs.asdict(original, recurse=False)
    try:
        changed = attrs.evolve(original, **{name: getattr(other, name)})
    except WecbError:
        reject()  # the new value does not fit the other fields: not this property's concern
    assert getattr(changed, name) is getattr(other, name)
    for kept in names:
        if kept != name:
            assert getattr(changed, kept) is getattr(original, kept)
    assert attrs.asdict(original, recurse=False) == before  # the original is untouched


@HEAVY
@given(programmes(), st.data())
def test_without_then_with_project_restores_the_projects(
    programme: Programme, data: st.DataObject
) -> None:
    if not programme.projects:
        return
    project = data.draw(st.sampled_from(programme.projects))
    try:
        smaller, _ = programme.without_project(project.key, cascade=False)
    except ProgrammeError as error:
        # Only a stream given to the project, or drawn on elsewhere, can block its removal.
        assert all("funding_streams[" in p or ".stream" in p for p in error.problems)
        return
    restored = smaller.with_project(project)
    assert {p.key: p for p in restored.projects} == {p.key: p for p in programme.projects}


# -- published tables ---------------------------------------------------------------------


@given(cost_benefit_tables(consistent=None))
def test_table_flows_reproduce_the_published_columns(table: CostBenefitTable) -> None:
    flows = table.cash_flows()
    zero = Money.zero(table.currency)
    costs = [f for f in flows if f.nature is Nature.COST]
    assert [f.amount for f in costs] == list(table.costs)
    assert [f.period for f in costs] == list(table.cost_periods)
    assert -sum((f.signed for f in flows if f.cashable), zero) == table.net_cashable
    assert -sum((f.signed for f in flows if not f.cashable), zero) == table.net_non_cashable
    net = sum((f.signed for f in flows), zero)
    assert net == table.net_benefit
    assert (-net == table.net_total) == (table.check() == ())
    rebuilt = CostBenefitTable.from_cash_flows(
        flows,
        cost_periods=table.cost_periods,
        benefit_period=table.benefit_period,
        non_cashable_value_type=table.non_cashable_value_type,
        value_type_note=table.value_type_note,
        source=table.source,
    )
    assert rebuilt == attrs.evolve(table, net_total=table.net_cashable + table.net_non_cashable)


@given(
    st.tuples(*(model_thousands() for _ in range(3))),
    st.tuples(*(st.integers(-300_000, 300_000).map(Money.from_thousands) for _ in range(3))),
)
def test_any_published_figures_follow_the_convention_or_are_refused(
    costs: tuple[Money, Money, Money], nets: tuple[Money, Money, Money]
) -> None:
    fields = dict(
        zip(
            (
                "costs_to_mar_2013",
                "costs_to_mar_2014",
                "costs_further_implementation",
                "net_cashable",
                "net_non_cashable",
                "net_total",
            ),
            (*costs, *nets),
            strict=True,
        )
    )
    try:
        table = CostBenefitTable(**fields)
    except ValidationError as error:
        assert "net_cashable" in str(error) or "net_non_cashable" in str(error)
        assert nets[0] > sum(costs, Money.zero()) or nets[1] > Money.zero()
        return
    assert table.gross_cashable_benefit >= Money.zero()
    assert table.gross_non_cashable_benefit >= Money.zero()
    assert table.net_benefit == -(table.net_cashable + table.net_non_cashable)
    assert len(table.check()) == (0 if nets[0] + nets[1] == nets[2] else 1)


# -- stage gates --------------------------------------------------------------------------


@given(projects(), st.lists(st.sampled_from(StageGate), max_size=8))
def test_gates_move_only_along_the_transition_table(
    project: Project, gates: list[StageGate]
) -> None:
    for gate in gates:
        sources, target = TRANSITIONS[gate]
        try:
            moved = project.advance(gate)
        except StageGateError:
            assert project.stage not in sources
            continue
        assert project.stage in sources
        assert moved.stage is target
        assert attrs.evolve(moved, stage=project.stage) == project
        project = moved
    assert project.stage in Stage
