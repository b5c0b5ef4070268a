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
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, TypeAlias, TypeVar

import wecb
from wecb.core import numbers
from wecb.errors import (
    AppraisalError,
    BeforeBaseYearError,
    UnphasedPeriodError,
    ValidationError,
    WecbError,
)

if TYPE_CHECKING:
    from wecb.appraisal import DiscountSchedule, Phasing
    from wecb.io.rows import Rows

    _Commands: TypeAlias = argparse._SubParsersAction["_Parser"]

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


_T = TypeVar("_T")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``wecb`` command."""
    parser = _Parser(
        prog=PROG,
        description=(
            "Model, roll up and appraise whole place community budgets, with exact money. "
            "Without FILE, commands use the built-in Whole Essex Community Budget 2012."
        ),
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {wecb.__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _add_summary(commands)
    _add_reconcile(commands)
    _add_appraise(commands)
    _add_export(commands)
    return parser


def _add_file(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help="a programme file (.toml or .json); default: the built-in Essex 2012 programme",
    )


def _add_summary(commands: _Commands) -> None:
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


def _add_reconcile(commands: _Commands) -> None:
    check = commands.add_parser(
        "reconcile",
        help="check the programme against the totals its documents publish",
        description="Report every check: what a document claims, what the model derives, "
        "the difference and the source. Discrepancies are reported, not hidden; the exit "
        "status is 0 unless --strict is given and a check differs.",
    )
    _add_file(check)
    sets = tuple(wecb.datasets.CLAIM_SETS)
    check.add_argument(
        "--claims",
        choices=("auto", "tables", *sets),
        default="auto",
        help="which checks: each table's own arithmetic (tables), a data set's published "
        f"totals as well ({', '.join(sets)}), or the first data set's when the programme "
        "has the figures they need, else tables (auto, the default)",
    )
    check.add_argument(
        "--strict", action="store_true", help="exit with status 1 if any check differs"
    )
    check.set_defaults(run=_reconcile)


def _add_appraise(commands: _Commands) -> None:
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
    _add_appraise_adjustments(appraisal)
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


def _add_appraise_adjustments(appraisal: argparse.ArgumentParser) -> None:
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
        type=_share,
        default=None,
        metavar="SHARE",
        help="share of benefits that would have happened anyway, e.g. 20%% or 0.2",
    )
    appraisal.add_argument(
        "--attribution",
        type=_share,
        default=None,
        metavar="SHARE",
        help="share of the remaining benefits due to the programme, e.g. 50%% or 0.5",
    )


def _add_export(commands: _Commands) -> None:
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
        choices=_FORMATS,
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


# --------------------------------------------------------------------------- option values

_SCHEDULES = {"green-book": "GREEN_BOOK_STPR", "health": "GREEN_BOOK_HEALTH", "zero": "ZERO_RATE"}
_FORMATS = ("csv", "json", "xlsx", "toml")


def _year(text: str) -> wecb.FinancialYear:
    return _option(lambda: wecb.FinancialYear.parse(text))


def _option(read: Callable[[], _T]) -> _T:
    """``read()``, a library error turned into a usage error (exit status 2)."""
    try:
        return read()
    except WecbError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _number(
    text: str, what: str, minimum: Decimal | None = None, maximum: Decimal | None = None
) -> Decimal:
    """``text`` (``3.5%`` or ``0.035``) read by :func:`wecb.core.numbers.decimal`."""
    return _option(lambda: numbers.decimal(text, what=what, minimum=minimum, maximum=maximum))


def _rate(text: str) -> Decimal:
    value = _number(text, "discount rate")
    if value <= -1:
        raise argparse.ArgumentTypeError(
            str(AppraisalError.not_accepted("discount rate", text, "a rate above -100%"))
        )
    return value


def _share(text: str) -> Decimal:
    return _number(text, "share", minimum=Decimal(0), maximum=Decimal(1))


def _grade(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a grade; expected 1 to 6") from None


_PhaseSpec = tuple[str | None, str, dict[wecb.FinancialYear, Decimal]]


def _phase(text: str) -> _PhaseSpec:
    """``[PROJECT/]KEY=FIRST..LAST``, ``KEY=YEAR:WEIGHT,...`` or ``KEY=YEAR``."""
    target, sep, spec = text.partition("=")
    if not sep or not target or not spec:
        raise argparse.ArgumentTypeError(
            f"{text!r}: expected KEY=FIRST..LAST, KEY=YEAR:WEIGHT,... or KEY=YEAR, e.g. "
            "further_implementation=2014/15..2016/17"
        )
    project, slash, key = target.rpartition("/")
    return (project if slash else None), key, _phase_weights(text, spec)


def _phase_weights(text: str, spec: str) -> dict[wecb.FinancialYear, Decimal]:
    if ".." in spec:
        first_text, _, last_text = spec.partition("..")
        first, last = _year(first_text), _year(last_text)
        if last < first:
            raise argparse.ArgumentTypeError(f"{text!r}: {last} is before {first}")
        return dict.fromkeys(wecb.FinancialYear.range(first, last), Decimal(1))
    weights: dict[wecb.FinancialYear, Decimal] = {}
    for part in spec.split(","):
        year_text, colon, weight_text = part.partition(":")
        year = _year(year_text)
        weight = _number(weight_text, "weight", minimum=Decimal(0)) if colon else Decimal(1)
        if year in weights:
            raise argparse.ArgumentTypeError(f"{text!r}: {year} is given twice")
        weights[year] = weight
    return weights


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


# --------------------------------------------------------------------------- commands


def _programme(file: str | None) -> wecb.Programme:
    # wecb.load brings cattrs in only when a file is read.
    return wecb.datasets.essex_2012() if file is None else wecb.load(file)


def _summary(args: argparse.Namespace, out: TextIO) -> int:
    programme = _programme(args.file)
    report = _reconciliation(programme)
    hint = "see: wecb reconcile" if args.file is None else f"see: wecb reconcile {args.file}"
    see = f" ({hint})" if report.checks else ""
    extra = ["", f"Reconciliation: {_headline(report)}{see}"]
    text = wecb.present.programme_summary(programme, width=args.width, extra=extra)
    out.write(text + "\n")
    return 0


def _reconciliation(programme: wecb.Programme, which: str = "auto") -> wecb.Reconciliation:
    """``which``: ``tables`` (each table's own arithmetic), a data set's claim set by name
    (its error says why it cannot apply), or ``auto``: the first data set's claims that the
    programme has the figures for, else the tables'."""
    sets = wecb.datasets.CLAIM_SETS
    if which in sets:
        return wecb.reconcile(programme, sets[which](programme))
    if which == "auto":
        for claims in sets.values():
            try:
                chosen = claims(programme)
            except WecbError:
                continue
            return wecb.reconcile(programme, chosen)
    return wecb.reconcile(programme)


def _headline(report: wecb.Reconciliation) -> str:
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
    if args.rate is not None:
        return wecb.appraisal.constant(args.rate)
    schedule: DiscountSchedule = getattr(wecb.appraisal, _SCHEDULES[args.schedule])
    return schedule


def _phasing(specs: Sequence[_PhaseSpec]) -> Phasing:
    phasing = wecb.appraisal.Phasing(note="from the command line")
    seen: set[tuple[str | None, str]] = set()
    for project, key, weights in specs:
        if (project, key) in seen:
            where = key if project is None else f"{project}/{key}"
            raise AppraisalError(f"--phase {where} is given twice")
        seen.add((project, key))
        phasing = phasing.with_period(key, weights, project=project)
    return phasing


def _base_year(args: argparse.Namespace, programme: wecb.Programme) -> wecb.FinancialYear:
    """``--base-year``, else the first year phased or used by a cash flow."""
    if args.base_year is not None:
        base: wecb.FinancialYear = args.base_year
        return base
    years: list[wecb.FinancialYear] = [y for _, _, weights in args.phase for y in weights]
    years += [
        f.period for _, f in programme.cash_flows() if isinstance(f.period, wecb.FinancialYear)
    ]
    if not years:
        raise AppraisalError("no financial year to discount to: give --base-year YEAR")
    return min(years)


def _appraise(args: argparse.Namespace, out: TextIO) -> int:
    programme = _programme(args.file)
    base = _base_year(args, programme)
    adjustments = wecb.appraisal.Adjustments(
        optimism_bias_grade=args.optimism_bias_grade,
        deadweight=Decimal(0) if args.deadweight is None else args.deadweight,
        attribution=Decimal(1) if args.attribution is None else args.attribution,
    )
    try:
        result = wecb.appraise(
            programme,
            base_year=base,
            price_base=base if args.price_base is None else args.price_base,
            phasing=_phasing(args.phase),
            schedule=_schedule(args),
            adjustments=adjustments,
            projects=args.project,
            allow_before_base=args.allow_before_base,
        )
    except AppraisalError as exc:
        raise AppraisalError(f"{exc}\n{_appraise_hint(exc)}") from None
    out.write(str(result) + "\n")
    return 0


def _appraise_hint(error: AppraisalError) -> str:
    """What to do on the command line about ``error``, chosen by its class."""
    if isinstance(error, UnphasedPeriodError):
        return (
            "hint: on the command line, phase each open period with --phase, e.g. "
            "--phase further_implementation=2014/15..2016/17 (even) or "
            "--phase appraisal_horizon=2014/15:1,2015/16:2 (weights)"
        )
    if isinstance(error, BeforeBaseYearError):
        return "hint: give an earlier --base-year, or --allow-before-base"
    return "hint: see wecb appraise --help"


def _export(args: argparse.Namespace, out: TextIO) -> int:
    fmt = args.format
    if fmt is None:
        suffix = "" if args.output is None else Path(args.output).suffix.lower().lstrip(".")
        fmt = suffix if suffix in _FORMATS else "csv"
    if args.what == "tables":  # the published £'000 layout: CSV only (wecb.io.tables)
        if fmt != "csv":
            raise ValidationError(f"--what tables writes CSV only, not {fmt}: use --format csv")
        return _emit(wecb.io.tables_to_csv(_programme(args.file)), args.output, out)
    if fmt == "xlsx" and args.output is None:
        raise ValidationError(
            "--format xlsx writes a binary workbook: give a file with -o OUT.xlsx"
        )
    programme = _programme(args.file)
    if args.what == "programme" and fmt in ("json", "toml"):
        return _emit(wecb.dumps(programme, fmt), args.output, out)
    if fmt == "toml":
        raise ValidationError(
            "--format toml writes the programme file: use it with --what programme"
        )
    rows = wecb.io.plain_rows(_export_rows(args, programme))
    if fmt == "xlsx":
        wecb.io.write_xlsx({args.what: rows}, args.output)
        return 0
    text = wecb.io.to_csv(rows) if fmt == "csv" else wecb.io.to_json(rows)
    return _emit(text, args.output, out)


def _export_rows(args: argparse.Namespace, programme: wecb.Programme) -> Rows:
    from wecb.model.rows import flow_rows, project_rows  # noqa: PLC0415

    if args.what == "rollup":
        return wecb.rollup(programme, by=args.by)
    if args.what == "flows":
        return flow_rows(programme)
    return project_rows(programme)


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
