"""The published £'000 cost-benefit tables to and from CSV (wecb.io.tables)."""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from seeds import seed_path
from strategies import tables_csv_text, tables_mappings
from wecb.cli import main
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.datasets import essex_2012
from wecb.errors import ExportError, LoadError, WecbError, WecbTypeError
from wecb.io import parse_tables_csv, read_tables_csv, tables_to_csv, write_tables_csv
from wecb.io.tables import PUBLISHED_HEADINGS, header
from wecb.model.tables import PUBLISHED_COLUMNS, CostBenefitTable

SEED = "002_a38ee2056a84be54.txt"
PUBLISHED = (
    "Project,To Mar '13 £'000,To Mar '14 £'000,Further Implementation £'000,"
    "Cashable £'000,Non-Cashable £'000,Total £'000\n"
)
ESSEX_CSV = (
    "Project,Costs To Mar '13 £'000,Costs To Mar '14 £'000,Costs Further Implementation "
    "£'000,Net Cashable £'000,Net Non-Cashable £'000,Net Total £'000\r\n"
    'FBC1,716,946,"3,081","-87,587",0,"-87,587"\r\n'
    'FBC2,147,155,795,"1,097","-151,406","-150,309"\r\n'
    'FBC3,189,328,0,517,"-25,174","-24,657"\r\n'
    'FBC4,260,398,"21,012",-944,"-4,695","-5,639"\r\n'
    'FBC5,117,70,"23,276","-32,790",0,"-32,790"\r\n'
)


def published(table: CostBenefitTable) -> CostBenefitTable:
    """``table`` as a tables CSV holds it: the six figures, every other field its default."""
    return CostBenefitTable(**{f: getattr(table, f) for f in PUBLISHED_COLUMNS})


def essex_tables() -> dict[str, CostBenefitTable]:
    return {p.key: p.table for p in essex_2012().projects if p.table is not None}


def seed_tables() -> dict[str, list[str]]:
    """Each project's table row in the seed, cell by cell as printed (tab-separated)."""
    rows: dict[str, list[str]] = {}
    project = None
    lines = seed_path(SEED).read_text("utf-8").splitlines()
    for number, line in enumerate(lines):
        heading = re.match(r"# (FBC\d):", line)
        if heading:
            project = heading[1]
        if line.startswith("To Mar '13 £'000") and project is not None:
            rows[project] = lines[number + 1].split("\t")
    return rows


# -- writing -----------------------------------------------------------------------------------


def test_essex_tables_export_as_documented() -> None:
    assert tables_to_csv(essex_2012()) == ESSEX_CSV
    assert tables_to_csv(essex_tables()) == ESSEX_CSV


def test_exported_figures_are_the_seed_rows_as_printed() -> None:
    seed = seed_tables()
    assert sorted(seed) == ["FBC1", "FBC2", "FBC3", "FBC4", "FBC5"]
    rows = list(csv.reader(io.StringIO(tables_to_csv(essex_2012()), newline="")))
    assert [row[0] for row in rows[1:]] == list(seed)
    for row in rows[1:]:
        assert row[1:] == seed[row[0]]


def test_plain_figures() -> None:
    text = tables_to_csv(essex_2012(), grouped=False)
    assert text.splitlines()[1] == "FBC1,716,946,3081,-87587,0,-87587"
    assert parse_tables_csv(text) == parse_tables_csv(ESSEX_CSV)


def test_sub_thousand_digits_are_kept_never_rounded() -> None:
    table = CostBenefitTable(
        costs_to_mar_2013=Money("1234.5"),
        costs_to_mar_2014=Money("0.01"),
        costs_further_implementation=Money(Decimal("5E+3")),
        net_cashable=Money("-999999.999"),
        net_non_cashable=Money("-0"),
        net_total=Money("-999999.999"),
    )
    text = tables_to_csv({"p": table})
    assert text.splitlines()[1] == "p,1.2345,0.00001,5,-999.999999,0,-999.999999"
    assert parse_tables_csv(text) == {"p": table}


def test_other_currencies_name_their_unit() -> None:
    table = CostBenefitTable.from_thousands(
        costs_to_mar_2013=1,
        costs_to_mar_2014=2,
        costs_further_implementation=3,
        net_cashable=-4,
        net_non_cashable=-5,
        net_total=-9,
        currency="EUR",
    )
    text = tables_to_csv({"p": table})
    assert text.splitlines()[0].split(",") == list(header("EUR"))
    assert parse_tables_csv(text)["p"].currency == "EUR"


