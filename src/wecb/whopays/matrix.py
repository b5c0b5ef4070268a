"""Who pays and who benefits: the split-incentive ("wrong pocket") view of a programme.

One partner often invests while another receives the saving. :func:`who_pays` shows, for
every investor (a partner bearing costs) and every beneficiary, how much of the
beneficiary's benefit the investor's money produced, by period, and each partner's net
position (benefits received minus costs borne).

**Attribution rule.** Within each project, every beneficiary's benefit in a period is
attributed to the project's investors in proportion to their share of the project's
costs. With ``basis="project"`` (the default) the shares are those of the project's
costs over all its periods: benefits usually arrive years after the investment that
produced them, and the published tables give benefits as one unphased bucket over the
appraisal horizon, so matching costs and benefits period by period would leave most
benefits without an investor. With ``basis="period"`` the shares are those of the
project's costs in the benefit's own period where the project has costs in it, and of
its whole costs otherwise (so an unphased bucket, which shares no period with the costs,
still uses the whole project's shares). A project with no costs at all (or only zero
costs) attributes its benefits to :data:`NO_INVESTMENT`. A cost naming no payer is borne
by :data:`~wecb.rollups.UNATTRIBUTED`, and a benefit naming no beneficiary is received by it.

Splitting uses :meth:`Money.allocate <wecb.core.money.Money.allocate>` (largest remainder, in
pennies, or in the amount's own smallest digit when it has digits below a penny; ties
go to the investor declared first), so nothing is lost or made: each beneficiary's column
sums exactly to the benefit it received, the rows to the benefit attributed to each
investor, and the whole matrix to the programme's benefits. Net positions sum exactly to
the programme's net benefit. :meth:`WhoPaysWhoBenefits.share` applies a benefit-sharing
agreement (:mod:`wecb.whopays.sharing`) to the positions.

>>> from wecb.model.cashflows import CashFlow, Nature
>>> from wecb.core.money import Money
>>> from wecb.core.periods import FinancialYear
>>> from wecb.model.projects import Project
>>> fy12, fy14 = FinancialYear(2012), FinancialYear(2014)
>>> triage = Project(key="triage", title="Street triage", domain="safety")
>>> pairs = [
...     (triage, CashFlow(amount=Money(300), nature=Nature.COST, period=fy12, payer="police")),
...     (triage, CashFlow(amount=Money(100), nature=Nature.COST, period=fy12, payer="ecc")),
...     (triage, CashFlow(amount=Money(1000), nature=Nature.BENEFIT, period=fy14,
...                       beneficiary="nhs")),
... ]
>>> view = who_pays(pairs)
>>> view.matrix["police"]["nhs"], view.matrix["ecc"]["nhs"]
(Money('750.00', 'GBP'), Money('250.00', 'GBP'))
>>> {k: str(v) for k, v in view.net_positions().items()}
{'ecc': '-£100.00', 'nhs': '£1,000.00', 'police': '-£300.00'}
>>> print(view)
Who pays and who benefits (GBP; by cost share within each project)
investor \\ beneficiary        nhs  attributed
----------------------  ---------  ----------
ecc                       £250.00     £250.00
police                    £750.00     £750.00
----------------------  ---------  ----------
received                £1,000.00   £1,000.00
<BLANKLINE>
Net positions (benefits received - costs borne)
partner  costs borne  benefits received        net
-------  -----------  -----------------  ---------
ecc          £100.00              £0.00   -£100.00
nhs            £0.00          £1,000.00  £1,000.00
police       £300.00              £0.00   -£300.00
-------  -----------  -----------------  ---------
total        £400.00          £1,000.00    £600.00
"""

from __future__ import annotations

import types
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, Final, Literal, TypeAlias

import attrs

from wecb.core.money import Money
from wecb.core.periods import FinancialYear, OpenPeriod, Period, period_sort_key
from wecb.errors import RollupError
from wecb.model.cashflows import Nature
from wecb.model.domains import Domain
from wecb.rollups import Catalogue, Engine, KeyValue, Source, Totals, rollup
from wecb.rollups.dimensions import Where, plain_value
from wecb.rollups.table import RowKind, choose_scale, money_cell, render_html, render_text
from wecb.whopays.sharing import SharingAgreement, SharingOutcome, share_benefits

__all__ = ["NO_INVESTMENT", "Basis", "WhoPaysWhoBenefits", "who_pays"]

#: The investor of a benefit whose project has no costs.
NO_INVESTMENT: Final = "(no investment)"

Basis: TypeAlias = Literal["project", "period"]

