"""Plots of a programme with matplotlib (extra ``plot``), drawn headless.

Each function returns a :class:`matplotlib.figure.Figure` built without ``pyplot`` (so no
GUI backend and no global state is involved) that shows itself in Jupyter (as a PNG, with
or without ``%matplotlib inline``), and can write it straight to a file with ``path=``
(atomically, as :func:`~wecb.io.files.save` writes, in the format the suffix names). Given
``ax=`` (a matplotlib Axes), a function draws into it instead and returns its figure. Under
each plot a caption states what produced it (phasing, schedule, draws, seed, filters...),
taken from the result's own stated assumptions
(:func:`~wecb.core.assumptions.assumptions_of`). matplotlib is imported only when a plot is
drawn.

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
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from wecb.core._decimal import shift
from wecb.core.money import Money
from wecb.core.periods import FinancialYear, OpenPeriod, Period
from wecb.errors import ValidationError, WecbTypeError
from wecb.present._figures import add_caption, finish, plot_axes
from wecb.present._plot_data import (
    SCALE_POWERS,
    axis_unit,
    caption_lines,
    matrix_cells,
    period_rollup,
    sample_percentiles,
    scale_for,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
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

_CASHABLE = "#1b6ca8"
_NON_CASHABLE = "#9cc3e4"
_COST = "#c0392b"
#: A legend beside the axes, outside the marks it explains.
_BESIDE: dict[str, Any] = {"loc": "upper left", "bbox_to_anchor": (1.01, 1.0), "fontsize": 8}


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
    return float(shift(value, -SCALE_POWERS[scale]))  # exact until the float, in any context


def _wrap(text: str, width: int = 18) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def savings_by_domain(
    data: Programme | Rollup,
    *,
    title: str | None = None,
    ax: Axes | None = None,
    path: str | os.PathLike[str] | None = None,
) -> Figure:
    """Horizontal bars of gross benefits by domain, split cashable / non-cashable, with each
    domain's costs marked beside them.

    ``data`` is a programme (rolled up by domain and cashability) or a rollup whose
    ``by`` includes ``domain`` and ``cashable``. The caption states the rollup's filters.
    Like every plot here, it draws into ``ax`` when given one:

    >>> from matplotlib.figure import Figure
    >>> from wecb.datasets import essex_2012
    >>> host = Figure(figsize=(16, 5), layout="constrained")
    >>> left, right = host.subplots(1, 2)
    >>> savings_by_domain(essex_2012(), ax=left) is host
    True
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
    cash, non_cash, costs = _by_domain(result)
    domains = list(cash)
    scale = scale_for([*cash.values(), *non_cash.values(), *costs.values()])
    fig, ax = plot_axes(ax, (9.5, 2.6 + 0.7 * max(len(domains), 1)), "savings_by_domain")
    ys = list(range(len(domains)))
    c = [to_axis(cash[d], scale) for d in domains]
    n = [to_axis(non_cash[d], scale) for d in domains]
    k = [to_axis(costs[d], scale) for d in domains]
    up = [y + 0.2 for y in ys]
    ax.barh(up, c, height=0.38, color=_CASHABLE, label="cashable benefit")
    ax.barh(up, n, height=0.38, left=c, color=_NON_CASHABLE, label="non-cashable benefit")
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
    ax.set_yticks(ys, [_wrap(names.get(d, d)) for d in domains])
    ax.invert_yaxis()
    widest = max([*(a + b for a, b in zip(c, n, strict=True)), *k, 0.0])
    ax.set_xlim(0, widest * 1.18 or 1)  # room for the labels at the bars' ends
    ax.set_xlabel(f"{axis_unit(result.currency, scale)} (gross, over each table's horizon)")
    ax.set_title(name)
    ax.legend(**_BESIDE)
    add_caption(
        ax,
        caption_lines(
            result,
            shown="benefits and costs as the tables state them: gross, undiscounted, unadjusted",
            otherwise="lines: every line (no filter)",
        ),
    )
    return finish(fig, path)


