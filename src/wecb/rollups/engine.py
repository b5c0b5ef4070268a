"""The grouping engine: one :func:`rollup`, two paths that give equal results.

* **Objects**: a loop over the lines adding exact ``Decimal`` amounts per group. Any
  precision (sub-penny amounts included); used for small inputs and as the fallback.
* **Columnar**: the lines as :class:`~wecb.rollups.lines.Lines` (dictionary-encoded integer
  codes and ``int64`` minor units). The codes of the dimensions of ``by`` are folded into
  one integer key per line through small lookup tables, and ``np.add.at`` sums the
  ``int64`` amounts per key. Used only when the lines are *proved* exact in minor units:
  every amount a whole number of minor units and the sum of all of them below ``2**63``
  (checked when the lines are built, before any summing), so no group sum can overflow
  and integer addition is exact. Otherwise the object path runs.

``engine="auto"`` takes the columnar path for :class:`Lines` and for programmes or
pairs of at least :data:`COLUMNAR_THRESHOLD` lines; ``"objects"`` and ``"columnar"``
ask for one path (a columnar request on lines that are not exact falls back to objects).
Building the columns costs about as much as one pass of the object path, so build
:class:`Lines` once for many rollups; the lines of the last few programmes rolled up
on the columnar path are kept for reuse (programmes are immutable).
The result records the path taken in :attr:`Rollup.engine`; a property test checks that
both paths give equal rollups.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal, Inexact
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias

from wecb.core._decimal import EXACT
from wecb.core.money import WORKING_PRECISION, Money, minor_digits
from wecb.errors import RollupError
from wecb.model.cashflows import CashFlow, Nature
from wecb.model.domains import Domain, DomainKind
from wecb.model.programme import Programme
from wecb.model.projects import Project
from wecb.rollups.dimensions import (
    DIMENSIONS,
    INDEX,
    Catalogue,
    Key,
    KeyValue,
    Record,
    Where,
    normalise_where,
    record,
    resolve_by,
)
from wecb.rollups.lines import _KINDS, Lines, _check_pair, decode_kind
from wecb.rollups.result import Rollup, Totals, _checked_currency

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = ["COLUMNAR_THRESHOLD", "Engine", "Source", "rollup"]

#: ``engine="auto"`` uses the columnar path for this many lines or more.
COLUMNAR_THRESHOLD: Final = 5_000
#: A dense table of group sums is used up to this many slots (or twice the lines).
_DENSE_SLOTS: Final = 1 << 22
#: Group keys must stay below this to fit int64 with room for the nature bit.
_KEY_LIMIT: Final = 1 << 61

Engine: TypeAlias = Literal["auto", "objects", "columnar"]
Source: TypeAlias = Programme | Lines | Iterable[tuple[Project, CashFlow]]

_ZERO: Final = Decimal(0)
# Lines of the programmes last rolled up on the columnar path (see _programme_lines).
_LINES_CACHED: Final = 4
_LINES_CACHE: list[tuple[weakref.ref[Programme], Lines]] = []


def rollup(
    source: Source,
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
    called with a mapping of every dimension to the line's value.

    >>> from wecb.model.cashflows import CashFlow, Nature
    >>> from wecb.core.money import Money
    >>> from wecb.core.periods import FinancialYear
    >>> from wecb.model.projects import Project
    >>> a = Project(key="a", title="A", domain="health")
    >>> b = Project(key="b", title="B", domain="safety")
    >>> fy12, fy13 = FinancialYear(2012), FinancialYear(2013)
    >>> pairs = [
    ...     (a, CashFlow(amount=Money("700000"), nature=Nature.COST, period=fy12, payer="ecc")),
    ...     (a, CashFlow(amount=Money("1250000"), nature=Nature.BENEFIT, period=fy13,
    ...                  beneficiary="nhs")),
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
    {'partner': 'ecc', 'costs': Decimal('700000'), 'benefits': Decimal('0'),
     'net': Decimal('-700000')}
    """
    dims = resolve_by(by)
    if engine not in ("auto", "objects", "columnar"):
        raise RollupError(f"engine must be 'auto', 'objects' or 'columnar', got {engine!r}")
    pairs: Iterable[tuple[Project, CashFlow]]
    if isinstance(source, Lines):
        if domains is not None:
            raise RollupError("domains= applies to (project, flow) pairs; Lines carry their own")
        lines: Lines | None = source
        catalogue, currency = source.catalogue, source.currency
        count = len(source)
        pairs = ()
    elif isinstance(source, Programme):
        if domains is not None:
            raise RollupError("domains= applies to (project, flow) pairs; a Programme has its own")
        lines = None
        catalogue, currency = Catalogue.from_programme(source), source.currency
        count = sum(len(p.cash_flows) for p in source.projects)
        pairs = source.cash_flows()
    else:
        if isinstance(source, str | bytes | Mapping) or not isinstance(source, Iterable):
            raise RollupError(
                "source must be a Programme, Lines or an iterable of (project, flow) pairs, "
                f"got {type(source).__name__}"
            )
        lines = None
        listed = list(source)
        catalogue = Catalogue.from_domains(domains)
        currency = _first_currency(listed)
        count = len(listed)
        pairs = listed
    criteria: dict[str, frozenset[KeyValue]] = {}
    predicate: Callable[[Mapping[str, KeyValue]], bool] | None = None
    if isinstance(where, Mapping):
        criteria = normalise_where(where, catalogue)
    elif callable(where):
        predicate = where
    elif where is not None:
        raise RollupError(f"where must be a mapping or a predicate, got {where!r}")
    # A predicate sees None as the kind of a domain whose kind is not known.
    needs_kinds = "domain_kind" in dims or "domain_kind" in criteria
    columnar = engine == "columnar" or (
        engine == "auto" and (lines is not None or count >= COLUMNAR_THRESHOLD)
    )
    if columnar:
        if isinstance(source, Programme):
            lines = _programme_lines(source, catalogue)
        elif lines is None:
            lines = Lines._build(pairs, catalogue, currency)
        result = _columnar(lines, dims, criteria, predicate, needs_kinds)
        if result is not None:
            return result
    records = (
        lines.records()
        if lines is not None
        else _pair_records(pairs, currency, catalogue.kind_map())
    )
    return _objects(
        records,
        dims=dims,
        criteria=criteria,
        predicate=predicate,
        currency=currency,
        catalogue=catalogue,
        needs_kinds=needs_kinds,
    )


