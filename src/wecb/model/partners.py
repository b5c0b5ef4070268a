"""Partners: the organisations that take part in a community budget.

A partner is a public, voluntary or private organisation with a stable key that the rest of
the model refers to (project leads, who pays a cost, who receives a benefit, who funds a
stream).

>>> ecc = Partner(key="ecc", name="Essex County Council", kind=PartnerKind.COUNTY_COUNCIL)
>>> ecc.kind.value
'county_council'
>>> ecc.kind.label
'county council'
>>> PartnerKind("nhs_commissioner") is PartnerKind.NHS_COMMISSIONER
True
"""

from __future__ import annotations

import enum

import attrs

from wecb.core._validators import check_enum, check_key, check_text, field
from wecb.model.documents import Source, source_field

__all__ = ["Partner", "PartnerKind"]


class PartnerKind(enum.Enum):
    """The kind of organisation a partner is; the value is the spelling used in files."""

    COUNTY_COUNCIL = "county_council"
    UNITARY_COUNCIL = "unitary_council"
    DISTRICT_COUNCIL = "district_council"
    #: A clinical commissioning group (CCG) or primary care trust (PCT).
    NHS_COMMISSIONER = "nhs_commissioner"
    #: An NHS trust or other provider of NHS services.
    NHS_PROVIDER = "nhs_provider"
    POLICE = "police"
    POLICE_AND_CRIME_COMMISSIONER = "police_and_crime_commissioner"
    PROBATION = "probation"
    FIRE = "fire"
    #: A central government department (DH, DfE, MoJ, DWP, ...).
    WHITEHALL_DEPARTMENT = "whitehall_department"
    #: A national agency such as the Skills Funding Agency or Education Funding Agency.
    NATIONAL_AGENCY = "national_agency"
    VOLUNTARY_COMMUNITY = "voluntary_community"
    PRIVATE = "private"
    OTHER_PUBLIC = "other_public"

    @property
    def label(self) -> str:
        """A short human label, e.g. ``'NHS commissioner (CCG/PCT)'``."""
        return _LABELS[self]

    @property
    def is_public(self) -> bool:
        """Whether the kind is a public body (not voluntary/community, not private)."""
        return self not in (PartnerKind.VOLUNTARY_COMMUNITY, PartnerKind.PRIVATE)


_LABELS = {
    PartnerKind.COUNTY_COUNCIL: "county council",
    PartnerKind.UNITARY_COUNCIL: "unitary council",
    PartnerKind.DISTRICT_COUNCIL: "district council",
    PartnerKind.NHS_COMMISSIONER: "NHS commissioner (CCG/PCT)",
    PartnerKind.NHS_PROVIDER: "NHS provider",
    PartnerKind.POLICE: "police",
    PartnerKind.POLICE_AND_CRIME_COMMISSIONER: "police and crime commissioner",
    PartnerKind.PROBATION: "probation",
    PartnerKind.FIRE: "fire and rescue",
    PartnerKind.WHITEHALL_DEPARTMENT: "Whitehall department",
    PartnerKind.NATIONAL_AGENCY: "national agency (e.g. SFA/EFA)",
    PartnerKind.VOLUNTARY_COMMUNITY: "voluntary or community sector",
    PartnerKind.PRIVATE: "private sector",
    PartnerKind.OTHER_PUBLIC: "other public body",
}


@attrs.frozen(kw_only=True)
class Partner:
    """An organisation taking part in the programme.

    ``key`` is the stable identifier other objects use; ``source`` cites where the partner
    is named (document and sentence), or is ``None``.

    >>> Partner(key="", name="X", kind=PartnerKind.FIRE)
    Traceback (most recent call last):
    ...
    wecb.errors.ValidationError: Partner.key: '' is not accepted; expected a key ...
    """

    key: str = attrs.field(validator=field(check_key))
    name: str = attrs.field(validator=field(check_text))
    kind: PartnerKind = attrs.field(validator=field(check_enum(PartnerKind)))
    source: Source | None = source_field()
