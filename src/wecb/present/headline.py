"""The headline of a programme: the figures ``wecb summary`` leads with.

:func:`programme_headline` gives a :class:`ProgrammeHeadline`, a result like any other
(:class:`~wecb.core.table.Tabular`: ``print``, Jupyter, ``tables()``, ``assumptions()``)
with three tables:

* **net benefit**: the programme's net benefit as a positive saving (gross benefits less
  costs, from the published cost-benefit tables and the projects' own cash flows,
  undiscounted), its costs and gross benefits, and the cashable part with its share;
* **funding**: the funding requirement its sources state against the funding recorded for
  the programme, and the gap, as the reconciliation reports them (the check
  :data:`FUNDING_CHECK` of ``wecb reconcile``; nothing is computed twice);
* **appraisal**: the net present budget impact, the net present public value and the
  benefit-cost ratio under a stated phasing, by default the example phasing that the
  documentation uses (:data:`EXAMPLE_PHASING_TEXT`), named as such.

Whatever a programme does not state shows as ``not stated``, with the reason in the notes.
Appraising imports :mod:`wecb.appraisal` when :func:`programme_headline` runs, not before;
``phasing=None`` skips it.

>>> from wecb.datasets import essex_2012
>>> headline = programme_headline(essex_2012())
>>> headline.net_benefit.format(), headline.costs.format(), headline.benefit_cost_ratio_shown
('£301.0m', '£51.5m', Decimal('6.58'))
>>> print(headline.net_present_budget_impact)
£102,644,755.03
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Final

import attrs

from wecb.core.assumptions import Assumption, assumption_notes
from wecb.core.cells import percent_text
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.core.table import Column, Table, Tabular
from wecb.errors import WecbError, WecbTypeError
from wecb.model.programme import Programme
from wecb.present._headline_appraisal import appraised
from wecb.present.summary import (
    FLOWS_ASSUMPTIONS,
    FUNDING_ASSUMPTIONS,
    PUBLISHED_ASSUMPTIONS,
    TABLES_ASSUMPTIONS,
    flows_table,
    funding_table,
    programme_summary,
    projects_table,
    published_table,
    tables_table,
)
from wecb.reconciliation import Check, Reconciliation

if TYPE_CHECKING:
    from wecb.appraisal import Phasing

__all__ = [
    "EXAMPLE_PHASING",
    "EXAMPLE_PHASING_TEXT",
    "FUNDING_CHECK",
    "NOT_STATED",
    "ProgrammeHeadline",
    "ProgrammeSummary",
    "example_phasing",
    "funding_check",
    "programme_headline",
    "summary_of",
]

#: What a cell shows for a figure the programme does not state.
NOT_STATED: Final = "not stated"
#: The example phasing of the docs (the tutorial, ``wecb appraise --phase``): each open period
#: of the Essex 2012 programme with its first and last financial year, spread evenly.
EXAMPLE_PHASING: Final = (
    ("to_mar_2013", 2012, 2012),
    ("further_implementation", 2014, 2016),
    ("appraisal_horizon", 2014, 2018),
)
#: The example phasing as the ``--phase`` options write it, and how the headline names it.
EXAMPLE_PHASING_TEXT: Final = "example phasing from the docs: " + ", ".join(
    f"{key}={FinancialYear(first)}" + ("" if first == last else f"..{FinancialYear(last)}")
    for key, first, last in EXAMPLE_PHASING
)


def example_phasing() -> Phasing:
    """:data:`EXAMPLE_PHASING` as a :class:`~wecb.appraisal.Phasing` (imports the
    appraisal package)."""
    from wecb.appraisal import Phasing  # noqa: PLC0415 - pint and numpy only when appraising

    table = {
        key: dict.fromkeys(FinancialYear.range(FinancialYear(first), FinancialYear(last)), 1)
        for key, first, last in EXAMPLE_PHASING
    }
    return Phasing(table, note=EXAMPLE_PHASING_TEXT)


#: How the reconciliation labels the check of the funding requirement against all the funding
#: recorded for the programme (the Essex 2012 claims); the headline reads its figures.
FUNDING_CHECK: Final = "Funding (unstated): requirement"

_SIGN: Final = Assumption(
    name="sign", value="net benefit = gross benefits - costs; positive is a saving"
)
_TOTALS: Final = Assumption(
    name="totals",
    value="undiscounted and unphased: the published cost-benefit tables' columns and the "
    "projects' own cash flows, summed",
)


def _money(value: object) -> Money | None:
    return value if isinstance(value, Money) else None


def _cell(value: Money | Decimal | None) -> Money | Decimal | str:
    return NOT_STATED if value is None else value


@attrs.frozen(kw_only=True)
class ProgrammeHeadline(Tabular):
    """The figures a programme's first screen leads with (see the module notes).

    Every amount is exact :class:`~wecb.core.money.Money`, ``None`` where the programme
    does not state it; ``notes`` say why a figure is not stated. The tables show the
    benefit-cost ratio to two places (half up); :attr:`benefit_cost_ratio` keeps every digit.
    """

    subject: str
    net_benefit: Money | None = None
    costs: Money | None = None
    gross_benefits: Money | None = None
    cashable_net_benefit: Money | None = None
    funding_required: Money | None = None
    funding_recorded: Money | None = None
    funding_gap: Money | None = None
    net_present_budget_impact: Money | None = None
    net_present_public_value: Money | None = None
    benefit_cost_ratio: Decimal | None = None
    phasing: str = NOT_STATED
    funding_notes: tuple[str, ...] = ()
    appraisal_notes: tuple[str, ...] = ()
    appraisal_assumptions: tuple[Assumption, ...] = ()

    @property
    def cashable_share(self) -> Fraction | None:
        """The cashable net benefit as a share of the net benefit, exactly."""
        if self.cashable_net_benefit is None or not self.net_benefit:
            return None
        return Fraction(self.cashable_net_benefit.amount) / Fraction(self.net_benefit.amount)

    @property
    def benefit_cost_ratio_shown(self) -> Decimal | None:
        """:attr:`benefit_cost_ratio` to two places, half up, as the tables show it."""
        ratio = self.benefit_cost_ratio
        return None if ratio is None else ratio.quantize(Decimal("0.01"), ROUND_HALF_UP)

    def assumptions(self) -> tuple[Assumption, ...]:
        """The sign, how the totals are made, the phasing, and the appraisal's own."""
        return (_SIGN, _TOTALS, *self.appraisal_assumptions)

    def tables(self) -> tuple[Table, ...]:
        """The net benefit, funding and appraisal tables, in that order."""
        columns = (Column(key="figure"), Column(key="amount", align="right"))
        share = self.cashable_share
        benefit_notes = [] if share is None else [f"cashable share: {percent_text(share)}"]
        if self.net_benefit is None:
            benefit_notes.append(f"{NOT_STATED}: no cost-benefit table or cash flow")
        benefit = Table.from_records(
            [
                {"figure": "net benefit (saving)", "amount": _cell(self.net_benefit)},
                {"figure": "costs", "amount": _cell(self.costs)},
                {"figure": "gross benefits", "amount": _cell(self.gross_benefits)},
                {"figure": "cashable net benefit", "amount": _cell(self.cashable_net_benefit)},
            ],
            columns,
            title="Net benefit: benefits - costs, positive = saving (undiscounted)",
            notes=[*benefit_notes, *assumption_notes((_SIGN, _TOTALS))],
        )
        funding = Table.from_records(
            [
                {"figure": "funding required", "amount": _cell(self.funding_required)},
                {"figure": "funding recorded", "amount": _cell(self.funding_recorded)},
                {"figure": "gap", "amount": _cell(self.funding_gap)},
            ],
            columns,
            title="Funding: the requirement against the funding recorded",
            notes=self.funding_notes,
            scale="millions",
            places=3,
        )
        npbi, nppv = self.net_present_budget_impact, self.net_present_public_value
        appraisal = Table.from_records(
            [
                {"figure": "NPV: net present budget impact", "amount": _cell(npbi)},
                {"figure": "NPV: net present public value", "amount": _cell(nppv)},
                {"figure": "benefit-cost ratio", "amount": _cell(self.benefit_cost_ratio_shown)},
            ],
            columns,
            title=f"Appraisal under the {self.phasing}"
            if self.phasing != NOT_STATED
            else "Appraisal: phasing not stated",
            notes=[*self.appraisal_notes, *assumption_notes(self.appraisal_assumptions)],
        )
        return (benefit, funding, appraisal)


