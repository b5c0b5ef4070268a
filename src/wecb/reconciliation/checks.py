"""One check: a published figure against what the model derives, and their difference.

A :class:`Check` compares a **claimed** figure (what a document publishes) with the figure
the model **derives**, and keeps the difference, the tolerance, the source and a note.

>>> from wecb.core.money import Money
>>> check = Check("FBC9 total", Money("-5639000"), Money("-5639000"), "a table")
>>> check.agrees, check.difference
(True, Money('0', 'GBP'))
"""

from __future__ import annotations

import attrs

from wecb.core.money import Money
from wecb.errors import ReconciliationError
from wecb.model.documents import Source
from wecb.reconciliation._fields import (
    OPTIONAL_TEXT,
    money_validator,
    source_validator,
    text_validator,
    tolerance_validator,
    zero_tolerance,
)

__all__ = ["Check"]


@attrs.frozen
class Check:
    """One published figure against what the model derives.

    ``difference = claimed - derived``; the check **agrees** when ``abs(difference) <=
    tolerance`` (default zero: exact to the penny). ``source`` says where the claim is
    published (a :class:`~wecb.model.documents.Citation` or text); ``derivation`` how the
    derived figure was computed; ``note`` anything a reader needs to judge the comparison
    (a different horizon, gross against net, ...). ``not_comparable`` gives the reason when
    the two figures do not measure the same thing (gross against net): the check is then
    reported as not comparable, neither agreeing nor differing, with the reason.

    >>> gross = Check("gross vs net", Money("414"), Money("476"), "s",
    ...               not_comparable="the claim is net of costs, the derived figure gross")
    >>> gross.status, gross.agrees, gross.comparable
    ('not comparable', False, False)

    >>> Check("x", Money("1"), Money("1", "EUR"), "s")
    Traceback (most recent call last):
    ...
    wecb.errors.ReconciliationError: Check 'x': claimed Money('1', 'GBP') and derived \
Money('1', 'EUR') are in different currencies
    """

    label: str = attrs.field(validator=text_validator)
    claimed: Money = attrs.field(validator=money_validator)
    derived: Money = attrs.field(validator=money_validator)
    source: Source = attrs.field(validator=source_validator)
    tolerance: Money = attrs.field(
        default=attrs.Factory(zero_tolerance, takes_self=True), validator=tolerance_validator
    )
    note: str | None = attrs.field(default=None, validator=OPTIONAL_TEXT, kw_only=True)
    derivation: str | None = attrs.field(default=None, validator=OPTIONAL_TEXT, kw_only=True)
    not_comparable: str | None = attrs.field(default=None, validator=OPTIONAL_TEXT, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if self.claimed.currency != self.derived.currency:
            raise ReconciliationError(
                f"Check {self.label!r}: claimed {self.claimed!r} and derived {self.derived!r} "
                "are in different currencies"
            )

    @property
    def difference(self) -> Money:
        """``claimed - derived``: positive when the document claims more than the model."""
        return self.claimed - self.derived

    @property
    def comparable(self) -> bool:
        """Whether the claimed and derived figures measure the same thing."""
        return self.not_comparable is None

    @property
    def agrees(self) -> bool:
        """Whether the figures are comparable and the difference is within the tolerance."""
        return self.comparable and abs(self.difference) <= self.tolerance

    @property
    def differs(self) -> bool:
        """Whether the figures are comparable and differ by more than the tolerance."""
        return self.comparable and not self.agrees

    @property
    def status(self) -> str:
        """``"agrees"``, ``"DIFFERS"`` or ``"not comparable"``."""
        if not self.comparable:
            return "not comparable"
        return "agrees" if self.agrees else "DIFFERS"

    def row(self) -> dict[str, str | Money | bool | None]:
        """The check as a plain row for other tools (amounts exact)."""
        return {
            "label": self.label,
            "status": self.status,
            "agrees": self.agrees,
            "claimed": self.claimed,
            "derived": self.derived,
            "difference": self.difference,
            "tolerance": self.tolerance,
            "source": str(self.source),
            "derivation": self.derivation,
            "note": self.note,
            "not_comparable": self.not_comparable,
        }
