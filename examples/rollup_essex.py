"""Roll the Essex 2012 programme's cash flows up the ways an analyst asks.

1. By domain x cashability, with subtotals and a total, exact to the penny.
2. What it is worth: net benefit (benefits - costs), benefit-cost ratio and financial
   return on investment, for the programme and for each domain.
3. Filter and regroup the same rollup (regrouping equals rolling the lines up again).
4. Plain rows, written as CSV with exact amounts, for a spreadsheet or a DataFrame.
5. By period as published, then a cumulative profile and the payback year by year.

Parts 1 to 4 and the first half of part 5 use the published figures as the tables give
them: no assumption. The tables do not phase their money by year (spend "To Mar '13",
2013/14 and "further implementation", benefits one unphased total over the appraisal
horizon), so a payback *year* needs one:

ASSUMPTION (illustrative, not from the sources): ``_common.ILLUSTRATIVE_PHASING``, as in
the other examples: spend to March 2013 in 2012/13, further implementation evenly over
2014/15 to 2016/17, each table's benefits evenly over 2014/15 to 2018/19. Phasing splits
each amount exactly to the penny, so it moves money between years and changes no total.

Run: ``python examples/rollup_essex.py``
"""

from __future__ import annotations

import csv
import sys
from decimal import Decimal

import attrs
from _common import ILLUSTRATIVE_PHASING

from wecb import CashFlow, Money, Programme, Project
from wecb.datasets import essex_2012
from wecb.errors import RollupError
from wecb.rollups import Totals, rollup


def ratio(value: Decimal | None) -> str:
    """A ratio to two places for display (``n/a`` when there are no costs)."""
    return "n/a" if value is None else f"{value:.2f}"


def measures(totals: Totals) -> str:
    """Net benefit, benefit-cost ratio and ROI of some totals, on one line."""
    return (
        f"net benefit {totals.net}; benefit-cost ratio {ratio(totals.benefit_cost_ratio())}; "
        f"ROI {ratio(totals.net_benefit_per_pound())}"
    )


def phased(programme: Programme) -> list[tuple[Project, CashFlow]]:
    """Every cash flow split into financial years by the ILLUSTRATIVE phasing."""
    pairs = []
    for project, flow in programme.cash_flows():
        years = ILLUSTRATIVE_PHASING.phase(
            flow.amount, flow.period, project=project.key, what=flow.label or ""
        )
        for year, amount in years.items():
            pairs.append((project, attrs.evolve(flow, amount=amount, period=year)))
    return pairs


def main() -> None:
    essex = essex_2012()

    print("1. By domain x cashability (published figures, no assumption)")
    print()
    by_domain = rollup(essex, ("domain", "cashable"))
    print(by_domain)
    print()

    print("2. What it is worth (undiscounted; ratios rounded to two places for display)")
    print(f"  Programme: {measures(by_domain.total)}")
    for (domain,), totals in by_domain.subtotals("domain").items():
        print(f"  {domain}: {measures(totals)}")
    print()

    print("3. Filter and regroup")
    print()
    safety = by_domain.filter(domain="community_safety")
    print(safety)
    print(f"Community safety (FBC3 and FBC4) net benefit: {safety.net_benefit}")
    print()
    non_cashable = by_domain.filter(cashable=False)
    print(f"Non-cashable benefits, all domains: {non_cashable.total.benefits}")
    by_cashability = by_domain.regroup("cashable")
    print(by_cashability)
    same = by_cashability == rollup(essex, "cashable")
    print(f"regroup('cashable') equals rolling the lines up by cashable: {same}")
    print()

    print("4. Plain rows (exact amounts in GBP) as CSV; .rows() gives them as dicts of Money")
    # The amounts as plain decimal text; wecb.io.to_csv writes the same with "(GBP)" headers.
    rows = [
        {k: v.amount if isinstance(v, Money) else v for k, v in row.items()}
        for row in by_domain.rows()
    ]
    writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    print()

    print("5. By period as published (no assumption)")
    print()
    by_period = rollup(essex, "period")
    print(by_period)
    print("Cumulative net benefit, each open bucket counted at its end:")
    for period, cumulative in by_period.cumulative().items():
        print(f"  {period}: {cumulative}")
    print(f"Payback period: {by_period.payback_period()}, an open bucket, not one year:")
    try:
        by_period.payback_year()
    except RollupError as exc:
        print(f"  payback_year() refuses: {exc}")
    print()

    print("ASSUMPTION (illustrative, not from the sources): open periods phased by weight")
    for line in str(ILLUSTRATIVE_PHASING).splitlines():
        print(f"  {line}")
    by_year = rollup(phased(essex), "period", domains=essex.domains)
    print(by_year)
    print("Cumulative net benefit by year (assumed phasing):")
    for period, cumulative in by_year.cumulative().items():
        print(f"  {period}: {cumulative}")
    print(f"Payback year (assumed phasing): {by_year.payback_year()}")
    unchanged = by_year.total == by_period.total
    print(f"Phasing changed no total (costs, benefits, net): {unchanged}")


if __name__ == "__main__":
    main()
