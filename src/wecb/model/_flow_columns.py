"""A project's cash flows held as columns (private): :class:`FlowColumns`.

A loader that has checked a project's lines builds their flows as columns rather than as
one :class:`~wecb.model.cashflows.CashFlow` each: the distinct attributes of the lines
(every field but ``amount``, ``period`` and ``label``) as *templates*, checked once each;
the distinct periods; and per flow a template code, a period code, the amount as whole
minor units with its exponent (the amount keeps the places it was written with), and the
label. The columns are :mod:`array` arrays (no numpy: loading a file must not import it).
Amounts that do not fit (digits below the minor unit, or past ``2**63`` minor units) are
kept as exact ``Decimal`` values instead, for the whole store.

:class:`FlowColumns` is a read-only ``Sequence[CashFlow]``: indexing or iterating builds
the flows (iterating once keeps them), and it compares equal to the tuple of the same
flows, with the same hash. :attr:`Project.flows <wecb.model.projects.Project.flows>` may
hold one; rollups read its columns directly.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from typing import Any, Final, overload

import attrs

from wecb.core._decimal import EXACT
from wecb.core.currency import minor_digits
from wecb.core.money import from_checked
from wecb.core.periods import Period
from wecb.model.cashflows import CashFlow

__all__ = ["FlowColumns", "Joined", "code_array", "code_type", "split_held"]

_FIELDS: Final = tuple(a.name for a in attrs.fields(CashFlow))


def code_type(count: int) -> str:
    """The :mod:`array` type code (also a numpy dtype) of codes into ``count`` distinct
    values: unsigned, 1, 2 or 4 bytes each."""
    return "B" if count <= 2**8 else "H" if count <= 2**16 else "I"


def code_array(count: int) -> array[int]:
    """An empty array for codes into ``count`` distinct values (see :func:`code_type`)."""
    return array(code_type(count))


def _built(values: tuple[object, ...]) -> CashFlow:
    """A flow from its field values, in field order, already checked (no validation)."""
    flow = object.__new__(CashFlow)
    for name, value in zip(_FIELDS, values, strict=True):
        object.__setattr__(flow, name, value)
    return flow


class FlowColumns(Sequence[CashFlow]):
    """Checked cash flows as columns (see the module docstring); build with
    :meth:`from_parts`, which trusts that every part was checked."""

    __slots__ = (
        "_currency",
        "_decimals",
        "_exponents",
        "_hash",
        "_labels",
        "_minor",
        "_period_codes",
        "_periods",
        "_rows",
        "_template_codes",
        "_templates",
        "_tuple",
    )

    _templates: tuple[CashFlow, ...]
    _template_codes: array[int]
    _periods: tuple[Period, ...]
    _period_codes: array[int]
    _minor: array[int] | None
    _exponents: array[int] | None
    _decimals: tuple[Decimal, ...] | None
    _labels: tuple[str | None, ...] | None
    _currency: str
    _rows: tuple[tuple[object, ...], ...] | None
    _tuple: tuple[CashFlow, ...] | None
    _hash: int | None

    @classmethod
    def from_parts(
        cls,
        *,
        templates: tuple[CashFlow, ...],
        template_codes: array[int],
        periods: tuple[Period, ...],
        period_codes: array[int],
        minor: array[int] | None,
        exponents: array[int] | None,
        decimals: tuple[Decimal, ...] | None,
        labels: tuple[str | None, ...] | None,
        currency: str,
    ) -> FlowColumns:
        """The columns, as given (checked by the caller): ``minor`` and ``exponents``
        (each amount is ``minor`` minor units written with exponent ``exponents``), or
        ``decimals``; ``labels`` ``None`` when no flow has one."""
        store = object.__new__(cls)
        values = {
            "_templates": templates,
            "_template_codes": template_codes,
            "_periods": periods,
            "_period_codes": period_codes,
            "_minor": minor,
            "_exponents": exponents,
            "_decimals": decimals,
            "_labels": labels,
            "_currency": currency,
            "_rows": None,
            "_tuple": None,
            "_hash": None,
        }
        for name, value in values.items():
            object.__setattr__(store, name, value)
        return store

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cash flows are immutable: cannot set {name!r}")

    # -- the columns (for rollups and checks) ------------------------------------------------

    @property
    def currency(self) -> str:
        """The currency of every amount."""
        return self._currency

    @property
    def templates(self) -> tuple[CashFlow, ...]:
        """The distinct attributes of the flows, as flows of nothing (amount, period and
        label are the flows' own)."""
        return self._templates

    @property
    def template_codes(self) -> array[int]:
        """Each flow's template, by its index in :attr:`templates`."""
        return self._template_codes

    @property
    def periods(self) -> tuple[Period, ...]:
        """The distinct periods of the flows."""
        return self._periods

    @property
    def period_codes(self) -> array[int]:
        """Each flow's period, by its index in :attr:`periods`."""
        return self._period_codes

    @property
    def minor_units(self) -> array[int] | None:
        """Each amount in whole minor units (``None`` when kept as Decimals)."""
        return self._minor

    @property
    def labels(self) -> tuple[str | None, ...] | None:
        """Each flow's label, or ``None`` when no flow has one."""
        return self._labels

    def amounts(self) -> Sequence[Decimal]:
        """Each amount as an exact ``Decimal``, as it was written."""
        if self._decimals is not None:
            return self._decimals
        assert self._minor is not None and self._exponents is not None
        digits = minor_digits(self._currency)
        return [_decimal(m, e, digits) for m, e in zip(self._minor, self._exponents, strict=True)]

    # -- the sequence ------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._template_codes)

    def _flow(self, index: int, amount: Decimal) -> CashFlow:
        rows = self._rows
        if rows is None:
            rows = tuple(tuple(getattr(t, n) for n in _FIELDS) for t in self._templates)
            object.__setattr__(self, "_rows", rows)
        row = list(rows[self._template_codes[index]])
        row[_AMOUNT_AT] = from_checked(amount, self._currency)
        row[_PERIOD_AT] = self._periods[self._period_codes[index]]
        if self._labels is not None:
            row[_LABEL_AT] = self._labels[index]
        return _built(tuple(row))

    def _amount(self, index: int) -> Decimal:
        if self._decimals is not None:
            return self._decimals[index]
        assert self._minor is not None and self._exponents is not None
        return _decimal(self._minor[index], self._exponents[index], minor_digits(self._currency))

    @overload
    def __getitem__(self, index: int) -> CashFlow: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[CashFlow, ...]: ...

    def __getitem__(self, index: int | slice) -> CashFlow | tuple[CashFlow, ...]:
        if self._tuple is not None:
            return self._tuple[index]
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        size = len(self)
        at = index.__index__()
        if at < 0:
            at += size
        if not 0 <= at < size:
            raise IndexError("cash flow index out of range")
        return self._flow(at, self._amount(at))

    def as_tuple(self) -> tuple[CashFlow, ...]:
        """Every flow, built once and kept."""
        if self._tuple is None:
            amounts = self.amounts()
            flows = tuple(self._flow(i, a) for i, a in enumerate(amounts))
            object.__setattr__(self, "_tuple", flows)
            return flows
        return self._tuple

    def __iter__(self) -> Iterator[CashFlow]:
        return iter(self.as_tuple())

    def __contains__(self, value: object) -> bool:
        return value in self.as_tuple()

    def __eq__(self, other: object) -> bool:
        if other is self:
            return True
        if isinstance(other, FlowColumns):
            if len(other) != len(self):
                return False
            if self._same_columns(other):
                return True
            return self.as_tuple() == other.as_tuple()
        if isinstance(other, tuple):
            return len(other) == len(self) and self.as_tuple() == other
        return NotImplemented

    def _same_columns(self, other: FlowColumns) -> bool:
        """Whether ``other`` holds the same columns (then its flows are equal; columns that
        differ may still hold equal flows, e.g. amounts written with other places)."""
        return (
            self._currency == other._currency
            and self._template_codes == other._template_codes
            and self._period_codes == other._period_codes
            and self._minor == other._minor
            and self._decimals == other._decimals
            and self._labels == other._labels
            and self._templates == other._templates
            and self._periods == other._periods
        )

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        if self._hash is None:
            object.__setattr__(self, "_hash", hash(self.as_tuple()))
        assert self._hash is not None
        return self._hash

    def __add__(self, other: object) -> tuple[CashFlow, ...]:
        if isinstance(other, tuple | FlowColumns):
            return self.as_tuple() + tuple(other)
        return NotImplemented

    def __radd__(self, other: object) -> tuple[CashFlow, ...]:
        if isinstance(other, tuple):
            return other + self.as_tuple()
        return NotImplemented

    def __repr__(self) -> str:
        return repr(self.as_tuple())

    def __reduce__(self) -> tuple[Callable[..., FlowColumns], tuple[dict[str, Any]]]:
        state = {
            name.lstrip("_"): object.__getattribute__(self, name)
            for name in (
                "_templates",
                "_template_codes",
                "_periods",
                "_period_codes",
                "_minor",
                "_exponents",
                "_decimals",
                "_labels",
                "_currency",
            )
        }
        return (_rebuild, (state,))


_AMOUNT_AT: Final = _FIELDS.index("amount")
_PERIOD_AT: Final = _FIELDS.index("period")
_LABEL_AT: Final = _FIELDS.index("label")


def _rebuild(state: dict[str, Any]) -> FlowColumns:
    return FlowColumns.from_parts(**state)


def _decimal(minor: int, exponent: int, digits: int) -> Decimal:
    """``minor`` minor units written with ``exponent`` (at least ``-digits``)."""
    shift = exponent + digits
    return Decimal(minor // 10**shift).scaleb(exponent, EXACT)


class Joined(Sequence[CashFlow]):
    """A project's table flows followed by its column flows, as one sequence."""

    __slots__ = ("_head", "_tail")

    def __init__(self, head: tuple[CashFlow, ...], tail: FlowColumns) -> None:
        self._head = head
        self._tail = tail

    @property
    def head(self) -> tuple[CashFlow, ...]:
        """The table's flows."""
        return self._head

    @property
    def tail(self) -> FlowColumns:
        """The explicit flows, as columns."""
        return self._tail

    def __len__(self) -> int:
        return len(self._head) + len(self._tail)

    @overload
    def __getitem__(self, index: int) -> CashFlow: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[CashFlow, ...]: ...

    def __getitem__(self, index: int | slice) -> CashFlow | tuple[CashFlow, ...]:
        if isinstance(index, slice):
            return tuple(self)[index]
        at = index.__index__()
        if at < 0:
            at += len(self)
        if not 0 <= at < len(self):
            raise IndexError("cash flow index out of range")
        head = len(self._head)
        return self._head[at] if at < head else self._tail[at - head]

    def __iter__(self) -> Iterator[CashFlow]:
        yield from self._head
        yield from self._tail

    def __eq__(self, other: object) -> bool:
        if isinstance(other, tuple | Joined | FlowColumns):
            return len(other) == len(self) and tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))


def split_held(flows: Sequence[CashFlow]) -> tuple[Sequence[CashFlow], FlowColumns | None]:
    """``flows`` as the part held as objects, then the part held as columns (if any): a
    project's table flows then its column flows (:class:`Joined`), or one of the two."""
    if isinstance(flows, FlowColumns):
        return (), flows
    if isinstance(flows, Joined):
        return flows.head, flows.tail
    return flows, None
