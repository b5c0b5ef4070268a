"""The text entries of wecb's Quantity and Unit classes (private to :mod:`wecb.units`):
format specifications, ``Quantity.from_tuple`` (unit names and powers) and a unit compared
with unit text, each read by wecb before pint (see ``wecb.units._entries`` for the
registry's). pint would fill memory on a format width of ``99999999999``, let out its
formatter's ``ValueError`` and ``KeyError``, build a quantity of an unknown unit or a power
that hangs ``.to()``, and read the text of ``unit == text`` with its parser directly.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Final

from wecb.errors import ParseError, WecbError, WecbTypeError, excerpt
from wecb.units._entries import units_container
from wecb.units._magnitudes import coerce_magnitude
from wecb.units._unit_text import UNIT_SCALES, check_powers, parser_failures

__all__ = ["quantity_methods", "unit_methods"]

_FORMATS: Final = "a pint format such as '', 'D', '~D', 'P' or '~P'"
_MAX_SPEC: Final = 40


def quantity_methods(base: Any) -> dict[str, Any]:
    """Text entries of wecb's Quantity class over pint's ``base``: format specifications
    and ``from_tuple`` (unit names and powers)."""

    def from_tuple(cls: Any, tup: object) -> Any:
        where = "Quantity.from_tuple"
        parts: Any = tup
        try:
            magnitude, items = parts
            units = dict(items)
        except (TypeError, ValueError):
            raise WecbTypeError.not_accepted(
                where, tup, "(magnitude, ((unit, power), ...)), as to_tuple() gives"
            ) from None
        for name in units:
            if name not in UNIT_SCALES:
                raise ParseError(f"{where}: unknown unit {excerpt(name)} in {excerpt(tup)}")
        check_powers(tup, units, where=where)
        return cls(coerce_magnitude(magnitude), cls._REGISTRY.UnitsContainer(units))

    return {"__format__": _format(base.__format__), "from_tuple": classmethod(from_tuple)}


def unit_methods(base: Any) -> dict[str, Any]:
    """Text entries of wecb's Unit class over pint's ``base``: format specifications, and
    comparison with unit text (pint would read it with its parser directly)."""
    equal = base.__eq__

    def __eq__(self: Any, other: object) -> Any:  # noqa: N807
        if not isinstance(other, str):
            return equal(self, other)
        try:
            return self._units == units_container(self._REGISTRY, other)
        except WecbError:
            return False  # text that is no unit equals no unit

    def __ne__(self: Any, other: object) -> Any:  # noqa: N807
        return not __eq__(self, other)

    return {
        "__format__": _format(base.__format__),
        "__eq__": __eq__,
        "__ne__": __ne__,
        "__hash__": base.__hash__,
    }


def _format(method: Callable[[Any, str], str]) -> Callable[[Any, str], str]:
    def __format__(self: Any, spec: str) -> str:  # noqa: N807
        where = f"format spec of a wecb {type(self).__name__.lower()}"
        if not isinstance(spec, str):
            raise WecbTypeError.not_accepted(where, spec, _FORMATS)
        if len(spec) > _MAX_SPEC or re.search(r"[0-9]{4}", spec):
            # A width of 99999999999 would fill memory before failing.
            raise ParseError.not_accepted(where, spec, f"{_FORMATS}, widths below 1000")
        try:
            return method(self, spec)
        except WecbError:
            raise
        except parser_failures():
            raise ParseError.not_accepted(where, spec, _FORMATS) from None

    return __format__
