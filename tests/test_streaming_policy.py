"""The live-caption policy: LocalAgreement on hand-made hypotheses, then the real model."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pytest

from tests.conftest import speech, wer
from tests.live_feed import feed_blocks
from transcrevai_desktop.core.decoding import decode_file
from transcrevai_desktop.core.devices import MODEL_RATE
from transcrevai_desktop.core.hallucinations import in_foreign_script
from transcrevai_desktop.core.streaming import (
    END_SILENCE,
    KEEP_WORDS,
    CaptionEvent,
    LocalAgreement,
    SpeechGate,
    StreamingTranscriber,
    join_captions,
    without_repeats,
)
from transcrevai_desktop.core.transcript import Word


def words(*items: tuple[str, float, float]) -> list[Word]:
    """Whisper-style words: a leading space, times in seconds."""
    return [Word(start, end, text) for text, start, end in items]


def texts(ws: list[Word]) -> list[str]:
    return [w.text for w in ws]


HELLO = ("Hello", 0.0, 0.4)
WORLD = ("world", 0.4, 0.9)
HOW = ("how", 1.0, 1.3)
ARE = ("are", 1.3, 1.5)
YOU = ("you", 1.5, 1.9)


# -- LocalAgreement ---------------------------------------------------------------------------


def test_first_hypothesis_is_all_tentative():
    agreement = LocalAgreement()

    committed, tentative = agreement.insert(words(HELLO, WORLD))

    assert committed == []
    assert texts(tentative) == ["Hello", "world"]
    assert agreement.committed_words == []


def test_agreement_on_a_common_prefix_commits_it():
    agreement = LocalAgreement()
    agreement.insert(words(HELLO, WORLD, ("hue", 1.0, 1.3)))

    committed, tentative = agreement.insert(words(HELLO, WORLD, HOW, ARE))

    assert texts(committed) == ["Hello", "world"]
    assert texts(tentative) == ["how", "are"]
    assert agreement.committed_end == pytest.approx(0.9)
    assert texts(agreement.committed_words) == ["Hello", "world"]


def test_agreement_stops_at_the_first_difference():
    agreement = LocalAgreement()
    agreement.insert(words(HELLO, ("word", 0.4, 0.9), HOW))

    committed, tentative = agreement.insert(words(HELLO, WORLD, HOW))

    assert texts(committed) == ["Hello"]  # "how" agrees too, but after a disagreement
    assert texts(tentative) == ["world", "how"]


def test_disagreement_commits_nothing():
    agreement = LocalAgreement()
    agreement.insert(words(("Yellow", 0.0, 0.4), WORLD))

    committed, tentative = agreement.insert(words(HELLO, WORLD))

    assert committed == []
    assert texts(tentative) == ["Hello", "world"]
    assert agreement.committed_words == []
    assert agreement.committed_end == 0.0


def test_a_shorter_hypothesis_commits_only_what_both_say():
    agreement = LocalAgreement()
    agreement.insert(words(HELLO, WORLD, HOW))

    committed, tentative = agreement.insert(words(HELLO))

    assert texts(committed) == ["Hello"]
    assert tentative == []


def test_committed_words_are_not_emitted_again_when_repeated_at_the_same_time():
    agreement = LocalAgreement()
    agreement.insert(words(HELLO, WORLD))
    agreement.insert(words(HELLO, WORLD, HOW))  # commits Hello world

    committed, tentative = agreement.insert(words(HELLO, WORLD, HOW, ARE))

    assert texts(committed) == ["how"]
    assert texts(tentative) == ["are"]
    committed, tentative = agreement.insert(words(HELLO, WORLD, HOW, ARE, YOU))
    assert texts(committed) == ["are"]
    assert texts(agreement.committed_words) == ["Hello", "world", "how", "are"]


def test_committed_tail_repeated_with_shifted_times_is_dropped_by_ngram_overlap():
    agreement = LocalAgreement()
    agreement.commit_all(words(("ask", 0.5, 0.8), ("what", 0.8, 1.1), ("you", 1.1, 1.5)))
    # The next window hears the end of the committed words again, timed a little later.
    again = words(("what", 1.45, 1.6), ("you", 1.6, 1.8), ("can", 1.9, 2.1), ("do", 2.1, 2.3))

    committed, tentative = agreement.insert(again)
    assert committed == []
    assert texts(tentative) == ["can", "do"]

    committed, tentative = agreement.insert(again)
    assert texts(committed) == ["can", "do"]
    assert tentative == []
    assert texts(agreement.committed_words) == ["ask", "what", "you", "can", "do"]


def test_a_single_repeated_committed_word_is_dropped():
    agreement = LocalAgreement()
    agreement.commit_all(words(HELLO, WORLD))  # ends at 0.9
    repeated = words(("World.", 0.85, 1.0), HOW, ARE)

    assert agreement.insert(repeated) == ([], words(HOW, ARE))
    committed, _ = agreement.insert(repeated)

    assert texts(committed) == ["how", "are"]


def test_a_short_word_retimed_to_start_inside_the_committed_audio_is_kept():
    """Live JFK once lost "your": committed "what" ended at 3.20, the next passes timed
    "your" from 3.10. The committed tail anchors the new words; time alone dropped it."""
    agreement = LocalAgreement()
    agreement.commit_all(words(("ask", 2.5, 2.9), ("not", 2.9, 3.0), ("what", 3.0, 3.2)))
    retimed = words(
        ("not", 2.85, 3.0), ("what", 3.0, 3.1), ("your", 3.1, 3.3), ("country", 3.3, 3.8)
    )

    agreement.insert(retimed)
    committed, _ = agreement.insert(retimed)

    assert texts(committed) == ["your", "country"]


def test_the_same_word_said_again_much_later_is_kept():
    agreement = LocalAgreement()
    agreement.commit_all(words(HELLO, WORLD))  # ends at 0.9
    later = words(("world", 3.0, 3.4), ("again", 3.4, 3.8))

    agreement.insert(later)
    committed, _ = agreement.insert(later)

    assert texts(committed) == ["world", "again"]


def test_punctuation_and_case_differences_still_agree():
    agreement = LocalAgreement()
    agreement.insert(words((" Hello,", 0.0, 0.4), (" World", 0.4, 0.9), (" how", 1.0, 1.3)))

    committed, tentative = agreement.insert(
        words((" hello", 0.0, 0.4), (" world.", 0.4, 0.9), (" How?", 1.0, 1.3), (" are", 1.3, 1.5))
    )

    # The newest hypothesis's spelling is the one committed.
    assert texts(committed) == [" hello", " world.", " How?"]
    assert texts(tentative) == [" are"]


def test_portuguese_accents_are_not_folded_away():
    agreement = LocalAgreement()
    agreement.insert(words((" Não", 0.0, 0.3), (" é", 0.3, 0.4)))

    committed, _ = agreement.insert(words((" não", 0.0, 0.3), (" e", 0.3, 0.4)))

    assert texts(committed) == [" não"]  # "é" (is) and "e" (and) are different words


def test_commit_all_commits_everything_and_clears_tentative():
    agreement = LocalAgreement()
    agreement.insert(words(HELLO, WORLD))
    agreement.insert(words(HELLO, ("word", 0.4, 0.9)))  # commits Hello; "word" is tentative
    assert texts(agreement.previous) == ["word"]

    committed = agreement.commit_all(words(HELLO, WORLD, HOW))

    assert texts(committed) == ["world", "how"]  # "Hello" was committed already
    assert agreement.previous == []
    assert agreement.committed_end == pytest.approx(1.3)
    assert texts(agreement.committed_words) == ["Hello", "world", "how"]
    # Nothing is left over to agree with: the next hypothesis starts from scratch.
    committed, tentative = agreement.insert(words(HELLO, WORLD, HOW, ARE))
    assert committed == []
    assert texts(tentative) == ["are"]


def test_commit_all_of_already_committed_words_commits_nothing():
    agreement = LocalAgreement()
    agreement.commit_all(words(HELLO, WORLD))

    assert agreement.commit_all(words(HELLO, WORLD)) == []
    assert agreement.commit_all([]) == []
    assert texts(agreement.committed_words) == ["Hello", "world"]
    assert agreement.committed_end == pytest.approx(0.9)


def test_words_at_the_end_of_the_audio_heard_stay_tentative_even_when_agreed():
    """Whisper guesses the word being spoken as the audio ends ("e" for "este") and puts a
    full stop after it; such words wait for a pass that heard past them."""
    agreement = LocalAgreement()
    hypothesis = words(HELLO, WORLD, ("how.", 1.0, 1.3))
    agreement.insert(hypothesis, heard_until=1.4)

    committed, tentative = agreement.insert(hypothesis, heard_until=1.7)

    assert texts(committed) == ["Hello", "world"]
    assert texts(tentative) == ["how."]
    committed, _ = agreement.insert(words(HELLO, WORLD, HOW, ARE), heard_until=1.7)
    assert committed == []  # "how." and "how" agree, but "how" ends within 0.5 s of 1.7
    committed, _ = agreement.insert(words(HELLO, WORLD, HOW, ARE, YOU), heard_until=2.3)
    assert texts(committed) == ["how", "are"]


def test_committed_words_memory_is_bounded():
    agreement = LocalAgreement()
    for i in range(KEEP_WORDS + 50):
        agreement.commit_all([Word(float(i), i + 0.5, f"w{i}")])

    assert len(agreement.committed_words) == KEEP_WORDS
    assert agreement.committed_words[-1].text == f"w{KEEP_WORDS + 49}"
    assert agreement.committed_words[0].text == "w50"


# -- StreamingTranscriber with the real model --------------------------------------------------

CHUNK = int(0.5 * MODEL_RATE)


def _stream(transcriber: StreamingTranscriber, audio: np.ndarray) -> None:
    """Feed 0.5 s chunks with a step after each, as the live scheduler would, then close."""
    for offset in range(0, len(audio), CHUNK):
        transcriber.feed(audio[offset : offset + CHUNK])
        transcriber.step()
    transcriber.close()
    transcriber.step()


@pytest.mark.slow
def test_streaming_the_jfk_clip_commits_its_words_in_order(engine):
    clip = speech("en_jfk")
    audio = decode_file(clip.path)
    duration = len(audio) / MODEL_RATE
    events = []
    transcriber = StreamingTranscriber(engine.transcribe_window, events.append, language="en")

    _stream(transcriber, audio)

    assert transcriber.closed
    committed = [e for e in events if e.kind == "committed"]
    assert committed, "no caption was committed"
    text = " ".join(e.text for e in committed)
    assert wer(clip.reference, text) < 0.25, text
    assert all(e.text for e in committed)
    for event in committed:
        assert 0.0 <= event.start <= event.end <= duration, event
    for before, after in pairwise(committed):
        assert after.start >= before.start, (before, after)
        assert after.end >= before.end, (before, after)
    # Every step ends with the current tentative text; the last one is empty once closed.
    assert events[-1].kind == "tentative" and events[-1].text == ""


@pytest.mark.slow
def test_streaming_silence_commits_nothing(engine):
    calls = []

    def transcribe(audio, language, prompt, vocabulary):
        calls.append(len(audio))
        return engine.transcribe_window(audio, language, prompt, vocabulary)

    events = []
    transcriber = StreamingTranscriber(transcribe, events.append, language="en")

    _stream(transcriber, np.zeros(3 * MODEL_RATE, np.float32))

    assert transcriber.closed
    assert [e for e in events if e.kind == "committed"] == []
    assert calls == []  # the speech gate never woke the model


@pytest.mark.slow
def test_no_pass_runs_on_the_silence_after_speech_a_pass_heard(engine):
    """Once a pass heard the speech to its end, the steps in the silence after it wait for the
    pause instead of running the model again: such a pass heard nothing new, and held up the
    pause's commit, and so the revision of what was just said, by the time a pass takes. The
    pause then commits the words that pass heard, with no pass of its own."""
    spoken = 3.5  # "...ask what you can do for your country.", its last word ending at 3.36 s
    audio = decode_file(speech("en_jfk").path)[-4 * MODEL_RATE :][: int(spoken * MODEL_RATE)]
    audio = np.concatenate([audio, np.zeros(2 * MODEL_RATE, np.float32)])
    fed = [0.0]  # seconds of audio fed so far
    passes: list[float] = []  # the audio fed when each pass ran
    committed: list[tuple[float, CaptionEvent]] = []

    def transcribe(window, language, prompt, vocabulary):
        passes.append(fed[0])
        return engine.transcribe_window(window, language, prompt, vocabulary)

    def on_event(event: CaptionEvent) -> None:
        if event.kind == "committed":
            committed.append((fed[0], event))

    transcriber = StreamingTranscriber(transcribe, on_event, language="en")
    block = MODEL_RATE // 5
    for offset in range(0, len(audio), block):
        transcriber.feed(audio[offset : offset + block])
        fed[0] = min(offset + block, len(audio)) / MODEL_RATE
        transcriber.step()

    at, last = committed[-1]
    assert "country" in last.text
    assert at <= spoken + END_SILENCE + 0.25  # at the pause
    assert passes[-1] <= spoken + 0.35, passes  # (a pass at 4.0 s heard only silence more)
    assert passes[-1] < at  # the pause committed what the last pass heard


@pytest.mark.slow
def test_the_pause_after_words_a_pass_heard_is_found_as_soon_as_the_audio_holds_it(engine):
    """Audio comes in blocks of 50 ms, and the scheduler steps a transcriber whenever
    ``pending_since`` says so: every ``MIN_STEP`` seconds of audio, and, once a pass heard the
    speech to its end, as soon as the audio can show the pause after it. The words' commit
    (and their revision) waited for the next ``MIN_STEP`` before: up to 0.3 s."""
    spoken = 3.5  # "...ask what you can do for your country.", its last word ending at 3.36 s
    audio = decode_file(speech("en_jfk").path)[-4 * MODEL_RATE :][: int(spoken * MODEL_RATE)]
    audio = np.concatenate([audio, np.zeros(2 * MODEL_RATE, np.float32)])
    gate = SpeechGate()
    gate.update(audio)
    speech_end = gate.last_speech_end()
    assert speech_end is not None
    fed = [0.0]
    committed: list[tuple[float, CaptionEvent]] = []

    def on_event(event: CaptionEvent) -> None:
        if event.kind == "committed":
            committed.append((fed[0], event))

    transcriber = StreamingTranscriber(engine.transcribe_window, on_event, language="en")
    feed_blocks(transcriber, audio, fed)

    at, last = committed[-1]
    assert "country" in last.text
    assert speech_end + END_SILENCE <= at <= speech_end + END_SILENCE + 0.1


def test_caption_events_join_as_whisper_spaced_them():
    def event(*items: tuple[str, float, float]) -> CaptionEvent:
        found = tuple(words(*items))
        return CaptionEvent("committed", "".join(texts(list(found))).strip(), 0.0, 1.0, found)

    assert join_captions([event((" Hello", 0, 1)), event((" world.", 1, 2))]) == "Hello world."
    assert join_captions([event((" quinta", 0, 1)), event(("-feira", 1, 2))]) == "quinta-feira"
    assert join_captions([event(("你好", 0, 1)), event(("世界", 1, 2))]) == "你好世界"
    assert join_captions([]) == ""


def _spoken(text: str) -> list[Word]:
    """Whisper-style words of ``text``, half a second each."""
    return [Word(i / 2, i / 2 + 0.5, f" {word}") for i, word in enumerate(text.split())]


def test_a_phrase_a_pass_repeats_in_a_loop_is_kept_once():
    looped = _spoken(
        "again. Until the resonant frequencies of the room. Until the resonant frequencies "
        "of the room. until the resonant frequencies of the room reinforce themselves"
    )
    kept = without_repeats(looped)
    assert "".join(texts(kept)).split() == (
        [
            "again.",
            "Until",
            "the",
            "resonant",
            "frequencies",
            "of",
            "the",
            "room.",
            "reinforce",
            "themselves",
        ]
    )
    assert kept[-1] is looped[-1] and kept[1] is looped[1]  # the first copy's timings stay


@pytest.mark.parametrize(
    "said", ["words words words words words", "I think I think that", "muito muito bom"]
)
def test_repeats_of_one_or_two_words_are_what_people_say(said):
    assert without_repeats(_spoken(said)) == _spoken(said)


def test_words_that_are_only_punctuation_are_never_committed():
    """A pass that hears ". ." commits nothing of it, so the prompt of the next passes stays
    clean (once in the prompt, such dots made every later pass answer with dots)."""
    voice = decode_file(speech("pt_picovoice_leopard_test_pt").path)
    pause = np.zeros(MODEL_RATE, np.float32)
    audio = np.concatenate([voice, pause, voice, pause])  # two utterances: the second is prompted
    prompts = []

    def transcribe(window, language, prompt, vocabulary):
        prompts.append(prompt)
        return [Word(0.3, 0.7, " Uma"), Word(0.7, 1.0, " . ."), Word(1.0, 1.4, " raposa")], "pt", 1

    events = []
    _stream(StreamingTranscriber(transcribe, events.append, "pt"), audio)

    committed = [e for e in events if e.kind == "committed"]
    assert join_captions(committed) == "Uma raposa Uma raposa"
    assert "Uma raposa" in prompts[-1] and not any("." in prompt for prompt in prompts)


@pytest.mark.parametrize(
    ("language", "shown"),
    [("en", "Ask not"), ("pt", "Ask not"), ("zh", "Ask not 爬的?"), (None, "Ask not 爬的?")],
)
def test_a_word_in_a_script_the_language_does_not_use_is_not_captioned(language, shown):
    """A pass that loses its way answers "爬的?" in an English session; Chinese keeps it, and
    so does auto-detect until a language is picked."""
    voice = decode_file(speech("en_jfk").path)[: 3 * MODEL_RATE]
    audio = np.concatenate([voice, np.zeros(MODEL_RATE, np.float32)])

    def transcribe(window, forced, prompt, vocabulary):
        return [Word(0.3, 0.7, " Ask"), Word(0.7, 1.0, " not"), Word(1.0, 1.4, " 爬的?")], "en", 0

    events = []
    _stream(StreamingTranscriber(transcribe, events.append, language), audio)

    assert join_captions([e for e in events if e.kind == "committed"]) == shown


@pytest.mark.parametrize(
    "text", ["Ação", "1ª", "2º", "Tiếng Việt", "İstanbul", "ĳ", "(café)", "x²", "—"]
)
def test_latin_letters_of_every_kind_are_not_foreign(text):
    assert not in_foreign_script(text, "pt")
    assert in_foreign_script(f"{text} Ωμέγα", "en") and in_foreign_script("Привет", "pt")
