"""Playback of a session's recording for the transcript review: from any time, at 0.75× to 2×
without changing the pitch, on the default output or a chosen one.

Three kinds of thread share the work, so the caller's (GUI) thread only starts and stops:
- the caller opens, starts and aborts the output stream and starts a *segment* (continuous
  playback from one time at one speed) on each play, seek, speed change or resume;
- each segment's worker thread reads the .wav from the segment's start, mixes its channels to
  mono (a call's "You" and "Others" are heard together, in both ears), stretches it with
  FFmpeg's ``atempo`` through a PyAV filter graph (same pitch; untouched at 1×) and queues it;
- PortAudio's callback only copies queued audio to the device (silence when the worker is
  behind: it never waits) and notes which recording times it handed over, and when they will
  be heard: the clock ``position`` reads, so the UI highlights the word being heard.

A seek or speed change aborts the stream before starting the new segment: what the device
still held is dropped, so the change is heard at once, and a speed change continues from the
sample heard at that moment, with nothing skipped or repeated.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, NamedTuple

import av
import numpy as np
import soundfile
from PySide6.QtCore import QCoreApplication

from transcrevai_desktop.core.devices import portaudio
from transcrevai_desktop.core.errors import DeviceNotFound, OutputDeviceNotFound, UnreadableAudio
from transcrevai_desktop.core.pulse_sources import PULSE_DEVICE, pulse_sink_names, sink_env

if TYPE_CHECKING:
    import sounddevice

log = logging.getLogger(__name__)

MIN_SPEED, MAX_SPEED = 0.75, 2.0
READ_FRAMES = 1024  # recording frames read and stretched at a time (64 ms at 16 kHz)
QUEUED_BLOCKS = 8  # ready ahead of the device: 0.5 s at 1×, for a busy CPU (a seek drops them)
END = None  # queued after the last block
CANCELLED = object()  # tells a segment's worker to end


class _Clock(NamedTuple):
    """What the callback last handed to the device: the samples standing for recording times
    ``first`` to ``last`` of ``segment``, heard from ``heard_at`` (``time.monotonic``) on."""

    segment: _Segment
    first: float
    last: float
    heard_at: float


@dataclass(frozen=True)
class _Output:
    """Where to play: what ``OutputStream`` opens, with ``PULSE_SINK`` set to ``sink``."""

    index: int  # PortAudio's device
    sink: str | None  # the sound server's sink, opened through PortAudio's ``pulse`` device
    name: str  # for messages


class _Segment:
    """Continuous playback from ``start`` (seconds into the recording) at ``speed``, at the
    output's ``rate``, until a seek, a speed change, a pause, a stop or the end replaces it.
    Its worker fills ``blocks``; only the callback reads them and keeps ``current``,
    ``offset`` and ``ended``."""

    def __init__(self, start: float, speed: float, rate: int) -> None:
        self.start, self.speed, self.rate = start, speed, rate
        # (recording time, samples), then END
        self.blocks: queue.Queue[tuple[float, np.ndarray] | None] = queue.Queue(QUEUED_BLOCKS)
        self.events: queue.SimpleQueue[object] = queue.SimpleQueue()  # END's time; CANCELLED
        self.cancelled = False
        self.current: tuple[float, np.ndarray] | None = None  # the block being copied
        self.offset = 0  # how much of it was copied
        self.ended = False

    def offer(self, item: tuple[float, np.ndarray] | None) -> bool:
        """Queues ``item`` for the callback, waiting while the queue is full; False once the
        segment is cancelled (its worker then ends)."""
        if self.cancelled:
            return False
        self.blocks.put(item)
        return True

    def cancel(self) -> None:
        """Ends the worker: it sees the flag before its next block, a ``put`` it waits in
        returns once the queue is emptied here, and a wait for the end is woken."""
        self.cancelled = True
        self.events.put(CANCELLED)
        with contextlib.suppress(queue.Empty):
            while True:
                self.blocks.get_nowait()

    def fill(self, out: np.ndarray, heard_at: float) -> tuple[float, float] | None:
        """Copies queued audio into ``out``, heard from ``heard_at`` on, silence where none is
        ready (the callback must never wait). Returns the recording times that ``out[0]`` and
        the end of the copied audio stand for, or None when nothing was copied."""
        step = self.speed / self.rate  # recording seconds per output sample
        filled = 0
        first: float | None = None
        last: float | None = None
        while filled < len(out) and not self.ended:
            if self.current is None:
                try:
                    item = self.blocks.get_nowait()
                except queue.Empty:
                    break  # the worker is behind: silence rather than a wait
                if item is END:
                    self.ended = True
                    self.events.put(heard_at + filled / self.rate)
                    break
                self.current, self.offset = item, 0
            at, samples = self.current
            take = min(len(out) - filled, len(samples) - self.offset)
            out[filled : filled + take] = samples[self.offset : self.offset + take]
            if first is None:
                first = at + (self.offset - filled) * step
            self.offset += take
            filled += take
            last = at + self.offset * step
            if self.offset == len(samples):
                self.current = None
        out[filled:] = 0
        if first is None or last is None:  # both set, or neither
            return None
        return first, last


class Player:
    """Plays one recording. Its methods return at once (the work runs on a worker thread and
    PortAudio's) and may be called from any thread: the GUI's, or ``on_end``'s. ``on_end`` is
    called, from a worker thread, when playback reaches the end of the recording (or cannot
    read further: logged); the UI marshals it to its own thread. ``stop`` releases the
    output."""

    def __init__(
        self,
        path: Path,
        on_end: Callable[[], None] | None = None,
        device: str | int | None = None,
        on_error: Callable[[str], None] | None = None,
    ) -> None:
        """``path``: a .wav recording, any channels (mixed to mono), at its own rate.
        ``device``: None for the system's default output; a PortAudio output by index or
        exact name; on a PulseAudio/PipeWire server, a sink's name (``pactl list short
        sinks``), opened through PortAudio's ``pulse`` device. ``UnreadableAudio`` if the
        file cannot be played; an unknown device raises ``OutputDeviceNotFound`` at ``play``.
        ``on_error(sentence)`` hears, on the worker's thread, that the file could no longer be
        read while it played (moved, deleted, damaged since): playback ends there."""
        self.path = Path(path)
        self.device = device
        self._on_end, self._on_error = on_end, on_error
        try:
            info = soundfile.info(str(self.path))
        except (OSError, soundfile.SoundFileError) as error:
            if not self.path.is_file():
                raise UnreadableAudio(
                    QCoreApplication.translate(
                        "UnreadableAudio", "{path} does not exist or is not a file."
                    ).format(path=self.path)
                ) from error
            raise UnreadableAudio(
                QCoreApplication.translate(
                    "UnreadableAudio", "{file} cannot be played: it is not a readable recording."
                ).format(file=self.path.name)
            ) from error
        if info.frames == 0:
            raise UnreadableAudio(
                QCoreApplication.translate(
                    "UnreadableAudio", "{file} cannot be played: it holds no audio."
                ).format(file=self.path.name)
            )
        self.rate: int = info.samplerate
        self.duration: float = info.frames / info.samplerate
        self._lock = threading.Lock()  # one change of state at a time (the caller's, the end)
        self._speed = 1.0
        self._stream: sounddevice.OutputStream | None = None  # open while playing or paused
        self._output_rate = self.rate
        self._output_name = ""  # for the log
        self._latency = 0.0  # the stream's own figure, where callbacks carry no timing
        self._segment: _Segment | None = None  # what plays; None when paused or stopped
        self._clock: _Clock | None = None  # written by the callback only
        self._at = 0.0  # the position while nothing plays
        self._paused = False

    @property
    def playing(self) -> bool:
        return self._segment is not None

    @property
    def paused(self) -> bool:
        """Paused: ``resume`` continues (stopped or at the end, it does not)."""
        return self._paused

    @property
    def speed(self) -> float:
        return self._speed

    @property
    def position(self) -> float:
        """Seconds into the recording of what is heard now: the time of the last audio handed
        to the device, moved on by the time elapsed since at the playing speed, less the
        output's latency. Right after a seek or speed change (until its first audio is
        heard), the time it starts from."""
        segment, clock = self._segment, self._clock
        if segment is None:
            return self._at
        if clock is None or clock.segment is not segment:
            return segment.start
        heard = clock.first + (time.monotonic() - clock.heard_at) * segment.speed
        return min(max(heard, segment.start), clock.last, self.duration)

    def play(self, start: float = 0.0) -> None:
        """Plays from ``start`` seconds (clamped into the recording), whatever plays now.
        ``OutputDeviceNotFound`` if the output cannot be opened."""
        with self._lock:
            segment = self._play_from(start)
            self._paused = False
        log.info(
            "Playing %s from %.2f s at %.2g× on %s",
            self.path.name,
            segment.start,
            segment.speed,
            self._output_name,
        )

    def pause(self) -> None:
        """Silences at once and keeps the position; ``resume`` continues from it."""
        with self._lock:
            if self._segment is None:
                return
            self._at = self.position
            self._halt()
            self._paused = True

    def resume(self) -> None:
        """Continues from where ``pause`` stopped (or a seek since); nothing unless paused."""
        with self._lock:
            if self._paused:
                self._play_from(self._at)
                self._paused = False

    def stop(self) -> None:
        """Silences at once and releases the output; ``position`` stays where it stopped."""
        with self._lock:
            if self._segment is not None:
                self._at = self.position
            self._close()
            self._paused = False

    def seek(self, seconds: float) -> None:
        """Moves to ``seconds`` into the recording (clamped): heard at once while playing,
        else where ``resume`` or ``position`` will be."""
        with self._lock:
            if self._segment is not None:
                self._play_from(seconds)
            else:
                self._at = min(max(seconds, 0.0), self.duration)

    def set_speed(self, speed: float) -> None:
        """Plays ``speed`` times faster (0.75 to 2), at the same pitch; while playing, from
        the sample heard now on."""
        if not MIN_SPEED <= speed <= MAX_SPEED:
            raise ValueError(f"speed {speed} is outside {MIN_SPEED} to {MAX_SPEED}")
        with self._lock:
            self._speed = speed
            if self._segment is not None and self._segment.speed != speed:
                self._play_from(self.position)

    def _play_from(self, start: float) -> _Segment:
        """A new segment from ``start``, heard at once (the device's backlog is dropped)."""
        stream = self._open()
        stream.abort()  # stops the callback and drops what the device has not played
        if self._segment is not None:
            self._segment.cancel()
        self._clock = None
        segment = _Segment(min(max(start, 0.0), self.duration), self._speed, self._output_rate)
        self._segment = segment
        worker = threading.Thread(target=self._produce, args=(segment,), name="playback")
        worker.daemon = True  # ends by itself once cancelled; never holds the process open
        worker.start()
        try:
            stream.start()
        except _sounddevice().PortAudioError as error:
            self._close()
            raise OutputDeviceNotFound(
                QCoreApplication.translate(
                    "OutputDeviceNotFound", "The sound output stopped working: {error}."
                ).format(error=error)
            ) from error
        return segment

    def _open(self) -> sounddevice.OutputStream:
        """The output stream, opened on first use in the recording's rate where the device
        takes it (else the device's: the worker resamples)."""
        if self._stream is not None:
            return self._stream
        sd = _sounddevice()
        output = _find_output(sd, self.device)
        try:
            with sink_env(output.sink):  # the server's sink, if one is chosen
                rate = _output_rate(sd, output.index, self.rate)
                self._stream = sd.OutputStream(
                    device=output.index,
                    samplerate=rate,
                    channels=1,
                    dtype="float32",
                    callback=self._callback,
                )
        except sd.PortAudioError as error:
            raise OutputDeviceNotFound(
                QCoreApplication.translate(
                    "OutputDeviceNotFound",
                    "The sound output '{output}' could not be opened: {error}.",
                ).format(output=output.name, error=error)
            ) from error
        self._output_rate, self._latency = rate, self._stream.latency
        self._output_name = f"{output.name} ({rate} Hz)"
        return self._stream

    def _halt(self) -> None:
        """Silences at once and ends the segment; the stream stays open."""
        if self._stream is not None:
            self._stream.abort()
        if self._segment is not None:
            self._segment.cancel()
            self._segment = None

    def _close(self) -> None:
        self._halt()
        if self._stream is not None:
            self._stream.close()
            self._stream = None

    def _callback(self, outdata: np.ndarray, frames: int, timing: Any, status: object) -> None:
        """PortAudio's thread: copies what the worker prepared and notes when it is heard
        (the latency of this very buffer where the host API reports it, else the stream's)."""
        dac_time = timing.outputBufferDacTime
        latency = dac_time - timing.currentTime if dac_time > 0 else self._latency
        heard_at = time.monotonic() + latency
        segment = self._segment
        assert segment is not None  # the stream runs only while a segment plays
        span = segment.fill(outdata[:, 0], heard_at)
        if span is not None:
            self._clock = _Clock(segment, *span, heard_at)

    def _produce(self, segment: _Segment) -> None:
        """A segment's worker thread: queues the recording from the segment's start, read,
        mixed and stretched; once its last sample is heard, ends playback and tells
        ``on_end``."""
        step = segment.speed / segment.rate  # recording seconds per output sample
        produced = 0
        try:
            with soundfile.SoundFile(str(self.path)) as wav:  # its own: segments never share
                wav.seek(min(round(segment.start * self.rate), wav.frames))
                mono = (
                    b.mean(axis=1) for b in wav.blocks(READ_FRAMES, dtype="float32", always_2d=True)
                )
                for samples in stretched(mono, self.rate, segment.rate, segment.speed):
                    if not segment.offer((segment.start + produced * step, samples)):
                        return
                    produced += len(samples)
        except (OSError, soundfile.SoundFileError, av.FFmpegError) as error:
            log.warning("Playback of %s ends early: %s", self.path.name, error)
            if self._on_error is not None:
                self._on_error(
                    QCoreApplication.translate(
                        "UnreadableAudio", "{file} could not be read: {error}."
                    ).format(file=self.path.name, error=error)
                )
        if not segment.offer(END):
            return
        heard_at = segment.events.get()  # put by the callback when it reaches END
        if not isinstance(heard_at, float):  # CANCELLED
            return
        try:
            segment.events.get(timeout=max(0.0, heard_at - time.monotonic()))
            return  # cancelled before the last sample was heard
        except queue.Empty:
            pass
        with self._lock:
            if self._segment is not segment:  # a seek, pause or stop came first
                return
            self._close()
            self._at = self.duration
        if self._on_end is not None:
            self._on_end()


def stretched(
    blocks: Iterable[np.ndarray], rate: int, out_rate: int, speed: float
) -> Iterator[np.ndarray]:
    """Mono float32 ``blocks`` at ``rate``, played ``speed`` times faster at the same pitch
    (FFmpeg's ``atempo``) and resampled to ``out_rate`` (``aresample``): as they are at 1× and
    the same rate. The output runs behind by one ``atempo`` window (tens of ms)."""
    filters = [("atempo", f"tempo={speed}")] if speed != 1.0 else []
    if out_rate != rate:
        filters.append(("aresample", str(out_rate)))
    if not filters:
        yield from blocks
        return
    graph = av.filter.Graph()
    source = graph.add_abuffer(
        sample_rate=rate, format="flt", layout="mono", time_base=Fraction(1, rate)
    )
    nodes = [source, *(graph.add(name, args) for name, args in filters), graph.add("abuffersink")]
    for node, following in itertools.pairwise(nodes):
        node.link_to(following)
    graph.configure()
    pts = 0
    for block in blocks:
        frame = av.AudioFrame.from_ndarray(block[None, :], format="flt", layout="mono")
        frame.sample_rate, frame.pts = rate, pts
        pts += len(block)
        graph.push(frame)
        yield from _pulled(graph)
    graph.push(None)  # the end: atempo hands over what it holds
    yield from _pulled(graph)


def _pulled(graph: av.filter.Graph) -> Iterator[np.ndarray]:
    """What the graph has ready, as mono float32 arrays."""
    while True:
        try:
            frame = graph.pull()
        except (av.BlockingIOError, av.EOFError):
            return
        yield frame.to_ndarray().reshape(-1).astype(np.float32, copy=False)


def _sounddevice() -> ModuleType:
    """sounddevice, or ``OutputDeviceNotFound`` when PortAudio is missing."""
    try:
        return portaudio()
    except DeviceNotFound as error:
        raise OutputDeviceNotFound(
            QCoreApplication.translate(
                "OutputDeviceNotFound",
                "PortAudio is not installed, so the recording cannot be played "
                "(on Debian/Ubuntu: sudo apt install libportaudio2).",
            )
        ) from error


def _find_output(sd: ModuleType, spec: str | int | None) -> _Output:
    """The output for ``spec`` (see ``Player``): a PortAudio device by index or exact name,
    else, where PortAudio lists the ``pulse`` device, the server's sink of that name (a name
    the server does not have fails here, or when the stream opens if the server cannot be
    asked). None: the sound server's default sink through
    ``pulse`` where there is one (ALSA's "default" stalls after a stream is aborted and
    restarted, as a seek does), else PortAudio's default output."""
    try:
        outputs = {
            index: info["name"]
            for index, info in enumerate(sd.query_devices())
            if info["max_output_channels"] > 0
        }
        default = sd.default.device[1]
    except sd.PortAudioError as error:
        raise OutputDeviceNotFound(
            QCoreApplication.translate(
                "OutputDeviceNotFound", "The sound system could not list outputs: {error}."
            ).format(error=error)
        ) from error
    pulse = [index for index, name in outputs.items() if name == PULSE_DEVICE]
    if spec is None or spec == "":
        if pulse:  # the sound server's default sink, as capture opens its sources
            return _Output(pulse[0], None, PULSE_DEVICE)
        if default not in outputs:
            raise OutputDeviceNotFound(
                QCoreApplication.translate(
                    "OutputDeviceNotFound", "No sound output was found to play the recording on."
                )
            )
        return _Output(default, None, outputs[default])
    text = str(spec).strip()
    if text.isdigit() and int(text) in outputs:
        return _Output(int(text), None, outputs[int(text)])
    named = [index for index, name in outputs.items() if name == text]
    if named:
        return _Output(named[0], None, text)
    if pulse and not text.isdigit():
        sinks = pulse_sink_names()
        if sinks is None or text in sinks:
            return _Output(pulse[0], text, text)
        # PortAudio opens a stream on a sink the server does not have, and may then hang
        # in its start (seen in CI): told here instead
        available = sinks
    else:
        available = [f"{index}: {name}" for index, name in outputs.items()]
    if not available:
        raise OutputDeviceNotFound(
            QCoreApplication.translate(
                "OutputDeviceNotFound", "No sound output matches '{output}'. Available: none."
            ).format(output=text)
        )
    raise OutputDeviceNotFound(
        QCoreApplication.translate(
            "OutputDeviceNotFound", "No sound output matches '{output}'. Available: {outputs}."
        ).format(output=text, outputs=", ".join(available))
    )


def _output_rate(sd: ModuleType, index: int, rate: int) -> int:
    """``rate`` where the device takes it, else the device's own."""
    try:
        sd.check_output_settings(device=index, samplerate=rate, channels=1, dtype="float32")
    except (sd.PortAudioError, ValueError):
        return int(sd.query_devices(index)["default_samplerate"])
    return rate
