"""Asks of government: the record, the programme's checks, every file format, migration and
the Essex register."""

from __future__ import annotations

import tempfile
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import wecb
from seed_documents import document_text
from strategies.asks import ask_programmes
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.datasets import essex_2012
from wecb.errors import LoadError, ProgrammeError, UnknownKeyError, ValidationError, WecbTypeError
from wecb.model.asks import Ask, AskKind, AskStatus
from wecb.model.builder import ProgrammeBuilder
from wecb.model.cashflows import CashFlow, CostType, Nature
from wecb.model.documents import Citation
from wecb.model.programme import Programme

_FBC = {"FBC1": 6, "FBC2": 5, "FBC3": 6, "FBC4": 6, "FBC5": 2}


def _ask(**changes: object) -> Ask:
    given: dict[str, object] = {
        "key": "a1",
        "project": "P",
        "text": "Share the data",
        "kind": AskKind.DATA_SHARING,
        "status": AskStatus.ASKED,
        "addressed_to": ("moj",),
    }
    given.update(changes)
    return Ask(**given)  # type: ignore[arg-type]


def _builder() -> ProgrammeBuilder:
    return (
        ProgrammeBuilder("Asks", "Here")
        .partner("council", "Council", kind="unitary_council")
        .partner("moj", "Ministry of Justice", kind="whitehall_department")
        .domain("d", "D", kind="thematic")
        .project("P", "Pilot", domain="d")
        .ask(
            "a1",
            "P",
            text="Share the data",
            kind="data_sharing",
            status="asked",
            addressed_to=["moj"],
        )
    )


# -- the record --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "error", "accepted"),
    [
        ("key", "a 1", ValidationError, "a key"),
        ("project", None, WecbTypeError, "a key"),
        ("text", " ", ValidationError, "non-blank"),
        ("kind", "funding", WecbTypeError, "AskKind.FUNDING ('funding')"),
        ("status", "agreed", WecbTypeError, "AskStatus.AGREED ('agreed')"),
        ("addressed_to", ["moj"], WecbTypeError, "a tuple"),
        ("addressed_to", ("moj", "moj"), ValidationError, "distinct"),
        ("source", "", ValidationError, "non-blank"),
    ],
)
def test_an_ask_names_the_field_and_value_it_refuses(
    field: str, value: object, error: type[Exception], accepted: str
) -> None:
    with pytest.raises(error, match=rf"^Ask\.{field}") as raised:
        _ask(**{field: value})
    assert accepted in str(raised.value)


def test_an_ask_shows_its_project_kind_status_and_departments() -> None:
    assert repr(_ask()) == "<Ask a1 (P): data_sharing, asked, to moj>"
    assert repr(_ask(addressed_to=())) == "<Ask a1 (P): data_sharing, asked>"
    assert [s for s in AskStatus if s.granted] == [AskStatus.AGREED]


def test_a_line_names_the_asks_it_requires_once_each() -> None:
    flow = CashFlow(
        amount=Money(5),
        nature=Nature.COST,
        period=FinancialYear(2014),
        cost_type=CostType.REVENUE,
        requires=("a1", "a2"),
    )
    assert flow.requires == ("a1", "a2")
    with pytest.raises(ValidationError, match=r"CashFlow\.requires\[1\].*distinct ask keys"):
        attrs.evolve(flow, requires=("a1", "a1"))
    with pytest.raises(WecbTypeError, match=r"CashFlow\.requires.*a tuple"):
        attrs.evolve(flow, requires=["a1"])


# -- the programme's checks -----------------------------------------------------------------


