"""Live captions: a streaming policy over the growing audio of one session.

Each pass re-transcribes a bounded window of the newest audio. Words that two consecutive passes
agree on are *committed* (LocalAgreement-2, as in whisper_streaming); the rest of the newest pass
is *tentative*. Silero VAD gates the model: silence is never transcribed (nor is a pass run
again over the silence after speech that a pass heard to its end), and when speech pauses
for ``END_SILENCE`` seconds the utterance's tentative words are committed and the window
restarts, so latency does not grow over a long meeting. The window is also trimmed at committed
sentence ends, and forcibly past ``MAX_WINDOW`` seconds. A quiet microphone's audio is brought
up to speech level before the VAD, the passes and the revisions hear it (``core.gain``).

**Revisions.** Greedy passes over short windows mishear what the final pass gets right, so each
stretch of committed speech is decoded again, at final-pass quality, once it ends, and its text
*revised* (replaced) as a whole: between two pauses no text anchor is needed. A stretch (an
*utterance* of the caption events) ends at a pause once it holds ``MIN_REVISION`` seconds, or
after ``REVISE_IDLE`` seconds of silence whatever its length: Whisper mishears a second of speech
heard alone ("I regard..." for "I regard this activity"), and revising one-word utterances one
by one left en_lucier at 15 % WER where stretches of 5 s read 9.5 % (final pass: 0 %). Someone
talking on without a pause is revised in pieces, cut at a committed sentence end once the piece
is ``REVISE_PIECE`` seconds long (at the last committed word past ``REVISE_MAX``), so a revision
never waits for the end of a monologue. Committed events are split at sentence ends, so every
cut falls between two events and each event belongs to one utterance.

**Joined revisions.** A stretch shorter than ``MIN_REVISION`` ends only after ``REVISE_IDLE``
seconds of silence; when the speech before it paused for less than that (its stretch ends where
this one starts), the short stretch is most often the end of the sentence before, said after a
breath: "It's destroyed." alone, "with perhaps the exception of rhythm, is destroyed." heard
with it (en_lucier). Such a stretch is decoded together with the stretch before it (up to
``REVISE_MAX`` seconds in all), and both get a ``revised`` event: the one before is revised
again, with the words whose middle lies before the split, and this one with the rest.

**Early revisions.** A stretch that a pause would end is decoded again as soon as the VAD has
heard the pause last ``EARLY_SILENCE`` seconds, before it has lasted ``END_SILENCE`` and before
the live pass that hears the stretch's last words has run: the decode runs beside that pass, on
the other model worker, and the revision comes that much sooner (a revision's decode is most of
its latency: 0.8–1.8 s on a 2-core CPU). The result is held until the pause is confirmed and the
stretch committed, so a ``revised`` event still follows every committed event it replaces; if
speech goes on instead, it is dropped and the stretch goes on. Only a model that runs nothing
but the session's own live pass starts one (``next_revision``), which busy tabs seldom leave it.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from typing import Literal, NamedTuple

import numpy as np

from transcrevai_desktop.core.devices import MODEL_RATE
from transcrevai_desktop.core.gain import LiveLevel, amplified
from transcrevai_desktop.core.hallucinations import in_foreign_script, normalise
from transcrevai_desktop.core.transcript import Word, ends_sentence

log = logging.getLogger(__name__)

MIN_STEP = 0.3  # seconds of new audio before another pass
COMMIT_MARGIN = 0.5  # words ending this close to the end of the audio heard stay tentative
END_SILENCE = 0.5  # trailing silence that ends an utterance
EARLY_SILENCE = 0.3  # trailing silence after which a stretch is revised early (see above)
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

LOCK_LANGUAGE_AFTER = 3.0  # seconds of audio before a detected language is trusted...
LOCK_LANGUAGE_PROBABILITY = 0.8  # ...or a detection this sure...
# ...on this much audio at least: the first second of a Portuguese reading was English, 0.83 sure
LOCK_LANGUAGE_MIN = 2.0

MIN_REVISION = 5.0  # a stretch ends at a pause once it is this long (seconds of audio)...
REVISE_IDLE = 2.0  # ...or after this much silence
REVISE_PIECE = 12.0  # without a pause: cut at a committed sentence end past this...
REVISE_MAX = 20.0  # ...or at the last committed word past this
HISTORY = 30.0  # seconds of audio kept for revisions at most
REVISION_TAIL = 0.5  # audio a revision hears past the end of its stretch (see ``Revision``)
# Silence a stretch starts with: the live VAD misses soft or noisy speech ("muito bem eu acho
# que nós", the start of ptbr_nurcsp_D2_255_2382), which the revision then hears. Speech the
# VAD heard and no pass wrote words for, ``REVISE_IDLE`` seconds before the stretch or less, is
# part of it too (see ``_lead``). Half a second, as the final pass's VAD pads speech, read worse
# stepped through (mean revised WER 23.4 -> 24.4 %; "fonético" lost, "I regard" still "By regard").
REVISION_LEAD = 2.0
MAX_WAITING_REVISIONS = 4  # a session's revisions waiting for the model; older ones are dropped
SAME_END = 0.01  # seconds: an early revision's stretch and the confirmed one end together
CUT_OVERLAP = 0.3  # a stretch's last word ending this close to its cut may be heard again next
SAME_ENDING = 0.75  # difflib's ratio of a word heard again and the end of the word it repeats

# A function that transcribes 16 kHz mono audio: (audio, language, prompt, vocabulary) ->
# (words, detected language, its probability). Word times are relative to the start of ``audio``.
WindowTranscriber = Callable[
    [np.ndarray, str | None, str, Sequence[str]], tuple[list[Word], str, float]
]
# The same at final-pass quality, for revisions: (audio, language or None to detect,
# vocabulary, the language heard so far) -> (words, the language they were heard in).
UtteranceTranscriber = Callable[
    [np.ndarray, str | None, Sequence[str], str | None], tuple[list[Word], str]
]


class Stretch(NamedTuple):
    """A stretch of speech that was revised: its utterance, and its start and end (seconds of
    the recording)."""

    utterance: int
    start: float
    end: float


@dataclass(frozen=True)
class Revision:
    """A stretch of speech that ended, waiting to be decoded again: ``audio`` is the audio from
    ``start`` to ``end`` (seconds of the recording) and up to ``REVISION_TAIL`` seconds more.
    The pause that ends a stretch is found by the VAD, which hears the soft end of a last word
    ("fonético") as silence: cut there, the revision heard "fonte for nature". Words that
    start after ``end`` belong to the next stretch and are left out. (Hearing as much before
    ``start`` and keeping the words that start inside the stretch was tried: Whisper times a
    first word from the start of its audio, so "I regard" lost its "I".)"""

    utterance: int
    start: float
    end: float
    audio: np.ndarray = field(repr=False)
    language: str | None  # the user's choice; None: detect the stretch's own
    early: bool = False  # queued before the pause that ends the stretch was confirmed
    joins: Stretch | None = None  # the stretch before, heard with this one (module docstring)
    split: float = 0.0  # where this stretch's own audio starts (``start`` unless joined)
    queued_at: float = field(default_factory=time.monotonic)

    def alone(self) -> Revision:
        """A joined revision's own stretch, without the stretch before."""
        skip = int((self.split - self.start) * MODEL_RATE)
        return replace(self, start=self.split, audio=self.audio[skip:], joins=None)


