"""Reconciliation: checks, reports, the table claims and the Essex claim set."""

from __future__ import annotations

import importlib.util

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from seed_documents import document_text
from strategies import cost_benefit_tables, money, programmes
from wecb.core.assumptions import ResultRows, assumption_notes
from wecb.core.money import Money
from wecb.errors import ReconciliationError, WecbTypeError
from wecb.model.domains import Domain, DomainKind
from wecb.model.programme import Programme
from wecb.model.projects import Project
from wecb.model.table_periods import TABLE_OPEN_PERIODS
from wecb.model.tables import CostBenefitTable
from wecb.reconciliation import Check, Claim, Reconciliation, reconcile, table_claims

HAS_ESSEX = importlib.util.find_spec("wecb.datasets") is not None
needs_essex = pytest.mark.skipif(not HAS_ESSEX, reason="wecb.datasets.essex_2012 not available")


def k(thousands: str) -> Money:
    return Money.from_thousands(thousands)


# -- Check -------------------------------------------------------------------------------


def test_check_difference_is_claimed_minus_derived() -> None:
    check = Check("x", Money("127000000"), Money("119707000"), "LGA")
    assert check.difference == Money("7293000")
    assert not check.agrees
    assert check.status == "DIFFERS"


def test_check_agrees_within_tolerance_inclusive() -> None:
    edge = Check("x", Money("100"), Money("99.50"), "s", Money("0.50"))
    beyond = Check("x", Money("100"), Money("99.49"), "s", Money("0.50"))
    assert edge.agrees
    assert not beyond.agrees


def test_check_default_tolerance_is_zero_in_the_claims_currency() -> None:
    check = Check("x", Money("1", "EUR"), Money("1", "EUR"), "s")
    assert check.tolerance == Money("0", "EUR")
    assert check.agrees


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"tolerance": Money("-1")}, "zero or more"),
        ({"tolerance": Money("1", "EUR")}, "EUR"),
    ],
)
def test_check_refuses_bad_tolerance(kwargs: dict[str, Money], message: str) -> None:
    with pytest.raises(ReconciliationError, match=message):
        Check("x", Money(1), Money(1), "s", **kwargs)


def test_check_refuses_blank_label_and_source() -> None:
    with pytest.raises(ReconciliationError, match="label"):
        Check(" ", Money(1), Money(1), "s")
    with pytest.raises(ReconciliationError, match="source"):
        Check("x", Money(1), Money(1), "")


@pytest.mark.parametrize(
    ("args", "field"),
    [
        ((1, Money(1), Money(1), "s"), "Check.label"),
        (("x", 1, Money(1), "s"), "Check.claimed"),
        (("x", None, Money(1), "s"), "Check.claimed"),
        (("x", Money(1), "1", "s"), "Check.derived"),
        (("x", Money(1), Money(1), b"s"), "Check.source"),
        (("x", Money(1), Money(1), "s", 0), "Check.tolerance"),
    ],
)
def test_check_refuses_a_wrong_type_naming_the_field(args: tuple[object, ...], field: str) -> None:
    # The claimed figure is read by the tolerance's default before any validator runs:
    # a wrong type there was once a bare AttributeError.
    with pytest.raises(WecbTypeError, match=rf"^{field}: .* is not accepted; expected "):
        Check(*args)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"claimed": 3}, "Claim.claimed"),
        ({"claimed": "£3"}, "Claim.claimed"),
        ({"derive": "not callable"}, "Claim.derive"),
        ({"label": None}, "Claim.label"),
        ({"note": 5}, "Claim.note"),
        ({"tolerance": 0}, "Claim.tolerance"),
    ],
)
def test_claim_refuses_a_wrong_type_naming_the_field(
    kwargs: dict[str, object], field: str
) -> None:
    fields: dict[str, object] = {
        "label": "x",
        "claimed": Money(3),
        "derive": lambda p: Money(3),
        "source": "s",
    }
    with pytest.raises(WecbTypeError, match=rf"^{field}: "):
        Claim(**{**fields, **kwargs})  # type: ignore[arg-type]


