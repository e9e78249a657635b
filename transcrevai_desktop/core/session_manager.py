"""Owns the sessions of this process, by UUID4 id; every method is safe from any thread."""

from __future__ import annotations

import logging
import shutil
import threading
import time
import uuid
from pathlib import Path

from transcrevai_desktop.core.engine import Engine
from transcrevai_desktop.core.errors import StorageError
from transcrevai_desktop.core.library import (
    LibraryEntry,
    default_library_dir,
    parse_session_id,
    read_metadata,
    scan_library,
)
from transcrevai_desktop.core.session import BUSY, Session

log = logging.getLogger(__name__)

CLEANUP_INTERVAL_HOURS = 1.0


class SessionManager:
    """Creates, finds and drops sessions; one shared ``Engine`` (and model) serves them all.

    ``cleanup_old_sessions`` frees the memory of sessions idle for ``session_timeout_hours``;
    the app calls it every ``CLEANUP_INTERVAL_HOURS``. It never touches a session that records
    or processes, and never deletes files: only ``delete_session(id, delete_files=True)`` does.
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
        """A new ``idle`` session with its own folder in the library; returns its id."""
        session_id = str(uuid.uuid4())
        folder = self.library_dir / session_id
        try:
            folder.mkdir(parents=True)
        except OSError as error:
            raise StorageError(
                f"Could not create a recording folder in {self.library_dir}: {error.strerror}."
            ) from error
        session = Session(session_id, folder, self.engine)
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
        """A session in memory, or a past one reopened from the library; None if neither."""
        session = self.get_session(session_id)
        key = parse_session_id(session_id)
        if session is not None or key is None:
            return session
        try:
            metadata = read_metadata(self.library_dir / key)
        except ValueError as error:
            log.warning("Cannot reopen %s", error)
            return None
        with self._lock:
            session = self._sessions.get(key)
            if session is None:
                session = Session(key, self.library_dir / key, self.engine, metadata)
                self._sessions[key] = session
        return session

    def library(self) -> tuple[list[LibraryEntry], list[str]]:
        """Past sessions on disk (in memory or not), newest first, and folders skipped."""
        return scan_library(self.library_dir)

    def delete_session(self, session_id: str, delete_files: bool = False) -> None:
        """Forget a session (stopping its capture first); remove its folder only if asked."""
        key = parse_session_id(session_id)
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
                raise StorageError(f"Could not delete {folder}: {error.strerror}.") from error

    def cleanup_old_sessions(self) -> list[str]:
        """Drop from memory the sessions idle longer than the timeout; return their ids."""
        limit = time.time() - self.session_timeout_hours * 3600
        try:
            with self._lock:
                stale = [
                    sid
                    for sid, session in self._sessions.items()
                    if session.status not in BUSY and session.last_activity < limit
                ]
                for sid in stale:
                    del self._sessions[sid]
        except Exception:
            log.exception("Session clean-up failed")
            return []
        if stale:
            log.info("Freed %d idle session(s) from memory; their files stay", len(stale))
        return stale

    def get_active_session_count(self) -> int:
        """Sessions held in memory, whatever their status."""
        with self._lock:
            return len(self._sessions)

    def get_all_session_ids(self) -> list[str]:
        with self._lock:
            return list(self._sessions)
