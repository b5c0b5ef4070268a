"""Hypothesis strategies shared by every test module.

Each section belongs to one concept; later issues reuse them. Add, don't rewrite.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import strategies as st

from wecb.core.money import Money

# -- Money ---------------------------------------------------------------------------


def amounts(max_digits: int = 15, max_places: int = 4) -> st.SearchStrategy[Decimal]:
    """Finite Decimal amounts of either sign, kept as built: up to ``max_digits``
    significant digits and an exponent from ``-max_places`` to ``+3`` (so some
    amounts look like ``Decimal('5E+3')``, as products can)."""
    bound = 10**max_digits - 1
    return st.builds(
        lambda n, exponent: Decimal(f"{n}E{exponent}"),
        st.integers(-bound, bound),
        st.integers(-max_places, 3),
    )


def money(
    currency: str = "GBP", max_digits: int = 15, max_places: int = 4
) -> st.SearchStrategy[Money]:
    """Money in ``currency`` with amounts from :func:`amounts`."""
    return st.builds(Money, amounts(max_digits, max_places), st.just(currency))


def currencies() -> st.SearchStrategy[str]:
    """ISO 4217 codes: GBP and EUR (which have symbols) and others with 0, 2 or 3 places."""
    return st.sampled_from(["GBP", "EUR", "USD", "JPY", "KWD", "CHF"])


def weights(
    min_size: int = 1, max_size: int = 8
) -> st.SearchStrategy[list[int | Decimal | Fraction]]:
    """Allocation weights (int, Decimal and Fraction mixed), none negative, not all zero."""
    weight = st.one_of(
        st.integers(0, 1000),
        st.builds(lambda n: Decimal(f"{n}E-2"), st.integers(0, 100_000)),
        st.fractions(min_value=0, max_value=100, max_denominator=60),
    )
    return st.lists(weight, min_size=min_size, max_size=max_size).filter(
        lambda ws: any(w != 0 for w in ws)
    )


# -----------------------------------------------------------------------------------------
# Model: partners, domains, integration, funding streams, cash flows, projects, programmes.
# Names are prefixed or model-specific so that other sections' helpers never collide.
# -----------------------------------------------------------------------------------------
import string as _model_string  # noqa: E402
from functools import cache as _model_cache  # noqa: E402
from typing import Any as _ModelAny  # noqa: E402

from hypothesis import strategies as mst  # noqa: E402

from wecb.core.periods import FinancialYear, OpenPeriod, Period  # noqa: E402
from wecb.model.cashflows import CashFlow, CostType, Nature, ValueType  # noqa: E402
from wecb.model.domains import Domain, DomainKind  # noqa: E402
from wecb.model.funding import PROGRAMME, FundingBasis, FundingStream  # noqa: E402
from wecb.model.integration import POOLING_RULE, IntegrationLevel, PoolingArrangement  # noqa: E402
from wecb.model.partners import Partner, PartnerKind  # noqa: E402
from wecb.model.programme import Programme  # noqa: E402
from wecb.model.projects import TABLE_OPEN_PERIODS, CostBenefitTable, Pilot, Project, Stage  # noqa: E402

MODEL_KEY_REGEX = r"[a-z][a-z0-9_]{0,7}"
#: The open periods every generated programme lists (the Essex table columns).
MODEL_OPEN_PERIODS: tuple[OpenPeriod, ...] = TABLE_OPEN_PERIODS


# Cached: building and validating a strategy costs more than drawing from it.
@_model_cache
def model_keys() -> mst.SearchStrategy[str]:
    """Valid model keys (matching ``MODEL_KEY_REGEX``; built directly, which is faster)."""
    return mst.builds(
        str.__add__,
        mst.sampled_from(_model_string.ascii_lowercase),
        mst.text(alphabet=_model_string.ascii_lowercase + _model_string.digits + "_", max_size=7),
    )


@_model_cache
def model_text() -> mst.SearchStrategy[str]:
    """Non-blank display text."""
    first = _model_string.ascii_letters + _model_string.digits + "£"
    return mst.builds(
        str.__add__, mst.sampled_from(first), mst.text(alphabet=first + " '-", max_size=19)
    )


@_model_cache
def model_money(
    currency: str = "GBP", *, min_pounds: int = 0, max_pounds: int = 10**9
) -> mst.SearchStrategy[Money]:
    """Money to the penny within a range (non-negative by default)."""
    return mst.decimals(
        min_value=min_pounds, max_value=max_pounds, places=2, allow_nan=False, allow_infinity=False
    ).map(lambda d: Money(d, currency))


@_model_cache
def model_thousands(*, max_thousands: int = 200_000) -> mst.SearchStrategy[Money]:
    """Whole £'000 figures as the published tables give them (non-negative)."""
    return mst.integers(0, max_thousands).map(Money.from_thousands)


@_model_cache
def model_financial_years() -> mst.SearchStrategy[FinancialYear]:
    return mst.integers(2005, 2030).map(FinancialYear)


@_model_cache
def model_periods(
    open_periods: tuple[OpenPeriod, ...] = MODEL_OPEN_PERIODS,
) -> mst.SearchStrategy[Period]:
    """A financial year or one of ``open_periods``."""
    years: mst.SearchStrategy[Period] = model_financial_years()
    if not open_periods:
        return years
    return mst.one_of(years, mst.sampled_from(open_periods))


@mst.composite
def partners(draw: mst.DrawFn, key: str | None = None) -> Partner:
    return Partner(
        key=key if key is not None else draw(model_keys()),
        name=draw(model_text()),
        kind=draw(mst.sampled_from(PartnerKind)),
        source=draw(_model_optional_text()),
    )


@mst.composite
def domains(draw: mst.DrawFn, key: str | None = None) -> Domain:
    return Domain(
        key=key if key is not None else draw(model_keys()),
        name=draw(model_text()),
        kind=draw(mst.sampled_from(DomainKind)),
        source=draw(_model_optional_text()),
    )


@_model_cache
def _model_project_keys() -> mst.SearchStrategy[str]:
    return model_keys().filter(lambda k: k != PROGRAMME)


@_model_cache
def _model_optional_text() -> mst.SearchStrategy[str | None]:
    return mst.none() | model_text()


def _model_pick(options: tuple[str, ...] | list[str]) -> mst.SearchStrategy[str | None]:
    """``None`` or one of ``options`` (just ``None`` when there are none)."""
    return mst.none() | mst.sampled_from(options) if options else mst.none()


@mst.composite
def funding_streams(
    draw: mst.DrawFn,
    key: str | None = None,
    *,
    funders: tuple[str, ...] = (),
    recipients: mst.SearchStrategy[str | None] | None = None,
    arrangements: tuple[PoolingArrangement, ...] = tuple(PoolingArrangement),
    open_periods: tuple[OpenPeriod, ...] = MODEL_OPEN_PERIODS,
    currency: str = "GBP",
) -> FundingStream:
    return FundingStream(
        key=key if key is not None else draw(model_keys()),
        name=draw(model_text()),
        funder=draw(mst.sampled_from(funders)) if funders else draw(model_keys()),
        arrangement=draw(mst.sampled_from(arrangements)),
        amount=draw(mst.none() | model_money(currency)),
        basis=draw(mst.sampled_from(FundingBasis)),
        periods=tuple(draw(mst.lists(model_periods(open_periods), max_size=4, unique=True))),
        ring_fenced=draw(mst.booleans()),
        recipient=draw(recipients if recipients is not None else mst.none() | mst.just(PROGRAMME)),
        note=draw(_model_optional_text()),
        source=draw(_model_optional_text()),
    )


