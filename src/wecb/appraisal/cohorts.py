"""Cohort model: a unit cost or saving times throughput gives a cash-flow profile.

A business case often states its benefit as a **unit value** (a pint rate from
:mod:`wecb.units`, such as "£52,000 per family") and its scale as **throughput**: teams,
each working with so many cases a year, starting at given dates. A :class:`CohortWave` is
one cohort of teams ("8 teams from October 2013, each working with 135 families a year");
a :class:`CohortModel` applies a unit value to its waves and :meth:`CohortModel.profile`
gives money per financial year, exactly, as a
:class:`~wecb.appraisal.cohort_profiles.CohortProfile`.

Part years count by whole months: a wave starting in October works 6 of the 12 months of
its first financial year (October to March), so it contributes half a year's throughput.

Units are checked by pint, once per wave: the unit value times the throughput times teams
times a duration must be an amount of money, so a value "per family" needs a throughput of
families, and a value "per family per year" also needs ``case_duration`` (how long each
case's annual value lasts), never assumed. The arithmetic after the check is exact:
``money in a year = (value per team-year) x teams x months / 12``, with exact fractions;
a result that is not a terminating decimal raises rather than rounds (pass
``cases_rounding`` to round each year's cases to whole ones instead).

>>> from wecb.core.periods import FinancialYear
>>> wave = CohortWave(label="8 teams", teams=8, cases_per_team_per_year=135,
...                   start=FinancialYear(2013), start_month=10)
>>> model = CohortModel.of("family teams", unit_value="£52,000 per family", waves=(wave,))
>>> profile = model.profile(FinancialYear(2013), FinancialYear(2014))
>>> [(str(y), cases, str(money)) for y, cases, money in profile.years]
[('2013/14', Fraction(540, 1), '£28,080,000.00'), ('2014/15', Fraction(1080, 1), \
'£56,160,000.00')]
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs

from wecb.appraisal._assumptions import CALLER
from wecb.appraisal._checks import year_field
from wecb.appraisal._cohort_assumptions import model_rules
from wecb.appraisal._exact import round_ratio
from wecb.appraisal.cohort_profiles import CohortProfile
from wecb.core._decimal import own_context
from wecb.core._validators import field_name, require_instance
from wecb.core.assumptions import Assumption
from wecb.core.money import Money
from wecb.core.numbers import decimal
from wecb.core.periods import FinancialYear
from wecb.errors import AppraisalError, UnitError, WecbError, WecbTypeError
from wecb.model.documents import source_text
from wecb.model.facts import TeamPlan
from wecb.units import COHORTS

if TYPE_CHECKING:
    from wecb.units import Quantity

__all__ = ["CohortModel", "CohortWave", "months_active"]

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def months_active(start: FinancialYear, start_month: int, year: FinancialYear) -> int:
    """Whole months of ``year`` after a start in calendar month ``start_month`` of ``start``.

    >>> fy = FinancialYear(2013)
    >>> months_active(fy, 10, fy), months_active(fy, 4, fy), months_active(fy, 3, fy)
    (6, 12, 1)
    >>> months_active(fy, 10, fy - 1), months_active(fy, 10, fy + 1)
    (0, 12)
    """
    if year < start:
        return 0
    if year > start:
        return 12
    # April is month 1 of the financial year, March month 12.
    return 12 - (start_month - 4) % 12


def _positive_int(instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    expected = "a whole number of 1 or more"
    if require_instance(field_name(instance, attribute), value, int, expected) < 1:
        raise AppraisalError.not_accepted(field_name(instance, attribute), value, expected)


_MONTH = "a calendar month 1-12 (4 = April, the start of a financial year)"


def _month(instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if not 1 <= require_instance(field_name(instance, attribute), value, int, _MONTH) <= 12:
        raise AppraisalError.not_accepted(field_name(instance, attribute), value, _MONTH)


def _decimal_or_none(value: object) -> Decimal | None:
    if value is None:
        return None
    return decimal(
        value, what="CohortWave.cases_per_team_per_year", minimum=0, error=AppraisalError
    )


def _cohort(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    expected = f"a cohort unit, one of {', '.join(COHORTS)}"
    if require_instance("CohortWave.unit", value, str, expected) not in COHORTS:
        raise AppraisalError.not_accepted("CohortWave.unit", value, expected)


@attrs.frozen(kw_only=True)
class CohortWave:
    """Teams that start together: ``teams`` teams, each working with
    ``cases_per_team_per_year`` cases (``unit``, families by default) a year, from calendar
    month ``start_month`` of financial year ``start`` (April, a whole year, by default), up
    to ``last`` inclusive (``None``: for as long as the profile runs).

    ``cases_per_team_per_year=None`` makes a wave of teams alone, for unit values per team
    (a cost "per team per year").

    >>> wave = CohortWave(label="w", teams=4, cases_per_team_per_year=180,
    ...                   start=FinancialYear(2014))
    >>> wave.cases(FinancialYear(2014)), wave.starts
    (Fraction(720, 1), 'Apr 2014')
    """

    label: str
    teams: int = attrs.field(validator=_positive_int)
    cases_per_team_per_year: Decimal | None = attrs.field(converter=_decimal_or_none)
    unit: str = attrs.field(default="family", validator=_cohort)
    start: FinancialYear = attrs.field(validator=year_field)
    start_month: int = attrs.field(default=4, validator=_month)
    last: FinancialYear | None = attrs.field(
        default=None, validator=attrs.validators.optional(year_field)
    )
    note: str | None = None
    source: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.last is not None and self.last < self.start:
            raise AppraisalError(
                f"CohortWave {self.label!r}: last ({self.last}) is before start ({self.start})"
            )

    @classmethod
    def from_team_plan(
        cls,
        plan: TeamPlan,
        *,
        assume_start_month: int | None = None,
        last: FinancialYear | None = None,
    ) -> CohortWave:
        """A wave from a programme's :class:`~wecb.model.facts.TeamPlan`.

        ``cases_per_team`` is read as cases per team per year, an assumption the wave's note
        records. A plan that gives no start month ("4 further teams in 2014") needs
        ``assume_start_month``, recorded in the note too; nothing is guessed.
        """
        require_instance("CohortWave.from_team_plan", plan, TeamPlan, "a TeamPlan")
        assumed = [f"the plan's {plan.cases_per_team} cases per team are taken as a year's"]
        month = plan.start_month
        if month is None:
            if assume_start_month is None:
                raise AppraisalError(
                    f"team plan {plan.key!r} starts in {plan.start_year} without a month; "
                    f"pass assume_start_month (e.g. 4 for April {plan.start_year}, the start "
                    f"of {FinancialYear(plan.start_year)}) and report it as an assumption"
                )
            _month(cls, attrs.fields(cls).start_month, assume_start_month)
            month = assume_start_month
            assumed.append(
                f"the source gives no month, so the teams are taken to start in "
                f"{_MONTHS[month - 1]} {plan.start_year}"
            )
        elif assume_start_month is not None and assume_start_month != month:
            raise AppraisalError(
                f"team plan {plan.key!r} starts in month {month}; assume_start_month="
                f"{assume_start_month} contradicts it"
            )
        said = f"assumption{'s' if len(assumed) > 1 else ''}: {'; '.join(assumed)}"
        start = FinancialYear.containing(datetime.date(plan.start_year, month, 1))
        return cls(
            label=plan.key,
            teams=plan.teams,
            cases_per_team_per_year=plan.cases_per_team,
            unit=plan.unit,
            start=start,
            start_month=month,
            last=last,
            note=f"{plan.note} ({said})" if plan.note else said,
            source=source_text(plan.source),
        )

    @property
    def starts(self) -> str:
        """The calendar month the teams start, e.g. ``'Oct 2013'``."""
        year = self.start.start_year + (1 if self.start_month < 4 else 0)
        return f"{_MONTHS[self.start_month - 1]} {year}"

    @own_context  # {cases:,} follows the context's capitals
    def assumption(self) -> Assumption:
        """The wave as a profile states it: teams, start, end, cases a year and note, from
        the wave's source (else stated by the caller).

        >>> print(CohortWave(label="w", teams=2, cases_per_team_per_year=10,
        ...                  start=FinancialYear(2014)).assumption())
        wave 'w': 2 teams from Apr 2014 to the end of the profile, each working with 10 \
