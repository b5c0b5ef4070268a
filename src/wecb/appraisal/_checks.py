"""Field checks shared by the appraisal modules (private).

Each check picks the error class by the mistake: a value of the wrong type is a
:class:`~wecb.errors.WecbTypeError`, a value of the right type that cannot be taken an
:class:`~wecb.errors.AppraisalError`; both messages are built by the error class.

>>> require_int("draws", "10", minimum=1)
Traceback (most recent call last):
...
wecb.errors.WecbTypeError: draws: '10' is not accepted; expected an int >= 1
>>> require_int("draws", 0, minimum=1)
Traceback (most recent call last):
...
wecb.errors.AppraisalError: draws: 0 is not accepted; expected an int >= 1
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, TypeVar

import attrs

from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.errors import AppraisalError, WecbTypeError

__all__ = [
    "fraction_field",
    "money_field",
    "require_int",
    "require_text",
    "require_type",
    "text_field",
    "where",
    "year_field",
]

_T = TypeVar("_T")


def where(instance: object, attribute: attrs.Attribute[Any]) -> str:
    """``Class.field`` for a message (``instance`` may be the class itself)."""
    cls = instance if isinstance(instance, type) else type(instance)
    return f"{cls.__name__}.{attribute.name}"


def require_type(name: str, value: object, kind: type[_T], expected: str) -> _T:
    """``value`` if it is a ``kind``, else a :class:`~wecb.errors.WecbTypeError`."""
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise WecbTypeError.not_accepted(name, value, expected)
    return value


def require_int(name: str, value: object, *, minimum: int | None = None) -> int:
    """``value`` if it is an ``int`` (not a ``bool``) of at least ``minimum``."""
    expected = "an int" if minimum is None else f"an int >= {minimum}"
    number = require_type(name, value, int, expected)
    if minimum is not None and number < minimum:
        raise AppraisalError.not_accepted(name, value, expected)
    return number


def require_text(name: str, value: object) -> str:
    """``value`` if it is non-blank text."""
    text = require_type(name, value, str, "non-blank text")
    if not text.strip():
        raise AppraisalError.not_accepted(name, value, "non-blank text")
    return text


def text_field(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    """An attrs validator: non-blank text."""
    require_text(where(instance, attribute), value)


def year_field(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator: a :class:`~wecb.core.periods.FinancialYear`."""
    require_type(where(instance, attribute), value, FinancialYear, "a FinancialYear")


def money_field(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator: :class:`~wecb.core.money.Money`."""
    require_type(where(instance, attribute), value, Money, "Money")


def fraction_field(instance: object, attribute: attrs.Attribute[Any], value: Decimal) -> None:
    """An attrs validator, after a converter to ``Decimal``: a fraction in [0, 1]."""
    if not 0 <= value <= 1:
        raise AppraisalError.not_accepted(
            where(instance, attribute), value, "a fraction in [0, 1]"
        )
