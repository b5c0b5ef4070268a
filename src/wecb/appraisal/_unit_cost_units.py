"""What a unit cost is per, as wecb writes it (private; :func:`unit_text` is public in
:mod:`wecb.appraisal.unit_costs`)."""

from __future__ import annotations

import re
from typing import Final

from wecb.errors import AppraisalError, UnitError, WecbTypeError
from wecb.units import rate

__all__ = ["unit_text"]

_PER: Final = re.compile(r"\s*/\s*|\s+per\s+|^\s*per\s+", re.IGNORECASE)
_UNIT_EXAMPLES: Final = "'family / year', 'per family per year', 'person' or 'offender / year'"


def unit_text(text: str, *, where: str = "unit") -> str:
    """The canonical wecb text of what a unit cost is per: cohort and time units joined by
    ``" / "`` (``"per family per year"`` and ``"year/families"`` are ``"family / year"``).

    >>> unit_text("per young person per year"), unit_text("Families")
    ('year / young_person', 'family')
    """
    if not isinstance(text, str):
        raise WecbTypeError.not_accepted(where, text, f"unit text such as {_UNIT_EXAMPLES}")
    names = [p.strip().lower().replace(" ", "_") for p in _PER.split(text) if p.strip()]
    if not names:
        raise AppraisalError.not_accepted(where, text, f"unit text such as {_UNIT_EXAMPLES}")
    try:
        units = str(rate(1, *names).units)
    except (UnitError, AttributeError, ValueError) as exc:
        raise AppraisalError(
            f"{where}: cannot read {text!r} as what a unit cost is per ({exc}); write cohort "
            f"and time units such as {_UNIT_EXAMPLES}"
        ) from None
    return units.removeprefix("GBP / ")
