"""Sensitivity: ranges on inputs, one-way swings, and a seeded, vectorised Monte Carlo.

An :class:`Uncertainty` puts a range on the amounts of the lines it applies to (a
:class:`Selector`: projects, domains, costs or benefits, value types, partners, labels).
The range is a **multiplier** of the appraised amount: :class:`Triangular` (low, central,
high), :class:`Uniform` (low, high) or :class:`Discrete` (multipliers with exact weights).
A range on an underlying input (a cohort's unit saving, its throughput) is a range on the
lines built from it, since those lines are linear in it. Each uncertainty is drawn once
per simulation and applies to every line it selects (they move together); different
uncertainties are independent; a line selected by several takes the product.

:func:`monte_carlo` runs the whole programme's :class:`~wecb.appraisal.cba.Appraisal`
``draws`` times and gives percentiles of the NPV (fiscal case), of the net present public
value, and of each partner's and project's net position. A partner's net position is the
fiscal benefits it receives less the costs it bears (lines naming no partner are grouped as
"(unassigned)"); economic and social value accrue to society rather than to a budget, so
they count in the net present public value only. :func:`one_way` moves one range at a
time to its low and high ends (all others at 1) for a tornado table.

Money rule: no float touches money
----------------------------------
* **Draws** are integer multipliers in parts per million (ppm). Uniform draws are integers
  drawn directly; discrete draws pick a multiplier by an exact integer weight; a
  triangular draw is numpy's float variate between the integer ppm bounds, rounded half
  even to a whole ppm (**rounding point 1**: a dimensionless multiplier, never money)
  and clipped to the bounds. Range bounds must be exact in ppm (at most six decimals).
* **Present values**: the discount factors are those of
  :mod:`wecb.appraisal.discounting`, each rounded there once to 28 significant digits,
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
  :meth:`Appraisal.npv_rounded_by_line <wecb.appraisal.cba.Appraisal.npv_rounded_by_line>`:
  the deterministic NPV with each line's present value rounded once to the penny.

Engine: ``S x m`` is formed in int64 limbs (base ``10**b``, ``b`` chosen so that no
product can overflow, with carries), vectorised over lines and draws; when the bound
check fails (very large amounts or multipliers) it falls back to Python integers in numpy
object arrays, which give identical results, more slowly. Draws are valued a chunk at a
time (``chunk_draws``; by default as many as fit :data:`MEMORY_BUDGET`), so a run over a
large programme needs memory for one chunk, not for every draw. Percentiles are order
statistics (the "inverted CDF" definition: the smallest simulated value with at least
``p%`` of draws at or below it), so each is a value actually simulated.

Reproducible: the same appraisal, uncertainties, draws and ``seed`` give the same result
(numpy's ``default_rng(seed)``, uncertainties drawn in the order given) with the same
numpy version; numpy does not promise identical streams across versions.

Example: one project with a cost of £100 and a benefit of £300 in its base year (so the
present values are the amounts). The benefit is realised at 50% or 150%, an even chance:

>>> from wecb.appraisal.cba import appraise
>>> from wecb.model.cashflows import CashFlow
>>> from wecb.model.domains import Domain, DomainKind
>>> from wecb.core.periods import FinancialYear
>>> from wecb.model.programme import Programme
>>> from wecb.model.projects import Project
>>> fy = FinancialYear(2013)
>>> project = Project(key="P", title="P", domain="d", flows=(
...     CashFlow(amount=Money(100), nature=Nature.COST, period=fy),
...     CashFlow(amount=Money(300), nature=Nature.BENEFIT, period=fy)))
>>> programme = Programme(name="Demo", place="Here", partners=(), projects=(project,),
...     domains=(Domain(key="d", name="D", kind=DomainKind.THEMATIC),))
>>> appraisal = appraise(programme, base_year=fy, price_base=fy)
>>> coin = Uncertainty(name="benefit realised", distribution=Discrete({"0.5": 1, "1.5": 1}),
...                    applies_to=Selector(nature=Nature.BENEFIT))
>>> out = monte_carlo(appraisal, [coin], draws=1000, seed=1, percentiles=(5, 95))
>>> sorted(set(out.npv_draws()))
[Money('50.00', 'GBP'), Money('350.00', 'GBP')]
>>> out.npv[5], out.npv[95]
(Money('50.00', 'GBP'), Money('350.00', 'GBP'))

One-way, with costs from 50% to 200% of the estimate:

>>> costs = Uncertainty(name="costs", distribution=Uniform(low="0.5", high="2"),
...                     applies_to=Selector(nature="cost"))
>>> row, = one_way(appraisal, [costs]).rows_
>>> row.npv_low, row.npv_high
(Money('250.00', 'GBP'), Money('100.00', 'GBP'))
>>> Triangular(low="0.8", central="1", high="1.3").bounds_ppm()
(800000, 1300000)
"""

from __future__ import annotations

import enum
import math
import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final, TypeAlias

import attrs

from wecb.appraisal._exact import check_rounding, rounds_up
from wecb.appraisal.cba import Appraisal, AppraisedLine
from wecb.appraisal.parameters import DecimalLike, decimal_parameter
from wecb.core._text import aligned, aligned_html, money_text
from wecb.core.money import Money, minor_digits
from wecb.errors import AppraisalError, FloatNotAllowedError
from wecb.model.cashflows import Nature

if TYPE_CHECKING:
    import numpy.typing as npt

    IntArray: TypeAlias = npt.NDArray[Any]

__all__ = [
    "MEMORY_BUDGET",
    "PPM",
    "Discrete",
    "Distribution",
    "MonteCarloResult",
    "OneWayResult",
    "Percentiles",
    "Selector",
    "Triangular",
    "Uncertainty",
    "Uniform",
    "monte_carlo",
    "one_way",
]

