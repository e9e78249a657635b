"""Subtitle cues from word timings: the line, cue and reading limits, speakers, and the SRT and
VTT written from them; then the hard limits checked on random transcripts."""

from __future__ import annotations

import itertools
import re
from datetime import timedelta

import pytest
import srt
from hypothesis import given, settings
from hypothesis import strategies as st

from transcrevai_desktop.core.exporters import to_srt, to_vtt, write_transcript
from transcrevai_desktop.core.subtitles import Cue, CueLimits, build_cues
from transcrevai_desktop.core.transcript import Segment, Speaker, Transcript, Word

LIMITS = CueLimits()
SPEAKERS = [Speaker("S1", "Ana"), Speaker("S2", "Speaker 2")]


def _said(text: str, start: float, pace: float = 15.0, speaker: str | None = None) -> Segment:
    """``text`` said from ``start`` at ``pace`` characters a second, without pauses."""
    words, at = [], start
    for token in text.split():
        took = (len(token) + 1) / pace
        words.append(Word(round(at, 3), round(at + took, 3), f" {token}", 0.9, speaker))
        at += took
    return Segment(start, words[-1].end, text, tuple(words), speaker)


def _transcript(*segments: Segment, speakers: list[Speaker] | None = None) -> Transcript:
    duration = max(segment.end for segment in segments) + 5.0
    return Transcript("pt", duration, list(segments), speakers or [])


def _words(cues: list[Cue]) -> list[str]:
    return " ".join(cue.text for cue in cues).split()


def _shown(cue: Cue, index: int) -> str:
    """Line ``index`` of ``cue`` as SRT shows it, the speaker's name included."""
    line = cue.lines[index]
    return f"{cue.speaker}: {line}" if cue.speaker is not None and index == 0 else line


# -- examples ---------------------------------------------------------------------------------


def test_a_long_sentence_becomes_several_cues_of_two_short_lines():
    text = (
        "Na reunião de hoje nós decidimos que o orçamento do próximo ano vai ser dividido "
        "igualmente entre as equipes de pesquisa e de desenvolvimento de produtos novos "
        "para o mercado brasileiro e também para o português"
    )
    transcript = _transcript(_said(text, 2.0))

    cues = build_cues(transcript)

    assert len(cues) >= 3
    assert _words(cues) == text.split()
    for cue in cues:
        assert 1 <= len(cue.lines) <= 2
        assert all(len(line) <= 42 for line in cue.lines)
        assert cue.end - cue.start <= 7.0
    assert [c.text for c in cues] == [c.content for c in srt.parse(to_srt(transcript))]


def test_cues_and_lines_break_after_punctuation_when_they_can():
    first = "A sessão de hoje começa mais tarde do que o previsto."
    second = "Depois do almoço, vamos rever os números do trimestre."
    transcript = _transcript(_said(f"{first} {second}", 0.0))

    cues = build_cues(transcript)

    assert [c.text.replace("\n", " ") for c in cues] == [first, second]
    assert cues[1].lines == ("Depois do almoço,", "vamos rever os números do trimestre.")


def test_lines_are_balanced_where_punctuation_would_leave_one_too_short():
    transcript = _transcript(_said("Ok, então a gente se encontra amanhã de manhã na porta", 0))

    assert build_cues(transcript)[0].lines == (
        "Ok, então a gente se encontra",
        "amanhã de manhã na porta",
    )


def test_a_sentence_followed_by_a_pause_ends_its_cue_and_quick_ones_share():
    paused = _transcript(_said("Tudo bem.", 0.0), _said("Vamos lá.", 1.5))
    quick = _transcript(_said("Sim. Claro.", 0.0, pace=12.0))

    assert [c.text for c in build_cues(paused)] == ["Tudo bem.", "Vamos lá."]
    assert [c.text for c in build_cues(quick)] == ["Sim. Claro."]