def test_the_programme_checks_every_reference_of_its_asks() -> None:
    built = _builder().build()
    assert built.ask("a1").addressed_to == ("moj",)
    with pytest.raises(UnknownKeyError, match=r"unknown ask 'a2'; known: 'a1'"):
        built.ask("a2")
    wrong = (
        _ask(key="a2", project="Q"),
        _ask(key="a3", addressed_to=("council",)),
        _ask(key="a4", addressed_to=("dfe",)),
        _ask(key="a1"),
    )
    with pytest.raises(ProgrammeError) as raised:
        built.evolve(asks=(*built.asks, *wrong))
    assert list(raised.value.problems) == [
        "asks[4].key: duplicate key 'a1' (also at asks[0])",
        "asks['a2'].project: unknown project 'Q'; known: 'P'",
        "asks['a3'].addressed_to[0]: partner 'council' is a unitary council; an ask is "
        "addressed to a partner of kind whitehall_department or national_agency",
        "asks['a4'].addressed_to[0]: unknown partner 'dfe'; known: 'council', 'moj'",
    ]


def test_a_line_requiring_an_unknown_ask_is_refused_naming_the_line() -> None:
    builder = _builder().line(
        "P",
        nature="cost",
        payer="council",
        cost_type="revenue",
        amounts={"2014/15": "£5"},
        requires=["a9"],
    )
    with pytest.raises(
        ProgrammeError,
        match=r"line 1 \(project 'P', 2014/15\): "
        r"projects\['P'\]\.flows\[0\]\.requires\[0\]: unknown ask 'a9'; "
        r"known: 'a1'",
    ):
        builder.build()


def test_business_as_usual_requires_no_ask() -> None:
    builder = _builder().line(
        "P",
        nature="cost",
        payer="council",
        cost_type="revenue",
        amounts={"2014/15": "£5"},
        requires=["a1"],
        counterfactual=True,
    )
    with pytest.raises(
        ProgrammeError,
        match=r"counterfactual\[0\]\.requires: \('a1',\) is not "
        r"accepted; a business-as-usual \(counterfactual\) line",
    ):
        builder.build()


def test_dropping_a_project_drops_its_asks() -> None:
    built = _builder().project("Q", "Other", domain="d").build()
    smaller, dropped = built.without_project("P")
    assert smaller.asks == () and [a.key for a in dropped.asks] == ["a1"]
    assert "1 ask ('a1')" in str(dropped)


# -- files ---------------------------------------------------------------------------------


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ask_programmes())
def test_asks_and_requires_survive_toml_and_json(programme: Programme) -> None:
    for fmt in ("toml", "json"):
        assert wecb.loads(wecb.dumps(programme, fmt), fmt) == programme


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ask_programmes())
def test_asks_and_requires_survive_a_workbook(programme: Programme) -> None:
    pytest.importorskip("openpyxl")
    with tempfile.TemporaryDirectory() as folder:
        path = wecb.io.write_workbook(programme, Path(folder) / "asks.xlsx")
        assert wecb.io.read_workbook(path) == programme


def test_the_schema_describes_an_ask_and_a_line_requiring_one() -> None:
    schema = wecb.io.schema()
    definition = schema["$defs"]["ask"]
    fields = [a for a in attrs.fields(Ask) if a.init]
    assert set(definition["properties"]) == {a.name for a in fields}
    assert set(definition["required"]) == {a.name for a in fields if a.default is attrs.NOTHING}
    assert schema["$defs"]["ask_kind"]["enum"] == [k.value for k in AskKind]
    assert schema["$defs"]["ask_status"]["enum"] == [s.value for s in AskStatus]
    assert "requires" in schema["$defs"]["line"]["properties"]
    assert "asks" not in schema["$defs"]["project"]["properties"]
    jsonschema = pytest.importorskip("jsonschema")
    built = (
        _builder()
        .line(
            "P",
            nature="cost",
            payer="council",
            cost_type="revenue",
            amounts={"2014/15": "£5"},
            requires=["a1"],
        )
        .build()
    )
    import json  # noqa: PLC0415

    jsonschema.validate(json.loads(wecb.dumps(built, "json")), schema)


