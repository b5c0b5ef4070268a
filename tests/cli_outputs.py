"""Every ``wecb`` command that prints results, with arguments that make it print them: the
cases the output tests (formats, widths, closed pipes) run."""

from __future__ import annotations

from pathlib import Path

from wecb.datasets import essex_2012
from wecb.io import save

#: The docs' example phasing as ``--phase`` options, stated once for every CLI test
#: (the library's own is ``wecb.present.headline.EXAMPLE_PHASING``).
PHASES = (
    "--phase",
    "to_mar_2013=2012/13",
    "--phase",
    "further_implementation=2014/15..2016/17",
    "--phase",
    "appraisal_horizon=2014/15..2018/19",
)


#: The cases, in the order the tests report them.
NAMES = (
    "summary",
    "reconcile",
    "appraise",
    "appraise-new-economy",
    "compare",
    "realisation",
    "asks",
    "pilots",
    "sources",
)


def command_cases(folder: Path) -> dict[str, tuple[str, ...]]:
    """Each case's name and arguments (files it needs written into ``folder``)."""
    base, without = folder / "essex.toml", folder / "without_fbc2.toml"
    if not base.exists():
        save(essex_2012(), base)
        save(essex_2012().without_project("FBC2")[0], without)
    appraise = ("appraise", *PHASES, "--allow-before-base")
    return {
        "summary": ("summary",),
        "reconcile": ("reconcile",),
        "appraise": appraise,
        "appraise-new-economy": (*appraise, "--layout", "new-economy"),
        "compare": ("compare", str(base), str(without), *PHASES, "--allow-before-base"),
        "realisation": ("realisation", "--as-at", "2014/15", *PHASES),
        "asks": ("asks", "--text"),
        "pilots": ("pilots",),
        "sources": ("sources",),
    }
