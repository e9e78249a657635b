"""The model's loading off the GUI thread (transcrevai_desktop/ui/model_loader.py)."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import QObject

from transcrevai_desktop.ui.model_loader import ModelLoader


def test_the_loaded_model_is_told_on_the_gui_thread(qtbot, engine):
    loader = ModelLoader(engine)
    told: list[tuple[bool, str, bool]] = []
    loader.state.connect(
        lambda loaded, error: told.append(
            (loaded, error, threading.current_thread() is threading.main_thread())
        )
    )
    loader.load()
    qtbot.waitUntil(lambda: bool(told), timeout=60_000)
    assert told == [(True, "", True)] and loader.error == ""


def test_a_load_that_ends_after_the_window_closed_reaches_no_one(qtbot, engine, monkeypatch):
    window = QObject()
    loader = ModelLoader(engine, window)
    started, release = threading.Event(), threading.Event()

    def slow_load() -> None:
        started.set()
        release.wait(5)

    monkeypatch.setattr(engine, "model", slow_load)  # a big model, still loading
    told: list[object] = []
    loader.state.connect(lambda *state: told.append(state))
    loader.load()
    assert started.wait(5)
    threading.Timer(0.3, release.set).start()
    shiboken6.delete(window)  # returns once the load has ended
    assert release.is_set()
    qtbot.wait(100)
    assert told == []
