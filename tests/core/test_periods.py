"""Tests for wecb.core.periods: UK financial years and open periods."""

from __future__ import annotations

import ast
import copy
import datetime
import itertools
import pickle
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import wecb.core.periods as periods_module
from strategies import any_periods, financial_year_spellings, financial_years, open_period_buckets
from wecb.core.periods import (
    MAX_START_YEAR,
    MIN_START_YEAR,
    FinancialYear,
    OpenPeriod,
    Period,
    parse_period,
    period_sort_key,
)
from wecb.errors import FloatNotAllowedError, ParseError, PeriodError, WecbError, WecbTypeError

FY12 = FinancialYear(2012)
# The Essex cost-benefit table columns (seed 002): to Mar '13, to Mar '14, further.
TO_MAR_13 = OpenPeriod(key="to_mar_2013", label="To Mar '13", until=FinancialYear(2012))
FURTHER = OpenPeriod(
    key="further_implementation", label="Further implementation", after=FinancialYear(2013)
)
HORIZON = OpenPeriod(key="appraisal_horizon", label="Appraisal horizon")


# -- FinancialYear: construction and text ---------------------------------------------------


def test_2012_is_2012_13_from_1_april_to_31_march() -> None:
    assert FY12.start_year == 2012
    assert str(FY12) == "2012/13"
    assert repr(FY12) == "FinancialYear(2012)"
    assert FY12.label_short == "12/13"
    assert FY12.start == datetime.date(2012, 4, 1)
    assert FY12.end == datetime.date(2013, 3, 31)
    assert FY12.end_year == 2013


def test_century_rollover_in_text() -> None:
    assert str(FinancialYear(1999)) == "1999/00"
    assert FinancialYear(1999).label_short == "99/00"
    assert str(FinancialYear(2099)) == "2099/00"


def test_days_count_the_leap_day() -> None:
    assert FinancialYear(2011).days == 366  # holds 29 February 2012
    assert FinancialYear(2012).days == 365


@pytest.mark.parametrize("year", [MIN_START_YEAR, 2012, MAX_START_YEAR])
def test_range_bounds_are_accepted(year: int) -> None:
    assert FinancialYear(year).start_year == year


@pytest.mark.parametrize("year", [MIN_START_YEAR - 1, MAX_START_YEAR + 1, -5, 10_000])
def test_out_of_range_names_the_value_and_the_range(year: int) -> None:
    with pytest.raises(PeriodError) as info:
        FinancialYear(year)
    message = str(info.value)
    assert str(year) in message
    assert f"{MIN_START_YEAR}..{MAX_START_YEAR}" in message


def test_float_start_year_is_refused_as_a_type_error() -> None:
    with pytest.raises(FloatNotAllowedError, match=re.escape("2012.0")):
        FinancialYear(2012.0)  # type: ignore[arg-type]
    assert issubclass(FloatNotAllowedError, TypeError)


@pytest.mark.parametrize("value", [True, False, "2012", None, 2012j])
def test_non_int_start_year_is_refused(value: object) -> None:
    with pytest.raises(WecbTypeError, match=re.escape(repr(value))):
        FinancialYear(value)  # type: ignore[arg-type]


def test_is_immutable() -> None:
    fy = FinancialYear(2012)
    with pytest.raises(AttributeError):
        fy.start_year = 2013
    with pytest.raises(AttributeError):
        del fy.start_year
    assert fy.start_year == 2012
    assert not hasattr(fy, "__dict__")


# -- FinancialYear.parse -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2012/13",
        "2012-13",
        "2012/2013",
        "2012-2013",
        "FY2012/13",
        "FY 2012-13",
        "fy2012/13",
        "  2012/13\n",
        "2012\u201313",  # en dash, as printed papers write it
        "2012 / 13",
    ],
)
def test_parse_accepts_the_documented_spellings(text: str) -> None:
    assert FinancialYear.parse(text) == FY12


