"""Lines straight from columns (private; numpy): the checks and encoding behind
:meth:`Lines.from_columns <wecb.rollups.lines.Lines.from_columns>`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt

from wecb.core.money import Money
from wecb.core.periods import FinancialYear, OpenPeriod, Period
from wecb.errors import FloatNotAllowedError, ParseError, RollupError, WecbTypeError
from wecb.model.cashflows import CostType, Nature, ValueType
from wecb.rollups._columns import AXES, Encoder, Minor, assemble, minor_bound
from wecb.rollups.dimensions import UNATTRIBUTED, Catalogue, KeyValue
from wecb.rollups.records import COST_TYPES, VALUE_TYPES

__all__ = ["from_columns"]


def from_columns(
    *,
    minor_units: Any,
    columns: dict[str, Any],
    cashable: Any,
    currency: str,
    catalogue: Catalogue,
) -> dict[str, Any]:
    """The state of lines given as columns (see :meth:`Lines.from_columns
    <wecb.rollups.lines.Lines.from_columns>`); ``columns`` maps each of ``nature``,
    ``period``, ``project``, ``domain``, ``partner``, ``stream``, ``cost_type`` and
    ``value_type`` to its column (or ``None``)."""
    amounts = _amounts(minor_units)
    size = len(amounts)
    converters: dict[str, Callable[[object], Any]] = {
        "nature": _nature,
        "period": _period,
        "project": _optional_key,
        "domain": _optional_key,
        "partner": _partner,
        "stream": _optional_key,
        "cost_type": _enum(CostType),
        "value_type": _enum(ValueType),
    }
    coded = {
        name: _encode(name, columns[name], size, convert) for name, convert in converters.items()
    }
    kind = _kind_column(coded, cashable, size)
    return assemble(
        catalogue=catalogue,
        currency=Money.zero(currency).currency,
        axes={name: coded[name][1] for name in AXES},
        columns={**{name: coded[name][0] for name in AXES}, "kind": kind},
        minor=amounts,
        decimals=None,
        bound=minor_bound(amounts),
    )


def _amounts(minor_units: Any) -> Minor:
    """``minor_units`` as a checked int64 array of non-negative amounts."""
    if isinstance(minor_units, float):
        raise FloatNotAllowedError.not_accepted("minor_units", minor_units, "integers (pence)")
    amounts = np.asarray(minor_units)
    if amounts.ndim != 1:
        raise RollupError(f"minor_units must be one-dimensional, got shape {amounts.shape}")
    size = len(amounts)
    if size and amounts.dtype.kind == "f":
        raise FloatNotAllowedError(
            "minor_units must hold integers (pence), got floats, which cannot hold money exactly"
        )
    if size and amounts.dtype.kind not in "iu":
        for value in minor_units:
            _int_units(value)
        raise RollupError(
            "minor_units: an amount does not fit in a 64-bit integer; build such lines "
            "with Lines.from_flows"
        )
    amounts = amounts.astype(np.int64, copy=False)
    if size and int(amounts.min()) < 0:
        raise RollupError(
            "minor_units must be non-negative magnitudes (the nature column gives the sign), "
            f"got {int(amounts.min())}"
        )
    return amounts


def _flags(values: list[Any], test: Callable[[Any], bool], codes: Any) -> Any:
    """Per line, whether its value (``values[code]``) passes ``test``."""
    return np.take(np.array([test(v) for v in values] or [False]), codes)


def _lines(count: int) -> str:
    return "1 line" if count == 1 else f"{count:,} lines"


def _where(mask: Any) -> str:
    """How many lines ``mask`` marks, and the first of them (counting from 0)."""
    return f"{_lines(int(np.count_nonzero(mask)))}, the first line {int(np.argmax(mask))}"


def _kind_column(coded: dict[str, tuple[Any, list[Any]]], cashable: Any, size: int) -> Any:
    """The kind byte of every line, after checking the kinds are consistent (every problem
    found is reported at once)."""
    is_benefit = _flags(coded["nature"][1], lambda v: v is Nature.BENEFIT, coded["nature"][0])
    cost_codes, cost_values = coded["cost_type"]
    value_codes, value_values = coded["value_type"]
    # Type bits: the cost type of a cost, the value type of a benefit (0 when none).
    cost_bits = np.array([COST_TYPES.index(v) for v in cost_values] or [0])
    value_bits = np.array([VALUE_TYPES.index(v) for v in value_values] or [0])
    cost_type_codes = np.take(cost_bits, cost_codes)
    value_type_codes = np.take(value_bits, value_codes)
    given_value = value_type_codes != 0
    fiscal = is_benefit & (value_type_codes == VALUE_TYPES.index(ValueType.FISCAL))
    in_kind = ~is_benefit & (cost_type_codes == COST_TYPES.index(CostType.IN_KIND))
    has_stream = _flags(coded["stream"][1], lambda v: v is not None, coded["stream"][0])
    problems = []
    if cashable is None:
        # As CashFlow: a cost is cash unless in kind, a non-fiscal benefit never cashable,
        # and a fiscal benefit must say.
        cash = ~is_benefit & ~in_kind
        if np.any(fiscal):
            problems.append(
                f"cashable is not given, and a fiscal benefit must say whether it is cashable "
                f"({_where(fiscal)}); give a cashable column (True where the saving releases "
                "cash from a budget)"
            )
    else:
        cash = _bools("cashable", cashable, size)
        if np.any(in_kind & cash):
            problems.append(
                f"an in-kind cost line is cashable ({_where(in_kind & cash)}; in-kind costs "
                "are not cash)"
            )
        if np.any(is_benefit & given_value & ~fiscal & cash):
            problems.append(
                "a benefit line that is not fiscal is cashable "
                f"({_where(is_benefit & given_value & ~fiscal & cash)}); cashability applies to "
                "fiscal benefits only: set cashable False, or value_type 'fiscal' if the "
                "saving releases cash"
            )
    if np.any(is_benefit & ~given_value):
        problems.append(
            f"a benefit line has no value_type ({_where(is_benefit & ~given_value)}); state "
            "each benefit's value type: fiscal, economic, social, or unclassified when the "
            "source does not say (0.1.0 read a missing value type as fiscal)"
        )
    if np.any(~is_benefit & given_value):
        problems.append("a cost line has a value_type (costs take cost_type)")
    if np.any(is_benefit & (cost_type_codes != 0)):
        problems.append("a benefit line has a cost_type (benefits take value_type)")
    if np.any(is_benefit & has_stream):
        problems.append("a benefit line draws on a funding stream (only costs do)")
    if problems:
        raise RollupError("Lines.from_columns: " + "; ".join(problems))
    return (
        is_benefit.astype(np.uint8)
        | (cash.astype(np.uint8) << 1)
        | (np.where(is_benefit, value_type_codes, cost_type_codes).astype(np.uint8) << 2)
    )


def _int_units(value: object) -> int:
    if isinstance(value, float):
        raise FloatNotAllowedError.not_accepted("minor_units", value, "whole pence as int")
    if isinstance(value, bool) or not isinstance(value, int):
        raise WecbTypeError.not_accepted("minor_units", value, "an int (pence)")
    return value


def _nature(value: object) -> Nature:
    if isinstance(value, Nature):
        return value
    if isinstance(value, str) and value in ("cost", "benefit"):
        return Nature(value)
    error = RollupError if isinstance(value, str) else WecbTypeError
    raise error.not_accepted("nature", value, "a Nature, 'cost' or 'benefit'")


def _period(value: object) -> Period:
    if isinstance(value, FinancialYear | OpenPeriod):
        return value
    if isinstance(value, str):
        try:
            return FinancialYear.parse(value)
        except ParseError as exc:
            raise RollupError(f"period: {exc}") from None
    raise WecbTypeError.not_accepted(
        "period", value, "a FinancialYear, an OpenPeriod or text such as '2012/13'"
    )


def _optional_key(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise WecbTypeError.not_accepted("key", value, "str or None")


def _partner(value: object) -> str:
    key = _optional_key(value)
    return UNATTRIBUTED if key is None else key


def _enum(kind: type[CostType] | type[ValueType]) -> Callable[[object], KeyValue]:
    def convert(value: object) -> KeyValue:
        if value is None or isinstance(value, kind):
            return value
        expected = f"a {kind.__name__} or None"
        if isinstance(value, str):
            try:
                return kind(value)
            except ValueError:
                raise RollupError.not_accepted(kind.__name__, value, expected) from None
        raise WecbTypeError.not_accepted(kind.__name__, value, expected)

    return convert


def _encode(
    name: str, column: Any, size: int, convert: Callable[[object], Any]
) -> tuple[npt.NDArray[np.int64], list[Any]]:
    """Codes and distinct (converted) values of a column; ``None`` means all ``None``."""
    if column is None:
        if not _accepts_none(convert):
            raise RollupError(f"{name}: this column is required")
        return np.zeros(size, dtype=np.int64), [convert(None)]
    if isinstance(column, tuple) and len(column) == 2 and hasattr(column[0], "dtype"):
        codes = np.asarray(column[0])
        categories = list(column[1])
        if codes.dtype.kind not in "iu":
            raise WecbTypeError.not_accepted(f"{name} codes", codes, "an integer array")
        if codes.shape != (size,):
            raise RollupError(f"{name}: codes must be an integer array of {size} lines")
        if size and (int(codes.min()) < 0 or int(codes.max()) >= len(categories)):
            raise RollupError(f"{name}: a code is outside 0..{len(categories) - 1}")
        raw_codes = codes.astype(np.int64)
    else:
        if isinstance(column, str | bytes) or not hasattr(column, "__len__"):
            raise WecbTypeError.not_accepted(name, column, f"a sequence of {size} values")
        if len(column) != size:
            raise RollupError(f"{name}: {len(column)} values for {size} lines")
        array = np.asarray(column) if hasattr(column, "dtype") else None
        if array is not None and array.dtype.kind in "iuUS" and array.ndim == 1:
            uniques, inverse = np.unique(array, return_inverse=True)
            categories = [u.item() for u in uniques]
            raw_codes = inverse.astype(np.int64)
        else:
            encoder = Encoder()
            raw_codes = np.fromiter((encoder.code(v) for v in column), dtype=np.int64, count=size)
            categories = encoder.values
    converted = [convert(v) for v in categories]
    # Different spellings of one value ('cost' and Nature.COST) become one code.
    canonical = Encoder()
    remap = np.array([canonical.code(v) for v in converted] or [0], dtype=np.int64)
    return np.take(remap, raw_codes), canonical.values


def _accepts_none(convert: Callable[[object], Any]) -> bool:
    try:
        convert(None)
    except (RollupError, WecbTypeError):
        return False
    return True


def _bools(name: str, column: Any, size: int) -> npt.NDArray[np.bool_]:
    array = np.asarray(column)
    if array.shape != (size,):
        raise RollupError(f"{name}: expected {size} bools")
    if size and array.dtype.kind != "b":
        raise WecbTypeError.not_accepted(name, column, f"{size} bools")
    return array.astype(bool)
