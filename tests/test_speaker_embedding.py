"""CAM++ speaker embeddings (core/speaker_embedding.py) on real speech from ../shared/speech.

That the ONNX file computes what the torch model does is checked where torch is, by
scripts/export_speaker_model.py (largest difference 2.5e-6 on a real window).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from faster_whisper import decode_audio

from tests.conftest import speech
from transcrevai_desktop.core.errors import ModelMissing
from transcrevai_desktop.core.speaker_embedding import (
    EMBEDDING_SIZE,
    MODEL_PATH,
    SAMPLE_RATE,
    SpeakerEmbedder,
)

WINDOW = 1.5  # seconds, the window diarization embeds
# Three talkers, three 1.5 s windows each, taken where each clip is loud speech (not pauses).
TALKERS = {
    "en_lucier_sitting_in_a_room": (12.0, 40.0, 86.0),
    "en_jfk": (0.5, 3.0, 6.0),
    "ptbr_tts_corpus_20phrases": (10.0, 20.5, 54.5),
}


def window(audio: np.ndarray, start: float, seconds: float = WINDOW) -> np.ndarray:
    first = int(start * SAMPLE_RATE)
    return audio[first : first + int(seconds * SAMPLE_RATE)]


@pytest.fixture(scope="module")
def embedder() -> SpeakerEmbedder:
    return SpeakerEmbedder()


@pytest.fixture(scope="module")
def audio() -> dict[str, np.ndarray]:
    return {name: decode_audio(str(speech(name).path)) for name in TALKERS}


def test_the_model_ships_with_the_package() -> None:
    assert MODEL_PATH.is_file()
    assert MODEL_PATH.stat().st_size > 25_000_000
    for provenance in ("README.md", "LICENSE", "NOTICE"):
        assert (MODEL_PATH.parent / provenance).is_file()


def test_same_talker_is_more_similar_than_different_talkers(
    embedder: SpeakerEmbedder, audio: dict[str, np.ndarray]
) -> None:
    windows, talker = [], []
    for name, starts in TALKERS.items():
        for start in starts:
            windows.append(window(audio[name], start))
            talker.append(name)
    embeddings = embedder.embed(windows)
    similarity = embeddings @ embeddings.T
    labels = np.array(talker)
    same = labels[:, None] == labels[None, :]
    other_window = ~np.eye(len(windows), dtype=bool)
    same_talker = similarity[same & other_window]
    different_talkers = similarity[~same]
    print(
        f"cosine similarity, same talker: min {same_talker.min():.3f} "
        f"mean {same_talker.mean():.3f}; different talkers: max {different_talkers.max():.3f} "
        f"mean {different_talkers.mean():.3f}"
    )
    assert same_talker.min() > different_talkers.max()
    assert same_talker.mean() - different_talkers.mean() > 0.25


def test_shapes_normalisation_and_mixed_lengths(
    embedder: SpeakerEmbedder, audio: dict[str, np.ndarray]
) -> None:
    jfk = audio["en_jfk"]
    windows = [window(jfk, 0.5), window(jfk, 3.0, 1.0), window(jfk, 5.0, 3.0), window(jfk, 6.0)]
    embeddings = embedder.embed(windows)
    assert embeddings.shape == (4, EMBEDDING_SIZE)
    assert embeddings.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(embeddings, axis=1), 1.0, atol=1e-5)
    # A window's embedding is the same whatever it is batched with.
    alone = np.concatenate([embedder.embed([w]) for w in windows])
    np.testing.assert_allclose(embeddings, alone, atol=1e-5)


def test_empty_silent_and_very_short_windows(embedder: SpeakerEmbedder) -> None:
    empty = embedder.embed([])
    assert empty.shape == (0, EMBEDDING_SIZE)
    assert empty.dtype == np.float32
    odd = embedder.embed([np.zeros(24_000, np.float32), np.full(100, 0.1, np.float32)])
    assert odd.shape == (2, EMBEDDING_SIZE)
    assert np.isfinite(odd).all()


def test_a_stereo_window_is_refused(embedder: SpeakerEmbedder) -> None:
    with pytest.raises(ValueError, match="mono"):
        embedder.embed([np.zeros((24_000, 2), np.float32)])


def test_missing_model_file_is_a_clear_error(tmp_path: Path) -> None:
    missing = SpeakerEmbedder(tmp_path / "campplus.onnx")
    assert missing.embed([]).shape == (0, EMBEDDING_SIZE)  # nothing to do, nothing loaded
    with pytest.raises(ModelMissing, match="speaker model"):
        missing.embed([np.zeros(24_000, np.float32)])
