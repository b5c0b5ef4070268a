"""Ranges on the inputs of an appraisal: distributions of multipliers, and the lines
they apply to.

An :class:`Uncertainty` puts a range on the amounts of the lines it applies to (a
:class:`Selector`: projects, domains, costs or benefits, value types, partners, labels).
The range is a **multiplier** of the appraised amount: :class:`Triangular` (low, central,
high), :class:`Uniform` (low, high) or :class:`Discrete` (multipliers with exact weights).
Multipliers are drawn as whole parts per million (:data:`PPM`), so range bounds must be
exact to six decimals.

>>> Triangular(low="0.8", central="1", high="1.3").bounds_ppm()
(800000, 1300000)
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final, TypeAlias

import attrs

from wecb.appraisal._checks import require_text
from wecb.appraisal.lines import COST_CATEGORIES, UNCLASSIFIED, AppraisedLine, BenefitType
from wecb.appraisal.sensitivity import _sampling
from wecb.core._decimal import decimal_str, from_int_exp, int_exp, trimmed
from wecb.core._validators import require_instance
from wecb.core.money import Money
from wecb.core.numbers import Exact, decimal, fraction
from wecb.errors import AppraisalError, WecbTypeError
from wecb.model.cashflows import Nature

if TYPE_CHECKING:
    import numpy.typing as npt

    IntArray: TypeAlias = npt.NDArray[Any]

__all__ = [
    "Discrete",
    "Distribution",
    "Selector",
    "Triangular",
    "Uncertainty",
    "Uniform",
]

#: Multipliers are whole parts per million.
PPM: Final = 10**6
MAX_MULTIPLIER: Final = 10**6  #: The largest multiplier (its ppm draw is exact in int64, float).
#: Integer sums in the int64 engine stay below this (it leaves headroom).
SUM_BOUND: Final = 2**62


def to_ppm(value: Exact, what: str) -> int:
    """An exact multiplier in whole ppm; refuses floats and more than six decimals."""
    multiplier = decimal(value, what=what, error=AppraisalError, maximum=MAX_MULTIPLIER)
    if multiplier < 0:
        raise AppraisalError.not_accepted(
            what, value, "a multiplier of zero or more, not negative"
        )
    # In integers, so no digit is lost whatever the caller's context (a 29-digit bound is
    # refused, not rounded to a whole ppm).
    n, exponent = int_exp(multiplier)
    power = exponent + 6
    scale: int = 10 ** abs(power)
    if power >= 0:
        return n * scale
    ppm, rest = divmod(n, scale)
    if rest:
        raise AppraisalError.not_accepted(
            what, value, "a multiplier with at most six decimal places (drawn in whole ppm)"
        )
    return ppm


def from_ppm(ppm: int) -> Decimal:
    """A multiplier in whole ppm as a ``Decimal`` (exact, whatever the caller's context)."""
    return trimmed(from_int_exp(ppm, -6))


# --------------------------------------------------------------------------- distributions


def _multiplier(value: Exact) -> Decimal:
    return from_ppm(to_ppm(value, "multiplier"))


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
                "Triangular needs low <= central <= high, got "
                + ", ".join(decimal_str(m) for m in (self.low, self.central, self.high))
            )

    @classmethod
    def from_values(
        cls, low: Money | Exact, central: Money | Exact, high: Money | Exact
    ) -> Triangular:
        """Multipliers from low/central/high *values* of an input (e.g. unit savings of
        £40k, £52k, £70k): each divided by ``central`` and rounded half even to a whole ppm
        (a documented rounding of the multiplier, not of money)."""
        exact = [
            Fraction(v.amount) if isinstance(v, Money) else fraction(v, what="value")
            for v in (low, central, high)
        ]
        if exact[1] <= 0:
            raise AppraisalError("Triangular.from_values needs a positive central value")
        # Fraction.__round__ rounds half to even, exactly.
        ppm = [round(v / exact[1] * PPM) for v in exact]
        return cls(low=from_ppm(ppm[0]), central=from_ppm(ppm[1]), high=from_ppm(ppm[2]))

    def bounds_ppm(self) -> tuple[int, int]:
        return to_ppm(self.low, "low"), to_ppm(self.high, "high")

    def sample(self, rng: Any, n: int) -> IntArray:
        """``n`` draws in whole ppm from numpy generator ``rng`` (rounding point 1: a float
        variate between the integer bounds, rounded half even to a whole ppm)."""
        low, high = self.bounds_ppm()
        return _sampling.triangular(rng, low, to_ppm(self.central, "central"), high, n)


