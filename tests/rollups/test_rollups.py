"""Rollups: grouping by any dimensions, exact totals, both engine paths equal."""

from __future__ import annotations

import pickle
import subprocess
import sys
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samples import FY12, FY13, FY14, PROGRAMME, benefit, cost
from strategies import (
    ROLLUP_DOMAINS,
    programmes,
    rollup_dimensions,
    rollup_pairs,
    rollup_partitions,
)
from wecb.core.money import Money
from wecb.core.periods import OpenPeriod
from wecb.errors import (
    FloatNotAllowedError,
    MoneyError,
    RollupError,
    UnknownKeyError,
    WecbTypeError,
)
from wecb.model.cashflows import CashFlow, CostType, Nature, ValueType
from wecb.model.domains import DomainKind
from wecb.model.programme import Programme
from wecb.model.projects import Project
from wecb.model.table_periods import FURTHER_IMPLEMENTATION, TO_MAR_2013
from wecb.rollups import (
    DIMENSIONS,
    UNATTRIBUTED,
    Lines,
    Rollup,
    Totals,
    rollup,
)
from wecb.rollups import _columnar as columnar_module
from wecb.rollups import engine as engine_module
from wecb.rollups.engine import COLUMNAR_THRESHOLD
from wecb.rollups.filters import AMBIGUOUS
from wecb.rollups.totals import exact_money, totals_from_sums


def totals(costs: str, benefits: str) -> Totals:
    return Totals(costs=Money(costs), benefits=Money(benefits))


def nets(r: Rollup) -> dict[object, Money]:
    return {key if len(key) != 1 else key[0]: t.net for key, t in r.groups.items()}


# --------------------------------------------------------------------------- examples


def test_rollup_by_domain_in_declaration_order() -> None:
    r = rollup(PROGRAMME, "domain")
    # Hand sums: health 100+50 / 80+120; safety 30 / 45.50+10; data 10 / 0.
    assert dict(r.groups) == {
        ("health",): totals("150", "200"),
        ("safety",): totals("30", "55.50"),
        ("data",): totals("10", "0"),
    }
    assert list(r.groups) == [("health",), ("safety",), ("data",)]
    assert r.total == totals("190", "255.50")
    assert r.net_benefit == Money("65.50")
    assert r.engine == "objects"


def test_rollup_by_period_orders_open_periods_by_their_end() -> None:
    r = rollup(PROGRAMME, "year")
    assert r.by == ("period",)
    assert list(nets(r).items()) == [
        (TO_MAR_2013, Money("-30")),
        (FY12, Money("-100")),
        (FY13, Money("20")),  # 80 - 50 - 10
        (FY14, Money("130")),  # 120 + 10
        (FURTHER_IMPLEMENTATION, Money("45.50")),
    ]


def test_partner_payer_and_beneficiary_dimensions() -> None:
    by_partner = rollup(PROGRAMME, "partner")
    assert dict(by_partner.groups) == {
        ("ecc",): totals("100", "0"),
        ("police",): totals("80", "45.50"),
        ("nhs",): totals("0", "200"),
        (UNATTRIBUTED,): totals("10", "10"),
    }
    assert list(by_partner.groups) == [("ecc",), ("police",), ("nhs",), (UNATTRIBUTED,)]
    payers = rollup(PROGRAMME, "payer")
    assert dict(payers.groups) == {
        ("ecc",): totals("100", "0"),
        ("police",): totals("80", "0"),
        (UNATTRIBUTED,): totals("10", "0"),
        (None,): totals("0", "255.50"),  # a benefit has no payer
    }
    beneficiaries = rollup(PROGRAMME, "beneficiary", where={"nature": "benefit"})
    assert nets(beneficiaries) == {
        "police": Money("45.50"),
        "nhs": Money("200"),
        UNATTRIBUTED: Money("10"),
    }


