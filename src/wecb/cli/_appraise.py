"""``wecb appraise``: present values, adjusted and unadjusted, from the command line.

Every key is checked before anything is computed: a ``--project`` the programme does not
have, and a ``--phase [PROJECT/]KEY`` naming a project or an open period it does not have,
end the command with status 1 and the valid choices. The printout's assumptions list the
``--phase`` options exactly as given ("none given" when there are none).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import wecb
from wecb.cli._layouts import LAYOUTS, layout_tables
from wecb.cli._options import (
    SCHEDULES,
    TREATMENTS,
    PhaseSpec,
    grade_option,
    phase_option,
    rate_option,
    share_option,
    year_option,
)
from wecb.cli._output import FORMATS, add_output_options, emit, output_document, write_file
from wecb.cli._parser import add_file, read_programme
from wecb.errors import (
    AppraisalError,
    BeforeBaseYearError,
    UnphasedPeriodError,
    ValidationError,
)

if TYPE_CHECKING:
    from wecb.appraisal import Appraisal, DiscountSchedule, Phasing
    from wecb.cli._parser import Commands


def add_appraise(commands: Commands) -> None:
    """The ``appraise`` command and its options."""
    appraisal = commands.add_parser(
        "appraise",
        help="present values, adjusted and unadjusted, of the financial and economic cases",
        description="Phase open periods into years, adjust and discount every line, and "
        "print costs by type, benefits by value type, NPV, ROI and BCR, each undiscounted "
        "and as a present value, before and after adjustments.",
        epilog="Open periods are never phased implicitly: give --phase for each one the "
        "programme uses, e.g. for the built-in Essex programme: "
        "--phase to_mar_2013=2012/13 --phase further_implementation=2014/15..2016/17 "
        "--phase appraisal_horizon=2014/15..2018/19 --allow-before-base",
    )
    add_file(appraisal)
    add_appraisal_options(appraisal)
    appraisal.add_argument(
        "--layout",
        choices=LAYOUTS,
        default="summary",
        help="what to print: the summary table (summary, the default), or the 2014 "
        "HM Treasury / New Economy method's financial and economic cases and the "
        "present-value table by agency (new-economy)",
    )
    _add_output(appraisal)
    appraisal.set_defaults(run=run_appraise)


def _add_output(appraisal: argparse.ArgumentParser) -> None:
    add_output_options(appraisal, formats=(*FORMATS, "xlsx"), default=None)
    appraisal.add_argument(
        "-o",
        "--output",
        default=None,
        metavar="OUT",
        help="write the result to OUT instead of printing it, replaced whole or not at all: "
        "OUT.csv or OUT.json (the tables, their notes and the assumptions, as --format "
        "csv|json prints them) or OUT.xlsx (the auditable workbook, its figures live "
        "formulas over its Assumptions, Lines and Factors sheets); the suffix chooses the "
        "format unless --format is given",
    )


def add_appraisal_options(appraisal: argparse.ArgumentParser) -> None:
    """The options of an appraisal (schedule, years, treatment, adjustments, phasing),
    read back by :func:`appraisal_of`."""
    rates = appraisal.add_mutually_exclusive_group()
    rates.add_argument(
        "--rate",
        type=rate_option,
        help="one discount rate for every year, e.g. 3.5%% or 0.035",
    )
    rates.add_argument(
        "--schedule",
        choices=sorted(SCHEDULES),
        default="green-book",
        help="a shipped schedule: the Green Book STPR (green-book, the default), its lower "
        "health schedule (health) or no discounting (zero)",
    )
    appraisal.add_argument(
        "--base-year",
        type=year_option,
        default=None,
        metavar="YEAR",
        help="the financial year discounted to, e.g. 2013/14 (default: the first phased year)",
    )
    appraisal.add_argument(
        "--price-base",
        type=year_option,
        default=None,
        metavar="YEAR",
        help="the financial year whose prices the figures are in (default: the base "
        "year); lines that state another price year are rebased to it with --price-index, "
        "the others taken as stated, and the printout says which",
    )
    appraisal.add_argument(
        "--price-index",
        default=None,
        metavar="INDEX.csv",
        help="a price index to rebase lines in another price year: a CSV file with the "
        "header year,level and one financial year and its level a row (such as a vintage of "
        "HM Treasury's GDP deflators; name it in the file's name)",
    )
    appraisal.add_argument(
        "--treat-unclassified",
        choices=TREATMENTS,
        default=None,
        help="count benefits whose value type is unclassified as fiscal (non-cashable), "
        "economic or social; by default they have their own row, outside the financial case "
        "(net present budget impact) and inside the economic case (net present public value)",
    )
    _add_adjustments(appraisal)
    _add_phasing(appraisal)


def _add_adjustments(appraisal: argparse.ArgumentParser) -> None:
    appraisal.add_argument(
        "--optimism-bias-grade",
        type=grade_option,
        default=None,
        metavar="N",
        help="confidence grade 1 (best evidence) to 6: costs raised and benefits cut by the "
        "grade's percentages",
    )
    appraisal.add_argument(
        "--deadweight",
        type=share_option,
        default=None,
        metavar="SHARE",
        help="share of benefits that would have happened anyway, e.g. 20%% or 0.2",
    )
    appraisal.add_argument(
        "--attribution",
        type=share_option,
        default=None,
        metavar="SHARE",
        help="share of the remaining benefits due to the programme, e.g. 50%% or 0.5",
    )


def _add_phasing(appraisal: argparse.ArgumentParser) -> None:
    appraisal.add_argument(
        "--phase",
        action="append",
        type=phase_option,
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
        help="appraise only this project (repeat for several); an unknown key is an error "
        "that lists the programme's projects",
    )


def _schedule(args: argparse.Namespace) -> DiscountSchedule:
    if args.rate is not None:
        return wecb.appraisal.constant(args.rate)
    schedule: DiscountSchedule = getattr(wecb.appraisal, SCHEDULES[args.schedule])
    return schedule


def phasing_of(specs: Sequence[PhaseSpec], programme: wecb.Programme) -> Phasing:
    """The ``--phase`` options as a phasing whose note lists them as given; each key must
    name a project and an open period of ``programme``."""
    note = "command line: " + " ".join(f"--phase {spec.text}" for spec in specs)
    phasing = wecb.appraisal.Phasing(note=note if specs else None)
    projects = [p.key for p in programme.projects]
    periods = [p.key for p in programme.periods]
    seen: set[tuple[str | None, str]] = set()
    for spec in specs:
        target = spec.key if spec.project is None else f"{spec.project}/{spec.key}"
        if spec.project is not None and spec.project not in projects:
            raise AppraisalError.not_accepted(
                f"--phase {target}", spec.project, f"a project of the programme: {_keys(projects)}"
            )
        if spec.key not in periods:
            raise AppraisalError.not_accepted(
                f"--phase {target}",
                spec.key,
                f"an open period of the programme: {_keys(periods)}",
            )
        if (spec.project, spec.key) in seen:
            raise AppraisalError(f"--phase {target} is given twice")
        seen.add((spec.project, spec.key))
        phasing = phasing.with_period(spec.key, spec.weights, project=spec.project)
    return phasing


def _keys(keys: Sequence[str]) -> str:
    return ", ".join(keys) or "none"


def _projects(chosen: Sequence[str] | None, programme: wecb.Programme) -> list[str] | None:
    """``--project`` keys, each checked against the programme's projects."""
    if chosen is None:
        return None
    keys = [p.key for p in programme.projects]
    for key in chosen:
        if key not in keys:
            raise AppraisalError.not_accepted(
                "--project", key, f"a project of the programme: {_keys(keys)}"
            )
    return list(chosen)


