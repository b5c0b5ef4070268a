"""The appraisal by agency: what each partner bears and receives, in present value.

:func:`by_agency` reads an :class:`~wecb.appraisal.record.Appraisal` partner by partner
(the payer of a cost, the beneficiary of a benefit): the present value of the costs it
bears, of the fiscal benefits it receives (as the financial case counts them) and of which
cashable, of the other benefits attributed to it (economic, social, and unclassified ones
not counted as fiscal), and its net position (fiscal benefits less costs). Lines that name
no partner make the ``"(unattributed)"`` row. Nothing is rounded or allocated: each line
falls to one row, so every column sums exactly to the appraisal's figure
(:attr:`AgencyTable.total`).

:func:`who_pays_present_value` is the who-pays matrix (:func:`wecb.whopays.who_pays`) of
the same lines in present value: each line's present value at the base year, attributed
by the same rule (each benefit split between its project's investors by their shares of
the project's costs).

>>> from wecb.appraisal import appraise, ZERO_RATE
>>> from wecb.model.cashflows import CashFlow, Nature, ValueType
>>> from wecb.model.domains import Domain, DomainKind
>>> from wecb.model.partners import Partner, PartnerKind
>>> from wecb.model.programme import Programme
>>> from wecb.model.projects import Project
>>> from wecb.core.periods import FinancialYear
>>> fy = FinancialYear(2013)
>>> flows = (
...     CashFlow(amount=Money(100), nature=Nature.COST, period=fy, payer="council"),
...     CashFlow(amount=Money(80), nature=Nature.BENEFIT, period=fy, beneficiary="police",
...              value_type=ValueType.FISCAL, cashable=True),
...     CashFlow(amount=Money(50), nature=Nature.BENEFIT, period=fy,
...              value_type=ValueType.FISCAL, cashable=False))
>>> programme = Programme(name="Demo", place="Here",
...     partners=(Partner(key="council", name="Council", kind=PartnerKind.COUNTY_COUNCIL),
...               Partner(key="police", name="Police", kind=PartnerKind.POLICE)),
...     domains=(Domain(key="d", name="D", kind=DomainKind.THEMATIC),),
...     projects=(Project(key="P1", title="Pilot", domain="d", flows=flows),))
>>> table = by_agency(appraise(programme, base_year=fy, price_base=fy, schedule=ZERO_RATE))
>>> [(row.agency, str(row.net_position)) for row in table.agencies]
[('council', '-£100.00'), ('police', '£80.00'), ('(unattributed)', '£50.00')]
>>> str(table.total.net_position), str(table.row("police").pv_cashable_benefits)
('£30.00', '£80.00')
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import attrs

from wecb.appraisal.lines import AppraisedLine, BenefitType
from wecb.appraisal.record import Appraisal
from wecb.core._validators import require_instance
from wecb.core.assumptions import Assumption, ResultRows, assumption_notes
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.core.table import Column, Table, Tabular
from wecb.errors import UnknownKeyError
from wecb.model.cashflows import CashFlow, Nature, ValueType
from wecb.model.projects import Project
from wecb.rollups.dimensions import UNATTRIBUTED, Where
from wecb.whopays.attribution import who_pays
from wecb.whopays.matrix import WhoPaysWhoBenefits

__all__ = ["UNATTRIBUTED", "AgencyRow", "AgencyTable", "by_agency", "who_pays_present_value"]

#: The label of :attr:`AgencyTable.total`.
TOTAL: Final = "total"


@attrs.frozen(kw_only=True)
class AgencyRow:
    """One partner's present values (magnitudes): ``agency`` is the partner key, or
    ``"(unattributed)"`` (``partner`` None) for lines naming no partner, or ``"total"``."""

    agency: str
    partner: str | None
    pv_costs: Money
    pv_fiscal_benefits: Money
    pv_cashable_benefits: Money
    pv_other_benefits: Money

    @property
    def net_position(self) -> Money:
        """Fiscal benefits received less costs borne."""
        return self.pv_fiscal_benefits - self.pv_costs

    def __add__(self, other: AgencyRow) -> AgencyRow:
        return AgencyRow(
            agency=TOTAL,
            partner=None,
            pv_costs=self.pv_costs + other.pv_costs,
            pv_fiscal_benefits=self.pv_fiscal_benefits + other.pv_fiscal_benefits,
            pv_cashable_benefits=self.pv_cashable_benefits + other.pv_cashable_benefits,
            pv_other_benefits=self.pv_other_benefits + other.pv_other_benefits,
        )


def _row(
    agency: str, partner: str | None, lines: Iterable[AppraisedLine], adjusted: bool, currency: str
) -> AgencyRow:
    sums = dict.fromkeys(("costs", "fiscal", "cashable", "other"), Money.zero(currency))
    for line in lines:
        pv = line.pv_adjusted if adjusted else line.pv_unadjusted
        if line.is_cost:
            sums["costs"] = sums["costs"] + pv
        elif line.is_fiscal_benefit:
            sums["fiscal"] = sums["fiscal"] + pv
            if line.cashable:
                sums["cashable"] = sums["cashable"] + pv
        else:
            sums["other"] = sums["other"] + pv
    return AgencyRow(
        agency=agency,
        partner=partner,
        pv_costs=sums["costs"],
        pv_fiscal_benefits=sums["fiscal"],
        pv_cashable_benefits=sums["cashable"],
        pv_other_benefits=sums["other"],
    )


@attrs.frozen(kw_only=True)
class AgencyTable(Tabular):
    """Present values by agency (see the module notes); ``adjusted`` says which figures."""

    subject: str
    adjusted: bool
    agencies: tuple[AgencyRow, ...]
    currency: str
    basis: tuple[Assumption, ...] = attrs.field(default=(), repr=False)

    @property
    def total(self) -> AgencyRow:
        """The column totals: the appraisal's own figures, exactly."""
        zero = Money.zero(self.currency)
        total = AgencyRow(
            agency=TOTAL,
            partner=None,
            pv_costs=zero,
            pv_fiscal_benefits=zero,
            pv_cashable_benefits=zero,
            pv_other_benefits=zero,
        )
        for row in self.agencies:
            total = total + row
        return total

    def row(self, agency: str) -> AgencyRow:
        """The row of ``agency`` (a partner key, or ``"(unattributed)"``)."""
        for row in self.agencies:
            if row.agency == agency:
                return row
        raise UnknownKeyError.not_accepted(
            "AgencyTable.row",
            agency,
            f"one of {', '.join(repr(r.agency) for r in self.agencies)}"
            if self.agencies
            else "an agency of the appraised lines: none (the appraisal has no lines)",
        )

    def assumptions(self) -> tuple[Assumption, ...]:
        """The appraisal's assumptions and which figures these are."""
        return self.basis

    def rows(self) -> ResultRows:
        """One row per agency, then the total: present values as ``Money``."""
        rows = [
            {
                "agency": row.agency,
                "pv_costs": row.pv_costs,
                "pv_fiscal_benefits": row.pv_fiscal_benefits,
                "pv_cashable_benefits": row.pv_cashable_benefits,
                "pv_other_benefits": row.pv_other_benefits,
                "net_position": row.net_position,
            }
            for row in (*self.agencies, self.total)
        ]
        return ResultRows(rows, assumptions=self.assumptions())

    def __repr__(self) -> str:
        return f"<AgencyTable of {self.subject}: {len(self.agencies)} agencies>"

    def table(self) -> Table:
        """The rows with the total ruled off, money to the penny."""
        rows = self.rows()
        return Table(
            columns=_COLUMNS,
            rows=[tuple(row[c.key] for c in _COLUMNS) for row in rows],
            kinds=["group"] * len(self.agencies) + ["total"],
            title=f"Present values by agency: {self.subject}",
            notes=[
                "costs borne and benefits received; net position = fiscal benefits - costs; "
                f"{'adjusted' if self.adjusted else 'unadjusted'} present values",
                *assumption_notes(self.assumptions()),
            ],
            scale="units",
            places=2,
        )


