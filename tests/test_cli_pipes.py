"""A reader that goes away (``wecb reconcile | head -1``): every command ends quietly with
status 0, whatever it prints and however much, in every format. Run as real processes, the
pipe's reading end closed before the command writes (so that no buffering can hide it) or
after the first line."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from cli_outputs import NAMES, command_cases


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, ...]]:
    return command_cases(tmp_path_factory.mktemp("cases"))


def wecb(*args: str) -> list[str]:
    return [sys.executable, "-m", "wecb", *args]


def run_into_a_closed_pipe(args: list[str]) -> subprocess.CompletedProcess[bytes]:
    """``args`` run with standard output a pipe whose reading end is already closed."""
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run(args, stdout=write, stderr=subprocess.PIPE, timeout=300, check=False)
    finally:
        os.close(write)


@pytest.mark.parametrize("fmt", [(), ("--format", "json")], ids=["table", "json"])
@pytest.mark.parametrize("name", NAMES)
def test_a_closed_pipe_ends_every_command_quietly_with_status_0(
    name: str, fmt: tuple[str, ...], cases: dict[str, tuple[str, ...]]
) -> None:
    done = run_into_a_closed_pipe(wecb(*cases[name], *fmt))
    assert (done.returncode, done.stderr.decode()) == (0, "")


@pytest.mark.parametrize(
    "args", [("export", "--what", "flows"), ("report", "--no-plots")], ids=["export", "report"]
)
def test_the_commands_that_write_data_into_a_closed_pipe_too(args: tuple[str, ...]) -> None:
    done = run_into_a_closed_pipe(wecb(*args))
    assert (done.returncode, done.stderr.decode()) == (0, "")


def test_a_reader_that_stops_after_one_line() -> None:
    """``wecb export --what flows --format json | head -1``: more than a pipe holds."""
    with subprocess.Popen(
        wecb("export", "--what", "flows", "--format", "json"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        first = process.stdout.readline()
        process.stdout.close()
        err = process.stderr.read()
        status = process.wait(timeout=300)
    assert first.strip() and (status, err.decode()) == (0, "")
