"""Every writer is atomic: save, write_csv, write_json, write_xlsx, write_tables_csv and
``wecb export -o`` replace a file whole or not at all, keep its permissions (the umask for
a new one), follow symbolic links, leave no temporary file behind, cope with names at the
length limit and refuse bad paths with a WecbError naming them."""

from __future__ import annotations

import errno
import json
import os
import signal
import stat
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import wecb
from wecb.cli import main
from wecb.datasets import essex_2012
from wecb.errors import ExportError, LoadError, WecbError, WecbTypeError
from wecb.io import write_csv, write_json, write_tables_csv, write_xlsx
from wecb.model.rows import flow_rows

PREVIOUS = b"the previous file, which a failed write must leave as it was\n"


class CommandFailedError(Exception):
    """``wecb export`` ended with a status other than 0 (its stderr is the message)."""


@dataclass(frozen=True)
class Writer:
    name: str
    suffix: str
    write: Callable[[Path], object]
    error: type[WecbError]

    def __str__(self) -> str:
        return self.name


def _command(*args: str) -> Callable[[Path], object]:
    def write(path: Path) -> None:
        status = main(["export", *args, "-o", str(path)])
        if status != 0:
            raise CommandFailedError(status)

    return write


def _plot(path: Path) -> None:
    from wecb.core.periods import FinancialYear  # noqa: PLC0415
    from wecb.present import plots  # noqa: PLC0415

    year = FinancialYear(2012)
    plots.cumulative_net_benefit({year: wecb.Money(-5), year + 1: wecb.Money(10)}, path=path)


def _save(suffix: str) -> Callable[[Path], object]:
    return lambda path: wecb.save(essex_2012(), path, format=suffix)


WRITERS = [
    Writer("save-toml", ".toml", _save("toml"), LoadError),
    Writer("save-json", ".json", _save("json"), LoadError),
    Writer("write_csv", ".csv", lambda p: write_csv(flow_rows(essex_2012()), p), ExportError),
    Writer("write_json", ".json", lambda p: write_json(flow_rows(essex_2012()), p), ExportError),
    Writer("write_xlsx", ".xlsx", lambda p: write_xlsx(flow_rows(essex_2012()), p), ExportError),
    Writer("write_tables_csv", ".csv", lambda p: write_tables_csv(essex_2012(), p), ExportError),
    Writer("export-csv", ".csv", _command("--what", "flows", "--format", "csv"), ExportError),
    Writer("export-json", ".json", _command("--format", "json"), ExportError),
    Writer("export-xlsx", ".xlsx", _command("--format", "xlsx"), ExportError),
    Writer("export-tables", ".csv", _command("--what", "tables", "--format", "csv"), ExportError),
    Writer("export-toml", ".toml", _command("--what", "programme", "--format", "toml"), LoadError),
    Writer("plot", ".png", _plot, ExportError),
]
writers = pytest.mark.parametrize("writer", WRITERS, ids=str)


@pytest.fixture(autouse=True)
def _openpyxl(request: pytest.FixtureRequest) -> None:
    spec = getattr(request.node, "callspec", None)
    writer = str(spec.params.get("writer", "")) if spec is not None else ""
    if "xlsx" in writer:
        pytest.importorskip("openpyxl")
    if writer == "plot":
        pytest.importorskip("matplotlib")


def refused(
    writer: Writer, path: Path, capsys: pytest.CaptureFixture[str], *, cause: bool = True
) -> str:
    """The message of the error ``writer`` raises writing to ``path``: a WecbError of the
    writer's class (a ``wecb: error:`` line and status 1 from the command line)."""
    if writer.name.startswith("export"):
        with pytest.raises(CommandFailedError):
            writer.write(path)
        err = capsys.readouterr().err
        assert err.startswith("wecb: error: ") and "Traceback" not in err
        return err
    with pytest.raises(writer.error) as caught:
        writer.write(path)
    if cause:
        assert isinstance(caught.value.__cause__, OSError)
    return str(caught.value)