@pytest.mark.parametrize(
    ("text", "start"),
    [("1999/00", 1999), ("1999/2000", 1999), ("2099/00", 2099), ("2199/2200", 2199)],
)
def test_parse_handles_the_century_rollover(text: str, start: int) -> None:
    assert FinancialYear.parse(text) == FinancialYear(start)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2012/14", "2012/13"),
        ("2012/2014", "2012/13"),
        ("2012/12", "2012/13"),  # as printed in seed 002
        ("2013/12", "2013/14"),
        ("1999/99", "1999/00"),
        ("2012-2012", "2012/13"),
    ],
)
def test_parse_rejects_non_consecutive_years_saying_what_is_expected(
    text: str, expected: str
) -> None:
    with pytest.raises(ParseError, match="consecutive") as info:
        FinancialYear.parse(text)
    assert repr(text) in str(info.value)
    assert f"('{expected}')" in str(info.value)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2012",
        "12/13",
        "FY",
        "2012/13/14",
        "garbage",
        "2012 13",
        "20121/13",
        "FY2012",
        "१२३४/३५",
    ],
)
def test_parse_rejects_garbage_showing_the_expected_form(text: str) -> None:
    with pytest.raises(ParseError, match=re.escape("'2012/13'")):
        FinancialYear.parse(text)


def test_parse_rejects_years_out_of_range() -> None:
    with pytest.raises(ParseError, match=re.escape("1900..2199")):
        FinancialYear.parse("2300/01")


@pytest.mark.parametrize("value", [2012, None, FY12])
def test_parse_needs_text(value: object) -> None:
    with pytest.raises(WecbTypeError):
        FinancialYear.parse(value)  # type: ignore[arg-type]


def test_errors_are_value_errors_and_wecb_errors() -> None:
    for error in (ParseError, PeriodError):
        assert issubclass(error, ValueError)
        assert issubclass(error, WecbError)


# -- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "start"),
    [
        (datetime.date(2012, 4, 1), 2012),
        (datetime.date(2013, 3, 31), 2012),
        (datetime.date(2013, 4, 1), 2013),
        (datetime.date(2012, 3, 31), 2011),
        (datetime.date(2012, 12, 25), 2012),
        (datetime.datetime(2013, 3, 31, 23, 59), 2012),
    ],
)
def test_containing(day: datetime.date, start: int) -> None:
    assert FinancialYear.containing(day) == FinancialYear(start)


def test_containing_refuses_non_dates_and_dates_out_of_range() -> None:
    with pytest.raises(WecbTypeError):
        FinancialYear.containing("2012-04-01")  # type: ignore[arg-type]
    with pytest.raises(PeriodError):
        FinancialYear.containing(datetime.date(1900, 3, 31))


def test_membership_of_dates() -> None:
    assert datetime.date(2012, 4, 1) in FY12
    assert datetime.datetime(2013, 3, 31, 12) in FY12
    assert datetime.date(2013, 4, 1) not in FY12
    assert "2012-04-01" not in FY12


def test_ending() -> None:
    assert FinancialYear.ending(2013) == FY12
    with pytest.raises(FloatNotAllowedError):
        FinancialYear.ending(2013.0)  # type: ignore[arg-type]
    with pytest.raises(WecbTypeError):
        FinancialYear.ending(True)


# -- ordering, hashing, arithmetic ---------------------------------------------------------


def test_ordering_and_equality() -> None:
    a, b = FinancialYear(2012), FinancialYear(2013)
    assert a < b
    assert a <= b
    assert b > a
    assert b >= a
    assert a == FinancialYear(2012)
    assert a != b
    assert max(b, a) == b


def test_not_equal_to_or_orderable_with_ints() -> None:
    assert FY12 != 2012
    with pytest.raises(TypeError):
        _ = FY12 < 2013  # type: ignore[operator]


def test_usable_as_dict_keys_and_in_sets() -> None:
    table = {FinancialYear(2012): "a", FinancialYear(2013): "b"}
    assert table[FinancialYear.parse("2012-13")] == "a"
    assert len({FinancialYear(2012), FinancialYear(2012), FinancialYear(2013)}) == 2


def test_arithmetic() -> None:
    assert FinancialYear(2013) == FY12 + 1
    assert FinancialYear(2014) == 2 + FY12
    assert FinancialYear(2011) == FY12 - 1
    assert FinancialYear(2016) - FY12 == 4
    assert FY12 - FinancialYear(2016) == -4
    assert FY12.next() == FinancialYear(2013)
    assert FY12.previous() == FinancialYear(2011)


