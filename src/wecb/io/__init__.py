"""Programme files: a documented, versioned format in TOML (for people) and JSON (for tools).

A programme file is the plain form of a :class:`~wecb.model.programme.Programme` under a two-field
header. In TOML::

    format = "wecb.programme"
    format_version = 2
    name = "Whole Essex Community Budget"
    place = "Greater Essex"

    [[periods]]                       # open periods, defined once, referred to by key
    key = "further_implementation"
    label = "Further implementation"
    after = "2013/14"

    [[partners]]
    key = "ecc"
    name = "Essex County Council"
    kind = "county_council"

    [[funding_streams]]
    key = "pct_cluster"
    name = "NHS North Essex PCT cluster contribution"
    funder = "north_essex_pct_cluster"
    arrangement = "aligned"
    amount = "£95,000.00"             # money as text: every digit, its currency
    basis = "per_year"

    [[projects]]
    key = "FBC3"
    title = "Reducing Reoffending"
    domain = "community_safety"
    stage = "full_business_case"

    [projects.table]                  # the cost-benefit table, as published
    unit = "£'000"
    costs_to_mar_2013 = "189"
    costs_to_mar_2014 = "328"
    costs_further_implementation = "0"
    net_cashable = "517"
    net_non_cashable = "-25,174"
    net_total = "-24,657"
    non_cashable_value_type = "unclassified"   # the default: the source does not split it
    value_type_note = "..."           # why the benefits have the value types they have

    [[projects.lines]]                # further cash flows: a line's attributes once,
    nature = "cost"                   # its amounts by period (a financial year, or an
    payer = "ecc"                     # open period's key), each period once
    cost_type = "revenue"
    amounts = { "2014/15" = "£1,000.00", "2015/16" = "£1,200.00" }

    [[projects.lines]]
    nature = "benefit"
    value_type = "fiscal"             # every benefit: fiscal, economic, social, unclassified
    cashable = false                  # every fiscal benefit: does it release cash?
    first = "2015/16"                 # or: consecutive financial years from 'first'
    amounts = ["£5,000.00", "£6,000.00", "£6,000.00"]

Lines: a line is read as one :class:`~wecb.model.cashflows.CashFlow` per amount, in the
order written (a line's attributes are every field of a cash flow but ``amount`` and
``period``); a line with no amount, a period twice (``"2014/15"`` and ``"2014-15"``, or a
duplicate key), ``first`` with amounts by period, or a list without ``first`` is refused.
Writing groups consecutive flows whose attributes are equal and whose periods differ into
one line, always as amounts by period, so that a programme survives the round trip flow for
flow, in order. A project's business-as-usual flows (``Project.counterfactual``) are lines
too, under ``[[projects.counterfactual]]``.

The JSON form is the same data as one object. Field names are the model's attribute
names (``lines`` holds ``Project.flows``); values are as :mod:`wecb.io._convert` describes
(money as text, ``Decimal`` as text, financial years as ``"2012/13"``, enumerations by
value, defaults left out). The JSON Schema, of both versions, is ``programme.schema.json``
beside this module (:func:`schema` reads it).

Value types are never guessed: every benefit states its ``value_type`` and every fiscal
benefit its ``cashable`` (a benefit that is not fiscal is never cashable). A file written
for wecb 0.1.0, which read a benefit with no value type as fiscal and one with no
``cashable`` as cashable, is refused with every such entry listed; add
``value_type = "fiscal"`` and ``cashable = true`` to keep 0.1.0's reading. A table's
non-cashable benefit with no ``non_cashable_value_type`` is now unclassified (0.1.0: fiscal).
:func:`migrate` (``wecb migrate FILE``) writes 0.1.0's readings into a file for you and
lists each one, so that they can be reviewed and corrected.

Versions: this wecb writes ``format_version = 2`` (:data:`FORMAT_VERSION`) and reads the
versions in :data:`SUPPORTED_VERSIONS`, ``(1, 2)``; a missing, unknown or newer version is
refused with a :class:`~wecb.errors.LoadError` that lists the supported versions. Version 1
differs only in a project's cash flows: ``[[projects.flows]]``, one record per amount with
its ``amount`` and ``period`` (and no ``counterfactual``). It is read as it stands (each
record one flow), and :func:`migrate` (``wecb migrate FILE [-o OUT]``) rewrites it as
version 2, which loads equal. Version 2 refuses, naming them, two names it keeps, "reserved
for ... (not read by this version of wecb)": in a project ``milestones`` (a project's
milestones are the programme's ``[[milestones]]`` with ``project`` set to its key) and in
a line ``key`` (actuals name a line by its label).

Asks of government: top-level ``[[asks]]`` (``key``, ``project``, ``text`` verbatim,
``kind``, ``status``, ``addressed_to`` partner keys of Whitehall departments or national
agencies, ``source``; see :mod:`wecb.model.asks`); a line names the asks its amounts depend
on in ``requires = ["FBC1_ask_1"]``. A version 2 project may not hold ``asks`` (version 1's
strings): loading a version 1 file moves them to the register (key ``<project>_ask_<n>``,
kind ``other``, status ``asked``, the project's source), and :func:`migrate` lists each move.

Decisions and milestones: a project's gate decisions are ``[[projects.decisions]]``
(``gate``, ``date = "2012-10-30"``, ``decided_by``, ``outcome``, ``conditions``, an optional
``table`` put to the decision, ``source``); milestones are top-level ``[[milestones]]``
(``key``, ``label``, ``date`` as precise as the source, ``"2012-10"`` or ``"2012"``, and
``until`` or ``onwards``, ``project``, ``note``, ``source``).

Actuals: realised amounts are top-level ``[[actuals]]`` (``project``, ``line``, the label of
the project's cash flows, ``year = "2014/15"``, ``amount``, ``as_at = "2015-05-31"``,
``source``; see :mod:`wecb.model.actuals`), or a sidecar CSV file or workbook that
:func:`read_actuals` reads (:mod:`wecb.io.actuals`).

Large programmes: ``save(programme, "p.parquet")`` and ``load("p.parquet")`` keep the
cash flows as Parquet columns (extra ``parquet``; money as exact ``decimal128``) and the
rest of the programme as the plain form above in the file's metadata (see
:mod:`wecb.io.files`). A programme read from any file holds its lines as columns, so that
rollups read them without a cash-flow object each.

Untrusted files: loading never executes anything (TOML and JSON parsers only, no pickle,
no ``eval``); files over ``max_bytes`` (64 MiB by default) are refused before they are
read, and data nested deeper than ``max_depth`` (32) before any of it is turned into a model
object (a version 2 file's lines are checked line by line as they are read, each before it
is looked into, and a line too deep is named); unknown fields, floats where exact numbers
belong, NaN and duplicate JSON keys are refused.

Every reader (:func:`load`, :func:`migrate`, :func:`read_csv`, :func:`read_json`,
:func:`read_tables_csv`) bounds what a file may cost in memory and time as well as in bytes:

* only a regular file is read: a FIFO, a device (``/dev/zero``) or a directory is refused
  before it is opened for reading, and every ``OSError`` (a missing file, no permission, a
  NUL in the path) is a :class:`~wecb.errors.LoadError` naming the file;
* all share one size limit, ``max_bytes`` (64 MiB by default), which also limits the values
  a text may hold, counted before any is built: one per 32 bytes of ``max_bytes``
  (2,097,152 by default; CSV counts its commas and line ends), so that a file of tiny values
  such as ``[{},{},...]`` cannot take many times its size in memory. The ``parse_*``
  functions and :func:`loads` take ``max_bytes`` too;
* problems are collected up to :data:`~wecb.errors.MAX_PROBLEMS` (100) entries: then
  checking stops, the error counts the problems it does not list and the list items it
  did not check, and each value is quoted by an excerpt (:func:`~wecb.errors.excerpt`), so a
  file of a million bad entries gives a message of a few kilobytes;
* a lone surrogate (from a JSON ``\\ud800`` escape, or in text handed to :func:`loads` or
  a ``parse_*`` function), which no UTF-8 file can hold and so no writer could write back,
  is refused where it is read, with its place and value.

Cost-benefit tables alone, in the £'000 layout the business cases publish, go to and from
CSV with :func:`tables_to_csv`, :func:`write_tables_csv`, :func:`parse_tables_csv` and
:func:`read_tables_csv` (see :mod:`wecb.io.tables`).

Whole programmes also go to and from workbooks, one sheet per kind of thing and one
column per financial year on the Lines sheet: :func:`read_workbook` (an ``.xlsx`` file or
a folder of CSV files), :func:`write_workbook` and :func:`write_template` (see
:mod:`wecb.io.spreadsheets`).

Rows of results go out exactly to CSV and JSON and back (:mod:`wecb.io.rows`), to an
``.xlsx`` workbook (:func:`write_xlsx`, :mod:`wecb.io.workbooks`) and to pandas, Arrow and
polars frames with exact decimal money (:func:`to_pandas`, :func:`to_arrow`,
:func:`to_polars`, :mod:`wecb.io.frames`; every result has the same as methods).
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from wecb.io.actuals import read_actuals
from wecb.io.files import (
    FORMAT,
    FORMAT_VERSION,
    SUPPORTED_VERSIONS,
    Migration,
    dumps,
    load,
    loads,
    migrate,
    save,
)
from wecb.io.frames import to_arrow, to_pandas, to_polars
from wecb.io.rows import (
    parse_csv,
    parse_json,
    plain_cell,
    plain_rows,
    read_csv,
    read_json,
    to_csv,
    to_json,
    write_csv,
    write_json,
)
from wecb.io.spreadsheets import read_workbook, write_template, write_workbook
from wecb.io.tables import (
    parse_tables_csv,
    read_tables_csv,
    tables_to_csv,
    write_tables_csv,
)
from wecb.io.workbooks import write_xlsx

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "SUPPORTED_VERSIONS",
    "Migration",
    "dumps",
    "load",
    "loads",
    "migrate",
    "parse_csv",
    "parse_json",
    "parse_tables_csv",
    "plain_cell",
    "plain_rows",
    "read_actuals",
    "read_csv",
    "read_json",
    "read_tables_csv",
    "read_workbook",
    "save",
    "schema",
    "tables_to_csv",
    "to_arrow",
    "to_csv",
    "to_json",
    "to_pandas",
    "to_polars",
    "write_csv",
    "write_json",
    "write_tables_csv",
    "write_template",
    "write_workbook",
    "write_xlsx",
]


def schema() -> dict[str, Any]:
    """The JSON Schema of the programme file format, versions 1 and 2 (a new dict on each
    call): a version 2 project's cash flows are ``lines`` (``$defs/line``), a version 1
    project's are ``flows`` (``$defs/cash_flow``).

    >>> schema()["properties"]["format"]["const"]
    'wecb.programme'
    >>> schema()["properties"]["format_version"]["enum"]
    [1, 2]
    """
    text = resources.files(__package__).joinpath("programme.schema.json").read_text("utf-8")
    result: dict[str, Any] = json.loads(text)
    return result
