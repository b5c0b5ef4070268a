"""The integer columns of a programme's :class:`~wecb.rollups.lines.Lines` (private; numpy).

A programme's flows come as runs of flow objects, scanned one by one as
:func:`~wecb.rollups._columns.from_flows` does, and as projects whose flows are held as
columns (:class:`~wecb.model._flow_columns.FlowColumns`). Consecutive projects held as
columns are encoded together, in a few numpy operations over all their lines: their
template and period tables are stacked (a table shared by several projects, as every
project read from one Parquet file shares its file's, is stacked once), each project's
codes offset into the stack, and only the templates and periods some line uses are
encoded, so that no partner, stream or period without a line reaches an axis.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

import numpy as np

from wecb.core.currency import minor_digits
from wecb.model._flow_columns import FlowColumns, code_type, split_held
from wecb.model.cashflows import CashFlow
from wecb.model.programme import Programme
from wecb.model.projects import Project
from wecb.rollups._columns import AXES, Minor, Scan, assemble, minor_bound, minor_units
from wecb.rollups.dimensions import UNATTRIBUTED, Catalogue
from wecb.rollups.records import kind_byte

__all__ = ["from_programme"]


def _end_to_end(parts: Sequence[Any]) -> Any:
    """:mod:`array` arrays end to end, as one numpy array: joined as bytes when they hold
    one type (one copy, no numpy call per part)."""
    kinds = {part.typecode for part in parts}
    if len(kinds) == 1:
        return np.frombuffer(b"".join(parts), dtype=kinds.pop())
    return np.concatenate([np.frombuffer(part, dtype=part.typecode) for part in parts])


class _Stack:
    """The tables of several projects' flows stacked into one, each table once."""

    __slots__ = ("held", "offsets", "rows")

    def __init__(self) -> None:
        self.offsets: dict[int, int] = {}
        self.rows: list[Any] = []
        self.held: list[tuple[Any, ...]] = []  # each table, so that its id stays its own

    def offset(self, table: tuple[Any, ...]) -> int:
        found = self.offsets.get(id(table))
        if found is None:
            found = self.offsets[id(table)] = len(self.rows)
            self.rows.extend(table)
            self.held.append(table)
        return found


class _Chunks:
    """A programme's lines as chunks of columns (see the module docstring)."""

    def __init__(self, currency: str) -> None:
        self.scan = Scan(currency)
        self.columns: dict[str, list[Any]] = {name: [] for name in (*AXES, "kind")}
        # Each chunk's amounts: whole minor units (or None), and their exact Decimals.
        self.minor: list[Minor | None] = []
        self.decimals: list[Callable[[], Sequence[Decimal]]] = []
        self.digits = minor_digits(currency)
        # Codes of the templates seen, by id (the templates held so that ids stay theirs).
        self.templates: dict[int, tuple[int, int, int]] = {}
        self.held: list[CashFlow] = []
        self.pending: list[tuple[int, int, FlowColumns]] = []

    def add_flows(self, project: Project, flows: Sequence[CashFlow]) -> None:
        """Add ``flows`` of ``project``, as flow objects (none: nothing to add)."""
        if flows:
            self.encode_pending()
            self.scan.add(project, flows)

    def add(self, project: Project, flows: FlowColumns) -> None:
        """Add ``flows`` of ``project``, held as columns (encoded with their neighbours)."""
        self.flush()
        if flows:
            encoders = self.scan.encoders
            project_code = encoders["project"].code(project.key)
            domain_code = encoders["domain"].code(project.domain)
            self.pending.append((project_code, domain_code, flows))

    def finish(self) -> None:
        self.flush()
        self.encode_pending()

    def flush(self) -> None:
        """End the run of flow objects scanned so far."""
        scan = self.scan
        if not scan.columns["kind"]:
            return
        for name, values in scan.columns.items():
            self.columns[name].append(np.asarray(values, dtype=np.int32))
            values.clear()
        amounts = list(scan.amounts)
        scan.amounts.clear()
        minor = minor_units(amounts, self.digits)
        self.minor.append(None if minor is None else np.asarray(minor, dtype=np.int64))
        self.decimals.append(lambda: amounts)

    def _template_codes(self, template: CashFlow) -> tuple[int, int, int]:
        found = self.templates.get(id(template))
        if found is None:
            encoders = self.scan.encoders
            partners = encoders["partner"]
            partner = template.partner
            code = partners.codes.get(partner)
            if code is None:
                code = partners.codes[partner] = len(partners.values)
                partners.values.append(UNATTRIBUTED if partner is None else partner)
            stream = encoders["stream"].code(template.stream)
            found = self.templates[id(template)] = (code, stream, kind_byte(template))
            self.held.append(template)
        return found

    def encode_pending(self, catalogue: Catalogue | None = None) -> None:
        """Encode the projects held as columns added since the last flow objects; given the
        ``catalogue`` (when these are all the programme's lines), each axis is put in
        rollup order first, so that :func:`~wecb.rollups._columns.assemble` need not
        recode the columns."""
        pending, self.pending = self.pending, []
        if not pending:
            return
        templates, periods = _Stack(), _Stack()
        template_offsets, period_offsets = [], []
        for _, _, flows in pending:
            template_offsets.append(templates.offset(flows.templates))
            period_offsets.append(periods.offset(flows.periods))
        lengths = np.array([len(flows) for _, _, flows in pending], dtype=np.int64)
        template_codes = _stacked(
            [f.template_codes for *_, f in pending], template_offsets, lengths
        )
        period_codes = _stacked([f.period_codes for *_, f in pending], period_offsets, lengths)
        # Only the templates and periods some line uses: no axis value without a line.
        # One row per stacked template (partner, stream, kind) and per stacked period.
        table = np.zeros((max(len(templates.rows), len(periods.rows), 1), 4), dtype=np.int64)
        used_templates = _used(template_codes, len(templates.rows))
        for at in used_templates:
            table[at, :3] = self._template_codes(templates.rows[at])
        period_encoder = self.scan.encoders["period"]
        used_periods = _used(period_codes, len(periods.rows))
        for at in used_periods:
            table[at, 3] = period_encoder.code(periods.rows[at])
        owners = np.array([entry[:2] for entry in pending], dtype=np.int64).reshape(-1, 2)
        if catalogue is not None:
            self._sort(catalogue, table, owners)
        columns = self.columns
        for name, at, codes, used in (
            ("partner", 0, template_codes, used_templates),
            ("stream", 1, template_codes, used_templates),
            ("kind", 2, template_codes, used_templates),
            ("period", 3, period_codes, used_periods),
        ):
            part = table[:, at]
            dtype = code_type(int(part.max()) + 1)
            values = set(part[used].tolist())
            if len(values) == 1:  # one value on every line (one stream, say): no pass
                columns[name].append(np.full(len(codes), values.pop(), dtype=dtype))
            else:
                columns[name].append(np.take(part.astype(dtype), codes))
        for name, at in (("project", 0), ("domain", 1)):
            part = owners[:, at]
            columns[name].append(np.repeat(part.astype(code_type(int(part.max()) + 1)), lengths))
        self.minor.append(self._minor([flows for *_, flows in pending]))
        self.decimals.append(lambda: [d for *_, f in pending for d in f.amounts()])

    def _sort(self, catalogue: Catalogue, table: Any, owners: Any) -> None:
        """Put each axis in rollup order, recoding ``table`` (partner, stream, -, period)
        and ``owners`` (project, domain) to match."""
        encoders = self.scan.encoders
        for name, codes, at in (
            ("partner", table, 0),
            ("stream", table, 1),
            ("period", table, 3),
            ("project", owners, 0),
            ("domain", owners, 1),
        ):
            encoder = encoders[name]
            values = encoder.values
            order = sorted(range(len(values)), key=lambda i: catalogue.sort_key(name, values[i]))
            recode = np.empty(max(len(values), 1), dtype=np.int64)
            recode[order] = np.arange(len(order))
            codes[:, at] = recode[codes[:, at]]
            encoder.values = [values[i] for i in order]
            encoder.codes = {key: int(recode[code]) for key, code in encoder.codes.items()}

    def _minor(self, stores: list[FlowColumns]) -> Minor | None:
        parts: list[Any] = []
        for flows in stores:
            minor = flows.minor_units
            if minor is None:
                exact = minor_units(list(flows.amounts()), self.digits)
                if exact is None:
                    return None
                minor = array("q", exact)
            parts.append(minor)
        joined: Minor = _end_to_end(parts)
        return joined


