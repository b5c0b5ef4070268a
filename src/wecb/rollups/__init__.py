"""Rollups: totals of a programme's cash flows grouped any way an analyst asks.

:func:`rollup` groups the cash-flow lines of a programme (or of ``(project, flow)``
pairs, or of prepared :class:`Lines`) by any combination of the dimensions in
:data:`DIMENSIONS` and returns a :class:`Rollup`: costs, benefits and net benefit per
group, with subtotals at every level and a total, exact to the penny. One engine, two
paths (exact ``Decimal`` objects, or ``int64`` minor-unit columns where that is proved
exact); see :mod:`wecb.rollups.engine`.

numpy is imported only when the columnar path runs, never by ``import wecb.rollups``.
"""

from __future__ import annotations

from wecb.rollups.dimensions import ALIASES, DIMENSIONS, UNATTRIBUTED, Catalogue, Key, KeyValue
from wecb.rollups.engine import COLUMNAR_THRESHOLD, Engine, Source, rollup
from wecb.rollups.lines import MINOR_UNIT_BOUND, Lines
from wecb.rollups.result import Rollup, Totals

__all__ = [
    "ALIASES",
    "COLUMNAR_THRESHOLD",
    "DIMENSIONS",
    "MINOR_UNIT_BOUND",
    "UNATTRIBUTED",
    "Catalogue",
    "Engine",
    "Key",
    "KeyValue",
    "Lines",
    "Rollup",
    "Source",
    "Totals",
    "rollup",
]
