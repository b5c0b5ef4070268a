"""Cash-flow lines of format version 2 (private to :mod:`wecb.io`): read and written.

A line states a cost's or a benefit's attributes once and its amounts by period::

    [[projects.lines]]
    nature = "cost"
    payer = "council"
    cost_type = "revenue"
    amounts = { "2014/15" = "£120,000.00", "2015/16" = "£125,000.00" }

or, for consecutive financial years, ``first = "2014/15"`` and a list
``amounts = ["£120,000.00", "£125,000.00"]`` (read only; written as the mapping). Reading
expands each line into one :class:`~wecb.model.cashflows.CashFlow` per amount, in the order
written; writing (:func:`group_lines`) groups consecutive flows whose attributes (every field
but ``amount`` and ``period``) are equal and whose periods differ, so a programme survives the
round trip flow for flow, in order.

Both directions are generic: a line's attributes are whatever fields
:class:`~wecb.model.cashflows.CashFlow` has besides ``amount`` and ``period``, and every field of
:class:`~wecb.model.projects.Project` typed ``tuple[CashFlow, ...]`` is written as lines (the
field ``flows`` under the key ``lines``; any other, such as ``counterfactual``, under its own
name). Which form a project is read in (version 1's ``flows`` of single flows, or lines) is
set around structuring by :func:`line_form`.
"""

from __future__ import annotations

import contextvars
import functools
import typing
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, Final

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn

from wecb.core.money import Money
from wecb.core.periods import FinancialYear, Period
from wecb.errors import ParseError, ValidationError, WecbError, excerpt
from wecb.io._asks import V2_PROJECT_ASKS
from wecb.io._line_columns import check_lines_depth, line_columns
from wecb.io._value_hooks import current_budget, extra_keys, wrong
from wecb.model._flow_columns import FlowColumns
from wecb.model.cashflows import CashFlow
from wecb.model.projects import Project

__all__ = [
    "LINE_RESERVED",
    "PROJECT_RESERVED",
    "flow_fields",
    "group_lines",
    "line_form",
    "lines_key",
    "project_hook",
    "reserved_error",
]

#: Names a version 2 project may not use yet, and what each is kept for.
PROJECT_RESERVED: Final = {
    "milestones": "no record: write a project's milestones in the programme's "
    "[[milestones]], each with project = the project's key",
}
#: Names a version 2 line may not use yet, and what each is kept for.
LINE_RESERVED: Final = {
    "key": "a line's own key (actuals name a line by its label today)",
}
# The fields of a flow that a line holds by period rather than once.
_BY_PERIOD: Final = ("amount", "period")

_LINE_FORM: contextvars.ContextVar[bool] = contextvars.ContextVar("wecb_line_form", default=True)


@contextmanager
def line_form(lines: bool) -> Iterator[None]:
    """Read projects' cash flows as lines (version 2) or as single flows (version 1) while
    structuring inside the block (lines by default)."""
    token = _LINE_FORM.set(lines)
    try:
        yield
    finally:
        _LINE_FORM.reset(token)


def reserved_error(name: str, kept_for: str) -> ParseError:
    """The error for a reserved name used in a file."""
    return ParseError(
        f"{excerpt(name)} is reserved for {kept_for} (not read by this version of wecb); remove it"
    )


@functools.cache
def flow_fields() -> tuple[str, ...]:
    """The fields of :class:`~wecb.model.projects.Project` that hold cash flows, in order."""
    hints = typing.get_type_hints(Project)
    return tuple(
        a.name
        for a in attrs.fields(Project)
        if a.init and hints[a.name] in (tuple[CashFlow, ...], Sequence[CashFlow])
    )


def lines_key(field: str) -> str:
    """The version 2 key of a project's cash-flow field: ``lines`` for ``flows``."""
    return "lines" if field == "flows" else field


def _attribute_names() -> tuple[str, ...]:
    return tuple(a.name for a in attrs.fields(CashFlow) if a.init and a.name not in _BY_PERIOD)


# -- writing -------------------------------------------------------------------------------


