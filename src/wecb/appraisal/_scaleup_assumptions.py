"""The assumptions a scale-up states (private): the pilot and where it came from, the driver,
the scaling rule, the factors, each place's drivers, and how the totals add up; and the
display text of its drivers and ratios.

Every figure but the pilot's source is the caller's (a scale-up ships no parameter, so
none is unverified); the rules are what :func:`~wecb.appraisal.scaleup.scale_up` does.

>>> from fractions import Fraction
>>> print(place_assumption("A", "families", (Fraction(40), Fraction(50), Fraction(70)), None))
place 'A': families low 40, central 50, high 70 (stated by the caller)
>>> print(place_assumption("B", "families", (Fraction(1500),) * 3, "2011 census"))
place 'B': families 1,500 for low, central and high; 2011 census (stated by the caller)
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Final, TypeAlias

from wecb.appraisal._assumptions import CALLER
from wecb.appraisal.horizons import Total
from wecb.core._decimal import decimal_str, from_int_exp
from wecb.core.assumptions import Assumption
from wecb.core.cells import money_text
from wecb.core.money import Money
from wecb.errors import WecbTypeError

__all__ = [
    "SCALEUP_RULES",
    "assumed_tuple",
    "driver_text",
    "place_assumption",
    "ratio_display",
    "scaleup_assumptions",
]

#: The source of the rules a scale-up applies.
SCALEUP_RULES: Final = "wecb.appraisal.scaleup"

#: An exact driver as a scale-up keeps it: a Fraction, Money, or a quantity's text.
_Driver: TypeAlias = Fraction | Money | str


def driver_text(value: _Driver) -> str:
    """A driver for display: a whole number grouped by thousands, else as it stands."""
    if isinstance(value, Fraction) and value.denominator == 1:
        return f"{value.numerator:,}"
    return str(value)


def ratio_display(value: Fraction, places: int = 4) -> str:
    """A ratio for display, rounded half up to ``places`` decimals without floats.

    >>> ratio_display(Fraction(2, 3))
    '0.6667'
    """
    scaled = value * 10**places
    whole, rest = divmod(scaled.numerator, scaled.denominator)
    if 2 * rest >= scaled.denominator:
        whole += 1
    return str(from_int_exp(whole, -places))  # exact, whatever the caller's context


def assumed_tuple(value: Iterable[Assumption]) -> tuple[Assumption, ...]:
    """The assumptions given to :func:`~wecb.appraisal.scaleup.scale_up`, checked."""
    where = "scale_up assumptions"
    if isinstance(value, str | bytes | Assumption) or not isinstance(value, Iterable):
        raise WecbTypeError.not_accepted(where, value, "an iterable of Assumptions")
    listed = tuple(value)
    for i, item in enumerate(listed):
        if not isinstance(item, Assumption):
            raise WecbTypeError.not_accepted(f"{where}[{i}]", item, "an Assumption")
    return listed


def place_assumption(
    name: str, driver: str, drivers: tuple[_Driver, _Driver, _Driver], note: str | None
) -> Assumption:
    """One place's driver values (low, central, high) and its note."""
    low, central, high = drivers
    if low == central == high:
        value = f"{driver} {driver_text(central)} for low, central and high"
    else:
        value = (
            f"{driver} low {driver_text(low)}, central {driver_text(central)}, "
            f"high {driver_text(high)}"
        )
    if note:
        value += f"; {note}"
    return Assumption(name=f"place {name!r}", value=value, source=CALLER)


def scaleup_assumptions(
    *,
    pilot: Total,
    pilot_driver: _Driver,
    driver: str,
    factors: tuple[Decimal, Decimal, Decimal],
    default_factors: bool,
    places: Iterable[Assumption],
) -> tuple[Assumption, ...]:
    """The pilot, the driver, the rule, the factors, ``places`` and the totals' rule."""
    listed = tuple(places)
    low, central, high = (decimal_str(f) for f in factors)  # whatever the caller's context
    if default_factors:
        factor = Assumption(
            name="factors",
            value=f"low {low}, central {central}, high {high}: the pilot's effect per unit of "
            "driver, unchanged",
            source="none given",
        )
    else:
        factor = Assumption(
            name="factors", value=f"low {low}, central {central}, high {high}", source=CALLER
        )
    out = [
        Assumption(
            name="pilot",
            value=f"{money_text(pilot.amount)} over {pilot.horizon}",
            source=pilot.source or CALLER,
        ),
        Assumption(
            name="driver",
            value=f"{driver}; the pilot's {driver_text(pilot_driver)}",
            source=CALLER,
        ),
        Assumption(
            name="scaling",
            value="linear in the driver: figure = pilot x (place's driver / pilot's driver) x "
            "factor; the low figure takes the low driver and the low factor, central and high "
            "likewise",
            source=SCALEUP_RULES,
        ),
        factor,
        *listed,
        Assumption(
            name="horizon of every figure",
            value=f"the pilot's, {pilot.horizon}; each place is taken to realise its figure "
            "over the same years",
            source=SCALEUP_RULES,
        ),
    ]
    if len(listed) > 1:
        out.append(
            Assumption(
                name="totals",
                value="each scenario's total adds every place's figure in that scenario: the "
                "places are taken to be low, central or high together",
                source=SCALEUP_RULES,
            )
        )
    return tuple(out)
