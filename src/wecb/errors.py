"""The one exception hierarchy of wecb.

Every error the library raises on bad input is a :class:`WecbError`. The class says what
kind of mistake was made, wherever it was made:

* a value of the wrong **type** is a :class:`WecbTypeError` (also a ``TypeError``), a float
  where an exact number belongs its :class:`FloatNotAllowedError`;
* a value of the right type that cannot be taken is a :class:`ValidationError` (also a
  ``ValueError``), or one of its subclasses, which say which kind of value it was
  (:class:`MoneyError`, :class:`PeriodError`, :class:`AppraisalError`, ...).

The two build their message from the offending value, so that raising is one line::

    raise ValidationError.not_accepted("Partner.key", "Essex CC", "a key")

>>> str(ValidationError.not_accepted("Partner.key", "Essex CC", "a key"))
"Partner.key: 'Essex CC' is not accepted; expected a key"
>>> str(WecbTypeError.not_accepted("Money.amount", None, "a Decimal, int or str"))
'Money.amount: None is not accepted; expected a Decimal, int or str'
>>> str(FloatNotAllowedError.not_accepted("Phasing weight", 0.5, "a Decimal"))
'Phasing weight: float 0.5 is not accepted (floats are inexact); expected a Decimal'

A value is quoted by :func:`excerpt`: at most :data:`EXCERPT_CHARS` characters of its
``repr``, so that a huge input never makes a huge message. An error that lists problems
keeps and lists at most :data:`MAX_PROBLEMS` of them, each cut to :data:`PROBLEM_CHARS`
characters (:func:`cut_text`), and counts the rest (:func:`problem_lines`):

>>> print(ProgrammeError([f"problem {n}" for n in range(1, 104)]))  # doctest: +ELLIPSIS
programme is inconsistent (103 problems)
  - problem 1
...
  - problem 100
  - ... and 3 more problems
"""

from __future__ import annotations

import reprlib
from collections.abc import Sequence
from typing import Final, TypeVar

__all__ = [
    "EXCERPT_CHARS",
    "MAX_PROBLEMS",
    "PROBLEM_CHARS",
    "AllocationError",
    "AppraisalError",
    "BeforeBaseYearError",
    "CurrencyMismatchError",
    "ExportError",
    "FloatNotAllowedError",
    "LoadError",
    "MissingExtraError",
    "MoneyError",
    "ParseError",
    "PeriodError",
    "ProgrammeError",
    "ReconciliationError",
    "RollupError",
    "StageGateError",
    "UnitError",
    "UnknownKeyError",
    "UnphasedPeriodError",
    "ValidationError",
    "WecbError",
    "WecbTypeError",
    "WorkbookError",
    "cut_text",
    "excerpt",
    "problem_lines",
]

#: The longest quote of an offending value in a message (its ``repr``, cut with ``...``).
EXCERPT_CHARS: Final = 120
#: The most problems one error keeps and lists; the rest are counted ("and N more"). A
#: reader stops collecting there, so that a file of a million bad entries costs no more.
MAX_PROBLEMS: Final = 100
#: The longest one listed problem may be (cut with ``...``).
PROBLEM_CHARS: Final = 500

_E = TypeVar("_E", bound="WecbError")


def excerpt(value: object) -> str:
    """``repr(value)``, cut to :data:`EXCERPT_CHARS` characters with ``...`` and a count.

    Text and containers are cut before they are quoted, so that a 60 MB value costs no more
    to quote than a short one.

    >>> excerpt("x" * 500)[-24:]
    'xxxx... (500 characters)'
    >>> excerpt(list(range(10**6)))[-20:]
    '... (1,000,000 items)'
    """
    try:
        if isinstance(value, str | bytes | bytearray) and len(value) > EXCERPT_CHARS:
            unit = "characters" if isinstance(value, str) else "bytes"
            return f"{repr(value[:EXCERPT_CHARS])[:EXCERPT_CHARS]}... ({len(value):,} {unit})"
        if isinstance(value, list | tuple | dict | set | frozenset) and len(value) > 8:
            text = _SHORT_REPR.repr(value)
            return f"{text[:EXCERPT_CHARS]}... ({len(value):,} items)"
        text = repr(value)
    except Exception:  # a hostile __repr__ must not hide the real error
        return f"<{type(value).__name__}>"
    if len(text) <= EXCERPT_CHARS:
        return text
    return f"{text[:EXCERPT_CHARS]}... ({len(text):,} characters)"


