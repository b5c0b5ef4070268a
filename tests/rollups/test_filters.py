"""Filters mean what an analyst means: value type keeps the costs, ambiguous filters and
unknown keys are refused, and every rollup says which filter it applied."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given

from samples import FY12, FY13, PROGRAMME, benefit, cost
from strategies import ROLLUP_DOMAINS, programmes, rollup_pairs
from wecb.appraisal import ZERO_RATE, Appraisal, Horizon, Phasing, appraise
from wecb.core.assumptions import Assumption, ResultRows, assumption_notes, assumptions_of
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.errors import RollupError, UnknownKeyError, WecbTypeError
from wecb.model.cashflows import CashFlow, Nature, ValueType
from wecb.model.programme import Programme
from wecb.model.projects import Project
from wecb.rollups import UNATTRIBUTED, Lines, Rollup, Totals, rollup
from wecb.rollups.engine import Engine
from wecb.rollups.filters import PREDICATE
from wecb.whopays import who_pays

ENGINES: tuple[Engine, ...] = ("objects", "columnar")
FISCAL_TITLE = "where value type = fiscal (benefits; all costs kept)"


def totals(costs: str, benefits: str) -> Totals:
    return Totals(costs=Money(costs), benefits=Money(benefits))


def fiscal_case(flows: list[CashFlow], value_type: ValueType = ValueType.FISCAL) -> Totals:
    """Every cost against the benefits of ``value_type`` (the fiscal ones by default),
    summed by hand."""
    costs = sum((f.amount for f in flows if f.is_cost), Money(0))
    chosen = [f for f in flows if not f.is_cost and f.value_type is value_type]
    return Totals(costs=costs, benefits=sum((f.amount for f in chosen), Money(0)))


# --------------------------------------------------------------------------- value type


def test_essex_fiscal_net_keeps_every_cost() -> None:
    datasets = pytest.importorskip("wecb.datasets")
    essex = datasets.essex_2012()
    flows = [flow for _, flow in essex.cash_flows()]
    expected = fiscal_case(flows)
    assert not expected.costs.is_zero()  # 0.1.0 dropped every cost: "fiscal net" was gross
    for engine in ENGINES:
        r = rollup(essex, where={"value_type": "fiscal"}, engine=engine)
        assert r.total == expected
        assert r.total.net == expected.benefits - expected.costs
        assert rollup(essex, "domain", {"value_type": ValueType.FISCAL}, engine=engine) == (
            rollup(essex, "domain", {"value_type": "fiscal"})
        )
    assert rollup(Lines.from_programme(essex), where={"value_type": "fiscal"}).total == expected
    # The same figure asked by grouping first and picking the fiscal rows.
    picked = rollup(essex, "value_type").filter(value_type="fiscal")
    assert picked.total == expected
    assert who_pays(essex, where={"value_type": "fiscal"}).total == expected


def test_value_type_filter_on_the_small_programme() -> None:
    # Costs 190 (all kept); fiscal benefits 80 + 45.50 + 10; the social 120 is left out.
    for engine in ENGINES:
        r = rollup(PROGRAMME, "domain", where={"value_type": "fiscal"}, engine=engine)
        assert r.total == totals("190", "135.50")
        assert r["data"] == totals("10", "0")  # a domain with costs only keeps its costs
        social = rollup(PROGRAMME, where={"value_type": ["social"]}, engine=engine)
        assert social.total == totals("190", "120")
        # With nature='benefit' the costs go: the fiscal benefits alone.
        alone = rollup(PROGRAMME, where={"value_type": "fiscal", "nature": "benefit"})
        assert alone.total == totals("0", "135.50")


def test_value_type_none_is_refused() -> None:
    for where in ({"value_type": None}, {"value_type": ["fiscal", None]}):
        with pytest.raises(RollupError, match="ask nature='cost'"):
            rollup(PROGRAMME, where=where)
    with pytest.raises(RollupError, match="ask nature='cost'"):
        rollup(PROGRAMME, "value_type").filter(value_type=None)
    # The costs are asked for by nature.
    assert rollup(PROGRAMME, where={"nature": "cost"}).total == totals("190", "0")


def test_a_predicate_sees_every_line_as_it_is() -> None:
    # A predicate is called as given: on value_type alone it drops the costs.
    r = rollup(PROGRAMME, where=lambda line: line["value_type"] is ValueType.FISCAL)
    assert r.total == totals("0", "135.50")
    assert r.assumptions() == (Assumption(name="filter", value=PREDICATE),)
    assert r.table().title == f"Rollup, {PREDICATE} (GBP, £)"


# --------------------------------------------------------------------------- ambiguity


@pytest.mark.parametrize(
    ("where", "readings"),
    [
        ({"payer": "ecc"}, ["partner='ecc'", "nature='cost'"]),
        ({"beneficiary": "nhs"}, ["partner='nhs'", "nature='benefit'"]),
        ({"payer": None}, ["nature='benefit'", "payer='(unattributed)'"]),
        ({"stream": "pool"}, ["nature='cost'", "line['stream'] == 'pool'"]),
        ({"cost_type": "capital"}, ["nature='cost'", "line['cost_type'] == CostType.CAPITAL"]),
        (
            {"cashable": True},
            ["nature='benefit'", "nature='cost'", "nature=['cost', 'benefit']"],
        ),
    ],
)
def test_a_dimension_of_one_nature_needs_the_nature(
    where: dict[str, object], readings: list[str]
) -> None:
    for engine in ENGINES:
        with pytest.raises(RollupError, match="is ambiguous") as caught:
            rollup(PROGRAMME, where=where, engine=engine)
        for reading in readings:
            assert reading in str(caught.value)
    with pytest.raises(RollupError, match="is ambiguous"):
        who_pays(PROGRAMME, where=where)


def test_each_reading_the_refusal_offers_gives_its_figure() -> None:
    # payer='ecc': ECC pays 100 (triage capital) and receives nothing.
    assert rollup(PROGRAMME, where={"payer": "ecc", "nature": "cost"}).total == totals("100", "0")
    assert rollup(PROGRAMME, where={"partner": "police"}).total == totals("80", "45.50")
    assert rollup(PROGRAMME, where={"beneficiary": "nhs", "nature": "benefit"}).total == (
        totals("0", "200")
    )
    # cashable: cash outlays 180 (the in-kind 10 is not), cash-releasing savings 135.50.
    cash = {"cashable": True}
    assert rollup(PROGRAMME, where={**cash, "nature": "cost"}).total == totals("180", "0")
    assert rollup(PROGRAMME, where={**cash, "nature": "benefit"}).total == totals("0", "135.50")
    both = rollup(PROGRAMME, where={**cash, "nature": ["cost", "benefit"]})
    assert both.total == totals("180", "135.50")
    # stream: the costs drawn on the pool, and (by predicate) those costs and every benefit.
    assert rollup(PROGRAMME, where={"stream": "pool", "nature": "cost"}).total == (
        totals("100", "0")
    )
    with_benefits = rollup(
        PROGRAMME,
        where=lambda line: line["nature"] is Nature.BENEFIT or line["stream"] == "pool",
    )
    assert with_benefits.total == totals("100", "255.50")


def test_rows_of_a_grouped_rollup_are_not_ambiguous() -> None:
    # A row shows its costs and benefits: filter() keeps the row as it is.
    by_cashable = rollup(PROGRAMME, ("domain", "cashable"))
    cashable = by_cashable.filter(cashable=True)
    assert cashable.total == totals("180", "135.50")
    assert cashable.table().title == "Rollup by domain × cashable, rows with cashable (GBP, £)"
    by_payer = rollup(PROGRAMME, "payer")
    assert by_payer.filter(payer="ecc").total == totals("100", "0")
    assert by_payer.filter(payer=None).total == totals("0", "255.50")


# --------------------------------------------------------------------------- keys


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ({"domain": "helth"}, "unknown domain 'helth'; valid: 'health', 'safety', 'data'"),
        ({"project": "triag"}, "unknown project 'triag'; valid: 'triage', 'hubs', 'sharing'"),
        ({"partner": "ecx"}, "unknown partner 'ecx'; valid: 'ecc', 'police', 'nhs', or"),
        ({"payer": "ecx", "nature": "cost"}, "on 'payer': unknown partner 'ecx'"),
        ({"beneficiary": ["nhs", "nhx"], "nature": "benefit"}, "unknown partner 'nhx'"),
        ({"stream": "poll", "nature": "cost"}, "unknown funding stream 'poll'; valid: 'pool'"),
        ({"domain": ["x", "y"]}, "unknown domains 'x', 'y'"),
    ],
)
def test_unknown_keys_are_refused_with_the_valid_ones(
    where: dict[str, object], message: str
) -> None:
    for source in (PROGRAMME, Lines.from_programme(PROGRAMME)):
        for engine in ENGINES:
            with pytest.raises(UnknownKeyError, match="where/filter on") as caught:
                rollup(source, where=where, engine=engine)
            assert message in str(caught.value)
            assert isinstance(caught.value, KeyError)
    with pytest.raises(UnknownKeyError):
        who_pays(PROGRAMME, where=where)


def test_the_unattributed_and_none_are_always_accepted() -> None:
    assert rollup(PROGRAMME, where={"partner": UNATTRIBUTED}).total == totals("10", "10")
    assert rollup(PROGRAMME, where={"stream": None, "nature": "cost"}).total == totals("90", "0")
    # A declared key with no lines is a valid key: its rollup is empty, not refused.
    assert len(rollup(PROGRAMME, where={"partner": "nhs", "nature": "cost"})) == 0


def test_keys_of_pairs_are_those_in_the_lines_and_the_domains() -> None:
    a = Project(key="a", title="A", domain="health")
    pairs = [
        (a, cost("5", FY12, "ecc", stream="grant")),
        (a, benefit("7", FY13, "nhs")),
    ]
    for engine in ENGINES:
        assert rollup(pairs, where={"partner": "nhs"}, engine=engine).total == totals("0", "7")
        assert rollup(pairs, where={"stream": "grant", "nature": "cost"}, engine=engine).total
        with pytest.raises(UnknownKeyError, match="unknown partner 'police'; valid: 'ecc', 'nhs'"):
            rollup(pairs, where={"partner": "police"}, engine=engine)
        # A domain the caller declares is valid though no line is in it.
        empty = rollup(pairs, where={"domain": "data"}, domains=ROLLUP_DOMAINS, engine=engine)
        assert len(empty) == 0
        with pytest.raises(UnknownKeyError, match="unknown domain 'data'; valid: 'health'"):
            rollup(pairs, where={"domain": "data"}, engine=engine)
    lines = Lines.from_flows(pairs)
    with pytest.raises(UnknownKeyError, match="unknown project 'b'; valid: 'a'"):
        rollup(lines, where={"project": "b"})
    # A bad pair is reported as such, before any key is looked for in the pairs.
    with pytest.raises(WecbTypeError, match="line 1"):
        rollup([pairs[0], ("a", "flow")], where={"partner": "police"})  # type: ignore[list-item]


def test_filter_on_rows_checks_keys_and_dimensions() -> None:
    r = rollup(PROGRAMME, ("domain", "partner"))
    with pytest.raises(UnknownKeyError, match="unknown domain 'helth'"):
        r.filter(domain="helth")
    with pytest.raises(UnknownKeyError, match="unknown partner 'ecx'"):
        r.filter(partner="ecx")
    assert r.filter(partner=UNATTRIBUTED).total == totals("10", "10")
    with pytest.raises(RollupError, match="cannot filter on 'project'"):
        r.filter(project="triage")
    # Pairs: the keys of the rows and of the domains given are valid.
    a = Project(key="a", title="A", domain="health")
    by_domain = rollup([(a, cost("5", FY12, None))], "domain", domains=ROLLUP_DOMAINS)
    assert len(by_domain.filter(domain="data")) == 0
    with pytest.raises(UnknownKeyError, match="valid: 'safety', 'health', 'data'"):
        by_domain.filter(domain="nowhere")


def test_by_names_are_checked() -> None:
    with pytest.raises(RollupError, match="unknown dimension 'colour'; valid dimensions"):
        rollup(PROGRAMME, ("domain", "colour"))
    with pytest.raises(RollupError, match="unknown dimension 'colour'; valid dimensions"):
        rollup(PROGRAMME, where={"colour": "red"})


# --------------------------------------------------------------------------- assumptions


def test_the_title_and_assumptions_state_the_filter() -> None:
    r = rollup(PROGRAMME, "domain", where={"value_type": "fiscal", "period": ["2013/14", FY12]})
    described = "period = 2012/13 or 2013/14 and value type = fiscal (benefits; all costs kept)"
    assert r.assumptions() == (Assumption(name="filter", value=f"where {described}"),)
    table = r.table()
    assert table.title == f"Rollup by domain, where {described} (GBP, £)"
    assert table.notes[-2:] == assumption_notes(r.assumptions())
    assert str(r).splitlines()[-1] == f"  - filter: where {described}"
    rows = r.rows()
    assert isinstance(rows, ResultRows) and rows.assumptions == r.assumptions()
    assert assumptions_of(r) == r.assumptions() == assumptions_of(r.rows(totals=True))
    # A filter on rows adds its own; regrouping keeps them.
    health = r.filter(domain="health")
    assert [a.value for a in health.assumptions()] == [
        f"where {described}",
        "rows with domain = health",
    ]
    assert health.regroup(()).assumptions() == health.assumptions()
    # No filter, no assumption: the title and rows are as before.
    plain = rollup(PROGRAMME, "domain")
    assert plain.assumptions() == () and plain.table().title == "Rollup by domain (GBP, £)"
    assert plain.rows().assumptions == () and plain.table().notes == ()
    assert rollup(PROGRAMME, "domain", where={}).assumptions() == ()


def test_filters_do_not_change_equality_and_survive_pickling() -> None:
    r = rollup(PROGRAMME, "domain", where={"domain": ["health", "safety"]})
    same_groups = rollup(PROGRAMME, "domain").filter(domain=["health", "safety"])
    assert r == same_groups and hash(r) == hash(same_groups)
    again = pickle.loads(pickle.dumps(r))
    assert again == r and again.assumptions() == r.assumptions()
    assert again.table().title == r.table().title
    for engine in ENGINES:
        assert rollup(PROGRAMME, "domain", {"value_type": "fiscal"}, engine=engine).assumptions()


def test_a_sum_of_differently_filtered_rollups_says_so() -> None:
    health = rollup(PROGRAMME, "domain", where={"domain": "health"})
    rest = rollup(PROGRAMME, "domain", where={"domain": ["safety", "data"]})
    both = health + rest
    assert both == rollup(PROGRAMME, "domain")
    assert [a.value for a in both.assumptions()] == [
        "the sum of (where domain = health) and (where domain = safety or data)"
    ]
    assert (health + health).assumptions() == health.assumptions()
    with pytest.raises(WecbTypeError, match=r"Rollup\.filters"):
        Rollup(by=(), groups={}, filters=("where x",))


# --------------------------------------------------------------------------- properties


@given(programmes())
def test_the_fiscal_case_is_the_same_whichever_way_it_is_asked(programme: Programme) -> None:
    flows = [flow for _, flow in programme.cash_flows()]
    expected = fiscal_case(flows)
    where = {"value_type": "fiscal"}
    assert rollup(programme, where=where).total == expected
    assert rollup(programme, where=where, engine="columnar").total == expected
    assert rollup(programme, "value_type").filter(value_type="fiscal").total == expected
    assert who_pays(programme, where=where).total == expected
    positions = who_pays(programme, where=where).net_positions().values()
    assert sum(positions, Money(0)) == expected.net
    # The appraisal's fiscal case, undiscounted and unadjusted, is the same figure; with
    # unclassified benefits mapped to fiscal it gains exactly those.
    appraisal = undiscounted(programme)
    assert appraisal.financial_case.net.undiscounted.unadjusted == expected.net
    assert appraisal.financial_case.costs.undiscounted.unadjusted == expected.costs
    mapped = undiscounted(programme, treat_unclassified="fiscal")
    unclassified = fiscal_case_of(
        [(p, f) for p, f in programme.cash_flows()], ValueType.UNCLASSIFIED
    ).benefits
    assert mapped.financial_case.net.undiscounted.unadjusted == expected.net + unclassified
    # Cashable benefits are fiscal ones.
    cashable = rollup(programme, where={"cashable": True, "nature": "benefit"}).total
    both = rollup(programme, where={"cashable": True, "nature": "benefit", **where}).total
    assert cashable == both


@given(rollup_pairs())
def test_engines_agree_on_value_type_filters(pairs: list[tuple[Project, CashFlow]]) -> None:
    for value_type in ValueType:
        where = {"value_type": value_type}
        objects = rollup(pairs, "domain", where, domains=ROLLUP_DOMAINS, engine="objects")
        columnar = rollup(pairs, "domain", where, domains=ROLLUP_DOMAINS, engine="columnar")
        assert objects == columnar and objects.table().title == columnar.table().title
        assert objects.total == fiscal_case_of(pairs, value_type)


def fiscal_case_of(pairs: list[tuple[Project, CashFlow]], value_type: ValueType) -> Totals:
    """Every cost against the benefits of ``value_type``, summed by hand."""
    return fiscal_case([f for _, f in pairs], value_type)


def undiscounted(programme: Programme, treat_unclassified: str | None = None) -> Appraisal:
    """``programme`` appraised at a zero rate, every open period in one year."""
    return appraise(
        programme,
        base_year=FinancialYear(2000),
        price_base=FinancialYear(2000),
        phasing=phase_every_open_period(programme),
        schedule=ZERO_RATE,
        horizon=Horizon(FinancialYear(2000), FinancialYear(2100)),
        treat_unclassified=treat_unclassified,
    )


def phase_every_open_period(programme: Programme) -> Phasing:
    """Each open period of ``programme`` put in one year it may hold."""
    weights = {}
    for period in programme.periods:
        if period.until is not None:
            year = period.until
        elif period.after is not None:
            year = period.after + 1
        else:
            year = FinancialYear(2013)
        weights[period.key] = {year: 1}
    return Phasing(weights, note="one year each, for the property")
