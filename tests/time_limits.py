"""A time limit for tests of calls that used to hang (main thread, POSIX signals)."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager


class HungError(Exception):
    """A call took longer than its test allows."""


@contextmanager
def within(seconds: float) -> Iterator[None]:
    """Fail, rather than hang the suite, when the body takes longer than ``seconds``."""

    def expire(*_: object) -> None:
        raise HungError(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
