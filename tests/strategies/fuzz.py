"""Fuzzing: arbitrary text and data for the parsers and loaders."""

from __future__ import annotations

# ---------------------------------------------------------------------------------------------
# Fuzz (arbitrary text and data for the parsers and loaders; tests/test_fuzz.py)
# ---------------------------------------------------------------------------------------------
# Names start with ``fuzz_``; imports are aliased so other sections' names never clash.
from decimal import Decimal
from fractions import Fraction
from typing import Any

from hypothesis import strategies as st

from wecb.core.money import Money
from wecb.core.periods import FinancialYear

#: Pieces of text that parsers treat specially, and look-alikes that they must not.
FUZZ_NUMBER_TOKENS = (
    "0", "1", "9", "12", "500", "000", ",", ",000", ".", ".5", "e", "E", "e6", "E+3",
    "+", "-", "\u2212", "(", ")", " ", "\u00a0", "\t", "\n", "\u2009",
    "\u0661", "\u0663", "\uff11", "\u0967", "\u00b2", "\u2155",  # digits that are not ASCII
    "1" * 70, "0" * 80, "9" * 4400, "NaN", "nan", "Infinity", "inf", "sNaN",
)  # fmt: skip
FUZZ_MONEY_TOKENS = (
    *FUZZ_NUMBER_TOKENS,
    "£", "€", "$", "GBP", "EUR", "USD", "gbp", "k", "K", "\u212a", "m", "M", "mm", "bn",
    "BN", "thousand", "million", "billion", "Million", "m\u0131ll\u0131on", "M\u0130LL\u0130ON",
    "\u017f", "c.", "circa ", "~", "about ",
)  # fmt: skip
FUZZ_UNIT_TOKENS = (
    "GBP", "year", "years", "yr", "annum", "month", "week", "wk", "day", "person",
    "capita", "head", "people", "family", "families", "household", "offender", "victim",
    "young_person", "young people", "apprenticeship", "team", "teams", "Year", "y\u0435ar",
    "\uff59ear", "_", "__", "m", "s", "meter", " ", "*", "/", "**", "^", "(", ")", "-",
    "0", "1", "2", "-1", "1.5", "99999999999", "e", "1e5", "£", "%", "\u00b7", "\u00b2",
)  # fmt: skip
#: Pieces of quantity expressions (a number, then units) as pint reads them, and what pint
#: misreads: digit groups separated by spaces, symbols, huge powers, its own preprocessor's
#: words, dimensions, brackets, and characters its tokenizer chokes on.
FUZZ_EXPRESSION_TOKENS = (
    *FUZZ_UNIT_TOKENS,
    "5 ", "1 500", "250 000", "1\u00a0500", " 000", " 1 / ", "1,500", "1_500", ".5", "5.",
    "\u2212", "e99999999", "1E+999999999", "** 12", "** 13", "** 99999999999", "^-1",
    "** (-2)", " ** 9 ** 9 ** 9", " squared", " per ", "[currency]", "[time]", "[", "]", "$",
    "€", "nan", "inf", "=", ",", ".", "'", '"', "#", "\\", "\n", "\t", "!", "__class__",
    "\udc80", "\x1b", "GBP / family / year",
)  # fmt: skip
#: Format specifications of quantities and units: pint's and Python's, and hostile widths.
FUZZ_FORMAT_TOKENS = (
    "", "D", "~", "P", "C", "H", "L", "Lx", "~P", "~D", "#", ".2f", ".3", "e", "g", "10",
    "<", ">", "^", "=", "+", "-", ",", "_", "99999999999", "999", "{", "}", "%", "!r", "\x00",
    "\udc80", "£", "\u2212",
)  # fmt: skip
FUZZ_RATE_TOKENS = (
    *FUZZ_MONEY_TOKENS,
    *FUZZ_UNIT_TOKENS,
    "/", " per ", " a ", " an ", " each ", " every ", "p.a.", " pa", " per annum",
    " annually", " yearly",
)  # fmt: skip
FUZZ_PERIOD_TOKENS = (
    "2012", "2013", "1899", "1900", "2199", "2200", "9999", "0000", "12", "13", "00", "99",
    "/", "-", "\u2013", "\u2014", " ", "FY", "fy", "F Y", "\u0662\u0660\u0661\u0662",
    "\uff12\uff10\uff11\uff12", "further_implementation", "to_mar_2013", "open:", "x",
)  # fmt: skip


def _fz_joined(tokens: tuple[str, ...], max_size: int) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(tokens), max_size=max_size).map("".join)


