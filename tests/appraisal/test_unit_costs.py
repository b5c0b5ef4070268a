"""Unit costs: the record, the library, the CSV layouts, the seed figures."""

from __future__ import annotations

import tempfile
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from strategies.prices import amounts_to_rebase, index_and_years
from wecb.appraisal.prices import PriceIndex
from wecb.appraisal.unit_costs import (
    SEED_UNIT_COSTS,
    UnitCost,
    UnitCostLibrary,
    load_unit_costs,
    unit_text,
)
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.errors import (
    AppraisalError,
    LoadError,
    UnknownKeyError,
    ValidationError,
    WecbTypeError,
)
from wecb.model.cashflows import ValueType

FAMILY = UnitCost(
    code="family",
    description="a family with complex needs",
    value=Money("250000.00"),
    unit="family / year",
    price_year=FinancialYear(2012),
    value_type=ValueType.FISCAL,
    source="a paper",
)

WECB_CSV = (
    "code,description,value,unit,price_year,value_type,cashable,theme,agency,confidence,source\n"
    "arrest,Police arrest,£720,per offender,2012/13,fiscal,true,crime,Police,2,Home Office\n"
)


def _write(tmp_path: Path, text: str, name: str = "costs.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_rate_per_and_text() -> None:
    assert str(FAMILY.rate.units) == "GBP / family / year"
    assert FAMILY.per == "per family per year"
    assert str(FAMILY) == "family: £250,000.00 per family per year (2012/13 prices, fiscal)"


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("family / year", "family / year"),
        ("per family per year", "family / year"),
        ("year/families", "family / year"),
        ("Young person per year", "year / young_person"),
        ("per capita", "person"),
    ],
)
def test_unit_text_is_canonical(text: str, canonical: str) -> None:
    assert unit_text(text) == canonical


def test_unit_must_be_cohort_or_time_units_in_canonical_form() -> None:
    with pytest.raises(AppraisalError, match="'widget' is not a cohort or time unit"):
        attrs.evolve(FAMILY, unit="widget")
    with pytest.raises(AppraisalError, match="write 'family / year'"):
        attrs.evolve(FAMILY, unit="per family per year")
    with pytest.raises(AppraisalError, match="twice"):
        unit_text("family / family")


def test_bad_fields_are_refused() -> None:
    with pytest.raises(ValidationError, match=r"UnitCost\.value"):
        attrs.evolve(FAMILY, value=Money("-1"))
    with pytest.raises(WecbTypeError, match=r"UnitCost\.price_year"):
        attrs.evolve(FAMILY, price_year="2012/13")  # type: ignore[arg-type]
    with pytest.raises(AppraisalError, match="cashability is for fiscal values"):
        attrs.evolve(FAMILY, value_type=ValueType.SOCIAL, cashable=False)
    with pytest.raises(AppraisalError, match=r"UnitCost\.confidence"):
        attrs.evolve(FAMILY, confidence=0)
    with pytest.raises(ValidationError, match=r"UnitCost\.code"):
        attrs.evolve(FAMILY, code="two words")


def test_rebased_moves_value_and_price_year() -> None:
    index = PriceIndex(name="ix", levels={"2012/13": "100", "2013/14": "104"}, illustrative=True)
    moved = FAMILY.rebased(index, FinancialYear(2013))
    assert moved.value == Money("260000")
    assert moved.price_year == FinancialYear(2013)
    assert moved.rebased(index, FinancialYear(2012)) == FAMILY


@given(index_and_years(), amounts_to_rebase())
def test_rebased_there_and_back_keeps_the_value_at_its_places(
    drawn: tuple[PriceIndex, FinancialYear, FinancialYear], value: Money
) -> None:
    index, a, b = drawn
    cost = attrs.evolve(FAMILY, value=value.round(), price_year=a)
    back = cost.rebased(index, b).rebased(index, a)
    assert back.price_year == a
    assert back.value.round() == cost.value


def test_library_lookup_and_rows() -> None:
    library = UnitCostLibrary(name="mine", costs=[FAMILY])
    assert library["family"] is FAMILY and "family" in library and len(library) == 1
    with pytest.raises(UnknownKeyError, match="its codes: family"):
        library["families"]
    rows = library.rows()
    assert rows[0]["value"] == Money("250000.00")
    assert rows.assumptions[0].name == "unit costs"
    assert "Unit costs: mine" in str(library)
    with pytest.raises(AppraisalError, match="codes repeat: family"):
        UnitCostLibrary(name="twice", costs=[FAMILY, FAMILY])


def test_seed_unit_costs_cite_their_documents() -> None:
    assert SEED_UNIT_COSTS.codes == (
        "essex_complex_family_cost",
        "essex_families_at_scale_saving",
        "ccg_management_allowance",
    )
    family = SEED_UNIT_COSTS["essex_complex_family_cost"]
    assert family.value == Money("250000") and family.unit == "family / year"
    assert "as much as £250,000/year" in family.source
    at_scale = SEED_UNIT_COSTS["essex_families_at_scale_saving"]
    assert at_scale.value * 500 == Money("26000000")
    for cost in SEED_UNIT_COSTS:
        assert ".txt" not in cost.source  # cited by title, never by file
        assert "wecb's reading" in cost.description


