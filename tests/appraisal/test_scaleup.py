"""Scale-up of a pilot's net benefit to other places by a driver."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wecb import units
from wecb.appraisal.horizons import Horizon, Total
from wecb.appraisal.scaleup import LowCentralHigh, Place, scale_up
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.errors import AppraisalError, FloatNotAllowedError, WecbTypeError

FIVE_YEARS = Horizon.of_years(FinancialYear(2013), 5, "5-year")
PILOT = Total(Money("30000000"), FIVE_YEARS, "pilot")


def test_low_central_high_by_hand() -> None:
    out = scale_up(
        PILOT,
        pilot_driver=1000,
        places=[Place(name="A", driver=500), Place(name="B", driver=2000)],
        factors=LowCentralHigh(low="0.5", central="0.75", high="1"),
        driver="families",
    )
    # A is half the pilot, B twice: 15m and 60m at a factor of 1.
    assert out["A"].ratios == (Fraction(1, 2),) * 3
    assert [t.amount for t in out["A"].totals] == [
        Money("7500000"),
        Money("11250000"),
        Money("15000000"),
    ]
    assert out.scenario_total("central").amount == Money("56250000")
    assert out.scenario_total("low").amount == Money("37500000")
    assert out.scenario_total("high").amount == Money("75000000")
    assert all(t.horizon == FIVE_YEARS for t in out.totals)
    text = str(out)
    assert "£56,250,000.00" in text and "5-year" in text


def test_driver_ranges_per_place() -> None:
    out = scale_up(PILOT, pilot_driver=100, places=[Place(name="A", driver=50, low=40, high=70)])
    assert [t.amount for t in out["A"].totals] == [
        Money("12000000"),
        Money("15000000"),
        Money("21000000"),
    ]


def test_money_and_quantity_drivers() -> None:
    spend = scale_up(
        PILOT,
        pilot_driver=Money("200000000"),
        places=[Place(name="A", driver=Money("50000000"))],
        driver="addressable spend",
    )
    assert spend.scenario_total().amount == Money("7500000")
    families = scale_up(
        PILOT,
        pilot_driver=units.count(2000, "family"),
        places=[Place(name="A", driver=units.count(3000, "families"))],
    )
    assert families.scenario_total().amount == Money("45000000")
    with pytest.raises(AppraisalError, match="same kind"):
        scale_up(PILOT, pilot_driver=1000, places=[Place(name="A", driver=Money(5))])
    with pytest.raises(AppraisalError):
        scale_up(
            PILOT,
            pilot_driver=units.count(1, "family"),
            places=[Place(name="A", driver=units.count(1, "person"))],
        )


def test_results_keep_the_pilots_horizon() -> None:
    out = scale_up(PILOT, pilot_driver=1, places=[Place(name="A", driver=2)])
    six = Total(Money(1), Horizon.of_years(FinancialYear(2013), 6))
    with pytest.raises(AppraisalError, match="different horizons"):
        out.scenario_total() + six


def test_non_terminating_ratios_stay_exact() -> None:
    out = scale_up(PILOT, pilot_driver=3, places=[Place(name="A", driver=1)])
    assert out["A"].exact[1] == Fraction(10_000_000)
    thirds = scale_up(
        Total(Money(1), FIVE_YEARS), pilot_driver=3, places=[Place(name="A", driver=1)]
    )
    assert thirds["A"].exact[1] == Fraction(1, 3)
    assert abs(Fraction(thirds.scenario_total().amount.amount) - Fraction(1, 3)) < Fraction(
        1, 10**50
    )


def test_inputs_are_checked() -> None:
    with pytest.raises(WecbTypeError, match="Total"):
        scale_up(Money(1), pilot_driver=1, places=[Place(name="A", driver=1)])  # type: ignore[arg-type]
    with pytest.raises(AppraisalError, match="zero"):
        scale_up(PILOT, pilot_driver=0, places=[Place(name="A", driver=1)])
    with pytest.raises(FloatNotAllowedError):
        Place(name="A", driver=1.5)  # type: ignore[arg-type]
    with pytest.raises(AppraisalError, match="repeat"):
        scale_up(PILOT, pilot_driver=1, places=[Place(name="A", driver=1)] * 2)
    with pytest.raises(AppraisalError, match="low <= central <= high"):
        LowCentralHigh(low=2, central=1, high=3)


drivers = st.integers(0, 10**9)


@given(
    st.integers(-(10**12), 10**12),
    st.integers(1, 10**7),
    drivers,
    drivers,
    st.integers(0, 4).map(lambda n: Decimal(n) / 4),
)
def test_scale_up_is_linear_in_the_driver(
    pence: int, pilot_driver: int, a: int, b: int, factor: Decimal
) -> None:
    pilot = Total(Money.from_minor_units(pence), FIVE_YEARS)
    factors = LowCentralHigh(low=factor, central=factor, high=factor)

    def exact(driver: int) -> Fraction:
        out = scale_up(
            pilot,
            pilot_driver=pilot_driver,
            places=[Place(name="x", driver=driver)],
            factors=factors,
        )
        return out["x"].exact[1]

    assert exact(a + b) == exact(a) + exact(b)
    assert exact(2 * a) == 2 * exact(a)
    assert exact(pilot_driver) == Fraction(pilot.amount.amount) * Fraction(factor)


@given(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 10**6)), min_size=1, max_size=5))
def test_the_national_total_is_the_sum_of_places(pairs: list[tuple[int, int]]) -> None:
    places = [Place(name=f"p{i}", driver=d, high=d + extra) for i, (d, extra) in enumerate(pairs)]
    out = scale_up(PILOT, pilot_driver=7, places=places)
    for i in range(3):
        assert out.exact_totals[i] == sum((p.exact[i] for p in out.places), Fraction(0))
