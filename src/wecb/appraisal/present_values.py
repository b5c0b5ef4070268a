"""Present values: flows discounted to a base year, and results that state what they are.

:func:`present_value`, :func:`npv` and :func:`discount_flows` discount cash flows by a
:class:`~wecb.appraisal.schedules.DiscountSchedule` (the Green Book STPR by default);
:class:`PresentValue` is a present value with its horizon, base year, price base and
schedule, refusing unstated mixing.

* Every discount factor is rounded once, to
  :data:`~wecb.appraisal.schedules.FACTOR_PRECISION` (28) significant digits; everything
  after that (amount x factor, sums, differences) is exact, so a present value is exact
  *given the factors*: it is linear to the last digit, and with a zero rate every factor is
  exactly 1 and the present value is exactly the plain sum. Nothing is rounded to the penny
  unless ``round_to`` is given.
* Flows before the base year raise :class:`~wecb.errors.BeforeBaseYearError` (an
  :class:`~wecb.errors.AppraisalError`): the Green Book discounts to a base year at the
  start of the appraisal. Pass ``allow_before_base=True`` to compound such a flow forward
  instead: ``n`` years before the base it is multiplied by ``(1 + r_1)...(1 + r_n)`` (the
  schedule's first ``n`` years), rounded like every factor.
* Amounts are in real terms at a price base the user states (lines in another price year
  are rebased to it by ``appraise`` with a price index: :mod:`wecb.appraisal.prices`).

>>> from wecb.core.periods import FinancialYear
>>> flows = {FinancialYear(2012): Money("1000"), FinancialYear(2013): Money("1035")}
>>> present_value(flows, FinancialYear(2012)).amount
Decimal('2000.0000000000000000000000000440')
>>> present_value(flows, FinancialYear(2012), round_to="penny").amount
Decimal('2000.00')
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Final, TypeAlias

import attrs

from wecb.appraisal._checks import money_field, require_text
from wecb.appraisal._exact import EXACT_CONTEXT
from wecb.appraisal.horizons import (
    Horizon,
    HorizonLike,
    MixedHorizon,
    Total,
    horizon_field,
    merge_horizons,
)
from wecb.appraisal.schedules import (
    GREEN_BOOK_STPR,
    DiscountSchedule,
    offset_compound,
    offset_factor,
)
from wecb.core._validators import require_instance
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.errors import AppraisalError, BeforeBaseYearError, CurrencyMismatchError, WecbTypeError

__all__ = [
    "Flows",
    "PresentValue",
    "discount_flows",
    "npv",
    "present_value",
]

#: Cash flows by financial year: a mapping, or pairs (a year may repeat; they add).
Flows: TypeAlias = Mapping[FinancialYear, Money] | Iterable[tuple[FinancialYear, Money]]

_EXACT: Final = EXACT_CONTEXT


# --------------------------------------------------------------------------- present values


def _iter_flows(flows: Flows) -> Iterator[tuple[FinancialYear, Money]]:
    items: Iterable[object] = flows.items() if isinstance(flows, Mapping) else flows
    for item in items:
        if not isinstance(item, tuple) or len(item) != 2:
            raise WecbTypeError.not_accepted("flow", item, "a (FinancialYear, Money) pair")
        year, amount = item
        require_instance("a flow's year", year, FinancialYear, "a FinancialYear")
        require_instance(f"the flow in {year}", amount, Money, "Money")
        yield year, amount


def year_factor(
    year: FinancialYear, base_year: FinancialYear, schedule: DiscountSchedule, allow: bool
) -> Decimal:
    """The factor of a flow in ``year`` discounted to ``base_year`` (compounded forward
    when before it and ``allow``, else :class:`~wecb.errors.BeforeBaseYearError`); the
    arguments checked by the caller. Not in ``__all__``: for the appraisal's factor table."""
    t = year - base_year  # an int the library made: not checked again
    if t >= 0:
        return offset_factor(schedule, t)
    if not allow:
        raise BeforeBaseYearError(
            f"flow in {year} is before the base year {base_year}; discount to an earlier base "
            "year, or pass allow_before_base=True to compound it forward"
        )
    return offset_compound(schedule, -t)


def _discounted(
    flows: Flows,
    base_year: FinancialYear,
    schedule: DiscountSchedule,
    allow_before_base: bool,
    currency: str | None,
) -> tuple[list[tuple[FinancialYear, Decimal]], str]:
    require_instance("base_year", base_year, FinancialYear, "a FinancialYear")
    require_instance("schedule", schedule, DiscountSchedule, "a DiscountSchedule")
    out: list[tuple[FinancialYear, Decimal]] = []
    seen = currency
    for year, amount in _iter_flows(flows):
        if seen is None:
            seen = amount.currency
        elif amount.currency != seen:
            raise CurrencyMismatchError(
                f"flows mix currencies: {seen} and {amount.currency} (in {year})"
            )
        factor = year_factor(year, base_year, schedule, allow_before_base)
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

    >>> from wecb.appraisal.schedules import ZERO_RATE
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

    >>> from wecb.appraisal.schedules import ZERO_RATE
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


# --------------------------------------------------------------------------- PV records

YearOrYears: TypeAlias = FinancialYear | tuple[FinancialYear, ...]


def _schedule_name(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    require_text("PresentValue.schedule", value)


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
    raise WecbTypeError.not_accepted(
        name, value, "a FinancialYear (or, once mixed, a sorted tuple of distinct ones)"
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

    >>> from wecb.appraisal.schedules import ZERO_RATE
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

    amount: Money = attrs.field(validator=money_field)
    horizon: HorizonLike = attrs.field(validator=horizon_field)
    base_year: YearOrYears = attrs.field(validator=_year_or_years)
    price_base: YearOrYears = attrs.field(validator=_year_or_years)
    schedule: str = attrs.field(validator=_schedule_name)

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
        require_instance("PresentValue.combine", other, PresentValue, "a PresentValue")
        horizon = merge_horizons(
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
    require_instance("horizon", horizon, Horizon, "a Horizon")
    for year, _ in items:
        if year not in horizon:
            raise AppraisalError(f"flow in {year} is outside the stated horizon ({horizon})")
    return horizon
