"""Fuzz tests: every parser and loader, fed arbitrary text and arbitrary data.

The one property throughout: a parser either returns a whole, usable value (it prints,
hashes and reads back to itself) or raises a :class:`~wecb.errors.WecbError` subclass
whose message is not empty and names the place (the text given, or the file, entry and
field); never another exception and never a half-built object. Every text entry of pint
(the registry called on text, ``Quantity(text)``, unit text, unit names, format
specifications) is fuzzed the same way, each call within a time limit (pint once hung on
huge unit powers).
"""

from __future__ import annotations

import copy
import functools
import json
import operator
import re
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

import wecb
from strategies import (
    fuzz_format_specs,
    fuzz_huge_numbers,
    fuzz_json_values,
    fuzz_money_text,
    fuzz_period_text,
    fuzz_quantity_text,
    fuzz_rate_text,
    fuzz_text,
    fuzz_unit_text,
    fuzz_values,
    open_period_buckets,
    unit_quantities,
)
from time_limits import within
from wecb import io, units
from wecb.core.money import Money
from wecb.core.periods import FinancialYear, OpenPeriod, parse_period
from wecb.datasets import essex_2012
from wecb.errors import LoadError, WecbError, excerpt
from wecb.model.programme import Programme

T = TypeVar("T")


def outcome(call: Callable[[], T]) -> T | WecbError:
    """The value ``call`` returns, or the :class:`WecbError` it raises (anything else fails)."""
    try:
        return call()
    except WecbError as exc:
        assert str(exc).strip(), f"{type(exc).__name__} with an empty message"
        return exc


def names(exc: WecbError, text: str) -> bool:
    """Whether the message of ``exc`` quotes the input ``text`` (as given or stripped) or the
    part of it at fault (a quoted piece of the text, such as the units of a quantity)."""
    message = str(exc)
    forms = (repr(text), repr(text.strip()), text.strip(), excerpt(text), excerpt(text.strip()))
    if any(form in message for form in forms):
        return True
    quoted = re.findall(r"'([^']+)'", message)
    return any(piece.strip() and piece in (text + repr(text)) for piece in quoted)


def check_money(m: Money) -> None:
    """``m`` is whole: a finite Decimal in a valid currency that prints and reads back."""
    assert isinstance(m.amount, Decimal)
    assert m.amount.is_finite()
    assert len(m.currency) == 3
    assert m.currency.isascii()
    assert m.currency.isupper()
    hash(m)
    assert eval(repr(m), {"Money": Money}) == m
    assert Money.parse(m.exact_text(), currency=m.currency) == m
    if "\u2026" not in str(m):  # str() cuts after 12 decimals, marked with an ellipsis
        assert Money.parse(str(m), currency=m.currency) == m


def check_quantity(q: Any) -> None:
    assert units.is_quantity(q)
    assert isinstance(q.magnitude, Decimal)
    assert q.magnitude.is_finite()
    assert units.quantity_from_text(units.quantity_to_text(q)) == q
    str(q)


# -- money ----------------------------------------------------------------------------


@given(fuzz_money_text())
def test_money_parse(text: str) -> None:
    result = outcome(lambda: Money.parse(text))
    if isinstance(result, WecbError):
        assert names(result, text), str(result)
    else:
        check_money(result)


@given(fuzz_money_text(), st.one_of(st.none(), st.text(max_size=4), st.sampled_from(["EUR"])))
def test_money_parse_with_a_currency(text: str, currency: str | None) -> None:
    result = outcome(lambda: Money.parse(text, currency=currency))
    if not isinstance(result, WecbError):
        check_money(result)
        if currency is not None:
            assert result.currency == currency


@given(fuzz_money_text())
def test_money_from_thousands_text(text: str) -> None:
    result = outcome(lambda: Money.from_thousands(text))
    if isinstance(result, WecbError):
        assert names(result, text), str(result)
    else:
        check_money(result)
        assert Money.from_thousands(result.amount_in_thousands()) == result


@given(fuzz_values(), st.one_of(fuzz_values(), st.just("GBP")))
def test_money_constructor(amount: object, currency: object) -> None:
    result = outcome(lambda: Money(amount, currency))  # type: ignore[arg-type]
    if isinstance(result, WecbError):
        if isinstance(amount, float):
            assert isinstance(result, TypeError)
    else:
        check_money(result)
        assert result.currency == currency


