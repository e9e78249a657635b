"""Revisions: each stretch of live speech is decoded again at final-pass quality when it ends,
and its ``revised`` event replaces exactly that stretch's committed captions."""

from __future__ import annotations

import itertools
import math
import time
from dataclasses import replace
from types import SimpleNamespace

import numpy as np
import pytest

from benchmarks.stepped import feed_stepped
from tests.conftest import speech, wer
from tests.live_feed import feed_blocks
from transcrevai_desktop.core.capture import BLOCK_SECONDS
from transcrevai_desktop.core.decoding import decode_file
from transcrevai_desktop.core.devices import MODEL_RATE
from transcrevai_desktop.core.engine import Engine, LiveScheduler
from transcrevai_desktop.core.models import MODEL_WORKERS
from transcrevai_desktop.core.streaming import (
    END_SILENCE,
    LOCK_LANGUAGE_PROBABILITY,
    MIN_REVISION,
    REVISE_PIECE,
    REVISION_TAIL,
    SPEECH_PAD,
    CaptionEvent,
    Revision,
    SpeechGate,
    StreamingTranscriber,
    Stretch,
    join_captions,
)
from transcrevai_desktop.core.stretch_language import StretchLanguage
from transcrevai_desktop.core.transcript import Word


def shown(events: list[CaptionEvent]) -> str:
    """The live text a consumer of the events rebuilds: a revision replaces every committed
    caption whose middle lies inside its [start, end]."""
    captions: list[CaptionEvent] = []
    for event in events:
        if event.kind == "committed":
            captions.append(event)
        elif event.kind == "revised":
            inside = [i for i, c in enumerate(captions) if event.start <= c.middle <= event.end]
            if inside:
                captions[inside[0] : inside[-1] + 1] = [event]
    return join_captions(captions)


@pytest.mark.slow
def test_revisions_replace_whole_stretches_with_the_final_pass_quality_text(engine):
    clip = speech("en_sonnet001_librivox")
    audio = decode_file(clip.path)[: 30 * MODEL_RATE]
    events: list[CaptionEvent] = []
    transcriber = StreamingTranscriber(
        engine.transcribe_window,
        events.append,
        "en",
        revise=engine.transcribe_utterance,
    )

    feed_stepped(transcriber, audio)

    assert transcriber.finished
    committed = [e for e in events if e.kind == "committed"]
    revised = [e for e in events if e.kind == "revised"]
    assert len(revised) >= 2, "30 s of reading hold several stretches"
    for before, after in itertools.pairwise(revised):
        assert before.end <= after.start and before.utterance < after.utterance
    for revision in revised:
        assert revision.text and revision.end - revision.start <= 25.0
        # the middle rule and the utterance number name the same captions
        by_middle = [c for c in committed if revision.start <= c.middle <= revision.end]
        by_id = [c for c in committed if c.utterance == revision.utterance]
        assert by_middle == by_id and by_id, revision
    # every stretch but the last, which the close may cut short, is long enough to hear well
    assert all(r.end - r.start >= MIN_REVISION for r in revised[:-1])
    reference = " ".join(clip.reference.split()[: len(shown(events).split()) + 2])
    final = " ".join(w.text for w in engine.transcribe_utterance(audio, "en")[0])
    assert wer(reference, shown(events)) <= wer(reference, final) + 0.05, shown(events)


def _word(start: float, text: str) -> Word:
    return Word(start, start + 0.3, text, 0.9)


