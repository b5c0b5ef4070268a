"""Programme files: load, save and text forms in TOML (for people) and JSON (for tools), and
Parquet for large programmes (the ``parquet`` extra).

See :mod:`wecb.io` for the format. Every problem with a file raises
:class:`~wecb.errors.LoadError` naming the file, the entry and the field; nothing half-built
is ever returned. Saving is atomic: the previous file survives any failure.

Parts live in private modules: the TOML layout for people (``wecb.io._toml``), the
code that turns a structuring error into a :class:`~wecb.errors.LoadError` naming the entry
and the field (``wecb.io._errors``), and the Parquet format (``wecb.io._parquet``).

A file's cash-flow lines are read straight into columns (no
:class:`~wecb.model.cashflows.CashFlow` object per amount until one is asked for), each
distinct set of a line's attributes and each distinct period checked once; a file with a
problem in a line is read flow by flow, so the error names the line and field as always.

Parquet (``.parquet``, written and read with ``pyarrow``): one row per cash flow, the money
as ``decimal128(38, scale)`` with the places the amounts need (exact; an amount that does not
fit 38 digits is refused when saving), and the rest of the programme as the plain form of
format version 2 in the file's metadata. ``max_bytes`` limits the file and the number of
values, as for text.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Final, Literal

import attrs

from wecb.errors import LoadError, ParseError, ValidationError, excerpt
from wecb.io._asks import move_project_asks
from wecb.io._atomic import checked_path, write_atomic
from wecb.io._errors import located
from wecb.io._parquet_files import load_parquet, programme_parquet
from wecb.io._parsing import check_depth, deeper, deeper_but_lines, parse_document
from wecb.io._plain import (
    FORMAT,
    FORMAT_VERSION,
    SUPPORTED_VERSIONS,
    plain_without_flows,
    programme_to_plain,
    structure_programme,
)
from wecb.io._reading import (
    DEFAULT_MAX_BYTES,
    check_size,
    check_surrogates,
    check_values,
    file_name,
    read_text,
    surrogate_in,
)
from wecb.io._readings import fill_0_1_readings
from wecb.io._toml import toml_text
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

#: Data nested deeper than this is refused before it is turned into model objects. A
#: programme file needs 6 levels (programme, projects, a project, its flows, a flow, ...).
DEFAULT_MAX_DEPTH: Final = 32

Format = Literal["toml", "json", "parquet"]
_Text = Literal["toml", "json"]
_SUFFIXES: Final[dict[str, Format]] = {".toml": "toml", ".json": "json", ".parquet": "parquet"}


# -- formats -------------------------------------------------------------------------------


def _format_of(path: Path, format: Format | None) -> Format:
    if format is not None:
        return _check_format(format, str(path))
    found = _SUFFIXES.get(path.suffix.lower())
    if found is None:
        raise LoadError(
            f"cannot tell the format from the suffix {excerpt(path.suffix)}: use .toml or .json "
            "(or .parquet for large programmes), or pass format='toml', 'json' or 'parquet'",
            path=str(path),
        )
    return found


def _check_format(format: object, name: str) -> Format:
    if format == "toml":
        return "toml"
    if format == "json":
        return "json"
    if format == "parquet":
        return "parquet"
    raise LoadError(
        f"unknown format {excerpt(format)}: expected 'toml', 'json' or 'parquet'", path=name
    )


def _text_format(format: object, name: str) -> _Text:
    kind = _check_format(format, name)
    if kind == "parquet":
        raise LoadError(
            "Parquet is a binary format, not text: read and write it as a file, with "
            "load(path) and save(programme, path)",
            path=name,
        )
    return "toml" if kind == "toml" else "json"


# -- reading -------------------------------------------------------------------------------


def load(
    path: str | os.PathLike[str],
    *,
    format: Format | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> Programme:
    """Read a programme file (``.toml``, ``.json`` or ``.parquet``, or as ``format`` says).

    Raises :class:`~wecb.errors.LoadError` naming the file, the entry and the field for any
    problem: files that are missing, unreadable, not regular files (a FIFO, a device, a
    directory) or over ``max_bytes`` (also read as a limit on the number of values, see
    :mod:`wecb.io`), syntax errors, a lone surrogate, a missing, unknown or newer
    ``format_version``, missing or unknown fields, wrong types, bad money or years, and
    every inconsistency of the programme's graph (kept in ``LoadError.problems``: at most
    :data:`~wecb.errors.MAX_PROBLEMS`, the others counted).
    """
    file = Path(file_name(path))
    kind = _format_of(file, format)
    if kind == "parquet":
        return load_parquet(file, max_bytes, _parquet_header(max_bytes, max_depth))
    text = read_text(file, max_bytes)
    return _load_text(text, _text_format(kind, str(file)), str(file), max_bytes, max_depth)


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
    kind = _text_format(format, name)
    # Each character is at least one byte, so a long text fails before it is encoded.
    size = len(text) if len(text) > max_bytes else len(text.encode("utf-8", "surrogatepass"))
    check_size(size, max_bytes, name)
    try:
        check_surrogates(text)  # a file's UTF-8 text cannot hold one; a str can
    except ParseError as exc:
        raise LoadError(str(exc), path=name) from None
    return _load_text(text, kind, name, max_bytes, max_depth)


def _load_text(text: str, kind: _Text, name: str, max_bytes: int, max_depth: int) -> Programme:
    version, body = _body(text, kind, name, max_bytes, max_depth, lines_later=True)
    return structure_programme(body, name, version=version, lines_max_depth=max_depth)


def _body(
    text: str,
    kind: _Text,
    name: str,
    max_bytes: int,
    max_depth: int,
    *,
    lines_later: bool = False,
) -> tuple[int, dict[str, Any]]:
    """The file's format version and content under its header, checked for size, depth,
    shape and header; ``lines_later``: a version 2 file's line lists are left for the line
    reader to check for depth as it reads them (see :func:`structure_programme`)."""
    try:
        check_values(text, kind, max_bytes)
    except ParseError as exc:
        raise LoadError(str(exc), path=name) from None
    document = parse_document(text, kind, name)
    walk = deeper_but_lines if lines_later else deeper
    if isinstance(document, dict | list) and walk(document, max_depth):
        check_depth(document, max_depth, name)  # raises, saying so
    if kind == "json":
        _check_json_text(text, document, name)
    if not isinstance(document, dict):
        raise LoadError(
            "expected a table (a JSON object) at the top of the file, "
            f"got {type(document).__name__}",
            path=name,
        )
    version = _check_header(document, name)
    return version, {k: v for k, v in document.items() if k not in ("format", "format_version")}


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
    """Rewrite a programme file as format version 2, stating what wecb 0.1.0 read into a
    version 1 file: ``value_type = "fiscal"`` for a benefit with none, ``cashable = true``
    for such a fiscal benefit with none, ``non_cashable_value_type = "fiscal"`` for a table
    with none. A version 1 file's flows are grouped into lines (see :mod:`wecb.io`); the
    programme read back is equal, flow for flow, to the one version 1 gave. A project's
    ``asks`` strings move to the programme's top-level ``asks``, one record each, kind
    ``other`` and status ``asked`` (version 1 states neither), each move listed.

    The :class:`Migration` lists each change (entry, field, value, why; the version first)
    and, apart, the one reading that cannot be kept (an economic or social benefit 0.1.0
    counted as cashable). The result is loaded and checked before anything is written, then
    saved atomically to ``output`` (by default over ``path``, and only if something changed:
    a version 2 file is left as it is). Review the changes: each of 0.1.0's readings is its
    guess, now visible, to correct where a source says otherwise.
    """
    file = Path(file_name(path))
    kind = _text_format(_format_of(file, format), str(file))
    text = read_text(file, max_bytes)
    version, given = _body(text, kind, str(file), max_bytes, max_depth, lines_later=True)
    changes: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    body: Mapping[str, Any] = given
    if version == 1:
        body, changes, notes = fill_0_1_readings(given)
        changes += move_project_asks(given, str(file))[1]
    programme = structure_programme(body, str(file), version=version, lines_max_depth=max_depth)
    if version < FORMAT_VERSION:
        changes = (_version_change(version, programme), *changes)
    if output is None and not changes:
        return Migration(changes, notes, None)
    target = file if output is None else Path(output)
    return Migration(
        changes, notes, save(programme, target, format=kind if output is None else None)
    )


def _parquet_header(max_bytes: int, max_depth: int) -> Callable[[str, str], dict[str, Any]]:
    """How a Parquet file's metadata text is read: as a JSON file's text (size, values,
    depth, header), of format version 2."""

    def body(text: str, name: str) -> dict[str, Any]:
        version, found = _body(text, "json", name, max_bytes, max_depth)
        if version != FORMAT_VERSION:
            raise LoadError(
                f"a Parquet programme file is of format version {FORMAT_VERSION}, not {version}",
                path=name,
                field="format_version",
            )
        return found

    return body


def _version_change(version: int, programme: Programme) -> str:
    flows = sum(len(p.flows) for p in programme.projects)
    plain = programme_to_plain(programme)
    lines = sum(len(p.get("lines", ())) for p in plain.get("projects", ()))
    return (
        f"format_version: {version} -> {FORMAT_VERSION} ({flows:,} flow"
        f"{'' if flows == 1 else 's'} written as {lines:,} line{'' if lines == 1 else 's'})"
    )


def _check_json_text(text: str, document: object, name: str) -> None:
    """Refuse a lone surrogate that a JSON escape (``"\\ud800"``) put in the data, naming
    its entry and field: no writer could write it back."""
    found = surrogate_in(text, document)
    if found is None:
        return
    steps, value = found
    entry, field = located(steps, document if isinstance(document, dict) else {})
    raise LoadError(
        f"{excerpt(value)} holds a lone surrogate (from a \\u escape), which is not text any "
        "file can hold",
        path=name,
        entry=entry,
        field=field,
    )


def _check_header(document: Mapping[str, Any], name: str) -> int:
    supported = ", ".join(map(str, SUPPORTED_VERSIONS))
    fmt = document.get("format")
    if fmt != FORMAT:
        said = "is missing" if fmt is None else f"is {excerpt(fmt)}"
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
            f"format_version must be a whole number, got {excerpt(version)}; "
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
    return version


# -- writing -------------------------------------------------------------------------------


def _document(programme: Programme) -> dict[str, Any]:
    body = programme_to_plain(programme)
    return {"format": FORMAT, "format_version": FORMAT_VERSION, **body}


def dumps(programme: Programme, format: Format = "toml") -> str:
    """The text of ``programme`` as a file in ``format`` (``"toml"`` or ``"json"``)."""
    kind = _text_format(format, "<string>")
    document = _document(programme)
    if kind == "json":
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return toml_text(document)


def save(
    programme: Programme, path: str | os.PathLike[str], *, format: Format | None = None
) -> Path:
    """Write ``programme`` to ``path`` atomically and return the path (TOML, JSON or Parquet,
    by the suffix or as ``format`` says).

    The text is written to a temporary file in the same folder, flushed and synced to disk,
    then renamed over ``path``: a reader sees the old file or the new one, never a part,
    and a failed save leaves the old file as it was and no temporary file behind. An
    existing file keeps its permissions; a new one gets mode 0666 less the umask, as a
    plain ``open`` would give it. A symbolic link is followed (its target is replaced, the
    link kept). A failure of the file system (a full disk, a missing folder, a NUL in the
    path) raises :class:`~wecb.errors.LoadError` naming the file, the ``OSError`` as its
    ``__cause__``.
    """
    kind = _format_of(checked_path(path, _save_error), format)
    if kind == "parquet":
        if not isinstance(programme, Programme):
            raise ValidationError(f"expected a Programme to write, got {type(programme).__name__}")
        header = {"format": FORMAT, "format_version": FORMAT_VERSION}
        data = programme_parquet(programme, header, plain_without_flows(programme))
        return write_atomic(path, data, error=_save_error)
    return write_atomic(path, dumps(programme, kind), error=_save_error)


def _save_error(name: str, reason: str) -> LoadError:
    return LoadError(reason, path=name)
