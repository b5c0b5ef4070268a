"""Funding streams: who funds the programme, how much, when, and how it enters.

A stream's ``arrangement`` makes the source documents' distinction between pooling and
aligning explicit (see :mod:`wecb.model.integration`); a stream given to a project must fit
that project's integration level, which :class:`~wecb.model.programme.Programme` checks.

The amount is either a total over the stream's periods or an amount per financial year:

>>> from wecb.core.money import Money
>>> from wecb.core.periods import FinancialYear
>>> grant = FundingStream(
...     key="grant", name="An annual grant", funder="ccg",
...     amount=Money("95000"), basis=FundingBasis.PER_YEAR,
...     periods=(FinancialYear(2013), FinancialYear(2014)),
...     arrangement=PoolingArrangement.ALIGNED)
>>> grant.total == Money("190000")
True

Funding streams hold
--------------------
A cost that names a stream (``CashFlow.stream``) draws on it, and a
:class:`~wecb.model.programme.Programme` refuses costs that draw more than the stream has,
each problem naming the stream, the period, the amount drawn and the amount available,
together with the programme's other problems. Every cost drawing on the stream counts,
cash or in kind. The rules:

* ``basis=TOTAL``: the costs drawn in all periods together are at most ``amount``.
* ``basis=PER_YEAR``: the costs drawn in each financial year are at most ``amount``; the
  costs drawn in a **bounded** open period (one with both ``after`` and ``until``),
  together with those drawn in the years and periods inside it, are at most
  ``amount`` times its number of years. An open period without both bounds (open-ended,
  such as "further implementation", or with an unknown start, such as "until 2011-12") has
  no fixed number of years, so no limit can be set on the costs drawn in it: they are not
  bounded (and not refused).
* The qualifier: ``AT_LEAST`` and ``MORE_THAN`` ("at least £1m") set no upper bound;
  ``EXACT``, ``APPROXIMATELY``, ``ESTIMATED`` and ``UP_TO`` make the amount the limit (the
  source gives no margin; state the amount it allows if it is larger).
* A stream with no amount (unquantified, such as staff committed in kind) bounds nothing.
* Periods: a stream that lists ``periods`` is drawn on within them only: a cost is refused
  unless every year its period may hold is a year of the stream's periods taken together
  (so 2013/14 and 2014/15 listed cover an open period of those two years, and an
  open-ended cost period needs an open-ended stream period). A stream that lists no
  periods (its years are not given) may be drawn on in any period.

:meth:`FundingStream.covers` and :meth:`FundingStream.overdrawn` state the rules for one
stream; the programme adds up what its costs draw:

>>> one_million = FundingStream(
...     key="fund", name="A one-off fund", funder="ecc", amount=Money("1000000"),
...     arrangement=PoolingArrangement.ALIGNED)
>>> for overdraft in one_million.overdrawn({FinancialYear(2013): Money("8000000")}):
...     print(overdraft)
costs drawn over all its periods are £8,000,000.00, more than the £1,000,000.00 \
available (£1,000,000.00 in total)
>>> grant.covers(FinancialYear(2015)), grant.overdrawn({FinancialYear(2013): Money("95000")})
(False, ())
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Final

import attrs

from wecb.core._validators import (
    check_bool,
    check_enum,
    check_key,
    check_money,
    check_non_negative_money,
    check_period,
    check_text,
    field,
    optional,
    tuple_of,
    wrong_type,
)
from wecb.core.money import Money
from wecb.core.periods import (
    MAX_START_YEAR,
    MIN_START_YEAR,
    FinancialYear,
    OpenPeriod,
    Period,
    period_sort_key,
)
from wecb.errors import ValidationError
from wecb.model.documents import Source, source_field
from wecb.model.facts import Qualifier
from wecb.model.integration import PoolingArrangement

__all__ = ["PROGRAMME", "FundingBasis", "FundingStream", "Overdraft", "bounded_years"]

#: The ``recipient`` meaning the programme as a whole rather than one project.
PROGRAMME: Final = "programme"

#: Qualifiers that set no upper bound on what a stream gives ("at least £1m").
_UNBOUNDED: Final = frozenset({Qualifier.AT_LEAST, Qualifier.MORE_THAN})


class FundingBasis(enum.Enum):
    """Whether a stream's amount is its total or an amount for each financial year."""

    TOTAL = "total"
    PER_YEAR = "per_year"


def bounded_years(period: Period) -> tuple[FinancialYear, ...] | None:
    """The financial years a period spans, or ``None`` when it has no fixed number of
    years (an open period without both ``after`` and ``until``).

    >>> bounded_years(OpenPeriod(key="p", label="P", after=FinancialYear(2013),
    ...                          until=FinancialYear(2015)))
    (FinancialYear(2014), FinancialYear(2015))
    >>> bounded_years(OpenPeriod(key="later", label="Later", after=FinancialYear(2013)))
    """
    if isinstance(period, FinancialYear):
        return (period,)
    if period.after is None or period.until is None:
        return None
    return FinancialYear.range(period.after + 1, period.until)


