"""``wecb new``: a commented, minimal, valid programme file to start from."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest

import wecb
from wecb.cli import main
from wecb.cli._new import starter_text
from wecb.model.cashflows import CostType, ValueType
from wecb.model.domains import DomainKind
from wecb.model.partners import PartnerKind
from wecb.model.projects import Stage


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_the_file_loads_as_the_current_format(tmp_path: Path) -> None:
    out = tmp_path / "prog.toml"
    assert main(["new", "-o", str(out)]) == 0
    text = out.read_text("utf-8")
    assert f"\nformat_version = {wecb.io.FORMAT_VERSION}\n" in text
    assert wecb.io.FORMAT_VERSION == 2
    programme = wecb.load(out)
    assert [p.key for p in programme.partners] == ["council", "police"]
    (project,) = programme.projects
    assert len(project.flows) == 4  # a cost line and a benefit line, two years each
    assert "[[projects.lines]]" in text and "[[projects.flows]]" not in text


def test_without_output_it_writes_to_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = call(capsys, "new")
    assert (status, err) == (0, "")
    assert out == starter_text()
    assert wecb.loads(out, "toml").name == "My programme"


def test_every_commented_entry_is_valid_when_uncommented() -> None:
    """The optional entries (an open period, a funding stream, the integration level, a
    stream on the cost, business as usual, ...) load too, once uncommented."""
    text = starter_text()
    entry = re.compile(r"^# (\[\[|[a-z_]+ = )", re.MULTILINE)
    uncommented = entry.sub(r"\1", text)
    assert uncommented.count("[[") == text.count("[[")
    assert "\n[[funding_streams]]" in uncommented and "\nstream = " in uncommented
    programme = wecb.loads(uncommented, "toml")
    (project,) = programme.projects
    assert project.flows[0].stream == "pot"
    assert len(project.counterfactual) == 1
    assert [p.key for p in programme.periods] == ["later_years"]


def test_the_comments_list_every_choice() -> None:
    text = " ".join(starter_text().replace("#     ", "").split())
    for kinds in (PartnerKind, Stage):
        assert ", ".join(k.value for k in kinds) in text
    for kinds in (CostType, ValueType, DomainKind):
        values = [k.value for k in kinds]
        assert f"{', '.join(values[:-1])} or {values[-1]}" in text


def test_an_existing_file_is_refused_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "prog.toml"
    out.write_text("mine", "utf-8")
    status, _, err = call(capsys, "new", "-o", str(out))
    assert status == 1
    assert err == (
        f"wecb: error: file {str(out)!r}: it exists already; give --force to replace it, or "
        "another name\n"
    )
    assert out.read_text("utf-8") == "mine"
    assert main(["new", "-o", str(out), "--force"]) == 0
    assert out.read_text("utf-8") == starter_text()


def test_a_link_to_a_missing_file_is_an_existing_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = tmp_path / "prog.toml"
    link.symlink_to(tmp_path / "elsewhere.toml")
    status, _, err = call(capsys, "new", "-o", str(link))
    assert status == 1 and "it exists already" in err
    assert not (tmp_path / "elsewhere.toml").exists()


def test_a_new_file_gets_the_usual_mode(tmp_path: Path) -> None:
    out = tmp_path / "prog.toml"
    umask = os.umask(0o022)
    try:
        assert main(["new", "-o", str(out)]) == 0
    finally:
        os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_a_missing_folder_is_an_error_that_leaves_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "no" / "prog.toml"
    status, _, err = call(capsys, "new", "-o", str(out))
    assert status == 1
    assert err.startswith(f"wecb: error: file {str(out)!r}: cannot ")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_removes_the_claimed_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import wecb.cli._new as new  # noqa: PLC0415

    def failing(path: object, data: object, *, error: object) -> None:
        raise wecb.errors.LoadError("cannot write the file: disk full", path=str(path))

    monkeypatch.setattr(new, "write_atomic", failing)
    out = tmp_path / "prog.toml"
    status, _, err = call(capsys, "new", "-o", str(out))
    assert status == 1 and "disk full" in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["prog.json", "prog"])
def test_only_toml_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    status, _, err = call(capsys, "new", "-o", str(tmp_path / name))
    assert status == 1
    assert "wecb new writes a commented TOML file" in err
    assert list(tmp_path.iterdir()) == []


def test_help_names_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = call(capsys, "--help")
    assert status == 0
    assert "new" in out and "a commented, minimal, valid programme file" in out
