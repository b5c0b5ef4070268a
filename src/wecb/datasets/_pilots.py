"""The four whole place community budget pilots of 2012 side by side (``pilots_2012``).

The headline figures are read from the four data sets (:data:`PILOT_HEADLINES` names
them, with what each measures in its document's words); the collective and national
figures they are set against are here (:data:`NATIONAL_FIGURES`, citing
:data:`NATIONAL_DOCUMENTS`):

* the Department for Communities and Local Government's "£800m net savings over five
  years", collectively, checked against the pilots' five-year net figures: only those
  with that horizon and basis are added; every other headline is listed as not
  comparable, with the reason (a six-year horizon, a yearly level, no stated span, not
  stated as net). The difference is reported, not forced away;
* the estimate the Local Government Association commissioned from Ernst & Young, a
  five-year net benefit of £9.4bn-£20.6bn nationally, beside the same five-year total.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import attrs

from wecb.core.money import Money
from wecb.datasets._pilot_comparison import (
    NationalComparison,
    PilotComparison,
    PilotFigure,
)
from wecb.errors import ReconciliationError, WecbError
from wecb.model.documents import Citation, Document, DocumentKind
from wecb.model.facts import Figure, FigureKind
from wecb.model.programme import Programme
from wecb.reconciliation.checks import Check
from wecb.reconciliation.report import Reconciliation

__all__ = [
    "NATIONAL_DOCUMENTS",
    "NATIONAL_FIGURES",
    "PILOT_HEADLINES",
    "PilotHeadline",
    "compare_pilots",
]

_DCLG: Final = "dclg_cb00"
_EY: Final = "lga_ey_aggregation"

#: The documents the collective and national figures cite.
NATIONAL_DOCUMENTS: Final = (
    Document(
        key=_DCLG,
        title="Community Budgets: Written evidence from the Department for Communities and "
        "Local Government (CB 00)",
        issued_by="Department for Communities and Local Government, to the Communities and "
        "Local Government Committee",
        date="2013 (Session 2013-14)",
        kind=DocumentKind.SUBMISSION,
        url="https://publications.parliament.uk/pa/cm201314/cmselect/cmcomloc/writev/budgets/m0.htm",
    ),
    Document(
        key=_EY,
        title="Whole Place Community Budgets: A Review of the Potential for Aggregation",
        issued_by="Ernst & Young, for the Local Government Association",
        date="January 2013",
        kind=DocumentKind.OTHER,
        url="https://vdocuments.us/local-government-association-the-potential-5-year-net-benefit1-of-community.html",
        note="The URL is a transcribed public copy; the '1' after 'benefit' in the quote is "
        "the report's footnote mark.",
    ),
)

_DCLG_QUOTE: Final = (
    "Collectively the pilots outline £800m net savings over five years when their plans are "
    "fully implemented;"
)
_EY_QUOTE: Final = "The potential 5 year net benefit1 of community budgets is £9.4bn-£20.6bn."


def _national(key: str, label: str, amount: str, published: str, quote: str) -> Figure:
    document = _DCLG if quote == _DCLG_QUOTE else _EY
    return Figure(
        key=key,
        label=label,
        kind=FigureKind.SAVING,
        amount=Money(amount),
        over="five years",
        published=published,
        source=Citation(document=document, quote=quote),
    )


#: The collective (DCLG) and national (LGA, Ernst & Young) figures, as published.
NATIONAL_FIGURES: Final = (
    _national(
        "dclg_pilots_net_savings_5y",
        "Net savings the four pilots outline over five years, collectively (DCLG)",
        "800000000",
        "£800m net savings over five years",
        _DCLG_QUOTE,
    ),
    _national(
        "lga_national_net_benefit_5y_low",
        "National five-year net benefit, low end (LGA, Ernst & Young)",
        "9400000000",
        "£9.4bn",
        _EY_QUOTE,
    ),
    _national(
        "lga_national_net_benefit_5y_high",
        "National five-year net benefit, high end (LGA, Ernst & Young)",
        "20600000000",
        "£20.6bn",
        _EY_QUOTE,
    ),
)


@attrs.frozen
class PilotHeadline:
    """A headline figure of a pilot: the data set, the figure key, what it measures in its
    document's words and whether the document calls it net."""

    dataset: str
    figure: str
    measure: str
    net: bool


#: The headline figures of each pilot, in order: every account of its overall benefit.
PILOT_HEADLINES: Final = (
    PilotHeadline("essex-2012", "lga_essex_benefits", "benefits", net=False),
    PilotHeadline("essex-2012", "operational_plan_net_benefits", "net benefits", net=True),
    PilotHeadline("essex-2012", "essex_net_benefits_six_years", "net benefits", net=True),
    PilotHeadline(
        "cheshire-west-and-chester-2012", "net_benefit_5y", "net financial benefit", True
    ),
    PilotHeadline("cheshire-west-and-chester-2012", "savings_5y_nao", "savings", net=False),
    PilotHeadline(
        "cheshire-west-and-chester-2012",
        "savings_5y_lga_later",
        "savings, for an investment of £41m",
        net=False,
    ),
    PilotHeadline("greater-manchester-2012", "net_savings_5y", "net savings", net=True),
    PilotHeadline("tri-borough-2012", "net_efficiencies_by_year_five", "net efficiencies", True),
    PilotHeadline("tri-borough-2012", "net_savings_annual", "net savings", net=True),
)

