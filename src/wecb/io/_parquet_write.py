"""A programme's flows as the rows of a Parquet programme file (private to :mod:`wecb.io`;
numpy and pyarrow, the ``parquet`` extra).

:func:`row_table` builds the table :mod:`wecb.io._parquet` writes, one row per flow (every
project's ``flows``, then its ``counterfactual``, in order), column by column. Flows held as
:class:`~wecb.model._flow_columns.FlowColumns` are written from their columns: each
table of templates (and of periods) is looked at once per save, however many projects
share it, each distinct template (its attributes) and period is unstructured once, and
each column is taken from them by the lines' codes (numpy); whole minor units become
``decimal128`` in one vectorised pass. Flows held otherwise (a tuple) are unstructured
flow by flow, each one its own template, and amounts kept as ``Decimal`` values (or whole
minor units that scaled to the column's places would pass int64) converted one by one.
Every string column is dictionary-encoded with its values in the order they first appear,
as ``pyarrow``'s ``dictionary_encode`` gives, so the file does not depend on how the flows
were held.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from operator import attrgetter
from typing import Any, Final, NamedTuple

import numpy as np

from wecb.core.currency import minor_digits
from wecb.core.periods import Period
from wecb.errors import LoadError
from wecb.model._flow_columns import FlowColumns
from wecb.model.cashflows import CashFlow
from wecb.model.programme import Programme

__all__ = ["ATTRIBUTES", "PRECISION", "ROW_COLUMNS", "row_table"]

#: The columns of a row besides the line attributes.
ROW_COLUMNS: Final = ("project", "field", "amount", "period")
#: The line attributes, a column each.
ATTRIBUTES: Final = (
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
#: The digits of the ``amount`` column's decimals.
PRECISION: Final = 38
_JSON_TEXT: Final = ("source", "requires")


def _plain_value(name: str, value: object) -> object:
    """A line attribute as its column holds it (``None`` where the flow leaves it out)."""
    if value is None:
        return None
    if name in _JSON_TEXT:
        return json.dumps(value, ensure_ascii=False) if value != () else None
    return value


def _plain_flow(conv: Any, flow: CashFlow) -> dict[str, Any]:
    plain: dict[str, Any] = conv.unstructure(flow)
    return {name: _plain_value(name, value) for name, value in plain.items()}


class _Segment(NamedTuple):
    """The rows ``start:stop``: flows of one project's field, held one way."""

    project: str
    field: str
    start: int
    stop: int
    flows: Sequence[CashFlow]
    labels: tuple[str | None, ...] | None  # each row's own label, else the template's
    minor: Any  # int64 minor units (numpy), or None when ``amounts`` holds them
    amounts: Sequence[Decimal] | None


