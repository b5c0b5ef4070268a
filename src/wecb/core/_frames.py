"""Rows to Arrow, pandas and polars (private to wecb): the one engine behind every result's
``to_arrow()``, ``to_pandas()`` and ``to_polars()`` (the :class:`FrameExports` methods
:class:`~wecb.core.table.Tabular` inherits) and behind :mod:`wecb.io.frames`. Rows become
typed columns (:mod:`wecb.core._frame_columns`), decimals get their ``decimal128`` type
(:mod:`wecb.core._frame_decimals`), and this module builds the Arrow table, with the
metadata, that the pandas and polars frames are made from.

What each column becomes, and the metadata beside it, is set out in :mod:`wecb.io.frames`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs

from wecb._optional import require
from wecb.core._frame_columns import FrameColumn, frame_columns
from wecb.core._frame_decimals import decimal_column
from wecb.core.assumptions import Assumption, assumptions_of
from wecb.errors import ValidationError, WecbTypeError

if TYPE_CHECKING:
    import pandas
    import polars
    import pyarrow

__all__ = [
    "FrameExports",
    "arrow_table",
    "pandas_frame",
    "polars_frame",
    "prepare_pandas",
    "prepare_polars",
]

#: Schema metadata keys of an Arrow table (JSON values).
CURRENCIES_KEY: Final = b"wecb.currencies"
ASSUMPTIONS_KEY: Final = b"wecb.assumptions"
PERIODS_KEY: Final = b"wecb.periods"
PLACES_KEY: Final = b"wecb.places"
ROUNDED_KEY: Final = b"wecb.rounded"
#: Field metadata of a column of plain numbers rounded to fit: the places kept.
ROUNDED_FIELD: Final = b"wecb.rounded_to_places"


def _arrow_column(
    pa: Any, column: FrameColumn, places: int | None
) -> tuple[pyarrow.Field, pyarrow.Array]:
    metadata: dict[bytes, bytes] = {}
    if column.kind in ("money", "decimal"):
        values, precision, scale, rounded = decimal_column(column, places)
        array = pa.array(values, type=pa.decimal128(precision, scale))
        if rounded:
            metadata[ROUNDED_FIELD] = str(scale).encode()
        if column.currency is not None:
            metadata[b"wecb.currency"] = column.currency.encode()
    elif column.kind == "period":
        index = {label: i for i, label in enumerate(column.order)}
        codes = pa.array([None if c is None else index[str(c)] for c in column.cells], pa.int32())
        array = pa.DictionaryArray.from_arrays(
            codes, pa.array(column.order, pa.string()), ordered=True
        )
        metadata[b"wecb.order"] = b"financial years in order, then open buckets"
    else:
        types = {
            "int": pa.int64(),
            "bool": pa.bool_(),
            "date": pa.date32(),
            "text": pa.string(),
            "null": pa.null(),
        }
        array = pa.array(list(column.cells), type=types[column.kind])
    return pa.field(column.name, array.type, metadata=metadata or None), array


def _record(assumption: Assumption) -> dict[str, object]:
    return attrs.asdict(assumption)


def arrow_table(
    columns: Sequence[FrameColumn],
    assumptions: Iterable[Assumption] = (),
    *,
    places: int | None = None,
) -> pyarrow.Table:
    """An Arrow table of ``columns`` (extra ``arrow``), its schema metadata holding the
    currencies, the assumptions, the period orders and any ``places`` (JSON)."""
    if places is not None and (
        isinstance(places, bool) or not isinstance(places, int) or not 0 <= places <= 38
    ):
        raise ValidationError.not_accepted("places", places, "a whole number from 0 to 38")
    pa = require("pyarrow", "arrow", "an Arrow table")
    fields, arrays = [], []
    for column in columns:
        field, array = _arrow_column(pa, column, places)
        fields.append(field)
        arrays.append(array)
    metadata: dict[bytes, object] = {
        CURRENCIES_KEY: {c.name: c.currency for c in columns if c.currency is not None},
        ASSUMPTIONS_KEY: [_record(a) for a in assumptions],
        PERIODS_KEY: {c.name: list(c.order) for c in columns if c.kind == "period"},
        PLACES_KEY: places,
    }
    metadata[ROUNDED_KEY] = {
        f.name: int(f.metadata[ROUNDED_FIELD])
        for f in fields
        if f.metadata and ROUNDED_FIELD in f.metadata
    }
    encoded = {key: json.dumps(value).encode() for key, value in metadata.items()}
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields, metadata=encoded))


def metadata_of(table: pyarrow.Table) -> dict[str, Any]:
    """The wecb schema metadata of an Arrow table from :func:`arrow_table`, decoded."""
    raw = table.schema.metadata or {}
    keys = {
        "currencies": CURRENCIES_KEY,
        "assumptions": ASSUMPTIONS_KEY,
        "periods": PERIODS_KEY,
        "places": PLACES_KEY,
        "rounded": ROUNDED_KEY,
    }
    return {name: json.loads(raw[key]) for name, key in keys.items() if key in raw}


# -- pandas and polars -----------------------------------------------------------------


def prepare_pandas(numeric: object) -> None:
    """Check ``numeric`` and that pandas and pyarrow (which it needs here) are installed,
    else raise :class:`~wecb.errors.MissingExtraError` naming the ``pandas`` extra."""
    if numeric not in ("exact", "float"):
        raise ValidationError.not_accepted("numeric", numeric, "'exact' or 'float'")
    for module in ("pandas", "pyarrow"):
        require(module, "pandas", "a pandas DataFrame")


def pandas_frame(table: pyarrow.Table, numeric: Literal["exact", "float"]) -> pandas.DataFrame:
    """A pandas DataFrame of an Arrow table from :func:`arrow_table` (extra ``pandas``; see
    ``wecb.core._pandas_frame``)."""
    prepare_pandas(numeric)
    from wecb.core._pandas_frame import exact_frame  # noqa: PLC0415 - pandas is an extra

    return exact_frame(table, numeric, metadata_of(table))


# -- polars -----------------------------------------------------------------------------


def prepare_polars() -> None:
    """Raise :class:`~wecb.errors.MissingExtraError` naming the ``polars`` extra unless
    polars and pyarrow (which it needs here) are installed."""
    for module in ("polars", "pyarrow"):
        require(module, "polars", "a polars DataFrame")


def polars_frame(table: pyarrow.Table) -> polars.DataFrame:
    """A polars DataFrame of an Arrow table from :func:`arrow_table` (extra ``polars``):
    decimals as ``pl.Decimal``, each period column a ``pl.Enum`` in its order. polars
    frames hold no metadata: the currencies and assumptions stay on the Arrow table."""
    pl = require("polars", "polars", "a polars DataFrame")
    frame: polars.DataFrame = pl.from_arrow(table)
    periods = metadata_of(table).get("periods", {})
    if periods:
        frame = frame.with_columns(
            pl.col(name).cast(pl.Enum(order)) for name, order in periods.items()
        )
    return frame


# -- the methods every result inherits --------------------------------------------------


def _result_rows(result: object) -> tuple[list[dict[str, object]], tuple[Assumption, ...]]:
    """A result's ``rows()``; for one without, the records of its one table."""
    method: Callable[[], Iterable[Mapping[str, object]]] | None = getattr(result, "rows", None)
    if method is not None:
        rows: Iterable[Mapping[str, object]] = method()
    else:
        tables = getattr(result, "tables")()  # noqa: B009 - every result has tables()
        if len(tables) != 1:
            name = type(result).__name__
            raise WecbTypeError(
                f"{name} shows {len(tables)} tables and has no rows(); make a frame of each: "
                "[wecb.io.to_pandas(t.records()) for t in result.tables()]"
            )
        rows = tables[0].records()
    assumptions = assumptions_of(rows) or assumptions_of(result)
    return [dict(row) for row in rows], assumptions


