"""File → Export → Video with subtitles…, for a session made from a video file: a copy with a
subtitle track, one with the captions burned in (with progress), and a cancelled burn that
leaves nothing behind."""

from __future__ import annotations

import threading
from pathlib import Path

import av
import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QPushButton

from tests.conftest import speech
from tests.test_video import frames, make_video, subtitles
from transcrevai_desktop.core.decoding import decode_file
from transcrevai_desktop.core.session import Session
from transcrevai_desktop.settings import Key
from transcrevai_desktop.ui.main_window import MainWindow
from transcrevai_desktop.ui.video_export_dialog import VideoExportDialog


def _answer(monkeypatch, path, burned: bool, font_size: int = 0) -> None:
    """Answer the next Video with subtitles dialog: save ``path``, burned or as a track."""

    def answer(dialog: VideoExportDialog) -> int:
        (dialog.burned_button if burned else dialog.track_button).setChecked(True)
        assert dialog.font_size.isEnabled() == burned
        dialog.font_size.setValue(font_size)
        dialog.path_field.setText(str(path))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(VideoExportDialog, "exec", answer)


def test_a_transcribed_video_exports_with_subtitles_as_a_track_or_burned(
    qtbot, window: MainWindow, monkeypatch, tmp_path
):
    video = make_video(tmp_path / "talk.mp4", sound=decode_file(speech("en_jfk").path))
    monkeypatch.setattr(MainWindow, "_ask_audio_file", lambda self: (str(video), "off"))
    window.settings.set(Key.LANGUAGE, "en")
    window.open_action.trigger()
    tab = window.current_tab()
    assert not window.exports.video_action.isEnabled()  # not before the transcript
    qtbot.waitUntil(lambda: tab.status_label.text() == "Transcript ready", timeout=120_000)
    # the window hears the same status in its own queued call, which may come a moment later
    qtbot.waitUntil(window.exports.video_action.isEnabled, timeout=5_000)

    soft = tmp_path / "out" / "talk.subtitled.mp4"
    soft.parent.mkdir()
    _answer(monkeypatch, soft, burned=False)
    with qtbot.waitSignal(window.exported, timeout=30_000):
        window.exports.video_action.trigger()
    said = " ".join(text for _, _, text in subtitles(soft)).lower()
    assert "fellow americans" in said

    burned = tmp_path / "out" / "talk.burned.mp4"
    _answer(monkeypatch, burned, burned=True, font_size=24)
    with qtbot.waitSignal(window.exported, timeout=120_000):
        window.exports.video_action.trigger()
    assert window.settings.get(Key.VIDEO_SUBTITLES) == "burned"  # remembered
    times, pictures = frames(burned)
    original_times, originals = frames(video)
    assert times == original_times
    cue = next(s for s in subtitles(soft) if s[1] - s[0] > 1)
    inside = next(i for i, t in enumerate(times) if cue[0] + 0.3 < t < cue[1] - 0.3)
    change = np.abs(pictures[inside].astype(int) - originals[inside].astype(int))
    assert (change[-60:] > 60).mean() > 0.01  # text drawn in the bottom band
    assert (change[:60] > 60).mean() < 0.001  # nothing at the top
    with av.open(str(burned)) as container:
        assert container.streams.audio  # the sound is kept


def _burning(qtbot, window: MainWindow, monkeypatch, tmp_path) -> tuple[Path, QProgressDialog]:
    """A video transcribed, and its subtitles being burned in: the file they go to and the
    progress shown."""
    video = make_video(tmp_path / "talk.mp4", sound=decode_file(speech("en_jfk").path))
    monkeypatch.setattr(MainWindow, "_ask_audio_file", lambda self: (str(video), "off"))
    window.open_action.trigger()
    tab = window.current_tab()
    qtbot.waitUntil(lambda: tab.status_label.text() == "Transcript ready", timeout=120_000)
    qtbot.waitUntil(window.exports.video_action.isEnabled, timeout=5_000)  # its own queued call
    out = tmp_path / "talk.subtitled.mp4"
    _answer(monkeypatch, out, burned=True)
    window.exports.video_action.trigger()
    progress = window.findChild(QProgressDialog)
    assert progress is not None and progress.isVisible()
    return out, progress


