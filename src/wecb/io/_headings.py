"""The columns of a tables CSV (private to :mod:`wecb.io`): the headings written and
published for each figure, where each column is in a header row as read (:class:`Columns`),
and the table each row under that header gives.

Moved here from :mod:`wecb.io.tables`, which writes the tables, runs the reading over the
file's records, and re-exports ``PROJECT_HEADING``, ``HEADINGS`` and
``PUBLISHED_HEADINGS``; the rules a header and its rows must follow are in its module
notes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Final

import attrs

from wecb.core.money import Money
from wecb.errors import LoadError, WecbError, excerpt
from wecb.model.tables import PUBLISHED_COLUMNS, CostBenefitTable

__all__ = [
    "HEADINGS",
    "PROJECT_HEADING",
    "PUBLISHED_HEADINGS",
    "Columns",
    "is_group_row",
]

#: The heading of the project column.
PROJECT_HEADING: Final = "Project"
#: The heading written for each figure, before its unit.
HEADINGS: Final[Mapping[str, str]] = {
    "costs_to_mar_2013": "Costs To Mar '13",
    "costs_to_mar_2014": "Costs To Mar '14",
    "costs_further_implementation": "Costs Further Implementation",
    "net_cashable": "Net Cashable",
    "net_non_cashable": "Net Non-Cashable",
    "net_total": "Net Total",
}
#: The heading each figure has in the business cases, under its group (Costs or Net
#: Benefits), before its unit.
PUBLISHED_HEADINGS: Final[Mapping[str, str]] = {
    "costs_to_mar_2013": "To Mar '13",
    "costs_to_mar_2014": "To Mar '14",
    "costs_further_implementation": "Further Implementation",
    "net_cashable": "Cashable",
    "net_non_cashable": "Non-Cashable",
    "net_total": "Total",
}

_QUOTES: Final = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2032": "'", "`": "'"})
# A unit after a heading: £'000 or a currency code and '000 ("EUR'000"), also £000 and
# £'000s, optionally in parentheses. Matched against _normal text (lower case).
_UNIT: Final = r"(?:£ ?|\b[a-z]{3} ?)'?000s?"
_HEADING: Final = re.compile(rf"(?P<name>.*\S) ?(?:\( ?(?P<unit1>{_UNIT}) ?\)|(?P<unit2>{_UNIT}))")
_THOUSANDS: Final = " £'000"
_GROUPS: Final = frozenset({"costs", "net benefits", "net benefit"})


def _normal(text: str) -> str:
    """Text folded for matching headings: straight quotes, single spaces, lower case."""
    return " ".join(text.translate(_QUOTES).split()).casefold()


def _aliases() -> dict[str, str]:
    names: dict[str, str] = {}
    for figure in PUBLISHED_COLUMNS:
        for alias in (HEADINGS[figure], PUBLISHED_HEADINGS[figure], figure):
            names[_normal(alias)] = figure
    return names


_ALIASES: Final = _aliases()


def is_group_row(record: Sequence[str]) -> bool:
    """Whether ``record`` is the published group headings (``Costs``, ``Net Benefits``)
    above the column names: every cell one of them or blank."""
    return all(_normal(cell) in _GROUPS or not cell.strip() for cell in record)


def _wanted() -> str:
    """The six figures' headings as written for pounds, for messages."""
    return ", ".join(repr(HEADINGS[f] + _THOUSANDS) for f in PUBLISHED_COLUMNS)


