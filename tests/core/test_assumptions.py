"""wecb.core.assumptions: what a result depends on, carried by its rows and shown under its
tables (text and HTML), with a warning that stands out when a source is not verified."""

from __future__ import annotations

import copy
import pickle

import pytest
from hypothesis import given

from strategies import present_assumptions
from wecb.core.assumptions import (
    NOT_VERIFIED,
    Assumption,
    ResultRows,
    assumption_notes,
    assumptions_of,
)
from wecb.core.table import Table, Tabular
from wecb.errors import ValidationError, WecbTypeError

DEADWEIGHT = Assumption(name="deadweight", value="20%", source="stated by the caller")
OPTIMISM = Assumption(
    name="optimism bias", value="grade 3", source="CBA guidance (2014)", verified=False
)


class _Result(Tabular):
    """A result as the contract asks: assumptions(), notes from them, rows that carry them."""

    def assumptions(self) -> tuple[Assumption, ...]:
        return (DEADWEIGHT, OPTIMISM)

    def table(self) -> Table:
        return Table.from_records(
            self.rows(), title="A <result>", notes=assumption_notes(self.assumptions())
        )

    def rows(self) -> ResultRows:
        return ResultRows([{"measure": "npv", "value": "1 < 2"}], assumptions=self.assumptions())


# -- Assumption and ResultRows -----------------------------------------------------------------


def test_an_assumption_reads_as_a_sentence_with_its_warning() -> None:
    assert str(DEADWEIGHT) == "deadweight: 20% (stated by the caller)"
    assert str(OPTIMISM) == f"optimism bias: grade 3 (CBA guidance (2014)) [{NOT_VERIFIED}]"
    assert str(Assumption(name="base year", value="2012/13")) == "base year: 2012/13"


@pytest.mark.parametrize(
    ("fields", "error", "says"),
    [
        ({"name": " ", "value": "x"}, ValidationError, "Assumption.name"),
        ({"name": "x", "value": ""}, ValidationError, "Assumption.value"),
        ({"name": "x", "value": "y", "source": " "}, ValidationError, "Assumption.source"),
        ({"name": "x", "value": "y", "verified": "no"}, WecbTypeError, "Assumption.verified"),
        ({"name": "x", "value": 3}, WecbTypeError, "Assumption.value"),
    ],
)
def test_an_assumption_is_checked(fields: dict[str, object], error: type, says: str) -> None:
    with pytest.raises(error, match=says):
        Assumption(**fields)  # type: ignore[arg-type]


def test_result_rows_are_a_list_that_carries_assumptions() -> None:
    rows = ResultRows([{"a": 1}], assumptions=[DEADWEIGHT])
    assert rows == [{"a": 1}]
    assert isinstance(rows, list)
    assert rows.assumptions == (DEADWEIGHT,)
    assert ResultRows().assumptions == ()
    assert list(rows).__class__ is list  # list(rows) is the rows alone


def test_result_rows_survive_copy_and_pickle() -> None:
    rows = ResultRows([{"a": 1}], assumptions=[DEADWEIGHT, OPTIMISM])
    for again in (copy.copy(rows), copy.deepcopy(rows), pickle.loads(pickle.dumps(rows))):
        assert isinstance(again, ResultRows)
        assert again == rows and again.assumptions == rows.assumptions


@pytest.mark.parametrize(
    ("rows", "assumptions", "says"),
    [
        ([{"a": 1}], ["deadweight 20%"], r"ResultRows.assumptions\[0\]: 'deadweight 20%'"),
        ([{"a": 1}], DEADWEIGHT, "ResultRows.assumptions: Assumption"),
        ([{"a": 1}], "x", "ResultRows.assumptions: 'x'"),
        ([{"a": 1}, 2], (), "ResultRows row 1: 2 is not accepted; expected a mapping"),
        ({"a": 1}, (), "ResultRows rows"),
        (5, (), "ResultRows rows: 5"),
    ],
)
def test_result_rows_refuse_what_is_not_rows_or_assumptions(
    rows: object, assumptions: object, says: str
) -> None:
    with pytest.raises(WecbTypeError, match=says):
        ResultRows(rows, assumptions=assumptions)  # type: ignore[arg-type]


