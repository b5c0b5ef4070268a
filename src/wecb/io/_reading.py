"""Text in (private to :mod:`wecb.io`): the bounded read of a file and the CSV record reader,
shared by programme files, published tables and exported rows.

Every reader bounds what a file may cost, not only its bytes:

* only a regular file is opened (a FIFO, a device such as ``/dev/zero`` or a directory is
  refused before it is read, so that none can hang or exhaust memory), and every
  ``OSError`` (a missing file, no permission, a NUL in the path) becomes a
  :class:`~wecb.errors.LoadError` naming the file;
* one size limit, ``max_bytes`` (:data:`DEFAULT_MAX_BYTES`), for every reader;
* the values a file holds (JSON and TOML values, CSV cells and records) are counted before
  they are built: at most one per :data:`BYTES_PER_VALUE` bytes of ``max_bytes``
  (:func:`max_values`), so that a file of tiny values (``[{},{},...]``) cannot take many
  times its size in memory;
* a lone surrogate (text no UTF-8 file can hold, which every writer would refuse) is
  refused where it is read, with its place.
"""

from __future__ import annotations

import csv
import io
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Final, Literal

from wecb.errors import LoadError, ParseError, WecbTypeError, excerpt

__all__ = [
    "BYTES_PER_VALUE",
    "DEFAULT_MAX_BYTES",
    "check_reader_text",
    "check_size",
    "check_surrogates",
    "check_values",
    "children",
    "csv_lines",
    "file_name",
    "json_surrogates",
    "lone_surrogate",
    "max_values",
    "read_limited",
    "read_text",
    "surrogate_in",
]

#: Files larger than this are refused before they are read (64 MiB), by every reader.
DEFAULT_MAX_BYTES: Final = 64 * 1024 * 1024
#: A file may hold at most one value per this many bytes of its size limit (2,097,152 values
#: under the default 64 MiB): each value read is a Python object of 8 to 250 bytes.
BYTES_PER_VALUE: Final = 32
# Small limits still allow this many values (a few megabytes of objects).
_MIN_VALUES: Final = 65_536

Kind = Literal["json", "toml", "csv"]

_NONBLOCK: Final = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC: Final = getattr(os, "O_CLOEXEC", 0)
_BINARY: Final = getattr(os, "O_BINARY", 0)

_SURROGATE: Final = re.compile("[\ud800-\udfff]")
# A JSON escape that may stand for half of a surrogate pair (a whole pair is one character).
_SURROGATE_ESCAPE: Final = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
# Text that holds no values: JSON strings; TOML strings of the four kinds and comments.
_JSON_TEXT: Final = r'"(?:[^"\\]++|\\.)*+"'
_TOML_TEXT: Final = (
    r'"""(?:\\.|[^\\])*?"""|\'\'\'.*?\'\'\'|"(?:[^"\\\n]++|\\.)*+"|\'[^\'\n]*+\'|#[^\n]*+'
)
_STRINGS: Final = {
    "json": re.compile(_JSON_TEXT, re.DOTALL),
    "toml": re.compile(_TOML_TEXT, re.DOTALL),
}
_LINE_END: Final = re.compile(r"\r\n|\r|\n")
# The characters of text the CSV reader takes at a time (then up to the next line end).
_CHUNK: Final = 1 << 20
# Spans of at most this many tokens (strings, comments or single characters) that begin and
# end outside any string, so that the exact count works on a few megabytes at a time.
_SPAN_TOKENS: Final = 100_000
_SPANS: Final = {
    "json": re.compile(f'(?:{_JSON_TEXT}|[^"]){{1,{_SPAN_TOKENS}}}+', re.DOTALL),
    "toml": re.compile(f"(?:{_TOML_TEXT}|[^\"'#]){{1,{_SPAN_TOKENS}}}+", re.DOTALL),
}


