"""The ``wecb`` command line (also ``python -m wecb``).

Commands::

    wecb summary   [FILE]             the programme on one screen
    wecb reconcile [FILE] [--strict]  every published total checked against the model
    wecb appraise  [FILE] [options]   present values, adjusted and unadjusted (with
                                      --layout new-economy: the two cases, by agency)
    wecb compare   A B ... [options]  files appraised alike, side by side with A
    wecb export    [FILE] --what ... --format csv|json|xlsx|toml [-o OUT]
    wecb migrate   FILE [-o OUT]      write what wecb 0.1.0 assumed into a file made for it
    wecb new       [-o OUT] [--force] a commented, minimal, valid programme file to start from
    wecb template  -o OUT [--force]   a workbook (.xlsx) to fill in, read by wecb.io.read_workbook
    wecb pilots                       the four whole place pilots of 2012 side by side
    wecb realisation [FILE] --as-at YEAR|DATE [--actuals PATH] [--by line|partner]
                                      benefits realised against the plan, with RAG status
    wecb asks      [FILE] [--text]    the asks of government, and the benefits at risk per
                                      department
    wecb sources   [FILE] [--dataset NAME]  the documents the figures cite, and where to
                                      find each
    wecb report    [FILE] [-o OUT.html]  the programme on one self-contained HTML page

``FILE`` is a programme file (``.toml`` or ``.json``); without it, the built-in Whole
Essex Community Budget 2012 programme is used. Every command that prints results takes
``--format table|json|csv``, ``--width N`` and ``--table N`` (see ``wecb.cli._output``;
the JSON schema is ``output.schema.json`` in this package), and ``wecb appraise -o OUT``
writes ``.csv``, ``.json`` or ``.xlsx`` by its suffix.

Exit status: 0 on success (``reconcile`` reports discrepancies and still exits 0 unless
``--strict``); 1 for bad input (an unreadable or invalid file, a bad value) and for
discrepancies under ``--strict``; 2 for a usage error (unknown command or option; ``wecb``
alone prints the help on standard output with status 2).
Errors go to standard error as one ``wecb: error: ...`` message, never a traceback.
Ctrl-C ends a command with status 130, quietly, from the moment it starts. A reader that
goes away (``wecb reconcile | head -1``) ends every command quietly with status 0. A closed
standard output (``wecb summary >&-``) or one that fails while written (a full disk) is
an error with status 1; on an ASCII-only stream (``PYTHONIOENCODING=ascii``, a C locale)
reports and messages show ``£`` as ``\\xa3``, and ``wecb export`` refuses rather than
alter its data (write it with ``-o OUT``): see ``wecb.cli._streams``.
Names, labels, notes and messages come from files: every character that would control
the terminal (an ANSI escape, a carriage return, a bidirectional override) is printed
escaped, ``\\x1b`` for ESC; ``wecb export`` writes its data as it is to a pipe or a file.

:func:`main` takes the arguments as a list and returns the exit status, so it can be
called in-process:

>>> main(["--version"])
wecb 0.1.0
0
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import wecb
from wecb._interrupt import INTERRUPTED, restore_interrupts
from wecb.cli._appraise import add_appraise
from wecb.cli._asks import add_asks
from wecb.cli._compare import add_compare
from wecb.cli._export import add_export
from wecb.cli._migrate import add_migrate
from wecb.cli._new import add_new
from wecb.cli._parser import PROG, CommandParser, ParserExitError
from wecb.cli._pilots import add_pilots
from wecb.cli._realisation import add_realisation
from wecb.cli._reconcile import add_reconcile
from wecb.cli._report import add_report
from wecb.cli._sources import add_sources
from wecb.cli._streams import quiet_stdout, report, stdout_for, write
from wecb.cli._summary import add_summary
from wecb.cli._template import add_template
from wecb.cli._terminal import escaped, terminal_stream
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
    add_compare(commands)
    add_export(commands)
    add_migrate(commands)
    add_new(commands)
    add_template(commands)
    add_pilots(commands)
    add_realisation(commands)
    add_asks(commands)
    add_sources(commands)
    add_report(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); returns the exit status."""
    try:
        restore_interrupts()  # from the start-up guard of the `wecb` script (wecb._interrupt)
        return _run(argv)
    except KeyboardInterrupt:  # Ctrl-C, at any point (building the parser, reading options)
        return INTERRUPTED


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    given = list(sys.argv[1:] if argv is None else argv)
    if not given:  # `wecb` alone: the help, on standard output, as a usage error
        write(sys.stdout, parser.format_help())
        return 2
    try:
        args = parser.parse_args(given)
    except ParserExitError as done:
        return done.status
    # The data of `wecb export` and of --format json|csv is written as it is to a pipe.
    data = getattr(args, "data_output", False) or (
        getattr(args, "format", None) in getattr(args, "data_formats", ())
    )
    # Text from files reaches the terminal escaped (wecb.cli._terminal); a closed or
    # narrow (ASCII-only) standard output is made safe by wecb.cli._streams.
    out = terminal_stream(stdout_for(sys.stdout, data=data), data=data)
    try:
        status: int = args.run(args, out)
        out.flush()
    except (WecbError, OSError) as exc:
        if isinstance(exc, OSError) and exc.filename is None:
            # Writing to standard output failed: Python must not report it again at exit.
            if sys.stdout is not None and sys.stdout is sys.__stdout__:
                quiet_stdout()
            if isinstance(exc, BrokenPipeError):
                return 0  # the reader went away (`wecb ... | head`): a normal end
        report(escaped(f"{PROG}: error: {_message(exc)}"))
        return 1
    return status


def _message(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.filename is not None and exc.strerror:
        return f"{exc.filename}: {exc.strerror}"
    if isinstance(exc, OSError):
        return f"standard output: {exc.strerror or exc}"
    return str(exc)