def _footer(table: Table | None) -> dict[str, object]:
    if table is None or table.footer is None:
        return {}
    return {c.key: cell for c, cell in zip(table.columns, table.footer, strict=True)}


def _totals(programme: Programme) -> dict[str, Money | None]:
    """The net benefit, costs, gross benefits and cashable net benefit of the tables' and
    flows' totals (:func:`~wecb.present.summary.tables_table`,
    :func:`~wecb.present.summary.flows_table`); None when there is neither."""
    tables, flows = _footer(tables_table(programme)), _footer(flows_table(programme))
    if not tables and not flows:
        return {}
    zero = Money.zero(programme.currency)

    def total(table: dict[str, object], *keys: str) -> Money:
        return sum((_money(table.get(key)) or zero for key in keys), zero)

    return {
        "net_benefit": total(tables, "net_benefit") + total(flows, "net"),
        "costs": total(tables, "costs") + total(flows, "costs"),
        "gross_benefits": total(tables, "gross_cashable", "gross_non_cashable")
        + total(flows, "benefit_cash", "benefit_non_cash"),
        "cashable_net_benefit": total(tables, "net_cashable_benefit")
        + total(flows, "benefit_cash")
        - total(flows, "costs"),
    }


def funding_check(reconciliation: Reconciliation | None) -> Check | None:
    """The reconciliation's check of the funding requirement against all the funding
    recorded for the programme (labelled :data:`FUNDING_CHECK` ...), or None."""
    if reconciliation is None:
        return None
    for check in reconciliation:
        if check.label.startswith(FUNDING_CHECK):
            return check
    return None


