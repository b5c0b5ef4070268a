"""One cattrs converter between the model and plain data (what TOML and JSON hold).

The plain form is lossless and readable:

* :class:`~wecb.core.money.Money` is text as :func:`str` writes it (``"£1,949,000.00"``,
  ``"-£944.00"``, ``"€12.50"``, ``"USD 12.50"``) and is read with
  :meth:`Money.parse <wecb.core.money.Money.parse>` (so people may also write ``"£1.949m"``);
  every digit is kept.
* ``Decimal`` is its exact text (``"2000"``, ``"1.50E+3"``).
* :class:`~wecb.core.periods.FinancialYear` is ``"2012/13"``. An
  :class:`~wecb.core.periods.OpenPeriod` is defined once, in the programme's ``periods`` list
  (``key``, ``label``, ``after``, ``until``); everywhere else a period is a financial year
  or the key of one of those definitions (``"further_implementation"``).
* Enumerations are their values (``"county_council"``; integration levels are 1 to 5).
* Tuples are lists; ``None`` and other defaults are left out.
* A :class:`~wecb.model.tables.CostBenefitTable` is kept as published: its six figures are
  text in thousands (``"87,587"``, ``"-151,406"``) with the unit stated (``"£'000"``).

Structuring is strict, because files come from people and other tools: text must be text
(a number where text belongs is refused rather than converted), integers must be integers
(``true`` is not ``1``), floats are refused everywhere money or counts belong, lists must be
lists, and unknown fields are errors. Errors carry cattrs' notes so that the loader can name
the entry and field.

The hooks of the single values (text, numbers, money, years, periods, enumerations) and the
open periods a programme's flows resolve against (:func:`~wecb.io._value_hooks.open_periods`)
moved to the private ``wecb.io._value_hooks``; this module keeps tuples, cost-benefit tables
and attrs classes, and assembles the converter.

>>> from wecb.model.partners import Partner, PartnerKind
>>> conv = converter()
>>> conv.unstructure(Partner(key="ecc", name="Essex County Council",
...                          kind=PartnerKind.COUNTY_COUNCIL))
{'key': 'ecc', 'name': 'Essex County Council', 'kind': 'county_council'}
>>> conv.structure({"key": "ecc", "name": "Essex County Council", "kind": "county_council"},
...                Partner).kind
<PartnerKind.COUNTY_COUNCIL: 'county_council'>
"""

from __future__ import annotations

import functools
import re
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, Final

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from wecb.core.money import Money
from wecb.core.periods import Period
from wecb.errors import ParseError, ValidationError
from wecb.io._value_hooks import extra_keys, refuse_float, register_values, wrong
from wecb.model.cashflows import ValueType
from wecb.model.tables import PUBLISHED_COLUMNS, CostBenefitTable

__all__ = [
    "THOUSANDS_UNIT",
    "converter",
    "table_unit",
    "thousands_text",
]

#: The unit of a published cost-benefit table in pounds sterling.
THOUSANDS_UNIT: Final = "£'000"
_OTHER_UNIT: Final = re.compile(r"(?P<code>[A-Z]{3}) ?'000")


# -- tuples --------------------------------------------------------------------------------


def _is_tuple(tp: object) -> bool:
    return typing.get_origin(tp) is tuple


def _tuple_hook(
    conv: cattrs.Converter,
) -> Callable[[Any], Callable[[object, type], tuple[Any, ...]]]:
    def factory(tp: Any) -> Callable[[object, type], tuple[Any, ...]]:
        args = typing.get_args(tp)
        homogeneous = len(args) == 2 and args[1] is Ellipsis

        def structure(value: object, _: type) -> tuple[Any, ...]:
            if not isinstance(value, list | tuple):
                raise wrong(value, "a list")
            if not homogeneous and len(value) != len(args):
                raise ParseError(f"expected a list of {len(args)} items, got {len(value)}")
            items: list[Any] = []
            errors: list[Exception] = []
            for index, item in enumerate(value):
                item_type = args[0] if homogeneous else args[index]
                try:
                    items.append(conv.structure(item, item_type))
                except Exception as exc:
                    exc.add_note(
                        IterableValidationNote(
                            f"Structuring {tp} @ index {index}", index, item_type
                        )
                    )
                    errors.append(exc)
            if errors:
                raise IterableValidationError(f"While structuring {tp}", errors, tp)
            return tuple(items)

        return structure

    return factory


# -- cost-benefit tables -------------------------------------------------------------------


def table_unit(currency: str) -> str:
    """The unit text of a table in ``currency``: ``"£'000"`` for GBP, else ``"EUR'000"``.

    >>> table_unit("GBP"), table_unit("EUR")
    ("£'000", "EUR'000")
    """
    return THOUSANDS_UNIT if currency == "GBP" else f"{currency}'000"


def _currency_of_unit(unit: object) -> str:
    if not isinstance(unit, str):
        raise wrong(unit, f"the unit of the figures as text, e.g. {THOUSANDS_UNIT!r}")
    if unit.strip() == THOUSANDS_UNIT:
        return "GBP"
    match = _OTHER_UNIT.fullmatch(unit.strip())
    if match is None:
        raise ParseError(
            f"unknown table unit {unit!r}: expected {THOUSANDS_UNIT!r} (thousands of pounds) "
            "or a currency code and '000, e.g. \"EUR'000\""
        )
    return match["code"]


