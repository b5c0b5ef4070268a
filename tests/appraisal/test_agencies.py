"""The appraisal by agency: present values of costs borne, fiscal benefits received (of
which cashable), other benefits and net position per partner, plus "(unattributed)"; the
columns add up exactly to the appraisal's figures."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from strategies.analysis import ap2_programme
from strategies.cases import cases_appraisals
from wecb.appraisal import (
    UNATTRIBUTED,
    ZERO_RATE,
    AgencyTable,
    Appraisal,
    appraise,
    by_agency,
    constant,
    who_pays_present_value,
)
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.errors import UnknownKeyError, WecbTypeError
from wecb.model.cashflows import CashFlow, CostType, Nature, ValueType

FY = FinancialYear(2013)


def line(nature: Nature, amount: str, partner: str | None, **attributes: object) -> CashFlow:
    who = {"payer": partner} if nature is Nature.COST else {"beneficiary": partner}
    return CashFlow(amount=Money(amount), nature=nature, period=FY, **who, **attributes)  # type: ignore[arg-type]


LINES = [
    line(Nature.COST, "100", "county", cost_type=CostType.REVENUE),
    line(Nature.COST, "40", None, cost_type=CostType.CAPITAL),
    line(Nature.BENEFIT, "80", "police", value_type=ValueType.FISCAL, cashable=True),
    line(Nature.BENEFIT, "30", "police", value_type=ValueType.FISCAL, cashable=False),
    line(Nature.BENEFIT, "25", "county", value_type=ValueType.ECONOMIC, cashable=False),
    line(Nature.BENEFIT, "15", None, value_type=ValueType.UNCLASSIFIED, cashable=False),
]


def appraised(**options: object) -> Appraisal:
    chosen: dict[str, object] = {"base_year": FY, "price_base": FY, "schedule": ZERO_RATE}
    chosen.update(options)
    return appraise(ap2_programme({"A": LINES}), **chosen)  # type: ignore[arg-type]


def test_by_agency_by_hand() -> None:
    table = by_agency(appraised())
    assert [row.agency for row in table.agencies] == ["county", "police", UNATTRIBUTED]
    county, police, unattributed = table.agencies
    assert (county.pv_costs, county.pv_fiscal_benefits, county.pv_other_benefits) == (
        Money(100),
        Money(0),
        Money(25),
    )
    assert county.net_position == Money(-100)
    assert police.pv_fiscal_benefits == Money(110) and police.pv_cashable_benefits == Money(80)
    assert police.net_position == Money(110)
    assert unattributed.partner is None and unattributed.pv_costs == Money(40)
    assert unattributed.pv_other_benefits == Money(15)  # unclassified: not fiscal by default
    assert table.total.net_position == Money(110 - 140)
    assert table.row("police") == police


def test_unclassified_benefits_treated_as_fiscal_are_received_as_fiscal() -> None:
    table = by_agency(appraised(treat_unclassified="fiscal"))
    row = table.row(UNATTRIBUTED)
    assert row.pv_fiscal_benefits == Money(15) and row.pv_cashable_benefits == Money(0)
    assert row.pv_other_benefits == Money(0)


def test_unadjusted_figures_on_request() -> None:
    from wecb.appraisal import Adjustments  # noqa: PLC0415

    result = appraised(adjustments=Adjustments(deadweight="0.5"))
    assert by_agency(result).row("police").pv_fiscal_benefits == Money(55)
    unadjusted = by_agency(result, adjusted=False)
    assert unadjusted.row("police").pv_fiscal_benefits == Money(110)
    assert any("unadjusted" in a.value for a in unadjusted.assumptions())


def test_rows_table_and_assumptions() -> None:
    table = by_agency(appraised(schedule=constant("3.5%")))
    assert isinstance(table, AgencyTable)
    rows = table.rows()
    assert [row["agency"] for row in rows] == ["county", "police", UNATTRIBUTED, "total"]
    assert rows[-1]["net_position"] == table.total.net_position
    assert rows.assumptions == table.assumptions()
    assert any(a.name == "discount schedule" for a in table.assumptions())
    text = str(table)
    assert "(unattributed)" in text and "of which cashable" in text and "total" in text
    assert "<table" in table._repr_html_()


def test_bad_input_is_refused_by_name() -> None:
    table = by_agency(appraised())
    with pytest.raises(UnknownKeyError, match=r"AgencyTable\.row: 'fire' .*'county', 'police'"):
        table.row("fire")
    with pytest.raises(WecbTypeError, match="by_agency: appraisal"):
        by_agency("not an appraisal")  # type: ignore[arg-type]
    with pytest.raises(WecbTypeError, match="by_agency: adjusted"):
        by_agency(appraised(), adjusted="yes")  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None)
@given(cases_appraisals())
def test_the_columns_add_up_to_the_appraisal_exactly(result: Appraisal) -> None:
    for adjusted in (False, True):
        total = by_agency(result, adjusted=adjusted).total
        financial = result.financial_case
        assert total.pv_costs == result.costs.present_value.get(adjusted)
        assert total.pv_fiscal_benefits == result.fiscal_benefits.present_value.get(adjusted)
        assert total.pv_cashable_benefits == financial.cashable.benefits.present_value.get(
            adjusted
        )
        assert total.pv_fiscal_benefits + total.pv_other_benefits == (
            result.benefits.present_value.get(adjusted)
        )
        assert total.net_position == financial.net_present_budget_impact(adjusted=adjusted).amount


def test_who_pays_in_present_value_by_hand() -> None:
    ten = constant("10%")
    result = appraised(schedule=ten)
    view = who_pays_present_value(result)
    # The project's costs: county 100, unattributed 40; the police's benefits (all in
    # 2013/14, the base year) split 100:40 between them.
    police = view.matrix["county"]["police"] + view.matrix[UNATTRIBUTED]["police"]
    assert police == Money(110)
    # Split by largest remainder in pennies: 78.571... and 31.428... become 78.57 + 31.43.
    assert view.matrix["county"]["police"] == Money("78.57")
    assert view.matrix[UNATTRIBUTED]["police"] == Money("31.43")
    names = [a.name for a in view.assumptions()]
    assert "discount schedule" in names and "figures" in names
    fiscal = who_pays_present_value(result, {"value_type": "fiscal"}, adjusted=False)
    assert sum(fiscal.net_positions().values(), Money(0)) == (
        result.financial_case.net_present_budget_impact(adjusted=False).amount
    )


@settings(max_examples=40, deadline=None)
@given(cases_appraisals())
def test_who_pays_in_present_value_adds_up_to_the_appraisal(result: Appraisal) -> None:
    view = who_pays_present_value(result)
    received = sum(view.benefits_received.values(), Money(0))
    borne = sum(view.costs_borne.values(), Money(0))
    assert received == result.benefits.present_value.adjusted
    assert borne == result.costs.present_value.adjusted
    assert sum(view.net_positions().values(), Money(0)) == (
        result.economic_case.net_present_public_value().amount
    )
