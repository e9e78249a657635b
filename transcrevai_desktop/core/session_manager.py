"""Owns the sessions of this process, by UUID4 id; every method is safe from any thread."""

from __future__ import annotations

import contextlib
import logging
import shutil
import threading
import time
import uuid
from collections.abc import Collection
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from transcrevai_desktop.core.engine import Engine
from transcrevai_desktop.core.errors import StorageError
from transcrevai_desktop.core.folder_lock import held, held_elsewhere
from transcrevai_desktop.core.library import (
    DAMAGED_SUFFIX,
    METADATA_FILE,
    LibraryEntry,
    default_library_dir,
    has_content,
    parse_session_id,
    read_metadata,
    rebuilt_metadata,
    remove_if_empty,
    scan_library,
)
from transcrevai_desktop.core.session import BUSY, Session, in_use_error

log = logging.getLogger(__name__)

CLEANUP_INTERVAL_HOURS = 1.0
STARTING_GRACE_SECONDS = 600.0  # an empty folder marked busy this recently: a session starting


class SessionManager:
    """Creates, finds and drops sessions; one shared ``Engine`` (and model) serves them all.

    A session gets its folder in the library only once it has something to keep (see
    ``Session.kept``): a tab that never records leaves nothing on disk.

    ``cleanup_old_sessions`` frees the memory of sessions idle for ``session_timeout_hours``
    and removes the library's folders that keep nothing (``remove_empty_folders``); the app
    calls it every ``CLEANUP_INTERVAL_HOURS``. It never touches a session that records or
    processes, and never deletes audio or a transcript: only
    ``delete_session(id, delete_files=True)`` does.
    """

    def __init__(
        self,
        session_timeout_hours: float = 24,
        library_dir: Path | None = None,
        *,
        engine: Engine | None = None,
    ) -> None:
        self.session_timeout_hours = session_timeout_hours
        self.library_dir = Path(library_dir) if library_dir else default_library_dir()
        self.engine = engine or Engine()
        self._sessions: dict[str, Session] = {}
        self._lock = threading.RLock()

    def create_session(self) -> str:
        """A new ``idle`` session; returns its id. Its folder, ``library_dir / id``, is made
        when it records or transcribes a file (a ``StorageError`` then if it cannot be)."""
        session_id = str(uuid.uuid4())
        session = Session(session_id, self.library_dir / session_id, self.engine)
        with self._lock:
            self._sessions[session_id] = session
        return session_id

    def get_session(self, session_id: str) -> Session | None:
        """The session, or None for an unknown or malformed id; a hit counts as activity."""
        key = parse_session_id(session_id)
        with self._lock:
            session = self._sessions.get(key) if key else None
        if session is not None:
            session.touch()
        return session

    def open_session(self, session_id: str) -> Session | None:
        """A session in memory, or a past one reopened from the library; None if neither
        (a warning if its folder is there but unreadable). ``SessionInUse`` if another
        process records or transcribes it."""
        session = self.get_session(session_id)
        key = parse_session_id(session_id)
        if session is not None or key is None or not (self.library_dir / key).is_dir():
            return session
        folder = self.library_dir / key
        _refuse_if_held(folder)  # reopened, it would be marked interrupted
        try:
            metadata = read_metadata(folder)
        except ValueError as error:
            rebuilt = rebuilt_metadata(folder)
            if rebuilt is None:
                log.warning("Cannot reopen %s", error)
                return None
            log.warning("Rebuilding %s from its audio: %s", METADATA_FILE, error)
            damaged = folder / METADATA_FILE
            with contextlib.suppress(OSError):  # rewritten below if it cannot be kept aside
                damaged.replace(damaged.with_name(METADATA_FILE + DAMAGED_SUFFIX))
            metadata = rebuilt
        with self._lock:
            session = self._sessions.get(key)
            if session is None:
                session = Session(key, self.library_dir / key, self.engine, metadata)
                self._sessions[key] = session
        return session

    def library(self) -> tuple[list[LibraryEntry], list[str]]:
        """Sessions on disk that keep audio or a transcript, or that are held here (a
        recording whose first audio is on its way), newest first, and the unreadable folders
        skipped (see ``library.scan_library``)."""
        with self._lock:
            live = frozenset(self._sessions)
        return scan_library(self.library_dir, live)

    def delete_session(self, session_id: str, delete_files: bool = False) -> None:
        """Forget a session (stopping its capture first); remove its folder only if asked
        (``SessionInUse`` if another process records or transcribes it)."""
        key = parse_session_id(session_id)
        with self._lock:
            session = self._sessions.get(key) if key else None
        if key and delete_files and (session is None or not session.in_use):
            _refuse_if_held(self.library_dir / key)
        with self._lock:
            session = self._sessions.pop(key, None) if key else None
        if session is not None and delete_files:
            session.discard()
        elif session is not None:
            session.close()
        if key and delete_files:
            folder = self.library_dir / key
            try:
                shutil.rmtree(folder)
            except FileNotFoundError:
                pass
            except OSError as error:
                raise StorageError(
                    QCoreApplication.translate(
                        "StorageError", "Could not delete {folder}: {reason}."
                    ).format(folder=folder, reason=error.strerror)
                ) from error

    def cleanup_old_sessions(self, keep: Collection[str] = ()) -> list[str]:
        """Drop from memory the sessions idle longer than the timeout, but those in ``keep``
        (shown in a tab: a transcript reviewed all day is in use, and dropped, it was opened
        a second time, from the library), once their corrections are on disk; remove the
        library's folders that keep nothing (``remove_empty_folders``); return the ids
        dropped from memory."""
        limit = time.time() - self.session_timeout_hours * 3600
        try:
            with self._lock:
                stale = {
                    sid: session
                    for sid, session in self._sessions.items()
                    if not session.in_use and session.last_activity < limit and sid not in keep
                }
                for sid in stale:
                    del self._sessions[sid]
            for session in stale.values():
                session.wait_saved()  # held no more, it is not waited for at quit
        except Exception:
            log.exception("Session clean-up failed")
            return []
        if stale:
            log.info("Freed %d idle session(s) from memory; their files stay", len(stale))
        try:
            removed = self.remove_empty_folders()
        except Exception:
            log.exception("Removing empty session folders failed")
        else:
            if removed:
                log.info("Removed %d session folder(s) with nothing in them", len(removed))
        return list(stale)

    def remove_empty_folders(self) -> list[str]:
        """Remove the library's session folders that keep nothing (no audio, no transcript:
        see ``library.remove_if_empty``), as earlier versions left one for every tab opened;
        return their ids. Spared: the folder of a session held here, one another process
        holds (``folder_lock``: an import waiting for the model), and one changed in the
        last ``STARTING_GRACE_SECONDS`` whose session.json is missing or says it is busy
        (another process starting a recording or an import)."""
        try:
            folders = sorted(self.library_dir.iterdir()) if self.library_dir.is_dir() else []
        except OSError as error:
            log.warning("Cannot read %s: %s", self.library_dir, error.strerror)
            return []
        removed: list[str] = []
        for folder in folders:
            if parse_session_id(folder.name) != folder.name or not folder.is_dir():
                continue
            if has_content(folder) or _maybe_starting(folder) or held(folder):
                continue
            with self._lock:  # never the folder of a session held here
                if folder.name not in self._sessions and remove_if_empty(folder):
                    removed.append(folder.name)
        return removed

    def get_active_session_count(self) -> int:
        """Sessions held in memory, whatever their status."""
        with self._lock:
            return len(self._sessions)

    def get_all_session_ids(self) -> list[str]:
        with self._lock:
            return list(self._sessions)

    def move_library(self, library_dir: Path) -> None:
        """Keep new sessions in ``library_dir`` from now on, and those held that have kept
        nothing yet: a tab opened before the folder changed recorded into the old one, and
        the library, listing the new one, never showed that recording."""
        self.library_dir = Path(library_dir)
        for session in self.held_sessions():
            session.move_to(self.library_dir / session.id)

    def held_sessions(self) -> list[Session]:
        """The sessions in memory (no hit counts as activity: see ``get_session``)."""
        with self._lock:
            return list(self._sessions.values())

    def wait_saved(self) -> None:
        """Block until the corrections of every session held are on disk (at quit: the
        threads that write them would die with the process)."""
        for session in self.held_sessions():
            session.wait_saved()


def _refuse_if_held(folder: Path) -> None:
    """``SessionInUse`` if another process holds the session of ``folder`` (asked only of
    sessions this process does not hold busy)."""
    if held_elsewhere(folder):
        raise in_use_error()


def _maybe_starting(folder: Path) -> bool:
    """Whether an empty session folder may belong to a session starting in another process:
    changed in the last ``STARTING_GRACE_SECONDS``, with no readable session.json yet or
    one that says it is busy."""
    try:
        age = time.time() - folder.stat().st_mtime
    except OSError:
        return True  # gone meanwhile: leave it be
    if age > STARTING_GRACE_SECONDS:
        return False
    try:
        return read_metadata(folder).get("status") in BUSY
    except ValueError:
        return True
