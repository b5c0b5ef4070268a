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
``repr``, so that a huge input never makes a huge message.
"""

from __future__ import annotations

from typing import Final, TypeVar

__all__ = [
    "EXCERPT_CHARS",
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
    "excerpt",
]

#: The longest quote of an offending value in a message (its ``repr``, cut with ``...``).
EXCERPT_CHARS: Final = 120

_E = TypeVar("_E", bound="WecbError")


def excerpt(value: object) -> str:
    """``repr(value)``, cut to :data:`EXCERPT_CHARS` characters with ``...`` and a count.

    >>> excerpt("x" * 500)[-24:]
    'xxxx... (502 characters)'
    """
    try:
        text = repr(value)
    except Exception:  # a hostile __repr__ must not hide the real error
        return f"<{type(value).__name__}>"
    if len(text) <= EXCERPT_CHARS:
        return text
    return f"{text[:EXCERPT_CHARS]}... ({len(text)} characters)"


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
    """A programme's graph is inconsistent; ``problems`` lists every problem found."""

    def __init__(self, problems: list[str] | tuple[str, ...]) -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        count = len(self.problems)
        head = f"programme is inconsistent ({count} problem{'s' if count != 1 else ''})"
        super().__init__(head + "".join(f"\n  - {p}" for p in self.problems))

    # Pickled (multiprocessing, caches) through the constructor's own arguments: the
    # default would pass the formatted message back in as the list of problems.
    def __reduce__(self) -> tuple[type[ProgrammeError], tuple[tuple[str, ...]]]:
        return (type(self), (self.problems,))


class LoadError(WecbError, ValueError):
    """A programme file could not be loaded; names the file, the entry and the field.

    ``problems`` lists every problem found when there are several (for example each
    inconsistency of the programme's graph); ``message`` describes the first or all.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        entry: str | None = None,
        field: str | None = None,
        problems: list[str] | tuple[str, ...] = (),
    ) -> None:
        self.path = path
        self.entry = entry
        self.field = field
        self.problems: tuple[str, ...] = tuple(problems)
        where = ", ".join(
            part
            for part in (
                f"file {path!r}" if path is not None else "",
                f"entry {entry!r}" if entry is not None else "",
                f"field {field!r}" if field is not None else "",
            )
            if part
        )
        self.message = message
        super().__init__(f"{where}: {message}" if where else message)

    def __reduce__(self) -> tuple[object, ...]:
        # The default would rebuild from the formatted message and lose path, entry, field.
        fields = {"path": self.path, "entry": self.entry, "field": self.field}
        return (_load_error, (type(self), self.message, fields, self.problems))


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
) -> LoadError:
    return cls(message, problems=problems, **fields)
