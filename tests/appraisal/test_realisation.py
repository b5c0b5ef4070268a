"""Benefits realisation: the plan against the actuals, RAG status and the re-forecast."""

from __future__ import annotations

import datetime
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies.realisation import (
    LAST,
    LATER,
    PHASING,
    realised_actuals,
    realised_programmes,
)
from wecb.appraisal import Horizon, Rag, RagThresholds, appraise, realisation
from wecb.appraisal.schedules import ZERO_RATE
from wecb.core.money import Money
from wecb.core.periods import FinancialYear, Period
from wecb.errors import AppraisalError, ProgrammeError, UnphasedPeriodError
from wecb.model.actuals import Actual
from wecb.model.cashflows import CashFlow, Nature, ValueType
from wecb.model.domains import Domain, DomainKind
from wecb.model.programme import Programme
from wecb.model.projects import Project

DAY = datetime.date
FY = FinancialYear


def _saving(
    year: Period, amount: int, label: str = "saving", partner: str | None = None
) -> CashFlow:
    return CashFlow(
        amount=Money(amount),
        nature=Nature.BENEFIT,
        period=year,
        value_type=ValueType.FISCAL,
        cashable=True,
        label=label,
        beneficiary=partner,
    )


def _programme(*actuals: Actual) -> Programme:
    project = Project(
        key="P1",
        title="Triage",
        domain="d",
        flows=(
            CashFlow(amount=Money(500), nature=Nature.COST, period=FY(2014), label="set-up"),
            *(_saving(FY(2014) + i, 1000) for i in range(3)),
        ),
    )
    return Programme(
        name="Demo",
        place="Here",
        partners=(),
        domains=(Domain(key="d", name="D", kind=DomainKind.THEMATIC),),
        projects=(project,),
        actuals=actuals,
    )


def _actual(line: str, year: FY, amount: int, as_at: datetime.date) -> Actual:
    return Actual(project="P1", line=line, year=year, amount=Money(amount), as_at=as_at)


def test_each_row_holds_plan_actual_variance_rate_cumulatives_and_status() -> None:
    programme = _programme(
        _actual("saving", FY(2014), 950, DAY(2015, 5, 1)),
        _actual("saving", FY(2015), 600, DAY(2016, 5, 1)),
        _actual("set-up", FY(2014), 700, DAY(2015, 5, 1)),
    )
    report = realisation(programme, as_at=FY(2015))
    benefits = [r for r in report.lines if r.nature is Nature.BENEFIT]
    assert [(str(r.year), r.rate, r.status) for r in benefits] == [
        ("2014/15", Fraction(95, 100), "green"),
        ("2015/16", Fraction(60, 100), "red"),
        ("2016/17", None, "not due"),
    ]
    first, second, third = benefits
    assert first.variance == Money(-50) and second.variance == Money(-400)
    assert second.cumulative_planned == Money(2000) and second.cumulative_actual == Money(1550)
    assert third.actual is None and third.cumulative_actual == Money(1550)
    (cost,) = [r for r in report.lines if r.nature is Nature.COST]
    assert cost.rate == Fraction(7, 5) and cost.rag is None and cost.status == "cost"


def test_thresholds_are_the_callers_and_checked() -> None:
    programme = _programme(_actual("saving", FY(2014), 800, DAY(2015, 5, 1)))
    default = realisation(programme, as_at=FY(2014))
    lenient = realisation(programme, as_at=FY(2014), thresholds=RagThresholds(green="0.8"))
    assert [r.rag for r in default.lines if r.rag] == [Rag.AMBER]
    assert [r.rag for r in lenient.lines if r.rag] == [Rag.GREEN]
    with pytest.raises(AppraisalError, match="amber 9/10 is above green 4/5"):
        RagThresholds(green="0.8", amber="0.9")
    with pytest.raises(AppraisalError):
        RagThresholds(green="-0.1")


