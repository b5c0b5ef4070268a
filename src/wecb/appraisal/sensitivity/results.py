"""The results of sensitivity runs: percentiles of simulated quantities, the Monte Carlo
result and the one-way (tornado) result.

Percentiles are order statistics (the "inverted CDF" definition: the smallest simulated
value with at least ``p%`` of draws at or below it), so each is a value actually simulated.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final, TypeAlias

import attrs

from wecb.appraisal.sensitivity import _sampling
from wecb.appraisal.sensitivity.ranges import SUM_BOUND, Uncertainty
from wecb.core._decimal import from_int_exp, plain
from wecb.core.assumptions import Assumption, ResultRows, assumption_notes
from wecb.core.cells import ratio_text
from wecb.core.money import Money
from wecb.core.numbers import fraction
from wecb.core.table import Column, Table, Tabular
from wecb.errors import AppraisalError

if TYPE_CHECKING:
    import numpy.typing as npt

    IntArray: TypeAlias = npt.NDArray[Any]

__all__ = ["MonteCarloResult", "OneWayResult", "OneWayRow", "Percentiles"]

#: Percentiles reported when none are asked for.
DEFAULT_PERCENTILES: Final = (5, 25, 50, 75, 95)


def percent(value: object) -> Fraction:
    """A percentile from 0 to 100, exactly."""
    return fraction(value, what="percentile", minimum=0, maximum=100, error=AppraisalError)


def _order_statistic(sorted_values: IntArray, p: Fraction) -> int:
    """The inverted-CDF percentile: the value at 1-based rank ``ceil(p / 100 * n)``."""
    n = len(sorted_values)
    rank = max(math.ceil(p * n / 100), 1)
    value: int = int(sorted_values[rank - 1])
    return value


@attrs.frozen(kw_only=True)
class Percentiles:
    """Percentiles of one simulated quantity, each an actually simulated value.

    ``base`` is the value with every multiplier at 1 (the deterministic case, each line
    rounded once to the penny); ``mean`` is the exact mean of the draws.
    """

    name: str
    values: tuple[tuple[Fraction, Money], ...]
    minimum: Money
    maximum: Money
    mean: Money
    base: Money

    def __getitem__(self, percentile: int | Decimal | Fraction) -> Money:
        p = percent(percentile)
        for q, value in self.values:
            if q == p:
                return value
        known = ", ".join(str(q) for q, _ in self.values)
        raise AppraisalError(f"percentile {percentile} was not computed (computed: {known})")


@attrs.frozen(kw_only=True)
class MonteCarloResult(Tabular):
    """The outcome of :func:`~wecb.appraisal.sensitivity.monte_carlo`.

    :attr:`net_present_budget_impact_percentiles` and
    :attr:`net_present_public_value_percentiles` summarise the simulated figures (the
    deterministic ones are the :class:`~wecb.appraisal.record.Appraisal`'s
    ``financial_case.net_present_budget_impact()`` and
    ``economic_case.net_present_public_value()``);
    :meth:`table` (what ``print`` and Jupyter show) lists every quantity, :meth:`rows`
    gives them as plain rows of Money; :meth:`assumptions` lists the appraisal's
    assumptions, each range and the run's settings (``basis``).
    """

    subject: str
    horizon: str
    base_year: str
    price_base: str
    schedule: str
    draws: int
    seed: int
    rounding: str
    engine: str
    adjusted: bool
    uncertainties: tuple[Uncertainty, ...]
    net_present_budget_impact_percentiles: Percentiles
    net_present_public_value_percentiles: Percentiles
    partners: tuple[Percentiles, ...]
    projects: tuple[Percentiles, ...]
    probability_negative_npv: Fraction
    npv_minor_units: tuple[int, ...] = attrs.field(repr=False)
    basis: tuple[Assumption, ...] = attrs.field(default=(), repr=False)

    def assumptions(self) -> tuple[Assumption, ...]:
        """The appraisal's assumptions, each range and the run's settings."""
        return self.basis

    def npv_draws(self) -> tuple[Money, ...]:
        """Every simulated NPV, in draw order."""
        currency = self.net_present_budget_impact_percentiles.base.currency
        return tuple(Money.from_minor_units(v, currency) for v in self.npv_minor_units)

    def partner(self, key: str) -> Percentiles:
        """The net position of partner ``key`` (``"(unattributed)"`` for lines with none)."""
        return _named(self.partners, "partner", key)

    def project(self, key: str) -> Percentiles:
        """The net position (fiscal NPV) of project ``key``."""
        return _named(self.projects, "project", key)

    def _quantities(self) -> tuple[Percentiles, ...]:
        return (
            self.net_present_budget_impact_percentiles,
            self.net_present_public_value_percentiles,
            *self.partners,
            *self.projects,
        )

    def rows(self) -> ResultRows:
        """One row per quantity: base, mean, min, each percentile, max (exact Money)."""
        rows: list[dict[str, object]] = []
        for item in self._quantities():
            row: dict[str, object] = {
                "quantity": item.name,
                "base": item.base,
                "mean": item.mean,
                "min": item.minimum,
            }
            for p, value in item.values:
                row[f"p{p}"] = value
            row["max"] = item.maximum
            rows.append(row)
        return ResultRows(rows, assumptions=self.assumptions())

    def __repr__(self) -> str:
        npv = self.net_present_budget_impact_percentiles
        return (
            f"<MonteCarloResult of {self.subject}: {self.draws:,} draws, seed {self.seed}, "
            f"NPV median {npv[50].format() if _has_median(npv) else 'n/a'}, "
            f"P(NPV < 0) {_fraction_percent(self.probability_negative_npv)}>"
        )

    def table(self) -> Table:
        """Base, mean, min, percentiles and max of each quantity, money to the penny; the
        NPV and net present public value rows (the headline figures) are subtotals."""
        percent_names = [f"p{p}" for p, _ in self.net_present_budget_impact_percentiles.values]
        keys = ("quantity", "base", "mean", "min", *percent_names, "max")
        names = ", ".join(u.name for u in self.uncertainties) or "none"
        rows = self.rows()
        return Table(
            columns=[Column(key="quantity", align="left")]
            + [Column(key=key, align="right") for key in keys[1:]],
            rows=[[row.get(key) for key in keys] for row in rows],
            kinds=["subtotal"] * 2 + ["group"] * (len(rows) - 2),
            title=(
                f"Monte Carlo of {self.subject}: {self.draws:,} draws, seed {self.seed}, "
                f"{'adjusted' if self.adjusted else 'unadjusted'} figures, engine {self.engine}"
            ),
            notes=(
                f"present values over {self.horizon}; base year {self.base_year}; "
                f"{self.price_base} prices; {self.schedule}",
                f"ranges: {names}; each line rounded once per draw ({self.rounding})",
                f"P(NPV < 0) = {self.probability_negative_npv} "
                f"({_fraction_percent(self.probability_negative_npv)})",
                *assumption_notes(self.assumptions()),
            ),
            scale="units",
            places=2,
        )


def _has_median(item: Percentiles) -> bool:
    return any(q == 50 for q, _ in item.values)


def _named(items: tuple[Percentiles, ...], kind: str, key: str) -> Percentiles:
    for item in items:
        if item.name == f"{kind} {key}":
            return item
    known = ", ".join(item.name.removeprefix(f"{kind} ") for item in items) or "none"
    raise AppraisalError(f"no {kind} {key!r} in this result; {kind}s: {known}")


def _fraction_percent(value: Fraction) -> str:
    scaled = value * 1000
    tenths = scaled.numerator // scaled.denominator
    return format(from_int_exp(tenths, -1), "f") + "%"  # exact, whatever the context


def summarise(
    name: str, values: IntArray, base: int, points: Sequence[Fraction], currency: str
) -> Percentiles:
    """The percentiles ``points`` of the simulated ``values`` (minor units), with their
    extremes, exact mean and the deterministic ``base``."""
    ordered, total = _sampling.ordered_and_total(values, SUM_BOUND)
    n = len(ordered)

    def money(v: int) -> Money:
        return Money.from_minor_units(int(v), currency)

    return Percentiles(
        name=name,
        values=tuple((p, money(_order_statistic(ordered, p))) for p in points),
        minimum=money(int(ordered[0])),
        maximum=money(int(ordered[-1])),
        mean=money(total) / n,
        base=money(base),
    )


@attrs.frozen(kw_only=True)
class OneWayRow:
    """One range moved alone: the NPV at its low and high multipliers, and the switching
    value of the lines it applies to: the exact multiplier of their present values at which
    the NPV (the net present budget impact) is 0, or ``None`` when no multiplier does
    (:mod:`wecb.appraisal.switching`)."""

    name: str
    low: Decimal
    high: Decimal
    npv_low: Money
    npv_high: Money
    switching_value: Fraction | None = None

    @property
    def swing(self) -> Money:
        """``abs(npv_high - npv_low)``."""
        return abs(self.npv_high - self.npv_low)


@attrs.frozen(kw_only=True)
class OneWayResult(Tabular):
    """One-way sensitivity: each range at its ends, all others at 1; largest swing first.

    :meth:`assumptions` lists the appraisal's assumptions, each range and the run's
    settings (``basis``).
    """

    subject: str
    base: Money
    rows_: tuple[OneWayRow, ...]
    basis: tuple[Assumption, ...] = attrs.field(default=(), repr=False)

    def assumptions(self) -> tuple[Assumption, ...]:
        """The appraisal's assumptions, each range and the run's settings."""
        return self.basis

    def rows(self) -> ResultRows:
        """One row per range: its multipliers (``Decimal``), the NPVs (Money) and the
        switching value (an exact ``Fraction``, or ``None``)."""
        rows = [
            {
                "range": r.name,
                "low": r.low,
                "high": r.high,
                "npv_low": r.npv_low,
                "npv_base": self.base,
                "npv_high": r.npv_high,
                "swing": r.swing,
                "switching_value": r.switching_value,
            }
            for r in self.rows_
        ]
        return ResultRows(rows, assumptions=self.assumptions())

    def __repr__(self) -> str:
        count = len(self.rows_)
        return (
            f"<OneWayResult of {self.subject}: {count} range{'s' if count != 1 else ''}, "
            f"NPV base {self.base.format()}>"
        )

    def table(self) -> Table:
        """Each range's multipliers, the NPV at each end (money to the penny) and its
        switching value (to four places)."""
        headers = (
            "range",
            "low",
            "NPV at low",
            "NPV base",
            "high",
            "NPV at high",
            "swing",
            "switching value",
        )
        return Table(
            columns=[Column(key="range", align="left")]
            + [Column(key=h.replace(" ", "_"), header=h, align="right") for h in headers[1:]],
            rows=[
                (
                    r.name,
                    f"x{plain(r.low)}",
                    r.npv_low,
                    self.base,
                    f"x{plain(r.high)}",
                    r.npv_high,
                    r.swing,
                    "none"
                    if r.switching_value is None
                    else f"x{ratio_text(r.switching_value, 4)}",
                )
                for r in self.rows_
            ],
            title=f"One-way sensitivity of the NPV of {self.subject} (others at x1)",
            notes=[
                "switching value: the multiplier of the range's lines at which the NPV (exact, "
                "not rounded by line) is 0, the other lines unchanged",
                *assumption_notes(self.assumptions()),
            ],
            scale="units",
            places=2,
        )