def _by_domain(result: Rollup) -> tuple[dict[str, Money], ...]:
    """Cashable benefits, non-cashable benefits and costs by domain, in the rollup's order."""
    domains = list(dict.fromkeys(str(domain) for domain, _ in result.groups))
    zero = Money.zero(result.currency)
    cash = dict.fromkeys(domains, zero)
    non_cash = dict.fromkeys(domains, zero)
    costs = dict.fromkeys(domains, zero)
    for (domain, cashable), totals in result.groups.items():
        target = cash if cashable else non_cash
        target[str(domain)] = target[str(domain)] + totals.benefits
        costs[str(domain)] = costs[str(domain)] + totals.costs
    return cash, non_cash, costs


def cumulative_net_benefit(
    data: Rollup | Appraisal | Mapping[Period, Money],
    *,
    title: str | None = None,
    ax: Axes | None = None,
    path: str | os.PathLike[str] | None = None,
) -> Figure:
    """Net benefit by period (bars: a net benefit in one colour, a net cost in another) and
    its running total (line), with the payback period
    (:meth:`wecb.rollups.Rollup.payback_period`) marked.

    ``data`` is a rollup with ``period`` in ``by``; an appraisal (its adjusted,
    undiscounted costs and benefits by financial year, :meth:`Appraisal.by_year
    <wecb.appraisal.record.Appraisal.by_year>`); or a mapping of period to net benefit.
    The caption states the appraisal's phasing, base year, price base and adjustments (or
    the rollup's filters).
    """
    by_period = period_rollup(data)
    net: dict[Period, Money] = {}
    for (period,), totals in by_period.groups.items():
        assert isinstance(period, FinancialYear | OpenPeriod)
        net[period] = totals.net
    if not net:
        raise ValidationError("nothing to plot: no periods")
    running = Money.zero(by_period.currency)
    cumulative: list[Money] = []
    for value in net.values():
        running = running + value
        cumulative.append(running)
    scale = scale_for([*net.values(), *cumulative])
    xs = list(range(len(net)))
    fig, ax = plot_axes(ax, (max(6.0, 1.1 * len(net) + 2) + 2.2, 5.2), "cumulative_net_benefit")
    for negative, colour, label in ((False, _CASHABLE, "net benefit"), (True, _COST, "net cost")):
        chosen = [
            (x, v) for x, v in zip(xs, net.values(), strict=True) if v.is_negative() == negative
        ]
        if chosen:  # one call per colour, so the legend's swatch is the bars' colour
            ax.bar(
                [x for x, _ in chosen],
                [to_axis(v, scale) for _, v in chosen],
                color=colour,
                alpha=0.6,
                label=f"{label} in period",
            )
    ax.plot(
        xs,
        [to_axis(v, scale) for v in cumulative],
        marker="o",
        color="black",
        label="cumulative net benefit",
    )
    ax.axhline(0, color="grey", linewidth=0.8)
    payback = by_period.payback_period()
    if payback is not None and payback in net:
        at = list(net).index(payback)
        ax.axvline(at, color="green", linestyle="--", label=f"payback: {payback}")
    ax.annotate(
        cumulative[-1].format(),
        (xs[-1], to_axis(cumulative[-1], scale)),
        xytext=(0, 7),
        textcoords="offset points",
        ha="center",
        va="bottom",
        fontsize=8,
    )
    ax.margins(y=0.12)
    ax.set_xticks(xs, [str(p) for p in net], rotation=20, ha="right")
    ax.set_ylabel(axis_unit(by_period.currency, scale))
    ax.set_title(title or "Cumulative net benefit")
    ax.legend(**_BESIDE)
    add_caption(ax, _cumulative_caption(data))
    return finish(fig, path)


def _cumulative_caption(data: object) -> list[str]:
    from wecb.appraisal import Appraisal  # noqa: PLC0415

    if isinstance(data, Appraisal):
        return caption_lines(
            data,
            ("phasing", "base year", "price base", "horizon", "adjustments"),
            shown="adjusted costs and benefits by financial year, undiscounted",
        )
    if isinstance(data, Mapping):
        return ["net benefit by period as given"]
    return caption_lines(
        data, shown="costs and benefits as the lines state them", otherwise="lines: every line"
    )


