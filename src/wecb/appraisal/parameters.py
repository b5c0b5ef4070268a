"""Where shipped parameters come from, and exact conversion of user parameters.

Every parameter table that wecb ships (discount schedules, optimism bias grades)
carries a :class:`ParameterSource` naming the document, the table or section and
the year, so a published figure can be traced and the table replaced by the
user's own. ``verified`` says whether the figures were checked against the
primary text; ``note`` says how, or what is still to check.

>>> src = ParameterSource(document="My council's appraisal manual", section="Table 2", year=2013)
>>> str(src)
"My council's appraisal manual, Table 2 (2013) [not verified against the primary text]"
>>> decimal_parameter("3.5%", what="rate")
Decimal('0.035')
>>> decimal_parameter(Fraction(1, 4), what="share")
Decimal('0.25')
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from fractions import Fraction

import attrs

from wecb.errors import AppraisalError, FloatNotAllowedError

__all__ = ["DecimalLike", "ParameterSource", "decimal_parameter"]

#: What a user may pass for an exact rate, share or percentage (never a float).
DecimalLike = Decimal | int | str | Fraction


def _non_empty(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        name = f"{type(instance).__name__}.{attribute.name}"
        raise AppraisalError(f"{name} must be a non-empty string, got {value!r}")


def _year(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2200:
        name = f"{type(instance).__name__}.{attribute.name}"
        raise AppraisalError(f"{name} must be a publication year, got {value!r}")


@attrs.frozen(kw_only=True)
class ParameterSource:
    """The document, table or section, and year a parameter table comes from."""

    document: str = attrs.field(validator=_non_empty)
    section: str = attrs.field(validator=_non_empty)
    year: int = attrs.field(validator=_year)
    verified: bool = False
    note: str | None = None

    def __str__(self) -> str:
        flag = "" if self.verified else " [not verified against the primary text]"
        return f"{self.document}, {self.section} ({self.year}){flag}"


def _fraction_to_decimal(value: Fraction, what: str) -> Decimal:
    # Exact only when the denominator has no prime factors but 2 and 5.
    den = value.denominator
    twos = fives = 0
    while den % 2 == 0:
        den //= 2
        twos += 1
    while den % 5 == 0:
        den //= 5
        fives += 1
    if den != 1:
        raise AppraisalError(f"{what} {value} has no exact decimal form; pass a Decimal")
    places = max(twos, fives)
    scaled = value * 10**places
    return Decimal(scaled.numerator).scaleb(-places)


def decimal_parameter(value: DecimalLike, *, what: str) -> Decimal:
    """Convert ``value`` to an exact, finite :class:`~decimal.Decimal`.

    Accepts a ``Decimal``, an ``int``, a ``Fraction`` with an exact decimal form,
    or a string (``"0.035"``, or ``"3.5%"`` for a percentage). Floats raise
    :class:`~wecb.errors.FloatNotAllowedError`; anything else, or a non-finite
    value, raises :class:`~wecb.errors.AppraisalError` naming ``what``.

    >>> decimal_parameter("0.0129", what="rate")
    Decimal('0.0129')
    >>> decimal_parameter(0.5, what="share")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    wecb.errors.FloatNotAllowedError: share: floats are refused (0.5)
    """
    if isinstance(value, float):
        raise FloatNotAllowedError(
            f"{what}: floats are refused ({value!r}); pass a Decimal or a string such as '0.035'"
        )
    if isinstance(value, bool):
        raise AppraisalError(f"{what} must be a number, got {value!r}")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, Fraction):
        result = _fraction_to_decimal(value, what)
    elif isinstance(value, str):
        text = value.strip().replace("_", "")
        percent = text.endswith("%")
        if percent:
            text = text[:-1].strip()
        try:
            result = Decimal(text)
        except InvalidOperation:
            raise AppraisalError(f"{what} {value!r} is not a number") from None
        if percent and result.is_finite():
            result = result.scaleb(-2)
    else:
        raise AppraisalError(f"{what} must be a Decimal, int, Fraction or str, got {value!r}")
    if not result.is_finite():
        raise AppraisalError(f"{what} must be finite, got {value!r}")
    return result
