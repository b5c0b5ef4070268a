"""wecb's units by name (private to :mod:`wecb.units`): their definitions, and unit text
checked and read against them.

:data:`COHORTS` and :data:`TIME_UNITS` (re-exported by :mod:`wecb.units`) and the currency
are defined here, with :func:`definitions`, the lines the registry is built from.
:func:`check_unit_text` refuses text pint would misread before pint sees it (symbols pint
drops, numbers it would multiply, powers past a budget's needs), :func:`check_powers` the
powers of what pint read or built, and :func:`units_in` reads unit text into a unit of a
given registry.

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

from wecb.errors import ParseError, UnitError, WecbTypeError, excerpt

if TYPE_CHECKING:
    import pint

__all__ = [
    "COHORTS",
    "CURRENCY",
    "MAX_POWER",
    "MAX_UNIT_TEXT",
    "TIME_UNITS",
    "UNIT_SCALES",
    "UnknownUnitError",
    "check_powers",
    "check_unit_text",
    "definitions",
    "known_units",
    "parser_failures",
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


# Unit text: names, whole powers, * / ** ^ and brackets. pint's tokenizer silently drops
# other characters (£, €, $) and multiplies juxtaposed numbers, so unit text is scanned
# here, token by token, before pint sees it.
_TOKENS: Final = re.compile(
    r"(?P<space>[ \t]+)|(?P<power>\*\*|\^)|(?P<op>[*/()])|(?P<sign>[-+])"
    r"|(?P<dimension>\[[A-Za-z_]+\])|(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<number>[0-9]+)"
    r"|(?P<other>.)",
    re.DOTALL,
)
# Words pint's preprocessor turns into powers ("year squared squared ..." into a tower).
_POWER_WORDS: Final = frozenset({"squared", "cubed", "square", "cubic", "sq"})
# Unit text is short; the bound keeps pint's recursive parser far from Python's stack limit.
MAX_UNIT_TEXT: Final = 200
#: The largest power of a unit (``year ** 12``), in unit text, in a power of a quantity and
#: in a conversion: exact conversion factors grow as the power (``12 ** n``), and a
#: budgeting unit is never raised further.
MAX_POWER: Final = 12
_UNITS_EXPECTED: Final = "unit names joined by '*', '/' and '**', such as 'GBP / family / year'"
_POWERS_EXPECTED: Final = f"a whole power from -{MAX_POWER} to {MAX_POWER}, such as 'year ** 2'"


class UnknownUnitError(ParseError, AttributeError):
    """A unit name the registry does not define; also an ``AttributeError``, so that
    ``hasattr(registry(), name)`` and ``getattr(registry(), name, default)`` work."""


# -- unit text ------------------------------------------------------------------------------


def check_unit_text(text: object, *, where: str = "unit text", blank: bool = False) -> str:
    """``text`` if it is unit text pint reads as written; refuse anything pint would misread
    (``£``, other symbols, numbers other than powers, digit groups, powers past
    :data:`MAX_POWER`) before pint sees it. ``blank`` accepts empty text (dimensionless)."""
    if not isinstance(text, str):
        raise WecbTypeError.not_accepted(where, text, "text such as 'GBP / year'")
    if "£" in text:
        raise ParseError(
            f"{where}: cannot read {excerpt(text)} as units: write GBP rather than '£' in "
            f"unit text (e.g. 'GBP / year'); read text such as '£75m/year' with parse_rate"
        )
    if len(text) > MAX_UNIT_TEXT:
        raise ParseError(
            f"{where}: cannot read {excerpt(text)} as units: unit text such as "
            f"'GBP / family / year' is at most {MAX_UNIT_TEXT} characters"
        )
    tokens = [(m.lastgroup, m[0]) for m in _TOKENS.finditer(text) if m.lastgroup != "space"]
    if not tokens and not (blank and not text.strip(" \t")):
        raise ParseError.not_accepted(
            where, text, f"{_UNITS_EXPECTED}; known units: {known_units()}"
        )
    _check_tokens(text, where, tokens)
    return text


def _check_tokens(text: str, where: str, tokens: list[tuple[str | None, str]]) -> None:
    index = 0
    while index < len(tokens):
        kind, token = tokens[index]
        if kind == "power":
            index = _power_end(text, where, tokens, index)
            continue
        if kind == "number" and not (token == "1" and _next(tokens, index) in ("/", "per")):
            raise ParseError(
                f"{where}: cannot read {excerpt(text)} as units: a number in unit text is a "
                f"power ('year ** 2') or the 1 of '1 / year' only; write the number before "
                f"the units ('5 GBP') and its digits without spaces ('250000', not '250 000')"
            )
        if kind in {"other", "sign"} or token in _POWER_WORDS:
            raise ParseError(
                f"{where}: cannot read {excerpt(text)} as units: {excerpt(token)} is not "
                f"accepted; expected {_UNITS_EXPECTED}; known units: {known_units()}"
            )
        index += 1


def _next(tokens: list[tuple[str | None, str]], index: int) -> str | None:
    return tokens[index + 1][1] if index + 1 < len(tokens) else None


def _power_end(text: str, where: str, tokens: list[tuple[str | None, str]], index: int) -> int:
    """The index after the power at ``index`` (``** 2``, ``^-1``, ``** (-3)``), checked."""
    end = index + 1
    bracket = _next(tokens, index) == "("
    end += bracket
    if end < len(tokens) and tokens[end][0] == "sign":
        end += 1
    number = tokens[end][1] if end < len(tokens) and tokens[end][0] == "number" else None
    end += 1
    closed = not bracket or (end < len(tokens) and tokens[end][1] == ")")
    end += bracket
    follows = tokens[end][0] if end < len(tokens) else None
    if number is None or not closed or len(number) > 3 or int(number) > MAX_POWER:
        raise ParseError(
            f"{where}: cannot read {excerpt(text)} as units: expected {_POWERS_EXPECTED}"
        )
    if follows in {"power", "number"}:
        raise ParseError(
            f"{where}: cannot read {excerpt(text)} as units: one power at a time "
            f"('year ** 2', not 'year ** 2 ** 3')"
        )
    return end


def check_powers(
    text: object,
    units: Mapping[str, Any],
    *,
    where: str = "unit text",
    error: type[UnitError | ParseError] = UnitError,
) -> None:
    """Refuse ``units`` (unit names to powers) holding a power that is not whole or is past
    :data:`MAX_POWER`; ``text`` is what they were read from (or built by), for the message."""
    for name, exponent in units.items():
        power: Any = exponent  # int or Decimal (the registry's number type)
        if power != int(power) or abs(int(power)) > MAX_POWER:  # int: no decimal context
            raise error(
                f"{where}: {excerpt(text)} has {name} ** {power}; expected {_POWERS_EXPECTED}"
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
    gives, called only once the text has passed the checks that need no registry (the
    registry's own reading, :func:`wecb.units._entries.units_container`, checks it again
    and refuses unknown units and powers past :data:`MAX_POWER`)."""
    checked = check_unit_text(text)
    result: pint.Unit = registry().parse_units(checked)
    return result


def parser_failures() -> tuple[type[BaseException], ...]:
    """What pint's parser and formatter raise for text they cannot read (besides wecb's own
    errors): its own errors, Python's tokenizer error and the arithmetic, lookup, type and
    assertion errors its evaluator lets out for text such as ``'1/0'`` or ``'GBP**year'``."""
    import tokenize  # noqa: PLC0415 -- pint's parser raises its TokenError

    import pint  # noqa: PLC0415 -- building the registry has imported it already

    return (
        pint.errors.PintError,
        tokenize.TokenError,
        ValueError,
        ArithmeticError,
        LookupError,
        TypeError,
        AttributeError,
        AssertionError,
        RecursionError,
    )
