"""The plain form of a programme (what TOML and JSON hold), to and from the model (private to
:mod:`wecb.io`; other readers and writers of :mod:`wecb.io` call it).

:func:`programme_from_plain` structures the plain data of format version 2 (a mapping of
lists, text, whole numbers and true/false, as :mod:`wecb.io` describes) into a
:class:`~wecb.model.programme.Programme`, raising one :class:`~wecb.errors.LoadError` naming
the entry and the field of the first problem and listing the others;
:func:`programme_to_plain` is its inverse. :func:`structure_programme` reads version 1's form
as well, for :mod:`wecb.io.files`.
"""

from __future__ import annotations

import functools
import re
import typing
from collections.abc import Mapping
from typing import Any, Final

import attrs

from wecb.core.periods import OpenPeriod
from wecb.errors import LoadError, ProgrammeError, ValidationError, excerpt
from wecb.io._asks import move_project_asks
from wecb.io._convert import check_plain, converter
from wecb.io._errors import graph_error, graph_problem, load_error
from wecb.io._line_columns import column_caches
from wecb.io._lines import flow_fields, group_lines, line_form, lines_key
from wecb.io._value_hooks import open_periods, problem_budget
from wecb.model.programme import Programme

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "SUPPORTED_VERSIONS",
    "plain_without_flows",
    "programme_from_plain",
    "programme_to_plain",
    "structure_programme",
]

#: The value of the ``format`` header of a programme file.
FORMAT: Final = "wecb.programme"
#: The version this wecb writes.
FORMAT_VERSION: Final = 2
#: The versions this wecb reads.
SUPPORTED_VERSIONS: Final = (1, 2)
_HEADER: Final = ("format", "format_version")
# The order of the top-level sections in written files: scalars, then lists.
_ORDER: Final = (
    "name",
    "place",
    "currency",
    "source",
    "notes",
    "periods",
    "partners",
    "domains",
    "funding_streams",
    "projects",
)


def programme_from_plain(data: Mapping[str, Any], *, name: str) -> Programme:
    """The programme of ``data``, the plain form of format version 2 (the header fields
    ``format`` and ``format_version`` may be left out; if given they must be
    ``"wecb.programme"`` and ``2``). ``name`` stands for the file in error messages.

    >>> plain = {
    ...     "name": "Example", "place": "Somewhere",
    ...     "partners": [{"key": "council", "name": "The Council", "kind": "district_council"}],
    ...     "domains": [{"key": "health", "name": "Health", "kind": "thematic"}],
    ...     "projects": [{"key": "P1", "title": "Triage", "domain": "health", "lines": [
    ...         {"nature": "cost", "payer": "council", "cost_type": "revenue",
    ...          "amounts": {"2014/15": "£120,000.00", "2015/16": "£125,000.00"}}]}],
    ... }
    >>> [str(f.amount) for f in programme_from_plain(plain, name="example").projects[0].flows]
    ['£120,000.00', '£125,000.00']
    >>> plain["projects"][0]["lines"][0]["amounts"] = {}
    >>> programme_from_plain(plain, name="example")
    Traceback (most recent call last):
    ...
    wecb.errors.LoadError: file 'example', entry 'projects[0] (P1)', field 'lines[0].amounts': \
a line holds at least one amount; got none
    """
    if not isinstance(data, Mapping):
        raise LoadError(
            f"expected the programme's plain data as a mapping, got {type(data).__name__}",
            path=name,
        )
    if data.get("format", FORMAT) != FORMAT:
        raise LoadError(
            f"the header field 'format' is {excerpt(data['format'])}; expected {FORMAT!r}",
            path=name,
            field="format",
        )
    version = data.get("format_version", FORMAT_VERSION)
    if version != FORMAT_VERSION or isinstance(version, bool):
        raise LoadError(
            f"format_version is {excerpt(version)}; this plain form is version {FORMAT_VERSION}",
            path=name,
            field="format_version",
        )
    body = {k: v for k, v in data.items() if k not in _HEADER}
    return structure_programme(body, name, version=FORMAT_VERSION)


def structure_programme(
    body: Mapping[str, Any], name: str, *, version: int, lines_max_depth: int | None = None
) -> Programme:
    """The programme of a file's ``body`` (its data under the header) in format ``version``
    (1 or 2); a :class:`~wecb.errors.LoadError` naming the entry and field otherwise.
    ``lines_max_depth``: the file's depth limit, when its line lists were left unwalked
    (:func:`~wecb.io._parsing.deeper_but_lines`) for the line reader to check."""
    if version < 2:
        body, _ = move_project_asks(body, name)
    conv = converter()
    # Problems are collected up to wecb.errors.MAX_PROBLEMS; then structuring stops.
    with (
        problem_budget() as budget,
        line_form(version >= 2),
        column_caches(lines_max_depth),
    ):
        try:
            periods = conv.structure(body.get("periods", []), tuple[OpenPeriod, ...])
        except Exception as exc:
            raise load_error(exc, body, name, budget, root=("periods",)) from None
        try:
            with open_periods(periods):
                programme: Programme = conv.structure(body, Programme)
        except Exception as exc:
            graph = exc if isinstance(exc, ProgrammeError) else graph_problem(exc)
            if graph is not None:
                if version >= 2:
                    graph = _at_lines(graph, body)
                raise graph_error(graph, body, name) from None
            raise load_error(exc, body, name, budget) from None
    return programme


