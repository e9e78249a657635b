"""The real window under QT_QPA_PLATFORM=offscreen, driven as a user would with pytest-qt."""

from __future__ import annotations

import json
import threading
import time

import pytest
import soundfile
import srt
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QMenu,
    QMessageBox,
    QSpinBox,
)

from tests.conftest import ctrl_wheel, listed, speech, transcribing, wer
from tests.session_files import died_while, held_by_another_process, keep_audio
from transcrevai_desktop.core import decoding
from transcrevai_desktop.core.session_manager import SessionManager
from transcrevai_desktop.core.speakers import AUTO
from transcrevai_desktop.settings import Key, Settings
from transcrevai_desktop.ui.level_meter import FLOOR_DB
from transcrevai_desktop.ui.main_window import MainWindow
from transcrevai_desktop.ui.session_tab import RECORDING_DOT, SessionTab


def _choose(combo, data) -> None:
    index = combo.findData(data)
    assert index >= 0, f"{data!r} is not offered"
    combo.setCurrentIndex(index)


def _new_tab(window, device: str | None, language: str) -> SessionTab:
    window.new_action.trigger()
    tab = window.current_tab()
    listed(tab.device_picker)
    _choose(tab.device_picker, device or "")
    _choose(tab.language_picker, language)
    return tab


def _save_as(monkeypatch, target, limits: tuple[int, int] | None = None) -> None:
    """Answer the next save dialog with ``target``: the platform's (``getSaveFileName``), or
    Qt's own that subtitles use, setting its line length and lines to ``limits``."""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), ""))

    def answer(dialog: QFileDialog) -> int:
        if limits is not None:
            line_chars, lines = dialog.findChildren(QSpinBox)[-2:]
            line_chars.setValue(limits[0])
            lines.setValue(limits[1])
        dialog.selectFile(str(target))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(QFileDialog, "exec", answer)


def _wait_complete(qtbot, tab: SessionTab, timeout: int = 120_000) -> None:
    qtbot.waitUntil(lambda: tab.status_label.text() == "Transcript ready", timeout=timeout)


def test_two_tabs_record_at_once_then_export_from_the_file_menu(
    qtbot, window, virtual_mic, tmp_path, monkeypatch
):
    clip = speech("en_jfk")
    first = _new_tab(window, virtual_mic.device, "en")
    second = _new_tab(window, virtual_mic.device, "en")
    assert window.tabs.count() == 2
    qtbot.mouseClick(first.record_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(second.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: first.status_label.text() == "Recording", timeout=10_000)
    qtbot.waitUntil(lambda: second.status_label.text() == "Recording", timeout=10_000)
    assert window.tabs.tabText(0).startswith(RECORDING_DOT)
    assert not first.record_button.isEnabled() and first.stop_button.isEnabled()

    peak = []
    first.level_meter.valueChanged.connect(peak.append)
    playing = virtual_mic.play(clip.path)
    virtual_mic.wait(qtbot, playing)  # the GUI stays live
    assert max(peak) > -30, f"the level meter moves with speech: {sorted(set(peak))}"
    for tab in (first, second):
        qtbot.waitUntil(
            lambda t=tab: wer(clip.reference, t.captions.committed_text) < 0.35, timeout=20_000
        )
    qtbot.mouseClick(first.stop_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(second.stop_button, Qt.MouseButton.LeftButton)
    _wait_complete(qtbot, first)
    _wait_complete(qtbot, second)
    assert not window.tabs.tabText(0).startswith(RECORDING_DOT)
    assert wer(clip.reference, first.captions.toPlainText()) < 0.15

    window.tabs.setCurrentIndex(0)
    for fmt in ("wav", "txt", "srt"):
        _save_as(monkeypatch, tmp_path / f"mine.{fmt}", (30, 1) if fmt == "srt" else None)
        assert window.export_actions[fmt].isEnabled()
        with qtbot.waitSignal(window.exported, timeout=10_000):
            window.export_actions[fmt].trigger()  # written off the GUI thread
    assert soundfile.info(tmp_path / "mine.wav").duration > 10
    assert wer(clip.reference, (tmp_path / "mine.txt").read_text()) < 0.15
    cues = list(srt.parse((tmp_path / "mine.srt").read_text()))
    assert wer(clip.reference, " ".join(cue.content for cue in cues)) < 0.15
    assert all(len(cue.content) <= 30 and "\n" not in cue.content for cue in cues)  # as chosen
    assert window.settings.get(Key.SUBTITLE_LINE_CHARS) == "30"  # remembered

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: str(tmp_path / "all"))
    (tmp_path / "all").mkdir()
    window.tabs.setCurrentIndex(1)
    with qtbot.waitSignal(window.exported, timeout=10_000):
        window.export_all_action.trigger()
    names = sorted(p.suffix for p in (tmp_path / "all").iterdir())
    assert names == [".json", ".srt", ".txt", ".vtt", ".wav"]


def test_closing_a_recording_tab_asks_first(qtbot, window, monkeypatch):
    tab = _new_tab(window, None, "en")
    monkeypatch.setattr(tab.session, "start", lambda **kw: None)  # no microphone needed here
    answers = iter([QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes])
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *args, **kw: asked.append(args[2]) or next(answers)
    )
    stops = []
    monkeypatch.setattr(tab.session, "stop", lambda: stops.append(True))
    tab.session.status = tab.session.status.RECORDING  # fault injection: pretend it records
    window.close_tab(window.tabs.indexOf(tab))
    assert window.tabs.count() == 1 and not stops
    window.close_tab(window.tabs.indexOf(tab))
    assert window.tabs.count() == 0 and stops == [True]
    assert "is recording" in asked[0]
    tab.session.status = tab.session.status.IDLE  # its stop was faked: quitting would ask


