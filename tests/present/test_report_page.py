"""The report to hand round (wecb.present.report): its sections, figures and the page."""

from __future__ import annotations

import base64
import html
import re
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest

import wecb
from samples import triage_programme
from wecb import FinancialYear
from wecb.appraisal import Phasing
from wecb.errors import ValidationError, WecbTypeError
from wecb.present.report import Plot, Report, Section, programme_report

FY = FinancialYear

HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">&amp;'
PHASING = Phasing(
    {
        "to_mar_2013": {FY(2012): 1},
        "further_implementation": dict.fromkeys(FY.range(FY(2014), FY(2016)), 1),
        "appraisal_horizon": dict.fromkeys(FY.range(FY(2014), FY(2018)), 1),
    },
    note="the docs' example phasing",
)


def hostile_essex() -> wecb.Programme:
    """Essex with markup in the programme's name, a project's title and a partner's name."""
    essex = wecb.datasets.essex_2012()
    project = essex.project("FBC1")
    changed = essex.with_project(attrs.evolve(project, title=f"Integrated {HOSTILE}"))
    partners = (attrs.evolve(essex.partners[0], name=f"Council {HOSTILE}"), *essex.partners[1:])
    return attrs.evolve(changed, name=f"Essex {HOSTILE}", partners=partners)