def test_a_long_pause_ends_a_cue_even_inside_a_sentence():
    transcript = _transcript(_said("Eu acho que", 0.0), _said("sim", 4.0))

    assert [c.text for c in build_cues(transcript)] == ["Eu acho que", "sim"]


def test_a_word_whisper_writes_in_pieces_keeps_the_word_timings():
    """Whisper writes "quinta-feira" as " quinta" and "-feira.": joined with a space, the
    words no longer spelled their segment, and its time was spread evenly over its text, so
    the pause inside it was lost and the cue showed words seconds before they were said."""
    pieces = [(" Eu", 0.0, 0.3), (" acho", 0.3, 0.6), (" que", 0.6, 0.9), (" a", 4.5, 4.6),
              (" reunião", 4.6, 5.1), (" é", 5.1, 5.2), (" na", 5.2, 5.4),
              (" quinta", 5.4, 5.8), ("-feira.", 5.8, 6.2)]  # fmt: skip
    words = tuple(Word(start, end, text) for text, start, end in pieces)
    segment = Segment(0.0, 6.2, "Eu acho que a reunião é na quinta-feira.", words)

    cues = build_cues(_transcript(segment))

    assert [c.text for c in cues] == ["Eu acho que", "a reunião é na quinta-feira."]
    assert cues[1].start == 4.5


def test_a_speaker_change_starts_a_cue_with_the_name():
    transcript = _transcript(
        _said("Oi tudo bem com você", 0.0, speaker="S1"),
        _said("tudo ótimo e com você", 1.4, speaker="S2"),
        _said("também", 2.8, speaker="S1"),
        speakers=SPEAKERS,
    )

    cues = build_cues(transcript)

    assert [(c.speaker, c.text) for c in cues] == [
        ("Ana", "Oi tudo bem com você"),
        ("Speaker 2", "tudo ótimo e com você"),
        ("Ana", "também"),
    ]
    assert [c.content for c in srt.parse(to_srt(transcript))] == [
        "Ana: Oi tudo bem com você",
        "Speaker 2: tudo ótimo e com você",
        "Ana: também",
    ]


def test_the_name_counts_toward_the_first_line_and_is_shown_once_a_turn():
    text = "Eu queria dizer uma coisa sobre isso aqui"  # 41 characters: one line, without name
    named = _transcript(_said(text, 0.0, speaker="S1"), speakers=[Speaker("S1", "Ana")])
    unnamed = _transcript(_said(text, 0.0, speaker="S1"))
    longer = _transcript(_said(f"{text} e sobre aquilo ali também", 0.0, pace=5.0, speaker="S1"),
                         speakers=[Speaker("S1", "Ana")])  # fmt: skip

    (cue,) = build_cues(named)
    assert cue.speaker == "Ana" and len(cue.lines) == 2
    assert all(len(_shown(cue, i)) <= 42 for i in range(2))
    assert build_cues(unnamed)[0].lines == (text,)
    cues = build_cues(longer)
    assert len(cues) > 1 and cues[0].speaker == "Ana"
    assert all(c.speaker is None for c in cues[1:])


def test_an_unnamed_single_speaker_is_not_shown():
    transcript = _transcript(_said("Bom dia a todos", 0.0, speaker="S1"),
                             speakers=[Speaker("S1", "Speaker 1")])  # fmt: skip

    assert [c.speaker for c in build_cues(transcript)] == [None]
    assert "Speaker" not in to_srt(transcript) + to_vtt(transcript)


def test_a_cue_never_lasts_more_than_seven_seconds():
    slow = _transcript(_said("um dois três quatro cinco seis sete oito nove dez onze doze", 0, 2))
    mistimed = _transcript(Segment(1.0, 10.0, "Obrigado", (Word(1.0, 10.0, " Obrigado"),)))

    cues = build_cues(slow)
    assert len(cues) >= 2 and all(c.end - c.start <= 7.0 for c in cues)
    assert _words(cues) == slow.segments[0].text.split()
    assert [(c.start, c.end) for c in build_cues(mistimed)] == [(1.0, 8.0)]


