"""Audio fed to a ``StreamingTranscriber`` as a microphone feeds it, without a clock."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from transcrevai_desktop.core.capture import BLOCK_SECONDS
from transcrevai_desktop.core.devices import MODEL_RATE
from transcrevai_desktop.core.streaming import StreamingTranscriber


def feed_blocks(
    transcriber: StreamingTranscriber,
    audio: np.ndarray,
    fed: list[float],
    after: Callable[[], None] = lambda: None,
) -> None:
    """Feed ``audio`` in ``BLOCK_SECONDS`` blocks, stepping whenever ``pending_since`` asks,
    as the live scheduler does; ``fed[0]`` holds the seconds fed so far, and ``after`` runs
    after each block."""
    block = int(BLOCK_SECONDS * MODEL_RATE)
    for offset in range(0, len(audio), block):
        transcriber.feed(audio[offset : offset + block])
        fed[0] = min(offset + block, len(audio)) / MODEL_RATE
        if transcriber.pending_since is not None:
            transcriber.step()
        after()
