"""Rows out to CSV or JSON and back, exactly; the plain cells every export holds.

Every export takes *rows*: an iterable of mappings, or any object with a ``rows()`` method
(a rollup, an appraisal, a sharing outcome, a reconciliation). Cells are normalised by
:func:`plain_cell`: money stays :class:`~wecb.core.money.Money`; text, ``Decimal``, ``int``,
``bool`` and ``None`` stay as they are (a ``Fraction`` becomes its exact ``Decimal``); a
financial year becomes ``"2012/13"`` and an open period its key (as in programme files); an
enumeration its value. Floats are refused.

Which cells are money is never guessed: a ``Money`` cell is money (a ``(GBP)`` header in CSV,
a currency format in xlsx), and a ``Decimal`` or ``int`` cell is a plain number, so a ratio
such as a benefit-cost ratio is written as a number, never as pounds.

How each format keeps money exact:

* **CSV** (RFC 4180, CRLF line ends, UTF-8): a money column's header names its currency,
  ``net (GBP)``, and its cells hold the exact amount as plain decimal text
  (``-150309000``, ``12.50``): no symbol, no grouping, no rounding, so a spreadsheet reads
  them as numbers. :func:`parse_csv` turns
  such columns back into ``Money``; every other cell comes back as text (``None`` for an
  empty cell), so ``str`` and ``Money`` cells round-trip exactly.
* **JSON**: money is ``{"amount": "-150309000", "currency": "GBP"}`` with the amount as a
  string (JSON numbers are floats to most readers); ``Decimal`` cells are strings too.
  :func:`parse_json` turns the money objects back into ``Money``.
* **DataFrames** (extras ``pandas``, ``arrow``, ``polars``): :func:`~wecb.io.frames.to_pandas`,
  ``to_arrow`` and ``to_polars`` in :mod:`wecb.io.frames` (money as exact decimals).
* **xlsx** (extra ``xlsx``): :func:`~wecb.io.workbooks.write_xlsx` in
  :mod:`wecb.io.workbooks` (numeric cells, checked to survive a spreadsheet's doubles).

Both moved out of this module; :mod:`wecb.io` re-exports them, and the column helpers the
formats share are in the private ``wecb.io._columns``.

>>> from wecb.core.money import Money
>>> rows = [{"project": "FBC2", "net": Money("-150309000")}, {"project": "FBC3", "net": None}]
>>> to_csv(rows).splitlines()
['project,net (GBP)', 'FBC2,-150309000', 'FBC3,']
>>> parse_csv(to_csv(rows)) == rows
True

**Safe cells** (OWASP "CSV injection"): a text cell or header that begins with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return and is not a plain number (``-87,587``,
``-2.5%``) would run as a formula in a spreadsheet; CSV writes it after a single quote
(xlsx marks it with the cell's quote prefix). Text that begins with quotes followed by one
of those characters (``'=x``) gets one more, and :func:`parse_csv` takes one quote off
every such cell, so a file wecb wrote reads back exactly (a file from elsewhere holding
``'=x`` reads as ``=x``). Money and number cells are never touched. ``safe_cells=False``
writes and reads the raw text, for tools that need it (``wecb export --raw-cells``):

>>> text = to_csv([{"label": "=1+1", "note": "'=x", "net": Money("-5")}])
>>> text.splitlines()[1]
"'=1+1,''=x,-5"
>>> parse_csv(text)[0]
{'label': '=1+1', 'note': "'=x", 'net': Money('-5', 'GBP')}
>>> to_csv([{"label": "=1+1"}], safe_cells=False).splitlines()[1]
'=1+1'

Every export also writes the assumptions the rows carry (a result's ``assumptions()``, or
the :class:`~wecb.core.assumptions.ResultRows` its ``rows()`` gives); :func:`parse_csv` and
:func:`parse_json` give them back on the ``ResultRows`` they return. In **CSV** they are
records before the header whose first cell is ``#assumption``: one heading the block, then
one per assumption, its ``verified`` cell ``true`` or ``false`` (a ``false`` followed by
the warning, to show in a spreadsheet) and an empty ``source`` for none. **JSON** writes
``{"assumptions": [...], "rows": [...]}`` (the plain array when there are none), a
**DataFrame** has them in ``df.attrs["assumptions"]`` and a **workbook** on a sheet named
``Assumptions``. A malformed assumption is refused with its place and value.

>>> from wecb.core.assumptions import Assumption, ResultRows
>>> ob = Assumption(name="optimism bias", value="grade 3", source="CBA guidance",
...                 verified=False)
>>> print(to_csv(ResultRows(rows, assumptions=[ob])).replace("\\r\\n", "\\n"), end="")
#assumption,name,value,source,verified
#assumption,optimism bias,grade 3,CBA guidance,false,WARNING: not verified against its source
project,net (GBP)
FBC2,-150309000
FBC3,
>>> parse_csv(to_csv(ResultRows(rows, assumptions=[ob]))).assumptions == (ob,)
True
"""

