"""Switching values: how far a selection of lines must move for a headline figure to reach
its threshold.

For a selection of an appraisal's lines (a :class:`~wecb.appraisal.Selector`: by project,
domain, partner, nature, category (cost type or benefit value type), label, cashable) the
switching value is the multiplier ``m`` such that, with the present value of every
selected line multiplied by ``m`` and every other line unchanged, the target figure is
exactly its threshold:

* ``"net_present_budget_impact"`` (the financial case's net present value) reaches 0;
* ``"net_present_public_value"`` (the economic case's) reaches 0;
* ``"financial_return_on_investment"`` (fiscal benefits per pound of cost) reaches 1;
* ``"benefit_cost_ratio"`` (all benefits per pound of cost) reaches 1.

A net value is linear in ``m``: ``rest + m * selected``, so ``m = (threshold - rest) /
selected`` exactly, a :class:`~fractions.Fraction`. A ratio equals 1 exactly where the
case's net value is 0, provided its costs are then positive. The answer is ``None`` when no
multiplier reaches the threshold: the selection does not move the figure (it holds no line
the figure counts, or its benefits and costs cancel), or, for a ratio, costs at that
multiplier would not be positive. A multiplier below 1 is a fall (``0.8``: the selection at
80% of its estimate), above 1 a rise; a negative one means the threshold is reached only if
the selected lines changed sign. Present values are exact sums of the lines', so a
recomputed figure at ``m`` is exactly the threshold.

>>> from wecb.appraisal import Selector, appraise, ZERO_RATE
>>> from wecb.model.cashflows import CashFlow, Nature, ValueType
>>> from wecb.model.domains import Domain, DomainKind
>>> from wecb.model.programme import Programme
>>> from wecb.model.projects import Project
>>> from wecb.core.money import Money
>>> from wecb.core.periods import FinancialYear
>>> fy = FinancialYear(2013)
>>> flows = (
...     CashFlow(amount=Money(300), nature=Nature.COST, period=fy),
...     CashFlow(amount=Money(400), nature=Nature.BENEFIT, period=fy,
...              value_type=ValueType.FISCAL, cashable=True))
>>> programme = Programme(name="Demo", place="Here", partners=(),
...     domains=(Domain(key="d", name="D", kind=DomainKind.THEMATIC),),
...     projects=(Project(key="P1", title="Pilot", domain="d", flows=flows),))
>>> result = appraise(programme, base_year=fy, price_base=fy, schedule=ZERO_RATE)
>>> switching_value(result, Selector(nature="benefit"))
Fraction(3, 4)
>>> switching_value(result, Selector(nature="cost"), target="financial_return_on_investment")
Fraction(4, 3)
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Final

import attrs

from wecb.appraisal.lines import AppraisedLine
from wecb.appraisal.record import Appraisal
from wecb.appraisal.sensitivity.ranges import Selector
from wecb.core._validators import require_instance
from wecb.core.assumptions import Assumption, ResultRows, assumption_notes
from wecb.core.cells import ratio_text
from wecb.core.money import Money
from wecb.core.table import Column, Table, Tabular
from wecb.errors import UnknownKeyError, WecbTypeError

__all__ = ["TARGETS", "SwitchingRow", "SwitchingValues", "switching_value", "switching_values"]

#: Each target figure: (its case, its threshold, whether it is a ratio).
TARGETS: Final = {
    "net_present_budget_impact": ("financial", 0, False),
    "net_present_public_value": ("economic", 0, False),
    "financial_return_on_investment": ("financial", 1, True),
    "benefit_cost_ratio": ("economic", 1, True),
}


def _target(target: object) -> tuple[str, int, bool]:
    if not isinstance(target, str) or target not in TARGETS:
        raise UnknownKeyError.not_accepted(
            "switching value: target", target, f"one of {', '.join(map(repr, TARGETS))}"
        )
    return TARGETS[target]


def _counted(line: AppraisedLine, case: str) -> bool:
    return line.is_cost or case == "economic" or line.is_fiscal_benefit


@attrs.frozen(kw_only=True)
class SwitchingRow:
    """One selection's switching value (see the module notes). ``base`` is the figure at
    x1 (``Money`` for a net value, ``Decimal`` or ``None`` for a ratio); ``selected`` the
    net present value the selection contributes to it (benefits less costs); ``note`` says
    why ``switching_value`` is ``None``."""

    selection: str
    target: str
    threshold: int
    base: Money | Decimal | None
    selected: Money
    switching_value: Fraction | None
    note: str | None = None

    @property
    def change(self) -> Fraction | None:
        """``switching_value - 1``: the proportional change that reaches the threshold."""
        return None if self.switching_value is None else self.switching_value - 1


def _row(
    appraisal: Appraisal, name: str, select: Selector, target: str, adjusted: bool
) -> SwitchingRow:
    case, threshold, is_ratio = _target(target)
    require_instance(f"switching value {name!r}: select", select, Selector, "a Selector")
    select.check_keys(appraisal.lines, f"switching value {name!r}")
    zero = Money.zero(appraisal.currency)
    sums = {(k, chosen): zero for k in ("benefits", "costs") for chosen in (False, True)}
    for line in appraisal.lines:
        if _counted(line, case):
            key = ("costs" if line.is_cost else "benefits", select.matches(line))
            sums[key] = sums[key] + (line.pv_adjusted if adjusted else line.pv_unadjusted)
    selected = sums["benefits", True] - sums["costs", True]
    rest = sums["benefits", False] - sums["costs", False]
    costs = sums["costs", False] + sums["costs", True]
    benefits = sums["benefits", False] + sums["benefits", True]
    base: Money | Decimal | None = rest + selected
    if is_ratio:
        base = None if costs.is_zero() else benefits / costs
    value: Fraction | None = None
    note = None
    if selected.is_zero():
        note = "the selection does not move the figure"
    else:
        # Every threshold is a net value of 0: a ratio is 1 exactly where its net is 0.
        value = -Fraction(rest.amount) / Fraction(selected.amount)
        at = Fraction(sums["costs", False].amount) + value * Fraction(sums["costs", True].amount)
        if is_ratio and at <= 0:
            value, note = None, "costs would not be positive at the multiplier reaching 1"
    return SwitchingRow(
        selection=name,
        target=target,
        threshold=threshold,
        base=base,
        selected=selected,
        switching_value=value,
        note=note,
    )


def switching_value(
    appraisal: Appraisal,
    select: Selector,
    *,
    target: str = "net_present_budget_impact",
    adjusted: bool = True,
) -> Fraction | None:
    """The exact multiplier of the selected lines' present values at which ``target``
    reaches its threshold, or ``None`` when none does (see the module notes)."""
    require_instance("switching_value: appraisal", appraisal, Appraisal, "an Appraisal")
    require_instance("switching_value: adjusted", adjusted, bool, "True or False")
    return _row(appraisal, "selection", select, target, adjusted).switching_value


@attrs.frozen(kw_only=True)
class SwitchingValues(Tabular):
    """Switching values of named selections for one target figure (see the module notes)."""

    subject: str
    target: str
    adjusted: bool
    rows_: tuple[SwitchingRow, ...]
    basis: tuple[Assumption, ...] = attrs.field(default=(), repr=False)

    def assumptions(self) -> tuple[Assumption, ...]:
        """The appraisal's assumptions, the target and which figures."""
        return self.basis

    def rows(self) -> ResultRows:
        """One row per selection: the multiplier and change as exact ``Fraction`` (or
        ``None``), the base figure and the selection's net present value."""
        rows = [
            {
                "selection": r.selection,
                "target": r.target,
                "threshold": r.threshold,
                "base": r.base,
                "selected": r.selected,
                "switching_value": r.switching_value,
                "change": r.change,
                "note": r.note,
            }
            for r in self.rows_
        ]
        return ResultRows(rows, assumptions=self.assumptions())

    def __repr__(self) -> str:
        return f"<SwitchingValues of {self.subject}: {len(self.rows_)} selections, {self.target}>"

    def table(self) -> Table:
        """Each selection's multiplier (to 4 places) and change (as a percentage)."""
        body = [
            (
                r.selection,
                r.base if isinstance(r.base, Money) else ratio_text(r.base),
                r.selected,
                "none" if r.switching_value is None else f"x{ratio_text(r.switching_value, 4)}",
                "" if r.change is None else f"{ratio_text(r.change * 100, 1)}%",
                r.note or "",
            )
            for r in self.rows_
        ]
        threshold = TARGETS[self.target][1]
        return Table(
            columns=_COLUMNS,
            rows=body,
            title=f"Switching values of {self.subject}: {self.target.replace('_', ' ')} "
            f"reaches {threshold}",
            notes=[
                "switching value: the multiplier of the selection's present values at which "
                "the figure reaches its threshold, all other lines unchanged",
                *assumption_notes(self.assumptions()),
            ],
            scale="units",
            places=2,
        )


