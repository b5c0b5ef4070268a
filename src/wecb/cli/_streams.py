"""The standard streams of the command line, whatever the environment: closed, unable to
encode ``£``, or gone while writing.

* An **ASCII-only** (or other narrow) standard output or error, such as
  ``PYTHONIOENCODING=ascii`` or a C locale without UTF-8: the reports (``summary``,
  ``reconcile``, ``appraise``, ``migrate``) and the error messages write each character
  the stream cannot encode as its backslash escape (``£`` as ``\\xa3``) instead of failing.
  The data ``wecb export`` writes is never altered: a character the stream cannot encode
  ends the command with an error that says to write to a file with ``-o``.
* A **closed** standard output (``wecb summary >&-``): writing to it ends the command with
  status 1 and a one-line error on standard error (``wecb export -o FILE`` needs no
  standard output and works).
* A standard output that fails while writing (a full disk, a closed pipe): reported once;
  Python's own report at exit ("Exception ignored ...") is silenced.
* A closed standard error: messages are dropped; the exit status still tells.

>>> import io
>>> out = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
>>> stdout_for(out).write("net £9")
6
>>> out.flush(); out.buffer.getvalue()
b'net \\\\xa39'
"""

from __future__ import annotations

import codecs
import errno
import os
import sys
from typing import Final, TextIO, cast

from wecb.errors import ExportError, excerpt

__all__ = ["ClosedStream", "EncodingStream", "quiet_stdout", "report", "stdout_for", "write"]

# Error handlers that fail on a character the encoding cannot hold (surrogateescape writes
# only the lone surrogates it made when reading).
_FAILING: Final = ("strict", "surrogateescape", "surrogatepass")
#: The message for a write to a closed standard output.
CLOSED: Final = "it is closed; nothing was written"


class ClosedStream:
    """Stands in for a closed standard output (``sys.stdout`` is ``None``): every write
    raises ``OSError(EBADF)``, which the command reports."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        """Refuse to write: the stream is closed."""
        raise OSError(errno.EBADF, CLOSED)

    def flush(self) -> None:
        """Nothing to flush."""

    def isatty(self) -> bool:
        """A closed stream is no terminal."""
        return False


class EncodingStream:
    """A text stream that writes to ``stream`` only what its encoding can hold: a report's
    other characters as backslash escapes, or, for ``data``, an :class:`ExportError`."""

    def __init__(self, stream: TextIO, encoding: str, *, data: bool) -> None:
        self.stream = stream
        self.target = encoding
        self.data = data

    def write(self, text: str) -> int:
        """Write ``text`` (escaped where the encoding cannot hold it); its length."""
        try:
            text.encode(self.target)
        except UnicodeEncodeError as exc:
            if self.data:
                utf8 = "" if self.target.startswith("utf") else ", or set PYTHONIOENCODING=utf-8"
                raise ExportError(
                    f"standard output (encoding {self.target}) cannot hold "
                    f"{excerpt(exc.object[exc.start : exc.end])}; nothing more was written: "
                    f"write the data to a file with -o OUT{utf8}"
                ) from None
            self.stream.write(text.encode(self.target, "backslashreplace").decode(self.target))
            return len(text)
        self.stream.write(text)
        return len(text)

    def __getattr__(self, name: str) -> object:
        return getattr(self.stream, name)


def _failing_encoding(stream: object) -> str | None:
    """The encoding of ``stream`` when its error handler fails on a character it cannot
    hold (``strict``, or ``surrogateescape`` as in a C locale); else ``None``."""
    encoding = getattr(stream, "encoding", None)
    if not isinstance(encoding, str) or getattr(stream, "errors", None) not in _FAILING:
        return None
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return None


def stdout_for(stream: TextIO | None, *, data: bool = False) -> TextIO:
    """``stream`` (standard output) made safe to write to: a :class:`ClosedStream` for
    ``None``, an :class:`EncodingStream` for a narrow encoding (for ``data``, any encoding
    whose errors fail: a lone surrogate cannot be written as UTF-8 either), else ``stream``
    itself (the reports reach it with lone surrogates escaped: ``wecb.cli._terminal``)."""
    if stream is None:
        return cast(TextIO, ClosedStream())
    encoding = _failing_encoding(stream)
    if encoding is None or (not data and encoding.startswith("utf")):
        return stream
    return cast(TextIO, EncodingStream(stream, encoding, data=data))


def write(stream: object, text: str) -> None:
    """Write ``text`` to ``stream`` (a text stream, or ``None`` when closed) as well as it
    can: escaped where its encoding cannot hold it, nothing when it is closed or gone. For
    messages (errors, usage, help)."""
    if stream is None or not text:
        return
    encoding = _failing_encoding(stream)
    if encoding is not None:
        text = text.encode(encoding, "backslashreplace").decode(encoding)
    target = cast(TextIO, stream)
    try:
        target.write(text)
        target.flush()
    except (OSError, ValueError, AttributeError):  # closed, gone, or no stream at all
        pass


def report(message: str) -> None:
    """Write ``message`` and a newline to standard error (see :func:`write`)."""
    write(sys.stderr, message + "\n")


def quiet_stdout() -> None:
    """Point standard output at the null device, so that Python does not report again, at
    exit, a write that already failed (a closed pipe, a full disk)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:
        pass
