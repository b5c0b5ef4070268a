"""``wecb compare`` and ``wecb appraise --layout new-economy``, in-process through ``main``."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_outputs import PHASES
from wecb.appraisal import by_agency, compare
from wecb.appraisal.cba import appraise
from wecb.appraisal.phasing import Phasing
from wecb.cli import main
from wecb.core.cells import money_text
from wecb.core.periods import FinancialYear
from wecb.datasets import essex_2012
from wecb.io import save

PHASING = Phasing(
    {
        "to_mar_2013": {FinancialYear(2012): 1},
        "further_implementation": dict.fromkeys(
            FinancialYear.range(FinancialYear(2014), FinancialYear(2016)), 1
        ),
        "appraisal_horizon": dict.fromkeys(
            FinancialYear.range(FinancialYear(2014), FinancialYear(2018)), 1
        ),
    }
)


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    folder = tmp_path_factory.mktemp("compare")
    base, without = folder / "essex.toml", folder / "without_fbc2.toml"
    save(essex_2012(), base)
    save(essex_2012().without_project("FBC2")[0], without)
    return str(base), str(without)


def test_compare_prints_each_file_against_the_first(
    capsys: pytest.CaptureFixture[str], files: tuple[str, str]
) -> None:
    status, out, err = call(capsys, "compare", *files, *PHASES)
    assert status == 0, err
    assert err == ""
    options = {
        "base_year": FinancialYear(2012),
        "price_base": FinancialYear(2012),
        "phasing": PHASING,
    }
    expected = compare(
        {
            files[0]: appraise(essex_2012(), **options),  # type: ignore[arg-type]
            files[1]: appraise(essex_2012().without_project("FBC2")[0], **options),  # type: ignore[arg-type]
        },
        base=files[0],
    )
    # The same figures (the notes differ: the command line's phasing says where it came from).
    head = str(expected).split("\nNPBI:")[0]
    assert out.startswith(head + "\nNPBI:")
    assert "command line: --phase to_mar_2013=2012/13" in out
    assert f"Scenarios compared with {files[0]!r}" in out
    assert "the first year phased or used by a cash flow of " + files[0] in out


def test_the_rank_choices_are_the_rankable_headline_figures() -> None:
    from wecb.appraisal.scenarios import HEADLINES  # noqa: PLC0415
    from wecb.cli._compare import RANK_CHOICES  # noqa: PLC0415

    assert list(RANK_CHOICES.values()) == [h.key for h in HEADLINES if h.rankable]
    assert all(word == key.replace("_", "-") for word, key in RANK_CHOICES.items())


def test_compare_ranks_by_the_figure_asked(
    capsys: pytest.CaptureFixture[str], files: tuple[str, str]
) -> None:
    status, out, _ = call(
        capsys, "compare", *files, *PHASES, "--rank-by", "net-present-budget-impact"
    )
    assert status == 0
    assert "ranked by: net present budget impact (net_present_budget_impact)" in out
    assert "(stated by the caller)" in out
    status, _, err = call(capsys, "compare", *files, *PHASES, "--rank-by", "payback-year")
    assert status == 2
    assert "invalid choice: 'payback-year'" in err


def test_compare_refuses_one_file_or_the_same_file_twice(
    capsys: pytest.CaptureFixture[str], files: tuple[str, str]
) -> None:
    status, _, err = call(capsys, "compare", files[0], *PHASES)
    assert status == 1
    assert "needs at least two files" in err
    status, _, err = call(capsys, "compare", files[0], files[0], *PHASES)
    assert status == 1
    assert "given more than once" in err
    assert "Traceback" not in err


def test_compare_names_the_file_an_appraisal_fails_for(
    capsys: pytest.CaptureFixture[str], files: tuple[str, str]
) -> None:
    status, _, err = call(
        capsys, "compare", *files, *PHASES, "--phase", "FBC2/to_mar_2013=2012/13"
    )
    assert status == 1
    assert f"{files[1]}: --phase FBC2/to_mar_2013" in err
    assert "a project of the programme" in err
    status, _, err = call(capsys, "compare", *files)
    assert status == 1
    assert f"wecb: error: {files[0]}: " in err
    assert "hint: on the command line, phase each open period with --phase" in err


def test_compare_of_a_missing_file_is_an_error(
    capsys: pytest.CaptureFixture[str], files: tuple[str, str], tmp_path: Path
) -> None:
    missing = str(tmp_path / "missing.toml")
    status, _, err = call(capsys, "compare", files[0], missing, *PHASES)
    assert status == 1
    assert "missing.toml" in err


def test_appraise_new_economy_layout_prints_the_two_cases_and_the_agency_table(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = call(capsys, "appraise", *PHASES, "--layout", "new-economy")
    assert status == 0, err
    result = appraise(
        essex_2012(),
        base_year=FinancialYear(2012),
        price_base=FinancialYear(2012),
        phasing=PHASING,
    )
    financial, economic = result.financial_case, result.economic_case
    assert out.startswith("Financial case: Whole Essex Community Budget")
    assert "\n\nEconomic case: Whole Essex Community Budget" in out
    agencies = str(by_agency(result)).split("\nassumptions:")[0]
    assert "\n\n" + agencies + "\nassumptions:" in out
    lines = out.splitlines()

    def row(label: str) -> list[str]:
        return next(line for line in lines if line.startswith(label + "  ")).split()

    npbi = money_text(financial.net_present_budget_impact().amount)
    assert row("net present budget impact")[-2:] == [npbi, npbi]
    nppv = money_text(economic.net_present_public_value().amount)
    assert row("net present public value")[-2:] == [nppv, nppv]
    assert row("payback year")[-1] == str(financial.payback_year())
    assert row("benefit-cost ratio")[-1] == "6.58"
    # The same options print the summary table by default.
    status, summary, _ = call(capsys, "appraise", *PHASES)
    assert status == 0
    assert summary.startswith(f"Appraisal of {result.name}")


def test_appraise_new_economy_layout_shows_adjusted_beside_unadjusted(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = call(
        capsys, "appraise", *PHASES, "--layout", "new-economy", "--optimism-bias-grade", "5"
    )
    assert status == 0
    costs = next(line for line in out.splitlines() if line.startswith("PV costs")).split()
    assert costs[-2] != costs[-1]  # costs raised 25% after adjustment
    status, _, err = call(capsys, "appraise", *PHASES, "--layout", "nope")
    assert status == 2
    assert "invalid choice: 'nope'" in err
