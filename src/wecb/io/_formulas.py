"""Text a spreadsheet would run as a formula (private to :mod:`wecb.io`): CSV and ``.xlsx``
exports neutralise it, and the CSV reader restores it (OWASP "CSV injection").

A text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by
spreadsheets as a formula (``=HYPERLINK(...)``, ``+cmd|...``, ``@SUM(1)``), unless it is a
plain number such as ``-87,587``, ``+5`` or ``-2.5%``, which a spreadsheet reads as that
number and nothing else. Such text is *formula-like*.

* In **CSV**, a formula-like cell is written after a single quote (``'=HYPERLINK(...)``),
  which spreadsheets show as text. So that the quote can be taken off again without
  guessing, text that already begins with quotes followed by one of those characters
  (``'=x``) gets one more quote too; the reader takes one quote off any cell that begins
  with quotes followed by one of those characters (:func:`restored`). Written and read by
  wecb, every text comes back exactly.
* In **xlsx**, text is always a text cell, and a formula-like one is also marked with the
  cell's *quote prefix* (the hidden apostrophe a spreadsheet adds when one types ``'=x``), so
  it stays text when edited; its value is the exact text.

Money and number cells are never touched: they are not text.

>>> neutralised("=HYPERLINK(1)"), neutralised("-87,587"), neutralised("'=x"), neutralised("a")
("'=HYPERLINK(1)", '-87,587', "''=x", 'a')
>>> [restored(neutralised(t)) for t in ("=1", "'=1", "''+1", "-5", "'a")]
['=1', "'=1", "''+1", '-5', "'a"]
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["TRIGGERS", "formula_like", "neutralised", "restored"]

#: The first characters that make a spreadsheet read a cell as a formula.
TRIGGERS: Final = frozenset("=+-@\t\r")
_SPECIAL: Final = TRIGGERS | {"'"}
# A plain number after a sign: digits (grouped or not), a fraction, an exponent, a percent.
_SIGNED_NUMBER: Final = re.compile(
    r"[+-](?:[0-9][0-9,]*(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?%?"
)


def formula_like(text: str) -> bool:
    """Whether a spreadsheet would read ``text`` as a formula (see the module notes).

    >>> formula_like("@SUM(1)"), formula_like("-1,000.5"), formula_like("- 5"), formula_like("")
    (True, False, True, False)
    """
    return text[:1] in TRIGGERS and _SIGNED_NUMBER.fullmatch(text) is None


def neutralised(text: str) -> str:
    """``text`` as a CSV export writes it: after a quote when :func:`formula_like`, or when
    it begins with quotes followed by a formula character (so :func:`restored` is exact)."""
    first = text[:1]
    if first not in _SPECIAL:  # nearly every cell: one look at the first character
        return text
    if first == "'":
        return "'" + text if text.lstrip("'")[:1] in TRIGGERS else text
    return text if _SIGNED_NUMBER.fullmatch(text) else "'" + text


def restored(text: str) -> str:
    """The text a CSV cell written by :func:`neutralised` held: one quote off a cell that
    begins with quotes followed by a formula character, every other cell as it is."""
    if text[:1] == "'" and text.lstrip("'")[:1] in TRIGGERS:
        return text[1:]
    return text
