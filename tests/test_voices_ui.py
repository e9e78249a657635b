"""Remembered voices in the window: Preferences → Voices lists and forgets them, and the
speaker list marks a speaker named from one. No model: the voices are made up."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from transcrevai_desktop.core.transcript import Speaker
from transcrevai_desktop.core.voice_book import VoiceBook
from transcrevai_desktop.settings import Settings
from transcrevai_desktop.ui.preferences_dialog import PreferencesDialog
from transcrevai_desktop.ui.speaker_list import NAME, VOICE, SpeakerList
from transcrevai_desktop.ui.voices_panel import EMPTY_TEXT, VoicesPanel, local_date


def _axis(index: int) -> tuple[float, ...]:
    """A unit voice of 192 numbers pointing along ``index``."""
    return tuple(1.0 if i == index else 0.0 for i in range(192))


@pytest.fixture
def book(tmp_path: Path) -> VoiceBook:
    voices = VoiceBook(tmp_path / "voices.json")
    voices.remember("Rui", _axis(1))
    voices.remember("Ana", _axis(0))
    voices.remember("Ana", _axis(0))  # named twice
    return voices


def _dialog(qtbot, book: VoiceBook) -> PreferencesDialog:
    """The Preferences dialog, shown (not run: nothing is asked of it modally)."""
    dialog = PreferencesDialog(Settings(), voice_book=book)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.voices is not None
    return dialog


def _answer(monkeypatch, button: QMessageBox.StandardButton, asked: list[str]) -> None:
    def question(parent, title, text, *args) -> QMessageBox.StandardButton:
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "question", question)


def _select(qtbot, voices: VoicesPanel, name: str) -> None:
    row = voices.names().index(name)
    where = voices.table.visualItemRect(voices.table.item(row, 0)).center()
    qtbot.mouseClick(voices.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert voices.selected_name() == name


def test_preferences_list_the_voices_and_forget_one_when_the_user_says_yes(
    qtbot, book, monkeypatch
):
    dialog = _dialog(qtbot, book)
    voices = dialog.voices
    assert voices.names() == ["Ana", "Rui"]
    assert [voices.table.item(row, 1).text() for row in range(2)] == ["2", "1"]
    assert voices.table.item(0, 2).text() == local_date(book.voices()[0].updated)[0] != ""
    assert voices.empty_label.isHidden() and not voices.table.isHidden()
    assert not voices.forget_button.isEnabled()  # nothing selected yet

    _select(qtbot, voices, "Rui")
    assert voices.forget_button.isEnabled()
    asked: list[str] = []
    _answer(monkeypatch, QMessageBox.StandardButton.Yes, asked)
    qtbot.mouseClick(voices.forget_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and "Rui" in asked[0]
    assert voices.names() == ["Ana"]
    assert [v.name for v in book.voices()] == ["Ana"]
    assert not voices.forget_button.isEnabled()  # the selected row is gone


def test_forget_answered_no_forgets_nothing(qtbot, book, monkeypatch):
    dialog = _dialog(qtbot, book)
    voices = dialog.voices
    _select(qtbot, voices, "Ana")
    asked: list[str] = []
    _answer(monkeypatch, QMessageBox.StandardButton.No, asked)
    qtbot.mouseClick(voices.forget_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1
    assert voices.names() == ["Ana", "Rui"]
    assert [v.name for v in book.voices()] == ["Ana", "Rui"]


def test_no_voices_shows_how_to_get_one(qtbot, tmp_path):
    dialog = _dialog(qtbot, VoiceBook(tmp_path / "none.json"))
    voices = dialog.voices
    assert voices.names() == []
    assert voices.empty_label.text() == EMPTY_TEXT
    assert EMPTY_TEXT.startswith("No voices yet: rename a speaker")
    assert not voices.empty_label.isHidden() and voices.table.isHidden()
    assert not voices.forget_button.isEnabled()


def test_without_a_voice_book_the_dialog_has_no_voices_section(qtbot):
    dialog = PreferencesDialog(Settings())
    qtbot.addWidget(dialog)
    assert dialog.voices is None and dialog.findChild(VoicesPanel) is None


def test_the_speaker_list_marks_a_speaker_named_from_a_remembered_voice(qtbot):
    speakers = SpeakerList()
    qtbot.addWidget(speakers)
    speakers.set_speakers(
        [Speaker("S1", "Ana", 30, 0.6, _axis(0), match=0.85), Speaker("S2", "Speaker 2", 20, 0.4)]
    )
    speakers.show()
    assert not speakers.isColumnHidden(VOICE)
    assert speakers.item(0, VOICE).text() == "✓ 85 %"
    assert (
        speakers.item(0, NAME)
        .toolTip()
        .startswith("Recognised from a voice you named before (85 % alike)")
    )
    assert speakers.item(0, NAME).text() == "Ana"  # the editable name stays the name alone
    assert speakers.item(1, VOICE).text() == ""
    assert "Recognised" not in speakers.item(1, NAME).toolTip()

    # renamed: the session clears the match, and the marker (and its column) go
    speakers.set_speakers(
        [Speaker("S1", "Ana Paula", 30, 0.6, _axis(0)), Speaker("S2", "Speaker 2", 20, 0.4)]
    )
    assert speakers.item(0, VOICE).text() == ""
    assert "Recognised" not in speakers.item(0, NAME).toolTip()
    assert speakers.isColumnHidden(VOICE)
