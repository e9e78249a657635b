"""The model's loading off the GUI thread (transcrevai_desktop/ui/model_loader.py)."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from tests.conftest import HeldWork
from transcrevai_desktop.core.engine import Engine
from transcrevai_desktop.core.models import ensure_bundled_model
from transcrevai_desktop.core.session_manager import SessionManager
from transcrevai_desktop.settings import Key, Settings
from transcrevai_desktop.ui.main_window import MainWindow
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


def test_a_model_that_fails_to_load_says_so_and_loads_once_it_is_there(
    qtbot, library, monkeypatch, tmp_path
):
    """The Record buttons said "model loading…" for good, and OK in Preferences with the same
    model, now copied in, did not try again."""
    settings = Settings()
    settings.reset()
    window = MainWindow(SessionManager(library_dir=library, engine=Engine()), settings)
    window.show()
    tab = window.new_recording()
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *shown: warned.append(shown[2]))
    folder = tmp_path / "my-model"
    settings.set(Key.MODEL, str(folder))
    window.apply_settings()  # Preferences → Model → OK

    qtbot.waitUntil(lambda: bool(warned), timeout=60_000)
    assert tab.record_button.text() == "Record (no model)"
    assert warned[0] in tab.record_button.toolTip()
    assert window.new_recording().record_button.text() == "Record (no model)"

    folder.symlink_to(ensure_bundled_model())  # the model copied in
    window.apply_settings()  # Preferences → OK, nothing changed there
    qtbot.waitUntil(lambda: tab.record_button.text() == "Record", timeout=60_000)
    window.close()
    window.deleteLater()
