"""Pickle and copy of every public object preserve equality.

Each public class of wecb has a sample below (built from the Essex 2012 programme where
one exists); :func:`test_every_public_class_has_a_sample` fails when a public class is
added without one. Quantities of :mod:`wecb.units` are also unpickled in a fresh
interpreter, to show that no pint application registry needs to be set by the user.
"""

from __future__ import annotations

import copy
import datetime
import enum
import functools
import importlib
import inspect
import pickle
import subprocess
import sys
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from strategies import (
    any_periods,
    cash_flows,
    cost_benefit_tables,
    domains,
    funding_streams,
    io_programmes,
    money,
    partners,
    pilots,
    projects,
    unit_quantities,
)
from wecb import units
from wecb.appraisal.progression import progression
from wecb.model.actuals import Actual
from wecb.present.timeline import timeline

#: Modules whose ``__all__`` lists the public classes.
PUBLIC_MODULES = (
    "wecb",
    "wecb.core.money",
    "wecb.core.periods",
    "wecb.units",
    "wecb.model.partners",
    "wecb.model.domains",
    "wecb.model.integration",
    "wecb.model.funding",
    "wecb.model.cashflows",
    "wecb.model.projects",
    "wecb.model.programme",
    "wecb.model.facts",
    "wecb.model.decisions",
    "wecb.model.milestones",
    "wecb.appraisal.progression",
    "wecb.present.timeline",
    "wecb.model.actuals",
    "wecb.appraisal.realisation",
    "wecb.rollups",
    "wecb.whopays",
    "wecb.reconciliation",
    "wecb.datasets",
    "wecb.appraisal",
    "wecb.appraisal.adjustments",
    "wecb.appraisal.cases",
    "wecb.appraisal.cba",
    "wecb.appraisal.cohort_profiles",
    "wecb.appraisal.cohorts",
    "wecb.appraisal.horizons",
    "wecb.appraisal.lines",
    "wecb.appraisal.optimism_bias",
    "wecb.appraisal.parameters",
    "wecb.appraisal.phasing",
    "wecb.appraisal.present_values",
    "wecb.appraisal.record",
    "wecb.appraisal.scaleup",
    "wecb.appraisal.schedules",
    "wecb.appraisal.sensitivity",
    "wecb.appraisal.sensitivity.ranges",
    "wecb.appraisal.sensitivity.results",
    "wecb.whopays.agreements",
    "wecb.whopays.sharing",
    "wecb.present",
)

#: Public classes that are not values, with the reason.
NOT_VALUES: dict[str, str] = {
    "SharingAgreement": "a Protocol (its implementations have samples)",
    "HasRows": "a Protocol",
}

#: Values that hold a user's function: copied by reference, pickled only when the function
#: is importable (a lambda is not, as anywhere in Python).
HOLDS_A_FUNCTION = frozenset({"Claim"})


def same(a: object, b: object) -> bool:
    """Equality, or for classes without value equality the same ``repr``."""
    if type(a).__eq__ is object.__eq__:
        return type(a) is type(b) and repr(a) == repr(b)
    return a == b


def check_copies(value: object, *, pickled: bool = True) -> None:
    copies: list[object] = [copy.copy(value), copy.deepcopy(value)]
    if pickled:
        copies += [
            pickle.loads(pickle.dumps(value, protocol))
            for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1)
        ]
    for other in copies:
        assert type(other) is type(value)
        assert same(other, value), (value, other)
        if isinstance(other, enum.Enum):
            assert other is value


# -- samples of every public class ----------------------------------------------------------


