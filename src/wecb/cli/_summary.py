"""``wecb summary``: the programme on one screen, with the reconciliation headline."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

import wecb
from wecb.cli._options import positive_int_option
from wecb.cli._parser import add_file, read_programme
from wecb.cli._reconcile import headline, run_claims

if TYPE_CHECKING:
    from wecb.cli._parser import Commands


def add_summary(commands: Commands) -> None:
    """The ``summary`` command and its options."""
    summary = commands.add_parser(
        "summary",
        help="the programme on one screen",
        description="Partners, domains, projects with their published cost-benefit tables "
        "(net benefit positive for a saving, then the tables' net cost as published), funding "
        "and the reconciliation headline.",
    )
    add_file(summary)
    summary.add_argument(
        "--width", type=positive_int_option, default=80, help="fit lines in N columns (default 80)"
    )
    summary.set_defaults(run=run_summary)


def run_summary(args: argparse.Namespace, out: TextIO) -> int:
    """Write the summary of ``args.file`` to ``out``; the exit status."""
    programme = read_programme(args.file)
    report = run_claims(programme)
    hint = "see: wecb reconcile" if args.file is None else f"see: wecb reconcile {args.file}"
    see = f" ({hint})" if report.checks else ""
    extra = ["", f"Reconciliation: {headline(report)}{see}"]
    text = wecb.present.programme_summary(programme, width=args.width, extra=extra)
    out.write(text + "\n")
    return 0
