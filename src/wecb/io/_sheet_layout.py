"""The layout of a programme workbook (private to :mod:`wecb.io`): its sheets, their columns,
what each column holds, and the words the README sheet says about each.

Each sheet holds one kind of model object, one a row, under a header row; each column is a
field of the object, named as in a programme file (``cost_type``, ``value_type``). The
columns are derived from the attrs fields of the model classes and their types, so a field
a class gains (an optional one, say ``CashFlow.price_year``) is a column at once; the fields
that live on other sheets (a project's lines, table, pilots, list-valued text) are named in
:data:`ELSEWHERE`, and a test checks that every field has a home.
"""

from __future__ import annotations

import datetime
import enum
import functools
import types
import typing
from decimal import Decimal
from typing import Any, Final

import attrs

from wecb.core.money import Money
from wecb.core.periods import FinancialYear, OpenPeriod
from wecb.model.actuals import Actual
from wecb.model.asks import Ask
from wecb.model.cashflows import CashFlow
from wecb.model.decisions import GateDecision
from wecb.model.documents import Citation, Document
from wecb.model.domains import Domain
from wecb.model.facts import Figure, TeamPlan
from wecb.model.funding import FundingStream
from wecb.model.milestones import Milestone, MilestoneDate
from wecb.model.partners import Partner
from wecb.model.projects import Pilot, Project
from wecb.model.tables import PUBLISHED_COLUMNS, CostBenefitTable

__all__ = [
    "COUNTERFACTUAL",
    "DECISION",
    "ELSEWHERE",
    "LINE_SHEET",
    "PROGRAMME_FIELDS",
    "PROGRAMME_SHEET",
    "README_SHEET",
    "TEXTS",
    "TEXT_SHEET",
    "SheetColumn",
    "SheetLayout",
    "line_fields",
    "model_columns",
    "sheet_layouts",
    "sheet_names",
]

README_SHEET: Final = "README"
PROGRAMME_SHEET: Final = "Programme"
TEXT_SHEET: Final = "Texts"
LINE_SHEET: Final = "Lines"
#: The column of the Lines sheet that marks a business-as-usual (counterfactual) line.
COUNTERFACTUAL: Final = "counterfactual"
#: The column of the Tables sheet that marks the table put to a project's decision.
DECISION: Final = "decision"
#: The rows of the Programme sheet (a ``field`` and a ``value`` column).
PROGRAMME_FIELDS: Final = ("name", "place", "currency", "source")
#: The list-valued text fields kept on the Texts sheet, one item a row: (owner, field).
TEXTS: Final = (("programme", "notes"), ("project", "approach"))

#: Fields that live on another sheet than their class's own.
ELSEWHERE: Final[dict[type, frozenset[str]]] = {
    Project: frozenset({"approach", "table", "flows", "counterfactual", "pilots", "decisions"}),
    GateDecision: frozenset({"table"}),
    CashFlow: frozenset({"amount", "period"}),
}


@attrs.frozen
class SheetColumn:
    """A column: its header, the model field it fills (``None`` for the owner columns), what
    it holds (``kind``: text, bool, int, decimal, money, thousands, enum, year, period,
    source, or ``list`` of ``item``), whether a row must fill it, and the README's words."""

    name: str
    kind: str
    required: bool = False
    field: str | None = None
    choices: type[enum.Enum] | None = None
    item: str | None = None
    about: str = ""


@attrs.frozen
class SheetLayout:
    """A sheet: its name, the class of its rows (``None`` for Programme and Texts), its
    columns, the column naming each row's owner project (if any) and the README's words."""

    name: str
    model: type | None
    columns: tuple[SheetColumn, ...]
    about: str
    owner: str | None = None

    def column(self, name: str) -> SheetColumn | None:
        """The column headed ``name``, if the sheet has one."""
        return next((c for c in self.columns if c.name == name), None)


_PERIOD_TYPES: Final = frozenset({FinancialYear, OpenPeriod})


def _kind(tp: Any, where: str) -> tuple[str, type[enum.Enum] | None, str | None, bool]:
    """(kind, enumeration, item kind, optional) of a field's type."""
    args = typing.get_args(tp)
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        rest = [a for a in args if a is not type(None)]
        if set(rest) == _PERIOD_TYPES:
            return "period", None, None, len(rest) < len(args)
        if set(rest) == {Citation, str}:  # a source: a citation or free text
            return "source", None, None, len(rest) < len(args)
        if len(rest) == 1:
            kind, choices, item, _ = _kind(rest[0], where)
            return kind, choices, item, True
    if typing.get_origin(tp) is tuple:
        items = {_kind(a, where)[:2] for a in args if a is not Ellipsis}
        if len(items) == 1:
            (item, choices) = items.pop()
            return "list", choices, item, False
    simple: dict[Any, str] = {
        Money: "money",
        Decimal: "decimal",
        bool: "bool",
        int: "int",
        str: "text",
        FinancialYear: "year",
        datetime.date: "date",
        MilestoneDate: "milestone_date",
    }
    if tp in simple:
        return simple[tp], None, None, False
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return "enum", tp, None, False
    raise TypeError(f"{where}: a workbook has no column kind for {tp!r}")  # a test finds it


