"""The bad-input catalogue: every row of docs/bad-inputs.rst, run as a test.

The rows live in ``tests/bad_inputs.py``; the page is rendered from them, and
:func:`test_page_is_rendered_from_the_cases` fails when the two differ.
"""

from __future__ import annotations

import pytest

from bad_inputs import CASES, PAGE, TOPICS, Case, evaluate, render
from wecb.errors import WecbError


@pytest.mark.parametrize("case", CASES, ids=[f"{c.topic}:{c.code[:60]}" for c in CASES])
def test_bad_input(case: Case) -> None:
    if case.error is None:
        result = evaluate(case)
        assert case.excerpt in repr(result)
        return
    with pytest.raises(case.error) as caught:
        evaluate(case)
    assert isinstance(caught.value, WecbError)
    assert type(caught.value) is case.error, "the catalogue names the exact class"
    assert case.excerpt in str(caught.value)


def test_every_topic_has_cases() -> None:
    assert {c.topic for c in CASES} == set(TOPICS)


def test_page_is_rendered_from_the_cases() -> None:
    assert PAGE.read_text(encoding="utf-8") == render(), (
        "docs/bad-inputs.rst is out of date: run .venv/bin/python tests/bad_inputs.py"
    )
