"""Programme files: load, save and text forms in TOML (for people) and JSON (for tools).

See :mod:`wecb.io` for the format. Every problem with a file raises
:class:`~wecb.errors.LoadError` naming the file, the entry and the field; nothing half-built
is ever returned. Saving is atomic: the previous file survives any failure.

Two parts live in private modules: the TOML layout for people (``wecb.io._toml``) and the
code that turns a structuring error into a :class:`~wecb.errors.LoadError` naming the entry
and the field (``wecb.io._errors``).
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import tempfile
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any, Final, Literal

import attrs

from wecb.core.periods import OpenPeriod
from wecb.errors import LoadError, ProgrammeError, ValidationError
from wecb.io._convert import check_plain, converter
from wecb.io._errors import graph_error, graph_problem, load_error
from wecb.io._reading import check_size, read_text
from wecb.io._readings import fill_0_1_readings
from wecb.io._toml import toml_text
from wecb.io._value_hooks import open_periods
from wecb.model.programme import Programme

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "SUPPORTED_VERSIONS",
    "Migration",
    "dumps",
    "load",
    "loads",
    "migrate",
    "save",
]

#: The value of the ``format`` header of a programme file.
FORMAT: Final = "wecb.programme"
#: The version this wecb writes.
FORMAT_VERSION: Final = 1
#: The versions this wecb reads.
SUPPORTED_VERSIONS: Final = (1,)
#: Files larger than this are refused before they are parsed (64 MiB).
DEFAULT_MAX_BYTES: Final = 64 * 1024 * 1024
#: Data nested deeper than this is refused before it is turned into model objects. A
#: programme file needs 6 levels (programme, projects, a project, its flows, a flow, ...).
DEFAULT_MAX_DEPTH: Final = 32

Format = Literal["toml", "json"]
_SUFFIXES: Final[dict[str, Format]] = {".toml": "toml", ".json": "json"}
# The order of the top-level sections in written files: header, scalars, then lists.
_ORDER: Final = (
    "format",
    "format_version",
    "name",
    "place",
    "currency",
    "source",
    "notes",
    "periods",
    "partners",
    "domains",
    "funding_streams",
    "projects",
)


# -- formats -------------------------------------------------------------------------------


def _format_of(path: Path, format: Format | None) -> Format:
    if format is not None:
        return _check_format(format, str(path))
    found = _SUFFIXES.get(path.suffix.lower())
    if found is None:
        raise LoadError(
            f"cannot tell the format from the suffix {path.suffix!r}: use .toml or .json, "
            "or pass format='toml' or format='json'",
            path=str(path),
        )
    return found


def _check_format(format: object, name: str) -> Format:
    if format == "toml":
        return "toml"
    if format == "json":
        return "json"
    raise LoadError(f"unknown format {format!r}: expected 'toml' or 'json'", path=name)


# -- reading -------------------------------------------------------------------------------


def load(
    path: str | os.PathLike[str],
    *,
    format: Format | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> Programme:
    """Read a programme file (``.toml`` or ``.json``, or as ``format`` says).

    Raises :class:`~wecb.errors.LoadError` naming the file, the entry and the field for any
    problem: unreadable or oversized files, syntax errors, a missing, unknown or newer
    ``format_version``, missing or unknown fields, wrong types, bad money or years, and
    every inconsistency of the programme's graph (kept in ``LoadError.problems``).
    """
    file = Path(path)
    kind = _format_of(file, format)
    text = read_text(file, max_bytes)
    return _load_text(text, kind, str(file), max_depth)


def loads(
    text: str,
    format: Format,
    *,
    name: str = "<string>",
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> Programme:
    """Read a programme from ``text`` in ``format`` (``"toml"`` or ``"json"``).

    ``name`` stands for the file in error messages.

    >>> loads('format = "wecb.programme"\\nformat_version = 9', "toml")
    Traceback (most recent call last):
    ...
    wecb.errors.LoadError: file '<string>', field 'format_version': format version 9 is newer ...
    """
    if not isinstance(text, str):
        raise LoadError(f"expected the file's text as str, got {type(text).__name__}", path=name)
    kind = _check_format(format, name)
    # Each character is at least one byte, so a long text fails before it is encoded.
    size = len(text) if len(text) > max_bytes else len(text.encode("utf-8", "surrogatepass"))
    check_size(size, max_bytes, name)
    return _load_text(text, kind, name, max_depth)


def _load_text(text: str, kind: Format, name: str, max_depth: int) -> Programme:
    return _structure(_body(text, kind, name, max_depth), name)


def _body(text: str, kind: Format, name: str, max_depth: int) -> dict[str, Any]:
    """The file's content under its header, checked for depth, shape and header."""
    document = _parse(text, kind, name)
    _check_depth(document, max_depth, name)
    if not isinstance(document, dict):
        raise LoadError(
            "expected a table (a JSON object) at the top of the file, "
            f"got {type(document).__name__}",
            path=name,
        )
    _check_header(document, name)
    return {k: v for k, v in document.items() if k not in ("format", "format_version")}


