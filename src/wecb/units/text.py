"""Quantities as text: rates as documents write them, and the lossless text of a quantity.

>>> parse_rate("£25 per capita")
<Quantity(25, 'GBP / person')>
>>> quantity_to_text(parse_rate("£250,000 per family per year"))
'250000 GBP / family / year'
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from wecb.core._decimal import STANDARD, in_context
from wecb.core.money import Money
from wecb.errors import ParseError, WecbTypeError
from wecb.units._registry import read_quantity, single_unit, write_quantity
from wecb.units._unit_text import COHORTS, CURRENCY, TIME_UNITS, known_units
from wecb.units.quantities import rate

if TYPE_CHECKING:
    from wecb.units._registry import Quantity

__all__ = ["parse_rate", "quantity_from_text", "quantity_to_text"]

# -- rates as documents write them ----------------------------------------------------------

_PER_ANNUM: Final = r"(?i)\s*(?:p\.\s?a\.?|\bpa|per\s+annum|annually|yearly)\s*$"
_DENOMINATOR: Final = (
    r"(?i)(?:\s*/\s*|\s+per\s+|\s+an?\s+|\s+each\s+)(?P<unit>[^\W\d]+(?:[ _][^\W\d]+)?)\s*$"
)
_MAX_RATE_TEXT: Final = 200
_RATE_EXAMPLES: Final = "'£75m/year', '£25 per capita' or '£250,000 per family per year'"


@in_context(STANDARD)  # pint rounds as in the default context, whatever the caller's
def parse_rate(text: str) -> Quantity:
    """Read a rate or unit cost as business cases write it, into ``GBP / ...``.

    The amount is anything :meth:`Money.parse` reads (``£75m``, ``£250,000``,
    ``£95k``); each denominator is ``/unit``, ``per unit`` or ``a unit``, or
    ``p.a.``/``per annum`` for a year. Units are cohorts or time units, with
    their aliases and plurals.

    >>> parse_rate("£75m/year")
    <Quantity(75000000, 'GBP / year')>
    >>> parse_rate("£250,000 per family per year")
    <Quantity(250000, 'GBP / family / year')>
    >>> parse_rate("£500m p.a."), parse_rate("£139k per family")
    (<Quantity(500000000, 'GBP / year')>, <Quantity(139000, 'GBP / family')>)
    >>> parse_rate("£75m")
    Traceback (most recent call last):
    ...
    wecb.errors.ParseError: '£75m' is an amount, not a rate: use Money.parse for an amount, \
or write a rate such as '£75m/year', '£25 per capita' or '£250,000 per family per year'
    """
    if not isinstance(text, str):
        raise WecbTypeError.not_accepted("parse_rate", text, f"text such as {_RATE_EXAMPLES}")
    if len(text) > _MAX_RATE_TEXT:
        raise ParseError(
            f"cannot read a rate from {len(text)} characters of text: a rate such as "
            f"{_RATE_EXAMPLES} is at most {_MAX_RATE_TEXT}"
        )
    rest, per = _split_denominators(text.strip())
    if not per:
        try:
            Money.parse(rest, currency=CURRENCY)
        except ParseError:
            raise ParseError(
                f"cannot read {text!r} as a rate: expected an amount then its units, "
                f"such as {_RATE_EXAMPLES}"
            ) from None
        raise ParseError(
            f"{text.strip()!r} is an amount, not a rate: use Money.parse for an amount, "
            f"or write a rate such as {_RATE_EXAMPLES}"
        )
    try:
        amount = Money.parse(rest, currency=CURRENCY)
    except ParseError as exc:
        raise ParseError(f"cannot read the amount of the rate {text!r}: {exc}") from None
    return rate(amount, *_unit_names(text, per))


def _split_denominators(rest: str) -> tuple[str, list[str]]:
    """The amount's text and the words of its denominators, first to last."""
    per: list[str] = []
    while True:
        match = re.search(_PER_ANNUM, rest)
        if match is not None and match.start() > 0:
            per.insert(0, "year")
            rest = rest[: match.start()]
            continue
        match = re.search(_DENOMINATOR, rest)
        if match is None or match.start() == 0:
            return rest, per
        per.insert(0, match["unit"])
        rest = rest[: match.start()]


def _unit_names(text: str, per: list[str]) -> list[str]:
    names: list[str] = []
    allowed = {**COHORTS, **TIME_UNITS}
    for word in per:
        name = word.lower().replace(" ", "_")
        try:
            unit = single_unit(name, "cohort or time unit", allowed)
        except ParseError:
            raise ParseError(
                f"unknown unit {word!r} in the rate {text!r}: known units are "
                f"{known_units().split('; ', 1)[1]}"
            ) from None
        canonical = str(unit)
        if canonical in names:
            raise ParseError(f"the rate {text!r} is per {canonical} twice")
        names.append(canonical)
    return names


# -- lossless text ------------------------------------------------------------------------


@in_context(STANDARD)
def quantity_to_text(value: Quantity) -> str:
    """Lossless text for a quantity: the exact magnitude, a space, then the units.

    This is the form the file formats use, and how quantities pickle.

    >>> quantity_to_text(parse_rate("£250,000 per family per year"))
    '250000 GBP / family / year'
    >>> quantity_from_text("1.50E+3 GBP / year")
    <Quantity(1.50E+3, 'GBP / year')>
    """
    return write_quantity(value)


@in_context(STANDARD)
def quantity_from_text(text: str) -> Quantity:
    """Read what :func:`quantity_to_text` writes (any unit text is accepted)."""
    return read_quantity(text)
