"""Downloading a catalog model into the model cache, and deciding whether to offer one.

``download`` lists the repository's files with huggingface_hub's public API, streams the ones
faster-whisper needs itself (so progress counts bytes and Cancel stops mid-file) into a
staging folder beside the target, checks each file's size and hash, and only then moves the
folder into place: a cancelled or failed download leaves nothing behind, and what a killed one
left is removed by the next (``files.scratch_folder``). Downloads run one at a time: a second
one (the model picker and the offer both asked, or a second window of the app asked for the
same model) waits for the first, and then may find its model there.

No dependency of our own: huggingface_hub and its HTTP client httpx2 come with faster-whisper.
The hub is ``HF_ENDPOINT`` as it is when a download starts (huggingface_hub reads it only
once, at import), else huggingface.co.
"""

from __future__ import annotations

import contextlib
import fnmatch
import functools
import hashlib
import logging
import math
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlparse

import httpx2
import numpy as np
from huggingface_hub import HfApi, get_session, hf_hub_url
from huggingface_hub.errors import HfHubHTTPError, OfflineModeIsEnabled
from PySide6.QtCore import QCoreApplication

from transcrevai_desktop.core.errors import DownloadCancelled, ModelDownloadFailed, ModelMissing
from transcrevai_desktop.core.files import scratch_folder
from transcrevai_desktop.core.folder_lock import FolderLock
from transcrevai_desktop.core.model_catalog import (
    CATALOG,
    OFFER_BUDGET,
    CatalogModel,
    base_seconds_per_minute,
    better_models,
    seconds_per_minute,
)
from transcrevai_desktop.core.models import (
    BUNDLED_MODEL,
    MODELS,
    bundled_model_installed,
    catalog_folder,
    downloaded_folder,
)
from transcrevai_desktop.core.texts import size_text

log = logging.getLogger(__name__)

DEFAULT_ENDPOINT = "https://huggingface.co"
# What faster-whisper fetches of a model: the allow_patterns of faster_whisper.utils.
# download_model (a local variable there, so not importable).
MODEL_FILES = (
    "config.json",
    "preprocessor_config.json",
    "model.bin",
    "tokenizer.json",
    "vocabulary.*",
)
# A read waits this long at most, so that Cancel is seen within it on a connection that hangs;
# the download goes on from the byte it got to (an HTTP range), also when the connection cannot
# be made again for a while (the Wi-Fi down), until ``STALL_SECONDS`` pass without a byte, or a
# file's connection broke ``RESUMES`` times.
_READ_STEP = 2.0
_TIMEOUT = httpx2.Timeout(_READ_STEP, connect=10.0)
STALL_SECONDS = 30.0
RESUMES = 5
RETRY_PAUSE = 1.0  # seconds before connecting again after a connection could not be made
_BROKEN = (
    httpx2.ReadTimeout,
    httpx2.ReadError,
    httpx2.RemoteProtocolError,
    httpx2.ConnectError,
    httpx2.ConnectTimeout,
)
_STAGING = ".downloading-"
_WAIT_STEP = 0.2  # seconds between looks at Cancel while a download waits
_IN_THIS_PROCESS = threading.Lock()  # downloads of this process, one at a time
ROOM_LEFT = 1_000_000_000  # bytes a download leaves free on its disk: hours of recording


def hub_endpoint() -> str:
    """The model hub's address: ``HF_ENDPOINT`` now, else huggingface.co."""
    return (os.environ.get("HF_ENDPOINT") or DEFAULT_ENDPOINT).rstrip("/")


def hub_reachable(timeout: float = 3.0) -> bool:
    """Whether the model hub answers at all, within ``timeout`` seconds (blocks that long)."""
    try:
        get_session().head(hub_endpoint(), timeout=timeout)
    except (httpx2.HTTPError, OSError):  # OfflineModeIsEnabled is an OSError
        return False
    return True


def download(
    name: str, progress: Callable[[int, int], None], cancelled: Callable[[], bool]
) -> Path:
    """Download the catalog model ``name`` into the model cache and return its folder (at once
    when it is there already). ``progress(done, total)`` is told the bytes after every read;
    ``cancelled()`` is asked as often, and True stops the download with ``DownloadCancelled``.
    Raises ``ModelDownloadFailed`` with a sentence for the user. Either way nothing is left.
    Blocks: call it off the GUI thread."""
    model = CATALOG.get(name)
    if model is None:
        raise ModelDownloadFailed(
            QCoreApplication.translate(
                "ModelDownloadFailed", "There is no model called '{model}' to download."
            ).format(model=name)
        )
    done = downloaded_folder(name)
    if done is not None:
        return done
    target = catalog_folder(model)
    with _only_download(target, cancelled):
        done = downloaded_folder(name)  # by the download this one waited for
        if done is not None:
            return done
        return _Download(model, hub_endpoint(), progress, cancelled).run()


