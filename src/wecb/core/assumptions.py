"""Assumptions: what a result depends on beyond its input figures, and where each came from.

Every wecb result states the assumptions that produced it (a filter, a discount schedule, a
base year, a phasing, an adjustment, a shipped parameter) in every form it takes: its text
and HTML (:func:`assumption_notes` under the table), its rows (:class:`ResultRows`, a list of
rows that carries them) and the files written from those rows. A shipped parameter that has
not been checked against its source is marked ``verified=False`` and every form shows a
warning.

>>> a = Assumption(name="deadweight", value="20%", source="stated by the caller")
>>> str(a)
'deadweight: 20% (stated by the caller)'
>>> ob = Assumption(name="optimism bias", value="grade 3", source="CBA guidance (2014)",
...                 verified=False)
>>> str(ob)
'optimism bias: grade 3 (CBA guidance (2014)) [WARNING: not verified against its source]'
>>> print("\\n".join(assumption_notes((a, ob))))
assumptions:
  - deadweight: 20% (stated by the caller)
  - optimism bias: grade 3 (CBA guidance (2014)) [WARNING: not verified against its source]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final, Protocol, runtime_checkable

import attrs

from wecb.core._validators import check_bool, check_text, field, optional, require_instance
from wecb.errors import WecbTypeError

__all__ = [
    "NOT_VERIFIED",
    "Assumption",
    "HasAssumptions",
    "ResultRows",
    "assumption_notes",
    "assumptions_of",
]

#: The warning every form shows beside an assumption not checked against its source.
NOT_VERIFIED: Final = "WARNING: not verified against its source"


@attrs.frozen(kw_only=True)
class Assumption:
    """One assumption behind a result: its name, its value in words, and its source.

    ``source`` says where the value comes from (a document, "stated by the caller", "the
    command line"); ``verified`` is ``False`` for a shipped parameter not yet checked against
    that source.
    """

    name: str = attrs.field(validator=field(check_text))
    value: str = attrs.field(validator=field(check_text))
    source: str | None = attrs.field(default=None, validator=field(optional(check_text)))
    verified: bool = attrs.field(default=True, validator=field(check_bool))

    def __str__(self) -> str:
        text = f"{self.name}: {self.value}"
        if self.source:
            text += f" ({self.source})"
        if not self.verified:
            text += f" [{NOT_VERIFIED}]"
        return text


def _assumptions(
    value: Iterable[Assumption], where: str = "ResultRows.assumptions"
) -> tuple[Assumption, ...]:
    return tuple(
        require_instance(f"{where}[{i}]", item, Assumption, "an Assumption")
        for i, item in enumerate(value)
    )


def _row(index: int, row: object) -> dict[str, object]:
    if not isinstance(row, Mapping):
        raise WecbTypeError.not_accepted(f"ResultRows row {index}", row, "a mapping")
    return dict(row)


class ResultRows(list[dict[str, object]]):
    """A result's plain rows, with the assumptions that produced them.

    It is a ``list`` of ``dict`` rows and compares equal to the same rows whatever their
    assumptions; a slice or ``list(rows)`` is a plain list without them. The exports in
    :mod:`wecb.io` (CSV, JSON, xlsx, DataFrame) write :attr:`assumptions` beside the rows,
    and the CSV and JSON readers give them back.

    >>> rows = ResultRows([{"a": 1}], assumptions=[Assumption(name="x", value="y")])
    >>> rows == [{"a": 1}], [str(a) for a in rows.assumptions]
    (True, ['x: y'])
    """

    assumptions: tuple[Assumption, ...]

    def __init__(
        self, rows: Iterable[Mapping[str, object]] = (), *, assumptions: Iterable[Assumption] = ()
    ) -> None:
        if isinstance(rows, str | bytes | Mapping) or not isinstance(rows, Iterable):
            raise WecbTypeError.not_accepted("ResultRows rows", rows, "an iterable of mappings")
        super().__init__(_row(i, row) for i, row in enumerate(rows))
        if isinstance(assumptions, str | bytes | Assumption) or not isinstance(
            assumptions, Iterable
        ):
            raise WecbTypeError.not_accepted(
                "ResultRows.assumptions", assumptions, "an iterable of Assumptions"
            )
        self.assumptions = _assumptions(assumptions)


@runtime_checkable
class HasAssumptions(Protocol):
    """A result that states its assumptions."""

    def assumptions(self) -> tuple[Assumption, ...]: ...


def assumptions_of(data: object) -> tuple[Assumption, ...]:
    """The assumptions ``data`` carries: the :attr:`ResultRows.assumptions` of rows, a
    result's :meth:`~HasAssumptions.assumptions`, else none.

    >>> rows = ResultRows([{"a": 1}], assumptions=[Assumption(name="x", value="y")])
    >>> [str(a) for a in assumptions_of(rows)], assumptions_of([{"a": 1}])
    (['x: y'], ())
    """
    # ResultRows first: its ``assumptions`` attribute would pass for the protocol's method.
    if isinstance(data, ResultRows):
        return data.assumptions
    method = getattr(data, "assumptions", None)
    if isinstance(data, HasAssumptions) and callable(method):
        where = f"{type(data).__name__}.assumptions()"
        listed = method()
        if isinstance(listed, str | bytes | Mapping) or not isinstance(listed, Iterable):
            raise WecbTypeError.not_accepted(where, listed, "a tuple of Assumptions")
        return _assumptions(listed, where)
    return ()


def assumption_notes(assumptions: Iterable[Assumption]) -> tuple[str, ...]:
    """Note lines for a table: ``assumptions:`` then one line each (none when empty)."""
    listed = tuple(assumptions)
    if not listed:
        return ()
    return ("assumptions:", *(f"  - {a}" for a in listed))
