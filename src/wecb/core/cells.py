"""How one value shows in a table cell: money scaled as analysts write it, ratios and
percentages half up, years and enums by their labels.

Display policy lives here, outside the values (a :class:`~wecb.core.money.Money` keeps
every digit; only its text is rounded). :mod:`wecb.core.table` lays the cells out.

>>> from wecb.core.money import Money
>>> cell_text(Money("-944000")), ratio_text(Decimal("2.345")), percent_text(Decimal("0.035"))
('-£944k', '2.35', '3.5%')
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction

from wecb.core.money import Money

__all__ = ["cell_text", "choose_scale", "is_numeric", "money_text", "percent_text", "ratio_text"]


def is_numeric(value: object) -> bool:
    """Whether a cell is a number (right-aligned): ``Money``, ``Decimal`` or ``int``."""
    return isinstance(value, Money | Decimal | int) and not isinstance(value, bool | enum.Enum)


def cell_text(  # noqa: PLR0911 - one return per kind of cell
    value: object,
    *,
    scale: str = "auto",
    places: int | None = None,
    accounting: bool = False,
) -> str:
    """A cell as text: money scaled (``£87.6m``; at least three significant figures unless
    ``places`` is given, see :meth:`Money.format`), years as ``2012/13``, enums by label.

    ``None`` is an empty cell; ``bool`` is ``yes``/``no``; an enum shows its ``label`` when it
    has one, else its value with underscores as spaces.

    >>> from wecb.core.money import Money
    >>> from wecb.core.periods import FinancialYear
    >>> cell_text(Money("-944000")), cell_text(Money("-944000"), accounting=True)
    ('-£944k', '(£944k)')
    >>> cell_text(Money("87587000"), scale="thousands"), cell_text(Money("2500"))
    ('£87,587k', '£2.5k')
    >>> cell_text(Money("0.00"))
    '£0'
    >>> cell_text(FinancialYear(2012)), cell_text(None), cell_text(True)
    ('2012/13', '', 'yes')
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, Money):
        if value.is_zero() and scale == "auto" and places is None:
            return value.format("units", 0)  # "£0", not "£0.00" among scaled figures
        return value.format(scale, places, accounting)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, enum.Enum):
        label = getattr(value, "label", None)
        if isinstance(label, str):
            return label
        raw = value.value
        return raw.replace("_", " ") if isinstance(raw, str) else str(raw)
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)  # a period as written: "2012/13", "Further implementation"


def choose_scale(amounts: Iterable[Money]) -> tuple[str, int]:
    """``(scale, places)`` for :meth:`Money.format` fitting the largest of ``amounts``:
    units to the penny below £10,000, then £k below £10m, then £m to one place below
    £10bn, then £bn to two places (so the largest figure keeps 4 or more digits).

    >>> choose_scale([Money("87587000"), Money("-944000")])
    ('millions', 1)
    """
    largest = max((m.amount.copy_abs() for m in amounts), default=0)  # no context used
    if largest >= 10**10:
        return "billions", 2
    if largest >= 10**7:
        return "millions", 1
    if largest >= 10**4:
        return "thousands", 0
    return "units", 2


def money_text(amount: Money) -> str:
    """``amount`` to the penny for display (half up); the amount itself is not changed.

    >>> money_text(Money("1234.565")), money_text(Money("-0.004"))
    ('£1,234.57', '£0.00')
    """
    return amount.format("units", places=2)


def ratio_text(value: Decimal | Fraction | None, places: int = 2) -> str:
    """A ratio such as a benefit-cost ratio, to ``places`` decimals (half up), or ``n/a``.

    Rounded exactly in integers, so the caller's decimal context changes nothing. A
    ``Decimal`` shows what ``quantize`` with ``ROUND_HALF_UP`` would (``-0.00`` for a small
    negative ratio); a ``Fraction`` that rounds to zero shows no sign.

    >>> ratio_text(Decimal("2.345")), ratio_text(Fraction(1, 3)), ratio_text(None)
    ('2.35', '0.33', 'n/a')
    """
    if value is None:
        return "n/a"
    exact = Fraction(value)
    scaled = abs(exact) * 10**places
    whole, rest = divmod(scaled.numerator, scaled.denominator)
    units = whole + (1 if 2 * rest >= scaled.denominator else 0)
    negative = value.is_signed() if isinstance(value, Decimal) else exact < 0 and units
    sign = "-" if negative else ""
    text = str(units).rjust(places + 1, "0")
    return sign + (f"{text[:-places]}.{text[-places:]}" if places else text)


def percent_text(value: Decimal | Fraction | None, places: int = 1) -> str:
    """A fraction shown as a percentage (``0.1234`` -> ``12.3%``), half up, or ``n/a``.

    >>> percent_text(Decimal("0.1234")), percent_text(Fraction(1, 8), 2), percent_text(None)
    ('12.3%', '12.50%', 'n/a')
    """
    if value is None:
        return "n/a"
    return ratio_text(Fraction(value) * 100, places) + "%"
