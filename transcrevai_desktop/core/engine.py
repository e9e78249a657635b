"""The transcription engine: one shared model, live passes scheduled fairly, final passes.

The model runs ``MODEL_WORKERS`` passes at once (CTranslate2 workers sharing one copy of the
weights, each using every core). Live passes and utterance revisions of all sessions go through
one ``LiveScheduler`` with as many threads. A free thread runs, first, the live pass of the
session whose oldest unexamined audio is oldest, so sessions take turns and none starves (a
session waiting longer gets a longer slice of new audio in its next pass, which is how the
caption cadence adapts to load); only when no live pass is ready does it run a revision, the
oldest first. A revision not started within ``REVISION_DEADLINE`` seconds is dropped: under load
(captions lagging, several tabs) revisions give way and the final pass covers everything.

Final passes and file transcriptions run on ``QThreadPool.globalInstance()``; they label
speakers (``core.speakers``) with one voice-embedding model shared by all of them.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import soundfile
from PySide6.QtCore import QCoreApplication, QRunnable, QThreadPool

from transcrevai_desktop.core.devices import MODEL_RATE
from transcrevai_desktop.core.echoes import drop_echoes, loudness_in
from transcrevai_desktop.core.errors import StorageError, TranscriptionCancelled
from transcrevai_desktop.core.gain import audible
from transcrevai_desktop.core.hallucinations import is_hallucination, is_loop, is_stock_phrase
from transcrevai_desktop.core.memory import release_free_memory
from transcrevai_desktop.core.models import BUNDLED_MODEL, MODEL_WORKERS, MODELS, ModelRegistry
from transcrevai_desktop.core.short_context import FULL_CONTEXT_FRAMES, ShortContextWhisper
from transcrevai_desktop.core.speaker_embedding import SpeakerEmbedder
from transcrevai_desktop.core.speakers import (
    AUTO,
    CHANNELS,
    OFF,
    SpeakerSetting,
    VoiceCollector,
    by_channel,
)
from transcrevai_desktop.core.streaming import (
    LOCK_LANGUAGE_PROBABILITY,
    Revision,
    StreamingTranscriber,
)
from transcrevai_desktop.core.stretch_language import StretchLanguage
from transcrevai_desktop.core.transcript import Segment, Transcript, Word
from transcrevai_desktop.core.vocabulary import hotwords
from transcrevai_desktop.core.voice_book import VoiceBook

if TYPE_CHECKING:
    from faster_whisper import WhisperModel
    from faster_whisper.transcribe import Segment as WhisperSegment

log = logging.getLogger(__name__)


class Job(QRunnable):
    """A Python callable run by a ``QThreadPool``; exceptions are logged, never lost silently."""

    def __init__(self, work: Callable[[], None]) -> None:
        super().__init__()
        self._work = work

    def run(self) -> None:
        try:
            self._work()
        except Exception:
            log.exception("Background job failed")


def _words(
    segments: Iterable[WhisperSegment], offset: float = 0.0, audio: np.ndarray | None = None
) -> tuple[list[Segment], list[Word]]:
    """Our segments and words from faster-whisper's, without the hallucinated segments (a
    stock phrase kept where the VAD hears it said in ``audio``, the audio decoded)."""
    kept: list[Segment] = []
    words: list[Word] = []
    for seg in segments:
        if is_hallucination(seg.text, seg.no_speech_prob) and not _said(seg, audio):
            log.info("Dropped a likely hallucination: %r", seg.text)
            continue
        seg_words = tuple(
            Word(
                round(w.start + offset, 3),
                round(w.end + offset, 3),
                w.word,
                round(w.probability, 3),
            )
            for w in seg.words or ()
        )
        kept.append(
            Segment(
                round(seg.start + offset, 3),
                round(seg.end + offset, 3),
                seg.text.strip(),
                seg_words,
            )
        )
        words.extend(seg_words)
    return kept, words


HEARD_SHARE = 0.5  # of a doubted stock phrase's time the VAD must hear as speech to keep it
VAD_LEAD = 0.5  # seconds of audio before it the VAD hears first (its state takes 0.16 s)


def _said(segment: WhisperSegment, audio: np.ndarray | None) -> bool:
    """Whether ``segment``, a stock phrase the model doubts is speech ("Thank you."), is said
    all the same: Silero VAD hears speech over ``HEARD_SHARE`` of its time in ``audio``. The
    phrases Whisper invents come on silence and noise; a talk that ends with "thank you",
    heard alone in a revision, lost its last words (en_picovoice_diarization_3spk, in real
    time: 5.7 % against 0.0 % for the final pass). A loop is never kept."""
    if audio is None or not is_stock_phrase(segment.text) or is_loop(segment.text):
        return False
    from faster_whisper.vad import get_speech_timestamps

    first, last = int(segment.start * MODEL_RATE), min(int(segment.end * MODEL_RATE), len(audio))
    if last <= first:
        return False
    lead = min(first, int(VAD_LEAD * MODEL_RATE))  # the VAD hears nothing in its first frames
    chunks = get_speech_timestamps(audio[first - lead : last], speech_pad_ms=0)
    if sum(max(0, c["end"] - max(c["start"], lead)) for c in chunks) < HEARD_SHARE * (last - first):
        return False
    log.info("Kept a stock phrase the VAD hears as speech: %r", segment.text)
    return True


def _revision_words(segments: Iterable[WhisperSegment], audio: np.ndarray) -> list[Word]:
    """A revision's words; none when its decode still loops after the temperature fallback,
    so the committed text stays. faster-whisper then returns a segment over its
    compression-ratio threshold: "But, more is a way to sssss…" replaced "But more as a way
    to" in one real-time run of en_lucier. (The final pass keeps such a segment: it has no
    other text for that audio.)"""
    decoded = list(segments)
    looped = next((s for s in decoded if s.compression_ratio > LOOP_COMPRESSION), None)
    if looped is not None:
        log.info("A revision looped (%r): the live text stays as it was", looped.text[:80])
        return []
    return _words(decoded, audio=audio)[1]


DISTINCT_CHANNELS = 0.01  # a channel this close to the first (in energy) is a copy of it
# The final pass reads a recording in pieces this long (a piece's decode takes memory with its
# length: on 20 min of speech, pieces of 10 min peaked at 1.1-1.3 GB, and more on a longer
# file; of 2 min, at 0.6-0.7 GB whatever the length, and read no worse: WER 13.2 against
# 13.6 % in Portuguese, 11.2 against 12.0 % in English; docs/benchmarks.md)...
FINAL_CHUNK_SECONDS = 120.0
CUT_SEARCH_SECONDS = 30.0  # ...each cut in the longest pause of its last half minute
LIVE_TOKENS_PER_SECOND = 8  # fast speech is about 4 words, 6 tokens, a second
REVISION_DEADLINE = 4.0  # seconds a revision may wait for a free model worker, then dropped
REVISION_TEMPERATURES = (0.0, 0.4, 0.8)  # the final pass's fallback, in fewer steps
LOOP_COMPRESSION = 2.4  # a decoded text that zlib compresses more than this is a loop


@dataclass(frozen=True)
class EngineSettings:
    model: str = BUNDLED_MODEL
    compute_type: str = "int8"
    final_beam_size: int = 5
    live_beam_size: int = 1
    live_context: float = 10.0  # seconds the live encoder sees at least (30: Whisper's own)
    workers: int = MODEL_WORKERS  # passes the model runs at once
    revise: bool = True  # re-decode each utterance at final-pass quality when it ends

    def final_options(self) -> dict[str, object]:
        """faster-whisper options of the final pass, which revisions share (less its VAD: an
        utterance is speech already). The one home of these options: benchmarks use it."""
        return {
            "beam_size": self.final_beam_size,
            "word_timestamps": True,
            "condition_on_previous_text": False,
            "hallucination_silence_threshold": 2.0,
            "compression_ratio_threshold": LOOP_COMPRESSION,  # faster-whisper's default
        }


class _Held(NamedTuple):
    """A final pass's settings and the model it holds to its end, whatever Preferences say
    meanwhile."""

    settings: EngineSettings
    model: WhisperModel


class Engine:
    """Shared by every session: the model, the live scheduler, the final-pass pool."""

    def __init__(
        self,
        settings: EngineSettings | None = None,
        registry: ModelRegistry = MODELS,
        voice_book: VoiceBook | None = None,
    ):
        self.settings = settings or EngineSettings()
        self._registry = registry
        self.live = LiveScheduler(self.settings.workers)
        self.pool = QThreadPool.globalInstance()
        self._live_model: ShortContextWhisper | None = None
        self.voice_book = voice_book or VoiceBook()  # voices the user named
        self._embedder: SpeakerEmbedder | None = None
        self._embedder_lock = threading.Lock()

    def model(self, settings: EngineSettings | None = None) -> WhisperModel:
        """The shared model of ``settings`` (default: the engine's now), loaded on first use
        (call it off the GUI thread)."""
        settings = settings or self.settings
        return self._registry.get(settings.model, settings.compute_type, settings.workers)

    def use(self, settings: EngineSettings) -> None:
        """Make ``settings`` the engine's, their model loaded (``model``), and forget the
        other models: the passes running on them finish on them (they hold them), the passes
        to come take this one."""
        self.settings = settings
        self._live_model = None
        self._registry.keep_only(settings.model, settings.compute_type, settings.workers)

    @property
    def model_loaded(self) -> bool:
        return self._registry.is_loaded(
            self.settings.model, self.settings.compute_type, self.settings.workers
        )

    def live_model(self) -> WhisperModel:
        """The shared model, as the live passes use it (see ``short_context``)."""
        model = self.model()
        seconds = self.settings.live_context
        if seconds * model.frames_per_second >= FULL_CONTEXT_FRAMES:
            return model
        live = self._live_model
        if live is None or live.base_model is not model or live.min_seconds != seconds:
            live = self._live_model = ShortContextWhisper(model, seconds)
        return live

    def embedder(self) -> SpeakerEmbedder:
        """The voice-embedding model of speaker labels, made on first use."""
        with self._embedder_lock:
            if self._embedder is None:
                self._embedder = SpeakerEmbedder()
            return self._embedder

    def submit(self, work: Callable[[], None]) -> None:
        self.pool.start(Job(work))

    def wait(self) -> None:
        """Block until every live and final pass has finished (for shutdown and tests)."""
        self.live.wait()
        self.pool.waitForDone()

    def transcribe_window(
        self, audio: np.ndarray, language: str | None, prompt: str, terms: Sequence[str] = ()
    ) -> tuple[list[Word], str, float]:
        """A fast live pass over a short window: greedy, no fallback, word timings, and at most
        ``LIVE_TOKENS_PER_SECOND`` tokens per second of audio, so a pass stuck in a loop ends
        in a fraction of a second instead of decoding 448 tokens. ``terms``: the vocabulary."""
        seconds = len(audio) / MODEL_RATE
        segments, info = self.live_model().transcribe(
            audio,
            language=language,
            beam_size=self.settings.live_beam_size,
            max_new_tokens=int(LIVE_TOKENS_PER_SECOND * seconds) + 16,
            temperature=0.0,
            condition_on_previous_text=False,
            initial_prompt=prompt or None,
            hotwords=hotwords(terms),
            word_timestamps=True,
        )
        return _words(list(segments), audio=audio)[1], info.language, info.language_probability

    def transcribe_utterance(
        self,
        audio: np.ndarray,
        language: str | None,
        terms: Sequence[str] = (),
        usual: str | None = None,
    ) -> tuple[list[Word], str]:
        """A revision: stretches of speech decoded as the final pass decodes (beam search,
        Whisper's full 30 s context, no prompt: the stretch before as a prompt read worse, 28.7
        against 27.4 % WER), its words timed from the start of ``audio``; and the language it
        was heard in. Unlike the final pass, its temperature fallback stops at
        ``REVISION_TEMPERATURES`` and it decodes at most ``LIVE_TOKENS_PER_SECOND`` tokens a
        second: a stuttered "until the, or, or, or the" (en_lucier) sent a revision through
        every fallback for 14.5 s, and the revisions queued behind it went stale.

        Without a ``language`` (the user left it to detect), the stretch's own language is
        detected, as the final pass detects each segment's: a meeting that goes from English to
        Portuguese is revised in Portuguese. ``usual``, the language heard so far (if any), is
        kept unless the detection is ``LOCK_LANGUAGE_PROBABILITY`` sure of another."""
        model = self.model()
        options = {
            **self.settings.final_options(),
            "hotwords": hotwords(terms),
            "temperature": REVISION_TEMPERATURES,
            "max_new_tokens": int(LIVE_TOKENS_PER_SECOND * len(audio) / MODEL_RATE) + 16,
        }
        if language is not None or not model.model.is_multilingual:  # tiny.en: nothing to detect
            segments, _ = model.transcribe(audio, language=language or "en", **options)
            return _revision_words(segments, audio), language or "en"
        stretch = StretchLanguage(model, usual, LOCK_LANGUAGE_PROBABILITY)
        segments, _ = stretch.transcribe(audio, language=usual or "en", **options)
        words = _revision_words(segments, audio)  # (the language is detected as they are decoded)
        assert stretch.language is not None  # detected, with nothing heard before
        return words, stretch.language

    def transcribe_recording(
        self,
        path: Path,
        language: str | None = None,
        progress: Callable[[float], None] | None = None,
        cancelled: Callable[[], bool] = lambda: False,
        terms: Sequence[str] = (),
        speakers: SpeakerSetting = AUTO,
        channel_names: Sequence[str] = (),
        settings: EngineSettings | None = None,
    ) -> Transcript:
        """The final pass over a recording's .wav, read ``FINAL_CHUNK_SECONDS`` at a time and
        cut in the longest pause near each chunk's end, so memory does not grow with the
        length of a meeting. Without ``language``, each segment is heard in its own (see
        ``_decode``), on every channel. ``terms``: the vocabulary. ``speakers``: label them by voice
        (``AUTO``, a count; speakers whose voice the user named before get that name), by
        channel (``CHANNELS``: each channel transcribed on its own; a mono recording, or one
        whose channels are copies of each other, is labelled by voice instead; a word heard
        on two channels is kept where it is louder, see ``core.echoes``) or not
        (``OFF``); ``channel_names`` name the channels' speakers ("You", "Others"). A
        multi-channel .wav is otherwise heard as its mix. ``settings``: the model and options
        to use (default: the engine's now).
        ``StorageError`` if the file cannot be read; ``TranscriptionCancelled`` within a
        segment of ``cancelled()`` turning true. The memory the pass freed is handed back to
        the system when it ends."""
        # Preferences may change the model meanwhile: not this pass's, which holds its own
        settings = settings or self.settings
        held = _Held(settings, self.model(settings))
        try:
            if speakers == CHANNELS and distinct_channels(path):
                parts = self._transcribe_channels(held, path, language, progress, cancelled, terms)
                with soundfile.SoundFile(path) as wav:
                    parts = drop_echoes(parts, loudness_in(wav))
                return by_channel(parts, channel_names)
            if speakers == CHANNELS:
                log.info("%s has no distinct channels: speakers are told by voice", path.name)
                speakers = AUTO
            voices = None if speakers == OFF else VoiceCollector(self.embedder(), speakers)
            transcript = self._transcribe_wav(
                held, path, language, progress, cancelled, terms, voices
            )
            if voices is None:
                return transcript
            return self.voice_book.recognise(voices.label(transcript))
        except (OSError, soundfile.SoundFileError) as error:
            raise StorageError(
                QCoreApplication.translate(
                    "StorageError", "The recording {path} cannot be read: {error}."
                ).format(path=path, error=error)
            ) from error
        finally:
            release_free_memory()

    def _transcribe_channels(
        self,
        held: _Held,
        path: Path,
        language: str | None,
        progress: Callable[[float], None] | None,
        cancelled: Callable[[], bool],
        terms: Sequence[str],
    ) -> list[Transcript]:
        """Each channel transcribed on its own, each in its own language when none is given
        (a call's two sides may speak two)."""
        count = soundfile.info(str(path)).channels
        parts: list[Transcript] = []
        for channel in range(count):
            step = None if progress is None else partial(_part_progress, progress, channel, count)
            part = self._transcribe_wav(held, path, language, step, cancelled, terms, None, channel)
            parts.append(part)
        return parts

    def _transcribe_wav(
        self,
        held: _Held,
        path: Path,
        language: str | None,
        progress: Callable[[float], None] | None,
        cancelled: Callable[[], bool],
        terms: Sequence[str],
        voices: VoiceCollector | None,
        channel: int | None = None,
    ) -> Transcript:
        """The final pass over one ``channel`` of the .wav, or over its mix (None). With no
        ``language`` given, each segment is heard in its own (see ``_decode``), and the
        transcript is labelled with the first piece's that held speech (none without speech:
        Whisper's guess on silence or music is no language). A quiet piece is brought up to
        speech level first (``core.gain``)."""
        segments: list[Segment] = []
        found = detected = ""
        with soundfile.SoundFile(path) as wav:  # ours: 16 kHz, mono unless channels are kept
            total = wav.frames / MODEL_RATE
            offset = 0
            while offset < wav.frames:
                wav.seek(offset)
                frames = wav.read(int(FINAL_CHUNK_SECONDS * MODEL_RATE), "float32", True)
                block = frames.mean(axis=1) if channel is None else frames[:, channel]
                block = audible(np.ascontiguousarray(block, np.float32))
                if offset + len(block) < wav.frames:
                    block = block[: _pause_near_end(block)]
                part, found = self._decode(
                    held,
                    block,
                    language,
                    progress,
                    offset / MODEL_RATE,
                    total,
                    cancelled,
                    terms,
                )
                if part and not detected:  # a piece of silence does not pick the language
                    detected = found
                if voices is not None:
                    voices.add(block, offset / MODEL_RATE, part)
                segments += part
                offset += len(block)
                if progress is not None:
                    progress(offset / wav.frames)
        return Transcript(language or detected, round(total, 3), segments)

    def _decode(
        self,
        held: _Held,
        audio: np.ndarray,
        language: str | None,
        progress: Callable[[float], None] | None,
        offset: float,
        total: float,
        cancelled: Callable[[], bool],
        terms: Sequence[str] = (),
    ) -> tuple[list[Segment], str]:
        """Final-pass segments of ``audio``, which starts ``offset`` seconds into ``total``.
        Without a ``language``, faster-whisper detects one for every segment (``multilingual``),
        not once from the first 30 s: a meeting that goes from English to Portuguese had its
        Portuguese translated into English (WER 66.0 against 8.2 %, 135 s built from the shared
        clips), and the other way round its English written as made-up Portuguese (29.7 against
        9.4 %). On one language it changed nothing: the 22 shared clips and 170 s of their
        Portuguese joined read the same (29.5 and 16.1 %)."""
        segments, info = held.model.transcribe(
            audio,
            language=language,
            multilingual=language is None,
            vad_filter=True,
            hotwords=hotwords(terms),
            **held.settings.final_options(),
        )
        collected = []
        for segment in segments:
            if cancelled():
                raise TranscriptionCancelled
            collected.append(segment)
            if progress is not None and total > 0:
                progress(min(1.0, (offset + segment.end) / total))
        return _words(collected, offset, audio)[0], info.language


def _part_progress(progress: Callable[[float], None], part: int, parts: int, done: float) -> None:
    progress((part + done) / parts)


def distinct_channels(path: Path) -> bool:
    """Whether the .wav at ``path`` has several channels that are not copies of one another
    (a "stereo" file of a mono recording): each differs from the first by at least
    ``DISTINCT_CHANNELS`` of its energy. Read a block at a time."""
    with soundfile.SoundFile(path) as wav:
        if wav.channels < 2:
            return False
        energy = np.zeros(wav.channels)
        difference = np.zeros(wav.channels)
        for block in wav.blocks(int(FINAL_CHUNK_SECONDS * MODEL_RATE), dtype="float32"):
            energy += np.square(block, dtype=np.float64).sum(axis=0)
            difference += np.square(block - block[:, :1], dtype=np.float64).sum(axis=0)
    return bool(np.all(difference[1:] >= DISTINCT_CHANNELS * np.maximum(energy[1:], 1e-12)))


def _pause_near_end(block: np.ndarray) -> int:
    """Where to cut ``block``: the middle of the longest pause in its last
    ``CUT_SEARCH_SECONDS`` (its very end if that is all speech)."""
    from faster_whisper.vad import get_speech_timestamps

    searched = int(CUT_SEARCH_SECONDS * MODEL_RATE)
    start = max(0, len(block) - searched)
    speech = get_speech_timestamps(block[start:], min_silence_duration_ms=200)
    bounds = [
        0,
        *(edge for chunk in speech for edge in (chunk["start"], chunk["end"])),
        len(block) - start,
    ]
    gaps = [(end - begin, begin, end) for begin, end in zip(bounds[::2], bounds[1::2], strict=True)]
    _, begin, end = max(gaps)
    return start + (begin + end) // 2 if end > begin else len(block)


class LiveScheduler:
    """Runs live passes and revisions on ``max_parallel`` threads: a ready live pass first
    (the one whose audio has waited longest), else the oldest revision still wanted; an early
    revision (a guess that a pause will last) only when nothing else runs but its own
    session's live pass, the one that hears the end of the speech."""

    def __init__(self, max_parallel: int = MODEL_WORKERS) -> None:
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(max_parallel)
        self._max_parallel = max_parallel
        self._lock = threading.Lock()
        self._transcribers: dict[StreamingTranscriber, Callable[[], None]] = {}
        self._running: set[StreamingTranscriber] = set()  # a live pass under way
        self._revising: set[StreamingTranscriber] = set()  # a revision under way

    def add(self, transcriber: StreamingTranscriber, on_closed: Callable[[], None]) -> None:
        with self._lock:
            self._transcribers[transcriber] = on_closed

    def wake(self) -> None:
        """Start work while a thread is free and some is ready; let closed transcribers with
        nothing left to revise go (their sessions' final passes start then, on a thread of
        this pool: ``wake`` runs on the recorder threads too, which must never wait for
        another session's lock)."""
        with self._lock:
            while len(self._running) + len(self._revising) < self._max_parallel:
                transcriber = self._next_live()
                if transcriber is not None:
                    self._running.add(transcriber)
                    self._pool.start(Job(partial(self._step, transcriber)))
                    continue
                revision = self._next_revision()
                if revision is None:
                    break
                transcriber, job = revision
                self._revising.add(transcriber)
                self._pool.start(Job(partial(self._revise, transcriber, job)))
            done = [
                t
                for t in self._transcribers
                if t.finished and t not in self._running and t not in self._revising
            ]
            closed = [self._transcribers.pop(t) for t in done]
        for on_closed in closed:
            self._pool.start(Job(on_closed))

    def _next_live(self) -> StreamingTranscriber | None:
        ready = [
            (since, id(t), t)
            for t in self._transcribers
            if t not in self._running and (since := t.pending_since) is not None
        ]
        return min(ready)[2] if ready else None

    def _next_revision(self) -> tuple[StreamingTranscriber, Revision] | None:
        stale = time.monotonic() - REVISION_DEADLINE
        waiting = []
        for transcriber in self._transcribers:
            if transcriber in self._revising:
                continue
            # an early revision may start beside its own session's live pass, nothing else
            idle = not self._revising and self._running <= {transcriber}
            revision = transcriber.next_revision(stale, idle)
            if revision is not None:
                waiting.append((revision.queued_at, id(transcriber), transcriber, revision))
        if not waiting:
            return None
        _, _, transcriber, revision = min(waiting)
        transcriber.take_revision(revision)
        return transcriber, revision

    def _step(self, transcriber: StreamingTranscriber) -> None:
        try:
            transcriber.step()
        except Exception:
            log.exception("Live pass failed; this session's captions stop, its recording goes on")
            transcriber.fail()
        finally:
            with self._lock:
                self._running.discard(transcriber)
        self.wake()

    def _revise(self, transcriber: StreamingTranscriber, revision: Revision) -> None:
        try:
            transcriber.revise(revision)
        except Exception:
            log.exception("Revising an utterance failed; its live text stays")
        finally:
            with self._lock:
                self._revising.discard(transcriber)
        self.wake()

    def wait(self) -> None:
        self._pool.waitForDone()
