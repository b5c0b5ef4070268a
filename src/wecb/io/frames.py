"""Rows out to Arrow, pandas and polars, money as exact decimals (extras ``arrow``,
``pandas`` and ``polars``).

Every result has the same three as methods (``result.to_pandas()``, ``result.to_arrow()``,
``result.to_polars()``, from :class:`~wecb.core.table.Tabular`); these functions take any
rows (a list of mappings, or an object with ``rows()``), and :mod:`wecb.io` re-exports them.
Both go through one engine, so a result and its rows give the same frame.

**Columns** take their type from their cells, never from their names:

* money (:class:`~wecb.core.money.Money` cells, one currency per column): Arrow
  ``decimal128(p, s)``, ``s`` the most decimal places of the column's amounts (trailing
  zeros aside, at least 2) and ``p`` the fewest digits that hold the widest amount (at most
  38), leaving room for arithmetic (Arrow's sums are ``decimal128(38, s)``). pandas gets
  ``pd.ArrowDtype(decimal128(p, s))`` (exact) or, with ``numeric="float"``, ``float64``
  for plotting, with a note in ``df.attrs["note"]`` that they are for display; polars
  gets ``pl.Decimal(p, s)``. Multiply by a ``Decimal`` (``df["net"] * Decimal("1.035")``)
  to stay exact: pandas turns a product with a float into floats.
  An amount that needs more than 38 digits (``Money("10") / 3``) raises
  :class:`~wecb.errors.ExportError` naming the column and value: round it, or pass
  ``places=N`` to round every decimal column half-even to ``N`` places (recorded in the
  metadata). wecb never rounds money silently.
* plain numbers (``Decimal``, ``Fraction``, ``int``: ratios, counts): ``int64`` when every
  cell is an ``int``, else ``decimal128`` as for money (at least 0 places). A ratio held
  to more digits than 38 (a benefit-cost ratio is a quotient carried to 60 digits) or with
  no finite decimal form (``Fraction(1, 3)``) is rounded half-even to the places that fit,
  and the column and places are recorded (``df.attrs["rounded"]``, the schema's
  ``wecb.rounded``).
* periods (:class:`~wecb.core.periods.FinancialYear` or
  :class:`~wecb.core.periods.OpenPeriod` cells, or text that is all financial-year labels
  ``"2012/13"`` and open-period keys ``"further_implementation"`` with at least one year,
  as results' rows give them): an ordered categorical of the labels, financial years in
  order and open buckets last (pandas ``CategoricalDtype(ordered=True)``; Arrow an ordered
  ``dictionary`` whose dictionary holds the order, also in the schema's ``wecb.periods``;
  polars ``pl.Enum``).
* ``bool``, dates (``date32``), text (an enumeration as its value); a column whose cells
  mix kinds (an appraisal's rows hold money, ratios and the payback year in one column)
  is text, each cell its exact plain text. Floats are refused.

**Metadata**: pandas ``df.attrs`` holds ``currencies`` (column to currency code),
``assumptions`` (records ``{"name", "value", "source", "verified"}``; ``Assumption(**r)``
rebuilds one), ``numeric`` and, where they apply, ``note``, ``places`` and ``rounded``.
Arrow keeps the same as JSON in the schema metadata (keys ``wecb.currencies``,
``wecb.assumptions``, ``wecb.periods``, ``wecb.places``, ``wecb.rounded``) and each money
field's currency in its field metadata (``wecb.currency``). polars frames hold no metadata
(polars has none): take the currencies and assumptions from the Arrow table or the result.

>>> from wecb.core.money import Money
>>> rows = [{"period": "2013/14", "net": Money("12.5")},
...         {"period": "further_implementation", "net": Money("-3")},
...         {"period": "2012/13", "net": Money("0.125")}]
>>> table = to_arrow(rows)
>>> str(table.schema.field("net").type), table.column("net").to_pylist()
('decimal128(5, 3)', [Decimal('12.500'), Decimal('-3.000'), Decimal('0.125')])
>>> table.column("period").type.value_type, table.column("period").type.ordered
(DataType(string), True)
>>> df = to_pandas(rows)
>>> list(df["period"].cat.categories), df.attrs["currencies"]
(['2012/13', '2013/14', 'further_implementation'], {'net': 'GBP'})
>>> df["net"].sum()
Decimal('9.625')
>>> to_polars(rows).schema["period"]
Enum(categories=['2012/13', '2013/14', 'further_implementation'])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Literal

from wecb.core._frame_columns import frame_columns
from wecb.core._frames import (
    arrow_table,
    pandas_frame,
    polars_frame,
    prepare_pandas,
    prepare_polars,
)
from wecb.core.assumptions import assumptions_of
from wecb.core.table import HasRows, records_of
from wecb.io.rows import Rows

if TYPE_CHECKING:
    import pandas
    import polars
    import pyarrow

__all__ = ["to_arrow", "to_pandas", "to_polars"]


def to_arrow(
    data: Rows,
    *,
    columns: Sequence[str] | None = None,
    money: Mapping[str, str] | None = None,
    places: int | None = None,
) -> pyarrow.Table:
    """The rows as an Arrow table (extra ``arrow``), money as exact ``decimal128`` (see the
    module notes).

    ``columns`` chooses and orders the columns (default: every key, first seen first);
    ``money`` maps a column of bare ``Decimal`` or ``int`` amounts to its currency;
    ``places`` rounds every decimal column half-even to that many places (default: none,
    and money that does not fit 38 digits raises).
    """
    source = data.rows() if isinstance(data, HasRows) else data
    assumptions = assumptions_of(source) or assumptions_of(data)
    columns_ = frame_columns(records_of(source), columns=columns, money=money)
    return arrow_table(columns_, assumptions, places=places)


def to_pandas(
    data: Rows,
    *,
    columns: Sequence[str] | None = None,
    money: Mapping[str, str] | None = None,
    numeric: Literal["exact", "float"] = "exact",
    places: int | None = None,
) -> pandas.DataFrame:
    """The rows as a pandas DataFrame (extra ``pandas``, which needs pyarrow): exact
    ``ArrowDtype(decimal128)`` money, or ``numeric="float"`` for ``float64`` columns that
    are for display (plotting) only; periods an ordered categorical; the currencies and
    assumptions in ``df.attrs`` (see the module notes). The other arguments are as for
    :func:`to_arrow`.

    The frame is a ``pandas.DataFrame`` in every respect but one: pandas' own
    ``describe()`` fails on decimal columns, so its ``describe()`` summarises them as
    floats, as pandas summarises integers.
    """
    prepare_pandas(numeric)
    table = to_arrow(data, columns=columns, money=money, places=places)
    return pandas_frame(table, numeric)


def to_polars(
    data: Rows,
    *,
    columns: Sequence[str] | None = None,
    money: Mapping[str, str] | None = None,
    places: int | None = None,
) -> polars.DataFrame:
    """The rows as a polars DataFrame (extra ``polars``): ``pl.Decimal`` money, periods a
    ``pl.Enum`` in order (see the module notes; polars frames hold no metadata). The
    arguments are as for :func:`to_arrow`."""
    prepare_polars()
    return polars_frame(to_arrow(data, columns=columns, money=money, places=places))
