"""Unit costs: what one unit of an outcome or service costs (or saves), with its price year.

A :class:`UnitCost` records a figure such as "£250,000 per family per year": its ``code``,
``description``, ``value`` (Money per one ``unit``), the ``unit`` it is per (cohort and time
units of :mod:`wecb.units`, e.g. ``"family / year"``), the ``price_year`` the value is in,
its ``value_type`` (fiscal, economic, social), and its ``source``; optionally the ``theme``,
the ``agency`` that bears the cost or receives the saving, a ``confidence`` grade and, for a
fiscal value, whether it is ``cashable``. :attr:`UnitCost.rate` is the value as a
:mod:`wecb.units` rate, and :meth:`UnitCost.rebased` the same cost in another price year.

A :class:`UnitCostLibrary` holds unit costs by code; :func:`load_unit_costs` reads one from a
CSV file in wecb's layout or in the column layout of the Unit Cost Database (see
:mod:`wecb.appraisal._unit_cost_csv` for both, column by column).
:data:`SEED_UNIT_COSTS` holds the unit figures the Essex papers of 2012 state, each with its
document and sentence. wecb ships no third-party unit costs: load your own copy of a
database whose licence allows your use.

>>> cost = SEED_UNIT_COSTS["essex_complex_family_cost"]
>>> cost.rate
<Quantity(250000.00, 'GBP / family / year')>
>>> str(cost)
'essex_complex_family_cost: £250,000.00 per family per year (2012/13 prices, fiscal)'
>>> from wecb.appraisal.prices import PriceIndex
>>> index = PriceIndex(name="example deflator", illustrative=True,
...                    levels={"2012/13": "100", "2013/14": "102"})
>>> cost.rebased(index, cost.price_year + 1).value
Money('255000.00', 'GBP')
>>> SEED_UNIT_COSTS["complex_family"]
Traceback (most recent call last):
...
wecb.errors.UnknownKeyError: no unit cost 'complex_family' in library \
'essex_2012_seed_unit_costs'; its codes: ccg_management_allowance, essex_complex_family_cost, \
essex_families_at_scale_saving
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Final

import attrs

from wecb.appraisal._checks import require_text, text_field, year_field
from wecb.appraisal._unit_cost_csv import Layout, read_unit_costs
from wecb.appraisal._unit_cost_seeds import seed_unit_costs
from wecb.appraisal._unit_cost_units import unit_text
from wecb.appraisal.prices import PriceIndex
from wecb.core._validators import (
    check_bool,
    check_enum,
    check_key,
    check_non_negative_money,
    field,
    optional,
    require_instance,
)
from wecb.core.assumptions import Assumption, ResultRows, assumption_notes
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.core.table import Table, Tabular
from wecb.errors import AppraisalError, UnknownKeyError, WecbTypeError
from wecb.io._reading import DEFAULT_MAX_BYTES
from wecb.model.cashflows import ValueType
from wecb.units import rate

if TYPE_CHECKING:
    from wecb.units import Quantity

__all__ = [
    "SEED_UNIT_COSTS",
    "UnitCost",
    "UnitCostLibrary",
    "load_unit_costs",
    "unit_text",
]


def _unit(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    canonical = unit_text(value, where="UnitCost.unit")  # refuses what is not text
    if value != canonical:
        raise AppraisalError(
            f"UnitCost.unit: {value!r} is not in wecb's canonical form; write "
            f"{canonical!r} (unit_text gives it)"
        )


def _text(where: str, value: object) -> None:
    require_text(where, value)


def _confidence(instance: object, attribute: attrs.Attribute[int | None], value: object) -> None:
    if value is None:
        return
    grade = require_instance("UnitCost.confidence", value, int, "an int >= 1 or None")
    if isinstance(grade, bool) or grade < 1:
        raise AppraisalError.not_accepted("UnitCost.confidence", value, "an int >= 1 or None")


@attrs.frozen(kw_only=True)
class UnitCost:
    """One unit cost: ``value`` per one ``unit`` in ``price_year`` prices (see the module).

    ``unit`` is wecb's canonical unit text (:func:`unit_text`); ``confidence`` the source's
    grade, 1 the most confident, as stated (wecb does not grade); ``cashable`` is for a
    fiscal value only (``None``: not stated).
    """

    code: str = attrs.field(validator=field(check_key))
    description: str = attrs.field(validator=text_field)
    value: Money = attrs.field(validator=field(check_non_negative_money))
    unit: str = attrs.field(validator=_unit)
    price_year: FinancialYear = attrs.field(validator=year_field)
    value_type: ValueType = attrs.field(validator=field(check_enum(ValueType)))
    source: str = attrs.field(validator=text_field)
    theme: str | None = attrs.field(default=None, validator=field(optional(_text)))
    agency: str | None = attrs.field(default=None, validator=field(optional(_text)))
    confidence: int | None = attrs.field(default=None, validator=_confidence)
    cashable: bool | None = attrs.field(default=None, validator=field(optional(check_bool)))

    def __attrs_post_init__(self) -> None:
        if self.cashable is not None and self.value_type is not ValueType.FISCAL:
            raise AppraisalError.not_accepted(
                "UnitCost.cashable",
                self.cashable,
                f"None for a {self.value_type.value} value (cashability is for fiscal values)",
            )

    @property
    def rate(self) -> Quantity:
        """The value as a :mod:`wecb.units` rate, e.g. ``250000 GBP / family / year``."""
        return rate(self.value, *self.unit.split(" / "))

    @property
    def per(self) -> str:
        """The unit in words: ``"per family per year"``."""
        return " ".join(f"per {name.replace('_', ' ')}" for name in self.unit.split(" / "))

    def rebased(self, index: PriceIndex, to_year: FinancialYear) -> UnitCost:
        """The same unit cost in ``to_year`` prices (:meth:`PriceIndex.rebase
        <wecb.appraisal.prices.PriceIndex.rebase>`)."""
        require_instance("UnitCost.rebased index", index, PriceIndex, "a PriceIndex")
        value = index.rebase(self.value, self.price_year, to_year)
        return attrs.evolve(self, value=value, price_year=to_year)

    def __str__(self) -> str:
        return (
            f"{self.code}: {self.value} {self.per} "
            f"({self.price_year} prices, {self.value_type.value})"
        )


def _costs(value: Iterable[UnitCost]) -> tuple[UnitCost, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise WecbTypeError.not_accepted("UnitCostLibrary.costs", value, "UnitCosts")
    costs = tuple(value)
    for index, cost in enumerate(costs):
        require_instance(f"UnitCostLibrary.costs[{index}]", cost, UnitCost, "a UnitCost")
    return costs


def _distinct(
    instance: object, attribute: attrs.Attribute[tuple[UnitCost, ...]], value: tuple[UnitCost, ...]
) -> None:
    codes = [c.code for c in value]
    twice = sorted({code for code in codes if codes.count(code) > 1})
    if twice:
        raise AppraisalError(f"UnitCostLibrary.costs: codes repeat: {', '.join(twice)}")


def _library_name(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    require_text("UnitCostLibrary.name", value)


#: The columns ``print`` shows (``rows()`` has the description and source too).
_SHOWN: Final = (
    "code",
    "value",
    "unit",
    "price year",
    "value type",
    "cashable",
    "agency",
    "confidence",
)


@attrs.frozen(kw_only=True)
class UnitCostLibrary(Tabular):
    """Unit costs by code: ``library[code]``, ``code in library``, iteration in order.

    ``print`` shows the table (code, value, unit, price year, value type, cashable, agency,
    confidence); :meth:`rows` gives every field as plain rows, description and source too.
    """

    name: str = attrs.field(validator=_library_name)
    costs: tuple[UnitCost, ...] = attrs.field(converter=_costs, validator=_distinct)

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes, in order."""
        return tuple(cost.code for cost in self.costs)

    def __getitem__(self, code: str) -> UnitCost:
        for cost in self.costs:
            if cost.code == code:
                return cost
        raise UnknownKeyError(
            f"no unit cost {code!r} in library {self.name!r}; its codes: "
            f"{', '.join(sorted(self.codes)) or 'none'}"
        )

    def __contains__(self, code: object) -> bool:
        return code in self.codes

    def __iter__(self) -> Iterator[UnitCost]:
        return iter(self.costs)

    def __len__(self) -> int:
        return len(self.costs)

    def assumptions(self) -> tuple[Assumption, ...]:
        """Where the unit costs come from, and that their price years are as stated."""
        return (
            Assumption(
                name="unit costs",
                value=f"{len(self)} in library {self.name!r}, each in the price year it "
                "states (not rebased)",
                source="each row's source",
            ),
        )

    def rows(self) -> ResultRows:
        """One plain row per unit cost (``value`` as Money)."""
        return ResultRows(
            (
                {
                    "code": c.code,
                    "description": c.description,
                    "value": c.value,
                    "unit": c.unit,
                    "price year": str(c.price_year),
                    "value type": c.value_type.value,
                    "cashable": c.cashable,
                    "theme": c.theme,
                    "agency": c.agency,
                    "confidence": c.confidence,
                    "source": c.source,
                }
                for c in self.costs
            ),
            assumptions=self.assumptions(),
        )

    def table(self) -> Table:
        """The library as a table of exact cells (the columns the class notes list)."""
        return Table.from_records(
            self.rows(),
            _SHOWN,
            title=f"Unit costs: {self.name}",
            notes=assumption_notes(self.assumptions()),
        )


