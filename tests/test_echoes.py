"""A word heard on both channels of a call is kept once, where it is louder."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import soundfile

from transcrevai_desktop.core.devices import MODEL_RATE
from transcrevai_desktop.core.echoes import drop_echoes, loudness_in
from transcrevai_desktop.core.transcript import Segment, Transcript, Word


def _segment(*words: tuple[float, str]) -> Segment:
    """A segment of words, each (start, text) and 0.3 s long."""
    made = tuple(Word(start, start + 0.3, f" {text}") for start, text in words)
    return Segment(made[0].start, made[-1].end, "".join(w.text for w in made).strip(), made)


def _text(transcript: Transcript) -> list[str]:
    return [segment.text for segment in transcript.segments]


def _quiet_echo(channel: int, word: Word) -> float:
    """The second channel is the loud original; the first hears it at a third."""
    return 1.0 if channel == 1 else 0.33


def test_the_quieter_copy_of_a_word_goes_and_the_rest_stays():
    you = Transcript("en", 10.0, [
        _segment((0.2, "Hello"), (0.6, "there")),
        _segment((3.1, "we"), (3.5, "can"), (3.9, "start")),  # an echo, 0.1 s late
        _segment((6.0, "Yes,"), (6.4, "start")),  # "start" said again, later: the user's
    ])  # fmt: skip
    others = Transcript("en", 10.0, [_segment((3.0, "We"), (3.4, "can"), (3.8, "start."))])
    kept_you, kept_others = drop_echoes([you, others], _quiet_echo)
    assert _text(kept_you) == ["Hello there", "Yes, start"]
    assert _text(kept_others) == ["We can start."]


def test_a_misheard_word_between_two_echoes_goes_with_them():
    you = Transcript("en", 10.0, [
        _segment((1.1, "the"), (1.5, "bugget"), (1.9, "is"), (2.3, "ready"), (4.0, "Thanks")),
    ])  # fmt: skip
    others = Transcript("en", 10.0, [
        _segment((1.0, "The"), (1.4, "budget"), (1.8, "is"), (2.2, "ready.")),
    ])  # fmt: skip
    kept_you, kept_others = drop_echoes([you, others], _quiet_echo)
    assert _text(kept_you) == ["Thanks"]
    assert kept_you.segments[0].start == 4.0
    assert _text(kept_others) == ["The budget is ready."]


def test_words_further_apart_than_half_a_second_are_two_words():
    you = Transcript("en", 10.0, [_segment((2.0, "okay"))])
    others = Transcript("en", 10.0, [_segment((2.9, "Okay."))])
    kept_you, kept_others = drop_echoes([you, others], _quiet_echo)
    assert _text(kept_you) == ["okay"] and _text(kept_others) == ["Okay."]


def test_a_word_stays_on_the_channel_where_it_is_louder():
    """The user talks near the microphone; the other side's microphone caught it too."""
    you = Transcript("en", 10.0, [_segment((1.0, "Can"), (1.4, "you"), (1.8, "hear"))])
    others = Transcript("en", 10.0, [
        _segment((1.2, "can"), (1.6, "you"), (2.0, "hear")), _segment((5.0, "Yes"))
    ])  # fmt: skip
    kept_you, kept_others = drop_echoes([you, others], lambda channel, word: 1.0 - channel / 2)
    assert _text(kept_you) == ["Can you hear"]
    assert _text(kept_others) == ["Yes"]


def test_one_copy_pairs_with_one_word():
    """Both said "no" at once twice; the single echo takes away one of them, not both."""
    you = Transcript("en", 10.0, [_segment((1.0, "no"), (1.35, "no"))])
    others = Transcript("en", 10.0, [_segment((1.1, "No."))])
    kept_you, _ = drop_echoes([you, others], _quiet_echo)
    assert [w.start for s in kept_you.segments for w in s.words] == [1.35]


def _room(you: list[tuple[float, float]], others: list[tuple[float, float]]):
    """Loudness in a call without headphones: the other side is loud on its channel and comes
    back into the microphone at a tenth; the user is loud on the microphone during ``you``."""

    def talking(spans: list[tuple[float, float]], word: Word) -> bool:
        return any(start < word.end and word.start < end for start, end in spans)

    def loudness(channel: int, word: Word) -> float:
        other_side = 1.0 if talking(others, word) else 0.0
        if channel == 1:
            return other_side
        return max(1.0 if talking(you, word) else 0.0, 0.1 * other_side, 0.001)

    return loudness


def test_once_the_echo_is_known_a_misheard_echo_goes_whatever_it_says():
    others = Transcript("en", 10.0, [
        _segment((0.0, "1.")),
        _segment((1.0, "The"), (1.4, "budget"), (1.8, "is"), (2.2, "ready."), (2.6, "Send"),
                 (3.0, "it.")),
    ])  # fmt: skip
    you = Transcript("en", 10.0, [
        _segment((0.0, "One")),  # the echo of "1.", written another way
        _segment((1.1, "the"), (1.5, "budget"), (1.9, "is"), (2.3, "ready")),
        _segment((2.7, "sent"), (3.1, "eat")),  # misheard, and not between two copies
        _segment((5.0, "Thanks")),
    ])  # fmt: skip
    kept_you, kept_others = drop_echoes([you, others], _room([(5.0, 5.4)], [(0.0, 3.4)]))
    assert _text(kept_you) == ["Thanks"]
    assert len(kept_others.segments) == 2


