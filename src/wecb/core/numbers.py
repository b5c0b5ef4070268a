"""Exact numbers from user input: the one reader of rates, shares, weights, counts and factors.

:data:`Exact` is what a user may pass wherever wecb wants an exact number that is not
money: an ``int``, a ``Decimal``, a ``Fraction`` or text (``"0.035"``, ``"3.5%"``,
``"1/3"``). Floats (numpy's too) are refused with :class:`~wecb.errors.FloatNotAllowedError`,
other types with :class:`~wecb.errors.WecbTypeError`, and values that cannot be read or are
out of bounds with :class:`~wecb.errors.ValidationError` (or the subclass the caller names),
each naming ``what`` the number was for.

Text follows the digit rules of :meth:`Money.parse <wecb.core.money.Money.parse>`
(:data:`DIGITS`): ASCII digits, commas only between groups of three, a decimal point with
digits on both sides, a sign ``-``, ``+`` or ``−``; ``1_000``, ``٣`` or ``３`` are refused.
Beyond money text, an exponent (``1e-3``), a percentage (``3.5%``) and a ratio of whole
numbers (``1/3``) are read. Every number is held to the bounds of money
(:data:`~wecb.core.money.MAX_DIGITS`): other than zero, from ``10**-1000`` to below
``10**1000`` in size, with at most 2000 significant digits (a ratio's denominator below
``10**3000``), so that no input can make wecb hang or run out of memory.

:func:`fraction` gives a ``Fraction`` (always exact); :func:`decimal` a ``Decimal``, refusing a
fraction with no finite decimal form; :func:`whole` an ``int``. Text is read by
:func:`parse_number`, the one place where ``"3.5%"`` is understood.

>>> decimal("3.5%", what="discount rate")
Decimal('0.035')
>>> fraction("1/3", what="share"), decimal("1.50", what="factor"), whole("10,000", what="draws")
(Fraction(1, 3), Decimal('1.50'), 10000)
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
>>> decimal("1_000", what="weight")
Traceback (most recent call last):
...
wecb.errors.ValidationError: weight: '1_000' is not accepted; expected an int, Decimal, \
Fraction or text such as '0.035' or '3.5%'
>>> decimal("1E-999999999", what="rate")
Traceback (most recent call last):
...
wecb.errors.ValidationError: rate: '1E-999999999' is not accepted; expected a number within \
wecb's bounds (zero, or from 10**-1000 to below 10**1000 in size with at most 2000 significant \
digits): this one is smaller than 10**-1000
"""

from __future__ import annotations

import numbers
import operator
import re
from decimal import (
    Decimal,
)
from fractions import Fraction
from typing import Final, TypeAlias

from wecb.core._decimal import MAX_DIGITS, WHOLE, bounds_problem
from wecb.errors import FloatNotAllowedError, ValidationError, WecbTypeError

__all__ = [
    "DIGITS",
    "Exact",
    "decimal",
    "fraction",
    "is_float_like",
    "parse_number",
    "whole",
]

#: An exact number as a user may give it (never a float).
Exact: TypeAlias = int | Decimal | Fraction | str

_INTEGER: Final = r"(?:[1-9][0-9]{0,2}(?:,[0-9]{3})+|[0-9]+)"
#: The digit rules of every number wecb reads from text (money too): ASCII digits, commas
#: only between groups of three, a decimal point with digits on both sides.
DIGITS: Final = rf"{_INTEGER}(?:\.[0-9]+)?"
_SIGN: Final = "[-+\u2212]"
_NUMERAL: Final = re.compile(
    rf"(?P<sign>{_SIGN})?(?P<digits>{DIGITS})(?:[eE](?P<exp>[-+]?[0-9]+))?"
)
_RATIO: Final = re.compile(
    rf"(?P<sign>{_SIGN})?(?P<num>{_INTEGER})\s*/\s*(?P<den>{_INTEGER})", re.ASCII
)
# An exponent of more digits than this is beyond any bound (and int() of it could fail).
_EXPONENT_DIGITS: Final = 9
_EXPECTED: Final = "an int, Decimal, Fraction or text such as '0.035' or '3.5%'"
_LIMIT: Final = 10**MAX_DIGITS
# The largest denominator a Decimal within the bounds needs is below 10**(3 * MAX_DIGITS).
_DENOMINATOR_LIMIT: Final = 10 ** (3 * MAX_DIGITS)
_BOUNDS: Final = (
    f"a number within wecb's bounds (zero, or from 10**-{MAX_DIGITS} to below "
    f"10**{MAX_DIGITS} in size with at most {2 * MAX_DIGITS} significant digits)"
)