#: Multipliers are whole parts per million.
PPM: Final = 10**6
_INT64_MAX: Final = 2**63 - 1
# Sums of line values must stay below this in the int64 engine (leaves headroom).
_SUM_BOUND: Final = 2**62
#: Working memory (bytes) a Monte Carlo run keeps to by default: the lines are valued a
#: chunk of draws at a time, as many draws as fit (at least one); see ``chunk_draws``.
MEMORY_BUDGET: Final = 256 * 2**20
# Peak working bytes per line and draw of each engine, with headroom (measured with
# tracemalloc on generated programmes: about 45 for int64 and 400 for Python integers).
_BYTES_PER_LINE_DRAW: Final = {"int64": 64, "python": 512}
#: Percentiles reported when none are asked for.
DEFAULT_PERCENTILES: Final = (5, 25, 50, 75, 95)
UNASSIGNED: Final = "(unassigned)"


def _ppm(value: DecimalLike, what: str) -> int:
    """An exact multiplier in whole ppm; refuses floats and more than six decimals."""
    multiplier = decimal_parameter(value, what=what)
    scaled = multiplier.scaleb(6)
    if scaled != scaled.to_integral_value():
        raise AppraisalError(
            f"{what} {multiplier} has more than six decimal places; multipliers are drawn in "
            "whole parts per million"
        )
    if scaled < 0:
        raise AppraisalError(f"{what} {multiplier} is negative; multipliers are zero or more")
    return int(scaled)


def _decimal(ppm: int) -> Decimal:
    return Decimal(ppm).scaleb(-6).normalize()


# --------------------------------------------------------------------------- distributions


def _multiplier(value: DecimalLike) -> Decimal:
    return _decimal(_ppm(value, "multiplier"))


@attrs.frozen(kw_only=True)
class Triangular:
    """A triangular range of multipliers: ``low <= central <= high``.

    >>> Triangular(low="1.2", central="1", high="1.3")
    Traceback (most recent call last):
    ...
    wecb.errors.AppraisalError: Triangular needs low <= central <= high, got 1.2, 1, 1.3
    """

    low: Decimal = attrs.field(converter=_multiplier)
    central: Decimal = attrs.field(converter=_multiplier)
    high: Decimal = attrs.field(converter=_multiplier)

    def __attrs_post_init__(self) -> None:
        if not self.low <= self.central <= self.high:
            raise AppraisalError(
                f"Triangular needs low <= central <= high, got {self.low}, {self.central}, "
                f"{self.high}"
            )

    @classmethod
    def from_values(
        cls, low: Money | DecimalLike, central: Money | DecimalLike, high: Money | DecimalLike
    ) -> Triangular:
        """Multipliers from low/central/high *values* of an input (e.g. unit savings of
        £40k, £52k, £70k): each divided by ``central`` and rounded half even to a whole ppm
        (a documented rounding of the multiplier, not of money)."""
        exact = [_as_fraction(v) for v in (low, central, high)]
        if exact[1] <= 0:
            raise AppraisalError("Triangular.from_values needs a positive central value")
        ppm = [_round_half_even(v / exact[1] * PPM) for v in exact]
        return cls(low=_decimal(ppm[0]), central=_decimal(ppm[1]), high=_decimal(ppm[2]))

    def bounds_ppm(self) -> tuple[int, int]:
        return _ppm(self.low, "low"), _ppm(self.high, "high")

    def sample(self, rng: Any, n: int) -> IntArray:
        import numpy as np  # noqa: PLC0415

        low, high = self.bounds_ppm()
        if low == high:
            return np.full(n, low, dtype=np.int64)
        mode = _ppm(self.central, "central")
        # Rounding point 1: a float variate between integer bounds, rounded to whole ppm.
        values = np.rint(rng.triangular(float(low), float(mode), float(high), size=n))
        clipped: IntArray = np.clip(values.astype(np.int64), low, high)
        return clipped


@attrs.frozen(kw_only=True)
class Uniform:
    """A uniform range of multipliers over whole ppm from ``low`` to ``high`` inclusive."""

    low: Decimal = attrs.field(converter=_multiplier)
    high: Decimal = attrs.field(converter=_multiplier)

    def __attrs_post_init__(self) -> None:
        if self.low > self.high:
            raise AppraisalError(f"Uniform needs low <= high, got {self.low}, {self.high}")

    def bounds_ppm(self) -> tuple[int, int]:
        return _ppm(self.low, "low"), _ppm(self.high, "high")

    def sample(self, rng: Any, n: int) -> IntArray:
        import numpy as np  # noqa: PLC0415

        low, high = self.bounds_ppm()
        if low == high:
            return np.full(n, low, dtype=np.int64)
        drawn: IntArray = rng.integers(low, high, size=n, endpoint=True, dtype=np.int64)
        return drawn


def _weight(value: object, what: str) -> Fraction:
    if isinstance(value, float):
        raise FloatNotAllowedError(f"{what}: float {value!r} is not accepted; pass a Fraction")
    if isinstance(value, bool) or not isinstance(value, int | Decimal | Fraction | str):
        raise AppraisalError(f"{what}: {value!r} is not an exact weight")
    weight = (
        Fraction(decimal_parameter(value, what=what))
        if isinstance(value, str)
        else (Fraction(value))
    )
    if weight < 0:
        raise AppraisalError(f"{what}: {value!r} is negative")
    return weight


def _outcomes(value: object) -> tuple[tuple[Decimal, Fraction], ...]:
    if isinstance(value, tuple):
        return value
    if not isinstance(value, Mapping):
        raise AppraisalError(
            f"Discrete.outcomes: {value!r} is not accepted; expected {{multiplier: weight}}"
        )
    out = []
    for multiplier, weight in value.items():
        out.append((_multiplier(multiplier), _weight(weight, f"weight of {multiplier!r}")))
    if not out or sum(w for _, w in out) == 0:
        raise AppraisalError("Discrete.outcomes needs at least one positive weight")
    return tuple(sorted(out))


