"""Reconciliation: check a programme against the totals its documents publish.

A :class:`Check` compares a **claimed** figure (what a document publishes) with the figure
the model **derives**, and keeps the difference, the tolerance, the source and a note.
A :class:`Reconciliation` reports every check, agreeing or not: a discrepancy is shown with
its size, never hidden, rounded away or forced to agree.

>>> from wecb.core.money import Money
>>> check = Check("FBC9 total", Money("-5639000"), Money("-5639000"), "a table")
>>> check.agrees, check.difference
(True, Money('0', 'GBP'))
>>> off = Check("LGA cashable", Money("127000000"), Money("119707000"), "LGA note",
...             tolerance=Money("500000"))
>>> off.agrees, off.difference
(False, Money('7293000', 'GBP'))
>>> report = Reconciliation(subject="Example", checks=(check, off))
>>> report.passed, report.failed
(1, 1)

A reconciliation of one's own: :func:`reconcile` (``wecb.reconcile``) runs
:class:`Claim` objects (a claimed figure and how to derive it from a programme) against a
programme. With no claims it checks every published cost-benefit table's own arithmetic
(:func:`table_claims`). Claims particular to one data set live with it: the Essex 2012
programme's are :func:`wecb.datasets.essex_2012_claims`.

A wrong type is a :class:`~wecb.errors.WecbTypeError` naming the field; a value that
cannot be taken (blank text, a negative tolerance) a
:class:`~wecb.errors.ReconciliationError`:

>>> Check("x", 1, Money(1), "s")
Traceback (most recent call last):
...
wecb.errors.WecbTypeError: Check.claimed: 1 is not accepted; expected Money
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, Final, TypeAlias

import attrs

from wecb.core.currency import minor_digits
from wecb.core.money import Money
from wecb.core.table import Column, Table, Tabular
from wecb.errors import ReconciliationError, WecbError, WecbTypeError
from wecb.model.programme import Programme

__all__ = [
    "Check",
    "Claim",
    "Derived",
    "Reconciliation",
    "reconcile",
    "table_claims",
]

#: What a claim's ``derive`` returns: the derived amount, or the amount and how it was got.
Derived: TypeAlias = Money | tuple[Money, str]


def _where(instance: object, name: str) -> str:
    return f"{type(instance).__name__}.{name}"


def _text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        raise WecbTypeError.not_accepted(_where(instance, attribute.name), value, "text")
    if not value.strip():
        raise ReconciliationError.not_accepted(
            _where(instance, attribute.name), value, "non-blank text"
        )


_OPTIONAL_TEXT: Final = attrs.validators.optional(_text)


def _require_money(instance: object, name: str, value: object) -> Money:
    if not isinstance(value, Money):
        raise WecbTypeError.not_accepted(_where(instance, name), value, "Money")
    return value


def _money(instance: object, attribute: attrs.Attribute[Money], value: object) -> None:
    _require_money(instance, attribute.name, value)


def _zero_tolerance(check: Check | Claim) -> Money:
    # attrs runs this factory before any validator: check the field it reads first.
    return Money.zero(_require_money(check, "claimed", check.claimed).currency)


def _tolerance(instance: Check | Claim, attribute: attrs.Attribute[Money], value: object) -> None:
    tolerance = _require_money(instance, "tolerance", value)
    claimed = _require_money(instance, "claimed", instance.claimed)
    if tolerance.currency != claimed.currency:
        raise ReconciliationError(
            f"{_where(instance, 'tolerance')}: {tolerance} is in {tolerance.currency}, but the "
            f"claimed figure is in {claimed.currency}"
        )
    if tolerance.is_negative():
        raise ReconciliationError.not_accepted(
            _where(instance, "tolerance"), tolerance, "a tolerance of zero or more"
        )


@attrs.frozen
class Check:
    """One published figure against what the model derives.

    ``difference = claimed - derived``; the check **agrees** when ``abs(difference) <=
    tolerance`` (default zero: exact to the penny). ``source`` says where the claim is
    published; ``derivation`` how the derived figure was computed; ``note`` anything a
    reader needs to judge the comparison (a different horizon, gross against net, ...).

    >>> Check("x", Money("1"), Money("1", "EUR"), "s")
    Traceback (most recent call last):
    ...
    wecb.errors.ReconciliationError: Check 'x': claimed Money('1', 'GBP') and derived \
