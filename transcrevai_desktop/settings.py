"""Preferences, behind one small QSettings wrapper with an enum of keys."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QByteArray, QLocale, QSettings

from transcrevai_desktop.core.models import BUNDLED_MODEL
from transcrevai_desktop.core.subtitles import DEFAULT_LIMITS
from transcrevai_desktop.core.video import POSITIONS
from transcrevai_desktop.ui.languages import NAMES


class Key(StrEnum):
    MODEL = "engine/model"
    COMPUTE_TYPE = "engine/compute_type"
    MODEL_OFFERED = "engine/model_offered"  # "1" once a bigger model was offered
    LANGUAGE = "recording/language"  # a Whisper code, or "auto"
    DEVICE = "recording/device"  # a device name, or "" for the system default
    SYSTEM_AUDIO = "recording/system_audio"  # a call's other side: an input, "" the default's
    VOCABULARY = "recording/vocabulary"  # names and terms, as the user typed them
    SPEAKERS = "recording/speakers"  # "auto" or a count, as text (core.speakers.parse_speakers)
    LIBRARY_DIR = "library/folder"  # "" for the default library
    CLEANUP_HOURS = "library/cleanup_hours"
    LIBRARY_SORT = "library/sort"  # the column and order the library is sorted by (ListTable)
    EXPORT_DIR = "export/last_folder"
    OPEN_DIR = "open/last_folder"  # where the last audio or video file was opened from
    SUBTITLE_LINE_CHARS = "export/subtitle_line_chars"
    SUBTITLE_LINES = "export/subtitle_lines"
    VIDEO_SUBTITLES = "export/video_subtitles"  # "track" or "burned"
    VIDEO_FONT_SIZE = "export/video_font_size"  # pixels, 0: automatic
    VIDEO_POSITION = "export/video_position"  # core.video.POSITIONS
    TEXT_SIZE = "view/text_size"  # points of the captions and transcripts, 0: the interface's
    INTERFACE_LANGUAGE = "interface/language"  # "" for the system's, or translations.LANGUAGES'
    WINDOW_GEOMETRY = "window/geometry"  # QMainWindow.saveGeometry()
    WINDOW_STATE = "window/state"  # QMainWindow.saveState(): the library panel's place
    CAPTION_WINDOW_GEOMETRY = "captions_window/geometry"  # View → Captions on top's place
    CAPTION_WINDOW_SHOWN = "captions_window/shown"  # "1": open at the last quit


def _system_language() -> str:
    """The user's own language if Whisper knows it, else auto-detect."""
    code = QLocale.system().name().split("_")[0]
    return code if code in NAMES else "auto"


_DEFAULTS: dict[Key, object] = {
    Key.MODEL: BUNDLED_MODEL,
    Key.COMPUTE_TYPE: "int8",
    Key.MODEL_OFFERED: "",
    Key.DEVICE: "",
    Key.SYSTEM_AUDIO: "",
    Key.VOCABULARY: "",
    Key.SPEAKERS: "auto",
    Key.LIBRARY_DIR: "",
    Key.CLEANUP_HOURS: 24.0,
    Key.LIBRARY_SORT: "",
    Key.EXPORT_DIR: "",
    Key.OPEN_DIR: "",
    Key.SUBTITLE_LINE_CHARS: DEFAULT_LIMITS.line_chars,
    Key.SUBTITLE_LINES: DEFAULT_LIMITS.lines,
    Key.VIDEO_SUBTITLES: "track",
    Key.VIDEO_FONT_SIZE: 0,
    Key.VIDEO_POSITION: POSITIONS[0],
    Key.TEXT_SIZE: 0.0,
    Key.INTERFACE_LANGUAGE: "",
    Key.CAPTION_WINDOW_SHOWN: "",
}


def library_folder(typed: str) -> Path:
    """The folder a recordings folder typed in Preferences names: "~" is the home folder, and
    a relative path lies in it (not in whichever folder the app was started from)."""
    return Path.home() / Path(typed).expanduser()


class Settings:
    def __init__(self) -> None:
        self._store = QSettings("TranscrevAI", "TranscrevAI Desktop")

    def get(self, key: Key) -> str:
        default = _system_language() if key is Key.LANGUAGE else _DEFAULTS[key]
        return str(self._store.value(key.value, default))

    def get_float(self, key: Key) -> float:
        try:
            return float(self.get(key))
        except ValueError:
            return float(_DEFAULTS[key])  # type: ignore[arg-type]

    def library_dir(self) -> Path | None:
        """The recordings folder the user chose (None: the default)."""
        folder = self.get(Key.LIBRARY_DIR)
        return library_folder(folder) if folder else None

    def get_bytes(self, key: Key) -> bytes:
        """A saved ``QByteArray`` (window layout), empty when none was saved."""
        value = self._store.value(key.value)
        return bytes(value.data()) if isinstance(value, QByteArray) else b""

    def set(self, key: Key, value: object) -> None:
        self._store.setValue(key.value, value)

    def reset(self) -> None:
        """Back to every default."""
        self._store.clear()
