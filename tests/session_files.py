"""Fault injection for tests of sessions' files: what a recording leaves on disk, without one."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import soundfile

from transcrevai_desktop.core.devices import MODEL_RATE
from transcrevai_desktop.core.library import AUDIO_FILE, METADATA_FILE
from transcrevai_desktop.core.session import Session, SessionStatus


def keep_audio(session: Session, seconds: float = 0.5) -> Path:
    """Give ``session`` what a recording leaves: its folder, ``seconds`` of quiet audio and
    its session.json (its status unchanged). Returns the audio's path."""
    session.folder.mkdir(parents=True, exist_ok=True)
    path = session.folder / AUDIO_FILE
    quiet = np.full(int(seconds * MODEL_RATE), 0.01, np.float32)
    soundfile.write(path, quiet, MODEL_RATE, subtype="PCM_16")
    session.files["audio"] = path
    session.save_metadata()
    return path


def died_while(session: Session, status: SessionStatus) -> None:
    """Leave ``session`` on disk as its process leaves it when it dies with it ``status``
    (recording, transcribing): session.json says so, and its lock went with the process."""
    session.status = status
    session.save_metadata()
    session._hold.release()


@contextmanager
def held_by_another_process(folder: Path) -> Iterator[None]:
    """``folder`` locked (``core.folder_lock``) by another process while inside, as another
    window or ``transcrevai record`` holds a session it records or transcribes."""
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import time
            from pathlib import Path
            from transcrevai_desktop.core.folder_lock import FolderLock
            assert FolderLock(Path({str(folder)!r})).acquire()
            print("held", flush=True)
            time.sleep(600)
        """)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        yield
    finally:
        holder.kill()  # its lock goes with it, as with a crash
        holder.wait(timeout=10)


def old_empty_folder(library: Path, session_id: str, status: str = "idle") -> Path:
    """A session folder as earlier versions left one for every tab opened: a lone
    session.json saying ``status``."""
    folder = library / session_id
    folder.mkdir(parents=True)
    metadata = {"id": session_id, "name": "2024-05-01 09:00", "status": status, "files": {}}
    metadata["created_at"] = "2024-05-01T09:00:00+00:00"
    (folder / METADATA_FILE).write_text(json.dumps(metadata), encoding="utf-8")
    return folder


def session_folders(library: Path) -> set[str]:
    """The names of the folders in ``library`` (none if it was never made)."""
    return {p.name for p in library.iterdir() if p.is_dir()} if library.is_dir() else set()
