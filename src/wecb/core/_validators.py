"""Shared field checks for the model classes (private).

Every check raises, by the kind of mistake, :class:`~wecb.errors.WecbTypeError` for a value
of the wrong type (:class:`~wecb.errors.FloatNotAllowedError` for a float) or
:class:`~wecb.errors.ValidationError` for a value of the right type that cannot be taken,
with a message (built by the error class) that names ``Class.field``, the value given and
what is accepted, so a user can fix the input without reading the source. Checks are plain
functions of ``(where, value)`` so that tuple fields can name the element, as in
``Project.leads[2]``; :func:`field` turns one into an attrs validator.

>>> check_key("Partner.key", "essex_cc")
>>> check_key("Partner.key", "Essex CC")
Traceback (most recent call last):
...
wecb.errors.ValidationError: Partner.key: 'Essex CC' is not accepted; expected a key ...
>>> check_key("Partner.key", None)
Traceback (most recent call last):
...
wecb.errors.WecbTypeError: Partner.key: None is not accepted; expected a key ...
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

import attrs

from wecb.core.money import Money
from wecb.core.numbers import is_float_like
from wecb.core.periods import FinancialYear, OpenPeriod
from wecb.errors import FloatNotAllowedError, ValidationError, WecbTypeError

__all__ = [
    "KEY_PATTERN",
    "FieldCheck",
    "check_bool",
    "check_currency",
    "check_enum",
    "check_instance",
    "check_key",
    "check_money",
    "check_non_negative_money",
    "check_period",
    "check_text",
    "fail",
    "field",
    "field_name",
    "optional",
    "require_instance",
    "tuple_of",
    "wrong_type",
]

# Keys appear in files, error messages and rollup labels: keep them to one token.
KEY_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,99}")
_KEY_ACCEPTED = "a key of 1-100 letters, digits, '_', '-' or '.', starting with a letter or digit"
_CURRENCY_PATTERN = re.compile(r"[A-Z]{3}")

_T = TypeVar("_T")

FieldCheck = Callable[[str, object], None]
Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def fail(
    where: str, value: object, accepted: str, *, error: type[ValidationError] = ValidationError
) -> NoReturn:
    """Raise ``error`` (a :class:`ValidationError`; a package may name its own subclass) for
    ``where`` holding a value that cannot be taken (a float is still refused as a
    :class:`FloatNotAllowedError`, numpy's too)."""
    if is_float_like(value):
        raise FloatNotAllowedError.not_accepted(where, value, accepted)
    raise error.not_accepted(where, value, accepted)


def wrong_type(where: str, value: object, accepted: str) -> NoReturn:
    """Raise the :class:`WecbTypeError` for ``where`` holding a value of the wrong type
    (:class:`FloatNotAllowedError` for a float, numpy's too)."""
    if is_float_like(value):
        raise FloatNotAllowedError.not_accepted(where, value, accepted)
    raise WecbTypeError.not_accepted(where, value, accepted)


def require_instance(where: str, value: object, kind: type[_T], accepted: str) -> _T:
    """``value`` if it is a ``kind`` (a ``bool`` is no ``int``), else the
    :class:`WecbTypeError` for ``where``."""
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        wrong_type(where, value, accepted)
    return value


def field_name(instance: object, attribute: attrs.Attribute[Any]) -> str:
    """``Class.field`` for a message (``instance`` may be the class itself)."""
    cls = instance if isinstance(instance, type) else type(instance)
    return f"{cls.__name__}.{attribute.name.lstrip('_')}"


def field(check: FieldCheck) -> Validator:
    """An attrs validator running ``check`` with ``where`` set to ``Class.field``."""

    def validate(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        check(field_name(instance, attribute), value)

    return validate


def optional(check: FieldCheck) -> FieldCheck:
    """``check`` that also lets ``None`` through."""

    def checked(where: str, value: object) -> None:
        if value is not None:
            check(where, value)

    return checked


def tuple_of(check: FieldCheck, *, unique: bool = False, what: str = "item") -> FieldCheck:
    """A check for a tuple whose every element passes ``check`` (optionally all distinct)."""

    def checked(where: str, value: object) -> None:
        if not isinstance(value, tuple):
            wrong_type(
                where, value, f"a tuple of {what}s (a list is not accepted: tuples are hashable)"
            )
        seen: dict[object, int] = {}
        for index, element in enumerate(value):
            check(f"{where}[{index}]", element)
            if unique:
                if element in seen:
                    fail(
                        f"{where}[{index}]",
                        element,
                        f"distinct {what}s (the same {what} is already at [{seen[element]}])",
                    )
                seen[element] = index

    return checked


def check_key(where: str, value: object) -> None:
    """A stable identifier: letters, digits, ``_``, ``-``, ``.``; at most 100 characters."""
    if not isinstance(value, str):
        wrong_type(where, value, _KEY_ACCEPTED)
    if KEY_PATTERN.fullmatch(value) is None:
        fail(where, value, _KEY_ACCEPTED)


def check_text(
    where: str, value: object, *, error: type[ValidationError] = ValidationError
) -> None:
    """A non-blank string (blank text raises ``error``)."""
    if not isinstance(value, str):
        wrong_type(where, value, "a non-blank string")
    if not value.strip():
        fail(where, value, "a non-blank string", error=error)


def check_bool(where: str, value: object) -> None:
    """``True`` or ``False`` exactly (``1`` and ``"yes"`` are refused, to catch mix-ups)."""
    if not isinstance(value, bool):
        wrong_type(where, value, "True or False")


def check_currency(where: str, value: object) -> None:
    """An ISO 4217 code: three upper-case letters."""
    if not isinstance(value, str):
        wrong_type(where, value, "an ISO 4217 currency code, e.g. 'GBP'")
    if _CURRENCY_PATTERN.fullmatch(value) is None:
        fail(where, value, "an ISO 4217 currency code of three upper-case letters, e.g. 'GBP'")


def check_enum(enum_type: type[enum.Enum]) -> FieldCheck:
    """A member of ``enum_type``; the message lists the members and their file values."""
    names = ", ".join(f"{enum_type.__name__}.{m.name} ({m.value!r})" for m in enum_type)

    def checked(where: str, value: object) -> None:
        if not isinstance(value, enum_type):
            wrong_type(where, value, f"one of {names}")

    return checked


def check_money(where: str, value: object) -> None:
    """A :class:`~wecb.core.money.Money` (never a float, int or string: the currency must
    be said)."""
    if not isinstance(value, Money):
        wrong_type(where, value, "a Money, e.g. Money('716000') or Money.from_thousands('716')")


def check_non_negative_money(where: str, value: object) -> None:
    """A :class:`~wecb.core.money.Money` of zero or more."""
    if not isinstance(value, Money):
        wrong_type(where, value, "a Money of zero or more, e.g. Money('716000')")
    if value.amount < 0:
        fail(where, value, "a Money of zero or more")


def check_period(where: str, value: object) -> None:
    """A :class:`~wecb.core.periods.FinancialYear` or an :class:`~wecb.core.periods.OpenPeriod`."""
    if not isinstance(value, FinancialYear | OpenPeriod):
        wrong_type(where, value, "a FinancialYear, e.g. FinancialYear(2013), or an OpenPeriod")


def check_instance(kind: type, example: str) -> FieldCheck:
    """An instance of ``kind``; ``example`` shows how to make one."""

    def checked(where: str, value: object) -> None:
        if not isinstance(value, kind):
            article = "an" if kind.__name__[0] in "AEIOU" else "a"
            wrong_type(where, value, f"{article} {kind.__name__}, e.g. {example}")

    return checked
