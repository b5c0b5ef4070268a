"""Exact values: money, financial years and open periods, exact numbers, tables.

Only the standard library and attrs are imported here, so the values stay cheap to
import and to use.
"""

from wecb.core.money import Money
from wecb.core.periods import FinancialYear, OpenPeriod, Period, parse_period, period_sort_key
from wecb.core.table import Column, Table

__all__ = [
    "Column",
    "FinancialYear",
    "Money",
    "OpenPeriod",
    "Period",
    "Table",
    "parse_period",
    "period_sort_key",
]