def test_a_monologue_without_pauses_is_revised_in_pieces_cut_at_sentence_ends():
    transcriber = StreamingTranscriber(
        lambda *_: ([], "en", 1.0), lambda _: None, "en", revise=lambda *_: ([], "en")
    )
    events: list[CaptionEvent] = []
    transcriber._on_event = events.append
    transcriber._history = np.zeros(45 * MODEL_RATE, np.float32)
    words = [
        _word(0.4 * i, " word." if i % 10 == 9 else " word") for i in range(100)
    ]  # 40 s of speech, a sentence every 4 s, no pause

    for batch in range(0, len(words), 7):  # committed a few words at a time, as passes do
        transcriber._emit_committed(words[batch : batch + 7])

    queued = list(transcriber._revisions)
    assert len(queued) == 2 and queued[1].start == queued[0].end
    # each piece ends after the first sentence that ends REVISE_PIECE or more after its
    # start, between that sentence's last word and the next one
    assert queued[0].start == 0.0
    assert math.isclose(queued[0].end, (words[39].end + words[40].start) / 2)
    assert math.isclose(queued[1].end, (words[79].end + words[80].start) / 2)
    assert all(REVISE_PIECE <= r.end - r.start <= REVISE_PIECE + 4.0 for r in queued)
    first = queued[0]
    assert len(first.audio) == int((first.end + REVISION_TAIL) * MODEL_RATE)
    # each committed event is one sentence at most, and belongs to the stretch around it
    for event in events:
        assert not any(w.text.endswith(".") for w in event.words[:-1])
        stretch = next((r for r in queued if r.start <= event.middle <= r.end), None)
        assert (stretch.utterance if stretch else transcriber._utterance) == event.utterance


def _short_stretch(words: list[Word]) -> StreamingTranscriber:
    """A transcriber whose stretch holds ``words`` and then paused, at 1.3 s: too short to
    be revised at once."""
    transcriber = StreamingTranscriber(
        lambda *_: ([], "en", 1.0), lambda _: None, "en", revise=lambda *_: ([], "en")
    )
    transcriber._history = np.zeros(10 * MODEL_RATE, np.float32)
    transcriber._emit_committed(words)
    transcriber._utterance_ended(1.3)
    return transcriber


def test_a_short_stretch_waits_while_speech_goes_on_that_no_pass_committed_yet():
    transcriber = _short_stretch([_word(0.0, " muito"), _word(0.5, " bem")])
    transcriber._heard_speech_until = 3.1  # the VAD hears the next words from 2.3 s on

    transcriber._end_unit_if_idle(3.5)  # 2.2 s after the pause, 0.4 s after the last speech
    assert transcriber.next_revision(-math.inf) is None, "the speaker goes on: no cut"

    transcriber._end_unit_if_idle(5.2)  # what it heard was no words (a cough): silent 2 s
    revision = transcriber.next_revision(-math.inf)
    assert (revision.start, revision.end) == (0.0, 1.3)


def test_a_noise_taken_for_speech_holds_a_short_stretch_back_a_few_seconds_only():
    transcriber = _short_stretch([_word(0.0, " muito"), _word(0.5, " bem")])
    transcriber._heard_speech_until = 60.0  # a fan the VAD hears as speech, for a minute

    transcriber._end_unit_if_idle(8.4)  # 1.3 + MIN_REVISION + REVISE_IDLE, and a little more
    revision = transcriber.next_revision(-math.inf)
    assert (revision.start, revision.end) == (0.0, 1.3)


def test_the_last_stretch_ends_with_the_recording_when_words_came_after_its_pause():
    transcriber = _short_stretch([_word(0.0, " muito"), _word(0.5, " bem")])
    transcriber._emit_committed([_word(2.3, " eu"), _word(2.7, " acho")])
    transcriber._window = np.zeros(5 * MODEL_RATE, np.float32)  # silence to the end, at 5 s

    transcriber.close()
    transcriber.step()

    revision = transcriber.next_revision(-math.inf)
    assert (revision.start, revision.end) == (0.0, 5.0), "the words after 1.3 s are revised"


