"""Cash flows: one cost or one benefit, in one period, with who pays or who benefits.

Sign convention
---------------
``CashFlow.amount`` is always a magnitude (zero or more) and ``nature`` says whether it is a
cost or a benefit. The sign is applied in one place only, :attr:`CashFlow.signed`
(``+amount`` for a benefit, ``-amount`` for a cost), so that rollups and appraisals never
meet a "negative cost" or a "negative saving" and can never mix the published tables'
net-cost convention (see :class:`~wecb.model.tables.CostBenefitTable`) with a net-benefit one.

>>> from wecb.core.money import Money
>>> from wecb.core.periods import FinancialYear
>>> cost = CashFlow(amount=Money("716000"), nature=Nature.COST, period=FinancialYear(2012),
...                 payer="ecc", cost_type=CostType.REVENUE)
>>> cost.signed == Money("-716000")
True
>>> saving = CashFlow(amount=Money("1000"), nature=Nature.BENEFIT, period=FinancialYear(2014),
...                   beneficiary="ccg", value_type=ValueType.FISCAL, cashable=True)
>>> saving.signed == Money("1000")
True

Value type and cashability, never guessed
-----------------------------------------
Every benefit states its :class:`ValueType`: fiscal, economic, social, or ``UNCLASSIFIED``
when the source does not say which (an appraisal keeps unclassified benefits out of the fiscal
case unless told how to treat them). A benefit with no value type is refused; wecb 0.1.0
read a missing value type as fiscal.

Cashability applies to fiscal benefits only: a fiscal benefit must say whether the saving
releases cash that can be taken out of a budget (``cashable=True``) or is non-cashable, such
as freed capacity or avoided demand (``cashable=False``). An economic, social or
unclassified benefit is never cashable (cashable savings are fiscal by definition): leave
``cashable`` out, and ``cashable=True`` is refused.

>>> CashFlow(amount=Money("1000"), nature=Nature.BENEFIT, period=FinancialYear(2014),
...          value_type=ValueType.SOCIAL, cashable=True)
Traceback (most recent call last):
...
wecb.errors.ValidationError: CashFlow.cashable: True is not accepted; expected False for a \
social benefit: ...

For a cost, ``cashable`` says whether the cost is a cash outlay (``True``, the default) or a
non-cash resource such as staff time committed in kind (``False``, the default for a cost of
type ``IN_KIND``, which is never cashable).
"""

from __future__ import annotations

import enum

import attrs

from wecb.core._validators import (
    check_bool,
    check_enum,
    check_instance,
    check_key,
    check_non_negative_money,
    check_period,
    check_text,
    fail,
    field,
    optional,
    tuple_of,
)
from wecb.core.money import Money
from wecb.core.periods import FinancialYear, Period
from wecb.errors import ValidationError
from wecb.model.documents import Source, source_field

__all__ = ["CashFlow", "CostType", "Nature", "ValueType"]


class Nature(enum.Enum):
    """Whether a cash flow is a cost or a benefit."""

    COST = "cost"
    BENEFIT = "benefit"


class CostType(enum.Enum):
    """The kind of a cost, as the public-service cost-benefit method splits them."""

    CAPITAL = "capital"
    REVENUE = "revenue"
    #: Staff time or other resources contributed rather than paid for.
    IN_KIND = "in_kind"


class ValueType(enum.Enum):
    """The kind of value a benefit is.

    ``FISCAL``: savings to the public purse (cashable or not); ``ECONOMIC``: earnings, GVA;
    ``SOCIAL``: wellbeing and other public value; ``UNCLASSIFIED``: a benefit whose source
    does not say which of the three it is (stated explicitly, never assumed).
    """

    FISCAL = "fiscal"
    ECONOMIC = "economic"
    SOCIAL = "social"
    UNCLASSIFIED = "unclassified"


def _default_cashable(flow: CashFlow) -> bool:
    """Cashability when not stated: a cost is cash unless in kind; a benefit that is not
    fiscal is never cashable; a fiscal benefit must say (raised here, when it does not)."""
    if flow.nature is Nature.COST:
        return flow.cost_type is not CostType.IN_KIND
    if flow.value_type is ValueType.FISCAL:
        raise ValidationError(
            "CashFlow.cashable: not stated for a fiscal benefit; say whether it releases cash "
            "from a budget (cashable=True) or not, such as freed capacity or avoided demand "
            "(cashable=False)"
        )
    return False


