"""Hostile files (issue 11): every reader bounds its memory, its time and its messages.

Before: one exception (with notes and traceback) was kept per bad list item and all were
joined into one message, so a 0.9 MB programme file took 2 GB and a 90 MB error; a FIFO hung
every loader; ``read_csv``/``read_json`` had no size limit (``/dev/zero`` -> ``MemoryError``)
and leaked ``FileNotFoundError``/``IsADirectoryError``; a lone surrogate loaded and then
every writer refused it.

The memory tests run the reader in a subprocess under ``RLIMIT_AS`` (Linux), so that a
regression fails with a ``MemoryError`` in the child instead of exhausting the machine.
"""

from __future__ import annotations

import json
import os
import pickle
import random
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

import wecb
import wecb.io
from strategies import (
    HOSTILE_CELLS,
    HOSTILE_ITEMS,
    hostile_programme_text,
    hostile_programmes,
    hostile_rows,
    hostile_rows_text,
)
from wecb.cli import main
from wecb.errors import (
    MAX_PROBLEMS,
    LoadError,
    ParseError,
    ProgrammeError,
    WecbError,
    WecbTypeError,
)

#: The memory a reader may use in the tests, interpreter and libraries included.
LIMIT_MB = 400
#: The longest message an error with a list of problems may have (100 problems, cut).
LONG_MESSAGE = 64_000
#: The longest message of an error about one value.
SHORT_MESSAGE = 20_000

BAD_FLOW = HOSTILE_ITEMS[6]  # {"amount": "x", "nature": "y", "period": "z"}
LONG_BAD_FLOW = '{"amount": "' + "x" * 200 + '", "nature": "nothing", "period": "2013/14"}'

# -- hostile files, built once -----------------------------------------------------------------

