"""One sign: wherever wecb says "net benefit", positive is a saving.

wecb 0.1.0 gave three signs in three places: ``wecb summary`` led with "-£301.0m" (the
published net-cost convention) under "net total", ``rollup(...).total.net`` was £301.0m, and
a project's repr said "net total -£87.6m". The published net columns now appear only under
their own name, "net cost as published".
"""

from __future__ import annotations

import pytest

import wecb
from wecb.core.assumptions import assumption_notes
from wecb.core.money import Money
from wecb.datasets import essex_2012
from wecb.model.programme import Programme
from wecb.present.summary import (
    PUBLISHED_ASSUMPTIONS,
    TABLES_ASSUMPTIONS,
    programme_summary,
    published_table,
    tables_table,
)
from wecb.reconciliation import reconcile


@pytest.fixture(scope="module")
def essex() -> Programme:
    return essex_2012()


def sections(text: str) -> dict[str, str]:
    """The summary's sections by their heading (the first line after a blank line)."""
    out = {}
    for block in text.split("\n\n"):
        heading, _, body = block.partition("\n")
        out[heading] = body
    return out


def test_the_summary_leads_with_the_net_benefit_positive(essex: Programme) -> None:
    text = programme_summary(essex)
    found = sections(text)
    (tables,) = (body for head, body in found.items() if head.startswith("Cost-benefit"))
    header, _, *_, total = tables.split("assumptions:")[0].strip().splitlines()
    assert header.split()[-2:] == ["net", "benefit"]
    assert total.split()[0] == "Total" and total.split()[-1] == "£301.0m"
    assert "-£301.0m" not in tables


def test_published_net_costs_appear_only_as_net_cost_as_published(essex: Programme) -> None:
    text = programme_summary(essex)
    found = sections(text)
    (heading,) = (head for head in found if "-£301.0m" in found[head])
    assert heading.startswith("Net cost as published")
    assert text.count("-£301.0m") == 1
    assert "net total" not in text  # the published column is no longer called that


def test_every_place_gives_the_same_net_benefit(essex: Programme) -> None:
    published = published_table(essex)
    derived = tables_table(essex)
    assert published is not None and derived is not None
    assert published.footer is not None and derived.footer is not None
    net_benefit = derived.footer[-1]
    assert net_benefit == Money("300982000")
    assert net_benefit == -published.footer[-1]
    assert net_benefit == wecb.rollup(essex, by="project").total.net
    for project in essex.projects:
        if project.table is not None:
            assert project.table.net_benefit.is_positive()
            assert f"net benefit {project.table.net_benefit.format()}," in repr(project)


def test_project_repr_says_net_benefit(essex: Programme) -> None:
    text = repr(essex.project("FBC1"))
    assert ", net benefit £87.6m," in text
    assert "net total" not in text and "-£87.6m" not in text


def test_summary_tables_state_their_assumptions(essex: Programme) -> None:
    derived, published = tables_table(essex), published_table(essex)
    assert derived is not None and published is not None
    assert derived.notes[-len(TABLES_ASSUMPTIONS) - 1 :] == assumption_notes(TABLES_ASSUMPTIONS)
    assert published.notes == assumption_notes(PUBLISHED_ASSUMPTIONS)
    assert "positive is a saving" in str(TABLES_ASSUMPTIONS[0])
    assert "negative is a saving" in str(PUBLISHED_ASSUMPTIONS[0])
    assert "net cost as published" in derived.to_html()


def test_summary_fits_in_80_columns(essex: Programme) -> None:
    assert all(len(line) <= 80 for line in programme_summary(essex).splitlines())


def test_reconciliation_names_the_published_convention(essex: Programme) -> None:
    report = reconcile(essex)
    assert report.checks
    for check in report:
        assert "net cost as published" in check.label
        assert check.derivation is not None and "net cost as published" in check.derivation
    assert "net cost as published" in str(report).split("assumptions:")[1]
