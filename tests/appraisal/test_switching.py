"""Switching values: the exact multiplier of a selection's present values at which the net
present budget impact or net present public value is 0, or a ratio is 1; None when no
multiplier gets there. Shown beside the one-way sensitivity table."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies.analysis import ap2_programme
from strategies.cases import cases_appraisals, cases_selectors
from wecb.appraisal import (
    ZERO_RATE,
    Appraisal,
    Selector,
    SwitchingValues,
    Triangular,
    Uncertainty,
    appraise,
    constant,
    one_way,
    switching_value,
    switching_values,
)
from wecb.appraisal.switching import TARGETS
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.errors import AppraisalError, UnknownKeyError, WecbTypeError
from wecb.model.cashflows import CashFlow, CostType, Nature, ValueType

FY = FinancialYear(2013)

# Costs 300 (county) + 100 (health); fiscal 250 (police), economic 200 (county).
LINES = [
    CashFlow(
        amount=Money(300),
        nature=Nature.COST,
        period=FY,
        cost_type=CostType.REVENUE,
        payer="county",
    ),
    CashFlow(
        amount=Money(100),
        nature=Nature.COST,
        period=FY + 1,
        cost_type=CostType.CAPITAL,
        payer="health",
    ),
    CashFlow(
        amount=Money(250),
        nature=Nature.BENEFIT,
        period=FY + 1,
        value_type=ValueType.FISCAL,
        cashable=True,
        beneficiary="police",
    ),
    CashFlow(
        amount=Money(200),
        nature=Nature.BENEFIT,
        period=FY + 2,
        value_type=ValueType.ECONOMIC,
        cashable=False,
        beneficiary="county",
    ),
]


def appraised(**options: object) -> Appraisal:
    chosen: dict[str, object] = {"base_year": FY, "price_base": FY, "schedule": ZERO_RATE}
    chosen.update(options)
    return appraise(ap2_programme({"A": LINES}), **chosen)  # type: ignore[arg-type]


BENEFITS = Selector(nature=Nature.BENEFIT)
COSTS = Selector(nature=Nature.COST)


def test_switching_values_by_hand() -> None:
    result = appraised()
    # NPBI = 250 - 400 = -150: fiscal benefits must rise to 400/250; costs fall to 250/400.
    assert switching_value(result, BENEFITS) == Fraction(400, 250)
    assert switching_value(result, COSTS) == Fraction(250, 400)
    # NPPV = 450 - 400 = 50: benefits may fall to 400/450 or costs rise to 450/400.
    assert switching_value(result, BENEFITS, target="net_present_public_value") == Fraction(8, 9)
    assert switching_value(result, COSTS, target="benefit_cost_ratio") == Fraction(9, 8)
    assert switching_value(
        result, Selector(partners="county", nature=Nature.COST), target="net_present_public_value"
    ) == Fraction(350, 300)
    assert switching_value(result, COSTS, target="financial_return_on_investment") == Fraction(
        5, 8
    )


def test_none_when_no_multiplier_reaches_the_threshold() -> None:
    result = appraised()
    economic = Selector(categories="economic")
    # Economic benefits are not in the financial case: they cannot move the NPBI.
    assert switching_value(result, economic) is None
    # Multiplying every line moves NPPV = 50 to 50 m: zero only at m = 0, where costs are 0,
    # so the benefit-cost ratio is undefined there: unreachable.
    assert switching_value(result, Selector(), target="net_present_public_value") == 0
    assert switching_value(result, Selector(), target="benefit_cost_ratio") is None
    table = switching_values(result, {"economic": economic}).rows()
    assert table[0]["note"] == "the selection does not move the figure"


def test_a_negative_multiplier_is_reported_as_it_is() -> None:
    result = appraised()
    economic = Selector(categories="economic")
    # 250 + 200 m - 400 = 0: the economic benefit may fall to three quarters.
    assert switching_value(result, economic, target="net_present_public_value") == Fraction(3, 4)
    # With a cost of 1, 250 + 200 m - 1 = 0 only for m = -249/200: the benefit would have to
    # turn into a cost. The exact value is reported; the docs say what a negative one means.
    token = CashFlow(amount=Money(1), nature=Nature.COST, period=FY, cost_type=CostType.REVENUE)
    cheap = appraise(
        ap2_programme({"A": [LINES[2], LINES[3], token]}),
        base_year=FY,
        price_base=FY,
        schedule=ZERO_RATE,
    )
    assert switching_value(cheap, economic, target="net_present_public_value") == Fraction(
        -249, 200
    )


def test_the_table_and_its_assumptions() -> None:
    result = appraised(schedule=constant("3.5%"))
    values = switching_values(result, {"benefits": BENEFITS, "costs": COSTS}, adjusted=False)
    assert isinstance(values, SwitchingValues)
    rows = values.rows()
    assert [row["selection"] for row in rows] == ["benefits", "costs"]
    assert rows[0]["change"] == rows[0]["switching_value"] - 1
    assert rows[0]["base"] == result.financial_case.net_present_budget_impact().amount
    names = [a.name for a in values.assumptions()]
    assert "target" in names and "figures" in names and "discount schedule" in names
    text = str(values)
    assert "switching value" in text and "benefits" in text and "%" in text


def test_bad_input_is_refused_by_name() -> None:
    result = appraised()
    with pytest.raises(UnknownKeyError, match=r"target: 'npv' .*'net_present_budget_impact'"):
        switching_value(result, BENEFITS, target="npv")
    with pytest.raises(AppraisalError, match=r"Selector\.projects"):
        switching_value(result, Selector(projects="nope"))
    with pytest.raises(WecbTypeError, match="select"):
        switching_value(result, "benefits")  # type: ignore[arg-type]
    with pytest.raises(WecbTypeError, match="switching_values: select"):
        switching_values(result, [BENEFITS])  # type: ignore[arg-type]


def test_one_way_shows_the_switching_value_of_each_range() -> None:
    result = appraised()
    ranges = [
        Uncertainty(
            name="costs",
            distribution=Triangular(low="0.5", central="1", high="2"),
            applies_to=COSTS,
        ),
        Uncertainty(
            name="economic",
            distribution=Triangular(low="0.5", central="1", high="2"),
            applies_to=Selector(categories="economic"),
        ),
    ]
    out = one_way(result, ranges)
    by_name = {row["range"]: row["switching_value"] for row in out.rows()}
    assert by_name == {"costs": Fraction(250, 400), "economic": None}
    assert "x0.6250" in str(out) and "none" in str(out)


def recomputed(result: Appraisal, select: Selector, target: str, m: Fraction) -> Fraction:
    """The target figure with the selected lines' present values times ``m``, computed
    independently with fractions from the lines."""
    case, _, is_ratio = TARGETS[target]
    benefits = costs = Fraction(0)
    for line in result.lines:
        if not (line.is_cost or case == "economic" or line.is_fiscal_benefit):
            continue
        pv = Fraction(line.pv_adjusted.amount) * (m if select.matches(line) else 1)
        if line.is_cost:
            costs += pv
        else:
            benefits += pv
    return benefits / costs if is_ratio else benefits - costs


@settings(max_examples=80, deadline=None)
@given(st.data(), cases_appraisals(), st.sampled_from(sorted(TARGETS)))
def test_the_figure_at_the_switching_value_is_exactly_its_threshold(
    data: st.DataObject, result: Appraisal, target: str
) -> None:
    select = data.draw(cases_selectors(result))
    m = switching_value(result, select, target=target)
    threshold = TARGETS[target][1]
    if m is not None:
        assert recomputed(result, select, target, m) == threshold
    elif not TARGETS[target][2]:
        row = switching_values(result, {"s": select}, target=target).rows()[0]
        assert row["selected"] == Money(0)  # the selection does not move the figure
    else:
        # A ratio is 1 where its case's net value is 0: unreachable means no such multiplier,
        # or costs that are not positive there.
        net = NET_OF[target]
        at = switching_value(result, select, target=net)
        assert at is None or recomputed_costs(result, select, net, at) <= 0


NET_OF = {
    "financial_return_on_investment": "net_present_budget_impact",
    "benefit_cost_ratio": "net_present_public_value",
}


def recomputed_costs(result: Appraisal, select: Selector, target: str, m: Fraction) -> Fraction:
    return sum(
        (
            Fraction(line.pv_adjusted.amount) * (m if select.matches(line) else 1)
            for line in result.lines
            if line.is_cost
        ),
        Fraction(0),
    )
