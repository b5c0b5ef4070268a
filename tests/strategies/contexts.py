"""Decimal contexts a caller may have set: what wecb's results must never depend on."""

from __future__ import annotations

from decimal import (
    Clamped,
    Context,
    DecimalException,
    DivisionByZero,
    FloatOperation,
    Inexact,
    InvalidOperation,
    Overflow,
    Rounded,
    Subnormal,
    Underflow,
)

from hypothesis import strategies as st

from wecb.core._decimal import ROUNDINGS

#: Every rounding mode of the decimal module (wecb's own list of them), in a fixed order.
CONTEXT_ROUNDINGS = tuple(sorted(ROUNDINGS))
#: Every signal a context can trap.
CONTEXT_SIGNALS: tuple[type[DecimalException], ...] = (
    Clamped,
    DivisionByZero,
    FloatOperation,
    Inexact,
    InvalidOperation,
    Overflow,
    Rounded,
    Subnormal,
    Underflow,
)


def _context(
    prec: int,
    rounding: str,
    emax: int,
    emin: int,
    capitals: int,
    clamp: int,
    traps: list[type[DecimalException]],
) -> Context:
    return Context(
        prec=prec,
        rounding=rounding,
        Emax=emax,
        Emin=emin,
        capitals=capitals,
        clamp=clamp,
        flags=[],
        traps=traps,
    )


def hostile_contexts() -> st.SearchStrategy[Context]:
    """Contexts a caller might hold while calling wecb: a low precision (1 to 30 digits),
    any rounding mode, small exponent limits (``Emax`` from 0, ``Emin`` to 0), lower-case
    exponents, clamping, and traps on for any of the signals (Inexact, Rounded,
    InvalidOperation, Overflow, FloatOperation, ...). Python's default context is among
    them (precision 28, half even), and so are the worst cases: one digit, every trap."""
    return st.builds(
        _context,
        prec=st.one_of(st.integers(1, 6), st.integers(1, 30)),
        rounding=st.sampled_from(CONTEXT_ROUNDINGS),
        emax=st.one_of(st.integers(0, 12), st.just(999_999)),
        emin=st.one_of(st.integers(-12, 0), st.just(-999_999)),
        capitals=st.integers(0, 1),
        clamp=st.integers(0, 1),
        traps=st.one_of(
            st.just(list(CONTEXT_SIGNALS)),
            st.lists(st.sampled_from(CONTEXT_SIGNALS), unique=True),
        ),
    )
