"""The plots of a report (private to :mod:`wecb.present.report`): each drawn by
:mod:`wecb.present.plots`, kept as PNG bytes with a caption that states what it assumes.

A plot is drawn only where its data say something: savings by domain when the programme
has cash flows, the cumulative net benefit when it is appraised, the who-pays heat map when
some money is attributed to a partner, the NPV histogram when a Monte Carlo run is given.
What is not drawn is listed with the reason.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from wecb.present._report_parts import Plot
from wecb.rollups import UNATTRIBUTED
from wecb.whopays.matrix import NO_INVESTMENT

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from wecb.present._report_inputs import Inputs

__all__ = ["draw_plots", "png_of"]

#: Resolution of the images in a report.
DPI = 110


def png_of(fig: Figure) -> tuple[bytes, int, int]:
    """``fig`` as PNG bytes, with its width and height in pixels (from the PNG header)."""
    image = io.BytesIO()
    fig.savefig(image, format="png", dpi=DPI, metadata={"Software": None})
    data = image.getvalue()
    return data, int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def _plot(fig: Figure, title: str, caption: str) -> Plot:
    data, width, height = png_of(fig)
    return Plot(title=title, caption=caption, png=data, width=width, height=height)


def _attributed(inputs: Inputs) -> bool:
    nobody = {UNATTRIBUTED, NO_INVESTMENT}
    return any(
        not amount.is_zero() and not {payer, receiver} <= nobody
        for payer, row in inputs.who.matrix.items()
        for receiver, amount in row.items()
    )


def draw_plots(inputs: Inputs) -> tuple[tuple[Plot, ...], tuple[str, ...]]:
    """The report's plots, and a sentence for each plot not drawn, saying why."""
    from wecb.present import plots  # noqa: PLC0415 -- matplotlib only when drawing

    drawn: list[Plot] = []
    undrawn: list[str] = []
    if inputs.has_flows():
        drawn.append(
            _plot(
                plots.savings_by_domain(inputs.programme),
                "Benefits and costs by domain",
                "Gross benefits of each domain, cashable and non-cashable, beside its costs, "
                "over each table's horizon (undiscounted, unphased), from the programme's "
                "cash flows.",
            )
        )
    else:
        undrawn.append("Benefits by domain: not drawn, the programme has no cash flows.")
    if inputs.appraisal is not None:
        case = inputs.appraisal
        drawn.append(
            _plot(
                plots.cumulative_net_benefit(case),
                "Cumulative net benefit",
                "Net benefit by financial year (adjusted, undiscounted) and its running "
                f"total, with the payback year marked; appraisal base year {case.base_year}, "
                f"{case.price_base} prices. " + _phasing_caption(inputs),
            )
        )
    else:
        undrawn.append("Cumulative net benefit: not drawn, the programme is not appraised.")
    if _attributed(inputs):
        names = {p.key: p.name for p in inputs.programme.partners}
        drawn.append(
            _plot(
                plots.who_pays_heatmap(inputs.who, names=names),
                "Who pays, who benefits",
                "Money by investing partner and benefiting partner; each benefit is split "
                "between its project's investors by their shares of the project's costs.",
            )
        )
    elif inputs.has_flows():
        undrawn.append(
            "Who pays, who benefits: no heat map, no cost or benefit is attributed to a "
            "partner (see the table under Tables)."
        )
    if inputs.sensitivity is not None:
        run = inputs.sensitivity
        drawn.append(
            _plot(
                plots.npv_distribution(run),
                "Distribution of the net present value",
                f"{run.draws:,} Monte Carlo draws, seed {run.seed}, percentiles marked; the "
                "ranges drawn from are listed under Assumptions and sources.",
            )
        )
    return tuple(drawn), tuple(undrawn)


def _phasing_caption(inputs: Inputs) -> str:
    phasing = inputs.phasing if inputs.appraisal is None else inputs.appraisal.phasing
    if phasing is None:
        return "Phasing: none stated."
    note = phasing.note
    return f"Phasing: {note}." if note else "Phasing: as stated under Appraisal."
