"""Voices the user has named, remembered so that later transcripts name them by themselves.

When the user renames a speaker ("Speaker 2" → "Ana"), the speaker's voice (the mean of its
CAM++ embeddings, 192 numbers) is kept under that name in ``voices.json`` in the user data
folder, on this computer only; naming the same voice again in another recording refines it
(the mean of the two). Each naming is kept apart, by the recording's speaker it came from
(its *source*), so the book follows what the user settles on: naming that speaker again
("Anna", then "Ana") moves its voice to the new name, giving it back its default name or
undoing the rename takes it out, and a name left without voices goes. A name from a
``voices.json`` written before namings were kept apart stands for all its namings at once.

Every labelled transcript is then compared with the remembered voices: a speaker whose voice
is at least ``RECOGNISE`` alike (cosine) to one of them takes its name, and its ``match``
(that similarity) is shown beside it. Each name goes to one speaker at most, the most alike
first. The user can forget a voice (Preferences → Voices).

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
from PySide6.QtCore import QDate, QLocale

from transcrevai_desktop.core.files import atomic_write_text
from transcrevai_desktop.core.transcript import Transcript

log = logging.getLogger(__name__)

RECOGNISE = 0.4  # cosine similarity from which a speaker is taken for a remembered voice
KEEP_NAMINGS = 10  # a name's latest namings kept apart (older ones are merged into one)
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


@dataclass(frozen=True)
class _Naming:
    """A voice named ``name`` by the user: one recording's speaker (``source``), or, without
    one, ``recordings`` namings at once (their mean ``voice``)."""

    name: str
    voice: tuple[float, ...]
    recordings: int = 1
    updated: str = ""
    source: str = ""


def local_date(updated: str) -> tuple[str, str]:
    """The short local date of an ISO date and time, and the full local date and time (for a
    tooltip); empty strings when ``updated`` is missing or unreadable."""
    try:
        moment = datetime.fromisoformat(updated)
    except ValueError:
        return "", ""
    if moment.tzinfo is not None:
        moment = moment.astimezone()  # the local time zone
    locale = QLocale()
    day = QDate(moment.year, moment.month, moment.day)
    full = moment.strftime("%H:%M")
    return (
        locale.toString(day, QLocale.FormatType.ShortFormat),
        f"{locale.toString(day, QLocale.FormatType.LongFormat)} {full}",
    )


def _unit(vector: np.ndarray) -> np.ndarray:
    return vector / max(float(np.linalg.norm(vector)), 1e-12)


def voice_tuple(vector: np.ndarray) -> tuple[float, ...]:
    """A voice as stored: unit length, rounded to 5 decimals (no loss that matters)."""
    return tuple(round(float(x), 5) for x in _unit(np.asarray(vector, np.float64)))


def _mean_voice(namings: list[_Naming]) -> tuple[float, ...]:
    """The voice of ``namings`` together, each weighed by the recordings it stands for."""
    return voice_tuple(np.sum([np.array(n.voice) * n.recordings for n in namings], 0))


def _merged_beyond(namings: list[_Naming], name: str) -> list[_Naming]:
    """``namings`` with the oldest of ``name``'s own merged into one naming without a source,
    past ``KEEP_NAMINGS`` (the book grew by 2 KB a recording and was read whole at each
    rename; a naming that old is no longer taken back)."""
    own = [n for n in namings if n.name == name and n.source]
    if len(own) <= KEEP_NAMINGS:
        return namings
    old = own[: len(own) - KEEP_NAMINGS] + [n for n in namings if n.name == name and not n.source]
    merged = _Naming(
        name, _mean_voice(old), sum(n.recordings for n in old), max(n.updated for n in old)
    )
    merged_away = {id(n) for n in old}
    return [merged, *(n for n in namings if id(n) not in merged_away)]


class VoiceBook:
    """The remembered voices in ``path``; safe to use from several threads."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_voices_path()
        self._lock = threading.Lock()

    def voices(self) -> list[KnownVoice]:
        """Every remembered voice, by name. An unreadable file counts as none (logged)."""
        with self._lock:
            namings = self._read()
        by_name: dict[str, list[_Naming]] = {}
        for naming in namings:
            by_name.setdefault(naming.name, []).append(naming)
        return sorted(
            (
                KnownVoice(
                    name,
                    _mean_voice(group),
                    sum(n.recordings for n in group),
                    max(n.updated for n in group),
                )
                for name, group in by_name.items()
            ),
            key=lambda v: v.name.casefold(),
        )

    def remember(self, name: str, voice: tuple[float, ...], source: str = "") -> None:
        """Keep ``voice`` under ``name``, refining the voice already kept under it: as the
        naming of ``source`` (a recording's speaker), which replaces that source's naming
        before, or, without a source, as a naming of its own."""
        if not voice:
            return
        now = datetime.now().astimezone().isoformat(timespec="seconds")
        with self._lock:
            namings = [n for n in self._read() if not source or n.source != source]
            namings.append(_Naming(name, voice_tuple(np.array(voice)), 1, now, source))
            self._write(_merged_beyond(namings, name))
        log.info("Remembered the voice of %s", name)

    def named(self, source: str) -> str | None:
        """The name the voice of ``source`` is remembered under (None: it is not)."""
        with self._lock:
            return next((n.name for n in self._read() if n.source == source), None)

    def unname(self, source: str) -> None:
        """Take the voice of ``source`` out of the book (a name left without voices goes)."""
        with self._lock:
            namings = self._read()
            kept = [n for n in namings if n.source != source]
            if len(kept) != len(namings):
                self._write(kept)

    def forget(self, name: str) -> None:
        with self._lock:
            self._write([n for n in self._read() if n.name != name])

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

    def _read(self) -> list[_Naming]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return [
                _Naming(
                    str(item["name"]),
                    tuple(float(x) for x in item["voice"]),
                    int(item.get("recordings", 1)),
                    str(item.get("updated", "")),
                    str(item.get("source", "")),
                )
                for item in data["voices"]
            ]
        except FileNotFoundError:
            return []
        except (OSError, ValueError, KeyError, TypeError) as error:
            log.warning("Remembered voices unreadable in %s (%s): none used", self.path, error)
            return []

    def _write(self, namings: list[_Naming]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "voices": [
                {
                    "name": n.name,
                    "recordings": n.recordings,
                    "updated": n.updated,
                    **({"source": n.source} if n.source else {}),
                    "voice": list(n.voice),
                }
                for n in namings
            ]
        }
        atomic_write_text(self.path, json.dumps(data, ensure_ascii=False) + "\n")
