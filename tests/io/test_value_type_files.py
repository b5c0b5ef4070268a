"""Programme files and value types (issue 10): ``cashable`` is written where a reader could
not derive it, round trips keep it, and a file written for wecb 0.1.0 (benefits with no
value type, fiscal benefits with no ``cashable``) is refused with every entry concerned
listed, what 0.1.0 assumed and what to write to keep that reading."""

from __future__ import annotations

import json
import tomllib
from typing import Any

import pytest
from hypothesis import given

from samples import small_table
from strategies import io_programmes
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.datasets import essex_2012
from wecb.errors import LoadError
from wecb.io import dumps, loads, schema
from wecb.io._convert import derived_cashable
from wecb.model.cashflows import CashFlow, CostType, Nature, ValueType
from wecb.model.programme import Programme
from wecb.model.projects import Project
from wecb.model.tables import CostBenefitTable

FORMATS = ("toml", "json")
FY14 = FinancialYear(2014)


def _programme(*flows: CashFlow, table: CostBenefitTable | None = None) -> Programme:
    essex = essex_2012()
    project = Project(
        key="P1", title="One", domain="community_safety", flows=tuple(flows), table=table
    )
    return essex.evolve(
        projects=(project,), funding_streams=(), figures=(), team_plans=(), asks=()
    )


def _written_flows(programme: Programme, fmt: str = "json") -> list[dict[str, Any]]:
    text = dumps(programme, fmt)  # type: ignore[arg-type]
    document = json.loads(text) if fmt == "json" else tomllib.loads(text)
    flows: list[dict[str, Any]] = document["projects"][0]["lines"]  # a line per flow here
    return flows


def _benefit(value_type: ValueType, cashable: bool | None = None) -> CashFlow:
    stated = {} if cashable is None else {"cashable": cashable}
    return CashFlow(
        amount=Money("10"), nature=Nature.BENEFIT, period=FY14, value_type=value_type, **stated
    )


def _cost(cost_type: CostType | None, cashable: bool | None = None) -> CashFlow:
    stated = {} if cashable is None else {"cashable": cashable}
    return CashFlow(
        amount=Money("10"), nature=Nature.COST, period=FY14, cost_type=cost_type, **stated
    )


# -- writing ---------------------------------------------------------------------------------

FLOWS = {
    "fiscal cashable": _benefit(ValueType.FISCAL, True),
    "fiscal non-cashable": _benefit(ValueType.FISCAL, False),
    "economic": _benefit(ValueType.ECONOMIC),
    "social": _benefit(ValueType.SOCIAL),
    "unclassified": _benefit(ValueType.UNCLASSIFIED),
    "cost": _cost(None),
    "revenue cost not cash": _cost(CostType.REVENUE, False),
    "in-kind cost": _cost(CostType.IN_KIND),
}
# What each flow's file entry says about cashability (absent: the reader derives it).
WRITTEN = {
    "fiscal cashable": True,
    "fiscal non-cashable": False,
    "economic": None,
    "social": None,
    "unclassified": None,
    "cost": None,
    "revenue cost not cash": False,
    "in-kind cost": None,
}


@pytest.mark.parametrize("fmt", FORMATS)
def test_cashable_is_written_where_a_reader_could_not_derive_it(fmt: str) -> None:
    written = _written_flows(_programme(*FLOWS.values()), fmt)
    assert {
        name: entry.get("cashable") for name, entry in zip(FLOWS, written, strict=True)
    } == WRITTEN
    # Every benefit states its value type; no cost has one.
    for name, entry in zip(FLOWS, written, strict=True):
        assert ("value_type" in entry) == (FLOWS[name].nature is Nature.BENEFIT)


