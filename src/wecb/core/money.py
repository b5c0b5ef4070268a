"""Exact money: :class:`Money`, a ``Decimal`` amount in one ISO 4217 currency.

Finance people check wecb to the penny, so money here follows four rules:

* **No floats.** Amounts are ``Decimal``; a ``float`` anywhere money goes is
  refused with :class:`~wecb.errors.FloatNotAllowedError` (a ``TypeError``).
* **No silent rounding.** ``+``, ``-`` and ``*`` run in a private decimal context
  of :data:`WORKING_PRECISION` (60) significant digits that *traps* inexact
  results: a result that would need more digits raises
  :class:`~wecb.errors.MoneyError` rather than being rounded.
* **Division is the one documented exception.** ``Money / number``,
  ``Money / Money`` and ``Money * Fraction`` are exact whenever the exact result
  fits in the working precision; otherwise (``1/3``) the result is rounded
  half-even to 60 significant digits, far below a penny. So no operation loses
  a digit that a 60-digit ``Decimal`` would keep.
* **Rounding only on request**, through :meth:`Money.round` or the display
  methods, with the rounding mode named.

The caller's thread-local decimal context is never read: results do not change
with ``decimal.getcontext()``.

>>> from fractions import Fraction
>>> Money("0.10") + Money("0.20")
Money('0.30', 'GBP')
>>> Money("100") * Fraction(1, 8)
Money('12.5', 'GBP')
>>> sum([Money("1.50"), Money("2.25")])
Money('3.75', 'GBP')
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal, Inexact
from fractions import Fraction
from typing import Final, final, overload

from wecb.core import _decimal
from wecb.core._decimal import DIVIDE, EXACT, ROUNDINGS, bounds_problem
from wecb.errors import (
    AllocationError,
    CurrencyMismatchError,
    FloatNotAllowedError,
    MoneyError,
    ParseError,
    WecbTypeError,
)

__all__ = ["MAX_DIGITS", "WORKING_PRECISION", "Money", "Weight", "minor_digits"]

WORKING_PRECISION: Final = _decimal.WORKING_PRECISION
"""Significant digits kept by Money arithmetic (see the module docstring)."""

MAX_DIGITS: Final = _decimal.MAX_DIGITS
"""Bounds of an amount: other than zero, its size is from ``10**-MAX_DIGITS`` to below
``10**MAX_DIGITS``, with at most ``2 * MAX_DIGITS`` significant digits.

