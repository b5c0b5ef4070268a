"""Discount schedules: rates by year-offset band, and the discount factors they give.

Conventions (HM Treasury Green Book):

* A flow in financial year ``fy`` sits ``t = fy - base_year`` years after the base
  year. Its discount factor is ``D_0 = 1`` and
  ``D_t = 1 / ((1 + r_1)(1 + r_2)...(1 + r_t))``, where ``r_k`` is the schedule's rate
  for year ``k``. A declining schedule therefore applies each band's rate to the
  years in that band and compounds year by year: year 31 of the STPR uses 3.0%,
  on top of 30 years at 3.5%.
* Precision: the compounded growth ``(1 + r_1)...(1 + r_t)`` is computed exactly,
  and the factor is that growth's reciprocal correctly rounded to
  :data:`FACTOR_PRECISION` (28) significant digits, half-even. Everything after
  that (amount x factor, sums, differences; see :mod:`wecb.appraisal.present_values`) is
  exact, so a present value is exact *given the factors*. (Money itself keeps up to
  :data:`wecb.core.money.WORKING_PRECISION`, 60, significant digits, so a 28-digit factor
  times a realistic amount fits without rounding.)
* The growth over ``n`` years, rounded like every factor to 28 significant digits, moves a
  flow ``n`` years *before* the base year forward to it (:meth:`DiscountSchedule.compound_factor`).

>>> GREEN_BOOK_STPR.factor(1)
Decimal('0.9661835748792270531400966184')
>>> print(GREEN_BOOK_STPR.bands[1])
3% for years 31-75
"""

from __future__ import annotations

import functools
import itertools
import threading
from collections.abc import Iterable
from decimal import (
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
)
from typing import Any, Final

import attrs

from wecb.appraisal._checks import require_int, require_text
from wecb.appraisal._exact import EXACT_CONTEXT
from wecb.appraisal.parameters import ParameterSource
from wecb.core._decimal import shift, trimmed
from wecb.core._validators import field_name, require_instance
from wecb.core.numbers import Exact, decimal
from wecb.errors import AppraisalError

__all__ = [
    "FACTOR_PRECISION",
    "GREEN_BOOK_HEALTH",
    "GREEN_BOOK_STPR",
    "ZERO_RATE",
    "DiscountSchedule",
    "RateBand",
    "constant",
]

#: Significant digits of every discount factor (not Money's working precision, which is 60).
FACTOR_PRECISION: Final = 28

# Every field stated (as Python's default context has them, but the precision): nothing is
# taken from decimal.DefaultContext, which a caller may change before importing wecb.
_FACTOR_CONTEXT: Final = Context(
    prec=FACTOR_PRECISION,
    rounding=ROUND_HALF_EVEN,
    Emax=999_999,
    Emin=-999_999,
    capitals=1,
    clamp=0,
    flags=[],
    traps=[InvalidOperation, DivisionByZero, Overflow],
)
_EXACT: Final = EXACT_CONTEXT


# --------------------------------------------------------------------------- rate bands


def _offset(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    require_int(field_name(instance, attribute), value, minimum=0)


def _last(instance: RateBand, attribute: attrs.Attribute[int | None], value: object) -> None:
    if value is None:
        return
    _offset(instance, attribute, value)
    assert isinstance(value, int)
    if value < instance.first:
        raise AppraisalError.not_accepted(
            "RateBand.last", value, f"a year offset >= first ({instance.first})"
        )


def _rate(value: Exact) -> Decimal:
    return decimal(value, what="RateBand.rate", error=AppraisalError)


def _rate_range(instance: object, attribute: attrs.Attribute[Decimal], value: Decimal) -> None:
    # 1 + r must stay positive for the factor to exist.
    if value <= -1:
        raise AppraisalError.not_accepted("RateBand.rate", value, "a rate greater than -1")


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
    return format(trimmed(shift(rate, 2)), "f") + "%"  # exact, whatever the context


def _bands(value: Iterable[RateBand]) -> tuple[RateBand, ...]:
    return tuple(value)


def _check_bands(
    instance: DiscountSchedule,
    attribute: attrs.Attribute[tuple[RateBand, ...]],
    value: tuple[RateBand, ...],
) -> None:
    name = f"DiscountSchedule {instance.name!r}"
    for index, band in enumerate(value):
        require_instance(f"{name}.bands[{index}]", band, RateBand, "a RateBand")
    if not value:
        raise AppraisalError(f"{name} has no rate bands")
    if value[0].first != 0:
        raise AppraisalError(f"{name}: the first band must start at year 0, not {value[0].first}")
    for before, after in itertools.pairwise(value):
        if before.last is None or after.first != before.last + 1:
            raise AppraisalError(
                f"{name}: bands must be contiguous; {before} is followed by {after}"
            )


def _name(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    require_text("DiscountSchedule.name", value)


# --------------------------------------------------------------------------- factors


class _FactorTable:
    """Exact growth products and rounded factors for one schedule, extended on demand."""

    def __init__(self, bands: tuple[RateBand, ...]) -> None:
        self._bands = bands
        self._lock = threading.Lock()
        self._growth: list[Decimal] = [Decimal(1)]
        self._factors: list[Decimal] = [Decimal(1)]
        self._compound: list[Decimal] = [Decimal(1)]

    def rate(self, t: int) -> Decimal:
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
                grown = _EXACT.multiply(self._growth[-1], _EXACT.add(Decimal(1), self.rate(k)))
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
        bands: Iterable[tuple[int, int | None, Exact]],
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
        return _table(self.bands).rate(t)

    def factor(self, t: int) -> Decimal:
        """The discount factor for year offset ``t >= 0`` (see the module notes)."""
        _check_t(t)
        return _table(self.bands).factor(t)

    def growth(self, t: int) -> Decimal:
        """The exact compounding ``(1 + r_1)...(1 + r_t)``; ``growth(0) == 1``."""
        _check_t(t)
        return _table(self.bands).growth(t)

    def compound_factor(self, t: int) -> Decimal:
        """The growth over ``t`` years rounded to :data:`FACTOR_PRECISION` significant digits.

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


def _check_t(t: object) -> None:
    require_int("year offset", t, minimum=0)


def offset_factor(schedule: DiscountSchedule, t: int) -> Decimal:
    """:meth:`DiscountSchedule.factor` of an offset the library computed itself (a
    difference of two financial years, ``t >= 0``): the same factor, not checked again."""
    return _table(schedule.bands).factor(t)


def offset_compound(schedule: DiscountSchedule, t: int) -> Decimal:
    """:meth:`DiscountSchedule.compound_factor` of an offset the library computed itself
    (``t >= 0``), not checked again."""
    return _table(schedule.bands).compound(t)


# --------------------------------------------------------------------------- shipped schedules


def constant(
    rate: Exact, *, name: str | None = None, source: ParameterSource | None = None
) -> DiscountSchedule:
    """A schedule with one rate for every year.

    >>> constant("3.5%").factor(2) == constant("0.035").factor(2)
    True
    >>> constant(0).name
    'constant 0%'
    """
    value = decimal(rate, what="constant rate", error=AppraisalError)
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
