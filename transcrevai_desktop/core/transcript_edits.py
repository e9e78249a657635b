"""Corrections a person makes to a finished transcript, each a new ``Transcript``.

Every edit keeps what it does not touch: a word left unchanged keeps its timing (and its
probability), so playback still highlights it and subtitles still follow the speech. A new
or changed word is given a time by spreading, in proportion to length, the time of the words
it replaces, or the pause between its neighbours when it is added. A word typed by the user
is certain (probability 1). Words are what whitespace separates: a language written without
spaces edits a segment as one word, its time the segment's.

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
    Segment,
    Speaker,
    Transcript,
    Word,
    default_name,
    spread_words,
)


def retimed(segment: Segment, text: str) -> Segment | None:
    """``segment`` saying ``text``: unchanged words keep their times, the others share the
    time of what they replace (or of the pause they fill); None when ``text`` is blank."""
    tokens = text.split()
    if not tokens:
        return None
    old = list(segment.words)
    if not old:  # no word timings: the whole segment's time, spread
        old = spread_words(segment.text.split(), segment.start, segment.end, segment.speaker)
    matcher = difflib.SequenceMatcher(None, [w.text.strip() for w in old], tokens, autojunk=False)
    words: list[Word] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            words += old[i1:i2]
        elif tag != "delete":
            if i2 > i1:  # replaced: the old words' time
                start, end = old[i1].start, old[i2 - 1].end
            else:  # added: the pause between its neighbours
                start = old[i1 - 1].end if i1 else segment.start
                end = old[i1].start if i1 < len(old) else segment.end
                end = max(start, end)
            words += spread_words(tokens[j1:j2], start, end, segment.speaker)
    return replace(
        segment,
        start=min(segment.start, words[0].start),
        end=max(segment.end, words[-1].end) if segment.words else segment.end,
        text=" ".join(tokens),
        words=tuple(words),
    )


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
    positions = [m.span() for m in re.finditer(r"\S+", segment.text)]
    left = sum(1 for start, end in positions if (start + end) / 2 < at)
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


def merge(transcript: Transcript, index: int) -> Transcript:
    """Segment ``index`` and the next as one, said by the first one's speaker."""
    first = _checked(transcript, index)
    second = _checked(transcript, index + 1)
    words = tuple(
        replace(w, speaker=first.speaker) if w.speaker != first.speaker else w
        for w in (*first.words, *second.words)
    )
    merged = Segment(
        first.start,
        max(first.end, second.end),
        f"{first.text} {second.text}".strip(),
        words,
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


def replace_all(
    transcript: Transcript, find: str, replacement: str, match_case: bool = False
) -> tuple[Transcript, int]:
    """Every occurrence of ``find`` replaced (as a whole word or phrase, so "Ana" does not
    change "Anapolis"), and how many there were."""
    if not find.strip():
        return transcript, 0
    pattern = re.compile(
        rf"(?<!\w){re.escape(find.strip())}(?!\w)", 0 if match_case else re.IGNORECASE
    )
    count = 0
    segments: list[Segment] = []
    for segment in transcript.segments:
        text, found = pattern.subn(replacement, segment.text)
        count += found
        edited = retimed(segment, text) if found else segment
        if edited is not None:
            segments.append(edited)
    if not count:
        return transcript, 0
    return _with_segments(transcript, segments), count