def test_kind_type_stream_and_cashable_dimensions() -> None:
    assert nets(rollup(PROGRAMME, "domain_kind")) == {
        DomainKind.THEMATIC: Money("75.50"),
        DomainKind.ENABLER: Money("-10"),
    }
    assert nets(rollup(PROGRAMME, "cost_type", where={"nature": Nature.COST})) == {
        CostType.CAPITAL: Money("-100"),
        CostType.REVENUE: Money("-80"),
        CostType.IN_KIND: Money("-10"),
    }
    assert nets(rollup(PROGRAMME, "value_type", where={"nature": "benefit"})) == {
        ValueType.FISCAL: Money("135.50"),
        ValueType.SOCIAL: Money("120"),
    }
    assert nets(rollup(PROGRAMME, "stream")) == {"pool": Money("-100"), None: Money("165.50")}
    cashable = rollup(PROGRAMME, ("cashable", "nature"))
    assert list(cashable.groups) == [
        (True, Nature.COST),
        (True, Nature.BENEFIT),
        (False, Nature.COST),
        (False, Nature.BENEFIT),
    ]
    assert cashable[(True, Nature.BENEFIT)] == totals("0", "135.50")


def test_subtotals_at_every_level_sum_to_the_total() -> None:
    r = rollup(PROGRAMME, ("domain", "period", "cashable"))
    assert r.subtotals(0) == {(): r.total}
    assert r.subtotals("domain") == rollup(PROGRAMME, "domain").groups
    assert r.subtotals(2) == rollup(PROGRAMME, ("domain", "period")).groups
    assert r.subtotals(3) == r.groups
    for level in range(4):
        assert sum(r.subtotals(level).values(), Totals.zero()) == r.total
    with pytest.raises(RollupError, match=r"level must be 0\.\.3"):
        r.subtotals(4)
    with pytest.raises(RollupError, match="not in by"):
        r.subtotals("partner")


def test_filter_regroup_and_add() -> None:
    r = rollup(PROGRAMME, ("domain", "period"))
    health = r.filter(domain="health")
    assert health.total == totals("150", "200")
    assert r.filter(domain=["health", "data"], period="2013/14").total == totals("60", "80")
    assert r.regroup("period") == rollup(PROGRAMME, "period")
    assert r.regroup(("period", "domain")) == rollup(PROGRAMME, ("period", "domain"))
    assert health + r.filter(domain=["safety", "data"]) == r
    assert sum([health, r.filter(domain="safety"), r.filter(domain="data")]) == r
    with pytest.raises(RollupError, match="cannot regroup by"):
        r.regroup("partner")
    with pytest.raises(RollupError, match="cannot filter on 'partner'"):
        r.filter(partner="ecc")
    with pytest.raises(RollupError, match="cannot add"):
        r + rollup(PROGRAMME, "domain")


def test_where_mapping_collection_and_predicate() -> None:
    # cashable needs nature (a cash outlay, a cash-releasing saving): both, literally.
    literal = {"period": ["2013/14", FY14], "cashable": True, "nature": ["cost", "benefit"]}
    by_mapping = rollup(PROGRAMME, "domain", where=literal)
    by_predicate = rollup(
        PROGRAMME, "domain", where=lambda line: line["period"] in (FY13, FY14) and line["cashable"]
    )
    assert by_mapping == by_predicate
    # Cashable lines in 2013/14 and 2014/15: triage 50 cost and 80 benefit; hubs 10 benefit.
    assert by_mapping.total == totals("50", "90")
    assert rollup(PROGRAMME, (), where={"period": "further_implementation"}).total == totals(
        "0", "45.50"
    )
    with pytest.raises(UnknownKeyError, match="unknown domain 'nowhere'"):
        rollup(PROGRAMME, "domain", where={"domain": "nowhere"})


