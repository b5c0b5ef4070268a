"""The model: partners, domains, funding streams, cash flows, tables, projects."""

from __future__ import annotations

import string
from functools import cache
from typing import Any

from hypothesis import strategies as st

from wecb.core.money import Money
from wecb.core.periods import FinancialYear, OpenPeriod, Period
from wecb.model.cashflows import CashFlow, CostType, Nature, ValueType
from wecb.model.domains import Domain, DomainKind
from wecb.model.funding import PROGRAMME, FundingBasis, FundingStream
from wecb.model.integration import IntegrationLevel, PoolingArrangement
from wecb.model.partners import Partner, PartnerKind
from wecb.model.projects import Pilot, Project, Stage
from wecb.model.table_periods import TABLE_OPEN_PERIODS
from wecb.model.tables import CostBenefitTable

MODEL_KEY_REGEX = r"[a-z][a-z0-9_]{0,7}"
#: The open periods every generated programme lists (the Essex table columns).
MODEL_OPEN_PERIODS: tuple[OpenPeriod, ...] = TABLE_OPEN_PERIODS


# Cached: building and validating a strategy costs more than drawing from it.
@cache
def model_keys() -> st.SearchStrategy[str]:
    """Valid model keys (matching ``MODEL_KEY_REGEX``; built directly, which is faster)."""
    return st.builds(
        str.__add__,
        st.sampled_from(string.ascii_lowercase),
        st.text(alphabet=string.ascii_lowercase + string.digits + "_", max_size=7),
    )


@cache
def model_text() -> st.SearchStrategy[str]:
    """Non-blank display text."""
    first = string.ascii_letters + string.digits + "£"
    return st.builds(
        str.__add__, st.sampled_from(first), st.text(alphabet=first + " '-", max_size=19)
    )


@cache
def model_money(
    currency: str = "GBP", *, min_pounds: int = 0, max_pounds: int = 10**9
) -> st.SearchStrategy[Money]:
    """Money to the penny within a range (non-negative by default)."""
    return st.decimals(
        min_value=min_pounds, max_value=max_pounds, places=2, allow_nan=False, allow_infinity=False
    ).map(lambda d: Money(d, currency))


@cache
def model_thousands(*, max_thousands: int = 200_000) -> st.SearchStrategy[Money]:
    """Whole £'000 figures as the published tables give them (non-negative)."""
    return st.integers(0, max_thousands).map(Money.from_thousands)


@cache
def model_financial_years() -> st.SearchStrategy[FinancialYear]:
    return st.integers(2005, 2030).map(FinancialYear)


@cache
def model_periods(
    open_periods: tuple[OpenPeriod, ...] = MODEL_OPEN_PERIODS,
) -> st.SearchStrategy[Period]:
    """A financial year or one of ``open_periods``."""
    years: st.SearchStrategy[Period] = model_financial_years()
    if not open_periods:
        return years
    return st.one_of(years, st.sampled_from(open_periods))


@st.composite
def partners(draw: st.DrawFn, key: str | None = None) -> Partner:
    return Partner(
        key=key if key is not None else draw(model_keys()),
        name=draw(model_text()),
        kind=draw(st.sampled_from(PartnerKind)),
        source=draw(optional_text()),
    )


@st.composite
def domains(draw: st.DrawFn, key: str | None = None) -> Domain:
    return Domain(
        key=key if key is not None else draw(model_keys()),
        name=draw(model_text()),
        kind=draw(st.sampled_from(DomainKind)),
        source=draw(optional_text()),
    )


@cache
def model_project_keys() -> st.SearchStrategy[str]:
    return model_keys().filter(lambda k: k != PROGRAMME)


@cache
def optional_text() -> st.SearchStrategy[str | None]:
    return st.none() | model_text()


def pick(options: tuple[str, ...] | list[str]) -> st.SearchStrategy[str | None]:
    """``None`` or one of ``options`` (just ``None`` when there are none)."""
    return st.none() | st.sampled_from(options) if options else st.none()


@st.composite
def funding_streams(
    draw: st.DrawFn,
    key: str | None = None,
    *,
    funders: tuple[str, ...] = (),
    recipients: st.SearchStrategy[str | None] | None = None,
    arrangements: tuple[PoolingArrangement, ...] = tuple(PoolingArrangement),
    open_periods: tuple[OpenPeriod, ...] = MODEL_OPEN_PERIODS,
    currency: str = "GBP",
) -> FundingStream:
    return FundingStream(
        key=key if key is not None else draw(model_keys()),
        name=draw(model_text()),
        funder=draw(st.sampled_from(funders)) if funders else draw(model_keys()),
        arrangement=draw(st.sampled_from(arrangements)),
        amount=draw(st.none() | model_money(currency)),
        basis=draw(st.sampled_from(FundingBasis)),
        periods=tuple(draw(st.lists(model_periods(open_periods), max_size=4, unique=True))),
        ring_fenced=draw(st.booleans()),
        recipient=draw(recipients if recipients is not None else st.none() | st.just(PROGRAMME)),
        note=draw(optional_text()),
        source=draw(optional_text()),
    )


