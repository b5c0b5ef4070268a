"""Sphinx configuration for wecb. The build needs no network."""

from __future__ import annotations

import doctest
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS.parent / "src"))
sys.path.insert(0, str(DOCS / "_ext"))

project = "wecb"
author = "wecb developers"
copyright = "2026, wecb developers"
release = "0.1.0"

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
    # Runs examples/plot_*.py when the build starts and puts their PNGs in
    # _generated/plots/ (not committed), which the plot how-to shows.
    "wecb_plots",
]

# No intersphinx: its inventories would be fetched over the network at build time. The
# pages link to the Python, attrs and pint documentation with plain links instead.
autodoc_typehints = "description"
autodoc_member_order = "bysource"
autodoc_default_options = {"members": True, "show-inheritance": True}
nitpicky = False
exclude_patterns = ["_build", "_generated"]

# Furo: responsive (the sidebars fold away on narrow screens) and wide code blocks scroll
# sideways instead of being cut off. It ships its own CSS and JavaScript and uses the
# system's fonts, so a built page loads nothing from the network.
html_theme = "furo"
html_title = f"wecb {release}"
html_static_path: list[str] = []

# Doctests: the pages' examples are `.. doctest::` blocks, run by `sphinx-build -b doctest`.
# Plain `>>>` blocks are not collected, because autodoc pulls in the docstrings' examples,
# which pytest already runs with their modules' globals (tests/test_docs.py checks that no
# page has an uncollected `>>>`).
doctest_test_doctest_blocks = ""
doctest_default_flags = (
    doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE | doctest.DONT_ACCEPT_TRUE_FOR_1
)
doctest_global_setup = "from decimal import Decimal\nimport wecb"