def test_measures_cumulative_payback_ratios() -> None:
    by_period = rollup(PROGRAMME, ("domain", "period"))
    assert list(by_period.cumulative().values()) == [
        Money("-30"),
        Money("-130"),
        Money("-110"),
        Money("20"),
        Money("65.50"),
    ]
    assert by_period.payback_period() == FY14
    assert by_period.payback_year() == FY14
    ratio, roi = by_period.benefit_cost_ratio(), by_period.net_benefit_per_pound()
    assert ratio is not None and roi is not None
    # 255.50 / 190 and 65.50 / 190 do not terminate: Money's 60-digit division.
    assert abs(Fraction(ratio) - Fraction(511, 380)) < Fraction(1, 10**58)
    assert abs(Fraction(roi) - Fraction(131, 380)) < Fraction(1, 10**58)
    assert by_period.filter(domain="safety").benefit_cost_ratio() == Decimal("1.85")
    # Safety: -30 to Mar '13, -20 after 2014/15, +25.50 after the open-ended bucket.
    safety = by_period.filter(domain="safety")
    assert safety.payback_period() == FURTHER_IMPLEMENTATION
    with pytest.raises(RollupError, match="open period 'Further implementation'"):
        safety.payback_year()
    assert by_period.filter(domain="data").payback_period() is None
    assert by_period.filter(domain="data").net_benefit_per_pound() == Decimal(-1)
    no_costs = rollup(PROGRAMME, "period", where={"nature": "benefit"})
    assert no_costs.benefit_cost_ratio() is None and no_costs.net_benefit_per_pound() is None
    assert no_costs.payback_period() == FY13  # non-negative from the first period
    with pytest.raises(RollupError, match="need 'period' in by"):
        rollup(PROGRAMME, "domain").payback_period()


def test_rows_are_plain_values() -> None:
    r = rollup(PROGRAMME, ("period", "cashable", "nature"))
    rows = r.rows()
    assert rows[0] == {
        "period": "to_mar_2013",
        "cashable": True,
        "nature": "cost",
        "costs": Money("30.00"),
        "benefits": Money("0"),
        "net": Money("-30.00"),
    }
    for row in rows:
        assert all(isinstance(v, str | bool | Money) for v in row.values())
    with_totals = r.rows(totals=True)
    assert [row["row"] for row in with_totals].count("total") == 1
    assert with_totals[-1]["net"] == Money("65.50")
    subtotal = next(row for row in with_totals if row["row"] == "subtotal")
    assert subtotal["nature"] == "" and subtotal["period"] == "to_mar_2013"
    assert rollup(PROGRAMME, "stream").rows()[-1]["stream"] == ""


def test_table_text() -> None:
    expected = "\n".join(
        [
            "Rollup by domain (GBP, £)",
            "domain    costs  benefits      net",
            "------  -------  --------  -------",
            "health  £150.00   £200.00   £50.00",
            "safety   £30.00    £55.50   £25.50",
            "data     £10.00     £0.00  -£10.00",
            "------  -------  --------  -------",
            "total   £190.00   £255.50   £65.50",
        ]
    )
    r = rollup(PROGRAMME, "domain")
    assert str(r) == expected
    assert repr(r) == expected
    assert "total   £0.2k" in r.to_text(scale="thousands", places=1)
    assert "total   £0.19k" in r.to_text(scale="thousands", places=2)
    with pytest.raises(RollupError, match="scale: 'lakhs' is not accepted"):
        r.to_text(scale="lakhs")


def test_table_subtotal_rows_and_truncated_repr() -> None:
    r = rollup(PROGRAMME, ("domain", "period"))
    lines = str(r).splitlines()
    assert lines[0] == "Rollup by domain × period (GBP, £)"
    assert [line.split()[:2] for line in lines if "subtotal" in line] == [
        ["health", "subtotal"],
        ["safety", "subtotal"],
        ["data", "subtotal"],
    ]
    big = Rollup(
        by=("project",),
        groups={(f"p{i:03d}",): totals("1", "2") for i in range(100)},
    )
    assert "40 more group rows not shown" in repr(big)
    assert "p099" in str(big) and "p099" not in repr(big)