@mst.composite
def cash_flows(
    draw: mst.DrawFn,
    *,
    partner_keys: tuple[str, ...] = (),
    stream_keys: tuple[str, ...] = (),
    open_periods: tuple[OpenPeriod, ...] = MODEL_OPEN_PERIODS,
    currency: str = "GBP",
    nature: Nature | None = None,
) -> CashFlow:
    """A valid cash flow whose references are drawn from the keys given."""
    nature = nature if nature is not None else draw(mst.sampled_from(Nature))
    common: dict[str, _ModelAny] = {
        "amount": draw(model_money(currency)),
        "nature": nature,
        "period": draw(model_periods(open_periods)),
        "label": draw(_model_optional_text()),
        "source": draw(_model_optional_text()),
    }
    if nature is Nature.COST:
        cost_type = draw(mst.none() | mst.sampled_from(CostType))
        return CashFlow(
            **common,
            cashable=False if cost_type is CostType.IN_KIND else draw(mst.booleans()),
            cost_type=cost_type,
            payer=draw(_model_pick(partner_keys)),
            stream=draw(_model_pick(stream_keys)),
        )
    return CashFlow(
        **common,
        cashable=draw(mst.booleans()),
        value_type=draw(mst.sampled_from(ValueType)),
        beneficiary=draw(_model_pick(partner_keys)),
    )


@mst.composite
def cost_benefit_tables(
    draw: mst.DrawFn, *, consistent: bool | None = True, currency: str = "GBP"
) -> CostBenefitTable:
    """A table built from non-negative costs and gross benefits in whole £'000.

    ``consistent=True`` gives net total = cashable + non-cashable; ``False`` a total off by
    a non-zero amount; ``None`` either.
    """
    c1, c2, c3, cashable, non_cashable = (draw(model_thousands()) for _ in range(5))
    net_cashable = c1 + c2 + c3 - cashable
    net_non_cashable = -non_cashable
    total = net_cashable + net_non_cashable
    if consistent is None:
        consistent = draw(mst.booleans())
    if not consistent:
        total = total + draw(mst.integers(-5000, 5000).filter(bool).map(Money.from_thousands))
    return CostBenefitTable(
        costs_to_mar_2013=Money(c1.amount, currency),
        costs_to_mar_2014=Money(c2.amount, currency),
        costs_further_implementation=Money(c3.amount, currency),
        net_cashable=Money(net_cashable.amount, currency),
        net_non_cashable=Money(net_non_cashable.amount, currency),
        net_total=Money(total.amount, currency),
        non_cashable_value_type=draw(mst.sampled_from(ValueType)),
        source=draw(_model_optional_text()),
    )


@mst.composite
def pilots(draw: mst.DrawFn, key: str | None = None) -> Pilot:
    return Pilot(
        key=key if key is not None else draw(model_keys()),
        name=draw(model_text()),
        area=draw(model_text()),
        integration_level=draw(mst.sampled_from(IntegrationLevel)),
        source=draw(_model_optional_text()),
    )


@mst.composite
def projects(
    draw: mst.DrawFn,
    key: str | None = None,
    *,
    domain_keys: tuple[str, ...] = (),
    partner_keys: tuple[str, ...] = (),
    stream_keys: tuple[str, ...] = (),
    integration_level: IntegrationLevel | bool | None = True,
    open_periods: tuple[OpenPeriod, ...] = MODEL_OPEN_PERIODS,
    currency: str = "GBP",
) -> Project:
    """A valid project; references are drawn from the keys given (any keys if none).

    ``integration_level=True`` draws a level (or ``None``); otherwise it is used as given.
    """
    leads = (
        draw(mst.lists(mst.sampled_from(partner_keys), max_size=3, unique=True))
        if partner_keys
        else []
    )
    pilot_keys = draw(mst.lists(model_keys(), max_size=2, unique=True))
    level = (
        draw(mst.none() | mst.sampled_from(IntegrationLevel))
        if integration_level is True
        else integration_level
    )
    assert level is None or isinstance(level, IntegrationLevel)
    return Project(
        key=key if key is not None else draw(model_keys()),
        title=draw(model_text()),
        domain=draw(mst.sampled_from(domain_keys)) if domain_keys else draw(model_keys()),
        leads=tuple(leads),
        big_idea=draw(_model_optional_text()),
        approach=tuple(draw(mst.lists(model_text(), max_size=2))),
        asks=tuple(draw(mst.lists(model_text(), max_size=2))),
        integration_level=level,
        stage=draw(mst.sampled_from(Stage)),
        table=draw(mst.none() | cost_benefit_tables(consistent=None, currency=currency)),
        flows=tuple(
            draw(
                mst.lists(
                    cash_flows(
                        partner_keys=partner_keys,
                        stream_keys=stream_keys,
                        open_periods=open_periods,
                        currency=currency,
                    ),
                    max_size=4,
                )
            )
        ),
        pilots=tuple(draw(pilots(key=k)) for k in pilot_keys),
        source=draw(_model_optional_text()),
    )


@mst.composite
def programmes(
    draw: mst.DrawFn, *, max_partners: int = 4, max_projects: int = 3, currency: str = "GBP"
) -> Programme:
    """A programme that is valid by construction."""
    partner_keys = tuple(
        draw(mst.lists(model_keys(), min_size=1, max_size=max_partners, unique=True))
    )
    domain_keys = tuple(draw(mst.lists(model_keys(), min_size=1, max_size=3, unique=True)))
    project_keys = tuple(
        draw(mst.lists(_model_project_keys(), max_size=max_projects, unique=True))
    )
    levels = {k: draw(mst.none() | mst.sampled_from(IntegrationLevel)) for k in project_keys}
    stream_keys = tuple(draw(mst.lists(model_keys(), max_size=3, unique=True)))
    # Each stream goes to the programme or to one project whose level admits its arrangement.
    recipients = {k: draw(mst.sampled_from((PROGRAMME, *project_keys))) for k in stream_keys}
    streams = []
    for key in stream_keys:
        recipient = recipients[key]
        level = levels.get(recipient)
        allowed = tuple(a for a in PoolingArrangement if level is None or level >= POOLING_RULE[a])
        streams.append(
            draw(
                funding_streams(
                    key,
                    funders=partner_keys,
                    recipients=mst.just(recipient),
                    arrangements=allowed,
                    currency=currency,
                )
            )
        )
    built = []
    for key in project_keys:
        usable = tuple(k for k in stream_keys if recipients[k] in (PROGRAMME, key))
        built.append(
            draw(
                projects(
                    key,
                    domain_keys=domain_keys,
                    partner_keys=partner_keys,
                    stream_keys=usable,
                    integration_level=levels[key],
                    currency=currency,
                )
            )
        )
    return Programme(
        name=draw(model_text()),
        place=draw(model_text()),
        partners=tuple(draw(partners(key=k)) for k in partner_keys),
        domains=tuple(draw(domains(key=k)) for k in domain_keys),
        projects=tuple(built),
        funding_streams=tuple(streams),
        periods=MODEL_OPEN_PERIODS,
        notes=tuple(draw(mst.lists(model_text(), max_size=2))),
        currency=currency,
        source=draw(_model_optional_text()),
    )