@functools.cache
def samples() -> dict[str, object]:
    """One instance of each public class, keyed by class name."""
    import wecb  # noqa: PLC0415 -- everything below imports wecb's modules lazily
    from wecb import appraisal, reconciliation, rollups, whopays  # noqa: PLC0415
    from wecb.appraisal import cohorts, horizons, scaleup, sensitivity  # noqa: PLC0415
    from wecb.appraisal.phasing import Phasing  # noqa: PLC0415
    from wecb.core import table  # noqa: PLC0415
    from wecb.core.money import Money  # noqa: PLC0415
    from wecb.core.periods import FinancialYear, OpenPeriod  # noqa: PLC0415
    from wecb.model.cashflows import Nature  # noqa: PLC0415
    from wecb.present.bibliography import bibliography  # noqa: PLC0415
    from wecb.present.report import Plot  # noqa: PLC0415

    essex = wecb.datasets.essex_2012()
    fy = FinancialYear(2013)
    out: dict[str, object] = {}

    def add(*values: object) -> None:
        for value in values:
            out.setdefault(type(value).__name__, value)

    add(Money("87587000.00"), fy, OpenPeriod(key="later", label="Later", after=fy), essex)
    add(essex.partners[0], essex.domains[0], essex.funding_streams[0], essex.figures[0])
    add(essex.documents[0], essex.partners[0].source)  # a Document and a Citation
    add(bibliography(essex))
    page = wecb.present.programme_report(essex, plots=False)
    add(page, page.sections[0], Plot(title="t", caption="c", png=b"\x89PNG\r\n\x1a\n"))
    add(*essex.funding_streams[0].overdrawn({fy: Money("600000.01")}))
    add(essex.team_plans[0], *essex.projects, essex.projects[0].table)
    add(*(p for project in essex.projects for p in project.pilots))
    add(next(flow for _, flow in essex.cash_flows()))
    table_ = essex.projects[0].table
    assert table_ is not None
    add(*attrs.evolve(table_, net_total=table_.net_total + Money(1000)).check())

    lines = rollups.Lines.from_programme(essex)
    result = rollups.rollup(essex, by=("domain", "period", "cashable"))
    add(lines, result, result.total, rollups.Catalogue.from_programme(essex))
    add(whopays.who_pays(essex))
    report = reconciliation.reconcile(essex)
    add(report, report.checks[0], *wecb.datasets.essex_2012_claims(essex)[:1])
    headline = wecb.present.programme_headline(essex, reconciliation=report)
    add(headline, wecb.present.ProgrammeSummary(programme=essex, headline=headline))
    pilots = wecb.datasets.pilots_2012()
    add(pilots, pilots.figures[0], pilots.national)

    add(appraisal.GREEN_BOOK_STPR, appraisal.GREEN_BOOK_STPR.bands[0])
    add(appraisal.GREEN_BOOK_STPR.source, appraisal.CBA_2014_OPTIMISM_BIAS)
    add(appraisal.CBA_2014_OPTIMISM_BIAS.grades[0], appraisal.NO_ADJUSTMENTS)
    bias = appraisal.MOTT_MACDONALD_2002_OPTIMISM_BIAS
    add(bias, bias.bounds[0], appraisal.SEED_UNIT_COSTS, appraisal.SEED_UNIT_COSTS.costs[0])
    index = appraisal.PriceIndex(name="ix", levels={"2012/13": "96", "2013/14": "100"})
    first = index.years[0]
    moved = index.rebase(Money(96), first, first + 1)
    add(
        index,
        appraisal.Rebasing(
            index=str(index),
            from_year=first,
            to_year=first + 1,
            factor=index.factor(first, first + 1),
            before=Money(96),
            after=moved,
        ),
    )
    adjusted = appraisal.adjust(
        Money(1000), "benefit", appraisal.Adjustments(deadweight="0.2", attribution="0.5")
    )
    add(adjusted, adjusted.steps[0])
    horizon = horizons.Horizon.of_years(fy, 5, "5-year")
    add(horizon, horizons.MixedHorizon([horizon, horizons.Horizon(fy + 5, fy + 6)]))
    pilot = horizons.Total(Money("30000000"), horizon, "pilot net benefit")
    add(pilot)
    phasing = Phasing.even("further_implementation", fy + 1, fy + 3)
    add(phasing)
    graded = appraisal.Adjustments(optimism_bias_grade=3)
    plan = appraisal.AdjustmentPlan(projects={"FBC1": graded})
    add(plan)
    essex_phasing = Phasing(
        {
            "to_mar_2013": {fy - 1: 1},
            "further_implementation": dict.fromkeys(FinancialYear.range(fy + 1, fy + 3), 1),
            "appraisal_horizon": dict.fromkeys(FinancialYear.range(fy + 1, fy + 5), 1),
        },
        note="assumed, as in examples/sensitivity.py",
    )
    appraised = appraisal.appraise(
        essex, base_year=fy - 1, price_base=fy - 1, phasing=essex_phasing, adjustments=plan
    )
    financial = appraised.financial_case
    add(appraised, financial.net_present_budget_impact(), financial, appraised.lines[0])
    add(essex.projects[0].decisions[0], essex.milestones[0], essex.milestones[0].date)
    steps = progression(essex, "FBC1", base_year=fy - 1, price_base=fy - 1, phasing=essex_phasing)
    dated = timeline(essex)
    add(steps, steps.steps[0], dated, dated.entries[0])
    realised = Actual(
        project="FBC1",
        line="Gross cashable benefit",
        year=fy + 1,
        amount=Money("16610000"),
        as_at=datetime.date(2015, 5, 29),
        source="illustrative",
    )
    report = appraisal.realisation(
        essex.evolve(actuals=(realised,)), essex_phasing, as_at=fy + 1, by="line"
    )
    add(realised, report, report.lines[0], report.thresholds, report.reforecast())
    add(financial.costs, financial.costs.present_value, financial.years[0])
    economic = appraised.economic_case
    add(
        economic,
        appraisal.Case(
            **{f.name: getattr(economic, f.name) for f in attrs.fields(appraisal.Case)}
        ),
    )
    agencies = appraisal.by_agency(appraised)
    add(agencies, agencies.agencies[0])
    asked = appraisal.asks_report(essex)
    add(essex.asks[0], asked, asked.by_ask[0], asked.by_department[0])
    add(
        appraisal.appraise(
            essex, base_year=fy - 1, price_base=fy - 1, phasing=essex_phasing, asks=()
        ).asks
    )
    switching = appraisal.switching_values(
        appraised, {"costs": appraisal.Selector(nature=Nature.COST)}
    )
    add(switching, switching.rows_[0])

    add(appraisal.compare({"base": appraised}, base="base"), essex.without_project("FBC2")[1])

    wave = cohorts.CohortWave(
        label="8 teams", teams=8, cases_per_team_per_year=135, start=fy, start_month=10
    )
    model = cohorts.CohortModel.of("family teams", unit_value="£52,000 per family", waves=(wave,))
    add(wave, model, model.profile(fy, fy + 1))

    factors = scaleup.LowCentralHigh(low="0.5", central="0.75", high="1")
    scaled = appraisal.scale_up(
        pilot,
        pilot_driver=1000,
        driver="families",
        places=[scaleup.Place(name="A", driver=500), scaleup.Place(name="B", driver=2000)],
        factors=factors,
    )
    add(factors, scaled, scaled.places[0], scaled.places[0].totals[0])
    add(scaleup.Place(name="A", driver=500))

    benefit = sensitivity.Uncertainty(
        name="benefit realised",
        distribution=sensitivity.Triangular(low="0.8", central="1", high="1.3"),
        applies_to=sensitivity.Selector(nature=Nature.BENEFIT),
    )
    cost = sensitivity.Uncertainty(
        name="costs",
        distribution=sensitivity.Uniform(low="0.9", high="1.5"),
        applies_to=sensitivity.Selector(nature="cost"),
    )
    add(benefit, benefit.distribution, benefit.applies_to, cost.distribution)
    add(sensitivity.Discrete({"0.5": 1, "1.5": 1}))
    carlo = appraisal.monte_carlo(appraised, [benefit, cost], draws=200, seed=1)
    add(carlo, carlo.net_present_budget_impact_percentiles)
    one = appraisal.one_way(appraised, [benefit, cost])
    add(one, one.rows_[0])

    outcome = whopays.share_benefits(
        invested={"county": Money(100)},
        received={"county": Money(0), "police": Money(160)},
        agreement=whopays.CostsFirstThenProRata(),
    )
    add(outcome, outcome.positions[0], whopays.CostsFirstThenProRata())
    add(whopays.FixedShares({"a": Fraction(1, 3), "b": Fraction(2, 3)}))

    add(table.Column(key="net"), table.Table(columns=["a", "b"], rows=[[1, Money(2)]]))
    add(units.parse_rate("£250,000 per family per year"))
    add(units.parse_rate("£250,000 per family per year").units)
    add(wecb.ProgrammeBuilder("P", "Q").partner("ecc", "ECC", kind="county_council"))
    cohort = appraisal.Cohort.by_year({"2014/15": 100})
    chain_of = appraisal.Outcome(
        name="fewer call-outs",
        cohort=cohort,
        engagement="80%",
        impact="50%",
        deadweight="25%",
        lag=1,
        persistence=2,
        drop_off="50%",
        unit_value="£1,000 per family per year",
        value_type=wecb.ValueType.FISCAL,
        cashable_share="1/2",
        agency_shares={"ecc": 1},
    )
    add(cohort, chain_of, appraisal.outcome_chain(chain_of))
    return out


