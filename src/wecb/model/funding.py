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
"""

from __future__ import annotations

import enum
from typing import Final

import attrs

from wecb.core._validators import (
    check_bool,
    check_enum,
    check_key,
    check_non_negative_money,
    check_period,
    check_text,
    field,
    optional,
    source_field,
    tuple_of,
    wrong_type,
)
from wecb.core.money import Money
from wecb.core.periods import FinancialYear, OpenPeriod, Period
from wecb.errors import ValidationError
from wecb.model.facts import Qualifier
from wecb.model.integration import PoolingArrangement

__all__ = ["PROGRAMME", "FundingBasis", "FundingStream"]

#: The ``recipient`` meaning the programme as a whole rather than one project.
PROGRAMME: Final = "programme"


class FundingBasis(enum.Enum):
    """Whether a stream's amount is its total or an amount for each financial year."""

    TOTAL = "total"
    PER_YEAR = "per_year"


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
    source: str | None = source_field()

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
        unknown, or a per-year amount runs over no periods or over an open period (an open
        bucket has no fixed number of years).

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
        open_periods = [p for p in self.periods if isinstance(p, OpenPeriod)]
        if open_periods:
            keys = ", ".join(repr(p.key) for p in open_periods)
            raise ValidationError(
                f"{where}: a per-year amount cannot be totalled over open period(s) {keys}, "
                "which have no fixed number of years; list financial years instead, or give "
                "the amount as a total (basis=FundingBasis.TOTAL)"
            )
        if not self.periods:
            raise ValidationError(
                f"{where}: a per-year amount with no periods has no total; give the financial "
                "years it covers in 'periods'"
            )
        return self.amount * len(self.periods)
