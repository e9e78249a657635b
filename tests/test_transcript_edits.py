"""Corrections to a finished transcript: what is left alone keeps its timing."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest

from transcrevai_desktop.core.errors import TranscrevaiError
from transcrevai_desktop.core.transcript import Segment, Speaker, Transcript, Word
from transcrevai_desktop.core.transcript_edits import (
    add_speaker,
    edit_text,
    merge,
    replace_all,
    set_speaker,
    split,
)


def _segment(start: float, text: str, speaker: str = "S1", step: float = 0.5) -> Segment:
    words = tuple(
        Word(start + i * step, start + i * step + 0.4, f" {token}", 0.9, speaker)
        for i, token in enumerate(text.split())
    )
    return Segment(start, words[-1].end, text, words, speaker)


def _transcript() -> Transcript:
    return Transcript(
        "pt",
        20.0,
        [_segment(1.0, "Bom dia a todos."), _segment(6.0, "Hoje falamos do orçamento.", "S2")],
        [Speaker("S1", "Speaker 1"), Speaker("S2", "Ana")],
    )


def _words(segment: Segment) -> list[tuple[float, float, str]]:
    return [(w.start, w.end, w.text.strip()) for w in segment.words]


def test_a_corrected_word_takes_the_time_of_the_word_it_replaces():
    edited = edit_text(_transcript(), 1, "Hoje falamos do orçamento da Embrapa.")
    words = _words(edited.segments[1])
    assert words[:3] == _words(_transcript().segments[1])[:3]  # unchanged: same times
    assert [w[2] for w in words] == ["Hoje", "falamos", "do", "orçamento", "da", "Embrapa."]
    assert words[3][0] == 7.5 and words[-1][1] == pytest.approx(7.9)  # "orçamento." was 7.5–7.9
    assert all(a[1] <= b[0] + 1e-9 for a, b in itertools.pairwise(words))
    assert edited.segments[1].text == "Hoje falamos do orçamento da Embrapa."
    assert edited.segments[1].words[-1].probability == 1.0  # typed: certain


def test_an_added_word_fills_the_pause_between_its_neighbours():
    edited = edit_text(_transcript(), 0, "Bom dia, a todos.")  # "dia" became "dia,"
    assert _words(edited.segments[0])[1] == (1.5, 1.9, "dia,")
    inserted = edit_text(_transcript(), 0, "Bom dia mesmo a todos.")
    assert _words(inserted.segments[0])[2] == (1.9, 2.0, "mesmo")  # between 1.9 and 2.0


def test_blank_text_removes_the_segment_and_talk_time_is_counted_again():
    edited = edit_text(_transcript(), 1, "   ")
    assert [s.text for s in edited.segments] == ["Bom dia a todos."]
    assert [s.seconds for s in edited.speakers] == [pytest.approx(1.6), 0.0]


def test_split_at_the_cursor_and_merge_back():
    transcript = _transcript()
    parts = split(transcript, 1, len("Hoje falamos"))
    assert [s.text for s in parts.segments[1:]] == ["Hoje falamos", "do orçamento."]
    assert parts.segments[1].end == 6.9 and parts.segments[2].start == 7.0
    assert split(transcript, 1, 0) is transcript  # nothing on one side: nothing to split
    inside = split(transcript, 1, len("Hoje fa"))  # most of "falamos" is right of the cut
    assert [s.text for s in inside.segments[1:]] == ["Hoje", "falamos do orçamento."]
    inside = split(transcript, 1, len("Hoje fala"))  # most of it is left
    assert [s.text for s in inside.segments[1:]] == ["Hoje falamos", "do orçamento."]
    merged = merge(parts, 1)
    assert merged.segments == transcript.segments


def test_merge_gives_the_second_segment_to_the_first_speaker():
    merged = merge(_transcript(), 0)
    assert len(merged.segments) == 1 and merged.segments[0].speaker == "S1"
    assert {w.speaker for w in merged.segments[0].words} == {"S1"}
    assert merged.segments[0].text == "Bom dia a todos. Hoje falamos do orçamento."
    assert [s.share for s in merged.speakers] == [1.0, 0.0]
    with pytest.raises(TranscrevaiError):
        merge(merged, 0)  # no next segment


def test_a_segment_changes_speaker_and_a_new_speaker_can_be_added():
    transcript, new = add_speaker(_transcript(), "  Carlos  ")
    assert new == "S3" and transcript.speaker_name("S3") == "Carlos"
    changed = set_speaker(transcript, 1, new)
    assert changed.segments[1].speaker == "S3"
    assert {w.speaker for w in changed.segments[1].words} == {"S3"}
    assert changed.speakers[2].seconds == pytest.approx(1.6)
    with pytest.raises(TranscrevaiError, match="no such speaker"):
        set_speaker(transcript, 0, "S9")


def test_replace_all_fixes_a_name_everywhere_as_a_whole_word():
    transcript = Transcript("pt", 20.0, [
        _segment(1.0, "A Anna chegou."), _segment(5.0, "Obrigado, anna; Annabel também."),
    ])  # fmt: skip
    fixed, count = replace_all(transcript, "Anna", "Ana")
    assert count == 2
    assert [s.text for s in fixed.segments] == ["A Ana chegou.", "Obrigado, Ana; Annabel também."]
    assert _words(fixed.segments[0])[0] == _words(transcript.segments[0])[0]  # "A" kept its time
    assert replace_all(transcript, "anna", "Ana", match_case=True)[1] == 1
    assert replace_all(transcript, "Pedro", "Paulo") == (transcript, 0)


def test_replace_all_with_nothing_deletes_a_filler_and_the_marks_it_leaves():
    """Replace "um" with nothing left "So, , we went there ." and a segment of "." alone."""
    transcript = Transcript("en", 20.0, [
        _segment(1.0, "So, um, we went there um."), _segment(5.0, "Um."),
        _segment(7.0, "Um, so we go."), _segment(10.0, "Ok, we start, um?"),
    ])  # fmt: skip
    cleaned, count = replace_all(transcript, "um", "")
    assert count == 5
    assert [s.text for s in cleaned.segments] == [
        "So, we went there.", "So we go.", "Ok, we start?"
    ]  # fmt: skip
    old = _words(transcript.segments[0])
    assert _words(cleaned.segments[0])[:3] == [old[0], *old[2:4]]  # the rest keep their times
    né = Transcript("pt", 9.0, [_segment(1.0, "Bom dia. Né, vamos começar, né?")])
    assert replace_all(né, "né", "")[0].segments[0].text == "Bom dia. Vamos começar?"


def _chinese() -> Transcript:
    """Words as Whisper writes Chinese: no space before them, a character or two each."""
    pieces = [("今天", 1.0, 1.4), ("我们", 1.4, 1.8), ("开", 1.8, 2.0), ("会。", 2.0, 2.3)]
    words = tuple(Word(start, end, text, 0.9) for text, start, end in pieces)
    return Transcript("zh", 5.0, [Segment(1.0, 2.3, "今天我们开会。", words)])


def test_a_chinese_correction_keeps_the_time_of_every_character_it_leaves():
    """Chinese has no spaces between words: the whole segment was one word, so correcting a
    character spread the segment's time over all of it and its subtitles lost their timing."""
    edited = edit_text(_chinese(), 0, "今天他们开会。").segments[0]
    assert edited.text == "今天他们开会。"
    assert _words(edited) == [
        (1.0, 1.4, "今天"),  # Whisper's words left whole, timing and all
        (1.4, 1.6, "他"),  # the corrected character, in the time of the one it replaces
        (1.6, 1.8, "们"),
        (1.8, 2.0, "开"),
        (2.0, 2.3, "会。"),
    ]
    assert "".join(w.text for w in edited.words) == "今天他们开会。"
    assert edit_text(_chinese(), 0, "今天我们开会。") == _chinese()


