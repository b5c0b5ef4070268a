"""``--width N``: every line every command prints in the table format fits in N columns,
except a single word longer than N (a URL, a key), which is kept whole."""

from __future__ import annotations

import pytest

from cli_outputs import NAMES, command_cases
from wecb.cli import main
from wecb.core.money import Money
from wecb.core.table import Table

WIDTHS = (40, 60, 80, 120)


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, ...]]:
    return command_cases(tmp_path_factory.mktemp("cases"))


def too_wide(text: str, width: int) -> list[str]:
    """The lines of ``text`` wider than ``width`` that are more than one word."""
    return [line for line in text.splitlines() if len(line) > width and len(line.split()) > 1]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    "name",
    NAMES,
)
def test_every_line_fits_the_width(
    name: str,
    width: int,
    cases: dict[str, tuple[str, ...]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main([*cases[name], "--width", str(width)]) == 0
    out = capsys.readouterr().out
    assert out.strip()
    assert too_wide(out, width) == []


def test_width_zero_sets_no_limit(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reconcile", "--width", "0"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert max(map(len, lines)) > 120  # the notes whole, the table in columns
    assert any("Funding (unstated): requirement £1.949m" in line for line in lines)


def test_a_table_too_wide_to_cut_is_shown_a_row_a_block() -> None:
    table = Table.from_records(
        [{"project": "FBC2", "costs": Money("1097000.00"), "benefits": Money("151406000.00")}],
        title="A title long enough to wrap",
        notes=["assumptions:", "  - a long assumption that wraps under its dash"],
        scale="units",
        places=2,
    )
    assert table.to_text(width=20).splitlines() == [
        "A title long enough",
        "to wrap",
        "--------------------",
        "project   FBC2",
        "costs",
        "  £1,097,000.00",
        "benefits",
        "  £151,406,000.00",
        "assumptions:",
        "  - a long",
        "    assumption that",
        "    wraps under its",
        "    dash",
    ]
    assert table.to_text(width=None) == str(table)


def test_a_table_that_fits_by_cutting_text_is_cut() -> None:
    table = Table.from_records([{"name": "Integrated Commissioning", "n": 1}])
    assert table.to_text(width=16).splitlines()[-1] == "Integrated C…  1"
