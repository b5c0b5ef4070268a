"""Currencies: ISO 4217 codes, their minor units and the symbols wecb reads and writes.

>>> currency_code("GBP"), minor_digits("JPY"), SYMBOLS["GBP"]
('GBP', 0, '£')
"""

from __future__ import annotations

import re
from typing import Final

from wecb.errors import MoneyError, WecbTypeError, excerpt

__all__ = ["SYMBOLS", "currency_code", "minor_digits"]

#: The currency symbols wecb writes and reads (``$`` is refused as ambiguous).
SYMBOLS: Final = {"GBP": "£", "EUR": "€"}
SYMBOL_CODES: Final = {symbol: code for code, symbol in SYMBOLS.items()}
# ISO 4217 currencies whose minor unit is not 1/100; every other code uses 2 places.
_NO_MINOR: Final = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF"
_MINOR_DIGITS: Final = {
    **dict.fromkeys(_NO_MINOR.split(), 0),
    **dict.fromkeys(("BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"), 3),
    **dict.fromkeys(("CLF", "UYW"), 4),
}
_CURRENCY_RE: Final = re.compile(r"[A-Z]{3}")


def currency_code(currency: object) -> str:
    """``currency`` if it is a code of three upper-case letters, else a MoneyError (a
    WecbTypeError when it is not text at all)."""
    if not isinstance(currency, str) or not _CURRENCY_RE.fullmatch(currency):
        error = MoneyError if isinstance(currency, str) else WecbTypeError
        raise error(
            f"currency must be an ISO 4217 code of three upper-case letters such as 'GBP', "
            f"got {excerpt(currency)}"
        )
    return currency


def known_minor_digits(currency: str) -> int:
    """The minor-unit places of a code already checked (see :func:`minor_digits`)."""
    return _MINOR_DIGITS.get(currency, 2)


def minor_digits(currency: str) -> int:
    """The decimal places of ``currency``'s minor unit (2 for GBP, 0 for JPY, 3 for KWD).

    >>> minor_digits("GBP"), minor_digits("JPY"), minor_digits("KWD")
    (2, 0, 3)
    """
    return known_minor_digits(currency_code(currency))
