"""The transcript view: review a finished transcript, correct it, undo, find and replace,
revert; the corrections reach every file, the library and a reopened tab."""

from __future__ import annotations

import itertools
import json
import time

import numpy as np
import pytest
import soundfile
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QMessageBox

from tests.conftest import PLAYBACK_SINK, correlation, ctrl_wheel, pactl, sounding, speech
from transcrevai_desktop.core.transcript import Segment, Transcript, Word
from transcrevai_desktop.settings import Key
from transcrevai_desktop.ui.main_window import MainWindow
from transcrevai_desktop.ui.session_tab import SessionTab
from transcrevai_desktop.ui.transcript_delegate import segment_html
from transcrevai_desktop.ui.transcript_model import PLAYING_ROLE, TranscriptModel
from transcrevai_desktop.ui.transcript_view import TranscriptView

ENGLISH = "en_jfk"  # And so my fellow Americans, ask not what your country can do for you...


def _transcribed(
    qtbot, window: MainWindow, clip: str = ENGLISH, speakers: str = "off"
) -> SessionTab:
    window.new_action.trigger()
    tab = window.current_tab()
    tab.session.transcribe_file(speech(clip).path, "en", speakers=speakers)
    qtbot.waitUntil(lambda: tab.status_label.text() == "Transcript ready", timeout=120_000)
    return tab


def _texts(view: TranscriptView) -> list[str]:
    model = view.model
    return [model.index(r, TranscriptModel.TEXT).data() for r in range(model.rowCount())]


def _edit(qtbot, view: TranscriptView, row: int) -> QLineEdit:
    """Open row's text for editing as the user does (select it, F2) and return the editor."""
    view.select_row(row)
    view.table.setCurrentIndex(view.model.index(row, TranscriptModel.TEXT))
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit), editor
    return editor


def _files(tab: SessionTab) -> str:
    """The transcript's files once every correction is written (the .txt is written first)."""
    tab.session.wait_saved()
    folder = tab.session.folder
    return "".join((folder / f"transcript.{fmt}").read_text() for fmt in ("txt", "srt", "json"))


