"""The cells of a programme workbook (private to :mod:`wecb.io`): what a cell holds, where
it is, and how each kind of column reads it exactly.

A cell holds what the spreadsheet file holds: text, a whole number, a double, a boolean, a
date, an error value (``#DIV/0!``) or nothing; a formula cell holds the value a spreadsheet
saved with it (its *cached* value), or nothing when no spreadsheet ever calculated it (a
workbook written by a program). A folder of CSV files holds text only.

Numbers are read exactly or not at all:

* a whole number is exact;
* a double is read as the shortest decimal that gives it back (the text a spreadsheet
  shows, ``repr`` in Python), and accepted only when that decimal has at most 15
  significant digits (what a spreadsheet keeps) and no more decimal places than the
  column's precision: the penny (2 places) in a column of pounds, 5 places in a column in
  £'000. Anything else (``0.30000000000000004`` from ``=0.1+0.2``, a third of a pound) is
  refused with the value it holds, never rounded;
* text is read with wecb's exact readers (:meth:`Money.parse <wecb.core.money.Money.parse>`,
  :meth:`Money.from_thousands <wecb.core.money.Money.from_thousands>`, ...).

>>> read_money(SheetCell(1234.5), "GBP", thousands=False)
Money('1234.5', 'GBP')
>>> read_money(SheetCell(1.5), "GBP", thousands=True)
Money('1500', 'GBP')
>>> read_money(SheetCell(0.1 + 0.2), "GBP", thousands=False)
Traceback (most recent call last):
...
wecb.io._sheet_cells.CellError: the cell holds the number 0.30000000000000004, which is not an \
amount to the penny ...
"""

from __future__ import annotations

import datetime
import enum
import re
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation
from typing import Final

import attrs

from wecb.core._decimal import trimmed
from wecb.core.money import Money
from wecb.core.periods import FinancialYear, OpenPeriod, Period, parse_period
from wecb.errors import WecbError, excerpt

__all__ = [
    "CellError",
    "CellPlace",
    "SheetCell",
    "column_letters",
    "read_bool",
    "read_cell_text",
    "read_date",
    "read_decimal",
    "read_enum",
    "read_int",
    "read_list",
    "read_money",
    "read_period",
    "read_year",
]

#: The significant digits a spreadsheet number keeps.
SPREADSHEET_DIGITS: Final = 15
_WHOLE: Final = re.compile(r"[+-]?[0-9]+")
_NUMBER: Final = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_DATE_HINT: Final = (
    "a spreadsheet turns some typed text into dates: type it as text (after an apostrophe, "
    "'2013/14) or format the column as Text"
)

CellValue = str | int | float | bool | datetime.datetime | datetime.date | datetime.time | None


class CellError(Exception):
    """What is wrong with a cell's value (the reader adds the place)."""


@attrs.frozen
class SheetCell:
    """A cell's value; ``formula`` is set when the value is a formula's saved result
    (``None`` then meaning that no result was saved); ``error`` for an error value."""

    value: CellValue
    formula: str | None = None
    error: bool = False

    @property
    def blank(self) -> bool:
        """Whether the cell holds nothing at all (no value, no formula)."""
        return self.formula is None and (
            self.value is None or (isinstance(self.value, str) and not self.value.strip())
        )

    def shown(self) -> str:
        """The value quoted for a message (with the formula, if any)."""
        value = excerpt(self.value)
        return value if self.formula is None else f"{value} (from the formula {self.formula})"


@attrs.frozen
class CellPlace:
    """Where a cell is: ``row`` is the spreadsheet's row number, ``column`` the header."""

    sheet: str
    row: int | None = None
    column: str | None = None
    index: int | None = None  # the column's position, from 1

    def __str__(self) -> str:
        parts = [f"sheet {self.sheet!r}"]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            letter = "" if self.index is None else f" ({column_letters(self.index)})"
            parts.append(f"column {excerpt(self.column)}{letter}")
        return ", ".join(parts)