def test_cashable_follows_value_type_in_the_written_entry() -> None:
    (entry,) = _written_flows(_programme(FLOWS["fiscal cashable"]))
    assert list(entry) == ["nature", "value_type", "cashable", "amounts"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", list(FLOWS))
def test_cashability_round_trips(fmt: str, name: str) -> None:
    programme = _programme(FLOWS[name])
    again = loads(dumps(programme, fmt), fmt)  # type: ignore[arg-type]
    assert again == programme
    (flow,) = again.project("P1").flows
    assert (flow.cashable, flow.value_type) == (FLOWS[name].cashable, FLOWS[name].value_type)


def test_the_derived_cashability_is_the_models_default() -> None:
    for name, flow in FLOWS.items():
        derived = derived_cashable(flow)
        if flow.value_type is ValueType.FISCAL:
            assert derived is None, name  # a fiscal benefit always says
        else:
            bare = CashFlow(
                amount=flow.amount,
                nature=flow.nature,
                period=flow.period,
                cost_type=flow.cost_type,
                value_type=flow.value_type,
            )
            assert bare.cashable is derived, name


@given(io_programmes())
def test_generated_files_state_every_benefits_value_type_and_fiscal_cashability(
    programme: Programme,
) -> None:
    document = json.loads(dumps(programme, "json"))
    for project in document.get("projects", []):
        for entry in project.get("lines", []):
            if entry["nature"] == "benefit":
                assert "value_type" in entry
                assert ("cashable" in entry) == (entry["value_type"] == "fiscal")


# -- tables ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_tables_value_types_and_their_note_round_trip(fmt: str) -> None:
    noted = small_table(
        non_cashable_value_type=ValueType.SOCIAL, value_type_note="the case says so"
    )
    programme = _programme(table=noted)
    text = dumps(programme, fmt)  # type: ignore[arg-type]
    again = loads(text, fmt)  # type: ignore[arg-type]
    assert again == programme
    assert again.project("P1").table == noted
    document = json.loads(text) if fmt == "json" else tomllib.loads(text)
    written = document["projects"][0]["table"]
    assert written["non_cashable_value_type"] == "social"
    assert written["value_type_note"] == "the case says so"


def test_a_table_with_the_default_value_type_leaves_it_out() -> None:
    document = json.loads(dumps(_programme(table=small_table()), "json"))
    assert "non_cashable_value_type" not in document["projects"][0]["table"]
    assert "value_type_note" not in document["projects"][0]["table"]


def test_the_essex_tables_state_their_value_types_and_why() -> None:
    for project in essex_2012().projects:
        if project.table is None:
            continue
        assert project.table.non_cashable_value_type is ValueType.UNCLASSIFIED
        note = project.table.value_type_note or ""
        assert "fiscal by definition" in note and "do not split" in note


# -- files written for wecb 0.1.0 ------------------------------------------------------------

OLD_FILE = """\
format = "wecb.programme"
format_version = 1
name = "Old"
place = "Somewhere"

[[partners]]
key = "ecc"
name = "County"
kind = "county_council"

[[domains]]
key = "health"
name = "Health"
kind = "thematic"

[[projects]]
key = "triage"
title = "Street triage"
domain = "health"

[[projects.flows]]
amount = "£100.00"
nature = "cost"
period = "2012/13"
payer = "ecc"

[[projects.flows]]
amount = "£80.00"
nature = "benefit"
period = "2013/14"
beneficiary = "ecc"

[[projects.flows]]
amount = "£20.00"
nature = "benefit"
period = "2013/14"
value_type = "fiscal"

[[projects]]
key = "hubs"
title = "Community hubs"
domain = "health"

[[projects.flows]]
amount = "£5.00"
nature = "benefit"
period = "2013/14"
cashable = false

[[projects.flows]]
amount = "£7.00"
nature = "benefit"
period = "2013/14"
value_type = "social"
"""

# (entry, field, what the problem says) for every problem of OLD_FILE, in file order.
OLD_PROBLEMS = [
    ("projects[0] (triage)", "flows[1].value_type", "wecb 0.1.0 read a missing value_type"),
    ("projects[0] (triage)", "flows[1].cashable", "wecb 0.1.0 read a missing cashable"),
    ("projects[0] (triage)", "flows[2].cashable", "wecb 0.1.0 read a missing cashable"),
    ("projects[1] (hubs)", "flows[0].value_type", "wecb 0.1.0 read a missing value_type"),
]


def _old_file(fmt: str) -> str:
    return OLD_FILE if fmt == "toml" else json.dumps(tomllib.loads(OLD_FILE))


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_file_for_0_1_0_is_refused_with_every_problem_listed(fmt: str) -> None:
    with pytest.raises(LoadError) as caught:
        loads(_old_file(fmt), fmt, name="old")  # type: ignore[arg-type]
    error = caught.value
    assert (error.entry, error.field) == OLD_PROBLEMS[0][:2]
    assert len(error.problems) == len(OLD_PROBLEMS)
    for problem, (entry, field, said) in zip(error.problems, OLD_PROBLEMS, strict=True):
        assert problem.startswith(f"entry {entry!r}, field {field!r}: required for a")
        assert said in problem
        assert problem.split(": ", 1)[1] in str(error)
    assert str(error).startswith("file 'old', entry 'projects[0] (triage)'")
    assert "(and 3 more problems:" in str(error)


def test_the_refusal_says_what_to_write_to_keep_0_1_0s_reading() -> None:
    with pytest.raises(LoadError) as caught:
        loads(OLD_FILE, "toml")
    value_type, cashable = caught.value.problems[:2]
    assert "read a missing value_type as 'fiscal': set value_type to \"fiscal\"" in value_type
    assert "one of 'fiscal', 'economic', 'social', or 'unclassified'" in value_type
    assert "read a missing cashable as true: set cashable to true" in cashable
    assert "false if not (such as freed capacity or avoided demand)" in cashable


def test_a_0_1_0_file_once_updated_keeps_its_reading() -> None:
    updated = OLD_FILE.replace(
        'beneficiary = "ecc"\n', 'beneficiary = "ecc"\nvalue_type = "fiscal"\ncashable = true\n'
    )
    updated = updated.replace(
        'value_type = "fiscal"\n\n', 'value_type = "fiscal"\ncashable = true\n\n'
    )
    updated = updated.replace("cashable = false\n", 'cashable = false\nvalue_type = "fiscal"\n')
    programme = loads(updated, "toml")
    benefits = [f for _, f in programme.cash_flows() if f.is_benefit]
    assert [(f.value_type, f.cashable) for f in benefits] == [
        (ValueType.FISCAL, True),
        (ValueType.FISCAL, True),
        (ValueType.FISCAL, False),
        (ValueType.SOCIAL, False),  # not cashable: only a fiscal benefit can be
    ]


def test_other_problems_of_the_same_flow_are_listed_too() -> None:
    text = OLD_FILE.replace('beneficiary = "ecc"\n', 'payer = "ecc"\nlabel = ""\n', 1)
    with pytest.raises(LoadError) as caught:
        loads(text, "toml")
    fields = [p.split(": ", 1)[0] for p in caught.value.problems]
    assert "entry 'projects[0] (triage)', field 'flows[1].value_type'" in fields
    assert "entry 'projects[0] (triage)', field 'flows[1].label'" in fields


def test_cashable_on_a_benefit_that_is_not_fiscal_is_refused_in_a_file() -> None:
    text = OLD_FILE.replace('value_type = "social"\n', 'value_type = "social"\ncashable = true\n')
    text = text.replace('beneficiary = "ecc"\n', 'beneficiary = "ecc"\nvalue_type = "economic"\n')
    with pytest.raises(LoadError) as caught:
        loads(text, "toml")
    problems = caught.value.problems
    assert any("projects[1] (hubs)', field 'flows[0].value_type'" in p for p in problems)
    assert any(
        "projects[1] (hubs)', field 'flows[1].cashable': CashFlow.cashable: True is not "
        "accepted; expected False for a social benefit" in p
        for p in problems
    )


# -- the schema ------------------------------------------------------------------------------


def test_the_schema_knows_unclassified_and_the_value_type_note() -> None:
    definitions = schema()["$defs"]
    assert definitions["value_type"]["enum"] == [v.value for v in ValueType]
    assert "value_type_note" in definitions["cost_benefit_table"]["properties"]


def _flow_entry(**fields: Any) -> dict[str, Any]:
    return {"amount": "£10.00", "period": "2013/14", **fields}


@pytest.mark.parametrize(
    ("entry", "valid"),
    [
        (_flow_entry(nature="benefit"), False),
        (_flow_entry(nature="benefit", value_type="fiscal"), False),
        (_flow_entry(nature="benefit", value_type="fiscal", cashable=True), True),
        (_flow_entry(nature="benefit", value_type="social"), True),
        (_flow_entry(nature="benefit", value_type="social", cashable=False), True),
        (_flow_entry(nature="benefit", value_type="unclassified", cashable=True), False),
        (_flow_entry(nature="cost"), True),
        (_flow_entry(nature="cost", cost_type="in_kind", cashable=True), False),
        (_flow_entry(nature="cost", value_type="fiscal"), False),
    ],
)
def test_the_schema_states_the_value_type_rules(entry: dict[str, Any], valid: bool) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    flow_schema = {**schema(), "$ref": "#/$defs/cash_flow"}
    for key in ("properties", "required", "additionalProperties", "type", "title"):
        flow_schema.pop(key, None)
    errors = list(jsonschema.Draft202012Validator(flow_schema).iter_errors(entry))
    assert (errors == []) is valid, errors


@given(io_programmes())
def test_generated_files_satisfy_the_schemas_cash_flow_rules(programme: Programme) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    flow_schema = {"$defs": schema()["$defs"], "$ref": "#/$defs/line"}
    validator = jsonschema.Draft202012Validator(flow_schema)
    document = json.loads(dumps(programme, "json"))
    for project in document.get("projects", []):
        for entry in project.get("lines", []):
            assert list(validator.iter_errors(entry)) == []
