"""Aligned text and HTML tables with one money scale per table (private helpers).

The scale is chosen once for a whole table from its largest figure, so a column reads
consistently (``£0.7m`` beside ``£87.6m`` rather than ``£716k`` beside ``£87.6m``):

>>> from wecb.core.money import Money
>>> choose_scale([Money("716000"), Money("-87587000")])
('millions', 1)
>>> choose_scale([Money("716000"), Money("1250000")])
('thousands', 0)
>>> choose_scale([Money("9950"), Money("12.5")])
('units', 2)
>>> rows = [("group", ["a", "£1.0m"]), ("total", ["total", "£1.0m"])]
>>> print(render_text("T", ["k", "v"], rows, 1))
T
k          v
-----  -----
a      £1.0m
-----  -----
total  £1.0m
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import Literal, TypeAlias

from wecb.core._text import aligned
from wecb.core.money import Money

__all__ = ["RowKind", "choose_scale", "money_cell", "render_html", "render_text"]

RowKind: TypeAlias = Literal["group", "subtotal", "total"]


def choose_scale(amounts: Iterable[Money]) -> tuple[str, int]:
    """``(scale, places)`` for :meth:`Money.format` fitting the largest of ``amounts``:
    units to the penny below £10,000, then £k below £10m, then £m to one place below
    £10bn, then £bn to two places (so the largest figure keeps 4 or more digits)."""
    largest = max((abs(m.amount) for m in amounts), default=0)
    if largest >= 10**10:
        return "billions", 2
    if largest >= 10**7:
        return "millions", 1
    if largest >= 10**4:
        return "thousands", 0
    return "units", 2


def money_cell(amount: Money, scale: str, places: int) -> str:
    """``amount`` shown at the table's scale."""
    return amount.format(scale, places)


def render_text(
    title: str,
    header: Sequence[str],
    rows: Sequence[tuple[RowKind, Sequence[str]]],
    label_columns: int,
    notes: Sequence[str] = (),
) -> str:
    """Label columns left-aligned, the rest right-aligned; a rule before total rows
    (laid out by the shared ``_text.aligned``)."""
    align = "".join("l" if i < label_columns else "r" for i in range(len(header)))
    totals = [i for i, (kind, _) in enumerate(rows) if kind == "total" and i > 0]
    table = aligned(header, [cells for _, cells in rows], align, rule_before=totals)
    return "\n".join([title, table, *notes])


def render_html(
    title: str,
    header: Sequence[str],
    rows: Sequence[tuple[RowKind, Sequence[str]]],
    label_columns: int,
    notes: Sequence[str] = (),
) -> str:
    """The same table as escaped HTML; subtotal and total rows are bold."""

    def cells(values: Sequence[str], tag: str, bold: bool) -> str:
        out = []
        for i, value in enumerate(values):
            style = "" if i < label_columns else ' style="text-align: right"'
            text = html.escape(value)
            out.append(f"<{tag}{style}>{f'<b>{text}</b>' if bold and text else text}</{tag}>")
        return "".join(out)

    parts = ['<table class="wecb-rollup">', f"<caption>{html.escape(title)}</caption>"]
    parts.append(f"<thead><tr>{cells(header, 'th', False)}</tr></thead><tbody>")
    for kind, values in rows:
        parts.append(f'<tr class="wecb-{kind}">{cells(values, "td", kind != "group")}</tr>')
    parts.append("</tbody></table>")
    parts += [f"<p>{html.escape(note)}</p>" for note in notes]
    return "".join(parts)
