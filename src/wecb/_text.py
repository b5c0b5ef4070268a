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

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from wecb.money import Money

__all__ = ["aligned", "money_text", "percent_text", "ratio_text"]

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
