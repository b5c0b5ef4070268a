"""The documentation's examples are collected by ``sphinx-build -b doctest``.

conf.py collects ``.. doctest::`` blocks only (autodoc's docstring examples are run by
pytest with their modules' globals), so a bare ``>>>`` paragraph in a page would never run.
"""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"
PAGES = sorted(p for p in DOCS.rglob("*.rst") if "_build" not in p.parts)
DIRECTIVE = re.compile(r"^(\s*)\.\. (doctest|testcode|testsetup|testoutput)::")


def uncollected_examples(text: str) -> list[int]:
    """Line numbers of ``>>>`` lines outside a doctest directive."""
    bad: list[int] = []
    inside: int | None = None  # indentation of the open directive
    for number, line in enumerate(text.splitlines(), start=1):
        match = DIRECTIVE.match(line)
        if match:
            inside = len(match.group(1))
            continue
        if inside is not None and line.strip():
            indent = len(line) - len(line.lstrip())
            if indent <= inside:
                inside = None
        if line.lstrip().startswith(">>>") and inside is None:
            bad.append(number)
    return bad


def test_pages_exist() -> None:
    names = {p.relative_to(DOCS).as_posix() for p in PAGES}
    for page in (
        "install.rst",
        "tutorial.rst",
        "cli.rst",
        "concepts/money.rst",
        "concepts/tables.rst",
        "concepts/integration.rst",
        "concepts/who-pays.rst",
        "howto/export.rst",
        "howto/plot.rst",
        "api/index.rst",
    ):
        assert page in names


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_every_example_is_in_a_doctest_block(page: Path) -> None:
    assert uncollected_examples(page.read_text("utf-8")) == []


def test_the_checker_finds_a_bare_example() -> None:
    text = "Intro\n\n>>> 1 + 1\n2\n\n.. doctest::\n\n   >>> 2\n   2\n\nAfter\n\n>>> 3\n"
    assert uncollected_examples(text) == [3, 13]


def test_every_public_module_is_in_the_api_reference() -> None:
    src = Path(__file__).resolve().parents[1] / "src" / "wecb"
    modules = {
        ".".join(("wecb", *p.relative_to(src).with_suffix("").parts)).removesuffix(".__init__")
        for p in src.rglob("*.py")
        if not any(part.startswith("_") and part != "__init__.py" for part in p.parts[-2:])
        and p.name != "__main__.py"
    }
    api = "\n".join(p.read_text("utf-8") for p in (DOCS / "api").glob("*.rst"))
    documented = set(re.findall(r"^\.\. automodule:: (\S+)", api, flags=re.MULTILINE))
    assert modules - documented == set()


def test_readme_repl_example_runs() -> None:
    readme = (DOCS.parent / "README.md").read_text("utf-8")
    blocks = re.findall(r"```pycon\n(.*?)```", readme, flags=re.DOTALL)
    assert blocks, "the README shows a REPL session"
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for index, block in enumerate(blocks):
        test = parser.get_doctest(block, {}, f"README[{index}]", "README.md", 0)
        assert test.examples
        runner.run(test)
    assert runner.failures == 0


def test_readme_quick_start_is_two_commands() -> None:
    readme = (DOCS.parent / "README.md").read_text("utf-8")
    quick = readme.split("## Quick start", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in quick.splitlines() if line.strip()]
    assert commands == ["make summary", "make test"]
