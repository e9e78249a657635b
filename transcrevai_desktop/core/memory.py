"""Handing memory the process has freed back to the system."""

from __future__ import annotations

import ctypes
import logging
from collections.abc import Callable
from functools import cache

log = logging.getLogger(__name__)


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL(None).malloc_trim
    except (AttributeError, OSError, TypeError):  # not glibc: macOS, Windows, musl
        return None


def release_free_memory() -> None:
    """Return to the system the heap memory the C library keeps after it is freed.

    glibc keeps freed memory in per-thread arenas for reuse: after a final pass over a
    100-second recording the process held 120-190 MiB more than before it (about 290 MiB
    after ten minutes), memory an idle app would sit on until it quits. ``malloc_trim`` hands it
    back in a few milliseconds. A no-op where the C library has no ``malloc_trim``.
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
        log.debug("Freed memory handed back to the system")
