"""cattrs hooks for wecb's core values (private to :mod:`wecb.io`), strict as files need.

Text, whole numbers, true/false, ``Decimal``, :class:`~wecb.core.money.Money`, financial
years, periods and open period definitions, and enumerations: each is read only from the
plain form :mod:`wecb.io._convert` describes (a number where text belongs is refused, never
converted; ``true`` is never ``1``; floats are refused with
:class:`~wecb.errors.FloatNotAllowedError`). :func:`register_values` puts the hooks on a
converter; :func:`wrong`, :func:`refuse_float` and :func:`extra_keys` are the error helpers
the converter's other hooks share, and :func:`problem_budget` bounds the problems one file's
structuring collects (:class:`Budget`).

Moved here from :mod:`wecb.io._convert`, which assembles the converter.
"""

from __future__ import annotations

import contextvars
import datetime
import enum
import functools
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from decimal import Decimal
from typing import Any, Final

import cattrs
from cattrs.errors import AttributeValidationNote, ClassValidationError

from wecb.core._decimal import decimal_str
from wecb.core.money import Money
from wecb.core.numbers import decimal
from wecb.core.periods import FinancialYear, OpenPeriod, Period, parse_period
from wecb.errors import MAX_PROBLEMS, FloatNotAllowedError, ParseError, WecbTypeError, excerpt
from wecb.model.milestones import MilestoneDate

__all__ = [
    "Budget",
    "current_budget",
    "extra_keys",
    "open_periods",
    "problem_budget",
    "refuse_float",
    "register_values",
    "structure_date",
    "wrong",
]

# The open periods of the programme being read, so that a flow's "further_implementation"
# resolves to the programme's own definition.
_OPEN_PERIODS: contextvars.ContextVar[tuple[OpenPeriod, ...]] = contextvars.ContextVar(
    "wecb_open_periods", default=()
)


@contextmanager
def open_periods(periods: tuple[OpenPeriod, ...]) -> Iterator[None]:
    """Resolve period keys against ``periods`` while structuring inside the block."""
    token = _OPEN_PERIODS.set(periods)
    try:
        yield
    finally:
        _OPEN_PERIODS.reset(token)


class Budget:
    """How many more failed list items structuring may collect, and how many items it left
    unchecked once none were left: a file of a million bad entries costs what 100 do."""

    __slots__ = ("left", "unchecked")

    def __init__(self, limit: int = MAX_PROBLEMS) -> None:
        self.left = limit
        self.unchecked = 0

    def spend(self) -> bool:
        """Count one failed item; ``True`` when that was the last one allowed."""
        self.left -= 1
        return self.left <= 0


_BUDGET: contextvars.ContextVar[Budget | None] = contextvars.ContextVar(
    "wecb_problem_budget", default=None
)


@contextmanager
def problem_budget() -> Iterator[Budget]:
    """One :class:`Budget` for every list structured inside the block (else each list has
    its own)."""
    budget = Budget()
    token = _BUDGET.set(budget)
    try:
        yield budget
    finally:
        _BUDGET.reset(token)


def current_budget() -> Budget:
    """The budget of the enclosing :func:`problem_budget`, or a new one."""
    return _BUDGET.get() or Budget()


def _type_name(value: object) -> str:
    names = {
        str: "text",
        int: "an integer",
        bool: "true/false",
        float: "a float",
        list: "a list",
        dict: "a table",
    }
    return names.get(type(value), type(value).__name__)


def refuse_float(value: object, expected: str) -> None:
    """Raise :class:`~wecb.errors.FloatNotAllowedError` if ``value`` is a float."""
    if isinstance(value, float):
        raise FloatNotAllowedError(
            f"got the float {value!r}: floats are inexact and not accepted here; "
            f"expected {expected}"
        )


def wrong(value: object, expected: str) -> WecbTypeError:
    """The error for ``value`` of the wrong type: ``expected ..., got text '5'``."""
    return WecbTypeError(f"expected {expected}, got {_type_name(value)} {excerpt(value)}")


# -- scalars -------------------------------------------------------------------------------


def _structure_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        refuse_float(value, "text")
        raise wrong(value, "text")
    return value


def _structure_int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        refuse_float(value, "a whole number")
        raise wrong(value, "a whole number")
    return value


def _structure_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise wrong(value, "true or false")
    return value


def _structure_decimal(value: object, _: type) -> Decimal:
    if not isinstance(value, str):
        refuse_float(value, "an exact number as text, e.g. '2000' or '0.5'")
        raise wrong(value, "an exact number as text, e.g. '2000' or '0.5'")
    # The one reader of numbers: Money.parse's digit rules and bounds (no '1_000', no '١٢',
    # no '1E999999999'), a number alone (no '%', no ratio).
    return decimal(value, what="exact number", error=ParseError, plain=True)


def _structure_money(value: object, _: type) -> Money:
    if not isinstance(value, str):
        refuse_float(value, "money as text, e.g. '£1,949,000.00' or '£1.949m'")
        raise wrong(value, "money as text, e.g. '£1,949,000.00' or '£1.949m'")
    return Money.parse(value)


def _structure_financial_year(value: object, _: type) -> FinancialYear:
    if not isinstance(value, str):
        raise wrong(value, "a financial year as text, e.g. '2012/13'")
    return FinancialYear.parse(value)


def _structure_period(value: object, _: object) -> Period:
    if not isinstance(value, str):
        raise wrong(value, "a period as text: a financial year ('2012/13') or an open period key")
    return parse_period(value, _OPEN_PERIODS.get())


def _unstructure_period(period: Period) -> str:
    return period.key if isinstance(period, OpenPeriod) else str(period)


