"""Sphinx configuration for wecb. The build needs no network."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

project = "wecb"
author = "wecb developers"
copyright = "2026, wecb developers"
release = "0.1.0"

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
]

# No intersphinx: its inventories would be fetched over the network at build time.
autodoc_typehints = "description"
autodoc_member_order = "bysource"
nitpicky = False
exclude_patterns = ["_build"]
html_theme = "alabaster"
doctest_global_setup = "from decimal import Decimal\nimport wecb"