def _programme_lines(programme: Programme, catalogue: Catalogue) -> Lines:
    """The lines of ``programme``, built once: programmes are immutable, so the lines of
    the last few rolled up on the columnar path are kept (weakly referenced)."""
    _LINES_CACHE[:] = [(ref, lines) for ref, lines in _LINES_CACHE if ref() is not None]
    for ref, lines in _LINES_CACHE:
        if ref() is programme:
            return lines
    lines = Lines._build(programme, catalogue, programme.currency)
    _LINES_CACHE.append((weakref.ref(programme), lines))
    del _LINES_CACHE[:-_LINES_CACHED]
    return lines


def _first_currency(pairs: list[Any]) -> str:
    for index, pair in enumerate(pairs):
        return _check_pair(index, pair)[1].amount.currency
    return "GBP"


def _pair_records(
    pairs: Iterable[tuple[Project, CashFlow]], currency: str, kinds: Mapping[str, DomainKind]
) -> Iterator[tuple[Record, Decimal]]:
    for index, pair in enumerate(pairs):
        project, flow = _check_pair(index, pair)
        if flow.amount.currency != currency:
            raise RollupError(
                f"line {index} (project {project.key!r}) is in {flow.amount.currency}, but "
                f"the rollup is in {currency}; a rollup adds one currency only"
            )
        yield record(project, flow, kinds), flow.amount.amount


def _unknown_kinds(domains: Iterable[str | None]) -> RollupError:
    listed = ", ".join(sorted({repr(d) for d in domains}))
    return RollupError(
        f"the kind (thematic or enabler) of domain {listed} is not known: roll up a Programme, "
        "or pass domains=[Domain(...), ...] with the pairs"
    )


def _objects(
    records: Iterable[tuple[Record, Decimal]],
    *,
    dims: tuple[str, ...],
    criteria: Mapping[str, frozenset[KeyValue]],
    predicate: Callable[[Mapping[str, KeyValue]], bool] | None,
    currency: str,
    catalogue: Catalogue,
    needs_kinds: bool,
) -> Rollup:
    """The object path: exact Decimal sums per group in a dict."""
    where = [(INDEX[d], values) for d, values in criteria.items()]
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
        raise _unknown_kinds(unknown)
    groups = {
        key: Totals._of(costs, benefits, currency) for key, (costs, benefits) in sums.items()
    }
    return Rollup(by=dims, groups=groups, currency=currency, catalogue=catalogue, engine="objects")


# -- the columnar path --------------------------------------------------------------------