def test_empty_tables_write_the_header_alone() -> None:
    assert tables_to_csv({}) == ",".join(header()) + "\r\n"
    assert parse_tables_csv(tables_to_csv({})) == {}


def test_writing_refuses_what_the_layout_cannot_hold() -> None:
    fbc1 = essex_2012().project("FBC1").table
    assert fbc1 is not None
    euro = CostBenefitTable.from_thousands(
        costs_to_mar_2013=1,
        costs_to_mar_2014=0,
        costs_further_implementation=0,
        net_cashable=1,
        net_non_cashable=0,
        net_total=1,
        currency="EUR",
    )
    with pytest.raises(ExportError, match="mix currencies"):
        tables_to_csv({"a": fbc1, "b": euro})
    moved = attrs.evolve(
        fbc1, cost_periods=(FinancialYear(2014), FinancialYear(2015), FinancialYear(2016))
    )
    with pytest.raises(ExportError, match="'FBC1' has its costs in 2014/15, 2015/16, 2016/17"):
        tables_to_csv({"FBC1": moved})
    for key in (" FBC1", "", "  "):
        with pytest.raises(ExportError, match="cannot be written"):
            tables_to_csv({key: fbc1})
    with pytest.raises(WecbTypeError, match="not a CostBenefitTable"):
        tables_to_csv({"FBC1": "716"})  # type: ignore[dict-item]
    with pytest.raises(WecbTypeError, match="a Programme or a mapping"):
        tables_to_csv([fbc1])  # type: ignore[arg-type]


# -- reading -----------------------------------------------------------------------------------


def test_essex_round_trip_is_exact(tmp_path: Path) -> None:
    expected = {key: published(table) for key, table in essex_tables().items()}
    assert parse_tables_csv(ESSEX_CSV) == expected
    target = write_tables_csv(essex_2012(), tmp_path / "essex.csv")
    assert target.read_bytes() == ESSEX_CSV.encode("utf-8")
    read = read_tables_csv(target)
    assert read == expected
    assert list(read) == ["FBC1", "FBC2", "FBC3", "FBC4", "FBC5"]
    for key, table in read.items():
        assert table.in_thousands() == essex_tables()[key].in_thousands()
        assert table.check() == ()


def test_the_seed_tables_import_with_their_published_headers() -> None:
    """The seed's own table text (group row, column names, figures) read as CSV."""
    text = seed_path(SEED).read_text("utf-8")
    out = io.StringIO()
    writer = csv.writer(out)
    for project, figures in seed_tables().items():
        block = text.split(f"# {project}:", 1)[1].split("## Cost Benefit Analysis", 1)[1]
        groups, names = block.strip().splitlines()[:2]
        if out.tell() == 0:
            writer.writerow(["", *groups.split("\t")][:7])
            writer.writerow(["Project", *names.split("\t")])
        writer.writerow([project, *figures])
    assert out.getvalue().splitlines()[0] == ",Costs,,,Net Benefits,,"
    read = parse_tables_csv(out.getvalue())
    assert read == {key: published(table) for key, table in essex_tables().items()}


def test_published_headers_and_accounting_negatives() -> None:
    text = PUBLISHED + 'FBC4,260,398,"21,012",(944),"(4,695)","(5,639)"\n'
    assert parse_tables_csv(text)["FBC4"] == published(essex_2012().project("FBC4").table)


@pytest.mark.parametrize(
    "headings",
    [
        list(header()),
        ["Project", *(f"{PUBLISHED_HEADINGS[f]} £'000" for f in PUBLISHED_COLUMNS)],
        ["project", *(f"{f} (£'000)" for f in PUBLISHED_COLUMNS)],
        [
            "PROJECT",
            "costs to mar \u201813 \u00a3\u2019000",
            "Costs  To Mar '14 £000",
            "Costs Further Implementation (£'000s)",
            "Cashable £ '000",
            "net non-cashable £'000",
            "NET TOTAL £'000",
        ],
    ],
    ids=["written", "published", "attributes", "variants"],
)
def test_accepted_headers(headings: list[str]) -> None:
    out = io.StringIO()
    csv.writer(out).writerows([headings, ["FBC3", "189", "328", "0", "517", "-25,174", "-24,657"]])
    assert parse_tables_csv(out.getvalue()) == {
        "FBC3": published(essex_2012().project("FBC3").table)
    }


