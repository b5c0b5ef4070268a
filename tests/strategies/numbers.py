"""Numbers as users type them, and as an attacker would: text near the digit rules of
``Money.parse`` (the rules of every number wecb reads, :mod:`wecb.core.numbers`), and exact
numbers at and far beyond wecb's bounds."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import strategies as st

#: Digits that are not ASCII: Arabic-Indic, extended Arabic-Indic, fullwidth, Devanagari,
#: Bengali and mathematical bold. Python's ``int()`` and ``Decimal()`` read every one.
NUMBER_FOREIGN_DIGITS = "٠١٢٣٤٥٦٧٨٩۰۱۲۳٤۵０１２３４５６７８９०१२३৪৫𝟎𝟏𝟐"
#: Characters that break the digit rules when they are in the wrong place (or anywhere).
#: Exponents, percentages and ratios are composed by the tests; spaces inside a number are
#: layout that money text alone allows (``- £5``), tested case by case.
NUMBER_NOISE = "_,.-+\u2212" + NUMBER_FOREIGN_DIGITS

_DIGIT = st.sampled_from("0123456789")


def _grouped(whole: int) -> str:
    return f"{whole:,}"


@st.composite
def _numeral(draw: st.DrawFn, signed: bool) -> str:
    """A numeral Money.parse reads: optional sign, digits (grouped by threes or not),
    optional decimals."""
    whole = draw(st.integers(0, 10**12))
    body = _grouped(whole) if draw(st.booleans()) else str(whole)
    if draw(st.booleans()):
        body = "0" * draw(st.integers(0, 2)) + body if "," not in body else body
    if draw(st.booleans()):
        body += "." + "".join(draw(st.lists(_DIGIT, min_size=1, max_size=6)))
    sign = draw(st.sampled_from(["", "", "-", "+", "\u2212"])) if signed else ""
    return sign + body


@st.composite
def _mutated(draw: st.DrawFn, signed: bool) -> str:
    """A numeral with one character inserted, replaced or removed: most break a rule."""
    text = draw(_numeral(signed))
    at = draw(st.integers(0, len(text)))
    noise = draw(st.sampled_from(NUMBER_NOISE))
    how = draw(st.sampled_from(["insert", "replace", "remove"]))
    if how == "insert":
        return text[:at] + noise + text[at:]
    if how == "replace" and at < len(text):
        return text[:at] + noise + text[at + 1 :]
    return text[:at] + text[at + 1 :]


def number_text(*, signed: bool = True) -> st.SearchStrategy[str]:
    """Text close to a number, without an exponent: well-formed numerals, numerals with one
    character changed (``1_000``, ``1,00``, ``1.``, ``٣``, ``１２``) and short noise, each
    sometimes padded with whitespace (both readers strip it)."""
    alphabet = "0123456789" * 3 + NUMBER_NOISE
    core = st.one_of(
        _numeral(signed),
        _mutated(signed),
        st.text(alphabet=alphabet, min_size=0, max_size=10),
    )
    pad = st.sampled_from(["", "", " ", "\t", "\u2003"])
    return st.builds(lambda a, text, b: a + text + b, pad, core, pad)


def number_exponents() -> st.SearchStrategy[str]:
    """Exponent text: small, at the bounds (±1000), far beyond them (±999999999 and more)
    and with leading zeros."""
    value = st.one_of(
        st.integers(-30, 30),
        st.integers(-3010, 1010),
        st.sampled_from([999999999, -999999999, 10**9, -(10**9), 10**30, -(10**30)]),
    )
    zeros = st.sampled_from(["", "", "0", "000000000000"])
    return st.builds(
        lambda n, z, plus: ("-" if n < 0 else ("+" if plus else "")) + z + str(abs(n)),
        value,
        zeros,
        st.booleans(),
    )


def hostile_exact_numbers() -> st.SearchStrategy[object]:
    """Exact numbers of every type a user may pass, near and far beyond wecb's bounds:
    huge and tiny Decimals (zeros too), long ints, Fractions with huge parts."""
    exponent = st.one_of(
        st.integers(-3100, 1100), st.sampled_from([999999999, -999999999, 99999999])
    )
    decimals = st.builds(lambda n, e: Decimal(f"{n}E{e}"), st.integers(-(10**6), 10**6), exponent)
    ints = st.builds(lambda p, s: s * 10**p, st.integers(990, 1010), st.sampled_from([1, -1]))
    fractions = st.builds(
        lambda p, q: Fraction(10**p + 1, 10**q + 3),
        st.integers(0, 4100),
        st.integers(0, 4100),
    )
    return st.one_of(decimals, ints, fractions)