@contextlib.contextmanager
def _only_download(target: Path, cancelled: Callable[[], bool]) -> Iterator[None]:
    """Hold the model cache for one download (a lock of this process's, and one on the cache
    folder that other processes see and that leaves no file behind), waiting while another
    download holds it; ``DownloadCancelled`` if ``cancelled()`` meanwhile."""
    _wait_for(lambda: _IN_THIS_PROCESS.acquire(blocking=False), cancelled)
    folder = FolderLock(target.parent)
    try:
        _wait_for(folder.acquire, cancelled)
        yield
    finally:
        folder.release()
        _IN_THIS_PROCESS.release()


def _wait_for(ready: Callable[[], bool], cancelled: Callable[[], bool]) -> None:
    """Return once ``ready()``, asking it and ``cancelled()`` (``DownloadCancelled``) every
    ``_WAIT_STEP`` seconds."""
    while not ready():
        if cancelled():
            raise DownloadCancelled()
        time.sleep(_WAIT_STEP)


def _after(seconds: float) -> Callable[[], bool]:
    """A ``ready`` for ``_wait_for``: ``seconds`` from now."""
    until = time.monotonic() + seconds
    return lambda: time.monotonic() >= until


@dataclass(frozen=True)
class _RemoteFile:
    name: str
    size: int
    sha256: str | None  # files in Git LFS: the hub gives their SHA-256
    git_sha1: str | None  # other files: their git blob id


class _Incomplete(Exception):
    """A file ended before its size, or the hub lists no Whisper model in the repository."""


class _Damaged(Exception):
    """A file's hash is not the one the hub gave."""


class _NoRoom(Exception):
    """The disk has too little room for the model and ``ROOM_LEFT`` after it."""

    def __init__(self, needed: int, free: int) -> None:
        super().__init__(f"{needed} bytes needed, {free} free")
        self.needed, self.free = needed, free