def test_a_tab_closed_while_its_file_is_transcribed_leaves_no_error(qtbot, window, monkeypatch):
    """The final pass goes on after its tab is closed; when it ends, nothing reaches the
    deleted tab (a status slot that did raised "Internal C++ object already deleted")."""
    clip = speech("en_jfk")
    monkeypatch.setattr(MainWindow, "_ask_audio_file", lambda self: (str(clip.path), AUTO))
    window.open_action.trigger()
    session = window.current_tab().session
    qtbot.waitUntil(lambda: session.status is session.status.PROCESSING)
    window.close_tab(window.tabs.currentIndex())
    assert window.tabs.count() == 0
    qtbot.waitUntil(lambda: session.status is session.status.COMPLETE, timeout=120_000)
    qtbot.wait(100)  # the status reaches every slot


def test_open_audio_file_transcribes_it_in_a_new_tab(qtbot, window, monkeypatch):
    clip = speech("pt_picovoice_leopard_test_pt")
    window.settings.set(Key.LANGUAGE, "pt")  # a file is transcribed in the preferred language
    monkeypatch.setattr(MainWindow, "_ask_audio_file", lambda self: (str(clip.path), AUTO))
    window.open_action.trigger()
    tab = window.current_tab()
    assert tab.session.name == clip.path.stem
    qtbot.waitUntil(
        lambda: tab.progress.isVisible() or tab.status_label.text() == "Transcript ready"
    )
    _wait_complete(qtbot, tab)
    assert wer(clip.reference, tab.captions.toPlainText()) < 0.2
    assert window.export_actions["srt"].isEnabled()


def test_language_picker_lists_portuguese_first_then_auto_then_all(window):
    window.new_action.trigger()
    picker = window.current_tab().language_picker
    assert [picker.itemData(0), picker.itemData(1)] == ["pt", "auto"]
    assert picker.itemText(0) == "Portuguese"
    assert picker.count() == 101
    assert picker.findData("en") > 1 and picker.findData("yue") > 1


def test_double_click_renames_the_tab_and_the_session(window, monkeypatch):
    window.new_action.trigger()
    tab = window.current_tab()
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kw: ("Weekly sync / June", True))
    window.tabs.tabBarDoubleClicked.emit(0)
    assert window.tabs.tabText(0) == "Weekly sync / June"
    assert tab.session.name == "Weekly sync / June" and not tab.session.kept  # nothing to keep
    keep_audio(tab.session)  # as a recording would: the name is written with the folder
    assert json.loads(tab.session.files["metadata"].read_text())["name"] == "Weekly sync / June"
    assert tab.session.default_export_name("srt") == "Weekly sync - June.srt"
    long = "Reunião de planejamento do segundo semestre " * 70  # 3,000 characters
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kw: (long, True))
    window.tabs.tabBarDoubleClicked.emit(0)  # the tab was 21,000 pixels wide
    assert window.tabs.tabText(0).endswith("…") and window.tabs.tabText(0).startswith("Reunião")
    assert window.tabs.tabBar().tabRect(0).width() < window.width()
    assert window.tabs.tabToolTip(0).startswith(long.strip())  # said whole there