# name: (how to build its text), sizes in bytes approximately as named
_FILES: dict[str, Callable[[], str]] = {
    "bad_flows_0.6MB.json": lambda: hostile_programme_text(BAD_FLOW, 11_500),
    "empty_flows_1MB.json": lambda: hostile_programme_text("{}", 315_000),
    "bad_flows_3MB.json": lambda: hostile_programme_text(BAD_FLOW, 62_500),
    "empty_flows_1MB.toml": lambda: hostile_programme_text("{}", 118_000, "toml"),
    "empty_flows_60MB.json": lambda: hostile_programme_text("{}", 20_000_000),
    "long_bad_flows_59MB.json": lambda: hostile_programme_text(LONG_BAD_FLOW, 233_000),
    "rows_60MB.csv": lambda: "project\r\n" + "x\r\n" * 20_000_000,
    "rows_60MB.json": lambda: "[" + ",".join(["{}"] * 20_000_000) + "]",
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """The path of the hostile file of that name, written the first time it is asked for."""
    folder = tmp_path_factory.mktemp("hostile")

    def path(name: str) -> Path:
        file = folder / name
        if not file.exists():
            file.write_text(_FILES[name](), encoding="utf-8", newline="")
        return file

    return path


# -- running a reader under a memory limit -------------------------------------------------------

_RUNNER = textwrap.dedent(
    """
    import json, resource, sys, time
    limit = int(sys.argv[1]) * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    import wecb, wecb.io
    started = time.perf_counter()
    outcome = {"raised": None}
    try:
        eval(sys.argv[2], {"wecb": wecb, "path": sys.argv[3]})
    except BaseException as exc:
        text = str(exc)
        outcome = {
            "raised": type(exc).__name__,
            "length": len(text),
            "head": text[:400],
            "tail": text[-400:],
            "problems": len(getattr(exc, "problems", ())),
            "more": getattr(exc, "more", 0),
        }
    outcome["seconds"] = time.perf_counter() - started
    outcome["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(outcome))
    """
)


def limited(call: str, path: Path | str, limit_mb: int = LIMIT_MB) -> dict[str, Any]:
    """What ``call`` (an expression of ``wecb`` and ``path``) did in a fresh interpreter
    whose address space is limited to ``limit_mb``: what it raised, its message's length
    and start, its time and its peak memory."""
    if not sys.platform.startswith("linux"):
        pytest.skip("RLIMIT_AS bounds a process's memory on Linux only")
    pytest.importorskip("resource")
    done = subprocess.run(
        [sys.executable, "-c", _RUNNER, str(limit_mb), call, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    outcome: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return outcome


# -- many bad entries: collected up to the limit, in bounded memory ----------------------------


def test_problems_are_collected_up_to_the_limit_and_the_rest_counted(
    hostile: Callable[[str], Path],
) -> None:
    path = hostile("bad_flows_0.6MB.json")
    with pytest.raises(LoadError) as caught:
        wecb.load(path)
    error = caught.value
    message = str(error)
    assert len(message) < LONG_MESSAGE  # was 7.4 MB
    assert len(error.problems) == MAX_PROBLEMS
    assert error.more > 0
    assert message.startswith(f"file {str(path)!r}, entry 'projects[5] (strengthening_")
    assert "field 'flows[0].amount': cannot read 'x' as money" in message
    assert "checking stopped at 100 entries with problems: 11,400 more list items" in message
    again = pickle.loads(pickle.dumps(error))
    assert (str(again), again.problems, again.more) == (message, error.problems, error.more)


def test_wecb_summary_writes_a_bounded_error(
    hostile: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["summary", str(hostile("bad_flows_0.6MB.json"))]) == 1
    err = capsys.readouterr().err
    assert len(err) < LONG_MESSAGE  # was 7.4 MB (11 MB in the audit)
    assert "more list items were not checked" in err


@pytest.mark.parametrize(
    "name",
    ["empty_flows_1MB.json", "bad_flows_3MB.json", "empty_flows_1MB.toml"],
)
def test_a_file_of_many_bad_entries_is_refused_in_bounded_memory(
    name: str, hostile: Callable[[str], Path]
) -> None:
    # Before: 2.1 GB, 0.76 GB and 0.89 GB, and messages of 92, 40 and 38 MB.
    outcome = limited("wecb.load(path)", hostile(name))
    assert outcome["raised"] == "LoadError", outcome
    assert outcome["length"] < LONG_MESSAGE
    assert outcome["problems"] == MAX_PROBLEMS
    assert outcome["tail"].endswith("more list items were not checked")
    assert outcome["seconds"] < 10


def test_a_60_mb_file_of_tiny_values_is_refused_before_it_is_parsed(
    hostile: Callable[[str], Path],
) -> None:
    # Before: parsing alone took 1.5 GB, then structuring ran out of memory (24 GB in the
    # audit before the kernel killed it).
    outcome = limited("wecb.load(path)", hostile("empty_flows_60MB.json"))
    assert outcome["raised"] == "LoadError", outcome
    assert "holds more than 2,097,152 values" in outcome["head"]
    assert outcome["length"] < SHORT_MESSAGE
    assert outcome["seconds"] < 10


def test_a_bad_file_near_the_size_limit_is_refused_in_bounded_memory(
    hostile: Callable[[str], Path],
) -> None:
    # 59 MB of 233,000 bad flows, under the limit of values: before, 2.2 GB, 99 s and a
    # 128 MB message.
    outcome = limited("wecb.load(path)", hostile("long_bad_flows_59MB.json"))
    assert outcome["raised"] == "LoadError", outcome
    assert outcome["length"] < LONG_MESSAGE
    assert outcome["tail"].endswith("232,900 more list items were not checked")
    assert outcome["seconds"] < 10


@pytest.mark.parametrize(
    ("call", "name"),
    [
        ("wecb.io.read_csv(path)", "rows_60MB.csv"),
        ("wecb.io.read_json(path)", "rows_60MB.json"),
    ],
)
def test_rows_of_tiny_values_are_refused_before_they_are_built(
    call: str, name: str, hostile: Callable[[str], Path]
) -> None:
    # Before: 3.9 GB and a MemoryError (read_csv), 4 GB (read_json).
    outcome = limited(call, hostile(name))
    assert outcome["raised"] == "ParseError", outcome
    assert "holds more than 2,097,152" in outcome["head"]
    assert name in outcome["head"]
    assert outcome["seconds"] < 10


def test_the_limit_of_values_follows_max_bytes(hostile: Callable[[str], Path]) -> None:
    text = hostile_programme_text("{}", 100_000)
    with pytest.raises(LoadError, match="holds more than 65,536 values"):
        wecb.loads(text, "json", max_bytes=1_000_000)
    with pytest.raises(LoadError, match="flows"):  # a larger limit reads it, and refuses it
        wecb.loads(text, "json", max_bytes=10_000_000)
    rows = "project\n" + "x\n" * 100_000
    with pytest.raises(ParseError, match="more than 65,536 cells and records"):
        wecb.io.parse_csv(rows, max_bytes=300_000)
    assert len(wecb.io.parse_csv(rows)) == 100_000


def test_separators_inside_strings_are_not_counted_as_values() -> None:
    # A text of many commas in strings is counted exactly once the quick count is over.
    prose = ", ".join(["word"] * 200_000)
    essex = json.loads(wecb.dumps(wecb.datasets.essex_2012(), "json"))
    essex["notes"] = [prose] * 5
    text = json.dumps(essex)
    assert len(wecb.loads(text, "json", max_bytes=8_000_000).notes) == 5
    toml = wecb.dumps(wecb.loads(text, "json", max_bytes=8_000_000), "toml")
    assert wecb.loads(toml, "toml", max_bytes=8_000_000).notes == tuple([prose] * 5)


def test_fuzzed_hostile_files_under_a_memory_limit(tmp_path: Path) -> None:
    """Forty hostile files of every reader, read in one child under the memory limit: each
    gives a clean error (or rows), none anything else, every message bounded."""
    plan = []
    chooser = random.Random(11)

    def count(size: int, most: int) -> int:  # files of up to about 3 MB each
        return chooser.randint(1, max(1, min(most, 3_000_000 // size)))

    for number in range(40):
        kind = chooser.choice(["json", "toml", "csv", "rows.json", "tables"])
        if kind in ("json", "toml"):
            item = chooser.choice(HOSTILE_ITEMS)
            where = chooser.choice(["flows", "partners", "approach", "periods"])
            many = count(len(item) + 2, 150_000 if kind == "json" else 20_000)
            text = hostile_programme_text(item, many, kind, where)
            call = "wecb.load(path)"
        elif kind in ("csv", "rows.json"):
            cell = chooser.choice(["x", "1.2.3", "9" * 50_000 + "x", "", "12.50"])
            many = count(len(cell) + 40, 100_000)
            text = hostile_rows_text(kind.removeprefix("rows."), cell, many)
            call = "wecb.io.read_csv(path)" if kind == "csv" else "wecb.io.read_json(path)"
        else:
            row = chooser.choice(["FBC1,1,2,3,4,5,9", "x" * 50_000 + ",1", ",,,,,,", "\ud800"])
            head = "Project,Costs To Mar '13 £'000,Costs To Mar '14 £'000,Costs Further "
            head += "Implementation £'000,Net Cashable £'000,Net Non-Cashable £'000,Net Total "
            head += "£'000\n"
            text = head + (row + "\n") * count(len(row) + 1, 100_000)
            call = "wecb.io.read_tables_csv(path)"
        path = tmp_path / f"{number}.{kind.removeprefix('rows.').replace('tables', 'csv')}"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        plan.append((call, str(path)))
    (tmp_path / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    outcome = limited("exec(open(path).read())", _write_fuzz_child(tmp_path))
    assert outcome["raised"] is None, outcome
    report = json.loads((tmp_path / "report.json").read_text("utf-8"))
    assert report["tried"] == 40
    assert report["other"] == [], report
    assert report["longest"] < LONG_MESSAGE, report


def _write_fuzz_child(folder: Path) -> Path:
    child = folder / "child.py"
    child.write_text(
        textwrap.dedent(
            f"""
            import json, pathlib
            from wecb.errors import WecbError
            folder = pathlib.Path({str(folder)!r})
            plan = json.loads((folder / "plan.json").read_text("utf-8"))
            report = {{"tried": 0, "clean": 0, "read": 0, "other": [], "longest": 0}}
            for call, file in plan:
                report["tried"] += 1
                try:
                    eval(call, {{"wecb": wecb, "path": file}})
                    report["read"] += 1
                except WecbError as exc:
                    report["clean"] += 1
                    report["longest"] = max(report["longest"], len(str(exc)))
                except BaseException as exc:
                    report["other"].append(f"{{file}}: {{type(exc).__name__}}")
            (folder / "report.json").write_text(json.dumps(report), "utf-8")
            """
        ),
        encoding="utf-8",
    )
    return child


@settings(max_examples=25)
@given(hostile_programmes())
def test_fuzzed_bad_entries_give_one_bounded_error(case: tuple[str, int, str, str]) -> None:
    item, count, fmt, where = case
    try:  # text is a project's approach: '"x"' is right there
        wecb.loads(hostile_programme_text(item, count, fmt, where), fmt)  # type: ignore[arg-type]
    except LoadError as exc:
        assert len(str(exc)) < LONG_MESSAGE
        assert len(exc.problems) <= MAX_PROBLEMS


@settings(max_examples=25)
@given(hostile_rows())
def test_fuzzed_bad_rows_give_one_bounded_error(case: tuple[str, str, int]) -> None:
    kind, cell, count = case
    parse = wecb.io.parse_csv if kind == "csv" else wecb.io.parse_json
    try:
        parse(hostile_rows_text(kind, HOSTILE_CELLS[cell], count))
    except ParseError as exc:
        assert len(str(exc)) < SHORT_MESSAGE


# -- one huge value: quoted by an excerpt ------------------------------------------------------


def _essex_json(**changes: Any) -> str:
    document = json.loads(wecb.dumps(wecb.datasets.essex_2012(), "json"))
    document.update(changes)
    return json.dumps(document)


def _unknown_fields(count: int) -> str:
    flow = {"amount": "£1.00", "nature": "cost", "period": "2013/14"}
    flow.update((f"colour_{n}", n) for n in range(count))
    return hostile_programme_text(json.dumps(flow), 1)


HUGE_VALUES: list[tuple[str, Callable[[], object], type[WecbError], str]] = [
    (
        "format_version",
        lambda: wecb.loads(_essex_json(format_version="9" * 10**7), "json"),
        LoadError,
        "format_version must be a whole number, got '99999",
    ),
    (
        "a list where text belongs",
        lambda: wecb.loads(_essex_json(name=list(range(10**6))), "json"),
        LoadError,
        "... (1,000,000 items)",
    ),
    (
        "100,000 unknown fields",
        lambda: wecb.loads(_unknown_fields(100_000), "json"),
        LoadError,
        "and 99,990 more",
    ),
    (
        "a huge project key",
        lambda: wecb.loads(
            hostile_programme_text('"x"', 1).replace(
                '"strengthening_communities"', '"' + "k" * 10**6 + '"'
            ),
            "json",
        ),
        LoadError,
        "kkk... (1,000,000 characters)",
    ),
    (
        "a huge cell in exported rows",
        lambda: wecb.io.parse_json(json.dumps([{"a": {"x": "y" * 10**7}}])),
        ParseError,
        "is not a cell",
    ),
    (
        "a huge amount in a money column",
        lambda: wecb.io.parse_csv("net (GBP)\n" + "9" * 100_000 + "x\n"),
        ParseError,
        "(100,001 characters) is not an exact amount",
    ),
    (
        "a huge heading in a tables CSV",
        lambda: wecb.io.parse_tables_csv("Project," + "h" * 100_000 + "\nFBC1,1\n"),
        LoadError,
        "has the unknown heading 'hhh",
    ),
]


@pytest.mark.parametrize(
    ("what", "read", "error", "says"), HUGE_VALUES, ids=[h[0] for h in HUGE_VALUES]
)
def test_a_huge_value_is_quoted_by_an_excerpt(
    what: str, read: Callable[[], object], error: type[WecbError], says: str
) -> None:
    with pytest.raises(error) as caught:
        read()
    message = str(caught.value)
    assert says in message, message[:2000]
    assert len(message) < SHORT_MESSAGE, (what, len(message))


def test_graph_problems_are_kept_up_to_the_limit_and_counted() -> None:
    flow = '{"amount": "£1.00", "nature": "cost", "period": "2013/14", "payer": "nobody"}'
    with pytest.raises(LoadError) as caught:
        wecb.loads(hostile_programme_text(flow, 3_000), "json")
    error = caught.value
    assert len(error.problems) == MAX_PROBLEMS
    assert error.more == 2_900
    assert len(str(error)) < LONG_MESSAGE
    assert "(and 2,999 more problems:" in str(error)
    assert str(error).endswith("- ... and 2,900 more problems)")
    graph = ProgrammeError([f"problem {n}" for n in range(1_000)])
    assert (len(graph.problems), graph.more) == (MAX_PROBLEMS, 900)
    assert "programme is inconsistent (1,000 problems)" in str(graph)
    again = pickle.loads(pickle.dumps(graph))
    assert (again.problems, again.more, str(again)) == (graph.problems, 900, str(graph))


# -- files that are not regular files, or not there --------------------------------------------

READERS: dict[str, Callable[[Path], object]] = {
    "load": lambda path: wecb.load(path, format="json"),
    "migrate": lambda path: wecb.io.migrate(path, format="json"),
    "read_csv": wecb.io.read_csv,
    "read_json": wecb.io.read_json,
    "read_tables_csv": wecb.io.read_tables_csv,
}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("reader", sorted(READERS))
def test_a_fifo_is_refused_without_waiting_for_a_writer(reader: str, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    refused = threading.Event()

    def writer() -> None:
        # Were the reader to wait for a writer, one comes after 5 s and goes: the reader then
        # reads nothing, and the test fails instead of hanging.
        while not refused.wait(5):
            try:
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                continue

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    started = time.monotonic()
    try:
        with pytest.raises(LoadError) as caught:
            READERS[reader](fifo)
    finally:
        refused.set()
        thread.join()
    assert time.monotonic() - started < 5
    assert caught.value.path == str(fifo)
    assert "it is a FIFO (named pipe), not a regular file" in str(caught.value)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
@pytest.mark.parametrize("reader", ["load", "read_csv", "read_json", "read_tables_csv"])
def test_dev_zero_is_refused_before_it_is_read(reader: str) -> None:
    # Before: read_csv and read_json read until MemoryError; load read 64 MiB of it.
    call = "wecb.load(path, format='json')" if reader == "load" else f"wecb.io.{reader}(path)"
    outcome = limited(call, "/dev/zero")
    assert outcome["raised"] == "LoadError", outcome
    assert "it is a character device, not a regular file" in outcome["head"]
    assert outcome["seconds"] < 1


@pytest.mark.parametrize("reader", sorted(READERS))
def test_a_directory_or_a_missing_file_is_a_load_error_naming_it(
    reader: str, tmp_path: Path
) -> None:
    for path, says in [
        (tmp_path, "it is a directory, not a regular file"),
        (tmp_path / "missing.json", "cannot read the file: No such file or directory"),
        (tmp_path / "a\x00b.json", "a path cannot hold a NUL character"),
    ]:
        with pytest.raises(LoadError) as caught:
            READERS[reader](path)
        assert caught.value.path == str(path)
        assert says in str(caught.value)


def test_an_unreadable_file_is_a_load_error_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("a\n1\n", "utf-8")
    path.chmod(0)
    if os.name != "posix" or os.geteuid() == 0:
        # Root may read anything: the system's refusal is simulated instead.
        def refuse(*_args: object, **_kwargs: object) -> int:
            raise PermissionError(13, "Permission denied", str(path))

        monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(LoadError, match="Permission denied") as caught:
        wecb.io.read_csv(path)
    assert caught.value.path == str(path)


@pytest.mark.parametrize("reader", sorted(READERS))
def test_a_path_that_is_not_text_is_refused(reader: str) -> None:
    with pytest.raises(WecbTypeError, match=r"path: b'rows\.csv' is not accepted"):
        READERS[reader](b"rows.csv")  # type: ignore[arg-type]


def test_every_reader_shares_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "rows.json"
    wecb.io.write_json([{"a": "1"}] * 100, path)
    for read in (wecb.io.read_json, wecb.io.read_tables_csv, wecb.io.read_csv):
        with pytest.raises(LoadError, match="larger than the limit of 100 bytes"):
            read(path, max_bytes=100)
    with pytest.raises(LoadError, match="larger than the limit of 100 bytes"):
        wecb.load(path, max_bytes=100)


# -- lone surrogates: refused where they are read ----------------------------------------------


def test_a_lone_surrogate_in_a_programme_is_refused_at_load_with_its_place(
    tmp_path: Path,
) -> None:
    escaped = _essex_json(place="Greater \udc80Essex")  # json.dumps writes \udc80
    assert "\\udc80" in escaped
    path = tmp_path / "essex.json"
    path.write_text(escaped, "utf-8")
    with pytest.raises(LoadError) as caught:
        wecb.load(path)
    assert caught.value.field == "place"
    assert "'Greater \\udc80Essex' holds a lone surrogate" in str(caught.value)
    text = wecb.dumps(wecb.datasets.essex_2012()).replace("Greater Essex", "Greater \udc80Essex")
    with pytest.raises(LoadError, match=r"line 4, column 18: '\\udc80' in 'place = "):
        wecb.loads(text, "toml")
    flows = hostile_programme_text('{"amount": "£1.00", "nature": "cost", "period": "x"}', 3)
    flows = flows.replace('"period": "x"}]', '"period": "x\\ud800"}]')
    with pytest.raises(LoadError) as caught:
        wecb.loads(flows, "json")
    assert (caught.value.entry, caught.value.field) == (
        "projects[5] (strengthening_communities)",
        "flows[2].period",
    )


def test_a_whole_surrogate_pair_is_text() -> None:
    programme = wecb.loads(_essex_json(place="Greater \U0001f600 Essex"), "json")
    assert programme.place == "Greater \U0001f600 Essex"
    assert wecb.io.parse_json('[{"a": "\\ud83d\\ude00"}]')[0]["a"] == "\U0001f600"


@pytest.mark.parametrize(
    ("read", "error", "says"),
    [
        (lambda: wecb.io.parse_json('[{"a": "x\\ud800"}]'), ParseError, "JSON value [0]['a']"),
        (lambda: wecb.io.parse_csv("a\nx\ud800\n"), ParseError, "line 2, column 2: '\\ud800'"),
        (
            lambda: wecb.io.parse_tables_csv("Project\nx\udfff\n"),
            LoadError,
            "line 2, column 2: '\\udfff'",
        ),
    ],
)
def test_a_lone_surrogate_in_rows_or_tables_is_refused_with_its_place(
    read: Callable[[], object], error: type[WecbError], says: str
) -> None:
    with pytest.raises(error, match="lone surrogate") as caught:
        read()
    assert says in str(caught.value)
