"""``wecb asks``: the register of asks of government, in-process through ``main``."""

from __future__ import annotations

from pathlib import Path

import pytest

import wecb
from wecb.appraisal import asks_report
from wecb.cli import main
from wecb.core.assumptions import assumption_notes
from wecb.datasets import essex_2012
from wecb.model.builder import ProgrammeBuilder


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_asks_prints_the_essex_register(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = call(capsys, "asks")
    assert status == 0 and err == ""
    report = asks_report(essex_2012())
    stated = "\n".join(assumption_notes(report.assumptions()))  # the tables' notes lack them
    assert out == f"{report}\n\n{stated}\n"
    assert "FBC3_ask_4  FBC3     funding" in out and "moj, noms" in out
    assert "no line requires any of these asks" in out
    assert "what depends on each department" in out


def test_asks_text_lists_each_ask_verbatim(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = call(capsys, "asks", "--text")
    assert status == 0
    words = out.split("\nThe asks, as the sources word them:\n", 1)[1].splitlines()
    assert words == [f"  {a.key} ({a.project}): {a.text}" for a in essex_2012().asks]


def test_asks_reads_a_file_with_lines_that_depend_on_asks(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    programme = (
        ProgrammeBuilder("Triage", "Anytown")
        .partner("council", "Anytown Council", kind="unitary_council")
        .partner("dh", "Department of Health", kind="whitehall_department")
        .domain("safety", "Community Safety", kind="thematic")
        .project("triage", "Street triage", domain="safety")
        .ask(
            "tariff",
            "triage",
            text="Vary the tariff",
            kind="funding",
            status="asked",
            addressed_to=["dh"],
        )
        .line(
            "triage",
            nature="benefit",
            beneficiary="council",
            value_type="fiscal",
            cashable=True,
            amounts={"2015/16": "£4,000"},
            requires=["tariff"],
        )
        .build()
    )
    path = wecb.save(programme, tmp_path / "triage.toml")
    status, out, err = call(capsys, "asks", str(path))
    assert status == 0 and err == ""
    assert "tariff  triage   funding  asked   dh" in out
    assert "dh             1      1     £0       £4k      £4k" in out
    assert "no line requires" not in out


def test_asks_says_when_a_programme_has_none(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = call(capsys, "asks", "--dataset", "tri-borough-2012")
    assert status == 0
    assert out.endswith(": no asks of government recorded\n")


def test_asks_takes_a_file_or_a_dataset_not_both(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = call(capsys, "asks", "x.toml", "--dataset", "essex-2012")
    assert status == 1
    assert "asks: give FILE or --dataset NAME, not both" in err
