"""Live passes that encode only as much audio as the window holds.

faster-whisper pads every window to Whisper's 30 s (3000 mel frames) before the encoder. A live
window holds 1–15 s, and on a CPU the encoder's cost grows faster than its input: on 2 cores,
base int8 encodes 1000 frames in 0.09 s and 3000 in 0.5 s, and the decoder then attends to a
third of the positions. ``ShortContextWhisper`` encodes the window plus a little silence
(at least ``min_seconds``) instead; the same trick as whisper.cpp's ``audio_ctx``. Whisper was
trained on 30 s inputs, so ``docs/benchmarks.md`` measures what this costs in accuracy; the final
pass always uses the full context.

**Later seeks.** When Whisper ends its text before the end of the window (its last word at
8.3 s of 9 s), faster-whisper seeks there and encodes the rest again, padded to 30 s: a
quarter of the live passes over en_lucier did, and took 0.8–1.4 s instead of 0.3 s on a 2-core
Intel Xeon. Most of those rests held under 0.3 s of audio, and what Whisper wrote for a rest
under a second was made up ("you", "I'm going to go back to the other side.", "e o que é o
que é o que é"): a rest shorter than ``LATER_SEEK_MIN`` is not decoded (the next pass hears it
at the end of a longer window), and a longer one gets the short context too.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np
from faster_whisper import WhisperModel
from faster_whisper.audio import pad_or_trim

from transcrevai_desktop.core.model_view import EndOfPass, ModelView

if TYPE_CHECKING:
    from ctranslate2 import StorageView
    from faster_whisper.tokenizer import Tokenizer

FULL_CONTEXT_FRAMES = 3000
MARGIN_SECONDS = 1.0  # silence encoded after the window's last sample
LATER_SEEK_MIN = 1.0  # seconds of audio a later seek needs to be decoded


class ShortContextWhisper(ModelView):
    """A view of a loaded ``WhisperModel`` whose encoder passes cover only the audio they
    hold: ``audio + MARGIN_SECONDS`` (at least ``min_seconds``) rather than 30 s. Language
    detection keeps the loaded model's full encoding."""

    def __init__(self, model: WhisperModel, min_seconds: float) -> None:
        super().__init__(model)
        self.min_seconds = min_seconds

    def context_frames(self, content_frames: int) -> int:
        """Mel frames to encode for a window of ``content_frames``: a whole second count."""
        per_second: int = self.frames_per_second
        seconds = max(self.min_seconds, content_frames / per_second + MARGIN_SECONDS)
        return min(FULL_CONTEXT_FRAMES, math.ceil(seconds) * per_second)

    def first_encoding(self, features: np.ndarray, tokenizer: Tokenizer) -> StorageView:
        return self._encode_heard(features, features.shape[-1] - 1)

    def encode(self, features: np.ndarray) -> StorageView:
        """A later seek (the first is ``first_encoding``, and language detection the loaded
        model's): ``features`` are the rest of the window padded with zeros to 30 s by
        faster-whisper. Log-mel frames of audio are never all zero."""
        heard = np.flatnonzero(features.reshape(-1, features.shape[-1]).any(axis=0))
        content = int(heard[-1]) + 1 if heard.size else 0
        if content < LATER_SEEK_MIN * self.frames_per_second:
            raise EndOfPass
        return self._encode_heard(features, content)

    def _encode_heard(self, features: np.ndarray, content_frames: int) -> StorageView:
        return super().encode(pad_or_trim(features, self.context_frames(content_frames)))

    def detect_language(self, *args: Any, **kwargs: Any) -> Any:
        return self.base_model.detect_language(*args, **kwargs)
