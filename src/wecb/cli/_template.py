"""``wecb template``: a workbook to fill in, one sheet per kind of thing, read back with
:func:`wecb.io.read_workbook`.

The workbook is :func:`wecb.io.write_template`'s: a README sheet explaining each column,
a worked example row on every sheet (reading the template gives a valid programme), lists to
pick every enumerated value and key from, frozen headers and filters. As ``wecb new`` does,
an existing file is replaced only with ``--force``.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

import wecb
from wecb.cli._new_files import write_new
from wecb.errors import ExportError
from wecb.io._atomic import checked_path, export_error

if TYPE_CHECKING:
    from wecb.cli._parser import Commands


def add_template(commands: Commands) -> None:
    """The ``template`` command and its options."""
    template = commands.add_parser(
        "template",
        help="write a workbook (.xlsx) to fill in with a programme",
        description="Write a workbook with one sheet per kind of thing (partners, domains, "
        "projects, lines with one column per financial year, funding streams, figures, ...), "
        "a worked example row on each, lists to pick values from, and a README sheet "
        "explaining every column. Fill it in, then read it with wecb.io.read_workbook(PATH). "
        "An existing file is replaced only with --force. Needs the xlsx extra (openpyxl).",
    )
    template.add_argument(
        "-o", "--output", metavar="OUT", required=True, help="the workbook to write (.xlsx)"
    )
    template.add_argument(
        "--force", action="store_true", help="replace OUT if it exists (default: refuse)"
    )
    template.set_defaults(run=run_template)


def run_template(args: argparse.Namespace, out: TextIO) -> int:
    """Write the template to ``args.output``; the exit status."""
    path = checked_path(args.output, export_error)
    if path.suffix.lower() != ".xlsx":
        raise ExportError(
            f"wecb template writes a workbook, not {path.suffix or 'a name with no suffix'}: "
            "give -o NAME.xlsx"
        )
    written = write_new(
        path, lambda: wecb.io.write_template(path), force=args.force, error=export_error
    )
    out.write(
        f"wrote {written}: fill it in, then give it to any command (wecb summary "
        f"{written}) or read it with wecb.io.read_workbook\n"
    )
    return 0
