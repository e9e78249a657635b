"""The recordings library: one folder per session, named by its UUID, under one root."""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

import platformdirs

AUDIO_FILE = "audio.wav"
METADATA_FILE = "session.json"
TRANSCRIPT_STEM = "transcript"


def default_library_dir() -> Path:
    """``~/.local/share/transcrevai-desktop/recordings`` on Linux (platformdirs user data)."""
    return Path(platformdirs.user_data_dir("transcrevai-desktop")) / "recordings"


def parse_session_id(value: object) -> str | None:
    """The canonical form of a UUID4 string, or None for anything else (never raises)."""
    if not isinstance(value, str):
        return None
    try:
        parsed = uuid.UUID(value)
    except ValueError:
        return None
    return str(parsed) if parsed.version == 4 and str(parsed) == value.lower() else None


_UNSAFE = re.compile(r'[\x00-\x1f/\\:*?"<>|]+')


def safe_filename(name: str, fallback: str = "recording") -> str:
    """``name`` as one file name with no folder in it: separators and reserved characters become
    "-", leading dots go, so it can never point outside the folder it is joined to."""
    cleaned = _UNSAFE.sub("-", name).strip(" .-")
    return cleaned[:120] or fallback


@dataclass(frozen=True)
class LibraryEntry:
    """A past session as the library lists it."""

    id: str
    name: str
    created_at: str
    duration: float
    language: str | None
    status: str
    text: str  # the transcript, for search ("" before the final pass)

    def matches(self, query: str) -> bool:
        query = query.strip().lower()
        return not query or query in self.name.lower() or query in self.text.lower()


def read_metadata(folder: Path) -> dict:
    """A session folder's session.json; ``ValueError`` if it is missing, corrupt or foreign."""
    try:
        data = json.loads((folder / METADATA_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"{folder.name}: unreadable {METADATA_FILE} ({error})") from error
    if not isinstance(data, dict) or data.get("id") != folder.name:
        raise ValueError(f"{folder.name}: {METADATA_FILE} belongs to another session")
    return data


def scan_library(library_dir: Path) -> tuple[list[LibraryEntry], list[str]]:
    """Every session in the library, newest first, and a sentence per folder skipped."""
    entries: list[LibraryEntry] = []
    problems: list[str] = []
    try:
        folders = sorted(library_dir.iterdir()) if library_dir.is_dir() else []
    except OSError as error:
        return [], [f"{library_dir} cannot be read ({error.strerror})"]
    for folder in folders:
        if not folder.is_dir() or parse_session_id(folder.name) is None:
            continue
        try:
            data = read_metadata(folder)
        except ValueError as error:
            problems.append(str(error))
            continue
        try:
            text = (folder / f"{TRANSCRIPT_STEM}.txt").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = ""  # not transcribed yet (or unreadable): the name is still searchable
        entries.append(
            LibraryEntry(
                id=folder.name,
                name=str(data.get("name") or folder.name),
                created_at=str(data.get("created_at") or ""),
                duration=float(data.get("duration") or 0.0),
                language=data.get("language"),
                status=str(data.get("status") or ""),
                text=text,
            )
        )
    entries.sort(key=lambda entry: entry.created_at, reverse=True)
    return entries, problems
