"""The dimensions a rollup groups by: names, the value of each line, order and labels.

Every cash-flow line has one value in each dimension:

============  ==================================================================
name          value of a line
============  ==================================================================
domain        the project's domain key
domain_kind   the domain's :class:`~wecb.model.domains.DomainKind` (thematic or enabler)
project       the project key
partner       the payer of a cost or the beneficiary of a benefit; a line that
              names nobody is :data:`UNATTRIBUTED`
payer         the payer of a cost (:data:`UNATTRIBUTED` if not named); ``None``
              for a benefit, which has no payer
beneficiary   the beneficiary of a benefit (:data:`UNATTRIBUTED` if not named);
              ``None`` for a cost
stream        the funding stream key a cost draws on, or ``None``
period        the :class:`~wecb.core.periods.FinancialYear` or
              :class:`~wecb.core.periods.OpenPeriod` (alias ``year``)
nature        :class:`~wecb.model.cashflows.Nature` (cost or benefit)
cashable      ``True`` or ``False``
value_type    :class:`~wecb.model.cashflows.ValueType` of a benefit; ``None`` for a cost
cost_type     :class:`~wecb.model.cashflows.CostType` of a cost, or ``None``
============  ==================================================================

Order of groups (deterministic, and never dependent on the order of the lines):
periods by :func:`~wecb.core.periods.period_sort_key`; enums in declaration order
(cost before benefit, thematic before enabler); cashable before non-cashable;
domain, project, partner and stream keys in the programme's declaration order
when the rollup comes from a :class:`~wecb.model.programme.Programme` (or a
:class:`~wecb.rollups.Lines` built from one), otherwise sorted; keys not declared
come after declared ones (sorted), then :data:`UNATTRIBUTED`, then ``None``.

Filtering by a dimension (``rollup(..., where=...)``) is described in
:mod:`wecb.rollups.filters`: a filter on ``value_type`` keeps every cost, and one on a
dimension only costs or only benefits carry (or on ``cashable``) must also name ``nature``.

>>> resolve_by(("domain", "year"))
('domain', 'period')
>>> resolve_by("colour")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
wecb.errors.RollupError: unknown dimension 'colour'; valid dimensions: domain, domain_kind, ...
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Final, TypeAlias

import attrs

from wecb.core.periods import FinancialYear, OpenPeriod, period_sort_key
from wecb.errors import RollupError, WecbTypeError
from wecb.model.cashflows import CostType, Nature, ValueType
from wecb.model.domains import Domain, DomainKind
from wecb.model.programme import Programme

__all__ = [
    "ALIASES",
    "DIMENSIONS",
    "INDEX",
    "KEY_FAMILIES",
    "UNATTRIBUTED",
    "Catalogue",
    "Key",
    "KeyValue",
    "Record",
    "Where",
    "cell_label",
    "plain_value",
    "resolve_by",
    "resolve_dimension",
]

#: Every dimension a rollup can group or filter by, in record order.
DIMENSIONS: Final = (
    "domain",
    "domain_kind",
    "project",
    "partner",
    "payer",
    "beneficiary",
    "stream",
    "period",
    "nature",
    "cashable",
    "value_type",
    "cost_type",
)
#: Other names accepted for a dimension.
ALIASES: Final = {"year": "period", "financial_year": "period"}
#: The partner of a line that names no payer (cost) or beneficiary (benefit).
UNATTRIBUTED: Final = "(unattributed)"

KeyValue: TypeAlias = (
    str | bool | FinancialYear | OpenPeriod | Nature | DomainKind | ValueType | CostType | None
)
#: A group's key: one value per dimension of ``by``.
Key: TypeAlias = tuple[KeyValue, ...]
#: One line's value in every dimension, in :data:`DIMENSIONS` order.
Record: TypeAlias = tuple[KeyValue, ...]
#: A filter: dimension -> value or collection of values, or a predicate over a line's
#: values (a mapping of every dimension name to the line's value).
Where: TypeAlias = Mapping[str, object] | Callable[[Mapping[str, KeyValue]], bool]

#: Each dimension's position in a record.
INDEX: Final = {name: i for i, name in enumerate(DIMENSIONS)}
#: The dimensions whose values are keys, and the family of keys each names (a payer and a
#: beneficiary are partners).
KEY_FAMILIES: Final = {
    "domain": "domain",
    "project": "project",
    "partner": "partner",
    "payer": "partner",
    "beneficiary": "partner",
    "stream": "stream",
}
_VALID: Final = ", ".join(DIMENSIONS) + " (alias: " + ", ".join(ALIASES) + ")"


def resolve_dimension(name: object) -> str:
    """The canonical name of dimension ``name`` (aliases resolved): RollupError for an
    unknown name, WecbTypeError for a name that is not text."""
    if not isinstance(name, str):
        raise WecbTypeError.not_accepted("dimension", name, f"a dimension name: {_VALID}")
    canonical = ALIASES.get(name, name)
    if canonical in INDEX:
        return canonical
    raise RollupError(f"unknown dimension {name!r}; valid dimensions: {_VALID}")


def resolve_by(by: str | Sequence[str]) -> tuple[str, ...]:
    """``by`` as a tuple of canonical dimension names; a single name may be given bare."""
    names = (by,) if isinstance(by, str) else by
    if not isinstance(names, Sequence):
        raise WecbTypeError.not_accepted("by", by, "a dimension name or a sequence of them")
    out = tuple(resolve_dimension(n) for n in names)
    if len(set(out)) != len(out):
        raise RollupError(f"by names a dimension more than once: {list(names)!r}")
    return out


def _keys(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


@attrs.frozen
class Catalogue:
    """What a rollup knows beyond the lines: declaration orders, domain kinds, open periods.

    Built from a programme (its declaration order) or from domains alone (keys sorted).
    """

    domains: tuple[str, ...] = attrs.field(default=(), converter=_keys)
    projects: tuple[str, ...] = attrs.field(default=(), converter=_keys)
    partners: tuple[str, ...] = attrs.field(default=(), converter=_keys)
    streams: tuple[str, ...] = attrs.field(default=(), converter=_keys)
    kinds: tuple[tuple[str, DomainKind], ...] = ()
    open_periods: tuple[OpenPeriod, ...] = ()
    _ranks: dict[str, dict[str, int]] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        ranks = {
            "domain": {k: i for i, k in enumerate(self.domains)},
            "project": {k: i for i, k in enumerate(self.projects)},
            "partner": {k: i for i, k in enumerate(self.partners)},
            "stream": {k: i for i, k in enumerate(self.streams)},
        }
        ranks["payer"] = ranks["beneficiary"] = ranks["partner"]
        object.__setattr__(self, "_ranks", ranks)

    @classmethod
    def from_programme(cls, programme: Programme) -> Catalogue:
        """The declaration orders, domain kinds and open periods of ``programme``."""
        return cls(
            domains=tuple(d.key for d in programme.domains),
            projects=tuple(p.key for p in programme.projects),
            partners=tuple(p.key for p in programme.partners),
            streams=tuple(s.key for s in programme.funding_streams),
            kinds=tuple((d.key, d.kind) for d in programme.domains),
            open_periods=programme.periods,
        )

    @classmethod
    def from_domains(cls, domains: Iterable[Domain] | None) -> Catalogue:
        """Only domain kinds (and the domains' order); every other key sorts."""
        if domains is None:
            return cls()
        listed = tuple(domains)
        for domain in listed:
            if not isinstance(domain, Domain):
                raise WecbTypeError.not_accepted("domains", domain, "Domain objects")
        return cls(
            domains=tuple(d.key for d in listed), kinds=tuple((d.key, d.kind) for d in listed)
        )

    def keys(self, family: str) -> tuple[str, ...]:
        """The declared keys of ``family``: ``domain``, ``project``, ``partner`` or
        ``stream`` (see :data:`KEY_FAMILIES`), in declaration order."""
        return tuple(self._ranks[family])

    def kind_map(self) -> dict[str, DomainKind]:
        """Domain key -> kind."""
        return dict(self.kinds)

    def merge(self, other: Catalogue) -> Catalogue:
        """This catalogue's order first, then what only ``other`` declares."""
        if other == self:
            return self
        return Catalogue(
            domains=self.domains + other.domains,
            projects=self.projects + other.projects,
            partners=self.partners + other.partners,
            streams=self.streams + other.streams,
            kinds=tuple({**dict(other.kinds), **dict(self.kinds)}.items()),
            open_periods=tuple(dict.fromkeys(self.open_periods + other.open_periods)),
        )

    def sort_key(self, dim: str, value: KeyValue) -> tuple[object, ...]:
        """Where ``value`` sorts among the values of ``dim`` (see the module docstring)."""
        if dim in KEY_FAMILIES:
            return self._key_sort_key(dim, value)
        if dim == "period":
            assert isinstance(value, FinancialYear | OpenPeriod)
            return period_sort_key(value)
        if dim == "cashable":
            return (0 if value else 1,)
        if value is None:
            return (1, 0)
        assert isinstance(value, enum.Enum)
        return (0, list(type(value)).index(value))

    def _key_sort_key(self, dim: str, value: KeyValue) -> tuple[object, ...]:
        """Where a key sorts: declared keys in order, then other keys alphabetically,
        then the unattributed, then none."""
        if value is None:
            return (3, 0, "")
        if value == UNATTRIBUTED:
            return (2, 0, "")
        assert isinstance(value, str)
        rank = self._ranks[dim].get(value)
        return (1, 0, value) if rank is None else (0, rank, "")

    def group_sort_key(self, by: tuple[str, ...]) -> Callable[[Key], tuple[object, ...]]:
        """A sort key for group keys of ``by``."""
        return lambda key: tuple(self.sort_key(d, v) for d, v in zip(by, key, strict=True))


def cell_label(dim: str, value: KeyValue) -> str:
    """A value as a table shows it: period labels, ``cashable``/``non-cashable``, ..."""
    if value is None:
        return "(none)"
    if dim == "cashable":
        return "cashable" if value else "non-cashable"
    if isinstance(value, enum.Enum):
        return str(value.value).replace("_", " ")
    return str(value)


def plain_value(dim: str, value: KeyValue) -> str | bool:
    """A value for plain rows: text that reads back (a period as ``'2012/13'`` or its open
    period key, an enum as its value, ``None`` as ``''``), or a bool for ``cashable``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return value
    if isinstance(value, OpenPeriod):
        return value.key
    if isinstance(value, enum.Enum):
        return str(value.value)
    return str(value)
