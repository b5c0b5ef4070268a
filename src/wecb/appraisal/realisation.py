"""Benefits realisation: the plan against the actuals, by project and year, and a re-forecast.

:func:`realisation` sets the programme's plan, phased into financial years exactly as
:func:`~wecb.appraisal.cba.appraise` phases it (undiscounted, unadjusted, in the amounts
stated), beside its actuals (:mod:`wecb.model.actuals`): for each project, nature (costs,
benefits) and year, and on request each line or partner, the planned amount, the actual,
the variance (actual less planned), the realisation rate (actual / planned, an exact
fraction), the cumulative planned and actual amounts and a RAG status.

* **Years.** Every year the plan or an actual touches is a row: a year after the report's
  date is "not due"; a year with no actual recorded is "no actual" (the report does not
  read a missing actual as zero).
* **RAG.** A benefit row with a realisation rate is green at or above
  :attr:`RagThresholds.green` (90% by default), amber at or above
  :attr:`RagThresholds.amber` (70%), red below. Costs are not rated (spending less than
  planned is not a shortfall): their rate is shown, their status is "cost".
* **Restatements.** Of several actuals for one line and year, the latest ``as_at`` counts;
  the assumptions list the ones it restates.
* **The report's date.** ``as_at`` is a day (an actual known after it is refused) or a
  financial year (an actual for a later year is refused; the year is read as complete).
* **Re-forecast.** :meth:`Realisation.reforecast` is the programme with each completed
  year's actuals in place of the plan and the plan for every other year: a
  :class:`~wecb.model.programme.Programme` that ``appraise`` takes as it is.

>>> import datetime
>>> from wecb.core.money import Money
>>> from wecb.core.periods import FinancialYear
>>> FY = FinancialYear
>>> from wecb.model.actuals import Actual
>>> from wecb.model.cashflows import CashFlow, Nature, ValueType
>>> from wecb.model.domains import Domain, DomainKind
>>> from wecb.model.programme import Programme
>>> from wecb.model.projects import Project
>>> saving = [CashFlow(amount=Money(1000), nature=Nature.BENEFIT, period=FY(2014) + i,
...                    value_type=ValueType.FISCAL, cashable=True, label="saving")
...           for i in range(3)]
>>> project = Project(key="P1", title="Triage", domain="d", flows=(
...     CashFlow(amount=Money(500), nature=Nature.COST, period=FY(2014), label="set-up"),
...     *saving))
>>> programme = Programme(name="Demo", place="Here", partners=(),
...     domains=(Domain(key="d", name="D", kind=DomainKind.THEMATIC),), projects=(project,),
...     actuals=(Actual(project="P1", line="saving", year=FY(2014), amount=Money(800),
...                     as_at=datetime.date(2015, 5, 31), source="finance ledger"),))
>>> report = realisation(programme, as_at=FY(2014))
>>> [(str(r.year), r.nature.value, str(r.actual), r.rate, r.status) for r in report.lines]
... # doctest: +NORMALIZE_WHITESPACE
[('2014/15', 'cost', 'None', None, 'no actual'),
 ('2014/15', 'benefit', '£800.00', Fraction(4, 5), 'amber'),
 ('2015/16', 'benefit', 'None', None, 'not due'),
 ('2016/17', 'benefit', 'None', None, 'not due')]
>>> from wecb.appraisal.cba import appraise
>>> from wecb.appraisal.schedules import ZERO_RATE
>>> appraise(report.reforecast(), base_year=FY(2014), price_base=FY(2014),
...          schedule=ZERO_RATE).financial_case.net_present_budget_impact().amount
Money('2300.00', 'GBP')
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Final

import attrs

from wecb.appraisal._realisation_plan import (
    AsAt,
    Group,
    GroupYears,
    as_at_words,
    complete,
    grouped,
    latest_actuals,
    planned_flows,
    reforecast_programme,
    report_year,
    row_status,
)
from wecb.appraisal.phasing import Phasing
from wecb.core._validators import require_instance
from wecb.core.assumptions import Assumption, ResultRows, assumption_notes
from wecb.core.cells import ratio_text
from wecb.core.money import Money
from wecb.core.numbers import fraction
from wecb.core.periods import FinancialYear
from wecb.core.table import Column, Table, Tabular
from wecb.errors import AppraisalError
from wecb.model.actuals import Actual
from wecb.model.cashflows import Nature
from wecb.model.programme import Programme

__all__ = ["BREAKDOWNS", "Rag", "RagThresholds", "Realisation", "RealisationLine", "realisation"]

#: What a report may break each project's rows down by, besides nature and year.
BREAKDOWNS: Final = ("line", "partner")


class Rag(enum.Enum):
    """A benefit row's status by its realisation rate."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"


def _green(value: object) -> Fraction:
    return fraction(value, what="RagThresholds.green", minimum=0, error=AppraisalError)


def _amber(value: object) -> Fraction:
    return fraction(value, what="RagThresholds.amber", minimum=0, error=AppraisalError)


