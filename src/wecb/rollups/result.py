"""The result of a rollup: the :class:`Rollup` value object, :class:`Totals` per group.

A :class:`Rollup` is immutable. Its :attr:`~Rollup.total` is the sum of its groups and
every subtotal is the sum of the groups below it, so subtotals always add up to the
total exactly (money is :class:`~wecb.core.money.Money`, never rounded). :meth:`Rollup.table`
lays the groups out with a subtotal row after each block and the total last (drawn by the
private ``wecb.rollups._rollup_table``).

>>> from wecb.core.money import Money
>>> from wecb.core.periods import FinancialYear
>>> fy12, fy13 = FinancialYear(2012), FinancialYear(2013)
>>> r = Rollup(by=("period",), groups={
...     (fy12,): Totals(costs=Money("100"), benefits=Money("0")),
...     (fy13,): Totals(costs=Money("0"), benefits=Money("150"))})
>>> r.total
Totals(costs=Money('100', 'GBP'), benefits=Money('150', 'GBP'), net=Money('50', 'GBP'))
>>> [str(v) for v in r.cumulative().values()], r.payback_period()
(['-£100.00', '£50.00'], FinancialYear(2013))
>>> r.benefit_cost_ratio(), r.net_benefit_per_pound()
(Decimal('1.5'), Decimal('0.5'))
"""

from __future__ import annotations

import types
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final

import attrs

from wecb.core.assumptions import Assumption, ResultRows, assumption_notes
from wecb.core.money import Money
from wecb.core.periods import FinancialYear, OpenPeriod, Period
from wecb.core.table import Table, Tabular
from wecb.errors import RollupError, WecbTypeError
from wecb.rollups._rollup_table import rollup_table, table_layout
from wecb.rollups.dimensions import (
    Catalogue,
    Key,
    KeyValue,
    plain_value,
    resolve_by,
    resolve_dimension,
)
from wecb.rollups.filters import as_filters, select_rows
from wecb.rollups.totals import Totals, exact_sum, totals_from_sums

__all__ = ["REPR_MAX_ROWS", "Rollup", "Totals"]

#: Group rows shown by ``repr`` and in a notebook (``str`` shows every row).
REPR_MAX_ROWS: Final = 60
# What a pickle holds (the total is computed again).
_STATE: Final = ("by", "groups", "currency", "catalogue", "engine", "filters")


def _check_groups(
    instance: object, attribute: attrs.Attribute[Mapping[Key, Totals]], value: object
) -> None:
    if not isinstance(value, Mapping):
        raise WecbTypeError.not_accepted(
            "Rollup.groups", value, "a mapping of key tuples to Totals"
        )