@attrs.frozen
class Discrete:
    """Multipliers with exact weights (only their ratios matter), e.g.
    ``Discrete({"0": Fraction(1, 4), "1": Fraction(3, 4)})`` for "fails one time in four".

    >>> Discrete({"0.5": 1, "1": 3}).bounds_ppm()
    (500000, 1000000)
    """

    outcomes: tuple[tuple[Decimal, Fraction], ...] = attrs.field(converter=_outcomes)

    def bounds_ppm(self) -> tuple[int, int]:
        values = [_ppm(m, "multiplier") for m, w in self.outcomes if w > 0]
        return min(values), max(values)

    def sample(self, rng: Any, n: int) -> IntArray:
        import numpy as np  # noqa: PLC0415

        denominator = math.lcm(*(w.denominator for _, w in self.outcomes))
        weights = [int(w * denominator) for _, w in self.outcomes]
        total = sum(weights)
        if total > _SUM_BOUND:
            raise AppraisalError("Discrete weights are too finely divided to draw exactly")
        values = np.array([_ppm(m, "multiplier") for m, _ in self.outcomes], dtype=np.int64)
        cumulative = np.cumsum(np.array(weights, dtype=np.int64))
        # An exact integer draw: outcome i has probability weights[i] / total.
        u = rng.integers(0, total, size=n, dtype=np.int64)
        picked: IntArray = values[np.searchsorted(cumulative, u, side="right")]
        return picked


Distribution: TypeAlias = Triangular | Uniform | Discrete


def _as_fraction(value: Money | DecimalLike) -> Fraction:
    if isinstance(value, Money):
        return Fraction(value.amount)
    return Fraction(decimal_parameter(value, what="value"))


def _round_half_even(value: Fraction) -> int:
    return round(value)  # Fraction.__round__ rounds half to even, exactly


# --------------------------------------------------------------------------- selectors


def _items(value: object, what: str) -> tuple[object, ...]:
    if value is None or isinstance(value, str | enum.Enum):
        return (value,)
    if isinstance(value, Iterable):
        return tuple(value)
    raise AppraisalError(f"Selector.{what}: {value!r} is not accepted; expected text or a tuple")


def _strings(value: object, what: str) -> tuple[str, ...]:
    items = _items(value, what)
    for item in items:
        if not isinstance(item, str):
            raise AppraisalError(f"Selector.{what}: {item!r} is not accepted; expected text")
    return tuple(str(item) for item in items)


def _projects(value: object) -> tuple[str, ...]:
    return _strings(value, "projects")


def _domains(value: object) -> tuple[str, ...]:
    return _strings(value, "domains")


def _labels(value: object) -> tuple[str, ...]:
    return _strings(value, "labels")


def _partners(value: object) -> tuple[str | None, ...]:
    items = _items(value, "partners")
    for item in items:
        if item is not None and not isinstance(item, str):
            raise AppraisalError(f"Selector.partners: {item!r} is not a partner key or None")
    return tuple(item if item is None else str(item) for item in items)


def _categories(value: object) -> tuple[str, ...]:
    items = _items(value, "categories")
    return tuple(str(v.value) if isinstance(v, enum.Enum) else str(v) for v in items)


def _nature(value: object) -> Nature | None:
    if value is None or isinstance(value, Nature):
        return value
    if isinstance(value, str):
        return Nature(value)
    raise AppraisalError(f"Selector.nature: {value!r} is not accepted; expected Nature or None")


@attrs.frozen(kw_only=True)
class Selector:
    """Which lines a range applies to: every given criterion must match (an empty one
    matches everything). ``categories`` are cost categories (``"revenue"``,
    ``"unclassified"``, ...) or benefit types (``"fiscal_cashable"``, ...); ``partners`` may
    include ``None`` for lines with no partner.

    >>> Selector(projects="FBC5", nature=Nature.BENEFIT)
    Selector(projects=('FBC5',), domains=(), nature=<Nature.BENEFIT: 'benefit'>, \
categories=(), partners=(), labels=(), cashable=None)
    """

    projects: tuple[str, ...] = attrs.field(default=(), converter=_projects)
    domains: tuple[str, ...] = attrs.field(default=(), converter=_domains)
    nature: Nature | None = attrs.field(default=None, converter=_nature)
    categories: tuple[str, ...] = attrs.field(default=(), converter=_categories)
    partners: tuple[str | None, ...] = attrs.field(default=(), converter=_partners)
    labels: tuple[str, ...] = attrs.field(default=(), converter=_labels)
    cashable: bool | None = None

    def criteria(self) -> tuple[tuple[str, Callable[[Any], bool]], ...]:
        """The criteria given, each as the :class:`~wecb.appraisal.cba.AppraisedLine`
        attribute it reads and a test of that attribute's value; a line is selected when
        it passes them all (:meth:`matches`). The Monte Carlo engine runs each test once
        per distinct value rather than once per line.

        >>> [(name, test("FBC5")) for name, test in Selector(projects="FBC5").criteria()]
        [('project', True)]
        """
        tests: list[tuple[str, Callable[[Any], bool]]] = []
        if self.projects:
            tests.append(("project", self.projects.__contains__))
        if self.domains:
            tests.append(("domain", self.domains.__contains__))
        if self.nature is not None:
            nature = self.nature
            tests.append(("nature", lambda value: value is nature))
        if self.categories:
            tests.append(("category", self.categories.__contains__))
        if self.partners:
            tests.append(("partner", self.partners.__contains__))
        if self.labels:
            tests.append(("label", self.labels.__contains__))
        if self.cashable is not None:
            cashable = self.cashable
            tests.append(("cashable", lambda value: value is cashable))
        return tuple(tests)

    def matches(self, line: AppraisedLine) -> bool:
        """Whether ``line`` is selected."""
        return all(test(getattr(line, name)) for name, test in self.criteria())