class FrameExports:
    """``to_arrow()``, ``to_pandas()`` and ``to_polars()`` for a result: its ``rows()``
    as typed columns (see :mod:`wecb.io.frames` for what each gives)."""

    __slots__ = ()

    def to_arrow(self, *, places: int | None = None) -> pyarrow.Table:
        """The result's rows as an Arrow table (extra ``arrow``): exact ``decimal128``
        money, periods an ordered dictionary; the currencies and assumptions in the schema
        metadata. ``places`` rounds every decimal column half-even (see
        :func:`wecb.io.to_arrow`)."""
        rows, assumptions = _result_rows(self)
        return arrow_table(frame_columns(rows), assumptions, places=places)

    def to_pandas(
        self, numeric: Literal["exact", "float"] = "exact", *, places: int | None = None
    ) -> pandas.DataFrame:
        """The result's rows as a pandas DataFrame (extra ``pandas``): exact
        ``ArrowDtype(decimal128)`` money by default, ``numeric="float"`` for float64
        columns to plot (display only); periods an ordered categorical (see
        :func:`wecb.io.to_pandas`)."""
        prepare_pandas(numeric)
        return pandas_frame(self.to_arrow(places=places), numeric)

    def to_polars(self, *, places: int | None = None) -> polars.DataFrame:
        """The result's rows as a polars DataFrame (extra ``polars``): ``pl.Decimal``
        money, periods a ``pl.Enum`` in order (see :func:`wecb.io.to_polars`)."""
        prepare_polars()
        return polars_frame(self.to_arrow(places=places))