def base_year_of(args: argparse.Namespace, programme: wecb.Programme) -> wecb.FinancialYear:
    """``--base-year``, else the first year phased or used by a cash flow."""
    if args.base_year is not None:
        base: wecb.FinancialYear = args.base_year
        return base
    years: list[wecb.FinancialYear] = [y for spec in args.phase for y in spec.weights]
    years += [
        f.period for _, f in programme.cash_flows() if isinstance(f.period, wecb.FinancialYear)
    ]
    if not years:
        raise AppraisalError("no financial year to discount to: give --base-year YEAR")
    return min(years)


def run_appraise(args: argparse.Namespace, out: TextIO) -> int:
    """Write the appraisal of ``args.file`` to ``out`` (or ``-o OUT``); the exit status."""
    fmt = output_format(args)
    programme = read_programme(args.file)
    base = base_year_of(args, programme)
    result = appraisal_of(args, programme, base)
    notes = defaults(args, base)
    if fmt == "xlsx":
        wecb.present.write_appraisal_workbook(result, args.output)
    elif args.output is not None:
        tables = layout_tables(result, args.layout)
        write_file(args.output, output_document(fmt, tables, result, "appraise", notes))
    else:
        emit(
            out,
            args,
            layout_tables(result, args.layout),
            command="appraise",
            lines=notes,
            source=result,
        )
        return 0
    for line in notes:
        out.write(line + "\n")
    return 0


