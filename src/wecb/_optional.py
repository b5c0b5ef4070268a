"""Optional dependencies, imported only when a feature that needs them is used."""

from __future__ import annotations

import importlib
from types import ModuleType

from wecb.errors import MissingExtraError

__all__ = ["require"]


def require(module: str, extra: str, purpose: str) -> ModuleType:
    """Import ``module`` or raise :class:`~wecb.errors.MissingExtraError` naming the extra.

    >>> require("wecb_no_such_module", "xlsx", "writing .xlsx workbooks")
    Traceback (most recent call last):
    ...
    wecb.errors.MissingExtraError: writing .xlsx workbooks needs the optional package \
'wecb_no_such_module', which is not installed; install it with: pip install 'wecb[xlsx]'
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtraError(
            f"{purpose} needs the optional package {module.partition('.')[0]!r}, which is not "
            f"installed; install it with: pip install 'wecb[{extra}]'"
        ) from None
