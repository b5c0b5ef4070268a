"""Rows out to CSV, JSON, a pandas DataFrame or an ``.xlsx`` workbook, exactly.

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
* **DataFrame** (extra ``pandas``): a money column holds ``Decimal`` objects (``object``
  dtype), not floats, so ``df["net"].sum()`` is exact; the currency of each money column is
  in ``df.attrs["currencies"]``. Convert to float yourself if you want speed over exactness.
* **xlsx** (extra ``xlsx``): money and numbers are numeric cells (not text), money with a
  currency number format. A spreadsheet holds IEEE doubles (about 15 significant digits),
  so :func:`write_xlsx` checks that each amount survives that and raises
  :class:`~wecb.errors.ExportError` otherwise (a present value with 28-digit factors, say):
  pass ``round_to="penny"`` to round money on purpose and ``places=`` for other decimals.

>>> from wecb.core.money import Money
>>> rows = [{"project": "FBC2", "net": Money("-150309000")}, {"project": "FBC3", "net": None}]
>>> to_csv(rows).splitlines()
['project,net (GBP)', 'FBC2,-150309000', 'FBC3,']
>>> parse_csv(to_csv(rows)) == rows
True
"""

from __future__ import annotations

import csv
import enum
import io
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from wecb._optional import require
from wecb.core.money import Money
from wecb.core.numbers import decimal
from wecb.core.periods import FinancialYear, OpenPeriod
from wecb.core.table import HasRows, records_of
from wecb.errors import ExportError, FloatNotAllowedError, ParseError
from wecb.io._reading import csv_lines

if TYPE_CHECKING:
    import pandas

__all__ = [
    "parse_csv",
    "parse_json",
    "plain_cell",
    "plain_rows",
    "read_csv",
    "read_json",
    "to_csv",
    "to_dataframe",
    "to_json",
    "write_csv",
    "write_json",
    "write_xlsx",
]

#: A cell after :func:`plain_cell`.
Cell: TypeAlias = str | Money | Decimal | int | bool | None
#: Rows: mappings of column name to cell, or an object with ``rows()``.
Rows: TypeAlias = HasRows | Iterable[Mapping[str, object]]

_MONEY_HEADER = re.compile(r"(?P<name>.*\S) \((?P<currency>[A-Z]{3})\)")
_XLSX_FORMATS = {"GBP": '"£"#,##0.00;-"£"#,##0.00', "EUR": '"€"#,##0.00;-"€"#,##0.00'}


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


def plain_rows(data: Rows, *, money: Mapping[str, str] | None = None) -> list[dict[str, Cell]]:
    """Rows with every cell normalised by :func:`plain_cell`.

    Which cells are money is never guessed: a :class:`~wecb.core.money.Money` cell is money,
    and a ``Decimal``, ``Fraction`` or ``int`` cell is a plain number (a ratio such as a
    return on investment stays a number, whatever object the rows came from). ``money``
    maps column names to a currency for rows built with bare amounts: ``Decimal`` and
    ``int`` cells in those columns become ``Money``.

    >>> plain_rows([{"net": Decimal("5"), "bcr": Decimal("2.72")}], money={"net": "GBP"})
    [{'net': Money('5', 'GBP'), 'bcr': Decimal('2.72')}]
    """
    out: list[dict[str, Cell]] = []
    for row in records_of(data):
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
    return out


def _columns(rows: list[dict[str, Cell]], columns: Sequence[str] | None) -> list[str]:
    if columns is not None:
        return list(columns)
    keys: dict[str, None] = {}
    for row in rows:
        keys.update(dict.fromkeys(row))
    return list(keys)


def _money_currencies(rows: list[dict[str, Cell]], columns: list[str]) -> dict[str, str]:
    """The currency of each money column; a column mixing money with anything else raises."""
    currencies: dict[str, str] = {}
    for column in columns:
        cells = [row.get(column) for row in rows]
        money = [c for c in cells if isinstance(c, Money)]
        if not money:
            continue
        others = [c for c in cells if c is not None and not isinstance(c, Money)]
        if others:
            raise ExportError(
                f"column {column!r} mixes money with other values (e.g. {others[0]!r}); "
                "put them in separate columns"
            )
        found = sorted({m.currency for m in money})
        if len(found) > 1:
            raise ExportError(
                f"column {column!r} mixes currencies ({', '.join(found)}); give each currency "
                "its own column"
            )
        currencies[column] = found[0]
    for column in columns:
        if column not in currencies and _MONEY_HEADER.fullmatch(column):
            raise ExportError(
                f"column name {column!r} looks like a money header 'name (CUR)' but its cells "
                "are not money; rename it"
            )
    return currencies