@mst.composite
def programme_parts(draw: mst.DrawFn) -> dict[str, _ModelAny]:
    """Keyword arguments for :class:`Programme` whose parts are each valid but whose graph
    may not be: keys come from a tiny pool, so duplicates and unknown references are
    common, as are other currencies, undeclared or redefined open periods, and pooled
    streams given to projects at low integration levels."""
    pool = ("a", "b", "c", PROGRAMME)
    # Mostly right, sometimes wrong, so that valid programmes are common too.
    keys = mst.sampled_from(pool)
    project_keys = mst.sampled_from(("a", "b", "c") * 3 + (PROGRAMME,))
    currency, other = draw(mst.permutations(("GBP", "EUR")))
    money_currency = mst.sampled_from((currency,) * 5 + (other,))
    odd_period = OpenPeriod(key="to_mar_2013", label="Redefined", until=FinancialYear(2013))
    declared = MODEL_OPEN_PERIODS
    if not draw(mst.integers(0, 3)):
        declared = tuple(draw(mst.lists(mst.sampled_from(MODEL_OPEN_PERIODS), unique=True)))
    if not draw(mst.integers(0, 3)):
        declared = (*declared, odd_period)
    usable_periods = MODEL_OPEN_PERIODS
    if not draw(mst.integers(0, 3)):
        usable_periods = (*MODEL_OPEN_PERIODS, odd_period)

    def some(make: _ModelAny, most: int) -> tuple[_ModelAny, ...]:
        return tuple(make() for _ in range(draw(mst.integers(0, most))))

    parts_partners = some(lambda: draw(partners(key=draw(keys))), 3)
    parts_domains = some(lambda: draw(domains(key=draw(keys))), 2)
    if draw(mst.booleans()):
        parts_partners = tuple(draw(partners(key=k)) for k in ("a", "b", "c"))
        parts_domains = tuple(draw(domains(key=k)) for k in ("a", "b", "c"))
    parts_streams = some(
        lambda: draw(
            funding_streams(
                draw(keys),
                funders=pool,
                recipients=mst.none() | keys,
                open_periods=usable_periods,
                currency=draw(money_currency),
            )
        ),
        3,
    )
    parts_projects = some(
        lambda: draw(
            projects(
                draw(project_keys),
                domain_keys=pool,
                partner_keys=pool,
                stream_keys=pool,
                open_periods=usable_periods,
                currency=draw(money_currency),
            )
        ),
        3,
    )
    return {
        "name": "Generated",
        "place": "Somewhere",
        "partners": parts_partners,
        "domains": parts_domains,
        "projects": parts_projects,
        "funding_streams": parts_streams,
        "periods": declared,
        "currency": currency,
    }


@_model_cache
def model_anything() -> mst.SearchStrategy[_ModelAny]:
    """Values of every kind the model sees, right or wrong for any given field."""
    scalars = mst.one_of(
        mst.none(),
        mst.booleans(),
        mst.integers(-5, 5),
        mst.floats(allow_nan=False),
        mst.decimals(allow_nan=False, allow_infinity=False, places=2),
        mst.text(max_size=5),
        model_keys(),
        model_money(min_pounds=-100, max_pounds=100),
        model_money("EUR", max_pounds=100),
        model_periods(),
        mst.sampled_from(
            [
                *PartnerKind,
                *DomainKind,
                *IntegrationLevel,
                *PoolingArrangement,
                *FundingBasis,
                *Nature,
                *CostType,
                *ValueType,
                *Stage,
            ]
        ),
    )
    return mst.one_of(scalars, mst.lists(scalars, max_size=3), mst.tuples(scalars, scalars))


# ---------------------------------------------------------------------------------------------
# Appraisal (wecb.appraisal: discounting, adjustments, benefit sharing)
# ---------------------------------------------------------------------------------------------
# Names start with ``appraisal_``; imports are aliased so other sections' names never clash.

from decimal import Decimal as _ApDecimal  # noqa: E402
from fractions import Fraction as _ApFraction  # noqa: E402

from hypothesis import strategies as _ap_st  # noqa: E402

from wecb.appraisal import DiscountSchedule as _ApSchedule  # noqa: E402
from wecb.core.money import Money as _ApMoney  # noqa: E402
from wecb.core.periods import FinancialYear as _ApYear  # noqa: E402

#: Partner keys used by the sharing strategies.
APPRAISAL_PARTNERS = ("county", "district", "health", "police", "probation", "fire")


def appraisal_money(
    min_pence: int = -(10**11), max_pence: int = 10**11
) -> _ap_st.SearchStrategy[_ApMoney]:
    """GBP amounts in whole pennies (default: up to +/- £1bn)."""
    return _ap_st.integers(min_pence, max_pence).map(_ApMoney.from_minor_units)


def appraisal_years(first: int = 2000, last: int = 2080) -> _ap_st.SearchStrategy[_ApYear]:
    """Financial years between ``first`` and ``last`` (start years)."""
    return _ap_st.integers(first, last).map(_ApYear)


def appraisal_flows(
    first: int = 2010, last: int = 2060, max_size: int = 12
) -> _ap_st.SearchStrategy[dict[_ApYear, _ApMoney]]:
    """Cash flows by financial year (signed, whole pennies)."""
    return _ap_st.dictionaries(appraisal_years(first, last), appraisal_money(), max_size=max_size)


def appraisal_rates(min_bp: int = 1, max_bp: int = 2000) -> _ap_st.SearchStrategy[_ApDecimal]:
    """Discount rates in basis points (default 0.01% to 20%), as exact Decimals."""
    return _ap_st.integers(min_bp, max_bp).map(lambda bp: _ApDecimal(bp).scaleb(-4))


@_ap_st.composite
def appraisal_schedules(draw: _ap_st.DrawFn, min_bp: int = 1, max_bp: int = 2000) -> _ApSchedule:
    """Declining-or-not schedules of 1-5 contiguous bands from year 0, the last open."""
    lengths = draw(_ap_st.lists(_ap_st.integers(1, 60), min_size=0, max_size=4))
    bands: list[tuple[int, int | None, _ApDecimal]] = []
    first = 0
    for length in lengths:
        bands.append((first, first + length - 1, draw(appraisal_rates(min_bp, max_bp))))
        first += length
    bands.append((first, None, draw(appraisal_rates(min_bp, max_bp))))
    return _ApSchedule.from_bands("generated", bands)


def appraisal_fractions() -> _ap_st.SearchStrategy[_ApDecimal]:
    """Exact Decimal fractions in [0, 1] with up to four places (deadweight, attribution)."""
    return _ap_st.integers(0, 10_000).map(lambda n: _ApDecimal(n).scaleb(-4))


def appraisal_partner_amounts(
    max_pence: int = 10**10, min_size: int = 0
) -> _ap_st.SearchStrategy[dict[str, _ApMoney]]:
    """Non-negative whole-penny amounts by partner key."""
    return _ap_st.dictionaries(
        _ap_st.sampled_from(APPRAISAL_PARTNERS),
        appraisal_money(0, max_pence),
        min_size=min_size,
    )


