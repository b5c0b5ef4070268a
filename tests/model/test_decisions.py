"""Gate decisions: the strategic outline case, advance(gate, decision=...), the programme's
checks of a decision history, the Essex decisions as the sources state them, and decision
histories surviving every file format."""

from __future__ import annotations

import datetime
import pickle
import tempfile
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import wecb
from seed_documents import document_text
from spreadsheet_samples import write_csv_folder
from strategies.schedules import scheduled_programmes
from wecb.datasets import essex_2012
from wecb.errors import (
    LoadError,
    ProgrammeError,
    StageGateError,
    ValidationError,
    WecbTypeError,
)
from wecb.io import read_workbook, write_workbook
from wecb.model.decisions import (
    TRANSITIONS,
    DecisionOutcome,
    GateDecision,
    Stage,
    StageGate,
    decision_problems,
)
from wecb.model.documents import Citation
from wecb.model.programme import Programme
from wecb.model.projects import Project
from wecb.present.summary import programme_summary

DAY = datetime.date(2012, 10, 30)


def _decision(
    gate: StageGate,
    outcome: DecisionOutcome = DecisionOutcome.APPROVED,
    *,
    day: datetime.date = DAY,
    by: str = "Example Cabinet",
    conditions: str | None = None,
) -> GateDecision:
    return GateDecision(gate=gate, date=day, decided_by=by, outcome=outcome, conditions=conditions)


def _project(stage: Stage = Stage.IDEA, *decisions: GateDecision) -> Project:
    return Project(key="P", title="Pilot", domain="d", stage=stage, decisions=decisions)


def _programme(project: Project) -> Programme:
    essex = essex_2012()
    partner = attrs.evolve(essex.partners[0], source=None)
    domain = attrs.evolve(essex.domains[0], source=None)
    return Programme(
        name="X",
        place="Y",
        partners=(partner,),
        domains=(domain,),
        projects=(attrs.evolve(project, domain=domain.key),),
    )


# -- stages and advance ------------------------------------------------------------------


def test_the_strategic_outline_case_comes_before_the_outline_business_case() -> None:
    stages = list(Stage)
    assert stages.index(Stage.STRATEGIC_OUTLINE_CASE) == stages.index(Stage.IDEA) + 1
    assert stages.index(Stage.OUTLINE_BUSINESS_CASE) == stages.index(Stage.IDEA) + 2
    soc = _project().advance(StageGate.PROCEED_TO_STRATEGIC_OUTLINE_CASE)
    assert soc.stage is Stage.STRATEGIC_OUTLINE_CASE
    assert soc.advance(StageGate.PROCEED_TO_OUTLINE_BUSINESS_CASE).stage is (
        Stage.OUTLINE_BUSINESS_CASE
    )


def test_files_without_the_strategic_outline_case_still_go_from_idea_to_outline() -> None:
    assert Stage.IDEA in TRANSITIONS[StageGate.PROCEED_TO_OUTLINE_BUSINESS_CASE][0]
    text = wecb.dumps(essex_2012(), "toml")
    assert "strategic_outline_case" not in text
    assert wecb.loads(text, "toml") == essex_2012()


def test_advance_appends_the_decision_and_moves_only_when_it_approves() -> None:
    project = _project(Stage.FULL_BUSINESS_CASE)
    gate = StageGate.PROCEED_TO_IMPLEMENT
    deferred = project.advance(gate, decision=_decision(gate, DecisionOutcome.DEFERRED))
    assert deferred.stage is Stage.FULL_BUSINESS_CASE
    assert [d.outcome for d in deferred.decisions] == [DecisionOutcome.DEFERRED]
    later = DAY + datetime.timedelta(days=30)
    approved = deferred.advance(
        gate,
        decision=_decision(
            gate,
            DecisionOutcome.APPROVED_WITH_CONDITIONS,
            day=later,
            conditions="A quarterly report to the board",
        ),
    )
    assert approved.stage is Stage.IMPLEMENTATION
    assert len(approved.decisions) == 2 and approved.latest_decision is approved.decisions[-1]
    rejected = approved.advance(
        StageGate.PROCEED_TO_GO_LIVE,
        decision=_decision(StageGate.PROCEED_TO_GO_LIVE, DecisionOutcome.REJECTED, day=later),
    )
    assert rejected.stage is Stage.IMPLEMENTATION
    # Every history advance builds is one the programme accepts.
    assert decision_problems("p", rejected.decisions, rejected.stage) == []


