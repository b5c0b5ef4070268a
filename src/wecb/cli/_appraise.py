"""``wecb appraise``: present values, adjusted and unadjusted, from the command line."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, TextIO

import wecb
from wecb.cli._options import (
    SCHEDULES,
    PhaseSpec,
    grade_option,
    phase_option,
    rate_option,
    share_option,
    year_option,
)
from wecb.cli._parser import add_file, read_programme
from wecb.errors import AppraisalError, BeforeBaseYearError, UnphasedPeriodError

if TYPE_CHECKING:
    from wecb.appraisal import DiscountSchedule, Phasing
    from wecb.cli._parser import Commands


def add_appraise(commands: Commands) -> None:
    """The ``appraise`` command and its options."""
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
    add_file(appraisal)
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
        help="the financial year whose prices the figures are in (default: the base year)",
    )
    _add_adjustments(appraisal)
    _add_phasing(appraisal)
    appraisal.set_defaults(run=run_appraise)


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
        help="appraise only this project (repeat for several)",
    )


def _schedule(args: argparse.Namespace) -> DiscountSchedule:
    if args.rate is not None:
        return wecb.appraisal.constant(args.rate)
    schedule: DiscountSchedule = getattr(wecb.appraisal, SCHEDULES[args.schedule])
    return schedule


def _phasing(specs: Sequence[PhaseSpec]) -> Phasing:
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


def run_appraise(args: argparse.Namespace, out: TextIO) -> int:
    """Write the appraisal of ``args.file`` to ``out``; the exit status."""
    programme = read_programme(args.file)
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
        raise AppraisalError(f"{exc}\n{_hint(exc)}") from None
    out.write(str(result) + "\n")
    return 0


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
