"""A local HTTP server standing in for the Hugging Face Hub, for the model download tests.

It answers what huggingface_hub and ``core.model_download`` ask of the hub: ``HEAD /``, the
model API (``GET /api/models/<repo>[/revision/<sha>]?blobs=True``: files with sizes, SHA-256
for LFS files, git blob ids for the others) and ``GET /<repo>/resolve/<revision>/<file>``,
serving a real model folder's files (plus a README no download should fetch) under one test
repository name. Faults on demand: a connection that breaks off half-way through model.bin,
a model.bin whose SHA-256 is not the one listed, a slow model.bin.

``empty_cache`` and ``serving`` make a test's fixtures.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from transcrevai_desktop.core.model_catalog import CATALOG, CatalogModel
from transcrevai_desktop.core.models import (
    BUNDLED_MODEL,
    MODELS,
    ensure_bundled_model,
    model_cache_dir,
)

TEST_MODEL = "test-base"
TEST_REPO = "transcrevai-test/faster-whisper-base"
REVISION = "0123456789abcdef0123456789abcdef01234567"
SERVED = ("model.bin", "config.json", "tokenizer.json", "vocabulary.txt")
README = b"# A test repository\n"
_CHUNK = 1 << 20
_USER_CACHE = model_cache_dir()  # before any test moves it


@functools.cache
def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 22):
            digest.update(chunk)
    return digest.hexdigest()


def _git_blob_id(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


class FakeHub:
    """Serves ``folder``'s model files as ``repo``; ``url`` is the endpoint for HF_ENDPOINT.

    ``fault``: None; "drop" (model.bin's connections close at its half: from there on it is
    never sent); "drop once" (only its first connection does); "stall" (its first connection
    sends half and then nothing until the hub closes); "damaged" (the listed SHA-256 of
    model.bin is wrong). HTTP ranges are answered. ``seconds_per_mib`` slows model.bin down.
    ``requests`` lists the paths asked for, ``ranges`` the ranges asked for."""

    def __init__(self, folder: Path, repo: str = TEST_REPO) -> None:
        self.folder, self.repo = folder, repo
        self.fault: str | None = None
        self.seconds_per_mib = 0.0
        self.requests: list[str] = []
        self.ranges: list[str] = []
        self._closed = threading.Event()
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def do_HEAD(self) -> None:
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def do_GET(self) -> None:
                path = unquote(urlsplit(self.path).path)
                hub.requests.append(path)
                hub._answer(self, path)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        )
        self._thread.start()
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def total_bytes(self) -> int:
        """What a download of the model fetches."""
        return sum((self.folder / name).stat().st_size for name in SERVED)

    def close(self) -> None:
        self._closed.set()
        self._server.shutdown()
        self._server.server_close()

    def _siblings(self) -> list[dict[str, object]]:
        siblings: list[dict[str, object]] = []
        for name in SERVED:
            path = self.folder / name
            size = path.stat().st_size
            if name == "model.bin":
                sha = "0" * 64 if self.fault == "damaged" else sha256_of(path)
                lfs = {"sha256": sha, "size": size, "pointerSize": 134}
                siblings.append({"rfilename": name, "size": size, "blobId": "f" * 40, "lfs": lfs})
            else:
                blob = _git_blob_id(path.read_bytes())
                siblings.append({"rfilename": name, "size": size, "blobId": blob})
        siblings.append({"rfilename": "README.md", "size": len(README), "blobId": "e" * 40})
        return siblings

    def _answer(self, handler: BaseHTTPRequestHandler, path: str) -> None:
        api = f"/api/models/{self.repo}"
        resolve = f"/{self.repo}/resolve/"
        if path in (api, f"{api}/revision/main", f"{api}/revision/{REVISION}"):
            info = {"id": self.repo, "sha": REVISION, "siblings": self._siblings()}
            self._send(handler, json.dumps(info).encode(), "application/json")
        elif path.startswith(resolve):
            revision, _, name = path[len(resolve) :].partition("/")
            if revision not in ("main", REVISION) or name not in (*SERVED, "README.md"):
                self._send(handler, b"Entry not found", status=404)
            elif name == "README.md":
                self._send(handler, README)
            else:
                self._send_file(handler, self.folder / name)
        else:
            self._send(handler, b'{"error": "Repository not found"}', status=404)

    def _send(
        self,
        handler: BaseHTTPRequestHandler,
        body: bytes,
        kind: str = "text/plain",
        status: int = 200,
    ) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", kind)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    def _send_file(self, handler: BaseHTTPRequestHandler, path: Path) -> None:
        size = path.stat().st_size
        asked = handler.headers.get("Range")
        start = int(asked.removeprefix("bytes=").rstrip("-")) if asked else 0
        big = path.name == "model.bin"
        if asked:
            self.ranges.append(asked)
        first = big and not any(request.endswith("/model.bin") for request in self.requests[:-1])
        if big and (self.fault == "drop" or (first and self.fault in ("drop once", "stall"))):
            stop_at = max(start, size // 2)
        else:
            stop_at = size
        handler.send_response(206 if asked else 200)
        handler.send_header("Content-Type", "application/octet-stream")
        handler.send_header("Content-Length", str(size - start))
        if asked:
            handler.send_header("Content-Range", f"bytes {start}-{size - 1}/{size}")
        handler.end_headers()
        sent = start
        with open(path, "rb") as source:
            source.seek(start)
            while sent < stop_at and (chunk := source.read(min(_CHUNK, stop_at - sent))):
                try:
                    handler.wfile.write(chunk)
                except OSError:  # the client went away (a cancelled download)
                    return
                sent += len(chunk)
                if big and self.seconds_per_mib:
                    time.sleep(self.seconds_per_mib * len(chunk) / _CHUNK)
        if big and first and self.fault == "stall":
            handler.wfile.flush()
            self._closed.wait(60)
        # Returning short of Content-Length closes the connection (HTTP/1.0) mid-file.


def catalog_entry() -> CatalogModel:
    """The catalog entry of the test model: base's facts, under the test repository."""
    return dataclasses.replace(CATALOG["base"], name=TEST_MODEL, repo=TEST_REPO)


def bundled_folder() -> Path:
    """The bundled model's folder, joined into the user's model cache (not a test's)."""
    return ensure_bundled_model(_USER_CACHE)


def load_bundled_model() -> None:
    """Load the bundled model from the user's cache into the shared registry (the speed probe
    times it) before a test empties the cache, which would get a copy of it joined."""
    MODELS.get(BUNDLED_MODEL)


def empty_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the model cache at an empty folder and put the test model in the catalog."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setitem(CATALOG, TEST_MODEL, catalog_entry())
    return model_cache_dir()


@contextlib.contextmanager
def serving(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeHub]:
    """A hub serving the bundled model as ``TEST_REPO``, HF_ENDPOINT pointing at it."""
    hub = FakeHub(bundled_folder())
    monkeypatch.setenv("HF_ENDPOINT", hub.url)
    try:
        yield hub
    finally:
        hub.close()


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty model cache for the test."""
    return empty_cache(tmp_path, monkeypatch)


@pytest.fixture
def hub(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeHub]:
    """The local model hub, HF_ENDPOINT pointing at it."""
    with serving(monkeypatch) as server:
        yield server


@pytest.fixture(scope="module")
def base_loaded() -> None:
    load_bundled_model()
