"""ProgrammeBuilder: a programme call by call, every problem at once, in Programme's words."""

from __future__ import annotations

import copy
import pickle
from collections import Counter
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import wecb
from strategies.builder import builders_of, parts_of
from strategies.programmes import programme_parts, programmes
from wecb.core.money import Money
from wecb.core.periods import FinancialYear, OpenPeriod
from wecb.errors import MAX_PROBLEMS, ProgrammeError, ValidationError, WecbTypeError
from wecb.model.builder import ProgrammeBuilder
from wecb.model.cashflows import CashFlow, CostType, Nature, ValueType
from wecb.model.facts import FigureKind, Qualifier
from wecb.model.funding import FundingBasis
from wecb.model.integration import IntegrationLevel, PoolingArrangement
from wecb.model.partners import PartnerKind
from wecb.model.programme import Programme
from wecb.model.projects import Stage


def triage() -> ProgrammeBuilder:
    """Street triage: three partners, one domain, one project; each test adds to it."""
    return (
        ProgrammeBuilder("Street Triage", "Anytown")
        .partner("council", "Anytown Council", kind="unitary_council")
        .partner("police", "Anytown Police", kind="police")
        .partner("ccg", "Anytown CCG", kind=PartnerKind.NHS_COMMISSIONER)
        .domain("safety", "Community Safety", kind="thematic")
        .project("triage", "Street triage", domain="safety", leads=["police", "ccg"])
    )


def problems_of(builder: ProgrammeBuilder) -> tuple[str, ...]:
    with pytest.raises(ProgrammeError) as raised:
        builder.build()
    return raised.value.problems


def test_the_face_exports_the_builder() -> None:
    assert wecb.ProgrammeBuilder is ProgrammeBuilder


def test_a_line_is_one_flow_per_period_in_order() -> None:
    programme = (
        triage()
        .line(
            "triage",
            nature="cost",
            payer="council",
            cost_type="revenue",
            label="Nurses",
            amounts={"2014/15": "£120,000.00", FinancialYear(2015): Money("125000")},
        )
        .build()
    )
    flows = programme.project("triage").flows
    assert flows == tuple(
        CashFlow(
            amount=Money(amount),
            nature=Nature.COST,
            period=FinancialYear(year),
            payer="council",
            cost_type=CostType.REVENUE,
            label="Nurses",
        )
        for year, amount in ((2014, "120000"), (2015, "125000"))
    )


def test_text_and_members_give_the_same_programme() -> None:
    def built(text: bool) -> Programme:
        def pick(value: object, spelling: object) -> object:
            return spelling if text else value

        return (
            ProgrammeBuilder("P", "Q")
            .period("later", "Later", after=pick(FinancialYear(2014), "2014/15"))
            .partner("ecc", "ECC", kind=pick(PartnerKind.COUNTY_COUNCIL, "county_council"))
            .domain("d", "D", kind=pick(wecb.DomainKind.ENABLER, "enabler"))
            .project(
                "p",
                "P",
                domain="d",
                stage=pick(Stage.LIVE, "live"),
                integration_level=pick(IntegrationLevel.POOLED_BUDGET, 3),
            )
            .stream(
                "s",
                "S",
                funder="ecc",
                arrangement=pick(PoolingArrangement.POOLED, "pooled"),
                amount=pick(Money("500"), "£500"),
                basis=pick(FundingBasis.PER_YEAR, "per_year"),
                qualifier=pick(Qualifier.UP_TO, "up_to"),
                periods=[pick(FinancialYear(2014), "2014/15")],
                recipient="p",
            )
            .line(
                "p",
                nature=pick(Nature.BENEFIT, "benefit"),
                value_type=pick(ValueType.FISCAL, "fiscal"),
                cashable=True,
                beneficiary="ecc",
                price_year=pick(FinancialYear(2013), "2013/14"),
                amounts={pick(FinancialYear(2015), "2015/16"): pick(Money("1200000"), "£1.2m")},
            )
            .figure(
                "f",
                "F",
                kind=pick(FigureKind.COUNT, "count"),
                count=pick(Decimal("2000"), "2,000"),
                unit="family",
                qualifier=pick(Qualifier.MORE_THAN, "more_than"),
            )
            .team_plan("t", "p", teams=2, cases_per_team=10, start_year=2014)
            .build()
        )

    assert built(text=True) == built(text=False)


