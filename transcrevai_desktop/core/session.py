"""One recording session: its status, its files, its live captions and its final pass."""

from __future__ import annotations

import json
import logging
import threading
import time
from datetime import datetime
from enum import StrEnum
from pathlib import Path

import soundfile
from PySide6.QtCore import QCoreApplication, QObject, Signal

from transcrevai_desktop.core.capture import FileSource, MicrophoneSource
from transcrevai_desktop.core.engine import Engine
from transcrevai_desktop.core.errors import StorageError, TranscrevaiError
from transcrevai_desktop.core.exporters import write_transcript
from transcrevai_desktop.core.files import atomic_write_text
from transcrevai_desktop.core.library import AUDIO_FILE, METADATA_FILE, TRANSCRIPT_STEM
from transcrevai_desktop.core.recorder import WavRecorder
from transcrevai_desktop.core.streaming import CaptionEvent, StreamingTranscriber

log = logging.getLogger(__name__)

FINAL_FORMATS = ("txt", "srt", "json")


class SessionStatus(StrEnum):
    """idle → recording (⇄ paused) → processing → complete | error.

    ``interrupted``: the recording stopped without a final pass (the session was closed while
    recording); its audio is kept and can be transcribed later.
    """

    IDLE = "idle"
    RECORDING = "recording"
    PAUSED = "paused"
    PROCESSING = "processing"
    COMPLETE = "complete"
    ERROR = "error"
    INTERRUPTED = "interrupted"


CAPTURING = (SessionStatus.RECORDING, SessionStatus.PAUSED)
BUSY = (*CAPTURING, SessionStatus.PROCESSING)


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


