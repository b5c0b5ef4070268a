"""The ``wecb`` command line (also ``python -m wecb``).

Commands::

    wecb summary   [FILE]             the programme on one screen
    wecb reconcile [FILE] [--strict]  every published total checked against the model
    wecb appraise  [FILE] [options]   present values, adjusted and unadjusted
    wecb export    [FILE] --what ... --format csv|json|xlsx|toml [-o OUT]
    wecb migrate   FILE [-o OUT]      write what wecb 0.1.0 assumed into a file made for it

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

import wecb
from wecb.cli._appraise import add_appraise
from wecb.cli._export import add_export
from wecb.cli._migrate import add_migrate
from wecb.cli._parser import PROG, CommandParser, ParserExitError
from wecb.cli._reconcile import add_reconcile
from wecb.cli._summary import add_summary
from wecb.errors import WecbError

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``wecb`` command."""
    parser = CommandParser(
        prog=PROG,
        description=(
            "Model, roll up and appraise whole place community budgets, with exact money. "
            "Without FILE, commands use the built-in Whole Essex Community Budget 2012."
        ),
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {wecb.__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    add_summary(commands)
    add_reconcile(commands)
    add_appraise(commands)
    add_export(commands)
    add_migrate(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); returns the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except ParserExitError as done:
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
