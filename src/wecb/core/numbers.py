"""Exact numbers from user input: the one coercion of rates, shares, weights and factors.

:data:`Exact` is what a user may pass wherever wecb wants an exact number that is not
money: an ``int``, a ``Decimal``, a ``Fraction`` or text (``"0.035"``, ``"3.5%"``,
``"1/3"``). Floats are refused with :class:`~wecb.errors.FloatNotAllowedError`, other
types with :class:`~wecb.errors.WecbTypeError`, and values that cannot be read or are out
of bounds with :class:`~wecb.errors.ValidationError` (or the subclass the caller names),
each naming ``what`` the number was for.

:func:`fraction` gives a ``Fraction`` (always exact); :func:`decimal` a ``Decimal``, refusing a
fraction with no finite decimal form. Text is read by :func:`parse_number`, the one place
where ``"3.5%"`` is understood.

>>> decimal("3.5%", what="discount rate")
Decimal('0.035')
>>> fraction("1/3", what="share"), decimal("1.50", what="factor")
(Fraction(1, 3), Decimal('1.50'))
>>> decimal(Fraction(1, 4), what="share")
Decimal('0.25')
>>> fraction(0.5, what="share")
Traceback (most recent call last):
...
wecb.errors.FloatNotAllowedError: share: float 0.5 is not accepted (floats are inexact); \
expected an int, Decimal, Fraction or text such as '0.035' or '3.5%'
>>> decimal("-0.2", what="deadweight", minimum=0)
Traceback (most recent call last):
...
wecb.errors.ValidationError: deadweight: '-0.2' is not accepted; expected a number from 0
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from typing import Final, TypeAlias

from wecb.core._decimal import bounds_problem
from wecb.errors import FloatNotAllowedError, ValidationError, WecbTypeError

__all__ = ["Exact", "decimal", "fraction", "parse_number"]

#: An exact number as a user may give it (never a float).
Exact: TypeAlias = int | Decimal | Fraction | str

_EXPECTED: Final = "an int, Decimal, Fraction or text such as '0.035' or '3.5%'"
# A plain decimal numeral (an optional exponent, "_" between digits as Python allows).
_NUMERAL: Final = re.compile(
    r"[-+]?(?:[0-9](?:_?[0-9])*(?:\.(?:[0-9](?:_?[0-9])*)?)?|\.[0-9](?:_?[0-9])*)"
    r"(?:[eE][-+]?[0-9]{1,9})?",
    re.ASCII,
)
_RATIO: Final = re.compile(r"([-+]?\d{1,1000})\s*/\s*(\d{1,1000})")
# Longer text is no number wecb can hold (MAX_DIGITS), and is not worth a regex pass.
_MAX_TEXT: Final = 2100


def parse_number(
    text: str, *, what: str, error: type[ValidationError] = ValidationError
) -> Decimal | Fraction:
    """Read ``text`` as an exact number: ``"0.035"`` or ``"1e-3"`` (a ``Decimal``, digits
    kept as written), ``"3.5%"`` (a percentage: the same divided by 100, exactly) or
    ``"1/3"`` (a ratio of whole numbers, a ``Fraction``).

    >>> parse_number(" 12.50% ", what="rate"), parse_number("2/6", what="share")
    (Decimal('0.1250'), Fraction(1, 3))
    """
    stripped = text.strip()
    percent = stripped.endswith("%")
    body = stripped[:-1].rstrip() if percent else stripped
    ratio = _RATIO.fullmatch(body)
    if ratio is not None:
        numerator, denominator = int(ratio[1]), int(ratio[2])
        if denominator == 0:
            raise error.not_accepted(what, text, "a ratio with a non-zero denominator")
        result = Fraction(numerator, denominator)
        return result / 100 if percent else result
    if len(body) > _MAX_TEXT or _NUMERAL.fullmatch(body) is None:
        raise error.not_accepted(what, text, _EXPECTED)
    number = Decimal(body.replace("_", ""))
    problem = bounds_problem(number)
    if problem is not None:
        raise error.not_accepted(what, text, f"a number that {problem}")
    if percent:
        sign, digits, exponent = number.as_tuple()
        number = Decimal((sign, digits, int(exponent) - 2))
    return number


def fraction(
    value: object,
    *,
    what: str,
    minimum: Exact | None = None,
    maximum: Exact | None = None,
    error: type[ValidationError] = ValidationError,
) -> Fraction:
    """``value`` as an exact ``Fraction``, within ``minimum``..``maximum`` when given.

    ``error`` is the :class:`~wecb.errors.ValidationError` subclass raised for a value
    that cannot be read or is out of bounds (a wrong type is always a
    :class:`~wecb.errors.WecbTypeError`).
    """
    if isinstance(value, float):
        raise FloatNotAllowedError.not_accepted(what, value, _EXPECTED)
    if isinstance(value, bool) or not isinstance(value, int | Decimal | Fraction | str):
        raise WecbTypeError.not_accepted(what, value, _EXPECTED)
    if isinstance(value, str):
        result = Fraction(parse_number(value, what=what, error=error))
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise error.not_accepted(what, value, "a finite number")
        problem = bounds_problem(value)
        if problem is not None:
            raise error.not_accepted(what, value, f"a number that {problem}")
        result = Fraction(value)
    else:
        result = Fraction(value)
    low = None if minimum is None else fraction(minimum, what="minimum")
    high = None if maximum is None else fraction(maximum, what="maximum")
    if (low is not None and result < low) or (high is not None and result > high):
        raise error.not_accepted(what, value, _range_text(minimum, maximum))
    return result


def decimal(
    value: object,
    *,
    what: str,
    minimum: Exact | None = None,
    maximum: Exact | None = None,
    error: type[ValidationError] = ValidationError,
) -> Decimal:
    """``value`` as an exact, finite ``Decimal`` (see :func:`fraction`), its digits kept
    as given; a ``Fraction`` or ratio with no finite decimal form (such as 1/3) is refused."""
    exact = fraction(value, what=what, minimum=minimum, maximum=maximum, error=error)
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        parsed = parse_number(value, what=what, error=error)
        if isinstance(parsed, Decimal):
            return parsed
    result = _terminating(exact)
    if result is None:
        raise error.not_accepted(what, value, "a number with an exact decimal form")
    return result


def _range_text(minimum: Exact | None, maximum: Exact | None) -> str:
    if minimum is not None and maximum is not None:
        return f"a number from {minimum} to {maximum}"
    if minimum is not None:
        return f"a number from {minimum}"
    return f"a number up to {maximum}"


def _terminating(value: Fraction) -> Decimal | None:
    """``value`` as a ``Decimal`` when its denominator has no prime factors but 2 and 5."""
    den = value.denominator
    twos = fives = 0
    while den % 2 == 0:
        den //= 2
        twos += 1
    while den % 5 == 0:
        den //= 5
        fives += 1
    if den != 1:
        return None
    places = max(twos, fives)
    return Decimal(f"{value.numerator * 10**places // value.denominator}E-{places}")