@dataclass(frozen=True)
class _Revised:
    """A revision's outcome, to publish: its events (two for a joined revision), and the live
    passes' language it may change (from ``usual`` to ``language``)."""

    events: tuple[CaptionEvent, ...]
    usual: str | None
    language: str | None  # None: no change


CaptionKind = Literal["committed", "tentative", "revised"]


@dataclass(frozen=True)
class CaptionEvent:
    """What the caption view shows.

    * ``committed``: words that stay until their utterance is revised;
    * ``tentative``: the newest words, replaced by the next tentative event;
    * ``revised``: the utterance ``utterance`` re-decoded at final-pass quality once it ended.
      It replaces every committed caption of that utterance, which are exactly the committed
      captions whose middle, ``(start + end) / 2``, lies inside its ``[start, end]``. An
      utterance may be revised twice: again, with the same ``[start, end]``, when a short one
      after it is decoded with it (a joined revision, see the module's docstring); the latest
      revision holds.

    ``utterance`` numbers the stretches of speech that are revised as one (from 1, in order);
    committed and tentative events carry the number of the utterance they belong to.
    """

    kind: CaptionKind
    text: str
    start: float
    end: float
    words: tuple[Word, ...] = ()
    utterance: int = 0
    emitted_at: float = field(default_factory=time.monotonic)

    @property
    def middle(self) -> float:
        return (self.start + self.end) / 2

    @property
    def continues_word(self) -> bool:
        """Its first word carries on the last one shown (``Word.continues``)."""
        return bool(self.words) and self.words[0].continues


