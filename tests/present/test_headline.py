"""The programme headline: the figures the first screen leads with, exact, with their
assumptions, and "not stated" where a programme lacks them."""

from __future__ import annotations

import pickle
from decimal import Decimal
from fractions import Fraction

import pytest

import wecb
from wecb.core.assumptions import assumption_notes
from wecb.core.money import Money
from wecb.datasets import (
    CLAIM_SETS,
    cheshire_west_and_chester_2012,
    essex_2012,
    greater_manchester_2012,
    tri_borough_2012,
)
from wecb.errors import WecbTypeError
from wecb.model.programme import Programme
from wecb.present.headline import (
    EXAMPLE_PHASING_TEXT,
    NOT_STATED,
    ProgrammeHeadline,
    ProgrammeSummary,
    example_phasing,
    funding_check,
    programme_headline,
    summary_of,
)
from wecb.present.summary import published_table, tables_table


@pytest.fixture(scope="module")
def essex() -> Programme:
    return essex_2012()


@pytest.fixture(scope="module")
def headline(essex: Programme) -> ProgrammeHeadline:
    report = wecb.reconcile(essex, CLAIM_SETS["essex-2012"](essex))
    return programme_headline(essex, reconciliation=report)


def test_the_net_benefit_is_a_positive_saving_with_costs_and_cashable_share(
    essex: Programme, headline: ProgrammeHeadline
) -> None:
    derived, published = tables_table(essex), published_table(essex)
    assert derived is not None and derived.footer is not None
    assert published is not None and published.footer is not None
    assert headline.net_benefit == Money("300982000") == derived.footer[-1]
    assert headline.net_benefit == -published.footer[-1]  # the published sign, turned
    assert headline.net_benefit == wecb.rollup(essex, by="project").total.net
    assert headline.costs == derived.footer[1]
    assert headline.gross_benefits is not None and headline.costs is not None
    assert headline.gross_benefits - headline.costs == headline.net_benefit
    assert headline.cashable_net_benefit == derived.footer[4]
    assert headline.cashable_share == Fraction(119707, 300982)
    (benefit, _, _) = headline.tables()
    assert "cashable share: 39.8%" in benefit.notes
    assert benefit.records()[0] == {"figure": "net benefit (saving)", "amount": Money("300982000")}


def test_the_funding_gap_is_the_reconciliations(
    essex: Programme, headline: ProgrammeHeadline
) -> None:
    report = wecb.reconcile(essex, CLAIM_SETS["essex-2012"](essex))
    check = funding_check(report)
    assert check is not None and check.differs
    assert headline.funding_required == check.claimed == Money("1949000")
    assert headline.funding_recorded == check.derived == Money("815000")
    assert headline.funding_gap == check.difference == Money("1134000")
    (_, funding, _) = headline.tables()
    assert funding.to_text().splitlines()[-1 - len(funding.notes)].split()[-1] == "£1.134m"
    assert any(check.label in note for note in funding.notes)


def test_the_appraisal_is_under_the_docs_example_phasing_named_as_such(
    headline: ProgrammeHeadline,
) -> None:
    assert headline.phasing == EXAMPLE_PHASING_TEXT
    assert EXAMPLE_PHASING_TEXT == (
        "example phasing from the docs: to_mar_2013=2012/13, "
        "further_implementation=2014/15..2016/17, appraisal_horizon=2014/15..2018/19"
    )
    assert headline.net_present_budget_impact == Money("102644755.03")
    assert headline.net_present_public_value == Money("260802459.25")
    assert headline.benefit_cost_ratio is not None
    assert headline.benefit_cost_ratio_shown == Decimal("6.58")
    (_, _, appraisal) = headline.tables()
    assert appraisal.title is not None and EXAMPLE_PHASING_TEXT in appraisal.title
    labels = [row["figure"] for row in appraisal.records()]
    assert labels == [
        "NPV: net present budget impact",
        "NPV: net present public value",
        "benefit-cost ratio",
    ]


def test_the_headline_agrees_with_appraise_under_the_same_phasing(
    essex: Programme, headline: ProgrammeHeadline
) -> None:
    year = wecb.FinancialYear(2012)
    result = wecb.appraise(essex, base_year=year, price_base=year, phasing=example_phasing())
    financial, economic = result.financial_case, result.economic_case
    assert (
        headline.net_present_budget_impact == financial.net_present_budget_impact().amount.round()
    )
    assert headline.net_present_public_value == economic.net_present_public_value().amount.round()
    assert headline.benefit_cost_ratio == economic.benefit_cost_ratio()
    assert headline.appraisal_assumptions == result.assumptions()