def public_classes() -> dict[str, type]:
    found: dict[str, type] = {}
    for name in PUBLIC_MODULES:
        module = importlib.import_module(name)
        for attribute in getattr(module, "__all__", ()):
            value = getattr(module, attribute)
            if (
                inspect.isclass(value)
                and not issubclass(value, BaseException | enum.Enum)
                and value.__module__.startswith("wecb")
            ):
                found[value.__name__] = value
    return found


def test_every_public_class_has_a_sample() -> None:
    missing = sorted(set(public_classes()) - set(samples()) - set(NOT_VALUES))
    assert not missing, f"add a sample of each public class to samples(): {missing}"


@pytest.mark.parametrize("name", sorted(samples()))
def test_pickle_and_copy_preserve_equality(name: str) -> None:
    check_copies(samples()[name], pickled=name not in HOLDS_A_FUNCTION)


def test_a_claim_with_an_importable_function_pickles() -> None:
    from wecb.reconciliation import Claim  # noqa: PLC0415

    claim = Claim(label="gross", claimed=samples()["Money"], derive=repr, source="s")  # type: ignore[arg-type]
    check_copies(claim)


def enums() -> list[enum.Enum]:
    members: list[enum.Enum] = []
    for name in PUBLIC_MODULES:
        module = importlib.import_module(name)
        for attribute in getattr(module, "__all__", ()):
            value = getattr(module, attribute)
            if inspect.isclass(value) and issubclass(value, enum.Enum):
                members.extend(value)
    return members


