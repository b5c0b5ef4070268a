"""A project's lines (format version 2) read straight into columns (private to :mod:`wecb.io`).

:func:`line_columns` reads the usual lines (a table of attributes and ``amounts`` by
period) into a :class:`~wecb.model._flow_columns.FlowColumns` without building a
:class:`~wecb.model.cashflows.CashFlow` per amount: each distinct set of attributes is
structured and checked once (kept for the whole file by :func:`column_caches`), each
distinct period text read once, and each amount read by one strict money pattern
(:data:`PLAIN_MONEY`, plain pounds such as ``£1,234.56``, which :meth:`Money.parse
<wecb.core.money.Money.parse>` reads identically) or, for any other text, by the full money
parser. Anything unusual (a line that is not a table, a list of amounts, a field that is
not a line attribute, a bad value, a period twice) gives ``None``: the caller then reads
the lines one flow at a time, which names every problem's place exactly as before.
"""

from __future__ import annotations

import contextvars
import re
from array import array
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any, Final

import attrs
import cattrs

from wecb.core._decimal import EXACT
from wecb.core.currency import minor_digits
from wecb.core.money import Money
from wecb.core.periods import FinancialYear, Period
from wecb.errors import WecbError
from wecb.io._parsing import LINE_LIST_LEVEL, deeper, too_deep
from wecb.model._flow_columns import FlowColumns, code_array
from wecb.model.cashflows import CashFlow

__all__ = ["PLAIN_MONEY", "check_lines_depth", "column_caches", "line_columns"]

#: Plain pounds: an optional ``£``, whole pounds (no leading zero; grouped by commas in
#: threes, or not at all) and up to two places. Read as minor units without the parser.
PLAIN_MONEY: Final = re.compile(
    r"£?(0|[1-9][0-9]{0,2}(?:,[0-9]{3})+|[1-9][0-9]{0,14})(?:\.([0-9]{1,2}))?"
)
_BOUND: Final = 2**63
_BY_FLOW: Final = ("amounts", "label", "first")
_ATTRIBUTES: Final = frozenset(
    a.name
    for a in attrs.fields(CashFlow)
    if a.init and a.name not in ("amount", "period", "label")
)
_UNHASHABLE: Final = object()
_MISSING: Final = object()


class _Caches:
    """What one file's lines share: each distinct set of attributes as a checked template
    flow, each distinct period text as its period."""

    __slots__ = ("lines_left", "max_depth", "periods", "templates", "years")

    def __init__(self, max_depth: int | None = None) -> None:
        self.templates: dict[object, CashFlow] = {}
        self.periods: dict[str, Period] = {}
        self.years: dict[str, FinancialYear] = {}
        # The file's depth limit when its line lists are left to this reader to check, and
        # the levels left at a project's line list (None: they were checked already).
        self.max_depth = max_depth
        self.lines_left = None if max_depth is None else max_depth - (LINE_LIST_LEVEL - 1)


_CACHES: contextvars.ContextVar[_Caches | None] = contextvars.ContextVar(
    "wecb_column_caches", default=None
)


@contextmanager
def column_caches(max_depth: int | None = None) -> Iterator[None]:
    """Share templates and periods between the projects read inside the block (one file:
    its open periods are fixed). ``max_depth``: the file's depth limit, when the depth of its
    line lists is left to be checked here (see :func:`check_lines_depth`)."""
    token = _CACHES.set(_Caches(max_depth))
    try:
        yield
    finally:
        _CACHES.reset(token)


def _frozen(value: object) -> object:
    """``value`` (plain data) as a hashable key, or :data:`_UNHASHABLE` (e.g. a float)."""
    kind = type(value)
    if kind is str or kind is bool or kind is int:
        return (kind, value)
    if kind is list:
        items = tuple(_frozen(v) for v in value)  # type: ignore[attr-defined]
        return _UNHASHABLE if _UNHASHABLE in items else (list, items)
    if kind is dict:
        pairs = tuple((k, _frozen(v)) for k, v in value.items())  # type: ignore[attr-defined]
        return _UNHASHABLE if any(v is _UNHASHABLE for _, v in pairs) else (dict, pairs)
    return _UNHASHABLE


