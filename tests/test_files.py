"""Safe file writing: the names of what is written survive a power cut, not only its bytes."""

from __future__ import annotations

import os

import pytest

from tests.conftest import speech
from transcrevai_desktop.core.capture import FileSource
from transcrevai_desktop.core.files import atomic_write_text
from transcrevai_desktop.core.recorder import WavRecorder


@pytest.fixture
def synced(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The inodes of what is fsync'd from now on (files and folders)."""
    inodes: list[int] = []
    fsync = os.fsync

    def spy(descriptor: int) -> None:
        inodes.append(os.fstat(descriptor).st_ino)
        fsync(descriptor)

    monkeypatch.setattr(os, "fsync", spy)
    return inodes


def test_a_file_written_is_named_in_its_folder_for_good(tmp_path, synced):
    """A file's bytes were fsync'd and renamed into place, but not the folder that names it: a
    power cut seconds later could leave the old session.json, or none."""
    atomic_write_text(tmp_path / "session.json", "{}")

    assert (tmp_path / "session.json").stat().st_ino in synced
    assert tmp_path.stat().st_ino in synced


def test_a_new_recording_and_its_folder_are_named_for_good(tmp_path, synced):
    """The recorder fsyncs its audio every half second, which keeps nothing if the new file, or
    the new session folder holding it, lost its name in a power cut."""
    session_folder = tmp_path / "library" / "session"
    recorder = WavRecorder(
        session_folder / "audio.wav",
        FileSource(speech("en_jfk").path),
        lambda _: None,
        lambda _: None,
        lambda _: None,
    )
    recorder.start()
    recorder.stop()

    assert session_folder.stat().st_ino in synced
    assert session_folder.parent.stat().st_ino in synced


@pytest.mark.logs(r"was deleted or moved while it recorded")
def test_a_recording_whose_folder_is_deleted_stops_and_says_so(tmp_path):
    """Deleted from outside (a file manager, a clean-up script), the recording went on for as
    long as the user let it and was lost at the end, with "Error opening 'audio.wav'"."""
    import shutil
    import time

    from transcrevai_desktop.core.errors import StorageError

    folder = tmp_path / "session"
    ended: list[object] = []
    recorder = WavRecorder(
        folder / "audio.wav",
        FileSource(speech("en_sonnet001_librivox").path),  # 54 s, at its own pace
        lambda _: None,
        lambda _: None,
        ended.append,
    )
    recorder.start()
    time.sleep(0.7)
    shutil.rmtree(folder)
    until = time.monotonic() + 5
    while not ended and time.monotonic() < until:
        time.sleep(0.05)
    recorder.stop()

    assert len(ended) == 1 and isinstance(ended[0], StorageError)
    assert str(ended[0]) == (
        f"Recording stopped: its folder {folder} was deleted or moved while it recorded."
    )
