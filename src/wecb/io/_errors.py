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

from wecb.errors import (
    MAX_PROBLEMS,
    LoadError,
    ProgrammeError,
    WecbError,
    cut_text,
    excerpt,
    problem_lines,
)
from wecb.io._value_hooks import Budget

__all__ = ["graph_error", "graph_problem", "load_error", "located"]

# The most unknown fields one problem names.
_EXTRA_NAMED: Final = 10

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
        extra = sorted(exc.extra_fields)
        named = ", ".join(excerpt(k) for k in extra[:_EXTRA_NAMED])
        others = len(extra) - _EXTRA_NAMED
        return f"unknown field(s): {named}" + (f" and {others:,} more" if others > 0 else "")
    text = cut_text(str(exc))
    return text if text else type(exc).__name__


def located(path: _Steps, body: Mapping[str, Any]) -> tuple[str | None, str | None]:
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
                entry += f" ({cut_text(item['key'], _KEY_CHARS)})"
        rest = path[2:]
    else:
        entry, rest = "programme", path
    field = ""
    for step in rest:
        if isinstance(step, int):
            field += f"[{step}]"
        else:
            name = cut_text(step, _KEY_CHARS)
            field += f".{name}" if field else name
    return entry, field or None


# The longest key or field name quoted in a place.
_KEY_CHARS: Final = 80


def load_error(
    exc: BaseException,
    body: Mapping[str, Any],
    name: str,
    budget: Budget | None = None,
    root: _Steps = (),
) -> LoadError:
    """The :class:`~wecb.errors.LoadError` for a cattrs error structuring ``body`` (the
    file's data, below ``root``): the first problem's entry and field, then the others (at
    most :data:`~wecb.errors.MAX_PROBLEMS`, the rest counted), and the list items left
    unchecked once ``budget`` was spent."""
    problems: list[str] = []
    hidden = 0
    first: tuple[_Steps, BaseException] | None = None
    for path, leaf in _leaves(exc, root):
        first = first or (path, leaf)
        if len(problems) < MAX_PROBLEMS:
            problems.append(_problem(path, leaf, body))
        else:
            hidden += 1
    if first is None:  # not a cattrs error tree after all
        first = (root, exc)
        problems.append(_message(exc))
    entry, field = located(first[0], body)
    message = _and_more(_message(first[1]), problems[1:], hidden)
    if budget is not None and budget.unchecked:
        message += (
            f"; checking stopped at {MAX_PROBLEMS} entries with problems: {budget.unchecked:,} "
            f"more list item{'s were' if budget.unchecked != 1 else ' was'} not checked"
        )
    return LoadError(message, path=name, entry=entry, field=field, problems=problems, more=hidden)


def _problem(path: _Steps, leaf: BaseException, body: Mapping[str, Any]) -> str:
    entry, field = located(path, body)
    where = ", ".join(
        part for part in (entry and f"entry {entry!r}", field and f"field {field!r}") if part
    )
    return f"{where}: {_message(leaf)}" if where else _message(leaf)


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
            entry, field = located((collection, index), body)
        field = match["rest"].lstrip(".") or None
    problems = exc.problems or (str(exc),)
    message = _and_more(
        f"the programme is inconsistent: {cut_text(problems[0])}", problems[1:], exc.more
    )
    return LoadError(
        message, path=name, entry=entry, field=field, problems=problems, more=exc.more
    )


def _and_more(message: str, others: Sequence[str], more: int = 0) -> str:
    """``message``, then the ``others`` listed one a line (at most
    :data:`~wecb.errors.MAX_PROBLEMS`) and ``more`` counted, if there are any."""
    count = len(others) + more
    if not count:
        return message
    listed = problem_lines(others, more)
    return f"{message} (and {count:,} more problem{'s' if count > 1 else ''}:{listed})"