def test_a_short_cue_is_extended_to_a_second_but_never_over_the_next():
    alone = _transcript(Segment(3.0, 3.3, "Sim.", (Word(3.0, 3.3, " Sim."),)))
    followed = _transcript(
        Segment(3.0, 3.3, "Sim.", (Word(3.0, 3.3, " Sim."),), "S1"),
        _said("Pode falar.", 3.6, speaker="S2"),  # until 4.4
        speakers=SPEAKERS,
    )

    assert [(c.start, c.end) for c in build_cues(alone)] == [(3.0, 4.0)]
    assert [(c.start, c.end) for c in build_cues(followed)] == [(3.0, 3.6), (3.6, 4.6)]


def test_a_cue_read_too_fast_is_extended_into_the_silence_after_it():
    fast = _transcript(_said("Isso aqui é rápido demais para ler", 0.0, pace=60.0))

    (cue,) = build_cues(fast)

    assert cue.end == pytest.approx(len(cue.text) / 20.0, abs=0.001)  # 34 characters, 1.7 s
    assert cue.end > fast.segments[0].end


def test_the_last_cue_is_not_extended_past_the_recording():
    transcript = Transcript("pt", 3.4, [Segment(3.0, 3.3, "Tchau.", (Word(3.0, 3.3, " Tchau."),))])

    assert [(c.start, c.end) for c in build_cues(transcript)] == [(3.0, 3.4)]


def test_overlapping_and_backward_word_times_still_give_ordered_cues():
    words = (Word(1.0, 2.5, " Olha"), Word(0.8, 1.2, " só."), Word(1.1, 1.1, " Veja."))
    transcript = Transcript("pt", 0.0, [Segment(1.0, 2.5, "Olha só. Veja.", words)])

    cues = build_cues(transcript, CueLimits(line_chars=5, lines=1))

    assert _words(cues) == ["Olha", "só.", "Veja."]
    for previous, cue in itertools.pairwise(cues):
        assert previous.end <= cue.start
    assert all(cue.end > cue.start for cue in cues)


def test_segments_without_word_timings_spread_their_time_by_length():
    old = Segment(0.0, 6.0, "um dois três quatro")  # 2 + 4 + 4 + 6 characters over 6 s
    edited = Segment(10.0, 12.0, "Bom dia", (Word(10.0, 12.0, " Bondia"),))

    cues = build_cues(_transcript(old, edited), CueLimits(line_chars=6, lines=1))

    assert [(c.text, c.start) for c in cues] == [
        ("um", 0.0), ("dois", 0.75), ("três", 2.25), ("quatro", 3.75),
        ("Bom", 10.0), ("dia", 11.0),
    ]  # fmt: skip


def test_empty_transcript_and_blank_words_make_no_cues():
    assert build_cues(Transcript("pt", 0.0)) == []
    assert to_vtt(Transcript("pt", 0.0)) == "WEBVTT\n\n"
    blank = Segment(0.0, 1.0, "Oi", (Word(0.0, 0.1, " "), Word(0.1, 1.0, " Oi")))
    assert [c.text for c in build_cues(_transcript(blank))] == ["Oi"]


def test_srt_and_vtt_write_the_same_cues():
    transcript = _transcript(
        _said("Olá pessoal, sejam todos muito bem-vindos à aula de hoje sobre", 0.5, speaker="S1"),
        _said("E <você> & eu?", 6.0, speaker="S2"),
        speakers=SPEAKERS,
    )
    cues = build_cues(transcript)

    parsed = list(srt.parse(to_srt(transcript)))
    vtt = to_vtt(transcript)

    assert [(p.start, p.end) for p in parsed] == [
        (timedelta(seconds=c.start), timedelta(seconds=c.end)) for c in cues
    ]
    assert parsed[0].content.startswith("Ana: Olá pessoal,")
    assert vtt.startswith("WEBVTT\n\n00:00:00.500 --> ")
    assert "<v Ana>Olá pessoal," in vtt
    assert "<v Speaker 2>E &lt;você&gt; &amp; eu?\n" in vtt
    assert len(re.findall(r"^\d\d:\d\d:\d\d\.\d\d\d --> ", vtt, re.M)) == len(cues)


