"""Writers for the transcript formats offered by the final pass and the export menu.

txt: one paragraph per segment. srt/vtt: one cue per segment. json: segments with word timings.
Every writer goes through a temporary file and a rename, so a good file is never half replaced.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import srt

from transcrevai_desktop.core.files import atomic_write_text
from transcrevai_desktop.core.transcript import Transcript


def to_txt(transcript: Transcript) -> str:
    return "".join(f"{segment.text}\n\n" for segment in transcript.segments).rstrip("\n") + "\n"


def _subtitles(transcript: Transcript) -> list[srt.Subtitle]:
    return [
        srt.Subtitle(
            index=number,
            start=timedelta(seconds=segment.start),
            end=timedelta(seconds=max(segment.end, segment.start + 0.01)),
            content=segment.text,
        )
        for number, segment in enumerate(transcript.segments, start=1)
    ]


def to_srt(transcript: Transcript) -> str:
    return srt.compose(_subtitles(transcript))


def _vtt_time(delta: timedelta) -> str:
    millis = round(delta.total_seconds() * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    seconds, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def to_vtt(transcript: Transcript) -> str:
    cues = [
        f"{_vtt_time(sub.start)} --> {_vtt_time(sub.end)}\n{sub.content}\n"
        for sub in _subtitles(transcript)
    ]
    return "WEBVTT\n\n" + "\n".join(cues)


def to_json(transcript: Transcript) -> str:
    return json.dumps(transcript.to_dict(), ensure_ascii=False, indent=2) + "\n"


FORMATS: dict[str, Callable[[Transcript], str]] = {
    "txt": to_txt,
    "srt": to_srt,
    "vtt": to_vtt,
    "json": to_json,
}


def write_transcript(transcript: Transcript, path: Path, fmt: str) -> Path:
    """Write ``transcript`` to ``path`` in ``fmt`` (one of ``FORMATS``) and return the path."""
    atomic_write_text(Path(path), FORMATS[fmt](transcript))
    return Path(path)