from __future__ import annotations

import csv
import enum
import functools
import io
import json
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import TypeAlias

from wecb.core.assumptions import ResultRows, assumptions_of
from wecb.core.money import Money
from wecb.core.numbers import decimal
from wecb.core.periods import FinancialYear, OpenPeriod
from wecb.core.table import HasRows, records_of
from wecb.errors import ExportError, FloatNotAllowedError, ParseError, excerpt
from wecb.io._assumptions import (
    ASSUMPTION_MARKER,
    csv_assumption_records,
    json_assumptions,
    json_document,
    read_csv_assumptions,
)
from wecb.io._atomic import export_error, write_atomic
from wecb.io._columns import (
    column_names,
    decimal_text,
    exact_amount,
    money_columns,
    money_header,
    read_money_headers,
)
from wecb.io._formulas import neutralised, restored
from wecb.io._reading import (
    DEFAULT_MAX_BYTES,
    check_reader_text,
    csv_lines,
    file_name,
    json_surrogates,
    read_text,
)

__all__ = [
    "parse_csv",
    "parse_json",
    "plain_cell",
    "plain_rows",
    "read_csv",
    "read_json",
    "to_csv",
    "to_json",
    "write_csv",
    "write_json",
]

#: A cell after :func:`plain_cell`.
Cell: TypeAlias = str | Money | Decimal | int | bool | None
#: Rows: mappings of column name to cell, or an object with ``rows()``.
Rows: TypeAlias = HasRows | Iterable[Mapping[str, object]]


def plain_cell(value: object) -> Cell:  # noqa: PLR0911 - one return per cell type, in order
    """A cell as exports hold it (see the module notes).

    >>> plain_cell(FinancialYear(2012)), plain_cell(Decimal("1.50")), plain_cell(None)
    ('2012/13', Decimal('1.50'), None)
    >>> plain_cell(Fraction(11, 4))
    Decimal('2.75')
    >>> plain_cell(0.1)
    Traceback (most recent call last):
    ...
    wecb.errors.FloatNotAllowedError: cell 0.1 is a float; exports hold exact values ...
    """
    if value is None or isinstance(value, str | Money | Decimal | bool):
        return value
    if isinstance(value, enum.Enum):
        raw = value.value
        return raw if isinstance(raw, str | int) and not isinstance(raw, bool) else str(raw)
    if isinstance(value, int):
        return value
    if isinstance(value, Fraction):
        return _fraction_cell(value)
    if isinstance(value, float):
        raise FloatNotAllowedError(
            f"cell {value!r} is a float; exports hold exact values (Money, Decimal, int, text)"
        )
    if isinstance(value, FinancialYear):
        return str(value)
    if isinstance(value, OpenPeriod):
        return value.key
    return str(value)


def _fraction_cell(value: Fraction) -> Decimal:
    try:
        return decimal(value, what="cell", error=ExportError)
    except ExportError:
        raise ExportError.not_accepted(
            "cell",
            value,
            "a number with an exact decimal form; round the ratio to a Decimal first",
        ) from None


def plain_rows(data: Rows, *, money: Mapping[str, str] | None = None) -> ResultRows:
    """Rows with every cell normalised by :func:`plain_cell`, carrying the assumptions of
    ``data`` (see the module notes).

    Which cells are money is never guessed: a :class:`~wecb.core.money.Money` cell is money,
    and a ``Decimal``, ``Fraction`` or ``int`` cell is a plain number (a ratio such as a
    return on investment stays a number, whatever object the rows came from). ``money``
    maps column names to a currency for rows built with bare amounts: ``Decimal`` and
    ``int`` cells in those columns become ``Money``.

    >>> plain_rows([{"net": Decimal("5"), "bcr": Decimal("2.72")}], money={"net": "GBP"})
    [{'net': Money('5', 'GBP'), 'bcr': Decimal('2.72')}]
    """
    source = data.rows() if isinstance(data, HasRows) else data
    # The rows a result gives carry its assumptions; a result may also state them itself.
    assumptions = assumptions_of(source) or assumptions_of(data)
    out: list[dict[str, Cell]] = []
    for row in records_of(source):
        plain: dict[str, Cell] = {}
        for key, value in row.items():
            cell = plain_cell(value)
            currency = None if money is None else money.get(key)
            if (
                currency is not None
                and isinstance(cell, Decimal | int)
                and not isinstance(cell, bool)
            ):
                cell = Money(cell, currency)
            plain[key] = cell
        out.append(plain)
    return ResultRows(out, assumptions=assumptions)


