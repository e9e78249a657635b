"""Live passes with a short encoder context: how much audio is encoded, and that they hear."""

from __future__ import annotations

import pytest
from faster_whisper import WhisperModel

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


@pytest.mark.parametrize(
    ("seconds", "said", "positions"),
    [
        # Whisper's text ends at 8.0 s: the rest is encoded again, with the short context
        ((40, 49), "any fendlence of my speech with perhaps the exception of", [500, 500]),
        # it ends at 8.5 s: the half second left holds no word Whisper would not make up
        ((80, 89), "as a demonstration of a physical fact, but more as a way to", [500]),
    ],
)
@pytest.mark.slow
def test_a_pass_encodes_the_rest_of_its_window_only_when_a_second_of_it_is_left(
    engine, monkeypatch, seconds, said, positions
):
    """faster-whisper seeks to the end of the last word Whisper wrote and encodes the rest of
    the window again, padded to 30 s (1500 encoder positions): that made a quarter of the live
    passes over en_lucier three times slower."""
    start, end = seconds
    audio = decode_file(speech("en_lucier_sitting_in_a_room").path)[start * 16000 : end * 16000]
    live_engine = Engine(EngineSettings(live_context=10.0))
    live_engine.live_model()
    encoded: list[int] = []
    encode = WhisperModel.encode

    def spied(model, features):
        output = encode(model, features)
        encoded.append(output.shape[1])
        return output

    monkeypatch.setattr(WhisperModel, "encode", spied)
    words, _, _ = live_engine.transcribe_window(audio, "en", "")
    assert said in "".join(w.text for w in words)
    assert encoded == positions  # 10 s of context: 500 positions


@pytest.mark.slow
def test_the_short_context_model_shares_the_loaded_weights(engine, live_model):
    assert live_model.base_model is engine.model()
    assert live_model.model is engine.model().model  # one CTranslate2 model in memory
    assert Engine(EngineSettings(live_context=30.0)).live_model() is engine.model()
