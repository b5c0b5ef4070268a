"""Programme files (wecb.io): round trips, errors naming file/entry/field, limits, versions,
atomic saving and the JSON Schema."""

from __future__ import annotations

import copy
import json
import os
import stat
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import wecb
import wecb.io._atomic as _atomic
import wecb.io.files as files
from strategies import io_programmes, programmes
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.datasets import essex_2012, essex_2012_path
from wecb.errors import LoadError, WecbError
from wecb.io import (
    FORMAT,
    FORMAT_VERSION,
    SUPPORTED_VERSIONS,
    dumps,
    load,
    loads,
    save,
    schema,
)
from wecb.io._lines import flow_fields, lines_key
from wecb.io.files import DEFAULT_MAX_DEPTH
from wecb.model.cashflows import CashFlow, Nature
from wecb.model.decisions import GateDecision
from wecb.model.facts import Figure, TeamPlan
from wecb.model.funding import FundingStream
from wecb.model.integration import PoolingArrangement
from wecb.model.milestones import Milestone
from wecb.model.partners import Partner
from wecb.model.programme import Programme
from wecb.model.projects import Pilot, Project
from wecb.model.tables import CostBenefitTable

FORMATS = ("toml", "json")


def _amounts(programme: Programme) -> list[str]:
    """Every amount in the programme as the full-precision text str() gives."""
    out = [str(f.amount) for _, f in programme.cash_flows()]
    out += [str(s.amount) for s in programme.funding_streams]
    out += [str(f.amount) for f in programme.figures]
    return out


def _document(programme: Programme) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(dumps(programme, "json"))
    return result


# -- round trips -----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_essex_round_trips_exactly(fmt: str) -> None:
    essex = essex_2012()
    text = dumps(essex, fmt)  # type: ignore[arg-type]
    again = loads(text, fmt)  # type: ignore[arg-type]
    assert again == essex
    assert _amounts(again) == _amounts(essex)
    assert [f.count for f in again.figures] == [f.count for f in essex.figures]
    assert dumps(again, fmt) == text  # type: ignore[arg-type]


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_save_then_load_gives_an_equal_programme(tmp_path: Path, suffix: str) -> None:
    path = save(essex_2012(), tmp_path / f"essex{suffix}")
    assert path == tmp_path / f"essex{suffix}"
    assert load(path) == essex_2012()
    assert wecb.load(str(path)) == essex_2012()


@given(io_programmes())
def test_generated_programmes_round_trip_in_both_formats(programme: Programme) -> None:
    for fmt in FORMATS:
        text = dumps(programme, fmt)  # type: ignore[arg-type]
        again = loads(text, fmt)  # type: ignore[arg-type]
        assert again == programme
        assert _amounts(again) == _amounts(programme)
        assert dumps(again, fmt) == text  # type: ignore[arg-type]


@given(io_programmes())
def test_toml_and_json_hold_the_same_data(programme: Programme) -> None:
    assert tomllib.loads(dumps(programme, "toml")) == json.loads(dumps(programme, "json"))


def test_exact_digits_and_currencies_survive() -> None:
    base = essex_2012()
    odd = Money("0.000123456789123456789")
    stream = FundingStream(
        key="tiny", name="Tiny", funder="ecc", arrangement=PoolingArrangement.ALIGNED, amount=odd
    )
    flow = CashFlow(
        amount=Money("1234567890123.45678"), nature=Nature.COST, period=FinancialYear(2019)
    )
    project = attrs.evolve(base.project("FBC3"), flows=(flow,))
    changed = base.with_project(project).evolve(funding_streams=(*base.funding_streams, stream))
    for fmt in FORMATS:
        again = loads(dumps(changed, fmt), fmt)  # type: ignore[arg-type]
        assert again.stream("tiny").amount.amount == odd.amount
        assert again.project("FBC3").flows[0].amount.amount == flow.amount.amount