def test_every_assumption_is_stated_in_the_tables(headline: ProgrammeHeadline) -> None:
    notes = {note for table in headline.tables() for note in table.notes}
    for line in assumption_notes(headline.assumptions())[1:]:
        assert line in notes


def test_a_phasing_of_ones_own_is_named(essex: Programme) -> None:
    fy = wecb.FinancialYear
    phasing = example_phasing().with_period(
        "appraisal_horizon", dict.fromkeys(fy.range(fy(2015), fy(2019)), 1)
    )
    mine = wecb.appraisal.Phasing(phasing.periods, note="benefits a year later")
    later = programme_headline(essex, phasing=mine)
    assert later.phasing == "phasing given: benefits a year later"
    assert later.net_present_budget_impact is not None and later.net_present_budget_impact < Money(
        "102644755.03"
    )


def test_no_phasing_no_reconciliation_says_not_stated(essex: Programme) -> None:
    bare = programme_headline(essex, phasing=None)
    assert (
        bare.net_present_budget_impact is None
        and bare.benefit_cost_ratio is None
        and bare.funding_gap is None
    )
    (_, funding, appraisal) = bare.tables()
    assert {row["amount"] for row in funding.records()} == {NOT_STATED}
    assert {row["amount"] for row in appraisal.records()} == {NOT_STATED}
    assert appraisal.title == "Appraisal: phasing not stated"
    assert any("no phasing given" in note for note in appraisal.notes)
    assert any("no reconciliation given" in note for note in funding.notes)


@pytest.mark.parametrize(
    "dataset", [cheshire_west_and_chester_2012, greater_manchester_2012, tri_borough_2012]
)
def test_other_data_sets_say_not_stated(dataset: object) -> None:
    assert callable(dataset)
    programme = dataset()
    headline = programme_headline(programme, reconciliation=wecb.reconcile(programme))
    for table in headline.tables():
        assert {row["amount"] for row in table.records()} == {NOT_STATED}
        assert any(NOT_STATED in note for note in table.notes), table.title


def test_a_phasing_that_leaves_a_period_out_says_why(essex: Programme) -> None:
    short = wecb.appraisal.Phasing({"to_mar_2013": {wecb.FinancialYear(2012): 1}}, note="short")
    partial = programme_headline(essex, phasing=short)
    assert partial.net_present_budget_impact is None and partial.phasing == "phasing given: short"
    (_, _, appraisal) = partial.tables()
    assert any(
        note.startswith(NOT_STATED) and "further_implementation" in note
        for note in appraisal.notes
    )


def test_bad_arguments_are_refused(essex: Programme) -> None:
    with pytest.raises(WecbTypeError, match="phasing"):
        programme_headline(essex, phasing="sample")
    with pytest.raises(WecbTypeError, match="Programme"):
        programme_headline("essex")  # type: ignore[arg-type]


def test_the_summary_object_leads_with_the_headline(
    essex: Programme, headline: ProgrammeHeadline
) -> None:
    summary = ProgrammeSummary(programme=essex, headline=headline)
    tables = summary.tables()
    assert tables[:3] == headline.tables()
    titles = [t.title for t in tables[:3]]
    assert titles[0] is not None and titles[0].startswith("Net benefit")
    text = summary.text(80)
    assert text.index("net benefit (saving)") < text.index("Projects") < text.index("Net cost")
    assert text.count("-£301.0m") == 1  # the published net cost, in its own table only
    assert all(len(line) <= 80 for line in text.splitlines())
    assert "£102.6m" in text and "6.58" in text and "£1.134m" in text
    assert summary_of(essex, phasing=None).headline.net_present_budget_impact is None
    assert set(headline.assumptions()) <= set(summary.assumptions())


@pytest.mark.parametrize("width", [40, 60, 100])
def test_the_summary_fits_the_width_except_single_long_words(essex: Programme, width: int) -> None:
    text = summary_of(essex).text(width)
    for line in text.splitlines():
        assert len(line) <= width or " " not in line.strip(), line


def test_headline_and_summary_pickle(headline: ProgrammeHeadline, essex: Programme) -> None:
    again = pickle.loads(pickle.dumps(headline))
    assert again == headline and again.tables() == headline.tables()
    summary = ProgrammeSummary(programme=essex, headline=headline)
    assert pickle.loads(pickle.dumps(summary)).text() == summary.text()