def test_library_lists_searches_reopens_and_deletes_with_confirmation(qtbot, window, monkeypatch):
    clip = speech("pt_picovoice_leopard_test_pt")
    window.settings.set(Key.LANGUAGE, "pt")
    monkeypatch.setattr(MainWindow, "_ask_audio_file", lambda self: (str(clip.path), AUTO))
    window.open_action.trigger()
    tab = window.current_tab()
    session_id, folder = tab.session.id, tab.session.folder
    _wait_complete(qtbot, tab)
    library = window.library

    def status_shown() -> str:  # scans run in the background; the last one shows "complete"
        row = library.row_of(session_id)
        return library.table.item(row, 4).text() if row >= 0 else ""

    qtbot.waitUntil(lambda: status_shown() == "complete")
    assert library.table.item(library.row_of(session_id), 0).text() == clip.path.stem
    assert library.table.item(library.row_of(session_id), 3).text() == "Portuguese"

    library.search.setText("raposa")  # a word of the transcript
    assert library.row_of(session_id) >= 0
    library.search.setText("no such words")
    assert library.row_of(session_id) == -1
    library.search.clear()

    window.close_tab(window.tabs.indexOf(tab))
    window.manager.cleanup_old_sessions()  # not idle long enough: stays
    window.manager.delete_session(session_id)  # forgotten by memory, files kept
    with qtbot.waitSignal(library.updated):
        library.refresh()
    library.table.selectRow(library.row_of(session_id))
    library.open_button.click()
    reopened = window.current_tab()
    assert reopened.session.id == session_id
    assert wer(clip.reference, reopened.captions.toPlainText()) < 0.2
    assert reopened.session.available_exports() == ["wav", "txt", "srt", "vtt", "json"]

    answers = iter([QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kw: next(answers))
    library.table.selectRow(library.row_of(session_id))
    library.delete_button.click()
    assert folder.exists() and window.tab_of(session_id) is not None
    with qtbot.waitSignal(library.updated):
        library.delete_button.click()
    assert not folder.exists()
    assert window.tab_of(session_id) is None and library.row_of(session_id) == -1


def test_preferences_apply_without_restart(qtbot, window, monkeypatch, tmp_path):
    from transcrevai_desktop.ui.preferences_dialog import PreferencesDialog

    first = window.new_recording()  # as the tab the app opens at start, not used yet
    chosen = window.new_recording()
    chosen.language_picker.select("pt")  # chosen in that tab: stays

    def answer(dialog: PreferencesDialog) -> int:
        dialog.language.select("es")
        dialog.vocabulary.setText("Lisboa, CORAA")
        dialog.library.setText(str(tmp_path / "elsewhere"))
        dialog.cleanup_hours.setValue(2.5)
        dialog.accept()
        return PreferencesDialog.DialogCode.Accepted

    monkeypatch.setattr(PreferencesDialog, "exec", answer)
    window.preferences_action.trigger()
    assert (first.language_picker.code, first.vocabulary_field.terms) == ("es", ("Lisboa", "CORAA"))
    assert chosen.language_picker.code == "pt"
    assert window.manager.library_dir == tmp_path / "elsewhere"
    assert window.manager.session_timeout_hours == 2.5
    window.new_action.trigger()
    tab = window.current_tab()
    assert tab.language_picker.code == "es"
    assert tab.session.folder.parent == tmp_path / "elsewhere"
    keep_audio(tab.session)  # as a recording would
    with qtbot.waitSignal(window.library.updated):
        window.library.refresh()
    assert window.library.row_of(tab.session.id) >= 0
    assert window.manager.engine.settings.model == "base"  # unchanged: nothing reloads


def test_a_recordings_folder_typed_from_home_is_in_the_home_folder(
    qtbot, window, monkeypatch, tmp_path
):
    """ "~/Gravações" made a folder named "~" in whichever folder the app was started from."""
    from transcrevai_desktop.ui.preferences_dialog import PreferencesDialog

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    typed: list[str] = ["~/Gravações"]

    def answer(dialog: PreferencesDialog) -> int:
        typed.append(dialog.library.text())  # as the field shows it
        dialog.library.setText(typed[0])
        dialog.accept()
        return PreferencesDialog.DialogCode.Accepted

    monkeypatch.setattr(PreferencesDialog, "exec", answer)
    window.preferences_action.trigger()
    window.preferences_action.trigger()  # opened again: the field names the folder in full

    assert window.manager.library_dir == tmp_path / "home" / "Gravações"
    assert typed[2] == str(tmp_path / "home" / "Gravações")
    assert not (tmp_path / "~").exists()

    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "notas.txt").write_text("")  # a file: said so, and not taken
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *shown: warned.append(shown[2]))
    typed[0] = "~/notas.txt"
    window.preferences_action.trigger()
    assert warned == [
        f"{tmp_path / 'home' / 'notas.txt'} is a file: choose a folder for the recordings."
    ]
    assert window.manager.library_dir == tmp_path / "home" / "Gravações"


