"""The catalogue of bad inputs: one list of cases, tested and rendered into the docs.

Each :class:`Case` is a Python expression, the error it raises (or ``None`` when wecb
accepts it, exactly) and an excerpt of the message (or of the ``repr`` of what it returns).
``tests/test_bad_inputs.py`` runs every case, and checks that ``docs/bad-inputs.rst`` is
exactly :func:`render` of this list, so the page and the tests cannot drift apart.
Regenerate the page after editing the list::

    .venv/bin/python tests/bad_inputs.py
"""

from __future__ import annotations

import copy
import functools
import json
import re
from pathlib import Path
from typing import Any, NamedTuple

import tomli_w

from wecb import errors

PAGE = Path(__file__).resolve().parents[1] / "docs" / "bad-inputs.rst"


class Case(NamedTuple):
    topic: str
    code: str
    error: type[errors.WecbError] | None
    excerpt: str


# Topics, in the order of the page; each is a section with its own table.
TOPICS = {
    "currency": "Wrong currency",
    "float": "Floats (money, weights, rates, counts)",
    "nan": "NaN and infinity",
    "negative": "Negative counts",
    "unknown": "Unknown partners, units and values",
    "duplicate": "Duplicate keys",
    "period": "Periods out of range",
    "consecutive": "Non-consecutive financial years",
    "rate": "A rate where an amount is expected",
    "truncated": "Truncated and malformed files",
    "version": "Wrong format or format version",
    "lines": "Format version 2: cash-flow lines and reserved names",
    "huge": "Huge amounts",
    "precise": "Over-precise amounts",
    "limits": "Untrusted files: limits",
    "appraisal": "Appraisal: keys that name nothing, unclassified benefits",
    "exports": "Exported rows: assumption records",
    "funding": "Funding streams that do not hold",
    "value_types": "Value types and cashability, never guessed",
    "filters": "Rollup and who-pays filters: ambiguous filters and keys that name nothing",
    "assumed": "Assumptions handed to a result",
    "writes": "Files written, spreadsheet cells and terminal text",
    "numbers": "Hostile numbers: one reader, the digit rules of Money.parse, Money's bounds",
    "unit_text": "Unit text pint would misread, and unit powers that would hang",
    "command": "The command line in a hostile environment; sensitivity bounds",
    "contexts": "Digits a decimal context would have rounded away",
    "hostile_files": "Hostile files: bounded memory, special files and odd text",
    "workbook": "Workbooks and CSV folders: cells, sheets and files a reader refuses",
    "prices": "Price indices, unit costs and optimism bias by project type",
    "builder": "The programme builder: every problem at once, named by its call",
    "scenarios": "Scenarios: business as usual, projects taken out, comparisons",
    "asks": "Asks of government: unknown asks, departments and statuses",
    "sources": "Sources: citations of documents a programme does not list, bad documents",
    "decisions": "Gate decisions: outcomes, dates, the stage they lead to, who decided",
    "milestones": "Milestones: dates as precise as the source, projects that exist",
    "actuals": "Actuals: lines that exist, dates, the report's date",
}