def is_float_like(value: object) -> bool:
    """Whether ``value`` is a binary float: ``float`` or another real that is not exact,
    such as ``numpy.float32`` (a ``Decimal`` is not one).

    >>> is_float_like(0.5), is_float_like(Decimal("0.5")), is_float_like(Fraction(1, 2))
    (True, False, False)
    """
    if isinstance(value, float):
        return True
    return isinstance(value, numbers.Real) and not isinstance(value, numbers.Rational)


def parse_number(
    text: str,
    *,
    what: str,
    error: type[ValidationError] = ValidationError,
    plain: bool = False,
) -> Decimal | Fraction:
    """Read ``text`` as an exact number: ``"0.035"``, ``"1,000"`` or ``"1e-3"`` (a
    ``Decimal``, digits kept as written), ``"3.5%"`` (a percentage: the same divided by 100,
    exactly) or ``"1/3"`` (a ratio of whole numbers, a ``Fraction``). ``plain`` reads a
    number alone (no percentage, no ratio).

    >>> parse_number(" 12.50% ", what="rate"), parse_number("2/6", what="share")
    (Decimal('0.1250'), Fraction(1, 3))
    """
    return _parse(text, what, error, plain, "a plain number such as '0.5'" if plain else _EXPECTED)


def _parse(
    text: str, what: str, error: type[ValidationError], plain: bool, expected: str
) -> Decimal | Fraction:
    if not isinstance(text, str):
        raise WecbTypeError.not_accepted(what, text, "text")
    stripped = text.strip()
    percent = not plain and stripped.endswith("%")
    body = stripped[:-1].rstrip() if percent else stripped
    negative = body[:1] in ("-", "\u2212")
    ratio = None if plain else _RATIO.fullmatch(body)
    if ratio is not None:
        return _ratio(ratio["num"], ratio["den"], negative, percent, text, what, error)
    match = _NUMERAL.fullmatch(body)
    if match is None:
        raise error.not_accepted(what, text, expected)
    exponent = (match["exp"] or "0").lstrip("+-").lstrip("0")
    if len(exponent) > _EXPONENT_DIGITS:
        problem = "has an exponent beyond any bound"
        raise error.not_accepted(what, text, f"{_BOUNDS}: this one {problem}")
    power = int(match["exp"] or 0) - (2 if percent else 0)
    number = Decimal(f"{match['digits'].replace(',', '')}E{power}")
    if negative:
        number = number.copy_negate()
    return _checked(number, text, what, error)


def _ratio(  # noqa: PLR0917 - the parts of one match
    numerator: str,
    denominator: str,
    negative: bool,
    percent: bool,
    text: str,
    what: str,
    error: type[ValidationError],
) -> Fraction:
    top, bottom = (part.replace(",", "").lstrip("0") for part in (numerator, denominator))
    if max(len(top), len(bottom)) > 3 * MAX_DIGITS:
        raise error.not_accepted(what, text, f"{_BOUNDS}: this one has too many digits")
    if not bottom:
        raise error.not_accepted(what, text, "a ratio with a non-zero denominator")
    result = Fraction(int(top or "0"), int(bottom) * (100 if percent else 1))
    _checked(result, text, what, error)
    return -result if negative else result


def _problem(value: Decimal | Fraction) -> str | None:
    if isinstance(value, Decimal):
        return bounds_problem(value)
    top, bottom = abs(value.numerator), value.denominator
    if bottom >= _DENOMINATOR_LIMIT:
        return f"has a denominator of more than {3 * MAX_DIGITS} digits"
    if top >= _LIMIT * bottom:
        return f"is not below 10**{MAX_DIGITS}"
    if top and top * _LIMIT < bottom:
        return f"is smaller than 10**-{MAX_DIGITS}"
    return None


def _checked(
    value: Decimal | Fraction, given: object, what: str, error: type[ValidationError]
) -> Decimal | Fraction:
    problem = _problem(value)
    if problem is not None:
        raise error.not_accepted(what, given, f"{_BOUNDS}: this one {problem}")
    return value


