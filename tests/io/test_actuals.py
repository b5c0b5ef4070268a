"""Actuals in files: the programme file's ``[[actuals]]``, workbooks, and sidecar tables."""

from __future__ import annotations

import datetime
import pickle
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategies.realisation import realised_actuals, realised_programmes
from wecb import io
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.errors import LoadError, WorkbookError
from wecb.io import read_actuals
from wecb.model.actuals import Actual
from wecb.model.cashflows import CashFlow, Nature, ValueType
from wecb.model.domains import Domain, DomainKind
from wecb.model.programme import Programme
from wecb.model.projects import Project

_HEADER = "project,line,year,amount,as_at,source\n"


@st.composite
def _with_actuals(draw: st.DrawFn) -> Programme:
    programme = draw(realised_programmes())
    return programme.evolve(actuals=draw(realised_actuals(programme)))


@settings(max_examples=40, deadline=None)
@given(_with_actuals())
def test_actuals_survive_toml_json_and_pickle(programme: Programme) -> None:
    assert io.loads(io.dumps(programme, "toml"), "toml") == programme
    assert io.loads(io.dumps(programme, "json"), "json") == programme
    assert pickle.loads(pickle.dumps(programme)) == programme


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(programme=_with_actuals())
def test_actuals_survive_the_workbook(programme: Programme, tmp_path: Path) -> None:
    path = io.write_workbook(programme, tmp_path / "programme.xlsx")
    assert io.read_workbook(path) == programme


def test_a_file_states_actuals_with_dates_as_text() -> None:
    text = io.dumps(_programme(), "toml")
    assert '[[actuals]]\nproject = "P1"\nline = "saving"\nyear = "2014/15"' in text
    assert 'as_at = "2015-05-31"' in text
    bad = text.replace('as_at = "2015-05-31"', 'as_at = "31/05/2015"')
    with pytest.raises(
        LoadError, match=r"entry 'actuals\[0\]'.*as_at.*'31/05/2015' is not a date"
    ):
        io.loads(bad, "toml")
    unknown = text.replace('line = "saving"', 'line = "savings"')
    with pytest.raises(LoadError, match="has no line labelled 'savings'"):
        io.loads(unknown, "toml")


def test_the_schema_describes_an_actual() -> None:
    definition = io.schema()["$defs"]["actual"]
    fields = attrs.fields(Actual)
    assert set(definition["properties"]) == {a.name for a in fields}
    assert set(definition["required"]) == {a.name for a in fields if a.default is attrs.NOTHING}
    assert "actuals" in io.schema()["properties"]


def _programme() -> Programme:
    saving = CashFlow(
        amount=Money(1000),
        nature=Nature.BENEFIT,
        period=FinancialYear(2014),
        value_type=ValueType.FISCAL,
        cashable=True,
        label="saving",
    )
    return Programme(
        name="Demo",
        place="Here",
        partners=(),
        domains=(Domain(key="d", name="D", kind=DomainKind.THEMATIC),),
        projects=(Project(key="P1", title="T", domain="d", flows=(saving,)),),
        actuals=(
            Actual(
                project="P1",
                line="saving",
                year=FinancialYear(2014),
                amount=Money(900),
                as_at=datetime.date(2015, 5, 31),
                source="ledger",
            ),
        ),
    )


def test_a_sidecar_csv_is_read_row_by_row(tmp_path: Path) -> None:
    path = tmp_path / "actuals.csv"
    path.write_text(
        'as_at,project,line,year,amount\n2015-05-31,P1,saving,2014/15,"£1,200.50"\n'
        "2016-05-31,P1,saving,2015-16,300\n",
        encoding="utf-8",
    )
    actuals = read_actuals(path, programme=_programme())
    assert [(str(a.year), str(a.amount), a.as_at.isoformat()) for a in actuals] == [
        ("2014/15", "£1,200.50", "2015-05-31"),
        ("2015/16", "£300.00", "2016-05-31"),
    ]


def test_a_sidecar_workbook_is_read_from_its_actuals_sheet(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Actuals"
    sheet.append(["project", "line", "year", "amount", "as_at", "source"])
    sheet.append(["P1", "saving", "2014/15", 950, datetime.datetime(2015, 5, 31), "ledger"])
    book.create_sheet("Notes")
    book.save(tmp_path / "actuals.xlsx")
    (actual,) = read_actuals(tmp_path / "actuals.xlsx")
    assert actual == Actual(
        project="P1",
        line="saving",
        year=FinancialYear(2014),
        amount=Money(950),
        as_at=datetime.date(2015, 5, 31),
        source="ledger",
    )


@pytest.mark.parametrize(
    ("text", "place", "message"),
    [
        (
            _HEADER.replace("source", "sauce") + "P1,saving,2014/15,1,2015-05-31,x\n",
            "row 1, column 'sauce' (F)",
            "unknown column; the columns are project, line",
        ),
        ("project,line,year,amount\nP1,saving,2014/15,1\n", "row 1", "no column 'as_at'"),
        (_HEADER + "P1,,2014/15,1,2015-05-31,\n", "row 2, column 'line' (B)", "blank"),
        (_HEADER + "P1,saving,2014/15,1.5e3,2015-05-31,\n", "row 2, column 'amount' (D)", ""),
        (
            _HEADER + "P1,saving,2014/15,1,31/05/2015,\n",
            "row 2, column 'as_at' (E)",
            "expected a date such as 2014-05-31",
        ),
        (_HEADER + "P1,saving,2014/15,1,2014-03-31,\n", "row 2", "the start of 2014/15"),
        (
            _HEADER + "P1,savings,2014/15,1,2015-05-31,\n",
            "row 2, column 'line'",
            "has no line labelled 'savings'; its lines: 'saving'",
        ),
        (
            _HEADER + "P9,saving,2014/15,1,2015-05-31,\n",
            "row 2, column 'project'",
            "unknown project 'P9'",
        ),
    ],
)
def test_a_bad_sidecar_is_refused_naming_row_and_column(
    tmp_path: Path, text: str, place: str, message: str
) -> None:
    path = tmp_path / "actuals.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(WorkbookError) as caught:
        read_actuals(path, programme=_programme())
    assert caught.value.problems[0].startswith(place)
    assert message in caught.value.problems[0]


def test_only_csv_and_xlsx_are_read(tmp_path: Path) -> None:
    path = tmp_path / "actuals.txt"
    path.write_text(_HEADER, encoding="utf-8")
    with pytest.raises(LoadError, match=r"expected a .csv file or an .xlsx workbook"):
        read_actuals(path)


def test_a_workbook_places_a_bad_actual_at_its_row_and_column(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    path = io.write_workbook(_programme(), tmp_path / "programme.xlsx")
    book = openpyxl.load_workbook(path)
    assert [c.value for c in book["Actuals"][2]] == [
        "P1",
        "saving",
        "2014/15",
        900,
        "2015-05-31",
        "ledger",
    ]
    book["Actuals"]["B2"] = "savings"
    book.save(path)
    with pytest.raises(WorkbookError) as caught:
        io.read_workbook(path)
    assert list(caught.value.problems) == [
        "sheet 'Actuals', row 2, column 'line' (B): project 'P1' has no line labelled "
        "'savings'; its lines: 'saving'"
    ]
