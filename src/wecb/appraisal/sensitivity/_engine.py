"""The Monte Carlo engine (private): exact line values for given multipliers, vectorised.

See :mod:`wecb.appraisal.sensitivity` for the method, and
:mod:`~wecb.appraisal.sensitivity._draws` for the multipliers it is given. Three engines
give identical values:

* ``"float64"`` (the default when the int64 bound check holds): each value in float64,
  its rounding to the minor unit proved exact or the value recomputed with Python
  integers (:mod:`~wecb.appraisal.sensitivity._fast` derives the bound);
* ``"int64"``: ``S x m`` formed in int64 limbs (base ``10**b``, ``b`` chosen so that no
  product can overflow, with carries), vectorised over lines and draws;
* ``"python"``: Python integers in numpy object arrays, for amounts or multipliers too
  large for the bound check (slower).

Draws are valued a chunk at a time (by default as many as fit :data:`MEMORY_BUDGET`). The
set-up that depends on the appraisal only (:mod:`~wecb.appraisal.sensitivity._setup`) is
made once per appraisal and kept.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final, TypeAlias

from wecb.appraisal._exact import divide_rounded, rounding_mode, rounds_up
from wecb.appraisal.record import Appraisal
from wecb.appraisal.sensitivity import _fast
from wecb.appraisal.sensitivity._setup import setup_for
from wecb.appraisal.sensitivity.ranges import PPM, SUM_BOUND, Uncertainty
from wecb.errors import AppraisalError

if TYPE_CHECKING:
    import numpy.typing as npt

    IntArray: TypeAlias = npt.NDArray[Any]

__all__ = ["ENGINES", "MEMORY_BUDGET", "MonteCarloEngine", "chunk_size"]

#: The engines a run may ask for.
ENGINES: Final = ("auto", "float64", "int64", "python")
_INT64_MAX: Final = 2**63 - 1
_FLOAT_EXACT: Final = 2**53
#: Working memory (bytes) a Monte Carlo run keeps to by default: the lines are valued a
#: chunk of draws at a time, as many draws as fit (at least one); see ``chunk_draws``.
MEMORY_BUDGET: Final = 256 * 2**20
# Peak working bytes per line and draw of each engine, with headroom (measured with
# tracemalloc on generated programmes: about 30 for float64 with the default rounding,
# 45 for int64 and 400 for Python integers).
_BYTES_PER_LINE_DRAW: Final = {"float64": 64, "int64": 64, "python": 512}
#: Values per chunk of the float64 engine (about 1 MiB an array).
_CACHE_VALUES: Final = 2**17


def chunk_size(lines: int, engine: str) -> int:
    """How many draws to value at a time to keep to :data:`MEMORY_BUDGET` (at least one).

    The float64 engine takes fewer: about :data:`_CACHE_VALUES` values a chunk, so that
    its few passes over a chunk stay in the processor's cache (measured: 1.5-3x faster
    than chunks of hundreds of megabytes)."""
    chunk = max(1, MEMORY_BUDGET // (max(lines, 1) * _BYTES_PER_LINE_DRAW[engine]))
    if engine == "float64":
        chunk = min(chunk, max(1, _CACHE_VALUES // max(lines, 1)))
    return chunk


class MonteCarloEngine:
    """Exact line values for given multipliers; see the package notes.

    Built once per run over the appraisal's cached set-up: each selector test runs once
    per distinct value of the attribute it reads (not per line), and lines selected by
    the same ranges share one "cover". Each chunk of draws then costs numpy operations
    only. Values are in the set-up's order of the lines (see :meth:`aggregate`).
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
        self.setup = setup = setup_for(appraisal, adjusted)
        self.lines = appraisal.lines
        self.rounding = rounding_mode(rounding)
        self.currency = appraisal.currency
        names = [u.name for u in uncertainties]
        if len(set(names)) != len(names):
            raise AppraisalError(f"uncertainty names repeat: {names}")
        #: The distinct sets of ranges applying to a line, and each line's set (in the
        #: appraisal's order of the lines; ``cover_sorted`` in the engine's).
        self.covers, self.cover_of = self._covers(uncertainties)
        self.cover_sorted = self.cover_of[setup.order]
        self.k = max((len(c) for c in self.covers), default=0)
        self.highs = [u.distribution.bounds_ppm()[1] for u in uncertainties]
        self.cover_max = [self._max_multiplier(cover) for cover in self.covers]
        self.scale = setup.scale
        self.denominator_exponent = self.scale + 6 * self.k
        self._limb_cache: tuple[int, IntArray, IntArray] | None = None
        self.float_sums = False
        self._prepared: _fast.Prepared | None = None
        #: Line-draws valued by the float64 engine, and how many of them were recomputed.
        self.valued = 0
        self.recomputed = 0

    def _covers(self, uncertainties: Sequence[Uncertainty]) -> tuple[list[tuple[int, ...]], Any]:
        """The distinct covers (indices of the ranges that apply) and each line's cover."""
        import numpy as np  # noqa: PLC0415

        count = len(self.lines)
        # selected[i, line]: whether uncertainty i applies to the line; each selector
        # test runs once per distinct value of the attribute it reads.
        selected = np.ones((len(uncertainties), count), dtype=bool)
        for i, u in enumerate(uncertainties):
            for name, test in u.applies_to.criteria():
                codes, values = self.setup.column(name)
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

    def _max_multiplier(self, cover: tuple[int, ...]) -> int:
        m: int = PPM ** (self.k - len(cover))
        for i in cover:
            m *= self.highs[i]
        return m

    # -- engine choice --------------------------------------------------------------------

    def choose(self, engine: str) -> tuple[str, int | None]:
        """The engine to run (``"float64"``, ``"int64"`` or ``"python"``) and the int64 limb
        size (also the float64 engine's check that every sum fits in int64)."""
        limb_digits = self._limb_digits()
        if engine == "python" or (engine == "auto" and limb_digits is None):
            return "python", None
        if limb_digits is None:
            raise AppraisalError(
                f"the {engine} engine cannot hold these amounts and multipliers without "
                "overflow; use engine='python' (or 'auto')"
            )
        return ("float64" if engine == "auto" else engine), limb_digits

    def _limb_digits(self) -> int | None:
        """The limb size for the int64 engine, or None when it could overflow."""

        if not self.lines:
            return None
        top = max(self.cover_max) or 1
        digits = len(str(_INT64_MAX // (top + 1))) - 1
        if digits < 1:
            return None
        bound = self._value_bound()
        # Every value and partial sum is a whole number below 2**53: float64 sums are exact.
        self.float_sums = bound < _FLOAT_EXACT
        if bound >= SUM_BOUND:
            return None
        return min(digits, 18)

    def _value_bound(self) -> float | int:
        """An upper bound on the sum over lines of each line's largest rounded magnitude
        (``S x m_max / 10**e`` rounded up, ``e`` the denominator exponent).

        First in float64: each term ``p' x fl(m_max / 10**6k)`` carries at most four
        roundings and the sum ``n - 1`` more, so ``(1 + (n + 8) 2**-52)`` times the float
        sum, plus ``n`` for the rounding up, bounds it. Only when that is not finite or
        not clearly below the int64 limit is it computed exactly with Python integers."""
        import numpy as np  # noqa: PLC0415

        n = len(self.lines)
        scale = float(10 ** (6 * self.k))
        largest = np.array([float(c) for c in self.cover_max]) / scale
        with np.errstate(over="ignore", invalid="ignore"):
            approx = float(np.sum(self.setup.s_float * largest[self.cover_sorted]))
        bound = approx * (1 + (n + 8) * 2.0**-52) + n
        if math.isfinite(bound) and bound < SUM_BOUND / 2:
            return bound
        unit = 10**self.denominator_exponent
        top = np.array(self.cover_max, dtype=object)[self.cover_sorted]
        return int((self.setup.s_exact.reshape(-1) * top // unit + 1).sum())

    # -- line values ----------------------------------------------------------------------

    def line_values(self, draws: IntArray, engine: str = "auto") -> tuple[IntArray, str]:
        """Rounded magnitudes in minor units, shape (lines, draws), and the engine used."""
        used, limb_digits = self.choose(engine)
        return self.values(draws, used, limb_digits), used

    def values(self, draws: IntArray, used: str, limb_digits: int | None) -> IntArray:
        """Rounded magnitudes in minor units, shape (lines, draws), with the engine chosen."""
        import numpy as np  # noqa: PLC0415

        if used == "python" or limb_digits is None:
            return self._python(draws)
        if used == "float64":
            values: IntArray = self._float64(draws, signed=False).T.astype(np.int64)
            return values
        return self._int64(draws, limb_digits)

    def sums(self, draws: IntArray, used: str, limb_digits: int | None) -> IntArray:
        """:meth:`aggregate` of :meth:`values` as a matrix (a row per quantity, in the order
        of the set-up's ``keys()``); the float64 engine's values come signed and, when every
        sum is below 2**53, are summed as floats (exactly), never copied."""
        if used == "float64" and limb_digits is not None:
            values = self._float64(draws, signed=True)
            return self.setup.totals(values, signed=True, lines_axis=1)
        return self.setup.totals(self.values(draws, used, limb_digits))

    def simulate(
        self, draws: IntArray, used: str, limb_digits: int | None, chunk: int
    ) -> dict[str, IntArray]:
        """:meth:`aggregate` of every draw, computed ``chunk`` draws at a time: each draw
        is independent of the others, so the sums are the same for any chunk size."""
        import numpy as np  # noqa: PLC0415

        parts: list[IntArray] = []
        if used == "float64":  # the float64 thresholds from every draw hold for each chunk
            self._prepared = self._prepare(draws, signed=True)
        try:
            for start in range(0, draws.shape[1], chunk):
                parts.append(self.sums(draws[:, start : start + chunk], used, limb_digits))
        finally:
            self._prepared = None
        totals = np.concatenate(parts, axis=1)
        return dict(zip(self.setup.keys(), totals, strict=True))

    def multipliers(self, draws: IntArray, *, exact: bool) -> IntArray:
        """Per line (engine order), the product of its ppm multipliers (padded to ``k``)."""
        import numpy as np  # noqa: PLC0415

        n = draws.shape[1]
        dtype = object if exact else np.int64
        table = np.empty((len(self.covers), n), dtype=dtype)
        for c, cover in enumerate(self.covers):
            m = np.full(n, PPM ** (self.k - len(cover)), dtype=dtype)
            for i in cover:
                m = m * (draws[i].astype(object) if exact else draws[i])
            table[c] = m
        lines: IntArray = table[self.cover_sorted]
        return lines

    def _float64(self, draws: IntArray, *, signed: bool) -> IntArray:
        """The certified float64 path: values proved in float64, the rest recomputed with
        integers, shape (draws, lines). Signed if ``signed``; float64 when the sums may be
        taken as floats, else (and always when not ``signed``) int64."""
        import numpy as np  # noqa: PLC0415

        setup = self.setup
        half = self.rounding in _fast.HALF_MODES
        prepared = self._prepared if signed else None
        if prepared is None:
            prepared = self._prepare(draws, signed=signed)
        values, missing = _fast.float_values(
            prepared, self.cover_sorted, covers=self.covers, draws=draws, rounding=self.rounding
        )
        self.valued += values.size
        if signed and not half:
            values *= setup.signs.reshape(-1)
        if not (signed and self.float_sums):
            values = values.astype(np.int64)
        if len(missing):
            self.recomputed += len(missing)
            exact = _fast.exact_at(
                setup.s_exact,
                self.cover_sorted,
                covers=self.covers,
                k=self.k,
                draws=draws,
                where=missing,
                exponent=self.denominator_exponent,
                rounding=self.rounding,
            )
            if signed:
                exact = exact * setup.signs.reshape(-1)[missing % len(setup.s)]
            values.flat[missing] = exact  # exact in float64 too when float_sums
        return values

    def _prepare(self, draws: IntArray, *, signed: bool) -> _fast.Prepared:
        setup = self.setup
        return _fast.prepare(
            setup.s_float,
            setup.s_signed if signed else None,
            cover_of=self.cover_sorted,
            covers=self.covers,
            k=self.k,
            draws=draws,
            rounding=self.rounding,
        )

    def _python(self, draws: IntArray) -> IntArray:
        m = self.multipliers(draws, exact=True)
        numerator = self.setup.s_exact * m
        result: IntArray = divide_rounded(numerator, 10**self.denominator_exponent, self.rounding)
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
            s = self.setup.s_exact.reshape(-1)  # Python integers (object arrays)
            quotients = s // 10**exponent
            rests = s % 10**exponent * 10 ** (count * limb_digits - exponent)  # / 10**(count*b)
            limbs = np.empty((len(s), count), dtype=np.int64)
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
        return self.setup.aggregate(values)