def test_captions_on_top_show_the_recording_tab_from_its_first_words(qtbot, window, virtual_mic):
    """View → Captions on top, opened mid-recording while another tab is shown: it starts with
    what was said so far, goes on live, and ends as the tab's captions read, revisions applied
    (no word twice), and keeps them once the recording ends (it went blank)."""
    clip = speech("en_jfk")
    tab = _new_tab(window, virtual_mic.device, "en")
    qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.status_label.text() == "Recording", timeout=10_000)
    playing = virtual_mic.play(clip.path)
    qtbot.waitUntil(lambda: len(tab.captions.committed_text.split()) >= 4, timeout=20_000)
    window.new_action.trigger()
    assert window.current_tab() is not tab
    overlay = window.caption_window
    window.caption_window.toggle_action.trigger()
    assert overlay.isVisible() and overlay.isWindow()
    assert overlay.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert len(overlay.captions.committed_text.split()) >= 4  # what was said before it opened
    size = tab.captions.font().pointSizeF()
    ctrl_wheel(overlay.captions.viewport(), 120)  # Ctrl and the wheel over it: every tab too
    assert tab.captions.font().pointSizeF() == overlay.captions.font().pointSizeF() > size
    virtual_mic.wait(qtbot, playing)
    qtbot.waitUntil(
        lambda: (
            overlay.captions.committed_text.split() == tab.session.caption_text.split()
            and wer(clip.reference, overlay.captions.committed_text) < 0.35
        ),
        timeout=30_000,
    )
    tab.session.stop()  # it ends while the new tab is in front (as a device lost ends it)
    _wait_complete(qtbot, tab)
    assert window.current_tab() is not tab
    assert wer(clip.reference, overlay.captions.committed_text) < 0.35, "the window went blank"
    window.caption_window.toggle_action.trigger()
    assert not overlay.isVisible()


def test_space_records_pauses_and_resumes_and_pause_records_nothing(qtbot, window, virtual_mic):
    tab = _new_tab(window, virtual_mic.device, "en")
    focused = QApplication.focusWidget()  # the new tab's, not the tab bar's: Space was lost
    assert focused is tab or tab.isAncestorOf(focused), focused
    qtbot.keyClick(tab, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: tab.status_label.text() == "Recording", timeout=10_000)
    qtbot.waitUntil(lambda: tab.session.recorded_seconds > 1, timeout=10_000)
    qtbot.keyClick(tab, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: tab.status_label.text() == "Paused")
    assert tab.pause_button.text() == "Resume"
    paused_at = tab.session.recorded_seconds
    qtbot.wait(1500)
    assert tab.session.recorded_seconds - paused_at < 0.3
    qtbot.keyClick(tab, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: tab.session.recorded_seconds > paused_at + 1, timeout=10_000)
    qtbot.mouseClick(tab.stop_button, Qt.MouseButton.LeftButton)
    _wait_complete(qtbot, tab)


def test_space_on_a_focused_control_is_that_controls_and_the_meter_rests_in_a_pause(
    qtbot, window, virtual_mic
):
    """The tab's Space took the key from the control that had it: on "Also the computer's
    sound" it started a recording without the box ticked, on Stop it paused. And the level
    meter kept showing the last level heard through a pause, as if sound still came in."""
    tab = _new_tab(window, virtual_mic.device, "en")
    tab.call_box.setFocus()
    qtbot.keyClick(tab.call_box, Qt.Key.Key_Space)
    qtbot.waitUntil(tab.call_box.isChecked)
    assert tab.session.status == "idle"
    tab.call_box.setChecked(False)
    tab.record()
    qtbot.waitUntil(lambda: tab.status_label.text() == "Recording", timeout=10_000)
    playing = virtual_mic.play(speech("en_sonnet001_librivox").path)  # 54 s
    qtbot.waitUntil(lambda: tab.level_meter.value() > -40, timeout=10_000)
    tab.toggle_pause()
    qtbot.waitUntil(lambda: tab.level_meter.value() == FLOOR_DB, timeout=2_000)
    assert playing.poll() is None, "still sounding while paused"
    tab.toggle_pause()
    tab.stop_button.setFocus()
    qtbot.keyClick(tab.stop_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: tab.session.status in ("processing", "complete"), timeout=5_000)
    playing.kill()
    _wait_complete(qtbot, tab)


