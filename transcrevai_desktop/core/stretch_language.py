"""Revisions that detect a stretch's language on the encoding they decode from.

faster-whisper detects a language by encoding the audio once more (``detect_language``): on
2 cores, 0.5 s of a revision's 1.0–1.6 s (base int8, stretches of 6–12 s). Its
``multilingual`` option reuses the decoding's own encoder output, but takes whatever language
comes first, however unsure. ``StretchLanguage`` does the same as ``multilingual`` with a rule:
the language heard so far (``usual``) is kept unless the detection is ``sure`` of another.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from faster_whisper import WhisperModel

from transcrevai_desktop.core.model_view import ModelView

if TYPE_CHECKING:
    from ctranslate2 import StorageView
    from faster_whisper.tokenizer import Tokenizer


class StretchLanguage(ModelView):
    """A view of a loaded multilingual ``WhisperModel`` for one ``transcribe`` call (given
    ``usual``, or any language if there is none): it decodes in the language its first 30 s
    are ``sure`` to be in, else in ``usual``, and says which in ``language``."""

    def __init__(self, model: WhisperModel, usual: str | None, sure: float) -> None:
        super().__init__(model)
        self.usual, self.sure = usual, sure
        self.language = usual

    def first_encoding(self, features: np.ndarray, tokenizer: Tokenizer) -> StorageView:
        encoder_output = super().first_encoding(features, tokenizer)
        (token, probability), *_ = self.model.detect_language(encoder_output)[0]
        if self.usual is None or probability >= self.sure:
            self.language = token[2:-2]  # "<|pt|>"
            tokenizer.language = tokenizer.tokenizer.token_to_id(token)  # as multilingual does
            tokenizer.language_code = self.language
        return encoder_output
