"""Words heard on two channels at once, said once.

Without headphones the microphone of a call also hears the other side from the loudspeakers,
so the "You" channel's transcript repeats the "Others" channel's words, quieter and a little
later. A word found on two channels (the same word, letters and digits compared without case
or punctuation) less than ``ECHO_SECONDS`` apart is kept once: on the channel where
it is louder. The quieter copy's transcription is often a little wrong, so a word between two
echoes of the same segment goes with them where it is quieter than on another channel (a
misheard echo; the user's own answer, which Whisper may put in one segment with the echoes
around it, is louder on their microphone and stays), and a segment left without words goes.
Each word is paired at most once, with the nearest in time of its copies.

The pairs also measure the room: how loud the loudspeakers' sound comes back into the
microphone (the median loudness ratio of the copies, when at least ``MIN_PAIRS`` of them are
``MAX_COUPLING`` or quieter). Once that is known, any other word on the quiet channel that is
no louder than ``ECHO_MARGIN`` times the sound expected back from the other channel at that
moment is an echo too, whatever Whisper made of it ("One" for "1.", "beauties rose" for
"beauty's rows"), while the user talking over the other side stays: their voice is far above
the echo. Without an echo (headphones) nothing is learnt and only identical words pair.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np
import soundfile

from transcrevai_desktop.core.transcript import Segment, Transcript, Word

ECHO_SECONDS = 0.5  # the same word on two channels this close in time is one word heard twice
LONGEST_WORD = 5.0  # seconds: copies are looked for among words starting this much earlier
MIN_PAIRS = 3  # copies needed to learn how loud a channel comes back into another
MAX_COUPLING = 0.3  # an echo is at least this much quieter than its original (-10 dB)
ECHO_MARGIN = 2.0  # a word up to this many times the expected echo's loudness is an echo
SILENCE = 1e-3  # a word's channel this quiet over it (RMS of samples, -60 dBFS) is silent...
WORD_SLACK = 0.5  # ...so the word is measured over this many seconds more on each side

Loudness = Callable[[int, Word], float]  # how loud ``word`` is on channel ``int`` (RMS)


def loudness_in(wav: soundfile.SoundFile) -> Loudness:
    """How loud a word is on a channel of the open ``wav``: the root mean square of that
    channel over the word's time."""

    def loudness(channel: int, word: Word) -> float:
        wav.seek(min(wav.frames, int(word.start * wav.samplerate)))
        count = max(1, int((word.end - word.start) * wav.samplerate))
        frames = wav.read(count, "float32", always_2d=True)[:, channel]
        return float(np.sqrt(np.mean(np.square(frames)))) if frames.size else 0.0

    return loudness


def _measured(loudness: Loudness, channel: int, word: Word) -> tuple[Word, float]:
    """The time to measure ``word`` over, on its own ``channel`` and the others, and how loud
    its channel is over it: its own time, or ``WORD_SLACK`` more on each side where its
    channel is silent over it (below ``SILENCE``). Whisper times words a few tenths early or
    late, the first of a segment above all: the other side's first words of a call, timed into
    the silence before them, measured nothing on either channel, and the tie (or the
    microphone's noise against the output's digital silence) kept them under "You"; an echo
    timed early was measured against the silence before the other side's word. Widened only
    then, a short word the user says over the other side, or just after it, is measured on
    its own."""
    level = loudness(channel, word)
    if level >= SILENCE:
        return word, level
    around = replace(word, start=max(0.0, word.start - WORD_SLACK), end=word.end + WORD_SLACK)
    return around, loudness(channel, around)


def _apart(one: Word, other: Word) -> float:
    """Seconds between two words' times (0 if they overlap): Whisper often starts the first
    word of a segment early, so their starts alone can be further apart."""
    return max(0.0, max(one.start, other.start) - min(one.end, other.end))


def _key(word: Word) -> str:
    return "".join(re.findall(r"\w+", word.text.lower()))


Place = tuple[int, int]  # (segment, word) indexes of a word in its channel's transcript


def _words(part: Transcript) -> list[tuple[Word, Place]]:
    """The words of ``part`` in the order they start, with where each is."""
    placed = [
        (word, (s, w)) for s, segment in enumerate(part.segments)
        for w, word in enumerate(segment.words)
    ]  # fmt: skip
    return sorted(placed, key=lambda item: item[0].start)


Channels = tuple[int, int]  # (the original's channel, the echo's channel)


