"""The writer thread of a recording: source blocks become 16 kHz audio on disk, as they arrive.

``audio.wav`` is 16-bit PCM at 16 kHz, mono: what the model needs, about 115 MB an hour. A
device that offers no 16 kHz mono is opened at its native rate and channels, and the blocks are
downmixed (channel mean) and resampled (soxr) here, never in PortAudio's callback. With
``keep_channels`` (each channel a person: a two-microphone interview, a call recorded as
microphone and system audio) the file keeps the source's channels, still 16 kHz 16-bit, and the
live captions get their mix.

Crash safety: every ``FLUSH_SECONDS`` the WAV header is rewritten to count the frames so far and
the file is fsync'd, so a killed process or a power cut leaves a playable file that misses at most
that much audio.
"""

from __future__ import annotations

import logging
import math
import os
import queue
import threading
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import soundfile
import soxr
from PySide6.QtCore import QCoreApplication

from transcrevai_desktop.core.capture import END, AudioSource, SourceItem
from transcrevai_desktop.core.devices import MODEL_RATE, WAV_SUBTYPE
from transcrevai_desktop.core.errors import DeviceLost, StorageError, TranscrevaiError
from transcrevai_desktop.core.files import sync_folder

log = logging.getLogger(__name__)

FLUSH_SECONDS = 0.5
STALL_SECONDS = 3.0
_SFC_UPDATE_HEADER_NOW = 0x1060  # libsndfile: rewrite the header to match the data written


def update_header(wav: soundfile.SoundFile) -> None:
    """Rewrite ``wav``'s header to count every frame written so far, and flush it: a crash
    then leaves a file that plays to its last flush. soundfile has no public call for this
    (libsndfile's SFC_UPDATE_HEADER_NOW); it is made here alone, and tests/test_recovery.py
    fails if an upgrade of soundfile breaks it."""
    soundfile._snd.sf_command(wav._file, _SFC_UPDATE_HEADER_NOW, soundfile._ffi.NULL, 0)
    wav.flush()


def level_dbfs(block: np.ndarray) -> float:
    """RMS level of a block in dBFS (-100 for digital silence)."""
    rms = float(np.sqrt(np.mean(np.square(block, dtype=np.float64)))) if block.size else 0.0
    return max(-100.0, 20 * math.log10(rms)) if rms > 0 else -100.0


def _mix(frames: np.ndarray) -> np.ndarray:
    """The mono mix (channel mean) of (frames, channels)."""
    return frames.mean(axis=1, dtype=np.float32) if frames.shape[1] > 1 else frames[:, 0]


