"""Built-in data sets, stored as programme files and read with the public loader.

:func:`essex_2012` is the Whole Essex Community Budget of 2012: partners, domains and
enablers, the five Final Business Cases with their published cost-benefit tables and
Strengthening Communities, FBC1's integration pilots, the programme's funding, FBC5's
family teams and the figures the sources quote, each with its source (seed file and
sentence). It is ``essex_2012.toml`` beside this module, loaded with :func:`wecb.load`
exactly as a user's own file would be.

>>> essex = essex_2012()
>>> [p.key for p in essex.projects]
['FBC1', 'FBC2', 'FBC3', 'FBC4', 'FBC5', 'strengthening_communities']
>>> print(format(essex.project("FBC1").table.net_total, ".3m"))
-£87.587m

Everything particular to one data set lives here too: :func:`essex_2012_claims` are the
published totals the Essex programme is checked against, for ``wecb.reconcile``;
:data:`CLAIM_SETS` names each data set's claims (``wecb reconcile --claims`` offers them).

>>> import wecb
>>> wecb.reconcile(essex, essex_2012_claims(essex))
<Reconciliation of Whole Essex Community Budget: 12 checks, 7 agree, 3 differ, 2 not comparable>

The other three whole place pilots of 2012 are headline programmes (partners, domains and
published figures, each citing its document; no projects, since no public document gives
their tables): :func:`cheshire_west_and_chester_2012`, :func:`greater_manchester_2012` and
:func:`tri_borough_2012`. :data:`DATASETS` names all four (``wecb summary --dataset
NAME``); :func:`pilots_2012` sets them side by side (``wecb pilots``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Final

from wecb.datasets._essex_2012 import essex_2012_claims
from wecb.datasets._pilot_comparison import NationalComparison, PilotComparison, PilotFigure
from wecb.datasets._pilots import compare_pilots
from wecb.errors import UnknownKeyError
from wecb.model.programme import Programme
from wecb.reconciliation import Claim

__all__ = [
    "CLAIM_SETS",
    "DATASETS",
    "NationalComparison",
    "PilotComparison",
    "PilotFigure",
    "cheshire_west_and_chester_2012",
    "dataset_path",
    "essex_2012",
    "essex_2012_claims",
    "essex_2012_path",
    "greater_manchester_2012",
    "pilots_2012",
    "tri_borough_2012",
]

#: Each data set's claims by name: a function of the programme giving its claims.
CLAIM_SETS: Final[Mapping[str, Callable[[Programme], tuple[Claim, ...]]]] = MappingProxyType(
    {"essex-2012": essex_2012_claims}
)


def essex_2012_path() -> Path:
    """The path of the Essex 2012 programme file shipped with wecb."""
    return Path(str(resources.files(__package__).joinpath("essex_2012.toml")))


@functools.cache
def essex_2012() -> Programme:
    """The Whole Essex Community Budget 2012 programme (read once, then cached; it is
    immutable, so every caller can share it)."""
    from wecb.io import load  # noqa: PLC0415 -- cattrs only when a data set is asked for

    return load(essex_2012_path())


def dataset_path(name: str) -> Path:
    """The path of the shipped data set ``name`` (a key of :data:`DATASETS`)."""
    if name not in _FILES:
        raise UnknownKeyError.not_accepted(
            "data set", name, "one of " + ", ".join(map(repr, _FILES))
        )
    return Path(str(resources.files(__package__).joinpath(_FILES[name])))


def _load(name: str) -> Programme:
    from wecb.io import load  # noqa: PLC0415 -- cattrs only when a data set is asked for

    return load(dataset_path(name))


@functools.cache
def cheshire_west_and_chester_2012() -> Programme:
    """The Cheshire West and Chester ("West Cheshire") pilot of 2012: a headline programme of
    partners, domains and published figures, each citing its document (read once, cached).

    >>> cwac = cheshire_west_and_chester_2012()
    >>> print(cwac.figure("net_benefit_5y").describe())
    £56,000,000.00 over five years
    """
    return _load("cheshire-west-and-chester-2012")


@functools.cache
def greater_manchester_2012() -> Programme:
    """The Greater Manchester pilot of 2012: a headline programme (read once, cached).

    >>> print(greater_manchester_2012().figure("net_savings_5y").describe())
    estimated £270,000,000.00 over five years
    """
    return _load("greater-manchester-2012")


@functools.cache
def tri_borough_2012() -> Programme:
    """The Tri-borough pilot of 2012 (Hammersmith & Fulham, Kensington & Chelsea and
    Westminster): a headline programme with both published accounts of its savings.

    >>> tri = tri_borough_2012()
    >>> [tri.figure(k).describe() for k in ("net_efficiencies_by_year_five", "net_savings_annual")]
    ['£38,000,000.00', '£70,000,000.00 per year']
    """
    return _load("tri-borough-2012")


#: The shipped data sets by name (``wecb summary --dataset NAME``): loaders of programmes.
DATASETS: Final[Mapping[str, Callable[[], Programme]]] = MappingProxyType(
    {
        "essex-2012": essex_2012,
        "cheshire-west-and-chester-2012": cheshire_west_and_chester_2012,
        "greater-manchester-2012": greater_manchester_2012,
        "tri-borough-2012": tri_borough_2012,
    }
)

_FILES: Final = MappingProxyType({name: name.replace("-", "_") + ".toml" for name in DATASETS})


def pilots_2012() -> PilotComparison:
    """The four pilots of 2012 side by side: each pilot's headline figures with their
    horizons and per-year equivalents (only where the horizon allows one), checked against
    DCLG's collective five-year net savings and set beside the national five-year range
    the LGA commissioned (see :class:`PilotComparison`).

    >>> pilots = pilots_2012()
    >>> print(pilots.reconciliation)  # doctest: +ELLIPSIS
    Reconciliation of the four pilots of 2012: 1 checks, 0 agree, 1 differ
    ...
    """
    return compare_pilots({name: load() for name, load in DATASETS.items()})
