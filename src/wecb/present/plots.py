"""Plots of a programme with matplotlib (extra ``plot``), drawn headless.

Each function returns a :class:`matplotlib.figure.Figure` built without ``pyplot`` (so no
GUI backend and no global state is involved) and can write it straight to a file with
``path=`` (atomically, as :func:`~wecb.io.files.save` writes, in the format the suffix
names). matplotlib is imported only when a plot is drawn.

Money is converted to ``float`` **only here, to place marks on an axis**: the conversion is
one-way (nothing drawn ever feeds back into a :class:`~wecb.core.money.Money`), amounts are shown
in the unit named on the axis (``£m``), and labels printed on the plot are formatted from the
exact amounts, not from the floats.

* :func:`savings_by_domain`: gross benefits by domain, cashable and non-cashable, with costs;
* :func:`cumulative_net_benefit`: cumulative net benefit by period and the payback period;
* :func:`who_pays_heatmap`: which partner invests and which receives the benefit;
* :func:`npv_distribution`: the spread of net present values from a sensitivity run.
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from wecb._optional import require
from wecb.core._decimal import shift
from wecb.core.money import Money
from wecb.core.periods import FinancialYear, OpenPeriod, Period
from wecb.errors import ValidationError, WecbTypeError
from wecb.present._figures import finish
from wecb.present._plot_data import matrix_cells, period_rollup

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from wecb.appraisal import Appraisal, MonteCarloResult
    from wecb.model import Programme
    from wecb.rollups import Rollup
    from wecb.whopays import WhoPaysWhoBenefits

__all__ = [
    "cumulative_net_benefit",
    "npv_distribution",
    "savings_by_domain",
    "to_axis",
    "who_pays_heatmap",
]

_SCALE = {"units": 0, "thousands": 3, "millions": 6, "billions": 9}
_SUFFIX = {"units": "", "thousands": "k", "millions": "m", "billions": "bn"}
_CASHABLE = "#1b6ca8"
_NON_CASHABLE = "#9cc3e4"
_COST = "#c0392b"


def _figure(size: tuple[float, float]) -> Figure:
    require("matplotlib", "plot", "plotting")
    from matplotlib.figure import Figure  # noqa: PLC0415 -- only when a plot is drawn

    return Figure(figsize=size, layout="constrained")


def to_axis(amount: Money | Decimal, scale: str = "millions") -> float:
    """``amount`` in the axis unit (``scale``) as a float, for drawing only.

    >>> to_axis(Money("87587000"))
    87.587
    """
    value = amount.amount if isinstance(amount, Money) else amount
    if not isinstance(value, Decimal):
        raise WecbTypeError.not_accepted("to_axis: amount", amount, "Money or a Decimal")
    if not value.is_finite():
        return float(value)
    return float(shift(value, -_SCALE[scale]))  # exact until the float, in any context


def _scale_for(amounts: Iterable[Money | Decimal]) -> str:
    largest = max(
        ((a.amount if isinstance(a, Money) else a).copy_abs() for a in amounts), default=0
    )
    for name in ("billions", "millions", "thousands"):
        if largest >= 10 ** _SCALE[name]:
            return name
    return "units"


def _unit(currency: str, scale: str) -> str:
    symbol = Money.zero(currency).format("units", 0).replace("0", "").strip()
    return f"{symbol}{_SUFFIX[scale]}" if symbol == "£" else f"{currency} {_SUFFIX[scale]}"


def _wrap(text: str, width: int = 18) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def savings_by_domain(
    data: Programme | Rollup,
    *,
    title: str | None = None,
    path: str | os.PathLike[str] | None = None,
) -> Figure:
    """Horizontal bars of gross benefits by domain, split cashable / non-cashable, with each
    domain's costs marked beside them.

    ``data`` is a programme (rolled up by domain and cashability) or a rollup whose
    ``by`` includes ``domain`` and ``cashable``.
    """
    from wecb.model import Programme  # noqa: PLC0415
    from wecb.rollups import rollup  # noqa: PLC0415

    if isinstance(data, Programme):
        result = rollup(data, by=("domain", "cashable"))
        names = {d.key: d.name for d in data.domains}
        name = title or f"{data.name}: benefits by domain"
    else:
        result = data.regroup(("domain", "cashable"))
        names = {}
        name = title or "Benefits by domain"
    domains: list[str] = []
    for domain, _ in result.groups:
        label = str(domain)
        if label not in domains:
            domains.append(label)
    zero = Money.zero(result.currency)
    cash = {d: zero for d in domains}
    non_cash = {d: zero for d in domains}
    costs = {d: zero for d in domains}
    for (domain, cashable), totals in result.groups.items():
        target = cash if cashable else non_cash
        target[str(domain)] = target[str(domain)] + totals.benefits
        costs[str(domain)] = costs[str(domain)] + totals.costs
    scale = _scale_for([*cash.values(), *non_cash.values(), *costs.values()])
    unit = _unit(result.currency, scale)
    fig = _figure((8.0, 1.8 + 0.7 * max(len(domains), 1)))
    ax = fig.subplots()
    labels = [names.get(d, d) for d in domains]
    ys = list(range(len(domains)))
    c = [to_axis(cash[d], scale) for d in domains]
    n = [to_axis(non_cash[d], scale) for d in domains]
    k = [to_axis(costs[d], scale) for d in domains]
    ax.barh([y + 0.2 for y in ys], c, height=0.38, color=_CASHABLE, label="cashable benefit")
    ax.barh(
        [y + 0.2 for y in ys],
        n,
        height=0.38,
        left=c,
        color=_NON_CASHABLE,
        label="non-cashable benefit",
    )
    ax.barh([y - 0.2 for y in ys], k, height=0.38, color=_COST, label="costs")
    for y, d in zip(ys, domains, strict=True):
        total = cash[d] + non_cash[d]
        ax.annotate(
            total.format(),
            (to_axis(total, scale), y + 0.2),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
        )
    ax.set_yticks(ys, [_wrap(label) for label in labels])
    ax.invert_yaxis()
    widest = max([*(a + b for a, b in zip(c, n, strict=True)), *k, 0.0])
    ax.set_xlim(0, widest * 1.18 or 1)  # room for the labels at the bars' ends
    ax.set_xlabel(f"{unit} (gross, over each table's horizon)")
    ax.set_title(name)
    fig.legend(loc="outside lower center", ncols=3, fontsize=8, frameon=False)
    return finish(fig, path)


def cumulative_net_benefit(
    data: Rollup | Appraisal | Mapping[Period, Money],
    *,
    title: str | None = None,
    path: str | os.PathLike[str] | None = None,
) -> Figure:
    """Net benefit by period (bars) and its running total (line), with the payback period
    (:meth:`wecb.rollups.Rollup.payback_period`) marked.

    ``data`` is a rollup with ``period`` in ``by``; an appraisal (its adjusted,
    undiscounted costs and benefits by financial year, :meth:`Appraisal.by_year
    <wecb.appraisal.record.Appraisal.by_year>`); or a mapping of period to net benefit.
    """
    by_period = period_rollup(data)
    net: dict[Period, Money] = {}
    for (period,), totals in by_period.groups.items():
        assert isinstance(period, FinancialYear | OpenPeriod)
        net[period] = totals.net
    currency = by_period.currency
    payback = by_period.payback_period()
    if not net:
        raise ValidationError("nothing to plot: no periods")
    running = Money.zero(currency)
    cumulative: list[Money] = []
    for value in net.values():
        running = running + value
        cumulative.append(running)
    scale = _scale_for([*net.values(), *cumulative])
    unit = _unit(currency, scale)
    labels = [str(p) for p in net]
    xs = list(range(len(labels)))
    fig = _figure((max(6.0, 1.1 * len(labels) + 2), 4.5))
    ax = fig.subplots()
    heights = [to_axis(v, scale) for v in net.values()]
    colours = [_COST if v.is_negative() else _CASHABLE for v in net.values()]
    ax.bar(xs, heights, color=colours, alpha=0.6, label="net benefit in period")
    ax.plot(
        xs,
        [to_axis(v, scale) for v in cumulative],
        marker="o",
        color="black",
        label="cumulative net benefit",
    )
    ax.axhline(0, color="grey", linewidth=0.8)
    if payback is not None and payback in net:
        at = list(net).index(payback)
        ax.axvline(at, color="green", linestyle="--", label=f"payback: {payback}")
    ax.annotate(
        cumulative[-1].format(),
        (xs[-1], to_axis(cumulative[-1], scale)),
        xytext=(6, 0),
        textcoords="offset points",
        va="center",
        fontsize=8,
    )
    ax.set_xticks(xs, labels, rotation=20, ha="right")
    ax.set_ylabel(unit)
    ax.set_title(title or "Cumulative net benefit")
    ax.legend(fontsize=8)
    return finish(fig, path)


def who_pays_heatmap(
    matrix: WhoPaysWhoBenefits | Mapping[Any, Any],
    *,
    title: str | None = None,
    names: Mapping[str, str] | None = None,
    path: str | os.PathLike[str] | None = None,
) -> Figure:
    """A heat map of money by paying partner (rows) and benefiting partner (columns).

    ``matrix`` is a :class:`~wecb.whopays.WhoPaysWhoBenefits` (its ``matrix``: how much of
    each beneficiary's benefit each investor's money produced), a nested mapping
    ``{investor: {beneficiary: Money}}`` or a mapping keyed by ``(investor, beneficiary)``.
    Each cell is labelled with its exact amount, scaled (``£4.7m``).
    """
    cells = matrix_cells(matrix)
    if not cells:
        raise ValidationError("nothing to plot: the matrix has no cells")
    payers = list(dict.fromkeys(p for p, _ in cells))
    receivers = list(dict.fromkeys(b for _, b in cells))
    currency = next(iter(cells.values())).currency
    zero = Money.zero(currency)
    scale = _scale_for(cells.values())
    grid = [[to_axis(cells.get((p, b), zero), scale) for b in receivers] for p in payers]
    label = names or {}
    fig = _figure((3.0 + 1.5 * len(receivers), 2.4 + 0.55 * len(payers)))
    ax = fig.subplots()
    image = ax.imshow(grid, cmap="Blues", aspect="auto")
    darkest = max((v for row in grid for v in row), default=0.0)
    for i, p in enumerate(payers):
        for j, b in enumerate(receivers):
            value = cells.get((p, b))
            if value is not None and not value.is_zero():
                dark = darkest > 0 and grid[i][j] > 0.6 * darkest
                ax.text(
                    j,
                    i,
                    value.format(),
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="white" if dark else "black",
                )
    ax.set_xticks(range(len(receivers)), [_wrap(label.get(b, b)) for b in receivers])
    ax.set_yticks(range(len(payers)), [_wrap(label.get(p, p)) for p in payers])
    ax.set_xlabel("benefit received by")
    ax.set_ylabel("invested by")
    fig.colorbar(image, ax=ax, label=_unit(currency, scale))
    ax.set_title(title or "Who pays, who benefits")
    return finish(fig, path)


def npv_distribution(
    samples: MonteCarloResult | Sequence[Money],
    *,
    percentiles: Sequence[int] = (5, 50, 95),
    title: str | None = None,
    bins: int = 40,
    path: str | os.PathLike[str] | None = None,
) -> Figure:
    """A histogram of net present values from a sensitivity run, with percentiles marked.

    ``samples`` is a :class:`~wecb.appraisal.sensitivity.MonteCarloResult` (its simulated
    NPVs, and the percentiles it computed) or a sequence of Money. For a plain sequence the
    ``percentiles`` are computed as the Monte Carlo does: the smallest simulated value with
    at least p% of the draws at or below it, exactly, on the Money values.
    """
    from wecb.appraisal import MonteCarloResult  # noqa: PLC0415

    marks: list[tuple[str, Money]] = []
    if isinstance(samples, MonteCarloResult):
        values = list(samples.npv_draws())
        marks = [
            (f"P{_number(p)}", value)
            for p, value in samples.net_present_budget_impact_percentiles.values
        ]
        title = title or f"{samples.subject}: NPV over {samples.draws:,} draws"
    else:
        values = list(samples)
        for value in values:
            if not isinstance(value, Money):
                raise WecbTypeError.not_accepted("npv_distribution: sample", value, "Money")
        ordered = sorted(values)
        for q in percentiles:
            if isinstance(q, bool) or not isinstance(q, int):
                raise WecbTypeError.not_accepted("npv_distribution: percentile", q, "an int")
            if not 0 < q <= 100:
                raise ValidationError.not_accepted(
                    "npv_distribution: percentile", q, "an int in 1..100"
                )
            if ordered:
                marks.append((f"P{q}", ordered[-(-q * len(ordered) // 100) - 1]))
    if not values:
        raise ValidationError("nothing to plot: no samples")
    currency = values[0].currency
    scale = _scale_for(values)
    unit = _unit(currency, scale)
    fig = _figure((7.0, 4.2))
    ax = fig.subplots()
    ax.hist(
        [to_axis(v, scale) for v in values], bins=bins, color=_NON_CASHABLE, edgecolor=_CASHABLE
    )
    for name, value in marks:
        x = to_axis(value, scale)
        ax.axvline(x, color="black", linestyle=":", linewidth=1)
        ax.annotate(
            f"{name} {value.format()}",
            (x, 1),
            xycoords=("data", "axes fraction"),
            xytext=(-2, -4),
            textcoords="offset points",
            rotation=90,
            va="top",
            ha="right",
            fontsize=8,
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 1},
        )
    ax.set_xlabel(f"net present value ({unit})")
    ax.set_ylabel("draws")
    ax.set_title(title or f"NPV distribution ({len(values):,} draws)")
    return finish(fig, path)


def _number(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else str(float(value))
