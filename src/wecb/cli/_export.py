"""``wecb export``: rollups, cash flows, the programme or its tables, written to a file."""

from __future__ import annotations

import argparse
import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, TypeVar

import wecb
from wecb.cli._options import EXPORT_FORMATS, dimensions_option
from wecb.cli._parser import add_file, read_programme
from wecb.errors import ValidationError

if TYPE_CHECKING:
    from wecb.cli._parser import Commands
    from wecb.io.rows import Rows

_T = TypeVar("_T")


def add_export(commands: Commands) -> None:
    """The ``export`` command and its options."""
    export = commands.add_parser(
        "export",
        help="write rollups, cash flows or the programme to CSV, JSON, xlsx or TOML",
        description="Export exact figures: money as plain decimal text in CSV (headers "
        "name the currency), as strings in JSON, as numeric cells in xlsx.",
    )
    add_file(export)
    export.add_argument(
        "--what",
        choices=("rollup", "flows", "programme", "tables"),
        default="rollup",
        help="a rollup of the cash flows (rollup, the default), one row per cash flow "
        "(flows), the programme: one row per project in csv, the lossless programme "
        "file in json/toml, the workbook of `wecb template` in xlsx (programme), or the "
        "published cost-benefit tables in £'000, csv only (tables)",
    )
    export.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        default=None,
        help="output format (default: from the suffix of -o, else csv); toml only with "
        "--what programme",
    )
    export.add_argument(
        "--by",
        type=dimensions_option,
        default=("domain", "cashable"),
        metavar="DIMS",
        help="rollup dimensions, comma-separated (default: domain,cashable), e.g. "
        "project,period or partner",
    )
    export.add_argument(
        "-o",
        "--output",
        default=None,
        metavar="OUT",
        help="the file to write, replaced whole or not at all (default: standard output; "
        "xlsx needs a file)",
    )
    export.add_argument(
        "--raw-cells",
        action="store_true",
        help="write text cells as they are in csv and xlsx; by default text a spreadsheet "
        "would run as a formula (beginning with = + - @, a tab or a carriage return) is "
        "written after a quote in csv, marked as text in xlsx",
    )
    # The output is data: written as it is, control characters escaped only on a terminal.
    export.set_defaults(run=run_export, data_output=True)


def run_export(args: argparse.Namespace, out: TextIO) -> int:
    """Write the export ``args`` ask for to ``args.output`` or ``out``; the exit status."""
    fmt = args.format
    if fmt is None:
        suffix = "" if args.output is None else Path(args.output).suffix.lower().lstrip(".")
        fmt = suffix if suffix in EXPORT_FORMATS else "csv"
    if args.what == "tables":  # the published £'000 layout: CSV only (wecb.io.tables)
        if fmt != "csv":
            raise ValidationError(f"--what tables writes CSV only, not {fmt}: use --format csv")
        tables = read_programme(args.file)
        return _emit(out, args.output, wecb.io.tables_to_csv, wecb.io.write_tables_csv, tables)
    if fmt == "xlsx" and args.output is None:
        raise ValidationError(
            "--format xlsx writes a binary workbook: give a file with -o OUT.xlsx"
        )
    programme = read_programme(args.file)
    if args.what == "programme" and fmt in ("json", "toml"):
        return _emit(
            out,
            args.output,
            functools.partial(wecb.dumps, format=fmt),
            functools.partial(wecb.save, format=fmt),
            programme,
        )
    if args.what == "programme" and fmt == "xlsx":  # the workbook read_workbook reads back
        if args.raw_cells:
            raise ValidationError(
                "--raw-cells does not apply to the programme workbook: its text cells stay "
                "text (a formula-like one is marked, its value unchanged) so that it reads back"
            )
        wecb.io.write_workbook(programme, args.output)
        return 0
    if fmt == "toml":
        raise ValidationError(
            "--format toml writes the programme file: use it with --what programme"
        )
    rows = wecb.io.plain_rows(_rows(args, programme))
    safe = not args.raw_cells
    if fmt == "xlsx":
        wecb.io.write_xlsx({args.what: rows}, args.output, safe_cells=safe)
        return 0
    if fmt == "json":
        return _emit(out, args.output, wecb.io.to_json, wecb.io.write_json, rows)
    text = functools.partial(wecb.io.to_csv, safe_cells=safe)
    write = functools.partial(wecb.io.write_csv, safe_cells=safe)
    return _emit(out, args.output, text, write, rows)


def _rows(args: argparse.Namespace, programme: wecb.Programme) -> Rows:
    from wecb.model.rows import flow_rows, project_rows  # noqa: PLC0415

    if args.what == "rollup":
        return wecb.rollup(programme, by=args.by)
    if args.what == "flows":
        return flow_rows(programme)
    return project_rows(programme)


def _emit(
    out: TextIO,
    output: str | None,
    text: Callable[[_T], str],
    write: Callable[[_T, str], object],
    data: _T,
) -> int:
    """``text(data)`` to ``out``, or ``write(data, output)`` to the file (atomically, as
    every writer of :mod:`wecb.io` writes)."""
    if output is None:
        out.write(text(data))
    else:
        write(data, output)
    return 0
