"""Rows into typed columns (private to wecb): the first step of the frames engine in
:mod:`wecb.core._frames`. Each column's kind comes from its cells, never from its name
(the rules are in :mod:`wecb.io.frames`):

* **money**: every cell :class:`~wecb.core.money.Money` or empty, one currency;
* **int**, **decimal**: plain numbers (``int`` that fits ``int64``; else ``Decimal``,
  ``Fraction``, ``int``), never ``bool``;
* **period**: :class:`~wecb.core.periods.FinancialYear` or
  :class:`~wecb.core.periods.OpenPeriod` cells, or text that is all financial-year labels
  (``"2012/13"``) and open-period keys (``"further_implementation"``) with at least one
  year, as results' rows give them; ordered financial years first, then open buckets;
* **bool**, **date**, **text** (an enumeration as its value), **null** (every cell empty);
* a column mixing kinds (an appraisal's rows put money, ratios and the payback year in one
  column) is **text**, each cell its exact plain text. Floats are refused.
"""

from __future__ import annotations

import datetime
import enum
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Final, Literal, TypeAlias

import attrs

from wecb.core.money import Money
from wecb.core.periods import FinancialYear, OpenPeriod, period_sort_key
from wecb.errors import ExportError, FloatNotAllowedError, WecbTypeError

__all__ = ["ColumnKind", "FrameColumn", "frame_columns"]

_YEAR_LABEL: Final = re.compile(r"[0-9]{4}/[0-9]{2}")
_OPEN_KEY: Final = re.compile(r"[a-z0-9_]+")
#: What a frame column holds.
ColumnKind: TypeAlias = Literal[
    "money", "int", "decimal", "period", "bool", "date", "text", "null"
]


@attrs.frozen
class FrameColumn:
    """One typed column: its name, kind, cells (amounts for money) and, for a money
    column, its currency; for a period column, its labels in order."""

    name: str
    kind: ColumnKind
    cells: tuple[object, ...]
    currency: str | None = None
    order: tuple[str, ...] = ()


def _period_label(cell: object) -> str:
    return cell.key if isinstance(cell, OpenPeriod) else str(cell)


def _is_year_label(text: str) -> bool:
    if not _YEAR_LABEL.fullmatch(text):
        return False
    start = int(text[:4])
    return (start + 1) % 100 == int(text[5:])


def _period_order(cells: Sequence[object]) -> tuple[str, ...] | None:
    """The labels of a period column in order (years, then open buckets), or None when the
    cells are not all periods (objects, or year labels and open-period keys)."""
    present = [c for c in cells if c is not None and c != ""]
    if not present:
        return None
    if all(isinstance(c, FinancialYear | OpenPeriod) for c in present):
        years = sorted({c for c in present if isinstance(c, FinancialYear)}, key=period_sort_key)
        buckets = sorted({c for c in present if isinstance(c, OpenPeriod)}, key=period_sort_key)
        return tuple(dict.fromkeys(_period_label(c) for c in [*years, *buckets]))
    if not all(isinstance(c, str) for c in present):
        return None
    texts = [str(c) for c in present]
    year_labels = sorted({t for t in texts if _is_year_label(t)})
    if not year_labels or not all(_is_year_label(t) or _OPEN_KEY.fullmatch(t) for t in texts):
        return None
    return (*year_labels, *dict.fromkeys(t for t in texts if not _is_year_label(t)))


def _plain(cell: object, where: str) -> object:
    """An enumeration as its value, a float refused, anything else as it is."""
    if isinstance(cell, enum.Enum):
        raw = cell.value
        return raw if isinstance(raw, str | int) and not isinstance(raw, bool) else str(raw)
    if isinstance(cell, float):
        raise FloatNotAllowedError(
            f"{where}: cell {cell!r} is a float; frames hold exact values (Money, Decimal, "
            "int, text)"
        )
    return cell


def _text(cell: object) -> str | None:
    if cell is None:
        return None
    if isinstance(cell, Money):
        cell = cell.amount
    if isinstance(cell, Decimal):
        return format(cell, "f")
    if isinstance(cell, OpenPeriod):
        return cell.key
    if isinstance(cell, bool):
        return "true" if cell else "false"
    return str(cell)


def _is_number(cell: object) -> bool:
    return isinstance(cell, Decimal | Fraction | int) and not isinstance(cell, bool)


def _int64(cell: object) -> bool:
    return isinstance(cell, int) and not isinstance(cell, bool) and -(2**63) <= cell < 2**63


def _plain_kind(present: Sequence[object]) -> ColumnKind:
    """The kind of a column that is neither money nor periods, from its present cells."""
    if all(isinstance(c, bool) for c in present):
        return "bool"
    if all(isinstance(c, datetime.date) and not isinstance(c, datetime.datetime) for c in present):
        return "date"
    if all(_int64(c) for c in present):
        return "int"
    return "decimal" if all(_is_number(c) for c in present) else "text"


def _kind(name: str, cells: Sequence[object]) -> FrameColumn:
    present = [c for c in cells if c is not None]
    if not present:
        return FrameColumn(name, "null", tuple(cells))
    money = [c for c in present if isinstance(c, Money)]
    if len(money) == len(present):
        found = sorted({c.currency for c in money})
        if len(found) > 1:
            raise ExportError(
                f"column {name!r} mixes currencies ({', '.join(found)}); give each currency "
                "its own column"
            )
        amounts = tuple(c.amount if isinstance(c, Money) else None for c in cells)
        return FrameColumn(name, "money", amounts, currency=found[0])
    order = _period_order(cells)
    if order is not None:
        labels = tuple(None if c is None or c == "" else _period_label(c) for c in cells)
        return FrameColumn(name, "period", labels, order=order)
    kind = _plain_kind(present)
    if kind == "decimal":
        for cell in present:
            if isinstance(cell, Decimal) and not cell.is_finite():
                raise ExportError.not_accepted(f"column {name!r}", cell, "a finite number")
    if kind == "text":
        return FrameColumn(name, kind, tuple(_text(c) for c in cells))
    return FrameColumn(name, kind, tuple(cells))


def frame_columns(
    rows: Iterable[Mapping[str, object]],
    *,
    columns: Sequence[str] | None = None,
    money: Mapping[str, str] | None = None,
) -> list[FrameColumn]:
    """The typed columns of ``rows`` (see the module notes): ``columns`` chooses and orders
    them (default: every key, first seen first); ``money`` maps a column of bare amounts
    (``Decimal`` or ``int``) to its currency."""
    listed = [dict(row) for row in rows]
    if columns is None:
        names: dict[str, None] = {}
        for row in listed:
            names.update(dict.fromkeys(row))
        columns = list(names)
    out = []
    for name in columns:
        if not isinstance(name, str):
            raise WecbTypeError.not_accepted("a frame's column name", name, "text")
        cells = [_plain(row.get(name), f"column {name!r}") for row in listed]
        currency = None if money is None else money.get(name)
        if currency is not None:
            cells = [
                Money(c, currency) if isinstance(c, Decimal | int) and _is_number(c) else c
                for c in cells
            ]
        out.append(_kind(name, cells))
    return out