def test_the_limits_are_passed_on_to_the_files(tmp_path):
    transcript = _transcript(_said("Uma frase curta que cabe numa linha só", 0.0))
    narrow = CueLimits(line_chars=12, lines=1, max_seconds=2.0)

    for fmt, writer in (("srt", to_srt), ("vtt", to_vtt)):
        path = write_transcript(transcript, tmp_path / f"narrow.{fmt}", fmt, narrow)
        assert path.read_text(encoding="utf-8") == writer(transcript, narrow)
        assert writer(transcript, narrow) != writer(transcript)
    assert all(len(c.text) <= 12 for c in build_cues(transcript, narrow))


@pytest.mark.parametrize(
    "bad",
    [
        {"line_chars": 0},
        {"lines": 0},
        {"max_seconds": 0.0},
        {"chars_per_second": 0.0},
        {"min_seconds": -1.0},
        {"min_seconds": 8.0},
    ],
)
def test_limits_that_cannot_be_kept_are_refused(bad):
    with pytest.raises(ValueError):
        CueLimits(**bad)


# -- properties -------------------------------------------------------------------------------

VOCABULARY = [
    "a", "é", "de", "não", "você", "coração", "atenção", "reunião", "ótimo", "água", "maçã",
    "pêssego", "então", "Lisboa", "São", "Paulo", "orçamento", "hoje", "amanhã", "três",
    "faster-whisper", "3:15", "--", "",
    "pneumoultramicroscopicossilicovulcanoconiótico",  # 46 characters: longer than a line
]  # fmt: skip
ENDINGS = ["", "", "", "", ",", ".", "?", "!", ":", ";", "…", '."', ")"]
LIMIT_CHOICES = [
    LIMITS,
    CueLimits(line_chars=20, lines=1, max_seconds=3.0, chars_per_second=15.0, min_seconds=0.5),
    CueLimits(line_chars=32, lines=3, max_seconds=5.0, min_seconds=0.0),
]
SPEAKER_CHOICES = [[], SPEAKERS, [Speaker("S1", "Ana Lúcia")]]

_word = st.tuples(
    st.sampled_from(VOCABULARY),
    st.sampled_from(ENDINGS),
    st.floats(0.0, 1.5),  # how long it lasts (one in a while much longer, below)
    st.floats(-0.2, 2.5),  # the pause before it (negative: overlapping times, as Whisper's)
)


@st.composite
def _transcripts(draw) -> Transcript:
    at = draw(st.floats(0.0, 100.0))
    segments = []
    for _ in range(draw(st.integers(0, 8))):
        words = []
        for text, ending, took, pause in draw(st.lists(_word, min_size=1, max_size=15)):
            if draw(st.integers(0, 40)) == 0:
                took = draw(st.floats(7.0, 12.0))
            start = max(at + pause, 0.0)
            words.append(Word(round(start, 3), round(start + took, 3), f" {text}{ending}"))
            at = start + took
        text = " ".join(w.text.strip() for w in words)
        speaker = draw(st.sampled_from([None, "S1", "S2"]))
        timed = tuple(words) if draw(st.integers(0, 4)) else ()
        segments.append(Segment(words[0].start, words[-1].end, text, timed, speaker))
    return Transcript("pt", at + draw(st.floats(0.0, 3.0)), segments,
                      draw(st.sampled_from(SPEAKER_CHOICES)))  # fmt: skip