def _funding(reconciliation: Reconciliation | None) -> dict[str, object]:
    check = funding_check(reconciliation)
    if check is None:
        why = (
            "no reconciliation given"
            if reconciliation is None
            else "the reconciliation has no check of a funding requirement"
        )
        return {"funding_notes": (f"{NOT_STATED}: {why}",)}
    notes = [f"from the reconciliation (wecb reconcile): {check.label}"]
    if check.derivation:
        notes.append(f"recorded: {check.derivation}")
    return {
        "funding_required": check.claimed,
        "funding_recorded": check.derived,
        "funding_gap": check.claimed - check.derived,
        "funding_notes": tuple(notes),
    }


def _phasing_problem(programme: Programme) -> str | None:
    """Why the example phasing cannot appraise ``programme``, or None if it can."""
    if not any(True for _ in programme.cash_flows()):
        return "the programme has no cash flows to appraise"
    keys = {period.key for period in programme.periods}
    missing = [key for key, _, _ in EXAMPLE_PHASING if key not in keys]
    if missing:
        return (
            f"the example phasing names open periods the programme does not have "
            f"({', '.join(missing)}); appraise it with wecb appraise --phase KEY=SPEC"
        )
    return None


def _appraisal(programme: Programme, phasing: Phasing | str | None) -> dict[str, object]:
    """The appraisal's fields of the headline, or why there are none."""
    if phasing is None:
        return {"appraisal_notes": (f"{NOT_STATED}: no phasing given",)}
    if isinstance(phasing, str):
        if phasing != "example":
            raise WecbTypeError.not_accepted("phasing", phasing, "'example', a Phasing or None")
        problem = _phasing_problem(programme)
        if problem is not None:
            return {"appraisal_notes": (f"{NOT_STATED}: {problem}",)}
        phasing, name = example_phasing(), EXAMPLE_PHASING_TEXT
    else:
        name = f"phasing given: {phasing.note}" if phasing.note else "phasing given"
    try:
        return appraised(programme, phasing, name)
    except WecbError as exc:
        return {"phasing": name, "appraisal_notes": (f"{NOT_STATED}: {exc}",)}


