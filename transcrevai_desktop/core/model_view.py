"""Views of a loaded faster-whisper model that change how it encodes.

A view shares the loaded ``WhisperModel``'s CTranslate2 model, tokenizer and feature extractor
(no second copy in memory). The encoder output of the first seek of each ``transcribe`` call
is made by ``first_encoding`` (faster-whisper's ``generate_segments`` takes one):
``stretch_language.StretchLanguage`` detects the language on it. Later seeks go through
``encode``, which may end the call there (``EndOfPass``): ``short_context.ShortContextWhisper``
encodes less audio at every seek, and none for a rest of the window too short to hold a word.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np
from faster_whisper import WhisperModel
from faster_whisper.audio import pad_or_trim

if TYPE_CHECKING:
    from ctranslate2 import StorageView
    from faster_whisper.tokenizer import Tokenizer
    from faster_whisper.transcribe import Segment, TranscriptionOptions


class EndOfPass(Exception):
    """Raised by a view's ``encode`` to end a ``transcribe`` call at a later seek: the
    segments found before it stand."""


class ModelView(WhisperModel):  # type: ignore[misc]  # faster-whisper is untyped
    def __init__(self, model: WhisperModel) -> None:  # no super().__init__:
        self.__dict__.update(model.__dict__)  # everything is shared with the loaded model
        self.base_model = model

    def first_encoding(self, features: np.ndarray, tokenizer: Tokenizer) -> StorageView:
        """The encoder output of the first seek: faster-whisper's own (up to 30 s)."""
        frames = min(self.feature_extractor.nb_max_frames, features.shape[-1] - 1)
        return self.encode(pad_or_trim(features[:, :frames]))

    def generate_segments(
        self,
        features: np.ndarray,
        tokenizer: Tokenizer,
        options: TranscriptionOptions,
        log_progress: bool,
        encoder_output: StorageView | None = None,
    ) -> Iterator[Segment]:
        if encoder_output is None:
            encoder_output = self.first_encoding(features, tokenizer)
        try:
            yield from super().generate_segments(
                features, tokenizer, options, log_progress, encoder_output=encoder_output
            )
        except EndOfPass:
            return