def test_chinese_splits_at_the_cursor_merges_back_and_names_are_replaced_inside_words():
    halves = split(_chinese(), 0, 4)
    assert [s.text for s in halves.segments] == ["今天我们", "开会。"]
    assert merge(halves, 0).segments[0].text == "今天我们开会。"
    replaced, count = replace_all(_chinese(), "我们", "他们")
    assert count == 1 and replaced.segments[0].text == "今天他们开会。"


def test_a_name_inside_chinese_is_replaced_but_not_inside_a_latin_word():
    said = Transcript("zh", 5.0, [Segment(0.0, 2.0, "我用Python开发，Anapolis不是Ana。")])
    replaced, count = replace_all(said, "Python", "Java")
    assert count == 1 and replaced.segments[0].text == "我用Java开发，Anapolis不是Ana。"
    replaced, count = replace_all(said, "Ana", "Ana Lima")
    assert count == 1 and replaced.segments[0].text == "我用Python开发，Anapolis不是Ana Lima。"


def test_chinese_sentences_merge_without_a_space_that_subtitles_would_show():
    second = Segment(3.0, 3.5, "首先。", (Word(3.0, 3.5, " 首先。", 0.9),))
    merged = merge(replace(_chinese(), segments=[*_chinese().segments, second]), 0)
    assert merged.segments[0].text == "今天我们开会。首先。"
    assert "".join(w.text for w in merged.segments[0].words) == "今天我们开会。首先。"


def test_split_finds_each_word_in_the_text_however_whisper_spaced_it():
    pieces = [" O", " valor", " é", " 10", ",5", " e", " o", " x"]  # ",5" goes on "10"
    words = tuple(Word(i * 0.5, i * 0.5 + 0.4, text, 0.9) for i, text in enumerate(pieces))
    said = Transcript("pt", 5.0, [Segment(0.0, 3.9, "O valor é 10,5 e o x", words)])
    halves = split(said, 0, said.segments[0].text.index("e o"))
    assert [s.text for s in halves.segments] == ["O valor é 10,5", "e o x"]