Matrix: TypeAlias = Mapping[str, Mapping[str, Money]]


def _frozen_matrix(matrix: Mapping[str, Mapping[str, Money]]) -> Matrix:
    return types.MappingProxyType(
        {row: types.MappingProxyType(dict(cols)) for row, cols in matrix.items()}
    )


def _plain(matrix: Matrix) -> dict[str, dict[str, Money]]:
    return {row: dict(cols) for row, cols in matrix.items()}


def _partner_keys(keys: Iterable[str]) -> tuple[str, ...]:
    return tuple(keys)


def _frozen(amounts: Mapping[str, Money]) -> Mapping[str, Money]:
    return types.MappingProxyType(dict(amounts))


def _frozen_periods(by_period: Mapping[Period, Matrix]) -> Mapping[Period, Matrix]:
    return types.MappingProxyType({p: _frozen_matrix(m) for p, m in by_period.items()})


def _frozen_costs(
    by_period: Mapping[Period, Mapping[str, Money]],
) -> Mapping[Period, Mapping[str, Money]]:
    return types.MappingProxyType({p: _frozen(c) for p, c in by_period.items()})


def _restore(state: dict[str, Any]) -> WhoPaysWhoBenefits:
    return WhoPaysWhoBenefits(**state)


def _unit(amount: Money) -> Decimal | None:
    """``None`` (the minor unit) for whole pennies, else the amount's smallest digit."""
    minor = Money.from_minor_units(1, amount.currency).amount
    if amount.round(minor) == amount:
        return None
    exponent = amount.amount.normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    return Decimal(f"1E{exponent}")