# -- CSV -------------------------------------------------------------------------------------


def _csv_text(cell: object, text: Callable[[str], str]) -> str:
    if cell is None:
        return ""
    if isinstance(cell, str):
        return text(cell)
    if isinstance(cell, Money):
        return decimal_text(cell.amount)
    if isinstance(cell, Decimal):
        return decimal_text(cell)
    if isinstance(cell, bool):
        return "true" if cell else "false"
    return str(cell)


def to_csv(
    data: Rows,
    *,
    columns: Sequence[str] | None = None,
    money: Mapping[str, str] | None = None,
    safe_cells: bool = True,
) -> str:
    """The rows as CSV text, money columns headed ``name (CUR)``, after the assumptions
    the rows carry (see the module notes).

    ``columns`` chooses and orders the columns; ``money`` is as for :func:`plain_rows`.
    Text a spreadsheet would run as a formula is written after a quote unless
    ``safe_cells=False`` (see the module notes).
    """
    rows = plain_rows(data, money=money)
    names = column_names(rows, columns)
    currencies = money_columns(rows, names)
    header = [money_header(n, currencies) for n in names]
    text = neutralised if safe_cells else str
    if header[:1] == [ASSUMPTION_MARKER]:
        raise ExportError.not_accepted(
            "the first column's name",
            ASSUMPTION_MARKER,
            "another name, or another column first: a CSV record starting with it is an "
            "assumption",
        )
    out = io.StringIO()
    writer = csv.writer(out)  # RFC 4180: CRLF line ends, so a lone CR in text is quoted
    for record in csv_assumption_records(rows.assumptions):
        writer.writerow([record[0], *map(text, record[1:])])
    writer.writerow(map(text, header))
    for row in rows:
        writer.writerow(_csv_text(row.get(n), text) for n in names)
    return out.getvalue()


def write_csv(
    data: Rows,
    path: str | os.PathLike[str],
    *,
    columns: Sequence[str] | None = None,
    money: Mapping[str, str] | None = None,
    safe_cells: bool = True,
) -> Path:
    """Write :func:`to_csv` of the rows to ``path`` (UTF-8) atomically; returns the path.

    The file is replaced whole or not at all (see :func:`~wecb.io.files.save`); a failure
    raises :class:`~wecb.errors.ExportError` naming the file.
    """
    text = to_csv(data, columns=columns, money=money, safe_cells=safe_cells)
    return write_atomic(path, text, error=export_error)


def parse_csv(
    text: str, *, safe_cells: bool = True, max_bytes: int = DEFAULT_MAX_BYTES
) -> ResultRows:
    """Rows from CSV text written by :func:`to_csv`: ``name (CUR)`` columns as ``Money``,
    other cells as text, empty cells as ``None``, with the assumptions before the header.

    Text cells get back the text :func:`to_csv` neutralised (see the module notes);
    ``safe_cells=False`` reads every cell as it is. ``max_bytes`` bounds the text as for
    :func:`read_json`.

    >>> parse_csv("project,net (GBP)\\nFBC1,1.2.3\\n")
    Traceback (most recent call last):
    ...
    wecb.errors.ParseError: CSV row 1, column 'net (GBP)': '1.2.3' is not an exact amount; ...
    """
    check_reader_text(text, "csv", max_bytes)
    lines = csv_lines(text)
    # The records up to the header (assumptions, then the header) hold text only.
    before = ((n, [restored(c) for c in record]) for n, record in lines)
    assumptions, header = read_csv_assumptions(before if safe_cells else lines)
    if header is None:
        return ResultRows(assumptions=assumptions)
    names, currencies = read_money_headers(header)
    rows: list[dict[str, Cell]] = []
    for number, (_, record) in enumerate(lines, start=1):
        if len(record) != len(names):
            raise ParseError(
                f"CSV row {number} has {len(record)} cells, but the header has {len(names)}"
            )
        row: dict[str, Cell] = {}
        for index, (name, text_cell) in enumerate(zip(names, record, strict=True)):
            if text_cell == "":
                row[name] = None
            elif index in currencies:
                where = f"CSV row {number}, column {excerpt(header[index])}"
                row[name] = exact_amount(text_cell, currencies[index], where)
            else:
                row[name] = restored(text_cell) if safe_cells else text_cell
        rows.append(row)
    return ResultRows(rows, assumptions=assumptions)


def read_csv(
    path: str | os.PathLike[str], *, safe_cells: bool = True, max_bytes: int = DEFAULT_MAX_BYTES
) -> ResultRows:
    """:func:`parse_csv` of the file at ``path`` (UTF-8), read as :func:`read_json` reads."""
    parse = functools.partial(parse_csv, safe_cells=safe_cells, max_bytes=max_bytes)
    return _read(path, max_bytes, parse)


