"""Integration levels and pooling arrangements, and the rule that ties them together.

Integration levels
------------------
An ordered scale from 1 (partners commission separately) to 5 (one body commissions for
all). Only levels 4 and 5 come from the source documents: the Whole Essex Community Budget
FBC1 business case (Health and Wellbeing - Integrated Commissioning) names "An Integrated
Commissioning Arrangement within existing and emerging organisational boundaries (ICA –
level 4 integration)" and "A Single Commissioning Body approach for localities (SCB – level
5 integration)". Levels 1 to 3 are
wecb's own, chosen to fill the scale below them in the order the business cases discuss
(separate, aligned, pooled). Each member says which it is:

>>> IntegrationLevel.SINGLE_COMMISSIONING_BODY.defined_by
<DefinedBy.SOURCE: 'source'>
>>> IntegrationLevel.ALIGNED_BUDGETS.defined_by
<DefinedBy.WECB: 'wecb'>
>>> IntegrationLevel.INTEGRATED_COMMISSIONING_ARRANGEMENT.abbreviation
'ICA'

Pooling arrangements
--------------------
How a funding stream enters the programme. Essex County Council's written submission on
community budgets (CBud 01) draws the distinction at the heart of community budgets: a pooled
budget is a "single funding pot" ("single bank account"), with "a single accounting
mechanism and, ultimately, a single decision-making body", while partners can instead have
"aligned specific funding streams behind local programmes", or committed "staff 'in kind'".
The Essex FBC2 business case adds "virtual pooling" (of skills funding): the money stays in
each funder's accounts but is directed jointly, as one budget.

The rule (wecb's own, derived from that submission)
---------------------------------------------------
A stream may enter a project only if the project's integration level supports the
arrangement:

=================  =============================  ==================================
arrangement        minimum integration level      why
=================  =============================  ==================================
``IN_KIND``        1 (any)                        staff time needs no shared budget
``ALIGNED``        2 (aligned budgets)            aligning needs joint planning
``VIRTUAL_POOL``   3 (pooled budget)              one decision-maker over the funds
``POOLED``         3 (pooled budget)              single pot, one accounting body
=================  =============================  ==================================

>>> minimum_integration_level(PoolingArrangement.POOLED)
<IntegrationLevel.POOLED_BUDGET: 3>
>>> permits(IntegrationLevel.ALIGNED_BUDGETS, PoolingArrangement.POOLED)
False
>>> permits(IntegrationLevel.SINGLE_COMMISSIONING_BODY, PoolingArrangement.POOLED)
True
"""

from __future__ import annotations

import enum
import types
from typing import Final

__all__ = [
    "POOLING_RULE",
    "DefinedBy",
    "IntegrationLevel",
    "PoolingArrangement",
    "minimum_integration_level",
    "permits",
]

# Where levels 4 and 5 are defined (the document, not a data set's file).
_FBC1: Final = "Whole Essex Community Budget FBC1 business case, Proposed Approach"


class DefinedBy(enum.Enum):
    """Who defined a term: the source documents, or wecb itself."""

    SOURCE = "source"
    WECB = "wecb"


class IntegrationLevel(enum.IntEnum):
    """How far partners integrate commissioning, from 1 (separate) to 5 (single body).

    Levels compare as integers: ``IntegrationLevel.POOLED_BUDGET < 4`` is ``True``.
    """

    #: wecb's own: each partner commissions and budgets on its own.
    SEPARATE = 1
    #: wecb's own: budgets stay separate but are aligned behind jointly planned outcomes.
    ALIGNED_BUDGETS = 2
    #: wecb's own: a pooled budget for defined services under a lead commissioner
    #: (e.g. a Section 75 NHS Act 2006 pooled fund).
    POOLED_BUDGET = 3
    #: FBC1 business case: "An Integrated Commissioning Arrangement within existing and emerging
    #: organisational boundaries (ICA – level 4 integration)".
    INTEGRATED_COMMISSIONING_ARRANGEMENT = 4
    #: FBC1 business case: "A Single Commissioning Body approach for localities (SCB – level 5
    #: integration)".
    SINGLE_COMMISSIONING_BODY = 5

    @property
    def label(self) -> str:
        """A short human label."""
        return _LEVELS[self][0]

    @property
    def abbreviation(self) -> str | None:
        """The source's abbreviation (``ICA``, ``SCB``), or ``None`` for wecb's own levels."""
        return _LEVELS[self][1]

    @property
    def description(self) -> str:
        """What the level means, and whether the definition is sourced or wecb's own."""
        return _LEVELS[self][2]

    @property
    def defined_by(self) -> DefinedBy:
        """``DefinedBy.SOURCE`` for levels 4 and 5, ``DefinedBy.WECB`` for 1 to 3."""
        return DefinedBy.WECB if self.source is None else DefinedBy.SOURCE

    @property
    def source(self) -> str | None:
        """The document and passage that define the level, or ``None`` if it is wecb's own."""
        return _LEVELS[self][3]


