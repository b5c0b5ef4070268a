"""The appraisal behind a programme's headline (private to :mod:`wecb.present.headline`,
which documents it): the figures under a phasing, imported only when it runs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wecb.core.periods import FinancialYear
from wecb.errors import AppraisalError
from wecb.model.programme import Programme

if TYPE_CHECKING:
    from wecb.appraisal import Appraisal, Phasing

__all__ = ["appraised"]


def appraised(programme: Programme, phasing: Phasing, name: str) -> dict[str, object]:
    """The fields of :class:`~wecb.present.headline.ProgrammeHeadline` that the appraisal of
    ``programme`` under ``phasing`` (called ``name``) gives: discounted to the first year
    phased or used, in its prices, Green Book schedule, no adjustments. Raises the
    appraisal's :class:`~wecb.errors.WecbError` when it cannot be appraised."""
    from wecb.appraisal import appraise  # noqa: PLC0415 - pint and numpy only when appraising

    years = [year for _, weights in phasing.periods for year, _ in weights]
    years += [
        p for _, flow in programme.cash_flows() if isinstance(p := flow.period, FinancialYear)
    ]
    base = min(years, default=None)
    if base is None:
        raise AppraisalError("neither the phasing nor a cash flow names a year to discount to")
    result: Appraisal = appraise(programme, base_year=base, price_base=base, phasing=phasing)
    financial, economic = result.financial_case, result.economic_case
    return {
        "phasing": name,
        "net_present_budget_impact": financial.net_present_budget_impact().amount.round(),
        "net_present_public_value": economic.net_present_public_value().amount.round(),
        "benefit_cost_ratio": economic.benefit_cost_ratio(),
        "appraisal_notes": ("no adjustments (optimism bias, deadweight, attribution)",),
        "appraisal_assumptions": result.assumptions(),
    }
