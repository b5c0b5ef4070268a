"""The Factors and Lines sheets of the appraisal workbook (private).

Factors: one row per financial year from the base year (or the first year, when it is
before the base year) to the last year of the horizon; each year's rate is looked up from
the Assumptions sheet's bands and its discount factor is the year before's divided by
``1 + rate`` (after the base year) or the year after's multiplied by it (before the base
year: a flow compounded forward), as :mod:`wecb.appraisal.schedules` defines them.

Lines: one row per appraised line; its amounts by year after phasing (values, in pounds and
pence), the multiplier of its adjustment rule (a formula over the Assumptions sheet), its
adjusted amounts (formulas), and undiscounted totals and present values (``SUMPRODUCT``
with the discount factors in the row above the header), unadjusted and adjusted.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Final

import attrs

from wecb.appraisal.adjustments import adjust
from wecb.appraisal.lines import AppraisedLine, BenefitType
from wecb.appraisal.phasing import Phasing
from wecb.appraisal.record import Appraisal
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.errors import ExportError
from wecb.present._workbook_assumptions import Anchors, RuleCells
from wecb.present._workbook_sheets import (
    Formula,
    SheetPlan,
    area_ref,
    cell_ref,
    column_letter,
    quoted_text,
)

__all__ = ["FACTORS", "LINES", "LinesLayout", "factors_sheet", "lines_sheet", "years_of"]

#: The sheets' names.
FACTORS: Final = "Factors"
LINES: Final = "Lines"
_INFO: Final = (
    "project",
    "line",
    "label",
    "nature",
    "category",
    "fiscal benefit (1 = in the financial case)",
    "cashable",
    "partner",
    "period as stated",
    "business as usual",
    "adjustment rule",
    "price year",
    "price factor",
    "multiplier",
)
_HEADER_ROW: Final = 2
_FIRST_ROW: Final = 3


def years_of(appraisal: Appraisal) -> tuple[FinancialYear, ...]:
    """The years of the Factors sheet: the base year to the horizon's end, and any earlier
    year of the horizon."""
    first = min(appraisal.base_year, appraisal.horizon.first)
    last = max(appraisal.base_year, appraisal.horizon.last)
    return FinancialYear.range(first, last)


def factors_sheet(
    appraisal: Appraisal, anchors: Anchors
) -> tuple[SheetPlan, dict[FinancialYear, str]]:
    """The Factors sheet and the cell of each year's discount factor."""
    sheet = SheetPlan(FACTORS, freeze="A2")
    sheet.put_row(1, ["financial year", "year offset", "rate", "discount factor"], "header")
    years = years_of(appraisal)
    base_row = 2 + years.index(appraisal.base_year)
    cells: dict[FinancialYear, str] = {}
    for row, year in enumerate(years, start=2):
        offset = year - appraisal.base_year
        sheet.put(row, 1, str(year))
        sheet.put(row, 2, offset, "number")
        if offset == 0:
            sheet.put(row, 3, "base year")
            cells[year] = sheet.put(row, 4, 1, "factor")
            continue
        rate = f"LOOKUP(ABS({cell_ref(None, row, 2)}),{anchors.band_firsts},{anchors.band_rates})"
        sheet.put(row, 3, Formula(rate), "rate")
        # After the base year: divide by 1 + rate; before it: compound forward.
        step, op = (-1, "/") if row > base_row else (1, "*")
        previous = cell_ref(None, row + step, 4, absolute=False)
        here = cell_ref(None, row, 3, absolute=False)
        cells[year] = sheet.put(row, 4, Formula(f"{previous}{op}(1+{here})"), "factor")
    last = 1 + len(years)
    sheet.autofilter = f"A1:D{last}"
    sheet.put(
        last + 2,
        1,
        "Discount factor: 1 in the base year; each later year's is the year before's divided "
        "by 1 + its rate; a year before the base year is compounded forward (multiplied by "
        "1 + the rate of its distance from the base year).",
        "note",
    )
    sheet.widths.update({1: 16, 2: 12, 3: 10, 4: 16})
    return sheet, cells


@attrs.frozen
class LinesLayout:
    """Where the Lines sheet's columns are, as absolute areas over its data rows."""

    nature: str
    category: str
    fiscal: str
    cashable: str
    total_unadjusted: str
    pv_unadjusted: str
    total_adjusted: str
    pv_adjusted: str
    #: The area of each year's adjusted and unadjusted amounts.
    adjusted_years: dict[FinancialYear, str]
    unadjusted_years: dict[FinancialYear, str]


def _category(line: AppraisedLine) -> str:
    if line.is_cost:
        return line.category.replace("_", " ")
    return BenefitType(line.category).label


