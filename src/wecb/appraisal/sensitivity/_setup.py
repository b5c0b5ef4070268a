"""The Monte Carlo set-up of an appraisal (private): made once, kept while the appraisal lives.

Everything here depends on the appraisal and on whether adjusted figures are used, never
on the ranges or the draws: the lines' attributes dictionary-encoded, each line's exact
present value as one integer ``S`` at a common scale (and as the nearest float64, for the
certified fast path of :mod:`~wecb.appraisal.sensitivity._fast`), the lines' signs, and
the order the engine values them in. :func:`setup_for` keeps one :class:`Setup` per
appraisal and choice of figures in a private cache keyed by the appraisal's **identity**
(a weak reference: the entry goes when the appraisal does). A
:class:`~wecb.appraisal.record.Appraisal` is a frozen, value-compared attrs class, so a
``WeakKeyDictionary`` would hash the whole appraisal on every look-up; the identity key
costs nothing and, since an appraisal never changes, is always right.

The order: fiscal lines first (the lines the net present budget impact sums), sorted by
project and then by partner, then every other line. Each run of lines with the same
project and partner is a **segment**; :meth:`Setup.aggregate` sums a chunk of valued
lines into segments with one ``np.add.reduceat``, then the segments into partners and
projects with two more over a few thousand rows at most, so no per-group copy of the lines
is ever made.
"""

from __future__ import annotations

import functools
import operator
import types
import weakref
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final, TypeAlias

from wecb.appraisal.record import Appraisal
from wecb.core.currency import minor_digits
from wecb.errors import AppraisalError
from wecb.model.cashflows import Nature
from wecb.rollups.dimensions import UNATTRIBUTED

if TYPE_CHECKING:
    import numpy.typing as npt

    IntArray: TypeAlias = npt.NDArray[Any]

__all__ = ["Setup", "setup_for"]

#: (id of the appraisal, adjusted) -> (a weak reference to it, its set-up).
_CACHE: Final[dict[tuple[int, bool], tuple[Any, Setup]]] = {}


def setup_for(appraisal: Appraisal, adjusted: bool) -> Setup:
    """The set-up of ``appraisal`` (adjusted or unadjusted figures), made on first use."""
    key = (id(appraisal), adjusted)
    held = _CACHE.get(key)
    if held is not None and held[0]() is appraisal:
        return held[1]
    made = Setup(appraisal, adjusted)
    _CACHE[key] = (weakref.ref(appraisal, functools.partial(_forget, _CACHE, key)), made)
    return made


def _forget(cache: dict[tuple[int, bool], tuple[Any, Setup]], key: Any, ref: Any) -> None:
    """Drop the entry of an appraisal that has gone (unless its id was reused since)."""
    held = cache.get(key)
    if held is not None and held[0] is ref:
        del cache[key]


def _places(denominator: int) -> int:
    """The fewest decimal places that hold ``1 / denominator`` exactly, for a denominator
    of a Decimal's integer ratio (``2**a * 5**b``)."""
    twos = (denominator & -denominator).bit_length() - 1
    rest, fives = denominator >> twos, 0
    while rest > 1:
        rest, remainder = divmod(rest, 5)
        assert remainder == 0, "a Decimal's denominator has no prime factor but 2 and 5"
        fives += 1
    return max(twos, fives)


def _encode(values: Iterable[Any]) -> tuple[IntArray, list[Any]]:
    """Dictionary encoding: a code per value (int64) and the distinct values in order."""
    import numpy as np  # noqa: PLC0415

    listed = list(values)
    distinct = list(dict.fromkeys(listed))
    code = {value: i for i, value in enumerate(distinct)}
    codes = np.fromiter(map(code.__getitem__, listed), dtype=np.int64, count=len(listed))
    return codes, distinct


def _starts(keys: IntArray) -> IntArray:
    """Where each run of equal ``keys`` (sorted) starts."""
    import numpy as np  # noqa: PLC0415

    if not len(keys):
        return np.zeros(0, dtype=np.intp)
    starts: IntArray = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    return starts


