"""The figure every wecb plot draws on: a matplotlib figure that shows itself in Jupyter
(private to :mod:`wecb.present`; imports matplotlib, so it is imported only when a plot is
drawn).

A figure built without ``pyplot`` has no manager, so the inline backend never draws it and
a notebook would show only ``<Figure size 800x460 with 1 Axes>``. :class:`PlotFigure` draws
itself instead: IPython asks an object for ``_repr_png_``. Where pyplot's inline backend is
active IPython's own printer for matplotlib figures answers first (a subclass is still a
figure), so the image is shown once either way; the figure never joins pyplot's list of open
figures, so the backend does not show it a second time at the end of the cell.
"""

from __future__ import annotations

import io

from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

__all__ = ["BelowAxes", "PlotFigure"]

#: Resolution of the image a notebook shows (files take theirs from ``finish``).
DISPLAY_DPI = 100


class PlotFigure(Figure):
    """A matplotlib :class:`~matplotlib.figure.Figure` that Jupyter displays as a PNG."""

    def _repr_png_(self) -> bytes:
        image = io.BytesIO()
        self.savefig(image, format="png", dpi=DISPLAY_DPI)
        return image.getvalue()


class BelowAxes:
    """Coordinates for a caption under an axes: a box whose left is the left of the axes'
    y-axis labels and whose bottom is the bottom of its x-axis labels (the axes' own edges
    where an axis draws nothing). An object, not a lambda, so that a figure with a caption
    still pickles."""

    def __init__(self, axes: Axes) -> None:
        self.axes = axes

    def __call__(self, renderer: RendererBase) -> Bbox:
        frame = self.axes.get_window_extent(renderer)
        boxes = [frame]
        for axis in (self.axes.xaxis, self.axes.yaxis):
            box = axis.get_tightbbox(renderer)
            if box is not None and box.width > 0 and box.height > 0:
                boxes.append(box)
        union = Bbox.union(boxes)
        return Bbox.from_extents(union.x0, union.y0, frame.x1, frame.y1)
