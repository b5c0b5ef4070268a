"""Documents and citations: the bibliography a programme's figures cite.

A :class:`Document` is one source paper a reader can look up: its title, the body that
issued it, its date as the document states it, its kind and, where one is known, a public
URL (``None`` says that none is known, and is shown as such). A programme lists its
documents in :attr:`Programme.documents <wecb.model.programme.Programme.documents>`.

A :class:`Citation` points a fact at one of those documents with the sentence it rests on,
verbatim, and optionally where in the document it is (a page or section). Every ``source``
field of the model takes a citation or, for a user's own programme, free text
(:data:`Source`); the programme checks that every citation names one of its documents.

>>> paper = Document(key="cabinet_2012_10_30", title="Cabinet issues",
...                  issued_by="Essex County Council", date="30 October 2012",
...                  kind=DocumentKind.CABINET_PAPER)
>>> paper
<Document cabinet_2012_10_30: Essex County Council, 30 October 2012, cabinet paper>
>>> print(paper.where_found)
no public URL known
>>> cite = Citation(document="cabinet_2012_10_30", quote="£1.949m is required")
>>> print(cite)
cabinet_2012_10_30: "£1.949m is required"
>>> Citation(document="Cabinet 30 Oct", quote="£1.949m")
Traceback (most recent call last):
...
wecb.errors.ValidationError: Citation.document: 'Cabinet 30 Oct' is not accepted; expected \
a key ...

In files a citation is a table, ``source = { document = "cabinet_2012_10_30", quote =
"..." }``, and free text stays text, ``source = "the council's own estimate"``.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Collection, Iterable, Iterator
from decimal import Decimal
from typing import Any, Final, TypeAlias, cast

import attrs

from wecb.core._validators import (
    check_enum,
    check_key,
    check_text,
    fail,
    field,
    optional,
    wrong_type,
)
from wecb.core.money import Money
from wecb.core.periods import FinancialYear, OpenPeriod

__all__ = [
    "Citation",
    "Document",
    "DocumentKind",
    "Source",
    "check_source",
    "citation_problems",
    "cited_documents",
    "parse_source",
    "source_field",
    "source_text",
]


class DocumentKind(enum.Enum):
    """What kind of document a source is; the value is the spelling used in files."""

    COMMITTEE_REPORT = "committee_report"
    CABINET_PAPER = "cabinet_paper"
    SUBMISSION = "submission"
    BRIEFING_NOTE = "briefing_note"
    AUDIT_REPORT = "audit_report"
    NEWS_ARTICLE = "news_article"
    WEB_PAGE = "web_page"
    OTHER = "other"

    @property
    def label(self) -> str:
        """The kind in words, e.g. ``'cabinet paper'``."""
        return self.value.replace("_", " ")


_NO_URL = "no public URL known"


def _check_url(where: str, value: object) -> None:
    check_text(where, value)
    if not str(value).startswith(("https://", "http://")) or any(c.isspace() for c in str(value)):
        fail(where, value, "an http(s) address without spaces, or None if no public URL is known")


@attrs.frozen(kw_only=True)
class Document:
    """One source document: ``key`` (what citations name), ``title``, ``issued_by`` (the
    issuing body), ``date`` (as the document states it: ``"30 October 2012"``,
    ``"December 2011"``), ``kind``, ``url`` (``None``: no public URL is known) and an
    optional ``note`` (what the document is, or how to find it)."""

    key: str = attrs.field(validator=field(check_key))
    title: str = attrs.field(validator=field(check_text))
    issued_by: str = attrs.field(validator=field(check_text))
    date: str = attrs.field(validator=field(check_text))
    kind: DocumentKind = attrs.field(validator=field(check_enum(DocumentKind)))
    url: str | None = attrs.field(default=None, validator=field(optional(_check_url)))
    note: str | None = attrs.field(default=None, validator=field(optional(check_text)))

    def __repr__(self) -> str:
        return f"<Document {self.key}: {self.issued_by}, {self.date}, {self.kind.label}>"

    @property
    def where_found(self) -> str:
        """The URL, or ``'no public URL known'``."""
        return self.url if self.url is not None else _NO_URL

    def __str__(self) -> str:
        """The document as a bibliography entry: body, title, date, kind, where found."""
        return (
            f"{self.issued_by}, {self.title!r}, {self.date} ({self.kind.label}); "
            f"{self.where_found}"
        )


@attrs.frozen(kw_only=True)
class Citation:
    """A fact's source: the ``document`` key, the ``quote`` it rests on (verbatim, as the
    document writes it) and an optional ``locator`` (page or section)."""

    document: str = attrs.field(validator=field(check_key))
    quote: str = attrs.field(validator=field(check_text))
    locator: str | None = attrs.field(default=None, validator=field(optional(check_text)))

    def __str__(self) -> str:
        at = f" ({self.locator})" if self.locator is not None else ""
        return f'{self.document}{at}: "{self.quote}"'


#: What a ``source`` field holds: a :class:`Citation` or free text.
Source: TypeAlias = Citation | str


def check_source(where: str, value: object) -> None:
    """A :class:`Citation` or non-blank text."""
    if isinstance(value, Citation):
        return
    if not isinstance(value, str):
        wrong_type(
            where,
            value,
            "a Citation(document=..., quote=...) or text saying where the fact is published",
        )
    check_text(where, value)


def source_field() -> Any:
    """A ``source`` field: an optional :data:`Source` (a citation or free text).

    The cited sentence is long, so it is shown by ``.source`` and left out of repr.
    """
    return attrs.field(default=None, repr=False, validator=field(optional(check_source)))


_CITED: Final = re.compile(
    r'(?P<document>[A-Za-z0-9][A-Za-z0-9_.\-]{0,99})(?: \((?P<locator>.+?)\))?: "(?P<quote>.+)"',
    re.DOTALL,
)


def parse_source(text: str) -> Source:
    """The source that ``text`` spells: a :class:`Citation` written as ``str`` writes one
    (``key: "quote"`` or ``key (locator): "quote"``), else the text itself.

    >>> parse_source('cabinet_2012_10_30 (item 1): "£1.949m is required"')
    Citation(document='cabinet_2012_10_30', quote='£1.949m is required', locator='item 1')
    >>> parse_source("the council's own estimate")
    "the council's own estimate"
    """
    match = _CITED.fullmatch(text)
    if match is None:
        return text
    return Citation(document=match["document"], quote=match["quote"], locator=match["locator"])


def source_text(source: Source | None) -> str | None:
    """``source`` as one line of text (a citation as ``key: "quote"``), or ``None``."""
    return None if source is None else str(source)


def cited_documents(value: object, where: str = "") -> Iterator[tuple[str, Citation]]:
    """Every citation in ``value`` (an attrs record, or tuples of them, walked through
    their fields), in order, with its place: ``projects['FBC1'].flows[2].source``."""
    # A large programme has many records and few citations: the walk keeps each place as
    # a chain of (parent, step) pairs and spells it out only for a citation found.
    stack: list[tuple[object, _Place]] = [(value, None)]
    while stack:
        item, place = stack.pop()
        if isinstance(item, Citation):
            yield _spelt(where, place), item
        elif isinstance(item, tuple):
            stack.extend(
                (entry, (place, (index, entry)))
                for index, entry in reversed(tuple(enumerate(item)))
                if not isinstance(entry, _LEAVES)
            )
        elif attrs.has(type(item)) and not isinstance(item, _LEAVES):
            for name in reversed(_record_fields(type(item))):
                entry = getattr(item, name)
                if entry is not None and not isinstance(entry, _LEAVES):
                    stack.append((entry, (place, "." + name.lstrip("_"))))


# A place: None for the top, else (the parent's place, ".field" or (index, entry)).
_Place: TypeAlias = "tuple[_Place, str | tuple[int, object]] | None"


def _spelt(where: str, place: _Place) -> str:
    steps: list[str] = []
    while place is not None:
        place, step = place
        if isinstance(step, tuple):  # an entry of a tuple: by its key, else its index
            index, entry = step
            key = getattr(entry, "key", None)
            step = f"[{key!r}]" if isinstance(key, str) else f"[{index}]"
        steps.append(step)
    return (where + "".join(reversed(steps))).lstrip(".")


# Values that hold no citation, whatever record they sit in.
_LEAVES: Final = (Money, FinancialYear, OpenPeriod, str, Decimal, int, enum.Enum)


_FIELDS: dict[type, tuple[str, ...]] = {}


# Annotations of fields that cannot hold a citation (anything else is walked).
_LEAF_TYPES: Final = frozenset(
    {"str", "bool", "int", "Decimal", "Money", "Period", "FinancialYear", "OpenPeriod", "None"}
)


def _may_cite(annotation: object) -> bool:
    """Whether a field annotated ``annotation`` may hold a citation (when unsure: yes)."""
    if not isinstance(annotation, str):
        return True
    text = annotation.removeprefix("tuple[").removesuffix(", ...]")
    names = {part.strip() for part in text.split("|")}
    return not all(
        name in _LEAF_TYPES or name.endswith(("Kind", "Type", "Stage")) for name in names
    )


def _record_fields(cls: type) -> tuple[str, ...]:
    """The names of the init fields of the attrs class ``cls`` that may hold a citation
    (kept per class)."""
    names = _FIELDS.get(cls)
    if names is None:
        fields = attrs.fields(cast(Any, cls))
        names = _FIELDS[cls] = tuple(a.name for a in fields if a.init and _may_cite(a.type))
    return names


def citation_problems(
    parts: Iterable[tuple[str, object]], documents: Collection[str], known: str
) -> list[str]:
    """A problem for each citation in ``parts`` (``(name, value)`` pairs, e.g. the
    programme's fields) naming a document key not in ``documents``; ``known`` lists the
    keys for the message."""
    problems: list[str] = []
    for name, value in parts:
        for place, citation in cited_documents(value, name):
            if citation.document not in documents:
                problems.append(
                    f"{place}.document: unknown document {citation.document!r}; known: {known}"
                )
    return problems
