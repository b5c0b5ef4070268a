"""Where a programme file goes wrong (private to :mod:`wecb.io`): cattrs' error trees and the
programme's graph problems turned into one :class:`~wecb.errors.LoadError` naming the entry
and the field.

Moved here from :mod:`wecb.io.files`, which structures the file's data and calls
:func:`load_error` or :func:`graph_error` when that fails.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Final

from cattrs.errors import (
    AttributeValidationNote,
    BaseValidationError,
    ForbiddenExtraKeysError,
    IterableValidationNote,
)

from wecb.errors import LoadError, ProgrammeError, WecbError

__all__ = ["graph_error", "graph_problem", "load_error"]

_PROBLEM_AT: Final = re.compile(
    r"(?P<list>\w+)\[(?:'(?P<key>[^']*)'|(?P<index>\d+))\](?P<rest>[^:\s]*):"
)


def graph_problem(exc: BaseException) -> ProgrammeError | None:
    """The programme's own graph error inside a cattrs error, if that is all ``exc`` is."""
    # cattrs wraps the Programme constructor's error in a ClassValidationError of one.
    if isinstance(exc, BaseValidationError) and len(exc.exceptions) == 1:
        inner = exc.exceptions[0]
        if isinstance(inner, ProgrammeError):
            return inner
    return None


_Steps = tuple[str | int, ...]

_CLASS_FIELD: Final = re.compile(r"(?P<cls>[A-Z]\w*)\.(?P<field>[a-z_]\w*(?:\[\d+\])?(?:\.\w+)*):")


def _leaves(exc: BaseException, path: _Steps) -> Iterator[tuple[_Steps, BaseException]]:
    """Every underlying error of a cattrs error tree, with the path to it."""
    if isinstance(exc, BaseValidationError):
        for sub in exc.exceptions:
            step: _Steps = ()
            for note in getattr(sub, "__notes__", ()):
                if isinstance(note, AttributeValidationNote):
                    step = (note.name,)
                    break
                if isinstance(note, IterableValidationNote):
                    step = (note.index,)
                    break
            yield from _leaves(sub, path + step)
        return
    if isinstance(exc, ForbiddenExtraKeysError) and len(exc.extra_fields) == 1:
        yield (*path, next(iter(exc.extra_fields))), exc
        return
    if isinstance(exc, WecbError):
        # A model validator names "Class.field[index]: ..."; keep the field part.
        match = _CLASS_FIELD.match(str(exc))
        if match is not None:
            steps = re.findall(r"[a-z_]\w*|\[\d+\]", match["field"])
            extra: _Steps = tuple(int(s[1:-1]) if s.startswith("[") else s for s in steps)
            if extra and extra[0] == (path[-1] if path else None):
                extra = extra[1:]
            yield path + extra, exc
            return
    yield path, exc


def _message(exc: BaseException) -> str:
    if isinstance(exc, KeyError):
        return "required field is missing"
    if isinstance(exc, ForbiddenExtraKeysError):
        return f"unknown field(s): {', '.join(sorted(map(repr, exc.extra_fields)))}"
    text = str(exc)
    return text if text else type(exc).__name__


def _locate(path: _Steps, body: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """``(entry, field)`` for a path such as ``("projects", 2, "table", "net_cashable")``."""
    if not path:
        return None, None
    head = path[0]
    if len(path) >= 2 and isinstance(path[1], int):
        index = path[1]
        entry = f"{head}[{index}]"
        items = body.get(str(head))
        if isinstance(items, list) and index < len(items):
            item = items[index]
            if isinstance(item, dict) and isinstance(item.get("key"), str):
                entry += f" ({item['key']})"
        rest = path[2:]
    else:
        entry, rest = "programme", path
    field = ""
    for step in rest:
        field += f"[{step}]" if isinstance(step, int) else (f".{step}" if field else str(step))
    return entry, field or None


def load_error(
    exc: BaseException, body: Mapping[str, Any], name: str, root: _Steps = ()
) -> LoadError:
    """The :class:`~wecb.errors.LoadError` for a cattrs error structuring ``body`` (the
    file's data, below ``root``): the first problem's entry and field, every problem listed."""
    leaves = list(_leaves(exc, root))
    problems = []
    for path, leaf in leaves:
        entry, field = _locate(path, body)
        where = ", ".join(
            part for part in (entry and f"entry {entry!r}", field and f"field {field!r}") if part
        )
        problems.append(f"{where}: {_message(leaf)}" if where else _message(leaf))
    path, first = leaves[0]
    entry, field = _locate(path, body)
    message = _and_more(_message(first), problems[1:])
    return LoadError(message, path=name, entry=entry, field=field, problems=problems)


def graph_error(exc: ProgrammeError, body: Mapping[str, Any], name: str) -> LoadError:
    """The :class:`~wecb.errors.LoadError` for an inconsistent programme graph, located at the
    entry its first problem names."""
    entry = field = None
    match = _PROBLEM_AT.match(exc.problems[0]) if exc.problems else None
    if match is not None:
        collection = match["list"]
        items = body.get(collection)
        index: int | None = None
        if match["index"] is not None:
            index = int(match["index"])
        elif isinstance(items, list):
            index = next(
                (
                    i
                    for i, item in enumerate(items)
                    if isinstance(item, dict) and item.get("key") == match["key"]
                ),
                None,
            )
        if index is not None:
            entry, field = _locate((collection, index), body)
        field = match["rest"].lstrip(".") or None
    problems = exc.problems or (str(exc),)
    message = _and_more(f"the programme is inconsistent: {problems[0]}", problems[1:])
    return LoadError(message, path=name, entry=entry, field=field, problems=problems)


def _and_more(message: str, others: Sequence[str]) -> str:
    """``message``, then the ``others`` listed one a line, if there are any."""
    if not others:
        return message
    listed = "".join(f"\n  - {p}" for p in others)
    return f"{message} (and {len(others)} more problem{'s' if len(others) > 1 else ''}:{listed})"
