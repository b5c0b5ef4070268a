"""Scenarios side by side: the two cases' headline figures of each, exact changes from a
base scenario, and a rank.

A scenario is an :class:`~wecb.appraisal.record.Appraisal`: of another programme (a
project taken out with :meth:`~wecb.model.programme.Programme.without_project`, a project
given business-as-usual flows, a changed amount) or of the same programme under other
assumptions (phasing, discount schedule, adjustments). :func:`compare` lines them up:

>>> from wecb.core.money import Money
>>> from wecb.core.periods import FinancialYear
>>> from wecb.model.cashflows import CashFlow, Nature, ValueType
>>> from wecb.model.domains import Domain, DomainKind
>>> from wecb.model.programme import Programme
>>> from wecb.model.projects import Project
>>> from wecb.appraisal.adjustments import Adjustments
>>> from wecb.appraisal.cba import appraise
>>> from wecb.appraisal.schedules import ZERO_RATE
>>> fy = FinancialYear(2013)
>>> pilot = Project(key="P1", title="Pilot", domain="d", flows=(
...     CashFlow(amount=Money(100), nature=Nature.COST, period=fy, label="set-up"),
...     CashFlow(amount=Money(250), nature=Nature.BENEFIT, period=fy + 1, label="saving",
...              value_type=ValueType.FISCAL, cashable=True)))
>>> programme = Programme(name="Demo", place="Here", partners=(), projects=(pilot,),
...     domains=(Domain(key="d", name="D", kind=DomainKind.THEMATIC),))
>>> options = dict(base_year=fy, price_base=fy, schedule=ZERO_RATE)
>>> comparison = compare({
...     "base": appraise(programme, **options),
...     "deadweight 20%": appraise(programme, adjustments=Adjustments(deadweight="0.2"),
...                                **options),
... }, base="base")
>>> row = comparison.rows()[1]
>>> row["net_present_budget_impact"], row["net_present_budget_impact_change"], row["rank"]
(Money('100.0', 'GBP'), Money('-50.0', 'GBP'), 2)

Every figure is the appraisal's own (adjusted, present values); each change is the
scenario's figure minus the base's, exactly (``None`` where either is ``None``: a ratio
with no costs, a payback that never comes). Scenarios are ranked by one figure
(``rank_by``, the net present public value unless told otherwise), highest first; equal
figures share a rank, and a scenario without the figure is not ranked. The scenarios must
share a currency, a base year and a price base (figures discounted to different years or
in different prices cannot be compared); each may use its own discount schedule, horizon,
phasing and adjustments, and :meth:`Comparison.assumptions` lists the base's assumptions
and, for every other scenario, those that differ from the base's.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal

import attrs

from wecb.appraisal._exact import EXACT_CONTEXT
from wecb.appraisal.record import Appraisal
from wecb.core._validators import check_text
from wecb.core.assumptions import Assumption, ResultRows, assumption_notes
from wecb.core.cells import ratio_text
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.core.table import Column, Table, Tabular
from wecb.errors import AppraisalError, UnknownKeyError, WecbTypeError

__all__ = ["HEADLINES", "Comparison", "Headline", "compare"]

#: What a figure of a scenario is: money, a ratio, or a financial year (payback).
_Value = Money | Decimal | FinancialYear | None


@attrs.frozen
class Headline:
    """A headline figure of a scenario: its row key, its label and how it is read from an
    :class:`~wecb.appraisal.record.Appraisal` (adjusted, discounted)."""

    key: str
    label: str
    of: Callable[[Appraisal], _Value] = attrs.field(repr=False)
    #: Whether scenarios can be ranked by it (money and ratios; not the payback year).
    rankable: bool = True


def _payback(appraisal: Appraisal) -> FinancialYear | None:
    return appraisal.financial_case.payback_year()


#: The figures compared, in column order: the financial case, then the economic case.
HEADLINES: tuple[Headline, ...] = (
    Headline("pv_costs", "PV costs", lambda a: a.pv_costs.amount),
    Headline(
        "pv_fiscal_benefits",
        "PV fiscal benefits",
        lambda a: a.fiscal_benefits.present_value.adjusted,
    ),
    Headline(
        "net_present_budget_impact",
        "net present budget impact",
        lambda a: a.financial_case.net_present_budget_impact().amount,
    ),
    Headline(
        "cashable_net_present_budget_impact",
        "net present budget impact (cashable only)",
        lambda a: a.financial_case.cashable.net_present_budget_impact().amount,
    ),
    Headline(
        "financial_return_on_investment",
        "financial return on investment",
        lambda a: a.financial_case.financial_return_on_investment(),
    ),
    Headline("payback_year", "payback year", _payback, rankable=False),
    Headline("pv_benefits", "PV benefits", lambda a: a.pv_benefits.amount),
    Headline(
        "net_present_public_value",
        "net present public value",
        lambda a: a.economic_case.net_present_public_value().amount,
    ),
    Headline(
        "benefit_cost_ratio",
        "benefit-cost ratio",
        lambda a: a.economic_case.benefit_cost_ratio(),
    ),
)
_CALLER = "stated by the caller"
_DEFAULT_RANK = "net_present_public_value"
_BY_KEY = {figure.key: figure for figure in HEADLINES}
_RANKABLE = tuple(figure.key for figure in HEADLINES if figure.rankable)


def _change(value: _Value, base: _Value) -> Money | Decimal | int | None:
    """``value - base`` exactly: money, a ratio's difference, or years between paybacks."""
    if value is None or base is None:
        return None
    if isinstance(value, Money) and isinstance(base, Money):
        return value - base
    if isinstance(value, FinancialYear) and isinstance(base, FinancialYear):
        return value - base
    if isinstance(value, Decimal) and isinstance(base, Decimal):
        return EXACT_CONTEXT.subtract(value, base)
    raise AppraisalError(f"compare: cannot subtract {base!r} from {value!r}")  # pragma: no cover