family cases a year (stated by the caller)
        """
        end = f"to {self.last}" if self.last is not None else "to the end of the profile"
        cases = self.cases_per_team_per_year
        work = (
            "no cases (a unit value per team)"
            if cases is None
            else f"each working with {cases:,} {self.unit} cases a year"
        )
        value = (
            f"{self.teams} team{'s' if self.teams != 1 else ''} from {self.starts} {end}, {work}"
        )
        if self.note:
            value += f"; {self.note}"
        return Assumption(name=f"wave {self.label!r}", value=value, source=self.source or CALLER)

    def months(self, year: FinancialYear) -> int:
        """Whole months the wave works in ``year`` (0 to 12)."""
        if self.last is not None and year > self.last:
            return 0
        return months_active(self.start, self.start_month, year)

    def team_years(self, year: FinancialYear) -> Fraction:
        """``teams x months / 12`` in ``year``, exactly."""
        return self.teams * Fraction(self.months(year), 12)

    def cases(self, year: FinancialYear) -> Fraction | None:
        """Cases worked with in ``year``: ``teams x cases per team per year x months / 12``
        (``None`` for a wave of teams alone)."""
        if self.cases_per_team_per_year is None:
            return None
        return Fraction(self.cases_per_team_per_year) * self.team_years(year)

    def throughput(self) -> Quantity:
        """Cases per team per year as a pint quantity (``family / team / year``)."""
        from wecb.units import quantity  # noqa: PLC0415 -- pint only when asked for

        if self.cases_per_team_per_year is None:
            raise AppraisalError(f"wave {self.label!r} has no cases, only teams")
        return quantity(self.cases_per_team_per_year, f"{self.unit} / team / year")


def _quantity_text(value: object, what: str) -> str:
    from wecb import units  # noqa: PLC0415 -- pint only when a cohort model is built

    if isinstance(value, str):
        try:
            return units.quantity_to_text(units.parse_rate(value))
        except WecbError:
            return units.quantity_to_text(units.quantity_from_text(value))
    if units.is_quantity(value):
        return units.quantity_to_text(value)
    raise WecbTypeError.not_accepted(
        what, value, "a wecb.units quantity or text such as '£52,000 per family'"
    )


def _waves(value: Iterable[CohortWave]) -> tuple[CohortWave, ...]:
    waves = tuple(value)
    for wave in waves:
        require_instance("CohortModel.waves", wave, CohortWave, "a CohortWave")
    if not waves:
        raise AppraisalError("CohortModel.waves: a cohort model needs at least one wave")
    return waves


@attrs.frozen(kw_only=True)
class CohortModel:
    """A unit value applied to waves of teams.

    ``unit_value`` and ``case_duration`` are kept as lossless quantity text
    (:func:`wecb.units.quantity_to_text`); build with :meth:`of` from quantities or text.
    ``assumption`` says where a unit value not published as such comes from.
    """

    name: str
    unit_value: str
    waves: tuple[CohortWave, ...] = attrs.field(converter=_waves)
    case_duration: str | None = None
    assumption: str | None = None
    source: str | None = None

    @classmethod
    def of(
        cls,
        name: str,
        *,
        unit_value: Quantity | str,
        waves: Iterable[CohortWave],
        case_duration: Quantity | str | None = None,
        assumption: str | None = None,
        source: str | None = None,
    ) -> CohortModel:
        """A cohort model from a unit value given as a quantity or as text."""
        model = cls(
            name=name,
            unit_value=_quantity_text(unit_value, "CohortModel.unit_value"),
            waves=tuple(waves),
            case_duration=None
            if case_duration is None
            else _quantity_text(case_duration, "CohortModel.case_duration"),
            assumption=assumption,
            source=source,
        )
        for wave in model.waves:
            model.value_per_team_year(wave)  # checks the units now, not at first use
        return model

    def value(self) -> Quantity:
        """The unit value as a pint quantity."""
        from wecb.units import quantity_from_text  # noqa: PLC0415

        return quantity_from_text(self.unit_value)

    def value_per_team_year(self, wave: CohortWave) -> Money:
        """Money per team working a whole year in ``wave``, from pint (units checked)."""
        from wecb import units  # noqa: PLC0415

        q = self.value() * units.count(1, "team") * units.duration(1, "year")
        if wave.cases_per_team_per_year is not None:
            q = q * wave.throughput()
        if self.case_duration is not None:
            q = q * units.quantity_from_text(self.case_duration)
        try:
            return units.to_money(q)
        except UnitError as exc:
            hint = ""
            if self.case_duration is None and "duration" in str(exc):
                hint = (
                    "; a value per case per year needs case_duration (how long each case's "
                    "annual value lasts), e.g. case_duration=duration(1, 'year')"
                )
            raise UnitError(
                f"cohort model {self.name!r}, wave {wave.label!r}: the unit value "
                f"{self.unit_value} times the throughput is not money: {exc}{hint}"
            ) from exc

    def profile(
        self,
        first: FinancialYear,
        last: FinancialYear,
        *,
        cases_rounding: str | None = None,
    ) -> CohortProfile:
        """Money (and cases) per financial year from ``first`` to ``last`` inclusive.

        Exact: each year's money is ``value per team-year x team-years``; a year whose
        money is not a terminating decimal raises :class:`~wecb.errors.AppraisalError`
        unless ``cases_rounding`` (a :mod:`decimal` rounding mode) rounds each wave's cases
        in each year to whole cases first. The profile states each wave
        (:meth:`CohortWave.assumption`) and these rules among its assumptions.
        """
        years = FinancialYear.range(first, last)
        rows: list[tuple[FinancialYear, Fraction, Money]] = []
        per_wave = [(wave, self.value_per_team_year(wave)) for wave in self.waves]
        for year in years:
            total_cases = Fraction(0)
            total = Money.zero(per_wave[0][1].currency)
            for wave, per_team_year in per_wave:
                share = wave.team_years(year)
                cases = wave.cases(year)
                if cases_rounding is not None and cases is not None and cases:
                    rounded = Fraction(
                        round_ratio(cases.numerator, cases.denominator, cases_rounding)
                    )
                    share = share * rounded / cases
                    cases = rounded
                money = per_team_year * share
                if Fraction(money.amount) != Fraction(per_team_year.amount) * share:
                    raise AppraisalError(
                        f"cohort model {self.name!r}, wave {wave.label!r}, {year}: "
                        f"{per_team_year} x {share} team-years is not a terminating decimal; "
                        "pass cases_rounding (e.g. decimal.ROUND_HALF_UP) to round each "
                        "year's cases to whole cases"
                    )
                total = total + money
                total_cases += cases if cases is not None else 0
            rows.append((year, total_cases, total))
        return CohortProfile(
            name=self.name,
            unit_value=self.unit_value,
            case_duration=self.case_duration,
            units=tuple(dict.fromkeys(w.unit for w in self.waves)),
            years=tuple(rows),
            assumption=self.assumption,
            source=self.source,
            basis=(
                *(wave.assumption() for wave in self.waves),
                *model_rules(case_duration=self.case_duration, cases_rounding=cases_rounding),
            ),
        )
