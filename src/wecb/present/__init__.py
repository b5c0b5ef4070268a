"""Presentation at the edge: text and HTML tables, exports, plots.

* :mod:`wecb.present.table`: :class:`~wecb.present.table.Table`, aligned plain text and
  HTML with scaled money, shared by the reprs of rollups, appraisals and reconciliations.
* :mod:`wecb.present.export`: rows to CSV, JSON, a pandas DataFrame (extra ``pandas``) or
  an ``.xlsx`` workbook (extra ``xlsx``), money exact.
* :mod:`wecb.present.plots`: matplotlib figures (extra ``plot``).

Nothing here imports pandas, openpyxl or matplotlib until a function that needs it runs.
"""

from __future__ import annotations

from wecb.present.export import (
    parse_csv,
    parse_json,
    plain_cell,
    plain_rows,
    read_csv,
    read_json,
    to_csv,
    to_dataframe,
    to_json,
    write_csv,
    write_json,
    write_xlsx,
)
from wecb.present.table import Column, Table, cell_text, records_of

__all__ = [
    "Column",
    "Table",
    "cell_text",
    "parse_csv",
    "parse_json",
    "plain_cell",
    "plain_rows",
    "read_csv",
    "read_json",
    "records_of",
    "to_csv",
    "to_dataframe",
    "to_json",
    "write_csv",
    "write_json",
    "write_xlsx",
]
