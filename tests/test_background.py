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


def test_progress_comes_on_the_gui_thread_before_the_result(qtbot):
    background = Background()
    seen: list[tuple[object, bool]] = []

    def note(value: object) -> None:
        seen.append((value, threading.current_thread() is threading.main_thread()))

    def work() -> str:
        percent = background.relay(note)
        for value in (0, 50, 100):
            percent(value)
        return "burned"

    background.run(work, note, note)
    qtbot.waitUntil(lambda: len(seen) == 4, timeout=5_000)
    assert seen == [(0, True), (50, True), (100, True), ("burned", True)]


def test_progress_of_a_job_that_outlives_its_window_reaches_no_one(qtbot):
    """A video is being burned when the window is deleted: the progress the burn reports
    while the window is destroyed goes nowhere."""
    window = QObject()
    background = Background(window)
    percent = background.relay(lambda value: seen.append(value))
    burn = HeldWork()
    seen: list[object] = []

    def work() -> None:
        burn()
        percent(100)

    background.run(work, seen.append, seen.append)
    burn.outlive(window, qtbot)

    assert seen == []
