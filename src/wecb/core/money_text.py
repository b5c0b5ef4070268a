"""Money as text: reading it as documents write it, and showing it as analysts do.

Beside :class:`~wecb.core.money.Money`, not inside it: :meth:`Money.parse
<wecb.core.money.Money.parse>`, :meth:`Money.format <wecb.core.money.Money.format>`,
``str()`` and ``format()`` call the functions here, which work on a ``Decimal`` amount and a
currency code. Nothing here reads the caller's decimal context.

>>> parse("(£944k)", None)
(Decimal('-944000'), 'GBP')
>>> format_amount(Decimal("87587000"), "GBP", scale="auto")
'£87.6m'
"""

from __future__ import annotations

import numbers
import operator
import re
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal, localcontext
from typing import Final

from wecb.core._decimal import (
    MAX_DIGITS,
    bounded,
    check_rounding,
    digits,
    float_message,
    from_int_exp,
    int_exp,
    round_to,
    shift,
)
from wecb.core.currency import SYMBOL_CODES, SYMBOLS, currency_code, known_minor_digits
from wecb.core.numbers import DIGITS, is_float_like, whole
from wecb.errors import FloatNotAllowedError, MoneyError, ParseError, WecbTypeError, excerpt

__all__ = [
    "CUT",
    "SHOWN_PLACES",
    "SIGNIFICANT",
    "coerce_amount",
    "format_amount",
    "format_spec",
    "full",
    "parse",
    "parse_thousands",
    "whole_amount",
]

#: The most decimals ``str()`` and ``repr()`` of money show; beyond them the text is cut.
SHOWN_PLACES: Final = 12
#: What marks a ``str()`` or ``repr()`` cut after :data:`SHOWN_PLACES` decimals.
CUT: Final = "\u2026"
#: The fewest significant figures of a scaled figure (``k``, ``m``, ``bn``) by default.
SIGNIFICANT: Final = 3

# scale name -> (power of ten, suffix, default places)
_SCALES: Final = {
    "units": (0, "", 0),
    "thousands": (3, "k", 0),
    "millions": (6, "m", 1),
    "billions": (9, "bn", 1),
}
_SPEC_SCALES: Final = {"u": "units", "k": "thousands", "m": "millions", "bn": "billions"}
_PLAIN_RE: Final = re.compile(r"[-+]?[0-9]+(?:\.[0-9]+)?")
_NUM: Final = DIGITS  # the digit rules of every number wecb reads (wecb.core.numbers)
_MONEY_RE: Final = re.compile(
    rf"""
    (?P<open>\()?
    (?P<sign1>[-+\u2212])?
    (?:(?P<symbol>[£€$])|(?P<code>[A-Z]{{3}}))?[ \u00a0]?
    (?P<sign2>[-+\u2212])?
    (?P<num>{_NUM})
    (?:[ \u00a0]?(?P<scale>k|K|m|bn|Bn|BN|(?ai:thousand|million|billion)))?
    (?P<close>\))?
    """,
    re.VERBOSE,
)
_THOUSANDS_RE: Final = re.compile(
    rf"\((?P<paren>{_NUM})\)|(?P<sign>[-+\u2212])?(?P<num>{_NUM})", re.VERBOSE
)
_SPEC_RE: Final = re.compile(r"(?P<acc>\()?(?:\.(?P<places>[0-9]{1,3}))?(?P<scale>u|k|m|bn|a)?")
_STANDARD_RE: Final = re.compile(  # width and places of at most 4 digits: no huge texts
    r"(?:.?[<>=^])?[-+ ]?z?#?0?[0-9]{0,4}[,_]?(?:\.[0-9]{1,4})?(?P<type>[eEfFgGn%])?", re.DOTALL
)
#: Python's default decimal context, pinned (standard specs round half-even, whatever).
_FORMAT: Final = Context(prec=28, rounding=ROUND_HALF_EVEN, Emax=999_999, Emin=-999_999)
_RATE_RE: Final = re.compile(
    r"/|\bper\b|\bp\.\s?a\b|\bpa\b|\bannum\b|\bannually\b|\byearly\b"
    r"|\b(?:a|every|each)\s+(?:year|month|week|day)\b",
    re.IGNORECASE,
)
_APPROX_RE: Final = re.compile(
    r"(?:c\.|ca\.|circa\b|approx\.?|approximately\b|about\b|around\b|~|≈)\s*", re.IGNORECASE
)
_INT_LIMIT: Final = 10**MAX_DIGITS
_QUICK_BITS: Final = 16_000  # an int this long (4,800 digits) converts in microseconds
_SCALE_POWERS: Final = {"k": 3, "thousand": 3, "m": 6, "million": 6, "bn": 9, "billion": 9}
_EXAMPLES: Final = "an amount such as '£1.949m', '£500,000', '£38 million', '(£944k)' or '-12.50'"


