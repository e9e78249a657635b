"""The model's loading off the GUI thread (transcrevai_desktop/ui/model_loader.py)."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject

from tests.conftest import HeldWork
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
    load = HeldWork()  # a big model, still loading
    monkeypatch.setattr(engine, "model", load)
    told: list[object] = []
    loader.state.connect(lambda *state: told.append(state))

    loader.load()
    load.outlive(window, qtbot)

    assert told == []
