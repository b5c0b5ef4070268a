"""Programme files in Parquet (private to :mod:`wecb.io`; pyarrow, the ``parquet`` extra).

A lossless format for large programmes: one row per cash flow (every project's ``flows``,
then its ``counterfactual``, in order) with the money as ``decimal128(38, scale)``, exact
(``scale`` the places the amounts need, at least the currency's minor unit; an amount
that does not fit 38 digits is refused), and the rest of the programme as the plain form
of format version 2 (JSON text, with the header) in the file's key-value metadata under
``wecb.programme``. The columns: ``project`` (its key), ``field`` (``flows`` or
``counterfactual``), ``amount``, ``period`` (as a file writes it: ``2014/15`` or an open
period's key), then one column per line attribute (``nature``, ``cost_type``,
``value_type``, ``cashable``, ``payer``, ``beneficiary``, ``stream``, ``label``,
``source``, ``price_year``, ``requires``; ``source`` and ``requires`` as JSON text),
each null where the flow leaves it out.

Reading checks the file as :func:`wecb.io.load` checks text (the size, the number of
values, the metadata's header, depth and fields) and reads each project's flows straight
into columns: each distinct set of attributes is structured once, each distinct period
once, and the amounts converted in one vectorised pass. A project whose rows hold anything
the columns cannot (a bad value, a period twice in a row of the same attributes is fine)
is read as plain lines instead, so every problem is named as for a text file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Final

import numpy as np

from wecb._optional import require
from wecb.errors import LoadError
from wecb.io._parquet_write import ATTRIBUTES, ROW_COLUMNS, row_table
from wecb.model.programme import Programme

__all__ = ["METADATA_KEY", "ROW_COLUMNS", "parquet_body", "parquet_bytes"]

#: The metadata key holding the programme's plain form.
METADATA_KEY: Final = b"wecb.programme"
#: Rows per batch read from a file.
_BATCH: Final = 2**16


def _pa() -> Any:
    return require("pyarrow", "parquet", "reading and writing Parquet programme files")


def _pq() -> Any:
    _pa()
    return require("pyarrow.parquet", "parquet", "reading and writing Parquet programme files")


# -- writing ---------------------------------------------------------------------------------


def parquet_bytes(
    programme: Programme, header: Mapping[str, Any], rest: Mapping[str, Any]
) -> bytes:
    """The Parquet file of ``programme``: ``header`` and ``rest`` (its plain form without the
    projects' flows) in the metadata, the flows as rows (:mod:`wecb.io._parquet_write`)."""
    pa, pq = _pa(), _pq()
    from wecb.io._convert import converter  # noqa: PLC0415 -- the shared converter

    table = row_table(pa, converter(), programme)
    metadata = {METADATA_KEY: json.dumps({**header, **rest}, ensure_ascii=False).encode()}
    table = table.replace_schema_metadata(metadata)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    return bytes(sink.getvalue())


# -- reading ---------------------------------------------------------------------------------


def parquet_body(data: bytes, name: str, max_values: int) -> tuple[str, Any]:
    """The metadata text of the Parquet file ``data`` and its table (checked: the metadata
    present, at most ``max_values`` values, the columns as written)."""
    pa, pq = _pa(), _pq()
    try:
        file = pq.ParquetFile(pa.BufferReader(data))
        rows = file.metadata.num_rows
        width = file.metadata.num_columns
        if rows * max(width, 1) > max_values:
            raise LoadError(
                f"the file holds {rows:,} rows of {width} values, more than the limit of "
                f"{max_values:,} values; pass a larger max_bytes if it is trusted",
                path=name,
            )
        metadata = file.schema_arrow.metadata or {}
        text = metadata.get(METADATA_KEY)
        if text is None:
            raise LoadError(
                f"not a wecb programme: the Parquet metadata has no {METADATA_KEY.decode()!r}",
                path=name,
            )
    except LoadError:
        raise
    except Exception as exc:  # pyarrow's errors: not Parquet, a damaged file
        raise LoadError(f"not a readable Parquet file: {exc}", path=name) from None
    try:
        decoded = text.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LoadError(f"the programme's metadata is not UTF-8 text: {exc}", path=name) from None
    _check_columns(pa, file.schema_arrow, name)
    return decoded, RowSource(file, rows, name)


class RowSource:
    """A Parquet file's rows, read a column at a time (a damaged column a
    :class:`LoadError`, as for a damaged file)."""

    def __init__(self, file: Any, rows: int, name: str) -> None:
        self._file = file
        self._rows = rows
        self._name = name

    def __len__(self) -> int:
        return self._rows

    @property
    def scale(self) -> int:
        """The places of the ``amount`` column's decimals."""
        return int(self._file.schema_arrow.field("amount").type.scale)

    def column(self, column: str) -> Any:
        """The column ``column`` whole, as a ``pyarrow.ChunkedArray``."""
        try:
            return self._file.read(columns=[column], use_threads=False).column(0)
        except Exception as exc:  # pyarrow's errors: a damaged file
            raise LoadError(f"not a readable Parquet file: {exc}", path=self._name) from None

    def chunks(self, column: str) -> Iterator[Any]:
        """The column ``column`` in batches of rows (``pyarrow.Array`` each): read so, a
        column never needs the memory of its whole decoded form at once."""
        try:
            for batch in self._file.iter_batches(
                batch_size=_BATCH, columns=[column], use_threads=False
            ):
                yield batch.column(0)
        except Exception as exc:  # pyarrow's errors: a damaged file
            raise LoadError(f"not a readable Parquet file: {exc}", path=self._name) from None


def _check_columns(pa: Any, schema: Any, name: str) -> None:
    names = list(schema.names)
    expected = [*ROW_COLUMNS, *ATTRIBUTES]
    if names != expected:
        raise LoadError(
            f"the Parquet columns are {names}; a programme file has {expected}", path=name
        )
    for column in expected:
        kind = schema.field(column).type
        if pa.types.is_dictionary(kind):
            kind = kind.value_type
        wanted = (
            pa.types.is_decimal128(kind)
            if column == "amount"
            else pa.types.is_boolean(kind)
            if column == "cashable"
            else pa.types.is_string(kind)
        )
        if not wanted:
            raise LoadError(
                f"the Parquet column {column!r} is of type {kind}, not as a programme file "
                "writes it",
                path=name,
            )


def split_rows(source: Any) -> list[tuple[str, str, int, int]]:
    """``(project, field, start, stop)`` for each run of rows of one project's field."""
    from wecb.io._parquet_codes import column_codes  # noqa: PLC0415

    if not len(source):
        return []
    projects, project_values = column_codes(source.chunks("project"), len(source))
    fields, field_values = column_codes(source.chunks("field"), len(source))
    changed = (projects[1:] != projects[:-1]) | (fields[1:] != fields[:-1])
    starts = [0, *(np.flatnonzero(changed) + 1).tolist()]
    runs: list[tuple[str, str, int, int]] = []
    for start, stop in zip(starts, [*starts[1:], len(projects)], strict=True):
        project = project_values[int(projects[start])]
        field = field_values[int(fields[start])]
        runs.append((project, field, start, stop))
    return runs


def _low_words(array: Any) -> Any | None:
    """A decimal128 chunk's values as int64, or ``None`` when one is null, negative or past
    ``2**63 - 1`` (its high word not zero)."""
    if array.null_count:
        return None
    words = np.frombuffer(array.buffers()[1], dtype=np.int64)
    words = words[2 * array.offset : 2 * (array.offset + len(array))].reshape(-1, 2)
    low, high = words[:, 0], words[:, 1]
    if len(low) and (np.any(high != 0) or np.any(low < 0)):
        return None  # negative, or past 2**63
    return low


def minor_of(chunks: Iterable[Any], digits: int, scale: int, size: int) -> tuple[Any, Any] | None:
    """The decimal column (in ``chunks``, ``size`` rows of ``scale`` places) as int64 minor
    units and their exponent (the column's scale), or ``None`` when an amount has digits
    below the minor unit or does not fit int64."""
    if scale > digits + 18:
        return None
    out = np.empty(size, dtype=np.int64)
    at = 0
    up = 10 ** max(digits - scale, 0)
    down = 10 ** max(scale - digits, 0)
    for chunk in chunks:
        low = _low_words(chunk)
        if low is None or at + len(low) > size:
            return None
        if up > 1:
            if len(low) and int(low.max()) >= 2**63 // up:
                return None
            low = low * up
        elif down > 1:
            if np.any(low % down):
                return None
            low = low // down  # equal amounts, written to the minor unit
        out[at : at + len(low)] = low
        at += len(low)
    if at != size:
        return None
    return out, -scale if scale <= digits else -digits
