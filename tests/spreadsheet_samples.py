"""Workbooks to read, edited as an analyst might edit them (for the spreadsheet tests and the
bad-input catalogue).

:func:`template_with` writes the workbook template (``wecb.io.write_template``), changes it
with openpyxl as a person would in a spreadsheet, and reads it back with
``wecb.io.read_workbook``, returning the programme or raising what the reader raises.
"""

from __future__ import annotations

import csv
import datetime
import re
import tempfile
import zipfile
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl

from wecb.io._sheet_writing import sheet_rows
from wecb.io.spreadsheets import read_workbook, write_template
from wecb.model.programme import Programme

__all__ = [
    "cached_formula",
    "datetime",
    "not_a_workbook",
    "template_with",
    "write_csv_folder",
    "zip_bomb",
]


def _cell(book: Any, ref: str) -> tuple[Any, str]:
    sheet, _, coordinate = ref.partition("!")
    return book[sheet], coordinate


def edited_template(
    folder: Path,
    cells: Mapping[str, object] | None = None,
    *,
    merge: str | None = None,
    blank_row: str | None = None,
    delete_sheet: str | None = None,
    rename: tuple[str, str] | None = None,
) -> Path:
    """The template at ``folder / "edited.xlsx"``, with ``cells`` set (``{"Lines!M2": 5}``), a
    range merged (``"Partners!A2:B2"``), a blank row inserted (``"Partners!3"``), a sheet
    deleted or renamed."""
    path = write_template(folder / "edited.xlsx")
    book = openpyxl.load_workbook(path)
    for ref, value in (cells or {}).items():
        ws, coordinate = _cell(book, ref)
        ws[coordinate] = value
    if merge is not None:
        ws, coordinate = _cell(book, merge)
        ws.merge_cells(coordinate)
    if blank_row is not None:
        ws, row = _cell(book, blank_row)
        ws.insert_rows(int(row))
    if delete_sheet is not None:
        del book[delete_sheet]
    if rename is not None:
        book[rename[0]].title = rename[1]
    book.save(path)
    return path


def template_with(cells: Mapping[str, object] | None = None, **edits: Any) -> Programme:
    """:func:`edited_template` read back with ``read_workbook``."""
    with tempfile.TemporaryDirectory() as folder:
        return read_workbook(edited_template(Path(folder), cells, **edits))


def cached_formula(ref: str, formula: str | None, cached: str) -> Programme:
    """The template with the cell ``ref`` made a formula whose saved value is ``cached`` (as
    a spreadsheet saves it; ``formula=None``: a number cell holding ``cached`` as written,
    which openpyxl cannot write at full precision), read back."""
    with tempfile.TemporaryDirectory() as folder:
        path = edited_template(Path(folder), {ref: 0})
        sheet, _, coordinate = ref.partition("!")
        names = openpyxl.load_workbook(path).sheetnames
        part = f"xl/worksheets/sheet{names.index(sheet) + 1}.xml"
        with zipfile.ZipFile(path) as archive:
            contents = {n: archive.read(n) for n in archive.namelist()}
        xml = contents[part].decode("utf-8")
        cell = re.compile(rf'<c r="{coordinate}"[^>]*>.*?</c>', re.DOTALL)
        assert cell.search(xml) is not None
        inner = "" if formula is None else f"<f>{formula}</f>"
        replaced = f'<c r="{coordinate}">{inner}<v>{cached}</v></c>'
        contents[part] = cell.sub(replaced, xml, count=1).encode("utf-8")
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in contents.items():
                archive.writestr(name, data)
        return read_workbook(path)


def not_a_workbook() -> Programme:
    """A CSV file renamed ``.xlsx``, read."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "programme.xlsx"
        path.write_text("key,name,kind\necc,Essex County Council,county_council\n")
        return read_workbook(path)


def zip_bomb(megabytes: int = 20, **options: Any) -> Programme:
    """A zip whose one part inflates ``megabytes`` of zeros from a few kilobytes, read."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bomb.xlsx"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (megabytes * 2**20))
        return read_workbook(path, **options)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def write_csv_folder(programme: Programme, folder: Path) -> Path:
    """``programme`` as a folder of CSV files named after the sheets, every cell text."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, written in sheet_rows(programme).items():
        with (folder / f"{name}.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(written.header)
            for row in written.rows:
                writer.writerow([_text(v) for v in row])
    return folder


_ = datetime  # the bad-input cases type dates with it