class _Rows:
    """Every row of a programme, coded: each row's attributes by its index in
    :attr:`attributes` (each distinct template once, a tuple's flows one each), its
    period by its index in :attr:`periods`; the rows' runs as :attr:`segments`."""

    def __init__(self, conv: Any, size: int, digits: int) -> None:
        self.conv = conv
        self.digits = digits
        self.attributes: list[dict[str, Any]] = []
        self.periods: list[Any] = []
        self.row_codes = np.empty(size, dtype=np.int64)
        self.period_codes = np.empty(size, dtype=np.int64)
        self.segments: list[_Segment] = []
        self._at = 0
        self._tables: dict[int, tuple[object, Any]] = {}  # id -> (the table, its remap)
        self._templates_at: dict[object, int] = {}  # a template's attributes -> its index
        self._periods_at: dict[object, int] = {}  # a period (and its type) -> its index

    def add(self, project: str, field: str, flows: Sequence[CashFlow]) -> None:
        """Code ``flows`` as the next rows."""
        start, stop = self._at, self._at + len(flows)
        self._at = stop
        if not isinstance(flows, FlowColumns):
            base, period_base = len(self.attributes), len(self.periods)
            for flow in flows:
                row = _plain_flow(self.conv, flow)
                self.attributes.append(row)
                self.periods.append(row["period"])
            self.row_codes[start:stop] = np.arange(base, base + stop - start)
            self.period_codes[start:stop] = np.arange(period_base, period_base + stop - start)
            amounts = [f.amount.amount for f in flows]
            self.segments.append(_Segment(project, field, start, stop, flows, None, None, amounts))
            return
        templates = self._table(
            flows.templates, self.attributes, self._templates_at, _attributes_of, self._template
        )
        periods = self._table(flows.periods, self.periods, self._periods_at, _typed, self._period)
        self.row_codes[start:stop] = templates[_codes(flows.template_codes)]
        self.period_codes[start:stop] = periods[_codes(flows.period_codes)]
        minor = flows.minor_units
        held = None if minor is None or minor_digits(flows.currency) != self.digits else minor
        segment = _Segment(
            project,
            field,
            start,
            stop,
            flows,
            flows.labels,
            None if held is None else np.frombuffer(held, dtype=np.int64),
            flows.amounts() if held is None else None,
        )
        self.segments.append(segment)

    def _table(
        self,
        table: tuple[Any, ...],
        into: list[Any],
        at: dict[object, int],
        key: Callable[[Any], object],
        plain: Callable[[Any], Any],
    ) -> Any:
        """Each value of ``table`` by its index in ``into``, as numpy: a table shared by
        several flows is looked at once, and values of equal ``key`` (in the tables of flows
        read project by project) are unstructured once."""
        known = self._tables.get(id(table))
        if known is not None and known[0] is table:
            return known[1]
        remap = np.empty(len(table), dtype=np.int64)
        for index, value in enumerate(table):
            held = key(value)
            where = at.get(held)
            if where is None:
                where = at[held] = len(into)
                into.append(plain(value))
            remap[index] = where
        self._tables[id(table)] = (table, remap)
        return remap

    def _template(self, template: CashFlow) -> dict[str, Any]:
        return _plain_flow(self.conv, template)

    def _period(self, period: Period) -> Any:
        return self.conv.unstructure(period, Period)


#: The attributes a row holds of a template: templates equal in these write equal rows.
_attributes_of: Final = attrgetter(*ATTRIBUTES)


def _typed(period: Period) -> object:
    return type(period), period


def _codes(codes: Any) -> Any:
    """An :mod:`array` of codes as numpy (a view, no copy)."""
    return np.frombuffer(codes, dtype=np.dtype(codes.typecode))


def row_table(pa: Any, conv: Any, programme: Programme) -> Any:
    """The rows of ``programme``'s flows as a ``pyarrow.Table`` (see the module docstring);
    a :class:`LoadError` for an amount that does not fit ``decimal128``."""
    digits = minor_digits(programme.currency)
    fields = ("flows", "counterfactual")
    size = sum(len(getattr(p, field)) for p in programme.projects for field in fields)
    rows = _Rows(conv, size, digits)
    for project in programme.projects:
        for field in fields:
            flows: Sequence[CashFlow] = getattr(project, field)
            if flows:
                rows.add(project.key, field, flows)
    segments = rows.segments
    segment_codes = np.repeat(
        np.arange(len(segments), dtype=np.int64), [s.stop - s.start for s in segments]
    )
    in_order = range(len(segments))
    columns: dict[str, Any] = {
        "project": _dictionary(pa, [s.project for s in segments], segment_codes, in_order),
        "field": _dictionary(pa, [s.field for s in segments], segment_codes, in_order),
        "amount": _amount_column(pa, segments, digits),
        "period": _dictionary(
            pa, rows.periods, rows.period_codes, _first_seen(rows.period_codes, len(rows.periods))
        ),
    }
    order = _first_seen(rows.row_codes, len(rows.attributes))
    for name in ATTRIBUTES:
        values = [row.get(name) for row in rows.attributes]
        if name == "cashable":
            taken = pa.array(values, type=pa.bool_()).take(pa.array(rows.row_codes))
            columns[name] = taken
        elif name == "label" and any(s.labels is not None for s in segments):
            columns[name] = _labels(pa, rows, values)
        else:
            columns[name] = _dictionary(pa, values, rows.row_codes, order)
    return pa.table(columns)


def _first_seen(codes: Any, count: int) -> list[int]:
    """The codes (each below ``count``) that ``codes`` holds, in the order each first
    appears."""
    first = np.full(max(count, 1), len(codes), dtype=np.int64)
    np.minimum.at(first, codes, np.arange(len(codes), dtype=np.int64))
    used = np.flatnonzero(first < len(codes))
    return [int(c) for c in used[np.argsort(first[used], kind="stable")]]


