"""Price bases: a price index by financial year, and exact rebasing between price years.

An amount is "in 2010/11 prices" when it measures what it would have cost in 2010/11; an
appraisal adds amounts only once they are all in one price year, its **price base**. A
:class:`PriceIndex` is a sourced series of index levels by financial year (such as HM
Treasury's GDP deflator series); rebasing an amount from price year ``a`` to price year
``b`` multiplies it by ``level(b) / level(a)`` (:meth:`PriceIndex.factor`, an exact
``Fraction``).

wecb ships no index series: HM Treasury's GDP deflators are published quarterly in new
vintages, and the figures of a vintage must be copied from its release with the release
named. Build the index from the vintage you use and name it in ``source``. The index below
is made up for the example (``illustrative=True``, and every form that states it says so):

>>> from wecb.core.money import Money
>>> from wecb.core.periods import FinancialYear as FY
>>> index = PriceIndex(name="example deflator", illustrative=True,
...                    levels={"2010/11": "96", "2011/12": "98", "2012/13": "100"})
>>> index.factor(FY(2010), FY(2012))
Fraction(25, 24)
>>> index.rebase(Money("96000"), FY(2010), FY(2012))
Money('100000', 'GBP')
>>> index.rebase(Money("100000"), FY(2012), FY(2010))
Money('96000', 'GBP')
>>> str(index)
'example deflator (2010/11..2012/13) [illustrative figures]'

Exactness. The factor is exact; the rebased amount is exact whenever ``amount x factor`` has a
finite decimal form (as above) and is otherwise rounded half-even at Money's working precision
of 60 significant digits, the rule of ``Money / Fraction``. So rebasing there and back gives
the amount back exactly when the forward conversion is exact, and otherwise to within one unit
in its 60th significant digit, which rounding to the amount's own decimal places removes:

>>> there = index.rebase(Money("1000.00"), FY(2011), FY(2012))
>>> back = index.rebase(there, FY(2012), FY(2011))
>>> there.round(), back.round()
(Money('1020.41', 'GBP'), Money('1000.00', 'GBP'))

A wecb unit value (a :mod:`wecb.units` rate such as ``£250,000 per family per year``) rebases
the same way and keeps its units:

>>> from wecb.units import parse_rate
>>> index.rebase(parse_rate("£48,000 per family per year"), FY(2010), FY(2012))
<Quantity(50000, 'GBP / family / year')>
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, TypeVar, overload

import attrs

from wecb.appraisal._checks import require_text
from wecb.appraisal._unit_cost_csv import csv_records
from wecb.appraisal.parameters import ParameterSource
from wecb.core._decimal import bounded, scale_by
from wecb.core._validators import check_bool, field, require_instance
from wecb.core.money import Money
from wecb.core.numbers import decimal
from wecb.core.periods import FinancialYear
from wecb.errors import (
    AppraisalError,
    LoadError,
    ParseError,
    WecbError,
    WecbTypeError,
    problem_lines,
)
from wecb.io._reading import DEFAULT_MAX_BYTES, file_name, read_text
from wecb.units import is_quantity, quantity

if TYPE_CHECKING:
    from wecb.units import Quantity

__all__ = ["PriceIndex", "Rebasing", "load_price_index"]

Levels = tuple[tuple[FinancialYear, Decimal], ...]
_Value = TypeVar("_Value")


def _year(where: str, value: object) -> FinancialYear:
    if isinstance(value, FinancialYear):
        return value
    if isinstance(value, str):
        try:
            return FinancialYear.parse(value)
        except ParseError as exc:
            raise AppraisalError(f"{where}: {exc}") from None
    raise WecbTypeError.not_accepted(where, value, "a FinancialYear or text such as '2012/13'")


def _levels(value: object) -> Levels:
    """``{year: level}`` (or pairs) as sorted pairs of FinancialYear and exact Decimal."""
    if isinstance(value, Mapping):
        pairs: Iterable[object] = value.items()
    elif isinstance(value, tuple | list):
        pairs = value
    else:
        raise WecbTypeError.not_accepted(
            "PriceIndex.levels", value, "a mapping {financial year: index level}"
        )
    out: dict[FinancialYear, Decimal] = {}
    for pair in pairs:
        if not isinstance(pair, tuple) or len(pair) != 2:
            raise WecbTypeError.not_accepted(
                "PriceIndex.levels", pair, "(financial year, index level) pairs"
            )
        year = _year("PriceIndex.levels year", pair[0])
        if year in out:
            raise AppraisalError(f"PriceIndex.levels: {year} is given twice")
        out[year] = decimal(
            pair[1], what=f"PriceIndex.levels[{year}]", error=AppraisalError, minimum=0
        )
    return tuple(sorted(out.items()))


def _check_levels(instance: object, attribute: attrs.Attribute[Levels], value: Levels) -> None:
    if not value:
        raise AppraisalError("PriceIndex.levels: the index has no years")
    zero = [str(year) for year, level in value if level == 0]
    if zero:
        raise AppraisalError(
            f"PriceIndex.levels: the level of {', '.join(zero)} is 0; an index level must be "
            "greater than 0"
        )
    first, last = value[0][0], value[-1][0]
    missing = [str(y) for y in FinancialYear.range(first, last) if y not in dict(value)]
    if missing:
        raise AppraisalError(
            f"PriceIndex.levels: the years must follow one another; {first}..{last} lacks "
            f"{', '.join(missing)}"
        )


def _name(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    require_text("PriceIndex.name", value)


def _source(
    instance: object, attribute: attrs.Attribute[ParameterSource | None], value: object
) -> None:
    if value is not None:
        require_instance("PriceIndex.source", value, ParameterSource, "a ParameterSource or None")


@attrs.frozen(kw_only=True)
class PriceIndex:
    """Index levels by consecutive financial year, with the source they come from.

    ``levels`` takes a mapping ``{year: level}``, years as :class:`FinancialYear` or text
    (``"2012/13"``) and levels exact and above zero (``int``, ``Decimal`` or text; a float is
    refused). Only ratios of levels matter, so any reference year may be 100. ``source``
    names the release (for the GDP deflator: the vintage, such as the quarter's national
    accounts release, and the forecast it extends with); ``illustrative=True`` marks made-up
    figures, which every statement of the index then says.
    """

    name: str = attrs.field(validator=_name)
    levels: Levels = attrs.field(converter=_levels, validator=_check_levels)
    source: ParameterSource | None = attrs.field(default=None, validator=_source)
    illustrative: bool = attrs.field(default=False, validator=field(check_bool))

    @property
    def years(self) -> tuple[FinancialYear, ...]:
        """The financial years the index covers, in order."""
        return tuple(year for year, _ in self.levels)

    def __contains__(self, year: object) -> bool:
        return any(y == year for y, _ in self.levels)

    def __str__(self) -> str:
        label = " [illustrative figures]" if self.illustrative else ""
        source = "" if self.source is None else f", {self.source}"
        return f"{self.name} ({self.years[0]}..{self.years[-1]}){source}{label}"

    def level(self, year: FinancialYear) -> Decimal:
        """The index level of ``year``; a year outside the index is refused."""
        require_instance("PriceIndex.level year", year, FinancialYear, "a FinancialYear")
        for y, level in self.levels:
            if y == year:
                return level
        raise AppraisalError(
            f"price index {self.name!r} has no level for {year}: it covers "
            f"{self.years[0]}..{self.years[-1]}"
        )

    def factor(self, from_year: FinancialYear, to_year: FinancialYear) -> Fraction:
        """``level(to_year) / level(from_year)``, exactly: what an amount in ``from_year``
        prices is multiplied by to be in ``to_year`` prices."""
        return Fraction(self.level(to_year)) / Fraction(self.level(from_year))

    @overload
    def rebase(self, value: Money, from_year: FinancialYear, to_year: FinancialYear) -> Money: ...
    @overload
    def rebase(
        self, value: Quantity, from_year: FinancialYear, to_year: FinancialYear
    ) -> Quantity: ...
    def rebase(
        self, value: Money | Quantity, from_year: FinancialYear, to_year: FinancialYear
    ) -> Money | Quantity:
        """``value`` (in ``from_year`` prices) in ``to_year`` prices: Money, or a
        :mod:`wecb.units` quantity of money (an amount or a rate such as GBP per family per
        year), which keeps its units. Exact when the product terminates (see the module)."""
        factor = self.factor(from_year, to_year)
        if isinstance(value, Money):
            return value if factor == 1 else value * factor
        if is_quantity(value):
            dims = dict(value.dimensionality)
            if dims.get("[currency]") != 1:
                raise AppraisalError(
                    f"cannot rebase {value}: only money and money rates (such as GBP per "
                    "family per year) have a price year"
                )
            if factor == 1:
                return value
            magnitude = bounded(scale_by(Decimal(value.magnitude), factor))
            return quantity(magnitude, str(value.units))
        raise WecbTypeError.not_accepted(
            "PriceIndex.rebase value", value, "Money or a wecb.units quantity of money"
        )


@attrs.frozen(kw_only=True)
class Rebasing:
    """One line's conversion to the appraisal's price base, for the audit trail: the index,
    the price years, the exact factor, and the line's total before and after."""

    index: str
    from_year: FinancialYear
    to_year: FinancialYear
    factor: Fraction
    before: Money
    after: Money

    def __str__(self) -> str:
        return (
            f"rebased from {self.from_year} prices to {self.to_year} prices by {self.index} "
            f"(x {self.factor}): {self.before} -> {self.after}"
        )


