"""Units for rates, counts and durations: pint quantities with exact ``Decimal`` magnitudes.

A unit cost such as "£250,000 per family per year" is a quantity in
``GBP / family / year``; multiplied by a count of families and a duration it
becomes money:

>>> from wecb.units import count, duration, parse_rate, to_money
>>> cost = parse_rate("£250,000 per family per year")
>>> to_money(cost * count(500, "family") * duration(1, "year"))
Money('125000000', 'GBP')
>>> to_money(parse_rate("£25 per capita") * count(1_400_000, "person"))
Money('35000000', 'GBP')

**The registry.** :func:`registry` returns one application-wide
``pint.UnitRegistry`` built on first use from wecb's own definitions only (no
pint defaults, no prefixes), with ``Decimal`` as its number type. ``import
wecb.units`` does not import pint; the first call to :func:`registry` (or any
function that needs it) does. Its dimensions:

* ``[currency]``: ``GBP`` (alias ``pound_sterling``). Unit text never contains
  ``£``: pint would silently read ``"1 £"`` as a plain number (pint issue
  1814), so :func:`quantity` refuses it and only :func:`parse_rate` (through
  :meth:`Money.parse`) reads the pound sign.
* ``[time]``: the budgeting ``year`` (aliases ``yr``, ``annum``) is the base;
  ``month = year / 12``, ``day = year / 365`` and ``week = 7 day``, exactly, so
  a year is 12 months, 365 days and 52 1/7 weeks. This is not pint's default
  year of 365.25 days. A *financial year* is a calendar position, not a unit:
  see :class:`wecb.core.periods.FinancialYear`.
* one dimension per cohort, so that families can never be added to people:
  ``person`` (aliases ``capita``, ``head``, ``people``), ``family``
  (``families``), ``household``, ``offender``, ``victim``, ``young_person``
  (``young_people``), ``apprenticeship``, ``team``. Plurals ending in ``s`` are
  understood.

**Exactness.** Magnitudes are always ``Decimal``, whatever the route:

* ``int`` and plain decimal text become ``Decimal`` (never a ``str`` magnitude,
  pint issue 2068); a ``float`` is refused with
  :class:`~wecb.errors.FloatNotAllowedError` at construction *and* as an operand
  later (``q * 1.1``, ``0.5 * registry().GBP``); NaN and infinity are refused.
* ``+``, ``-`` and ``*`` are exact, in Money's private context of
  :data:`wecb.core.money.WORKING_PRECISION` (60) digits: a result needing more raises
  :class:`~wecb.errors.UnitError` rather than rounding. ``/``, ``//``, ``%``
  and ``**`` are exact when the result fits, else rounded half-even at 60
  digits, as for Money; so is a sum of two units of one dimension (``1 GBP/month
  + 1 GBP/year``), which converts, and so divides, first. The caller's
  ``decimal`` context is never read.
* Unit conversions use exact rational factors (a month is exactly 1/12 year)
  and one final division: ``1200 GBP/year`` is exactly ``100 GBP/month``;
  ``7 GBP/year`` in months is rounded at the 60th digit.
* Combining different dimensions (``family + person``, ``GBP + GBP/year``, or
  converting between them) raises :class:`~wecb.errors.UnitError`.
* wecb quantities are values: the in-place ``ito*`` methods are refused (a
  frozen model object may hold the quantity); use ``.to()``.

**Pickling and text.** A pickled pint quantity normally comes back attached to
pint's *application* registry (pint issues 716 and 1568); wecb's quantities and
units pickle through :func:`quantity_to_text`/:func:`quantity_from_text`
instead, so they come back attached to :func:`registry` without any global set
up by the caller. Model objects that hold quantities can do the same in their
own ``__reduce__``. :func:`quantity_to_text` is lossless (the exact
``Decimal``, exponent included) and is the form the file formats use.

**Reading text.** Every way text reaches pint (``registry()("5 GBP")``,
``registry().parse_expression``, ``Quantity("5 GBP")``, ``Quantity(5, "GBP / year")``,
``Unit(...)``, ``registry().GBP``, ``q.to(...)``, ``get_dimensionality``, ``convert``,
unit names, format specifications) is read by wecb first, as :func:`quantity_from_text`
reads: *one plain number, then unit text*.

* The number follows the digit rules of :meth:`Money.parse <wecb.core.money.Money.parse>`
  (ASCII digits, a point with digits on both sides, a sign) with an optional exponent, and
  is written without grouping. pint would multiply juxtaposed numbers (``"1 500 GBP"`` as
  500, ``"250 000 GBP"`` as 0), so digit groups separated by spaces are refused, as are
  ``"1,500 GBP"`` and ``"1_500 GBP"``: write ``"1500 GBP"``. The number may be left out
  (``registry()("GBP / year")`` is one GBP a year), except in :func:`quantity_from_text`.
* Unit text is unit names joined by ``*``, ``/`` and ``**`` (or ``^``), with brackets; a
  number in it is a power (``year ** 2``, at most 12 either way) or the ``1`` of
  ``1 / year``, nothing else. Symbols are refused (``"5 £"`` is not a plain 5) and so is
  text of more than 200 characters.
* Powers are bounded everywhere, in text, in ``q ** n`` and in conversions, so that no
  conversion factor can grow without bound (``year ** 99999999999`` would hang ``.to()``).
* Whatever cannot be read raises :class:`~wecb.errors.ParseError` (an unknown unit name is
  also an ``AttributeError``, for ``hasattr``), and units that do not fit
  :class:`~wecb.errors.UnitError`, naming the entry and quoting the text. The registry
  cannot be redefined once built, and pint's float-based ``parse_pattern`` is refused.

>>> registry()("250000 GBP / family / year")
<Quantity(250000, 'GBP / family / year')>
>>> registry()("250 000 GBP / family / year")
Traceback (most recent call last):
...
wecb.errors.ParseError: registry expression: cannot read '250 000 GBP / family / year' as a \
quantity: digit groups separated by spaces are ambiguous (pint would multiply them, reading \
'1 500' as 1 x 500); write the number without spaces, such as '1500 GBP'

**Types.** ``wecb.units.Quantity`` and ``Unit`` name the registry's classes: in
annotations (with ``from __future__ import annotations``) they cost nothing; at
run time they build the registry, so test values with :func:`is_quantity`.

**Cost.** One pint operation costs microseconds against tens of nanoseconds for
``Decimal``: use quantities to state and check unit costs, not in inner loops.
"""

from typing import TYPE_CHECKING

from wecb.units._registry import registry
from wecb.units._unit_text import COHORTS, TIME_UNITS
from wecb.units.quantities import (
    convert,
    count,
    duration,
    from_money,
    is_quantity,
    quantity,
    rate,
    to_money,
)
from wecb.units.text import parse_rate, quantity_from_text, quantity_to_text

if TYPE_CHECKING:
    from wecb.units._registry import Quantity, Unit
else:

    def __getattr__(name: str) -> object:
        # The registry's classes, built on first use: importing wecb.units imports no pint.
        if name in ("Quantity", "Unit"):
            return getattr(registry(), name)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "COHORTS",
    "TIME_UNITS",
    "Quantity",
    "Unit",
    "convert",
    "count",
    "duration",
    "from_money",
    "is_quantity",
    "parse_rate",
    "quantity",
    "quantity_from_text",
    "quantity_to_text",
    "rate",
    "registry",
    "to_money",
]
