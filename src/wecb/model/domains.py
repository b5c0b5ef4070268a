"""Domains: the thematic areas of a programme and its cross-cutting enablers.

Domains are data, not a fixed enum: Essex has four thematic domains (Health and Wellbeing;
Community Safety; Families with Complex Needs; Economic Opportunity) and a set of enablers,
and other places define their own.

>>> safety = Domain(key="community_safety", name="Community Safety", kind=DomainKind.THEMATIC)
>>> safety.is_enabler
False
>>> DomainKind("enabler")
<DomainKind.ENABLER: 'enabler'>
"""

from __future__ import annotations

import enum

import attrs

from wecb.core._validators import check_enum, check_key, check_text, field
from wecb.model.documents import Source, source_field

__all__ = ["Domain", "DomainKind"]


class DomainKind(enum.Enum):
    """Whether a domain is a thematic area or a cross-cutting enabler."""

    THEMATIC = "thematic"
    ENABLER = "enabler"


@attrs.frozen(kw_only=True)
class Domain:
    """A thematic domain or an enabler of the programme.

    >>> Domain(key="data", name="Data sharing", kind="enabler")
    Traceback (most recent call last):
    ...
    wecb.errors.WecbTypeError: Domain.kind: 'enabler' is not accepted; expected one of ...
    """

    key: str = attrs.field(validator=field(check_key))
    name: str = attrs.field(validator=field(check_text))
    kind: DomainKind = attrs.field(validator=field(check_enum(DomainKind)))
    source: Source | None = source_field()

    @property
    def is_enabler(self) -> bool:
        """Whether the domain is a cross-cutting enabler."""
        return self.kind is DomainKind.ENABLER
