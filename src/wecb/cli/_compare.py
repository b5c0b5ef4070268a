"""``wecb compare``: programme files appraised alike, side by side.

``wecb compare A B [C ...] [options]`` appraises every file with the same options (those of
``wecb appraise``) and prints :func:`wecb.appraisal.compare` with the first file as the
base: each file's financial and economic case headline figures, the exact change from the
base, and a rank. The scenarios are named by the files as given; a file given twice is
refused. Every file is discounted to the same base year (``--base-year``, else the first
year phased or used by a cash flow of the base file) and taken in the same prices; every
``--phase`` key must name an open period (and project) of every file.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

import wecb
from wecb.cli._appraise import add_appraisal_options, appraisal_of, base_year_of, defaults
from wecb.cli._output import add_output_options, emit
from wecb.errors import AppraisalError

if TYPE_CHECKING:
    from wecb.cli._parser import Commands

__all__ = ["add_compare", "run_compare"]

#: ``--rank-by`` choices: the figures a comparison ranks by
#: (:data:`wecb.appraisal.scenarios.HEADLINES`), as option words. Listed here, not read from
#: there, so that the parser is built without importing the appraisal package (and its
#: dependencies); a test checks that the two agree.
RANK_CHOICES = {
    key.replace("_", "-"): key
    for key in (
        "pv_costs",
        "pv_fiscal_benefits",
        "net_present_budget_impact",
        "cashable_net_present_budget_impact",
        "financial_return_on_investment",
        "pv_benefits",
        "net_present_public_value",
        "benefit_cost_ratio",
    )
}


def add_compare(commands: Commands) -> None:
    """The ``compare`` command and its options."""
    parser = commands.add_parser(
        "compare",
        help="programme files appraised alike: headline figures, changes from the first, rank",
        description="Appraise every FILE with the same options and print the financial "
        "case (net present budget impact, financial return on investment, payback year) "
        "and the economic case (net present public value, benefit-cost ratio) of each, the "
        "exact change from the first FILE (the base) and a rank.",
        epilog="For example: wecb export --what programme -o base.toml, edit a copy, then "
        "wecb compare base.toml copy.toml --phase ... (the options of wecb appraise).",
    )
    parser.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="programme files (.toml or .json), at least two; the first is the base",
    )
    add_appraisal_options(parser)
    parser.add_argument(
        "--rank-by",
        choices=sorted(RANK_CHOICES),
        default="net-present-public-value",
        help="the figure the scenarios are ranked by, highest first "
        "(default: net-present-public-value)",
    )
    add_output_options(parser)
    parser.set_defaults(run=run_compare)


def run_compare(args: argparse.Namespace, out: TextIO) -> int:
    """Write the comparison of ``args.files`` to ``out``; the exit status."""
    files: list[str] = args.files
    if len(files) < 2:
        raise AppraisalError(
            f"wecb compare needs at least two files (the first is the base); got {len(files)}"
        )
    repeated = sorted({f for f in files if files.count(f) > 1})
    if repeated:
        raise AppraisalError(
            f"wecb compare: {', '.join(map(repr, repeated))} given more than once; "
            "give each file once"
        )
    programmes = {file: wecb.load(file) for file in files}
    base = base_year_of(args, programmes[files[0]])
    scenarios = {}
    for file, programme in programmes.items():
        try:
            scenarios[file] = appraisal_of(args, programme, base)
        except AppraisalError as exc:
            raise AppraisalError(f"{file}: {exc}") from None
    comparison = wecb.appraisal.compare(
        scenarios, base=files[0], rank_by=RANK_CHOICES[args.rank_by]
    )
    notes = [
        line.replace("a cash flow", f"a cash flow of {files[0]}") for line in defaults(args, base)
    ]
    emit(out, args, comparison, command="compare", lines=notes)
    return 0
