"""The Monte Carlo engine (private): exact line values for given multipliers, vectorised.

See :mod:`wecb.appraisal.sensitivity` for the method, and
:mod:`~wecb.appraisal.sensitivity._draws` for the multipliers it is given. ``S x m`` is
formed in int64 limbs (base ``10**b``, ``b`` chosen so that no product can overflow, with
carries), vectorised over lines and draws; when the bound check fails (very large amounts
or multipliers) it falls back to Python integers in numpy object arrays, which give
identical results, more slowly. Draws are valued a chunk at a time (by default as many as
fit :data:`MEMORY_BUDGET`).
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Final, TypeAlias

from wecb.appraisal._exact import rounding_mode, rounds_up
from wecb.appraisal.record import Appraisal
from wecb.appraisal.sensitivity.ranges import PPM, SUM_BOUND, Uncertainty
from wecb.core.currency import minor_digits
from wecb.errors import AppraisalError
from wecb.model.cashflows import Nature
from wecb.rollups.dimensions import UNATTRIBUTED

if TYPE_CHECKING:
    import numpy.typing as npt

    IntArray: TypeAlias = npt.NDArray[Any]

__all__ = ["MEMORY_BUDGET", "MonteCarloEngine", "chunk_size"]

_INT64_MAX: Final = 2**63 - 1
#: Working memory (bytes) a Monte Carlo run keeps to by default: the lines are valued a
#: chunk of draws at a time, as many draws as fit (at least one); see ``chunk_draws``.
MEMORY_BUDGET: Final = 256 * 2**20
# Peak working bytes per line and draw of each engine, with headroom (measured with
# tracemalloc on generated programmes: about 45 for int64 and 400 for Python integers).
_BYTES_PER_LINE_DRAW: Final = {"int64": 64, "python": 512}


def chunk_size(lines: int, engine: str) -> int:
    """How many draws to value at a time to keep to :data:`MEMORY_BUDGET` (at least one)."""
    return max(1, MEMORY_BUDGET // (max(lines, 1) * _BYTES_PER_LINE_DRAW[engine]))


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


def _split(codes: IntArray, count: int, within: IntArray) -> list[IntArray]:
    """For each code ``0 .. count - 1``, the entries of ``within`` (ascending line
    numbers) whose line has that code in ``codes``, ascending."""
    import numpy as np  # noqa: PLC0415

    chosen = codes[within]
    order = np.argsort(chosen, kind="stable")
    bounds = np.searchsorted(chosen[order], np.arange(count + 1)).tolist()
    ordered = within[order]
    return [ordered[bounds[i] : bounds[i + 1]] for i in range(count)]


def _encode(values: Iterable[Any]) -> tuple[IntArray, list[Any]]:
    """Dictionary encoding: a code per value (int64) and the distinct values in order."""
    import numpy as np  # noqa: PLC0415

    listed = list(values)
    distinct = list(dict.fromkeys(listed))
    code = {value: i for i, value in enumerate(distinct)}
    codes = np.fromiter(map(code.__getitem__, listed), dtype=np.int64, count=len(listed))
    return codes, distinct


class MonteCarloEngine:
    """Exact line values for given multipliers; see the package notes.

    Built once per run: the lines' attributes are dictionary-encoded, so each selector
    test runs once per distinct value (not per line), lines selected by the same ranges
    share one "cover", and the sums per partner and project are over index arrays made
    here. Each chunk of draws then costs numpy operations only.
    """

    def __init__(
        self,
        appraisal: Appraisal,
        uncertainties: Sequence[Uncertainty],
        *,
        adjusted: bool,
        rounding: str,
    ) -> None:
        self.appraisal = appraisal
        self.lines = appraisal.lines
        self.rounding = rounding_mode(rounding)
        self.currency = appraisal.currency
        names = [u.name for u in uncertainties]
        if len(set(names)) != len(names):
            raise AppraisalError(f"uncertainty names repeat: {names}")
        self._columns: dict[str, tuple[IntArray, list[Any]]] = {}
        #: The distinct sets of ranges applying to a line, and each line's set.
        self.covers, self.cover_of = self._covers(uncertainties)
        self.k = max((len(c) for c in self.covers), default=0)
        self.highs = [u.distribution.bounds_ppm()[1] for u in uncertainties]
        self.cover_max = [self._max_multiplier(cover) for cover in self.covers]
        #: Each line's exact PV in minor units is ``s[line] / 10**scale``.
        self.scale, self.s = self._present_values(adjusted)
        self.denominator_exponent = self.scale + 6 * self.k
        #: -1 for a cost, +1 for a benefit (the other way round for a business-as-usual
        #: line), as a column (lines x 1); the lines summed
        #: for each figure reported (see aggregate()).
        self.signs, self.groups = self._groups()
        self._limb_cache: tuple[int, IntArray, IntArray] | None = None
        self._exact_s: IntArray | None = None

    def column(self, name: str) -> tuple[IntArray, list[Any]]:
        """The lines' attribute ``name`` dictionary-encoded (see :func:`_encode`)."""
        if name not in self._columns:
            self._columns[name] = _encode(map(operator.attrgetter(name), self.lines))
        return self._columns[name]

    def _covers(self, uncertainties: Sequence[Uncertainty]) -> tuple[list[tuple[int, ...]], Any]:
        """The distinct covers (indices of the ranges that apply) and each line's cover."""
        import numpy as np  # noqa: PLC0415

        count = len(self.lines)
        # selected[i, line]: whether uncertainty i applies to the line; each selector
        # test runs once per distinct value of the attribute it reads.
        selected = np.ones((len(uncertainties), count), dtype=bool)
        for i, u in enumerate(uncertainties):
            for name, test in u.applies_to.criteria():
                codes, values = self.column(name)
                passed = np.fromiter(map(test, values), dtype=bool, count=len(values))
                selected[i] &= passed[codes]
            if not selected[i].any():
                raise AppraisalError(
                    f"uncertainty {u.name!r} applies to no line of the appraisal "
                    f"({u.applies_to!r})"
                )
        if not uncertainties:
            return [()], np.zeros(count, dtype=np.intp)
        if len(uncertainties) < 63:  # one bit per range in an int64 per line
            bits = np.left_shift(1, np.arange(len(uncertainties), dtype=np.int64))
            patterns, inverse = np.unique(bits @ selected, return_inverse=True)
            covers = [
                tuple(i for i in range(len(uncertainties)) if pattern >> i & 1)
                for pattern in patterns.tolist()
            ]
            return covers, inverse.reshape(-1)
        distinct, inverse = np.unique(selected.T, axis=0, return_inverse=True)
        covers = [tuple(np.flatnonzero(row).tolist()) for row in distinct]
        return covers, inverse.reshape(-1)

    def _present_values(self, adjusted: bool) -> tuple[int, list[int]]:
        """``(scale, S)``: each line's exact PV in minor units is ``S / 10**scale``, with
        the smallest scale that makes every ``S`` an integer."""
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

    def _groups(self) -> tuple[IntArray, list[tuple[str, IntArray]]]:
        """The lines' signs (a column) and, for each figure reported, the lines summed:
        the fiscal lines (costs and fiscal benefits) for the net present budget impact,
        every line for the net present public value, and the fiscal lines of each partner
        (sorted; lines naming none as :data:`~wecb.rollups.dimensions.UNATTRIBUTED`) and
        of each project of the appraisal."""
        import numpy as np  # noqa: PLC0415

        natures, nature_values = self.column("nature")
        sign_of = np.array([-1 if n is Nature.COST else 1 for n in nature_values], dtype=np.int64)
        # A business-as-usual line counts negated (with-minus-without).
        usual = np.array([-1 if line.counterfactual else 1 for line in self.lines], dtype=np.int64)
        signs = (sign_of[natures] * usual).reshape(-1, 1)
        # Whether a line is in the fiscal case depends on its nature, category and
        # treatment (an unclassified benefit counted as another type) only, so each
        # combination is asked of the first line that has it: the same test as the
        # appraisal's (AppraisedLine.is_fiscal_benefit), so the two always agree.
        categories, category_values = self.column("category")
        treated, treated_values = self.column("treated_as")
        kind = natures * max(len(category_values), 1) + categories
        combined = kind * max(len(treated_values), 1) + treated
        _, first, kind_of = np.unique(combined, return_index=True, return_inverse=True)
        lines = self.lines
        verdicts = [lines[i].is_cost or lines[i].is_fiscal_benefit for i in first.tolist()]
        fiscal = np.flatnonzero(np.asarray(verdicts, dtype=bool)[kind_of.reshape(-1)])
        groups: list[tuple[str, IntArray]] = [
            ("npv", fiscal),
            ("nppv", np.arange(len(lines), dtype=np.intp)),
        ]
        partner_codes, partner_values = self.column("partner")
        partners = sorted({p or UNATTRIBUTED for p in partner_values})
        rank = {p: i for i, p in enumerate(partners)}
        partner_of = np.asarray([rank[p or UNATTRIBUTED] for p in partner_values], dtype=np.int64)
        by_partner = _split(partner_of[partner_codes], len(partners), fiscal)
        groups += [(f"partner:{p}", i) for p, i in zip(partners, by_partner, strict=True)]
        project_codes, project_values = self.column("project")
        projects = self.appraisal.projects
        where = {p: i for i, p in enumerate(projects)}
        project_of = np.asarray(
            [where.get(p, len(projects)) for p in project_values], dtype=np.int64
        )
        by_project = _split(project_of[project_codes], len(projects), fiscal)
        groups += [(f"project:{p}", i) for p, i in zip(projects, by_project, strict=True)]
        return signs, groups

    def _max_multiplier(self, cover: tuple[int, ...]) -> int:
        m: int = PPM ** (self.k - len(cover))
        for i in cover:
            m *= self.highs[i]
        return m

    # -- engine choice --------------------------------------------------------------------

    def choose(self, engine: str) -> tuple[str, int | None]:
        """The engine to run (``"int64"`` or ``"python"``) and the int64 limb size."""
        limb_digits = self._limb_digits()
        if engine == "python" or (engine == "auto" and limb_digits is None):
            return "python", None
        if limb_digits is None:
            raise AppraisalError(
                "the int64 engine cannot hold these amounts and multipliers without overflow; "
                "use engine='python' (or 'auto')"
            )
        return "int64", limb_digits

    def _limb_digits(self) -> int | None:
        """The limb size for the int64 engine, or None when it could overflow."""
        import numpy as np  # noqa: PLC0415

        if not self.lines:
            return None
        top = max(self.cover_max) or 1
        digits = len(str(_INT64_MAX // (top + 1))) - 1
        if digits < 1:
            return None
        unit = 10**self.denominator_exponent
        largest = np.array(self.cover_max, dtype=object)[self.cover_of]
        bound = int(((self._s_exact().reshape(-1) // unit + 2) * (largest + 1)).sum())
        if bound >= SUM_BOUND:
            return None
        return min(digits, 18)

    # -- line values ----------------------------------------------------------------------

    def line_values(self, draws: IntArray, engine: str = "auto") -> tuple[IntArray, str]:
        """Rounded magnitudes in minor units, shape (lines, draws), and the engine used."""
        used, limb_digits = self.choose(engine)
        return self.values(draws, used, limb_digits), used

    def values(self, draws: IntArray, used: str, limb_digits: int | None) -> IntArray:
        """Rounded magnitudes in minor units, shape (lines, draws), with the engine chosen."""
        if used == "python" or limb_digits is None:
            return self._python(draws)
        return self._int64(draws, limb_digits)

    def simulate(
        self, draws: IntArray, used: str, limb_digits: int | None, chunk: int
    ) -> dict[str, IntArray]:
        """:meth:`aggregate` of every draw, computed ``chunk`` draws at a time: each draw
        is independent of the others, so the sums are the same for any chunk size."""
        import numpy as np  # noqa: PLC0415

        parts: dict[str, list[IntArray]] = {}
        for start in range(0, draws.shape[1], chunk):
            sums = self.aggregate(self.values(draws[:, start : start + chunk], used, limb_digits))
            for key, value in sums.items():
                parts.setdefault(key, []).append(value)
        return {key: np.concatenate(values) for key, values in parts.items()}

    def multipliers(self, draws: IntArray, *, exact: bool) -> IntArray:
        """Per line, the product of its ppm multipliers (padded to ``k`` factors)."""
        import numpy as np  # noqa: PLC0415

        n = draws.shape[1]
        dtype = object if exact else np.int64
        table = np.empty((len(self.covers), n), dtype=dtype)
        for c, cover in enumerate(self.covers):
            m = np.full(n, PPM ** (self.k - len(cover)), dtype=dtype)
            for i in cover:
                m = m * (draws[i].astype(object) if exact else draws[i])
            table[c] = m
        lines: IntArray = table[self.cover_of]
        return lines

    def _s_exact(self) -> IntArray:
        """The lines' S as Python integers in a column (lines x 1)."""
        import numpy as np  # noqa: PLC0415

        if self._exact_s is None:
            self._exact_s = np.array(self.s, dtype=object).reshape(-1, 1)
        return self._exact_s

    def _python(self, draws: IntArray) -> IntArray:
        m = self.multipliers(draws, exact=True)
        denominator = 10**self.denominator_exponent
        numerator = self._s_exact() * m
        quotient = numerator // denominator
        remainder = numerator % denominator
        twice = remainder * 2
        up = rounds_up(
            quotient,
            gt=twice > denominator,
            eq=twice == denominator,
            nonzero=remainder != 0,
            rounding=self.rounding,
        )
        result: IntArray = quotient + up.astype(quotient.dtype)
        return result

    def _limbs(self, limb_digits: int) -> tuple[IntArray, IntArray]:
        """Each line's ``S // 10**e`` and the fraction ``S % 10**e`` in int64 limbs of
        ``limb_digits`` digits (least significant first), ``e`` the denominator exponent;
        made once per run."""
        import numpy as np  # noqa: PLC0415

        if self._limb_cache is None or self._limb_cache[0] != limb_digits:
            base = 10**limb_digits
            exponent = self.denominator_exponent
            count = max(1, -(-exponent // limb_digits))
            s = self._s_exact().reshape(-1)  # Python integers (object arrays)
            quotients = s // 10**exponent
            rests = s % 10**exponent * 10 ** (count * limb_digits - exponent)  # / 10**(count*b)
            limbs = np.empty((len(self.s), count), dtype=np.int64)
            for j in range(count):
                limbs[:, j] = rests % base
                rests = rests // base
            whole = quotients.astype(np.int64).reshape(-1, 1)
            self._limb_cache = (limb_digits, whole, limbs)
        return self._limb_cache[1], self._limb_cache[2]

    def _int64(self, draws: IntArray, limb_digits: int) -> IntArray:
        import numpy as np  # noqa: PLC0415

        m = self.multipliers(draws, exact=False)
        whole, limbs = self._limbs(limb_digits)
        base = 10**limb_digits
        # r * m, limb by limb from the least significant, carrying: every intermediate is
        # at most base * max(m) < 2**63 (checked in _limb_digits).
        carry, digit, t = np.empty_like(m), np.empty_like(m), np.empty_like(m)
        lower_nonzero = np.zeros(m.shape, dtype=bool)
        for j in range(limbs.shape[1]):
            np.multiply(limbs[:, j : j + 1], m, out=t)
            if j:
                lower_nonzero |= digit != 0
                t += carry
            np.divmod(t, base, out=(carry, digit))
        del t
        quotient = np.multiply(whole, m, out=m)  # m is not needed any more
        quotient += carry
        del carry
        half = base // 2
        at_half = digit == half
        up = rounds_up(
            quotient,
            gt=(digit > half) | (at_half & lower_nonzero),
            eq=at_half & ~lower_nonzero,
            nonzero=(digit != 0) | lower_nonzero,
            rounding=self.rounding,
        )
        quotient += up.astype(quotient.dtype)
        return quotient

    def aggregate(self, values: IntArray) -> dict[str, IntArray]:
        """Signed sums per draw: NPV, NPPV, each partner's and each project's net.

        ``values`` (from :meth:`values`) is signed in place."""
        values *= self.signs
        count = len(values)
        return {
            key: (values if len(lines) == count else values[lines]).sum(axis=0)
            for key, lines in self.groups
        }