@pytest.mark.parametrize(
    ("last", "first", "utterance", "second"),
    [
        # "too cruel." runs into the next stretch's audio, which hears its end again
        (Word(1.0, 2.1, " cruel."), Word(0.0, 0.3, " rule."), 2, "Thou"),
        (Word(0.9, 1.8, " and"), Word(0.0, 0.4, " And"), 2, "Thou"),  # heard in both tails
        (Word(0.9, 1.2, " words."), Word(0.0, 0.4, " Words"), 2, "Words Thou"),  # a pause
        (Word(1.0, 2.1, " cruel."), Word(0.0, 0.3, " rule."), 3, "rule. Thou"),  # not next
        (Word(1.0, 2.1, " cruel."), Word(0.0, 0.3, " el"), 2, "el Thou"),  # too short to tell
    ],
)
def test_a_word_said_across_a_cut_is_shown_once(last, first, utterance, second):
    answers = iter([[Word(0.5, 0.9, " too"), last], [first, Word(1.0, 1.4, " Thou")]])
    events: list[CaptionEvent] = []
    transcriber = StreamingTranscriber(
        lambda *_: ([], "en", 1.0), events.append, "en", revise=lambda *_: (next(answers), "en")
    )
    stretch = np.zeros(int((2.0 + REVISION_TAIL) * MODEL_RATE), np.float32)

    transcriber.revise(Revision(1, 0.0, 2.0, stretch, "en"))  # its words: 0.5 s on, to 2.1 s
    transcriber.revise(Revision(utterance, 2.0, 4.0, stretch, "en"))

    assert [e.text for e in events] == [f"too{last.text}", second]
    assert events[1].words[-1].start == 3.0  # timed from the start of the recording


def test_a_revision_that_waits_too_long_is_dropped():
    transcriber = StreamingTranscriber(lambda *_: ([], "en", 1.0), lambda _: None, "en")
    old = Revision(1, 0.0, 5.0, np.zeros(5 * MODEL_RATE, np.float32), "en", queued_at=10.0)
    new = Revision(2, 5.0, 9.0, np.zeros(4 * MODEL_RATE, np.float32), "en", queued_at=20.0)
    transcriber._revisions.extend([old, new])

    assert transcriber.next_revision(stale_before=15.0) is new
    transcriber.close()
    transcriber.step()
    assert not transcriber.finished, "a closed transcriber waits for its last revision"
    transcriber.take_revision(new)
    assert transcriber.finished


def _live(
    engine: Engine, audio: np.ndarray, language: str = "en"
) -> tuple[list[tuple[float, CaptionEvent]], list[tuple[float, Revision]]]:
    """``audio`` fed as a microphone feeds it (``feed_blocks``), each revision decoded as soon
    as the idle model can (the decode itself takes no audio time); then closed. The caption
    events and the revisions decoded, each with the seconds of audio fed by then."""
    fed = [0.0]
    events: list[tuple[float, CaptionEvent]] = []
    decoded: list[tuple[float, Revision]] = []
    transcriber = StreamingTranscriber(
        engine.transcribe_window,
        lambda event: events.append((fed[0], event)),
        language,
        revise=engine.transcribe_utterance,
    )

    def revise() -> None:
        while (revision := transcriber.next_revision(-math.inf)) is not None:
            transcriber.take_revision(revision)
            decoded.append((fed[0], revision))
            transcriber.revise(revision)

    feed_blocks(transcriber, audio, fed, revise)
    transcriber.close()
    transcriber.step()
    revise()
    assert transcriber.finished
    return events, decoded


def _speech_end_near(audio: np.ndarray, seconds: float) -> float:
    gate = SpeechGate()
    gate.update(audio[: int((seconds + 0.2) * MODEL_RATE)])
    end = gate.last_speech_end()
    assert end is not None and abs(end - seconds) < 0.15, end
    return end


@pytest.mark.slow
def test_a_stretch_is_revised_while_its_pause_is_still_being_confirmed(engine):
    """jfk pauses 0.64 s after "...what your country can do for you" (7.58 s), 7 s into
    speech: the pause ends a stretch. Its revision is decoded once the silence has lasted
    ``EARLY_SILENCE``, before the pause that commits it (``END_SILENCE``); its event still
    comes after the stretch's last committed words, and replaces them."""
    audio = decode_file(speech("en_jfk").path)
    speech_end = _speech_end_near(audio, 7.58)

    events, decoded = _live(engine, audio)

    fed, revision = next((f, r) for f, r in decoded if abs(r.end - speech_end) < 0.5)
    assert revision.early
    assert fed < speech_end + END_SILENCE, "decoded before the pause was confirmed"
    kinds = [(e.kind, e.utterance) for _, e in events]
    last_committed = max(i for i, k in enumerate(kinds) if k == ("committed", revision.utterance))
    at, revised = events[kinds.index(("revised", revision.utterance))]
    assert kinds.index(("revised", revision.utterance)) > last_committed
    assert at >= events[last_committed][0] >= speech_end + END_SILENCE
    assert "can do for you" in revised.text, revised.text
    text = shown([e for _, e in events])
    assert wer(speech("en_jfk").reference, text) <= 0.1, text