def test_the_user_talking_over_the_other_side_stays():
    others = Transcript("en", 10.0, [
        _segment((1.0, "The"), (1.4, "budget"), (1.8, "is"), (2.2, "ready"), (2.6, "and"),
                 (3.0, "approved.")),
    ])  # fmt: skip
    you = Transcript("en", 10.0, [
        _segment((1.1, "the"), (1.5, "budget"), (1.9, "is"), (2.3, "ready")),
        _segment((2.7, "Wait,"), (3.1, "which")),  # said over the other side's last words
    ])  # fmt: skip
    kept_you, _ = drop_echoes([you, others], _room([(2.7, 3.4)], [(1.0, 3.3)]))
    assert _text(kept_you) == ["Wait, which"]


def test_the_users_answer_between_two_echoes_of_one_segment_stays():
    """Whisper put the echo of the other side's question, the user's loud answer and the
    echo of its "Okay." in one segment of "You": the answer went with the echoes."""
    others = Transcript("en", 10.0, [
        _segment((1.0, "Is"), (1.4, "it"), (1.8, "ready?")),
        _segment((5.0, "Okay.")),
    ])  # fmt: skip
    you = Transcript("en", 10.0, [
        _segment((1.1, "is"), (1.5, "it"), (1.9, "ready"), (2.6, "Yes,"), (3.0, "I"),
                 (3.4, "sent"), (3.8, "the"), (4.2, "report"), (5.1, "okay")),
    ])  # fmt: skip
    loudness = _room(you=[(2.6, 4.5)], others=[(1.0, 2.1), (5.0, 5.3)])
    kept_you, kept_others = drop_echoes([you, others], loudness)
    assert _text(kept_you) == ["Yes, I sent the report"]
    assert _text(kept_others) == ["Is it ready?", "Okay."]


def test_with_headphones_only_identical_words_pair():
    """Both talked at once, as loud: nothing says one channel hears the other, so a word that
    is not the same word stays."""
    you = Transcript("en", 10.0, [_segment((1.0, "yes"), (1.4, "yes"), (1.8, "yes"), (2.2, "go"))])
    others = Transcript("en", 10.0, [_segment((1.1, "Yes"), (1.5, "yes"), (1.9, "yes"))])
    kept_you, _ = drop_echoes([you, others], lambda channel, word: 1.0)
    assert _text(kept_you) == ["yes yes yes go"]


def _call(
    path: Path,
    others_talk: list[tuple[float, float]],
    you_talk: list[tuple[float, float]],
    you_level: float = 0.095,
):
    """A 12 s call recording: the other side's speech (noise at 0.3, digital silence between)
    on the second channel, and on the first its echo at -20 dB (0.03) over a microphone's
    noise floor, and the user's own speech (at 10 dB over the echo unless ``you_level``)."""
    rng = np.random.default_rng(0)
    others = np.zeros(12 * MODEL_RATE, np.float32)
    for start, end in others_talk:
        span = slice(int(start * MODEL_RATE), int(end * MODEL_RATE))
        others[span] = 0.3 * rng.standard_normal(span.stop - span.start)
    you = 0.1 * others + 1e-4 * rng.standard_normal(len(others))
    for start, end in you_talk:
        span = slice(int(start * MODEL_RATE), int(end * MODEL_RATE))
        you[span] += you_level * rng.standard_normal(span.stop - span.start)
    soundfile.write(path, np.stack([you, others], 1).clip(-1, 1), MODEL_RATE, subtype="PCM_16")
    return soundfile.SoundFile(path)


def test_words_timed_into_silence_are_measured_around_it(tmp_path):
    """The other side's first words, timed by Whisper into the half second of silence before
    them (on both channels), stay with the other side; an echo timed 0.4 s early goes; the
    user's short "Yes." said over the other side stays, measured on its own time."""
    others = Transcript("en", 12.0, [
        _segment((0.0, "Hello"), (0.2, "everyone")),  # said from 0.5 s on
        _segment((1.0, "The"), (1.4, "budget"), (1.8, "is"), (2.2, "ready.")),
        _segment((5.0, "Next"), (5.4, "item.")),
    ])  # fmt: skip
    you = Transcript("en", 12.0, [
        _segment((0.05, "hello"), (0.25, "everyone")),
        _segment((1.05, "the"), (1.45, "budget"), (1.85, "is"), (2.25, "ready")),
        _segment((4.6, "necks")),  # the echo of "Next", misheard and timed early
        _segment((6.0, "Yes.")),
    ])  # fmt: skip
    with _call(tmp_path / "call.wav", [(0.5, 3.5), (5.0, 9.0)], [(6.0, 6.3)]) as wav:
        kept_you, kept_others = drop_echoes([you, others], loudness_in(wav))
    assert _text(kept_you) == ["Yes."]
    assert _text(kept_others) == ["Hello everyone", "The budget is ready.", "Next item."]


def test_a_quiet_reply_just_after_the_other_side_is_kept(tmp_path):
    """Measured around its time, a reply said at the echo's own level 0.1 s after the other
    side stopped took the other side's last words into its expected echo, and went."""
    others = Transcript("en", 12.0, [
        _segment((1.0, "The"), (1.4, "budget"), (1.8, "is"), (2.2, "ready.")),
        _segment((5.0, "Next"), (5.4, "item"), (8.6, "please.")),
    ])  # fmt: skip
    you = Transcript("en", 12.0, [
        _segment((1.05, "the"), (1.45, "budget"), (1.85, "is"), (2.25, "ready")),
        _segment((5.05, "next"), (5.45, "item")),
        _segment((9.1, "Yes.")),
    ])  # fmt: skip
    with _call(tmp_path / "call.wav", [(0.5, 3.5), (5.0, 9.0)], [(9.1, 9.4)], 0.03) as wav:
        kept_you, _ = drop_echoes([you, others], loudness_in(wav))
    assert _text(kept_you) == ["Yes."]
