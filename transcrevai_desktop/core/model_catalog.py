"""The Whisper models a user can choose, with what a choice costs: download size, languages,
compute against base, and the seconds a minute of audio takes.

The names are those faster-whisper can fetch (``faster_whisper.utils.available_models()``);
their hub repositories are only in faster-whisper's private ``_MODELS``, so ``CATALOG`` keeps
its own copy beside the facts faster-whisper has not (``tests/test_model_download.py`` fails
when the two lists drift apart).
"""

from __future__ import annotations

from dataclasses import dataclass

# Base's final pass on the benchmark machine (2 cores, AMD EPYC, int8): real-time factor of
# `transcrevai transcribe` on a 10-minute file, docs/benchmarks.md, section "Final pass speed".
BASE_FINAL_PASS_RTF = 0.068
# Base's encoder on one 30 s window, same machine kind, best of 5 after a warm-up:
# model_download.encoder_seconds(), measured 2026-11-29. What the speed probe compares with.
BASE_ENCODER_SECONDS = 0.32
# Share of base's final pass spent in the encoder (one window per 30 s); the rest is decoding.
_BASE_ENCODER_SHARE = BASE_ENCODER_SECONDS / (BASE_FINAL_PASS_RTF * 30)
_BASE_WIDTH, _BASE_LAYERS = 512, 6


@dataclass(frozen=True)
class CatalogModel:
    """One model faster-whisper can fetch.

    ``download_mb``: approximate, model.bin plus its side files as the Hugging Face Hub lists
    them in the repository's "Files" tab (float16 weights), rounded to MB; a download reads
    the exact sizes from the hub. ``encoder_layers``, ``decoder_layers``, ``width``: the
    architecture (OpenAI's Whisper paper, table 1; the distil-whisper and large-v3-turbo
    model cards), from which the compute cost against base is estimated.
    """

    name: str
    repo: str
    download_mb: int
    english_only: bool
    encoder_layers: int
    decoder_layers: int
    width: int

    @property
    def folder(self) -> str:
        """The folder it is downloaded to in the model cache (aliases share it)."""
        return self.repo.rsplit("/", 1)[-1]

    @property
    def relative_cost(self) -> float:
        """Compute per minute of audio against base (1.0). Encoder and decoder each scale with
        layers × width² (their weights per layer), weighted by the share of base's final pass
        each takes: a few decoder layers (turbo, distil) cost far less than their size says."""
        base = _BASE_LAYERS * _BASE_WIDTH**2
        encoder = self.encoder_layers * self.width**2 / base
        decoder = self.decoder_layers * self.width**2 / base
        return _BASE_ENCODER_SHARE * encoder + (1 - _BASE_ENCODER_SHARE) * decoder


def _model(
    name: str, repo: str, mb: int, english: bool, layers: tuple[int, int], width: int
) -> CatalogModel:
    return CatalogModel(name, repo, mb, english, layers[0], layers[1], width)


_S = "Systran/faster-whisper-"
_D = "Systran/faster-distil-whisper-"
_TURBO = "mobiuslabsgmbh/faster-whisper-large-v3-turbo"
# In faster-whisper's order. distil-* large models are trained on English speech only.
CATALOG: dict[str, CatalogModel] = {
    m.name: m
    for m in (
        _model("tiny.en", _S + "tiny.en", 78, True, (4, 4), 384),
        _model("tiny", _S + "tiny", 78, False, (4, 4), 384),
        _model("base.en", _S + "base.en", 148, True, (6, 6), 512),
        _model("base", _S + "base", 148, False, (6, 6), 512),
        _model("small.en", _S + "small.en", 487, True, (12, 12), 768),
        _model("small", _S + "small", 487, False, (12, 12), 768),
        _model("medium.en", _S + "medium.en", 1531, True, (24, 24), 1024),
        _model("medium", _S + "medium", 1531, False, (24, 24), 1024),
        _model("large-v1", _S + "large-v1", 3089, False, (32, 32), 1280),
        _model("large-v2", _S + "large-v2", 3089, False, (32, 32), 1280),
        _model("large-v3", _S + "large-v3", 3090, False, (32, 32), 1280),
        _model("large", _S + "large-v3", 3090, False, (32, 32), 1280),
        _model("distil-large-v2", _D + "large-v2", 1514, True, (32, 2), 1280),
        _model("distil-medium.en", _D + "medium.en", 792, True, (24, 2), 1024),
        _model("distil-small.en", _D + "small.en", 335, True, (12, 2), 768),
        _model("distil-large-v3", _D + "large-v3", 1515, True, (32, 2), 1280),
        _model(
            "distil-large-v3.5", "distil-whisper/distil-large-v3.5-ct2", 1515, True, (32, 2), 1280
        ),
        _model("large-v3-turbo", _TURBO, 1621, False, (32, 4), 1280),
        _model("turbo", _TURBO, 1621, False, (32, 4), 1280),
    )
}

# Candidates to offer instead of base, most accurate first; the first whose final pass fits
# OFFER_BUDGET on this CPU is offered. large-v3-turbo is about as accurate as large-v3 (its
# 4-layer decoder is what makes it fast) and well ahead of medium in Portuguese; small is the
# step up a slow CPU can afford. English speakers get the English-only distil-large-v3 (near
# large-v3 in English, 2 decoder layers), or small.en.
_BETTER_MULTILINGUAL = ("large-v3-turbo", "medium", "small")
_BETTER_ENGLISH = ("distil-large-v3", "small.en")
OFFER_BUDGET = 30.0  # seconds of final pass per minute of audio: at most half the recording


def is_alias(name: str) -> bool:
    """Whether an earlier name already stands for the same repository (``large``, ``turbo``)."""
    repo = CATALOG[name].repo
    return next(n for n, m in CATALOG.items() if m.repo == repo) != name


def better_models(language: str) -> tuple[str, ...]:
    """Models worth offering for speech in ``language`` (a Whisper code), best first."""
    return _BETTER_ENGLISH if language == "en" else _BETTER_MULTILINGUAL


def base_seconds_per_minute(encoder_seconds: float | None = None) -> float:
    """Seconds base's final pass takes per minute of audio: on the benchmark machine, or on a
    CPU whose base encoder takes ``encoder_seconds`` for a 30 s window (the speed probe)."""
    scale = 1.0 if encoder_seconds is None else encoder_seconds / BASE_ENCODER_SECONDS
    return BASE_FINAL_PASS_RTF * 60 * scale


def seconds_per_minute(name: str, encoder_seconds: float) -> float:
    """Estimated seconds the final pass of ``name`` takes per minute of audio on a CPU whose
    base encoder takes ``encoder_seconds`` for a 30 s window."""
    return base_seconds_per_minute(encoder_seconds) * CATALOG[name].relative_cost
