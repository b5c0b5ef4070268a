"""Tables and exports (wecb.present): exact round trips, numeric spreadsheet cells."""

from __future__ import annotations

import json
import sys
import tempfile
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strategies import money, present_rows
from wecb.core.cells import cell_text
from wecb.core.money import Money
from wecb.core.periods import FinancialYear, OpenPeriod
from wecb.core.table import Column, Table
from wecb.errors import ExportError, FloatNotAllowedError, MissingExtraError, ParseError
from wecb.io import (
    parse_csv,
    parse_json,
    plain_rows,
    read_csv,
    read_json,
    to_csv,
    to_json,
    to_pandas,
    write_csv,
    write_json,
    write_xlsx,
)
from wecb.model.projects import Stage

ROWS = [
    {"project": "FBC1", "net": Money("-87587000"), "year": FinancialYear(2012)},
    {"project": "FBC4", "net": Money("-944000.50"), "year": None},
]


# -- tables ----------------------------------------------------------------------------------


def test_text_table_aligns_numbers_right_and_text_left() -> None:
    table = Table.from_records(ROWS, title="T", footer={"project": "Total", "net": Money(1)})
    lines = str(table).splitlines()
    assert lines[0] == "T"
    header, rule, first, second, rule2, total = lines[1:]
    assert header.startswith("project") and rule == rule2
    # Right-aligned money: every money cell ends in the same column.
    ends = {first.index("£87.6m") + len("£87.6m"), second.index("£944k") + len("£944k")}
    assert len(ends) == 1
    assert total.startswith("Total")


def test_table_keeps_exact_cells() -> None:
    table = Table.from_records(ROWS)
    assert table.records()[1]["net"] == Money("-944000.50")


def test_table_fits_width_by_cutting_text_never_numbers() -> None:
    rows = [{"name": "x" * 60, "amount": Money("123456789")}]
    text = Table.from_records(rows).to_text(width=30)
    assert max(len(line) for line in text.splitlines()) <= 30
    assert "£123.5m" in text and "…" in text


def test_html_table_escapes_and_gives_exact_amount_on_hover() -> None:
    table = Table.from_records([{"name": "<b>&", "net": Money("-944000")}], title="a<b")
    html = table._repr_html_()
    assert "&lt;b&gt;&amp;" in html and "<caption>a&lt;b</caption>" in html
    assert 'title="-£944,000.00"' in html and ">-£944k<" in html


def test_table_shape_is_checked() -> None:
    with pytest.raises(Exception, match="row 0 has 1 cells"):
        Table(columns=[Column(key="a"), Column(key="b")], rows=[["x"]])


def test_cell_text_of_open_period_and_enum() -> None:
    period = OpenPeriod(key="later", label="Later years")
    assert cell_text(period) == "Later years"
    assert cell_text(Stage.FULL_BUSINESS_CASE) == "full business case"


# -- CSV -------------------------------------------------------------------------------------


def test_csv_heads_money_columns_with_currency_and_writes_plain_amounts() -> None:
    text = to_csv(ROWS)
    assert text.splitlines() == [
        "project,net (GBP),year",
        "FBC1,-87587000,2012/13",
        "FBC4,-944000.50,",
    ]


@given(present_rows())
def test_csv_round_trip_is_exact(rows: list[dict[str, object]]) -> None:
    assert parse_csv(to_csv(rows, columns=["label", "amount", "other"])) == rows


@given(present_rows())
def test_json_round_trip_is_exact(rows: list[dict[str, object]]) -> None:
    assert parse_json(to_json(rows, columns=["label", "amount", "other"])) == rows


@given(money())
def test_csv_keeps_every_digit(amount: Money) -> None:
    (row,) = parse_csv(to_csv([{"a": amount}]))
    assert row["a"] == amount
    assert isinstance(row["a"], Money) and row["a"].amount == amount.amount


def test_csv_files_round_trip(tmp_path: Path) -> None:
    path = write_csv(ROWS, tmp_path / "rows.csv")
    assert read_csv(path) == plain_rows(ROWS)


def test_json_files_round_trip(tmp_path: Path) -> None:
    path = write_json(ROWS, tmp_path / "rows.json")
    data = json.loads(path.read_text("utf-8"))
    assert data[0]["net"] == {"amount": "-87587000", "currency": "GBP"}
    assert read_json(path) == plain_rows(ROWS)


