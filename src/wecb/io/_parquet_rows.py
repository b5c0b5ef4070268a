"""A Parquet programme file's rows as each project's flows (private to :mod:`wecb.io`; numpy).

:func:`attach_rows` puts each project's flows, read from the rows of
:mod:`wecb.io._parquet`, into the programme's plain form: as
:class:`~wecb.model._flow_columns.FlowColumns` when every row of the project checks (each
distinct set of attributes structured once, each distinct period once, the amounts
converted in one pass), else as plain lines (one per row) that the usual reading checks,
naming each problem's place.
"""

from __future__ import annotations

import json
from array import array
from typing import Any, Final

import cattrs
import numpy as np

from wecb.core.currency import minor_digits
from wecb.core.money import Money
from wecb.core.periods import OpenPeriod, Period
from wecb.errors import LoadError, excerpt
from wecb.io._lines import lines_key
from wecb.io._parquet import minor_of, split_rows
from wecb.io._parquet_codes import column_codes, distinct_rows
from wecb.io._value_hooks import open_periods
from wecb.model._flow_columns import FlowColumns, code_array
from wecb.model.cashflows import CashFlow

__all__ = ["attach_rows"]

_KEYED: Final = ("nature", "cost_type", "value_type", "cashable", "payer", "beneficiary")
_MORE: Final = ("stream", "source", "price_year", "requires")
_JSON_TEXT: Final = ("source", "requires")


def _plain_attributes(names: tuple[str, ...], combo: tuple[Any, ...]) -> dict[str, Any] | None:
    """A row's attributes as a line states them, or ``None`` when a JSON text is bad."""
    out: dict[str, Any] = {}
    for name, value in zip(names, combo, strict=True):
        if value is None:
            continue
        out[name] = value
        if name in _JSON_TEXT:
            try:
                out[name] = json.loads(value)
            except ValueError:
                return None
    return out


class _Rows:
    """The file's columns, coded once for every project."""

    def __init__(self, conv: cattrs.Converter, source: Any, currency: str) -> None:
        self.conv = conv
        self.source = source
        self.currency = currency
        names = (*_KEYED, *_MORE)
        self.names = names
        codes: list[Any] = []
        self.values: list[list[Any]] = []
        for name in names:  # a column at a time: only its codes are kept
            column_codes_, values = column_codes(source.chunks(name), len(source))
            codes.append(column_codes_)
            self.values.append(values)
        unique, self.template_of = distinct_rows(codes, [len(v) for v in self.values])
        del codes
        self.combos: list[tuple[Any, ...]] = [
            tuple(values[int(i)] for values, i in zip(self.values, row, strict=True))
            for row in unique.tolist()
        ]
        self.period_of, self.period_texts = column_codes(source.chunks("period"), len(source))
        self.label_of, self.label_texts = column_codes(source.chunks("label"), len(source))
        digits = minor_digits(currency)
        self.minor = minor_of(source.chunks("amount"), digits, source.scale, len(source))
        self.digits = digits
        self.amount_column: Any = None

    def amounts(self, start: int, size: int) -> list[Any]:
        """The amounts of the rows ``start:start + size``, as ``Decimal`` values or ``None``."""
        if self.amount_column is None:  # read once, only when amounts need their Decimals
            self.amount_column = self.source.column("amount")
        return list(self.amount_column.slice(start, size).to_pylist())

    def templates(self) -> list[CashFlow | None]:
        out: list[CashFlow | None] = []
        for combo in self.combos:
            attributes = _plain_attributes(self.names, combo)
            flow: CashFlow | None = None
            if attributes is not None:
                try:
                    flow = self.conv.structure(
                        {**attributes, "amount": "£0", "period": "2000/01"}, CashFlow
                    )
                except Exception:
                    flow = None
            out.append(flow)
        return out

    def periods(self) -> list[Period | None]:
        out: list[Period | None] = []
        for text in self.period_texts:
            try:
                out.append(None if text is None else self.conv.structure(text, Period))  # type: ignore[arg-type]
            except Exception:
                out.append(None)
        return out


def _recoded(codes: Any, count: int) -> tuple[Any, Any]:
    """The codes used in ``codes`` (of ``count`` possible), and each code's index among them
    (as ``np.unique`` gives, without sorting the lines)."""
    used = np.flatnonzero(np.bincount(codes, minlength=count))
    remap = np.zeros(max(count, 1), dtype=np.int64)
    remap[used] = np.arange(len(used))
    return used, remap[codes]


def _small(values: Any, count: int) -> array[int]:
    out = code_array(count)
    out.frombytes(np.asarray(values, dtype=np.dtype(out.typecode)).tobytes())
    return out


