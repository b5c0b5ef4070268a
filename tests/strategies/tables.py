"""Published cost-benefit tables as CSV."""

from __future__ import annotations

# ---------------------------------------------------------------------------------------------
# Tables CSV (wecb.io.tables: the published £'000 cost-benefit tables as CSV)
# ---------------------------------------------------------------------------------------------
# Names start with ``tables_``; imports are aliased so other sections' names never clash.
from hypothesis import strategies as st

from strategies.model import cost_benefit_tables
from strategies.money import amounts, currencies
from wecb.core.money import Money
from wecb.model.tables import CostBenefitTable

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


def tables_keys() -> st.SearchStrategy[str]:
    """Project keys a tables CSV must carry: any text (commas, quotes, line breaks) that is
    not blank and has no blank at either end."""
    return st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12).filter(
        lambda k: bool(k.strip()) and k == k.strip()
    )


@st.composite
def tables_awkward(draw: st.DrawFn, currency: str = "GBP") -> CostBenefitTable:
    """A table whose figures have digits below a thousand (pounds and pence and beyond),
    exponents and zeros; its total is consistent or not."""
    positive = amounts(max_digits=12, max_places=4).map(abs)
    c1, c2, c3, cashable, non_cashable = (draw(positive) for _ in range(5))
    net_cashable = c1 + c2 + c3 - cashable
    net_total = net_cashable - non_cashable
    if draw(st.booleans()):
        net_total += draw(amounts(max_digits=6, max_places=2))
    return CostBenefitTable(
        costs_to_mar_2013=Money(c1, currency),
        costs_to_mar_2014=Money(c2, currency),
        costs_further_implementation=Money(c3, currency),
        net_cashable=Money(net_cashable, currency),
        net_non_cashable=Money(-non_cashable, currency),
        net_total=Money(net_total, currency),
    )


@st.composite
def tables_mappings(draw: st.DrawFn, max_size: int = 6) -> dict[str, CostBenefitTable]:
    """Project key -> table, all in one currency: published-style tables in whole £'000
    (:func:`cost_benefit_tables`, with sources and value types) and awkward ones."""
    currency = draw(currencies())
    table = st.one_of(
        cost_benefit_tables(consistent=None, currency=currency), tables_awkward(currency)
    )
    return draw(st.dictionaries(tables_keys(), table, max_size=max_size))


#: Cells of a tables CSV row: figures in every form, keys, blanks and junk.
TABLES_CSV_CELLS: tuple[str, ...] = (
    "FBC1", "FBC2", "0", "716", "3,081", '"3,081"', "-87,587", '"-87,587"', "(944)",
    '"(4,695)"', "1.5", "0.001", "-0", "+5", "\u22125", "1,00", "1e3", "", " ", "x", '"a,b"',
    '"line\nbreak"', "\u0663", "9" * 70, "NaN", "Infinity",
)  # fmt: skip


@st.composite
def _tables_csv_rows(draw: st.DrawFn, max_rows: int = 4) -> str:
    written = ",".join(TABLES_CSV_TOKENS[:7])
    published = (
        "Project,To Mar '13 £'000,To Mar '14 £'000,Further Implementation £'000,"
        "Cashable £'000,Non-Cashable £'000,Total £'000"
    )
    header = draw(st.sampled_from([written, published]))
    junk = st.sampled_from(TABLES_CSV_CELLS)
    costs = st.sampled_from(["0", "716", '"3,081"', "1.5", "0.001", "+5"])
    nets = st.sampled_from(["0", "-0", '"-87,587"', '"(4,695)"', "(944)", "\u22125", "-1.5"])
    cells = [st.one_of(st.sampled_from(["FBC1", "FBC2", '"a,b"', "x"]), junk)]
    cells += [st.one_of(costs, costs, costs, junk)] * 3
    cells += [st.one_of(nets, nets, nets, costs, junk)] * 3
    row = st.one_of(st.tuples(*cells).map(list), st.lists(junk, min_size=6, max_size=8))
    rows = draw(st.lists(row, min_size=1, max_size=max_rows))
    end = draw(st.sampled_from(["\r\n", "\n", "\r"]))
    return end.join([header, *(",".join(r) for r in rows)]) + end


def tables_csv_text(max_tokens: int = 40) -> st.SearchStrategy[str]:
    """Text near a tables CSV: a header with rows of figures in every form, a valid header
    followed by tokens, tokens alone, or any text."""
    tokens = st.lists(st.sampled_from(TABLES_CSV_TOKENS), max_size=max_tokens)
    header = ",".join(TABLES_CSV_TOKENS[:7]) + "\r\n"
    rows = _tables_csv_rows()
    return st.one_of(
        rows,
        rows,  # twice as likely: it reaches the figures
        tokens.map("".join),
        tokens.map(lambda t: header + "".join(t)),
        st.text(max_size=80),
    )