def test_columns_in_any_order_and_blank_trailing_columns() -> None:
    text = (
        "Total £'000,Cashable £'000,Non-Cashable £'000,Project,To Mar '13 £'000,"
        "To Mar '14 £'000,Further Implementation £'000,,\n"
        '"-24,657",517,"-25,174",FBC3,189,328,0,,\n'
        ",,,,,,,,\n"
        "\n"
    )
    assert parse_tables_csv(text) == {"FBC3": published(essex_2012().project("FBC3").table)}


def test_totals_that_do_not_add_up_are_read_and_reported_not_fixed() -> None:
    table = parse_tables_csv(PUBLISHED + 'FBC4,260,398,"21,012",-944,"-4,695","-5,693"\n')["FBC4"]
    assert table.net_total == Money.from_thousands("-5,693")
    (discrepancy,) = table.check()
    assert discrepancy.claimed == Money.from_thousands("-5,693")
    assert discrepancy.derived == Money.from_thousands("-5,639")


def test_byte_order_mark_and_line_ends(tmp_path: Path) -> None:
    target = tmp_path / "excel.csv"
    target.write_bytes(b"\xef\xbb\xbf" + ESSEX_CSV.replace("\r\n", "\r").encode("utf-8"))
    assert read_tables_csv(target) == parse_tables_csv(ESSEX_CSV)


# -- errors ------------------------------------------------------------------------------------

ROW = 'FBC1,716,946,"3,081","-87,587",0,"-87,587"\n'
BAD = [
    # (text, line, heading, column number or None, an excerpt of the message)
    (PUBLISHED + ROW.replace("946", ""), 2, "To Mar '14 £'000", 3, "is blank: write 0 for nil"),
    (PUBLISHED + ROW.replace("946", " "), 2, "To Mar '14 £'000", 3, "is blank"),
    (PUBLISHED + ROW.replace("946", "9.4.6"), 2, "To Mar '14 £'000", 3, "'9.4.6'"),
    (PUBLISHED + ROW.replace("946", "£946k"), 2, "To Mar '14 £'000", 3, "'£946k'"),
    (PUBLISHED + ROW.replace("946", "1e3"), 2, "To Mar '14 £'000", 3, "'1e3'"),
    (PUBLISHED + ROW.replace("946", "9" * 70), 2, None, None, "9" * 70),
    (PUBLISHED + ROW + ROW.replace("716", "-716"), 3, "To Mar '13 £'000", 2, "-716000"),
    (PUBLISHED + ROW.replace(",0,", ",5,"), 2, "Non-Cashable £'000", 6, "Money('5000'"),
    (PUBLISHED + ROW.replace(',"-87,587"\n', "\n"), 2, None, None, "6 cells, but the header"),
    (PUBLISHED + ROW.replace("FBC1", " "), 2, "Project", 1, "a project key is needed"),
    (PUBLISHED + ROW + ROW, 3, "Project", None, "'FBC1' is listed twice (first on line 2)"),
    (PUBLISHED + "\n\n" + ROW.replace("716", "x"), 4, "To Mar '13 £'000", 2, "'x'"),
    (PUBLISHED.replace("Total £'000", "Total"), 1, "Total", 7, "gives no unit"),
    (PUBLISHED.replace("Total £'000", "Total EUR'000"), 1, "Total EUR'000", 7, "in EUR"),
    (PUBLISHED.replace("Total £'000", "Net saving £'000"), 1, "Net saving £'000", 7, "unknown"),
    (PUBLISHED.replace("Total £'000", "Cashable £'000"), 1, "Cashable £'000", 7, "repeats"),
    (PUBLISHED.replace(",Total £'000", ""), 1, None, None, 'no column "Net Total £\'000"'),
    (PUBLISHED.replace("Project", "Key"), 1, "Key", 1, "unknown heading 'Key'"),
    (PUBLISHED.replace("\n", ",\n") + ROW.replace("\n", ",x\n"), 2, "", 8, "holds 'x'"),
    ("", None, None, None, "no header row"),
    (",Costs,,,Net Benefits,,\n", None, None, None, "no header row"),
]