@_ap_st.composite
def appraisal_fixed_shares(
    draw: _ap_st.DrawFn, partners: tuple[str, ...] = APPRAISAL_PARTNERS
) -> dict[str, _ApFraction]:
    """Exact shares (some zero) over ``partners`` summing to exactly 1."""
    weights = draw(
        _ap_st.lists(_ap_st.integers(0, 1000), min_size=len(partners), max_size=len(partners))
    )
    if sum(weights) == 0:
        weights[0] = 1
    total = sum(weights)
    return {p: _ApFraction(w, total) for p, w in zip(partners, weights, strict=True)}


# ---------------------------------------------------------------------------------------------
# Periods (wecb.core.periods: FinancialYear, OpenPeriod)
# ---------------------------------------------------------------------------------------------
# Aliased imports so that other sections' names never clash.

from hypothesis import strategies as _pe_st  # noqa: E402

from wecb.core.periods import MAX_START_YEAR as _PE_MAX  # noqa: E402
from wecb.core.periods import MIN_START_YEAR as _PE_MIN  # noqa: E402
from wecb.core.periods import FinancialYear as _PeYear  # noqa: E402
from wecb.core.periods import OpenPeriod as _PeOpen  # noqa: E402
from wecb.core.periods import Period as _PePeriod  # noqa: E402


def financial_years(
    min_start: int = _PE_MIN, max_start: int = _PE_MAX
) -> _pe_st.SearchStrategy[_PeYear]:
    """Financial years over the whole accepted range by default (1900/01 to 2199/00)."""
    return _pe_st.integers(min_start, max_start).map(_PeYear)


def financial_year_spellings(year: _PeYear) -> _pe_st.SearchStrategy[str]:
    """Every accepted way of writing ``year``: separators, 2- or 4-digit end, ``FY``
    prefix in any case, surrounding whitespace."""
    start = year.start_year
    return _pe_st.builds(
        lambda prefix, sep, end, before, after: f"{before}{prefix}{start}{sep}{end}{after}",
        _pe_st.sampled_from(["", "FY", "fy", "Fy", "FY ", "fy  "]),
        _pe_st.sampled_from(["/", "-", "\u2013", " / ", " - "]),
        _pe_st.sampled_from([f"{(start + 1) % 100:02d}", f"{start + 1}"]),
        _pe_st.sampled_from(["", " ", "\t", "\n "]),
        _pe_st.sampled_from(["", " ", "\t", " \n"]),
    )


@_pe_st.composite
def open_period_buckets(
    draw: _pe_st.DrawFn, min_start: int = 1990, max_start: int = 2060
) -> _PeOpen:
    """Valid open periods: "until Y", "after Y", "after A until U" or a whole-horizon total."""
    key = draw(_pe_st.from_regex(r"[a-z0-9_]{1,12}", fullmatch=True))
    label = draw(_pe_st.text(min_size=1, max_size=12).filter(lambda s: bool(s.strip())))
    kind = draw(_pe_st.sampled_from(["until", "after", "between", "horizon"]))
    if kind == "horizon":
        return _PeOpen(key=key, label=label)
    year = draw(financial_years(min_start, max_start))
    if kind == "until":
        return _PeOpen(key=key, label=label, until=year)
    if kind == "after":
        return _PeOpen(key=key, label=label, after=year)
    later = draw(financial_years(year.start_year + 1, max_start + 1))
    return _PeOpen(key=key, label=label, after=year, until=later)


def any_periods(min_start: int = 1990, max_start: int = 2060) -> _pe_st.SearchStrategy[_PePeriod]:
    """Financial years and open periods mixed."""
    years: _pe_st.SearchStrategy[_PePeriod] = financial_years(min_start, max_start)
    return _pe_st.one_of(years, open_period_buckets(min_start, max_start))


# ---------------------------------------------------------------------------------------------
# Units (wecb.units: pint quantities with exact Decimal magnitudes)
# ---------------------------------------------------------------------------------------------

from decimal import Decimal as _UnDecimal  # noqa: E402
from typing import Any as _UnAny  # noqa: E402

from hypothesis import strategies as _un_st  # noqa: E402

from wecb import units as _units  # noqa: E402


def unit_magnitudes(
    max_digits: int = 12, max_places: int = 4, *, signed: bool = True
) -> _un_st.SearchStrategy[_UnDecimal]:
    """Exact Decimal magnitudes kept as built (some with exponents, such as ``5E+3``)."""
    bound = 10**max_digits - 1
    return _un_st.builds(
        lambda n, exponent: _UnDecimal(f"{n}E{exponent}"),
        _un_st.integers(-bound if signed else 0, bound),
        _un_st.integers(-max_places, 3),
    )


def cohort_names(*, aliases: bool = True) -> _un_st.SearchStrategy[str]:
    """Cohort unit names as :func:`wecb.units.count` accepts them (canonical by default
    mixed with aliases)."""
    names = list(_units.COHORTS)
    if aliases:
        names += [alias for group in _units.COHORTS.values() for alias in group]
    return _un_st.sampled_from(names)


def time_unit_names() -> _un_st.SearchStrategy[str]:
    """Canonical time units: year, month, week, day."""
    return _un_st.sampled_from(list(_units.TIME_UNITS))


def unit_counts(max_digits: int = 7) -> _un_st.SearchStrategy[_UnAny]:
    """Counts of one cohort, whole or fractional (a fractional count is an average)."""
    return _un_st.builds(
        _units.count, unit_magnitudes(max_digits, 2, signed=False), cohort_names()
    )


def unit_durations(max_digits: int = 4) -> _un_st.SearchStrategy[_UnAny]:
    """Durations in any time unit."""
    return _un_st.builds(
        _units.duration, unit_magnitudes(max_digits, 2, signed=False), time_unit_names()
    )


@_un_st.composite
def unit_expressions(draw: _un_st.DrawFn) -> str:
    """Unit text: products of GBP, time and cohort units with small integer powers."""
    names = [
        "GBP",
        *_units.TIME_UNITS,
        *_units.COHORTS,
    ]
    chosen = draw(_un_st.lists(_un_st.sampled_from(names), min_size=1, max_size=3, unique=True))
    parts = []
    for name in chosen:
        power = draw(_un_st.sampled_from([1, 1, 1, -1, -1, 2, -2]))
        parts.append(name if power == 1 else f"{name} ** {power}")
    return " * ".join(parts)


def unit_quantities() -> _un_st.SearchStrategy[_UnAny]:
    """Quantities of wecb's registry with arbitrary magnitudes and units."""
    return _un_st.builds(_units.quantity, unit_magnitudes(15, 6), unit_expressions())


# ---------------------------------------------------------------------------------------------
# IO (wecb.io, wecb.model.facts): programmes holding every kind of value a file must round-trip
# ---------------------------------------------------------------------------------------------
# Names start with ``io_``; imports are aliased so other sections' names never clash.
import attrs as _io_attrs  # noqa: E402
from hypothesis import strategies as _io_st  # noqa: E402

