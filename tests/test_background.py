"""Disk work off the GUI thread (transcrevai_desktop/ui/background.py)."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject

from tests.conftest import HeldWork
from transcrevai_desktop.ui.background import Background


def test_the_result_comes_back_on_the_gui_thread(qtbot):
    background = Background()
    delivered: list[tuple[str, bool]] = []

    def done(result: str) -> None:
        delivered.append((result, threading.current_thread() is threading.main_thread()))

    background.run(lambda: "scanned", done, done)
    qtbot.waitUntil(lambda: bool(delivered), timeout=5_000)
    assert delivered == [("scanned", True)]


def test_a_job_that_outlives_its_window_reaches_no_one(qtbot):
    """The window is deleted while a library scan runs: its pool waits for the scan from
    inside the window's destructor, and the scan's end must not touch what is being
    destroyed."""
    window = QObject()
    background = Background(window)
    scan = HeldWork()
    delivered: list[object] = []

    background.run(scan, delivered.append, delivered.append)
    scan.outlive(window, qtbot)

    assert delivered == []
