"""The parser of the ``wecb`` command: usage errors as exit statuses, and the FILE argument."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, TypeAlias

import wecb
from wecb.cli._streams import write
from wecb.cli._terminal import escaped
from wecb.errors import ValidationError

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

    Commands: TypeAlias = argparse._SubParsersAction["CommandParser"]

#: The command's name, in its usage, version and error messages.
PROG = "wecb"


class CommandParser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors carry the exit status instead of exiting."""

    def exit(self, status: int = 0, message: str | None = None) -> None:  # type: ignore[override]
        if message:
            write(sys.stderr, escaped(message))  # it may quote a crafted file name
        raise ParserExitError(status)

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        # Usage, help and --version: to a closed or ASCII-only stream too (wecb.cli._streams).
        write(file or sys.stderr, message)


class ParserExitError(Exception):
    """The parser has finished (``--help``, ``--version``, a usage error) with ``status``."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


def add_file(parser: argparse.ArgumentParser) -> None:
    """The optional FILE argument every command takes."""
    parser.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help=(
            "a programme file (.toml or .json), a workbook (.xlsx) or a folder of CSV sheets "
            "in the layout of `wecb template`; default: the built-in Essex 2012 programme"
        ),
    )


def read_programme(file: str | None) -> wecb.Programme:
    """The programme in ``file``, or the built-in Essex 2012 programme without one."""
    # wecb.load brings cattrs in only when a file is read.
    if file is None:
        return wecb.datasets.essex_2012()
    if file.lower().endswith(".xlsx") or os.path.isdir(file):
        return wecb.io.read_workbook(file)
    return wecb.load(file)


def add_dataset(parser: argparse.ArgumentParser, more: str = "") -> None:
    """The ``--dataset NAME`` option: a built-in data set instead of FILE."""
    parser.add_argument(
        "--dataset",
        choices=tuple(wecb.datasets.DATASETS),
        metavar="NAME",
        help="a built-in data set instead of FILE: " + ", ".join(wecb.datasets.DATASETS) + more,
    )


def programme_of(args: argparse.Namespace, command: str) -> wecb.Programme:
    """The programme ``args`` name: FILE, ``--dataset NAME`` (not both), or Essex 2012."""
    if args.dataset is not None and args.file is not None:
        raise ValidationError(
            f"{command}: give FILE or --dataset NAME, not both (got {args.file!r} and "
            f"--dataset {args.dataset})"
        )
    if args.dataset is not None:
        return wecb.datasets.DATASETS[args.dataset]()
    return read_programme(args.file)