def _spec(lines: Lines, dim: str) -> tuple[str, list[int], list[KeyValue]]:
    """``(base column, lookup table base code -> dimension code, dimension values)``."""
    if dim in ("project", "domain", "partner", "stream", "period"):
        values = list(lines.axis(dim))
        return dim, list(range(len(values))), values
    if dim == "domain_kind":
        kinds: list[KeyValue] = list(_KINDS)
        return "domain", [_KINDS.index(k) for k in lines.domain_kinds], kinds
    if dim in ("payer", "beneficiary"):
        partners: list[KeyValue] = list(lines.axis("partner"))
        absent = len(partners)
        # Base code partner * 2 + is_benefit: a cost has no beneficiary, a benefit no payer.
        lut = []
        for code in range(len(partners)):
            lut += [code, absent] if dim == "payer" else [absent, code]
        return "partner_nature", lut, [*partners, None]
    kinds_decoded = [decode_kind(k) for k in range(16)]
    if dim == "nature":
        return "kind", [int(n is Nature.BENEFIT) for n, _, _, _ in kinds_decoded], list(Nature)
    if dim == "cashable":
        return "kind", [int(c) for _, c, _, _ in kinds_decoded], [False, True]
    position = 2 if dim == "value_type" else 3
    found: list[KeyValue] = []
    lut = []
    for decoded in kinds_decoded:
        value = decoded[position]
        if value not in found:
            found.append(value)
        lut.append(found.index(value))
    return "kind", lut, found


def _base(lines: Lines, name: str, cache: dict[str, Any]) -> Any:
    import numpy as np  # noqa: PLC0415

    if name not in cache:
        if name == "partner_nature":
            partner = lines.column("partner").astype(np.int64)
            cache[name] = partner * 2 + (lines.column("kind") & 1)
        else:
            cache[name] = lines.column(name)
    return cache[name]