@pytest.mark.parametrize("member", enums(), ids=repr)
def test_enum_members_pickle_to_themselves(member: enum.Enum) -> None:
    check_copies(member)


def errors_to_pickle() -> list[BaseException]:
    from wecb import errors  # noqa: PLC0415

    special = {
        errors.ProgrammeError: errors.ProgrammeError(["a: unknown partner 'x'", "b: dup 'y'"]),
        errors.LoadError: errors.LoadError(
            "bad", path="f.toml", entry="projects[0]", field="key", problems=("p", "q")
        ),
    }
    out: list[BaseException] = []
    for name in errors.__all__:
        cls = getattr(errors, name)
        if not (isinstance(cls, type) and issubclass(cls, BaseException)):
            continue  # excerpt, EXCERPT_CHARS
        out.append(special.get(cls) or cls(f"{name}: something is wrong"))
    return out


@pytest.mark.parametrize("error", errors_to_pickle(), ids=lambda e: type(e).__name__)
def test_errors_pickle_with_their_message_and_fields(error: BaseException) -> None:
    for again in (pickle.loads(pickle.dumps(error)), copy.copy(error), copy.deepcopy(error)):
        assert type(again) is type(error)
        assert str(again) == str(error)
        for field in ("problems", "path", "entry", "field", "message"):
            assert getattr(again, field, None) == getattr(error, field, None)


# -- generated values -----------------------------------------------------------------------

GENERATED: dict[str, Callable[[], st.SearchStrategy[Any]]] = {
    "money": money,
    "periods": any_periods,
    "partners": partners,
    "domains": domains,
    "funding_streams": funding_streams,
    "cash_flows": cash_flows,
    "cost_benefit_tables": cost_benefit_tables,
    "pilots": pilots,
    "projects": projects,
    "quantities": unit_quantities,
}


@pytest.mark.parametrize("kind", sorted(GENERATED))
def test_generated_values_pickle_and_copy(kind: str) -> None:
    @given(GENERATED[kind]())
    def check(value: object) -> None:
        check_copies(value)

    check()


@given(io_programmes())
def test_generated_programmes_pickle_and_copy(programme: object) -> None:
    check_copies(programme)


# -- pint quantities in a fresh interpreter --------------------------------------------------


def test_quantities_unpickle_in_a_fresh_interpreter_without_setting_a_registry() -> None:
    values = [
        units.parse_rate("£250,000 per family per year"),
        units.quantity(Decimal("1.50E+3"), "GBP / year"),
        units.count(500, "families"),
        units.parse_rate("£25 per capita").units,
    ]
    payload = pickle.dumps(values)
    # The child sets no registry: pint's application registry stays pint's default one.
    script = (
        "import pickle, sys\n"
        "values = pickle.loads(sys.stdin.buffer.read())\n"
        "from wecb import units\n"
        "assert all(units.is_quantity(v) or v.__class__.__name__ == 'Unit' for v in values)\n"
        "assert units.to_money(values[0] * values[2] * units.duration(1, 'year'))"
        " == units.to_money(units.quantity(125000000, 'GBP'))\n"
        "sys.stdout.write(repr([str(v) for v in values]))\n"
    )
    child = subprocess.run(
        [sys.executable, "-c", script], input=payload, capture_output=True, check=False
    )
    assert child.returncode == 0, child.stderr.decode()
    assert child.stdout.decode() == repr([str(v) for v in values])