E = errors
CASES: tuple[Case, ...] = (
    # -- scenarios: business-as-usual flows, without_project, compare
    Case("scenarios", 'wecb.loads(essex_with("projects[0].counterfactual", [{"nature": "cost", '
         '"payer": "ecc", "stream": "skills_funding", "amounts": {"2013/14": "£5.00"}}]))',
         E.LoadError, "projects['FBC1'].counterfactual[0].stream: 'skills_funding' is not "
         "accepted; a business-as-usual (counterfactual) flow draws on no funding stream"),
    Case("scenarios", 'ESSEX.without_project("FBC2", cascade=False)', E.ProgrammeError,
         "funding_streams['skills_funding'].recipient: unknown project 'FBC2'"),
    Case("scenarios", 'ESSEX.without_project("FBX2")', E.UnknownKeyError,
         "Programme.project: unknown project 'FBX2'; known: 'FBC1', 'FBC2'"),
    Case("scenarios", 'wecb.appraisal.compare({}, base="base")', E.AppraisalError,
         "compare scenarios: none given; give at least the base scenario"),
    Case("scenarios", 'wecb.appraisal.compare({"a": ESSEX}, base="a")', E.WecbTypeError,
         "compare scenarios['a']: <Programme 'Whole Essex Community Budget'"),
    # -- the programme builder: checked when it builds, each problem named by its call
    Case("builder", 'wecb.ProgrammeBuilder("P", "Q").partner("ecc", "ECC", kind="council")'
         '.build()', E.ProgrammeError, "partner 1 ('ecc'): Partner.kind: 'council' is not "
         "accepted; expected one of 'county_council', 'unitary_council'"),
    Case("builder", 'wecb.ProgrammeBuilder("P", "Q").line("p", nature="cost", '
         'amounts={"2014/15": 1.5}).build()', E.ProgrammeError,
         "line 1 (project 'p', 2014/15): CashFlow.amount: float 1.5 is not accepted (floats "
         "are inexact)"),
    Case("builder", 'wecb.ProgrammeBuilder("P", "Q").domain("d", "D", kind="thematic")'
         '.project("p", "P", domain="d").line("p", nature="cost", amounts={"2014/15": "£1", '
         '"2014-15": "£2"}).build()', E.ProgrammeError, "line 1 (project 'p', 2014-15): "
         "amounts: period 2014/15 is given twice ('2014/15' and '2014-15')"),
    Case("builder", 'wecb.ProgrammeBuilder("P", "Q").domain("d", "D", kind="thematic")'
         '.project("p", "P", domain="d").line("p", nature="benefit", value_type="fiscal", '
         'beneficiary="ecc", amounts={"2014/15": "£1"}).build()', E.ProgrammeError,
         "line 1 (project 'p'): CashFlow.cashable: not stated for a fiscal benefit"),
    Case("builder", 'wecb.ProgrammeBuilder("P", "Q").domain("d", "D", kind="thematic")'
         '.project("p", "P", domain="d").line("p", nature="cost", payer="ecc", '
         'amounts={"2014/15": "£1"}).build()', E.ProgrammeError,
         "line 1 (project 'p', 2014/15): projects['p'].flows[0].payer: unknown partner 'ecc'; "
         "known: none"),
    Case("builder", 'wecb.ProgrammeBuilder("P", "Q").domain("d", "D", kind="thematic")'
         '.project("p", "P", domain="d").line("p", nature="cost", amounts={}).build()',
         E.ProgrammeError, "line 1 (project 'p'): amounts: no periods given"),
    # -- price indices, unit costs, optimism bias by project type
    Case("prices", 'wecb.appraisal.PriceIndex(name="ix", levels={"2012/13": 100.5})',
         E.FloatNotAllowedError, "float 100.5 is not accepted"),
    Case("prices", 'wecb.appraisal.PriceIndex(name="ix", levels={"2012/13": "100", '
         '"2014/15": "103"})', E.AppraisalError, "2012/13..2014/15 lacks 2013/14"),
    Case("prices", 'wecb.appraisal.PriceIndex(name="ix", levels={"2012/13": "0"})',
         E.AppraisalError, "an index level must be greater than 0"),
    Case("prices", 'wecb.appraisal.PriceIndex(name="ix", levels={"2012/13": "100"}).rebase('
         'Money(1), FinancialYear(2011), FinancialYear(2012))', E.AppraisalError,
         "has no level for 2011/12: it covers 2012/13..2012/13"),
    Case("prices", 'wecb.appraisal.SEED_UNIT_COSTS["family"]', E.UnknownKeyError,
         "no unit cost 'family' in library 'essex_2012_seed_unit_costs'; its codes:"),
    Case("prices", 'wecb.appraisal.MOTT_MACDONALD_2002_OPTIMISM_BIAS.uplift('
         '"standard_buildings", "capital_expenditure", mitigation=0.5)',
         E.FloatNotAllowedError, "float 0.5 is not accepted"),
    Case("prices", 'wecb.appraisal.MOTT_MACDONALD_2002_OPTIMISM_BIAS.upper("bridges", '
         '"capital_expenditure")', E.UnknownKeyError, "no project type 'bridges'"),
    # -- wrong currency
    Case("currency", 'Money("10", "EUR") + Money("10")', E.CurrencyMismatchError,
         "different currencies; convert one amount first"),
    Case("currency", 'Money("10", "EUR") < Money("10")', E.CurrencyMismatchError,
         "different currencies"),
    Case("currency", 'Money("10", "gbp")', E.MoneyError,
         "currency must be an ISO 4217 code of three upper-case letters"),
    Case("currency", 'Money.parse("€10", currency="GBP")', E.ParseError,
         "the text is in EUR; pass currency='EUR'"),
    Case("currency", 'Money.parse("$10")', E.ParseError, "'$' is ambiguous"),
    Case("currency", 'wecb.loads(essex_with("funding_streams[0].amount", "€600,000.00"))',
         E.LoadError, "field 'amount': the programme is inconsistent"),
    # -- floats
    Case("float", "Money(0.1)", E.FloatNotAllowedError, "pass Decimal('0.1') or the string '0.1'"),
    Case("float", 'Money("10") * 1.1', E.FloatNotAllowedError,
         "floats cannot hold money exactly"),
    Case("float", 'Money("10").allocate([0.5, 0.5])', E.FloatNotAllowedError,
         "weight #0: got float 0.5"),
    Case("float", "wecb.appraisal.constant(0.035)", E.FloatNotAllowedError,
         "constant rate: float 0.035 is not accepted"),
    Case("float", 'units.quantity(0.035, "1 / year")', E.FloatNotAllowedError,
         "got the float 0.035 as a magnitude"),
    Case("float", 'units.parse_rate("£75m/year") * 1.1', E.FloatNotAllowedError,
         "and the float 1.1: floats are not exact"),
    Case("float", 'units.count(2.5, "family")', E.FloatNotAllowedError,
         "pass Decimal('2.5') or the string '2.5'"),
    Case("float", 'wecb.loads(essex_with("projects[0].table.net_total", 1.5))', E.LoadError,
         "field 'table.net_total': got the float 1.5"),
    Case("float", 'wecb.loads(essex_with("team_plans[0].teams", 8.0))', E.LoadError,
         "field 'teams': got the float 8.0"),
    Case("float", 'wecb.appraisal.Outcome(name="x", '
         'cohort=wecb.appraisal.Cohort.by_year({"2014/15": 10}), '
         'engagement=0.8, impact=1, deadweight=0, lag=0, persistence=1, drop_off=0, '
         'unit_value="£1 per family per year", value_type=wecb.ValueType.SOCIAL, '
         'agency_shares={"ecc": 1})', E.FloatNotAllowedError,
         "outcome 'x', field engagement: float 0.8 is not accepted"),
    Case("unknown", 'wecb.appraisal.Outcome(name="x", '
         'cohort=wecb.appraisal.Cohort.by_year({"2014/15": 10}), '
         'engagement=1, impact=1, deadweight=0, lag=0, persistence=1, drop_off=0, '
         'unit_value="£1 per family per year", value_type=wecb.ValueType.SOCIAL, '
         'agency_shares={"ecc": "1/2", "dwp": "1/3"})', E.AppraisalError,
         "outcome 'x', field agency_shares: the shares sum to 5/6, not exactly 1"),
    Case("unknown", 'wecb.appraisal.Outcome(name="x", '
         'cohort=wecb.appraisal.Cohort.by_year({"2014/15": 10}), '
         'engagement=1, impact=1, deadweight=0, lag=0, persistence=1, drop_off=0, '
         'unit_value="£1 per person per year", value_type=wecb.ValueType.SOCIAL, '
         'agency_shares={"ecc": 1})', E.UnitError,
         "outcome 'x', field unit_value: 1 GBP / person / year does not fit a cohort of family"),
    # -- NaN and infinity
    Case("nan", 'Money(Decimal("NaN"))', E.MoneyError, "NaN and infinity are not money"),
    Case("nan", 'Money("Infinity")', E.MoneyError, "amount text must be a plain decimal number"),
    Case("nan", 'Money(float("nan"))', E.FloatNotAllowedError, "NaN and inf are not money"),
    Case("nan", 'units.quantity(Decimal("Infinity"), "family")', E.UnitError,
         "magnitude: Decimal('Infinity') is not accepted; expected a finite number"),
    Case("nan", 'wecb.loads(essex_with("projects[0].table.net_total", float("nan")))',
         E.LoadError, "field 'table.net_total': got the float nan"),
    Case("nan", 'wecb.loads(essex_with("projects[0].table.net_total", float("nan"), "json"), '
         '"json")', E.LoadError, "NaN is not a number wecb accepts"),
    # -- negative counts
    Case("negative", 'CohortWave(label="8 teams", teams=-8, cases_per_team_per_year=135, '
         "start=FinancialYear(2013))", E.AppraisalError,
         "CohortWave.teams: -8 is not accepted; expected a whole number of 1 or more"),
    Case("negative", 'wecb.loads(essex_with("team_plans[0].teams", -8))', E.LoadError,
         "field 'teams': TeamPlan.teams: -8 is not accepted"),
    Case("negative", 'wecb.loads(essex_with("figures[0].count", "-2000"))', E.LoadError,
         "expected a count of zero or more"),
    # A quantity may be negative: it is also the difference of two counts.
    Case("negative", 'units.count(-3, "family")', None, "<Quantity(-3, 'family')>"),
    # -- unknown references and values
    Case("unknown", 'wecb.datasets.dataset_path("west-cheshire")', E.UnknownKeyError,
         "data set: 'west-cheshire' is not accepted; expected one of 'essex-2012'"),
    Case("unknown", "ESSEX.evolve(partners=ESSEX.partners[1:])", E.ProgrammeError,
         "funder: unknown partner 'ecc'"),
    Case("unknown", 'wecb.loads(essex_with("projects[0].leads", ["ecc", "nobody"]))',
         E.LoadError, "field 'leads[1]': the programme is inconsistent: "
         "projects['FBC1'].leads[1]: unknown partner 'nobody'"),
    Case("unknown", 'wecb.loads(essex_with("partners[0].kind", "bank"))', E.LoadError,
         "field 'kind': 'bank' is not a value of PartnerKind"),
    Case("unknown", 'wecb.loads(essex_with("projects[0].colour", "red"))', E.LoadError,
         "field 'colour': unknown field(s): 'colour'"),
    Case("unknown", 'units.quantity(1, "GBP / parsec")', E.ParseError,
         "'parsec' is not defined in the unit registry"),
    Case("unknown", 'units.count(3, "families") + units.count(2, "person")', E.UnitError,
         "[family] and [person] are different dimensions"),
    Case("unknown", "Money(True)", E.WecbTypeError, "got bool True"),
    # -- duplicate keys
    Case("duplicate", "ESSEX.evolve(partners=ESSEX.partners + ESSEX.partners[:1])",
         E.ProgrammeError, "duplicate key 'ecc' (also at partners[0])"),
    Case("duplicate", 'wecb.loads(essex_with("partners[1].key", "ecc"))', E.LoadError,
         "entry 'partners[1] (ecc)', field 'key'"),
    Case("duplicate", """wecb.loads('{"format": "wecb.programme", "format": "x"}', "json")""",
         E.LoadError, "duplicate key 'format' in one object"),
    Case("duplicate", """wecb.loads('format = "wecb.programme"\\nformat = "x"')""",
         E.LoadError, "not valid TOML: Cannot overwrite a value"),
    # -- periods out of range
    Case("period", "FinancialYear(1899)", E.PeriodError,
         "outside the accepted range 1900..2199"),
    Case("period", 'FinancialYear.parse("2200/01")', E.ParseError,
         "financial year start 2200 is outside the accepted range"),
    Case("period", 'OpenPeriod(key="later", label="Later", after=FinancialYear(2014), '
         "until=FinancialYear(2013))", E.PeriodError,
         "after (2014/15) must come before until (2013/14)"),
    Case("period", 'wecb.loads(essex_with("periods[1].after", "1850/51"))', E.LoadError,
         "field 'after': '1850/51': financial year start 1850 is outside the accepted range"),
    Case("period", 'wecb.loads(essex_with("team_plans[0].start_month", 13))', E.LoadError,
         "expected a whole number from 1 to 12"),
    # -- non-consecutive years
    Case("consecutive", 'FinancialYear.parse("2012/14")', E.ParseError,
         "the years must be consecutive, so 2012 is followed by 13"),
    Case("consecutive", 'FinancialYear.parse("2012-2014")', E.ParseError,
         "2012 is followed by 2013 ('2012/13'), not 2014"),
    Case("consecutive", "FinancialYear.range(FinancialYear(2014), FinancialYear(2012))",
         E.PeriodError, "a range cannot end (2012/13) before it starts (2014/15)"),
    Case("consecutive", 'wecb.loads(essex_with("periods[0].until", "2012/14"))', E.LoadError,
         "field 'until': '2012/14' is not a financial year"),
    # -- a rate for an amount
    Case("rate", 'Money.parse("£75m/year")', E.ParseError,
         "it looks like a rate (an amount per something)"),
    Case("rate", 'units.to_money(units.parse_rate("£75m/year"))', E.UnitError,
         "is a rate ([currency] / [time]), not an amount: multiply by a duration"),
    Case("rate", 'units.parse_rate("£75m")', E.ParseError, "is an amount, not a rate"),
    Case("rate", 'wecb.loads(essex_with("funding_streams[0].amount", "£600,000/year"))',
         E.LoadError, "cannot read '£600,000/year' as money: it looks like a rate"),
    # -- truncated and malformed files
    Case("truncated", 'wecb.loads(ESSEX_TOML[: ESSEX_TOML.index("[[projects]]") + 30])',
         E.LoadError, "not valid TOML"),
    Case("truncated", 'wecb.loads(ESSEX_JSON[: len(ESSEX_JSON) // 2], "json")', E.LoadError,
         "not valid JSON: Unterminated string starting at: line"),
    Case("truncated", 'wecb.loads("")', E.LoadError,
         "the header field 'format' is missing"),
    Case("truncated", 'wecb.load("/nonexistent/essex.toml")', E.LoadError,
         "file '/nonexistent/essex.toml': cannot read the file"),
    # -- wrong format version
    Case("version", 'wecb.loads(essex_with("format_version", 3))', E.LoadError,
         "format version 3 is newer than this wecb reads (supported versions: 1, 2)"),
    Case("version", 'wecb.loads(essex_with("format_version", 0))', E.LoadError,
         "unknown format version 0; supported versions: 1, 2"),
    Case("version", 'wecb.loads(essex_with("format_version", 1)) == ESSEX', None, "True"),
    Case("version", 'wecb.loads(essex_with("format_version", "1"))', E.LoadError,
         "format_version must be a whole number, got '1'"),
    Case("version", 'wecb.loads(essex_without("format_version"))', E.LoadError,
         "the header field 'format_version' is missing"),
    Case("version", 'wecb.loads(essex_with("format", "wecb.budget"))', E.LoadError,
         "the header field 'format' is 'wecb.budget'"),
    # -- format version 2: lines (amounts by period) and the names kept for later records
    Case("lines", 'wecb.loads(essex_with("projects[5].lines", [{"nature": "cost", "amounts": '
         '{"2030/31": "£1.00", "2031/32": "£2.00"}}], "json").replace("2031/32", "2030/31"), '
         '"json")', E.LoadError, "not accepted JSON: duplicate key '2030/31' in one object"),
    Case("lines", 'wecb.loads(essex_with("projects[5].lines", [{"nature": "cost", "amounts": '
         '{"2013/14": "£1.00", "2013-14": "£2.00"}}]))', E.LoadError,
         "field 'lines[0].amounts.2013-14': the period '2013-14' is the same as '2013/14' in "
         "this line: a line holds one amount per period"),
    Case("lines", 'wecb.loads(essex_with("projects[5].lines", [{"nature": "cost", "first": '
         '"2013/14", "amounts": {"2013/14": "£1.00"}}]))', E.LoadError,
         "field 'lines[0].first': 'first' goes with a list of amounts only; amounts given by "
         "period name their periods themselves: remove 'first'"),
    Case("lines", 'wecb.loads(essex_with("projects[5].lines", [{"nature": "cost", "amounts": '
         '{}}]))', E.LoadError, "field 'lines[0].amounts': a line holds at least one amount; "
         "got none"),
    Case("lines", 'wecb.loads(essex_with("projects[5].lines", [{"nature": "cost", "amounts": '
         '["£1.00", "£2.00"]}]))', E.LoadError, "field 'lines[0].first': a list of amounts "
         "needs 'first', the financial year of its first amount"),
    Case("lines", 'wecb.loads(essex_with("projects[5].lines", [{"nature": "cost", "first": '
         '"further_implementation", "amounts": ["£1.00", "£2.00"]}]))', E.LoadError,
         "a list of amounts runs over consecutive financial years from 'first' (an open period "
         "is named in amounts given by period)"),
    Case("lines", 'wecb.loads(essex_with("projects[5].lines", [{"nature": "cost", "first": '
         '"2013/14", "amounts": ["£1.00", "£2.00"]}])).project("strengthening_communities")'
         '.flows[1].period', None, "FinancialYear(2014)"),
    Case("lines", 'wecb.loads(essex_with("projects[5].lines", [{"nature": "cost", "amounts": '
         '{"2013/14": 1000.0}}], "json"), "json")', E.LoadError,
         "field 'lines[0].amounts.2013/14': got the float 1000.0: floats are inexact"),
    Case("lines", 'wecb.loads(essex_with("projects[5].lines", [{"nature": "cost", "amount": '
         '"£1.00", "period": "2013/14", "amounts": {"2013/14": "£1.00"}}]))', E.LoadError,
         "field 'lines[0].amount': 'amount' is a field of a single flow (format version 1); a "
         "line gives its amounts by period"),
    Case("lines", 'wecb.loads(essex_with("projects[5].flows", [{"amount": "£1.00", "nature": '
         '"cost", "period": "2013/14"}]))', E.LoadError, "field 'flows': 'flows' holds single "
         "flows in format version 1; format version 2 groups them into lines"),
    Case("lines", 'wecb.loads(essex_with("projects[0].milestones", []))', E.LoadError,
         "field 'milestones': 'milestones' is reserved for no record: write a project's "
         "milestones in the programme's [[milestones]], each with project = the project's key"),
    Case("decisions", 'wecb.loads(essex_with("projects[0].decisions[0].outcome", "approve"))',
         E.LoadError, "entry 'projects[0] (FBC1)', field 'decisions[0].outcome'"),
    Case("decisions", 'wecb.loads(essex_with("projects[0].decisions[0].date", "2012-10-32"))',
         E.LoadError, "field 'decisions[0].date': '2012-10-32' is not a date"),
    Case("decisions", 'wecb.loads(essex_with("projects[0].stage", "implementation"))',
         E.LoadError, "projects['FBC1'].stage: is implementation, but the last approved "
         "decision (decisions[0], proceed_to_full_business_case on 2012-10-30) led to "
         "full_business_case"),
    Case("decisions", 'wecb.loads(essex_with("projects[0].decisions[0].decided_by", "ecx"))',
         E.LoadError, "decided_by: unknown partner 'ecx' (a named body is written with a "
         "space)"),
    Case("milestones", 'wecb.loads(essex_with("milestones[1].date", "2012-9"))', E.LoadError,
         "entry 'milestones[1] (final_business_cases_deadline)', field 'date': '2012-9' is not "
         "a date as the source gives it"),
    Case("milestones", 'wecb.loads(essex_with("milestones[0].project", "FBC9"))', E.LoadError,
         "milestones[0].project: unknown project 'FBC9'"),
    Case("sources", 'wecb.loads(essex_with("partners[0].source", {"document": "ecc_cabinet", '
         '"quote": "x"}))', E.LoadError,
         "field 'source.document': the programme is inconsistent: partners['ecc'].source."
         "document: unknown document 'ecc_cabinet'; known: 'ecc_cabinet_issues_2012_10_30'"),
    Case("sources", 'wecb.loads(essex_with("partners[0].source", {"document": '
         '"ecc_cbud01_2011"}))', E.LoadError,
         "entry 'partners[0] (ecc)', field 'source.quote': required field is missing"),
    Case("sources", 'wecb.loads(essex_with("partners[0].source", 5))', E.LoadError,
         "field 'source': expected text saying where the fact is published, or a citation "
         "table"),
    Case("sources", 'wecb.loads(essex_with("documents[0].url", "www.essex.gov.uk"))',
         E.LoadError, "field 'url': Document.url: 'www.essex.gov.uk' is not accepted; expected "
         "an http(s) address"),
    Case("asks", 'wecb.loads(essex_with("projects[4].lines", [{"nature": "cost", "requires": '
         '["ask_1"], "amounts": {"2013/14": "£1.00"}}]))', E.LoadError,
         "field 'lines[0].requires[0]': the programme is inconsistent: "
         "projects['FBC5'].lines[0].requires[0]: unknown ask 'ask_1'; known: 'FBC1_ask_1'"),
    Case("asks", 'wecb.loads(essex_with("projects[0].asks", ["Devolve the budget."]))',
         E.LoadError, "field 'asks': a project's asks are the programme's top-level [[asks]] "
         "records in format version 2"),
    Case("asks", 'wecb.loads(essex_with("asks[0].addressed_to", ["ecc"]))', E.LoadError,
         "field 'addressed_to[0]': the programme is inconsistent: asks['FBC1_ask_1']."
         "addressed_to[0]: partner 'ecc' is a county council; an ask is addressed to a partner "
         "of kind whitehall_department or national_agency"),
    Case("asks", 'wecb.loads(essex_with("asks[0].status", "granted"))', E.LoadError,
         "field 'status': 'granted' is not a value of AskStatus; expected one of 'asked', "
         "'agreed', 'refused', 'open'"),
    Case("asks", 'wecb.loads(essex_with("asks[0].project", "FBC9"))', E.LoadError,
         "asks['FBC1_ask_1'].project: unknown project 'FBC9'; known: 'FBC1'"),
    Case("actuals", 'wecb.loads(essex_with("actuals", [{"project": "FBC1", "line": "Gross '
         'cashable benefits", "year": "2014/15", "amount": "£1.00", "as_at": "2015-05-29"}]))',
         E.LoadError, "actuals[0].line: project 'FBC1' has no line labelled 'Gross cashable "
         "benefits'; its lines: 'Costs of further implementation'"),
    Case("actuals", 'wecb.loads(essex_with("actuals", [{"project": "FBC1", "line": "Gross '
         'cashable benefit", "year": "2014/15", "amount": "£1.00", "as_at": "29/05/2015"}]))',
         E.LoadError, "field 'as_at': '29/05/2015' is not a date; expected year-month-day"),
    Case("actuals", 'wecb.loads(essex_with("actuals", [{"project": "FBC1", "line": "Gross '
         'cashable benefit", "year": "2014/15", "amount": "£1.00", "as_at": "2014-03-31"}]))',
         E.LoadError, "expected a date on or after 2014-04-01, the start of 2014/15"),
    Case("actuals", 'wecb.appraisal.realisation(ESSEX.evolve(actuals=(wecb.model.actuals.Actual('
         'project="FBC1", line="Costs to Mar \'14", year=FinancialYear(2013), amount=Money(1), '
         'as_at=datetime.date(2014, 5, 1)),)), as_at=FinancialYear(2012))', E.AppraisalError,
         "actuals[0] (FBC1 / Costs to Mar '14 / 2013/14: £1.00 as at 2014-05-01): its year "
         "2013/14 is after 2012/13"),
    # -- huge amounts
    Case("huge", "Money(10**80)", None, "Money('100000000000000000000000000000000000000000"),
    Case("huge", "Money(10**80) * 3", None, "Money('300000000000000000000000000000000000000000"),
    Case("huge", 'Money(10**80) + Money("0.01")', E.MoneyError,
         "needs more than 60 significant digits; wecb will not round it silently"),
    Case("huge", "Money(10**1000)", E.MoneyError,
         "amount 1.000000E+1000 is not below 10**1000"),
    Case("huge", 'Money(Decimal("1E+999999999"))', E.MoneyError,
         "wecb holds amounts from 10**-1000 to below 10**1000 in size"),
    Case("huge", 'Money.parse("£" + "9" * 5000)', E.ParseError,
         "is not below 10**1000"),
    Case("huge", 'wecb.loads(essex_with("funding_streams[0].amount", "£" + "9" * 1200))',
         E.LoadError, "field 'amount': cannot read"),
    Case("huge", """wecb.loads('format = "wecb.programme"\\nformat_version = 1' + '0' * 5000)""",
         E.LoadError, "a number in the file cannot be read"),
    # -- over-precise amounts
    Case("precise", 'Money("0." + "1" * 70)', None,
         "Money('0.1111111111111111111111111111111111111111111111111111111111111111111111'"),
    Case("precise", 'Money("0." + "1" * 70) + Money("1")', E.MoneyError,
         "needs more than 60 significant digits"),
    Case("precise", 'Money("0." + "1" * 70).round("penny")', None, "Money('0.11', 'GBP')"),
    Case("precise", 'Money("1E-1001")', E.MoneyError, "amount text must be a plain decimal"),
    Case("precise", 'Money(Decimal("1E-1001"))', E.MoneyError,
         "is smaller than 10**-1000"),
    Case("precise", 'Money("0." + "1" * 2001)', E.MoneyError,
         "has more than 2000 significant digits"),
    Case("precise", 'Money("1").allocate([1, 1, 1], unit=Decimal("0.001"))', None,
         "[Money('0.334', 'GBP'), Money('0.333', 'GBP'), Money('0.333', 'GBP')]"),
    # -- limits on untrusted files
    Case("limits", "wecb.loads(ESSEX_TOML, max_bytes=1000)", E.LoadError,
         "the file is larger than the limit of 1,000 bytes"),
    Case("limits", """wecb.loads('{"format": "wecb.programme", "notes": ' + "[" * 40 """
         """+ "]" * 40 + "}", "json")""", E.LoadError,
         "the data is nested deeper than the limit of 32 levels"),
    # -- appraisal: every key names something; unclassified benefits are never guessed
    Case("appraisal", "wecb.appraise(ESSEX, base_year=FinancialYear(2012), "
         "price_base=FinancialYear(2012), phasing=wecb.appraisal.Phasing("
         '{"apraisal_horizon": {FinancialYear(2014): 1}}))', E.AppraisalError,
         "Phasing.periods key: 'apraisal_horizon' is not accepted; expected an open period of "
         "the programme: to_mar_2013, further_implementation, appraisal_horizon"),
    Case("appraisal", "wecb.appraise(ESSEX, base_year=FinancialYear(2012), "
         "price_base=FinancialYear(2012), phasing=wecb.appraisal.Phasing(projects="
         '{"FBX1": {"appraisal_horizon": {FinancialYear(2014): 1}}}))', E.AppraisalError,
         "Phasing.projects key: 'FBX1' is not accepted; expected a project of the programme: "
         "FBC1, FBC2, FBC3, FBC4, FBC5"),
    Case("appraisal", "wecb.appraise(ESSEX, base_year=FinancialYear(2012), "
         'price_base=FinancialYear(2012), projects=["FBX1"])', E.AppraisalError,
         "unknown project(s) 'FBX1'; the programme has FBC1, FBC2, FBC3, FBC4, FBC5"),
    Case("appraisal", "wecb.appraise(ESSEX, base_year=FinancialYear(2012), "
         "price_base=FinancialYear(2012), adjustments=wecb.appraisal.AdjustmentPlan("
         'projects={"FBX1": wecb.appraisal.Adjustments(deadweight="0.1")}))', E.AppraisalError,
         "AdjustmentPlan keys match no appraised line: 'FBX1'; projects appraised: FBC1"),
    Case("appraisal", "wecb.appraise(ESSEX, base_year=FinancialYear(2012), "
         'price_base=FinancialYear(2012), treat_unclassified="unclassified")',
         E.AppraisalError, "treat_unclassified: 'unclassified' is not accepted; expected None "
         "(the default: unclassified benefits on their own row, outside the financial case"),
    Case("appraisal", 'wecb.appraisal.Selector(categories="unclassified")', E.AppraisalError,
         "'unclassified' is both a cost whose type is not given and a benefit whose value "
         "type is not given; add nature='cost' for the costs, or nature='benefit'"),
    Case("appraisal", "wecb.appraisal.Selector(cashable=True)", E.AppraisalError,
         "cashable means a cash outlay for a cost and a cash-releasing saving for a benefit; "
         "add nature='cost' for the costs, or nature='benefit' for the benefits"),
    Case("appraisal", "wecb.appraisal.switching_value(wecb.appraise(ESSEX, "
         "base_year=FinancialYear(2012), price_base=FinancialYear(2012), projects=[], "
         "horizon=wecb.appraisal.Horizon(FinancialYear(2012), FinancialYear(2013))), "
         'wecb.appraisal.Selector(), target="npv")', E.UnknownKeyError,
         "switching value: target: 'npv' is not accepted; expected one of "
         "'net_present_budget_impact', 'net_present_public_value'"),
    Case("appraisal", "wecb.appraisal.by_agency(wecb.appraise(ESSEX, "
         "base_year=FinancialYear(2012), price_base=FinancialYear(2012), projects=[], "
         "horizon=wecb.appraisal.Horizon(FinancialYear(2012), FinancialYear(2013)))"
         ').row("ecc")', E.UnknownKeyError,
         "AgencyTable.row: 'ecc' is not accepted; expected an agency of the appraised lines"),
    Case("appraisal", 'wecb.appraisal.Selector(categories="fiscal_cashabel")',
         E.AppraisalError, "Selector.categories: 'fiscal_cashabel' is not accepted; expected "
         "one of 'capital', 'revenue', 'in_kind', 'unclassified', 'fiscal_cashable'"),
    # -- exported rows: the assumptions they carry, written and read back
    Case("exports", 'wecb.io.parse_csv("#assumption,optimism bias,grade 3,,unchecked\\nx\\n")',
         E.ParseError, "CSV line 1, field 'verified': 'unchecked' is not accepted; expected true "
         "or false"),
    Case("exports", 'wecb.io.parse_csv("#assumption,deadweight,20%\\nproject\\n")', E.ParseError,
         "CSV line 1, an assumption of 3 cells: ['#assumption', 'deadweight', '20%'] is not "
         "accepted; expected #assumption,name,value,source,verified with verified true or false"),
    Case("exports", 'wecb.io.parse_csv("#assumption,,20%,,true\\nproject\\n")', E.ParseError,
         "CSV line 1, field 'name': '' is not accepted; expected non-blank text"),
    Case("exports", """wecb.io.parse_json('{"assumptions": [{"name": "deadweight", "value": """
         """"20%", "source": null, "verified": "yes"}], "rows": []}')""", E.ParseError,
         "assumptions[0], field 'verified': 'yes' is not accepted; expected true or false"),
    Case("exports", """wecb.io.parse_json('{"assumptions": [{"name": "deadweight", "value": """
         """"20%"}], "rows": []}')""", E.ParseError,
         "assumptions[0]: the field 'source' is missing; expected 'name', 'value', 'source', "
         "'verified'"),
    Case("exports", """wecb.io.parse_json('{"assumptions": [], "rows": [], "notes": "x"}')""",
         E.ParseError, "the JSON object, field 'notes': 'x' is not accepted; expected only the "
         "fields 'assumptions', 'rows'"),
    Case("exports", 'wecb.io.to_csv([{"#assumption": "x"}])', E.ExportError,
         "the first column's name: '#assumption' is not accepted; expected another name, or "
         "another column first"),
    Case("exports", 'wecb.io.write_xlsx({"Assumptions": wecb.core.assumptions.ResultRows('
         'assumptions=[wecb.core.assumptions.Assumption(name="deadweight", value="20%")])}, '
         '"never-written.xlsx")', E.ExportError,
         "sheet name: 'Assumptions' is not accepted; expected another name: the sheet "
         "'Assumptions' lists the assumptions the rows carry"),
    Case("exports", 'wecb.io.write_xlsx([{"note": "\\x07"}], "never-written.xlsx")',
         E.ExportError, "sheet 'rows', row 2, column 'note': '\\x07' is not accepted; expected "
         "text without control characters"),
    Case("exports", 'wecb.core.assumptions.ResultRows([{"a": 1}], assumptions=["deadweight 20%"])',
         E.WecbTypeError, "ResultRows.assumptions[0]: 'deadweight 20%' is not accepted; expected "
         "an Assumption"),
    # -- funding streams hold: costs drawn beyond a stream's amount, or outside its periods
    Case("funding", 'wecb.loads(essex_with("projects[5].lines", [{"nature": "cost", '
         '"stream": "wecb_underspend", "amounts": {"2013/14": "£8,000,000.00"}}]))', E.LoadError,
         "funding_streams['wecb_underspend']: overdrawn: costs drawn over all its periods are "
         "£8,000,000.00, more than the £600,000.00 available (£600,000.00 in total); drawn by "
         "projects['strengthening_communities'].lines[0]"),
    Case("funding", 'wecb.loads(essex_with("projects[1].lines", [{"nature": "cost", '
         '"stream": "skills_funding", "amounts": {"2013/14": "£250,000,000.00"}}]))', E.LoadError,
         "costs drawn in 2013/14 are £250,000,000.00, more than the £200,000,000.00 available "
         "(approximately £200,000,000.00 a year)"),
    Case("funding", 'wecb.loads(essex_with("projects[5].lines", [{"nature": "cost", '
         '"stream": "pct_cluster", "amounts": {"2013/14": "£1.00"}}]))', E.LoadError,
         "a cost in 2013/14 draws on stream 'pct_cluster', which covers only Until 2011-12; "
         "list 2013/14 in the stream's periods, or draw the cost on another stream"),
    Case("funding", 'wecb.loads(essex_with("projects[1].lines", [{"nature": "cost", '
         '"stream": "skills_funding", '
         '"amounts": {"further_implementation": "£900,000,000.00"}}]))',
         None, "<Programme 'Whole Essex Community Budget' (Greater Essex)"),
    # -- value types and cashability: stated, never guessed (wecb 0.1.0 assumed fiscal, cashable)
    Case("value_types", 'wecb.CashFlow(amount=Money("10"), nature=wecb.Nature.BENEFIT, '
         'period=FinancialYear(2013))', E.ValidationError,
         "CashFlow.value_type: None is not accepted; expected a ValueType for a benefit: fiscal, "
         "economic, social, or unclassified when the source does not say (0.1.0 read a missing "
         "value type as fiscal)"),
    Case("value_types", 'wecb.CashFlow(amount=Money("10"), nature=wecb.Nature.BENEFIT, '
         'period=FinancialYear(2013), value_type=wecb.ValueType.FISCAL)', E.ValidationError,
         "CashFlow.cashable: not stated for a fiscal benefit; say whether it releases cash from "
         "a budget (cashable=True) or not"),
    Case("value_types", 'wecb.CashFlow(amount=Money("10"), nature=wecb.Nature.BENEFIT, '
         'period=FinancialYear(2013), value_type=wecb.ValueType.SOCIAL, cashable=True)',
         E.ValidationError, "CashFlow.cashable: True is not accepted; expected False for a "
         "social benefit: cashability applies to fiscal benefits only"),
    Case("value_types", 'wecb.CashFlow(amount=Money("10"), nature=wecb.Nature.BENEFIT, '
         'period=FinancialYear(2013), value_type=wecb.ValueType.UNCLASSIFIED).cashable', None,
         "False"),
    Case("value_types", 'wecb.loads(essex_with("projects[5].lines", [{"nature": "benefit", '
         '"amounts": {"2013/14": "£10.00"}}]))', E.LoadError,
         "field 'lines[0].value_type': required for a benefit: one of 'fiscal', 'economic', "
         "'social', or 'unclassified' when the source does not say which; wecb 0.1.0 read a "
         "missing value_type as 'fiscal': set value_type to \"fiscal\" to keep that reading "
         "(and 1 more problem:"),
    Case("value_types", 'wecb.loads(essex_with("projects[5].lines", [{"nature": "benefit", '
         '"value_type": "fiscal", "amounts": {"2013/14": "£10.00"}}]))', E.LoadError,
         "field 'lines[0].cashable': required for a fiscal benefit: true if the saving releases "
         "cash from a budget, false if not (such as freed capacity or avoided demand); wecb "
         "0.1.0 read a missing cashable as true: set cashable to true to keep that reading"),
    Case("value_types", 'wecb.loads(essex_with("projects[5].lines", [{"nature": "benefit", '
         '"value_type": "economic", "cashable": True, "amounts": {"2013/14": "£10.00"}}]))',
         E.LoadError, "field 'lines[0].cashable': CashFlow.cashable: "
         "True is not accepted; expected False for an economic benefit"),
    Case("value_types", 'wecb.rollups.Lines.from_columns(minor_units=[1000], '
         'nature=["benefit"], period=["2013/14"])', E.RollupError,
         "Lines.from_columns: a benefit line has no value_type (1 line, the first line 0); "
         "state each benefit's value type: fiscal, economic, social, or unclassified"),
    Case("value_types", 'wecb.rollups.Lines.from_columns(minor_units=[1000], '
         'nature=["benefit"], period=["2013/14"], value_type=["fiscal"])', E.RollupError,
         "cashable is not given, and a fiscal benefit must say whether it is cashable (1 line, "
         "the first line 0)"),
    Case("value_types", 'wecb.rollups.Lines.from_columns(minor_units=[1000], '
         'nature=["benefit"], period=["2013/14"], value_type=["social"], cashable=[True])',
         E.RollupError, "a benefit line that is not fiscal is cashable (1 line, the first line "
         "0); cashability applies to fiscal benefits only"),
    Case("value_types", "wecb.CostBenefitTable.from_cash_flows([wecb.CashFlow(amount="
         'Money("10"), nature=wecb.Nature.BENEFIT, period=FinancialYear(2013), '
         "value_type=wecb.ValueType.SOCIAL)], non_cashable_value_type=wecb.ValueType.FISCAL)",
         E.ValidationError, "CostBenefitTable.from_cash_flows: flows[0].value_type: "
         "<ValueType.SOCIAL: 'social'> is not accepted; expected ValueType.FISCAL as the "
         "non_cashable_value_type given: a table holds one value type for its non-cashable "
         "benefit"),
    Case("value_types", "wecb.CostBenefitTable.from_thousands(costs_to_mar_2013=1, "
         "costs_to_mar_2014=0, costs_further_implementation=0, net_cashable=1, "
         "net_non_cashable=-5, net_total=-4).non_cashable_value_type", None,
         "<ValueType.UNCLASSIFIED: 'unclassified'>"),
    # -- rollup and who-pays filters: value type keeps the costs; ambiguity and keys refused
    Case("filters", 'wecb.rollup(ESSEX, where={"value_type": "fiscal"}).total', None,
         "benefits=Money('171197000', 'GBP'), net=Money('119707000', 'GBP')"),
    Case("filters", 'wecb.rollup(ESSEX, where={"value_type": None})', E.RollupError,
         "a value-type filter applies to benefits and keeps every cost (a cost has no value "
         "type); to select the costs, ask nature='cost'"),
    Case("filters", 'wecb.rollup(ESSEX, where={"payer": "ecc"})', E.RollupError,
         "payer='ecc' is ambiguous: only costs have a payer (for benefits it is None), so it is "
         "not clear whether the benefits should be kept. Add nature='cost' for those costs "
         "alone, or ask partner='ecc' for the partner's costs and benefits"),
    Case("filters", 'wecb.rollup(ESSEX, where={"beneficiary": "ccgs"})', E.RollupError,
         "Add nature='benefit' for those benefits alone, or ask partner='ccgs'"),
    Case("filters", 'wecb.rollup(ESSEX, where={"stream": "staff_in_kind"})', E.RollupError,
         "Add nature='cost' for those costs alone, or pass a predicate for those costs and every "
         "one of the benefits: where=lambda line: line['nature'] is Nature.BENEFIT or "
         "line['stream'] == 'staff_in_kind'"),
    Case("filters", 'wecb.rollup(ESSEX, where={"cost_type": "capital"})', E.RollupError,
         "only costs have a cost type"),
    Case("filters", 'wecb.rollup(ESSEX, where={"cashable": True})', E.RollupError,
         "Add nature='benefit' for the cash-releasing savings alone, nature='cost' for the cash "
         "outlays alone, or nature=['cost', 'benefit'] for both"),
    Case("filters", 'wecb.rollup(ESSEX, where={"domain": "health"})', E.UnknownKeyError,
         "where/filter on 'domain': unknown domain 'health'; valid: 'health_wellbeing', "
         "'community_safety'"),
    Case("filters", 'wecb.rollup(ESSEX, "project", where={"project": "FBX1"})',
         E.UnknownKeyError, "unknown project 'FBX1'; valid: 'FBC1', 'FBC2', 'FBC3', 'FBC4', "
         "'FBC5', 'strengthening_communities'"),
    Case("filters", 'wecb.rollup(ESSEX, where={"partner": "essex_cc"})', E.UnknownKeyError,
         "unknown partner 'essex_cc'; valid: 'ecc', 'southend'"),
    Case("filters", 'wecb.rollup(ESSEX, where={"stream": "lottery", "nature": "cost"})',
         E.UnknownKeyError, "unknown funding stream 'lottery'; valid: 'wecb_underspend'"),
    Case("filters", 'wecb.rollup(ESSEX, "domain").filter(domain="health")', E.UnknownKeyError,
         "unknown domain 'health'; valid: 'health_wellbeing'"),
    Case("filters", 'wecb.rollup(ESSEX, ("domain", "colour"))', E.RollupError,
         "unknown dimension 'colour'; valid dimensions: domain, domain_kind, project"),
    Case("filters", 'wecb.who_pays(ESSEX, where={"project": "FBX1"})', E.UnknownKeyError,
         "unknown project 'FBX1'; valid: 'FBC1'"),
    Case("filters", 'wecb.who_pays(ESSEX).share(wecb.whopays.FixedShares('
         '{"(unattributed)": 1, "ecx": 0}))', E.UnknownKeyError,
         "FixedShares: unknown partner 'ecx'; valid: '(unattributed)', 'ecc'"),
    # -- assumptions handed to a result: the scale-up lists them before its own
    Case("assumed", 'wecb.appraisal.scale_up(wecb.appraisal.Total(Money("1"), '
         "wecb.appraisal.Horizon.of_years(FinancialYear(2013), 5)), pilot_driver=1, "
         'places=[wecb.appraisal.Place(name="A", driver=1)], assumptions=["green book"])',
         E.WecbTypeError, "scale_up assumptions[0]: 'green book' is not accepted; expected an "
         "Assumption"),
    Case("assumed", 'wecb.appraisal.scale_up(wecb.appraisal.Total(Money("1"), '
         "wecb.appraisal.Horizon.of_years(FinancialYear(2013), 5)), pilot_driver=1, "
         'places=[wecb.appraisal.Place(name="A", driver=1)], assumptions="green book")',
         E.WecbTypeError, "scale_up assumptions: 'green book' is not accepted; expected an "
         "iterable of Assumptions"),
    # -- files written whole (atomically), cells safe in a spreadsheet, text safe on a terminal
    Case("writes", 'wecb.io.write_csv([{"a": "1"}], "bad\\x00name.csv")', E.ExportError,
         "file 'bad\\x00name.csv': cannot write the file: a path cannot hold a NUL character"),
    Case("writes", 'wecb.io.write_csv([{"a": "1"}], None)', E.WecbTypeError,
         "path: None is not accepted; expected a str or os.PathLike file path"),
    Case("writes", 'wecb.save(ESSEX, "/nonexistent/essex.toml")', E.LoadError,
         "file '/nonexistent/essex.toml': cannot create a temporary file in its folder "
         "'/nonexistent' (wecb writes there, then renames it over the file): No such file or "
         "directory"),
    Case("writes", 'wecb.io.write_json([{"a": "1"}], ".")', E.ExportError,
         "file '.': cannot write the file: it is a folder; give a file name"),
    Case("writes", 'wecb.io.write_csv([{"label": "a\\udc80"}], "never-written.csv")',
         E.ExportError, "file 'never-written.csv': cannot write '\\udc80' (character 8, after "
         "'label\\r\\na'): a lone surrogate, which UTF-8 cannot hold; nothing was written"),
    Case("writes", 'wecb.io.write_xlsx([{"label": "a\\udc80"}], "never-written.xlsx")',
         E.ExportError, "sheet 'rows', row 2, column 'label': 'a\\udc80' is not accepted; "
         "expected text without control characters other than tab and line breaks, and without "
         "lone surrogates"),
    Case("writes", 'wecb.io.write_xlsx({"rows/2013": [{"a": "1"}]}, "never-written.xlsx")',
         E.ExportError, "sheet name: 'rows/2013' is not accepted; expected non-blank text "
         "without : \\ / ? * [ ]"),
    Case("writes", 'wecb.io.write_xlsx({"Rows": [], "rows": []}, "never-written.xlsx")',
         E.ExportError, "sheet name 'rows' is the same sheet as 'Rows'"),
    Case("writes", 'wecb.io.to_csv([{"project": "@SUM(1+1)*cmd", "net": Money("-5")}])', None,
         "'@SUM(1+1)*cmd,-5"),
    Case("writes", 'wecb.io.to_csv([{"=cmd": "-2.5%"}])', None, "\"'=cmd\\r\\n-2.5%\\r\\n\""),
    Case("writes", 'wecb.io.to_csv([{"note": "\'=x"}])', None, "\"note\\r\\n''=x\\r\\n\""),
    Case("writes", 'wecb.io.parse_csv(wecb.io.to_csv([{"=cmd": "=1+1", "note": "\'=x"}]))',
         None, "[{'=cmd': '=1+1', 'note': \"'=x\"}]"),
    Case("writes", 'wecb.io.to_csv([{"project": "=1+1"}], safe_cells=False)', None,
         "'project\\r\\n=1+1\\r\\n'"),
    Case("writes", 'printed(essex_with("name", "Essex\\x1b[2J\\x1b[H"), "summary")', None,
         "Essex\\\\x1b[2J\\\\x1b[H (Greater Essex)"),
    Case("writes", 'printed(essex_with("partners[0].name", "Essex\\u202e"), "summary")', None,
         "Essex\\\\u202e"),
    # -- hostile numbers: every number a user gives is read by wecb.core.numbers, with
    # -- Money.parse's digit rules and Money's bounds; Money's operators refuse other types
    Case("numbers", 'Money("100").allocate(["1_000", 1])', E.AllocationError,
         "weight #0: '1_000' is not accepted; expected an int, Decimal, Fraction or text such "
         "as '0.035' or '3.5%'"),
    Case("numbers", 'wecb.appraisal.constant("３%")', E.AppraisalError,
         "constant rate: '３%' is not accepted"),
    Case("numbers", 'wecb.loads(essex_with("figures[13].count", "١٢"))', E.LoadError,
         "field 'count': exact number: '١٢' is not accepted; expected a plain number such as "
         "'0.5'"),
    Case("numbers", 'wecb.loads(essex_with("figures[13].count", "1E999999999"))', E.LoadError,
         "this one is not below 10**1000"),
    Case("numbers", 'wecb.appraisal.constant("1E-999999999")', E.AppraisalError,
         "constant rate: '1E-999999999' is not accepted; expected a number within wecb's bounds "
         "(zero, or from 10**-1000 to below 10**1000 in size with at most 2000 significant "
         "digits): this one is smaller than 10**-1000"),
    Case("numbers", 'wecb.appraisal.Phasing({"later": {FinancialYear(2013): "1E-999999999", '
         "FinancialYear(2014): 1}})", E.AppraisalError, "this one is smaller than 10**-1000"),
    Case("numbers", 'Money("100").allocate([Decimal("1E999999999"), 1])', E.AllocationError,
         "weight #0: Decimal('1E+999999999') is not accepted"),
    Case("numbers", 'Money("1").round(Decimal("1E99999999"))', E.MoneyError,
         "unit: Decimal('1E+99999999') is not accepted"),
    Case("numbers", 'Money("1").allocate([1, 1], Decimal("1E-999999999"))', E.MoneyError,
         "unit: Decimal('1E-999999999') is not accepted"),
    Case("numbers", 'Money(Decimal("0E+999999999"))', E.MoneyError,
         "is a zero with an exponent (999999999) outside -2999..999"),
    Case("numbers", "Money(10**10**6)", E.MoneyError,
         "amount of 3,321,929 bits is not below 10**1000"),
    Case("numbers", 'units.count(10**10**6, "family")', E.UnitError,
         "this one is not below 10**1000"),
    Case("numbers", 'Money("1").format(places=10**9)', E.MoneyError,
         "places: 1000000000 is not accepted; expected a whole number from 0 to 1000"),
    Case("numbers", "Money(np.float64(5))", E.FloatNotAllowedError,
         "got float 5.0: floats cannot hold money exactly; pass Decimal('5.0')"),
    Case("numbers", "Money(np.float32(5))", E.FloatNotAllowedError, "got float 5.0"),
    Case("numbers", "Money(np.int64(5))", None, "Money('5', 'GBP')"),
    Case("numbers", 'Money("5") + 1', E.WecbTypeError,
         "cannot compute Money('5', 'GBP') + 1 (int): money adds to money of the same currency "
         "(and to 0, so that sum() works); make the number money first, such as Money('1')"),
    Case("numbers", 'sum([Money("1"), Money("2")])', None, "Money('3', 'GBP')"),
    Case("numbers", 'Decimal(1) < Money("5")', E.WecbTypeError,
         "money is ordered against money of the same currency only"),
    Case("numbers", 'Money("5") * Money("5")', E.WecbTypeError,
         "money times money has no meaning"),
    Case("numbers", 'Money("5") // 2', E.WecbTypeError,
         "money has no // (given Money('5', 'GBP') and 2): split an amount with "
         "Money.allocate, round it with Money.round, or divide it with /"),
    Case("numbers", "Money(1, 826)", E.WecbTypeError,
         "currency must be an ISO 4217 code of three upper-case letters such as 'GBP', got 826"),
    # -- unit text: every text entry of pint read by wecb first (helper U)
    Case("unit_text", 'units.Quantity("1 500 GBP")', E.ParseError,
         "Quantity: cannot read '1 500 GBP' as a quantity: digit groups separated by spaces "
         "are ambiguous (pint would multiply them, reading '1 500' as 1 x 500)"),
    Case("unit_text", 'units.Quantity("250 000 GBP / family / year")', E.ParseError,
         "write the number without spaces, such as '1500 GBP'"),
    Case("unit_text", 'units.quantity_from_text("1 001 GBP")', E.ParseError,
         "quantity_from_text: cannot read '1 001 GBP' as a quantity: digit groups"),
    Case("unit_text", 'units.registry()("1,500 GBP")', E.ParseError,
         "a quantity's magnitude: '1,500' is not accepted; expected a plain number"),
    Case("unit_text", 'units.registry()("5 £")', E.ParseError,
         "registry expression: cannot read '5 £' as a quantity: write GBP rather than '£'"),
    Case("unit_text", 'units.registry()("250000 GBP / family / year")', None,
         "<Quantity(250000, 'GBP / family / year')>"),
    Case("unit_text", 'units.quantity(5, "GBP * 2")', E.ParseError,
         "a number in unit text is a power ('year ** 2') or the 1 of '1 / year' only"),
    Case("unit_text", 'units.Unit("GBP + year")', E.ParseError,
         "unit text: cannot read 'GBP + year' as units: '+' is not accepted"),
    Case("unit_text", 'units.quantity(1, "month ** 99999999999").to("year")', E.ParseError,
         "cannot read 'month ** 99999999999' as units: expected a whole power from -12 to 12"),
    Case("unit_text", '(units.quantity(1, "year") ** 10**11).to("month")', E.UnitError,
         "has year ** 100000000000; expected a whole power from -12 to 12"),
    Case("unit_text", 'format(units.quantity(1, "GBP"), "99999999999")', E.ParseError,
         "format spec of a wecb quantity: '99999999999' is not accepted"),
    Case("unit_text", 'units.quantity(5, "GBP") * "2"', E.WecbTypeError,
         "cannot multiply 5 GBP and text: '2' is not accepted"),
    Case("unit_text", 'units.registry().define("widget = [widget]")', E.UnitError,
         "wecb's registry holds wecb's own units only and is fixed once built"),
    # -- the command line in a hostile environment, and the bounds of a sensitivity run
    Case("command", 'command("summary", close_stdout=True)', None,
         "exit 1; stdout: (nothing); stderr: wecb: error: standard output: it is closed; "
         "nothing was written"),
    Case("command", 'command("summary", env={"PYTHONIOENCODING": "ascii"})', None,
         "exit 0; stdout: Whole Essex Community Budget (Greater Essex) | net benefit (saving)  "
         "\\\\xa3301.0m"),
    Case("command", 'command("appraise", "--rate", "1e999999999")', None,
         "exit 2; stdout: (nothing); stderr: wecb appraise: error: argument --rate: discount "
         "rate: '1e999999999' is not accepted"),
    Case("command", 'wecb.appraisal.sensitivity.monte_carlo(None, [], draws=10**30, seed=1)',
         E.AppraisalError, "draws: 1000000000000000000000000000000 is not accepted; expected "
         "an int from 1 to 1,000,000"),
    Case("command", 'wecb.appraisal.sensitivity.Uniform(low="0", high="1e13")',
         E.AppraisalError, "multiplier: '1e13' is not accepted; expected a number up to 1000000"),
    # -- digits that a decimal context rounded away (wecb now computes in its own contexts and
    # in integers: results are the same under any caller's context, and nothing is rounded)
    Case("contexts", 'wecb.appraisal.Uniform(low="1.0000000000000000000000000001", high="2")',
         E.AppraisalError, "multiplier: '1.0000000000000000000000000001' is not accepted; "
         "expected a multiplier with at most six decimal places (drawn in whole ppm)"),
    Case("contexts", 'wecb.io.write_xlsx([{"r": Decimal("1.5")}], "never-written.xlsx", '
         "places=10**9)", E.ExportError,
         "places: 1000000000 is not accepted; expected a whole number from 0 to 1000"),
    # -- hostile files: every reader refuses what is not a regular file and wraps every OSError;
    # one size limit (max_bytes) bounds the bytes and the values read; problems are collected
    # up to wecb.errors.MAX_PROBLEMS, values quoted by an excerpt; a lone surrogate is refused
    Case("hostile_files", 'wecb.load("/dev/zero", format="json")', E.LoadError,
         "file '/dev/zero': cannot read the file: it is a character device, not a regular file"),
    Case("hostile_files", 'wecb.io.read_json(".")', E.LoadError,
         "file '.': cannot read the file: it is a directory, not a regular file"),
    Case("hostile_files", 'wecb.io.read_csv("/nonexistent/rows.csv")', E.LoadError,
         "file '/nonexistent/rows.csv': cannot read the file: No such file or directory"),
    Case("hostile_files", 'wecb.io.read_tables_csv("tables\\x00.csv")', E.LoadError,
         "file 'tables\\x00.csv': cannot read the file: a path cannot hold a NUL character"),
    Case("hostile_files", 'wecb.loads(essex_with("projects[5].lines", [{}] * 100_000, "json"), '
         '"json")', E.LoadError, "- ... and 100 more problems); checking stopped at 100 entries "
         "with problems: 99,900 more list items were not checked"),
    Case("hostile_files", 'wecb.loads(essex_with("projects[5].lines", [{"nature": "cost", '
         '"payer": "nobody", "amounts": {"2013/14": "£1.00"}}] * 1000))', E.LoadError,
         "- ... and 900 more problems)"),
    Case("hostile_files", 'wecb.loads("[" + "{}," * 3_000_000 + "{}]", "json")', E.LoadError,
         "the text holds more than 2,097,152 values; the limit is one per 32 bytes of "
         "max_bytes=67,108,864: pass a larger max_bytes if it is trusted"),
    Case("hostile_files", 'wecb.io.parse_csv("project\\n" + "x\\n" * 1_100_000)', E.ParseError,
         "the text holds more than 2,097,152 cells and records (counting every comma and line "
         "end)"),
    Case("hostile_files", 'wecb.loads(essex_with("format_version", "9" * 10**7, "json"), '
         '"json")', E.LoadError, "9999... (10,000,000 characters); supported versions: 1"),
    Case("hostile_files", 'wecb.loads(essex_with("place", "Essex \\ud800", "json"), "json")',
         E.LoadError, "field 'place': 'Essex \\ud800' holds a lone surrogate (from a \\u "
         "escape), which is not text any file can hold"),
    Case("hostile_files", 'wecb.loads(essex_with("place", "Essex \\ud800"))', E.LoadError,
         "file '<string>': line 4, column 16: '\\ud800' in 'place = \"Essex \\ud800\"': a lone "
         "surrogate is not text any file can hold"),
    Case("hostile_files", """wecb.io.parse_json('[{"label": "\\\\ud800"}]')""", E.ParseError,
         "JSON value [0]['label']: '\\ud800' holds a lone surrogate"),
    # -- workbooks (wecb.io.read_workbook): template_with edits the template as a person would
    Case("workbook", 'template_with(merge="Partners!A2:B2")', E.WorkbookError,
         "sheet 'Partners', row 2: cells A2:B2 are merged; unmerge them"),
    Case("workbook", 'template_with({"Lines!N2": "=100000+20000"})', E.WorkbookError,
         "the cell holds the formula =100000+20000 with no value saved with it"),
    Case("workbook", 'cached_formula("Lines!N2", "0.1+0.2", "0.30000000000000004")',
         E.WorkbookError, "the cell holds the number 0.30000000000000004 (from the formula "
         "=0.1+0.2), which is not an amount to the penny as typed"),
    Case("workbook", 'cached_formula("Lines!N2", "100000+20000", "120000")', None,
         "<Programme 'Example Community Budget' (Example County): 3 partners"),
    Case("workbook", 'template_with({"Lines!N1": datetime.datetime(2014, 4, 1)})',
         E.WorkbookError, "the header is a date, datetime.datetime(2014, 4, 1, 0, 0), not a "
         "financial year"),
    Case("workbook", 'template_with({"Periods!C2": datetime.datetime(2015, 4, 1)})',
         E.WorkbookError, "column 'after' (C): the cell holds a date or time"),
    Case("workbook", 'template_with(blank_row="Partners!3")', E.WorkbookError,
         "sheet 'Partners', row 3: row 3 is blank, inside the table"),
    Case("workbook", 'template_with({"Partners!A3": "council"})', E.WorkbookError,
         "column 'key' (A): duplicate key 'council' (first at row 2)"),
    Case("workbook", 'template_with(delete_sheet="Domains")', E.WorkbookError,
         "sheet 'Domains': the sheet 'Domains' is missing"),
    Case("workbook", 'template_with(rename=("Domains", "Domain"))', E.WorkbookError,
         "the sheet 'Domains' is missing (is 'Domain' it, renamed?)"),
    Case("workbook", 'template_with({"Partners!E1": "colour"})', E.WorkbookError,
         "unknown column 'colour'; the columns of this sheet are 'key', 'name', 'kind'"),
    Case("workbook", 'template_with({"Team plans!C2": "eight"})', E.WorkbookError,
         "column 'teams' (C): the cell holds the text 'eight'; expected a whole number"),
    Case("workbook", 'template_with({"Lines!G2": "councill"})', E.WorkbookError,
         "sheet 'Lines', row 2, column 'payer' (G): unknown partner 'councill'"),
    Case("workbook", """template_with({"Lines!N1": "2014/15 (£'000)", "Lines!N2": 1.000001})""",
         E.WorkbookError, "which is not an amount in £'000 to the penny as typed"),
    Case("workbook", """template_with({"Lines!N1": "2014/15 (£'000)", "Lines!N2": 120})""",
         None, "<Programme 'Example Community Budget' (Example County): 3 partners"),
    Case("workbook", "not_a_workbook()", E.LoadError,
         "not a workbook: an .xlsx file is a zip archive, and this file is not one"),
    Case("workbook", "zip_bomb(20)", E.LoadError,
         "more than the 200 times a sheet of data is: refused as a zip bomb"),
)  # fmt: skip


