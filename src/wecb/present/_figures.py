"""Figures for the plots (private to :mod:`wecb.present`): where a plot draws (a new
figure that displays itself in Jupyter, or the caller's axes), the caption that states its
assumptions, and writing it to a file as every wecb writer writes.

matplotlib is imported only when a plot is drawn: the summary imports the timeline, which
imports this module, and must not import matplotlib.
"""

from __future__ import annotations

import io
import os
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

from wecb._optional import require
from wecb.errors import WecbTypeError

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["CAPTION_POINTS", "add_caption", "finish", "plot_axes"]

#: Font size of a caption, in points.
CAPTION_POINTS = 7.0
# Roughly how many caption characters fit in an inch at CAPTION_POINTS (DejaVu Sans).
_CHARACTERS_PER_INCH = 72 / (CAPTION_POINTS * 0.56)


def plot_axes(ax: object, size: tuple[float, float], where: str) -> tuple[Figure, Axes]:
    """The figure and axes a plot draws on: ``ax`` and its figure when given (it must be a
    matplotlib Axes), else one axes on a new figure of ``size`` inches that shows itself in
    Jupyter. ``where`` names the plot in errors."""
    require("matplotlib", "plot", "plotting")
    from matplotlib.axes import Axes  # noqa: PLC0415 -- only when a plot is drawn

    from wecb.present._figure_class import PlotFigure  # noqa: PLC0415

    if ax is None:
        fig = PlotFigure(figsize=size, layout="constrained")
        return fig, fig.add_subplot()
    if not isinstance(ax, Axes):
        raise WecbTypeError.not_accepted(f"{where}: ax", ax, "a matplotlib Axes or None")
    return _figure_of(ax), ax


def _figure_of(ax: Axes) -> Figure:
    fig = ax.get_figure(root=True)
    if fig is None:  # matplotlib always gives an Axes a figure; its types allow none
        raise WecbTypeError.not_accepted("plot: ax", ax, "an Axes on a figure")
    return fig


def add_caption(ax: Axes, lines: Sequence[str]) -> None:
    """Write ``lines`` in small type under ``ax``'s x axis, from the left of its y-axis
    labels, wrapped to the axes' share of the figure's width; constrained layout makes room
    for it."""
    if not lines:
        return
    from wecb.present._figure_class import BelowAxes  # noqa: PLC0415

    fig = _figure_of(ax)
    # The axes' share of the figure (its position before layout) and its labels' margin.
    share = min(0.92, ax.get_position().width + 0.15)
    width = max(30, int(fig.get_figwidth() * share * _CHARACTERS_PER_INCH))
    wrapped = [
        part for line in lines for part in textwrap.wrap(line, width, subsequent_indent="  ")
    ]
    ax.annotate(
        "\n".join(wrapped),
        xy=(0, 0),
        xycoords=BelowAxes(ax),
        xytext=(0, -4),
        textcoords="offset points",
        ha="left",
        va="top",
        fontsize=CAPTION_POINTS,
        color="#444444",
        annotation_clip=False,
        gid="wecb-caption",
    )


def finish(fig: Figure, path: str | os.PathLike[str] | None) -> Figure:
    """``fig``, written to ``path`` first when one is given: drawn in memory in the format
    the suffix names (PNG without one, as matplotlib does, adding ``.png``), then written
    atomically."""
    if path is None:
        return fig
    # Only when writing: the summary imports the timeline and needs no file writer.
    from wecb.io._atomic import checked_path, export_error, write_atomic  # noqa: PLC0415

    file = checked_path(path, export_error)
    if not file.suffix:
        file = file.with_name(file.name + ".png")
    image = io.BytesIO()
    try:
        fig.savefig(image, format=file.suffix[1:].lower(), dpi=120)
    except ValueError as exc:  # a format matplotlib cannot write
        raise export_error(str(file), f"cannot draw the plot: {exc}") from None
    write_atomic(file, image.getvalue(), error=export_error)
    return fig
