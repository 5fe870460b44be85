"""Cyclic garbage collection paused where it costs time and frees nothing."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """No automatic cyclic collection meanwhile. For work that makes many long-lived
    containers and few cycles (loading and indexing a table, checking drafts, whose
    memo caches grow): each full collection would walk all of them again and free
    nothing. A caller that makes cycles collects them itself (`gc.collect(1)`)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