_COLUMNS = (
    Column(key="agency", align="left"),
    Column(key="pv_costs", header="PV costs", align="right"),
    Column(key="pv_fiscal_benefits", header="PV fiscal benefits", align="right"),
    Column(key="pv_cashable_benefits", header="of which cashable", align="right"),
    Column(key="pv_other_benefits", header="PV other benefits", align="right"),
    Column(key="net_position", header="net position", align="right"),
)


def by_agency(appraisal: Appraisal, *, adjusted: bool = True) -> AgencyTable:
    """The present values of ``appraisal`` by agency (see the module notes): partners in
    the order their lines first appear, then ``"(unattributed)"`` if any line names no
    partner."""
    require_instance("by_agency: appraisal", appraisal, Appraisal, "an Appraisal")
    require_instance("by_agency: adjusted", adjusted, bool, "True or False")
    partners = list(dict.fromkeys(line.partner for line in appraisal.lines))
    order = [p for p in partners if p is not None] + ([None] if None in partners else [])
    agencies = tuple(
        _row(
            UNATTRIBUTED if partner is None else partner,
            partner,
            (line for line in appraisal.lines if line.partner == partner),
            adjusted,
            appraisal.currency,
        )
        for partner in order
    )
    figures = Assumption(
        name="figures",
        value="adjusted" if adjusted else "unadjusted (before adjustments)",
        source="stated by the caller",
    )
    return AgencyTable(
        subject=appraisal.name,
        adjusted=adjusted,
        agencies=agencies,
        currency=appraisal.currency,
        basis=(*appraisal.assumptions(), figures),
    )


