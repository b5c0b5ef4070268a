"""The appraisal workbook's layout, without a spreadsheet engine: its sheets, formats,
frozen headers, autofilters and formulas, the amounts it writes, what it refuses, and
``wecb appraise --format xlsx -o``. (Recalculated by LibreOffice in
``test_appraisal_workbook_recalc.py``.)"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import wecb
from cli_outputs import PHASES
from wecb.appraisal import Phasing
from wecb.appraisal.record import Appraisal
from wecb.cli import main
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.errors import ExportError, WecbTypeError
from wecb.model.cashflows import CashFlow, Nature
from wecb.model.domains import Domain, DomainKind
from wecb.model.programme import Programme
from wecb.model.projects import Project
from wecb.present import write_appraisal_workbook

openpyxl = pytest.importorskip("openpyxl")

FY = FinancialYear


def essex() -> Appraisal:
    phasing = (
        Phasing.even("further_implementation", FY(2014), FY(2016))
        .with_period("to_mar_2013", {FY(2012): 1})
        .with_period("appraisal_horizon", dict.fromkeys(FY.range(FY(2014), FY(2018)), 1))
    )
    return wecb.appraise(
        wecb.datasets.essex_2012(), base_year=FY(2012), price_base=FY(2012), phasing=phasing
    )


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = write_appraisal_workbook(essex(), tmp_path_factory.mktemp("wb") / "essex.xlsx")
    return openpyxl.load_workbook(path)


def test_sheets_in_order(book: Any) -> None:
    assert book.sheetnames == ["Headline", "Assumptions", "Lines", "Factors", "By year"]


@pytest.mark.parametrize(
    ("sheet", "frozen", "filtered"),
    [
        ("Headline", "C6", "A5:F28"),
        ("Lines", "D3", "A2:AF27"),
        ("Factors", "A2", "A1:D8"),
        ("By year", "B2", "A1:Y8"),
    ],
)
def test_tables_have_frozen_headers_and_autofilters(
    book: Any, sheet: str, frozen: str, filtered: str
) -> None:
    assert book[sheet].freeze_panes == frozen
    assert book[sheet].auto_filter.ref == filtered


def test_every_headline_figure_is_a_formula(book: Any) -> None:
    sheet = book["Headline"]
    cells = [
        c for row in sheet.iter_rows(min_row=6, max_row=28, min_col=3, max_col=6) for c in row
    ]
    assert len(cells) == 23 * 4
    assert all(isinstance(c.value, str) and c.value.startswith("=") for c in cells)


def test_money_cells_are_formatted_in_whole_pounds(book: Any) -> None:
    money = '"£"#,##0;-"£"#,##0'
    headline = book["Headline"]
    assert headline["F18"].number_format == money  # net present budget impact
    assert headline["F19"].number_format == "0.00"  # a ratio is not money
    lines = book["Lines"]
    header = [c.value for c in lines[2]]
    for name in ("2012/13", "total", "PV", "2018/19 adj.", "PV adj."):
        column = header.index(name) + 1
        for row in range(3, 29):  # the lines and the totals row
            assert lines.cell(row=row, column=column).number_format == money, (name, row)
    assert lines.cell(row=28, column=1).value == "total (rows shown by the filter)"


def test_lines_hold_each_line_by_year_in_pounds_and_pence(book: Any) -> None:
    appraisal = essex()
    sheet = book["Lines"]
    header = [c.value for c in sheet[2]]
    for row, line in enumerate(appraisal.lines, start=3):
        for year, amount in line.unadjusted:
            value = sheet.cell(row=row, column=header.index(str(year)) + 1).value
            assert Decimal(repr(value)) == amount.amount
        adjusted = sheet.cell(row=row, column=header.index("2012/13 adj.") + 1).value
        multiplier = sheet.cell(row=row, column=header.index("multiplier") + 1).value
        assert adjusted.endswith(f"*$N${row}")
        assert multiplier.startswith("=Assumptions!$I$" if line.is_cost else "=Assumptions!$J$")


def test_factors_are_formulas_from_the_rates(book: Any) -> None:
    sheet = book["Factors"]
    assert [c.value for c in sheet[2]] == ["2012/13", 0, "base year", 1]
    assert sheet["C3"].value.startswith("=LOOKUP(ABS($B$3),Assumptions!")
    assert sheet["D3"].value == "=D2/(1+C3)"


def test_assumptions_state_sources_and_verified_flags(book: Any) -> None:
    values = [c.value for row in book["Assumptions"].iter_rows() for c in row if c.value]
    assert any(isinstance(v, str) and v.startswith("HM Treasury, The Green Book") for v in values)
    for assumption in essex().assumptions():
        assert assumption.value in values


def test_a_value_a_spreadsheet_cannot_hold_is_refused_with_its_place(tmp_path: Path) -> None:
    fy = FY(2013)
    flow = CashFlow(amount=Money("0.1234567890123456789"), nature=Nature.COST, period=fy)
    programme = Programme(
        name="Fine",
        place="Here",
        partners=(),
        domains=(Domain(key="d", name="D", kind=DomainKind.THEMATIC),),
        projects=(Project(key="P", title="P", domain="d", flows=(flow,)),),
    )
    appraisal = wecb.appraise(programme, base_year=fy, price_base=fy)
    with pytest.raises(
        ExportError, match=r"sheet 'Lines', row 3, column O: 0\.1234567890123456789"
    ):
        write_appraisal_workbook(appraisal, tmp_path / "fine.xlsx")
    assert not (tmp_path / "fine.xlsx").exists()


def test_only_an_appraisal_is_written(tmp_path: Path) -> None:
    with pytest.raises(WecbTypeError, match="an Appraisal"):
        write_appraisal_workbook("essex", tmp_path / "x.xlsx")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- command line


def test_cli_writes_the_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "a.xlsx"
    assert main(["appraise", *PHASES, "-o", str(target)]) == 0
    out = capsys.readouterr().out
    assert "Appraisal of" not in out  # the table is in the workbook, not printed
    headline = openpyxl.load_workbook(target)["Headline"]
    assert headline["B18"].value == "net present budget impact"


def test_cli_format_xlsx_needs_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["appraise", *PHASES, "--format", "xlsx"]) == 1
    assert "give a file with -o OUT.xlsx" in capsys.readouterr().err


def test_cli_output_without_xlsx_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["appraise", *PHASES, "-o", str(tmp_path / "a.txt")]) == 1
    assert "give --format xlsx or a file ending in .xlsx" in capsys.readouterr().err
    assert not (tmp_path / "a.txt").exists()


def test_cli_layout_is_for_the_printout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "a.xlsx"
    assert main(["appraise", *PHASES, "--layout", "new-economy", "-o", str(target)]) == 1
    assert "--layout new-economy chooses what is printed" in capsys.readouterr().err
    assert not target.exists()


def test_an_empty_appraisal_has_a_workbook_too(tmp_path: Path) -> None:
    fy = FY(2013)
    programme = Programme(
        name="Empty",
        place="Here",
        partners=(),
        domains=(Domain(key="d", name="D", kind=DomainKind.THEMATIC),),
        projects=(Project(key="P", title="P", domain="d"),),
    )
    appraisal = wecb.appraise(
        programme, base_year=fy, price_base=fy, horizon=wecb.appraisal.Horizon(fy, fy + 2)
    )
    book = openpyxl.load_workbook(write_appraisal_workbook(appraisal, tmp_path / "e.xlsx"))
    assert book["Lines"].auto_filter.ref == "A2:X3"  # one blank row: every range is valid
    assert book["Headline"]["C6"].value.startswith("=SUMIFS(Lines!$R$3:$R$3,")


def test_by_year_money_is_formatted_and_payback_reads_the_flags(book: Any) -> None:
    sheet = book["By year"]
    header = [c.value for c in sheet[1]]
    money = '"£"#,##0;-"£"#,##0'
    for name in ("costs", "fiscal benefits adj.", "cumulative net fiscal (discounted, adj.)"):
        column = header.index(name) + 1
        assert all(sheet.cell(row=r, column=column).number_format == money for r in range(2, 9))
    flags = header.index("pays back from here (discounted, adj.)") + 1
    assert sheet.cell(row=2, column=flags).value.startswith("=IF(AND(OR(NOT(B2),")
    assert book["Headline"]["F21"].value.startswith("=IFERROR(INDEX('By year'!$A$2:$A$8,")


def test_a_label_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    fy = FY(2013)
    label = '=HYPERLINK("http://example.invalid","x")'
    flow = CashFlow(amount=Money(5), nature=Nature.COST, period=fy, label=label)
    programme = Programme(
        name="Labels",
        place="Here",
        partners=(),
        domains=(Domain(key="d", name="D", kind=DomainKind.THEMATIC),),
        projects=(Project(key="P", title="P", domain="d", flows=(flow,)),),
    )
    appraisal = wecb.appraise(programme, base_year=fy, price_base=fy)
    cell = openpyxl.load_workbook(write_appraisal_workbook(appraisal, tmp_path / "l.xlsx"))[
        "Lines"
    ]["C3"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (label, "s", True)
