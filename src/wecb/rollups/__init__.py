"""Rollups: totals of a programme's cash flows grouped any way an analyst asks.

:func:`rollup` groups the cash-flow lines of a programme (or of ``(project, flow)``
pairs, or of prepared :class:`Lines`) by any combination of the dimensions in
:data:`DIMENSIONS` and returns a :class:`Rollup`: costs, benefits and net benefit per
group (:class:`Totals`), with subtotals at every level and a total, exact to the penny.
One engine, two paths (exact ``Decimal`` objects, or ``int64`` minor-unit columns where
that is proved exact); see :mod:`wecb.rollups.engine`.

Modules: :mod:`~wecb.rollups.dimensions` (names, values, order and labels),
:mod:`~wecb.rollups.records` (one line as a record, read by both paths),
:mod:`~wecb.rollups.lines` (columnar lines), :mod:`~wecb.rollups.engine`,
:mod:`~wecb.rollups.totals` and :mod:`~wecb.rollups.result`.

numpy is imported only when lines are built or the columnar path runs (by the private
``_columns`` and ``_columnar`` modules), never by ``import wecb.rollups``.
"""

from __future__ import annotations

from wecb.rollups.dimensions import DIMENSIONS, UNATTRIBUTED, Catalogue
from wecb.rollups.engine import rollup
from wecb.rollups.lines import Lines
from wecb.rollups.result import Rollup
from wecb.rollups.totals import Totals

__all__ = [
    "DIMENSIONS",
    "UNATTRIBUTED",
    "Catalogue",
    "Lines",
    "Rollup",
    "Totals",
    "rollup",
]