def test_open_periods_and_projects_may_be_given_after_their_use() -> None:
    programme = (
        ProgrammeBuilder("P", "Q")
        .line("p", nature="cost", amounts={"later": "£5"})
        .project("p", "P", domain="d")
        .domain("d", "D", kind="thematic")
        .period("later", "Later", after="2014/15")
        .build()
    )
    later = programme.period("later")
    assert programme.project("p").flows[0].period is later


def test_counterfactual_lines_are_business_as_usual_flows() -> None:
    programme = (
        triage()
        .line("triage", nature="cost", payer="council", amounts={"2014/15": "£10"})
        .line(
            "triage",
            nature="cost",
            payer="police",
            amounts={"2014/15": "£7", "2015/16": "£8"},
            counterfactual=True,
        )
        .build()
    )
    project = programme.project("triage")
    assert [f.amount for f in project.flows] == [Money("10")]
    assert [f.amount for f in project.counterfactual] == [Money("7"), Money("8")]


def test_every_problem_is_listed_at_once_named_by_its_call() -> None:
    builder = (
        triage()
        .partner("police", "Duplicate police", kind="police")
        .partner("fire", "Fire", kind="fire_service")
        .line("triage", nature="cost", payer="nobody", amounts={"2014/15": "£1", "2015/16": "£2"})
        .line("nope", nature="cost", amounts={"2014/15": "£1"})
        .line("triage", nature="benefit", value_type="fiscal", amounts={"2014/15": "£1"})
        .project("second", "Second", domain="health")
    )
    assert problems_of(builder) == (
        "partner 5 ('fire'): Partner.kind: 'fire_service' is not accepted; expected one of "
        + ", ".join(repr(k.value) for k in PartnerKind),
        "line 2 (project 'nope'): unknown project 'nope'; known: 'second', 'triage'",
        "line 3 (project 'triage'): CashFlow.cashable: not stated for a fiscal benefit; say "
        "whether it releases cash from a budget (cashable=True) or not, such as freed capacity "
        "or avoided demand (cashable=False)",
        "partner 4 ('police'): partners[3].key: duplicate key 'police' (also at partners[1])",
        "line 1 (project 'triage', 2014/15): projects['triage'].flows[0].payer: unknown partner "
        "'nobody'; known: 'ccg', 'council', 'police'",
        "line 1 (project 'triage', 2015/16): projects['triage'].flows[1].payer: unknown partner "
        "'nobody'; known: 'ccg', 'council', 'police'",
        "project 2 ('second'): projects['second'].domain: unknown domain 'health'; known: "
        "'safety'",
    )


def test_the_graph_problems_are_the_programmes_own_words() -> None:
    builder = triage().line("triage", nature="cost", payer="nobody", amounts={"2014/15": "£1"})
    with pytest.raises(ProgrammeError) as direct:
        Programme(
            name="Street Triage",
            place="Anytown",
            partners=triage().build().partners,
            domains=triage().build().domains,
            projects=(
                wecb.Project(
                    key="triage",
                    title="Street triage",
                    domain="safety",
                    leads=("police", "ccg"),
                    flows=(
                        CashFlow(
                            amount=Money("1"),
                            nature=Nature.COST,
                            period=FinancialYear(2014),
                            payer="nobody",
                        ),
                    ),
                ),
            ),
        )
    (problem,) = problems_of(builder)
    assert problem == f"line 1 (project 'triage', 2014/15): {direct.value.problems[0]}"


def test_a_failed_call_is_not_reported_again_as_an_unknown_key() -> None:
    builder = (
        ProgrammeBuilder("P", "Q")
        .partner("ecc", "ECC", kind="county")
        .domain("d", "D", kind="thematic")
        .project("p", "P", domain="d", leads=["ecc"], stage="started")
        .stream("s", "S", funder="ecc", arrangement="aligned", recipient="p")
        .line("p", nature="cost", payer="ecc", amounts={"2014/15": "£1"})
    )
    problems = problems_of(builder)
    assert [p.split(":")[0] for p in problems] == ["partner 1 ('ecc')", "project 1 ('p')"]
    assert "Partner.kind: 'county' is not accepted" in problems[0]
    assert "Project.stage: 'started' is not accepted; expected one of 'idea'," in problems[1]


