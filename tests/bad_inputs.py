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
    "huge": "Huge amounts",
    "precise": "Over-precise amounts",
    "limits": "Untrusted files: limits",
    "appraisal": "Appraisal: keys that name nothing, unclassified benefits",
    "exports": "Exported rows: assumption records",
    "funding": "Funding streams that do not hold",
    "value_types": "Value types and cashability, never guessed",
    "filters": "Rollup and who-pays filters: ambiguous filters and keys that name nothing",
    "assumed": "Assumptions handed to a result",
}

E = errors
CASES: tuple[Case, ...] = (
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
    Case("version", 'wecb.loads(essex_with("format_version", 2))', E.LoadError,
         "format version 2 is newer than this wecb reads (supported versions: 1)"),
    Case("version", 'wecb.loads(essex_with("format_version", 0))', E.LoadError,
         "unknown format version 0; supported versions: 1"),
    Case("version", 'wecb.loads(essex_with("format_version", "1"))', E.LoadError,
         "format_version must be a whole number, got '1'"),
    Case("version", 'wecb.loads(essex_without("format_version"))', E.LoadError,
         "the header field 'format_version' is missing"),
    Case("version", 'wecb.loads(essex_with("format", "wecb.budget"))', E.LoadError,
         "the header field 'format' is 'wecb.budget'"),
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
         "(the default: unclassified benefits on their own row, outside the fiscal case"),
    Case("appraisal", 'wecb.appraisal.Selector(categories="unclassified")', E.AppraisalError,
         "'unclassified' is both a cost whose type is not given and a benefit whose value "
         "type is not given; add nature='cost' for the costs, or nature='benefit'"),
    Case("appraisal", "wecb.appraisal.Selector(cashable=True)", E.AppraisalError,
         "cashable means a cash outlay for a cost and a cash-releasing saving for a benefit; "
         "add nature='cost' for the costs, or nature='benefit' for the benefits"),
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
    Case("funding", 'wecb.loads(essex_with("projects[5].flows", [{"amount": "£8,000,000.00", '
         '"nature": "cost", "period": "2013/14", "stream": "wecb_underspend"}]))', E.LoadError,
         "funding_streams['wecb_underspend']: overdrawn: costs drawn over all its periods are "
         "£8,000,000.00, more than the £600,000.00 available (£600,000.00 in total); drawn by "
         "projects['strengthening_communities'].flows[0]"),
    Case("funding", 'wecb.loads(essex_with("projects[1].flows", [{"amount": "£250,000,000.00", '
         '"nature": "cost", "period": "2013/14", "stream": "skills_funding"}]))', E.LoadError,
         "costs drawn in 2013/14 are £250,000,000.00, more than the £200,000,000.00 available "
         "(approximately £200,000,000.00 a year)"),
    Case("funding", 'wecb.loads(essex_with("projects[5].flows", [{"amount": "£1.00", '
         '"nature": "cost", "period": "2013/14", "stream": "pct_cluster"}]))', E.LoadError,
         "a cost in 2013/14 draws on stream 'pct_cluster', which covers only Until 2011-12; "
         "list 2013/14 in the stream's periods, or draw the cost on another stream"),
    Case("funding", 'wecb.loads(essex_with("projects[1].flows", [{"amount": "£900,000,000.00", '
         '"nature": "cost", "period": "further_implementation", "stream": "skills_funding"}]))',
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
    Case("value_types", 'wecb.loads(essex_with("projects[5].flows", [{"amount": "£10.00", '
         '"nature": "benefit", "period": "2013/14"}]))', E.LoadError,
         "field 'flows[0].value_type': required for a benefit: one of 'fiscal', 'economic', "
         "'social', or 'unclassified' when the source does not say which; wecb 0.1.0 read a "
         "missing value_type as 'fiscal': set value_type to \"fiscal\" to keep that reading "
         "(and 1 more problem:"),
    Case("value_types", 'wecb.loads(essex_with("projects[5].flows", [{"amount": "£10.00", '
         '"nature": "benefit", "period": "2013/14", "value_type": "fiscal"}]))', E.LoadError,
         "field 'flows[0].cashable': required for a fiscal benefit: true if the saving releases "
         "cash from a budget, false if not (such as freed capacity or avoided demand); wecb "
         "0.1.0 read a missing cashable as true: set cashable to true to keep that reading"),
    Case("value_types", 'wecb.loads(essex_with("projects[5].flows", [{"amount": "£10.00", '
         '"nature": "benefit", "period": "2013/14", "value_type": "economic", '
         '"cashable": True}]))', E.LoadError, "field 'flows[0].cashable': CashFlow.cashable: "
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


@functools.cache
def namespace() -> dict[str, Any]:
    """The names the cases' expressions use (``wecb.loads`` reads TOML unless told)."""
    from decimal import Decimal  # noqa: PLC0415

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
    }


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
        "comes from ``wecb.appraisal.cohorts``.",
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