def _turn_names(transcript: Transcript) -> list[str]:
    """The speaker's name at each turn, in order, as the cues should show them."""
    spoken = [s.speaker for s in transcript.segments if s.text.split()]
    turns = [speaker for speaker, _ in itertools.groupby(spoken)]
    if not transcript.shows_speakers:
        return []
    return [transcript.speaker_name(s) for s in turns if s is not None]


@settings(max_examples=200, deadline=None)
@given(_transcripts(), st.sampled_from(LIMIT_CHOICES))
def test_random_transcripts_keep_the_hard_limits(transcript, limits):
    cues = build_cues(transcript, limits)

    assert _words(cues) == " ".join(s.text for s in transcript.segments).split()
    for cue in cues:
        assert 1 <= len(cue.lines) <= limits.lines
        for index, line in enumerate(cue.lines):
            shown = _shown(cue, index)
            assert len(shown) <= limits.line_chars or " " not in line, shown
        assert 0 <= cue.start < cue.end <= cue.start + limits.max_seconds + 1e-9
    for previous, cue in itertools.pairwise(cues):
        assert previous.end <= cue.start
    assert [c.speaker for c in cues if c.speaker is not None] == _turn_names(transcript)
    assert [c.content for c in srt.parse(to_srt(transcript, limits))] == [
        c.text if c.speaker is None else f"{c.speaker}: {c.text}" for c in cues
    ]


# -- languages written without spaces ---------------------------------------------------------

CHINESE = [  # said without a pause inside a sentence
    "今天我们开会讨论明年的预算。",
    "首先请财务部介绍一下今年的支出情况，然后我们再决定每个部门的计划，"
    "最后请大家提出自己的问题和建议。",
]


def _whisper_words(model, language: str, text: str, start: float, pace: float) -> Segment:
    """``text`` as faster-whisper's word timestamps write it (its tokenizer's words, their
    punctuation merged as ``transcribe`` merges it), said at ``pace`` characters a second."""
    from faster_whisper.tokenizer import Tokenizer
    from faster_whisper.transcribe import merge_punctuations

    tokenizer = Tokenizer(model.hf_tokenizer, True, task="transcribe", language=language)
    texts, _ = tokenizer.split_to_word_tokens([*tokenizer.encode(text), tokenizer.eot])
    alignment = [{"word": w, "tokens": [], "start": 0.0, "end": 0.0} for w in texts if w]
    merge_punctuations(alignment, "\"'“¿([{-", "\"'.。,，!！?？:：”)]}、")
    words, at = [], start
    for piece in (a["word"] for a in alignment if a["word"]):
        words.append(Word(round(at, 3), round(at + len(piece) / pace, 3), piece))
        at += len(piece) / pace
    return Segment(start, words[-1].end, text, tuple(words))


def test_chinese_is_cut_into_cues_and_lines_between_characters(engine):
    """Whisper writes no space before a Chinese word: each was taken for the end of the word
    before, so a whole sentence was one word that no line could hold (68 cells on a line of
    42) and its cue, cut at 7 s, hid the end of the sentence before it was said."""
    first = _whisper_words(engine.model(), "zh", CHINESE[0], 0.5, 5.0)
    second = _whisper_words(engine.model(), "zh", CHINESE[1], first.end + 0.6, 5.0)
    transcript = Transcript("zh", second.end + 2, [first, second])

    cues = build_cues(transcript)

    lines = [line for cue in cues for line in cue.lines]
    assert "".join(lines) == "".join(CHINESE)  # every character, none spaced apart
    assert all(2 * len(line) <= LIMITS.line_chars for line in lines)  # two cells a character
    assert all(cue.end - cue.start <= LIMITS.max_seconds for cue in cues)
    assert cues[-1].end >= second.end  # the last words are on screen while they are said
    assert all(cue.lines[-1][-1] in "。，" for cue in cues)  # cut where the sentence pauses
    assert [s.content for s in srt.parse(to_srt(transcript))] == [cue.text for cue in cues]
