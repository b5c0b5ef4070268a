"""Where the source documents are, for tests that check shipped figures against them.

The seeds live in ``../shared/seeds`` beside the repository (as on CI). Outside CI a
missing folder skips those tests with a reason; on CI (``CI`` set) it is a failure,
so a check of the data against its sources can never pass by not running.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

SEEDS_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def seed_path(name: str) -> Path:
    """The path of seed file ``name``; skip (or fail on CI) when the seeds are absent."""
    path = SEEDS_DIR / name
    if not path.is_file():
        message = f"source document {path} not found (expected ../shared/seeds beside the repo)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def seed_text(name: str) -> str:
    """The text of seed file ``name`` with runs of white space folded to one space."""
    return normalise(seed_path(name).read_text(encoding="utf-8"))


def normalise(text: str) -> str:
    """Fold runs of white space to one space, so quotes match across line breaks."""
    return re.sub(r"\s+", " ", text).strip()