def test_column_mixing_currencies_is_refused() -> None:
    with pytest.raises(ExportError, match="mixes currencies"):
        to_csv([{"a": Money(1)}, {"a": Money(1, "EUR")}])


def test_column_mixing_money_and_text_is_refused() -> None:
    with pytest.raises(ExportError, match="mixes money with other values"):
        to_csv([{"a": Money(1)}, {"a": "one"}])


def test_float_cells_are_refused() -> None:
    with pytest.raises(FloatNotAllowedError):
        to_csv([{"a": 0.1}])


def test_malformed_csv_amount_names_row_and_column() -> None:
    with pytest.raises(ParseError, match=r"row 2, column 'net \(GBP\)'"):
        parse_csv("net (GBP)\n1\n1e3\n")


def test_json_float_is_refused() -> None:
    with pytest.raises(ParseError, match="must be strings"):
        parse_json('[{"a": 1.5}]')


def test_money_option_turns_decimal_columns_into_money() -> None:
    text = to_csv([{"net": Decimal("5.10"), "n": 3}], money={"net": "GBP"})
    assert text.splitlines()[0] == "net (GBP),n"
    assert parse_csv(text) == [{"net": Money("5.10"), "n": "3"}]


class _Result:
    """A result as appraisals give it: money as Money, ratios as plain numbers, and a
    ``currency`` attribute (which once made the exporter take every Decimal for money)."""

    currency = "GBP"

    def rows(self) -> list[dict[str, object]]:
        return [
            {"measure": "npv", "value": Money("172000"), "roi": None, "bcr": None},
            {"measure": "ratios", "value": None, "roi": Decimal("1.72"), "bcr": Decimal("2.72")},
        ]


def test_ratios_are_numbers_never_money_in_csv() -> None:
    # Issue 9: to_csv(appraisal) wrote ROI and BCR under a (GBP) header, as pounds.
    text = to_csv(_Result())
    assert text.splitlines()[0] == "measure,value (GBP),roi,bcr"
    assert text.splitlines()[2] == "ratios,,1.72,2.72"
    assert parse_csv(text)[1] == {"measure": "ratios", "value": None, "roi": "1.72", "bcr": "2.72"}
    assert json.loads(to_json(_Result()))[1]["bcr"] == "2.72"


def test_ratios_are_numbers_never_money_in_xlsx(tmp_path: Path) -> None:
    # Issue 9: xlsx formatted a benefit-cost ratio as £2.72.
    openpyxl = pytest.importorskip("openpyxl")
    sheet = openpyxl.load_workbook(write_xlsx(_Result(), tmp_path / "r.xlsx"))["rows"]
    assert [c.value for c in sheet[1]] == ["measure", "value (GBP)", "roi", "bcr"]
    assert "£" in sheet["B2"].number_format
    bcr = sheet["D3"]
    assert bcr.data_type == "n" and Decimal(str(bcr.value)) == Decimal("2.72")
    assert "£" not in bcr.number_format


def test_fraction_cells_are_exact_numbers_or_refused() -> None:
    assert plain_rows([{"share": Fraction(3, 8)}]) == [{"share": Decimal("0.375")}]
    with pytest.raises(ExportError, match="exact decimal form"):
        to_csv([{"share": Fraction(1, 3)}])


# -- DataFrame -------------------------------------------------------------------------------


def test_dataframe_holds_exact_decimals() -> None:
    pandas = pytest.importorskip("pandas")
    rows = [{"k": "a", "v": Money("0.10")}, {"k": "b", "v": Money("0.20")}]
    frame = to_pandas(rows)
    assert isinstance(frame, pandas.DataFrame)
    assert str(frame["v"].dtype) == "decimal128(3, 2)[pyarrow]"
    assert frame["v"].sum() == Decimal("0.30")  # exact, unlike 0.1 + 0.2 in floats
    assert frame.attrs["currencies"] == {"v": "GBP"}


@given(present_rows(currency="GBP"))
def test_dataframe_amounts_equal_the_rows(rows: list[dict[str, object]]) -> None:
    pytest.importorskip("pandas")
    frame = to_pandas(rows, columns=["label", "amount", "other"])
    for record, row in zip(frame.to_dict("records"), rows, strict=True):
        for name in ("amount", "other"):
            value = row[name]
            assert record[name] == (value.amount if isinstance(value, Money) else value)


# -- xlsx ------------------------------------------------------------------------------------


