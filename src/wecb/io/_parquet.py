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
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, Final

import numpy as np

from wecb._optional import require
from wecb.core.currency import minor_digits
from wecb.core.periods import Period
from wecb.errors import LoadError
from wecb.model._flow_columns import FlowColumns
from wecb.model.cashflows import CashFlow
from wecb.model.programme import Programme

__all__ = ["METADATA_KEY", "ROW_COLUMNS", "parquet_body", "parquet_bytes"]

#: The metadata key holding the programme's plain form.
METADATA_KEY: Final = b"wecb.programme"
#: The columns of a row besides the line attributes.
ROW_COLUMNS: Final = ("project", "field", "amount", "period")
_ATTRIBUTES: Final = (
    "nature",
    "cost_type",
    "value_type",
    "cashable",
    "payer",
    "beneficiary",
    "stream",
    "label",
    "source",
    "price_year",
    "requires",
)
_JSON_TEXT: Final = ("source", "requires")
_PRECISION: Final = 38


def _pa() -> Any:
    return require("pyarrow", "parquet", "reading and writing Parquet programme files")


def _pq() -> Any:
    _pa()
    return require("pyarrow.parquet", "parquet", "reading and writing Parquet programme files")


# -- writing ---------------------------------------------------------------------------------


def _plain_value(name: str, value: object) -> object:
    """A line attribute as its column holds it (``None`` where the flow leaves it out)."""
    if value is None:
        return None
    if name in _JSON_TEXT:
        return json.dumps(value, ensure_ascii=False) if value != () else None
    return value


def parquet_bytes(
    programme: Programme, header: Mapping[str, Any], rest: Mapping[str, Any]
) -> bytes:
    """The Parquet file of ``programme``: ``header`` and ``rest`` (its plain form without the
    projects' flows) in the metadata, the flows as rows."""
    pa, pq = _pa(), _pq()
    from wecb.io._convert import converter  # noqa: PLC0415 -- the shared converter

    conv = converter()
    digits = minor_digits(programme.currency)
    columns: dict[str, list[Any]] = {name: [] for name in (*ROW_COLUMNS, *_ATTRIBUTES)}
    amounts: list[Decimal] = []
    for project in programme.projects:
        for field in ("flows", "counterfactual"):
            flows: Sequence[CashFlow] = getattr(project, field)
            if not flows:
                continue
            count = len(flows)
            columns["project"] += [project.key] * count
            columns["field"] += [field] * count
            if isinstance(flows, FlowColumns):
                amounts.extend(flows.amounts())
            else:
                amounts.extend(f.amount.amount for f in flows)
            _attribute_rows(conv, flows, columns)
    scale = max([digits, *(-int(a.as_tuple().exponent) for a in amounts)])
    columns["amount"] = _decimals(pa, amounts, scale)
    arrays = {
        name: values if name == "amount" else _column(pa, name, values)
        for name, values in columns.items()
    }
    table = pa.table(arrays)
    metadata = {METADATA_KEY: json.dumps({**header, **rest}, ensure_ascii=False).encode()}
    table = table.replace_schema_metadata(metadata)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    return bytes(sink.getvalue())


def _attribute_rows(conv: Any, flows: Sequence[CashFlow], columns: dict[str, list[Any]]) -> None:
    """Each flow's period and attributes, as a file writes them, onto ``columns``; flows held
    as columns give their templates once each."""
    if isinstance(flows, FlowColumns):
        rows = [_plain_flow(conv, t) for t in flows.templates]
        periods = [conv.unstructure(p, Period) for p in flows.periods]
        labels = flows.labels
        for index, (code, period) in enumerate(
            zip(flows.template_codes, flows.period_codes, strict=True)
        ):
            row = rows[code]
            for name in _ATTRIBUTES:
                columns[name].append(row.get(name))
            if labels is not None:
                columns["label"][-1] = labels[index]
            columns["period"].append(periods[period])
        return
    for flow in flows:
        row = _plain_flow(conv, flow)
        for name in _ATTRIBUTES:
            columns[name].append(row.get(name))
        columns["period"].append(row["period"])


