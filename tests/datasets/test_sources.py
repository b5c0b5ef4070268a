"""The bibliography: documents and citations in the shipped data sets, ``wecb sources`` and
the docs page listing them.

``docs/sources.rst`` is generated from the data sets' documents by :func:`render`; the test
checks the page against the data (run this file with Python to rewrite the page).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import wecb
from seed_documents import SEED_OF, document_text
from wecb.cli import main
from wecb.datasets import DATASETS, essex_2012
from wecb.errors import LoadError, ProgrammeError, ValidationError
from wecb.io import dumps, loads
from wecb.model.documents import (
    Citation,
    Document,
    DocumentKind,
    cited_documents,
    parse_source,
)
from wecb.present.bibliography import bibliography

PAGE = Path(__file__).resolve().parents[2] / "docs" / "sources.rst"
_SEED_NAME = re.compile(r"_[0-9a-f]{16}\.txt|seed 00\d", re.IGNORECASE)


def _underline(text: str, char: str) -> str:
    return f"{text}\n{char * len(text)}\n"


def render() -> str:
    """The text of ``docs/sources.rst``: every data set's documents, from the data."""
    out = [
        ".. This page is generated from the data sets by tests/datasets/test_sources.py",
        "   (run it with Python to rewrite it); a test checks it against the data.",
        "",
        _underline("Sources", "="),
        "Every figure, table, stream and quote in wecb's data sets cites a document by its",
        "key, with the words it rests on (``source = { document = ..., quote = ... }``).",
        "These are the documents, by data set: who issued each, its date as the document",
        "states it, and where a reader can find it. ``wecb sources --dataset NAME`` prints",
        "the same list.",
        "",
    ]
    for name, load in DATASETS.items():
        programme = load()
        listing = bibliography(programme)
        out.append(_underline(f"{programme.name} (``{name}``)", "-"))
        for document in listing.documents:
            out.append(f"``{document.key}``")
            out.append(f"   {document.issued_by}: *{document.title}*, {document.date}")
            out.append(f"   ({document.kind.label}).")
            if document.url is None:
                out.append("   No public URL is known.")
            else:
                out.append(f"   `{document.url} <{document.url}>`__")
            if document.note is not None:
                out.append(f"   {document.note}")
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def test_the_docs_page_lists_the_documents_of_every_data_set() -> None:
    assert PAGE.read_text("utf-8") == render(), "run: python tests/datasets/test_sources.py"


def test_no_user_facing_text_names_a_seed_file() -> None:
    root = PAGE.parents[1]
    for folder in ("src", "docs", "examples"):
        for path in (root / folder).rglob("*"):
            if path.suffix in (".py", ".rst", ".toml", ".json", ".md") and "_build" not in str(
                path
            ):
                found = _SEED_NAME.search(path.read_text("utf-8"))
                assert found is None, f"{path}: {found and found.group()}"
    for name, load in DATASETS.items():
        assert _SEED_NAME.search(dumps(load(), "toml")) is None, name


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_every_data_set_cites_only_its_own_documents(name: str) -> None:
    programme = DATASETS[name]()
    keys = {d.key for d in programme.documents}
    citations = list(cited_documents(programme))
    assert citations, name
    assert {c.document for _, c in citations} <= keys
    # Every document is cited at least once: the bibliography lists nothing unused.
    assert keys <= {c.document for _, c in citations}, name


def test_the_essex_documents_are_the_five_papers_and_two_outside_accounts() -> None:
    essex = essex_2012()
    kinds = {d.key: d.kind for d in essex.documents}
    assert set(SEED_OF) < set(kinds)
    assert kinds["tdc_cabinet_2012_11_07"] is DocumentKind.CABINET_PAPER
    assert kinds["public_finance_2013_03_13"] is DocumentKind.NEWS_ARTICLE
    for key in set(kinds) - set(SEED_OF):  # found outside the seeds: a URL to check it
        assert essex_2012_document(key).url is not None


def essex_2012_document(key: str) -> Document:
    return next(d for d in essex_2012().documents if d.key == key)


def test_the_414m_horizon_and_net_basis_are_cited() -> None:
    essex = essex_2012()
    nao = essex.figure("essex_net_benefits_six_years")
    plan = essex.figure("operational_plan_net_benefits")
    for figure, words in (
        (nao, "£414m in ‘net benefits’"),
        (plan, "£414 million in net benefits"),
    ):
        assert isinstance(figure.source, Citation)
        assert words in figure.source.quote
        assert figure.amount == wecb.Money.parse("£414m")
    assert nao.over == "six years" and "over six years" in str(nao.source)
    cashable = essex.figure("operational_plan_cashable")
    other = essex.figure("operational_plan_other_benefits")
    assert cashable.amount is not None and other.amount is not None
    assert cashable.amount + other.amount == plan.amount  # £127m + £287m = £414m
    assert "£414 million of benefits" in document_text("lga_forum_note_2012")


