"""Parquet columns as small integer codes (private to :mod:`wecb.io`; numpy, pyarrow data).

Reading a programme's rows turns each column into one code per row and the distinct values
the codes index, straight from the Arrow buffers (no Python object per row, and nothing
that makes pyarrow import pandas): a dictionary column's indices remapped through its
dictionary (each distinct value looked at once; chunks with different dictionaries, a
dictionary holding a value twice or a null, all give one code per distinct value), a
boolean column from its bits. A null is always the last value, ``None``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from wecb.model._flow_columns import code_type

__all__ = ["column_codes", "distinct_rows", "small_codes"]

#: The largest table of combined codes built to find distinct rows without sorting.
_TABLE_LIMIT = 2**24


def small_codes(values: Any, count: int) -> Any:
    """``values`` (codes into ``count`` values) in the smallest unsigned dtype."""
    return np.asarray(values).astype(code_type(count), copy=False)


def _valid(chunk: Any) -> Any:
    """Whether each row of ``chunk`` is not null, as a numpy bool array (or ``None``: all)."""
    if not chunk.null_count:
        return None
    bitmap = np.frombuffer(chunk.buffers()[0], dtype=np.uint8)
    bits = np.unpackbits(bitmap, bitorder="little")
    return bits[chunk.offset : chunk.offset + len(chunk)].astype(bool)


def _bool_codes(chunk: Any) -> tuple[Any, Any]:
    """A boolean chunk's codes into ``[False, True]`` (its values ``None``)."""
    bits = np.unpackbits(np.frombuffer(chunk.buffers()[1], dtype=np.uint8), bitorder="little")
    codes = bits[chunk.offset : chunk.offset + len(chunk)].astype(np.uint8)
    return codes, None


def _chunk_codes(chunk: Any) -> tuple[Any, Any]:
    """A chunk's codes into its own values (an Arrow array; ``None`` for a boolean chunk,
    whose values are ``False`` and ``True``); nulls not yet coded."""
    import pyarrow as pa  # noqa: PLC0415 -- only here, with a Parquet file

    if pa.types.is_boolean(chunk.type):
        return _bool_codes(chunk)
    if not pa.types.is_dictionary(chunk.type):
        chunk = chunk.dictionary_encode()
    indices = chunk.indices
    kind = np.dtype(f"int{indices.type.bit_width}")
    data = np.frombuffer(indices.buffers()[1], dtype=kind)
    codes = data[indices.offset : indices.offset + len(indices)]
    return codes, chunk.dictionary


def column_codes(chunks: Iterable[Any], size: int) -> tuple[Any, list[Any]]:
    """A column (``size`` rows, in ``chunks``) as codes, one per row, and the distinct
    values they index; a null is the last value, ``None`` (present whether or not a row is
    null). A batch with the same dictionary as the one before reuses its remapping."""
    index: dict[tuple[type, Any], int] = {}
    values: list[Any] = []
    parts: list[Any] = []
    last: tuple[Any, Any] | None = None
    for chunk in chunks:
        if not len(chunk):
            continue
        codes, own = _chunk_codes(chunk)
        if last is not None and own is not None and own.equals(last[0]):
            remap = last[1]
        else:
            remap = _remap(own, index, values)
            last = (own, remap)
        valid = _valid(chunk)
        if not len(remap):
            mapped = np.full(len(codes), -1, dtype=np.int32)
        else:
            mapped = np.take(remap, codes if valid is None else np.where(valid, codes, 0))
        if valid is not None:
            mapped[~valid] = -1
        parts.append(mapped)
    null = len(values)
    out = np.empty(size, dtype=small_codes([], null + 1).dtype)
    at = 0
    for mapped in parts:
        mapped[mapped < 0] = null
        out[at : at + len(mapped)] = mapped
        at += len(mapped)
    if at != size:
        raise ValueError(f"a column holds {at} rows, not {size}")
    return out, [*values, None]


def _remap(own: Any, index: dict[tuple[type, Any], int], values: list[Any]) -> Any:
    """Each of a chunk's own values (an Arrow array, or ``None`` for booleans) as the
    index of its distinct value (``-1`` for a null), adding new values to ``values``."""
    remap = []
    for value in [False, True] if own is None else own.to_pylist():
        if value is None:
            remap.append(-1)
            continue
        key = (type(value), value)
        if key not in index:
            index[key] = len(values)
            values.append(value)
        remap.append(index[key])
    return np.asarray(remap, dtype=np.int32)


def _pair(acc: Any, card: int, codes: Any, count: int) -> tuple[Any, Any, Any]:
    """The distinct pairs of ``acc`` (``card`` values) and ``codes`` (``count``): each pair's
    index among them, and each distinct pair's parts."""
    keys = acc.astype(np.int64) * count + codes
    span = card * count
    if span <= max(_TABLE_LIMIT, len(keys)):
        seen = np.zeros(span, dtype=bool)
        seen[keys] = True
        used = np.flatnonzero(seen)
        del seen
        remap = np.zeros(span, dtype=np.int64)
        remap[used] = np.arange(len(used))
        inverse = small_codes(np.take(remap, keys), len(used))
    else:
        used, inverse = np.unique(keys, return_inverse=True)
        inverse = small_codes(inverse.reshape(-1), len(used))
    return inverse, used // count, used % count


def distinct_rows(columns: list[Any], counts: list[int]) -> tuple[Any, Any]:
    """The distinct rows of the code ``columns`` (of ``counts`` values each), as a matrix
    (one row per distinct row, ordered by the columns' codes), and each row's index among
    them; combined a column at a time, never more than a few bytes per row at once."""
    acc = np.zeros(len(columns[0]) if columns else 0, dtype=np.uint8)
    matrix = np.zeros((1, 0), dtype=np.int64)
    card = 1
    for codes, count in zip(columns, counts, strict=True):
        acc, parents, own = _pair(acc, card, codes, max(count, 1))
        matrix = np.concatenate([matrix[parents], own.reshape(-1, 1)], axis=1)
        card = len(parents)
    if not len(acc):
        return np.zeros((0, len(columns)), dtype=np.int64), acc
    return matrix, acc