@pytest.mark.slow
def test_an_early_revision_is_dropped_when_the_speech_goes_on(engine):
    """The same jfk with its pause after "...can do for you" shortened to 0.4 s: the early
    revision decoded in that pause is dropped, and the stretch goes on to the next pause, so
    its one revision holds both phrases."""
    audio = decode_file(speech("en_jfk").path)
    shortened = [audio[: int(7.75 * MODEL_RATE)], audio[8 * MODEL_RATE :]]  # 0.25 s less
    audio = np.concatenate([*shortened, np.zeros(MODEL_RATE, np.float32)])
    speech_end = _speech_end_near(audio, 7.58)

    events, decoded = _live(engine, audio)

    early = [r for _, r in decoded if r.early and abs(r.end - speech_end) < 0.5]
    assert early, "an early revision was decoded in the short pause"
    revised = [e for _, e in events if e.kind == "revised"]
    assert not any(abs(e.end - early[0].end) < 0.01 for e in revised), "it was dropped"
    both = next(e for e in revised if "for you" in e.text)
    assert "your country" in both.text and both.start < speech_end < both.end, both.text


@pytest.mark.slow
def test_an_early_revision_decodes_beside_the_live_pass_that_hears_the_end(engine):
    """On a slow CPU the live pass that hears a stretch's last words ends well after the speech.
    jfk fed to 7 s, then to 0.4 s past "...can do for you" (7.58 s): the step that finds
    the silence queues the stretch's early revision before it runs that pass, and the
    scheduler, woken as each block of audio wakes it, decodes the revision beside the pass."""
    audio = decode_file(speech("en_jfk").path)
    speech_end = _speech_end_near(audio, 7.58)
    passes: list[tuple[float, float]] = []
    decodes: list[tuple[float, np.ndarray]] = []  # (when it began, the audio it heard)

    def slow_pass(*args):
        began = time.monotonic()
        heard = engine.transcribe_window(*args)
        time.sleep(0.5)  # fault injection: a CPU half as fast
        passes.append((began, time.monotonic()))
        return heard

    def revise(audio, *args):
        decodes.append((time.monotonic(), audio))
        return engine.transcribe_utterance(audio, *args)

    transcriber = StreamingTranscriber(slow_pass, lambda _: None, "en", revise=revise)
    scheduler = LiveScheduler(MODEL_WORKERS)
    scheduler.add(transcriber, lambda: None)
    transcriber.feed(audio[: 7 * MODEL_RATE])
    scheduler.wake()
    scheduler.wait()
    assert len(passes) == 1 and not decodes
    transcriber.feed(audio[7 * MODEL_RATE : int((speech_end + 0.4) * MODEL_RATE)])
    deadline = time.monotonic() + 10
    while len(passes) < 2 and time.monotonic() < deadline:
        scheduler.wake()  # as the recorder's next block of audio would
        time.sleep(BLOCK_SECONDS)
    scheduler.wait()
    assert len(passes) == 2, "the step ran the pass that hears the end of the speech"
    assert decodes, "the early revision was decoded"
    started, heard = decodes[0]
    assert passes[1][0] < started < passes[1][1], "beside that pass, not after it"
    assert len(heard) / MODEL_RATE >= speech_end + SPEECH_PAD, "the whole stretch"