def column_letters(index: int) -> str:
    """The spreadsheet's letters for the column at ``index`` (from 1).

    >>> column_letters(1), column_letters(26), column_letters(27), column_letters(703)
    ('A', 'Z', 'AA', 'AAA')
    """
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _value(cell: SheetCell, expected: str) -> CellValue:
    """The cell's value, refused when it is an error value or an uncalculated formula."""
    if cell.error:
        raise CellError(f"the cell holds the error value {cell.shown()}; expected {expected}")
    if cell.formula is not None and cell.value is None:
        raise CellError(
            f"the cell holds the formula {cell.formula} with no value saved with it (no "
            "spreadsheet has calculated it: a workbook written by a program has none); type "
            f"the value, or open and save the workbook in a spreadsheet; expected {expected}"
        )
    if isinstance(cell.value, datetime.date | datetime.time):
        raise CellError(
            f"the cell holds a date or time, {cell.shown()}; expected {expected} ({_DATE_HINT})"
        )
    return cell.value


def _exact_double(cell: SheetCell, value: float, places: int | None, what: str) -> Decimal:
    """The decimal a double holds as typed (see the module notes), or a :class:`CellError`."""
    text = repr(value)
    formula = "" if cell.formula is None else f" (from the formula {cell.formula})"
    if text in ("inf", "-inf", "nan"):
        raise CellError(f"the cell holds {text}, which is not {what}")
    number = Decimal(text)
    _, digits, exponent = trimmed(number).as_tuple()  # 1e15 is written 1000000000000000.0
    assert isinstance(exponent, int)  # finite
    significant = len(digits) if digits != (0,) else 1
    too_precise = places is not None and exponent < -places
    if significant > SPREADSHEET_DIGITS or too_precise:
        raise CellError(
            f"the cell holds the number {text}{formula}, which is not {what} as typed (a "
            "spreadsheet "
            f"number keeps {SPREADSHEET_DIGITS} significant digits"
            + ("" if places is None else f", and this column {places} decimal places")
            + "); round it in the sheet, or type the exact figure as text"
        )
    return number


def read_cell_text(cell: SheetCell) -> str:
    """Text as it is; a whole number stands for its digits (a key typed as ``5``)."""
    value = _value(cell, "text")
    if isinstance(value, bool | float):
        raise CellError(f"the cell holds the number {cell.shown()}; expected text")
    if isinstance(value, int):
        return str(value)
    assert isinstance(value, str)
    return value


def read_bool(cell: SheetCell) -> bool:
    """``TRUE`` or ``FALSE``: a boolean cell, or that text in any case."""
    value = _value(cell, "TRUE or FALSE")
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().upper() in ("TRUE", "FALSE"):
        return value.strip().upper() == "TRUE"
    raise CellError(f"the cell holds {cell.shown()}; expected TRUE or FALSE")


