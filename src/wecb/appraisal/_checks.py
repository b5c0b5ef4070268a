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
from typing import Any

import attrs

from wecb.core._validators import check_text, fail, field_name, require_instance
from wecb.core.money import Money
from wecb.core.numbers import whole
from wecb.core.periods import FinancialYear
from wecb.errors import AppraisalError

__all__ = [
    "fraction_field",
    "money_field",
    "require_int",
    "require_text",
    "text_field",
    "year_field",
]


def require_int(name: str, value: object, *, minimum: int | None = None) -> int:
    """``value`` if it is an ``int`` (not a ``bool``) of at least ``minimum``."""
    expected = "an int" if minimum is None else f"an int >= {minimum}"
    number = require_instance(name, value, int, expected)
    whole(number, what=name, error=AppraisalError, text=False)  # within wecb's bounds
    if minimum is not None and number < minimum:
        fail(name, value, expected, error=AppraisalError)
    return number


def require_text(name: str, value: object) -> str:
    """``value`` if it is non-blank text."""
    check_text(name, value, error=AppraisalError)
    return str(value)


def text_field(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    """An attrs validator: non-blank text."""
    require_text(field_name(instance, attribute), value)


def year_field(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator: a :class:`~wecb.core.periods.FinancialYear`."""
    require_instance(field_name(instance, attribute), value, FinancialYear, "a FinancialYear")


def money_field(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator: :class:`~wecb.core.money.Money`."""
    require_instance(field_name(instance, attribute), value, Money, "Money")


def fraction_field(instance: object, attribute: attrs.Attribute[Any], value: Decimal) -> None:
    """An attrs validator, after a converter to ``Decimal``: a fraction in [0, 1]."""
    if not 0 <= value <= 1:
        fail(field_name(instance, attribute), value, "a fraction in [0, 1]", error=AppraisalError)
