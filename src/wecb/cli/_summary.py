"""``wecb summary``: the programme on one screen, with the reconciliation headline."""

from __future__ import annotations

import argparse
import textwrap
from typing import TYPE_CHECKING, TextIO

import wecb
from wecb.cli._options import positive_int_option
from wecb.cli._parser import add_dataset, add_file, programme_of
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
    add_dataset(summary, " (wecb pilots sets the four side by side)")
    summary.add_argument(
        "--width", type=positive_int_option, default=80, help="fit lines in N columns (default 80)"
    )
    summary.set_defaults(run=run_summary)


def run_summary(args: argparse.Namespace, out: TextIO) -> int:
    """Write the summary of ``args.file`` to ``out``; the exit status."""
    programme = programme_of(args, "summary")
    report = run_claims(programme)
    hint = "see: wecb reconcile" if args.file is None else f"see: wecb reconcile {args.file}"
    see = f" ({hint})" if report.checks else ""
    if args.dataset is not None and args.dataset != "essex-2012":
        see = " (see: wecb pilots)"
    verdict = [f"Reconciliation: {headline(report)}{see}"]
    if len(verdict[0]) > args.width:  # the hint on a line of its own, kept whole
        verdict = textwrap.wrap(f"Reconciliation: {headline(report)}", width=args.width)
        verdict += [f"  {see.strip()}"] if see else []
    extra = [*_figure_lines(programme, args.width), "", *verdict]
    text = wecb.present.programme_summary(programme, width=args.width, extra=extra)
    out.write(text + "\n")
    return 0


def _figure_lines(programme: wecb.Programme, width: int) -> list[str]:
    """A programme without projects (a headline programme): its published figures, each
    line within ``width`` characters."""
    if programme.projects or not programme.figures:
        return []
    lines = [
        "",
        *textwrap.wrap("Published figures (no projects; as their documents state them):", width),
    ]
    for figure in programme.figures:
        cited = getattr(figure.source, "document", None)
        text = f"{figure.key}: {figure.describe()}" + (f" [{cited}]" if cited else "")
        lines += textwrap.wrap(
            text, width, initial_indent="  ", subsequent_indent="    ", break_on_hyphens=False
        )
    return lines
