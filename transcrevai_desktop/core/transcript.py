"""Transcript data shared by the live captions, the final pass and the exporters."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

from PySide6.QtCore import QCoreApplication

from transcrevai_desktop.core.word_spacing import runs_on, unspaced

SENTENCE_ENDS = frozenset(".?!…。？！")
CLOSERS = "\"'”’»)]}」』"  # what may follow a sentence's last mark


def last_mark(text: str) -> str:
    """The last character of ``text``, closing quotes and brackets and spaces aside."""
    return text.rstrip().rstrip(CLOSERS)[-1:]


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends a sentence: a full stop, a question or exclamation mark or an
    ellipsis (as Chinese and Japanese write them too), maybe inside quotes or brackets."""
    return last_mark(text) in SENTENCE_ENDS


@dataclass(frozen=True)
class Word:
    """One recognised word; times are seconds from the start of the recording."""

    start: float
    end: float
    text: str
    probability: float = 1.0
    speaker: str | None = None  # a ``Speaker.id``, once speakers are labelled

    @property
    def continues(self) -> bool:
        """It carries on the word before it, with no space between: Whisper's words start
        with a space unless they continue a word ("quinta" + "-feira") or the language
        writes none (Chinese, Japanese)."""
        return not self.text[:1].isspace()


@dataclass(frozen=True)
class Segment:
    """A run of words Whisper decoded together, roughly a sentence."""

    start: float
    end: float
    text: str
    words: tuple[Word, ...] = ()
    speaker: str | None = None  # one speaker a segment, once speakers are labelled

    @property
    def continues(self) -> bool:
        """Its first word carries on the text before it (``Word.continues``)."""
        return bool(self.words) and self.words[0].continues


def text_of(segments: list[Segment]) -> str:
    """The text of ``segments`` run together, a space between two unless they run on
    (``word_spacing.runs_on``: Chinese or Japanese after a "。", or a sentence Whisper wrote
    on without a space)."""
    text = ""
    for segment in segments:
        piece = segment.text.strip()
        if piece:
            text += piece if not text or runs_on(text, piece, segment.continues) else " " + piece
    return text


PARAGRAPH_PAUSE = 2.0
# A paragraph this long (characters) ends at its next sentence end, and at any word past
# PARAGRAPH_MAX: an edit lays its whole paragraph out again, and a lecture with no pause of 2 s
# made one paragraph that took 41 ms an event at 37,000 characters, against 4.5 ms in short ones.
PARAGRAPH_CHARS = 600
PARAGRAPH_MAX = 1500


def separator(
    spoken_until: float, start: float, continues_word: bool, paragraph: int, ending: str
) -> str:
    """What goes between text spoken until ``spoken_until`` and text spoken from ``start``,
    in a paragraph of ``paragraph`` characters so far that ends with ``ending``: a paragraph
    break after a pause of ``PARAGRAPH_PAUSE`` or a long paragraph, else a space (nothing
    within a word). In a script without spaces (Chinese, Japanese) every word
    ``continues_word``, and a long paragraph ends between two of them. The live captions, the
    finished transcript in the window and its .txt file all cut their paragraphs so."""
    if start - spoken_until >= PARAGRAPH_PAUSE:
        return "\n"
    long = paragraph >= PARAGRAPH_MAX or (paragraph >= PARAGRAPH_CHARS and ends_sentence(ending))
    if continues_word:
        return "\n" if long and unspaced(ending[-1:] or " ") else ""
    return "\n" if long else " "


def paragraphs(segments: list[Segment], pauses: bool = True) -> list[str]:
    """The text of ``segments`` in paragraphs cut as ``separator`` cuts them (a Whisper
    segment ends anywhere, often inside a sentence: a paragraph each broke sentences). Not
    at ``pauses`` for one speaker's turn, whose name starts only its first paragraph: only a
    long turn (a lecturer the user named) is cut, where it would be one wall of text."""
    text = ""
    spoken_until: float | None = None
    for segment in segments:
        piece = segment.text.strip()
        if not piece:
            continue
        if spoken_until is not None:
            continues = runs_on(text, piece, segment.continues)
            begins = text.rfind("\n") + 1
            after = spoken_until if pauses else segment.start
            text += separator(after, segment.start, continues, len(text) - begins, text[-8:])
        text += piece
        spoken_until = segment.end
    return text.split("\n") if text else []


def spread_words(
    tokens: list[str], start: float, end: float, speaker: str | None = None
) -> list[Word]:
    """``tokens``, words as ``word_spacing.pieces`` cuts a text (each with the space before
    it, if any), as words sharing [start, end] in proportion to their length: the timing of
    words that have none of their own (typed by the user, or an old transcript's)."""
    total = sum(len(t.strip()) for t in tokens) or 1
    words, at = [], start
    for token in tokens:
        until = at + (end - start) * len(token.strip()) / total
        words.append(Word(round(at, 3), round(until, 3), token, 1.0, speaker))
        at = until
    return words