def test_quitting_while_recording_asks_then_closes_once_transcripts_are_written(
    qtbot, window, virtual_mic, monkeypatch
):
    tab = _new_tab(window, virtual_mic.device, "en")
    tab.record()
    qtbot.waitUntil(lambda: tab.session.recorded_seconds > 1, timeout=10_000)
    answers = iter([QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kw: next(answers))
    window.close()
    assert window.isVisible() and tab.status_label.text() == "Recording"
    window.close()
    assert window.isVisible(), "it waits for the final pass"
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=60_000)
    assert tab.session.status == "complete"


def test_a_recording_started_while_quitting_waits_calls_the_quit_off(
    qtbot, window, virtual_mic, monkeypatch
):
    """The window stayed open for good (the first recording's transcript written, the new
    one never awaited), and Quit then did nothing at all while it recorded."""
    first = _new_tab(window, virtual_mic.device, "en")
    first.record()
    qtbot.waitUntil(lambda: first.session.recorded_seconds > 1, timeout=10_000)
    asked = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda *args, **kw: asked.append(args) or QMessageBox.StandardButton.Yes,
    )
    window.close()  # Yes: stop, and close once the transcript is written
    second = _new_tab(window, virtual_mic.device, "en")
    second.record()  # the user stays after all
    qtbot.waitUntil(lambda: second.session.status == "recording", timeout=10_000)
    _wait_complete(qtbot, first)
    qtbot.wait(300)
    assert window.isVisible() and not window.statusBar().currentMessage()
    window.close()  # asked again, as the first time
    assert len(asked) == 2
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=60_000)
    assert second.session.status == "complete"


def test_a_file_opened_while_quitting_waits_calls_the_quit_off(
    qtbot, window, virtual_mic, monkeypatch
):
    """The window waited for the transcripts it knew of, then stayed open for good, saying
    "Finishing transcripts, then closing…"."""
    first = _new_tab(window, virtual_mic.device, "en")
    first.record()
    qtbot.waitUntil(lambda: first.session.recorded_seconds > 1, timeout=10_000)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **kw: QMessageBox.StandardButton.Yes)
    window.close()  # Yes: stop, and close once the transcript is written
    clip = speech("en_jfk")
    monkeypatch.setattr(MainWindow, "_ask_audio_file", lambda self: (str(clip.path), AUTO))
    window.open_action.trigger()  # the user stays after all
    opened = window.current_tab()
    _wait_complete(qtbot, first)
    _wait_complete(qtbot, opened)
    qtbot.wait(300)
    assert window.isVisible() and not window.statusBar().currentMessage()


def test_closing_again_while_quitting_waits_can_quit_now(qtbot, window, virtual_mic, monkeypatch):
    """After "Stop and keep the recordings", closing the window again did nothing: the user
    waited for every transcript (a long file's too), or killed the app."""
    recording = _new_tab(window, virtual_mic.device, "en")
    recording.record()
    qtbot.waitUntil(lambda: recording.session.recorded_seconds > 1, timeout=10_000)
    imported = transcribing(qtbot, window, monkeypatch).session
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **kw: QMessageBox.StandardButton.Yes)
    window.close()  # Yes: stop, and close once the transcripts are written
    asked = _answer_with(monkeypatch, "Quit now")
    window.close()  # out now
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=30_000)
    assert "Transcribe recording" in asked[0]
    assert imported.status == "interrupted" and imported.files["audio"].is_file()


def test_stop_stops_writing_a_transcript_and_it_can_be_written_later(qtbot, window, monkeypatch):
    """A long file opened by mistake could not be stopped: Stop was greyed, closing the tab
    left it working, and the library would not delete it until it was done."""
    tab = transcribing(qtbot, window, monkeypatch)
    assert tab.stop_button.isEnabled()
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **kw: asked.append(a) or QMessageBox.StandardButton.Yes
    )
    qtbot.mouseClick(tab.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.session.status == "interrupted", timeout=10_000)
    assert len(asked) == 1
    window.manager.engine.pool.waitForDone(10_000)  # the CPU is free
    qtbot.waitUntil(tab.transcribe_button.isVisible)  # told on the GUI thread
    assert not tab.stop_button.isEnabled()
    qtbot.mouseClick(tab.transcribe_button, Qt.MouseButton.LeftButton)
    _wait_complete(qtbot, tab)
    assert "sitting in a room" in tab.session.transcript().text.lower()


