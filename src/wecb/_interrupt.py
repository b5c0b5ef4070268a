"""Ctrl-C while the ``wecb`` command starts (private): it ends quietly with status 130.

``wecb/__init__.py`` calls :func:`quiet_if_the_command_is_starting` first thing. When, and
only when, the package is being imported to run the command line, ``python -m wecb`` (Python
sets ``sys.argv[0]`` to ``"-m"`` while it finds the module to run) or the ``wecb`` script
(the ``__main__`` module is that script), SIGINT then ends the process with status 130
instead of a traceback while the package loads. Importing wecb as a library never changes
how signals are handled. The command line hands SIGINT back to Python
(:func:`restore_interrupts`, in ``wecb.__main__`` and :func:`wecb.cli.main`) and turns
``KeyboardInterrupt`` into status 130 from then on.
"""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType

__all__ = ["INTERRUPTED", "quiet_if_the_command_is_starting", "restore_interrupts"]

#: The exit status of a command ended by Ctrl-C (128 + SIGINT, as a shell reports it).
INTERRUPTED = 130


def _exit_quietly(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(INTERRUPTED)


def _the_command_is_starting() -> bool:
    argv0 = sys.argv[0] if sys.argv else ""
    if argv0 == "-m":  # python -m ...: which module?
        original = list(getattr(sys, "orig_argv", ()))
        if "-mwecb" in original:
            return True
        return "-m" in original and original[original.index("-m") + 1 :][:1] == ["wecb"]
    main_file = getattr(sys.modules.get("__main__"), "__file__", None)
    script = os.path.basename(argv0).removesuffix(".exe")
    return (
        script == "wecb"
        and isinstance(main_file, str)
        and os.path.abspath(main_file) == os.path.abspath(argv0)
    )


def quiet_if_the_command_is_starting() -> None:
    """While the command line starts, make SIGINT end the process with status 130, quietly."""
    if _the_command_is_starting():
        signal.signal(signal.SIGINT, _exit_quietly)


def restore_interrupts() -> None:
    """Give SIGINT back to Python (``KeyboardInterrupt``) if the start-up guard took it."""
    if signal.getsignal(signal.SIGINT) is _exit_quietly:
        signal.signal(signal.SIGINT, signal.default_int_handler)
