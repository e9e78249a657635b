"""Subtitle cues cut from a transcript's word timings, by the usual subtitling conventions.

The SRT and VTT exporters write these cues, and a video exporter can draw them.

Limits (``CueLimits``): at most 42 characters a line, 2 lines a cue and 7 seconds a cue; at
least 1 second a cue and at most 20 characters a second of reading.

Characters are counted as wide as they are shown (``word_spacing.cells``): a Chinese,
Japanese or Korean character counts two, as it takes the room of two Latin letters, so a line
of 42 holds 21 of them, read at 10 a second (Netflix's style guides ask at most 16 a line for
Chinese and Korean, 13 for Japanese, and 9 a second for Chinese; a line of 32 meets them). In
Chinese and Japanese, written without spaces, a line or cue may end between any two of
Whisper's words (a character or two), never before a closing mark ("。", "，", "」"), and
the lines are run together without spaces; a full-width comma or colon ends a clause.

Hard limits, never broken:

- a cue never holds more lines than ``lines``, nor a line more characters than
  ``line_chars``, unless one word is longer than a line: a line always holds at least one word
  and a word is never split, so such a word (or, on the first line of a turn, the speaker's
  name and the first word) overflows its line, alone on it;
- a cue never lasts longer than ``max_seconds``: its words span no more, and one word that
  lasts longer (a mistimed word before a silence) is shown for ``max_seconds`` only;
- a cue never spans a change of speaker, and never overlaps another: each ends after it starts
  and no later than the next starts (times are whole milliseconds, as SRT and VTT write them).

Best effort, as fast speech cannot always meet them:

- ``min_seconds``: a shorter cue is extended into the silence after it, never over the next
  cue nor past the end of the recording;
- ``chars_per_second`` (the cells of a cue's words, spaces included): a cue read too fast
  is extended into the silence after it where there is some, else cut into more cues where
  that lowers the speed (it rarely can: the words still come as fast).

Where a cue ends is chosen over the whole transcript at once (a shortest path over the words)
to prefer, in this order of weight: breaks after a sentence, then after a comma, semicolon,
colon or dash, longer pauses between words over shorter ones, fewer and balanced cues. So a
sentence followed by a pause usually ends its cue, short sentences said without a pause share
one, and a long pause ends a cue even inside a sentence.
Lines are then broken the same way (punctuation and pauses first, then balance), using as few
lines as the cue needs. A speaker's name ("Ana: ") is shown at the start of each turn when the
transcript shows its speakers, and counts toward the first line's length.

A segment without word timings (an older transcript), or whose words no longer spell its text
(the text edited without them), has its time spread over the words of its text in
proportion to their length.
"""

from __future__ import annotations

import itertools
import logging
import math
from dataclasses import dataclass, replace

from transcrevai_desktop.core.transcript import (
    SENTENCE_ENDS,
    Segment,
    Transcript,
    Word,
    last_mark,
    spread_words,
)
from transcrevai_desktop.core.word_spacing import cells, pieces, runs_on, separate

log = logging.getLogger(__name__)

# How much a cue costs, in the units of the break costs below: more, shorter cues lose
# against fewer ones unless a better place to break pays for them.
CUE_COST = 1.0
FILL_WEIGHT = 1.0  # times (characters / a cue's capacity) squared: fills cues evenly
SPEED_WEIGHT = 3.0  # times how many times too fast a cue is to read, less one
SHORT_WEIGHT = 3.0  # times the missing share of the minimum duration
# How bad a break after a word is, by how the word ends, less a bonus for the pause after it.
SENTENCE_BREAK = -0.5
CLAUSE_BREAK = 0.5
WORD_BREAK = 1.5
PAUSE_WEIGHT = 2.5  # bonus a second of pause...
PAUSE_CAP_MS = 1000  # ...counted up to this long
LINE_BALANCE = 4.0  # times the sum of each line's squared unused share

_CLAUSE_ENDS = frozenset(",;:—–-，、；：")