class _Download:
    def __init__(
        self,
        model: CatalogModel,
        endpoint: str,
        progress: Callable[[int, int], None],
        cancelled: Callable[[], bool],
    ) -> None:
        self.model, self.endpoint = model, endpoint
        self.host = urlparse(endpoint).netloc or endpoint
        self.progress, self.cancelled = progress, cancelled
        self.target = catalog_folder(model)
        self.file: str | None = None  # the file being fetched, for the sentence
        self.file_bytes = 0

    def run(self) -> Path:
        staging: Path | None = None
        try:
            files, revision = self._files()
            self.target.parent.mkdir(parents=True, exist_ok=True)
            staging = scratch_folder(self.target.parent, f".{self.target.name}{_STAGING}")
            total, done = sum(file.size for file in files), 0
            free = shutil.disk_usage(self.target.parent).free
            if free < total + ROOM_LEFT:
                raise _NoRoom(total, free)
            self.progress(0, total)
            for file in files:
                url = hf_hub_url(
                    self.model.repo, file.name, revision=revision, endpoint=self.endpoint
                )
                done = self._fetch(url, file, staging / file.name, done, total)
            self.file = None
            if self.cancelled():  # after the last byte: still the user's last word
                raise DownloadCancelled()
            shutil.rmtree(self.target, ignore_errors=True)  # an incomplete one, if any
            os.replace(staging, self.target)
        except DownloadCancelled:
            log.info("Download of %s cancelled", self.model.name)
            raise
        except (httpx2.HTTPError, OSError, _Incomplete, _Damaged, _NoRoom) as error:
            if self.cancelled():  # Cancel while the connection hung, then broke: cancelled
                log.info("Download of %s cancelled (then it failed: %r)", self.model.name, error)
                raise DownloadCancelled() from error
            log.warning("Download of %s failed: %r", self.model.name, error)
            raise ModelDownloadFailed(self._sentence(error)) from error
        finally:
            if staging is not None:
                shutil.rmtree(staging, ignore_errors=True)
        log.info("Downloaded %s into %s", self.model.name, self.target)
        return self.target

    def _files(self) -> tuple[list[_RemoteFile], str]:
        """The files faster-whisper needs, with sizes and hashes, and the revision to fetch."""
        info = HfApi(endpoint=self.endpoint).model_info(
            self.model.repo, files_metadata=True, timeout=STALL_SECONDS
        )
        files = [
            _RemoteFile(
                sibling.rfilename,
                sibling.size or 0,
                sibling.lfs.sha256 if sibling.lfs else None,
                None if sibling.lfs else sibling.blob_id,
            )
            for sibling in info.siblings or []
            if any(fnmatch.fnmatch(sibling.rfilename, pattern) for pattern in MODEL_FILES)
        ]
        if not {"model.bin", "config.json"} <= {file.name for file in files}:
            raise _Incomplete(f"{self.model.repo} lists no model.bin and config.json")
        return files, info.sha or "main"

    def _fetch(self, url: str, file: _RemoteFile, path: Path, done: int, total: int) -> int:
        """Fetch ``url`` into ``path``, going on from where a broken or hung connection left
        off; the bytes done in all after it."""
        self.file, self.file_bytes = file.name, 0
        sha256, sha1 = hashlib.sha256(), hashlib.sha1()
        sha1.update(b"blob %d\0" % file.size)  # git hashes a blob behind this header
        hashes = (sha256, sha1) if file.git_sha1 else (sha256,)
        resumes, last_byte = 0, time.monotonic()
        with open(path, "wb") as out:
            while True:
                got = self.file_bytes
                try:
                    self._stream(url, file, out, hashes, done, total)
                    break
                except _BROKEN as error:
                    if self.cancelled():
                        raise DownloadCancelled() from error
                    now = time.monotonic()
                    if self.file_bytes > got:
                        last_byte = now
                    # A connection that broke counts as a resume; one that hung, or could not
                    # be made (the Wi-Fi down), counts against the clock, with a pause.
                    resumes += isinstance(error, httpx2.ReadError | httpx2.RemoteProtocolError)
                    if now - last_byte >= STALL_SECONDS or resumes > RESUMES:
                        raise
                    if isinstance(error, httpx2.ConnectError | httpx2.ConnectTimeout):
                        _wait_for(_after(RETRY_PAUSE), self.cancelled)
                    log.info("Download of %s: going on from byte %d (%r)", file.name, got, error)
        if self.file_bytes != file.size:
            raise _Incomplete(f"{file.name}: {self.file_bytes} of {file.size} bytes")
        if (file.sha256 and sha256.hexdigest() != file.sha256) or (
            file.git_sha1 and sha1.hexdigest() != file.git_sha1
        ):
            raise _Damaged(file.name)
        return done + file.size

    def _stream(
        self,
        url: str,
        file: _RemoteFile,
        out: BinaryIO,
        hashes: tuple[hashlib._Hash, ...],
        done: int,
        total: int,
    ) -> None:
        """Append to ``out`` what ``url`` has from ``file_bytes`` on (a range request after the
        first byte: the hub and its CDN answer those), updating ``hashes``."""
        start = self.file_bytes
        headers = {"Range": f"bytes={start}-"} if start else {}
        with get_session().stream("GET", url, headers=headers, timeout=_TIMEOUT) as response:
            response.raise_for_status()
            if start and response.status_code != 206:
                raise _Incomplete(f"{file.name}: no range from byte {start}")
            for chunk in response.iter_bytes():
                if self.cancelled():
                    raise DownloadCancelled()
                out.write(chunk)
                for digest in hashes:
                    digest.update(chunk)
                self.file_bytes += len(chunk)
                self.progress(done + self.file_bytes, total)

    def _sentence(self, error: Exception) -> str:
        """What went wrong, for the user: one sentence (each case whole, to be translated)."""
        translate = QCoreApplication.translate
        host, file = self.host, self.file
        response = (
            error.response if isinstance(error, HfHubHTTPError | httpx2.HTTPStatusError) else None
        )
        if isinstance(error, OfflineModeIsEnabled):
            sentence = translate(
                "ModelDownloadFailed",
                "Could not download the model '{model}': downloads from the model hub are "
                "switched off (HF_HUB_OFFLINE is set); the model in use keeps working.",
            )
        elif response is not None and response.status_code in (401, 403, 404):
            sentence = translate(
                "ModelDownloadFailed",
                "Could not download the model '{model}': {host} does not offer it "
                "(error {status}); the model in use keeps working.",
            )
        elif response is not None:
            sentence = translate(
                "ModelDownloadFailed",
                "Could not download the model '{model}': {host} answered with error {status}; "
                "the model in use keeps working.",
            )
        elif isinstance(error, _NoRoom):
            sentence = translate(
                "ModelDownloadFailed",
                "Could not download the model '{model}': it takes {size}, and {folder} has "
                "{free} free (the recordings need room too); the model in use keeps working.",
            )
        elif isinstance(error, _Damaged):
            sentence = translate(
                "ModelDownloadFailed",
                "Could not download the model '{model}': {file} arrived damaged (its checksum "
                "does not match) and was not kept; the model in use keeps working.",
            )
        elif isinstance(error, httpx2.ConnectError | httpx2.ConnectTimeout) or (
            isinstance(error, httpx2.TransportError) and file is None
        ):
            sentence = translate(
                "ModelDownloadFailed",
                "Could not download the model '{model}': no connection to {host}; the model in "
                "use keeps working.",
            )
        elif isinstance(error, httpx2.TransportError | _Incomplete) and file is not None:
            sentence = translate(
                "ModelDownloadFailed",
                "Could not download the model '{model}': the connection to {host} broke off in "
                "the middle of {file}, and nothing of it was kept; the model in use keeps "
                "working.",
            )
        elif isinstance(error, _Incomplete):
            sentence = translate(
                "ModelDownloadFailed",
                "Could not download the model '{model}': {host} does not list the files of a "
                "Whisper model for {repository}; the model in use keeps working.",
            )
        elif isinstance(error, OSError):
            sentence = translate(
                "ModelDownloadFailed",
                "Could not download the model '{model}': could not write to {folder} "
                "({reason}); the model in use keeps working.",
            )
        else:
            sentence = translate(
                "ModelDownloadFailed",
                "Could not download the model '{model}': the download from {host} failed "
                "({error}); the model in use keeps working.",
            )
        return sentence.format(
            model=self.model.name,
            host=host,
            file=file,
            status=response.status_code if response is not None else "",
            repository=self.model.repo,
            folder=self.target.parent,
            reason=(error.strerror or str(error)) if isinstance(error, OSError) else "",
            error=error,
            size=size_text(error.needed / 1e6) if isinstance(error, _NoRoom) else "",
            free=size_text(error.free / 1e6) if isinstance(error, _NoRoom) else "",
        )