from wecb.core.money import Money as _IoMoney  # noqa: E402
from wecb.model.facts import Figure as _IoFigure  # noqa: E402
from wecb.model.facts import FigureKind as _IoFigureKind  # noqa: E402
from wecb.model.facts import Qualifier as _IoQualifier  # noqa: E402
from wecb.model.facts import TeamPlan as _IoTeamPlan  # noqa: E402
from wecb.model.programme import Programme as _IoProgramme  # noqa: E402
from wecb.units import COHORTS as _IO_COHORTS  # noqa: E402
from wecb.units import TIME_UNITS as _IO_TIME_UNITS  # noqa: E402


def io_money(currency: str = "GBP") -> _io_st.SearchStrategy[_IoMoney]:
    """Non-negative Money with awkward digits: sub-penny places, exponents, zeros."""
    return amounts(max_digits=14, max_places=6).map(lambda d: _IoMoney(abs(d), currency))


@_io_st.composite
def io_figures(
    draw: _io_st.DrawFn,
    key: str,
    *,
    domain_keys: tuple[str, ...] = (),
    project_keys: tuple[str, ...] = (),
    currency: str = "GBP",
) -> _IoFigure:
    """A valid published figure: an amount (possibly a rate) or a count of a cohort."""
    per = tuple(
        draw(
            _io_st.lists(
                _io_st.sampled_from([*_IO_COHORTS, *_IO_TIME_UNITS]), max_size=2, unique=True
            )
        )
    )
    text = _io_st.none() | model_text()
    common = {
        "key": key,
        "label": draw(model_text()),
        "kind": draw(_io_st.sampled_from(_IoFigureKind)),
        "qualifier": draw(_io_st.sampled_from(_IoQualifier)),
        "over": draw(text),
        "domain": draw(_model_pick(domain_keys)),
        "project": draw(_model_pick(project_keys)),
        "place": draw(text),
        "published": draw(text),
        "note": draw(text),
        "source": draw(text),
    }
    if draw(_io_st.booleans()):
        return _IoFigure(amount=draw(io_money(currency)), per=per, **common)
    unit = draw(_io_st.sampled_from(sorted(set(_IO_COHORTS) - set(per))))
    count = draw(amounts(max_digits=9, max_places=3).map(abs))
    return _IoFigure(count=count, unit=unit, per=per, **common)


@_io_st.composite
def io_team_plans(draw: _io_st.DrawFn, key: str, *, project: str) -> _IoTeamPlan:
    return _IoTeamPlan(
        key=key,
        project=project,
        teams=draw(_io_st.integers(1, 50)),
        cases_per_team=draw(_io_st.integers(1, 500)),
        unit=draw(_io_st.sampled_from(sorted(_IO_COHORTS))),
        start_year=draw(_io_st.integers(2000, 2040)),
        start_month=draw(_io_st.none() | _io_st.integers(1, 12)),
        note=draw(_io_st.none() | model_text()),
        source=draw(_io_st.none() | model_text()),
    )


@_io_st.composite
def io_programmes(draw: _io_st.DrawFn) -> _IoProgramme:
    """A valid programme from :func:`programmes` in GBP or another currency, with figures,
    team plans, qualified streams and amounts with awkward digits added."""
    currency = draw(_io_st.sampled_from(("GBP", "EUR", "USD", "JPY")))
    base = draw(programmes(currency=currency))
    domain_keys = tuple(d.key for d in base.domains)
    project_keys = tuple(p.key for p in base.projects)
    figure_keys = draw(_io_st.lists(model_keys(), max_size=4, unique=True))
    figures = tuple(
        draw(io_figures(k, domain_keys=domain_keys, project_keys=project_keys, currency=currency))
        for k in figure_keys
    )
    plans: tuple[_IoTeamPlan, ...] = ()
    if project_keys:
        plan_keys = draw(_io_st.lists(model_keys(), max_size=2, unique=True))
        plans = tuple(
            draw(io_team_plans(k, project=draw(_io_st.sampled_from(project_keys))))
            for k in plan_keys
        )
    streams = tuple(
        _io_attrs.evolve(
            s,
            qualifier=draw(_io_st.sampled_from(_IoQualifier)),
            amount=s.amount if s.amount is None else draw(io_money(currency)),
        )
        for s in base.funding_streams
    )
    return base.evolve(figures=figures, team_plans=plans, funding_streams=streams)


# ---------------------------------------------------------------------------------------------
# Present (wecb.present: rows for tables and exports)
# ---------------------------------------------------------------------------------------------
# Names start with ``present_``; imports are aliased so other sections' names never clash.

from hypothesis import strategies as _pr_st  # noqa: E402


def present_text() -> _pr_st.SearchStrategy[str]:
    """Non-empty text cells (any printable or control character a CSV must quote)."""
    return _pr_st.text(_pr_st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20)


@_pr_st.composite
def present_rows(
    draw: _pr_st.DrawFn, max_rows: int = 8, currency: str | None = None
) -> list[dict[str, object]]:
    """Rows with a text column, two money columns (one currency each) and empty cells."""
    cur_a = currency or draw(currencies())
    cur_b = currency or draw(currencies())
    row = _pr_st.fixed_dictionaries(
        {
            "label": _pr_st.none() | present_text(),
            "amount": _pr_st.none() | money(cur_a, max_digits=15, max_places=4),
            "other": _pr_st.none() | money(cur_b, max_digits=12, max_places=2),
        }
    )
    return draw(_pr_st.lists(row, max_size=max_rows))


# ---------------------------------------------------------------------------------------------
# Fuzz (arbitrary text and data for the parsers and loaders; tests/test_fuzz.py)
# ---------------------------------------------------------------------------------------------
# Names start with ``fuzz_``; imports are aliased so other sections' names never clash.

from decimal import Decimal as _FzDecimal  # noqa: E402
from fractions import Fraction as _FzFraction  # noqa: E402
from typing import Any as _FzAny  # noqa: E402

from hypothesis import strategies as _fz_st  # noqa: E402

from wecb.core.money import Money as _FzMoney  # noqa: E402
from wecb.core.periods import FinancialYear as _FzYear  # noqa: E402

