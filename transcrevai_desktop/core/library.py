"""The recordings library: one folder per session, named by its UUID, under one root."""

from __future__ import annotations

import re
import uuid
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