@attrs.frozen(kw_only=True)
class Uncertainty:
    """A named range applied to the lines ``applies_to`` selects (all lines by default)."""

    name: str
    distribution: Distribution
    applies_to: Selector = Selector()
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.distribution, Triangular | Uniform | Discrete):
            raise AppraisalError(
                f"Uncertainty {self.name!r}: distribution must be Triangular, Uniform or "
                f"Discrete, got {self.distribution!r}"
            )


# --------------------------------------------------------------------------- the engine


def _places(denominator: int) -> int:
    """The fewest decimal places that hold ``1 / denominator`` exactly, for a denominator
    of a Decimal's integer ratio (``2**a * 5**b``)."""
    twos = (denominator & -denominator).bit_length() - 1
    rest, fives = denominator >> twos, 0
    while rest > 1:
        rest, remainder = divmod(rest, 5)
        assert remainder == 0, "a Decimal's denominator has no prime factor but 2 and 5"
        fives += 1
    return max(twos, fives)


def _split(codes: IntArray, count: int, within: IntArray) -> list[IntArray]:
    """For each code ``0 .. count - 1``, the entries of ``within`` (ascending line
    numbers) whose line has that code in ``codes``, ascending."""
    import numpy as np  # noqa: PLC0415

    chosen = codes[within]
    order = np.argsort(chosen, kind="stable")
    bounds = np.searchsorted(chosen[order], np.arange(count + 1)).tolist()
    ordered = within[order]
    return [ordered[bounds[i] : bounds[i + 1]] for i in range(count)]


def _encode(values: Iterable[Any]) -> tuple[IntArray, list[Any]]:
    """Dictionary encoding: a code per value (int64) and the distinct values in order."""
    import numpy as np  # noqa: PLC0415

    listed = list(values)
    distinct = list(dict.fromkeys(listed))
    code = {value: i for i, value in enumerate(distinct)}
    codes = np.fromiter(map(code.__getitem__, listed), dtype=np.int64, count=len(listed))
    return codes, distinct