class _Builder:
    """The columns of one project's lines, filled line by line."""

    def __init__(self, conv: cattrs.Converter, caches: _Caches) -> None:
        self.conv = conv
        self.caches = caches
        self.templates: list[CashFlow] = []
        self.template_codes: dict[int, int] = {}
        self.periods: list[Period] = []
        self.period_codes: dict[Period, int] = {}
        self.text_codes: dict[str, int] = {}
        self.tcodes: list[int] = []
        self.pcodes: list[int] = []
        self.minor = array("q")
        self.exponents = array("b")
        self.decimals: list[Decimal] | None = None
        self.labels: list[str | None] = []
        self.labelled = False
        self.currency: str | None = None

    def template(self, line: dict[str, Any]) -> int | None:
        attributes = line.copy()
        for name in _BY_FLOW:
            attributes.pop(name, None)
        # The key: the attributes and their types (so that true is never 1); values that
        # cannot be hashed (a citation, a list of asks) frozen first.
        key: object = (tuple(attributes.items()), tuple(map(type, attributes.values())))
        templates = self.caches.templates
        try:
            cached = templates.get(key)
        except TypeError:
            key = _frozen(attributes)
            if key is _UNHASHABLE:
                return None
            cached = templates.get(key)
        if cached is None:
            if not attributes.keys() <= _ATTRIBUTES:
                return None
            try:
                cached = self.conv.structure(
                    {**attributes, "amount": "£0", "period": "2000/01"}, CashFlow
                )
            except Exception:
                return None
            templates[key] = cached
        code = self.template_codes.get(id(cached))
        if code is None:
            code = self.template_codes[id(cached)] = len(self.templates)
            self.templates.append(cached)
        return code

    def period(self, text: object) -> int | None:
        code = self.text_codes.get(text) if type(text) is str else None
        if code is not None:
            return code
        if type(text) is not str:
            return None
        found = self.caches.periods.get(text)
        if found is None:
            try:
                found = self.conv.structure(text, Period)  # type: ignore[arg-type]
            except Exception:
                return None
            self.caches.periods[text] = found
        # By value: two texts may name one period ('2014-15' and '2014/15').
        code = self.period_codes.get(found)
        if code is None:
            code = self.period_codes[found] = len(self.periods)
            self.periods.append(found)
        self.text_codes[text] = code
        return code

    def amount(self, text: object) -> bool:
        """Add the amount ``text``; ``False`` if it is not one the columns can hold."""
        if type(text) is not str:
            return False
        match = PLAIN_MONEY.fullmatch(text)
        if match is not None and self.currency in (None, "GBP"):
            pounds, pence = match.groups()
            minor = int(pounds.replace(",", "")) * 100
            if pence is not None:
                minor += int(pence) * 10 ** (2 - len(pence))
            if minor < _BOUND:
                self.currency = "GBP"
                return self._add(minor, 0 if pence is None else -len(pence))
        try:
            money = Money.parse(text)
        except Exception:
            return False
        value = money.amount
        if self.currency is None:
            self.currency = money.currency
        if money.currency != self.currency or value.is_signed() or not value.is_finite():
            return False  # a negative amount, another currency: the flow's own checks say
        digits = minor_digits(self.currency)
        exponent = int(value.as_tuple().exponent)
        if -digits <= exponent <= 127:
            minor = int(value.scaleb(digits))
            if minor < _BOUND:
                return self._add(minor, exponent)
        if self.decimals is None:
            self.decimals = list(_as_decimals(self))
        self.decimals.append(value)
        return True

    def _add(self, minor: int, exponent: int) -> bool:
        """Add an amount of ``minor`` minor units written with ``exponent``."""
        if self.decimals is None:
            self.minor.append(minor)
            self.exponents.append(exponent)
        else:
            digits = minor_digits(self.currency or "GBP")
            self.decimals.append(_decimal(minor, exponent, digits))
        return True

    def line(self, line: object) -> bool:
        left = self.caches.lines_left
        if type(line) is not dict or (left is not None and deeper(line, left - 1)):
            return False  # too deep: the caller refuses it (check_lines_depth)
        pairs = self._pairs(line)
        if not pairs:
            return False
        code = self.template(line)
        if code is None:
            return False
        label = line.get("label")
        if label is not None:
            if type(label) is not str or not label.strip():
                return False
            self.labelled = True
        seen: set[int] = set()
        for period_text, amount_text in pairs:
            period = self.period(period_text)
            if period is None or period in seen or not self.amount(amount_text):
                return False
            if len(pairs) > 1:
                seen.add(period)
            self.tcodes.append(code)
            self.pcodes.append(period)
            self.labels.append(label)
        return True

    def _pairs(self, line: dict[str, Any]) -> list[tuple[object, object]] | None:
        """``(period text, amount text)`` of each amount of ``line``: amounts by period, or a
        list from ``first`` (consecutive financial years); ``None`` for anything else."""
        amounts = line.get("amounts")
        first = line.get("first", _MISSING)
        if type(amounts) is dict:
            return list(amounts.items()) if first is _MISSING else None
        if type(amounts) is not list or type(first) is not str:
            return None
        start = self.caches.years.get(first)
        if start is None:
            try:
                start = self.caches.years[first] = FinancialYear.parse(first)
                start + max(len(amounts) - 1, 0)
            except WecbError:
                return None
        try:
            return [(str(start + i), amount) for i, amount in enumerate(amounts)]
        except WecbError:
            return None

    def columns(self) -> FlowColumns:
        tcodes = code_array(len(self.templates))
        tcodes.extend(self.tcodes)
        pcodes = code_array(len(self.periods))
        pcodes.extend(self.pcodes)
        exact = self.decimals is None
        return FlowColumns.from_parts(
            templates=tuple(self.templates),
            template_codes=tcodes,
            periods=tuple(self.periods),
            period_codes=pcodes,
            minor=self.minor if exact else None,
            exponents=self.exponents if exact else None,
            decimals=None if self.decimals is None else tuple(self.decimals),
            labels=tuple(self.labels) if self.labelled else None,
            currency=self.currency or "GBP",
        )