class Setup:
    """One appraisal's Monte Carlo set-up; see the module notes. Lines are held in the
    engine's order (:attr:`order` maps it to the appraisal's)."""

    def __init__(self, appraisal: Appraisal, adjusted: bool) -> None:
        import numpy as np  # noqa: PLC0415

        self.appraisal = appraisal
        self.lines = appraisal.lines
        self.currency = appraisal.currency
        self._columns: dict[str, tuple[IntArray, list[Any]]] = {}
        self._assumptions: tuple[Any, ...] | None = None
        self.order, fiscal_count, self.partners = self._order()
        self._segments(fiscal_count)
        scale, s = self._present_values(adjusted)
        #: Each line's exact PV in minor units is ``s[line] / 10**scale`` (engine order).
        self.scale = scale
        self.s = [s[i] for i in self.order.tolist()]
        self.s_exact = np.array(self.s, dtype=object).reshape(-1, 1)
        # Correctly rounded (Python's int / int), or NaN where float64 cannot hold it.
        unit = 10**scale
        self.s_float = np.array([_nearest(v, unit) for v in self.s], dtype=np.float64)
        self.s_signed = self.s_float * self.signs.reshape(-1)

    def assumptions(self) -> tuple[Any, ...]:
        """The appraisal's assumptions (made once: an appraisal never changes)."""
        if self._assumptions is None:
            self._assumptions = tuple(self.appraisal.assumptions())
        return self._assumptions

    def distinct_lines(self) -> list[Any]:
        """Stand-ins for the lines with, between them, exactly the lines' distinct
        projects, domains, partners and labels (in order of first appearance): what a
        selector's key check reads, without a pass over every line."""
        names = ("project", "domain", "partner", "label")
        values = [self.column(name)[1] for name in names]
        count = max(map(len, values))
        return [
            types.SimpleNamespace(
                **{n: v[min(i, len(v) - 1)] for n, v in zip(names, values, strict=True)}
            )
            for i in range(count)
        ]

    def column(self, name: str) -> tuple[IntArray, list[Any]]:
        """The lines' attribute ``name`` dictionary-encoded, in the appraisal's order."""
        if name not in self._columns:
            self._columns[name] = _encode(map(operator.attrgetter(name), self.lines))
        return self._columns[name]

    def _present_values(self, adjusted: bool) -> tuple[int, list[int]]:
        """``(scale, S)``: each line's exact PV in minor units is ``S / 10**scale``, with
        the smallest scale that makes every ``S`` an integer (appraisal order)."""
        minor = minor_digits(self.currency)
        ratios = []
        for line in self.lines:
            pv = line.pv_adjusted if adjusted else line.pv_unadjusted
            # A business-as-usual line holds its amounts negated: its magnitude is -pv.
            magnitude = -pv.amount if line.counterfactual else pv.amount
            ratio = magnitude.as_integer_ratio()  # in lowest terms
            if ratio[0] < 0:
                raise AppraisalError(f"line {line.label!r} has a negative present value {pv}")
            ratios.append(ratio)
        denominators = {d for _, d in ratios}
        scale = max(0, max(map(_places, denominators), default=0) - minor)
        factor = {d: 10 ** (minor + scale) // d for d in denominators}
        return scale, [n * factor[d] for n, d in ratios]

    # long: the fiscal test, the partner and project codes and the sort are one computation
    def _order(self) -> tuple[IntArray, int, list[str]]:
        """The engine's order of the lines, how many are fiscal, the partners (sorted); also
        sets the signs and each line's partner and project code (engine order)."""
        import numpy as np  # noqa: PLC0415

        lines = self.lines
        natures, nature_values = self.column("nature")
        sign_of = np.array([-1 if n is Nature.COST else 1 for n in nature_values], dtype=np.int64)
        # A business-as-usual line counts negated (with-minus-without).
        usual = np.array([-1 if line.counterfactual else 1 for line in lines], dtype=np.int64)
        signs = sign_of[natures] * usual
        # Whether a line is in the fiscal case depends on its nature, category and
        # treatment (an unclassified benefit counted as another type) only, so each
        # combination is asked of the first line that has it: the same test as the
        # appraisal's (AppraisedLine.is_fiscal_benefit), so the two always agree.
        categories, category_values = self.column("category")
        treated, treated_values = self.column("treated_as")
        kind = natures * max(len(category_values), 1) + categories
        combined = kind * max(len(treated_values), 1) + treated
        _, first, kind_of = np.unique(combined, return_index=True, return_inverse=True)
        verdicts = [lines[i].is_cost or lines[i].is_fiscal_benefit for i in first.tolist()]
        fiscal = np.asarray(verdicts, dtype=bool)[kind_of.reshape(-1)]
        partner_codes, partner_values = self.column("partner")
        partners = sorted({p or UNATTRIBUTED for p in partner_values})
        rank = {p: i for i, p in enumerate(partners)}
        partner_of = np.asarray([rank[p or UNATTRIBUTED] for p in partner_values], dtype=np.int64)
        project_codes, project_values = self.column("project")
        #: The appraisal's projects (its property walks every line).
        self.projects = tuple(project_values)
        where = {p: i for i, p in enumerate(self.projects)}
        count = len(where)
        project_of = np.asarray([where.get(p, count) for p in project_values], dtype=np.int64)
        partner = partner_of[partner_codes] if len(lines) else np.zeros(0, dtype=np.int64)
        project = project_of[project_codes] if len(lines) else np.zeros(0, dtype=np.int64)
        # Fiscal lines first, by project then partner; the others after, as they come.
        key = np.where(fiscal, project * (len(partners) + 1) + partner, -1)
        order = np.lexsort((key, ~fiscal))
        self.signs = signs[order].reshape(-1, 1)
        self.partner = partner[order]
        self.project = project[order]
        return order, int(fiscal.sum()), partners

    def _segments(self, fiscal_count: int) -> None:
        """The segments (runs of fiscal lines with one project and partner, then one of
        every other line) and how they sum to partners and projects."""
        import numpy as np  # noqa: PLC0415

        f = fiscal_count
        key = self.project[:f] * (len(self.partners) + 1) + self.partner[:f]
        starts = _starts(key)
        self.fiscal_segments = len(starts)
        if f < len(self.lines):
            starts = np.r_[starts, f]
        self.starts = starts
        seg_partner = self.partner[:f][starts[: self.fiscal_segments]]
        seg_project = self.project[:f][starts[: self.fiscal_segments]]
        # Segments by partner: sorted, their runs, and which partner each run is.
        self.by_partner = np.argsort(seg_partner, kind="stable")
        sorted_partner = seg_partner[self.by_partner]
        self.partner_starts = _starts(sorted_partner)
        self.partner_rows = sorted_partner[self.partner_starts]
        # Segments are sorted by project already; the lines of no project listed are left out.
        self.project_starts = _starts(seg_project)
        self.project_rows = seg_project[self.project_starts]

    def keys(self) -> list[str]:
        """The quantities :meth:`totals` gives, row by row: ``npv``, ``nppv``, then
        ``partner:<key>`` (sorted) and ``project:<key>`` (in the appraisal's order)."""
        return (
            ["npv", "nppv"]
            + [f"partner:{p}" for p in self.partners]
            + [f"project:{p}" for p in self.projects]
        )

    def aggregate(
        self, values: IntArray, *, signed: bool = False, lines_axis: int = 0
    ) -> dict[str, IntArray]:
        """:meth:`totals` by name (see :meth:`keys`)."""
        totals = self.totals(values, signed=signed, lines_axis=lines_axis)
        return dict(zip(self.keys(), totals, strict=True))

    def totals(self, values: IntArray, *, signed: bool = False, lines_axis: int = 0) -> IntArray:
        """Signed sums per draw of ``values`` (lines in engine order x draws, or draws x
        lines if ``lines_axis`` is 1; signed in place unless ``signed``), one row per
        :meth:`keys`: NPV, NPPV, each partner's and each project's net. Float values (whole
        minor units) are summed as floats only when the caller has checked that every sum
        stays below 2**53, so the sums are exact; they come back as int64."""
        import numpy as np  # noqa: PLC0415

        if not signed:
            values *= self.signs if lines_axis == 0 else self.signs.reshape(-1)
        draws = values.shape[1 - lines_axis]
        dtype = values.dtype
        out = np.zeros((2 + len(self.partners) + len(self.projects), draws), dtype=dtype)
        if not values.shape[lines_axis]:
            return out.astype(np.int64) if dtype.kind == "f" else out
        # Summed along the lines (contiguous when lines_axis is 1), then small arrays.
        segments = np.add.reduceat(values, self.starts, axis=lines_axis)
        segments = segments.T if lines_axis else segments
        fiscal = segments[: self.fiscal_segments]
        out[0] = fiscal.sum(axis=0)
        out[1] = segments.sum(axis=0)
        if self.fiscal_segments:
            first = 2
            out[first + self.partner_rows] = np.add.reduceat(
                fiscal[self.by_partner], self.partner_starts, axis=0
            )
            first += len(self.partners)
            listed = self.project_rows < len(self.projects)
            out[first + self.project_rows[listed]] = np.add.reduceat(
                fiscal, self.project_starts, axis=0
            )[listed]
        return out.astype(np.int64) if dtype.kind == "f" else out


def _nearest(numerator: int, unit: int) -> float:
    """``numerator / unit`` correctly rounded to float64, or NaN when it overflows."""
    try:
        return numerator / unit
    except OverflowError:
        return float("nan")
