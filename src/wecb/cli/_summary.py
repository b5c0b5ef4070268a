"""``wecb summary``: the programme on one screen, led by its headline, with the
reconciliation's verdict."""

from __future__ import annotations

import argparse
import textwrap
from typing import TYPE_CHECKING, TextIO

import wecb
from wecb.cli._options import phase_option
from wecb.cli._output import DEFAULT_WIDTH, add_output_options, emit, width_of
from wecb.cli._parser import add_dataset, add_file, programme_of
from wecb.cli._reconcile import headline, run_claims
from wecb.present.headline import EXAMPLE_PHASING_TEXT, summary_of

if TYPE_CHECKING:
    from wecb.appraisal import Phasing
    from wecb.cli._parser import Commands


def add_summary(commands: Commands) -> None:
    """The ``summary`` command and its options."""
    summary = commands.add_parser(
        "summary",
        help="the programme on one screen",
        description="The headline first: the net benefit as a positive saving, the costs, the "
        "cashable share, the funding requirement against the funding recorded (with the gap) "
        "and the NPV (net present budget impact, net present public value) and benefit-cost "
        f"ratio under the {EXAMPLE_PHASING_TEXT} (or the --phase options given). Then "
        "partners, domains, projects with their published cost-benefit tables (net benefit "
        "positive for a saving, then the tables' net cost as published), funding and the "
        "reconciliation's verdict.",
    )
    add_file(summary)
    add_dataset(summary, " (wecb pilots sets the four side by side)")
    summary.add_argument(
        "--phase",
        action="append",
        type=phase_option,
        default=[],
        metavar="[PROJECT/]KEY=SPEC",
        help="appraise the headline under this phasing instead of the docs' example (as "
        "wecb appraise --phase; repeat for each open period)",
    )
    add_output_options(summary)
    summary.set_defaults(run=run_summary)


def _phasing(args: argparse.Namespace, programme: wecb.Programme) -> Phasing | str:
    if not args.phase:
        return "example"
    from wecb.cli._appraise import phasing_of  # noqa: PLC0415 - only when --phase is given

    return phasing_of(args.phase, programme)


def run_summary(args: argparse.Namespace, out: TextIO) -> int:
    """Write the summary of ``args.file`` to ``out``; the exit status."""
    programme = programme_of(args, "summary")
    report = run_claims(programme)
    width = width_of(args)
    if width is None and args.width is None:
        width = DEFAULT_WIDTH  # a screen: to a pipe or a file too, unless --width 0
    hint = "see: wecb reconcile" if args.file is None else f"see: wecb reconcile {args.file}"
    see = f" ({hint})" if report.checks else ""
    if args.dataset is not None and args.dataset != "essex-2012":
        see = " (see: wecb pilots)"
    verdict = [f"Reconciliation: {headline(report)}{see}"]
    if width is not None and len(verdict[0]) > width:  # the hint on a line of its own, whole
        verdict = textwrap.wrap(f"Reconciliation: {headline(report)}", width=width)
        verdict += [f"  {see.strip()}"] if see else []
    figures = _figure_lines(programme, width)
    summary = summary_of(
        programme,
        reconciliation=report,
        phasing=_phasing(args, programme),
        extra=[*figures, "", *verdict],
    )
    if (args.format or "table") == "table" and not args.table:
        emit(out, args, summary, command="summary", text=summary.text(width))
    else:
        whole = [*_figure_lines(programme, None), f"Reconciliation: {headline(report)}{see}"]
        emit(out, args, summary, command="summary", lines=[n.strip() for n in whole if n])
    return 0


def _figure_lines(programme: wecb.Programme, width: int | None) -> list[str]:
    """A programme without projects (a headline programme): its published figures, each
    line within ``width`` characters."""
    if programme.projects or not programme.figures:
        return []
    lines = ["", *_wrap("Published figures (no projects; as their documents state them):", width)]
    for figure in programme.figures:
        cited = getattr(figure.source, "document", None)
        text = f"{figure.key}: {figure.describe()}" + (f" [{cited}]" if cited else "")
        lines += _wrap(text, width, indent="  ")
    return lines


def _wrap(text: str, width: int | None, indent: str = "") -> list[str]:
    if width is None:
        return [indent + text]
    return textwrap.wrap(
        text,
        width,
        initial_indent=indent,
        subsequent_indent=indent + "  ",
        break_on_hyphens=False,
    )
