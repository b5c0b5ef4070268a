"""Published figures and team plans: what the source documents say, kept as data.

Business cases and committee papers quote figures that are not cash flows: the cost of a
problem ("reoffending ... in the region of £75m/year"), money in scope ("approximately £2bn"),
headline savings, counts of families. A :class:`Figure` holds one such figure exactly as
stated, with its **qualifier**: a figure the source gives as "about", "c.", "in excess of"
or "up to" keeps that qualifier as data, so it is never turned into an exact claim silently.

>>> from wecb.core.money import Money
>>> reoffending = Figure(
...     key="reoffending_cost", label="Cost to Essex of reoffending",
...     kind=FigureKind.COST_PRESSURE, amount=Money("75000000"), per=("year",),
...     qualifier=Qualifier.APPROXIMATELY, published="in the region of £75m/year")
>>> reoffending.is_exact, reoffending.is_rate
(False, True)
>>> reoffending.describe()
'approximately £75,000,000.00 per year'
>>> Figure(key="families", label="Families with complex needs", kind=FigureKind.COUNT,
...        count=Decimal("2000"), unit="family", qualifier=Qualifier.MORE_THAN).describe()
'more than 2000 family'

A :class:`TeamPlan` is a planned deployment of teams, each working with a number of cases
(the Essex FBC5 business case: "Establish 8 multi-disciplinary family teams across Essex from
Oct 2013. Each working intensively with 135 disadvantaged families ..."):

>>> plan = TeamPlan(key="fbc5_wave1", project="FBC5", teams=8, cases_per_team=135,
...                 start_year=2013, start_month=10)
>>> plan.cases, plan.starts
(1080, 'Oct 2013')

:class:`~wecb.model.programme.Programme` holds both (``figures``, ``team_plans``) and checks that
the domains and projects they name exist.
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from wecb.core._validators import (
    FieldCheck,
    check_enum,
    check_key,
    check_money,
    check_text,
    fail,
    field,
    optional,
    tuple_of,
    wrong_type,
)
from wecb.core.money import Money
from wecb.core.numbers import decimal
from wecb.errors import UnknownKeyError
from wecb.model.documents import Source, source_field

if TYPE_CHECKING:
    from wecb.units import Quantity

__all__ = ["Figure", "FigureKind", "Qualifier", "TeamPlan"]

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class Qualifier(enum.Enum):
    """How exactly a source states a figure; the value is the spelling used in files."""

    #: Stated as a plain figure.
    EXACT = "exact"
    #: "about", "around", "approximately", "c.", "in the region of", "of the order of",
    #: "or so".
    APPROXIMATELY = "approximately"
    #: "it is estimated that".
    ESTIMATED = "estimated"
    #: "more than", "over", "in excess of", "exceed".
    MORE_THAN = "more_than"
    #: "at least".
    AT_LEAST = "at_least"
    #: "up to", "as much as".
    UP_TO = "up_to"

    @property
    def label(self) -> str:
        """The qualifier as words, e.g. ``'more than'`` (empty for an exact figure)."""
        return "" if self is Qualifier.EXACT else self.value.replace("_", " ")


class FigureKind(enum.Enum):
    """What a published figure measures."""

    #: The cost of a problem or a demand pressure the programme addresses.
    COST_PRESSURE = "cost_pressure"
    #: Public money spent, or in the scope of the programme.
    SPEND = "spend"
    #: Savings or benefits claimed.
    SAVING = "saving"
    #: Money made available for, or required by, the programme itself.
    FUNDING = "funding"
    #: A number of people, families, teams, ...
    COUNT = "count"


def _check_count(where: str, value: object) -> None:
    if not isinstance(value, Decimal | int) or isinstance(value, bool):
        wrong_type(where, value, "a count: an int or a Decimal (never a float)")
    if isinstance(value, Decimal) and not value.is_finite():
        fail(where, value, "a finite count")
    if value < 0:
        fail(where, value, "a count of zero or more")
    decimal(value, what=where)  # within the bounds of every number wecb reads


# wecb.units is imported inside the checks: `import wecb` must not load it (nor pint).
def _check_cohort(where: str, value: object) -> None:
    from wecb.units import COHORTS  # noqa: PLC0415

    if not isinstance(value, str):
        wrong_type(where, value, "a cohort unit name such as 'family'")
    if value not in COHORTS:
        raise UnknownKeyError.not_accepted(
            where, value, f"a cohort unit, one of {', '.join(map(repr, COHORTS))}"
        )


def _check_per(where: str, value: object) -> None:
    from wecb.units import COHORTS, TIME_UNITS  # noqa: PLC0415

    if not isinstance(value, str):
        wrong_type(where, value, "a cohort or time unit name such as 'year'")
    if value not in COHORTS and value not in TIME_UNITS:
        names = ", ".join(map(repr, (*COHORTS, *TIME_UNITS)))
        raise UnknownKeyError.not_accepted(where, value, f"a cohort or time unit, one of {names}")


def _check_int(low: int, high: int) -> FieldCheck:
    def checked(where: str, value: object) -> None:
        if not isinstance(value, int) or isinstance(value, bool):
            wrong_type(where, value, f"a whole number from {low} to {high}")
        if not low <= value <= high:
            fail(where, value, f"a whole number from {low} to {high}")

    return checked


def _as_decimal(value: object) -> object:
    # An int count is held as a Decimal, so that equal figures compare and print alike (a
    # huge one is left for the check to refuse: converting a million digits takes seconds).
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() < 4000:
        return Decimal(value)
    return value


@attrs.frozen(kw_only=True)
class Figure:
    """One figure as a source states it: money (``amount``) or a number (``count`` of
    ``unit``), optionally per one or more cohort or time units (``per``).

    ``over`` names a span the figure covers when the source gives one ("the next three
    years"); ``domain`` and ``project`` are keys the programme checks; ``place`` is set
    when the figure is about another place than the programme's (another pilot);
    ``published`` is the figure as the source writes it, qualifier included.

    >>> Figure(key="x", label="X", kind=FigureKind.SPEND)
    Traceback (most recent call last):
    ...
    wecb.errors.ValidationError: Figure.amount: None is not accepted; expected exactly one ...
    """

    key: str = attrs.field(validator=field(check_key))
    label: str = attrs.field(validator=field(check_text))
    kind: FigureKind = attrs.field(validator=field(check_enum(FigureKind)))
    amount: Money | None = attrs.field(default=None, validator=field(optional(check_money)))
    count: Decimal | None = attrs.field(
        default=None, converter=_as_decimal, validator=field(optional(_check_count))
    )
    unit: str | None = attrs.field(default=None, validator=field(optional(_check_cohort)))
    per: tuple[str, ...] = attrs.field(
        default=(), validator=field(tuple_of(_check_per, unique=True, what="unit"))
    )
    qualifier: Qualifier = attrs.field(
        default=Qualifier.EXACT, validator=field(check_enum(Qualifier))
    )
    over: str | None = attrs.field(default=None, validator=field(optional(check_text)))
    domain: str | None = attrs.field(default=None, validator=field(optional(check_key)))
    project: str | None = attrs.field(default=None, validator=field(optional(check_key)))
    place: str | None = attrs.field(default=None, validator=field(optional(check_text)))
    published: str | None = attrs.field(default=None, validator=field(optional(check_text)))
    note: str | None = attrs.field(default=None, validator=field(optional(check_text)))
    source: Source | None = source_field()

    def __attrs_post_init__(self) -> None:
        if (self.amount is None) == (self.count is None):
            fail(
                "Figure.amount",
                self.amount,
                "exactly one of amount (money) or count (a number of a cohort unit)",
            )
        if self.count is not None and self.unit is None:
            fail("Figure.unit", self.unit, "the cohort unit of the count, e.g. 'family'")
        if self.amount is not None and self.unit is not None:
            fail("Figure.unit", self.unit, "None for an amount of money (units are for counts)")
        if self.unit is not None and self.unit in self.per:
            fail("Figure.per", self.per, f"units other than the counted unit {self.unit!r}")

    @property
    def is_exact(self) -> bool:
        """Whether the source states the figure without a qualifier."""
        return self.qualifier is Qualifier.EXACT

    @property
    def is_rate(self) -> bool:
        """Whether the figure is per something (a year, a family, ...)."""
        return bool(self.per)

    @property
    def currency(self) -> str | None:
        """The currency of the amount, or ``None`` for a count."""
        return None if self.amount is None else self.amount.currency

    def quantity(self) -> Quantity:
        """The figure as a pint quantity of :mod:`wecb.units` (imports pint).

        >>> from wecb.core.money import Money
        >>> Figure(key="x", label="X", kind=FigureKind.COST_PRESSURE,
        ...        amount=Money("250000"), per=("family", "year")).quantity()
        <Quantity(250000, 'GBP / family / year')>
        """
        from wecb import units  # noqa: PLC0415 -- pint only when a quantity is asked for

        if self.amount is not None:
            base = units.from_money(self.amount)
        else:
            assert self.count is not None and self.unit is not None  # checked on construction
            base = units.count(self.count, self.unit)
        for name in self.per:
            unit = units.count(1, name) if name in units.COHORTS else units.duration(1, name)
            base = base / unit
        return base

    def describe(self) -> str:
        """The figure in words: qualifier, value, unit and what it is per."""
        value = str(self.amount) if self.amount is not None else f"{self.count} {self.unit}"
        per = "".join(f" per {name}" for name in self.per)
        over = f" over {self.over}" if self.over else ""
        words = f"{value}{per}{over}"
        return f"{self.qualifier.label} {words}" if self.qualifier.label else words


@attrs.frozen(kw_only=True)
class TeamPlan:
    """A planned deployment: ``teams`` teams of a project, each working with
    ``cases_per_team`` cases (families by default), from ``start_year`` (and month).

    >>> TeamPlan(key="x", project="FBC5", teams=0, cases_per_team=1, start_year=2014)
    Traceback (most recent call last):
    ...
    wecb.errors.ValidationError: TeamPlan.teams: 0 is not accepted; expected a whole number ...
    """

    key: str = attrs.field(validator=field(check_key))
    project: str = attrs.field(validator=field(check_key))
    teams: int = attrs.field(validator=field(_check_int(1, 100_000)))
    cases_per_team: int = attrs.field(validator=field(_check_int(1, 10_000_000)))
    unit: str = attrs.field(default="family", validator=field(_check_cohort))
    start_year: int = attrs.field(validator=field(_check_int(1900, 2199)))
    start_month: int | None = attrs.field(
        default=None,
        validator=field(optional(_check_int(1, 12))),
    )
    note: str | None = attrs.field(default=None, validator=field(optional(check_text)))
    source: Source | None = source_field()

    @property
    def cases(self) -> int:
        """The number of cases all the teams work with: ``teams * cases_per_team``."""
        return self.teams * self.cases_per_team

    @property
    def starts(self) -> str:
        """When the teams start, e.g. ``'Oct 2013'`` or ``'2014'``."""
        if self.start_month is None:
            return str(self.start_year)
        return f"{_MONTHS[self.start_month - 1]} {self.start_year}"
