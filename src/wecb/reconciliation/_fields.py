"""The validators of the fields that :class:`~wecb.reconciliation.checks.Check` and
:class:`~wecb.reconciliation.claims.Claim` share: non-blank text, Money, and a tolerance
in the claimed figure's currency (zero by default).

A wrong type is a :class:`~wecb.errors.WecbTypeError` naming the field; a value that
cannot be taken a :class:`~wecb.errors.ReconciliationError`.
"""

from __future__ import annotations

from typing import Any, Final, Protocol

import attrs

from wecb.core._validators import check_text, field_name, require_instance
from wecb.core.money import Money
from wecb.errors import ReconciliationError
from wecb.model.documents import Citation


class _Claimed(Protocol):
    @property
    def claimed(self) -> Money: ...


def _where(instance: object, name: str) -> str:
    return f"{type(instance).__name__}.{name}"


def text_validator(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Non-blank text."""
    check_text(field_name(instance, attribute), value, error=ReconciliationError)


def source_validator(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A :class:`~wecb.model.documents.Citation`, or non-blank text."""
    if not isinstance(value, Citation):
        text_validator(instance, attribute, value)


#: Non-blank text, or ``None``.
OPTIONAL_TEXT: Final = attrs.validators.optional(text_validator)


def _require_money(instance: object, name: str, value: object) -> Money:
    return require_instance(_where(instance, name), value, Money, "Money")


def money_validator(instance: object, attribute: attrs.Attribute[Money], value: object) -> None:
    """A :class:`~wecb.core.money.Money`."""
    _require_money(instance, attribute.name, value)


def zero_tolerance(check: _Claimed) -> Money:
    """The default tolerance: zero in the claimed figure's currency."""
    # attrs runs this factory before any validator: check the field it reads first.
    return Money.zero(_require_money(check, "claimed", check.claimed).currency)


def tolerance_validator(
    instance: _Claimed, attribute: attrs.Attribute[Money], value: object
) -> None:
    """Money of zero or more, in the claimed figure's currency."""
    tolerance = _require_money(instance, "tolerance", value)
    claimed = _require_money(instance, "claimed", instance.claimed)
    if tolerance.currency != claimed.currency:
        raise ReconciliationError(
            f"{_where(instance, 'tolerance')}: {tolerance} is in {tolerance.currency}, but the "
            f"claimed figure is in {claimed.currency}"
        )
    if tolerance.is_negative():
        raise ReconciliationError.not_accepted(
            _where(instance, "tolerance"), tolerance, "a tolerance of zero or more"
        )
