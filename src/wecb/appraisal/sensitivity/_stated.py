"""The assumptions a sensitivity run states (private): the appraisal's own, each range with
the lines it applies to, and how the run was made.

>>> from wecb.appraisal.sensitivity.ranges import Selector, Triangular, Uncertainty
>>> u = Uncertainty(name="costs", distribution=Triangular(low="0.9", central="1", high="1.5"),
...                 applies_to=Selector(nature="cost"), note="FBC estimates")
>>> print(range_assumption(u))
range 'costs': triangular multiplier x0.9, x1, x1.5 (low, central, high) on costs \
(FBC estimates)
"""

from __future__ import annotations

from collections.abc import Iterable

from wecb.appraisal.record import Appraisal
from wecb.appraisal.sensitivity.ranges import (
    Distribution,
    Selector,
    Triangular,
    Uncertainty,
    Uniform,
)
from wecb.core._decimal import plain
from wecb.core.assumptions import Assumption

__all__ = ["describe_distribution", "describe_selector", "range_assumption", "run_assumptions"]


def describe_distribution(distribution: Distribution) -> str:
    """A range of multipliers in words."""
    # Multipliers in plain digits ("x10", not "x1E+1"), whatever the caller's context.
    if isinstance(distribution, Triangular):
        return (
            f"triangular multiplier x{plain(distribution.low)}, x{plain(distribution.central)}, "
            f"x{plain(distribution.high)} (low, central, high)"
        )
    if isinstance(distribution, Uniform):
        return f"uniform multiplier from x{plain(distribution.low)} to x{plain(distribution.high)}"
    total = sum(weight for _, weight in distribution.outcomes)
    outcomes = ", ".join(f"x{plain(m)} with chance {w / total}" for m, w in distribution.outcomes)
    return f"discrete multiplier: {outcomes}"


def describe_selector(selector: Selector) -> str:
    """The lines a selector chooses, in words (``"every line"`` when it has no criterion)."""
    parts = [
        f"{name} {', '.join(map(str, values))}"
        for name, values in (
            ("projects", selector.projects),
            ("domains", selector.domains),
            ("categories", selector.categories),
            ("partners", selector.partners),
            ("labels", selector.labels),
        )
        if values
    ]
    if selector.nature is not None:
        parts.insert(0, f"{selector.nature.value}s")
    if selector.cashable is not None:
        parts.append("cashable" if selector.cashable else "not cashable")
    return "; ".join(parts) if parts else "every line"


def range_assumption(uncertainty: Uncertainty) -> Assumption:
    """One range, the lines it applies to and its note."""
    return Assumption(
        name=f"range {uncertainty.name!r}",
        value=(
            f"{describe_distribution(uncertainty.distribution)} on "
            f"{describe_selector(uncertainty.applies_to)}"
        ),
        source=uncertainty.note,
    )


def run_assumptions(
    appraisal: Appraisal,
    uncertainties: Iterable[Uncertainty],
    run: Iterable[tuple[str, str]],
    stated: Iterable[Assumption] | None = None,
) -> tuple[Assumption, ...]:
    """The appraisal's assumptions (``stated``, when the caller has them already), then
    each range, then the run's settings ``run`` (pairs of name and value)."""
    return (
        *(appraisal.assumptions() if stated is None else stated),
        *(range_assumption(u) for u in uncertainties),
        *(Assumption(name=name, value=value) for name, value in run),
    )