@pytest.mark.parametrize("other", [1.0, True, "1", None])
def test_arithmetic_with_other_types_is_a_type_error(other: object) -> None:
    with pytest.raises(TypeError):
        _ = FY12 + other  # type: ignore[operator]
    with pytest.raises(TypeError):
        _ = FY12 - other  # type: ignore[operator]


def test_arithmetic_out_of_range() -> None:
    with pytest.raises(PeriodError):
        FinancialYear(MAX_START_YEAR) + 1
    with pytest.raises(PeriodError):
        FinancialYear(MIN_START_YEAR).previous()


def test_range_is_inclusive() -> None:
    assert FinancialYear.range(FY12, FinancialYear(2014)) == (
        FinancialYear(2012),
        FinancialYear(2013),
        FinancialYear(2014),
    )
    assert FinancialYear.range(FY12, FY12) == (FY12,)


def test_range_refuses_a_reversed_range_and_other_types() -> None:
    with pytest.raises(PeriodError, match="2011/12"):
        FinancialYear.range(FY12, FinancialYear(2011))
    with pytest.raises(WecbTypeError):
        FinancialYear.range(2012, 2013)  # type: ignore[arg-type]


def test_pickle_and_copy() -> None:
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        assert pickle.loads(pickle.dumps(FY12, protocol)) == FY12
    assert copy.copy(FY12) is FY12
    assert copy.deepcopy({FY12: 1}) == {FY12: 1}


def test_match_statement() -> None:
    match FY12:
        case FinancialYear(start):
            assert start == 2012
        case _:
            pytest.fail("a FinancialYear did not match its own class pattern")


# -- OpenPeriod ----------------------------------------------------------------------------


def test_open_period_fields_and_text() -> None:
    assert str(TO_MAR_13) == "To Mar '13"
    assert TO_MAR_13.first_year is None
    assert TO_MAR_13.last_year == FinancialYear(2012)
    assert FURTHER.first_year == FinancialYear(2014)
    assert FURTHER.last_year is None
    assert HORIZON.is_horizon
    assert not FURTHER.is_horizon
    assert repr(FURTHER) == (
        "OpenPeriod(key='further_implementation', label='Further implementation', "
        "after=FinancialYear(2013))"
    )
    assert repr(HORIZON) == "OpenPeriod(key='appraisal_horizon', label='Appraisal horizon')"


def test_open_period_membership_of_years() -> None:
    assert FinancialYear(2011) in TO_MAR_13
    assert FinancialYear(2012) in TO_MAR_13
    assert FinancialYear(2013) not in TO_MAR_13
    assert FinancialYear(2013) not in FURTHER
    assert FinancialYear(2014) in FURTHER
    assert FinancialYear(2100) in HORIZON
    between = OpenPeriod(key="b", label="B", after=FinancialYear(2012), until=FinancialYear(2014))
    assert [y.start_year for y in FinancialYear.range(FinancialYear(2011), FinancialYear(2015))
            if y in between] == [2013, 2014]  # fmt: skip
    assert "2013/14" not in between


@pytest.mark.parametrize("key", ["", "Bad", "has space", "dash-key", "é"])
def test_open_period_key_must_be_an_identifier(key: object) -> None:
    with pytest.raises(PeriodError, match=r"\[a-z0-9_\]\+"):
        OpenPeriod(key=key, label="x")  # type: ignore[arg-type]


@pytest.mark.parametrize("key", [3, None])
def test_open_period_key_of_the_wrong_type_is_a_type_error(key: object) -> None:
    with pytest.raises(WecbTypeError, match=r"\[a-z0-9_\]\+"):
        OpenPeriod(key=key, label="x")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("label", "error"),
    [("", PeriodError), ("   ", PeriodError), (None, WecbTypeError), (3, WecbTypeError)],
)
def test_open_period_label_must_be_text(label: object, error: type[Exception]) -> None:
    with pytest.raises(error, match="label"):
        OpenPeriod(key="k", label=label)  # type: ignore[arg-type]


