"""The pandas side of the frames engine (private to wecb; imported only when a result's
``to_pandas()`` or :func:`wecb.io.to_pandas` runs, since pandas is an optional extra).

pandas 3.1's own ``describe()`` fails on ``ArrowDtype(decimal128)`` columns (it builds a
float series from the column's ``Decimal`` minimum and maximum), so the frame is a thin
``pandas.DataFrame`` subclass whose only change is a ``describe()`` that summarises decimal
columns as ``float64[pyarrow]``, as pandas summarises integers as floats. Everything else
(and ``isinstance(df, pandas.DataFrame)``) is pandas' own.
"""

from __future__ import annotations

from typing import Any, Final, Literal

import pandas as pd
import pyarrow as pa

__all__ = ["FLOAT_NOTE", "ExactFrame", "ExactSeries", "exact_frame"]

#: What ``df.attrs["note"]`` says of a frame with float columns.
FLOAT_NOTE: Final = (
    "float64 columns are for display (plotting): each amount is the nearest float, not the "
    "exact amount; use numeric='exact' (the default) to compute"
)


def _is_decimal(dtype: object) -> bool:
    return isinstance(dtype, pd.ArrowDtype) and pa.types.is_decimal(dtype.pyarrow_dtype)


def _as_floats(frame: pd.DataFrame) -> pd.DataFrame:
    decimals = {n: "float64[pyarrow]" for n, t in frame.dtypes.items() if _is_decimal(t)}
    return frame.astype(decimals) if decimals else frame


class ExactSeries(pd.Series):  # type: ignore[misc]  # pandas has no type stubs here
    """A column of an :class:`ExactFrame`: ``describe()`` works on decimal columns."""

    @property
    def _constructor(self) -> type[ExactSeries]:
        return ExactSeries

    @property
    def _constructor_expanddim(self) -> type[ExactFrame]:
        return ExactFrame

    def describe(self, *args: Any, **kwargs: Any) -> pd.Series:
        """pandas' ``describe()``, a decimal column summarised as floats."""
        plain = pd.Series(self)
        if _is_decimal(plain.dtype):
            plain = plain.astype("float64[pyarrow]")
        return plain.describe(*args, **kwargs)


class ExactFrame(pd.DataFrame):  # type: ignore[misc]  # pandas has no type stubs here
    """A ``pandas.DataFrame`` whose ``describe()`` works on exact decimal columns."""

    @property
    def _constructor(self) -> type[ExactFrame]:
        return ExactFrame

    @property
    def _constructor_sliced(self) -> type[ExactSeries]:
        return ExactSeries

    def describe(self, *args: Any, **kwargs: Any) -> pd.DataFrame:
        """pandas' ``describe()``, decimal columns summarised as floats."""
        return _as_floats(pd.DataFrame(self)).describe(*args, **kwargs)


def _exact_types(kind: pa.DataType) -> pd.api.extensions.ExtensionDtype | None:
    if pa.types.is_decimal(kind) or pa.types.is_integer(kind) or pa.types.is_boolean(kind):
        return pd.ArrowDtype(kind)
    return None


def exact_frame(
    table: pa.Table, numeric: Literal["exact", "float"], meta: dict[str, Any]
) -> ExactFrame:
    """A pandas DataFrame of an Arrow table from :func:`~wecb.core._frames.arrow_table`
    (``meta`` its decoded wecb metadata): decimals as ``ArrowDtype(decimal128)``
    (``numeric="exact"``) or ``float64`` (``numeric="float"``), periods ordered
    categoricals; ``df.attrs`` holds the currencies, the assumptions, ``numeric`` and, for
    floats, a note that they are for display."""
    if numeric == "float":
        table = table.cast(
            pa.schema(
                [
                    f.with_type(pa.float64()) if pa.types.is_decimal(f.type) else f
                    for f in table.schema
                ],
                metadata=table.schema.metadata,
            )
        )
    frame = ExactFrame(table.to_pandas(types_mapper=_exact_types))
    frame.attrs["currencies"] = meta.get("currencies", {})
    frame.attrs["assumptions"] = meta.get("assumptions", [])
    frame.attrs["numeric"] = numeric
    if meta.get("places") is not None:
        frame.attrs["places"] = meta["places"]
    if meta.get("rounded"):
        frame.attrs["rounded"] = meta["rounded"]
    if numeric == "float":
        frame.attrs["note"] = FLOAT_NOTE
    return frame
