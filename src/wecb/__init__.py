"""wecb: model, roll up and appraise whole place community budgets."""

from __future__ import annotations

from wecb.errors import WecbError

__all__ = ["WecbError", "__version__"]
__version__ = "0.1.0"
