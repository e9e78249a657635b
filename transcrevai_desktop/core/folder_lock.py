"""A lock on a folder that other processes see, and that goes with its process however it
ends (a crash, a kill): POSIX ``flock`` on the folder itself, so nothing is left to clean up.
Windows has no such lock here: there ``acquire`` always succeeds and ``held`` says no, and
each process knows only its own sessions and downloads.

Locks of one folder opened twice conflict within one process too (``flock`` locks an open
file, not a process), so ``held`` is true of this process's own held folders as well."""

from __future__ import annotations

import os
from pathlib import Path

try:
    import fcntl  # POSIX
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]


class FolderLock:
    """``folder``'s lock, taken by ``acquire`` (never waits) and given back by ``release``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._descriptor: int | None = None

    def acquire(self) -> bool:
        """Take the lock if no one holds it (made if need be); True if this holds it now.
        Also True where no lock can be taken (Windows, a folder that cannot be made or
        opened: the work it guards goes on, and reports such a folder itself)."""
        if self._descriptor is not None or fcntl is None:
            return True
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(self.folder, os.O_RDONLY | os.O_DIRECTORY)
        except OSError:
            return True
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)
            return False
        self._descriptor = descriptor
        return True

    def release(self) -> None:
        if self._descriptor is not None:
            os.close(self._descriptor)  # closing gives the lock back
            self._descriptor = None


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
    finally:
        os.close(descriptor)  # and with it the lock just taken, if it was
    return False
