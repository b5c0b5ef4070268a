"""Reconcile the Essex 2012 programme with the totals its documents publish.

Every check is reported, agreeing or not: a difference is shown with its size and its
source, never rounded away or forced to agree. This example makes no assumption: each
claimed figure is one the sources publish (the check names the sentence), each derived
figure comes from the model.

1. The default checks, ``wecb.reconcile(programme)``: each FBC table's own arithmetic (net
   cashable + net non-cashable = net total).
2. The Essex report, ``wecb.reconcile(programme, essex_2012_claims(programme))`` with the
   claims that ship with the data set (``wecb.datasets.essex_2012_claims``): adds the
   programme's funding arithmetic (the ECC Cabinet issues) and the LGA's "£414 million of
   benefits ... of which £127 million are cashable savings" (the LGA note).
3. What differs, by how much, and why (each check's note).
4. A check of your own: the tables' published net totals against a rollup of the
   programme's cash flows.
5. Plain rows for a spreadsheet.

Run: ``python examples/reconcile_essex.py``
"""

from __future__ import annotations

import csv
import sys

import wecb
from wecb.datasets import essex_2012, essex_2012_claims
from wecb.reconciliation import Claim


def tables_net_benefit(programme: wecb.Programme) -> wecb.Money:
    """Minus the sum of the published net totals (negative is a net saving in the tables)."""
    total = wecb.Money.zero(programme.currency)
    for project in programme.projects:
        if project.table is not None:
            total = total - project.table.net_total
    return total


def main() -> None:
    essex = essex_2012()

    print("1. The tables' own arithmetic (the default checks)")
    print()
    print(wecb.reconcile(essex))
    print()

    print(
        "2. The Essex report: tables, funding (the ECC Cabinet issues) and the LGA's figures "
        "(the LGA note)"
    )
    print()
    report = wecb.reconcile(essex, essex_2012_claims(essex))
    print(report)
    print()

    print(f"3. What differs: {report.failed} of {len(report)} checks")
    for check in report.failures:
        print(f"  {check.label}")
        print(
            f"    claimed {check.claimed}, derived {check.derived}: "
            f"difference {check.difference} (tolerance {check.tolerance})"
        )
    print("  Why, in the checks' own notes (reported as found, not adjusted to agree):")
    notes = dict.fromkeys(check.note for check in report.failures if check.note)
    for note in notes:
        print(f"  - {note}")
    apart = [check for check in report if not check.comparable]
    print(f"  Not comparable (not like with like): {len(apart)} of {len(report)} checks")
    for check in apart:
        print(f"  {check.label}")
        print(
            f"    claimed {check.claimed}, derived {check.derived}: "
            f"difference {check.difference}, not read as a discrepancy"
        )
        print(f"    why: {check.not_comparable}")
    print()

    print("4. A check of your own: the published net totals against a rollup of the lines")
    own = Claim(
        label="Five tables' net benefit = rollup of the programme's cash flows",
        claimed=tables_net_benefit(essex),
        derive=lambda p: (wecb.rollup(p).net_benefit, "wecb.rollup(programme).net_benefit"),
        source="the FBC tables' net total column, sign reversed (the Tendring report)",
    )
    print(wecb.reconcile(essex, [own]))
    print()

    print("5. Plain rows of the Essex report as CSV (exact amounts in GBP)")
    fields = ("status", "label", "claimed", "derived", "difference", "tolerance")
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(fields)
    for check in report:
        amounts = (check.claimed, check.derived, check.difference, check.tolerance)
        writer.writerow([check.status, check.label, *(m.amount for m in amounts)])


if __name__ == "__main__":
    main()
