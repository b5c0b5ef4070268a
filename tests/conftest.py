"""Test configuration: Hypothesis profiles.

``HYPOTHESIS_PROFILE=ci`` (set by ``.ci/run``) keeps the suite within CI's time and is
derandomized, so a CI run is repeatable; ``dev`` (the default) draws fresh examples each
run to keep finding new inputs; ``thorough`` runs many more examples.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=100,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "dev", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "thorough", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture
def require_tool() -> Callable[[str], str]:
    """A function that gives the path of an external program (``soffice``), skipping the
    test with the reason when it is not installed, or failing it when the environment
    variable ``CI`` is ``true`` (CI must run every test: ``.ci/run`` installs the tools)."""

    def find(name: str) -> str:
        path = shutil.which(name)
        if path is not None:
            return path
        reason = f"{name!r} is not installed (on PATH); .ci/run installs it when run as root"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}, and CI=true: this test must run on CI")
        pytest.skip(reason)

    return find