def test_correct_undo_redo_split_join_and_revert(qtbot, window: MainWindow, monkeypatch):
    tab = _transcribed(qtbot, window)
    view = tab.transcript_view
    assert tab.pages.currentWidget() is view and view.isVisible()
    assert view.table.isColumnHidden(TranscriptModel.SPEAKER)  # no speakers: out of the way
    original = _texts(view)
    assert "country" in " ".join(original).lower()
    assert view.model.index(0, TranscriptModel.TIME).data() == "0:00"
    assert not view.revert_button.isEnabled()

    editor = _edit(qtbot, view, 0)
    editor.selectAll()
    qtbot.keyClicks(editor, "And so, my fellow Brazilians, ask")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _texts(view)[0] == "And so, my fellow Brazilians, ask")
    qtbot.waitUntil(lambda: "Brazilians" in _files(tab))  # saved off the GUI thread
    assert "Americans" not in _files(tab)
    assert (tab.session.folder / "transcript.original.json").is_file()
    assert view.revert_button.isEnabled()
    words = view.model.segment(0).words
    assert [w.text.strip() for w in words] == ["And", "so,", "my", "fellow", "Brazilians,", "ask"]
    assert all(a.end <= b.start + 1e-6 for a, b in itertools.pairwise(words))

    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _texts(view) == original
    qtbot.waitUntil(lambda: "Americans" in _files(tab))
    assert not view.revert_button.isEnabled()  # every correction undone: nothing to revert
    assert not (tab.session.folder / "transcript.original.json").exists()
    qtbot.keyClick(
        view.table,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert _texts(view)[0] == "And so, my fellow Brazilians, ask"

    rows = view.model.rowCount()
    editor = _edit(qtbot, view, 0)
    editor.setCursorPosition(len("And so, my fellow Brazilians,"))
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert _texts(view)[:2] == ["And so, my fellow Brazilians,", "ask"]
    assert view.model.rowCount() == rows + 1
    first, second = view.model.segment(0), view.model.segment(1)
    assert first.end <= second.start
    view.select_row(0)
    qtbot.keyClick(view.table, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert view.model.rowCount() == rows
    assert _texts(view)[0] == "And so, my fellow Brazilians, ask"
    qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # unjoin
    assert view.model.rowCount() == rows + 1

    corrected = _texts(view)
    QTimer.singleShot(
        100, lambda: qtbot.keyClick(QApplication.activeModalWidget(), Qt.Key.Key_Return)
    )
    view.revert_button.click()  # Enter answers No: nothing lost by a key pressed too soon
    assert _texts(view) == corrected
    monkeypatch.setattr(QMessageBox, "question", lambda *_: QMessageBox.StandardButton.Yes)
    view.revert_button.click()
    assert _texts(view) == original and "Americans" in _files(tab)
    assert not (tab.session.folder / "transcript.original.json").exists()
    assert not view.revert_button.isEnabled()
    view.undo_stack.undo()  # regretted (Ctrl+Z; the message box left no window active here)
    assert _texts(view) == corrected and view.revert_button.isEnabled()
    qtbot.waitUntil(lambda: "Brazilians" in _files(tab))


def test_the_edit_menu_acts_on_the_current_tabs_transcript(qtbot, window: MainWindow):
    """Undo, Redo and Find are in the Edit menu (they were only keys), for the tab shown;
    Close tab (Ctrl+W) is in the File menu."""
    tab = _transcribed(qtbot, window)
    view = tab.transcript_view
    original = _texts(view)
    editor = _edit(qtbot, view, 0)
    editor.setText("Ask what you can do")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _texts(view)[0] == "Ask what you can do")
    assert window.undo_action.isEnabled() and "Edit text" in window.undo_action.text()
    window.undo_action.trigger()
    assert _texts(view) == original and window.redo_action.isEnabled()
    window.redo_action.trigger()
    assert _texts(view)[0] == "Ask what you can do"
    window.find_action.trigger()
    assert view.find_bar.isVisible()
    other = window.new_recording()
    assert window.current_tab() is other and not window.undo_action.isEnabled()
    assert not window.find_action.isEnabled()  # nothing to find while it records
    window.close_tab_action.trigger()
    assert window.current_tab() is tab and window.undo_action.isEnabled()


def _rows_fit(view: TranscriptView) -> bool:
    table = view.table
    return all(table.rowHeight(r) == table.sizeHintForRow(r) for r in range(view.model.rowCount()))


def test_rows_are_as_tall_as_their_wrapped_text(qtbot, window: MainWindow):
    """Each row fits its text, wrapped at the Text column's width, when a transcript is
    reopened: rows were measured while their page was hidden, without that width, and a
    second line was drawn over the next row."""
    tab = _transcribed(qtbot, window, "en_mfa_acoustic_corpus")
    first = tab.session.transcript().segments[0].text
    editor = _edit(qtbot, tab.transcript_view, 0)  # one long paragraph, as meetings have
    editor.setText(" ".join([first] * 6))
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(_texts(tab.transcript_view)[0]) > 5 * len(first))
    assert _rows_fit(tab.transcript_view)  # at once: the edited row, the others as they were
    tab.session.wait_saved()
    session_id = tab.session.id
    window.close_tab(window.tabs.indexOf(tab))
    window.open_from_library(session_id)
    view = window.current_tab().transcript_view
    qtbot.waitUntil(lambda: view.isVisible() and view.model.rowCount() > 1)
    qtbot.waitUntil(lambda: _rows_fit(view))
    heights = [view.table.rowHeight(r) for r in range(view.model.rowCount())]
    assert heights[0] >= 3 * min(heights)


