"""Every export writes the assumptions the rows carry, and CSV and JSON read them back
(issue 10: printouts are auditable); ratios stay plain numbers in every export."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

from strategies import present_assumptions, present_rows
from wecb.core.assumptions import NOT_VERIFIED, Assumption, ResultRows
from wecb.core.money import Money
from wecb.errors import ExportError, ParseError
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

DEADWEIGHT = Assumption(name="deadweight", value="20%", source="stated by the caller")
OPTIMISM = Assumption(
    name="optimism bias", value="grade 3, 24%", source="CBA guidance (2014)", verified=False
)
BASE_YEAR = Assumption(name="base year", value="2012/13")
CARRIED = (DEADWEIGHT, OPTIMISM, BASE_YEAR)
ROWS = [{"project": "FBC1", "net": Money("-87587000")}, {"project": "FBC2", "net": None}]
COLUMNS = ["label", "amount", "other"]


def _rows(*assumptions: Assumption) -> ResultRows:
    return ResultRows(ROWS, assumptions=assumptions)


class _Appraisal:
    """A result as appraisals give it: money as Money, ratios as plain numbers, a ``currency``
    attribute, and its assumptions; ``rows()`` gives plain rows or ResultRows."""

    currency = "GBP"

    def __init__(self, *, result_rows: bool = True) -> None:
        self.result_rows = result_rows

    def assumptions(self) -> tuple[Assumption, ...]:
        return (DEADWEIGHT, OPTIMISM)

    def rows(self) -> list[dict[str, object]]:
        rows: list[dict[str, object]] = [
            {"measure": "npv", "value": Money("172000"), "roi": None, "bcr": None},
            {"measure": "ratios", "value": None, "roi": Decimal("1.72"), "bcr": Decimal("2.72")},
        ]
        return ResultRows(rows, assumptions=self.assumptions()) if self.result_rows else rows


# -- CSV -------------------------------------------------------------------------------------


def test_csv_writes_assumption_records_before_the_header() -> None:
    assert to_csv(_rows(*CARRIED)).splitlines() == [
        "#assumption,name,value,source,verified",
        "#assumption,deadweight,20%,stated by the caller,true",
        f'#assumption,optimism bias,"grade 3, 24%",CBA guidance (2014),false,{NOT_VERIFIED}',
        "#assumption,base year,2012/13,,true",
        "project,net (GBP)",
        "FBC1,-87587000",
        "FBC2,",
    ]


def test_csv_without_assumptions_is_as_before() -> None:
    assert to_csv(_rows()).splitlines() == ["project,net (GBP)", "FBC1,-87587000", "FBC2,"]
    again = parse_csv("project,net (GBP)\r\nFBC1,-87587000\r\nFBC2,\r\n")
    assert again == ROWS and isinstance(again, ResultRows) and again.assumptions == ()


def test_csv_round_trip_restores_the_assumptions() -> None:
    again = parse_csv(to_csv(_rows(*CARRIED)))
    assert isinstance(again, ResultRows)
    assert again == ROWS
    assert again.assumptions == CARRIED


def test_csv_reads_assumption_records_without_the_block_header() -> None:
    text = "#assumption,deadweight,20%,,true\r\nproject\r\nFBC1\r\n"
    again = parse_csv(text)
    assert again == [{"project": "FBC1"}]
    assert again.assumptions == (Assumption(name="deadweight", value="20%"),)


def test_csv_with_only_assumptions_reads_as_no_rows() -> None:
    empty = ResultRows([], assumptions=[DEADWEIGHT])
    again = parse_csv(to_csv(empty))
    assert again == [] and again.assumptions == (DEADWEIGHT,)
    assert parse_csv("#assumption,deadweight,20%,,true\n").assumptions == (
        Assumption(name="deadweight", value="20%"),
    )


def test_a_data_row_starting_with_the_marker_is_data() -> None:
    rows = ResultRows([{"note": "#assumption", "n": "1"}], assumptions=[DEADWEIGHT])
    again = parse_csv(to_csv(rows))
    assert again == [{"note": "#assumption", "n": "1"}] and again.assumptions == (DEADWEIGHT,)


def test_a_first_column_named_like_the_marker_is_refused() -> None:
    with pytest.raises(ExportError, match="the first column's name: '#assumption'"):
        to_csv([{"#assumption": "x"}])
    assert to_csv([{"a": 1, "#assumption": "x"}]).splitlines()[0] == "a,#assumption"


def test_csv_files_round_trip(tmp_path: Path) -> None:
    path = write_csv(_rows(*CARRIED), tmp_path / "rows.csv")
    again = read_csv(path)
    assert again == ROWS and again.assumptions == CARRIED


@given(present_rows(), present_assumptions())
def test_csv_round_trip_is_exact(
    rows: list[dict[str, object]], assumptions: tuple[Assumption, ...]
) -> None:
    again = parse_csv(to_csv(ResultRows(rows, assumptions=assumptions), columns=COLUMNS))
    assert again == rows
    assert again.assumptions == assumptions


# -- JSON ------------------------------------------------------------------------------------


def test_json_writes_an_object_of_assumptions_and_rows() -> None:
    document = json.loads(to_json(_rows(DEADWEIGHT, OPTIMISM)))
    assert document == {
        "assumptions": [
            {
                "name": "deadweight",
                "value": "20%",
                "source": "stated by the caller",
                "verified": True,
            },
            {
                "name": "optimism bias",
                "value": "grade 3, 24%",
                "source": "CBA guidance (2014)",
                "verified": False,
            },
        ],
        "rows": [
            {"project": "FBC1", "net": {"amount": "-87587000", "currency": "GBP"}},
            {"project": "FBC2", "net": None},
        ],
    }


def test_json_without_assumptions_is_the_array_as_before() -> None:
    assert isinstance(json.loads(to_json(_rows())), list)
    again = parse_json(to_json(ROWS))
    assert again == ROWS and isinstance(again, ResultRows) and again.assumptions == ()


def test_json_round_trip_restores_the_assumptions(tmp_path: Path) -> None:
    again = parse_json(to_json(_rows(*CARRIED)))
    assert again == ROWS and again.assumptions == CARRIED
    again = read_json(write_json(_rows(*CARRIED), tmp_path / "rows.json"))
    assert again == ROWS and again.assumptions == CARRIED


def test_json_object_with_no_assumptions_is_read() -> None:
    again = parse_json('{"assumptions": [], "rows": [{"a": "x"}]}')
    assert again == [{"a": "x"}] and again.assumptions == ()


@given(present_rows(), present_assumptions())
def test_json_round_trip_is_exact(
    rows: list[dict[str, object]], assumptions: tuple[Assumption, ...]
) -> None:
    again = parse_json(to_json(ResultRows(rows, assumptions=assumptions), columns=COLUMNS))
    assert again == rows
    assert again.assumptions == assumptions


# -- results and plain rows carry them -----------------------------------------------------


@pytest.mark.parametrize("result_rows", [True, False], ids=["ResultRows", "plain rows"])
def test_a_result_exports_its_assumptions(result_rows: bool) -> None:
    result = _Appraisal(result_rows=result_rows)
    assert plain_rows(result).assumptions == (DEADWEIGHT, OPTIMISM)
    assert parse_csv(to_csv(result)).assumptions == (DEADWEIGHT, OPTIMISM)
    assert parse_json(to_json(result)).assumptions == (DEADWEIGHT, OPTIMISM)


def test_plain_rows_keep_the_assumptions_for_the_next_export() -> None:
    # The command line normalises the rows first, then writes them.
    rows = plain_rows(_rows(*CARRIED))
    assert isinstance(rows, ResultRows) and rows.assumptions == CARRIED
    assert parse_csv(to_csv(rows)).assumptions == CARRIED
    assert plain_rows(ROWS).assumptions == ()


def test_the_command_line_export_writes_the_assumptions(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import wecb.cli._export as export  # noqa: PLC0415
    from wecb.cli import main  # noqa: PLC0415

    monkeypatch.setattr(export, "_rows", lambda args, programme: _Appraisal())
    assert main(["export", "--format", "csv"]) == 0
    again = parse_csv(capsys.readouterr().out)
    assert again.assumptions == (DEADWEIGHT, OPTIMISM)
    assert main(["export", "--format", "json"]) == 0
    assert parse_json(capsys.readouterr().out).assumptions == (DEADWEIGHT, OPTIMISM)


# -- ratios stay numbers (issue 9, kept here as issue 10 asks) ------------------------------


def test_ratios_are_numbers_never_money_in_csv() -> None:
    lines = to_csv(_Appraisal()).splitlines()
    header = lines.index("measure,value (GBP),roi,bcr")
    assert header == 3  # after the block header and two assumptions
    assert lines[header + 2] == "ratios,,1.72,2.72"
    again = parse_csv("\r\n".join(lines))
    assert again[1] == {"measure": "ratios", "value": None, "roi": "1.72", "bcr": "2.72"}
    assert again[0]["value"] == Money("172000")


def test_ratios_are_numbers_never_money_in_xlsx(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(write_xlsx(_Appraisal(), tmp_path / "r.xlsx"))
    sheet = book["rows"]
    assert [c.value for c in sheet[1]] == ["measure", "value (GBP)", "roi", "bcr"]
    assert "£" in sheet["B2"].number_format
    for ratio, expected in ((sheet["C3"], "1.72"), (sheet["D3"], "2.72")):
        assert ratio.data_type == "n" and Decimal(str(ratio.value)) == Decimal(expected)
        assert "£" not in ratio.number_format
    assert book.sheetnames == ["rows", "Assumptions"]


# -- DataFrame -------------------------------------------------------------------------------


def test_dataframe_attrs_hold_the_assumptions() -> None:
    pytest.importorskip("pandas")
    frame = to_pandas(_rows(DEADWEIGHT, OPTIMISM))
    assert frame.attrs["assumptions"] == [
        {"name": "deadweight", "value": "20%", "source": "stated by the caller", "verified": True},
        {
            "name": "optimism bias",
            "value": "grade 3, 24%",
            "source": "CBA guidance (2014)",
            "verified": False,
        },
    ]
    assert frame.attrs["currencies"] == {"net": "GBP"}
    assert to_pandas(ROWS).attrs["assumptions"] == []


@given(present_assumptions())
def test_dataframe_assumptions_rebuild_exactly(assumptions: tuple[Assumption, ...]) -> None:
    pytest.importorskip("pandas")
    frame = to_pandas(ResultRows(ROWS, assumptions=assumptions))
    assert tuple(Assumption(**record) for record in frame.attrs["assumptions"]) == assumptions


# -- xlsx ------------------------------------------------------------------------------------


def _sheet_values(path: Path, name: str) -> list[tuple[Any, ...]]:
    openpyxl = pytest.importorskip("openpyxl")
    return list(openpyxl.load_workbook(path)[name].iter_rows(values_only=True))


def test_xlsx_lists_the_assumptions_on_their_own_sheet(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    path = write_xlsx(_rows(*CARRIED), tmp_path / "r.xlsx", sheet="by project")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["by project", "Assumptions"]
    sheet = book["Assumptions"]
    assert list(sheet.iter_rows(values_only=True)) == [
        ("name", "value", "source", "verified"),
        ("deadweight", "20%", "stated by the caller", "yes"),
        ("optimism bias", "grade 3, 24%", "CBA guidance (2014)", NOT_VERIFIED),
        ("base year", "2012/13", None, "yes"),
    ]
    warning = sheet["D3"]
    assert warning.font.b and warning.font.color.rgb.endswith("C00000")
    assert not sheet["D2"].font.b
    assert all(c.font.b for c in sheet[1])
    # The data sheet is as before.
    assert _sheet_values(path, "by project")[0] == ("project", "net (GBP)")


def test_xlsx_with_several_sheets_says_which_sheet_each_belongs_to(tmp_path: Path) -> None:
    path = write_xlsx(
        {"a": _rows(DEADWEIGHT), "b": ROWS, "c": _rows(OPTIMISM)}, tmp_path / "r.xlsx"
    )
    assert _sheet_values(path, "Assumptions") == [
        ("sheet", "name", "value", "source", "verified"),
        ("a", "deadweight", "20%", "stated by the caller", "yes"),
        ("c", "optimism bias", "grade 3, 24%", "CBA guidance (2014)", NOT_VERIFIED),
    ]


def test_xlsx_without_assumptions_has_no_assumptions_sheet(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    path = write_xlsx({"Assumptions": ROWS}, tmp_path / "r.xlsx")
    assert openpyxl.load_workbook(path).sheetnames == ["Assumptions"]


@pytest.mark.parametrize("name", ["Assumptions", "assumptions"])
def test_xlsx_refuses_a_data_sheet_named_like_the_assumptions_sheet(
    tmp_path: Path, name: str
) -> None:
    pytest.importorskip("openpyxl")
    with pytest.raises(ExportError, match=f"sheet name: '{name}' is not accepted"):
        write_xlsx({name: _rows(DEADWEIGHT)}, tmp_path / "r.xlsx")
    with pytest.raises(ExportError, match="sheet name"):
        write_xlsx(_rows(DEADWEIGHT), tmp_path / "r.xlsx", sheet=name)
    assert not (tmp_path / "r.xlsx").exists()


def test_xlsx_keeps_formula_like_assumption_text_as_text(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    rows = ResultRows(ROWS, assumptions=[Assumption(name="=SUM(A1)", value="=1+1")])
    sheet = openpyxl.load_workbook(write_xlsx(rows, tmp_path / "r.xlsx"))["Assumptions"]
    assert (sheet["A2"].value, sheet["A2"].data_type) == ("=SUM(A1)", "s")
    assert (sheet["B2"].value, sheet["B2"].data_type) == ("=1+1", "s")


def test_xlsx_refuses_assumption_text_a_cell_cannot_hold(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    rows = ResultRows(ROWS, assumptions=[Assumption(name="bell", value="\x07")])
    with pytest.raises(ExportError, match="sheet 'Assumptions', row 2, column 'value'"):
        write_xlsx(rows, tmp_path / "r.xlsx")


@given(present_assumptions(spreadsheet=True))
def test_xlsx_assumptions_read_back_exactly(assumptions: tuple[Assumption, ...]) -> None:
    pytest.importorskip("openpyxl")
    with tempfile.TemporaryDirectory() as folder:
        path = write_xlsx(ResultRows(ROWS, assumptions=assumptions), Path(folder) / "r.xlsx")
        if not assumptions:
            return
        body = _sheet_values(path, "Assumptions")[1:]
    expected = [
        (a.name, a.value, a.source, "yes" if a.verified else NOT_VERIFIED) for a in assumptions
    ]
    assert body == expected


# -- malformed assumption records are refused with their place and value -------------------

_HEAD = "#assumption,name,value,source,verified\r\n"


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (
            "#assumption,deadweight,20%,,yes\r\nproject\r\n",
            "CSV line 1, field 'verified': 'yes' is not accepted; expected true or false",
        ),
        (
            _HEAD + "#assumption,deadweight,20%\r\nproject\r\n",
            "CSV line 2, an assumption of 3 cells: ['#assumption', 'deadweight', '20%'] is not "
            "accepted; expected #assumption,name,value,source,verified",
        ),
        (
            _HEAD + "#assumption,,20%,,true\r\nproject\r\n",
            "CSV line 2, field 'name': '' is not accepted; expected non-blank text",
        ),
        (
            "#assumption,deadweight, ,,true\r\n",
            "CSV line 1, field 'value': ' ' is not accepted; expected non-blank text",
        ),
        (
            "#assumption,deadweight,20%,  ,true\r\n",
            "CSV line 1, field 'source': '  ' is not accepted; expected non-blank text",
        ),
        (
            f"#assumption,deadweight,20%,,true,{NOT_VERIFIED}\r\n",
            "CSV line 1, the cell after 'verified': ['WARNING: not verified against its "
            "source'] is not accepted; expected nothing after true",
        ),
        (
            "#assumption,deadweight,20%,,false,not checked\r\n",
            "CSV line 1, the cell after 'verified': ['not checked'] is not accepted; expected "
            "the warning 'WARNING: not verified against its source' after false",
        ),
        (
            '#assumption,a,b,,true\r\n#assumption,"two\r\nlines",20%,,maybe\r\nproject\r\n',
            "CSV line 2, field 'verified': 'maybe'",
        ),
        (
            _HEAD + _HEAD + "project\r\n",
            "CSV line 2, field 'verified': 'verified' is not accepted",
        ),
        (
            "#assumption,a,b,,true,x,y\r\n",
            "CSV line 1, an assumption of 7 cells",
        ),
    ],
)
def test_malformed_csv_assumption_records_are_refused(text: str, says: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_csv(text)
    assert says in str(caught.value)


def test_a_malformed_assumption_in_a_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("#assumption,deadweight,20%,,yes\nproject\n", "utf-8")
    with pytest.raises(ParseError, match=r"rows\.csv': CSV line 1, field 'verified'"):
        read_csv(path)


def _record(**changes: object) -> dict[str, object]:
    record: dict[str, object] = {"name": "deadweight", "value": "20%", "source": None}
    record["verified"] = True
    record.update(changes)
    return {k: v for k, v in record.items() if v != "DROP"}


def _document(*assumptions: object, **others: object) -> str:
    return json.dumps({"assumptions": list(assumptions), "rows": [], **others})


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (
            _document(_record(verified="yes")),
            "assumptions[0], field 'verified': 'yes' is not accepted; expected true or false",
        ),
        (
            _document(_record(), _record(name="")),
            "assumptions[1], field 'name': '' is not accepted; expected non-blank text",
        ),
        (
            _document(_record(value=20)),
            "assumptions[0], field 'value': 20 is not accepted; expected non-blank text",
        ),
        (
            _document(_record(source=" ")),
            "assumptions[0], field 'source': ' ' is not accepted",
        ),
        (
            _document(_record(verified="DROP")),
            "assumptions[0]: the field 'verified' is missing; expected 'name', 'value', "
            "'source', 'verified'",
        ),
        (
            _document(_record(checked=True)),
            "assumptions[0], field 'checked': True is not accepted; expected only the fields "
            "'name', 'value', 'source', 'verified'",
        ),
        (
            _document("deadweight: 20%"),
            "assumptions[0]: 'deadweight: 20%' is not accepted; expected a JSON object",
        ),
        (
            json.dumps({"assumptions": "deadweight", "rows": []}),
            "the JSON object, field 'assumptions': 'deadweight' is not accepted; expected a "
            "JSON array",
        ),
        (
            json.dumps({"rows": []}),
            "the JSON object: the field 'assumptions' is missing; expected 'assumptions', 'rows'",
        ),
        (
            _document(title="x"),
            "the JSON object, field 'title': 'x' is not accepted; expected only the fields "
            "'assumptions', 'rows'",
        ),
        (
            json.dumps({"assumptions": [], "rows": {"a": 1}}),
            "expected a JSON array of row objects, or an object of 'assumptions' and 'rows'",
        ),
    ],
)
def test_malformed_json_assumptions_are_refused(text: str, says: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_json(text)
    assert says in str(caught.value)


@pytest.mark.parametrize("parse", [parse_csv, parse_json], ids=["csv", "json"])
def test_exports_that_never_had_assumptions_read_as_before(
    parse: Callable[[str], ResultRows],
) -> None:
    writer = to_csv if parse is parse_csv else to_json
    again = parse(writer(ROWS))
    assert again == ROWS and again.assumptions == ()
