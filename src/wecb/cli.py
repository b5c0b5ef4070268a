"""The ``wecb`` command line (also ``python -m wecb``).

Commands::

    wecb summary   [FILE]             the programme on one screen
    wecb reconcile [FILE] [--strict]  every published total checked against the model
    wecb appraise  [FILE] [options]   present values, adjusted and unadjusted
    wecb export    [FILE] --what ... --format csv|json|xlsx|toml [-o OUT]

``FILE`` is a programme file (``.toml`` or ``.json``); without it, the built-in Whole
Essex Community Budget 2012 programme is used.

Exit status: 0 on success (``reconcile`` reports discrepancies and still exits 0 unless
``--strict``); 1 for bad input (an unreadable or invalid file, a bad value) and for
discrepancies under ``--strict``; 2 for a usage error (unknown command or option).
Errors go to standard error as one ``wecb: error: ...`` message, never a traceback.

:func:`main` takes the arguments as a list and returns the exit status, so it can be
called in-process:

>>> main(["--version"])
wecb 0.1.0
0
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from wecb import __version__
from wecb.errors import AppraisalError, WecbError

if TYPE_CHECKING:
    from wecb.appraisal.discounting import DiscountSchedule
    from wecb.appraisal.phasing import Phasing
    from wecb.core.periods import FinancialYear
    from wecb.io.rows import Rows
    from wecb.model.programme import Programme
    from wecb.reconciliation import Reconciliation

__all__ = ["build_parser", "main"]

PROG = "wecb"


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors carry the exit status instead of exiting."""

    def exit(self, status: int = 0, message: str | None = None) -> None:  # type: ignore[override]
        if message:
            sys.stderr.write(message)
        raise _ParserExitError(status)


