"""The Headline and By year sheets of the appraisal workbook (private).

Headline: the appraisal's summary table, row for row as :meth:`Appraisal.rows
<wecb.appraisal.record.Appraisal.rows>` gives it (costs by type, benefits by value type, the
two cases with their net values and ratios), each figure undiscounted and as a present value,
before and after adjustment, every one a ``SUMIFS`` over the Lines sheet or arithmetic on
those; then the payback years, read from the By year sheet.

By year: each year's adjusted costs, fiscal benefits and all benefits (``SUMIFS`` over the
Lines sheet's year columns), the net fiscal value, its discount factor, the cumulative net
fiscal value undiscounted and discounted, and whether it stays at or above zero from that
year to the end of the horizon: the payback year is the first year where it does.
"""

from __future__ import annotations

from typing import Final

from wecb.appraisal.cases import BCR, NPBI, NPPV, PAYBACK, PER_POUND, ROI
from wecb.appraisal.lines import COST_CATEGORIES, BenefitType
from wecb.appraisal.record import Appraisal
from wecb.core.periods import FinancialYear
from wecb.present._workbook_assumptions import Anchors
from wecb.present._workbook_lines import LinesLayout
from wecb.present._workbook_sheets import (
    Formula,
    SheetPlan,
    area_ref,
    cell_ref,
    column_letter,
    quoted_text,
)

__all__ = ["BY_YEAR", "HEADLINE", "Paybacks", "by_year_sheet", "headline_sheet"]

#: The sheets' names.
HEADLINE: Final = "Headline"
BY_YEAR: Final = "By year"
#: The words a payback year cell shows when the case never pays back.
NEVER: Final = "never"
#: The four ways of a figure, in the Headline's column order: (discounted, adjusted).
_WAYS: Final = ((False, False), (False, True), (True, False), (True, True))
_AMOUNTS: Final = (
    ("costs", "costs"),
    ("fiscal", "fiscal benefits"),
    ("cashable", "cashable fiscal benefits"),
)

#: The payback year formulas of each case ("fiscal", "cashable"), in the four ways.
Paybacks = dict[str, tuple[str, str, str, str]]


_Criteria = tuple[tuple[str, str | int], ...]


def _pairs(criteria: _Criteria) -> str:
    return ",".join(
        f"{where},{quoted_text(value) if isinstance(value, str) else value}"
        for where, value in criteria
    )


def _sumifs(area: str, *criteria: tuple[str, str | int]) -> str:
    return f"SUMIFS({area},{_pairs(criteria)})"


def _countifs(area: str, criteria: _Criteria) -> str:
    """How many cells of ``area`` hold an amount (are not blank) on the rows meeting
    ``criteria``."""
    return f'COUNTIFS({area},"<>",{_pairs(criteria)})'


def _criteria(lines: LinesLayout, group: str) -> _Criteria:
    if group == "costs":
        return ((lines.nature, "cost"),)
    fiscal: _Criteria = ((lines.nature, "benefit"), (lines.fiscal, 1))
    return (*fiscal, (lines.cashable, "yes")) if group == "cashable" else fiscal


def _year_row(
    sheet: SheetPlan, row: int, year: FinancialYear, lines: LinesLayout, factor: str
) -> None:
    """The year, whether the financial case has it, its factor and its six amounts."""
    sheet.put(row, 1, str(year))
    before = lines.unadjusted_years[year]
    counts = [_countifs(before, _criteria(lines, group)) for group in ("costs", "fiscal")]
    sheet.put(row, 2, Formula(f"({'+'.join(counts)})>0"))
    sheet.put(row, 3, Formula(factor), "factor")
    column = 4
    for group, _ in _AMOUNTS:
        for area in (before, lines.adjusted_years[year]):
            sheet.put(row, column, Formula(_sumifs(area, *_criteria(lines, group))), "money")
            column += 1


