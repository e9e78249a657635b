"""Voices the user has named, remembered so that later transcripts name them by themselves.

When the user renames a speaker ("Speaker 2" → "Ana"), the speaker's voice (the mean of its
CAM++ embeddings, 192 numbers) is kept under that name in ``voices.json`` in the user data
folder, on this computer only; naming the same voice again in another recording refines it
(the mean of the two). Every labelled transcript is then compared with the remembered voices:
a speaker whose voice is at least ``RECOGNISE`` alike (cosine) to one of them takes its name,
and its ``match`` (that similarity) is shown beside it. Each name goes to one speaker at most,
the most alike first. The user can forget a voice (Preferences → Voices).

``RECOGNISE`` comes from the shared clips: two halves of one person's recording were 0.46 to
0.97 alike (0.46 for 3 s halves of a crowd-sourced clip), two different people at most 0.28.
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import numpy as np
import platformdirs

from transcrevai_desktop.core.files import atomic_write_text
from transcrevai_desktop.core.transcript import Transcript

log = logging.getLogger(__name__)

RECOGNISE = 0.4  # cosine similarity from which a speaker is taken for a remembered voice
VOICES_FILE = "voices.json"


def default_voices_path() -> Path:
    """``~/.local/share/transcrevai-desktop/voices.json`` on Linux (platformdirs user data)."""
    return Path(platformdirs.user_data_dir("transcrevai-desktop")) / VOICES_FILE


@dataclass(frozen=True)
class KnownVoice:
    name: str
    voice: tuple[float, ...]  # unit length
    recordings: int = 1  # how many times it was named
    updated: str = ""  # ISO date and time


def _unit(vector: np.ndarray) -> np.ndarray:
    return vector / max(float(np.linalg.norm(vector)), 1e-12)


def voice_tuple(vector: np.ndarray) -> tuple[float, ...]:
    """A voice as stored: unit length, rounded to 5 decimals (no loss that matters)."""
    return tuple(round(float(x), 5) for x in _unit(np.asarray(vector, np.float64)))


class VoiceBook:
    """The remembered voices in ``path``; safe to use from several threads."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_voices_path()
        self._lock = threading.Lock()

    def voices(self) -> list[KnownVoice]:
        """Every remembered voice, by name. An unreadable file counts as none (logged)."""
        with self._lock:
            return self._read()

    def remember(self, name: str, voice: tuple[float, ...]) -> None:
        """Keep ``voice`` under ``name``, refining the voice already kept under it."""
        if not voice:
            return
        with self._lock:
            known = {v.name: v for v in self._read()}
            now = datetime.now().astimezone().isoformat(timespec="seconds")
            old = known.get(name)
            if old is None:
                known[name] = KnownVoice(name, voice_tuple(np.array(voice)), 1, now)
            else:
                mean = np.array(old.voice) * old.recordings + np.array(voice)
                known[name] = KnownVoice(name, voice_tuple(mean), old.recordings + 1, now)
            self._write(list(known.values()))
        log.info("Remembered the voice of %s", name)

    def forget(self, name: str) -> None:
        with self._lock:
            self._write([v for v in self._read() if v.name != name])

    def recognise(self, transcript: Transcript) -> Transcript:
        """``transcript`` with its speakers named after the remembered voices they match."""
        known = self.voices()
        candidates = [
            (float(np.dot(speaker.voice, voice.voice)), index, voice.name)
            for index, speaker in enumerate(transcript.speakers)
            if speaker.voice
            for voice in known
        ]
        speakers = list(transcript.speakers)
        named: set[str] = set()
        taken: set[int] = set()
        for similarity, index, name in sorted(candidates, reverse=True):
            if similarity < RECOGNISE:
                break
            if index in taken or name in named:
                continue
            speakers[index] = replace(speakers[index], name=name, match=round(similarity, 3))
            taken.add(index)
            named.add(name)
        return replace(transcript, speakers=speakers) if taken else transcript

    def _read(self) -> list[KnownVoice]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return sorted(
                (
                    KnownVoice(
                        str(item["name"]),
                        tuple(float(x) for x in item["voice"]),
                        int(item.get("recordings", 1)),
                        str(item.get("updated", "")),
                    )
                    for item in data["voices"]
                ),
                key=lambda v: v.name.casefold(),
            )
        except FileNotFoundError:
            return []
        except (OSError, ValueError, KeyError, TypeError) as error:
            log.warning("Remembered voices unreadable in %s (%s): none used", self.path, error)
            return []

    def _write(self, voices: list[KnownVoice]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "voices": [
                {
                    "name": v.name,
                    "recordings": v.recordings,
                    "updated": v.updated,
                    "voice": list(v.voice),
                }
                for v in voices
            ]
        }
        atomic_write_text(self.path, json.dumps(data, ensure_ascii=False) + "\n")
