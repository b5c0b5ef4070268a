"""Who pays and who benefits: the split-incentive ("wrong pocket") view of a programme.

One partner often invests while another receives the saving.
:class:`WhoPaysWhoBenefits` shows, for every investor (a partner bearing costs) and every
beneficiary, how much of the beneficiary's benefit the investor's money produced, by
period, and each partner's net position (benefits received minus costs borne).
:func:`~wecb.whopays.attribution.who_pays` builds it under the attribution rule of
:mod:`wecb.whopays.attribution`; :meth:`WhoPaysWhoBenefits.share` applies a
benefit-sharing agreement (:mod:`wecb.whopays.agreements`) to the positions.
"""

from __future__ import annotations

import types
from collections.abc import Iterable, Mapping
from typing import Any, Final, Literal, TypeAlias

import attrs

from wecb.core.assumptions import Assumption, ResultRows, assumption_notes
from wecb.core.cells import choose_scale
from wecb.core.money import Money
from wecb.core.periods import Period, period_sort_key
from wecb.core.table import Column, Table, Tabular
from wecb.errors import RollupError, UnknownKeyError
from wecb.rollups.dimensions import plain_value
from wecb.rollups.filters import as_filters
from wecb.rollups.totals import Totals
from wecb.whopays.agreements import FixedShares, SharingAgreement
from wecb.whopays.sharing import SharingOutcome, share_benefits

__all__ = ["ATTRIBUTION", "NO_INVESTMENT", "Basis", "WhoPaysWhoBenefits"]

#: The investor of a benefit whose project has no costs.
NO_INVESTMENT: Final = "(no investment)"

Basis: TypeAlias = Literal["project", "period"]

Matrix: TypeAlias = Mapping[str, Mapping[str, Money]]

#: The attribution rule of each basis, as the assumptions state it.
ATTRIBUTION: Final = {
    "project": "each benefit split between its project's investors by their shares of the "
    "project's costs over all its periods (basis='project')",
    "period": "each benefit split between its project's investors by their shares of the "
    "project's costs in the benefit's period, or over all its periods when it has none "
    "then (basis='period')",
}


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


@attrs.frozen(eq=False, kw_only=True)
class WhoPaysWhoBenefits(Tabular):
    """Who invested, who received the benefit, and each partner's net position.

    * ``by_period``: period (of the benefit) -> investor -> beneficiary -> Money;
    * ``matrix``: the same summed over periods;
    * ``costs_borne`` / ``benefits_received``: partner -> Money (every partner that bears
      a cost or receives a benefit appears in both, with zero where it has none);
    * ``costs_by_period``: period -> partner -> costs borne in that period;
    * ``filters``: the filters of the lines (``where=`` of :func:`~wecb.whopays.who_pays`),
      and ``known_partners`` the partners the programme declares (a sharing agreement may
      name them): neither is compared by ``==``.

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
    filters: tuple[Assumption, ...] = attrs.field(default=(), converter=as_filters)
    known_partners: tuple[str, ...] = attrs.field(default=(), converter=_partner_keys)
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
            "filters": self.filters,
            "known_partners": self.known_partners,
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
        :data:`~wecb.rollups.UNATTRIBUTED` when some lines name nobody, and may name only
        those and the programme's other partners (:class:`~wecb.errors.UnknownKeyError`
        otherwise). The outcome carries this view's assumptions.
        """
        if isinstance(agreement, FixedShares):
            valid = [*self.partners, *(p for p in self.known_partners if p not in self.partners)]
            unknown = sorted(p for p in agreement.as_dict() if p not in valid)
            if unknown:
                raise UnknownKeyError(
                    f"FixedShares: unknown partner{'s' if len(unknown) > 1 else ''} "
                    f"{', '.join(map(repr, unknown))}; valid: "
                    f"{', '.join(map(repr, valid)) or 'none'}"
                )
        return share_benefits(
            invested=dict(self.costs_borne),
            received=dict(self.benefits_received),
            agreement=agreement,
            assumptions=self.assumptions(),
        )

    def assumptions(self) -> tuple[Assumption, ...]:
        """The attribution rule (its basis) and the filters of the lines."""
        rule = Assumption(
            name="attribution", value=ATTRIBUTION[self.basis], source="wecb.whopays.attribution"
        )
        return (rule, *self.filters)

    # -- plain rows and display -------------------------------------------------------

    def rows(self) -> ResultRows:
        """One row per period, investor and beneficiary: ``period`` (``'2012/13'`` or the
        open period's key), ``investor``, ``beneficiary``, ``amount`` (exact Money); the
        rows carry :meth:`assumptions`."""
        rows = [
            {
                "period": str(plain_value("period", period)),
                "investor": investor,
                "beneficiary": beneficiary,
                "amount": amount,
            }
            for period, matrix in self.by_period.items()
            for investor, row in matrix.items()
            for beneficiary, amount in row.items()
        ]
        return ResultRows(rows, assumptions=self.assumptions())

    def table(self) -> Table:
        """The matrix: a row per investor, a column per beneficiary, the benefit each
        investor is credited with (``attributed``) and each beneficiary's total
        (``received``); the notes list the assumptions."""
        return self.tables()[0]

    def tables(self) -> tuple[Table, Table]:
        """The matrix (:meth:`table`) and the partners' net positions, money at one scale
        for both."""
        zero = Money.zero(self.currency)
        beneficiaries = sorted({b for row in self.matrix.values() for b in row}, key=self._order)
        positions = self.net_positions()
        attributed = self.attributed()
        every = [m for row in self.matrix.values() for m in row.values()]
        every += [*self.costs_borne.values(), *self.benefits_received.values()]
        every += [*positions.values(), *attributed.values()]
        scale, places = choose_scale(every)
        total = self.total
        within = "project" if self.basis == "project" else "project period"
        title = f"Who pays and who benefits ({self.currency}; by cost share within each {within})"
        title += "".join(f", {a.value}" for a in self.filters)
        received = [self.benefits_received.get(b, zero) for b in beneficiaries]
        matrix = Table(
            # The beneficiaries' columns are keyed by partner; the others cannot clash.
            columns=[
                Column(key="investor \\ beneficiary", align="left"),
                *(Column(key=b, align="right") for b in beneficiaries),
                Column(key="(attributed)", header="attributed", align="right"),
            ],
            rows=[
                [investor, *(row.get(b, zero) for b in beneficiaries), attributed[investor]]
                for investor, row in self.matrix.items()
            ],
            footer=["received", *received, total.benefits],
            title=title,
            notes=assumption_notes(self.assumptions()),
            scale=scale,
            places=places,
        )
        net_positions = Table(
            columns=[
                Column(key="partner", align="left"),
                *(Column(key=k, align="right") for k in ("costs borne", "benefits received")),
                Column(key="net", align="right"),
            ],
            rows=[
                [p, self.costs_borne[p], self.benefits_received[p], net]
                for p, net in positions.items()
            ],
            footer=["total", total.costs, total.benefits, total.net],
            title="Net positions (benefits received - costs borne)",
            scale=scale,
            places=places,
        )
        return matrix, net_positions

    def __repr__(self) -> str:
        return str(self)
