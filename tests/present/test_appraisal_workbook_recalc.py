"""The appraisal workbook recalculated by a real spreadsheet engine (LibreOffice, headless).

Each workbook wecb writes holds formulas and no stored results; LibreOffice opens it with
recalculation forced on load (a profile of its own, ``OOXMLRecalcMode = 0``: always), saves
it as ``.xlsx`` with the values it computed, and the test reads them back with openpyxl.

The rule for money: wecb's exact figure rounded half-even to the penny equals LibreOffice's
figure (the decimal of the double it wrote) rounded the same way, and the two differ by less
than half a penny. Ratios agree to a relative 1e-9; payback years as text ("never" for
None). Skipped where ``soffice`` is missing, and failed then when ``CI=true``.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator, Mapping
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import wecb
from strategies.appraisal_workbook import aw_appraisals
from wecb.appraisal import AdjustmentPlan, Adjustments, DiscountSchedule, Phasing
from wecb.appraisal.prices import PriceIndex
from wecb.appraisal.record import Appraisal
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.model.cashflows import CashFlow, Nature, ValueType
from wecb.present.appraisal_workbook import write_appraisal_workbook

openpyxl = pytest.importorskip("openpyxl")

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PENNY = Decimal("0.01")
_FIGURES = ("undiscounted_unadjusted", "undiscounted_adjusted", "pv_unadjusted", "pv_adjusted")
# LibreOffice's own settings for these runs: recalculate every formula on load.
_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode"
 oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode"
 oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def recalculate(soffice: str, books: Mapping[str, Path], folder: Path) -> dict[str, Any]:
    """Each workbook recalculated by LibreOffice, opened with its computed values."""
    profile = folder / "profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_PROFILE, "utf-8")
    out = folder / "recalculated"
    command = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "xlsx",
        "--outdir",
        str(out),
        *(str(path) for path in books.values()),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=600)
    return {
        name: openpyxl.load_workbook(out / path.name, data_only=True)
        for name, path in books.items()
    }


def headline(book: Any) -> dict[tuple[str, str], tuple[object, ...]]:
    """The Headline table: (section, item) -> the four figures."""
    found = {}
    for row in book["Headline"].iter_rows(min_row=6, max_col=6, values_only=True):
        if not row[1] or not row[0]:
            break
        found[(row[0], row[1])] = row[2:]
    return found


def _money_agrees(exact: Money, value: object) -> bool:
    if not isinstance(value, int | float):
        return False
    computed = Decimal(repr(value))
    same_penny = exact.amount.quantize(PENNY, ROUND_HALF_EVEN) == computed.quantize(
        PENNY, ROUND_HALF_EVEN
    )
    return same_penny and abs(exact.amount - computed) < Decimal("0.005")


def _agrees(exact: object, value: object) -> bool:
    if isinstance(exact, Money):
        return _money_agrees(exact, value)
    if exact is None:  # a ratio with no costs, or a case that never pays back
        return value in ("", None, "never")
    if isinstance(exact, FinancialYear):
        return value == str(exact)
    assert isinstance(exact, Decimal)
    if not isinstance(value, int | float):
        return False
    return abs(Decimal(repr(value)) - exact) <= Decimal("1e-9") * max(1, abs(exact))


def disagreements(appraisal: Appraisal, book: Any) -> list[str]:
    """Every headline figure where the workbook and wecb differ (by the rule above)."""
    table = headline(book)
    problems = []
    for row in appraisal.rows():
        key = (row["section"], row["item"])
        if key not in table:
            problems.append(f"{key}: missing from the Headline sheet")
            continue
        for name, value in zip(_FIGURES, table[key], strict=True):
            if not _agrees(row[name], value):
                problems.append(f"{key} {name}: wecb {row[name]}, spreadsheet {value!r}")
    if len(table) != len(appraisal.rows()):
        problems.append(f"the Headline has {len(table)} rows, wecb {len(appraisal.rows())}")
    return problems


# --------------------------------------------------------------------------- cases

FY = FinancialYear
#: The docs' illustrative phasing of Essex (the command line's --phase options).
ESSEX_PHASING = (
    Phasing.even("further_implementation", FY(2014), FY(2016))
    .with_period("to_mar_2013", {FY(2012): 1})
    .with_period("appraisal_horizon", dict.fromkeys(FY.range(FY(2014), FY(2018)), 1))
)
ESSEX_PLAN = AdjustmentPlan(
    default=Adjustments(optimism_bias_grade=3, deadweight="0.1", attribution="0.8"),
    projects={"FBC1": Adjustments(optimism_bias_grade=5, deadweight="0.25")},
    lines={("FBC3", 0): Adjustments(attribution="0.5")},
)


def essex(**options: Any) -> Appraisal:
    given = {"base_year": FY(2012), "price_base": FY(2012), "phasing": ESSEX_PHASING}
    return wecb.appraise(wecb.datasets.essex_2012(), **{**given, **options})


#: An illustrative price index (made-up levels), to rebase lines in 2013/14 prices.
INDEX = PriceIndex(
    name="illustrative deflator",
    levels={"2013/14": "100", "2014/15": "101.7", "2015/16": "103.9"},
    illustrative=True,
)


def street_triage(counterfactual: bool = False, rebased: bool = False) -> Appraisal:
    programme = wecb.load(EXAMPLES / "street_triage.toml")
    if rebased:  # every line in 2013/14 prices, the business-as-usual one too
        project = programme.project("triage")
        flows = tuple(attrs.evolve(f, price_year=FY(2013)) for f in project.flows)
        programme = programme.evolve(projects=(attrs.evolve(project, flows=flows),))
    if counterfactual:
        project = programme.project("triage")
        usual = CashFlow(
            amount=Money("40000.00"),
            nature=Nature.BENEFIT,
            period=FY(2015),
            value_type=ValueType.FISCAL,
            cashable=True,
            beneficiary="ccg",
            label="A&E attendances falling anyway",
            price_year=FY(2013) if rebased else None,
        )
        project = attrs.evolve(project, counterfactual=(usual,))
        programme = programme.evolve(projects=(project,))
    index = INDEX if rebased else None
    return wecb.appraise(programme, base_year=FY(2014), price_base=FY(2014), price_index=index)


def empty() -> Appraisal:
    project = attrs.evolve(wecb.load(EXAMPLES / "street_triage.toml").project("triage"), flows=())
    programme = wecb.load(EXAMPLES / "street_triage.toml").evolve(
        projects=(project,), funding_streams=()
    )
    horizon = wecb.appraisal.Horizon(FY(2014), FY(2016))
    return wecb.appraise(programme, base_year=FY(2014), price_base=FY(2014), horizon=horizon)


CASES: dict[str, Callable[[], Appraisal]] = {
    "empty": empty,
    "essex": essex,
    "essex_adjusted": lambda: essex(adjustments=ESSEX_PLAN),
    "essex_treated": lambda: essex(treat_unclassified="fiscal", adjustments=ESSEX_PLAN),
    "essex_before_base": lambda: essex(base_year=FY(2013), allow_before_base=True),
    "street_triage": street_triage,
    "street_triage_bau": lambda: street_triage(counterfactual=True),
    "street_triage_rebased": lambda: street_triage(counterfactual=True, rebased=True),
}


def _rate_cell(sheet: Any) -> Any:
    """The rate of the discount schedule's first band on the Assumptions sheet."""
    for row in sheet.iter_rows(max_col=3):
        if row[0].value == "first year offset" and row[2].value == "rate":
            return sheet.cell(row=row[0].row + 1, column=3)
    raise AssertionError("no discount rate band on the Assumptions sheet")


