"""Corrections a person makes to a finished transcript, each a new ``Transcript``.

Every edit keeps what it does not touch: a word left unchanged keeps its timing (and its
probability), so playback still highlights it and subtitles still follow the speech. A new
or changed word is given a time by spreading, in proportion to length, the time of the words
it replaces, or the pause between its neighbours when it is added. A word typed by the user
is certain (probability 1). Words are what ``word_spacing.pieces`` cuts: what whitespace
separates, and in a language written without spaces (Chinese, Japanese) each character, so a
corrected character takes the time of the one it replaces.

The functions are pure (the session saves the result, the window's undo stack keeps the one
before), so undo is handing back the previous transcript.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import replace

from PySide6.QtCore import QCoreApplication

from transcrevai_desktop.core.errors import TranscrevaiError
from transcrevai_desktop.core.transcript import (
    SENTENCE_ENDS,
    Segment,
    Speaker,
    Transcript,
    Word,
    default_name,
    spread_words,
    text_of,
)
from transcrevai_desktop.core.word_spacing import pieces, runs_on, separate


def retimed(segment: Segment, text: str) -> Segment | None:
    """``segment`` saying ``text``: unchanged words keep their times, the others share the
    time of what they replace (or of the pause they fill); None when ``text`` is blank.
    Words are compared as ``word_spacing.pieces`` cuts them: in Chinese or Japanese a
    character at a time, so a corrected character takes the time of the one it replaces and
    the words of Whisper's around it are kept whole."""
    tokens = pieces(text)
    if not tokens:
        return None
    old = list(segment.words)
    if not old:  # no word timings: the whole segment's time, spread
        old = spread_words(pieces(segment.text), segment.start, segment.end, segment.speaker)
    units, whole = _units(old)
    keys = [unit.text.strip() for unit in units]
    matcher = difflib.SequenceMatcher(None, keys, [t.strip() for t in tokens], autojunk=False)
    words: list[Word] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            words += units[i1:i2]
        elif tag != "delete":
            if i2 > i1:  # replaced: the old words' time
                start, end = units[i1].start, units[i2 - 1].end
            else:  # added: the pause between its neighbours
                start = units[i1 - 1].end if i1 else segment.start
                end = units[i1].start if i1 < len(units) else segment.end
                end = max(start, end)
            words += spread_words(tokens[j1:j2], start, end, segment.speaker)
    words = _rejoined(words, whole)
    return replace(
        segment,
        start=min(segment.start, words[0].start),
        end=max(segment.end, words[-1].end) if segment.words else segment.end,
        text="".join(tokens).strip(),
        words=tuple(words),
    )


def _units(words: list[Word]) -> tuple[list[Word], dict[int, tuple[Word, list[Word]]]]:
    """``words`` cut as ``word_spacing.pieces`` cuts text (a word of Whisper's in Chinese,
    "今天", is two, its time shared between them), and for each word cut, by its first
    piece's identity, the word and its pieces: ``_rejoined`` puts it back together where an
    edit left all of it."""
    units: list[Word] = []
    whole: dict[int, tuple[Word, list[Word]]] = {}
    for word in words:
        parts = pieces(word.text)
        if len(parts) < 2:
            units.append(word)
            continue
        cut = spread_words(parts, word.start, word.end, word.speaker)
        cut = [replace(part, probability=word.probability) for part in cut]
        whole[id(cut[0])] = (word, cut)
        units += cut
    return units, whole


def _rejoined(words: list[Word], whole: dict[int, tuple[Word, list[Word]]]) -> list[Word]:
    """``words`` with every run of the pieces of a word that ``_units`` cut, all of them in
    order, that word again."""
    rejoined: list[Word] = []
    index = 0
    while index < len(words):
        word, cut = whole.get(id(words[index]), (words[index], [words[index]]))
        run = words[index : index + len(cut)]
        if len(run) != len(cut) or any(a is not b for a, b in zip(run, cut, strict=False)):
            word, cut = words[index], [words[index]]
        rejoined.append(word)
        index += len(cut)
    return rejoined


