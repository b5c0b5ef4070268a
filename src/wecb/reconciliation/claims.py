"""Claims: published figures with how to derive them, and running them against a programme.

A :class:`Claim` holds a claimed figure and a function deriving the model's figure from a
programme; :func:`reconcile` (``wecb.reconcile``) turns claims into checks and reports
them all as a :class:`~wecb.reconciliation.report.Reconciliation`. With no claims it checks
every published cost-benefit table's own arithmetic (:func:`table_claims`). Claims
particular to one data set live with it: the Essex 2012 programme's are
:func:`wecb.datasets.essex_2012_claims`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Final, TypeAlias

import attrs

from wecb.core.money import Money
from wecb.errors import ReconciliationError, WecbError, WecbTypeError
from wecb.model.documents import Source
from wecb.model.programme import Programme
from wecb.reconciliation._fields import (
    OPTIONAL_TEXT,
    money_validator,
    source_validator,
    text_validator,
    tolerance_validator,
    zero_tolerance,
)
from wecb.reconciliation.checks import Check
from wecb.reconciliation.report import Reconciliation

__all__ = ["TABLE_CHECK", "Claim", "Derived", "reconcile", "table_claims"]

#: What :func:`table_claims` checks in each table (its labels are ``"<project>: " + this``).
TABLE_CHECK: Final = "net cost as published, cashable + non-cashable = total"

#: What a claim's ``derive`` returns: the derived amount, or the amount and how it was got.
Derived: TypeAlias = Money | tuple[Money, str]


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

    label: str = attrs.field(validator=text_validator)
    claimed: Money = attrs.field(validator=money_validator)
    derive: Callable[[Programme], Derived] = attrs.field(validator=_derive_callable)
    source: Source = attrs.field(validator=source_validator)
    tolerance: Money = attrs.field(
        default=attrs.Factory(zero_tolerance, takes_self=True), validator=tolerance_validator
    )
    note: str | None = attrs.field(default=None, validator=OPTIONAL_TEXT)
    derivation: str | None = attrs.field(default=None, validator=OPTIONAL_TEXT)
    #: Why the claimed figure and the derived one are not like with like, if they are not.
    not_comparable: str | None = attrs.field(default=None, validator=OPTIONAL_TEXT)

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
            not_comparable=self.not_comparable,
        )


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
    assumptions:
      - claimed: as a document publishes it, with its own sign
      - derived: computed by wecb from the programme
      - agrees: |claimed - derived| within the check's tolerance
      - sign: a net benefit is positive for a saving, a net cost as published negative
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
        how = (
            f"net cost as published: cashable {table.net_cashable} + non-cashable "
            f"{table.net_non_cashable}"
        )
        return derived, how

    return derive


def table_claims(programme: Programme) -> tuple[Claim, ...]:
    """For each project with a published table: its net cost as published, cashable +
    non-cashable = total.

    The claimed figure is the published net total; the derived one adds the published net
    cashable and non-cashable columns. All three are net costs as published, negative for
    a net saving (see :class:`~wecb.model.tables.CostBenefitTable`): the opposite sign to
    a net benefit.
    """
    claims = []
    for project in programme.projects:
        table = project.table
        if table is None:
            continue
        claims.append(
            Claim(
                label=f"{project.key}: {TABLE_CHECK}",
                claimed=table.net_total,
                derive=_table_total(project.key),
                source=table.source or project.source or f"the table of project {project.key}",
            )
        )
    return tuple(claims)
