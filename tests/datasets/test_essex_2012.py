"""The Essex 2012 data set against its sources: every shipped figure is checked against the
text of the document it cites.

Each entry's ``source`` is a :class:`~wecb.model.documents.Citation` of one of the data
set's documents. For the five source papers (whose text is in the seeds, found through
``seed_documents.SEED_OF``) the quote must occur in the paper (whitespace collapsed,
Markdown ``**`` emphasis removed); a document found outside the seeds must give its URL.
Each figure must appear in its quote in the document's own notation: money is found in the
quote as the document writes it (``£1.949m``, ``£250,000/year``) and read with
``Money.parse``; counts likewise. The five cost-benefit tables are compared column by column
with the rows of the Tendring Cabinet report itself.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from decimal import Decimal

import attrs
import pytest

import wecb
from seed_documents import SEED_OF, document_raw
from seeds import normalise
from wecb.core.money import Money
from wecb.datasets import essex_2012, essex_2012_path
from wecb.io._convert import thousands_text
from wecb.model.documents import Citation
from wecb.model.facts import Figure, FigureKind, Qualifier
from wecb.model.funding import PROGRAMME, FundingBasis
from wecb.model.integration import IntegrationLevel, PoolingArrangement
from wecb.model.programme import Programme
from wecb.model.projects import Stage

#: The Tendring Cabinet report holding the five Final Business Cases and their tables.
_FBC_DOCUMENT = "tdc_cabinet_2012_11_07"
_FBC_KEYS = ("FBC1", "FBC2", "FBC3", "FBC4", "FBC5")
_MONEY = re.compile(r"£\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:k|m|bn)\b|\s(?:million|billion)\b)?")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
#: Words by which the seeds qualify a figure, per qualifier.
_QUALIFIER_WORDS = {
    Qualifier.APPROXIMATELY: (
        "approximately",
        "around",
        "about",
        "c.",
        "in the region of",
        "of the order of",
        "or so",
        "to the tune of",
    ),
    Qualifier.ESTIMATED: ("estimated",),
    Qualifier.MORE_THAN: ("more than", "in excess of", "exceed", "over "),
    Qualifier.AT_LEAST: ("at least",),
    Qualifier.UP_TO: ("up to", "as much as"),
}
#: How the seeds write "per <unit>".
_PER_WORDS = {
    "year": ("/year", " a year", "every year", "per year", "p.a."),
    "family": ("famil",),
    "person": ("per capita",),
}


def _normalise(text: str) -> str:
    # Quotes drop the seeds' Markdown emphasis ("**£416m**") and fold white space.
    return normalise(text.replace("**", ""))


@pytest.fixture(scope="module")
def seeds() -> dict[str, str]:
    """The text of each seeded document, by document key (skips without the seeds)."""
    return {key: _normalise(document_raw(key)) for key in SEED_OF}


@pytest.fixture(scope="module")
def essex() -> Programme:
    return essex_2012()


def _split(source: object) -> tuple[str, str]:
    assert isinstance(source, Citation), f"a data set cites a document, not {source!r}"
    return source.document, source.quote


def _sources(value: object, where: str = "programme") -> Iterator[tuple[str, object]]:
    """Every ``source`` field in the data set (walked through every record, so records
    added later are covered too), labelled by its place."""
    if isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _sources(item, f"{where}[{getattr(item, 'key', index)!r}]")
    elif attrs.has(type(value)) and not isinstance(value, Citation):
        for attribute in attrs.fields(type(value)):
            if not attribute.init:
                continue
            item = getattr(value, attribute.name)
            if attribute.name == "source":
                yield f"{where}.source", item
            else:
                yield from _sources(item, f"{where}.{attribute.name}")


def _money_in(text: str) -> list[Money]:
    return [Money.parse(m.group()) for m in _MONEY.finditer(text)]


def _numbers_in(text: str) -> list[Decimal]:
    return [Decimal(m.group().replace(",", "")) for m in _NUMBER.finditer(text)]


# -- loading -------------------------------------------------------------------------------


def test_the_data_set_is_the_shipped_file_read_by_the_public_loader() -> None:
    path = essex_2012_path()
    assert path.name == "essex_2012.toml" and path.is_file()
    assert wecb.load(path) == essex_2012()
    assert essex_2012() is essex_2012()  # cached


def test_every_source_quote_occurs_in_its_document(
    essex: Programme, seeds: dict[str, str]
) -> None:
    entries = [(label, source) for label, source in _sources(essex) if source is not None]
    assert len(entries) > 80
    documents = {d.key: d for d in essex.documents}
    for label, source in entries:
        key, quote = _split(source)
        assert key in documents, f"{label}: unknown document {key!r}"
        assert quote == _normalise(quote), f"{label}: quote is not normalised"
        if key in seeds:
            assert quote in seeds[key], f"{label}: {quote!r} is not in {key}"
        else:  # found outside the seeds: the reader is told where to check it
            assert documents[key].url is not None, f"{label}: {key} gives no URL"


def test_every_entry_with_a_source_field_cites_one(essex: Programme) -> None:
    missing = [label for label, source in _sources(essex) if source is None]
    # Records whose source is optional and left out say so here, by place.
    assert not [m for m in missing if ".flows[" not in m and ".counterfactual" not in m], missing


def test_the_five_source_papers_are_documents_with_the_seeds(essex: Programme) -> None:
    keys = {d.key for d in essex.documents}
    assert set(SEED_OF) <= keys
    for document in essex.documents:
        assert "seed" not in str(document).lower()
        assert not re.search(r"_[0-9a-f]{16}\.txt", str(document))


# -- partners, domains, projects ---------------------------------------------------------------


def test_partners_are_named_in_their_quotes(essex: Programme) -> None:
    for partner in essex.partners:
        _, quote = _split(partner.source)
        full, _, short = partner.name.rstrip(")").partition(" (")
        names = [n for n in (partner.name, full, short) if n]
        # "Other partners (not named in the source)" says so itself.
        words = [n.removeprefix("The ") for n in names]
        assert any(w.lower() in quote.lower() for w in words), partner.key


def test_domains_are_the_four_thematic_domains_and_the_enablers(essex: Programme) -> None:
    thematic = [d.name for d in essex.domains if not d.is_enabler]
    assert len(thematic) == 4
    _, quote = _split(essex.domain("health_wellbeing").source)
    assert all(name in quote for name in thematic)
    for domain in essex.domains:
        _, quote = _split(domain.source)
        assert domain.name.lower() in quote.lower() or domain.key == "assets"
    _, assets_quote = _split(essex.domain("assets").source)
    assert "public sector assets" in assets_quote


def test_projects_quote_their_business_cases(essex: Programme, seeds: dict[str, str]) -> None:
    assert [p.key for p in essex.projects] == [*_FBC_KEYS, "strengthening_communities"]
    seed_002 = seeds[_FBC_DOCUMENT]
    for key in _FBC_KEYS:
        project = essex.project(key)
        _, quote = _split(project.source)
        assert quote.startswith(f"{key}: ") and quote.endswith(project.title)
        assert project.stage is Stage.FULL_BUSINESS_CASE
        assert project.big_idea and project.approach
        assert [a for a in essex.asks if a.project == key], key
        for text in (project.big_idea, *project.approach):
            assert text in seed_002, f"{key}: {text!r}"
    sc = essex.project("strengthening_communities")
    assert sc.stage is Stage.OUTLINE_BUSINESS_CASE and sc.table is None
    assert "earlier stage" in _split(sc.source)[1]
    assert sc.big_idea is not None and sc.big_idea in seed_002


def test_fbc1_integration_pilots(essex: Programme) -> None:
    pilots = {p.key: p for p in essex.project("FBC1").pilots}
    ica, scb = pilots["ica_south_essex"], pilots["scb_north_east_essex"]
    assert ica.integration_level is IntegrationLevel.INTEGRATED_COMMISSIONING_ARRANGEMENT
    assert scb.integration_level is IntegrationLevel.SINGLE_COMMISSIONING_BODY
    for pilot in (ica, scb):
        _, quote = _split(pilot.source)
        assert f"level {int(pilot.integration_level)} integration" in quote
        assert pilot.area.split(",")[0] in quote


# -- the cost-benefit tables -------------------------------------------------------------------


def _published_rows(seed_002: str) -> dict[str, list[str]]:
    """The six figures of each FBC table, read from the report itself."""
    rows: dict[str, list[str]] = {}
    raw = document_raw(_FBC_DOCUMENT)
    for key in _FBC_KEYS:
        section = raw[raw.index(f"# {key}:") :]
        section = section[: section.find("\n# ", 3)]
        found = [
            line.split("\t")
            for line in section.splitlines()
            if re.fullmatch(r"-?[\d,]+(\t-?[\d,]+){5}", line.strip())
        ]
        assert len(found) == 1, key
        rows[key] = found[0]
    assert all(" ".join(r) in seed_002 for r in rows.values())
    return rows


def test_the_five_tables_are_exactly_as_published(essex: Programme, seeds: dict[str, str]) -> None:
    rows = _published_rows(seeds[_FBC_DOCUMENT])
    for key, row in rows.items():
        table = essex.project(key).table
        assert table is not None
        columns = (
            table.costs_to_mar_2013,
            table.costs_to_mar_2014,
            table.costs_further_implementation,
            table.net_cashable,
            table.net_non_cashable,
            table.net_total,
        )
        assert [thousands_text(c) for c in columns] == row, key
        assert list(columns) == [Money.from_thousands(f) for f in row], key
        assert _split(table.source)[1] == " ".join(row)


def test_each_table_cashable_plus_non_cashable_is_its_total(essex: Programme) -> None:
    for key in _FBC_KEYS:
        table = essex.project(key).table
        assert table is not None
        assert table.net_cashable + table.net_non_cashable == table.net_total, key
        assert table.check() == ()


def test_costs_gross_and_net_benefits_agree_with_each_table(essex: Programme) -> None:
    for key in _FBC_KEYS:
        project = essex.project(key)
        table = project.table
        assert table is not None
        costs = sum((f.amount for f in project.cash_flows if f.is_cost), Money.zero())
        benefits = sum((f.amount for f in project.cash_flows if f.is_benefit), Money.zero())
        assert costs == table.total_costs
        assert benefits == table.gross_benefit
        assert benefits - costs == -table.net_total  # net total is a net cost
        cashable = sum((f.signed for f in project.cash_flows if f.cashable), Money.zero())
        assert cashable == -table.net_cashable
        assert all(not f.amount.is_negative() for f in project.cash_flows)


def test_each_table_states_its_value_types_and_quotes_why(
    essex: Programme, seeds: dict[str, str]
) -> None:
    # The file states them (not left to a default), with the reason beside them.
    document = tomllib.loads(essex_2012_path().read_text("utf-8"))
    written = [p["table"] for p in document["projects"] if "table" in p]
    assert [t["non_cashable_value_type"] for t in written] == ["unclassified"] * 5
    for key in _FBC_KEYS:
        table = essex.project(key).table
        assert table is not None
        note = table.value_type_note or ""
        assert note.startswith("Cashable savings are fiscal by definition"), key
        assert "the sources do not split it into fiscal, economic and social value" in note
        # The note quotes its source by document key: '(document <key>): "<quote>"'.
        match = re.search(r'\(document (\w+)\): "([^"]+)"', note)
        assert match is not None, key
        assert _normalise(match[2]) in seeds[match[1]], key
        flows = essex.project(key).cash_flows
        assert [f.value_type for f in flows if f.is_benefit] == [
            wecb.ValueType.FISCAL,
            wecb.ValueType.UNCLASSIFIED,
        ]
        assert [f.cashable for f in flows if f.is_benefit] == [True, False]


# -- funding -------------------------------------------------------------------------------


def test_funding_streams_are_their_sentences(essex: Programme) -> None:
    for stream in essex.funding_streams:
        _, quote = _split(stream.source)
        if stream.amount is None:
            assert stream.arrangement is PoolingArrangement.IN_KIND
            assert "in kind" in quote
            continue
        assert stream.amount in _money_in(quote), stream.key
        if stream.basis is FundingBasis.PER_YEAR:
            assert any(w in quote for w in _PER_WORDS["year"]), stream.key
        if stream.qualifier is Qualifier.EXACT:
            words = [w for ws in _QUALIFIER_WORDS.values() for w in ws]
            assert not any(w in quote for w in words), stream.key
        else:
            assert any(w in quote for w in _QUALIFIER_WORDS[stream.qualifier]), stream.key


def test_programme_funding_as_the_seeds_describe_it(essex: Programme) -> None:
    underspend = essex.stream("wecb_underspend")
    reserve = essex.stream("transformation_reserve")
    assert {underspend.funder, reserve.funder} == {"ecc"}
    assert underspend.recipient == reserve.recipient == PROGRAMME
    assert "Transformation Reserve" in (reserve.note or "")
    # Seed 001: "£0.815m will be costs that will be funded by the County Council ...
    # there is a project underspend of £0.6m leaving the above requirement of £0.215m".
    ecc_share = essex.figure("programme_ecc_share")
    assert ecc_share.qualifier is Qualifier.ESTIMATED
    assert underspend.total + reserve.total == ecc_share.amount
    assert essex.figure("programme_requirement").amount == Money.parse("£1.949m")


def test_contributions_of_the_written_submission(essex: Programme) -> None:
    eig = essex.stream("early_intervention_grant")
    pct = essex.stream("pct_cluster")
    staff = essex.stream("staff_in_kind")
    assert (eig.funder, eig.arrangement) == ("ecc", PoolingArrangement.ALIGNED)
    assert (pct.arrangement, pct.basis) == (PoolingArrangement.ALIGNED, FundingBasis.PER_YEAR)
    assert [p.key for p in pct.periods] == ["until_2011_12"]  # type: ignore[union-attr]
    assert "2011-12" in _split(pct.source)[1]
    assert staff.amount is None and staff.arrangement is PoolingArrangement.IN_KIND
    skills = essex.stream("skills_funding")
    assert skills.arrangement is PoolingArrangement.VIRTUAL_POOL
    assert skills.recipient == "FBC2" and skills.qualifier is Qualifier.APPROXIMATELY
    assert "Virtual pooling of 16-24 vocational skills funding" in (skills.note or "")
    assert "Virtual pooling of 16-24 vocational skills funding" in " ".join(
        essex.project("FBC2").approach
    )


# -- published figures -------------------------------------------------------------------------


def _figure_value_in(figure: Figure, published: str) -> bool:
    if figure.amount is not None:
        return figure.amount in _money_in(published)
    return figure.count in _numbers_in(published)


def test_every_figure_appears_in_its_sentence_in_the_seeds_notation(essex: Programme) -> None:
    assert len(essex.figures) >= 30
    for figure in essex.figures:
        _, quote = _split(figure.source)
        assert figure.published is not None, figure.key
        assert figure.published in quote, figure.key
        assert _figure_value_in(figure, figure.published), figure.key
        for unit in figure.per:
            words = _PER_WORDS.get(unit, (unit,))
            assert any(w in quote for w in words), (figure.key, unit)
        if figure.unit is not None:
            assert figure.unit.replace("_", " ") in quote or (
                figure.unit == "family" and ("famil" in quote)
            ), figure.key


def test_qualified_figures_keep_their_qualifier(essex: Programme) -> None:
    every_word = [w for words in _QUALIFIER_WORDS.values() for w in words]
    qualified = 0
    for figure in essex.figures:
        assert figure.published is not None
        if figure.qualifier is Qualifier.EXACT:
            assert not any(w in figure.published for w in every_word), figure.key
        else:
            qualified += 1
            words = _QUALIFIER_WORDS[figure.qualifier]
            assert any(w in figure.published for w in words), figure.key
    assert qualified >= 15


def test_cost_pressures_are_held_per_domain(essex: Programme) -> None:
    pressures = {
        f.domain
        for f in essex.figures
        if f.kind in (FigureKind.COST_PRESSURE, FigureKind.SPEND) and f.domain is not None
    }
    assert pressures == {d.key for d in essex.domains if not d.is_enabler}


def test_the_lga_headline_figures(essex: Programme) -> None:
    total = essex.figure("lga_essex_benefits")
    cashable = essex.figure("lga_essex_cashable")
    assert total.source == cashable.source
    assert total.amount is not None and cashable.amount is not None
    assert cashable.amount < total.amount
    other_places = {f.place for f in essex.figures if f.place is not None}
    assert other_places == {
        "Cheshire West and Chester",
        "Tri-borough (Kensington and Chelsea, Hammersmith and Fulham, and Westminster)",
    }


# -- FBC5's family teams -----------------------------------------------------------------------


def test_fbc5_team_plans(essex: Programme) -> None:
    plans = essex.team_plans
    assert [p.project for p in plans] == ["FBC5", "FBC5"]
    for plan in plans:
        _, quote = _split(plan.source)
        numbers = _numbers_in(quote)
        assert plan.teams in numbers and plan.cases_per_team in numbers
        assert plan.starts in quote
        assert plan.unit == "family" and "families" in quote
    first, second = plans
    assert (first.starts, second.starts) == ("Oct 2013", "2014")
    assert first.cases == first.teams * first.cases_per_team
