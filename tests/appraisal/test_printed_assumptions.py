"""Auditable printouts: every appraisal and sensitivity result states the assumptions that
produced it, in its text, its HTML and its rows (0.1.0 printed "phasing: from the command
line" with none given, and said nothing of the grade, deadweight or attribution behind its
"adj." columns, nor that the shipped optimism bias table is unverified)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from strategies import ap2_programme
from wecb.appraisal.adjustments import Adjustments
from wecb.appraisal.cba import appraise
from wecb.appraisal.lines import AdjustmentPlan
from wecb.appraisal.optimism_bias import CBA_2014_OPTIMISM_BIAS, OptimismBiasTable
from wecb.appraisal.phasing import Phasing
from wecb.appraisal.record import Appraisal
from wecb.appraisal.schedules import GREEN_BOOK_HEALTH, GREEN_BOOK_STPR, constant
from wecb.appraisal.sensitivity import (
    Discrete,
    Selector,
    Triangular,
    Uncertainty,
    Uniform,
    monte_carlo,
    one_way,
)
from wecb.core.assumptions import NOT_VERIFIED, Assumption, ResultRows, assumption_notes
from wecb.core.money import Money
from wecb.core.periods import FinancialYear, OpenPeriod
from wecb.model.cashflows import CashFlow, Nature, ValueType

FY12, FY13, FY14 = FinancialYear(2012), FinancialYear(2013), FinancialYear(2014)
LATER = OpenPeriod(key="later", label="Later", after=FY13)
PROGRAMME = ap2_programme(
    {
        "A": [
            CashFlow(amount=Money(100), nature=Nature.COST, period=FY13, label="set-up"),
            CashFlow(
                amount=Money(400),
                nature=Nature.BENEFIT,
                period=LATER,
                value_type=ValueType.FISCAL,
                cashable=True,
                label="saving",
            ),
        ],
        "B": [
            CashFlow(
                amount=Money(90),
                nature=Nature.BENEFIT,
                period=FY14,
                value_type=ValueType.UNCLASSIFIED,
                label="unstated",
            )
        ],
    },
    (LATER,),
)
PHASING = Phasing({"later": {FY14: 1, FY14 + 1: 1}}, note="even over two years (our guess)")


def appraised(**kwargs: object) -> Appraisal:
    options: dict[str, object] = {"base_year": FY13, "price_base": FY12, "phasing": PHASING}
    options.update(kwargs)
    return appraise(PROGRAMME, **options)  # type: ignore[arg-type]


def named(result: Appraisal) -> dict[str, Assumption]:
    return {a.name: a for a in result.assumptions()}


def test_schedule_base_year_price_base_and_horizon() -> None:
    stated = named(appraised())
    schedule = stated["discount schedule"]
    assert schedule.value == str(GREEN_BOOK_STPR) and "3.5% for years 0-30" in schedule.value
    assert schedule.source is not None and "Green Book" in schedule.source
    assert "Table 6.1" in schedule.source and schedule.verified
    assert stated["base year"].value == "2013/14"
    assert stated["price base"].value == (
        "2012/13 prices, not rebased: figures taken as 2012/13 prices as stated "
        "(no line states another price year)"
    )
    assert stated["horizon"].value.endswith("2013/14 to 2015/16 (3 years)")


def test_an_unverified_schedule_warns() -> None:
    schedule = named(appraised(schedule=GREEN_BOOK_HEALTH))["discount schedule"]
    assert not schedule.verified and NOT_VERIFIED in str(schedule)
    own = named(appraised(schedule=constant("5%")))["discount schedule"]
    assert own.source == "stated by the caller" and own.verified


def test_phasing_says_where_it_came_from() -> None:
    phasing = named(appraised())["phasing"]
    assert phasing.value == "weights by year: later: 2014/15 1, 2015/16 1"
    assert phasing.source == "even over two years (our guess)"
    unexplained = named(appraised(phasing=Phasing({"later": {FY14: 1}})))["phasing"]
    assert unexplained.source == "stated by the caller"
    bare = ap2_programme({"A": [CashFlow(amount=Money(5), nature=Nature.COST, period=FY13)]})
    result = appraise(bare, base_year=FY13, price_base=FY13)
    assert named(result)["phasing"].value == "none given (no open period phased)"
    assert "from the command line" not in str(result)


def test_each_adjustment_rule_with_its_values() -> None:
    plan = AdjustmentPlan(
        default=Adjustments(deadweight="0.2"),
        projects={"B": Adjustments(optimism_bias_grade=4, attribution="0.5")},
        lines={("A", "saving"): Adjustments(optimism_bias_grade=3)},
    )
    stated = named(appraised(adjustments=plan))
    assert stated["adjustments, default (1 line)"].value == (
        "no optimism bias; deadweight 20%; attribution 100%"
    )
    assert stated["adjustments, project 'B' (1 line)"].value == (
        "optimism bias grade 4 of cba_2014_confidence_grades (costs raised 15%, benefits cut "
        "15%); deadweight 0%; attribution 50%"
    )
    assert "adjustments, line ('A', 'saving') (1 line)" in stated
    table = stated["optimism bias table cba_2014_confidence_grades"]
    assert table.value == "grades 3, 4 used"
    assert CBA_2014_OPTIMISM_BIAS.source is not None
    assert table.source is not None and table.source.startswith(
        CBA_2014_OPTIMISM_BIAS.source.document
    )
    # The shipped table is marked unverified: every form shows the warning.
    assert not table.verified
    result = appraised(adjustments=plan)
    assert f"[{NOT_VERIFIED}]" in str(result) and NOT_VERIFIED in result._repr_html_()


def test_no_adjustments_say_none_were_given() -> None:
    stated = named(appraised())
    assert stated["adjustments, default (3 lines)"].value == (
        "no optimism bias; deadweight 0%; attribution 100%"
    )
    assert stated["adjustments, default (3 lines)"].source == "none given"
    assert not any(name.startswith("optimism bias table") for name in stated)


def test_a_table_of_the_callers_own_is_named_so() -> None:
    own = OptimismBiasTable.from_percentages("ours", {1: ("20", "30")})
    stated = named(appraised(adjustments=Adjustments(optimism_bias_grade=1, table=own)))
    assert stated["optimism bias table ours"].source == "the caller's table (no source given)"
    assert stated["optimism bias table ours"].verified


def test_treatment_of_unclassified_benefits() -> None:
    assert named(appraised())["unclassified benefits"].value.startswith(
        "their own row, outside the financial case and inside the economic case"
    )
    mapped = named(appraised(treat_unclassified="fiscal"))["unclassified benefits"]
    assert mapped.value == (
        "counted as fiscal non-cashable: inside the financial case, inside the economic case "
        "(treat_unclassified='fiscal')"
    )


def test_text_html_and_rows_carry_them() -> None:
    result = appraised(adjustments=Adjustments(optimism_bias_grade=3), allow_before_base=True)
    notes = result.table().notes
    expected = assumption_notes(result.assumptions())
    assert notes[-len(expected) :] == expected
    assert "flows before the base year: compounded forward" in str(result)
    html = result._repr_html_()
    assert "assumptions:" in html and "price base: 2012/13 prices, not rebased" in html
    for rows in (result.rows(), result.by_year(), result.project_rows()):
        assert isinstance(rows, ResultRows)
        assert rows.assumptions == result.assumptions()


def test_ratios_stay_plain_numbers_in_rows() -> None:
    for row in appraised().rows():
        if row["item"] in ("ROI", "BCR"):
            values = [row[k] for k in row if k not in ("section", "item")]
            assert all(isinstance(v, Decimal) and not isinstance(v, Money) for v in values)


RANGES = [
    Uncertainty(
        name="costs",
        distribution=Triangular(low="0.9", central="1", high="1.5"),
        applies_to=Selector(nature="cost"),
        note="FBC estimates",
    ),
    Uncertainty(
        name="saving",
        distribution=Discrete({"0.5": 1, "1": 3}),
        applies_to=Selector(projects="A", labels="saving"),
    ),
    Uncertainty(name="all", distribution=Uniform(low="0.8", high="1.2")),
]


def test_monte_carlo_states_the_appraisal_the_ranges_and_the_run() -> None:
    result = appraised(adjustments=Adjustments(optimism_bias_grade=3))
    out = monte_carlo(result, RANGES, draws=20, seed=7)
    stated = {a.name: a for a in out.assumptions()}
    assert out.assumptions()[: len(result.assumptions())] == result.assumptions()
    assert str(stated["range 'costs'"]) == (
        "range 'costs': triangular multiplier x0.9, x1, x1.5 (low, central, high) on costs "
        "(FBC estimates)"
    )
    assert stated["range 'saving'"].value == (
        "discrete multiplier: x0.5 with chance 1/4, x1 with chance 3/4 on projects A; "
        "labels saving"
    )
    assert stated["range 'all'"].value == "uniform multiplier from x0.8 to x1.2 on every line"
    assert stated["simulation"].value == (
        "20 draws, seed 7, engine float64 (each line-draw's rounding proved exact in "
        "float64; 0 of 60 recomputed with integers)"
    )
    assert stated["figures"].value == "adjusted"
    rows = out.rows()
    assert isinstance(rows, ResultRows) and rows.assumptions == out.assumptions()
    expected = assumption_notes(out.assumptions())
    assert out.table().notes[-len(expected) :] == expected
    assert NOT_VERIFIED in str(out)


def test_one_way_states_the_appraisal_and_the_ranges() -> None:
    result = appraised()
    out = one_way(result, RANGES, adjusted=False)
    names = [a.name for a in out.assumptions()]
    assert names[: len(result.assumptions())] == [a.name for a in result.assumptions()]
    assert names[-5:] == ["range 'costs'", "range 'saving'", "range 'all'", "figures", "rounding"]
    assert {a.name: a for a in out.assumptions()}["figures"].value == (
        "unadjusted (before adjustments)"
    )
    rows = out.rows()
    assert isinstance(rows, ResultRows) and rows.assumptions == out.assumptions()
    expected = assumption_notes(out.assumptions())
    assert out.table().notes[-len(expected) :] == expected


@pytest.mark.parametrize("engine", ["python", "int64"])
def test_the_engine_used_is_stated(engine: str) -> None:
    out = monte_carlo(appraised(), RANGES[:1], draws=3, seed=1, engine=engine)
    assert f"engine {engine}" in {a.name: a for a in out.assumptions()}["simulation"].value