@given(fuzz_values())
def test_money_from_thousands_values(value: object) -> None:
    result = outcome(lambda: Money.from_thousands(value))  # type: ignore[arg-type]
    if not isinstance(result, WecbError):
        check_money(result)


@given(fuzz_values())
def test_money_from_minor_units(value: object) -> None:
    result = outcome(lambda: Money.from_minor_units(value))  # type: ignore[arg-type]
    if not isinstance(result, WecbError):
        check_money(result)
        assert result.to_minor_units() == value


@given(fuzz_huge_numbers())
def test_money_from_numbers_past_the_int_text_limit(value: object) -> None:
    for build in (Money, Money.from_thousands, Money.from_minor_units):
        result = outcome(lambda: build(value))  # noqa: B023 -- called at once
        if not isinstance(result, WecbError):
            check_money(result)


@given(fuzz_huge_numbers(), st.sampled_from(["GBP", "family", "GBP / year"]))
def test_quantity_from_numbers_past_the_int_text_limit(value: object, unit: str) -> None:
    result = outcome(lambda: units.quantity(value, unit))  # type: ignore[arg-type]
    if not isinstance(result, WecbError):
        check_quantity(result)
        outcome(lambda: result.to(unit))


@given(st.integers(-(10**120), 10**120), st.integers(-(10**120), 10**120))
def test_money_arithmetic_on_huge_amounts_is_exact_or_refused(a: int, b: int) -> None:
    left, right = Money(a), Money(b)
    total = outcome(lambda: left + right)
    if isinstance(total, WecbError):
        # Refused only when the exact sum needs more than the working precision.
        assert len(str(abs(a + b)).rstrip("0")) > 60
    else:
        assert total.amount == a + b
        check_money(total)


# -- units ----------------------------------------------------------------------------


@given(fuzz_rate_text())
def test_parse_rate(text: str) -> None:
    result = outcome(lambda: units.parse_rate(text))
    if isinstance(result, WecbError):
        assert names(result, text) or len(text) > 200, str(result)
    else:
        check_quantity(result)
        assert result.dimensionality["[currency]"] == 1


@given(st.one_of(fuzz_values(), fuzz_money_text()), fuzz_unit_text())
def test_quantity(value: object, unit: str) -> None:
    result = outcome(lambda: units.quantity(value, unit))  # type: ignore[arg-type]
    if not isinstance(result, WecbError):
        check_quantity(result)


@given(fuzz_unit_text(), fuzz_unit_text())
def test_quantity_from_text(magnitude: str, unit: str) -> None:
    text = f"{magnitude} {unit}"
    result = outcome(lambda: units.quantity_from_text(text))
    if isinstance(result, WecbError):
        assert names(result, text) or names(result, unit.strip()), str(result)
    else:
        check_quantity(result)


@given(unit_quantities(), fuzz_unit_text())
def test_convert(q: Any, target: str) -> None:
    result = outcome(lambda: units.convert(q, target))
    if not isinstance(result, WecbError):
        check_quantity(result)
        assert result.dimensionality == q.dimensionality


# -- every text entry of pint -----------------------------------------------------------


def _rate() -> Any:
    return units.quantity(5, "GBP / year")


def _reg() -> Any:
    return units.registry()