def test_the_latest_actual_counts_and_the_restated_one_is_listed() -> None:
    programme = _programme(
        _actual("saving", FY(2014), 500, DAY(2015, 1, 31)),
        _actual("saving", FY(2014), 900, DAY(2015, 6, 30)),
    )
    report = realisation(programme, as_at=DAY(2015, 7, 1))
    (row,) = [r for r in report.lines if r.year == FY(2014) and r.nature is Nature.BENEFIT]
    assert row.actual == Money(900)
    restated = [a for a in report.assumptions() if a.name == "restated actual"]
    assert len(restated) == 1 and "2015-01-31" in restated[0].value
    assert any(a.name == "part year" for a in report.assumptions())


def test_an_actual_after_the_reports_date_is_refused_with_its_place() -> None:
    programme = _programme(_actual("saving", FY(2015), 10, DAY(2016, 5, 1)))
    with pytest.raises(
        AppraisalError, match=r"actuals\[0\] \(P1 / saving / 2015/16.*after 2014/15"
    ):
        realisation(programme, as_at=FY(2014))
    with pytest.raises(AppraisalError, match=r"actuals\[0\].*as at 2016-05-01, after 2016-04-30"):
        realisation(programme, as_at=DAY(2016, 4, 30))


def test_an_actual_for_an_unknown_project_or_line_is_refused_with_its_place() -> None:
    with pytest.raises(
        ProgrammeError,
        match=r"actuals\[0\].line: project 'P1' has no line "
        r"labelled 'savings'; its lines: 'saving', 'set-up'",
    ):
        _programme(_actual("savings", FY(2014), 10, DAY(2015, 5, 1)))
    stray = Actual(
        project="P9", line="saving", year=FY(2014), amount=Money(1), as_at=DAY(2015, 5, 1)
    )
    with pytest.raises(ProgrammeError, match=r"given actuals\[0\].project: unknown project 'P9'"):
        realisation(_programme(), as_at=FY(2014), actuals=[stray])


def test_by_line_and_by_partner_break_the_rows_down() -> None:
    programme = _programme(_actual("saving", FY(2014), 1000, DAY(2015, 5, 1)))
    by_line = realisation(programme, as_at=FY(2014), by="line")
    assert {r.group for r in by_line.lines} == {"saving", "set-up"}
    assert "line" in by_line.rows()[0]
    by_partner = realisation(programme, as_at=FY(2014), by="partner")
    assert {r.group for r in by_partner.lines} == {None}
    with pytest.raises(AppraisalError, match="line, partner"):
        realisation(programme, as_at=FY(2014), by="domain")


def test_a_group_with_lines_unreported_is_part_reported_not_rated() -> None:
    project = Project(
        key="P1",
        title="T",
        domain="d",
        flows=(_saving(FY(2014), 100, "a"), _saving(FY(2014), 100, "b")),
    )
    programme = Programme(
        name="Demo",
        place="Here",
        partners=(),
        domains=(Domain(key="d", name="D", kind=DomainKind.THEMATIC),),
        projects=(project,),
        actuals=(_actual("a", FY(2014), 100, DAY(2015, 5, 1)),),
    )
    (row,) = realisation(programme, as_at=FY(2014)).lines
    assert row.actual == Money(100) and row.rate is None and row.rag is None
    assert row.status.startswith("part reported (1 line")


def test_an_open_period_needs_a_phasing() -> None:
    project = Project(key="P1", title="T", domain="d", flows=(_saving(LATER, 100),))
    programme = Programme(
        name="Demo",
        place="Here",
        partners=(),
        periods=(LATER,),
        domains=(Domain(key="d", name="D", kind=DomainKind.THEMATIC),),
        projects=(project,),
    )
    with pytest.raises(UnphasedPeriodError, match="'later'"):
        realisation(programme, as_at=FY(2014))
    assert (
        sum(r.planned.amount for r in realisation(programme, PHASING, as_at=FY(2014)).lines) == 100
    )


def test_rows_and_table_state_the_assumptions() -> None:
    report = realisation(_programme(), as_at=FY(2014))
    names = [a.name for a in report.rows().assumptions]
    assert names[:5] == ["as at", "plan", "phasing", "RAG thresholds", "actuals"]
    text = str(report)
    assert "Realisation of Demo as at the end of 2014/15" in text and "wecb's default" in text


