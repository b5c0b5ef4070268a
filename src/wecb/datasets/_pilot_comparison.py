"""The four pilots side by side: one row per headline figure, horizons kept, never forced.

:class:`PilotFigure` is one published headline figure of one pilot with what it measures
(its words and whether the document says it is net) and its horizon as the document gives
it. Its per-year equivalent exists only where the horizon allows one: a figure published
per year is its own; a total over a stated number of years has an average per year (the
total divided by the years, exact); a figure with no stated span ("by year five") has
none, and the row says why.

:class:`PilotComparison` holds the rows, the collective figures they are checked against
(a :class:`~wecb.reconciliation.report.Reconciliation`) and the national estimate beside
them (:class:`NationalComparison`).
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Final

import attrs

from wecb.core._validators import (
    check_bool,
    check_instance,
    check_money,
    check_text,
    fail,
    field,
    require_instance,
    tuple_of,
)
from wecb.core.assumptions import Assumption, ResultRows, assumption_notes
from wecb.core.money import Money
from wecb.core.table import Column, Table, Tabular
from wecb.model.documents import Document
from wecb.model.facts import Figure
from wecb.reconciliation.report import Reconciliation

__all__ = ["NationalComparison", "PilotComparison", "PilotFigure", "horizon_years"]

_WORDS: Final = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip
_SPAN: Final = re.compile(r"(\d+|[a-z]+) years?")


def horizon_years(figure: Figure) -> int | None:
    """The number of years a total covers when its ``over`` is exactly ``"<n> years"``
    (digits or a word up to ten), else ``None``.

    >>> from wecb.model.facts import FigureKind
    >>> horizon_years(Figure(key="x", label="X", kind=FigureKind.SAVING,
    ...                      amount=Money(1), over="five years"))
    5
    """
    if figure.over is None or figure.per:
        return None
    match = _SPAN.fullmatch(figure.over)
    if match is None:
        return None
    text = match.group(1)
    return int(text) if text.isdigit() else _WORDS.get(text)


def _check_money_figure(where: str, value: object) -> None:
    figure = require_instance(where, value, Figure, "a Figure")
    if figure.amount is None:
        fail(where, figure.key, "a figure with an amount (a headline figure is money)")


@attrs.frozen(kw_only=True)
class PilotFigure:
    """One headline figure of one pilot: ``place``, the ``dataset`` it is read from, the
    :class:`~wecb.model.facts.Figure`, what it ``measure``-s in the document's words
    ("net savings"), whether the document calls it ``net`` and the cited ``document``."""

    place: str = attrs.field(validator=field(check_text))
    dataset: str = attrs.field(validator=field(check_text))
    figure: Figure = attrs.field(validator=field(_check_money_figure))
    measure: str = attrs.field(validator=field(check_text))
    net: bool = attrs.field(validator=field(check_bool))
    document: Document = attrs.field(
        validator=field(check_instance(Document, "Document(key=..., title=..., ...)"))
    )

    @property
    def amount(self) -> Money:
        """The figure's amount (headline figures are money)."""
        assert self.figure.amount is not None  # checked on construction
        return self.figure.amount

    @property
    def years(self) -> int | None:
        """The years a total covers, when the document states them (:func:`horizon_years`)."""
        return horizon_years(self.figure)

    @property
    def horizon(self) -> str:
        """The horizon in words: the span stated, ``per year``, or ``not stated``."""
        if self.figure.per == ("year",):
            return "per year"
        if self.figure.over is not None:
            return self.figure.over
        return "not stated"

    @property
    def per_year(self) -> Money | None:
        """The per-year equivalent where the horizon allows one, else ``None``."""
        if self.figure.per == ("year",):
            return self.amount
        years = self.years
        return None if years is None else self.amount / years

    @property
    def per_year_exact(self) -> Fraction | None:
        """:attr:`per_year` as an exact fraction of the currency unit (an average over
        three years need not be a terminating decimal; :attr:`per_year` is then correct to
        Money's 60 significant digits)."""
        if self.figure.per == ("year",):
            return Fraction(self.amount.amount)
        years = self.years
        return None if years is None else Fraction(self.amount.amount) / years

    @property
    def per_year_basis(self) -> str:
        """How :attr:`per_year` was found, or why there is none."""
        if self.figure.per == ("year",):
            return "published per year"
        years = self.years
        if years is not None:
            return f"average: the {years}-year total / {years}"
        if self.figure.per:
            return "none: published per " + " per ".join(self.figure.per)
        return f"none: no span of years stated ({self.figure.published or 'as published'})"

    def row(self) -> dict[str, object]:
        """The figure as a plain row (Money for amounts, ``None`` where there is none)."""
        quote = getattr(self.figure.source, "quote", None)
        return {
            "place": self.place,
            "dataset": self.dataset,
            "figure": self.figure.key,
            "measure": self.measure,
            "net": "net" if self.net else "not stated as net",
            "qualifier": self.figure.qualifier.label or "exact",
            "amount": self.amount,
            "horizon": self.horizon,
            "per_year": self.per_year,
            "per_year_basis": self.per_year_basis,
            "published": self.figure.published,
            "document": self.document.key,
            "source": f"{self.document.issued_by}, {self.document.date}",
            "quote": quote,
        }


