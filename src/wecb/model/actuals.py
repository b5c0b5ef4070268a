"""Actuals: amounts realised against the plan, by project, line and financial year.

An :class:`Actual` records what one line of one project came to in one financial year, as
known on a date (``as_at``). A programme holds its actuals in :attr:`Programme.actuals
<wecb.model.programme.Programme.actuals>` (the top-level ``actuals`` of a programme file);
:func:`wecb.io.read_actuals` reads them from a sidecar CSV file or workbook instead.

Lines
-----
A cash flow belongs to a line through its ``label``: the line ``"Gross cashable benefit"``
of project ``FBC1`` is every cash flow of ``FBC1`` (its table's flows and its own, as
:attr:`Project.cash_flows <wecb.model.projects.Project.cash_flows>` lists them) labelled
so, in whatever periods they lie. An actual names its line by that label, exactly. A line
is a cost or a benefit, never both: a label that a project gives to costs and to benefits
cannot be named by an actual (the programme reports it), and a flow with no label cannot be
named at all. An actual's amount is a magnitude (zero or more), like a cash flow's; its
line says whether it is spent or saved.

Checks (the programme reports each with its place, e.g. ``actuals[2].line``): the project
is one of the programme's, the line is a label of that project's cash flows, of one nature;
the amount is in the programme's currency; the financial year had begun by the ``as_at``
date; and no two actuals record the same project, line and year as at the same date (a
later ``as_at`` restates an earlier one: :func:`~wecb.appraisal.realisation.realisation`
takes the latest).

>>> import datetime
>>> from wecb.core.money import Money
>>> from wecb.core.periods import FinancialYear
>>> actual = Actual(project="FBC1", line="Gross cashable benefit", year=FinancialYear(2013),
...                 amount=Money("1200000"), as_at=datetime.date(2014, 5, 31))
>>> print(actual)
FBC1 / Gross cashable benefit / 2013/14: £1,200,000.00 as at 2014-05-31
>>> Actual(project="FBC1", line="x", year=FinancialYear(2014), amount=Money("5"),
...        as_at=datetime.date(2014, 3, 31))
Traceback (most recent call last):
...
wecb.errors.ValidationError: Actual.as_at: datetime.date(2014, 3, 31) is not accepted; \
expected a date on or after 2014-04-01, the start of 2014/15 (the year the actual records)
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping

import attrs

from wecb.core._validators import (
    check_instance,
    check_key,
    check_non_negative_money,
    check_text,
    fail,
    field,
    wrong_type,
)
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.model.cashflows import CashFlow, Nature
from wecb.model.documents import Source, source_field
from wecb.model.projects import Project

__all__ = ["Actual", "actual_problems", "line_natures"]


def _check_date(where: str, value: object) -> None:
    # A datetime is a date too; an actual is known on a day, not at an hour.
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        wrong_type(where, value, "a datetime.date, e.g. datetime.date(2014, 5, 31)")


@attrs.frozen(kw_only=True)
class Actual:
    """What the line ``line`` of project ``project`` came to in ``year``, known at ``as_at``.

    ``amount`` is a magnitude (zero or more) in the programme's currency: money spent on a
    cost line, or saved on a benefit line. ``source`` says where the figure comes from (a
    ledger, a monitoring return, a board paper).
    """

    project: str = attrs.field(validator=field(check_key))
    line: str = attrs.field(validator=field(check_text))
    year: FinancialYear = attrs.field(
        validator=field(check_instance(FinancialYear, "FinancialYear(2014)"))
    )
    amount: Money = attrs.field(validator=field(check_non_negative_money))
    as_at: datetime.date = attrs.field(validator=field(_check_date))
    source: Source | None = source_field()

    def __attrs_post_init__(self) -> None:
        if self.as_at < self.year.start:
            fail(
                "Actual.as_at",
                self.as_at,
                f"a date on or after {self.year.start.isoformat()}, the start of {self.year} "
                "(the year the actual records)",
            )

    def __str__(self) -> str:
        return (
            f"{self.project} / {self.line} / {self.year}: {self.amount} "
            f"as at {self.as_at.isoformat()}"
        )


def line_natures(flows: Iterable[CashFlow]) -> dict[str, set[Nature]]:
    """Each label of ``flows`` (a project's cash flows) with the natures of its flows."""
    out: dict[str, set[Nature]] = {}
    for flow in flows:
        if flow.label is not None:
            out.setdefault(flow.label, set()).add(flow.nature)
    return out


def actual_problems(
    actuals: tuple[Actual, ...], projects: Mapping[str, Project], currency: str
) -> list[str]:
    """Every problem of ``actuals`` against a programme's ``projects`` (by key) and
    ``currency``, each with its place (see the module notes)."""
    problems: list[str] = []
    natures = {key: line_natures(p.cash_flows) for key, p in projects.items()}
    seen: dict[tuple[str, str, FinancialYear, datetime.date], int] = {}
    for index, actual in enumerate(actuals):
        where = f"actuals[{index}]"
        lines = natures.get(actual.project)
        if lines is None:
            known = ", ".join(repr(k) for k in sorted(projects)) or "none"
            problems.append(f"{where}.project: unknown project {actual.project!r}; known: {known}")
        elif actual.line not in lines:
            known = ", ".join(repr(k) for k in sorted(lines)) or "none (no flow has a label)"
            problems.append(
                f"{where}.line: project {actual.project!r} has no line labelled "
                f"{actual.line!r}; its lines: {known}"
            )
        elif len(lines[actual.line]) > 1:
            problems.append(
                f"{where}.line: the label {actual.line!r} of project {actual.project!r} names "
                "costs and benefits; an actual names a line of one nature (give the costs "
                "and the benefits different labels)"
            )
        if actual.amount.currency != currency:
            problems.append(
                f"{where}.amount: {actual.amount} is in {actual.amount.currency}; the "
                f"programme's currency is {currency}"
            )
        key = (actual.project, actual.line, actual.year, actual.as_at)
        if key in seen:
            problems.append(
                f"{where}: records {actual.project!r} / {actual.line!r} / {actual.year} as at "
                f"{actual.as_at.isoformat()} again (also at actuals[{seen[key]}]); one "
                "figure per line, year and date"
            )
        else:
            seen[key] = index
    return problems
