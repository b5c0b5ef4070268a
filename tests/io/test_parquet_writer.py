"""The Parquet writer writes flows held as columns from their columns: the file is the one
written flow by flow (a reference writer here, from each flow's plain form), byte for byte,
however the programme's flows are held (tuples, columns with tables of their own or shared
from one file, a mix of both, whole pence or exact decimals)."""

from __future__ import annotations

import json
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import wecb.io as io
from strategies.lines import line_programmes
from wecb.core.currency import minor_digits
from wecb.core.money import Money
from wecb.core.periods import FinancialYear
from wecb.errors import LoadError
from wecb.io._convert import converter
from wecb.io._parquet import parquet_bytes
from wecb.model._flow_columns import FlowColumns
from wecb.model.cashflows import CashFlow, Nature
from wecb.model.programme import Programme
from wecb.model.projects import Project

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_ATTRIBUTES = (
    "nature",
    "cost_type",
    "value_type",
    "cashable",
    "payer",
    "beneficiary",
    "stream",
    "label",
    "source",
    "price_year",
    "requires",
)


def _reference_bytes(programme: Programme) -> bytes:
    """The file written one flow at a time from each flow's plain form (the writer as it
    was before it read columns)."""
    conv = converter()
    columns: dict[str, list[Any]] = {
        name: [] for name in ("project", "field", "amount", "period", *_ATTRIBUTES)
    }
    for project in programme.projects:
        for field in ("flows", "counterfactual"):
            flows: tuple[CashFlow, ...] = tuple(getattr(project, field))
            for flow in flows:
                plain = conv.unstructure(flow)
                columns["project"].append(project.key)
                columns["field"].append(field)
                columns["amount"].append(flow.amount.amount)
                columns["period"].append(plain["period"])
                for name in _ATTRIBUTES:
                    value = plain.get(name)
                    if name in ("source", "requires") and value is not None:
                        value = json.dumps(value, ensure_ascii=False) if value != () else None
                    columns[name].append(value)
    amounts: list[Decimal] = columns["amount"]
    scale = max([minor_digits(programme.currency), *(-a.as_tuple().exponent for a in amounts)])  # type: ignore[operator]
    arrays = {
        name: pa.array(values, type=pa.decimal128(38, scale))
        if name == "amount"
        else pa.array(values, type=pa.bool_())
        if name == "cashable"
        else pa.array(values, type=pa.string()).dictionary_encode()
        for name, values in columns.items()
    }
    table = pa.table(arrays).replace_schema_metadata({b"wecb.programme": b"{}"})
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    return bytes(sink.getvalue())


def _check_written(programme: Programme) -> None:
    written = parquet_bytes(programme, {}, {})
    expected = _reference_bytes(programme)
    assert pq.read_table(pa.BufferReader(written)).equals(pq.read_table(pa.BufferReader(expected)))
    assert written == expected


def _from_parquet(programme: Programme) -> Programme:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.parquet"
        io.save(programme, path)
        return io.load(path)


@SLOW
@given(line_programmes(), st.data())
def test_the_file_is_the_one_written_flow_by_flow(
    programme: Programme, data: st.DataObject
) -> None:
    from_json = io.loads(io.dumps(programme, "json"), "json")
    from_parquet = _from_parquet(programme)
    assert from_parquet == programme
    # A mix: some projects as drawn (tuples), the rest as read (columns sharing tables).
    mixed = from_parquet.evolve(
        projects=tuple(
            drawn if data.draw(st.booleans()) else read
            for drawn, read in zip(programme.projects, from_parquet.projects, strict=True)
        )
    )
    for held in (programme, from_json, from_parquet, mixed):
        _check_written(held)


def _minor_units(programme: Programme, key: str) -> object:
    flows = programme.project(key).flows
    assert isinstance(flows, FlowColumns)
    return flows.minor_units


def _programme(count: int, amounts: list[str] | None = None) -> Programme:
    """A programme of two projects of ``count`` flows each (``amounts`` the first's)."""
    from wecb.model.domains import Domain, DomainKind  # noqa: PLC0415
    from wecb.model.partners import Partner, PartnerKind  # noqa: PLC0415

    def flows(payer: str, texts: list[str]) -> tuple[CashFlow, ...]:
        return tuple(
            CashFlow(
                amount=Money(text),
                nature=Nature.COST,
                period=FinancialYear(2014 + i % 7),
                payer=payer,
                label=f"line {i}" if i % 3 == 0 else None,
            )
            for i, text in enumerate(texts)
        )

    texts = [f"{i}.{i % 100:02d}" for i in range(count)]
    return Programme(
        name="N",
        place="Here",
        partners=(
            Partner(key="a", name="A", kind=PartnerKind.COUNTY_COUNCIL),
            Partner(key="b", name="B", kind=PartnerKind.OTHER_PUBLIC),
        ),
        domains=(Domain(key="d", name="D", kind=DomainKind.THEMATIC),),
        projects=(
            Project(key="P", title="T", domain="d", flows=flows("a", amounts or texts)),
            Project(key="Q", title="T", domain="d", flows=flows("b", texts)),
        ),
    )


def test_columns_and_exact_decimals_mix() -> None:
    # P keeps exact decimals (a tenth of a penny), Q whole pence scaled to 3 places.
    programme = _programme(20, ["0.001", *(f"{i}.5" for i in range(19))])
    loaded = io.loads(io.dumps(programme, "json"), "json")
    assert _minor_units(loaded, "P") is None
    assert _minor_units(loaded, "Q") is not None
    _check_written(loaded)
    assert _from_parquet(loaded) == programme


def test_minor_units_too_large_to_scale_go_through_decimals() -> None:
    # Q's pence times 10**7 pass int64: its amounts are written as decimals instead.
    big = _programme(5)
    q = big.project("Q")
    huge = tuple(attrs.evolve(f, amount=Money("90000000000000000.25")) for f in q.flows)
    big = big.with_project(attrs.evolve(q, flows=huge))
    p = big.project("P")
    odd = attrs.evolve(p.flows[0], amount=Money("0.000000001"))
    big = big.with_project(attrs.evolve(p, flows=(odd, *p.flows[1:])))
    loaded = io.loads(io.dumps(big, "json"), "json")
    assert _minor_units(loaded, "Q") is not None
    _check_written(loaded)
    assert _from_parquet(loaded) == big


def test_an_amount_too_large_is_named_by_its_place_among_all_flows() -> None:
    programme = _programme(4)
    q = programme.project("Q")
    huge = attrs.evolve(q.flows[1], amount=Money("1" + "0" * 40))
    programme = programme.with_project(attrs.evolve(q, flows=(q.flows[0], huge)))
    loaded = io.loads(io.dumps(programme, "json"), "json")
    with pytest.raises(LoadError, match=r"flow 5 .* does not fit a Parquet decimal of 38"):
        parquet_bytes(loaded, {}, {})


def test_a_programme_without_flows_is_written_as_before() -> None:
    programme = _programme(0)
    _check_written(programme)
    _check_written(_programme(3))
