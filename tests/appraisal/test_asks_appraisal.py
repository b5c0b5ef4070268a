"""The local case beside the case with government: appraise(asks=...), local_only and the
report of what depends on each ask and department."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from strategies.asks import ask_appraisable
from wecb.appraisal import Appraisal, Horizon, appraise, asks_report, local_only
from wecb.appraisal.schedules import GREEN_BOOK_STPR
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.datasets import essex_2012
from wecb.errors import AppraisalError
from wecb.model.asks import AskStatus
from wecb.model.builder import ProgrammeBuilder
from wecb.model.programme import Programme

BASE = FinancialYear(2013)
#: The years of every generated line (strategies.analysis: 2013/14 to 2018/19) and more.
YEARS = Horizon(BASE, BASE + 5)


def _appraise(programme: Programme, **options: Any) -> Appraisal:
    return appraise(
        programme,
        base_year=BASE,
        price_base=BASE,
        schedule=GREEN_BOOK_STPR,
        horizon=YEARS,
        **options,
    )


def _triage(status: str = "asked") -> Programme:
    return (
        ProgrammeBuilder("Triage", "Anytown")
        .partner("council", "Anytown Council", kind="unitary_council")
        .partner("police", "Anytown Police", kind="police")
        .partner("moj", "Ministry of Justice", kind="whitehall_department")
        .partner("dh", "Department of Health", kind="whitehall_department")
        .domain("safety", "Community Safety", kind="thematic")
        .project("triage", "Street triage", domain="safety")
        .ask(
            "data",
            "triage",
            text="Share incident data",
            kind="data_sharing",
            status=status,
            addressed_to=["moj", "dh"],
        )
        .ask(
            "tariff",
            "triage",
            text="Vary the tariff",
            kind="funding",
            status="agreed",
            addressed_to=["dh"],
        )
        .ask("law", "triage", text="Change the law", kind="regulation", status="open")
        .line(
            "triage",
            nature="cost",
            payer="council",
            cost_type="revenue",
            label="nurses",
            amounts={"2013/14": "£100", "2014/15": "£100"},
        )
        .line(
            "triage",
            nature="benefit",
            beneficiary="police",
            value_type="fiscal",
            cashable=True,
            label="local saving",
            amounts={"2014/15": "£150"},
        )
        .line(
            "triage",
            nature="benefit",
            beneficiary="police",
            value_type="fiscal",
            cashable=True,
            label="data saving",
            amounts={"2015/16": "£400"},
            requires=["data"],
        )
        .line(
            "triage",
            nature="benefit",
            beneficiary="council",
            value_type="fiscal",
            cashable=False,
            label="tariff saving",
            amounts={"2015/16": "£80"},
            requires=["data", "tariff"],
        )
        .line(
            "triage",
            nature="cost",
            payer="council",
            cost_type="revenue",
            label="data set-up",
            amounts={"2014/15": "£30"},
            requires=["data"],
        )
        .build()
    )


def _npbi(programme: Programme, **options: Any) -> Money:
    return _appraise(programme, **options).financial_case.net_present_budget_impact().amount


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ask_appraisable())
def test_the_local_npv_is_the_npv_of_the_lines_requiring_no_ask(programme: Programme) -> None:
    everything = _appraise(programme)
    local = _appraise(programme, asks=())
    needing_none = attrs.evolve(
        everything, lines=tuple(line for line in everything.lines if not line.requires)
    )
    figure = needing_none.financial_case.net_present_budget_impact().amount
    assert local.financial_case.net_present_budget_impact().amount == figure
    assert _npbi(local_only(programme)) == figure
    assert local.lines == needing_none.lines
    # Granting every ask is the case with government: every line counted.
    granted = _appraise(programme, asks=[a.key for a in programme.asks])
    assert granted.lines == everything.lines


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ask_appraisable())
def test_the_report_splits_every_amount_between_local_and_dependent(
    programme: Programme,
) -> None:
    report = asks_report(programme)
    zero = Money.zero(programme.currency)
    flows = [flow for _, flow in programme.cash_flows()]
    benefits = sum((f.amount for f in flows if f.is_benefit), zero)
    dependent = sum((f.amount for f in flows if f.is_benefit and f.requires), zero)
    assert report.local_benefits + dependent == benefits
    for row in report.by_ask:
        assert row.at_risk == (zero if row.ask.status is AskStatus.AGREED else row.benefits)
        assert row.benefits <= dependent
    for department in report.by_department:
        assert department.at_risk <= department.benefits <= dependent


def test_appraise_leaves_out_the_lines_of_asks_not_granted_and_says_so() -> None:
    triage = _triage()
    with_government = _appraise(triage)
    local = _appraise(triage, asks=())
    some = _appraise(triage, asks=["data"])
    assert [line.label for line in local.lines] == ["nurses", "nurses", "local saving"]
    assert [line.label for line in some.lines] == [
        "nurses",
        "nurses",
        "local saving",
        "data saving",
        "data set-up",
    ]
    # Line indices stay the programme's, so a plan keyed by line still applies.
    assert [line.index for line in some.lines] == [0, 1, 2, 3, 5]
    assert len(with_government.lines) == 6
    stated = {a.name: a.value for a in local.assumptions()}
    assert stated["asks of government"] == (
        "taken as granted: none (the local case); lines requiring any other ask left out (3): "
        "triage line 3 'data saving' 2015/16 (requires data); triage line 4 'tariff saving' "
        "2015/16 (requires data, tariff); triage line 5 'data set-up' 2014/15 (requires data)"
    )
    assert {a.name: a.value for a in with_government.assumptions()}["asks of government"] == (
        "every line counted, as if every ask of government were granted (lines require data, "
        "tariff); appraise with asks=() for the local case"
    )
    assert "asks of government" in str(local)


def test_an_appraisal_of_a_programme_without_asks_states_nothing_about_them() -> None:
    plain = _appraise(_triage().evolve(projects=tuple(local_only(_triage()).projects), asks=()))
    assert "asks of government" not in {a.name for a in plain.assumptions()}


@pytest.mark.parametrize(
    ("asks", "message"),
    [
        (["dta"], r"asks: unknown ask\(s\) 'dta'; the programme's asks: 'data', 'tariff', 'law'"),
        (
            "data",
            r"asks: 'data' is one string; give the keys of the asks taken as granted as "
            r"a list, e.g. \['data'\]",
        ),
        (5, r"asks: int is not accepted; give a list of ask keys"),
    ],
)
def test_every_ask_key_given_must_name_an_ask(asks: object, message: str) -> None:
    with pytest.raises(AppraisalError, match=message):
        _appraise(_triage(), asks=asks)


def test_the_report_lists_what_depends_on_each_ask_and_department() -> None:
    report = asks_report(_triage())
    rows = {r["ask"]: r for r in report.rows()}
    assert {
        k: (str(r["costs"]), str(r["benefits"]), str(r["at_risk"]), r["flows"])
        for k, r in rows.items()
    } == {
        "data": ("£30.00", "£480.00", "£480.00", 3),
        "tariff": ("£0.00", "£80.00", "£0.00", 1),
        "law": ("£0.00", "£0.00", "£0.00", 0),
    }
    departments = {r["department"]: r for r in report.rows(by="department")}
    assert list(departments) == ["moj", "dh", "(no department named)"]
    assert departments["dh"]["asks"] == "data, tariff"
    # The tariff line needs both asks of DH: counted once, at risk while 'data' is not agreed.
    assert (str(departments["dh"]["benefits"]), str(departments["dh"]["at_risk"])) == (
        "£480.00",
        "£480.00",
    )
    assert str(report.local_benefits) == "£150.00" and str(report.local_costs) == "£200.00"
    agreed = asks_report(_triage(status="agreed"))
    dh = {r["department"]: r for r in agreed.rows(by="department")}["dh"]
    assert str(dh["at_risk"]) == "£0.00"
    with pytest.raises(AppraisalError, match=r"by='agency'; expected 'ask' or 'department'"):
        report.rows(by="agency")
    assert report.rows().assumptions == report.assumptions()


def test_the_essex_register_ties_no_amount_to_an_ask() -> None:
    essex = essex_2012()
    report = asks_report(essex)
    assert len(report.by_ask) == 25
    assert all(row.flows == 0 for row in report.by_ask)
    assert "no line requires any of these asks" in str(report)
    assert local_only(essex) == essex