@attrs.frozen(eq=False, kw_only=True)
class Rollup(Tabular):
    """Totals of cash-flow lines grouped by the dimensions ``by``.

    Made by :func:`wecb.rollups.rollup`; build one directly only from groups you trust.

    * ``by``: the dimensions, outermost first; ``groups``: key tuple (one value per
      dimension of ``by``) -> :class:`Totals`, in the order described in
      :mod:`wecb.rollups.dimensions` (periods chronological, keys in declaration order);
      only groups with at least one line appear (a group may total zero).
    * ``total``: the sum of every group; :meth:`subtotals` gives each prefix level of
      ``by``.
    * ``filters``: the filters that chose the lines and rows (see
      :mod:`wecb.rollups.filters`), as :class:`~wecb.core.assumptions.Assumption`; the
      title states them and :meth:`assumptions` lists them.
    * Equality compares ``by``, the currency and the groups (not their order, the engine
      that computed them, nor how the filters are described).
    """

    by: tuple[str, ...] = attrs.field(converter=resolve_by)
    groups: Mapping[Key, Totals] = attrs.field(validator=_check_groups)
    currency: str = "GBP"
    catalogue: Catalogue = attrs.field(factory=Catalogue, repr=False)
    #: ``"objects"`` or ``"columnar"``: the engine path that computed the groups.
    engine: str = attrs.field(default="objects", repr=False)
    filters: tuple[Assumption, ...] = attrs.field(default=(), converter=as_filters, repr=False)
    total: Totals = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        width = len(self.by)
        for key, totals in self.groups.items():
            if not isinstance(key, tuple):
                raise WecbTypeError.not_accepted("Rollup.groups key", key, "a tuple")
            if len(key) != width:
                raise RollupError(
                    f"Rollup.groups: key {key!r} must be a tuple of {width} value(s), one per "
                    f"dimension of by={self.by!r}"
                )
            if not isinstance(totals, Totals):
                raise WecbTypeError.not_accepted(f"Rollup.groups[{key!r}]", totals, "Totals")
            if totals.currency != self.currency:
                raise RollupError(
                    f"Rollup.groups[{key!r}]: expected Totals in {self.currency}, got {totals!r}"
                )
        order = sorted(self.groups, key=self.catalogue.group_sort_key(self.by))
        ordered = {key: self.groups[key] for key in order}
        object.__setattr__(self, "groups", types.MappingProxyType(ordered))
        # The total is the sum of the groups, so subtotals always add up to it.
        costs = exact_sum(t.costs.amount for t in ordered.values())
        benefits = exact_sum(t.benefits.amount for t in ordered.values())
        object.__setattr__(self, "total", totals_from_sums(costs, benefits, self.currency))

    # -- value semantics --------------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Rollup):
            return NotImplemented
        return (
            self.by == other.by
            and self.currency == other.currency
            and dict(self.groups) == dict(other.groups)
        )

    def __hash__(self) -> int:
        return hash((self.by, self.currency, frozenset(self.groups.items())))

    def __len__(self) -> int:
        return len(self.groups)

    def __iter__(self) -> Iterator[Key]:
        return iter(self.groups)

    def __getitem__(self, key: Key | KeyValue) -> Totals:
        """The totals of one group; with one dimension the bare value is enough."""
        probe = key if isinstance(key, tuple) else (key,)
        try:
            return self.groups[probe]
        except KeyError:
            raise RollupError(f"no group {key!r} in this rollup by {self.by!r}") from None

    def __add__(self, other: Rollup | int) -> Rollup:
        """The rollup of both sets of lines (same ``by`` and currency); ``0 + r`` is ``r``."""
        if isinstance(other, int) and not isinstance(other, bool) and other == 0:
            return self
        if not isinstance(other, Rollup):
            return NotImplemented
        if other.by != self.by or other.currency != self.currency:
            raise RollupError(
                f"cannot add a rollup by {other.by!r} in {other.currency} to one by "
                f"{self.by!r} in {self.currency}"
            )
        merged = dict(self.groups)
        for key, totals in other.groups.items():
            merged[key] = merged[key] + totals if key in merged else totals
        engine = self.engine if self.engine == other.engine else "mixed"
        filters = self.filters
        if other.filters != filters:
            value = f"the sum of ({_described(self)}) and ({_described(other)})"
            filters = (Assumption(name="filter", value=value),)
        return self._with(self.by, merged, self.catalogue.merge(other.catalogue), engine, filters)

    def __radd__(self, other: int) -> Rollup:
        return self.__add__(other)

    def _with(
        self,
        by: tuple[str, ...],
        groups: Mapping[Key, Totals],
        catalogue: Catalogue | None = None,
        engine: str | None = None,
        filters: tuple[Assumption, ...] | None = None,
    ) -> Rollup:
        return Rollup(
            by=by,
            groups=groups,
            currency=self.currency,
            catalogue=self.catalogue if catalogue is None else catalogue,
            engine=self.engine if engine is None else engine,
            filters=self.filters if filters is None else filters,
        )

    # -- regrouping and filtering -----------------------------------------------------

    def regroup(self, by: str | Sequence[str]) -> Rollup:
        """The same lines grouped by ``by``, a subset of this rollup's dimensions (in any
        order); equal to rolling the lines up with ``by`` directly.

        >>> fy = FinancialYear(2012)
        >>> r = Rollup(by=("project", "period"), groups={
        ...     ("a", fy): Totals(costs=Money("1"), benefits=Money("0")),
        ...     ("b", fy): Totals(costs=Money("2"), benefits=Money("5"))})
        >>> r.regroup("period")[fy].net
        Money('2', 'GBP')
        """
        dims = resolve_by(by)
        missing = [d for d in dims if d not in self.by]
        if missing:
            raise RollupError(
                f"cannot regroup by {missing!r}: this rollup is grouped by {self.by!r}; roll "
                "the lines up again with those dimensions"
            )
        where = [self.by.index(d) for d in dims]
        if where == list(range(len(self.by))):
            return self
        parts: dict[Key, list[Totals]] = {}
        for key, totals in self.groups.items():
            parts.setdefault(tuple(key[i] for i in where), []).append(totals)
        out = {
            key: totals_from_sums(
                exact_sum(t.costs.amount for t in group),
                exact_sum(t.benefits.amount for t in group),
                self.currency,
            )
            for key, group in parts.items()
        }
        return self._with(dims, out)

    def subtotals(self, level: int | str) -> Mapping[Key, Totals]:
        """Totals at a prefix level of ``by``: ``level`` outer dimensions (0 gives the
        total under the key ``()``, ``len(by)`` the groups), or the name of the innermost
        dimension kept. Every level sums exactly to :attr:`total`.
        """
        if isinstance(level, str):
            dim = resolve_dimension(level)
            if dim not in self.by:
                raise RollupError(f"subtotals: {dim!r} is not in by={self.by!r}")
            depth = self.by.index(dim) + 1
        elif not isinstance(level, int) or isinstance(level, bool):
            raise WecbTypeError.not_accepted(
                "subtotals: level", level, f"0..{len(self.by)} or a dimension of by"
            )
        elif 0 <= level <= len(self.by):
            depth = level
        else:
            raise RollupError(
                f"subtotals: level must be 0..{len(self.by)} or a dimension of by, got {level!r}"
            )
        return self.regroup(self.by[:depth]).groups

    def filter(self, **criteria: object) -> Rollup:
        """Only the rows (groups) whose values match ``criteria`` (dimension=value or
        collection of values, on dimensions of ``by``); the total is that of the rows kept.

        Each row shows its costs and benefits, so a row is kept as it is (a ``payer`` or
        ``cashable`` row is not ambiguous here, unlike in ``where=``), except that a
        ``value_type`` filter keeps the costs row (value type ``None``) too, as ``where=``
        does: ``filter(value_type="fiscal")`` is the fiscal case. A key that names no
        domain, project, partner or stream of the rollup is refused
        (:class:`~wecb.errors.UnknownKeyError`); see :mod:`wecb.rollups.filters`.
        """
        kept, added = select_rows(self.by, self.groups, self.catalogue, criteria)
        return self._with(self.by, kept, filters=(*self.filters, *added))

    # -- measures ---------------------------------------------------------------------

    @property
    def net_benefit(self) -> Money:
        """Benefits minus costs over every group."""
        return self.total.net

    def benefit_cost_ratio(self) -> Decimal | None:
        """Total benefits / total costs, ``None`` when there are no costs."""
        return self.total.benefit_cost_ratio()

    def net_benefit_per_pound(self) -> Decimal | None:
        """``(benefits - costs) / costs`` over every group, ``None`` when there are no costs."""
        return self.total.net_benefit_per_pound()

    def cumulative(self) -> dict[Period, Money]:
        """Cumulative net benefit by period, in period order (needs ``period`` in ``by``).

        Open periods take their place in :func:`~wecb.core.periods.period_sort_key` order:
        each bucket counts at its end (a "To Mar '13" bucket before 2012/13, an open-ended
        "after 2013/14" bucket after every year, a whole-horizon bucket last).
        """
        if "period" not in self.by:
            raise RollupError(
                f"cumulative() and payback need 'period' in by (this rollup is by {self.by!r})"
            )
        running = Decimal(0)
        out: dict[Period, Money] = {}
        for (period,), totals in self.regroup(("period",)).groups.items():
            assert isinstance(period, FinancialYear | OpenPeriod)
            running = exact_sum((running, totals.net.amount))
            out[period] = Money(running, self.currency)
        return out

    def payback_period(self) -> Period | None:
        """The first period from which cumulative net benefit is non-negative and stays so
        to the end; ``None`` if it ends negative or there are no lines.

        Periods are taken as in :meth:`cumulative`. An :class:`~wecb.core.periods.OpenPeriod`
        result means payback falls somewhere within that bucket and cannot be placed in one
        year (:meth:`payback_year` refuses it). If the cumulative net is non-negative from
        the first period, that first period is returned.
        """
        answer: Period | None = None
        for period, value in self.cumulative().items():
            if value.is_negative():
                answer = None
            elif answer is None:
                answer = period
        return answer

    def payback_year(self) -> FinancialYear | None:
        """:meth:`payback_period` as a financial year; raises
        :class:`~wecb.errors.RollupError` when payback falls within an open period."""
        period = self.payback_period()
        if isinstance(period, OpenPeriod):
            raise RollupError(
                f"payback falls within the open period {period.label!r} ({period!r}), which is "
                "not one financial year; phase its flows by year to get a payback year, or use "
                "payback_period()"
            )
        return period

    # -- plain rows -------------------------------------------------------------------

    def assumptions(self) -> tuple[Assumption, ...]:
        """The filters that chose the lines and rows (none for every line)."""
        return self.filters

    def rows(self, totals: bool = False) -> ResultRows:
        """Plain rows for CSV, JSON or a DataFrame: one per group, each dimension as text
        (bool for ``cashable``; periods as ``'2012/13'`` or the open period's key; ``''``
        for none) and ``costs``, ``benefits``, ``net`` as exact :class:`Money`.

        With ``totals=True`` the subtotal and total rows are included in table order, with
        a ``row`` column (``group``, ``subtotal`` or ``total``) and ``''`` in the
        dimensions a subtotal spans. The rows carry :meth:`assumptions`.
        """
        layout = (
            table_layout(self) if totals else [("group", 0, k, t) for k, t in self.groups.items()]
        )
        out: list[dict[str, str | bool | Money]] = []
        for kind, _, key, sums in layout:
            row: dict[str, str | bool | Money] = {"row": kind} if totals else {}
            for i, dim in enumerate(self.by):
                row[dim] = plain_value(dim, key[i]) if i < len(key) else ""
            row["costs"] = sums.costs
            row["benefits"] = sums.benefits
            row["net"] = sums.net
            out.append(row)
        return ResultRows(out, assumptions=self.assumptions())

    # -- display ----------------------------------------------------------------------

    def table(
        self, scale: str | None = None, places: int | None = None, max_rows: int | None = None
    ) -> Table:
        """The rollup as a :class:`~wecb.core.table.Table`: one row per group, a subtotal
        row after each block, then the total; exact :class:`Money` cells.

        Money is shown at one scale for the whole table (chosen from its largest figure
        unless ``scale`` is ``"units"``, ``"thousands"``, ``"millions"`` or
        ``"billions"``), rounded half-up for display only. ``max_rows`` limits the group
        rows shown. The title states the filters; the notes end with the assumptions.
        """
        qualifier = "".join(f", {a.value}" for a in self.filters)
        notes = assumption_notes(self.assumptions())
        return rollup_table(self, scale, places, max_rows, qualifier=qualifier, notes=notes)

    def to_text(
        self, scale: str | None = None, places: int | None = None, max_rows: int | None = None
    ) -> str:
        """:meth:`table` as aligned text, with subtotal and total rows."""
        return self.table(scale, places, max_rows).to_text()

    def __repr__(self) -> str:
        return self.to_text(max_rows=REPR_MAX_ROWS)

    def _repr_html_(self) -> str:
        # As repr: a notebook shows at most REPR_MAX_ROWS group rows (print shows all).
        return self.table(max_rows=REPR_MAX_ROWS).to_html()

    def __getstate__(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _STATE} | {"groups": dict(self.groups)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        fresh = Rollup(**state)
        for name in (*_STATE, "total"):
            object.__setattr__(self, name, getattr(fresh, name))


def _described(rollup: Rollup) -> str:
    return "; ".join(a.value for a in rollup.filters) or "every line"
