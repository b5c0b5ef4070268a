"""Funding streams hold: costs drawn on a stream beyond what it gives are refused.

The rules are stated in :mod:`wecb.model.funding`; each has a test here. wecb 0.1.0 let a
stream of £1m carry £8m of costs without a word.
"""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from wecb.core.money import Money
from wecb.core.periods import FinancialYear, OpenPeriod, Period
from wecb.datasets import essex_2012
from wecb.errors import ProgrammeError
from wecb.model.cashflows import CashFlow, CostType, Nature, ValueType
from wecb.model.domains import Domain, DomainKind
from wecb.model.facts import Qualifier
from wecb.model.funding import FundingBasis, FundingStream, Overdraft, bounded_years
from wecb.model.integration import PoolingArrangement
from wecb.model.partners import Partner, PartnerKind
from wecb.model.programme import Programme
from wecb.model.projects import Project

FY12, FY13, FY14, FY15, FY16 = (FinancialYear(y) for y in range(2012, 2017))
#: 2014/15 to 2016/17: three years.
LATER = OpenPeriod(key="later", label="Later years", after=FY13, until=FY16)
#: Every year after 2013/14: no fixed number of years.
FURTHER = OpenPeriod(key="further", label="Further implementation", after=FY13)
#: Every year up to 2012/13: no known start.
UNTIL_12 = OpenPeriod(key="until_12", label="Up to 2012/13", until=FY12)
PERIODS = (LATER, FURTHER, UNTIL_12)


def cost(amount: str, period: Period, stream: str | None = "fund", **more: Any) -> CashFlow:
    return CashFlow(amount=Money(amount), nature=Nature.COST, period=period, stream=stream, **more)


def fund(amount: str | None = "1000000", **changes: Any) -> FundingStream:
    fields: dict[str, Any] = {
        "key": "fund",
        "name": "A fund",
        "funder": "ecc",
        "arrangement": PoolingArrangement.ALIGNED,
        "amount": None if amount is None else Money(amount),
    }
    return FundingStream(**{**fields, **changes})


def programme(
    *flows: CashFlow, streams: tuple[FundingStream, ...] | None = None, **projects: Any
) -> Programme:
    """One partner, one domain, project P with ``flows`` (and any other projects)."""
    built = [Project(key="P", title="Pilot", domain="d", flows=flows)]
    built += [Project(key=k, title=k, domain="d", flows=v) for k, v in projects.items()]
    return Programme(
        name="Funding",
        place="Somewhere",
        partners=(Partner(key="ecc", name="County", kind=PartnerKind.COUNTY_COUNCIL),),
        domains=(Domain(key="d", name="D", kind=DomainKind.THEMATIC),),
        projects=tuple(built),
        funding_streams=(fund(),) if streams is None else streams,
        periods=PERIODS,
    )


def problems(*flows: CashFlow, **more: Any) -> tuple[str, ...]:
    with pytest.raises(ProgrammeError) as raised:
        programme(*flows, **more)
    return tuple(raised.value.problems)


# -- the trap: a £1m stream carrying £8m ----------------------------------------------------


def test_one_million_stream_with_eight_million_drawn_is_refused() -> None:
    (problem,) = problems(cost("8000000", FY13))
    assert problem == (
        "funding_streams['fund']: overdrawn: costs drawn over all its periods are "
        "£8,000,000.00, more than the £1,000,000.00 available (£1,000,000.00 in total); "
        "drawn by projects['P'].flows[0]"
    )


def test_costs_drawn_by_several_projects_add_up_and_each_is_named() -> None:
    (problem,) = problems(
        cost("600000", FY13), cost("1", FY14, stream=None), Q=(cost("400000.01", FY14),)
    )
    assert "are £1,000,000.01, more than the £1,000,000.00 available" in problem
    assert problem.endswith("drawn by projects['P'].flows[0], projects['Q'].flows[0]")


def test_a_long_list_of_drawers_is_cut() -> None:
    (problem,) = problems(*(cost("200000", FY13) for _ in range(8)))
    assert problem.endswith("projects['P'].flows[4] and 3 more")


# -- total basis ----------------------------------------------------------------------------