# -- offering a better model ------------------------------------------------------------------


def encoder_seconds(runs: int = 3) -> float:
    """Seconds the bundled base model's encoder takes for one 30 s window on this CPU: the best
    of ``runs`` after a warm-up, about a second in all on 2 cores (a model's encoder costs the
    same whatever it hears, so silence will do). Loads the model unless the app has."""
    if not bundled_model_installed() and downloaded_folder(BUNDLED_MODEL) is None:
        raise ModelMissing(
            QCoreApplication.translate(
                "ModelMissing", "The speed probe needs the bundled base model, which is missing."
            )
        )
    model = MODELS.get(BUNDLED_MODEL)
    frames = model.feature_extractor.nb_max_frames
    features = np.zeros((model.model.n_mels, frames), dtype=np.float32)
    model.encode(features)
    best = math.inf
    for _ in range(runs):
        start = time.perf_counter()
        model.encode(features)
        best = min(best, time.perf_counter() - start)
    log.info("Speed probe: base encodes 30 s in %.3f s on this CPU", best)
    return best


@functools.cache
def _probed_encoder_seconds() -> float:
    """``encoder_seconds()``, probed once a run (the CPU does not change)."""
    return encoder_seconds()


@dataclass(frozen=True)
class ModelOffer:
    model: CatalogModel
    language: str  # a Whisper code, or "auto"
    seconds_per_minute: float  # its final pass per minute of audio, estimated on this CPU
    base_seconds_per_minute: float  # the bundled model's, estimated alike


def find_offer(language: str) -> ModelOffer | None:
    """The most accurate model of ``better_models(language)`` whose final pass would take at
    most ``OFFER_BUDGET`` seconds a minute on this CPU (by the speed probe), or None when none
    would or it is on disk already. Blocks about a second the first time: off the GUI thread."""
    probe = _probed_encoder_seconds()
    for name in better_models(language):
        estimate = seconds_per_minute(name, probe)
        if estimate <= OFFER_BUDGET:
            if downloaded_folder(name) is not None:
                return None
            return ModelOffer(CATALOG[name], language, estimate, base_seconds_per_minute(probe))
    return None