def _fiscal(line: AppraisedLine, anchors: Anchors) -> int | Formula:
    if line.is_cost:
        return 0
    kind = BenefitType(line.category)
    if kind is BenefitType.UNCLASSIFIED:
        return Formula(f'IF({anchors.treatment}="fiscal",1,0)')
    return 1 if kind.is_fiscal else 0


def _rule(line: AppraisedLine, anchors: Anchors) -> RuleCells | None:
    """The rule whose multiplier formula reproduces the line's adjusted amounts exactly."""
    for rule in anchors.rules:
        if rule.name == line.rule and rule.adjustments == line.adjustments:
            expected = tuple(
                (year, adjust(amount, line.nature, rule.adjustments).adjusted)
                for year, amount in line.unadjusted
            )
            return rule if expected == line.adjusted else None
    return None


def _multiplier(line: AppraisedLine, anchors: Anchors) -> Formula | Decimal | None:
    """The line's multiplier: its rule's formula; else the exact multiplier as a value when
    it reproduces the adjusted amounts; else None (the adjusted amounts are then values)."""
    rule = _rule(line, anchors)
    if rule is not None:
        return Formula(rule.cost_multiplier if line.is_cost else rule.benefit_multiplier)
    factor = line.multiplier
    if all(a * factor == b for (_, a), (_, b) in zip(line.unadjusted, line.adjusted, strict=True)):
        return factor
    return None


def _info(sheet: SheetPlan, row: int, line: AppraisedLine, anchors: Anchors) -> None:
    values = (
        line.project,
        line.index,
        line.label,
        line.nature.value,
        _category(line),
        None,
        "yes" if line.cashable else "no",
        line.partner or "",
        str(line.period),
        "yes" if line.counterfactual else "no",
        line.rule,
    )
    sheet.put_row(row, values)
    sheet.put(row, 2, line.index, "number")
    sheet.put(row, 6, _fiscal(line, anchors), "number")
    sheet.put(row, 12, "" if line.price_year is None else str(line.price_year))
    sheet.put(row, 13, _price_factor(line, anchors), "factor")


def _price_factor(line: AppraisedLine, anchors: Anchors) -> int | Formula:
    """1 for a line in the price base; else level(price base) / level(its price year)."""
    if line.rebasing is None or anchors.price_levels is None:
        return 1
    years, levels = anchors.price_levels

    def level(year: FinancialYear) -> str:
        return f"INDEX({levels},MATCH({quoted_text(str(year))},{years},0))"

    return Formula(f"{level(line.rebasing.to_year)}/{level(line.rebasing.from_year)}")


def _as_given(line: AppraisedLine, phasing: Phasing) -> dict[FinancialYear, Money] | None:
    """A rebased line's amounts by year in its own price year (what the price factor
    multiplies), when they give its amounts in the price base exactly; else None."""
    rebasing = line.rebasing
    if rebasing is None or not line.unadjusted:
        return None
    given = phasing.phase(rebasing.before, line.period, project=line.project)
    if line.counterfactual:  # a business-as-usual line counts negated
        given = {year: -amount for year, amount in given.items()}
    rebased = {year: amount * rebasing.factor for year, amount in given.items()}
    return given if rebased == dict(line.unadjusted) else None


@attrs.frozen
class _Columns:
    """The Lines sheet's column numbers for ``count`` years."""

    count: int

    @property
    def price_factor(self) -> int:
        return len(_INFO) - 1

    @property
    def multiplier(self) -> int:
        return len(_INFO)

    @property
    def unadjusted(self) -> int:
        return len(_INFO) + 1

    @property
    def total_unadjusted(self) -> int:
        return self.unadjusted + self.count

    @property
    def pv_unadjusted(self) -> int:
        return self.total_unadjusted + 1

    @property
    def adjusted(self) -> int:
        return self.pv_unadjusted + 1

    @property
    def total_adjusted(self) -> int:
        return self.adjusted + self.count

    @property
    def pv_adjusted(self) -> int:
        return self.total_adjusted + 1


def _sums(sheet: SheetPlan, row: int, first: int, count: int, total: int) -> None:
    """A row's total and present value over ``count`` year columns from ``first``."""
    amounts = f"{cell_ref(None, row, first, absolute=False)}:" + cell_ref(
        None, row, first + count - 1, absolute=False
    )
    factors = f"{cell_ref(None, 1, first)}:{cell_ref(None, 1, first + count - 1)}"
    sheet.put(row, total, Formula(f"SUM({amounts})"), "money")
    sheet.put(row, total + 1, Formula(f"SUMPRODUCT({amounts},{factors})"), "money")


def _number_text(amount: Money) -> str:
    """An amount as a number in a formula (refused when a spreadsheet cannot hold it)."""
    text = format(amount.amount, "f")
    if Decimal(repr(float(amount.amount))) != amount.amount:
        raise ExportError(
            f"sheet {LINES!r}: {text} has more digits than a spreadsheet number keeps (about "
            "15 significant digits)"
        )
    return text