def _tiny(**changes: Any) -> Programme:
    """A small valid programme: one partner, one domain, one project with a table."""
    essex = essex_2012()
    table = essex.project("FBC3").table
    assert table is not None
    fields: dict[str, Any] = {
        "name": "Tiny",
        "place": "Somewhere",
        "partners": (essex.partner("ecc"),),
        "domains": (essex.domain("community_safety"),),
        "projects": (Project(key="P1", title="One", domain="community_safety", table=table),),
        "periods": essex.periods,
        "documents": essex.documents,
    }
    fields.update(changes)
    return Programme(**fields)


def test_table_figures_are_written_as_published() -> None:
    text = dumps(essex_2012(), "toml")
    assert 'unit = "£\'000"' in text
    assert 'net_non_cashable = "-151,406"' in text
    assert 'costs_further_implementation = "3,081"' in text


def test_non_gbp_tables_state_their_currency() -> None:
    table = CostBenefitTable.from_thousands(
        costs_to_mar_2013="1",
        costs_to_mar_2014="2",
        costs_further_implementation="3",
        net_cashable="-4",
        net_non_cashable="-5",
        net_total="-9",
        currency="EUR",
    )
    programme = _tiny(
        currency="EUR",
        partners=(),
        projects=(Project(key="P1", title="One", domain="community_safety", table=table),),
    )
    text = dumps(programme, "toml")
    assert 'unit = "EUR\'000"' in text
    assert loads(text, "toml") == programme


def test_toml_uses_headers_for_tables_and_inline_tables_only_for_amounts() -> None:
    flow = CashFlow(amount=Money("5"), nature=Nature.COST, period=FinancialYear(2014))
    project = attrs.evolve(essex_2012().project("FBC1"), flows=(flow,))
    text = dumps(essex_2012().with_project(project), "toml")
    for header in (
        "[[projects]]",
        "[projects.table]",
        "[[projects.pilots]]",
        "[[projects.lines]]",
        "[[partners]]",
        "[[periods]]",
        "[[figures]]",
    ):
        assert f"\n{header}\n" in text
    inline = [line for line in text.splitlines() if "= {" in line]
    assert inline == ['amounts = { "2014/15" = "£5.00" }'] and "\n    {" not in text
    assert text.startswith(f'format = "{FORMAT}"\nformat_version = {FORMAT_VERSION}\n')


# -- malformed input: each error names the file, the entry and the field ---------------------


def _broken(change: Callable[[dict[str, Any]], None]) -> LoadError:
    document = copy.deepcopy(_document(essex_2012()))
    change(document)
    with pytest.raises(LoadError) as caught:
        loads(json.dumps(document), "json", name="essex.json")
    assert caught.value.path == "essex.json"
    assert str(caught.value).startswith("file 'essex.json'")
    return caught.value


def _parent(document: dict[str, Any], path: tuple[Any, ...]) -> Any:
    target: Any = document
    for step in path[:-1]:
        target = target[step]
    return target


