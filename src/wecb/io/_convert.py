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
* Tuples are lists; ``None`` and other defaults are left out; a project's cash flows are
  lines in format version 2 (see ``wecb.io._lines``), single flows in version 1.
* A benefit always states its ``value_type``, and a fiscal benefit its ``cashable``;
  ``cashable`` is left out where it is what a reader would derive (``true`` for a cost
  that is not in kind, ``false`` for an in-kind cost or a benefit that is not fiscal).
  wecb 0.1.0 read a benefit with no value type as fiscal and a benefit with no
  ``cashable`` as cashable; such a file is refused, every entry concerned listed with what
  0.1.0 assumed and what to write to keep that reading.
* A :class:`~wecb.model.tables.CostBenefitTable` is kept as published: its six figures are
  text in thousands (``"87,587"``, ``"-151,406"``) with the unit stated (``"£'000"``).

Structuring is strict, because files come from people and other tools: text must be text
(a number where text belongs is refused rather than converted), integers must be integers
(``true`` is not ``1``), floats are refused everywhere money or counts belong, lists must be
lists, and unknown fields are errors. Errors carry cattrs' notes so that the loader can name
the entry and field.

The hooks of single values and open periods live in ``wecb.io._value_hooks``, a project's
cash-flow lines (format version 2) in ``wecb.io._lines``; this module keeps tuples, tables,
flows and attrs classes, and assembles the converter.

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
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from wecb.core._decimal import digits, int_exp, shift, trimmed
from wecb.core.money import Money
from wecb.core.periods import Period
from wecb.errors import ParseError, ValidationError, excerpt
from wecb.io._lines import project_hook
from wecb.io._sources import register_sources
from wecb.io._value_hooks import (
    current_budget,
    extra_keys,
    refuse_float,
    register_values,
    wrong,
)
from wecb.model.cashflows import CashFlow, CostType, Nature, ValueType
from wecb.model.documents import Source
from wecb.model.projects import Project
from wecb.model.tables import PUBLISHED_COLUMNS, CostBenefitTable

__all__ = ["THOUSANDS_UNIT", "converter", "derived_cashable", "table_unit", "thousands_text"]

#: The unit of a published cost-benefit table in pounds sterling.
THOUSANDS_UNIT: Final = "£'000"
_OTHER_UNIT: Final = re.compile(r"(?P<code>[A-Z]{3}) ?'000")


# -- tuples --------------------------------------------------------------------------------


def _is_tuple(tp: object) -> bool:  # a Sequence (a project's flows) is read as a tuple
    return typing.get_origin(tp) in (tuple, Sequence)


def _tuple_hook(
    conv: cattrs.Converter,
) -> Callable[[Any], Callable[[object, type], tuple[Any, ...]]]:
    def factory(tp: Any) -> Callable[[object, type], tuple[Any, ...]]:
        args = typing.get_args(tp)
        args = (args[0], Ellipsis) if typing.get_origin(tp) is Sequence else args
        homogeneous = len(args) == 2 and args[1] is Ellipsis

        def structure(value: object, _: type) -> tuple[Any, ...]:
            if not isinstance(value, list | tuple):
                raise wrong(value, "a list")
            if not homogeneous and len(value) != len(args):
                raise ParseError(f"expected a list of {len(args)} items, got {len(value)}")
            items: list[Any] = []
            errors: list[Exception] = []
            budget = current_budget()
            for index, item in enumerate(value):
                item_type = args[0] if homogeneous else args[index]
                try:
                    items.append(conv.structure(item, item_type))
                except Exception as exc:
                    # Kept without its traceback (whose frames would keep their locals),
                    # and only up to the budget: then the other items are left unchecked.
                    exc.__traceback__ = None
                    exc.add_note(
                        IterableValidationNote(
                            f"Structuring {tp} @ index {index}", index, item_type
                        )
                    )
                    errors.append(exc)
                    if budget.spend():
                        budget.unchecked += len(value) - index - 1
                        break
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
            f"unknown table unit {excerpt(unit)}: expected {THOUSANDS_UNIT!r} (thousands of "
            "pounds) or a currency code and '000, e.g. \"EUR'000\""
        )
    return match["code"]


def thousands_text(money: Money) -> str:
    """A table figure as published: thousands, grouped, every digit kept.

    Written with exact integer arithmetic, so no digit is lost whatever the figure's size or
    the caller's decimal context: :meth:`Money.from_thousands` reads back an equal amount.

    >>> thousands_text(Money("-87587000")), thousands_text(Money("1234.5"))
    ('-87,587', '1.2345')
    """
    value = trimmed(shift(money.amount, -3))
    if value.is_zero():
        return "0"  # a negated nil is published as 0, not -0
    places = max(0, -int_exp(value)[1])
    return ("-" if value.is_signed() else "") + digits(value, places)


