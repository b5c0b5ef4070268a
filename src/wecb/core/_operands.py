"""What :class:`~wecb.core.money.Money` does with an operand it cannot take (private).

Money's operators take Money, and ``*`` and ``/`` exact numbers; anything else is refused
with a :class:`~wecb.errors.WecbTypeError` naming the operation and what it takes (a float
with :class:`~wecb.errors.FloatNotAllowedError`), never with Python's bare ``TypeError``.
Only a type that defines the reflected operator itself (a numpy array, a pint quantity) is
left to answer, as Python's protocol intends.

>>> refuse("Money('5', 'GBP') + 1", 1, ADDING, reflected=None)
Traceback (most recent call last):
...
wecb.errors.WecbTypeError: cannot compute Money('5', 'GBP') + 1 (int): money adds to money \
of the same currency (and to 0, so that sum() works); make the number money first, such as \
Money('1')
"""

from __future__ import annotations

import numbers
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Final, NoReturn

from wecb.core._decimal import float_message
from wecb.core.numbers import decimal, fraction, is_float_like
from wecb.errors import FloatNotAllowedError, MoneyError, WecbTypeError, excerpt

__all__ = [
    "ADDING",
    "DIVIDING",
    "MULTIPLYING",
    "ORDERING",
    "REFLECTED",
    "factor",
    "is_factor",
    "no_operator",
    "refuse",
]

ADDING: Final = (
    "money adds to money of the same currency (and to 0, so that sum() works); make the "
    "number money first, such as Money('1')"
)
MULTIPLYING: Final = (
    "money is multiplied by an int, Decimal or Fraction (money times money has no meaning)"
)
DIVIDING: Final = (
    "money is divided by an int, Decimal, Fraction or money of the same currency (a number "
    "cannot be divided by money)"
)
ORDERING: Final = "money is ordered against money of the same currency only"
#: The reflected method of each operator, which a foreign type may define to answer it.
REFLECTED: Final = {
    "+": "__radd__",
    "-": "__rsub__",
    "*": "__rmul__",
    "/": "__rtruediv__",
    "<": "__gt__",
    "<=": "__ge__",
    ">": "__lt__",
    ">=": "__le__",
}
# Values that never answer an operator with money: refused, not left to Python's TypeError.
_PLAIN: Final = (
    numbers.Number,
    str,
    bytes,
    bytearray,
    list,
    tuple,
    dict,
    set,
    frozenset,
    type(None),
)


def refuse(shown: str, other: object, hint: str, *, reflected: str | None) -> None:
    """Raise for operand ``other`` of the operation ``shown``, unless its type defines
    ``reflected`` itself (then return, and the operator returns ``NotImplemented``)."""
    if is_float_like(other):
        raise FloatNotAllowedError(float_message(other))  # type: ignore[arg-type]
    if reflected is not None and not isinstance(other, _PLAIN):
        method = getattr(type(other), reflected, None)
        if method is not None and method is not getattr(object, reflected, None):
            return
    raise WecbTypeError(f"cannot compute {shown} ({type(other).__name__}): {hint}")


def is_factor(other: object) -> bool:
    """Whether ``other`` is a number for ``*`` and ``/`` (a float, to be refused, too)."""
    if isinstance(other, bool):
        return False
    return isinstance(other, int | Decimal | Fraction | numbers.Integral) or is_float_like(other)


def factor(value: object) -> Decimal | Fraction:
    """A multiplier or divisor (see :func:`is_factor`): exact and within bounds."""
    if isinstance(value, Fraction):
        return fraction(value, what="multiplier", error=MoneyError)
    if is_float_like(value):
        raise FloatNotAllowedError(float_message(value))  # type: ignore[arg-type]
    return decimal(value, what="multiplier", error=MoneyError)


def no_operator(symbol: str) -> Callable[..., NoReturn]:
    """A method for an operator money does not have (``//``, ``%``, ``divmod``, ``**``):
    a :class:`~wecb.errors.WecbTypeError` that says what to use instead."""

    def refused(money: object, other: object, *_: object) -> NoReturn:
        raise WecbTypeError(
            f"money has no {symbol} (given {excerpt(money)} and {excerpt(other)}): split an "
            f"amount with Money.allocate, round it with Money.round, or divide it with /"
        )

    return refused
