"""Phasing open periods into financial years, exactly to the penny.

Published tables put money in buckets that are not one financial year: "To Mar '13",
"Further implementation" (every year after 2013/14, open-ended) and benefits given as one
unphased total over the whole appraisal horizon. Discounting needs a year for every pound,
so an appraisal must say how each bucket is spread. A :class:`Phasing` maps an open
period's key to weights by financial year; :meth:`Phasing.phase` splits an amount by those
weights with :meth:`Money.allocate <wecb.core.money.Money.allocate>` (largest remainder), so the
parts are whole pennies and add up to the amount exactly. Nothing is phased implicitly:
an open period with no phasing raises :class:`~wecb.errors.UnphasedPeriodError` (an
:class:`~wecb.errors.AppraisalError`) naming it and showing how to phase it.

>>> from wecb.core.money import Money
>>> from wecb.core.periods import FinancialYear, OpenPeriod
>>> further = OpenPeriod(key="further", label="Further implementation",
...                      after=FinancialYear(2013))
>>> phasing = Phasing.even("further", FinancialYear(2014), FinancialYear(2016))
>>> parts = phasing.phase(Money("3081000"), further)
>>> [str(m) for m in parts.values()], sum(parts.values()) == Money("3081000")
(['£1,027,000.00', '£1,027,000.00', '£1,027,000.00'], True)
>>> Phasing().phase(Money("100"), further)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
wecb.errors.UnphasedPeriodError: open period 'further' (Further implementation, the years after \
2013/14) is not phased by financial year...

Weights may be given for one project only (``projects={"FBC1": {...}}``); they take
precedence over the programme-wide weights for that project's lines.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from typing import TypeAlias

import attrs

from wecb.core._validators import require_instance
from wecb.core.money import Money
from wecb.core.numbers import Exact, fraction
from wecb.core.periods import FinancialYear, OpenPeriod, Period
from wecb.errors import AllocationError, AppraisalError, UnphasedPeriodError, WecbTypeError

__all__ = ["Phasing", "PhasingWeights", "describe_open_period", "unphased_error"]

#: Weights of one open period, by financial year, in year order.
PhasingWeights: TypeAlias = tuple[tuple[FinancialYear, Fraction], ...]

_Table: TypeAlias = tuple[tuple[str, PhasingWeights], ...]

#: An open period, its phased years and their weights, as :func:`open_weights` checks them.
OpenWeights: TypeAlias = tuple[OpenPeriod, tuple[FinancialYear, ...], tuple[Fraction, ...]]


def _weights(where: str, value: object) -> PhasingWeights:
    if not isinstance(value, Mapping):
        raise WecbTypeError.not_accepted(where, value, "a mapping of FinancialYear to weight")
    pairs = []
    for year, weight in value.items():
        require_instance(
            f"{where} key", year, FinancialYear, "a FinancialYear, e.g. FinancialYear(2014)"
        )
        pairs.append(
            (year, fraction(weight, what=f"{where}[{year}]", minimum=0, error=AppraisalError))
        )
    if not pairs:
        raise AppraisalError(f"{where}: no financial years; give at least one")
    if all(w == 0 for _, w in pairs):
        raise AppraisalError(f"{where}: every weight is zero; at least one must be positive")
    return tuple(sorted(pairs))


def _table(where: str, value: object) -> _Table:
    if isinstance(value, tuple):  # already converted (attrs.evolve passes it back)
        return value
    if not isinstance(value, Mapping):
        raise WecbTypeError.not_accepted(where, value, "a mapping")
    out = []
    for key, weights in value.items():
        if not isinstance(key, str):
            raise WecbTypeError.not_accepted(f"{where} key", key, "an open period key")
        if not key:
            raise AppraisalError.not_accepted(f"{where} key", key, "an open period key")
        out.append((key, _weights(f"{where}[{key!r}]", weights)))
    return tuple(sorted(out))


def _periods(value: object) -> _Table:
    return _table("Phasing.periods", {} if value is None else value)


def _projects(value: object) -> tuple[tuple[str, _Table], ...]:
    if value is None:
        return ()
    if isinstance(value, tuple):
        return value
    if not isinstance(value, Mapping):
        raise WecbTypeError.not_accepted("Phasing.projects", value, "a mapping")
    return tuple(
        sorted(
            (str(project), _table(f"Phasing.projects[{project!r}]", table))
            for project, table in value.items()
        )
    )


def describe_open_period(period: OpenPeriod) -> str:
    """The years an open period covers, in words.

    >>> describe_open_period(OpenPeriod(key="h", label="Appraisal horizon"))
    'Appraisal horizon, the whole appraisal horizon'
    """
    if period.is_horizon:
        span = "the whole appraisal horizon"
    elif period.after is not None and period.until is not None:
        span = f"the years after {period.after} up to {period.until}"
    elif period.after is not None:
        span = f"the years after {period.after}"
    else:
        span = f"the years up to {period.until}"
    return f"{period.label}, {span}"


def _example_years(period: OpenPeriod) -> tuple[FinancialYear, FinancialYear]:
    if period.after is not None:
        first = period.after + 1
        return first, first + 3 if period.until is None else min(first + 3, period.until)
    if period.until is not None:
        return period.until, period.until
    return FinancialYear(2013), FinancialYear(2017)


def unphased_error(period: OpenPeriod, what: Iterable[str] = ()) -> UnphasedPeriodError:
    """The error for discounting ``period`` without a phasing; ``what`` names the lines."""
    first, last = _example_years(period)
    lines = list(what)
    held = f"; it holds {', '.join(lines)}" if lines else ""
    example = (
        f"Phasing.even({period.key!r}, FinancialYear({first.start_year}), "
        f"FinancialYear({last.start_year}))"
    )
    return UnphasedPeriodError(
        f"open period {period.key!r} ({describe_open_period(period)}) is not phased by "
        f"financial year, so it cannot be discounted{held}. Phase it explicitly: pass "
        f"phasing=Phasing({{{period.key!r}: {{FinancialYear({first.start_year}): 1, ...}}}}) "
        f"with a weight for each year, or {example}; amounts are split by the weights "
        "exactly to the penny."
    )


@attrs.frozen
class Phasing:
    """How each open period is spread over financial years, by weight.

    ``periods`` maps an open period's key to ``{FinancialYear: weight}``; ``projects``
    maps a project key to such a mapping, used for that project's lines before
    ``periods``. Weights are exact (:data:`~wecb.core.numbers.Exact`), zero or more, not
    all zero; only their ratios matter. ``note`` records why (the assumption made).

    >>> p = Phasing({"to_mar_2013": {FinancialYear(2012): 1}}, note="all in 2012/13")
    >>> print(p)
    to_mar_2013: 2012/13 1 (all in 2012/13)
    """

    periods: _Table = attrs.field(default=(), converter=_periods)
    projects: tuple[tuple[str, _Table], ...] = attrs.field(
        default=(), kw_only=True, converter=_projects
    )
    note: str | None = attrs.field(default=None, kw_only=True)

    @classmethod
    def even(
        cls, key: str, first: FinancialYear, last: FinancialYear, *, note: str | None = None
    ) -> Phasing:
        """Equal weights for every year from ``first`` to ``last`` inclusive."""
        return cls({key: dict.fromkeys(FinancialYear.range(first, last), 1)}, note=note)

    def weights(self, key: str, project: str | None = None) -> PhasingWeights | None:
        """The weights for open period ``key`` (of ``project`` if it has its own), or None."""
        if project is not None:
            for name, table in self.projects:
                if name == project:
                    for period_key, weights in table:
                        if period_key == key:
                            return weights
        for period_key, weights in self.periods:
            if period_key == key:
                return weights
        return None

    def check_keys(self, periods: Iterable[str], projects: Iterable[str]) -> None:
        """Raise :class:`~wecb.errors.AppraisalError` naming every key that matches nothing:
        a period key that is not one of ``periods`` (the programme's open periods) and a
        project key that is not one of ``projects``, with the valid choices.

        >>> Phasing({"furhter": {FinancialYear(2014): 1}}).check_keys(["further"], ["P1"])
        Traceback (most recent call last):
        ...
        wecb.errors.AppraisalError: Phasing.periods key: 'furhter' is not accepted; expected \
an open period of the programme: further
        """
        open_keys, project_keys = list(periods), list(projects)
        expected_period = "an open period of the programme: " + (
            ", ".join(open_keys) or "none (its flows are all in financial years)"
        )
        expected_project = "a project of the programme: " + (", ".join(project_keys) or "none")
        problems = [
            AppraisalError.not_accepted("Phasing.periods key", key, expected_period)
            for key, _ in self.periods
            if key not in open_keys
        ]
        for project, table in self.projects:
            if project not in project_keys:
                problems.append(
                    AppraisalError.not_accepted("Phasing.projects key", project, expected_project)
                )
            problems += [
                AppraisalError.not_accepted(
                    f"Phasing.projects[{project!r}] key", key, expected_period
                )
                for key, _ in table
                if key not in open_keys
            ]
        if problems:
            raise AppraisalError("\n".join(map(str, problems)))

    def covers(self, period: Period, project: str | None = None) -> bool:
        """Whether ``period`` can be phased: a financial year, or a phased open period."""
        return isinstance(period, FinancialYear) or self.weights(period.key, project) is not None

    def phase(
        self, amount: Money, period: Period, *, project: str | None = None, what: str = ""
    ) -> dict[FinancialYear, Money]:
        """``amount`` by financial year: as it is for a year, split by weight for an open
        period. The parts are whole minor units (pennies) and sum exactly to ``amount``.

        Raises :class:`~wecb.errors.UnphasedPeriodError` when the open period is not phased,
        and :class:`~wecb.errors.AppraisalError` when a phased year lies outside the period
        or ``amount`` is not a whole number of pennies.
        """
        if isinstance(period, FinancialYear):
            return {period: amount}
        if not isinstance(period, OpenPeriod):
            raise WecbTypeError.not_accepted("period", period, "a FinancialYear or OpenPeriod")
        return split_open(amount, open_weights(self, period, project, what), lambda: what)

    def with_period(
        self,
        key: str,
        weights: Mapping[FinancialYear, Exact],
        *,
        project: str | None = None,
    ) -> Phasing:
        """A copy with ``key`` phased by ``weights`` (for ``project`` only if given)."""
        if project is None:
            table: dict[str, Mapping[FinancialYear, Exact]] = {k: dict(w) for k, w in self.periods}
            table[key] = dict(weights)
            return attrs.evolve(self, periods=_periods(table))
        projects: dict[str, dict[str, Mapping[FinancialYear, Exact]]] = {
            p: {k: dict(w) for k, w in t} for p, t in self.projects
        }
        projects.setdefault(project, {})[key] = dict(weights)
        return attrs.evolve(self, projects=_projects(projects))

    def __str__(self) -> str:
        def show(weights: PhasingWeights) -> str:
            return ", ".join(f"{year} {weight}" for year, weight in weights)

        lines = [f"{key}: {show(weights)}" for key, weights in self.periods]
        for project, table in self.projects:
            lines += [f"{project} {key}: {show(weights)}" for key, weights in table]
        text = "\n".join(lines) if lines else "no open period phased"
        return f"{text} ({self.note})" if self.note else text


def open_weights(
    phasing: Phasing, period: OpenPeriod, project: str | None, what: str = ""
) -> OpenWeights:
    """The checked weights :meth:`Phasing.phase` splits an amount in ``period`` (of
    ``project``) by: :class:`~wecb.errors.UnphasedPeriodError` when it is not phased
    (``what`` names the line), :class:`~wecb.errors.AppraisalError` when a phased year lies
    outside it. They depend on the period and project only, so an appraisal finds them once
    for all of its lines. Not in ``__all__``."""
    weights = phasing.weights(period.key, project)
    if weights is None:
        raise unphased_error(period, [what] if what else [])
    outside = [str(year) for year, _ in weights if not period.is_horizon and year not in period]
    if outside:
        raise AppraisalError(
            f"the phasing of open period {period.key!r} puts money in {', '.join(outside)}, "
            f"outside the period ({describe_open_period(period)})"
        )
    return period, tuple(year for year, _ in weights), tuple(w for _, w in weights)


def split_open(
    amount: Money, weights: OpenWeights, what: Callable[[], str]
) -> dict[FinancialYear, Money]:
    """``amount`` split by :func:`open_weights` (whole pennies, summing to it); ``what()``
    names the line in the error when it cannot be split (called only then). Not in
    ``__all__``."""
    period, years, shares = weights
    try:
        parts = amount.allocate(shares)
    except AllocationError as exc:
        named = what()
        label = f" ({named})" if named else ""
        raise AppraisalError(
            f"cannot phase {amount}{label} over open period {period.key!r}: {exc}"
        ) from exc
    return dict(zip(years, parts, strict=True))