def _header(name: str, currencies: Mapping[str, str]) -> str:
    return f"{name} ({currencies[name]})" if name in currencies else name


def _plain_decimal(value: Decimal) -> str:
    # A negative zero (minus a zero column) is written as 0: equal, and less surprising.
    return format(value.copy_abs() if value.is_zero() else value, "f")


# -- CSV -------------------------------------------------------------------------------------


def _csv_text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, Money):
        return _plain_decimal(cell.amount)
    if isinstance(cell, Decimal):
        return _plain_decimal(cell)
    if isinstance(cell, bool):
        return "true" if cell else "false"
    return str(cell)


def to_csv(
    data: Rows,
    *,
    columns: Sequence[str] | None = None,
    money: Mapping[str, str] | None = None,
) -> str:
    """The rows as CSV text, money columns headed ``name (CUR)`` (see the module notes).

    ``columns`` chooses and orders the columns; ``money`` is as for :func:`plain_rows`.
    """
    rows = plain_rows(data, money=money)
    names = _columns(rows, columns)
    currencies = _money_currencies(rows, names)
    out = io.StringIO()
    writer = csv.writer(out)  # RFC 4180: CRLF line ends, so a lone CR in text is quoted
    writer.writerow(_header(n, currencies) for n in names)
    for row in rows:
        writer.writerow(_csv_text(row.get(n)) for n in names)
    return out.getvalue()


def write_csv(
    data: Rows,
    path: str | os.PathLike[str],
    *,
    columns: Sequence[str] | None = None,
    money: Mapping[str, str] | None = None,
) -> Path:
    """Write :func:`to_csv` of the rows to ``path`` (UTF-8); returns the path."""
    file = Path(path)
    file.write_text(to_csv(data, columns=columns, money=money), encoding="utf-8", newline="")
    return file


def parse_csv(text: str) -> list[dict[str, Cell]]:
    """Rows from CSV text written by :func:`to_csv`: ``name (CUR)`` columns as ``Money``,
    other cells as text, empty cells as ``None``.

    >>> parse_csv("project,net (GBP)\\nFBC1,1.2.3\\n")
    Traceback (most recent call last):
    ...
    wecb.errors.ParseError: CSV row 1, column 'net (GBP)': '1.2.3' is not an exact amount; ...
    """
    records = _csv_records(text)
    header = next(records, None)
    if header is None:
        return []
    names: list[str] = []
    currencies: dict[int, str] = {}
    for index, title in enumerate(header):
        match = _MONEY_HEADER.fullmatch(title)
        if match:
            currencies[index] = match["currency"]
            names.append(match["name"])
        else:
            names.append(title)
    rows: list[dict[str, Cell]] = []
    for number, record in enumerate(records, start=1):
        if len(record) != len(names):
            raise ParseError(
                f"CSV row {number} has {len(record)} cells, but the header has {len(names)}"
            )
        row: dict[str, Cell] = {}
        for index, (name, text_cell) in enumerate(zip(names, record, strict=True)):
            if text_cell == "":
                row[name] = None
            elif index in currencies:
                row[name] = _amount(
                    text_cell, currencies[index], f"column {header[index]!r}", number
                )
            else:
                row[name] = text_cell
        rows.append(row)
    return rows


def _amount(text: str, currency: str, where: str, number: int) -> Money:
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", text):
        raise ParseError(
            f"CSV row {number}, {where}: {text!r} is not an exact amount; expected plain "
            "decimal text such as '-150309000' or '12.50'"
        )
    return Money(value, currency)


def _csv_records(text: str) -> Iterator[list[str]]:
    for _, record in csv_lines(text):
        yield record


def read_csv(path: str | os.PathLike[str]) -> list[dict[str, Cell]]:
    """:func:`parse_csv` of the file at ``path`` (UTF-8); errors name the file."""
    return _read(path, parse_csv)