# -- CSV ---------------------------------------------------------------------------------


def test_load_wecb_layout(tmp_path: Path) -> None:
    library = load_unit_costs(_write(tmp_path, WECB_CSV))
    assert library.name == "costs"
    (cost,) = library
    assert cost == UnitCost(
        code="arrest",
        description="Police arrest",
        value=Money("720"),
        unit="offender",
        price_year=FinancialYear(2012),
        value_type=ValueType.FISCAL,
        cashable=True,
        theme="crime",
        agency="Police",
        confidence=2,
        source="Home Office",
    )


def test_load_unit_cost_database_layout(tmp_path: Path) -> None:
    text = (
        "Unit Cost Database (example sheet)\n"
        "ID,Theme,Outcome detail,Agency,Unit,Fiscal cost,Economic cost,Social cost,"
        "Price year,Source,Confidence\n"
        "C1,Crime,Domestic violence incident,Police,per victim,"
        '"£2,000",,"£10,500.50",2013/14,Home Office,3\n'
        "\n"
        "C2,Crime,Arrest,Police,per offender,£720,,,2012/13,Home Office,\n"
    )
    library = load_unit_costs(_write(tmp_path, text), name="ucd")
    assert library.codes == ("C1.fiscal", "C1.social", "C2.fiscal")
    social = library["C1.social"]
    assert (social.value, social.value_type, social.confidence) == (
        Money("10500.50"),
        ValueType.SOCIAL,
        3,
    )
    assert social.unit == "victim" and social.price_year == FinancialYear(2013)
    assert library["C2.fiscal"].confidence is None


def test_every_bad_cell_is_reported_with_row_column_and_value(tmp_path: Path) -> None:
    text = (
        "code,description,value,unit,price_year,value_type,source\n"
        "a,A,£1.5.0,family,2012/13,fiscal,s\n"
        "b,B,£2,family,2012/14,fiscal,s\n"
        "c,C,£3,widget,2012/13,fiscal,s\n"
        "d,D,£4,family,2012/13,fishy,s\n"
        "e,,£5,family,2012/13,fiscal,s\n"
    )
    with pytest.raises(LoadError) as caught:
        load_unit_costs(_write(tmp_path, text))
    message = str(caught.value)
    assert "costs.csv" in message and "5 problems" in message
    assert "row 2, column 'value': '£1.5.0' cannot be read" in message
    assert "row 3, column 'price_year': '2012/14'" in message
    assert "row 4, column 'unit': 'widget' cannot be read" in message
    assert "row 5, column 'value_type': 'fishy'" in message
    assert "row 6, column 'description': empty; required" in message
    assert len(caught.value.problems) == 5


def test_header_problems(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="no header row"):
        load_unit_costs(_write(tmp_path, "a,b\n1,2\n"))
    with pytest.raises(LoadError, match=r"unknown column\(s\) 'colour'"):
        load_unit_costs(_write(tmp_path, WECB_CSV.replace("source\n", "source,colour\n")))
    with pytest.raises(LoadError, match="not 'unit_cost_database' as asked"):
        load_unit_costs(_write(tmp_path, WECB_CSV), layout="unit_cost_database")
    with pytest.raises(LoadError, match="layout"):
        load_unit_costs(_write(tmp_path, WECB_CSV), layout="excel")  # type: ignore[arg-type]


def test_a_float_like_or_overlong_row_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="row 2: 12 cells, but the header has 11"):
        load_unit_costs(_write(tmp_path, WECB_CSV.replace("Home Office", "Home Office,x")))


def test_not_a_file_and_too_big(tmp_path: Path) -> None:
    with pytest.raises(LoadError):
        load_unit_costs(tmp_path / "missing.csv")
    with pytest.raises(LoadError, match="bytes"):
        load_unit_costs(_write(tmp_path, WECB_CSV), max_bytes=10)


@given(st.sampled_from(["wecb", None]))
def test_layout_may_be_named_or_found(layout: str | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = _write(Path(folder), WECB_CSV)
        assert load_unit_costs(path, layout=layout).codes == ("arrest",)  # type: ignore[arg-type]


def test_quoted_cells_and_malformed_csv(tmp_path: Path) -> None:
    quoted = WECB_CSV.replace("Police arrest", '"Police arrest, with\nbooking"')
    (cost,) = load_unit_costs(_write(tmp_path, quoted))
    assert cost.description == "Police arrest, with\nbooking"
    huge = WECB_CSV.replace("Police arrest", "x" * 200_000)
    with pytest.raises(LoadError, match="not CSV at line 2"):
        load_unit_costs(_write(tmp_path, huge))