def _pairs(
    parts: Sequence[Transcript], loudness: Loudness
) -> tuple[list[set[Place]], dict[Channels, list[float]]]:
    """For each channel, the places of the copies to drop; for each two channels, the
    loudness ratios of the copies heard on the second to their originals on the first."""
    words = [_words(part) for part in parts]
    dropped: list[set[Place]] = [set() for _ in parts]
    ratios: dict[Channels, list[float]] = {}
    for first in range(len(words)):
        for second in range(first + 1, len(words)):
            others = words[second]
            starts = [word.start for word, _ in others]
            paired: set[int] = set()
            for word, place in words[first]:
                key = _key(word)
                if not key:
                    continue
                low = bisect.bisect_left(starts, word.start - ECHO_SECONDS - LONGEST_WORD)
                high = bisect.bisect_right(starts, word.end + ECHO_SECONDS)
                copies = [
                    j for j in range(low, high)
                    if j not in paired and _key(others[j][0]) == key
                    and _apart(word, others[j][0]) <= ECHO_SECONDS
                ]  # fmt: skip
                if not copies:
                    continue
                j = min(copies, key=lambda j: abs(starts[j] - word.start))
                paired.add(j)
                copy, copy_place = others[j]
                loud = (
                    _measured(loudness, first, word)[1],
                    _measured(loudness, second, copy)[1],
                )
                if loud[0] >= loud[1]:
                    dropped[second].add(copy_place)
                    ratios.setdefault((first, second), []).append(loud[1] / max(loud[0], 1e-9))
                else:
                    dropped[first].add(place)
                    ratios.setdefault((second, first), []).append(loud[0] / loud[1])
    return dropped, ratios


def _echoes(parts: Sequence[Transcript], loudness: Loudness) -> list[set[Place]]:
    """For each channel, the places of the words to drop: copies of words louder on another
    channel, and words no louder than the echo learnt from those copies."""
    dropped, ratios = _pairs(parts, loudness)
    couplings = {
        channels: float(np.median(found)) for channels, found in ratios.items()
        if len(found) >= MIN_PAIRS and np.median(found) <= MAX_COUPLING
    }  # fmt: skip
    for (original, echo), coupling in couplings.items():
        for word, place in _words(parts[echo]):
            span, level = _measured(loudness, echo, word)
            expected = coupling * loudness(original, span)
            if place not in dropped[echo] and level < ECHO_MARGIN * expected:
                dropped[echo].add(place)
    for channel, part in enumerate(parts):
        for place in _misheard(part, dropped[channel], channel, len(parts), loudness):
            dropped[channel].add(place)
    return dropped


def _misheard(
    part: Transcript, dropped: set[Place], channel: int, channels: int, loudness: Loudness
) -> list[Place]:
    """The words of ``part`` (on ``channel``) between two ``dropped`` words of their segment
    that are quieter there than on another channel: echoes Whisper wrote a little wrong."""
    found: list[Place] = []
    for s, segment in enumerate(part.segments):
        echoes = [w for segment_index, w in dropped if segment_index == s]
        for w in range(min(echoes, default=0) + 1, max(echoes, default=0)):
            if (s, w) in dropped:
                continue
            span, level = _measured(loudness, channel, segment.words[w])
            if any(level < loudness(other, span) for other in range(channels) if other != channel):
                found.append((s, w))
    return found


def _kept(segment: Segment, dropped: list[int]) -> Segment | None:
    """``segment`` without the words at ``dropped``."""
    if not dropped:
        return segment
    words = [w for i, w in enumerate(segment.words) if i not in dropped]
    if not words:
        return None
    return replace(
        segment,
        start=words[0].start,
        end=words[-1].end,
        text="".join(w.text for w in words).strip(),
        words=tuple(words),
    )


def drop_echoes(parts: Sequence[Transcript], loudness: Loudness) -> list[Transcript]:
    """``parts`` (one transcript per channel of a recording) with every word heard on two
    channels kept only on the one where ``loudness`` says it is louder."""
    cleaned: list[Transcript] = []
    for part, dropped in zip(parts, _echoes(parts, loudness), strict=True):
        by_segment: dict[int, list[int]] = {}
        for s, w in dropped:
            by_segment.setdefault(s, []).append(w)
        segments = (
            _kept(segment, by_segment.get(index, [])) for index, segment in enumerate(part.segments)
        )
        cleaned.append(replace(part, segments=[s for s in segments if s is not None]))
    return cleaned