def coerce_amount(amount: object) -> Decimal:
    """The amount of ``Money(amount)``: an int, a finite Decimal or plain decimal text."""
    if isinstance(amount, Decimal):
        if not amount.is_finite():
            raise MoneyError(
                f"amount must be finite, got {excerpt(amount)}: NaN and infinity are not money"
            )
        return bounded(amount)
    if isinstance(amount, bool):
        raise WecbTypeError(f"amount must be int, Decimal or str, got bool {excerpt(amount)}")
    if isinstance(amount, int):
        return whole_amount(amount)
    if isinstance(amount, str):
        text = amount.strip()
        if _PLAIN_RE.fullmatch(text):
            return bounded(Decimal(text))
        raise MoneyError(
            f"amount text must be a plain decimal number such as '-12.50', got "
            f"{excerpt(amount)}; read money text such as '£1.949m' or '£500,000' with Money.parse"
        )
    if is_float_like(amount):  # numpy's floats too
        raise FloatNotAllowedError(float_message(amount))  # type: ignore[arg-type]
    if isinstance(amount, numbers.Integral):  # numpy's integers are exact
        return whole_amount(operator.index(amount))
    raise WecbTypeError(
        f"amount must be int, Decimal or str, got {type(amount).__name__} {excerpt(amount)}"
    )


def whole_amount(amount: int) -> Decimal:
    """``Decimal(amount)`` within the bounds of money; a huge int is refused before it is
    converted (the conversion of a million digits takes seconds)."""
    if -_INT_LIMIT < amount < _INT_LIMIT:
        return Decimal(amount)
    if amount.bit_length() <= _QUICK_BITS:
        return bounded(Decimal(amount))  # refused, the amount shown in scientific form
    raise MoneyError(
        f"amount of {amount.bit_length():,} bits is not below 10**{MAX_DIGITS}; wecb holds "
        f"amounts from 10**-{MAX_DIGITS} to below 10**{MAX_DIGITS} in size"
    )


def parse(text: str, currency: str | None) -> tuple[Decimal, str]:
    """The amount and currency of money text (see :meth:`Money.parse`)."""
    if is_float_like(text):
        raise FloatNotAllowedError(float_message(text))  # type: ignore[arg-type]
    if not isinstance(text, str):
        raise ParseError(
            f"Money.parse needs text (str), got {type(text).__name__} {excerpt(text)}; "
            f"build Money from a number with Money(value)"
        )
    expected = None if currency is None else currency_code(currency)
    stripped = text.strip()
    match = _MONEY_RE.fullmatch(stripped)
    if match is None:
        raise ParseError(f"cannot read {excerpt(text)} as money: {_diagnose(stripped)}")
    signs = [s for s in (match["sign1"], match["sign2"]) if s]
    if (match["open"] is None) != (match["close"] is None):
        raise ParseError(
            f"cannot read {excerpt(text)} as money: unbalanced parentheses; "
            "expected e.g. '(£944k)'"
        )
    if len(signs) + (match["open"] is not None) > 1:
        raise ParseError(
            f"cannot read {excerpt(text)} as money: more than one sign (a sign and parentheses "
            f"count twice); expected {_EXAMPLES}"
        )
    code = _currency_of(match["symbol"], match["code"], text)
    if expected is not None and code is not None and code != expected:
        raise ParseError(
            f"cannot read {excerpt(text)} as {expected}: the text is in {code}; "
            f"pass currency={code!r} or convert the amount"
        )
    scale = match["scale"]
    try:
        amount = bounded(Decimal(match["num"].replace(",", "")))
        if scale is not None:
            amount = bounded(shift(amount, _SCALE_POWERS[scale.lower()]))
    except MoneyError as exc:
        raise ParseError(f"cannot read {excerpt(text)} as money: {exc}") from None
    negative = match["open"] is not None or (bool(signs) and signs[0] != "+")
    if negative and amount != 0:
        amount = amount.copy_negate()
    return amount, code or expected or "GBP"


