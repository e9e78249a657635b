"""Live captions: a streaming policy over the growing audio of one session.

Each pass re-transcribes a bounded window of the newest audio. Words that two consecutive passes
agree on are *committed* (LocalAgreement-2, as in whisper_streaming) and never change; the rest
of the newest pass is *tentative*. Silero VAD gates the model: silence is never transcribed, and
when speech pauses for ``END_SILENCE`` seconds the utterance's tentative words are committed and
the window restarts, so latency does not grow over a long meeting. The window is also trimmed at
committed sentence ends, and forcibly past ``MAX_WINDOW`` seconds.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from transcrevai_desktop.core.devices import MODEL_RATE
from transcrevai_desktop.core.hallucinations import in_foreign_script, normalise
from transcrevai_desktop.core.transcript import Word

log = logging.getLogger(__name__)

MIN_STEP = 0.3  # seconds of new audio before another pass
COMMIT_MARGIN = 0.5  # words ending this close to the end of the audio heard stay tentative
END_SILENCE = 0.5  # trailing silence that ends an utterance
SPEECH_PAD = 0.2  # audio kept around speech when cutting the window
CONTEXT = 1.0  # committed audio kept before a restarted window, so its first word has context
TRIM_AFTER = 6.0  # trim at a committed sentence end once the window is this long
MAX_WINDOW = 15.0  # trim at the last committed word past this length
HARD_WINDOW = 25.0  # commit everything past this length (Whisper sees 30 s at most)
PROMPT_CHARS = 200
MAX_BACKLOG = 30.0  # seconds of audio waiting for live captions; older audio skips them
CLOSE_BACKLOG = 5.0  # more than this waiting at a stop is left to the final pass
KEEP_WORDS = 200  # committed words remembered for overlap checks, trimming and the prompt
REPEAT_WORDS = 3  # a run this long said twice in a row in one pass is a loop: kept once...
MAX_REPEAT_WORDS = 30  # ...up to this long
VAD_FRAME = 512
VAD_THRESHOLD = 0.5
_SENTENCE_END = (".", "?", "!", "…", "。")

LOCK_LANGUAGE_AFTER = 3.0  # seconds of audio before a detected language is trusted...
LOCK_LANGUAGE_PROBABILITY = 0.8  # ...or a detection this sure

# A function that transcribes 16 kHz mono audio: (audio, language, prompt) ->
# (words, detected language, its probability). Word times are relative to the start of ``audio``.
WindowTranscriber = Callable[[np.ndarray, str | None, str], tuple[list[Word], str, float]]


@dataclass(frozen=True)
class CaptionEvent:
    """What the caption view shows: committed text never changes, tentative text may."""

    kind: Literal["committed", "tentative"]
    text: str
    start: float
    end: float
    words: tuple[Word, ...] = ()
    emitted_at: float = field(default_factory=time.monotonic)

    @property
    def continues_word(self) -> bool:
        """Its first word carries on the last one shown, with no space between: Whisper's
        words start with a space unless they continue a word ("quinta" + "-feira") or the
        language writes none (Chinese, Japanese)."""
        return bool(self.words) and not self.words[0].text[:1].isspace()


def join_captions(events: Sequence[CaptionEvent]) -> str:
    """The text of consecutive caption events as one line, spaced as Whisper wrote it."""
    text = ""
    for event in events:
        if event.text:
            text += ("" if not text or event.continues_word else " ") + event.text
    return text


def _key(word: Word) -> str:
    return normalise(word.text)


def without_repeats(words: Sequence[Word]) -> list[Word]:
    """A hypothesis with every run of ``REPEAT_WORDS`` or more words that is said again right
    away kept once. Greedy passes over a short window, prompted with the words before it, fall
    into loops of whole phrases ("until the resonant frequencies of the room. until the
    resonant frequencies of the room."); the text anchor then commits every copy. A speaker's
    real repeat ("it's not, it's not working") loses its echo in the captions only: the final
    pass keeps it."""
    kept: list[Word] = []
    keys = [_key(w) for w in words]
    kept_keys: list[str] = []
    i = 0
    while i < len(words):
        longest = min(len(kept_keys), len(keys) - i, MAX_REPEAT_WORDS)
        size = next(
            (n for n in range(longest, REPEAT_WORDS - 1, -1) if keys[i : i + n] == kept_keys[-n:]),
            0,
        )
        if size:
            i += size
            continue
        kept.append(words[i])
        kept_keys.append(keys[i])
        i += 1
    return kept


class LocalAgreement:
    """Commits the longest prefix on which the last two hypotheses agree."""

    def __init__(self) -> None:
        self.committed_end = 0.0
        self.committed_words: list[Word] = []  # the newest KEEP_WORDS only
        self.previous: list[Word] = []

    def _fresh(self, words: Sequence[Word]) -> list[Word]:
        """The words of a hypothesis that come after what is already committed.

        Anchored on text first: the committed tail (its last 5 down to 1 words) found in the
        hypothesis where it ends near ``committed_end``; the words after it are new. Word
        timings move by a few hundred ms between passes, so cutting by time alone drops a
        short word that starts just before the committed end ("what [your] country"). With no
        anchor, a word is new when its middle lies past the committed end.
        """
        end = self.committed_end
        tail = [_key(w) for w in self.committed_words[-5:]]
        keys = [_key(w) for w in words]
        for size in range(len(tail), 0, -1):
            anchors = [
                i + size
                for i in range(len(words) - size + 1)
                if keys[i : i + size] == tail[-size:] and abs(words[i + size - 1].end - end) < 1.0
            ]
            if anchors:
                after = min(anchors, key=lambda j: abs(words[j - 1].end - end))
                return list(words[after:])
        return [w for w in words if (w.start + w.end) / 2 > end]

    def insert(
        self, words: Sequence[Word], heard_until: float = math.inf
    ) -> tuple[list[Word], list[Word]]:
        """Take a new hypothesis of the audio up to ``heard_until``; return (newly committed
        words, tentative words). Words ending within ``COMMIT_MARGIN`` of the end of the audio
        stay tentative even when both hypotheses agree: there Whisper guesses a word from its
        first syllable ("e" for "este") and ends it with a full stop that the next words undo."""
        fresh = self._fresh(words)
        agreed = 0
        for old, new in zip(self.previous, fresh, strict=False):
            if _key(old) != _key(new) or new.end > heard_until - COMMIT_MARGIN:
                break
            agreed += 1
        committed = self._commit(fresh[:agreed])
        self.previous = fresh[agreed:]
        return committed, list(self.previous)

    def commit_all(self, words: Sequence[Word]) -> list[Word]:
        """Commit a whole hypothesis (the end of an utterance); nothing stays tentative."""
        self.previous = []
        return self._commit(self._fresh(words))

    def _commit(self, words: list[Word]) -> list[Word]:
        if words:
            self.committed_words = [*self.committed_words, *words][-KEEP_WORDS:]
            self.committed_end = words[-1].end
        return words


class SpeechGate:
    """Silero VAD over the window, computed once per 512-sample frame as audio arrives."""

    def __init__(self) -> None:
        from faster_whisper.vad import get_vad_model

        self._model = get_vad_model()
        self.probs = np.zeros(0, np.float32)

    def update(self, window: np.ndarray) -> None:
        """Compute the probabilities of the frames of ``window`` not seen yet."""
        known = len(self.probs)
        total = len(window) // VAD_FRAME
        if total <= known:
            return
        context = min(known, 16)  # half a second of context primes the model's state
        chunk = window[(known - context) * VAD_FRAME : total * VAD_FRAME]
        self.probs = np.concatenate([self.probs, self._model(chunk)[context:]])

    def trim(self, samples: int) -> None:
        self.probs = self.probs[samples // VAD_FRAME :]

    def reset(self) -> None:
        self.probs = np.zeros(0, np.float32)

    def last_speech_end(self, after: float = 0.0) -> float | None:
        """Seconds from the window start to the end of its last speech frame past ``after``."""
        first = int(after * MODEL_RATE) // VAD_FRAME
        speech = np.flatnonzero(self.probs[first:] > VAD_THRESHOLD)
        return None if not speech.size else (first + speech[-1] + 1) * VAD_FRAME / MODEL_RATE


class StreamingTranscriber:
    """The live-audio processor of one session: audio in through ``feed``, events out.

    ``feed`` runs on the recorder's thread and only appends. ``step`` runs on a worker of the
    live scheduler, never two at once for one transcriber.
    """

    def __init__(
        self,
        transcribe: WindowTranscriber,
        on_event: Callable[[CaptionEvent], None],
        language: str | None = None,
    ) -> None:
        self.language = language
        self._transcribe = transcribe
        self._on_event = on_event
        self._lock = threading.Lock()
        self._incoming: list[np.ndarray] = []
        self._incoming_samples = 0
        self._skipped_samples = 0  # skipped since the last step
        self.skipped_seconds = 0.0  # in all: audio the live captions never showed
        self._pending_since: float | None = None
        self._closing = False
        self.closed = False
        self._window = np.zeros(0, np.float32)
        self._window_start = 0.0
        self._gate = SpeechGate()
        self._agreement = LocalAgreement()
        self._prompt_words: list[str] = []
        self._last_pass_end = 0.0  # audio time up to which the last pass heard
        self._new_speech_from = 0.0  # window seconds before which speech is already committed

    # -- recorder side -----------------------------------------------------------------------
    def feed(self, audio: np.ndarray) -> None:
        """Queue audio for the next pass. When the CPU cannot keep up and more than
        ``MAX_BACKLOG`` seconds wait, the oldest skip the live captions (memory stays bounded;
        the recording and the final transcript keep every sample)."""
        with self._lock:
            self._incoming.append(audio)
            self._incoming_samples += len(audio)
            while self._incoming_samples - len(self._incoming[0]) >= MAX_BACKLOG * MODEL_RATE:
                skipped = self._incoming.pop(0)
                self._incoming_samples -= len(skipped)
                self._skipped_samples += len(skipped)
            if self._pending_since is None:
                self._pending_since = time.monotonic()

    def close(self) -> None:
        """No more audio: the next step commits what is left and closes the transcriber."""
        with self._lock:
            self._closing = True
            if self._pending_since is None:
                self._pending_since = time.monotonic()

    # -- scheduler side ----------------------------------------------------------------------
    @property
    def pending_since(self) -> float | None:
        """When the oldest audio not yet looked at arrived, if it is worth a step now."""
        with self._lock:
            if self.closed:
                return None
            if self._closing or self._incoming_samples >= MIN_STEP * MODEL_RATE:
                return self._pending_since
            return None

    @property
    def backlog_seconds(self) -> float:
        """Audio received but not yet looked at: how far the captions lag behind."""
        with self._lock:
            return self._incoming_samples / MODEL_RATE

    def step(self) -> None:
        """One pass over the new audio, or the close. Closing with more than
        ``CLOSE_BACKLOG`` seconds not yet looked at (the captions fell behind), that audio
        skips the captions: transcribing it would only delay the final pass, which covers it."""
        with self._lock:
            incoming, pending = self._incoming, self._incoming_samples
            self._incoming, self._incoming_samples = [], 0
            skipped, self._skipped_samples = self._skipped_samples, 0
            self._pending_since = None
            closing = self._closing
        if closing and pending > CLOSE_BACKLOG * MODEL_RATE:
            skipped, incoming = skipped + pending, []
        if skipped:
            self._skip(skipped / MODEL_RATE)
        if incoming:
            self._window = np.concatenate([self._window, *incoming])
        self._gate.update(self._window)
        speech_end = self._gate.last_speech_end(after=self._new_speech_from)
        duration = len(self._window) / MODEL_RATE
        if closing:
            if speech_end is not None:
                self._commit_utterance(min(duration, speech_end + SPEECH_PAD))
            self.closed = True
        elif speech_end is None:
            self._restart_at(duration)
        elif duration - speech_end >= END_SILENCE:
            self._commit_utterance(speech_end + SPEECH_PAD)
        elif duration >= HARD_WINDOW:
            self._commit_utterance(duration)
        else:
            self._pass()

    # -- passes ------------------------------------------------------------------------------
    def _run_model(self, audio: np.ndarray) -> list[Word]:
        prompt = " ".join(self._prompt_words)[-PROMPT_CHARS:]
        words, language, probability = self._transcribe(audio, self.language, prompt)
        log.debug(
            "pass %.2f-%.2f s: %s",
            self._window_start,
            self._window_start + len(audio) / MODEL_RATE,
            "".join(w.text for w in words),
        )
        if self.language is None and (
            probability >= LOCK_LANGUAGE_PROBABILITY
            or len(audio) >= LOCK_LANGUAGE_AFTER * MODEL_RATE
        ):
            self.language = language
        return [
            Word(w.start + self._window_start, w.end + self._window_start, w.text, w.probability)
            for w in without_repeats(words)
            # a lone ". ." is no word, and in the prompt it breeds more of them
            if _key(w) and not in_foreign_script(w.text, self.language)
        ]

    def _pass(self) -> None:
        self._last_pass_end = self._window_start + len(self._window) / MODEL_RATE
        committed, tentative = self._agreement.insert(
            self._run_model(self._window), self._last_pass_end
        )
        self._emit("committed", committed)
        self._emit("tentative", tentative)
        self._trim_committed()

    def _commit_utterance(self, cut: float) -> None:
        """Commit everything up to ``cut`` seconds into the window and restart the window there.

        When the last pass already heard the utterance to its end, its tentative words are the
        transcript of exactly that audio: commit them at once instead of running the model again.
        """
        if self._last_pass_end >= self._window_start + cut - SPEECH_PAD / 2:
            hypothesis = self._agreement.previous
        else:
            hypothesis = self._run_model(self._window[: int(cut * MODEL_RATE)])
        committed = self._agreement.commit_all(hypothesis)
        self._emit("committed", committed)
        self._emit("tentative", [])
        self._restart_at(cut)

    def _skip(self, seconds: float) -> None:
        """Jump the window over ``seconds`` of audio the captions will not show: what the last
        pass heard is committed as it stood, and a new window starts after the gap."""
        committed = self._agreement.commit_all(self._agreement.previous)
        self._emit("committed", committed)
        self._emit("tentative", [])
        self._window_start += len(self._window) / MODEL_RATE + seconds
        self._window = np.zeros(0, np.float32)
        self._gate.reset()
        self._new_speech_from = 0.0
        self.skipped_seconds += seconds
        log.warning("Live captions skipped %.1f s to keep up; the recording has it all", seconds)

    def _trim_committed(self) -> None:
        duration = len(self._window) / MODEL_RATE
        new_from = self._window_start + self._new_speech_from
        in_window = [w for w in self._agreement.committed_words if w.end > new_from]
        if not in_window:
            return
        cut_word = None
        if duration > TRIM_AFTER:
            cut_word = next(
                (w for w in reversed(in_window) if w.text.rstrip().endswith(_SENTENCE_END)), None
            )
        if cut_word is None and duration > MAX_WINDOW:
            cut_word = in_window[-1]
        if cut_word is not None:
            self._restart_at(cut_word.end - self._window_start)

    def _restart_at(self, cut: float) -> None:
        """Start the window anew at ``cut`` seconds into it: what came before is committed or
        silence. ``CONTEXT`` seconds of it stay, since Whisper mishears a window that begins
        on a word; the VAD and the commit filter ignore them."""
        samples = (int(max(0.0, cut - CONTEXT) * MODEL_RATE) // VAD_FRAME) * VAD_FRAME
        self._new_speech_from = max(0.0, cut - samples / MODEL_RATE)
        if samples <= 0:
            return
        self._window = self._window[samples:]
        self._window_start += samples / MODEL_RATE
        self._gate.trim(samples)
        self._prompt_words = [
            w.text.strip() for w in self._agreement.committed_words if w.end <= self._window_start
        ][-60:]

    def _emit(self, kind: Literal["committed", "tentative"], words: list[Word]) -> None:
        if kind == "committed" and not words:
            return
        text = "".join(w.text for w in words).strip()
        start = words[0].start if words else self._window_start
        end = words[-1].end if words else self._window_start
        self._on_event(CaptionEvent(kind, text, start, end, tuple(words)))