def group_lines(flows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Plain flows (version 1's form) grouped into lines: consecutive flows whose attributes
    are equal and whose periods differ share one line, amounts in the order of the flows.

    >>> group_lines([
    ...     {"amount": "£1.00", "nature": "cost", "period": "2014/15"},
    ...     {"amount": "£2.00", "nature": "cost", "period": "2015/16"},
    ...     {"amount": "£3.00", "nature": "cost", "period": "2015/16"},
    ... ])
    [{'nature': 'cost', 'amounts': {'2014/15': '£1.00', '2015/16': '£2.00'}}, \
{'nature': 'cost', 'amounts': {'2015/16': '£3.00'}}]
    """
    lines: list[dict[str, Any]] = []
    held: dict[str, Any] | None = None
    for flow in flows:
        attributes = {k: v for k, v in flow.items() if k not in _BY_PERIOD}
        period, amount = flow["period"], flow["amount"]
        if held is not None and attributes == held and period not in lines[-1]["amounts"]:
            lines[-1]["amounts"][period] = amount
            continue
        held = attributes
        lines.append({**attributes, "amounts": {period: amount}})
    return lines


# -- reading -------------------------------------------------------------------------------


def _noted(exc: Exception, step: str | int) -> Exception:
    note: AttributeValidationNote | IterableValidationNote
    if isinstance(step, int):
        note = IterableValidationNote(f"Structuring line @ index {step}", step, CashFlow)
    else:
        note = AttributeValidationNote(f"Structuring @ {step}", step, str)
    exc.add_note(note)
    return exc


def _group(message: str, errors: list[Exception], step: str | int) -> Exception:
    return _noted(ClassValidationError(message, errors, CashFlow), step)


def _amount_pairs(line: Mapping[str, Any]) -> list[tuple[str | int, object, object]]:
    """``(step, period, amount)`` for each amount of ``line`` in the order written; raises the
    line-level problems of ``amounts`` and ``first`` (noted at their field)."""
    amounts = line.get("amounts")
    if "amounts" not in line:
        raise _noted(KeyError("amounts"), "amounts")
    if isinstance(amounts, Mapping):
        if "first" in line:
            raise _noted(
                ParseError(
                    "'first' goes with a list of amounts only; amounts given by period "
                    "name their periods themselves: remove 'first'"
                ),
                "first",
            )
        pairs: list[tuple[str | int, object, object]] = [(k, k, v) for k, v in amounts.items()]
    elif isinstance(amounts, list):
        pairs = _listed(line.get("first"), amounts, "first" in line)
    else:
        raise _noted(
            wrong(amounts, 'amounts by period, e.g. { "2014/15" = "£1,000.00" }'), "amounts"
        )
    if not pairs:
        raise _noted(ParseError("a line holds at least one amount; got none"), "amounts")
    return pairs


def _listed(
    first: object, amounts: list[Any], given: bool
) -> list[tuple[str | int, object, object]]:
    if not given:
        raise _noted(
            ParseError(
                "a list of amounts needs 'first', the financial year of its first amount "
                '(e.g. first = "2014/15"), or give amounts by period'
            ),
            "first",
        )
    if not isinstance(first, str):
        raise _noted(wrong(first, "a financial year as text, e.g. '2014/15'"), "first")
    try:
        start = FinancialYear.parse(first)
    except ParseError as exc:
        raise _noted(
            ParseError(
                f"{exc}; a list of amounts runs over consecutive financial years from "
                "'first' (an open period is named in amounts given by period)"
            ),
            "first",
        ) from None
    try:
        start + max(len(amounts) - 1, 0)
    except WecbError as exc:
        raise _noted(exc, "amounts") from None
    return [(i, str(start + i), v) for i, v in enumerate(amounts)]


def _line(conv: cattrs.Converter, value: object) -> list[CashFlow]:
    """The flows of one line, or a :class:`ClassValidationError` of every problem in it."""
    if not isinstance(value, Mapping):
        raise wrong(value, "a table of a line's fields and amounts")
    errors: list[Exception] = []
    names = _attribute_names()
    for name in sorted(set(value) & set(LINE_RESERVED)):
        errors.append(_noted(reserved_error(name, LINE_RESERVED[name]), name))
    for name in sorted(set(value) & set(_BY_PERIOD)):
        errors.append(
            _noted(
                ParseError(
                    f"{name!r} is a field of a single flow (format version 1); a line gives "
                    'its amounts by period: amounts = { "2014/15" = "£1,000.00" }'
                ),
                name,
            )
        )
    allowed = (*names, "amounts", "first", *LINE_RESERVED, *_BY_PERIOD)
    errors.extend(extra_keys(value, allowed, CashFlow))
    attributes = {k: v for k, v in value.items() if k in names}
    # The attributes once, checked on a flow of nothing in a year; then each amount.
    template: CashFlow | None = None
    try:
        template = conv.structure({**attributes, "amount": "£0", "period": "2000/01"}, CashFlow)
    except ClassValidationError as exc:
        errors.extend(exc.exceptions)
    except Exception as exc:  # the constructor's own check of the fields together
        errors.append(exc)
    flows: list[CashFlow] = []
    try:
        flows = _amounts(conv, value, template)
    except Exception as exc:
        errors.append(exc)
    if errors:
        raise ClassValidationError("While structuring a line", errors, CashFlow)
    return flows


def _amounts(
    conv: cattrs.Converter, line: Mapping[str, Any], template: CashFlow | None
) -> list[CashFlow]:
    pairs = _amount_pairs(line)
    errors: list[Exception] = []
    flows: list[CashFlow] = []
    seen: dict[Period, str | int] = {}
    budget = current_budget()
    for number, (step, period_text, amount_text) in enumerate(pairs):
        try:
            period: Period = conv.structure(period_text, Period)  # type: ignore[arg-type]
            amount = conv.structure(amount_text, Money)
            if period in seen:
                raise ParseError(
                    f"the period {excerpt(period_text)} is the same as {excerpt(seen[period])} "
                    "in this line: a line holds one amount per period"
                )
            seen[period] = step
            if template is not None:
                flows.append(_evolved(template, amount, period))
        except Exception as exc:
            exc.__traceback__ = None
            errors.append(_noted(exc, step))
            if budget.spend():  # a line of a million bad amounts costs what 100 do
                budget.unchecked += len(pairs) - number - 1
                break
    if errors:
        raise _group("While structuring amounts", errors, "amounts")
    return flows


def _evolved(template: CashFlow, amount: Money, period: Period) -> CashFlow:
    try:
        return attrs.evolve(template, amount=amount, period=period)
    except WecbError as exc:
        # "CashFlow.amount: -£5.00 is not accepted; ..." is placed at its period already.
        text = str(exc)
        for name in _BY_PERIOD:
            text = text.removeprefix(f"CashFlow.{name}: ")
        raise type(exc)(text) from None


def _lines(conv: cattrs.Converter, value: object) -> tuple[CashFlow, ...]:
    if not isinstance(value, list):
        raise wrong(value, "a list of lines")
    check_lines_depth(value, line=False)
    flows: list[CashFlow] = []
    errors: list[Exception] = []
    budget = current_budget()
    for index, line in enumerate(value):
        try:
            check_lines_depth(line, line=True)  # before the line is looked into
            flows.extend(_line(conv, line))
        except Exception as exc:
            exc.__traceback__ = None
            errors.append(_noted(exc, index))
            if budget.spend():
                budget.unchecked += len(value) - index - 1
                break
    if errors:
        raise IterableValidationError("While structuring lines", errors, tuple[CashFlow, ...])
    return tuple(flows)


def project_hook(conv: cattrs.Converter) -> Callable[[object, type], Project]:
    """The structure hook of :class:`~wecb.model.projects.Project`: cash flows as lines or as
    single flows, as :func:`line_form` says; reserved names refused."""
    generated = make_dict_structure_fn(
        Project, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
    )

    def structure(value: object, tp: type) -> Project:
        if not isinstance(value, Mapping):
            raise wrong(value, "a table of the fields of Project")
        rest = dict(value)
        errors: list[Exception] = []
        flows: dict[str, Sequence[CashFlow]] = {}
        lines = _LINE_FORM.get()
        for name in flow_fields():
            key = lines_key(name) if lines else name
            if key != name and name in rest:
                del rest[name]
                errors.append(_noted(_v1_flows(), name))
            if not lines and name != "flows" and name in rest:
                del rest[name]
                errors.append(_noted(_v2_only(name), name))
            if lines and key in rest:
                try:
                    raw = rest.pop(key)
                    # Columns when every line is plain; else flow by flow (every problem).
                    # (A Parquet file's flows arrive as columns checked already.)
                    columns = raw if isinstance(raw, FlowColumns) else line_columns(conv, raw)
                    flows[name] = _lines(conv, raw) if columns is None else columns
                except Exception as exc:
                    errors.append(_noted(exc, key))
        if lines:
            errors.extend(_refused(rest))
        project: Project | None = None
        try:
            project = generated(rest, tp)
        except ClassValidationError as exc:
            errors.extend(exc.exceptions)
        except Exception as exc:
            errors.append(exc)
        if not errors and project is not None:
            try:
                evolve: Callable[..., Project] = attrs.evolve
                return evolve(project, **flows) if flows else project
            except Exception as exc:
                errors.append(exc)
        raise ClassValidationError("While structuring Project", errors, Project)

    return structure


def _refused(rest: dict[str, Any]) -> list[Exception]:
    """The errors of the names a version 2 project may not hold (reserved names, and
    version 1's project ``asks``), each removed from ``rest``."""
    errors: list[Exception] = []
    for name in sorted(set(rest) & set(PROJECT_RESERVED)):
        del rest[name]
        errors.append(_noted(reserved_error(name, PROJECT_RESERVED[name]), name))
    if "asks" in rest:
        del rest["asks"]
        errors.append(_noted(ValidationError(V2_PROJECT_ASKS), "asks"))
    return errors


def _v1_flows() -> ValidationError:
    return ValidationError(
        "'flows' holds single flows in format version 1; format version 2 groups them into "
        "lines ([[projects.lines]] with amounts by period): write 'lines', or run wecb migrate "
        "on a version 1 file"
    )


def _v2_only(name: str) -> ValidationError:
    return ValidationError(
        f"{name!r} is read in format version 2 only (as lines); write format_version = 2"
    )