@attrs.frozen(kw_only=True)
class Uniform:
    """A uniform range of multipliers over whole ppm from ``low`` to ``high`` inclusive."""

    low: Decimal = attrs.field(converter=_multiplier)
    high: Decimal = attrs.field(converter=_multiplier)

    def __attrs_post_init__(self) -> None:
        if self.low > self.high:
            low, high = decimal_str(self.low), decimal_str(self.high)
            raise AppraisalError(f"Uniform needs low <= high, got {low}, {high}")

    def bounds_ppm(self) -> tuple[int, int]:
        return to_ppm(self.low, "low"), to_ppm(self.high, "high")

    def sample(self, rng: Any, n: int) -> IntArray:
        """``n`` integer draws in whole ppm from numpy generator ``rng``."""
        low, high = self.bounds_ppm()
        return _sampling.uniform(rng, low, high, n)


def _outcomes(value: object) -> tuple[tuple[Decimal, Fraction], ...]:
    if isinstance(value, tuple):
        return value
    if not isinstance(value, Mapping):
        raise WecbTypeError.not_accepted("Discrete.outcomes", value, "{multiplier: weight}")
    out = []
    for multiplier, weight in value.items():
        what = f"weight of {multiplier!r}"
        out.append((_multiplier(multiplier), fraction(weight, what=what, minimum=0)))
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
        values = [to_ppm(m, "multiplier") for m, w in self.outcomes if w > 0]
        return min(values), max(values)

    def sample(self, rng: Any, n: int) -> IntArray:
        """``n`` draws in whole ppm from numpy generator ``rng``: an exact integer draw,
        outcome ``i`` with probability ``weights[i] / total`` (weights made whole)."""
        denominator = math.lcm(*(w.denominator for _, w in self.outcomes))
        weights = [int(w * denominator) for _, w in self.outcomes]
        if sum(weights) > SUM_BOUND:
            raise AppraisalError("Discrete weights are too finely divided to draw exactly")
        values = [to_ppm(m, "multiplier") for m, _ in self.outcomes]
        return _sampling.discrete(rng, values, weights, n)


Distribution: TypeAlias = Triangular | Uniform | Discrete


# --------------------------------------------------------------------------- selectors


def _items(value: object, what: str) -> tuple[object, ...]:
    if value is None or isinstance(value, str | enum.Enum):
        return (value,)
    if isinstance(value, Iterable):
        return tuple(value)
    raise WecbTypeError.not_accepted(f"Selector.{what}", value, "text or a tuple")


def _strings(value: object, what: str) -> tuple[str, ...]:
    items = _items(value, what)
    for item in items:
        if not isinstance(item, str):
            raise WecbTypeError.not_accepted(f"Selector.{what}", item, "text")
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
            raise WecbTypeError.not_accepted("Selector.partners", item, "a partner key or None")
    return tuple(item if item is None else str(item) for item in items)


def _categories(value: object) -> tuple[str, ...]:
    items = _items(value, "categories")
    return tuple(str(v.value) if isinstance(v, enum.Enum) else str(v) for v in items)


#: Every category a line can have: the cost categories, then the benefit types.
CATEGORIES: Final = (*COST_CATEGORIES, *(b.value for b in BenefitType if b.value != UNCLASSIFIED))


def _listed(values: Iterable[object], most: int = 20) -> str:
    shown = [repr(v) for v in values]
    if not shown:
        return "none"
    more = f", ... ({len(shown) - most} more)" if len(shown) > most else ""
    return ", ".join(shown[:most]) + more