def test_html_is_escaped() -> None:
    odd = OpenPeriod(key="odd", label="<b>Later</b> & after")
    project = Project(key="p", title="P", domain="d")
    r = rollup([(project, cost("5", odd, "ecc"))], "period")
    html = r._repr_html_()
    assert "&lt;b&gt;Later&lt;/b&gt; &amp; after" in html
    assert "<b>Later</b>" not in html
    assert html.startswith("<table")


def test_both_engines_and_lines_agree_on_the_example() -> None:
    lines = Lines.from_programme(PROGRAMME)
    assert lines.exact
    for by in [(), ("domain",), ("partner", "period", "cashable"), ("payer", "beneficiary")]:
        objects = rollup(PROGRAMME, by, engine="objects")
        columnar = rollup(PROGRAMME, by, engine="columnar")
        reused = rollup(lines, by)
        assert (objects.engine, columnar.engine, reused.engine) == (
            "objects",
            "columnar",
            "columnar",
        )
        assert objects == columnar == reused
        assert list(objects.groups) == list(columnar.groups) == list(reused.groups)


def test_auto_engine_switches_at_the_threshold() -> None:
    project = Project(key="p", title="P", domain="d")
    pairs = [(project, cost("1.25", FY12, "ecc"))] * COLUMNAR_THRESHOLD
    assert rollup(pairs[:-1]).engine == "objects"
    big = rollup(pairs)
    assert big.engine == "columnar"
    assert big.total.costs == Money("1.25") * COLUMNAR_THRESHOLD


def test_sub_penny_amounts_fall_back_to_objects() -> None:
    project = Project(key="p", title="P", domain="d")
    pairs = [(project, cost("0.005", FY12, "ecc")), (project, benefit("1.001", FY12, "nhs"))]
    lines = Lines.from_flows(pairs)
    assert not lines.exact
    r = rollup(pairs, "partner", engine="columnar")
    assert r.engine == "objects"
    assert r.total == totals("0.005", "1.001")
    assert rollup(lines, "partner") == r


def test_sums_at_the_int64_bound_fall_back_exactly() -> None:
    project = Project(key="p", title="P", domain="d")
    half = Money.from_minor_units(2**62)
    pairs = [(project, benefit(str(half.amount), FY12, "nhs"))] * 2
    lines = Lines.from_flows(pairs)
    assert not lines.exact  # the sum reaches 2**63 pence: int64 could overflow
    r = rollup(lines, "partner")
    assert r.engine == "objects"
    assert r.total.benefits == Money.from_minor_units(2**63)
    below = Lines.from_flows(pairs[:1])
    assert below.exact and rollup(below).engine == "columnar"


def test_lines_from_columns_equal_lines_from_flows() -> None:
    pairs = list(PROGRAMME.cash_flows())
    flows = [flow for _, flow in pairs]
    lines = Lines.from_columns(
        minor_units=[f.amount.to_minor_units() for f in flows],
        nature=[f.nature.value for f in flows],
        period=[f.period for f in flows],
        cashable=[f.cashable for f in flows],
        project=[p.key for p, _ in pairs],
        domain=[p.domain for p, _ in pairs],
        partner=[f.partner for f in flows],
        stream=[f.stream for f in flows],
        cost_type=[f.cost_type for f in flows],
        value_type=[f.value_type for f in flows],
        domains=PROGRAMME.domains,
    )
    assert len(lines) == len(pairs)
    for by in [("domain", "domain_kind"), ("payer", "cost_type"), ("beneficiary", "value_type")]:
        assert rollup(lines, by) == rollup(PROGRAMME, by)