def test_ctrl_and_the_wheel_make_the_transcript_and_captions_larger(qtbot, window: MainWindow):
    tab = _transcribed(qtbot, window)
    view = tab.transcript_view
    qtbot.waitUntil(lambda: view.isVisible() and _rows_fit(view))
    height, size = view.table.rowHeight(0), view.table.font().pointSizeF()
    ctrl_wheel(view.table.viewport(), 120)
    ctrl_wheel(view.table.viewport(), 120)
    qtbot.waitUntil(lambda: _rows_fit(view))
    assert view.table.font().pointSizeF() > size + 1
    assert view.table.rowHeight(0) > height
    assert view.table.horizontalHeader().font().pointSizeF() == size  # the columns' names stay
    assert tab.captions.font().pointSizeF() == view.table.font().pointSizeF()
    larger = view.table.font().pointSizeF()
    for _ in range(3):  # a touchpad: a notch's worth in small moves, one size
        ctrl_wheel(tab.captions.viewport(), -40)
    assert size < view.table.font().pointSizeF() < larger
    assert window.settings.get_float(Key.TEXT_SIZE) == view.table.font().pointSizeF()


def test_a_correction_made_just_before_quitting_is_on_disk(qtbot, window: MainWindow, monkeypatch):
    """The corrections are written on a thread that would die with the process: quitting
    waits for it. (A slow disk, fault-injected, makes the write outlast the quit.)"""
    tab = _transcribed(qtbot, window)
    view = tab.transcript_view
    write = tab.session._write_files
    monkeypatch.setattr(
        tab.session, "_write_files", lambda transcript: (time.sleep(1.0), write(transcript))
    )
    editor = _edit(qtbot, view, 0)
    editor.selectAll()
    qtbot.keyClicks(editor, "And so, my fellow Brazilians, ask")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _texts(view)[0] == "And so, my fellow Brazilians, ask")

    assert window.close()
    assert "Brazilians" in (tab.session.folder / "transcript.txt").read_text()


def test_replace_all_reaches_exports_the_library_and_a_reopened_tab(
    qtbot, window: MainWindow, tmp_path
):
    tab = _transcribed(qtbot, window)
    view = tab.transcript_view
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = view.find_bar
    assert bar.isVisible() and bar.find_field.hasFocus()
    qtbot.keyClicks(bar.find_field, "COUNTRY")
    qtbot.keyClick(bar.find_field, Qt.Key.Key_Return)
    assert "country" in view.model.segment(view.selected_row).text.lower()
    qtbot.keyClicks(bar.replace_field, "nation")
    bar.replace_all_button.click()
    assert bar.result_label.text() == "2 replaced"
    text = " ".join(_texts(view))
    assert "country" not in text.lower() and text.count("nation") == 2
    for fmt in ("txt", "srt", "vtt", "json"):
        exported = tab.session.export(fmt, tmp_path / f"out.{fmt}").read_text()
        said = 4 if fmt == "json" else 2  # json: in the segment's text and its words
        assert exported.count("nation") == said and "country" not in exported, fmt
    assert _files(tab).count("nation") == 2 + 2 + 4  # txt, srt, json (text and words)
    words = json.loads((tab.session.folder / "transcript.json").read_text())["segments"]
    assert sum(w["text"].strip(" .,") == "nation" for s in words for w in s["words"]) == 2

    window.library.search.setText("nation")
    qtbot.waitUntil(lambda: window.library.table.rowCount() == 1)  # rescanned after the edit
    window.library.search.setText("country")
    assert window.library.table.rowCount() == 0
    session_id = tab.session.id
    window.close_tab(window.tabs.indexOf(tab))
    window.open_from_library(session_id)
    reopened = window.current_tab()
    assert reopened is not tab and reopened.session.id == session_id
    qtbot.waitUntil(lambda: "nation" in " ".join(_texts(reopened.transcript_view)))
    assert reopened.transcript_view.revert_button.isEnabled()


