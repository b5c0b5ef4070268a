"""Hostile files: programme files, rows and tables made of many bad entries, huge values and
odd text, to check that every reader bounds its memory, its time and its messages."""

from __future__ import annotations

# ---------------------------------------------------------------------------------------------
# Hostile files (wecb.io readers): names start with ``hostile_``
# ---------------------------------------------------------------------------------------------
import functools
import json
from typing import Any

import tomli_w
from hypothesis import strategies as st

#: Bad list items, as JSON text: each is refused, in its own way, as a cash flow.
HOSTILE_ITEMS: tuple[str, ...] = (
    "{}",
    "0",
    '"x"',
    "[]",
    "null",
    "1.5",
    '{"amount": "x", "nature": "y", "period": "z"}',
    '{"amount": "£1.00", "nature": "cost", "period": "2013/14", "payer": "nobody"}',
    '{"amount": 1.5, "nature": "cost", "period": "2013/14", "colour": "red", "size": 9}',
    '{"amount": "' + "9" * 300 + 'x", "nature": "cost", "period": "2013/14"}',
    '[[[[{"amount": []}]]]]',
)
#: Where the bad items go in the Essex 2012 document.
HOSTILE_LISTS: tuple[str, ...] = ("flows", "partners", "approach", "periods")


@functools.cache
def _essex_document() -> dict[str, Any]:
    import wecb  # noqa: PLC0415

    document: dict[str, Any] = json.loads(wecb.dumps(wecb.datasets.essex_2012(), "json"))
    # The hostile items are single flows: format version 1's "flows" (Essex has no lines).
    document["format_version"] = 1
    return document


def hostile_programme_text(item: str, count: int, fmt: str = "json", where: str = "flows") -> str:
    """The Essex 2012 programme file as ``fmt`` text with ``count`` copies of ``item`` (JSON
    text) as the list ``where`` (``"flows"`` and ``"approach"`` of its last project, or a
    top-level list such as ``"partners"``). JSON is built by joining text, so that a 60 MB
    file takes a moment."""
    document = json.loads(json.dumps(_essex_document()))
    marker = "@@HOSTILE@@"
    if where in ("flows", "approach"):
        document["projects"][-1][where] = marker
    else:
        document[where] = marker
    if fmt == "json":
        items = "[" + ",".join([item] * count) + "]"
        return json.dumps(document).replace(json.dumps(marker), items)
    value = json.loads(item)
    if value is None:  # TOML has no null
        value = {}
    if where in ("flows", "approach"):
        document["projects"][-1][where] = [value] * count
    else:
        document[where] = [value] * count
    return tomli_w.dumps(document)


def hostile_programmes(max_count: int = 3_000) -> st.SearchStrategy[tuple[str, int, str, str]]:
    """The arguments of :func:`hostile_programme_text` for a programme file of many bad
    entries (up to ``max_count``): ``(item, count, format, where)``, short to show."""
    return st.tuples(
        st.sampled_from(HOSTILE_ITEMS),
        st.integers(1, max_count),
        st.sampled_from(["json", "toml"]),
        st.sampled_from(HOSTILE_LISTS),
    )


def hostile_rows_text(kind: str, cell: str, count: int) -> str:
    """Exported rows as ``kind`` (``"csv"`` or ``"json"``) text: a money column and ``count``
    rows whose money cell is ``cell``."""
    if kind == "csv":
        return "project,net (GBP)\r\n" + f"p,{cell}\r\n" * count
    row = json.dumps({"project": "p", "net": {"amount": cell, "currency": "GBP"}})
    return "[" + ",".join([row] * count) + "]"


#: Money cells of exported rows, by a short name: bad, huge or plain.
HOSTILE_CELLS: dict[str, str] = {
    "x": "x",
    "1.2.3": "1.2.3",
    "100,000 nines and x": "9" * 100_000 + "x",
    "blank": "",
    "-0": "-0",
    "£5": "£5",
}


@st.composite
def hostile_rows(draw: st.DrawFn, max_count: int = 3_000) -> tuple[str, str, int]:
    """The arguments of :func:`hostile_rows_text` for exported rows whose money cells are
    bad (or huge) text, the cell by its name in :data:`HOSTILE_CELLS` (short to show):
    ``(kind, cell name, count)``, about 1 MB at most."""
    name = draw(st.sampled_from(sorted(HOSTILE_CELLS)))
    most = max(1, min(max_count, 1_000_000 // (len(HOSTILE_CELLS[name]) + 40)))
    return draw(st.sampled_from(["csv", "json"])), name, draw(st.integers(1, most))
