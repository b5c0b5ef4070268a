"""Programmes read from files hold their flows as columns: they behave as the programme
built from cash-flow objects, in every way a reader can tell (equality, hashing, iteration,
pickling, rollups, who-pays, appraisals, saving), and Parquet files keep them exactly."""

from __future__ import annotations

import pickle
import tempfile
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import wecb.io as io
from strategies.lines import line_programmes
from wecb.appraisal import appraise
from wecb.core.money import Money
from wecb.core.periods import FinancialYear, OpenPeriod
from wecb.errors import LoadError, ProgrammeError
from wecb.model._flow_columns import FlowColumns, Joined
from wecb.model.cashflows import CashFlow, Nature, ValueType
from wecb.model.programme import Programme
from wecb.model.projects import Project
from wecb.rollups import Lines, rollup
from wecb.rollups.dimensions import DIMENSIONS
from wecb.whopays.attribution import who_pays

FY = FinancialYear(2014)
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _columns_of(programme: Programme) -> list[FlowColumns]:
    return [
        flows
        for project in programme.projects
        for flows in (project.flows, project.counterfactual)
        if isinstance(flows, FlowColumns)
    ]


@SLOW
@given(line_programmes(), st.sampled_from(("json", "toml")))
def test_a_programme_read_into_columns_equals_the_one_built_from_objects(
    programme: Programme, fmt: str
) -> None:
    loaded = io.loads(io.dumps(programme, fmt), fmt)  # type: ignore[arg-type]
    assert loaded == programme
    assert programme == loaded
    for mine, theirs in zip(loaded.projects, programme.projects, strict=True):
        assert mine == theirs
        assert hash(mine) == hash(theirs)
        for name in ("flows", "counterfactual"):
            held, built = getattr(mine, name), getattr(theirs, name)
            assert held == built
            assert len(held) == len(built)
            assert list(held) == list(built)
            assert [held[i] for i in range(-len(held), len(held))] == [
                built[i] for i in range(-len(built), len(built))
            ]
            assert held[1:3] == built[1:3]
            assert tuple(mine.cash_flows) == tuple(theirs.cash_flows)
    again = pickle.loads(pickle.dumps(loaded))
    assert again == programme
    assert io.dumps(loaded, fmt) == io.dumps(programme, fmt)  # type: ignore[arg-type]