Far beyond any budget (and beyond :data:`WORKING_PRECISION`), but it refuses, with a
:class:`~wecb.errors.MoneyError`, amounts such as ``Decimal('1E+999999999')`` that could not
be printed or converted (Python refuses int/str conversions past 4300 digits).
"""

_UNITS: Final = {
    "penny": Decimal("0.01"),
    "pound": Decimal("1"),
    "thousand": Decimal("1000"),
    "million": Decimal("1000000"),
}
# scale name -> (power of ten, suffix, default places)
_SCALES: Final = {
    "units": (0, "", 0),
    "thousands": (3, "k", 0),
    "millions": (6, "m", 1),
    "billions": (9, "bn", 1),
}
_SPEC_SCALES: Final = {"u": "units", "k": "thousands", "m": "millions", "bn": "billions"}
_SYMBOLS: Final = {"GBP": "£", "EUR": "€"}
_SYMBOL_CODES: Final = {symbol: code for code, symbol in _SYMBOLS.items()}
# ISO 4217 currencies whose minor unit is not 1/100; every other code uses 2 places.
_NO_MINOR: Final = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF"
_MINOR_DIGITS: Final = {
    **dict.fromkeys(_NO_MINOR.split(), 0),
    **dict.fromkeys(("BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"), 3),
    **dict.fromkeys(("CLF", "UYW"), 4),
}

_CURRENCY_RE: Final = re.compile(r"[A-Z]{3}")
_PLAIN_RE: Final = re.compile(r"[-+]?[0-9]+(?:\.[0-9]+)?")
_NUM: Final = r"(?:[1-9][0-9]{0,2}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
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
_RATE_RE: Final = re.compile(
    r"/|\bper\b|\bp\.\s?a\b|\bpa\b|\bannum\b|\bannually\b|\byearly\b"
    r"|\b(?:a|every|each)\s+(?:year|month|week|day)\b",
    re.IGNORECASE,
)
_APPROX_RE: Final = re.compile(
    r"(?:c\.|ca\.|circa\b|approx\.?|approximately\b|about\b|around\b|~|≈)\s*", re.IGNORECASE
)
_SCALE_POWERS: Final = {"k": 3, "thousand": 3, "m": 6, "million": 6, "bn": 9, "billion": 9}
_EXAMPLES: Final = "an amount such as '£1.949m', '£500,000', '£38 million', '(£944k)' or '-12.50'"

Weight = int | Decimal | Fraction
"""An allocation weight: exact numbers only."""


def from_checked(amount: Decimal, currency: str) -> Money:
    """A :class:`Money` from an amount and currency already checked (finite, within
    bounds; a code that :class:`Money` accepted before): for engines that build many.
    Not in ``__all__``: anything else should call :class:`Money`."""
    return Money._make(amount, currency)


def _float_message(value: float) -> str:
    exact = Decimal(repr(value))
    if not exact.is_finite():
        return f"got float {value!r}: floats cannot hold money exactly; NaN and inf are not money"
    text = _plain(exact)
    return (
        f"got float {value!r}: floats cannot hold money exactly; "
        f"pass Decimal('{text}') or the string '{text}'"
    )


def _int_exp(value: Decimal) -> tuple[int, int]:
    """Return ``(n, e)`` with ``value == n * 10**e`` exactly (value finite)."""
    sign, digits, exp = value.as_tuple()
    assert isinstance(exp, int)
    n = int("".join(map(str, digits)))
    return (-n if sign else n), exp


def _from_int_exp(n: int, exp: int) -> Decimal:
    """``n * 10**exp`` exactly; a positive exponent becomes a plain integer."""
    return Decimal(n * 10**exp) if exp > 0 else Decimal(f"{n}E{exp}")


def _shift(value: Decimal, power: int) -> Decimal:
    """``value * 10**power`` exactly, without any context."""
    n, e = _int_exp(value)
    return _from_int_exp(n, e + power)


def _round_to(value: Decimal, quantum: Decimal, rounding: str) -> Decimal:
    """Round ``value`` to a whole multiple of ``quantum`` (> 0) exactly, with ``rounding``."""
    a, ea = _int_exp(value)
    q, eq = _int_exp(quantum)
    e = min(ea, eq)
    a_scaled, q_scaled = a * 10 ** (ea - e), q * 10 ** (eq - e)
    whole, rest = divmod(abs(a_scaled), q_scaled)
    # A short stand-in with the same integer part and the same position against
    # the half, so Decimal applies any rounding mode exactly as to a / q itself.
    if rest == 0:
        fraction = "0"
    elif 2 * rest < q_scaled:
        fraction = "25"
    elif 2 * rest == q_scaled:
        fraction = "5"
    else:
        fraction = "75"
    stand_in = Decimal(f"{'-' if a < 0 else ''}{whole}.{fraction}")
    count = int(stand_in.to_integral_value(rounding=rounding, context=DIVIDE))
    return _from_int_exp(count * q, eq)


def _check_rounding(rounding: object) -> str:
    if not isinstance(rounding, str) or rounding not in ROUNDINGS:
        raise MoneyError(
            f"unknown rounding mode {rounding!r}; expected one of the decimal module's "
            f"modes, e.g. decimal.ROUND_HALF_UP ({sorted(ROUNDINGS)})"
        )
    return rounding


def _check_currency(currency: object) -> str:
    if not isinstance(currency, str) or not _CURRENCY_RE.fullmatch(currency):
        raise MoneyError(
            f"currency must be an ISO 4217 code of three upper-case letters such as 'GBP', "
            f"got {currency!r}"
        )
    return currency


def _minor_digits(currency: str) -> int:
    return _MINOR_DIGITS.get(currency, 2)


def minor_digits(currency: str) -> int:
    """The decimal places of ``currency``'s minor unit (2 for GBP, 0 for JPY, 3 for KWD).

    >>> minor_digits("GBP"), minor_digits("JPY"), minor_digits("KWD")
    (2, 0, 3)
    """
    return _minor_digits(_check_currency(currency))


def _bounded(amount: Decimal) -> Decimal:
    """``amount`` (finite) if it is within :data:`MAX_DIGITS`' bounds, else MoneyError."""
    problem = bounds_problem(amount)
    if problem is None:
        return amount
    # Shown in scientific form: the plain form may be too long to print at all.
    raise MoneyError(
        f"amount {amount:.6E} {problem}; wecb holds amounts from 10**-{MAX_DIGITS} to below "
        f"10**{MAX_DIGITS} in size, with at most {2 * MAX_DIGITS} significant digits"
    )


def _coerce_amount(amount: object) -> Decimal:
    if isinstance(amount, Decimal):
        if not amount.is_finite():
            raise MoneyError(
                f"amount must be finite, got {amount!r}: NaN and infinity are not money"
            )
        return _bounded(amount)
    if isinstance(amount, bool):
        raise WecbTypeError(f"amount must be int, Decimal or str, got bool {amount!r}")
    if isinstance(amount, int):
        return _bounded(Decimal(amount))
    if isinstance(amount, float):
        raise FloatNotAllowedError(_float_message(amount))
    if isinstance(amount, str):
        text = amount.strip()
        if _PLAIN_RE.fullmatch(text):
            return _bounded(Decimal(text))
        raise MoneyError(
            f"amount text must be a plain decimal number such as '-12.50', got {amount!r}; "
            f"read money text such as '£1.949m' or '£500,000' with Money.parse"
        )
    raise WecbTypeError(
        f"amount must be int, Decimal or str, got {type(amount).__name__} {amount!r}"
    )