def test_advance_refuses_a_decision_at_another_gate_or_dated_before_the_last() -> None:
    project = _project(Stage.FULL_BUSINESS_CASE)
    gate = StageGate.PROCEED_TO_IMPLEMENT
    with pytest.raises(StageGateError, match="taken at gate close, not at proceed_to_implement"):
        project.advance(gate, decision=_decision(StageGate.CLOSE))
    once = project.advance(gate, decision=_decision(gate, DecisionOutcome.DEFERRED))
    with pytest.raises(
        StageGateError,
        match=r"dated 2012-10-29, before the last decision "
        r"recorded \(2012-10-30\)",
    ):
        once.advance(gate, decision=_decision(gate, day=DAY - datetime.timedelta(days=1)))
    with pytest.raises(StageGateError, match="is at stage full_business_case"):
        project.advance(
            StageGate.PROCEED_TO_GO_LIVE, decision=_decision(StageGate.PROCEED_TO_GO_LIVE)
        )
    with pytest.raises(WecbTypeError, match=r"Project\.advance\.decision: 'approved'"):
        project.advance(gate, decision="approved")  # type: ignore[arg-type]


def test_a_decision_checks_its_fields() -> None:
    with pytest.raises(ValidationError, match=r"GateDecision\.conditions"):
        _decision(StageGate.CLOSE, DecisionOutcome.APPROVED, conditions="none really")
    with pytest.raises(ValidationError, match=r"GateDecision\.date"):
        GateDecision(
            gate=StageGate.CLOSE,
            date=datetime.datetime(2012, 10, 30),  # type: ignore[arg-type]
            decided_by="Board",
            outcome=DecisionOutcome.APPROVED,
        )
    with pytest.raises(WecbTypeError, match=r"GateDecision\.outcome"):
        GateDecision(gate=StageGate.CLOSE, date=DAY, decided_by="Board", outcome="approved")  # type: ignore[arg-type]


# -- the programme's checks ----------------------------------------------------------------


def test_decisions_out_of_date_order_are_refused_with_their_place() -> None:
    first = _decision(StageGate.PROCEED_TO_STRATEGIC_OUTLINE_CASE)
    second = _decision(
        StageGate.PROCEED_TO_OUTLINE_BUSINESS_CASE, day=DAY - datetime.timedelta(days=3)
    )
    with pytest.raises(ProgrammeError) as caught:
        _programme(_project(Stage.OUTLINE_BUSINESS_CASE, first, second))
    assert caught.value.problems == (
        "projects['P'].decisions[1].date: 2012-10-27 is before the decision above it "
        "(2012-10-30); decisions are recorded in date order",
    )


def test_a_stage_that_disagrees_with_the_decisions_is_refused() -> None:
    approve = _decision(StageGate.PROCEED_TO_FULL_BUSINESS_CASE)
    with pytest.raises(
        ProgrammeError,
        match=r"projects\['P'\]\.stage: is implementation, "
        r"but the last approved decision",
    ):
        _programme(_project(Stage.IMPLEMENTATION, approve))
    skipping = _decision(StageGate.PROCEED_TO_GO_LIVE, day=DAY + datetime.timedelta(days=1))
    with pytest.raises(
        ProgrammeError,
        match=r"decisions\[1\]\.gate: proceed_to_go_live "
        r"cannot be taken from full_business_case",
    ):
        _programme(_project(Stage.LIVE, approve, skipping))
    deferred = _decision(StageGate.PROCEED_TO_GO_LIVE, DecisionOutcome.DEFERRED)
    with pytest.raises(ProgrammeError, match=r"cannot be taken from the project's stage idea"):
        _programme(_project(Stage.IDEA, deferred))