def _span(period: Period) -> tuple[int, int]:
    """The first and last start years of the years ``period`` may hold; an open side runs
    to the first or last year wecb accepts."""
    if isinstance(period, FinancialYear):
        return period.start_year, period.start_year
    first = MIN_START_YEAR if period.after is None else period.after.start_year + 1
    last = MAX_START_YEAR if period.until is None else period.until.start_year
    return first, last


def _inside(inner: Period, outer: Period) -> bool:
    """Whether every year ``inner`` may hold lies in ``outer`` (a period is inside itself)."""
    (first, last), (lo, hi) = _span(inner), _span(outer)
    return lo <= first and last <= hi


def _joined(periods: Iterable[Period]) -> list[tuple[int, int]]:
    """The years ``periods`` hold together, as sorted runs of consecutive years."""
    runs: list[tuple[int, int]] = []
    for first, last in sorted(_span(p) for p in periods):
        if runs and first <= runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], max(runs[-1][1], last))
        else:
            runs.append((first, last))
    return runs


def _period_text(period: Period) -> str:
    years = bounded_years(period)
    if isinstance(period, FinancialYear) or years is None:
        return str(period)
    return f"{period} ({years[0]} to {years[-1]}, {len(years)} years)"


@attrs.frozen(kw_only=True)
class Overdraft:
    """Costs drawn on a stream beyond what it gives in a period.

    ``period`` is ``None`` for a stream given as a total (the costs of all its periods
    together); ``counted`` lists the periods of the costs added up; ``limit`` says how
    ``available`` follows from the stream's amount.
    """

    stream: str = attrs.field(validator=field(check_key))
    period: Period | None = attrs.field(validator=field(optional(check_period)))
    drawn: Money = attrs.field(validator=field(check_money))
    available: Money = attrs.field(validator=field(check_money))
    counted: tuple[Period, ...] = attrs.field(
        validator=field(tuple_of(check_period, what="period"))
    )
    limit: str = attrs.field(validator=field(check_text))

    def __str__(self) -> str:
        where = (
            "over all its periods" if self.period is None else f"in {_period_text(self.period)}"
        )
        return (
            f"costs drawn {where} are {self.drawn}, more than the {self.available} available "
            f"({self.limit})"
        )


def _check_recipient(where: str, value: object) -> None:
    if value == PROGRAMME:
        return
    if not isinstance(value, str):
        wrong_type(where, value, f"a project key, {PROGRAMME!r}, or None")
    check_key(where, value)