def test_reconcile_refuses_wrong_types() -> None:
    with pytest.raises(WecbTypeError, match="Programme"):
        reconcile("Essex")  # type: ignore[arg-type]
    with pytest.raises(WecbTypeError, match="a Claim or a Check"):
        reconcile(_programme(), ["a claim"])  # type: ignore[list-item]
    odd = lambda p: 1  # noqa: E731
    claim = Claim(label="odd", claimed=Money(1), derive=odd, source="s")  # type: ignore[arg-type]
    with pytest.raises(WecbTypeError, match="'odd': derive"):
        reconcile(_programme(), [claim])
    listed = [Check("x", Money(1), Money(1), "s")]
    with pytest.raises(WecbTypeError, match=r"Reconciliation\.checks"):
        Reconciliation(subject="x", checks=listed)  # type: ignore[arg-type]


# -- Reconciliation ----------------------------------------------------------------------


def test_reconciliation_counts_and_lookup() -> None:
    good = Check("good", Money(5), Money(5), "a")
    bad = Check("bad", Money(5), Money(4), "b", note="horizons differ")
    report = Reconciliation(subject="Demo", checks=(good, bad))
    assert (report.passed, report.failed, len(report)) == (1, 1, 2)
    assert report.failures == (bad,)
    assert not report.all_agree
    assert report["bad"] is bad
    with pytest.raises(ReconciliationError, match="no check labelled"):
        report["missing"]


def test_reconciliation_text_shows_every_check_and_its_difference() -> None:
    bad = Check("bad", Money(5), Money(4), "b", note="horizons differ", derivation="2 + 2")
    text = str(Reconciliation(subject="Demo", checks=(bad,)))
    assert "1 checks, 0 agree, 1 differ" in text
    assert "DIFFERS" in text
    assert "£1.00" in text  # the difference, shown
    assert "horizons differ" in text
    assert "derived as: 2 + 2" in text


def test_reconciliation_table_is_the_kernel_table_with_exact_cells() -> None:
    check = Check("x", Money("0.125"), Money("0.12"), "s", note="n")
    report = Reconciliation(subject="Demo", checks=(check,))
    table = report.table()
    assert table.title == "Reconciliation of Demo: 1 checks, 0 agree, 1 differ"
    assert table.records()[0]["difference"] == Money("0.005")
    text = str(report)
    assert text == table.to_text()
    assert "£0.125" in text and "£0.005" in text  # every digit shown, nothing rounded
    assert "note: n" in report._repr_html_()


def test_reconciliation_rows_are_exact() -> None:
    check = Check("x", Money("0.125"), Money("0.12"), "s")
    (row,) = Reconciliation(subject="Demo", checks=(check,)).rows()
    assert row["difference"] == Money("0.005")
    assert row["agrees"] is False


def test_reconciliation_states_its_assumptions_in_every_form() -> None:
    report = Reconciliation(subject="Demo", checks=(Check("x", Money(1), Money(1), "s"),))
    assumptions = report.assumptions()
    assert [a.name for a in assumptions] == ["claimed", "derived", "agrees", "sign"]
    sign = str(assumptions[-1])
    assert "net benefit is positive for a saving" in sign
    assert "net cost as published negative" in sign
    rows = report.rows()
    assert isinstance(rows, ResultRows) and rows.assumptions == assumptions
    notes = report.table().notes
    assert notes[-len(assumptions) - 1 :] == assumption_notes(assumptions)
    assert "net cost as published" in report._repr_html_()


def _programme(*tables: CostBenefitTable) -> Programme:
    return Programme(
        name="Tables",
        place="Here",
        partners=(),
        domains=(Domain(key="d", name="D", kind=DomainKind.THEMATIC),),
        projects=tuple(
            Project(key=f"P{i}", title=f"P{i}", domain="d", table=t)
            for i, t in enumerate(tables, 1)
        ),
        periods=TABLE_OPEN_PERIODS,
    )


def test_reconcile_reports_a_table_that_does_not_add_up() -> None:
    good = CostBenefitTable.from_thousands(
        costs_to_mar_2013=1,
        costs_to_mar_2014=1,
        costs_further_implementation=1,
        net_cashable=-10,
        net_non_cashable=-5,
        net_total=-15,
    )
    bad = attrs.evolve(good, net_total=k("-16"))
    report = reconcile(_programme(good, bad))
    assert [c.agrees for c in report] == [True, False]
    # Published -16k against -10k + -5k = -15k: claims £1,000 less.
    assert report.checks[1].difference == k("-1")


