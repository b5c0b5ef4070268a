"""UK financial years and the open-ended buckets that business cases publish.

A UK public-sector financial year runs from 1 April to 31 March. wecb names a
year by the calendar year in which it starts: ``FinancialYear(2012)`` is
``2012/13``, from 1 April 2012 to 31 March 2013.

>>> fy = FinancialYear.parse("FY 2012-13")
>>> fy, str(fy), fy.start, fy.end
(FinancialYear(2012), '2012/13', datetime.date(2012, 4, 1), datetime.date(2013, 3, 31))
>>> [str(y) for y in FinancialYear.range(fy, fy + 2)]
['2012/13', '2013/14', '2014/15']

Cost tables in the business cases also use columns that are not one financial
year: "To Mar '13" (everything up to the end of 2012/13, start unknown),
"Further implementation" (every year after 2013/14) and unphased totals over a
whole appraisal horizon. Those are :class:`OpenPeriod` values, defined as data
by a programme rather than parsed from free text:

>>> to_mar_13 = OpenPeriod(key="to_mar_2013", label="To Mar '13", until=FinancialYear(2012))
>>> further = OpenPeriod(
...     key="further_implementation", label="Further implementation", after=FinancialYear(2013)
... )
>>> [str(p) for p in sorted([further, FinancialYear(2013), to_mar_13], key=period_sort_key)]
["To Mar '13", '2013/14', 'Further implementation']

Financial years are not pint time units: a rate "per year" in :mod:`wecb.units`
is a duration of one budgeting year, while a :class:`FinancialYear` is a
calendar position. Both classes are small frozen attrs classes: attrs gives their
equality, ordering, hashing, immutability and pickling.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from typing import Any, Final, TypeAlias, overload

import attrs

from wecb.errors import FloatNotAllowedError, ParseError, PeriodError, WecbTypeError, excerpt

__all__ = [
    "MAX_START_YEAR",
    "MIN_START_YEAR",
    "FinancialYear",
    "OpenPeriod",
    "Period",
    "PeriodSortKey",
    "parse_period",
    "period_sort_key",
]

#: The first and last accepted start years: 1900/01 to 2199/00.
MIN_START_YEAR: Final = 1900
MAX_START_YEAR: Final = 2199

_FORMS: Final = "'2012/13' (also '2012-13', '2012/2013', '2012-2013', 'FY2012/13', 'FY 2012-13')"

# Patterns are compiled on first use (re's cache), keeping the import cheap.
# Separator: slash, hyphen or en dash (UK papers print "2012–13" too).
_FY_TEXT: Final = r"(?i:FY\s*)?(?P<start>[0-9]{4})\s*[/\-\u2013]\s*(?P<end>[0-9]{4}|[0-9]{2})"
_KEY: Final = r"[a-z0-9_]+"


def _check_start_year(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, float):
            raise FloatNotAllowedError(
                "a financial year's start year must be an int such as 2012, "
                f"got the float {value!r}"
            )
        raise WecbTypeError(
            f"a financial year's start year must be an int such as 2012, got {excerpt(value)} "
            f"of type {type(value).__name__}"
        )
    if not MIN_START_YEAR <= value <= MAX_START_YEAR:
        raise PeriodError(
            f"financial year start {excerpt(value)} is outside the accepted range "
            f"{MIN_START_YEAR}..{MAX_START_YEAR} (FinancialYear(2012) is 2012/13)"
        )
    return value


def _start_year(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    _check_start_year(value)


@attrs.frozen(order=True, repr=False)
class FinancialYear:
    """The UK financial year starting on 1 April of ``start_year``.

    Immutable, hashable, totally ordered and picklable; adding an ``int`` moves
    by whole years and subtracting two years gives the number of years between.

    >>> fy = FinancialYear(2012)
    >>> str(fy), repr(fy), fy.label_short
    ('2012/13', 'FinancialYear(2012)', '12/13')
    >>> fy + 1, fy - 1, FinancialYear(2016) - fy
    (FinancialYear(2013), FinancialYear(2011), 4)
    >>> FinancialYear.containing(datetime.date(2013, 3, 31)) == fy
    True
    >>> datetime.date(2013, 4, 1) in fy
    False
    >>> FinancialYear(1899)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wecb.errors.PeriodError: financial year start 1899 is outside the accepted range 1900..2199 ...
    """

    start_year: int = attrs.field(validator=_start_year)

    # Immutable: a copy is the value itself.
    def __copy__(self) -> FinancialYear:
        return self

    def __deepcopy__(self, memo: object) -> FinancialYear:
        return self

    # -- construction -------------------------------------------------------------

    @classmethod
    def parse(cls, text: str) -> FinancialYear:
        """Read a financial year written as the UK papers write it.

        Accepts ``2012/13``, ``2012-13``, ``2012/2013``, ``2012-2013``,
        ``FY2012/13`` and ``FY 2012-13`` (any case, surrounding whitespace
        ignored). The two years must be consecutive, across a century too.

        >>> FinancialYear.parse(" fy2012/2013 "), FinancialYear.parse("1999/00")
        (FinancialYear(2012), FinancialYear(1999))
        >>> FinancialYear.parse("2012/14")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        wecb.errors.ParseError: '2012/14' is not a financial year: the years must be ...
        """
        if not isinstance(text, str):
            raise WecbTypeError(
                f"expected a financial year as text such as {_FORMS}, got {excerpt(text)}"
            )
        match = re.fullmatch(_FY_TEXT, text.strip())
        if match is None:
            raise ParseError(f"expected a financial year such as {_FORMS}, got {excerpt(text)}")
        start = int(match["start"])
        end_text = match["end"]
        end = int(end_text)
        expected = start + 1 if len(end_text) == 4 else (start + 1) % 100
        if end != expected:
            width = len(end_text)
            raise ParseError(
                f"{text.strip()!r} is not a financial year: the years must be consecutive, "
                f"so {start} is followed by {expected:0{width}d} "
                f"('{start}/{(start + 1) % 100:02d}'), not {end_text}"
            )
        try:
            return cls(start)
        except PeriodError as exc:
            raise ParseError(f"{text.strip()!r}: {exc}") from None

    @classmethod
    def containing(cls, day: datetime.date) -> FinancialYear:
        """The financial year in which ``day`` (a date or datetime) falls.

        >>> FinancialYear.containing(datetime.date(2012, 4, 1))
        FinancialYear(2012)
        >>> FinancialYear.containing(datetime.date(2012, 3, 31))
        FinancialYear(2011)
        """
        if not isinstance(day, datetime.date):
            raise WecbTypeError(f"expected a datetime.date, got {day!r}")
        return cls(day.year if day.month >= 4 else day.year - 1)

    @classmethod
    def ending(cls, end_year: int) -> FinancialYear:
        """The financial year that ends on 31 March of ``end_year``.

        >>> FinancialYear.ending(2013)
        FinancialYear(2012)
        """
        if isinstance(end_year, bool) or not isinstance(end_year, int):
            _check_start_year(end_year)  # raises the type error, naming the value
        return cls(end_year - 1)

    @classmethod
    def range(cls, first: FinancialYear, last: FinancialYear) -> tuple[FinancialYear, ...]:
        """Every year from ``first`` to ``last`` inclusive, in order.

        >>> FinancialYear.range(FinancialYear(2012), FinancialYear(2014))
        (FinancialYear(2012), FinancialYear(2013), FinancialYear(2014))
        """
        if not isinstance(first, FinancialYear) or not isinstance(last, FinancialYear):
            raise WecbTypeError(f"a range needs two FinancialYear values, got {first!r}, {last!r}")
        if last.start_year < first.start_year:
            raise PeriodError(f"a range cannot end ({last}) before it starts ({first})")
        return tuple(cls(y) for y in range(first.start_year, last.start_year + 1))

    # -- properties ---------------------------------------------------------------

    @property
    def start(self) -> datetime.date:
        """1 April of the start year."""
        return datetime.date(self.start_year, 4, 1)

    @property
    def end(self) -> datetime.date:
        """31 March of the following year (the last day, inclusive)."""
        return datetime.date(self.start_year + 1, 3, 31)

    @property
    def end_year(self) -> int:
        """The calendar year in which this financial year ends."""
        return self.start_year + 1

    @property
    def label_short(self) -> str:
        """Two-digit form, ``12/13``."""
        return f"{self.start_year % 100:02d}/{(self.start_year + 1) % 100:02d}"

    @property
    def days(self) -> int:
        """The number of days in the year: 366 when it holds a 29 February."""
        return (self.end - self.start).days + 1

    def next(self) -> FinancialYear:
        """The following financial year."""
        return FinancialYear(self.start_year + 1)

    def previous(self) -> FinancialYear:
        """The preceding financial year."""
        return FinancialYear(self.start_year - 1)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, datetime.date) and self.start <= _as_date(day) <= self.end

    # -- text ---------------------------------------------------------------------

    def __str__(self) -> str:
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    def __repr__(self) -> str:
        return f"FinancialYear({self.start_year})"

    # -- arithmetic ---------------------------------------------------------------

    def __add__(self, years: int) -> FinancialYear:
        if isinstance(years, int) and not isinstance(years, bool):
            return FinancialYear(self.start_year + years)
        return NotImplemented

    __radd__ = __add__

    @overload
    def __sub__(self, other: FinancialYear) -> int: ...

    @overload
    def __sub__(self, other: int) -> FinancialYear: ...

    def __sub__(self, other: FinancialYear | int) -> FinancialYear | int:
        if isinstance(other, FinancialYear):
            return self.start_year - other.start_year
        if isinstance(other, int) and not isinstance(other, bool):
            return FinancialYear(self.start_year - other)
        return NotImplemented


def _as_date(day: datetime.date) -> datetime.date:
    # A datetime is a date, but compares unequal to one: use its date part.
    return day.date() if isinstance(day, datetime.datetime) else day


def _bound(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, FinancialYear):
        raise WecbTypeError(
            f"OpenPeriod.{attribute.name} must be a FinancialYear or None, got {value!r}"
        )


def _key(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        raise WecbTypeError(
            "OpenPeriod.key must be text matching [a-z0-9_]+ (e.g. 'further_implementation'), "
            f"got {value!r}"
        )
    if re.fullmatch(_KEY, value) is None:
        raise PeriodError(
            "OpenPeriod.key must match [a-z0-9_]+ (e.g. 'further_implementation'), got "
            f"{excerpt(value)}"
        )


def _label(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        raise WecbTypeError(f"OpenPeriod.label must be non-empty text, got {value!r}")
    if not value.strip():
        raise PeriodError(f"OpenPeriod.label must be non-empty text, got {value!r}")


@attrs.frozen(kw_only=True, repr=False)
class OpenPeriod:
    """A named bucket of money that is not a single financial year.

    ``after`` (exclusive) and ``until`` (inclusive) bound the bucket by
    financial years; ``None`` leaves that side open. With neither bound it is
    an unphased total over the whole appraisal horizon.

    >>> p = OpenPeriod(key="to_mar_2013", label="To Mar '13", until=FinancialYear(2012))
    >>> str(p), p.first_year, p.last_year, FinancialYear(2011) in p
    ("To Mar '13", None, FinancialYear(2012), True)
    >>> OpenPeriod(key="Bad Key", label="x")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wecb.errors.PeriodError: OpenPeriod.key must match [a-z0-9_]+ ..., got 'Bad Key'
    """

    key: str = attrs.field(validator=_key)
    label: str = attrs.field(validator=_label)
    after: FinancialYear | None = attrs.field(default=None, validator=_bound)
    until: FinancialYear | None = attrs.field(default=None, validator=_bound)

    def __attrs_post_init__(self) -> None:
        after, until = self.after, self.until
        if after is not None and until is not None and not after < until:
            raise PeriodError(
                f"OpenPeriod {self.key!r}: after ({after}) must come before until ({until}); "
                "the bucket holds the years after 'after' up to and including 'until'"
            )

    def __copy__(self) -> OpenPeriod:
        return self

    def __deepcopy__(self, memo: object) -> OpenPeriod:
        return self

    @property
    def first_year(self) -> FinancialYear | None:
        """The first financial year in the bucket, or ``None`` if its start is open."""
        return None if self.after is None else self.after + 1

    @property
    def last_year(self) -> FinancialYear | None:
        """The last financial year in the bucket, or ``None`` if it is open-ended."""
        return self.until

    @property
    def is_horizon(self) -> bool:
        """True for an unphased total over the whole horizon (no bounds at all)."""
        return self.after is None and self.until is None

    def __contains__(self, year: object) -> bool:
        if not isinstance(year, FinancialYear):
            return False
        if self.after is not None and year <= self.after:
            return False
        return self.until is None or year <= self.until

    def __str__(self) -> str:
        return self.label

    def __repr__(self) -> str:
        bounds = "".join(
            f", {name}={value!r}"
            for name, value in (("after", self.after), ("until", self.until))
            if value is not None
        )
        return f"OpenPeriod(key={self.key!r}, label={self.label!r}{bounds})"


OpenPeriod.__match_args__ = ("key", "label", "after", "until")  # type: ignore[misc,assignment]


#: A column of a cost table: one financial year or an open bucket.
Period: TypeAlias = FinancialYear | OpenPeriod

#: The key type returned by :func:`period_sort_key`.
PeriodSortKey: TypeAlias = tuple[int, int, int, int, int, int, str, str]


def period_sort_key(period: Period) -> PeriodSortKey:
    """A key giving one total order over financial years and open periods.

    Every period is treated as a span of financial years and ordered
    chronologically by where it **ends**, then by where it **starts**:

    * an open end sorts after every year (``after=2013/14`` follows all years);
    * an unknown start sorts before every year that ends at the same place, so
      "To Mar '13" (``until=2012/13``) sits just before ``2012/13`` and after
      ``2011/12``;
    * the unbounded whole-horizon total sorts last of all;
    * with equal spans a :class:`FinancialYear` precedes an :class:`OpenPeriod`,
      and open periods fall back to ``key`` then ``label``.

    Two periods have equal keys exactly when they are equal.

    >>> fy12, fy13 = FinancialYear(2012), FinancialYear(2013)
    >>> horizon = OpenPeriod(key="horizon", label="Appraisal horizon")
    >>> to_mar = OpenPeriod(key="to_mar_2013", label="To Mar '13", until=fy12)
    >>> later = OpenPeriod(key="later", label="Later", after=fy12)
    >>> sorted([horizon, later, fy13, fy12, to_mar], key=period_sort_key)
    ... # doctest: +NORMALIZE_WHITESPACE
    [OpenPeriod(key='to_mar_2013', label="To Mar '13", until=FinancialYear(2012)),
     FinancialYear(2012), FinancialYear(2013),
     OpenPeriod(key='later', label='Later', after=FinancialYear(2012)),
     OpenPeriod(key='horizon', label='Appraisal horizon')]
    """
    if isinstance(period, FinancialYear):
        year = period.start_year
        return (0, 0, year, 1, year, 0, "", "")
    if isinstance(period, OpenPeriod):
        if period.is_horizon:
            return (1, 0, 0, 0, 0, 1, period.key, period.label)
        first = period.first_year
        last = period.until
        return (
            0,
            0 if last is not None else 1,
            last.start_year if last is not None else 0,
            0 if first is None else 1,
            first.start_year if first is not None else 0,
            1,
            period.key,
            period.label,
        )
    raise PeriodError(f"expected a FinancialYear or OpenPeriod, got {period!r}")


def parse_period(text: str, open_periods: Iterable[OpenPeriod] = ()) -> Period:
    """Read a period: a financial year, or the key of one of ``open_periods``.

    Open periods are data defined by a programme, so only those passed in are
    recognised, by their exact ``key``.

    >>> parse_period("2013-14")
    FinancialYear(2013)
    >>> further = OpenPeriod(key="further", label="Further", after=FinancialYear(2013))
    >>> parse_period("further", [further]) is further
    True
    >>> parse_period("later", [further])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wecb.errors.ParseError: expected a financial year ... open period key (further), got 'later'
    """
    if not isinstance(text, str):
        raise ParseError(f"expected a period as text such as '2012/13', got {text!r}")
    periods = _open_period_list(open_periods)
    stripped = text.strip()
    for period in periods:
        if period.key == stripped:
            return period
    try:
        return FinancialYear.parse(stripped)
    except ParseError:
        if not periods or re.fullmatch(_FY_TEXT, stripped) is not None:
            raise
        keys = ", ".join(p.key for p in periods)
        raise ParseError(
            f"expected a financial year such as {_FORMS} or an open period key ({keys}), "
            f"got {text!r}"
        ) from None


def _open_period_list(open_periods: Iterable[OpenPeriod]) -> list[OpenPeriod]:
    if isinstance(open_periods, OpenPeriod | str | bytes):
        raise ParseError(f"open_periods must be a collection of OpenPeriod, got {open_periods!r}")
    try:
        items: list[object] = list(open_periods)
    except TypeError:
        raise ParseError(
            f"open_periods must be a collection of OpenPeriod, got {open_periods!r}"
        ) from None
    for item in items:
        if not isinstance(item, OpenPeriod):
            raise ParseError(f"open_periods must hold only OpenPeriod values, got {item!r}")
    return [item for item in items if isinstance(item, OpenPeriod)]
