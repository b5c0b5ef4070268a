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

import contextvars
import enum
import functools
import re
import typing
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation
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
from wecb.core.periods import FinancialYear, OpenPeriod, Period, parse_period
from wecb.errors import FloatNotAllowedError, ParseError, ValidationError, WecbTypeError
from wecb.model.cashflows import ValueType
from wecb.model.tables import PUBLISHED_COLUMNS, CostBenefitTable

__all__ = [
    "THOUSANDS_UNIT",
    "converter",
    "open_periods",
    "table_unit",
    "thousands_text",
]

#: The unit of a published cost-benefit table in pounds sterling.
THOUSANDS_UNIT: Final = "£'000"
_OTHER_UNIT: Final = re.compile(r"(?P<code>[A-Z]{3}) ?'000")

# The open periods of the programme being read, so that a flow's "further_implementation"
# resolves to the programme's own definition.
_OPEN_PERIODS: contextvars.ContextVar[tuple[OpenPeriod, ...]] = contextvars.ContextVar(
    "wecb_open_periods", default=()
)


@contextmanager
def open_periods(periods: tuple[OpenPeriod, ...]) -> Iterator[None]:
    """Resolve period keys against ``periods`` while structuring inside the block."""
    token = _OPEN_PERIODS.set(periods)
    try:
        yield
    finally:
        _OPEN_PERIODS.reset(token)


def _type_name(value: object) -> str:
    names = {
        str: "text",
        int: "an integer",
        bool: "true/false",
        float: "a float",
        list: "a list",
        dict: "a table",
    }
    return names.get(type(value), type(value).__name__)


def _refuse_float(value: object, expected: str) -> None:
    if isinstance(value, float):
        raise FloatNotAllowedError(
            f"got the float {value!r}: floats are inexact and not accepted here; "
            f"expected {expected}"
        )


def _wrong(value: object, expected: str) -> WecbTypeError:
    return WecbTypeError(f"expected {expected}, got {_type_name(value)} {value!r}")


# -- scalars -------------------------------------------------------------------------------


def _structure_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        _refuse_float(value, "text")
        raise _wrong(value, "text")
    return value


def _structure_int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        _refuse_float(value, "a whole number")
        raise _wrong(value, "a whole number")
    return value


def _structure_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise _wrong(value, "true or false")
    return value


def _structure_decimal(value: object, _: type) -> Decimal:
    if not isinstance(value, str):
        _refuse_float(value, "an exact number as text, e.g. '2000' or '0.5'")
        raise _wrong(value, "an exact number as text, e.g. '2000' or '0.5'")
    try:
        number = Decimal(value.strip())
    except InvalidOperation:
        raise ParseError(f"cannot read {value!r} as an exact number, e.g. '2000'") from None
    if not number.is_finite():
        raise ParseError(f"{value!r} is not a finite number")
    return number


def _structure_money(value: object, _: type) -> Money:
    if not isinstance(value, str):
        _refuse_float(value, "money as text, e.g. '£1,949,000.00' or '£1.949m'")
        raise _wrong(value, "money as text, e.g. '£1,949,000.00' or '£1.949m'")
    return Money.parse(value)


def _structure_financial_year(value: object, _: type) -> FinancialYear:
    if not isinstance(value, str):
        raise _wrong(value, "a financial year as text, e.g. '2012/13'")
    return FinancialYear.parse(value)


def _structure_period(value: object, _: object) -> Period:
    if not isinstance(value, str):
        raise _wrong(value, "a period as text: a financial year ('2012/13') or an open period key")
    return parse_period(value, _OPEN_PERIODS.get())


def _unstructure_period(period: Period) -> str:
    return period.key if isinstance(period, OpenPeriod) else str(period)


