"""Dated milestones of a programme and its projects, as precise as the sources state them.

Sources date things to the day ("5th December 2012"), to the month ("End October 2012",
"from Oct 2013") or to the year ("in 2014"). A :class:`MilestoneDate` keeps exactly that
precision, so that wecb never invents a day the source does not give; its text form is ISO
8601's: ``"2012-12-05"``, ``"2012-10"`` or ``"2014"``. A :class:`Milestone` is a point
(``date``), a span (``date`` to ``until``, both included, as in "1st November 2012 to March
2013") or open-ended (``onwards``, as in "April 2013 onwards"). Its wording in the source is
its ``label``, with the sentence in ``source``; ``note`` says how a date was read when the
source leaves a part to its context (a year taken from the document's date).

Milestones are held by the programme (:attr:`Programme.milestones
<wecb.model.programme.Programme.milestones>`), each with ``project`` set to a project's key
when it belongs to one, or ``None`` for the programme as a whole; the programme checks the
project keys and that milestone keys are unique.

>>> when = MilestoneDate.parse("2012-10")
>>> when, when.first_day(), when.last_day()
(MilestoneDate('2012-10'), datetime.date(2012, 10, 1), datetime.date(2012, 10, 31))
>>> Milestone(key="go", label="Implementation of Business Cases",
...           date=MilestoneDate.parse("2013-04"), onwards=True).when
'2013-04 onwards'
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Collection, Mapping, Sequence
from typing import Final

import attrs

from wecb.core._validators import (
    check_bool,
    check_instance,
    check_key,
    check_text,
    fail,
    field,
    optional,
)
from wecb.errors import ParseError
from wecb.model.decisions import decision_problems, is_partner_reference
from wecb.model.documents import Source, source_field
from wecb.model.projects import Project

__all__ = ["Milestone", "MilestoneDate", "schedule_problems"]

_PATTERN: Final = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?")
_ACCEPTED: Final = "a date as the source gives it: '2012-10-30', '2012-10' or '2012'"


def _check_year(where: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1000 <= value <= 9999:
        fail(where, value, "a year of four digits, 1000-9999")


def _check_month(instance: MilestoneDate, attribute: object, value: int | None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 12:
        fail("MilestoneDate.month", value, "a month 1-12, or None for a year")


def _check_day(instance: MilestoneDate, attribute: object, value: int | None) -> None:
    if value is None:
        return
    if instance.month is None:
        fail("MilestoneDate.day", value, "no day without a month")
    month = instance.month
    last = calendar.monthrange(instance.year, month)[1]
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= last:
        fail("MilestoneDate.day", value, f"a day 1-{last} of {instance.year}-{month:02d}")


@attrs.frozen(kw_only=True, order=False)
class MilestoneDate:
    """A date to the day, the month or the year, as its source states it."""

    year: int = attrs.field(validator=field(_check_year))
    month: int | None = attrs.field(default=None, validator=_check_month)
    day: int | None = attrs.field(default=None, validator=_check_day)

    @classmethod
    def parse(cls, text: str) -> MilestoneDate:
        """The date written ``"2012-10-30"``, ``"2012-10"`` or ``"2012"``.

        >>> MilestoneDate.parse("2012-9")
        Traceback (most recent call last):
        ...
        wecb.errors.ParseError: '2012-9' is not a date as the source gives it: \
'2012-10-30', '2012-10' or '2012'
        """
        if not isinstance(text, str):
            raise ParseError(f"{text!r} is not {_ACCEPTED}")
        match = _PATTERN.fullmatch(text.strip())
        if match is None:
            raise ParseError(f"{text[:40]!r} is not {_ACCEPTED}")
        month, day = match["month"], match["day"]
        return cls(
            year=int(match["year"]),
            month=None if month is None else int(month),
            day=None if day is None else int(day),
        )

    @classmethod
    def of(cls, day: datetime.date) -> MilestoneDate:
        """The date of a calendar day."""
        return cls(year=day.year, month=day.month, day=day.day)

    @property
    def precision(self) -> str:
        """``"day"``, ``"month"`` or ``"year"``."""
        return "year" if self.month is None else "month" if self.day is None else "day"

    def first_day(self) -> datetime.date:
        """The first calendar day the date covers."""
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> datetime.date:
        """The last calendar day the date covers."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return datetime.date(self.year, month, day)

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def __repr__(self) -> str:
        return f"MilestoneDate({str(self)!r})"


def _check_until(instance: Milestone, attribute: object, value: MilestoneDate | None) -> None:
    if value is None:
        return
    check_instance(MilestoneDate, "MilestoneDate.parse('2013-03')")("Milestone.until", value)
    assert isinstance(value, MilestoneDate)
    if value.last_day() <= instance.date.first_day():
        fail("Milestone.until", str(value), f"a date after the milestone's date {instance.date}")


def _check_onwards(instance: Milestone, attribute: object, value: object) -> None:
    check_bool("Milestone.onwards", value)
    if value and instance.until is not None:
        fail("Milestone.onwards", value, "False when 'until' is given (a span has an end)")


@attrs.frozen(kw_only=True)
class Milestone:
    """A dated milestone of the programme, or of one project (see the module's text)."""

    key: str = attrs.field(validator=field(check_key))
    label: str = attrs.field(validator=field(check_text))
    date: MilestoneDate = attrs.field(
        validator=field(check_instance(MilestoneDate, "MilestoneDate.parse('2012-10')"))
    )
    until: MilestoneDate | None = attrs.field(default=None, validator=_check_until)
    onwards: bool = attrs.field(default=False, validator=_check_onwards)
    project: str | None = attrs.field(default=None, validator=field(optional(check_key)))
    note: str | None = attrs.field(default=None, validator=field(optional(check_text)))
    source: Source | None = source_field()

    @property
    def when(self) -> str:
        """The milestone's date as text: ``"2012-11-01 to 2013-03"``, ``"2013-04 onwards"``."""
        if self.until is not None:
            return f"{self.date} to {self.until}"
        return f"{self.date} onwards" if self.onwards else str(self.date)

    def first_day(self) -> datetime.date:
        """The first day the milestone covers (for ordering)."""
        return self.date.first_day()


def schedule_problems(
    projects: Mapping[str, Project], partners: Collection[str], milestones: Sequence[Milestone]
) -> list[str]:
    """The problems of a programme's decisions and milestones, each with its place: every
    project's decision history (:func:`~wecb.model.decisions.decision_problems`), each
    decision's ``decided_by`` written as a key naming a known partner, each milestone's key
    unique and its project known."""
    problems: list[str] = []
    for key, project in projects.items():
        where = f"projects[{key!r}]"
        problems += decision_problems(where, project.decisions, project.stage)
        for index, decision in enumerate(project.decisions):
            by = decision.decided_by
            if is_partner_reference(by) and by not in partners:
                problems.append(
                    f"{where}.decisions[{index}].decided_by: unknown partner {by!r} (a named "
                    f"body is written with a space); known: {_known(partners)}"
                )
    seen: dict[str, int] = {}
    for index, milestone in enumerate(milestones):
        where = f"milestones[{index}]"
        if milestone.key in seen:
            problems.append(
                f"{where}.key: {milestone.key!r} is already used by "
                f"milestones[{seen[milestone.key]}]"
            )
        seen.setdefault(milestone.key, index)
        if milestone.project is not None and milestone.project not in projects:
            problems.append(
                f"{where}.project: unknown project {milestone.project!r}; "
                f"known: {_known(projects)}"
            )
    return problems


def _known(keys: Collection[str]) -> str:
    return ", ".join(repr(k) for k in sorted(keys)) or "none"