def test_doubtful_words_are_marked_and_the_played_word_lit():
    words = (Word(0.0, 0.5, " Olá", 0.95), Word(0.5, 1.2, " Embrapa", 0.2),
             Word(1.2, 2.0, " <sim>", 0.9))  # fmt: skip
    segment = Segment(0.0, 2.0, "Olá Embrapa <sim>", words)
    html = segment_html(segment)
    assert "Olá" in html and "&lt;sim&gt;" in html
    assert html.count("dotted") == 1 and 'dotted; color: #b35900;">Embrapa<' in html
    assert "#ffe066" in segment_html(segment, playing=0).split("Olá")[0]
    selected = segment_html(segment, selected=True)  # on the highlight: underlined, not orange
    assert 'dotted;">Embrapa<' in selected and "#b35900" not in selected
    model = TranscriptModel()
    model.set_transcript(Transcript("pt", 2.0, [segment]))
    assert model.index(0, TranscriptModel.TEXT).data(Qt.ItemDataRole.ToolTipRole) == (
        "Doubtful: Embrapa"
    )


def test_words_are_spaced_as_whisper_wrote_them(qtbot):
    """The view put a space between every two of Whisper's words: "quinta -feira", and
    Chinese, which Whisper writes without spaces, with a space between each word."""
    shown = QTextDocument()
    hyphenated = (Word(0.0, 0.3, " na", 0.9), Word(0.3, 0.8, " quinta", 0.9),
                  Word(0.8, 1.2, "-feira.", 0.3))  # fmt: skip
    shown.setHtml(segment_html(Segment(0.0, 1.2, "na quinta-feira.", hyphenated)))
    assert shown.toPlainText() == "na quinta-feira."
    chinese = (Word(0.0, 0.4, "我们", 0.9), Word(0.4, 0.8, "明天", 0.9),
               Word(0.8, 1.0, "见。", 0.9))  # fmt: skip
    shown.setHtml(segment_html(Segment(0.0, 1.0, "我们明天见。", chinese)))
    assert shown.toPlainText() == "我们明天见。"


@pytest.fixture
def heard_on_default_output(monitor):
    """Playback on the default output lands in the monitored test sink."""
    default = pactl("get-default-sink").strip()
    pactl("set-default-sink", PLAYBACK_SINK)
    yield monitor
    pactl("set-default-sink", default)


def test_click_a_time_to_play_that_segment_and_follow_its_words(
    qtbot, window: MainWindow, heard_on_default_output
):
    tab = _transcribed(qtbot, window)
    view = tab.transcript_view
    model = view.model
    editor = _edit(qtbot, view, 0)  # a second segment, from "ask not" on
    editor.setCursorPosition(editor.text().lower().index("ask not"))
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    start = model.segment(1).start
    assert start > 2.0

    clicked = time.monotonic()
    time_cell = view.table.visualRect(model.index(1, TranscriptModel.TIME)).center()
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=time_cell)
    player = view._player
    assert player is not None and player.playing
    assert view.playback_bar.play_button.text() == "Pause"
    lit: list[int] = []

    def word_lit() -> int:
        lit.append(model.index(1, TranscriptModel.TEXT).data(PLAYING_ROLE))
        return lit[-1]

    qtbot.waitUntil(lambda: word_lit() >= 3, timeout=5_000)  # the highlight moves on
    assert lit == sorted(lit) and len(set(lit)) >= 3
    recording = soundfile.read(tab.session.files["audio"], dtype="float32")[0]
    heard = heard_on_default_output.since(clicked)
    first, _ = sounding(heard)
    played = correlation(heard[first : first + 16_000], recording)  # the first second heard
    assert np.argmax(played) / 16_000 == pytest.approx(start, abs=0.1)  # from that segment

    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Space)  # pause
    assert not player.playing and player.paused
    paused_at = player.position
    qtbot.wait(300)
    assert player.position == paused_at and view.playback_bar.play_button.text() == "Play"
    qtbot.keyClick(view.table, Qt.Key.Key_Left)  # 5 s back, still paused
    assert player.position == pytest.approx(max(0.0, paused_at - 5), abs=0.05)
    view.playback_bar.speed_picker.setCurrentIndex(view.playback_bar.speed_picker.findData(1.5))
    qtbot.keyClick(view.table, Qt.Key.Key_Space)  # resume, faster
    assert player.playing and player.speed == 1.5
    started, at = time.monotonic(), player.position
    qtbot.wait(1000)
    rate = (player.position - at) / (time.monotonic() - started)
    assert 1.3 < rate < 1.7, rate
    qtbot.keyClick(view.table, Qt.Key.Key_Space)
    assert player.paused and not player.playing


