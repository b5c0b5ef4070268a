"""What the plots accept, read into one shape each: money by period, money by
(investor, beneficiary).

Only the data are handled here; :mod:`wecb.present.plots` draws them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from wecb.core.money import Money
from wecb.core.periods import FinancialYear, OpenPeriod
from wecb.errors import WecbTypeError

if TYPE_CHECKING:
    from wecb.rollups import Rollup


def period_rollup(data: object) -> Rollup:
    """``data`` as a rollup by period: a rollup regrouped, an appraisal's adjusted costs and
    benefits by year, or a mapping of period to net benefit (a cost when negative)."""
    from wecb.appraisal import Appraisal  # noqa: PLC0415
    from wecb.rollups import Rollup, Totals  # noqa: PLC0415
    from wecb.rollups.dimensions import Key  # noqa: PLC0415

    if isinstance(data, Rollup):
        return data.regroup(("period",))
    groups: dict[Key, Totals] = {}
    if isinstance(data, Appraisal):
        currency = data.currency
        for row in data.by_year():
            year, costs, benefits = row["year"], row["costs"], row["benefits"]
            assert isinstance(year, FinancialYear)
            assert isinstance(costs, Money) and isinstance(benefits, Money)
            groups[(year,)] = Totals(costs=costs, benefits=benefits)
    elif isinstance(data, Mapping):
        currency = "GBP"
        for period, value in data.items():
            if not isinstance(period, FinancialYear | OpenPeriod) or not isinstance(value, Money):
                raise WecbTypeError.not_accepted(
                    f"net by period, {period!r}",
                    value,
                    "Money keyed by a financial year or open period",
                )
            currency = value.currency
            zero = Money.zero(value.currency)
            # Only the net is known: show it as a benefit or a cost.
            groups[(period,)] = Totals(costs=max(-value, zero), benefits=max(value, zero))
    else:
        raise WecbTypeError.not_accepted(
            "cumulative_net_benefit: data",
            data,
            "a Rollup, an Appraisal or a mapping of period to Money",
        )
    return Rollup(by=("period",), groups=groups, currency=currency)


def matrix_cells(matrix: object) -> dict[tuple[str, str], Money]:
    """``(investor, beneficiary) -> Money`` from a who-pays view, a nested mapping
    ``{investor: {beneficiary: Money}}`` or a flat mapping keyed by pairs."""
    source = getattr(matrix, "matrix", matrix)
    if not isinstance(source, Mapping):
        raise WecbTypeError.not_accepted(
            "who_pays_heatmap: matrix",
            matrix,
            "a who-pays view (wecb.who_pays), {investor: {beneficiary: Money}} or "
            "{(investor, beneficiary): Money}",
        )
    out: dict[tuple[str, str], Money] = {}
    for key, value in source.items():
        if isinstance(value, Mapping):
            for beneficiary, amount in value.items():
                out[(str(key), str(beneficiary))] = _cell(amount, (key, beneficiary))
        elif isinstance(key, tuple) and len(key) == 2:
            out[(str(key[0]), str(key[1]))] = _cell(value, key)
        else:
            raise WecbTypeError.not_accepted(
                "who_pays_heatmap: matrix key", key, "an (investor, beneficiary) pair"
            )
    return out


def _cell(value: object, key: object) -> Money:
    if not isinstance(value, Money):
        raise WecbTypeError.not_accepted(f"matrix cell {key!r}", value, "Money")
    return value
