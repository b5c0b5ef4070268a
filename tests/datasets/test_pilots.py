"""The three headline pilot data sets and the four pilots side by side.

Every entry of the Cheshire West and Chester, Greater Manchester and Tri-borough data sets
cites a document of its own ``documents`` table. Quotes from the LGA note are checked
against its text (through ``seed_documents``); quotes from public documents found outside
the seeds are recorded with their URL, and each figure must appear in its own quote.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import wecb
from seed_documents import SEED_OF, document_text
from seeds import normalise
from strategies.pilot_figures import headline_amounts, spans
from wecb.core.money import Money
from wecb.datasets import (
    DATASETS,
    PilotComparison,
    PilotFigure,
    cheshire_west_and_chester_2012,
    dataset_path,
    greater_manchester_2012,
    pilots_2012,
    tri_borough_2012,
)
from wecb.datasets._pilots import (
    NATIONAL_DOCUMENTS,
    NATIONAL_FIGURES,
    PILOT_HEADLINES,
    PilotHeadline,
    compare_pilots,
)
from wecb.errors import ReconciliationError, UnknownKeyError, ValidationError, WecbTypeError
from wecb.model.documents import Citation, Document, DocumentKind, cited_documents
from wecb.model.facts import Figure, FigureKind
from wecb.model.programme import Programme

_NEW = ("cheshire-west-and-chester-2012", "greater-manchester-2012", "tri-borough-2012")
_MONEY = re.compile(r"£\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:k|m|bn)\b|\s(?:million|billion)\b)?")
_SEED_FILE = re.compile(r"_[0-9a-f]{16}\.txt|seed 00")


def _money_in(text: str) -> list[Money]:
    return [Money.parse(m.group()) for m in _MONEY.finditer(text)]


def _citations(programme: Programme) -> Iterator[tuple[str, Citation]]:
    fields = attrs.fields(Programme)
    for attribute in fields:
        if attribute.init:
            yield from cited_documents(getattr(programme, attribute.name), attribute.name)


@pytest.fixture(scope="module")
def comparison() -> PilotComparison:
    return pilots_2012()


# -- the data sets -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", _NEW)
def test_each_data_set_is_its_shipped_file_read_by_the_public_loader(name: str) -> None:
    programme = DATASETS[name]()
    assert programme == wecb.load(dataset_path(name))
    assert programme is DATASETS[name]()  # read once


def test_the_loaders_are_the_named_data_sets() -> None:
    assert DATASETS["cheshire-west-and-chester-2012"] is cheshire_west_and_chester_2012
    assert DATASETS["greater-manchester-2012"] is greater_manchester_2012
    assert DATASETS["tri-borough-2012"] is tri_borough_2012


def test_an_unknown_data_set_is_refused_naming_the_valid_ones() -> None:
    with pytest.raises(UnknownKeyError, match="tri-borough-2012") as caught:
        dataset_path("west-cheshire")
    assert "'west-cheshire'" in str(caught.value)


@pytest.mark.parametrize("name", _NEW)
def test_every_entry_cites_a_document_of_its_data_set(name: str) -> None:
    programme = DATASETS[name]()
    keys = {d.key for d in programme.documents}
    cited = list(_citations(programme))
    entries = (*programme.partners, *programme.domains, *programme.figures)
    assert isinstance(programme.source, Citation)
    assert all(isinstance(e.source, Citation) for e in entries)
    assert len(cited) == len(entries) + 1
    assert {c.document for _, c in cited} == keys  # and every document is cited


@pytest.mark.parametrize("name", _NEW)
def test_quotes_from_the_lga_note_occur_in_it(name: str) -> None:
    seeded = [(p, c) for p, c in _citations(DATASETS[name]()) if c.document in SEED_OF]
    assert seeded
    for place, citation in seeded:
        assert normalise(citation.quote) in document_text(citation.document), place


@pytest.mark.parametrize("name", _NEW)
def test_outside_documents_are_recorded_with_their_url(name: str) -> None:
    for document in DATASETS[name]().documents:
        if document.key in SEED_OF:
            assert document.url is None  # no public copy of the LGA note is known
        else:
            assert document.url is not None and document.url.startswith("http"), document.key


def _figure_in_quote(figure: Figure) -> None:
    assert isinstance(figure.source, Citation), figure.key
    assert figure.published is not None and figure.published in figure.source.quote, figure.key
    if figure.amount is not None:
        assert figure.amount in _money_in(figure.published), figure.key
    else:
        assert str(figure.count) in figure.published.replace(",", ""), figure.key


@pytest.mark.parametrize("name", _NEW)
def test_every_figure_appears_in_its_own_quote(name: str) -> None:
    for figure in DATASETS[name]().figures:
        _figure_in_quote(figure)


def test_no_projects_or_tables_are_invented() -> None:
    for name in _NEW:
        programme = DATASETS[name]()
        assert programme.projects == () and programme.funding_streams == ()


def test_tri_borough_keeps_both_accounts_as_stated() -> None:
    tri = tri_borough_2012()
    by_year_five = tri.figure("net_efficiencies_by_year_five")
    annual = tri.figure("net_savings_annual")
    assert by_year_five.amount == Money("38000000") and by_year_five.over is None
    assert by_year_five.per == () and "by year five" in (by_year_five.published or "")
    assert annual.amount == Money("70000000") and annual.per == ("year",)
    assert {p.key for p in tri.partners} >= {"hammersmith_fulham", "kensington_chelsea"}


def test_cheshire_west_parts_are_within_the_whole() -> None:
    cwac = cheshire_west_and_chester_2012()
    whole = cwac.figure("net_benefit_5y")
    parts = [cwac.figure(k) for k in ("net_benefit_5y_health", "net_benefit_5y_council")]
    assert all("net_benefit_5y" in (p.note or "") for p in parts)
    assert all(p.over == whole.over == "five years" for p in parts)
    assert whole.amount is not None
    assert sum((p.amount for p in parts if p.amount), Money(0)) <= whole.amount


def test_greater_manchester_figure() -> None:
    figure = greater_manchester_2012().figure("net_savings_5y")
    assert figure.amount == Money("270000000") and figure.over == "five years"
    assert figure.kind is FigureKind.SAVING


# -- the four side by side ---------------------------------------------------------------------


def test_the_comparison_has_every_headline_in_order(comparison: PilotComparison) -> None:
    assert [(f.dataset, f.figure.key) for f in comparison.figures] == [
        (h.dataset, h.figure) for h in PILOT_HEADLINES
    ]
    assert {f.place for f in comparison.figures} == {
        "Greater Essex",
        "Cheshire West and Chester",
        "Greater Manchester",
        "Tri-borough",
    }


def test_per_year_only_where_the_horizon_allows(comparison: PilotComparison) -> None:
    by_key = {f.figure.key: f for f in comparison.figures}
    assert by_key["net_savings_5y"].per_year == Money("54000000")
    assert by_key["essex_net_benefits_six_years"].per_year == Money("69000000")
    assert by_key["net_savings_annual"].per_year == Money("70000000")
    for key in ("net_efficiencies_by_year_five", "lga_essex_benefits"):
        assert by_key[key].per_year is None
        assert by_key[key].horizon == "not stated"
        assert by_key[key].per_year_basis.startswith("none")


def test_dclg_collective_figure_is_checked_like_with_like(comparison: PilotComparison) -> None:
    (check,) = comparison.reconciliation.checks
    assert check.claimed == Money("800000000")
    assert check.derived == Money("326000000")  # Greater Manchester + Cheshire West only
    assert check.difference == Money("474000000") and not check.agrees
    assert "net_savings_5y" in (check.derivation or "")
    assert "net_benefit_5y" in (check.derivation or "")
    assert "Greater Essex" in (check.note or "") and "Tri-borough" in (check.note or "")


def test_the_rest_is_reported_not_comparable_with_the_reason(
    comparison: PilotComparison,
) -> None:
    reasons = "\n".join(comparison.not_comparable)
    assert "essex_net_benefits_six_years" in reasons and "6-year total" in reasons
    assert "net_savings_annual" in reasons and "yearly level" in reasons
    assert "net_efficiencies_by_year_five" in reasons and "no span" in reasons
    assert "savings_5y_nao" in reasons and "not stated as net" in reasons
    assert len(comparison.not_comparable) == len(PILOT_HEADLINES) - 2


def test_the_national_range_is_set_beside_exactly(comparison: PilotComparison) -> None:
    national = comparison.national
    assert national.share_of_low == Fraction(326, 9400)
    assert national.share_of_high == Fraction(326, 20600)
    assert [r["horizon"] for r in national.rows()] == ["five years"] * 3
    text = str(comparison)
    assert "3.47%" in text and "1.58%" in text


def test_national_figures_appear_in_their_quotes() -> None:
    keys = {d.key for d in NATIONAL_DOCUMENTS}
    for figure in NATIONAL_FIGURES:
        _figure_in_quote(figure)
        assert isinstance(figure.source, Citation) and figure.source.document in keys
    assert all(d.url is not None for d in NATIONAL_DOCUMENTS)


def test_rows_carry_the_assumptions_and_sources(comparison: PilotComparison) -> None:
    rows = comparison.rows()
    assert len(rows) == len(PILOT_HEADLINES)
    assert [a.name for a in rows.assumptions] == ["figures", "per year", "comparable"]
    for row in rows:
        assert isinstance(row["amount"], Money) and row["quote"]
    assert {d.key for d in comparison.documents} >= {"dclg_cb00", "lga_ey_aggregation"}


def test_nothing_shown_names_a_seed_file(comparison: PilotComparison) -> None:
    assert not _SEED_FILE.search(str(comparison))
    for name in _NEW:
        assert not _SEED_FILE.search(dataset_path(name).read_text("utf-8"))


def test_a_missing_data_set_or_headline_is_refused_by_name() -> None:
    programmes = {name: load() for name, load in DATASETS.items()}
    with pytest.raises(ReconciliationError, match="'tri-borough-2012'"):
        compare_pilots({k: v for k, v in programmes.items() if k != "tri-borough-2012"})
    gm = programmes["greater-manchester-2012"]
    programmes["greater-manchester-2012"] = attrs.evolve(gm, figures=())
    with pytest.raises(ReconciliationError, match=r"'greater-manchester-2012'.*net_savings_5y"):
        compare_pilots(programmes)


# -- properties ----------------------------------------------------------------------------------


def _pilot(figure: Figure) -> PilotFigure:
    document = Document(key="d", title="T", issued_by="B", date="2013", kind=DocumentKind.OTHER)
    return PilotFigure(
        place="P", dataset="x", figure=figure, measure="net savings", net=True, document=document
    )


@given(spans(), headline_amounts())
def test_a_total_over_stated_years_averages_exactly(span: tuple[int, str], amount: Money) -> None:
    years, over = span
    figure = Figure(key="f", label="F", kind=FigureKind.SAVING, amount=amount, over=over)
    row = _pilot(figure)
    assert row.years == years
    exact = row.per_year_exact
    assert exact is not None and exact * years == Fraction(amount.amount)
    assert row.per_year is not None
    if (exact * 100).denominator == 1:  # a whole number of pence: Money holds it exactly
        assert Fraction(row.per_year.amount) == exact


@given(headline_amounts(), st.sampled_from(("by year five", "the plan's life", "years")))
def test_no_per_year_without_a_stated_span(amount: Money, over: str) -> None:
    figure = Figure(key="f", label="F", kind=FigureKind.SAVING, amount=amount, over=over)
    assert _pilot(figure).per_year is None and _pilot(figure).per_year_exact is None
    per_year = attrs.evolve(figure, over=None, per=("year",))
    assert _pilot(per_year).per_year == amount


def test_a_pilot_figure_refuses_bad_fields_by_name(comparison: PilotComparison) -> None:
    row = comparison.figures[0]
    with pytest.raises(WecbTypeError, match=r"PilotFigure\.net: 1 is not accepted"):
        attrs.evolve(row, net=1)
    with pytest.raises(ValidationError, match=r"PilotFigure\.place: '' is not accepted"):
        attrs.evolve(row, place="")
    count = attrs.evolve(row.figure, amount=None, count=1, unit="family")
    with pytest.raises(ValidationError, match="a figure with an amount"):
        attrs.evolve(row, figure=count)
    with pytest.raises(WecbTypeError, match=r"PilotComparison\.figures"):
        attrs.evolve(comparison, figures=list(comparison.figures))


def test_a_second_five_year_net_figure_of_a_place_is_listed_not_added() -> None:
    programmes = {name: load() for name, load in DATASETS.items()}
    gm = programmes["greater-manchester-2012"]
    again = attrs.evolve(gm.figures[0], key="net_savings_5y_again")
    programmes["greater-manchester-2012"] = attrs.evolve(gm, figures=(*gm.figures, again))
    headlines = (*PILOT_HEADLINES, PilotHeadline("greater-manchester-2012", again.key, "x", True))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("wecb.datasets._pilots.PILOT_HEADLINES", headlines)
        comparison = compare_pilots(programmes)
    assert comparison.reconciliation.checks[0].derived == Money("326000000")
    assert any(
        "net_savings_5y_again" in r and "the first, net_savings_5y" in r
        for r in comparison.not_comparable
    )


@pytest.mark.parametrize("name", _NEW)
@pytest.mark.parametrize("form", ["toml", "json"])
def test_each_data_set_round_trips_and_validates_against_the_schema(name: str, form: str) -> None:
    programme = DATASETS[name]()
    text = wecb.io.dumps(programme, format=form)
    assert wecb.loads(text, format=form) == programme
    if form == "json":
        jsonschema = pytest.importorskip("jsonschema")
        jsonschema.validate(json.loads(text), wecb.io.schema())


@pytest.mark.parametrize("name", _NEW)
def test_each_data_set_survives_the_workbook(name: str, tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    programme = DATASETS[name]()
    path = tmp_path / f"{name}.xlsx"
    wecb.io.write_workbook(programme, path)
    assert wecb.io.read_workbook(path) == programme