def _with_segments(transcript: Transcript, segments: list[Segment]) -> Transcript:
    return replace(transcript, segments=segments).tallied()


def _checked(transcript: Transcript, index: int) -> Segment:
    if not 0 <= index < len(transcript.segments):
        raise TranscrevaiError(
            QCoreApplication.translate(
                "TranscrevaiError", "That part of the transcript no longer exists."
            )
        )
    return transcript.segments[index]


def edit_text(transcript: Transcript, index: int, text: str) -> Transcript:
    """Segment ``index`` saying ``text`` (blank: the segment is removed)."""
    segment = retimed(_checked(transcript, index), text)
    segments = list(transcript.segments)
    if segment is None:
        del segments[index]
    else:
        segments[index] = segment
    return _with_segments(transcript, segments)


def split(transcript: Transcript, index: int, at: int) -> Transcript:
    """Segment ``index`` cut in two at character ``at`` of its text; a word the cut falls
    inside goes to the side that holds most of it. Unchanged if either side would be empty."""
    segment = retimed(_checked(transcript, index), _checked(transcript, index).text)
    assert segment is not None  # a segment in a transcript has words
    left = sum(1 for start, end in _spans(segment.text, segment.words) if (start + end) / 2 < at)
    if not 0 < left < len(segment.words):
        return transcript
    first, second = segment.words[:left], segment.words[left:]
    pieces = [
        replace(
            segment,
            start=segment.start if part is first else part[0].start,
            end=part[-1].end if part is first else segment.end,
            text="".join(w.text for w in part).strip(),
            words=tuple(part),
        )
        for part in (first, second)
    ]
    return _with_segments(
        transcript,
        [*transcript.segments[:index], *pieces, *transcript.segments[index + 1 :]],
    )


def _spans(text: str, words: tuple[Word, ...]) -> list[tuple[int, int]]:
    """Where each of ``words`` lies in ``text``, the text they spell, found in order: its
    first and past-last character (where one is not found, as the words' spacing differs
    from the text's, it is taken to follow the one before)."""
    spans: list[tuple[int, int]] = []
    at = 0
    for word in words:
        found = text.find(word.text.strip(), at)
        start = found if found >= 0 else at
        spans.append((start, start + len(word.text.strip())))
        at = spans[-1][1]
    return spans


def merge(transcript: Transcript, index: int) -> Transcript:
    """Segment ``index`` and the next as one, said by the first one's speaker."""
    first = _checked(transcript, index)
    second = _checked(transcript, index + 1)
    words = [
        replace(w, speaker=first.speaker) if w.speaker != first.speaker else w
        for w in (*first.words, *second.words)
    ]
    glued = runs_on(first.text, second.text, second.continues)
    if glued and second.words:  # "…开会。" + " 首先…": no space, in the words either
        joint = len(first.words)
        words[joint] = replace(words[joint], text=words[joint].text.lstrip())
    merged = Segment(
        first.start,
        max(first.end, second.end),
        text_of([first, second]),
        tuple(words),
        first.speaker,
    )
    segments = [*transcript.segments[:index], merged, *transcript.segments[index + 2 :]]
    return _with_segments(transcript, segments)


def set_speaker(transcript: Transcript, index: int, speaker_id: str) -> Transcript:
    """Segment ``index`` said by ``speaker_id`` (one of the transcript's speakers)."""
    segment = _checked(transcript, index)
    if speaker_id not in {s.id for s in transcript.speakers}:
        raise TranscrevaiError(
            QCoreApplication.translate("TranscrevaiError", "This transcript has no such speaker.")
        )
    words = tuple(replace(w, speaker=speaker_id) for w in segment.words)
    segments = list(transcript.segments)
    segments[index] = replace(segment, words=words, speaker=speaker_id)
    return _with_segments(transcript, segments)


