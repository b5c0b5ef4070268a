"""Plots (wecb.present.plots) and their examples render headless to PNG files."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.errors import MissingExtraError, ValidationError, WecbTypeError
from wecb.present import plots

pytest.importorskip("matplotlib")

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(autouse=True)
def examples_on_path(monkeypatch: pytest.MonkeyPatch) -> None:
    # As when an example is run as a script: its folder is first on the path.
    monkeypatch.syspath_prepend(str(EXAMPLES))


def example(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, EXAMPLES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def assert_png(path: Path) -> None:
    assert path.is_file() and path.stat().st_size > 5_000
    assert path.read_bytes()[:8] == PNG


@pytest.mark.parametrize(
    "name",
    ["plot_savings_by_domain", "plot_cumulative_net_benefit", "plot_who_pays"],
)
def test_example_renders_a_png(name: str, tmp_path: Path) -> None:
    path = example(name).main(tmp_path)
    assert path.parent == tmp_path
    assert_png(path)


def test_npv_distribution_example_renders(tmp_path: Path) -> None:
    module = example("plot_npv_distribution")
    assert_png(module.main(tmp_path, draws=500))


def test_plots_never_touch_pyplot(tmp_path: Path) -> None:
    before = "matplotlib.pyplot" in sys.modules
    plots.cumulative_net_benefit(
        {FinancialYear(2012): Money(-5), FinancialYear(2013): Money(10)}, path=tmp_path / "a.png"
    )
    assert ("matplotlib.pyplot" in sys.modules) == before


def test_cumulative_marks_payback_from_the_rollup_rule(tmp_path: Path) -> None:
    fy = FinancialYear(2012)
    figure = plots.cumulative_net_benefit({fy: Money(-5), fy + 1: Money(3), fy + 2: Money(4)})
    labels = [text.get_text() for text in figure.axes[0].get_legend().get_texts()]
    assert "payback: 2014/15" in labels


def test_who_pays_heatmap_labels_cells_with_exact_amounts() -> None:
    module = example("plot_who_pays")
    view = module.view()
    figure = plots.who_pays_heatmap(view)
    texts = {t.get_text() for t in figure.axes[0].texts}
    for row in view.matrix.values():
        for amount in row.values():
            if not amount.is_zero():
                assert amount.format() in texts


def test_npv_percentiles_of_a_sequence_are_simulated_values() -> None:
    samples = [Money(n) for n in range(1, 101)]
    figure = plots.npv_distribution(samples, percentiles=(5, 50, 95))
    texts = [t.get_text() for t in figure.axes[0].get_legend().get_texts()]
    assert texts == ["P5 £5.00", "P50 £50.00", "P95 £95.00"]


def test_bad_inputs_raise_wecb_errors() -> None:
    with pytest.raises(ValidationError, match="no samples"):
        plots.npv_distribution([])
    with pytest.raises(ValidationError, match="no cells"):
        plots.who_pays_heatmap({})
    with pytest.raises(WecbTypeError, match="expected a Rollup"):
        plots.cumulative_net_benefit(42)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="percentile"):
        plots.npv_distribution([Money(1)], percentiles=(0,))
    with pytest.raises(WecbTypeError, match="percentile"):
        plots.npv_distribution([Money(1)], percentiles=(True,))
    with pytest.raises(WecbTypeError, match="sample"):
        plots.npv_distribution([Money(1), 2])  # type: ignore[list-item]
    with pytest.raises(WecbTypeError, match="matrix cell"):
        plots.who_pays_heatmap({("a", "b"): 3})


def test_to_axis_is_only_a_drawing_value() -> None:
    assert plots.to_axis(Money("87587000")) == 87.587
    with pytest.raises(WecbTypeError):
        plots.to_axis(1.5)  # type: ignore[arg-type]


def test_missing_matplotlib_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'wecb\[plot\]'"):
        plots.npv_distribution([Money(1)])
