"""Asks of government: what a programme asks Whitehall to change, and the lines that need it.

A community budget's business cases set out "asks of government": changes to regulation,
funding, commissioning or data sharing that only central government can make. An
:class:`Ask` records one of them as the source words it (``text``, verbatim), the project
making it, the departments it is addressed to, its kind and its status. The programme holds
them in :attr:`Programme.asks <wecb.model.programme.Programme.asks>`.

Departments are partners
------------------------
``addressed_to`` names partner keys: each must be a partner of the programme of kind
:attr:`~wecb.model.partners.PartnerKind.WHITEHALL_DEPARTMENT` or
:attr:`~wecb.model.partners.PartnerKind.NATIONAL_AGENCY` (the Ministry of Justice, or an
agency such as NOMS). A department is thus defined once, with its name and source, whether
it funds a stream, bears a cost or is asked for a change. An ask whose source names no
department (many are addressed to "Government") leaves ``addressed_to`` empty: not stated,
never guessed.

Lines that depend on an ask
---------------------------
A cash flow states the asks it depends on in
:attr:`CashFlow.requires <wecb.model.cashflows.CashFlow.requires>` (ask keys): the amount is
realised only if every one of them is granted. The programme checks that each key names one
of its asks, and refuses ``requires`` on a business-as-usual (counterfactual) line, which is
what happens without the project and so depends on no ask. A published cost-benefit table
states no dependence, so its flows require nothing. :mod:`wecb.appraisal.asks` appraises
the local case (lines that need no ask) beside the case with government.

>>> ask = Ask(key="FBC3_ask_6", project="FBC3", kind=AskKind.DATA_SHARING,
...           status=AskStatus.ASKED, addressed_to=("moj",),
...           text="MoJ to share their financial model for reducing reoffending and "
...                "commitment for on-going dialogue")
>>> ask
<Ask FBC3_ask_6 (FBC3): data_sharing, asked, to moj>
>>> ask.status.granted
False
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping, Sequence

import attrs

from wecb.core._validators import (
    check_enum,
    check_key,
    check_text,
    field,
    tuple_of,
)
from wecb.model.documents import Source, source_field
from wecb.model.partners import Partner, PartnerKind
from wecb.model.projects import Project

__all__ = ["DEPARTMENT_KINDS", "Ask", "AskKind", "AskStatus", "ask_problems"]

#: The partner kinds an ask may be addressed to.
DEPARTMENT_KINDS = frozenset({PartnerKind.WHITEHALL_DEPARTMENT, PartnerKind.NATIONAL_AGENCY})


class AskKind(enum.Enum):
    """What an ask asks government to change; the value is the spelling used in files."""

    #: A change to law, regulation, guidance or a national framework.
    REGULATION = "regulation"
    #: Money, a funding formula, a settlement or a share of savings.
    FUNDING = "funding"
    #: Commissioning or budgets devolved to, or directed by, the place.
    DEVOLUTION_OF_COMMISSIONING = "devolution_of_commissioning"
    #: Data, models or information shared with the place.
    DATA_SHARING = "data_sharing"
    #: An evaluation or a pilot to be evaluated.
    EVALUATION = "evaluation"
    #: Anything else, or an ask whose kind has not been classified.
    OTHER = "other"


class AskStatus(enum.Enum):
    """Where an ask stands with government; the value is the spelling used in files.

    ``ASKED``: made, no answer recorded; ``OPEN``: under negotiation; ``AGREED``: granted;
    ``REFUSED``: declined.
    """

    ASKED = "asked"
    AGREED = "agreed"
    REFUSED = "refused"
    OPEN = "open"

    @property
    def granted(self) -> bool:
        """Whether government has agreed the ask."""
        return self is AskStatus.AGREED


@attrs.frozen(kw_only=True)
class Ask:
    """One ask of government, as its source words it.

    ``project`` is the key of the project making the ask; ``addressed_to`` the keys of the
    partners (Whitehall departments or national agencies) it is addressed to, empty when the
    source names none; ``text`` the ask verbatim; ``source`` where it is published.
    """

    key: str = attrs.field(validator=field(check_key))
    project: str = attrs.field(validator=field(check_key))
    text: str = attrs.field(validator=field(check_text))
    kind: AskKind = attrs.field(validator=field(check_enum(AskKind)))
    status: AskStatus = attrs.field(validator=field(check_enum(AskStatus)))
    addressed_to: tuple[str, ...] = attrs.field(
        default=(), validator=field(tuple_of(check_key, unique=True, what="partner key"))
    )
    source: Source | None = source_field()

    def __repr__(self) -> str:
        to = f", to {', '.join(self.addressed_to)}" if self.addressed_to else ""
        return f"<Ask {self.key} ({self.project}): {self.kind.value}, {self.status.value}{to}>"


def ask_problems(
    asks: Sequence[Ask],
    projects: Iterable[Project],
    partners: Mapping[str, Partner],
    known: Callable[[Iterable[str]], str],
) -> list[str]:
    """Every problem in the references of ``asks`` and of the lines requiring them: an
    unknown project or partner, a partner that is not a department, a line requiring an
    unknown ask, or a business-as-usual line requiring one. ``known`` shows a set of keys in
    a message (as the programme shows them)."""
    problems: list[str] = []
    projects = tuple(projects)
    project_keys = {project.key for project in projects}
    keys = {ask.key for ask in asks}
    for ask in asks:
        at = f"asks[{ask.key!r}]"
        if ask.project not in project_keys:
            problems.append(
                f"{at}.project: unknown project {ask.project!r}; known: {known(project_keys)}"
            )
        for index, key in enumerate(ask.addressed_to):
            partner = partners.get(key)
            if partner is None:
                problems.append(
                    f"{at}.addressed_to[{index}]: unknown partner {key!r}; "
                    f"known: {known(partners)}"
                )
            elif partner.kind not in DEPARTMENT_KINDS:
                problems.append(
                    f"{at}.addressed_to[{index}]: partner {key!r} is a {partner.kind.label}; "
                    "an ask is addressed to a partner of kind whitehall_department or "
                    "national_agency"
                )
    choices = known(keys) if keys else "none (the programme has no asks)"
    for project in projects:
        at = f"projects[{project.key!r}]"
        for index, flow in enumerate(project.flows):
            for number, key in enumerate(flow.requires):
                if key not in keys:
                    problems.append(
                        f"{at}.flows[{index}].requires[{number}]: unknown ask {key!r}; "
                        f"known: {choices}"
                    )
        for index, flow in enumerate(project.counterfactual):
            if flow.requires:
                problems.append(
                    f"{at}.counterfactual[{index}].requires: {flow.requires!r} is not accepted; "
                    "a business-as-usual (counterfactual) line is what happens without the "
                    "project and depends on no ask: leave requires out"
                )
    return problems
