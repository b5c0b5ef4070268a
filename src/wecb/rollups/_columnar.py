"""The columnar path of the rollup engine (private; numpy).

The codes of the dimensions of ``by`` are folded into one integer key per line through
small lookup tables, and ``np.add.at`` sums the ``int64`` minor units per key. Taken only
when the lines are *proved* exact in minor units (see :mod:`wecb.rollups.engine`). This
module imports numpy, so the engine imports it only when the columnar path runs.
"""

from __future__ import annotations

import math
import types
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from wecb.core._decimal import EXACT
from wecb.core.assumptions import Assumption
from wecb.core.currency import currency_code, minor_digits
from wecb.core.money import Money, from_checked
from wecb.model.cashflows import Nature
from wecb.rollups.dimensions import DIMENSIONS, Catalogue, Key, KeyValue
from wecb.rollups.lines import Lines
from wecb.rollups.records import DOMAIN_KINDS, KIND_CODES, decode_kind, line_record, unknown_kinds
from wecb.rollups.result import Rollup
from wecb.rollups.totals import Totals, trusted_totals

__all__ = ["columnar", "trusted_rollup"]

#: A dense table of group sums is used up to this many slots (or twice the lines).
_DENSE_SLOTS: Final = 1 << 22
#: Group keys must stay below this to fit int64 with room for the nature bit.
_KEY_LIMIT: Final = 1 << 61
_BASES: Final = ("domain", "project", "partner", "stream", "period", "kind")
_DECODED: Final = [decode_kind(k) for k in KIND_CODES]


