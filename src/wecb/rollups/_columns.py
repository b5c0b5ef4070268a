"""Building the integer columns of :class:`~wecb.rollups.lines.Lines` (private; numpy).

Lines are built here from cash-flow objects (one pass that dictionary-encodes each
dimension) into the state a :class:`Lines` holds; :mod:`wecb.rollups._column_input` builds
them straight from columns, :mod:`wecb.rollups._programme_lines` from a programme. All
import numpy, so they are imported only when lines are built, never by ``import wecb``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal, Inexact, InvalidOperation
from typing import Any, Final, TypeAlias

import numpy as np
import numpy.typing as npt

# Minor units to Decimal and back in Money's exact context (never the caller's context).
from wecb.core._decimal import EXACT
from wecb.core.currency import minor_digits
from wecb.errors import RollupError
from wecb.model._flow_columns import code_type
from wecb.model.cashflows import CashFlow, Nature
from wecb.model.programme import Programme
from wecb.model.projects import Project
from wecb.rollups.dimensions import UNATTRIBUTED, Catalogue
from wecb.rollups.records import COST_BITS, VALUE_BITS, pair_runs

__all__ = [
    "AXES",
    "MINOR_UNIT_BOUND",
    "Codes",
    "Encoder",
    "Minor",
    "Scan",
    "assemble",
    "from_flows",
    "minor_bound",
    "minor_sum",
    "minor_units",
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


class Scan:
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


def minor_units(amounts: list[Decimal], digits: int) -> list[int] | None:
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


def from_flows(
    pairs: Iterable[object] | Programme, catalogue: Catalogue, currency: str | None
) -> dict[str, Any]:
    """The state of the lines of a programme or of ``(project, flow)`` pairs."""
    scan = Scan(currency)
    for project, flows in pair_runs(pairs):
        scan.add(project, flows)
    currency = scan.currency or currency or "GBP"
    minor = minor_units(scan.amounts, minor_digits(currency))
    return assemble(
        catalogue=catalogue,
        currency=currency,
        axes={name: encoder.values for name, encoder in scan.encoders.items()},
        columns=scan.columns,
        minor=minor,
        decimals=scan.amounts if minor is None else None,
    )


def minor_bound(amounts: Minor) -> int:
    """An upper bound of the sum of a non-negative int64 array (as a Python int): the
    count times the largest amount, or the exact sum when that bound reaches
    :data:`MINOR_UNIT_BOUND` (one pass over the amounts instead of two)."""
    if not len(amounts):
        return 0
    bound = len(amounts) * int(amounts.max())
    return bound if bound < MINOR_UNIT_BOUND else minor_sum(amounts)


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
    bound: int | None = None,
    ordered: bool = False,
) -> dict[str, Any]:
    """Sort each axis into rollup order (``ordered``: the caller already did), recode the
    columns, check the bound (``bound``: at least the sum of ``minor``, and exact from
    :data:`MINOR_UNIT_BOUND` up; see :func:`minor_bound`)."""
    size = len(columns["kind"])
    arrays: dict[str, Codes] = {}
    sorted_axes: dict[str, tuple[Any, ...]] = {}
    for name, values in axes.items():
        order = (
            list(range(len(values)))
            if ordered
            else sorted(range(len(values)), key=lambda i: catalogue.sort_key(name, values[i]))
        )
        recode = np.empty(max(len(values), 1), dtype=np.int64)
        recode[order] = np.arange(len(order))
        dtype = code_type(len(values))
        given = columns[name]
        kind = getattr(given, "dtype", None)
        raw = given if kind is not None and kind.kind in "iu" else np.asarray(given, np.int64)
        if not size or order == list(range(len(order))):  # already in order: no pass
            arrays[name] = raw.astype(dtype, copy=False)
        else:  # taken straight into the small dtype: no int64 column on the way
            arrays[name] = np.take(recode.astype(dtype), raw)
        sorted_axes[name] = tuple(values[i] for i in order)
    arrays["kind"] = np.asarray(columns["kind"], dtype=np.uint8)
    for array in arrays.values():
        array.flags.writeable = False
    minor_array: Minor | None = None
    if minor is not None:
        if (sum(minor) if bound is None else bound) < MINOR_UNIT_BOUND:
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
    }