def test_playing_one_tab_pauses_the_tab_that_played(qtbot, window: MainWindow):
    """Two recordings are never heard over each other: Play in a second tab pauses the first,
    which goes on from where it was when its Play is pressed again."""
    first = _transcribed(qtbot, window)
    second = _transcribed(qtbot, window, "en_mfa_acoustic_corpus")
    first.transcript_view.play_from(0.0)
    first_player = first.transcript_view._player
    assert first_player is not None
    qtbot.waitUntil(lambda: first_player.position > 0.5, timeout=5_000)

    window.tabs.setCurrentWidget(second)
    qtbot.mouseClick(second.transcript_view.playback_bar.play_button, Qt.MouseButton.LeftButton)

    second_player = second.transcript_view._player
    assert second_player is not None and second_player.playing
    assert first_player.paused and not first_player.playing
    assert first.transcript_view.playback_bar.play_button.text() == "Play"
    paused_at = first_player.position
    window.tabs.setCurrentWidget(first)
    qtbot.mouseClick(first.transcript_view.playback_bar.play_button, Qt.MouseButton.LeftButton)
    assert first_player.playing and first_player.position >= paused_at
    assert second_player.paused


def test_a_segment_changes_speaker_from_its_speaker_cell(qtbot, window: MainWindow):
    tab = _transcribed(qtbot, window, "en_picovoice_diarization_3spk", speakers="auto")
    view = tab.transcript_view
    model = view.model
    assert not view.table.isColumnHidden(TranscriptModel.SPEAKER)
    row = next(r for r in range(model.rowCount()) if "crocodile" in model.segment(r).text)
    cell = model.index(row, TranscriptModel.SPEAKER)
    before = cell.data()
    view.table.setCurrentIndex(cell)
    view.table.edit(cell)
    picker = view.table.indexWidget(cell) or QApplication.focusWidget()
    assert isinstance(picker, QComboBox)
    assert [picker.itemText(i) for i in range(picker.count())] == [
        "Speaker 1", "Speaker 2", "Speaker 3"
    ]  # fmt: skip
    other = next(i for i in range(picker.count()) if picker.itemText(i) != before)
    picker.setCurrentIndex(other)
    qtbot.keyClick(picker, Qt.Key.Key_Return)
    chosen = picker.itemText(other)
    qtbot.waitUntil(lambda: model.index(row, TranscriptModel.SPEAKER).data() == chosen)

    def labelled() -> bool:
        text = (tab.session.folder / "transcript.txt").read_text()
        return any(p.startswith(f"{chosen}: ") and "crocodile" in p for p in text.split("\n\n"))

    qtbot.waitUntil(labelled)  # saved off the GUI thread
    assert tab.speaker_list.names() == ["Speaker 1", "Speaker 2", "Speaker 3"]
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert model.index(row, TranscriptModel.SPEAKER).data() == before


@pytest.mark.logs(r"^Playback of audio\.wav ends early")
def test_a_recording_gone_since_it_last_played_says_so(qtbot, window: MainWindow, tmp_path):
    """The recording moved away (or deleted, damaged) after it played once: Play says why
    nothing is heard."""
    tab = _transcribed(qtbot, window)
    view = tab.transcript_view
    view.play_from(0.0)
    assert view._player is not None and view._player.playing
    view.pause_playback()
    audio = tab.session.files["audio"]
    audio.rename(tmp_path / "moved.wav")
    view.play_from(0.0)
    qtbot.waitUntil(lambda: "cannot be played" in tab.status_label.text(), timeout=5_000)
    assert tab.status_label.text().startswith(
        "The recording cannot be played: audio.wav could not be read: "
    )
    qtbot.waitUntil(lambda: view.playback_bar.play_button.text() == "Play", timeout=5_000)
    assert not view._player.playing


