"""Every key an appraisal is given must name something: phasing keys, projects, adjustment
plan targets and the keys of a sensitivity range's selector. A key that matches nothing is
refused with the valid choices (0.1.0 ignored a misspelt phasing key without a word)."""

from __future__ import annotations

import pytest

from strategies import ap2_programme
from wecb.appraisal.adjustments import Adjustments
from wecb.appraisal.cba import appraise
from wecb.appraisal.lines import AdjustmentPlan
from wecb.appraisal.phasing import Phasing
from wecb.appraisal.record import Appraisal
from wecb.appraisal.schedules import ZERO_RATE
from wecb.appraisal.sensitivity import Selector, Uncertainty, Uniform, monte_carlo, one_way
from wecb.core.money import Money
from wecb.core.periods import FinancialYear, OpenPeriod
from wecb.errors import AppraisalError
from wecb.model.cashflows import CashFlow, Nature, ValueType
from wecb.model.programme import Programme

FY13, FY14, FY15 = FinancialYear(2013), FinancialYear(2014), FinancialYear(2015)
FURTHER = OpenPeriod(key="further", label="Further implementation", after=FY13)
SPARE = OpenPeriod(key="spare", label="Not used by any line", after=FY13)


def programme() -> Programme:
    flows = {
        "A": [
            CashFlow(amount=Money(100), nature=Nature.COST, period=FURTHER, label="later"),
            CashFlow(
                amount=Money(300),
                nature=Nature.BENEFIT,
                period=FY14,
                value_type=ValueType.FISCAL,
                cashable=True,
                beneficiary="health",
                label="saving",
            ),
        ],
        "B": [CashFlow(amount=Money(50), nature=Nature.COST, period=FY13, payer="county")],
    }
    return ap2_programme(flows, (FURTHER, SPARE))


def appraised(phasing: Phasing, **kwargs: object) -> Appraisal:
    return appraise(
        programme(),
        base_year=FY13,
        price_base=FY13,
        schedule=ZERO_RATE,
        phasing=phasing,
        **kwargs,  # type: ignore[arg-type]
    )


GOOD = Phasing({"further": {FY14: 1}})


def test_a_misspelt_period_key_is_refused_with_the_open_periods() -> None:
    # 0.1.0 ignored "furhter" and used the programme-wide "further": the same NPV, no word.
    phasing = GOOD.with_period("furhter", {FY15: 1}, project="A")
    with pytest.raises(AppraisalError) as caught:
        appraised(phasing)
    assert str(caught.value) == (
        "Phasing.projects['A'] key: 'furhter' is not accepted; expected an open period of "
        "the programme: further, spare"
    )
    with pytest.raises(AppraisalError, match=r"Phasing\.periods key: 'furhter' is not accepted"):
        appraised(Phasing({"further": {FY14: 1}, "furhter": {FY15: 1}}))


def test_a_phasing_for_an_unknown_project_is_refused_with_the_projects() -> None:
    phasing = GOOD.with_period("further", {FY15: 1}, project="C")
    with pytest.raises(AppraisalError) as caught:
        appraised(phasing)
    assert str(caught.value) == (
        "Phasing.projects key: 'C' is not accepted; expected a project of the programme: A, B"
    )


def test_every_bad_key_is_named_at_once() -> None:
    phasing = Phasing({"further": {FY14: 1}, "x": {FY14: 1}}, projects={"C": {"y": {FY14: 1}}})
    with pytest.raises(AppraisalError) as caught:
        appraised(phasing)
    lines = str(caught.value).splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "Phasing.periods key",
        "Phasing.projects key",
        "Phasing.projects['C'] key",
    ]


def test_a_period_the_programme_defines_may_be_phased_unused() -> None:
    result = appraised(GOOD.with_period("spare", {FY15: 1}))
    assert result.financial_case.net_present_budget_impact().amount == Money(150)
    # Phasing for a project not appraised is a valid key: it names a project of the programme.
    only_b = appraised(GOOD.with_period("further", {FY15: 1}, project="A"), projects=["B"])
    assert only_b.projects == ("B",)


def test_an_empty_programme_phasing_names_no_period() -> None:
    bare = ap2_programme({"A": [CashFlow(amount=Money(5), nature=Nature.COST, period=FY13)]})
    with pytest.raises(AppraisalError, match="none \\(its flows are all in financial years\\)"):
        appraise(bare, base_year=FY13, price_base=FY13, phasing=GOOD)


def test_unknown_projects_are_refused_with_the_programmes_projects() -> None:
    with pytest.raises(AppraisalError, match="unknown project\\(s\\) 'C'; the programme has A, B"):
        appraised(GOOD, projects=["C"])


def test_adjustment_plan_targets_are_checked() -> None:
    with pytest.raises(AppraisalError) as caught:
        appraised(GOOD, adjustments=AdjustmentPlan(projects={"C": Adjustments()}))
    assert "'C'" in str(caught.value) and "projects appraised: A, B" in str(caught.value)
    with pytest.raises(AppraisalError, match="\\('A', 'savings'\\)"):
        appraised(GOOD, adjustments=AdjustmentPlan(lines={("A", "savings"): Adjustments()}))
    with pytest.raises(AppraisalError, match="\\('A', 7\\)"):
        appraised(GOOD, adjustments=AdjustmentPlan(lines={("A", 7): Adjustments()}))
    # A project's plan entry must be appraised, not only in the programme.
    with pytest.raises(AppraisalError, match="projects appraised: B"):
        appraised(GOOD, projects=["B"], adjustments=AdjustmentPlan(projects={"A": Adjustments()}))


@pytest.mark.parametrize(
    ("selector", "message"),
    [
        (Selector(projects=("A", "Z")), "Selector.projects: 'Z' is not accepted; expected a "
         "project of the appraised lines: 'A', 'B'"),
        (Selector(domains="e"), "Selector.domains: 'e' is not accepted; expected a domain of "
         "the appraised lines: 'd'"),
        (Selector(partners=("health", "nhs")), "Selector.partners: 'nhs' is not accepted; "
         "expected a partner of the appraised lines: None, 'health', 'county'"),
        (Selector(labels=("saving", "savings")), "Selector.labels: 'savings' is not accepted"),
    ],
)  # fmt: skip
def test_range_selectors_name_appraised_lines(selector: Selector, message: str) -> None:
    result = appraised(GOOD)
    wide = Uncertainty(name="wide", distribution=Uniform(low="0.5", high="2"), applies_to=selector)
    with pytest.raises(AppraisalError) as caught:
        monte_carlo(result, [wide], draws=2, seed=0)
    assert str(caught.value).startswith("uncertainty 'wide': ")
    assert message in str(caught.value)
    with pytest.raises(AppraisalError, match="uncertainty 'wide': Selector"):
        one_way(result, [wide])
