"""A report to hand round: the programme on one self-contained HTML page.

:func:`programme_report` gathers what the other commands show, one section each: the headline
figures, the tables (the rollup by domain, who pays and who benefits), the appraisal under
a stated phasing, the plots, the reconciliation against the published totals, every
assumption with its source, and the bibliography. The :class:`Report` it returns is a
value: :meth:`Report.to_html` gives the page, :meth:`Report.write` writes it (atomically,
as every wecb writer writes); ``print`` shows its tables as text, with their notes.

The page needs no network and runs no script: the plots are PNG images inside it, the
stylesheet too, and every name, label and note from the programme is escaped. Printed, each
section starts a new page and no table row is split.

>>> import wecb
>>> essex = wecb.datasets.essex_2012()
>>> page = programme_report(essex, plots=False)
>>> [s.heading for s in page.sections][:3]
['Headline figures', 'Tables', 'Appraisal']
>>> print(page.sections[2].paragraphs[0][:60])
Not appraised: no phasing stated. The programme's money sits
>>> page.to_html().startswith("<!DOCTYPE html>")
True

With a phasing (here the one the tutorial assumes), the appraisal and its headline follow:

>>> FY = wecb.FinancialYear
>>> phasing = wecb.appraisal.Phasing({
...     "to_mar_2013": {FY(2012): 1},
...     "further_implementation": dict.fromkeys(FY.range(FY(2014), FY(2016)), 1),
...     "appraisal_horizon": dict.fromkeys(FY.range(FY(2014), FY(2018)), 1),
... }, note="tutorial assumption")
>>> page = programme_report(essex, phasing=phasing, plots=False)
>>> page.headline("net present budget impact")
'£102.6m'
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from wecb.core._validators import check_instance, check_text, field, tuple_of, wrong_type
from wecb.core.assumptions import Assumption
from wecb.core.table import Table, Tabular
from wecb.model.programme import Programme
from wecb.present._report_html import page
from wecb.present._report_inputs import Inputs
from wecb.present._report_parts import Plot, Section, pairs, stated
from wecb.present._report_sections import build_sections

if TYPE_CHECKING:
    from wecb.appraisal import Appraisal, MonteCarloResult, Phasing
    from wecb.reconciliation import Reconciliation

__all__ = ["Plot", "Report", "Section", "programme_report"]


@attrs.frozen(kw_only=True)
class Report(Tabular):
    """A programme's report (``subject``): its sections in order, the headline figures by
    name, and every assumption of the results it shows (:meth:`assumptions`)."""

    title: str = attrs.field(validator=field(check_text))
    subject: str = attrs.field(validator=field(check_text))
    byline: str = attrs.field(validator=field(check_text))
    version: str = attrs.field(validator=field(check_text))
    sections: tuple[Section, ...] = attrs.field(
        validator=field(tuple_of(check_instance(Section, "a Section"), what="Section"))
    )
    figures: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=pairs)
    stated: tuple[Assumption, ...] = attrs.field(
        default=(),
        converter=stated,
        validator=field(tuple_of(check_instance(Assumption, "an Assumption"), what="Assumption")),
    )

    def assumptions(self) -> tuple[Assumption, ...]:
        """Every assumption of the results the report shows, once each (the section
        "Assumptions and sources" lists them with the result each belongs to)."""
        return self.stated

    def tables(self) -> tuple[Table, ...]:
        """Every table of every section, in order."""
        return tuple(table for section in self.sections for table in section.tables)

    def plots(self) -> tuple[Plot, ...]:
        """Every plot of every section, in order: the images on the page."""
        return tuple(plot for section in self.sections for plot in section.plots)

    def headline(self, name: str) -> str:
        """A headline figure as the page shows it, by name (``"net benefit"``)."""
        for key, value in self.figures:
            if key == name:
                return value
        known = ", ".join(key for key, _ in self.figures) or "none"
        from wecb.errors import UnknownKeyError  # noqa: PLC0415

        raise UnknownKeyError.not_accepted("Report.headline: name", name, f"one of: {known}")

    def to_html(self) -> str:
        """The report as one self-contained HTML page (no script, nothing fetched)."""
        return page(self.title, self.byline, self.version, self.sections)

    def write(self, path: str | os.PathLike[str]) -> Path:
        """Write the page to ``path`` (UTF-8), replaced whole or not at all; the path."""
        from wecb.io._atomic import checked_path, export_error, write_atomic  # noqa: PLC0415

        file = checked_path(path, export_error)
        return write_atomic(file, self.to_html().encode("utf-8"), error=export_error)

    def __repr__(self) -> str:
        counts = f"{len(self.sections)} sections, {len(self.plots())} plots"
        return f"<Report {self.title!r}: {counts}>"


def programme_report(
    programme: Programme,
    *,
    phasing: Phasing | None = None,
    appraisal: Appraisal | None = None,
    reconciliation: Reconciliation | None = None,
    sensitivity: MonteCarloResult | None = None,
    plots: bool = True,
    title: str | None = None,
) -> Report:
    """The report of ``programme``.

    * ``appraisal``: shown as it is; else the programme is appraised under ``phasing`` (the
      Green Book discount schedule, discounted to the first year phased or used, in that
      year's prices). Without a phasing a programme with open periods is not appraised, and
      the report says so; an appraisal that fails is reported with its reason.
    * ``reconciliation``: shown as it is (``wecb.reconcile(programme, claims)``); default:
      each published table's own arithmetic (``wecb.reconcile(programme)``).
    * ``sensitivity``: a Monte Carlo run, drawn as an NPV histogram when ``plots``.
    * ``plots``: draw the plots (needs matplotlib, extra ``plot``); ``False`` for none.
    """
    if not isinstance(programme, Programme):
        wrong_type("programme_report.programme", programme, "a Programme")
    if appraisal is not None and phasing is not None:
        from wecb.errors import ValidationError  # noqa: PLC0415

        raise ValidationError(
            "programme_report: give an appraisal or a phasing, not both (an appraisal has its "
            "phasing)"
        )
    inputs = Inputs.gather(
        programme,
        phasing=phasing,
        appraisal=appraisal,
        reconciliation=reconciliation,
        sensitivity=sensitivity,
    )
    sections, figures = build_sections(inputs, plots=plots)
    version = _version()
    name = title or f"{programme.name}: report"
    return Report(
        title=name,
        subject=programme.name,
        byline=f"{programme.name} ({programme.place}). Made with wecb {version}: every "
        "figure is computed from the programme, and every assumption is stated beside it.",
        version=version,
        sections=sections,
        figures=figures,
        stated=_unique(inputs.assumed(result) for result in inputs.results()),
    )


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

    try:
        return version("wecb")
    except PackageNotFoundError:  # run from a source tree that is not installed
        return "(version unknown)"


def _unique(groups: Iterable[tuple[Assumption, ...]]) -> tuple[Assumption, ...]:
    seen: dict[Assumption, None] = {}
    for group in groups:
        seen.update(dict.fromkeys(group))
    return tuple(seen)
