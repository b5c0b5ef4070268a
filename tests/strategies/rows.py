"""Rows for tables and exports."""

from __future__ import annotations

# ---------------------------------------------------------------------------------------------
# Present (wecb.present: rows for tables and exports)
# ---------------------------------------------------------------------------------------------
# Names start with ``present_``; imports are aliased so other sections' names never clash.
from hypothesis import strategies as st

from strategies.money import currencies, money
from wecb.core.assumptions import Assumption


def present_text() -> st.SearchStrategy[str]:
    """Non-empty text cells (any printable or control character a CSV must quote)."""
    return st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20)


@st.composite
def present_rows(
    draw: st.DrawFn, max_rows: int = 8, currency: str | None = None
) -> list[dict[str, object]]:
    """Rows with a text column, two money columns (one currency each) and empty cells."""
    cur_a = currency or draw(currencies())
    cur_b = currency or draw(currencies())
    row = st.fixed_dictionaries(
        {
            "label": st.none() | present_text(),
            "amount": st.none() | money(cur_a, max_digits=15, max_places=4),
            "other": st.none() | money(cur_b, max_digits=12, max_places=2),
        }
    )
    return draw(st.lists(row, max_size=max_rows))


def present_assumption_text(*, spreadsheet: bool = False) -> st.SearchStrategy[str]:
    """Non-blank text for an assumption; ``spreadsheet`` leaves out the control characters
    an ``.xlsx`` cell cannot hold."""
    categories = ("Cs", "Cc") if spreadsheet else ("Cs",)
    text = st.text(st.characters(blacklist_categories=categories), min_size=1, max_size=20)
    return text.filter(str.strip)


@st.composite
def present_assumptions(
    draw: st.DrawFn, max_size: int = 4, *, spreadsheet: bool = False
) -> tuple[Assumption, ...]:
    """The assumptions a result's rows carry: any name, value and source (or none), verified
    or not; ``spreadsheet`` as for :func:`present_assumption_text`."""
    text = present_assumption_text(spreadsheet=spreadsheet)
    one = st.builds(
        Assumption, name=text, value=text, source=st.none() | text, verified=st.booleans()
    )
    return tuple(draw(st.lists(one, max_size=max_size)))
