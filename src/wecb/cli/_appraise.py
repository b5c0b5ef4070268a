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
from typing import TYPE_CHECKING, TextIO

import wecb
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
        help="the financial year whose prices the figures are in (default: the base "
        "year); wecb does not rebase or deflate: this states the price year of the figures "
        "as given, and the printout says so",
    )
    appraisal.add_argument(
        "--treat-unclassified",
        choices=TREATMENTS,
        default=None,
        help="count benefits whose value type is unclassified as fiscal (non-cashable), "
        "economic or social; by default they have their own row, outside the fiscal case "
        "(NPV) and inside the public value case (NPPV)",
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
        help="appraise only this project (repeat for several); an unknown key is an error "
        "that lists the programme's projects",
    )


def _schedule(args: argparse.Namespace) -> DiscountSchedule:
    if args.rate is not None:
        return wecb.appraisal.constant(args.rate)
    schedule: DiscountSchedule = getattr(wecb.appraisal, SCHEDULES[args.schedule])
    return schedule


def _phasing(specs: Sequence[PhaseSpec], programme: wecb.Programme) -> Phasing:
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


def _base_year(args: argparse.Namespace, programme: wecb.Programme) -> wecb.FinancialYear:
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
            phasing=_phasing(args.phase, programme),
            schedule=_schedule(args),
            adjustments=adjustments,
            projects=_projects(args.project, programme),
            allow_before_base=args.allow_before_base,
            treat_unclassified=args.treat_unclassified,
        )
    except AppraisalError as exc:
        raise AppraisalError(f"{exc}\n{_hint(exc)}") from None
    out.write(str(result) + "\n")
    for line in _defaults(args, base):
        out.write(line + "\n")
    return 0


def _defaults(args: argparse.Namespace, base: wecb.FinancialYear) -> list[str]:
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