def _set(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        _parent(document, path)[path[-1]] = value

    return change


def _drop(path: tuple[Any, ...]) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        del _parent(document, path)[path[-1]]

    return change


@pytest.mark.parametrize(
    ("change", "entry", "field", "says"),
    [
        (_drop(("projects", 2, "title")), "projects[2] (FBC3)", "title", "missing"),
        (
            _set(("projects", 2, "table", "net_cashable"), 517),
            "projects[2] (FBC3)",
            "table.net_cashable",
            "got an integer 517",
        ),
        (
            _set(("projects", 2, "table", "net_cashable"), "5.1.7"),
            "projects[2] (FBC3)",
            "table.net_cashable",
            "'5.1.7'",
        ),
        (
            _set(("funding_streams", 0, "amount"), "£1.2.3"),
            "funding_streams[0] (wecb_underspend)",
            "amount",
            "'£1.2.3'",
        ),
        (
            _set(("periods", 0, "until"), "2012/14"),
            "periods[0] (to_mar_2013)",
            "until",
            "'2012/14' is not a financial year",
        ),
        (
            _set(
                ("projects", 0, "lines"),
                [{"amounts": {"2013/15": "£5.00"}, "nature": "cost"}],
            ),
            "projects[0] (FBC1)",
            "lines[0].amounts.2013/15",
            "'2013/15'",
        ),
        (
            _set(
                ("projects", 0, "lines"),
                [{"amounts": {"2013/14": "-£5.00"}, "nature": "cost"}],
            ),
            "projects[0] (FBC1)",
            "lines[0].amounts.2013/14",
            "zero or more",
        ),
        (
            _set(("projects", 0, "pilots", 1, "integration_level"), 7),
            "projects[0] (FBC1)",
            "pilots[1].integration_level",
            "expected one of 1, 2, 3, 4, 5",
        ),
        (_set(("partners", 0, "kind"), "council"), "partners[0] (ecc)", "kind", "'council'"),
        (
            _set(("figures", 0, "amount"), 500000.0),
            "figures[0] (whitehall_secondment_budget)",
            "amount",
            "float",
        ),
        (
            _set(("team_plans", 0, "teams"), True),
            "team_plans[0] (fbc5_teams_2013)",
            "teams",
            "whole number",
        ),
        (_set(("projects", 0, "titel"), "x"), "projects[0] (FBC1)", "titel", "unknown field"),
        (_set(("name",), 3), "programme", "name", "expected text"),
        (_drop(("place",)), "programme", "place", "missing"),
        (_set(("projects",), "FBC1"), "programme", "projects", "expected a list"),
        (_set(("projects", 1), "FBC2"), "projects[1]", None, "Project"),
        (
            _set(("projects", 1, "table", "unit"), "$'000"),
            "projects[1] (FBC2)",
            "table.unit",
            "unknown table unit",
        ),
        (
            _set(("projects", 4, "leads"), ["nobody"]),
            "projects[4] (FBC5)",
            "leads[0]",
            "unknown partner 'nobody'",
        ),
        (
            _set(("funding_streams", 5, "recipient"), "FBC9"),
            "funding_streams[5] (skills_funding)",
            "recipient",
            "unknown project 'FBC9'",
        ),
        (
            _set(("figures", 5, "domain"), "nowhere"),
            "figures[5] (health_social_care_demand)",
            "domain",
            "unknown domain 'nowhere'",
        ),
    ],
)
def test_malformed_entries_name_file_entry_and_field(
    change: Callable[[dict[str, Any]], None], entry: str, field: str | None, says: str
) -> None:
    error = _broken(change)
    assert (error.entry, error.field) == (entry, field)
    assert f"entry {entry!r}" in str(error)
    if field is not None:
        assert f"field {field!r}" in str(error)
    assert says in str(error)
    assert error.problems


def test_every_problem_is_listed() -> None:
    def two_problems(document: dict[str, Any]) -> None:
        del document["projects"][2]["title"]
        document["partners"][1]["kind"] = "council"

    error = _broken(two_problems)
    assert len(error.problems) == 2
    assert any("projects[2] (FBC3)" in p and "title" in p for p in error.problems)
    assert any("partners[1] (southend)" in p and "kind" in p for p in error.problems)
    assert "and 1 more problem" in str(error)


def test_graph_errors_keep_the_problem_list() -> None:
    def duplicate(document: dict[str, Any]) -> None:
        document["projects"].append(copy.deepcopy(document["projects"][0]))
        document["projects"][3]["leads"] = ["nobody"]

    error = _broken(duplicate)
    assert len(error.problems) == 2
    assert any("duplicate key 'FBC1'" in p for p in error.problems)
    assert any("unknown partner 'nobody'" in p for p in error.problems)
    assert error.problems[0].split(":")[0] in str(error)


def test_a_file_truncated_mid_entry_is_refused(tmp_path: Path) -> None:
    text = essex_2012_path().read_text("utf-8")
    cut = text[: text.index("[[projects]]") + len('[[projects]]\nkey = "FB')]
    path = tmp_path / "cut.toml"
    path.write_text(cut, "utf-8")
    with pytest.raises(LoadError, match=r"file '.*cut\.toml'.*not valid TOML"):
        load(path)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("[1, 2]", "expected a table"),
        ('{"format": "wecb.programme", "format": "x"}', "duplicate key 'format'"),
        ('{"format": "wecb.programme", "format_version": 1, "name": NaN}', "NaN"),
        ('{"format": ', "not valid JSON"),
    ],
)
def test_bad_json_is_refused(text: str, says: str) -> None:
    with pytest.raises(LoadError, match=says):
        loads(text, "json")


