"""Plots show themselves in Jupyter, draw into a given Axes, keep their legends and labels
clear of the marks, and state the assumptions of what they draw."""

from __future__ import annotations

import base64
import importlib.util
import io
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from wecb.appraisal import Appraisal, MonteCarloResult
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.datasets import essex_2012
from wecb.errors import WecbTypeError
from wecb.present import plots
from wecb.present.timeline import timeline_plot

pytest.importorskip("matplotlib")

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PNG = b"\x89PNG\r\n\x1a\n"


def example(name: str) -> ModuleType:
    sys.path.insert(0, str(EXAMPLES))
    try:
        spec = importlib.util.spec_from_file_location(name, EXAMPLES / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(EXAMPLES))


@pytest.fixture(scope="module")
def appraisal() -> Appraisal:
    common = example("_common")
    return plots_appraisal(common.ILLUSTRATIVE_PHASING)


def plots_appraisal(phasing: Any) -> Appraisal:
    from wecb.appraisal import appraise  # noqa: PLC0415

    year = FinancialYear(2012)
    return appraise(essex_2012(), base_year=year, price_base=year, phasing=phasing)


@pytest.fixture(scope="module")
def run() -> MonteCarloResult:
    result: MonteCarloResult = example("plot_npv_distribution").run(draws=300, seed=7)
    return result


def every_plot(appraisal: Appraisal, run: MonteCarloResult) -> dict[str, Callable[..., Figure]]:
    """Each plot, ready to draw (given ``ax=`` or not)."""
    view = example("plot_who_pays").view()
    essex = essex_2012()
    return {
        "savings_by_domain": lambda **kw: plots.savings_by_domain(essex, **kw),
        "cumulative_net_benefit": lambda **kw: plots.cumulative_net_benefit(appraisal, **kw),
        "who_pays_heatmap": lambda **kw: plots.who_pays_heatmap(view, **kw),
        "npv_distribution": lambda **kw: plots.npv_distribution(run, **kw),
        "timeline_plot": lambda **kw: timeline_plot(essex, **kw),
    }


NAMES = [
    "savings_by_domain",
    "cumulative_net_benefit",
    "who_pays_heatmap",
    "npv_distribution",
    "timeline_plot",
]


def drawn(figure: Figure) -> Any:
    """A renderer for ``figure``, after drawing it (without pyplot)."""
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    return canvas.get_renderer()


def caption(ax: Axes) -> Text:
    (found,) = [t for t in ax.texts if t.get_gid() == "wecb-caption"]
    return found


@pytest.mark.parametrize("name", NAMES)
def test_every_plot_displays_itself_as_a_png(
    name: str, appraisal: Appraisal, run: MonteCarloResult
) -> None:
    figure = every_plot(appraisal, run)[name]()
    png = figure._repr_png_()  # type: ignore[attr-defined]
    assert png[:8] == PNG and len(png) > 5_000
    pytest.importorskip("IPython")
    from IPython.core.interactiveshell import InteractiveShell  # noqa: PLC0415

    data, _ = InteractiveShell.instance().display_formatter.format(figure)
    assert data["image/png"][:8] == PNG


def test_display_is_one_image_when_ipython_prints_figures_itself(appraisal: Appraisal) -> None:
    """Where pyplot's inline backend has registered IPython's printer for matplotlib figures
    (``%matplotlib inline``), that printer draws a wecb figure: one PNG, not two."""
    pytest.importorskip("IPython")
    from IPython.core.interactiveshell import InteractiveShell  # noqa: PLC0415
    from IPython.core.pylabtools import select_figure_formats  # noqa: PLC0415

    shell = InteractiveShell.instance()
    figure = plots.cumulative_net_benefit(appraisal)
    png = shell.display_formatter.formatters["image/png"]
    before = dict(png.type_printers)
    try:
        select_figure_formats(shell, {"png"})
        assert png.lookup(figure) is not None  # IPython's own printer answers
        data, _ = shell.display_formatter.format(figure)
        image = data["image/png"]  # IPython's printer gives base64 text
        assert (base64.b64decode(image) if isinstance(image, str) else image)[:8] == PNG
    finally:
        png.type_printers.clear()
        png.type_printers.update(before)


@pytest.mark.parametrize("name", NAMES)
def test_every_plot_draws_into_a_given_axes(
    name: str, appraisal: Appraisal, run: MonteCarloResult, tmp_path: Path
) -> None:
    host = Figure(figsize=(16, 6), layout="constrained")
    left, right = host.subplots(1, 2)
    path = tmp_path / f"{name}.png"
    assert every_plot(appraisal, run)[name](ax=right, path=path) is host
    assert right.has_data() and not left.has_data()
    assert caption(right).get_text()
    assert path.read_bytes()[:8] == PNG
    with pytest.raises(WecbTypeError, match=rf"{name}: ax.*matplotlib Axes"):
        every_plot(appraisal, run)[name](ax=host)