@dataclass(frozen=True)
class CueLimits:
    """The limits a subtitle cue keeps; see the module docstring for which are hard."""

    line_chars: int = 42
    lines: int = 2
    max_seconds: float = 7.0
    chars_per_second: float = 20.0
    min_seconds: float = 1.0

    def __post_init__(self) -> None:
        if self.line_chars < 1 or self.lines < 1:
            raise ValueError("A cue needs room for at least one character on one line.")
        if self.max_seconds < 0.001 or self.chars_per_second <= 0:
            raise ValueError("A cue must last at least a millisecond and be readable.")
        if not 0 <= self.min_seconds <= self.max_seconds:
            raise ValueError("A cue's shortest duration must lie between 0 and its longest.")


DEFAULT_LIMITS = CueLimits()  # the conventions above


@dataclass(frozen=True)
class Cue:
    """One subtitle, shown from ``start`` to ``end`` (seconds, whole milliseconds).

    ``speaker`` is the name to show before the text ("Ana: " in SRT, ``<v Ana>`` in VTT) on
    the first cue of each turn when the transcript shows its speakers; None elsewhere. The
    first line leaves room for it."""

    start: float
    end: float
    lines: tuple[str, ...]
    speaker: str | None = None

    @property
    def text(self) -> str:
        """The lines one under the other, without the speaker's name."""
        return "\n".join(self.lines)

    @property
    def named(self) -> Cue:
        """This cue with the speaker's name written into its first line ("Ana: …"), as SRT
        and a picture show it."""
        if self.speaker is None:
            return self
        first = f"{self.speaker}: {self.lines[0]}" if self.lines else f"{self.speaker}:"
        return replace(self, lines=(first, *self.lines[1:]), speaker=None)


@dataclass(frozen=True)
class _Token:
    """A word to show: its text (never split), times in milliseconds, and its segment's
    speaker id."""

    text: str
    start: int
    end: int
    speaker: str | None
    spaced: bool  # a space before it on a line it shares with the word before it
    width: int  # the cells its text takes (``word_spacing.cells``)

    @property
    def gap(self) -> int:
        """The cells between it and the word before it on one line."""
        return 1 if self.spaced else 0


def _line(words: list[_Token]) -> str:
    """``words`` on one line, spaced as they are written."""
    return "".join(" " * word.gap * (index > 0) + word.text for index, word in enumerate(words))


def build_cues(transcript: Transcript, limits: CueLimits = DEFAULT_LIMITS) -> list[Cue]:
    """The subtitle cues of ``transcript``, in order, within ``limits``."""
    tokens = _tokens(transcript)
    if not tokens:
        return []
    media_end = round(transcript.duration * 1000) if transcript.duration > 0 else math.inf
    tail = max(media_end, max(token.end for token in tokens))
    names = _names(transcript, tokens)
    breaks = [_break_cost(a, b) for a, b in itertools.pairwise(tokens)]
    spans = _cue_spans(tokens, names, breaks, tail, limits)
    cues: list[Cue] = []
    previous_end: float = 0  # whole milliseconds, typed as ``tail`` (math.inf if no length)
    for i, j in spans:
        words = tokens[i:j]
        start: float = words[0].start  # milliseconds, as ``previous_end``
        chars = sum(w.gap + w.width for w in words) - words[0].gap
        wanted = max(
            max(w.end for w in words),
            start + round(limits.min_seconds * 1000),
            start + math.ceil(chars * 1000 / limits.chars_per_second),
        )
        following = tokens[j].start if j < len(tokens) else tail
        end = min(wanted, following, start + round(limits.max_seconds * 1000))
        start = max(start, previous_end)  # only where words' times overlap or stand still
        end = max(end, start + 1)
        previous_end = end
        name = names.get(i)
        lines = _lines(words, _prefix(name), breaks[i : j - 1], limits)
        cues.append(Cue(start / 1000, end / 1000, lines, name))
    return cues