_FLOW_AT: Final = re.compile(
    r"projects\['(?P<key>[^']*)'\]\.(?P<field>\w+)\[(?P<index>\d+)\](?P<rest>[.\w\[\]]*)"
)


def _at_lines(error: ProgrammeError, body: Mapping[str, Any]) -> ProgrammeError:
    """``error`` with each place in a project's cash flows (``flows[5]``, the model's
    index) named by the line the file wrote (``lines[2].amounts.2015/16``)."""
    counts: dict[tuple[str, str], list[tuple[int, list[str]]]] = {}
    for project in body.get("projects", ()):
        if not isinstance(project, Mapping) or not isinstance(project.get("key"), str):
            continue
        for field in flow_fields():
            lines = project.get(lines_key(field))
            if isinstance(lines, list):
                counts[project["key"], field] = [_periods(line) for line in lines]

    def place(match: re.Match[str]) -> str:
        lines = counts.get((match["key"], match["field"]))
        if lines is None:
            return match[0]
        index = int(match["index"])
        for number, (_, periods) in enumerate(lines):
            if index < len(periods):
                at = f"{lines_key(match['field'])}[{number}]"
                rest = match["rest"]
                if rest in (".amount", ".period") or (len(periods) > 1 and not rest):
                    rest = f".amounts{periods[index]}"  # the amount's own place
                return f"projects[{match['key']!r}].{at}{rest}"
            index -= len(periods)
        return match[0]

    # A line's attribute is one problem, however many of its flows the model found it in.
    problems = dict.fromkeys(_FLOW_AT.sub(place, problem) for problem in error.problems)
    return ProgrammeError(list(problems), error.more)


def _periods(line: object) -> tuple[int, list[str]]:
    if not isinstance(line, Mapping):
        return 0, []
    amounts = line.get("amounts")
    if isinstance(amounts, Mapping):
        return len(amounts), [f".{k}" for k in amounts]
    if isinstance(amounts, list):
        return len(amounts), [f"[{i}]" for i in range(len(amounts))]
    return 0, []


def programme_to_plain(programme: Programme) -> dict[str, Any]:
    """The plain form of ``programme`` in format version 2, without the header fields: each
    project's cash flows grouped into lines (see :func:`wecb.io._lines.group_lines`).

    >>> from wecb.datasets import essex_2012
    >>> plain = programme_to_plain(essex_2012())
    >>> programme_from_plain(plain, name="essex") == essex_2012()
    True
    """
    if not isinstance(programme, Programme):
        raise ValidationError(f"expected a Programme to write, got {type(programme).__name__}")
    body: dict[str, Any] = converter().unstructure(programme)
    plain: dict[str, Any] = {k: body[k] for k in _ORDER if k in body}
    plain.update((k, v) for k, v in body.items() if k not in plain)
    if "projects" in plain:
        plain["projects"] = [_project_lines(p) for p in plain["projects"]]
    check_plain(plain)
    return plain


def plain_without_flows(programme: Programme) -> dict[str, Any]:
    """The plain form of ``programme`` (as :func:`programme_to_plain`) without its projects'
    cash flows (no ``lines``, no ``counterfactual``), which are not unstructured at all: for
    a format that holds the flows apart (Parquet)."""
    conv = converter()
    fields = attrs.fields_dict(Programme)
    body: dict[str, Any] = {}
    for name in _ORDER + tuple(a.name for a in fields.values() if a.name not in _ORDER):
        field = fields[name]
        if not field.init:
            continue
        value = getattr(programme, name)
        if name == "projects":
            value = tuple(attrs.evolve(p, flows=(), counterfactual=()) for p in value)
        if field.default is not attrs.NOTHING and value == field.default:
            continue
        body[name] = conv.unstructure(value, _field_types()[name])
    if "projects" in body:
        body["projects"] = [_project_lines(p) for p in body["projects"]]
    check_plain(body)
    return body


@functools.cache
def _field_types() -> dict[str, Any]:
    return typing.get_type_hints(Programme)


def _project_lines(project: dict[str, Any]) -> dict[str, Any]:
    fields = flow_fields()
    out: dict[str, Any] = {}
    for key, value in project.items():
        if key in fields:
            out[lines_key(key)] = group_lines(value)
        else:
            out[key] = value
    return out