def test_quitting_during_a_burn_stops_it(qtbot, window: MainWindow, monkeypatch, tmp_path):
    """The burn would go on, minutes of CPU, in a process with no window left to stop it."""
    out, _ = _burning(qtbot, window, monkeypatch, tmp_path)
    assert window.close()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Cancelled", timeout=60_000)
    assert not out.exists() and list(tmp_path.glob("*.subtitled*")) == []


def test_cancelling_a_burn_leaves_no_file(qtbot, window: MainWindow, monkeypatch, tmp_path):
    out, progress = _burning(qtbot, window, monkeypatch, tmp_path)
    cancel = next(b for b in progress.findChildren(QPushButton) if b.text() == "Cancel")
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)  # at once: the burn has barely begun
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Cancelled", timeout=60_000)
    assert not out.exists() and list(tmp_path.glob("*.subtitled*")) == []


def test_an_export_does_not_wait_behind_a_burn(qtbot, window: MainWindow, monkeypatch, tmp_path):
    """A burn takes minutes (fault injection: this one is held until the test lets it go);
    a transcript exported meanwhile is saved at once, and the burn then ends."""
    held = threading.Event()
    export_video = Session.export_video

    def slow(*args, **kwargs):
        held.wait(60)
        return export_video(*args, **kwargs)

    monkeypatch.setattr(Session, "export_video", slow)
    out, progress = _burning(qtbot, window, monkeypatch, tmp_path)
    text = tmp_path / "talk.txt"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_: (str(text), ""))
    with qtbot.waitSignal(window.exported, timeout=10_000) as saved:
        window.exports.actions["txt"].trigger()
    assert saved.args == [[text]] and "fellow Americans" in text.read_text()
    assert progress.isVisible() and not held.is_set()  # the burn is still under way
    assert progress.labelText() == "Drawing the subtitles into talk.subtitled.mp4…"
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _, __, text: warned.append(text))
    _answer(monkeypatch, out, burned=False)  # the same file as a track: it replaced the burn
    window.exports.video_action.trigger()  # (not there yet, so "Replace?" was not asked)
    assert warned == ["talk.subtitled.mp4 is still being written: choose another name."]
    held.set()
    with qtbot.waitSignal(window.exported, timeout=120_000):
        pass
    assert out.exists() and not progress.isVisible()


def test_the_dialog_asks_before_replacing_and_needs_a_file_name(
    qtbot, window, monkeypatch, tmp_path
):
    video = tmp_path / "talk.mp4"
    video.write_bytes(b"not read here")
    dialog = VideoExportDialog(video, str(tmp_path), window.settings, window)
    said: list[str] = []
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes]

    def warning(parent, title, text, *_):
        said.append(text)
        return QMessageBox.StandardButton.Ok

    def question(parent, title, text, *_):
        said.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "warning", warning)
    monkeypatch.setattr(QMessageBox, "question", question)

    def save(path: str) -> bool:
        dialog.setResult(0)
        dialog.path_field.setText(path)
        dialog.accept()
        return dialog.result() == VideoExportDialog.DialogCode.Accepted

    assert not save("  ") and said[-1] == "Type the name of the file to save."
    assert not save(str(tmp_path)) and said[-1] == "Type the name of the file to save."
    assert not save(str(video)) and said[-1] == "That is the video itself: choose another name."
    taken = tmp_path / "talk.subtitled.mp4"
    taken.write_bytes(b"someone's")
    assert not save(str(taken)) and said[-1] == "talk.subtitled.mp4 already exists. Replace it?"
    assert save(str(taken)) and dialog.choice().path == taken
    assert save("mine.mp4") and dialog.choice().path == tmp_path / "mine.mp4"
    assert save("~/mine.mp4") and dialog.choice().path == Path.home() / "mine.mp4"
    assert len(said) == 5
