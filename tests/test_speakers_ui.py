"""Speakers in the window: the count picker (tab and Open audio file), the speaker list with
in-place renaming, and the finished transcript shown as turns with bold names."""

from __future__ import annotations

import json
import re
import threading
from functools import partial
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QFileDialog,
    QLineEdit,
    QMessageBox,
)

from tests.conftest import speech
from tests.session_files import keep_audio
from transcrevai_desktop.core.errors import StorageError
from transcrevai_desktop.core.exporters import write_transcript
from transcrevai_desktop.core.session import SessionStatus
from transcrevai_desktop.core.speakers import AUTO, CHANNELS, OFF
from transcrevai_desktop.core.transcript import Segment, Speaker, Transcript, Word
from transcrevai_desktop.settings import Key
from transcrevai_desktop.ui.caption_view import CaptionView
from transcrevai_desktop.ui.main_window import MainWindow
from transcrevai_desktop.ui.open_audio import ask_audio_file
from transcrevai_desktop.ui.session_tab import SessionTab
from transcrevai_desktop.ui.speaker_count_picker import SpeakerCountPicker
from transcrevai_desktop.ui.speaker_field import SpeakerField
from transcrevai_desktop.ui.speaker_list import NAME, TALK_TIME, VOICE, SpeakerList
from transcrevai_desktop.ui.transcript_model import TranscriptModel

THREE_TALKERS = "en_picovoice_diarization_3spk"  # [1] and so it begins [2] ... crocodile ...
SHORT_CLIP = "ptbr_cv_19405032"  # 2.7 s, one talker


def _wait_complete(qtbot, tab: SessionTab) -> None:
    qtbot.waitUntil(lambda: tab.status_label.text() == "Transcript ready", timeout=60_000)


def _answer_open_dialog(qtbot, monkeypatch, path, count_keys=(), seen: list | None = None):
    """Answer the real (Qt, non-native) Open audio file dialog: press ``count_keys`` in its
    Speakers picker, choose ``path`` (None: cancel)."""

    def answer(dialog: QFileDialog) -> int:
        picker = dialog.findChild(SpeakerField).count
        assert picker is not None and picker.isVisibleTo(dialog)
        if seen is not None:
            seen.append(picker.text())
        for key in count_keys:
            qtbot.keyClick(picker, key)
        if path is None:
            dialog.reject()
            return QDialog.DialogCode.Rejected
        dialog.selectFile(str(path))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(QFileDialog, "exec", answer)


def _rename_in_place(qtbot, speakers: SpeakerList, row: int, name: str, how: str) -> None:
    """Rename through the list's own editor, as a user would: F2, a double-click, or a click
    on the name of the row already selected (as in a file manager)."""
    item = speakers.item(row, NAME)
    where = speakers.visualItemRect(item).center()
    if how == "F2":
        speakers.setCurrentCell(row, NAME)
        speakers.setFocus()
        qtbot.keyClick(speakers, Qt.Key.Key_F2)
    elif how == "double-click":  # the press, then the double-click event
        qtbot.mouseClick(speakers.viewport(), Qt.MouseButton.LeftButton, pos=where)
        qtbot.mouseDClick(speakers.viewport(), Qt.MouseButton.LeftButton, pos=where)
    else:  # "click again": the editor opens once a double-click can no longer come
        speakers.setCurrentCell(row, NAME)
        qtbot.mouseClick(speakers.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    editor = QApplication.focusWidget()
    assert speakers.isAncestorOf(editor)
    assert editor.text() == item.text()
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, name)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next event loop turn
    qtbot.waitUntil(lambda: speakers.state() is not QAbstractItemView.State.EditingState)


def _paragraphs(view: CaptionView) -> list[str]:
    return view.toPlainText().split("\n")


def _is_bold(view: CaptionView, text: str) -> bool:
    position = view.toPlainText().index(text)
    cursor = QTextCursor(view.document())
    cursor.setPosition(position + 1)
    return cursor.charFormat().fontWeight() == QFont.Weight.Bold


