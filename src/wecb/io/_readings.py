"""What wecb 0.1.0 read into a programme file without its saying so, made explicit.

0.1.0 read a benefit with no ``value_type`` as fiscal, a benefit with no ``cashable`` as
cashable, and a table with no ``non_cashable_value_type`` as fiscal. wecb now guesses none
of these, so :func:`wecb.io.migrate` writes each reading into the file, where it can be seen
and corrected, and lists every change. One reading cannot be kept: an economic or social
benefit is never cashable now, so it is listed as a change of answer, not written.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any, Final

__all__ = ["fill_0_1_readings"]

_FISCAL: Final = "fiscal"


def _entry(project: Mapping[str, Any], index: int) -> str:
    key = project.get("key")
    return f"projects[{key!r}]" if isinstance(key, str) else f"projects[{index}]"


def fill_0_1_readings(
    body: Mapping[str, Any],
) -> tuple[dict[str, Any], tuple[str, ...], tuple[str, ...]]:
    """A copy of the file's ``body`` with 0.1.0's implicit readings written in, one line per
    change written (entry, field, value and why), and one line per answer that changes with
    nothing written. Entries that are not tables are left for the loader to report."""
    out = copy.deepcopy(dict(body))
    changes: list[str] = []
    notes: list[str] = []
    projects = out.get("projects")
    if not isinstance(projects, list):
        return out, (), ()
    for index, project in enumerate(projects):
        if not isinstance(project, dict):
            continue
        where = _entry(project, index)
        table = project.get("table")
        if isinstance(table, dict) and "non_cashable_value_type" not in table:
            table["non_cashable_value_type"] = _FISCAL
            changes.append(
                f"{where}.table.non_cashable_value_type: set to 'fiscal' (0.1.0 read a table's "
                "non-cashable benefit as fiscal; wecb now reads it as unclassified)"
            )
        flows = project.get("flows")
        if isinstance(flows, list):
            for number, flow in enumerate(flows):
                if isinstance(flow, dict) and flow.get("nature") == "benefit":
                    _benefit(flow, f"{where}.flows[{number}]", changes, notes)
    return out, tuple(changes), tuple(notes)


def _benefit(flow: dict[str, Any], where: str, changes: list[str], notes: list[str]) -> None:
    if "value_type" not in flow:
        flow["value_type"] = _FISCAL
        changes.append(
            f"{where}.value_type: set to 'fiscal' (0.1.0 read a benefit with no value type "
            "as fiscal)"
        )
    if "cashable" not in flow:
        if flow["value_type"] == _FISCAL:
            flow["cashable"] = True
            changes.append(
                f"{where}.cashable: set to true (0.1.0 read a benefit with no cashable as "
                "cashable)"
            )
        else:
            notes.append(
                f"{where}: 0.1.0 counted this {flow['value_type']} benefit as cashable; only "
                "fiscal benefits can be cashable, so it is now non-cashable"
            )