def default_name(speaker_id: str) -> str:
    """The name of a speaker the user has not named, in the user's language: "S2" is
    "Speaker 2" (a voice), "C2" is "Channel 2" (a channel of the recording). Saved with a new
    transcript as its speakers' names."""
    if speaker_id.startswith("C"):
        name = QCoreApplication.translate("Speaker", "Channel {number}")
    else:
        name = QCoreApplication.translate("Speaker", "Speaker {number}")
    return name.format(number=speaker_id[1:])


def _english_default_name(speaker_id: str) -> str:
    """``default_name`` as the English interface and the command line write it."""
    kind = "Channel" if speaker_id.startswith("C") else "Speaker"
    return f"{kind} {speaker_id[1:]}"


def is_default_name(speaker: Speaker) -> bool:
    """Whether ``speaker`` still has the name it was given, not one of the user's: its
    ``default_name`` in the interface's language now, or in English (a transcript written by
    the command line, or before the interface was translated)."""
    return speaker.name in (default_name(speaker.id), _english_default_name(speaker.id))


@dataclass(frozen=True)
class Speaker:
    """A voice in a transcript: ``id`` ("S1", "S2"… in order of first speech; "C1", "C2"… for
    the channels of a recording, one person each) and the ``name`` shown for it ("Speaker 1",
    "Channel 1" until the user names it)."""

    id: str
    name: str
    seconds: float = 0.0  # talk time (its words' durations)
    share: float = 0.0  # of all talk time, 0..1
    voice: tuple[float, ...] = ()  # mean voice embedding, unit length (none for a channel)
    match: float | None = None  # named after a remembered voice this alike (cosine, 0..1)


@dataclass
class Transcript:
    """The final transcript of one recording or file."""

    language: str
    duration: float
    segments: list[Segment] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)  # empty: not labelled

    @property
    def text(self) -> str:
        return "\n".join(segment.text for segment in self.segments)

    @property
    def shows_speakers(self) -> bool:
        """Whether text exports name the speakers: with two or more, or one the user named
        (a lecture's single "Speaker 1:" would only be noise; the JSON always has them)."""
        return len(self.speakers) > 1 or not all(is_default_name(s) for s in self.speakers)

    def turns(self) -> list[tuple[str | None, list[Segment]]]:
        """(speaker id, segments) of each turn: consecutive segments of one speaker (a
        transcript that does not show its speakers is cut in ``paragraphs`` instead)."""
        turns: list[tuple[str | None, list[Segment]]] = []
        for segment in self.segments:
            if turns and turns[-1][0] == segment.speaker:
                turns[-1][1].append(segment)
            else:
                turns.append((segment.speaker, [segment]))
        return turns

    def tallied(self) -> Transcript:
        """This transcript with each speaker's talk time and share counted again from the
        words (after an edit moved words from one speaker to another)."""
        if not self.speakers:
            return self
        seconds = dict.fromkeys((s.id for s in self.speakers), 0.0)
        for segment in self.segments:
            for word in segment.words:
                speaker = word.speaker or segment.speaker
                if speaker in seconds:
                    seconds[speaker] += max(0.0, word.end - word.start)
        total = sum(seconds.values()) or 1.0
        speakers = [
            replace(s, seconds=round(seconds[s.id], 2), share=round(seconds[s.id] / total, 3))
            for s in self.speakers
        ]
        return replace(self, speakers=speakers)

    def speaker_name(self, speaker_id: str | None) -> str | None:
        """The name shown for ``speaker_id`` (None for an unlabelled segment)."""
        return next((s.name for s in self.speakers if s.id == speaker_id), speaker_id)

    def to_dict(self) -> dict[str, Any]:
        """As JSON data: ``speakers`` always (empty when unlabelled, or when nobody spoke), so
        a script reads every transcript alike; ``speaker`` keys only on a labelled one."""
        data = asdict(self)
        if not self.speakers:
            for segment in data["segments"]:
                del segment["speaker"]
                for word in segment["words"]:
                    del word["speaker"]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Transcript:
        segments = [
            Segment(
                start=float(seg["start"]),
                end=float(seg["end"]),
                text=str(seg["text"]),
                words=tuple(Word(**word) for word in seg.get("words", ())),
                speaker=seg.get("speaker"),
            )
            for seg in data.get("segments", ())
        ]
        speakers = [
            Speaker(**{**speaker, "voice": tuple(speaker.get("voice", ()))})
            for speaker in data.get("speakers", ())
        ]
        return cls(
            str(data.get("language", "")), float(data.get("duration", 0.0)), segments, speakers
        )
