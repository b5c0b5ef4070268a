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
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from wecb.model.programme import Programme

__all__ = ["essex_2012", "essex_2012_path"]


def essex_2012_path() -> Path:
    """The path of the Essex 2012 programme file shipped with wecb."""
    return Path(str(resources.files(__package__).joinpath("essex_2012.toml")))


@functools.cache
def essex_2012() -> Programme:
    """The Whole Essex Community Budget 2012 programme (read once, then cached; it is
    immutable, so every caller can share it)."""
    from wecb.io import load  # noqa: PLC0415 -- cattrs only when a data set is asked for

    return load(essex_2012_path())