#: Every way text reaches pint through wecb's registry and its classes.
PINT_TEXT_ENTRIES: dict[str, Callable[[str], object]] = {
    "registry()(text)": units.registry(),
    "registry().parse_expression(text)": lambda t: _reg().parse_expression(t),
    "registry()[text]": lambda t: _reg()[t],
    "Quantity(text)": units.registry().Quantity,
    "Quantity(5, text)": lambda t: units.Quantity(5, t),
    "Quantity(text, 'GBP')": lambda t: units.Quantity(t, "GBP"),
    "Quantity.from_tuple": lambda t: units.Quantity.from_tuple((1, ((t, 1),))),
    "Unit(text)": units.registry().Unit,
    "registry().parse_units(text)": lambda t: _reg().parse_units(t),
    "registry().parse_units_as_container(text)": lambda t: _reg().parse_units_as_container(t),
    "registry().parse_unit_name(text)": lambda t: _reg().parse_unit_name(t),
    "getattr(registry(), text)": lambda t: getattr(_reg(), t),
    "text in registry()": lambda t: t in _reg(),
    "registry().get_name(text)": lambda t: _reg().get_name(t),
    "registry().get_symbol(text)": lambda t: _reg().get_symbol(t),
    "registry().get_dimensionality(text)": lambda t: _reg().get_dimensionality(t),
    "registry().get_base_units(text)": lambda t: _reg().get_base_units(t),
    "registry().get_root_units(text)": lambda t: _reg().get_root_units(t),
    "registry().get_compatible_units(text)": lambda t: _reg().get_compatible_units(t),
    "registry().is_compatible_with(text, 'GBP')": lambda t: _reg().is_compatible_with(t, "GBP"),
    "registry().convert(1, text, 'GBP')": lambda t: _reg().convert(Decimal(1), t, "GBP"),
    "registry().wraps(text, text)": lambda t: _reg().wraps(t, t),
    "registry().check(text)": lambda t: _reg().check(t),
    "q.to(text)": lambda t: _rate().to(t),
    "q.m_as(text)": lambda t: _rate().m_as(t),
    "q.compare(text)": lambda t: _rate().compare(t, lambda a, b: a < b),
    "q.is_compatible_with(text)": lambda t: _rate().is_compatible_with(t),
    "q.check(text)": lambda t: _rate().check(t),
    "unit == text": lambda t: operator.eq(_reg().GBP, t),
    "unit.is_compatible_with(text)": units.registry().GBP.is_compatible_with,
    "quantity(1, text)": lambda t: units.quantity(1, t),
    "convert(q, text)": lambda t: units.convert(_rate(), t),
    "quantity_from_text(text)": units.quantity_from_text,
}


def check_pint_value(value: object) -> None:
    """A value a text entry returned is whole: a quantity (see :func:`check_quantity`), a
    unit that reads back, or plain data (a flag, text, an exact number, names and powers)."""
    if units.is_quantity(value):
        check_quantity(value)
    elif isinstance(value, units.Unit):
        assert units.registry().parse_units(format(value, "D")) == value
    elif isinstance(value, Decimal):
        assert value.is_finite()
    elif isinstance(value, tuple | frozenset):
        for item in value:
            check_pint_value(item)
    elif hasattr(value, "items") and not callable(value):
        assert all(isinstance(name, str) for name, _ in value.items())  # type: ignore[attr-defined]
    else:
        assert value is None or callable(value) or isinstance(value, bool | str | int), value


@pytest.mark.parametrize("entry", list(PINT_TEXT_ENTRIES))
@given(text=fuzz_quantity_text())
def test_pint_text_entries(entry: str, text: str) -> None:
    call = PINT_TEXT_ENTRIES[entry]
    with within(5):
        result = outcome(lambda: call(text))
    if not isinstance(result, WecbError):
        check_pint_value(result)


@pytest.mark.parametrize("target", ["quantity", "unit"])
@given(spec=fuzz_format_specs())
def test_format_specifications(target: str, spec: str) -> None:
    value = _rate() if target == "quantity" else _rate().units
    with within(5):
        result = outcome(lambda: format(value, spec))
    if isinstance(result, WecbError):
        assert names(result, spec), str(result)
    else:
        assert isinstance(result, str)


# -- periods --------------------------------------------------------------------------


@given(fuzz_period_text())
def test_financial_year_parse(text: str) -> None:
    result = outcome(lambda: FinancialYear.parse(text))
    if isinstance(result, WecbError):
        assert names(result, text), str(result)
    else:
        assert FinancialYear.parse(str(result)) == result
        assert result.start <= result.end


@given(fuzz_values())
def test_financial_year_constructor(value: object) -> None:
    result = outcome(lambda: FinancialYear(value))  # type: ignore[arg-type]
    if not isinstance(result, WecbError):
        assert FinancialYear.parse(str(result)) == result


@given(fuzz_period_text(), st.lists(open_period_buckets(), max_size=3, unique_by=lambda p: p.key))
def test_parse_period(text: str, buckets: list[OpenPeriod]) -> None:
    result = outcome(lambda: parse_period(text, buckets))
    if isinstance(result, WecbError):
        assert names(result, text), str(result)
    elif isinstance(result, OpenPeriod):
        assert result in buckets
    else:
        assert parse_period(str(result), buckets) == result