def _columns(
    rows: _Rows,
    templates: list[CashFlow | None],
    periods: list[Period | None],
    start: int,
    stop: int,
    *,
    shared: tuple[tuple[CashFlow, ...], tuple[Period, ...]] | None,
) -> FlowColumns | None:
    """The rows ``start:stop`` as columns, or ``None`` if one does not check. When every
    template and period of the file checked (``shared``), the project's columns share the
    file's tables and its codes are the file's own."""
    if shared is not None:
        chosen, chosen_periods = shared
        local = rows.template_of[start:stop]
        period_codes = rows.period_of[start:stop]
    else:
        used, local = _recoded(rows.template_of[start:stop], len(templates))
        some = [templates[int(i)] for i in used]
        used_periods, period_codes = _recoded(rows.period_of[start:stop], len(periods))
        some_periods = [periods[int(i)] for i in used_periods]
        chosen = tuple(t for t in some if t is not None)
        chosen_periods = tuple(p for p in some_periods if p is not None)
        if len(chosen) < len(some) or len(chosen_periods) < len(some_periods):
            return None
    label_codes = rows.label_of[start:stop]
    texts = rows.label_texts
    labels: tuple[str | None, ...] | None = None
    if np.any(label_codes != len(texts) - 1):
        for code in np.unique(label_codes):
            text = texts[int(code)]
            if text is not None and not text.strip():
                return None
        labels = tuple(texts[int(c)] for c in label_codes)
    size = stop - start
    if rows.minor is not None:
        minor_values, exponent = rows.minor
        minor = array("q")
        minor.frombytes(np.ascontiguousarray(minor_values[start:stop], dtype=np.int64).tobytes())
        exponents = array("b")
        exponents.frombytes(np.full(size, exponent, dtype=np.int8).tobytes())
        decimals = None
    else:
        values = rows.amounts(start, size)
        if any(v is None or v.is_signed() for v in values):
            return None
        minor, exponents, decimals = None, None, tuple(values)
    return FlowColumns.from_parts(
        templates=chosen,
        template_codes=_small(local.reshape(-1), len(chosen)),
        periods=chosen_periods,
        period_codes=_small(period_codes.reshape(-1), len(chosen_periods)),
        minor=minor,
        exponents=exponents,
        decimals=decimals,
        labels=labels,
        currency=rows.currency,
    )


def _shared(
    rows: _Rows, templates: list[CashFlow | None], periods: list[Period | None]
) -> tuple[tuple[CashFlow, ...], tuple[Period, ...]] | None:
    """The file's tables, for every project to share, when each template and period
    checked (the null period last is left out when no row is null)."""
    if periods and periods[-1] is None and not np.any(rows.period_of == len(periods) - 1):
        periods = periods[:-1]
    checked = tuple(t for t in templates if t is not None)
    checked_periods = tuple(p for p in periods if p is not None)
    if len(checked) < len(templates) or len(checked_periods) < len(periods):
        return None
    return checked, checked_periods


def _plain_lines(rows: _Rows, start: int, stop: int) -> list[dict[str, Any]]:
    """The rows ``start:stop`` as plain lines, one per row, for the usual reading."""
    lines: list[dict[str, Any]] = []
    amounts = rows.amounts(start, stop - start)
    for offset, amount in enumerate(amounts):
        index = start + offset
        combo = rows.combos[int(rows.template_of[index])]
        line: dict[str, Any] = {}
        for name, value in zip(rows.names, combo, strict=True):
            if value is not None:
                line[name] = json.loads(value) if name in _JSON_TEXT and _is_json(value) else value
        label = rows.label_texts[int(rows.label_of[index])]
        if label is not None:
            line["label"] = label
        period = rows.period_texts[int(rows.period_of[index])]
        money = None if amount is None else str(Money(amount, rows.currency))
        line["amounts"] = {period: money}
        lines.append(line)
    return lines


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def attach_rows(conv: cattrs.Converter, body: dict[str, Any], source: Any, name: str) -> None:
    """Put the rows of ``source`` into ``body``'s projects (see the module docstring); a
    :class:`~wecb.errors.LoadError` for rows of a project the body does not hold, or rows
    of one project's field that are not together."""
    projects = body.get("projects")
    by_key: dict[str, dict[str, Any]] = {}
    if isinstance(projects, list):
        by_key = {
            p["key"]: p for p in projects if isinstance(p, dict) and isinstance(p.get("key"), str)
        }
    currency = body.get("currency", "GBP")
    if not isinstance(currency, str):
        currency = "GBP"
    try:
        periods = conv.structure(body.get("periods", []), tuple[OpenPeriod, ...])
    except Exception:
        periods = None  # reported when the programme is read; the rows go as lines
    rows = _Rows(conv, source, currency)
    with open_periods(periods or ()):
        templates, known_periods = rows.templates(), rows.periods()
    shared = _shared(rows, templates, known_periods)
    seen: set[tuple[str, str]] = set()
    for project, field, start, stop in split_rows(source):
        if field not in ("flows", "counterfactual"):
            raise LoadError(
                f"a row's field is {excerpt(field)}; expected 'flows' or 'counterfactual'",
                path=name,
            )
        if project not in by_key:
            raise LoadError(
                f"rows name the project {excerpt(project)}, which the programme does not hold",
                path=name,
            )
        if (project, field) in seen:
            raise LoadError(
                f"the rows of project {project!r}'s {field} are not together", path=name
            )
        seen.add((project, field))
        held = (
            None
            if periods is None
            else _columns(rows, templates, known_periods, start, stop, shared=shared)
        )
        by_key[project][lines_key(field)] = (
            _plain_lines(rows, start, stop) if held is None else held
        )