@attrs.frozen
class Columns:
    """Where each column is, from a header row (:meth:`of`), and the table of a row
    (:meth:`table`)."""

    name: str
    headings: tuple[str, ...]
    project: int
    figures: tuple[int, ...]  # the column index of each of PUBLISHED_COLUMNS
    currency: str
    unheaded: tuple[int, ...]  # columns with a blank heading: their cells must be blank

    @classmethod
    def of(cls, record: list[str], line: int, name: str) -> Columns:
        def error(message: str, heading: str | None = None) -> LoadError:
            return LoadError(message, path=name, entry=f"line {line}", field=heading)

        where: dict[str, int] = {}
        unheaded: list[int] = []
        currency: tuple[str, int] | None = None
        for index, heading in enumerate(record):
            number = index + 1
            normal = _normal(heading)
            if not normal:
                unheaded.append(index)  # spreadsheets write empty trailing columns
                continue
            if normal == _normal(PROJECT_HEADING):
                column = "project"
            else:
                match = _HEADING.fullmatch(normal)
                base = match["name"] if match else normal
                figure = _ALIASES.get(base)
                if figure is None:
                    raise error(
                        f"column {number} has the unknown heading {excerpt(heading)}; expected "
                        f"{PROJECT_HEADING!r} and the six figures, e.g. "
                        f"{_wanted()} or the published "
                        f"{', '.join(repr(h + _THOUSANDS) for h in PUBLISHED_HEADINGS.values())}",
                        heading,
                    )
                if match is None:
                    raise error(
                        f"column {number} ({excerpt(heading)}) gives no unit: figures are read in "
                        f"thousands only under a heading that says so, e.g. "
                        f"{HEADINGS[figure] + _THOUSANDS!r}",
                        heading,
                    )
                unit = match["unit1"] or match["unit2"]
                code = "GBP" if unit.startswith("£") else unit[:3].upper()
                if currency is None:
                    currency = (code, number)
                elif code != currency[0]:
                    raise error(
                        f"column {number} ({excerpt(heading)}) is in {code}, but column "
                        f"{currency[1]} is in {currency[0]}: a file holds one currency",
                        heading,
                    )
                column = figure
            if column in where:
                raise error(
                    f"column {number} ({excerpt(heading)}) repeats column {where[column] + 1} "
                    f"({excerpt(record[where[column]])})",
                    heading,
                )
            where[column] = index
        missing = [f for f in ("project", *PUBLISHED_COLUMNS) if f not in where]
        if missing:
            wanted = [
                PROJECT_HEADING if f == "project" else HEADINGS[f] + _THOUSANDS for f in missing
            ]
            raise error(f"the header has no column {' or '.join(map(repr, wanted))}")
        assert currency is not None  # the six figures are there, each with a unit
        return cls(
            name=name,
            headings=tuple(record),
            project=where["project"],
            figures=tuple(where[f] for f in PUBLISHED_COLUMNS),
            currency=currency[0],
            unheaded=tuple(unheaded),
        )

    def table(self, record: list[str], line: int) -> tuple[str, CostBenefitTable]:
        def error(message: str, index: int | None = None) -> LoadError:
            heading = None if index is None else self.headings[index]
            return LoadError(message, path=self.name, entry=f"line {line}", field=heading)

        if len(record) != len(self.headings):
            raise error(
                f"the row has {len(record)} cells, but the header has {len(self.headings)}"
            )
        for index in self.unheaded:
            if record[index].strip():
                raise error(
                    f"column {index + 1} has no heading but holds {excerpt(record[index])}: "
                    "head it or remove it",
                    index,
                )
        key = record[self.project].strip()
        if not key:
            raise error(
                f"column {self.project + 1} is blank: a project key is needed", self.project
            )
        figures: list[Money] = []
        for index in self.figures:
            cell = record[index]
            if not cell.strip():
                raise error(
                    f"column {index + 1} is blank: write 0 for nil (a blank figure is never "
                    "read as zero)",
                    index,
                )
            try:
                figures.append(Money.from_thousands(cell, self.currency))
            except WecbError as exc:
                raise error(f"column {index + 1}: {exc}", index) from None
        try:
            table = CostBenefitTable(
                costs_to_mar_2013=figures[0],
                costs_to_mar_2014=figures[1],
                costs_further_implementation=figures[2],
                net_cashable=figures[3],
                net_non_cashable=figures[4],
                net_total=figures[5],
            )
        except WecbError as exc:  # a broken convention, or sums past Money's precision
            message = str(exc)
            at = next(
                (
                    i
                    for f, i in zip(PUBLISHED_COLUMNS, self.figures, strict=True)
                    if f"CostBenefitTable.{f}:" in message
                ),
                None,
            )
            where = "" if at is None else f"column {at + 1}: "
            raise error(
                f"{where}the table of {excerpt(key)} cannot be read: {message}", at
            ) from None
        return key, table