def fuzz_text(max_size: int = 40) -> st.SearchStrategy[str]:
    """Any text at all: every code point class, including surrogates and controls."""
    return st.text(max_size=max_size)


def fuzz_money_text() -> st.SearchStrategy[str]:
    """Text near money: symbols, digits of every script, separators, scales, exponents."""
    return st.one_of(fuzz_text(), _fz_joined(FUZZ_MONEY_TOKENS, 8))


def fuzz_rate_text() -> st.SearchStrategy[str]:
    """Text near a rate (an amount, then 'per' or '/' and units), and anything else."""
    return st.one_of(
        fuzz_text(),
        _fz_joined(FUZZ_RATE_TOKENS, 8),
        st.builds(
            "{}{}{}".format,
            _fz_joined(FUZZ_MONEY_TOKENS, 4),
            st.sampled_from(["/", " per ", " a ", "p.a.", " per annum"]),
            _fz_joined(FUZZ_UNIT_TOKENS, 3),
        ),
    )


def fuzz_unit_text() -> st.SearchStrategy[str]:
    """Unit expressions, well formed or not: names, look-alikes, operators and numbers."""
    return st.one_of(fuzz_text(20), _fz_joined(FUZZ_UNIT_TOKENS, 7))


def fuzz_quantity_text() -> st.SearchStrategy[str]:
    """Quantity expressions (a number, then units), well formed or not, for every text entry
    of pint: juxtaposed digit groups, symbols, huge powers, brackets, any text."""
    return st.one_of(
        fuzz_text(30),
        _fz_joined(FUZZ_EXPRESSION_TOKENS, 8),
        st.builds(
            "{}{}{}".format,
            _fz_joined(FUZZ_NUMBER_TOKENS, 3),
            st.sampled_from([" ", "", "  ", "*", "/", " / "]),
            _fz_joined(FUZZ_EXPRESSION_TOKENS, 4),
        ),
    )


def fuzz_format_specs() -> st.SearchStrategy[str]:
    """Format specifications for ``format(quantity, spec)``, valid or not."""
    return st.one_of(fuzz_text(12), _fz_joined(FUZZ_FORMAT_TOKENS, 5))


def fuzz_period_text() -> st.SearchStrategy[str]:
    """Financial-year-like text: years of any width and script, separators, prefixes."""
    return st.one_of(fuzz_text(20), _fz_joined(FUZZ_PERIOD_TOKENS, 6))


def fuzz_decimals() -> st.SearchStrategy[Decimal]:
    """Any Decimal: NaN, signalling NaN, infinities, huge and tiny exponents, 70 digits."""
    return st.one_of(
        st.decimals(),
        st.sampled_from(
            [
                Decimal("NaN"),
                Decimal("-sNaN"),
                Decimal("Infinity"),
                Decimal("1E+5000"),
                Decimal("1E-5000"),
                Decimal("1" * 70),
                Decimal("0." + "1" * 70),
                Decimal("-0"),
                Decimal("0E-10"),
            ]
        ),
    )


def fuzz_huge_numbers() -> st.SearchStrategy[Any]:
    """Numbers past Python's 4300-digit limit on int/str conversion, as int, Decimal and text.

    Kept out of :func:`fuzz_values`: any ``repr`` of such an int raises ``ValueError`` in
    Python itself, so only the places that take amounts are fuzzed with them.
    """
    return st.sampled_from(
        [10**5000, -(10**5000), Decimal("1E+5000"), Decimal("9" * 5000), "9" * 5000]
    )


def fuzz_values() -> st.SearchStrategy[Any]:
    """Python values of every kind a caller might pass where a number or text belongs."""
    scalars: st.SearchStrategy[Any] = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.sampled_from([10**80, -(10**80), 2**63, -(2**63) - 1]),
        st.floats(),
        fuzz_decimals(),
        st.fractions(),
        st.just(Fraction(1, 3)),
        fuzz_money_text(),
        st.binary(max_size=5),
        st.sampled_from([Money("1.50"), FinancialYear(2012), object(), complex(1, 1)]),
    )
    return st.one_of(scalars, st.lists(scalars, max_size=2))


def fuzz_json_values(max_leaves: int = 12) -> st.SearchStrategy[Any]:
    """JSON-like data: objects, arrays, strings, ints (some huge), floats, bools, null."""
    leaves = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.sampled_from([10**80, -1, 0, 2**64]),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=10),
        fuzz_money_text(),
    )
    return st.recursive(
        leaves,
        lambda children: st.one_of(
            st.lists(children, max_size=3),
            st.dictionaries(st.text(max_size=8), children, max_size=3),
        ),
        max_leaves=max_leaves,
    )