@attrs.frozen(eq=False, kw_only=True)
class WhoPaysWhoBenefits:
    """Who invested, who received the benefit, and each partner's net position.

    * ``by_period``: period (of the benefit) -> investor -> beneficiary -> Money;
    * ``matrix``: the same summed over periods;
    * ``costs_borne`` / ``benefits_received``: partner -> Money (every partner that bears
      a cost or receives a benefit appears in both, with zero where it has none);
    * ``costs_by_period``: period -> partner -> costs borne in that period.

    Partners are in the programme's declaration order (sorted keys for pairs),
    :data:`~wecb.rollups.UNATTRIBUTED` and :data:`NO_INVESTMENT` last; periods in
    :func:`~wecb.core.periods.period_sort_key` order.
    """

    currency: str
    basis: Basis
    partners: tuple[str, ...] = attrs.field(converter=_partner_keys)
    by_period: Mapping[Period, Matrix] = attrs.field(converter=_frozen_periods)
    costs_borne: Mapping[str, Money] = attrs.field(converter=_frozen)
    benefits_received: Mapping[str, Money] = attrs.field(converter=_frozen)
    costs_by_period: Mapping[Period, Mapping[str, Money]] = attrs.field(converter=_frozen_costs)
    matrix: Matrix = attrs.field(init=False)

    def __reduce__(self) -> tuple[Any, tuple[dict[str, Any]]]:
        return (_restore, (self._state(),))

    def _state(self) -> dict[str, Any]:
        return {
            "currency": self.currency,
            "basis": self.basis,
            "partners": self.partners,
            "by_period": {p: _plain(m) for p, m in self.by_period.items()},
            "costs_borne": dict(self.costs_borne),
            "benefits_received": dict(self.benefits_received),
            "costs_by_period": {p: dict(c) for p, c in self.costs_by_period.items()},
        }

    def __attrs_post_init__(self) -> None:
        zero = Money.zero(self.currency)
        summed: dict[str, dict[str, Money]] = {}
        for period_matrix in self.by_period.values():
            for investor, row in period_matrix.items():
                into = summed.setdefault(investor, {})
                for beneficiary, amount in row.items():
                    into[beneficiary] = into.get(beneficiary, zero) + amount
        order = self._order
        ordered = {
            investor: {b: summed[investor][b] for b in sorted(summed[investor], key=order)}
            for investor in sorted(summed, key=order)
        }
        object.__setattr__(self, "matrix", _frozen_matrix(ordered))
        # The matrix must give back every benefit received: nothing lost or made.
        for beneficiary, received in self.benefits_received.items():
            column = sum((row.get(beneficiary, zero) for row in ordered.values()), zero)
            if column != received:
                raise RollupError(
                    f"attribution lost money: {beneficiary!r} received {received} but the "
                    f"matrix attributes {column}"
                )

    def _order(self, partner: str) -> tuple[int, int]:
        if partner in self.partners:
            return (0, self.partners.index(partner))
        return (1, 0)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, WhoPaysWhoBenefits):
            return NotImplemented
        return (
            self.currency == other.currency
            and self.basis == other.basis
            and {p: _plain(m) for p, m in self.by_period.items()}
            == {p: _plain(m) for p, m in other.by_period.items()}
            and dict(self.costs_borne) == dict(other.costs_borne)
            and dict(self.benefits_received) == dict(other.benefits_received)
        )

    __hash__ = None  # type: ignore[assignment]

    # -- totals -----------------------------------------------------------------------

    @property
    def total(self) -> Totals:
        """The programme's costs, benefits and net benefit (of the lines included)."""
        zero = Money.zero(self.currency)
        return Totals(
            costs=sum(self.costs_borne.values(), zero),
            benefits=sum(self.benefits_received.values(), zero),
        )

    def attributed(self) -> dict[str, Money]:
        """Investor -> the benefit its investment is credited with (the matrix's rows)."""
        zero = Money.zero(self.currency)
        return {inv: sum(row.values(), zero) for inv, row in self.matrix.items()}

    def net_positions(self) -> dict[str, Money]:
        """Partner -> benefits received minus costs borne; sums exactly to the net benefit."""
        return {p: self.benefits_received[p] - self.costs_borne[p] for p in self.costs_borne}

    def net_positions_by_period(self) -> dict[Period, dict[str, Money]]:
        """Period -> partner -> benefits received minus costs borne in that period."""
        zero = Money.zero(self.currency)
        periods = sorted({*self.by_period, *self.costs_by_period}, key=period_sort_key)
        out: dict[Period, dict[str, Money]] = {}
        for period in periods:
            received: dict[str, Money] = {}
            for row in self.by_period.get(period, {}).values():
                for beneficiary, amount in row.items():
                    received[beneficiary] = received.get(beneficiary, zero) + amount
            costs = self.costs_by_period.get(period, {})
            out[period] = {
                p: received.get(p, zero) - costs.get(p, zero)
                for p in self.costs_borne
                if p in received or p in costs
            }
        return out

    def share(self, agreement: SharingAgreement) -> SharingOutcome:
        """The net positions after a benefit-sharing agreement
        (:func:`wecb.whopays.sharing.share_benefits` over costs borne and benefits
        received). Amounts must be whole pennies; a :class:`~wecb.whopays.FixedShares`
        agreement needs a share for every partner listed here, including
        :data:`~wecb.rollups.UNATTRIBUTED` when some lines name nobody.
        """
        return share_benefits(
            invested=dict(self.costs_borne),
            received=dict(self.benefits_received),
            agreement=agreement,
        )

    # -- plain rows and display -------------------------------------------------------

    def rows(self) -> list[dict[str, str | Decimal]]:
        """One row per period, investor and beneficiary: ``period`` (``'2012/13'`` or the
        open period's key), ``investor``, ``beneficiary``, ``amount`` (exact Decimal)."""
        return [
            {
                "period": str(plain_value("period", period)),
                "investor": investor,
                "beneficiary": beneficiary,
                "amount": amount.amount,
            }
            for period, matrix in self.by_period.items()
            for investor, row in matrix.items()
            for beneficiary, amount in row.items()
        ]

    def _tables(self) -> list[tuple[str, list[str], list[tuple[RowKind, list[str]]], int]]:
        zero = Money.zero(self.currency)
        beneficiaries = sorted({b for row in self.matrix.values() for b in row}, key=self._order)
        positions = self.net_positions()
        attributed = self.attributed()
        every = [m for row in self.matrix.values() for m in row.values()]
        every += [*self.costs_borne.values(), *self.benefits_received.values()]
        every += [*positions.values(), *attributed.values()]
        scale, places = choose_scale(every)
        total = self.total

        def cell(m: Money) -> str:
            return money_cell(m, scale, places)

        matrix_rows: list[tuple[RowKind, list[str]]] = [
            (
                "group",
                [investor]
                + [cell(row.get(b, zero)) for b in beneficiaries]
                + [cell(attributed[investor])],
            )
            for investor, row in self.matrix.items()
        ]
        matrix_rows.append(
            (
                "total",
                ["received"]
                + [cell(self.benefits_received.get(b, zero)) for b in beneficiaries]
                + [cell(total.benefits)],
            )
        )
        within = "project" if self.basis == "project" else "project period"
        head = f"Who pays and who benefits ({self.currency}; by cost share within each {within})"
        position_rows: list[tuple[RowKind, list[str]]] = [
            (
                "group",
                [p, cell(self.costs_borne[p]), cell(self.benefits_received[p]), cell(net)],
            )
            for p, net in positions.items()
        ]
        position_rows.append(
            ("total", ["total", cell(total.costs), cell(total.benefits), cell(total.net)])
        )
        return [
            (head, ["investor \\ beneficiary", *beneficiaries, "attributed"], matrix_rows, 1),
            (
                "Net positions (benefits received - costs borne)",
                ["partner", "costs borne", "benefits received", "net"],
                position_rows,
                1,
            ),
        ]

    def __str__(self) -> str:
        return "\n\n".join(render_text(*table) for table in self._tables())

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        return "".join(render_html(*table) for table in self._tables())


