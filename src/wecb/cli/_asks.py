"""``wecb asks``: the register of asks of government, and what depends on each department.

Prints :func:`wecb.appraisal.asks_report`: one row per ask (its project, kind, status and
departments, and the costs and benefits of the lines requiring it, with the benefits at risk
while it is not agreed), then the same by department. ``--text`` lists each ask's words as
the source gives them.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from wecb.cli._output import add_output_options, emit
from wecb.cli._parser import add_dataset, add_file, programme_of

if TYPE_CHECKING:
    from wecb.cli._parser import Commands

__all__ = ["add_asks", "run_asks"]


def add_asks(commands: Commands) -> None:
    """The ``asks`` command and its options."""
    parser = commands.add_parser(
        "asks",
        help="the asks of government, and the benefits at risk per department",
        description="The register of asks of government: each ask's project, kind, status "
        "and the departments it is addressed to, with the undiscounted costs and benefits of "
        "the lines that require it and the benefits at risk while it is not agreed; then the "
        "same per department. Appraise the local case with wecb.appraisal.appraise(..., "
        "asks=()).",
    )
    add_file(parser)
    add_dataset(parser)
    parser.add_argument(
        "--text", action="store_true", help="list each ask's words, verbatim, after the tables"
    )
    add_output_options(parser)
    parser.set_defaults(run=run_asks)


def run_asks(args: argparse.Namespace, out: TextIO) -> int:
    """Write the asks register of ``args.file`` (or ``--dataset``) to ``out``; the exit
    status (0)."""
    from wecb.appraisal.asks import asks_report  # noqa: PLC0415 (numpy only when asked)

    programme = programme_of(args, "asks")
    if not programme.asks:
        emit(
            out,
            args,
            (),
            command="asks",
            lines=[f"{programme.name}: no asks of government recorded"],
        )
        return 0
    lines = []
    if args.text:
        lines.append("The asks, as the sources word them:")
        lines += [f"  {ask.key} ({ask.project}): {ask.text}" for ask in programme.asks]
    emit(out, args, asks_report(programme), command="asks", lines=lines)
    return 0
