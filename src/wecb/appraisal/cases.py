"""Figures side by side: an amount undiscounted and as a present value, each before and
after adjustment, and the two cases an appraisal reports (fiscal and public value).

>>> one = SideBySide(Money(300), Money(240))
>>> one.difference
Money('-60', 'GBP')
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from wecb.core.money import Money

__all__ = ["Case", "Figures", "SideBySide"]


@attrs.frozen
class SideBySide:
    """An amount before and after adjustment."""

    unadjusted: Money
    adjusted: Money

    @property
    def difference(self) -> Money:
        """``adjusted - unadjusted``."""
        return self.adjusted - self.unadjusted

    def __add__(self, other: SideBySide) -> SideBySide:
        return SideBySide(self.unadjusted + other.unadjusted, self.adjusted + other.adjusted)

    def __sub__(self, other: SideBySide) -> SideBySide:
        return SideBySide(self.unadjusted - other.unadjusted, self.adjusted - other.adjusted)

    def get(self, adjusted: bool) -> Money:
        """The adjusted or the unadjusted amount."""
        return self.adjusted if adjusted else self.unadjusted


@attrs.frozen
class Figures:
    """An amount undiscounted and as a present value, each unadjusted and adjusted."""

    undiscounted: SideBySide
    present_value: SideBySide

    @classmethod
    def zero(cls, currency: str) -> Figures:
        z = Money.zero(currency)
        return cls(SideBySide(z, z), SideBySide(z, z))

    def __add__(self, other: Figures) -> Figures:
        return Figures(
            self.undiscounted + other.undiscounted, self.present_value + other.present_value
        )

    def __sub__(self, other: Figures) -> Figures:
        return Figures(
            self.undiscounted - other.undiscounted, self.present_value - other.present_value
        )

    def get(self, *, discounted: bool = True, adjusted: bool = True) -> Money:
        """One of the four amounts."""
        return (self.present_value if discounted else self.undiscounted).get(adjusted)


@attrs.frozen
class Case:
    """Benefits against costs: the fiscal case or the public value case.

    >>> z = Money(0)
    >>> case = Case("fiscal case", Figures(SideBySide(Money(300), Money(240)),
    ...             SideBySide(Money(300), Money(240))), Figures(SideBySide(Money(100),
    ...             Money(100)), SideBySide(Money(100), Money(100))))
    >>> case.roi(), case.roi(adjusted=False), case.bcr()
    (Decimal('1.4'), Decimal('2'), Decimal('2.4'))
    """

    name: str
    benefits: Figures
    costs: Figures

    @property
    def net(self) -> Figures:
        """Benefits less costs."""
        return self.benefits - self.costs

    def roi(self, *, discounted: bool = True, adjusted: bool = True) -> Decimal | None:
        """Return on investment ``(benefits - costs) / costs``; ``None`` when costs are 0."""
        costs = self.costs.get(discounted=discounted, adjusted=adjusted)
        if costs.is_zero():
            return None
        return (self.benefits.get(discounted=discounted, adjusted=adjusted) - costs) / costs

    def bcr(self, *, discounted: bool = True, adjusted: bool = True) -> Decimal | None:
        """Benefit-cost ratio ``benefits / costs``; ``None`` when costs are 0."""
        costs = self.costs.get(discounted=discounted, adjusted=adjusted)
        if costs.is_zero():
            return None
        return self.benefits.get(discounted=discounted, adjusted=adjusted) / costs
