"""Who pays and who benefits: attribution exact to the penny, totals preserved."""

from __future__ import annotations

import pickle
from fractions import Fraction

import pytest
from hypothesis import given

from samples import FY12, FY13, FY14, PROGRAMME, benefit, cost
from strategies import ROLLUP_DOMAINS, programmes, rollup_pairs
from wecb.core.money import Money
from wecb.errors import AppraisalError, RollupError
from wecb.model.cashflows import CashFlow
from wecb.model.programme import Programme
from wecb.model.projects import Project
from wecb.model.table_periods import FURTHER_IMPLEMENTATION
from wecb.rollups import UNATTRIBUTED, Lines, rollup
from wecb.whopays import (
    NO_INVESTMENT,
    CostsFirstThenProRata,
    FixedShares,
    WhoPaysWhoBenefits,
    who_pays,
)


def matrix(view: WhoPaysWhoBenefits) -> dict[str, dict[str, Money]]:
    return {inv: dict(row) for inv, row in view.matrix.items()}


# --------------------------------------------------------------------------- examples


def test_benefits_attributed_by_whole_project_cost_shares() -> None:
    view = who_pays(PROGRAMME)
    # triage: ecc 100 and police 50 invest (2:1); nhs receives 80 in 2013/14 and 120 in
    # 2014/15. 80 * 2/3 = 53.333.. -> 53.33 and 26.67 (the larger remainder takes the
    # penny); 120 -> 80 and 40. hubs: police alone invests 30; police receives 45.50,
    # nobody named receives 10.
    assert matrix(view) == {
        "ecc": {"nhs": Money("133.33")},
        "police": {"police": Money("45.50"), "nhs": Money("66.67"), UNATTRIBUTED: Money("10")},
    }
    assert dict(view.by_period[FY13]) == {
        "ecc": {"nhs": Money("53.33")},
        "police": {"nhs": Money("26.67")},
    }
    assert dict(view.by_period[FY14]["police"]) == {"nhs": Money("40"), UNATTRIBUTED: Money("10")}
    assert dict(view.by_period[FURTHER_IMPLEMENTATION]) == {"police": {"police": Money("45.50")}}
    assert list(view.by_period) == [FY13, FY14, FURTHER_IMPLEMENTATION]
    assert view.attributed() == {"ecc": Money("133.33"), "police": Money("122.17")}


def test_net_positions_and_totals() -> None:
    view = who_pays(PROGRAMME)
    assert view.net_positions() == {
        "ecc": Money("-100"),
        "police": Money("-34.50"),  # 45.50 received - (50 + 30) borne
        "nhs": Money("200"),
        UNATTRIBUTED: Money("0"),  # 10 received - 10 borne (the in-kind data cost)
    }
    assert list(view.net_positions()) == ["ecc", "police", "nhs", UNATTRIBUTED]
    assert sum(view.net_positions().values(), Money(0)) == rollup(PROGRAMME).total.net
    assert view.total == rollup(PROGRAMME).total
    by_period = view.net_positions_by_period()
    # 2013/14: the police bear 50 (triage), nobody named bears 10 (data), nhs receives 80.
    assert by_period[FY13] == {
        "police": Money("-50"),
        "nhs": Money("80"),
        UNATTRIBUTED: Money("-10"),
    }
    for period, positions in by_period.items():
        expected = rollup(PROGRAMME, "period").groups[(period,)].net
        assert sum(positions.values(), Money(0)) == expected


def test_period_basis_uses_the_benefits_own_period_where_it_has_costs() -> None:
    view = who_pays(PROGRAMME, basis="period")
    # 2013/14: the only triage cost that year is the police's 50, so the 80 is theirs;
    # 2014/15 has no triage costs: the whole project's 2:1 shares give 80 and 40.
    assert dict(view.by_period[FY13]) == {"police": {"nhs": Money("80")}}
    assert dict(view.by_period[FY14]["ecc"]) == {"nhs": Money("80")}
    assert view.net_positions() == who_pays(PROGRAMME).net_positions()
    with pytest.raises(RollupError, match="basis: 'year' is not accepted"):
        who_pays(PROGRAMME, basis="year")  # type: ignore[arg-type]


def test_project_without_costs_and_odd_pennies() -> None:
    gift = Project(key="gift", title="Gift", domain="d")
    split = Project(key="split", title="Split", domain="d")
    pairs = [
        (gift, benefit("5", FY12, "nhs")),
        (split, cost("1", FY12, "c")),
        (split, cost("1", FY12, "a")),
        (split, cost("1", FY12, "b")),
        (split, benefit("100", FY13, "nhs")),
        (split, benefit("0.005", FY13, "police")),
    ]
    view = who_pays(pairs)
    # 100 over three equal investors: 33.34 to the first in key order, 33.33 each after;
    # half a penny is split in its own unit: 0.002, 0.002 (first two), 0.001.
    assert matrix(view) == {
        "a": {"nhs": Money("33.34"), "police": Money("0.002")},
        "b": {"nhs": Money("33.33"), "police": Money("0.002")},
        "c": {"nhs": Money("33.33"), "police": Money("0.001")},
        NO_INVESTMENT: {"nhs": Money("5")},
    }
    assert view.benefits_received["nhs"] == Money("105")
    assert NO_INVESTMENT not in view.net_positions()