@pytest.mark.logs(r"^Changes to .* not saved: Cannot write transcript.txt")
def test_a_file_with_three_talkers_lists_them_and_a_rename_reaches_captions_and_files(
    qtbot, window: MainWindow, monkeypatch
):
    clip = speech(THREE_TALKERS)
    window.settings.set(Key.LANGUAGE, "en")
    seen: list[str] = []
    _answer_open_dialog(qtbot, monkeypatch, clip.path, seen=seen)
    window.open_action.trigger()
    assert seen == ["Automatic"]  # the default setting
    tab = window.current_tab()
    assert tab.session.speakers == AUTO
    assert not tab.speakers_field.isEnabled() and tab.speakers_field.count.text() == "Automatic"
    assert not tab.speaker_list.isVisible()
    _wait_complete(qtbot, tab)
    assert window.settings.get(Key.SPEAKERS) == "auto"

    speakers = tab.speaker_list
    assert speakers.isVisible()
    assert speakers.names() == ["Speaker 1", "Speaker 2", "Speaker 3"]
    times = [speakers.item(row, TALK_TIME).text() for row in range(3)]
    assert all(re.fullmatch(r"0:\d\d \(\d+ %\)", t) for t in times), times
    assert tab.splitter.indexOf(speakers) == 1 and tab.splitter.indexOf(tab.pages) == 0
    crocodile = next(p for p in _paragraphs(tab.captions) if "crocodile" in p)
    assert crocodile.startswith("Speaker 2: "), _paragraphs(tab.captions)
    assert [p.split(":")[0] for p in _paragraphs(tab.captions)] == [
        "Speaker 1",
        "Speaker 2",
        "Speaker 3",
    ]
    assert _is_bold(tab.captions, "Speaker 2:")
    assert not _is_bold(tab.captions, "crocodile")

    _rename_in_place(qtbot, speakers, 1, "Ana", how="F2")
    assert speakers.names() == ["Speaker 1", "Ana", "Speaker 3"]
    assert re.search(r"^Ana: This is what a crocodile", tab.captions.toPlainText(), re.M)
    assert _is_bold(tab.captions, "Ana:")
    text = (tab.session.folder / "transcript.txt").read_text(encoding="utf-8")
    assert re.search(r"^Ana: This is what a crocodile", text, re.M), text
    assert tab.status_label.text() == "Transcript ready"

    # a rename the disk refuses (fault injection) is shown, and the window says it is not saved
    def refuse(transcript: Transcript) -> None:
        raise StorageError("Cannot write transcript.txt: the disk is full.")

    monkeypatch.setattr(tab.session, "_write_files", refuse)
    _rename_in_place(qtbot, speakers, 0, "Bob", how="double-click")
    qtbot.waitUntil(lambda: "c62828" in tab.status_label.styleSheet())
    assert tab.status_label.text() == (
        "The changes to the transcript could not be saved: "
        "Cannot write transcript.txt: the disk is full."
    )
    assert speakers.names() == ["Bob", "Ana", "Speaker 3"]
    assert _paragraphs(tab.captions)[0].startswith("Bob: ")
    assert "Bob" not in (tab.session.folder / "transcript.txt").read_text(encoding="utf-8")
    monkeypatch.undo()
    _rename_in_place(qtbot, speakers, 0, "Bea", how="click again")  # the next change saves all
    assert speakers.names() == ["Bea", "Ana", "Speaker 3"]
    assert tab.status_label.text() == "Transcript ready"  # the error is gone
    tab.session.wait_saved()
    assert "c62828" not in tab.status_label.styleSheet()
    text = (tab.session.folder / "transcript.txt").read_text(encoding="utf-8")
    assert re.search(r"^Bea: ", text, re.M) and re.search(r"^Ana: This is", text, re.M), text

    # a rename is a step of the review's undo history, beside the corrections (it wiped it)
    view = tab.transcript_view
    view.replace_all("crocodile", "alligator")
    _rename_in_place(qtbot, speakers, 2, "Caio de Albuquerque", how="F2")
    assert speakers.names() == ["Bea", "Ana", "Caio de Albuquerque"]
    column = view.table.columnWidth(TranscriptModel.SPEAKER)  # it follows the name (was cut)
    assert column >= view.table.fontMetrics().horizontalAdvance("Caio de Albuquerque")
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert speakers.names() == ["Bea", "Ana", "Speaker 3"]
    assert "alligator" in tab.captions.toPlainText()
    qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "crocodile" in tab.captions.toPlainText()
    qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # "Bea"
    assert speakers.names() == ["Bob", "Ana", "Speaker 3"]
    for _ in range(3):
        qtbot.keyClick(
            view.table, Qt.Key.Key_Z,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )  # fmt: skip
    assert speakers.names() == ["Bea", "Ana", "Caio de Albuquerque"]
    tab.session.wait_saved()
    text = (tab.session.folder / "transcript.txt").read_text(encoding="utf-8")
    assert re.search(r"^Caio de Albuquerque: ", text, re.M) and "alligator" in text
    book = {v.name: v.recordings for v in window.manager.engine.voice_book.voices()}
    assert book == {
        "Ana": 1,
        "Bea": 1,  # named "Bob" first: the voice went with the name the user settled on
        "Caio de Albuquerque": 1,
    }  # undo, redo: remembered once

    # reopened from its folder: the list, the names and its own setting come back
    session_id = tab.session.id
    window.close_tab(window.tabs.indexOf(tab))
    window.manager.delete_session(session_id)  # forgotten in memory; its files stay
    window.settings.set(Key.SPEAKERS, "5")  # Preferences would say 5: the session says auto
    window.open_from_library(session_id)
    reopened = window.current_tab()
    assert reopened is not tab and reopened.session.id == session_id
    assert reopened.speaker_list.names() == ["Bea", "Ana", "Caio de Albuquerque"]
    assert "Ana: This is what a alligator" in reopened.captions.toPlainText()
    assert reopened.speakers_field.count.text() == "Automatic"
    assert not reopened.speakers_field.isEnabled()


