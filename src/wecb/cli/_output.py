"""What a command prints, in the format asked for: aligned tables, JSON or CSV.

Every command that prints results takes ``--format table|json|csv``, ``--width N`` and
``--table N`` (:func:`add_output_options`), and prints through :func:`emit`:

* **table** (the default): each table's text fitted to the width (text columns cut with
  ``…``, titles and notes wrapped; numbers are never cut), then the command's own lines.
* **json**: one document (the schema is ``output.schema.json`` beside this module): the
  tables with exact cells (money ``{"amount": "-150309000", "currency": "GBP"}``, numbers
  as decimal strings, periods as their labels), each table's notes, the result's
  assumptions and the command's own lines.
* **csv**: a block per table: a ``#table`` record, its notes as ``#note`` records, the
  header (``kind`` first) and the rows; the command's lines as ``#note`` records last.

The width, when ``--width`` is not given, is that of the terminal (``COLUMNS`` first) when
standard output is one; a pipe or a file gets every line whole. ``--width 0`` sets no
limit.

>>> import argparse, io
>>> from wecb.core.money import Money
>>> from wecb.core.table import Table
>>> table = Table.from_records([{"project": "FBC2", "net": Money("150309000.50")}],
...                            title="Net", notes=["a note"])
>>> args = argparse.Namespace(format="json", width=0, table=None)
>>> out = io.StringIO()
>>> emit(out, args, [table], command="demo")
>>> document = json.loads(out.getvalue())
>>> document["tables"][0]["rows"]
[{'project': 'FBC2', 'net': {'amount': '150309000.50', 'currency': 'GBP'}}]
>>> args.format = "csv"
>>> out = io.StringIO()
>>> emit(out, args, [table], command="demo", lines=["done"])
>>> print(out.getvalue().replace("\\r\\n", "\\n"), end="")
#table,1,Net
#note,a note
kind,project,net (GBP)
group,FBC2,150309000.50
#note,done
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime
import enum
import io
import json
import os
import re
import shutil
import stat
import sys
import tempfile
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Final, TextIO

import wecb
from wecb.cli._options import positive_int_option, positive_or_zero_option
from wecb.cli._terminal import escaped
from wecb.core.assumptions import assumption_notes, assumptions_of
from wecb.core.money import Money
from wecb.core.periods import FinancialYear, OpenPeriod
from wecb.core.table import Table, Tabular, wrap_note
from wecb.errors import ValidationError

__all__ = [
    "FORMATS",
    "add_output_options",
    "emit",
    "json_cell",
    "output_document",
    "width_of",
    "wrapped",
    "write_file",
]

#: ``--format`` choices of every command that prints results.
FORMATS: Final = ("table", "json", "csv")
#: The width of a terminal that does not tell its own.
DEFAULT_WIDTH: Final = 80
#: The first cell of a CSV record that is not a row.
_MARK_TABLE: Final = "#table"
_MARK_NOTE: Final = "#note"
_FORMULA = re.compile(r"[=+\-@\t\r]")
_NUMBER = re.compile(r"[+-]?[\d,]*\.?\d+%?")


def add_output_options(
    parser: argparse.ArgumentParser,
    *,
    formats: Sequence[str] = FORMATS,
    default: str | None = "table",
) -> None:
    """``--format`` (``formats``; ``default`` when not given: ``None`` lets the command
    tell), ``--width`` and ``--table``, read by :func:`emit` and :func:`width_of`."""
    more = [f for f in formats if f not in FORMATS]
    parser.add_argument(
        "--format",
        choices=tuple(formats),
        default=default,
        help="table: aligned text (the default); json: one document with exact values "
        "(see the schema in the docs); csv: a block per table, after #table and #note records"
        + "".join(f"; {f}: see -o" for f in more),
    )
    parser.add_argument(
        "--width",
        type=positive_or_zero_option,
        default=None,
        metavar="N",
        help="fit the text in N columns (default: the terminal's width on a terminal, else no "
        "limit; 0: no limit)",
    )
    parser.add_argument(
        "--table",
        type=positive_int_option,
        default=None,
        metavar="N",
        help="print only the Nth table (1 for the first), in any format",
    )
    # json and csv are data: written as they are to a pipe or a file (wecb.cli._terminal).
    parser.set_defaults(data_formats=("json", "csv"))


def width_of(args: argparse.Namespace) -> int | None:
    """The width to fit text in: ``--width N`` (``None`` for 0: no limit); without it, the
    terminal's width (``COLUMNS`` first) when standard output is a terminal, else ``None``
    (a pipe or a file gets every line whole)."""
    given: int | None = getattr(args, "width", None)
    if given is not None:
        return given or None
    if not _is_terminal(sys.stdout):
        return None
    return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns or DEFAULT_WIDTH


def _is_terminal(stream: object) -> bool:
    try:
        return bool(stream is not None and stream.isatty())  # type: ignore[attr-defined]
    except (OSError, ValueError, AttributeError):  # closed, detached, or no stream
        return False


def wrapped(line: str, width: int | None) -> list[str]:
    """``line`` wrapped at ``width`` (:func:`wecb.core.table.wrap_note`); ``None``: whole."""
    return [line] if width is None else wrap_note(line, width)


def _tables(result: Tabular | Sequence[Table], chosen: int | None) -> tuple[Table, ...]:
    tables = tuple(result.tables()) if isinstance(result, Tabular) else tuple(result)
    if not chosen:
        return tables
    if chosen > len(tables):
        raise ValidationError.not_accepted(
            "--table", chosen, f"a table from 1 to {len(tables)} (this output has {len(tables)})"
        )
    return (tables[chosen - 1],)


def emit(
    out: TextIO,
    args: argparse.Namespace,
    result: Tabular | Sequence[Table],
    *,
    command: str = "",
    lines: Sequence[str] = (),
    text: str | None = None,
    source: object = None,
) -> None:
    """Write ``result`` (a result's tables, or tables) to ``out`` in ``args.format``, then
    ``lines`` (the command's own: headlines, defaults). ``text``, when given, is printed in
    the table format instead of the tables (a screen laid out by the command itself),
    unless ``--table N`` chooses one of them. The
    JSON lists the assumptions of ``source`` (default: ``result``)."""
    fmt = getattr(args, "format", "table") or "table"
    source = result if source is None else source
    tables = _tables(result, getattr(args, "table", None))
    if fmt == "json":
        out.write(output_json(tables, source, command=command, lines=lines))
        return
    lines = [*_unstated(tables, source), *lines]
    if fmt == "csv":
        out.write(output_csv(tables, lines))
    else:
        width = width_of(args)
        if text is None or getattr(args, "table", None):
            text = "\n\n".join(table.to_text(width=width) for table in tables)
        body = [part for line in lines for part in wrapped(line, width)]
        out.write(text + ("\n\n" + "\n".join(body) if body else "") + "\n")


def _unstated(tables: Sequence[Table], source: object) -> tuple[str, ...]:
    """The assumptions of ``source`` that no note of ``tables`` states, as notes: every
    result states its assumptions in every form."""
    if isinstance(source, Sequence):
        return ()
    stated = {note for table in tables for note in table.notes}
    return assumption_notes(a for a in assumptions_of(source) if f"  - {a}" not in stated)


def output_document(
    fmt: str, tables: Sequence[Table], source: object, command: str, lines: Sequence[str]
) -> str:
    """The JSON or CSV document (``fmt``) of ``tables``, the assumptions of ``source``
    and ``lines``."""
    if fmt == "json":
        return output_json(tables, source, command=command, lines=lines)
    return output_csv(tables, [*_unstated(tables, source), *lines])


def write_file(path: str, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` whole or not at all: to a new file beside it,
    then renamed over it."""
    target = os.path.abspath(path)
    handle, temporary = tempfile.mkstemp(
        prefix=".wecb-", suffix=".tmp", dir=os.path.dirname(target)
    )
    try:
        os.chmod(temporary, _mode(target))
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _mode(path: str) -> int:
    """The permissions of the file at ``path``, else those a new file gets."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _decimal(value: Decimal) -> str:
    return format(value.copy_abs() if value.is_zero() else value, "f")


def _fraction(value: Fraction) -> str:
    """Exact decimal text when the fraction has one, else ``numerator/denominator``."""
    denominator, places = value.denominator, 0
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    if denominator != 1:
        return f"{value.numerator}/{value.denominator}"
    while (value * 10**places).denominator != 1:
        places += 1
    return _decimal(Decimal(value.numerator * 10**places // value.denominator).scaleb(-places))


def json_cell(value: object) -> object:  # noqa: PLR0911 - one return per kind of cell
    """A cell as the JSON document holds it: exact, never a float.

    >>> json_cell(Money("-5.50")), json_cell(Decimal("2.720")), json_cell(Fraction(1, 3))
    ({'amount': '-5.50', 'currency': 'GBP'}, '2.720', '1/3')
    >>> json_cell(FinancialYear(2013)), json_cell(None), json_cell(7)
    ('2013/14', None, 7)
    """
    if isinstance(value, enum.Enum):
        raw = value.value
        return raw if isinstance(raw, str | int) and not isinstance(raw, bool) else str(raw)
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, Money):
        return {"amount": _decimal(value.amount), "currency": value.currency}
    if isinstance(value, Decimal):
        return _decimal(value)
    if isinstance(value, Fraction):
        return _fraction(value)
    if isinstance(value, OpenPeriod):
        return value.label
    if isinstance(value, datetime.date | FinancialYear):
        return value.isoformat() if isinstance(value, datetime.date) else str(value)
    if isinstance(value, float):
        raise ValidationError(f"cell {value!r} is a float; the output holds exact values")
    return str(value)


def _table_json(table: Table) -> dict[str, object]:
    keys = [c.key for c in table.columns]

    def row(cells: Sequence[object]) -> dict[str, object]:
        return {k: json_cell(c) for k, c in zip(keys, cells, strict=True)}

    return {
        "title": table.title,
        "columns": [{"key": c.key, "header": c.header} for c in table.columns],
        "rows": [row(r) for r in table.rows],
        "kinds": list(table.kinds) or ["group"] * len(table.rows),
        "footer": None if table.footer is None else row(table.footer),
        "notes": list(table.notes),
    }


def output_json(
    tables: Sequence[Table], result: object, *, command: str, lines: Sequence[str]
) -> str:
    """The JSON document of ``tables`` (see ``output.schema.json``), the assumptions of
    ``result`` (when it states them) and ``lines``; control characters as JSON escapes."""
    assumptions = () if isinstance(result, Sequence) else assumptions_of(result)
    document = {
        "wecb": wecb.__version__,
        "command": command,
        "tables": [_table_json(t) for t in tables],
        "assumptions": [
            {"name": a.name, "value": a.value, "source": a.source, "verified": a.verified}
            for a in assumptions
        ],
        "notes": list(lines),
    }
    text = json.dumps(document, indent=2, ensure_ascii=False)
    # What would control a terminal is written as a JSON escape: valid JSON, safe to show.
    return _json_escaped(text) + "\n"


def _json_escaped(text: str) -> str:
    if escaped(text) == text:
        return text
    return "".join(c if escaped(c) == c else f"\\u{ord(c):04x}" for c in text)


def _csv_text(value: object) -> str:
    """A CSV cell: money and numbers as exact plain text, other cells as the JSON holds
    them; text a spreadsheet would run as a formula after a quote."""
    cell = json_cell(value)
    if isinstance(cell, dict):
        return str(cell["amount"])
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    text = str(cell)
    if isinstance(value, str) and _FORMULA.match(text) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def _header(table: Table, index: int) -> str:
    cells = [
        row[index] for row in (*table.rows, *(() if table.footer is None else (table.footer,)))
    ]
    currencies = {c.currency for c in cells if isinstance(c, Money)}
    money = currencies and all(c is None or isinstance(c, Money) for c in cells)
    key = table.columns[index].key
    return f"{key} ({currencies.pop()})" if money and len(currencies) == 1 else key


def output_csv(tables: Sequence[Table], lines: Sequence[str]) -> str:
    """``tables`` as CSV blocks (RFC 4180), then ``lines`` as ``#note`` records."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for number, table in enumerate(tables, start=1):
        writer.writerow([_MARK_TABLE, str(number), _csv_text(table.title)])
        writer.writerows([_MARK_NOTE, _csv_text(note)] for note in table.notes)
        writer.writerow(["kind", *(_header(table, i) for i in range(len(table.columns)))])
        kinds = list(table.kinds) or ["group"] * len(table.rows)
        for kind, row in zip(kinds, table.rows, strict=True):
            writer.writerow([kind, *map(_csv_text, row)])
        if table.footer is not None:
            writer.writerow(["total", *map(_csv_text, table.footer)])
    writer.writerows([_MARK_NOTE, _csv_text(line)] for line in lines)
    return buffer.getvalue()
