"""File → Open audio file…: which file, and how many people speak in it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from transcrevai_desktop.core.speakers import AUTO, SpeakerSetting
from transcrevai_desktop.settings import Key, Settings
from transcrevai_desktop.ui.file_dialogs import file_dialog
from transcrevai_desktop.ui.speaker_field import SpeakerField

MEDIA_PATTERNS = "*.wav *.mp3 *.flac *.ogg *.opus *.m4a *.aac *.wma *.mp4 *.mkv *.webm *.mov"


def ask_audio_file(parent: QWidget, settings: Settings) -> tuple[str, SpeakerSetting]:
    """Ask for an audio or video file and how many people speak in it (a Speakers picker
    below the file type). Returns ("", AUTO) when cancelled."""
    translate = QCoreApplication.translate
    filters = translate("OpenAudio", "Audio and video ({patterns});;All files (*)").format(
        patterns=MEDIA_PATTERNS
    )
    picker = SpeakerField(settings.get(Key.SPEAKERS))
    title = translate("OpenAudio", "Open audio file")
    start = settings.get(Key.OPEN_DIR) or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.HomeLocation
    )  # the folder of the last file opened, else home (not the process's working folder)
    dialog = file_dialog(
        parent, title, start, filters, [(translate("OpenAudio", "Speakers:"), picker)]
    )
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
            return "", AUTO
        chosen = dialog.selectedFiles()[0]
        settings.set(Key.OPEN_DIR, str(Path(chosen).parent))
        return chosen, picker.setting
    finally:
        dialog.deleteLater()