def _joined(parts: list[Any]) -> Any:
    """The arrays ``parts`` end to end (one part as it is)."""
    return parts[0] if len(parts) == 1 else np.concatenate(parts)


def _used(codes: Any, count: int) -> list[int]:
    """The codes (of ``count``) that ``codes`` uses."""
    used: list[int] = np.flatnonzero(np.bincount(codes, minlength=count)).tolist()
    return used


def _stacked(parts: list[Any], offsets: list[int], lengths: Any) -> Any:
    """Each project's codes into its table, as codes into the stacked tables."""
    codes = _end_to_end(parts)
    if any(offsets):
        codes = codes + np.repeat(np.array(offsets, dtype=np.int32), lengths)
    return codes


def from_programme(programme: Programme, catalogue: Catalogue) -> dict[str, Any]:
    """The state of the lines of ``programme`` (see the module docstring)."""
    currency = programme.currency
    chunks = _Chunks(currency)
    for project in programme.projects:
        objects, held = split_held(project.cash_flows)
        chunks.add_flows(project, list(objects))
        if held is not None:
            chunks.add(project, held)
    # Every line held as columns: each axis sorted as it is encoded, not again.
    ordered = (
        bool(chunks.pending) and not chunks.columns["kind"] and not chunks.scan.columns["kind"]
    )
    if ordered:
        chunks.encode_pending(catalogue)
    chunks.finish()
    columns = {
        # Codes as int32: a programme has fewer than 2**31 distinct values of anything.
        name: _joined(parts) if parts else np.zeros(0, dtype=np.int32)
        for name, parts in chunks.columns.items()
    }
    axes = {name: encoder.values for name, encoder in chunks.scan.encoders.items()}
    minor: Minor | None = None
    decimals: list[Decimal] | None = None
    if all(m is not None for m in chunks.minor):
        parts = [m for m in chunks.minor if m is not None]
        minor = _joined(parts) if parts else np.zeros(0, dtype=np.int64)
    else:
        decimals = [d for amounts in chunks.decimals for d in amounts()]
    return assemble(
        catalogue=catalogue,
        currency=currency,
        axes=axes,
        columns=columns,
        minor=minor,
        decimals=decimals,
        bound=None if minor is None else minor_bound(minor),
        ordered=ordered,
    )