def programme_headline(
    programme: Programme,
    *,
    reconciliation: Reconciliation | None = None,
    phasing: Phasing | str | None = "example",
) -> ProgrammeHeadline:
    """The headline of ``programme`` (see the module notes).

    ``reconciliation`` (``wecb.reconcile(programme, claims)``) gives the funding figures;
    ``phasing`` is ``"example"`` (:data:`EXAMPLE_PHASING`, where the programme has those
    open periods), a :class:`~wecb.appraisal.Phasing` of your own, or ``None`` (no
    appraisal). The appraisal discounts to the first year phased or used, in its prices,
    with the Green Book schedule and no adjustments.
    """
    if not isinstance(programme, Programme):
        raise WecbTypeError.not_accepted("programme", programme, "a Programme")
    fields: dict[str, object] = {"subject": programme.name, **_totals(programme)}
    fields.update(_funding(reconciliation))
    fields.update(_appraisal(programme, phasing))
    return ProgrammeHeadline(**fields)  # type: ignore[arg-type]


@attrs.frozen(kw_only=True)
class ProgrammeSummary(Tabular):
    """What ``wecb summary`` shows: the :class:`ProgrammeHeadline` first, then the programme's
    projects, its cost-benefit tables (net benefit, positive = saving), the tables' net cost
    as published, the projects' own cash flows and its funding streams (those it has).

    :meth:`tables` gives them all (the headline's three first); :meth:`text` lays out the
    screen, every line within ``width``; ``extra`` lines end it.
    """

    programme: Programme
    headline: ProgrammeHeadline
    extra: tuple[str, ...] = ()

    def _sections(self) -> list[tuple[Table, tuple[Assumption, ...]]]:
        """Each section's table that the programme has, with the assumptions it states."""
        programme = self.programme
        sections = (
            (projects_table(programme), ()),
            (tables_table(programme), TABLES_ASSUMPTIONS),
            (published_table(programme), PUBLISHED_ASSUMPTIONS),
            (flows_table(programme), FLOWS_ASSUMPTIONS),
            (funding_table(programme), FUNDING_ASSUMPTIONS),
        )
        return [(table, stated) for table, stated in sections if table is not None]

    def tables(self) -> tuple[Table, ...]:
        """The headline's tables, then each section's table that the programme has."""
        return (*self.headline.tables(), *(table for table, _ in self._sections()))

    def assumptions(self) -> tuple[Assumption, ...]:
        """The headline's, then those of the sections' tables, each once."""
        every = [*self.headline.assumptions()]
        for _, stated in self._sections():
            every += stated
        return tuple(dict.fromkeys(every))

    def text(self, width: int | None = 80) -> str:
        """The screen: name and counts, the headline, then the sections (see
        :func:`~wecb.present.summary.programme_summary`); ``None`` sets no width."""
        return programme_summary(
            self.programme, width=width, lead=self.headline.tables(), extra=self.extra
        )

    def __str__(self) -> str:
        return self.text()


def summary_of(
    programme: Programme,
    *,
    reconciliation: Reconciliation | None = None,
    phasing: Phasing | str | None = "example",
    extra: Sequence[str] = (),
) -> ProgrammeSummary:
    """The :class:`ProgrammeSummary` of ``programme``, its headline from
    :func:`programme_headline` (``reconciliation`` and ``phasing`` as there).

    >>> from wecb.datasets import essex_2012
    >>> summary = summary_of(essex_2012(), phasing=None)
    >>> [table.title for table in summary.tables()][:3]  # doctest: +NORMALIZE_WHITESPACE
    ['Net benefit: benefits - costs, positive = saving (undiscounted)',
     'Funding: the requirement against the funding recorded',
     'Appraisal: phasing not stated']
    """
    headline = programme_headline(programme, reconciliation=reconciliation, phasing=phasing)
    return ProgrammeSummary(programme=programme, headline=headline, extra=tuple(extra))
