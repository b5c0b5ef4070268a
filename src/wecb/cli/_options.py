"""Option values: command-line text read into exact values, a bad value a usage error.

Each reader raises :class:`argparse.ArgumentTypeError`, so argparse reports the option and
exits with status 2; library errors met on the way are turned into that error by
:func:`option`.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from decimal import Decimal
from typing import NamedTuple, TypeVar

import wecb
from wecb.core import numbers
from wecb.errors import AppraisalError, WecbError

_T = TypeVar("_T")

#: ``--schedule`` choices: the name of each shipped schedule in :mod:`wecb.appraisal`.
SCHEDULES = {"green-book": "GREEN_BOOK_STPR", "health": "GREEN_BOOK_HEALTH", "zero": "ZERO_RATE"}
#: ``export --format`` choices.
EXPORT_FORMATS = ("csv", "json", "xlsx", "toml")
#: ``--treat-unclassified`` choices: the value types unclassified benefits may count as.
TREATMENTS = ("fiscal", "economic", "social")


class PhaseSpec(NamedTuple):
    """One ``--phase``: the project (``None`` for all), the open period's key, the weights
    by year, and the option as given (for the printout and messages)."""

    project: str | None
    key: str
    weights: dict[wecb.FinancialYear, Decimal]
    text: str


def option(read: Callable[[], _T]) -> _T:
    """``read()``, a library error turned into a usage error (exit status 2)."""
    try:
        return read()
    except WecbError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def year_option(text: str) -> wecb.FinancialYear:
    """A financial year, ``2013/14``."""
    return option(lambda: wecb.FinancialYear.parse(text))


def _number(
    text: str, what: str, minimum: Decimal | None = None, maximum: Decimal | None = None
) -> Decimal:
    """``text`` (``3.5%`` or ``0.035``) read by :func:`wecb.core.numbers.decimal`."""
    return option(lambda: numbers.decimal(text, what=what, minimum=minimum, maximum=maximum))


def rate_option(text: str) -> Decimal:
    """A discount rate above -100%: ``3.5%`` or ``0.035``."""
    value = _number(text, "discount rate")
    if value <= -1:
        raise argparse.ArgumentTypeError(
            str(AppraisalError.not_accepted("discount rate", text, "a rate above -100%"))
        )
    return value


def share_option(text: str) -> Decimal:
    """A share from 0 to 1: ``20%`` or ``0.2``."""
    return _number(text, "share", minimum=Decimal(0), maximum=Decimal(1))


def grade_option(text: str) -> int:
    """An optimism bias confidence grade (its range is checked by the appraisal)."""
    return option(lambda: numbers.whole(text, what="grade"))


def phase_option(text: str) -> PhaseSpec:
    """``[PROJECT/]KEY=FIRST..LAST``, ``KEY=YEAR:WEIGHT,...`` or ``KEY=YEAR``."""
    target, sep, spec = text.partition("=")
    if not sep or not target or not spec:
        raise argparse.ArgumentTypeError(
            f"{text!r}: expected KEY=FIRST..LAST, KEY=YEAR:WEIGHT,... or KEY=YEAR, e.g. "
            "further_implementation=2014/15..2016/17"
        )
    project, slash, key = target.rpartition("/")
    return PhaseSpec((project if slash else None), key, _phase_weights(text, spec), text)


def _phase_weights(text: str, spec: str) -> dict[wecb.FinancialYear, Decimal]:
    if ".." in spec:
        first_text, _, last_text = spec.partition("..")
        first, last = year_option(first_text), year_option(last_text)
        if last < first:
            raise argparse.ArgumentTypeError(f"{text!r}: {last} is before {first}")
        return dict.fromkeys(wecb.FinancialYear.range(first, last), Decimal(1))
    weights: dict[wecb.FinancialYear, Decimal] = {}
    for part in spec.split(","):
        year_text, colon, weight_text = part.partition(":")
        year = year_option(year_text)
        weight = _number(weight_text, "weight", minimum=Decimal(0)) if colon else Decimal(1)
        if year in weights:
            raise argparse.ArgumentTypeError(f"{text!r}: {year} is given twice")
        weights[year] = weight
    return weights


def dimensions_option(text: str) -> tuple[str, ...]:
    """Rollup dimensions, comma-separated: ``domain,cashable``."""
    dims = tuple(part.strip() for part in text.split(",") if part.strip())
    if not dims:
        raise argparse.ArgumentTypeError("give at least one dimension, e.g. domain,cashable")
    return dims


def positive_int_option(text: str) -> int:
    """A whole number of at least 1 (read by :func:`wecb.core.numbers.whole`)."""
    return option(lambda: numbers.whole(text, what="a count", minimum=1))


def positive_or_zero_option(text: str) -> int:
    """A whole number of at least 0 (``--width 0``: no limit)."""
    return option(lambda: numbers.whole(text, what="a width", minimum=0))