@SLOW
@given(line_programmes())
def test_rollups_and_who_pays_of_columns_equal_those_of_objects(programme: Programme) -> None:
    """Read from JSON (each project its own tables) and from Parquet (every project sharing
    the file's tables, which may hold templates and periods only other projects, or only
    counterfactuals, use): the same rollups, with no axis value that has no line."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.parquet"
        io.save(programme, path)
        from_parquet = io.load(path)
    for loaded in (io.loads(io.dumps(programme, "json"), "json"), from_parquet):
        for by in [(), *((d,) for d in DIMENSIONS), ("project", "period", "partner")]:
            for engine in ("objects", "columnar"):
                mine = rollup(loaded, by, engine=engine)  # type: ignore[arg-type]
                theirs = rollup(programme, by, engine=engine)  # type: ignore[arg-type]
                assert mine.rows() == theirs.rows()
                assert mine.total == theirs.total
        mine_lines, their_lines = Lines.from_programme(loaded), Lines.from_programme(programme)
        assert len(mine_lines) == len(their_lines)
        for axis in ("project", "domain", "partner", "stream", "period"):
            assert mine_lines.axis(axis) == their_lines.axis(axis)
        assert who_pays(loaded).rows() == who_pays(programme).rows()
        # Repeated rollups read what the programme kept, and agree.
        assert rollup(loaded, "partner").rows() == rollup(loaded, "partner").rows()


def test_projects_read_from_parquet_share_the_files_tables() -> None:
    one = _lines_programme(6)
    flows = one.project("P").flows
    # Q pays only from its counterfactual as "b": no flow of the programme is "b"'s cost.
    cost_by_b = attrs.evolve(flows[0], payer="b", period=FinancialYear(2030))
    projects = (
        *one.projects,
        Project(key="Q", title="T", domain="d", flows=flows[:2], counterfactual=(cost_by_b,)),
    )
    programme = attrs.evolve(one, projects=projects)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.parquet"
        io.save(programme, path)
        loaded = io.load(path)
    held = _columns_of(loaded)
    assert len(held) > 1
    assert all(h.templates is held[0].templates for h in held)
    assert all(h.periods is held[0].periods for h in held)
    assert loaded == programme
    assert rollup(loaded, "partner").rows() == rollup(programme, "partner").rows()
    lines = Lines.from_programme(loaded)
    assert lines.axis("partner") == Lines.from_programme(programme).axis("partner")
    assert FinancialYear(2030) not in lines.axis("period")


@SLOW
@given(line_programmes())
def test_appraisals_of_columns_equal_those_of_objects(programme: Programme) -> None:
    loaded = io.loads(io.dumps(programme, "json"), "json")
    options = {"base_year": FY, "price_base": FY, "allow_before_base": True}
    try:
        theirs = appraise(programme, **options)  # type: ignore[arg-type]
    except Exception as exc:  # the same refusal, word for word
        with pytest.raises(type(exc)) as caught:
            appraise(loaded, **options)  # type: ignore[arg-type]
        assert str(caught.value) == str(exc)
        return
    mine = appraise(loaded, **options)  # type: ignore[arg-type]
    assert mine == theirs
    assert mine.lines == theirs.lines


@SLOW
@given(line_programmes())
def test_a_parquet_file_keeps_the_programme_exactly(programme: Programme) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.parquet"
        assert io.save(programme, path) == path
        loaded = io.load(path)
        assert loaded == programme
        # Saved again from its columns, it reads back the same.
        io.save(loaded, path)
        assert io.load(path) == programme


@SLOW
@given(line_programmes())
def test_a_parquet_file_of_many_row_groups_reads_the_same(programme: Programme) -> None:
    """Rows read in batches, each with its own dictionaries, give the same programme."""
    import pyarrow.parquet as pq  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.parquet"
        io.save(programme, path)
        table = pq.read_table(path)
        pq.write_table(table, path, row_group_size=3, use_dictionary=["payer", "period"])
        assert io.load(path) == programme


def _lines_programme(count: int) -> Programme:
    from wecb.model.domains import Domain, DomainKind  # noqa: PLC0415
    from wecb.model.partners import Partner, PartnerKind  # noqa: PLC0415

    flows = tuple(
        CashFlow(
            amount=Money(f"{i}.{i % 100:02d}"),
            nature=Nature.BENEFIT if i % 2 else Nature.COST,
            period=FinancialYear(2012 + i % 4),
            value_type=ValueType.FISCAL if i % 2 else None,
            cashable=bool(i % 3),
            payer=None if i % 2 else "a",
            beneficiary="b" if i % 2 else None,
            label=f"line {i % 7}" if i % 5 else None,
        )
        for i in range(count)
    )
    return Programme(
        name="Columns",
        place="Here",
        partners=(
            Partner(key="a", name="A", kind=PartnerKind.COUNTY_COUNCIL),
            Partner(key="b", name="B", kind=PartnerKind.OTHER_PUBLIC),
        ),
        domains=(Domain(key="d", name="D", kind=DomainKind.THEMATIC),),
        projects=(Project(key="P", title="T", domain="d", flows=flows),),
    )


def test_a_loaded_project_holds_columns_and_keeps_its_lines() -> None:
    programme = _lines_programme(60)
    loaded = io.loads(io.dumps(programme, "json"), "json")
    held = loaded.project("P").flows
    assert isinstance(held, FlowColumns)
    assert held.minor_units is not None  # every amount whole pence: int64 minor units
    assert held == programme.project("P").flows
    assert programme.project("P").flows == held
    assert held != programme.project("P").flows[:-1]
    assert held[-1] == programme.project("P").flows[-1]
    assert held[0] in held
    assert repr(held) == repr(programme.project("P").flows)
    with pytest.raises(IndexError):
        held[60]
    with pytest.raises(AttributeError):
        held.x = 1  # type: ignore[attr-defined]
    # The amounts keep the places they were written with (str shows pence either way).
    assert [f.amount.amount for f in held] == [
        f.amount.amount for f in programme.project("P").flows
    ]
    assert rollup(loaded, "period") is not rollup(loaded, "period")


def test_sub_penny_amounts_are_kept_exactly() -> None:
    programme = _lines_programme(6)
    project = programme.project("P")
    odd = attrs.evolve(project.flows[0], amount=Money("0.001"))
    programme = programme.with_project(attrs.evolve(project, flows=(odd, *project.flows[1:])))
    loaded = io.loads(io.dumps(programme, "json"), "json")
    held = loaded.project("P").flows
    assert isinstance(held, FlowColumns)
    assert held.minor_units is None
    assert loaded == programme
    assert rollup(loaded, "period").rows() == rollup(programme, "period").rows()


def test_a_table_and_columns_join() -> None:
    from wecb.model.tables import CostBenefitTable  # noqa: PLC0415

    table = CostBenefitTable.from_thousands(
        costs_to_mar_2013="1",
        costs_to_mar_2014="2",
        costs_further_implementation="0",
        net_cashable="-5",
        net_non_cashable="0",
        net_total="-5",
    )
    programme = _lines_programme(8)
    with pytest.raises(ProgrammeError):  # the table's open periods must be listed
        programme.with_project(attrs.evolve(programme.project("P"), table=table))
    periods = tuple(
        p for p in (*table.cost_periods, table.benefit_period) if isinstance(p, OpenPeriod)
    )
    programme = programme.evolve(periods=periods)
    programme = programme.with_project(attrs.evolve(programme.project("P"), table=table))
    loaded = io.loads(io.dumps(programme, "json"), "json")
    assert isinstance(loaded.project("P").cash_flows, Joined)
    assert tuple(loaded.project("P").cash_flows) == tuple(programme.project("P").cash_flows)
    assert rollup(loaded, "period", engine="columnar").rows() == rollup(programme, "period").rows()


def test_an_unknown_partner_in_columns_is_named_as_for_objects() -> None:
    programme = _lines_programme(10)
    text = io.dumps(programme, "json").replace('"payer": "a"', '"payer": "zz"', 1)
    with pytest.raises(LoadError) as caught:
        io.loads(text, "json")
    assert "projects['P'].lines[0].payer: unknown partner 'zz'" in str(caught.value)


def test_a_parquet_file_is_checked() -> None:
    programme = _lines_programme(12)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.parquet"
        io.save(programme, path)
        assert isinstance(io.load(path).project("P").flows, FlowColumns)
        with pytest.raises(LoadError, match="larger than the limit"):
            io.load(path, max_bytes=100)
        bad = Path(folder) / "bad.parquet"
        bad.write_bytes(b"not parquet at all")
        with pytest.raises(LoadError, match="not a readable Parquet file"):
            io.load(bad)
        with pytest.raises(LoadError, match="binary format"):
            io.dumps(programme, "parquet")  # type: ignore[arg-type]
        with pytest.raises(LoadError, match="binary format"):
            io.loads("", "parquet")  # type: ignore[arg-type]


def test_a_parquet_amount_too_large_is_refused() -> None:
    programme = _lines_programme(3)
    project = programme.project("P")
    huge = attrs.evolve(project.flows[0], amount=Money("1" + "0" * 40))
    programme = programme.with_project(attrs.evolve(project, flows=(huge,)))
    with tempfile.TemporaryDirectory() as folder, pytest.raises(LoadError, match="38 digits"):
        io.save(programme, Path(folder) / "p.parquet")


def test_parquet_keeps_sub_penny_amounts() -> None:
    programme = _lines_programme(5)
    project = programme.project("P")
    odd = attrs.evolve(project.flows[0], amount=Money("0.0015"))
    programme = programme.with_project(attrs.evolve(project, flows=(odd, *project.flows[1:])))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.parquet"
        io.save(programme, path)
        loaded = io.load(path)
    held = loaded.project("P").flows
    assert isinstance(held, FlowColumns)
    assert held.minor_units is None
    assert loaded == programme


def test_a_bad_parquet_row_is_named_as_a_line() -> None:
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.parquet as pq  # noqa: PLC0415

    programme = _lines_programme(6)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.parquet"
        io.save(programme, path)
        table = pq.read_table(path)
        natures = table.column("nature").to_pylist()
        natures[3] = "gift"
        column = pa.array(natures, type=pa.string()).dictionary_encode()
        table = table.set_column(table.column_names.index("nature"), "nature", column)
        pq.write_table(table, path)
        with pytest.raises(LoadError) as caught:
            io.load(path)
    assert "lines[3].nature" in str(caught.value)
    assert "'gift'" in str(caught.value)
