"""``wecb report``: the programme on one self-contained HTML page to hand round.

Without ``--phase``, the appraisal uses the example phasing of the docs (``to_mar_2013``
in 2012/13, further implementation over 2014/15 to 2016/17, benefits over 2014/15 to
2018/19) when the programme has those open periods, as ``wecb summary`` does, and the
page names it as such; any other programme is appraised without a phasing, or the page
says why it cannot be. ``-o OUT`` is replaced whole or not at all, as ``wecb export -o`` writes;
without it the page goes to standard output.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Final, TextIO

import attrs

import wecb
from wecb.cli._appraise import add_appraisal_options, appraisal_of, phasing_of
from wecb.cli._options import PhaseSpec, phase_option
from wecb.cli._parser import add_dataset, add_file, programme_of
from wecb.cli._reconcile import run_claims
from wecb.errors import AppraisalError
from wecb.present.headline import EXAMPLE_PHASING, EXAMPLE_PHASING_TEXT

if TYPE_CHECKING:
    from wecb.appraisal import Appraisal, Phasing
    from wecb.cli._parser import Commands

__all__ = ["EXAMPLE_PHASES", "add_report", "run_report"]

#: The docs' example phasing (:data:`wecb.present.headline.EXAMPLE_PHASING`, as ``wecb
#: summary`` uses it), as ``--phase`` options.
EXAMPLE_PHASES: Final = tuple(
    f"{key}={wecb.FinancialYear(first)}"
    + ("" if first == last else f"..{wecb.FinancialYear(last)}")
    for key, first, last in EXAMPLE_PHASING
)


def add_report(commands: Commands) -> None:
    """The ``report`` command and its options."""
    report = commands.add_parser(
        "report",
        help="the programme on one self-contained HTML page to hand round",
        description="Write one HTML page (no network needed to open it, no script): the "
        "headline figures, the tables, the appraisal under a stated phasing, the plots, the "
        "reconciliation, every assumption with its source, and the bibliography. Printed, "
        "each section starts a page.",
        epilog="Without --phase, open periods are phased as the docs' example does ("
        + " ".join(f"--phase {p}" for p in EXAMPLE_PHASES)
        + ") when the programme has those open periods; the page names that phasing as the "
        "example's.",
    )
    add_file(report)
    add_dataset(report)
    add_appraisal_options(report)
    report.add_argument(
        "--claims",
        choices=("auto", "tables", *wecb.datasets.CLAIM_SETS),
        default="auto",
        help="the checks of the reconciliation section, as for wecb reconcile (default: auto)",
    )
    report.add_argument(
        "--no-plots",
        action="store_true",
        help="leave the plots out (they need matplotlib: pip install 'wecb[plot]')",
    )
    report.add_argument(
        "-o",
        "--output",
        default=None,
        metavar="OUT.html",
        help="the page to write, replaced whole or not at all (default: standard output)",
    )
    # The page is data: written as it is, whatever its names contain (they are escaped
    # as HTML inside it).
    report.set_defaults(run=run_report, data_output=True)


def example_phases(programme: wecb.Programme) -> list[PhaseSpec]:
    """The docs' example ``--phase`` options, when ``programme`` has every open period they
    phase (as ``wecb summary`` applies them); else none."""
    keys = {period.key for period in programme.periods}
    specs = [phase_option(text) for text in EXAMPLE_PHASES]
    return specs if all(spec.key in keys for spec in specs) else []


def _appraisal(
    args: argparse.Namespace, programme: wecb.Programme
) -> tuple[Appraisal | None, Phasing | None]:
    """The appraisal the options ask for; without ``--phase``, under the example phasing,
    or (when that cannot be appraised) the phasing for the page to state with the reason."""
    if args.phase:
        return appraisal_of(args, programme), None
    specs = example_phases(programme)
    phasing = phasing_of(specs, programme)
    if specs:
        note = f"{EXAMPLE_PHASING_TEXT}; illustrative, no --phase given"
        phasing = attrs.evolve(phasing, note=note)
    try:
        result = appraisal_of(argparse.Namespace(**{**vars(args), "phase": specs}), programme)
    except AppraisalError:
        return None, phasing  # wecb.present.report states why, on the page
    return attrs.evolve(result, phasing=phasing), None


def run_report(args: argparse.Namespace, out: TextIO) -> int:
    """Write the report of the programme ``args`` name to ``args.output`` or ``out``."""
    programme = programme_of(args, "report")
    appraisal, phasing = _appraisal(args, programme)
    page = wecb.present.programme_report(
        programme,
        appraisal=appraisal,
        phasing=phasing,
        reconciliation=run_claims(programme, args.claims),
        plots=not args.no_plots,
    )
    if args.output is None:
        out.write(page.to_html())
    else:
        page.write(args.output)
    return 0
