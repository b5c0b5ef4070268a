"""The periods of a published cost-benefit table's columns.

The Whole Essex Community Budget business cases (2012) print three cost columns (to March
2013, the year 2013/14, further implementation) and place their benefits over the whole
appraisal horizon. Two of the cost columns and the horizon are not one financial year, so
they are :class:`~wecb.core.periods.OpenPeriod` buckets, which a programme holding such
tables lists in ``Programme.periods`` (:data:`TABLE_OPEN_PERIODS`).
:class:`~wecb.model.tables.CostBenefitTable` takes these as its defaults.

>>> [str(p) for p in DEFAULT_COST_PERIODS]
["To Mar '13", '2013/14', 'Further implementation']
"""

from __future__ import annotations

from typing import Final

from wecb.core.periods import FinancialYear, OpenPeriod, Period

__all__ = [
    "APPRAISAL_HORIZON",
    "DEFAULT_COST_PERIODS",
    "FURTHER_IMPLEMENTATION",
    "TABLE_OPEN_PERIODS",
    "TO_MAR_2013",
    "TO_MAR_2014",
]

# "To Mar '13" also holds spend before 2012/13 (the Essex programme began in January 2012),
# so it is an open bucket ending with 2012/13; the three cost columns add up to the cashable
# column (FBC2, FBC3), so they are disjoint and "To Mar '14" is the year 2013/14 alone.
#: The first cost column: all spend up to the end of March 2013.
TO_MAR_2013 = OpenPeriod(key="to_mar_2013", label="To Mar '13", until=FinancialYear(2012))
#: The second cost column: the financial year 2013/14.
TO_MAR_2014 = FinancialYear(2013)
#: The third cost column: spend after 2013/14.
FURTHER_IMPLEMENTATION = OpenPeriod(
    key="further_implementation", label="Further implementation", after=FinancialYear(2013)
)
#: The cost columns in order: the default cost_periods of the table and its constructors.
DEFAULT_COST_PERIODS: Final[tuple[Period, Period, Period]] = (
    TO_MAR_2013,
    TO_MAR_2014,
    FURTHER_IMPLEMENTATION,
)
#: The whole horizon of a table's benefits, which the tables do not phase by year.
APPRAISAL_HORIZON = OpenPeriod(key="appraisal_horizon", label="Appraisal horizon")
#: The open periods a programme must list to hold tables with the default columns.
TABLE_OPEN_PERIODS: tuple[OpenPeriod, ...] = (
    TO_MAR_2013,
    FURTHER_IMPLEMENTATION,
    APPRAISAL_HORIZON,
)
