"""Reconcile and appraise the Whole Essex Community Budget of 2012.

1. Reconciliation: every published total checked against the model, agreeing or not: the
   five FBC tables' own arithmetic, the programme's funding arithmetic (the ECC Cabinet
   issues) and the LGA's "£414 million of benefits ... of which £127 million are cashable"
   (the LGA note).
2. Appraisal as the public-service CBA method does it: costs by type, benefits by value
   type, the financial case (net present budget impact, financial return on investment,
   payback year) and the economic case (net present public value, benefit-cost ratio),
   adjusted and unadjusted side by side, discounted at the Green Book STPR; and the
   present values by agency.

Assumptions of this example (not figures from the sources), printed with the results:

* Phasing. The tables do not phase their money by year: spend "To Mar '13" is put in
  2012/13, "further implementation" spread evenly over 2014/15 to 2016/17, and each
  table's unphased benefits spread evenly over 2014/15 to 2018/19.
* Base year and price base 2012/13 (the tables state no price base).
* Optimism bias: confidence grade 3 for every line (10%), grade 5 (25%) for FBC2's
  non-cashable skills benefits, and 20% deadweight on them; the grades' percentages are
  those shipped in ``CBA_2014_OPTIMISM_BIAS`` (see its source note: it is not verified
  against the guidance, and the printout says so).

The tables' non-cashable benefits are *unclassified*: the sources do not say whether they
are fiscal, economic or social. So they have their own row and count in the economic
case, not in the financial case; the last line shows the net present budget impact if they
were counted as fiscal (non-cashable), as wecb 0.1.0 did without saying so. The printout
ends with the assumptions behind every figure.

Run: ``python examples/appraise_essex.py``
"""

from __future__ import annotations

from _common import ILLUSTRATIVE_PHASING

from wecb import FinancialYear, reconcile
from wecb.appraisal import AdjustmentPlan, Adjustments, appraise, by_agency
from wecb.datasets import essex_2012, essex_2012_claims

FY = FinancialYear

# An assumption: the tables do not phase their money by year (see _common).
PHASING = ILLUSTRATIVE_PHASING

ADJUSTMENTS = AdjustmentPlan(
    default=Adjustments(optimism_bias_grade=3),
    lines={
        ("FBC2", "Gross non-cashable benefit"): Adjustments(
            optimism_bias_grade=5, deadweight="0.2"
        )
    },
)


def main() -> None:
    programme = essex_2012()
    report = reconcile(programme, essex_2012_claims(programme))
    print(report)
    print()
    result = appraise(
        programme,
        base_year=FY(2012),
        price_base=FY(2012),
        phasing=PHASING,
        adjustments=ADJUSTMENTS,
        name="Whole Essex Community Budget, FBC1-FBC5",
    )
    print(result)
    print()
    print("By project (adjusted present values):")
    for row in result.project_rows():
        print(
            f"  {row['project']}: PV costs {row['pv_costs']:.2m}, "
            f"PV benefits {row['pv_benefits']:.2m}, "
            f"net present budget impact {row['net_present_budget_impact']:.2m}"
        )
    print()
    financial, economic = result.financial_case, result.economic_case
    print(f"Net present budget impact (adjusted): {financial.net_present_budget_impact()}")
    print(
        "Net present budget impact (unadjusted): "
        f"{financial.net_present_budget_impact(adjusted=False)}"
    )
    print(f"Payback year (discounted, adjusted): {financial.payback_year()}")
    print(f"Net present public value (adjusted): {economic.net_present_public_value()}")
    print()
    print(by_agency(result))
    mapped = appraise(
        programme,
        base_year=FY(2012),
        price_base=FY(2012),
        phasing=PHASING,
        adjustments=ADJUSTMENTS,
        treat_unclassified="fiscal",
    )
    print(
        "Net present budget impact with the unclassified benefits counted as fiscal: "
        f"{mapped.financial_case.net_present_budget_impact()}"
    )


if __name__ == "__main__":
    main()
