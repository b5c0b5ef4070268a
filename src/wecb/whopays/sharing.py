"""Sharing the benefit: who invested, who received the benefit, who ends up with what.

:func:`share_benefits` reallocates the benefit each partner received under an agreement
(:mod:`wecb.whopays.agreements`: costs first then pro rata, or fixed shares) and returns a
:class:`SharingOutcome`: each partner's :class:`PartnerPosition`, with the programme totals.

The reallocation is exact: the shared benefit always sums exactly to the benefit
received, transfers sum to zero, and partners' net positions sum to the programme's net
benefit. Every amount must already be a whole number of pennies (or of the ``unit``
given), and none may be negative.

>>> from wecb.core.money import Money
>>> from wecb.whopays.agreements import CostsFirstThenProRata
>>> out = share_benefits(
...     invested={"county": Money(100)},
...     received={"county": Money(0), "police": Money(160)},
...     agreement=CostsFirstThenProRata(),
... )
>>> print(out)
costs first, then pro rata to investment
partner  invested  received  allocated  transfer     net
-------  --------  --------  ---------  --------  ------
county    £100.00     £0.00    £160.00   £160.00  £60.00
police      £0.00   £160.00      £0.00  -£160.00   £0.00
-------  --------  --------  ---------  --------  ------
total     £100.00   £160.00    £160.00     £0.00  £60.00
assumptions:
  - sharing agreement: costs first, then pro rata to investment
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

import attrs

from wecb.core._decimal import own_context, trimmed
from wecb.core.assumptions import Assumption, ResultRows, assumption_notes
from wecb.core.money import Money
from wecb.core.table import Column, Table, Tabular
from wecb.errors import AppraisalError, CurrencyMismatchError, WecbTypeError
from wecb.rollups.totals import Totals
from wecb.whopays.agreements import FixedShares, SharingAgreement

__all__ = ["PartnerPosition", "SharingOutcome", "share_benefits"]


@attrs.frozen(kw_only=True)
class PartnerPosition:
    """One partner before and after sharing.

    ``allocated`` is its benefit after sharing, ``transfer = allocated - received``
    (what it gets from, or if negative pays to, the other partners) and
    ``net = allocated - invested``.
    """

    partner: str
    invested: Money
    received: Money
    allocated: Money
    transfer: Money
    net: Money


_COLUMNS = ("partner", "invested", "received", "allocated", "transfer", "net")


def _assumptions(value: Iterable[Assumption]) -> tuple[Assumption, ...]:
    listed = tuple(value)
    for item in listed:
        if not isinstance(item, Assumption):
            raise WecbTypeError.not_accepted("SharingOutcome.assumed", item, "an Assumption")
    return listed


@attrs.frozen(kw_only=True)
class SharingOutcome(Tabular):
    """Every partner's position under an agreement, with the programme totals.

    ``assumed`` holds the assumptions behind the amounts shared (the attribution and
    filters of a :class:`~wecb.whopays.WhoPaysWhoBenefits`); :meth:`assumptions` adds the
    agreement. ``==`` does not compare them.
    """

    agreement: str
    positions: tuple[PartnerPosition, ...]
    total_invested: Money
    total_benefit: Money
    assumed: tuple[Assumption, ...] = attrs.field(default=(), converter=_assumptions, eq=False)

    def __getitem__(self, partner: str) -> PartnerPosition:
        for position in self.positions:
            if position.partner == partner:
                return position
        partners = ", ".join(repr(p.partner) for p in self.positions) or "none"
        raise AppraisalError(
            f"no partner {partner!r} in this sharing outcome; partners: {partners}"
        )

    def assumptions(self) -> tuple[Assumption, ...]:
        """The assumptions behind the amounts shared, then the agreement."""
        return (*self.assumed, Assumption(name="sharing agreement", value=self.agreement))

    @property
    def total(self) -> Totals:
        """The programme's costs (what was invested), benefits and net benefit, which
        sharing never changes."""
        return Totals(costs=self.total_invested, benefits=self.total_benefit)

    @property
    def net_benefit(self) -> Money:
        """The programme's net benefit, which sharing never changes."""
        return self.total_benefit - self.total_invested

    def rows(self) -> ResultRows:
        """Plain rows, one per partner, for other tools; they carry :meth:`assumptions`."""
        rows = [
            {
                "partner": p.partner,
                "invested": p.invested,
                "received": p.received,
                "allocated": p.allocated,
                "transfer": p.transfer,
                "net": p.net,
            }
            for p in self.positions
        ]
        return ResultRows(rows, assumptions=self.assumptions())

    def table(self) -> Table:
        """One row per partner and a total row, money in units to its smallest digit (the
        minor unit, or the sharing unit when that is finer); the notes list the
        assumptions."""
        zero = Money.zero(self.total_benefit.currency)
        cells = [[getattr(p, key) for key in _COLUMNS] for p in self.positions]
        allocated = sum((p.allocated for p in self.positions), zero)
        transfer = sum((p.transfer for p in self.positions), zero)
        sums = [self.total_invested, self.total_benefit, allocated, transfer, self.net_benefit]
        amounts = [m for p in self.positions for m in (p.invested, p.received, p.allocated)]
        amounts += [m for p in self.positions for m in (p.transfer, p.net)]
        return Table(
            columns=[Column(key=k, align="left" if k == "partner" else "right") for k in _COLUMNS],
            rows=cells,
            footer=["total", *sums],
            title=self.agreement,
            notes=assumption_notes(self.assumptions()),
            scale="units",
            places=max(_places(m) for m in [zero, *amounts, *sums]),
        )

    def __repr__(self) -> str:
        count = len(self.positions)
        return (
            f"<SharingOutcome {self.agreement!r}: {count} partner{'s' if count != 1 else ''}, "
            f"net benefit {self.net_benefit}>"
        )