# -- properties --------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(realised_programmes(), st.data())
def test_planned_totals_equal_the_phased_appraisals_undiscounted_totals(
    programme: Programme, data: st.DataObject
) -> None:
    programme = programme.evolve(actuals=data.draw(realised_actuals(programme)))
    as_at = data.draw(st.sampled_from(FY.range(LAST, LAST + 2)))
    report = realisation(programme, PHASING, as_at=as_at)
    planned: dict[tuple[str, Nature, FY], Money] = {}
    for row in report.lines:
        planned[row.project, row.nature, row.year] = row.planned
    appraisal = appraise(
        programme,
        base_year=FY(2013),
        price_base=FY(2013),
        phasing=PHASING,
        schedule=ZERO_RATE,
        horizon=Horizon(FY(2013), LAST + 2),
    )
    expected: dict[tuple[str, Nature, FY], Money] = {}
    for line in appraisal.lines:
        for year, amount in line.unadjusted:
            key = (line.project, line.nature, year)
            expected[key] = expected.get(key, Money(0)) + amount
    assert {k: v for k, v in planned.items() if not v.is_zero()} == {
        k: v for k, v in expected.items() if not v.is_zero()
    }


@settings(max_examples=60, deadline=None)
@given(realised_programmes(), st.data())
def test_rates_variances_and_cumulatives_are_exact(
    programme: Programme, data: st.DataObject
) -> None:
    programme = programme.evolve(actuals=data.draw(realised_actuals(programme)))
    report = realisation(programme, PHASING, as_at=LAST + 2, by="line")
    running: dict[object, Money] = {}
    for row in report.lines:
        group = (row.project, row.nature, row.group)
        running[group] = running.get(group, Money(0)) + row.planned
        assert row.cumulative_planned == running[group]
        if row.actual is not None:
            assert row.variance == row.actual - row.planned
            if not row.planned.is_zero():
                assert row.rate == Fraction(row.actual.amount) / Fraction(row.planned.amount)
                if row.nature is Nature.BENEFIT:
                    assert row.rag is RagThresholds().rag(row.rate)


@settings(max_examples=60, deadline=None)
@given(realised_programmes(), st.data())
def test_the_reforecast_is_actuals_to_date_plus_the_remaining_plan(
    programme: Programme, data: st.DataObject
) -> None:
    as_at = data.draw(st.sampled_from(FY.range(FY(2013), LAST + 2)))
    actuals = data.draw(realised_actuals(programme))
    programme = programme.evolve(actuals=tuple(a for a in actuals if a.year <= as_at))
    report = realisation(programme, PHASING, as_at=as_at, by="line")
    expected = {Nature.COST: Money(0), Nature.BENEFIT: Money(0)}
    for row in report.lines:
        counted = row.actual if row.actual is not None and row.year <= as_at else row.planned
        expected[row.nature] += counted
    reforecast = report.reforecast()
    assert not reforecast.actuals
    again = appraise(
        reforecast,
        base_year=FY(2013),
        price_base=FY(2013),
        phasing=PHASING,
        schedule=ZERO_RATE,
        horizon=Horizon(FY(2013), LAST + 2),
    )
    totals = {Nature.COST: Money(0), Nature.BENEFIT: Money(0)}
    for line in again.lines:
        for _, amount in line.unadjusted:
            totals[line.nature] += amount
    assert totals == expected


def test_the_essex_example_tracks_an_illustrative_year() -> None:
    example = Path(__file__).resolve().parents[2] / "examples" / "realisation_essex.py"
    done = subprocess.run(
        [sys.executable, str(example)], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Realisation of Whole Essex Community Budget as at the end of 2014/15" in out
    # FBC1's cashable benefit, restated: £16.61m of the £18.466m a year phased (92.330m / 5).
    (row,) = [line for line in out.splitlines() if line.startswith("FBC1     benefit  2014/15")]
    assert row.split()[3:7] == ["£18,466,000.00", "£16,610,000.00", "-£1,856,000.00", "89.9%"]
    assert row.endswith("amber")
    assert "restated actual: FBC1 / Gross cashable benefit / 2014/15: £16,250,000.00" in out
    assert "Plan: net present budget impact £102.6m" in out
    assert "Re-forecast after 2014/15: net present budget impact £96.6m" in out
