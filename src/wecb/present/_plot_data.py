"""What the plots accept, read into one shape each: money by period, money by
(investor, beneficiary); the unit of an axis; and the caption lines that state what
produced a plot, taken from the result's own assumptions.

Only the data are handled here; :mod:`wecb.present.plots` draws them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Final

from wecb.core.assumptions import NOT_VERIFIED, Assumption, assumptions_of
from wecb.core.money import Money
from wecb.core.periods import FinancialYear, OpenPeriod
from wecb.errors import ValidationError, WecbTypeError

if TYPE_CHECKING:
    from wecb.rollups import Rollup

__all__ = [
    "CAPTION_ITEM_LIMIT",
    "SCALE_POWERS",
    "axis_unit",
    "caption_lines",
    "matrix_cells",
    "period_rollup",
    "sample_percentiles",
    "scale_for",
]

#: Powers of ten of the axis scales.
SCALE_POWERS: Final = {"units": 0, "thousands": 3, "millions": 6, "billions": 9}
_SUFFIX: Final = {"units": "", "thousands": "k", "millions": "m", "billions": "bn"}
#: The longest a caption states one assumption (longer ones are cut at a "; " or ", " and
#: marked "…"; the full text is in the result's table and rows).
CAPTION_ITEM_LIMIT: Final = 130


def scale_for(amounts: Iterable[Money | Decimal]) -> str:
    """The axis scale for ``amounts``: the largest scale their largest magnitude reaches."""
    largest = max(
        ((a.amount if isinstance(a, Money) else a).copy_abs() for a in amounts), default=0
    )
    for name in ("billions", "millions", "thousands"):
        if largest >= 10 ** SCALE_POWERS[name]:
            return name
    return "units"


def axis_unit(currency: str, scale: str) -> str:
    """The unit named on an axis: ``£m``, or ``EUR m`` for a currency without a £ sign."""
    symbol = Money.zero(currency).format("units", 0).replace("0", "").strip()
    return f"{symbol}{_SUFFIX[scale]}" if symbol == "£" else f"{currency} {_SUFFIX[scale]}"


def caption_lines(
    data: object, keep: Sequence[str] = (), *, shown: str | None = None, otherwise: str = ""
) -> list[str]:
    """The caption of a plot of ``data``: ``shown`` (what the plot draws) first, then the
    assumptions ``data`` states (:func:`~wecb.core.assumptions.assumptions_of`) whose names
    start with one of ``keep`` (every one when ``keep`` is empty), each cut to
    :data:`CAPTION_ITEM_LIMIT` characters; one not verified against its source is always
    kept, with its warning. ``otherwise`` stands in when ``data`` states none.

    >>> from wecb.core.assumptions import ResultRows
    >>> rows = ResultRows([], assumptions=[Assumption(name="seed", value="7")])
    >>> caption_lines(rows, ("seed",), shown="draws")
    ['draws', 'seed: 7']
    """
    chosen = [
        a
        for a in assumptions_of(data)
        if not keep or not a.verified or any(a.name.startswith(k) for k in keep)
    ]
    lines = [] if shown is None else [shown]
    lines += [_short(a) for a in chosen] or ([otherwise] if otherwise else [])
    return lines


def _short(assumption: Assumption) -> str:
    text = f"{assumption.name}: {assumption.value}"
    if len(text) > CAPTION_ITEM_LIMIT:
        cut = text[: CAPTION_ITEM_LIMIT - 1]
        stop = max(cut.rfind("; "), cut.rfind(", "))
        if stop < CAPTION_ITEM_LIMIT * 2 // 3:  # no late break between items: cut a word
            stop = cut.rfind(" ")
        text = cut[:stop].rstrip(" ,;:") + " …"
    return text if assumption.verified else f"{text} [{NOT_VERIFIED}]"


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


def sample_percentiles(
    samples: Sequence[Money], percentiles: Sequence[int]
) -> tuple[list[Money], list[tuple[str, Money]]]:
    """``samples`` as a list of Money, and each percentile ``p`` as ``("P<p>", value)``: the
    smallest sample with at least p% of them at or below it (as the Monte Carlo does)."""
    values = list(samples)
    for value in values:
        if not isinstance(value, Money):
            raise WecbTypeError.not_accepted("npv_distribution: sample", value, "Money")
    ordered = sorted(values)
    marks: list[tuple[str, Money]] = []
    for q in percentiles:
        if isinstance(q, bool) or not isinstance(q, int):
            raise WecbTypeError.not_accepted("npv_distribution: percentile", q, "an int")
        if not 0 < q <= 100:
            raise ValidationError.not_accepted(
                "npv_distribution: percentile", q, "an int in 1..100"
            )
        if ordered:
            marks.append((f"P{q}", ordered[-(-q * len(ordered) // 100) - 1]))
    return values, marks