@attrs.frozen(kw_only=True)
class FundingStream:
    """Money (or staff time) a partner puts into the programme.

    ``funder`` is a partner key; ``recipient`` is a project key, ``"programme"`` for the
    programme as a whole, or ``None`` when not yet allocated. ``amount`` is ``None`` for an
    unquantified contribution (such as staff committed in kind). ``periods`` are the years
    (or open buckets) the stream covers, each at most once.

    >>> FundingStream(key="x", name="X", funder="ecc", amount=Money("-1"),
    ...               arrangement=PoolingArrangement.POOLED)
    Traceback (most recent call last):
    ...
    wecb.errors.ValidationError: FundingStream.amount: Money(...) is not accepted; ...
    """

    key: str = attrs.field(validator=field(check_key))
    name: str = attrs.field(validator=field(check_text))
    funder: str = attrs.field(validator=field(check_key))
    arrangement: PoolingArrangement = attrs.field(validator=field(check_enum(PoolingArrangement)))
    amount: Money | None = attrs.field(
        default=None, validator=field(optional(check_non_negative_money))
    )
    basis: FundingBasis = attrs.field(
        default=FundingBasis.TOTAL, validator=field(check_enum(FundingBasis))
    )
    #: How exactly the source states the amount ("approximately £200m a year" is not exact).
    qualifier: Qualifier = attrs.field(
        default=Qualifier.EXACT, validator=field(check_enum(Qualifier))
    )
    periods: tuple[Period, ...] = attrs.field(
        default=(), validator=field(tuple_of(check_period, unique=True, what="period"))
    )
    ring_fenced: bool = attrs.field(default=False, validator=field(check_bool))
    recipient: str | None = attrs.field(default=None, validator=field(optional(_check_recipient)))
    note: str | None = attrs.field(default=None, validator=field(optional(check_text)))
    source: Source | None = source_field()

    @property
    def is_pooled(self) -> bool:
        """Whether the stream enters as a real or virtual pool."""
        return self.arrangement.is_pooled

    @property
    def financial_years(self) -> tuple[FinancialYear, ...]:
        """The financial years among the stream's periods, in order."""
        return tuple(sorted(p for p in self.periods if isinstance(p, FinancialYear)))

    @property
    def total(self) -> Money:
        """The stream's total: the amount itself, or the per-year amount times its years.

        Raises :class:`~wecb.errors.ValidationError` when no total exists: the amount is
        unknown, or a per-year amount runs over no periods or over an open period without
        both bounds (such a bucket has no fixed number of years). A year listed twice (on
        its own and inside a bounded open period) is counted once.

        >>> from wecb.core.periods import OpenPeriod
        >>> later = OpenPeriod(key="later", label="Later years", after=FinancialYear(2013))
        >>> FundingStream(key="x", name="X", funder="ecc", amount=Money("10"),
        ...     basis=FundingBasis.PER_YEAR, periods=(later,),
        ...     arrangement=PoolingArrangement.ALIGNED).total
        Traceback (most recent call last):
        ...
        wecb.errors.ValidationError: FundingStream 'x': a per-year amount cannot be totalled ...
        """
        where = f"FundingStream {self.key!r}"
        if self.amount is None:
            raise ValidationError(
                f"{where} has no amount (an unquantified contribution, such as staff in kind), "
                "so it has no total"
            )
        if self.basis is FundingBasis.TOTAL:
            return self.amount
        open_periods = [p for p in self.periods if bounded_years(p) is None]
        if open_periods:
            keys = ", ".join(repr(p.key) for p in open_periods if isinstance(p, OpenPeriod))
            raise ValidationError(
                f"{where}: a per-year amount cannot be totalled over open period(s) {keys}, "
                "which have no fixed number of years; list financial years (or open periods "
                "with both 'after' and 'until') instead, or give the amount as a total "
                "(basis=FundingBasis.TOTAL)"
            )
        if not self.periods:
            raise ValidationError(
                f"{where}: a per-year amount with no periods has no total; give the financial "
                "years it covers in 'periods'"
            )
        years = {year for p in self.periods for year in bounded_years(p) or ()}
        return self.amount * len(years)

    def covers(self, period: Period) -> bool:
        """Whether costs in ``period`` may draw on the stream: it lists no periods, or
        ``period`` lies within the periods it lists (see the module's rules).

        >>> from wecb.core.periods import OpenPeriod
        >>> later = OpenPeriod(key="later", label="Later", after=FinancialYear(2013))
        >>> s = FundingStream(key="x", name="X", funder="ecc", periods=(later,),
        ...                   arrangement=PoolingArrangement.ALIGNED)
        >>> s.covers(FinancialYear(2020)), s.covers(FinancialYear(2013))
        (True, False)
        """
        if not self.periods or period in self.periods:
            return True
        first, last = _span(period)
        return any(lo <= first and last <= hi for lo, hi in _joined(self.periods))

    def overdrawn(self, drawn: Mapping[Period, Money]) -> tuple[Overdraft, ...]:
        """Where the costs ``drawn`` in each period (their sum per period, in the stream's
        currency) exceed what the stream gives; empty when they are within it.

        The limits are the module's rules: the total, each financial year, each bounded open
        period; none for an unquantified stream, an ``AT_LEAST`` or ``MORE_THAN`` amount,
        or an open period without both bounds. Whether each period is
        :meth:`covered <covers>` is a separate question.
        """
        amount = self.amount
        if amount is None or self.qualifier in _UNBOUNDED or not drawn:
            return ()
        stated = f"{self.qualifier.label} {amount}".strip()
        if self.basis is FundingBasis.TOTAL:
            total = sum(drawn.values(), Money.zero(amount.currency))
            if total <= amount:
                return ()
            periods = tuple(sorted(drawn, key=period_sort_key))
            return (self._overdraft(None, total, amount, periods, f"{stated} in total"),)
        found = []
        ordered = sorted(drawn, key=period_sort_key)
        for period in ordered:
            years = bounded_years(period)
            if years is None:
                continue  # no fixed number of years: no limit (documented)
            counted = tuple(p for p in ordered if _inside(p, period))
            total = sum((drawn[p] for p in counted), Money.zero(amount.currency))
            available = amount * len(years)
            if total > available:
                limit = f"{stated} a year" + (
                    "" if len(years) == 1 else f" for {len(years)} years"
                )
                found.append(self._overdraft(period, total, available, counted, limit))
        return tuple(found)

    def _overdraft(
        self,
        period: Period | None,
        drawn: Money,
        available: Money,
        counted: tuple[Period, ...],
        limit: str,
    ) -> Overdraft:
        return Overdraft(
            stream=self.key,
            period=period,
            drawn=drawn,
            available=available,
            counted=counted,
            limit=limit,
        )