def test_decided_by_is_a_known_partner_key_or_a_named_body() -> None:
    ecc = essex_2012().partners[0].key
    gate = StageGate.PROCEED_TO_STRATEGIC_OUTLINE_CASE
    project = _project(Stage.STRATEGIC_OUTLINE_CASE, _decision(gate, by=ecc))
    assert _programme(project).projects[0].decisions[0].decided_by == ecc
    named = _project(
        Stage.STRATEGIC_OUTLINE_CASE, _decision(gate, by="Health and Wellbeing Board")
    )
    assert _programme(named).projects[0].stage is Stage.STRATEGIC_OUTLINE_CASE
    with pytest.raises(
        ProgrammeError,
        match=r"decided_by: unknown partner 'ecx' \(a named "
        r"body is written with a space\); known: 'ecc'",
    ):
        _programme(_project(Stage.STRATEGIC_OUTLINE_CASE, _decision(gate, by="ecx")))


def test_a_file_with_a_bad_decision_names_the_project_and_field() -> None:
    text = wecb.dumps(essex_2012(), "toml").replace(
        'outcome = "approved"', 'outcome = "approve"', 1
    )
    with pytest.raises(
        LoadError,
        match=r"entry 'projects\[0\] \(FBC1\)', field "
        r"'decisions\[0\]\.outcome'",
    ) as caught:
        wecb.loads(text, "toml")
    assert "approved_with_conditions" in str(caught.value)


# -- the Essex decisions ---------------------------------------------------------------------


def test_essex_records_the_cabinet_decision_of_30_october_2012_on_each_business_case() -> None:
    essex = essex_2012()
    decided = {p.key: p.decisions for p in essex.projects if p.decisions}
    assert sorted(decided) == ["FBC1", "FBC2", "FBC3", "FBC4", "FBC5"]
    for decisions in decided.values():
        (decision,) = decisions
        assert decision.gate is StageGate.PROCEED_TO_FULL_BUSINESS_CASE
        assert decision.date == DAY
        assert decision.outcome is DecisionOutcome.APPROVED
        assert decision.decided_by == "Essex County Council Cabinet"
        assert decision.conditions is None and decision.table is None
        assert isinstance(decision.source, Citation)
        assert decision.source.document == "ecc_cabinet_issues_2012_10_30"
        assert "to develop the Full Business Cases" in decision.source.quote
    assert essex.project("strengthening_communities").decisions == ()


def test_the_essex_decision_quotes_are_verbatim_and_dated_by_their_paper() -> None:
    decision = essex_2012().project("FBC1").decisions[0]
    assert isinstance(decision.source, Citation)
    text = document_text(decision.source.document)
    assert decision.source.quote in text
    assert "From the meeting of 30 October 2012" in text


def test_the_summary_shows_the_latest_decision_per_project() -> None:
    text = programme_summary(essex_2012(), width=200)
    assert "Latest decision per project" in text
    assert (
        "FBC3: 2012-10-30 Decision to progress to Full Business Case: approved (Essex "
        "County Council Cabinet)"
    ) in text
    assert "strengthening_communities: no decision recorded" in text


# -- every file format -------------------------------------------------------------------------


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(scheduled_programmes())
def test_decision_histories_and_milestones_survive_every_file_format(
    programme: Programme,
) -> None:
    for kind in ("toml", "json"):
        assert wecb.loads(wecb.dumps(programme, kind), kind) == programme
    assert pickle.loads(pickle.dumps(programme)) == programme
    with tempfile.TemporaryDirectory() as folder:
        assert read_workbook(write_workbook(programme, Path(folder) / "p.xlsx")) == programme
        assert read_workbook(write_csv_folder(programme, Path(folder) / "csv")) == programme


def test_the_essex_decisions_survive_a_workbook(tmp_path: Path) -> None:
    essex = essex_2012()
    back = read_workbook(write_workbook(essex, tmp_path / "essex.xlsx"))
    assert [p.decisions for p in back.projects] == [p.decisions for p in essex.projects]