def load_unit_costs(
    path: str | os.PathLike[str],
    *,
    layout: Layout | None = None,
    name: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> UnitCostLibrary:
    """The unit costs of the CSV file at ``path``, as a library named ``name`` (default: the
    file's stem).

    ``layout`` is ``"wecb"`` or ``"unit_cost_database"``; ``None`` takes it from the header
    row (the two layouts share no column, so a header is one or the other, else refused).
    Every bad cell is reported at once (at most :data:`~wecb.errors.MAX_PROBLEMS`), each with
    the file, row, column and value, as a :class:`~wecb.errors.LoadError`.
    """
    costs = read_unit_costs(path, UnitCost, layout=layout, max_bytes=max_bytes)
    stem = os.path.splitext(os.path.basename(os.fspath(path)))[0]
    return UnitCostLibrary(name=name or stem, costs=costs)


#: The unit figures of the Essex papers of 2012, each citing its document and sentence.
#: Built on first use (checking their units builds the pint registry, which importing
#: :mod:`wecb.appraisal` does not need), then kept: always the same library.
SEED_UNIT_COSTS: UnitCostLibrary


def __getattr__(name: str) -> UnitCostLibrary:
    if name != "SEED_UNIT_COSTS":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    library = UnitCostLibrary(
        name="essex_2012_seed_unit_costs",
        costs=(UnitCost(**fields) for fields in seed_unit_costs()),
    )
    globals()[name] = library
    return library
