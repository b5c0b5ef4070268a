"""A ``source`` field in files and workbooks (private to :mod:`wecb.io`).

In a programme file a source is free text (``source = "the council's estimate"``) or a
citation of one of the programme's documents, a table of ``document``, ``quote`` and
optionally ``locator`` (``source = { document = "cabinet_2012_10_30", quote = "..." }``);
anything else is refused naming both forms (:func:`register_sources`). In a workbook cell a
citation is written as ``str`` writes it, ``key: "quote"`` or ``key (locator): "quote"``,
and read back with :func:`~wecb.model.documents.parse_source` (:func:`source_cell`,
:func:`read_source`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import cattrs

from wecb.errors import ExportError
from wecb.io._sheet_cells import SheetCell, read_cell_text
from wecb.io._value_hooks import refuse_float, wrong
from wecb.model.documents import Citation, Source, parse_source

__all__ = ["read_source", "register_sources", "source_cell"]

_ACCEPTED = (
    "text saying where the fact is published, or a citation table "
    '{ document = "<document key>", quote = "<the words cited>" }'
)


def _is_source(tp: object) -> bool:
    return tp == Source or tp == Source | None


def register_sources(conv: cattrs.Converter) -> None:
    """Put the hook of :data:`~wecb.model.documents.Source` fields on ``conv`` (its hooks of
    text and attrs classes must be registered already)."""

    def structure(value: object, _: object) -> Source | None:
        if value is None:
            return None
        if isinstance(value, str):
            text: str = conv.structure(value, str)
            return text
        if isinstance(value, Mapping):
            citation: Citation = conv.structure(value, Citation)
            return citation
        refuse_float(value, _ACCEPTED)
        raise wrong(value, _ACCEPTED)

    hook: Callable[[object, Any], Source | None] = structure
    conv.register_structure_hook_func(_is_source, hook)


def source_cell(source: Source) -> str:
    """The text of a workbook cell holding ``source``; an
    :class:`~wecb.errors.ExportError` if the text would not read back as the same source
    (free text spelled like a citation, or a locator holding ``): "``)."""
    text = str(source)
    if parse_source(text) != source:
        raise ExportError(
            f"source {text!r} cannot be written to a workbook cell: it would read back as "
            f"{parse_source(text)!r}"
        )
    return text


def read_source(cell: SheetCell) -> Source:
    """The source in a workbook cell: a citation written ``key: "quote"`` (or ``key
    (locator): "quote"``), else free text."""
    return parse_source(read_cell_text(cell))