_LEVELS: dict[IntegrationLevel, tuple[str, str | None, str, str | None]] = {
    IntegrationLevel.SEPARATE: (
        "separate commissioning",
        None,
        "wecb's own definition: each partner plans, budgets and commissions on its own.",
        None,
    ),
    IntegrationLevel.ALIGNED_BUDGETS: (
        "aligned budgets",
        None,
        "wecb's own definition: partners keep their budgets and decisions but align them "
        "behind jointly planned outcomes (joint planning).",
        None,
    ),
    IntegrationLevel.POOLED_BUDGET: (
        "pooled budget",
        None,
        "wecb's own definition: a pooled budget for defined services managed by a lead "
        "commissioner, e.g. a pooled fund under Section 75 of the NHS Act 2006.",
        None,
    ),
    IntegrationLevel.INTEGRATED_COMMISSIONING_ARRANGEMENT: (
        "integrated commissioning arrangement",
        "ICA",
        "From the source: an Integrated Commissioning Arrangement within existing and "
        "emerging organisational boundaries (ICA – level 4 integration).",
        _FBC1,
    ),
    IntegrationLevel.SINGLE_COMMISSIONING_BODY: (
        "single commissioning body",
        "SCB",
        "From the source: a Single Commissioning Body approach for localities (SCB – level "
        "5 integration), e.g. a Commissioning Care Trust.",
        _FBC1,
    ),
}


class PoolingArrangement(enum.Enum):
    """How a funding stream enters the programme (see the module docs for the sources)."""

    #: Funds stay with the funder and are spent by it, aligned behind shared outcomes.
    ALIGNED = "aligned"
    #: Funds stay in the funder's accounts but are directed jointly as one budget.
    VIRTUAL_POOL = "virtual_pool"
    #: A single pot with one accounting body, e.g. under Section 75 of the NHS Act 2006.
    POOLED = "pooled"
    #: Contributions of staff time or other resources rather than money.
    IN_KIND = "in_kind"

    @property
    def is_pooled(self) -> bool:
        """Whether decisions over the funds are made jointly (a real or virtual pool)."""
        return self in (PoolingArrangement.POOLED, PoolingArrangement.VIRTUAL_POOL)

    @property
    def minimum_integration_level(self) -> IntegrationLevel:
        """The lowest integration level of a project that can take such a stream."""
        return POOLING_RULE[self]


#: The rule tying pooling to integration (wecb's own; see the module docs).
POOLING_RULE: types.MappingProxyType[PoolingArrangement, IntegrationLevel] = (
    types.MappingProxyType(
        {
            PoolingArrangement.IN_KIND: IntegrationLevel.SEPARATE,
            PoolingArrangement.ALIGNED: IntegrationLevel.ALIGNED_BUDGETS,
            PoolingArrangement.VIRTUAL_POOL: IntegrationLevel.POOLED_BUDGET,
            PoolingArrangement.POOLED: IntegrationLevel.POOLED_BUDGET,
        }
    )
)


def minimum_integration_level(arrangement: PoolingArrangement) -> IntegrationLevel:
    """The lowest integration level at which ``arrangement`` is consistent."""
    return POOLING_RULE[arrangement]


def permits(level: IntegrationLevel, arrangement: PoolingArrangement) -> bool:
    """Whether a project at ``level`` can take a stream entering as ``arrangement``."""
    return level >= POOLING_RULE[arrangement]