class WavRecorder:
    """Owns a source and the thread that writes what it delivers to ``path``."""

    def __init__(
        self,
        path: Path,
        source: AudioSource,
        on_audio: Callable[[np.ndarray], None],
        on_level: Callable[[float], None],
        on_end: Callable[[TranscrevaiError | None], None],
        keep_channels: bool = False,
    ) -> None:
        self.path = Path(path)
        self.channels = source.channels if keep_channels else 1  # in the file
        self.source = source
        self.frames_written = 0
        self.first_sample_at: float | None = None  # time.monotonic() when sample 0 was captured
        self._on_audio = on_audio
        self._on_level = on_level
        self._on_end = on_end
        self._blocks: queue.SimpleQueue[SourceItem] = queue.SimpleQueue()
        self._paused = threading.Event()
        self._stopping = False
        self._resampler = (
            soxr.ResampleStream(source.rate, MODEL_RATE, self.channels, dtype="float32")
            if source.rate != MODEL_RATE
            else None
        )
        self._file: soundfile.SoundFile | None = None
        self._inode = 0  # the file's, once made: still there at each flush
        self._thread = threading.Thread(target=self._run, name=f"wav-{self.path.parent.name[:8]}")

    @property
    def seconds(self) -> float:
        return self.frames_written / MODEL_RATE

    def start(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._file = soundfile.SoundFile(
                self.path,
                "w",
                samplerate=MODEL_RATE,
                channels=self.channels,
                subtype=WAV_SUBTYPE,
                format="WAV",
            )
            sync_folder(self.path.parent)  # its flushes then keep a file that has its name
            sync_folder(self.path.parent.parent)  # ...in a folder that has its own
            self._inode = os.stat(self.path).st_ino
        except (OSError, soundfile.SoundFileError) as error:
            raise StorageError(
                QCoreApplication.translate(
                    "StorageError", "Could not create the recording in {folder}: {error}."
                ).format(folder=self.path.parent, error=error)
            ) from error
        # The writer starts once the source is open: its stall timer must not count the
        # opening (a Bluetooth headset switching profiles takes seconds), and a source that
        # fails to open has nothing to report through ``on_end``.
        try:
            self.source.start(self._blocks)
        except TranscrevaiError:
            self._stopping = True
            self._close()
            raise
        self._thread.start()

    def pause(self) -> None:
        self._paused.set()

    def resume(self) -> None:
        self._paused.clear()

    def stop(self) -> None:
        """Stop the source, write what is queued, close the file. Safe to call twice."""
        self._stopping = True
        self.source.stop()
        self._blocks.put(END)
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join()

    def _run(self) -> None:
        error: TranscrevaiError | None = None
        last_flush = time.monotonic()
        try:
            while True:
                try:
                    item = self._blocks.get(timeout=STALL_SECONDS)
                except queue.Empty:
                    if self._paused.is_set() or self._stopping:
                        continue
                    raise DeviceLost.disconnected(self.source.description) from None
                if item is END:
                    break
                if isinstance(item, TranscrevaiError):
                    raise item
                if self._paused.is_set():
                    continue
                if self.first_sample_at is None:
                    self.first_sample_at = time.monotonic() - len(item) / self.source.rate
                self._write(item)
                if time.monotonic() - last_flush >= FLUSH_SECONDS:
                    self._flush()
                    last_flush = time.monotonic()
            if self._resampler is not None:
                rest = np.zeros((0, self.channels), np.float32)
                self._write_frames(self._resampler.resample_chunk(rest, last=True))
        except TranscrevaiError as failure:
            error = failure
            self.source.stop()
        except (OSError, soundfile.SoundFileError) as failure:
            error = StorageError(
                QCoreApplication.translate(
                    "StorageError",
                    "Recording stopped: could not write to {folder} ({error}). "
                    "The audio recorded until then is kept.",
                ).format(folder=self.path.parent, error=failure)
            )
            self.source.stop()
        finally:
            self._close()
        if error is not None:
            log.warning("Recording %s ended: %s", self.path, error)
        if error is not None or not self._stopping:
            self._on_end(error)

    def _write(self, block: np.ndarray) -> None:
        """``block``: (frames, source channels) at the source's rate."""
        mono = _mix(block)
        self._on_level(level_dbfs(mono))
        frames = block if self.channels > 1 else mono[:, None]
        if self._resampler is not None:
            frames = self._resampler.resample_chunk(frames)
        self._write_frames(frames)

    def _write_frames(self, frames: np.ndarray) -> None:
        """``frames``: (frames, file channels) at 16 kHz; the live captions get their mix."""
        if not frames.size:
            return
        assert self._file is not None
        self._file.write(frames)
        self.frames_written += len(frames)
        self._on_audio(_mix(frames))

    def _flush(self) -> None:
        """Count the frames in the header, on disk; ``StorageError`` if the file is no longer
        there under its name (its folder deleted from outside: it recorded on for as long as
        the user let it, and lost it all at the end)."""
        assert self._file is not None
        update_header(self._file)
        try:
            there = os.stat(self.path).st_ino == self._inode
        except OSError:
            there = False
        if not there:
            raise StorageError(
                QCoreApplication.translate(
                    "StorageError",
                    "Recording stopped: its folder {folder} was deleted or moved while it "
                    "recorded.",
                ).format(folder=self.path.parent)
            )

    def _close(self) -> None:
        if self._file is not None:
            try:
                self._file.close()
            except (OSError, soundfile.SoundFileError) as failure:
                log.error("Could not close %s: %s", self.path, failure)
            self._file = None
