"""What a :class:`~wecb.model.builder.ProgrammeBuilder` call gives, read into model values
(private to :mod:`wecb.model`).

A builder takes what a programme file holds, in the same spellings: an enumeration by its
file value (``"county_council"``) or as a member, money as text (``"£120,000.00"``, read
exactly in the programme's currency) or as a :class:`~wecb.core.money.Money`, a period as
text (``"2014/15"``, or an open period's key) or as a period. Each reader raises the
:class:`~wecb.errors.WecbError` the model would, naming ``Class.field`` and the value.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from decimal import Decimal
from typing import TypeVar

from wecb.core._validators import wrong_type
from wecb.core.money import Money
from wecb.core.numbers import decimal
from wecb.core.periods import FinancialYear, OpenPeriod, Period, parse_period
from wecb.errors import UnknownKeyError, WecbError
from wecb.model.integration import IntegrationLevel

__all__ = ["as_count", "as_level", "as_member", "as_money", "as_period", "as_year", "held"]

_E = TypeVar("_E", bound=enum.Enum)

#: How money is written when it is not a :class:`~wecb.core.money.Money`.
MONEY_TEXT = "money as text such as '£120,000.00' or a Money"


def as_member(where: str, value: object, kind: type[_E]) -> object:
    """The member of ``kind`` whose file value is the text ``value``; anything else is
    returned unchanged, for the model's own check to accept or refuse."""
    if not isinstance(value, str) or isinstance(value, enum.Enum):
        return value
    for member in kind:
        if member.value == value:
            return member
    choices = ", ".join(repr(m.value) for m in kind)
    raise UnknownKeyError.not_accepted(where, value, f"one of {choices}")


def as_level(where: str, value: object) -> object:
    """An :class:`~wecb.model.integration.IntegrationLevel` from its number (1 to 5)."""
    if isinstance(value, int) and not isinstance(value, bool | IntegrationLevel):
        levels = {int(level): level for level in IntegrationLevel}
        if value not in levels:
            raise UnknownKeyError.not_accepted(
                where, value, f"an integration level, one of {', '.join(map(str, levels))}"
            )
        return levels[value]
    return value


def as_money(where: str, value: object, currency: str) -> Money:
    """``value``: a Money as it is, or text read exactly (in ``currency`` when it names
    none; text naming another currency is refused)."""
    if isinstance(value, Money):
        return value
    if not isinstance(value, str):
        wrong_type(where, value, MONEY_TEXT)
    try:
        return Money.parse(value, currency)
    except WecbError as exc:
        raise type(exc)(f"{where}: {exc}") from None


def as_year(where: str, value: object) -> object:
    """A financial year from text such as ``"2013/14"``; anything else unchanged."""
    if not isinstance(value, str):
        return value
    try:
        return FinancialYear.parse(value)
    except WecbError as exc:
        raise type(exc)(f"{where}: {exc}") from None


def as_period(where: str, value: object, open_periods: Iterable[OpenPeriod]) -> Period:
    """A period from text (a financial year, or the key of one of ``open_periods``) or as
    it is."""
    if isinstance(value, FinancialYear | OpenPeriod):
        return value
    if not isinstance(value, str):
        wrong_type(
            where,
            value,
            "a period: a financial year such as '2014/15', an open period's "
            "key, a FinancialYear or an OpenPeriod",
        )
    try:
        return parse_period(value, open_periods)
    except WecbError as exc:
        raise type(exc)(f"{where}: {exc}") from None


def as_count(where: str, value: object) -> object:
    """A count from text such as ``"2,000"``, read exactly; anything else unchanged."""
    if isinstance(value, str):
        read: Decimal = decimal(value, what=where)
        return read
    return value


def held(value: object) -> object:
    """``value`` as a call keeps it: a list as a tuple (the model holds tuples), a dict
    copied, anything else as it is (so that a string is refused by the model rather than
    split into letters)."""
    if isinstance(value, list):
        return tuple(value)
    if isinstance(value, dict):
        return dict(value)
    return value