def _as_flow(line: AppraisedLine, year: FinancialYear, adjusted: bool) -> CashFlow:
    """The line's present value as one flow in the base year, counted as the cases count
    it (an unclassified benefit treated as fiscal is a fiscal non-cashable one)."""
    amount = line.pv_adjusted if adjusted else line.pv_unadjusted
    if line.is_cost:
        return CashFlow(amount=amount, nature=Nature.COST, period=year, payer=line.partner)
    kind = line.counted_as
    assert kind is not None  # a benefit always has one
    return CashFlow(
        amount=amount,
        nature=Nature.BENEFIT,
        period=year,
        beneficiary=line.partner,
        value_type=ValueType.FISCAL if kind.is_fiscal else ValueType(kind.value),
        cashable=kind is BenefitType.FISCAL_CASHABLE,
    )


def who_pays_present_value(
    appraisal: Appraisal, where: Where | None = None, *, adjusted: bool = True
) -> WhoPaysWhoBenefits:
    """Who pays and who benefits in ``appraisal``, in present values at its base year
    (see the module notes); ``where`` filters the lines as in :func:`wecb.whopays.who_pays`
    (``{"value_type": "fiscal"}``: the financial case). The view's assumptions add the
    appraisal's and which figures these are.

    >>> from wecb.appraisal import appraise, constant
    >>> from wecb.core.periods import FinancialYear
    >>> from wecb.model.cashflows import CashFlow, Nature, ValueType
    >>> from wecb.model.domains import Domain, DomainKind
    >>> from wecb.model.partners import Partner, PartnerKind
    >>> from wecb.model.programme import Programme
    >>> from wecb.model.projects import Project
    >>> fy = FinancialYear(2013)
    >>> flows = (
    ...     CashFlow(amount=Money(300), nature=Nature.COST, period=fy, payer="police"),
    ...     CashFlow(amount=Money(100), nature=Nature.COST, period=fy, payer="ecc"),
    ...     CashFlow(amount=Money("1035"), nature=Nature.BENEFIT, period=fy + 1,
    ...              beneficiary="nhs", value_type=ValueType.FISCAL, cashable=True))
    >>> programme = Programme(name="Demo", place="Here",
    ...     partners=tuple(Partner(key=k, name=k, kind=PartnerKind.OTHER_PUBLIC)
    ...                    for k in ("police", "ecc", "nhs")),
    ...     domains=(Domain(key="d", name="D", kind=DomainKind.THEMATIC),),
    ...     projects=(Project(key="P1", title="Pilot", domain="d", flows=flows),))
    >>> result = appraise(programme, base_year=fy, price_base=fy, schedule=constant("3.5%"))
    >>> view = who_pays_present_value(result)
    >>> [view.matrix[who]["nhs"].round("penny") for who in ("police", "ecc")]
    [Money('750.00', 'GBP'), Money('250.00', 'GBP')]
    >>> received = view.matrix["police"]["nhs"] + view.matrix["ecc"]["nhs"]
    >>> received == result.benefits.present_value.adjusted
    True
    """
    require_instance("who_pays_present_value: appraisal", appraisal, Appraisal, "an Appraisal")
    require_instance("who_pays_present_value: adjusted", adjusted, bool, "True or False")
    projects = {
        line.project: Project(key=line.project, title=line.project, domain=line.domain)
        for line in appraisal.lines
    }
    pairs = [
        (projects[line.project], _as_flow(line, appraisal.base_year, adjusted))
        for line in appraisal.lines
    ]
    view = who_pays(pairs, where)
    figures = Assumption(
        name="figures",
        value=f"present values at {appraisal.base_year}, "
        + ("adjusted" if adjusted else "unadjusted (before adjustments)"),
        source="stated by the caller",
    )
    return attrs.evolve(view, filters=(*view.filters, *appraisal.assumptions(), figures))