def _columnar(
    lines: Lines,
    dims: tuple[str, ...],
    criteria: Mapping[str, frozenset[KeyValue]],
    predicate: Callable[[Mapping[str, KeyValue]], bool] | None,
    needs_kinds: bool,
) -> Rollup | None:
    """The columnar path, or ``None`` when it cannot be proved exact (or keys would not
    fit 64 bits), so that the caller takes the object path."""
    minor = lines.minor_units
    if minor is None:
        return None
    import numpy as np  # noqa: PLC0415 -- numpy only on the columnar path

    if needs_kinds and None in lines.domain_kinds:
        missing = [
            d for d, k in zip(lines.axis("domain"), lines.domain_kinds, strict=True) if k is None
        ]
        raise _unknown_kinds(missing)
    specs = [_spec(lines, d) for d in dims]
    cards = [len(values) for _, _, values in specs]
    product = math.prod(cards)
    if product >= _KEY_LIMIT:
        return None
    cache: dict[str, Any] = {}
    mask = None
    if criteria:
        mask = _criteria_mask(lines, criteria, cache)
    if predicate is not None:
        chosen = _predicate_mask(lines, predicate, cache)
        if chosen is None:
            return None
        mask = chosen if mask is None else mask & chosen
    # Mixed-radix strides, outermost dimension largest; the nature bit is the lowest.
    strides = [math.prod(cards[i + 1 :]) for i in range(len(cards))]
    tables: dict[str, npt.NDArray[np.int64]] = {
        "kind": np.array([k & 1 for k in range(16)], dtype=np.int64)
    }
    for (base, lut, _), stride in zip(specs, strides, strict=True):
        scaled = np.asarray(lut, dtype=np.int64) * (2 * stride)
        tables[base] = tables[base] + scaled if base in tables else scaled
    key = np.zeros(len(lines), dtype=np.int64)
    for base, table in tables.items():
        key += np.take(table, _base(lines, base, cache))
    present, costs, benefits = _sum_groups(key, minor, mask, 2 * product)
    codes = [(present // stride) % card for stride, card in zip(strides, cards, strict=True)]
    values = [v for _, _, v in specs]
    catalogue = lines.catalogue
    if dims:
        # The groups in the catalogue's order (as Rollup would sort them); lexsort is
        # stable, so groups with equal sort keys keep the order of their codes.
        ranks = [
            np.take(np.asarray(_ranks(catalogue, d, v), dtype=np.int64), c)
            for d, v, c in zip(dims, values, codes, strict=True)
        ]
        order = np.lexsort(ranks[::-1])
        codes = [c[order] for c in codes]
        costs, benefits = costs[order], benefits[order]
    # Every sum is at most the sum of all amounts, below 2**63 (proved by Lines), so the
    # nets fit int64 too, and every amount is within Money's bounds.
    nets = benefits - costs
    money = _minor_money(lines.currency)
    decoded = [[v[i] for i in c.tolist()] for v, c in zip(values, codes, strict=True)]
    keys: list[Key] = list(zip(*decoded, strict=True)) if dims else [()] * len(present)
    trusted = Totals._trusted
    groups: dict[Key, Totals] = dict(
        zip(
            keys,
            map(trusted, money(costs.tolist()), money(benefits.tolist()), money(nets.tolist())),
            strict=True,
        )
    )
    total_costs, total_benefits = int(costs.sum()), int(benefits.sum())
    total = trusted(*money([total_costs, total_benefits, total_benefits - total_costs]))
    return Rollup._ordered(
        by=dims,
        groups=groups,
        total=total,
        currency=lines.currency,
        catalogue=catalogue,
        engine="columnar",
    )


def _ranks(catalogue: Catalogue, dim: str, values: Sequence[KeyValue]) -> list[int]:
    """Each value's rank in the catalogue's order of ``dim`` (equal sort keys, equal rank)."""
    keys = [catalogue.sort_key(dim, value) for value in values]
    rank = {k: i for i, k in enumerate(sorted(set(keys)))}
    return [rank[k] for k in keys]


def _minor_money(currency: str) -> Callable[[list[int]], list[Money]]:
    """Whole minor units, below ``2**63`` in size, to Money in ``currency``.

    Such amounts are within Money's bounds by far, so they skip its validating
    constructor (``Money._make``), which would otherwise be most of the cost of a small
    rollup; the frequent zero is built once."""
    code = _checked_currency(currency)
    shift = -minor_digits(code)
    make = Money._make
    zero = make(_ZERO.scaleb(shift, EXACT), code)

    def money(units: list[int]) -> list[Money]:
        return [make(Decimal(u).scaleb(shift, EXACT), code) if u else zero for u in units]

    return money


def _sum_groups(key: Any, minor: Any, mask: Any, slots: int) -> tuple[Any, Any, Any]:
    """``(group ids, cost sums, benefit sums)`` of the groups that hold lines.

    ``key`` is ``2 * group id + is_benefit`` per line. A dense table of ``slots`` sums
    when that is small (``np.bincount``/``np.add.at``), else distinct keys first.
    """
    import numpy as np  # noqa: PLC0415

    if slots <= max(_DENSE_SLOTS, 2 * len(key)):
        if mask is not None:
            key = np.where(mask, key, slots)
        counts = np.bincount(key, minlength=slots + 1)[:slots]
        sums = np.zeros(slots + 1, dtype=np.int64)
        np.add.at(sums, key, minor)
        present = np.flatnonzero(counts[0::2] + counts[1::2])
        return present, sums[2 * present], sums[2 * present + 1]
    amounts = minor
    if mask is not None:
        chosen_lines = np.flatnonzero(mask)
        key, amounts = key[chosen_lines], minor[chosen_lines]
    present, inverse = np.unique(key >> 1, return_inverse=True)
    sums = np.zeros(2 * len(present), dtype=np.int64)
    np.add.at(sums, inverse.reshape(-1) * 2 + (key & 1), amounts)
    return present, sums[0::2], sums[1::2]


def _criteria_mask(
    lines: Lines, criteria: Mapping[str, frozenset[KeyValue]], cache: dict[str, Any]
) -> Any:
    import numpy as np  # noqa: PLC0415

    allowed: dict[str, npt.NDArray[np.bool_]] = {}
    for dim, accepted in criteria.items():
        base, lut, values = _spec(lines, dim)
        ok = np.array([values[code] in accepted for code in lut] or [False], dtype=bool)
        allowed[base] = allowed[base] & ok if base in allowed else ok
    mask = None
    for base, ok in allowed.items():
        part = np.take(ok, _base(lines, base, cache))
        mask = part if mask is None else mask & part
    return mask


def _predicate_mask(
    lines: Lines, predicate: Callable[[Mapping[str, KeyValue]], bool], cache: dict[str, Any]
) -> Any:
    """The predicate evaluated once per distinct combination of line values."""
    import numpy as np  # noqa: PLC0415

    bases = ("domain", "project", "partner", "stream", "period", "kind")
    cards = [len(lines.axis(b)) if b != "kind" else 16 for b in bases]
    if math.prod(cards) >= _KEY_LIMIT:
        return None
    key = np.zeros(len(lines), dtype=np.int64)
    for base, card in zip(bases, cards, strict=True):
        key = key * card + _base(lines, base, cache)
    distinct, inverse = np.unique(key, return_inverse=True)
    domains, projects = lines.axis("domain"), lines.axis("project")
    partners, streams, periods = lines.axis("partner"), lines.axis("stream"), lines.axis("period")
    kinds = lines.domain_kinds
    verdicts = []
    for combined in distinct.tolist():
        rest, kind = divmod(combined, 16)
        rest, period = divmod(rest, cards[4])
        rest, stream = divmod(rest, cards[3])
        rest, partner = divmod(rest, cards[2])
        domain, project = divmod(rest, cards[1])
        nature, cashable, value_type, cost_type = decode_kind(kind)
        who = partners[partner]
        is_cost = nature is Nature.COST
        line = (
            domains[domain],
            kinds[domain],
            projects[project],
            who,
            who if is_cost else None,
            None if is_cost else who,
            streams[stream],
            periods[period],
            nature,
            cashable,
            value_type,
            cost_type,
        )
        verdicts.append(bool(predicate(dict(zip(DIMENSIONS, line, strict=True)))))
    return np.take(np.array(verdicts or [False], dtype=bool), inverse.reshape(-1))
