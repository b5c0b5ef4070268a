"""Filters: which lines a rollup keeps (``where=``) and which rows :meth:`Rollup.filter
<wecb.rollups.result.Rollup.filter>` keeps, read the way an analyst means them.

A filter maps a dimension (see :mod:`wecb.rollups.dimensions`) to a value or a collection
of values; ``where=`` may instead be a predicate over a line's values.

* **Value type applies to benefits and keeps every cost.** ``where={"value_type":
  "fiscal"}`` is the fiscal case: fiscal benefits less *all* costs (a cost has no value
  type). ``None`` in a value-type filter is refused: the costs are always kept, and
  ``nature="cost"`` selects them.
* **A dimension only one nature carries is ambiguous** in ``where=`` unless the filter also
  names ``nature``: ``payer``, ``stream`` and ``cost_type`` (costs only), ``beneficiary``
  (benefits only), and ``cashable`` (a cash outlay for a cost, a cash-releasing saving for
  a benefit). Such a filter is refused with each reading and how to ask for it: for
  ``payer="ecc"``, ``partner="ecc"`` for ECC's costs and benefits, or ``nature="cost"``
  added for its costs alone. ``nature=["cost", "benefit"]`` asks for the literal reading
  (the lines whose value matches, whatever their nature).
* **Every key must exist.** A domain, project, partner (payer, beneficiary) or funding
  stream that the programme does not declare (for pairs or lines, that no line names
  either) is refused with :class:`~wecb.errors.UnknownKeyError` listing the valid keys;
  :data:`~wecb.rollups.dimensions.UNATTRIBUTED` selects the lines naming no partner.
  Checked once per distinct key, never per line.
* **A predicate sees every line**, costs and benefits, and keeps exactly the lines it
  returns true for (a predicate on ``value_type`` drops the costs unless it keeps them).
* **Rows of a rollup.** :meth:`Rollup.filter <wecb.rollups.result.Rollup.filter>` keeps
  the rows of a rollup already grouped whose values match. Each row shows its costs and
  benefits, so a row of ``payer`` or ``cashable`` is what it says and is not ambiguous;
  ``value_type`` keeps the costs row (value type ``None``) as ``where=`` does.

A rollup says in its title which filter it applied, and lists it in its
:meth:`~wecb.rollups.result.Rollup.assumptions`.

>>> from wecb.core.money import Money
>>> from wecb.core.periods import FinancialYear
>>> from wecb.model.cashflows import CashFlow
>>> from wecb.model.projects import Project
>>> from wecb.rollups import rollup
>>> p = Project(key="p", title="Pilot", domain="health")
>>> fy = FinancialYear(2013)
>>> pairs = [(p, CashFlow(amount=Money(700), nature=Nature.COST, period=fy, payer="ecc")),
...          (p, CashFlow(amount=Money(900), nature=Nature.BENEFIT, period=fy,
...                       beneficiary="nhs", value_type=ValueType.SOCIAL))]
>>> print(rollup(pairs, "domain", where={"value_type": "fiscal"}))  # no fiscal benefit
Rollup by domain, where value type = fiscal (benefits; all costs kept) (GBP, £)
domain    costs  benefits       net
------  -------  --------  --------
health  £700.00     £0.00  -£700.00
------  -------  --------  --------
total   £700.00     £0.00  -£700.00
assumptions:
  - filter: where value type = fiscal (benefits; all costs kept)
>>> rollup(pairs, where={"payer": "ecc"})  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
wecb.errors.RollupError: where: payer='ecc' is ambiguous: only costs have a payer ...
>>> rollup(pairs, where={"partner": "ecx"})
Traceback (most recent call last):
...
wecb.errors.UnknownKeyError: where/filter on 'partner': unknown partner 'ecx'; valid: 'ecc', \
'nhs', or '(unattributed)' for the lines naming no partner
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Final, TypeVar, cast

from wecb.core.assumptions import Assumption
from wecb.core.periods import FinancialYear, OpenPeriod, parse_period
from wecb.errors import ParseError, RollupError, UnknownKeyError, WecbTypeError, excerpt
from wecb.model.cashflows import CostType, Nature, ValueType
from wecb.model.domains import DomainKind
from wecb.rollups.dimensions import (
    DIMENSIONS,
    KEY_FAMILIES,
    UNATTRIBUTED,
    Catalogue,
    Key,
    KeyValue,
    cell_label,
    resolve_dimension,
)

__all__ = [
    "AMBIGUOUS",
    "PREDICATE",
    "Criteria",
    "Present",
    "as_filters",
    "check_keys",
    "describe_where",
    "filter_assumption",
    "normalise_where",
    "select_rows",
]

#: A filter normalised: dimension -> the set of values kept.
Criteria = dict[str, frozenset[KeyValue]]
#: The keys found in some lines or rows, by family (``domain``, ``project``, ...).
Present = Mapping[str, Iterable[object]]

#: Dimensions that ``where=`` reads in more than one way unless it names ``nature`` too.
AMBIGUOUS: Final = ("payer", "beneficiary", "stream", "cost_type", "cashable")
#: What the title and assumptions say of a predicate filter.
PREDICATE: Final = "where a predicate on the lines"

_ENUMS: Final[dict[str, type[enum.Enum]]] = {
    "domain_kind": DomainKind,
    "nature": Nature,
    "value_type": ValueType,
    "cost_type": CostType,
}
_NONE_ALLOWED: Final = frozenset({"payer", "beneficiary", "stream", "cost_type"})
# The nature that carries each dimension of one nature, and what the dimension is called.
_CARRIED: Final = {
    "payer": (Nature.COST, "a payer"),
    "stream": (Nature.COST, "a funding stream"),
    "cost_type": (Nature.COST, "a cost type"),
    "beneficiary": (Nature.BENEFIT, "a beneficiary"),
}
_OTHER: Final = {Nature.COST: Nature.BENEFIT, Nature.BENEFIT: Nature.COST}
_KEYS_SHOWN: Final = 20
_WHERE: Final = "where/filter"


def normalise_where(
    criteria: Mapping[str, object],
    catalogue: Catalogue,
    allowed: Sequence[str] = DIMENSIONS,
    *,
    rows: bool = False,
) -> Criteria:
    """``criteria`` as dimension -> set of values kept (see the module docstring).

    A value may be one value or a collection (list, tuple, set) of values; text is
    accepted for periods (``'2012/13'`` or an open period key) and enums (``'cost'``). A
    value-type filter keeps the costs (its set holds ``None``). ``rows=True`` reads the
    criteria as :meth:`Rollup.filter <wecb.rollups.result.Rollup.filter>` does (rows of a
    grouped rollup, where a dimension of one nature is not ambiguous); otherwise such a
    dimension without ``nature`` is refused. Keys are checked by :func:`check_keys`.
    """
    if not isinstance(criteria, Mapping):
        raise WecbTypeError.not_accepted("where", criteria, "a mapping or a predicate")
    out: Criteria = {}
    given: dict[str, object] = {}
    for name, value in criteria.items():
        dim = resolve_dimension(name)
        if dim not in allowed:
            raise RollupError(
                f"cannot filter on {dim!r}: the rollup is grouped by {', '.join(allowed) or '()'}"
                "; filter the lines instead with rollup(..., where=...)"
            )
        values = value if isinstance(value, list | tuple | set | frozenset) else (value,)
        accepted = frozenset(_normalise_value(dim, v, catalogue) for v in values)
        out[dim] = out[dim] & accepted if dim in out else accepted
        given.setdefault(dim, value)
    if "value_type" in out:
        out["value_type"] |= {None}  # a cost has no value type: every cost is kept
    if not rows and "nature" not in out:
        for dim, value in given.items():
            if dim in AMBIGUOUS:
                raise _ambiguous(dim, value, out[dim])
    return out


def _normalise_value(dim: str, value: object, catalogue: Catalogue) -> KeyValue:
    """``value`` as a value of ``dim``: WecbTypeError for a value of the wrong type,
    RollupError for text that names no value (keys are checked by :func:`check_keys`)."""
    if value is None and dim in _NONE_ALLOWED:
        return None
    where = f"{_WHERE} on {dim!r}"
    if dim in KEY_FAMILIES:
        if isinstance(value, str):
            return value
        expected = "a key (str)" + (" or None" if dim in _NONE_ALLOWED else "")
        expected += f"; {UNATTRIBUTED!r} selects lines naming no partner"
        raise WecbTypeError.not_accepted(where, value, expected)
    if dim == "period":
        return _period_value(value, catalogue, where)
    if dim == "cashable":
        if isinstance(value, bool):
            return value
        raise WecbTypeError.not_accepted(where, value, "True or False")
    if dim == "value_type" and value is None:
        raise RollupError.not_accepted(
            where,
            value,
            "a value type: a value-type filter applies to benefits and keeps every cost (a "
            "cost has no value type); to select the costs, ask nature='cost'",
        )
    return _enum_value(dim, value, where)


def _period_value(value: object, catalogue: Catalogue, where: str) -> KeyValue:
    """``value`` as a period: a period, or text naming one (``'2012/13'``, an open period)."""
    if isinstance(value, FinancialYear | OpenPeriod):
        return value
    if not isinstance(value, str):
        raise WecbTypeError.not_accepted(
            where, value, "a FinancialYear, an OpenPeriod or text such as '2012/13'"
        )
    try:
        return parse_period(value, catalogue.open_periods)
    except ParseError as exc:
        raise RollupError(f"{where}: {exc}") from None


def _enum_value(dim: str, value: object, where: str) -> KeyValue:
    """``value`` as a member of the enum of ``dim``, or text naming one (``'cost'``)."""
    enum_type = _ENUMS[dim]
    if isinstance(value, enum_type):
        return cast(KeyValue, value)
    names = ", ".join(repr(m.value) for m in enum_type)
    expected = f"a {enum_type.__name__} or one of {names}"
    if dim in _NONE_ALLOWED:
        expected += " or None"
    if not isinstance(value, str):
        raise WecbTypeError.not_accepted(where, value, expected)
    try:
        return cast(KeyValue, enum_type(value))
    except ValueError:
        raise RollupError.not_accepted(where, value, expected) from None


def _ambiguous(dim: str, given: object, values: frozenset[KeyValue]) -> RollupError:
    """The refusal of ``where`` on a dimension of one nature (or ``cashable``) without
    ``nature``: each reading, and how to ask for it."""
    shown = f"{dim}={excerpt(given)}"
    if dim == "cashable":
        saving, outlay = (
            ("cash-releasing savings", "cash outlays")
            if values == {True}
            else ("non-cashable benefits", "non-cash (in-kind) costs")
            if values == {False}
            else ("benefits", "costs")
        )
        return RollupError(
            f"where: {shown} is ambiguous: cashable means a cash outlay for a cost and a "
            f"cash-releasing saving for a benefit. Add nature='benefit' for the {saving} "
            f"alone, nature='cost' for the {outlay} alone, or nature=['cost', 'benefit'] for "
            "both"
        )
    nature, noun = _CARRIED[dim]
    own, other = ("costs", "benefits") if nature is Nature.COST else ("benefits", "costs")
    text = (
        f"where: {shown} is ambiguous: only {own} have {noun} (for {other} it is None), so "
        f"it is not clear whether the {other} should be kept. Add nature={nature.value!r} for "
        f"those {own} alone"
    )
    if dim in ("payer", "beneficiary") and None in values:
        return RollupError(
            f"where: {shown} is ambiguous: every one of the {other} has {dim} None, while "
            f"one of the {own} naming no {dim} has {dim} {UNATTRIBUTED!r}. Ask "
            f"nature={_OTHER[nature].value!r} for the {other}, or {dim}={UNATTRIBUTED!r} with "
            f"nature={nature.value!r} for the {own} naming no {dim}"
        )
    if dim in ("payer", "beneficiary"):
        return RollupError(
            f"{text}, or ask partner={excerpt(given)} for the partner's costs and benefits "
            "(the costs it pays and the benefits it receives)"
        )
    test = _predicate_text(dim, values)
    return RollupError(
        f"{text}, or pass a predicate for those {own} and every one of the {other}: "
        f"where=lambda line: line['nature'] is Nature.{_OTHER[nature].name}"
        f" or {test}"
    )


def _predicate_text(dim: str, values: frozenset[KeyValue]) -> str:
    """``line[dim] ...`` testing for ``values``, as Python text."""

    def code(value: KeyValue) -> str:
        if isinstance(value, enum.Enum):
            return f"{type(value).__name__}.{value.name}"
        return repr(value)

    ordered = sorted(values, key=lambda v: (v is None, str(v)))
    if len(ordered) == 1:
        return f"line[{dim!r}] {'is' if ordered[0] is None else '=='} {code(ordered[0])}"
    return f"line[{dim!r}] in ({', '.join(code(v) for v in ordered)})"


def check_keys(
    criteria: Mapping[str, frozenset[KeyValue]],
    catalogue: Catalogue,
    present: Present | Callable[[], Present] | None = None,
) -> None:
    """Refuse a key in ``criteria`` that names nothing: a domain, project, partner (payer,
    beneficiary) or stream neither ``catalogue`` declares nor ``present`` holds (the keys
    found in the lines or rows, by family: ``domain``, ``project``, ``partner``,
    ``stream``; a function giving them is called only when the catalogue does not know a
    key). :data:`~wecb.rollups.dimensions.UNATTRIBUTED` and ``None`` always pass."""
    for dim, values in criteria.items():
        family = KEY_FAMILIES.get(dim)
        if family is None:
            continue
        declared = catalogue.keys(family)
        known = {*declared, UNATTRIBUTED}
        missing = [v for v in values if isinstance(v, str) and v not in known]
        if not missing:
            continue
        if callable(present):
            present = present()
        found = [k for k in (present or {}).get(family, ()) if isinstance(k, str)]
        valid = [*declared, *sorted(k for k in set(found) - known if k != UNATTRIBUTED)]
        known.update(valid)
        missing = sorted(v for v in missing if v not in known)
        if missing:
            raise _unknown(dim, family, missing, valid)


def _unknown(dim: str, family: str, missing: list[str], valid: list[str]) -> UnknownKeyError:
    noun = "funding stream" if family == "stream" else family
    shown = ", ".join(repr(k) for k in valid[:_KEYS_SHOWN]) or "none"
    if len(valid) > _KEYS_SHOWN:
        shown += f", ... ({len(valid) - _KEYS_SHOWN} more)"
    if family == "partner":
        shown += f", or {UNATTRIBUTED!r} for the lines naming no partner"
    elif family == "stream":
        shown += ", or None for the lines drawing on no stream"
    names = ", ".join(repr(k) for k in missing)
    plural = "s" if len(missing) > 1 else ""
    return UnknownKeyError(f"{_WHERE} on {dim!r}: unknown {noun}{plural} {names}; valid: {shown}")


def describe_where(criteria: Mapping[str, frozenset[KeyValue]], catalogue: Catalogue) -> str:
    """The criteria in words, dimensions in :data:`~wecb.rollups.dimensions.DIMENSIONS`
    order (``'domain = health or safety and value type = fiscal (benefits; all costs
    kept)'``)."""
    clauses = []
    for dim in DIMENSIONS:
        if dim not in criteria:
            continue
        values = criteria[dim] - {None} if dim == "value_type" else criteria[dim]
        ordered = sorted(values, key=functools.partial(catalogue.sort_key, dim))
        labels = " or ".join(cell_label(dim, v) for v in ordered) or "nothing"
        if dim == "cashable":
            clauses.append(labels)
            continue
        clause = f"{dim.replace('_', ' ')} = {labels}"
        if dim == "value_type":
            costs_kept = Nature.COST in criteria.get("nature", {Nature.COST})
            clause += " (benefits; all costs kept)" if costs_kept else ""
        clauses.append(clause)
    return " and ".join(clauses)


