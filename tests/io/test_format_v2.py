"""Format version 2: cash flows grouped into lines, read and written; version 1 still read."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any, Literal

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import wecb
from strategies.lines import line_programmes
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.errors import MAX_PROBLEMS, FloatNotAllowedError, LoadError
from wecb.io import FORMAT, FORMAT_VERSION, SUPPORTED_VERSIONS
from wecb.io._convert import converter
from wecb.io._lines import LINE_RESERVED, PROJECT_RESERVED, flow_fields, group_lines
from wecb.io._plain import programme_from_plain, programme_to_plain
from wecb.io._toml import toml_text
from wecb.model.cashflows import CashFlow, CostType, Nature
from wecb.model.programme import Programme

EXAMPLES = Path(__file__).parents[2] / "examples"
FORMATS: tuple[Literal["toml", "json"], ...] = ("toml", "json")


def _v1_only(programme: Programme) -> Programme:
    """``programme`` without what version 1 cannot hold: cash flows other than ``flows``
    (such as counterfactual flows)."""
    empty: dict[str, Any] = {name: () for name in flow_fields() if name != "flows"}
    projects = tuple(attrs.evolve(p, **empty) for p in programme.projects)
    return programme.evolve(projects=projects)


def _v1_text(programme: Programme, fmt: Literal["toml", "json"]) -> str:
    """``programme`` as a version 1 file: one record per flow (what wecb wrote before 2)."""
    body: dict[str, Any] = converter().unstructure(programme)
    for project in body.get("projects", []):
        # Stated, as a file written after 0.1.0 may (wecb migrate fills in 0.1.0's reading).
        if "table" in project:
            project["table"].setdefault("non_cashable_value_type", "unclassified")
    document = {"format": FORMAT, "format_version": 1, **body}
    if fmt == "json":
        return json.dumps(document, ensure_ascii=False)
    return toml_text(document)


def _plain(**project: Any) -> dict[str, Any]:
    """A small version 2 plain programme with one project ``P1`` holding ``project``."""
    return {
        "name": "Example",
        "place": "Somewhere",
        "periods": [{"key": "later", "label": "Later", "after": "2016/17"}],
        "partners": [
            {"key": "council", "name": "The Council", "kind": "district_council"},
            {"key": "ccg", "name": "The CCG", "kind": "nhs_commissioner"},
        ],
        "domains": [{"key": "health", "name": "Health", "kind": "thematic"}],
        "projects": [{"key": "P1", "title": "Triage", "domain": "health", **project}],
    }


_COST = {"nature": "cost", "payer": "council", "cost_type": "revenue"}


def _load_error(data: dict[str, Any]) -> LoadError:
    with pytest.raises(LoadError) as caught:
        programme_from_plain(data, name="example")
    return caught.value


# -- versions ---------------------------------------------------------------------------------


def test_this_wecb_writes_version_2_and_reads_1_and_2() -> None:
    assert FORMAT_VERSION == 2
    assert SUPPORTED_VERSIONS == (1, 2)
    assert wecb.dumps(wecb.datasets.essex_2012()).startswith(
        'format = "wecb.programme"\nformat_version = 2\n'
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(line_programmes())
def test_every_programme_round_trips_through_version_2_text(programme: Programme) -> None:
    for fmt in FORMATS:
        text = wecb.dumps(programme, fmt)
        again = wecb.loads(text, fmt)
        assert again == programme
        for before, after in zip(programme.projects, again.projects, strict=True):
            for name in flow_fields():  # flow for flow, in order
                assert getattr(after, name) == getattr(before, name)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(line_programmes())
def test_a_version_1_text_loads_equal_to_its_version_2_text(programme: Programme) -> None:
    programme = _v1_only(programme)
    for fmt in FORMATS:
        v1 = wecb.loads(_v1_text(programme, fmt), fmt)
        v2 = wecb.loads(wecb.dumps(programme, fmt), fmt)
        assert v1 == v2 == programme


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(line_programmes())
def test_migrate_writes_a_version_2_file_that_loads_equal(programme: Programme) -> None:
    programme = _v1_only(programme)
    with tempfile.TemporaryDirectory() as folder:
        for fmt in FORMATS:
            old = Path(folder) / f"old.{fmt}"
            old.write_text(_v1_text(programme, fmt), "utf-8")
            new = Path(folder) / f"new.{fmt}"
            done = wecb.io.migrate(old, output=new)
            assert done.written == new
            assert done.changes[0].startswith("format_version: 1 -> 2 (")
            text = new.read_text("utf-8")
            said = "format_version = 2" if fmt == "toml" else '"format_version": 2'
            assert said in text
            assert wecb.load(new) == programme == wecb.load(old)


def test_migrate_leaves_a_version_2_file_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "street.toml"
    text = (EXAMPLES / "street_triage.toml").read_text("utf-8")
    path.write_text(text, "utf-8")
    done = wecb.io.migrate(path)
    assert (done.changes, done.written) == ((), None)
    assert path.read_text("utf-8") == text


def test_migrate_counts_the_flows_and_the_lines(tmp_path: Path) -> None:
    programme = programme_from_plain(
        _plain(lines=[{**_COST, "amounts": {"2014/15": "£1.00", "2015/16": "£2.00"}}]),
        name="x",
    )
    old = tmp_path / "old.toml"
    old.write_text(_v1_text(programme, "toml"), "utf-8")
    done = wecb.io.migrate(old)
    assert done.changes == ("format_version: 1 -> 2 (2 flows written as 1 line)",)
    assert done.written == old
    assert wecb.load(old) == programme
    assert "[[projects.flows]]" not in old.read_text("utf-8")


# -- grouping ----------------------------------------------------------------------------------


def _flow(amount: str, year: int, **changes: Any) -> CashFlow:
    fields: dict[str, Any] = {
        "amount": Money(amount),
        "nature": Nature.COST,
        "period": FinancialYear(year),
        "payer": "council",
        "cost_type": CostType.REVENUE,
        **changes,
    }
    return CashFlow(**fields)


def _lines_of(*flows: CashFlow) -> list[dict[str, Any]]:
    project = programme_from_plain(_plain(), name="x").projects[0]
    programme = programme_from_plain(_plain(), name="x").with_project(
        attrs.evolve(project, flows=flows)
    )
    lines: list[dict[str, Any]] = programme_to_plain(programme)["projects"][0]["lines"]
    return lines


def test_consecutive_flows_with_equal_attributes_share_a_line() -> None:
    lines = _lines_of(_flow("1", 2014), _flow("2", 2015), _flow("3", 2016))
    assert lines == [
        {
            "nature": "cost",
            "cost_type": "revenue",
            "payer": "council",
            "amounts": {"2014/15": "£1.00", "2015/16": "£2.00", "2016/17": "£3.00"},
        }
    ]


def test_a_line_is_split_where_attributes_differ_a_period_repeats_or_order_says() -> None:
    flows = (
        _flow("1", 2014),
        _flow("2", 2015, label="Nurses"),  # an attribute differs
        _flow("3", 2016, label="Nurses"),
        _flow("4", 2016, label="Nurses"),  # the same period again
        _flow("5", 2013),  # equal to the first, but not next to it
    )
    lines = _lines_of(*flows)
    assert [line["amounts"] for line in lines] == [
        {"2014/15": "£1.00"},
        {"2015/16": "£2.00", "2016/17": "£3.00"},
        {"2016/17": "£4.00"},
        {"2013/14": "£5.00"},
    ]
    project = programme_from_plain(_plain(), name="x").projects[0]
    programme = programme_from_plain(_plain(), name="x").with_project(
        attrs.evolve(project, flows=flows)
    )
    assert wecb.loads(wecb.dumps(programme), "toml").projects[0].flows == flows


def test_grouping_is_generic_over_the_fields_of_a_flow() -> None:
    # A field the grouping was not written for still splits lines and is carried.
    flows = [
        {"amount": "£1.00", "nature": "cost", "period": "2014/15", "colour": "red"},
        {"amount": "£2.00", "nature": "cost", "period": "2015/16", "colour": "blue"},
        {"amount": "£3.00", "nature": "cost", "period": "2016/17", "colour": "blue"},
    ]
    assert group_lines(flows) == [
        {"nature": "cost", "colour": "red", "amounts": {"2014/15": "£1.00"}},
        {"nature": "cost", "colour": "blue", "amounts": {"2015/16": "£2.00", "2016/17": "£3.00"}},
    ]


def test_every_cash_flow_field_of_a_project_is_written_as_lines() -> None:
    assert flow_fields()[0] == "flows"
    assert all(name == "flows" or name != "lines" for name in flow_fields())


@pytest.mark.skipif(
    "counterfactual" not in flow_fields(), reason="Project has no counterfactual flows yet"
)
def test_counterfactual_flows_are_lines_under_their_own_key() -> None:
    project = programme_from_plain(_plain(), name="x").projects[0]
    counterfactual = (_flow("7", 2014), _flow("8", 2015))
    programme = programme_from_plain(_plain(), name="x").with_project(
        attrs.evolve(project, counterfactual=counterfactual)
    )
    plain = programme_to_plain(programme)["projects"][0]
    assert plain["counterfactual"][0]["amounts"] == {"2014/15": "£7.00", "2015/16": "£8.00"}
    for fmt in FORMATS:
        text = wecb.dumps(programme, fmt)
        assert wecb.loads(text, fmt) == programme
    with pytest.raises(LoadError, match="'counterfactual' is read in format version 2 only"):
        wecb.loads(_v1_text(programme, "toml"), "toml")


@pytest.mark.skipif(
    "price_year" not in attrs.fields_dict(CashFlow), reason="CashFlow has no price_year yet"
)
def test_a_flows_price_year_is_carried_by_its_line() -> None:
    flows = (
        _flow("1", 2014, price_year=FinancialYear(2013)),
        _flow("2", 2015, price_year=FinancialYear(2013)),
        _flow("3", 2016, price_year=FinancialYear(2014)),
    )
    lines = _lines_of(*flows)
    assert [(line["price_year"], len(line["amounts"])) for line in lines] == [
        ("2013/14", 2),
        ("2014/15", 1),
    ]


# -- the written text --------------------------------------------------------------------------


def test_toml_writes_a_lines_amounts_inline_in_the_order_of_its_flows() -> None:
    programme = wecb.load(EXAMPLES / "street_triage.toml")
    text = wecb.dumps(programme)
    assert "[[projects.lines]]" in text and "[[projects.flows]]" not in text
    assert 'amounts = { "2014/15" = "£120,000.00" }' in text
    assert json.loads(wecb.dumps(programme, "json"))["projects"][0]["lines"][0]["amounts"] == {
        "2014/15": "£120,000.00"
    }


def test_the_examples_and_the_essex_data_file_are_version_2() -> None:
    data = Path(wecb.datasets.__file__).parent / "essex_2012.toml"
    for path in (data, EXAMPLES / "street_triage.toml"):
        text = path.read_text("utf-8")
        assert "\nformat_version = 2\n" in text and "[[projects.flows]]" not in text, path
        programme = wecb.load(path)
        assert wecb.loads(wecb.dumps(programme), "toml") == programme, path


# -- reading lines -----------------------------------------------------------------------------


def test_a_list_of_amounts_runs_over_consecutive_years_from_first() -> None:
    listed = _plain(lines=[{**_COST, "first": "2014/15", "amounts": ["£1.00", "£2.00", "£3"]}])
    mapped = _plain(
        lines=[{**_COST, "amounts": {"2014/15": "£1.00", "2015/16": "£2.00", "2016/17": "£3"}}]
    )
    programme = programme_from_plain(listed, name="x")
    assert programme == programme_from_plain(mapped, name="x")
    assert [str(f.period) for f in programme.projects[0].flows] == [
        "2014/15",
        "2015/16",
        "2016/17",
    ]


def test_an_open_period_is_a_key_of_amounts() -> None:
    data = _plain(lines=[{**_COST, "amounts": {"later": "£5.00", "2013/14": "£1.00"}}])
    flows = programme_from_plain(data, name="x").projects[0].flows
    assert [(f.period.key if hasattr(f.period, "key") else str(f.period)) for f in flows] == [
        "later",
        "2013/14",
    ]


@pytest.mark.parametrize(
    ("line", "field", "message"),
    [
        ({**_COST, "amounts": {}}, "lines[0].amounts", "a line holds at least one amount"),
        ({**_COST, "amounts": []}, "lines[0].first", "a list of amounts needs 'first'"),
        ({**_COST}, "lines[0].amounts", "required field is missing"),
        (
            {**_COST, "first": "2014/15", "amounts": {"2014/15": "£1"}},
            "lines[0].first",
            "'first' goes with a list of amounts only",
        ),
        (
            {**_COST, "first": "later", "amounts": ["£1"]},
            "lines[0].first",
            "a list of amounts runs over consecutive financial years",
        ),
        (
            {**_COST, "amounts": {"2014/15": "£1", "2014-15": "£2"}},
            "lines[0].amounts.2014-15",
            "the period '2014-15' is the same as '2014/15' in this line",
        ),
        (
            {**_COST, "amounts": {"2014/15": "-£1"}},
            "lines[0].amounts.2014/15",
            "is not accepted; expected a Money of zero or more",
        ),
        ({**_COST, "amounts": {"2099/15": "£1"}}, "lines[0].amounts.2099/15", "2099/15"),
        ({**_COST, "amounts": "£1"}, "lines[0].amounts", "amounts by period"),
        ({**_COST, "payer": "nobody", "amounts": {"2014/15": "£1"}}, "lines[0].payer", "nobody"),
        (
            {**_COST, "amount": "£1", "period": "2014/15", "amounts": {"2014/15": "£1"}},
            "lines[0].amount",
            "'amount' is a field of a single flow (format version 1)",
        ),
        ({**_COST, "colour": "red", "amounts": {"2014/15": "£1"}}, "lines[0].colour", "colour"),
        (
            {**_COST, "value_type": "fiscal", "amounts": {"2014/15": "£1"}},
            "lines[0].value_type",
            "None for a cost",
        ),
    ],
)
def test_a_bad_line_is_refused_naming_its_place(
    line: dict[str, Any], field: str, message: str
) -> None:
    error = _load_error(_plain(lines=[line]))
    assert error.entry == "projects[0] (P1)"
    assert error.field is not None and error.field.endswith(field), error.field
    assert message in str(error)


def test_a_float_amount_is_refused() -> None:
    error = _load_error(_plain(lines=[{**_COST, "amounts": {"2014/15": 1.5}}]))
    assert error.field == "lines[0].amounts.2014/15"
    assert FloatNotAllowedError.__name__ in repr(type(error)) or "float" in str(error)


def test_every_problem_of_every_line_is_listed_at_once() -> None:
    lines = [
        {**_COST, "amounts": {"2014/15": "x", "2015/16": "-£1"}},
        {"nature": "benefit", "amounts": {"2014/15": "£1"}},
        {**_COST, "key": "ask", "amounts": []},
    ]
    error = _load_error(_plain(lines=lines))
    places = [problem.split(":")[0] for problem in error.problems]
    assert places == [
        "entry 'projects[0] (P1)', field 'lines[0].amounts.2014/15'",
        "entry 'projects[0] (P1)', field 'lines[0].amounts.2015/16'",
        "entry 'projects[0] (P1)', field 'lines[1].value_type'",
        "entry 'projects[0] (P1)', field 'lines[1].cashable'",
        "entry 'projects[0] (P1)', field 'lines[2].key'",
        "entry 'projects[0] (P1)', field 'lines[2].first'",
    ]


def test_duplicate_period_keys_in_json_are_refused() -> None:
    text = wecb.dumps(wecb.load(EXAMPLES / "street_triage.toml"), "json")
    doubled = text.replace('"2014/15": "£120,000.00"', '"2014/15": "£1.00", "2014/15": "£2.00"')
    assert doubled != text
    with pytest.raises(LoadError, match="duplicate key '2014/15' in one object"):
        wecb.loads(doubled, "json")


def test_duplicate_period_keys_in_toml_are_refused() -> None:
    text = wecb.dumps(wecb.load(EXAMPLES / "street_triage.toml"))
    doubled = text.replace('"2014/15" = "£120,000.00"', '"2014/15" = "£1", "2014/15" = "£2"')
    assert doubled != text
    with pytest.raises(LoadError, match="not valid TOML"):
        wecb.loads(doubled, "toml")


def test_version_1_flows_in_a_version_2_project_are_refused() -> None:
    flow = {**_COST, "amount": "£1.00", "period": "2014/15"}
    error = _load_error(_plain(flows=[flow]))
    assert (error.entry, error.field) == ("projects[0] (P1)", "flows")
    assert "run wecb migrate" in str(error)


def test_version_2_lines_in_a_version_1_file_are_refused() -> None:
    text = wecb.dumps(wecb.load(EXAMPLES / "street_triage.toml")).replace(
        "format_version = 2", "format_version = 1"
    )
    with pytest.raises(LoadError, match=r"unknown field\(s\): 'lines'"):
        wecb.loads(text, "toml")


def test_many_bad_lines_cost_what_the_problem_limit_allows() -> None:
    error = _load_error(_plain(lines=[{"amounts": {}}] * 10_000))
    assert len(error.problems) == MAX_PROBLEMS
    assert "more list items were not checked" in str(error)
    assert len(str(error)) < 64_000


def test_the_plain_header_is_optional_and_checked() -> None:
    data = _plain(lines=[{**_COST, "amounts": {"2014/15": "£1"}}])
    plain = programme_from_plain(data, name="x")
    headed = {"format": FORMAT, "format_version": 2, **data}
    assert programme_from_plain(headed, name="x") == plain
    for key, value in (("format", "other"), ("format_version", 1)):
        error = _load_error({**headed, key: value})
        assert error.field == key


# -- reserved names ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(PROJECT_RESERVED))
def test_reserved_project_names_are_refused(name: str) -> None:
    error = _load_error(_plain(**{name: []}))
    assert (error.entry, error.field) == ("projects[0] (P1)", name)
    assert f"is reserved for {PROJECT_RESERVED[name]} (not read by this version" in str(error)


@pytest.mark.parametrize("name", sorted(LINE_RESERVED))
def test_reserved_line_names_are_refused(name: str) -> None:
    error = _load_error(_plain(lines=[{**_COST, name: "x", "amounts": {"2014/15": "£1"}}]))
    assert error.field == f"lines[0].{name}"
    assert f"is reserved for {LINE_RESERVED[name]} (not read by this version" in str(error)


def test_version_1_files_may_use_the_reserved_project_and_line_names_as_before() -> None:
    # Version 1 never had them: they are unknown fields there, as any other.
    text = _v1_text(wecb.load(EXAMPLES / "street_triage.toml"), "json")
    document = json.loads(text)
    document["projects"][0]["milestones"] = []
    with pytest.raises(LoadError, match=r"unknown field\(s\): 'milestones'"):
        wecb.loads(json.dumps(document), "json")


# -- sizes -------------------------------------------------------------------------------------


def test_lines_make_a_file_with_many_years_much_shorter() -> None:
    data = _plain(
        lines=[
            {**_COST, "first": "2013/14", "amounts": [f"£{n},000.00" for n in range(1, 11)]},
            {
                "nature": "benefit",
                "value_type": "fiscal",
                "cashable": True,
                "beneficiary": "ccg",
                "first": "2014/15",
                "amounts": [f"£{n},500.00" for n in range(1, 10)],
            },
        ]
    )
    programme = programme_from_plain(data, name="x")
    v1 = len(_v1_text(programme, "toml").splitlines())
    v2 = len(wecb.dumps(programme).splitlines())
    assert (v1, v2) == (171, 42)


# -- the programme's own checks, placed at the lines the file wrote ------------------------------


def test_a_graph_problem_names_the_line_not_the_models_flow_index() -> None:
    lines = [
        {**_COST, "amounts": {"2013/14": "£1", "2014/15": "£2"}},
        {**_COST, "payer": "nobody", "amounts": {"2014/15": "£1", "2015/16": "£2"}},
    ]
    error = _load_error(_plain(lines=lines))
    assert (error.entry, error.field) == ("projects[0] (P1)", "lines[1].payer")
    # Found in both of the line's flows, reported once.
    assert error.problems == (
        "projects['P1'].lines[1].payer: unknown partner 'nobody'; known: 'ccg', 'council'",
    )


def test_a_graph_problem_of_one_amount_names_its_period() -> None:
    lines = [
        {**_COST, "amounts": {"later": "£3", "2013/14": "€4"}},
        {**_COST, "first": "2014/15", "amounts": ["£1", "€2"]},
    ]
    error = _load_error(_plain(lines=lines))
    assert [p.split(":")[0] for p in error.problems] == [
        "projects['P1'].lines[0].amounts.2013/14",
        "projects['P1'].lines[1].amounts[1]",
    ]
    assert error.field == "lines[0].amounts.2013/14"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(line_programmes())
def test_both_versions_of_every_programme_satisfy_the_schema(programme: Programme) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(wecb.io.schema())
    assert list(validator.iter_errors(json.loads(wecb.dumps(programme, "json")))) == []
    v1 = json.loads(_v1_text(_v1_only(programme), "json"))
    assert list(validator.iter_errors(v1)) == []


def test_a_line_of_many_bad_amounts_costs_what_the_problem_limit_allows() -> None:
    error = _load_error(_plain(lines=[{**_COST, "first": "2000/01", "amounts": ["x"] * 150}]))
    assert len(error.problems) == MAX_PROBLEMS
    assert "checking stopped at 100 entries with problems: 50 more list items" in str(error)