def check_price_years(
    lines: Iterable[tuple[str, FinancialYear | None]],
    price_base: FinancialYear,
    index: PriceIndex | None,
) -> None:
    """Raise one :class:`~wecb.errors.AppraisalError` naming every line (``(description,
    price year)``) that cannot be brought to ``price_base``: a price year other than the price
    base with no ``index`` given, or a price year (or a price base) the index lacks."""
    other = [(what, year) for what, year in lines if year is not None and year != price_base]
    if not other:
        return
    if index is None:
        raise AppraisalError(
            f"lines not in the price base ({price_base} prices) and no price index to rebase "
            "them: give one (price_index= in Python, --price-index on the command line), or "
            f"state their amounts in {price_base} prices:\n"
            + "\n".join(f"  - {w} is in {y} prices" for w, y in other)
        )
    problems = [f"{w} is in {y} prices" for w, y in other if y not in index]
    if price_base not in index:
        problems.insert(0, f"the price base {price_base}")
    if problems:
        raise AppraisalError(
            f"price index {index.name!r} covers {index.years[0]}..{index.years[-1]}; it has no "
            "level for:\n" + "\n".join(f"  - {p}" for p in problems)
        )


def rebased_years(
    amounts: Mapping[FinancialYear, Money],
    total: Money,
    *,
    price_year: FinancialYear | None,
    price_base: FinancialYear,
    index: PriceIndex | None,
) -> tuple[dict[FinancialYear, Money], Rebasing | None]:
    """A line's ``amounts`` by year (and its ``total`` as stated) in ``price_base`` prices,
    and the record of the conversion (``None`` when the line is already in the price base).
    Each year's amount is multiplied by the one exact factor."""
    if price_year is None or price_year == price_base:
        return dict(amounts), None
    if index is None:  # check_price_years refuses this first
        raise AppraisalError(f"no price index to rebase {total} from {price_year} prices")
    factor = index.factor(price_year, price_base)
    record = Rebasing(
        index=str(index),
        from_year=price_year,
        to_year=price_base,
        factor=factor,
        before=total,
        after=total * factor,
    )
    return {year: amount * factor for year, amount in amounts.items()}, record