#: The formats ``-o OUT`` writes, by the suffix of OUT.
SUFFIXES = {".csv": "csv", ".json": "json", ".xlsx": "xlsx"}


def output_format(args: argparse.Namespace) -> str:
    """The format to write: ``--format``, else the suffix of ``-o OUT``, else ``table``;
    checked before anything is computed."""
    given = args.format is not None
    fmt: str = args.format or "table"
    if args.output is not None:
        suffix = Path(args.output).suffix.lower()
        by_suffix = SUFFIXES.get(suffix)
        if by_suffix is None and not given:
            raise ValidationError(
                f"-o {args.output}: "
                + (f"the suffix {suffix!r} is not one -o writes" if suffix else "no suffix")
                + ": for the tables, give --format csv|json or a file ending in .csv or "
                ".json; for the workbook, give --format xlsx or a file ending in .xlsx"
            )
        if not given:
            fmt = by_suffix or fmt
        elif fmt == "table":
            raise ValidationError(
                "-o writes csv, json or xlsx: the text table is printed (redirect it with "
                "> FILE); give --format csv|json|xlsx or leave --format out"
            )
        elif by_suffix is not None and by_suffix != fmt:
            raise ValidationError(
                f"--format {fmt} and -o {args.output} disagree: give a file ending in .{fmt}, "
                "or leave --format out"
            )
    if fmt == "xlsx" and args.output is None:
        raise ValidationError(
            "--format xlsx writes a binary workbook: give a file with -o OUT.xlsx"
        )
    if fmt == "xlsx" and args.layout != "summary":
        raise ValidationError(
            f"--layout {args.layout} chooses what is printed; the xlsx workbook holds the "
            "summary, both cases and their payback years: leave --layout out"
        )
    return fmt


def appraisal_of(
    args: argparse.Namespace, programme: wecb.Programme, base: wecb.FinancialYear | None = None
) -> Appraisal:
    """The appraisal of ``programme`` under the options of :func:`add_appraisal_options`,
    discounted to ``base`` (default: ``--base-year``, else the first year phased or used)."""
    base = base_year_of(args, programme) if base is None else base
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
            phasing=phasing_of(args.phase, programme),
            schedule=_schedule(args),
            adjustments=adjustments,
            projects=_projects(args.project, programme),
            allow_before_base=args.allow_before_base,
            treat_unclassified=args.treat_unclassified,
            price_index=None
            if args.price_index is None
            else wecb.appraisal.prices.load_price_index(args.price_index),
        )
    except AppraisalError as exc:
        raise AppraisalError(f"{exc}\n{_hint(exc)}") from None
    return result


def defaults(args: argparse.Namespace, base: wecb.FinancialYear) -> list[str]:
    """The command line's own choices where an option was not given (after the table)."""
    lines = []
    if args.base_year is None:
        lines.append(
            f"default: no --base-year given, so discounted to {base}, the first year phased "
            "or used by a cash flow"
        )
    if args.price_base is None:
        lines.append(f"default: no --price-base given, so the figures are taken as {base} prices")
    return lines


def _hint(error: AppraisalError) -> str:
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