def columnar(
    lines: Lines,
    dims: tuple[str, ...],
    criteria: Mapping[str, frozenset[KeyValue]],
    predicate: Callable[[Mapping[str, KeyValue]], bool] | None,
    needs_kinds: bool,
    *,
    filters: tuple[Assumption, ...] = (),
) -> Rollup | None:
    """The rollup of ``lines`` on the columnar path, or ``None`` when it cannot be proved
    exact (or keys would not fit 64 bits), so that the caller takes the object path."""
    minor = lines.minor_units
    if minor is None:
        return None
    if needs_kinds and None in lines.domain_kinds:
        domains = zip(lines.axis("domain"), lines.domain_kinds, strict=True)
        raise unknown_kinds(d for d, k in domains if k is None)
    specs = [_spec(lines, d) for d in dims]
    cards = [len(values) for _, _, values in specs]
    product = math.prod(cards)
    if product >= _KEY_LIMIT:
        return None
    cache: dict[str, Any] = {}
    mask = _criteria_mask(lines, criteria, cache) if criteria else None
    if predicate is not None:
        chosen = _predicate_mask(lines, predicate, cache)
        if chosen is None:
            return None
        mask = chosen if mask is None else mask & chosen
    # Mixed-radix strides, outermost dimension largest; the nature bit is the lowest.
    strides = [math.prod(cards[i + 1 :]) for i in range(len(cards))]
    tables: dict[str, npt.NDArray[np.int64]] = {
        "kind": np.array([k & 1 for k in KIND_CODES], dtype=np.int64)
    }
    for (base, lut, _), stride in zip(specs, strides, strict=True):
        scaled = np.asarray(lut, dtype=np.int64) * (2 * stride)
        tables[base] = tables[base] + scaled if base in tables else scaled
    # Keys in the narrowest type that holds them: a quarter of the memory and time of int64
    # for the usual few thousand groups.
    dtype = np.int16 if 2 * product < 2**15 else np.int32 if 2 * product < 2**31 else np.int64
    key: Any = np.zeros(len(lines), dtype=dtype)
    step = np.empty(len(lines), dtype=dtype)
    for base, table in tables.items():
        key += np.take(table.astype(dtype), _base(lines, base, cache), out=step)
    present, costs, benefits = _sum_groups(key, minor, mask, 2 * product)
    codes = [(present // stride) % card for stride, card in zip(strides, cards, strict=True)]
    values = [v for _, _, v in specs]
    return _result(
        lines=lines,
        dims=dims,
        values=values,
        codes=codes,
        costs=costs,
        benefits=benefits,
        filters=filters,
    )


def _result(
    *,
    lines: Lines,
    dims: tuple[str, ...],
    values: list[list[KeyValue]],
    codes: list[Any],
    costs: Any,
    benefits: Any,
    filters: tuple[Assumption, ...],
) -> Rollup:
    """The groups' codes and sums as a :class:`Rollup`, groups in the catalogue's order."""
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
    keys: list[Key] = list(zip(*decoded, strict=True)) if dims else [()] * len(costs)
    sums = map(
        trusted_totals, money(costs.tolist()), money(benefits.tolist()), money(nets.tolist())
    )
    groups: dict[Key, Totals] = dict(zip(keys, sums, strict=True))
    total_costs, total_benefits = int(costs.sum()), int(benefits.sum())
    total = trusted_totals(*money([total_costs, total_benefits, total_benefits - total_costs]))
    return trusted_rollup(
        by=dims,
        groups=groups,
        total=total,
        currency=lines.currency,
        catalogue=catalogue,
        engine="columnar",
        filters=filters,
    )


def _spec(lines: Lines, dim: str) -> tuple[str, list[int], list[KeyValue]]:
    """``(base column, lookup table base code -> dimension code, dimension values)``."""
    if dim in ("project", "domain", "partner", "stream", "period"):
        values = list(lines.axis(dim))
        return dim, list(range(len(values))), values
    if dim == "domain_kind":
        kinds: list[KeyValue] = list(DOMAIN_KINDS)
        return "domain", [DOMAIN_KINDS.index(k) for k in lines.domain_kinds], kinds
    if dim in ("payer", "beneficiary"):
        partners: list[KeyValue] = list(lines.axis("partner"))
        absent = len(partners)
        # Base code partner * 2 + is_benefit: a cost has no beneficiary, a benefit no payer.
        lut = []
        for code in range(len(partners)):
            lut += [code, absent] if dim == "payer" else [absent, code]
        return "partner_nature", lut, [*partners, None]
    if dim == "nature":
        return "kind", [int(n is Nature.BENEFIT) for n, _, _, _ in _DECODED], list(Nature)
    if dim == "cashable":
        return "kind", [int(c) for _, c, _, _ in _DECODED], [False, True]
    position = 2 if dim == "value_type" else 3
    found: list[KeyValue] = []
    lut = []
    for decoded in _DECODED:
        value = decoded[position]
        if value not in found:
            found.append(value)
        lut.append(found.index(value))
    return "kind", lut, found


def _base(lines: Lines, name: str, cache: dict[str, Any]) -> Any:
    if name not in cache:
        if name == "partner_nature":
            partner = lines.column("partner").astype(np.int64)
            cache[name] = partner * 2 + (lines.column("kind") & 1)
        else:
            cache[name] = lines.column(name)
    return cache[name]


def _ranks(catalogue: Catalogue, dim: str, values: Sequence[KeyValue]) -> list[int]:
    """Each value's rank in the catalogue's order of ``dim`` (equal sort keys, equal rank)."""
    keys = [catalogue.sort_key(dim, value) for value in values]
    rank = {k: i for i, k in enumerate(sorted(set(keys)))}
    return [rank[k] for k in keys]


def _minor_money(currency: str) -> Callable[[list[int]], list[Money]]:
    """Whole minor units, below ``2**63`` in size, to Money in ``currency``.

    Such amounts are within Money's bounds by far, so they skip its validating
    constructor (through :func:`~wecb.core.money.from_checked`), which would otherwise be
    most of the cost of a small rollup; the frequent zero is built once."""
    code = currency_code(currency)
    shift = -minor_digits(code)
    zero = from_checked(Decimal(0).scaleb(shift, EXACT), code)

    def money(units: list[int]) -> list[Money]:
        return [from_checked(Decimal(u).scaleb(shift, EXACT), code) if u else zero for u in units]

    return money


def _sum_groups(key: Any, minor: Any, mask: Any, slots: int) -> tuple[Any, Any, Any]:
    """``(group ids, cost sums, benefit sums)`` of the groups that hold lines.

    ``key`` is ``2 * group id + is_benefit`` per line. A dense table of ``slots`` sums
    when that is small (``np.bincount``/``np.add.at``), else distinct keys first.
    """
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
    cards = [len(lines.axis(b)) if b != "kind" else len(KIND_CODES) for b in _BASES]
    if math.prod(cards) >= _KEY_LIMIT:
        return None
    key = np.zeros(len(lines), dtype=np.int64)
    for base, card in zip(_BASES, cards, strict=True):
        key = key * card + _base(lines, base, cache)
    distinct, inverse = np.unique(key, return_inverse=True)
    domains, projects = lines.axis("domain"), lines.axis("project")
    partners, streams, periods = lines.axis("partner"), lines.axis("stream"), lines.axis("period")
    kinds = lines.domain_kinds
    verdicts = []
    for combined in distinct.tolist():
        # The mixed-radix key back to its codes, innermost (the kind byte) first.
        rest, kind = divmod(combined, cards[5])
        rest, period = divmod(rest, cards[4])
        rest, stream = divmod(rest, cards[3])
        rest, partner = divmod(rest, cards[2])
        domain, project = divmod(rest, cards[1])
        line = line_record(
            domains[domain],
            kinds[domain],
            projects[project],
            partners[partner],
            streams[stream],
            periods[period],
            kind,
        )
        verdicts.append(bool(predicate(dict(zip(DIMENSIONS, line, strict=True)))))
    return np.take(np.array(verdicts or [False], dtype=bool), inverse.reshape(-1))


def trusted_rollup(
    *,
    by: tuple[str, ...],
    groups: dict[Key, Totals],
    total: Totals,
    currency: str,
    catalogue: Catalogue,
    engine: str,
    filters: tuple[Assumption, ...] = (),
) -> Rollup:
    """A rollup from groups an engine has already checked and put in order, with their
    total: what the constructor would build, without re-checking and re-sorting every
    group. ``by`` must be resolved, every key a tuple of ``len(by)`` values, every
    :class:`Totals` in ``currency``, ``groups`` in the order of
    :meth:`Catalogue.group_sort_key <wecb.rollups.dimensions.Catalogue.group_sort_key>`
    and ``total`` their exact sum."""
    made: Rollup = object.__new__(Rollup)
    object.__setattr__(made, "by", by)
    object.__setattr__(made, "groups", types.MappingProxyType(groups))
    object.__setattr__(made, "currency", currency)
    object.__setattr__(made, "catalogue", catalogue)
    object.__setattr__(made, "engine", engine)
    object.__setattr__(made, "filters", filters)
    object.__setattr__(made, "total", total)
    return made
