"""Writing a matplotlib figure to a file, as every wecb writer writes (private to
:mod:`wecb.present`).

The figure is drawn in memory in the format the suffix names (PNG without one, as
matplotlib does, adding ``.png``), then written atomically.
"""

from __future__ import annotations

import io
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["finish"]


def finish(fig: Figure, path: str | os.PathLike[str] | None) -> Figure:
    """``fig``, written to ``path`` first when one is given."""
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
