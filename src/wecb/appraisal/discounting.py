"""Discounting to a base year: schedules, present values and horizon-stating results.

Conventions (HM Treasury Green Book):

* A flow in financial year ``fy`` sits ``t = fy - base_year`` years after the base
  year. Its discount factor is ``D_0 = 1`` and
  ``D_t = 1 / ((1 + r_1)(1 + r_2)...(1 + r_t))``, where ``r_k`` is the schedule's rate
  for year ``k``. A declining schedule therefore applies each band's rate to the
  years in that band and compounds year by year: year 31 of the STPR uses 3.0%,
  on top of 30 years at 3.5%.
* Precision: the compounded growth ``(1 + r_1)...(1 + r_t)`` is computed exactly,
  and the factor is that growth's reciprocal correctly rounded to
  :data:`WORKING_PRECISION` (28) significant digits, half-even. Everything after
  that (amount x factor, sums, differences) is exact, so a present value is
  exact *given the factors*: it is linear to the last digit, and with a zero rate
  every factor is exactly 1 and the present value is exactly the plain sum.
  Nothing is rounded to the penny unless ``round_to`` is given.
* Flows before the base year raise :class:`~wecb.errors.AppraisalError`: the Green
  Book discounts to a base year at the start of the appraisal. Pass
  ``allow_before_base=True`` to compound such a flow forward instead: ``n`` years
  before the base it is multiplied by ``(1 + r_1)...(1 + r_n)`` (the schedule's
  first ``n`` years), rounded like every factor to 28 significant digits.
* Money keeps at most 60 significant digits (:mod:`wecb.core.money`); a 28-digit factor
  times a realistic amount stays well inside that, so present values can be added
  and subtracted as Money without any rounding.
* Amounts are in real terms at a price base the user states; the library does not
  deflate.

>>> from wecb.core.money import Money
>>> from wecb.core.periods import FinancialYear
>>> GREEN_BOOK_STPR.factor(1)
Decimal('0.9661835748792270531400966184')
>>> flows = {FinancialYear(2012): Money("1000"), FinancialYear(2013): Money("1035")}
>>> present_value(flows, FinancialYear(2012)).amount
Decimal('2000.0000000000000000000000000440')
>>> present_value(flows, FinancialYear(2012), round_to="penny").amount
Decimal('2000.00')
"""

from __future__ import annotations

import functools
import itertools
import threading
from collections.abc import Iterable, Iterator, Mapping
from decimal import (
    MAX_EMAX,
    MAX_PREC,
    MIN_EMIN,
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    DivisionByZero,
    Inexact,
    InvalidOperation,
    Overflow,
    Rounded,
)
from typing import Any, Final, TypeAlias

import attrs

from wecb.appraisal.parameters import DecimalLike, ParameterSource, decimal_parameter
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.errors import AppraisalError, CurrencyMismatchError

__all__ = [
    "GREEN_BOOK_HEALTH",
    "GREEN_BOOK_STPR",
    "WORKING_PRECISION",
    "ZERO_RATE",
    "DiscountSchedule",
    "Flows",
    "Horizon",
    "HorizonLike",
    "MixedHorizon",
    "PresentValue",
    "RateBand",
    "Total",
    "constant",
    "discount_flows",
    "npv",
    "present_value",
]

#: Significant digits of every discount factor.
WORKING_PRECISION: Final = 28

_FACTOR_CONTEXT: Final = Context(prec=WORKING_PRECISION, rounding=ROUND_HALF_EVEN)
# Products and sums of finite decimals are exact; trap anything that is not.
_EXACT: Final = Context(
    prec=MAX_PREC,
    Emax=MAX_EMAX,
    Emin=MIN_EMIN,
    rounding=ROUND_HALF_EVEN,
    traps=[Inexact, Rounded, InvalidOperation, DivisionByZero, Overflow],
)

#: Cash flows by financial year: a mapping, or pairs (a year may repeat; they add).
Flows: TypeAlias = Mapping[FinancialYear, Money] | Iterable[tuple[FinancialYear, Money]]


# --------------------------------------------------------------------------- schedules


