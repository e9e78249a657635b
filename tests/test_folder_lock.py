"""The folder lock that keeps other processes off a busy session (and off a model download)."""

from __future__ import annotations

import errno

import pytest

from tests.session_files import held_by_another_process
from transcrevai_desktop.core import folder_lock
from transcrevai_desktop.core.folder_lock import FolderLock, held, held_elsewhere


def test_a_lock_is_seen_by_another_process_and_goes_with_it(tmp_path):
    with held_by_another_process(tmp_path):
        assert not FolderLock(tmp_path).acquire(patience=0.05)
        assert held(tmp_path) and held_elsewhere(tmp_path), "a failed try takes nothing"
    mine = FolderLock(tmp_path)  # the holder was killed: nothing is left behind
    assert mine.acquire()
    assert held(tmp_path) and not held_elsewhere(tmp_path), "this process's own"
    mine.release()
    assert not held(tmp_path)


def test_a_folder_made_again_is_locked_anew(tmp_path):
    folder = tmp_path / "session"
    lock = FolderLock(folder)
    assert lock.acquire() and held(folder)
    folder.rmdir()  # a recording that failed to start leaves no folder
    folder.mkdir()
    assert not held(folder)
    assert lock.acquire() and held(folder)


def test_a_filesystem_without_flock_locks_nothing_and_fails_nothing(tmp_path, monkeypatch):
    def refused(descriptor, operation):
        raise OSError(errno.ENOLCK, "No locks available")  # NFS without its lock daemon

    monkeypatch.setattr(folder_lock.fcntl, "flock", refused)
    assert FolderLock(tmp_path).acquire()
    assert not held(tmp_path)


@pytest.mark.parametrize("patience", [0.0, 0.05])
def test_a_free_lock_is_taken_at_once(tmp_path, patience):
    assert FolderLock(tmp_path).acquire(patience=patience)