def test_lines_and_engines_give_the_same_view() -> None:
    expected = who_pays(PROGRAMME)
    assert who_pays(Lines.from_programme(PROGRAMME)) == expected
    assert who_pays(PROGRAMME, engine="columnar") == expected
    assert (
        who_pays(PROGRAMME, where={"domain": "health"}).total
        == rollup(PROGRAMME, where={"domain": "health"}).total
    )


def test_sharing_agreements_apply_to_net_positions() -> None:
    view = who_pays(PROGRAMME)
    outcome = view.share(CostsFirstThenProRata())
    assert outcome.net_benefit == view.total.net
    assert sum((p.allocated for p in outcome.positions), Money(0)) == view.total.benefits
    # Investors recover costs first (100, 80, 10), the rest (65.50) goes 100:80:10.
    assert outcome["ecc"].allocated - outcome["ecc"].invested == Money("34.47")
    fixed = FixedShares(
        {"ecc": Fraction(1, 2), "police": Fraction(1, 2), "nhs": 0, UNATTRIBUTED: 0}
    )
    halves = view.share(fixed)
    assert halves["ecc"].allocated == halves["police"].allocated == Money("127.75")
    with pytest.raises(AppraisalError, match="no share for"):
        view.share(FixedShares({"ecc": 1}))


def test_rows_text_html_and_pickle() -> None:
    view = who_pays(PROGRAMME)
    rows = view.rows()
    assert rows[0] == {
        "period": "2013/14",
        "investor": "ecc",
        "beneficiary": "nhs",
        "amount": Money("53.33"),
    }
    assert sum((row["amount"] for row in rows), Money(0)) == Money("255.50")  # type: ignore[misc]
    text = str(view)
    assert (
        text.splitlines()[0]
        == "Who pays and who benefits (GBP; by cost share within each project)"
    )
    assert "received" in text and "Net positions" in text
    matrix_table, positions_table = view.tables()
    assert view.table() == matrix_table
    assert matrix_table.records()[0] == {
        "investor \\ beneficiary": "ecc",
        "police": Money(0),
        "nhs": Money("133.33"),
        UNATTRIBUTED: Money(0),
        "(attributed)": Money("133.33"),
    }
    assert positions_table.title == "Net positions (benefits received - costs borne)"
    assert "(unattributed)" in view._repr_html_()
    assert view._repr_html_().count("<table") == 2
    assert pickle.loads(pickle.dumps(view)) == view


def test_essex_2012_net_positions() -> None:
    datasets = pytest.importorskip("wecb.datasets", reason="the Essex data set is not built yet")
    essex_2012 = getattr(datasets, "essex_2012", None)
    if essex_2012 is None:
        pytest.skip("wecb.datasets.essex_2012 is not available yet")
    essex = essex_2012()
    view = who_pays(essex)
    assert sum(view.net_positions().values(), Money(0)) == rollup(essex).total.net
    assert sum(view.attributed().values(), Money(0)) == rollup(essex).total.benefits


# --------------------------------------------------------------------------- properties


def _check_preserved(view: WhoPaysWhoBenefits) -> None:
    zero = Money(0)
    total = view.total
    assert sum(view.net_positions().values(), zero) == total.net
    assert sum(view.attributed().values(), zero) == total.benefits
    for beneficiary, received in view.benefits_received.items():
        column = sum((row.get(beneficiary, zero) for row in view.matrix.values()), zero)
        assert column == received
    # The periods add up to the matrix, cell by cell.
    summed: dict[tuple[str, str], Money] = {}
    for period_matrix in view.by_period.values():
        for investor, row in period_matrix.items():
            for beneficiary, amount in row.items():
                key = (investor, beneficiary)
                summed[key] = summed.get(key, zero) + amount
    assert summed == {(i, b): m for i, row in view.matrix.items() for b, m in row.items()}


@given(rollup_pairs(sub_penny=True))
def test_matrix_and_positions_preserve_every_total(pairs: list[tuple[Project, CashFlow]]) -> None:
    for basis in ("project", "period"):
        view = who_pays(pairs, basis=basis, domains=ROLLUP_DOMAINS)  # type: ignore[arg-type]
        _check_preserved(view)
        assert view.total == rollup(pairs).total


@given(programmes())
def test_generated_programmes(programme: Programme) -> None:
    view = who_pays(programme)
    _check_preserved(view)
    if not view.total.costs.is_zero():  # costs-first needs someone to have invested
        outcome = view.share(CostsFirstThenProRata())
        assert outcome.net_benefit == view.total.net
        allocated = sum((p.allocated for p in outcome.positions), Money(0))
        assert allocated == view.total.benefits