class _Elements(HTMLParser):
    """The tags and attributes of a page, as a browser's parser would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def elements(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(page)
    return parser.tags


@pytest.fixture(scope="module")
def essex_report() -> Report:
    essex = wecb.datasets.essex_2012()
    claims = wecb.reconcile(essex, wecb.datasets.essex_2012_claims(essex))
    return programme_report(essex, phasing=PHASING, reconciliation=claims, plots=False)


def test_sections_in_order(essex_report: Report) -> None:
    assert [s.key for s in essex_report.sections] == [
        "headline",
        "tables",
        "appraisal",
        "plots",
        "reconciliation",
        "assumptions",
        "bibliography",
    ]


def test_headline_figures_are_the_results_figures(essex_report: Report) -> None:
    essex = wecb.datasets.essex_2012()
    result = wecb.appraise(essex, base_year=FY(2012), price_base=FY(2012), phasing=PHASING)
    total = wecb.rollup(essex, by="domain").total
    npv = result.financial_case.net_present_budget_impact().amount
    assert essex_report.headline("net benefit") == total.net.format()
    assert essex_report.headline("costs") == total.costs.format()
    assert essex_report.headline("net present budget impact") == npv.format()
    assert total.net.is_positive()  # one sign: a saving is positive
    # The summary's headline: the funding gap the reconciliation reports.
    claims = wecb.reconcile(essex, wecb.datasets.essex_2012_claims(essex))
    gap = wecb.present.headline.programme_headline(essex, reconciliation=claims, phasing=None)
    assert gap.funding_gap is not None
    assert essex_report.headline("funding gap") == gap.funding_gap.format()
    titles = [t.title for t in essex_report.sections[0].tables]
    assert titles[:3] == [
        "Net benefit: benefits - costs, positive = saving (undiscounted)",
        "Funding: the requirement against the funding recorded",
        "Appraisal and reconciliation",
    ]
    with pytest.raises(ValidationError, match="one of: net benefit"):
        essex_report.headline("npv")


def test_the_phasing_used_is_stated(essex_report: Report) -> None:
    appraisal = essex_report.sections[2]
    assert appraisal.paragraphs[0].startswith("Phasing used (the docs' example phasing): ")
    assert "further_implementation: 2014/15 1, 2015/16 1, 2016/17 1" in appraisal.paragraphs[0]
    assert appraisal.tables  # the appraisal's own table, its assumptions in its notes


def test_without_a_phasing_the_report_says_why_there_is_no_appraisal() -> None:
    page = programme_report(wecb.datasets.essex_2012(), plots=False)
    text = page.sections[2].paragraphs
    assert text[0].startswith("Not appraised: no phasing stated.")
    assert text[1] == "Phasing: none stated."
    assert page.headline("net present value") == "not appraised"


def test_a_headline_programme_has_no_flows_and_says_so() -> None:
    page = programme_report(wecb.datasets.tri_borough_2012(), plots=False)
    tables = page.sections[1]
    assert tables.tables == () and "No cash flows" in tables.absent[0]
    titles = [t.title for t in page.sections[0].tables]
    assert "Published figures (as their documents state them)" in titles


def test_every_assumption_of_every_result_is_listed(essex_report: Report) -> None:
    listed = essex_report.sections[5].tables[0]
    values = {(row[1], row[2]) for row in listed.rows}
    essex = wecb.datasets.essex_2012()
    result = wecb.appraise(essex, base_year=FY(2012), price_base=FY(2012), phasing=PHASING)
    for source in (result, wecb.who_pays(essex), wecb.present.bibliography.bibliography(essex)):
        for assumption in source.assumptions():
            assert (assumption.name, assumption.value) in values
    assert set(essex_report.assumptions()) >= set(result.assumptions())


def test_the_reconciliation_given_is_shown(essex_report: Report) -> None:
    section = essex_report.sections[4]
    assert section.paragraphs[0].startswith("12 checks of published totals")
    assert section.tables[0].title is not None and "12 checks" in section.tables[0].title


def test_the_page_is_self_contained_and_runs_no_script(essex_report: Report) -> None:
    page = essex_report.to_html()
    tags = elements(page)
    assert page.startswith("<!DOCTYPE html>")
    assert not [t for t, _ in tags if t in ("script", "link", "iframe", "object", "embed")]
    assert not re.search(r"(?i)\b(?:src|href)=\"(?!data:|#)", page)  # nothing fetched
    assert not re.search(r"(?i)@import|url\(|https?://fonts", page.partition("</style>")[0])
    policy = [
        a.get("content") for t, a in tags if a.get("http-equiv") == "Content-Security-Policy"
    ]
    assert policy == ["default-src 'none'; img-src data:; style-src 'unsafe-inline'"]
    assert "@media print" in page and "break-before: page" in page


def test_hostile_text_is_escaped_everywhere() -> None:
    page = programme_report(hostile_essex(), phasing=PHASING, plots=False).to_html()
    tags = elements(page)
    assert [t for t, _ in tags if t == "script"] == []
    assert not [a for _, a in tags if any(k.startswith("on") for k in a)]
    assert [a.get("src") for t, a in tags if t == "img"] == []
    assert html.escape(HOSTILE) in page
    assert "<title>Essex &lt;script&gt;" in page


@pytest.mark.skipif(
    __import__("importlib").util.find_spec("matplotlib") is None, reason="needs wecb[plot]"
)
def test_plots_are_inline_pngs_one_image_each() -> None:
    essex = wecb.datasets.essex_2012()
    page = programme_report(essex, phasing=PHASING)
    plots = page.plots()
    assert [p.title for p in plots] == ["Benefits and costs by domain", "Cumulative net benefit"]
    images = [a for t, a in elements(page.to_html()) if t == "img"]
    assert len(images) == len(plots)
    for plot, image in zip(plots, images, strict=True):
        src = image["src"] or ""
        assert src.startswith("data:image/png;base64,")
        assert base64.b64decode(src.partition(",")[2]) == plot.png
        assert (image["width"], image["height"]) == (str(plot.width), str(plot.height))
        assert plot.width > 300 and plot.height > 200
    assert "Phasing: the docs' example phasing." in plots[1].caption
    undrawn = page.sections[3].absent
    assert undrawn == (
        "Who pays, who benefits: no heat map, no cost or benefit is attributed to a partner "
        "(see the table under Tables).",
    )


def test_write_replaces_the_file_whole(tmp_path: Path, essex_report: Report) -> None:
    target = tmp_path / "report.html"
    target.write_text("old", encoding="utf-8")
    assert essex_report.write(target) == target
    assert target.read_text(encoding="utf-8") == essex_report.to_html()
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_text_form_shows_every_table_with_its_notes(essex_report: Report) -> None:
    text = str(essex_report)
    assert text.startswith("Net benefit: benefits - costs, positive = saving")
    assert len(essex_report.tables()) >= 10
    assert "assumptions:\n  - discount schedule: green_book_stpr" in text
    assert repr(essex_report) == (
        "<Report 'Whole Essex Community Budget: report': 7 sections, 0 plots>"
    )


def test_bad_arguments_are_refused() -> None:
    essex = wecb.datasets.essex_2012()
    with pytest.raises(WecbTypeError, match=r"programme_report\.programme"):
        programme_report("essex", plots=False)  # type: ignore[arg-type]
    result = wecb.appraise(essex, base_year=FY(2012), price_base=FY(2012), phasing=PHASING)
    with pytest.raises(ValidationError, match="not both"):
        programme_report(essex, appraisal=result, phasing=PHASING, plots=False)
    with pytest.raises(WecbTypeError, match="PNG"):
        Plot(title="t", caption="c", png=b"GIF89a")
    with pytest.raises(WecbTypeError):
        Section(key="k", heading="h", tables=("not a table",))  # type: ignore[arg-type]


@pytest.mark.skipif(
    __import__("importlib").util.find_spec("matplotlib") is None, reason="needs wecb[plot]"
)
def test_attributed_money_and_a_monte_carlo_run_add_their_plots() -> None:
    from wecb import Nature  # noqa: PLC0415
    from wecb.appraisal import Selector, Triangular, Uncertainty, monte_carlo  # noqa: PLC0415

    programme = triage_programme()
    result = wecb.appraise(programme, base_year=FY(2014), price_base=FY(2014))
    overrun = Uncertainty(
        name="cost overrun",
        distribution=Triangular(low="0.9", central="1", high="1.4"),
        applies_to=Selector(nature=Nature.COST),
    )
    run = monte_carlo(result, (overrun,), draws=200, seed=7)
    page = programme_report(programme, appraisal=result, sensitivity=run)
    assert [p.title for p in page.plots()] == [
        "Benefits and costs by domain",
        "Cumulative net benefit",
        "Who pays, who benefits",
        "Distribution of the net present value",
    ]
    assert page.sections[3].absent == ()
    assert "200 Monte Carlo draws, seed 7" in page.plots()[3].caption
    assert set(run.assumptions()) <= set(page.assumptions())
    assert page.sections[2].tables[-len(run.tables()) :] == run.tables()
    assert page.sections[2].paragraphs[0] == "Phasing: none stated."
