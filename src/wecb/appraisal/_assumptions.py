"""The assumptions an appraisal states (private): schedule, base year, price base, phasing,
adjustments, optimism bias tables and the treatment of unclassified benefits.

Each is an :class:`~wecb.core.assumptions.Assumption`; a shipped parameter whose
:class:`~wecb.appraisal.parameters.ParameterSource` is not verified carries
``verified=False``, so every form of the result shows the warning.

>>> from wecb.appraisal.schedules import GREEN_BOOK_HEALTH
>>> print(schedule_assumption(GREEN_BOOK_HEALTH))  # doctest: +ELLIPSIS
discount schedule: green_book_health: 1.5% for years 0-30; ... [WARNING: not verified ...]
>>> print(price_base_assumption(FinancialYear(2012)))
price base: 2012/13 prices, not rebased: figures taken as 2012/13 prices as stated (no line \
states another price year)
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from wecb.appraisal.adjustments import NO_ADJUSTMENTS, Adjustments
from wecb.appraisal.horizons import Horizon
from wecb.appraisal.lines import AdjustmentPlan, AppraisedLine, BenefitType
from wecb.appraisal.optimism_bias import OptimismBiasTable
from wecb.appraisal.parameters import ParameterSource
from wecb.appraisal.phasing import Phasing
from wecb.appraisal.prices import PriceIndex
from wecb.appraisal.schedules import DiscountSchedule
from wecb.core._decimal import shift, trimmed
from wecb.core.assumptions import Assumption
from wecb.core.periods import FinancialYear
from wecb.model.cashflows import ValueType

__all__ = [
    "CALLER",
    "adjustment_assumptions",
    "appraisal_assumptions",
    "business_as_usual_assumptions",
    "describe_adjustments",
    "origin_text",
    "phasing_assumption",
    "price_base_assumption",
    "schedule_assumption",
    "treatment_assumption",
]

#: The source of a value the caller stated.
CALLER = "stated by the caller"


def origin_text(source: ParameterSource | None, missing: str = CALLER) -> tuple[str, bool]:
    """A shipped parameter's source in words (without the verification flag, which the
    assumption carries) and whether it is verified; ``missing`` when there is none."""
    if source is None:
        return missing, True
    return f"{source.document}, {source.section} ({source.year})", source.verified


def schedule_assumption(schedule: DiscountSchedule) -> Assumption:
    """The discount schedule with its rates and source."""
    source, verified = origin_text(schedule.source)
    return Assumption(
        name="discount schedule", value=str(schedule), source=source, verified=verified
    )


def price_base_assumption(
    price_base: FinancialYear,
    lines: Iterable[AppraisedLine] = (),
    index: PriceIndex | None = None,
) -> Assumption:
    """The price base, and which lines were rebased to it with which index."""
    rebased = [line for line in lines if line.rebasing is not None]
    if not rebased:
        return Assumption(
            name="price base",
            value=f"{price_base} prices, not rebased: figures taken as {price_base} prices as "
            "stated (no line states another price year)",
        )
    years = sorted({line.rebasing.from_year for line in rebased if line.rebasing})
    shown = ", ".join(
        f"{year} x {index.factor(year, price_base)}" if index else str(year) for year in years
    )
    source, verified = origin_text(index.source if index else None)
    label = " (illustrative figures)" if index is not None and index.illustrative else ""
    count = f"{len(rebased)} line{'s' if len(rebased) != 1 else ''}"
    return Assumption(
        name="price base",
        value=f"{price_base} prices; {count} rebased from {_its(len(rebased))} "
        f"price year by {index.name if index else 'an index'}{label} ({shown}); any other "
        f"line taken as {price_base} prices as stated",
        source=source,
        verified=verified and not (index is not None and index.illustrative),
    )


def _its(count: int) -> str:
    return "its" if count == 1 else "their"


def phasing_assumption(phasing: Phasing) -> Assumption:
    """The phasing of the open periods and where it came from (``note``)."""
    if not phasing.periods and not phasing.projects:
        return Assumption(name="phasing", value="none given (no open period phased)")
    shown = str(_without_note(phasing)).replace("\n", "; ")
    return Assumption(name="phasing", value=f"weights by year: {shown}", source=_note(phasing))


def _without_note(phasing: Phasing) -> Phasing:
    """``phasing`` without its note (the note is the assumption's source)."""
    return Phasing(phasing.periods, projects=phasing.projects)


def _note(phasing: Phasing) -> str:
    return phasing.note if phasing.note else CALLER


def _percent(fraction: Decimal) -> str:
    return format(trimmed(shift(fraction, 2)), "f") + "%"  # exact, whatever the context


def describe_adjustments(adjustments: Adjustments) -> str:
    """Every value of ``adjustments`` in words (neutral ones too)."""
    grade = adjustments.optimism_bias_grade
    if grade is None:
        bias = "no optimism bias"
    else:
        entry = adjustments.table[grade]
        bias = (
            f"optimism bias grade {grade} of {adjustments.table.name} (costs raised "
            f"{_percent(entry.cost_uplift)}, benefits cut {_percent(entry.benefit_reduction)})"
        )
    return (
        f"{bias}; deadweight {_percent(adjustments.deadweight)}; attribution "
        f"{_percent(adjustments.attribution)}"
    )


def _rules(plan: AdjustmentPlan) -> list[tuple[str, Adjustments]]:
    rules = [("default", plan.default)]
    rules += [(f"project {key!r}", adjustments) for key, adjustments in plan.projects]
    rules += [(f"line {key!r}", adjustments) for key, adjustments in plan.lines]
    return rules


def adjustment_assumptions(
    plan: AdjustmentPlan, lines: Iterable[AppraisedLine]
) -> tuple[Assumption, ...]:
    """Each rule of ``plan`` with its values and how many lines it chose, then each
    optimism bias table a rule grades by, with its source."""
    counts: dict[str, int] = {}
    for line in lines:
        counts[line.rule] = counts.get(line.rule, 0) + 1
    out: list[Assumption] = []
    tables: dict[str, tuple[OptimismBiasTable, set[int]]] = {}
    for rule, adjustments in _rules(plan):
        count = counts.get(rule, 0)
        given = rule != "default" or adjustments != NO_ADJUSTMENTS
        out.append(
            Assumption(
                name=f"adjustments, {rule} ({count} line{'s' if count != 1 else ''})",
                value=describe_adjustments(adjustments),
                source=CALLER if given else "none given",
            )
        )
        if adjustments.optimism_bias_grade is not None:
            table = adjustments.table
            tables.setdefault(table.name, (table, set()))[1].add(adjustments.optimism_bias_grade)
    for name, (table, grades) in tables.items():
        source, verified = origin_text(table.source, "the caller's table (no source given)")
        used = ", ".join(str(g) for g in sorted(grades))
        out.append(
            Assumption(
                name=f"optimism bias table {name}",
                value=f"grade{'s' if len(grades) > 1 else ''} {used} used",
                source=source,
                verified=verified,
            )
        )
    return tuple(out)


def treatment_assumption(treat: ValueType | None) -> Assumption:
    """How unclassified benefits are counted."""
    if treat is None:
        value = (
            "their own row, outside the financial case and inside the economic case "
            "(treat_unclassified not given)"
        )
    else:
        counted = (
            BenefitType.FISCAL_NON_CASHABLE.label if treat is ValueType.FISCAL else treat.value
        )
        inside = "inside" if treat is ValueType.FISCAL else "outside"
        value = (
            f"counted as {counted}: {inside} the financial case, inside the economic case "
            f"(treat_unclassified={treat.value!r})"
        )
    return Assumption(name="unclassified benefits", value=value)


def appraisal_assumptions(
    *,
    schedule: DiscountSchedule,
    base_year: FinancialYear,
    price_base: FinancialYear,
    horizon: Horizon,
    phasing: Phasing,
    plan: AdjustmentPlan,
    lines: Iterable[AppraisedLine],
    treat: ValueType | None,
    allow_before_base: bool,
    price_index: PriceIndex | None = None,
) -> tuple[Assumption, ...]:
    """Everything an appraisal assumed, in the order the printout lists it."""
    before = (
        "compounded forward to the base year (allow_before_base)"
        if allow_before_base
        else "refused (none in this appraisal)"
    )
    return (
        schedule_assumption(schedule),
        Assumption(name="base year", value=str(base_year)),
        price_base_assumption(price_base, lines := tuple(lines), price_index),
        Assumption(name="horizon", value=str(horizon)),
        Assumption(name="flows before the base year", value=before),
        phasing_assumption(phasing),
        *adjustment_assumptions(plan, lines),
        treatment_assumption(treat),
        *business_as_usual_assumptions(lines),
    )


def business_as_usual_assumptions(lines: Iterable[AppraisedLine]) -> tuple[Assumption, ...]:
    """How business-as-usual (counterfactual) lines count, when there are any."""
    usual = [line for line in lines if line.counterfactual]
    if not usual:
        return ()
    projects = ", ".join(dict.fromkeys(line.project for line in usual))
    return (
        Assumption(
            name=f"business as usual ({len(usual)} line{'s' if len(usual) != 1 else ''})",
            value=f"project{'s' if ',' in projects else ''} {projects}: each business-as-usual "
            "flow is subtracted from the total of its kind (cost category or benefit type), "
            "year and partner, so every figure is with-minus-without; taken as stated (no "
            "adjustments)",
            source=CALLER,
        ),
    )
