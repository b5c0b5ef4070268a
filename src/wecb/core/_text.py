"""Plain aligned text tables for ``__str__`` of analysis results (private).

Only the ground layer is imported, so analysis modules (reconciliation, appraisal) can use
it without reaching up to :mod:`wecb.present`.

>>> print(aligned(("check", "amount"), [("a", "£1.00"), ("bb", "£10.00")], "lr"))
check  amount
-----  ------
a       £1.00
bb     £10.00
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from wecb.core.money import Money

__all__ = ["aligned", "aligned_html", "money_text", "percent_text", "ratio_text"]

_GAP = "  "


def aligned(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    align: str,
    *,
    rule_before: Sequence[int] = (),
) -> str:
    """``rows`` under ``header``, each column left (``l``) or right (``r``) aligned.

    A rule is drawn under the header and before each row index in ``rule_before``.
    """
    table = [list(header), *[list(r) for r in rows]]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        parts = [
            cell.ljust(width) if how == "l" else cell.rjust(width)
            for cell, width, how in zip(cells, widths, align, strict=True)
        ]
        return _GAP.join(parts).rstrip()

    rule = _GAP.join("-" * w for w in widths)
    out = [line(header), rule]
    for index, row in enumerate(rows):
        if index in rule_before:
            out.append(rule)
        out.append(line(row))
    return "\n".join(out)


def aligned_html(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    align: str,
    *,
    rule_before: Sequence[int] = (),
    caption: str | None = None,
    notes: Sequence[str] = (),
    titles: Sequence[Sequence[str | None]] | None = None,
) -> str:
    """The table :func:`aligned` draws, as escaped HTML for ``_repr_html_`` in Jupyter.

    Rows in ``rule_before`` get a rule above them, as in the text form. ``titles``, one per
    cell of ``rows`` (``None`` for none), are shown on hover: the exact amount behind a
    scaled figure, say.

    >>> aligned_html(("a", "b"), [("x", "£1"), ("y", "<2>")], "lr", rule_before=[1])
    '<table class="wecb-table"><thead><tr><th style="text-align: left">a</th>\
<th style="text-align: right">b</th></tr></thead><tbody><tr><td style="text-align: left">x</td>\
<td style="text-align: right">£1</td></tr><tr style="border-top: 1px solid"><td \
style="text-align: left">y</td><td style="text-align: right">&lt;2&gt;</td></tr></tbody></table>'
    """
    sides = ["left" if how == "l" else "right" for how in align]

    def cells(values: Sequence[str], tag: str, hover: Sequence[str | None] = ()) -> str:
        tips = list(hover) or [None] * len(values)
        return "".join(
            f'<{tag} style="text-align: {side}"'
            + ("" if tip is None else f' title="{html.escape(tip)}"')
            + f">{html.escape(value)}</{tag}>"
            for value, side, tip in zip(values, sides, tips, strict=True)
        )

    parts = ['<table class="wecb-table">']
    if caption is not None:
        parts.append(f"<caption>{html.escape(caption)}</caption>")
    parts.append(f"<thead><tr>{cells(header, 'th')}</tr></thead><tbody>")
    for index, row in enumerate(rows):
        rule = ' style="border-top: 1px solid"' if index in rule_before else ""
        hover = () if titles is None else titles[index]
        parts.append(f"<tr{rule}>{cells(row, 'td', hover)}</tr>")
    parts.append("</tbody></table>")
    parts += [f"<p>{html.escape(note)}</p>" for note in notes]
    return "".join(parts)


def money_text(amount: Money) -> str:
    """``amount`` to the penny for display (half up); the amount itself is not changed.

    >>> money_text(Money("1234.565")), money_text(Money("-0.004"))
    ('£1,234.57', '£0.00')
    """
    return amount.format("units", places=2)


def ratio_text(value: Decimal | None, places: int = 2) -> str:
    """A ratio such as a benefit-cost ratio, to ``places`` decimals (half up), or ``n/a``.

    >>> ratio_text(Decimal("2.345")), ratio_text(None)
    ('2.35', 'n/a')
    """
    if value is None:
        return "n/a"
    return str(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def percent_text(value: Decimal | None, places: int = 1) -> str:
    """A fraction shown as a percentage (``0.1234`` -> ``12.3%``), or ``n/a``.

    >>> percent_text(Decimal("0.1234")), percent_text(None)
    ('12.3%', 'n/a')
    """
    if value is None:
        return "n/a"
    return ratio_text(value.scaleb(2), places) + "%"