class _Engine:
    """Exact line values for given multipliers; see the module notes.

    Built once per run: the lines' attributes are dictionary-encoded, so each selector
    test runs once per distinct value (not per line), lines selected by the same ranges
    share one "cover", and the sums per partner and project are over index arrays made
    here. Each chunk of draws then costs numpy operations only.
    """

    def __init__(
        self,
        appraisal: Appraisal,
        uncertainties: Sequence[Uncertainty],
        *,
        adjusted: bool,
        rounding: str,
    ) -> None:
        self.appraisal = appraisal
        self.lines = appraisal.lines
        self.rounding = check_rounding(rounding)
        self.currency = appraisal.currency
        names = [u.name for u in uncertainties]
        if len(set(names)) != len(names):
            raise AppraisalError(f"uncertainty names repeat: {names}")
        self._columns: dict[str, tuple[IntArray, list[Any]]] = {}
        #: The distinct sets of ranges applying to a line, and each line's set.
        self.covers, self.cover_of = self._covers(uncertainties)
        self.k = max((len(c) for c in self.covers), default=0)
        self.highs = [u.distribution.bounds_ppm()[1] for u in uncertainties]
        self.cover_max = [self._max_multiplier(cover) for cover in self.covers]
        #: Each line's exact PV in minor units is ``s[line] / 10**scale``.
        self.scale, self.s = self._present_values(adjusted)
        self.denominator_exponent = self.scale + 6 * self.k
        #: -1 for a cost, +1 for a benefit, as a column (lines x 1); the lines summed
        #: for each figure reported (see aggregate()).
        self.signs, self.groups = self._groups()
        self._limb_cache: tuple[int, IntArray, IntArray] | None = None
        self._exact_s: IntArray | None = None

    def column(self, name: str) -> tuple[IntArray, list[Any]]:
        """The lines' attribute ``name`` dictionary-encoded (see :func:`_encode`)."""
        if name not in self._columns:
            self._columns[name] = _encode(map(operator.attrgetter(name), self.lines))
        return self._columns[name]

    def _covers(self, uncertainties: Sequence[Uncertainty]) -> tuple[list[tuple[int, ...]], Any]:
        """The distinct covers (indices of the ranges that apply) and each line's cover."""
        import numpy as np  # noqa: PLC0415

        count = len(self.lines)
        # selected[i, line]: whether uncertainty i applies to the line; each selector
        # test runs once per distinct value of the attribute it reads.
        selected = np.ones((len(uncertainties), count), dtype=bool)
        for i, u in enumerate(uncertainties):
            for name, test in u.applies_to.criteria():
                codes, values = self.column(name)
                passed = np.fromiter(map(test, values), dtype=bool, count=len(values))
                selected[i] &= passed[codes]
            if not selected[i].any():
                raise AppraisalError(
                    f"uncertainty {u.name!r} applies to no line of the appraisal "
                    f"({u.applies_to!r})"
                )
        if not uncertainties:
            return [()], np.zeros(count, dtype=np.intp)
        if len(uncertainties) < 63:  # one bit per range in an int64 per line
            bits = np.left_shift(1, np.arange(len(uncertainties), dtype=np.int64))
            patterns, inverse = np.unique(bits @ selected, return_inverse=True)
            covers = [
                tuple(i for i in range(len(uncertainties)) if pattern >> i & 1)
                for pattern in patterns.tolist()
            ]
            return covers, inverse.reshape(-1)
        distinct, inverse = np.unique(selected.T, axis=0, return_inverse=True)
        covers = [tuple(np.flatnonzero(row).tolist()) for row in distinct]
        return covers, inverse.reshape(-1)

    def _present_values(self, adjusted: bool) -> tuple[int, list[int]]:
        """``(scale, S)``: each line's exact PV in minor units is ``S / 10**scale``, with
        the smallest scale that makes every ``S`` an integer."""
        minor = minor_digits(self.currency)
        ratios = []
        for line in self.lines:
            pv = line.pv_adjusted if adjusted else line.pv_unadjusted
            ratio = pv.amount.as_integer_ratio()  # in lowest terms
            if ratio[0] < 0:
                raise AppraisalError(f"line {line.label!r} has a negative present value {pv}")
            ratios.append(ratio)
        denominators = {d for _, d in ratios}
        scale = max(0, max(map(_places, denominators), default=0) - minor)
        factor = {d: 10 ** (minor + scale) // d for d in denominators}
        return scale, [n * factor[d] for n, d in ratios]

    def _groups(self) -> tuple[IntArray, list[tuple[str, IntArray]]]:
        """The lines' signs (a column) and, for each figure reported, the lines summed:
        the fiscal lines (costs and fiscal benefits) for the NPV, every line for the net
        present public value, and the fiscal lines of each partner (sorted; lines naming
        none as :data:`UNASSIGNED`) and of each project of the appraisal."""
        import numpy as np  # noqa: PLC0415

        natures, nature_values = self.column("nature")
        sign_of = np.array([-1 if n is Nature.COST else 1 for n in nature_values], dtype=np.int64)
        signs = sign_of[natures].reshape(-1, 1)
        # Whether a line is fiscal depends on its nature and category only, so each
        # combination of the two is asked of the first line that has it.
        categories, category_values = self.column("category")
        combined = natures * max(len(category_values), 1) + categories
        _, first, kind_of = np.unique(combined, return_index=True, return_inverse=True)
        lines = self.lines
        verdicts = [lines[i].is_cost or lines[i].is_fiscal_benefit for i in first.tolist()]
        fiscal = np.flatnonzero(np.asarray(verdicts, dtype=bool)[kind_of.reshape(-1)])
        groups: list[tuple[str, IntArray]] = [
            ("npv", fiscal),
            ("nppv", np.arange(len(lines), dtype=np.intp)),
        ]
        partner_codes, partner_values = self.column("partner")
        partners = sorted({p or UNASSIGNED for p in partner_values})
        rank = {p: i for i, p in enumerate(partners)}
        partner_of = np.asarray([rank[p or UNASSIGNED] for p in partner_values], dtype=np.int64)
        by_partner = _split(partner_of[partner_codes], len(partners), fiscal)
        groups += [(f"partner:{p}", i) for p, i in zip(partners, by_partner, strict=True)]
        project_codes, project_values = self.column("project")
        projects = self.appraisal.projects
        where = {p: i for i, p in enumerate(projects)}
        project_of = np.asarray(
            [where.get(p, len(projects)) for p in project_values], dtype=np.int64
        )
        by_project = _split(project_of[project_codes], len(projects), fiscal)
        groups += [(f"project:{p}", i) for p, i in zip(projects, by_project, strict=True)]
        return signs, groups

    def _max_multiplier(self, cover: tuple[int, ...]) -> int:
        m: int = PPM ** (self.k - len(cover))
        for i in cover:
            m *= self.highs[i]
        return m

    # -- engine choice --------------------------------------------------------------------

    def choose(self, engine: str) -> tuple[str, int | None]:
        """The engine to run (``"int64"`` or ``"python"``) and the int64 limb size."""
        limb_digits = self._limb_digits()
        if engine == "python" or (engine == "auto" and limb_digits is None):
            return "python", None
        if limb_digits is None:
            raise AppraisalError(
                "the int64 engine cannot hold these amounts and multipliers without overflow; "
                "use engine='python' (or 'auto')"
            )
        return "int64", limb_digits

    def _limb_digits(self) -> int | None:
        """The limb size for the int64 engine, or None when it could overflow."""
        import numpy as np  # noqa: PLC0415

        if not self.lines:
            return None
        top = max(self.cover_max) or 1
        digits = len(str(_INT64_MAX // (top + 1))) - 1
        if digits < 1:
            return None
        unit = 10**self.denominator_exponent
        largest = np.array(self.cover_max, dtype=object)[self.cover_of]
        bound = int(((self._s_exact().reshape(-1) // unit + 2) * (largest + 1)).sum())
        if bound >= _SUM_BOUND:
            return None
        return min(digits, 18)

    # -- line values ----------------------------------------------------------------------

    def line_values(self, draws: IntArray, engine: str = "auto") -> tuple[IntArray, str]:
        """Rounded magnitudes in minor units, shape (lines, draws), and the engine used."""
        used, limb_digits = self.choose(engine)
        return self.values(draws, used, limb_digits), used

    def values(self, draws: IntArray, used: str, limb_digits: int | None) -> IntArray:
        """Rounded magnitudes in minor units, shape (lines, draws), with the engine chosen."""
        if used == "python" or limb_digits is None:
            return self._python(draws)
        return self._int64(draws, limb_digits)

    def simulate(
        self, draws: IntArray, used: str, limb_digits: int | None, chunk: int
    ) -> dict[str, IntArray]:
        """:meth:`aggregate` of every draw, computed ``chunk`` draws at a time: each draw
        is independent of the others, so the sums are the same for any chunk size."""
        import numpy as np  # noqa: PLC0415

        parts: dict[str, list[IntArray]] = {}
        for start in range(0, draws.shape[1], chunk):
            sums = self.aggregate(self.values(draws[:, start : start + chunk], used, limb_digits))
            for key, value in sums.items():
                parts.setdefault(key, []).append(value)
        return {key: np.concatenate(values) for key, values in parts.items()}

    def multipliers(self, draws: IntArray, *, exact: bool) -> IntArray:
        """Per line, the product of its ppm multipliers (padded to ``k`` factors)."""
        import numpy as np  # noqa: PLC0415

        n = draws.shape[1]
        dtype = object if exact else np.int64
        table = np.empty((len(self.covers), n), dtype=dtype)
        for c, cover in enumerate(self.covers):
            m = np.full(n, PPM ** (self.k - len(cover)), dtype=dtype)
            for i in cover:
                m = m * (draws[i].astype(object) if exact else draws[i])
            table[c] = m
        lines: IntArray = table[self.cover_of]
        return lines

    def _s_exact(self) -> IntArray:
        """The lines' S as Python integers in a column (lines x 1)."""
        import numpy as np  # noqa: PLC0415

        if self._exact_s is None:
            self._exact_s = np.array(self.s, dtype=object).reshape(-1, 1)
        return self._exact_s

    def _python(self, draws: IntArray) -> IntArray:
        m = self.multipliers(draws, exact=True)
        denominator = 10**self.denominator_exponent
        numerator = self._s_exact() * m
        quotient = numerator // denominator
        remainder = numerator % denominator
        twice = remainder * 2
        up = rounds_up(
            quotient,
            gt=twice > denominator,
            eq=twice == denominator,
            nonzero=remainder != 0,
            rounding=self.rounding,
        )
        result: IntArray = quotient + up.astype(quotient.dtype)
        return result

    def _limbs(self, limb_digits: int) -> tuple[IntArray, IntArray]:
        """Each line's ``S // 10**e`` and the fraction ``S % 10**e`` in int64 limbs of
        ``limb_digits`` digits (least significant first), ``e`` the denominator exponent;
        made once per run."""
        import numpy as np  # noqa: PLC0415

        if self._limb_cache is None or self._limb_cache[0] != limb_digits:
            base = 10**limb_digits
            exponent = self.denominator_exponent
            count = max(1, -(-exponent // limb_digits))
            s = self._s_exact().reshape(-1)  # Python integers (object arrays)
            quotients = s // 10**exponent
            rests = s % 10**exponent * 10 ** (count * limb_digits - exponent)  # / 10**(count*b)
            limbs = np.empty((len(self.s), count), dtype=np.int64)
            for j in range(count):
                limbs[:, j] = rests % base
                rests = rests // base
            whole = quotients.astype(np.int64).reshape(-1, 1)
            self._limb_cache = (limb_digits, whole, limbs)
        return self._limb_cache[1], self._limb_cache[2]

    def _int64(self, draws: IntArray, limb_digits: int) -> IntArray:
        import numpy as np  # noqa: PLC0415

        m = self.multipliers(draws, exact=False)
        whole, limbs = self._limbs(limb_digits)
        base = 10**limb_digits
        # r * m, limb by limb from the least significant, carrying: every intermediate is
        # at most base * max(m) < 2**63 (checked in _limb_digits).
        carry, digit, t = np.empty_like(m), np.empty_like(m), np.empty_like(m)
        lower_nonzero = np.zeros(m.shape, dtype=bool)
        for j in range(limbs.shape[1]):
            np.multiply(limbs[:, j : j + 1], m, out=t)
            if j:
                lower_nonzero |= digit != 0
                t += carry
            np.divmod(t, base, out=(carry, digit))
        del t
        quotient = np.multiply(whole, m, out=m)  # m is not needed any more
        quotient += carry
        del carry
        half = base // 2
        at_half = digit == half
        up = rounds_up(
            quotient,
            gt=(digit > half) | (at_half & lower_nonzero),
            eq=at_half & ~lower_nonzero,
            nonzero=(digit != 0) | lower_nonzero,
            rounding=self.rounding,
        )
        quotient += up.astype(quotient.dtype)
        return quotient

    def aggregate(self, values: IntArray) -> dict[str, IntArray]:
        """Signed sums per draw: NPV, NPPV, each partner's and each project's net.

        ``values`` (from :meth:`values`) is signed in place."""
        values *= self.signs
        count = len(values)
        return {
            key: (values if len(lines) == count else values[lines]).sum(axis=0)
            for key, lines in self.groups
        }


# --------------------------------------------------------------------------- results


def _percent(value: object) -> Fraction:
    if isinstance(value, float):
        raise FloatNotAllowedError(f"percentile {value!r}: pass an int, Decimal or Fraction")
    if isinstance(value, bool) or not isinstance(value, int | Decimal | Fraction):
        raise AppraisalError(f"percentile {value!r} is not accepted; expected a number")
    p = Fraction(value)
    if not 0 <= p <= 100:
        raise AppraisalError(f"percentile {value} is outside 0..100")
    return p


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
        p = _percent(percentile)
        for q, value in self.values:
            if q == p:
                return value
        known = ", ".join(str(q) for q, _ in self.values)
        raise AppraisalError(f"percentile {percentile} was not computed (computed: {known})")


@attrs.frozen(kw_only=True)
class MonteCarloResult:
    """The outcome of :func:`monte_carlo`; ``str()`` gives a table, :meth:`rows` rows."""

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
    npv: Percentiles
    net_present_public_value: Percentiles
    partners: tuple[Percentiles, ...]
    projects: tuple[Percentiles, ...]
    probability_negative_npv: Fraction
    npv_minor_units: tuple[int, ...] = attrs.field(repr=False)

    def npv_draws(self) -> tuple[Money, ...]:
        """Every simulated NPV, in draw order."""
        return tuple(
            Money.from_minor_units(v, self.npv.base.currency) for v in self.npv_minor_units
        )

    def partner(self, key: str) -> Percentiles:
        """The net position of partner ``key`` (``"(unassigned)"`` for lines with none)."""
        return _named(self.partners, "partner", key)

    def project(self, key: str) -> Percentiles:
        """The net position (fiscal NPV) of project ``key``."""
        return _named(self.projects, "project", key)

    def rows(self) -> list[dict[str, object]]:
        """One row per quantity: base, mean, min, each percentile, max (exact Money)."""
        rows: list[dict[str, object]] = []
        for item in (self.npv, self.net_present_public_value, *self.partners, *self.projects):
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
        return rows

    def __repr__(self) -> str:
        return (
            f"<MonteCarloResult of {self.subject}: {self.draws:,} draws, seed {self.seed}, "
            f"NPV median {self.npv[50].format() if _has_median(self.npv) else 'n/a'}, "
            f"P(NPV < 0) {_fraction_percent(self.probability_negative_npv)}>"
        )

    def _repr_html_(self) -> str:
        head, header, rows = self._table()
        align = "l" + "r" * (len(header) - 1)
        return aligned_html(header, rows, align, rule_before=(2,), caption=head[0], notes=head[1:])

    def __str__(self) -> str:
        head, header, rows = self._table()
        table = aligned(header, rows, "l" + "r" * (len(header) - 1), rule_before=(2,))
        return "\n".join([*head, table])

    def _table(self) -> tuple[list[str], tuple[str, ...], list[list[str]]]:
        percent_names = [f"p{p}" for p, _ in self.npv.values]
        header = ("quantity", "base", "mean", "min", *percent_names, "max")
        rows = []
        for row in self.rows():
            cells = [str(row["quantity"])]
            for key in header[1:]:
                value = row[key]
                cells.append(money_text(value) if isinstance(value, Money) else str(value))
            rows.append(cells)
        names = ", ".join(u.name for u in self.uncertainties) or "none"
        head = [
            f"Monte Carlo of {self.subject}: {self.draws:,} draws, seed {self.seed}, "
            f"{'adjusted' if self.adjusted else 'unadjusted'} figures, engine {self.engine}",
            f"present values over {self.horizon}; base year {self.base_year}; "
            f"{self.price_base} prices; {self.schedule}",
            f"ranges: {names}; each line rounded once per draw ({self.rounding})",
            f"P(NPV < 0) = {self.probability_negative_npv} "
            f"({_fraction_percent(self.probability_negative_npv)})",
        ]
        return head, header, rows


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
    return f"{Decimal(tenths).scaleb(-1)}%"


def _summary(
    name: str, values: IntArray, base: int, points: Sequence[Fraction], currency: str
) -> Percentiles:
    import numpy as np  # noqa: PLC0415

    ordered = np.sort(values)
    n = len(ordered)
    if values.dtype != object and int(np.abs(values).max()) <= _SUM_BOUND // n:
        total = int(values.sum())  # n values this small cannot overflow int64
    else:
        total = int(values.astype(object).sum())  # Python integers

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


# --------------------------------------------------------------------------- entry points


def _prepare(
    appraisal: Appraisal, uncertainties: Iterable[Uncertainty]
) -> tuple[Uncertainty, ...]:
    if not isinstance(appraisal, Appraisal):
        raise AppraisalError(
            f"expected an Appraisal (wecb.appraisal.cba.appraise), got {appraisal!r}"
        )
    chosen = tuple(uncertainties)
    for u in chosen:
        if not isinstance(u, Uncertainty):
            raise AppraisalError(f"expected Uncertainty, got {u!r}")
    return chosen


def monte_carlo(
    appraisal: Appraisal,
    uncertainties: Iterable[Uncertainty],
    *,
    draws: int = 10_000,
    seed: int,
    percentiles: Iterable[int | Decimal | Fraction] = DEFAULT_PERCENTILES,
    rounding: str = ROUND_HALF_EVEN,
    adjusted: bool = True,
    engine: str = "auto",
    chunk_draws: int | None = None,
) -> MonteCarloResult:
    """Simulate ``appraisal`` ``draws`` times with ``uncertainties``; see the module notes.

    ``seed`` (an int >= 0) seeds ``numpy.random.default_rng``. ``rounding`` is the
    :mod:`decimal` mode for the one rounding of each line in each draw. ``adjusted``
    chooses the adjusted (default) or unadjusted present values. ``engine`` is
    ``"auto"`` (int64 when the bound check allows, else Python integers), ``"int64"`` or
    ``"python"``; all give the same numbers.

    Every draw is sampled first; the lines are then valued ``chunk_draws`` draws at a
    time, so the working memory is about ``lines x chunk_draws`` values, whatever
    ``draws`` is. By default the chunk is as many draws as fit :data:`MEMORY_BUDGET`
    (at least one). The chunk size never changes the result: each draw is computed on
    its own, exactly.

    The module's example (:mod:`wecb.appraisal.sensitivity`) runs it on a small programme.
    """
    import numpy as np  # noqa: PLC0415

    chosen = _prepare(appraisal, uncertainties)
    if isinstance(draws, bool) or not isinstance(draws, int) or draws < 1:
        raise AppraisalError(f"draws must be an int >= 1, got {draws!r}")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise AppraisalError(f"seed must be an int >= 0, got {seed!r}")
    if engine not in ("auto", "int64", "python"):
        raise AppraisalError(f"engine must be 'auto', 'int64' or 'python', got {engine!r}")
    points = tuple(_percent(p) for p in percentiles)
    if not points:
        raise AppraisalError("give at least one percentile")
    if chunk_draws is not None and (
        isinstance(chunk_draws, bool) or not isinstance(chunk_draws, int) or chunk_draws < 1
    ):
        raise AppraisalError(f"chunk_draws must be None or an int >= 1, got {chunk_draws!r}")
    model = _Engine(appraisal, chosen, adjusted=adjusted, rounding=rounding)
    used, limb_digits = model.choose(engine)
    rng = np.random.default_rng(seed)
    sampled = [u.distribution.sample(rng, draws) for u in chosen]
    matrix = np.stack(sampled) if sampled else np.zeros((0, draws), dtype=np.int64)
    if chunk_draws is None:
        per_draw = max(len(model.lines), 1) * _BYTES_PER_LINE_DRAW[used]
        chunk_draws = max(1, MEMORY_BUDGET // per_draw)
    sums = model.simulate(matrix, used, limb_digits, min(chunk_draws, draws))
    unit = np.full((len(chosen), 1), PPM, dtype=np.int64)
    base = {k: int(v[0]) for k, v in model.aggregate(model.values(unit, "python", None)).items()}
    cur = appraisal.currency

    def summary(key: str, name: str) -> Percentiles:
        return _summary(name, sums[key], base[key], points, cur)

    npv = sums["npv"]
    negative = int((npv < 0).sum())
    # "partner:ecc" is reported as "partner ecc", "project:FBC1" as "project FBC1".
    partners = tuple(summary(k, k.replace(":", " ", 1)) for k in sums if k.startswith("partner:"))
    projects = tuple(summary(k, k.replace(":", " ", 1)) for k in sums if k.startswith("project:"))
    return MonteCarloResult(
        subject=appraisal.name,
        horizon=str(appraisal.horizon),
        base_year=str(appraisal.base_year),
        price_base=str(appraisal.price_base),
        schedule=appraisal.schedule.name,
        draws=draws,
        seed=seed,
        rounding=rounding,
        engine=used,
        adjusted=adjusted,
        uncertainties=chosen,
        npv=summary("npv", "NPV (fiscal case)"),
        net_present_public_value=summary("nppv", "net present public value"),
        partners=partners,
        projects=projects,
        probability_negative_npv=Fraction(negative, draws),
        npv_minor_units=tuple(int(v) for v in npv.tolist()),
    )


@attrs.frozen(kw_only=True)
class OneWayRow:
    """One range moved alone: the NPV at its low and high multipliers."""

    name: str
    low: Decimal
    high: Decimal
    npv_low: Money
    npv_high: Money

    @property
    def swing(self) -> Money:
        """``abs(npv_high - npv_low)``."""
        return abs(self.npv_high - self.npv_low)


@attrs.frozen(kw_only=True)
class OneWayResult:
    """One-way sensitivity: each range at its ends, all others at 1; largest swing first."""

    subject: str
    base: Money
    rows_: tuple[OneWayRow, ...]

    def rows(self) -> list[dict[str, object]]:
        return [
            {
                "range": r.name,
                "low": r.low,
                "high": r.high,
                "npv_low": r.npv_low,
                "npv_base": self.base,
                "npv_high": r.npv_high,
                "swing": r.swing,
            }
            for r in self.rows_
        ]

    def __repr__(self) -> str:
        count = len(self.rows_)
        return (
            f"<OneWayResult of {self.subject}: {count} range{'s' if count != 1 else ''}, "
            f"NPV base {self.base.format()}>"
        )

    def _repr_html_(self) -> str:
        title, header, rows = self._table()
        return aligned_html(header, rows, "lrrrrrr", caption=title)

    def __str__(self) -> str:
        title, header, rows = self._table()
        return "\n".join([title, aligned(header, rows, "lrrrrrr")])

    def _table(self) -> tuple[str, tuple[str, ...], list[tuple[str, ...]]]:
        rows: list[tuple[str, ...]] = [
            (
                r.name,
                f"x{r.low}",
                money_text(r.npv_low),
                money_text(self.base),
                f"x{r.high}",
                money_text(r.npv_high),
                money_text(r.swing),
            )
            for r in self.rows_
        ]
        return (
            f"One-way sensitivity of the NPV of {self.subject} (others at x1)",
            ("range", "low", "NPV at low", "NPV base", "high", "NPV at high", "swing"),
            rows,
        )


def one_way(
    appraisal: Appraisal,
    uncertainties: Iterable[Uncertainty],
    *,
    rounding: str = ROUND_HALF_EVEN,
    adjusted: bool = True,
) -> OneWayResult:
    """Each range at its low and high multiplier alone (the others at 1): the NPV of the
    fiscal case at each end, computed with the Monte Carlo engine (each line rounded once
    to the penny), sorted by swing, largest first.

    The module's example (:mod:`wecb.appraisal.sensitivity`) runs it with costs from 50%
    to 200% of the estimate.
    """
    import numpy as np  # noqa: PLC0415

    chosen = _prepare(appraisal, uncertainties)
    model = _Engine(appraisal, chosen, adjusted=adjusted, rounding=rounding)
    count = len(chosen)
    matrix = np.full((count, 2 * count + 1), PPM, dtype=np.int64)
    for i, u in enumerate(chosen):
        low, high = u.distribution.bounds_ppm()
        matrix[i, 2 * i] = low
        matrix[i, 2 * i + 1] = high
    values, _ = model.line_values(matrix)
    npv = model.aggregate(values)["npv"]
    cur = appraisal.currency
    rows = [
        OneWayRow(
            name=u.name,
            low=_decimal(int(matrix[i, 2 * i])),
            high=_decimal(int(matrix[i, 2 * i + 1])),
            npv_low=Money.from_minor_units(int(npv[2 * i]), cur),
            npv_high=Money.from_minor_units(int(npv[2 * i + 1]), cur),
        )
        for i, u in enumerate(chosen)
    ]
    rows.sort(key=lambda r: r.swing, reverse=True)
    return OneWayResult(
        subject=appraisal.name,
        base=Money.from_minor_units(int(npv[2 * count]), cur),
        rows_=tuple(rows),
    )
