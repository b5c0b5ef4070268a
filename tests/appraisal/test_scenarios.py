"""compare: scenarios side by side, exact changes from the base, a rank, every form."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies.analysis import AP2_FIRST_YEAR, ap2_programmes
from wecb.appraisal.adjustments import Adjustments
from wecb.appraisal.cba import appraise
from wecb.appraisal.horizons import Horizon
from wecb.appraisal.phasing import Phasing
from wecb.appraisal.record import Appraisal
from wecb.appraisal.scenarios import HEADLINES, Comparison, compare
from wecb.appraisal.schedules import GREEN_BOOK_HEALTH, GREEN_BOOK_STPR, ZERO_RATE
from wecb.core.assumptions import assumptions_of
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.datasets import essex_2012
from wecb.errors import AppraisalError, UnknownKeyError, ValidationError, WecbTypeError
from wecb.io.rows import parse_csv, to_csv

PHASING = Phasing(
    {
        "to_mar_2013": {FinancialYear(2012): 1},
        "further_implementation": dict.fromkeys(
            FinancialYear.range(FinancialYear(2014), FinancialYear(2016)), 1
        ),
        "appraisal_horizon": dict.fromkeys(
            FinancialYear.range(FinancialYear(2014), FinancialYear(2018)), 1
        ),
    }
)


def exact(value: object) -> Fraction:
    """A figure or change as an exact fraction (a payback year as its start year)."""
    if isinstance(value, Money):
        return Fraction(value.amount)
    if isinstance(value, FinancialYear):
        return Fraction(value.start_year)
    assert isinstance(value, Decimal | int)
    return Fraction(value)


def essex(programme: object = None, **changes: object) -> Appraisal:
    options: dict[str, object] = {
        "base_year": FinancialYear(2012),
        "price_base": FinancialYear(2012),
        "phasing": PHASING,
    }
    return appraise(
        programme or essex_2012(),  # type: ignore[arg-type]
        **{**options, **changes},  # type: ignore[arg-type]
    )


@pytest.fixture(scope="module")
def scenarios() -> dict[str, Appraisal]:
    smaller, _ = essex_2012().without_project("FBC2")
    return {
        "base": essex(),
        "health discount rate": essex(schedule=GREEN_BOOK_HEALTH),
        "optimism bias grade 5": essex(adjustments=Adjustments(optimism_bias_grade=5)),
        "without FBC2": essex(smaller),
    }


def test_each_row_holds_the_appraisals_figures_and_exact_changes(
    scenarios: dict[str, Appraisal],
) -> None:
    comparison = compare(scenarios, base="base")
    rows = {row["scenario"]: row for row in comparison.rows()}
    assert list(rows) == list(scenarios)
    for name, appraisal in scenarios.items():
        row = rows[name]
        financial, economic = appraisal.financial_case, appraisal.economic_case
        assert row["net_present_budget_impact"] == financial.net_present_budget_impact().amount
        assert row["net_present_public_value"] == economic.net_present_public_value().amount
        assert row["benefit_cost_ratio"] == economic.benefit_cost_ratio()
        assert row["financial_return_on_investment"] == (
            financial.financial_return_on_investment()
        )
        assert row["payback_year"] == financial.payback_year()
        assert row["pv_costs"] == appraisal.pv_costs.amount
        for figure in HEADLINES:
            value, base = row[figure.key], rows["base"][figure.key]
            change = row[f"{figure.key}_change"]
            if value is None or base is None:
                assert change is None
            else:
                assert exact(change) == exact(value) - exact(base)
    base = rows["base"]
    assert all(base[f"{f.key}_change"] in (Money(0), Decimal(0), 0, None) for f in HEADLINES)


def test_ranks_follow_the_figure_highest_first(scenarios: dict[str, Appraisal]) -> None:
    for key in ("net_present_public_value", "net_present_budget_impact", "pv_costs"):
        rows = compare(scenarios, base="base", rank_by=key).rows()
        ordered = sorted(rows, key=lambda r: r["rank"])  # type: ignore[arg-type,return-value]
        values = [r[key] for r in ordered]
        assert values == sorted(values, reverse=True)  # type: ignore[type-var]
        assert sorted(r["rank"] for r in rows) == [1, 2, 3, 4]  # type: ignore[type-var]


def test_equal_figures_share_a_rank_and_a_missing_figure_is_not_ranked() -> None:
    one = essex()
    comparison = compare({"a": one, "b": one, "c": essex(schedule=ZERO_RATE)}, base="a")
    ranks = {r["scenario"]: r["rank"] for r in comparison.rows()}
    assert ranks["a"] == ranks["b"]
    assert ranks["c"] in (1, 3)
    # No costs at all: no benefit-cost ratio, so no rank by it.
    empty = appraise(
        essex_2012(),
        base_year=FinancialYear(2012),
        price_base=FinancialYear(2012),
        projects=[],
        horizon=Horizon(FinancialYear(2012), FinancialYear(2016)),
    )
    rows = compare({"a": one, "empty": empty}, base="a", rank_by="benefit_cost_ratio").rows()
    assert rows[1]["benefit_cost_ratio"] is None
    assert rows[1]["benefit_cost_ratio_change"] is None
    assert rows[1]["rank"] is None
    assert rows[0]["rank"] == 1


def test_the_printout_names_the_base_the_rank_and_what_each_scenario_changed(
    scenarios: dict[str, Appraisal],
) -> None:
    comparison = compare(scenarios, base="base")
    text = str(comparison)
    assert text.startswith("Scenarios compared with 'base'")
    for name in scenarios:
        assert name in text
    notes = [str(a) for a in comparison.assumptions()]
    assert notes[0] == "base scenario: 'base' (stated by the caller)"
    assert any(n.startswith("ranked by: net present public value") for n in notes)
    assert any(n.startswith("'base': discount schedule: green_book_stpr") for n in notes)
    assert any(
        n.startswith("'health discount rate': discount schedule: green_book_health") for n in notes
    )
    assert any(n.startswith("'optimism bias grade 5': adjustments, default") for n in notes)
    # A scenario without FBC2 has fewer lines for its adjustment rule: that is stated.
    assert any(n.startswith("'without FBC2': adjustments, default (20 lines)") for n in notes)
    # A scenario with the same assumptions says so.
    same = compare({"a": scenarios["base"], "b": scenarios["base"]}, base="a")
    assert "'b': the base's assumptions" in [str(a) for a in same.assumptions()]
    html = comparison._repr_html_()
    assert "<table" in html
    assert "health discount rate" in html


def test_rows_export_with_their_assumptions(scenarios: dict[str, Appraisal]) -> None:
    comparison = compare(scenarios, base="base")
    rows = comparison.rows()
    assert assumptions_of(rows) == comparison.assumptions()
    text = to_csv(rows)
    assert "net_present_budget_impact_change" in text
    assert "base scenario" in text
    # Money comes back exactly (other cells as text: CSV does not type them).
    for read, row in zip(parse_csv(text), rows, strict=True):
        assert {k: v for k, v in read.items() if isinstance(v, Money)} == {
            k: v for k, v in row.items() if isinstance(v, Money)
        }
        assert read["scenario"] == row["scenario"]


def test_an_appraisal_of_a_scenario_is_there_by_name(scenarios: dict[str, Appraisal]) -> None:
    comparison = compare(scenarios, base="base")
    assert comparison.appraisal("without FBC2") is scenarios["without FBC2"]
    assert comparison.names == tuple(scenarios)
    with pytest.raises(UnknownKeyError, match="unknown scenario 'nope'; known: 'base'"):
        comparison.appraisal("nope")


def test_bad_scenarios_are_refused_with_the_choices(scenarios: dict[str, Appraisal]) -> None:
    with pytest.raises(UnknownKeyError, match="'nope' names no scenario; scenarios: 'base'"):
        compare(scenarios, base="nope")
    with pytest.raises(UnknownKeyError, match="choices: pv_costs, pv_fiscal_benefits"):
        compare(scenarios, base="base", rank_by="payback_year")
    with pytest.raises(AppraisalError, match="none given"):
        compare({}, base="base")
    with pytest.raises(WecbTypeError, match=r"compare scenarios\['x'\]"):
        compare({"x": 3}, base="x")  # type: ignore[dict-item]
    with pytest.raises(WecbTypeError, match="a mapping of scenario name to Appraisal"):
        compare([scenarios["base"]], base="base")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="compare scenario name"):
        compare({" ": scenarios["base"]}, base=" ")


def test_a_comparison_made_directly_is_checked_the_same_way(
    scenarios: dict[str, Appraisal],
) -> None:
    one = scenarios["base"]
    with pytest.raises(AppraisalError, match="scenario names repeat: 'a'"):
        Comparison(scenarios=(("a", one), ("a", one)), base="a")
    with pytest.raises(UnknownKeyError, match="'b' names no scenario"):
        Comparison(scenarios=(("a", one),), base="b")
    made = Comparison(scenarios=(("a", one),), base="a")
    assert made == compare({"a": one}, base="a")
    assert repr(made) == "<Comparison of 1 scenario with 'a', ranked by net present public value>"


def test_scenarios_in_other_years_or_prices_are_refused(scenarios: dict[str, Appraisal]) -> None:
    later = essex(base_year=FinancialYear(2013), allow_before_base=True)
    dearer = essex(price_base=FinancialYear(2013))
    with pytest.raises(AppraisalError) as raised:
        compare({"base": scenarios["base"], "later": later, "dearer": dearer}, base="base")
    message = str(raised.value)
    assert "scenario 'later' has base year 2013/14, the base 'base' 2012/13" in message
    assert "scenario 'dearer' has price base 2013/14, the base 'base' 2012/13" in message


@settings(max_examples=30, deadline=None)
@given(st.lists(ap2_programmes(), min_size=1, max_size=4), st.data())
def test_changes_are_exact_and_ranks_consistent(
    programmes: list[object], data: st.DataObject
) -> None:
    year = FinancialYear(AP2_FIRST_YEAR)
    appraisals = {
        f"s{i}": appraise(
            p,  # type: ignore[arg-type]
            base_year=year,
            price_base=year,
            schedule=GREEN_BOOK_STPR,
            horizon=Horizon(year, year + 5),
        )
        for i, p in enumerate(programmes)
    }
    base = data.draw(st.sampled_from(sorted(appraisals)))
    rank_by = data.draw(st.sampled_from([f.key for f in HEADLINES if f.rankable]))
    comparison = compare(appraisals, base=base, rank_by=rank_by)
    assert isinstance(comparison, Comparison)
    rows = comparison.rows()
    by_name = {r["scenario"]: r for r in rows}
    for row in rows:
        for figure in HEADLINES:
            value, base_value = row[figure.key], by_name[base][figure.key]
            change = row[f"{figure.key}_change"]
            if value is None or base_value is None:
                assert change is None
                continue
            assert exact(change) == exact(value) - exact(base_value)
    for one in rows:
        for other in rows:
            a, b = one[rank_by], other[rank_by]
            if a is None or b is None:
                continue
            if a > b:  # type: ignore[operator]
                assert one["rank"] < other["rank"]  # type: ignore[operator]
            if a == b:
                assert one["rank"] == other["rank"]