@attrs.frozen(kw_only=True)
class CashFlow:
    """One cost or benefit line.

    ``payer`` is the partner key bearing a cost and ``beneficiary`` the partner key receiving a
    benefit (each ``None`` when not known); ``stream`` is the key of the funding stream a
    cost draws on. ``cost_type`` applies to costs only, ``value_type`` to benefits only
    (required: never assumed; see the module's notes on value type and cashability).

    >>> from wecb.core.periods import FinancialYear
    >>> CashFlow(amount=Money("5"), nature=Nature.COST, period=FinancialYear(2013),
    ...          beneficiary="ecc")
    Traceback (most recent call last):
    ...
    wecb.errors.ValidationError: CashFlow.beneficiary: 'ecc' is not accepted; expected None ...
    """

    amount: Money = attrs.field(validator=field(check_non_negative_money))
    nature: Nature = attrs.field(validator=field(check_enum(Nature)))
    period: Period = attrs.field(validator=field(check_period))
    cost_type: CostType | None = attrs.field(
        default=None, validator=field(optional(check_enum(CostType)))
    )
    value_type: ValueType | None = attrs.field(
        default=None, validator=field(optional(check_enum(ValueType)))
    )
    # After nature, cost_type and value_type: its default depends on them.
    cashable: bool = attrs.field(
        default=attrs.Factory(_default_cashable, takes_self=True), validator=field(check_bool)
    )
    payer: str | None = attrs.field(default=None, validator=field(optional(check_key)))
    beneficiary: str | None = attrs.field(default=None, validator=field(optional(check_key)))
    stream: str | None = attrs.field(default=None, validator=field(optional(check_key)))
    label: str | None = attrs.field(default=None, validator=field(optional(check_text)))
    source: Source | None = source_field()
    #: The financial year whose prices the amount is in; ``None``: the appraisal's price base
    #: (the amount is taken as stated). ``appraise`` converts a line with another price year
    #: with the ``price_index`` it is given (see :mod:`wecb.appraisal.prices`).
    price_year: FinancialYear | None = attrs.field(
        default=None,
        validator=field(optional(check_instance(FinancialYear, "FinancialYear(2012)"))),
    )
    #: The keys of the asks of government the amount depends on (see
    #: :mod:`wecb.model.asks`): realised only if every one is granted; empty: none.
    requires: tuple[str, ...] = attrs.field(
        default=(), validator=field(tuple_of(check_key, unique=True, what="ask key"))
    )

    def __attrs_post_init__(self) -> None:
        if self.nature is Nature.COST:
            if self.value_type is not None:
                fail("CashFlow.value_type", self.value_type, "None for a cost (use cost_type)")
            if self.beneficiary is not None:
                fail(
                    "CashFlow.beneficiary",
                    self.beneficiary,
                    "None for a cost (name the partner bearing it in 'payer')",
                )
            if self.cost_type is CostType.IN_KIND and self.cashable:
                fail(
                    "CashFlow.cashable",
                    self.cashable,
                    "False for an in-kind cost (it is not a cash outlay)",
                )
        else:
            if self.value_type is None:
                fail(
                    "CashFlow.value_type",
                    self.value_type,
                    "a ValueType for a benefit: fiscal, economic, social, or unclassified when "
                    "the source does not say (0.1.0 read a missing value type as fiscal)",
                )
            if self.cashable and self.value_type is not ValueType.FISCAL:
                fail(
                    "CashFlow.cashable",
                    self.cashable,
                    f"False for {_an(self.value_type.value)} benefit: cashability applies to "
                    "fiscal benefits only (cashable savings are fiscal by definition); leave "
                    "cashable out, or state value_type='fiscal' if the saving releases cash",
                )
            if self.cost_type is not None:
                fail("CashFlow.cost_type", self.cost_type, "None for a benefit (use value_type)")
            if self.payer is not None:
                fail(
                    "CashFlow.payer",
                    self.payer,
                    "None for a benefit (name the partner receiving it in 'beneficiary')",
                )
            if self.stream is not None:
                fail(
                    "CashFlow.stream",
                    self.stream,
                    "None for a benefit (a funding stream is drawn on by costs)",
                )

    @property
    def is_cost(self) -> bool:
        """Whether the flow is a cost."""
        return self.nature is Nature.COST

    @property
    def is_benefit(self) -> bool:
        """Whether the flow is a benefit."""
        return self.nature is Nature.BENEFIT

    @property
    def signed(self) -> Money:
        """The amount with its sign: ``+amount`` for a benefit, ``-amount`` for a cost."""
        return self.amount if self.nature is Nature.BENEFIT else -self.amount

    @property
    def currency(self) -> str:
        """The currency of the amount."""
        return self.amount.currency

    @property
    def partner(self) -> str | None:
        """The partner concerned: the payer of a cost or the beneficiary of a benefit."""
        return self.payer if self.nature is Nature.COST else self.beneficiary


def _an(word: str) -> str:
    return f"an {word}" if word[0] in "aeiou" else f"a {word}"
