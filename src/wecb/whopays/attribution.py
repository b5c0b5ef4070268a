"""Who pays for whose benefit: the attribution rule behind :func:`who_pays`.

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
costs) attributes its benefits to :data:`~wecb.whopays.NO_INVESTMENT`. A cost naming no
payer is borne by :data:`~wecb.rollups.UNATTRIBUTED`, and a benefit naming no beneficiary
is received by it.

Splitting uses :meth:`Money.allocate <wecb.core.money.Money.allocate>` (largest remainder, in
pennies, or in the amount's own smallest digit when it has digits below a penny; ties
go to the investor declared first), so nothing is lost or made: each beneficiary's column
sums exactly to the benefit it received, the rows to the benefit attributed to each
investor, and the whole matrix to the programme's benefits. Net positions sum exactly to
the programme's net benefit. :meth:`WhoPaysWhoBenefits.share
<wecb.whopays.matrix.WhoPaysWhoBenefits.share>` applies a benefit-sharing
agreement (:mod:`wecb.whopays.sharing`) to the positions.

>>> from wecb.model.cashflows import CashFlow, Nature, ValueType
>>> from wecb.core.money import Money
>>> from wecb.core.periods import FinancialYear
>>> from wecb.model.projects import Project
>>> fy12, fy14 = FinancialYear(2012), FinancialYear(2014)
>>> triage = Project(key="triage", title="Street triage", domain="safety")
>>> pairs = [
...     (triage, CashFlow(amount=Money(300), nature=Nature.COST, period=fy12, payer="police")),
...     (triage, CashFlow(amount=Money(100), nature=Nature.COST, period=fy12, payer="ecc")),
...     (triage, CashFlow(amount=Money(1000), nature=Nature.BENEFIT, period=fy14,
...                       beneficiary="nhs", value_type=ValueType.FISCAL, cashable=True)),
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
assumptions:
  - attribution: each benefit split between its project's investors by their shares of the \
project's costs over all its periods (basis='project') (wecb.whopays.attribution)
<BLANKLINE>
Net positions (benefits received - costs borne)
partner  costs borne  benefits received        net
-------  -----------  -----------------  ---------
ecc          £100.00              £0.00   -£100.00
nhs            £0.00          £1,000.00  £1,000.00
police       £300.00              £0.00   -£300.00
-------  -----------  -----------------  ---------
total        £400.00          £1,000.00    £600.00

``where`` filters the lines as in :func:`wecb.rollups.rollup` (see
:mod:`wecb.rollups.filters`): ``where={"value_type": "fiscal"}`` keeps every cost and the
fiscal benefits; a key that names nothing is refused. The view lists the attribution rule
and the filter in its :meth:`~wecb.whopays.WhoPaysWhoBenefits.assumptions`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from wecb.core._decimal import own_context, trimmed
from wecb.core.money import Money
from wecb.core.periods import FinancialYear, OpenPeriod, Period, period_sort_key
from wecb.errors import RollupError
from wecb.model.cashflows import Nature
from wecb.model.domains import Domain
from wecb.rollups.dimensions import Catalogue, KeyValue, Where
from wecb.rollups.engine import Engine, RollupInput, rollup
from wecb.rollups.result import Rollup
from wecb.whopays.matrix import NO_INVESTMENT, Basis, WhoPaysWhoBenefits

__all__ = ["who_pays"]


@own_context
def who_pays(
    source: RollupInput,
    where: Where | None = None,
    *,
    basis: Basis = "project",
    engine: Engine = "auto",
    domains: Iterable[Domain] | None = None,
) -> WhoPaysWhoBenefits:
    """Who invests and who receives the benefit in ``source`` (a programme, pairs or
    :class:`~wecb.rollups.Lines`), under the attribution rule of this module.

    ``where`` filters the lines as in :func:`wecb.rollups.rollup` (``value_type`` keeps
    every cost; a key that names nothing is refused); ``engine`` chooses its path (the
    grouping by project, period, nature and partner is a rollup).
    """
    if basis not in ("project", "period"):
        raise RollupError.not_accepted("basis", basis, "'project' or 'period'")
    grouped = rollup(
        source, ("project", "period", "nature", "partner"), where, engine=engine, domains=domains
    )
    ledger = _Ledger(grouped)
    catalogue, zero = grouped.catalogue, Money.zero(grouped.currency)
    by_period: dict[Period, dict[str, dict[str, Money]]] = {}
    for project, period, beneficiary, amount in ledger.benefits:
        phased = ledger.costs.get(project, {})
        whole: dict[str, Money] = {}
        for per_partner in phased.values():
            for investor, cost in per_partner.items():
                whole[investor] = whole.get(investor, zero) + cost
        weights = whole
        if basis == "period" and any(phased.get(period, {}).values()):
            weights = phased[period]
        matrix = by_period.setdefault(period, {})
        for investor, part in _attribute(amount, weights, catalogue).items():
            row = matrix.setdefault(investor, {})
            row[beneficiary] = row.get(beneficiary, zero) + part
    return _view(ledger, by_period, basis, catalogue)


class _Ledger:
    """The lines of a rollup by project, period, nature and partner, sorted into each
    project's costs by period and partner, its benefits, and each partner's totals."""

    def __init__(self, grouped: Rollup) -> None:
        self.currency = grouped.currency
        self.filters = grouped.filters
        zero = Money.zero(self.currency)
        self.costs: dict[KeyValue, dict[Period, dict[str, Money]]] = {}
        self.benefits: list[tuple[KeyValue, Period, str, Money]] = []
        self.costs_borne: dict[str, Money] = {}
        self.received: dict[str, Money] = {}
        self.costs_by_period: dict[Period, dict[str, Money]] = {}
        for (project, period, nature, partner), totals in grouped.groups.items():
            assert isinstance(period, FinancialYear | OpenPeriod) and isinstance(partner, str)
            self.costs_borne.setdefault(partner, zero)
            self.received.setdefault(partner, zero)
            if nature is Nature.COST:
                amount = totals.costs
                self.costs.setdefault(project, {}).setdefault(period, {})[partner] = amount
                self.costs_borne[partner] += amount
                into = self.costs_by_period.setdefault(period, {})
                into[partner] = into.get(partner, zero) + amount
            else:
                self.benefits.append((project, period, partner, totals.benefits))
                self.received[partner] += totals.benefits


def _view(
    ledger: _Ledger,
    by_period: dict[Period, dict[str, dict[str, Money]]],
    basis: Basis,
    catalogue: Catalogue,
) -> WhoPaysWhoBenefits:
    """The view, partners in the catalogue's order and periods in time order."""
    partners = tuple(sorted(ledger.costs_borne, key=lambda p: catalogue.sort_key("partner", p)))
    rank = {p: i for i, p in enumerate(partners)}

    def order(key: str) -> tuple[int, int]:
        return (0, rank[key]) if key in rank else (1, 0)

    costs_by_period = ledger.costs_by_period
    return WhoPaysWhoBenefits(
        currency=ledger.currency,
        basis=basis,
        partners=partners,
        by_period={
            period: {
                inv: {b: row[b] for b in sorted(row, key=order)}
                for inv, row in sorted(by_period[period].items(), key=lambda item: order(item[0]))
            }
            for period in sorted(by_period, key=period_sort_key)
        },
        costs_borne={p: ledger.costs_borne[p] for p in partners},
        benefits_received={p: ledger.received[p] for p in partners},
        costs_by_period={
            period: {
                p: costs_by_period[period][p] for p in partners if p in costs_by_period[period]
            }
            for period in sorted(costs_by_period, key=period_sort_key)
        },
        filters=ledger.filters,
        known_partners=catalogue.keys("partner"),
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


def _unit(amount: Money) -> Decimal | None:
    """``None`` (the minor unit) for whole pennies, else the amount's smallest digit."""
    minor = Money.from_minor_units(1, amount.currency).amount
    if amount.round(minor) == amount:
        return None
    exponent = trimmed(amount.amount).as_tuple().exponent  # normalize() would round
    assert isinstance(exponent, int)
    return Decimal(f"1E{exponent}")