# -- assumptions_of ----------------------------------------------------------------------------


def test_assumptions_of_result_rows() -> None:
    # ResultRows has an ``assumptions`` attribute, which passes for the protocol's method:
    # calling it raised "'tuple' object is not callable".
    rows = ResultRows([{"a": 1}], assumptions=[DEADWEIGHT])
    assert assumptions_of(rows) == (DEADWEIGHT,)


def test_assumptions_of_a_result_and_of_plain_rows() -> None:
    assert assumptions_of(_Result()) == (DEADWEIGHT, OPTIMISM)
    assert assumptions_of([{"a": 1}]) == ()
    assert assumptions_of(object()) == ()


def test_assumptions_of_a_result_that_returns_a_list() -> None:
    class Listing:
        def assumptions(self) -> list[Assumption]:
            return [DEADWEIGHT]

    assert assumptions_of(Listing()) == (DEADWEIGHT,)


def test_assumptions_of_a_result_that_returns_something_else_is_refused() -> None:
    class Wrong:
        def assumptions(self) -> object:
            return ["deadweight 20%"]

    with pytest.raises(WecbTypeError, match=r"Wrong\.assumptions\(\)\[0\]: 'deadweight 20%'"):
        assumptions_of(Wrong())

    class Text:
        def assumptions(self) -> object:
            return "deadweight 20%"

    with pytest.raises(WecbTypeError, match=r"Text\.assumptions\(\): 'deadweight 20%'"):
        assumptions_of(Text())


@given(present_assumptions())
def test_assumptions_of_gives_back_what_the_rows_carry(found: tuple[Assumption, ...]) -> None:
    assert assumptions_of(ResultRows([], assumptions=found)) == found


# -- notes under a table -------------------------------------------------------------------


def test_assumption_notes() -> None:
    assert assumption_notes(()) == ()
    assert assumption_notes([DEADWEIGHT, OPTIMISM]) == (
        "assumptions:",
        "  - deadweight: 20% (stated by the caller)",
        f"  - optimism bias: grade 3 (CBA guidance (2014)) [{NOT_VERIFIED}]",
    )


def test_notes_render_in_text_under_the_table() -> None:
    lines = str(_Result()).splitlines()
    assert lines[0] == "A <result>"
    assert lines[-3:] == [
        "assumptions:",
        "  - deadweight: 20% (stated by the caller)",
        f"  - optimism bias: grade 3 (CBA guidance (2014)) [{NOT_VERIFIED}]",
    ]


def test_notes_render_in_html_as_a_list_escaped() -> None:
    html = _Result()._repr_html_()
    notes = html.partition("</table>")[2]
    assert "<caption>A &lt;result&gt;</caption>" in html
    assert notes.startswith("<p>assumptions:</p><ul><li>deadweight: 20% (stated by the caller)")
    assert notes.count("<li>") == 2 and notes.endswith("</li></ul>")
    assert "<result>" not in html


def test_a_not_verified_warning_stands_out_in_html() -> None:
    notes = _Result()._repr_html_().partition("</table>")[2]
    warning = f'<strong class="wecb-warning" style="color: #c00000">[{NOT_VERIFIED}]</strong>'
    assert warning in notes
    verified = notes.split("<li>")[1]
    assert "<strong" not in verified


def test_notes_are_escaped_and_other_notes_stay_paragraphs() -> None:
    table = Table.from_records(
        [{"a": 1}],
        notes=(
            "a <b>bold</b> & claim",
            "  - <item>",
            "between",
            f"  - source [{NOT_VERIFIED}] & more",
        ),
    )
    notes = table.to_html().partition("</table>")[2]
    assert notes == (
        "<p>a &lt;b&gt;bold&lt;/b&gt; &amp; claim</p>"
        "<ul><li>&lt;item&gt;</li></ul>"
        "<p>between</p>"
        '<ul><li>source <strong class="wecb-warning" style="color: #c00000">'
        f"[{NOT_VERIFIED}]</strong> &amp; more</li></ul>"
    )
    assert table.to_text().splitlines()[-4:] == list(table.notes)