@given(fuzz_values(), fuzz_values(), fuzz_values(), fuzz_values())
def test_open_period_constructor(key: object, label: object, after: object, until: object) -> None:
    result = outcome(
        lambda: OpenPeriod(key=key, label=label, after=after, until=until)  # type: ignore[arg-type]
    )
    if not isinstance(result, WecbError):
        assert copy.deepcopy(result) == result


# -- programme files (wecb.loads, wecb.load) ---------------------------------------------

NAME = "fuzzed.toml"
HUGE = "__fuzz_huge_number__"  # replaced in the text by a 5000-digit literal
FORMATS = ("toml", "json")


@functools.cache
def essex_document() -> dict[str, Any]:
    """The Essex 2012 programme as plain data (a valid programme file's content)."""
    document: dict[str, Any] = json.loads(wecb.dumps(essex_2012(), "json"))
    return document


@functools.cache
def essex_paths() -> tuple[tuple[str | int, ...], ...]:
    """The path to every node of :func:`essex_document` except the root."""
    paths: list[tuple[str | int, ...]] = []
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), essex_document())]
    while stack:
        path, node = stack.pop()
        paths.append(path)
        if isinstance(node, dict):
            stack.extend(((*path, k), v) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend(((*path, i), v) for i, v in enumerate(node))
    return tuple(sorted(paths[1:], key=str))


def nested(depth: int) -> Any:
    value: Any = "deep"
    for _ in range(depth):
        value = [value]
    return value


MUTANTS = st.one_of(
    fuzz_json_values(max_leaves=4),
    st.sampled_from(
        [
            float("nan"),
            float("inf"),
            1.5,
            0.1,
            10**80,
            -1,
            0,
            HUGE,
            "",
            "£",
            "1e6",
            "£1.2.3m",
            "£75m/year",
            "2012/14",
            "1" * 70,
            nested(5),
            nested(40),
            [],
            {},
            True,
            None,
        ]
    ),
)


def text_of(document: Any, fmt: str) -> str:
    """``document`` as file text; JSON when TOML cannot hold it (null, a non-table top)."""
    if fmt == "toml" and isinstance(document, dict):
        try:
            text = tomli_w.dumps(document)
        except (TypeError, ValueError):
            text = json.dumps(document)
    else:
        text = json.dumps(document)
    return text.replace(json.dumps(HUGE), "9" * 5000)


def check_loaded(result: Programme | WecbError, fmt: str, name: str) -> None:
    """A loaded programme is whole (it saves and loads back equal); an error is a
    LoadError naming the file."""
    if isinstance(result, WecbError):
        assert isinstance(result, LoadError), repr(result)
        assert result.path == name
        assert repr(name) in str(result)
    else:
        assert isinstance(result, Programme)
        again = wecb.loads(wecb.dumps(result, fmt), fmt)  # type: ignore[arg-type]
        assert again == result


@given(
    st.one_of(fuzz_text(200), st.text(alphabet="[]{}=\"',:.0123456789 \nabc", max_size=80)),
    st.sampled_from(FORMATS),
)
def test_loads_arbitrary_text(text: str, fmt: str) -> None:
    result = outcome(lambda: wecb.loads(text, fmt, name=NAME))  # type: ignore[arg-type]
    check_loaded(result, fmt, NAME)


@given(fuzz_json_values(), st.sampled_from(FORMATS), st.booleans())
def test_loads_arbitrary_data(value: Any, fmt: str, with_header: bool) -> None:
    if with_header and isinstance(value, dict):
        value = {"format": "wecb.programme", "format_version": 1, **value}
    text = text_of(value, fmt)
    result = outcome(lambda: wecb.loads(text, fmt, name=NAME))  # type: ignore[arg-type]
    check_loaded(result, fmt, NAME)


Path_ = tuple[str | int, ...]
Mutation = tuple[Path_, str, Any]

#: What a mutation does at its path.
OPERATIONS = ("drop", "replace", "replace", "duplicate", "rename", "add")


@st.composite
def mutations(draw: st.DrawFn) -> Mutation:
    """One mutation of the Essex document (see :func:`mutate`): a path, an operation and the
    value it inserts. Drawn small so that Hypothesis reports it readably."""
    path = draw(st.sampled_from(essex_paths()))
    operation = draw(st.sampled_from(OPERATIONS))
    value = draw(MUTANTS) if operation in ("replace", "add") else None
    if operation == "add":
        value = (draw(st.text(max_size=8)), value)
    return path, operation, value


def mutate(mutation: Mutation) -> dict[str, Any]:
    """A copy of the Essex document with one key dropped, a value replaced (a float, NaN, a
    huge number, a wrong type, deep nesting), an entry duplicated, a key renamed or an
    unknown key added."""
    path, operation, value = mutation
    document = copy.deepcopy(essex_document())
    parent: Any = document
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if operation == "drop":
        del parent[last]
    elif operation == "duplicate" and isinstance(parent, list):
        parent.insert(last, copy.deepcopy(parent[last]))
    elif operation == "rename" and isinstance(parent, dict):
        parent[f"{last}_renamed"] = parent.pop(last)
    elif operation == "add" and isinstance(parent[last], dict):
        key, inserted = value
        parent[last][key] = inserted
    else:
        parent[last] = value[1] if operation == "add" else value
    return document


@given(mutations(), st.sampled_from(FORMATS))
def test_loads_mutated_programme(mutation: Mutation, fmt: str) -> None:
    path = mutation[0]
    text = text_of(mutate(mutation), fmt)
    result = outcome(lambda: wecb.loads(text, fmt, name=NAME))  # type: ignore[arg-type]
    check_loaded(result, fmt, NAME)
    if isinstance(result, LoadError) and path[0] not in ("format", "format_version"):
        # Below the header, the error says where: an entry and/or a field, or a line. Data
        # nested past the limit, a number Python cannot read (over 4300 digits), NaN or a
        # duplicate key in JSON are refused by the parser, naming the file and the token,
        # before any entry is read.
        message = str(result)
        early = ("line", "nested", "number in the file", "not accepted JSON")
        where = result.entry or result.field or any(word in message for word in early)
        assert where, (path, message)


@given(st.sampled_from(FORMATS), st.integers(0, 10**6))
def test_loads_truncated_file(fmt: str, cut: int) -> None:
    text = text_of(essex_document(), fmt)
    truncated = text[: cut % len(text)]
    result = outcome(lambda: wecb.loads(truncated, fmt, name=NAME))  # type: ignore[arg-type]
    check_loaded(result, fmt, NAME)


@settings(max_examples=20)
@given(mutations(), st.sampled_from(FORMATS))
def test_load_mutated_file_names_the_file(mutation: Mutation, fmt: str) -> None:
    document = mutate(mutation)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"programme.{fmt}"
        path.write_text(text_of(document, fmt), encoding="utf-8")
        result = outcome(lambda: wecb.load(path))
        check_loaded(result, fmt, str(path))


# -- tables (wecb.present: CSV and JSON rows) --------------------------------------------

CSV_TOKENS = (
    ",",
    '"',
    "\n",
    "\r\n",
    "\r",
    "\x00",
    "net (GBP)",
    "cost (EUR)",
    "project",
    "(XXX)",
    " (GBP)",
    "£1.949m",
    "1.2.3",
    "-944000",
    "87587000.00",
    "1e6",
    "NaN",
    "",
    "x" * 200,
)


@given(st.one_of(fuzz_text(80), st.lists(st.sampled_from(CSV_TOKENS), max_size=12).map("".join)))
def test_parse_csv(text: str) -> None:
    result = outcome(lambda: io.parse_csv(text))
    if not isinstance(result, WecbError):
        assert isinstance(result, list)
        for row in result:
            for cell in row.values():
                assert cell is None or isinstance(cell, str | Money)
                if isinstance(cell, Money):
                    check_money(cell)


@given(
    st.one_of(
        fuzz_text(80),
        st.sampled_from(["[" * 5000, '[{"a": ' + "1" * 5000 + "}]", '[{"a": NaN}]', "[1.5]"]),
        fuzz_json_values().map(json.dumps),
        st.lists(st.dictionaries(st.text(max_size=4), fuzz_json_values(3)), max_size=3).map(
            json.dumps
        ),
    )
)
def test_parse_json_rows(text: str) -> None:
    result = outcome(lambda: io.parse_json(text))
    if not isinstance(result, WecbError):
        assert isinstance(result, list)
        for row in result:
            for cell in row.values():
                assert not isinstance(cell, float)
                if isinstance(cell, Money):
                    check_money(cell)


# -- what fuzzing found: each input once raised something other than a WecbError -----------

FOUND: list[tuple[str, Callable[[], object]]] = [
    # KeyError: 'mıllıon' matched 'million' case-insensitively, then missed the scale table.
    ("dotless i in a scale word", lambda: Money.parse("£1 m\u0131ll\u0131on")),
    # ValueError: Python's 4300-digit limit on int/str conversion.
    ("5000-digit text", lambda: Money.parse("1" * 5000 + "k")),
    ("5000-digit int", lambda: repr(Money(10**5000))),
    ("huge exponent", lambda: str(Money(Decimal("1E+5000")))),
    ("huge figure in £'000", lambda: Money.from_thousands("1" * 5000)),
    ("huge minor units", lambda: Money.from_minor_units(10**5000)),
    ("huge magnitude converted", lambda: units.quantity("9" * 5000, "GBP / year").to("GBP/day")),
    # TypeError, ZeroDivisionError, KeyError and RecursionError from pint's parser.
    ("unit to a unit power", lambda: units.quantity(1, "GBP**year")),
    ("unit divided by zero", lambda: units.quantity(1, "GBP / 0")),
    ("zeroth power", lambda: units.quantity(1, "GBP ** 0")),
    ("deep brackets", lambda: units.quantity_from_text("1 " + "(" * 1000 + "GBP" + ")" * 1000)),
    # Hung: an exact conversion factor of 12**99999999999.
    ("huge power", lambda: units.quantity(1, "month ** 99999999999").to("year ** 99999999999")),
    # pint multiplied juxtaposed numbers (500, 0) and read '£' as nothing; powers hung .to().
    ("digit groups", lambda: units.Quantity("1 500 GBP")),
    ("digit groups per year", lambda: units.Quantity("250 000 GBP / family / year")),
    ("pound sign in an expression", lambda: units.registry()("5 £")),
    ("registry power", lambda: units.registry().Quantity(1, "year ** 99999999").to("month")),
    ("power of a quantity", lambda: (units.quantity(1, "year") ** 10**11).to("month")),
    ("format width", lambda: format(units.quantity(1, "GBP"), "99999999999")),
    # ValueError from json/tomllib for a 5000-digit integer literal.
    ("5000-digit TOML integer", lambda: wecb.loads("format_version = " + "1" * 5000, "toml")),
    ("5000-digit JSON integer", lambda: wecb.loads('{"a": ' + "1" * 5000 + "}", "json")),
    # _csv.Error, RecursionError and ValueError from the table readers.
    ("carriage return in CSV", lambda: io.parse_csv("a\r0,1\n")),
    ("CSV field over the size limit", lambda: io.parse_csv("a\n" + "x" * 200_000)),
    ("deep JSON rows", lambda: io.parse_json("[" * 100_000)),
    ("5000-digit JSON cell", lambda: io.parse_json('[{"a": ' + "1" * 5000 + "}]")),
]


@pytest.mark.parametrize(("what", "call"), FOUND, ids=[what for what, _ in FOUND])
def test_found_by_fuzzing(what: str, call: Callable[[], object]) -> None:
    result = outcome(call)
    assert isinstance(result, WecbError) or result is not None, what


def test_quantity_text_with_trailing_spaces_is_dimensionless() -> None:
    # Was: '5  ' (two spaces) read ' ' as units and failed, while '5 ' worked.
    assert units.quantity_from_text("5  ") == units.quantity_from_text("5")


@settings(max_examples=30)
@given(
    st.one_of(
        st.binary(max_size=60),
        st.lists(st.sampled_from(CSV_TOKENS), max_size=8).map(lambda t: "".join(t).encode()),
    ),
    st.sampled_from(["csv", "json"]),
)
def test_read_table_files_name_the_file(data: bytes, kind: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"rows.{kind}"
        path.write_bytes(data)
        read = io.read_csv if kind == "csv" else io.read_json
        result = outcome(lambda: read(path))
        if isinstance(result, WecbError):
            assert str(path) in str(result), str(result)
        else:
            assert isinstance(result, list)
