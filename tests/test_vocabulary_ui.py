"""The vocabulary in the window: Preferences for every new recording, each tab for its own."""

from __future__ import annotations

import json
from functools import partial

from PySide6.QtCore import Qt

from tests.conftest import speech
from transcrevai_desktop.core.speakers import AUTO
from transcrevai_desktop.settings import Key
from transcrevai_desktop.ui.main_window import MainWindow
from transcrevai_desktop.ui.preferences_dialog import PreferencesDialog
from transcrevai_desktop.ui.session_tab import SessionTab

CLIP = "pt_picovoice_leopard_test_pt"


def _set_preferences_vocabulary(window: MainWindow, monkeypatch, text: str) -> None:
    def answer(dialog: PreferencesDialog) -> int:
        dialog.vocabulary.setText(text)
        dialog.accept()
        return PreferencesDialog.DialogCode.Accepted

    monkeypatch.setattr(PreferencesDialog, "exec", answer)
    window.preferences_action.trigger()


def _new_tab(window: MainWindow) -> SessionTab:
    window.new_action.trigger()
    tab = window.current_tab()
    assert tab is not None
    return tab


def _wait_complete(qtbot, tab: SessionTab) -> None:
    qtbot.waitUntil(lambda: tab.status_label.text() == "Transcript ready", timeout=120_000)


def test_preferences_save_the_vocabulary_and_a_new_tab_shows_it(window, monkeypatch):
    assert window.settings.get(Key.VOCABULARY) == ""
    assert _new_tab(window).vocabulary_field.text() == ""

    def cancel(dialog: PreferencesDialog) -> int:
        dialog.vocabulary.setText("Ignored")
        dialog.reject()
        return PreferencesDialog.DialogCode.Rejected

    monkeypatch.setattr(PreferencesDialog, "exec", cancel)
    window.preferences_action.trigger()
    assert window.settings.get(Key.VOCABULARY) == ""

    _set_preferences_vocabulary(window, monkeypatch, "  Lisboa, CORAA;\tfaster-whisper, lisboa ")
    assert window.settings.get(Key.VOCABULARY) == "Lisboa, CORAA;\tfaster-whisper, lisboa"
    dialog = PreferencesDialog(window.settings, window)
    assert dialog.vocabulary.text() == "Lisboa, CORAA;\tfaster-whisper, lisboa"
    assert dialog.vocabulary.placeholderText().startswith("Names and terms")
    assert "spell" in dialog.vocabulary.toolTip()
    dialog.deleteLater()

    tab = _new_tab(window)
    assert tab.vocabulary_field.text() == "Lisboa, CORAA, faster-whisper"
    assert tab.vocabulary_field.terms == ("Lisboa", "CORAA", "faster-whisper")
    assert tab.vocabulary_field.isEnabled()


def test_the_tab_vocabulary_reaches_the_session_and_locks_while_recording(
    qtbot, window, monkeypatch
):
    clip = speech(CLIP)
    _set_preferences_vocabulary(window, monkeypatch, "Lisboa")
    tab = _new_tab(window)
    tab.language_picker.select("pt")
    tab.vocabulary_field.clear()
    qtbot.keyClicks(tab.vocabulary_field, "Picovoice,  Leopard ; picovoice")
    # the clip instead of a microphone
    monkeypatch.setattr(tab.session, "start", partial(tab.session.start, input_file=clip.path))
    qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.status_label.text() == "Recording", timeout=10_000)
    assert tab.session.vocabulary == ("Picovoice", "Leopard")
    assert not tab.vocabulary_field.isEnabled()
    assert not tab.language_picker.isEnabled()
    assert tab.vocabulary_field.text() == "Picovoice, Leopard"
    assert window.settings.get(Key.VOCABULARY) == "Lisboa"  # Preferences keep their own

    qtbot.mouseClick(tab.stop_button, Qt.MouseButton.LeftButton)
    _wait_complete(qtbot, tab)
    assert not tab.vocabulary_field.isEnabled()
    assert tab.vocabulary_field.text() == "Picovoice, Leopard"
    saved = json.loads(tab.session.files["metadata"].read_text(encoding="utf-8"))
    assert saved["vocabulary"] == ["Picovoice", "Leopard"]

    # reopened from its folder, the session shows its own vocabulary, not the Preferences'
    session_id = tab.session.id
    window.close_tab(window.tabs.indexOf(tab))
    window.manager.delete_session(session_id)  # forgotten in memory; its files stay
    window.open_from_library(session_id)
    reopened = window.current_tab()
    assert reopened is not tab and reopened.session.id == session_id
    assert reopened.vocabulary_field.text() == "Picovoice, Leopard"
    assert not reopened.vocabulary_field.isEnabled()


def test_open_audio_file_uses_the_preferences_vocabulary(qtbot, window, monkeypatch):
    clip = speech(CLIP)
    window.settings.set(Key.LANGUAGE, "pt")
    _set_preferences_vocabulary(window, monkeypatch, "Leopard, Picovoice")
    monkeypatch.setattr(MainWindow, "_ask_audio_file", lambda self: (str(clip.path), AUTO))
    window.open_action.trigger()
    tab = window.current_tab()
    assert tab.session.vocabulary == ("Leopard", "Picovoice")
    assert not tab.vocabulary_field.isEnabled()
    assert tab.vocabulary_field.text() == "Leopard, Picovoice"
    _wait_complete(qtbot, tab)


def test_a_vocabulary_longer_than_whisper_takes_says_which_terms_are_left_out(window):
    """Forty attendees pasted in: the field showed and saved all forty, Whisper got fifteen."""
    tab = _new_tab(window)
    field = tab.vocabulary_field
    assert not field.length_warning.isVisible()
    names = [f"Participante Número {n}" for n in range(1, 41)]
    field.setText(", ".join(names))

    assert field.length_warning.isVisible()
    assert field.length_warning.toolTip() == (
        "The vocabulary is longer than Whisper can take (400 characters): it is given the "
        "terms up to “Participante Número 17”, not the ones after."
    )
    field.setText(", ".join(names[:10]))
    assert not field.length_warning.isVisible()
    field.setText(" ".join(names))  # a paragraph pasted in, no commas: one term
    assert field.length_warning.toolTip().startswith("The vocabulary's first term is longer")
