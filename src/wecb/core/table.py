"""Aligned plain-text and HTML tables for REPLs, notebooks and terminals.

A :class:`Table` holds typed cells (``Money``, ``Decimal``, ``FinancialYear``, enums, text)
and renders them two ways from one definition: :meth:`Table.to_text` (what ``print`` shows)
and :meth:`Table.to_html` (what Jupyter shows through ``_repr_html_``). Money is shown
scaled as analysts write it (``£87.6m``, ``-£944k``); the cells keep the exact amounts,
so :meth:`Table.records` gives them back unrounded.

>>> from wecb.core.money import Money
>>> table = Table.from_records(
...     [{"project": "FBC2", "net": Money("150309000")},
...      {"project": "FBC3", "net": Money("24657000")}],
...     title="Net benefit", footer={"project": "Total", "net": Money("174966000")})
>>> print(table)
Net benefit
project      net
-------  -------
FBC2     £150.3m
FBC3      £24.7m
-------  -------
Total    £175.0m
>>> table.records()[0]["net"]
Money('150309000', 'GBP')

This is the one table kernel of wecb: every result type (rollups, who pays, appraisals,
reconciliations, ...) builds a :class:`Table` in its ``table()`` method and gets ``__str__``
and ``_repr_html_`` from :class:`Tabular`, so every wecb table looks alike. Rows may be
marked ``"subtotal"`` or ``"total"``: the text form draws a rule above each total, the HTML
form makes both bold.

>>> table = Table(columns=[Column(key="group"), Column(key="net", align="right")],
...               rows=[("FBC1", "£87.6m"), ("Subtotal", "£87.6m"), ("Total", "£87.6m")],
...               kinds=("group", "subtotal", "total"))
>>> print(table)
group        net
--------  ------
FBC1      £87.6m
Subtotal  £87.6m
--------  ------
Total     £87.6m
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from typing import Final, Literal, Protocol, TypeAlias, runtime_checkable

import attrs

from wecb.core._frames import FrameExports
from wecb.core.assumptions import NOT_VERIFIED
from wecb.core.cells import cell_text, is_numeric
from wecb.core.money import Money
from wecb.errors import ValidationError, WecbTypeError

__all__ = [
    "Align",
    "Column",
    "HasRows",
    "RowKind",
    "Table",
    "Tabular",
    "records_of",
    "wrap_note",
]

Align: TypeAlias = Literal["left", "right"]
#: What a row is: an ordinary row, a subtotal (bold in HTML) or a total (ruled and bold).
RowKind: TypeAlias = Literal["group", "subtotal", "total"]
_KINDS = ("group", "subtotal", "total")

_SCALES = ("auto", "units", "thousands", "millions", "billions")
_GAP = "  "
#: How a note that is an item of a list begins (the assumptions under a table).
_ITEM = "  - "
#: How a numbered or listed note begins: its wrapped lines are indented to its text.
_MARK: Final = re.compile(r"(- |\[\d+\] )")


@runtime_checkable
class HasRows(Protocol):
    """Anything that gives plain rows: a rollup, a sharing outcome, a reconciliation."""

    def rows(self) -> Sequence[Mapping[str, object]]: ...


def records_of(data: HasRows | Iterable[Mapping[str, object]]) -> list[dict[str, object]]:
    """The rows of ``data`` as a list of dicts: ``data.rows()`` if it has one, else ``data``.

    >>> records_of([{"a": 1}])
    [{'a': 1}]
    >>> records_of(42)
    Traceback (most recent call last):
    ...
    wecb.errors.WecbTypeError: expected rows (an iterable of mappings, ...), got int
    """
    source: object = data.rows() if isinstance(data, HasRows) else data
    if isinstance(source, str | bytes | Mapping) or not isinstance(source, Iterable):
        raise WecbTypeError(
            "expected rows (an iterable of mappings, or an object with .rows()), "
            f"got {type(data).__name__}"
        )
    out: list[dict[str, object]] = []
    for index, row in enumerate(source):
        if not isinstance(row, Mapping):
            raise WecbTypeError(f"row {index} is a {type(row).__name__}, expected a mapping")
        out.append(dict(row))
    return out


def _check_align(
    instance: object, attribute: attrs.Attribute[Align | None], value: object
) -> None:
    if value not in (None, "left", "right"):
        raise ValidationError.not_accepted("Column.align", value, "'left' or 'right'")


def _check_text(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str):
        raise WecbTypeError.not_accepted(f"Column.{attribute.name}", value, "text")
    if not value:
        raise ValidationError.not_accepted(f"Column.{attribute.name}", value, "text")


@attrs.frozen(kw_only=True)
class Column:
    """A column: the row key it shows, its header and its alignment.

    ``align=None`` right-aligns a column whose cells are all numbers (or empty) and
    left-aligns any other.
    """

    key: str = attrs.field(validator=_check_text)
    header: str = attrs.field(
        default=attrs.Factory(lambda self: self.key, takes_self=True), validator=_check_text
    )
    align: Align | None = attrs.field(default=None, validator=_check_align)
    #: The narrowest the column may be cut to when a table must fit a width.
    min_width: int = 4


def _columns(value: Iterable[Column | str]) -> tuple[Column, ...]:
    return tuple(c if isinstance(c, Column) else Column(key=c) for c in value)


def _rows(value: Iterable[Sequence[object]]) -> tuple[tuple[object, ...], ...]:
    return tuple(tuple(row) for row in value)


def _footer(value: Sequence[object] | None) -> tuple[object, ...] | None:
    return None if value is None else tuple(value)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def _fit(widths: list[int], aligns: list[Align], minimum: list[int], width: int) -> list[int]:
    """Shrink the widest left-aligned columns (not below ``minimum``) to fit."""
    out = list(widths)
    floor = [m if a == "left" else w for m, a, w in zip(minimum, aligns, widths, strict=True)]
    while sum(out) + len(_GAP) * (len(out) - 1) > width:
        candidates = [i for i, w in enumerate(out) if aligns[i] == "left" and w > floor[i]]
        if not candidates:
            break
        widest = max(candidates, key=lambda i: out[i])
        out[widest] -= 1
    return out


def wrap_note(line: str, width: int) -> list[str]:
    """``line`` (each of its lines) wrapped at ``width``, a list item under its dash; a
    word longer than ``width`` is kept whole.

    >>> wrap_note("  - deadweight: 20% (stated by the caller)", 26)
    ['  - deadweight: 20%', '    (stated by the caller)']
    """
    out: list[str] = []
    for part in line.split("\n"):
        stripped = part.lstrip(" ")
        indent = " " * (len(part) - len(stripped))
        mark = _MARK.match(stripped)
        hang = indent + " " * (0 if mark is None else len(mark[0]))
        out += textwrap.wrap(
            stripped,
            width,
            initial_indent=indent,
            subsequent_indent=hang,
            break_long_words=False,
            break_on_hyphens=False,
        ) or [part]
    return out


def _notes(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _kinds(value: Iterable[str]) -> tuple[RowKind, ...]:
    kinds = tuple(value)
    for index, kind in enumerate(kinds):
        if kind not in _KINDS:
            raise ValidationError.not_accepted(f"Table.kinds[{index}]", kind, " or ".join(_KINDS))
    return kinds  # type: ignore[return-value]  # checked above


def _check_shape(table: Table) -> None:
    width = len(table.columns)
    rows = list(table.rows) + ([] if table.footer is None else [table.footer])
    for index, row in enumerate(rows):
        if len(row) != width:
            raise ValidationError(
                f"Table: row {index} has {len(row)} cells but the table has {width} columns"
            )
    if table.kinds and len(table.kinds) != len(table.rows):
        raise ValidationError(
            f"Table: {len(table.kinds)} row kinds for {len(table.rows)} rows; give one per row"
        )


def _check_scale(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if value not in _SCALES:
        raise ValidationError.not_accepted("Table.scale", value, f"one of {_SCALES}")


@attrs.frozen(kw_only=True)
class Table:
    """A titled table of typed cells, with an optional total (footer) row and notes.

    ``kinds`` marks each body row ``"group"`` (the default), ``"subtotal"`` or ``"total"``;
    ``footer`` is one more total row after them. ``scale``, ``places`` and ``accounting``
    say how money is shown (see :meth:`wecb.core.money.Money.format`); they never change
    the cells. A cell that is already text is shown as it is.
    """

    columns: tuple[Column, ...] = attrs.field(converter=_columns)
    rows: tuple[tuple[object, ...], ...] = attrs.field(converter=_rows)
    kinds: tuple[RowKind, ...] = attrs.field(default=(), converter=_kinds)
    footer: tuple[object, ...] | None = attrs.field(default=None, converter=_footer)
    title: str | None = None
    notes: tuple[str, ...] = attrs.field(default=(), converter=_notes)
    scale: str = attrs.field(default="auto", validator=_check_scale)
    places: int | None = None
    accounting: bool = False

    def __attrs_post_init__(self) -> None:
        _check_shape(self)

    @classmethod
    def from_records(
        cls,
        records: HasRows | Iterable[Mapping[str, object]],
        columns: Sequence[Column | str] | None = None,
        *,
        footer: Mapping[str, object] | None = None,
        title: str | None = None,
        notes: Sequence[str] = (),
        scale: str = "auto",
        places: int | None = None,
        accounting: bool = False,
    ) -> Table:
        """A table from rows as mappings (or an object with ``rows()``).

        ``columns`` defaults to every key, in order of first appearance; a missing key is
        an empty cell.
        """
        rows = records_of(records)
        if columns is None:
            keys: dict[str, None] = {}
            for row in rows:
                keys.update(dict.fromkeys(row))
            columns = list(keys)
        cols = _columns(columns)
        return cls(
            columns=cols,
            rows=[[row.get(c.key) for c in cols] for row in rows],
            footer=None if footer is None else [footer.get(c.key) for c in cols],
            title=title,
            notes=tuple(notes),
            scale=scale,
            places=places,
            accounting=accounting,
        )

    def records(self) -> list[dict[str, object]]:
        """The body rows as dicts of the exact cells (the footer is not included)."""
        return [
            {c.key: cell for c, cell in zip(self.columns, row, strict=True)} for row in self.rows
        ]

    def _alignments(self) -> list[Align]:
        out: list[Align] = []
        every = [*self.rows, *(() if self.footer is None else (self.footer,))]
        for index, column in enumerate(self.columns):
            if column.align is not None:
                out.append(column.align)
                continue
            cells = [row[index] for row in every if row[index] is not None]
            out.append("right" if cells and all(is_numeric(c) for c in cells) else "left")
        return out

    def _text(self, cell: object) -> str:
        return cell_text(cell, scale=self.scale, places=self.places, accounting=self.accounting)

    def to_text(self, width: int | None = None) -> str:
        """The table as aligned plain text (what ``str()`` gives).

        With ``width``, the widest text (left-aligned) columns are cut, with ``…``, until
        each line fits in ``width`` characters; numbers and headers are never cut. A table
        that cannot fit so (its numbers alone are too wide) is shown one row a block, each
        cell on a line after its header (:meth:`to_blocks`). The title and the notes are
        wrapped at ``width`` (an assumption ``"  - ..."`` under its dash); a word longer
        than ``width`` is kept whole.

        >>> t = Table.from_records([{"name": "Integrated Commissioning", "n": 1}])
        >>> print(t.to_text(width=16))
        name           n
        -------------  -
        Integrated C…  1
        """
        aligns = self._alignments()
        head = [c.header for c in self.columns]
        body = [[self._text(cell) for cell in row] for row in self.rows]
        foot = None if self.footer is None else [self._text(cell) for cell in self.footer]
        if width is not None:
            every = [head, *body, *([] if foot is None else [foot])]
            widths = [max(len(row[i]) for row in every) for i in range(len(head))]
            floors = [max(len(h), c.min_width) for h, c in zip(head, self.columns, strict=True)]
            widths = _fit(widths, aligns, floors, width)
            if sum(widths) + len(_GAP) * (len(widths) - 1) > width:
                return self.to_blocks(width)
            every = [[_cut(cell, w) for cell, w in zip(row, widths, strict=True)] for row in every]
            head, body = every[0], every[1 : 1 + len(body)]
            foot = None if foot is None else every[-1]
        rows = [*body, *([] if foot is None else [foot])]
        return self._framed(_aligned(head, rows, aligns, self._ruled()), width)

    def _framed(self, text: str, width: int | None) -> str:
        """``text`` under the title and above the notes, both wrapped at ``width``."""
        if width is None:
            return "\n".join([*([] if self.title is None else [self.title]), text, *self.notes])
        title = [] if self.title is None else wrap_note(self.title, width)
        return "\n".join([*title, text, *(w for n in self.notes for w in wrap_note(n, width))])

    def to_blocks(self, width: int | None = None) -> str:
        """The table one row a block, for a width too narrow for its columns: each cell on
        a line after its header (the text wrapped at ``width``; a cell under a blank header
        alone), a rule above each row (a double rule above a total).

        >>> t = Table.from_records([{"name": "Integrated Commissioning", "net": 1200}])
        >>> print(t.to_blocks(width=20))
        --------------------
        name  Integrated
              Commissioning
        net   1200
        """
        head = [c.header for c in self.columns]
        size = max(map(len, head))
        rule = width or (size + len(_GAP) + 20)
        lines: list[str] = []
        every = [*self.rows, *(() if self.footer is None else (self.footer,))]
        for row, kind in zip(every, self._row_kinds(), strict=True):
            lines.append(("=" if kind == "total" else "-") * rule)
            for header, cell in zip(head, row, strict=True):
                label = header.ljust(size) + _GAP if header.strip() else ""  # blank: a heading
                room = None if width is None else max(width - len(label), 1)
                text = self._text(cell)
                parts = text.split("\n") if room is None else wrap_note(text, room)
                if label and room is not None and max(map(len, parts)) > room:
                    # A word too long beside the header: the cell under it, indented.
                    under = wrap_note(text, max(room + len(label) - len(_GAP), 1))
                    lines += [header, *(_GAP + part for part in under)]
                    continue
                lines += [label + parts[0], *(" " * len(label) + p for p in parts[1:])]
        return self._framed("\n".join(line.rstrip() for line in lines), width)

    def _row_kinds(self) -> list[RowKind]:
        kinds: list[RowKind] = list(self.kinds) or ["group"] * len(self.rows)
        return kinds + ([] if self.footer is None else ["total"])

    def _ruled(self) -> set[int]:
        """Rows with a rule above them: every total after the first row."""
        return {i for i, kind in enumerate(self._row_kinds()) if kind == "total" and i > 0}

    def to_html(self) -> str:
        """The table as an HTML ``<table>`` (escaped): text left and numbers right-aligned,
        subtotal and total rows bold, a rule above each total; hovering over a money cell
        shows its exact amount. Each note is a paragraph, a run of notes indented ``"  - "``
        a list (as :func:`~wecb.core.assumptions.assumption_notes` writes them), and a
        not-verified warning stands out in bold red.

        >>> from wecb.core.assumptions import Assumption, assumption_notes
        >>> ob = Assumption(name="optimism bias", value="grade 3", verified=False)
        >>> t = Table.from_records([{"a": 1}], notes=("a <note>", *assumption_notes([ob])))
        >>> notes = t.to_html().partition("</table>")[2]
        >>> print(notes.replace("</p>", "</p>\\n").replace("<strong", "\\n<strong"))
        <p>a &lt;note&gt;</p>
        <p>assumptions:</p>
        <ul><li>optimism bias: grade 3
        <strong class="wecb-warning" style="color: #c00000">[WARNING: ...]</strong></li></ul>
        """
        aligns = self._alignments()
        every = [*self.rows, *(() if self.footer is None else (self.footer,))]
        ruled = self._ruled()

        def cells(values: Sequence[object], tag: str, bold: bool) -> str:
            out = []
            for value, align in zip(values, aligns, strict=True):
                text = html.escape(self._text(value))
                tip = f' title="{html.escape(str(value))}"' if isinstance(value, Money) else ""
                body = f"<b>{text}</b>" if bold and text else text
                out.append(f'<{tag} style="text-align: {align}"{tip}>{body}</{tag}>')
            return "".join(out)

        parts = ['<table class="wecb-table">']
        if self.title is not None:
            parts.append(f"<caption>{html.escape(self.title)}</caption>")
        heads = "".join(
            f'<th style="text-align: {a}">{html.escape(c.header)}</th>'
            for c, a in zip(self.columns, aligns, strict=True)
        )
        parts.append(f"<thead><tr>{heads}</tr></thead><tbody>")
        for index, (row, kind) in enumerate(zip(every, self._row_kinds(), strict=True)):
            style = ' style="border-top: 1px solid"' if index in ruled else ""
            parts.append(
                f'<tr class="wecb-{kind}"{style}>{cells(row, "td", kind != "group")}</tr>'
            )
        parts.append("</tbody></table>")
        parts += _notes_html(self.notes)
        return "".join(parts)

    def __str__(self) -> str:
        return self.to_text()

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        title = "" if self.title is None else f"{self.title!r}, "
        return f"<Table {title}{len(self.columns)} columns, {len(self.rows)} rows>"


class Tabular(FrameExports):
    """What every wecb result inherits: ``print`` and Jupyter show its :meth:`tables`.

    A result defines :meth:`table`; one that shows several tables (a matrix and the
    positions under it) also overrides :meth:`tables`.
    """

    __slots__ = ()

    def table(self) -> Table:
        """The result as a :class:`Table` of exact cells (see each result type)."""
        raise NotImplementedError

    def tables(self) -> tuple[Table, ...]:
        """Every table the result shows, in order (by default just :meth:`table`)."""
        return (self.table(),)

    def __str__(self) -> str:
        return "\n\n".join(table.to_text() for table in self.tables())

    def _repr_html_(self) -> str:
        return "".join(table.to_html() for table in self.tables())


_WARNING: Final = f"[{NOT_VERIFIED}]"


def _note_html(note: str) -> str:
    warning = f'<strong class="wecb-warning" style="color: #c00000">{_WARNING}</strong>'
    return html.escape(note).replace(html.escape(_WARNING), warning)


def _notes_html(notes: Iterable[str]) -> list[str]:
    """Each note a paragraph, a run of ``"  - "`` notes one list."""
    out: list[str] = []
    items: list[str] = []
    for note in notes:
        if note.startswith(_ITEM):
            items.append(f"<li>{_note_html(note.removeprefix(_ITEM))}</li>")
            continue
        if items:
            out.append(f"<ul>{''.join(items)}</ul>")
            items = []
        out.append(f"<p>{_note_html(note)}</p>")
    if items:
        out.append(f"<ul>{''.join(items)}</ul>")
    return out


def _aligned(
    header: Sequence[str], rows: Sequence[Sequence[str]], aligns: Sequence[Align], ruled: set[int]
) -> str:
    """``rows`` under ``header``, a rule under the header and above each row in ``ruled``."""
    every = [list(header), *[list(r) for r in rows]]
    widths = [max(len(row[i]) for row in every) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        parts = [
            cell.ljust(width) if how == "left" else cell.rjust(width)
            for cell, width, how in zip(cells, widths, aligns, strict=True)
        ]
        return _GAP.join(parts).rstrip()

    rule = _GAP.join("-" * w for w in widths)
    out = [line(header), rule]
    for index, row in enumerate(rows):
        if index in ruled:
            out.append(rule)
        out.append(line(row))
    return "\n".join(out)