def _as_decimals(builder: _Builder) -> Iterator[Decimal]:
    digits = minor_digits(builder.currency or "GBP")
    for minor, exponent in zip(builder.minor, builder.exponents, strict=True):
        yield _decimal(minor, exponent, digits)


def _decimal(minor: int, exponent: int, digits: int) -> Decimal:
    return Decimal(minor // 10 ** (exponent + digits)).scaleb(exponent, EXACT)


def check_lines_depth(value: object, *, line: bool) -> None:
    """Refuse a project's line list (``line`` false: the list itself, not its lines) or one
    of its lines nested deeper than the file's limit allows, when their depth is left to the
    line reader (:func:`column_caches`)."""
    caches = _CACHES.get()
    if caches is None or caches.max_depth is None or caches.lines_left is None:
        return
    left = caches.lines_left
    # A line is one level below its list; the list itself is checked only for its own level.
    too = (type(value) in (dict, list) and deeper(value, left - 1)) if line else left <= 0
    if too:
        raise too_deep(caches.max_depth)


def line_columns(conv: cattrs.Converter, value: object) -> FlowColumns | None:
    """The flows of the lines ``value`` as columns, or ``None`` when they need reading one
    flow at a time (see the module docstring). Each line is checked for depth before it is
    looked into (:meth:`_Builder.line`), except in the usual case, which needs a template
    made by such a checked line and reads only lines of the same two levels (the line, one
    plain amount by period)."""
    if type(value) is not list or not value:
        return None
    caches = _CACHES.get() or _Caches()
    builder = _Builder(conv, caches)
    return builder.columns() if _fill(builder, value) else None


# long: the loop over every line, inlined for its usual case (one amount, known attributes,
# a known period, plain pounds); anything else goes through _Builder.line
def _fill(builder: _Builder, lines: list[Any]) -> bool:  # noqa: PLR0912 -- inlined
    """Add every line of ``lines`` to ``builder``; ``False`` at the first it cannot hold."""
    templates, codes, text_codes = (
        builder.caches.templates,
        builder.template_codes,
        builder.text_codes,
    )
    add_template, add_period = builder.tcodes.append, builder.pcodes.append
    add_minor, add_exponent = builder.minor.append, builder.exponents.append
    add_label, match = builder.labels.append, PLAIN_MONEY.fullmatch
    for line in lines:
        if type(line) is not dict:
            return False
        attributes = line.copy()
        amounts = attributes.pop("amounts", None)
        label = attributes.pop("label", None)
        code = None
        if (
            type(amounts) is dict
            and len(amounts) == 1
            and "first" not in attributes
            and builder.decimals is None
            and builder.currency in (None, "GBP")
            and (label is None or (type(label) is str and label.strip()))
        ):
            try:
                found = templates.get(
                    (tuple(attributes.items()), tuple(map(type, attributes.values())))
                )
            except TypeError:
                found = None
            if found is not None:
                code = codes.get(id(found))
        if code is None:
            if not builder.line(line):
                return False
            continue
        ((period_text, amount_text),) = amounts.items()
        period = text_codes.get(period_text) if type(period_text) is str else None
        plain = match(amount_text) if type(amount_text) is str else None
        if period is None or plain is None:
            if not builder.line(line):
                return False
            continue
        pounds, pence = plain.groups()
        minor = int(pounds.replace(",", "")) * 100
        if pence is not None:
            minor += int(pence) * (10 if len(pence) == 1 else 1)
        if minor >= _BOUND:
            if not builder.line(line):
                return False
            continue
        builder.currency = "GBP"
        add_minor(minor)
        add_exponent(0 if pence is None else -len(pence))
        add_template(code)
        add_period(period)
        add_label(label)
        if label is not None:
            builder.labelled = True
    return True