def _read(value: object, what: str, error: type[ValidationError]) -> Decimal | Fraction:
    """``value`` as an exact, bounded ``Decimal`` (text, Decimal, int) or ``Fraction``."""
    if isinstance(value, str):
        return parse_number(value, what=what, error=error)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise error.not_accepted(what, value, "a finite number")
        return _checked(value, value, what, error)
    if isinstance(value, bool):
        raise WecbTypeError.not_accepted(what, value, _EXPECTED)
    if isinstance(value, int | numbers.Integral):  # numpy's integers are exact too
        number = operator.index(value)
        if -_LIMIT < number < _LIMIT:
            return Decimal(number)
        raise error.not_accepted(what, value, f"{_BOUNDS}: this one is not below 10**{MAX_DIGITS}")
    if isinstance(value, Fraction):
        return _checked(value, value, what, error)
    if is_float_like(value):
        raise FloatNotAllowedError.not_accepted(what, value, _EXPECTED)
    raise WecbTypeError.not_accepted(what, value, _EXPECTED)


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
    result = Fraction(_read(value, what, error))
    _within(result, value, what, minimum=minimum, maximum=maximum, error=error)
    return result


def decimal(
    value: object,
    *,
    what: str,
    minimum: Exact | None = None,
    maximum: Exact | None = None,
    error: type[ValidationError] = ValidationError,
    plain: bool = False,
) -> Decimal:
    """``value`` as an exact, finite ``Decimal`` (see :func:`fraction`), its digits kept
    as given; a ``Fraction`` or ratio with no finite decimal form (such as 1/3) is refused.
    ``plain`` refuses text other than a number alone (see :func:`parse_number`)."""
    if plain and isinstance(value, str):
        read: Decimal | Fraction = parse_number(value, what=what, error=error, plain=True)
    else:
        read = _read(value, what, error)
    if minimum is not None or maximum is not None:
        _within(Fraction(read), value, what, minimum=minimum, maximum=maximum, error=error)
    if isinstance(read, Decimal):
        return read
    result = _terminating(read)
    if result is None:
        raise error.not_accepted(what, value, "a number with an exact decimal form")
    problem = bounds_problem(result)
    if problem is not None:
        raise error.not_accepted(what, value, f"{_BOUNDS}: its decimal form {problem}")
    return result


def whole(
    value: object,
    *,
    what: str,
    minimum: int | None = None,
    maximum: int | None = None,
    error: type[ValidationError] = ValidationError,
    text: bool = True,
) -> int:
    """``value`` as an ``int`` (a count, a number of places, draws, a seed), within
    ``minimum``..``maximum`` when given: an ``int`` (numpy's too) or, when ``text`` is
    true, text of a whole number (``"10,000"``, ``"1e6"``).

    >>> whole("2.5", what="draws")
    Traceback (most recent call last):
    ...
    wecb.errors.ValidationError: draws: '2.5' is not accepted; expected a whole number
    """
    expected = "a whole number" + _range_text(minimum, maximum, " ")
    if isinstance(value, bool) or not (
        isinstance(value, int | numbers.Integral) or (text and isinstance(value, str))
    ):
        if is_float_like(value):
            raise FloatNotAllowedError.not_accepted(what, value, expected)
        raise WecbTypeError.not_accepted(what, value, expected)
    if isinstance(value, str):
        read = Fraction(_parse(value, what, error, True, expected))
    else:
        read = Fraction(_read(value, what, error))
    if read.denominator != 1:
        raise error.not_accepted(what, value, expected)
    number = read.numerator
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        raise error.not_accepted(what, value, expected)
    return number


def _within(
    result: Fraction,
    value: object,
    what: str,
    *,
    minimum: Exact | None,
    maximum: Exact | None,
    error: type[ValidationError],
) -> None:
    low = None if minimum is None else fraction(minimum, what="minimum")
    high = None if maximum is None else fraction(maximum, what="maximum")
    if (low is not None and result < low) or (high is not None and result > high):
        raise error.not_accepted(what, value, "a number" + _range_text(minimum, maximum, " "))


def _range_text(minimum: object, maximum: object, before: str) -> str:
    if minimum is not None and maximum is not None:
        return f"{before}from {minimum} to {maximum}"
    if minimum is not None:
        return f"{before}from {minimum}"
    if maximum is not None:
        return f"{before}up to {maximum}"
    return ""


def _terminating(value: Fraction) -> Decimal | None:
    """``value`` as a ``Decimal`` when its denominator has no prime factors but 2 and 5."""
    den = value.denominator
    twos = (den & -den).bit_length() - 1
    den >>= twos
    fives = 0
    while den % 5 == 0:
        den //= 5
        fives += 1
    if den != 1:
        return None
    places = max(twos, fives)
    # Decimal(int) has no digit limit, unlike str(int): scale it without rounding.
    numerator = value.numerator * 10**places // value.denominator
    return Decimal(numerator).scaleb(-places, WHOLE)
