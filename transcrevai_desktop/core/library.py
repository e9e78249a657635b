"""The recordings library: one folder per session, named by its UUID, under one root."""

from __future__ import annotations

import json
import logging
import re
import threading
import unicodedata
import uuid
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import platformdirs
import soundfile
from PySide6.QtCore import QCoreApplication

from transcrevai_desktop.core.folder_lock import held

log = logging.getLogger(__name__)

AUDIO_FILE = "audio.wav"
METADATA_FILE = "session.json"
TRANSCRIPT_STEM = "transcript"
# the final pass's files, each by its format and by its kind in session.json's "files"
FINAL_FILES = {"txt": "transcript", "srt": "subtitles", "json": "segments"}
WAV_HEADER_BYTES = 44  # the header of a session's 16-bit PCM .wav: a file this size has no audio
_LEFTOVER = re.compile(r"\..+\.tmp")  # a temporary file of a write cut short (core.files)


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
NAME_BYTES = 200  # of a file name made from a session's name: room for ".subtitled.mkv" too


def safe_filename(name: str, fallback: str | None = None) -> str:
    """``name`` as one file name with no folder in it: separators and reserved characters become
    "-", leading dots go, so it can never point outside the folder it is joined to; ``fallback``
    (default: "recording" in the user's language) when nothing of it is left."""
    cleaned = _UNSAFE.sub("-", name).strip(" .-")
    # Folders hold names of 255 bytes: 100 Chinese characters are 300. A cut character goes.
    cleaned = cleaned.encode()[:NAME_BYTES].decode(errors="ignore").rstrip(" .-")
    if cleaned:
        return cleaned
    if fallback is not None:
        return fallback
    return QCoreApplication.translate("Library", "recording")  # a name of dots or slashes


@dataclass(frozen=True)
class LibraryEntry:
    """A past session as the library lists it."""

    id: str
    name: str
    created_at: str
    duration: float
    language: str | None
    status: str
    words: str  # the transcript ``folded``, for search ("" before the final pass)
    in_use: bool = False  # a process (this one too) records or transcribes it: see folder_lock

    def matches(self, query: str) -> bool:
        """Whether every word of ``query`` is in the name or the transcript, in any order,
        case and accents aside: "reuniao equipe" finds "Reunião de equipe", as people type a
        search in a hurry."""
        searched = (folded(self.name), self.words)
        return all(any(word in text for text in searched) for word in folded(query).split())


def folded(text: str) -> str:
    """``text`` in lower case without accents or other marks ("Ação" → "acao")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def has_content(folder: Path) -> bool:
    """Whether a session folder keeps something: audio (more than a bare .wav header) or a
    transcript. A session's folder is made only once it has something to keep, but earlier
    versions made one, with a lone session.json, for every tab opened."""
    try:
        if (folder / AUDIO_FILE).stat().st_size > WAV_HEADER_BYTES:
            return True
    except OSError:
        pass  # no audio
    try:
        return any(folder.glob(f"{TRANSCRIPT_STEM}.*"))
    except OSError:
        return False  # the folder went meanwhile


def remove_if_empty(folder: Path) -> bool:
    """Remove a session folder that keeps nothing (see ``has_content``): its session.json, a
    bare .wav header and temporary files of cut-short writes, then the folder. A folder
    holding anything else stays whole. True if the folder is gone (or never was)."""
    try:
        if has_content(folder):
            return False
        names = [path.name for path in folder.iterdir()]
        if not all(n in (METADATA_FILE, AUDIO_FILE) or _LEFTOVER.fullmatch(n) for n in names):
            return False
        for name in names:
            (folder / name).unlink(missing_ok=True)
        folder.rmdir()
    except (FileNotFoundError, NotADirectoryError):
        return not folder.exists()  # deleted meanwhile, or could never be (inside a file)
    except OSError as error:
        log.warning("Could not remove the empty session folder %s: %s", folder, error)
        return False
    return True


_TEXT = (str, type(None))
_FIELDS: dict[str, tuple[type, ...]] = {  # the kinds of session.json's values (Session.to_dict)
    **dict.fromkeys(
        ("name", "created_at", "started_at", "ended_at", "device", "language", "source"), _TEXT
    ),
    **dict.fromkeys(("model", "status", "message"), _TEXT),
    "duration": (int, float, type(None)),
    "speakers": (str, int, type(None)),
    "vocabulary": (list, type(None)),
    "channels": (list, type(None)),
    "files": (dict, type(None)),
}


def _wrong_fields(data: dict[str, Any]) -> list[str]:
    """The fields of session.json's ``data`` whose values are of the wrong kind."""
    wrong = [key for key, kinds in _FIELDS.items() if not isinstance(data.get(key), kinds)]
    files = data.get("files")
    if isinstance(files, dict) and not all(isinstance(name, str) for name in files.values()):
        wrong.append("files")
    return wrong