def test_lines_from_columns_refuses_bad_columns() -> None:
    import numpy as np  # noqa: PLC0415

    good = {"nature": ["cost"], "period": [FY12]}
    with pytest.raises(FloatNotAllowedError):
        Lines.from_columns(minor_units=np.array([1.5]), **good)
    with pytest.raises(RollupError, match="non-negative"):
        Lines.from_columns(minor_units=[-1], **good)
    with pytest.raises(RollupError, match="1 values for 2 lines"):
        Lines.from_columns(minor_units=[1, 2], **good)
    with pytest.raises(RollupError, match="value_type"):
        Lines.from_columns(minor_units=[1], value_type=["fiscal"], **good)
    with pytest.raises(RollupError, match="nature"):
        Lines.from_columns(minor_units=[1], nature=["saving"], period=[FY12])
    with pytest.raises(RollupError, match="required"):
        Lines.from_columns(minor_units=[1], nature=None, period=[FY12])
    with pytest.raises(WecbTypeError, match="nature: 1 is not accepted"):
        Lines.from_columns(minor_units=[1], nature=[1], period=[FY12])
    with pytest.raises(WecbTypeError, match="key: 7 is not accepted"):
        Lines.from_columns(minor_units=[1], domain=[7], **good)
    with pytest.raises(WecbTypeError, match="cashable"):
        Lines.from_columns(minor_units=[1], cashable=["yes"], **good)
    with pytest.raises(WecbTypeError, match="a Programme"):
        Lines.from_programme("essex")  # type: ignore[arg-type]


def test_errors() -> None:
    with pytest.raises(RollupError, match="valid dimensions: domain, domain_kind, project"):
        rollup(PROGRAMME, "colour")
    with pytest.raises(RollupError, match="more than once"):
        rollup(PROGRAMME, ("domain", "domain"))
    with pytest.raises(RollupError, match="engine: 'fast' is not accepted"):
        rollup(PROGRAMME, engine="fast")  # type: ignore[arg-type]
    # A value of the wrong type is a WecbTypeError; text that names nothing a RollupError.
    with pytest.raises(WecbTypeError, match="expected a FinancialYear"):
        rollup(PROGRAMME, where={"period": 2012})
    with pytest.raises(RollupError, match="where/filter on 'period'"):
        rollup(PROGRAMME, where={"period": "someday"})
    with pytest.raises(WecbTypeError, match="True or False"):
        rollup(PROGRAMME, where={"cashable": "yes"})
    with pytest.raises(RollupError, match="expected a Nature or one of 'cost', 'benefit'"):
        rollup(PROGRAMME, where={"nature": "saving"})
    with pytest.raises(WecbTypeError, match="where: 42 is not accepted"):
        rollup(PROGRAMME, where=42)  # type: ignore[arg-type]
    with pytest.raises(WecbTypeError, match="Project, CashFlow"):
        rollup([("p", "flow")])  # type: ignore[list-item]
    with pytest.raises(WecbTypeError, match="source: 'programme' is not accepted"):
        rollup("programme")  # type: ignore[arg-type]
    with pytest.raises(WecbTypeError, match="dimension: 3 is not accepted"):
        rollup(PROGRAMME, (3,))  # type: ignore[arg-type]
    project = Project(key="p", title="P", domain="d")
    euros = CashFlow(amount=Money("1", "EUR"), nature=Nature.COST, period=FY12)
    with pytest.raises(RollupError, match="one currency"):
        rollup([(project, cost("1", FY12, None)), (project, euros)])
    with pytest.raises(RollupError, match=r"kind .* of domain 'd' is not known"):
        rollup([(project, cost("1", FY12, None))], "domain_kind")
    with pytest.raises(RollupError, match="no group"):
        rollup(PROGRAMME, "domain")["nowhere"]


def test_domain_kind_of_pairs_from_domains() -> None:
    project = Project(key="p", title="P", domain="data")
    pairs = [(project, cost("1", FY12, None))]
    r = rollup(pairs, "domain_kind", domains=ROLLUP_DOMAINS)
    assert nets(r) == {DomainKind.ENABLER: Money("-1")}
    assert rollup(pairs, "domain_kind", domains=ROLLUP_DOMAINS, engine="columnar") == r


