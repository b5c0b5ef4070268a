"""The command line facing hostile input and a hostile environment: never a traceback, and
nothing from a file that can take over the terminal.

Tests of terminal escaping are named ``test_escape_*``.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import wecb
from cli_outputs import PHASES
from wecb.cli import main
from wecb.datasets import essex_2012
from wecb.errors import LoadError

# -- terminal escaping: text from files never controls the terminal -----------------------------

#: What a crafted file puts in its names: clear the screen and home the cursor, a C1 control
#: sequence introducer, a bell, a carriage return that overwrites the line, a right-to-left
#: override that reverses the figures after it, and a lone surrogate.
_HOSTILE = "\x1b[2J\x1b[H\x9b31m\x07\r\u202e"
_RAW = ("\x1b", "\x9b", "\x07", "\r", "\u202e")


def _crafted(tmp_path: Path) -> Path:
    """The Essex programme with the hostile text after every name, title and source."""
    document: dict[str, Any] = json.loads(wecb.dumps(essex_2012(), "json"))

    def taint(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(value, str) and key in ("name", "title", "big_idea", "source"):
                    node[key] = value + _HOSTILE
                else:
                    taint(value)
        elif isinstance(node, list):
            for item in node:
                taint(item)

    taint({k: v for k, v in document.items() if k != "periods"})
    document["name"] += _HOSTILE
    path = tmp_path / "crafted.json"
    path.write_text(json.dumps(document), "utf-8")
    return path


def _assert_escaped(text: str) -> None:
    assert not [c for c in _RAW if c in text], repr(text[:200])
    assert "\\x1b[2J\\x1b[H\\x9b31m\\x07\\x0d\\u202e" in text


@pytest.mark.parametrize(
    "command", [["summary"], ["reconcile"], ["appraise", *PHASES]], ids=lambda c: c[0]
)
def test_escape_reports_of_a_crafted_file(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main([command[0], str(_crafted(tmp_path)), *command[1:]])
    out, err = capsys.readouterr()
    assert (status, err) == (0, "")
    _assert_escaped(out)


def test_escape_errors_on_standard_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def hostile(file: str | None) -> wecb.Programme:
        raise LoadError(f"bad name {_HOSTILE}", path="x.toml")

    monkeypatch.setattr("wecb.cli._parser.read_programme", hostile)
    assert main(["summary"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("wecb: error: file 'x.toml': bad name ") and err.endswith("\n")
    _assert_escaped(err)


def test_escape_usage_errors_quoting_a_crafted_file_name(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # `wecb summary *` in a folder holding a crafted file name.
    assert main(["summary", "a.toml", f"b{_HOSTILE}.toml"]) == 2
    _, err = capsys.readouterr()
    assert "unrecognized arguments: b" in err
    _assert_escaped(err)


def test_escape_a_lone_surrogate_prints_instead_of_failing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(
        "wecb.cli._parser.read_programme", lambda file: essex_2012().evolve(name="A\udc80B")
    )
    assert main(["summary"]) == 0
    assert capsys.readouterr().out.startswith("A\\udc80B (Greater Essex)\n")


def test_escape_export_data_is_exact_in_a_pipe(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    crafted = str(_crafted(tmp_path))
    assert main(["export", crafted, "--what", "programme", "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert json.loads(out)["name"].endswith(_HOSTILE)  # data, written as it is


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_escape_export_data_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _Terminal()
    monkeypatch.setattr("sys.stdout", terminal)
    crafted = str(_crafted(tmp_path))
    assert main(["export", crafted, "--what", "programme", "--format", "csv"]) == 0
    shown = terminal.getvalue()
    _assert_escaped(shown.replace("\r\n", "\n"))
    assert "\r\n" in shown  # CSV's own line ends are left as they are


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain £ text\nline two\n", "plain £ text\nline two\n"),
        ("a\x00b\x1fc\x7fd\x85e\x9ff", "a\\x00b\\x1fc\\x7fd\\x85e\\x9ff"),
        ("tab\there", "tab\\x09here"),
        ("ends\r\nlone\rcr", "ends\r\nlone\\x0dcr"),
        ("\u202e\u2066\u2069\u200e\u200f\u061c\u2028\u2029", "\\u202e\\u2066\\u2069\\u200e"
         "\\u200f\\u061c\\u2028\\u2029"),
        ("x\ud800y", "x\\ud800y"),
    ],
)  # fmt: skip
def test_escape_what_is_escaped(text: str, shown: str) -> None:
    from wecb.cli._terminal import escaped  # noqa: PLC0415

    assert escaped(text) == shown


# -- robustness: bad input and a hostile environment never show a traceback ---------------------

_ROOT = Path(__file__).resolve().parents[1]


def _wecb(
    *args: str,
    env: dict[str, str] | None = None,
    close_stdout: bool = False,
    stdout: Any = None,
    timeout: float = 120,
) -> Any:
    """``python -m wecb ARGS`` in a subprocess, as a user runs it; stdout and stderr as bytes."""
    import os  # noqa: PLC0415
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    return subprocess.run(
        [sys.executable, "-m", "wecb", *args],
        stdout=subprocess.PIPE if stdout is None else stdout,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONWARNINGS": "error", **(env or {})},
        preexec_fn=(lambda: os.close(1)) if close_stdout else None,
        check=False,
        timeout=timeout,
        cwd=_ROOT,
    )


def _no_traceback(stderr: bytes) -> None:
    assert b"Traceback" not in stderr, stderr.decode("utf-8", "replace")
    assert b"Exception ignored" not in stderr, stderr.decode("utf-8", "replace")


@pytest.mark.parametrize("rate", ["1e999999999", "1e-999999999", "1_0%", "\u0663%", "\uff13%"])
def test_robust_huge_or_odd_rates_are_usage_errors(
    rate: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["appraise", "--rate", rate, *PHASES]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "argument --rate: discount rate:" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("width", ["1_0", "\u0661\u0662\u0660", "-1", "-5", "9" * 5000, "2.5"])
def test_robust_whole_number_options_follow_the_digit_rules(
    width: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["summary", "--width", width]) == 2
    assert "argument --width:" in capsys.readouterr().err


def test_robust_huge_rate_in_a_subprocess() -> None:
    done = _wecb("appraise", "--rate", "1e999999999", *PHASES)
    assert done.returncode == 2
    assert b"discount rate: '1e999999999' is not accepted" in done.stderr
    _no_traceback(done.stderr)


def test_robust_closed_standard_output() -> None:
    # `wecb summary >&-`: Python starts with no sys.stdout.
    done = _wecb("summary", close_stdout=True)
    assert done.returncode == 1
    assert done.stderr == b"wecb: error: standard output: it is closed; nothing was written\n"


def test_robust_closed_standard_output_is_not_needed_with_o(tmp_path: Path) -> None:
    target = tmp_path / "essex.json"
    done = _wecb(
        "export", "--what", "programme", "--format", "json", "-o", str(target), close_stdout=True
    )
    assert (done.returncode, done.stderr) == (0, b"")
    assert json.loads(target.read_text("utf-8"))["name"] == essex_2012().name


@pytest.mark.parametrize("options", [["--help"], ["--version"], ["summary", "--width", "x"]])
def test_robust_usage_help_and_version_with_standard_output_closed(options: list[str]) -> None:
    done = _wecb(*options, close_stdout=True)
    assert done.returncode in (0, 2)
    _no_traceback(done.stderr)


_ASCII_ENVIRONMENTS = [
    {"PYTHONIOENCODING": "ascii"},
    {"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""},
]


@pytest.mark.parametrize("env", _ASCII_ENVIRONMENTS, ids=["PYTHONIOENCODING=ascii", "LANG=C"])
@pytest.mark.parametrize("command", [["summary"], ["reconcile"], ["appraise", *PHASES]])
def test_robust_ascii_only_standard_output_prints_pounds_escaped(
    env: dict[str, str], command: list[str]
) -> None:
    done = _wecb(*command, env=env)
    _no_traceback(done.stderr)
    assert (done.returncode, done.stderr) == (0, b"")
    assert b"\\xa3" in done.stdout  # '£', as its escape
    done.stdout.decode("ascii")  # nothing the stream cannot hold


@pytest.mark.parametrize("env", _ASCII_ENVIRONMENTS, ids=["PYTHONIOENCODING=ascii", "LANG=C"])
def test_robust_ascii_only_error_messages(env: dict[str, str]) -> None:
    done = _wecb("appraise", "--rate", "\u00a35", env=env)
    assert done.returncode == 2
    _no_traceback(done.stderr)
    # '£5' as its escape; in a C locale the arguments arrive as escaped bytes (\udcc2\udca3).
    assert b"\\xa35' is not accepted" in done.stderr or b"\\udca35' is not" in done.stderr


def test_robust_ascii_only_standard_output_never_alters_exported_data(tmp_path: Path) -> None:
    document: dict[str, Any] = json.loads(wecb.dumps(essex_2012(), "json"))
    document["name"] = "Essex \u00a3 pilot"
    path = tmp_path / "pounds.json"
    path.write_text(json.dumps(document), "utf-8")
    done = _wecb("export", str(path), "--what", "programme", "--format", "json", env={
        "PYTHONIOENCODING": "ascii"
    })  # fmt: skip
    assert done.returncode == 1
    _no_traceback(done.stderr)
    assert b"standard output (encoding ascii) cannot hold '\\xa3'" in done.stderr
    assert b"-o OUT" in done.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_robust_full_standard_output() -> None:
    with open("/dev/full", "wb") as full:
        done = _wecb("summary", stdout=full)
    assert done.returncode == 1
    assert done.stderr == b"wecb: error: standard output: No space left on device\n"


def _main_or_interrupted(args: list[str]) -> int:
    try:
        return main(args)
    except KeyboardInterrupt:  # would end the test session, not fail the test
        pytest.fail("KeyboardInterrupt escaped from main()")


def test_robust_interrupt_while_building_the_parser(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("wecb.cli.build_parser", interrupted)
    assert _main_or_interrupted(["summary"]) == 130
    assert capsys.readouterr() == ("", "")


def test_robust_interrupt_while_reading_the_options(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(text: str) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr("wecb.cli._appraise.rate_option", interrupted)
    assert _main_or_interrupted(["appraise", "--rate", "5%"]) == 130
    assert capsys.readouterr() == ("", "")


# A site hook that sends the process SIGINT when it first imports ``module`` (and tells the
# test it has, through ``marker``): the interrupt lands at a known point of start-up.
_SITE = """
import importlib.abc, os, signal, sys, time
MODULE, MARKER, SLEEP = {module!r}, {marker!r}, {sleep!r}
class _Interrupt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == MODULE:
            sys.meta_path.remove(self)
            open(MARKER, "w").close()
            if SLEEP is None:
                os.kill(os.getpid(), signal.SIGINT)
            else:
                time.sleep(SLEEP)
        return None
