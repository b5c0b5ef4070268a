"""Costs, benefits and net benefit of a group of lines, summed exactly.

Sums are exact or raise, in Money's own context (the same working precision), done on
``Decimal`` amounts directly because grouping adds many of them; the engines build
:class:`Totals` from such sums with :func:`totals_from_sums` (or, from Money already
known to be consistent, :func:`trusted_totals`), without re-validating each one.

>>> t = totals_from_sums(Decimal("200"), Decimal("250.50"), "GBP")
>>> t
Totals(costs=Money('200', 'GBP'), benefits=Money('250.50', 'GBP'), net=Money('50.50', 'GBP'))
>>> t == Totals(costs=Money("200"), benefits=Money("250.50"))
True
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, Inexact

import attrs

from wecb.core._decimal import EXACT
from wecb.core.currency import currency_code
from wecb.core.money import MAX_DIGITS, WORKING_PRECISION, Money, from_checked
from wecb.errors import RollupError, WecbTypeError

__all__ = [
    "Totals",
    "exact_money",
    "exact_sum",
    "totals_from_sums",
    "trusted_totals",
]


def exact_sum(amounts: Iterable[Decimal]) -> Decimal:
    """The exact sum of ``amounts``; RollupError if it needs more than the working precision."""
    total = Decimal(0)
    add = EXACT.add
    try:
        for amount in amounts:
            total = add(total, amount)
    except Inexact:
        raise RollupError(
            f"a sum needs more than {WORKING_PRECISION} significant digits; round the amounts "
            "first"
        ) from None
    return total


def exact_money(amount: Decimal, currency: str) -> Money:
    """Money of an exact sum without Money's validating constructor.

    ``amount`` must be a finite result of ``EXACT`` arithmetic (so at most
    :data:`~wecb.core.money.WORKING_PRECISION` significant digits) and ``currency`` a code
    Money accepts. Such a sum can then break only Money's size bounds, checked here: within
    them this builds the same Money as ``Money(amount, currency)`` at a fraction of the cost
    (a rollup builds three per group); outside them ``Money`` refuses it as usual.

    >>> exact_money(Decimal("12.50"), "GBP")
    Money('12.50', 'GBP')
    """
    if amount.is_zero() or -MAX_DIGITS <= amount.adjusted() < MAX_DIGITS:
        return from_checked(amount, currency)
    return Money(amount, currency)


def _check_money(instance: object, attribute: attrs.Attribute[Money], value: object) -> None:
    if not isinstance(value, Money):
        raise WecbTypeError.not_accepted(f"Totals.{attribute.name}", value, "Money")


def _net(costs: object, benefits: object) -> Money:
    # Wrong types are reported by the validators, which run after defaults.
    if isinstance(costs, Money) and isinstance(benefits, Money):
        return benefits - costs
    return Money.zero()


def _ratio(numerator: Money, denominator: Money) -> Decimal | None:
    return None if denominator.is_zero() else numerator / denominator


@attrs.frozen
class Totals:
    """Costs, benefits and net benefit (``benefits - costs``) of a group of lines.

    Costs and benefits are magnitudes, as on the cash flows; ``net`` is signed.

    >>> t = Totals(costs=Money("200"), benefits=Money("250"))
    >>> t.net, t.benefit_cost_ratio(), t.net_benefit_per_pound()
    (Money('50', 'GBP'), Decimal('1.25'), Decimal('0.25'))
    >>> Totals(costs=Money("0"), benefits=Money("5")).benefit_cost_ratio() is None
    True
    """

    costs: Money = attrs.field(validator=_check_money)
    benefits: Money = attrs.field(validator=_check_money)
    net: Money = attrs.field(
        default=attrs.Factory(lambda self: _net(self.costs, self.benefits), takes_self=True),
        validator=_check_money,
    )

    def __attrs_post_init__(self) -> None:
        if self.net != self.benefits - self.costs:
            raise RollupError(
                f"Totals.net: {self.net!r} is not benefits - costs "
                f"({self.benefits!r} - {self.costs!r})"
            )

    @classmethod
    def zero(cls, currency: str = "GBP") -> Totals:
        """No costs and no benefits."""
        nothing = Money.zero(currency)
        return cls(costs=nothing, benefits=nothing, net=nothing)

    def __add__(self, other: Totals) -> Totals:
        if not isinstance(other, Totals):
            return NotImplemented
        if other.currency != self.currency:
            raise RollupError(
                f"cannot add totals in {other.currency} to totals in {self.currency}"
            )
        return totals_from_sums(
            exact_sum((self.costs.amount, other.costs.amount)),
            exact_sum((self.benefits.amount, other.benefits.amount)),
            self.currency,
        )

    @property
    def currency(self) -> str:
        """The currency of the amounts."""
        return self.costs.currency

    def benefit_cost_ratio(self) -> Decimal | None:
        """``benefits / costs``; ``None`` when there are no costs (the ratio is undefined)."""
        return _ratio(self.benefits, self.costs)

    def net_benefit_per_pound(self) -> Decimal | None:
        """Net benefit per pound of cost ``(benefits - costs) / costs`` (not the financial
        return on investment of an appraisal, which is benefits / costs); ``None`` when
        there are no costs."""
        return _ratio(self.net, self.costs)


def trusted_totals(costs: Money, benefits: Money, net: Money) -> Totals:
    """:class:`Totals` from Money already known to be consistent (``net = benefits -
    costs``, one currency), skipping the validators."""
    totals: Totals = object.__new__(Totals)
    object.__setattr__(totals, "costs", costs)
    object.__setattr__(totals, "benefits", benefits)
    object.__setattr__(totals, "net", net)
    return totals


def totals_from_sums(costs: Decimal, benefits: Decimal, currency: str) -> Totals:
    """:class:`Totals` from exact sums (see :func:`exact_money`) without re-validating; the
    net is computed here, exactly."""
    code = currency_code(currency)
    try:
        net = EXACT.subtract(benefits, costs)
    except Inexact:
        raise RollupError(
            f"a net benefit needs more than {WORKING_PRECISION} significant digits; round "
            "the amounts first"
        ) from None
    return trusted_totals(
        exact_money(costs, code), exact_money(benefits, code), exact_money(net, code)
    )