def _weight(value: object, name: str) -> Fraction:
    if isinstance(value, float):
        raise FloatNotAllowedError(f"weight {name}: {_float_message(value)}")
    if isinstance(value, Decimal) and not value.is_finite():
        raise AllocationError(f"weight {name} must be finite, got {value!r}")
    if isinstance(value, bool) or not isinstance(value, int | Decimal | Fraction):
        raise AllocationError(f"weight {name} must be an int, Decimal or Fraction, got {value!r}")
    weight = Fraction(value)
    if weight < 0:
        raise AllocationError(f"weight {name} is negative ({value!r}); weights must be >= 0")
    return weight


def _quantum(unit: object) -> Decimal:
    """A positive rounding or allocation unit: a name from ``_UNITS``, a Decimal or an int."""
    if isinstance(unit, str) and unit in _UNITS:
        return _UNITS[unit]
    if isinstance(unit, float):
        raise FloatNotAllowedError(f"unit: {_float_message(unit)}")
    if isinstance(unit, int | Decimal) and not isinstance(unit, bool):
        quantum = Decimal(unit)
        if quantum.is_finite() and quantum > 0:
            return quantum
    raise MoneyError(
        f"unit must be one of {sorted(_UNITS)} or a positive Decimal such as "
        f"Decimal('0.01'), got {unit!r}"
    )


def _digits(value: Decimal, places: int, *, grouped: bool = True) -> str:
    """``abs(value)`` with thousands separators and exactly ``places`` decimals.

    ``value`` must have no more than ``places`` decimals: nothing is rounded here.
    """
    n, e = _int_exp(value)
    text = str(abs(n) * 10 ** (e + places)).rjust(places + 1, "0")
    whole, fraction = text[: len(text) - places], text[len(text) - places :]
    return (f"{int(whole):,}" if grouped else whole) + (f".{fraction}" if places else "")


def _plain(value: Decimal) -> str:
    """``value`` in fixed-point notation, every digit kept, no grouping: ``-1234.50``."""
    places = max(0, -_int_exp(value)[1])
    return ("-" if value < 0 else "") + _digits(value, places, grouped=False)


def _factor(factor: object) -> Fraction | Decimal:
    """Check a multiplier or divisor: int, Decimal or Fraction; floats refused."""
    if isinstance(factor, float):
        raise FloatNotAllowedError(_float_message(factor))
    if isinstance(factor, Decimal):
        if not factor.is_finite():
            raise MoneyError(f"cannot use {factor!r} with money: NaN and infinity are not numbers")
        return factor
    if isinstance(factor, Fraction):
        return factor
    assert isinstance(factor, int)
    return Decimal(factor)


def _is_number(other: object) -> bool:
    return isinstance(other, int | Decimal | Fraction | float) and not isinstance(other, bool)


def _exact(result: Decimal | None, what: Callable[[], str]) -> Decimal:
    # ``what`` is called only on failure: building the message costs more than the sum.
    if result is None:
        raise MoneyError(
            f"{what()} needs more than {WORKING_PRECISION} significant digits; wecb will not "
            f"round it silently (round an operand first with Money.round)"
        )
    return result


# Bound once: + and - are hot (sum() over many amounts).
_ADD: Final = EXACT.add
_SUBTRACT: Final = EXACT.subtract


def _multiply(a: Decimal, b: Decimal) -> Decimal | None:
    try:
        return EXACT.multiply(a, b)
    except Inexact:
        return None


def _scale_by(amount: Decimal, factor: Decimal | Fraction) -> Decimal:
    """``amount * factor``; exact, or (Fraction that does not terminate) working precision."""
    if isinstance(factor, Decimal):
        return _exact(_multiply(amount, factor), lambda: f"{amount} * {factor}")
    n, e = _int_exp(amount)
    # The product numerator is formed exactly in integers, so only the one
    # division can round, and only when the exact quotient needs > 60 digits.
    return DIVIDE.divide(_from_int_exp(n * factor.numerator, e), Decimal(factor.denominator))


