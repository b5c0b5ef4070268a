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

from collections.abc import Callable, Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal, Inexact
from fractions import Fraction
from typing import Final, final, overload

from wecb.core import _decimal, _operands, allocation, money_text
from wecb.core._decimal import (
    ADD,
    DIVIDE,
    SUBTRACT,
    bounded,
    check_rounding,
    exact_or_raise,
    float_message,
    from_int_exp,
    int_exp,
    plain,
    round_to,
    scale_by,
    shift,
)
from wecb.core.currency import currency_code, known_minor_digits
from wecb.core.numbers import Exact, is_float_like, whole
from wecb.errors import (
    AllocationError,
    CurrencyMismatchError,
    FloatNotAllowedError,
    MoneyError,
    excerpt,
)

__all__ = ["MAX_DIGITS", "WORKING_PRECISION", "Money"]

WORKING_PRECISION: Final = _decimal.WORKING_PRECISION
"""Significant digits kept by Money arithmetic (see the module docstring)."""

MAX_DIGITS: Final = _decimal.MAX_DIGITS
"""Bounds of an amount: other than zero, its size is from ``10**-MAX_DIGITS`` to below
``10**MAX_DIGITS``, with at most ``2 * MAX_DIGITS`` significant digits.

Far beyond any budget (and beyond :data:`WORKING_PRECISION`), but it refuses, with a
:class:`~wecb.errors.MoneyError`, amounts such as ``Decimal('1E+999999999')`` that could not
be printed or converted (Python refuses int/str conversions past 4300 digits).
"""