@pytest.mark.slow
def test_speech_no_pass_wrote_words_for_is_revised_with_the_speech_after_it(engine):
    """ptbr_nurcsp_D2_255_2382 opens with "muito bem eu acho que nós" (0.2–1.1 s), so soft
    that no live pass writes a word for it, and pauses 1.8 s. Its stretch started 2 s before
    the next speech, inside those words: the revision heard nothing at all, and the live
    text stayed "Já tivemos um suave mais.". It now starts before them."""
    clip = speech("ptbr_nurcsp_D2_255_2382.07_2392.01")

    events, _ = _live(engine, decode_file(clip.path), "pt")

    assert "acho que nós" not in join_captions([e for _, e in events if e.kind == "committed"])
    first = next(e for _, e in events if e.kind == "revised")
    assert first.start < 0.25, first
    assert "acho que nós" in shown([e for _, e in events]).lower()


def test_an_early_revision_waits_for_an_idle_model_until_its_pause_is_confirmed():
    transcriber = StreamingTranscriber(
        lambda *_: ([], "en", 1.0), lambda _: None, "en", revise=lambda *_: ([], "en")
    )
    transcriber._history = np.zeros(8 * MODEL_RATE, np.float32)
    transcriber._emit_committed([_word(0.5 * i, " word") for i in range(12)])  # to 5.8 s

    transcriber._revise_early(6.0)  # a stretch of 6 s, silent 0.3 s: a guess
    assert transcriber.next_revision(-math.inf, idle=False) is None, "other work runs"
    early = transcriber.next_revision(-math.inf, idle=True)
    assert early is not None and early.early and early.end == 6.0

    transcriber._utterance_ended(6.0)  # the pause lasted: the guess is the stretch's revision
    assert transcriber.next_revision(-math.inf, idle=False) is early
    assert list(transcriber._revisions) == [early], "queued once"


@pytest.mark.slow
@pytest.mark.parametrize("pause", [0.0, 2.0])
def test_a_short_stretch_after_a_short_pause_is_revised_with_the_stretch_before(engine, pause):
    """en_digits reads "10001" (0.9–2.6 s), "90210" (4.0–4.9 s), then, 1.4 s later, "01803"
    (6.3–7.9 s): the first two make a stretch that the pause ends, the last a short one that
    the recording's end closes. Revised alone, the first read "100001"; heard with the last,
    both read right, and both are revised. After a pause of more than ``REVISE_IDLE`` (2 s
    longer here), the short stretch is a turn of its own and is revised alone."""
    clip = speech("en_digits_10001-90210-01803")
    audio = decode_file(clip.path)
    cut = int(5.5 * MODEL_RATE)
    audio = np.concatenate(
        [audio[:cut], np.zeros(int(pause * MODEL_RATE), np.float32), audio[cut:]]
    )

    events, decoded = _live(engine, audio)

    first, last = (r for _, r in decoded)
    revised = [e for _, e in events if e.kind == "revised"]
    if pause:
        assert last.joins is None and last.start > first.end
        assert [e.utterance for e in revised] == [first.utterance, last.utterance]
        return
    assert last.joins == Stretch(first.utterance, first.start, first.end)
    assert (last.start, last.split) == (first.start, first.end)
    assert [e.utterance for e in revised] == [first.utterance, first.utterance, last.utterance]
    again, own = revised[1:]
    assert (again.start, again.end, own.start, own.end) == (
        first.start, first.end, first.end, last.end
    )  # fmt: skip
    text = shown([e for _, e in events])
    assert wer(clip.reference, text, language="en") <= 0.07, text


