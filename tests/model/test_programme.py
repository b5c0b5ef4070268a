"""Programme: whole-graph validation, lookups and scenarios."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from wecb.core.money import Money
from wecb.core.periods import FinancialYear, OpenPeriod
from wecb.errors import ProgrammeError, ValidationError, WecbError, WecbTypeError
from wecb.model.cashflows import CashFlow, Nature, ValueType
from wecb.model.domains import Domain, DomainKind
from wecb.model.funding import PROGRAMME, FundingStream
from wecb.model.integration import IntegrationLevel, PoolingArrangement
from wecb.model.partners import Partner, PartnerKind
from wecb.model.programme import Programme
from wecb.model.projects import (
    Project,
    Stage,
    StageGate,
)
from wecb.model.table_periods import TABLE_OPEN_PERIODS, TO_MAR_2013
from wecb.model.tables import CostBenefitTable

FY13 = FinancialYear(2013)
TABLE = CostBenefitTable.from_thousands(
    costs_to_mar_2013="117",
    costs_to_mar_2014="70",
    costs_further_implementation="23,276",
    net_cashable="-32,790",
    net_non_cashable="0",
    net_total="-32,790",
)


def base() -> Programme:
    """A small valid programme; each test breaks one thing."""
    return Programme(
        name="Whole Essex Community Budget",
        place="Greater Essex",
        partners=(
            Partner(key="ecc", name="Essex County Council", kind=PartnerKind.COUNTY_COUNCIL),
            Partner(key="pct", name="NHS North Essex PCT", kind=PartnerKind.NHS_COMMISSIONER),
            Partner(key="tdc", name="Tendring DC", kind=PartnerKind.DISTRICT_COUNCIL),
        ),
        domains=(
            Domain(key="families", name="Families with Complex Needs", kind=DomainKind.THEMATIC),
            Domain(key="data", name="Data sharing", kind=DomainKind.ENABLER),
        ),
        projects=(
            Project(
                key="FBC5",
                title="Multi-Disciplinary Teams",
                domain="families",
                leads=("ecc", "tdc"),
                integration_level=IntegrationLevel.POOLED_BUDGET,
                stage=Stage.FULL_BUSINESS_CASE,
                table=TABLE,
                flows=(
                    CashFlow(
                        amount=Money("500000"),
                        nature=Nature.COST,
                        period=FY13,
                        payer="ecc",
                        stream="eig",
                    ),
                    CashFlow(
                        amount=Money("95000"),
                        nature=Nature.COST,
                        period=TO_MAR_2013,
                        payer="pct",
                        stream="pct_fund",
                    ),
                    CashFlow(
                        amount=Money("1000"),
                        nature=Nature.BENEFIT,
                        period=FY13,
                        beneficiary="tdc",
                        value_type=ValueType.FISCAL,
                        cashable=True,
                    ),
                ),
            ),
            Project(key="ICT", title="Multi-agency ICT", domain="data", leads=("tdc",)),
        ),
        funding_streams=(
            FundingStream(
                key="eig",
                name="Early Intervention Grant",
                funder="ecc",
                amount=Money("500000"),
                arrangement=PoolingArrangement.POOLED,
                recipient="FBC5",
            ),
            FundingStream(
                key="pct_fund",
                name="PCT contribution",
                funder="pct",
                amount=Money("95000"),
                arrangement=PoolingArrangement.ALIGNED,
            ),
            FundingStream(
                key="team",
                name="Programme team",
                funder="ecc",
                amount=Money("1949000"),
                arrangement=PoolingArrangement.POOLED,
                recipient=PROGRAMME,
            ),
        ),
        periods=TABLE_OPEN_PERIODS,
    )


def fbc5_with(**changes: Any) -> Project:
    return attrs.evolve(base().project("FBC5"), **changes)


def flow_with(index: int, **changes: Any) -> Project:
    fbc5 = base().project("FBC5")
    flows = list(fbc5.flows)
    flows[index] = attrs.evolve(flows[index], **changes)
    return attrs.evolve(fbc5, flows=tuple(flows))


def stream_with(key: str, **changes: Any) -> tuple[FundingStream, ...]:
    return tuple(attrs.evolve(s, **changes) if s.key == key else s for s in base().funding_streams)


def problems_of(**changes: Any) -> tuple[str, ...]:
    with pytest.raises(ProgrammeError) as raised:
        base().evolve(**changes)
    assert str(raised.value).startswith("programme is inconsistent")
    return raised.value.problems


def test_base_is_valid_and_lookups_work() -> None:
    p = base()
    assert p.partner("ecc").kind is PartnerKind.COUNTY_COUNCIL
    assert p.domain("data").is_enabler
    assert p.project("FBC5").stage is Stage.FULL_BUSINESS_CASE
    assert p.stream("eig").is_pooled
    assert p.period("to_mar_2013") == TO_MAR_2013
    assert p.currency == "GBP"


@pytest.mark.parametrize("what", ["partner", "domain", "project", "stream", "period"])
def test_unknown_lookup_names_what_and_lists_known(what: str) -> None:
    with pytest.raises(ValidationError, match=rf"Programme\.{what}: unknown {what} 'nope'; known"):
        getattr(base(), what)("nope")


def test_lookup_refuses_non_string() -> None:
    with pytest.raises(WecbTypeError, match=r"Programme\.partner\.key"):
        base().partner(3)  # type: ignore[arg-type]


def test_cash_flows_pairs_each_flow_with_its_project() -> None:
    p = base()
    pairs = list(p.cash_flows())
    fbc5 = p.project("FBC5")
    assert pairs == [(fbc5, flow) for flow in fbc5.cash_flows]
    assert len(pairs) == 5 + 3


# -- every graph problem, each named ------------------------------------------------------


def test_duplicate_keys() -> None:
    p = base()
    problems = problems_of(
        partners=(*p.partners, p.partners[0]),
        domains=(*p.domains, p.domains[1]),
        projects=(*p.projects, p.projects[1]),
        funding_streams=(*p.funding_streams, p.funding_streams[2]),
        periods=(*p.periods, p.periods[0]),
    )
    assert problems == (
        "partners[3].key: duplicate key 'ecc' (also at partners[0])",
        "domains[2].key: duplicate key 'data' (also at domains[1])",
        "projects[2].key: duplicate key 'ICT' (also at projects[1])",
        "funding_streams[3].key: duplicate key 'team' (also at funding_streams[2])",
        "periods[3].key: duplicate key 'to_mar_2013' (also at periods[0])",
    )


def test_reserved_project_key() -> None:
    ict = attrs.evolve(base().project("ICT"), key=PROGRAMME)
    (problem,) = problems_of(projects=(base().project("FBC5"), ict))
    assert problem.startswith("projects[1].key: 'programme' is reserved")


def test_unknown_domain_and_leads() -> None:
    problems = problems_of(projects=(fbc5_with(domain="health", leads=("ecc", "nhs_x")),))
    assert problems == (
        "projects['FBC5'].domain: unknown domain 'health'; known: 'data', 'families'",
        "projects['FBC5'].leads[1]: unknown partner 'nhs_x'; known: 'ecc', 'pct', 'tdc'",
    )


def test_unknown_payer_beneficiary_and_stream_of_flows() -> None:
    p = flow_with(0, payer="nhs_x", stream="nope")
    flows = list(p.flows)
    flows[2] = attrs.evolve(flows[2], beneficiary="dwp")
    problems = problems_of(projects=(attrs.evolve(p, flows=tuple(flows)), base().projects[1]))
    assert problems == (
        "projects['FBC5'].flows[0].payer: unknown partner 'nhs_x'; known: 'ecc', 'pct', 'tdc'",
        "projects['FBC5'].flows[0].stream: unknown funding stream 'nope'; "
        "known: 'eig', 'pct_fund', 'team'",
        "projects['FBC5'].flows[2].beneficiary: unknown partner 'dwp'; known: 'ecc', 'pct', 'tdc'",
    )


def test_unknown_and_redefined_open_periods() -> None:
    later = OpenPeriod(key="later", label="Later", after=FY13)
    other = OpenPeriod(key="to_mar_2013", label="To March 2013", until=FinancialYear(2012))
    fbc5 = flow_with(0, period=later)
    problems = problems_of(
        projects=(fbc5, base().projects[1]), periods=(other, *TABLE_OPEN_PERIODS[1:])
    )
    assert len(problems) == 3
    assert problems[0].startswith(
        "projects['FBC5'].table.cost_periods[0]: open period 'to_mar_2013' is "
    )
    assert "but the programme defines" in problems[0]
    assert problems[1].startswith("projects['FBC5'].flows[0].period: unknown open period 'later'")
    assert problems[2].startswith("projects['FBC5'].flows[1].period: open period 'to_mar_2013'")


def test_table_periods_must_be_listed() -> None:
    problems = problems_of(periods=())
    assert [p.split(":")[0] for p in problems] == [
        "projects['FBC5'].table.cost_periods[0]",
        "projects['FBC5'].table.cost_periods[2]",
        "projects['FBC5'].table.benefit_period",
        "projects['FBC5'].flows[1].period",
    ]


def test_stream_periods_must_be_known() -> None:
    later = OpenPeriod(key="later", label="Later", after=FY13)
    (problem,) = problems_of(funding_streams=stream_with("team", periods=(FY13, later)))
    assert problem.startswith("funding_streams['team'].periods[1]: unknown open period 'later'")


def test_unknown_funder_and_recipient() -> None:
    streams = stream_with("eig", funder="dfe", recipient="FBC9")
    problems = problems_of(funding_streams=streams)
    assert problems == (
        # FBC5's cost still draws on 'eig', which now names another project.
        "projects['FBC5'].flows[0].stream: stream 'eig' is given to project 'FBC9', not to 'FBC5'",
        "funding_streams['eig'].funder: unknown partner 'dfe'; known: 'ecc', 'pct', 'tdc'",
        "funding_streams['eig'].recipient: unknown project 'FBC9'; known: 'FBC5', 'ICT' "
        "(or 'programme' for the whole programme)",
    )


def test_currencies_must_be_the_programmes() -> None:
    euro_table = CostBenefitTable(
        **{
            name: Money(getattr(TABLE, name).amount, "EUR")
            for name in (
                "costs_to_mar_2013",
                "costs_to_mar_2014",
                "costs_further_implementation",
                "net_cashable",
                "net_non_cashable",
                "net_total",
            )
        }
    )
    fbc5 = attrs.evolve(flow_with(2, amount=Money("1000", "EUR")), table=euro_table)
    streams = stream_with("team", amount=Money("1949000", "USD"))
    problems = problems_of(projects=(fbc5, base().projects[1]), funding_streams=streams)
    assert problems == (
        "projects['FBC5'].table: figures are in EUR, but the programme's currency is GBP",
        "projects['FBC5'].flows[2].amount: amount €1,000.00 is in EUR, "
        "but the programme's currency is GBP",
        "funding_streams['team'].amount: amount USD 1,949,000.00 is in USD, "
        "but the programme's currency is GBP",
    )
    # The other way round: a programme in EUR rejects every GBP amount.
    assert len(problems_of(currency="EUR")) == 1 + 3 + 3


def test_pooled_stream_needs_level_three() -> None:
    fbc5 = fbc5_with(integration_level=IntegrationLevel.ALIGNED_BUDGETS)
    (problem,) = problems_of(projects=(fbc5, base().projects[1]))
    assert problem == (
        "funding_streams['eig'].arrangement: stream 'eig' enters project 'FBC5' as pooled, "
        "which needs integration level 3 (pooled budget) or above, but the project is at "
        "level 2 (aligned budgets)"
    )


def test_aligned_stream_drawn_without_recipient_needs_level_two() -> None:
    fbc5 = fbc5_with(integration_level=IntegrationLevel.SEPARATE)
    problems = problems_of(projects=(fbc5, base().projects[1]))
    assert [p.split(":")[0] for p in problems] == [
        "projects['FBC5'].flows[1].stream",  # pct_fund: aligned, drawn on, no recipient
        "funding_streams['eig'].arrangement",  # eig: pooled into FBC5
    ]
    assert "as aligned, which needs integration level 2" in problems[0]


def test_no_level_means_no_pooling_check_and_in_kind_fits_any_level() -> None:
    fbc5 = fbc5_with(integration_level=None)
    assert base().with_project(fbc5).project("FBC5").integration_level is None
    level_one = fbc5_with(integration_level=IntegrationLevel.SEPARATE)
    streams = tuple(
        attrs.evolve(s, arrangement=PoolingArrangement.IN_KIND) for s in base().funding_streams
    )
    assert base().evolve(projects=(level_one, base().projects[1]), funding_streams=streams)


def test_stream_given_to_another_project() -> None:
    flows = (*base().project("ICT").flows, base().project("FBC5").flows[0])
    ict = attrs.evolve(base().project("ICT"), flows=flows)
    problem, overdrawn = problems_of(projects=(base().projects[0], ict))
    assert (
        problem
        == "projects['ICT'].flows[0].stream: stream 'eig' is given to project 'FBC5', not to 'ICT'"
    )
    # The copied cost draws the £500k stream a second time.
    assert overdrawn.startswith("funding_streams['eig']: overdrawn: costs drawn over all its ")


def test_every_problem_is_reported_at_once() -> None:
    p = base()
    fbc5 = attrs.evolve(
        flow_with(0, payer="x1"),
        domain="x2",
        leads=("x3",),
        integration_level=IntegrationLevel.SEPARATE,
    )
    streams = stream_with("team", funder="x4")
    problems = problems_of(
        partners=(*p.partners, p.partners[0]),
        projects=(fbc5, p.projects[1]),
        funding_streams=streams,
    )
    located = [problem.split(":")[0] for problem in problems]
    assert located == [
        "partners[3].key",
        "projects['FBC5'].domain",
        "projects['FBC5'].leads[0]",
        "projects['FBC5'].flows[0].payer",
        "projects['FBC5'].flows[1].stream",
        "funding_streams['eig'].arrangement",
        "funding_streams['team'].funder",
    ]


def test_known_list_is_truncated() -> None:
    many = tuple(
        Partner(key=f"p{i:02d}", name=f"P{i}", kind=PartnerKind.OTHER_PUBLIC) for i in range(20)
    )
    p = base()
    problems = problems_of(partners=p.partners + many, projects=(fbc5_with(leads=("zz",)),))
    assert problems[0].endswith(", ... (11 more)")


@pytest.mark.parametrize(
    ("field", "value", "accepted", "error"),
    [
        ("name", "", "non-blank", ValidationError),
        ("place", None, "non-blank", WecbTypeError),
        ("partners", [], "a tuple", WecbTypeError),
        ("domains", ("health",), "a Domain", WecbTypeError),
        ("projects", (None,), "a Project", WecbTypeError),
        ("funding_streams", ({},), "a FundingStream", WecbTypeError),
        ("periods", (FY13,), "an OpenPeriod", WecbTypeError),
        ("notes", ("",), "non-blank", ValidationError),
        ("currency", "gbp", "ISO 4217", ValidationError),
        ("source", "", "non-blank", ValidationError),
    ],
)
def test_field_validators(
    field: str, value: object, accepted: str, error: type[Exception]
) -> None:
    with pytest.raises(error) as raised:
        base().evolve(**{field: value})
    assert str(raised.value).startswith(f"Programme.{field}")
    assert accepted in str(raised.value)


# -- scenarios ----------------------------------------------------------------------------


def test_with_project_replaces_in_place_or_appends() -> None:
    p = base()
    live = p.project("FBC5").advance(StageGate.PROCEED_TO_IMPLEMENT)
    replaced = p.with_project(live)
    assert [q.key for q in replaced.projects] == ["FBC5", "ICT"]
    assert replaced.project("FBC5").stage is Stage.IMPLEMENTATION
    assert p.project("FBC5").stage is Stage.FULL_BUSINESS_CASE
    new = Project(key="FBC6", title="New", domain="data")
    assert [q.key for q in p.with_project(new).projects] == ["FBC5", "ICT", "FBC6"]
    with pytest.raises(WecbTypeError, match=r"Programme\.with_project\.project"):
        p.with_project("FBC6")  # type: ignore[arg-type]


def test_with_project_is_validated() -> None:
    with pytest.raises(ProgrammeError, match="unknown domain 'nope'"):
        base().with_project(Project(key="X", title="X", domain="nope"))


def test_without_project() -> None:
    p = base()
    smaller, dropped = p.without_project("ICT")
    assert [q.key for q in smaller.projects] == ["FBC5"]
    assert dropped.project is p.project("ICT")
    assert len(p.projects) == 2
    with pytest.raises(ValidationError, match="unknown project 'nope'"):
        p.without_project("nope")
    # Without cascade, removing a project a stream is given to leaves a dangling
    # reference: reported.
    with pytest.raises(ProgrammeError, match=r"funding_streams\['eig'\]\.recipient"):
        p.without_project("FBC5", cascade=False)


def test_evolve_returns_validated_copy_without_mutating() -> None:
    p = base()
    renamed = p.evolve(name="Scenario B")
    assert renamed.name == "Scenario B"
    assert p.name == "Whole Essex Community Budget"
    assert renamed == attrs.evolve(p, name="Scenario B")
    assert renamed != p
    with pytest.raises(WecbError):
        p.evolve(domains=())


def test_programme_is_hashable_and_equal_by_value() -> None:
    assert base() == base()
    assert hash(base()) == hash(base())
    assert "_partners" not in repr(base())