def test_files_that_are_not_utf8_or_have_unknown_suffixes(tmp_path: Path) -> None:
    binary = tmp_path / "p.toml"
    binary.write_bytes(b'name = "\xff"')
    with pytest.raises(LoadError, match="not UTF-8"):
        load(binary)
    with pytest.raises(LoadError, match=r"suffix '\.yaml'"):
        load(tmp_path / "p.yaml")
    with pytest.raises(LoadError, match="cannot read the file"):
        load(tmp_path / "missing.toml")
    copy_path = tmp_path / "essex.txt"
    copy_path.write_text(essex_2012_path().read_text("utf-8"), "utf-8")
    assert load(copy_path, format="toml") == essex_2012()


# -- header and versions ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "field", "says"),
    [
        ({}, "format", "'format' is missing"),
        ({"format": "something.else"}, "format", "is 'something.else'"),
        ({"format": FORMAT}, "format_version", "missing; supported versions: 1, 2"),
        ({"format": FORMAT, "format_version": 3}, "format_version", "newer than this wecb"),
        ({"format": FORMAT, "format_version": 0}, "format_version", "unknown format version 0"),
        ({"format": FORMAT, "format_version": "1"}, "format_version", "whole number"),
        ({"format": FORMAT, "format_version": True}, "format_version", "whole number"),
    ],
)
def test_header_and_version_are_checked(header: dict[str, Any], field: str, says: str) -> None:
    body = {
        k: v for k, v in _document(essex_2012()).items() if k not in ("format", "format_version")
    }
    with pytest.raises(LoadError) as caught:
        loads(json.dumps({**header, **body}), "json")
    assert caught.value.field == field
    assert says in str(caught.value)
    if field == "format_version":
        assert f"supported versions: {', '.join(map(str, SUPPORTED_VERSIONS))}" in str(
            caught.value
        )


# -- untrusted files: size and depth limits --------------------------------------------------


def test_size_limit(tmp_path: Path) -> None:
    text = dumps(essex_2012(), "toml")
    size = len(text.encode("utf-8"))
    with pytest.raises(LoadError, match="larger than the limit of 1,000 bytes"):
        loads(text, "toml", max_bytes=1000)
    path = tmp_path / "essex.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(LoadError, match=r"file '.*essex\.toml'.*larger than the limit"):
        load(path, max_bytes=size - 1)
    assert load(path, max_bytes=size) == essex_2012()


def test_depth_limit_is_checked_before_structuring() -> None:
    nested: Any = "x"
    for _ in range(DEFAULT_MAX_DEPTH):
        nested = [nested]
    text = json.dumps({"format": FORMAT, "format_version": 1, "notes": nested})
    with pytest.raises(LoadError, match=f"deeper than the limit of {DEFAULT_MAX_DEPTH}"):
        loads(text, "json")
    # The Essex file nests six levels deep (programme, projects, FBC1, pilots, a pilot, the
    # pilot's source: a citation).
    with pytest.raises(LoadError, match="deeper than the limit of 5"):
        loads(dumps(essex_2012(), "json"), "json", max_depth=5)
    assert loads(dumps(essex_2012(), "json"), "json", max_depth=6) == essex_2012()


@pytest.mark.parametrize("fmt", FORMATS)
def test_pathologically_deep_data_is_refused_not_crashed(fmt: str) -> None:
    depth = 100_000
    text = ("x = " if fmt == "toml" else "") + "[" * depth + "]" * depth
    with pytest.raises(LoadError, match="nested"):
        loads(text, fmt)  # type: ignore[arg-type]


