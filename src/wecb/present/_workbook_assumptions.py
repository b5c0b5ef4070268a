"""The Assumptions sheet of the appraisal workbook (private).

It holds the inputs the other sheets' formulas read, shaded as inputs: the treatment of
unclassified benefits, the discount schedule's rates by year-offset band, the optimism bias
tables' percentages and each adjustment rule's grade, deadweight and attribution (each
rule's cost and benefit multipliers are formulas over them). It also states, for audit, what
is fixed (base year, price base, horizon, the phasing as applied) and every assumption the
appraisal states, with its source and verified flag.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Final

import attrs

from wecb.appraisal.adjustments import Adjustments
from wecb.appraisal.lines import AdjustmentPlan
from wecb.appraisal.optimism_bias import OptimismBiasTable
from wecb.appraisal.parameters import ParameterSource
from wecb.appraisal.prices import PriceIndex
from wecb.appraisal.record import Appraisal
from wecb.core.assumptions import NOT_VERIFIED
from wecb.present._workbook_sheets import Formula, SheetPlan, area_ref, cell_ref

__all__ = [
    "ASSUMPTIONS_TITLE",
    "TREATMENT_CHOICES",
    "Anchors",
    "RuleCells",
    "assumptions_sheet",
    "rules",
]

#: The sheet's name.
ASSUMPTIONS_TITLE: Final = "Assumptions"
#: What unclassified benefits may be counted as (the choices of the treatment cell).
TREATMENT_CHOICES: Final = ("unclassified", "fiscal", "economic", "social")
_TREATMENT_NOTE: Final = (
    "unclassified: their own row, outside the financial case and inside the economic case; "
    "fiscal: in the financial case as fiscal non-cashable; economic or social: outside the "
    "financial case. Change it and every figure recomputes."
)


@attrs.frozen
class RuleCells:
    """Where one adjustment rule's multipliers are, and its adjustments."""

    name: str
    adjustments: Adjustments
    cost_multiplier: str
    benefit_multiplier: str


@attrs.frozen
class Anchors:
    """The cells other sheets read from the Assumptions sheet."""

    treatment: str
    band_firsts: str
    band_rates: str
    rules: tuple[RuleCells, ...]
    #: The price index's years and levels (areas), when the appraisal has one.
    price_levels: tuple[str, str] | None = None


def rules(plan: AdjustmentPlan) -> list[tuple[str, Adjustments]]:
    """The plan's rules, named as :meth:`AdjustmentPlan.for_line` names them."""
    found = [("default", plan.default)]
    found += [(f"project {key!r}", adjustments) for key, adjustments in plan.projects]
    found += [(f"line {key!r}", adjustments) for key, adjustments in plan.lines]
    return found


def _source_rows(sheet: SheetPlan, row: int, source: ParameterSource | None) -> int:
    if source is None:
        sheet.put(row, 1, "source")
        sheet.put(row, 2, "stated by the caller (no source given)")
        return row + 1
    sheet.put(row, 1, "source")
    sheet.put(row, 2, f"{source.document}, {source.section} ({source.year})")
    sheet.put(row + 1, 1, "verified against the source")
    if source.verified:
        sheet.put(row + 1, 2, "yes")
    else:
        sheet.put(row + 1, 2, NOT_VERIFIED, "warning")
    return row + 2


def _general(sheet: SheetPlan, appraisal: Appraisal, row: int) -> tuple[int, str]:
    sheet.put(row, 1, "The appraisal", "section")
    before = (
        "compounded forward to the base year (allow_before_base)"
        if appraisal.allow_before_base
        else "refused"
    )
    fixed = [
        ("appraisal", appraisal.name),
        ("base year", f"{appraisal.base_year} (fixed: the Factors sheet counts years from it)"),
        ("price base", f"{appraisal.price_base} prices, as stated"),
        ("horizon", str(appraisal.horizon)),
        ("currency", appraisal.currency),
        ("flows before the base year", before),
    ]
    for offset, (name, value) in enumerate(fixed, start=1):
        sheet.put(row + offset, 1, name)
        sheet.put(row + offset, 2, value)
    row += len(fixed) + 1
    sheet.put(row, 1, "unclassified benefits counted as")
    treat = appraisal.treat_unclassified
    treatment = sheet.put(row, 2, "unclassified" if treat is None else treat.value, "choice_input")
    sheet.put(row, 3, _TREATMENT_NOTE, "note")
    sheet.choices.append((cell_ref(None, row, 2, absolute=False), ",".join(TREATMENT_CHOICES)))
    return row + 2, treatment