def filter_assumption(
    criteria: Mapping[str, frozenset[KeyValue]] | None, catalogue: Catalogue, *, rows: bool
) -> Assumption:
    """The assumption a filter adds to a rollup: ``where ...`` for lines (``None`` for a
    predicate), ``rows with ...`` for :meth:`Rollup.filter
    <wecb.rollups.result.Rollup.filter>`."""
    if criteria is None:
        return Assumption(name="filter", value=PREDICATE)
    described = describe_where(criteria, catalogue) or "no criteria"
    return Assumption(name="filter", value=f"{'rows with' if rows else 'where'} {described}")


_T = TypeVar("_T")


def select_rows(
    by: tuple[str, ...],
    groups: Mapping[Key, _T],
    catalogue: Catalogue,
    criteria: Mapping[str, object],
) -> tuple[dict[Key, _T], tuple[Assumption, ...]]:
    """The groups of a rollup by ``by`` whose values match ``criteria`` (read as rows: see
    :func:`normalise_where`), keys checked against the groups and ``catalogue``, and the
    assumption that records the selection (none for empty criteria)."""
    accepted = normalise_where(criteria, catalogue, by, rows=True)
    present: dict[str, set[object]] = {}
    for dim in accepted.keys() & KEY_FAMILIES.keys():
        at = by.index(dim)
        present.setdefault(KEY_FAMILIES[dim], set()).update(key[at] for key in groups)
    check_keys(accepted, catalogue, present)
    where = [(by.index(d), values) for d, values in accepted.items()]
    kept = {k: v for k, v in groups.items() if all(k[i] in values for i, values in where)}
    if not accepted:
        return kept, ()
    return kept, (filter_assumption(accepted, catalogue, rows=True),)


def as_filters(value: object) -> tuple[Assumption, ...]:
    """``value`` as a rollup's filters: a tuple (or list) of Assumptions."""
    if isinstance(value, Assumption) or not isinstance(value, tuple | list):
        raise WecbTypeError.not_accepted("Rollup.filters", value, "a tuple of Assumptions")
    for item in value:
        if not isinstance(item, Assumption):
            raise WecbTypeError.not_accepted("Rollup.filters", item, "an Assumption")
    return tuple(value)
