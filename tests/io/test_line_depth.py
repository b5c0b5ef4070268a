"""A version 2 file's line lists are checked for depth by the line reader as it reads them,
not by a walk of the whole file first: the limit and its message are the same either way."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

import wecb.io as io
from samples import triage_programme
from strategies.nesting import NEST_PLACES, nest_into, nest_values
from wecb.errors import LoadError
from wecb.io._parsing import deeper, deeper_but_lines
from wecb.io.files import DEFAULT_MAX_DEPTH

_DOCUMENT: dict[str, Any] = json.loads(io.dumps(triage_programme(), "json"))


def _refusal(text: str, fmt: str, max_depth: int) -> str | None:
    """The depth refusal of loading ``text``, or ``None`` when it is refused otherwise or
    read."""
    try:
        io.loads(text, fmt, max_depth=max_depth)  # type: ignore[arg-type]
    except LoadError as exc:
        found = str(exc)
        return found if "nested deeper" in found else None
    return None


@settings(max_examples=150, deadline=None)
@given(nest_values(), st.sampled_from(NEST_PLACES), st.integers(4, 16))
def test_lines_are_refused_for_depth_exactly_when_the_whole_walk_would(
    nested: tuple[object, int], place: str, max_depth: int
) -> None:
    value, _ = nested
    document = copy.deepcopy(_DOCUMENT)
    nest_into(document, place, value)
    expected = deeper(document, max_depth)
    message = _refusal(json.dumps(document), "json", max_depth)
    assert (message is not None) == expected
    if message is not None:
        assert f"deeper than the limit of {max_depth} levels" in message


def test_the_walk_leaves_line_lists_and_only_them() -> None:
    document = copy.deepcopy(_DOCUMENT)
    deep: object = "x"
    for _ in range(DEFAULT_MAX_DEPTH):
        deep = [deep]
    nest_into(document, "attribute", deep)
    assert deeper(document, DEFAULT_MAX_DEPTH)
    assert not deeper_but_lines(document, DEFAULT_MAX_DEPTH)
    nest_into(document, "project", deep)
    assert deeper_but_lines(document, DEFAULT_MAX_DEPTH)
    # A version 1 file's flows are walked as before.
    document = copy.deepcopy(_DOCUMENT)
    nest_into(document, "attribute", deep)
    document["format_version"] = 1
    assert deeper_but_lines(document, DEFAULT_MAX_DEPTH)


@pytest.mark.parametrize(
    ("fmt", "levels"), [("json", DEFAULT_MAX_DEPTH), ("json", 900), ("toml", DEFAULT_MAX_DEPTH)]
)
def test_a_line_too_deep_is_named_and_refused_not_crashed(fmt: str, levels: int) -> None:
    document = copy.deepcopy(_DOCUMENT)
    deep: object = {"a": "x"}
    for _ in range(levels):
        deep = {"a": deep}
    nest_into(document, "attribute", deep)
    text = json.dumps(document) if fmt == "json" else tomli_w.dumps(document)
    with pytest.raises(LoadError) as caught:
        io.loads(text, fmt)  # type: ignore[arg-type]
    message = str(caught.value)
    assert f"deeper than the limit of {DEFAULT_MAX_DEPTH} levels" in message
    assert "entry 'projects[0] (triage)', field 'lines[1]'" in message


@pytest.mark.parametrize("max_depth", [4, 5, 6])
def test_plain_lines_read_the_quick_way_keep_the_limit(max_depth: int) -> None:
    """Lines of one plain amount each (read without looking into each line) are two levels
    below their list: the limit holds for them too."""
    document = copy.deepcopy(_DOCUMENT)
    for project in document["projects"]:
        for line in project["lines"]:
            line["amounts"] = dict(list(line["amounts"].items())[:1])
    assert not deeper_but_lines(document, max_depth)
    message = _refusal(json.dumps(document), "json", max_depth)
    if deeper(document, max_depth):
        assert message is not None
        assert f"deeper than the limit of {max_depth} levels" in message
    else:
        assert message is None
        assert io.loads(json.dumps(document), "json", max_depth=max_depth).projects