def model_columns(
    model: type, about: dict[str, str], *, skip: frozenset[str] = frozenset()
) -> tuple[SheetColumn, ...]:
    """The columns of ``model``'s init fields, in order, except ``skip``."""
    hints = typing.get_type_hints(model)
    out = []
    for a in attrs.fields(model):
        if not a.init or a.name in skip or a.name in ELSEWHERE.get(model, ()):
            continue
        kind, choices, item, optional = _kind(hints[a.name], f"{model.__name__}.{a.name}")
        has_default = a.default is not attrs.NOTHING
        out.append(
            SheetColumn(
                name=a.name,
                kind=kind,
                required=not (has_default or optional),
                field=a.name,
                choices=choices,
                item=item,
                about=about.get(f"{model.__name__}.{a.name}", about.get(a.name, "")),
            )
        )
    return tuple(out)


def line_fields() -> tuple[str, ...]:
    """The fields a line states once for all its amounts: every field of
    :class:`~wecb.model.cashflows.CashFlow` but ``amount`` and ``period``."""
    return tuple(a.name for a in attrs.fields(CashFlow) if a.name not in ELSEWHERE[CashFlow])


_PROJECT: Final = SheetColumn(
    "project", "text", required=True, about="the key of the project (Projects sheet)"
)


def _sheets() -> tuple[SheetLayout, ...]:
    from wecb.io._sheet_words import ABOUT, FIELD_WORDS  # noqa: PLC0415

    def sheet(
        name: str, model: type | None, columns: tuple[SheetColumn, ...], owner: str | None = None
    ) -> SheetLayout:
        return SheetLayout(name, model, columns, ABOUT[name], owner)

    def cols(model: type, **kw: Any) -> tuple[SheetColumn, ...]:
        return model_columns(model, FIELD_WORDS, **kw)

    table_figures = tuple(
        SheetColumn(n, "thousands", True, n, about=FIELD_WORDS.get(n, ""))
        for n in PUBLISHED_COLUMNS
    )
    table_rest = cols(CostBenefitTable, skip=frozenset(PUBLISHED_COLUMNS))
    unit = SheetColumn("unit", "text", required=True, about=FIELD_WORDS["table_unit"])
    counterfactual = SheetColumn(COUNTERFACTUAL, "bool", about=FIELD_WORDS[COUNTERFACTUAL])
    decision = SheetColumn(DECISION, "int", about=FIELD_WORDS["table_decision"])
    texts = (
        SheetColumn("project", "text", about=FIELD_WORDS["text_owner"]),
        SheetColumn("field", "text", required=True, about=FIELD_WORDS["text_field"]),
        SheetColumn("text", "text", required=True, about=FIELD_WORDS["text_item"]),
    )
    field_value = (
        SheetColumn("field", "text", required=True, about=FIELD_WORDS["programme_field"]),
        SheetColumn("value", "text", about=FIELD_WORDS["programme_value"]),
    )
    return (
        sheet(PROGRAMME_SHEET, None, field_value),
        sheet("Periods", OpenPeriod, cols(OpenPeriod)),
        sheet("Partners", Partner, cols(Partner)),
        sheet("Domains", Domain, cols(Domain)),
        sheet("Projects", Project, cols(Project)),
        sheet(TEXT_SHEET, None, texts),
        sheet("Pilots", Pilot, (_PROJECT, *cols(Pilot)), owner="project"),
        sheet(
            "Tables",
            CostBenefitTable,
            (_PROJECT, decision, unit, *table_figures, *table_rest),
            "project",
        ),
        sheet("Decisions", GateDecision, (_PROJECT, *cols(GateDecision)), owner="project"),
        sheet(LINE_SHEET, CashFlow, (_PROJECT, counterfactual, *cols(CashFlow)), owner="project"),
        sheet("Funding streams", FundingStream, cols(FundingStream)),
        sheet("Figures", Figure, cols(Figure)),
        sheet("Team plans", TeamPlan, cols(TeamPlan)),
        sheet("Milestones", Milestone, cols(Milestone)),
        sheet("Actuals", Actual, cols(Actual)),
        sheet("Asks", Ask, cols(Ask)),
        sheet("Documents", Document, cols(Document)),
    )


@functools.cache
def sheet_layouts() -> tuple[SheetLayout, ...]:
    """The data sheets, in workbook order (built once; the README sheet comes before them)."""
    return _sheets()


def sheet_names() -> tuple[str, ...]:
    """The names of the data sheets, in workbook order."""
    return tuple(s.name for s in sheet_layouts())
