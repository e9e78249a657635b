"""Writers for the transcript formats offered by the final pass and the export menu.

txt: the paragraphs the window shows (``transcript.paragraphs``): when the transcript shows its
speakers (``Transcript.shows_speakers``: two or more, or one the user named) one per turn
("Speaker 1: …"), a long one cut at its sentence ends past 600 characters; otherwise cut there
and at pauses of 2 s, never at Whisper's segments, which end anywhere, often inside a
sentence. srt/vtt: cues cut
from the word timings within ``CueLimits`` (``core/subtitles.py`` says how), with the speaker's
name where the speaker changes ("Ana: …" in SRT, a ``<v Ana>`` voice span in VTT). json:
segments with word timings, and speakers whenever labelled.
Every writer goes through a temporary file and a rename, so a good file is never half replaced.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import srt

from transcrevai_desktop.core.files import atomic_write_text
from transcrevai_desktop.core.subtitles import DEFAULT_LIMITS, CueLimits, build_cues
from transcrevai_desktop.core.transcript import Transcript, paragraphs


def to_txt(transcript: Transcript) -> str:
    if not transcript.shows_speakers:
        texts = paragraphs(transcript.segments)
    else:
        texts = []
        for speaker, segments in transcript.turns():
            first, *more = paragraphs(segments, pauses=False) or [""]
            texts += [f"{transcript.speaker_name(speaker)}: {first}", *more]
    return "".join(f"{text}\n\n" for text in texts).rstrip("\n") + "\n"


def to_srt(transcript: Transcript, limits: CueLimits = DEFAULT_LIMITS) -> str:
    subtitles = [
        srt.Subtitle(
            index=number,
            start=timedelta(seconds=cue.start),
            end=timedelta(seconds=cue.end),
            content=cue.named.text,
        )
        for number, cue in enumerate(build_cues(transcript, limits), start=1)
    ]
    text: str = srt.compose(subtitles)  # srt has no type information
    return text


def _vtt_time(at: float) -> str:
    millis = round(at * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    seconds, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def to_vtt(transcript: Transcript, limits: CueLimits = DEFAULT_LIMITS) -> str:
    cues = [
        f"{_vtt_time(cue.start)} --> {_vtt_time(cue.end)}\n"
        + (f"<v {_vtt_escaped(cue.speaker)}>" if cue.speaker is not None else "")
        + f"{_vtt_escaped(cue.text)}\n"
        for cue in build_cues(transcript, limits)
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
SUBTITLE_FORMATS: dict[str, Callable[[Transcript, CueLimits], str]] = {
    "srt": to_srt,
    "vtt": to_vtt,
}


def write_transcript(
    transcript: Transcript, path: Path, fmt: str, limits: CueLimits = DEFAULT_LIMITS
) -> Path:
    """Write ``transcript`` to ``path`` in ``fmt`` (one of ``FORMATS``) and return the path;
    subtitles keep ``limits``."""
    if fmt in SUBTITLE_FORMATS:
        text = SUBTITLE_FORMATS[fmt](transcript, limits)
    else:
        text = FORMATS[fmt](transcript)
    atomic_write_text(Path(path), text)
    return Path(path)