def _nature(value: object) -> Nature | None:
    if value is None or isinstance(value, Nature):
        return value
    if isinstance(value, str):
        try:
            return Nature(value)
        except ValueError:
            raise AppraisalError.not_accepted(
                "Selector.nature", value, "'cost', 'benefit', a Nature or None"
            ) from None
    raise WecbTypeError.not_accepted("Selector.nature", value, "a Nature or None")


@attrs.frozen(kw_only=True)
class Selector:
    """Which lines a range applies to: every given criterion must match (an empty one
    matches everything). ``categories`` are cost categories (``"revenue"``,
    ``"unclassified"``, ...) or benefit types (``"fiscal_cashable"``, ...), as the data
    states them (an unclassified benefit counted as fiscal is still ``"unclassified"``);
    ``partners`` may include ``None`` for lines with no partner.

    A selector that could mean two things is refused: ``"unclassified"`` names both costs of
    no stated type and benefits of no stated value type, and ``cashable`` a cash outlay for a
    cost and a cash-releasing saving for a benefit, so each needs ``nature``. An unknown
    category is refused with the valid ones, and :func:`~wecb.appraisal.monte_carlo` and
    :func:`~wecb.appraisal.one_way` refuse a project, domain, partner or label that names no
    appraised line (:meth:`check_keys`).

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

    def __attrs_post_init__(self) -> None:
        for category in self.categories:
            if category not in CATEGORIES:
                raise AppraisalError.not_accepted(
                    "Selector.categories", category, f"one of {_listed(CATEGORIES)}"
                )
        if UNCLASSIFIED in self.categories and self.nature is None:
            raise AppraisalError.not_accepted(
                "Selector.categories",
                UNCLASSIFIED,
                "a category that names one kind of line: 'unclassified' is both a cost whose "
                "type is not given and a benefit whose value type is not given; add "
                "nature='cost' for the costs, or nature='benefit' for the benefits",
            )
        if self.cashable is not None and self.nature is None:
            raise AppraisalError.not_accepted(
                "Selector.cashable",
                self.cashable,
                "it with a nature: cashable means a cash outlay for a cost and a cash-releasing "
                "saving for a benefit; add nature='cost' for the costs, or nature='benefit' "
                "for the benefits",
            )

    def check_keys(self, lines: Iterable[AppraisedLine], where: str) -> None:
        """Raise :class:`~wecb.errors.AppraisalError` for a project, domain, partner or
        label that names no line of ``lines``, listing the valid choices."""
        listed = list(lines)
        problems = []
        for name, attribute in _KEYED:
            present = dict.fromkeys(getattr(line, attribute) for line in listed)
            problems += [
                AppraisalError.not_accepted(
                    f"{where}: Selector.{name}",
                    value,
                    f"a {attribute} of the appraised lines: {_listed(present)}",
                )
                for value in getattr(self, name)
                if value not in present
            ]
        if problems:
            raise AppraisalError("\n".join(map(str, problems)))

    def criteria(self) -> tuple[tuple[str, Callable[[Any], bool]], ...]:
        """The criteria given, each as the :class:`~wecb.appraisal.lines.AppraisedLine`
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


_KEYED: Final = (
    ("projects", "project"),
    ("domains", "domain"),
    ("partners", "partner"),
    ("labels", "label"),
)


@attrs.frozen(kw_only=True)
class Uncertainty:
    """A named range applied to the lines ``applies_to`` selects (all lines by default)."""

    name: str
    distribution: Distribution
    applies_to: Selector = Selector()
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        require_text("Uncertainty.name", self.name)
        if not isinstance(self.distribution, Triangular | Uniform | Discrete):
            raise WecbTypeError.not_accepted(
                f"Uncertainty {self.name!r}: distribution",
                self.distribution,
                "Triangular, Uniform or Discrete",
            )
        require_instance("Uncertainty.applies_to", self.applies_to, Selector, "a Selector")