#: Pieces of text that parsers treat specially, and look-alikes that they must not.
FUZZ_NUMBER_TOKENS = (
    "0", "1", "9", "12", "500", "000", ",", ",000", ".", ".5", "e", "E", "e6", "E+3",
    "+", "-", "\u2212", "(", ")", " ", "\u00a0", "\t", "\n", "\u2009",
    "\u0661", "\u0663", "\uff11", "\u0967", "\u00b2", "\u2155",  # digits that are not ASCII
    "1" * 70, "0" * 80, "9" * 4400, "NaN", "nan", "Infinity", "inf", "sNaN",
)  # fmt: skip
FUZZ_MONEY_TOKENS = (
    *FUZZ_NUMBER_TOKENS,
    "£", "€", "$", "GBP", "EUR", "USD", "gbp", "k", "K", "\u212a", "m", "M", "mm", "bn",
    "BN", "thousand", "million", "billion", "Million", "m\u0131ll\u0131on", "M\u0130LL\u0130ON",
    "\u017f", "c.", "circa ", "~", "about ",
)  # fmt: skip
FUZZ_UNIT_TOKENS = (
    "GBP", "year", "years", "yr", "annum", "month", "week", "wk", "day", "person",
    "capita", "head", "people", "family", "families", "household", "offender", "victim",
    "young_person", "young people", "apprenticeship", "team", "teams", "Year", "y\u0435ar",
    "\uff59ear", "_", "__", "m", "s", "meter", " ", "*", "/", "**", "^", "(", ")", "-",
    "0", "1", "2", "-1", "1.5", "99999999999", "e", "1e5", "£", "%", "\u00b7", "\u00b2",
)  # fmt: skip
FUZZ_RATE_TOKENS = (
    *FUZZ_MONEY_TOKENS,
    *FUZZ_UNIT_TOKENS,
    "/", " per ", " a ", " an ", " each ", " every ", "p.a.", " pa", " per annum",
    " annually", " yearly",
)  # fmt: skip
FUZZ_PERIOD_TOKENS = (
    "2012", "2013", "1899", "1900", "2199", "2200", "9999", "0000", "12", "13", "00", "99",
    "/", "-", "\u2013", "\u2014", " ", "FY", "fy", "F Y", "\u0662\u0660\u0661\u0662",
    "\uff12\uff10\uff11\uff12", "further_implementation", "to_mar_2013", "open:", "x",
)  # fmt: skip


def _fz_joined(tokens: tuple[str, ...], max_size: int) -> _fz_st.SearchStrategy[str]:
    return _fz_st.lists(_fz_st.sampled_from(tokens), max_size=max_size).map("".join)


def fuzz_text(max_size: int = 40) -> _fz_st.SearchStrategy[str]:
    """Any text at all: every code point class, including surrogates and controls."""
    return _fz_st.text(max_size=max_size)


def fuzz_money_text() -> _fz_st.SearchStrategy[str]:
    """Text near money: symbols, digits of every script, separators, scales, exponents."""
    return _fz_st.one_of(fuzz_text(), _fz_joined(FUZZ_MONEY_TOKENS, 8))


def fuzz_rate_text() -> _fz_st.SearchStrategy[str]:
    """Text near a rate (an amount, then 'per' or '/' and units), and anything else."""
    return _fz_st.one_of(
        fuzz_text(),
        _fz_joined(FUZZ_RATE_TOKENS, 8),
        _fz_st.builds(
            "{}{}{}".format,
            _fz_joined(FUZZ_MONEY_TOKENS, 4),
            _fz_st.sampled_from(["/", " per ", " a ", "p.a.", " per annum"]),
            _fz_joined(FUZZ_UNIT_TOKENS, 3),
        ),
    )


def fuzz_unit_text() -> _fz_st.SearchStrategy[str]:
    """Unit expressions, well formed or not: names, look-alikes, operators and numbers."""
    return _fz_st.one_of(fuzz_text(20), _fz_joined(FUZZ_UNIT_TOKENS, 7))


def fuzz_period_text() -> _fz_st.SearchStrategy[str]:
    """Financial-year-like text: years of any width and script, separators, prefixes."""
    return _fz_st.one_of(fuzz_text(20), _fz_joined(FUZZ_PERIOD_TOKENS, 6))


def fuzz_decimals() -> _fz_st.SearchStrategy[_FzDecimal]:
    """Any Decimal: NaN, signalling NaN, infinities, huge and tiny exponents, 70 digits."""
    return _fz_st.one_of(
        _fz_st.decimals(),
        _fz_st.sampled_from(
            [
                _FzDecimal("NaN"),
                _FzDecimal("-sNaN"),
                _FzDecimal("Infinity"),
                _FzDecimal("1E+5000"),
                _FzDecimal("1E-5000"),
                _FzDecimal("1" * 70),
                _FzDecimal("0." + "1" * 70),
                _FzDecimal("-0"),
                _FzDecimal("0E-10"),
            ]
        ),
    )


def fuzz_huge_numbers() -> _fz_st.SearchStrategy[_FzAny]:
    """Numbers past Python's 4300-digit limit on int/str conversion, as int, Decimal and text.

    Kept out of :func:`fuzz_values`: any ``repr`` of such an int raises ``ValueError`` in
    Python itself, so only the places that take amounts are fuzzed with them.
    """
    return _fz_st.sampled_from(
        [10**5000, -(10**5000), _FzDecimal("1E+5000"), _FzDecimal("9" * 5000), "9" * 5000]
    )


def fuzz_values() -> _fz_st.SearchStrategy[_FzAny]:
    """Python values of every kind a caller might pass where a number or text belongs."""
    scalars: _fz_st.SearchStrategy[_FzAny] = _fz_st.one_of(
        _fz_st.none(),
        _fz_st.booleans(),
        _fz_st.integers(),
        _fz_st.sampled_from([10**80, -(10**80), 2**63, -(2**63) - 1]),
        _fz_st.floats(),
        fuzz_decimals(),
        _fz_st.fractions(),
        _fz_st.just(_FzFraction(1, 3)),
        fuzz_money_text(),
        _fz_st.binary(max_size=5),
        _fz_st.sampled_from([_FzMoney("1.50"), _FzYear(2012), object(), complex(1, 1)]),
    )
    return _fz_st.one_of(scalars, _fz_st.lists(scalars, max_size=2))


def fuzz_json_values(max_leaves: int = 12) -> _fz_st.SearchStrategy[_FzAny]:
    """JSON-like data: objects, arrays, strings, ints (some huge), floats, bools, null."""
    leaves = _fz_st.one_of(
        _fz_st.none(),
        _fz_st.booleans(),
        _fz_st.integers(),
        _fz_st.sampled_from([10**80, -1, 0, 2**64]),
        _fz_st.floats(allow_nan=False, allow_infinity=False),
        _fz_st.text(max_size=10),
        fuzz_money_text(),
    )
    return _fz_st.recursive(
        leaves,
        lambda children: _fz_st.one_of(
            _fz_st.lists(children, max_size=3),
            _fz_st.dictionaries(_fz_st.text(max_size=8), children, max_size=3),
        ),
        max_leaves=max_leaves,
    )


# ---------------------------------------------------------------------------------------------
# Rollup (wecb.rollups, wecb.whopays): (project, flow) pairs, dimensions, partitions
# ---------------------------------------------------------------------------------------------
# Names start with ``rollup_``; imports are aliased so other sections' names never clash.

from decimal import Decimal as _RuDecimal  # noqa: E402
from itertools import pairwise as _ru_pairwise  # noqa: E402

import attrs as _ru_attrs  # noqa: E402
from hypothesis import strategies as _ru_st  # noqa: E402

from wecb.core.money import Money as _RuMoney  # noqa: E402
from wecb.model.cashflows import CashFlow as _RuFlow  # noqa: E402
from wecb.model.domains import Domain as _RuDomain  # noqa: E402
from wecb.model.domains import DomainKind as _RuDomainKind  # noqa: E402
from wecb.model.projects import Project as _RuProject  # noqa: E402
from wecb.rollups import DIMENSIONS as _RU_DIMENSIONS  # noqa: E402