# -- the names the expressions use ---------------------------------------------------------


def _steps(path: str) -> list[str | int]:
    return [
        int(s[1:-1]) if s.startswith("[") else s for s in re.findall(r"\[\d+\]|[^.\[\]]+", path)
    ]


@functools.cache
def _essex_document() -> dict[str, Any]:
    import wecb  # noqa: PLC0415

    document: dict[str, Any] = json.loads(wecb.dumps(wecb.datasets.essex_2012(), "json"))
    return document


def essex_with(path: str, value: object, fmt: str = "toml") -> str:
    """The Essex 2012 file with the value at ``path`` (``"projects[0].table.net_total"``)
    set to ``value``, as TOML or JSON text."""
    document = copy.deepcopy(_essex_document())
    *head, last = _steps(path)
    node: Any = document
    for step in head:
        node = node[step]
    node[last] = value
    return tomli_w.dumps(document) if fmt == "toml" else json.dumps(document)


def essex_without(path: str, fmt: str = "toml") -> str:
    """The Essex 2012 file with the field at ``path`` removed."""
    document = copy.deepcopy(_essex_document())
    *head, last = _steps(path)
    node: Any = document
    for step in head:
        node = node[step]
    del node[last]
    return tomli_w.dumps(document) if fmt == "toml" else json.dumps(document)


