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

:func:`reconcile` runs :class:`Claim` objects (a claimed figure and how to derive it from a
programme) against a programme. With no claims it checks every published cost-benefit
table's own arithmetic (:func:`table_claims`); :func:`essex_2012_claims` adds the Essex
programme's funding arithmetic and the LGA's headline figures.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, Final, TypeAlias

import attrs

from wecb.core._text import aligned, aligned_html
from wecb.core.money import Money
from wecb.errors import ReconciliationError, WecbError
from wecb.model.funding import PROGRAMME
from wecb.model.programme import Programme

__all__ = [
    "Check",
    "Claim",
    "Derived",
    "Reconciliation",
    "essex_2012_claims",
    "reconcile",
    "table_claims",
]

#: What a claim's ``derive`` returns: the derived amount, or the amount and how it was got.
Derived: TypeAlias = Money | tuple[Money, str]


def _text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ReconciliationError(
            f"{type(instance).__name__}.{attribute.name}: {value!r} is not accepted; "
            "expected non-blank text"
        )


_OPTIONAL_TEXT: Final = attrs.validators.optional(_text)


def _money(instance: object, attribute: attrs.Attribute[Money], value: object) -> None:
    if not isinstance(value, Money):
        raise ReconciliationError(
            f"{type(instance).__name__}.{attribute.name}: {value!r} is not accepted; "
            "expected Money"
        )


def _zero_tolerance(check: Check | Claim) -> Money:
    return Money.zero(check.claimed.currency)


