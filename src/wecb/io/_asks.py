"""Version 1's asks of government, moved to version 2's register (private to :mod:`wecb.io`).

Format version 1 held a project's asks of government as a list of strings, ``asks``, on the
project. Version 2 holds them in the programme's top-level ``asks``, one record each (see
:mod:`wecb.model.asks`). :func:`move_project_asks` moves each string of a version 1 body into
a record: key ``<project>_ask_<n>`` (from 1, in the order written), the project, the text as
it is, kind ``other`` and status ``asked`` (version 1 says neither: both are to be reviewed),
no department, and the project's source. Loading a version 1 file moves them, and
:func:`wecb.io.migrate` lists each move.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any, Final

from wecb.errors import LoadError

__all__ = ["V2_PROJECT_ASKS", "move_project_asks"]

#: Why a version 2 project may not hold ``asks``.
V2_PROJECT_ASKS: Final = (
    "a project's asks are the programme's top-level [[asks]] records in format version 2 "
    "(key, project, text, kind, status, addressed_to, source); wecb migrate moves a version "
    "1 file's project asks there"
)


def move_project_asks(
    body: Mapping[str, Any], name: str
) -> tuple[dict[str, Any], tuple[str, ...]]:
    """A copy of the version 1 ``body`` with every project's ``asks`` strings moved to
    top-level ask records (after any the body holds there already), and one line per ask
    moved (entry, field, what was written). Entries that are not tables, and asks that are
    not lists, are left for the loader to report. ``name`` stands for the file in errors."""
    out = dict(body)
    given = out.get("asks", [])
    if not isinstance(given, list):
        raise LoadError(
            f"expected a list of asks of government, got {type(given).__name__}",
            path=name,
            entry="programme",
            field="asks",
        )
    projects = out.get("projects")
    if not isinstance(projects, list):
        return out, ()
    moved: list[dict[str, Any]] = []
    changes: list[str] = []
    kept: list[Any] = []
    for project in projects:
        asks = project.get("asks") if isinstance(project, Mapping) else None
        key = project.get("key") if isinstance(project, Mapping) else None
        if not isinstance(asks, list) or not isinstance(key, str):
            kept.append(project)
            continue
        rest = {k: copy.deepcopy(v) for k, v in project.items() if k != "asks"}
        kept.append(rest)
        for number, text in enumerate(asks, start=1):
            record: dict[str, Any] = {
                "key": f"{key}_ask_{number}",
                "project": key,
                "text": text,
                "kind": "other",
                "status": "asked",
            }
            if "source" in project:
                record["source"] = copy.deepcopy(project["source"])
            moved.append(record)
            changes.append(
                f"projects[{key!r}].asks[{number - 1}]: moved to asks[{record['key']!r}] with "
                "kind 'other' and status 'asked' (version 1 states neither; review them) and "
                "the project's source"
            )
    out["projects"] = kept
    if moved:
        out["asks"] = [*given, *moved]
    return out, tuple(changes)
