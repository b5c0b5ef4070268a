"""For human eyes only: the programme summary (:mod:`wecb.present.summary`) led by its
headline (:mod:`wecb.present.headline`),
matplotlib figures (:mod:`wecb.present.plots`, extra ``plot``), a self-contained HTML report to
hand round (:func:`programme_report`, :mod:`wecb.present.report`) and the auditable appraisal
workbook (:mod:`wecb.present.appraisal_workbook`, extra ``xlsx``).

Tables are drawn by :mod:`wecb.core.table`; files are written by :mod:`wecb.io`.
Nothing here imports matplotlib until a plot function runs.
"""

from wecb.present.appraisal_workbook import write_appraisal_workbook
from wecb.present.headline import (
    ProgrammeHeadline,
    ProgrammeSummary,
    programme_headline,
    summary_of,
)
from wecb.present.report import Report, programme_report
from wecb.present.summary import (
    flows_table,
    funding_table,
    programme_summary,
    projects_table,
    published_table,
    tables_table,
)

__all__ = [
    "ProgrammeHeadline",
    "ProgrammeSummary",
    "Report",
    "flows_table",
    "funding_table",
    "programme_headline",
    "programme_report",
    "programme_summary",
    "projects_table",
    "published_table",
    "summary_of",
    "tables_table",
    "write_appraisal_workbook",
]
