"""Transcript data shared by the live captions, the final pass and the exporters."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Word:
    """One recognised word; times are seconds from the start of the recording."""

    start: float
    end: float
    text: str
    probability: float = 1.0


@dataclass(frozen=True)
class Segment:
    """A run of words Whisper decoded together, roughly a sentence."""

    start: float
    end: float
    text: str
    words: tuple[Word, ...] = ()


@dataclass
class Transcript:
    """The final transcript of one recording or file."""

    language: str
    duration: float
    segments: list[Segment] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(segment.text for segment in self.segments)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Transcript:
        segments = [
            Segment(
                start=float(seg["start"]),
                end=float(seg["end"]),
                text=str(seg["text"]),
                words=tuple(Word(**word) for word in seg.get("words", ())),
            )
            for seg in data.get("segments", ())
        ]
        return cls(str(data.get("language", "")), float(data.get("duration", 0.0)), segments)