def test_tri_borough_38m_states_no_span() -> None:
    figure = essex_2012().figure("tri_borough_efficiencies")
    assert figure.over is None  # "by year five" is a level, not a five-year total
    assert figure.published == "£38 million by year five"
    assert "£38 million by year five" in document_text("lga_forum_note_2012")


def test_an_unknown_document_is_refused_with_its_place_and_the_known_keys() -> None:
    essex = essex_2012()
    partner = attrs.evolve(essex.partners[0], source=Citation(document="cabinet_2099", quote="x"))
    with pytest.raises(ProgrammeError) as error:
        essex.evolve(partners=(partner, *essex.partners[1:]))
    message = str(error.value)
    assert f"partners['{partner.key}'].source.document: unknown document 'cabinet_2099'" in message
    assert "'ecc_cabinet_issues_2012_10_30'" in message


def test_a_file_citing_an_unknown_document_names_entry_and_field() -> None:
    text = dumps(essex_2012(), "toml").replace(
        'document = "ecc_cbud01_2011"', 'document = "ecc_cbud01"', 1
    )
    with pytest.raises(LoadError) as error:
        loads(text, "toml")
    assert "source.document" in str(error.value) and "'ecc_cbud01'" in str(error.value)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"key": "Cabinet paper"}, "Document.key"),
        ({"title": " "}, "Document.title"),
        ({"kind": "cabinet_paper"}, "Document.kind"),
        ({"url": "tdcdemocracy.tendringdc.gov.uk"}, "Document.url"),
        ({"url": "https://example.org/a b"}, "Document.url"),
    ],
)
def test_a_bad_document_is_refused_naming_its_field(
    changes: dict[str, object], field: str
) -> None:
    fields: dict[str, object] = {
        "key": "k",
        "title": "T",
        "issued_by": "B",
        "date": "2012",
        "kind": DocumentKind.OTHER,
        **changes,
    }
    with pytest.raises((ValidationError, TypeError)) as error:
        Document(**fields)  # type: ignore[arg-type]
    assert str(error.value).startswith(field)


_KEYS = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,20}", fullmatch=True)
_TEXT = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40).filter(
    str.strip
)


@given(_KEYS, _TEXT, st.none() | _TEXT.filter(lambda t: '): "' not in t and "(" not in t[:1]))
def test_a_citation_reads_back_from_its_cell_text(
    key: str, quote: str, locator: str | None
) -> None:
    citation = Citation(document=key, quote=quote, locator=locator)
    assert parse_source(str(citation)) == citation


@given(_TEXT.filter(lambda t: not t.rstrip().endswith('"')))
def test_free_text_not_ending_in_a_quote_stays_text(text: str) -> None:
    assert parse_source(text) == text


def test_citations_survive_toml_json_and_the_workbook(tmp_path: Path) -> None:
    essex = essex_2012()
    for fmt in ("toml", "json"):
        assert loads(dumps(essex, fmt), fmt) == essex  # type: ignore[arg-type]
    path = wecb.io.write_workbook(essex, tmp_path / "essex.xlsx")
    assert wecb.io.read_workbook(path) == essex


def test_wecb_sources_lists_each_document_and_where_to_find_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["sources"]) == 0
    out = capsys.readouterr().out
    essex = essex_2012()
    assert out.startswith(f"Sources of {essex.name}: {len(essex.documents)} documents")
    for document in essex.documents:
        assert f"\n{document.key} ({document.kind.label}, cited " in out
        assert f"where found: {document.where_found}\n" in out
    assert "where found: no public URL known" in out
    assert _SEED_NAME.search(out) is None


def test_wecb_sources_takes_a_file_or_a_data_set_not_both(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "essex.toml"
    path.write_text(dumps(essex_2012(), "toml"), "utf-8")
    assert main(["sources", str(path)]) == 0
    from_file = capsys.readouterr().out
    assert main(["sources", "--dataset", "essex-2012"]) == 0
    assert capsys.readouterr().out == from_file
    assert main(["sources", str(path), "--dataset", "essex-2012"]) == 1
    assert "give FILE or --dataset NAME, not both" in capsys.readouterr().err


def test_the_bibliography_is_a_result_with_rows_and_assumptions() -> None:
    listing = bibliography(essex_2012())
    rows = listing.rows()
    assert [r["key"] for r in rows] == [d.key for d in essex_2012().documents]
    assert sum(r["cited"] for r in rows) == len(list(cited_documents(essex_2012())))
    assert {a.name for a in rows.assumptions} == {"date", "url", "cited"}
    assert "Sources of Whole Essex Community Budget" in str(listing)


if __name__ == "__main__":
    PAGE.write_text(render(), "utf-8")
    sys.stdout.write(f"wrote {PAGE}\n")
