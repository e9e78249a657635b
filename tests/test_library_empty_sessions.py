"""A session that never recorded leaves nothing behind (issue 13): no folder, no library row.

Before, every tab opened (one at each start of the app) wrote a folder with its session.json,
and the library listed it as "idle 0:00". Now the folder is made when there is something to
keep, with session.json before any audio (recovery relies on it); the library leaves out the
folders that keep nothing, and the clean-up removes them.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
import pytest
import soundfile

from tests.conftest import speech
from tests.session_files import keep_audio, old_empty_folder, session_folders
from transcrevai_desktop.core import session as session_module
from transcrevai_desktop.core.errors import DeviceLost, TranscrevaiError
from transcrevai_desktop.core.library import AUDIO_FILE, METADATA_FILE
from transcrevai_desktop.core.session import SessionStatus
from transcrevai_desktop.core.session_manager import STARTING_GRACE_SECONDS, SessionManager


class _Microphone:
    """Fault injection: a device that notes what is on disk when it is started, then gives a
    second of sound, or with ``fails`` cannot start."""

    rate, channels, description = 16000, 1, "Headset"
    fails = False
    folder: ClassVar[Path]  # the session's, set by the fixture
    seen: ClassVar[dict[str, Any]] = {}

    def __init__(self, *_args: object, **_kwargs: object) -> None:
        pass

    def start(self, blocks) -> None:
        folder = _Microphone.folder
        _Microphone.seen = {
            "metadata": json.loads((folder / METADATA_FILE).read_text(encoding="utf-8")),
            "audio bytes": (folder / AUDIO_FILE).stat().st_size,
        }
        if self.fails:
            raise DeviceLost.disconnected(self.description)
        for _ in range(20):
            blocks.put(np.full((800, 1), 0.1, np.float32))

    def stop(self) -> None:
        pass


@pytest.fixture
def microphone(monkeypatch, manager):
    monkeypatch.setattr(session_module, "MicrophoneSource", _Microphone)
    monkeypatch.setattr(_Microphone, "fails", False)
    session = manager.get_session(manager.create_session())
    _Microphone.folder = session.folder
    return session


def test_a_session_that_never_recorded_leaves_no_folder_and_no_library_row(engine, library):
    manager = SessionManager(library_dir=library, engine=engine)
    at_start = manager.get_session(manager.create_session())  # the app's first tab
    at_start.rename("Renamed but never recorded")
    closed = manager.create_session()
    manager.delete_session(closed)  # its tab closed
    deleted = manager.create_session()
    manager.delete_session(deleted, delete_files=True)

    assert session_folders(library) == set()
    assert manager.library() == ([], [])
    assert not at_start.kept and manager.get_active_session_count() == 1

    restarted = SessionManager(library_dir=library, engine=engine)
    restarted.get_session(restarted.create_session())
    assert restarted.library() == ([], [])
    restarted.cleanup_old_sessions()
    assert session_folders(library) == set()


def test_a_session_made_from_a_file_is_listed_at_once_and_after_a_restart(
    qtbot, manager, engine, library
):
    clip = speech("pt_picovoice_leopard_test_pt")
    session = manager.get_session(manager.create_session())
    session.transcribe_file(clip.path, "pt")

    assert session.kept
    entries, _ = manager.library()
    assert [(e.id, e.name) for e in entries] == [(session.id, clip.path.stem)]
    restarted = SessionManager(library_dir=library, engine=engine)  # reads only the disk
    listed = lambda: [(e.id, e.status) for e in restarted.library()[0]]  # noqa: E731
    qtbot.waitUntil(lambda: listed() == [(session.id, "complete")], timeout=120_000)
    entries, problems = restarted.library()
    assert problems == []
    assert entries[0].matches("raposa")


def test_a_file_that_cannot_be_read_leaves_no_folder(qtbot, manager, library, tmp_path):
    notes = tmp_path / "notes.wav"
    notes.write_text("not audio at all")
    session = manager.get_session(manager.create_session())

    session.transcribe_file(notes)
    qtbot.waitUntil(lambda: session.status is SessionStatus.ERROR, timeout=20_000)

    assert "notes.wav" in session.message
    assert not session.kept and session_folders(library) == set()
    assert manager.library() == ([], [])


def test_a_recording_that_cannot_start_leaves_no_folder(manager, library, microphone):
    _Microphone.fails = True

    with pytest.raises(TranscrevaiError, match="Headset"):
        microphone.start(device="Headset", language="en")

    assert microphone.status is SessionStatus.IDLE and "audio" not in microphone.files
    assert _Microphone.seen["metadata"]["status"] == "recording", "it was on disk meanwhile"
    assert not microphone.kept and session_folders(library) == set()
    assert manager.library() == ([], [])


def test_session_json_is_written_before_the_first_audio_and_the_recording_is_listed(
    qtbot, manager, engine, library, microphone
):
    """Crash safety: when the device starts, session.json already says "recording" and names
    the audio file, which holds a header and no audio yet."""
    microphone.start(device="Headset", language="en")
    assert manager.library()[0][0].id == microphone.id  # listed while its audio is on its way

    metadata = _Microphone.seen["metadata"]
    assert metadata["status"] == "recording" and metadata["files"]["audio"] == AUDIO_FILE
    assert _Microphone.seen["audio bytes"] <= 44  # a bare WAV header
    qtbot.waitUntil(lambda: microphone.recorded_seconds >= 1.0, timeout=10_000)
    microphone.close()  # as a session dropped while recording: its audio is kept

    restarted = SessionManager(library_dir=library, engine=engine)
    entries, problems = restarted.library()
    assert problems == []
    assert [(e.id, e.status, e.duration) for e in entries] == [(microphone.id, "interrupted", 1.0)]


def test_old_empty_folders_are_left_out_of_the_library_and_cleanup_removes_them(engine, library):
    manager = SessionManager(library_dir=library, engine=engine)
    real = manager.get_session(manager.create_session())
    keep_audio(real)
    idle = old_empty_folder(library, str(uuid.uuid4()))
    header_only = old_empty_folder(library, str(uuid.uuid4()))  # a start that failed
    soundfile.SoundFile(header_only / AUDIO_FILE, "w", 16000, 1, "PCM_16").close()
    failed_import = old_empty_folder(library, str(uuid.uuid4()), status="error")
    leftover = old_empty_folder(library, str(uuid.uuid4()))
    (leftover / ".session.json.abc123.tmp").write_text("{")  # a write cut short
    starting = old_empty_folder(library, str(uuid.uuid4()), status="recording")  # elsewhere
    no_metadata = library / str(uuid.uuid4())  # another process, between mkdir and its json
    no_metadata.mkdir()
    dead = old_empty_folder(library, str(uuid.uuid4()), status="recording")
    long_ago = time.time() - 2 * STARTING_GRACE_SECONDS
    os.utime(dead, (long_ago, long_ago))  # a process that died before its first audio
    with_notes = old_empty_folder(library, str(uuid.uuid4()))
    (with_notes / "notes.txt").write_text("the user's own")
    held = old_empty_folder(library, str(uuid.uuid4()))
    assert manager.open_session(held.name) is not None  # held here: never removed under it
    (library / "notes").mkdir()  # not a session folder

    entries, problems = SessionManager(library_dir=library, engine=engine).library()
    assert [e.id for e in entries] == [real.id] and problems == []

    assert manager.cleanup_old_sessions() == []  # nothing idle long enough to free

    assert session_folders(library) == {
        real.id,
        starting.name,
        no_metadata.name,
        with_notes.name,
        held.name,
        "notes",
    }
    assert (real.folder / AUDIO_FILE).is_file()
    assert not {idle, header_only, failed_import, leftover, dead} & set(library.iterdir())


def test_a_window_started_and_closed_leaves_the_library_empty(qtbot, window, engine, library):
    """As app.py does: a new tab at start; closed without recording, nothing stays."""
    window.new_recording()
    assert window.current_tab() is not None
    with qtbot.waitSignal(window.library.updated):
        window.library.refresh()
    assert window.library.table.rowCount() == 0

    window.close()

    assert session_folders(library) == set()
    assert SessionManager(library_dir=library, engine=engine).library() == ([], [])