sys.meta_path.insert(0, _Interrupt())
"""


@pytest.mark.parametrize(
    ("module", "args"),
    [
        ("wecb.core", ["summary"]),  # importing the package itself (wecb/__init__.py)
        ("wecb.cli", ["summary"]),  # importing the command line
        ("wecb.cli._appraise", ["appraise", *PHASES]),  # importing a command
        ("wecb.datasets", ["summary"]),  # reading the built-in programme
        ("wecb.appraisal.sensitivity", ["appraise", *PHASES]),  # not imported: no interrupt
    ],
)
def test_robust_sigint_at_start_up_exits_130_quietly(
    module: str, args: list[str], tmp_path: Path
) -> None:
    marker = tmp_path / "started"
    (tmp_path / "sitecustomize.py").write_text(
        _SITE.format(module=module, marker=str(marker), sleep=None), "utf-8"
    )
    done = _wecb(*args, env={"PYTHONPATH": str(tmp_path)})
    _no_traceback(done.stderr)
    if marker.exists():
        assert (done.returncode, done.stderr) == (130, b"")
    else:
        assert done.returncode == 0


def test_robust_sigint_while_the_wecb_script_loads_the_package(tmp_path: Path) -> None:
    import os  # noqa: PLC0415
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    script = Path(sys.executable).with_name("wecb")
    if not script.exists():
        pytest.skip("the wecb script is not installed next to this Python")
    marker = tmp_path / "started"
    (tmp_path / "sitecustomize.py").write_text(
        _SITE.format(module="wecb.core", marker=str(marker), sleep=None), "utf-8"
    )
    done = subprocess.run(
        [str(script), "summary"],
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        check=False,
        timeout=120,
    )
    assert marker.exists()
    assert (done.returncode, done.stdout, done.stderr) == (130, b"", b"")


def test_robust_importing_wecb_as_a_library_leaves_sigint_alone() -> None:
    import signal  # noqa: PLC0415
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    code = (
        "import signal, wecb, wecb.cli; "
        "print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)"
    )
    # A shell starts background jobs with SIGINT ignored, and Python then keeps it ignored:
    # start the child with the default disposition, as a terminal would.
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert done.stdout == "True\n"


def test_robust_sigint_sent_from_outside_right_after_start(tmp_path: Path) -> None:
    import os  # noqa: PLC0415
    import signal  # noqa: PLC0415
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415
    import time  # noqa: PLC0415

    # The site hook marks the moment wecb's command line starts to import, then waits a
    # little so that the signal sent from here arrives while it is starting up.
    marker = tmp_path / "started"
    (tmp_path / "sitecustomize.py").write_text(
        _SITE.format(module="wecb.cli", marker=str(marker), sleep=0.5), "utf-8"
    )
    child = subprocess.Popen(
        [sys.executable, "-m", "wecb", "summary"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        cwd=_ROOT,
    )
    deadline = time.monotonic() + 60
    while not marker.exists() and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.005)
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=120)
    _no_traceback(err)
    assert (child.returncode, out, err) == (130, b"", b"")


# -- sensitivity: draws and multipliers within bounds --------------------------------------------


def _one_line_appraisal() -> Any:
    from wecb.appraisal.cba import appraise  # noqa: PLC0415
    from wecb.core.money import Money  # noqa: PLC0415
    from wecb.core.periods import FinancialYear  # noqa: PLC0415
    from wecb.model.cashflows import CashFlow, Nature, ValueType  # noqa: PLC0415
    from wecb.model.domains import Domain, DomainKind  # noqa: PLC0415
    from wecb.model.programme import Programme  # noqa: PLC0415
    from wecb.model.projects import Project  # noqa: PLC0415

    fy = FinancialYear(2013)
    flows = (
        CashFlow(amount=Money(100), nature=Nature.COST, period=fy),
        CashFlow(
            amount=Money(300),
            nature=Nature.BENEFIT,
            period=fy,
            value_type=ValueType.FISCAL,
            cashable=True,
        ),
    )
    project = Project(key="P", title="P", domain="d", flows=flows)
    domain = Domain(key="d", name="D", kind=DomainKind.THEMATIC)
    programme = Programme(
        name="Demo", place="Here", partners=(), projects=(project,), domains=(domain,)
    )
    return appraise(programme, base_year=fy, price_base=fy)


@pytest.mark.parametrize("draws", [10**30, 10**6 + 1])
def test_robust_monte_carlo_draws_are_bounded(draws: int) -> None:
    from wecb.appraisal.sensitivity import monte_carlo  # noqa: PLC0415
    from wecb.errors import AppraisalError  # noqa: PLC0415

    with pytest.raises(AppraisalError, match="an int from 1 to 1,000,000"):
        monte_carlo(_one_line_appraisal(), [], draws=draws, seed=1)


@pytest.mark.parametrize(
    "distribution",
    [
        lambda s: s.Uniform(low="0", high="1e13"),
        lambda s: s.Triangular(low="0", central="1", high="1e13"),
        lambda s: s.Triangular(low="0", central="1", high="1e20"),  # was a silent wrong NPV
        lambda s: s.Discrete({"1e13": 1, "1": 1}),
        lambda s: s.Uniform(low="0", high="1000001"),
    ],
)
def test_robust_range_multipliers_are_bounded(distribution: Callable[[Any], Any]) -> None:
    from wecb.appraisal import sensitivity  # noqa: PLC0415
    from wecb.errors import AppraisalError  # noqa: PLC0415

    with pytest.raises(AppraisalError, match="expected a number up to 1000000"):
        distribution(sensitivity)


def test_robust_the_largest_multiplier_still_runs() -> None:
    from wecb.appraisal import sensitivity as s  # noqa: PLC0415
    from wecb.core.money import Money  # noqa: PLC0415
    from wecb.model.cashflows import Nature  # noqa: PLC0415

    benefit = s.Selector(nature=Nature.BENEFIT)
    ranges = [
        s.Uncertainty(name=name, distribution=d, applies_to=benefit)
        for name, d in [
            ("uniform", s.Uniform(low="1000000", high="1000000")),
            ("triangular", s.Triangular(low="1000000", central="1000000", high="1000000")),
        ]
    ]
    out = s.monte_carlo(_one_line_appraisal(), ranges, draws=3, seed=1)
    assert set(out.npv_draws()) == {Money("299999999999900.00")}
    row = s.one_way(_one_line_appraisal(), ranges[:1]).rows_[0]
    assert row.npv_high == Money("299999900.00")


def test_robust_streams_never_fail_on_messages() -> None:
    from wecb.cli._streams import write  # noqa: PLC0415

    ascii_out = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    write(ascii_out, "net \u00a39 \udc80\n")
    assert ascii_out.buffer.getvalue() == b"net \\xa39 \\udc80\n"  # type: ignore[attr-defined]
    closed = io.StringIO()
    closed.close()
    write(closed, "gone")  # a closed stream: nothing, and no error
    write(None, "no stream at all")


def test_robust_exported_data_is_never_altered_on_standard_output() -> None:
    from wecb.cli._streams import stdout_for  # noqa: PLC0415
    from wecb.errors import ExportError  # noqa: PLC0415

    utf8 = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    with pytest.raises(ExportError, match=r"cannot hold '\\udc80'; nothing more was written"):
        stdout_for(utf8, data=True).write("a\udc80")
    report = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    assert stdout_for(report).write("\u00a3") == 1
    report.flush()
    assert report.buffer.getvalue() == b"\\xa3"  # type: ignore[attr-defined]