def thousands_text(money: Money) -> str:
    """A table figure as published: thousands, grouped, every digit kept.

    >>> thousands_text(Money("-87587000")), thousands_text(Money("1234.5"))
    ('-87,587', '1.2345')
    """
    value = money.amount.scaleb(-3)
    if value.is_zero():
        value = value.copy_abs()  # a negated nil is published as 0, not -0
    value = value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
    return format(value, ",f")


def _table_hook(conv: cattrs.Converter) -> Callable[[object, type], CostBenefitTable]:
    optional_fields: dict[str, Any] = {
        "cost_periods": tuple[Period, Period, Period],
        "benefit_period": Period,
        "non_cashable_value_type": ValueType,
        "source": str,
    }
    allowed = ("unit", *PUBLISHED_COLUMNS, *optional_fields)

    def structure(value: object, _: type) -> CostBenefitTable:
        if not isinstance(value, Mapping):
            raise wrong(value, "a table of the published figures")
        errors = extra_keys(value, allowed, CostBenefitTable)

        def note(exc: Exception, name: str) -> None:
            exc.add_note(
                AttributeValidationNote(f"Structuring CostBenefitTable @ {name}", name, str)
            )
            errors.append(exc)

        currency = "GBP"
        try:
            currency = _currency_of_unit(value["unit"])
        except Exception as exc:
            note(exc, "unit")
        fields: dict[str, Any] = {}
        for name in PUBLISHED_COLUMNS:
            try:
                text = value[name]
                if not isinstance(text, str):
                    refuse_float(text, "a figure in thousands as text, e.g. '87,587'")
                    raise wrong(text, "a figure in thousands as text, e.g. '87,587'")
                fields[name] = Money.from_thousands(text, currency)
            except Exception as exc:
                note(exc, name)
        for name, tp in optional_fields.items():
            if name in value:
                try:
                    fields[name] = conv.structure(value[name], tp)
                except Exception as exc:
                    note(exc, name)
        if errors:
            raise ClassValidationError(
                "While structuring CostBenefitTable", errors, CostBenefitTable
            )
        try:
            return CostBenefitTable(**fields)
        except Exception as exc:
            raise ClassValidationError(
                "While structuring CostBenefitTable", [exc], CostBenefitTable
            ) from None

    return structure


def _unstructure_table(conv: cattrs.Converter) -> Callable[[CostBenefitTable], dict[str, Any]]:
    defaults = {a.name: a.default for a in attrs.fields(CostBenefitTable)}

    def unstructure(table: CostBenefitTable) -> dict[str, Any]:
        out: dict[str, Any] = {"unit": table_unit(table.currency)}
        for name in PUBLISHED_COLUMNS:
            out[name] = thousands_text(getattr(table, name))
        for name in ("cost_periods", "benefit_period", "non_cashable_value_type", "source"):
            value = getattr(table, name)
            if value != defaults[name]:
                out[name] = conv.unstructure(value)
        return out

    return unstructure


# -- attrs classes -------------------------------------------------------------------------


def _attrs_structure_hook(conv: cattrs.Converter) -> Callable[[type], Callable[..., Any]]:
    def factory(cl: type) -> Callable[..., Any]:
        generated: Callable[..., Any] = make_dict_structure_fn(
            cl, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
        )

        def structure(value: object, tp: type) -> Any:
            if not isinstance(value, Mapping):
                raise wrong(value, f"a table of the fields of {cl.__name__}")
            return generated(value, tp)

        return structure

    return factory


def _attrs_unstructure_hook(conv: cattrs.Converter) -> Callable[[type], Callable[..., Any]]:
    def factory(cl: type) -> Callable[..., Any]:
        return make_dict_unstructure_fn(cl, conv, _cattrs_omit_if_default=True)

    return factory


@functools.cache
def converter() -> cattrs.Converter:
    """The converter used by :mod:`wecb.io` (built once; treat it as read-only)."""
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    register_values(conv)  # text, numbers, money, years, periods, enumerations
    conv.register_structure_hook_factory(_is_tuple, _tuple_hook(conv))
    conv.register_structure_hook(CostBenefitTable, _table_hook(conv))
    conv.register_unstructure_hook(CostBenefitTable, _unstructure_table(conv))
    conv.register_structure_hook_factory(attrs.has, _attrs_structure_hook(conv))
    conv.register_unstructure_hook_factory(attrs.has, _attrs_unstructure_hook(conv))
    return conv


def check_plain(value: object, where: str = "") -> None:
    """Raise :class:`~wecb.errors.ValidationError` if ``value`` holds ``None`` (TOML has no
    null: a programme whose plain form holds one cannot be written)."""
    if value is None:
        raise ValidationError(f"{where or 'value'}: None cannot be written to a programme file")
    if isinstance(value, dict):
        for key, item in value.items():
            check_plain(item, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            check_plain(item, f"{where}[{index}]")
