"""Horizons: the financial years a total covers, and totals that state theirs.

A published figure such as "a 5-year net benefit" means nothing without its years.
:class:`Horizon` names them; :class:`Total` is an amount with its horizon, and refuses to be
added to a total over other years unless told (``allow_mixed_horizons=True``), in which case
the result records every horizon in a :class:`MixedHorizon`.

>>> from wecb.core.periods import FinancialYear
>>> print(Horizon.of_years(FinancialYear(2012), 5, "5-year"))
5-year: 2012/13 to 2016/17 (5 years)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeAlias

import attrs

from wecb.appraisal._checks import money_field, require_int, year_field
from wecb.core._validators import require_instance
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.errors import AppraisalError, WecbTypeError

__all__ = ["Horizon", "HorizonLike", "MixedHorizon", "Total"]


# --------------------------------------------------------------------------- horizons


def _horizon_last(
    instance: Horizon, attribute: attrs.Attribute[FinancialYear], value: FinancialYear
) -> None:
    year_field(instance, attribute, value)
    if value < instance.first:
        raise AppraisalError(f"Horizon.last ({value}) is before Horizon.first ({instance.first})")


@attrs.frozen
class Horizon:
    """The financial years a total covers, first to last inclusive.

    ``label`` (``"5-year net benefit"``, ``"to 2019-20"``) is for display only:
    two horizons with the same years are equal whatever their labels.

    >>> from wecb.core.periods import FinancialYear
    >>> h = Horizon(FinancialYear(2012), FinancialYear(2016), "five years")
    >>> print(h)
    five years: 2012/13 to 2016/17 (5 years)
    >>> h == Horizon.of_years(FinancialYear(2012), 5)
    True
    """

    first: FinancialYear = attrs.field(validator=year_field)
    last: FinancialYear = attrs.field(validator=_horizon_last)
    label: str | None = attrs.field(default=None, eq=False)

    @classmethod
    def of_years(cls, first: FinancialYear, count: int, label: str | None = None) -> Horizon:
        """The ``count`` financial years starting with ``first``."""
        require_int("Horizon.of_years count", count, minimum=1)
        return cls(first, first + (count - 1), label)

    @classmethod
    def spanning(cls, years: Iterable[FinancialYear], label: str | None = None) -> Horizon:
        """The smallest horizon holding every one of ``years``."""
        ys = list(years)
        if not ys:
            raise AppraisalError("cannot span an empty set of years")
        return cls(min(ys), max(ys), label)

    @property
    def years(self) -> int:
        """How many financial years the horizon covers."""
        return (self.last - self.first) + 1

    @property
    def parts(self) -> tuple[Horizon, ...]:
        """The horizons a total was computed over: just this one."""
        return (self,)

    def __contains__(self, year: object) -> bool:
        return isinstance(year, FinancialYear) and self.first <= year <= self.last

    def __str__(self) -> str:
        n = self.years
        span = f"{self.first} to {self.last} ({n} year{'s' if n != 1 else ''})"
        return f"{self.label}: {span}" if self.label else span


def _mixed_parts(value: Iterable[Horizon]) -> tuple[Horizon, ...]:
    unique: list[Horizon] = []
    for part in value:
        require_instance("MixedHorizon.parts", part, Horizon, "a Horizon")
        if part not in unique:
            unique.append(part)
    return tuple(sorted(unique, key=lambda h: (h.first, h.last)))


def _two_or_more(
    instance: object, attribute: attrs.Attribute[tuple[Horizon, ...]], value: tuple[Horizon, ...]
) -> None:
    if len(value) < 2:
        raise AppraisalError("a MixedHorizon records at least two different horizons")


@attrs.frozen
class MixedHorizon:
    """Several horizons combined on purpose (``allow_mixed_horizons=True``)."""

    parts: tuple[Horizon, ...] = attrs.field(converter=_mixed_parts, validator=_two_or_more)

    @property
    def first(self) -> FinancialYear:
        return min(p.first for p in self.parts)

    @property
    def last(self) -> FinancialYear:
        return max(p.last for p in self.parts)

    def __str__(self) -> str:
        return "mixed horizons: " + " + ".join(str(p) for p in self.parts)


HorizonLike: TypeAlias = Horizon | MixedHorizon


def merge_horizons(a: HorizonLike, b: HorizonLike, allow: bool, what: str) -> HorizonLike:
    if a == b:
        return a
    if not allow:
        raise AppraisalError(
            f"cannot combine {what} over different horizons ({a}) and ({b}); "
            "pass allow_mixed_horizons=True to combine them and record both"
        )
    parts = _mixed_parts((*a.parts, *b.parts))
    return parts[0] if len(parts) == 1 else MixedHorizon(parts)


def horizon_field(
    instance: object, attribute: attrs.Attribute[HorizonLike], value: object
) -> None:
    """An attrs validator: a :class:`Horizon` or :class:`MixedHorizon`."""
    if not isinstance(value, Horizon | MixedHorizon):
        name = f"{type(instance).__name__}.{attribute.name}"
        raise WecbTypeError.not_accepted(name, value, "a Horizon")


# --------------------------------------------------------------------------- totals


def _join_sources(a: str | None, b: str | None) -> str | None:
    if a is None or a == b:
        return b if a is None else a
    return a if b is None else f"{a}; {b}"


@attrs.frozen
class Total:
    """A published total that states its horizon, e.g. a "5-year net benefit".

    Adding totals over different horizons raises
    :class:`~wecb.errors.AppraisalError` unless :meth:`combine` is told
    ``allow_mixed_horizons=True``, in which case the result records every horizon.

    >>> from wecb.core.periods import FinancialYear
    >>> five = Horizon.of_years(FinancialYear(2012), 5, "5-year")
    >>> six = Horizon.of_years(FinancialYear(2012), 6, "6-year")
    >>> a = Total(Money(10), five, "LGA note")
    >>> (a + Total(Money(5), five)).amount
    Money('15', 'GBP')
    >>> a + Total(Money(5), six)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    wecb.errors.AppraisalError: cannot combine totals over different horizons ...
    >>> print(a.combine(Total(Money(5), six), allow_mixed_horizons=True).horizon)
    mixed horizons: 5-year: 2012/13 to 2016/17 (5 years) + 6-year: 2012/13 to 2017/18 (6 years)
    """

    amount: Money = attrs.field(validator=money_field)
    horizon: HorizonLike = attrs.field(validator=horizon_field)
    source: str | None = None

    def combine(self, other: Total, *, allow_mixed_horizons: bool = False) -> Total:
        """The sum of two totals; different horizons only when allowed."""
        require_instance("Total.combine", other, Total, "a Total")
        horizon = merge_horizons(self.horizon, other.horizon, allow_mixed_horizons, "totals")
        return Total(self.amount + other.amount, horizon, _join_sources(self.source, other.source))

    def __add__(self, other: object) -> Total:
        if not isinstance(other, Total):
            return NotImplemented
        return self.combine(other)

    def __radd__(self, other: object) -> Total:
        # Lets sum() start from 0.
        if isinstance(other, int) and not isinstance(other, bool) and other == 0:
            return self
        return NotImplemented

    def __neg__(self) -> Total:
        return Total(-self.amount, self.horizon, self.source)

    def __sub__(self, other: object) -> Total:
        if not isinstance(other, Total):
            return NotImplemented
        return self.combine(-other)

    def __str__(self) -> str:
        where = f" [{self.source}]" if self.source else ""
        return f"{self.amount} over {self.horizon}{where}"
