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
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Final

import attrs

from wecb.appraisal._checks import fraction_field, require_text
from wecb.appraisal.parameters import ParameterSource
from wecb.core._decimal import shift
from wecb.core._validators import field_name, require_instance
from wecb.core.numbers import Exact, decimal
from wecb.errors import AppraisalError

__all__ = ["CBA_2014_OPTIMISM_BIAS", "OptimismBiasGrade", "OptimismBiasTable"]


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