def test_a_rename_a_correction_and_a_revert_never_wait_for_the_disk(
    qtbot, window: MainWindow, monkeypatch
):
    """Changes to a transcript are written on the session's own thread, the newest only: a
    disk that takes its time (fault injection: each write waits until the test lets it go)
    never holds the window up, and what reaches the files is the last state shown."""
    window.new_action.trigger()
    tab = window.current_tab()
    tab.session.transcribe_file(speech(THREE_TALKERS).path, "en", speakers=AUTO)
    _wait_complete(qtbot, tab)
    disk = threading.Event()
    write = tab.session._write_files
    monkeypatch.setattr(tab.session, "_write_files", lambda t: (disk.wait(10), write(t)))
    view, folder = tab.transcript_view, tab.session.folder

    _rename_in_place(qtbot, tab.speaker_list, 0, "Ana", how="F2")
    assert tab.speaker_list.names()[0] == "Ana"
    assert _paragraphs(tab.captions)[0].startswith("Ana: ")
    view.replace_all("crocodile", "alligator")
    assert "alligator" in tab.captions.toPlainText() and view.revert_button.isEnabled()
    monkeypatch.setattr(QMessageBox, "question", lambda *_: QMessageBox.StandardButton.Yes)
    view.revert_button.click()
    assert "crocodile" in tab.captions.toPlainText() and not view.revert_button.isEnabled()
    assert "Ana" not in (folder / "transcript.txt").read_text(encoding="utf-8")  # not yet

    disk.set()
    tab.session.wait_saved()
    text = (folder / "transcript.txt").read_text(encoding="utf-8")
    assert re.search(r"^Ana: ", text, re.M) and "crocodile" in text and "alligator" not in text
    assert not (folder / "transcript.original.json").exists()
    assert tab.status_label.text() == "Transcript ready"


@pytest.mark.logs(r"^Unknown speaker setting")
def test_the_tab_picker_starts_from_settings_and_reaches_the_session_on_record(
    qtbot, window: MainWindow, monkeypatch
):
    clip = speech(SHORT_CLIP)
    window.settings.set(Key.SPEAKERS, "many")  # unreadable: Automatic
    window.new_action.trigger()
    assert window.current_tab().speakers_field.setting == AUTO
    window.settings.set(Key.SPEAKERS, "3")
    window.new_action.trigger()
    tab = window.current_tab()
    picker = tab.speakers_field.count
    assert picker.isEnabled() and picker.text() == "3" and picker.setting == 3
    assert "Automatic counts them" in picker.toolTip()
    tab.language_picker.select("pt")
    picker.setFocus()
    qtbot.keyClick(picker, Qt.Key.Key_Down)
    assert picker.setting == 2
    # the clip instead of a microphone, through the Record button's own call
    monkeypatch.setattr(tab.session, "start", partial(tab.session.start, input_file=clip.path))
    qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.status_label.text() == "Recording", timeout=10_000)
    assert tab.session.speakers == 2
    assert not picker.isEnabled() and picker.text() == "2"
    assert window.settings.get(Key.SPEAKERS) == "2"
    _wait_complete(qtbot, tab)  # the clip ends by itself, then the final pass
    saved = json.loads(tab.session.files["metadata"].read_text(encoding="utf-8"))
    assert saved["speakers"] == 2
    assert picker.text() == "2" and not picker.isEnabled()
    window.new_action.trigger()
    assert window.current_tab().speakers_field.count.text() == "2"


