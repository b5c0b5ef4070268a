"""Cash-flow lines as integer columns: the input of the columnar rollup engine.

:class:`Lines` is built once from a programme (or from ``(project, flow)`` pairs, or
from columns) and reused by any number of rollups. Each dimension is dictionary-encoded:
a line holds small integer codes into a table of distinct values, plus its amount in
whole minor units (pence) as an ``int64``. A line costs about 17 bytes.

Lines are *exact in minor units* when every amount is a whole number of pence and the
sum of all amounts is below ``2**63`` pence, checked when the lines are built. Only then
may a rollup use integer columns; otherwise the lines keep each amount as a ``Decimal``
and rollups take the object path, so no amount is ever rounded.

numpy is imported only when lines are built (by the private ``_columns`` module), never by
``import wecb``.

>>> from wecb.model.cashflows import CashFlow, Nature, ValueType
>>> from wecb.core.money import Money
>>> from wecb.core.periods import FinancialYear
>>> from wecb.model.projects import Project
>>> p = Project(key="p1", title="Pilot", domain="health")
>>> fy = FinancialYear(2013)
>>> pairs = [(p, CashFlow(amount=Money("10.50"), nature=Nature.COST, period=fy)),
...          (p, CashFlow(amount=Money("0.001"), nature=Nature.BENEFIT, period=fy,
...                       value_type=ValueType.SOCIAL))]
>>> Lines.from_flows(pairs[:1]).exact, Lines.from_flows(pairs).exact
(True, False)
>>> len(Lines.from_flows(pairs))
2
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

# Minor units to Decimal in Money's exact context (never the caller's context).
from wecb.core._decimal import EXACT
from wecb.core.currency import minor_digits
from wecb.core.periods import Period
from wecb.errors import RollupError, WecbTypeError
from wecb.model.cashflows import CashFlow
from wecb.model.domains import Domain, DomainKind
from wecb.model.programme import Programme
from wecb.model.projects import Project
from wecb.rollups.dimensions import Catalogue, Record
from wecb.rollups.records import line_record

if TYPE_CHECKING:
    from wecb.rollups._columns import Codes, Minor

__all__ = ["Lines"]


class Lines:
    """Cash-flow lines as dictionary-encoded integer columns (see the module docstring).

    Build with :meth:`from_programme`, :meth:`from_flows` or :meth:`from_columns`;
    immutable once built. Pass to :func:`wecb.rollups.rollup`.
    """

    __slots__ = (
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
    _columns: dict[str, Codes]
    _minor: Minor | None
    _decimals: tuple[Decimal, ...] | None

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Lines are immutable: cannot set {name!r}")

    # -- construction -------------------------------------------------------------------

    @classmethod
    def _from_state(cls, state: dict[str, Any]) -> Lines:
        lines = object.__new__(cls)
        for name, value in state.items():
            object.__setattr__(lines, name, value)
        return lines

    @classmethod
    def from_programme(cls, programme: Programme) -> Lines:
        """Every cash flow of ``programme``, keys ordered as the programme declares them."""
        if not isinstance(programme, Programme):
            raise WecbTypeError.not_accepted("Lines.from_programme", programme, "a Programme")
        from wecb.rollups._programme_lines import from_programme  # noqa: PLC0415 -- numpy

        catalogue = Catalogue.from_programme(programme)
        return cls._from_state(from_programme(programme, catalogue))

    @classmethod
    def from_flows(
        cls,
        pairs: Iterable[tuple[Project, CashFlow]],
        *,
        domains: Iterable[Domain] | None = None,
        currency: str | None = None,
        catalogue: Catalogue | None = None,
    ) -> Lines:
        """Lines from ``(project, flow)`` pairs; ``domains`` gives the domains' kinds (for
        the ``domain_kind`` dimension) and order, or ``catalogue`` every declaration order
        (not both); ``currency`` is needed only when there are no pairs (default GBP)."""
        from wecb.rollups._columns import from_flows  # noqa: PLC0415 -- numpy only when built

        if catalogue is None:
            catalogue = Catalogue.from_domains(domains)
        elif domains is not None:
            raise RollupError("Lines.from_flows: give domains or a catalogue, not both")
        elif not isinstance(catalogue, Catalogue):
            raise WecbTypeError.not_accepted(
                "Lines.from_flows catalogue", catalogue, "a Catalogue"
            )
        return cls._from_state(from_flows(pairs, catalogue, currency))

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
        :class:`~wecb.core.periods.OpenPeriod` or text such as ``'2012/13'``;
        ``project``, ``domain``, ``stream``: keys or ``None``; ``partner``: the payer of a
        cost or the beneficiary of a benefit (``None`` for nobody named); ``cost_type``
        and ``value_type``: enums, their values, or ``None``. As for a
        :class:`~wecb.model.cashflows.CashFlow`, every benefit line states its value type
        (fiscal, economic, social or unclassified; none is refused, never taken as fiscal).
        ``cashable``: bools, one per line; without it a cost is cashable unless in kind and a
        benefit that is not fiscal is not, and lines holding a fiscal benefit are refused (a
        fiscal benefit must say whether it is cashable). A benefit that is not fiscal is
        never cashable. ``domains`` gives the domains' kinds and order.

        >>> from wecb.core.periods import FinancialYear
        >>> lines = Lines.from_columns(
        ...     minor_units=[1000, 250], nature=["cost", "benefit"],
        ...     period=[FinancialYear(2012), FinancialYear(2013)], domain=["health", "health"],
        ...     value_type=[None, "fiscal"], cashable=[True, False])
        >>> len(lines), lines.exact, lines.axis("domain")
        (2, True, ('health',))
        >>> Lines.from_columns(minor_units=[250], nature=["benefit"], period=["2013/14"])
        Traceback (most recent call last):
        ...
        wecb.errors.RollupError: Lines.from_columns: a benefit line has no value_type (1 line, \
        the first line 0); state each benefit's value type: ...
        """
        from wecb.rollups._column_input import from_columns  # noqa: PLC0415 -- numpy

        columns = {
            "nature": nature,
            "period": period,
            "project": project,
            "domain": domain,
            "partner": partner,
            "stream": stream,
            "cost_type": cost_type,
            "value_type": value_type,
        }
        state = from_columns(
            minor_units=minor_units,
            columns=columns,
            cashable=cashable,
            currency=currency,
            catalogue=Catalogue.from_domains(domains),
        )
        return cls._from_state(state)

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
        state = {name: object.__getattribute__(self, name) for name in Lines.__slots__}
        return (_rebuild, (state,))

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

    def column(self, name: str) -> Codes:
        """The codes of base column ``name`` (read-only)."""
        return self._columns[name]

    @property
    def domain_kinds(self) -> tuple[DomainKind | None, ...]:
        """The kind of each domain of the domain axis (``None`` if unknown)."""
        return self._domain_kinds

    @property
    def minor_units(self) -> Minor | None:
        """The amounts in minor units, or ``None`` when the lines are not exact in them."""
        return self._minor

    def records(self) -> Iterator[tuple[Record, Decimal]]:
        """Each line as its record (:func:`~wecb.rollups.records.line_record`) and exact
        amount, for the object path."""
        digits = minor_digits(self._currency)
        if self._decimals is not None:
            amounts: Iterable[Decimal] = self._decimals
        else:
            assert self._minor is not None
            amounts = (Decimal(m).scaleb(-digits, EXACT) for m in self._minor.tolist())
        domains, kinds, projects = self._domains, self._domain_kinds, self._projects
        partners, streams, periods = self._partners, self._streams, self._periods
        columns = [
            self._columns[n].tolist()
            for n in ("project", "domain", "partner", "stream", "period", "kind")
        ]
        for project, domain, partner, stream, period, kind, amount in zip(
            *columns, amounts, strict=True
        ):
            record = line_record(
                domains[domain],
                kinds[domain],
                projects[project],
                partners[partner],
                streams[stream],
                periods[period],
                kind,
            )
            yield record, amount


def _rebuild(state: dict[str, Any]) -> Lines:
    return Lines._from_state(state)