def test_what_the_user_types_survives_playback_a_join_and_an_undo(
    qtbot, window: MainWindow, heard_on_default_output
):
    """Found by using it: the word lit as the recording played reloaded the editor of its row
    every few hundred ms, wiping what was being typed there; Ctrl+J while typing joined the
    rows as they were, the typing lost; undoing a join left no row selected; a split at the
    very end of a text was an undo step that changed nothing; and Find's Previous with no
    row selected began at the next-to-last row."""
    tab = _transcribed(qtbot, window)
    view = tab.transcript_view
    editor = _edit(qtbot, view, 0)
    editor.setCursorPosition(editor.text().lower().index("ask not"))
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    rows = view.model.rowCount()
    assert rows >= 2

    view.play_from(view.model.segment(0).start)
    editor = _edit(qtbot, view, 0)
    editor.end(False)
    qtbot.keyClicks(editor, " typed")
    player, start = view._player, view.model.segment(0).start
    assert player is not None
    qtbot.waitUntil(lambda: player.position > start + 1.5)  # several words said meanwhile
    assert editor.text().endswith(" typed")
    view.pause_playback()

    qtbot.keyClick(editor, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert view.model.rowCount() == rows - 1
    assert "typed ask not" in _texts(view)[0].lower()
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert view.model.rowCount() == rows and view.selected_row == 0
    assert _texts(view)[0].endswith("Americans,")  # typing and join were one step, as a split

    steps = view.undo_stack.count()
    editor = _edit(qtbot, view, 0)
    editor.end(False)
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert view.undo_stack.count() == steps and view.model.rowCount() == rows

    view.table.clearSelection()
    view.find_text("a", backwards=True)  # in every row
    assert view.selected_row == rows - 1


def test_a_split_a_join_and_an_emptied_row_change_only_their_rows(qtbot, qtmodeltester):
    """Each reset the whole model: every row laid out again (0.7 s at 2,000 rows, a two-hour
    meeting) and the selection lost. Only the rows concerned change now."""
    from PySide6.QtWidgets import QTableView

    from transcrevai_desktop.core import transcript_edits as edits

    transcript = Transcript(
        "pt", 60.0, [Segment(i, i + 0.9, f"Frase {i} da reunião.") for i in range(50)]
    )
    model = TranscriptModel()
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    model.set_transcript(transcript)
    table.selectRow(30)
    table.setRowHeight(40, 77)  # as laid out for a long text
    changes: list[tuple[str, int, int]] = []
    model.rowsInserted.connect(lambda _, a, b: changes.append(("inserted", a, b)))
    model.rowsRemoved.connect(lambda _, a, b: changes.append(("removed", a, b)))
    model.modelReset.connect(lambda: changes.append(("reset", 0, 0)))

    split = edits.split(transcript, 10, len("Frase 10"))
    assert model.set_transcript(split) == range(10, 12)
    joined = edits.merge(split, 10)
    assert model.set_transcript(joined) == range(10, 11)
    emptied = edits.edit_text(joined, 20, "")
    assert model.set_transcript(emptied) == range(20, 20)
    renamed = edits.replace_all(emptied, "reunião", "aula")[0]  # every row anew: laid out all
    assert model.set_transcript(renamed) is None

    assert changes == [("inserted", 11, 11), ("removed", 11, 11), ("removed", 20, 20)]
    assert [model.segment(r).text for r in (10, 11, 20)] == [
        "Frase 10 da aula.",
        "Frase 11 da aula.",
        "Frase 21 da aula.",
    ]
    assert table.selectionModel().selectedRows()[0].row() == 29  # the same segment, row 30
    assert table.rowHeight(39) == 77
    qtmodeltester.check(model)
