"""wecb computes in its own decimal contexts: the caller's context changes no result.

A caller may hold any :mod:`decimal` context while calling wecb (``prec=2``, traps on for
Inexact or Rounded, any rounding mode, tiny exponent limits, lower-case exponents): money,
units, appraisal, sensitivity, table text, who-pays and every writer give the same values
and the same text as under Python's default context. Savers write figures with exact
integer arithmetic, so no digit is lost to any context (nor to the default one's 28 digits).
"""

from __future__ import annotations

import importlib.util
import tempfile
import zipfile
from collections.abc import Callable
from decimal import Context, Decimal, Inexact, InvalidOperation, Rounded, localcontext
from fractions import Fraction
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samples import PROGRAMME
from strategies import hostile_contexts, money
from wecb import io as wio
from wecb.appraisal import (
    Adjustments,
    Discrete,
    Phasing,
    Selector,
    Triangular,
    Uncertainty,
    Uniform,
    adjust,
    appraise,
    monte_carlo,
    one_way,
)
from wecb.appraisal.record import Appraisal
from wecb.core.cells import choose_scale, percent_text, ratio_text
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.errors import AppraisalError
from wecb.io._convert import thousands_text
from wecb.model.programme import Programme
from wecb.model.tables import CostBenefitTable
from wecb.units import count, duration, parse_rate, quantity, to_money
from wecb.whopays import CostsFirstThenProRata, FixedShares, share_benefits, who_pays

