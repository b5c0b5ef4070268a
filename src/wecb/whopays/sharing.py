"""Benefit-sharing agreements: who invested, who received the benefit, who ends up with what.

A whole-place programme often has one partner invest while another receives
the saving (the "wrong pocket" problem). An investment agreement reallocates
the benefit between partners. Two agreements are built in:

* :class:`CostsFirstThenProRata`: investors first recover what they put in;
  what is left is shared in proportion to investment. If the benefit does not
  cover the investment, it is shared pro rata to what each invested.
* :class:`FixedShares`: the benefit is split by agreed shares summing to 1.

Both work in whole units of the currency's minor unit (pennies) with
:meth:`wecb.core.money.Money.allocate` (largest remainder, ties to the partner whose
key sorts first), so no penny is lost or made: the shared benefit always sums
exactly to the benefit received, transfers sum to zero, and partners' net
positions sum to the programme's net benefit. Every amount must already be a
whole number of pennies, and none may be negative.

>>> from wecb.core.money import Money
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
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Literal, Protocol

import attrs

from wecb.core.money import Money
from wecb.core.numbers import Exact, fraction
from wecb.core.table import Column, Table, Tabular
from wecb.errors import AppraisalError, CurrencyMismatchError, WecbTypeError
from wecb.rollups.totals import Totals

__all__ = [
    "CostsFirstThenProRata",
    "FixedShares",
    "PartnerPosition",
    "SharingAgreement",
    "SharingOutcome",
    "share_benefits",
]


class SharingAgreement(Protocol):
    """What an agreement does: split the total benefit between partners."""

    @property
    def name(self) -> str: ...

    def allocate(
        self,
        partners: tuple[str, ...],
        invested: Mapping[str, Money],
        received: Mapping[str, Money],
        unit: Decimal,
    ) -> dict[str, Money]:
        """Each partner's benefit after sharing; must sum to the total received."""
        ...


def _total(amounts: Iterable[Money], currency: str) -> Money:
    return sum(amounts, Money.zero(currency))


def _named(
    amount: Money, weights: Mapping[str, Fraction | Decimal], unit: Decimal
) -> dict[str, Money]:
    if amount.is_zero():
        return {p: Money.zero(amount.currency) for p in weights}
    return amount.allocate_named(weights, unit)