def test_the_open_dialog_offers_the_count_and_cancelling_opens_nothing(
    qtbot, window: MainWindow, monkeypatch
):
    window.settings.set(Key.SPEAKERS, "4")
    seen: list[str] = []
    _answer_open_dialog(qtbot, monkeypatch, None, count_keys=[Qt.Key.Key_Up], seen=seen)
    window.open_action.trigger()
    assert seen == ["4"]
    assert window.tabs.count() == 0
    assert window.settings.get(Key.SPEAKERS) == "4"  # saved only when a file is opened


def test_the_open_dialog_starts_where_the_last_file_was_opened(qtbot, window, monkeypatch):
    """Not in the process's working folder each time (the user browsed back to Downloads)."""
    folders: list[str] = []
    clip = speech("en_jfk").path

    def answer(dialog: QFileDialog) -> int:
        folders.append(dialog.directory().absolutePath())
        dialog.selectFile(str(clip))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(QFileDialog, "exec", answer)
    assert ask_audio_file(window, window.settings)[0] == str(clip)
    ask_audio_file(window, window.settings)
    assert folders[0] == str(Path.home()) and folders[1] == str(clip.parent)


def test_the_picker_offers_automatic_and_counts_and_shows_off_only_when_given(qtbot):
    picker = SpeakerCountPicker()
    qtbot.addWidget(picker)
    assert picker.text() == "Automatic" and picker.setting == AUTO
    assert (picker.minimum(), picker.maximum()) == (0, 20)
    picker.set_setting(OFF)  # a session transcribed with labels off, reopened
    assert picker.text() == "Off" and picker.setting == OFF
    picker.stepUp()
    assert picker.setting == 1
    picker.stepDown()
    assert picker.text() == "Automatic" and picker.setting == AUTO  # off cannot be picked
    picker.set_setting("7")
    assert picker.setting == 7


def test_captions_show_turns_with_bold_names_only_when_the_transcript_shows_speakers(qtbot):
    view = CaptionView()
    qtbot.addWidget(view)
    segments = [
        Segment(0.0, 1.0, " Oi, tudo bem?", speaker="S1"),
        Segment(1.2, 2.0, " Tudo ótimo.", speaker="S2"),
        Segment(5.0, 6.0, " E você?", speaker="S2"),
        Segment(6.2, 7.0, " Bem.", speaker="S1"),
    ]
    two = [Speaker("S1", "Ana"), Speaker("S2", "Speaker 2")]
    view.show_transcript(Transcript("pt", 7.0, segments, two))
    assert _paragraphs(view) == [
        "Ana: Oi, tudo bem?",
        "Speaker 2: Tudo ótimo. E você?",  # one turn, despite the pause
        "Ana: Bem.",
    ]
    assert _is_bold(view, "Speaker 2:") and not _is_bold(view, "Tudo")
    assert view.committed_text == view.toPlainText()

    alone = [Segment(0.0, 1.0, "Bom dia.", speaker="S1"), Segment(4.0, 5.0, "Vamos.", speaker="S1")]
    view.show_transcript(Transcript("pt", 5.0, alone, [Speaker("S1", "Speaker 1")]))
    assert _paragraphs(view) == ["Bom dia.", "Vamos."]  # one unnamed voice: no names
    view.show_transcript(Transcript("pt", 5.0, alone, [Speaker("S1", "Rui")]))
    assert _paragraphs(view) == ["Rui: Bom dia. Vamos."]


def test_the_speaker_list_hides_without_speakers_and_formats_talk_time(qtbot):
    speakers = SpeakerList()
    qtbot.addWidget(speakers)
    speakers.set_speakers([Speaker("S1", "Ana", 65.4, 0.4213), Speaker("S2", "Speaker 2", 9)])
    speakers.show()
    assert speakers.names() == ["Ana", "Speaker 2"]
    assert speakers.item(0, TALK_TIME).text() == "1:05 (42 %)"
    assert not speakers.item(0, TALK_TIME).flags() & Qt.ItemFlag.ItemIsEditable
    assert speakers.speaker_id(1) == "S2"
    speakers.set_speakers([])
    assert speakers.isHidden()