def test_a_joined_revision_that_lost_a_stretch_revises_the_short_one_alone():
    """Whisper may skip the sentence before in a joined decode (or give the short stretch
    nothing): the short stretch is then decoded again alone, and the stretch before keeps
    its revision."""
    heard: list[float] = []
    answers = iter(
        [[Word(6.5, 7.0, " destroyed.")], [Word(0.2, 0.5, " Is"), Word(0.6, 1.0, " gone.")]]
    )

    def revise(audio, *_):
        heard.append(len(audio) / MODEL_RATE)
        return next(answers), "en"

    events: list[CaptionEvent] = []
    transcriber = StreamingTranscriber(
        lambda *_: ([], "en", 1.0), events.append, "en", revise=revise
    )
    audio = np.zeros(int((8.0 + REVISION_TAIL) * MODEL_RATE), np.float32)

    transcriber.revise(Revision(2, 0.0, 8.0, audio, "en", joins=Stretch(1, 0.0, 6.0), split=6.0))

    assert heard == [8.0 + REVISION_TAIL, 2.0 + REVISION_TAIL]
    assert [(e.utterance, e.text, e.start) for e in events] == [(2, "Is gone.", 6.0)]
    assert events[0].words[0].start == 6.2


@pytest.mark.slow
def test_a_revision_still_looping_after_its_fallback_leaves_the_committed_text(engine, monkeypatch):
    """Whisper can loop at every temperature of a revision's fallback ("But, more is a way
    to sssss…", in one real-time run of en_lucier), and faster-whisper then returns the loop:
    the committed text stays as it was."""
    audio = decode_file(speech("en_jfk").path)[: 4 * MODEL_RATE]
    model = engine.model()
    decode = model.transcribe

    def looping(*args, **kwargs):
        segments, info = decode(*args, **kwargs)
        return [
            replace(s, text=s.text + " s" + "s" * 60, compression_ratio=5.2) for s in segments
        ], info

    events: list[CaptionEvent] = []
    transcriber = StreamingTranscriber(
        lambda *_: ([], "en", 1.0), events.append, "en", revise=engine.transcribe_utterance
    )
    transcriber.revise(Revision(1, 0.0, 4.0, audio, "en"))
    assert [e.utterance for e in events] == [1] and "fellow Americans" in events[0].text

    monkeypatch.setattr(model, "transcribe", looping)
    transcriber.revise(Revision(2, 4.0, 8.0, audio, "en"))

    assert [e.utterance for e in events] == [1], "the loop revised nothing"


@pytest.mark.slow
def test_a_doubted_thank_you_is_kept_where_it_is_said_and_dropped_on_silence(engine, monkeypatch):
    """A talk that ends "…turbulence. Thank you." (en_picovoice_diarization_3spk) lost its
    last words in a real-time run: its revision heard "Thank you." alone, the model doubted
    it was speech, and it was dropped as the stock phrase Whisper invents on silence. The VAD
    now tells the two apart."""
    audio = decode_file(speech("en_picovoice_diarization_3spk").path)[int(15.9 * MODEL_RATE) :]
    model = engine.model()
    segments, info = model.transcribe(audio, language="en", word_timestamps=True)
    decoded = list(segments)
    words = [w for s in decoded for w in s.words or () if w.word.strip(" .") in ("Thank", "you")]
    assert [w.word.strip(" .") for w in words] == ["Thank", "you"]
    doubted = replace(
        decoded[-1], start=words[0].start, end=words[-1].end, text=" Thank you.", words=words,
        no_speech_prob=0.6, compression_ratio=1.0,
    )  # fmt: skip
    monkeypatch.setattr(model, "transcribe", lambda *_, **__: ([doubted], info))

    said, _ = engine.transcribe_utterance(audio, "en")
    assert "".join(w.text for w in said).strip() == "Thank you."

    silent = audio.copy()
    silent[int((words[0].start - 0.5) * MODEL_RATE) :] = 0.0
    assert engine.transcribe_utterance(silent, "en")[0] == []


