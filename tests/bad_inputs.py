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
