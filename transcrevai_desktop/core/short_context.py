"""Live passes that encode only as much audio as the window holds.

faster-whisper pads every window to Whisper's 30 s (3000 mel frames) before the encoder. A live
window holds 1–15 s, and on a CPU the encoder's cost grows faster than its input: on 2 cores,
base int8 encodes 1000 frames in 0.09 s and 3000 in 0.5 s, and the decoder then attends to a
third of the positions. ``ShortContextWhisper`` encodes the window plus a little silence
(at least ``min_seconds``) instead; the same trick as whisper.cpp's ``audio_ctx``. Whisper was
trained on 30 s inputs, so ``docs/benchmarks.md`` measures what this costs in accuracy; the final
pass always uses the full context.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
from faster_whisper import WhisperModel
from faster_whisper.audio import pad_or_trim

from transcrevai_desktop.core.model_view import ModelView

if TYPE_CHECKING:
    from ctranslate2 import StorageView
    from faster_whisper.tokenizer import Tokenizer

FULL_CONTEXT_FRAMES = 3000
MARGIN_SECONDS = 1.0  # silence encoded after the window's last sample


class ShortContextWhisper(ModelView):
    """A view of a loaded ``WhisperModel`` whose first encoder pass covers only the window:
    ``window + MARGIN_SECONDS`` (at least ``min_seconds``) rather than 30 s. Later seeks in
    the same call, if any, and language detection keep faster-whisper's own full encoding.
    """

    def __init__(self, model: WhisperModel, min_seconds: float) -> None:
        super().__init__(model)
        self.min_seconds = min_seconds

    def context_frames(self, content_frames: int) -> int:
        """Mel frames to encode for a window of ``content_frames``: a whole second count."""
        per_second: int = self.frames_per_second
        seconds = max(self.min_seconds, content_frames / per_second + MARGIN_SECONDS)
        return min(FULL_CONTEXT_FRAMES, math.ceil(seconds) * per_second)

    def first_encoding(self, features: np.ndarray, tokenizer: Tokenizer) -> StorageView:
        frames = self.context_frames(features.shape[-1] - 1)
        return self.encode(pad_or_trim(features, frames))