@attrs.frozen
class RagThresholds:
    """The realisation rates at which a benefit row turns green and amber (exact; a rate
    below ``amber`` is red). Defaults: green at 90%, amber at 70%.

    >>> RagThresholds().rag(Fraction(85, 100))
    <Rag.AMBER: 'amber'>
    >>> RagThresholds(green="0.8", amber="0.9")
    Traceback (most recent call last):
    ...
    wecb.errors.AppraisalError: RagThresholds: amber 9/10 is above green 4/5; amber is the \
lower threshold
    """

    green: Fraction = attrs.field(default=Fraction(9, 10), converter=_green)
    amber: Fraction = attrs.field(default=Fraction(7, 10), converter=_amber)

    def __attrs_post_init__(self) -> None:
        if self.amber > self.green:
            raise AppraisalError(
                f"RagThresholds: amber {self.amber} is above green {self.green}; amber is "
                "the lower threshold"
            )

    def rag(self, rate: Fraction) -> Rag:
        """The status of a benefit realised at ``rate``."""
        if rate >= self.green:
            return Rag.GREEN
        return Rag.AMBER if rate >= self.amber else Rag.RED

    def __str__(self) -> str:
        return (
            f"benefits green at {ratio_text(self.green * 100, 1)}% or more, amber at "
            f"{ratio_text(self.amber * 100, 1)}% or more, red below"
        )


@attrs.frozen(kw_only=True)
class RealisationLine:
    """One row: a project's costs or benefits (of one line or partner when the report is by
    one) in one year. ``actual``, ``variance`` and ``rate`` are ``None`` when no actual is
    recorded (``rate`` also when nothing is planned); the cumulative amounts run from the
    group's first year (the actual's ``None`` until one is recorded). ``status`` is the RAG
    value, ``"cost"``, ``"no actual"``, ``"not due"``, ``"no plan"`` or ``"part reported"``
    (some of the group's lines planned in the year have no actual)."""

    project: str
    nature: Nature
    group: str | None
    year: FinancialYear
    planned: Money
    actual: Money | None
    variance: Money | None
    rate: Fraction | None
    cumulative_planned: Money
    cumulative_actual: Money | None
    rag: Rag | None
    status: str


@attrs.frozen(kw_only=True)
class Realisation(Tabular):
    """The realisation report of :func:`realisation` (see the module notes)."""

    programme: Programme = attrs.field(repr=False)
    lines: tuple[RealisationLine, ...]
    as_at: AsAt
    by: str | None
    thresholds: RagThresholds
    phasing: Phasing
    actuals: tuple[Actual, ...] = attrs.field(repr=False)
    restated: tuple[Actual, ...] = attrs.field(repr=False)

    def assumptions(self) -> tuple[Assumption, ...]:
        """The report's date, the plan's basis, the thresholds and the actuals used."""
        stated = "stated by the caller"
        out = [
            Assumption(name="as at", value=as_at_words(self.as_at), source=stated),
            Assumption(
                name="plan",
                value="the programme's cash flows phased into financial years, "
                "undiscounted and unadjusted, as stated (no price conversion)",
            ),
            Assumption(name="phasing", value=str(self.phasing).replace("\n", "; "), source=stated),
            Assumption(
                name="RAG thresholds",
                value=str(self.thresholds),
                source="wecb's default" if self.thresholds == RagThresholds() else stated,
            ),
            Assumption(
                name="actuals",
                value=f"{len(self.actuals)} recorded (the latest for each line and year); "
                "a year with none recorded is shown as 'no actual', not as zero",
            ),
        ]
        out += [
            Assumption(name="restated actual", value=f"{a} (a later figure counts)")
            for a in self.restated
        ]
        if isinstance(self.as_at, datetime.date):
            current = FinancialYear.containing(self.as_at)
            if not complete(current, self.as_at):
                out.append(
                    Assumption(
                        name="part year",
                        value=f"{current} is under way: its actuals are to date, against the "
                        "whole year's plan, and the re-forecast keeps its plan",
                    )
                )
        return tuple(out)

    def rows(self) -> ResultRows:
        """One row per project, nature (group) and year: amounts exact, the rate as a
        ``Decimal`` (``actual / planned`` as :class:`~wecb.core.money.Money` divides; the
        line's :attr:`~RealisationLine.rate` is the exact fraction)."""
        rows = []
        for line in self.lines:
            row: dict[str, object] = {"project": line.project, "nature": line.nature.value}
            if self.by is not None:
                row[self.by] = line.group
            row |= {
                "year": str(line.year),
                "planned": line.planned,
                "actual": line.actual,
                "variance": line.variance,
                "realisation_rate": _rate(line),
                "cumulative_planned": line.cumulative_planned,
                "cumulative_actual": line.cumulative_actual,
                "status": line.status,
            }
            rows.append(row)
        return ResultRows(rows, assumptions=self.assumptions())

    def table(self) -> Table:
        """The report: amounts to the penny, rates as percentages to one place."""
        group = () if self.by is None else (Column(key=self.by, align="left"),)
        columns = (
            Column(key="project", align="left"),
            Column(key="nature", align="left"),
            *group,
            Column(key="year", align="left"),
            *(Column(key=k, header=h, align="right") for k, h in _AMOUNTS),
            Column(key="status", align="left"),
        )
        body = [
            (
                line.project,
                line.nature.value,
                *(() if self.by is None else (line.group or "(none)",)),
                str(line.year),
                line.planned,
                "-" if line.actual is None else line.actual,
                "-" if line.variance is None else line.variance,
                "-" if line.rate is None else f"{ratio_text(line.rate * 100, 1)}%",
                line.cumulative_planned,
                "-" if line.cumulative_actual is None else line.cumulative_actual,
                line.status,
            )
            for line in self.lines
        ]
        return Table(
            columns=columns,
            rows=body,
            title=f"Realisation of {self.programme.name} as at {as_at_words(self.as_at)}",
            notes=assumption_notes(self.assumptions()),
            scale="units",
            places=2,
        )

    def reforecast(self) -> Programme:
        """The programme re-forecast: each completed year's actuals in place of the plan,
        the plan for every other year (see the module notes)."""
        plan = planned_flows(self.programme, self.phasing)
        latest = {(a.project, a.line, a.year): a for a in self.actuals}
        return reforecast_programme(self.programme, plan, latest, self.as_at)


