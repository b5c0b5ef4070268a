"""Sensitivity: ranges on inputs, one-way swings, and a seeded, vectorised Monte Carlo.

An :class:`Uncertainty` puts a range on the amounts of the lines it applies to (a
:class:`Selector`: projects, domains, costs or benefits, value types, partners, labels).
The range is a **multiplier** of the appraised amount: :class:`Triangular` (low, central,
high), :class:`Uniform` (low, high) or :class:`Discrete` (multipliers with exact weights).
A range on an underlying input (a cohort's unit saving, its throughput) is a range on the
lines built from it, since those lines are linear in it. Each uncertainty is drawn once
per simulation and applies to every line it selects (they move together); different
uncertainties are independent; a line selected by several takes the product.

:func:`monte_carlo` runs the whole programme's :class:`~wecb.appraisal.record.Appraisal`
``draws`` times and gives percentiles of the net present budget impact (the financial case),
of the net present public value (the economic case), and of each partner's and project's net
position. A partner's net position is the fiscal benefits it receives less the costs it
bears (lines naming no partner are grouped as "(unattributed)"); economic and social value
accrue to society rather than to a budget, so they count in the net present public value
only, as do unclassified benefits unless the appraisal counts them as fiscal
(``treat_unclassified``): every figure follows the appraisal's own cases, line by line.
Every project, domain, partner and label a :class:`Selector` names must be one of the
appraised lines' (the valid choices are listed otherwise), and each result lists its
assumptions: the appraisal's, each range, and the run's settings. :func:`one_way` moves one
range at a time to its low and high ends (all others at 1) for a tornado table.

Money rule: no float touches money
----------------------------------
* **Draws** are integer multipliers in parts per million (ppm). Uniform draws are integers
  drawn directly; discrete draws pick a multiplier by an exact integer weight; a
  triangular draw is numpy's float variate between the integer ppm bounds, rounded half
  even to a whole ppm (**rounding point 1**: a dimensionless multiplier, never money)
  and clipped to the bounds. Range bounds must be exact in ppm (at most six decimals) and
  at most a million (``MAX_MULTIPLIER`` in :mod:`~wecb.appraisal.sensitivity.ranges`), so
  that every draw in ppm is exact in numpy's int64 and float variates; a run takes at most a
  million draws (``MAX_DRAWS``), since every draw is held in memory.
* **Present values**: the discount factors are those of
  :mod:`wecb.appraisal.schedules`, each rounded there once to 28 significant digits,
  so each is an exact fixed-point integer (about ``10**28`` scale). Each line's present
  value from the appraisal (its phased whole-penny amounts times those factors, times its
  adjustments: all exact) is held as one integer ``S`` at a common fixed-point scale
  ``10**P`` of minor units (pennies). Nothing is rounded here.
* **Per line per draw**: the line's value is ``S x m / 10**(P + 6k)``, where ``m`` is the
  product of the line's ppm multipliers (padded to ``k`` factors, ``k`` the most ranges on
  any line). It is rounded **once**, to a whole minor unit, with the named ``rounding``
  mode (default ``ROUND_HALF_EVEN``) applied to the magnitude (**rounding point 2**, the
  only rounding of money). Costs are then negated and lines summed exactly in integers.
* With every multiplier at 1 the result is exactly
  :meth:`Appraisal.npv_rounded_by_line <wecb.appraisal.record.Appraisal.npv_rounded_by_line>`:
  the deterministic NPV with each line's present value rounded once to the penny.

Engine (private): by default each value is computed in float64 and its rounding to the
penny is **proved** equal to the exact rounding (the float's error bound, derived in the
private module ``_fast``, is smaller than its distance to the nearest rounding boundary);
the few values it cannot prove (those within about ``10**-12`` of a half-penny, or beyond
``2**50`` pence) are recomputed with Python integers, so every draw is identical to the
exact engines': ``engine="int64"`` (``S x m`` in int64 limbs with carries) and
``engine="python"`` (Python integers in numpy object arrays, the fallback when the bound
check fails for very large amounts or multipliers). The result's assumptions say which
engine ran and how many line-draws were recomputed. Draws are valued a chunk at a
time (``chunk_draws``; by default as many as fit 256 MiB), so a run over a large
programme needs memory for one chunk, not for every draw. Percentiles are order
statistics (the "inverted CDF" definition: the smallest simulated value with at least
``p%`` of draws at or below it), so each is a value actually simulated.

Reproducible: the same appraisal, uncertainties, draws and ``seed`` give the same result
(numpy's ``default_rng(seed)``, uncertainties drawn in the order given) with the same
numpy version; numpy does not promise identical streams across versions.

Example: one project with a cost of £100 and a benefit of £300 in its base year (so the
present values are the amounts). The benefit is realised at 50% or 150%, an even chance:

>>> from wecb.appraisal.cba import appraise
>>> from wecb.model.cashflows import CashFlow, Nature, ValueType
>>> from wecb.model.domains import Domain, DomainKind
>>> from wecb.core.periods import FinancialYear
>>> from wecb.model.programme import Programme
>>> from wecb.model.projects import Project
>>> fy = FinancialYear(2013)
>>> project = Project(key="P", title="P", domain="d", flows=(
...     CashFlow(amount=Money(100), nature=Nature.COST, period=fy),
...     CashFlow(amount=Money(300), nature=Nature.BENEFIT, period=fy,
...              value_type=ValueType.FISCAL, cashable=True)))
>>> programme = Programme(name="Demo", place="Here", partners=(), projects=(project,),
...     domains=(Domain(key="d", name="D", kind=DomainKind.THEMATIC),))
>>> appraisal = appraise(programme, base_year=fy, price_base=fy)
>>> coin = Uncertainty(name="benefit realised", distribution=Discrete({"0.5": 1, "1.5": 1}),
...                    applies_to=Selector(nature=Nature.BENEFIT))
>>> out = monte_carlo(appraisal, [coin], draws=1000, seed=1, percentiles=(5, 95))
>>> sorted(set(out.npv_draws()))
[Money('50.00', 'GBP'), Money('350.00', 'GBP')]
>>> out.net_present_budget_impact_percentiles[5], out.net_present_budget_impact_percentiles[95]
(Money('50.00', 'GBP'), Money('350.00', 'GBP'))

One-way, with costs from 50% to 200% of the estimate:

>>> costs = Uncertainty(name="costs", distribution=Uniform(low="0.5", high="2"),
...                     applies_to=Selector(nature="cost"))
>>> row, = one_way(appraisal, [costs]).rows_
>>> row.npv_low, row.npv_high
(Money('250.00', 'GBP'), Money('100.00', 'GBP'))

The package: :mod:`~wecb.appraisal.sensitivity.ranges` (the ranges and what they apply to),
:mod:`~wecb.appraisal.sensitivity.results` (what a run gives), and the private engine.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_EVEN
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from wecb.appraisal._checks import require_int
from wecb.appraisal.record import Appraisal
from wecb.appraisal.sensitivity import _draws, _engine, _stated
from wecb.appraisal.sensitivity._setup import setup_for
from wecb.appraisal.sensitivity.ranges import (
    Discrete,
    Distribution,
    Selector,
    Triangular,
    Uncertainty,
    Uniform,
    from_ppm,
)
from wecb.appraisal.sensitivity.results import (
    DEFAULT_PERCENTILES,
    MonteCarloResult,
    OneWayResult,
    OneWayRow,
    Percentiles,
    percent,
    summarise,
)
from wecb.appraisal.switching import switching_value
from wecb.core._decimal import own_context
from wecb.core._validators import require_instance
from wecb.core.money import Money
from wecb.core.numbers import Exact
from wecb.errors import AppraisalError

if TYPE_CHECKING:
    from wecb.appraisal.sensitivity._engine import IntArray

__all__ = [
    "Discrete",
    "Distribution",
    "MonteCarloResult",
    "OneWayResult",
    "OneWayRow",
    "Percentiles",
    "Selector",
    "Triangular",
    "Uncertainty",
    "Uniform",
    "monte_carlo",
    "one_way",
]


def _prepare(
    appraisal: Appraisal, uncertainties: Iterable[Uncertainty], adjusted: bool
) -> tuple[Uncertainty, ...]:
    require_instance("appraisal", appraisal, Appraisal, "an Appraisal (wecb.appraise)")
    chosen = tuple(uncertainties)
    for u in chosen:
        require_instance("uncertainties", u, Uncertainty, "an Uncertainty")
    if chosen:
        # One stand-in per distinct key (from the cached set-up), not one per line.
        distinct = setup_for(appraisal, adjusted).distinct_lines()
        for u in chosen:
            u.applies_to.check_keys(distinct, f"uncertainty {u.name!r}")
    return chosen


#: The most draws a run takes (a million): every draw is sampled before the lines are
#: valued, and each quantity (NPV, each partner, each project) keeps one value per draw.
MAX_DRAWS = 10**6


def _check_run(draws: object, seed: object, engine: object, chunk_draws: object) -> None:
    if require_int("draws", draws, minimum=1) > MAX_DRAWS:
        raise AppraisalError.not_accepted(
            "draws", draws, f"an int from 1 to {MAX_DRAWS:,} (every draw is held in memory)"
        )
    require_int("seed", seed, minimum=0)
    if engine not in _engine.ENGINES:
        raise AppraisalError.not_accepted(
            "engine", engine, "'auto', 'float64', 'int64' or 'python'"
        )
    if chunk_draws is not None:
        require_int("chunk_draws", chunk_draws, minimum=1)


@own_context
def monte_carlo(
    appraisal: Appraisal,
    uncertainties: Iterable[Uncertainty],
    *,
    draws: int = 10_000,
    seed: int,
    percentiles: Iterable[Exact] = DEFAULT_PERCENTILES,
    rounding: str = ROUND_HALF_EVEN,
    adjusted: bool = True,
    engine: str = "auto",
    chunk_draws: int | None = None,
) -> MonteCarloResult:
    """Simulate ``appraisal`` ``draws`` times with ``uncertainties``; see the package notes.

    ``seed`` (an int >= 0) seeds ``numpy.random.default_rng``. ``rounding`` is the
    :mod:`decimal` mode for the one rounding of each line in each draw. ``adjusted``
    chooses the adjusted (default) or unadjusted present values. ``engine`` is
    ``"auto"`` (the certified float64 path when the int64 bound check allows, else Python
    integers), ``"float64"``, ``"int64"`` or ``"python"``; all give the same numbers. The
    set-up that depends on the appraisal alone is made on the first run and kept while the
    appraisal lives, so later runs over the same appraisal start at once.

    Every draw is sampled first; the lines are then valued ``chunk_draws`` draws at a
    time, so the working memory is about ``lines x chunk_draws`` values, whatever
    ``draws`` is. By default the chunk is as many draws as fit 256 MiB (at least one). The
    chunk size never changes the result: each draw is computed on its own, exactly.

    The package's example (:mod:`wecb.appraisal.sensitivity`) runs it on a small programme.
    """
    _check_run(draws, seed, engine, chunk_draws)
    chosen = _prepare(appraisal, uncertainties, adjusted)
    points = tuple(percent(p) for p in percentiles)
    if not points:
        raise AppraisalError("give at least one percentile")
    model = _engine.MonteCarloEngine(appraisal, chosen, adjusted=adjusted, rounding=rounding)
    used, limb_digits = model.choose(engine)
    matrix = _draws.sample(chosen, draws, seed)
    if chunk_draws is None:
        chunk_draws = _engine.chunk_size(len(model.lines), used)
    sums = model.simulate(matrix, used, limb_digits, min(chunk_draws, draws))
    counted = (model.recomputed, model.valued)
    unit = _draws.unit_draws(len(chosen))
    base_sums = model.sums(unit, used, limb_digits)
    base = {k: int(v[0]) for k, v in zip(model.setup.keys(), base_sums, strict=True)}
    return _result(
        appraisal,
        chosen,
        sums,
        base,
        points,
        draws=draws,
        seed=seed,
        rounding=rounding,
        engine=used,
        adjusted=adjusted,
        recomputed=counted,
    )


def _result(
    appraisal: Appraisal,
    chosen: tuple[Uncertainty, ...],
    sums: dict[str, IntArray],
    base: dict[str, int],
    points: tuple[Fraction, ...],
    **run: Any,
) -> MonteCarloResult:
    """The result of a run from the simulated sums of each quantity."""
    cur = appraisal.currency

    def summary(key: str, name: str) -> Percentiles:
        return summarise(name, sums[key], base[key], points, cur)

    npv = sums["npv"]
    negative = int((npv < 0).sum())
    # "partner:ecc" is reported as "partner ecc", "project:FBC1" as "project FBC1".
    partners = tuple(summary(k, k.replace(":", " ", 1)) for k in sums if k.startswith("partner:"))
    projects = tuple(summary(k, k.replace(":", " ", 1)) for k in sums if k.startswith("project:"))
    recomputed, valued = run.pop("recomputed")
    engine = f"engine {run['engine']}"
    if run["engine"] == "float64":
        engine += (
            f" (each line-draw's rounding proved exact in float64; {recomputed:,} of "
            f"{valued:,} recomputed with integers)"
        )
    settings = (
        ("simulation", f"{run['draws']:,} draws, seed {run['seed']}, {engine}"),
        ("figures", "adjusted" if run["adjusted"] else "unadjusted (before adjustments)"),
        ("rounding", f"each line rounded once per draw to the penny ({run['rounding']})"),
    )
    return MonteCarloResult(
        subject=appraisal.name,
        horizon=str(appraisal.horizon),
        base_year=str(appraisal.base_year),
        price_base=str(appraisal.price_base),
        schedule=appraisal.schedule.name,
        uncertainties=chosen,
        net_present_budget_impact_percentiles=summary("npv", "net present budget impact"),
        net_present_public_value_percentiles=summary("nppv", "net present public value"),
        partners=partners,
        projects=projects,
        probability_negative_npv=Fraction(negative, run["draws"]),
        npv_minor_units=tuple(int(v) for v in npv.tolist()),
        basis=_stated.run_assumptions(
            appraisal, chosen, settings, setup_for(appraisal, run["adjusted"]).assumptions()
        ),
        **run,
    )


@own_context
def one_way(
    appraisal: Appraisal,
    uncertainties: Iterable[Uncertainty],
    *,
    rounding: str = ROUND_HALF_EVEN,
    adjusted: bool = True,
) -> OneWayResult:
    """Each range at its low and high multiplier alone (the others at 1): the net present
    budget impact (the financial case) at each end, computed with the Monte Carlo engine
    (each line rounded once to the penny), sorted by swing, largest first.

    The package's example (:mod:`wecb.appraisal.sensitivity`) runs it with costs from 50%
    to 200% of the estimate.
    """
    chosen = _prepare(appraisal, uncertainties, adjusted)
    model = _engine.MonteCarloEngine(appraisal, chosen, adjusted=adjusted, rounding=rounding)
    count = len(chosen)
    matrix = _draws.one_way_draws([u.distribution.bounds_ppm() for u in chosen])
    values, _ = model.line_values(matrix)
    npv = model.aggregate(values)["npv"]
    cur = appraisal.currency
    rows = [
        OneWayRow(
            name=u.name,
            low=from_ppm(int(matrix[i, 2 * i])),
            high=from_ppm(int(matrix[i, 2 * i + 1])),
            npv_low=Money.from_minor_units(int(npv[2 * i]), cur),
            npv_high=Money.from_minor_units(int(npv[2 * i + 1]), cur),
            switching_value=switching_value(appraisal, u.applies_to, adjusted=adjusted),
        )
        for i, u in enumerate(chosen)
    ]
    rows.sort(key=lambda r: r.swing, reverse=True)
    settings = (
        ("figures", "adjusted" if adjusted else "unadjusted (before adjustments)"),
        ("rounding", f"each line rounded once to the penny ({model.rounding})"),
    )
    return OneWayResult(
        subject=appraisal.name,
        base=Money.from_minor_units(int(npv[2 * count]), cur),
        rows_=tuple(rows),
        basis=_stated.run_assumptions(appraisal, chosen, settings),
    )