def _labelled(sheet: Any, label: str, column: int) -> Any:
    for row in sheet.iter_rows(max_col=1):
        if row[0].value == label:
            return sheet.cell(row=row[0].row, column=column)
    raise AssertionError(f"no {label!r} row on the Assumptions sheet")


def _edited(source: Path, target: Path, edit: Callable[[Any], None]) -> Path:
    book = openpyxl.load_workbook(source)
    edit(book["Assumptions"])
    book.save(target)
    return target


def _set(cell: Callable[[Any], Any], value: object) -> Callable[[Any], None]:
    def edit(sheet: Any) -> None:
        cell(sheet).value = value

    return edit


#: Edits to the Essex workbook's inputs, and the appraisal wecb gives for the same inputs.
EDITS: dict[str, tuple[Callable[[Any], None], Callable[[], Appraisal]]] = {
    "rate_5pc": (
        _set(_rate_cell, 0.05),
        lambda: essex(
            schedule=DiscountSchedule.from_bands(
                "edited",
                [
                    (0, 30, "0.05"),
                    (31, 75, "0.030"),
                    (76, 125, "0.025"),
                    (126, 200, "0.020"),
                    (201, 300, "0.015"),
                    (301, None, "0.010"),
                ],
            )
        ),
    ),
    "treat_fiscal": (
        _set(lambda s: _labelled(s, "unclassified benefits counted as", 2), "fiscal"),
        lambda: essex(treat_unclassified="fiscal"),
    ),
    "grade_4": (
        _set(lambda s: _labelled(s, "default", 4), 4),
        lambda: essex(adjustments=Adjustments(optimism_bias_grade=4)),
    ),
}


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    soffice = shutil.which("soffice")
    if soffice is None:
        yield {}
        return
    folder = tmp_path_factory.mktemp("appraisal_workbooks")
    books = {
        name: write_appraisal_workbook(make(), folder / f"{name}.xlsx")
        for name, make in CASES.items()
    }
    for name, (edit, _) in EDITS.items():
        books[name] = _edited(books["essex"], folder / f"{name}.xlsx", edit)
    yield recalculate(soffice, books, folder)