def printed(text: str, command: str, *options: str) -> str:
    """What ``wecb COMMAND FILE OPTIONS`` prints (standard output, then standard error) for a
    programme file holding the TOML ``text``."""
    import contextlib  # noqa: PLC0415
    import io  # noqa: PLC0415
    import tempfile  # noqa: PLC0415

    from wecb.cli import main  # noqa: PLC0415

    out, err = io.StringIO(), io.StringIO()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "programme.toml"
        path.write_text(text, encoding="utf-8")
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            main([command, str(path), *options])
    return out.getvalue() + err.getvalue()


def command(*args: str, env: dict[str, str] | None = None, close_stdout: bool = False) -> str:
    """The exit status of ``python -m wecb ARGS`` run with the environment variables ``env``
    added (or with standard output closed), the first line of its standard output (and the
    first holding an escape), and the last line of its standard error."""
    import os  # noqa: PLC0415
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    done = subprocess.run(
        [sys.executable, "-m", "wecb", *args],
        capture_output=not close_stdout,
        stderr=subprocess.PIPE if close_stdout else None,
        env={**os.environ, **(env or {})},
        preexec_fn=(lambda: os.close(1)) if close_stdout else None,
        check=False,
        timeout=120,
    )
    out = (done.stdout or b"").decode("ascii", "backslashreplace").splitlines()
    err = done.stderr.decode("ascii", "backslashreplace").splitlines()
    shown = out[:1] + [line.strip() for line in out if "\\x" in line][:1]
    return (
        f"exit {done.returncode}; stdout: {' | '.join(shown) or '(nothing)'}; "
        f"stderr: {' | '.join(err[-1:]) or '(nothing)'}"
    )


