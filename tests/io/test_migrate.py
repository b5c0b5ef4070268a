"""Migrating a file written for wecb 0.1.0: its implicit readings written in and listed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import wecb
from wecb.cli import main
from wecb.errors import LoadError
from wecb.model.cashflows import ValueType

OLD = """\
format = "wecb.programme"
format_version = 1
name = "Old"
place = "Here"

[[periods]]
key = "to_mar_2013"
label = "To Mar '13"
until = "2012/13"

[[periods]]
key = "further_implementation"
label = "Further implementation"
after = "2013/14"

[[periods]]
key = "appraisal_horizon"
label = "Appraisal horizon"

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

[projects.table]
unit = "£'000"
costs_to_mar_2013 = "1"
costs_to_mar_2014 = "1"
costs_further_implementation = "1"
net_cashable = "-10"
net_non_cashable = "-5"
net_total = "-15"

[[projects.flows]]
amount = "£100"
nature = "benefit"
period = "2013/14"

[[projects.flows]]
amount = "£50"
nature = "benefit"
period = "2013/14"
value_type = "social"

[[projects.flows]]
amount = "£30"
nature = "cost"
period = "2013/14"
"""


@pytest.fixture
def old(tmp_path: Path) -> Path:
    path = tmp_path / "old.toml"
    path.write_text(OLD, encoding="utf-8")
    return path


def test_a_0_1_file_is_refused_as_it_stands(old: Path) -> None:
    with pytest.raises(LoadError) as caught:
        wecb.load(old)
    message = str(caught.value)
    assert "flows[0].value_type" in message and "flows[0].cashable" in message


def test_migrate_writes_0_1_readings_and_lists_them(old: Path) -> None:
    done = wecb.io.migrate(old)
    assert done.written == old
    assert done.changes == (
        "format_version: 1 -> 2 (3 flows written as 3 lines)",
        "projects['P1'].table.non_cashable_value_type: set to 'fiscal' (0.1.0 read a table's "
        "non-cashable benefit as fiscal; wecb now reads it as unclassified)",
        "projects['P1'].flows[0].value_type: set to 'fiscal' (0.1.0 read a benefit with no "
        "value type as fiscal)",
        "projects['P1'].flows[0].cashable: set to true (0.1.0 read a benefit with no cashable "
        "as cashable)",
    )
    assert done.notes == (
        "projects['P1'].flows[1]: 0.1.0 counted this social benefit as cashable; only fiscal "
        "benefits can be cashable, so it is now non-cashable",
    )
    programme = wecb.load(old)
    project = programme.project("P1")
    assert project.table is not None
    assert project.table.non_cashable_value_type is ValueType.FISCAL
    saving, social, cost = project.flows
    assert (saving.value_type, saving.cashable) == (ValueType.FISCAL, True)
    assert (social.value_type, social.cashable) == (ValueType.SOCIAL, False)
    assert cost.cashable and cost.value_type is None


def test_a_migrated_file_needs_nothing_more_and_is_not_rewritten(old: Path) -> None:
    wecb.io.migrate(old)
    before = old.read_bytes()
    again = wecb.io.migrate(old)
    assert again.changes == () and again.written is None
    assert old.read_bytes() == before


def test_migrate_to_another_file_and_format(old: Path, tmp_path: Path) -> None:
    target = tmp_path / "new.json"
    done = wecb.io.migrate(old, output=target)
    assert done.written == target
    assert old.read_text(encoding="utf-8") == OLD  # the original is untouched
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "wecb.programme"
    assert wecb.load(target) == wecb.load(wecb.io.migrate(old).written or old)


def test_a_file_that_cannot_be_migrated_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    bad = OLD.replace('value_type = "social"', 'value_type = "social"\ncashable = true')
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(LoadError, match=r"flows\[1\]\.cashable"):
        wecb.io.migrate(path)
    assert path.read_text(encoding="utf-8") == bad


def test_wecb_migrate_on_the_command_line(old: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["migrate", str(old)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{old}: 4 changes, written to {old}\n")
    assert "  format_version: 1 -> 2 (3 flows written as 3 lines)\n" in out
    assert "answers that change (nothing to write):" in out
    assert main(["migrate", str(old)]) == 0
    assert f"{old}: 0 changes, nothing written" in capsys.readouterr().out


def test_a_migrated_file_is_version_2_and_loads_as_the_version_1_file_read(old: Path) -> None:
    done = wecb.io.migrate(old)
    text = old.read_text(encoding="utf-8")
    assert "\nformat_version = 2\n" in text and "[[projects.lines]]" in text
    assert "[[projects.flows]]" not in text
    filled = OLD.replace(
        'amount = "£100"\nnature = "benefit"\nperiod = "2013/14"',
        'amount = "£100"\nnature = "benefit"\nperiod = "2013/14"\nvalue_type = "fiscal"\n'
        "cashable = true",
    ).replace('unit = "£\'000"', 'unit = "£\'000"\nnon_cashable_value_type = "fiscal"')
    assert filled.count("non_cashable_value_type") == 1 and filled.count("cashable = true") == 1
    assert wecb.loads(filled, "toml") == wecb.load(old)
    assert done.written == old
