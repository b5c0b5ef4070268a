"""The bibliography of a programme: each document its figures cite, and where to find it.

:func:`bibliography` lists a programme's :attr:`documents
<wecb.model.programme.Programme.documents>` with how many of its facts cite each (every
``source`` that is a :class:`~wecb.model.documents.Citation`); ``wecb sources`` prints it.

>>> from wecb.datasets import essex_2012
>>> sources = bibliography(essex_2012())
>>> [row["key"] for row in sources.rows()][:2]
['ecc_council_report_2012', 'ecc_cabinet_issues_2012_10_30']
>>> sources.rows()[0]["url"]
'no public URL known'
"""

from __future__ import annotations

from collections import Counter
from typing import Final

import attrs

from wecb.core._validators import check_instance, field, tuple_of, wrong_type
from wecb.core.assumptions import Assumption, ResultRows, assumption_notes
from wecb.core.table import Column, Table, Tabular
from wecb.model.documents import Document, cited_documents
from wecb.model.programme import Programme

__all__ = ["Bibliography", "bibliography"]

#: What a bibliography assumes.
_ASSUMPTIONS: Final = (
    Assumption(
        name="date", value="as the document states it (its note says where it states none)"
    ),
    Assumption(name="url", value="'no public URL known' where none is recorded"),
    Assumption(name="cited", value="the facts of the programme citing the document"),
)

_COLUMNS: Final = (
    Column(key="key", align="left"),
    Column(key="issued_by", header="issued by", align="left"),
    Column(key="title", align="left"),
    Column(key="date", align="left"),
    Column(key="kind", align="left"),
    Column(key="cited", align="right"),
    Column(key="url", header="where found", align="left"),
)


@attrs.frozen(kw_only=True)
class Bibliography(Tabular):
    """The documents of a programme (``subject``) with how often each is cited."""

    subject: str
    documents: tuple[Document, ...] = attrs.field(
        validator=field(tuple_of(check_instance(Document, "Document(...)"), what="Document"))
    )
    cited: tuple[int, ...]

    def assumptions(self) -> tuple[Assumption, ...]:
        """What the listing assumes: the date as stated, the URL or its absence, and what
        "cited" counts."""
        return _ASSUMPTIONS

    def rows(self) -> ResultRows:
        """One plain row per document: key, issued_by, title, date, kind, cited, url, note."""
        return ResultRows(
            (
                {
                    "key": d.key,
                    "issued_by": d.issued_by,
                    "title": d.title,
                    "date": d.date,
                    "kind": d.kind.value,
                    "cited": count,
                    "url": d.where_found,
                    "note": d.note,
                }
                for d, count in zip(self.documents, self.cited, strict=True)
            ),
            assumptions=self.assumptions(),
        )

    def table(self) -> Table:
        """The documents as a table, then each document's note."""
        rows = [
            (d.key, d.issued_by, d.title, d.date, d.kind.label, n, d.where_found)
            for d, n in zip(self.documents, self.cited, strict=True)
        ]
        notes = tuple(f"{d.key}: {d.note}" for d in self.documents if d.note is not None)
        count = len(self.documents)
        return Table(
            columns=_COLUMNS,
            rows=rows,
            title=f"Sources of {self.subject}: {count} document{'' if count == 1 else 's'}",
            notes=(*notes, *assumption_notes(self.assumptions())),
        )


def bibliography(programme: Programme) -> Bibliography:
    """The documents ``programme`` cites, in its order, with the number of citations of each."""
    if not isinstance(programme, Programme):
        wrong_type("bibliography.programme", programme, "a Programme")
    counts = Counter(c.document for _, c in cited_documents(programme))
    return Bibliography(
        subject=programme.name,
        documents=programme.documents,
        cited=tuple(counts[d.key] for d in programme.documents),
    )
