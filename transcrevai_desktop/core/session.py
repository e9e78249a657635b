"""One recording session: its status, its files, its live captions and its final pass."""

from __future__ import annotations

import contextlib
import json
import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QObject, Signal

from transcrevai_desktop.core.call_source import CallSource, channel_names
from transcrevai_desktop.core.capture import (
    AudioSource,
    FileSource,
    MicrophoneSource,
    file_device,
)
from transcrevai_desktop.core.decoding import decode_to_wav
from transcrevai_desktop.core.engine import Engine
from transcrevai_desktop.core.errors import (
    SessionInUse,
    StorageError,
    TranscrevaiError,
    TranscriptionCancelled,
)
from transcrevai_desktop.core.exporters import FORMATS, write_transcript
from transcrevai_desktop.core.files import atomic_copy, atomic_write_text, sync_folder
from transcrevai_desktop.core.folder_lock import FolderLock
from transcrevai_desktop.core.library import (
    AUDIO_FILE,
    FINAL_FILES,
    METADATA_FILE,
    TRANSCRIPT_STEM,
    remove_if_empty,
    safe_filename,
)
from transcrevai_desktop.core.recorder import WavRecorder
from transcrevai_desktop.core.recovery import repair_wav
from transcrevai_desktop.core.speakers import AUTO, CHANNELS, SpeakerSetting, parse_speakers
from transcrevai_desktop.core.streaming import (
    CaptionEvent,
    StreamingTranscriber,
    as_shown,
    join_captions,
)
from transcrevai_desktop.core.subtitles import DEFAULT_LIMITS, CueLimits, build_cues
from transcrevai_desktop.core.transcript import Speaker, Transcript, default_name, is_default_name
from transcrevai_desktop.core.video import burned_subtitled, has_picture, soft_subtitled

log = logging.getLogger(__name__)

ORIGINAL_TRANSCRIPT = "transcript.original.json"  # the final pass's, once the user corrects it
CHANNEL_SPEAKERS = 2  # channels a microphone is opened with when each channel is a person
EXPORT_FORMATS = ("wav", *FORMATS)


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
UNFINISHED = (*BUSY, SessionStatus.INTERRUPTED)  # on disk: audio with no final pass yet
# a recording whose final pass can be run again (``transcribe_recording``), its audio kept:
# cut short, or ended by an error (a device lost, a final pass that failed)
TRANSCRIBABLE = (SessionStatus.INTERRUPTED, SessionStatus.ERROR)


def in_use_error() -> SessionInUse:
    """What is said of a session another process records or transcribes."""
    return SessionInUse(
        QCoreApplication.translate(
            "SessionInUse",
            "This recording is being recorded or transcribed in another TranscrevAI window. "
            "Open it there, or here once it is done.",
        )
    )


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def default_session_name() -> str:
    """A new session's name, the moment it was created as the user writes a date and time: in
    the locale's short format (pt_BR "29/11/2026 14:05", the library's date column alike), or
    "2026-11-29 14:05" where no locale is set (the C locale's "29 11 2026 14:05" reads badly).
    Kept in session.json as is; nothing parses it back (exports use it for file names through
    ``safe_filename``)."""
    now = QDateTime.currentDateTime()
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return now.toString("yyyy-MM-dd HH:mm")
    # en_US writes "2:05\u202fPM": a plain space, as a user would type it in a file name
    return locale.toString(now, QLocale.FormatType.ShortFormat).replace("\u202f", " ")


