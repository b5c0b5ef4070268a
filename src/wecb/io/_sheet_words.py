"""The words of a programme workbook's README sheet (private to :mod:`wecb.io`): what each
sheet and each column holds. Kept apart from the layout, which is code."""

from __future__ import annotations

from typing import Final

__all__ = ["ABOUT", "FIELD_WORDS", "README_LINES"]

#: What each sheet holds.
ABOUT: Final[dict[str, str]] = {
    "Programme": (
        "The programme's own fields, one a row: a 'field' column (name, place, currency, "
        "source) and a 'value' column. name and place are required; currency is a three-"
        "letter code (GBP if the row is left out)."
    ),
    "Periods": (
        "Open periods: buckets of money that are not one financial year (such as 'further "
        "implementation'), defined once and referred to by key in period columns and cells."
    ),
    "Partners": "The organisations taking part: councils, NHS, police, probation and others.",
    "Domains": "The thematic domains and cross-cutting enablers the projects belong to.",
    "Projects": "One business case a row.",
    "Texts": (
        "List-valued text, one item a row in order: the programme's notes (project left "
        "blank) and each project's approach."
    ),
    "Pilots": "Local pilots within a project, each at an integration level.",
    "Tables": (
        "Cost-benefit tables as the business cases publish them, in thousands ('unit' says "
        "which: £'000), signs as published (the net columns are net costs: negative is a "
        "saving). At most one a project, and one for each of its decisions ('decision' "
        "gives the decision's number on the Decisions sheet, counting from 1)."
    ),
    "Lines": (
        "Cost and benefit lines: one line a row with its attributes stated once and one "
        "column per period holding the amount in that period (a blank cell: no amount; 0: "
        "an amount of nothing). A period column is headed by a financial year ('2013/14') "
        "or an open period's key; add \" (£'000)\" to the header to give the column's "
        "amounts in thousands. counterfactual TRUE marks a business-as-usual line: what "
        "would be spent and saved without the project."
    ),
    "Funding streams": "Money (or staff time) a partner puts into the programme.",
    "Figures": (
        "Figures the sources publish that are not cash flows (the cost of a problem, money "
        "in scope, counts), each as stated, with its qualifier."
    ),
    "Team plans": "Planned deployments of teams, each working with a number of cases.",
    "Decisions": (
        "Gate decisions, one a row in date order per project: the gate, the date, who "
        "decided (a partner key, or a named body written with a space), the outcome, the "
        "conditions (only when approved with conditions) and the source. The table put to "
        "a decision, if recorded, is on the Tables sheet with its number in 'decision'."
    ),
    "Milestones": (
        "Dated milestones of the programme (project blank) or of a project, one a row: "
        "a date as precise as the source (2012-10-30, 2012-10 or 2012), with 'until' for "
        "a span or 'onwards' for an open end."
    ),
    "Actuals": (
        "Amounts realised against the plan, one a row: the project, the line (the label of "
        "its cash flows), the financial year, the amount and the date it is known at."
    ),
    "Documents": (
        "The documents the sources cite, one a row: key, title, issuing body, date as the "
        "document states it, kind, and where to find it (url; blank when none is known)."
    ),
    "Asks": (
        "Asks of government, one a row: the project making it, the ask verbatim, its kind "
        "and status, and the departments (partners) it is addressed to. A line names the "
        "asks it depends on in its requires column."
    ),
}