_COLUMNS = (
    Column(key="selection", align="left"),
    Column(key="base", header="figure at x1", align="right"),
    Column(key="selected", header="selection's net PV", align="right"),
    Column(key="switching_value", header="switching value", align="right"),
    Column(key="change", header="change", align="right"),
    Column(key="note", align="left"),
)


def switching_values(
    appraisal: Appraisal,
    select: Mapping[str, Selector],
    *,
    target: str = "net_present_budget_impact",
    adjusted: bool = True,
) -> SwitchingValues:
    """The switching value of each named selection (name -> :class:`Selector`) for
    ``target`` (see the module notes)."""
    require_instance("switching_values: appraisal", appraisal, Appraisal, "an Appraisal")
    require_instance("switching_values: adjusted", adjusted, bool, "True or False")
    if not isinstance(select, Mapping):
        raise WecbTypeError.not_accepted(
            "switching_values: select", select, "a mapping of name -> Selector"
        )
    _target(target)
    rows = tuple(_row(appraisal, str(name), s, target, adjusted) for name, s in select.items())
    stated = (
        Assumption(name="target", value=target.replace("_", " "), source="stated by the caller"),
        Assumption(
            name="figures",
            value="adjusted" if adjusted else "unadjusted (before adjustments)",
            source="stated by the caller",
        ),
    )
    return SwitchingValues(
        subject=appraisal.name,
        target=target,
        adjusted=adjusted,
        rows_=rows,
        basis=(*appraisal.assumptions(), *stated),
    )