@pytest.mark.parametrize(
    ("amounts", "expected"),
    [
        ({}, "line 1 (project 'triage'): amounts: no periods given; give at least one"),
        ("£1", "line 1 (project 'triage'): amounts: '£1' is not accepted; expected a mapping"),
        (
            {"2014/15": "£1", "2014-15": "£2"},
            "line 1 (project 'triage', 2014-15): amounts: period 2014/15 is given twice "
            "('2014/15' and '2014-15')",
        ),
        (
            {"2014/15": 1.5},
            "line 1 (project 'triage', 2014/15): CashFlow.amount: float 1.5 is not accepted "
            "(floats are inexact); expected money as text",
        ),
        (
            {"2014/15": 120000},
            "line 1 (project 'triage', 2014/15): CashFlow.amount: 120000 is not accepted; "
            "expected money as text such as '£120,000.00' or a Money",
        ),
        (
            {"2014/15": "€5"},
            "line 1 (project 'triage', 2014/15): CashFlow.amount: ",
        ),
        (
            {"later": "£5"},
            "line 1 (project 'triage', later): CashFlow.period: expected a financial year",
        ),
        (
            {"2014/15": "-£5"},
            "line 1 (project 'triage', 2014/15): CashFlow.amount: Money('-5', 'GBP') is not "
            "accepted; expected a Money of zero or more",
        ),
    ],
)
def test_bad_amounts_are_named_by_line_and_period(amounts: object, expected: str) -> None:
    builder = triage().line("triage", nature="cost", amounts=amounts)  # type: ignore[arg-type]
    (problem,) = problems_of(builder)
    assert problem.startswith(expected)


def test_a_problem_of_some_periods_names_them() -> None:
    builder = triage().line(
        "triage", nature="cost", payer="council", amounts={"2014/15": "£1", "2015/16": "x"}
    )
    (problem,) = problems_of(builder)
    assert problem.startswith("line 1 (project 'triage', 2015/16): CashFlow.amount: cannot read")


def test_an_overdrawn_stream_is_named_by_its_call() -> None:
    builder = (
        triage()
        .stream("pot", "Pot", funder="council", arrangement="aligned", amount="£100")
        .line("triage", nature="cost", stream="pot", amounts={"2014/15": "£60", "2015/16": "£50"})
    )
    (problem,) = problems_of(builder)
    assert problem.startswith("stream 1 ('pot'): funding_streams['pot']: overdrawn: ")
    assert "drawn by projects['triage'].flows[0], projects['triage'].flows[1]" in problem


def test_a_counterfactual_line_draws_on_no_stream() -> None:
    builder = (
        triage()
        .stream("pot", "Pot", funder="council", arrangement="aligned")
        .line(
            "triage", nature="cost", stream="pot", counterfactual=True, amounts={"2014/15": "£1"}
        )
    )
    (problem,) = problems_of(builder)
    assert problem.startswith(
        "line 1 (project 'triage', 2014/15): projects['triage'].counterfactual[0].stream: "
    )


def test_the_header_is_checked_at_once() -> None:
    with pytest.raises(ValidationError, match=r"ProgrammeBuilder.place: ' ' is not accepted"):
        ProgrammeBuilder("P", " ")
    with pytest.raises(ValidationError, match=r"ProgrammeBuilder.currency: 'gbp'"):
        ProgrammeBuilder("P", "Q", currency="gbp")
    with pytest.raises(WecbTypeError, match=r"ProgrammeBuilder.notes\[0\]"):
        ProgrammeBuilder("P", "Q", notes=[1])  # type: ignore[list-item]


def test_money_text_is_read_in_the_programmes_currency() -> None:
    programme = (
        ProgrammeBuilder("P", "Q", currency="EUR")
        .domain("d", "D", kind="thematic")
        .project("p", "P", domain="d")
        .line("p", nature="cost", amounts={"2014/15": "1,000.50"})
        .build()
    )
    assert programme.project("p").flows[0].amount == Money("1000.50", "EUR")


