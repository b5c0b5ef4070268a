"""wecb's units by name (private to :mod:`wecb.units`): their definitions, and unit text
checked and read against them.

:data:`COHORTS` and :data:`TIME_UNITS` (re-exported by :mod:`wecb.units`) and the currency
are defined here, with :func:`definitions`, the lines the registry is built from.
:func:`check_unit_text` refuses text pint would misread before pint sees it, and
:func:`units_in` reads unit text into a unit of a given registry, refusing unknown units and
powers past a budget's needs.

Moved here from ``wecb.units._registry``, which builds the registry and reads unit text
with it (``parse_units``). Nothing here imports pint at module level.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

from wecb.errors import ParseError, WecbTypeError
from wecb.units._magnitudes import PLAIN_NUMBER

if TYPE_CHECKING:
    import pint

__all__ = [
    "COHORTS",
    "CURRENCY",
    "TIME_UNITS",
    "UNIT_SCALES",
    "check_unit_text",
    "definitions",
    "known_units",
    "units_in",
]

# -- definitions ----------------------------------------------------------------------------

#: The one currency unit.
CURRENCY: Final = "GBP"
#: Cohort units (each its own dimension) and their aliases.
COHORTS: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        "person": ("capita", "head", "people"),
        "family": ("families",),
        "household": (),
        "offender": (),
        "victim": (),
        "young_person": ("young_people",),
        "apprenticeship": (),
        "team": (),
    }
)
#: Time units, as exact fractions of the budgeting year, and their aliases.
TIME_UNITS: Final[Mapping[str, tuple[Fraction, tuple[str, ...]]]] = MappingProxyType(
    {
        "year": (Fraction(1), ("yr", "annum")),
        "month": (Fraction(1, 12), ()),
        "week": (Fraction(7, 365), ("wk",)),
        "day": (Fraction(1, 365), ()),
    }
)

#: Exact size of every unit relative to the base unit of its dimension.
UNIT_SCALES: Final[Mapping[str, Fraction]] = {
    CURRENCY: Fraction(1),
    **{name: scale for name, (scale, _) in TIME_UNITS.items()},
    **dict.fromkeys(COHORTS, Fraction(1)),
}


def definitions() -> Iterator[str]:
    """The pint definition lines of every unit, currency first."""
    yield f"{CURRENCY} = [currency] = _ = pound_sterling"
    for name, (scale, aliases) in TIME_UNITS.items():
        rhs = "[time]" if scale == 1 else f"{scale.numerator} * year / {scale.denominator}"
        yield " = ".join((name, rhs, "_", *aliases)) if aliases else f"{name} = {rhs}"
    for name, aliases in COHORTS.items():
        yield " = ".join((name, f"[{name}]", "_", *aliases)) if aliases else f"{name} = [{name}]"


# Unit text: names, integer exponents, * / ** ^ and brackets. pint's tokenizer
# silently drops other characters (£, €, $), so anything else is refused first.
_UNIT_CHARACTERS: Final = r"[A-Za-z0-9_*/^()\-\s]+"
# Unit text is short; the bound keeps pint's recursive parser far from Python's stack limit.
_MAX_UNIT_TEXT: Final = 200
# The largest power of a unit in unit text (``year ** 12``): exact conversion factors grow
# as the power, and a budgeting unit is never raised further.
_MAX_POWER: Final = 12


# -- unit text ------------------------------------------------------------------------------


def check_unit_text(text: str, *, numbers: bool = False) -> None:
    """Refuse unit text pint would misread (``£``, other symbols) before pint sees it."""
    if "£" in text:
        raise ParseError(
            f"cannot read {text!r} as units: write GBP rather than '£' in unit text "
            f"(e.g. 'GBP / year'); read text such as '£75m/year' with parse_rate"
        )
    body = text
    if numbers:
        match = re.match(r"\s*" + PLAIN_NUMBER, text)
        if match is not None:
            body = text[match.end() :]
    if not text.strip() or re.fullmatch(_UNIT_CHARACTERS, body) is None:
        raise ParseError(
            f"cannot read {text!r} as units: expected unit names joined by '*', '/' and "
            f"'**', such as 'GBP / family / year'; known units: {known_units()}"
        )


def known_units() -> str:
    """The defined units and their aliases, for messages."""
    cohorts = ", ".join(
        f"{name} ({', '.join(aliases)})" if aliases else name for name, aliases in COHORTS.items()
    )
    times = ", ".join(
        f"{name} ({', '.join(aliases)})" if aliases else name
        for name, (_, aliases) in TIME_UNITS.items()
    )
    return f"{CURRENCY}; time: {times}; cohorts: {cohorts}"


def units_in(text: object, registry: Callable[[], pint.UnitRegistry[Decimal]]) -> pint.Unit:
    """Unit text such as ``"GBP / family / year"`` as a unit of the registry ``registry()``
    gives, called only once the text has passed the checks that need no registry."""
    if not isinstance(text, str):
        raise WecbTypeError.not_accepted("unit text", text, "text such as 'GBP / year'")
    check_unit_text(text)
    if len(text) > _MAX_UNIT_TEXT:
        raise ParseError(
            f"cannot read {len(text)} characters as units: unit text such as "
            f"'GBP / family / year' is at most {_MAX_UNIT_TEXT} characters"
        )
    units = _pint_units(registry(), text)
    for name, exponent in units._units.items():
        power: Any = exponent  # int or Decimal (the registry's number type)
        if power != int(power) or abs(power) > _MAX_POWER:
            raise ParseError(
                f"cannot read {text!r} as units: {name} ** {power} is not a whole power "
                f"from -{_MAX_POWER} to {_MAX_POWER}"
            )
    result: pint.Unit = units
    return result


def _pint_units(reg: pint.UnitRegistry[Decimal], text: str) -> Any:
    import tokenize  # noqa: PLC0415 -- pint's parser raises its TokenError

    import pint  # noqa: PLC0415 -- building the registry has imported it already

    try:
        return reg.parse_units(text)
    except pint.errors.UndefinedUnitError as exc:
        raise ParseError(
            f"unknown unit in {text!r}: {exc}; known units: {known_units()}"
        ) from None
    # pint's expression parser lets arithmetic errors out for text such as '1/0', 'GBP**0'
    # or 'GBP**year' (DivisionByZero, KeyError, TypeError).
    except (
        pint.errors.PintError,
        ValueError,
        AssertionError,
        tokenize.TokenError,
        ArithmeticError,
        KeyError,
        TypeError,
        RecursionError,
    ) as exc:
        raise ParseError(
            f"cannot read {text!r} as units ({exc}); expected unit names joined by '*', '/' "
            f"and '**', such as 'GBP / family / year'"
        ) from None
