"""A session tells its status changes after releasing its lock: a slot may then hand the
session to another thread (with the signal emitted under the lock, that thread waited for
ever: the first test failed so before the change), or delete it from the recorder's own
thread."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from PySide6.QtCore import Qt

from tests.conftest import speech
from transcrevai_desktop.core.errors import DeviceLost
from transcrevai_desktop.core.session import SessionStatus


def test_a_slot_can_hand_the_session_to_another_thread(qtbot, manager):
    session = manager.get_session(manager.create_session())
    done: list[str] = []

    def on_status(status: str, _message: str) -> None:
        if status == "recording":  # direct: runs in the thread that started the recording
            worker = threading.Thread(target=lambda: (session.pause(), done.append("paused")))
            worker.start()
            worker.join(timeout=5)  # a thread that needs the lock the emitter still holds
            done.append("joined" if not worker.is_alive() else "stuck")

    session.status_changed.connect(on_status, Qt.ConnectionType.DirectConnection)
    session.start(input_file=speech("en_jfk").path, language="en")
    assert done == ["paused", "joined"]
    assert session.status is SessionStatus.PAUSED
    session.stop()
    qtbot.waitUntil(lambda: session.status is SessionStatus.COMPLETE, timeout=120_000)


class _FailingMicrophone:
    """Fault injection: a second of sound, then the device is lost."""

    rate, channels, description = 16000, 1, "Headset"

    def __init__(self, *_args, **_kwargs) -> None:
        pass

    def start(self, blocks) -> None:
        for _ in range(20):
            blocks.put(np.full((800, 1), 0.1, np.float32))
        blocks.put(DeviceLost.disconnected(self.description))

    def stop(self) -> None:
        pass


@pytest.mark.logs(r" ended: ")
def test_an_error_from_the_recorder_thread_may_delete_the_session(qtbot, manager, monkeypatch):
    from transcrevai_desktop.core import session as session_module

    monkeypatch.setattr(session_module, "MicrophoneSource", _FailingMicrophone)
    session = manager.get_session(manager.create_session())
    seen: list[str] = []

    def on_status(status: str, message: str) -> None:
        if status == "error":  # direct: runs on the recorder's thread
            seen.append(threading.current_thread().name)
            manager.delete_session(session.id, delete_files=True)
            seen.append("deleted")

    session.status_changed.connect(on_status, Qt.ConnectionType.DirectConnection)
    session.start(device="Headset", language="en")
    qtbot.waitUntil(lambda: "deleted" in seen, timeout=10_000)
    assert seen[0] != threading.main_thread().name
    assert manager.get_session(session.id) is None
    assert not session.folder.exists()