def test_a_double_click_on_stop_keeps_the_final_transcript(qtbot, window, virtual_mic, monkeypatch):
    """Stop now also stops a transcript being written: the second click of a double-click
    on Stop did, and the meeting ended without its transcript. It asks first (No first)."""
    tab = _new_tab(window, virtual_mic.device, "en")
    tab.record()
    qtbot.waitUntil(lambda: tab.session.recorded_seconds > 1, timeout=10_000)
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **kw: asked.append(a) or QMessageBox.StandardButton.No
    )
    tab.stop_button.click()  # a double-click: the second lands while the pass is queued
    tab.stop_button.click()
    _wait_complete(qtbot, tab)
    assert asked and tab.session.status == "complete"


def _answer_with(monkeypatch, text: str) -> list[str]:
    """Answer the next message box with its button of ``text``; returns the questions asked."""
    asked: list[str] = []

    def click(box: QMessageBox) -> int:
        asked.append(box.text())
        next(button for button in box.buttons() if button.text() == text).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click)
    return asked


def test_quitting_while_a_file_is_transcribed_asks_and_can_leave_it_for_later(
    qtbot, window, monkeypatch
):
    """It closed by itself minutes later, asking nothing; now the user chooses. Its tab closed
    meanwhile, it asked nothing either, and the process went on hidden."""
    tab = transcribing(qtbot, window, monkeypatch)
    window.close_tab(window.tabs.indexOf(tab))
    _answer_with(monkeypatch, "Cancel")
    window.close()
    assert window.isVisible() and tab.session.status == "processing"
    asked = _answer_with(monkeypatch, "Quit now")
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=30_000)
    assert tab.session.status == "interrupted" and tab.session.files["audio"].is_file()
    assert "Transcribe recording" in asked[0]  # imported: its audio is kept, as it says


def test_quit_now_while_a_file_is_imported_stops_the_import(qtbot, window, monkeypatch):
    """An hour of video takes a minute to import: *Quit now* waited for all of it, then
    skipped the final pass. The import now stops at its next block and keeps nothing (the
    file is where it was, to be opened again)."""
    clip = speech("en_lucier_sitting_in_a_room")  # 100 s: four blocks of 30 s
    real, released = decoding.decoded_blocks, threading.Event()

    def slow(*args, **kwargs):  # fault injection: a long video, each block taking its time
        for block in real(*args, **kwargs):
            yield block
            released.wait(30)

    monkeypatch.setattr(decoding, "decoded_blocks", slow)
    monkeypatch.setattr(MainWindow, "_ask_audio_file", lambda self: (str(clip.path), AUTO))
    window.open_action.trigger()
    session = window.current_tab().session
    qtbot.waitUntil(lambda: (session.folder / "audio.wav").is_file(), timeout=10_000)
    asked = _answer_with(monkeypatch, "Quit now")
    window.close()
    released.set()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    assert session.status == "interrupted" and not session.folder.exists()
    assert "open the file again later" in asked[0]  # not "Transcribe recording": it is gone


def _choose_in_tab_menu(qtbot, window, index: int, path: tuple[str, ...]) -> list[str]:
    """Right-click tab ``index`` and pick the entry at ``path`` (submenu titles, then the
    action's text); returns the texts the menu offered at its top level."""
    offered: list[str] = []

    def pick() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu), "the tab's menu is open"
        offered.extend(action.text() for action in menu.actions() if action.text())
        menu.close()
        actions = menu.actions()
        for text in path:
            chosen = next(action for action in actions if action.text() == text)
            actions = chosen.menu().actions() if chosen.menu() else []
        chosen.trigger()

    QTimer.singleShot(100, pick)
    bar = window.tabs.tabBar()
    bar.customContextMenuRequested.emit(bar.tabRect(index).center())
    return offered