def _ranks(values: list[_Value]) -> list[int | None]:
    """Competition ranks, highest first (1, 2, 2, 4); ``None`` for a missing figure."""
    present = [v for v in values if v is not None]
    return [
        None if v is None else 1 + sum(1 for other in present if _above(other, v)) for v in values
    ]


def _above(one: _Value, other: _Value) -> bool:
    return bool(one > other)  # type: ignore[operator]  # same kind, never None here


@attrs.frozen(kw_only=True)
class Comparison(Tabular):
    """Scenarios compared with a base (see the module notes): made by :func:`compare`.

    ``scenarios`` pairs each name with its appraisal, in the order given; ``base`` names
    the base scenario and ``rank_by`` the figure ranked by (a key of :data:`HEADLINES`).
    """

    scenarios: tuple[tuple[str, Appraisal], ...]
    base: str
    rank_by: str = _DEFAULT_RANK

    def __attrs_post_init__(self) -> None:
        names = [name for name, _ in self.scenarios]
        if not names:
            raise AppraisalError("compare scenarios: none given; give at least the base scenario")
        repeated = sorted({n for n in names if names.count(n) > 1})
        if repeated:
            raise AppraisalError(
                f"compare: scenario names repeat: {', '.join(map(repr, repeated))}"
            )
        if not isinstance(self.base, str) or self.base not in names:
            raise UnknownKeyError(
                f"compare base: {self.base!r} names no scenario; scenarios: "
                f"{', '.join(map(repr, names))}"
            )
        if not isinstance(self.rank_by, str) or self.rank_by not in _RANKABLE:
            raise UnknownKeyError(
                f"compare rank_by: {self.rank_by!r} is not a figure to rank by; choices: "
                f"{', '.join(_RANKABLE)}"
            )
        _check_comparable(self.scenarios, self.base)

    def __repr__(self) -> str:
        count = len(self.scenarios)
        return (
            f"<Comparison of {count} scenario{'s' if count != 1 else ''} with {self.base!r}, "
            f"ranked by {_BY_KEY[self.rank_by].label}>"
        )

    @property
    def names(self) -> tuple[str, ...]:
        """The scenarios' names, in order."""
        return tuple(name for name, _ in self.scenarios)

    def appraisal(self, name: str) -> Appraisal:
        """The appraisal of scenario ``name``."""
        for known, appraisal in self.scenarios:
            if known == name:
                return appraisal
        raise UnknownKeyError(
            f"Comparison.appraisal: unknown scenario {name!r}; known: "
            f"{', '.join(map(repr, self.names))}"
        )

    def rows(self) -> ResultRows:
        """One row per scenario: ``scenario``, ``rank``, then each figure of :data:`HEADLINES`
        and its change from the base (``<key>_change``; whole years for the payback)."""
        values = {name: [f.of(a) for f in HEADLINES] for name, a in self.scenarios}
        base = values[self.base]
        index = [f.key for f in HEADLINES].index(self.rank_by)
        ranks = dict(zip(values, _ranks([v[index] for v in values.values()]), strict=True))
        rows: list[dict[str, object]] = []
        for name, figures in values.items():
            row: dict[str, object] = {"scenario": name, "rank": ranks[name]}
            for figure, value, base_value in zip(HEADLINES, figures, base, strict=True):
                row[figure.key] = value
                row[f"{figure.key}_change"] = _change(value, base_value)
            rows.append(row)
        return ResultRows(rows, assumptions=self.assumptions())

    def assumptions(self) -> tuple[Assumption, ...]:
        """How the scenarios are compared, the base's assumptions, and each other scenario's
        assumptions that differ from the base's."""
        label = _BY_KEY[self.rank_by].label
        out = [
            Assumption(name="base scenario", value=repr(self.base), source=_CALLER),
            Assumption(
                name="figures",
                value="each scenario's appraisal, adjusted, present values; changes are the "
                "scenario's figure minus the base's, exact",
            ),
            Assumption(
                name="ranked by",
                value=f"{label} ({self.rank_by}), highest first; equal figures share a "
                "rank; a scenario without the figure is not ranked",
                source=_CALLER if self.rank_by != _DEFAULT_RANK else "the default",
            ),
        ]
        base = self.appraisal(self.base).assumptions()
        out += [attrs.evolve(a, name=f"{self.base!r}: {a.name}") for a in base]
        for name, appraisal in self.scenarios:
            if name == self.base:
                continue
            differ = [a for a in appraisal.assumptions() if a not in base]
            if not differ:
                out.append(Assumption(name=repr(name), value="the base's assumptions"))
            out += [attrs.evolve(a, name=f"{name!r}: {a.name}") for a in differ]
        return tuple(out)

    def table(self) -> Table:
        """The headline figures of each scenario and their changes from the base."""
        body = []
        for row in self.rows():
            cells: list[object] = [row["scenario"], row["rank"]]
            for key, show in _SHOWN:
                value = row[key]
                cells.append(show(value) if show is not None and not _is_money(value) else value)
            body.append(tuple(cells))
        return Table(
            columns=(
                Column(key="scenario", align="left"),
                Column(key="rank", align="right"),
                *(Column(key=key, header=_HEADERS[key], align="right") for key, _ in _SHOWN),
            ),
            rows=body,
            title=f"Scenarios compared with {self.base!r}",
            notes=(
                "NPBI: net present budget impact (financial case); ROI: financial return on "
                "investment; NPPV: net present public value (economic case); BCR: "
                "benefit-cost ratio; change: from the base, exact; payback: year",
                *assumption_notes(self.assumptions()),
            ),
        )


