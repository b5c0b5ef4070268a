"""``python -m wecb``: the same command line as the ``wecb`` script."""

from __future__ import annotations

import sys

from wecb.cli import main

if __name__ == "__main__":
    sys.exit(main())