class _ParserExitError(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


def _add_file(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help="a programme file (.toml or .json); default: the built-in Essex 2012 programme",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``wecb`` command."""
    parser = _Parser(
        prog=PROG,
        description=(
            "Model, roll up and appraise whole place community budgets, with exact money. "
            "Without FILE, commands use the built-in Whole Essex Community Budget 2012."
        ),
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    summary = commands.add_parser(
        "summary",
        help="the programme on one screen",
        description="Partners, domains, projects with their published cost-benefit tables, "
        "funding and the reconciliation headline.",
    )
    _add_file(summary)
    summary.add_argument(
        "--width", type=_positive_int, default=80, help="fit lines in N columns (default 80)"
    )
    summary.set_defaults(run=_summary)

    check = commands.add_parser(
        "reconcile",
        help="check the programme against the totals its documents publish",
        description="Report every check: what a document claims, what the model derives, "
        "the difference and the source. Discrepancies are reported, not hidden; the exit "
        "status is 0 unless --strict is given and a check differs.",
    )
    _add_file(check)
    check.add_argument(
        "--claims",
        choices=("auto", "tables", "essex-2012"),
        default="auto",
        help="which checks: each table's own arithmetic (tables), the Essex 2012 published "
        "totals as well (essex-2012), or essex-2012 when the programme has the figures "
        "they need, else tables (auto, the default)",
    )
    check.add_argument(
        "--strict", action="store_true", help="exit with status 1 if any check differs"
    )
    check.set_defaults(run=_reconcile)

    appraisal = commands.add_parser(
        "appraise",
        help="present values, adjusted and unadjusted, of the fiscal and public value cases",
        description="Phase open periods into years, adjust and discount every line, and "
        "print costs by type, benefits by value type, NPV, ROI and BCR, each undiscounted "
        "and as a present value, before and after adjustments.",
        epilog="Open periods are never phased implicitly: give --phase for each one the "
        "programme uses, e.g. for the built-in Essex programme: "
        "--phase to_mar_2013=2012/13 --phase further_implementation=2014/15..2016/17 "
        "--phase appraisal_horizon=2014/15..2018/19 --allow-before-base",
    )
    _add_file(appraisal)
    rates = appraisal.add_mutually_exclusive_group()
    rates.add_argument(
        "--rate",
        type=_rate,
        help="one discount rate for every year, e.g. 3.5%% or 0.035",
    )
    rates.add_argument(
        "--schedule",
        choices=sorted(_SCHEDULES),
        default="green-book",
        help="a shipped schedule: the Green Book STPR (green-book, the default), its lower "
        "health schedule (health) or no discounting (zero)",
    )
    appraisal.add_argument(
        "--base-year",
        type=_year,
        default=None,
        metavar="YEAR",
        help="the financial year discounted to, e.g. 2013/14 (default: the first phased year)",
    )
    appraisal.add_argument(
        "--price-base",
        type=_year,
        default=None,
        metavar="YEAR",
        help="the financial year whose prices the figures are in (default: the base year)",
    )
    appraisal.add_argument(
        "--optimism-bias-grade",
        type=_grade,
        default=None,
        metavar="N",
        help="confidence grade 1 (best evidence) to 6: costs raised and benefits cut by the "
        "grade's percentages",
    )
    appraisal.add_argument(
        "--deadweight",
        type=_fraction,
        default=None,
        metavar="SHARE",
        help="share of benefits that would have happened anyway, e.g. 20%% or 0.2",
    )
    appraisal.add_argument(
        "--attribution",
        type=_fraction,
        default=None,
        metavar="SHARE",
        help="share of the remaining benefits due to the programme, e.g. 50%% or 0.5",
    )
    appraisal.add_argument(
        "--phase",
        action="append",
        type=_phase,
        default=[],
        metavar="[PROJECT/]KEY=SPEC",
        help="spread an open period over years: KEY=FIRST..LAST (evenly), "
        "KEY=YEAR:WEIGHT,YEAR:WEIGHT,... or KEY=YEAR; PROJECT/KEY for one project only; "
        "repeat for each open period",
    )
    appraisal.add_argument(
        "--allow-before-base",
        action="store_true",
        help="compound flows before the base year forward instead of refusing them",
    )
    appraisal.add_argument(
        "--project",
        action="append",
        default=None,
        metavar="KEY",
        help="appraise only this project (repeat for several)",
    )
    appraisal.set_defaults(run=_appraise)

    export = commands.add_parser(
        "export",
        help="write rollups, cash flows or the programme to CSV, JSON, xlsx or TOML",
        description="Export exact figures: money as plain decimal text in CSV (headers "
        "name the currency), as strings in JSON, as numeric cells in xlsx.",
    )
    _add_file(export)
    export.add_argument(
        "--what",
        choices=("rollup", "flows", "programme", "tables"),
        default="rollup",
        help="a rollup of the cash flows (rollup, the default), one row per cash flow "
        "(flows), the programme: one row per project in csv/xlsx, the lossless programme "
        "file in json/toml (programme), or the published cost-benefit tables in £'000, "
        "csv only (tables)",
    )
    export.add_argument(
        "--format",
        choices=("csv", "json", "xlsx", "toml"),
        default=None,
        help="output format (default: from the suffix of -o, else csv); toml only with "
        "--what programme",
    )
    export.add_argument(
        "--by",
        type=_dimensions,
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
        help="the file to write (default: standard output; xlsx needs a file)",
    )
    export.set_defaults(run=_export)
    return parser


_SCHEDULES = {"green-book": "GREEN_BOOK_STPR", "health": "GREEN_BOOK_HEALTH", "zero": "ZERO_RATE"}


def _year(text: str) -> FinancialYear:
    from wecb.core.periods import FinancialYear  # noqa: PLC0415

    try:
        return FinancialYear.parse(text)
    except WecbError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _decimal(text: str, what: str) -> Decimal:
    raw = text.strip()
    percent = raw.endswith("%")
    try:
        value = Decimal(raw[:-1] if percent else raw)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a {what}; write e.g. 3.5% or 0.035"
        ) from None
    if not value.is_finite():
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite {what}")
    return value.scaleb(-2) if percent else value


def _rate(text: str) -> Decimal:
    value = _decimal(text, "rate")
    if value <= -1:
        raise argparse.ArgumentTypeError(f"{text!r}: a discount rate must be above -100%")
    return value


def _fraction(text: str) -> Decimal:
    value = _decimal(text, "share")
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"{text!r}: a share must be from 0 to 1 (0% to 100%)")
    return value


def _grade(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a grade; expected 1 to 6") from None


_PhaseSpec = tuple[str | None, str, dict["FinancialYear", Decimal]]


def _phase(text: str) -> _PhaseSpec:
    """``[PROJECT/]KEY=FIRST..LAST``, ``KEY=YEAR:WEIGHT,...`` or ``KEY=YEAR``."""
    target, sep, spec = text.partition("=")
    if not sep or not target or not spec:
        raise argparse.ArgumentTypeError(
            f"{text!r}: expected KEY=FIRST..LAST, KEY=YEAR:WEIGHT,... or KEY=YEAR, e.g. "
            "further_implementation=2014/15..2016/17"
        )
    project, slash, key = target.rpartition("/")
    weights: dict[FinancialYear, Decimal] = {}
    if ".." in spec:
        first_text, _, last_text = spec.partition("..")
        first, last = _year(first_text), _year(last_text)
        if last < first:
            raise argparse.ArgumentTypeError(f"{text!r}: {last} is before {first}")
        from wecb.core.periods import FinancialYear  # noqa: PLC0415

        weights = dict.fromkeys(FinancialYear.range(first, last), Decimal(1))
    else:
        for part in spec.split(","):
            year_text, colon, weight_text = part.partition(":")
            year = _year(year_text)
            weight = _decimal(weight_text, "weight") if colon else Decimal(1)
            if weight < 0:
                raise argparse.ArgumentTypeError(f"{text!r}: weights must be zero or more")
            if year in weights:
                raise argparse.ArgumentTypeError(f"{text!r}: {year} is given twice")
            weights[year] = weight
    return (project if slash else None), key, weights


def _dimensions(text: str) -> tuple[str, ...]:
    dims = tuple(part.strip() for part in text.split(",") if part.strip())
    if not dims:
        raise argparse.ArgumentTypeError("give at least one dimension, e.g. domain,cashable")
    return dims


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be at least 1")
    return value


def _programme(file: str | None) -> Programme:
    if file is None:
        from wecb.datasets import essex_2012  # noqa: PLC0415 -- only when used

        return essex_2012()
    from wecb.io import load  # noqa: PLC0415 -- cattrs only when a file is read

    return load(file)


def _summary(args: argparse.Namespace, out: TextIO) -> int:
    from wecb.present.summary import programme_summary  # noqa: PLC0415

    programme = _programme(args.file)
    report = _reconciliation(programme)
    hint = "see: wecb reconcile" if args.file is None else f"see: wecb reconcile {args.file}"
    see = f" ({hint})" if report.checks else ""
    extra = ["", f"Reconciliation: {_headline(report)}{see}"]
    out.write(programme_summary(programme, width=args.width, extra=extra) + "\n")
    return 0


def _reconciliation(programme: Programme, which: str = "auto") -> Reconciliation:
    from wecb.reconciliation import essex_2012_claims, reconcile  # noqa: PLC0415

    claims = None  # each table's own arithmetic
    if which != "tables":
        try:
            claims = essex_2012_claims(programme)
        except WecbError:
            if which == "essex-2012":
                raise  # asked for by name: say why the Essex checks cannot apply
    return reconcile(programme, claims)


def _headline(report: Reconciliation) -> str:
    if not report.checks:
        return "no published totals to check"
    differ = f"{report.failed} differ" if report.failed else "none differ"
    return f"{len(report.checks)} checks: {report.passed} agree, {differ}"


def _reconcile(args: argparse.Namespace, out: TextIO) -> int:
    report = _reconciliation(_programme(args.file), args.claims)
    out.write(str(report) + "\n\n")
    if report.failed:
        verdict = "reported, not forced to agree"
        if args.strict:
            verdict += "; exit status 1 (--strict)"
        out.write(f"Reconciliation: {_headline(report)} ({verdict}).\n")
        return 1 if args.strict else 0
    out.write(f"Reconciliation: {_headline(report)}.\n")
    return 0


def _schedule(args: argparse.Namespace) -> DiscountSchedule:
    from wecb import appraisal  # noqa: PLC0415

    if args.rate is not None:
        return appraisal.constant(args.rate)
    schedule: DiscountSchedule = getattr(appraisal, _SCHEDULES[args.schedule])
    return schedule


def _phasing(specs: Sequence[_PhaseSpec]) -> Phasing:
    from wecb.appraisal.phasing import Phasing  # noqa: PLC0415

    phasing = Phasing(note="from the command line")
    seen: set[tuple[str | None, str]] = set()
    for project, key, weights in specs:
        if (project, key) in seen:
            where = key if project is None else f"{project}/{key}"
            raise AppraisalError(f"--phase {where} is given twice")
        seen.add((project, key))
        phasing = phasing.with_period(key, weights, project=project)
    return phasing


def _appraise(args: argparse.Namespace, out: TextIO) -> int:
    from wecb.appraisal import Adjustments  # noqa: PLC0415
    from wecb.appraisal.cba import appraise  # noqa: PLC0415

    programme = _programme(args.file)
    phasing = _phasing(args.phase)
    base = args.base_year
    if base is None:
        years = [year for _, _, weights in args.phase for year in weights]
        years += [f.period for _, f in programme.cash_flows() if _is_year(f.period)]
        if not years:
            raise AppraisalError("no financial year to discount to: give --base-year YEAR")
        base = min(years)
    adjustments = Adjustments(
        optimism_bias_grade=args.optimism_bias_grade,
        deadweight=Decimal(0) if args.deadweight is None else args.deadweight,
        attribution=Decimal(1) if args.attribution is None else args.attribution,
    )
    try:
        result = appraise(
            programme,
            base_year=base,
            price_base=base if args.price_base is None else args.price_base,
            phasing=phasing,
            schedule=_schedule(args),
            adjustments=adjustments,
            projects=args.project,
            allow_before_base=args.allow_before_base,
        )
    except AppraisalError as exc:
        raise AppraisalError(f"{exc}\n{_appraise_hint(str(exc))}") from None
    out.write(str(result) + "\n")
    return 0


def _is_year(period: object) -> bool:
    from wecb.core.periods import FinancialYear  # noqa: PLC0415

    return isinstance(period, FinancialYear)


def _appraise_hint(message: str) -> str:
    if "not phased" in message:
        return (
            "hint: on the command line, phase each open period with --phase, e.g. "
            "--phase further_implementation=2014/15..2016/17 (even) or "
            "--phase appraisal_horizon=2014/15:1,2015/16:2 (weights)"
        )
    if "before the base year" in message:
        return "hint: give an earlier --base-year, or --allow-before-base"
    return "hint: see wecb appraise --help"


def _export(args: argparse.Namespace, out: TextIO) -> int:
    from wecb.io import rows as export  # noqa: PLC0415
    from wecb.model.rows import flow_rows, project_rows  # noqa: PLC0415

    fmt = args.format
    if fmt is None:
        suffix = "" if args.output is None else Path(args.output).suffix.lower().lstrip(".")
        fmt = suffix if suffix in ("csv", "json", "xlsx", "toml") else "csv"
    if args.what == "tables":  # the published £'000 layout: CSV only (wecb.io.tables)
        if fmt != "csv":
            raise WecbError(f"--what tables writes CSV only, not {fmt}: use --format csv")
        from wecb.io.tables import tables_to_csv  # noqa: PLC0415

        return _emit(tables_to_csv(_programme(args.file)), args.output, out)
    if fmt == "xlsx" and args.output is None:
        raise WecbError("--format xlsx writes a binary workbook: give a file with -o OUT.xlsx")
    programme = _programme(args.file)
    if args.what == "programme" and fmt in ("json", "toml"):
        from wecb.io import dumps  # noqa: PLC0415

        return _emit(dumps(programme, fmt), args.output, out)
    if fmt == "toml":
        raise WecbError("--format toml writes the programme file: use it with --what programme")
    data: Rows
    if args.what == "rollup":
        from wecb.rollups import rollup  # noqa: PLC0415

        data = rollup(programme, by=args.by)
    elif args.what == "flows":
        data = flow_rows(programme)
    else:
        data = project_rows(programme)
    rows = export.plain_rows(data)
    if fmt == "xlsx":
        export.write_xlsx({args.what: rows}, args.output)
        return 0
    text = export.to_csv(rows) if fmt == "csv" else export.to_json(rows)
    return _emit(text, args.output, out)


def _emit(text: str, output: str | None, out: TextIO) -> int:
    if output is None:
        out.write(text)
    else:
        # newline="" keeps CSV's CRLF line ends as they are.
        Path(output).write_text(text, encoding="utf-8", newline="")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); returns the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except _ParserExitError as done:
        return done.status
    out = sys.stdout
    try:
        status: int = args.run(args, out)
        out.flush()
    except (WecbError, OSError) as exc:
        if isinstance(exc, BrokenPipeError):
            _quiet_stdout()  # the reader went away (`wecb ... | head`): not an error to report
            return 1
        print(f"{PROG}: error: {_message(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return status


def _quiet_stdout() -> None:
    # Python would report the broken pipe again when it flushes stdout at exit.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _message(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.filename is not None and exc.strerror:
        return f"{exc.filename}: {exc.strerror}"
    return str(exc)