def test_the_tab_menu_exports_shows_the_folder_renames_and_closes(
    qtbot, window, file_manager, monkeypatch, tmp_path
):
    clip = speech("pt_picovoice_leopard_test_pt")
    window.settings.set(Key.LANGUAGE, "pt")
    monkeypatch.setattr(MainWindow, "_ask_audio_file", lambda self: (str(clip.path), AUTO))
    window.open_action.trigger()
    tab = window.current_tab()
    _wait_complete(qtbot, tab)
    window.new_action.trigger()  # the menu acts on the tab it was opened on, not the current one

    target = tmp_path / "from the tab menu.srt"
    _save_as(monkeypatch, target)
    with qtbot.waitSignal(window.exported, timeout=10_000):
        offered = _choose_in_tab_menu(qtbot, window, 0, ("&Export", "SRT…"))
    assert offered == ["&Export", "Show in &folder", "Rename…", "Close tab"]
    cues = list(srt.parse(target.read_text()))
    assert wer(clip.reference, " ".join(cue.content for cue in cues)) < 0.2

    _choose_in_tab_menu(qtbot, window, 0, ("Show in &folder",))
    assert file_manager.opened == [str(tab.session.folder)]

    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kw: ("Aula de física", True))
    _choose_in_tab_menu(qtbot, window, 0, ("Rename…",))
    assert window.tabs.tabText(0) == "Aula de física" and tab.session.name == "Aula de física"
    row = window.library.row_of(tab.session.id)
    assert window.library.table.item(row, 0).text() == "Aula de física", "at once, not at a scan"

    _choose_in_tab_menu(qtbot, window, 0, ("Close tab",))
    assert window.tabs.count() == 1 and window.tab_of(tab.session.id) is None
    assert tab.session.folder.is_dir(), "closing a tab never deletes the recording"


def test_file_show_in_folder_opens_the_current_session_folder(
    qtbot, window, file_manager, virtual_mic
):
    assert not window.show_folder_action.isEnabled()
    tab = _new_tab(window, virtual_mic.device, "en")
    assert not window.show_folder_action.isEnabled(), "a tab that never recorded has no folder"
    qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.show_folder_action.isEnabled, timeout=10_000)
    window.show_folder_action.trigger()
    assert file_manager.opened == [str(tab.session.folder)]
    assert tab.session.folder.is_dir()


def test_status_bar_shows_sessions_model_cpu_and_lag(qtbot, window, virtual_mic, monkeypatch):
    status = window.status_info
    assert "No tabs open" in status.text() and "Model: base (int8)" in status.text()
    hint = window.tabs.empty_hint  # and the empty window says what to do
    assert hint.isVisible() and "File → New recording (Ctrl+N)" in hint.text()
    tab = _new_tab(window, virtual_mic.device, "en")
    assert not hint.isVisible()
    qtbot.waitUntil(lambda: status.text().startswith("1 tab · "))  # nothing records: not said
    tab.record()
    qtbot.waitUntil(lambda: "1 tab, 1 recording" in status.text() and "CPU" in status.text())
    monkeypatch.setattr(type(tab.session), "caption_lag", property(lambda self: 12.4))
    qtbot.waitUntil(lambda: "Captions 12 s behind (the recording is safe)" in status.text())
    tab.stop()
    _wait_complete(qtbot, tab)

    # reopened, it shows the language and microphone it used, not today's Preferences
    window.settings.set(Key.LANGUAGE, "pt")
    window.settings.set(Key.DEVICE, "")
    session_id = tab.session.id
    window.close_tab(window.tabs.indexOf(tab))
    window.open_from_library(session_id)
    reopened = window.current_tab()
    assert reopened.language_picker.code == "en"
    assert reopened.device_picker.currentText() == virtual_mic.device


@pytest.mark.logs(r"^Repairing ")
def test_a_recording_cut_by_a_crash_is_offered_at_start_and_transcribed(
    qtbot, engine, library, monkeypatch
):
    """The process died while recording: the header counts 2 s, the file holds the whole clip."""
    from transcrevai_desktop.core.decoding import decode_file

    clip = speech("pt_picovoice_leopard_test_pt")
    writer = SessionManager(library_dir=library, engine=engine)
    session = writer.get_session(writer.create_session())
    audio = decode_file(clip.path)
    session.folder.mkdir(parents=True)
    path = session.folder / "audio.wav"
    soundfile.write(path, audio[:32000], 16000, subtype="PCM_16")
    with path.open("ab") as wav:
        wav.write((audio[32000:] * 32767).astype("<i2").tobytes())
    session.files["audio"] = path
    died_while(session, session.status.RECORDING)

    asked = []
    opening = QMessageBox.StandardButton.Open
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **kw: asked.append(a[2]) or opening)
    settings = Settings()
    settings.reset()
    window = MainWindow(SessionManager(library_dir=library, engine=engine), settings)
    qtbot.addWidget(window)
    window.model_state.emit(True, "")
    qtbot.waitUntil(lambda: window.tabs.count() == 1)
    assert "1 recording stopped before its transcript was written" in asked[0]
    tab = window.current_tab()
    assert tab.session.id == session.id
    assert tab.status_label.text() == "Stopped before the transcript was written"
    assert not tab.transcribe_button.isHidden()
    assert soundfile.info(path).frames == len(audio), "the header was repaired on reopening"

    qtbot.mouseClick(tab.transcribe_button, Qt.MouseButton.LeftButton)
    _wait_complete(qtbot, tab)
    assert tab.transcribe_button.isHidden()
    assert wer(clip.reference, tab.captions.toPlainText()) < 0.2