def _schedule(sheet: SheetPlan, appraisal: Appraisal, row: int) -> tuple[int, str, str]:
    schedule = appraisal.schedule
    sheet.put(row, 1, f"Discount schedule: {schedule.name}", "section")
    row = _source_rows(sheet, row + 1, schedule.source)
    sheet.put_row(row, ["first year offset", "last year offset", "rate"], "header")
    first = row + 1
    for index, band in enumerate(schedule.bands):
        sheet.put(first + index, 1, band.first, "number")
        sheet.put(first + index, 2, "and after" if band.last is None else band.last, "number")
        sheet.put(first + index, 3, band.rate, "rate_input")
    last = first + len(schedule.bands) - 1
    sheet.put(
        last + 1,
        1,
        "Year offset t is a year's distance from the base year; year t (t >= 1) is discounted "
        "at the rate of the band holding t. Change a rate and the factors recompute.",
        "note",
    )
    return (
        last + 3,
        area_ref(ASSUMPTIONS_TITLE, first, 1, last),
        area_ref(ASSUMPTIONS_TITLE, first, 3, last),
    )


def _price_index(sheet: SheetPlan, index: PriceIndex, row: int) -> tuple[int, tuple[str, str]]:
    label = " [illustrative figures]" if index.illustrative else ""
    sheet.put(row, 1, f"Price index: {index.name}{label}", "section")
    row = _source_rows(sheet, row + 1, index.source)
    sheet.put(
        row,
        1,
        "A line in other prices than the price base is multiplied by level(price base) / "
        "level(its price year) (the Lines sheet's price factor). Change a level and it "
        "recomputes.",
        "note",
    )
    sheet.put_row(row + 1, ["financial year", "level"], "header")
    first = row + 2
    for offset, (year, level) in enumerate(index.levels):
        sheet.put(first + offset, 1, str(year))
        sheet.put(first + offset, 2, level, "number_input")
    last = first + len(index.levels) - 1
    return last + 2, (
        area_ref(ASSUMPTIONS_TITLE, first, 1, last),
        area_ref(ASSUMPTIONS_TITLE, first, 2, last),
    )


def _tables(plan: AdjustmentPlan) -> list[OptimismBiasTable]:
    """The optimism bias tables the rules grade by (or would: a rule with no grade can be
    given one), each once."""
    return list(dict.fromkeys(adjustments.table for _, adjustments in rules(plan)))


def _bias_table(sheet: SheetPlan, table: OptimismBiasTable, row: int) -> tuple[int, str]:
    sheet.put(row, 1, f"Optimism bias table: {table.name}", "section")
    row = _source_rows(sheet, row + 1, table.source)
    sheet.put_row(row, ["grade", "cost uplift", "benefit reduction"], "header")
    first = row + 1
    for index, grade in enumerate(table.grades):
        sheet.put(first + index, 1, grade.grade, "number")
        sheet.put(first + index, 2, grade.cost_uplift, "rate_input")
        sheet.put(first + index, 3, grade.benefit_reduction, "rate_input")
    last = first + len(table.grades) - 1
    whole = f"{cell_ref(ASSUMPTIONS_TITLE, first, 1)}:{cell_ref(None, last, 3)}"
    return last + 2, whole


_RULE_HEADERS: Final = (
    "rule",
    "lines",
    "optimism bias table",
    "grade",
    "cost uplift",
    "benefit reduction",
    "deadweight",
    "attribution",
    "cost multiplier",
    "benefit multiplier",
)


def _rule_row(
    sheet: SheetPlan, row: int, name: str, adjustments: Adjustments, *, count: int, area: str
) -> RuleCells:
    grade = adjustments.optimism_bias_grade
    sheet.put(row, 1, name)
    sheet.put(row, 2, count, "number")
    sheet.put(row, 3, adjustments.table.name)
    grade_cell = cell_ref(None, row, 4)
    sheet.put(row, 4, grade, "grade_input")
    grades = ",".join(str(g.grade) for g in adjustments.table.grades)
    sheet.choices.append((cell_ref(None, row, 4, absolute=False), grades))
    for column, which in ((5, 2), (6, 3)):
        sheet.put(
            row,
            column,
            Formula(f'IF({grade_cell}="",0,VLOOKUP({grade_cell},{area},{which},FALSE))'),
            "rate",
        )
    sheet.put(row, 7, adjustments.deadweight, "rate_input")
    sheet.put(row, 8, adjustments.attribution, "rate_input")
    uplift, cut, dead, share = (cell_ref(None, row, c) for c in (5, 6, 7, 8))
    cost = sheet.put(row, 9, Formula(f"1+{uplift}"), "factor")
    benefit = sheet.put(row, 10, Formula(f"(1-{cut})*(1-{dead})*{share}"), "factor")
    return RuleCells(name, adjustments, cost, benefit)


