"""Benefit-sharing agreements: how the benefit is split between the partners.

A whole-place programme often has one partner invest while another receives
the saving (the "wrong pocket" problem). An investment agreement reallocates
the benefit between partners; :func:`wecb.whopays.sharing.share_benefits` applies one.
Two agreements are built in, and any object with a ``name`` and an ``allocate`` method
(:class:`SharingAgreement`) can stand in for them:

* :class:`CostsFirstThenProRata`: investors first recover what they put in;
  what is left is shared in proportion to investment. If the benefit does not
  cover the investment, it is shared pro rata to what each invested.
* :class:`FixedShares`: the benefit is split by agreed shares summing to 1.

Both work in whole units of the currency's minor unit (pennies) with
:meth:`wecb.core.money.Money.allocate` (largest remainder, ties to the partner whose
key sorts first), so no penny is lost or made: the allocations always sum exactly to
the benefit received.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Literal, Protocol

import attrs

from wecb.core.money import Money
from wecb.core.numbers import Exact, fraction
from wecb.errors import AppraisalError, WecbTypeError

__all__ = ["CostsFirstThenProRata", "FixedShares", "SharingAgreement"]


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
    >>> from wecb.whopays.sharing import share_benefits
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