def test_rollup_pickles_and_compares_by_value() -> None:
    r = rollup(PROGRAMME, ("domain", "period"))
    again = pickle.loads(pickle.dumps(r))
    assert again == r and hash(again) == hash(r)
    assert list(again.groups) == list(r.groups)
    lines = Lines.from_programme(PROGRAMME)
    assert rollup(pickle.loads(pickle.dumps(lines)), "domain") == rollup(lines, "domain")
    with pytest.raises(AttributeError):
        r.by = ("x",)  # type: ignore[misc]


def test_import_does_not_load_numpy() -> None:
    code = "import sys, wecb, wecb.rollups, wecb.whopays; print('numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_essex_2012_rollup_matches_its_tables() -> None:
    datasets = pytest.importorskip("wecb.datasets", reason="the Essex data set is not built yet")
    essex_2012 = getattr(datasets, "essex_2012", None)
    if essex_2012 is None:
        pytest.skip("wecb.datasets.essex_2012 is not available yet")
    essex = essex_2012()
    by_project = rollup(essex, "project")
    for project in essex.projects:
        if project.table is None:
            continue
        assert by_project[project.key].net == project.table.net_benefit
        assert by_project[project.key].costs == project.table.total_costs
    assert by_project.total.net == sum(
        (p.table.net_benefit for p in essex.projects if p.table is not None), Money(0)
    )
    for by in [("domain", "period"), ("domain_kind", "cashable"), ("period", "nature")]:
        assert rollup(essex, by, engine="objects") == rollup(essex, by, engine="columnar")


# --------------------------------------------------------------------------- properties


def _by_engine(pairs: list[tuple[Project, CashFlow]], by: tuple[str, ...]) -> Rollup:
    return rollup(pairs, by, domains=ROLLUP_DOMAINS, engine="objects")


@given(rollup_pairs(), rollup_dimensions(), st.randoms(use_true_random=False))
def test_invariant_under_reordering(
    pairs: list[tuple[Project, CashFlow]], by: tuple[str, ...], random: object
) -> None:
    shuffled = list(pairs)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    first = _by_engine(pairs, by)
    second = _by_engine(shuffled, by)
    assert first == second
    assert list(first.groups) == list(second.groups)  # the order depends on values only


@given(st.data(), rollup_pairs(sub_penny=True), rollup_dimensions())
def test_invariant_under_repartition(
    data: st.DataObject, pairs: list[tuple[Project, CashFlow]], by: tuple[str, ...]
) -> None:
    parts = data.draw(rollup_partitions(pairs))
    whole = _by_engine(pairs, by)
    # Alternate the engines: parts from either path add up to the whole.
    summed = sum(
        (
            rollup(part, by, domains=ROLLUP_DOMAINS, engine="columnar" if i % 2 else "objects")
            for i, part in enumerate(parts)
        ),
        0,
    )
    assert summed == whole


@given(rollup_pairs(), rollup_dimensions(), st.data())
def test_regroup_equals_direct_rollup(
    pairs: list[tuple[Project, CashFlow]], by: tuple[str, ...], data: st.DataObject
) -> None:
    subset = tuple(data.draw(st.permutations(by)))[: data.draw(st.integers(0, len(by)))]
    assert _by_engine(pairs, by).regroup(subset) == _by_engine(pairs, subset)


@given(rollup_pairs(sub_penny=True), rollup_dimensions())
def test_subtotals_sum_to_the_total(
    pairs: list[tuple[Project, CashFlow]], by: tuple[str, ...]
) -> None:
    r = _by_engine(pairs, by)
    expected_net = sum((f.signed for _, f in pairs), Money(0))
    assert r.total.net == expected_net
    for level in range(len(by) + 1):
        subtotals = r.subtotals(level)
        assert sum(subtotals.values(), Totals.zero()) == r.total
    table_rows = r.rows(totals=True)
    assert table_rows[-1]["net"] == r.total.net


