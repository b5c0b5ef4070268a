"""The published totals the Essex 2012 programme is checked against (its claim set).

Particular to the Essex data set, so kept beside it rather than in the generic
:mod:`wecb.reconciliation`; exposed as :func:`wecb.datasets.essex_2012_claims`. Each
claim cites the data set's documents (:attr:`Programme.documents
<wecb.model.programme.Programme.documents>`) by key, with the sentence it rests on.
"""

from __future__ import annotations

import functools
from typing import Final

from wecb.core.money import Money
from wecb.errors import ReconciliationError, WecbError
from wecb.model.documents import Citation
from wecb.model.funding import PROGRAMME
from wecb.model.programme import Programme
from wecb.reconciliation import Claim, Derived, table_claims

__all__ = ["essex_2012_claims"]

_FUNDING_SENTENCE: Final = Citation(
    document="ecc_cabinet_issues_2012_10_30",
    quote="In total, the Programme requires £1.949m of which it is estimated that £0.815m will "
    "be costs that will be funded by the County Council. Based on previous funding made "
    "available to the Whole Essex Communities Budgets programme there is a project "
    "underspend of £0.6m leaving the above requirement of £0.215m.",
)
_LGA_SENTENCE: Final = Citation(
    document="lga_forum_note_2012",
    quote="in Essex, they are modelling £414 million of benefits across their plans of which "
    "£127 million are cashable savings.",
)
#: What the £414m and £127m are: net of costs (the Operational Plan's and the NAO case
#: study's word), over six years (the NAO case study's horizon).
_NET_BASIS: Final = (
    "The £414m is net of costs: the Operational Plan gives '£414 million in net benefits "
    "(£127 million in cashable savings ...)' (figure operational_plan_net_benefits, document "
    "wecb_operational_plan_2012) and the NAO case study '£414m in ‘net benefits’ ... over six "
    "years' (figure essex_net_benefits_six_years, document public_finance_2013_03_13); the "
    "LGA note states neither basis nor horizon."
)
_LGA_NOTE: Final = (
    f"Net with net. {_NET_BASIS} The horizons cannot be matched: the FBC tables' benefit "
    "columns are unphased totals over a horizon the tables do not state, so six years of "
    "them cannot be taken; 'across their plans' may also cover more than the five tables. "
    "Tolerance £0.5m because the LGA rounds to the nearest £1m. Reported as found, not "
    "adjusted to agree."
)
_GROSS_REASON: Final = (
    f"{_NET_BASIS} The tables' gross benefit is before costs, so the two are not like with "
    "like; the net comparison is the one to read."
)
#: The LGA rounds to the nearest £1m.
_LGA_TOLERANCE: Final = Money("500000")


def essex_2012_claims(programme: Programme) -> tuple[Claim, ...]:
    """The published totals the Essex 2012 programme is checked against.

    1. Each FBC table's net cost as published: cashable + non-cashable = total
       (:func:`wecb.reconciliation.claims.table_claims`).
    2. The programme's funding (the Essex Cabinet issues of 30 October 2012). The sentence
       *states* one piece of arithmetic: the County Council's estimated £0.815m less the
       £0.6m project underspend leaves the £0.215m requirement (met from the Transformation
       Reserve). It *leaves unstated* who funds the other £1.134m of the £1.949m the
       programme requires: that check compares £1.949m with the funding the model records
       for the programme and reports the unattributed remainder as a difference, rather
       than inventing a funder.
    3. The LGA's "£414 million of benefits ... of which £127 million are cashable" (its
       Councillors' Forum note) against the five tables' net benefits, total and cashable:
       like with like, since the Operational Plan and the NAO case study give the £414m as
       net benefits (over six years, the NAO says). They do not agree; each check says by
       how much, and that the horizons cannot be matched. Against the tables' *gross*
       benefits the figures are reported as not comparable, with that reason.

    Claimed figures are read from the programme's published figures
    (``programme_requirement``, ``programme_ecc_share``, ``lga_essex_benefits``,
    ``lga_essex_cashable``) and funding stream ``transformation_reserve``; derived ones
    from its tables and funding streams. A missing entry raises
    :class:`~wecb.errors.ReconciliationError` naming it.

    >>> import wecb
    >>> essex = wecb.datasets.essex_2012()
    >>> report = wecb.reconcile(essex, essex_2012_claims(essex))
    >>> len(report), report.passed, report.failed, report.not_comparable
    (12, 7, 3, 2)
    """
    return (*table_claims(programme), *_funding_claims(programme), *_lga_claims(programme))


# --------------------------------------------------------------------------- reading figures


def _figure_amount(programme: Programme, key: str) -> Money:
    try:
        figure = programme.figure(key)
    except WecbError as exc:
        raise ReconciliationError(
            f"the Essex claims need the published figure {key!r} in the programme: {exc}"
        ) from exc
    if figure.amount is None:
        raise ReconciliationError(f"figure {key!r} has no amount")
    return figure.amount


def _stream_amount(programme: Programme, key: str) -> Money:
    stream = programme.stream(key)
    if stream.amount is None:
        raise ReconciliationError(f"funding stream {key!r} has no amount")
    return stream.amount


# --------------------------------------------------------------------------- funding