def read_int(cell: SheetCell) -> int:
    """A whole number: a number cell without a fraction, or its digits as text."""
    value = _value(cell, "a whole number")
    if isinstance(value, bool):
        raise CellError(f"the cell holds {cell.shown()}; expected a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        number = _exact_double(cell, value, 0, "a whole number")
        return int(number)
    assert isinstance(value, str)
    if _WHOLE.fullmatch(value.strip()) is None or len(value) > 40:
        raise CellError(f"the cell holds the text {cell.shown()}; expected a whole number")
    return int(value.strip())


def read_decimal(cell: SheetCell) -> Decimal:
    """An exact number: a whole number, a double as typed, or the number as text."""
    value = _value(cell, "a number")
    if isinstance(value, bool):
        raise CellError(f"the cell holds {cell.shown()}; expected a number")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return _exact_double(cell, value, None, "a number")
    assert isinstance(value, str)
    text = value.strip()
    if _NUMBER.fullmatch(text) is None or len(text) > 100:
        raise CellError(f"the cell holds the text {cell.shown()}; expected a number")
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        raise CellError(f"the cell holds {cell.shown()}; expected a number") from None


def read_money(cell: SheetCell, currency: str, *, thousands: bool) -> Money:
    """Money in ``currency``: in pounds (to the penny) or, when ``thousands``, in £'000 (to
    5 decimal places, the penny), from a number as typed or from text."""
    unit = "thousands (£'000)" if thousands else "pounds"
    what = "an amount in £'000 to the penny" if thousands else "an amount to the penny"
    value = _value(cell, f"money in {unit}")
    if isinstance(value, bool):
        raise CellError(f"the cell holds {cell.shown()}; expected money in {unit}")
    try:
        if isinstance(value, int):
            number = Decimal(value)
        elif isinstance(value, float):
            number = _exact_double(cell, value, 5 if thousands else 2, what)
        else:
            assert isinstance(value, str)
            if thousands:
                return Money.from_thousands(value, currency)
            return Money.parse(value, currency)
        return Money.from_thousands(number, currency) if thousands else Money(number, currency)
    except WecbError as exc:
        raise CellError(f"the cell holds {cell.shown()}: {exc}") from None


def read_enum(kind: type[enum.Enum]) -> Callable[[SheetCell], enum.Enum]:
    """A reader of one of ``kind``'s values (an integer enumeration's as numbers too)."""
    choices = ", ".join(repr(m.value) for m in kind)

    def read(cell: SheetCell) -> enum.Enum:
        value = _value(cell, f"one of {choices}")
        if isinstance(value, str) and issubclass(kind, int) and _WHOLE.fullmatch(value.strip()):
            value = int(value.strip())
        if isinstance(value, str | int) and not isinstance(value, bool):
            for member in kind:
                if member.value == value:
                    return member
        raise CellError(f"the cell holds {cell.shown()}; expected one of {choices}")

    return read


def read_year(cell: SheetCell) -> FinancialYear:
    """A financial year as text, ``2013/14``."""
    value = _value(cell, "a financial year as text such as '2013/14'")
    if isinstance(value, str):
        try:
            return FinancialYear.parse(value)
        except WecbError as exc:
            raise CellError(str(exc)) from None
    raise CellError(
        f"the cell holds {cell.shown()}; expected a financial year as text such as '2013/14'"
    )


def read_date(cell: SheetCell) -> datetime.date:
    """A day: a date cell (a date and time only at midnight) or text ``2014-05-31``."""
    value = cell.value
    if isinstance(value, datetime.datetime):
        if value.time() != datetime.time():
            raise CellError(f"the cell holds {cell.shown()}, a time of day; expected a date")
        return value.date()
    if isinstance(value, datetime.date) and not cell.error and cell.formula is None:
        return value
    value = _value(cell, "a date such as 2014-05-31")
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise CellError(f"the cell holds {cell.shown()}; expected a date such as 2014-05-31")


def read_period(periods: Iterable[OpenPeriod]) -> Callable[[SheetCell], Period]:
    """A reader of a financial year or the key of one of ``periods``."""
    known = tuple(periods)

    def read(cell: SheetCell) -> Period:
        value = _value(cell, "a financial year such as '2013/14' or an open period's key")
        if isinstance(value, str):
            try:
                return parse_period(value, known)
            except WecbError as exc:
                raise CellError(str(exc)) from None
        raise CellError(
            f"the cell holds {cell.shown()}; expected a financial year as text such as "
            "'2013/14', or an open period's key"
        )

    return read


def read_list(item: Callable[[SheetCell], object]) -> Callable[[SheetCell], tuple[object, ...]]:
    """A reader of items separated by commas (``ecc, ccgs``), each read by ``item``."""

    def read(cell: SheetCell) -> tuple[object, ...]:
        value = _value(cell, "items separated by commas")
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise CellError(f"the cell holds {cell.shown()}; expected items separated by commas")
        parts = [part.strip() for part in value.split(",")]
        if any(not part for part in parts):
            raise CellError(
                f"the cell holds {cell.shown()}, which has an empty item; expected items "
                "separated by single commas"
            )
        out = []
        for number, part in enumerate(parts, start=1):
            try:
                out.append(item(SheetCell(part)))
            except CellError as exc:
                raise CellError(f"item {number} of {cell.shown()}: {exc}") from None
        return tuple(out)

    return read


def date_in_header(value: object) -> str | None:
    """The message for a header that a spreadsheet turned into a date, else ``None``."""
    if isinstance(value, datetime.date | datetime.time):
        return f"the header is a date, {excerpt(value)}, not a financial year; {_DATE_HINT}"
    return None