def load_price_index(
    path: str | os.PathLike[str],
    *,
    name: str | None = None,
    source: ParameterSource | None = None,
    illustrative: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> PriceIndex:
    """The index in the CSV file at ``path``: a header ``year,level``, then one financial
    year (``2012/13``) and its level a row, levels written exactly (a level is text, so
    ``98.734`` is 98.734 exactly). Named ``name`` (default: the file's stem). Every bad row is
    reported at once, with the file and row, as a :class:`~wecb.errors.LoadError`."""
    shown = file_name(path)
    records = csv_records(read_text(shown, max_bytes), shown)
    if not records or [c.strip().lower() for c in records[0]] != ["year", "level"]:
        raise LoadError("expected the header 'year,level' on the first row", path=shown)
    levels: list[tuple[FinancialYear, Decimal]] = []
    problems: list[str] = []
    for number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        try:
            if len(record) != 2:
                raise AppraisalError(f"{len(record)} cells; expected a year and a level")
            year = _year("year", record[0].strip())
            level = decimal(record[1].strip(), what="level", error=AppraisalError, minimum=0)
            levels.append((year, level))
        except WecbError as exc:
            problems.append(f"row {number}: {exc}")
    try:
        if not problems:
            stem = os.path.splitext(os.path.basename(shown))[0]
            return PriceIndex(
                name=name or stem, levels=levels, source=source, illustrative=illustrative
            )
    except WecbError as exc:
        problems.append(str(exc))
    raise LoadError(
        f"cannot read the price index:{problem_lines(problems)}", path=shown, problems=problems
    )