@final
class Money:
    """An exact amount of money in one currency.

    ``Money(amount, currency="GBP")`` takes an ``int``, a ``Decimal`` or plain
    decimal text (``"-12.50"``); money text such as ``"£1.949m"`` goes through
    :meth:`Money.parse`. The amount is kept as given, so ``Money("1.50")`` keeps two
    places, but equality and hashing use the numeric value and the currency:

    >>> Money("1.50") == Money("1.5")
    True
    >>> Money("1.50")
    Money('1.50', 'GBP')
    >>> Money(Decimal("0.1"), "EUR")
    Money('0.1', 'EUR')
    >>> Money(0.1)
    Traceback (most recent call last):
    ...
    wecb.errors.FloatNotAllowedError: got float 0.1: floats cannot hold money exactly; \
pass Decimal('0.1') or the string '0.1'

    Arithmetic: ``+``/``-`` need the same currency (else
    :class:`~wecb.errors.CurrencyMismatchError`); the integer ``0`` is accepted on
    either side so that ``sum()`` works. ``*`` and ``/`` take ``int``, ``Decimal`` or
    ``Fraction``; ``Money / Money`` gives a ``Decimal`` ratio. ``==`` across
    currencies is ``False``; ordering across currencies raises.

    ``str(m)`` shows every digit, at least the currency's minor unit (pence):

    >>> str(Money("87587000"))
    '£87,587,000.00'
    >>> str(Money("1.005")), str(Money("-944"))
    ('£1.005', '-£944.00')
    >>> str(Money("12.5", "EUR")), str(Money("12.5", "USD"))
    ('€12.50', 'USD 12.50')

    **Format specification** (``format(m, spec)`` and f-strings)::

        spec   ::= ["("] ["." places] [scale]
        scale  ::= "u" (units) | "k" (thousands) | "m" (millions) | "bn" (billions)
                 | "a" (automatic: bn from 1e9, m from 1e6, k from 1e3, else units)
        "("    ::= accounting style: a negative amount in parentheses

    An empty spec is ``str(m)``; ``"("`` alone is ``str(m)`` in accounting style;
    places without a scale mean units. Default places: ``m``/``bn`` 1, ``k`` 0,
    ``u`` 0, and under ``a`` units get the minor unit (2). Rounding is
    ``ROUND_HALF_UP``; :meth:`format` chooses another. Any other spec raises
    :class:`~wecb.errors.ParseError`.

    >>> m = Money("87587000")
    >>> f"{m:.1m}", f"{m:k}", f"{m:u}", f"{m:.2u}", f"{m:a}"
    ('£87.6m', '£87,587k', '£87,587,000', '£87,587,000.00', '£87.6m')
    >>> f"{Money('12800000000'):bn}", f"{Money('-944000'):(k}", f"{Money('-944000'):k}"
    ('£12.8bn', '(£944k)', '-£944k')
    """

    __slots__ = ("amount", "currency")
    __match_args__ = ("amount", "currency")

    amount: Decimal
    currency: str

    def __init__(self, amount: int | Decimal | str, currency: str = "GBP") -> None:
        object.__setattr__(self, "amount", _coerce_amount(amount))
        object.__setattr__(self, "currency", _check_currency(currency))

    @classmethod
    def _make(cls, amount: Decimal, currency: str) -> Money:
        """Build from an already checked finite Decimal and currency."""
        money = object.__new__(cls)
        object.__setattr__(money, "amount", amount)
        object.__setattr__(money, "currency", currency)
        return money

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Money is immutable: cannot set {name!r}; build a new Money")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Money is immutable: cannot delete {name!r}")

    def __reduce__(self) -> tuple[type[Money], tuple[Decimal, str]]:
        return (Money, (self.amount, self.currency))

    def __copy__(self) -> Money:
        return self

    def __deepcopy__(self, memo: object) -> Money:
        return self

    # -- constructors ------------------------------------------------------------

    @classmethod
    def zero(cls, currency: str = "GBP") -> Money:
        """Nothing, in ``currency``.

        >>> Money.zero()
        Money('0', 'GBP')
        """
        return cls(0, currency)

    @classmethod
    def from_minor_units(cls, units: int, currency: str = "GBP") -> Money:
        """Money from a whole number of minor units (pence for GBP), exactly.

        >>> Money.from_minor_units(-1234)
        Money('-12.34', 'GBP')
        """
        if isinstance(units, float):
            raise FloatNotAllowedError(_float_message(units))
        if isinstance(units, bool) or not isinstance(units, int):
            raise WecbTypeError(f"minor units must be an int, got {units!r}")
        code = _check_currency(currency)
        # A bounded whole number stays in bounds when shifted down by a few places.
        return cls._make(_shift(_bounded(Decimal(units)), -_minor_digits(code)), code)

    @classmethod
    def from_thousands(cls, value: int | Decimal | str, currency: str = "GBP") -> Money:
        """Money from a figure in a table kept in £'000, exactly.

        Text may use thousands separators, a leading minus or accounting
        parentheses.

        >>> Money.from_thousands("87,587")
        Money('87587000', 'GBP')
        >>> Money.from_thousands("(944)"), Money.from_thousands(Decimal("1.5"))
        (Money('-944000', 'GBP'), Money('1500', 'GBP'))
        """
        code = _check_currency(currency)
        if isinstance(value, str):
            match = _THOUSANDS_RE.fullmatch(value.strip())
            if match is None:
                raise ParseError(
                    f"cannot read {value!r} as a figure in £'000: expected a number such as "
                    f"'87,587', '-87,587' or '(944)' (write '0' for nil); "
                    f"read money text such as '£1.949m' with Money.parse"
                )
            negative = match["paren"] is not None or match["sign"] in ("-", "\u2212")
            text = (match["paren"] or match["num"]).replace(",", "")
            try:
                amount = _bounded(Decimal(text))
            except MoneyError as exc:
                raise ParseError(f"cannot read {value!r} as a figure in £'000: {exc}") from None
            if negative:
                amount = amount.copy_negate()
        elif isinstance(value, float):
            raise FloatNotAllowedError(_float_message(value))
        else:
            amount = _coerce_amount(value)
        return cls._make(_bounded(_shift(amount, 3)), code)

    @classmethod
    def parse(cls, text: str, currency: str | None = None) -> Money:
        """Read money as documents write it: ``£1.949m``, ``£500,000``, ``(£944k)``.

        Accepted: an optional sign or accounting parentheses; a currency symbol
        (``£`` GBP, ``€`` EUR) or ISO code (``EUR 12.50``), or none; digits with
        correct comma grouping and optional decimals; an optional scale ``k``,
        ``m``, ``bn``, ``thousand``, ``million`` or ``billion``. Every form that
        :meth:`__str__` and :meth:`format` write reads back to an equal amount.

        ``currency`` is the currency expected: text without a symbol or code gets it
        (GBP when None), and text naming another currency is refused.

        Ambiguous text is refused rather than guessed: ``1e6``, ``£12mm``, ``£5M``
        (``M`` is a thousand in some accounts), ``$`` (which dollar?), bad grouping
        such as ``£5,00``, and rates such as ``£75m/year`` (use
        ``wecb.units.parse_rate``).

        >>> Money.parse("£1.949m")
        Money('1949000', 'GBP')
        >>> Money.parse("£38 million"), Money.parse("(£944k)")
        (Money('38000000', 'GBP'), Money('-944000', 'GBP'))
        >>> Money.parse("£75m/year")
        Traceback (most recent call last):
        ...
        wecb.errors.ParseError: cannot read '£75m/year' as money: it looks like a rate \
(an amount per something); read it with wecb.units.parse_rate
        """
        if isinstance(text, float):
            raise FloatNotAllowedError(_float_message(text))
        if not isinstance(text, str):
            raise ParseError(
                f"Money.parse needs text (str), got {type(text).__name__} {text!r}; "
                f"build Money from a number with Money(value)"
            )
        expected = None if currency is None else _check_currency(currency)
        stripped = text.strip()
        match = _MONEY_RE.fullmatch(stripped)
        if match is None:
            raise ParseError(f"cannot read {text!r} as money: {_diagnose(stripped)}")
        signs = [s for s in (match["sign1"], match["sign2"]) if s]
        if (match["open"] is None) != (match["close"] is None):
            raise ParseError(
                f"cannot read {text!r} as money: unbalanced parentheses; expected e.g. '(£944k)'"
            )
        if len(signs) + (match["open"] is not None) > 1:
            raise ParseError(
                f"cannot read {text!r} as money: more than one sign (a sign and parentheses "
                f"count twice); expected {_EXAMPLES}"
            )
        code = _currency_of(match["symbol"], match["code"], text)
        if expected is not None and code is not None and code != expected:
            raise ParseError(
                f"cannot read {text!r} as {expected}: the text is in {code}; "
                f"pass currency={code!r} or convert the amount"
            )
        scale = match["scale"]
        try:
            amount = _bounded(Decimal(match["num"].replace(",", "")))
            if scale is not None:
                amount = _bounded(_shift(amount, _SCALE_POWERS[scale.lower()]))
        except MoneyError as exc:
            raise ParseError(f"cannot read {text!r} as money: {exc}") from None
        negative = match["open"] is not None or (bool(signs) and signs[0] != "+")
        if negative and amount != 0:
            amount = amount.copy_negate()
        return cls._make(amount, code or expected or "GBP")

    # -- queries -----------------------------------------------------------------

    def is_zero(self) -> bool:
        """True when the amount is zero (of any exponent or sign)."""
        return self.amount.is_zero()

    def is_negative(self) -> bool:
        """True when the amount is below zero.

        >>> Money("-0.01").is_negative(), Money("0").is_negative()
        (True, False)
        """
        return self.amount < 0

    def is_positive(self) -> bool:
        """True when the amount is above zero."""
        return self.amount > 0

    @property
    def sign(self) -> int:
        """``-1``, ``0`` or ``1``."""
        return (self.amount > 0) - (self.amount < 0)

    def __bool__(self) -> bool:
        """False only for a zero amount, like ``Decimal``."""
        return not self.amount.is_zero()

    def to_minor_units(self) -> int:
        """The amount as a whole number of minor units (pence for GBP).

        Raises :class:`~wecb.errors.MoneyError` when the amount has digits below
        the minor unit: round it first.

        >>> Money("-12.30").to_minor_units()
        -1230
        """
        n, e = _int_exp(self.amount)
        shift = e + _minor_digits(self.currency)
        factor: int = 10 ** abs(shift)
        if shift >= 0:
            return n * factor
        whole, rest = divmod(n, factor)
        if rest:
            raise MoneyError(
                f"{self!r} has digits below the minor unit of {self.currency}; round it first, "
                f"e.g. with .round('penny')"
            )
        return whole

    def amount_in_thousands(self) -> Decimal:
        """The amount in thousands, exactly (the inverse of :meth:`from_thousands`).

        >>> Money("87587000").amount_in_thousands()
        Decimal('87587')
        """
        n, e = _int_exp(self.amount)
        exp = e - 3
        # Like Decimal division: keep the amount's own exponent where exact.
        while exp < e and n % 10 == 0:
            n, exp = n // 10, exp + 1
        return _from_int_exp(n, exp)

    # -- comparison --------------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        return self.currency == other.currency and self.amount == other.amount

    def __hash__(self) -> int:
        return hash((self.amount, self.currency))

    def _ordered(self, other: object, op: str) -> Decimal | None:
        if not isinstance(other, Money):
            return None
        if other.currency != self.currency:
            raise CurrencyMismatchError(
                f"cannot compare {self!r} {op} {other!r}: different currencies"
            )
        return other.amount

    def __lt__(self, other: object) -> bool:
        theirs = self._ordered(other, "<")
        return NotImplemented if theirs is None else self.amount < theirs

    def __le__(self, other: object) -> bool:
        theirs = self._ordered(other, "<=")
        return NotImplemented if theirs is None else self.amount <= theirs

    def __gt__(self, other: object) -> bool:
        theirs = self._ordered(other, ">")
        return NotImplemented if theirs is None else self.amount > theirs

    def __ge__(self, other: object) -> bool:
        theirs = self._ordered(other, ">=")
        return NotImplemented if theirs is None else self.amount >= theirs

    # -- arithmetic --------------------------------------------------------------

    def _same_currency(self, other: Money, op: str) -> None:
        if other.currency != self.currency:
            raise CurrencyMismatchError(
                f"cannot compute {self!r} {op} {other!r}: different currencies; "
                f"convert one amount first"
            )

    def _add_or_subtract(
        self, other: Money | int, op: str, exact: Callable[[Decimal, Decimal], Decimal]
    ) -> Money | None:
        # None stands for NotImplemented, which mypy allows only in the operators themselves.
        if isinstance(other, Money):
            self._same_currency(other, op)
            try:
                result = exact(self.amount, other.amount)
            except Inexact:
                result = None
            return Money._make(_exact(result, lambda: f"{self!r} {op} {other!r}"), self.currency)
        if isinstance(other, float):
            raise FloatNotAllowedError(_float_message(other))
        if type(other) is int and other == 0:
            return self
        return None

    def __add__(self, other: Money | int) -> Money:
        result = self._add_or_subtract(other, "+", _ADD)
        return NotImplemented if result is None else result

    def __radd__(self, other: int) -> Money:
        return self.__add__(other)

    def __sub__(self, other: Money | int) -> Money:
        result = self._add_or_subtract(other, "-", _SUBTRACT)
        return NotImplemented if result is None else result

    def __rsub__(self, other: int) -> Money:
        if isinstance(other, float):
            raise FloatNotAllowedError(_float_message(other))
        if type(other) is int and other == 0:
            return -self
        return NotImplemented

    def __mul__(self, other: int | Decimal | Fraction) -> Money:
        if not _is_number(other):
            return NotImplemented
        return Money._make(_bounded(_scale_by(self.amount, _factor(other))), self.currency)

    def __rmul__(self, other: int | Decimal | Fraction) -> Money:
        return self.__mul__(other)

    @overload
    def __truediv__(self, other: Money) -> Decimal: ...
    @overload
    def __truediv__(self, other: int | Decimal | Fraction) -> Money: ...
    def __truediv__(self, other: Money | int | Decimal | Fraction) -> Money | Decimal:
        if isinstance(other, Money):
            self._same_currency(other, "/")
            if other.amount.is_zero():
                raise MoneyError(f"cannot divide {self!r} by {other!r}: division by zero")
            return DIVIDE.divide(self.amount, other.amount)
        if not _is_number(other):
            return NotImplemented
        divisor = _factor(other)
        if divisor == 0:
            raise MoneyError(f"cannot divide {self!r} by {other!r}: division by zero")
        if isinstance(divisor, Fraction):
            return Money._make(_bounded(_scale_by(self.amount, 1 / divisor)), self.currency)
        return Money._make(_bounded(DIVIDE.divide(self.amount, divisor)), self.currency)

    def __rtruediv__(self, other: object) -> Money:
        if isinstance(other, float):
            raise FloatNotAllowedError(_float_message(other))
        return NotImplemented

    def __neg__(self) -> Money:
        return Money._make(self.amount.copy_negate(), self.currency)

    def __pos__(self) -> Money:
        return self

    def __abs__(self) -> Money:
        return Money._make(self.amount.copy_abs(), self.currency)

    # -- rounding ----------------------------------------------------------------

    def round(self, unit: str | Decimal | int = "penny", rounding: str = ROUND_HALF_UP) -> Money:
        """Round to a whole ``unit``: ``"penny"``, ``"pound"``, ``"thousand"``,
        ``"million"`` or any positive ``Decimal`` quantum such as ``Decimal("0.05")``.

        The default mode is ``ROUND_HALF_UP`` (halves away from zero) because that is
        what Excel's ``ROUND`` and published UK public-sector tables use, so totals
        agree to the penny with analysts' spreadsheets. Any ``decimal`` rounding mode
        may be named, e.g. ``decimal.ROUND_HALF_EVEN`` (banker's rounding).

        >>> Money("1.005").round(), Money("-2.5").round("pound")
        (Money('1.01', 'GBP'), Money('-3', 'GBP'))
        >>> from decimal import ROUND_HALF_EVEN
        >>> Money("2.5").round("pound", ROUND_HALF_EVEN)
        Money('2', 'GBP')
        >>> Money("87587499").round("million")
        Money('88000000', 'GBP')
        """
        quantum = _quantum(unit)
        return Money._make(
            _round_to(self.amount, quantum, _check_rounding(rounding)), self.currency
        )

    # -- allocation --------------------------------------------------------------

    def allocate(
        self, weights: Iterable[Weight], unit: str | Decimal | int | None = None
    ) -> list[Money]:
        """Split into parts proportional to ``weights`` that sum exactly to ``self``.

        Each part is a whole multiple of ``unit`` (default: the currency's minor
        unit, a penny for GBP; names as for :meth:`round`) within one unit of its
        exact share. Largest remainder method: every part gets the whole units of
        its exact share, then the units left over go one each to the parts with the
        largest remainders; among equal remainders the *earlier* weight gets the
        extra unit, so the same input always gives the same output. A negative
        amount is split as its absolute value and negated.

        Weights are non-negative ``int``, ``Decimal`` or ``Fraction``. Raises
        :class:`~wecb.errors.AllocationError` for no weights, a negative weight,
        all-zero weights, or an amount that is not a whole multiple of ``unit``.

        >>> Money("100").allocate([1, 1, 1])
        [Money('33.34', 'GBP'), Money('33.33', 'GBP'), Money('33.33', 'GBP')]
        >>> Money("-0.05").allocate([Decimal("0.5"), Decimal("0.5")])
        [Money('-0.03', 'GBP'), Money('-0.02', 'GBP')]
        """
        checked = [_weight(w, f"#{i}") for i, w in enumerate(weights)]
        return self._allocate(checked, unit)

    def allocate_named(
        self, shares: Mapping[str, Weight], unit: str | Decimal | int | None = None
    ) -> dict[str, Money]:
        """:meth:`allocate` over named weights; the result keeps the mapping's order.

        >>> Money("10").allocate_named({"ECC": 2, "Police": 1})
        {'ECC': Money('6.67', 'GBP'), 'Police': Money('3.33', 'GBP')}
        """
        names = list(shares)
        checked = [_weight(shares[name], repr(name)) for name in names]
        return dict(zip(names, self._allocate(checked, unit), strict=True))

    def _allocate(self, weights: list[Fraction], unit: str | Decimal | int | None) -> list[Money]:
        if unit is None:
            quantum = _from_int_exp(1, -_minor_digits(self.currency))
        else:
            quantum = _quantum(unit)
        if not weights:
            raise AllocationError(f"cannot allocate {self!r} over no weights")
        total = sum(weights, Fraction(0))
        if total == 0:
            raise AllocationError(f"cannot allocate {self!r}: every weight is zero")
        count = Fraction(self.amount) / Fraction(quantum)
        if count.denominator != 1:
            raise AllocationError(
                f"cannot allocate {self!r} in whole units of {quantum}: the amount is not a "
                f"whole multiple of the unit; round it first, e.g. m.round({quantum!r})"
            )
        units = abs(count.numerator)
        shares = [units * w / total for w in weights]
        parts = [s.numerator // s.denominator for s in shares]
        left = units - sum(parts)
        by_remainder = sorted(range(len(shares)), key=lambda i: (parts[i] - shares[i], i))
        for i in by_remainder[:left]:
            parts[i] += 1
        q, e = _int_exp(quantum)
        sign = -1 if count < 0 else 1
        return [Money._make(_from_int_exp(sign * p * q, e), self.currency) for p in parts]

    # -- display -----------------------------------------------------------------

    def __repr__(self) -> str:
        return f"Money('{_plain(self.amount)}', '{self.currency}')"

    def __str__(self) -> str:
        return self._full(accounting=False)

    def _full(self, *, accounting: bool) -> str:
        places = max(_minor_digits(self.currency), -_int_exp(self.amount)[1])
        return self._render(self.amount, places, "", accounting)

    def _render(self, value: Decimal, places: int, suffix: str, accounting: bool) -> str:
        symbol = _SYMBOLS.get(self.currency)
        body = (symbol if symbol else f"{self.currency} ") + _digits(value, places) + suffix
        if value >= 0:
            return body
        return f"({body})" if accounting else f"-{body}"

    def format(
        self,
        scale: str = "auto",
        places: int | None = None,
        accounting: bool = False,
        rounding: str = ROUND_HALF_UP,
    ) -> str:
        """Display for analysts: ``£87.6m``, ``£87,587k``, ``£12.8bn``, ``£500,000``.

        ``scale`` is ``"units"``, ``"thousands"`` (``k``), ``"millions"`` (``m``),
        ``"billions"`` (``bn``) or ``"auto"`` (``bn`` from a billion, ``m`` from a
        million, ``k`` from a thousand, else units; a figure that rounds up to 1,000
        of its scale moves up one). ``places`` defaults to 1 for millions and
        billions, 0 for thousands and for units chosen explicitly, and the minor
        unit (2) for units chosen by ``auto``. The shown figure is rounded with
        ``rounding`` (default ``ROUND_HALF_UP``, as :meth:`round`); the amount is
        not changed. ``accounting=True`` puts negative amounts in parentheses.

        >>> m = Money("-944000")
        >>> m.format(), m.format(accounting=True), m.format("units")
        ('-£944k', '(£944k)', '-£944,000')
        >>> Money("999999").format(), Money("1949000").format("millions", places=3)
        ('£1.0m', '£1.949m')
        """
        if scale != "auto" and scale not in _SCALES:
            raise MoneyError(f"unknown scale {scale!r}; expected 'auto' or one of {list(_SCALES)}")
        if places is not None and (
            isinstance(places, bool) or not isinstance(places, int) or places < 0
        ):
            raise MoneyError(f"places must be an int >= 0 or None, got {places!r}")
        mode = _check_rounding(rounding)
        names = list(_SCALES)
        if scale == "auto":
            size = self.amount.copy_abs()
            index = sum(1 for name in names[1:] if size >= 10 ** _SCALES[name][0])
        else:
            index = names.index(scale)
        while True:
            name = names[index]
            power, suffix, default = _SCALES[name]
            if places is not None:
                shown_places = places
            elif scale == "auto" and name == "units":
                shown_places = _minor_digits(self.currency)
            else:
                shown_places = default
            quantum = _from_int_exp(1, -shown_places)
            shown = _round_to(_shift(self.amount, -power), quantum, mode)
            if scale != "auto" or index == len(names) - 1 or shown.copy_abs() < 1000:
                return self._render(shown, shown_places, suffix, accounting)
            index += 1

    def __format__(self, spec: str) -> str:
        match = _SPEC_RE.fullmatch(spec)
        if match is None:
            raise ParseError(
                f"invalid format spec {spec!r} for Money; expected [(][.places][u|k|m|bn|a], "
                f"e.g. '.1m' -> £87.6m, 'k' -> £87,587k, '(k' -> (£944k), '' -> £87,587,000.00"
            )
        accounting = match["acc"] is not None
        places = None if match["places"] is None else int(match["places"])
        code = match["scale"]
        if code is None and places is None:
            return self._full(accounting=accounting)
        scale = "auto" if code == "a" else _SPEC_SCALES[code or "u"]
        return self.format(scale, places, accounting)


def _currency_of(symbol: str | None, code: str | None, text: str) -> str | None:
    if symbol == "$":
        raise ParseError(
            f"cannot read {text!r} as money: '$' is ambiguous (USD, AUD, CAD, ...); "
            f"write the ISO code, e.g. 'USD 12.50'"
        )
    if symbol is not None:
        return _SYMBOL_CODES[symbol]
    return code


def _diagnose(text: str) -> str:
    """Say why ``text`` is not money, as precisely as we can."""
    if not text:
        return f"the text is empty; expected {_EXAMPLES}"
    if _RATE_RE.search(text):
        return "it looks like a rate (an amount per something); read it with wecb.units.parse_rate"
    approx = _APPROX_RE.match(text)
    if approx:
        return (
            f"wecb reads exact amounts; drop the approximation marker (write "
            f"{text[approx.end() :]!r}) and note the approximation in the source"
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
