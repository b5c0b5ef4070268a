"""Text in (private to :mod:`wecb.io`): the size-limited UTF-8 read of a file and the CSV
record reader, shared by programme files, published tables and exported rows."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from pathlib import Path

from wecb.errors import LoadError, ParseError

__all__ = ["check_size", "csv_lines", "read_text"]


def check_size(size: int, max_bytes: int, name: str) -> None:
    """Refuse ``size`` bytes of the file ``name`` when over ``max_bytes``."""
    if size > max_bytes:
        raise LoadError(
            f"the file is larger than the limit of {max_bytes:,} bytes ({size:,} bytes or "
            "more); pass a larger max_bytes if it is trusted",
            path=name,
        )


def read_text(path: str | os.PathLike[str], max_bytes: int, *, hint: str = "") -> str:
    """The UTF-8 text of the file at ``path`` (a byte order mark dropped), refused with a
    :class:`~wecb.errors.LoadError` naming the file when unreadable, over ``max_bytes``
    (checked before reading) or not UTF-8; ``hint`` ends the last message."""
    name = str(Path(path))
    try:
        with Path(path).open("rb") as handle:
            check_size(os.fstat(handle.fileno()).st_size, max_bytes, name)
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise LoadError(f"cannot read the file: {exc.strerror or exc}", path=name) from None
    check_size(len(data), max_bytes, name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LoadError(
            f"the file is not UTF-8 text (byte {exc.start}: {exc.reason}){hint}", path=name
        ) from None


def csv_lines(text: str) -> Iterator[tuple[int, list[str]]]:
    """Each CSV record of ``text`` with the line it starts on; the csv module's own errors
    (a field over the size limit, ...) become :class:`~wecb.errors.ParseError`."""
    # newline="": the csv module reads '\r', '\n' and '\r\n' line ends itself.
    reader = csv.reader(io.StringIO(text, newline=""))
    start = 1
    try:
        for record in reader:
            yield start, record
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ParseError(f"CSV line {reader.line_num}: {exc}") from None
