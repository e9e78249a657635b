"""Regenerate docs/screenshot.png: the real window, two tabs recording at once, live captions.

Run under a virtual screen:
    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshot.py
Each tab is fed a clip from ../shared/speech through the live pipeline at real-time pace (as
``record --input`` does), and the window is grabbed mid-recording.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from transcrevai_desktop.app import build_window
from transcrevai_desktop.settings import Key, Settings

REPO = Path(__file__).resolve().parent.parent
SPEECH = REPO.parent / "shared" / "speech"
CLIPS = [("ptbr_tts_corpus_20phrases.wav", "pt"), ("en_sonnet001_librivox.mp3", "en")]
GRAB_AFTER_S = 14


def main() -> int:
    sandbox = Path(tempfile.mkdtemp(prefix="transcrevai-shot-"))
    os.environ["XDG_CONFIG_HOME"] = str(sandbox / "config")  # never the user's preferences
    app = QApplication(sys.argv[:1])
    settings = Settings()
    settings.set(Key.LIBRARY_DIR, str(sandbox / "library"))
    window = build_window(settings)
    window.resize(1280, 640)
    window.show()
    window.manager.engine.model()
    window.model_state.emit(True, "")
    for (clip, language), name in zip(CLIPS, ("Aula de português", "Poetry reading"), strict=True):
        tab = window.new_recording()
        tab.session.rename(name)
        tab.language_picker.setCurrentIndex(tab.language_picker.findData(language))
        tab.session.start(input_file=SPEECH / clip, language=language)
    window.tabs.setCurrentIndex(0)
    out = REPO / "docs" / "screenshot.png"

    def grab() -> None:
        window.grab().save(str(out))
        for tab in window.session_tabs():
            tab.session.close()
        app.quit()

    QTimer.singleShot(GRAB_AFTER_S * 1000, grab)
    app.exec()
    window.manager.engine.wait()
    shutil.rmtree(sandbox, ignore_errors=True)
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