@pytest.mark.parametrize("field", ["after", "until"])
def test_open_period_bounds_must_be_financial_years(field: str) -> None:
    with pytest.raises(WecbTypeError, match=f"OpenPeriod.{field}"):
        OpenPeriod(key="k", label="x", **{field: 2012})  # type: ignore[arg-type]


@pytest.mark.parametrize("until", [2012, 2011])
def test_open_period_after_must_precede_until(until: int) -> None:
    with pytest.raises(PeriodError, match="must come before"):
        OpenPeriod(key="k", label="x", after=FinancialYear(2012), until=FinancialYear(until))


def test_open_period_is_keyword_only_immutable_hashable_and_picklable() -> None:
    with pytest.raises(TypeError):
        OpenPeriod("k", "x")  # type: ignore[call-arg]
    with pytest.raises(AttributeError):
        FURTHER.label = "x"
    same = OpenPeriod(
        key="further_implementation", label="Further implementation", after=FinancialYear(2013)
    )
    assert same == FURTHER
    assert hash(same) == hash(FURTHER)
    assert OpenPeriod(key="further_implementation", label="Other", after=FinancialYear(2013)) != (
        FURTHER
    )
    assert FinancialYear(2014) != FURTHER
    assert {FURTHER: 1}[same] == 1
    for period in (TO_MAR_13, FURTHER, HORIZON):
        assert pickle.loads(pickle.dumps(period)) == period
        assert copy.deepcopy(period) == period


# -- ordering of periods -------------------------------------------------------------------


def test_period_sort_key_orders_a_cost_table_as_published() -> None:
    columns: list[Period] = [HORIZON, FURTHER, FinancialYear(2013), TO_MAR_13]
    assert sorted(columns, key=period_sort_key) == [
        TO_MAR_13,
        FinancialYear(2013),
        FURTHER,
        HORIZON,
    ]


def test_until_sorts_just_before_its_last_year_and_after_the_one_before() -> None:
    periods: list[Period] = [FinancialYear(2012), TO_MAR_13, FinancialYear(2011)]
    order = sorted(periods, key=period_sort_key)
    assert order == [FinancialYear(2011), TO_MAR_13, FinancialYear(2012)]


def test_a_bounded_open_period_equal_in_span_to_a_year_sorts_after_it() -> None:
    only_2013 = OpenPeriod(
        key="y", label="Y", after=FinancialYear(2012), until=FinancialYear(2013)
    )
    periods: list[Period] = [only_2013, FinancialYear(2013)]
    assert sorted(periods, key=period_sort_key) == [
        FinancialYear(2013),
        only_2013,
    ]


def test_period_sort_key_refuses_other_values() -> None:
    with pytest.raises(PeriodError):
        period_sort_key("2012/13")  # type: ignore[arg-type]


# -- parse_period --------------------------------------------------------------------------


def test_parse_period_reads_years_and_declared_open_periods() -> None:
    assert parse_period("2012-13") == FY12
    assert parse_period(" further_implementation ", [TO_MAR_13, FURTHER]) is FURTHER
    assert parse_period("2013/14", (FURTHER,)) == FinancialYear(2013)


def test_parse_period_unknown_key_lists_the_declared_keys() -> None:
    with pytest.raises(ParseError, match="to_mar_2013, further_implementation"):
        parse_period("later", [TO_MAR_13, FURTHER])
    with pytest.raises(ParseError, match="2012/13"):
        parse_period("later")
    with pytest.raises(ParseError, match="consecutive"):
        parse_period("2012/14", [FURTHER])


@pytest.mark.parametrize("bad", [FURTHER, "further", 3, [FURTHER, "x"]])
def test_parse_period_checks_its_open_periods(bad: object) -> None:
    with pytest.raises(ParseError, match="open_periods"):
        parse_period("2012/13", bad)  # type: ignore[arg-type]


def test_parse_period_needs_text() -> None:
    with pytest.raises(ParseError):
        parse_period(2012)  # type: ignore[arg-type]


