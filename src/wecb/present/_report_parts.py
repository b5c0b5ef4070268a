"""The parts of a report (private to :mod:`wecb.present`; :mod:`wecb.present.report`
exports them): a plot as PNG bytes with its caption, and a section of the page.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from wecb.core._validators import check_instance, check_text, field, tuple_of, wrong_type
from wecb.core.assumptions import Assumption
from wecb.core.table import Table

__all__ = ["Plot", "Section", "pairs", "stated"]


def _bytes(instance: object, attribute: attrs.Attribute[bytes], value: object) -> None:
    if not isinstance(value, bytes) or not value.startswith(b"\x89PNG"):
        wrong_type(f"Plot.{attribute.name}", value, "the bytes of a PNG image")


def _texts(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def pairs(value: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple(value)


def stated(value: Iterable[Assumption]) -> tuple[Assumption, ...]:
    return tuple(value)


_TEXTS = field(tuple_of(check_text, what="text"))


@attrs.frozen(kw_only=True)
class Plot:
    """One plot of a report: its title, a caption stating what it assumes, and the PNG."""

    title: str = attrs.field(validator=field(check_text))
    caption: str = attrs.field(validator=field(check_text))
    png: bytes = attrs.field(validator=_bytes, repr=False)
    width: int = 0
    height: int = 0


@attrs.frozen(kw_only=True)
class Section:
    """One section of a report: a heading, paragraphs, tables (each with its notes), plots,
    and what is absent and why (``absent``: "no phasing stated", ...)."""

    key: str = attrs.field(validator=field(check_text))
    heading: str = attrs.field(validator=field(check_text))
    paragraphs: tuple[str, ...] = attrs.field(default=(), converter=_texts, validator=_TEXTS)
    tables: tuple[Table, ...] = attrs.field(
        default=(), validator=field(tuple_of(check_instance(Table, "a Table"), what="Table"))
    )
    plots: tuple[Plot, ...] = attrs.field(
        default=(), validator=field(tuple_of(check_instance(Plot, "a Plot"), what="Plot"))
    )
    absent: tuple[str, ...] = attrs.field(default=(), converter=_texts, validator=_TEXTS)