#: Domains of generated pairs (keys deliberately not in alphabetical order of kind).
ROLLUP_DOMAINS: tuple[_RuDomain, ...] = (
    _RuDomain(key="safety", name="Community Safety", kind=_RuDomainKind.THEMATIC),
    _RuDomain(key="health", name="Health and Wellbeing", kind=_RuDomainKind.THEMATIC),
    _RuDomain(key="data", name="Data sharing", kind=_RuDomainKind.ENABLER),
)
ROLLUP_PARTNERS = ("police", "county", "nhs", "district")
ROLLUP_STREAMS = ("pool", "grant")
ROLLUP_PROJECTS: tuple[_RuProject, ...] = tuple(
    _RuProject(key=key, title=key.upper(), domain=domain)
    for key, domain in (("p1", "health"), ("p2", "safety"), ("p3", "health"), ("p4", "data"))
)


@_ru_st.composite
def rollup_amounts(draw: _ru_st.DrawFn, *, sub_penny: bool = False) -> _RuMoney:
    """Non-negative GBP amounts: whole pennies up to £10m (some zero, some large), or with
    ``sub_penny`` sometimes a third or fourth decimal place."""
    pence = draw(
        _ru_st.one_of(
            _ru_st.integers(0, 10**9),
            _ru_st.sampled_from([0, 1, 99, 10**12]),
        )
    )
    if sub_penny and draw(_ru_st.booleans()):
        places = draw(_ru_st.sampled_from([3, 4]))
        extra = draw(_ru_st.integers(1, 10 ** (places - 2) - 1))
        return _RuMoney(_RuDecimal(f"{pence * 10 ** (places - 2) + extra}E-{places}"))
    return _RuMoney.from_minor_units(pence)


@_ru_st.composite
def rollup_pairs(
    draw: _ru_st.DrawFn, *, max_size: int = 25, sub_penny: bool = False
) -> list[tuple[_RuProject, _RuFlow]]:
    """``(project, flow)`` pairs over :data:`ROLLUP_PROJECTS`, flows from the model's
    :func:`cash_flows` strategy (partners, streams and open periods from small pools), with
    amounts from :func:`rollup_amounts`."""
    count = draw(_ru_st.integers(0, max_size))
    out = []
    for _ in range(count):
        project = draw(_ru_st.sampled_from(ROLLUP_PROJECTS))
        flow = draw(cash_flows(partner_keys=ROLLUP_PARTNERS, stream_keys=ROLLUP_STREAMS))
        flow = _ru_attrs.evolve(flow, amount=draw(rollup_amounts(sub_penny=sub_penny)))
        out.append((project, flow))
    return out


def rollup_dimensions(max_size: int = 4) -> _ru_st.SearchStrategy[tuple[str, ...]]:
    """A ``by``: distinct dimension names (aliases among them), outermost first."""
    names = _ru_st.sampled_from([*_RU_DIMENSIONS, "year"])
    return _ru_st.lists(names, max_size=max_size).map(
        lambda ns: tuple(dict.fromkeys("period" if n == "year" else n for n in ns))
    )


@_ru_st.composite
def rollup_partitions(draw: _ru_st.DrawFn, items: list[_ModelAny]) -> list[list[_ModelAny]]:
    """``items`` shuffled and cut into 1-4 parts (some possibly empty)."""
    shuffled = draw(_ru_st.permutations(items))
    cuts = sorted(draw(_ru_st.lists(_ru_st.integers(0, len(items)), max_size=3)))
    bounds = [0, *cuts, len(items)]
    return [list(shuffled[a:b]) for a, b in _ru_pairwise(bounds)]


# ---------------------------------------------------------------------------------------------
# Appraisal II (wecb.appraisal: phasing, cba, cohorts, scaleup, sensitivity; wecb.reconciliation)
# ---------------------------------------------------------------------------------------------
# Names start with ``ap2_``; imports are aliased so other sections' names never clash.
from hypothesis import strategies as _ap2_st  # noqa: E402

from wecb.core.money import Money as _Ap2Money  # noqa: E402
from wecb.core.periods import FinancialYear as _Ap2Year  # noqa: E402
from wecb.model.cashflows import CashFlow as _Ap2Flow  # noqa: E402
from wecb.model.cashflows import CostType as _Ap2CostType  # noqa: E402
from wecb.model.cashflows import Nature as _Ap2Nature  # noqa: E402
from wecb.model.cashflows import ValueType as _Ap2ValueType  # noqa: E402
from wecb.model.domains import Domain as _Ap2Domain  # noqa: E402
from wecb.model.domains import DomainKind as _Ap2DomainKind  # noqa: E402
from wecb.model.partners import Partner as _Ap2Partner  # noqa: E402
from wecb.model.partners import PartnerKind as _Ap2PartnerKind  # noqa: E402
from wecb.model.programme import Programme as _Ap2Programme  # noqa: E402
from wecb.model.projects import Project as _Ap2Project  # noqa: E402

#: Partners of the generated appraisal programmes.
AP2_PARTNERS = ("county", "health", "police")
#: Financial years the generated lines fall in (base year first).
AP2_FIRST_YEAR = 2013


def ap2_pennies(max_pence: int = 10**11) -> _ap2_st.SearchStrategy[_Ap2Money]:
    """Non-negative GBP in whole pennies (default up to £1bn), some zero."""
    return _ap2_st.one_of(_ap2_st.just(0), _ap2_st.integers(0, max_pence)).map(
        _Ap2Money.from_minor_units
    )


def ap2_weights(max_size: int = 6) -> _ap2_st.SearchStrategy[list[int]]:
    """Phasing weights: non-negative ints, not all zero."""
    return _ap2_st.lists(_ap2_st.integers(0, 50), min_size=1, max_size=max_size).filter(any)


@_ap2_st.composite
def ap2_flows(draw: _ap2_st.DrawFn, *, years: int = 6) -> _Ap2Flow:
    """A cost or benefit of any type, in one of ``years`` financial years from
    :data:`AP2_FIRST_YEAR`, with or without a partner."""
    nature = draw(_ap2_st.sampled_from(_Ap2Nature))
    year = _Ap2Year(AP2_FIRST_YEAR + draw(_ap2_st.integers(0, years - 1)))
    amount = draw(ap2_pennies())
    partner = draw(_ap2_st.none() | _ap2_st.sampled_from(AP2_PARTNERS))
    if nature is _Ap2Nature.COST:
        cost_type = draw(_ap2_st.none() | _ap2_st.sampled_from(_Ap2CostType))
        return _Ap2Flow(
            amount=amount,
            nature=nature,
            period=year,
            cost_type=cost_type,
            cashable=cost_type is not _Ap2CostType.IN_KIND,
            payer=partner,
        )
    return _Ap2Flow(
        amount=amount,
        nature=nature,
        period=year,
        cashable=draw(_ap2_st.booleans()),
        value_type=draw(_ap2_st.sampled_from(_Ap2ValueType)),
        beneficiary=partner,
    )


def ap2_programme(
    flows_by_project: dict[str, list[_Ap2Flow]], periods: tuple[_ModelAny, ...] = ()
) -> _Ap2Programme:
    """A programme whose projects hold exactly the flows given (one domain, three partners;
    ``periods`` lists the open periods the flows use)."""
    return _Ap2Programme(
        periods=periods,
        name="Generated appraisal",
        place="Anywhere",
        partners=tuple(
            _Ap2Partner(key=k, name=k.title(), kind=_Ap2PartnerKind.OTHER_PUBLIC)
            for k in AP2_PARTNERS
        ),
        domains=(_Ap2Domain(key="d", name="Domain", kind=_Ap2DomainKind.THEMATIC),),
        projects=tuple(
            _Ap2Project(key=key, title=key.upper(), domain="d", flows=tuple(flows))
            for key, flows in flows_by_project.items()
        ),
    )


