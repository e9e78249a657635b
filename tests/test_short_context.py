"""Live passes with a short encoder context: how much audio is encoded, and that they hear."""

from __future__ import annotations

import pytest

from tests.conftest import speech, wer
from transcrevai_desktop.core.decoding import decode_file
from transcrevai_desktop.core.engine import Engine, EngineSettings
from transcrevai_desktop.core.short_context import FULL_CONTEXT_FRAMES, ShortContextWhisper


@pytest.fixture(scope="module")
def live_model(engine) -> ShortContextWhisper:
    model = Engine(EngineSettings(live_context=10.0)).live_model()
    assert isinstance(model, ShortContextWhisper)
    return model


@pytest.mark.slow
def test_the_encoded_context_is_the_window_plus_a_second_at_least_ten_at_most_thirty(live_model):
    per_second = live_model.frames_per_second
    assert live_model.context_frames(2 * per_second) == 10 * per_second
    assert live_model.context_frames(int(12.3 * per_second)) == 14 * per_second
    assert live_model.context_frames(40 * per_second) == FULL_CONTEXT_FRAMES


@pytest.mark.slow
def test_a_short_context_pass_hears_what_a_full_one_hears(engine, live_model):
    clip = speech("en_jfk")
    audio = decode_file(clip.path)
    words, _, _ = Engine(EngineSettings(live_context=10.0)).transcribe_window(audio, "en", "")
    assert wer(clip.reference, "".join(w.text for w in words)) < 0.1
    assert 0 < words[-1].end <= len(audio) / 16000 + 0.5


@pytest.mark.slow
def test_the_short_context_model_shares_the_loaded_weights(engine, live_model):
    assert live_model.base_model is engine.model()
    assert live_model.model is engine.model().model  # one CTranslate2 model in memory
    assert Engine(EngineSettings(live_context=30.0)).live_model() is engine.model()
