"""A workbook's sheets as grids of cells (private to :mod:`wecb.io`): from an ``.xlsx`` file or
from a folder of CSV files named after the sheets, bounded before anything is parsed.

An ``.xlsx`` file is a zip of XML parts. Before openpyxl sees it, the file must be a regular
file of at most ``max_bytes`` bytes, a zip, and its parts must declare at most ``max_bytes``
bytes in all, none over a megabyte compressed more than :data:`MAX_RATIO` times (a zip
bomb declares gigabytes in a few kilobytes); zip reading stops at each part's declared
size, so the declarations bound what is inflated. The sheets' cells are then counted in
their XML and bounded as every reader bounds values (one per 32 bytes of ``max_bytes``).
A folder of CSV files is bounded by the same ``max_bytes`` over all its files.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
from pathlib import Path
from typing import Any, Final

import attrs

from wecb._optional import require
from wecb.errors import LoadError, ParseError, excerpt
from wecb.io._reading import (
    check_size,
    check_values,
    csv_lines,
    file_name,
    max_values,
    read_limited,
    read_text,
)
from wecb.io._sheet_cells import CellPlace, SheetCell
from wecb.io._sheet_layout import README_SHEET

__all__ = ["MAX_RATIO", "Grid", "Problems", "read_grids"]

#: The most a part of an ``.xlsx`` file may be compressed (sheets of text compress 5 to 30
#: times; a zip bomb thousands of times).
MAX_RATIO: Final = 200


class ProblemsFull(Exception):  # noqa: N818 - not an error: a signal to stop
    """Raised when :class:`Problems` holds as many problems as an error lists."""


@attrs.define
class Problems:
    """Problems found, each with its place, up to ``limit``; then :class:`ProblemsFull`."""

    limit: int
    found: list[tuple[CellPlace, str]] = attrs.field(factory=list)

    def add(self, place: CellPlace, message: str) -> None:
        """Add a problem (once: a line's amounts share its attributes' problems)."""
        if (place, message) in self.found:
            return
        if len(self.found) >= self.limit:
            raise ProblemsFull
        self.found.append((place, message))


@attrs.frozen
class Grid:
    """A sheet's header (row 1) and its data rows: ``(row number, cells)``, blank rows at
    the end left out."""

    name: str
    header: tuple[SheetCell, ...]
    rows: tuple[tuple[int, tuple[SheetCell, ...]], ...]


def read_grids(
    path: str | os.PathLike[str], max_bytes: int, problems: Problems
) -> dict[str, Grid]:
    """The sheets of the workbook or CSV folder at ``path``, by name."""
    name = file_name(path)
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        raise LoadError(f"cannot read the workbook: {exc.strerror or exc}", path=name) from None
    if stat.S_ISDIR(mode):
        return _csv_folder(Path(name), max_bytes, problems)
    return _xlsx(_bytes(name, max_bytes), name, max_bytes, problems)


def _bytes(name: str, max_bytes: int) -> bytes:
    try:
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with open(fd, "rb") as handle:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise LoadError(
                    "cannot read the workbook: it is not a regular file (nor a folder of CSV "
                    "files)",
                    path=name,
                )
            check_size(info.st_size, max_bytes, name)
            data = read_limited(handle, info.st_size, max_bytes)
    except OSError as exc:
        raise LoadError(f"cannot read the workbook: {exc.strerror or exc}", path=name) from None
    check_size(len(data), max_bytes, name)
    return data


def _check_zip(data: bytes, name: str, max_bytes: int) -> None:
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise LoadError(
            "not a workbook: an .xlsx file is a zip archive, and this file is not one (a CSV "
            "file renamed .xlsx? pass a folder of CSV files named after the sheets instead)",
            path=name,
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise LoadError(f"not a workbook: a damaged zip archive ({exc})", path=name) from None
    declared = sum(m.file_size for m in members)
    if declared > max_bytes:
        raise LoadError(
            f"the workbook's parts declare {declared:,} bytes uncompressed, over the limit of "
            f"{max_bytes:,} bytes; pass a larger max_bytes if it is trusted",
            path=name,
        )
    _check_cells(data, members, name, max_bytes)
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > 1_000_000 and ratio > MAX_RATIO:
            raise LoadError(
                f"the workbook's part {excerpt(member.filename)} is compressed {ratio:,.0f} "
                f"times ({member.file_size:,} bytes in {member.compress_size:,}), more than "
                f"the {MAX_RATIO} times a sheet of data is: refused as a zip bomb",
                path=name,
            )


def _check_cells(data: bytes, members: list[zipfile.ZipInfo], name: str, max_bytes: int) -> None:
    """Refuse sheets holding more cells than the values ``max_bytes`` allows (one per 32
    bytes, as every reader counts them), counted in their XML before openpyxl builds one."""
    limit = max_values(max_bytes)
    count = 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in members:
            if not member.filename.startswith("xl/worksheets/"):
                continue
            with archive.open(member) as part:
                tail = b""
                while chunk := part.read(1 << 20):
                    text = tail + chunk
                    count += text.count(b"<c ") + text.count(b"<c>")  # none is in a tail
                    tail = text[-2:]
                    if count > limit:
                        raise LoadError(
                            f"the workbook's sheets hold more than {limit:,} cells, the most "
                            f"max_bytes={max_bytes:,} allows; pass a larger max_bytes if it is "
                            "trusted",
                            path=name,
                        )


def _xlsx(data: bytes, name: str, max_bytes: int, problems: Problems) -> dict[str, Grid]:
    _check_zip(data, name, max_bytes)
    openpyxl = require("openpyxl", "xlsx", "reading .xlsx workbooks")
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
        cached = None
        if any(_has_formula(ws) for ws in book.worksheets):
            cached = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl's own errors for a damaged or foreign zip
        raise LoadError(f"not a workbook openpyxl can read: {exc}", path=name) from None
    grids = {}
    for ws in book.worksheets:
        if ws.title == README_SHEET:
            grids[ws.title] = Grid(ws.title, (), ())  # words for people, not read
            continue
        values = None if cached is None else cached[ws.title]
        grids[ws.title] = _grid(ws, values, problems)
    return grids


def _has_formula(ws: Any) -> bool:
    return any(c.data_type == "f" for row in ws.iter_rows() for c in row)


def _cell(cell: Any, cached: Any) -> SheetCell:
    if cell.data_type == "f":
        formula = (
            cell.value if isinstance(cell.value, str) else str(getattr(cell.value, "text", "="))
        )
        value = None if cached is None else cached[cell.coordinate].value
        return SheetCell(
            value, formula=formula, error=isinstance(value, str) and value.startswith("#")
        )
    return SheetCell(cell.value, error=cell.data_type == "e")


def _grid(ws: Any, cached: Any, problems: Problems) -> Grid:
    for merged in ws.merged_cells.ranges:
        problems.add(
            CellPlace(ws.title, merged.min_row),
            f"cells {merged.coord} are merged; unmerge them (a merged cell holds one value, "
            "which no row could be read from)",
        )
    rows = [[_cell(c, cached) for c in row] for row in ws.iter_rows()]
    return _trimmed(ws.title, rows, problems)


def _trimmed(name: str, rows: list[list[SheetCell]], problems: Problems) -> Grid:
    """The grid without its trailing blank rows and columns; a blank row inside is a problem."""
    width = max((i + 1 for row in rows for i, c in enumerate(row) if not c.blank), default=0)
    cut = [tuple(row[:width]) + (SheetCell(None),) * (width - len(row[:width])) for row in rows]
    while cut and all(c.blank for c in cut[-1]):
        cut.pop()
    if not cut:
        return Grid(name, (), ())
    data = []
    for number, row in enumerate(cut[1:], start=2):
        if all(c.blank for c in row):
            problems.add(
                CellPlace(name, number),
                f"row {number} is blank, inside the table (rows 2 to {len(cut)}): delete it or "
                "fill it in (a table ends at its last filled row)",
            )
            continue
        data.append((number, row))
    return Grid(name, cut[0], tuple(data))


def _csv_folder(folder: Path, max_bytes: int, problems: Problems) -> dict[str, Grid]:
    grids = {}
    budget = max_bytes
    try:
        files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".csv")
    except OSError as exc:
        raise LoadError(
            f"cannot read the folder: {exc.strerror or exc}", path=str(folder)
        ) from None
    for file in files:
        if file.stem == README_SHEET:
            grids[file.stem] = Grid(file.stem, (), ())
            continue
        text = read_text(file, budget)
        budget -= len(text.encode("utf-8", "surrogatepass"))
        try:
            check_values(text, "csv", max_bytes)
            rows = [[SheetCell(v) for v in record] for _, record in csv_lines(text)]
        except ParseError as exc:
            raise LoadError(str(exc), path=str(file)) from None
        grids[file.stem] = _trimmed(file.stem, rows, problems)
    return grids