@_ap2_st.composite
def ap2_programmes(
    draw: _ap2_st.DrawFn, *, max_projects: int = 3, max_flows: int = 6
) -> _Ap2Programme:
    """A programme of 1-3 projects with flows from :func:`ap2_flows` (all in years)."""
    count = draw(_ap2_st.integers(1, max_projects))
    return ap2_programme(
        {
            f"p{i}": draw(_ap2_st.lists(ap2_flows(), max_size=max_flows))
            for i in range(1, count + 1)
        }
    )


def ap2_multipliers(max_ppm: int = 3 * 10**6) -> _ap2_st.SearchStrategy[str]:
    """Exact multipliers in whole ppm, as text (``"1.234567"``)."""
    return _ap2_st.integers(0, max_ppm).map(lambda ppm: str(_ApDecimal(ppm).scaleb(-6)))


# ---------------------------------------------------------------------------------------------
# Tables CSV (wecb.io.tables: the published £'000 cost-benefit tables as CSV)
# ---------------------------------------------------------------------------------------------
# Names start with ``tables_``; imports are aliased so other sections' names never clash.
from hypothesis import strategies as _tb_st  # noqa: E402

from wecb.core.money import Money as _TbMoney  # noqa: E402
from wecb.model.projects import CostBenefitTable as _TbTable  # noqa: E402

#: Pieces of tables CSV text: the headings wecb writes and the published ones, units,
#: figures in every accepted form and some that are not, and CSV punctuation.
TABLES_CSV_TOKENS: tuple[str, ...] = (
    "Project", "Costs To Mar '13 £'000", "Costs To Mar '14 £'000",
    "Costs Further Implementation £'000", "Net Cashable £'000", "Net Non-Cashable £'000",
    "Net Total £'000", "To Mar '13 £'000", "To Mar \u201914 \u00a3\u2019000",
    "Further Implementation", "Cashable (£'000)", "Non-Cashable EUR'000", "Total £000s",
    "net_total (£'000)", "Costs", "Net Benefits", "FBC1", "x", "716", "3,081", "-87,587",
    "(944)", "0", "1.5", "-0", "1,00", "1e3", "", " ", ",", ",", ",", "\n", "\r\n", "\r",
    '"', '""', "\t", "\x00", "\u2212", "\u0663", "\ufeff",
)  # fmt: skip


def tables_keys() -> _tb_st.SearchStrategy[str]:
    """Project keys a tables CSV must carry: any text (commas, quotes, line breaks) that is
    not blank and has no blank at either end."""
    return _tb_st.text(
        _tb_st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12
    ).filter(lambda k: bool(k.strip()) and k == k.strip())


@_tb_st.composite
def tables_awkward(draw: _tb_st.DrawFn, currency: str = "GBP") -> _TbTable:
    """A table whose figures have digits below a thousand (pounds and pence and beyond),
    exponents and zeros; its total is consistent or not."""
    positive = amounts(max_digits=12, max_places=4).map(abs)
    c1, c2, c3, cashable, non_cashable = (draw(positive) for _ in range(5))
    net_cashable = c1 + c2 + c3 - cashable
    net_total = net_cashable - non_cashable
    if draw(_tb_st.booleans()):
        net_total += draw(amounts(max_digits=6, max_places=2))
    return _TbTable(
        costs_to_mar_2013=_TbMoney(c1, currency),
        costs_to_mar_2014=_TbMoney(c2, currency),
        costs_further_implementation=_TbMoney(c3, currency),
        net_cashable=_TbMoney(net_cashable, currency),
        net_non_cashable=_TbMoney(-non_cashable, currency),
        net_total=_TbMoney(net_total, currency),
    )


@_tb_st.composite
def tables_mappings(draw: _tb_st.DrawFn, max_size: int = 6) -> dict[str, _TbTable]:
    """Project key -> table, all in one currency: published-style tables in whole £'000
    (:func:`cost_benefit_tables`, with sources and value types) and awkward ones."""
    currency = draw(currencies())
    table = _tb_st.one_of(
        cost_benefit_tables(consistent=None, currency=currency), tables_awkward(currency)
    )
    return draw(_tb_st.dictionaries(tables_keys(), table, max_size=max_size))


#: Cells of a tables CSV row: figures in every form, keys, blanks and junk.
TABLES_CSV_CELLS: tuple[str, ...] = (
    "FBC1", "FBC2", "0", "716", "3,081", '"3,081"', "-87,587", '"-87,587"', "(944)",
    '"(4,695)"', "1.5", "0.001", "-0", "+5", "\u22125", "1,00", "1e3", "", " ", "x", '"a,b"',
    '"line\nbreak"', "\u0663", "9" * 70, "NaN", "Infinity",
)  # fmt: skip


@_tb_st.composite
def _tables_csv_rows(draw: _tb_st.DrawFn, max_rows: int = 4) -> str:
    written = ",".join(TABLES_CSV_TOKENS[:7])
    published = (
        "Project,To Mar '13 £'000,To Mar '14 £'000,Further Implementation £'000,"
        "Cashable £'000,Non-Cashable £'000,Total £'000"
    )
    header = draw(_tb_st.sampled_from([written, published]))
    junk = _tb_st.sampled_from(TABLES_CSV_CELLS)
    costs = _tb_st.sampled_from(["0", "716", '"3,081"', "1.5", "0.001", "+5"])
    nets = _tb_st.sampled_from(["0", "-0", '"-87,587"', '"(4,695)"', "(944)", "\u22125", "-1.5"])
    cells = [_tb_st.one_of(_tb_st.sampled_from(["FBC1", "FBC2", '"a,b"', "x"]), junk)]
    cells += [_tb_st.one_of(costs, costs, costs, junk)] * 3
    cells += [_tb_st.one_of(nets, nets, nets, costs, junk)] * 3
    row = _tb_st.one_of(
        _tb_st.tuples(*cells).map(list), _tb_st.lists(junk, min_size=6, max_size=8)
    )
    rows = draw(_tb_st.lists(row, min_size=1, max_size=max_rows))
    end = draw(_tb_st.sampled_from(["\r\n", "\n", "\r"]))
    return end.join([header, *(",".join(r) for r in rows)]) + end


def tables_csv_text(max_tokens: int = 40) -> _tb_st.SearchStrategy[str]:
    """Text near a tables CSV: a header with rows of figures in every form, a valid header
    followed by tokens, tokens alone, or any text."""
    tokens = _tb_st.lists(_tb_st.sampled_from(TABLES_CSV_TOKENS), max_size=max_tokens)
    header = ",".join(TABLES_CSV_TOKENS[:7]) + "\r\n"
    rows = _tables_csv_rows()
    return _tb_st.one_of(
        rows,
        rows,  # twice as likely: it reaches the figures
        tokens.map("".join),
        tokens.map(lambda t: header + "".join(t)),
        _tb_st.text(max_size=80),
    )
