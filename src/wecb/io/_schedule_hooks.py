"""The cell form of milestone dates (private to :mod:`wecb.io`; the plain form, text as
precise as the source, is read by ``wecb.io._value_hooks``)."""

from __future__ import annotations

import datetime

from wecb.errors import ParseError
from wecb.io._sheet_cells import CellError, SheetCell, read_cell_text
from wecb.model.milestones import MilestoneDate

__all__ = ["read_milestone_date"]


def read_milestone_date(cell: SheetCell) -> MilestoneDate:
    """A milestone date from a workbook cell: text ``2012-10-30``, ``2012-10`` or ``2012``
    (a year typed as a number stands for its digits), or a date cell (a day)."""
    value = cell.value
    if isinstance(value, datetime.datetime):
        if value.time() != datetime.time():
            raise CellError(f"the cell holds {cell.shown()}, a time of day; expected a date")
        return MilestoneDate.of(value.date())
    if isinstance(value, datetime.date) and cell.formula is None:
        return MilestoneDate.of(value)
    text = read_cell_text(cell)
    try:
        return MilestoneDate.parse(text)
    except ParseError:
        raise CellError(
            f"the cell holds {cell.shown()}; expected a date as the source gives it: "
            "2012-10-30, 2012-10 or 2012 (type a month as text, after an apostrophe)"
        ) from None