def join_captions(events: Sequence[CaptionEvent]) -> str:
    """The text of consecutive caption events as one line, spaced as Whisper wrote it."""
    text = ""
    for event in events:
        if event.text:
            text += ("" if not text or event.continues_word else " ") + event.text
    return text


def as_shown(
    committed: Sequence[CaptionEvent], revisions: Mapping[int, CaptionEvent]
) -> list[CaptionEvent]:
    """The live captions as shown: each utterance's ``committed`` events, or its revision
    (``revisions``, by utterance) once it came."""
    shown: list[CaptionEvent] = []
    for event in committed:
        revision = revisions.get(event.utterance)
        if revision is None:
            shown.append(event)
        elif not shown or shown[-1] is not revision:
            shown.append(revision)
    return shown


def _key(word: Word) -> str:
    return normalise(word.text)


def heard_twice(last: Word, first: Word, cut: float) -> bool:
    """Whether ``first``, the first word of a stretch that starts at ``cut``, is ``last``, the
    last word of the stretch before, heard again: each revision hears ``REVISION_TAIL``
    seconds past its end, so a word said across the cut reaches both ("too cruel." then
    "rule.", en_sonnet; "words and" then "And here's", en_mfa, where "and" was said once).
    Both words touch the cut, and the second is the first or sounds like its end ("rule" for
    "ruel"). A word said twice across a pause is not: the pause keeps the first from the cut."""
    if last.end < cut - CUT_OVERLAP or first.start > cut + CUT_OVERLAP:
        return False
    before, after = _key(last), _key(first)
    if after == before:
        return True
    ending = before[-len(after) :]
    return len(after) >= 3 and SequenceMatcher(None, ending, after).ratio() >= SAME_ENDING


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

    def update(self, window: np.ndarray, factor: float = 1.0) -> None:
        """Compute the probabilities of the frames of ``window`` not seen yet, heard multiplied
        by ``factor`` (a quiet microphone's gain, ``core.gain``)."""
        known = len(self.probs)
        total = len(window) // VAD_FRAME
        if total <= known:
            return
        context = min(known, 16)  # half a second of context primes the model's state
        chunk = window[(known - context) * VAD_FRAME : total * VAD_FRAME]
        chunk = amplified(chunk, factor)
        self.probs = np.concatenate([self.probs, self._model(chunk)[context:]])

    def trim(self, samples: int) -> None:
        self.probs = self.probs[samples // VAD_FRAME :]

    def reset(self) -> None:
        self.probs = np.zeros(0, np.float32)

    def first_speech_start(self, after: float = 0.0) -> float | None:
        """Seconds from the window start to the start of its first speech frame past
        ``after``."""
        frames = self._speech_frames(after)
        return None if frames is None else frames[0] * VAD_FRAME / MODEL_RATE

    def last_speech_end(self, after: float = 0.0) -> float | None:
        """Seconds from the window start to the end of its last speech frame past ``after``."""
        frames = self._speech_frames(after)
        return None if frames is None else (frames[-1] + 1) * VAD_FRAME / MODEL_RATE

    def _speech_frames(self, after: float) -> np.ndarray | None:
        first = int(after * MODEL_RATE) // VAD_FRAME
        speech = np.flatnonzero(self.probs[first:] > VAD_THRESHOLD)
        return first + speech if speech.size else None


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
        revise: UtteranceTranscriber | None = None,
        vocabulary: Sequence[str] = (),
    ) -> None:
        self.language = language  # the live passes' (detected and locked, if not chosen)
        self._chosen_language = language
        self.vocabulary = tuple(vocabulary)
        self._transcribe = transcribe
        self._revise = revise
        self._on_event = on_event
        self._lock = threading.Lock()
        self._incoming: list[np.ndarray] = []
        self._incoming_samples = 0
        self._skipped_samples = 0  # skipped since the last step
        self.skipped_seconds = 0.0  # in all: audio the live captions never showed
        self._pending_since: float | None = None
        self._step_after = int(MIN_STEP * MODEL_RATE)  # samples of new audio that make a step
        self._closing = False
        self.closed = False
        self._window = np.zeros(0, np.float32)
        self._window_start = 0.0
        self._gate = SpeechGate()
        self._agreement = LocalAgreement()
        self._prompt_words: list[str] = []
        self._prompt_since = 0.0  # words heard before a change of language are no prompt
        self._prompt_language = language
        self._last_pass_end = 0.0  # audio time up to which the last pass heard
        self._new_speech_from = 0.0  # window seconds before which speech is already committed
        # the stretch being committed, to be revised when it ends (audio times)
        self._level = LiveLevel()  # a quiet microphone's...
        self.gain = 1.0  # ...gain now (``core.gain``), which the window reads
        self._history = np.zeros(0, np.float32)  # the audio from ``_history_start`` on
        self._history_start = 0.0
        self._utterance = 1
        self._unit_start = 0.0
        self._wordless_from: float | None = None  # speech no pass wrote words for (audio time)
        self._wordless_until = 0.0
        self._unit_words: list[Word] = []
        self._unit_pause: float | None = None  # where its last utterance ended
        self._words_since_pause = 0
        self._heard_speech_until = 0.0  # audio time of the last speech the VAD found
        self._revisions: deque[Revision] = deque(maxlen=MAX_WAITING_REVISIONS)
        # the last revised word of the latest two utterances revised, by utterance
        self._revised_ends: dict[int, Word] = {}
        # the stretch revised last (a short one after it may join it)
        self._last_stretch: Stretch | None = None
        # the early revision of the current stretch, its pause not yet confirmed (under _lock)
        self._early: Revision | None = None
        self._early_result: _Revised | None = None  # decoded before the pause was confirmed
        self._confirmed_early: Revision | None = None  # confirmed while it was being decoded

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
            if self._closing or self._incoming_samples >= self._step_after:
                return self._pending_since
            return None

    @property
    def finished(self) -> bool:
        """Closed, and no revision waits: its session may run the final pass."""
        with self._lock:
            return self.closed and not self._revisions

    def fail(self) -> None:
        """A pass failed: the captions stop (the recording goes on)."""
        with self._lock:
            self.closed = True
            self._revisions.clear()
            self._early = self._early_result = self._confirmed_early = None

    def next_revision(self, stale_before: float, idle: bool = True) -> Revision | None:
        """The oldest revision waiting, after dropping those queued before ``stale_before``;
        an early one whose pause is not yet confirmed only if the model is ``idle``."""
        with self._lock:
            while self._revisions and self._revisions[0].queued_at < stale_before:
                dropped = self._revisions.popleft()
                log.info("Revision of utterance %d skipped: the model was busy", dropped.utterance)
            if not self._revisions or (self._revisions[0] is self._early and not idle):
                return None
            return self._revisions[0]

    def take_revision(self, revision: Revision) -> None:
        with self._lock:
            self._revisions.remove(revision)

    def revise(self, revision: Revision) -> None:
        """Decode a stretch again at final-pass quality and emit its ``revised`` event (on a
        scheduler thread; it may run beside ``step``). A revision that finds no words leaves
        the committed text as it is; a first word the revision before ended with, said
        across the cut between them, is left out (``heard_twice``). A joined revision emits
        the stretch before's event, then its own; when its decode gave one of them no words
        (Whisper skipped a sentence, or the short stretch was a cough), the short stretch is
        decoded again alone.

        With the language left to detect, a stretch of ``MIN_REVISION`` seconds or more is
        heard in its own language where the model is sure of it (a meeting that goes from
        English to Portuguese), and the live passes follow: locked on the first seconds, they
        would write the new language's words in the old one's until the recording ends. A
        shorter stretch ("Okay." in a Portuguese meeting) is revised in the live passes'
        language and changes nothing."""
        assert self._revise is not None
        began = time.monotonic()
        with self._lock:
            usual = self.language
        long_enough = revision.end - revision.start >= MIN_REVISION
        detect = revision.language is None and (long_enough or usual is None)
        heard, language = self._revise(
            revision.audio,
            None if detect else revision.language or usual,
            self.vocabulary,
            usual,
        )
        words = [
            Word(w.start + revision.start, w.end + revision.start, w.text, w.probability)
            for w in heard
            if _key(w) and w.start + revision.start < revision.end
        ]
        joins = revision.joins
        first = revision.utterance if joins is None else joins.utterance
        # (revisions of one session run one at a time)
        last = self._revised_ends.get(first - 1)
        if words and last is not None and heard_twice(last, words[0], revision.start):
            words = words[1:]
        log.debug(
            "%s %d%s, %.2f-%.2f s, in %.2f s: %s",
            "early revision" if revision.early else "revision", revision.utterance,
            "" if joins is None else f" with {joins.utterance}",
            revision.start, revision.end, time.monotonic() - began,
            "".join(w.text for w in words).strip(),
        )  # fmt: skip
        if joins is None:
            parts = [(revision.utterance, revision.start, revision.end, words)]
        else:  # split in the pause between them
            cut = (joins.end + revision.split) / 2
            before = sum(1 for w in words if (w.start + w.end) / 2 < cut)
            if not 0 < before < len(words):
                self.revise(revision.alone())
                return
            parts = [
                (joins.utterance, joins.start, joins.end, words[:before]),
                (revision.utterance, revision.split, revision.end, words[before:]),
            ]
        events = tuple(
            CaptionEvent(
                "revised", "".join(w.text for w in part).strip(), start, end, tuple(part), number
            )
            for number, start, end, part in parts
        )
        revised = _Revised(events, usual, language if detect and long_enough else None)
        if revision.early:
            with self._lock:
                if revision is self._early:  # the pause is not confirmed yet
                    self._early_result = revised
                    return
                if revision is not self._confirmed_early:  # speech went on: dropped
                    return
                self._confirmed_early = None
        self._publish(revised)

    def _publish(self, revised: _Revised) -> None:
        """Emit a revision's events (one that found no words leaves the committed text as it
        is), and follow a language it heard the stretch in."""
        language, usual = revised.language, revised.usual
        if language is not None and language != usual:
            with self._lock:
                if self.language == usual:  # no pass locked one meanwhile
                    log.info("Live captions now in %s (were in %s)", language, usual)
                    self.language = language
        for event in revised.events:
            if event.words:
                self._revised_ends[event.utterance] = event.words[-1]
                for old in sorted(self._revised_ends)[:-2]:
                    del self._revised_ends[old]
                self._on_event(event)

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
            self._step_after = int(MIN_STEP * MODEL_RATE)
            closing = self._closing
        if closing and pending > CLOSE_BACKLOG * MODEL_RATE:
            skipped, incoming = skipped + pending, []
        if skipped:
            self._skip(skipped / MODEL_RATE)
        if incoming:
            self._level.hear(np.concatenate(incoming))
            self.gain = self._level.factor
            self._window = np.concatenate([self._window, *incoming])
            if self._revise is not None:
                self._history = np.concatenate([self._history, *incoming])
        self._gate.update(self._window, self.gain)
        speech_end = self._gate.last_speech_end(after=self._new_speech_from)
        duration = len(self._window) / MODEL_RATE
        audio_end = self._window_start + duration  # (the window may restart below)
        if speech_end is not None:
            self._heard_speech_until = self._window_start + speech_end
            self._keep_early(self._window_start + speech_end + SPEECH_PAD)
        if closing:
            if speech_end is not None:
                self._commit_utterance(min(duration, speech_end + SPEECH_PAD))
            if self._unit_words:  # it ends at its pause, unless words came after it
                pause = self._unit_pause
                self._end_unit(audio_end if pause is None or self._words_since_pause else pause)
            with self._lock:
                self.closed = True
            return
        if speech_end is None:
            if not self._unit_words:  # nothing to revise yet: keep a lead before speech
                self._unit_start = max(self._unit_start, self._lead(audio_end))
            self._restart_at(duration)
        else:
            self._step_in_speech(speech_end, duration)
        self._end_unit_if_idle(audio_end)
        self._trim_history()

    def _step_in_speech(self, speech_end: float, duration: float) -> None:
        """The window (``duration`` seconds) holds speech up to ``speech_end`` seconds into it:
        commit it at a pause, or at the window's hard limit; else pass over what the last pass
        did not hear. A stretch that the pause, once confirmed, would end is queued for its
        early revision before the pass that hears its last words, which it runs beside (see
        the module's docstring)."""
        silence = duration - speech_end
        if silence < END_SILENCE and duration >= HARD_WINDOW:
            self._commit_utterance(duration)
            return
        speech_at = self._window_start + speech_end  # (a pass may restart the window)
        if silence >= EARLY_SILENCE:
            self._revise_early(speech_at + SPEECH_PAD)
        if silence >= END_SILENCE:
            self._commit_utterance(speech_end + SPEECH_PAD)
            return
        if not self._heard_to(speech_end + SPEECH_PAD):
            self._pass()
        self._step_at_pause(speech_at)

    # -- passes ------------------------------------------------------------------------------
    def _run_model(self, audio: np.ndarray) -> list[Word]:
        with self._lock:  # a revision may change it meanwhile (see ``revise``)
            asked = self.language
        if asked != self._prompt_language:
            if self._prompt_language is not None:  # the words before would be translated
                self._prompt_words = []
                self._prompt_since = self._window_start + self._new_speech_from
            self._prompt_language = asked
        prompt = "".join(self._prompt_words).strip()[-PROMPT_CHARS:]
        words, language, probability = self._transcribe(
            amplified(audio, self.gain), asked, prompt, self.vocabulary
        )
        log.debug(
            "pass %.2f-%.2f s: %s",
            self._window_start,
            self._window_start + len(audio) / MODEL_RATE,
            "".join(w.text for w in words),
        )
        seconds = len(audio) / MODEL_RATE
        locked = asked  # the language the words are checked against: none until trusted
        if asked is None and (
            seconds >= LOCK_LANGUAGE_AFTER
            or (probability >= LOCK_LANGUAGE_PROBABILITY and seconds >= LOCK_LANGUAGE_MIN)
        ):
            with self._lock:
                if self.language is None:
                    self.language = language
                locked = self.language
        return [
            Word(w.start + self._window_start, w.end + self._window_start, w.text, w.probability)
            for w in without_repeats(words)
            # a lone ". ." is no word, and in the prompt it breeds more of them
            if _key(w) and not in_foreign_script(w.text, locked)
        ]

    def _pass(self) -> None:
        self._last_pass_end = self._window_start + len(self._window) / MODEL_RATE
        committed, tentative = self._agreement.insert(
            self._run_model(self._window), self._last_pass_end
        )
        self._emit_committed(committed, tentative[0] if tentative else None)
        self._emit("tentative", tentative)
        self._trim_committed()

    def _heard_to(self, cut: float) -> bool:
        """Whether the last pass heard the window up to ``cut`` seconds into it, near enough.

        Past the end of speech plus ``SPEECH_PAD``, nothing but silence came since that pass: a
        step then runs no pass, and waits to see whether the silence is a pause. A pass there
        heard nothing new, and held up the step that finds the pause, and so the commit and the
        revision of what was just said, for as long as it took (0.6–0.9 s on a 2-core Intel
        Xeon)."""
        return self._last_pass_end >= self._window_start + cut - SPEECH_PAD / 2

    def _step_at_pause(self, speech_at: float) -> None:
        """When the last pass heard the speech to its end, at ``speech_at`` (audio time), step
        again as soon as the audio can show the silence that starts an early revision
        (``EARLY_SILENCE`` after ``speech_at``), then the pause that commits it
        (``END_SILENCE``), rather than after ``MIN_STEP`` seconds more: such a step runs no
        pass, and waiting for it could delay the commit and the revision by up to
        ``MIN_STEP``."""
        if not self._heard_to(speech_at - self._window_start + SPEECH_PAD):
            return
        heard_until = self._window_start + len(self._window) / MODEL_RATE
        early = self._revise is not None and heard_until < speech_at + EARLY_SILENCE
        silence = EARLY_SILENCE if early else END_SILENCE
        wait = min(MIN_STEP, speech_at + silence - heard_until)
        with self._lock:
            self._step_after = max(1, int(wait * MODEL_RATE))

    def _commit_utterance(self, cut: float) -> None:
        """Commit everything up to ``cut`` seconds into the window and restart the window there.

        When the last pass already heard the utterance to its end, its tentative words are the
        transcript of exactly that audio: commit them at once instead of running the model again.
        """
        if self._heard_to(cut):
            hypothesis = self._agreement.previous
        else:
            hypothesis = self._run_model(self._window[: int(cut * MODEL_RATE)])
        committed = self._agreement.commit_all(hypothesis)
        self._emit_committed(committed)
        self._emit("tentative", [])
        end = self._window_start + cut
        if not self._unit_words:  # speech the VAD heard, and no pass wrote words for
            speech_from = self._gate.first_speech_start(after=self._new_speech_from)
            if speech_from is not None:
                self._wordless_from = self._window_start + max(0.0, speech_from - SPEECH_PAD)
                self._wordless_until = end
        self._restart_at(cut)
        self._utterance_ended(end)

    def _skip(self, seconds: float) -> None:
        """Jump the window over ``seconds`` of audio the captions will not show: what the last
        pass heard is committed as it stood, and a new window starts after the gap."""
        committed = self._agreement.commit_all(self._agreement.previous)
        self._emit_committed(committed)
        self._emit("tentative", [])
        self._window_start += len(self._window) / MODEL_RATE + seconds
        self._window = np.zeros(0, np.float32)
        self._start_unit(self._window_start)  # no revision: the model is needed for live passes
        self._last_stretch = None
        self._history, self._history_start = np.zeros(0, np.float32), self._window_start
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
            cut_word = next((w for w in reversed(in_window) if ends_sentence(w.text)), None)
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
            w.text
            for w in self._agreement.committed_words
            if self._prompt_since <= w.start and w.end <= self._window_start
        ][-60:]

    # -- stretches to revise --------------------------------------------------------------
    def _emit_committed(self, words: list[Word], following: Word | None = None) -> None:
        """Emit committed words, an event per sentence, each in the current stretch; a long
        stretch ends after a sentence (or, past ``REVISE_MAX``, after any event)."""
        part: list[Word] = []
        for index, word in enumerate(words):
            part.append(word)
            sentence_end = ends_sentence(word.text)
            if not sentence_end and index < len(words) - 1:
                continue
            self._emit("committed", part)
            self._unit_words += part
            self._words_since_pause += len(part)
            part = []
            length = word.end - self._unit_start
            if (sentence_end and length >= REVISE_PIECE) or length >= REVISE_MAX:
                after = words[index + 1] if index < len(words) - 1 else following
                gap_end = after.start if after is not None else word.end
                self._end_unit((word.end + max(word.end, gap_end)) / 2)

    def _utterance_ended(self, end: float) -> None:
        """A pause (or the end of the window) at ``end``: the stretch ends here if it is long
        enough; otherwise it waits for more speech or ``REVISE_IDLE`` seconds of silence."""
        if not self._unit_words:
            self._drop_early()
            return
        self._unit_pause, self._words_since_pause = end, 0
        if end - self._unit_start >= MIN_REVISION:
            self._end_unit(end)

    def _end_unit_if_idle(self, now: float) -> None:
        """End a stretch that paused ``REVISE_IDLE`` seconds before ``now`` (audio time) and
        heard no speech since. Speech the VAD heard after the pause continues the stretch
        even before a pass commits its words (that takes a second or more): cut there, a
        revision of ptbr_nurcsp_D2_255_2382 heard "muito bem eu acho que nós" alone, 1.3 s of
        speech, and misheard it. Sound the VAD takes for speech and no pass writes words for
        (music, a fan) holds the stretch ``MIN_REVISION`` seconds at most."""
        pause = self._unit_pause
        if pause is None or self._words_since_pause:
            return
        heard = min(self._heard_speech_until, pause + MIN_REVISION)
        if now - max(pause, heard) >= REVISE_IDLE:
            self._end_unit(pause)

    def _end_unit(self, end: float) -> None:
        """The current stretch ends at ``end``: queue its revision (unless an early one, of
        the same stretch, was), start the next one."""
        revised = self._revise is not None and bool(self._unit_words)
        if revised and not self._confirm_early(end):
            revision = self._revision(end)
            with self._lock:
                self._revisions.append(revision)
        self._last_stretch = Stretch(self._utterance, self._unit_start, end) if revised else None
        self._start_unit(end)

    def _revision(self, end: float, early: bool = False) -> Revision:
        """The current stretch, to ``end`` (audio time), as a revision to decode: joined with
        the stretch before when it is short and follows it (see the module's docstring)."""
        joins = self._joined(end)
        start = self._unit_start if joins is None else joins.start
        first = max(0, int((start - self._history_start) * MODEL_RATE))
        last = max(first, int((end + REVISION_TAIL - self._history_start) * MODEL_RATE))
        return Revision(
            self._utterance,
            round(start, 3),
            round(end, 3),
            amplified(self._history[first:last].copy(), self.gain),
            self._chosen_language,
            early,
            joins,
            round(self._unit_start, 3),
        )

    def _joined(self, end: float) -> Stretch | None:
        """The stretch before, if the current one, ended at ``end``, is short and decoded with
        it (``REVISE_MAX`` seconds at most in all)."""
        before = self._joinable()
        if (
            before is None
            or end - self._unit_start >= MIN_REVISION
            or end - before.start > REVISE_MAX
        ):
            return None
        return before

    def _joinable(self) -> Stretch | None:
        """The stretch before the current one, if the speech paused for less than
        ``REVISE_IDLE`` between them and the history still holds its audio. The current one
        starts ``REVISION_LEAD`` before its speech, or where the one before ended (``_lead``)."""
        before = self._last_stretch
        if (
            before is None
            or self._unit_start - before.end > REVISE_IDLE - REVISION_LEAD + SAME_END
            or before.start < self._history_start - SAME_END
        ):
            return None
        return before

    def _revise_early(self, end: float) -> None:
        """The speech stopped at ``end`` (audio time, ``SPEECH_PAD`` included) ``EARLY_SILENCE``
        ago or more: if the pause, once confirmed, would end the current stretch, queue its revision
        now (see the module's docstring), unless revisions wait already (the model is busy,
        and a guess must not push one out of the queue)."""
        if self._revise is None or self._early is not None:
            return
        if not (self._unit_words or self._agreement.previous) or end - self._unit_start < (
            MIN_REVISION
        ):
            return
        revision = self._revision(end, early=True)
        with self._lock:
            if not self._revisions:
                self._early, self._early_result = revision, None
                self._revisions.append(revision)

    def _keep_early(self, end: float) -> None:
        """Speech now ends at ``end`` (audio time): an early revision of a stretch that ended
        sooner is dropped, since the speech went on."""
        if self._early is not None and not self._early_ends_at(end):
            self._drop_early()

    def _confirm_early(self, end: float) -> bool:
        """Whether an early revision of the current stretch, to ``end``, was queued: the
        pause is confirmed, so it is published as soon as it is decoded."""
        with self._lock:
            if not self._early_ends_at(end):
                return False
            early, result = self._early, self._early_result
            self._early = self._early_result = None
            if result is None:
                self._confirmed_early = early
        if result is not None:
            self._publish(result)
        return True

    def _early_ends_at(self, end: float) -> bool:
        """Whether the early revision is of the current stretch ended at ``end``."""
        early = self._early
        return (
            early is not None
            and early.utterance == self._utterance
            and abs(end - early.end) <= SAME_END
        )

    def _drop_early(self) -> None:
        with self._lock:
            early, self._early, self._early_result = self._early, None, None
            if early is not None:
                log.debug("early revision %d dropped", early.utterance)
                kept = [r for r in self._revisions if r is not early]
                self._revisions.clear()
                self._revisions.extend(kept)

    def _lead(self, now: float) -> float:
        """Where a stretch with no words yet starts, at ``now`` (audio time): ``REVISION_LEAD``
        seconds before it, or before speech the VAD heard and no pass wrote words for, ended
        less than ``REVISE_IDLE`` seconds ago: speech after it continues it, as after a
        pause (``_end_unit_if_idle``). Cut inside that speech, a revision of
        ptbr_nurcsp_D2_255_2382 started in "eu acho que nós" and heard nothing at all."""
        lead_from = now - REVISION_LEAD
        if self._wordless_from is not None and now - self._wordless_until < REVISE_IDLE:
            return min(lead_from, self._wordless_from)
        return lead_from

    def _start_unit(self, start: float) -> None:
        self._drop_early()
        self._wordless_from = None
        self._utterance += 1
        self._unit_start = start
        self._unit_words, self._unit_pause, self._words_since_pause = [], None, 0

    def _trim_history(self) -> None:
        """Keep the audio of the current stretch, and of the one before while the current one
        may join it, and at most ``HISTORY`` seconds."""
        end = self._history_start + len(self._history) / MODEL_RATE
        before = self._joinable()
        start = self._unit_start if before is None else before.start
        keep_from = min(max(start, end - HISTORY), end)
        samples = int((keep_from - self._history_start) * MODEL_RATE)
        if samples > 0:
            self._history = self._history[samples:]
            self._history_start += samples / MODEL_RATE
            self._unit_start = max(self._unit_start, self._history_start)

    def _emit(self, kind: Literal["committed", "tentative"], words: list[Word]) -> None:
        if kind == "committed" and not words:
            return
        text = "".join(w.text for w in words).strip()
        start = words[0].start if words else self._window_start
        end = words[-1].end if words else self._window_start
        self._on_event(CaptionEvent(kind, text, start, end, tuple(words), self._utterance))
