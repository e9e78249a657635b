"""One exception type per failure a user can meet; each message is a sentence to show as is."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from transcrevai_desktop.core.pulse_sources import shown_device


class TranscrevaiError(Exception):
    """Base class: ``str(error)`` is a complete sentence fit for a dialog or the CLI."""


class ModelMissing(TranscrevaiError):
    """The requested model cannot be found, joined or loaded."""


class UnknownLanguage(TranscrevaiError):
    """A language asked for that the model does not know."""


class ModelDownloadFailed(TranscrevaiError):
    """A model could not be downloaded (no network, the hub refused, the connection broke
    off, a file arrived damaged, the disk would not take it). Nothing of it was kept; the
    model in use keeps working."""


class DownloadCancelled(Exception):
    """Not a failure: the user stopped a model download. Nothing of it was kept; nothing is
    shown to the user."""


class DeviceNotFound(TranscrevaiError):
    """No input device matches what the user asked for."""


class OutputDeviceNotFound(TranscrevaiError):
    """No output device can play a recording: none at all, none matching what the user asked
    for, or the one asked for cannot be opened."""


class DeviceLost(TranscrevaiError):
    """The input device failed or stopped delivering audio while recording."""

    @classmethod
    def disconnected(cls, device: str) -> DeviceLost:
        return cls(
            QCoreApplication.translate(
                "DeviceLost",
                "Microphone disconnected: '{device}' stopped delivering audio. What was recorded "
                "until then is kept and can be transcribed.",
            ).format(device=shown_device(device))
        )


class UnreadableAudio(TranscrevaiError):
    """A file is empty, truncated, not audio, or cannot be read."""


class StorageError(TranscrevaiError):
    """A file or folder could not be written (disk full, read-only, no permission)."""


class SessionInUse(TranscrevaiError):
    """Another process records or transcribes the session (another window, or the CLI)."""


class TranscriptionCancelled(Exception):
    """Not a failure: whoever started a transcription asked it to stop (its session was
    deleted). Nothing is shown to the user."""


class UnreadableVideo(TranscrevaiError):
    """A file given as a video is missing, not a video, holds no picture, or cannot be read."""


class UnsupportedVideoFormat(TranscrevaiError):
    """The chosen output format cannot hold what is asked (a text subtitle track, the
    original's codecs without re-encoding, or any video codec this FFmpeg can write)."""


class ExportCancelled(Exception):
    """Not a failure: the user stopped an export (a subtitled video) before its end. Nothing
    was written; nothing is shown to the user."""
