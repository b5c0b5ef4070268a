"""Cost-benefit tables as CSV, in the layout the business cases publish.

Each Essex business case publishes one table in £'000 under two group headings::

    Costs                                                Net Benefits
    To Mar '13  To Mar '14  Further Implementation       Cashable  Non-Cashable  Total
    716         946         3,081                        -87,587   0             -87,587

A tables CSV holds one such table per project, one row each, under a single header row
whose names read as the published ones with their group put in front:

==========================================  ====================================
column                                      :class:`~wecb.model.tables.CostBenefitTable`
==========================================  ====================================
``Project``                                 the project's key
``Costs To Mar '13 £'000``                  ``costs_to_mar_2013``
``Costs To Mar '14 £'000``                  ``costs_to_mar_2014``
``Costs Further Implementation £'000``      ``costs_further_implementation``
``Net Cashable £'000``                      ``net_cashable``
``Net Non-Cashable £'000``                  ``net_non_cashable``
``Net Total £'000``                         ``net_total``
==========================================  ====================================

Writing (:func:`tables_to_csv`, :func:`write_tables_csv`):

* Figures are written as published: thousands, with the published sign (``-87,587``),
  grouped with commas (so the CSV quotes them: ``"3,081"``, which spreadsheets read as
  the number 3081). ``grouped=False`` writes them plain (``3081``) for tools that do not
  read grouping. A figure with digits below a thousand keeps them all (``1.2345`` is
  £1,234.50): nothing is ever rounded.
* The file is RFC 4180 CSV (CRLF line ends, UTF-8), written by
  :func:`wecb.io.rows.to_csv` (atomically by :func:`write_tables_csv`), whose safe cells
  put a quote before a key a spreadsheet would run as a formula (``'=x``; never a
  programme's key); the reader takes it off again.
* Tables in another currency are headed with its code (``Net Total EUR'000``); all the
  tables of one file share a currency.
* Only the six published figures are written. A table's ``source``, ``benefit_period``,
  ``non_cashable_value_type`` and ``value_type_note`` are not part of the layout (a
  programme file keeps them), so tables read back have the defaults (their non-cashable
  benefit unclassified). A table whose cost columns are not the
  published periods (``To Mar '13``, ``2013/14``, further implementation) is refused with
  :class:`~wecb.errors.ExportError` rather than written under the wrong headings.

Reading (:func:`parse_tables_csv`, :func:`read_tables_csv`) accepts:

* the header written here; the published column names (``To Mar '13 £'000`` ...
  ``Total £'000``), optionally under a first row of group headings (``Costs``,
  ``Net Benefits``); or the attribute names (``net_total (£'000)``). Names are matched
  ignoring case, runs of spaces and curly quotes; each must end with its unit
  (``£'000``, ``£000``, ``EUR'000``, optionally in parentheses), because a figure is read
  in thousands only under a heading that says so. The project column is ``Project``.
  Columns may come in any order; unknown, repeated or missing columns are errors, but a
  column with a blank heading (the empty trailing columns spreadsheets write) is ignored
  as long as its cells are blank too.
* figures as :meth:`Money.from_thousands <wecb.core.money.Money.from_thousands>` reads them:
  ``3,081``, ``3081``, ``-944``, ``(944)``, ``1.5``. A blank figure is an error, never
  zero. Rows with every cell blank are skipped.
* totals that do not add up: ``net_cashable + net_non_cashable == net_total`` is *not*
  enforced, so a table is read as published and :meth:`CostBenefitTable.check
  <wecb.model.tables.CostBenefitTable.check>` reports the discrepancy. Figures that break the
  tables' sign convention (a negative cost, a positive non-cashable column) are refused,
  as :class:`~wecb.model.tables.CostBenefitTable` refuses them.

Every problem raises :class:`~wecb.errors.LoadError` naming the file (``path``), the line
(``entry``, such as ``"line 3"``) and the column's heading as written (``field``), with
the column's number and the value in the message; never a bare ``csv.Error`` or
``ValueError``.

The headings (``PROJECT_HEADING``, ``HEADINGS``, ``PUBLISHED_HEADINGS``) and the
reading of a header row and the rows under it live in the private ``wecb.io._headings``
(moved there from this module, which re-exports the headings).

>>> from wecb.datasets import essex_2012
>>> print(tables_to_csv(essex_2012()).replace("\\r\\n", "\\n"), end="")
Project,Costs To Mar '13 £'000,Costs To Mar '14 £'000,Costs Further Implementation £'000,\
Net Cashable £'000,Net Non-Cashable £'000,Net Total £'000
FBC1,716,946,"3,081","-87,587",0,"-87,587"
FBC2,147,155,795,"1,097","-151,406","-150,309"
FBC3,189,328,0,517,"-25,174","-24,657"
FBC4,260,398,"21,012",-944,"-4,695","-5,639"
FBC5,117,70,"23,276","-32,790",0,"-32,790"

The published header reads too, accounting negatives included:

>>> published = '''Project,To Mar '13 £'000,To Mar '14 £'000,Further Implementation £'000,\\
... Cashable £'000,Non-Cashable £'000,Total £'000
... FBC4,260,398,"21,012",(944),"(4,695)","(5,639)"
... '''
>>> parse_tables_csv(published)["FBC4"].net_cashable
Money('-944000', 'GBP')
>>> parse_tables_csv(published.replace("(944)", ""))
Traceback (most recent call last):
...
wecb.errors.LoadError: file '<string>', entry 'line 2', field "Cashable £'000": column 5 is \
blank: ...
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from wecb.core.money import Money
from wecb.errors import (
    ExportError,
    LoadError,
    ParseError,
    WecbTypeError,
    excerpt,
)
from wecb.io._convert import table_unit, thousands_text
from wecb.io._formulas import restored
from wecb.io._headings import (
    HEADINGS,
    PROJECT_HEADING,
    PUBLISHED_HEADINGS,
    Columns,
    is_group_row,
)
from wecb.io._reading import (
    DEFAULT_MAX_BYTES,
    check_reader_text,
    csv_lines,
    file_name,
    read_text,
)
from wecb.io.rows import to_csv, write_csv
from wecb.model.programme import Programme
from wecb.model.table_periods import DEFAULT_COST_PERIODS
from wecb.model.tables import PUBLISHED_COLUMNS, CostBenefitTable

__all__ = [
    "HEADINGS",
    "PROJECT_HEADING",
    "PUBLISHED_HEADINGS",
    "header",
    "parse_tables_csv",
    "read_tables_csv",
    "tables_to_csv",
    "write_tables_csv",
]


def header(currency: str = "GBP") -> tuple[str, ...]:
    """The header row written for tables in ``currency``.

    >>> header()[:2], header("EUR")[-1]
    (('Project', "Costs To Mar '13 £'000"), "Net Total EUR'000")
    """
    unit = table_unit(currency)
    return (PROJECT_HEADING, *(f"{HEADINGS[f]} {unit}" for f in PUBLISHED_COLUMNS))


# -- writing ---------------------------------------------------------------------------------


def _tables_of(tables: Programme | Mapping[str, CostBenefitTable]) -> dict[str, CostBenefitTable]:
    if isinstance(tables, Programme):
        return {p.key: p.table for p in tables.projects if p.table is not None}
    if not isinstance(tables, Mapping):
        raise WecbTypeError(
            "expected a Programme or a mapping of project key to CostBenefitTable, got "
            f"{type(tables).__name__}"
        )
    out: dict[str, CostBenefitTable] = {}
    for key, table in tables.items():
        if not isinstance(key, str) or not key.strip() or key != key.strip():
            raise ExportError(
                f"project key {key!r} cannot be written: a key is text with no blank at "
                "either end (it would not read back the same)"
            )
        if not isinstance(table, CostBenefitTable):
            raise WecbTypeError(
                f"the table of {key!r} is {type(table).__name__}, not a CostBenefitTable"
            )
        out[key] = table
    return out


def _figure_text(money: Money, grouped: bool) -> str:
    text = thousands_text(money)
    return text if grouped else text.replace(",", "")


def _rows(
    tables: Programme | Mapping[str, CostBenefitTable], grouped: bool
) -> tuple[tuple[str, ...], list[dict[str, str]]]:
    found = _tables_of(tables)
    currencies = sorted({t.currency for t in found.values()})
    if len(currencies) > 1:
        raise ExportError(
            f"the tables mix currencies ({', '.join(currencies)}): a tables CSV states one "
            "unit in its header, so write each currency to its own file"
        )
    names = header(currencies[0] if currencies else "GBP")
    rows: list[dict[str, str]] = []
    for key, table in found.items():
        if table.cost_periods != DEFAULT_COST_PERIODS:
            periods = ", ".join(str(p) for p in table.cost_periods)
            raise ExportError(
                f"the table of {key!r} has its costs in {periods}, not in the published "
                "columns (To Mar '13, 2013/14, further implementation); it cannot be written "
                "under their headings: save the programme file, or export its cash flows"
            )
        row = {PROJECT_HEADING: key}
        for name, figure in zip(names[1:], PUBLISHED_COLUMNS, strict=True):
            row[name] = _figure_text(getattr(table, figure), grouped)
        rows.append(row)
    return names, rows


def tables_to_csv(
    tables: Programme | Mapping[str, CostBenefitTable], *, grouped: bool = True
) -> str:
    """The tables of a programme's projects (those with one), or of a mapping of project key
    to table, as CSV text in the published layout (see the module notes).

    >>> from wecb.model.tables import CostBenefitTable
    >>> table = CostBenefitTable.from_thousands(
    ...     costs_to_mar_2013="1.5", costs_to_mar_2014=0, costs_further_implementation=0,
    ...     net_cashable="-1,000.5", net_non_cashable=0, net_total="-1,000.5")
    >>> tables_to_csv({"pilot": table}, grouped=False).splitlines()[1]
    'pilot,1.5,0,0,-1000.5,0,-1000.5'
    """
    names, rows = _rows(tables, grouped)
    return to_csv(rows, columns=names)


def write_tables_csv(
    tables: Programme | Mapping[str, CostBenefitTable],
    path: str | os.PathLike[str],
    *,
    grouped: bool = True,
) -> Path:
    """Write :func:`tables_to_csv` to ``path`` (UTF-8) atomically, as
    :func:`~wecb.io.rows.write_csv` does; returns the path."""
    names, rows = _rows(tables, grouped)
    return write_csv(rows, path, columns=names)


# -- reading ---------------------------------------------------------------------------------


def read_tables_csv(
    path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> dict[str, CostBenefitTable]:
    """The tables in the CSV file at ``path``, by project key, in file order.

    The file is read as a programme file is (see :func:`~wecb.io.files.load`): files that
    are missing, unreadable, not regular files or over ``max_bytes`` are refused before they
    are read. See :func:`parse_tables_csv`.
    """
    name = file_name(path)
    text = read_text(name, max_bytes, hint="; save it as 'CSV UTF-8'")
    return parse_tables_csv(text, name=name, max_bytes=max_bytes)


def parse_tables_csv(
    text: str, *, name: str = "<string>", max_bytes: int = DEFAULT_MAX_BYTES
) -> dict[str, CostBenefitTable]:
    """The tables in CSV ``text``, by project key, in the order given.

    ``name`` stands for the file in error messages. Raises :class:`~wecb.errors.LoadError`
    naming the file, line and column for any problem (see the module notes), and for text
    over ``max_bytes``, over the values those allow, or holding a lone surrogate.
    """
    if not isinstance(text, str):
        raise LoadError(f"expected the file's text as str, got {type(text).__name__}", path=name)
    try:
        check_reader_text(text, "csv", max_bytes)
    except ParseError as exc:
        raise LoadError(str(exc), path=name) from None
    text = text.removeprefix("\ufeff")  # a byte order mark, as spreadsheets write
    columns: Columns | None = None
    tables: dict[str, CostBenefitTable] = {}
    first_line: dict[str, int] = {}
    try:
        for line, record in csv_lines(text):
            if all(not cell.strip() for cell in record):
                continue
            if columns is None:
                if is_group_row(record):
                    continue  # the published group headings above the column names
                columns = Columns.of(record, line, name)
                continue
            key, table = columns.table(record, line)
            key = restored(key)  # the quote the writer put before a formula-like key
            if key in tables:
                raise LoadError(
                    f"project {excerpt(key)} is listed twice (first on line {first_line[key]})",
                    path=name,
                    entry=f"line {line}",
                    field=columns.headings[columns.project],
                )
            tables[key] = table
            first_line[key] = line
    except ParseError as exc:  # the csv module's own errors, already naming the line
        raise LoadError(str(exc), path=name) from None
    if columns is None:
        raise LoadError(
            f"no header row: expected {PROJECT_HEADING!r} and the six figures' headings, "
            f"e.g. {', '.join(map(repr, header()[1:]))}",
            path=name,
        )
    return tables
