"""``wecb reconcile``: every published total checked against the model."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

import wecb
from wecb.cli._output import add_output_options, emit
from wecb.cli._parser import add_file, read_programme
from wecb.errors import WecbError

if TYPE_CHECKING:
    from wecb.cli._parser import Commands


def add_reconcile(commands: Commands) -> None:
    """The ``reconcile`` command and its options."""
    check = commands.add_parser(
        "reconcile",
        help="check the programme against the totals its documents publish",
        description="Report every check: what a document claims (with the document's own "
        "sign: a table's net cost as published is negative for a saving), what the model "
        "derives, the difference and the source. Discrepancies are reported, not hidden; the "
        "exit status is 0 unless --strict is given and a check differs.",
    )
    add_file(check)
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
    add_output_options(check)
    check.set_defaults(run=run_reconcile)


def run_claims(programme: wecb.Programme, which: str = "auto") -> wecb.Reconciliation:
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


def headline(report: wecb.Reconciliation) -> str:
    """How many checks agree and differ, in one line."""
    if not report.checks:
        return "no published totals to check"
    differ = f"{report.failed} differ" if report.failed else "none differ"
    apart = f", {report.not_comparable} not comparable" if report.not_comparable else ""
    return f"{len(report.checks)} checks: {report.passed} agree, {differ}{apart}"


def run_reconcile(args: argparse.Namespace, out: TextIO) -> int:
    """Write the reconciliation of ``args.file`` to ``out``; the exit status."""
    report = run_claims(read_programme(args.file), args.claims)
    verdict = f"Reconciliation: {headline(report)}"
    if report.failed:
        verdict += " (reported, not forced to agree"
        verdict += "; exit status 1 (--strict))" if args.strict else ")"
    emit(out, args, report, command="reconcile", lines=[verdict + "."])
    return 1 if report.failed and args.strict else 0