def test_reconcile_runs_given_checks_and_claims_in_order() -> None:
    given_check = Check("ready", Money(1), Money(1), "s")
    claim = Claim(
        label="claim", claimed=Money(2), derive=lambda p: (Money(3), "1 + 2"), source="s"
    )
    report = reconcile(_programme(), [given_check, claim])
    assert [c.label for c in report] == ["ready", "claim"]
    assert report.checks[1].derivation == "1 + 2"
    assert report.checks[1].difference == Money(-1)


def test_a_claim_that_cannot_be_derived_is_an_error_naming_it() -> None:
    claim = Claim(
        label="needs a stream",
        claimed=Money(1),
        derive=lambda p: p.stream("missing").amount or Money(0),
        source="s",
    )
    with pytest.raises(ReconciliationError, match="needs a stream"):
        reconcile(_programme(), [claim])


def test_a_claim_deriving_another_currency_is_refused() -> None:
    claim = Claim(label="eur", claimed=Money(1), derive=lambda p: Money(1, "EUR"), source="s")
    with pytest.raises(ReconciliationError, match="EUR"):
        reconcile(_programme(), [claim])


# -- properties ----------------------------------------------------------------------------


@given(money(), money(), money(max_digits=6).map(abs))
def test_agrees_exactly_when_the_difference_is_within_tolerance(
    claimed: Money, derived: Money, tolerance: Money
) -> None:
    check = Check("x", claimed, derived, "s", tolerance)
    assert check.agrees == (abs(claimed - derived) <= tolerance)
    assert check.derived + check.difference == check.claimed


@given(st.lists(cost_benefit_tables(consistent=None), max_size=4))
def test_a_table_check_agrees_exactly_when_the_table_adds_up(
    tables: list[CostBenefitTable],
) -> None:
    report = reconcile(_programme(*tables))
    assert len(report) == len(tables)
    for check, table in zip(report, tables, strict=True):
        assert check.agrees == (not table.check())
        assert check.claimed == table.net_total


@given(programmes())
def test_reconciling_any_programme_reports_one_check_per_table(
    programme: Programme,
) -> None:
    # The default claims need nothing optional, so any valid programme reconciles.
    report = reconcile(programme)
    assert len(report) == sum(1 for p in programme.projects if p.table is not None)
    assert report.passed + report.failed == len(report)
    assert len(table_claims(programme)) == len(report)


# -- Essex 2012 -----------------------------------------------------------------------------

# The five tables of seed 002 in £'000, typed from the seed: costs (3 columns), net
# cashable, net non-cashable, net total.
SEED_TABLES = {
    "FBC1": ("716", "946", "3,081", "-87,587", "0", "-87,587"),
    "FBC2": ("147", "155", "795", "1,097", "-151,406", "-150,309"),
    "FBC3": ("189", "328", "0", "517", "-25,174", "-24,657"),
    "FBC4": ("260", "398", "21,012", "-944", "-4,695", "-5,639"),
    "FBC5": ("117", "70", "23,276", "-32,790", "0", "-32,790"),
}


def _by_hand() -> dict[str, Money]:
    costs = gross_cashable = gross_non_cashable = net_cashable = net_total = Money(0)
    for c1, c2, c3, cashable, non_cashable, total in SEED_TABLES.values():
        table_costs = k(c1) + k(c2) + k(c3)
        costs = costs + table_costs
        gross_cashable = gross_cashable + table_costs - k(cashable)
        gross_non_cashable = gross_non_cashable - k(non_cashable)
        net_cashable = net_cashable - k(cashable)
        net_total = net_total - k(total)
    return {
        "gross": gross_cashable + gross_non_cashable,
        "net": net_total,
        "gross_cashable": gross_cashable,
        "net_cashable": net_cashable,
    }


def test_hand_totals_of_the_seed_tables() -> None:
    # Worked once on paper: costs 51,490; gross cashable 171,197; gross non-cashable
    # 181,275; net 300,982; net cashable 119,707 (all £'000).
    totals = _by_hand()
    assert totals == {
        "gross": k("352,472"),
        "net": k("300,982"),
        "gross_cashable": k("171,197"),
        "net_cashable": k("119,707"),
    }
    text = document_text("tdc_cabinet_2012_11_07")
    for row in SEED_TABLES.values():
        assert " ".join(row) in text