def test_problems_are_bounded() -> None:
    builder = triage()
    for n in range(MAX_PROBLEMS + 20):
        builder.partner(f"p{n}", "P", kind="nothing")
    with pytest.raises(ProgrammeError) as raised:
        builder.build()
    assert len(raised.value.problems) == MAX_PROBLEMS
    assert raised.value.more == 20
    assert "... and 20 more problems" in str(raised.value)


def test_building_leaves_the_builder_as_it_was() -> None:
    builder = triage().line("triage", nature="cost", amounts={"2014/15": "£1"})
    assert builder.build() == builder.build()
    assert repr(builder) == (
        "<ProgrammeBuilder 'Street Triage' (Anytown): 3 partners, 1 domain, 1 project, 1 line>"
    )


@given(st.data(), programmes())
def test_a_programme_described_call_by_call_is_built_equal(
    data: st.DataObject, programme: Programme
) -> None:
    builder = data.draw(builders_of(parts_of(programme)))
    assert builder.build() == programme


@given(st.data(), programme_parts())
def test_the_builder_finds_exactly_the_programmes_problems(
    data: st.DataObject, parts: dict[str, object]
) -> None:
    """Parts that are each valid, their graph maybe not: the builder raises exactly when
    Programme does, each of its problems the programme's own, named by a call."""
    keys = [p.key for p in parts["projects"]]  # type: ignore[attr-defined]
    assume(len(keys) == len(set(keys)))  # a line names its project by key
    builder = data.draw(builders_of(parts, text=False))
    try:
        expected = Programme(**parts)  # type: ignore[arg-type]
    except ProgrammeError as exc:
        with pytest.raises(ProgrammeError) as raised:
            builder.build()
        found = Counter(_unnamed(p, exc.problems) for p in raised.value.problems)
        assert found == Counter(exc.problems)
        assert raised.value.more == exc.more
    else:
        assert builder.build() == expected


def _unnamed(problem: str, known: tuple[str, ...]) -> str:
    """The programme's problem inside the builder's ``problem`` (after its call's name)."""
    for candidate in known:
        if problem == candidate or problem.endswith(f"): {candidate}"):
            return candidate
    raise AssertionError(f"not a problem of the programme: {problem}")


def test_open_period_objects_work_without_a_period_call_only_when_declared() -> None:
    later = OpenPeriod(key="later", label="Later", after=FinancialYear(2014))
    builder = triage().line("triage", nature="cost", amounts={later: "£5"})
    (problem,) = problems_of(builder)
    assert problem.startswith(
        "line 1 (project 'triage', later): projects['triage'].flows[0].period: unknown open "
        "period 'later'"
    )


def test_the_lines_of_an_unknown_project_are_checked_all_the_same() -> None:
    builder = triage().line("nope", nature="cost", amounts={"2014/15": "lots"})
    assert problems_of(builder) == (
        "line 1 (project 'nope'): unknown project 'nope'; known: 'triage'",
        "line 1 (project 'nope', 2014/15): CashFlow.amount: cannot read 'lots' as money: "
        "expected an amount such as '£1.949m', '£500,000', '£38 million', '(£944k)' or '-12.50'",
    )


def test_a_copy_is_a_variant_whose_later_calls_are_its_own() -> None:
    base = triage().line("triage", nature="cost", payer="council", amounts={"2014/15": "£10"})
    variant = copy.copy(base).line(
        "triage", nature="cost", payer="police", amounts={"2015/16": "£5"}
    )
    assert len(base.build().project("triage").flows) == 1
    assert len(variant.build().project("triage").flows) == 2
    assert pickle.loads(pickle.dumps(variant)).build() == variant.build()


def test_a_call_keeps_its_arguments_as_they_were() -> None:
    amounts = {"2014/15": "£10"}
    leads = ["police"]
    builder = (
        triage()
        .project("other", "Other", domain="safety", leads=leads)
        .line("other", nature="cost", amounts=amounts)
    )
    amounts["2015/16"] = "£20"
    leads.append("nobody")
    other = builder.build().project("other")
    assert other.leads == ("police",)
    assert [str(f.period) for f in other.flows] == ["2014/15"]
