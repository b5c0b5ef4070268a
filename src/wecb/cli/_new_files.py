"""Writing a file that must be new (``wecb new``, ``wecb template``): an existing file is
kept unless ``--force``.

The name is claimed first with an exclusive create, so a file that appears between the
check and the write is not replaced either; the writer then replaces the empty claim
atomically, and a failure removes the claim.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from wecb.errors import WecbError

__all__ = ["write_new"]

_Written = TypeVar("_Written")


def write_new(
    path: Path,
    write: Callable[[], _Written],
    *,
    force: bool,
    error: Callable[[str, str], WecbError],
) -> _Written:
    """Run ``write`` (which writes ``path`` atomically); unless ``force``, refuse with
    ``error`` when ``path`` exists already."""
    if force:
        return write()
    try:
        claim: int | None = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:
        raise error(
            str(path), "it exists already; give --force to replace it, or another name"
        ) from None
    except OSError:
        claim = None  # a missing folder, no permission: the writer says which
    if claim is not None:
        os.close(claim)
    try:
        return write()
    except BaseException:
        if claim is not None:
            with contextlib.suppress(OSError):
                os.unlink(path)
        raise
