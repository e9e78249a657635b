"""A lock on a folder that other processes see, and that goes with its process however it
ends (a crash, a kill): POSIX ``flock`` on the folder itself, so nothing is left to clean up.
Windows has no such lock here (``CAN_LOCK`` is false): there ``acquire`` always succeeds and
``held`` says no, and each process knows only its own sessions and downloads. Nor does a
filesystem that refuses ``flock`` (NFS without its lock daemon): the same there.

Locks of one folder opened twice conflict within one process too (``flock`` locks an open
file, not a process), so ``held`` is true of this process's own held folders as well;
``held_elsewhere`` tells them apart."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

try:
    import fcntl  # POSIX
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

CAN_LOCK = fcntl is not None
_PROBE_SECONDS = 0.1  # ``held`` holds a free lock this briefly: an ``acquire`` waits it out
_HELD_HERE: set[Path] = set()  # the folders this process holds
_HELD_HERE_LOCK = threading.Lock()


class FolderLock:
    """``folder``'s lock, taken by ``acquire`` and given back by ``release``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._descriptor: int | None = None

    def acquire(self, patience: float = _PROBE_SECONDS) -> bool:
        """Take the lock if no one holds it, trying for ``patience`` seconds (another
        process's ``held`` may be looking); True if this holds it now. Also True where no
        lock can be taken (see the module), or the folder cannot be opened: the work it guards
        goes on, and reports such a folder itself. A folder deleted and made again since is
        locked anew."""
        if self._descriptor is not None and self._same_folder(self._descriptor):
            return True
        self.release()
        until = time.monotonic() + patience
        while (taken := _lock(self.folder)) is False and time.monotonic() < until:
            time.sleep(0.01)
        if not isinstance(taken, bool):  # a descriptor (a bool is an int too)
            self._descriptor = taken
            with _HELD_HERE_LOCK:
                _HELD_HERE.add(self.folder)
        return taken is not False

    @property
    def holding(self) -> bool:
        """Whether this holds the lock (never where none can be taken)."""
        return self._descriptor is not None

    def release(self) -> None:
        if self._descriptor is not None:
            with _HELD_HERE_LOCK:
                _HELD_HERE.discard(self.folder)
            os.close(self._descriptor)  # closing gives the lock back
            self._descriptor = None

    def _same_folder(self, descriptor: int) -> bool:
        try:
            return os.fstat(descriptor).st_ino == self.folder.stat().st_ino
        except OSError:
            return False


def _lock(folder: Path) -> int | bool:
    """An open descriptor of ``folder`` holding its lock; False if another holds it; True
    where none can be taken."""
    if fcntl is None:
        return True
    try:
        folder.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return True
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(descriptor)
        return False
    except OSError:  # a filesystem without flock
        os.close(descriptor)
        return True
    return descriptor


def held(folder: Path) -> bool:
    """Whether some process (this one included) holds ``folder``'s lock now."""
    if fcntl is None:
        return False
    try:
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return False  # gone, or never was
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False  # a filesystem without flock: no one holds anything
    finally:
        os.close(descriptor)  # and with it the lock just taken, if it was
    return False


def held_elsewhere(folder: Path) -> bool:
    """Whether another process holds ``folder``'s lock now."""
    with _HELD_HERE_LOCK:
        if folder in _HELD_HERE:
            return False
    return held(folder)