def who_pays_heatmap(
    matrix: WhoPaysWhoBenefits | Mapping[Any, Any],
    *,
    title: str | None = None,
    names: Mapping[str, str] | None = None,
    ax: Axes | None = None,
    path: str | os.PathLike[str] | None = None,
) -> Figure:
    """A heat map of money by paying partner (rows) and benefiting partner (columns).

    ``matrix`` is a :class:`~wecb.whopays.WhoPaysWhoBenefits` (its ``matrix``: how much of
    each beneficiary's benefit each investor's money produced), a nested mapping
    ``{investor: {beneficiary: Money}}`` or a mapping keyed by ``(investor, beneficiary)``.
    Each cell is labelled with its exact amount, scaled (``£4.7m``); the caption states the
    view's attribution rule and filters.
    """
    cells = matrix_cells(matrix)
    if not cells:
        raise ValidationError("nothing to plot: the matrix has no cells")
    payers = list(dict.fromkeys(p for p, _ in cells))
    receivers = list(dict.fromkeys(b for _, b in cells))
    currency = next(iter(cells.values())).currency
    zero = Money.zero(currency)
    scale = scale_for(cells.values())
    grid = [[to_axis(cells.get((p, b), zero), scale) for b in receivers] for p in payers]
    label = names or {}
    size = (4.5 + 1.5 * len(receivers), 3.4 + 0.55 * len(payers))
    fig, ax = plot_axes(ax, size, "who_pays_heatmap")
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
    fig.colorbar(image, ax=ax, label=axis_unit(currency, scale))
    ax.set_title(title or "Who pays, who benefits")
    add_caption(ax, caption_lines(matrix, otherwise="cells as given"))
    return finish(fig, path)


#: How each percentile's line is drawn, in turn: colour and line style.
_MARKS = (
    ("#d95f02", "--"),
    ("#7b3294", "-."),
    ("black", "-"),
    ("#7b3294", ":"),
    ("#d95f02", (0, (5, 1, 1, 1, 1, 1))),
    ("#1b9e77", (0, (1, 2))),
)


def npv_distribution(
    samples: MonteCarloResult | Sequence[Money],
    *,
    percentiles: Sequence[int] = (5, 50, 95),
    title: str | None = None,
    bins: int = 40,
    ax: Axes | None = None,
    path: str | os.PathLike[str] | None = None,
) -> Figure:
    """A histogram of net present values from a sensitivity run, with percentiles marked
    by lines and named, with their exact values, in a legend beside the histogram.

    ``samples`` is a :class:`~wecb.appraisal.sensitivity.MonteCarloResult` (its simulated
    NPVs, and the percentiles it computed) or a sequence of Money. For a plain sequence the
    ``percentiles`` are computed as the Monte Carlo does: the smallest simulated value with
    at least p% of the draws at or below it, exactly, on the Money values. The caption
    states the run's draws, seed, ranges, discount schedule and phasing.
    """
    from wecb.appraisal import MonteCarloResult  # noqa: PLC0415

    if isinstance(samples, MonteCarloResult):
        values = list(samples.npv_draws())
        marks = [
            (f"P{_number(p)}", value)
            for p, value in samples.net_present_budget_impact_percentiles.values
        ]
        title = title or f"{samples.subject}: NPV over {samples.draws:,} draws"
        keep = ("simulation", "range", "discount schedule", "phasing", "figures")
        caption = caption_lines(samples, keep, shown="net present budget impact of each draw")
    else:
        values, marks = sample_percentiles(samples, percentiles)
        caption = [f"{len(values):,} values as given; P<n>: the smallest with n% at or below it"]
    if not values:
        raise ValidationError("nothing to plot: no samples")
    scale = scale_for(values)
    fig, ax = plot_axes(ax, (9.0, 5.0), "npv_distribution")
    ax.hist(
        [to_axis(v, scale) for v in values], bins=bins, color=_NON_CASHABLE, edgecolor=_CASHABLE
    )
    for index, (name, value) in enumerate(marks):
        colour, style = _MARKS[index % len(_MARKS)]
        x = to_axis(value, scale)
        ax.axvline(
            x, color=colour, linestyle=style, linewidth=1.2, label=f"{name} {value.format()}"
        )
    ax.set_xlabel(f"net present value ({axis_unit(values[0].currency, scale)})")
    ax.set_ylabel("draws")
    ax.set_title(title or f"NPV distribution ({len(values):,} draws)")
    if marks:
        ax.legend(title="percentiles", **_BESIDE)
    add_caption(ax, caption)
    return finish(fig, path)


def _number(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else str(float(value))