def add_speaker(transcript: Transcript, name: str = "") -> tuple[Transcript, str]:
    """The transcript with one more speaker (named ``name``, or "Speaker N"), and its id."""
    taken = {int(s.id[1:]) for s in transcript.speakers if s.id[1:].isdigit()}
    speaker_id = f"S{max(taken, default=0) + 1}"
    speaker = Speaker(speaker_id, " ".join(name.split()) or default_name(speaker_id))
    return replace(transcript, speakers=[*transcript.speakers, speaker]), speaker_id


_CLAUSE_MARKS = frozenset(",;:，、；：")  # marks a deleted word can leave doubled or first


def _replaced(pattern: re.Pattern[str], replacement: str, text: str) -> tuple[str, int]:
    """``text`` with ``replacement`` (as typed: no backslash escapes) for every match of
    ``pattern`` that is whole words (neither end inside a word), and how many there were:
    "Ana" is not replaced in "Anapolis", but "财务部" is in "请财务部介绍" and "Python" in
    "用Python开发", as Chinese has no spaces between words.

    An empty ``replacement`` deletes (a filler: "um", "né"), and tidies what the word leaves:
    "So, um, we went there um." is "So, we went there.", "Um, so we…" is "So we…", and a
    text left with marks only is blank (the segment goes). Before, it was "So, , we went
    there ." and a segment of ".")."""
    deleting = not replacement.strip()
    out, at, count, capitalise = "", 0, 0, False
    for match in pattern.finditer(text):
        start, end = match.span()
        if start and _inside_a_word(text[start - 1], text[start]):
            continue
        if end < len(text) and _inside_a_word(text[end - 1], text[end]):
            continue
        out += _capitalised(text[at:start]) if capitalise else text[at:start]
        at, count, capitalise = end, count + 1, False
        if not deleting:
            out += replacement
            continue
        head = out.rstrip()
        follows = text[at : at + 1]
        if follows and follows in _CLAUSE_MARKS | SENTENCE_ENDS:
            if not head or head[-1] in SENTENCE_ENDS:
                at += 1  # "Um, so" and "Ok. Um. So" start with "So"
            elif head[-1] not in _CLAUSE_MARKS:
                out = head  # "there um." ends "there."
            elif follows in _CLAUSE_MARKS:
                at += 1  # "So, um, we": one comma
            else:
                out = head[:-1].rstrip()  # "começar, né?" ends "começar?"
        if (out.endswith(" ") or not out) and text[at : at + 1] == " ":
            at += 1
        capitalise = (not head or head[-1] in SENTENCE_ENDS) and match.group()[:1].isupper()
    tail = text[at:]
    out += _capitalised(tail) if capitalise else tail
    if deleting and count and not any(c.isalnum() for c in out):
        out = ""
    return out, count


def _capitalised(text: str) -> str:
    """``text`` with its first letter upper case (a sentence that now starts with it)."""
    first = next((i for i, c in enumerate(text) if c.isalpha()), None)
    return text if first is None else text[:first] + text[first].upper() + text[first + 1 :]


def _inside_a_word(left: str, right: str) -> bool:
    """Whether two characters side by side are within one word: both letters, digits or "_"
    (what a regular expression's ``\\w`` matches), not each a word of a script without
    spaces."""
    return all(c.isalnum() or c == "_" for c in (left, right)) and not separate(left, right)


def replace_all(
    transcript: Transcript, find: str, replacement: str, match_case: bool = False
) -> tuple[Transcript, int]:
    """Every occurrence of ``find`` replaced (as a whole word or phrase, so "Ana" does not
    change "Anapolis"), and how many there were."""
    if not find.strip():
        return transcript, 0
    pattern = re.compile(re.escape(find.strip()), 0 if match_case else re.IGNORECASE)
    count = 0
    segments: list[Segment] = []
    for segment in transcript.segments:
        text, found = _replaced(pattern, replacement, segment.text)
        count += found
        edited = retimed(segment, text) if found else segment
        if edited is not None:
            segments.append(edited)
    if not count:
        return transcript, 0
    return _with_segments(transcript, segments), count