def _line_row(
    sheet: SheetPlan,
    row: int,
    line: AppraisedLine,
    *,
    anchors: Anchors,
    years: Sequence[FinancialYear],
    phasing: Phasing,
) -> None:
    columns = _Columns(len(years))
    _info(sheet, row, line, anchors)
    multiplier = _multiplier(line, anchors)
    if multiplier is None:
        sheet.put(row, columns.multiplier, "n/a: the adjusted amounts are values")
    else:
        sheet.put(row, columns.multiplier, multiplier, "factor")
    factor = cell_ref(None, row, columns.multiplier)
    price = cell_ref(None, row, columns.price_factor)
    unadjusted, adjusted = dict(line.unadjusted), dict(line.adjusted)
    given = _as_given(line, phasing)
    for index, year in enumerate(years):
        before, after = columns.unadjusted + index, columns.adjusted + index
        if given is not None and year in given:  # in its own prices, times the price factor
            sheet.put(row, before, Formula(f"{_number_text(given[year])}*{price}"), "money")
        else:  # a year with no amount is a blank money cell, ready to take one
            sheet.put(row, before, unadjusted.get(year), "money")
        if multiplier is not None:
            amount = cell_ref(None, row, before, absolute=False)
            sheet.put(row, after, Formula(f"{amount}*{factor}"), "money")
        else:
            sheet.put(row, after, adjusted.get(year), "money")
    _sums(sheet, row, columns.unadjusted, len(years), columns.total_unadjusted)
    _sums(sheet, row, columns.adjusted, len(years), columns.total_adjusted)


def _header(
    sheet: SheetPlan, years: Sequence[FinancialYear], factors: dict[FinancialYear, str]
) -> None:
    columns = _Columns(len(years))
    sheet.put_row(_HEADER_ROW, _INFO, "header")
    sheet.put(1, columns.multiplier, "discount factor", "header")
    for block, suffix in ((columns.unadjusted, ""), (columns.adjusted, " adj.")):
        for index, year in enumerate(years):
            sheet.put(1, block + index, Formula(factors[year]), "factor")
            sheet.put(_HEADER_ROW, block + index, f"{year}{suffix}", "header")
    for column, text in (
        (columns.total_unadjusted, "total"),
        (columns.pv_unadjusted, "PV"),
        (columns.total_adjusted, "total adj."),
        (columns.pv_adjusted, "PV adj."),
    ):
        sheet.put(_HEADER_ROW, column, text, "header")


def lines_sheet(
    appraisal: Appraisal, anchors: Anchors, factors: dict[FinancialYear, str]
) -> tuple[SheetPlan, LinesLayout]:
    """The Lines sheet and where its columns are."""
    years = FinancialYear.range(appraisal.horizon.first, appraisal.horizon.last)
    columns = _Columns(len(years))
    sheet = SheetPlan(LINES, freeze=cell_ref(None, _FIRST_ROW, 4, absolute=False))
    _header(sheet, years, factors)
    for row, line in enumerate(appraisal.lines, start=_FIRST_ROW):
        _line_row(sheet, row, line, anchors=anchors, years=years, phasing=appraisal.phasing)
    # An empty appraisal keeps one (blank) row, so that every area is a valid range.
    last = _FIRST_ROW + max(len(appraisal.lines), 1) - 1
    end = columns.pv_adjusted
    sheet.autofilter = f"A{_HEADER_ROW}:{column_letter(end)}{last}"
    total = last + 1
    sheet.put(total, 1, "total (rows shown by the filter)", "label_total")
    for column in range(columns.unadjusted, end + 1):
        rows = area_ref(None, _FIRST_ROW, column, last)
        sheet.put(total, column, Formula(f"SUBTOTAL(9,{rows})"), "money_total")
    sheet.widths.update({1: 12, 2: 6, 3: 36, 4: 9, 5: 18, 6: 12, 11: 22, 12: 10, 13: 12, 14: 12})
    sheet.widths.update({c: 15 for c in range(columns.unadjusted, end + 1)})

    def area(column: int) -> str:
        return area_ref(LINES, _FIRST_ROW, column, last)

    layout = LinesLayout(
        nature=area(4),
        category=area(5),
        fiscal=area(6),
        cashable=area(7),
        total_unadjusted=area(columns.total_unadjusted),
        pv_unadjusted=area(columns.pv_unadjusted),
        total_adjusted=area(columns.total_adjusted),
        pv_adjusted=area(columns.pv_adjusted),
        adjusted_years={y: area(columns.adjusted + i) for i, y in enumerate(years)},
        unadjusted_years={y: area(columns.unadjusted + i) for i, y in enumerate(years)},
    )
    return sheet, layout
