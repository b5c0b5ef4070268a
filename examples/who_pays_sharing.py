"""Who pays and who benefits in the Essex 2012 programme, and two benefit-sharing agreements.

The split-incentive ("wrong pocket") view: which partner invests, which partner receives
the benefit, the matrix of one against the other and each partner's net position, by year.
Then two investment agreements of the kind the pilots asked for reallocate the benefit:
"investors recover their costs first, the rest shared in proportion to investment", and
fixed shares. Sharing moves benefit between partners; the programme total never changes,
and the example checks it.

ASSUMPTIONS (illustrative, not from the sources), printed with the results:

* Who pays and who benefits. The Essex tables name no payer and no beneficiary: every
  line is "unattributed". The split below (``SPLITS``) is this example's invention, to
  show the output; it is not what any Essex partner agreed or published.
* When. The tables do not phase their money by year; ``_common.ILLUSTRATIVE_PHASING``
  (as in the other examples) spreads it over years.
* The fixed shares (``FIXED_SHARES``) are illustrative too.

Every split is exact to the penny (largest remainder), so no penny is lost or made.

Run: ``python examples/who_pays_sharing.py``
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

import attrs
from _common import ILLUSTRATIVE_PHASING

from wecb import (
    CashFlow,
    FinancialYear,
    Money,
    Nature,
    Programme,
    WhoPaysWhoBenefits,
    rollup,
    who_pays,
)
from wecb.datasets import essex_2012
from wecb.whopays.agreements import CostsFirstThenProRata, FixedShares
from wecb.whopays.sharing import SharingOutcome

#: ILLUSTRATIVE ASSUMPTION: per project, who bears its costs and who receives its benefits,
#: as weights (each line is split in these proportions).
SPLITS: Mapping[str, Mapping[Nature, Mapping[str, int]]] = {
    "FBC1": {  # Integrated Commissioning
        Nature.COST: {"ecc": 1, "ccgs": 1},
        Nature.BENEFIT: {"ccgs": 2, "ecc": 1},
    },
    "FBC2": {  # Skills for Growth
        Nature.COST: {"ecc": 1},
        Nature.BENEFIT: {"dwp": 1, "ecc": 1},
    },
    "FBC3": {  # Reducing Reoffending
        Nature.COST: {"essex_police": 3, "probation": 1},
        Nature.BENEFIT: {"essex_police": 5, "moj": 3, "ccgs": 2},
    },
    "FBC4": {  # Reducing Domestic Abuse
        Nature.COST: {"ecc": 1, "essex_police": 1},
        Nature.BENEFIT: {"essex_police": 1, "ccgs": 1, "ecc": 1},
    },
    "FBC5": {  # Multi-Disciplinary Teams
        Nature.COST: {"ecc": 1},
        Nature.BENEFIT: {"ecc": 1, "ccgs": 1},
    },
}

#: ILLUSTRATIVE ASSUMPTION: fixed shares of the whole benefit (they sum to exactly 1).
FIXED_SHARES = {
    "ecc": Fraction(40, 100),
    "ccgs": Fraction(25, 100),
    "essex_police": Fraction(15, 100),
    "moj": Fraction(10, 100),
    "dwp": Fraction(5, 100),
    "probation": Fraction(5, 100),
}


def split(flow: CashFlow, weights: Mapping[str, int]) -> list[CashFlow]:
    """``flow`` as one line per partner, in proportion to ``weights`` (exact)."""
    role = "payer" if flow.is_cost else "beneficiary"
    parts = flow.amount.allocate(list(weights.values()))
    return [
        attrs.evolve(flow, amount=part, **{role: partner})
        for partner, part in zip(weights, parts, strict=True)
    ]


def scenario() -> Programme:
    """Essex 2012 phased by year and split between partners as ASSUMED above."""
    essex = essex_2012()
    for project in essex.projects:
        if project.key not in SPLITS:
            continue  # Strengthening Communities has no costed lines
        flows: list[CashFlow] = []
        for flow in project.cash_flows:
            years = ILLUSTRATIVE_PHASING.phase(flow.amount, flow.period, project=project.key)
            for year, amount in years.items():
                phased = attrs.evolve(flow, amount=amount, period=year)
                flows += split(phased, SPLITS[project.key][flow.nature])
        essex = essex.with_project(attrs.evolve(project, table=None, flows=tuple(flows)))
    return essex


def print_positions_by_year(view: WhoPaysWhoBenefits) -> None:
    """Each partner's net position (benefits received - costs borne), year by year."""
    by_year = view.net_positions_by_period()
    width = max(len(p) for p in view.partners)
    print("Net position by year (£m; benefits received - costs borne)")
    print(" " * width + "".join(f"{year!s:>10}" for year in by_year))
    for partner in view.partners:
        cells = [format(nets.get(partner, Money(0)), ".1m") for nets in by_year.values()]
        print(partner.ljust(width) + "".join(f"{cell:>10}" for cell in cells))


def print_outcome(outcome: SharingOutcome) -> None:
    print(outcome)
    transfers = sum((p.transfer for p in outcome.positions), Money(0))
    print(f"Transfers between partners sum to {transfers}; net benefit {outcome.net_benefit}")
    print()


def main() -> None:
    programme = scenario()
    print("ASSUMPTION (illustrative, not from the sources): who pays and who benefits")
    for project, sides in SPLITS.items():
        for nature, weights in sides.items():
            role = "paid by" if nature is Nature.COST else "received by"
            total = sum(weights.values())
            shares = ", ".join(f"{p} {w}/{total}" for p, w in weights.items())
            print(f"  {project} {nature.value}s {role} {shares}")
    print("ASSUMPTION (illustrative): money phased by year as in _common.ILLUSTRATIVE_PHASING")
    print()

    view = who_pays(programme)
    print(view)
    print()
    print("Net positions (exact)")
    for partner, net in view.net_positions().items():
        print(
            f"  {partner}: costs borne {view.costs_borne[partner]}, benefits received "
            f"{view.benefits_received[partner]}, net {net}"
        )
    print()
    print_positions_by_year(view)
    print()
    year = FinancialYear(2014)
    print(f"The matrix for {year} alone (investor -> beneficiary, £m):")
    for investor, row in view.by_period[year].items():
        cells = ", ".join(f"{beneficiary} {amount:.1m}" for beneficiary, amount in row.items())
        print(f"  {investor} -> {cells}")
    print()

    print("Agreement 1: investors recover their costs first, the rest shared in proportion to")
    print("investment (allocated = benefit after sharing; transfer = allocated - received)")
    costs_first = view.share(CostsFirstThenProRata())
    print_outcome(costs_first)
    print("Agreement 2: fixed shares of the whole benefit (the shares are ILLUSTRATIVE)")
    fixed = view.share(FixedShares(FIXED_SHARES))
    print_outcome(fixed)

    before = sum(view.net_positions().values(), Money(0))
    after_costs_first = sum((p.net for p in costs_first.positions), Money(0))
    after_fixed = sum((p.net for p in fixed.positions), Money(0))
    lines = rollup(programme).net_benefit
    published = rollup(essex_2012()).net_benefit
    print("The programme total never changes (sums of the partners' net positions):")
    print(f"  before sharing                      {before}")
    print(f"  after costs first, then pro rata    {after_costs_first}")
    print(f"  after fixed shares                  {after_fixed}")
    print(f"  rollup of the split, phased lines   {lines}")
    print(f"  rollup of the published lines       {published}")
    same = before == after_costs_first == after_fixed == lines == published
    print(f"  all equal: {same}")


if __name__ == "__main__":
    main()
