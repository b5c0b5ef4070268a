"""Assumptions in exported rows (private to :mod:`wecb.io`): how each format writes the
:class:`~wecb.core.assumptions.Assumption` list that rows carry, and how CSV and JSON read it
back, refusing a malformed one with its place and value.

* **CSV**: before the header, a record ``#assumption,name,value,source,verified`` heads the
  block, then one record per assumption with the same cells: ``verified`` is ``true`` or
  ``false``, an empty ``source`` is none, and a ``false`` is followed by the warning text
  (:data:`~wecb.core.assumptions.NOT_VERIFIED`) so that it shows in a spreadsheet.
* **JSON** and the **DataFrame**: a record ``{"name", "value", "source", "verified"}`` per
  assumption (:func:`assumption_record`); ``Assumption(**record)`` rebuilds one.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Final

from wecb.core.assumptions import NOT_VERIFIED, Assumption
from wecb.errors import ParseError, excerpt

__all__ = [
    "ASSUMPTION_FIELDS",
    "ASSUMPTION_MARKER",
    "assumption_record",
    "csv_assumption_records",
    "exact_keys",
    "json_assumptions",
    "json_document",
    "read_csv_assumptions",
]

#: The first cell of every assumption record in a CSV file (the block header's too).
ASSUMPTION_MARKER: Final = "#assumption"
#: The fields of an assumption, in the order every format writes them.
ASSUMPTION_FIELDS: Final = ("name", "value", "source", "verified")
_BLOCK_HEADER: Final = [ASSUMPTION_MARKER, *ASSUMPTION_FIELDS]
_CSV_RECORD: Final = (
    "#assumption,name,value,source,verified with verified true or false (false followed by "
    f"the warning {NOT_VERIFIED!r}) and an empty source for none"
)


def assumption_record(assumption: Assumption) -> dict[str, str | bool | None]:
    """``assumption`` as a record of plain values, the fields in :data:`ASSUMPTION_FIELDS`
    order (JSON, DataFrame attributes)."""
    return {
        "name": assumption.name,
        "value": assumption.value,
        "source": assumption.source,
        "verified": assumption.verified,
    }


# -- CSV -------------------------------------------------------------------------------------


def csv_assumption_records(assumptions: Sequence[Assumption]) -> list[list[str]]:
    """The CSV records before the header: none without assumptions, else the block header
    and one record per assumption."""
    if not assumptions:
        return []
    records = [list(_BLOCK_HEADER)]
    for a in assumptions:
        record = [ASSUMPTION_MARKER, a.name, a.value, a.source or ""]
        record += ["true"] if a.verified else ["false", NOT_VERIFIED]
        records.append(record)
    return records


def read_csv_assumptions(
    lines: Iterator[tuple[int, list[str]]],
) -> tuple[tuple[Assumption, ...], list[str] | None]:
    """The assumptions in the records ``lines`` starts with, and the record after them (the
    header, ``None`` when there is none); ``lines`` gives each record with its line."""
    found: list[Assumption] = []
    for line, record in lines:
        if not record or record[0] != ASSUMPTION_MARKER:
            return tuple(found), record
        if record != _BLOCK_HEADER or line != 1:  # the block header may only come first
            found.append(_csv_assumption(record, f"CSV line {line}"))
    return tuple(found), None


def _csv_assumption(record: list[str], where: str) -> Assumption:
    if len(record) not in (5, 6):
        raise ParseError.not_accepted(
            f"{where}, an assumption of {len(record)} cells", record, _CSV_RECORD
        )
    _, name, value, source, verified, *warning = record
    if verified not in ("true", "false"):
        raise ParseError.not_accepted(f"{where}, field 'verified'", verified, "true or false")
    if warning != ([NOT_VERIFIED] if verified == "false" else []):
        expected = (
            f"the warning {NOT_VERIFIED!r} after false"
            if verified == "false"
            else "nothing after true (the warning follows false only)"
        )
        raise ParseError.not_accepted(f"{where}, the cell after 'verified'", warning, expected)
    return Assumption(
        name=_text(name, f"{where}, field 'name'"),
        value=_text(value, f"{where}, field 'value'"),
        source=None if source == "" else _text(source, f"{where}, field 'source'"),
        verified=verified == "true",
    )


def _text(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ParseError.not_accepted(where, value, "non-blank text")
    return value


# -- JSON ------------------------------------------------------------------------------------


def json_document(rows: list[dict[str, object]], assumptions: Sequence[Assumption]) -> object:
    """The JSON document of ``rows``: the array itself without assumptions, else an object of
    ``"assumptions"`` (records) and ``"rows"``."""
    if not assumptions:
        return rows
    return {"assumptions": [assumption_record(a) for a in assumptions], "rows": rows}


def json_assumptions(document: object) -> tuple[object, tuple[Assumption, ...]]:
    """The rows of a JSON ``document`` (to be checked) and its assumptions: an object of
    ``"assumptions"`` and ``"rows"`` is taken apart, anything else has none."""
    if not isinstance(document, dict):
        return document, ()
    exact_keys(document, ("assumptions", "rows"), "the JSON object")
    listed = document["assumptions"]
    if not isinstance(listed, list):
        raise ParseError.not_accepted(
            "the JSON object, field 'assumptions'", listed, "a JSON array of assumption objects"
        )
    found = tuple(_json_assumption(item, f"assumptions[{i}]") for i, item in enumerate(listed))
    return document["rows"], found


def _json_assumption(item: object, where: str) -> Assumption:
    fields = ", ".join(repr(f) for f in ASSUMPTION_FIELDS)
    if not isinstance(item, dict):
        raise ParseError.not_accepted(where, item, f"a JSON object with the fields {fields}")
    exact_keys(item, ASSUMPTION_FIELDS, where)
    source = item["source"]
    verified = item["verified"]
    if not isinstance(verified, bool):
        raise ParseError.not_accepted(f"{where}, field 'verified'", verified, "true or false")
    return Assumption(
        name=_text(item["name"], f"{where}, field 'name'"),
        value=_text(item["value"], f"{where}, field 'value'"),
        source=None if source is None else _text(source, f"{where}, field 'source'"),
        verified=verified,
    )


def exact_keys(document: Mapping[str, object], keys: Sequence[str], where: str) -> None:
    """Refuse ``document`` unless its keys are exactly ``keys`` (the message lists them)."""
    expected = ", ".join(repr(k) for k in keys)
    unknown = [k for k in document if k not in keys]
    if unknown:
        raise ParseError.not_accepted(
            f"{where}, field {excerpt(unknown[0])}",
            document[unknown[0]],
            f"only the fields {expected}",
        )
    missing = [k for k in keys if k not in document]
    if missing:
        raise ParseError(f"{where}: the field {missing[0]!r} is missing; expected {expected}")
