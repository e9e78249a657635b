"""Audio sources that feed a recording: a microphone, or a file played at real-time pace.

A source puts float32 blocks shaped (frames, channels) on a queue and nothing else; the
recorder's thread does all the work. When a source ends it puts ``END``; when it fails it puts
the ``DeviceLost`` error itself, so the recorder learns both in order with the audio.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np
from PySide6.QtCore import QCoreApplication

from transcrevai_desktop.core.decoding import decode_file
from transcrevai_desktop.core.devices import (
    MODEL_RATE,
    InputDevice,
    capture_format,
    find_input_device,
    portaudio,
)
from transcrevai_desktop.core.errors import DeviceLost, TranscrevaiError
from transcrevai_desktop.core.pulse_sources import pulse_source_names, shown_device, source_env

if TYPE_CHECKING:
    import sounddevice

log = logging.getLogger(__name__)

END = None
BLOCK_SECONDS = 0.05
# How often a sound server's source being recorded is looked for: unplugged (a USB headset, a
# Bluetooth one gone), the server moves the stream to its default input and says nothing.
WATCH_SECONDS = 1.0
# What a source puts on its queue: a block of audio, END, or the error that ended it.
SourceItem = np.ndarray | TranscrevaiError | None
FILE_DEVICE = "file "  # the device of a session made from a file: "file <its name>"


def file_device(path: Path) -> str:
    """The device a session made from the file at ``path`` names (in its session.json)."""
    return FILE_DEVICE + path.name


class AudioSource(Protocol):
    rate: int
    channels: int
    description: str

    def start(self, blocks: queue.SimpleQueue[SourceItem]) -> None: ...

    def stop(self) -> None: ...


class MicrophoneSource:
    """An input device opened with sounddevice; PortAudio's thread runs the callback."""

    def __init__(self, device: InputDevice | str | int | None = None, channels: int = 1) -> None:
        """``device`` opened in 16 kHz mono where it can be; ``channels`` > 1 asks for that
        many channels (each a person, kept apart by the recorder)."""
        self.device = device if isinstance(device, InputDevice) else find_input_device(device)
        self.rate, self.channels = capture_format(self.device, channels)
        self.description = self.device.name
        self.overflows = 0
        self._stream: sounddevice.InputStream | None = None
        self._stopping = False
        self._stopped = threading.Event()

    def start(self, blocks: queue.SimpleQueue[SourceItem]) -> None:
        sd = portaudio()

        def callback(indata: np.ndarray, frames: int, when: object, status: object) -> None:
            blocks.put(indata.copy())
            if status:
                self.overflows += 1

        def finished() -> None:
            if not self._stopping:
                blocks.put(DeviceLost.disconnected(self.description))

        try:
            with source_env(self.device.pulse_source):  # the server source, if one is chosen
                self._stream = sd.InputStream(
                    device=self.device.index,
                    samplerate=self.rate,
                    channels=self.channels,
                    dtype="float32",
                    blocksize=int(self.rate * BLOCK_SECONDS),
                    callback=callback,
                    finished_callback=finished,
                )
                self._stream.start()
        except sd.PortAudioError as error:
            raise DeviceLost(
                QCoreApplication.translate(
                    "DeviceLost", "The microphone '{device}' could not be opened: {error}."
                ).format(device=shown_device(self.description), error=error)
            ) from error
        log.info("Recording from %s at %d Hz, %d ch", self.description, self.rate, self.channels)
        if self.device.pulse_source is not None:
            watcher = threading.Thread(
                target=self._watch, args=(blocks,), name="source-watch", daemon=True
            )
            watcher.start()

    def _watch(self, blocks: queue.SimpleQueue[SourceItem]) -> None:
        """Say the device is lost once the server no longer has its source: PulseAudio (and
        PipeWire) move a stream whose source went away to the default input, without a word
        to the stream, so a call went on recording the laptop's microphone on both channels
        and a recording went on from another microphone than the one chosen."""
        wait = WATCH_SECONDS
        while not self._stopped.wait(wait):
            try:
                names = pulse_source_names()
            except Exception:  # a bug must not end the recording, nor go unsaid
                log.exception("Watching %s failed; it is no longer watched", self.description)
                return
            # A server that does not answer (each try leaves a thread waiting for it) is
            # asked less often; the stream goes on meanwhile.
            wait = WATCH_SECONDS if names is not None else min(wait * 2, 60.0)
            if names is not None and self.device.pulse_source not in names:
                log.warning("%s is gone from the sound server", self.description)
                blocks.put(DeviceLost.disconnected(self.description))
                return

    def stop(self) -> None:
        self._stopping = True
        self._stopped.set()
        if self._stream is not None:
            # abort, not stop: Pa_StopStream waits for the device, and a device that stopped
            # delivering (suspended, dropped out) makes it wait for as long as it is gone.
            # An input stream has nothing to drain; the last block (50 ms) may be cut.
            self._stream.abort()
            self._stream.close()
            self._stream = None
            if self.overflows:
                log.warning(
                    "%s: PortAudio reported %d input overflows (the system dropped audio "
                    "before it reached us)",
                    self.description,
                    self.overflows,
                )


class FileSource:
    """A file fed block by block at real-time pace, exactly as a microphone would deliver it
    (``speed`` times faster for overload tests)."""

    def __init__(self, path: Path, speed: float = 1.0, keep_channels: bool = False) -> None:
        audio = decode_file(Path(path), keep_channels)
        self.audio = audio if audio.ndim == 2 else audio[:, None]  # (frames, channels)
        self.rate, self.channels = MODEL_RATE, self.audio.shape[1]
        self.description = file_device(Path(path))
        self.speed = speed
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self, blocks: queue.SimpleQueue[SourceItem]) -> None:
        self._thread = threading.Thread(
            target=self._play, args=(blocks,), name="file-source", daemon=True
        )
        self._thread.start()

    def _play(self, blocks: queue.SimpleQueue[SourceItem]) -> None:
        step = int(self.rate * BLOCK_SECONDS)
        started = time.monotonic()
        for offset in range(0, len(self.audio), step):
            if self._stop.is_set():
                return
            delay = started + (offset + step) / self.rate / self.speed - time.monotonic()
            if delay > 0 and self._stop.wait(delay):
                return
            blocks.put(self.audio[offset : offset + step].copy())
        blocks.put(END)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join()