def _dictionary(pa: Any, values: Sequence[Any], codes: Any, order: Iterable[int]) -> Any:
    """The strings ``values[code]`` for each of ``codes``, dictionary-encoded with each
    distinct string where it first appears (``order``: the codes in the order each first
    appears); ``None`` a null."""
    index: dict[Any, int] = {}
    mapping = np.full(max(len(values), 1), -1, dtype=np.int32)
    for code in order:
        value = values[code]
        if value is not None:
            mapping[code] = index.setdefault(value, len(index))
    indices = mapping[codes]
    missing = indices < 0
    mask = None
    if missing.any():
        indices[missing] = 0
        mask = missing
    return pa.DictionaryArray.from_arrays(
        pa.array(indices, type=pa.int32(), mask=mask), pa.array(list(index), type=pa.string())
    )


def _labels(pa: Any, rows: _Rows, template_labels: list[Any]) -> Any:
    """The label column when some rows hold their own labels."""
    labels = pa.array(template_labels, type=pa.string())
    parts = [
        pa.array(s.labels, type=pa.string())
        if s.labels is not None
        else labels.take(pa.array(rows.row_codes[s.start : s.stop]))
        for s in rows.segments
    ]
    return pa.concat_arrays(parts).dictionary_encode()


def _amount_column(pa: Any, segments: list[_Segment], digits: int) -> Any:
    """The amounts as ``decimal128(38, scale)``, ``scale`` the most places an amount was
    written with (at least the currency's ``digits``): whole minor units in one pass."""
    scale = digits
    for segment in segments:
        if segment.amounts is not None:
            scale = max([scale, *(-int(a.as_tuple().exponent) for a in segment.amounts)])
    parts: list[Any] = []
    run: list[_Segment] = []  # whole minor units, written together
    for segment in segments:
        if segment.minor is not None:
            run.append(segment)
            continue
        if run:
            parts += _minor_parts(pa, run, scale, digits)
            run = []
        assert segment.amounts is not None
        parts.append(_decimals(pa, segment.amounts, scale, segment.start))
    if run:
        parts += _minor_parts(pa, run, scale, digits)
    if len(parts) == 1:
        return parts[0]
    if not parts:
        return pa.array([], type=pa.decimal128(PRECISION, scale))
    return pa.concat_arrays(parts)


def _minor_parts(pa: Any, run: list[_Segment], scale: int, digits: int) -> list[Any]:
    """The amounts of ``run`` (whole minor units) as decimals of ``scale`` places; through
    ``Decimal`` values when scaled they may not fit int64."""
    minor = run[0].minor if len(run) == 1 else np.concatenate([s.minor for s in run])
    factor = 10 ** (scale - digits)
    if factor > 1:
        bound = (2**63 - 1) // factor
        if len(minor) and (int(minor.max()) > bound or int(minor.min()) < -bound):
            return [_decimals(pa, _amounts(s.flows), scale, s.start) for s in run]
        minor = minor * factor
    words = np.empty((len(minor), 2), dtype=np.int64)  # little-endian 128-bit two's complement
    words[:, 0] = minor
    words[:, 1] = minor >> 63
    kind = pa.decimal128(PRECISION, scale)
    return [pa.Array.from_buffers(kind, len(minor), [None, pa.py_buffer(words)])]


def _amounts(flows: Sequence[CashFlow]) -> Sequence[Decimal]:
    if isinstance(flows, FlowColumns):
        return flows.amounts()
    return [f.amount.amount for f in flows]


def _decimals(pa: Any, amounts: Sequence[Decimal], scale: int, start: int) -> Any:
    """The amounts as ``decimal128(38, scale)``, or a :class:`LoadError` for one too large
    (``start``: the index of the first among every project's flows)."""
    kind = pa.decimal128(PRECISION, scale)
    bound = 10**PRECISION
    for index, amount in enumerate(amounts, start):
        if abs(amount.scaleb(scale)) >= bound:
            raise LoadError(
                f"flow {index} (counting every project's flows in order) has the amount "
                f"{amount}, which does not fit a Parquet decimal of {PRECISION} digits with "
                f"{scale} places; save the programme as JSON or TOML"
            )
    return pa.array(amounts, type=kind)