#: What each column holds, by field name (``Class.field`` where one class differs).
FIELD_WORDS: Final[dict[str, str]] = {
    "key": "a stable key: letters, digits, '_', '-' or '.' (other sheets refer to it)",
    "name": "the name as the sources write it",
    "title": "the project's title",
    "label": "a label to show",
    "source": "where the sources state it: a citation, the key of a document (Documents "
    'sheet) and the words cited, written key: "quote" (or key (page): "quote"), or free '
    "text; optional",
    "Document.title": "the document's title",
    "issued_by": "the body that issued the document",
    "Document.date": "the date as the document states it, e.g. 30 October 2012",
    "Document.kind": "the kind of document (list in the cell)",
    "url": "where a reader can find it (blank: no public URL known)",
    "note": "a note; optional",
    "table_decision": (
        "blank for the project's own table; n for the table put to its n-th decision "
        "(Decisions sheet, counting from 1)"
    ),
    "GateDecision.gate": "the gate the decision was taken at (list in the cell)",
    "GateDecision.date": "the day of the decision, 2012-10-30",
    "decided_by": "a partner key, or the named body that decided (text with a space)",
    "outcome": "approved, approved_with_conditions, deferred or rejected",
    "conditions": "the conditions of an approval in the source's words; optional",
    "Milestone.date": "the date as precise as the source: 2012-10-30, 2012-10 or 2012",
    "Milestone.until": "the end of a span, as precise as the source; optional",
    "onwards": "TRUE for a milestone with no end ('April 2013 onwards'); optional",
    "Milestone.project": "the key of the project it belongs to; blank for the programme",
    "Partner.kind": "the kind of organisation (list in the cell)",
    "Domain.kind": "thematic or enabler",
    "Figure.kind": "what the figure measures (list in the cell)",
    "domain": "the key of a domain (Domains sheet)",
    "leads": "keys of the lead partners, separated by commas",
    "big_idea": "the project's big idea in a sentence; optional",
    "integration_level": "integration level 1 (separate) to 5 (single commissioning body)",
    "stage": "the lifecycle stage (list in the cell)",
    "area": "the area the pilot covers",
    "after": "the open period holds the years after this financial year (blank: open)",
    "until": "... up to and including this financial year (blank: open)",
    "table_unit": "the unit of the figures: £'000 (or a currency code and '000)",
    "costs_to_mar_2013": "costs to March 2013, in thousands",
    "costs_to_mar_2014": "costs to March 2014, in thousands",
    "costs_further_implementation": "costs of further implementation, in thousands",
    "net_cashable": "net cashable (a net cost: negative is a saving), in thousands",
    "net_non_cashable": "net non-cashable (zero or negative), in thousands",
    "net_total": "net total as published, in thousands",
    "cost_periods": "the periods of the three cost columns, separated by commas (blank: "
    "to_mar_2013, 2013/14, further_implementation)",
    "benefit_period": "the period the benefits fall in (blank: appraisal_horizon)",
    "non_cashable_value_type": "the value type of the non-cashable benefit (blank: unclassified)",
    "value_type_note": "why the benefits have the value types they have; optional",
    "counterfactual": "TRUE for a business-as-usual (counterfactual) line; blank or FALSE for "
    "the project's own",
    "nature": "cost or benefit",
    "cost_type": "a cost's type: capital, revenue or in_kind (blank for a benefit)",
    "value_type": "a benefit's value type: fiscal, economic, social or unclassified "
    "(required for a benefit, blank for a cost)",
    "cashable": "TRUE or FALSE: required for a fiscal benefit; blank elsewhere gives TRUE for "
    "a cost not in kind and FALSE otherwise",
    "payer": "the key of the partner bearing a cost",
    "beneficiary": "the key of the partner receiving a benefit",
    "stream": "the key of the funding stream a cost draws on",
    "price_year": "the financial year whose prices the amounts are in (blank: the "
    "appraisal's price base)",
    "funder": "the key of the partner funding the stream",
    "arrangement": "how the stream enters: pooled, virtual_pool, aligned or in_kind",
    "FundingStream.amount": 'the amount (blank when unquantified); add " (£\'000)" to the '
    "header for thousands",
    "basis": "total or per_year",
    "qualifier": "how exactly the source states the amount (exact, approximately, ...)",
    "periods": "the periods the stream covers, separated by commas (blank: any)",
    "ring_fenced": "TRUE or FALSE",
    "recipient": "the key of the project it is given to, 'programme', or blank",
    "Figure.amount": "an amount of money (or leave blank and give a count)",
    "count": "a number of a cohort unit (or leave blank and give an amount)",
    "Figure.unit": "the cohort unit of the count, e.g. family",
    "per": "units the figure is per, separated by commas, e.g. family, year",
    "over": "the span the figure covers, as the source says",
    "project": "the key of a project (Projects sheet)",
    "place": "the place the figure is about, when not the programme's",
    "published": "the figure as the source writes it",
    "teams": "the number of teams",
    "cases_per_team": "the cases each team works with",
    "TeamPlan.unit": "the cohort unit of the cases (blank: family)",
    "start_year": "the calendar year the teams start",
    "start_month": "the month they start, 1 to 12; optional",
    "text_owner": "the key of the project (blank for the programme's notes)",
    "text_field": "notes (the programme's) or approach (a project's)",
    "text_item": "one item of text",
    "Actual.project": "the key of the project (Projects sheet)",
    "Actual.line": "the line: the label of the project's cash flows, exactly",
    "Actual.year": "the financial year the amount is for, as text such as 2014/15",
    "Actual.amount": "what the line came to in the year (zero or more)",
    "as_at": "the date the amount is known at, such as 2014-05-31",
    "Ask.project": "the key of the project making the ask (Projects sheet)",
    "Ask.text": "the ask, verbatim as the source words it",
    "Ask.kind": "what it asks government to change (list in the cell)",
    "Ask.status": "asked, open, agreed or refused",
    "addressed_to": "the keys of the departments (Partners sheet) it is addressed to, "
    "separated by commas (blank: the source names none)",
    "requires": "the keys of the asks (Asks sheet) the amounts depend on, separated by "
    "commas (blank: none)",
    "programme_field": "name, place, currency or source",
    "programme_value": "the value",
}

#: The README sheet's opening lines.
README_LINES: Final = (
    "A wecb programme workbook",
    "",
    "Each sheet holds one kind of thing, one a row, under the header in row 1. Column names "
    "are the field names of a wecb programme file. Leave a cell blank for 'not stated'. "
    "Do not merge cells, leave blank rows inside a table, or rename or delete sheets: each "
    "is refused with its place.",
    "Money: type amounts as numbers (to the penny) or as text ('£1,200.50', '£1.2m'). A "
    "number the spreadsheet holds inexactly (such as the result of =0.1+0.2) is refused, "
    "never rounded. Financial years are text such as 2013/14 (type '2013/14 if the "
    "spreadsheet turns it into a date).",
    "Formulas are read through the value the spreadsheet saved with them, and only when it "
    "is exact.",
    "Read it with wecb.io.read_workbook(path); a folder of CSV files named after the sheets "
    "(Lines.csv, ...) reads the same way.",
    "",
)