def _plain_flow(conv: Any, flow: CashFlow) -> dict[str, Any]:
    plain: dict[str, Any] = conv.unstructure(flow)
    return {name: _plain_value(name, value) for name, value in plain.items()}


def _decimals(pa: Any, amounts: list[Decimal], scale: int) -> Any:
    """The amounts as ``decimal128(38, scale)``, or a :class:`LoadError` for one too large."""
    kind = pa.decimal128(_PRECISION, scale)
    bound = 10**_PRECISION
    for index, amount in enumerate(amounts):
        if abs(amount.scaleb(scale)) >= bound:
            raise LoadError(
                f"flow {index} (counting every project's flows in order) has the amount "
                f"{amount}, which does not fit a Parquet decimal of {_PRECISION} digits with "
                f"{scale} places; save the programme as JSON or TOML"
            )
    return pa.array(amounts, type=kind)


def _column(pa: Any, name: str, values: list[Any]) -> Any:
    if name == "cashable":
        return pa.array(values, type=pa.bool_())
    return pa.array(values, type=pa.string()).dictionary_encode()


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
        table = file.read()
    except LoadError:
        raise
    except Exception as exc:  # pyarrow's errors: not Parquet, a damaged file
        raise LoadError(f"not a readable Parquet file: {exc}", path=name) from None
    try:
        decoded = text.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LoadError(f"the programme's metadata is not UTF-8 text: {exc}", path=name) from None
    _check_columns(pa, table, name)
    return decoded, table


def _check_columns(pa: Any, table: Any, name: str) -> None:
    names = list(table.column_names)
    expected = [*ROW_COLUMNS, *_ATTRIBUTES]
    if names != expected:
        raise LoadError(
            f"the Parquet columns are {names}; a programme file has {expected}", path=name
        )
    for column in expected:
        kind = table.schema.field(column).type
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


def split_rows(table: Any) -> list[tuple[str, str, int, int]]:
    """``(project, field, start, stop)`` for each run of rows of one project's field."""
    size = len(table)
    if not size:
        return []
    runs: list[tuple[str, str, int, int]] = []
    coded = []
    for name in ("project", "field"):
        array = table.column(name).combine_chunks()
        if not hasattr(array, "indices"):
            array = array.dictionary_encode()
        values = array.dictionary.to_pylist()
        codes = array.indices.fill_null(len(values)).to_numpy(zero_copy_only=False)
        coded.append((codes, [*values, None]))
    (projects, project_values), (fields, field_values) = coded
    changed = (projects[1:] != projects[:-1]) | (fields[1:] != fields[:-1])
    starts = [0, *(np.flatnonzero(changed) + 1).tolist()]
    for start, stop in zip(starts, [*starts[1:], size], strict=True):
        project = project_values[int(projects[start])]
        field = field_values[int(fields[start])]
        runs.append((project, field, start, stop))
    return runs


def minor_of(column: Any, digits: int) -> tuple[Any, Any] | None:
    """The decimal column as int64 minor units and their exponent (the column's scale), or
    ``None`` when an amount has digits below the minor unit or does not fit int64."""
    array = column.combine_chunks() if hasattr(column, "combine_chunks") else column
    scale = array.type.scale
    if array.null_count or scale > digits + 18:
        return None
    words = np.frombuffer(array.buffers()[1], dtype=np.int64)
    words = words[2 * array.offset : 2 * (array.offset + len(array))].reshape(-1, 2)
    low, high = words[:, 0], words[:, 1]
    if len(low) and (np.any(high != 0) or np.any(low < 0)):
        return None  # negative, or past 2**63
    if scale <= digits:
        factor = 10 ** (digits - scale)
        if len(low) and int(low.max()) >= 2**63 // factor:
            return None
        return low * factor, -scale
    factor = 10 ** (scale - digits)
    if np.any(low % factor):
        return None
    return low // factor, -digits  # equal amounts, written to the minor unit