def read_metadata(folder: Path) -> dict[str, Any]:
    """A session folder's session.json; ``ValueError`` if it is missing, corrupt, foreign or
    holds values of the wrong kind."""
    try:
        data = json.loads((folder / METADATA_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(
            QCoreApplication.translate("Library", "{folder}: unreadable {file} ({error})").format(
                folder=folder.name, file=METADATA_FILE, error=error
            )
        ) from error
    if not isinstance(data, dict) or data.get("id") != folder.name:
        raise ValueError(
            QCoreApplication.translate(
                "Library", "{folder}: {file} belongs to another session"
            ).format(folder=folder.name, file=METADATA_FILE)
        )
    wrong = _wrong_fields(data)
    if wrong:  # edited by hand, or by another program: one such folder must not empty the list
        raise ValueError(
            QCoreApplication.translate(
                "Library", "{folder}: {file} has unexpected values ({fields})"
            ).format(folder=folder.name, file=METADATA_FILE, fields=", ".join(wrong))
        )
    return data


DAMAGED_SUFFIX = ".damaged"  # a session.json that could not be read, kept aside when rebuilt
CUT_SHORT = "recording"  # the status a rebuilt session.json gives (SessionStatus.RECORDING)


def rebuilt_metadata(folder: Path) -> dict[str, Any] | None:
    """A session.json for a session folder whose own cannot be read (corrupt, cut short by a
    full disk, edited by hand, copied from another session's folder) but that keeps its
    audio: what can be read of the old one (its name, its date), over what the folder shows.
    With its final pass's transcript.json, a finished recording whose transcript (and every
    correction in it) reopens as it was; else a recording cut short, which reopens with its
    .wav header repaired, to be transcribed (``Session``). Named "Recovered recording" and
    dated from its audio (started its length before it was last written). None without
    audio, or while another process holds the folder (its session.json may be on its
    way)."""
    audio = folder / AUDIO_FILE
    try:
        written = audio.stat()
    except OSError:
        return None
    if written.st_size <= WAV_HEADER_BYTES or held(folder):
        return None
    duration = _recorded_seconds(folder)
    made = datetime.fromtimestamp(written.st_mtime - duration).astimezone()
    finished = _final_pass_language(folder)
    files = {"audio": AUDIO_FILE}
    if finished is not None:
        files |= {
            kind: f"{TRANSCRIPT_STEM}.{fmt}"
            for fmt, kind in FINAL_FILES.items()
            if (folder / f"{TRANSCRIPT_STEM}.{fmt}").is_file()
        }
    salvaged = _readable_fields(folder)
    return {
        "name": QCoreApplication.translate("Library", "Recovered recording"),
        "created_at": made.isoformat(timespec="seconds"),
        "duration": duration,
        "status": CUT_SHORT if finished is None else "complete",
        "language": finished or None,
        **salvaged,
        "id": folder.name,
        "files": {**salvaged.get("files", {}), **files},
    }


def _final_pass_language(folder: Path) -> str | None:
    """The language of the final pass's transcript.json in ``folder`` ("" where it names
    none); None where there is none that reads."""
    try:
        data = json.loads((folder / f"{TRANSCRIPT_STEM}.json").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("segments"), list):
        return None
    return str(data.get("language") or "")


def _recorded_seconds(folder: Path) -> float:
    """The seconds of the folder's audio as far as its header counts: the recorder rewrites it
    every half second, so a recording under way, or one a crash cut short, counts all but
    the last half second (0 where the audio cannot be read)."""
    try:
        return float(soundfile.info(folder / AUDIO_FILE).duration)
    except (soundfile.LibsndfileError, RuntimeError):
        return 0.0


def _readable_fields(folder: Path) -> dict[str, Any]:
    """The fields of a session.json that cannot be used whole whose values are of the right
    kind (none if it is not JSON)."""
    try:
        data = json.loads((folder / METADATA_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return {}
    if not isinstance(data, dict):
        return {}
    wrong = _wrong_fields(data)
    return {key: data[key] for key in _FIELDS if data.get(key) is not None and key not in wrong}


def scan_library(
    library_dir: Path, live: AbstractSet[str] = frozenset()
) -> tuple[list[LibraryEntry], list[str]]:
    """Every session in the library that keeps something (``has_content``), or is ``live``
    (held by this process: a recording just started, its first audio on its way), newest
    first, and a sentence per folder skipped as unreadable.

    Other folders that keep nothing (earlier versions made one for every tab opened; a
    recording cut before its first audio) are left out silently, and
    ``SessionManager.cleanup_old_sessions`` removes them."""
    from transcrevai_desktop.core.session import CAPTURING  # which imports this module

    entries: list[LibraryEntry] = []
    seen: set[Path] = set()  # the transcripts listed
    problems: list[str] = []
    try:
        folders = sorted(library_dir.iterdir()) if library_dir.is_dir() else []
    except OSError as error:
        problem = QCoreApplication.translate("Library", "{folder} cannot be read ({reason})")
        return [], [problem.format(folder=library_dir, reason=error.strerror)]
    for folder in folders:
        if not folder.is_dir() or parse_session_id(folder.name) is None:
            continue
        content = has_content(folder)
        if not content and folder.name not in live:
            continue
        try:
            data = read_metadata(folder)
        except ValueError as error:
            rebuilt = rebuilt_metadata(folder) if content else None
            if rebuilt is None:
                if content:  # else: a live session whose session.json is being written
                    problems.append(str(error))
                continue
            cut_short = rebuilt["status"] == CUT_SHORT  # no process records it: interrupted
            data = {**rebuilt, "status": "interrupted"} if cut_short else rebuilt
        words = _searchable(folder / f"{TRANSCRIPT_STEM}.txt")
        seen.add(folder / f"{TRANSCRIPT_STEM}.txt")
        duration = float(data.get("duration") or 0.0)
        if data.get("status") in CAPTURING:  # session.json has not counted it yet
            duration = _recorded_seconds(folder)
        entries.append(
            LibraryEntry(
                id=folder.name,
                name=str(data.get("name") or folder.name),
                created_at=str(data.get("created_at") or ""),
                duration=duration,
                language=data.get("language"),
                status=str(data.get("status") or ""),
                words=words,
                in_use=held(folder),
            )
        )
    with _SEARCHABLE_LOCK:  # what was deleted or moved is forgotten
        for path in [path for path in _SEARCHABLE if path.parent.parent == library_dir]:
            if path not in seen:
                del _SEARCHABLE[path]
    entries.sort(key=lambda entry: entry.created_at, reverse=True)
    return entries, problems


# transcript.txt → (its modification time and size, its text ``folded``): a scan folds only
# the transcripts changed since the last (300 hours of them took 1.5 s, on every scan)
_SEARCHABLE: dict[Path, tuple[tuple[int, int], str]] = {}
_SEARCHABLE_LOCK = threading.Lock()


def _searchable(path: Path) -> str:
    """The transcript at ``path`` ``folded`` for search; "" where there is none (not
    transcribed yet, or unreadable: the name is still searchable)."""
    try:
        stat = path.stat()
        version = (stat.st_mtime_ns, stat.st_size)
        with _SEARCHABLE_LOCK:
            known = _SEARCHABLE.get(path)
        if known is not None and known[0] == version:
            return known[1]
        words = folded(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return ""
    with _SEARCHABLE_LOCK:
        _SEARCHABLE[path] = (version, words)
    return words
