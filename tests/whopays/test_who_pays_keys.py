"""Who pays: every key checked, the fiscal case asked as a rollup, assumptions carried."""

from __future__ import annotations

import pickle
from fractions import Fraction

import pytest

from samples import PROGRAMME
from wecb.core.assumptions import ResultRows, assumption_notes, assumptions_of
from wecb.core.money import Money
from wecb.errors import AppraisalError, RollupError, UnknownKeyError
from wecb.rollups import UNATTRIBUTED, rollup
from wecb.whopays import CostsFirstThenProRata, FixedShares, share_benefits, who_pays
from wecb.whopays.matrix import ATTRIBUTION

HALVES: dict[str, Fraction | int] = {
    "ecc": Fraction(1, 2),
    "police": Fraction(1, 2),
    "nhs": 0,
    UNATTRIBUTED: 0,
}


def test_where_keys_and_ambiguity_are_checked() -> None:
    with pytest.raises(UnknownKeyError, match="unknown project 'triag'; valid: 'triage'"):
        who_pays(PROGRAMME, where={"project": "triag"})
    with pytest.raises(UnknownKeyError, match="unknown partner 'ecx'"):
        who_pays(PROGRAMME, where={"partner": "ecx"}, engine="columnar")
    with pytest.raises(RollupError, match="partner='ecc'"):
        who_pays(PROGRAMME, where={"payer": "ecc"})
    with pytest.raises(RollupError, match="unknown dimension 'colour'"):
        who_pays(PROGRAMME, where={"colour": "red"})


def test_the_fiscal_case_keeps_every_cost() -> None:
    view = who_pays(PROGRAMME, where={"value_type": "fiscal"})
    assert view.total == rollup(PROGRAMME, where={"value_type": "fiscal"}).total
    assert view.total.costs == Money("190")  # 0.1.0 kept none of the costs
    assert sum(view.net_positions().values(), Money(0)) == Money("-54.50")  # 135.50 - 190


def test_a_fixed_share_for_a_partner_that_does_not_exist_is_refused() -> None:
    view = who_pays(PROGRAMME)
    typo = {**HALVES, "polce": 0}
    with pytest.raises(UnknownKeyError, match="unknown partner 'polce'; valid: 'ecc'"):
        view.share(FixedShares(typo))
    # A partner the programme declares may have a share, though it has no lines here.
    health = who_pays(PROGRAMME, where={"domain": "health"})
    assert "nhs" in health.partners and UNATTRIBUTED not in health.partners
    declared = FixedShares({"ecc": Fraction(1, 2), "police": Fraction(1, 2), "nhs": 0})
    assert health.share(declared)["police"].allocated == Money("100")
    safety = who_pays(PROGRAMME, where={"domain": "safety"})
    assert "ecc" not in safety.partners
    outcome = safety.share(FixedShares({"ecc": 1, "police": 0, UNATTRIBUTED: 0}))
    assert outcome["ecc"].allocated == safety.total.benefits
    with pytest.raises(AppraisalError, match=r"partners: '\(unattributed\)', 'ecc', 'police'"):
        outcome["fire"]


def test_views_and_outcomes_state_their_assumptions() -> None:
    view = who_pays(PROGRAMME, where={"value_type": "fiscal"}, basis="period")
    names = [(a.name, a.value) for a in view.assumptions()]
    assert names == [
        ("attribution", ATTRIBUTION["period"]),
        ("filter", "where value type = fiscal (benefits; all costs kept)"),
    ]
    table = view.table()
    assert table.notes[-3:] == assumption_notes(view.assumptions())
    assert table.title is not None
    assert table.title.endswith(", where value type = fiscal (benefits; all costs kept)")
    rows = view.rows()
    assert isinstance(rows, ResultRows) and rows.assumptions == view.assumptions()
    assert assumptions_of(view) == view.assumptions()
    outcome = view.share(CostsFirstThenProRata())
    assert outcome.assumptions()[:2] == view.assumptions()
    assert str(outcome.assumptions()[-1]) == (
        "sharing agreement: costs first, then pro rata to investment"
    )
    assert outcome.rows().assumptions == outcome.assumptions()
    assert outcome.table().notes == assumption_notes(outcome.assumptions())
    assert outcome == share_benefits(  # equality compares the positions only
        dict(view.costs_borne), dict(view.benefits_received), CostsFirstThenProRata()
    )
    again = pickle.loads(pickle.dumps(view))
    assert again == view and again.assumptions() == view.assumptions()
    assert again.known_partners == view.known_partners == ("ecc", "police", "nhs")
    plain = who_pays(PROGRAMME)
    assert [a.name for a in plain.assumptions()] == ["attribution"]
    assert plain == who_pays(PROGRAMME, where={})
