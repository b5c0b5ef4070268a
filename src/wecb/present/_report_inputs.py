"""The results a report shows (private to :mod:`wecb.present.report`), each computed once:
the rollups, who pays, the appraisal or why there is none, the reconciliation and the
bibliography.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

from wecb.core.assumptions import Assumption, assumptions_of
from wecb.core.periods import FinancialYear, OpenPeriod
from wecb.errors import AppraisalError
from wecb.model.programme import Programme
from wecb.present.bibliography import Bibliography, bibliography
from wecb.present.headline import ProgrammeHeadline, programme_headline

if TYPE_CHECKING:
    from wecb.appraisal import Appraisal, MonteCarloResult, Phasing
    from wecb.reconciliation import Reconciliation
    from wecb.rollups import Rollup
    from wecb.whopays import WhoPaysWhoBenefits

__all__ = ["Inputs"]


@attrs.frozen(kw_only=True)
class Inputs:
    """The results a report shows, each computed once."""

    programme: Programme
    by_domain: Rollup
    by_cashable: Rollup
    who: WhoPaysWhoBenefits
    appraisal: Appraisal | None
    #: Why there is no appraisal (``None`` when there is one).
    unappraised: str | None
    #: The phasing as the caller stated it (``None``: none stated, or an appraisal given).
    phasing: Phasing | None
    reconciliation: Reconciliation
    sensitivity: MonteCarloResult | None
    sources: Bibliography
    #: The summary's headline (net benefit, funding), without its own appraisal.
    headline: ProgrammeHeadline

    @classmethod
    def gather(
        cls,
        programme: Programme,
        *,
        phasing: Phasing | None,
        appraisal: Appraisal | None,
        reconciliation: Reconciliation | None,
        sensitivity: MonteCarloResult | None,
    ) -> Inputs:
        """Compute every result the report needs (the appraisal under ``phasing`` unless
        one is given; the tables' own reconciliation unless one is given)."""
        from wecb.reconciliation import reconcile  # noqa: PLC0415
        from wecb.rollups import rollup  # noqa: PLC0415
        from wecb.whopays import who_pays  # noqa: PLC0415

        checks = reconcile(programme) if reconciliation is None else reconciliation
        unappraised = None
        if appraisal is None:
            appraisal, unappraised = _appraise(programme, phasing)
        return cls(
            programme=programme,
            by_domain=rollup(programme, by="domain"),
            by_cashable=rollup(programme, by="cashable"),
            who=who_pays(programme),
            appraisal=appraisal,
            unappraised=unappraised,
            phasing=phasing,
            reconciliation=checks,
            sensitivity=sensitivity,
            sources=bibliography(programme),
            headline=programme_headline(programme, reconciliation=checks, phasing=None),
        )

    def has_flows(self) -> bool:
        """Whether the programme has any cash flow (a headline programme has none)."""
        return bool(self.by_domain.groups)

    def assumed(self, result: object) -> tuple[Assumption, ...]:
        """The assumptions of ``result`` as the report shows it (the headline's phasing is
        not the report's: its appraisal is left out, the report's own is shown)."""
        listed = assumptions_of(result)
        if result is self.headline:
            return tuple(a for a in listed if a.name != "phasing")
        return listed

    def results(self) -> Iterator[object]:
        """Every result shown, in the order of the report (for their assumptions)."""
        yield self.headline
        yield self.by_domain
        yield self.who
        if self.appraisal is not None:
            yield self.appraisal
        if self.sensitivity is not None:
            yield self.sensitivity
        yield self.reconciliation
        yield self.sources


def _open_periods(programme: Programme) -> list[str]:
    keys = dict.fromkeys(
        flow.period.key
        for _, flow in programme.cash_flows()
        if isinstance(flow.period, OpenPeriod)
    )
    return list(keys)


def _phased_years(phasing: Phasing) -> list[FinancialYear]:
    tables = [phasing.periods, *(table for _, table in phasing.projects)]
    return [year for table in tables for _, weights in table for year, _ in weights]


def _appraise(programme: Programme, phasing: Phasing | None) -> tuple[Appraisal | None, str]:
    """The appraisal under ``phasing`` (Green Book, discounted to the first year phased or
    used, in its prices), or ``None`` and the reason."""
    from wecb.appraisal import appraise  # noqa: PLC0415

    open_periods = _open_periods(programme)
    if phasing is None and open_periods:
        return None, (
            "Not appraised: no phasing stated. The programme's money sits in open periods "
            f"({', '.join(open_periods)}), which an appraisal needs spread over financial "
            "years: give a phasing."
        )
    years: list[FinancialYear] = [] if phasing is None else _phased_years(phasing)
    years += [
        flow.period for _, flow in programme.cash_flows() if isinstance(flow.period, FinancialYear)
    ]
    if not years:
        return None, "Not appraised: the programme has no cash flows to appraise."
    base = min(years)
    try:
        return appraise(programme, base_year=base, price_base=base, phasing=phasing), ""
    except AppraisalError as exc:
        return None, f"Not appraised: {exc}"
