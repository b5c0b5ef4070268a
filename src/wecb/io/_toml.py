"""Programme files in TOML laid out for people (private to :mod:`wecb.io`).

Moved here from :mod:`wecb.io.files`, whose :func:`~wecb.io.files.dumps` calls
:func:`toml_text` for ``format="toml"``. A line's ``amounts`` are written inline, one line
of the file per cash-flow line: ``amounts = { "2014/15" = "£1,000.00" }``.
"""

from __future__ import annotations

import json
import re
from typing import Any, Final

__all__ = ["toml_text"]

_BARE_KEY: Final = re.compile(r"[A-Za-z0-9_-]+")
# Tables written inline (their values are all text) rather than under their own header.
_INLINE: Final = frozenset({"amounts"})


def _key(name: str) -> str:
    return name if _BARE_KEY.fullmatch(name) else json.dumps(name, ensure_ascii=False)


def _is_table_list(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _inline(table: dict[str, Any]) -> str:
    import tomli_w  # noqa: PLC0415 -- only writing needs it

    items = (f"{_key(k)} = {tomli_w.dumps({'v': v})[4:].rstrip()}" for k, v in table.items())
    return "{ " + ", ".join(items) + " }"


def toml_text(document: dict[str, Any]) -> str:
    """TOML laid out for people: every table and array of tables under its own header
    (``[[projects]]``, ``[projects.table]``, ``[[projects.lines]]``), never inline, but for a
    line's ``amounts``, written inline on one line of the file."""
    import tomli_w  # noqa: PLC0415 -- only writing needs it

    lines: list[str] = []

    def emit(table: dict[str, Any], name: str, header: str | None) -> None:
        if header is not None:
            if lines:
                lines.append("")
            lines.append(header)
        scalars = {
            k: v
            for k, v in table.items()
            if k not in _INLINE and not isinstance(v, dict) and not _is_table_list(v)
        }
        if scalars:
            lines.append(tomli_w.dumps(scalars).rstrip("\n"))
        lines.extend(f"{_key(k)} = {_inline(v)}" for k, v in table.items() if k in _INLINE)
        for key, value in table.items():
            full = f"{name}.{_key(key)}" if name else _key(key)
            if key in _INLINE:
                continue
            if isinstance(value, dict):
                emit(value, full, f"[{full}]")
            elif _is_table_list(value):
                for item in value:
                    emit(item, full, f"[[{full}]]")

    emit(document, "", None)
    return "\n".join(lines) + "\n"
