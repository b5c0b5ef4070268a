"""Parsing a programme file's text (private to :mod:`wecb.io`): TOML or JSON, strict.

JSON is read with every object's keys checked for repeats (one dict per object, built in
C, its length compared with the pairs'), and ``NaN``/``Infinity`` refused. The depth of the
data is checked after parsing by :func:`deeper`, a recursion that stops at the limit.
"""

from __future__ import annotations

import json
import tomllib
from typing import Any

from wecb.errors import LoadError, excerpt

__all__ = ["deeper", "parse_document"]


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


def _json_constant(text: str) -> object:
    raise _JSONError(f"{text} is not a number wecb accepts (only exact numbers as text)")