def test_plots_pickle_with_their_captions(appraisal: Appraisal) -> None:
    figure = plots.cumulative_net_benefit(appraisal)
    again = pickle.loads(pickle.dumps(figure))
    assert type(again) is type(figure)
    assert caption(again.axes[0]).get_text() == caption(figure.axes[0]).get_text()
    assert again._repr_png_()[:8] == PNG


def test_cumulative_legend_swatches_are_the_marks_colours() -> None:
    fy = FinancialYear(2012)
    figure = plots.cumulative_net_benefit({fy: Money(-5), fy + 1: Money(3), fy + 2: Money(4)})
    ax = figure.axes[0]
    legend = ax.get_legend()
    swatches = dict(
        zip([t.get_text() for t in legend.get_texts()], legend.legend_handles, strict=True)
    )
    bars = {c.get_label(): c for c in ax.containers}
    assert set(bars) == {"net benefit in period", "net cost in period"}
    for label, container in bars.items():
        colours = {to_rgba(p.get_facecolor()) for p in container.patches}  # type: ignore[attr-defined]
        assert colours == {to_rgba(swatches[label].get_facecolor())}  # type: ignore[union-attr]
    assert bars["net cost in period"].patches[0].get_facecolor() != (
        bars["net benefit in period"].patches[0].get_facecolor()
    )
    (line,) = [x for x in ax.get_lines() if x.get_label() == "cumulative net benefit"]
    handle = swatches["cumulative net benefit"]
    assert to_rgba(handle.get_color()) == to_rgba(line.get_color())  # type: ignore[union-attr]


def test_npv_percentile_labels_clear_the_bars_and_each_other(run: MonteCarloResult) -> None:
    figure = plots.npv_distribution(run)
    ax = figure.axes[0]
    renderer = drawn(figure)
    labels = [t.get_window_extent(renderer) for t in ax.get_legend().get_texts()]
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert texts == [
        f"P{p} {v.format()}" for p, v in run.net_present_budget_impact_percentiles.values
    ]
    bars = [p.get_window_extent(renderer) for p in ax.patches if p.get_height() > 0]
    assert bars
    for box in labels:
        assert not any(box.overlaps(bar) for bar in bars)
    for i, one in enumerate(labels):
        assert not any(one.overlaps(other) for other in labels[i + 1 :])


@pytest.mark.parametrize("name", NAMES)
def test_captions_sit_under_the_axis_inside_the_figure(
    name: str, appraisal: Appraisal, run: MonteCarloResult
) -> None:
    figure = every_plot(appraisal, run)[name]()
    ax = figure.axes[0]
    renderer = drawn(figure)
    box = caption(ax).get_window_extent(renderer)
    axis = ax.xaxis.get_tightbbox(renderer)
    assert axis is not None and box.y1 <= axis.y0 + 0.5
    whole = Bbox.from_extents(0, 0, figure.bbox.width, figure.bbox.height)
    assert whole.x0 <= box.x0 and box.x1 <= whole.x1 + 0.5 and box.y0 >= -0.5


def test_captions_state_the_results_assumptions(
    appraisal: Appraisal, run: MonteCarloResult
) -> None:
    plot = every_plot(appraisal, run)

    def text(name: str) -> str:
        return " ".join(caption(plot[name]().axes[0]).get_text().split())

    cumulative = text("cumulative_net_benefit")
    for phrase in ("phasing: weights by year", "base year: 2012/13", "undiscounted"):
        assert phrase in cumulative
    npv = text("npv_distribution")
    assert f"{run.draws:,} draws, seed {run.seed}" in npv
    assert "range 'cost overrun': triangular" in npv and "discount schedule" in npv
    assert "attribution:" in text("who_pays_heatmap") and "FBC3" in text("who_pays_heatmap")
    assert "lines: every line" in text("savings_by_domain")
    assert "order: by first day" in text("timeline_plot")


def test_a_long_assumption_is_cut_and_marked_and_unverified_ones_kept() -> None:
    from wecb.core.assumptions import Assumption, ResultRows  # noqa: PLC0415
    from wecb.present._plot_data import CAPTION_ITEM_LIMIT, caption_lines  # noqa: PLC0415

    long = Assumption(name="phasing", value="; ".join(f"year {n} weight 1" for n in range(40)))
    loose = Assumption(name="optimism bias", value="grade 3", verified=False)
    rows = ResultRows([], assumptions=[long, loose])
    shown = caption_lines(rows, ("phasing",))
    assert len(shown[0]) <= CAPTION_ITEM_LIMIT + 2 and shown[0].endswith("weight 1 …")
    assert shown[1].startswith("optimism bias: grade 3 [WARNING")
    assert caption_lines([], otherwise="none") == ["none"]


def test_figures_stay_out_of_pyplot(appraisal: Appraisal) -> None:
    before = "matplotlib.pyplot" in sys.modules
    figure = plots.cumulative_net_benefit(appraisal)
    figure.savefig(io.BytesIO(), format="png")
    assert ("matplotlib.pyplot" in sys.modules) == before
