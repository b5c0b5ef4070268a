"""A rollup laid out as a table: group rows, a subtotal row after each block, the total.

:class:`~wecb.rollups.result.Rollup` holds the groups; here they are put in table order
(:func:`table_layout`, also the order of ``Rollup.rows(totals=True)``) and drawn with the
:mod:`wecb.core.table` kernel (:func:`rollup_table`, what ``print`` and Jupyter show).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final, Protocol, TypeAlias

from wecb.core.cells import choose_scale
from wecb.core.money import Money
from wecb.core.table import Column, RowKind, Table
from wecb.errors import RollupError
from wecb.rollups.dimensions import Key, cell_label
from wecb.rollups.totals import Totals

#: The scales a rollup's money may be shown at.
SCALES: Final = ("units", "thousands", "millions", "billions")
_SHOWN_ELSEWHERE: Final = "(print() shows all; .rows() gives them as data)"
_SUFFIX: Final = {"units": "", "thousands": "k", "millions": "m", "billions": "bn"}

#: One row of the layout: ``(kind, depth, key prefix, totals)``.
LayoutRow: TypeAlias = tuple[RowKind, int, Key, Totals]


class _Grouped(Protocol):
    """What is laid out: a rollup's dimensions, groups, currency, total and subtotals."""

    @property
    def by(self) -> tuple[str, ...]: ...

    @property
    def groups(self) -> Mapping[Key, Totals]: ...

    @property
    def currency(self) -> str: ...

    @property
    def total(self) -> Totals: ...

    def subtotals(self, level: int | str) -> Mapping[Key, Totals]: ...


def table_layout(rollup: _Grouped) -> list[LayoutRow]:
    """Group rows with subtotal rows after each block, then the total."""
    depth = len(rollup.by)
    subtotals = [rollup.subtotals(level) for level in range(depth)]
    out: list[LayoutRow] = []
    previous: Key | None = None

    def close(key: Key, above: int) -> None:
        for level in range(depth - 1, above, -1):
            out.append(("subtotal", level, key[:level], subtotals[level][key[:level]]))

    for key, totals in rollup.groups.items():
        if previous is not None:
            differs = next(i for i in range(depth) if key[i] != previous[i])
            close(previous, differs)
        out.append(("group", depth, key, totals))
        previous = key
    if previous is not None:
        close(previous, 0)
    out.append(("total", 0, (), rollup.total))
    return out


def _scale(rollup: _Grouped, scale: str | None, places: int | None) -> tuple[str, int]:
    """The scale and places money is shown at: chosen from the largest figure, unless
    given (a scale given without places takes that scale's usual places)."""
    if scale is not None and scale not in SCALES:
        raise RollupError.not_accepted("scale", scale, "'" + "', '".join(SCALES) + "'")
    total = rollup.total
    amounts = [total.costs, total.benefits, total.net]
    amounts += [m for t in rollup.groups.values() for m in (t.costs, t.benefits, t.net)]
    chosen, default_places = choose_scale(amounts)
    if scale is None or scale == chosen:
        return chosen, default_places if places is None else places
    return scale, {"units": 2, "thousands": 0}.get(scale, 1) if places is None else places


def _labels(by: tuple[str, ...], kind: RowKind, level: int, key: Key, previous: Key) -> list[str]:
    """The label cells of one table row (a group repeats no label of the row above)."""
    width = max(len(by), 1)
    if kind == "total":
        return ["total"] + [""] * (width - 1)
    if kind == "subtotal":
        labels = [cell_label(d, key[i]) for i, d in enumerate(by[:level])]
        return labels + ["subtotal"] + [""] * (width - level - 1)
    same = 0
    while same < len(key) - 1 and same < len(previous) and key[same] == previous[same]:
        same += 1
    return ["" if i < same else cell_label(d, key[i]) for i, d in enumerate(by)]


def rollup_table(
    rollup: _Grouped,
    scale: str | None,
    places: int | None,
    max_rows: int | None,
    *,
    qualifier: str = "",
    notes: Sequence[str] = (),
) -> Table:
    """``rollup`` as a table (see :meth:`Rollup.table <wecb.rollups.result.Rollup.table>`);
    ``qualifier`` follows the dimensions in the title (the filters, ``", where ..."``) and
    ``notes`` end the notes (the assumptions)."""
    scale, places = _scale(rollup, scale, places)
    by, currency = rollup.by, rollup.currency
    symbol = Money.zero(currency).format("units", 0).replace("0", "").strip()
    unit = f"{symbol}{_SUFFIX[scale]}" if symbol else f"{currency} {scale}"
    title_by = f" by {' × '.join(by)}" if by else ""
    # An empty by shows the total alone, under a blank label column.
    columns = [Column(key=d, align="left") for d in by or (" ",)]
    columns += [Column(key=k, align="right") for k in ("costs", "benefits", "net")]
    rows: list[list[object]] = []
    kinds: list[RowKind] = []
    shown = 0
    previous: Key = ()
    for kind, level, key, totals in table_layout(rollup)[:-1]:  # the total is the footer
        if kind == "group" and not by:
            continue  # the one group of an empty by is the total
        shown += kind == "group"
        if max_rows is not None and shown > max_rows:
            continue
        labels = _labels(by, kind, level, key, previous)
        rows.append([*labels, totals.costs, totals.benefits, totals.net])
        kinds.append(kind)
        previous = key if kind == "group" else ()
    hidden = 0 if max_rows is None else max(shown - max_rows, 0)
    shown_notes = [f"... {hidden} more group rows not shown {_SHOWN_ELSEWHERE}"] if hidden else []
    total = rollup.total
    return Table(
        columns=columns,
        rows=rows,
        kinds=kinds,
        footer=[*_labels(by, "total", 0, (), ()), total.costs, total.benefits, total.net],
        title=f"Rollup{title_by}{qualifier} ({currency}, {unit})",
        notes=[*shown_notes, *notes],
        scale=scale,
        places=places,
    )