def _structure_open_period(value: object, _: type) -> OpenPeriod:
    if not isinstance(value, Mapping):
        raise _wrong(value, "a table with key, label and optionally after and until")
    allowed = ("key", "label", "after", "until")
    errors = _extra_keys(value, allowed, OpenPeriod)
    fields: dict[str, Any] = {}
    for name in allowed:
        try:
            if name in ("key", "label"):
                fields[name] = _structure_str(value[name], str)
            elif name in value:
                fields[name] = _structure_financial_year(value[name], FinancialYear)
        except Exception as exc:
            exc.add_note(AttributeValidationNote(f"Structuring OpenPeriod @ {name}", name, str))
            errors.append(exc)
    if errors:
        raise ClassValidationError("While structuring OpenPeriod", errors, OpenPeriod)
    try:
        return OpenPeriod(**fields)
    except Exception as exc:
        raise ClassValidationError("While structuring OpenPeriod", [exc], OpenPeriod) from None


def _extra_keys(value: Mapping[str, Any], allowed: tuple[str, ...], cl: type) -> list[Exception]:
    """The error list a hand-written hook starts from: unknown keys, as cattrs reports them."""
    extra = sorted(set(value) - set(allowed))
    if not extra:
        return []
    message = f"unknown field(s) {', '.join(map(repr, extra))}"
    return [cattrs.ForbiddenExtraKeysError(message, cl, set(extra))]


def _unstructure_open_period(period: OpenPeriod) -> dict[str, str]:
    out = {"key": period.key, "label": period.label}
    if period.after is not None:
        out["after"] = str(period.after)
    if period.until is not None:
        out["until"] = str(period.until)
    return out


def _is_period(tp: object) -> bool:
    return tp == Period


def _is_optional_period(tp: object) -> bool:
    return tp == Period | None


def _structure_optional_period(value: object, _: object) -> Period | None:
    return None if value is None else _structure_period(value, Period)


# -- enums ---------------------------------------------------------------------------------


@functools.cache
def _enum_members(tp: type[enum.Enum]) -> tuple[dict[tuple[type, object], enum.Enum], str]:
    by_value = {(type(m.value), m.value): m for m in tp}
    return by_value, ", ".join(repr(m.value) for m in tp)


def _structure_enum(value: object, tp: type[enum.Enum]) -> enum.Enum:
    by_value, choices = _enum_members(tp)
    # Keyed by type as well, so that true is never the member 1.
    member = by_value.get((type(value), value))
    if member is None:
        _refuse_float(value, f"one of {choices}")
        raise ParseError(f"{value!r} is not a value of {tp.__name__}; expected one of {choices}")
    return member


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
                raise _wrong(value, "a list")
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
        raise _wrong(unit, f"the unit of the figures as text, e.g. {THOUSANDS_UNIT!r}")
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
            raise _wrong(value, "a table of the published figures")
        errors = _extra_keys(value, allowed, CostBenefitTable)

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
                    _refuse_float(text, "a figure in thousands as text, e.g. '87,587'")
                    raise _wrong(text, "a figure in thousands as text, e.g. '87,587'")
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
                raise _wrong(value, f"a table of the fields of {cl.__name__}")
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
    # Class hooks replace cattrs' lenient defaults (str(5), int("5"), Enum(True)). IntEnum
    # gets its own so that the int hook, earlier in its MRO than Enum, never catches it.
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(enum.Enum, _structure_enum)
    conv.register_structure_hook(enum.IntEnum, _structure_enum)
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_unstructure_hook(Decimal, str)
    conv.register_structure_hook(Money, _structure_money)
    conv.register_unstructure_hook(Money, str)
    conv.register_structure_hook(FinancialYear, _structure_financial_year)
    conv.register_unstructure_hook(FinancialYear, str)
    conv.register_structure_hook(OpenPeriod, _structure_open_period)
    conv.register_unstructure_hook(OpenPeriod, _unstructure_open_period)
    conv.register_structure_hook_func(_is_period, _structure_period)
    conv.register_unstructure_hook_func(_is_period, _unstructure_period)
    conv.register_structure_hook_func(_is_optional_period, _structure_optional_period)
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
