"""``--format json|csv``, ``--table`` and ``appraise -o OUT.{csv,json,xlsx}``: every command
that prints results, in-process through ``main``."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from decimal import Decimal
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from cli_outputs import NAMES, PHASES, command_cases
from wecb.cli import main
from wecb.cli._output import emit, json_cell, width_of
from wecb.core.money import Money
from wecb.core.table import Table

SCHEMA = json.loads(resources.files("wecb.cli").joinpath("output.schema.json").read_text())
APPRAISE = ("appraise", *PHASES, "--allow-before-base")


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, ...]]:
    return command_cases(tmp_path_factory.mktemp("cases"))


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def _no_float(text: str) -> Decimal:
    raise AssertionError(f"a JSON float in the output: {text}")


def json_of(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    status, out, err = call(capsys, *args, "--format", "json")
    assert (status, err) == (0, "")
    document: dict[str, Any] = json.loads(out, parse_float=_no_float)
    jsonschema.validate(document, SCHEMA)
    return document


def test_the_schema_is_a_valid_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize(
    "name",
    NAMES,
)
def test_every_command_writes_json_the_schema_describes(
    name: str, cases: dict[str, tuple[str, ...]], capsys: pytest.CaptureFixture[str]
) -> None:
    document = json_of(capsys, *cases[name])
    assert document["command"] == cases[name][0]
    assert document["tables"], "every command prints at least one table"
    assert document["assumptions"], "every result states its assumptions in every form"
    for table in document["tables"]:
        keys = [c["key"] for c in table["columns"]]
        assert len(table["kinds"]) == len(table["rows"])
        assert all(list(row) == keys for row in table["rows"])


@pytest.mark.parametrize("fmt", ["table", "csv"])
@pytest.mark.parametrize("name", ["reconcile", "appraise", "asks", "pilots", "sources"])
def test_every_form_states_the_assumptions(
    name: str, fmt: str, cases: dict[str, tuple[str, ...]], capsys: pytest.CaptureFixture[str]
) -> None:
    document = json_of(capsys, *cases[name])
    status, out, _ = call(capsys, *cases[name], "--format", fmt, "--width", "0")
    assert status == 0
    for assumption in document["assumptions"]:
        assert assumption["name"] in out and assumption["value"] in out


def test_json_money_is_exact_and_matches_the_text(
    cases: dict[str, tuple[str, ...]], capsys: pytest.CaptureFixture[str]
) -> None:
    document = json_of(capsys, *cases["reconcile"])
    (table,) = document["tables"]
    gap = next(r for r in table["rows"] if r["status"] == "DIFFERS")
    assert gap["difference"] == {"amount": "1134000.00", "currency": "GBP"}
    assert document["notes"][0].startswith("Reconciliation: 12 checks")


def test_csv_has_a_block_per_table_with_its_notes(
    cases: dict[str, tuple[str, ...]], capsys: pytest.CaptureFixture[str]
) -> None:
    document = json_of(capsys, *cases["appraise-new-economy"])
    status, out, _ = call(capsys, *cases["appraise-new-economy"], "--format", "csv")
    assert status == 0 and out.endswith("\r\n")
    records = list(csv.reader(io.StringIO(out, newline="")))
    starts = [i for i, r in enumerate(records) if r[0] == "#table"]
    assert [records[i][1:] for i in starts] == [
        [str(n), t["title"]] for n, t in enumerate(document["tables"], start=1)
    ]
    for start, table in zip(starts, document["tables"], strict=True):
        block = records[start + 1 :]
        notes = [r[1] for r in block[: len(table["notes"])]]
        assert notes == table["notes"]
        header = block[len(table["notes"])]
        assert header[0] == "kind" and len(header) == len(table["columns"]) + 1
        first = block[len(table["notes"]) + 1]
        assert first[0] == table["kinds"][0]
        cells = table["rows"][0].values()
        plain = [c["amount"] if isinstance(c, dict) else c for c in cells]
        assert first[1:] == ["" if c is None else str(c) for c in plain]


def test_csv_lines_come_last_as_notes(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = call(capsys, "reconcile", "--format", "csv")
    assert status == 0
    last = list(csv.reader(io.StringIO(out, newline="")))[-1]
    assert last[0] == "#note" and last[1].startswith("Reconciliation: 12 checks")


def test_table_chooses_one_table_in_every_format(
    cases: dict[str, tuple[str, ...]], capsys: pytest.CaptureFixture[str]
) -> None:
    every = json_of(capsys, *cases["pilots"])["tables"]
    assert len(every) > 1
    assert json_of(capsys, *cases["pilots"], "--table", "2")["tables"] == [every[1]]
    status, out, _ = call(capsys, *cases["pilots"], "--table", "2", "--width", "0")
    assert status == 0 and out.startswith(every[1]["title"])
    status, _, err = call(capsys, *cases["pilots"], "--table", str(len(every) + 1))
    assert status == 1 and f"a table from 1 to {len(every)}" in err


def test_json_cells_are_exact() -> None:
    assert json_cell(Money("0.1")) == {"amount": "0.1", "currency": "GBP"}
    assert json_cell(Decimal("-0.00")) == "0.00"
    assert json_cell(Fraction(3, 8)) == "0.375"
    assert json_cell(Fraction(-2, 3)) == "-2/3"
    with pytest.raises(Exception, match="float"):
        json_cell(0.5)


def test_json_escapes_what_would_control_a_terminal() -> None:
    table = Table.from_records([{"name": "a\x1b[2J\x85\u202eb"}], title="t\x07")
    out = io.StringIO()
    args = argparse.Namespace(format="json", table=None, width=None)
    emit(out, args, [table], command="demo")
    text = out.getvalue()
    assert all(ch == "\n" or 0x20 <= ord(ch) < 0x7F or ch == "£" for ch in text)
    document = json.loads(text)
    assert document["tables"][0]["rows"][0]["name"] == "a\x1b[2J\x85\u202eb"
    assert document["tables"][0]["title"] == "t\x07"


def test_width_default_is_the_terminal_else_no_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert width_of(argparse.Namespace(width=None)) is None  # pytest's output: no terminal
    assert width_of(argparse.Namespace(width=0)) is None
    assert width_of(argparse.Namespace(width=33)) == 33
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setenv("COLUMNS", "57")
    assert width_of(argparse.Namespace(width=None)) == 57
    assert width_of(argparse.Namespace(width=20)) == 20


def test_appraise_output_suffix_chooses_the_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    printed = json_of(capsys, *APPRAISE)
    target = tmp_path / "a.json"
    status, out, err = call(capsys, *APPRAISE, "-o", str(target))
    assert (status, err) == (0, "")
    assert "Appraisal of" not in out and out.startswith("default: no --base-year")
    written = json.loads(target.read_text("utf-8"), parse_float=_no_float)
    jsonschema.validate(written, SCHEMA)
    assert written == printed
    csv_target = tmp_path / "a.CSV"
    assert call(capsys, *APPRAISE, "-o", str(csv_target))[0] == 0
    records = list(csv.reader(io.StringIO(csv_target.read_text("utf-8"), newline="")))
    assert records[0] == ["#table", "1", "Appraisal of Whole Essex Community Budget"]
    assert ["#note", "assumptions:"] in records


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("-o", "a.txt"), "-o a.txt: the suffix '.txt' is not one -o writes"),
        (("-o", "a"), "-o a: no suffix: for the tables, give --format csv|json"),
        (("-o", "a.csv", "--format", "json"), "--format json and -o a.csv disagree"),
        (("-o", "a.json", "--format", "table"), "-o writes csv, json or xlsx"),
        (("--format", "xlsx"), "give a file with -o OUT.xlsx"),
    ],
)
def test_appraise_output_is_checked_before_anything_is_computed(
    extra: tuple[str, ...],
    message: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    status, out, err = call(capsys, *APPRAISE, *extra)
    assert status == 1 and out == ""
    assert message in err
    assert list(tmp_path.iterdir()) == []


def test_appraise_format_with_an_odd_suffix_is_allowed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "appraisal.dat"
    assert call(capsys, *APPRAISE, "--format", "json", "-o", str(target))[0] == 0
    jsonschema.validate(json.loads(target.read_text("utf-8")), SCHEMA)


def test_wecb_alone_prints_the_help_on_standard_output(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = call(capsys)
    assert status == 2 and err == ""
    assert out.startswith("usage: wecb") and "summary" in out and "reconcile" in out
