"""Writers for the transcript formats offered by the final pass and the export menu.

txt: one paragraph per segment, or per turn ("Speaker 1: …") when the transcript shows its
speakers (``Transcript.shows_speakers``: two or more, or one the user named). srt/vtt: one cue
per segment, with the speaker's name where the speaker changes ("Ana: …" in SRT, a ``<v Ana>``
voice span in VTT). json: segments with word timings, and speakers whenever labelled.
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
    paragraphs = [
        " ".join(segment.text for segment in segments)
        if speaker is None
        else f"{transcript.speaker_name(speaker)}: {' '.join(s.text for s in segments)}"
        for speaker, segments in transcript.turns()
    ]
    return "".join(f"{text}\n\n" for text in paragraphs).rstrip("\n") + "\n"


def _cues(transcript: Transcript) -> list[tuple[srt.Subtitle, str | None]]:
    """One subtitle a segment, with its speaker's name where the speaker changes."""
    cues = []
    previous = None
    for number, segment in enumerate(transcript.segments, start=1):
        changed = transcript.shows_speakers and segment.speaker not in (None, previous)
        previous = segment.speaker
        subtitle = srt.Subtitle(
            index=number,
            start=timedelta(seconds=segment.start),
            end=timedelta(seconds=max(segment.end, segment.start + 0.01)),
            content=segment.text,
        )
        cues.append((subtitle, transcript.speaker_name(segment.speaker) if changed else None))
    return cues


def to_srt(transcript: Transcript) -> str:
    for subtitle, name in (cues := _cues(transcript)):
        if name is not None:
            subtitle.content = f"{name}: {subtitle.content}"
    return srt.compose([subtitle for subtitle, _ in cues])


def _vtt_time(delta: timedelta) -> str:
    millis = round(delta.total_seconds() * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    seconds, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def to_vtt(transcript: Transcript) -> str:
    cues = [
        f"{_vtt_time(sub.start)} --> {_vtt_time(sub.end)}\n"
        + (f"<v {_vtt_escaped(name)}>" if name is not None else "")
        + f"{_vtt_escaped(sub.content)}\n"
        for sub, name in _cues(transcript)
    ]
    return "WEBVTT\n\n" + "\n".join(cues)


def _vtt_escaped(text: str) -> str:
    """Cue text as WebVTT wants it: ``&``, ``<`` and ``>`` escaped; no blank line inside."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "\n".join(line for line in text.splitlines() if line.strip())


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
