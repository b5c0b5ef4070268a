"""The assumptions an outcome chain states (private): its inputs, with their source, and
the rules :func:`~wecb.appraisal.outcomes.outcome_chain` applies to them.

The inputs are the caller's (or come from the outcome's ``source``, or a unit cost's); the
rules are wecb's reading of the 2014 cost benefit analysis guidance for local partnerships
(see the concepts page on outcome chains, which says what was verified in a public copy).

>>> print(CHAIN_RULES[0])
number benefiting: a cohort entering in year y counts cohort x engagement x impact x (1 - \
deadweight) (wecb.appraisal.outcomes)
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Final

from wecb.appraisal._assumptions import CALLER
from wecb.core.assumptions import Assumption
from wecb.core.periods import FinancialYear

__all__ = ["CHAIN_RULES", "OUTCOME_RULES", "input_assumptions", "share_text"]

#: The source of the rules an outcome chain applies.
OUTCOME_RULES: Final = "wecb.appraisal.outcomes"

CHAIN_RULES: Final = (
    Assumption(
        name="number benefiting",
        value="a cohort entering in year y counts cohort x engagement x impact x (1 - deadweight)",
        source=OUTCOME_RULES,
    ),
    Assumption(
        name="timing",
        value="its benefits fall in years y+lag .. y+lag+persistence-1, a whole year's "
        "benefit in each",
        source=OUTCOME_RULES,
    ),
    Assumption(
        name="value by year",
        value="in its k-th year of benefit (k = 0, 1, ...) it is worth number x unit value "
        "per member per year x (1 - drop-off)^k; a year's value sums every cohort's",
        source=OUTCOME_RULES,
    ),
    Assumption(
        name="splits",
        value="each year's value (at the precision) is split into cashable and non-cashable, "
        "then each part across the agencies, by the largest remainder method (ties to the "
        "earlier share), so every split sums exactly to its whole",
        source=OUTCOME_RULES,
    ),
    Assumption(
        name="deadweight",
        value="the chain's benefits are net of the outcome's deadweight: do not apply "
        "deadweight to them again in appraise(adjustments=...)",
        source=OUTCOME_RULES,
    ),
)


def share_text(value: Fraction) -> str:
    """``Fraction(1, 5)`` as ``'20%'``; a share with no short decimal form as ``'1/3'``."""
    scaled = value * 100
    if scaled.denominator == 1:
        return f"{scaled.numerator}%"
    for places in range(1, 7):
        if (scaled * 10**places).denominator == 1:
            return _decimal_percent(scaled, places)
    return str(value)


def _decimal_percent(scaled: Fraction, places: int) -> str:
    whole = scaled * 10**places
    digits = str(abs(whole.numerator)).rjust(places + 1, "0")
    sign = "-" if whole < 0 else ""
    return f"{sign}{digits[:-places]}.{digits[-places:]}%"


def input_assumptions(
    *,
    name: str,
    source: str | None,
    rates: Sequence[tuple[str, Fraction]],
    lag: int,
    persistence: int,
    unit_value: str,
    unit_source: str | None,
    price_year: FinancialYear | None,
    value_type: str,
    cashable_share: Fraction | None,
    agency_shares: Sequence[tuple[str, Fraction]],
) -> tuple[Assumption, ...]:
    """The outcome's inputs, each with the outcome's source (else stated by the caller)."""
    given = source or CALLER
    out = [Assumption(name=f"outcome {name!r}", value=f"a {value_type} benefit", source=given)]
    out.extend(Assumption(name=field, value=share_text(v), source=given) for field, v in rates)
    out.append(
        Assumption(
            name="lag and persistence",
            value=f"benefits start {lag} year{'s' if lag != 1 else ''} after a cohort enters "
            f"and last {persistence} year{'s' if persistence != 1 else ''}",
            source=given,
        )
    )
    priced = f" in {price_year} prices" if price_year is not None else ""
    out.append(
        Assumption(name="unit value", value=f"{unit_value}{priced}", source=unit_source or given)
    )
    if cashable_share is not None:
        out.append(
            Assumption(name="cashable share", value=share_text(cashable_share), source=given)
        )
    listed = ", ".join(f"{key} {share_text(share)}" for key, share in agency_shares)
    out.append(Assumption(name="agency shares", value=listed, source=given))
    return tuple(out)