def _running(sheet: SheetPlan, first: int, last: int) -> tuple[list[str], Paybacks]:
    """Cumulative net value and "pays back from here" columns for each case and way;
    the headers, and each case's payback formulas."""
    headers: list[str] = []
    paybacks: Paybacks = {}
    column = 10
    years = area_ref(BY_YEAR, first, 1, last)
    for case, offset, words in (("fiscal", 6, "net fiscal"), ("cashable", 8, "net cashable")):
        found: list[str] = []
        for discounted, adjusted in _WAYS:
            way = f"{'discounted' if discounted else 'undiscounted'}" + (
                ", adj." if adjusted else ""
            )
            headers += [f"cumulative {words} ({way})", f"pays back from here ({way})"]
            for row in range(first, last + 1):

                def at(col: int, r: int = row) -> str:
                    return cell_ref(None, r, col, absolute=False)

                net = f"({at(offset + int(adjusted))}-{at(4 + int(adjusted))})"
                if discounted:
                    net += f"*{at(3)}"
                above = "" if row == first else f"{at(column, row - 1)}+"
                sheet.put(row, column, Formula(f"{above}{net}"), "money")
                # "yes": a year of the case from which every year of the case is at or above
                # zero; "stays": not a year of the case, but every later one is; else "no".
                stays = f"OR(NOT({at(2)}),{at(column)}>=0)"
                if row != last:
                    stays = f'AND({stays},{at(column + 1, row + 1)}<>"no")'
                flag = f'IF({stays},IF({at(2)},"yes","stays"),"no")'
                sheet.put(row, column + 1, Formula(flag))
            flags = area_ref(BY_YEAR, first, column + 1, last)
            found.append(f'IFERROR(INDEX({years},MATCH("yes",{flags},0)),{quoted_text(NEVER)})')
            column += 2
        paybacks[case] = (found[0], found[1], found[2], found[3])
    return headers, paybacks


def by_year_sheet(
    appraisal: Appraisal, lines: LinesLayout, factors: dict[FinancialYear, str]
) -> tuple[SheetPlan, Paybacks]:
    """The By year sheet, and each case's payback year formulas."""
    sheet = SheetPlan(BY_YEAR, freeze="B2")
    years = FinancialYear.range(appraisal.horizon.first, appraisal.horizon.last)
    first, last = 2, 1 + len(years)
    for row, year in enumerate(years, start=first):
        _year_row(sheet, row, year, lines, factors[year])
    headers, paybacks = _running(sheet, first, last)
    amounts = [f"{words}{adj}" for _, words in _AMOUNTS for adj in ("", " adj.")]
    head = ["financial year", "in the financial case", "discount factor", *amounts, *headers]
    sheet.put_row(1, head, "header")
    total = last + 1
    sheet.put(total, 1, "total (rows shown by the filter)", "label_total")
    for column in range(4, 10):
        area = area_ref(None, first, column, last)
        sheet.put(total, column, Formula(f"SUBTOTAL(9,{area})"), "money_total")
    sheet.autofilter = f"A1:{column_letter(len(head))}{last}"
    sheet.widths.update({1: 16, **{c: 17 for c in range(2, len(head) + 1)}})
    sheet.put(
        total + 2,
        1,
        "The financial case's years are those in which a cost or a fiscal benefit has an "
        "amount. Payback year: the first of them from which the cumulative net value is at "
        f"or above zero in every later one; '{NEVER}' if there is none.",
        "note",
    )
    return sheet, paybacks


_Figures = tuple[str, str, str, str]


def _put_item(sheet: SheetPlan, row: int, section: str, item: str | Formula, total: bool) -> None:
    sheet.put(row, 1, section)
    sheet.put(row, 2, item, "label_total" if total else "text")


def _sum_row(
    sheet: SheetPlan,
    row: int,
    section: str,
    item: str | Formula,
    *,
    criteria: _Criteria,
    areas: _Figures,
    total: bool = False,
) -> int:
    _put_item(sheet, row, section, item, total)
    for column, area in enumerate(areas, start=3):
        style = "money_total" if total else "money"
        sheet.put(row, column, Formula(_sumifs(area, *criteria)), style)
    return row + 1


def _derived(
    sheet: SheetPlan, row: int, section: str, item: str, *, benefits: int, costs: int
) -> int:
    """A net value (``B - C``) or ratio (``B / C``, ``(B - C) / C``) of two rows."""
    _put_item(sheet, row, section, item, item in (NPBI, NPPV))
    for column in range(3, 7):
        b = cell_ref(None, benefits, column, absolute=False)
        c = cell_ref(None, costs, column, absolute=False)
        if item in (NPBI, NPPV):
            sheet.put(row, column, Formula(f"{b}-{c}"), "money_total")
            continue
        value = f"({b}-{c})/{c}" if item == PER_POUND else f"{b}/{c}"
        sheet.put(row, column, Formula(f'IF({c}=0,"",{value})'), "ratio")
    return row + 1