def _short_repr() -> reprlib.Repr:
    short = reprlib.Repr()
    short.maxlevel = 3
    short.maxstring = short.maxother = short.maxlong = EXCERPT_CHARS
    short.maxlist = short.maxtuple = short.maxdict = short.maxset = short.maxfrozenset = 40
    return short


_SHORT_REPR: Final = _short_repr()


def cut_text(text: str, limit: int = PROBLEM_CHARS) -> str:
    """``text`` itself up to ``limit`` characters, else its start, ``...`` and its length.

    >>> cut_text("x" * 600)[-26:]
    'xxxxxx... (600 characters)'
    """
    if len(text) <= limit:
        return text
    return f"{text[:limit]}... ({len(text):,} characters)"


def problem_lines(problems: Sequence[str], more: int = 0) -> str:
    """``problems`` one a line (``"\\n  - ..."``): at most :data:`MAX_PROBLEMS`, each cut to
    :data:`PROBLEM_CHARS` characters, then a line counting the rest and ``more`` others.

    >>> problem_lines(["a", "b"], more=3)
    '\\n  - a\\n  - b\\n  - ... and 3 more problems'
    """
    shown = problems[:MAX_PROBLEMS]
    rest = len(problems) - len(shown) + more
    text = "".join(f"\n  - {cut_text(p)}" for p in shown)
    if rest:
        text += f"\n  - ... and {rest:,} more problem{'s' if rest != 1 else ''}"
    return text


class WecbError(Exception):
    """Base class of every error raised by wecb."""

    @classmethod
    def not_accepted(cls: type[_E], where: str, value: object, expected: str) -> _E:
        """The error for ``where`` holding ``value`` when ``expected`` was wanted."""
        return cls(f"{where}: {excerpt(value)} is not accepted; expected {expected}")


class WecbTypeError(WecbError, TypeError):
    """A value of the wrong type was given (for example ``None`` or a ``bool`` as money)."""


class FloatNotAllowedError(WecbTypeError):
    """A float reached a place that holds exact money or an exact magnitude."""

    @classmethod
    def not_accepted(
        cls: type[FloatNotAllowedError], where: str, value: object, expected: str
    ) -> FloatNotAllowedError:
        return cls(
            f"{where}: float {excerpt(value)} is not accepted (floats are inexact); "
            f"expected {expected}"
        )


class ValidationError(WecbError, ValueError):
    """A value of the right type that cannot be taken (out of range, unknown key, ...)."""


class UnknownKeyError(ValidationError, KeyError):
    """A key names nothing that exists (a project, partner, period or dimension); the
    message lists the valid choices."""

    def __str__(self) -> str:
        # KeyError would quote the message; show it as written.
        return str(self.args[0]) if self.args else ""


class MoneyError(ValidationError):
    """A money amount is invalid (NaN, infinite, too precise, ...)."""


class CurrencyMismatchError(MoneyError):
    """Two amounts of different currencies were combined or compared."""


class AllocationError(MoneyError):
    """An amount could not be split over the given weights."""


class ParseError(ValidationError):
    """Text could not be read as the value asked for (money, rate, year, ...)."""


class UnitError(ValidationError):
    """A quantity has the wrong dimensionality or unit for what was asked."""


class PeriodError(ValidationError):
    """A financial year or open period is invalid or out of range."""


class StageGateError(ValidationError):
    """A project was moved between lifecycle stages without its stage gate."""


