"""Appraising flows held as columns (a loaded programme's) gives exactly what appraising the
same flows held as objects gives: the same Appraisal, rows and assumptions, to the last
digit of every Decimal, and the same errors, word for word."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from strategies.analysis import ap2_programme
from strategies.columns_appraisal import (
    CA_FURTHER,
    ca_as_columns,
    ca_columns,
    ca_options,
    ca_programmes,
)
from wecb.appraisal import appraise
from wecb.appraisal.horizons import Horizon
from wecb.appraisal.phasing import Phasing
from wecb.appraisal.record import Appraisal
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.errors import WecbError
from wecb.model._flow_columns import FlowColumns
from wecb.model.cashflows import CashFlow, Nature, ValueType
from wecb.model.programme import Programme

FY = FinancialYear
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _outcome(programme: Programme, options: dict[str, Any]) -> Appraisal | tuple[type, str]:
    try:
        return appraise(programme, **options)
    except WecbError as exc:
        return type(exc), str(exc)


def _shown(show: Callable[[], object]) -> str:
    """What ``show`` gives, or the error it raises (a sum of many 60-digit present values
    may not fit Money's digits: then both forms must refuse it alike)."""
    try:
        return repr(show())
    except WecbError as exc:
        return f"{type(exc).__name__}: {exc}"


def _exact(appraisal: Appraisal) -> list[str]:
    """Everything an appraisal shows, with every Decimal's digits and exponent."""
    return [
        repr(appraisal.lines),
        _shown(appraisal.rows),
        _shown(lambda: str(appraisal)),
        *(str(a) for a in appraisal.assumptions()),
    ]


def _same(programme: Programme, options: dict[str, Any]) -> None:
    as_objects = _outcome(programme, options)
    columns = ca_as_columns(programme)
    assert all(isinstance(p.flows, FlowColumns) for p in columns.projects)
    as_columns = _outcome(columns, options)
    if isinstance(as_objects, tuple):
        assert as_columns == as_objects
        return
    assert isinstance(as_columns, Appraisal)
    assert as_columns == as_objects
    assert _exact(as_columns) == _exact(as_objects)
    assert pickle.loads(pickle.dumps(as_columns)) == as_objects


@SETTINGS
@given(ca_programmes(), ca_options())
def test_appraising_columns_equals_appraising_objects(
    programme: Programme, options: dict[str, Any]
) -> None:
    _same(programme, options)


@SETTINGS
@given(ca_programmes(), ca_options())
def test_the_local_case_and_chosen_projects_agree_too(
    programme: Programme, options: dict[str, Any]
) -> None:
    _same(programme, {**options, "asks": ()})
    _same(programme, {**options, "projects": ["p1"], "horizon": Horizon(FY(2011), FY(2020))})


def _programme(*flows: CashFlow) -> Programme:
    return ap2_programme({"p1": list(flows)}, periods=(CA_FURTHER,))


def _errors(programme: Programme, **options: Any) -> tuple[str, str]:
    """The error appraising the programme's flows as objects, then as columns."""
    messages = []
    for held in (programme, ca_as_columns(programme)):
        with pytest.raises(WecbError) as caught:
            appraise(held, base_year=FY(2013), price_base=FY(2013), **options)
        messages.append(f"{type(caught.value).__name__}: {caught.value}")
    assert messages[0] == messages[1]
    return messages[0], messages[1]


COST = CashFlow(amount=Money("100.00"), nature=Nature.COST, period=FY(2014), label="set-up")


def test_an_unphased_open_period_names_its_lines_in_the_same_words() -> None:
    open_cost = attrs.evolve(COST, period=CA_FURTHER)
    message, _ = _errors(_programme(COST, open_cost, attrs.evolve(open_cost, label=None)))
    assert message.startswith("UnphasedPeriodError: open period 'further'")
    assert "p1 'set-up' (cost £100.00), p1 'line 2' (cost £100.00)" in message


def test_an_amount_that_is_not_whole_pennies_cannot_be_phased_in_the_same_words() -> None:
    odd = attrs.evolve(COST, period=CA_FURTHER, amount=Money("1.005"), label=None)
    phasing = Phasing.even("further", FY(2015), FY(2016))
    message, _ = _errors(_programme(COST, odd), phasing=phasing)
    assert "cannot phase £1.005 (p1 'line 1' (cost £1.005)) over open period 'further'" in message


def test_a_phasing_outside_the_period_is_refused_in_the_same_words() -> None:
    open_cost = attrs.evolve(COST, period=CA_FURTHER)
    phasing = Phasing({"further": {FY(2013): 1}})
    message, _ = _errors(_programme(open_cost), phasing=phasing)
    assert "puts money in 2013/14, outside the period" in message


def test_a_line_before_the_base_year_is_refused_in_the_same_words() -> None:
    message, _ = _errors(_programme(attrs.evolve(COST, period=FY(2012))))
    assert message.startswith("BeforeBaseYearError: flow in 2012/13 is before the base year")


def test_price_years_without_an_index_name_every_line_in_the_same_words() -> None:
    rebased = attrs.evolve(COST, price_year=FY(2010), label=None)
    message, _ = _errors(_programme(COST, rebased, rebased))
    assert "p1 'line 1' (cost £100.00) is in 2010/11 prices" in message
    assert "p1 'line 2' (cost £100.00) is in 2010/11 prices" in message


def test_flows_outside_a_stated_horizon_are_refused_in_the_same_words() -> None:
    message, _ = _errors(_programme(COST), horizon=Horizon(FY(2015), FY(2016)))
    assert "outside the stated horizon" in message


def test_a_programme_with_nothing_to_appraise_needs_a_horizon_in_the_same_words() -> None:
    zero = attrs.evolve(COST, amount=Money(0), period=CA_FURTHER)
    message, _ = _errors(_programme(zero))
    assert "nothing to appraise and no horizon" in message


def test_columns_are_read_without_building_a_flow() -> None:
    flows = (
        COST,
        CashFlow(
            amount=Money("250"),
            nature=Nature.BENEFIT,
            period=FY(2015),
            value_type=ValueType.FISCAL,
            cashable=True,
        ),
    )
    columns = ca_columns(flows)
    programme = _programme(*flows)
    held = programme.evolve(projects=(attrs.evolve(programme.projects[0], flows=columns),))
    result = appraise(held, base_year=FY(2013), price_base=FY(2013))
    assert object.__getattribute__(columns, "_tuple") is None  # never iterated as objects
    assert result == appraise(programme, base_year=FY(2013), price_base=FY(2013))
