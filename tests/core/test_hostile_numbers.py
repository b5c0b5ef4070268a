"""Hostile numbers (issue 11): every number a user supplies goes through one reader,
:mod:`wecb.core.numbers`, with the bounds of Money and the digit rules of ``Money.parse``;
unbounded numbers are refused quickly, never hang or exhaust memory; Money's operators and
constructors refuse what they cannot take with wecb's own error classes.

Each test here failed on wecb 0.1.0 (``1_000`` read as 1000, fullwidth digits read by the
command line and programme files, ``Money.round(Decimal("1E99999999"))`` hanging,
``Money(np.float64(5))`` raising ``decimal.InvalidOperation``, ``Money + 1`` a bare
``TypeError``, a currency of ``826`` a ``MoneyError``).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import textwrap
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import hostile_exact_numbers, number_exponents, number_text
from wecb import FinancialYear, Money, units
from wecb.appraisal import constant
from wecb.appraisal.phasing import Phasing
from wecb.appraisal.sensitivity.ranges import Discrete
from wecb.cli import _options
from wecb.core import numbers
from wecb.core.numbers import decimal, fraction, parse_number, whole
from wecb.errors import (
    FloatNotAllowedError,
    MoneyError,
    ValidationError,
    WecbError,
    WecbTypeError,
)
from wecb.io._convert import converter

FY = FinancialYear(2013)

# -- one reader, one set of digit rules ---------------------------------------------------

#: Every entry that reads a number a user typed: (name, read); each raises a WecbError
#: (the command line an argparse error) for a number it refuses.
ENTRIES: list[tuple[str, Callable[[str], object]]] = [
    ("numbers.parse_number", lambda t: parse_number(t, what="x")),
    ("numbers.decimal", lambda t: decimal(t, what="x")),
    ("numbers.fraction", lambda t: fraction(t, what="x")),
    ("numbers.decimal(plain)", lambda t: decimal(t, what="x", plain=True)),
    ("numbers.whole", lambda t: whole(t, what="x")),
    ("--rate", _options.rate_option),
    ("--deadweight", _options.share_option),
    ("--width", _options.positive_int_option),
    ("--optimism-bias-grade", _options.grade_option),
    ("appraisal.constant", constant),
    ("Money.allocate weight", lambda t: Money("100").allocate([t, 1])),
    ("Phasing weight", lambda t: Phasing({"later": {FY: t, FY + 1: 1}})),
    ("Discrete weight", lambda t: Discrete({"1": t, "0": 1})),
    ("programme file number", lambda t: converter().structure(t, Decimal)),
]
REFUSED = (WecbError, argparse.ArgumentTypeError)

HOSTILE_TEXT = [
    "1_000",  # Python's grouping: Money.parse does not read it
    "1__0",
    "١٢",  # Arabic-Indic
    "۱۲",  # extended Arabic-Indic
    "１２",  # fullwidth
    "१२",  # Devanagari
    "𝟏𝟐",  # mathematical bold
    "1 000",
    "1,00",  # bad grouping
    "1.",
    ".5",
    "1E999999999",  # far beyond the bounds: refused, not a hang
    "1E-999999999",  # refused, not collapsed to 0
    "0E999999999",  # a zero whose plain text would never end
    "1E" + "9" * 30,
    "1E1000",
    "1E-1001",
    "1" * 2001,  # more significant digits than money holds
    "NaN",
    "nan",
    "sNaN",
    "Infinity",
    "-inf",
    "0x10",
    "",
    "   ",
]


@pytest.mark.parametrize("text", HOSTILE_TEXT)
@pytest.mark.parametrize(("entry", "read"), ENTRIES, ids=[name for name, _ in ENTRIES])
def test_every_number_entry_refuses_hostile_text(
    entry: str, read: Callable[[str], object], text: str
) -> None:
    with pytest.raises(REFUSED):
        read(text)


def test_refusals_name_the_bounds_and_quote_a_bounded_excerpt() -> None:
    with pytest.raises(ValidationError, match="smaller than 10\\*\\*-1000") as info:
        decimal("1E-999999999", what="rate")
    assert "within wecb's bounds" in str(info.value)
    with pytest.raises(ValidationError, match="not below 10\\*\\*1000"):
        fraction("1E999999999", what="share")
    with pytest.raises(ValidationError) as info:
        decimal("9" * 10**6, what="weight")
    assert len(str(info.value)) < 500


def _money_parse(text: str) -> Decimal | None:
    try:
        return Money.parse(text).amount
    except WecbError:
        return None


def _accepts(value: Fraction, entry: str) -> bool:
    """Whether ``entry`` takes a number Money.parse read as ``value`` (its own range)."""
    whole_number = value.denominator == 1
    ranges = {
        "numbers.whole": whole_number,
        "--rate": value > -1,
        "--deadweight": 0 <= value <= 1,
        "--width": whole_number and value >= 1,
        "--optimism-bias-grade": whole_number,
        "appraisal.constant": value > -1,
        "Money.allocate weight": value >= 0,
        "Phasing weight": value >= 0,
        "Discrete weight": value >= 0,
    }
    return ranges.get(entry, True)


def _read(read: Callable[[str], object], text: str) -> tuple[bool, object]:
    try:
        return True, read(text)
    except REFUSED:
        return False, None


@settings(max_examples=400)
@given(number_text())
def test_every_number_entry_takes_exactly_what_money_parse_takes(text: str) -> None:
    """The digit rules are one: each entry accepts a numeral if and only if
    ``Money.parse`` does (and the value is in the entry's own range), and reads the same
    number."""
    parsed = _money_parse(text)
    for entry, read in ENTRIES:
        accepted, value = _read(read, text)
        expected = parsed is not None and _accepts(Fraction(parsed), entry)
        assert accepted == expected, (entry, text, parsed, value)
        if accepted and isinstance(value, Decimal | Fraction | int):
            assert value == parsed, (entry, text, value, parsed)


@given(number_text(), number_exponents(), st.sampled_from("eE"))
def test_an_exponent_is_read_exactly_or_refused_for_its_bounds(
    numeral: str, exponent: str, mark: str
) -> None:
    text = f"{numeral.strip()}{mark}{exponent}"
    parsed = _money_parse(numeral.strip())
    accepted, value = _read(lambda t: parse_number(t, what="x"), text)
    if parsed is None:
        assert not accepted, (text, value)
        return
    power = int(exponent)
    own = parsed.as_tuple().exponent
    assert isinstance(own, int)
    if parsed.is_zero():
        in_bounds = -3000 < own + power < 1000
    else:
        in_bounds = -1000 <= parsed.adjusted() + power < 1000
    assert accepted == in_bounds, (text, value)
    if accepted:
        assert value == Fraction(parsed) * Fraction(10) ** power


@given(number_text())
def test_a_percentage_is_the_numeral_over_a_hundred(numeral: str) -> None:
    parsed = _money_parse(numeral)
    accepted, value = _read(lambda t: decimal(t, what="x"), numeral.strip() + "%")
    assert accepted == (parsed is not None), (numeral, value)
    if accepted:
        assert value == Fraction(parsed) / 100


@given(number_text(), number_text(signed=False))
def test_a_ratio_is_of_two_whole_numerals(top: str, bottom: str) -> None:
    a, b = _money_parse(top.strip()), _money_parse(bottom.strip())
    accepted, value = _read(lambda t: fraction(t, what="x"), f"{top.strip()}/{bottom.strip()}")
    whole_parts = "." not in top + bottom and bottom.strip()[:1] not in ("-", "+", "\u2212")
    expected = a is not None and b is not None and whole_parts and b != 0
    assert accepted == expected, (top, bottom, value)
    if accepted:
        assert value == Fraction(a) / Fraction(b)


@given(hostile_exact_numbers())
@settings(max_examples=200, deadline=None)
def test_exact_numbers_beyond_the_bounds_are_refused_not_converted(value: object) -> None:
    """An int, Decimal or Fraction beyond the bounds is refused by every reader, fast."""
    for read in (
        lambda: fraction(value, what="x"),
        lambda: decimal(value, what="x"),
        lambda: Money("1").allocate([value, 1]),
        lambda: Phasing({"later": {FY: value, FY + 1: 1}}),
    ):
        try:
            read()
        except WecbError as exc:
            assert len(str(exc)) < 1000
        # accepted: then within the bounds
        else:
            exact = Fraction(value)  # type: ignore[arg-type]
            assert exact == 0 or Fraction(1, 10**1000) <= abs(exact) < 10**1000


# -- unbounded numbers never hang -----------------------------------------------------------

#: Each runs in a child process with a time and a memory limit; each must raise a WecbError.
UNBOUNDED = {
    "round to a huge unit": 'Money("1").round(Decimal("1E99999999"))',
    "round to a tiny unit": 'Money("1").round(Decimal("1E-99999999"))',
    "round to a huge int unit": 'Money("1").round(10**5000)',
    "allocate in tiny units": 'Money("1").allocate([1, 1], Decimal("1E-999999999"))',
    "allocation weight 1E+999999999": 'Money("1").allocate([Decimal("1E999999999"), 1])',
    "allocation weight 1E-999999999": 'Money("1").allocate([Decimal("1E-999999999"), 1])',
    "allocation weight of a million digits": 'Money("1").allocate([10**10**6, 1])',
    "allocation weight Fraction": 'Money("1").allocate([Fraction(1, 10**10**5), 1])',
    "a zero amount of exponent 999999999": 'str(Money(Decimal("0E+999999999")))',
    "a zero amount of exponent -999999999": 'str(Money(Decimal("0E-999999999")))',
    "an int amount of a million digits": "Money(10**10**6)",
    "minor units of a million digits": "Money.from_minor_units(10**10**6)",
    "format places 10**9": 'Money("1").format(places=10**9)',
    "multiplier 1E-999999999": 'Money("1") / Decimal("1E-999999999")',
    "multiplier Fraction of a million digits": 'Money("1") * Fraction(10**10**6, 3)',
    "phasing weight 1E999999999": 'Phasing({"x": {FY: Decimal("1E999999999")}})',
    "phasing weight 1E-999999999": 'Phasing({"x": {FY: "1E-999999999", FY + 1: 1}})',
    "range weight 1E999999999": 'Discrete({"1": Decimal("1E999999999"), "0": 1})',
    "range weight 1E-999999999": 'Discrete({"1": "1E-999999999", "0": 1})',
    "unit magnitude 1E999999999": 'units.count(Decimal("1E999999999"), "family")',
    "unit magnitude of a million digits": 'units.count(10**10**6, "family")',
    "figure count of a million digits": (
        'wecb.Figure(key="x", label="x", kind=wecb.FigureKind.COUNT, count=10**10**6, '
        'unit="family")'
    ),
    "a financial year of 5000 digits": "FinancialYear(10**5000)",
    "a horizon of 10**5000 years": "Horizon.of_years(FY, 10**5000)",
    "discount rate 1e-999999999": 'constant("1e-999999999")',
    "text exponent of 30 digits": 'decimal("1E" + "9" * 30, what="x")',
}

_CHILD = textwrap.dedent(
    """
    import json, resource, sys, time
    resource.setrlimit(resource.RLIMIT_AS, (BYTES, BYTES))
    from decimal import Decimal
    from fractions import Fraction
    import wecb
    from wecb import FinancialYear, Money, units
    from wecb.appraisal import Horizon, constant
    from wecb.appraisal.phasing import Phasing
    from wecb.appraisal.sensitivity.ranges import Discrete
    from wecb.core.numbers import decimal
    from wecb.errors import WecbError
    FY = FinancialYear(2013)
    for name, code in json.loads(sys.argv[1]).items():
        print(json.dumps({"start": name}), flush=True)
        started = time.perf_counter()
        try:
            eval(code)
            outcome = "accepted"
        except WecbError as exc:
            outcome = f"refused {type(exc).__name__} {len(str(exc))}"
        except BaseException as exc:
            outcome = f"leaked {type(exc).__name__}: {str(exc)[:200]}"
        seconds = time.perf_counter() - started
        print(json.dumps({"name": name, "outcome": outcome, "seconds": seconds}), flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"peak_kib": peak}), flush=True)
    """
)


def test_unbounded_numbers_are_refused_quickly_within_bounded_memory() -> None:
    """Each case runs in one child process limited to 1.5 GiB of address space (numpy and
    pint fit, a blow-up does not) and 60 s in all; each must be refused with a WecbError
    whose message is short, within 5 s (most take microseconds)."""
    pytest.importorskip("resource", reason="memory limits need the resource module (Unix)")
    if not sys.platform.startswith("linux"):
        pytest.skip("RLIMIT_AS is enforced on Linux only")
    code = _CHILD.replace("BYTES", str(1536 * 2**20))
    try:
        out = subprocess.run(
            [sys.executable, "-c", code, json.dumps(UNBOUNDED)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        ).stdout
    except subprocess.TimeoutExpired as exc:
        partial = exc.stdout.decode() if isinstance(exc.stdout, bytes) else exc.stdout or ""
        last = [json.loads(line) for line in partial.splitlines()][-1:]
        pytest.fail(f"hung: {last}")
    records = [json.loads(line) for line in out.splitlines()]
    outcomes = {r["name"]: r["outcome"] for r in records if "outcome" in r}
    assert set(outcomes) == set(UNBOUNDED), records[-1:]
    bad = {name: o for name, o in outcomes.items() if not o.startswith("refused")}
    assert bad == {}
    assert all(int(o.split()[-1]) < 1000 for o in outcomes.values()), "bounded messages"
    slow = {r["name"]: r["seconds"] for r in records if r.get("seconds", 0) > 5}
    assert slow == {}


# -- type leaks -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", [np.float64(5), np.float32(5), np.float16(0.5), np.longdouble(1)]
)
def test_numpy_floats_are_refused_as_floats(value: object) -> None:
    for make in (
        lambda: Money(value),  # type: ignore[arg-type]
        lambda: Money("1") * value,
        lambda: Money("1") / value,
        lambda: Money("1") + value,
        lambda: Money("1").allocate([value, 1]),  # type: ignore[list-item]
        lambda: Money("1").round(value),  # type: ignore[arg-type]
        lambda: Money.from_thousands(value),  # type: ignore[arg-type]
        lambda: Money.from_minor_units(value),  # type: ignore[arg-type]
        lambda: fraction(value, what="share"),
        lambda: whole(value, what="draws"),
    ):
        with pytest.raises(FloatNotAllowedError):
            make()


@pytest.mark.parametrize("value", [np.int64(5), np.int32(5), np.uint8(5)])
def test_numpy_integers_are_exact(value: object) -> None:
    assert Money(value) == Money(5)  # type: ignore[arg-type]
    assert Money("1") * value == Money(5)
    assert Money("10") / value == Money(2)
    assert fraction(value, what="x") == 5
    assert whole(value, what="x") == 5
    assert Money.from_minor_units(value) == Money("0.05")  # type: ignore[arg-type]


MIXED: dict[str, Callable[[Money], object]] = {
    "Money + 1": lambda m: m + 1,
    "1 + Money": lambda m: 1 + m,
    "Money - 1": lambda m: m - 1,
    "1 - Money": lambda m: 1 - m,
    "Money + Decimal": lambda m: m + Decimal(1),
    "Decimal + Money": lambda m: Decimal(1) + m,
    "Fraction + Money": lambda m: Fraction(1) + m,
    "Money + None": lambda m: m + None,
    "Money + '1'": lambda m: m + "1",
    "'1' + Money": lambda m: "1" + m,
    "Money + True": lambda m: m + True,
    "Money + [1]": lambda m: m + [1],  # noqa: RUF005 - the operation under test
    "Money * Money": lambda m: m * m,
    "Money * '2'": lambda m: m * "2",
    "'2' * Money": lambda m: "2" * m,
    "Money * True": lambda m: m * True,
    "Money * None": lambda m: m * None,
    "Money * complex": lambda m: m * 2j,
    "1 / Money": lambda m: 1 / m,
    "Decimal / Money": lambda m: Decimal(1) / m,
    "Money / '2'": lambda m: m / "2",
    "Money < 1": lambda m: m < 1,
    "1 < Money": lambda m: 1 < m,  # noqa: SIM300 - the reflected comparison
    "Money >= Decimal": lambda m: m >= Decimal(1),
    "None > Money": lambda m: None > m,  # noqa: SIM300 - the reflected comparison
    "Money <= '1'": lambda m: m <= "1",
    "Money // 2": lambda m: m // 2,
    "2 // Money": lambda m: 2 // m,
    "Money % 2": lambda m: m % 2,
    "divmod(Money, 2)": lambda m: divmod(m, 2),
    "Money ** 2": lambda m: m**2,
}


@pytest.mark.parametrize("operation", MIXED.values(), ids=list(MIXED))
def test_mixed_arithmetic_is_a_wecb_type_error(operation: Callable[[Money], object]) -> None:
    with pytest.raises(WecbTypeError) as info:
        operation(Money("5"))
    assert isinstance(info.value, TypeError)
    assert type(info.value) is WecbTypeError
    assert "money" in str(info.value)


def test_what_mixed_arithmetic_keeps() -> None:
    m = Money("5")
    assert sum([m, m, m]) == Money("15")
    assert sum([], Money("0")) == Money("0")
    assert m + 0 is m and 0 + m is m and 0 - m == -m
    assert (m == 5) is False and (m != 5) is True
    assert m * 2 == 2 * m == m * Decimal(2) == m * Fraction(2) == Money("10")
    assert m / m == 1
    # A type that answers the reflected operator itself still does (pint's quantities).
    with pytest.raises(WecbTypeError, match="magnitude"):
        m * units.count(2, "family")


def test_mixed_arithmetic_says_what_to_do() -> None:
    with pytest.raises(WecbTypeError, match=r"Money\('5', 'GBP'\) \+ 1 \(int\)") as info:
        Money("5") + 1  # type: ignore[operator]
    assert "sum()" in str(info.value) and "Money('1')" in str(info.value)
    with pytest.raises(WecbTypeError, match="money times money"):
        Money("5") * Money("5")  # type: ignore[operator]
    with pytest.raises(WecbTypeError, match="ordered against money"):
        Money("5") < 1  # type: ignore[operator]  # noqa: B015


@pytest.mark.parametrize("currency", [826, None, b"GBP", 1.5, ("GBP",)])
def test_a_currency_that_is_not_text_is_a_type_error(currency: object) -> None:
    for make in (
        lambda: Money(1, currency),  # type: ignore[arg-type]
        lambda: Money.parse("5", currency or 826),  # type: ignore[arg-type]  # None: any
        lambda: Money.zero(currency),  # type: ignore[arg-type]
    ):
        with pytest.raises(WecbTypeError, match="ISO 4217"):
            make()


def test_text_still_a_money_error() -> None:
    with pytest.raises(MoneyError, match="ISO 4217"):
        Money(1, "gbp")


def test_huge_text_is_quoted_in_part() -> None:
    hostile = "£" + "9" * 10**6 + "x"
    for read in (Money.parse, Money, Money.from_thousands):
        with pytest.raises(WecbError) as info:
            read(hostile)  # type: ignore[operator]
        assert len(str(info.value)) < 1000


def test_the_digit_rules_are_shared() -> None:
    # Money.parse's numeral is the numbers module's: one definition of the digit rules.
    from wecb.core import money_text  # noqa: PLC0415

    assert numbers.DIGITS in money_text._MONEY_RE.pattern
