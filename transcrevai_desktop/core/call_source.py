"""Both sides of a call: the microphone and the computer's sound as one 2-channel source.

Channel 1 is the microphone ("You"), channel 2 the system audio ("Others": a sink monitor on
PulseAudio, a loopback device elsewhere). Each is opened as a ``MicrophoneSource`` whose
callback only enqueues; a combining thread converts both to 16 kHz mono and lines them up.

Two devices run on two clocks: a nominal 16 kHz on one is 16 000.8 Hz on the other, and their
blocks arrive at their own moments. ``ChannelAligner`` keeps the second channel in step by
sample count against the first: every block of the first takes as many samples of the second;
when the second has run dry (it started late, or its clock is slower) the missing samples are
silence, and when it keeps more buffered than arrival jitter explains (its clock is faster)
the surplus is dropped, at most ``MAX_CORRECTION`` seconds at a time. 100 ppm of drift over an
hour stays within a few milliseconds (tests/test_call_source.py).

If one of the two devices fails mid-recording, its channel goes on as silence and the
recording continues with the other (``lost`` and ``on_lost`` say which device stopped); when
the microphone is the one lost, the system audio's blocks set the pace. Only when both are
gone does the recording end, as any recording whose device is lost, its .wav valid.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable

import numpy as np
import soxr
from PySide6.QtCore import QCoreApplication

from transcrevai_desktop.core.capture import END, AudioSource, SourceItem
from transcrevai_desktop.core.devices import MODEL_RATE
from transcrevai_desktop.core.errors import TranscrevaiError
from transcrevai_desktop.core.pulse_sources import shown_device
from transcrevai_desktop.core.texts import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

# The speakers of a call's two channels, in English; ``channel_names()`` in the user's language.
CHANNEL_NAMES = (QT_TRANSLATE_NOOP("CallSource", "You"), QT_TRANSLATE_NOOP("CallSource", "Others"))
# What ``lost`` and ``on_lost`` say (translated) when a device stops; the log says it in English.
MICROPHONE_STOPPED = QT_TRANSLATE_NOOP(
    "CallSource",
    "The microphone '{device}' stopped; the recording goes on with the system audio alone "
    "(your channel is silent from here).",
)
MICROPHONE_SILENT = QT_TRANSLATE_NOOP(
    "CallSource",
    "The microphone '{device}' went silent; the recording goes on with the system audio, and "
    "with the microphone again if it comes back.",
)
SYSTEM_AUDIO_STOPPED = QT_TRANSLATE_NOOP(
    "CallSource",
    "The call's other side, '{device}', stopped; the recording goes on with the microphone "
    "alone (its channel is silent from here).",  # the device: "System audio: …" on Linux
)
BOTH = " + "  # a call's device: "<microphone> + <where the other side is heard>"
MAX_CORRECTION = 0.005  # seconds of silence added or audio dropped at a time
TOLERANCE = 0.005  # seconds the second input's mean lead may move before it is corrected
WINDOW = 2.0  # seconds over which that lead is averaged
HOLD = 0.2  # seconds the microphone's audio waits for the system audio before it goes alone
# A microphone that delivered and then nothing for this long while the system audio goes on
# has stalled (suspended, a Bluetooth drop-out: its stream neither ends nor fails); the
# recording goes on with the system audio, before the recorder's stall timer
# (``recorder.STALL_SECONDS``) ends it, and with the microphone again when it delivers.
MICROPHONE_STALL = 2.0


def channel_names() -> tuple[str, str]:
    """``CHANNEL_NAMES`` in the user's language: the speakers a new call's transcript
    names its two channels (the microphone's, the system audio's) until the user renames
    them."""
    you, others = (QCoreApplication.translate("CallSource", name) for name in CHANNEL_NAMES)
    return you, others


def beside_silence(samples: np.ndarray) -> np.ndarray:
    """Second-channel ``samples`` as (frames, 2), with silence in the first channel."""
    return np.stack([np.zeros_like(samples), samples], axis=1)


class _Fifo:
    """Mono samples waiting, in order."""

    def __init__(self) -> None:
        self._blocks: list[np.ndarray] = []
        self.size = 0

    def put(self, block: np.ndarray) -> None:
        if block.size:
            self._blocks.append(block.astype(np.float32, copy=False))
            self.size += len(block)

    def put_first(self, block: np.ndarray) -> None:
        """``block`` to be taken before what waits."""
        if block.size:
            self._blocks.insert(0, block.astype(np.float32, copy=False))
            self.size += len(block)

    def take(self, count: int) -> np.ndarray:
        joined = np.concatenate(self._blocks) if self._blocks else np.zeros(0, np.float32)
        taken, rest = joined[:count], joined[count:]
        self._blocks = [rest] if rest.size else []
        self.size = len(rest)
        return taken


class ChannelAligner:
    """Two inputs paired sample for sample, the second kept in step with the first.

    Samples leave in pairs as soon as both inputs have delivered them. The first input's
    samples wait at most ``HOLD`` for the second's (a device that stalls or starts late: its
    channel is silent meanwhile). How far the second input is ahead (samples it delivered
    that the first has not yet matched, negative when behind) is averaged over every
    ``WINDOW``: arrival jitter averages out, and what stays is where the two clocks were at
    the start plus their drift. When that mean moves more than ``TOLERANCE`` from the first
    window's, the second input loses (a faster clock), or gains as silence (a slower one),
    ``MAX_CORRECTION`` seconds at most.

    The two are lined up at the first input's first block: what the second input delivered
    before it was captured leaves first, with silence in the first channel (a sound server's
    monitor delivers at once, a Bluetooth or a suspended USB microphone a second or more
    later). Paired first sample to first sample, the other side was that much late for the
    whole call and its echoes no longer paired; dropped, the other side's first words were
    lost ("And so," of a call whose sound played the moment Record was pressed)."""

    def __init__(self, rate: int = MODEL_RATE) -> None:
        self._step = int(MAX_CORRECTION * rate)
        self._tolerance = int(TOLERANCE * rate)
        self._window = int(WINDOW * rate)
        self._hold = int(HOLD * rate)
        self._first, self._second = _Fifo(), _Fifo()
        self._baseline: float | None = None  # the first window's mean lead
        self._leads: list[int] = []  # the second input's lead at each block of this window
        self._seen = 0  # first-input samples in this window
        self.padded = 0  # samples of silence put in the second channel
        self.dropped = 0  # samples of the second input left out
        self._started = False  # the first input has delivered

    def second(self, block: np.ndarray) -> None:
        """Audio of the second input (mono, 16 kHz), as it arrives."""
        self._second.put(block)

    def first(self, block: np.ndarray) -> np.ndarray:
        """Audio of the first input (mono, 16 kHz), as it arrives: returns what can leave now,
        (frames, 2), the second channel beside the first."""
        frames = []
        if not self._started:  # its first block was captured in the block's time before now
            self._started = True
            early = self._second.size - len(block)
            if early > 0:
                frames.append(beside_silence(self._second.take(early)))
                log.info(
                    "The system audio delivered %.2f s before the microphone", early / MODEL_RATE
                )
        self._first.put(block)
        frames.append(self._pairs(min(self._first.size, self._second.size)))
        if self._first.size > self._hold:  # the second input is stalled: go on without it
            frames.append(self._alone(self._first.size - self._hold))
        self._watch(len(block))
        return np.concatenate(frames)

    def flush(self) -> np.ndarray:
        """What the first input delivered and is still waiting, with the second's or silence
        beside it: the end of a recording."""
        paired = self._pairs(min(self._first.size, self._second.size))
        return np.concatenate([paired, self._alone(self._first.size)])

    def without_first(self) -> np.ndarray:
        """The first input is gone: everything still waiting, the second input's samples
        with silence beside them from where the first ended."""
        waiting = self.flush()
        return np.concatenate([waiting, beside_silence(self._second.take(self._second.size))])

    def _pairs(self, count: int) -> np.ndarray:
        return np.stack([self._first.take(count), self._second.take(count)], axis=1)

    def _alone(self, count: int) -> np.ndarray:
        """``count`` first-input samples with silence beside them."""
        self.padded += count
        return np.stack([self._first.take(count), np.zeros(count, np.float32)], axis=1)

    def _watch(self, count: int) -> None:
        self._leads.append(self._second.size - self._first.size)
        self._seen += count
        if self._seen < self._window:
            return
        mean = float(np.mean(self._leads))
        self._leads, self._seen = [], 0
        if self._baseline is None:
            self._baseline = mean
            return
        moved = int(mean - self._baseline)
        if moved > self._tolerance:  # a faster second clock
            self.dropped += len(self._second.take(min(moved, self._step)))
        elif moved < -self._tolerance:  # a slower one: silence goes before what waits
            count = min(-moved, self._step)
            self._second.put_first(np.zeros(count, np.float32))
            self.padded += count


class CallSource:
    """``microphone`` (channel 1) and ``others`` (channel 2) recorded as one source."""

    channels = 2
    rate = MODEL_RATE

    def __init__(
        self,
        microphone: AudioSource,
        others: AudioSource,
        on_lost: Callable[[str], None] = lambda _: None,
    ) -> None:
        """``on_lost(sentence)`` is told, from the combining thread, when one of the two
        devices stops while the recording goes on with the other."""
        self.microphone, self.others = microphone, others
        self._on_lost = on_lost
        self.description = microphone.description + BOTH + others.description
        self.lost: list[str] = []  # a sentence for each device that stopped
        self._inputs: list[queue.SimpleQueue[SourceItem]] = [
            queue.SimpleQueue(),
            queue.SimpleQueue(),
        ]
        self._resamplers = [
            soxr.ResampleStream(s.rate, MODEL_RATE, 1, dtype="float32")
            if s.rate != MODEL_RATE
            else None
            for s in (microphone, others)
        ]
        self._aligner = ChannelAligner()
        self._others_on = True  # the system audio still delivers
        self._others_heard = 0.0  # when its last block came
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self, blocks: queue.SimpleQueue[SourceItem]) -> None:
        self.microphone.start(self._inputs[0])
        try:
            self.others.start(self._inputs[1])
        except TranscrevaiError:
            self.microphone.stop()
            raise
        self._thread = threading.Thread(
            target=self._combine, args=(blocks,), name="call-source", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self.microphone.stop()
        self.others.stop()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join()

    def _mono(self, index: int, block: np.ndarray) -> np.ndarray:
        mono = block.mean(axis=1, dtype=np.float32) if block.shape[1] > 1 else block[:, 0]
        resampler = self._resamplers[index]
        return resampler.resample_chunk(mono) if resampler is not None else mono

    def _tell(self, text: str, device: str, why: object) -> None:
        """Say that ``device`` stopped: ``text`` (``MICROPHONE_STOPPED`` or
        ``SYSTEM_AUDIO_STOPPED``) in the user's language to ``lost`` and ``on_lost``, in
        English to the log."""
        shown = shown_device(device)
        sentence = QCoreApplication.translate("CallSource", text).format(device=shown)
        self.lost.append(sentence)
        log.warning("%s (%s)", text.format(device=device), why)
        self._on_lost(sentence)

    def _combine(self, blocks: queue.SimpleQueue[SourceItem]) -> None:
        """Move what both inputs delivered into ``blocks`` as (frames, 2), in step; once
        stopped (or the microphone ended), what was still waiting goes too."""
        # The microphone's last block; before its first, the recorder's own stall timer
        # waits for a device slow to start.
        heard: float | None = None
        while True:
            self._drain_others()
            try:
                item = self._inputs[0].get(timeout=0.1)
            except queue.Empty:
                if self._stop.is_set():
                    break
                if heard is not None and self._stalled(heard):
                    self._drain_others()
                    blocks.put(self._aligner.without_first())
                    self._tell(MICROPHONE_SILENT, self.microphone.description, "no audio")
                    if not self._others_alone(blocks, until_microphone=True):
                        return
                    log.info("%s delivers again", self.microphone.description)
                    self._aligner, heard = ChannelAligner(), None
                continue
            heard = time.monotonic()
            if isinstance(item, TranscrevaiError) and self._others_on:
                self._drain_others()
                blocks.put(self._aligner.without_first())
                self._tell(MICROPHONE_STOPPED, self.microphone.description, item)
                self._others_alone(blocks)
                return
            if item is END or isinstance(item, TranscrevaiError):
                self._drain_others()
                blocks.put(self._aligner.flush())
                blocks.put(item)  # the microphone ended (or failed after the system audio)
                return
            self._drain_others()
            blocks.put(self._aligner.first(self._mono(0, item)))
        blocks.put(self._aligner.flush())

    def _stalled(self, heard: float) -> bool:
        """The microphone has delivered nothing for ``MICROPHONE_STALL`` seconds since
        ``heard`` while the system audio went on."""
        silent = time.monotonic() - heard >= MICROPHONE_STALL
        return silent and self._others_on and self._others_heard > heard

    def _others_alone(
        self, blocks: queue.SimpleQueue[SourceItem], until_microphone: bool = False
    ) -> bool:
        """The microphone is gone (or, ``until_microphone``, silent): the system audio goes on,
        beside silence, until it ends too or the recording is stopped (False), or until the
        silent microphone delivers again (True). A microphone that failed stays unheard: the
        sound server may have moved its stream to another one."""
        while True:
            if until_microphone and not self._inputs[0].empty():
                return True
            try:
                item = self._inputs[1].get(timeout=0.1)
            except queue.Empty:
                if self._stop.is_set():
                    return False
                continue
            if item is END or isinstance(item, TranscrevaiError):
                blocks.put(item)
                return False
            blocks.put(beside_silence(self._mono(1, item)))
            while not until_microphone and not self._inputs[0].empty():
                self._inputs[0].get_nowait()

    def _drain_others(self) -> None:
        while True:
            try:
                item = self._inputs[1].get_nowait()
            except queue.Empty:
                return
            if isinstance(item, TranscrevaiError) or item is END:
                if self._others_on:
                    self._others_on = False
                    self._tell(SYSTEM_AUDIO_STOPPED, self.others.description, item)
                continue
            self._others_heard = time.monotonic()
            self._aligner.second(self._mono(1, item))
