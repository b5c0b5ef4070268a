"""For human eyes only: the programme summary (:mod:`wecb.present.summary`),
matplotlib figures (:mod:`wecb.present.plots`, extra ``plot``) and the auditable appraisal
workbook (:mod:`wecb.present.appraisal_workbook`, extra ``xlsx``).

Tables are drawn by :mod:`wecb.core.table`; files are written by :mod:`wecb.io`.
Nothing here imports matplotlib until a plot function runs.
"""

from wecb.present.appraisal_workbook import write_appraisal_workbook
from wecb.present.summary import (
    flows_table,
    funding_table,
    programme_summary,
    projects_table,
    published_table,
    tables_table,
)

__all__ = [
    "flows_table",
    "funding_table",
    "programme_summary",
    "projects_table",
    "published_table",
    "tables_table",
    "write_appraisal_workbook",
]