def _ecc_less_underspend(programme: Programme) -> Derived:
    share = _figure_amount(programme, "programme_ecc_share")
    underspend = _stream_amount(programme, "wecb_underspend")
    return share - underspend, (
        f"County Council share {share} (figure programme_ecc_share) - project "
        f"underspend {underspend} (stream wecb_underspend)"
    )


def _programme_streams(programme: Programme, funder: str | None) -> Derived:
    """The funding streams given to the programme, by ``funder`` (``None``: all)."""
    chosen = [
        s
        for s in programme.funding_streams
        if s.recipient == PROGRAMME
        and s.amount is not None
        and (funder is None or s.funder == funder)
    ]
    total = sum((s.total for s in chosen), Money.zero(programme.currency))
    how = " + ".join(f"{s.key} {s.total}" for s in chosen) or "no quantified stream"
    who = "all funders" if funder is None else f"funder {funder!r}"
    return total, f"funding streams given to the programme ({who}): {how}"


def _funding_claims(programme: Programme) -> tuple[Claim, ...]:
    """The arithmetic the funding sentence states, and the part it leaves unstated."""
    try:
        reserve = _stream_amount(programme, "transformation_reserve")
    except WecbError as exc:
        raise ReconciliationError(
            f"the Essex claims need funding stream 'transformation_reserve': {exc}"
        ) from exc
    stated = Claim(
        label="Funding (stated): ECC share - underspend = requirement £0.215m",
        claimed=reserve,
        derive=_ecc_less_underspend,
        source=_FUNDING_SENTENCE,
        note=(
            "The arithmetic the sentence states: £0.815m - £0.6m = £0.215m, the "
            "requirement Cabinet agreed to fund by a withdrawal from the Transformation "
            "Reserve (claimed figure: stream transformation_reserve)."
        ),
    )
    ecc = Claim(
        label="Funding: ECC share £0.815m = ECC streams to the programme",
        claimed=_figure_amount(programme, "programme_ecc_share"),
        derive=functools.partial(_programme_streams, funder="ecc"),
        source=_FUNDING_SENTENCE,
        note=(
            "The County Council's share is met by the £0.6m underspend and the £0.215m "
            "Transformation Reserve withdrawal, as the model's funding streams record."
        ),
    )
    unstated = Claim(
        label="Funding (unstated): requirement £1.949m = all funding to the programme",
        claimed=_figure_amount(programme, "programme_requirement"),
        derive=functools.partial(_programme_streams, funder=None),
        source=_FUNDING_SENTENCE,
        note=(
            "Left unstated by the source: it attributes only the estimated £0.815m to "
            "the County Council and does not say who funds the remaining £1.949m - "
            "£0.815m = £1.134m. The difference is that unattributed remainder: a gap "
            "in the sources, not an arithmetic error, reported rather than filled in."
        ),
    )
    return stated, ecc, unstated


# --------------------------------------------------------------------------- LGA


def _sum_tables(programme: Programme, attribute: str, what: str) -> Derived:
    """The tables' ``attribute``, summed over every project with a table."""
    total = Money.zero(programme.currency)
    parts = []
    for project in programme.projects:
        table = project.table
        if table is None:
            continue
        value: Money = getattr(table, attribute)
        total = total + value
        parts.append(f"{project.key} {value}")
    if not parts:
        raise ReconciliationError("the programme has no cost-benefit tables")
    return total, f"{what} summed over the {len(parts)} tables: " + " + ".join(parts)


#: (label, figure claimed, table attribute summed, what the sum is, why not comparable)
#: for each LGA check.
_LGA_CHECKS: Final = (
    (
        "LGA £414m benefits vs the five tables' gross benefits",
        "lga_essex_benefits",
        "gross_benefit",
        "gross benefit (costs + net saving)",
        _GROSS_REASON,
    ),
    (
        "LGA £414m benefits vs the five tables' net benefits",
        "lga_essex_benefits",
        "net_benefit",
        "net benefit (minus the net cost as published, total)",
        None,
    ),
    (
        "LGA £127m cashable vs the five tables' gross cashable benefits",
        "lga_essex_cashable",
        "gross_cashable_benefit",
        "gross cashable benefit",
        _GROSS_REASON,
    ),
    (
        "LGA £127m cashable vs the five tables' net cashable benefits",
        "lga_essex_cashable",
        "net_cashable_benefit",
        "net cashable benefit (minus the net cost as published, cashable)",
        None,
    ),
)


def _lga_claims(programme: Programme) -> tuple[Claim, ...]:
    """The LGA's headline figures against the tables' net benefits (like with like) and
    gross benefits (not comparable, with the reason)."""
    figures = ("lga_essex_benefits", "lga_essex_cashable")
    claimed = {key: _figure_amount(programme, key) for key in figures}
    return tuple(
        Claim(
            label=label,
            claimed=claimed[figure],
            derive=functools.partial(_sum_tables, attribute=attribute, what=what),
            source=_LGA_SENTENCE,
            tolerance=_LGA_TOLERANCE,
            note=None if reason else _LGA_NOTE,
            not_comparable=reason,
        )
        for label, figure, attribute, what, reason in _LGA_CHECKS
    )