class Session(QObject):
    """State lives here; widgets and the CLI connect to the signals and call the intents."""

    status_changed = Signal(str, str)  # status, message (the error's sentence on ``error``)
    caption = Signal(object)  # CaptionEvent
    level = Signal(float)  # input level, dBFS, about 20 times a second while recording
    progress = Signal(float)  # final pass, 0..1

    def __init__(self, session_id: str, folder: Path, engine: Engine) -> None:
        super().__init__()
        app = QCoreApplication.instance()
        if app is not None:
            self.moveToThread(app.thread())  # signals reach the GUI thread, whoever created us
        self.id = session_id
        self.folder = Path(folder)
        self.engine = engine
        self.created_at = _now()
        self.name = datetime.now().strftime("%Y-%m-%d %H:%M")
        self.started_at: str | None = None
        self.ended_at: str | None = None
        self.device: str | None = None
        self.language: str | None = None  # what the user asked for; None: detect
        self.detected_language: str | None = None
        self.status = SessionStatus.IDLE
        self.message = ""
        self.files: dict[str, Path] = {"metadata": self.folder / METADATA_FILE}
        self.last_activity = time.time()
        self.committed: list[CaptionEvent] = []
        self.tentative: CaptionEvent | None = None
        self._lock = threading.RLock()
        self._recorder: WavRecorder | None = None
        self._transcriber: StreamingTranscriber | None = None
        self.save_metadata()

    # -- state ----------------------------------------------------------------------------
    def touch(self) -> None:
        self.last_activity = time.time()

    def _live_language(self) -> str | None:
        return self._transcriber.language if self._transcriber else None

    @property
    def audio_origin(self) -> float | None:
        """``time.monotonic()`` at which audio time 0 was captured (None before any audio).

        Devices start delivering late (ALSA's PulseAudio plugin: about a second), so this, not
        the moment Record was pressed, is when audio time and caption times line up."""
        return self._recorder.first_sample_at if self._recorder else None

    @property
    def recorded_seconds(self) -> float:
        return self._recorder.seconds if self._recorder else 0.0

    @property
    def caption_lag(self) -> float:
        """Seconds of audio the live captions have not looked at yet."""
        transcriber = self._transcriber
        return transcriber.backlog_seconds if transcriber and not transcriber.closed else 0.0

    @property
    def committed_text(self) -> str:
        with self._lock:
            return " ".join(event.text for event in self.committed if event.text)

    def _set_status(self, status: SessionStatus, message: str = "") -> None:
        with self._lock:
            self.status, self.message = status, message
            if status not in BUSY and self.started_at and not self.ended_at:
                self.ended_at = _now()
            try:
                self.save_metadata()
            except StorageError as error:
                log.error("%s", error)
        log.info("Session %s: %s %s", self.id, status.value, message)
        self.status_changed.emit(status.value, message)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "created_at": self.created_at,
            "started_at": self.started_at,
            "ended_at": self.ended_at,
            "duration": round(self.recorded_seconds, 2),
            "device": self.device,
            "language": self.language or self.detected_language or self._live_language(),
            "model": self.engine.settings.model,
            "status": self.status.value,
            "message": self.message,
            "files": {kind: path.name for kind, path in self.files.items()},
        }

    def save_metadata(self) -> None:
        atomic_write_text(self.files["metadata"], json.dumps(self.to_dict(), indent=2) + "\n")

    # -- intents --------------------------------------------------------------------------
    def start(
        self,
        device: str | int | None = None,
        language: str | None = None,
        input_file: Path | None = None,
    ) -> None:
        """Start recording from ``device`` (or feed ``input_file`` at real-time pace).

        Raises a ``TranscrevaiError`` (device not found, unreadable file, unwritable folder)
        and stays ``idle`` if the recording cannot start.
        """
        with self._lock:
            if self.status is not SessionStatus.IDLE:
                raise TranscrevaiError("This session has already been recorded.")
            source = FileSource(Path(input_file)) if input_file else MicrophoneSource(device)
            self.language = language
            transcriber = StreamingTranscriber(
                self.engine.transcribe_window, self._on_caption, language
            )
            recorder = WavRecorder(
                self.folder / AUDIO_FILE,
                source,
                on_audio=self._on_audio,
                on_level=self.level.emit,
                on_end=self._on_recording_end,
            )
            self._transcriber, self._recorder = transcriber, recorder
            self.device = source.description
            self.started_at = _now()
            self.files["audio"] = recorder.path
            self.engine.live.add(transcriber, self._on_live_closed)
            try:
                recorder.start()
            except TranscrevaiError:
                transcriber.close()
                self.engine.live.wake()
                self.started_at = None
                raise
            self._set_status(SessionStatus.RECORDING)

    def pause(self) -> None:
        with self._lock:
            if self.status is SessionStatus.RECORDING and self._recorder:
                self._recorder.pause()
                self._set_status(SessionStatus.PAUSED)

    def resume(self) -> None:
        with self._lock:
            if self.status is SessionStatus.PAUSED and self._recorder:
                self._recorder.resume()
                self._set_status(SessionStatus.RECORDING)

    def stop(self) -> None:
        """Stop recording; live captions flush, then the final pass writes the transcript."""
        with self._lock:
            if self.status not in CAPTURING:
                return
            self._set_status(SessionStatus.PROCESSING)
        self._end_capture()

    def close(self) -> None:
        """Stop capture without a final pass (session deleted or dropped); keep the audio."""
        with self._lock:
            capturing = self.status in CAPTURING
            if capturing:
                self._set_status(SessionStatus.INTERRUPTED)
        if capturing:
            self._end_capture()

    def _end_capture(self) -> None:
        if self._recorder is not None:
            self._recorder.stop()
        if self._transcriber is not None:
            self._transcriber.close()
            self.engine.live.wake()

    # -- callbacks from the core's threads -------------------------------------------------
    def _on_audio(self, audio) -> None:
        assert self._transcriber is not None
        self._transcriber.feed(audio)
        self.engine.live.wake()

    def _on_recording_end(self, error: TranscrevaiError | None) -> None:
        """The source ended by itself (file done) or failed (device lost, disk full)."""
        with self._lock:
            if self.status not in CAPTURING:
                return
            if error is None:
                self._set_status(SessionStatus.PROCESSING)
            else:
                self._set_status(SessionStatus.ERROR, str(error))
        if self._transcriber is not None:
            self._transcriber.close()
            self.engine.live.wake()

    def _on_caption(self, event: CaptionEvent) -> None:
        with self._lock:
            if event.kind == "committed":
                self.committed.append(event)
            else:
                self.tentative = event
        self.caption.emit(event)

    def _on_live_closed(self) -> None:
        if self.status is SessionStatus.PROCESSING:
            self.engine.submit(self._final_pass)

    def _final_pass(self) -> None:
        try:
            audio_path = self.files["audio"]
            try:
                audio, _ = soundfile.read(audio_path, dtype="float32")
            except (OSError, soundfile.SoundFileError) as error:
                raise StorageError(
                    f"The recording {audio_path} cannot be read: {error}."
                ) from error
            transcript = self.engine.transcribe(audio, self.language, progress=self.progress.emit)
            for fmt in FINAL_FORMATS:
                path = self.folder / f"{TRANSCRIPT_STEM}.{fmt}"
                write_transcript(transcript, path, fmt)
                self.files[{"txt": "transcript", "srt": "subtitles", "json": "segments"}[fmt]] = (
                    path
                )
            self.detected_language = transcript.language
            self._set_status(SessionStatus.COMPLETE)
        except TranscrevaiError as error:
            self._set_status(SessionStatus.ERROR, str(error))
        except Exception as error:
            log.exception("Final pass of %s failed", self.id)
            self._set_status(SessionStatus.ERROR, f"The transcription failed: {error}.")