@pytest.mark.parametrize("case", sorted(CASES))
def test_headline_agrees_with_wecb_to_the_penny(
    case: str, recalculated: dict[str, Any], require_tool: Callable[[str], str]
) -> None:
    require_tool("soffice")
    assert disagreements(CASES[case](), recalculated[case]) == []


@pytest.mark.parametrize("case", sorted(EDITS))
def test_an_edited_input_recomputes_as_wecb_would(
    case: str, recalculated: dict[str, Any], require_tool: Callable[[str], str]
) -> None:
    require_tool("soffice")
    _, expected = EDITS[case]
    assert disagreements(expected(), recalculated[case]) == []


def test_the_rate_edit_moves_the_figures(
    recalculated: dict[str, Any], require_tool: Callable[[str], str]
) -> None:
    # The edit is not a no-op: the NPBI at 5% is not the NPBI at 3.5%.
    require_tool("soffice")
    key = ("financial case", "net present budget impact")
    assert headline(recalculated["rate_5pc"])[key][3] < headline(recalculated["essex"])[key][3]


def test_lines_and_years_agree_with_wecb(
    recalculated: dict[str, Any], require_tool: Callable[[str], str]
) -> None:
    require_tool("soffice")
    appraisal = CASES["essex_adjusted"]()
    sheet = recalculated["essex_adjusted"]["Lines"]
    header = [c.value for c in sheet[2]]
    pv = header.index("PV adj.")
    rows = list(sheet.iter_rows(min_row=3, max_row=2 + len(appraisal.lines), values_only=True))
    for line, row in zip(appraisal.lines, rows, strict=True):
        assert (row[0], row[1]) == (line.project, line.index)
        assert _money_agrees(line.pv_adjusted, row[pv]), (line.label, row[pv])


@settings(
    max_examples=3,
    deadline=None,
    # require_tool only finds a program: nothing in it is reset between examples.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(appraisals=st.lists(aw_appraisals(), min_size=4, max_size=4))
def test_generated_appraisals_agree_to_the_penny(
    appraisals: list[Appraisal],
    tmp_path_factory: pytest.TempPathFactory,
    require_tool: Callable[[str], str],
) -> None:
    # Four appraisals a run, recalculated by one LibreOffice call.
    soffice = require_tool("soffice")
    folder = tmp_path_factory.mktemp("generated")
    books = {
        f"a{i}": write_appraisal_workbook(a, folder / f"a{i}.xlsx")
        for i, a in enumerate(appraisals)
    }
    found = recalculate(soffice, books, folder)
    for i, appraisal in enumerate(appraisals):
        assert disagreements(appraisal, found[f"a{i}"]) == []


def test_a_rebased_line_is_its_own_prices_times_a_price_factor(tmp_path: Path) -> None:
    appraisal = CASES["street_triage_rebased"]()
    book = openpyxl.load_workbook(write_appraisal_workbook(appraisal, tmp_path / "r.xlsx"))
    lines = book["Lines"]
    header = [c.value for c in lines[2]]
    first = appraisal.lines[0]
    assert first.rebasing is not None
    factor = lines.cell(row=3, column=header.index("price factor") + 1).value
    assert factor.startswith("=INDEX(Assumptions!") and factor.count("MATCH(") == 2
    amount = lines.cell(row=3, column=header.index(str(first.period)) + 1).value
    assert amount == f"={first.rebasing.before.amount}*$M$3"
    values = [c.value for row in book["Assumptions"].iter_rows() for c in row]
    assert "Price index: illustrative deflator [illustrative figures]" in values