@attrs.frozen
class Migration:
    """What :func:`migrate` did: the changes written, the answers that change with nothing
    written, and the file written (``None`` when nothing needed writing)."""

    changes: tuple[str, ...]
    notes: tuple[str, ...]
    written: Path | None


def migrate(
    path: str | os.PathLike[str],
    *,
    output: str | os.PathLike[str] | None = None,
    format: Format | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> Migration:
    """Rewrite a programme file written for wecb 0.1.0 so that it states what 0.1.0 read
    into it: ``value_type = "fiscal"`` for a benefit with none, ``cashable = true`` for such
    a fiscal benefit with none, ``non_cashable_value_type = "fiscal"`` for a table with none.

    The :class:`Migration` lists each change (entry, field, value, why) and, apart, the one
    reading that cannot be kept (an economic or social benefit 0.1.0 counted as cashable).
    The result is loaded and checked before anything is written, then saved atomically to
    ``output`` (by default over ``path``, and only if something was written in). Review the
    changes: each is 0.1.0's guess, now visible, to correct where a source says otherwise.
    """
    file = Path(path)
    kind = _format_of(file, format)
    given = _body(read_text(file, max_bytes), kind, str(file), max_depth)
    body, changes, notes = fill_0_1_readings(given)
    programme = _structure(body, str(file))
    if output is None and not changes:
        return Migration(changes, notes, None)
    target = file if output is None else Path(output)
    return Migration(
        changes, notes, save(programme, target, format=kind if output is None else None)
    )


def _parse(text: str, kind: Format, name: str) -> object:
    try:
        if kind == "toml":
            return tomllib.loads(text)
        return json.loads(text, object_pairs_hook=_json_object, parse_constant=_json_constant)
    except tomllib.TOMLDecodeError as exc:
        raise LoadError(f"not valid TOML: {exc}", path=name) from None
    except json.JSONDecodeError as exc:
        raise LoadError(f"not valid JSON: {exc}", path=name) from None
    except _JSONError as exc:
        raise LoadError(f"not accepted JSON: {exc}", path=name) from None
    except RecursionError:
        raise LoadError(
            "the data is nested too deeply to read (a programme file needs only a few levels)",
            path=name,
        ) from None
    except ValueError as exc:
        # Python's int() refuses literals past 4300 digits (a plain ValueError).
        raise LoadError(f"a number in the file cannot be read: {exc}", path=name) from None


class _JSONError(Exception):
    pass


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _JSONError(f"duplicate key {key!r} in one object")
        out[key] = value
    return out


def _json_constant(text: str) -> object:
    raise _JSONError(f"{text} is not a number wecb accepts (only exact numbers as text)")


def _check_depth(document: object, max_depth: int, name: str) -> None:
    # Iterative, so that the check itself cannot overflow the stack.
    stack: list[tuple[object, int]] = [(document, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > max_depth:
                raise LoadError(
                    f"the data is nested deeper than the limit of {max_depth} levels; pass a "
                    "larger max_depth if the file is trusted",
                    path=name,
                )
            items = value.values() if isinstance(value, dict) else value
            stack.extend((item, depth + 1) for item in items)


def _check_header(document: Mapping[str, Any], name: str) -> None:
    supported = ", ".join(map(str, SUPPORTED_VERSIONS))
    fmt = document.get("format")
    if fmt != FORMAT:
        said = "is missing" if fmt is None else f"is {fmt!r}"
        raise LoadError(
            f"the header field 'format' {said}; a programme file says format = {FORMAT!r}",
            path=name,
            field="format",
        )
    version = document.get("format_version")
    if version is None:
        raise LoadError(
            f"the header field 'format_version' is missing; supported versions: {supported}",
            path=name,
            field="format_version",
        )
    if isinstance(version, bool) or not isinstance(version, int):
        raise LoadError(
            f"format_version must be a whole number, got {version!r}; "
            f"supported versions: {supported}",
            path=name,
            field="format_version",
        )
    if version > max(SUPPORTED_VERSIONS):
        raise LoadError(
            f"format version {version} is newer than this wecb reads (supported versions: "
            f"{supported}); upgrade wecb to read it",
            path=name,
            field="format_version",
        )
    if version not in SUPPORTED_VERSIONS:
        raise LoadError(
            f"unknown format version {version}; supported versions: {supported}",
            path=name,
            field="format_version",
        )


# -- structuring (its errors are located in wecb.io._errors) -------------------------------


def _structure(body: dict[str, Any], name: str) -> Programme:
    conv = converter()
    try:
        periods = conv.structure(body.get("periods", []), tuple[OpenPeriod, ...])
    except Exception as exc:
        raise load_error(exc, body, name, root=("periods",)) from None
    try:
        with open_periods(periods):
            programme: Programme = conv.structure(body, Programme)
    except Exception as exc:
        graph = exc if isinstance(exc, ProgrammeError) else graph_problem(exc)
        if graph is not None:
            raise graph_error(graph, body, name) from None
        raise load_error(exc, body, name) from None
    return programme


# -- writing -------------------------------------------------------------------------------


def _plain(programme: Programme) -> dict[str, Any]:
    if not isinstance(programme, Programme):
        raise ValidationError(f"expected a Programme to write, got {type(programme).__name__}")
    body: dict[str, Any] = converter().unstructure(programme)
    document: dict[str, Any] = {"format": FORMAT, "format_version": FORMAT_VERSION}
    for key in _ORDER:
        if key in body:
            document[key] = body[key]
    document.update((k, v) for k, v in body.items() if k not in document)
    check_plain(document)
    return document


def dumps(programme: Programme, format: Format = "toml") -> str:
    """The text of ``programme`` as a file in ``format`` (``"toml"`` or ``"json"``)."""
    kind = _check_format(format, "<string>")
    document = _plain(programme)
    if kind == "json":
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return toml_text(document)


def save(
    programme: Programme, path: str | os.PathLike[str], *, format: Format | None = None
) -> Path:
    """Write ``programme`` to ``path`` atomically and return the path.

    The text is written to a temporary file in the same folder, flushed and synced to disk,
    then renamed over ``path``: a reader sees the old file or the new one, never a part,
    and a failed save leaves the old file as it was. An existing file keeps its
    permissions; a new one gets mode 0644. Errors of the file system (``OSError``, such as
    a full disk) propagate unchanged, after the temporary file is removed.
    """
    file = Path(path)
    text = dumps(programme, _format_of(file, format))
    _write_atomic(file, text.encode("utf-8"))
    return file


def _write_chunks(handle: IO[bytes], data: bytes) -> None:
    # One seam for tests to break a write half way.
    view = memoryview(data)
    for start in range(0, len(view), 1 << 16):
        handle.write(view[start : start + (1 << 16)])


def _write_atomic(file: Path, data: bytes) -> None:
    directory = file.parent
    fd, temporary = tempfile.mkstemp(prefix=f".{file.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            _write_chunks(handle, data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            mode = stat.S_IMODE(file.stat().st_mode)
        except FileNotFoundError:
            mode = 0o644
        os.chmod(temporary, mode)
        os.replace(temporary, file)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    # The rename is durable only once the directory entry is synced (POSIX).
    with contextlib.suppress(OSError):
        dir_fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
