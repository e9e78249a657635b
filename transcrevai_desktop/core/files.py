"""Safe file writing: a reader sees the old file or the new one, never half of either; scratch
folders that outlive a killed process only until the next one; and an output stream whose
reader has gone, led to /dev/null."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, TextIO

import psutil
from PySide6.QtCore import QCoreApplication

from transcrevai_desktop.core.errors import StorageError

log = logging.getLogger(__name__)
TEMPORARY_NAME = 40  # characters of a file's name that its temporary file's name keeps
_UMASK = os.umask(0)
os.umask(_UMASK)


def _atomic_write(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Write ``path`` through a temporary file in the same folder, fsync'd, then renamed.

    The folder must exist: a session folder deleted meanwhile is an error, never recreated."""
    path = Path(path)
    try:
        # the name's first characters only: a name near the file system's limit (255 bytes)
        # is the user's to choose, and the temporary one must still fit
        prefix = f".{path.name[:TEMPORARY_NAME]}."
        fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=path.parent)
        try:
            os.fchmod(fd, 0o666 & ~_UMASK)
            with os.fdopen(fd, "wb") as handle:
                write(handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
            sync_folder(path.parent)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise StorageError(
            QCoreApplication.translate(
                "StorageError", "Could not write {file} in {folder}: {reason}."
            ).format(file=path.name, folder=path.parent, reason=error.strerror)
        ) from error


def sync_folder(folder: Path) -> None:
    """Make the names in ``folder`` last through a power cut, as fsync makes a file's bytes: a
    file made or renamed there, a folder made in it. Where a folder cannot be opened for this
    (Windows), its file system keeps names without it."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError as error:  # some file systems refuse it for folders: nothing more to do
        log.debug("Could not sync %s: %s", folder, error)
    finally:
        os.close(descriptor)


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8, ``\\n`` line ends) to ``path`` atomically."""
    _atomic_write(path, lambda handle: handle.write(text.encode("utf-8")))


def atomic_copy(source: Path, path: Path) -> None:
    """Copy ``source`` to ``path`` atomically."""

    def copy(handle: BinaryIO) -> None:
        with open(source, "rb") as original:
            shutil.copyfileobj(original, handle, 1 << 20)

    _atomic_write(path, copy)


def scratch_folder(parent: Path, prefix: str) -> Path:
    """A new folder in ``parent`` for this process's scratch files, ``<prefix><pid>-…``; it is
    the caller's to remove. What a process that died (killed, its terminal closed) left there
    under ``prefix`` is removed first: a decoded hour of audio is 115 MB. ``OSError`` if the
    folder cannot be made."""
    for folder in parent.glob(f"{prefix}*"):
        owner = folder.name.removeprefix(prefix).split("-")[0]
        if owner.isdigit() and not psutil.pid_exists(int(owner)):
            shutil.rmtree(folder, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=parent))


def lead_nowhere(stream: TextIO) -> None:
    """``stream`` writes into /dev/null from now on: its reader has gone (a closed pipe), and
    Python's own advice is this rather than failing at every write and at exit."""
    nowhere = os.open(os.devnull, os.O_WRONLY)
    os.dup2(nowhere, stream.fileno())
    os.close(nowhere)