@functools.cache
def namespace() -> dict[str, Any]:
    """The names the cases' expressions use (``wecb.loads`` reads TOML unless told)."""
    from decimal import Decimal  # noqa: PLC0415

    import numpy  # noqa: PLC0415

    import wecb  # noqa: PLC0415
    from wecb import FinancialYear, Money, OpenPeriod, units  # noqa: PLC0415
    from wecb.appraisal.cohorts import CohortWave  # noqa: PLC0415

    essex = wecb.datasets.essex_2012()
    return {
        "wecb": _TomlByDefault(wecb),
        "Money": Money,
        "Decimal": Decimal,
        "FinancialYear": FinancialYear,
        "OpenPeriod": OpenPeriod,
        "CohortWave": CohortWave,
        "units": units,
        "ESSEX": essex,
        "ESSEX_TOML": wecb.dumps(essex, "toml"),
        "ESSEX_JSON": wecb.dumps(essex, "json"),
        "essex_with": essex_with,
        "essex_without": essex_without,
        "printed": printed,
        "command": command,
        "np": numpy,
        **_workbook_names(),
    }


def _workbook_names() -> dict[str, Any]:
    """The names of the workbook cases (``spreadsheet_samples`` beside this file)."""
    import datetime  # noqa: PLC0415

    import spreadsheet_samples  # noqa: PLC0415

    names = ("cached_formula", "not_a_workbook", "template_with", "zip_bomb")
    return {"datetime": datetime} | {n: getattr(spreadsheet_samples, n) for n in names}


