"""Results and rows as pandas, Arrow and polars frames: exact decimal money, periods in
financial-year order, the currencies and assumptions beside them (``wecb.io.frames`` and
every result's ``to_pandas()``, ``to_arrow()``, ``to_polars()``)."""

from __future__ import annotations

import json
import pickle
import sys
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given

from strategies import frame_money_rows, frame_period_cells
from test_pickle import samples
from wecb.core.assumptions import Assumption, ResultRows
from wecb.core.money import Money
from wecb.core.periods import FinancialYear, OpenPeriod, period_sort_key
from wecb.core.table import Tabular
from wecb.errors import (
    ExportError,
    FloatNotAllowedError,
    MissingExtraError,
    ValidationError,
    WecbTypeError,
)
from wecb.io import to_arrow, to_pandas, to_polars

pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")
pl = pytest.importorskip("polars")

#: Results whose money needs more than 38 digits (present values carried to 30 places):
#: they need ``places=`` and refuse without it.
NEEDS_PLACES = {"Comparison"}


def _results() -> list[str]:
    return sorted(name for name, value in samples().items() if isinstance(value, Tabular))


def _places(name: str) -> int | None:
    return 2 if name in NEEDS_PLACES else None


def _money_columns(rows: list[dict[str, object]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for row in rows:
        for key, cell in row.items():
            if isinstance(cell, Money):
                out[key] = cell.currency
    mixed = {k for k in out for row in rows if not isinstance(row.get(k), Money | None)}
    return {k: v for k, v in out.items() if k not in mixed}


def _rounded(amount: Decimal, places: int | None) -> Decimal:
    if places is None:
        return amount
    return Decimal(round(Fraction(amount) * 10**places)).scaleb(-places)


def test_every_result_class_is_sampled() -> None:
    names = set(_results())
    assert {"Rollup", "Appraisal", "WhoPaysWhoBenefits", "Reconciliation"} <= names
    assert len(names) >= 20


@pytest.mark.parametrize("name", _results())
def test_every_result_gives_its_exact_rows_to_each_frame(name: str) -> None:
    result = samples()[name]
    assert isinstance(result, Tabular)
    if not hasattr(result, "rows") and len(result.tables()) > 1:
        with pytest.raises(WecbTypeError, match=r"tables and has no rows\(\)"):
            result.to_arrow()
        return
    rows = result.rows() if hasattr(result, "rows") else result.table().records()
    places = _places(name)
    table = result.to_arrow(places=places)
    frame = result.to_pandas(places=places)
    polars = result.to_polars(places=places)
    keys = list(dict.fromkeys(k for row in rows for k in row))
    assert table.column_names == list(frame.columns) == polars.columns == keys
    money = _money_columns(rows)
    assert frame.attrs["currencies"] == money
    assert json.loads(table.schema.metadata[b"wecb.currencies"]) == money
    for column, currency in money.items():
        assert table.schema.field(column).metadata == {b"wecb.currency": currency.encode()}
        want = [
            None if r.get(column) is None else _rounded(r[column].amount, places) for r in rows
        ]
        assert table.column(column).to_pylist() == want
        assert [None if pd.isna(v) else v for v in frame[column]] == want
        assert polars[column].to_list() == want
    records = list(getattr(rows, "assumptions", ())) or list(result.assumptions())  # type: ignore[attr-defined]
    assert [Assumption(**r) for r in frame.attrs["assumptions"]] == records
    assert frame.attrs["numeric"] == "exact"


@pytest.mark.parametrize("name", _results())
def test_every_result_describes_and_floats(name: str) -> None:
    result = samples()[name]
    assert isinstance(result, Tabular)
    if not hasattr(result, "rows") and len(result.tables()) > 1:
        return  # refused: see the test above
    frame = result.to_pandas(places=_places(name))
    if not frame.empty:
        frame.describe()
    floats = result.to_pandas("float", places=_places(name))
    for column in frame.attrs["currencies"]:
        assert str(floats[column].dtype) == "float64"
    assert floats.attrs["numeric"] == "float"
    assert "for display" in floats.attrs["note"]


def test_money_too_wide_for_decimal128_names_the_column_and_value() -> None:
    rows = [{"share": Money("10") / 3}]
    with pytest.raises(ExportError, match=r"column 'share': 3\.333.* needs 60 digits"):
        to_arrow(rows)
    with pytest.raises(ExportError, match="places=N"):
        samples()["Comparison"].to_pandas()  # type: ignore[attr-defined]


def test_places_rounds_half_even_and_says_so() -> None:
    rows = [{"x": Money("0.125")}, {"x": Money("0.135")}, {"x": Money("10") / 3}]
    frame = to_pandas(rows, places=2)
    assert list(frame["x"]) == [Decimal("0.12"), Decimal("0.14"), Decimal("3.33")]
    assert frame.attrs["places"] == 2
    assert json.loads(to_arrow(rows, places=2).schema.metadata[b"wecb.places"]) == 2


def test_a_ratio_too_long_is_rounded_to_fit_and_recorded() -> None:
    rows = ResultRows([{"bcr": Fraction(1, 3)}, {"bcr": Decimal("2.5")}])
    frame = to_pandas(rows)
    assert frame.attrs["rounded"] == {"bcr": 37}
    assert frame["bcr"].iloc[0] == Decimal("0." + "3" * 37)
    assert frame["bcr"].iloc[1] == Decimal("2.5")
    assert to_pandas([{"bcr": Decimal("2.72")}]).attrs.get("rounded") is None


@given(frame_money_rows())
def test_money_round_trips_exactly_through_every_frame(rows: list[dict[str, object]]) -> None:
    table = to_arrow(rows, columns=["label", "net", "other"])
    frame = to_pandas(rows, columns=["label", "net", "other"])
    polars = to_polars(rows, columns=["label", "net", "other"])
    for column in ("net", "other"):
        want = [r[column].amount if isinstance(r[column], Money) else None for r in rows]
        assert table.column(column).to_pylist() == want
        assert [None if pd.isna(v) else v for v in frame[column]] == want
        assert polars[column].to_list() == want
        cells = [r[column] for r in rows if isinstance(r[column], Money)]
        if cells:
            assert frame.attrs["currencies"][column] == cells[0].currency
            # Summed as fractions: Decimal's default context would round at 28 digits.
            total = sum((Fraction(c.amount) for c in cells), Fraction(0))
            assert Fraction(frame[column].sum()) == total


@given(frame_period_cells())
def test_periods_are_ordered_years_first_then_open_buckets(
    cells: list[FinancialYear | OpenPeriod | None],
) -> None:
    present = [c for c in cells if c is not None]
    years = sorted({c for c in present if isinstance(c, FinancialYear)}, key=period_sort_key)
    buckets = sorted({c for c in present if isinstance(c, OpenPeriod)}, key=period_sort_key)
    order = list(dict.fromkeys([str(y) for y in years] + [b.key for b in buckets]))
    labels = [None if c is None else c.key if isinstance(c, OpenPeriod) else str(c) for c in cells]
    rows = [{"period": c, "n": i} for i, c in enumerate(cells)]
    if not present:
        assert to_pandas(rows)["period"].isna().all()
        return
    frame = to_pandas(rows)
    assert frame["period"].dtype == pd.CategoricalDtype(order, ordered=True)
    assert [None if pd.isna(v) else v for v in frame["period"]] == labels
    table = to_arrow(rows)
    assert table.schema.field("period").type.ordered
    assert table.column("period").to_pylist() == labels
    assert json.loads(table.schema.metadata[b"wecb.periods"]) == {"period": order}
    polars = to_polars(rows)
    assert polars.schema["period"] == pl.Enum(order)
    assert polars["period"].to_list() == labels
    if years:
        # Text as results' rows give it ("2012/13", open keys): years in order, then the
        # open keys in the order the rows first give them.
        text_rows = [{"period": label} for label in labels]
        keys = [label for label in labels if label is not None and "/" not in label]
        expected = [str(y) for y in years] + list(dict.fromkeys(keys))
        assert list(to_pandas(text_rows)["period"].cat.categories) == expected


def test_text_periods_from_a_rollup_pivot_in_financial_year_order() -> None:
    from wecb import rollup  # noqa: PLC0415
    from wecb.datasets import essex_2012  # noqa: PLC0415

    frame = rollup(essex_2012(), by=("project", "period")).to_pandas()
    order = ["2013/14", "to_mar_2013", "further_implementation", "appraisal_horizon"]
    assert list(frame["period"].cat.categories) == order
    assert frame["period"].cat.ordered
    pivot = frame.pivot_table(
        index="project", columns="period", values="net", aggfunc="sum", observed=True
    )
    assert list(pivot.columns) == order
    assert pivot.loc["FBC1", "appraisal_horizon"] == Decimal("92330000")
    sums = frame.groupby("project")[["costs", "benefits", "net"]].sum()
    assert sums.loc["FBC2", "net"] == Decimal("150309000")
    assert str(sums["net"].dtype) == "decimal128(38, 2)[pyarrow]"
    by_period = frame.groupby("period", observed=True)["net"].sum()
    assert list(by_period.index) == order
    assert by_period.sum() == Decimal("300982000")


def test_describe_summarises_money_as_floats() -> None:
    rows = [{"k": "a", "net": Money("1.50")}, {"k": "b", "net": Money("-2.25")}]
    frame = to_pandas([*rows, {"k": "c", "net": None}])
    summary = frame.describe()
    assert list(summary.columns) == ["net"]
    assert summary.loc["count", "net"] == 2
    assert summary.loc["max", "net"] == 1.5
    assert frame["net"].describe().loc["min"] == -2.25
    assert isinstance(frame, pd.DataFrame)
    assert isinstance(frame.groupby("k").sum(), pd.DataFrame)


def test_plot_draws_the_exact_frame() -> None:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # noqa: PLC0415

    from wecb import rollup  # noqa: PLC0415
    from wecb.datasets import essex_2012  # noqa: PLC0415

    frame = rollup(essex_2012(), by="period").to_pandas()
    ax = frame.plot.bar(x="period", y=["costs", "benefits"])
    try:
        heights = sorted(round(p.get_height()) for p in ax.patches)
        assert heights[-1] == 352472000
        labels = [t.get_text() for t in ax.get_xticklabels()]
        assert labels == ["to_mar_2013", "2013/14", "further_implementation", "appraisal_horizon"]
    finally:
        plt.close(ax.figure)


def test_frames_pickle_with_their_types_and_attrs() -> None:
    frame = to_pandas(
        ResultRows(
            [{"period": FinancialYear(2013), "net": Money("5.01")}],
            assumptions=[Assumption(name="a", value="b")],
        )
    )
    back = pickle.loads(pickle.dumps(frame))
    assert back.equals(frame)
    assert back.attrs == frame.attrs
    assert list(back.dtypes) == list(frame.dtypes)


def test_cells_of_other_kinds() -> None:
    import datetime  # noqa: PLC0415

    from wecb.model.projects import Stage  # noqa: PLC0415

    rows = [
        {
            "when": datetime.date(2014, 4, 1),
            "n": 3,
            "ok": True,
            "stage": Stage.FULL_BUSINESS_CASE,
            "mix": 1,
        },
        {"when": None, "n": None, "ok": None, "stage": None, "mix": "x"},
    ]
    table = to_arrow(rows)
    types = {f.name: str(f.type) for f in table.schema}
    assert types == {
        "when": "date32[day]",
        "n": "int64",
        "ok": "bool",
        "stage": "string",
        "mix": "string",
    }
    assert table.column("stage").to_pylist() == [Stage.FULL_BUSINESS_CASE.value, None]
    assert table.column("mix").to_pylist() == ["1", "x"]
    frame = to_pandas(rows)
    assert str(frame["n"].dtype) == "int64[pyarrow]"


def test_mixed_currencies_and_floats_are_refused() -> None:
    with pytest.raises(ExportError, match="mixes currencies"):
        to_arrow([{"x": Money("1", "GBP")}, {"x": Money("1", "EUR")}])
    with pytest.raises(FloatNotAllowedError, match="column 'x'"):
        to_pandas([{"x": 0.1}])
    with pytest.raises(ValidationError, match="numeric"):
        to_pandas([{"x": 1}], numeric="floats")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="places"):
        to_arrow([{"x": Money(1)}], places=-1)


def test_bare_amounts_become_money_when_named() -> None:
    frame = to_pandas([{"net": Decimal("5"), "n": 2}], money={"net": "GBP"})
    assert frame.attrs["currencies"] == {"net": "GBP"}
    assert str(frame["net"].dtype) == "decimal128(3, 2)[pyarrow]"


@pytest.mark.parametrize(
    ("module", "call", "extra"),
    [
        ("pyarrow", lambda: to_arrow([{"x": 1}]), "arrow"),
        ("pandas", lambda: to_pandas([{"x": 1}]), "pandas"),
        ("pyarrow", lambda: to_pandas([{"x": 1}]), "pandas"),
        ("polars", lambda: to_polars([{"x": 1}]), "polars"),
        ("pyarrow", lambda: to_polars([{"x": 1}]), "polars"),
    ],
)
def test_a_missing_extra_names_the_install_command(
    module: str, call: object, extra: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # makes `import module` fail
    with pytest.raises(MissingExtraError, match=rf"pip install 'wecb\[{extra}\]'"):
        call()  # type: ignore[operator]
