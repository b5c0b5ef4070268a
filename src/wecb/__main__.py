"""``python -m wecb``: the same command line as the ``wecb`` script.

Ctrl-C at any point ends the command quietly with status 130: while the package loads
(``wecb._interrupt``), while the command line is imported (here) and while it runs
(:func:`wecb.cli.main`).
"""

from __future__ import annotations

import sys

from wecb._interrupt import INTERRUPTED, restore_interrupts

if __name__ == "__main__":
    try:
        restore_interrupts()  # Ctrl-C is a KeyboardInterrupt again, handled from here on
        from wecb.cli import main

        status = main()
    except KeyboardInterrupt:
        status = INTERRUPTED
    sys.exit(status)
