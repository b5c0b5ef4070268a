"""The columns of exported rows (private to :mod:`wecb.io`): which columns there are, which
hold money and in what currency, their ``name (CUR)`` headers, and exact decimal text.

Shared by the CSV and JSON rows (:mod:`wecb.io.rows`), the ``.xlsx`` workbook
(:mod:`wecb.io.workbooks`) and the DataFrame (:mod:`wecb.io.frames`); moved here from
``wecb.io.rows``, where these helpers were private, with the reading of money headers and
amounts back from CSV.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Final

from wecb.core.money import Money
from wecb.errors import ExportError, ParseError, excerpt

__all__ = [
    "MONEY_HEADER",
    "column_names",
    "decimal_text",
    "exact_amount",
    "money_columns",
    "money_header",
    "read_money_headers",
]

#: A money column's header: its name, a space, then its currency code in brackets.
MONEY_HEADER: Final = re.compile(r"(?P<name>.*\S) \((?P<currency>[A-Z]{3})\)")


def column_names(rows: Sequence[Mapping[str, object]], columns: Sequence[str] | None) -> list[str]:
    """``columns`` if given, else every key of the rows in first-seen order."""
    if columns is not None:
        return list(columns)
    keys: dict[str, None] = {}
    for row in rows:
        keys.update(dict.fromkeys(row))
    return list(keys)


def money_columns(rows: Sequence[Mapping[str, object]], columns: list[str]) -> dict[str, str]:
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
        if column not in currencies and MONEY_HEADER.fullmatch(column):
            raise ExportError(
                f"column name {column!r} looks like a money header 'name (CUR)' but its cells "
                "are not money; rename it"
            )
    return currencies


def money_header(name: str, currencies: Mapping[str, str]) -> str:
    """The header of column ``name``: ``name (CUR)`` for a money column, else ``name``."""
    return f"{name} ({currencies[name]})" if name in currencies else name


def decimal_text(value: Decimal) -> str:
    """``value`` as plain decimal text: every digit, no exponent, no grouping."""
    # A negative zero (minus a zero column) is written as 0: equal, and less surprising.
    return format(value.copy_abs() if value.is_zero() else value, "f")


def read_money_headers(header: Sequence[str]) -> tuple[list[str], dict[int, str]]:
    """The column names of a CSV ``header`` and the currency of each money column (by
    index): the inverse of :func:`money_header`."""
    names: list[str] = []
    currencies: dict[int, str] = {}
    for index, title in enumerate(header):
        match = MONEY_HEADER.fullmatch(title)
        if match:
            currencies[index] = match["currency"]
        names.append(match["name"] if match else title)
    return names, currencies


def exact_amount(text: str, currency: str, where: str) -> Money:
    """The money that plain decimal ``text`` in a money column at ``where`` holds: the
    inverse of :func:`decimal_text`."""
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", text):
        raise ParseError(
            f"{where}: {excerpt(text)} is not an exact amount; expected plain decimal text "
            "such as '-150309000' or '12.50'"
        )
    return Money(value, currency)