class Session(QObject):
    """State lives here; widgets and the CLI connect to the signals and call the intents.

    Its folder (``kept``) is made only when it has something to keep: when a recording
    starts, with session.json before any audio (recovery reads it after a crash), or when a
    file is opened. A session that never records writes nothing, and a start or an import
    that fails removes the folder again.
    """

    status_changed = Signal(str, str)  # status, message (the error's sentence on ``error``)
    caption = Signal(object)  # CaptionEvent
    level = Signal(float)  # input level, dBFS, about 20 times a second while recording
    progress = Signal(float)  # final pass, 0..1
    corrections_saved = Signal(str)  # "" once changes to the transcript are on disk, else why not

    def __init__(
        self,
        session_id: str,
        folder: Path,
        engine: Engine,
        metadata: dict[str, Any] | None = None,
    ) -> None:
        """A new session (no folder yet), or with ``metadata`` (its session.json) a past one
        reopened from ``folder``."""
        super().__init__()
        app = QCoreApplication.instance()
        if app is not None:
            self.moveToThread(app.thread())  # signals reach the GUI thread, whoever created us
        self.id = session_id
        self.folder = Path(folder)
        self.engine = engine
        # when it was recorded (or imported) and named after: set again when that starts,
        # since a tab may wait hours (the one the window opens with) before it records
        self.created_at = _now()
        self.name = default_session_name()
        self._named = False  # named by the user: the name stays when recording starts
        self.started_at: str | None = None
        self.ended_at: str | None = None
        self.device: str | None = None
        self.language: str | None = None  # what the user asked for; None: detect
        self.detected_language: str | None = None
        self.vocabulary: tuple[str, ...] = ()  # names and terms Whisper should spell right
        self.speakers: SpeakerSetting = AUTO  # how the final pass labels speakers
        self.channel_names: tuple[str, ...] = ()  # of a call: ("You", "Others")
        self.source: Path | None = None  # the file a transcribed file's session was made from
        self.model = engine.settings.model  # that made its transcript (or will)
        self.status = SessionStatus.IDLE
        self.message = ""
        self.files: dict[str, Path] = {"metadata": self.folder / METADATA_FILE}
        self.last_activity = time.time()
        self.committed: list[CaptionEvent] = []  # as they came, revised or not
        self.revisions: dict[int, CaptionEvent] = {}  # by utterance
        self._lock = threading.RLock()
        self._depth = 0  # how deep this thread holds the lock through ``_changing``
        self._untold: list[tuple[str, str]] = []  # status changes to tell once it is released
        self._recorder: WavRecorder | None = None
        self._transcriber: StreamingTranscriber | None = None
        self._imported_seconds = 0.0
        self._importing = False  # a file's audio is being imported (``transcribe_file``)
        self._transcript: Transcript | None = None
        self._unsaved: Transcript | None = None  # a change waiting to be written
        self._original: Transcript | None = None  # the final pass's own, once corrected here
        self._saver: threading.Thread | None = None  # writes changes, the newest only
        self._discarded = False  # its files are being deleted: write nothing more
        self._live_open = False  # live captions still finishing: the final pass waits for them
        self._final_queued = False  # the final pass was handed to the engine (once per request)
        self._skip_final = False  # the final pass asked not to run, or to stop
        # held while busy (recording, transcribing): other processes leave the folder alone
        self._hold = FolderLock(self.folder)
        if metadata is not None:
            self._restore(metadata)
        self._edited = self.original_path.is_file()  # corrected (here or before): revertible
        if metadata is None:
            self.save_metadata()
        elif self.to_dict() != metadata:  # reopened and changed: busy no more, audio repaired
            try:
                self.save_metadata()
            except StorageError as error:  # a library on a read-only disk opens all the same
                log.warning("%s", error)

    def _restore(self, data: dict[str, Any]) -> None:
        """Take back a past session's state. One that was still busy when its process ended
        (or whose status is unknown) is ``interrupted``: its audio is kept, and if it was
        recording, the .wav header is repaired to count every frame on disk."""
        for attribute in ("name", "created_at", "started_at", "ended_at", "device", "message"):
            setattr(self, attribute, data.get(attribute) or getattr(self, attribute))
        self.detected_language = data.get("language")
        self.vocabulary = tuple(str(term) for term in data.get("vocabulary") or ())
        self.channel_names = tuple(str(name) for name in data.get("channels") or ())
        self.source = Path(data["source"]) if data.get("source") else None
        self.model = str(data.get("model") or self.model)
        try:
            self.speakers = parse_speakers(data.get("speakers", AUTO))
        except TranscrevaiError:
            log.warning("Unknown speaker setting in %s; counting speakers", self.folder)
        self._imported_seconds = float(data.get("duration") or 0.0)
        try:
            status = SessionStatus(data.get("status", "idle"))
        except ValueError:
            status = SessionStatus.PROCESSING  # unknown: treat as unfinished
        self.status = SessionStatus.INTERRUPTED if status in BUSY else status
        for kind, name in (data.get("files") or {}).items():
            if (self.folder / Path(name).name).is_file():
                self.files[kind] = self.folder / Path(name).name
        if status in CAPTURING and "audio" in self.files:  # its process died while recording
            try:
                self._imported_seconds = repair_wav(self.files["audio"])
            except StorageError as error:
                log.error("%s", error)

    # -- state ----------------------------------------------------------------------------
    @property
    def in_use(self) -> bool:
        """Busy, or about to be: its folder is locked as it starts recording or transcribing,
        before its status says so (the idle clean-up dropped a session starting to record)."""
        return self.status in BUSY or self._hold.holding

    def move_to(self, folder: Path) -> None:
        """Keep the session in ``folder`` instead, if it has kept nothing yet (the library
        folder changed while its tab waited to record)."""
        with self._lock:
            if not self.kept:
                self.folder = Path(folder)
                self.files["metadata"] = self.folder / METADATA_FILE
                self._hold = FolderLock(self.folder)

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
        return self._recorder.seconds if self._recorder else self._imported_seconds

    @property
    def input_gain(self) -> float:
        """What the live captions multiply a quiet input's audio by now (``core.gain``; 1:
        nothing)."""
        transcriber = self._transcriber
        return transcriber.gain if transcriber and not transcriber.closed else 1.0

    @property
    def caption_lag(self) -> float:
        """Seconds of audio the live captions have not looked at yet."""
        transcriber = self._transcriber
        return transcriber.backlog_seconds if transcriber and not transcriber.closed else 0.0

    @property
    def captions_skipped(self) -> float:
        """Seconds of audio the live captions skipped to keep up (all of it is recorded)."""
        return self._transcriber.skipped_seconds if self._transcriber else 0.0

    @property
    def committed_text(self) -> str:
        """The committed live text as it came, before any revision."""
        with self._lock:
            return join_captions(self.committed)

    def captions(self) -> list[CaptionEvent]:
        """The live captions as shown: each utterance's committed events, or its revision
        once it came."""
        with self._lock:
            return as_shown(self.committed, self.revisions)

    def captions_and_sources(self) -> tuple[list[CaptionEvent], list[CaptionEvent]]:
        """``captions()`` and every committed event so far, read at once: a view that connects
        to ``caption`` and then reads these can tell the events it receives that it has."""
        with self._lock:
            return self.captions(), list(self.committed)

    @property
    def caption_text(self) -> str:
        """The live text as shown, revisions applied."""
        return join_captions(self.captions())

    @contextlib.contextmanager
    def _changing(self) -> Iterator[None]:
        """The session's lock, its status changes told once it is released, so a slot may
        take the lock from any thread (stop, delete or read the session) without waiting
        for the thread that changed it."""
        with self._lock:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                told: list[tuple[str, str]] = []
                if self._depth == 0:
                    told, self._untold = self._untold, []
        for status, message in told:
            log.info("Session %s: %s %s", self.id, status, message)
            self.status_changed.emit(status, message)

    def _set_status(self, status: SessionStatus, message: str = "") -> None:
        """Change the status (told when the lock is released: see ``_changing``)."""
        with self._changing():
            self.status, self.message = status, message
            if status not in BUSY and self.started_at and not self.ended_at:
                self.ended_at = _now()
            try:
                self.save_metadata()
            except StorageError as error:
                log.error("%s", error)
            self._untold.append((status.value, message))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "created_at": self.created_at,
            "started_at": self.started_at,
            "ended_at": self.ended_at,
            "duration": round(self.recorded_seconds, 2),
            "device": self.device,
            "language": self.language or self.detected_language or self._live_language(),
            "vocabulary": list(self.vocabulary),
            "speakers": self.speakers,
            "channels": list(self.channel_names),
            "source": str(self.source) if self.source else None,
            "model": self.model,
            "status": self.status.value,
            "message": self.message,
            "files": {kind: path.name for kind, path in self.files.items()},
        }

    @property
    def kept(self) -> bool:
        """Whether the session has its folder on disk: once it has recorded or opened a file
        (or was reopened from the library); never for a tab that only sat idle."""
        return self.folder.is_dir()

    def save_metadata(self) -> None:
        """Write session.json, if the session has its folder (``kept``); until then the
        metadata waits in memory and is written with the folder."""
        self._write_metadata(self.status)

    def _write_metadata(self, status: SessionStatus) -> None:
        """session.json saying ``status`` (ahead of ``self.status`` while a recording starts)."""
        busy = status in BUSY
        try:
            if self._discarded or not self.kept:
                return
            if busy and not self._hold.acquire():
                log.warning("%s is held by another process too", self.folder)
            data = {**self.to_dict(), "status": status.value}
            atomic_write_text(self.files["metadata"], json.dumps(data, indent=2) + "\n")
        finally:
            if not busy:  # however the write went: busy no more, the folder is free
                self._hold.release()

    def _make_folder(self) -> None:
        """Make the session's folder, now that it has something to keep; ``StorageError`` if
        the library cannot hold it."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            sync_folder(self.folder.parent)
        except OSError as error:
            raise StorageError(
                QCoreApplication.translate(
                    "StorageError", "Could not create a recording folder in {folder}: {reason}."
                ).format(folder=self.folder.parent, reason=error.strerror)
            ) from error

    # -- intents --------------------------------------------------------------------------
    def start(
        self,
        device: str | int | None = None,
        language: str | None = None,
        input_file: Path | None = None,
        vocabulary: Sequence[str] = (),
        speakers: SpeakerSetting = AUTO,
        system_audio: str | None = None,
    ) -> None:
        """Start recording from ``device`` (or feed ``input_file`` at real-time pace), with
        ``vocabulary`` (names and terms) given to Whisper in every pass; the final pass labels
        ``speakers`` (see ``core.speakers``). With ``system_audio`` (an input that hears what
        the computer plays) the recording is a call: the microphone on channel 1 ("You"), the
        system audio on channel 2 ("Others"), each transcribed and labelled on its own.

        The session's folder and its session.json (saying ``recording``) are written before
        the first audio, so a crash leaves a recording that recovery finds.

        Raises a ``TranscrevaiError`` (device not found, unreadable file, unwritable folder)
        and stays ``idle``, with no folder, if the recording cannot start.
        """
        speakers = CHANNELS if system_audio else parse_speakers(speakers)
        by_channel = speakers == CHANNELS  # each channel a person: keep them apart
        # The devices are looked up before the lock: the sound server may take seconds to
        # answer, and the call's thread takes the lock when a device is lost.
        source: AudioSource
        if input_file:
            source = FileSource(Path(input_file), keep_channels=by_channel)
        elif system_audio:
            source = CallSource(
                MicrophoneSource(device),
                MicrophoneSource(system_audio),
                on_lost=self._on_input_lost,
            )
        else:
            source = MicrophoneSource(device, channels=CHANNEL_SPEAKERS if by_channel else 1)
        failed: list[StreamingTranscriber] = []  # closed once the lock is released (see below)
        try:
            with self._changing():
                self._start(source, language, vocabulary, speakers, bool(system_audio), failed)
        finally:
            for transcriber in failed:  # closing wakes the scheduler, which runs other
                transcriber.close()  # sessions' callbacks: never under this session's lock
                self.engine.live.wake()

    def _start(
        self,
        source: AudioSource,
        language: str | None,
        vocabulary: Sequence[str],
        speakers: SpeakerSetting,
        call: bool,
        failed: list[StreamingTranscriber],
    ) -> None:
        """``start``'s part under the lock; a live transcriber whose recording could not
        start is put in ``failed``."""
        if self.status is not SessionStatus.IDLE:
            raise TranscrevaiError(
                QCoreApplication.translate(
                    "TranscrevaiError", "This session has already been recorded."
                )
            )
        self.channel_names = channel_names() if call else ()
        self.language = language
        self.vocabulary = tuple(vocabulary)
        self.speakers = speakers
        transcriber = StreamingTranscriber(
            self.engine.transcribe_window,
            self._on_caption,
            language,
            revise=self.engine.transcribe_utterance if self.engine.settings.revise else None,
            vocabulary=self.vocabulary,
        )
        recorder = WavRecorder(
            self.folder / AUDIO_FILE,
            source,
            on_audio=self._on_audio,
            on_level=self.level.emit,
            on_end=self._on_recording_end,
            keep_channels=speakers == CHANNELS,
        )
        self._transcriber, self._recorder = transcriber, recorder
        self.device = source.description
        self.started_at = self.created_at = _now()
        if not self._named:
            self.name = default_session_name()
        self.files["audio"] = recorder.path
        try:
            self._make_folder()
            self._write_metadata(SessionStatus.RECORDING)  # before any audio: see recovery
            self._live_open = True
            self.engine.live.add(transcriber, self._on_live_closed)
            try:
                recorder.start()
            except BaseException:
                failed.append(transcriber)
                raise
        except BaseException:
            self.started_at = None
            del self.files["audio"]
            self._hold.release()
            remove_if_empty(self.folder)  # its session.json and the bare .wav header
            raise
        self._set_status(SessionStatus.RECORDING)

    def rename(self, name: str) -> None:
        """Give the session a name of the user's, used for exports and kept in session.json
        (written with the folder, if the session has none yet: a rename keeps nothing)."""
        with self._lock:
            self.name = name.strip() or self.name
            self._named = self._named or bool(name.strip())
            self.save_metadata()

    def transcribe_file(
        self,
        path: Path,
        language: str | None = None,
        vocabulary: Sequence[str] = (),
        speakers: SpeakerSetting = AUTO,
    ) -> None:
        """Make this session the transcript of an existing audio or video file.

        The file's audio is saved as the session's ``audio.wav`` (16 kHz mono, like a
        recording) on a worker thread, then the final pass runs; ``progress`` reports it.
        The session's folder is made here (``StorageError`` if it cannot be; the session
        stays ``idle``) and removed again if the file's audio cannot be read."""
        path = Path(path)
        with self._changing():
            if self.status is not SessionStatus.IDLE:
                raise TranscrevaiError(
                    QCoreApplication.translate(
                        "TranscrevaiError", "This session has already been recorded."
                    )
                )
            speakers = parse_speakers(speakers)
            self._make_folder()
            self.language = language
            self.vocabulary = tuple(vocabulary)
            self.speakers = speakers
            self.name = path.stem
            self.device = file_device(path)
            self.source = path.resolve()
            self.started_at = self.created_at = _now()
            self.files["audio"] = self.folder / AUDIO_FILE
            self._final_queued = True  # after the import: skipping it waits for the audio
            self._importing = True
            self._set_status(SessionStatus.PROCESSING)
        self.engine.submit(lambda: self._import_then_transcribe(path))

    def _import_then_transcribe(self, path: Path) -> None:
        """Import the file's audio, then the final pass. An import left undone (quitting with
        *Quit now*, the session deleted) stops at its next block and keeps nothing: the file
        is where it was, to be opened again."""
        try:
            self._imported_seconds = decode_to_wav(
                path,
                self.files["audio"],
                keep_channels=self.speakers == CHANNELS,
                cancelled=lambda: self._discarded or self._skip_final,
            )
        except (TranscrevaiError, TranscriptionCancelled) as error:
            with self._changing():
                self._importing = False
                remove_if_empty(self.folder)  # no audio was kept: no folder, no library row
                if isinstance(error, TranscrevaiError):
                    self._set_status(SessionStatus.ERROR, str(error))
                elif not self._discarded:
                    log.info("Import of %s left undone, as asked", path.name)
                    self._set_status(SessionStatus.INTERRUPTED)
            return
        with self._lock:
            self._importing = False
        self._final_pass()

    @property
    def importing(self) -> bool:
        """A file's audio is still being imported: *Quit now* then keeps nothing of it."""
        with self._lock:
            return self._importing

    def transcribe_recording(self, language: str | None = None) -> None:
        """Write the transcript of a recording that never got its final pass: one interrupted
        (the app was killed or closed while recording) or failed (a device lost), in
        ``language`` (default: the one asked for when recording, else detected). The .wav's
        header is repaired first; nothing recorded is lost or deleted."""
        with self._changing():
            if self.status not in TRANSCRIBABLE:
                raise TranscrevaiError(
                    QCoreApplication.translate(
                        "TranscrevaiError",
                        "This session has no unfinished recording to transcribe.",
                    )
                )
            audio = self.files.get("audio")
            if audio is None or not audio.is_file():
                raise StorageError(
                    QCoreApplication.translate(
                        "StorageError", "This session has no audio in {folder}."
                    ).format(folder=self.folder)
                )
            if not self._hold.acquire():  # another window or ``recover`` transcribes it
                raise in_use_error()
            try:
                self._imported_seconds = repair_wav(audio)
            except BaseException:  # a damaged file: the session is free for another try
                self._hold.release()
                raise
            self.language = language or self.language
            self._final_queued = self._skip_final = False
            self._set_status(SessionStatus.PROCESSING)
        self._start_final_pass()

    def pause(self) -> None:
        with self._changing():
            if self.status is SessionStatus.RECORDING and self._recorder:
                self._recorder.pause()
                # a call's device that stopped is still said (its side is not recorded)
                self._set_status(SessionStatus.PAUSED, self.message)

    def resume(self) -> None:
        with self._changing():
            if self.status is SessionStatus.PAUSED and self._recorder:
                self._recorder.resume()
                self._set_status(SessionStatus.RECORDING, self.message)

    def stop(self) -> None:
        """Stop recording; live captions flush, then the final pass writes the transcript."""
        with self._changing():
            if self.status not in CAPTURING:
                return
            self._set_status(SessionStatus.PROCESSING)
        self._end_capture()

    def skip_final_pass(self) -> None:
        """Leave the final pass undone (the CLI's second Ctrl-C): one not started yet never
        starts, one under way stops at its next segment. The session then becomes
        ``interrupted``, its audio kept, as if its process had ended: ``transcribe_recording``
        (or ``recover --transcribe``) writes the transcript later. Nothing unless processing."""
        with self._changing():
            if self.status is not SessionStatus.PROCESSING:
                return
            self._skip_final = True
            if not self._final_queued:
                self._set_status(SessionStatus.INTERRUPTED)

    def close(self) -> None:
        """Stop capture without a final pass (session deleted or dropped); keep the audio
        and every correction."""
        self.wait_saved()
        with self._changing():
            capturing = self.status in CAPTURING
            if capturing:
                self._set_status(SessionStatus.INTERRUPTED)
        if capturing:
            self._end_capture()

    def discard(self) -> None:
        """Stop for good before the session's files are deleted: capture stops, and a final
        pass under way stops at its next segment and writes nothing (it would recreate the
        folder), so deleting a long meeting frees the CPU at once."""
        with self._lock:
            self._discarded = True
        self.close()

    def _end_capture(self) -> None:
        if self._recorder is not None:
            self._recorder.stop()
        if self._transcriber is not None:
            self._transcriber.close()
            self.engine.live.wake()
        self._start_final_pass()

    # -- callbacks from the core's threads -------------------------------------------------
    def _on_audio(self, audio: npt.NDArray[np.float32]) -> None:
        assert self._transcriber is not None
        self._transcriber.feed(audio)
        self.engine.live.wake()

    def _on_recording_end(self, error: TranscrevaiError | None) -> None:
        """The source ended by itself (file done) or failed (device lost, disk full)."""
        with self._changing():
            if self.status not in CAPTURING:
                return
            if error is None:
                self._set_status(SessionStatus.PROCESSING)
            else:
                self._set_status(SessionStatus.ERROR, str(error))
        if self._transcriber is not None:
            self._transcriber.close()
            self.engine.live.wake()
        self._start_final_pass()

    def _on_caption(self, event: CaptionEvent) -> None:
        with self._lock:
            if event.kind == "committed":
                self.committed.append(event)
            elif event.kind == "revised":
                self.revisions[event.utterance] = event
        self.caption.emit(event)

    def _on_input_lost(self, sentence: str) -> None:
        """One of a call's two devices stopped; the other records on (the tab says so).
        Called from the call's thread, possibly while ``start`` is still under way."""
        with self._changing():  # read and set at once: a Stop in between is not undone
            if self.status in CAPTURING:
                self._set_status(self.status, sentence)

    def _on_live_closed(self) -> None:
        with self._lock:
            self._live_open = False
        self._start_final_pass()

    def _start_final_pass(self) -> None:
        """Hand the final pass to the engine once the session is ``processing`` and its live
        captions are done (they may still be revising after the recording stopped), once per
        request. The two can happen in either order, on different threads: the live captions
        end early when a live pass fails, and late when the user asks to transcribe a
        recording that lost its device while they still finish."""
        with self._lock:
            start = (
                self.status is SessionStatus.PROCESSING
                and not self._live_open
                and not self._final_queued
            )
            self._final_queued = self._final_queued or start
        if start:
            self.engine.submit(self._final_pass)

    def _final_pass(self) -> None:
        if self._discarded:
            return
        settings = self.engine.settings  # the pass's: Preferences may change them meanwhile
        try:
            transcript = self.engine.transcribe_recording(
                self.files["audio"],
                self.language,
                settings=settings,
                progress=self.progress.emit,
                cancelled=lambda: self._discarded or self._skip_final,
                terms=self.vocabulary,
                speakers=self.speakers,
                channel_names=self.channel_names,
            )
            self._write_transcript(transcript)
            self.detected_language = transcript.language
            self.model = settings.model
            self._set_status(SessionStatus.COMPLETE)
        except TranscriptionCancelled:
            if self._discarded:
                log.info("Final pass of %s stopped: the session was deleted", self.id)
            else:
                log.info("Final pass of %s left undone, as asked", self.id)
                self._set_status(SessionStatus.INTERRUPTED)
        except TranscrevaiError as error:
            self._set_status(SessionStatus.ERROR, str(error))
        except Exception as error:
            log.exception("Final pass of %s failed", self.id)
            self._set_status(
                SessionStatus.ERROR,
                QCoreApplication.translate("Session", "The transcription failed: {error}.").format(
                    error=error
                ),
            )

    def _write_transcript(self, transcript: Transcript) -> None:
        self._write_files(transcript)
        with self._lock:
            self._transcript = transcript

    def _write_files(self, transcript: Transcript) -> None:
        """The transcript's files, written without the lock (they take a while); the
        session's list of files updated under it."""
        written = {}
        for fmt in FINAL_FILES:
            path = self.folder / f"{TRANSCRIPT_STEM}.{fmt}"
            write_transcript(transcript, path, fmt)
            written[FINAL_FILES[fmt]] = path
        with self._lock:
            self.files.update(written)

    @property
    def original_path(self) -> Path:
        """Where the final pass's own transcript is kept once the user corrects it."""
        return self.folder / ORIGINAL_TRANSCRIPT

    @property
    def edited(self) -> bool:
        """Whether the user changed the final pass's transcript (it can be reverted)."""
        return self._edited

    # Every change to a finished transcript (a correction, a speaker's name, a revert) is the
    # session's transcript at once: ``transcript()`` and every export give it. Its files are
    # written on a thread of their own, never the caller's (an hour's transcript takes a
    # fifth of a second to write), the newest only when several changes wait;
    # ``corrections_saved`` tells when, or why not.

    def edit_transcript(self, transcript: Transcript) -> None:
        """Make ``transcript`` (a correction of this session's, see ``core.transcript_edits``)
        the session's transcript; the first time, the final pass's own is kept as
        ``ORIGINAL_TRANSCRIPT`` (``revert_transcript`` restores it)."""
        with self._lock:
            current = self.transcript()
            if current is None:
                raise TranscrevaiError(
                    QCoreApplication.translate(
                        "TranscrevaiError", "This session has no transcript to correct yet."
                    )
                )
            if not self._edited:
                self._original, self._edited = current, True
            elif transcript is self._original:  # every correction undone: nothing to revert
                self._original, self._edited = None, False
            self._save(transcript)

    def revert_transcript(self) -> Transcript:
        """The final pass's transcript back, as it was before any correction (and returned),
        its speakers named as they are now: a name is not a correction (``rename_speaker``
        makes nothing revertible), and a rename made after a correction was lost."""
        with self._lock:
            original = self._original or self._read_original()
            current = self.transcript()
            names = {s.id: s for s in current.speakers} if current is not None else {}
            original = replace(
                original,
                speakers=[
                    replace(s, name=names[s.id].name, match=names[s.id].match)
                    if s.id in names
                    else s
                    for s in original.speakers
                ],
            )
            self._original, self._edited = None, False
            self._save(original)
        return original

    def _read_original(self) -> Transcript:
        try:
            data = json.loads(self.original_path.read_text(encoding="utf-8"))
            return Transcript.from_dict(data)
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise StorageError(
                QCoreApplication.translate(
                    "StorageError",
                    "The original transcript in {folder} cannot be read: {error}.",
                ).format(folder=self.folder, error=error)
            ) from error

    def rename_speaker(self, speaker_id: str, name: str) -> tuple[Speaker, str | None]:
        """Show ``speaker_id`` as ``name`` (blank: its ``first_name``) in the transcript and
        every file written from it (the session's own files, exports from now on), and
        remember its voice under that name (``core.voice_book``): the naming of this speaker
        before is replaced, and a default name remembers none. Returns the speaker as it was
        and the name its voice was remembered under (None: none), for ``restore_speaker``."""
        with self._lock:
            transcript, speaker = self._transcript_with(speaker_id)
            name = " ".join(name.split())
            renamed = replace(speaker, name=name or self.first_name(speaker_id), match=None)
            self._put_speaker(transcript, renamed)
        named = self._voice_named(speaker)
        self._name_voice(renamed, None if is_default_name(renamed) else renamed.name)
        return speaker, named

    def first_name(self, speaker_id: str) -> str:
        """The name a speaker had before the user named it, which a blank name gives back: a
        call's channel's ("You", "Others"), else its ``default_name``."""
        number = int(speaker_id[1:]) if speaker_id[1:].isdigit() else 0
        if speaker_id.startswith("C") and 0 < number <= len(self.channel_names):
            return self.channel_names[number - 1]
        return default_name(speaker_id)

    def restore_speaker(self, speaker: Speaker, named: str | None) -> None:
        """Undo a rename: ``speaker`` as ``rename_speaker`` returned it (its name, and the
        remembered voice it was found alike), and its voice remembered under ``named`` again
        (None: under no name)."""
        with self._lock:
            self._put_speaker(self._transcript_with(speaker.id)[0], speaker)
        self._name_voice(speaker, named)

    def _transcript_with(self, speaker_id: str) -> tuple[Transcript, Speaker]:
        """The transcript and its speaker ``speaker_id`` (under the lock)."""
        transcript = self.transcript()
        speakers = transcript.speakers if transcript is not None else []
        speaker = next((s for s in speakers if s.id == speaker_id), None)
        if transcript is None or speaker is None:
            raise TranscrevaiError(
                QCoreApplication.translate(
                    "TranscrevaiError", "This transcript has no such speaker."
                )
            )
        return transcript, speaker

    def _put_speaker(self, transcript: Transcript, speaker: Speaker) -> None:
        speakers = [speaker if s.id == speaker.id else s for s in transcript.speakers]
        self._save(replace(transcript, speakers=speakers))

    def _voice_source(self, speaker: Speaker) -> str:
        return f"{self.id}/{speaker.id}"

    def _voice_named(self, speaker: Speaker) -> str | None:
        return self.engine.voice_book.named(self._voice_source(speaker)) if speaker.voice else None

    def _name_voice(self, speaker: Speaker, name: str | None) -> None:
        """Remember the voice of ``speaker`` under ``name`` (None: under none)."""
        if not speaker.voice:
            return
        book, source = self.engine.voice_book, self._voice_source(speaker)
        try:
            if name is None:
                book.unname(source)
            else:
                book.remember(name, speaker.voice, source)
        except OSError as error:
            log.warning("Could not remember the voice of %s: %s", speaker.name, error)

    def _save(self, transcript: Transcript) -> None:
        """``transcript`` is the session's now, and its files are written on the saver's
        thread (called under the lock)."""
        self._transcript = self._unsaved = transcript
        if self._saver is None:
            self._saver = threading.Thread(target=self._save_changes, name="saver", daemon=True)
            self._saver.start()

    def _save_changes(self) -> None:
        while True:
            with self._lock:
                transcript, self._unsaved = self._unsaved, None
                if transcript is None:
                    self._saver = None
                    return
                edited, original = self._edited, self._original
            try:
                if original is not None and not self.original_path.is_file():
                    write_transcript(original, self.original_path, "json")
                self._write_files(transcript)
                if not edited:
                    self.original_path.unlink(missing_ok=True)
            except (OSError, TranscrevaiError) as error:
                log.warning("Changes to %s not saved: %s", self.folder, error)
                self.corrections_saved.emit(
                    QCoreApplication.translate(
                        "Session", "The changes to the transcript could not be saved: {error}"
                    ).format(error=error)
                )
            else:
                self.corrections_saved.emit("")

    def wait_saved(self) -> None:
        """Block until every change to the transcript is on disk (at close)."""
        saver = self._saver
        if saver is not None and saver is not threading.current_thread():
            saver.join()

    # -- export -----------------------------------------------------------------------------
    def transcript(self) -> Transcript | None:
        """The final transcript (kept from the final pass, or read once from a reopened
        session's ``transcript.json``); None before the final pass."""
        if self._transcript is None:
            path = self.files.get("segments")
            if path is None or not path.is_file():
                return None
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                self._transcript = Transcript.from_dict(data)
            except (OSError, ValueError, KeyError, TypeError) as error:
                log.warning("Cannot read %s: %s", path, error)
                return None
        return self._transcript

    def available_exports(self) -> list[str]:
        """The formats this session can export now: wav once audio exists, the rest after
        the final pass."""
        audio = self.files.get("audio")
        formats = ["wav"] if audio is not None and audio.is_file() else []
        if self.status is SessionStatus.COMPLETE:
            formats += list(FORMATS)
        return formats

    def export(self, fmt: str, destination: Path, limits: CueLimits = DEFAULT_LIMITS) -> Path:
        """Write this session's ``fmt`` (wav, txt, srt, vtt, json) to ``destination``;
        subtitles keep ``limits``."""
        destination = Path(destination)
        if fmt not in self.available_exports():
            raise TranscrevaiError(
                QCoreApplication.translate(
                    "TranscrevaiError", "This session has no {format} to export yet."
                ).format(format=fmt.upper())
            )
        if fmt != "wav":
            return write_transcript(self._readable_transcript(), destination, fmt, limits)
        atomic_copy(self.files["audio"], destination)
        return destination

    def _readable_transcript(self) -> Transcript:
        transcript = self.transcript()
        if transcript is None:
            raise StorageError(
                QCoreApplication.translate(
                    "StorageError", "The transcript in {folder} cannot be read."
                ).format(folder=self.folder)
            )
        return transcript

    def export_all(self, folder: Path, limits: CueLimits = DEFAULT_LIMITS) -> list[Path]:
        """Every available format into ``folder``, named after the session."""
        stem = safe_filename(self.name)
        return [
            self.export(fmt, Path(folder) / f"{stem}.{fmt}", limits)
            for fmt in self.available_exports()
        ]

    @property
    def video(self) -> Path | None:
        """The video this session transcribed, while it is still there to be subtitled."""
        source = self.source
        return source if source is not None and has_picture(source) else None

    def export_video(
        self,
        destination: Path,
        burned: bool = False,
        limits: CueLimits = DEFAULT_LIMITS,
        font_size: int = 0,
        position: str = "bottom",
        progress: Callable[[float], None] | None = None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> Path:
        """The video this session was made from, with its transcript's subtitles: as a track
        (seconds, no re-encoding) or ``burned`` into the picture (see ``core.video``)."""
        if self.source is None:
            raise TranscrevaiError(
                QCoreApplication.translate(
                    "TranscrevaiError", "This session was not made from a video file."
                )
            )
        transcript = self._readable_transcript()
        cues = [cue.named for cue in build_cues(transcript, limits)]
        if burned:
            return burned_subtitled(
                self.source, cues, Path(destination), font_size, position, progress, cancelled,
                transcript.duration,  # the progress's measure where the file states no length
            )  # fmt: skip
        return soft_subtitled(self.source, cues, Path(destination))

    def default_export_name(self, fmt: str) -> str:
        return f"{safe_filename(self.name)}.{fmt}"
