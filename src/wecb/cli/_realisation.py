"""``wecb realisation``: the plan against the actuals, by project and year, with RAG status."""

from __future__ import annotations

import argparse
import datetime
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Final, TextIO

import wecb
from wecb.cli._appraise import phasing_of
from wecb.cli._options import option, phase_option, share_option
from wecb.cli._output import add_output_options, emit
from wecb.cli._parser import add_file, read_programme
from wecb.errors import ParseError

# The command loads no appraisal code (pint, numpy) until it runs.
_BREAKDOWNS: Final = ("line", "partner")

if TYPE_CHECKING:
    from wecb.cli._parser import Commands

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def as_at_option(text: str) -> datetime.date | wecb.FinancialYear:
    """A financial year (``2014/15``, read as complete) or a day (``2015-05-31``)."""

    def read() -> datetime.date | wecb.FinancialYear:
        if _DATE.fullmatch(text.strip()):
            try:
                return datetime.date.fromisoformat(text.strip())
            except ValueError:
                raise ParseError(f"{text!r} is not a date (year-month-day)") from None
        return wecb.FinancialYear.parse(text)

    return option(read)


def add_realisation(commands: Commands) -> None:
    """The ``realisation`` command and its options."""
    command = commands.add_parser(
        "realisation",
        help="benefits realised against the plan, by project and year, with RAG status",
        description="The plan (cash flows phased into financial years, undiscounted) beside "
        "the actuals (the programme's own and those of --actuals): planned, actual, variance, "
        "realisation rate, cumulative amounts and a RAG status for benefits. A year with no "
        "actual is shown as such, never as zero.",
    )
    add_file(command)
    command.add_argument(
        "--actuals",
        metavar="PATH",
        help="a CSV file or .xlsx workbook of actuals: columns project, line (the label of "
        "the project's cash flows), year, amount, as_at and optionally source",
    )
    command.add_argument(
        "--as-at",
        required=True,
        type=as_at_option,
        metavar="YEAR|DATE",
        help="the report's date: a financial year (2014/15, read as complete) or a day "
        "(2015-05-31); an actual after it is refused",
    )
    command.add_argument(
        "--by",
        choices=_BREAKDOWNS,  # wecb.appraisal.realisation.BREAKDOWNS (a test checks)
        help="break each project down by line (label) or partner",
    )
    command.add_argument(
        "--green", type=share_option, metavar="SHARE", help="green from this rate (default 90%%)"
    )
    command.add_argument(
        "--amber", type=share_option, metavar="SHARE", help="amber from this rate (default 70%%)"
    )
    command.add_argument(
        "--phase",
        action="append",
        type=phase_option,
        default=[],
        metavar="[PROJECT/]KEY=SPEC",
        help="spread an open period over years, as for wecb appraise",
    )
    command.add_argument(
        "--reforecast",
        metavar="OUT",
        help="also write the re-forecast programme (actuals of the completed years, plan "
        "after) to OUT (.toml or .json), for wecb appraise OUT",
    )
    add_output_options(command)
    command.set_defaults(run=run_realisation)


def run_realisation(args: argparse.Namespace, out: TextIO) -> int:
    """Write the realisation report of ``args.file`` to ``out``; the exit status."""
    programme = read_programme(args.file)
    given = () if args.actuals is None else wecb.io.read_actuals(args.actuals, programme=programme)
    defaults = wecb.appraisal.RagThresholds()
    thresholds = wecb.appraisal.RagThresholds(
        green=defaults.green if args.green is None else Decimal(args.green),
        amber=defaults.amber if args.amber is None else Decimal(args.amber),
    )
    report = wecb.appraisal.realisation(
        programme,
        phasing_of(args.phase, programme),
        as_at=args.as_at,
        by=args.by,
        actuals=given,
        thresholds=thresholds,
    )
    lines = []
    if args.reforecast is not None:
        path = wecb.save(report.reforecast(), args.reforecast)
        lines.append(f"re-forecast written to {path} (appraise it with wecb appraise)")
    emit(out, args, report, command="realisation", lines=lines)
    return 0
