"""Projects: stage gates, pilots and the published cost-benefit tables of seed 002."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import attrs
import pytest

from seeds import seed_path
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.errors import FloatNotAllowedError, StageGateError, ValidationError, WecbTypeError
from wecb.model.cashflows import CashFlow, Nature, ValueType
from wecb.model.integration import IntegrationLevel
from wecb.model.projects import TRANSITIONS, Pilot, Project, Stage, StageGate, gates_from
from wecb.model.table_periods import (
    APPRAISAL_HORIZON,
    FURTHER_IMPLEMENTATION,
    TO_MAR_2013,
    TO_MAR_2014,
)
from wecb.model.tables import CostBenefitTable

COLUMNS = (
    "costs_to_mar_2013",
    "costs_to_mar_2014",
    "costs_further_implementation",
    "net_cashable",
    "net_non_cashable",
    "net_total",
)
# The five tables of seed 002 in £'000, as published (column order as COLUMNS).
ESSEX_TABLES: dict[str, tuple[str, ...]] = {
    "FBC1": ("716", "946", "3,081", "-87,587", "0", "-87,587"),
    "FBC2": ("147", "155", "795", "1,097", "-151,406", "-150,309"),
    "FBC3": ("189", "328", "0", "517", "-25,174", "-24,657"),
    "FBC4": ("260", "398", "21,012", "-944", "-4,695", "-5,639"),
    "FBC5": ("117", "70", "23,276", "-32,790", "0", "-32,790"),
}


def essex_table(key: str) -> CostBenefitTable:
    return CostBenefitTable.from_thousands(
        **dict(zip(COLUMNS, ESSEX_TABLES[key], strict=True)), source=f"seed 002, {key}"
    )


def k(figure: int) -> Money:
    return Money.from_thousands(figure)


# -- the tables ---------------------------------------------------------------------------


def test_figures_match_the_seed_text() -> None:
    text = seed_path("002_a38ee2056a84be54.txt").read_text(encoding="utf-8")
    rows = re.findall(r"^(-?[\d,]+(?:\t-?[\d,]+){5})\s*$", text, flags=re.MULTILINE)
    published = [tuple(row.split("\t")) for row in rows]
    assert published == list(ESSEX_TABLES.values())


@pytest.mark.parametrize("key", sorted(ESSEX_TABLES))
def test_published_figures_are_kept_with_their_signs(key: str) -> None:
    table = essex_table(key)
    published = tuple(Decimal(f.replace(",", "")) for f in ESSEX_TABLES[key])
    assert table.in_thousands() == published
    assert table.currency == "GBP"


@pytest.mark.parametrize("key", sorted(ESSEX_TABLES))
def test_every_essex_table_adds_up_and_follows_the_convention(key: str) -> None:
    table = essex_table(key)
    assert table.check() == ()
    assert table.gross_cashable_benefit >= Money.zero()
    assert table.gross_non_cashable_benefit >= Money.zero()
    # Net columns are net costs: the net saving is minus the published total.
    assert table.net_benefit == -table.net_total
    assert table.net_benefit == table.gross_benefit - table.total_costs
    # No costs are charged to the non-cashable column, so its gross benefit is its net.
    assert table.net_cashable_benefit + table.gross_non_cashable_benefit == table.net_benefit


@pytest.mark.parametrize("key", ["FBC2", "FBC3"])
def test_cashable_column_is_the_costs_when_there_is_no_cashable_benefit(key: str) -> None:
    # The evidence for the convention: the cost columns sum exactly to the cashable column.
    table = essex_table(key)
    assert (
        table.costs_to_mar_2013 + table.costs_to_mar_2014 + table.costs_further_implementation
        == (table.net_cashable)
    )
    assert table.gross_cashable_benefit.is_zero()


def test_fbc2_derivation_by_hand() -> None:
    table = essex_table("FBC2")
    assert table.total_costs == k(147 + 155 + 795)
    assert table.gross_non_cashable_benefit == k(151_406)
    assert table.net_benefit == k(151_406 - (147 + 155 + 795))


def test_fbc4_derivation_by_hand() -> None:
    # Costs 260 + 398 + 21,012; the cashable column -944 is costs minus gross cashable.
    table = essex_table("FBC4")
    costs = 260 + 398 + 21_012
    assert table.total_costs == k(costs)
    assert table.gross_cashable_benefit == k(costs + 944)
    assert table.gross_non_cashable_benefit == k(4_695)
    assert table.gross_benefit == k(costs + 944 + 4_695)
    assert table.net_benefit == k(944 + 4_695)


@pytest.mark.parametrize("key", sorted(ESSEX_TABLES))
def test_cash_flows_reproduce_the_published_columns(key: str) -> None:
    table = essex_table(key)
    flows = table.cash_flows()
    costs = [f for f in flows if f.nature is Nature.COST]
    benefits = [f for f in flows if f.nature is Nature.BENEFIT]
    assert [f.period for f in costs] == [TO_MAR_2013, TO_MAR_2014, FURTHER_IMPLEMENTATION]
    assert [f.amount for f in costs] == list(table.costs)
    assert all(f.cashable for f in costs)
    assert {f.period for f in benefits} == {APPRAISAL_HORIZON}
    assert [f.cashable for f in benefits] == [True, False]
    assert all(f.amount >= Money.zero() for f in flows)
    assert -sum((f.signed for f in flows if f.cashable), Money.zero()) == table.net_cashable
    assert -sum((f.signed for f in flows if not f.cashable), Money.zero()) == (
        table.net_non_cashable
    )
    assert -sum((f.signed for f in flows), Money.zero()) == table.net_total
    assert all(f.source == f"seed 002, {key}" for f in flows)
    rebuilt = CostBenefitTable.from_cash_flows(
        flows, value_type_note=table.value_type_note, source=table.source
    )
    assert rebuilt == table


def test_to_mar_2014_column_is_the_year_2013_14() -> None:
    assert FinancialYear(2013) == TO_MAR_2014
    assert TO_MAR_2013.until == FinancialYear(2012)
    assert FURTHER_IMPLEMENTATION.after == FinancialYear(2013)
    assert APPRAISAL_HORIZON.is_horizon


def test_benefit_value_types() -> None:
    table = attrs.evolve(essex_table("FBC2"), non_cashable_value_type=ValueType.ECONOMIC)
    cashable, non_cashable = table.cash_flows()[3:]
    assert cashable.value_type is ValueType.FISCAL
    assert non_cashable.value_type is ValueType.ECONOMIC


def test_check_reports_a_discrepancy_without_raising() -> None:
    table = attrs.evolve(essex_table("FBC4"), net_total=k(-5_640))
    (found,) = table.check()
    assert found.claimed == k(-5_640)
    assert found.derived == k(-944 - 4_695)
    assert found.difference == k(-5_640 + 944 + 4_695)
    assert found.source == "seed 002, FBC4"
    assert "published" in str(found)
    # The flows still follow the two columns, so the discrepancy stays visible downstream.
    assert -sum((f.signed for f in table.cash_flows()), Money.zero()) == k(-944 - 4_695)


def test_from_thousands_accepts_ints_decimals_and_other_currencies() -> None:
    table = CostBenefitTable.from_thousands(
        costs_to_mar_2013=1,
        costs_to_mar_2014=Decimal("2.5"),
        costs_further_implementation="0",
        net_cashable="(1)",
        net_non_cashable=-2,
        net_total=-3,
        currency="EUR",
    )
    assert table.currency == "EUR"
    assert table.costs_to_mar_2014 == Money("2500", "EUR")


def test_from_thousands_refuses_floats_and_bools() -> None:
    with pytest.raises(WecbTypeError, match=r"CostBenefitTable\.net_total"):
        CostBenefitTable.from_thousands(
            **{**dict(zip(COLUMNS, ESSEX_TABLES["FBC1"], strict=True)), "net_total": True}
        )
    with pytest.raises(FloatNotAllowedError, match=r"CostBenefitTable\.net_total: float"):
        CostBenefitTable.from_thousands(
            **{**dict(zip(COLUMNS, ESSEX_TABLES["FBC1"], strict=True)), "net_total": -1.0}
        )


def table_fields(**changes: Any) -> dict[str, Any]:
    base = {name: getattr(essex_table("FBC4"), name) for name in COLUMNS}
    return {**base, **changes}


@pytest.mark.parametrize(
    ("field", "value", "accepted", "error"),
    [
        ("costs_to_mar_2013", k(-1), "zero or more", ValidationError),
        ("costs_further_implementation", "21,012", "a Money", WecbTypeError),
        ("net_total", None, "a Money", WecbTypeError),
        ("net_cashable", Money("-944000", "EUR"), "in GBP", ValidationError),
        # Gross cashable benefit would be negative: more net cost than all the costs.
        ("net_cashable", k(260 + 398 + 21_012 + 1), "at most the total", ValidationError),
        # A positive non-cashable column would be a cost outside the cost columns.
        ("net_non_cashable", k(1), "zero or less", ValidationError),
        ("cost_periods", (TO_MAR_2013, TO_MAR_2014), "three distinct periods", ValidationError),
        ("cost_periods", (TO_MAR_2013, TO_MAR_2013, TO_MAR_2014), "distinct", ValidationError),
        ("benefit_period", "horizon", "a FinancialYear", WecbTypeError),
        ("non_cashable_value_type", "social", "ValueType.SOCIAL", WecbTypeError),
        ("source", "", "non-blank", ValidationError),
    ],
)
def test_table_validators(
    field: str, value: object, accepted: str, error: type[Exception]
) -> None:
    with pytest.raises(error) as raised:
        CostBenefitTable(**table_fields(**{field: value}))
    assert str(raised.value).startswith(f"CostBenefitTable.{field}")
    assert accepted in str(raised.value)


def test_from_cash_flows_refuses_what_a_table_cannot_hold() -> None:
    non_cash = CashFlow(amount=k(1), nature=Nature.COST, period=TO_MAR_2014, cashable=False)
    with pytest.raises(ValidationError, match="cashable costs"):
        CostBenefitTable.from_cash_flows([non_cash])
    elsewhere = CashFlow(amount=k(1), nature=Nature.COST, period=FinancialYear(2020))
    with pytest.raises(ValidationError, match="cost periods"):
        CostBenefitTable.from_cash_flows([elsewhere])
    empty = CostBenefitTable.from_cash_flows([], currency="EUR")
    assert empty.currency == "EUR"
    assert empty.total_costs.is_zero()


# -- stage gates --------------------------------------------------------------------------


def project(**changes: Any) -> Project:
    fields: dict[str, Any] = {"key": "FBC1", "title": "Integrated Commissioning"}
    return Project(**{**fields, "domain": "health_wellbeing", **changes})


def test_full_lifecycle_through_every_gate() -> None:
    p = project()
    assert p.stage is Stage.IDEA
    path = [
        (StageGate.PROCEED_TO_OUTLINE_BUSINESS_CASE, Stage.OUTLINE_BUSINESS_CASE),
        (StageGate.PROCEED_TO_FULL_BUSINESS_CASE, Stage.FULL_BUSINESS_CASE),
        (StageGate.PROCEED_TO_IMPLEMENT, Stage.IMPLEMENTATION),
        (StageGate.PROCEED_TO_GO_LIVE, Stage.LIVE),
        (StageGate.CLOSE, Stage.CLOSED),
    ]
    for gate, stage in path:
        moved = p.advance(gate)
        assert moved.stage is stage
        assert attrs.evolve(moved, stage=p.stage) == p  # nothing else changed
        p = moved
    assert p.gates() == ()


@pytest.mark.parametrize("stage", [s for s in Stage if s is not Stage.CLOSED])
def test_close_is_allowed_from_every_open_stage(stage: Stage) -> None:
    assert project(stage=stage).advance(StageGate.CLOSE).stage is Stage.CLOSED


@pytest.mark.parametrize("stage", list(Stage))
@pytest.mark.parametrize("gate", list(StageGate))
def test_invalid_gate_raises_naming_stage_and_gate(stage: Stage, gate: StageGate) -> None:
    sources, target = TRANSITIONS[gate]
    p = project(stage=stage)
    if stage in sources:
        assert p.advance(gate).stage is target
        assert gate in p.gates()
        return
    with pytest.raises(StageGateError) as raised:
        p.advance(gate)
    message = str(raised.value)
    assert f"stage {stage.value}" in message
    assert gate.value in message
    assert gate.label in message
    assert "'FBC1'" in message
    assert p.stage is stage  # the original is untouched


def test_gates_carry_the_source_wording() -> None:
    assert StageGate.PROCEED_TO_IMPLEMENT.label == "Decision to proceed to implement"
    assert StageGate.PROCEED_TO_GO_LIVE.label == "Decision to proceed to Go Live"
    assert StageGate.CLOSE.label == "Decision to Close project"
    for gate in (StageGate.PROCEED_TO_IMPLEMENT, StageGate.PROCEED_TO_GO_LIVE, StageGate.CLOSE):
        assert gate.source is not None
        # The documents, in neutral words: the generic model names no data set's files.
        assert "Whole Essex Community Budget business cases" in gate.source
        assert "002_" not in gate.source
    assert StageGate.PROCEED_TO_OUTLINE_BUSINESS_CASE.source is None
    assert StageGate.PROCEED_TO_STRATEGIC_OUTLINE_CASE.source is None
    assert gates_from(Stage.IDEA) == (
        StageGate.PROCEED_TO_STRATEGIC_OUTLINE_CASE,
        StageGate.PROCEED_TO_OUTLINE_BUSINESS_CASE,
        StageGate.CLOSE,
    )


def test_advance_refuses_a_non_gate() -> None:
    with pytest.raises(WecbTypeError, match=r"Project\.advance\.gate"):
        project().advance("proceed_to_implement")  # type: ignore[arg-type]


# -- projects and pilots ------------------------------------------------------------------


def test_cash_flows_are_table_flows_then_explicit_flows() -> None:
    extra = CashFlow(amount=k(5), nature=Nature.COST, period=FinancialYear(2014), payer="ecc")
    table = essex_table("FBC1")
    p = project(table=table, flows=(extra,))
    assert p.cash_flows == (*table.cash_flows(), extra)
    assert p.table_flow_count == 5
    assert project(flows=(extra,)).cash_flows == (extra,)
    assert project().cash_flows == ()
    # The cache follows edits.
    assert attrs.evolve(p, table=None).cash_flows == (extra,)


def test_project_equality_and_hash_ignore_the_cache() -> None:
    a = project(table=essex_table("FBC2"))
    b = project(table=essex_table("FBC2"))
    assert a == b
    assert hash(a) == hash(b)
    assert "_cash_flows" not in repr(a)


def test_fbc1_pilots() -> None:
    ica = Pilot(
        key="ica_south_essex",
        name="Integrated Commissioning Arrangement",
        area="South Essex",
        integration_level=IntegrationLevel.INTEGRATED_COMMISSIONING_ARRANGEMENT,
    )
    scb = Pilot(
        key="scb_north_east_essex",
        name="Single Commissioning Body",
        area="North East Essex",
        integration_level=IntegrationLevel.SINGLE_COMMISSIONING_BODY,
    )
    p = project(pilots=(ica, scb))
    assert [int(pilot.integration_level) for pilot in p.pilots] == [4, 5]
    with pytest.raises(ValidationError, match=r"Project\.pilots\[1\]\.key: 'ica_south_essex'"):
        project(pilots=(ica, attrs.evolve(scb, key=ica.key)))
    with pytest.raises(WecbTypeError, match=r"Pilot\.integration_level: 4"):
        attrs.evolve(ica, integration_level=4)
    with pytest.raises(ValidationError, match=r"Pilot\.area"):
        attrs.evolve(ica, area="")


@pytest.mark.parametrize(
    ("field", "value", "accepted", "error"),
    [
        ("key", "FBC 1", "a key", ValidationError),
        ("title", "", "non-blank", ValidationError),
        ("domain", None, "a key", WecbTypeError),
        ("leads", ["ecc"], "a tuple", WecbTypeError),
        ("leads", ("ecc", "ecc"), "distinct", ValidationError),
        ("leads", ("Essex CC",), "a key", ValidationError),
        ("big_idea", "", "non-blank", ValidationError),
        ("approach", ("",), "non-blank", ValidationError),
        (
            "integration_level",
            4,
            "IntegrationLevel.INTEGRATED_COMMISSIONING_ARRANGEMENT",
            WecbTypeError,
        ),
        ("stage", "idea", "Stage.IDEA", WecbTypeError),
        ("table", {}, "a CostBenefitTable", WecbTypeError),
        ("flows", ({},), "a CashFlow", WecbTypeError),
        ("pilots", ("ica",), "a Pilot", WecbTypeError),
        ("source", "", "non-blank", ValidationError),
    ],
)
def test_project_validators(
    field: str, value: object, accepted: str, error: type[Exception]
) -> None:
    with pytest.raises(error) as raised:
        project(**{field: value})
    assert str(raised.value).startswith(f"Project.{field}")
    assert accepted in str(raised.value)