def test_total_basis_holds_the_costs_of_every_period_together() -> None:
    exactly = programme(cost("250000", FY13), cost("250000", LATER), cost("500000", FURTHER))
    assert exactly.stream("fund").amount == Money("1000000")
    (problem,) = problems(cost("250000", FY13), cost("750000.01", FURTHER))
    assert "over all its periods are £1,000,000.01" in problem


def test_benefits_and_costs_on_no_stream_do_not_draw() -> None:
    saving = CashFlow(
        amount=Money("9000000"),
        nature=Nature.BENEFIT,
        period=FY13,
        value_type=ValueType.FISCAL,
        cashable=True,
    )
    assert programme(saving, cost("9000000", FY13, stream=None), cost("1000000", FY13))


def test_in_kind_costs_draw_too() -> None:
    staff = cost("1000001", FY13, cost_type=CostType.IN_KIND)
    (problem,) = problems(staff)
    assert "are £1,000,001.00" in problem


# -- per-year basis --------------------------------------------------------------------------


def per_year(amount: str = "100000", **changes: Any) -> tuple[FundingStream, ...]:
    return (fund(amount, basis=FundingBasis.PER_YEAR, **changes),)


def test_per_year_holds_each_financial_year() -> None:
    streams = per_year()
    assert programme(cost("100000", FY13), cost("100000", FY14), streams=streams)
    (problem,) = problems(cost("60000", FY13), cost("40000.01", FY13), streams=streams)
    assert problem.startswith(
        "funding_streams['fund']: overdrawn: costs drawn in 2013/14 are £100,000.01, more than "
        "the £100,000.00 available (£100,000.00 a year)"
    )


def test_per_year_holds_a_bounded_open_period_for_its_years() -> None:
    streams = per_year()
    assert bounded_years(LATER) == (FY14, FY15, FY16)
    assert programme(cost("300000", LATER), streams=streams)
    (problem,) = problems(cost("300000.01", LATER), streams=streams)
    assert (
        "costs drawn in Later years (2014/15 to 2016/17, 3 years) are £300,000.01, more than "
        "the £300,000.00 available (£100,000.00 a year for 3 years)"
    ) in problem


def test_years_inside_a_bounded_open_period_count_towards_it() -> None:
    streams = per_year()
    # Each year within £100k, but 2014/15 and the later bucket take £301k of £300k.
    (problem,) = problems(cost("1000", FY14), cost("300000", LATER), streams=streams)
    assert "in Later years" in problem and "are £301,000.00" in problem
    assert problem.endswith("drawn by projects['P'].flows[0], projects['P'].flows[1]")


def test_an_open_ended_period_is_not_bounded() -> None:
    # "Further implementation" has no fixed number of years: no limit can be set on it.
    streams = per_year()
    assert programme(cost("99000000", FURTHER), cost("99000000", UNTIL_12), streams=streams)
    # The financial years still are.
    (problem,) = problems(cost("99000000", FURTHER), cost("100001", FY16), streams=streams)
    assert "in 2016/17 are £100,001.00" in problem


def test_per_year_total_counts_each_year_once() -> None:
    assert per_year(periods=(FY14, LATER))[0].total == Money("300000")
    with pytest.raises(Exception, match="open period"):
        _ = per_year(periods=(FY14, FURTHER))[0].total


# -- periods ---------------------------------------------------------------------------------


def test_a_cost_outside_the_streams_periods_is_refused() -> None:
    streams = (fund(periods=(FY13, FY14)),)
    (problem,) = problems(cost("1", FY13), cost("1", FY15), streams=streams)
    assert problem == (
        "projects['P'].flows[1].stream: a cost in 2015/16 draws on stream 'fund', which "
        "covers only 2013/14, 2014/15; list 2015/16 in the stream's periods, or draw the "
        "cost on another stream"
    )


