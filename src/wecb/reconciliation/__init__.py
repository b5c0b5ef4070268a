"""Reconciliation: check a programme against the totals its documents publish.

A :class:`~wecb.reconciliation.checks.Check` compares a **claimed** figure (what a document
publishes) with the figure the model **derives**, and keeps the difference, the tolerance,
the source and a note. A :class:`~wecb.reconciliation.report.Reconciliation` reports every
check, agreeing or not: a discrepancy is shown with its size, never hidden, rounded away or
forced to agree.

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

A reconciliation of one's own: :func:`~wecb.reconciliation.claims.reconcile`
(``wecb.reconcile``) runs :class:`~wecb.reconciliation.claims.Claim` objects (a claimed
figure and how to derive it from a programme) against a programme. With no claims it checks
every published cost-benefit table's own arithmetic
(:func:`~wecb.reconciliation.claims.table_claims`). Claims particular to one data set live
with it: the Essex 2012 programme's are :func:`wecb.datasets.essex_2012_claims`.

A wrong type is a :class:`~wecb.errors.WecbTypeError` naming the field; a value that
cannot be taken (blank text, a negative tolerance) a
:class:`~wecb.errors.ReconciliationError`:

>>> Check("x", 1, Money(1), "s")
Traceback (most recent call last):
...
wecb.errors.WecbTypeError: Check.claimed: 1 is not accepted; expected Money

Modules: :mod:`~wecb.reconciliation.checks` (one figure against the model),
:mod:`~wecb.reconciliation.claims` (figures with their derivation, run by ``reconcile``)
and :mod:`~wecb.reconciliation.report` (the report of every check).
"""

from wecb.reconciliation.checks import Check
from wecb.reconciliation.claims import Claim, Derived, reconcile, table_claims
from wecb.reconciliation.report import Reconciliation

__all__ = [
    "Check",
    "Claim",
    "Derived",
    "Reconciliation",
    "reconcile",
    "table_claims",
]