_V1 = """\
format = "wecb.programme"
format_version = 1
name = "Old"
place = "Here"

[[partners]]
key = "ecc"
name = "Essex County Council"
kind = "county_council"

[[domains]]
key = "d"
name = "D"
kind = "thematic"

[[projects]]
key = "P1"
title = "Pilot"
domain = "d"
asks = ["Devolve the skills budget.", "Share the offender data."]
source = "The business case"
"""


def test_a_version_1_projects_asks_become_records_and_migrate_lists_each(
    tmp_path: Path,
) -> None:
    old = wecb.loads(_V1, "toml")
    assert [(a.key, a.project, a.text, a.kind, a.status, a.source) for a in old.asks] == [
        (
            "P1_ask_1",
            "P1",
            "Devolve the skills budget.",
            AskKind.OTHER,
            AskStatus.ASKED,
            "The business case",
        ),
        (
            "P1_ask_2",
            "P1",
            "Share the offender data.",
            AskKind.OTHER,
            AskStatus.ASKED,
            "The business case",
        ),
    ]
    path = tmp_path / "old.toml"
    path.write_text(_V1, "utf-8")
    done = wecb.io.migrate(path)
    moves = [c for c in done.changes if ".asks[" in c]
    assert moves == [
        "projects['P1'].asks[0]: moved to asks['P1_ask_1'] with kind 'other' and status "
        "'asked' (version 1 states neither; review them) and the project's source",
        "projects['P1'].asks[1]: moved to asks['P1_ask_2'] with kind 'other' and status "
        "'asked' (version 1 states neither; review them) and the project's source",
    ]
    assert wecb.load(path) == old
    assert "[[asks]]" in path.read_text("utf-8")


def test_a_version_2_project_may_not_hold_asks() -> None:
    text = wecb.dumps(_builder().build()).replace(
        'domain = "d"\n', 'domain = "d"\nasks = ["Share the data"]\n', 1
    )
    with pytest.raises(
        LoadError,
        match=r"entry 'projects\[0\] \(P\)', field 'asks': a "
        r"project's asks are the programme's top-level \[\[asks\]\] records",
    ):
        wecb.loads(text, "toml")


# -- the Essex register ---------------------------------------------------------------------


def test_essex_records_the_25_asks_verbatim_with_their_sources() -> None:
    essex = essex_2012()
    assert len(essex.asks) == 25
    assert {p: sum(a.project == p for a in essex.asks) for p in _FBC} == _FBC
    text = document_text("tdc_cabinet_2012_11_07")
    for ask in essex.asks:
        number = int(ask.key.rsplit("_", 1)[1])
        assert ask.key == f"{ask.project}_ask_{number}"
        assert ask.status is AskStatus.ASKED
        assert isinstance(ask.source, Citation)
        assert ask.source.document == "tdc_cabinet_2012_11_07"
        assert ask.source.quote == ask.text
        assert f"- {ask.text}" in text or ask.text in text, ask.key


def test_essex_asks_are_byte_identical_to_the_business_cases() -> None:
    from seed_documents import document_raw  # noqa: PLC0415

    raw = document_raw("tdc_cabinet_2012_11_07")
    listed = [line[2:] for line in raw.splitlines() if line.startswith("- ")]
    for ask in essex_2012().asks:
        assert ask.text in listed, ask.key


def test_essex_names_a_department_only_where_the_ask_does() -> None:
    essex = essex_2012()
    named = {a.key: a.addressed_to for a in essex.asks if a.addressed_to}
    assert named == {
        "FBC2_ask_2": ("bis", "dfe"),
        "FBC3_ask_2": ("bis", "dwp"),
        "FBC3_ask_4": ("moj", "noms"),
        "FBC3_ask_6": ("moj",),
    }
    words = {"bis": "BIS", "dfe": "DfE", "dwp": "DWP", "moj": "MoJ", "noms": "NOMS"}
    for key, departments in named.items():
        for department in departments:
            assert words[department] in essex.ask(key).text
    assert not any(flow.requires for _, flow in essex.cash_flows())