def _read(
    path: str | os.PathLike[str], max_bytes: int, parse: Callable[[str], ResultRows]
) -> ResultRows:
    name = file_name(path)
    text = read_text(name, max_bytes)
    try:
        return parse(text)
    except ParseError as exc:
        raise ParseError(f"{name!r}: {exc}") from None


# -- JSON ------------------------------------------------------------------------------------


def _json_cell(cell: object) -> object:
    if isinstance(cell, Money):
        return {"amount": decimal_text(cell.amount), "currency": cell.currency}
    if isinstance(cell, Decimal):
        return decimal_text(cell)
    return cell


def to_json(
    data: Rows,
    *,
    columns: Sequence[str] | None = None,
    money: Mapping[str, str] | None = None,
    indent: int | None = 2,
) -> str:
    """The rows as a JSON array of objects, money as ``{"amount": "...", "currency": ...}``;
    rows that carry assumptions as ``{"assumptions": [...], "rows": [...]}``."""
    rows = plain_rows(data, money=money)
    names = column_names(rows, columns)
    out = [{n: _json_cell(row.get(n)) for n in names} for row in rows]
    document = json_document(out, rows.assumptions)
    return json.dumps(document, indent=indent, ensure_ascii=False) + "\n"


def write_json(
    data: Rows,
    path: str | os.PathLike[str],
    *,
    columns: Sequence[str] | None = None,
    money: Mapping[str, str] | None = None,
    indent: int | None = 2,
) -> Path:
    """Write :func:`to_json` of the rows to ``path`` (UTF-8) atomically, as
    :func:`write_csv` does; returns the path."""
    text = to_json(data, columns=columns, money=money, indent=indent)
    return write_atomic(path, text, error=export_error)


def _from_json(value: object, where: str) -> Cell:
    if isinstance(value, dict):
        if set(value) == {"amount", "currency"}:
            amount, currency = value["amount"], value["currency"]
            if isinstance(amount, str) and isinstance(currency, str):
                try:
                    return Money(amount, currency)
                except (ValueError, TypeError) as exc:
                    raise ParseError(f"{where}: {excerpt(value)} is not money: {exc}") from None
        raise ParseError(
            f"{where}: {excerpt(value)} is not a cell; expected money or a plain value"
        )
    if value is None or isinstance(value, str | bool | int):
        return value
    raise ParseError(
        f"{where}: {excerpt(value)} is not a cell; numbers with a fraction must be text"
    )


def parse_json(text: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ResultRows:
    """Rows from JSON written by :func:`to_json`, money objects back as ``Money``: an array
    of rows, or an object of ``"assumptions"`` and ``"rows"``.

    Decimals come back as text (JSON keeps them as strings). ``max_bytes`` bounds the text
    as for :func:`read_json`.
    """
    check_reader_text(text, "json", max_bytes)
    try:
        document = json.loads(text, parse_float=_refuse_float)
    except json.JSONDecodeError as exc:
        raise ParseError(f"not JSON: {exc}") from None
    except RecursionError:
        raise ParseError("the JSON is nested too deeply to read (rows need two levels)") from None
    except ParseError:
        raise
    except ValueError as exc:
        # Python's int() refuses literals past 4300 digits (a plain ValueError).
        raise ParseError(f"a number in the JSON cannot be read: {exc}") from None
    json_surrogates(text, document)
    document, assumptions = json_assumptions(document)
    if not isinstance(document, list):
        raise ParseError(
            "expected a JSON array of row objects, or an object of 'assumptions' and 'rows'"
        )
    rows: list[dict[str, Cell]] = []
    for index, row in enumerate(document):
        if not isinstance(row, dict):
            raise ParseError(f"row {index} is not a JSON object")
        rows.append(
            {k: _from_json(v, f"row {index}, column {excerpt(k)}") for k, v in row.items()}
        )
    return ResultRows(rows, assumptions=assumptions)


def _refuse_float(text: str) -> object:
    raise ParseError(f"{text} is a JSON number with a fraction; exact values must be strings")


def read_json(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> ResultRows:
    """:func:`parse_json` of the file at ``path`` (UTF-8).

    The file is read as a programme file is (see :func:`~wecb.io.files.load`): a file that is
    missing, unreadable, not a regular file, over ``max_bytes`` or not UTF-8 is refused with
    a :class:`~wecb.errors.LoadError` naming it; what its text holds (more values than
    ``max_bytes`` allows, a lone surrogate, a malformed row) with a
    :class:`~wecb.errors.ParseError` naming the file.
    """
    return _read(path, max_bytes, functools.partial(parse_json, max_bytes=max_bytes))