def _remainder(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if value not in ("investment", "benefit"):
        raise AppraisalError.not_accepted(
            "CostsFirstThenProRata.remainder", value, "'investment' or 'benefit'"
        )


@attrs.frozen(kw_only=True)
class CostsFirstThenProRata:
    """Investors recover their costs first; the rest is shared pro rata to investment.

    With ``remainder="benefit"`` the rest is instead shared in proportion to the
    benefit each partner received (investors are repaid, receivers keep the
    surplus). If the benefit is less than the investment, each investor gets
    the benefit pro rata to what it invested, whatever ``remainder`` says.

    >>> from wecb.core.money import Money
    >>> agreement = CostsFirstThenProRata()
    >>> out = share_benefits({"a": Money(30), "b": Money(10)}, {"c": Money(20)}, agreement)
    >>> [(p.partner, p.allocated) for p in out.positions]
    [('a', Money('15.00', 'GBP')), ('b', Money('5.00', 'GBP')), ('c', Money('0.00', 'GBP'))]
    """

    remainder: Literal["investment", "benefit"] = attrs.field(
        default="investment", validator=_remainder
    )

    @property
    def name(self) -> str:
        return f"costs first, then pro rata to {self.remainder}"

    def allocate(
        self,
        partners: tuple[str, ...],
        invested: Mapping[str, Money],
        received: Mapping[str, Money],
        unit: Decimal,
    ) -> dict[str, Money]:
        currency = next(iter(invested.values())).currency
        cost = _total(invested.values(), currency)
        benefit = _total(received.values(), currency)
        if benefit.is_zero():
            return {p: Money.zero(currency) for p in partners}
        if cost.is_zero():
            raise AppraisalError(
                f"{self.name}: no partner invested anything, so there are no costs to recover "
                "and no investment to share in proportion to; use FixedShares"
            )
        by_investment = {p: invested[p].amount for p in partners}
        if benefit <= cost:
            return _named(benefit, by_investment, unit)
        weights = by_investment
        if self.remainder == "benefit":
            weights = {p: received[p].amount for p in partners}
        rest = _named(benefit - cost, weights, unit)
        return {p: invested[p] + rest[p] for p in partners}


def _shares(value: Mapping[str, Exact]) -> tuple[tuple[str, Fraction], ...]:
    if not isinstance(value, Mapping):
        raise WecbTypeError.not_accepted(
            "FixedShares.shares", value, "a mapping of partner to share"
        )
    pairs = []
    for partner, share in value.items():
        if not isinstance(partner, str):
            raise WecbTypeError.not_accepted("FixedShares.shares: partner key", partner, "a key")
        if not partner:
            raise AppraisalError.not_accepted("FixedShares.shares: partner key", partner, "a key")
        where = f"FixedShares.shares[{partner!r}]"
        pairs.append((partner, fraction(share, what=where, minimum=0, error=AppraisalError)))
    return tuple(sorted(pairs))


def _sum_to_one(
    instance: object,
    attribute: attrs.Attribute[tuple[tuple[str, Fraction], ...]],
    value: tuple[tuple[str, Fraction], ...],
) -> None:
    total = sum((share for _, share in value), Fraction(0))
    if total != 1:
        raise AppraisalError(
            f"FixedShares.shares must sum to exactly 1, but they sum to {total} "
            f"({', '.join(f'{p}={s}' for p, s in value)})"
        )


@attrs.frozen
class FixedShares:
    """The benefit split by fixed shares that sum to exactly 1.

    Every partner that invested or received anything must have a share (0 is
    allowed, but must be said). Shares are kept as exact fractions.

    >>> FixedShares({"a": Fraction(1, 3), "b": Fraction(2, 3)}).as_dict()
    {'a': Fraction(1, 3), 'b': Fraction(2, 3)}
    >>> FixedShares({"a": Decimal("0.5"), "b": Decimal("0.4")})
    Traceback (most recent call last):
    wecb.errors.AppraisalError: FixedShares.shares must sum to exactly 1, but they sum to 9/10 \
(a=1/2, b=2/5)
    """

    shares: tuple[tuple[str, Fraction], ...] = attrs.field(
        converter=_shares, validator=_sum_to_one
    )

    @property
    def name(self) -> str:
        return "fixed shares (" + ", ".join(f"{p} {s}" for p, s in self.shares) + ")"

    def as_dict(self) -> dict[str, Fraction]:
        """The shares by partner."""
        return dict(self.shares)

    def allocate(
        self,
        partners: tuple[str, ...],
        invested: Mapping[str, Money],
        received: Mapping[str, Money],
        unit: Decimal,
    ) -> dict[str, Money]:
        shares = self.as_dict()
        missing = [p for p in partners if p not in shares]
        if missing:
            raise AppraisalError(
                f"FixedShares has no share for {', '.join(map(repr, missing))}; give every "
                "partner that invested or received a share (0 if none)"
            )
        currency = next(iter(invested.values())).currency
        benefit = _total(received.values(), currency)
        return _named(benefit, {p: shares[p] for p in partners}, unit)


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


@attrs.frozen(kw_only=True)
class SharingOutcome(Tabular):
    """Every partner's position under an agreement, with the programme totals."""

    agreement: str
    positions: tuple[PartnerPosition, ...]
    total_invested: Money
    total_benefit: Money

    def __getitem__(self, partner: str) -> PartnerPosition:
        for position in self.positions:
            if position.partner == partner:
                return position
        raise AppraisalError(f"no partner {partner!r} in this sharing outcome")

    @property
    def total(self) -> Totals:
        """The programme's costs (what was invested), benefits and net benefit, which
        sharing never changes."""
        return Totals(costs=self.total_invested, benefits=self.total_benefit)

    @property
    def net_benefit(self) -> Money:
        """The programme's net benefit, which sharing never changes."""
        return self.total_benefit - self.total_invested

    def rows(self) -> list[dict[str, str | Money]]:
        """Plain rows, one per partner, for other tools."""
        return [
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

    def table(self) -> Table:
        """One row per partner and a total row, money in units to its smallest digit (the
        minor unit, or the sharing unit when that is finer)."""
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
    exponent = amount.amount.normalize().as_tuple().exponent
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


def share_benefits(
    invested: Mapping[str, Money],
    received: Mapping[str, Money],
    agreement: SharingAgreement,
    *,
    unit: Decimal | None = None,
) -> SharingOutcome:
    """Reallocate the benefit ``received`` by partner under ``agreement``.

    ``invested`` and ``received`` map partner keys to non-negative amounts in
    one currency, whole multiples of ``unit`` (default: the currency's minor
    unit, a penny for GBP). A partner missing from one mapping has 0 there. The
    result lists partners in key order, so the order of the mappings never
    changes the outcome.
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
    total_benefit = _total(rec.values(), currency)
    total_invested = _total(inv.values(), currency)
    # The agreements preserve the total by construction; check rather than trust.
    if set(allocated) != partners or _total(allocated.values(), currency) != total_benefit:
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
    )