def from_checked(amount: Decimal, currency: str) -> Money:
    """A :class:`Money` from an amount and currency already checked (finite, within
    bounds; a code that :class:`Money` accepted before): for engines that build many.
    Not in ``__all__``: anything else should call :class:`Money`."""
    return Money._make(amount, currency)


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

    ``str(m)`` shows every digit, at least the currency's minor unit (pence), at most 12
    decimals: a longer amount (a quotient such as ``10 / 3``) is cut, not rounded, and
    marked ``…``. ``repr``, :meth:`exact_text` and ``m.amount`` keep every digit.

    >>> str(Money("87587000")), str(Money("1.005")), str(Money("-944"))
    ('£87,587,000.00', '£1.005', '-£944.00')
    >>> str(Money("12.5", "EUR")), str(Money("12.5", "USD")), str(Money("10") / 3)
    ('€12.50', 'USD 12.50', '£3.333333333333…')

    **Format specification** (``format(m, spec)`` and f-strings)::

        spec   ::= ["("] ["." places] [scale]
        scale  ::= "u" (units) | "k" (thousands) | "m" (millions) | "bn" (billions)
                 | "a" (automatic: bn from 1e9, m from 1e6, k from 1e3, else units)
        "("    ::= accounting style: a negative amount in parentheses

    An empty spec is ``str(m)``; ``"("`` alone is ``str(m)`` in accounting style;
    places without a scale mean units. Default places as :meth:`format` (scaled figures
    keep three significant figures). Rounding is ``ROUND_HALF_UP``; :meth:`format`
    chooses another.

    Any other spec is one of Python's standard numeric specs (types ``f``, ``e``, ``g``,
    ``n`` or none): it formats the *number*, exactly as ``format(m.amount, spec)`` does in
    Python's default decimal context (``ROUND_HALF_EVEN``, whatever the caller's context),
    without the currency: write ``f"£{m:,.2f}"``, or use ``.2u`` for money with its symbol
    and sign. ``%`` and anything else raise :class:`~wecb.errors.ParseError`.

    >>> m = Money("87587000")
    >>> f"{m:.1m}", f"{m:k}", f"{m:u}", f"{m:.2u}", f"{m:a}"
    ('£87.6m', '£87,587k', '£87,587,000', '£87,587,000.00', '£87.6m')
    >>> f"{Money('12800000000'):bn}", f"{Money('-944000'):(k}", f"{Money('2500'):k}"
    ('£12.8bn', '(£944k)', '£2.5k')
    >>> f"{Money('1234.565'):,.2f}", f"{Money('2.5'):.0f}", f"{Money('-944000'):.2u}"
    ('1,234.56', '2', '-£944,000.00')
    """

    __slots__ = ("amount", "currency")
    __match_args__ = ("amount", "currency")

    amount: Decimal
    currency: str

    def __init__(self, amount: int | Decimal | str, currency: str = "GBP") -> None:
        object.__setattr__(self, "amount", money_text.coerce_amount(amount))
        object.__setattr__(self, "currency", currency_code(currency))

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
        if is_float_like(units):
            raise FloatNotAllowedError(float_message(units))
        count = whole(units, what="minor units", error=MoneyError, text=False)
        code = currency_code(currency)
        # A bounded whole number stays in bounds when shifted down by a few places.
        return cls._make(shift(Decimal(count), -known_minor_digits(code)), code)

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
        amount, code = money_text.parse_thousands(value, currency)
        return cls._make(amount, code)

    @classmethod
    def parse(cls, text: str, currency: str | None = None) -> Money:
        """Read money as documents write it: ``£1.949m``, ``£500,000``, ``(£944k)``.

        Accepted: an optional sign or accounting parentheses; a currency symbol
        (``£`` GBP, ``€`` EUR) or ISO code (``EUR 12.50``), or none; digits with
        correct comma grouping and optional decimals; an optional scale ``k``,
        ``m``, ``bn``, ``thousand``, ``million`` or ``billion``. Every form that
        :meth:`__str__` writes reads back to an equal amount (one cut with ``…`` is
        refused), and every form :meth:`format` writes to the amount it shows.

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
        amount, code = money_text.parse(text, currency)
        return cls._make(amount, code)

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
        n, e = int_exp(self.amount)
        shift = e + known_minor_digits(self.currency)
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
        n, e = int_exp(self.amount)
        exp = e - 3
        # Like Decimal division: keep the amount's own exponent where exact.
        while exp < e and n % 10 == 0:
            n, exp = n // 10, exp + 1
        return from_int_exp(n, exp)

    # -- comparison --------------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        return self.currency == other.currency and self.amount == other.amount

    def __hash__(self) -> int:
        return hash((self.amount, self.currency))

    def _ordered(self, other: object, op: str) -> Decimal | None:
        if not isinstance(other, Money):
            shown = f"{self!r} {op} {excerpt(other)}"
            _operands.refuse(shown, other, _operands.ORDERING, reflected=_operands.REFLECTED[op])
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
            return Money._make(
                exact_or_raise(result, lambda: f"{self!r} {op} {other!r}"), self.currency
            )
        if type(other) is int and other == 0:
            return self
        shown = f"{self!r} {op} {excerpt(other)}"
        _operands.refuse(shown, other, _operands.ADDING, reflected=_operands.REFLECTED[op])
        return None

    def __add__(self, other: Money | int) -> Money:
        result = self._add_or_subtract(other, "+", ADD)
        return NotImplemented if result is None else result

    def __radd__(self, other: int) -> Money:
        if type(other) is int and other == 0:
            return self
        _operands.refuse(f"{excerpt(other)} + {self!r}", other, _operands.ADDING, reflected=None)
        return NotImplemented  # pragma: no cover - refuse() raised

    def __sub__(self, other: Money | int) -> Money:
        result = self._add_or_subtract(other, "-", SUBTRACT)
        return NotImplemented if result is None else result

    def __rsub__(self, other: int) -> Money:
        if type(other) is int and other == 0:
            return -self
        _operands.refuse(f"{excerpt(other)} - {self!r}", other, _operands.ADDING, reflected=None)
        return NotImplemented  # pragma: no cover - refuse() raised

    def __mul__(self, other: int | Decimal | Fraction) -> Money:
        if not _operands.is_factor(other):
            shown = f"{self!r} * {excerpt(other)}"
            reflected = None if isinstance(other, Money) else "__rmul__"
            _operands.refuse(shown, other, _operands.MULTIPLYING, reflected=reflected)
            return NotImplemented
        return Money._make(bounded(scale_by(self.amount, _operands.factor(other))), self.currency)

    def __rmul__(self, other: int | Decimal | Fraction) -> Money:
        if not _operands.is_factor(other):
            shown = f"{excerpt(other)} * {self!r}"
            _operands.refuse(shown, other, _operands.MULTIPLYING, reflected=None)
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
        if not _operands.is_factor(other):
            shown = f"{self!r} / {excerpt(other)}"
            _operands.refuse(shown, other, _operands.DIVIDING, reflected="__rtruediv__")
            return NotImplemented
        divisor = _operands.factor(other)
        if divisor == 0:
            raise MoneyError(f"cannot divide {self!r} by {excerpt(other)}: division by zero")
        if isinstance(divisor, Fraction):
            return Money._make(bounded(scale_by(self.amount, 1 / divisor)), self.currency)
        return Money._make(bounded(DIVIDE.divide(self.amount, divisor)), self.currency)

    def __rtruediv__(self, other: object) -> Money:
        _operands.refuse(f"{excerpt(other)} / {self!r}", other, _operands.DIVIDING, reflected=None)
        return NotImplemented  # pragma: no cover - refuse() raised

    __floordiv__ = __rfloordiv__ = _operands.no_operator("//")
    __mod__ = __rmod__ = _operands.no_operator("%")
    __divmod__ = __rdivmod__ = _operands.no_operator("divmod")
    __pow__ = __rpow__ = _operands.no_operator("**")

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
        quantum = allocation.quantum(unit)
        rounded = round_to(self.amount, quantum, check_rounding(rounding))
        return Money._make(bounded(rounded), self.currency)

    # -- allocation --------------------------------------------------------------

    def allocate(
        self, weights: Iterable[Exact], unit: str | Decimal | int | None = None
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
        checked = [allocation.weight(w, f"#{i}") for i, w in enumerate(weights)]
        return self._allocate(checked, unit)

    def allocate_named(
        self, shares: Mapping[str, Exact], unit: str | Decimal | int | None = None
    ) -> dict[str, Money]:
        """:meth:`allocate` over named weights; the result keeps the mapping's order.

        >>> Money("10").allocate_named({"ECC": 2, "Police": 1})
        {'ECC': Money('6.67', 'GBP'), 'Police': Money('3.33', 'GBP')}
        """
        names = list(shares)
        checked = [allocation.weight(shares[name], repr(name)) for name in names]
        return dict(zip(names, self._allocate(checked, unit), strict=True))

    def _allocate(self, weights: list[Fraction], unit: str | Decimal | int | None) -> list[Money]:
        if unit is None:
            quantum = from_int_exp(1, -known_minor_digits(self.currency))
        else:
            quantum = allocation.quantum(unit)
        if not weights:
            raise AllocationError(f"cannot allocate {self!r} over no weights")
        if not any(weights):
            raise AllocationError(f"cannot allocate {self!r}: every weight is zero")
        count = Fraction(self.amount) / Fraction(quantum)
        if count.denominator != 1:
            raise AllocationError(
                f"cannot allocate {self!r} in whole units of {quantum}: the amount is not a "
                f"whole multiple of the unit; round it first, e.g. m.round({quantum!r})"
            )
        parts = allocation.largest_remainder(abs(count.numerator), weights)
        q, e = int_exp(quantum)
        sign = -1 if count < 0 else 1
        return [Money._make(from_int_exp(sign * p * q, e), self.currency) for p in parts]

    # -- display -----------------------------------------------------------------

    def __repr__(self) -> str:
        return f"Money('{plain(self.amount)}', '{self.currency}')"

    def __str__(self) -> str:
        return money_text.full(self.amount, self.currency)

    def exact_text(self) -> str:
        """Every digit, as ``str()`` shows it but never cut; :meth:`parse` reads it back
        exactly (what files hold).

        >>> (Money("10") / 4).exact_text(), len((Money("10") / 3).exact_text())
        ('£2.50', 62)
        """
        return money_text.full(self.amount, self.currency, cut=False)

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
        unit (2) for units chosen by ``auto``. **Three significant figures:** when
        ``places`` is not given, a scaled figure (``k``, ``m``, ``bn``) with fewer than
        three takes more places, up to the minor unit, until it has three, and the
        trailing zeros that adds are dropped: ``£2.5k`` (not ``£3k``), ``£1.23k``,
        ``£1.95m``, while ``£944k``, ``£87.6m`` and ``£301.0m`` stay as they are. Given
        ``places`` are kept as given. The shown figure is rounded with
        ``rounding`` (default ``ROUND_HALF_UP``, as :meth:`round`); the amount is
        not changed. ``accounting=True`` puts negative amounts in parentheses.

        >>> m = Money("-944000")
        >>> m.format(), m.format(accounting=True), m.format("units")
        ('-£944k', '(£944k)', '-£944,000')
        >>> Money("999999").format(), Money("1949000").format("millions", places=3)
        ('£1.0m', '£1.949m')
        >>> Money("2500").format(), Money("1234.5").format(), Money("2000").format()
        ('£2.5k', '£1.23k', '£2k')
        """
        return money_text.format_amount(
            self.amount,
            self.currency,
            scale=scale,
            places=places,
            accounting=accounting,
            rounding=rounding,
        )

    def __format__(self, spec: str) -> str:
        return money_text.format_spec(self.amount, self.currency, spec)