@pytest.mark.parametrize("text, line, heading, column, excerpt", BAD)
def test_errors_name_the_file_line_column_and_value(
    tmp_path: Path,
    text: str,
    line: int | None,
    heading: str | None,
    column: int | None,
    excerpt: str | None,
) -> None:
    target = tmp_path / "tables.csv"
    target.write_text(text, encoding="utf-8", newline="")
    with pytest.raises(LoadError) as info:
        read_tables_csv(target)
    error = info.value
    assert error.path == str(target)
    assert error.entry == (None if line is None else f"line {line}")
    assert error.field == heading
    message = str(error)
    assert message.startswith(f"file {str(target)!r}")
    if column is not None:
        assert f"column {column}" in message
    if excerpt is not None:
        assert excerpt in message
    with pytest.raises(LoadError) as again:  # the same from text, naming '<string>'
        parse_tables_csv(text)
    assert again.value.path == "<string>"
    assert again.value.message == error.message


def test_file_errors(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="cannot read the file") as info:
        read_tables_csv(tmp_path / "missing.csv")
    assert info.value.path == str(tmp_path / "missing.csv")
    latin = tmp_path / "latin1.csv"
    latin.write_bytes(ESSEX_CSV.encode("latin-1"))
    with pytest.raises(LoadError, match=r"not UTF-8 text .*'CSV UTF-8'"):
        read_tables_csv(latin)
    big = tmp_path / "big.csv"
    big.write_text(ESSEX_CSV, encoding="utf-8")
    with pytest.raises(LoadError, match="larger than the limit of 100 bytes"):
        read_tables_csv(big, max_bytes=100)
    with pytest.raises(LoadError, match="as str"):
        parse_tables_csv(ESSEX_CSV.encode())  # type: ignore[arg-type]


def test_csv_module_errors_become_load_errors() -> None:
    huge = PUBLISHED + '"' + "9" * 200_000 + '",1,2,3,4,5\n'
    with pytest.raises(LoadError, match=r"file '<string>': CSV line 2: field larger"):
        parse_tables_csv(huge)


# -- properties --------------------------------------------------------------------------------


@given(tables_mappings(), st.booleans())
def test_generated_tables_round_trip_exactly(
    tables: dict[str, CostBenefitTable], grouped: bool
) -> None:
    text = tables_to_csv(tables, grouped=grouped)
    read = parse_tables_csv(text)
    assert read == {key: published(table) for key, table in tables.items()}
    assert list(read) == list(tables)
    for key, table in read.items():
        assert table.in_thousands() == tables[key].in_thousands()
        assert table.check() == published(tables[key]).check()
    assert tables_to_csv(read, grouped=grouped) == text


@given(tables_csv_text())
def test_fuzz_text_parses_or_raises_a_load_error(text: str) -> None:
    try:
        tables = parse_tables_csv(text)
    except WecbError as exc:
        assert isinstance(exc, LoadError), repr(exc)
        assert exc.path == "<string>"
        assert str(exc).startswith("file '<string>'")
        assert exc.message.strip()
        return
    assert all(isinstance(t, CostBenefitTable) for t in tables.values())
    assert parse_tables_csv(tables_to_csv(tables)) == tables


@given(st.binary(max_size=200))
def test_fuzz_bytes_read_or_raise_a_load_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "fuzz.csv"
        target.write_bytes(data)
        try:
            read_tables_csv(target)
        except LoadError as exc:
            assert exc.path == str(target)


# -- command line ------------------------------------------------------------------------------


def test_cli_exports_the_tables(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["export", "--what", "tables"]) == 0
    assert capsys.readouterr().out == ESSEX_CSV
    target = tmp_path / "tables.csv"
    assert main(["export", "--what", "tables", "-o", str(target)]) == 0
    assert read_tables_csv(target) == parse_tables_csv(ESSEX_CSV)


@pytest.mark.parametrize("options", [["--format", "json"], ["--format", "xlsx"], ["-o", "t.json"]])
def test_cli_tables_are_csv_only(capsys: pytest.CaptureFixture[str], options: list[str]) -> None:
    assert main(["export", "--what", "tables", *options]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("wecb: error: --what tables writes CSV only")
    assert "Traceback" not in captured.err


def test_cli_entry_point(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("wecb")
    env = {**os.environ, "PYTHONWARNINGS": "error"}
    done = subprocess.run(
        [str(script), "export", "--what", "tables", "--format", "csv"],
        capture_output=True,
        env=env,
        check=False,
        timeout=120,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8") == ESSEX_CSV
    done = subprocess.run(
        [str(script), "export", "--what", "tables", "--format", "toml"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert done.returncode == 1
    assert (
        done.stderr == "wecb: error: --what tables writes CSV only, not toml: use --format csv\n"
    )