def parse_thousands(value: int | Decimal | str, currency: str) -> tuple[Decimal, str]:
    """The amount and currency of a figure in £'000 (see :meth:`Money.from_thousands`)."""
    code = currency_code(currency)
    if isinstance(value, str):
        match = _THOUSANDS_RE.fullmatch(value.strip())
        if match is None:
            raise ParseError(
                f"cannot read {excerpt(value)} as a figure in £'000: expected a number such as "
                f"'87,587', '-87,587' or '(944)' (write '0' for nil); "
                f"read money text such as '£1.949m' with Money.parse"
            )
        negative = match["paren"] is not None or match["sign"] in ("-", "\u2212")
        text = (match["paren"] or match["num"]).replace(",", "")
        try:
            amount = bounded(Decimal(text))
        except MoneyError as exc:
            raise ParseError(f"cannot read {excerpt(value)} as a figure in £'000: {exc}") from None
        if negative:
            amount = amount.copy_negate()
    elif is_float_like(value):
        raise FloatNotAllowedError(float_message(value))  # type: ignore[arg-type]
    else:
        amount = coerce_amount(value)
    return bounded(shift(amount, 3)), code


def full(amount: Decimal, currency: str, *, accounting: bool = False, cut: bool = True) -> str:
    """What ``str(money)`` shows: every digit, at least the currency's minor unit, at most
    :data:`SHOWN_PLACES` decimals; an amount with more (a quotient such as ``10 / 3``) is
    cut, not rounded, after the last shown decimal and marked with :data:`CUT` unless only
    zeros were cut. ``cut=False`` keeps every digit (:meth:`Money.exact_text
    <wecb.core.money.Money.exact_text>`, which files hold).

    >>> full(Decimal("1.005"), "GBP"), full(Decimal("-2") / 3, "GBP")
    ('£1.005', '-£0.666666666666…')
    """
    least = known_minor_digits(currency)
    if not cut:
        return render(amount, currency, max(least, -int_exp(amount)[1]), "", accounting)
    shown, places, mark = _cut(amount, least)
    text = render(shown, currency, places, mark, accounting)
    if amount < 0 <= shown:  # cut to zero: the sign stays
        text = f"({text})" if accounting else f"-{text}"
    return text


def _cut(amount: Decimal, least: int) -> tuple[Decimal, int, str]:
    """``amount`` with ``least`` to :data:`SHOWN_PLACES` decimals, its places and its mark."""
    places = max(least, -int_exp(amount)[1])
    if places <= SHOWN_PLACES:
        return amount, places, ""
    shown = round_to(amount, from_int_exp(1, -SHOWN_PLACES), ROUND_DOWN)
    return shown, SHOWN_PLACES, "" if shown == amount else CUT


def render(value: Decimal, currency: str, places: int, suffix: str, accounting: bool) -> str:
    """``value`` (already rounded to ``places``) with the symbol or code and ``suffix``."""
    symbol = SYMBOLS.get(currency)
    body = (symbol if symbol else f"{currency} ") + digits(value, places) + suffix
    if value >= 0:
        return body
    return f"({body})" if accounting else f"-{body}"


def format_amount(
    amount: Decimal,
    currency: str,
    *,
    scale: str = "auto",
    places: int | None = None,
    accounting: bool = False,
    rounding: str = ROUND_HALF_UP,
) -> str:
    """Display ``amount`` for analysts (see :meth:`Money.format`)."""
    if scale != "auto" and scale not in _SCALES:
        raise MoneyError(
            f"unknown scale {excerpt(scale)}; expected 'auto' or one of {list(_SCALES)}"
        )
    if places is not None:
        if isinstance(places, bool) or not isinstance(places, int):
            raise MoneyError(f"places must be an int >= 0 or None, got {excerpt(places)}")
        whole(places, what="places", minimum=0, maximum=MAX_DIGITS, error=MoneyError, text=False)
    mode = check_rounding(rounding)
    names = list(_SCALES)
    if scale == "auto":
        size = amount.copy_abs()
        index = sum(1 for name in names[1:] if size >= 10 ** _SCALES[name][0])
    else:
        index = names.index(scale)
    while True:
        name = names[index]
        power, suffix, default = _SCALES[name]
        if places is not None:
            shown_places = places
        elif scale == "auto" and name == "units":
            shown_places = known_minor_digits(currency)
        else:
            shown_places = default
        scaled = shift(amount, -power)
        shown = round_to(scaled, from_int_exp(1, -shown_places), mode)
        if scale != "auto" or index == len(names) - 1 or shown.copy_abs() < 1000:
            if places is None and power:
                most = power + known_minor_digits(currency)
                shown, shown_places = _widened(scaled, shown, shown_places, most, mode)
            return render(shown, currency, shown_places, suffix, accounting)
        index += 1