#: The horizon the collective and national figures state.
_YEARS: Final = 5
#: "£800m" is written to the nearest £1m.
_TOLERANCE: Final = Money("500000")


def _pilot_figure(name: str, programme: Programme, headline: PilotHeadline) -> PilotFigure:
    where = f"data set {name!r}"
    try:
        figure = programme.figure(headline.figure)
    except WecbError as exc:
        raise ReconciliationError(f"{where} has no headline figure: {exc}") from exc
    source = figure.source
    if figure.amount is None or not isinstance(source, Citation):
        raise ReconciliationError(
            f"{where}, figure {figure.key!r}: a headline figure is an amount with a citation"
        )
    documents = {d.key: d for d in programme.documents}
    return PilotFigure(
        place=figure.place or programme.place,
        dataset=name,
        figure=figure,
        measure=headline.measure,
        net=headline.net,
        document=documents[source.document],
    )


def _reason(row: PilotFigure) -> str | None:
    """Why ``row`` cannot be added to a five-year net total, or ``None`` if it can."""
    years = row.years
    if row.figure.per:
        why = "a yearly level; a five-year total would need the years before it is reached"
    elif years is None:
        why = f"no span of years stated ({row.figure.published})"
    elif years != _YEARS:
        why = f"a {years}-year total, not a five-year one"
    elif not row.net:
        why = f"{row.measure!r}: not stated as net"
    else:
        return None
    return f"{row.place}, {row.figure.key} ({row.amount}): {why}"


def _collective(rows: tuple[PilotFigure, ...]) -> tuple[Check, tuple[str, ...], Money]:
    chosen: dict[str, PilotFigure] = {}
    left_out: list[str] = []
    for row in rows:
        reason = _reason(row)
        if reason is None and row.place not in chosen:
            chosen[row.place] = row
        elif reason is None:
            first = chosen[row.place].figure.key
            left_out.append(
                f"{row.place}, {row.figure.key} ({row.amount}): another five-year net figure "
                f"of the same place; the first, {first}, is added (one figure per place)"
            )
        else:
            left_out.append(reason)
    total = sum((r.amount for r in chosen.values()), Money(0))
    claimed = NATIONAL_FIGURES[0]
    assert claimed.amount is not None and isinstance(claimed.source, Citation)
    missing = sorted({r.place for r in rows} - set(chosen))
    check = Check(
        "DCLG: the pilots' £800m net savings over five years",
        claimed.amount,
        total,
        f'{claimed.source.document}: "{claimed.source.quote}"',
        _TOLERANCE,
        derivation="five-year net figures added: "
        + " + ".join(f"{r.place} {r.amount} ({r.figure.key})" for r in chosen.values()),
        note="Both sides five years and net. Places with no five-year net figure, so left "
        f"out of the derived total: {', '.join(missing) or 'none'} (see 'Not comparable'). "
        "Tolerance £0.5m: '£800m' is written to the nearest £1m. Reported as found, not "
        "adjusted to agree.",
    )
    return check, tuple(left_out), total


def compare_pilots(programmes: Mapping[str, Programme]) -> PilotComparison:
    """The comparison of ``programmes`` (data set name -> programme) by :data:`PILOT_HEADLINES`.

    Raises :class:`~wecb.errors.ReconciliationError` naming the data set and figure when a
    headline is missing or is not an amount with a citation."""
    unknown = sorted({h.dataset for h in PILOT_HEADLINES} - set(programmes))
    if unknown:
        raise ReconciliationError(
            f"the pilots' comparison needs the data sets {', '.join(map(repr, unknown))}"
        )
    rows = tuple(_pilot_figure(h.dataset, programmes[h.dataset], h) for h in PILOT_HEADLINES)
    check, left_out, total = _collective(rows)
    documents: dict[str, Document] = {}
    for document in (*(r.document for r in rows), *NATIONAL_DOCUMENTS):
        if documents.setdefault(document.key, document) != document:
            raise ReconciliationError(
                f"document {document.key!r} is described differently in two data sets: "
                f"{documents[document.key]} / {document}"
            )
    return PilotComparison(
        figures=rows,
        reconciliation=Reconciliation(subject="the four pilots of 2012", checks=(check,)),
        national=NationalComparison(
            pilots_total=total,
            pilots_horizon="five years",
            low=NATIONAL_FIGURES[1],
            high=NATIONAL_FIGURES[2],
        ),
        not_comparable=left_out,
        documents=tuple(documents.values()),
    )