@given(rollup_pairs(sub_penny=True), rollup_dimensions())
def test_columnar_path_equals_object_path(
    pairs: list[tuple[Project, CashFlow]], by: tuple[str, ...]
) -> None:
    objects = rollup(pairs, by, domains=ROLLUP_DOMAINS, engine="objects")
    columnar = rollup(pairs, by, domains=ROLLUP_DOMAINS, engine="columnar")
    assert columnar == objects
    assert list(columnar.groups) == list(objects.groups)
    whole_pennies = all(f.amount.round("penny") == f.amount for _, f in pairs)
    assert columnar.engine == ("columnar" if whole_pennies else "objects")


@given(rollup_pairs(), rollup_dimensions(max_size=6))
def test_sparse_keys_equal_dense_keys(
    pairs: list[tuple[Project, CashFlow]], by: tuple[str, ...]
) -> None:
    # With no room for a dense table the columnar path sums over distinct keys instead.
    dense = rollup(pairs, by, domains=ROLLUP_DOMAINS, engine="columnar")
    with mock.patch.object(columnar_module, "_DENSE_SLOTS", 0):
        sparse = rollup(pairs, by, domains=ROLLUP_DOMAINS, engine="columnar")
    assert sparse == dense == rollup(pairs, by, domains=ROLLUP_DOMAINS, engine="objects")


def test_programme_lines_are_built_once() -> None:
    first = engine_module._programme_lines(PROGRAMME)
    again = engine_module._programme_lines(PROGRAMME)
    assert first is again
    assert rollup(PROGRAMME, "domain", engine="columnar") == rollup(PROGRAMME, "domain")


@given(rollup_pairs(), rollup_dimensions(), st.data())
def test_where_equals_filtering_the_groups(
    pairs: list[tuple[Project, CashFlow]], by: tuple[str, ...], data: st.DataObject
) -> None:
    if not by:
        return
    full = _by_engine(pairs, by)
    dim = data.draw(st.sampled_from(by))
    values = {key[by.index(dim)] for key in full.groups}
    if not values:
        return
    chosen = data.draw(st.lists(st.sampled_from(sorted(values, key=repr)), max_size=2))
    if dim == "value_type":  # a value-type filter names benefits' types and keeps the costs
        chosen = [v for v in chosen if v is not None]
    if not chosen:
        return
    expected = full.filter(**{dim: chosen})
    where: dict[str, object] = {dim: chosen}
    if dim in AMBIGUOUS:  # rows of a table are what they say; where= must name the nature
        with pytest.raises(RollupError, match="is ambiguous"):
            rollup(pairs, by, where, domains=ROLLUP_DOMAINS)
        where["nature"] = ["cost", "benefit"]  # the literal reading, as the rows are

    def predicate(line: Mapping[str, object]) -> bool:
        return line[dim] in chosen or (dim == "value_type" and line["nature"] is Nature.COST)

    for engine in ("objects", "columnar"):
        mapped = rollup(pairs, by, where, domains=ROLLUP_DOMAINS, engine=engine)
        assert mapped == expected
        assert rollup(pairs, by, predicate, domains=ROLLUP_DOMAINS, engine=engine) == expected


@given(programmes(), rollup_dimensions(max_size=3))
def test_generated_programmes_roll_up_exactly(programme: Programme, by: tuple[str, ...]) -> None:
    flows = [flow for _, flow in programme.cash_flows()]
    r = rollup(programme, by)
    assert r.total.costs == sum((f.amount for f in flows if f.is_cost), Money(0))
    assert r.total.net == sum((f.signed for f in flows), Money(0))
    assert rollup(Lines.from_programme(programme), by) == r
    assert rollup(programme, by, engine="columnar") == r


@given(rollup_pairs(max_size=10))
def test_lines_are_independent_of_line_order(pairs: list[tuple[Project, CashFlow]]) -> None:
    forward = Lines.from_flows(pairs, domains=ROLLUP_DOMAINS)
    backward = Lines.from_flows(pairs[::-1], domains=ROLLUP_DOMAINS)
    for name in ("project", "domain", "partner", "stream", "period"):
        assert forward.axis(name) == backward.axis(name)
    assert rollup(forward, DIMENSIONS[:6]) == rollup(backward, DIMENSIONS[:6])