Money('1', 'EUR') are in different currencies
    """

    label: str = attrs.field(validator=_text)
    claimed: Money = attrs.field(validator=_money)
    derived: Money = attrs.field(validator=_money)
    source: str = attrs.field(validator=_text)
    tolerance: Money = attrs.field(
        default=attrs.Factory(_zero_tolerance, takes_self=True), validator=_tolerance
    )
    note: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT, kw_only=True)
    derivation: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if self.claimed.currency != self.derived.currency:
            raise ReconciliationError(
                f"Check {self.label!r}: claimed {self.claimed!r} and derived {self.derived!r} "
                "are in different currencies"
            )

    @property
    def difference(self) -> Money:
        """``claimed - derived``: positive when the document claims more than the model."""
        return self.claimed - self.derived

    @property
    def agrees(self) -> bool:
        """Whether the difference is within the tolerance."""
        return abs(self.difference) <= self.tolerance

    @property
    def status(self) -> str:
        """``"agrees"`` or ``"DIFFERS"``."""
        return "agrees" if self.agrees else "DIFFERS"

    def row(self) -> dict[str, str | Money | bool | None]:
        """The check as a plain row for other tools (amounts exact)."""
        return {
            "label": self.label,
            "status": self.status,
            "agrees": self.agrees,
            "claimed": self.claimed,
            "derived": self.derived,
            "difference": self.difference,
            "tolerance": self.tolerance,
            "source": self.source,
            "derivation": self.derivation,
            "note": self.note,
        }


def _derive_callable(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not callable(value):
        raise WecbTypeError.not_accepted(
            "Claim.derive",
            value,
            "a function of the programme returning Money (or Money and a description of "
            "the derivation)",
        )


@attrs.frozen(kw_only=True)
class Claim:
    """A published figure and how to derive it from a programme.

    ``derive(programme)`` returns the derived :class:`~wecb.core.money.Money`, or a pair of the
    amount and a short description of the derivation (``"£0.815m - £0.6m"``); a fixed
    ``derivation`` text may be given instead.

    >>> claim = Claim(label="three", claimed=Money(3), derive=lambda p: Money(3), source="s")
    >>> claim.claimed
    Money('3', 'GBP')
    """

    label: str = attrs.field(validator=_text)
    claimed: Money = attrs.field(validator=_money)
    derive: Callable[[Programme], Derived] = attrs.field(validator=_derive_callable)
    source: str = attrs.field(validator=_text)
    tolerance: Money = attrs.field(
        default=attrs.Factory(_zero_tolerance, takes_self=True), validator=_tolerance
    )
    note: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    derivation: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)

    def check(self, programme: Programme) -> Check:
        """The :class:`Check` of this claim against ``programme``.

        Raises :class:`~wecb.errors.ReconciliationError` naming the claim when the figure
        cannot be derived (for example a funding stream the derivation needs is missing).
        """
        try:
            result = self.derive(programme)
        except WecbError as exc:
            raise ReconciliationError(
                f"claim {self.label!r} could not be derived from the programme: {exc}"
            ) from exc
        derivation = self.derivation
        if isinstance(result, tuple):
            result, derivation = result
        if not isinstance(result, Money):
            raise WecbTypeError.not_accepted(f"claim {self.label!r}: derive", result, "Money")
        if result.currency != self.claimed.currency:
            raise ReconciliationError(
                f"claim {self.label!r}: derived {result} is in {result.currency}, but the "
                f"claim is in {self.claimed.currency}"
            )
        return Check(
            self.label,
            self.claimed,
            result,
            self.source,
            self.tolerance,
            note=self.note,
            derivation=derivation,
        )


def _checks(instance: object, attribute: attrs.Attribute[object], value: object) -> None:
    if not isinstance(value, tuple) or not all(isinstance(c, Check) for c in value):
        raise WecbTypeError.not_accepted("Reconciliation.checks", value, "a tuple of Check")


@attrs.frozen(kw_only=True)
class Reconciliation(Tabular):
    """Every check of a programme against its published figures, agreeing or not.

    :meth:`table` (what ``print`` and Jupyter show) lays out the exact figures (nothing
    rounded), then each check's source, derivation and note; :meth:`rows` gives plain
    rows, with :class:`~wecb.core.money.Money` for every amount.
    """

    subject: str = attrs.field(validator=_text)
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
        """How many checks differ by more than their tolerance."""
        return len(self.checks) - self.passed

    @property
    def failures(self) -> tuple[Check, ...]:
        """The checks that differ."""
        return tuple(c for c in self.checks if not c.agrees)

    @property
    def all_agree(self) -> bool:
        """Whether every check agrees."""
        return self.failed == 0

    def rows(self) -> list[dict[str, str | Money | bool | None]]:
        """One plain row per check (see :meth:`Check.row`)."""
        return [c.row() for c in self.checks]

    def _headline(self) -> str:
        return (
            f"Reconciliation of {self.subject}: {len(self.checks)} checks, "
            f"{self.passed} agree, {self.failed} differ"
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
            notes=_details(self.checks),
            scale="units",
            places=places,
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
    first_source: dict[str, int] = {}
    first_note: dict[str, int] = {}
    for i, c in enumerate(checks, 1):
        seen = first_source.setdefault(c.source, i)
        details.append(f"[{i}] source: " + (c.source if seen == i else f"as [{seen}]"))
        if c.derivation:
            details.append(f"    derived as: {c.derivation}")
        if c.note:
            seen = first_note.setdefault(c.note, i)
            details.append("    note: " + (c.note if seen == i else f"as [{seen}]"))
    if details:
        details[0] = "\n" + details[0]
    return tuple(details)


# --------------------------------------------------------------------------- running claims


def reconcile(
    programme: Programme, claims: Iterable[Claim | Check] | None = None
) -> Reconciliation:
    """Check ``programme`` against ``claims`` (default: :func:`table_claims`); also
    ``wecb.reconcile``.

    Ready-made :class:`Check` objects are reported as given. Every check is kept in the
    order given, agreeing or not.

    >>> from wecb.model.programme import Programme
    >>> empty = Programme(name="Empty", place="Nowhere", partners=(), domains=(), projects=())
    >>> print(reconcile(empty, [Claim(label="zero", claimed=Money(0),
    ...                               derive=lambda p: Money(0), source="none")]))
    Reconciliation of Empty: 1 checks, 1 agree, 0 differ
    #  status  check  claimed  derived  difference  tolerance
    -  ------  -----  -------  -------  ----------  ---------
    1  agrees  zero     £0.00    £0.00       £0.00      £0.00
    <BLANKLINE>
    [1] source: none
    """
    if not isinstance(programme, Programme):
        raise WecbTypeError.not_accepted("reconcile: programme", programme, "a Programme")
    chosen = table_claims(programme) if claims is None else tuple(claims)
    checks: list[Check] = []
    for item in chosen:
        if isinstance(item, Check):
            checks.append(item)
        elif isinstance(item, Claim):
            checks.append(item.check(programme))
        else:
            raise WecbTypeError.not_accepted("reconcile: claims", item, "a Claim or a Check")
    return Reconciliation(subject=programme.name, checks=tuple(checks))


def _table_total(key: str) -> Callable[[Programme], Derived]:
    def derive(programme: Programme) -> Derived:
        table = programme.project(key).table
        if table is None:
            raise ReconciliationError(f"project {key!r} has no cost-benefit table")
        derived = table.net_cashable + table.net_non_cashable
        how = f"net cashable {table.net_cashable} + net non-cashable {table.net_non_cashable}"
        return derived, how

    return derive


def table_claims(programme: Programme) -> tuple[Claim, ...]:
    """For each project with a published table: cashable + non-cashable = total.

    The claimed figure is the published net total; the derived one adds the published net
    cashable and non-cashable columns (see :class:`~wecb.model.tables.CostBenefitTable` for
    their sign convention: negative is a net saving).
    """
    claims = []
    for project in programme.projects:
        table = project.table
        if table is None:
            continue
        claims.append(
            Claim(
                label=f"{project.key}: net cashable + net non-cashable = net total",
                claimed=table.net_total,
                derive=_table_total(project.key),
                source=table.source or project.source or f"the table of project {project.key}",
            )
        )
    return tuple(claims)
