"""What the command line prints, made safe for a terminal: control characters escaped.

Names, labels, notes and error messages come from files, and a crafted file could hold
ANSI escape sequences (clear the screen, move the cursor, recolour text) or a carriage
return or bidirectional override that rewrites what was printed, forging the figures shown.
Every character that controls a terminal rather than printing is written as its escape,
``\\x1b`` or ``\\u202e``: C0 controls but the newline (a carriage return too, unless it
ends a line as ``\\r\\n``), DEL, C1 controls, the bidirectional marks, embeddings,
overrides and isolates, the line and paragraph separators, and lone surrogates (which a
terminal's encoding cannot hold).

The reports (``summary``, ``reconcile``, ``appraise``, ``migrate``) and the errors on
standard error are always escaped; the data ``wecb export`` writes to standard output
is escaped only when that is a terminal, and written as it is to a pipe or a file.

>>> escaped("FBC1\\x1b[2J\\rnet £9,999\\n")
'FBC1\\\\x1b[2J\\\\x0dnet £9,999\\n'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final, TextIO, cast

__all__ = ["EscapingStream", "escaped", "terminal_stream"]

_CONTROLS: Final = re.compile(
    "[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069"
    "\ud800-\udfff]|\r(?!\n)"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escaped(text: str) -> str:
    """``text`` with every character that controls a terminal written as its escape."""
    return text if _CONTROLS.search(text) is None else _CONTROLS.sub(_escape, text)


class EscapingStream:
    """A text stream that writes :func:`escaped` text to ``stream``; everything else (flush,
    fileno, encoding, ...) is the stream's own."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        """Write ``text``, escaped; returns the length of ``text``."""
        self.stream.write(escaped(text))
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        """Write each of ``lines``, escaped."""
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> object:
        return getattr(self.stream, name)


def terminal_stream(stream: TextIO, *, data: bool = False) -> TextIO:
    """``stream`` escaping what is written to it; for ``data``, only when ``stream`` is a
    terminal (a pipe or a file gets the data as it is)."""
    if data and not _is_terminal(stream):
        return stream
    return cast(TextIO, EscapingStream(stream))


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (OSError, ValueError):  # closed or detached
        return False