def _offset(instance: object, attribute: attrs.Attribute[Any], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        name = f"{type(instance).__name__}.{attribute.name}"
        raise AppraisalError(f"{name} must be a year offset >= 0, got {value!r}")


def _last(instance: RateBand, attribute: attrs.Attribute[int | None], value: int | None) -> None:
    if value is None:
        return
    _offset(instance, attribute, value)
    if value < instance.first:
        raise AppraisalError(f"RateBand.last must be >= first ({instance.first}), got {value!r}")


def _rate(value: DecimalLike) -> Decimal:
    return decimal_parameter(value, what="RateBand.rate")


def _rate_range(instance: object, attribute: attrs.Attribute[Decimal], value: Decimal) -> None:
    # 1 + r must stay positive for the factor to exist.
    if value <= -1:
        raise AppraisalError(f"RateBand.rate must be greater than -1, got {value!r}")


@attrs.frozen(kw_only=True)
class RateBand:
    """One band of a discount schedule: ``rate`` for year offsets ``first..last``.

    ``last=None`` means the band runs on without end. Rates are fractions
    (``Decimal("0.035")`` is 3.5%); strings such as ``"3.5%"`` are accepted.

    >>> RateBand(first=0, last=30, rate="3.5%")
    RateBand(first=0, last=30, rate=Decimal('0.035'))
    """

    first: int = attrs.field(validator=_offset)
    last: int | None = attrs.field(validator=_last)
    rate: Decimal = attrs.field(converter=_rate, validator=_rate_range)

    def __contains__(self, t: object) -> bool:
        return isinstance(t, int) and self.first <= t and (self.last is None or t <= self.last)

    def __str__(self) -> str:
        years = f"{self.first}+" if self.last is None else f"{self.first}-{self.last}"
        return f"{_percent(self.rate)} for years {years}"


def _percent(rate: Decimal) -> str:
    text = format(rate.scaleb(2).normalize(), "f")
    return f"{text}%"


def _bands(value: Iterable[RateBand]) -> tuple[RateBand, ...]:
    return tuple(value)


def _check_bands(
    instance: DiscountSchedule,
    attribute: attrs.Attribute[tuple[RateBand, ...]],
    value: tuple[RateBand, ...],
) -> None:
    where = f"DiscountSchedule {instance.name!r}"
    if not value:
        raise AppraisalError(f"{where} has no rate bands")
    for band in value:
        if not isinstance(band, RateBand):
            raise AppraisalError(f"{where}: bands must be RateBand, got {band!r}")
    if value[0].first != 0:
        raise AppraisalError(f"{where}: the first band must start at year 0, not {value[0].first}")
    for before, after in itertools.pairwise(value):
        if before.last is None or after.first != before.last + 1:
            raise AppraisalError(
                f"{where}: bands must be contiguous; {before} is followed by {after}"
            )


def _name(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise AppraisalError(f"DiscountSchedule.name must be a non-empty string, got {value!r}")


class _FactorTable:
    """Exact growth products and rounded factors for one schedule, extended on demand."""

    def __init__(self, bands: tuple[RateBand, ...]) -> None:
        self._bands = bands
        self._lock = threading.Lock()
        self._growth: list[Decimal] = [Decimal(1)]
        self._factors: list[Decimal] = [Decimal(1)]
        self._compound: list[Decimal] = [Decimal(1)]

    def _rate(self, t: int) -> Decimal:
        for band in self._bands:
            if t in band:
                return band.rate
        last = self._bands[-1].last
        raise AppraisalError(f"year offset {t} is beyond the schedule, which ends at year {last}")

    def growth(self, t: int) -> Decimal:
        self._extend(t)
        return self._growth[t]

    def factor(self, t: int) -> Decimal:
        self._extend(t)
        return self._factors[t]

    def compound(self, t: int) -> Decimal:
        self._extend(t)
        return self._compound[t]

    def _extend(self, t: int) -> None:
        # _compound is appended last, so its length says which rows are complete.
        if t < len(self._compound):
            return
        with self._lock:
            while len(self._growth) <= t:
                k = len(self._growth)
                grown = _EXACT.multiply(self._growth[-1], _EXACT.add(Decimal(1), self._rate(k)))
                self._growth.append(grown)
                self._factors.append(_FACTOR_CONTEXT.divide(Decimal(1), grown))
                self._compound.append(_FACTOR_CONTEXT.plus(grown))


@functools.lru_cache(maxsize=256)
def _table(bands: tuple[RateBand, ...]) -> _FactorTable:
    return _FactorTable(bands)


@attrs.frozen(kw_only=True)
class DiscountSchedule:
    """Discount rates by year-offset band, with where they come from.

    Build one with :meth:`from_bands` or :func:`constant`; the Green Book
    schedules ship as :data:`GREEN_BOOK_STPR` and :data:`GREEN_BOOK_HEALTH`.

    >>> s = DiscountSchedule.from_bands("two-step", [(0, 2, "10%"), (3, None, "0")])
    >>> [s.factor(t) for t in range(5)]  # doctest: +NORMALIZE_WHITESPACE
    [Decimal('1'), Decimal('0.9090909090909090909090909091'),
     Decimal('0.8264462809917355371900826446'), Decimal('0.8264462809917355371900826446'),
     Decimal('0.8264462809917355371900826446')]
    >>> print(s)
    two-step: 10% for years 0-2; 0% for years 3+
    """

    name: str = attrs.field(validator=_name)
    bands: tuple[RateBand, ...] = attrs.field(converter=_bands, validator=_check_bands)
    source: ParameterSource | None = None

    @classmethod
    def from_bands(
        cls,
        name: str,
        bands: Iterable[tuple[int, int | None, DecimalLike]],
        *,
        source: ParameterSource | None = None,
    ) -> DiscountSchedule:
        """A schedule from ``(first, last, rate)`` triples; ``last=None`` runs on."""
        return cls(
            name=name,
            bands=tuple(RateBand(first=f, last=la, rate=r) for f, la, r in bands),
            source=source,
        )

    @property
    def horizon_limit(self) -> int | None:
        """The last year offset the schedule covers, or ``None`` if it runs on."""
        return self.bands[-1].last

    def rate(self, t: int) -> Decimal:
        """The rate applied to year ``t`` (``t >= 1``; year 0 is not discounted)."""
        _check_t(t)
        return _table(self.bands)._rate(t)

    def factor(self, t: int) -> Decimal:
        """The discount factor for year offset ``t >= 0`` (see the module notes)."""
        _check_t(t)
        return _table(self.bands).factor(t)

    def growth(self, t: int) -> Decimal:
        """The exact compounding ``(1 + r_1)...(1 + r_t)``; ``growth(0) == 1``."""
        _check_t(t)
        return _table(self.bands).growth(t)

    def compound_factor(self, t: int) -> Decimal:
        """The growth over ``t`` years rounded to 28 significant digits.

        It moves a flow ``t`` years *before* the base year forward to the base
        year (``allow_before_base=True``).
        """
        _check_t(t)
        return _table(self.bands).compound(t)

    def factors(self, last: int) -> tuple[Decimal, ...]:
        """Factors for year offsets ``0..last``."""
        return tuple(self.factor(t) for t in range(last + 1))

    def __str__(self) -> str:
        return f"{self.name}: " + "; ".join(str(b) for b in self.bands)


def _check_t(t: int) -> None:
    if isinstance(t, bool) or not isinstance(t, int) or t < 0:
        raise AppraisalError(f"year offset must be an int >= 0, got {t!r}")


def constant(
    rate: DecimalLike, *, name: str | None = None, source: ParameterSource | None = None
) -> DiscountSchedule:
    """A schedule with one rate for every year.

    >>> constant("3.5%").factor(2) == constant("0.035").factor(2)
    True
    >>> constant(0).name
    'constant 0%'
    """
    value = decimal_parameter(rate, what="constant rate")
    label = name if name is not None else f"constant {_percent(value)}"
    return DiscountSchedule(
        name=label, bands=(RateBand(first=0, last=None, rate=value),), source=source
    )


_GREEN_BOOK_2003 = "HM Treasury, The Green Book: Appraisal and Evaluation in Central Government"
_GREEN_BOOK_2022 = (
    "HM Treasury, The Green Book: Central Government Guidance on Appraisal and Evaluation"
)

#: The Green Book social time preference rate, declining for the long term.
GREEN_BOOK_STPR: Final = DiscountSchedule.from_bands(
    "green_book_stpr",
    [
        (0, 30, "0.035"),
        (31, 75, "0.030"),
        (76, 125, "0.025"),
        (126, 200, "0.020"),
        (201, 300, "0.015"),
        (301, None, "0.010"),
    ],
    source=ParameterSource(
        document=_GREEN_BOOK_2003,
        section="Annex 6 (Discount rate), Table 6.1: The declining long term discount rate",
        year=2003,
        verified=True,
        note=(
            "2003 edition (updated 2011), in force for the 2012 pilots and the 2014 local "
            "partnership guidance; the same schedule is kept in Annex A6 of the 2018, 2020 and "
            "2022 editions."
        ),
    ),
)

#: The Green Book's lower schedule for health and life values (1.5%, declining).
GREEN_BOOK_HEALTH: Final = DiscountSchedule.from_bands(
    "green_book_health",
    [
        (0, 30, "0.015"),
        (31, 75, "0.0129"),
        (76, 125, "0.0107"),
        (126, 200, "0.0086"),
        (201, 300, "0.0064"),
        (301, None, "0.0043"),
    ],
    source=ParameterSource(
        document=_GREEN_BOOK_2022,
        section=(
            "Annex A6 (Discounting), long-term discount rates: the health rate (1.5%, which "
            "excludes the wealth effect) and its declining schedule"
        ),
        year=2022,
        verified=False,
        note=(
            "Figures cross-checked against two independent implementations of the Green Book "
            "schedules, and arithmetically: each is 1.5% times the standard schedule's ratio to "
            "3.5%, to two decimal places. The table number was not read from the primary text."
        ),
    ),
)

#: No discounting: every factor is exactly 1.
ZERO_RATE: Final = constant(0, name="zero_rate")


# --------------------------------------------------------------------------- present values


def _iter_flows(flows: Flows) -> Iterator[tuple[FinancialYear, Money]]:
    items: Iterable[object] = flows.items() if isinstance(flows, Mapping) else flows
    for item in items:
        if not isinstance(item, tuple) or len(item) != 2:
            raise AppraisalError(f"a flow must be a (FinancialYear, Money) pair, got {item!r}")
        year, amount = item
        if not isinstance(year, FinancialYear):
            raise AppraisalError(f"a flow's year must be a FinancialYear, got {year!r}")
        if not isinstance(amount, Money):
            raise AppraisalError(f"the flow in {year} must be Money, got {amount!r}")
        yield year, amount


def _year_factor(
    year: FinancialYear, base_year: FinancialYear, schedule: DiscountSchedule, allow: bool
) -> Decimal:
    t = year - base_year
    if t >= 0:
        return schedule.factor(t)
    if not allow:
        raise AppraisalError(
            f"flow in {year} is before the base year {base_year}; discount to an earlier base "
            "year, or pass allow_before_base=True to compound it forward"
        )
    return schedule.compound_factor(-t)


def _discounted(
    flows: Flows,
    base_year: FinancialYear,
    schedule: DiscountSchedule,
    allow_before_base: bool,
    currency: str | None,
) -> tuple[list[tuple[FinancialYear, Decimal]], str]:
    if not isinstance(base_year, FinancialYear):
        raise AppraisalError(f"base_year must be a FinancialYear, got {base_year!r}")
    if not isinstance(schedule, DiscountSchedule):
        raise AppraisalError(f"schedule must be a DiscountSchedule, got {schedule!r}")
    out: list[tuple[FinancialYear, Decimal]] = []
    seen = currency
    for year, amount in _iter_flows(flows):
        if seen is None:
            seen = amount.currency
        elif amount.currency != seen:
            raise CurrencyMismatchError(
                f"flows mix currencies: {seen} and {amount.currency} (in {year})"
            )
        factor = _year_factor(year, base_year, schedule, allow_before_base)
        out.append((year, _EXACT.multiply(amount.amount, factor)))
    return out, seen if seen is not None else "GBP"


def _finish(amount: Decimal, currency: str, round_to: str | None) -> Money:
    money = Money(amount, currency)
    return money if round_to is None else money.round(round_to)


def present_value(
    flows: Flows,
    base_year: FinancialYear,
    schedule: DiscountSchedule = GREEN_BOOK_STPR,
    *,
    allow_before_base: bool = False,
    currency: str | None = None,
    round_to: str | None = None,
) -> Money:
    """The present value at ``base_year`` of ``flows``, discounted by ``schedule``.

    Exact given the factors (see the module notes); ``round_to`` (``"penny"``,
    ``"pound"``, ...) rounds the result only. ``currency`` is needed only to
    name the currency of an empty set of flows (default GBP), and otherwise
    must match the flows.

    >>> from wecb.core.periods import FinancialYear
    >>> fy = FinancialYear(2012)
    >>> present_value({fy + 1: Money("103.50")}, fy).amount
    Decimal('100.000000000000000000000000004400')
    >>> present_value({fy + 1: Money("103.50")}, fy, round_to="penny")
    Money('100.00', 'GBP')
    >>> present_value({fy + 1: Money("103.50")}, fy, ZERO_RATE)
    Money('103.50', 'GBP')
    """
    values, cur = _discounted(flows, base_year, schedule, allow_before_base, currency)
    total = Decimal(0)
    for _, value in values:
        total = _EXACT.add(total, value)
    return _finish(total, cur, round_to)


def npv(
    benefits: Flows,
    costs: Flows,
    base_year: FinancialYear,
    schedule: DiscountSchedule = GREEN_BOOK_STPR,
    *,
    allow_before_base: bool = False,
    currency: str | None = None,
    round_to: str | None = None,
) -> Money:
    """Net present value: present value of ``benefits`` minus that of ``costs``.

    Both are given as non-negative magnitudes (a cost of £5 is ``Money(5)``);
    the difference is exact, so ``npv`` is linear in both arguments.

    >>> from wecb.core.periods import FinancialYear
    >>> fy = FinancialYear(2012)
    >>> npv({fy + 1: Money(300)}, {fy: Money(100)}, fy, ZERO_RATE)
    Money('200', 'GBP')
    """
    b = present_value(
        benefits, base_year, schedule, allow_before_base=allow_before_base, currency=currency
    )
    c = present_value(
        costs, base_year, schedule, allow_before_base=allow_before_base, currency=currency
    )
    if b.currency != c.currency:
        raise CurrencyMismatchError(f"benefits are in {b.currency} but costs in {c.currency}")
    return _finish(_EXACT.subtract(b.amount, c.amount), b.currency, round_to)


def discount_flows(
    flows: Flows,
    base_year: FinancialYear,
    schedule: DiscountSchedule = GREEN_BOOK_STPR,
    *,
    allow_before_base: bool = False,
) -> dict[FinancialYear, Money]:
    """Each year's discounted value (years that repeat are added), in year order.

    The values sum exactly to :func:`present_value` of the same flows.

    >>> from wecb.core.periods import FinancialYear
    >>> fy = FinancialYear(2012)
    >>> out = discount_flows([(fy, Money(5)), (fy, Money(5))], fy)
    >>> out == {fy: Money(10)}
    True
    """
    values, cur = _discounted(flows, base_year, schedule, allow_before_base, None)
    by_year: dict[FinancialYear, Decimal] = {}
    for year, value in values:
        by_year[year] = _EXACT.add(by_year.get(year, Decimal(0)), value)
    return {year: Money(by_year[year], cur) for year in sorted(by_year)}


# --------------------------------------------------------------------------- horizons


def _fy(instance: object, attribute: attrs.Attribute[FinancialYear], value: object) -> None:
    if not isinstance(value, FinancialYear):
        name = f"{type(instance).__name__}.{attribute.name}"
        raise AppraisalError(f"{name} must be a FinancialYear, got {value!r}")


def _horizon_last(
    instance: Horizon, attribute: attrs.Attribute[FinancialYear], value: FinancialYear
) -> None:
    _fy(instance, attribute, value)
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

    first: FinancialYear = attrs.field(validator=_fy)
    last: FinancialYear = attrs.field(validator=_horizon_last)
    label: str | None = attrs.field(default=None, eq=False)

    @classmethod
    def of_years(cls, first: FinancialYear, count: int, label: str | None = None) -> Horizon:
        """The ``count`` financial years starting with ``first``."""
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise AppraisalError(f"a horizon covers at least one year, got count={count!r}")
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
        if not isinstance(part, Horizon):
            raise AppraisalError(f"MixedHorizon.parts must be Horizons, got {part!r}")
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


def _merge_horizons(a: HorizonLike, b: HorizonLike, allow: bool, what: str) -> HorizonLike:
    if a == b:
        return a
    if not allow:
        raise AppraisalError(
            f"cannot combine {what} over different horizons ({a}) and ({b}); "
            "pass allow_mixed_horizons=True to combine them and record both"
        )
    parts = _mixed_parts((*a.parts, *b.parts))
    return parts[0] if len(parts) == 1 else MixedHorizon(parts)


def _horizon_like(
    instance: object, attribute: attrs.Attribute[HorizonLike], value: object
) -> None:
    if not isinstance(value, Horizon | MixedHorizon):
        name = f"{type(instance).__name__}.{attribute.name}"
        raise AppraisalError(f"{name} must be a Horizon, got {value!r}")


def _money(instance: object, attribute: attrs.Attribute[Money], value: object) -> None:
    if not isinstance(value, Money):
        name = f"{type(instance).__name__}.{attribute.name}"
        raise AppraisalError(f"{name} must be Money, got {value!r}")


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

    amount: Money = attrs.field(validator=_money)
    horizon: HorizonLike = attrs.field(validator=_horizon_like)
    source: str | None = None

    def combine(self, other: Total, *, allow_mixed_horizons: bool = False) -> Total:
        """The sum of two totals; different horizons only when allowed."""
        if not isinstance(other, Total):
            raise AppraisalError(f"can only combine a Total with a Total, got {other!r}")
        horizon = _merge_horizons(self.horizon, other.horizon, allow_mixed_horizons, "totals")
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


# --------------------------------------------------------------------------- PV records

YearOrYears: TypeAlias = FinancialYear | tuple[FinancialYear, ...]


def _year_or_years(
    instance: object, attribute: attrs.Attribute[YearOrYears], value: object
) -> None:
    name = f"{type(instance).__name__}.{attribute.name}"
    if isinstance(value, FinancialYear):
        return
    if (
        isinstance(value, tuple)
        and len(value) >= 2
        and all(isinstance(v, FinancialYear) for v in value)
        and list(value) == sorted(set(value))
    ):
        return
    raise AppraisalError(
        f"{name} must be a FinancialYear (or, once mixed, a sorted tuple of distinct ones), "
        f"got {value!r}"
    )


def _merge_years(a: YearOrYears, b: YearOrYears, allow: bool, what: str) -> YearOrYears:
    if a == b:
        return a
    if not allow:
        raise AppraisalError(
            f"cannot combine present values with different {what}s ({_years_str(a)} and "
            f"{_years_str(b)}); pass allow_mixed_bases=True to combine them and record both"
        )
    years = sorted({*_as_tuple(a), *_as_tuple(b)})
    return years[0] if len(years) == 1 else tuple(years)


def _as_tuple(value: YearOrYears) -> tuple[FinancialYear, ...]:
    return value if isinstance(value, tuple) else (value,)


def _years_str(value: YearOrYears) -> str:
    return " + ".join(str(y) for y in _as_tuple(value))


def _merge_names(a: str, b: str) -> str:
    names = list(dict.fromkeys([*a.split(" + "), *b.split(" + ")]))
    return " + ".join(names)


@attrs.frozen
class PresentValue:
    """A present value that states what it is: horizon, base year, price base, schedule.

    ``price_base`` is the financial year whose prices the real-terms flows are
    in; wecb takes the user's word for it. Combining two results with different
    horizons, base years or price bases raises :class:`~wecb.errors.AppraisalError`
    unless allowed (``allow_mixed_horizons``, ``allow_mixed_bases``), and then
    the result records every one. Results discounted by different schedules
    combine freely (the Green Book discounts health effects at the lower
    rate alongside the standard one) and record both names.

    >>> from wecb.core.periods import FinancialYear
    >>> fy = FinancialYear(2012)
    >>> b = PresentValue.of({fy: Money(100), fy + 1: Money(100)}, fy, ZERO_RATE, price_base=fy)
    >>> c = PresentValue.of({fy: Money(50)}, fy, ZERO_RATE, price_base=fy, horizon=b.horizon)
    >>> print(b - c)
    £150.00 PV over 2012/13 to 2013/14 (2 years), base year 2012/13, 2012/13 prices, zero_rate
    >>> (b - PresentValue.of({fy: Money(50)}, fy, ZERO_RATE, price_base=fy)).amount
    Traceback (most recent call last):
    wecb.errors.AppraisalError: cannot combine present values over different horizons \
(2012/13 to 2013/14 (2 years)) and (2012/13 to 2012/13 (1 year)); \
pass allow_mixed_horizons=True to combine them and record both
    """

    amount: Money = attrs.field(validator=_money)
    horizon: HorizonLike = attrs.field(validator=_horizon_like)
    base_year: YearOrYears = attrs.field(validator=_year_or_years)
    price_base: YearOrYears = attrs.field(validator=_year_or_years)
    schedule: str = attrs.field(validator=_name)

    @classmethod
    def of(
        cls,
        flows: Flows,
        base_year: FinancialYear,
        schedule: DiscountSchedule = GREEN_BOOK_STPR,
        *,
        price_base: FinancialYear,
        horizon: Horizon | None = None,
        allow_before_base: bool = False,
        currency: str | None = None,
    ) -> PresentValue:
        """The present value of ``flows`` with its horizon stated.

        ``horizon`` defaults to the span of the flows' years; when given, every
        flow must fall inside it (an empty set of flows then needs it).
        """
        items = list(_iter_flows(flows))
        horizon = _flows_horizon(items, horizon)
        amount = present_value(
            items, base_year, schedule, allow_before_base=allow_before_base, currency=currency
        )
        return cls(amount, horizon, base_year, price_base, schedule.name)

    @classmethod
    def net(
        cls,
        benefits: Flows,
        costs: Flows,
        base_year: FinancialYear,
        schedule: DiscountSchedule = GREEN_BOOK_STPR,
        *,
        price_base: FinancialYear,
        horizon: Horizon | None = None,
        allow_before_base: bool = False,
        currency: str | None = None,
    ) -> PresentValue:
        """Net present value of ``benefits`` less ``costs`` over one horizon."""
        b_items = list(_iter_flows(benefits))
        c_items = list(_iter_flows(costs))
        horizon = _flows_horizon([*b_items, *c_items], horizon)
        amount = npv(
            b_items,
            c_items,
            base_year,
            schedule,
            allow_before_base=allow_before_base,
            currency=currency,
        )
        return cls(amount, horizon, base_year, price_base, schedule.name)

    def combine(
        self,
        other: PresentValue,
        *,
        allow_mixed_horizons: bool = False,
        allow_mixed_bases: bool = False,
    ) -> PresentValue:
        """The sum of two present values, refusing unstated mixing."""
        if not isinstance(other, PresentValue):
            raise AppraisalError(f"can only combine a PresentValue with one, got {other!r}")
        horizon = _merge_horizons(
            self.horizon, other.horizon, allow_mixed_horizons, "present values"
        )
        base = _merge_years(self.base_year, other.base_year, allow_mixed_bases, "base year")
        prices = _merge_years(self.price_base, other.price_base, allow_mixed_bases, "price base")
        return PresentValue(
            self.amount + other.amount,
            horizon,
            base,
            prices,
            _merge_names(self.schedule, other.schedule),
        )

    def __add__(self, other: object) -> PresentValue:
        if not isinstance(other, PresentValue):
            return NotImplemented
        return self.combine(other)

    def __neg__(self) -> PresentValue:
        return attrs.evolve(self, amount=-self.amount)

    def __sub__(self, other: object) -> PresentValue:
        if not isinstance(other, PresentValue):
            return NotImplemented
        return self.combine(-other)

    @property
    def is_mixed(self) -> bool:
        """Whether this result combines different horizons, base years or price bases."""
        return (
            isinstance(self.horizon, MixedHorizon)
            or isinstance(self.base_year, tuple)
            or isinstance(self.price_base, tuple)
        )

    def to_total(self, source: str | None = None) -> Total:
        """This result as a :class:`Total` over the same horizon."""
        return Total(self.amount, self.horizon, source)

    def __str__(self) -> str:
        return (
            f"{self.amount.round('penny')} PV over {self.horizon}, base year "
            f"{_years_str(self.base_year)}, {_years_str(self.price_base)} prices, {self.schedule}"
        )


def _flows_horizon(items: list[tuple[FinancialYear, Money]], horizon: Horizon | None) -> Horizon:
    if horizon is None:
        if not items:
            raise AppraisalError(
                "no flows and no horizon: a present value must state the years it covers"
            )
        return Horizon.spanning(year for year, _ in items)
    if not isinstance(horizon, Horizon):
        raise AppraisalError(f"horizon must be a Horizon, got {horizon!r}")
    for year, _ in items:
        if year not in horizon:
            raise AppraisalError(f"flow in {year} is outside the stated horizon ({horizon})")
    return horizon
