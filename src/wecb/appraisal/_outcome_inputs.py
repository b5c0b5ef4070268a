"""The checks of an outcome's inputs (private), each naming the outcome and the field.

A rate is an exact number from 0 to 1 (:func:`wecb.core.numbers.fraction`: an ``int``, a
``Decimal``, a ``Fraction`` or text such as ``"80%"``); a float raises
:class:`~wecb.errors.FloatNotAllowedError`, a wrong type
:class:`~wecb.errors.WecbTypeError`, a value out of range
:class:`~wecb.errors.AppraisalError`.

>>> exact_rate("outcome 'x'", "engagement", "80%")
Fraction(4, 5)
>>> exact_rate("outcome 'x'", "deadweight", 0.2)
Traceback (most recent call last):
...
wecb.errors.FloatNotAllowedError: outcome 'x', field deadweight: float 0.2 is not accepted \
(floats are inexact); expected an int, Decimal, Fraction or text such as '0.035' or '3.5%'
>>> shares("outcome 'x'", {"police": "1/3", "council": "1/2"})
Traceback (most recent call last):
...
wecb.errors.AppraisalError: outcome 'x', field agency_shares: the shares sum to 5/6, not \
exactly 1: police 1/3, council 1/2
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs

from wecb.appraisal._outcome_assumptions import OUTCOME_RULES
from wecb.appraisal.cohorts import CohortWave
from wecb.appraisal.prices import PriceIndex
from wecb.appraisal.unit_costs import UnitCost
from wecb.core._validators import check_key, require_instance
from wecb.core.assumptions import Assumption
from wecb.core.money import Money
from wecb.core.numbers import Exact, fraction
from wecb.core.periods import FinancialYear
from wecb.errors import AppraisalError, UnitError, WecbError, WecbTypeError
from wecb.units import COHORTS

if TYPE_CHECKING:
    from wecb.units import Quantity

__all__ = [
    "cohort_entries",
    "cohort_unit",
    "count_text",
    "exact_rate",
    "lenient",
    "per_member_year",
    "quantity_text",
    "rebased_unit",
    "shares",
    "shares_in",
    "unit_value_in",
    "wave_unit",
    "whole_years",
]

#: The most years a lag or a persistence may run: longer is a mistake, not an appraisal.
MAX_YEARS = 100


def lenient(value: Exact) -> Fraction:
    """A converter that keeps the value as given: the outcome's own check reads it (and
    names the outcome and the field when it cannot be taken)."""
    return value  # type: ignore[return-value]


def exact_rate(where: str, name: str, value: object) -> Fraction:
    """``value`` as an exact fraction from 0 to 1."""
    return fraction(
        value, what=f"{where}, field {name}", minimum=0, maximum=1, error=AppraisalError
    )


def whole_years(where: str, name: str, value: object, *, minimum: int) -> int:
    """``value`` as a whole number of years from ``minimum`` to :data:`MAX_YEARS`."""
    expected = f"a whole number of years from {minimum} to {MAX_YEARS}"
    if isinstance(value, bool) or not isinstance(value, int):
        raise WecbTypeError.not_accepted(f"{where}, field {name}", value, expected)
    if not minimum <= value <= MAX_YEARS:
        raise AppraisalError.not_accepted(f"{where}, field {name}", value, expected)
    return value


def shares(where: str, value: object) -> tuple[tuple[str, Fraction], ...]:
    """Partner key -> share, each share from 0 to 1 and the shares summing exactly to 1
    (a mapping, or the (key, share) pairs :func:`shares_in` keeps)."""
    field = f"{where}, field agency_shares"
    if isinstance(value, tuple) and all(isinstance(p, tuple) and len(p) == 2 for p in value):
        value = dict(value)
    if not isinstance(value, Mapping):
        raise WecbTypeError.not_accepted(
            field, value, "a mapping of partner key to share, such as {'ecc': '1/2', ...}"
        )
    if not value:
        raise AppraisalError.not_accepted(field, value, "at least one partner key and share")
    out = []
    for key, share in value.items():
        check_key(f"{field} key", key)
        out.append((key, exact_rate(where, f"agency_shares[{key!r}]", share)))
    total = sum((share for _, share in out), Fraction(0))
    if total != 1:
        listed = ", ".join(f"{key} {share}" for key, share in out)
        raise AppraisalError(f"{field}: the shares sum to {total}, not exactly 1: {listed}")
    return tuple(out)


def quantity_text(where: str, value: object) -> str:
    """A unit value given as a quantity or as text (``"£52,000 per family per year"``),
    as lossless quantity text."""
    from wecb import units  # noqa: PLC0415 -- pint only when an outcome is built

    field = f"{where}, field unit_value"
    if isinstance(value, str):
        try:
            return units.quantity_to_text(units.parse_rate(value))
        except WecbError:
            try:
                return units.quantity_to_text(units.quantity_from_text(value))
            except WecbError as exc:
                raise UnitError(f"{field}: cannot read {value!r} as a rate: {exc}") from exc
    if units.is_quantity(value):
        return units.quantity_to_text(value)
    raise WecbTypeError.not_accepted(
        field,
        value,
        "a wecb.units rate, text such as '£52,000 per family per year', or a UnitCost",
    )


def per_member_year(where: str, value: Quantity, unit: str) -> Money:
    """The money one member of a cohort of ``unit`` is worth in one year of benefit: the
    unit value x 1 ``unit`` x 1 year, which must be money (units checked by pint)."""
    from wecb import units  # noqa: PLC0415

    try:
        return units.to_money(value * units.count(1, unit) * units.duration(1, "year"))
    except UnitError as exc:
        raise UnitError(
            f"{where}, field unit_value: {units.quantity_to_text(value)} does not fit a "
            f"cohort of {unit}: it must be money per {unit} per year, such as "
            f"'£52,000 per {unit} per year' ({exc})"
        ) from exc


def cohort_entries(value: object) -> tuple[tuple[FinancialYear, Fraction], ...]:
    where = "Cohort.entries"
    pairs = tuple(value.items()) if isinstance(value, Mapping) else value
    if isinstance(pairs, str) or not isinstance(pairs, Iterable):
        raise WecbTypeError.not_accepted(where, value, "(financial year, count) pairs")
    out: list[tuple[FinancialYear, Fraction]] = []
    for pair in pairs:
        if not isinstance(pair, tuple) or len(pair) != 2:
            raise WecbTypeError.not_accepted(where, pair, "a (financial year, count) pair")
        year = FinancialYear.parse(pair[0]) if isinstance(pair[0], str) else pair[0]
        require_instance(f"{where} year", year, FinancialYear, "a FinancialYear or '2014/15'")
        count = fraction(pair[1], what=f"{where}[{year}] count", minimum=0, error=AppraisalError)
        if out and year <= out[-1][0]:
            raise AppraisalError(
                f"{where}: {year} comes after {out[-1][0]}; give each year once, in order"
            )
        out.append((year, count))
    if not out:
        raise AppraisalError(f"{where}: a cohort needs at least one year")
    return tuple(out)


def cohort_unit(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    expected = f"a cohort unit, one of {', '.join(COHORTS)}"
    if require_instance("Cohort.unit", value, str, expected) not in COHORTS:
        raise AppraisalError.not_accepted("Cohort.unit", value, expected)


def count_text(value: Fraction) -> str:
    return f"{value.numerator:,}" if value.denominator == 1 else str(value)


def unit_value_in(value: Quantity | str | UnitCost) -> str | UnitCost:
    """A converter: a quantity as lossless text; anything else as given, for the outcome's
    own check (which names the outcome) to read or refuse."""
    from wecb import units  # noqa: PLC0415 -- pint only when an outcome is built

    if units.is_quantity(value):
        return units.quantity_to_text(value)
    return value  # type: ignore[return-value]


def shares_in(value: Mapping[str, Exact]) -> tuple[tuple[str, Fraction], ...]:
    """A converter: the (key, share) pairs as given, checked by the outcome."""
    if isinstance(value, Mapping):
        return tuple(value.items())  # type: ignore[arg-type]
    return value


def wave_unit(waves: tuple[CohortWave, ...]) -> str:
    """The one cohort unit of ``waves``, each of which must count cases."""
    if not waves:
        raise AppraisalError("Cohort.from_waves: give at least one CohortWave")
    for wave in waves:
        require_instance("Cohort.from_waves.waves", wave, CohortWave, "a CohortWave")
        if wave.cases_per_team_per_year is None:
            raise AppraisalError(
                f"Cohort.from_waves: wave {wave.label!r} has teams but no cases; a cohort "
                "needs cases per team per year"
            )
    units = sorted({wave.unit for wave in waves})
    if len(units) != 1:
        raise AppraisalError(
            f"Cohort.from_waves: the waves count different units ({', '.join(units)}); "
            "give one cohort per unit"
        )
    return units[0]


def rebased_unit(
    unit_rate: Quantity,
    price_year: FinancialYear | None,
    where: str,
    price_base: FinancialYear | None,
    price_index: PriceIndex | None,
) -> tuple[Quantity, FinancialYear | None, Assumption | None]:
    """The unit rate in ``price_base`` prices (if asked), its price year, and the rebasing."""
    if price_base is None:
        return unit_rate, price_year, None
    require_instance("outcome_chain.price_base", price_base, FinancialYear, "a FinancialYear")
    if price_year is None:
        raise AppraisalError(
            f"{where}: price_base {price_base} asked for, but the unit value states no "
            "price year; give the outcome's price_year (or a UnitCost) to rebase it"
        )
    rebased: Assumption | None = None
    if price_year != price_base:
        if price_index is None:
            raise AppraisalError(
                f"{where}: the unit value is in {price_year} prices, not {price_base}; "
                "pass price_index= to rebase it"
            )
        require_instance("outcome_chain.price_index", price_index, PriceIndex, "a PriceIndex")
        unit_rate = price_index.rebase(unit_rate, price_year, price_base)
        rebased = Assumption(
            name="unit value rebased",
            value=f"from {price_year} to {price_base} prices by {price_index.name} (factor "
            f"{price_index.factor(price_year, price_base)})",
            source=OUTCOME_RULES,
        )
    return unit_rate, price_base, rebased
