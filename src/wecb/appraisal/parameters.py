"""Where shipped parameters come from.

Every parameter table that wecb ships (discount schedules, optimism bias grades)
carries a :class:`ParameterSource` naming the document, the table or section and
the year, so a published figure can be traced and the table replaced by the
user's own. ``verified`` says whether the figures were checked against the
primary text; ``note`` says how, or what is still to check.

>>> src = ParameterSource(document="My council's appraisal manual", section="Table 2", year=2013)
>>> str(src)
"My council's appraisal manual, Table 2 (2013) [not verified against the primary text]"

User parameters (rates, shares, weights) are read by :mod:`wecb.core.numbers`, the one
exact-number kernel of wecb.
"""

from __future__ import annotations

import attrs

from wecb.appraisal._checks import text_field
from wecb.core._validators import field_name, require_instance
from wecb.errors import AppraisalError

__all__ = ["ParameterSource"]


def _year(instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    year = require_instance(field_name(instance, attribute), value, int, "a publication year")
    if not 1900 <= year <= 2200:
        raise AppraisalError.not_accepted(
            field_name(instance, attribute), value, "a publication year (1900-2200)"
        )


@attrs.frozen(kw_only=True)
class ParameterSource:
    """The document, table or section, and year a parameter table comes from."""

    document: str = attrs.field(validator=text_field)
    section: str = attrs.field(validator=text_field)
    year: int = attrs.field(validator=_year)
    verified: bool = False
    note: str | None = None

    def __str__(self) -> str:
        flag = "" if self.verified else " [not verified against the primary text]"
        return f"{self.document}, {self.section} ({self.year}){flag}"
