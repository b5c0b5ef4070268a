"""Build a programme step by step, and hear about every problem at once.

A :class:`ProgrammeBuilder` takes a programme one part at a time, in the spellings a
programme file uses: enumerations by their file value (``"county_council"``, ``"cost"``) or
as members, money as text (``"£120,000.00"``, ``"£1.2m"``; read exactly, in the
programme's currency) or as :class:`~wecb.core.money.Money`, periods as text
(``"2014/15"``, or the key of an open period given to :meth:`~ProgrammeBuilder.period`) or
as periods. A cost or benefit is a **line**: its attributes once, and its amounts by
period, as in a programme file.

>>> from wecb.model.builder import ProgrammeBuilder
>>> builder = (
...     ProgrammeBuilder("Street Triage", "Anytown")
...     .partner("council", "Anytown Council", kind="unitary_council")
...     .partner("police", "Anytown Police", kind="police")
...     .domain("safety", "Community Safety", kind="thematic")
...     .project("triage", "Street triage", domain="safety", leads=["police"])
...     .line("triage", nature="cost", payer="council", cost_type="revenue",
...           label="Mental health nurses in police cars",
...           amounts={"2014/15": "£120,000.00", "2015/16": "£125,000.00"})
...     .line("triage", nature="benefit", beneficiary="police", value_type="fiscal",
...           cashable=False, label="Officer hours released",
...           amounts={"2015/16": "£90,000.00"})
... )
>>> triage = builder.build()
>>> triage.project("triage")
<Project triage 'Street triage': safety, idea, 3 cash flows>
>>> [str(flow.amount) for flow in triage.project("triage").flows]
['£120,000.00', '£125,000.00', '£90,000.00']

Nothing is checked until :meth:`~ProgrammeBuilder.build`, which raises one
:class:`~wecb.errors.ProgrammeError` listing every problem, each named by the call that
caused it (calls of each method are numbered from 1) in the words
:class:`~wecb.model.programme.Programme` and the model classes use:

>>> builder.line("triage", nature="benefit", beneficiary="ccg", value_type="fiscal",
...              amounts={"2015/16": "£150,000.00", "2016/17": "£15O,000.00"}).build()
Traceback (most recent call last):
...
wecb.errors.ProgrammeError: programme is inconsistent (2 problems)
  - line 3 (project 'triage', 2016/17): CashFlow.amount: cannot read '£15O,000.00' as ...
  - line 3 (project 'triage'): CashFlow.cashable: not stated for a fiscal benefit; ...

A call's arguments are kept as they are when it is made (a list or dict given is copied),
and checked when the programme is built, so later calls may define what earlier ones refer
to (a line may come before its project, a period's key before the period). Each method
returns the builder, so calls chain.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, TypeAlias

from wecb.core._validators import check_currency, check_text, optional, tuple_of
from wecb.core.money import Money
from wecb.core.periods import FinancialYear, Period
from wecb.model._builder_assembly import Call, programme_from_calls
from wecb.model._builder_values import held
from wecb.model.asks import AskKind, AskStatus
from wecb.model.cashflows import CostType, Nature, ValueType
from wecb.model.decisions import GateDecision
from wecb.model.domains import DomainKind
from wecb.model.facts import FigureKind, Qualifier
from wecb.model.funding import FundingBasis
from wecb.model.integration import IntegrationLevel, PoolingArrangement
from wecb.model.partners import PartnerKind
from wecb.model.programme import Programme
from wecb.model.projects import Pilot, Stage
from wecb.model.tables import CostBenefitTable

__all__ = ["ProgrammeBuilder"]

# A line's amounts: by period (a Period, or its text), each checked when the builder builds.
# (Mapping's key type is invariant: a union of key types would refuse a literal that mixes
# them, such as {"2014/15": ..., FinancialYear(2015): ...}.)
_Amounts: TypeAlias = Mapping[Any, Money | str]


class ProgrammeBuilder:
    """A programme for ``place`` named ``name``, built by calls (see the module's notes).

    ``currency`` is the programme's one currency: money text naming none is read in it.
    The name, place, currency, notes and source are checked at once; every other call is
    checked by :meth:`build`.
    """

    def __init__(
        self,
        name: str,
        place: str,
        *,
        currency: str = "GBP",
        notes: Sequence[str] = (),
        source: str | None = None,
    ) -> None:
        check_text("ProgrammeBuilder.name", name)
        check_text("ProgrammeBuilder.place", place)
        check_currency("ProgrammeBuilder.currency", currency)
        held_notes = held(notes)
        tuple_of(check_text, what="string")("ProgrammeBuilder.notes", held_notes)
        optional(check_text)("ProgrammeBuilder.source", source)
        self._header: dict[str, Any] = {
            "name": name,
            "place": place,
            "currency": currency,
            "notes": held_notes,
            "source": source,
        }
        self._calls: list[Call] = []
        self._counts: dict[str, int] = {}  # the calls of each method, in order of first call

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{n} {method.replace('_', ' ')}{'' if n == 1 else 's'}"
            for method, n in self._counts.items()
        )
        header = self._header
        return f"<ProgrammeBuilder {header['name']!r} ({header['place']}): {shown or 'empty'}>"

    def __copy__(self) -> ProgrammeBuilder:
        """A builder with the same calls so far, whose later calls are its own: a variant
        of a programme starts as ``copy.copy(builder)``."""
        twin = ProgrammeBuilder.__new__(ProgrammeBuilder)
        twin._header = dict(self._header)
        twin._calls = list(self._calls)
        twin._counts = dict(self._counts)
        return twin

    def _record(self, method: str, named: object, /, **arguments: Any) -> ProgrammeBuilder:
        """Keep a call of ``method`` defining ``named`` (the project, for a line), its lists
        and dicts copied as they are now (a list as the tuple the model holds)."""
        number = self._counts[method] = self._counts.get(method, 0) + 1
        kept = {name: held(value) for name, value in arguments.items()}
        self._calls.append(Call(method, number, named, kept))
        return self

    def period(
        self,
        key: str,
        label: str,
        *,
        after: FinancialYear | str | None = None,
        until: FinancialYear | str | None = None,
    ) -> ProgrammeBuilder:
        """An open period (a bucket that is not one financial year): the years after
        ``after`` up to and including ``until`` (either side open when ``None``)."""
        return self._record("period", key, key=key, label=label, after=after, until=until)

    def partner(
        self, key: str, name: str, *, kind: PartnerKind | str, source: str | None = None
    ) -> ProgrammeBuilder:
        """A partner organisation (``kind`` such as ``"county_council"``, ``"police"``)."""
        return self._record("partner", key, key=key, name=name, kind=kind, source=source)

    def domain(
        self, key: str, name: str, *, kind: DomainKind | str, source: str | None = None
    ) -> ProgrammeBuilder:
        """A thematic domain or an enabler (``kind``: ``"thematic"`` or ``"enabler"``)."""
        return self._record("domain", key, key=key, name=name, kind=kind, source=source)

    def project(
        self,
        key: str,
        title: str,
        *,
        domain: str,
        leads: Sequence[str] = (),
        stage: Stage | str = Stage.IDEA,
        integration_level: IntegrationLevel | int | None = None,
        big_idea: str | None = None,
        approach: Sequence[str] = (),
        table: CostBenefitTable | None = None,
        pilots: Sequence[Pilot] = (),
        source: str | None = None,
        decisions: Sequence[GateDecision] = (),
    ) -> ProgrammeBuilder:
        """A project (a business case) in ``domain``, led by the partners ``leads``; its
        costs and benefits are :meth:`line` calls naming it. ``integration_level`` is a
        level or its number (1 to 5); ``decisions`` its gate decisions, in date order."""
        return self._record(
            "project",
            key,
            key=key,
            title=title,
            domain=domain,
            leads=leads,
            stage=stage,
            integration_level=integration_level,
            big_idea=big_idea,
            approach=approach,
            table=table,
            pilots=pilots,
            source=source,
            decisions=decisions,
        )

    def line(
        self,
        project: str,
        *,
        nature: Nature | str,
        amounts: _Amounts,
        payer: str | None = None,
        beneficiary: str | None = None,
        cost_type: CostType | str | None = None,
        value_type: ValueType | str | None = None,
        cashable: bool | None = None,
        stream: str | None = None,
        label: str | None = None,
        source: str | None = None,
        price_year: FinancialYear | str | None = None,
        counterfactual: bool = False,
        requires: Sequence[str] = (),
    ) -> ProgrammeBuilder:
        """A cost or benefit line of ``project``: one cash flow per period of ``amounts``
        (in their order), each with the attributes given.

        ``cashable`` left out (``None``) takes the model's rule: a cost is cash unless in
        kind, a benefit that is not fiscal is not cashable, and a fiscal benefit must say.
        ``price_year`` is the financial year whose prices the amounts are in (``None``:
        the appraisal's price base). ``counterfactual=True`` makes it a business-as-usual
        line (what would be spent or saved without the project:
        ``Project.counterfactual``), which draws on no stream. ``requires`` names the
        keys of the asks of government (:meth:`ask`) the amounts depend on.
        """
        return self._record(
            "line",
            project,
            nature=nature,
            amounts=amounts,
            payer=payer,
            beneficiary=beneficiary,
            cost_type=cost_type,
            value_type=value_type,
            cashable=cashable,
            stream=stream,
            label=label,
            source=source,
            price_year=price_year,
            counterfactual=counterfactual,
            requires=requires,
        )

    def stream(
        self,
        key: str,
        name: str,
        *,
        funder: str,
        arrangement: PoolingArrangement | str,
        amount: Money | str | None = None,
        basis: FundingBasis | str = FundingBasis.TOTAL,
        qualifier: Qualifier | str = Qualifier.EXACT,
        periods: Sequence[Period | str] = (),
        ring_fenced: bool = False,
        recipient: str | None = None,
        note: str | None = None,
        source: str | None = None,
    ) -> ProgrammeBuilder:
        """A funding stream from the partner ``funder``, entering as ``arrangement``
        (``"pooled"``, ``"aligned"``, ...), given to the project ``recipient``, to
        ``"programme"``, or not yet allocated (``None``). ``amount`` is a total over
        ``periods`` unless ``basis="per_year"``."""
        return self._record(
            "stream",
            key,
            key=key,
            name=name,
            funder=funder,
            arrangement=arrangement,
            amount=amount,
            basis=basis,
            qualifier=qualifier,
            periods=periods,
            ring_fenced=ring_fenced,
            recipient=recipient,
            note=note,
            source=source,
        )

    def figure(
        self,
        key: str,
        label: str,
        *,
        kind: FigureKind | str,
        amount: Money | str | None = None,
        count: int | Decimal | str | None = None,
        unit: str | None = None,
        per: Sequence[str] = (),
        qualifier: Qualifier | str = Qualifier.EXACT,
        over: str | None = None,
        domain: str | None = None,
        project: str | None = None,
        place: str | None = None,
        published: str | None = None,
        note: str | None = None,
        source: str | None = None,
    ) -> ProgrammeBuilder:
        """A figure a source publishes that is not a cash flow: money (``amount``) or a
        ``count`` of ``unit`` (such as ``"family"``), per the units ``per``, stated as
        ``qualifier`` (``"approximately"``, ``"up_to"``, ...)."""
        return self._record(
            "figure",
            key,
            key=key,
            label=label,
            kind=kind,
            amount=amount,
            count=count,
            unit=unit,
            per=per,
            qualifier=qualifier,
            over=over,
            domain=domain,
            project=project,
            place=place,
            published=published,
            note=note,
            source=source,
        )

    def team_plan(
        self,
        key: str,
        project: str,
        *,
        teams: int,
        cases_per_team: int,
        start_year: int,
        start_month: int | None = None,
        unit: str = "family",
        note: str | None = None,
        source: str | None = None,
    ) -> ProgrammeBuilder:
        """A planned deployment of ``teams`` teams of ``project``, each working with
        ``cases_per_team`` cases of ``unit``, from ``start_year`` (and ``start_month``)."""
        return self._record(
            "team_plan",
            key,
            key=key,
            project=project,
            teams=teams,
            cases_per_team=cases_per_team,
            start_year=start_year,
            start_month=start_month,
            unit=unit,
            note=note,
            source=source,
        )

    def ask(
        self,
        key: str,
        project: str,
        *,
        text: str,
        kind: AskKind | str,
        status: AskStatus | str,
        addressed_to: Sequence[str] = (),
        source: str | None = None,
    ) -> ProgrammeBuilder:
        """An ask of government made by ``project``, worded ``text`` (verbatim), of
        ``kind`` (``"regulation"``, ``"funding"``, ...) and ``status`` (``"asked"``,
        ``"agreed"``, ...), addressed to the departments (partner keys) ``addressed_to``."""
        return self._record(
            "ask",
            key,
            key=key,
            project=project,
            text=text,
            kind=kind,
            status=status,
            addressed_to=addressed_to,
            source=source,
        )

    def build(self) -> Programme:
        """The programme: every call checked, then the whole graph; raises one
        :class:`~wecb.errors.ProgrammeError` listing every problem, each named by its
        call (``line 3 (project 'triage', 2016/17): ...``). Building leaves the builder as it
        was."""
        return programme_from_calls(self._header, self._calls)