HAS_ESSEX = importlib.util.find_spec("wecb.datasets") is not None
needs_essex = pytest.mark.skipif(not HAS_ESSEX, reason="wecb.datasets.essex_2012 not available")
# The heavier properties (an Essex appraisal and every writer per example) run fewer examples.
HEAVY = settings(max_examples=max(10, settings.default.max_examples // 4))

FY12, FY14 = FinancialYear(2012), FinancialYear(2014)
#: The illustrative phasing of the docs: costs to March 2013 in 2012/13, further
#: implementation over 2014/15 to 2016/17, the benefits over 2014/15 to 2018/19.
ESSEX_PHASING = Phasing(
    {
        "to_mar_2013": {FY12: 1},
        "further_implementation": dict.fromkeys(FinancialYear.range(FY14, FY14 + 2), 1),
        "appraisal_horizon": dict.fromkeys(FinancialYear.range(FY14, FY14 + 4), 1),
    }
)
TRAPPING = Context(traps=[Inexact, Rounded, InvalidOperation])


def _essex() -> Programme:
    from wecb.datasets import essex_2012  # noqa: PLC0415 -- optional data set

    return essex_2012()


def _appraise(adjustments: Adjustments) -> Appraisal:
    return appraise(
        _essex(),
        base_year=FY12,
        price_base=FY12,
        phasing=ESSEX_PHASING,
        adjustments=adjustments,
    )


def _in(context: Context, compute: Callable[[], object]) -> object:
    with localcontext(context):
        return compute()


def _same(compute: Callable[[], list[object]], context: Context) -> None:
    """``compute()`` under ``context`` equals it under Python's default context: every value
    (``==``) and its text (``str``)."""
    expected = _in(Context(), compute)
    got = _in(context, compute)
    assert isinstance(expected, list) and isinstance(got, list)
    assert got == expected
    assert [str(g) for g in got] == [str(e) for e in expected]


def _fractions(most: int) -> st.SearchStrategy[Decimal]:
    """Fractions in [0, 1] with up to ``most`` decimals."""
    return st.integers(0, most).flatmap(
        lambda places: st.integers(0, 10**places).map(lambda n: Decimal(f"{n}E-{places}"))
    )


# -- the findings, one by one ------------------------------------------------------------


@needs_essex
def test_a_low_precision_context_leaves_the_essex_npv_alone() -> None:
    adjustments = Adjustments(deadweight="0.125")
    expected = _appraise(adjustments)
    with localcontext(prec=2):
        got = _appraise(adjustments)
    # 0.1.0 gave £223,899,745.26 under prec=2: 1 - 0.125 was rounded to 0.88.
    assert expected.economic_case.net_present_public_value().amount.round("penny") == Money(
        "222362132.18"
    )
    assert (
        got.economic_case.net_present_public_value().amount
        == expected.economic_case.net_present_public_value().amount
    )
    assert (
        got.financial_case.net_present_budget_impact().amount
        == expected.financial_case.net_present_budget_impact().amount
    )


@needs_essex
def test_str_of_results_in_a_trapping_context() -> None:
    result = _appraise(Adjustments(deadweight="0.125", optimism_bias_grade=3))
    view = who_pays(_essex())
    expected = [str(result), str(view), str(result.table())]
    with localcontext(TRAPPING):  # 0.1.0: decimal.Inexact from the ratio text
        assert [str(result), str(view), str(result.table())] == expected


def test_a_29_digit_range_bound_is_refused_not_rounded_to_1() -> None:
    bound = "1.0000000000000000000000000001"
    with pytest.raises(AppraisalError, match="at most six decimal places"):
        Uniform(low=bound, high="2")  # 0.1.0: low became 1 in the default context
    with pytest.raises(AppraisalError, match="at most six decimal places"):
        Triangular(low="0.5", central=bound, high="2")


def test_a_deadweight_of_many_digits_adjusts_exactly() -> None:
    deadweight = "0.1234567890123456789012345678901"  # 31 significant digits
    out = adjust(Money("1000000"), "benefit", Adjustments(deadweight=deadweight))
    exact = Fraction(1000000) * (1 - Fraction(deadweight))
    assert Fraction(out.adjusted.amount) == exact  # 0.1.0 rounded 1 - deadweight to 28 digits


def test_who_pays_splits_and_shows_an_amount_of_many_digits() -> None:
    long = Money("1234567890123456789012345678.901")
    project = PROGRAMME.projects[0]
    flows = (*project.flows[:2], attrs.evolve(project.flows[2], amount=long))
    view = who_pays(PROGRAMME.evolve(projects=(attrs.evolve(project, flows=flows),)))
    # 0.1.0: AllocationError, the amount's smallest digit taken from a 28-digit normalize().
    assert sum(row["nhs"] for row in view.matrix.values()) == long
    shared = share_benefits(
        {"a": Money("1"), "b": Money("2")},
        {"a": long},
        FixedShares({"a": "0.5", "b": "0.5"}),
        unit=Decimal("0.001"),
    )
    assert "£1,234,567,890,123,456,789,012,345,678.901" in str(shared)  # 0.1.0: ...678.90


# -- saving: exact integer arithmetic ----------------------------------------------------


def _table(net_total: Money) -> CostBenefitTable:
    return CostBenefitTable.from_thousands(
        costs_to_mar_2013=1,
        costs_to_mar_2014=2,
        costs_further_implementation=3,
        net_cashable=-10,
        net_non_cashable=-5,
        net_total=net_total.amount_in_thousands(),
    )


@needs_essex
@pytest.mark.parametrize(
    "figure",
    [
        Money("123456789012345678901234567890.12345"),  # 35 significant digits
        Money(10**39 + 7),  # 40 digits, whole: 0.1.0 raised decimal.InvalidOperation
        Money("-1234567890.12345678901234567890123"),  # negative, 33 significant digits
    ],
)
def test_a_figure_of_any_size_round_trips_save_and_load(figure: Money) -> None:
    essex = _essex()
    project = attrs.evolve(essex.projects[0], table=_table(figure))
    programme = essex.evolve(projects=(project, *essex.projects[1:]))
    for fmt in ("toml", "json"):
        assert wio.loads(wio.dumps(programme, fmt), fmt) == programme
    tables = {"x": _table(figure)}
    assert wio.parse_tables_csv(wio.tables_to_csv(tables)) == tables


def test_a_callers_precision_writes_every_digit() -> None:
    with localcontext(prec=6):
        assert thousands_text(Money("716123.45")) == "716.12345"  # 0.1.0: 716.123
        assert thousands_text(Money(10**39)) == "1" + ",000" * 12
        text = wio.tables_to_csv({"x": _table(Money("716123.45"))})
    assert "716.12345" in text


@given(money(max_digits=40, max_places=6), hostile_contexts())
def test_thousands_text_is_exact_and_reads_back(figure: Money, context: Context) -> None:
    with localcontext(context):
        text = thousands_text(figure)
    assert Money.from_thousands(text) == figure
    assert text == thousands_text(figure)


# -- the property: identical outputs under hostile contexts ------------------------------


@given(money(max_digits=30), money(max_digits=30), hostile_contexts())
def test_money_arithmetic_and_text(a: Money, b: Money, context: Context) -> None:
    def compute() -> list[object]:
        return [
            a + b,
            a - b,
            a * 7,
            a * Decimal("1.25"),
            a / 7,
            -a,
            abs(b),
            a.round("penny"),
            str(a),
            repr(b),
            f"{a:.1m}",
            f"{b:(k}",
            a.format("thousands", 1),
            a.amount_in_thousands(),
            Money("100").allocate([1, 1, 1]),
            Money.parse("£1.949m"),
            Money.from_thousands("87,587"),
            choose_scale([a, b]),
            ratio_text(Decimal("2.345")),
            percent_text(Fraction(1, 8), 2),
        ]

    _same(compute, context)


@given(st.integers(1, 10**6), hostile_contexts())
def test_units(families: int, context: Context) -> None:
    def compute() -> list[object]:
        cost = parse_rate("£250,000 per family per year")
        spend = cost * count(families, "family") * duration(18, "month")
        return [
            to_money(spend),
            str(cost),
            repr(cost),
            quantity("1200", "GBP/year").to("GBP/month"),
        ]

    _same(compute, context)


@needs_essex
@HEAVY
# Up to 6 decimals each: with the 28-digit discount factors, the lines' present values then
# stay within Money's 60 digits (longer fractions are exact too, and refused past 60 digits).
@given(_fractions(6), _fractions(6), st.integers(1, 6), hostile_contexts())
def test_appraisal_with_adjustments(
    deadweight: Decimal, attribution: Decimal, grade: int, context: Context
) -> None:
    adjustments = Adjustments(
        deadweight=deadweight, attribution=attribution, optimism_bias_grade=grade
    )

    def compute() -> list[object]:
        result = _appraise(adjustments)
        return [
            result.financial_case.net_present_budget_impact(),
            result.economic_case.net_present_public_value(),
            result.npv_rounded_by_line(),
            result.rows(),
            result.assumptions(),
            result,  # its text: every table, the ratios, the notes
            repr(result),
        ]

    _same(compute, context)


@needs_essex
@HEAVY
@given(st.integers(0, 2**32), hostile_contexts())
def test_sensitivity(seed: int, context: Context) -> None:
    result = _appraise(Adjustments(deadweight="0.125", optimism_bias_grade=3))
    ranges = [
        Uncertainty(
            name="costs",
            distribution=Triangular(low="0.9", central="1", high="1.3"),
            applies_to=Selector(nature="cost"),
        ),
        Uncertainty(
            name="benefits",
            distribution=Uniform(low="0.5", high="12.5"),
            applies_to=Selector(nature="benefit"),
        ),
        Uncertainty(name="coin", distribution=Discrete({"0.5": 1, "1.5": 3})),
    ]

    def compute() -> list[object]:
        tornado = one_way(result, ranges)
        simulated = monte_carlo(result, ranges, draws=40, seed=seed)
        return [tornado.rows(), tornado, simulated.rows(), simulated, simulated.npv_draws()]

    _same(compute, context)


@HEAVY
@given(money(max_digits=32, max_places=3).map(abs), hostile_contexts())
def test_who_pays_and_tables(received: Money, context: Context) -> None:
    def compute() -> list[object]:
        view = who_pays(PROGRAMME)
        shared = share_benefits(
            {"a": Money("10.00"), "b": Money("5.123")},
            {"a": received.round(Decimal("0.001"))},
            FixedShares({"a": "0.25", "b": "0.75"}),
            unit=Decimal("0.001"),
        )
        return [
            view.rows(),
            view,
            *(table.to_text() for table in view.tables()),
            view.share(CostsFirstThenProRata()),
            shared.rows(),
            shared,
            repr(_table(received)),
        ]

    _same(compute, context)


def _xlsx(data: object) -> dict[str, bytes]:
    """The parts of the workbook written for ``data``, but its timestamps."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rows.xlsx"
        wio.write_xlsx(data, path, round_to="penny", places=3)  # type: ignore[arg-type]
        with zipfile.ZipFile(path) as book:
            return {n: book.read(n) for n in book.namelist() if n != "docProps/core.xml"}


@needs_essex
@HEAVY
@given(money(max_digits=40, max_places=5), hostile_contexts())
def test_every_writer(figure: Money, context: Context) -> None:
    essex = _essex()
    project = attrs.evolve(essex.projects[0], table=_table(figure))
    # A count in exponent form: "1.50E+3" in the file, never "1.50e+3" (capitals=0).
    figures = [
        attrs.evolve(f, count=Decimal("1.50E+3")) if f.count is not None else f
        for f in essex.figures
    ]
    programme = essex.evolve(projects=(project, *essex.projects[1:]), figures=tuple(figures))
    result = _appraise(Adjustments(deadweight="0.125"))
    tornado = one_way(
        result, [Uncertainty(name="all", distribution=Uniform(low="0.5", high="10"))]
    )
    view = who_pays(PROGRAMME)
    rows = [{"figure": figure, "ratio": figure.amount, "share": Fraction(1, 8)}]
    # A spreadsheet number keeps about 15 digits: the workbook gets figures that fit.
    cells = [{"figure": Money("-716123.455"), "ratio": Decimal("2.3455"), "count": 3}]

    def compute() -> list[object]:
        return [
            wio.dumps(programme, "toml"),
            wio.dumps(programme, "json"),
            wio.tables_to_csv(programme),
            wio.to_csv(rows),
            wio.to_json(rows),
            wio.to_csv(tornado),
            wio.to_json(view),
            _xlsx({"rows": cells, "tornado": tornado, "who pays": view}),
        ]

    _same(compute, context)