@pytest.fixture(scope="module")
def essex_report() -> Reconciliation:
    if not HAS_ESSEX:
        pytest.skip("wecb.datasets.essex_2012 not available")
    from wecb.datasets import essex_2012, essex_2012_claims  # noqa: PLC0415 -- optional data set

    programme = essex_2012()
    return reconcile(programme, essex_2012_claims(programme))


@needs_essex
def test_essex_tables_each_add_up(essex_report: Reconciliation) -> None:
    for key, row in SEED_TABLES.items():
        check = essex_report[f"{key}: net cost as published, cashable + non-cashable = total"]
        assert check.agrees
        assert check.derivation is not None
        assert check.derivation.startswith("net cost as published: cashable ")
        assert check.claimed == k(row[5])
        assert check.derived == k(row[3]) + k(row[4])


@needs_essex
def test_essex_stated_funding_arithmetic_agrees(essex_report: Reconciliation) -> None:
    text = document_text("ecc_cabinet_issues_2012_10_30")
    assert "£0.815m" in text and "£0.6m" in text and "£0.215m" in text
    check = essex_report["Funding (stated): ECC share - underspend = requirement £0.215m"]
    assert check.claimed == Money.parse("£0.215m")
    assert check.derived == Money.parse("£0.815m") - Money.parse("£0.6m")
    assert check.agrees
    shares = essex_report["Funding: ECC share £0.815m = ECC streams to the programme"]
    assert shares.agrees
    assert shares.derived == Money.parse("£0.6m") + Money.parse("£0.215m")


@needs_essex
def test_essex_unstated_funding_is_reported_not_filled_in(essex_report: Reconciliation) -> None:
    check = essex_report["Funding (unstated): requirement £1.949m = all funding to the programme"]
    assert check.claimed == Money.parse("£1.949m")
    assert not check.agrees
    assert check.difference == Money.parse("£1.949m") - Money.parse("£0.815m")
    assert check.note is not None and "£1.134m" in check.note


@needs_essex
@pytest.mark.parametrize(
    ("label", "claimed", "derived"),
    [
        ("LGA £414m benefits vs the five tables' gross benefits", "£414m", "gross"),
        ("LGA £414m benefits vs the five tables' net benefits", "£414m", "net"),
        (
            "LGA £127m cashable vs the five tables' gross cashable benefits",
            "£127m",
            "gross_cashable",
        ),
        ("LGA £127m cashable vs the five tables' net cashable benefits", "£127m", "net_cashable"),
    ],
)
def test_essex_lga_figures_do_not_agree_and_say_so(
    essex_report: Reconciliation, label: str, claimed: str, derived: str
) -> None:
    assert "£414 million of benefits" in document_text("lga_forum_note_2012")
    check = essex_report[label]
    assert check.claimed == Money.parse(claimed)
    assert check.derived == _by_hand()[derived]
    assert check.difference == Money.parse(claimed) - _by_hand()[derived]
    assert not check.agrees
    if derived.startswith("gross"):  # the £414m is net of costs: not like with like
        assert check.status == "not comparable" and not check.differs
        assert check.not_comparable is not None and "net" in check.not_comparable
    else:
        assert check.differs
        assert check.note is not None and "horizon" in check.note.lower()
        assert "six years" in check.note


@needs_essex
def test_essex_report_counts(essex_report: Reconciliation) -> None:
    # 5 tables and 2 funding checks agree; the unstated funding and the 2 LGA checks net
    # with net differ; the 2 LGA checks against gross benefits are not comparable.
    counts = (essex_report.passed, essex_report.failed, essex_report.not_comparable)
    assert (len(essex_report), *counts) == (12, 7, 3, 2)
    assert "3 differ, 2 not comparable" in str(essex_report)


@needs_essex
def test_essex_claims_need_the_published_figures() -> None:
    from wecb.datasets import essex_2012, essex_2012_claims  # noqa: PLC0415 -- optional data set

    programme = essex_2012()
    stripped = programme.evolve(
        figures=tuple(f for f in programme.figures if f.key != "lga_essex_benefits")
    )
    with pytest.raises(ReconciliationError, match="lga_essex_benefits"):
        essex_2012_claims(stripped)
