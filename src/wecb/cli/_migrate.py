"""``wecb migrate``: a programme file rewritten as format version 2, the implicit readings of
a file written for wecb 0.1.0 made explicit."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

import wecb

if TYPE_CHECKING:
    from wecb.cli._parser import Commands


def add_migrate(commands: Commands) -> None:
    """The ``migrate`` command and its options."""
    migrate = commands.add_parser(
        "migrate",
        help="rewrite a programme file as format version 2, stating what wecb 0.1.0 assumed",
        description="Rewrites a format version 1 file as version 2 (its cash flows grouped "
        "into lines, amounts by period; the programme read back is equal), over FILE or to "
        "-o. wecb 0.1.0 read a benefit with no value type as fiscal, one with no cashable as "
        "cashable, and a table's non-cashable benefit as fiscal. wecb now guesses none of "
        "these: this command writes each reading into the file, lists every change, and says "
        "where an answer changes. Review each change and correct it where a source says "
        "otherwise. A version 1 project's asks move to the programme's register of asks "
        "(kind 'other', status 'asked': review each). A version 2 file needs nothing and is "
        "left as it is.",
    )
    migrate.add_argument("file", metavar="FILE", help="a programme file (.toml or .json)")
    migrate.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        default=None,
        help="write the migrated file to OUT (format from its suffix) instead of over FILE",
    )
    migrate.set_defaults(run=run_migrate)


def run_migrate(args: argparse.Namespace, out: TextIO) -> int:
    """Migrate ``args.file``; write the changes to ``out``; the exit status."""
    done = wecb.io.migrate(args.file, output=args.output)
    count = len(done.changes)
    where = "nothing written" if done.written is None else f"written to {done.written}"
    out.write(f"{args.file}: {count} change{'' if count == 1 else 's'}, {where}\n")
    out.writelines(f"  {change}\n" for change in done.changes)
    if done.notes:
        out.write("answers that change (nothing to write):\n")
        out.writelines(f"  {note}\n" for note in done.notes)
    return 0
