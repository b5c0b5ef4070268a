"""One cash-flow line as a record: its value in every dimension, built in one place.

Both rollup paths read lines through :func:`line_record`: the object path from
``(project, flow)`` pairs (:func:`flow_record`, :func:`pair_records`) or from
:meth:`Lines.records <wecb.rollups.lines.Lines.records>`, and the columnar path when it
calls a ``where`` predicate. A line's nature, cashability and cost or value type travel
together as one *kind byte* (:func:`kind_byte`, :func:`decode_kind`).

>>> from wecb.core.money import Money
>>> from wecb.core.periods import FinancialYear
>>> from wecb.model.cashflows import CashFlow
>>> from wecb.model.projects import Project
>>> p = Project(key="p1", title="Pilot", domain="health")
>>> flow = CashFlow(amount=Money("10"), nature=Nature.COST, period=FinancialYear(2013))
>>> flow_record(p, flow, {})[:6]
('health', None, 'p1', '(unattributed)', '(unattributed)', None)
>>> decode_kind(kind_byte(flow)) == (flow.nature, flow.cashable, None, flow.cost_type)
True
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Final

from wecb.core.periods import Period
from wecb.errors import RollupError, WecbTypeError
from wecb.model.cashflows import CashFlow, CostType, Nature, ValueType
from wecb.model.domains import DomainKind
from wecb.model.programme import Programme
from wecb.model.projects import Project
from wecb.rollups.dimensions import UNATTRIBUTED, Record

__all__ = [
    "COST_TYPES",
    "DOMAIN_KINDS",
    "KIND_CODES",
    "VALUE_TYPES",
    "check_pair",
    "decode_kind",
    "first_currency",
    "flow_record",
    "kind_byte",
    "line_record",
    "pair_records",
    "pair_runs",
    "unknown_kinds",
]

# The kind byte of a line: bit 0 benefit, bit 1 cashable, bits 2-4 the cost type of a
# cost or the value type of a benefit (0 for none, else 1 + the enum's index).
#: Cost types by their code in the kind byte (0 is none).
COST_TYPES: Final = (None, *CostType)
#: Value types by their code in the kind byte (0 is none).
VALUE_TYPES: Final = (None, *ValueType)
#: The values of the ``domain_kind`` dimension, ``None`` (kind not known) last.
DOMAIN_KINDS: Final = (*DomainKind, None)
#: Every kind byte a line can have (five bits).
KIND_CODES: Final = range(32)
# id()-keyed: the scan of a programme's lines looks these up once per line.
COST_BITS: Final = {id(t): i << 2 for i, t in enumerate(COST_TYPES)}
VALUE_BITS: Final = {id(t): (i << 2) | 1 for i, t in enumerate(VALUE_TYPES)}


def kind_byte(flow: CashFlow) -> int:
    """The kind byte of ``flow``."""
    if flow.nature is Nature.BENEFIT:
        kind = VALUE_BITS[id(flow.value_type)]
    else:
        kind = COST_BITS[id(flow.cost_type)]
    return kind | 2 if flow.cashable else kind


def decode_kind(code: int) -> tuple[Nature, bool, ValueType | None, CostType | None]:
    """``(nature, cashable, value_type, cost_type)`` of a kind byte (a code no line can have
    decodes with no type)."""
    benefit = bool(code & 1)
    types = VALUE_TYPES if benefit else COST_TYPES
    kind = types[code >> 2] if code >> 2 < len(types) else None
    return (
        Nature.BENEFIT if benefit else Nature.COST,
        bool(code & 2),
        kind if benefit else None,
        None if benefit else kind,
    )


_DECODED: Final = tuple(decode_kind(code) for code in KIND_CODES)


def line_record(  # noqa: PLR0917 -- one argument per base column, called once per line
    domain: str | None,
    domain_kind: DomainKind | None,
    project: str | None,
    who: str,
    stream: str | None,
    period: Period,
    kind: int,
) -> Record:
    """THE line record: a line's value in every dimension, in
    :data:`~wecb.rollups.dimensions.DIMENSIONS` order. ``who`` is the payer of a cost or
    the beneficiary of a benefit (:data:`~wecb.rollups.dimensions.UNATTRIBUTED` for
    nobody named), ``kind`` its kind byte."""
    nature, cashable, value_type, cost_type = _DECODED[kind]
    is_cost = nature is Nature.COST
    return (
        domain,
        domain_kind,
        project,
        who,
        who if is_cost else None,
        None if is_cost else who,
        stream,
        period,
        nature,
        cashable,
        value_type,
        cost_type,
    )


def flow_record(project: Project, flow: CashFlow, kinds: Mapping[str, DomainKind]) -> Record:
    """The line ``(project, flow)`` as its :func:`line_record`."""
    return line_record(
        project.domain,
        kinds.get(project.domain),
        project.key,
        flow.partner or UNATTRIBUTED,
        flow.stream,
        flow.period,
        kind_byte(flow),
    )


def check_pair(index: int, pair: object) -> tuple[Project, CashFlow]:
    """``pair`` if it is a ``(Project, CashFlow)`` pair, else a WecbTypeError naming line
    ``index``."""
    if (
        isinstance(pair, tuple)
        and len(pair) == 2
        and isinstance(pair[0], Project)
        and isinstance(pair[1], CashFlow)
    ):
        return pair[0], pair[1]
    raise WecbTypeError.not_accepted(f"line {index}", pair, "a (Project, CashFlow) pair")


def first_currency(pairs: list[object]) -> str:
    """The currency of the first of ``pairs`` (GBP when there are none)."""
    for index, pair in enumerate(pairs):
        return check_pair(index, pair)[1].amount.currency
    return "GBP"


def pair_runs(pairs: Iterable[object] | Programme) -> Iterator[tuple[Project, list[CashFlow]]]:
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
        project, flow = check_pair(index, pair)
        if project is not current:
            if current is not None:
                yield current, run
            current, run = project, []
        run.append(flow)
    if current is not None:
        yield current, run


def pair_records(
    pairs: Iterable[object], currency: str, kinds: Mapping[str, DomainKind]
) -> Iterator[tuple[Record, Decimal]]:
    """Each checked pair as its record and exact amount; one currency only."""
    for index, pair in enumerate(pairs):
        project, flow = check_pair(index, pair)
        if flow.amount.currency != currency:
            raise RollupError(
                f"line {index} (project {project.key!r}) is in {flow.amount.currency}, but "
                f"the rollup is in {currency}; a rollup adds one currency only"
            )
        yield flow_record(project, flow, kinds), flow.amount.amount


def unknown_kinds(domains: Iterable[str | None]) -> RollupError:
    """The error for domains whose kind (thematic or enabler) a rollup needs but lacks."""
    listed = ", ".join(sorted({repr(d) for d in domains}))
    return RollupError(
        f"the kind (thematic or enabler) of domain {listed} is not known: roll up a Programme, "
        "or pass domains=[Domain(...), ...] with the pairs"
    )