# -- never anything but LoadError; never a half-built object ---------------------------------


@given(st.text(max_size=300), st.sampled_from(FORMATS))
def test_arbitrary_text_loads_or_raises_load_error(text: str, fmt: str) -> None:
    try:
        result = loads(text, fmt)  # type: ignore[arg-type]
    except LoadError:
        return
    assert isinstance(result, Programme)


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def _leaf_paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, dict):
        paths = [path] if path else []
        for key, item in value.items():
            paths += _leaf_paths(item, (*path, key))
        return paths
    if isinstance(value, list):
        paths = [path] if path else []
        for index, item in enumerate(value):
            paths += _leaf_paths(item, (*path, index))
        return paths
    return [path]


_ESSEX_PATHS = _leaf_paths(tomllib.loads(essex_2012_path().read_text("utf-8")))


@given(st.lists(st.tuples(st.sampled_from(_ESSEX_PATHS), _JSON_VALUES), min_size=1, max_size=3))
def test_mutated_files_load_or_raise_load_error(changes: list[tuple[Any, Any]]) -> None:
    document = tomllib.loads(essex_2012_path().read_text("utf-8"))
    for path, value in changes:
        target: Any = document
        try:
            for step in path[:-1]:
                target = target[step]
            target[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    try:
        result = loads(json.dumps(document), "json")
    except LoadError as error:
        assert error.path == "<string>"
        return
    assert isinstance(result, Programme)


def test_load_errors_are_wecb_errors() -> None:
    assert issubclass(LoadError, WecbError)
    assert issubclass(LoadError, ValueError)


# -- saving never corrupts ---------------------------------------------------------------------


def test_a_failed_save_leaves_the_previous_file_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "essex.toml"
    save(essex_2012(), path)
    before = path.read_bytes()
    smaller, _ = essex_2012().without_project("strengthening_communities")

    def half_then_fail(handle: Any, data: bytes) -> None:
        handle.write(data[: len(data) // 2])
        handle.flush()
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(_atomic, "_write_chunks", half_then_fail)
    with pytest.raises(LoadError, match="No space left") as caught:
        save(smaller, path)
    assert isinstance(caught.value.__cause__, OSError)
    assert path.read_bytes() == before
    assert load(path) == essex_2012()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["essex.toml"]  # no temporary left


def test_a_save_that_cannot_be_written_touches_nothing(tmp_path: Path) -> None:
    path = tmp_path / "essex.json"
    save(essex_2012(), path)
    before = path.read_bytes()
    with pytest.raises(WecbError):
        save("not a programme", path)  # type: ignore[arg-type]
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["essex.json"]


def test_save_replaces_the_file_and_keeps_its_permissions(tmp_path: Path) -> None:
    path = tmp_path / "essex.toml"
    path.write_text("old", "utf-8")
    os.chmod(path, 0o640)
    save(essex_2012(), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert load(path) == essex_2012()


# -- the JSON Schema ---------------------------------------------------------------------------

_MODEL_CLASSES = {
    "partner": Partner,
    "project": Project,
    "project_v1": Project,
    "pilot": Pilot,
    "cash_flow": CashFlow,
    "funding_stream": FundingStream,
    "figure": Figure,
    "team_plan": TeamPlan,
    "gate_decision": GateDecision,
    "milestone": Milestone,
}


def test_schema_is_json_and_lists_every_top_level_field() -> None:
    document = schema()
    text = (Path(files.__file__).parent / "programme.schema.json").read_text("utf-8")
    assert json.loads(text) == document
    top = set(document["properties"])
    assert top == {"format", "format_version"} | {
        a.name for a in attrs.fields(Programme) if a.init
    }
    # Every field the converter writes for the Essex programme and a generated one.
    assert set(_document(essex_2012())) <= top
    assert set(document["required"]) == {"format", "format_version"} | {
        a.name for a in attrs.fields(Programme) if a.init and a.default is attrs.NOTHING
    }


@pytest.mark.parametrize("name", sorted(_MODEL_CLASSES))
def test_schema_describes_every_field_of_the_model(name: str) -> None:
    cls = _MODEL_CLASSES[name]
    definition = schema()["$defs"][name]
    fields = [a for a in attrs.fields(cls) if a.init]
    names = {a.name for a in fields}
    if name == "project":  # version 2: cash flows as lines, 'flows' under the key 'lines'
        names = {lines_key(n) for n in names}
    if name == "project_v1":  # version 1: no cash flows but 'flows'; asks as strings
        names = (names - (set(flow_fields()) - {"flows"})) | {"asks"}
    assert set(definition["properties"]) == names
    assert set(definition["required"]) == {a.name for a in fields if a.default is attrs.NOTHING}
    assert definition["additionalProperties"] is False


def test_schema_of_a_line_lists_every_attribute_of_a_cash_flow() -> None:
    definition = schema()["$defs"]["line"]
    attributes = {a.name for a in attrs.fields(CashFlow) if a.init} - {"amount", "period"}
    assert set(definition["properties"]) == attributes | {"amounts", "first"}
    assert set(definition["required"]) == {"nature", "amounts"}
    assert definition["additionalProperties"] is False


def test_schema_of_the_table_lists_what_the_converter_writes() -> None:
    definition = schema()["$defs"]["cost_benefit_table"]
    written = _document(essex_2012())["projects"][0]["table"]
    assert set(written) <= set(definition["properties"])
    assert {a.name for a in attrs.fields(CostBenefitTable)} <= set(definition["properties"])


@given(programmes())
def test_generated_programmes_use_only_schema_fields(programme: Programme) -> None:
    assert set(_document(programme)) <= set(schema()["properties"])


def test_essex_json_validates_against_the_schema_if_jsonschema_is_installed() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(_document(essex_2012()), schema())


_TRIAGE = Path(__file__).parents[2] / "examples" / "street_triage.toml"


def test_both_versions_validate_against_the_schema_and_its_rules_hold() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    document = json.loads(dumps(load(_TRIAGE), "json"))
    jsonschema.validate(document, schema())
    v1 = json.loads(json.dumps(document))
    v1["format_version"] = 1
    flows = []
    for line in v1["projects"][0].pop("lines"):
        for period, amount in line.pop("amounts").items():
            flows.append({"amount": amount, "period": period, **line})
    v1["projects"][0]["flows"] = flows
    jsonschema.validate(v1, schema())
    assert load_text_json(v1) == load(_TRIAGE)
    refused = [
        {**document, "format_version": 1},  # lines in version 1
        {**v1, "format_version": 2},  # flows in version 2
        {**document, "documents": [{"key": "x"}]},  # a document without its title, ...
    ]
    line = document["projects"][0]["lines"][0]
    for change in ({"amounts": {}}, {"amounts": ["£1.00"]}, {"first": "2014/15"}, {"key": "x"}):
        bad = json.loads(json.dumps(document))
        bad["projects"][0]["lines"][0] = {**line, **change}
        refused.append(bad)
    for bad in refused:
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, schema())
        with pytest.raises(LoadError):
            load_text_json(bad)


def load_text_json(document: dict[str, Any]) -> Programme:
    return loads(json.dumps(document, ensure_ascii=False), "json")


# -- the public names --------------------------------------------------------------------------


def test_public_names_are_exported_lazily() -> None:
    assert wecb.load is load and wecb.save is save and wecb.dumps is dumps
    assert wecb.loads is loads
    assert wecb.datasets.essex_2012() is essex_2012()
    assert {"load", "loads", "save", "dumps", "datasets"} <= set(wecb.__all__)
    code = (
        "import sys, wecb; heavy = [m for m in ('cattrs', 'pint', 'numpy', 'tomli_w') "
        "if m in sys.modules]; print(','.join(heavy))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
