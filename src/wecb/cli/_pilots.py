"""``wecb pilots``: the four whole place community budget pilots of 2012 side by side.

Prints :func:`wecb.datasets.pilots_2012`: each pilot's headline figures with their horizon
and a per-year equivalent only where the horizon allows one, the check of the pilots'
five-year net figures against the collective figure DCLG gave, and the pilots beside the
national five-year range the LGA commissioned; every figure with its document.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

import wecb
from wecb.cli._output import add_output_options, emit

if TYPE_CHECKING:
    from wecb.cli._parser import Commands

__all__ = ["add_pilots", "run_pilots"]


def add_pilots(commands: Commands) -> None:
    """The ``pilots`` command."""
    parser = commands.add_parser(
        "pilots",
        help="the four whole place pilots of 2012 side by side, and the national picture",
        description="Each pilot's headline figures (Essex, Cheshire West and Chester, "
        "Greater Manchester, Tri-borough) with their horizons and per-year equivalents "
        "where the horizon allows one; the check of the pilots' five-year net figures "
        "against DCLG's collective figure, with the figures that are not comparable and "
        "why; and the pilots beside the LGA-commissioned national five-year range. Every "
        "figure names its document (see the data sets' documents tables).",
    )
    add_output_options(parser)
    parser.set_defaults(run=run_pilots)


def run_pilots(args: argparse.Namespace, out: TextIO) -> int:
    """Write the comparison of the four pilots to ``out``; the exit status (0)."""
    comparison = wecb.datasets.pilots_2012()
    lines = ["Documents:", *(f"  {d.key}: {d}" for d in comparison.documents)]
    emit(out, args, comparison, command="pilots", lines=lines)
    return 0