def test_periods_imports_only_the_standard_library_attrs_and_errors() -> None:
    # periods is imported by every model module: keep pint (and numpy, cattrs) out of it.
    source = Path(periods_module.__file__ or "").read_text(encoding="utf-8")
    imported: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            imported.add(node.module or "")
    allowed = {"__future__", "attrs", "collections.abc", "datetime", "re", "typing", "wecb.errors"}
    assert imported <= allowed
    out = subprocess.run(
        [sys.executable, "-c", "import sys, wecb.core.periods; print('pint' in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.split() == ["False"]


# -- properties ----------------------------------------------------------------------------


@given(financial_years())
def test_parse_of_str_round_trips(fy: FinancialYear) -> None:
    assert FinancialYear.parse(str(fy)) == fy


@given(financial_years().flatmap(lambda fy: st.tuples(st.just(fy), financial_year_spellings(fy))))
def test_every_spelling_parses_back(pair: tuple[FinancialYear, str]) -> None:
    fy, text = pair
    assert FinancialYear.parse(text) == fy
    assert parse_period(text) == fy


@given(financial_years(), st.integers(2, 99))
def test_non_consecutive_ends_are_refused(fy: FinancialYear, gap: int) -> None:
    end = fy.start_year + gap
    for text in (f"{fy.start_year}/{end % 100:02d}", f"{fy.start_year}/{end}"):
        with pytest.raises(ParseError):
            FinancialYear.parse(text)


@given(financial_years(), st.integers(0, 365))
def test_containing_start_end_and_every_day_between(fy: FinancialYear, offset: int) -> None:
    assert FinancialYear.containing(fy.start) == fy == FinancialYear.containing(fy.end)
    day = min(fy.start + datetime.timedelta(days=offset), fy.end)
    assert FinancialYear.containing(day) == fy
    assert day in fy
    assert fy.start - datetime.timedelta(days=1) not in fy
    assert fy.end + datetime.timedelta(days=1) not in fy


@given(financial_years(2000, 2100), st.integers(-100, 99))
def test_adding_and_subtracting_years(fy: FinancialYear, n: int) -> None:
    assert fy + n - n == fy
    assert (fy + n) - fy == n
    assert (fy + n).start_year == fy.start_year + n
    assert fy - (fy + n) == -n


@given(financial_years(), financial_years())
def test_ordering_agrees_with_start_year(a: FinancialYear, b: FinancialYear) -> None:
    assert (a < b) == (a.start_year < b.start_year)
    assert (a <= b) == (a.start_year <= b.start_year)
    assert (a > b) == (a.start_year > b.start_year)
    assert (a >= b) == (a.start_year >= b.start_year)
    assert (a == b) == (a.start_year == b.start_year)
    if a == b:
        assert hash(a) == hash(b)
    assert (a < b) == (period_sort_key(a) < period_sort_key(b))


@given(financial_years(1950, 2150), st.integers(0, 49))
def test_range_length_and_contents(first: FinancialYear, extra: int) -> None:
    last = first + extra
    years = FinancialYear.range(first, last)
    assert len(years) == last - first + 1
    assert years[0] == first
    assert years[-1] == last
    assert all(b - a == 1 for a, b in itertools.pairwise(years))


@given(st.lists(any_periods(), max_size=12), st.randoms(use_true_random=False))
def test_period_sort_key_is_a_total_order_consistent_with_equality(
    periods: list[Period], rnd: random.Random
) -> None:
    for a in periods:
        for b in periods:
            assert (period_sort_key(a) == period_sort_key(b)) == (a == b)
    shuffled = list(periods)
    rnd.shuffle(shuffled)
    assert sorted(shuffled, key=period_sort_key) == sorted(periods, key=period_sort_key)


@given(open_period_buckets(), financial_years(1980, 2070))
def test_open_periods_sort_by_where_they_end(period: OpenPeriod, fy: FinancialYear) -> None:
    before = period_sort_key(period) < period_sort_key(fy)
    if period.until is None:
        assert not before  # open-ended buckets (and the horizon) follow every year
    elif fy.start_year > period.until.start_year:
        assert before
    elif fy.start_year < period.until.start_year:
        assert not before
    else:  # same last year: the longer span (or unknown start) comes first
        first = period.first_year
        assert before == (first is None or first < fy)


@given(any_periods())
def test_periods_pickle_and_hash(period: Period) -> None:
    restored = pickle.loads(pickle.dumps(period))
    assert restored == period
    assert hash(restored) == hash(period)
    assert period_sort_key(restored) == period_sort_key(period)