def _tolerance(instance: Check | Claim, attribute: attrs.Attribute[Money], value: object) -> None:
    _money(instance, attribute, value)
    assert isinstance(value, Money)
    if value.currency != instance.claimed.currency:
        raise ReconciliationError(
            f"{type(instance).__name__}.tolerance: {value} is in {value.currency}, but the "
            f"claimed figure is in {instance.claimed.currency}"
        )
    if value.is_negative():
        raise ReconciliationError(
            f"{type(instance).__name__}.tolerance: {value} is not accepted; a tolerance is "
            "zero or more"
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
        raise ReconciliationError(
            f"Claim.derive: {value!r} is not accepted; expected a function of the programme "
            "returning Money (or Money and a description of the derivation)"
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
            raise ReconciliationError(
                f"claim {self.label!r}: derive returned {result!r}; expected Money"
            )
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
        raise ReconciliationError(f"Reconciliation.checks must be a tuple of Check, got {value!r}")


@attrs.frozen(kw_only=True)
class Reconciliation:
    """Every check of a programme against its published figures, agreeing or not.

    ``str()`` gives an aligned table with the exact figures (nothing rounded), then each
    check's derivation, source and note; :meth:`rows` gives plain rows.
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

    def _table(self) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
        header = ("#", "status", "check", "claimed", "derived", "difference", "tolerance")
        rows: list[tuple[str, ...]] = [
            (
                str(i),
                c.status,
                c.label,
                str(c.claimed),
                str(c.derived),
                str(c.difference),
                str(c.tolerance),
            )
            for i, c in enumerate(self.checks, 1)
        ]
        return header, rows

    def __repr__(self) -> str:
        return f"<{self._headline()}>"

    def _repr_html_(self) -> str:
        header, rows = self._table()
        return aligned_html(header, rows, "rllrrrr", caption=self._headline())

    def __str__(self) -> str:
        head = self._headline()
        header, rows = self._table()
        lines = [head, aligned(header, rows, "rllrrrr")]
        details = []
        # A source or note repeated from an earlier check is referred to, not reprinted.
        first_source: dict[str, int] = {}
        first_note: dict[str, int] = {}
        for i, c in enumerate(self.checks, 1):
            seen = first_source.setdefault(c.source, i)
            details.append(f"[{i}] source: " + (c.source if seen == i else f"as [{seen}]"))
            if c.derivation:
                details.append(f"    derived as: {c.derivation}")
            if c.note:
                seen = first_note.setdefault(c.note, i)
                details.append("    note: " + (c.note if seen == i else f"as [{seen}]"))
        if details:
            lines += ["", *details]
        return "\n".join(lines)


# --------------------------------------------------------------------------- running claims


def reconcile(
    programme: Programme, claims: Iterable[Claim | Check] | None = None
) -> Reconciliation:
    """Check ``programme`` against ``claims`` (default: :func:`table_claims`).

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
        raise ReconciliationError(f"reconcile needs a Programme, got {programme!r}")
    chosen = table_claims(programme) if claims is None else tuple(claims)
    checks: list[Check] = []
    for item in chosen:
        if isinstance(item, Check):
            checks.append(item)
        elif isinstance(item, Claim):
            checks.append(item.check(programme))
        else:
            raise ReconciliationError(f"expected a Claim or a Check, got {item!r}")
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
    cashable and non-cashable columns (see :class:`~wecb.model.projects.CostBenefitTable` for
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


# --------------------------------------------------------------------------- Essex 2012

_SEED_001: Final = "001_a01a70bd0756e5aa.txt"
_SEED_004: Final = "004_48d779feb29eb0e8.txt"
_FUNDING_SENTENCE: Final = (
    f"{_SEED_001}: In total, the Programme requires £1.949m of which it is estimated that "
    "£0.815m will be costs that will be funded by the County Council. Based on previous "
    "funding made available to the Whole Essex Communities Budgets programme there is a "
    "project underspend of £0.6m leaving the above requirement of £0.215m."
)
_LGA_SENTENCE: Final = (
    f"{_SEED_004}: in Essex, they are modelling £414 million of benefits across their plans "
    "of which £127 million are cashable savings."
)
_LGA_NOTE: Final = (
    "Horizons may differ: the LGA note states no horizon for its figure, and the FBC tables' "
    "benefit columns are unphased totals over an appraisal horizon the tables do not state, "
    "so the two need not cover the same years; 'across their plans' may also cover more than "
    "the five tables. Tolerance £0.5m because the LGA rounds to the nearest £1m. Reported as "
    "found, not adjusted to agree."
)


def _figure_amount(programme: Programme, key: str) -> Money:
    try:
        figure = programme.figure(key)
    except WecbError as exc:
        raise ReconciliationError(
            f"the Essex claims need the published figure {key!r} in the programme: {exc}"
        ) from exc
    if figure.amount is None:
        raise ReconciliationError(f"figure {key!r} has no amount")
    return figure.amount


def _stream_amount(programme: Programme, key: str) -> Money:
    stream = programme.stream(key)
    if stream.amount is None:
        raise ReconciliationError(f"funding stream {key!r} has no amount")
    return stream.amount


def _programme_streams(programme: Programme, funder: str | None) -> Derived:
    chosen = [
        s
        for s in programme.funding_streams
        if s.recipient == PROGRAMME
        and s.amount is not None
        and (funder is None or s.funder == funder)
    ]
    total = sum((s.total() for s in chosen), Money.zero(programme.currency))
    how = " + ".join(f"{s.key} {s.total()}" for s in chosen) or "no quantified stream"
    who = "all funders" if funder is None else f"funder {funder!r}"
    return total, f"funding streams given to the programme ({who}): {how}"


def _sum_tables(attribute: str, what: str) -> Callable[[Programme], Derived]:
    def derive(programme: Programme) -> Derived:
        total = Money.zero(programme.currency)
        parts = []
        for project in programme.projects:
            table = project.table
            if table is None:
                continue
            value: Money = getattr(table, attribute)
            total = total + value
            parts.append(f"{project.key} {value}")
        if not parts:
            raise ReconciliationError("the programme has no cost-benefit tables")
        return total, f"{what} summed over the {len(parts)} tables: " + " + ".join(parts)

    return derive


def _lga_claim(label: str, claimed: Money, attribute: str, what: str) -> Claim:
    """An LGA headline figure against the tables' ``attribute``, summed."""
    return Claim(
        label=label,
        claimed=claimed,
        derive=_sum_tables(attribute, what),
        source=_LGA_SENTENCE,
        tolerance=Money("500000"),  # the LGA rounds to the nearest £1m
        note=_LGA_NOTE,
    )


def essex_2012_claims(programme: Programme) -> tuple[Claim, ...]:
    """The published totals the Essex 2012 programme is checked against.

    1. Each FBC table: net cashable + net non-cashable = net total (:func:`table_claims`).
    2. The programme's funding (seed 001). The sentence *states* one piece of arithmetic:
       the County Council's estimated £0.815m less the £0.6m project underspend leaves the
       £0.215m requirement (met from the Transformation Reserve). It *leaves unstated* who
       funds the other £1.134m of the £1.949m the programme requires: that check compares
       £1.949m with the funding the model records for the programme and reports the
       unattributed remainder as a difference, rather than inventing a funder.
    3. The LGA's "£414 million of benefits ... of which £127 million are cashable" (seed
       004) against the five tables' gross and net benefits, total and cashable. They do
       not agree; each check says by how much, and notes that the horizons may differ.

    Claimed figures are read from the programme's published figures
    (``programme_requirement``, ``programme_ecc_share``, ``lga_essex_benefits``,
    ``lga_essex_cashable``) and funding stream ``transformation_reserve``; derived ones
    from its tables and funding streams. A missing entry raises
    :class:`~wecb.errors.ReconciliationError` naming it.
    """
    requirement = _figure_amount(programme, "programme_requirement")
    ecc_share = _figure_amount(programme, "programme_ecc_share")
    try:
        reserve = _stream_amount(programme, "transformation_reserve")
    except WecbError as exc:
        raise ReconciliationError(
            f"the Essex claims need funding stream 'transformation_reserve': {exc}"
        ) from exc

    def ecc_less_underspend(p: Programme) -> Derived:
        share = _figure_amount(p, "programme_ecc_share")
        underspend = _stream_amount(p, "wecb_underspend")
        return share - underspend, (
            f"County Council share {share} (figure programme_ecc_share) - project "
            f"underspend {underspend} (stream wecb_underspend)"
        )

    funding = (
        Claim(
            label="Funding (stated): ECC share - underspend = requirement £0.215m",
            claimed=reserve,
            derive=ecc_less_underspend,
            source=_FUNDING_SENTENCE,
            note=(
                "The arithmetic the sentence states: £0.815m - £0.6m = £0.215m, the "
                "requirement Cabinet agreed to fund by a withdrawal from the Transformation "
                "Reserve (claimed figure: stream transformation_reserve)."
            ),
        ),
        Claim(
            label="Funding: ECC share £0.815m = ECC streams to the programme",
            claimed=ecc_share,
            derive=lambda p: _programme_streams(p, "ecc"),
            source=_FUNDING_SENTENCE,
            note=(
                "The County Council's share is met by the £0.6m underspend and the £0.215m "
                "Transformation Reserve withdrawal, as the model's funding streams record."
            ),
        ),
        Claim(
            label="Funding (unstated): requirement £1.949m = all funding to the programme",
            claimed=requirement,
            derive=lambda p: _programme_streams(p, None),
            source=_FUNDING_SENTENCE,
            note=(
                "Left unstated by the source: it attributes only the estimated £0.815m to "
                "the County Council and does not say who funds the remaining £1.949m - "
                "£0.815m = £1.134m. The difference is that unattributed remainder: a gap "
                "in the sources, not an arithmetic error, reported rather than filled in."
            ),
        ),
    )
    lga_total = _figure_amount(programme, "lga_essex_benefits")
    lga_cashable = _figure_amount(programme, "lga_essex_cashable")
    lga = (
        _lga_claim(
            "LGA £414m benefits vs the five tables' gross benefits",
            lga_total,
            "gross_benefit",
            "gross benefit (costs + net saving)",
        ),
        _lga_claim(
            "LGA £414m benefits vs the five tables' net benefits",
            lga_total,
            "net_benefit",
            "net benefit (-net total)",
        ),
        _lga_claim(
            "LGA £127m cashable vs the five tables' gross cashable benefits",
            lga_cashable,
            "gross_cashable_benefit",
            "gross cashable benefit",
        ),
        _lga_claim(
            "LGA £127m cashable vs the five tables' net cashable benefits",
            lga_cashable,
            "net_cashable_benefit",
            "net cashable benefit (-net cashable)",
        ),
    )
    return (*table_claims(programme), *funding, *lga)