def max_values(max_bytes: int) -> int:
    """The most values a file may hold under the size limit ``max_bytes``.

    >>> max_values(DEFAULT_MAX_BYTES)
    2097152
    """
    return max(max_bytes // BYTES_PER_VALUE, _MIN_VALUES)


def check_size(size: int, max_bytes: int, name: str) -> None:
    """Refuse ``size`` bytes of the file ``name`` when over ``max_bytes``."""
    if size > max_bytes:
        raise LoadError(
            f"the file is larger than the limit of {max_bytes:,} bytes ({size:,} bytes or "
            "more); pass a larger max_bytes if it is trusted",
            path=name,
        )


def file_name(path: object) -> str:
    """``path`` as the text that names the file in messages (as the writers check it: text or
    ``os.PathLike`` text, with no NUL)."""
    if not isinstance(path, str | os.PathLike):
        raise WecbTypeError.not_accepted("path", path, "a str or os.PathLike file path")
    text = os.fspath(path)
    if not isinstance(text, str):
        raise WecbTypeError.not_accepted("path", path, "a text path (str), not bytes")
    name = str(Path(text))
    if "\x00" in text:
        raise LoadError("cannot read the file: a path cannot hold a NUL character", path=name)
    return name


def read_text(path: str | os.PathLike[str], max_bytes: int, *, hint: str = "") -> str:
    """The UTF-8 text of the regular file at ``path`` (a byte order mark dropped).

    Refused with a :class:`~wecb.errors.LoadError` naming the file when it is not a regular
    file, cannot be read (every ``OSError``, a NUL in the path), is over ``max_bytes``
    (checked before reading) or is not UTF-8; ``hint`` ends the last message.
    """
    name = file_name(path)
    data = _read_bytes(path, name, max_bytes)
    check_size(len(data), max_bytes, name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LoadError(
            f"the file is not UTF-8 text (byte {exc.start}: {exc.reason}){hint}", path=name
        ) from None


def read_limited(handle: BinaryIO, size: int, max_bytes: int) -> bytes:
    """What the open file ``handle`` holds, up to one byte over ``max_bytes``: first what its
    ``size`` says and one byte more to see whether it grew (or, as files in /proc, says 0),
    then the rest, up to the limit. (``read(max_bytes + 1)`` alone would allocate the whole
    limit up front, however small the file.)"""
    data = handle.read(size + 1)
    if len(data) > size:
        data += handle.read(max_bytes + 1 - len(data))
    return data


def _read_bytes(path: str | os.PathLike[str], name: str, max_bytes: int) -> bytes:
    try:
        # Looked at before it is opened (opening a FIFO waits for a writer, a device may act),
        # and again once open, in case the name was replaced in between.
        _check_regular(os.stat(path).st_mode, name)
        fd = os.open(path, os.O_RDONLY | _NONBLOCK | _CLOEXEC | _BINARY)
        with open(fd, "rb") as handle:
            info = os.fstat(fd)
            _check_regular(info.st_mode, name)
            check_size(info.st_size, max_bytes, name)
            return read_limited(handle, info.st_size, max_bytes)
    except LoadError:
        raise
    except OSError as exc:
        raise LoadError(f"cannot read the file: {exc.strerror or exc}", path=name) from None
    except ValueError as exc:  # a NUL in the path, or a name the file system cannot encode
        raise LoadError(f"cannot read the file: {exc}", path=name) from None


def _check_regular(mode: int, name: str) -> None:
    if stat.S_ISREG(mode):
        return
    kinds = (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    )
    what = next((text for test, text in kinds if test(mode)), "not a regular file")
    raise LoadError(f"cannot read the file: it is {what}, not a regular file", path=name)


# -- what the text holds ---------------------------------------------------------------------


def check_values(text: str, kind: Kind, max_bytes: int) -> None:
    """Refuse ``text`` (JSON, TOML or CSV) with a :class:`~wecb.errors.ParseError` when it
    holds more values than :func:`max_values` allows, before any is built.

    A quick count of the characters that can start or separate values decides for almost
    every file; only a JSON or TOML text that might be over the limit is counted exactly
    (strings and comments left out), a few megabytes at a time and only up to the limit. A
    CSV text counts its cells and records by its commas and line ends (a quoted one
    included).
    """
    limit = max_values(max_bytes)
    if 2 * len(text) + 1 <= limit or _estimate(text, kind) <= limit:
        return
    if kind == "csv":
        what = "cells and records (counting every comma and line end)"
    elif _count(text, kind, limit) > limit:
        what = "values"
    else:
        return
    raise ParseError(
        f"the text holds more than {limit:,} {what}; the limit is one per "
        f"{BYTES_PER_VALUE} bytes of max_bytes={max_bytes:,}: pass a larger max_bytes if it "
        "is trusted"
    )


def _estimate(text: str, kind: Kind, start: int = 0, end: int | None = None) -> int:
    """At least the number of values in ``text[start:end]`` (separators inside strings
    count too)."""

    def count(sub: str) -> int:
        return text.count(sub, start, end)

    if kind == "csv":  # each record is one more cell than its commas
        return count(",") + 2 * (count("\n") + count("\r") - count("\r\n") + 1)
    found = count(",") + count("[") + count("{") + 1
    if kind == "toml":
        found += count("=") + count(".")  # key/value pairs, dotted keys
    return found


def _count(text: str, kind: Kind, limit: int) -> int:
    """The number of values in ``text``, exactly (or once over ``limit``, more than it)."""
    found = 0
    strings, spans = _STRINGS[kind], _SPANS[kind]
    position = 0
    while position < len(text) and found <= limit:
        span = spans.match(text, position)
        if span is None:  # an unterminated string: the rest is counted as it stands
            return found + _estimate(text, kind, position)
        found += _estimate(strings.sub("", span.group()), kind) - 1
        position = span.end()
    return found + 1


def lone_surrogate(text: str) -> str | None:
    """Where ``text`` holds a lone surrogate (``"line 2, column 5: '\\\\ud800' in ..."``), or
    ``None`` when it holds none."""
    if text.isascii():  # known without looking at the text
        return None
    # Found by encoding, a megabyte at a time: much faster than a search.
    for chunk in range(0, len(text), _CHUNK):
        try:
            text[chunk : chunk + _CHUNK].encode("utf-8")
        except UnicodeEncodeError as exc:
            at = chunk + exc.start
            break
    else:
        return None
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    context = text[max(start, at - 40) : min(at + 40, len(text) if end < 0 else end)]
    return (
        f"line {text.count(chr(10), 0, start) + 1}, column {at - start + 1}: "
        f"{excerpt(text[at])} in {excerpt(context)}"
    )


def check_reader_text(text: object, kind: Kind, max_bytes: int) -> None:
    """Refuse text given to a reader with a :class:`~wecb.errors.ParseError` when it is over
    ``max_bytes`` (in UTF-8), holds more values than those allow (:func:`check_values`) or
    holds a lone surrogate (:func:`check_surrogates`); a :class:`~wecb.errors.WecbTypeError`
    when it is not ``str``."""
    if not isinstance(text, str):
        raise WecbTypeError.not_accepted("text", text, "the text as str")
    # Each character is one to four bytes: the text is encoded only when that decides.
    if len(text) > max_bytes or (4 * len(text) > max_bytes and _utf8_size(text) > max_bytes):
        raise ParseError(
            f"the text is larger than the limit of {max_bytes:,} bytes; pass a larger "
            "max_bytes if it is trusted"
        )
    check_values(text, kind, max_bytes)
    check_surrogates(text)


def _utf8_size(text: str) -> int:
    if text.isascii():  # known without looking at the text
        return len(text)
    return sum(
        len(text[start : start + _CHUNK].encode("utf-8", "surrogatepass"))
        for start in range(0, len(text), _CHUNK)
    )


def json_surrogates(text: str, document: object) -> None:
    """Refuse a lone surrogate that a JSON escape (``"\\ud800"``) put in ``document`` with a
    :class:`~wecb.errors.ParseError` naming where it is."""
    found = surrogate_in(text, document)
    if found is not None:
        steps, value = found
        where = "".join(f"[{s}]" if isinstance(s, int) else f"[{excerpt(s)}]" for s in steps)
        raise ParseError(
            f"JSON value {where or 'at the top'}: {excerpt(value)} holds a lone surrogate "
            "(from a \\u escape), which is not text any file can hold"
        )


def check_surrogates(text: str) -> None:
    """Refuse ``text`` holding a lone surrogate with a :class:`~wecb.errors.ParseError`
    naming its place: no UTF-8 file can hold one, so no writer could write it back."""
    place = lone_surrogate(text)
    if place is not None:
        raise ParseError(f"{place}: a lone surrogate is not text any file can hold")


def surrogate_in(text: str, document: object) -> tuple[tuple[str | int, ...], str] | None:
    """The path to the first string (key or value) of the parsed JSON ``document`` that holds
    a lone surrogate (from an escape such as ``"\\ud800"`` in ``text``), and the string."""
    if _SURROGATE_ESCAPE.search(text) is None:
        return None  # the usual case: no escape could make one
    if isinstance(document, str):
        return ((), document) if _SURROGATE.search(document) else None
    # Depth first with one iterator per open container: memory grows with the depth only.
    path: list[str | int] = []
    stack = [children(document)]
    while stack:
        step = next(stack[-1], None)
        if step is None:
            stack.pop()
            if path:
                path.pop()
            continue
        key, value = step
        for found in (key, value):
            if isinstance(found, str) and _SURROGATE.search(found):
                return (*path, key), found
        if isinstance(value, dict | list):
            path.append(key)
            stack.append(children(value))
    return None


def children(value: object) -> Iterator[tuple[str | int, object]]:
    """The ``(key, item)`` pairs of a dict, the ``(index, item)`` pairs of a list, else none."""
    if isinstance(value, dict):
        return iter(value.items())
    if isinstance(value, list):
        return enumerate(value)
    return iter(())


# -- CSV -------------------------------------------------------------------------------------


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text``, each with its end (``\\r``, ``\\n`` or ``\\r\\n``), read a
    megabyte or so at a time: a ``StringIO`` of the whole text would copy it four times over."""
    start = 0
    while start < len(text):
        end = start + _CHUNK
        if end < len(text):
            cut = _LINE_END.search(text, end)
            end = len(text) if cut is None else cut.end()
        # newline="": the lines keep their ends, which the csv module reads itself.
        yield from io.StringIO(text[start:end], newline="")
        start = end


def csv_lines(text: str) -> Iterator[tuple[int, list[str]]]:
    """Each CSV record of ``text`` with the line it starts on; the csv module's own errors
    (a field over the size limit, ...) become :class:`~wecb.errors.ParseError`."""
    reader = csv.reader(_lines(text))
    start = 1
    try:
        for record in reader:
            yield start, record
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ParseError(f"CSV line {reader.line_num}: {exc}") from None
