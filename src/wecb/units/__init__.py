"""Units of rates and counts: wecb's own exact-Decimal pint registry.

See :mod:`wecb.units._units` for the definitions and the rules of exactness. ``import
wecb.units`` does not import pint; the registry is built on first use.
"""

from typing import TYPE_CHECKING

from wecb.units._units import (
    COHORTS,
    TIME_UNITS,
    convert,
    count,
    duration,
    from_money,
    is_quantity,
    parse_rate,
    quantity,
    quantity_from_text,
    quantity_to_text,
    rate,
    registry,
    to_money,
)

if TYPE_CHECKING:
    from wecb.units._units import Quantity, Unit
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
