"""Parsing a programme file's text (private to :mod:`wecb.io`): TOML or JSON, strict.

JSON is read with every object's keys checked for repeats (one dict per object, built in
C, its length compared with the pairs'), and ``NaN``/``Infinity`` refused. The depth of the
data is checked after parsing by :func:`deeper`, a recursion that stops at the limit; in a
version 2 file, :func:`deeper_but_lines` leaves the projects' line lists (nearly all of a
large file's data) to the line reader, which checks each line's depth as it reads it
(:mod:`wecb.io._line_columns`), so that no line is walked twice.
"""

from __future__ import annotations

import json
import tomllib
from typing import Any, Final

from wecb.errors import LoadError, excerpt
from wecb.io._reading import children

#: A version 2 project's keys of line lists, and the level of those lists (the document is
#: level 1, its projects 2, a project 3).
LINE_LISTS: Final = frozenset({"lines", "counterfactual"})
LINE_LIST_LEVEL: Final = 4

__all__ = [
    "LINE_LISTS",
    "LINE_LIST_LEVEL",
    "check_depth",
    "deeper",
    "deeper_but_lines",
    "parse_document",
    "too_deep",
]


def parse_document(text: str, kind: str, name: str) -> object:
    """The data of ``text`` in ``kind`` (``"toml"`` or ``"json"``), or a LoadError."""
    try:
        if kind == "toml":
            return tomllib.loads(text)
        return json.loads(text, object_pairs_hook=_json_object, parse_constant=_json_constant)
    except tomllib.TOMLDecodeError as exc:
        raise LoadError(f"not valid TOML: {exc}", path=name) from None
    except json.JSONDecodeError as exc:
        raise LoadError(f"not valid JSON: {exc}", path=name) from None
    except _JSONError as exc:
        raise LoadError(f"not accepted JSON: {exc}", path=name) from None
    except RecursionError:
        raise LoadError(
            "the data is nested too deeply to read (a programme file needs only a few levels)",
            path=name,
        ) from None
    except ValueError as exc:
        # Python's int() refuses literals past 4300 digits (a plain ValueError).
        raise LoadError(f"a number in the file cannot be read: {exc}", path=name) from None


class _JSONError(Exception):
    pass


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) == len(pairs):
        return out
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            raise _JSONError(f"duplicate key {excerpt(key)} in one object")
        seen.add(key)
    raise AssertionError("unreachable: a shorter dict has a repeated key")  # pragma: no cover


def deeper(value: Any, left: int) -> bool:
    """Whether the container ``value`` holds containers more than ``left`` levels deep
    (``value`` is one level). Recursive, but never deeper than ``left``."""
    if left <= 0:
        return True
    for item in value.values() if type(value) is dict else value:
        kind = type(item)
        if (kind is dict or kind is list) and deeper(item, left - 1):
            return True
    return False


def deeper_but_lines(document: Any, left: int) -> bool:
    """:func:`deeper` of a parsed file, except that in a version 2 file the lists under a
    project's :data:`LINE_LISTS` keys are not walked: the line reader checks them, with
    ``left - (LINE_LIST_LEVEL - 1)`` levels left at the list."""
    if type(document) is not dict or document.get("format_version") != 2:
        return deeper(document, left)
    if left <= 0:
        return True
    for key, item in document.items():
        kind = type(item)
        if key == "projects" and kind is list:
            if left <= 1 or any(_project_deeper(p, left - 2) for p in item):
                return True
        elif (kind is dict or kind is list) and deeper(item, left - 1):
            return True
    return False


def _project_deeper(project: object, left: int) -> bool:
    """Whether a project (``left`` levels left) is too deep, its line lists not walked."""
    kind = type(project)
    if kind is list:
        return deeper(project, left)
    if kind is not dict:
        return False
    if left <= 0:
        return True
    for key, item in project.items():  # type: ignore[attr-defined]
        inner = type(item)
        if key in LINE_LISTS and inner is list:
            continue  # read, and its depth checked, line by line
        if (inner is dict or inner is list) and deeper(item, left - 1):
            return True
    return False


def too_deep(max_depth: int, name: str | None = None) -> LoadError:
    """The error of data nested deeper than ``max_depth`` (in the file ``name``)."""
    return LoadError(
        f"the data is nested deeper than the limit of {max_depth} levels; pass a larger "
        "max_depth if the file is trusted",
        path=name,
    )


def check_depth(document: object, max_depth: int, name: str) -> None:
    """Refuse parsed data nested deeper than ``max_depth`` with a
    :class:`~wecb.errors.LoadError` naming the file ``name``."""
    # Iterative, so that the check itself cannot overflow the stack, and one iterator per
    # open container, so that it costs memory by depth only (not by the number of values).
    stack = [children(document)] if isinstance(document, dict | list) else []
    while stack:
        step = next(stack[-1], None)
        if step is None:
            stack.pop()
        elif isinstance(step[1], dict | list):
            if len(stack) >= max_depth:
                raise too_deep(max_depth, name)
            stack.append(children(step[1]))


def _json_constant(text: str) -> object:
    raise _JSONError(f"{text} is not a number wecb accepts (only exact numbers as text)")