def who_pays(
    source: Source,
    where: Where | None = None,
    *,
    basis: Basis = "project",
    engine: Engine = "auto",
    domains: Iterable[Domain] | None = None,
) -> WhoPaysWhoBenefits:
    """Who invests and who receives the benefit in ``source`` (a programme, pairs or
    :class:`~wecb.rollups.Lines`), under the attribution rule of this module.

    ``where`` filters the lines as in :func:`wecb.rollups.rollup`; ``engine`` chooses its
    path (the grouping by project, period, nature and partner is a rollup).
    """
    if basis not in ("project", "period"):
        raise RollupError(f"basis must be 'project' or 'period', got {basis!r}")
    grouped = rollup(
        source, ("project", "period", "nature", "partner"), where, engine=engine, domains=domains
    )
    catalogue = grouped.catalogue
    currency = grouped.currency
    zero = Money.zero(currency)
    costs: dict[KeyValue, dict[Period, dict[str, Money]]] = {}
    benefits: list[tuple[KeyValue, Period, str, Money]] = []
    costs_borne: dict[str, Money] = {}
    received: dict[str, Money] = {}
    costs_by_period: dict[Period, dict[str, Money]] = {}
    for (project, period, nature, partner), totals in grouped.groups.items():
        assert isinstance(period, FinancialYear | OpenPeriod) and isinstance(partner, str)
        costs_borne.setdefault(partner, zero)
        received.setdefault(partner, zero)
        if nature is Nature.COST:
            amount = totals.costs
            costs.setdefault(project, {}).setdefault(period, {})[partner] = amount
            costs_borne[partner] += amount
            into = costs_by_period.setdefault(period, {})
            into[partner] = into.get(partner, zero) + amount
        else:
            benefits.append((project, period, partner, totals.benefits))
            received[partner] += totals.benefits
    by_period: dict[Period, dict[str, dict[str, Money]]] = {}
    for project, period, beneficiary, amount in benefits:
        phased = costs.get(project, {})
        whole: dict[str, Money] = {}
        for per_partner in phased.values():
            for investor, cost in per_partner.items():
                whole[investor] = whole.get(investor, zero) + cost
        weights = whole
        if basis == "period" and any(phased.get(period, {}).values()):
            weights = phased[period]
        shares = _attribute(amount, weights, catalogue)
        matrix = by_period.setdefault(period, {})
        for investor, part in shares.items():
            row = matrix.setdefault(investor, {})
            row[beneficiary] = row.get(beneficiary, zero) + part
    partners = tuple(sorted(costs_borne, key=lambda p: catalogue.sort_key("partner", p)))
    rank = {p: i for i, p in enumerate(partners)}

    def order(key: str) -> tuple[int, int]:
        return (0, rank[key]) if key in rank else (1, 0)

    return WhoPaysWhoBenefits(
        currency=currency,
        basis=basis,
        partners=partners,
        by_period={
            period: {
                inv: {b: row[b] for b in sorted(row, key=order)}
                for inv, row in sorted(by_period[period].items(), key=lambda item: order(item[0]))
            }
            for period in sorted(by_period, key=period_sort_key)
        },
        costs_borne={p: costs_borne[p] for p in partners},
        benefits_received={p: received[p] for p in partners},
        costs_by_period={
            period: {
                p: costs_by_period[period][p] for p in partners if p in costs_by_period[period]
            }
            for period in sorted(costs_by_period, key=period_sort_key)
        },
    )


def _attribute(
    amount: Money, weights: Mapping[str, Money], catalogue: Catalogue
) -> dict[str, Money]:
    """``amount`` split over the investors in proportion to ``weights`` (exactly)."""
    investors = sorted(
        (p for p, w in weights.items() if not w.is_zero()),
        key=lambda p: catalogue.sort_key("partner", p),
    )
    if not investors:
        return {NO_INVESTMENT: amount}
    parts = amount.allocate([weights[p].amount for p in investors], _unit(amount))
    return dict(zip(investors, parts, strict=True))