def _unclassified_label(anchors: Anchors) -> Formula:
    treat = anchors.treatment
    return Formula(
        f'"{BenefitType.UNCLASSIFIED.label}"&IF({treat}="unclassified",""," (treated as "'
        f'&{treat}&")")'
    )


def _financial(
    sheet: SheetPlan,
    row: int,
    lines: LinesLayout,
    *,
    areas: _Figures,
    costs: int,
    paybacks: Paybacks,
) -> int:
    for case, name, words in (
        ("fiscal", "financial case", "fiscal benefits"),
        ("cashable", "financial case (cashable)", "cashable fiscal benefits"),
    ):
        benefits = row
        row = _sum_row(sheet, row, name, words, criteria=_criteria(lines, case), areas=areas)
        row = _derived(sheet, row, name, NPBI, benefits=benefits, costs=costs)
        row = _derived(sheet, row, name, ROI, benefits=benefits, costs=costs)
        if case == "fiscal":
            row = _derived(sheet, row, name, PER_POUND, benefits=benefits, costs=costs)
        _put_item(sheet, row, name, PAYBACK, False)
        for column, formula in enumerate(paybacks[case], start=3):
            sheet.put(row, column, Formula(formula))
        row += 1
    return row


def headline_sheet(
    appraisal: Appraisal, anchors: Anchors, lines: LinesLayout, paybacks: Paybacks
) -> SheetPlan:
    """The Headline sheet: the summary table, every figure a live formula."""
    sheet = SheetPlan(HEADLINE, freeze="C6")
    sheet.put(1, 1, f"Appraisal of {appraisal.name}", "title")
    sheet.put(
        2,
        1,
        f"horizon {appraisal.horizon}; base year {appraisal.base_year}; "
        f"{appraisal.price_base} prices; discounting {appraisal.schedule.name}",
        "note",
    )
    sheet.put(
        3,
        1,
        "Every figure is a formula over the Lines, Factors, By year and Assumptions sheets: "
        "change an input on the Assumptions sheet and it recomputes.",
        "note",
    )
    header = ("section", "item", "undiscounted", "undiscounted adj.", "PV", "PV adj.")
    sheet.put_row(5, header, "header")
    areas: _Figures = (
        lines.total_unadjusted,
        lines.total_adjusted,
        lines.pv_unadjusted,
        lines.pv_adjusted,
    )
    row = 6
    cost = (lines.nature, "cost")
    for category in COST_CATEGORIES:
        words = category.replace("_", " ")
        row = _sum_row(
            sheet, row, "costs", words, criteria=(cost, (lines.category, words)), areas=areas
        )
    costs = row
    row = _sum_row(sheet, row, "costs", "total costs", criteria=(cost,), areas=areas, total=True)
    benefit = (lines.nature, "benefit")
    for kind in BenefitType:
        item = _unclassified_label(anchors) if kind is BenefitType.UNCLASSIFIED else kind.label
        criteria = (benefit, (lines.category, kind.label))
        row = _sum_row(sheet, row, "benefits", item, criteria=criteria, areas=areas)
    benefits = row
    row = _sum_row(
        sheet, row, "benefits", "total benefits", criteria=(benefit,), areas=areas, total=True
    )
    row = _financial(sheet, row, lines, areas=areas, costs=costs, paybacks=paybacks)
    for item in (NPPV, BCR, PER_POUND):
        row = _derived(sheet, row, "economic case", item, benefits=benefits, costs=costs)
    sheet.autofilter = f"A5:F{row - 1}"
    sheet.put(
        row + 1,
        1,
        "Financial return on investment and benefit-cost ratio: benefits per pound of cost "
        "(B / C); net benefit per £1: (B - C) / C. Payback year: see the By year sheet.",
        "note",
    )
    sheet.widths.update({1: 24, 2: 34, 3: 18, 4: 18, 5: 18, 6: 18})
    return sheet
