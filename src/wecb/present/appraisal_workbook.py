"""The auditable appraisal workbook: an appraisal as an ``.xlsx`` whose figures are live
formulas (extra ``xlsx``).

:func:`write_appraisal_workbook` writes an :class:`~wecb.appraisal.record.Appraisal` so that
an analyst can audit, in the spreadsheet they trust, how each figure was reached, and change
an assumption and see every figure recompute:

* **Headline**: the appraisal's summary table, row for row as
  :meth:`Appraisal.rows <wecb.appraisal.record.Appraisal.rows>` gives it: present values of
  costs by type and of benefits by value type, the financial case (net present budget
  impact, financial return on investment, payback year), its cashable variant and the
  economic case (net present public value, benefit-cost ratio), each undiscounted and as a
  present value, before and after adjustments. Every figure is a formula.
* **Assumptions**: the inputs, shaded: the treatment of unclassified benefits, the discount
  schedule's rates by year-offset band, the optimism bias tables' percentages, and each
  adjustment rule's grade, deadweight and attribution (its multipliers are formulas). Also,
  for audit: base year, price base, horizon, the phasing as applied, and every assumption
  the appraisal states, with its source and whether it is verified.
* **Lines**: each appraised line by financial year in pounds and pence (numbers, after
  phasing), its adjustment multiplier (a formula over the Assumptions sheet), its adjusted
  amounts (formulas), and totals and present values, unadjusted and adjusted. A line in
  other prices than the price base is its amounts as given times its price factor, a
  formula over the price index's levels on the Assumptions sheet; a business-as-usual
  (counterfactual) line counts negated, as the appraisal counts it, and takes no
  adjustment. A line whose adjusted amounts no rule's multiplier reproduces exactly keeps
  them as values, and says so in its multiplier cell.
* **Factors**: each year's rate (looked up from the bands) and discount factor (a formula
  from the rates).
* **By year**: adjusted costs and benefits by year, cumulative net fiscal value undiscounted
  and discounted, and where it pays back.

Every table has a frozen header and an autofilter, and a totals row (``SUBTOTAL``, so a
filter shows the totals of the rows it keeps); every money cell is formatted ``£#,##0``
(the currency's symbol, or its code). The phased amounts are values: the phasing splits
each amount to whole pennies by largest remainder, which the workbook states but does not
redo.

Agreement with wecb: a spreadsheet computes in binary floating point, wecb exactly (each
discount factor rounded once to 28 significant digits). Recalculated by LibreOffice
(headless, recalculation forced on load), every headline figure, rounded half-even to the
penny, equals wecb's exact figure rounded the same way, and the two differ by less than half
a penny; ratios agree to a relative 1e-9 and payback years exactly. wecb's test suite checks
this for the Essex programme (with the documentation's illustrative phasing; without and
with adjustments; with unclassified benefits treated as fiscal; discounted to a later base
year), for the street triage example (also with a business-as-usual line, and rebased from
other prices), for generated programmes, and after editing a discount rate, the treatment
of unclassified benefits and an optimism bias grade in the workbook.

>>> import tempfile, pathlib, wecb
>>> from wecb.appraisal import Phasing
>>> from wecb.core.periods import FinancialYear
>>> essex = wecb.datasets.essex_2012()
>>> fy = FinancialYear
>>> phasing = (Phasing.even("further_implementation", fy(2014), fy(2016))
...     .with_period("to_mar_2013", {fy(2012): 1})
...     .with_period("appraisal_horizon", dict.fromkeys(fy.range(fy(2014), fy(2018)), 1)))
>>> appraisal = wecb.appraise(essex, base_year=fy(2012), price_base=fy(2012), phasing=phasing)
>>> with tempfile.TemporaryDirectory() as folder:
...     path = write_appraisal_workbook(appraisal, pathlib.Path(folder) / "essex.xlsx")
...     import openpyxl
...     book = openpyxl.load_workbook(path)
...     headline = book["Headline"]
>>> book.sheetnames
['Headline', 'Assumptions', 'Lines', 'Factors', 'By year']
>>> headline["B18"].value, headline["F18"].value  # the PV, adjusted: fiscal benefits - costs
('net present budget impact', '=F17-F10')
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from wecb.core._validators import require_instance
from wecb.io._atomic import checked_path, export_error, write_atomic

if TYPE_CHECKING:
    from wecb.appraisal.record import Appraisal
    from wecb.present._workbook_sheets import SheetPlan

__all__ = ["write_appraisal_workbook"]


def appraisal_sheets(appraisal: Appraisal) -> list[SheetPlan]:
    """The sheets of the workbook, in order (Headline first)."""
    # Imported here: the appraisal package brings numpy and pint, which `import wecb.present`
    # (the summary) must not.
    from wecb.present._workbook_assumptions import assumptions_sheet  # noqa: PLC0415
    from wecb.present._workbook_headline import by_year_sheet, headline_sheet  # noqa: PLC0415
    from wecb.present._workbook_lines import factors_sheet, lines_sheet  # noqa: PLC0415

    assumptions, anchors = assumptions_sheet(appraisal)
    factors, factor_cells = factors_sheet(appraisal, anchors)
    lines, layout = lines_sheet(appraisal, anchors, factor_cells)
    by_year, paybacks = by_year_sheet(appraisal, layout, factor_cells)
    headline = headline_sheet(appraisal, anchors, layout, paybacks)
    return [headline, assumptions, lines, factors, by_year]


def write_appraisal_workbook(appraisal: Appraisal, path: str | os.PathLike[str]) -> Path:
    """Write ``appraisal`` to ``path`` as the auditable workbook (see the module notes).

    The file is replaced whole or not at all (as every wecb writer does); a failure raises
    :class:`~wecb.errors.ExportError` naming the file, or the sheet, row and column of a
    value a spreadsheet cannot hold exactly. Returns the path as given.
    """
    from wecb.appraisal.record import Appraisal  # noqa: PLC0415 -- see appraisal_sheets
    from wecb.present._workbook_sheets import render_workbook  # noqa: PLC0415

    require_instance("write_appraisal_workbook appraisal", appraisal, Appraisal, "an Appraisal")
    file = checked_path(path, export_error)
    data = render_workbook(appraisal_sheets(appraisal), appraisal.currency)
    return write_atomic(file, data, error=export_error)