def test_the_vocabulary_reaches_live_passes_and_revisions():
    voice = decode_file(speech("pt_picovoice_leopard_test_pt").path)
    audio = np.concatenate([voice, np.zeros(3 * MODEL_RATE, np.float32)])
    heard: list[tuple[str, tuple[str, ...]]] = []

    def live(window, language, prompt, vocabulary):
        heard.append(("live", tuple(vocabulary)))
        return [Word(0.3, 0.7, " Uma"), Word(0.7, 1.4, " raposa")], "pt", 1.0

    def revise(window, language, vocabulary, usual):
        heard.append(("revision", tuple(vocabulary)))
        return [Word(0.3, 0.7, " Uma"), Word(0.7, 1.4, " Raposa")], "pt"

    events: list[CaptionEvent] = []
    transcriber = StreamingTranscriber(
        live, events.append, "pt", revise=revise, vocabulary=("Raposa", "CORAA")
    )
    feed_stepped(transcriber, audio)

    assert {kind for kind, _ in heard} == {"live", "revision"}
    assert all(vocabulary == ("Raposa", "CORAA") for _, vocabulary in heard)
    assert shown(events) == "Uma Raposa"


@pytest.mark.parametrize(
    ("chosen", "locked", "seconds", "asked", "then"),
    [
        (None, "en", 6.0, (None, "en"), "pt"),  # detected: the live passes follow
        (None, "en", 2.0, ("en", "en"), "en"),  # "Okay." alone: too short to tell
        (None, None, 2.0, (None, None), None),  # nothing better: detected, no lock
        ("en", "en", 6.0, ("en", "en"), "en"),  # the user's choice
    ],
)
def test_a_long_stretch_sure_of_another_language_turns_the_live_captions(
    chosen, locked, seconds, asked, then
):
    revisions_asked: list[tuple[str | None, str | None]] = []

    def revise(audio, language, vocabulary, usual):
        revisions_asked.append((language, usual))
        return [Word(0.3, 0.7, " Olá")], language or "pt"  # sure it is Portuguese

    transcriber = StreamingTranscriber(lambda *_: ([], "en", 1.0), lambda _: None, chosen, revise)
    transcriber.language = locked  # by the live passes
    audio = np.zeros(int((seconds + REVISION_TAIL) * MODEL_RATE), np.float32)

    transcriber.revise(Revision(1, 0.0, seconds, audio, chosen))

    assert revisions_asked == [asked]
    assert transcriber.language == then


def test_after_a_change_of_language_the_words_before_are_no_prompt():
    asked: list[tuple[str | None, str]] = []

    def live(window, language, prompt, vocabulary):
        asked.append((language, prompt))
        return [], "en", 0.9

    transcriber = StreamingTranscriber(
        live, lambda _: None, None, revise=lambda *_: ([Word(0.3, 0.7, " Olá")], "pt")
    )
    transcriber._run_model(np.zeros(MODEL_RATE, np.float32))
    assert transcriber.language is None, "0.9 sure on a second of audio is not trusted"
    transcriber._run_model(np.zeros(2 * MODEL_RATE, np.float32))
    assert transcriber.language == "en", "0.9 sure on 2 s is"
    transcriber._window = np.zeros(4 * MODEL_RATE, np.float32)
    transcriber._agreement.commit_all([Word(0.5, 1.0, " Hello"), Word(1.0, 1.5, " there")])
    transcriber._restart_at(3.0)
    transcriber._run_model(transcriber._window)
    assert asked[-1] == ("en", "Hello there")

    transcriber.revise(Revision(1, 0.0, 6.0, np.zeros(7 * MODEL_RATE, np.float32), None))
    transcriber._run_model(transcriber._window)
    assert asked[-1] == ("pt", ""), "an English prompt pulls Portuguese into English"
    transcriber._agreement.commit_all([Word(3.0, 3.5, " Bom"), Word(3.5, 3.9, " dia")])
    transcriber._window = np.zeros(4 * MODEL_RATE, np.float32)
    transcriber._restart_at(3.0)
    transcriber._run_model(transcriber._window)
    assert asked[-1] == ("pt", "Bom dia")


