"""Partners and domains: kinds, keys and validators."""

from __future__ import annotations

import attrs
import pytest

from wecb.errors import FloatNotAllowedError, ValidationError, WecbError, WecbTypeError
from wecb.model.domains import Domain, DomainKind
from wecb.model.partners import Partner, PartnerKind


def test_partner_kind_values_are_the_file_spellings() -> None:
    # Values are what files hold: snake_case of the member name, so they never drift apart.
    for kind in PartnerKind:
        assert kind.value == kind.name.lower()
        assert PartnerKind(kind.value) is kind
        assert kind.label


def test_partner_kinds_cover_the_issue_list() -> None:
    expected = {
        "county_council",
        "unitary_council",
        "district_council",
        "nhs_commissioner",
        "nhs_provider",
        "police",
        "police_and_crime_commissioner",
        "probation",
        "fire",
        "whitehall_department",
        "national_agency",
        "voluntary_community",
        "private",
        "other_public",
    }
    assert {kind.value for kind in PartnerKind} == expected


def test_public_kinds() -> None:
    assert PartnerKind.COUNTY_COUNCIL.is_public
    assert not PartnerKind.PRIVATE.is_public
    assert not PartnerKind.VOLUNTARY_COMMUNITY.is_public


def test_partner_is_frozen_slotted_and_hashable() -> None:
    ecc = Partner(key="ecc", name="Essex County Council", kind=PartnerKind.COUNTY_COUNCIL)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        ecc.name = "x"  # type: ignore[misc]
    assert not hasattr(ecc, "__dict__")
    assert {ecc: 1}[Partner(key="ecc", name="Essex County Council", kind=ecc.kind)] == 1


@pytest.mark.parametrize(
    ("field", "value", "accepted", "error"),
    [
        ("key", "", "a key", ValidationError),
        ("key", "two words", "a key", ValidationError),
        ("key", "_leading", "a key", ValidationError),
        ("key", "x" * 101, "a key", ValidationError),
        ("key", 7, "a key", WecbTypeError),
        ("name", "   ", "non-blank", ValidationError),
        ("name", None, "non-blank", WecbTypeError),
        ("kind", "county_council", "PartnerKind.COUNTY_COUNCIL", WecbTypeError),
        ("kind", DomainKind.THEMATIC, "PartnerKind", WecbTypeError),
        ("source", "", "non-blank", ValidationError),
    ],
)
def test_partner_validators_name_field_value_and_accepted(
    field: str, value: object, accepted: str, error: type[Exception]
) -> None:
    good: dict[str, object] = {"key": "ecc", "name": "ECC", "kind": PartnerKind.COUNTY_COUNCIL}
    with pytest.raises(error) as raised:
        Partner(**{**good, field: value})  # type: ignore[arg-type]
    message = str(raised.value)
    assert message.startswith(f"Partner.{field}: {value!r}")
    assert accepted in message


def test_float_is_refused_with_float_error() -> None:
    with pytest.raises(FloatNotAllowedError, match=r"Partner\.name: float 1\.5"):
        Partner(key="p", name=1.5, kind=PartnerKind.FIRE)  # type: ignore[arg-type]
    assert issubclass(FloatNotAllowedError, WecbError)


def test_domain_kinds_and_enabler_flag() -> None:
    assert {k.value for k in DomainKind} == {"thematic", "enabler"}
    data = Domain(key="data_sharing", name="Data sharing", kind=DomainKind.ENABLER)
    safety = Domain(key="community_safety", name="Community Safety", kind=DomainKind.THEMATIC)
    assert data.is_enabler
    assert not safety.is_enabler


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("key", "Health and Wellbeing", ValidationError),
        ("name", "", ValidationError),
        ("kind", "thematic", WecbTypeError),
        ("source", 3, WecbTypeError),
    ],
)
def test_domain_validators(field: str, value: object, error: type[Exception]) -> None:
    good: dict[str, object] = {"key": "health", "name": "Health", "kind": DomainKind.THEMATIC}
    with pytest.raises(error, match=rf"^Domain\.{field}: "):
        Domain(**{**good, field: value})  # type: ignore[arg-type]
