"""Programme files: load, save and text forms in TOML (for people) and JSON (for tools).

See :mod:`wecb.io` for the format. Every problem with a file raises
:class:`~wecb.errors.LoadError` naming the file, the entry and the field; nothing half-built
is ever returned. Saving is atomic: the previous file survives any failure.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import tempfile
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, Final, Literal

from cattrs.errors import (
    AttributeValidationNote,
    BaseValidationError,
    ForbiddenExtraKeysError,
    IterableValidationNote,
)

from wecb.core.periods import OpenPeriod
from wecb.errors import LoadError, ProgrammeError, ValidationError, WecbError
from wecb.io._convert import check_plain, converter, open_periods
from wecb.io._reading import check_size, read_text
from wecb.model.programme import Programme

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "SUPPORTED_VERSIONS",
    "dumps",
    "load",
    "loads",
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
_PROBLEM_AT: Final = re.compile(
    r"(?P<list>\w+)\[(?:'(?P<key>[^']*)'|(?P<index>\d+))\](?P<rest>[^:\s]*):"
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
    document = _parse(text, kind, name)
    _check_depth(document, max_depth, name)
    if not isinstance(document, dict):
        raise LoadError(
            "expected a table (a JSON object) at the top of the file, "
            f"got {type(document).__name__}",
            path=name,
        )
    _check_header(document, name)
    body = {k: v for k, v in document.items() if k not in ("format", "format_version")}
    return _structure(body, name)


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


# -- structuring and its errors ------------------------------------------------------------


def _structure(body: dict[str, Any], name: str) -> Programme:
    conv = converter()
    try:
        periods = conv.structure(body.get("periods", []), tuple[OpenPeriod, ...])
    except Exception as exc:
        raise _load_error(exc, body, name, root=("periods",)) from None
    try:
        with open_periods(periods):
            programme: Programme = conv.structure(body, Programme)
    except Exception as exc:
        graph = exc if isinstance(exc, ProgrammeError) else _graph_problem(exc)
        if graph is not None:
            raise _graph_error(graph, body, name) from None
        raise _load_error(exc, body, name) from None
    return programme


def _graph_problem(exc: BaseException) -> ProgrammeError | None:
    # cattrs wraps the Programme constructor's error in a ClassValidationError of one.
    if isinstance(exc, BaseValidationError) and len(exc.exceptions) == 1:
        inner = exc.exceptions[0]
        if isinstance(inner, ProgrammeError):
            return inner
    return None


_Steps = tuple[str | int, ...]

_CLASS_FIELD: Final = re.compile(r"(?P<cls>[A-Z]\w*)\.(?P<field>[a-z_]\w*(?:\[\d+\])?(?:\.\w+)*):")


def _leaves(exc: BaseException, path: _Steps) -> Iterator[tuple[_Steps, BaseException]]:
    """Every underlying error of a cattrs error tree, with the path to it."""
    if isinstance(exc, BaseValidationError):
        for sub in exc.exceptions:
            step: _Steps = ()
            for note in getattr(sub, "__notes__", ()):
                if isinstance(note, AttributeValidationNote):
                    step = (note.name,)
                    break
                if isinstance(note, IterableValidationNote):
                    step = (note.index,)
                    break
            yield from _leaves(sub, path + step)
        return
    if isinstance(exc, ForbiddenExtraKeysError) and len(exc.extra_fields) == 1:
        yield (*path, next(iter(exc.extra_fields))), exc
        return
    if isinstance(exc, WecbError):
        # A model validator names "Class.field[index]: ..."; keep the field part.
        match = _CLASS_FIELD.match(str(exc))
        if match is not None:
            steps = re.findall(r"[a-z_]\w*|\[\d+\]", match["field"])
            extra: _Steps = tuple(int(s[1:-1]) if s.startswith("[") else s for s in steps)
            if extra and extra[0] == (path[-1] if path else None):
                extra = extra[1:]
            yield path + extra, exc
            return
    yield path, exc


def _message(exc: BaseException) -> str:
    if isinstance(exc, KeyError):
        return "required field is missing"
    if isinstance(exc, ForbiddenExtraKeysError):
        return f"unknown field(s): {', '.join(sorted(map(repr, exc.extra_fields)))}"
    text = str(exc)
    return text if text else type(exc).__name__


def _locate(path: _Steps, body: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """``(entry, field)`` for a path such as ``("projects", 2, "table", "net_cashable")``."""
    if not path:
        return None, None
    head = path[0]
    if len(path) >= 2 and isinstance(path[1], int):
        index = path[1]
        entry = f"{head}[{index}]"
        items = body.get(str(head))
        if isinstance(items, list) and index < len(items):
            item = items[index]
            if isinstance(item, dict) and isinstance(item.get("key"), str):
                entry += f" ({item['key']})"
        rest = path[2:]
    else:
        entry, rest = "programme", path
    field = ""
    for step in rest:
        field += f"[{step}]" if isinstance(step, int) else (f".{step}" if field else str(step))
    return entry, field or None


def _load_error(
    exc: BaseException, body: Mapping[str, Any], name: str, root: _Steps = ()
) -> LoadError:
    leaves = list(_leaves(exc, root))
    problems = []
    for path, leaf in leaves:
        entry, field = _locate(path, body)
        where = ", ".join(
            part for part in (entry and f"entry {entry!r}", field and f"field {field!r}") if part
        )
        problems.append(f"{where}: {_message(leaf)}" if where else _message(leaf))
    path, first = leaves[0]
    entry, field = _locate(path, body)
    message = _and_more(_message(first), problems[1:])
    return LoadError(message, path=name, entry=entry, field=field, problems=problems)


def _graph_error(exc: ProgrammeError, body: Mapping[str, Any], name: str) -> LoadError:
    entry = field = None
    match = _PROBLEM_AT.match(exc.problems[0]) if exc.problems else None
    if match is not None:
        collection = match["list"]
        items = body.get(collection)
        index: int | None = None
        if match["index"] is not None:
            index = int(match["index"])
        elif isinstance(items, list):
            index = next(
                (
                    i
                    for i, item in enumerate(items)
                    if isinstance(item, dict) and item.get("key") == match["key"]
                ),
                None,
            )
        if index is not None:
            entry, field = _locate((collection, index), body)
        field = match["rest"].lstrip(".") or None
    problems = exc.problems or (str(exc),)
    message = _and_more(f"the programme is inconsistent: {problems[0]}", problems[1:])
    return LoadError(message, path=name, entry=entry, field=field, problems=problems)


def _and_more(message: str, others: Sequence[str]) -> str:
    """``message``, then the ``others`` listed one a line, if there are any."""
    if not others:
        return message
    listed = "".join(f"\n  - {p}" for p in others)
    return f"{message} (and {len(others)} more problem{'s' if len(others) > 1 else ''}:{listed})"


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
    return _toml(document)


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


# -- TOML layout ---------------------------------------------------------------------------

_BARE_KEY: Final = re.compile(r"[A-Za-z0-9_-]+")


def _key(name: str) -> str:
    return name if _BARE_KEY.fullmatch(name) else json.dumps(name, ensure_ascii=False)


def _is_table_list(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _toml(document: dict[str, Any]) -> str:
    """TOML laid out for people: every table and array of tables under its own header
    (``[[projects]]``, ``[projects.table]``, ``[[projects.flows]]``), never inline."""
    import tomli_w  # noqa: PLC0415 -- only writing needs it

    lines: list[str] = []

    def emit(table: dict[str, Any], name: str, header: str | None) -> None:
        if header is not None:
            if lines:
                lines.append("")
            lines.append(header)
        scalars = {
            k: v for k, v in table.items() if not isinstance(v, dict) and not _is_table_list(v)
        }
        if scalars:
            lines.append(tomli_w.dumps(scalars).rstrip("\n"))
        for key, value in table.items():
            full = f"{name}.{_key(key)}" if name else _key(key)
            if isinstance(value, dict):
                emit(value, full, f"[{full}]")
            elif _is_table_list(value):
                for item in value:
                    emit(item, full, f"[[{full}]]")

    emit(document, "", None)
    return "\n".join(lines) + "\n"