def _read(
    path: str | os.PathLike[str], parse: Callable[[str], list[dict[str, Cell]]]
) -> list[dict[str, Cell]]:
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ParseError(
            f"{str(file)!r}: not UTF-8 text (byte {exc.start}: {exc.reason})"
        ) from None
    try:
        return parse(text)
    except ParseError as exc:
        raise ParseError(f"{str(file)!r}: {exc}") from None


# -- JSON ------------------------------------------------------------------------------------


def _json_cell(cell: Cell) -> object:
    if isinstance(cell, Money):
        return {"amount": _plain_decimal(cell.amount), "currency": cell.currency}
    if isinstance(cell, Decimal):
        return _plain_decimal(cell)
    return cell


def to_json(
    data: Rows,
    *,
    columns: Sequence[str] | None = None,
    money: Mapping[str, str] | None = None,
    indent: int | None = 2,
) -> str:
    """The rows as a JSON array of objects, money as ``{"amount": "...", "currency": ...}``."""
    rows = plain_rows(data, money=money)
    names = _columns(rows, columns)
    out = [{n: _json_cell(row.get(n)) for n in names} for row in rows]
    return json.dumps(out, indent=indent, ensure_ascii=False) + "\n"


def write_json(
    data: Rows,
    path: str | os.PathLike[str],
    *,
    columns: Sequence[str] | None = None,
    money: Mapping[str, str] | None = None,
    indent: int | None = 2,
) -> Path:
    """Write :func:`to_json` of the rows to ``path`` (UTF-8); returns the path."""
    file = Path(path)
    text = to_json(data, columns=columns, money=money, indent=indent)
    file.write_text(text, encoding="utf-8")
    return file


def _from_json(value: object, where: str) -> Cell:
    if isinstance(value, dict):
        if set(value) == {"amount", "currency"}:
            amount, currency = value["amount"], value["currency"]
            if isinstance(amount, str) and isinstance(currency, str):
                try:
                    return Money(amount, currency)
                except (ValueError, TypeError) as exc:
                    raise ParseError(f"{where}: {value!r} is not money: {exc}") from None
        raise ParseError(f"{where}: {value!r} is not a cell; expected money or a plain value")
    if value is None or isinstance(value, str | bool | int):
        return value
    raise ParseError(f"{where}: {value!r} is not a cell; numbers with a fraction must be text")


def parse_json(text: str) -> list[dict[str, Cell]]:
    """Rows from JSON written by :func:`to_json`, money objects back as ``Money``.

    Decimals come back as text (JSON keeps them as strings).
    """
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
    if not isinstance(document, list):
        raise ParseError("expected a JSON array of row objects")
    rows: list[dict[str, Cell]] = []
    for index, row in enumerate(document):
        if not isinstance(row, dict):
            raise ParseError(f"row {index} is not a JSON object")
        rows.append({k: _from_json(v, f"row {index}, column {k!r}") for k, v in row.items()})
    return rows


def _refuse_float(text: str) -> object:
    raise ParseError(f"{text} is a JSON number with a fraction; exact values must be strings")


def read_json(path: str | os.PathLike[str]) -> list[dict[str, Cell]]:
    """:func:`parse_json` of the file at ``path`` (UTF-8); errors name the file."""
    return _read(path, parse_json)


# -- pandas ----------------------------------------------------------------------------------


def to_dataframe(
    data: Rows,
    *,
    columns: Sequence[str] | None = None,
    money: Mapping[str, str] | None = None,
) -> pandas.DataFrame:
    """The rows as a pandas DataFrame (extra ``pandas``) with exact ``Decimal`` money.

    Money columns hold ``Decimal`` amounts (``object`` dtype); their currencies are in
    ``df.attrs["currencies"]``. Other cells are as :func:`plain_cell` gives them.
    """
    pd = require("pandas", "pandas", "a DataFrame export")
    rows = plain_rows(data, money=money)
    names = _columns(rows, columns)
    currencies = _money_currencies(rows, names)
    table: dict[str, list[object]] = {}
    for name in names:
        cells: list[object] = []
        for row in rows:
            cell = row.get(name)
            cells.append(cell.amount if isinstance(cell, Money) else cell)
        table[name] = cells
    frame = pd.DataFrame({n: pd.Series(v, dtype=object) for n, v in table.items()}, columns=names)
    frame.attrs["currencies"] = dict(currencies)
    return frame


