"""Building the integer columns of :class:`~wecb.rollups.lines.Lines` (private; numpy).

Lines are built here from cash-flow objects (one pass that dictionary-encodes each
dimension) into the state a :class:`Lines` holds; :mod:`wecb.rollups._column_input` builds
them straight from columns. Both import numpy, so they are imported only when lines are
built, never by ``import wecb``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal, Inexact, InvalidOperation
from typing import Any, Final, TypeAlias

import numpy as np
import numpy.typing as npt

# Minor units to Decimal and back in Money's exact context (never the caller's context).
from wecb.core._decimal import EXACT
from wecb.core.currency import minor_digits
from wecb.errors import RollupError
from wecb.model._flow_columns import FlowColumns, Joined
from wecb.model.cashflows import CashFlow, Nature
from wecb.model.programme import Programme
from wecb.model.projects import Project
from wecb.rollups.dimensions import UNATTRIBUTED, Catalogue
from wecb.rollups.records import COST_BITS, VALUE_BITS, kind_byte, pair_runs

__all__ = [
    "AXES",
    "MINOR_UNIT_BOUND",
    "Codes",
    "Encoder",
    "Minor",
    "assemble",
    "from_flows",
    "from_programme",
    "minor_sum",
]

#: The columnar path needs the sum of every amount, in minor units, below this.
MINOR_UNIT_BOUND: Final = 2**63

#: A column of small integer codes (read-only).
Codes: TypeAlias = npt.NDArray[np.unsignedinteger[Any]]
#: Amounts in whole minor units (read-only).
Minor: TypeAlias = npt.NDArray[np.int64]
#: The names of the axes (distinct values) of a :class:`Lines`; its columns add ``kind``.
AXES: Final = ("project", "domain", "partner", "stream", "period")


class Encoder:
    """Assigns codes to distinct values in order of first appearance."""

    __slots__ = ("codes", "values")

    def __init__(self) -> None:
        self.codes: dict[Any, int] = {}
        self.values: list[Any] = []

    def code(self, value: object) -> int:
        found = self.codes.get(value)
        if found is None:
            found = self.codes[value] = len(self.values)
            self.values.append(value)
        return found


class _Scan:
    """Dictionary-encodes flows run by run into column lists (one pass over the lines)."""

    __slots__ = ("amounts", "columns", "currency", "encoders")

    def __init__(self, currency: str | None) -> None:
        self.currency = currency
        self.amounts: list[Decimal] = []
        self.encoders = {name: Encoder() for name in AXES}
        self.columns: dict[str, list[int]] = {name: [] for name in (*AXES, "kind")}

    def add(self, project: Project, flows: Sequence[CashFlow]) -> None:
        currency = self.currency = self.currency or flows[0].amount.currency
        # Local names and id()-keyed tables: this loop runs once per line.
        encoders, columns = self.encoders, self.columns
        project_code = encoders["project"].code(project.key)
        domain_code = encoders["domain"].code(project.domain)
        partners = encoders["partner"]
        coded = [(encoders[n].codes, encoders[n].values, columns[n]) for n in ("stream", "period")]
        (stream_codes, streams, stream_col), (period_codes, periods, period_col) = coded
        partner_codes, partner_col, kind_col = partners.codes, columns["partner"], columns["kind"]
        amounts = self.amounts
        benefit = Nature.BENEFIT
        for flow in flows:
            amount = flow.amount
            if amount.currency != currency:
                raise RollupError(
                    f"line {len(amounts)} (project {project.key!r}) is in {amount.currency}, "
                    f"but earlier lines are in {currency}; a rollup adds one currency only"
                )
            amounts.append(amount.amount)
            # The kind byte (see wecb.rollups.records.kind_byte), inlined.
            if flow.nature is benefit:
                kind, partner = VALUE_BITS[id(flow.value_type)], flow.beneficiary
            else:
                kind, partner = COST_BITS[id(flow.cost_type)], flow.payer
            kind_col.append(kind | 2 if flow.cashable else kind)
            code = partner_codes.get(partner)
            if code is None:
                code = partner_codes[partner] = len(partners.values)
                partners.values.append(UNATTRIBUTED if partner is None else partner)
            partner_col.append(code)
            stream = flow.stream
            code = stream_codes.get(stream)
            if code is None:
                code = stream_codes[stream] = len(streams)
                streams.append(stream)
            stream_col.append(code)
            period = flow.period
            code = period_codes.get(period)
            if code is None:
                code = period_codes[period] = len(periods)
                periods.append(period)
            period_col.append(code)
        count = len(flows)
        columns["project"] += [project_code] * count
        columns["domain"] += [domain_code] * count


def _minor_units(amounts: list[Decimal], digits: int) -> list[int] | None:
    """Every amount as whole minor units, or ``None`` if one has digits below them."""
    out = []
    scaleb = Decimal.scaleb
    try:
        for value in amounts:
            scaled = scaleb(value, digits, EXACT)
            whole = int(scaled)
            if whole != scaled:
                return None
            out.append(whole)
    except (Inexact, InvalidOperation):
        return None
    return out


def _small_dtype(count: int) -> str:
    if count <= 2**8:
        return "uint8"
    if count <= 2**16:
        return "uint16"
    return "uint32"


def from_flows(
    pairs: Iterable[object] | Programme, catalogue: Catalogue, currency: str | None
) -> dict[str, Any]:
    """The state of the lines of a programme or of ``(project, flow)`` pairs."""
    scan = _Scan(currency)
    for project, flows in pair_runs(pairs):
        scan.add(project, flows)
    currency = scan.currency or currency or "GBP"
    minor = _minor_units(scan.amounts, minor_digits(currency))
    return assemble(
        catalogue=catalogue,
        currency=currency,
        axes={name: encoder.values for name, encoder in scan.encoders.items()},
        columns=scan.columns,
        minor=minor,
        decimals=scan.amounts if minor is None else None,
    )


def minor_sum(amounts: Minor) -> int:
    """The exact sum of a non-negative int64 array, as a Python int."""
    if not len(amounts):
        return 0
    # Two 32-bit halves: each half's int64 sum cannot overflow below 2**31 lines.
    high = int(np.sum(amounts >> 32, dtype=np.int64))
    low = int(np.sum(amounts & 0xFFFFFFFF, dtype=np.int64))
    return (high << 32) + low


def assemble(
    *,
    catalogue: Catalogue,
    currency: str,
    axes: dict[str, list[Any]],
    columns: dict[str, Any],
    minor: Any,
    decimals: list[Decimal] | None,
    abs_total: int | None = None,
) -> dict[str, Any]:
    """Sort each axis into rollup order, recode the columns, check the bound."""
    size = len(columns["kind"])
    arrays: dict[str, Codes] = {}
    sorted_axes: dict[str, tuple[Any, ...]] = {}
    for name, values in axes.items():
        order = sorted(range(len(values)), key=lambda i: catalogue.sort_key(name, values[i]))
        recode = np.empty(max(len(values), 1), dtype=np.int64)
        recode[order] = np.arange(len(order))
        dtype = _small_dtype(len(values))
        given = columns[name]
        kind = getattr(given, "dtype", None)
        raw = given if kind is not None and kind.kind in "iu" else np.asarray(given, np.int64)
        # Taken straight into the small dtype: no int64 column per axis on the way.
        arrays[name] = np.take(recode.astype(dtype), raw) if size else raw.astype(dtype)
        sorted_axes[name] = tuple(values[i] for i in order)
    arrays["kind"] = np.asarray(columns["kind"], dtype=np.uint8)
    for array in arrays.values():
        array.flags.writeable = False
    minor_array: Minor | None = None
    total = 0
    if minor is not None:
        total = sum(minor) if abs_total is None else abs_total
        if total < MINOR_UNIT_BOUND:
            minor_array = np.asarray(minor, dtype=np.int64)
            minor_array.flags.writeable = False
        else:
            # Too large for int64 sums: keep exact Decimals instead.
            digits = minor_digits(currency)
            decimals = [Decimal(int(m)).scaleb(-digits, EXACT) for m in minor]
    kind_of = catalogue.kind_map()
    return {
        "_catalogue": catalogue,
        "_currency": currency,
        "_size": size,
        "_projects": sorted_axes["project"],
        "_domains": sorted_axes["domain"],
        "_domain_kinds": tuple(
            None if d is None else kind_of.get(d) for d in sorted_axes["domain"]
        ),
        "_partners": sorted_axes["partner"],
        "_streams": sorted_axes["stream"],
        "_periods": sorted_axes["period"],
        "_columns": arrays,
        "_minor": minor_array,
        "_decimals": None if decimals is None else tuple(decimals),
        "_abs_total": total,
    }


class _Chunks:
    """A programme's lines as chunks of columns: runs of flow objects (scanned as
    :func:`from_flows` does) between projects whose flows are held as columns (taken whole,
    a few numpy operations each)."""

    def __init__(self, currency: str) -> None:
        self.scan = _Scan(currency)
        self.columns: dict[str, list[Any]] = {name: [] for name in (*AXES, "kind")}
        # Each chunk's amounts: whole minor units (or None), and their exact Decimals.
        self.minor: list[Minor | None] = []
        self.decimals: list[Callable[[], Sequence[Decimal]]] = []
        self.digits = minor_digits(currency)
        # Codes of the templates seen, by id (the templates held so that ids stay theirs).
        self.templates: dict[int, tuple[int, int, int]] = {}
        self.held: list[CashFlow] = []

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
        minor = _minor_units(amounts, self.digits)
        self.minor.append(None if minor is None else np.asarray(minor, dtype=np.int64))
        self.decimals.append(lambda: amounts)

    def add(self, project: Project, flows: FlowColumns) -> None:
        """Add ``flows`` of ``project``, held as columns."""
        self.flush()
        if not flows:
            return
        encoders = self.scan.encoders
        partners = encoders["partner"]
        # Projects read from one file share their templates: each is encoded once.
        known = self.templates
        found = [known.get(id(t)) for t in flows.templates]
        for index, template in enumerate(flows.templates):
            if found[index] is None:
                partner = template.partner
                code = partners.codes.get(partner)
                if code is None:
                    code = partners.codes[partner] = len(partners.values)
                    partners.values.append(UNATTRIBUTED if partner is None else partner)
                stream = encoders["stream"].code(template.stream)
                found[index] = known[id(template)] = (code, stream, kind_byte(template))
                self.held.append(template)
        # Each part in the smallest dtype its codes need: the parts are held until joined.
        table = np.array(found, dtype=np.int32).reshape(-1, 3)
        templates = np.frombuffer(flows.template_codes, dtype=flows.template_codes.typecode)
        periods = np.array([encoders["period"].code(p) for p in flows.periods], dtype=np.int32)
        size = len(templates)
        columns = self.columns
        project_code = encoders["project"].code(project.key)
        domain_code = encoders["domain"].code(project.domain)
        columns["project"].append(np.full(size, project_code, dtype=_fit(project_code)))
        columns["domain"].append(np.full(size, domain_code, dtype=_fit(domain_code)))
        for name, at in (("partner", 0), ("stream", 1), ("kind", 2)):
            part = table[:, at]
            columns[name].append(np.take(part.astype(_fit(int(part.max()))), templates))
        codes = flows.period_codes
        periods = periods.astype(_fit(int(periods.max()) if len(periods) else 0))
        columns["period"].append(np.take(periods, np.frombuffer(codes, dtype=codes.typecode)))
        minor = flows.minor_units
        if minor is None:
            exact = _minor_units(list(flows.amounts()), self.digits)
            self.minor.append(None if exact is None else np.asarray(exact, dtype=np.int64))
        else:
            self.minor.append(np.frombuffer(minor, dtype=np.int64))
        self.decimals.append(flows.amounts)


def _fit(largest: int) -> Any:
    """The smallest dtype for codes up to ``largest``."""
    return np.uint8 if largest < 2**8 else np.uint16 if largest < 2**16 else np.int32


def from_programme(programme: Programme, catalogue: Catalogue) -> dict[str, Any]:
    """The state of the lines of ``programme``: flows held as columns
    (:class:`~wecb.model._flow_columns.FlowColumns`) are encoded a project at a time,
    other flows one by one."""
    currency = programme.currency
    chunks = _Chunks(currency)
    for project in programme.projects:
        flows = project.cash_flows
        held = flows.tail if isinstance(flows, Joined) else flows
        if not isinstance(held, FlowColumns):
            if flows:
                chunks.scan.add(project, list(flows))
            continue
        if isinstance(flows, Joined):
            chunks.scan.add(project, list(flows.head))
        chunks.add(project, held)
    chunks.flush()
    columns = {
        # Codes as int32: a programme has fewer than 2**31 distinct values of anything.
        name: np.concatenate(parts) if parts else np.zeros(0, dtype=np.int32)
        for name, parts in chunks.columns.items()
    }
    axes = {name: encoder.values for name, encoder in chunks.scan.encoders.items()}
    if all(m is not None for m in chunks.minor):
        parts = [m for m in chunks.minor if m is not None]
        minor = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
        # Each chunk's sum is exact (int64 halves); their sum a Python int.
        total = sum(minor_sum(m) for m in parts)
        return assemble(
            catalogue=catalogue,
            currency=currency,
            axes=axes,
            columns=columns,
            minor=minor,
            decimals=None,
            abs_total=total,
        )
    decimals = [d for amounts in chunks.decimals for d in amounts()]
    return assemble(
        catalogue=catalogue,
        currency=currency,
        axes=axes,
        columns=columns,
        minor=None,
        decimals=decimals,
    )