def _tokens(transcript: Transcript) -> list[_Token]:
    """Every word of ``transcript`` with times in milliseconds that never go backwards. A
    segment's first word is spaced from the segment before it unless the two run on
    (``word_spacing.runs_on``: Chinese or Japanese after a "。", or without a space from
    Whisper)."""
    tokens: list[_Token] = []
    for segment in transcript.segments:
        for index, (text, start, end, spaced) in enumerate(_timed_words(segment)):
            if index == 0:
                spaced = not (tokens and runs_on(tokens[-1].text, text, not spaced))
            start = max(start, tokens[-1].start if tokens else 0)
            token = _Token(text, start, max(end, start), segment.speaker, spaced, cells(text))
            tokens.append(token)
    return tokens


def _timed_words(segment: Segment) -> list[tuple[str, int, int, bool]]:
    """(text, start, end, spaced) of each word of ``segment``, times in milliseconds: its
    words' timings, or its time spread over its text's words when it has none that spell it.
    ``spaced``: Whisper wrote a space before it."""
    words = _joined_pieces(segment.words)
    spelled = "".join((" " if spaced else "") + text for text, _, _, spaced in words)
    if words and spelled.strip() == " ".join(segment.text.split()):
        return [(text, round(a * 1000), round(b * 1000), sp) for text, a, b, sp in words]
    if words:
        log.debug("Words do not spell their segment's text, spread instead: %r", segment.text)
    spread = spread_words(pieces(segment.text), segment.start, max(segment.end, segment.start))
    return [(t, round(a * 1000), round(b * 1000), sp) for t, a, b, sp in _joined_pieces(spread)]


def _joined_pieces(words: tuple[Word, ...] | list[Word]) -> list[tuple[str, float, float, bool]]:
    """(text, start, end, spaced) of each word a line may break before: a piece Whisper
    writes with no space before it ("quinta" + "-feira", "会" + "。") is part of the word
    before it, except in a script written without spaces, where each character or token is
    a word of its own ("我" + "们")."""
    joined: list[tuple[str, float, float, bool]] = []
    spaced = False  # a word of spaces alone (Whisper's Thai) spaces the next
    for word in words:
        text = " ".join(word.text.split())
        spaced = spaced or not word.continues
        if joined and text and not spaced and not separate(joined[-1][0], text):
            joined[-1] = (joined[-1][0] + text, joined[-1][1], word.end, joined[-1][3])
        elif text:
            joined.append((text, word.start, word.end, spaced))
        spaced = spaced and not text
    return joined


def _names(transcript: Transcript, tokens: list[_Token]) -> dict[int, str]:
    """The index of each token that starts a turn, to the speaker's name shown there (when
    the transcript shows its speakers and the turn's speaker is known)."""
    shows = transcript.shows_speakers
    names: dict[int, str] = {}
    for index, token in enumerate(tokens):
        starts_turn = index == 0 or token.speaker != tokens[index - 1].speaker
        if starts_turn and shows and token.speaker is not None:
            names[index] = transcript.speaker_name(token.speaker) or token.speaker
    return names


def _prefix(name: str | None) -> int:
    """Characters the speaker's name takes at the start of a cue ("Ana: ")."""
    return 0 if name is None else cells(name) + 2


def _break_cost(before: _Token, after: _Token) -> float:
    """How bad a cue or line break between two words is: least after a sentence, then after
    a clause, then anywhere else; less the longer the pause between them."""
    last = last_mark(before.text)
    if last in SENTENCE_ENDS:
        cost = SENTENCE_BREAK
    elif last in _CLAUSE_ENDS:
        cost = CLAUSE_BREAK
    else:
        cost = WORD_BREAK
    pause = min(max(after.start - before.end, 0), PAUSE_CAP_MS)
    return cost - PAUSE_WEIGHT * pause / 1000