def test_the_idle_clean_up_frees_sessions_no_tab_shows(qtbot, window):
    shown = window.new_recording()
    assert shown is not None
    unseen = window.manager.create_session()  # a tab closed long ago, its session still held
    window.manager.session_timeout_hours = 1e-6  # 3.6 ms: every session is idle
    time.sleep(0.05)

    window.clean_up()

    qtbot.waitUntil(lambda: unseen not in window.manager.get_all_session_ids())
    assert shown.session.id in window.manager.get_all_session_ids(), "reviewed all day"


def test_the_library_tells_a_crashed_recording_from_one_another_window_makes(
    qtbot, engine, library, monkeypatch
):
    other_window = SessionManager(library_dir=library, engine=engine)
    crashed, elsewhere = (other_window.get_session(other_window.create_session()) for _ in "ab")
    for session, name in ((crashed, "Crashed"), (elsewhere, "Elsewhere")):
        session.rename(name)
        keep_audio(session)
        died_while(session, session.status.RECORDING)  # on disk, both say "recording"
    asked, told = [], []
    ignoring = QMessageBox.StandardButton.Ignore
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **kw: asked.append(a[2]) or ignoring)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **kw: told.append(a[2]))
    settings = Settings()
    settings.reset()

    with held_by_another_process(elsewhere.folder):  # its process records on
        window = MainWindow(SessionManager(library_dir=library, engine=engine), settings)
        qtbot.addWidget(window)
        library_panel = window.library
        qtbot.waitUntil(lambda: library_panel.table.rowCount() == 2)
        qtbot.waitUntil(lambda: bool(asked))

        def status(session) -> str:
            return library_panel.table.item(library_panel.row_of(session.id), 4).text()

        assert status(crashed) == "interrupted" and status(elsewhere) == "recording"
        assert "1 recording stopped before its transcript was written" in asked[0]
        window.open_from_library(elsewhere.id)
        assert "another TranscrevAI window" in told[0] and window.tab_of(elsewhere.id) is None


def test_a_tab_opened_before_the_recordings_folder_changed_records_into_the_new_one(
    qtbot, window, virtual_mic, tmp_path
):
    tab = _new_tab(window, virtual_mic.device, "en")  # as the tab the app opens at start
    window.settings.set(Key.LIBRARY_DIR, str(tmp_path / "Gravações"))
    window.apply_settings()

    tab.record()
    qtbot.waitUntil(lambda: tab.session.recorded_seconds > 1, timeout=10_000)
    tab.stop()
    _wait_complete(qtbot, tab)

    assert tab.session.folder.parent == tmp_path / "Gravações"
    qtbot.waitUntil(lambda: window.library.row_of(tab.session.id) >= 0)


def test_a_very_quiet_microphone_is_told_while_its_words_come(qtbot, window, virtual_mic):
    """Its words are brought up for the captions, but the recording keeps it quiet: the user
    should raise its volume. A silent room is not told, nor a microphone set right."""
    tab = _new_tab(window, virtual_mic.device, "pt")
    clip = speech("pt_picovoice_leopard_test_pt").path
    tab.record()
    qtbot.wait(2000)  # silence, brought up as far as it goes: no words, nothing to tell
    assert not tab.quiet_label.isVisible()

    playing = virtual_mic.play(clip, volume=0.1)  # 60 dB down
    qtbot.waitUntil(tab.quiet_label.isVisible, timeout=20_000)
    assert tab.quiet_label.text() == "Very quiet"
    virtual_mic.wait(qtbot, playing)
    virtual_mic.wait(qtbot, virtual_mic.play(clip))  # as recorded: it was the volume
    qtbot.waitUntil(lambda: not tab.quiet_label.isVisible(), timeout=5_000)
    tab.stop()
    _wait_complete(qtbot, tab)
