"""The one exception hierarchy of wecb.

Every error the library raises on bad input is a :class:`WecbError`. Where
Python convention expects a built-in type as well (a float passed as money is a
``TypeError``; a malformed value is a ``ValueError``), the wecb class inherits
from both, so ``except WecbError`` and ``except TypeError`` both catch it.
"""

from __future__ import annotations

__all__ = [
    "AllocationError",
    "AppraisalError",
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
    "ValidationError",
    "WecbError",
    "WecbTypeError",
]


class WecbError(Exception):
    """Base class of every error raised by wecb."""


class WecbTypeError(WecbError, TypeError):
    """A value of the wrong type was given (for example ``None`` or a ``bool`` as money)."""


class FloatNotAllowedError(WecbTypeError):
    """A float reached a place that holds exact money or an exact magnitude."""


class MoneyError(WecbError, ValueError):
    """A money amount is invalid (NaN, infinite, too precise, ...)."""


class CurrencyMismatchError(MoneyError):
    """Two amounts of different currencies were combined or compared."""


class AllocationError(MoneyError):
    """An amount could not be split over the given weights."""


class ParseError(WecbError, ValueError):
    """Text could not be read as the value asked for (money, rate, year, ...)."""


class UnitError(WecbError, ValueError):
    """A quantity has the wrong dimensionality or unit for what was asked."""


class PeriodError(WecbError, ValueError):
    """A financial year or open period is invalid or out of range."""


class ValidationError(WecbError, ValueError):
    """A field of a model object holds a value it cannot take."""


class StageGateError(WecbError, ValueError):
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


class RollupError(WecbError, ValueError):
    """A rollup was asked for an unknown dimension or an impossible operation."""


class AppraisalError(WecbError, ValueError):
    """An appraisal input (rate, schedule, horizon, adjustment) is invalid."""


class ReconciliationError(WecbError, ValueError):
    """A reconciliation check was defined inconsistently."""


class ExportError(WecbError, ValueError):
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