@attrs.frozen(kw_only=True)
class NationalComparison:
    """The comparable pilots' five-year net total beside a national five-year range:
    the share of the range's low and high ends it is (exact fractions), with both sides'
    horizons. A national estimate scales the pilots up, so the two are not expected to
    agree; the share says how much of the range the pilots' own figures are."""

    pilots_total: Money = attrs.field(validator=field(check_money))
    pilots_horizon: str = attrs.field(validator=field(check_text))
    low: Figure = attrs.field(validator=field(_check_money_figure))
    high: Figure = attrs.field(validator=field(_check_money_figure))

    def _amount(self, figure: Figure) -> Money:
        assert figure.amount is not None  # the national figures are money
        return figure.amount

    @property
    def share_of_low(self) -> Fraction:
        """``pilots_total / low``, exact."""
        return Fraction(self.pilots_total.amount) / Fraction(self._amount(self.low).amount)

    @property
    def share_of_high(self) -> Fraction:
        """``pilots_total / high``, exact."""
        return Fraction(self.pilots_total.amount) / Fraction(self._amount(self.high).amount)

    def rows(self) -> list[dict[str, object]]:
        """The two sides as plain rows."""
        return [
            {
                "what": figure.label,
                "amount": self._amount(figure),
                "horizon": figure.over or "not stated",
                "pilots_share": share,
            }
            for figure, share in ((self.low, self.share_of_low), (self.high, self.share_of_high))
        ] + [
            {
                "what": "The pilots' comparable five-year net figures, added",
                "amount": self.pilots_total,
                "horizon": self.pilots_horizon,
                "pilots_share": Fraction(1),
            }
        ]


def _percent(share: Fraction) -> str:
    return f"{float(share * 100):.2f}%"


_COLUMNS: Final = (
    Column(key="place", align="left"),
    Column(key="measure", align="left"),
    Column(key="net", align="left"),
    Column(key="amount", align="right"),
    Column(key="horizon", align="left"),
    Column(key="per_year", header="per year", align="right"),
    Column(key="document", header="source", align="left"),
)

#: What every comparison assumes.
COMPARISON_ASSUMPTIONS: Final = (
    Assumption(name="figures", value="each as its document publishes it, with its qualifier"),
    Assumption(
        name="per year",
        value="only where the horizon allows: published per year, or a total over stated "
        "years divided by those years (an average, not a phasing)",
    ),
    Assumption(
        name="comparable",
        value="a collective figure is checked against the pilots' figures with the same "
        "horizon and basis; the others are listed as not comparable, with the reason",
    ),
)


@attrs.frozen(kw_only=True)
class PilotComparison(Tabular):
    """The four pilots' headline figures side by side (:attr:`figures`), checked against
    the collective figure government gave (:attr:`reconciliation`) and set beside the
    national estimate (:attr:`national`); :attr:`documents` are every document cited."""

    figures: tuple[PilotFigure, ...] = attrs.field(
        validator=field(tuple_of(check_instance(PilotFigure, "PilotFigure(...)"), what="row"))
    )
    reconciliation: Reconciliation = attrs.field(
        validator=field(check_instance(Reconciliation, "wecb.reconcile(...)"))
    )
    national: NationalComparison = attrs.field(
        validator=field(check_instance(NationalComparison, "NationalComparison(...)"))
    )
    not_comparable: tuple[str, ...] = attrs.field(validator=field(tuple_of(check_text)))
    documents: tuple[Document, ...] = attrs.field(
        validator=field(tuple_of(check_instance(Document, "Document(...)"), what="document"))
    )

    def assumptions(self) -> tuple[Assumption, ...]:
        """What the comparison assumes (see :data:`COMPARISON_ASSUMPTIONS`)."""
        return COMPARISON_ASSUMPTIONS

    def rows(self) -> ResultRows:
        """One plain row per headline figure, with :meth:`assumptions`."""
        return ResultRows((f.row() for f in self.figures), assumptions=self.assumptions())

    def __repr__(self) -> str:
        places = len({f.place for f in self.figures})
        return f"<PilotComparison: {len(self.figures)} figures of {places} pilots>"

    def table(self) -> Table:
        """The headline figures, one row each, exact amounts; then each row's quote."""
        rows = [
            (
                f.place,
                f.measure,
                "net" if f.net else "not stated",
                f.amount,
                f.horizon,
                "-" if f.per_year is None else f.per_year,
                f.document.key,
            )
            for f in self.figures
        ]
        notes = [
            f"[{f.figure.key}] {f.per_year_basis}; {f.document.key}: {f.figure.published}"
            for f in self.figures
        ]
        return Table(
            columns=_COLUMNS,
            rows=rows,
            title="The whole place community budget pilots of 2012, side by side",
            notes=("", *notes, *assumption_notes(self.assumptions())),
            scale="units",
            places=2,
        )

    def national_table(self) -> Table:
        """The pilots' comparable five-year net total beside the national range."""
        rows = [
            (r["what"], r["amount"], r["horizon"], _percent(Fraction(str(r["pilots_share"]))))
            for r in self.national.rows()
        ]
        columns = (
            Column(key="what", align="left"),
            Column(key="amount", align="right"),
            Column(key="horizon", align="left"),
            Column(key="share", header="pilots' share", align="right"),
        )
        notes = (
            "A national estimate scales the pilots' proposals up to the country, so it is not "
            "expected to agree with the pilots' own figures; the share is shown, not a "
            "difference.",
            *(f"Not comparable: {reason}" for reason in self.not_comparable),
        )
        return Table(
            columns=columns,
            rows=rows,
            title="The pilots beside the national estimate (five-year net benefit)",
            notes=notes,
            scale="units",
            places=2,
        )

    def tables(self) -> tuple[Table, ...]:
        """The comparison, the reconciliation and the national table."""
        return (self.table(), self.reconciliation.table(), self.national_table())
