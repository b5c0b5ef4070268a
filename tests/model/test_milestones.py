"""Milestones: dates as precise as their sources, the programme's checks, the Essex
milestones as their documents state them, and the timeline table and plot."""

from __future__ import annotations

import datetime
from pathlib import Path

import attrs
import pytest
from hypothesis import given

import wecb
from seed_documents import document_text
from strategies.schedules import milestone_dates
from wecb.datasets import essex_2012
from wecb.errors import LoadError, ParseError, ProgrammeError, ValidationError
from wecb.model.documents import Citation
from wecb.model.milestones import Milestone, MilestoneDate
from wecb.present.timeline import timeline, timeline_plot


def _date(text: str) -> MilestoneDate:
    return MilestoneDate.parse(text)


@given(milestone_dates())
def test_a_milestone_date_reads_back_from_its_text_at_its_precision(date: MilestoneDate) -> None:
    assert _date(str(date)) == date
    assert date.first_day() <= date.last_day()
    expected = {"day": 10, "month": 7, "year": 4}[date.precision]
    assert len(str(date)) == expected


def test_a_month_and_a_year_cover_their_days() -> None:
    assert _date("2012-02").last_day() == datetime.date(2012, 2, 29)
    assert _date("2014").first_day() == datetime.date(2014, 1, 1)
    assert _date("2014").last_day() == datetime.date(2014, 12, 31)
    assert _date("2012-12-05").precision == "day"


@pytest.mark.parametrize("text", ["2012-9", "2012-13", "2012-02-30", "Sept 2012", "12-10"])
def test_a_date_not_written_as_a_source_gives_it_is_refused(text: str) -> None:
    with pytest.raises((ParseError, ValidationError)):
        _date(text)


def test_a_milestone_is_a_point_a_span_or_open_ended() -> None:
    span = Milestone(key="m", label="Completion", date=_date("2012-11-01"), until=_date("2013-03"))
    assert span.when == "2012-11-01 to 2013-03"
    with pytest.raises(ValidationError, match=r"Milestone\.until"):
        attrs.evolve(span, until=_date("2012-10"))
    with pytest.raises(ValidationError, match=r"Milestone\.onwards"):
        attrs.evolve(span, onwards=True)


def test_the_programme_checks_milestone_keys_and_projects() -> None:
    essex = essex_2012()
    first = essex.milestones[0]
    with pytest.raises(ProgrammeError) as caught:
        essex.evolve(milestones=(first, attrs.evolve(first, project="FBC9")))
    assert caught.value.problems == (
        f"milestones[1].key: {first.key!r} is already used by milestones[0]",
        "milestones[1].project: unknown project 'FBC9'; known: 'FBC1', 'FBC2', 'FBC3', "
        "'FBC4', 'FBC5', 'strengthening_communities'",
    )


def test_a_file_with_a_bad_milestone_date_names_the_entry() -> None:
    text = wecb.dumps(essex_2012(), "toml").replace('date = "2012-09"', 'date = "2012-9"')
    with pytest.raises(LoadError, match=r"field 'date'.*'2012-9' is not a date as the source"):
        wecb.loads(text, "toml")


def test_a_project_level_milestones_list_points_to_the_programme_s() -> None:
    text = wecb.dumps(essex_2012(), "toml").replace(
        'stage = "outline_business_case"', 'stage = "outline_business_case"\nmilestones = []'
    )
    with pytest.raises(LoadError, match=r"write a project's milestones in the programme's"):
        wecb.loads(text, "toml")


# -- the Essex milestones ---------------------------------------------------------------------


def test_essex_records_the_dates_its_documents_give_as_precisely_as_they_give_them() -> None:
    when = {m.key: m.when for m in essex_2012().milestones}
    assert when == {
        "partners_working_together": "2012-01 onwards",
        "final_business_cases_deadline": "2012-09",
        "operational_plan_submission": "2012-10",
        "operational_plans_submitted_to_dclg": "2012-10-31",
        "business_case_completion": "2012-11-01 to 2013-03",
        "autumn_statement_2012": "2012-12-05",
        "implementation": "2013-04 onwards",
    }


def test_each_essex_milestone_quotes_its_document_verbatim() -> None:
    for milestone in essex_2012().milestones:
        assert isinstance(milestone.source, Citation), milestone.key
        text = document_text(milestone.source.document).replace("**", "")
        assert " ".join(milestone.source.quote.split()) in " ".join(text.split()), milestone.key


def test_the_essex_dates_are_in_their_quotes() -> None:
    words = {
        "partners_working_together": "January 2012",
        "final_business_cases_deadline": "middle of September",
        "operational_plan_submission": "End October 2012",
        "operational_plans_submitted_to_dclg": "31 October",
        "business_case_completion": "November 2012 to March 2013",
        "autumn_statement_2012": "December 2012",
        "implementation": "April 2013 onwards",
    }
    for milestone in essex_2012().milestones:
        assert isinstance(milestone.source, Citation)
        assert words[milestone.key] in milestone.source.quote, milestone.key


# -- the timeline ---------------------------------------------------------------------------------


def test_the_timeline_orders_milestones_decisions_and_team_starts() -> None:
    essex = essex_2012()
    result = timeline(essex)
    entries = result.entries
    assert len(entries) == len(essex.milestones) + 5 + len(essex.team_plans)
    firsts = [e.first_day() for e in entries]
    assert firsts == sorted(firsts)
    kinds = {e.kind for e in entries}
    assert kinds == {"milestone", "decision", "team plan"}
    team = [e for e in entries if e.kind == "team plan"]
    assert [e.when for e in team] == ["2013-10", "2014"]
    rows = result.rows()
    assert rows[0]["when"] == "2012-01 onwards" and rows[0]["last_day"] is None
    assert [a.name for a in rows.assumptions] == ["dates", "order"]
    assert "Timeline of Whole Essex Community Budget" in str(result)


def test_the_timeline_plot_is_drawn_and_written(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    figure = timeline_plot(essex_2012(), path=tmp_path / "timeline")
    axes = figure.axes[0]
    assert len(axes.get_yticklabels()) == len(timeline(essex_2012()).entries)
    assert (tmp_path / "timeline.png").read_bytes()[:4] == b"\x89PNG"
