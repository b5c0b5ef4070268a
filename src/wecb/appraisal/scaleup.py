"""Scale-up: a pilot's net benefit scaled to other places by a driver.

The LGA commissioned Ernst & Young to "aggregate the pilots' proposals" into "an
illustration of the potential financial impact of replicating what the pilots have done
more widely" (the LGA note, 13.2). The simplest such aggregation scales the pilot's net
benefit by a **driver** (population, cohort size, addressable spend) in each place:

    figure = pilot net benefit x (place's driver / pilot's driver) x factor

giving **low, central and high** figures from low/central/high factors (for example how
much of the pilot's effect another place realises) and/or low/central/high driver values,
all data the user supplies. Each figure is a :class:`~wecb.appraisal.horizons.Total`
carrying the pilot's horizon, so a five-year pilot total scales to five-year totals and
cannot be added to a six-year one without saying so.

Every form states the assumptions behind the figures (:meth:`ScaleUp.assumptions`): the
pilot and its source (with the assumptions behind it, if given to :func:`scale_up`), the
driver, the linear scaling rule, the factors, each place's drivers, the pilot's horizon as
every figure's, and that each scenario's total adds the places' figures in that scenario.

Exact: the ratio and the figure are kept as exact fractions (:attr:`ScaledPlace.exact`);
the Money amount is the exact figure whenever it is a terminating decimal and otherwise
correct to Money's 60 significant digits (:mod:`wecb.core.money`); nothing is rounded to the
penny.

>>> from wecb.core.money import Money
>>> from wecb.core.periods import FinancialYear
>>> from wecb.appraisal.horizons import Horizon, Total
>>> pilot = Total(Money("30000000"), Horizon.of_years(FinancialYear(2013), 5, "5-year"),
...               "pilot net benefit")
>>> out = scale_up(pilot, pilot_driver=1000, driver="families",
...                places=[Place(name="A", driver=500), Place(name="B", driver=2000)],
...                factors=LowCentralHigh(low="0.5", central="0.75", high="1"))
>>> [str(t.amount) for t in out.totals]
['£37,500,000.00', '£56,250,000.00', '£75,000,000.00']
>>> str(out.totals[1].horizon)
'5-year: 2013/14 to 2017/18 (5 years)'
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, TypeAlias

import attrs

from wecb.appraisal._scaleup_assumptions import (
    assumed_tuple,
    driver_text,
    place_assumption,
    ratio_display,
    scaleup_assumptions,
)
from wecb.appraisal.horizons import Total
from wecb.core._decimal import decimal_str
from wecb.core._validators import require_instance
from wecb.core.assumptions import Assumption, ResultRows, assumption_notes
from wecb.core.cells import money_text
from wecb.core.money import Money
from wecb.core.numbers import Exact, decimal, fraction
from wecb.core.table import Column, Table, Tabular
from wecb.errors import AppraisalError, WecbError, WecbTypeError

if TYPE_CHECKING:
    from wecb.units import Quantity

__all__ = [
    "DriverValue",
    "LowCentralHigh",
    "Place",
    "ScaleUp",
    "ScaledPlace",
    "scale_up",
]

#: A driver value: an exact number, Money, or a wecb.units quantity (kept as its text).
DriverValue: TypeAlias = "Exact | Money | Quantity"
#: The three scenarios, in order.
SCENARIOS: tuple[str, str, str] = ("low", "central", "high")


def _factor(value: Exact) -> Decimal:
    return decimal(value, what="scale-up factor", error=AppraisalError)


@attrs.frozen(kw_only=True)
class LowCentralHigh:
    """Three exact factors, ``low <= central <= high`` (e.g. the share of the pilot's
    effect another place realises).

    >>> LowCentralHigh(low="0.5", central="0.75", high="1").as_tuple()
    (Decimal('0.5'), Decimal('0.75'), Decimal('1'))
    >>> LowCentralHigh(low="1", central="0.5", high="2")
    Traceback (most recent call last):
    ...
    wecb.errors.AppraisalError: LowCentralHigh needs low <= central <= high, got 1, 0.5, 2
    """

    low: Decimal = attrs.field(converter=_factor)
    central: Decimal = attrs.field(converter=_factor)
    high: Decimal = attrs.field(converter=_factor)

    def __attrs_post_init__(self) -> None:
        if not self.low <= self.central <= self.high:
            raise AppraisalError(
                "LowCentralHigh needs low <= central <= high, got "
                + ", ".join(decimal_str(f) for f in (self.low, self.central, self.high))
            )

    def as_tuple(self) -> tuple[Decimal, Decimal, Decimal]:
        return (self.low, self.central, self.high)


#: Factors of one: the pilot's net benefit per unit of driver, unchanged.
UNIT_FACTORS = LowCentralHigh(low=1, central=1, high=1)


def _driver(value: object, what: str) -> Fraction | Money | str:
    """An exact driver: a Fraction, Money, or the lossless text of a quantity."""
    if isinstance(value, Money):
        return value
    if isinstance(value, float | bool | int | Decimal | Fraction):
        return fraction(value, what=what, error=AppraisalError)
    from wecb import units  # noqa: PLC0415 -- pint only for quantity drivers

    if isinstance(value, str):
        try:
            return units.quantity_to_text(units.quantity_from_text(value))
        except WecbError as exc:
            raise AppraisalError(f"{what}: {value!r} is not a quantity: {exc}") from exc
    if units.is_quantity(value):
        return units.quantity_to_text(value)
    raise WecbTypeError.not_accepted(what, value, "a number, Money or a wecb.units quantity")


def _optional_driver(value: object) -> Fraction | Money | str | None:
    return None if value is None else _driver(value, "Place driver")


def _place_driver(value: object) -> Fraction | Money | str:
    return _driver(value, "Place.driver")


def _ratio(value: Fraction | Money | str, base: Fraction | Money | str, where: str) -> Fraction:
    """``value / base`` exactly; both of one kind (numbers, Money of one currency, or
    quantities of one dimensionality)."""
    if isinstance(value, Fraction) and isinstance(base, Fraction):
        numerator, denominator = value, base
    elif isinstance(value, Money) and isinstance(base, Money):
        if value.currency != base.currency:
            raise AppraisalError(f"{where}: {value} and {base} are in different currencies")
        numerator, denominator = Fraction(value.amount), Fraction(base.amount)
    elif isinstance(value, str) and isinstance(base, str):
        from wecb import units  # noqa: PLC0415

        base_q = units.quantity_from_text(base)
        try:
            converted = units.quantity_from_text(value).to(base_q.units)
        except WecbError as exc:
            raise AppraisalError(
                f"{where}: {value} cannot be compared with {base}: {exc}"
            ) from exc
        numerator, denominator = Fraction(converted.magnitude), Fraction(base_q.magnitude)
    else:
        raise AppraisalError(
            f"{where}: the driver {value!r} is not of the same kind as the pilot's {base!r}"
        )
    if denominator == 0:
        raise AppraisalError(f"{where}: the pilot's driver is zero, so nothing can be scaled")
    return numerator / denominator


@attrs.frozen(kw_only=True)
class Place:
    """A place to scale to: its ``driver`` value, and optionally ``low`` and ``high``
    driver values (a range the user supplies); ``central`` is ``driver``."""

    name: str
    driver: Fraction | Money | str = attrs.field(converter=_place_driver)
    low: Fraction | Money | str | None = attrs.field(default=None, converter=_optional_driver)
    high: Fraction | Money | str | None = attrs.field(default=None, converter=_optional_driver)
    note: str | None = None

    def drivers(
        self,
    ) -> tuple[Fraction | Money | str, Fraction | Money | str, Fraction | Money | str]:
        """Low, central and high driver values (``driver`` where no range is given)."""
        return (
            self.driver if self.low is None else self.low,
            self.driver,
            self.driver if self.high is None else self.high,
        )


@attrs.frozen(kw_only=True)
class ScaledPlace:
    """One place's low, central and high figures, exact and as horizon-stating totals
    (``note`` is the :class:`Place`'s)."""

    name: str
    drivers: tuple[Fraction | Money | str, Fraction | Money | str, Fraction | Money | str]
    ratios: tuple[Fraction, Fraction, Fraction]
    exact: tuple[Fraction, Fraction, Fraction]
    totals: tuple[Total, Total, Total]
    note: str | None = None

    def __getitem__(self, scenario: str) -> Total:
        """The ``'low'``, ``'central'`` or ``'high'`` total."""
        return self.totals[_scenario(scenario)]


def _scenario(name: str) -> int:
    if name not in SCENARIOS:
        raise AppraisalError(f"unknown scenario {name!r}; expected one of {SCENARIOS}")
    return SCENARIOS.index(name)


@attrs.frozen(kw_only=True)
class ScaleUp(Tabular):
    """A pilot scaled to other places: low, central and high per place and in total.

    :attr:`totals` holds the low, central and high totals over every place;
    :meth:`scenario_total` picks one by name. ``assumed`` holds the assumptions behind the
    pilot figure given to :func:`scale_up` (``==`` does not compare them);
    :meth:`assumptions` lists them with the scale-up's own.
    """

    pilot: Total
    pilot_driver: Fraction | Money | str
    driver: str
    factors: LowCentralHigh
    places: tuple[ScaledPlace, ...]
    totals: tuple[Total, Total, Total]
    exact_totals: tuple[Fraction, Fraction, Fraction]
    assumed: tuple[Assumption, ...] = attrs.field(default=(), converter=assumed_tuple, eq=False)

    def __getitem__(self, name: str) -> ScaledPlace:
        for place in self.places:
            if place.name == name:
                return place
        raise AppraisalError(f"no place {name!r} in this scale-up")

    def scenario_total(self, scenario: str = "central") -> Total:
        """The total over every place in ``scenario``."""
        return self.totals[_scenario(scenario)]

    def assumptions(self) -> tuple[Assumption, ...]:
        """The assumptions behind the pilot (``assumed``), then the pilot and its source, the
        driver, the scaling rule, the factors, each place's drivers, the horizon and how the
        totals add up."""
        places = (place_assumption(p.name, self.driver, p.drivers, p.note) for p in self.places)
        return (
            *self.assumed,
            *scaleup_assumptions(
                pilot=self.pilot,
                pilot_driver=self.pilot_driver,
                driver=self.driver,
                factors=self.factors.as_tuple(),
                default_factors=self.factors == UNIT_FACTORS,
                places=places,
            ),
        )

    def rows(self) -> ResultRows:
        """One row per place, then the total: drivers, ratios and figures (exact), carrying
        :meth:`assumptions`."""
        rows: list[dict[str, object]] = []
        for place in self.places:
            row: dict[str, object] = {"place": place.name}
            for i, scenario in enumerate(SCENARIOS):
                row[f"driver_{scenario}"] = place.drivers[i]
                row[f"ratio_{scenario}"] = place.ratios[i]
                row[scenario] = place.totals[i].amount
            rows.append(row)
        total: dict[str, object] = {"place": "total"}
        for i, scenario in enumerate(SCENARIOS):
            total[scenario] = self.totals[i].amount
        rows.append(total)
        return ResultRows(rows, assumptions=self.assumptions())

    def __repr__(self) -> str:
        low, central, high = (t.amount.format() for t in self.totals)
        count = len(self.places)
        return (
            f"<ScaleUp by {self.driver} to {count} place{'s' if count != 1 else ''}: "
            f"low {low}, central {central}, high {high} over {self.pilot.horizon}>"
        )

    def table(self) -> Table:
        """Each place's central driver and ratio and its low, central and high figures,
        then the total below a rule; :meth:`assumptions` as notes."""
        return Table(
            columns=(
                Column(key="place", align="left"),
                *(
                    Column(key=key, header=header, align="right")
                    for key, header in (("driver", self.driver), ("ratio", "ratio"))
                ),
                *(Column(key=scenario, align="right") for scenario in SCENARIOS),
            ),
            rows=[
                (
                    place.name,
                    driver_text(place.drivers[1]),
                    ratio_display(place.ratios[1]),
                    *(t.amount for t in place.totals),
                )
                for place in self.places
            ],
            footer=("total", "", "", *(t.amount for t in self.totals)),
            title=(
                f"Scale-up of {self.pilot.source or 'the pilot'}: "
                f"{money_text(self.pilot.amount)} over {self.pilot.horizon}"
            ),
            notes=assumption_notes(self.assumptions()),
            scale="units",
            places=2,
        )


def scale_up(
    pilot: Total,
    *,
    pilot_driver: DriverValue,
    places: Iterable[Place],
    factors: LowCentralHigh = UNIT_FACTORS,
    driver: str = "driver",
    assumptions: Iterable[Assumption] = (),
) -> ScaleUp:
    """Scale ``pilot`` (a net benefit stating its horizon) to ``places`` by ``driver``.

    Each figure is ``pilot x place driver / pilot_driver x factor`` for the low, central
    and high scenario; see the module notes. ``assumptions`` are those behind the pilot
    figure (an appraisal's :meth:`~wecb.appraisal.record.Appraisal.assumptions`, say): the
    scale-up lists them before its own.
    """
    require_instance(
        "scale_up pilot",
        pilot,
        Total,
        "the pilot's net benefit as a Total stating its horizon, e.g. "
        "Total(Money(...), Horizon.of_years(FinancialYear(2013), 5))",
    )
    require_instance("factors", factors, LowCentralHigh, "LowCentralHigh")
    assumed = assumed_tuple(assumptions)
    base = _driver(pilot_driver, "pilot_driver")
    chosen = tuple(places)
    if not chosen:
        raise AppraisalError("scale_up needs at least one place")
    names = [p.name for p in chosen]
    if len(set(names)) != len(names):
        raise AppraisalError(f"place names repeat: {names}")
    amount = Fraction(pilot.amount.amount)
    source = f"scaled from {pilot.source}" if pilot.source else "scaled from the pilot"
    scaled = []
    sums = [Fraction(0)] * 3
    for place in chosen:
        require_instance("places", place, Place, "a Place")
        drivers = place.drivers()
        ratios = tuple(
            _ratio(d, base, f"place {place.name!r} ({s})")
            for d, s in zip(drivers, SCENARIOS, strict=True)
        )
        exact = tuple(
            amount * r * Fraction(f) for r, f in zip(ratios, factors.as_tuple(), strict=True)
        )
        totals = tuple(
            Total(pilot.amount * (r * Fraction(f)), pilot.horizon, source)
            for r, f in zip(ratios, factors.as_tuple(), strict=True)
        )
        sums = [s + e for s, e in zip(sums, exact, strict=True)]
        scaled.append(
            ScaledPlace(
                name=place.name,
                drivers=drivers,
                ratios=(ratios[0], ratios[1], ratios[2]),
                exact=(exact[0], exact[1], exact[2]),
                totals=(totals[0], totals[1], totals[2]),
                note=place.note,
            )
        )
    one = Money(1, pilot.amount.currency)
    national = tuple(Total(one * s, pilot.horizon, source) for s in sums)
    return ScaleUp(
        pilot=pilot,
        pilot_driver=base,
        driver=driver,
        factors=factors,
        places=tuple(scaled),
        totals=(national[0], national[1], national[2]),
        exact_totals=(sums[0], sums[1], sums[2]),
        assumed=assumed,
    )
