"""Lines from columns follow the value-type rules of a cash flow (issue 10): a benefit line
states its value type (none is refused, never taken as fiscal), a fiscal benefit says
whether it is cashable, and a benefit that is not fiscal is never cashable."""

from __future__ import annotations

from typing import Any

import pytest

from samples import FY12, FY13, benefit, cost
from wecb.core.money import Money
from wecb.errors import RollupError
from wecb.model.cashflows import CostType, ValueType
from wecb.model.projects import Project
from wecb.rollups import Lines, rollup


def columns(**more: Any) -> dict[str, Any]:
    """A cost, a fiscal benefit and a social one (the given columns replace these)."""
    base: dict[str, Any] = {
        "minor_units": [100, 200, 300],
        "nature": ["cost", "benefit", "benefit"],
        "period": [FY12, FY13, FY13],
        "value_type": [None, "fiscal", "social"],
        "cashable": [True, True, False],
    }
    return {**base, **more}


def test_a_benefit_line_without_a_value_type_is_refused() -> None:
    with pytest.raises(RollupError) as caught:
        Lines.from_columns(**columns(value_type=[None, "fiscal", None]))
    message = str(caught.value)
    assert "a benefit line has no value_type (1 line, the first line 2)" in message
    assert "fiscal, economic, social, or unclassified" in message
    assert "0.1.0 read a missing value type as fiscal" in message
    with pytest.raises(RollupError, match="has no value_type"):
        Lines.from_columns(**columns(value_type=None))


def test_without_a_cashable_column_fiscal_benefits_are_refused() -> None:
    with pytest.raises(RollupError) as caught:
        Lines.from_columns(**columns(cashable=None))
    assert (
        "cashable is not given, and a fiscal benefit must say whether it is cashable "
        "(1 line, the first line 1)" in str(caught.value)
    )


def test_without_a_cashable_column_the_rest_take_their_defaults() -> None:
    lines = Lines.from_columns(
        minor_units=[100, 200, 300],
        nature=["cost", "cost", "benefit"],
        period=[FY12, FY12, FY13],
        cost_type=["revenue", "in_kind", None],
        value_type=[None, None, "unclassified"],
    )
    by = rollup(lines, ("nature", "cashable"))
    assert [(r["nature"], r["cashable"]) for r in by.rows()] == [
        ("cost", True),
        ("cost", False),
        ("benefit", False),
    ]


@pytest.mark.parametrize("value_type", ["economic", "social", "unclassified"])
def test_a_benefit_line_that_is_not_fiscal_cannot_be_cashable(value_type: str) -> None:
    with pytest.raises(RollupError) as caught:
        Lines.from_columns(**columns(value_type=[None, "fiscal", value_type], cashable=[True] * 3))
    message = str(caught.value)
    assert "a benefit line that is not fiscal is cashable (1 line, the first line 2)" in message
    assert "cashability applies to fiscal benefits only" in message


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(RollupError) as caught:
        Lines.from_columns(
            minor_units=[1, 2, 3, 4],
            nature=["cost", "benefit", "benefit", "benefit"],
            period=[FY12] * 4,
            cost_type=["in_kind", None, None, None],
            value_type=[None, None, "social", None],
            cashable=[True, True, True, False],
        )
    message = str(caught.value)
    assert "an in-kind cost line is cashable (1 line, the first line 0" in message
    assert "a benefit line that is not fiscal is cashable (1 line, the first line 2)" in message
    assert "a benefit line has no value_type (2 lines, the first line 1)" in message


def test_columns_with_every_value_type_roll_up_as_their_flows() -> None:
    project = Project(key="p", title="P", domain="d")
    flows = [
        cost("1.00", FY12, "ecc", cost_type=CostType.IN_KIND, cashable=False),
        benefit("2.00", FY13, "nhs"),
        benefit("3.00", FY13, "nhs", cashable=False),
        *(
            benefit("4.00", FY13, "nhs", value_type=v)
            for v in ValueType
            if v is not ValueType.FISCAL
        ),
    ]
    lines = Lines.from_columns(
        minor_units=[f.amount.to_minor_units() for f in flows],
        nature=[f.nature for f in flows],
        period=[f.period for f in flows],
        cashable=[f.cashable for f in flows],
        project=["p"] * len(flows),
        domain=["d"] * len(flows),
        partner=[f.partner for f in flows],
        cost_type=[f.cost_type for f in flows],
        value_type=[f.value_type for f in flows],
    )
    pairs = [(project, f) for f in flows]
    for by in [("value_type", "cashable"), ("nature", "cost_type")]:
        assert rollup(lines, by) == rollup(pairs, by)
    total = rollup(lines).total
    assert (total.costs, total.benefits) == (Money("1.00"), Money("17.00"))