def _table_hook(conv: cattrs.Converter) -> Callable[[object, type], CostBenefitTable]:
    optional_fields: dict[str, Any] = {
        "cost_periods": tuple[Period, Period, Period],
        "benefit_period": Period,
        "non_cashable_value_type": ValueType,
        "value_type_note": str,
        "source": Source,
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


# The fields of a table after its figures, written when not their defaults.
_TABLE_OPTIONAL: Final = (
    "cost_periods",
    "benefit_period",
    "non_cashable_value_type",
    "value_type_note",
    "source",
)


def _unstructure_table(conv: cattrs.Converter) -> Callable[[CostBenefitTable], dict[str, Any]]:
    defaults = {a.name: a.default for a in attrs.fields(CostBenefitTable)}

    def unstructure(table: CostBenefitTable) -> dict[str, Any]:
        out: dict[str, Any] = {"unit": table_unit(table.currency)}
        for name in PUBLISHED_COLUMNS:
            out[name] = thousands_text(getattr(table, name))
        for name in _TABLE_OPTIONAL:
            value = getattr(table, name)
            if value != defaults[name]:
                out[name] = conv.unstructure(value)
        return out

    return unstructure


# -- cash flows ------------------------------------------------------------------------------

# What wecb 0.1.0 read for a benefit's unstated value type and cashability (refused now).
_VALUE_TYPE_UNSTATED: Final = (
    "required for a benefit: one of 'fiscal', 'economic', 'social', or 'unclassified' when "
    "the source does not say which; wecb 0.1.0 read a missing value_type as 'fiscal': set "
    'value_type to "fiscal" to keep that reading'
)
_CASHABLE_UNSTATED: Final = (
    "required for a fiscal benefit: true if the saving releases cash from a budget, false if "
    "not (such as freed capacity or avoided demand); wecb 0.1.0 read a missing cashable as "
    "true: set cashable to true to keep that reading"
)


def derived_cashable(flow: CashFlow) -> bool | None:
    """The cashability a file may leave out for ``flow``: ``True`` for a cost not in kind,
    ``False`` for an in-kind cost or a benefit that is not fiscal, ``None`` for a fiscal
    benefit (which always states it)."""
    if flow.nature is Nature.COST:
        return flow.cost_type is not CostType.IN_KIND
    return None if flow.value_type is ValueType.FISCAL else False


def _unstated(value: Mapping[str, Any]) -> tuple[list[Exception], dict[str, Any]]:
    """The errors for a benefit's unstated value type and cashability, and the fields with
    0.1.0's reading filled in (so that the flow's other problems are found too)."""
    if value.get("nature") != Nature.BENEFIT.value:
        return [], dict(value)
    errors: list[Exception] = []
    filled = dict(value)
    missing = {"value_type": _VALUE_TYPE_UNSTATED, "cashable": _CASHABLE_UNSTATED}
    if "value_type" in value:
        del missing["value_type"]
        if value["value_type"] != ValueType.FISCAL.value:
            del missing["cashable"]
    if "cashable" in value:
        missing.pop("cashable", None)
    for name, message in missing.items():
        exc = ValidationError(message)
        exc.add_note(AttributeValidationNote(f"Structuring CashFlow @ {name}", name, str))
        errors.append(exc)
        filled[name] = ValueType.FISCAL.value if name == "value_type" else True
    return errors, filled


def _flow_hook(conv: cattrs.Converter) -> Callable[[object, type], CashFlow]:
    generated = make_dict_structure_fn(
        CashFlow, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
    )

    def structure(value: object, tp: type) -> CashFlow:
        if not isinstance(value, Mapping):
            raise wrong(value, "a table of the fields of CashFlow")
        errors, filled = _unstated(value)
        if not errors:
            flow: CashFlow = generated(value, tp)
            return flow
        try:
            generated(filled, tp)
        except ClassValidationError as exc:
            errors.extend(exc.exceptions)
        except Exception as exc:  # the constructor's own check of the other fields
            errors.append(exc)
        raise ClassValidationError("While structuring CashFlow", errors, CashFlow)

    return structure


def _unstructure_flow(conv: cattrs.Converter) -> Callable[[CashFlow], dict[str, Any]]:
    # cashable's default is a factory that refuses a fiscal benefit, so it is never asked.
    generated = make_dict_unstructure_fn(
        CashFlow, conv, _cattrs_omit_if_default=True, cashable=override(omit=True)
    )
    order = [a.name for a in attrs.fields(CashFlow)]

    def unstructure(flow: CashFlow) -> dict[str, Any]:
        out: dict[str, Any] = generated(flow)
        if flow.cashable != derived_cashable(flow):
            out["cashable"] = flow.cashable
        return {name: out[name] for name in order if name in out}

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
    register_sources(conv)  # a source: text or a citation of a document
    conv.register_structure_hook_factory(_is_tuple, _tuple_hook(conv))
    conv.register_structure_hook(CostBenefitTable, _table_hook(conv))
    conv.register_unstructure_hook(CostBenefitTable, _unstructure_table(conv))
    conv.register_structure_hook(CashFlow, _flow_hook(conv))
    conv.register_unstructure_hook(CashFlow, _unstructure_flow(conv))
    conv.register_structure_hook(Project, project_hook(conv))
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