def test_totals_validate() -> None:
    with pytest.raises(RollupError, match="not benefits - costs"):
        Totals(costs=Money(1), benefits=Money(2), net=Money(3))
    with pytest.raises(WecbTypeError, match="expected Money"):
        Totals(costs=1, benefits=Money(2))  # type: ignore[arg-type]
    with pytest.raises(RollupError, match="key"):
        Rollup(by=("domain",), groups={("a", "b"): totals("1", "1")})
    with pytest.raises(WecbTypeError, match="a mapping of key tuples"):
        Rollup(by=("domain",), groups=[("a", totals("1", "1"))])  # type: ignore[arg-type]
    with pytest.raises(WecbTypeError, match="expected Totals"):
        Rollup(by=("domain",), groups={("a",): Money(1)})  # type: ignore[dict-item]
    with pytest.raises(WecbTypeError, match="level"):
        rollup(PROGRAMME, "domain").subtotals(1.0)  # type: ignore[arg-type]
    assert Totals(costs=Money(1), benefits=Money(3)).net == Money(2)


def test_nets_of_more_than_28_significant_digits_are_exact() -> None:
    # Decimal's default context keeps 28 digits; a net must never be rounded to it.
    big = Money("1234567890123456789012345678901234.01")
    assert totals_from_sums(big.amount, Decimal(0), "GBP").net == -big
    project = Project(key="a", title="A", domain="health")
    pairs = [(project, cost(str(big.amount), FY12, None)), (project, benefit("0.01", FY12, None))]
    for engine in ("objects", "columnar"):  # the sums pass 2**63 pence: objects either way
        r = rollup(pairs, "period", engine=engine)
        assert r.total.net == r[FY12].net == Money("0.01") - big


@given(
    st.integers(-(10**60) + 1, 10**60 - 1),
    st.integers(-1100, 1000),
    st.sampled_from(["GBP", "EUR", "JPY"]),
)
def test_exact_money_is_the_money_the_constructor_builds(
    digits: int, exponent: int, currency: str
) -> None:
    amount = Decimal(f"{digits}E{exponent}")  # exact, at most 60 digits like an exact sum
    try:
        expected = Money(amount, currency)
    except MoneyError:
        with pytest.raises(MoneyError):
            exact_money(amount, currency)
        return
    made = exact_money(amount, currency)
    assert made == expected
    assert made.amount.as_tuple() == expected.amount.as_tuple()
    assert made.currency == expected.currency


@given(rollup_pairs(), rollup_dimensions())
def test_the_columnar_result_is_what_the_constructor_builds(
    pairs: list[tuple[Project, CashFlow]], by: tuple[str, ...]
) -> None:
    # The columnar path builds its Rollup without re-checking or re-sorting the groups.
    fast = rollup(pairs, by, domains=ROLLUP_DOMAINS, engine="columnar")
    checked = Rollup(
        by=fast.by, groups=dict(fast.groups), currency=fast.currency, catalogue=fast.catalogue
    )
    assert fast == checked
    assert list(fast.groups) == list(checked.groups)
    assert fast.total == checked.total
    for totals in (*fast.groups.values(), fast.total):
        assert totals == Totals(costs=totals.costs, benefits=totals.benefits)  # validated
        for money in (totals.costs, totals.benefits, totals.net):
            assert Money(money.amount, money.currency).amount.as_tuple() == money.amount.as_tuple()


def test_a_bad_currency_is_refused_even_with_no_groups() -> None:
    with pytest.raises(MoneyError):
        Rollup(by=(), groups={}, currency="gbp")
    with pytest.raises(MoneyError):
        totals_from_sums(Decimal(1), Decimal(2), "pounds")
