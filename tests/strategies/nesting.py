"""Nested JSON-like values of a drawn depth, and places to put them in a programme file's
plain data (names start with ``nest_``)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st


@st.composite
def nest_values(draw: st.DrawFn, max_levels: int = 14) -> tuple[object, int]:
    """``(value, levels)``: lists and tables ``levels`` deep (0 for a plain text)."""
    levels = draw(st.integers(0, max_levels))
    value: object = draw(st.sampled_from(["x", "£1", 5, True]))
    for _ in range(levels):
        if draw(st.booleans()):
            value = [value, *draw(st.lists(st.just("y"), max_size=2))]
        else:
            value = {draw(st.sampled_from(["a", "source", "2014/15"])): value}
    return value, levels


#: Where a nested value goes in a version 2 file's first project with lines: a line's
#: attribute, a line's amounts, a line itself, the line list itself, another project field.
NEST_PLACES = ("attribute", "amounts", "line", "list", "project")


def nest_into(document: dict[str, Any], place: str, value: object) -> None:
    """Put ``value`` at ``place`` (one of :data:`NEST_PLACES`) in ``document``."""
    project = next(p for p in document["projects"] if p.get("lines"))
    line = project["lines"][-1]
    if place == "attribute":
        line["source"] = value
    elif place == "amounts":
        line["amounts"] = {next(iter(line["amounts"])): value}
    elif place == "line":
        project["lines"].append(value)
    elif place == "list":
        project["lines"] = value
    else:
        project["approach"] = value