def _rules(
    sheet: SheetPlan, appraisal: Appraisal, row: int, areas: dict[OptimismBiasTable, str]
) -> tuple[int, tuple[RuleCells, ...]]:
    sheet.put(row, 1, "Adjustments", "section")
    sheet.put(
        row + 1,
        1,
        "A line takes its own rule, else its project's, else the default. Costs are "
        "multiplied by 1 + cost uplift; benefits by (1 - benefit reduction) x (1 - deadweight) "
        "x attribution. Change a grade, deadweight or attribution and every figure recomputes.",
        "note",
    )
    sheet.put_row(row + 2, _RULE_HEADERS, "header")
    counts: dict[str, int] = {}
    for line in appraisal.lines:
        counts[line.rule] = counts.get(line.rule, 0) + 1
    found = []
    for offset, (name, adjustments) in enumerate(rules(appraisal.adjustments), start=3):
        found.append(
            _rule_row(
                sheet,
                row + offset,
                name,
                adjustments,
                count=counts.get(name, 0),
                area=areas[adjustments.table],
            )
        )
    return row + 3 + len(found) + 1, tuple(found)


def _weight(weight: Fraction) -> int | Formula:
    if weight.denominator == 1:
        return weight.numerator
    return Formula(f"{weight.numerator}/{weight.denominator}")


def _phasing(sheet: SheetPlan, appraisal: Appraisal, row: int) -> int:
    phasing = appraisal.phasing
    sheet.put(row, 1, "Phasing of open periods (as applied)", "section")
    sheet.put(
        row + 1,
        1,
        "The Lines sheet holds each line's amounts by year after phasing, split by these "
        "weights exactly to the penny (largest remainder): they are values there, so a "
        f"weight changed here changes nothing. Source: {phasing.note or 'stated by the caller'}",
        "note",
    )
    sheet.put_row(row + 2, ["open period", "project", "financial year", "weight"], "header")
    entries: list[tuple[str, str, str, Fraction]] = [
        (key, "every project", str(year), weight)
        for key, weights in phasing.periods
        for year, weight in weights
    ]
    entries += [
        (key, project, str(year), weight)
        for project, table in phasing.projects
        for key, weights in table
        for year, weight in weights
    ]
    row += 3
    if not entries:
        sheet.put(row, 1, "none given (no open period phased)")
        return row + 2
    for offset, (key, project, year, weight) in enumerate(entries):
        sheet.put_row(row + offset, [key, project, year])
        sheet.put(row + offset, 4, _weight(weight), "number")
    return row + len(entries) + 1


def _stated(sheet: SheetPlan, appraisal: Appraisal, row: int) -> int:
    sheet.put(row, 1, "Assumptions as the appraisal states them", "section")
    sheet.put_row(row + 1, ["name", "value", "source", "verified"], "header")
    for offset, assumption in enumerate(appraisal.assumptions(), start=2):
        sheet.put_row(row + offset, [assumption.name, assumption.value, assumption.source])
        if assumption.verified:
            sheet.put(row + offset, 4, "yes")
        else:
            sheet.put(row + offset, 4, NOT_VERIFIED, "warning")
    return row + 2 + len(appraisal.assumptions())


def assumptions_sheet(appraisal: Appraisal) -> tuple[SheetPlan, Anchors]:
    """The Assumptions sheet of ``appraisal`` and the cells other sheets read."""
    sheet = SheetPlan(ASSUMPTIONS_TITLE, freeze="A3")
    sheet.put(1, 1, f"Assumptions: appraisal of {appraisal.name}", "title")
    sheet.put(
        2,
        1,
        "Shaded cells are inputs: change one and the workbook recalculates. The rest is "
        "computed from them, or stated for audit.",
        "note",
    )
    row, treatment = _general(sheet, appraisal, 4)
    row, firsts, rates = _schedule(sheet, appraisal, row)
    levels = None
    if appraisal.price_index is not None:
        row, levels = _price_index(sheet, appraisal.price_index, row)
    areas: dict[OptimismBiasTable, str] = {}
    for table in _tables(appraisal.adjustments):
        row, areas[table] = _bias_table(sheet, table, row)
    row, found = _rules(sheet, appraisal, row, areas)
    row = _phasing(sheet, appraisal, row)
    _stated(sheet, appraisal, row)
    sheet.widths.update({1: 36, 2: 20, 3: 26, **{c: 14 for c in range(4, 11)}})
    return sheet, Anchors(treatment, firsts, rates, found, levels)