def _places(amount: Money) -> int:
    """Decimal places that show ``amount`` exactly, and at least its minor unit's."""
    minor = Money.from_minor_units(1, amount.currency).amount.as_tuple().exponent
    exponent = trimmed(amount.amount).as_tuple().exponent  # normalize() would round
    assert isinstance(minor, int) and isinstance(exponent, int)
    return max(-minor, -exponent, 0)


def _check_amounts(what: str, amounts: Mapping[str, Money], currency: str | None) -> str | None:
    if not isinstance(amounts, Mapping):
        raise WecbTypeError.not_accepted(what, amounts, "a mapping of partner to Money")
    for partner, amount in amounts.items():
        where = f"{what}[{partner!r}]"
        if not isinstance(partner, str):
            raise WecbTypeError.not_accepted(f"{what}: partner key", partner, "a key")
        if not partner:
            raise AppraisalError.not_accepted(f"{what}: partner key", partner, "a key")
        if not isinstance(amount, Money):
            raise WecbTypeError.not_accepted(where, amount, "Money")
        if currency is None:
            currency = amount.currency
        elif amount.currency != currency:
            raise CurrencyMismatchError(
                f"{where}: {amount!r} is in {amount.currency}, but other amounts are in {currency}"
            )
        if amount.is_negative():
            raise AppraisalError.not_accepted(where, amount, "an amount >= 0")
    return currency


def _check_whole(what: str, amounts: Mapping[str, Money], quantum: Decimal) -> None:
    for partner, amount in amounts.items():
        if amount.round(quantum) != amount:
            raise AppraisalError(
                f"{what}[{partner!r}]: {amount!r} is not a whole number of {quantum}; round it "
                "first (Money.round) so that sharing can be exact"
            )


@own_context
def share_benefits(
    invested: Mapping[str, Money],
    received: Mapping[str, Money],
    agreement: SharingAgreement,
    *,
    unit: Decimal | None = None,
    assumptions: Iterable[Assumption] = (),
) -> SharingOutcome:
    """Reallocate the benefit ``received`` by partner under ``agreement``.

    ``invested`` and ``received`` map partner keys to non-negative amounts in
    one currency, whole multiples of ``unit`` (default: the currency's minor
    unit, a penny for GBP). A partner missing from one mapping has 0 there. The
    result lists partners in key order, so the order of the mappings never
    changes the outcome. ``assumptions`` are those behind the amounts (the outcome
    lists them before the agreement).
    """
    currency = _check_amounts("received", received, _check_amounts("invested", invested, None))
    partners = {*invested, *received}
    if isinstance(agreement, FixedShares):
        partners |= set(agreement.as_dict())
    if currency is None:
        raise AppraisalError("share_benefits needs at least one partner with an amount")
    if unit is None:
        quantum = Money.from_minor_units(1, currency).amount
    elif not isinstance(unit, Decimal):
        raise WecbTypeError.not_accepted("unit", unit, "a positive Decimal")
    elif unit.is_finite() and unit > 0:
        quantum = unit
    else:
        raise AppraisalError.not_accepted("unit", unit, "a positive Decimal")
    _check_whole("invested", invested, quantum)
    _check_whole("received", received, quantum)
    order = tuple(sorted(partners))
    zero = Money.zero(currency)
    inv = {p: invested.get(p, zero) for p in order}
    rec = {p: received.get(p, zero) for p in order}
    allocated = agreement.allocate(order, inv, rec, quantum)
    total_benefit = sum(rec.values(), zero)
    total_invested = sum(inv.values(), zero)
    # The agreements preserve the total by construction; check rather than trust.
    if set(allocated) != partners or sum(allocated.values(), zero) != total_benefit:
        raise AppraisalError(
            f"agreement {agreement.name!r} did not allocate exactly the benefit received "
            f"({total_benefit}) between the partners"
        )
    positions = tuple(
        PartnerPosition(
            partner=p,
            invested=inv[p],
            received=rec[p],
            allocated=allocated[p],
            transfer=allocated[p] - rec[p],
            net=allocated[p] - inv[p],
        )
        for p in order
    )
    return SharingOutcome(
        agreement=agreement.name,
        positions=positions,
        total_invested=total_invested,
        total_benefit=total_benefit,
        assumed=tuple(assumptions),
    )
