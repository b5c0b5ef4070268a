"""``wecb sources``: the documents a programme's figures cite, and where to find each.

Prints :func:`wecb.present.bibliography.bibliography` one document a block: its key (what
citations name), kind and how many facts cite it; the issuing body, title and date as the
document states it; where it can be found (or that no public URL is known); its note.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from wecb.cli._output import add_output_options, emit, width_of, wrapped
from wecb.cli._parser import add_dataset, add_file, programme_of
from wecb.core.assumptions import assumption_notes

if TYPE_CHECKING:
    from wecb.cli._parser import Commands

__all__ = ["add_sources", "run_sources"]


def add_sources(commands: Commands) -> None:
    """The ``sources`` command and its options."""
    parser = commands.add_parser(
        "sources",
        help="the documents the figures cite, and where to find each",
        description="The bibliography of a programme: each document its figures, tables "
        "and quotes cite (key, kind, issuing body, title, date as the document states it, "
        "where it can be found) and how many facts cite it.",
    )
    add_file(parser)
    add_dataset(parser)
    add_output_options(parser)
    parser.set_defaults(run=run_sources)


def run_sources(args: argparse.Namespace, out: TextIO) -> int:
    """Write the bibliography of ``args.file`` (or ``--dataset``) to ``out``; the exit
    status (0)."""
    programme = programme_of(args, "sources")
    # Imported here: wecb.present brings numpy in, which the other commands do without.
    from wecb.present.bibliography import bibliography  # noqa: PLC0415

    listing = bibliography(programme)
    count = len(listing.documents)
    lines = [f"Sources of {programme.name}: {count} document{'' if count == 1 else 's'}"]
    if not count:
        lines.append("  none recorded: the programme's sources, if any, are free text")
    for document, cited in zip(listing.documents, listing.cited, strict=True):
        times = f"cited {cited} time{'' if cited == 1 else 's'}"
        lines += [
            "",
            f"{document.key} ({document.kind.label}, {times})",
            f"  {document.issued_by}: {document.title}",
            f"  date: {document.date}",
            f"  where found: {document.where_found}",
            *([] if document.note is None else [f"  note: {document.note}"]),
        ]
    lines += ["", *assumption_notes(listing.assumptions())]
    width = width_of(args)
    text = "\n".join(part for line in lines for part in wrapped(line, width))
    emit(out, args, listing, command="sources", text=text)
    return 0
