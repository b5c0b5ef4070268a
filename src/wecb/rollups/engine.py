"""The grouping engine: one :func:`rollup`, two paths that give equal results.

* **Objects**: a loop over the lines adding exact ``Decimal`` amounts per group. Any
  precision (sub-penny amounts included); used for small inputs and as the fallback.
* **Columnar**: the lines as :class:`~wecb.rollups.lines.Lines` (dictionary-encoded integer
  codes and ``int64`` minor units). The codes of the dimensions of ``by`` are folded into
  one integer key per line through small lookup tables, and ``np.add.at`` sums the
  ``int64`` amounts per key (in the private ``_columnar`` module, the only one of the
  engine that imports numpy). Used only when the lines are *proved* exact in minor units:
  every amount a whole number of minor units and the sum of all of them below ``2**63``
  (checked when the lines are built, before any summing), so no group sum can overflow
  and integer addition is exact. Otherwise the object path runs.

``engine="auto"`` takes the columnar path for :class:`Lines` and for programmes or
pairs of at least :data:`COLUMNAR_THRESHOLD` lines; ``"objects"`` and ``"columnar"``
ask for one path (a columnar request on lines that are not exact falls back to objects).
Building the columns from cash-flow objects costs about as much as one pass of the object
path, so build :class:`Lines` once for many rollups; a programme keeps the lines, the
catalogue and the line count its rollups derive (programmes are immutable), and a
programme read from a file holds its flows as columns, which its lines are built from
without a cash-flow object each.
Both paths read the same line records (:mod:`wecb.rollups.records`). The result records
the path taken in :attr:`Rollup.engine`; a property test checks that both paths give
equal rollups.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal, Inexact
from typing import Final, Literal, NamedTuple, TypeAlias, cast

from wecb.core._decimal import EXACT
from wecb.core.assumptions import Assumption
from wecb.core.money import WORKING_PRECISION
from wecb.errors import RollupError, WecbTypeError
from wecb.model.cashflows import CashFlow, Nature
from wecb.model.domains import Domain
from wecb.model.programme import Programme
from wecb.model.projects import Project
from wecb.rollups.dimensions import (
    DIMENSIONS,
    INDEX,
    KEY_FAMILIES,
    Catalogue,
    Key,
    KeyValue,
    Record,
    Where,
    resolve_by,
)
from wecb.rollups.filters import Present, check_keys, filter_assumption, normalise_where
from wecb.rollups.lines import Lines
from wecb.rollups.records import check_pair, first_currency, pair_records, unknown_kinds
from wecb.rollups.result import Rollup
from wecb.rollups.totals import Totals, totals_from_sums

__all__ = ["COLUMNAR_THRESHOLD", "Engine", "RollupInput", "rollup"]

#: ``engine="auto"`` uses the columnar path for this many lines or more.
COLUMNAR_THRESHOLD: Final = 5_000

Engine: TypeAlias = Literal["auto", "objects", "columnar"]
RollupInput: TypeAlias = Programme | Lines | Iterable[tuple[Project, CashFlow]]
Predicate: TypeAlias = Callable[[Mapping[str, KeyValue]], bool]

_ZERO: Final = Decimal(0)


class _Input(NamedTuple):
    """What a rollup reads: lines already built or pairs, with their order and currency."""

    lines: Lines | None
    pairs: Iterable[object]
    catalogue: Catalogue
    currency: str
    size: int


def rollup(
    source: RollupInput,
    by: str | Sequence[str] = (),
    where: Where | None = None,
    *,
    engine: Engine = "auto",
    domains: Iterable[Domain] | None = None,
) -> Rollup:
    """Roll the cash flows of ``source`` up by the dimensions ``by``.

    ``source`` is a :class:`~wecb.model.programme.Programme`, an iterable of
    ``(project, flow)`` pairs (``domains`` then gives the domains' kinds and order) or
    prepared :class:`~wecb.rollups.lines.Lines`. ``by`` is a dimension name or a
    sequence of them (see :mod:`wecb.rollups.dimensions`). ``where`` keeps only some
    lines: a mapping of dimension to a value or a collection of values, or a predicate
    called with a mapping of every dimension to the line's value (it sees every line).
    A mapping reads as :mod:`wecb.rollups.filters` says: ``value_type`` keeps every cost
    (``where={"value_type": "fiscal"}`` is the fiscal case); ``payer``, ``beneficiary``,
    ``stream``, ``cost_type`` and ``cashable`` need ``nature`` too; a key that names
    nothing is refused. The result's title and ``assumptions()`` state the filter.

    >>> from wecb.model.cashflows import CashFlow, Nature, ValueType
    >>> from wecb.core.money import Money
    >>> from wecb.core.periods import FinancialYear
    >>> from wecb.model.projects import Project
    >>> a = Project(key="a", title="A", domain="health")
    >>> b = Project(key="b", title="B", domain="safety")
    >>> fy12, fy13 = FinancialYear(2012), FinancialYear(2013)
    >>> pairs = [
    ...     (a, CashFlow(amount=Money("700000"), nature=Nature.COST, period=fy12, payer="ecc")),
    ...     (a, CashFlow(amount=Money("1250000"), nature=Nature.BENEFIT, period=fy13,
    ...                  beneficiary="nhs", value_type=ValueType.FISCAL, cashable=True)),
    ...     (b, CashFlow(amount=Money("300000"), nature=Nature.COST, period=fy12,
    ...                  payer="police")),
    ... ]
    >>> r = rollup(pairs, by=("domain", "period"))
    >>> print(r)
    Rollup by domain × period (GBP, £k)
    domain  period      costs  benefits      net
    ------  --------  -------  --------  -------
    health  2012/13     £700k       £0k   -£700k
            2013/14       £0k   £1,250k  £1,250k
    health  subtotal    £700k   £1,250k    £550k
    safety  2012/13     £300k       £0k   -£300k
    safety  subtotal    £300k       £0k   -£300k
    ------  --------  -------  --------  -------
    total             £1,000k   £1,250k    £250k
    >>> r.total.net, r.payback_period()
    (Money('250000', 'GBP'), FinancialYear(2013))
    >>> rollup(pairs, "partner", where={"nature": "cost"}).rows()[0]
    ... # doctest: +NORMALIZE_WHITESPACE
    {'partner': 'ecc', 'costs': Money('700000', 'GBP'), 'benefits': Money('0', 'GBP'),
     'net': Money('-700000', 'GBP')}
    >>> rollup(pairs, where={"value_type": "social"}).total.costs  # no social benefit
    Money('1000000', 'GBP')
    """
    dims = resolve_by(by)
    if engine not in ("auto", "objects", "columnar"):
        raise RollupError.not_accepted("engine", engine, "'auto', 'objects' or 'columnar'")
    given = _input(source, domains)
    keep = _keep(where, dims, given.catalogue)
    lines = given.lines
    if engine == "columnar" or (
        engine == "auto" and (lines is not None or given.size >= COLUMNAR_THRESHOLD)
    ):
        from wecb.rollups._columnar import columnar  # noqa: PLC0415 -- numpy only here

        lines = _lines(source, given)
        _check_keys(keep, source, given, lines)
        result = columnar(lines, dims, *keep[:3], filters=keep.filters)
        if result is not None:
            return result
    else:
        _check_keys(keep, source, given, lines)
    kinds = given.catalogue.kind_map()
    records = (
        pair_records(given.pairs, given.currency, kinds) if lines is None else lines.records()
    )
    return _objects(records, dims, keep, given.currency, given.catalogue)


def _input(source: RollupInput, domains: Iterable[Domain] | None) -> _Input:
    """``source`` as lines or pairs, with its catalogue, currency and number of lines."""
    if isinstance(source, Lines | Programme):
        if domains is not None:
            own = (
                "Lines carry their own" if isinstance(source, Lines) else "a Programme has its own"
            )
            raise RollupError(f"domains= applies to (project, flow) pairs; {own}")
        if isinstance(source, Lines):
            return _Input(source, (), source.catalogue, source.currency, len(source))
        count = source._kept("line count", lambda: sum(len(p.cash_flows) for p in source.projects))
        catalogue = source._kept("catalogue", lambda: Catalogue.from_programme(source))
        return _Input(None, source.cash_flows(), catalogue, source.currency, count)
    if isinstance(source, str | bytes | Mapping) or not isinstance(source, Iterable):
        raise WecbTypeError.not_accepted(
            "source", source, "a Programme, Lines or an iterable of (project, flow) pairs"
        )
    listed: list[object] = list(source)
    catalogue = Catalogue.from_domains(domains)
    return _Input(None, listed, catalogue, first_currency(listed), len(listed))


def _lines(source: RollupInput, given: _Input) -> Lines:
    """The lines of ``source`` for the columnar path, built at most once."""
    if isinstance(source, Programme):
        return _programme_lines(source)
    if given.lines is not None:
        return given.lines
    # The pairs are checked one by one as the lines are built.
    pairs = cast(Iterable[tuple[Project, CashFlow]], given.pairs)
    return Lines.from_flows(pairs, catalogue=given.catalogue, currency=given.currency)


def _where(
    where: Where | None, catalogue: Catalogue
) -> tuple[dict[str, frozenset[KeyValue]], Predicate | None]:
    """``where`` as normalised criteria or a predicate."""
    if isinstance(where, Mapping):
        return normalise_where(where, catalogue), None
    if callable(where):
        return {}, where
    if where is not None:
        raise WecbTypeError.not_accepted("where", where, "a mapping or a predicate")
    return {}, None


def _keep(where: Where | None, dims: tuple[str, ...], catalogue: Catalogue) -> _Where:
    """Which lines to keep (``where`` normalised), and what the rollup says of it: no
    filter, a predicate, or the criteria in words."""
    criteria, predicate = _where(where, catalogue)
    # A predicate sees None as the kind of a domain whose kind is not known.
    needs_kinds = "domain_kind" in dims or "domain_kind" in criteria
    filters: tuple[Assumption, ...] = ()
    if predicate is not None or criteria:
        shown = criteria if predicate is None else None
        filters = (filter_assumption(shown, catalogue, rows=False),)
    return _Where(criteria, predicate, needs_kinds, filters)


def _check_keys(keep: _Where, source: RollupInput, given: _Input, lines: Lines | None) -> None:
    """Refuse a key of the criteria that names nothing (see :func:`check_keys`)."""
    if keep.criteria:
        check_keys(keep.criteria, given.catalogue, lambda: _present(source, given, lines))


def _present(source: RollupInput, given: _Input, lines: Lines | None) -> Present:
    """The keys the lines hold, by family, for checking a filter's keys: the axes of
    lines, none beyond the catalogue for a programme (it declares every key it uses), or
    the keys of the pairs (one pass over them, made only when the catalogue lacks a key)."""
    if lines is not None:
        return {family: lines.axis(family) for family in set(KEY_FAMILIES.values())}
    if isinstance(source, Programme):
        return {}
    found: dict[str, set[object]] = {f: set() for f in ("domain", "project", "partner", "stream")}
    for index, pair in enumerate(given.pairs):
        project, flow = check_pair(index, pair)
        found["domain"].add(project.domain)
        found["project"].add(project.key)
        found["partner"].add(flow.partner)
        found["stream"].add(flow.stream)
    return found


def _programme_lines(programme: Programme) -> Lines:
    """The lines of ``programme``, built once and kept by the programme (programmes are
    immutable)."""
    return programme._kept("rollup lines", lambda: Lines.from_programme(programme))


class _Where(NamedTuple):
    """Which lines a rollup keeps, and whether it needs every domain's kind."""

    criteria: Mapping[str, frozenset[KeyValue]]
    predicate: Predicate | None
    needs_kinds: bool
    filters: tuple[Assumption, ...]


def _objects(
    records: Iterable[tuple[Record, Decimal]],
    dims: tuple[str, ...],
    keep: _Where,
    currency: str,
    catalogue: Catalogue,
) -> Rollup:
    """The object path: exact Decimal sums per group in a dict."""
    predicate, needs_kinds = keep.predicate, keep.needs_kinds
    where = [(INDEX[d], values) for d, values in keep.criteria.items()]
    picks = [INDEX[d] for d in dims]
    kind_at, nature_at = INDEX["domain_kind"], INDEX["nature"]
    sums: dict[Key, list[Decimal]] = {}
    unknown: set[str | None] = set()
    add = EXACT.add
    try:
        for line, amount in records:
            if needs_kinds and line[kind_at] is None:
                unknown.add(line[0])  # type: ignore[arg-type]
            if where and not all(line[i] in values for i, values in where):
                continue
            if predicate is not None and not predicate(dict(zip(DIMENSIONS, line, strict=True))):
                continue
            key = tuple(line[i] for i in picks)
            slot = sums.get(key)
            if slot is None:
                slot = sums[key] = [_ZERO, _ZERO]
            side = 0 if line[nature_at] is Nature.COST else 1
            slot[side] = add(slot[side], amount)
    except Inexact:
        raise RollupError(
            f"a group sum needs more than {WORKING_PRECISION} significant digits; "
            "round the amounts first"
        ) from None
    if unknown:
        raise unknown_kinds(unknown)
    groups: dict[Key, Totals] = {
        key: totals_from_sums(costs, benefits, currency) for key, (costs, benefits) in sums.items()
    }
    return Rollup(
        by=dims,
        groups=groups,
        currency=currency,
        catalogue=catalogue,
        engine="objects",
        filters=keep.filters,
    )