def _structure_open_period(value: object, _: type) -> OpenPeriod:
    if not isinstance(value, Mapping):
        raise wrong(value, "a table with key, label and optionally after and until")
    allowed = ("key", "label", "after", "until")
    errors = extra_keys(value, allowed, OpenPeriod)
    fields: dict[str, Any] = {}
    for name in allowed:
        try:
            if name in ("key", "label"):
                fields[name] = _structure_str(value[name], str)
            elif name in value:
                fields[name] = _structure_financial_year(value[name], FinancialYear)
        except Exception as exc:
            exc.add_note(AttributeValidationNote(f"Structuring OpenPeriod @ {name}", name, str))
            errors.append(exc)
    if errors:
        raise ClassValidationError("While structuring OpenPeriod", errors, OpenPeriod)
    try:
        return OpenPeriod(**fields)
    except Exception as exc:
        raise ClassValidationError("While structuring OpenPeriod", [exc], OpenPeriod) from None


def extra_keys(value: Mapping[str, Any], allowed: tuple[str, ...], cl: type) -> list[Exception]:
    """The error list a hand-written hook starts from: unknown keys, as cattrs reports them."""
    extra = sorted(set(value) - set(allowed))
    if not extra:
        return []
    others = f" and {len(extra) - 10:,} more" if len(extra) > 10 else ""
    message = f"unknown field(s) {', '.join(map(excerpt, extra[:10]))}{others}"
    return [cattrs.ForbiddenExtraKeysError(message, cl, set(extra))]


def _unstructure_open_period(period: OpenPeriod) -> dict[str, str]:
    out = {"key": period.key, "label": period.label}
    if period.after is not None:
        out["after"] = str(period.after)
    if period.until is not None:
        out["until"] = str(period.until)
    return out


def _is_period(tp: object) -> bool:
    return tp == Period


def _is_optional_period(tp: object) -> bool:
    return tp == Period | None


def _structure_optional_period(value: object, _: object) -> Period | None:
    return None if value is None else _structure_period(value, Period)


# -- enums ---------------------------------------------------------------------------------


@functools.cache
def _enum_members(tp: type[enum.Enum]) -> tuple[dict[tuple[type, object], enum.Enum], str]:
    by_value = {(type(m.value), m.value): m for m in tp}
    return by_value, ", ".join(repr(m.value) for m in tp)


def _structure_enum(value: object, tp: type[enum.Enum]) -> enum.Enum:
    by_value, choices = _enum_members(tp)
    # Keyed by type as well, so that true is never the member 1.
    member = by_value.get((type(value), value))
    if member is None:
        refuse_float(value, f"one of {choices}")
        raise ParseError(
            f"{excerpt(value)} is not a value of {tp.__name__}; expected one of {choices}"
        )
    return member


# -- registration --------------------------------------------------------------------------


_ISO_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")


def structure_date(value: object, _: type) -> datetime.date:
    """A day: text ``"2014-05-31"`` (ISO 8601, year-month-day) or a TOML date.

    >>> structure_date("2014-05-31", datetime.date)
    datetime.date(2014, 5, 31)
    >>> structure_date("31/05/2014", datetime.date)
    Traceback (most recent call last):
    ...
    wecb.errors.ParseError: '31/05/2014' is not a date; expected year-month-day, e.g. '2014-05-31'
    """
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    if not isinstance(value, str):
        refuse_float(value, "a date as text, e.g. '2014-05-31'")
        raise wrong(value, "a date as text, e.g. '2014-05-31'")
    if _ISO_DATE.fullmatch(value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    raise ParseError(f"{excerpt(value)} is not a date; expected year-month-day, e.g. '2014-05-31'")


def _structure_milestone_date(value: object, _: type) -> MilestoneDate:
    """A date as precise as its source, ``"2012-10-30"``, ``"2012-10"`` or ``"2012"`` (a
    TOML date is a day)."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return MilestoneDate.of(value)
    if not isinstance(value, str):
        raise wrong(value, "a date as text: '2012-10-30', '2012-10' or '2012'")
    return MilestoneDate.parse(value)


def register_values(conv: cattrs.Converter) -> None:
    """Put the hooks of this module on ``conv``, replacing cattrs' lenient defaults
    (``str(5)``, ``int("5")``, ``Enum(True)``)."""
    # IntEnum gets its own hook so that the int hook, earlier in its MRO than Enum, never
    # catches it.
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(enum.Enum, _structure_enum)
    conv.register_structure_hook(enum.IntEnum, _structure_enum)
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_unstructure_hook(Decimal, decimal_str)  # str() follows the caller's capitals
    conv.register_structure_hook(Money, _structure_money)
    conv.register_unstructure_hook(Money, Money.exact_text)  # str() cuts long quotients
    conv.register_structure_hook(FinancialYear, _structure_financial_year)
    conv.register_unstructure_hook(FinancialYear, str)
    conv.register_structure_hook(OpenPeriod, _structure_open_period)
    conv.register_unstructure_hook(OpenPeriod, _unstructure_open_period)
    conv.register_structure_hook_func(_is_period, _structure_period)
    conv.register_unstructure_hook_func(_is_period, _unstructure_period)
    conv.register_structure_hook_func(_is_optional_period, _structure_optional_period)
    conv.register_structure_hook(datetime.date, structure_date)
    conv.register_unstructure_hook(datetime.date, datetime.date.isoformat)  # '2014-05-31'
    conv.register_structure_hook(MilestoneDate, _structure_milestone_date)
    conv.register_unstructure_hook(MilestoneDate, str)  # '2012-10': as precise as its source