def _is_money(value: object) -> bool:
    return isinstance(value, Money)


def _ratio(value: object) -> str:
    return ratio_text(value if isinstance(value, Decimal) else None)


def _year(value: object) -> str:
    return "never" if value is None else str(value)


def _years(value: object) -> str:
    return "n/a" if not isinstance(value, int) else f"{value:+d}"


_SHOWN: tuple[tuple[str, Callable[[object], str] | None], ...] = (
    ("net_present_budget_impact", None),
    ("net_present_budget_impact_change", None),
    ("financial_return_on_investment", _ratio),
    ("payback_year", _year),
    ("net_present_public_value", None),
    ("net_present_public_value_change", None),
    ("benefit_cost_ratio", _ratio),
    ("benefit_cost_ratio_change", _ratio),
)
_HEADERS = {
    "net_present_budget_impact": "NPBI",
    "net_present_budget_impact_change": "change",
    "financial_return_on_investment": "ROI",
    "payback_year": "payback",
    "net_present_public_value": "NPPV",
    "net_present_public_value_change": "change",
    "benefit_cost_ratio": "BCR",
    "benefit_cost_ratio_change": "change",
}


def compare(
    scenarios: Mapping[str, Appraisal],
    *,
    base: str,
    rank_by: str = _DEFAULT_RANK,
) -> Comparison:
    """Compare the appraisals ``scenarios`` (name -> appraisal) with the one named ``base``
    (see the module notes); ``rank_by`` is a key of :data:`HEADLINES` (not the payback year).

    Refused: no scenarios, a name that is not text, a value that is not an
    :class:`~wecb.appraisal.record.Appraisal`, a ``base`` or ``rank_by`` naming nothing
    (the message lists the choices), and scenarios whose currency, base year or price base
    differ from the base's (each named with its value).
    """
    if not isinstance(scenarios, Mapping):
        raise WecbTypeError.not_accepted(
            "compare scenarios", scenarios, "a mapping of scenario name to Appraisal"
        )
    pairs = tuple(_scenario(name, appraisal) for name, appraisal in scenarios.items())
    return Comparison(scenarios=pairs, base=base, rank_by=rank_by)


def _scenario(name: object, appraisal: object) -> tuple[str, Appraisal]:
    check_text("compare scenario name", name)
    assert isinstance(name, str)
    if not isinstance(appraisal, Appraisal):
        raise WecbTypeError.not_accepted(
            f"compare scenarios[{name!r}]", appraisal, "an Appraisal (from appraise)"
        )
    return name, appraisal


def _check_comparable(pairs: tuple[tuple[str, Appraisal], ...], base: str) -> None:
    """Raise naming every scenario whose currency, base year or price base differ."""
    reference = dict(pairs)[base]
    problems = [
        f"scenario {name!r} has {what} {theirs}, the base {base!r} {ours}"
        for name, appraisal in pairs
        for what, theirs, ours in (
            ("currency", appraisal.currency, reference.currency),
            ("base year", appraisal.base_year, reference.base_year),
            ("price base", appraisal.price_base, reference.price_base),
        )
        if theirs != ours
    ]
    if problems:
        raise AppraisalError(
            "compare: scenarios are comparable only in one currency, base year and price "
            "base: " + "; ".join(problems)
        )