def test_xlsx_writes_numbers_not_text(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    rows = [
        {"project": "FBC1", "net": Money("-87587000"), "ratio": Decimal("1.25")},
        {"project": "=SUM(A1)", "net": Money("-944000.50"), "ratio": None},
    ]
    path = write_xlsx(rows, tmp_path / "out.xlsx", sheet="tables")
    sheet = openpyxl.load_workbook(path)["tables"]
    assert [c.value for c in sheet[1]] == ["project", "net (GBP)", "ratio"]
    net = sheet["B2"]
    assert net.data_type == "n" and not isinstance(net.value, str)
    assert Decimal(str(net.value)) == Decimal("-87587000")
    assert Decimal(str(sheet["B3"].value)) == Decimal("-944000.50")
    assert "£" in net.number_format
    assert Decimal(str(sheet["C2"].value)) == Decimal("1.25")
    # Text that looks like a formula stays text.
    assert sheet["A3"].value == "=SUM(A1)" and sheet["A3"].data_type == "s"


@given(present_rows(currency="GBP"))
def test_xlsx_amounts_read_back_exactly(rows: list[dict[str, object]]) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    # Money strategies keep to 15 significant digits: what a spreadsheet number holds.
    with tempfile.TemporaryDirectory() as folder:
        path = write_xlsx(
            [{"amount": r["amount"], "other": r["other"]} for r in rows], Path(folder) / "r.xlsx"
        )
        sheet = openpyxl.load_workbook(path).active
        body = list(sheet.iter_rows(min_row=2, values_only=True))
    # A spreadsheet stores no trailing rows that are wholly empty.
    assert len(body) <= len(rows)
    body += [(None, None)] * (len(rows) - len(body))
    for values, row in zip(body, rows, strict=True):
        for value, name in zip(values, ("amount", "other"), strict=True):
            expected = row[name]
            if expected is None:
                assert value is None
            else:
                assert isinstance(expected, Money)
                assert Decimal(repr(value)) == expected.amount


def test_xlsx_refuses_digits_a_spreadsheet_would_lose(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    pv = Money("100.000000000000000000000000004400")
    with pytest.raises(ExportError, match="round_to='penny'"):
        write_xlsx([{"pv": pv}], tmp_path / "pv.xlsx")
    write_xlsx([{"pv": pv}], tmp_path / "pv.xlsx", round_to="penny")


def test_xlsx_several_sheets(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    path = write_xlsx({"a": [{"x": 1}], "b": [{"y": "z"}]}, tmp_path / "two.xlsx")
    assert openpyxl.load_workbook(path).sheetnames == ["a", "b"]


def test_missing_extra_names_the_install_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # makes `import openpyxl` fail
    with pytest.raises(MissingExtraError, match=r"pip install 'wecb\[xlsx\]'"):
        write_xlsx([{"x": 1}], tmp_path / "x.xlsx")
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'wecb\[pandas\]'"):
        to_pandas([{"x": 1}])


@given(st.lists(st.text(min_size=1), min_size=1, max_size=3))
def test_records_of_refuses_non_rows(values: list[str]) -> None:
    with pytest.raises(Exception, match="is a str, expected a mapping"):
        to_csv(values)  # type: ignore[arg-type]


# -- summary ---------------------------------------------------------------------------------


def test_summary_sections_are_kernel_tables_of_exact_cells() -> None:
    import wecb  # noqa: PLC0415

    essex = wecb.datasets.essex_2012()
    tables = wecb.present.tables_table(essex)
    assert isinstance(tables, Table) and tables.footer is not None
    fbc1 = tables.records()[0]
    assert fbc1["project"] == "FBC1" and fbc1["net_benefit"] == Money("87587000")
    assert tables.footer[-1] == sum(
        (p.table.net_benefit for p in essex.projects if p.table is not None), Money(0)
    )
    published = wecb.present.published_table(essex)
    assert isinstance(published, Table) and published.footer is not None
    assert published.records()[0]["net_total"] == Money("-87587000")
    assert published.footer[-1] == sum(
        (p.table.net_total for p in essex.projects if p.table is not None), Money(0)
    )
    for section in (
        wecb.present.projects_table,
        wecb.present.tables_table,
        wecb.present.published_table,
        wecb.present.funding_table,
    ):
        table = section(essex)
        assert isinstance(table, Table)
        assert str(table) in wecb.present.programme_summary(essex, width=200)