class _TomlByDefault:
    """``wecb`` with ``loads(text)`` reading TOML when no format is given, to keep the
    expressions short."""

    def __init__(self, module: Any) -> None:
        self._module = module

    def __getattr__(self, name: str) -> Any:
        return getattr(self._module, name)

    def loads(self, text: str, fmt: str = "toml", **options: Any) -> Any:
        return self._module.loads(text, fmt, **options)


def evaluate(case: Case) -> Any:
    """Run the case's expression in :func:`namespace`."""
    return eval(case.code, namespace())


# -- the page ----------------------------------------------------------------------------


def _raised(error: type[errors.WecbError] | None) -> str:
    if error is None:
        return "accepted, exactly"
    builtin = next(c for c in error.__mro__ if c.__module__ == "builtins" and c is not object)
    return f":class:`~wecb.errors.{error.__name__}` ({builtin.__name__})"


def _literal(text: str) -> str:
    # An inline literal cannot start or end with a space, nor hold a backquote pair.
    assert "``" not in text, text
    return f"``{text}``"


def render() -> str:
    """The reStructuredText of ``docs/bad-inputs.rst``."""
    lines = [
        ".. This page is generated from tests/bad_inputs.py by running",
        "   `.venv/bin/python tests/bad_inputs.py`; tests/test_bad_inputs.py runs every row",
        "   and fails when this page differs from the list. Edit the list, not the page.",
        "",
        "Bad inputs and the errors they get",
        "==================================",
        "",
        "wecb never guesses: input it cannot take exactly raises an error whose class says",
        "what went wrong and whose message names the value, the place (file, entry and",
        "field for programme files) and what would have been accepted. Every error is a",
        ":class:`~wecb.errors.WecbError`; where Python convention expects a built-in type as",
        "well (a float as money is a ``TypeError``, a malformed value a ``ValueError``) the",
        "class inherits from it too. Each row below is a test.",
        "",
        "In the expressions, ``ESSEX`` is ``wecb.datasets.essex_2012()``; ``ESSEX_TOML`` and",
        "``ESSEX_JSON`` are its file text (``wecb.dumps``); ``essex_with(path, value)`` is",
        "that TOML text with the value at ``path`` replaced (``essex_with(path, value,",
        '"json")`` for JSON) and ``essex_without(path)`` with the field removed;',
        "``wecb.loads(text)`` reads TOML; ``units`` is ``wecb.units`` and ``CohortWave``",
        "comes from ``wecb.appraisal.cohorts``. ``printed(text, command)`` is what",
        "``wecb command FILE`` prints for a programme file holding ``text``;",
        "``command(*args)`` runs ``python -m wecb ARGS`` and gives its exit status and output",
        "(``env`` adds environment variables, ``close_stdout`` closes its standard output).",
        "``np`` is",
        "numpy.",
        "",
    ]
    for topic, title in TOPICS.items():
        lines += [title, "-" * len(title), ""]
        lines += [
            ".. list-table::",
            "   :header-rows: 1",
            "   :widths: 45 20 35",
            "",
            "   * - Input",
            "     - Raises",
            "     - Message (excerpt)",
        ]
        for case in CASES:
            if case.topic != topic:
                continue
            lines += [
                f"   * - {_literal(case.code)}",
                f"     - {_raised(case.error)}",
                f"     - {_literal(case.excerpt)}",
            ]
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    PAGE.write_text(render(), encoding="utf-8")
    print(f"wrote {PAGE} ({len(CASES)} cases)")
