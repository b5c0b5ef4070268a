"""Sensitivity of the Essex 2012 appraisal: one-way swings and a seeded Monte Carlo.

The programme is appraised as in ``appraise_essex.py`` (assumed phasing, optimism bias
grade 3), then every range below is applied to the adjusted present values. The ranges
are ILLUSTRATIVE ASSUMPTIONS, not figures from the sources:

* costs: 90% to 150% of estimate, most likely 100% (triangular);
* benefits: 50% to 110%, most likely 90% (triangular);
* FBC2's skills benefits (non-cashable) uniformly 20% to 110%: the widest uncertainty.
  They are unclassified (the sources do not say whether they are fiscal, economic or
  social), so they are outside the fiscal case: they move the net present public value
  and leave the NPV, and its one-way swing, unchanged;
* FBC5 works or not: all its benefits (3 chances in 4) or none (1 in 4).

Money is never touched by a float: draws are whole parts per million, each line's
present value is an exact integer of pennies at a fixed-point scale, and each line is
rounded once per draw (half even). The run is seeded, so it is reproducible; the timing of
10,000 draws is printed.

The Essex tables do not say which partner pays each cost or receives each benefit, so
every line's partner is "(unattributed)". The last section shows partner positions on an
ILLUSTRATIVE assignment (FBC5 costs paid by the County Council, FBC5 savings received by
the County Council and the CCGs half each), to show the output; it is not from the
sources.

Run: ``python examples/sensitivity.py``
"""

from __future__ import annotations

import time

import attrs
from _common import ILLUSTRATIVE_PHASING

from wecb import CashFlow, FinancialYear, Nature
from wecb.appraisal import (
    Adjustments,
    Discrete,
    Selector,
    Triangular,
    Uncertainty,
    Uniform,
    appraise,
    monte_carlo,
    one_way,
)
from wecb.datasets import essex_2012

FY = FinancialYear
SEED = 2012

# An assumption: the tables do not phase their money by year (see _common).
PHASING = ILLUSTRATIVE_PHASING

RANGES = (
    Uncertainty(
        name="costs",
        distribution=Triangular(low="0.9", central="1", high="1.5"),
        applies_to=Selector(nature=Nature.COST),
    ),
    Uncertainty(
        name="benefits",
        distribution=Triangular(low="0.5", central="0.9", high="1.1"),
        applies_to=Selector(nature=Nature.BENEFIT),
    ),
    Uncertainty(
        name="FBC2 skills benefits",
        distribution=Uniform(low="0.2", high="1.1"),
        applies_to=Selector(projects="FBC2", nature=Nature.BENEFIT, cashable=False),
    ),
    Uncertainty(
        name="FBC5 works",
        distribution=Discrete({"0": 1, "1": 3}),
        applies_to=Selector(projects="FBC5", nature=Nature.BENEFIT),
    ),
)


def main() -> None:
    programme = essex_2012()
    result = appraise(
        programme,
        base_year=FY(2012),
        price_base=FY(2012),
        phasing=PHASING,
        adjustments=Adjustments(optimism_bias_grade=3),
    )
    print(
        "Deterministic NPV (net present budget impact, exact): "
        f"{result.financial_case.net_present_budget_impact()}"
    )
    print(f"Deterministic NPV, each line rounded to the penny: {result.npv_rounded_by_line()}")
    print()
    print(one_way(result, RANGES))
    print()
    monte_carlo(result, RANGES, draws=100, seed=SEED)  # warm up numpy before timing
    start = time.perf_counter()
    outcome = monte_carlo(result, RANGES, draws=10_000, seed=SEED)
    elapsed = time.perf_counter() - start
    print(outcome)
    print(f"10,000 draws in {elapsed * 1000:.0f} ms (engine {outcome.engine})")
    again = monte_carlo(result, RANGES, draws=10_000, seed=SEED)
    print(f"Same seed again gives the same draws: {again == outcome}")
    print()

    # Illustrative partner assignment for FBC5 (NOT from the sources).
    fbc5 = programme.project("FBC5")
    assert fbc5.table is not None
    flows: list[CashFlow] = []
    for flow in fbc5.table.cash_flows():
        if flow.is_cost:
            flows.append(attrs.evolve(flow, payer="ecc"))
        elif not flow.amount.is_zero():
            halves = flow.amount.allocate([1, 1])  # exact to the penny
            for part, partner in zip(halves, ("ecc", "ccgs"), strict=True):
                flows.append(attrs.evolve(flow, amount=part, beneficiary=partner))
    scenario = programme.with_project(attrs.evolve(fbc5, table=None, flows=tuple(flows)))
    assigned = appraise(
        scenario,
        base_year=FY(2012),
        price_base=FY(2012),
        phasing=PHASING,
        adjustments=Adjustments(optimism_bias_grade=3),
        projects=["FBC5"],
        name="FBC5, illustrative partner assignment",
    )
    fbc5_ranges = [r for r in RANGES if r.name in ("costs", "benefits", "FBC5 works")]
    print(monte_carlo(assigned, fbc5_ranges, draws=10_000, seed=SEED))


if __name__ == "__main__":
    main()
