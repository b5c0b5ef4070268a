"""The assumptions a cohort profile states (private): the model's inputs, and the rules
:class:`~wecb.appraisal.cohorts.CohortModel` applies to them.

The inputs (unit value, case duration, the model's assumption) are the caller's, or come
from the model's ``source``; each wave states itself
(:meth:`~wecb.appraisal.cohorts.CohortWave.assumption`). The rules are what
:meth:`~wecb.appraisal.cohorts.CohortModel.profile` does with them. No shipped parameter
enters a cohort profile, so none is unverified.

>>> for a in profile_assumptions(unit_value="52000 GBP / family", case_duration=None,
...                              assumption="illustrative", source=None):
...     print(a)
unit value: 52000 GBP / family (stated by the caller)
assumption: illustrative (stated by the caller)
>>> print(model_rules(case_duration=None, cases_rounding="ROUND_HALF_UP")[-1])
cases: each wave's cases in each year rounded to whole cases (ROUND_HALF_UP), its money \
with them (stated by the caller)
"""

from __future__ import annotations

from typing import Final

from wecb.appraisal._assumptions import CALLER
from wecb.core.assumptions import Assumption

__all__ = ["COHORT_RULES", "model_rules", "profile_assumptions"]

#: The source of the rules a cohort model applies.
COHORT_RULES: Final = "wecb.appraisal.cohorts"


def profile_assumptions(
    *, unit_value: str, case_duration: str | None, assumption: str | None, source: str | None
) -> tuple[Assumption, ...]:
    """The model's inputs a profile keeps: the unit value and case duration (from the
    model's ``source``, else stated by the caller) and the model's assumption."""
    given = source or CALLER
    out = [Assumption(name="unit value", value=unit_value, source=given)]
    if case_duration is not None:
        out.append(
            Assumption(
                name="case duration",
                value=f"{case_duration}: each case's value per year counts for this long",
                source=given,
            )
        )
    if assumption:
        out.append(Assumption(name="assumption", value=assumption, source=CALLER))
    return tuple(out)


def model_rules(
    *, case_duration: str | None, cases_rounding: str | None
) -> tuple[Assumption, ...]:
    """How a cohort model turns its inputs into money by year."""
    duration = " x the case duration" if case_duration is not None else ""
    if cases_rounding is None:
        cases = Assumption(
            name="cases",
            value="exact, not rounded (cases_rounding not given)",
            source=COHORT_RULES,
        )
    else:
        cases = Assumption(
            name="cases",
            value=f"each wave's cases in each year rounded to whole cases ({cases_rounding}), "
            "its money with them",
            source=CALLER,
        )
    return (
        Assumption(
            name="money by year",
            value=f"the unit value x the cases worked with in the year (team-years for a wave "
            f"of teams alone){duration}: a case's whole value falls in the year it is worked "
            "with",
            source=COHORT_RULES,
        ),
        Assumption(
            name="part years",
            value="each wave works whole months from its start month to its last year (or the "
            "end of the profile); a part year's throughput is months / 12 of a whole year's",
            source=COHORT_RULES,
        ),
        cases,
    )