@pytest.mark.slow
def test_a_recording_that_changes_language_is_revised_in_the_new_one(engine):
    english = decode_file(speech("en_jfk").path)
    portuguese = speech("ptbr_nurcsp_D2_255_1830.28_1844.86")
    pause = np.zeros(int(2.5 * MODEL_RATE), np.float32)
    audio = np.concatenate([english, pause, decode_file(portuguese.path), pause])
    events: list[CaptionEvent] = []
    transcriber = StreamingTranscriber(
        engine.transcribe_window, events.append, None, revise=engine.transcribe_utterance
    )

    feed_stepped(transcriber, audio)

    switch = len(english) / MODEL_RATE
    revisions = {e.utterance: e for e in events if e.kind == "revised" and e.start >= switch}
    later = join_captions(list(revisions.values()))  # an utterance revised twice: the latest
    # locked on English by then, the live passes wrote it in English; the revision in Portuguese
    assert wer(portuguese.reference, later, language="pt") <= 0.3, later
    assert transcriber.language == "pt"


@pytest.mark.slow
def test_a_language_left_to_detect_is_not_taken_from_the_first_second(engine):
    clip = speech("ptbr_tts_corpus_20phrases")
    audio = decode_file(clip.path)[: 8 * MODEL_RATE]
    events: list[CaptionEvent] = []
    transcriber = StreamingTranscriber(engine.transcribe_window, events.append, None)

    feed_stepped(transcriber, audio)

    # its first second alone was English, 0.83 sure: "You know good"
    assert transcriber.language == "pt"
    committed = join_captions([e for e in events if e.kind == "committed"])
    assert wer(" ".join(clip.reference.split()[:20]), committed, language="pt") < 0.5, committed


class _Detecting:
    """A CTranslate2 model whose language detection says ``token`` with ``probability``."""

    def __init__(self, model, token: str, probability: float) -> None:
        self._model, self._answer = model, [[(token, probability), ("<|en|>", 0.01)]]

    def detect_language(self, encoder_output):
        return self._answer

    def __getattr__(self, name: str):
        return getattr(self._model, name)


@pytest.mark.parametrize(
    ("probability", "usual", "heard_in"),
    [
        (0.9, "en", "pt"),  # sure of another language
        (0.6, "en", "en"),  # not sure: the language heard so far
        (0.5, None, "pt"),  # nothing heard so far: the best guess
    ],
)
def test_a_stretch_is_heard_in_a_language_its_detection_is_sure_of(
    engine, probability, usual, heard_in
):
    audio = decode_file(speech("pt_picovoice_leopard_test_pt").path)
    stretch = StretchLanguage(engine.model(), usual, LOCK_LANGUAGE_PROBABILITY)
    stretch.model = _Detecting(stretch.model, "<|pt|>", probability)

    segments, _ = stretch.transcribe(audio, language=usual or "en", beam_size=1)

    text = " ".join(segment.text for segment in segments).lower()
    assert stretch.language == heard_in
    assert ("raposa" in text) == (heard_in == "pt"), text  # else "fox", translated


def test_an_english_only_model_revises_in_english_with_nothing_to_detect():
    class EnglishOnly:  # tiny.en: CTranslate2 cannot detect a language with it
        model = SimpleNamespace(is_multilingual=False)

        def transcribe(self, audio, language, **options):
            assert language == "en"
            return iter([]), None

    engine = Engine(registry=SimpleNamespace(get=lambda *_: EnglishOnly()))

    assert engine.transcribe_utterance(np.zeros(MODEL_RATE, np.float32), None) == ([], "en")


def _shown_live(engine, audio) -> str:
    events: list[CaptionEvent] = []
    transcriber = StreamingTranscriber(
        engine.transcribe_window, events.append, "pt", revise=engine.transcribe_utterance
    )
    feed_stepped(transcriber, audio)
    return shown(events)


def test_a_quiet_microphone_is_captioned_and_revised_as_well_as_one_set_right(engine):
    """60 dB down (a microphone at 10 % in PulseAudio) the VAD heard no speech, and Whisper,
    given the stretch, wrote nothing."""
    clip = speech("ptbr_nurcsp_D2_255_2129.06_2137.17")
    audio = decode_file(clip.path)
    quiet = _shown_live(engine, audio * np.float32(1e-3))
    loud = _shown_live(engine, audio)

    assert wer(clip.reference, quiet) <= wer(clip.reference, loud) + 0.1, quiet