@st.composite
def cash_flows(
    draw: st.DrawFn,
    *,
    partner_keys: tuple[str, ...] = (),
    stream_keys: tuple[str, ...] = (),
    open_periods: tuple[OpenPeriod, ...] = MODEL_OPEN_PERIODS,
    currency: str = "GBP",
    nature: Nature | None = None,
) -> CashFlow:
    """A valid cash flow whose references are drawn from the keys given."""
    nature = nature if nature is not None else draw(st.sampled_from(Nature))
    common: dict[str, Any] = {
        "amount": draw(model_money(currency)),
        "nature": nature,
        "period": draw(model_periods(open_periods)),
        "label": draw(optional_text()),
        "source": draw(optional_text()),
    }
    if nature is Nature.COST:
        cost_type = draw(st.none() | st.sampled_from(CostType))
        return CashFlow(
            **common,
            cashable=False if cost_type is CostType.IN_KIND else draw(st.booleans()),
            cost_type=cost_type,
            payer=draw(pick(partner_keys)),
            stream=draw(pick(stream_keys)),
        )
    value_type = draw(st.sampled_from(ValueType))
    return CashFlow(
        **common,
        # Cashability applies to fiscal benefits only; any other benefit is never cashable.
        cashable=draw(st.booleans()) if value_type is ValueType.FISCAL else False,
        value_type=value_type,
        beneficiary=draw(pick(partner_keys)),
    )


@st.composite
def cost_benefit_tables(
    draw: st.DrawFn, *, consistent: bool | None = True, currency: str = "GBP"
) -> CostBenefitTable:
    """A table built from non-negative costs and gross benefits in whole £'000.

    ``consistent=True`` gives net total = cashable + non-cashable; ``False`` a total off by
    a non-zero amount; ``None`` either.
    """
    c1, c2, c3, cashable, non_cashable = (draw(model_thousands()) for _ in range(5))
    net_cashable = c1 + c2 + c3 - cashable
    net_non_cashable = -non_cashable
    total = net_cashable + net_non_cashable
    if consistent is None:
        consistent = draw(st.booleans())
    if not consistent:
        total = total + draw(st.integers(-5000, 5000).filter(bool).map(Money.from_thousands))
    return CostBenefitTable(
        costs_to_mar_2013=Money(c1.amount, currency),
        costs_to_mar_2014=Money(c2.amount, currency),
        costs_further_implementation=Money(c3.amount, currency),
        net_cashable=Money(net_cashable.amount, currency),
        net_non_cashable=Money(net_non_cashable.amount, currency),
        net_total=Money(total.amount, currency),
        non_cashable_value_type=draw(st.sampled_from(ValueType)),
        value_type_note=draw(optional_text()),
        source=draw(optional_text()),
    )


@st.composite
def pilots(draw: st.DrawFn, key: str | None = None) -> Pilot:
    return Pilot(
        key=key if key is not None else draw(model_keys()),
        name=draw(model_text()),
        area=draw(model_text()),
        integration_level=draw(st.sampled_from(IntegrationLevel)),
        source=draw(optional_text()),
    )


@st.composite
def projects(
    draw: st.DrawFn,
    key: str | None = None,
    *,
    domain_keys: tuple[str, ...] = (),
    partner_keys: tuple[str, ...] = (),
    stream_keys: tuple[str, ...] = (),
    integration_level: IntegrationLevel | bool | None = True,
    open_periods: tuple[OpenPeriod, ...] = MODEL_OPEN_PERIODS,
    currency: str = "GBP",
) -> Project:
    """A valid project; references are drawn from the keys given (any keys if none).

    ``integration_level=True`` draws a level (or ``None``); otherwise it is used as given.
    """
    leads = (
        draw(st.lists(st.sampled_from(partner_keys), max_size=3, unique=True))
        if partner_keys
        else []
    )
    pilot_keys = draw(st.lists(model_keys(), max_size=2, unique=True))
    level = (
        draw(st.none() | st.sampled_from(IntegrationLevel))
        if integration_level is True
        else integration_level
    )
    assert level is None or isinstance(level, IntegrationLevel)
    return Project(
        key=key if key is not None else draw(model_keys()),
        title=draw(model_text()),
        domain=draw(st.sampled_from(domain_keys)) if domain_keys else draw(model_keys()),
        leads=tuple(leads),
        big_idea=draw(optional_text()),
        approach=tuple(draw(st.lists(model_text(), max_size=2))),
        integration_level=level,
        stage=draw(st.sampled_from(Stage)),
        table=draw(st.none() | cost_benefit_tables(consistent=None, currency=currency)),
        flows=tuple(
            draw(
                st.lists(
                    cash_flows(
                        partner_keys=partner_keys,
                        stream_keys=stream_keys,
                        open_periods=open_periods,
                        currency=currency,
                    ),
                    max_size=4,
                )
            )
        ),
        pilots=tuple(draw(pilots(key=k)) for k in pilot_keys),
        source=draw(optional_text()),
    )
