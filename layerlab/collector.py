"""`paused()`: Python's cycle collector off while a lint builds its records.

A lint allocates a few records per instruction (instructions, events, hits, findings) and
frees them by reference counting: they hold no cycles. The cycle collector still runs every
few hundred allocations and, as the records pile up, walks all of them again and again: a
Dockerfile of 40,000 generated lines spent a fifth of its lint time in collections that freed
nothing. The collector is process-wide, so threads linting at once share one pause: the first
to enter turns it off, the last to leave turns it back on (if it was on).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pausing = 0  # lint calls inside paused() right now, in every thread
_was_enabled = False


@contextmanager
def paused() -> Iterator[None]:
    global _pausing, _was_enabled
    with _lock:
        if _pausing == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pausing += 1
    try:
        yield
    finally:
        with _lock:
            _pausing -= 1
            if _pausing == 0 and _was_enabled:
                gc.enable()