def _widened(
    scaled: Decimal, shown: Decimal, places: int, most: int, mode: str
) -> tuple[Decimal, int]:
    """``shown`` (``scaled`` rounded to ``places``) with more places, up to ``most``, until it
    has :data:`SIGNIFICANT` significant figures; zeros the widening adds are dropped."""
    wide, wide_places = shown, places
    while wide_places < most and len(str(abs(_count(wide, wide_places)))) < SIGNIFICANT:
        wide_places += 1
        wide = round_to(scaled, from_int_exp(1, -wide_places), mode)
    if wide.is_zero():
        return shown, places  # nothing to show at the minor unit either: keep "£0.0m"
    count = _count(wide, wide_places)
    while wide_places > places and count % 10 == 0:
        count, wide_places = count // 10, wide_places - 1
    return from_int_exp(count, -wide_places), wide_places


def _count(value: Decimal, places: int) -> int:
    """``value`` (with no more than ``places`` decimals) in units of ``10**-places``."""
    n, e = int_exp(value)
    factor: int = 10 ** (e + places)
    return n * factor


def format_spec(amount: Decimal, currency: str, spec: str) -> str:
    """``format(money, spec)``: see the format specification of :class:`Money`."""
    match = _SPEC_RE.fullmatch(spec)
    if match is None:
        return _standard(amount, spec)
    accounting = match["acc"] is not None
    places = None if match["places"] is None else int(match["places"])
    code = match["scale"]
    if code is None and places is None:
        return full(amount, currency, accounting=accounting)
    scale = "auto" if code == "a" else _SPEC_SCALES[code or "u"]
    return format_amount(amount, currency, scale=scale, places=places, accounting=accounting)


def _standard(amount: Decimal, spec: str) -> str:
    """``format(amount, spec)`` for a standard numeric spec, half-even in a pinned context."""
    match = _STANDARD_RE.fullmatch(spec)
    problem = None
    if match is None:
        problem = "it is neither a wecb spec nor a standard numeric one"
    elif match["type"] == "%":
        problem = "a percentage of money is not money; divide by another amount first"
    else:
        try:
            with localcontext(_FORMAT):
                return format(amount, spec)
        except ValueError as exc:
            problem = str(exc)
    raise ParseError(
        f"invalid format spec {excerpt(spec)} for Money: {problem}; expected a wecb spec "
        "[(][.places][u|k|m|bn|a] (e.g. '.1m' -> £87.6m, '(k' -> (£944k), '' -> £87,587,000.00)"
        " or a standard numeric spec of type f, e, g or n (',.2f' -> 87,587,000.00, no £)"
    )


def _currency_of(symbol: str | None, code: str | None, text: str) -> str | None:
    if symbol == "$":
        raise ParseError(
            f"cannot read {excerpt(text)} as money: '$' is ambiguous (USD, AUD, CAD, ...); "
            f"write the ISO code, e.g. 'USD 12.50'"
        )
    if symbol is not None:
        return SYMBOL_CODES[symbol]
    return code


def _diagnose(text: str) -> str:  # noqa: PLR0911 - one return per diagnosis reads best
    """Say why ``text`` is not money, as precisely as we can."""
    if not text:
        return f"the text is empty; expected {_EXAMPLES}"
    if CUT in text:
        return f"it was cut after {SHOWN_PLACES} decimals ({CUT}); use the amount of the Money"
    if _RATE_RE.search(text):
        return "it looks like a rate (an amount per something); read it with wecb.units.parse_rate"
    approx = _APPROX_RE.match(text)
    if approx:
        return (
            f"wecb reads exact amounts; drop the approximation marker (write "
            f"{excerpt(text[approx.end() :])}) and note the approximation in the source"
        )
    if re.search(r"[0-9][eE][-+]?[0-9]", text):
        return "scientific notation is not accepted; write '1000000' or '£1m'"
    if re.search(r"[0-9.]\s?(?:mm|MM|M)\b", text):
        return "'M'/'mm' is ambiguous (a thousand or a million); write '£12m' or '£12 million'"
    if re.search(r"[0-9]\.[0-9]*\.", text):
        return "more than one decimal point; expected e.g. '£1.949m'"
    if re.search(r"[-+\u2212]\s*[£€$A-Z]*\s*[-+\u2212]", text):
        return "more than one sign; expected e.g. '-£944k' or '(£944k)'"
    if re.fullmatch(r"[-+(\u2212]*[£€$]?[A-Z]{0,3}\)?", text):
        return f"there is no number; expected {_EXAMPLES}"
    if "," in text:
        return (
            "bad digit grouping: commas must separate groups of exactly three digits, "
            "e.g. '£500,000' or '£1,949.5k'"
        )
    return f"expected {_EXAMPLES}"