def listing(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


def previous(tmp_path: Path, writer: Writer, name: str = "out") -> Path:
    path = tmp_path / f"{name}{writer.suffix}"
    path.write_bytes(PREVIOUS)
    return path


# -- failures half way keep the previous file, and leave nothing behind -------------------------


@writers
def test_a_full_disk_half_way_keeps_the_previous_file(
    writer: Writer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from wecb.io import _atomic  # noqa: PLC0415 - the seam, only where it is broken

    path = previous(tmp_path, writer)

    def half_then_full(handle: Any, data: bytes) -> None:
        handle.write(data[: len(data) // 2])
        handle.flush()
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(_atomic, "_write_chunks", half_then_full)
    message = refused(writer, path, capsys)
    assert str(path) in message and "No space left on device" in message
    assert "the previous file is unchanged" in message
    assert path.read_bytes() == PREVIOUS
    assert listing(tmp_path) == [path.name]


@writers
@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_failed_sync_or_rename_keeps_the_previous_file(
    writer: Writer,
    failing: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = previous(tmp_path, writer)

    def fail(*args: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, failing, fail)
    message = refused(writer, path, capsys)
    monkeypatch.undo()
    assert str(path) in message and "Input/output error" in message
    assert path.read_bytes() == PREVIOUS
    assert listing(tmp_path) == [path.name]


@writers
def test_an_interrupt_keeps_the_previous_file(
    writer: Writer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wecb.io import _atomic  # noqa: PLC0415

    path = previous(tmp_path, writer)

    def interrupted(handle: Any, data: bytes) -> None:
        handle.write(data[:10])
        raise KeyboardInterrupt

    monkeypatch.setattr(_atomic, "_write_chunks", interrupted)
    if writer.name.startswith("export"):
        with pytest.raises(CommandFailedError) as caught:
            writer.write(path)
        assert caught.value.args == (130,)
    else:
        with pytest.raises(KeyboardInterrupt):
            writer.write(path)
    assert path.read_bytes() == PREVIOUS
    assert listing(tmp_path) == [path.name]


_CHILD = """
import os, resource, signal, sys
from pathlib import Path
import wecb
from wecb.cli import main
from wecb.datasets import essex_2012
from wecb.io import write_csv, write_json, write_tables_csv, write_xlsx
from wecb.model.rows import flow_rows

folder, how = Path(sys.argv[1]), sys.argv[2]
essex = essex_2012()
rows = flow_rows(essex)
writers = {
    "save.toml": lambda p: wecb.save(essex, p),
    "write_csv.csv": lambda p: write_csv(rows, p),
    "write_json.json": lambda p: write_json(rows, p),
    "write_tables_csv.csv": lambda p: write_tables_csv(essex, p),
    "export.csv": lambda p: main(["export", "--what", "flows", "-o", str(p)]),
}
try:
    import openpyxl  # noqa: F401
    writers["write_xlsx.xlsx"] = lambda p: write_xlsx(rows, p)
except ImportError:
    pass
if how == "full":
    # Files may grow to 200 bytes only: every write of more fails (EFBIG), as on a full disk.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (200, 200))
    for name, write in writers.items():
        try:
            status = write(folder / name)
            print(name, "status", status)
        except wecb.errors.WecbError as exc:
            print(name, type(exc).__name__, str(folder / name) in str(exc))
        except Exception as exc:
            print(name, "other", type(exc).__name__)
else:
    # Killed half way through writing the one file named, at the writers' seam.
    def kill_after_half(handle, data):
        handle.write(data[: len(data) // 2])
        handle.flush()
        os.kill(os.getpid(), signal.SIGKILL)

    for module in list(sys.modules.values()):
        if getattr(module, "__name__", "").startswith("wecb") and hasattr(module, "_write_chunks"):
            module._write_chunks = kill_after_half
    writers[how](folder / how)
"""


def _child(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(_CHILD), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_FSIZE and SIGXFSZ as on Linux")
def test_a_real_write_error_keeps_every_previous_file(tmp_path: Path) -> None:
    names = ["save.toml", "write_csv.csv", "write_json.json", "write_tables_csv.csv"]
    names += ["export.csv", "write_xlsx.xlsx"]
    for name in names:
        (tmp_path / name).write_bytes(PREVIOUS)
    done = _child(str(tmp_path), "full")
    assert done.returncode == 0, done.stderr
    results = dict(line.split(" ", 1) for line in done.stdout.splitlines())
    assert results.pop("export.csv") == "status 1"
    assert "File too large" in done.stderr  # the command's message (wecb: error: ...)
    for name, result in results.items():
        assert result in ("LoadError True", "ExportError True"), (name, result)
    for name in names:
        assert (tmp_path / name).read_bytes() == PREVIOUS, name
    assert listing(tmp_path) == sorted(names)


@pytest.mark.skipif(sys.platform != "linux", reason="O_TMPFILE: a nameless file until done")
@pytest.mark.parametrize("name", ["save.toml", "write_csv.csv", "export.csv"])
def test_a_killed_writer_leaves_the_previous_file_and_nothing_else(
    name: str, tmp_path: Path
) -> None:
    (tmp_path / name).write_bytes(PREVIOUS)
    done = _child(str(tmp_path), name)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert (tmp_path / name).read_bytes() == PREVIOUS
    assert listing(tmp_path) == [name]


# -- permissions, links, names -------------------------------------------------------------------


@pytest.fixture
def umask_027() -> Iterator[None]:
    old = os.umask(0o027)
    try:
        yield
    finally:
        os.umask(old)


@writers
@pytest.mark.usefixtures("umask_027")
def test_a_new_file_gets_the_umask(writer: Writer, tmp_path: Path) -> None:
    path = tmp_path / f"new{writer.suffix}"
    writer.write(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert listing(tmp_path) == [path.name]


@writers
def test_an_existing_file_keeps_its_permissions(writer: Writer, tmp_path: Path) -> None:
    path = previous(tmp_path, writer)
    os.chmod(path, 0o604)
    writer.write(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o604
    assert path.read_bytes() != PREVIOUS


@writers
def test_a_symbolic_link_is_followed_and_kept(writer: Writer, tmp_path: Path) -> None:
    real = previous(tmp_path, writer, "real")
    os.chmod(real, 0o600)
    link = tmp_path / f"link{writer.suffix}"
    link.symlink_to(real.name)
    writer.write(link)
    assert link.is_symlink() and os.readlink(link) == real.name
    assert real.read_bytes() != PREVIOUS
    assert stat.S_IMODE(real.stat().st_mode) == 0o600
    assert listing(tmp_path) == sorted([link.name, real.name])


@writers
def test_a_dangling_link_creates_its_target(writer: Writer, tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    link = tmp_path / f"link{writer.suffix}"
    link.symlink_to(f"sub/made{writer.suffix}")
    writer.write(link)
    assert link.is_symlink()
    assert (tmp_path / "sub" / f"made{writer.suffix}").stat().st_size > 0
    assert listing(tmp_path / "sub") == [f"made{writer.suffix}"]


@writers
def test_a_link_loop_is_refused(
    writer: Writer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one, two = tmp_path / f"one{writer.suffix}", tmp_path / f"two{writer.suffix}"
    one.symlink_to(two.name)
    two.symlink_to(one.name)
    assert str(one) in refused(writer, one, capsys)
    assert one.is_symlink() and two.is_symlink()


@writers
def test_a_name_at_the_length_limit_is_written(writer: Writer, tmp_path: Path) -> None:
    limit = os.pathconf(tmp_path, "PC_NAME_MAX")
    path = previous(tmp_path, writer, "x" * (limit - len(writer.suffix)))
    assert len(path.name) == limit
    writer.write(path)
    assert path.read_bytes() != PREVIOUS
    assert listing(tmp_path) == [path.name]


@writers
def test_a_name_over_the_limit_is_an_error_naming_it(
    writer: Writer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    limit = os.pathconf(tmp_path, "PC_NAME_MAX")
    path = tmp_path / ("x" * (limit + 1 - len(writer.suffix)) + writer.suffix)
    message = refused(writer, path, capsys)
    assert path.name in message and "too long" in message
    assert listing(tmp_path) == []


@writers
def test_a_nul_in_the_path_is_an_error_naming_it(
    writer: Writer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / f"bad\x00name{writer.suffix}"
    message = refused(writer, path, capsys, cause=False)
    assert "bad\\x00name" in message and "NUL" in message
    assert listing(tmp_path) == []


@writers
def test_a_missing_folder_is_an_error_naming_the_file(
    writer: Writer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "missing" / f"out{writer.suffix}"
    message = refused(writer, path, capsys)
    assert str(path) in message and "No such file or directory" in message


@writers
def test_a_folder_is_not_replaced(
    writer: Writer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / f"folder{writer.suffix}"
    folder.mkdir()
    assert "it is a folder" in refused(writer, folder, capsys, cause=False)
    assert folder.is_dir()


@writers
def test_a_read_only_file_is_refused(
    writer: Writer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = previous(tmp_path, writer)
    os.chmod(path, 0o444)
    if os.name != "posix" or os.geteuid() == 0:
        # Root may write a read-only file: the system's answer is simulated instead.
        monkeypatch.setattr(os, "access", lambda *_a, **_k: False)
    assert "read-only" in refused(writer, path, capsys, cause=False)
    assert path.read_bytes() == PREVIOUS


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
@pytest.mark.parametrize("writer", [w for w in WRITERS if w.suffix == ".csv"], ids=str)
def test_a_device_is_written_in_place(writer: Writer) -> None:
    writer.write(Path("/dev/null"))
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize("path", [None, 3, b"out.csv"])
def test_a_path_of_the_wrong_type_is_refused(path: object) -> None:
    with pytest.raises(WecbTypeError, match="path"):
        write_csv([{"a": "1"}], path)  # type: ignore[arg-type]


# -- text UTF-8 cannot hold ----------------------------------------------------------------------


def test_a_lone_surrogate_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    path.write_bytes(PREVIOUS)
    with pytest.raises(ExportError, match="lone surrogate") as caught:
        write_csv([{"label": "a\udc80b"}], path)
    assert str(path) in str(caught.value)
    with pytest.raises(ExportError, match="lone surrogate"):
        write_json([{"label": "a\udc80b"}], path)
    programme = essex_2012().evolve(name="Essex \udc80")
    with pytest.raises(LoadError, match="lone surrogate"):
        wecb.save(programme, path.with_suffix(".toml"))
    assert path.read_bytes() == PREVIOUS
    assert listing(tmp_path) == ["out.csv"]


def test_a_lone_surrogate_in_a_workbook_is_refused_with_its_cell(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    with pytest.raises(ExportError, match=r"sheet 'rows', row 2, column 'label'.*surrogate"):
        write_xlsx([{"label": "a\udc80b"}], tmp_path / "out.xlsx")
    assert listing(tmp_path) == []


@pytest.mark.parametrize(
    ("sheets", "message"),
    [
        ({"a/b": [{"a": "1"}]}, "sheet name: 'a/b' is not accepted"),
        ({"": [{"a": "1"}]}, "sheet name: '' is not accepted"),
        ({"History": [{"a": "1"}]}, "spreadsheets keep 'History'"),
        ({"x" * 31 + "1": [{"a": "1"}], "X" * 31 + "2": [{"a": "1"}]}, "is the same sheet as"),
        ({"Rows": [{"a": "1"}], "rows": [{"a": "1"}]}, "is the same sheet as"),
    ],
)
def test_sheet_names_a_spreadsheet_would_refuse_or_rename(
    sheets: dict[str, Any], message: str, tmp_path: Path
) -> None:
    pytest.importorskip("openpyxl")
    with pytest.raises(ExportError, match=message.replace("(", r"\(")):
        write_xlsx(sheets, tmp_path / "out.xlsx")
    assert listing(tmp_path) == []


def test_the_written_files_read_back(tmp_path: Path) -> None:
    # Atomic writing changes nothing in what is written.
    path = wecb.save(essex_2012(), tmp_path / "essex.json")
    assert wecb.load(path) == essex_2012()
    rows = write_json(flow_rows(essex_2012()), tmp_path / "flows.json")
    assert len(json.loads(rows.read_text("utf-8"))) == len(flow_rows(essex_2012()))
