"""The unit figures the Essex papers of 2012 state, as unit cost fields (private).

Each cites its document by title and quotes its sentence. The papers state no price year: each
figure is taken to be in the prices of the financial year of its paper (2012/13), which is
wecb's reading and is said in each description.
"""

from __future__ import annotations

from typing import Any, Final

from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.model.cashflows import ValueType

__all__ = ["seed_unit_costs"]

_PROGRESS_REPORT: Final = (
    "Essex County Council, report to the Joint Standards Committee with a progress report on "
    "the Whole Essex Community Budget (summer 2012)"
)
_TENDRING_CABINET: Final = (
    "Tendring District Council, Cabinet report of 7 November 2012 on the Whole Essex "
    "Community Budget, with the programme's presentation"
)
_PRICE_YEAR_NOTE: Final = (
    "the paper states no price year: taken as 2012/13 prices, the year of the paper "
    "(wecb's reading)"
)


def seed_unit_costs() -> tuple[dict[str, Any], ...]:
    """The fields of each seed unit cost."""
    year = FinancialYear(2012)
    return (
        {
            "code": "essex_complex_family_cost",
            "description": (
                "Cost to the public purse of a family with complex needs, at most ('as much "
                f"as'); {_PRICE_YEAR_NOTE}"
            ),
            "value": Money("250000.00"),
            "unit": "family / year",
            "price_year": year,
            "value_type": ValueType.FISCAL,
            "theme": "families with complex needs",
            "agency": "public purse (all agencies)",
            "source": (
                f"{_PROGRESS_REPORT}: 'These families can cost the public purse as much as "
                "£250,000/year.'"
            ),
        },
        {
            "code": "essex_families_at_scale_saving",
            "description": (
                "Saving to the public purse per family worked with, at least: the paper's "
                "'in excess of £26m/year' from 500 families a year, divided by 500 (wecb's "
                f"division); {_PRICE_YEAR_NOTE}"
            ),
            "value": Money("52000"),
            "unit": "family",
            "price_year": year,
            "value_type": ValueType.FISCAL,
            "theme": "families with complex needs",
            "agency": "public purse (all agencies)",
            "source": (
                f"{_PROGRESS_REPORT}: 'if we can, for example, scale this approach to deal "
                "with 500 families a year it is capable of delivering savings to the public "
                "purse in excess of £26m/year.'"
            ),
        },
        {
            "code": "ccg_management_allowance",
            "description": (
                "Management allowance proposed for clinical commissioning groups creating a "
                f"new body with wider responsibilities; {_PRICE_YEAR_NOTE}"
            ),
            "value": Money("25"),
            "unit": "person",
            "price_year": year,
            "value_type": ValueType.FISCAL,
            "theme": "health and wellbeing",
            "agency": "clinical commissioning groups",
            "source": (
                f"{_TENDRING_CABINET}: 'Provide a £25 per capita management allowance for CCGs "
                "if creating a new body with wider reaching responsibilities.'"
            ),
        },
    )
