"""The model's loading off the GUI thread (transcrevai_desktop/ui/model_loader.py)."""

from __future__ import annotations

import json
import threading

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from tests.conftest import HeldWork, speech, transcribing
from transcrevai_desktop.app import build_window
from transcrevai_desktop.core.models import MODELS, ensure_bundled_model
from transcrevai_desktop.settings import Key, Settings
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
    qtbot, monkeypatch, tmp_path
):
    """The Record buttons said "model loading…" for good, and OK in Preferences with the same
    model, now copied in, did not try again."""
    settings = Settings()
    settings.reset()
    folder = tmp_path / "my-model"
    settings.set(Key.MODEL, str(folder))  # chosen last time, gone since
    window = build_window(settings)
    window.show()
    tab = window.new_recording()
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *shown: warned.append(shown[2]))
    window.load_model()  # as the app starts

    qtbot.waitUntil(lambda: bool(warned), timeout=60_000)
    assert tab.record_button.text() == "Record (no model)"
    assert warned[0] in tab.record_button.toolTip()
    assert window.new_recording().record_button.text() == "Record (no model)"

    folder.symlink_to(ensure_bundled_model())  # the model copied in
    window.apply_settings()  # Preferences → OK, nothing changed there
    qtbot.waitUntil(lambda: tab.record_button.text() == "Record", timeout=60_000)
    window.close()
    window.deleteLater()


def test_a_model_that_fails_to_load_while_a_tab_records_leaves_it_its_captions(
    qtbot, window, monkeypatch, tmp_path
):
    """A model name mistyped in Preferences while a lecture is captioned: the first live pass
    that met it failed, and the captions stopped for good, without a word."""
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *shown: warned.append(shown[2]))
    tab = window.new_recording()
    tab.session.start(input_file=speech("en_lucier_sitting_in_a_room").path, language="en")
    qtbot.waitUntil(lambda: len(tab.session.committed) >= 2, timeout=40_000)
    window.settings.set(Key.MODEL, str(tmp_path / "no-such-model"))
    window.apply_settings()  # Preferences → Model → OK
    qtbot.waitUntil(lambda: bool(warned), timeout=30_000)
    assert "goes on with the model base" in warned[0]
    assert tab.record_button.text() == "Record" and "Model: base" in window.status_info.text()
    before = len(tab.session.committed)
    qtbot.waitUntil(lambda: len(tab.session.committed) > before + 2, timeout=30_000)
    tab.session.close()


def test_a_model_chosen_during_a_final_pass_leaves_it_its_own_and_frees_the_one_before(
    qtbot, window, monkeypatch, tmp_path
):
    """The pass finished on base, as it should, but session.json named the new model; and
    every model ever chosen stayed in memory (gigabytes for the large ones)."""
    engine = window.manager.engine
    other = tmp_path / "other-model"
    other.symlink_to(ensure_bundled_model())  # a second model: the bundled one again
    session = transcribing(qtbot, window, monkeypatch).session
    try:
        window.settings.set(Key.MODEL, str(other))
        window.apply_settings()  # Preferences → Model → OK, mid-pass
        qtbot.waitUntil(lambda: session.status.value == "complete", timeout=120_000)
        qtbot.waitUntil(lambda: engine.settings.model == str(other), timeout=60_000)
        assert json.loads(session.files["metadata"].read_text())["model"] == "base"
        assert not MODELS.is_loaded("base", engine.settings.compute_type, engine.settings.workers)
    finally:
        window.settings.set(Key.MODEL, "base")
        window.apply_settings()
        qtbot.waitUntil(lambda: engine.settings.model == "base", timeout=60_000)


def test_a_model_chosen_then_put_back_while_it_loads_is_not_used(qtbot, window, tmp_path):
    """The latest choice wins: a model chosen and then put back in Preferences before it had
    loaded was used all the same, while Preferences said the other."""
    engine = window.manager.engine
    other = tmp_path / "other-model"
    other.symlink_to(ensure_bundled_model())
    told: list[tuple[bool, str]] = []
    window.model_state.connect(lambda *state: told.append(state))
    window.settings.set(Key.MODEL, str(other))
    window.apply_settings()  # Preferences → Model → OK...
    window.settings.set(Key.MODEL, "base")
    window.apply_settings()  # ...and back, at once
    qtbot.waitUntil(lambda: (True, "") in told, timeout=60_000)
    qtbot.wait(500)
    assert engine.settings.model == "base" and "Model: base" in window.status_info.text()