# -- xlsx ------------------------------------------------------------------------------------


def _fits_double(value: Decimal) -> bool:
    # A spreadsheet stores doubles: the value must survive the round trip through one.
    # float() here only tests representability; no amount is ever computed in float.
    return Decimal(repr(float(value))) == value


def _xlsx_number(cell: Decimal | int, where: str, hint: str) -> Decimal | int:
    if isinstance(cell, int):
        if abs(cell) > 2**53:
            raise ExportError(f"{where}: {cell} has too many digits for a spreadsheet number")
        return cell
    if not _fits_double(cell):
        raise ExportError(
            f"{where}: {_plain_decimal(cell)} has more digits than a spreadsheet number keeps "
            f"(about 15 significant digits); {hint}"
        )
    return cell


def _sheets(data: Rows | Mapping[str, Rows], sheet: str) -> dict[str, Rows]:
    if isinstance(data, Mapping):
        return {str(name): rows for name, rows in data.items()}
    return {sheet: data}


def write_xlsx(
    data: Rows | Mapping[str, Rows],
    path: str | os.PathLike[str],
    *,
    sheet: str = "rows",
    money: Mapping[str, str] | None = None,
    round_to: str | None = None,
    places: int | None = None,
) -> Path:
    """Write rows to an ``.xlsx`` workbook (extra ``xlsx``), numbers as numeric cells.

    ``data`` is rows (one sheet named ``sheet``) or a mapping of sheet name to rows.
    Money columns are headed ``name (CUR)`` as in CSV and formatted with the currency;
    ``round_to`` (``"penny"``, ``"pound"``, ...) rounds money and ``places`` other decimals
    before writing, both half-up and only when asked (see the module notes).
    """
    openpyxl = require("openpyxl", "xlsx", "writing .xlsx workbooks")
    styles = require("openpyxl.styles", "xlsx", "writing .xlsx workbooks")
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, source in _sheets(data, sheet).items():
        rows = plain_rows(source, money=money)
        names = _columns(rows, None)
        currencies = _money_currencies(rows, names)
        ws = workbook.create_sheet(title=title[:31])
        for col, name in enumerate(names, start=1):
            head = ws.cell(row=1, column=col, value=_header(name, currencies))
            head.font = styles.Font(bold=True)
        for number, row in enumerate(rows, start=2):
            for col, name in enumerate(names, start=1):
                where = f"sheet {title!r}, row {number}, column {name!r}"
                value = _xlsx_value(row.get(name), where, round_to, places)
                try:
                    cell = ws.cell(row=number, column=col, value=value)
                except ValueError as exc:  # openpyxl refuses control characters in text
                    raise ExportError(f"{where}: {exc}") from None
                if isinstance(value, str):
                    # Text is text: "=SUM(A1)" must not become a formula.
                    cell.data_type = "s"
        for index, name in enumerate(names, start=1):
            if name in currencies:
                fmt = _XLSX_FORMATS.get(currencies[name], f'#,##0.00 "{currencies[name]}"')
                for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
                    cell.number_format = fmt
            column = next(ws.iter_cols(min_col=index, max_col=index))
            width = max([len(str(c.value)) for c in column if c.value is not None] + [8])
            letter = ws.cell(row=1, column=index).column_letter
            ws.column_dimensions[letter].width = min(width + 2, 60)
        ws.freeze_panes = "A2"
    file = Path(path)
    workbook.save(file)
    return file


def _xlsx_value(cell: Cell, where: str, round_to: str | None, places: int | None) -> object:
    if isinstance(cell, Money):
        money = cell if round_to is None else cell.round(round_to)
        return _xlsx_number(money.amount, where, "pass round_to='penny' to round money")
    if isinstance(cell, Decimal):
        value = (
            cell if places is None else cell.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
        )
        return _xlsx_number(value, where, "pass places=N to round other decimals")
    if isinstance(cell, int) and not isinstance(cell, bool):
        return _xlsx_number(cell, where, "")
    return cell