_AMOUNTS: Final = (
    ("planned", "planned"),
    ("actual", "actual"),
    ("variance", "variance"),
    ("rate", "rate"),
    ("cumulative_planned", "cum. planned"),
    ("cumulative_actual", "cum. actual"),
)


def _rate(line: RealisationLine) -> Decimal | None:
    if line.rate is None or line.actual is None:
        return None
    return line.actual / line.planned


def realisation(
    programme: Programme,
    phasing: Phasing | None = None,
    *,
    as_at: datetime.date | FinancialYear,
    by: str | None = None,
    actuals: Iterable[Actual] = (),
    thresholds: RagThresholds | None = None,
) -> Realisation:
    """The realisation report of ``programme`` as at ``as_at`` (see the module notes).

    ``phasing`` spreads open periods over years as for ``appraise`` (required when the
    programme has any non-zero flow in one); ``by`` is ``None``, ``"line"`` (each line
    label; unlabelled flows together) or ``"partner"`` (the payer of a cost, the
    beneficiary of a benefit); ``actuals`` are taken with the programme's own (for example
    those :func:`wecb.io.read_actuals` reads), checked the same way.
    """
    require_instance("realisation programme", programme, Programme, "a Programme")
    phasing = require_instance(
        "realisation phasing", Phasing() if phasing is None else phasing, Phasing, "a Phasing"
    )
    if isinstance(as_at, datetime.datetime) or not isinstance(
        as_at, datetime.date | FinancialYear
    ):
        raise AppraisalError.not_accepted(
            "realisation as_at",
            as_at,
            "a datetime.date or a FinancialYear, e.g. FinancialYear(2014)",
        )
    if by is not None and by not in BREAKDOWNS:
        raise AppraisalError.not_accepted(
            "realisation by", by, f"None or one of {', '.join(BREAKDOWNS)}"
        )
    thresholds = require_instance(
        "realisation thresholds", thresholds or RagThresholds(), RagThresholds, "RagThresholds"
    )
    latest, restated = latest_actuals(programme, actuals, as_at)
    plan = planned_flows(programme, phasing)
    lines = _lines(grouped(programme, plan, latest, by), as_at, thresholds)
    return Realisation(
        programme=programme,
        lines=lines,
        as_at=as_at,
        by=by,
        thresholds=thresholds,
        phasing=phasing,
        actuals=tuple(latest.values()),
        restated=tuple(restated),
    )


def _lines(
    groups: dict[Group, GroupYears], as_at: AsAt, thresholds: RagThresholds
) -> tuple[RealisationLine, ...]:
    last = report_year(as_at)
    out = []
    for (project, nature, group), years in groups.items():
        cumulative: Money | None = None
        realised: Money | None = None
        for year, (planned, actual, missing) in years.items():
            cumulative = planned if cumulative is None else cumulative + planned
            if actual is not None:
                realised = actual if realised is None else realised + actual
            rate = None
            if actual is not None and not missing and not planned.is_zero():
                rate = Fraction(actual.amount) / Fraction(planned.amount)
            rag = None if rate is None or nature is Nature.COST else thresholds.rag(rate)
            out.append(
                RealisationLine(
                    project=project,
                    nature=nature,
                    group=group,
                    year=year,
                    planned=planned,
                    actual=actual,
                    variance=None if actual is None else actual - planned,
                    rate=rate,
                    cumulative_planned=cumulative,
                    cumulative_actual=realised,
                    rag=rag,
                    status=row_status(
                        year > last,
                        planned,
                        actual,
                        missing=missing,
                        rag=None if rate is None else ("cost" if rag is None else rag.value),
                    ),
                )
            )
    return tuple(out)