def test_a_period_is_within_the_streams_periods_taken_together() -> None:
    years = (fund(periods=(FY14, FY15, FY16)),)
    assert programme(cost("1", LATER), cost("1", FY15), streams=years)  # LATER is those years
    bucket = (fund(periods=(LATER,)),)
    assert programme(cost("1", FY15), streams=bucket)
    (problem,) = problems(cost("1", FURTHER), streams=years)
    assert "a cost in Further implementation draws on stream 'fund'" in problem
    open_ended = (fund(periods=(FY14, FURTHER)),)
    assert programme(cost("1", LATER), cost("1", FURTHER), streams=open_ended)
    (problem,) = problems(cost("1", UNTIL_12), streams=open_ended)
    assert "a cost in Up to 2012/13" in problem


def test_a_stream_that_lists_no_periods_may_be_drawn_in_any() -> None:
    assert programme(cost("1", FY12), cost("1", FURTHER), cost("1", UNTIL_12))


# -- unquantified streams and qualifiers -----------------------------------------------------


def test_an_unquantified_stream_bounds_nothing() -> None:
    in_kind = (fund(None, arrangement=PoolingArrangement.IN_KIND),)
    staff = cost("5000000", FY13, cost_type=CostType.IN_KIND)
    assert programme(staff, streams=in_kind)
    # Its periods still hold.
    (problem,) = problems(staff, streams=(fund(None, periods=(FY12,)),))
    assert "a cost in 2013/14 draws on stream 'fund'" in problem


@pytest.mark.parametrize("qualifier", [Qualifier.AT_LEAST, Qualifier.MORE_THAN])
def test_at_least_sets_no_upper_bound(qualifier: Qualifier) -> None:
    assert programme(cost("8000000", FY13), streams=(fund(qualifier=qualifier),))


@pytest.mark.parametrize(
    ("qualifier", "stated"),
    [
        (Qualifier.EXACT, "£1,000,000.00 in total"),
        (Qualifier.APPROXIMATELY, "approximately £1,000,000.00 in total"),
        (Qualifier.ESTIMATED, "estimated £1,000,000.00 in total"),
        (Qualifier.UP_TO, "up to £1,000,000.00 in total"),
    ],
)
def test_the_amount_is_the_limit_for_every_other_qualifier(
    qualifier: Qualifier, stated: str
) -> None:
    streams = (fund(qualifier=qualifier),)
    assert programme(cost("1000000", FY13), streams=streams)
    (problem,) = problems(cost("1000000.01", FY13), streams=streams)
    assert problem.startswith(
        "funding_streams['fund']: overdrawn: costs drawn over all its periods are "
        f"£1,000,000.01, more than the £1,000,000.00 available ({stated})"
    )


# -- reported with the other problems --------------------------------------------------------


def test_reported_together_with_the_other_problems() -> None:
    other = (fund(periods=(FY13,)), fund(key="grant", funder="nobody"))
    found = problems(cost("1", FY14), cost("2000000", FY13), streams=other)
    assert [p.split(":")[0] for p in found] == [
        "projects['P'].flows[0].stream",
        "funding_streams['grant'].funder",
        "funding_streams['fund']",
    ]


def test_a_stream_in_another_currency_is_one_problem_not_a_crash() -> None:
    euro = (attrs.evolve(fund(), amount=Money("1", "EUR")),)
    (problem,) = problems(cost("5", FY13), streams=euro)
    assert "is in EUR, but the programme's currency is GBP" in problem


def test_a_scenario_that_overdraws_is_refused() -> None:
    base = programme(cost("1000000", FY13))
    bigger = Project(key="Q", title="Q", domain="d", flows=(cost("1", FY14),))
    with pytest.raises(ProgrammeError, match=r"funding_streams\['fund'\]: overdrawn"):
        base.with_project(bigger)


def test_overdraft_values() -> None:
    (overdraft,) = fund().overdrawn({FY13: Money("3"), FY14: Money("999999")})
    assert overdraft == Overdraft(
        stream="fund",
        period=None,
        drawn=Money("1000002"),
        available=Money("1000000"),
        counted=(FY13, FY14),
        limit="£1,000,000.00 in total",
    )


# -- the Essex data set ----------------------------------------------------------------------


def test_essex_streams_hold() -> None:
    essex = essex_2012()
    drawn = [f for _, f in essex.cash_flows() if f.stream is not None]
    assert essex.funding_streams and drawn == []  # its costs name no stream: nothing to hold
