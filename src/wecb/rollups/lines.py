"""Cash-flow lines as integer columns: the input of the columnar rollup engine.

:class:`Lines` is built once from a programme (or from ``(project, flow)`` pairs, or
from columns) and reused by any number of rollups. Each dimension is dictionary-encoded:
a line holds small integer codes into a table of distinct values, plus its amount in
whole minor units (pence) as an ``int64``. A line costs about 17 bytes.

Lines are *exact in minor units* when every amount is a whole number of pence and the
sum of all amounts is below ``2**63`` pence, checked when the lines are built. Only then
may a rollup use integer columns; otherwise the lines keep each amount as a ``Decimal``
and rollups take the object path, so no amount is ever rounded.

numpy is imported only when lines are built, never by ``import wecb``.

>>> from wecb.model.cashflows import CashFlow, Nature
>>> from wecb.core.money import Money
>>> from wecb.core.periods import FinancialYear
>>> from wecb.model.projects import Project
>>> p = Project(key="p1", title="Pilot", domain="health")
>>> fy = FinancialYear(2013)
>>> pairs = [(p, CashFlow(amount=Money("10.50"), nature=Nature.COST, period=fy)),
...          (p, CashFlow(amount=Money("0.001"), nature=Nature.BENEFIT, period=fy))]
>>> Lines.from_flows(pairs[:1]).exact, Lines.from_flows(pairs).exact
(True, False)
>>> len(Lines.from_flows(pairs))
2
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal, Inexact, InvalidOperation
from typing import TYPE_CHECKING, Any, Final

# Minor units to Decimal and back in Money's exact context (never the caller's context).
from wecb.core._decimal import EXACT
from wecb.core.money import Money, minor_digits
from wecb.core.periods import FinancialYear, OpenPeriod, Period
from wecb.errors import FloatNotAllowedError, ParseError, RollupError
from wecb.model.cashflows import CashFlow, CostType, Nature, ValueType
from wecb.model.domains import Domain, DomainKind
from wecb.model.programme import Programme
from wecb.model.projects import Project
from wecb.rollups.dimensions import UNATTRIBUTED, Catalogue, KeyValue, Record

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = ["MINOR_UNIT_BOUND", "Lines"]

#: The columnar path needs the sum of every amount, in minor units, below this.
MINOR_UNIT_BOUND: Final = 2**63

# The kind byte of a line: bit 0 benefit, bit 1 cashable, bits 2-3 the cost type of a
# cost or the value type of a benefit (0 for none, else 1 + the enum's index).
_COST_TYPES: Final = (None, *CostType)
_VALUE_TYPES: Final = (None, *ValueType)
_KINDS: Final = (*DomainKind, None)
_COST_BITS: Final = {id(t): i << 2 for i, t in enumerate(_COST_TYPES)}
_VALUE_BITS: Final = {id(t): (i << 2) | 1 for i, t in enumerate(_VALUE_TYPES)}


def _small_dtype(count: int) -> str:
    if count <= 2**8:
        return "uint8"
    if count <= 2**16:
        return "uint16"
    return "uint32"


def kind_code(nature: Nature, cashable: bool, type_: CostType | ValueType | None) -> int:
    """The kind byte of a line."""
    benefit = nature is Nature.BENEFIT
    types = _VALUE_TYPES if benefit else _COST_TYPES
    return int(benefit) | (int(cashable) << 1) | (types.index(type_) << 2)


def decode_kind(code: int) -> tuple[Nature, bool, ValueType | None, CostType | None]:
    """``(nature, cashable, value_type, cost_type)`` of a kind byte."""
    benefit = bool(code & 1)
    type_index = code >> 2
    return (
        Nature.BENEFIT if benefit else Nature.COST,
        bool(code & 2),
        _VALUE_TYPES[type_index] if benefit else None,
        None if benefit else _COST_TYPES[type_index],
    )


class _Encoder:
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
        names = ("project", "domain", "partner", "stream", "period")
        self.encoders = {name: _Encoder() for name in names}
        self.columns: dict[str, list[int]] = {name: [] for name in (*names, "kind")}

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
            if flow.nature is benefit:
                kind, partner = _VALUE_BITS[id(flow.value_type)], flow.beneficiary
            else:
                kind, partner = _COST_BITS[id(flow.cost_type)], flow.payer
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


class Lines:
    """Cash-flow lines as dictionary-encoded integer columns (see the module docstring).

    Build with :meth:`from_programme`, :meth:`from_flows` or :meth:`from_columns`;
    immutable once built. Pass to :func:`wecb.rollups.rollup` (or call :meth:`rollup`).
    """

    __slots__ = (
        "_abs_total",
        "_catalogue",
        "_columns",
        "_currency",
        "_decimals",
        "_domain_kinds",
        "_domains",
        "_minor",
        "_partners",
        "_periods",
        "_projects",
        "_size",
        "_streams",
    )

    _catalogue: Catalogue
    _currency: str
    _size: int
    # Axis tables: code -> value.
    _projects: tuple[str | None, ...]
    _domains: tuple[str | None, ...]
    _domain_kinds: tuple[DomainKind | None, ...]
    _partners: tuple[str, ...]
    _streams: tuple[str | None, ...]
    _periods: tuple[Period, ...]
    # Columns: "project", "domain", "partner", "stream", "period", "kind".
    _columns: dict[str, npt.NDArray[np.unsignedinteger[Any]]]
    _minor: npt.NDArray[np.int64] | None
    _decimals: tuple[Decimal, ...] | None
    _abs_total: int

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Lines are immutable: cannot set {name!r}")

    # -- construction -------------------------------------------------------------------

    @classmethod
    def from_programme(cls, programme: Programme) -> Lines:
        """Every cash flow of ``programme``, keys ordered as the programme declares them."""
        if not isinstance(programme, Programme):
            raise RollupError(f"Lines.from_programme needs a Programme, got {programme!r}")
        return cls._build(programme, Catalogue.from_programme(programme), programme.currency)

    @classmethod
    def from_flows(
        cls,
        pairs: Iterable[tuple[Project, CashFlow]],
        *,
        domains: Iterable[Domain] | None = None,
        currency: str | None = None,
    ) -> Lines:
        """Lines from ``(project, flow)`` pairs; ``domains`` gives the domains' kinds (for
        the ``domain_kind`` dimension) and order; ``currency`` is needed only when there
        are no pairs (default GBP)."""
        return cls._build(pairs, Catalogue.from_domains(domains), currency)

    @classmethod
    def _build(
        cls,
        pairs: Iterable[tuple[Project, CashFlow]] | Programme,
        catalogue: Catalogue,
        currency: str | None,
    ) -> Lines:
        scan = _Scan(currency)
        for project, flows in _runs(pairs):
            scan.add(project, flows)
        currency = scan.currency or currency or "GBP"
        minor = _minor_units(scan.amounts, minor_digits(currency))
        return cls._assemble(
            catalogue=catalogue,
            currency=currency,
            axes={name: encoder.values for name, encoder in scan.encoders.items()},
            columns=scan.columns,
            minor=minor,
            decimals=scan.amounts if minor is None else None,
            kind_of=catalogue.kind_map(),
        )

    @classmethod
    def _assemble(
        cls,
        *,
        catalogue: Catalogue,
        currency: str,
        axes: dict[str, list[Any]],
        columns: dict[str, Any],
        minor: Any,
        decimals: list[Decimal] | None,
        kind_of: dict[str, DomainKind],
        abs_total: int | None = None,
    ) -> Lines:
        """Sort each axis into rollup order, recode the columns, check the bound."""
        import numpy as np  # noqa: PLC0415 -- numpy only when lines are built

        size = len(columns["kind"])
        arrays: dict[str, npt.NDArray[np.unsignedinteger[Any]]] = {}
        sorted_axes: dict[str, tuple[Any, ...]] = {}
        for name, values in axes.items():
            dim = "partner" if name == "partner" else name
            order = sorted(range(len(values)), key=lambda i: catalogue.sort_key(dim, values[i]))
            recode = np.empty(max(len(values), 1), dtype=np.int64)
            recode[order] = np.arange(len(order))
            dtype = _small_dtype(len(values))
            raw = np.asarray(columns[name], dtype=np.int64)
            arrays[name] = np.take(recode, raw).astype(dtype) if size else raw.astype(dtype)
            sorted_axes[name] = tuple(values[i] for i in order)
        arrays["kind"] = np.asarray(columns["kind"], dtype=np.uint8)
        for array in arrays.values():
            array.flags.writeable = False
        minor_array: npt.NDArray[np.int64] | None = None
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
        lines = object.__new__(cls)
        set_ = object.__setattr__
        set_(lines, "_catalogue", catalogue)
        set_(lines, "_currency", currency)
        set_(lines, "_size", size)
        set_(lines, "_projects", sorted_axes["project"])
        set_(lines, "_domains", sorted_axes["domain"])
        domain_kinds = tuple(None if d is None else kind_of.get(d) for d in sorted_axes["domain"])
        set_(lines, "_domain_kinds", domain_kinds)
        set_(lines, "_partners", sorted_axes["partner"])
        set_(lines, "_streams", sorted_axes["stream"])
        set_(lines, "_periods", sorted_axes["period"])
        set_(lines, "_columns", arrays)
        set_(lines, "_minor", minor_array)
        set_(lines, "_decimals", None if decimals is None else tuple(decimals))
        set_(lines, "_abs_total", total)
        return lines

    @classmethod
    def from_columns(
        cls,
        *,
        minor_units: Any,
        nature: Any,
        period: Any,
        cashable: Any = None,
        project: Any = None,
        domain: Any = None,
        partner: Any = None,
        stream: Any = None,
        cost_type: Any = None,
        value_type: Any = None,
        currency: str = "GBP",
        domains: Iterable[Domain] | None = None,
    ) -> Lines:
        """Lines straight from columns, without building cash-flow objects.

        ``minor_units`` is an integer array (or sequence) of non-negative amounts in minor
        units (pence); every other argument is one column of the same length, given as
        a sequence of values or as a pair ``(codes, categories)`` of an integer array
        and the distinct values it indexes (the fast form for millions of lines).

        ``nature``: :class:`~wecb.model.cashflows.Nature` or ``'cost'``/``'benefit'``;
        ``period``: :class:`~wecb.core.periods.FinancialYear`,
        :class:`~wecb.core.periods.OpenPeriod` or text such as ``'2012/13'``; ``cashable``: bools
        (default all ``True``);
        ``project``, ``domain``, ``stream``: keys or ``None``; ``partner``: the payer of a
        cost or the beneficiary of a benefit (``None`` for nobody named); ``cost_type``
        and ``value_type``: enums, their values, or ``None`` (a benefit's value type
        defaults to fiscal). ``domains`` gives the domains' kinds and order.

        >>> from wecb.core.periods import FinancialYear
        >>> lines = Lines.from_columns(
        ...     minor_units=[1000, 250], nature=["cost", "benefit"],
        ...     period=[FinancialYear(2012), FinancialYear(2013)], domain=["health", "health"])
        >>> lines.rollup("period").total.net
        Money('-7.50', 'GBP')
        """
        import numpy as np  # noqa: PLC0415 -- numpy only when lines are built

        if isinstance(minor_units, float):
            raise FloatNotAllowedError("minor_units must hold integers, got a float")
        amounts = np.asarray(minor_units)
        if amounts.ndim != 1:
            raise RollupError(f"minor_units must be one-dimensional, got shape {amounts.shape}")
        size = len(amounts)
        if size and amounts.dtype.kind == "f":
            raise FloatNotAllowedError(
                "minor_units must hold integers (pence), got floats, which cannot hold money "
                "exactly"
            )
        if size and amounts.dtype.kind not in "iu":
            for value in minor_units:
                _int_units(value)
            raise RollupError(
                "minor_units: an amount does not fit in a 64-bit integer; build such lines "
                "with Lines.from_flows"
            )
        amounts = amounts.astype(np.int64, copy=False)
        if size and int(amounts.min()) < 0:
            raise RollupError(
                "minor_units must be non-negative magnitudes (the nature column gives the sign), "
                f"got {int(amounts.min())}"
            )
        natures, nature_values = _encode("nature", nature, size, _nature)
        periods, period_values = _encode("period", period, size, _period)
        cash = (
            np.ones(size, dtype=bool) if cashable is None else _bools("cashable", cashable, size)
        )
        projects, project_values = _encode("project", project, size, _optional_key)
        domain_codes, domain_values = _encode("domain", domain, size, _optional_key)
        partner_codes, partner_values = _encode("partner", partner, size, _partner)
        stream_codes, stream_values = _encode("stream", stream, size, _optional_key)
        cost_codes, cost_values = _encode("cost_type", cost_type, size, _enum(CostType))
        value_codes, value_values = _encode("value_type", value_type, size, _enum(ValueType))
        is_benefit = np.take(
            np.array([v is Nature.BENEFIT for v in nature_values] or [False]), natures
        )
        # Type bits: the cost type of a cost, the value type of a benefit (fiscal default).
        cost_bits = np.array([_COST_TYPES.index(v) for v in cost_values] or [0])
        value_bits = np.array(
            [_VALUE_TYPES.index(ValueType.FISCAL if v is None else v) for v in value_values] or [0]
        )
        cost_type_codes = np.take(cost_bits, cost_codes)
        value_type_codes = np.take(value_bits, value_codes)
        given_value = np.take(
            np.array([v is not None for v in value_values] or [False]), value_codes
        )
        problems = []
        if np.any(~is_benefit & given_value):
            problems.append("a cost line has a value_type (costs take cost_type)")
        if np.any(is_benefit & (cost_type_codes != 0)):
            problems.append("a benefit line has a cost_type (benefits take value_type)")
        in_kind = _COST_TYPES.index(CostType.IN_KIND)
        if np.any(~is_benefit & (cost_type_codes == in_kind) & cash):
            problems.append("an in-kind cost line is cashable (in-kind costs are not cash)")
        has_stream = np.take(
            np.array([v is not None for v in stream_values] or [False]), stream_codes
        )
        if np.any(is_benefit & has_stream):
            problems.append("a benefit line draws on a funding stream (only costs do)")
        if problems:
            raise RollupError("Lines.from_columns: " + "; ".join(problems))
        kind = (
            is_benefit.astype(np.uint8)
            | (cash.astype(np.uint8) << 1)
            | (np.where(is_benefit, value_type_codes, cost_type_codes).astype(np.uint8) << 2)
        )
        catalogue = Catalogue.from_domains(domains)
        return cls._assemble(
            catalogue=catalogue,
            currency=Money.zero(currency).currency,
            axes={
                "project": project_values,
                "domain": domain_values,
                "partner": partner_values,
                "stream": stream_values,
                "period": period_values,
            },
            columns={
                "project": projects,
                "domain": domain_codes,
                "partner": partner_codes,
                "stream": stream_codes,
                "period": periods,
                "kind": kind,
            },
            minor=amounts,
            decimals=None,
            kind_of=catalogue.kind_map(),
            abs_total=_exact_sum(amounts),
        )

    # -- queries ------------------------------------------------------------------------

    def __len__(self) -> int:
        return self._size

    @property
    def currency(self) -> str:
        """The one currency of every line."""
        return self._currency

    @property
    def catalogue(self) -> Catalogue:
        """Declaration orders and domain kinds the lines were built with."""
        return self._catalogue

    @property
    def exact(self) -> bool:
        """Whether the amounts are held as int64 minor units (every amount a whole number
        of minor units, their sum below ``2**63``), so the columnar path may be used."""
        return self._minor is not None

    @property
    def nbytes(self) -> int:
        """Bytes held by the line columns (not counting the small axis tables)."""
        held = sum(a.nbytes for a in self._columns.values())
        return held + (0 if self._minor is None else self._minor.nbytes)

    def __repr__(self) -> str:
        held = "whole minor units" if self.exact else "exact Decimals (below the minor unit)"
        return f"<Lines: {self._size:,} lines in {self._currency}, amounts as {held}>"

    def __reduce__(self) -> tuple[Callable[..., Lines], tuple[Any, ...]]:
        return (_rebuild, (self._state(),))

    def _state(self) -> dict[str, Any]:
        return {name: object.__getattribute__(self, name) for name in Lines.__slots__}

    def rollup(
        self, by: str | Sequence[str] = (), where: Any = None, *, engine: str = "auto"
    ) -> Any:
        """``wecb.rollups.rollup(self, by, where, engine=engine)``."""
        from wecb.rollups.engine import rollup  # noqa: PLC0415 -- engine imports this module

        return rollup(self, by, where, engine=engine)  # type: ignore[arg-type]

    # -- for the engine -----------------------------------------------------------------

    def axis(self, name: str) -> tuple[Any, ...]:
        """The distinct values of base column ``name``, in code order."""
        return {
            "project": self._projects,
            "domain": self._domains,
            "partner": self._partners,
            "stream": self._streams,
            "period": self._periods,
        }[name]

    def column(self, name: str) -> npt.NDArray[np.unsignedinteger[Any]]:
        """The codes of base column ``name`` (read-only)."""
        return self._columns[name]

    @property
    def domain_kinds(self) -> tuple[DomainKind | None, ...]:
        """The kind of each domain of the domain axis (``None`` if unknown)."""
        return self._domain_kinds

    @property
    def minor_units(self) -> npt.NDArray[np.int64] | None:
        """The amounts in minor units, or ``None`` when the lines are not exact in them."""
        return self._minor

    def records(self) -> Iterator[tuple[Record, Decimal]]:
        """Each line as its dimension values and exact amount (for the object path)."""
        digits = minor_digits(self._currency)
        if self._decimals is not None:
            amounts: Iterable[Decimal] = self._decimals
        else:
            assert self._minor is not None
            amounts = (Decimal(m).scaleb(-digits, EXACT) for m in self._minor.tolist())
        kinds = [decode_kind(k) for k in range(16)]
        domain_kind = self._domain_kinds
        columns = [
            self._columns[n].tolist()
            for n in ("project", "domain", "partner", "stream", "period", "kind")
        ]
        for project, domain, partner, stream, period, kind, amount in zip(
            *columns, amounts, strict=True
        ):
            nature, cashable, value_type, cost_type = kinds[kind]
            who = self._partners[partner]
            is_cost = nature is Nature.COST
            row: Record = (
                self._domains[domain],
                domain_kind[domain],
                self._projects[project],
                who,
                who if is_cost else None,
                None if is_cost else who,
                self._streams[stream],
                self._periods[period],
                nature,
                cashable,
                value_type,
                cost_type,
            )
            yield row, amount


def _rebuild(state: dict[str, Any]) -> Lines:
    lines = object.__new__(Lines)
    for name, value in state.items():
        object.__setattr__(lines, name, value)
    return lines


def _runs(pairs: Iterable[object] | Programme) -> Iterator[tuple[Project, list[CashFlow]]]:
    """Checked pairs as runs of consecutive flows of one project (a programme's flows come
    project by project)."""
    if isinstance(pairs, Programme):
        for project in pairs.projects:
            if project.cash_flows:
                yield project, list(project.cash_flows)
        return
    run: list[CashFlow] = []
    current: Project | None = None
    for index, pair in enumerate(pairs):
        project, flow = _check_pair(index, pair)
        if project is not current:
            if current is not None:
                yield current, run
            current, run = project, []
        run.append(flow)
    if current is not None:
        yield current, run


def _check_pair(index: int, pair: object) -> tuple[Project, CashFlow]:
    if (
        isinstance(pair, tuple)
        and len(pair) == 2
        and isinstance(pair[0], Project)
        and isinstance(pair[1], CashFlow)
    ):
        return pair[0], pair[1]
    raise RollupError(
        f"line {index}: expected a (Project, CashFlow) pair, "
        f"got {type(pair).__name__} {pair!r:.80}"
    )


def _exact_sum(amounts: Any) -> int:
    """The exact sum of a non-negative int64 array, as a Python int."""
    import numpy as np  # noqa: PLC0415

    if not len(amounts):
        return 0
    # Two 32-bit halves: each half's int64 sum cannot overflow below 2**31 lines.
    high = int(np.sum(amounts >> 32, dtype=np.int64))
    low = int(np.sum(amounts & 0xFFFFFFFF, dtype=np.int64))
    return (high << 32) + low


def _int_units(value: object) -> int:
    if isinstance(value, float):
        raise FloatNotAllowedError(f"minor_units: got float {value!r}; pass whole pence as int")
    if isinstance(value, bool) or not isinstance(value, int):
        raise RollupError(f"minor_units: {value!r} is not accepted; expected an int (pence)")
    return value


def _nature(value: object) -> Nature:
    if isinstance(value, Nature):
        return value
    if isinstance(value, str) and value in ("cost", "benefit"):
        return Nature(value)
    raise RollupError(f"nature: {value!r} is not accepted; expected a Nature, 'cost' or 'benefit'")


def _period(value: object) -> Period:
    if isinstance(value, FinancialYear | OpenPeriod):
        return value
    if isinstance(value, str):
        try:
            return FinancialYear.parse(value)
        except ParseError as exc:
            raise RollupError(f"period: {exc}") from None
    raise RollupError(
        f"period: {value!r} is not accepted; expected a FinancialYear, an OpenPeriod or "
        "text such as '2012/13'"
    )


def _optional_key(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise RollupError(f"{value!r} is not accepted as a key; expected str or None")


def _partner(value: object) -> str:
    key = _optional_key(value)
    return UNATTRIBUTED if key is None else key


def _enum(kind: type[CostType] | type[ValueType]) -> Callable[[object], KeyValue]:
    def convert(value: object) -> KeyValue:
        if value is None or isinstance(value, kind):
            return value
        if isinstance(value, str):
            try:
                return kind(value)
            except ValueError:
                pass
        raise RollupError(f"{value!r} is not accepted; expected a {kind.__name__} or None")

    return convert


def _encode(
    name: str, column: Any, size: int, convert: Callable[[object], Any]
) -> tuple[npt.NDArray[np.int64], list[Any]]:
    """Codes and distinct (converted) values of a column; ``None`` means all ``None``."""
    import numpy as np  # noqa: PLC0415

    if column is None:
        if not _accepts_none(convert):
            raise RollupError(f"{name}: this column is required")
        return np.zeros(size, dtype=np.int64), [convert(None)]
    if isinstance(column, tuple) and len(column) == 2 and hasattr(column[0], "dtype"):
        codes = np.asarray(column[0])
        categories = list(column[1])
        if codes.dtype.kind not in "iu" or codes.shape != (size,):
            raise RollupError(f"{name}: codes must be an integer array of {size} lines")
        if size and (int(codes.min()) < 0 or int(codes.max()) >= len(categories)):
            raise RollupError(f"{name}: a code is outside 0..{len(categories) - 1}")
        raw_codes = codes.astype(np.int64)
    else:
        if isinstance(column, str | bytes) or not hasattr(column, "__len__"):
            raise RollupError(f"{name}: expected a sequence of {size} values, got {column!r:.60}")
        if len(column) != size:
            raise RollupError(f"{name}: {len(column)} values for {size} lines")
        array = np.asarray(column) if hasattr(column, "dtype") else None
        if array is not None and array.dtype.kind in "iuUS" and array.ndim == 1:
            uniques, inverse = np.unique(array, return_inverse=True)
            categories = [u.item() for u in uniques]
            raw_codes = inverse.astype(np.int64)
        else:
            encoder = _Encoder()
            raw_codes = np.fromiter((encoder.code(v) for v in column), dtype=np.int64, count=size)
            categories = encoder.values
    converted = [convert(v) for v in categories]
    # Different spellings of one value ('cost' and Nature.COST) become one code.
    canonical = _Encoder()
    remap = np.array([canonical.code(v) for v in converted] or [0], dtype=np.int64)
    return np.take(remap, raw_codes), canonical.values


def _accepts_none(convert: Callable[[object], Any]) -> bool:
    try:
        convert(None)
    except RollupError:
        return False
    return True


def _bools(name: str, column: Any, size: int) -> npt.NDArray[np.bool_]:
    import numpy as np  # noqa: PLC0415

    array = np.asarray(column)
    if array.shape != (size,) or (size and array.dtype.kind != "b"):
        raise RollupError(f"{name}: expected {size} bools")
    return array.astype(bool)