class ProgrammeError(WecbError, ValueError):
    """A programme's graph is inconsistent; ``problems`` lists the problems found (at most
    :data:`MAX_PROBLEMS`; ``more`` counts the others)."""

    def __init__(self, problems: Sequence[str], more: int = 0) -> None:
        self.problems: tuple[str, ...] = tuple(problems[:MAX_PROBLEMS])
        self.more = more + len(problems) - len(self.problems)
        count = len(self.problems) + self.more
        head = f"programme is inconsistent ({count:,} problem{'s' if count != 1 else ''})"
        super().__init__(head + problem_lines(self.problems, self.more))

    # Pickled (multiprocessing, caches) through the constructor's own arguments: the
    # default would pass the formatted message back in as the list of problems.
    def __reduce__(self) -> tuple[type[ProgrammeError], tuple[tuple[str, ...], int]]:
        return (type(self), (self.problems, self.more))


class LoadError(WecbError, ValueError):
    """A programme file could not be loaded; names the file, the entry and the field.

    ``problems`` lists the problems found when there are several (for example each
    inconsistency of the programme's graph), at most :data:`MAX_PROBLEMS` of them, and
    ``more`` counts the others; ``message`` describes the first or all.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        entry: str | None = None,
        field: str | None = None,
        problems: Sequence[str] = (),
        more: int = 0,
    ) -> None:
        self.path = path
        self.entry = entry
        self.field = field
        self.problems: tuple[str, ...] = tuple(problems[:MAX_PROBLEMS])
        self.more = more + len(problems) - len(self.problems)
        where = ", ".join(
            f"{label} {cut_text(repr(value))}"
            for label, value in (("file", path), ("entry", entry), ("field", field))
            if value is not None
        )
        self.message = message
        super().__init__(f"{where}: {message}" if where else message)

    def __reduce__(self) -> tuple[object, ...]:
        # The default would rebuild from the formatted message and lose path, entry, field.
        fields = {"path": self.path, "entry": self.entry, "field": self.field}
        return (_load_error, (type(self), self.message, fields, self.problems, self.more))


class WorkbookError(LoadError):
    """A workbook (or a folder of CSV files in its layout) could not be read as a programme.

    ``problems`` lists every problem found (at most :data:`MAX_PROBLEMS`; ``more`` counts the
    others), each naming its sheet, row, column and value; ``sheet``, ``row`` (1-based, as a
    spreadsheet numbers them) and ``column`` (the header's name) give the place of the
    first, each ``None`` where it has no such place (a sheet missing, say).
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
        problems: Sequence[str] = (),
        more: int = 0,
    ) -> None:
        self.sheet = sheet
        self.row = row
        self.column = column
        super().__init__(message, path=path, problems=problems, more=more)

    def __reduce__(self) -> tuple[object, ...]:
        place = (self.sheet, self.row, self.column)
        return (_workbook_error, (self.message, self.path, place, self.problems, self.more))


class RollupError(ValidationError):
    """A rollup was asked for an unknown dimension or an impossible operation."""


class AppraisalError(ValidationError):
    """An appraisal input (rate, schedule, horizon, adjustment) is invalid."""


class UnphasedPeriodError(AppraisalError):
    """A line falls in an open period that no phasing spreads over financial years."""


class BeforeBaseYearError(AppraisalError):
    """A line falls before the appraisal's base year (and that was not allowed)."""


class ReconciliationError(ValidationError):
    """A reconciliation check was defined inconsistently."""


class ExportError(ValidationError):
    """Rows could not be written or read back exactly (mixed column, unrepresentable value)."""


class MissingExtraError(WecbError, ImportError):
    """An optional dependency is not installed; the message names the extra to install."""


def _load_error(
    cls: type[LoadError],
    message: str,
    fields: dict[str, str | None],
    problems: tuple[str, ...],
    more: int = 0,
) -> LoadError:
    return cls(message, problems=problems, more=more, **fields)


def _workbook_error(
    message: str,
    path: str | None,
    place: tuple[str | None, int | None, str | None],
    problems: tuple[str, ...],
    more: int,
) -> WorkbookError:
    sheet, row, column = place
    return WorkbookError(
        message, path=path, sheet=sheet, row=row, column=column, problems=problems, more=more
    )
