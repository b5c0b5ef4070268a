"""Rows out to a pandas DataFrame (extra ``pandas``), money as exact ``Decimal``.

Moved here from :mod:`wecb.io.rows`, which normalises the cells (:func:`~wecb.io.rows.plain_rows`)
and writes CSV and JSON; :mod:`wecb.io` re-exports :func:`to_dataframe`.

A money column holds ``Decimal`` objects (``object`` dtype), not floats, so
``df["net"].sum()`` is exact; the currency of each money column is in
``df.attrs["currencies"]``. Convert to float yourself if you want speed over exactness.

The assumptions the rows carry (see :mod:`wecb.core.assumptions`) are in
``df.attrs["assumptions"]``: a list of records ``{"name", "value", "source", "verified"}``,
empty when there are none; ``Assumption(**record)`` rebuilds each.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from wecb._optional import require
from wecb.core.money import Money
from wecb.io._assumptions import assumption_record
from wecb.io._columns import column_names, money_columns
from wecb.io.rows import Rows, plain_rows

if TYPE_CHECKING:
    import pandas

__all__ = ["to_dataframe"]


def to_dataframe(
    data: Rows,
    *,
    columns: Sequence[str] | None = None,
    money: Mapping[str, str] | None = None,
) -> pandas.DataFrame:
    """The rows as a pandas DataFrame (extra ``pandas``) with exact ``Decimal`` money.

    Money columns hold ``Decimal`` amounts (``object`` dtype); their currencies are in
    ``df.attrs["currencies"]`` and the assumptions the rows carry in
    ``df.attrs["assumptions"]`` (see the module notes). Other cells are as
    :func:`~wecb.io.rows.plain_cell` gives them.
    """
    pd = require("pandas", "pandas", "a DataFrame export")
    rows = plain_rows(data, money=money)
    names = column_names(rows, columns)
    currencies = money_columns(rows, names)
    table: dict[str, list[object]] = {}
    for name in names:
        cells: list[object] = []
        for row in rows:
            cell = row.get(name)
            cells.append(cell.amount if isinstance(cell, Money) else cell)
        table[name] = cells
    frame = pd.DataFrame({n: pd.Series(v, dtype=object) for n, v in table.items()}, columns=names)
    frame.attrs["currencies"] = dict(currencies)
    frame.attrs["assumptions"] = [assumption_record(a) for a in rows.assumptions]
    return frame
