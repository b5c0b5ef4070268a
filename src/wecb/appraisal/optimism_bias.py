"""Optimism bias: percentages by confidence grade, with their source.

The public-service cost-benefit method corrects each line for optimism bias by a
confidence grade (1 = best evidence ... 6 = least): a cost is raised by the grade's cost
percentage, a benefit cut by its benefit percentage. An :class:`OptimismBiasTable` holds
the percentages of each :class:`OptimismBiasGrade` and the
:class:`~wecb.appraisal.parameters.ParameterSource` they come from;
:data:`CBA_2014_OPTIMISM_BIAS` is the shipped table, and users replace it with their own.
The correction itself is a step of :mod:`wecb.appraisal.adjustments`
(:func:`~wecb.appraisal.adjustments.apply_optimism_bias`, or
:class:`~wecb.appraisal.adjustments.Adjustments` with a grade and a table).

>>> CBA_2014_OPTIMISM_BIAS.cost_uplift(4), CBA_2014_OPTIMISM_BIAS.benefit_reduction(6)
(Decimal('0.15'), Decimal('0.40'))

The second shipped table, :data:`MOTT_MACDONALD_2002_OPTIMISM_BIAS`, is the Green Book's
table by project type (a :class:`ProjectTypeOptimismBias`): for each type of capital
project, the upper and lower bounds of optimism bias in works duration and capital
expenditure (operating expenditure for outsourcing), from Mott MacDonald's review of large
public procurement for HM Treasury. An appraisal starts at the upper bound and reduces it by
the share of the risks it has mitigated (:meth:`ProjectTypeOptimismBias.uplift`):

>>> table = MOTT_MACDONALD_2002_OPTIMISM_BIAS
>>> table.upper("standard_buildings", "capital_expenditure")
Decimal('0.24')
>>> table.uplift("non_standard_buildings", "capital_expenditure", mitigation="0.25")
Decimal('0.3825')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Final

import attrs

from wecb.appraisal._checks import fraction_field, require_text
from wecb.appraisal.parameters import ParameterSource
from wecb.core._decimal import EXACT, shift
from wecb.core._validators import field_name, require_instance
from wecb.core.numbers import Exact, decimal
from wecb.errors import AppraisalError, UnknownKeyError

__all__ = [
    "CBA_2014_OPTIMISM_BIAS",
    "MOTT_MACDONALD_2002_OPTIMISM_BIAS",
    "OptimismBiasBounds",
    "OptimismBiasGrade",
    "OptimismBiasTable",
    "ProjectTypeOptimismBias",
]


def _grade_number(instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if require_instance(field_name(instance, attribute), value, int, "an int >= 1") < 1:
        raise AppraisalError.not_accepted(field_name(instance, attribute), value, "an int >= 1")


def _pct(value: Exact) -> Decimal:
    return decimal(value, what="optimism bias percentage", error=AppraisalError)


def _non_negative(instance: object, attribute: attrs.Attribute[Decimal], value: Decimal) -> None:
    if value < 0:
        raise AppraisalError.not_accepted(
            field_name(instance, attribute), value, "a fraction >= 0"
        )


@attrs.frozen(kw_only=True)
class OptimismBiasGrade:
    """A confidence grade: costs raised by ``cost_uplift``, benefits cut by ``benefit_reduction``.

    Both are fractions (``Decimal("0.1")`` is 10%); ``"10%"`` is accepted.

    >>> OptimismBiasGrade(grade=3, cost_uplift="10%", benefit_reduction="10%").cost_uplift
    Decimal('0.10')
    """

    grade: int = attrs.field(validator=_grade_number)
    cost_uplift: Decimal = attrs.field(converter=_pct, validator=_non_negative)
    benefit_reduction: Decimal = attrs.field(converter=_pct, validator=fraction_field)
    description: str = ""


def _grades(value: Iterable[OptimismBiasGrade]) -> tuple[OptimismBiasGrade, ...]:
    grades = tuple(value)
    for g in grades:
        require_instance("OptimismBiasTable.grades", g, OptimismBiasGrade, "an OptimismBiasGrade")
    return tuple(sorted(grades, key=lambda g: g.grade))


def _distinct_grades(
    instance: object,
    attribute: attrs.Attribute[tuple[OptimismBiasGrade, ...]],
    value: tuple[OptimismBiasGrade, ...],
) -> None:
    numbers = [g.grade for g in value]
    if not numbers:
        raise AppraisalError("OptimismBiasTable.grades: the table has no grades")
    if len(set(numbers)) != len(numbers):
        raise AppraisalError(f"OptimismBiasTable.grades: grades repeat: {numbers}")


def _table_name(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    require_text("OptimismBiasTable.name", value)


@attrs.frozen(kw_only=True)
class OptimismBiasTable:
    """Optimism bias percentages by confidence grade, with their source.

    Users replace the shipped :data:`CBA_2014_OPTIMISM_BIAS` by building their
    own, or by changing one grade with :meth:`with_grade`.

    >>> t = OptimismBiasTable.from_percentages("ours", {1: ("0", "0"), 2: ("20", "30")})
    >>> t.cost_uplift(2), t.benefit_reduction(2)
    (Decimal('0.20'), Decimal('0.30'))
    >>> t.cost_uplift(7)
    Traceback (most recent call last):
    wecb.errors.AppraisalError: optimism bias grade 7 is not in table 'ours' (grades 1, 2)
    """

    name: str = attrs.field(validator=_table_name)
    grades: tuple[OptimismBiasGrade, ...] = attrs.field(
        converter=_grades, validator=_distinct_grades
    )
    source: ParameterSource | None = None

    @classmethod
    def from_percentages(
        cls,
        name: str,
        percentages: Mapping[int, tuple[Exact, Exact]],
        *,
        source: ParameterSource | None = None,
        descriptions: Mapping[int, str] | None = None,
    ) -> OptimismBiasTable:
        """A table from ``{grade: (cost %, benefit %)}`` given in percent (``"15"`` is 15%)."""
        texts = descriptions or {}
        grades = []
        for grade, (cost, benefit) in percentages.items():
            grades.append(
                OptimismBiasGrade(
                    grade=grade,
                    cost_uplift=_percentage(cost, f"grade {grade} cost %"),
                    benefit_reduction=_percentage(benefit, f"grade {grade} benefit %"),
                    description=texts.get(grade, ""),
                )
            )
        return cls(name=name, grades=grades, source=source)

    def __contains__(self, grade: object) -> bool:
        return any(g.grade == grade for g in self.grades)

    def __getitem__(self, grade: int) -> OptimismBiasGrade:
        for g in self.grades:
            if g.grade == grade and not isinstance(grade, bool):
                return g
        known = ", ".join(str(g.grade) for g in self.grades)
        raise AppraisalError(
            f"optimism bias grade {grade!r} is not in table {self.name!r} (grades {known})"
        )

    def cost_uplift(self, grade: int) -> Decimal:
        """The fraction by which a cost of this grade is raised."""
        return self[grade].cost_uplift

    def benefit_reduction(self, grade: int) -> Decimal:
        """The fraction by which a benefit of this grade is cut."""
        return self[grade].benefit_reduction

    def with_grade(
        self, grade: OptimismBiasGrade, *, name: str | None = None
    ) -> OptimismBiasTable:
        """A copy with ``grade`` added or replaced (and no claim to the shipped source)."""
        others = [g for g in self.grades if g.grade != grade.grade]
        return OptimismBiasTable(
            name=name if name is not None else f"{self.name} (modified)",
            grades=[*others, grade],
            source=None,
        )


def _percentage(value: Exact, what: str) -> Decimal:
    """A figure given in percent (``"15"`` is 15%) as a fraction."""
    return shift(decimal(value, what=what, error=AppraisalError), -2)  # exact, any context


_CBA_2014_DOCUMENT = (
    "HM Treasury, Public Service Transformation Network and New Economy, Supporting public "
    "service transformation: cost benefit analysis guidance for local partnerships"
)

#: Confidence grades of the 2014 local-partnership CBA guidance (New Economy model).
CBA_2014_OPTIMISM_BIAS: Final = OptimismBiasTable.from_percentages(
    "cba_2014_confidence_grades",
    {
        1: ("0", "0"),
        2: ("5", "5"),
        3: ("10", "10"),
        4: ("15", "15"),
        5: ("25", "25"),
        6: ("40", "40"),
    },
    descriptions={
        1: "highest confidence: independently audited or robust local evidence",
        2: "recent operational data or robust evaluation",
        3: "evidence from a business case or a similar project",
        4: "unit cost estimates or evidence from elsewhere",
        5: "expert judgement with limited evidence",
        6: "lowest confidence: estimates without evidence",
    },
    source=ParameterSource(
        document=_CBA_2014_DOCUMENT,
        section=(
            "Chapter 6 (Costs - method of calculation) and Chapter 7 (Benefits - method of "
            "calculation): optimism bias correction by confidence grade"
        ),
        year=2014,
        verified=False,
        note=(
            "The percentages (and the grade descriptions, paraphrased) could not be read from "
            "the primary text while this table was built; check them against the April 2014 "
            "guidance before publishing results that depend on them, and replace the table if "
            "they differ."
        ),
    ),
)


# --------------------------------------------------------------------------- by project type

#: What an optimism bias bound by project type measures.
MEASURES: Final = ("works_duration", "capital_expenditure", "operating_expenditure")


def _measure(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if value not in MEASURES:
        raise AppraisalError.not_accepted(
            field_name(instance, attribute), value, f"one of {', '.join(MEASURES)}"
        )


def _key(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    require_text(field_name(instance, attribute), value)


@attrs.frozen(kw_only=True)
class OptimismBiasBounds:
    """The upper and lower bounds of optimism bias of one measure for one project type, as
    fractions (``"51%"`` is accepted): ``upper`` where no risk is mitigated, ``lower`` the
    level the study found where the risks were managed."""

    project_type: str = attrs.field(validator=_key)
    measure: str = attrs.field(validator=_measure)
    upper: Decimal = attrs.field(converter=_pct, validator=_non_negative)
    lower: Decimal = attrs.field(converter=_pct, validator=_non_negative)

    def __attrs_post_init__(self) -> None:
        if self.lower > self.upper:
            raise AppraisalError(
                f"OptimismBiasBounds {self.project_type!r} {self.measure}: the lower bound "
                f"{self.lower} is above the upper bound {self.upper}"
            )


def _bounds(value: Iterable[OptimismBiasBounds]) -> tuple[OptimismBiasBounds, ...]:
    rows = tuple(value)
    for row in rows:
        require_instance(
            "ProjectTypeOptimismBias.bounds", row, OptimismBiasBounds, "OptimismBiasBounds"
        )
    pairs = [(row.project_type, row.measure) for row in rows]
    twice = sorted({f"{t} {m}" for t, m in pairs if pairs.count((t, m)) > 1})
    if twice:
        raise AppraisalError(f"ProjectTypeOptimismBias.bounds: given twice: {', '.join(twice)}")
    if not rows:
        raise AppraisalError("ProjectTypeOptimismBias.bounds: the table has no rows")
    return rows


@attrs.frozen(kw_only=True)
class ProjectTypeOptimismBias:
    """Optimism bias bounds by project type and measure, with their source."""

    name: str = attrs.field(validator=_table_name)
    bounds: tuple[OptimismBiasBounds, ...] = attrs.field(converter=_bounds)
    source: ParameterSource | None = None

    @property
    def project_types(self) -> tuple[str, ...]:
        """The project types, in table order."""
        return tuple(dict.fromkeys(row.project_type for row in self.bounds))

    def bounds_of(self, project_type: str, measure: str) -> OptimismBiasBounds:
        """The bounds of ``measure`` for ``project_type``; unknown ones are refused with
        the choices."""
        if project_type not in self.project_types:
            raise UnknownKeyError(
                f"no project type {project_type!r} in optimism bias table {self.name!r}; "
                f"its types: {', '.join(self.project_types)}"
            )
        rows = [row for row in self.bounds if row.project_type == project_type]
        for row in rows:
            if row.measure == measure:
                return row
        raise UnknownKeyError(
            f"optimism bias table {self.name!r} has no {measure!r} bounds for "
            f"{project_type!r}; it has {', '.join(row.measure for row in rows)}"
        )

    def upper(self, project_type: str, measure: str) -> Decimal:
        """The upper bound: the adjustment before any risk is mitigated."""
        return self.bounds_of(project_type, measure).upper

    def lower(self, project_type: str, measure: str) -> Decimal:
        """The lower bound: the level the study found where the risks were managed."""
        return self.bounds_of(project_type, measure).lower

    def uplift(self, project_type: str, measure: str, *, mitigation: Exact) -> Decimal:
        """``upper x (1 - mitigation)``, exactly: ``mitigation`` (a fraction in [0, 1]) is
        the share of the upper bound's contributory risks that the appraisal shows to be
        mitigated (the sum over risk areas of each area's share times its mitigation factor).

        Not floored at the lower bound: the study presents the lower bound as a level
        observed, not a minimum, so the caller compares (:meth:`lower`)."""
        share = decimal(mitigation, what="optimism bias mitigation", error=AppraisalError)
        if not 0 <= share <= 1:
            raise AppraisalError.not_accepted(
                "optimism bias mitigation", mitigation, "a fraction in [0, 1]"
            )
        upper = self.upper(project_type, measure)
        return _mitigated(upper, share)


def _mitigated(upper: Decimal, mitigation: Decimal) -> Decimal:
    """``upper x (1 - mitigation)`` exactly."""
    return EXACT.multiply(upper, EXACT.subtract(Decimal(1), mitigation))


_MOTT_MACDONALD_PERCENTAGES: Final = (
    # project type, (works duration upper, lower), (capital expenditure upper, lower)
    ("standard_buildings", ("4", "1"), ("24", "2")),
    ("non_standard_buildings", ("39", "2"), ("51", "4")),
    ("standard_civil_engineering", ("20", "1"), ("44", "3")),
    ("non_standard_civil_engineering", ("25", "3"), ("66", "6")),
    ("equipment_development", ("54", "10"), ("200", "10")),
)

#: Mott MacDonald's upper and lower bounds by project type (Green Book supplementary guidance).
MOTT_MACDONALD_2002_OPTIMISM_BIAS: Final = ProjectTypeOptimismBias(
    name="mott_macdonald_2002_project_types",
    bounds=(
        *(
            OptimismBiasBounds(
                project_type=kind,
                measure=measure,
                upper=_percentage(upper, f"{kind} {measure} upper %"),
                lower=_percentage(lower, f"{kind} {measure} lower %"),
            )
            for kind, duration, capex in _MOTT_MACDONALD_PERCENTAGES
            for measure, (upper, lower) in (
                ("works_duration", duration),
                ("capital_expenditure", capex),
            )
        ),
        OptimismBiasBounds(
            project_type="outsourcing",
            measure="operating_expenditure",
            upper=_percentage("41", "outsourcing operating expenditure upper %"),
            lower=_percentage("0", "outsourcing operating expenditure lower %"),
        ),
    ),
    source=ParameterSource(
        document=(
            "Mott MacDonald for HM Treasury, Review of Large Public Procurement in the UK; "
            "the basis of HM Treasury's Supplementary Green Book Guidance: Optimism Bias (2003)"
        ),
        section=(
            "Table 2, Optimism Bias Guidelines: upper and lower bounds for works duration and "
            "capital expenditure (operating expenditure for outsourcing) by project type"
        ),
        year=2002,
        verified=True,
        note=(
            "Figures read in a public copy of the review's guidance "
            "(https://ppponline.affinitext.com/public/book?id=1343&toc_id=444193); the order "
            "of the columns (works duration, then capital expenditure) is confirmed by the "
            "same copy's worked examples for a combined building project (non-standard "
            "building upper bounds 39% duration and 51% capital expenditure; standard 4% and "
            "24%). The outsourcing row is operating expenditure, as the table's footnote says. "
            "The rule of uplift() (upper bound reduced by the mitigated share of the risks) "
            "is wecb's reading of the guidance's steps."
        ),
    ),
)