def test_each_channel_a_person_from_the_open_dialog(qtbot, window: MainWindow, monkeypatch):
    clip = speech("en_stereo_diarization_2spk")  # one person a channel, talking at once

    def answer(dialog: QFileDialog) -> int:
        field = dialog.findChild(SpeakerField)
        field.by_channel.click()  # the dialog is not shown: exec is answered here
        assert field.setting == CHANNELS and not field.count.isEnabled()
        dialog.selectFile(str(clip.path))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(QFileDialog, "exec", answer)
    window.settings.set(Key.LANGUAGE, "en")
    window.open_action.trigger()
    tab = window.current_tab()
    _wait_complete(qtbot, tab)
    assert tab.session.speakers == CHANNELS and window.settings.get(Key.SPEAKERS) == "channels"
    assert tab.speakers_field.by_channel.isChecked() and not tab.speakers_field.isEnabled()
    assert tab.speaker_list.names() == ["Channel 1", "Channel 2"]
    paragraphs = _paragraphs(tab.captions)
    assert any(p.startswith("Channel 1: He began") for p in paragraphs), paragraphs
    assert any(p.startswith("Channel 2: The horizon") for p in paragraphs), paragraphs


def _voice(axis: int, tilt: float = 0.0) -> tuple[float, ...]:
    vector = np.zeros(192)
    vector[axis], vector[axis + 1] = 1.0, tilt
    return tuple(vector / np.linalg.norm(vector))


def _two_talkers(first: tuple[float, ...], second: tuple[float, ...]) -> Transcript:
    hello = (Word(0.0, 0.5, " Hello", 0.9, "S1"), Word(0.5, 1.0, " there.", 0.9, "S1"))
    back = (Word(1.5, 2.0, " Hi", 0.9, "S2"), Word(2.0, 2.5, " back.", 0.9, "S2"))
    return Transcript(
        "en",
        3.0,
        [
            Segment(0.0, 1.0, " Hello there.", hello, "S1"),
            Segment(1.5, 2.5, " Hi back.", back, "S2"),
        ],
        [Speaker("S1", "Speaker 1", 1.0, 0.5, first), Speaker("S2", "Speaker 2", 1.0, 0.5, second)],
    )


def _finished_with(window: MainWindow, transcript: Transcript) -> SessionTab:
    """A tab of ``window`` showing ``transcript`` as its finished recording's."""
    tab = window.new_recording()
    session = tab.session
    keep_audio(session, 3.0)
    write_transcript(transcript, session.folder / "transcript.json", "json")
    session.files["segments"] = session.folder / "transcript.json"
    session.status = SessionStatus.COMPLETE
    session.save_metadata()
    session.status_changed.emit(SessionStatus.COMPLETE.value, "")
    return tab


def test_the_voice_book_keeps_the_names_the_user_settles_on(qtbot, window: MainWindow):
    """A rename undone, a typo corrected, a default name typed back: the next recording named
    Ana "Bia", named her after a typo, or called someone "Speaker 2" with a ✓."""
    book = window.manager.engine.voice_book
    book.remember("Ana", _voice(0, 0.3))  # named in an earlier recording
    tab = _finished_with(window, book.recognise(_two_talkers(_voice(0, 0.1), _voice(9))))
    speakers, view = tab.speaker_list, tab.transcript_view
    qtbot.waitUntil(lambda: speakers.names() == ["Ana", "Speaker 2"])
    recognised = speakers.item(0, VOICE).text()
    assert recognised.startswith("✓")

    _rename_in_place(qtbot, speakers, 0, "Bia", how="F2")  # the wrong row
    window.undo_group.undo()
    assert speakers.names() == ["Ana", "Speaker 2"]
    assert speakers.item(0, VOICE).text() == recognised  # found alike, as before
    _rename_in_place(qtbot, speakers, 1, "Caoi", how="F2")
    _rename_in_place(qtbot, speakers, 1, "Caio", how="F2")  # the typo corrected
    assert {v.name: v.recordings for v in book.voices()} == {"Ana": 1, "Caio": 1}
    _rename_in_place(qtbot, speakers, 1, "Speaker 2", how="F2")  # "I don't know who that is"
    assert {v.name: v.recordings for v in book.voices()} == {"Ana": 1}
    steps = view.undo_stack.count()
    _rename_in_place(qtbot, speakers, 0, " Ana ", how="F2")  # changes nothing
    assert view.undo_stack.count() == steps
    assert {v.name: v.recordings for v in book.voices()} == {"Ana": 1}

    later = book.recognise(_two_talkers(_voice(0, 0.12), _voice(9, 0.05)))
    assert [s.name for s in later.speakers] == ["Ana", "Speaker 2"]
