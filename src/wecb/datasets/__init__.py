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
<Reconciliation of Whole Essex Community Budget: 12 checks, 7 agree, 5 differ>
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Final

from wecb.datasets._essex_2012 import essex_2012_claims
from wecb.model.programme import Programme
from wecb.reconciliation import Claim

__all__ = ["CLAIM_SETS", "essex_2012", "essex_2012_claims", "essex_2012_path"]

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