def _cue_spans(
    tokens: list[_Token],
    names: dict[int, str],
    breaks: list[float],
    tail: float,
    limits: CueLimits,
) -> list[tuple[int, int]]:
    """The (first, past last) token indexes of each cue: the cheapest way to cut the words
    into cues within the hard limits (a shortest path over the breaks between words).

    A cue ends at a turn's end at no cost; elsewhere it costs its break. A cue costs
    ``CUE_COST``, more the fuller it is, and more if, even extended into the silence after
    it, it is shown for less than the minimum or too briefly to read."""
    count = len(tokens)
    max_ms = round(limits.max_seconds * 1000)
    min_ms = round(limits.min_seconds * 1000)
    capacity = limits.lines * limits.line_chars
    best = [0.0] + [math.inf] * count
    back = [0] * (count + 1)
    for i in range(count):
        start = tokens[i].start
        lines, width, spoken_end, chars = 1, _prefix(names.get(i)), start, 0
        for j in range(i, count):
            token = tokens[j]
            if j > i:
                if token.speaker != tokens[j - 1].speaker:
                    break  # a turn ends here
                if width + token.gap + token.width <= limits.line_chars:
                    width += token.gap + token.width
                else:
                    lines, width = lines + 1, token.width
            else:
                width += token.width
            spoken_end = max(spoken_end, token.end)
            if j > i and (lines > limits.lines or spoken_end - start > max_ms):
                break
            chars += token.gap * (j > i) + token.width
            following = tokens[j + 1].start if j + 1 < count else tail
            reading = chars * 1000 / limits.chars_per_second
            shown = min(max(spoken_end, start + min_ms, start + reading), following)
            shown = max(min(shown, start + max_ms) - start, 1)
            cost = CUE_COST + FILL_WEIGHT * (chars / capacity) ** 2
            cost += SPEED_WEIGHT * max(reading / shown - 1, 0)
            if min_ms:
                cost += SHORT_WEIGHT * max(1 - shown / min_ms, 0)
            if j + 1 < count and tokens[j + 1].speaker == token.speaker:
                cost += breaks[j]  # a turn's end is no choice, and free
            if best[i] + cost < best[j + 1]:
                best[j + 1], back[j + 1] = best[i] + cost, i
    spans = []
    end = count
    while end:
        spans.append((back[end], end))
        end = back[end]
    return spans[::-1]


def _lines(
    words: list[_Token], prefix: int, breaks: list[float], limits: CueLimits
) -> tuple[str, ...]:
    """``words`` on as few lines as they fit, broken where it costs least: at punctuation
    and pauses first, then into lines of even length. A line of one word may overflow."""
    ends = list(itertools.accumulate((w.width + w.gap for w in words), initial=0))

    def width(first: int, past: int) -> int:
        return ends[past] - ends[first] - words[first].gap + (prefix if first == 0 else 0)

    def fits(first: int, past: int) -> bool:
        return past - first == 1 or width(first, past) <= limits.line_chars

    count = len(words)
    needed = 1  # the fewest lines, filling each in turn
    first = 0
    for past in range(1, count + 1):
        if not fits(first, past):
            needed, first = needed + 1, past - 1
    # best[n][k]: the cost of words[:k] on n lines, and where its last line starts
    best: list[dict[int, tuple[float, int]]] = [{0: (0.0, 0)}]
    for _ in range(needed):
        row: dict[int, tuple[float, int]] = {}
        for first, (cost, _start) in best[-1].items():
            for past in range(first + 1, count + 1):
                if not fits(first, past):
                    break
                unused = max(limits.line_chars - width(first, past), 0) / limits.line_chars
                total = cost + LINE_BALANCE * unused**2
                if past < count:
                    total += breaks[past - 1]
                if past not in row or total < row[past][0]:
                    row[past] = (total, first)
        best.append(row)
    lines: list[str] = []
    past = count
    for row in reversed(best[1:]):
        first = row[past][1]
        lines.append(_line(words[first:past]))
        past = first
    return tuple(reversed(lines))
