"""The report: every check of a programme against its published figures, agreeing or not.

A :class:`Reconciliation` reports every :class:`~wecb.reconciliation.checks.Check`: a
discrepancy is shown with its size, never hidden, rounded away or forced to agree. What the
report assumes (what is published and what derived, the sign of each figure) is listed
under its table and carried by its rows (:meth:`Reconciliation.assumptions`).

>>> from wecb.core.money import Money
>>> from wecb.reconciliation.checks import Check
>>> same = Check("FBC9 total", Money("-5639000"), Money("-5639000"), "a table")
>>> off = Check("LGA cashable", Money("127000000"), Money("119707000"), "LGA note",
...             tolerance=Money("500000"))
>>> report = Reconciliation(subject="Example", checks=(same, off))
>>> report.passed, report.failed, [c.label for c in report.failures]
(1, 1, ['LGA cashable'])
>>> [a.name for a in report.rows().assumptions]
['claimed', 'derived', 'agrees', 'sign']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Final

import attrs

from wecb.core.assumptions import Assumption, ResultRows, assumption_notes
from wecb.core.currency import minor_digits
from wecb.core.table import Column, Table, Tabular
from wecb.errors import ReconciliationError, WecbTypeError
from wecb.reconciliation._fields import text_validator
from wecb.reconciliation.checks import Check

__all__ = ["ASSUMPTIONS", "Reconciliation"]


def _checks(instance: object, attribute: attrs.Attribute[object], value: object) -> None:
    if not isinstance(value, tuple) or not all(isinstance(c, Check) for c in value):
        raise WecbTypeError.not_accepted("Reconciliation.checks", value, "a tuple of Check")


@attrs.frozen(kw_only=True)
class Reconciliation(Tabular):
    """Every check of a programme against its published figures, agreeing or not.

    :meth:`table` (what ``print`` and Jupyter show) lays out the exact figures (nothing
    rounded), then each check's source, derivation and note, then the report's
    :meth:`assumptions`; :meth:`rows` gives plain rows, with
    :class:`~wecb.core.money.Money` for every amount, carrying the same assumptions.
    """

    subject: str = attrs.field(validator=text_validator)
    checks: tuple[Check, ...] = attrs.field(validator=_checks)

    def __iter__(self) -> Iterator[Check]:
        return iter(self.checks)

    def __len__(self) -> int:
        return len(self.checks)

    def __getitem__(self, label: str) -> Check:
        for check in self.checks:
            if check.label == label:
                return check
        known = "; ".join(repr(c.label) for c in self.checks) or "none"
        raise ReconciliationError(f"no check labelled {label!r}; checks: {known}")

    @property
    def passed(self) -> int:
        """How many checks agree."""
        return sum(1 for c in self.checks if c.agrees)

    @property
    def failed(self) -> int:
        """How many comparable checks differ by more than their tolerance."""
        return sum(1 for c in self.checks if c.differs)

    @property
    def not_comparable(self) -> int:
        """How many checks compare figures that are not like with like (each says why)."""
        return sum(1 for c in self.checks if not c.comparable)

    @property
    def failures(self) -> tuple[Check, ...]:
        """The checks that differ."""
        return tuple(c for c in self.checks if c.differs)

    @property
    def all_agree(self) -> bool:
        """Whether every check agrees."""
        return self.failed == 0

    def assumptions(self) -> tuple[Assumption, ...]:
        """What the report assumes: a claimed figure is published, a derived one computed
        by wecb, and each keeps the sign of what it measures (see :data:`ASSUMPTIONS`)."""
        return ASSUMPTIONS

    def rows(self) -> ResultRows:
        """One plain row per check (see :meth:`Check.row`), with :meth:`assumptions`."""
        return ResultRows((c.row() for c in self.checks), assumptions=self.assumptions())

    def _headline(self) -> str:
        apart = f", {self.not_comparable} not comparable" if self.not_comparable else ""
        return (
            f"Reconciliation of {self.subject}: {len(self.checks)} checks, "
            f"{self.passed} agree, {self.failed} differ{apart}"
        )

    def __repr__(self) -> str:
        return f"<{self._headline()}>"

    def table(self) -> Table:
        """The checks as a :class:`~wecb.core.table.Table`: exact money cells, shown to
        every digit they have (nothing rounded), then each check's source, derivation and
        note. ``print`` and Jupyter show this table."""
        amounts = [m for c in self.checks for m in (c.claimed, c.derived, c.tolerance)]
        places = max(
            (max(minor_digits(m.currency), -int(m.amount.as_tuple().exponent)) for m in amounts),
            default=2,
        )
        rows = [
            (i, c.status, c.label, c.claimed, c.derived, c.difference, c.tolerance)
            for i, c in enumerate(self.checks, 1)
        ]
        return Table(
            columns=_COLUMNS,
            rows=rows,
            title=self._headline(),
            notes=(*_details(self.checks), *assumption_notes(self.assumptions())),
            scale="units",
            places=places,
        )


#: What every reconciliation assumes.
ASSUMPTIONS: Final = (
    Assumption(name="claimed", value="as a document publishes it, with its own sign"),
    Assumption(name="derived", value="computed by wecb from the programme"),
    Assumption(name="agrees", value="|claimed - derived| within the check's tolerance"),
    Assumption(
        name="sign",
        value="a net benefit is positive for a saving, a net cost as published negative",
    ),
)

_COLUMNS: Final = (
    Column(key="number", header="#", align="right"),
    Column(key="status", align="left"),
    Column(key="label", header="check", align="left"),
    *(Column(key=key, align="right") for key in ("claimed", "derived", "difference", "tolerance")),
)


def _details(checks: Iterable[Check]) -> tuple[str, ...]:
    """Each check's source, derivation and note; a source or note repeated from an earlier
    check is referred to (``as [1]``), not reprinted. The first line starts with a blank
    line, to set the details off from the table."""
    details: list[str] = []
    first_source: dict[object, int] = {}
    first_note: dict[str, int] = {}
    for i, c in enumerate(checks, 1):
        seen = first_source.setdefault(c.source, i)
        details.append(f"[{i}] source: " + (str(c.source) if seen == i else f"as [{seen}]"))
        if c.not_comparable:
            details.append(f"    not comparable: {c.not_comparable}")
        if c.derivation:
            details.append(f"    derived as: {c.derivation}")
        if c.note:
            seen = first_note.setdefault(c.note, i)
            details.append("    note: " + (c.note if seen == i else f"as [{seen}]"))
    if details:
        details[0] = "\n" + details[0]
    return tuple(details)
