"""Quantities of wecb's registry: construction, the Money bridge and exact conversion.

>>> to_money(rate(250_000, "family", "year") * count(500, "family") * duration(1, "year"))
Money('125000000', 'GBP')
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeGuard

from wecb.core._decimal import STANDARD, in_context
from wecb.core.money import Money
from wecb.errors import UnitError, WecbTypeError
from wecb.units._magnitudes import coerce_magnitude, exact_magnitude
from wecb.units._registry import (
    is_wecb_quantity,
    parse_units,
    registry,
    require_quantity,
    single_unit,
)
from wecb.units._unit_text import COHORTS, CURRENCY, TIME_UNITS

if TYPE_CHECKING:
    from wecb.units._registry import Quantity, Unit

__all__ = [
    "convert",
    "count",
    "duration",
    "from_money",
    "is_quantity",
    "quantity",
    "rate",
    "to_money",
]

# -- construction ---------------------------------------------------------------------------


def is_quantity(value: object) -> TypeGuard[Quantity]:
    """True when ``value`` is a quantity of wecb's registry.

    Does not build the registry (or import pint) when none exists yet.

    >>> is_quantity(count(3, "team")), is_quantity(3)
    (True, False)
    """
    return is_wecb_quantity(value)


@in_context(STANDARD)  # pint rounds as in the default context, whatever the caller's
def quantity(value: int | Decimal | str, unit: str | Unit) -> Quantity:
    """A quantity of ``value`` (exact) in ``unit`` (unit text such as ``"GBP / year"``).

    >>> q = quantity("1200", "GBP/year")
    >>> q.magnitude, str(q.units)
    (Decimal('1200'), 'GBP / year')
    >>> q.to("GBP/month").magnitude
    Decimal('100')
    >>> quantity(0.5, "GBP")
    Traceback (most recent call last):
    ...
    wecb.errors.FloatNotAllowedError: got the float 0.5 as a magnitude: floats are not exact; \
pass Decimal('0.5') or the string '0.5'
    """
    reg = registry()
    units = unit if isinstance(unit, reg.Unit) else parse_units(unit)
    result: Quantity = reg.Quantity(coerce_magnitude(value), units)
    return result


@in_context(STANDARD)
def count(value: int | Decimal | str, cohort: str) -> Quantity:
    """A number of people, families, ... in one cohort unit.

    >>> count(500, "families")
    <Quantity(500, 'family')>
    """
    unit = single_unit(cohort, "cohort", COHORTS)
    result: Quantity = registry().Quantity(coerce_magnitude(value), unit)
    return result


@in_context(STANDARD)
def duration(value: int | Decimal | str, unit: str = "year") -> Quantity:
    """A length of time in budgeting years, months, weeks or days.

    >>> duration(6, "months").to("year").magnitude
    Decimal('0.5')
    """
    time_unit = single_unit(unit, "time unit", TIME_UNITS)
    result: Quantity = registry().Quantity(coerce_magnitude(value), time_unit)
    return result


@in_context(STANDARD)
def rate(amount: Money | int | Decimal | str, *per: str) -> Quantity:
    """Money per one or more cohort or time units: ``rate(250000, "family", "year")``.

    ``amount`` is Money in GBP or an exact number of pounds.

    >>> rate(Money("250000"), "family", "year")
    <Quantity(250000, 'GBP / family / year')>
    """
    if not per:
        raise UnitError("a rate needs at least one unit to be 'per', e.g. rate(25, 'person')")
    if isinstance(amount, Money):
        magnitude = from_money(amount).magnitude
    else:
        magnitude = coerce_magnitude(amount)
    reg = registry()
    units = reg.parse_units(CURRENCY)
    seen: set[str] = set()
    allowed = {**COHORTS, **TIME_UNITS}
    for name in per:
        unit = single_unit(name, "cohort or time unit", allowed)
        canonical = str(unit)
        if canonical in seen:
            raise UnitError(f"rate is 'per {canonical}' twice in {per!r}")
        seen.add(canonical)
        units = units / unit
    result: Quantity = reg.Quantity(magnitude, units)
    return result


# -- Money bridge -------------------------------------------------------------------------


@in_context(STANDARD)
def from_money(money: Money) -> Quantity:
    """The quantity of GBP equal to ``money`` (only GBP is defined).

    >>> from_money(Money("12.50"))
    <Quantity(12.50, 'GBP')>
    """
    if not isinstance(money, Money):
        raise WecbTypeError.not_accepted("from_money", money, "a Money (from_money needs Money)")
    if money.currency != CURRENCY:
        raise UnitError(
            f"cannot make a quantity of {money!r}: wecb's registry defines only "
            f"{CURRENCY}; convert the amount to GBP first"
        )
    result: Quantity = registry().Quantity(money.amount, CURRENCY)
    return result


def _what_is_missing(dims: dict[str, Any]) -> str:
    needs: list[str] = []
    too_many: list[str] = []
    for dim, exponent in dims.items():
        if dim == "[currency]":
            continue
        name = dim.strip("[]")
        example = "duration(1, 'year')" if name == "time" else f"count(1, {name!r})"
        kind = "a duration" if name == "time" else "a count"
        (needs if exponent < 0 else too_many).append(f"{kind} such as {example}")
    advice = []
    if needs:
        advice.append("multiply by " + " and ".join(needs))
    if too_many:
        advice.append("divide by " + " and ".join(too_many))
    return " and ".join(advice)


@in_context(STANDARD)
def to_money(value: Quantity) -> Money:
    """The Money equal to a quantity of currency, converted to GBP exactly.

    A rate is not money until multiplied out; the error says by what:

    >>> to_money(quantity(12, "GBP/month") * duration(1, "year"))
    Money('144', 'GBP')
    >>> to_money(rate(75_000_000, "year"))
    Traceback (most recent call last):
    ...
    wecb.errors.UnitError: 75000000 GBP / year is a rate ([currency] / [time]), not an amount: \
multiply by a duration such as duration(1, 'year') to get money
    """
    q = require_quantity(value, "to_money")
    dims: dict[str, Any] = dict(q.dimensionality)
    if dims == {"[currency]": 1}:
        return Money(exact_magnitude(q.to(CURRENCY).magnitude), CURRENCY)
    if dims.get("[currency]") == 1:
        advice = _what_is_missing(dims)
        if any(exponent < 0 for exponent in dims.values()):
            raise UnitError(
                f"{q} is a rate ({q.dimensionality}), not an amount: {advice} to get money"
            )
        raise UnitError(f"{q} is not an amount of money ({q.dimensionality}): {advice}")
    raise UnitError(
        f"{q} is not money: its dimensionality is {q.dimensionality or 'dimensionless'}, "
        f"and only [currency] (GBP) converts to Money"
    )


@in_context(STANDARD)
def convert(value: Quantity, unit: str) -> Quantity:
    """``value`` in ``unit``, exactly (the same as ``value.to(unit)``).

    >>> convert(quantity(1, "year"), "days")
    <Quantity(365, 'day')>
    """
    q = require_quantity(value, "convert")
    result: Quantity = q.to(parse_units(unit))
    return result
