"""Regenerate docs/screenshot.png: the real window in Brazilian Portuguese, a finished
transcript under review while it plays; with ``live``, docs/screenshot-live.png: two tabs
recording at once, live captions.

Run under a virtual screen, with a sound server to play to:
    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshot.py [live]
Each tab is fed a clip from ../shared/speech through the live pipeline at real-time pace (as
``record --input`` does), and the window is grabbed mid-recording. For the review, a
Portuguese clip is transcribed as Open audio file does, and the window grabbed while the
recording plays from the second segment.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from transcrevai_desktop.app import build_window
from transcrevai_desktop.settings import Key, Settings
from transcrevai_desktop.translations import install_translations
from transcrevai_desktop.ui.main_window import MainWindow

REPO = Path(__file__).resolve().parent.parent
SPEECH = REPO.parent / "shared" / "speech"
CLIPS = [("ptbr_tts_corpus_20phrases.wav", "pt"), ("en_sonnet001_librivox.mp3", "en")]
GRAB_AFTER_S = 14
REVIEW_CLIP = ("ptbr_tts_corpus_20phrases.wav", "pt")


def review(window: MainWindow, out: Path, done: Callable[[], None]) -> None:
    """Transcribe the review clip, play it, and grab the window."""
    tab = window.new_recording()
    clip, language = REVIEW_CLIP
    tab.session.transcribe_file(SPEECH / clip, language)

    def play() -> None:
        if tab.session.status.value != "complete":
            QTimer.singleShot(500, play)
            return
        view = tab.transcript_view
        view.select_row(1)
        view.play_selected()
        QTimer.singleShot(1500, grab)

    def grab() -> None:
        window.grab().save(str(out))
        tab.transcript_view.pause_playback()
        done()

    play()


def record(window: MainWindow, out: Path, done: Callable[[], None]) -> None:
    """Two tabs recording at once; the window grabbed mid-recording."""
    for (clip, language), name in zip(CLIPS, ("Aula de português", "Poetry reading"), strict=True):
        tab = window.new_recording()
        tab.session.rename(name)
        tab.language_picker.setCurrentIndex(tab.language_picker.findData(language))
        tab.session.start(input_file=SPEECH / clip, language=language)
    window.tabs.setCurrentIndex(0)

    def grab() -> None:
        window.grab().save(str(out))
        for tab in window.session_tabs():
            tab.session.close()
        done()

    QTimer.singleShot(GRAB_AFTER_S * 1000, grab)


def main() -> int:
    live = sys.argv[1:] == ["live"]
    sandbox = Path(tempfile.mkdtemp(prefix="transcrevai-shot-"))
    os.environ["XDG_CONFIG_HOME"] = str(sandbox / "config")  # never the user's preferences
    app = QApplication(sys.argv[:1])
    settings = Settings()
    settings.set(Key.LIBRARY_DIR, str(sandbox / "library"))
    settings.set(Key.MODEL_OFFERED, "1")  # no offer of a bigger model over the window
    install_translations("pt_BR")
    window = build_window(settings)
    window.resize(1280, 640)
    window.show()
    window.manager.engine.model()
    window.model_state.emit(True, "")
    out = REPO / "docs" / ("screenshot-live.png" if live else "screenshot.png")
    (record if live else review)(window, out, app.quit)
    app.exec()
    window.manager.engine.wait()
    shutil.rmtree(sandbox, ignore_errors=True)
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
