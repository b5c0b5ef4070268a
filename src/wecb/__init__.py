"""wecb: model, roll up and appraise whole place community budgets.

The ground and model types are imported eagerly; everything that needs pint,
numpy or cattrs is imported on first use (see ``_LAZY``), so ``import wecb``
stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

from wecb.errors import WecbError
from wecb.money import Money
from wecb.periods import FinancialYear, OpenPeriod

__all__ = [
    "FinancialYear",
    "Money",
    "OpenPeriod",
    "WecbError",
    "__version__",
]
__version__ = "0.1.0"

# Public name -> module that defines it, imported when the name is first used.
_LAZY: dict[str, str] = {}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'wecb' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
